#include "content/qtype_kit.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/codec.h"
#include "content/schema.h"
#include "content/validate.h"
#include "content/ytree.h"

/* "[,]" inside fill-in text: '[', U+200B ZERO WIDTH SPACE, ",]". */
#define FILL_ESCAPED	"[\xE2\x80\x8B,]"

int
qtype_msg_len(size_t len)
{
	return len > 64 ? 64 : (int)len;
}

const char *
qtype_field_next(const char **p, const char *delim, size_t *len)
{
	const char	*start = *p, *end;

	end = strstr(start, delim);
	if (end == NULL) {
		*len = strlen(start);
		*p = NULL;
	} else {
		*len = (size_t)(end - start);
		*p = end + strlen(delim);
	}
	return start;
}

int
qtype_cmp_size(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

int
qtype_is_identity(const size_t *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] != i)
			return 0;
	return 1;
}

void
qtype_fill_escape(const char *text, struct buf *out)
{
	const char	*p;

	while ((p = strstr(text, QTYPE_LIST)) != NULL) {
		buf_add(out, text, (size_t)(p - text));
		buf_adds(out, FILL_ESCAPED);
		text = p + strlen(QTYPE_LIST);
	}
	buf_adds(out, text);
}

char *
qtype_fill_unescape(const char *s)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	while ((p = strstr(s, FILL_ESCAPED)) != NULL) {
		buf_add(&b, s, (size_t)(p - s));
		buf_adds(&b, QTYPE_LIST);
		s = p + strlen(FILL_ESCAPED);
	}
	buf_adds(&b, s);
	if (b.len == 0)
		return xstrdup("");
	return buf_detach(&b, NULL);
}

void
qtype_sel_alloc(struct qtype_response *r, size_t n)
{
	free(r->sel);
	r->sel = n > 0 ? xcalloc(n, sizeof *r->sel) : NULL;
	r->nsel = 0;
}

int
qtype_parse_ids(const struct question *q, const char *s,
    struct qtype_response *r, int allow_repeat, struct err *e)
{
	const char	*f;
	size_t		 n = qtype_nparts(q), len, k, i;

	qtype_sel_alloc(r, n);
	while (s != NULL) {
		f = qtype_field_next(&s, QTYPE_LIST, &len);
		if ((k = qtype_part_find(q, f, len)) == QTYPE_NONE)
			return err_set(e, "question '%s' has no %s '%.*s'",
			    q->id, qtype_part_kind(q), qtype_msg_len(len), f);
		for (i = 0; i < r->nsel; i++)
			if (r->sel[i] == k)
				break;
		if (i < r->nsel) {
			if (allow_repeat)
				continue;
			return err_set(e, "response to question '%s' lists "
			    "%s '%s' twice", q->id, qtype_part_kind(q),
			    qtype_part_id(q, k));
		}
		r->sel[r->nsel++] = k;
	}
	return 0;
}

int
qtype_wrong(const struct question *q, const char *what, struct err *e)
{
	return err_set(e, "response to question '%s' %s", q->id, what);
}

int
qtype_encode_ids(const struct question *q, const size_t *sel, size_t n,
    struct buf *out, struct err *e)
{
	size_t	i, j, np = qtype_nparts(q);

	for (i = 0; i < n; i++) {
		if (sel[i] >= np)
			return qtype_wrong(q, "has an index out of range", e);
		for (j = 0; j < i; j++)
			if (sel[j] == sel[i])
				return err_set(e, "response to question '%s' "
				    "lists %s '%s' twice", q->id,
				    qtype_part_kind(q), qtype_part_id(q,
				    sel[i]));
		if (i > 0)
			buf_adds(out, QTYPE_LIST);
		buf_adds(out, qtype_part_id(q, sel[i]));
	}
	return 0;
}

int
qtype_score_parsed(const struct question *q, const char *resp,
    int (*right)(const struct question *, const struct qtype_response *),
    int *correct, double *points)
{
	struct qtype_response	r;

	if (qtype_response_parse(q, resp, &r, NULL) == -1) {
		qtype_response_release(&r);
		return -1;
	}
	*correct = right(q, &r);
	*points = *correct ? q->points : 0;
	qtype_response_release(&r);
	return 0;
}

int
qtype_right_in_order(const struct question *q, const struct qtype_response *r)
{
	return r->nsel == qtype_nparts(q) && qtype_is_identity(r->sel, r->nsel);
}

size_t
qtype_one_pattern(const struct question *q)
{
	(void)q;
	return 1;
}

int
qtype_empty_sel(const struct qtype_response *r)
{
	return r->nsel == 0;
}

int
qtype_empty_text(const struct qtype_response *r)
{
	return r->text == NULL || *r->text == '\0';
}

/* ---- the choice list of choice and multiple questions ---- */

static const char *const choice_keys[] = {
	"id", "text", "correct", "feedback", NULL
};

void
qtype_load_choices(struct schema *s, struct question *q,
    const struct ynode *m, int only_one)
{
	const struct ynode	 *seq;
	const char		**ids;
	size_t			  i, ncorrect = 0;

	if ((seq = schema_req(s, m, "choices")) == NULL ||
	    !schema_is(s, seq, YN_SEQ, "choices"))
		return;
	if (seq->n < 2) {
		schema_error(s, seq, "a %s question needs at least 2 "
		    "choices", qtype_name(q->type));
		if (seq->n == 0)
			return;
	}
	q->nchoices = seq->n;
	q->choices = arena_alloc(s->a, seq->n * sizeof *q->choices);
	ids = xcalloc(seq->n, sizeof *ids);
	for (i = 0; i < seq->n; i++) {
		const struct ynode	*c = seq->kids[i];
		struct choice		*ch = &q->choices[i];

		if (c->kind == YN_SCALAR) {
			/* shorthand: a choice that is only its text */
			ch->id = schema_opt_id(s, NULL, NULL, i);
			schema_lstr(s, c, &ch->text);
		} else if (schema_is(s, c, YN_MAP, "a choice")) {
			schema_keys(s, c, choice_keys, NULL, "a choice");
			ch->id = schema_opt_id(s, c, NULL, i);
			schema_req_lstr(s, c, "text", &ch->text);
			ch->correct = schema_opt_bool(s, c, "correct", 0);
			schema_opt_lstr(s, c, "feedback", &ch->feedback);
		}
		ids[i] = ch->id;
		if (ch->correct)
			ncorrect++;
	}
	schema_sibling_ids(s, seq, ids, seq->n, "choice");
	free(ids);
	if (ncorrect == 0)
		schema_error(s, seq, "%s question '%s' has no correct "
		    "choice (mark one with 'correct: true')",
		    qtype_name(q->type), q->id ? q->id : "?");
	else if (only_one && ncorrect > 1)
		schema_error(s, seq, "choice question '%s' has %zu correct "
		    "choices; use type 'multiple' to accept several",
		    q->id ? q->id : "?", ncorrect);
}

size_t
qtype_choice_count(const struct question *q)
{
	return q->nchoices;
}

const char *
qtype_choice_id(const struct question *q, size_t i)
{
	return q->choices[i].id;
}

const struct lstr *
qtype_choice_text(const struct question *q, size_t list, size_t i)
{
	(void)list;
	return &q->choices[i].text;
}


/* In a pack's record: the count, then each choice's id, text, mark and
 * feedback. */
void
qtype_choices_encode(const struct question *q, struct buf *out)
{
	size_t	i;

	codec_put_u(out, q->nchoices);
	for (i = 0; i < q->nchoices; i++) {
		codec_put_s(out, q->choices[i].id);
		codec_put_l(out, &q->choices[i].text);
		codec_put_u(out, q->choices[i].correct != 0);
		codec_put_l(out, &q->choices[i].feedback);
	}
}

void
qtype_choices_decode(struct codec_rd *r, struct question *q)
{
	size_t	i;

	q->nchoices = codec_get_n(r);
	q->choices = codec_get_array(r, q->nchoices, sizeof *q->choices);
	for (i = 0; i < q->nchoices; i++) {
		q->choices[i].id = codec_get_s(r);
		codec_get_l(r, &q->choices[i].text);
		q->choices[i].correct = (int)codec_get_max(r, 1);
		codec_get_l(r, &q->choices[i].feedback);
	}
}

const char *
qtype_choices_check(const struct question *q, int only_one)
{
	size_t	i, ncorrect = 0;

	if (q->nchoices < 2 || q->choices == NULL)
		return "needs at least 2 choices";
	for (i = 0; i < q->nchoices; i++) {
		if (!validate_part_id(q, i) ||
		    !validate_lstr(&q->choices[i].text, 1) ||
		    !validate_lstr(&q->choices[i].feedback, 0))
			return "has a bad choice";
		ncorrect += q->choices[i].correct != 0;
	}
	if (ncorrect == 0 || (only_one && ncorrect > 1))
		return "has the wrong number of correct choices";
	return NULL;
}

const char *
qtype_no_check(const struct question *q)
{
	(void)q;
	return NULL;
}
