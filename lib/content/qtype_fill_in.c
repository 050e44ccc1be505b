/*
 * Fill-in: typed text, right when it equals an accepted answer after
 * text_normalise(). The response is the text with each "[,]" escaped
 * (learn/attempt.h); there is one pattern per accepted answer.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "content/codec.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"
#include "content/schema.h"
#include "content/validate.h"
#include "content/ytree.h"
#include "text/text.h"

static const char *const fill_in_keys[] = { "answers", NULL };

static void
fill_in_answers(struct schema *s, struct question *q, const struct ynode *n)
{
	size_t	i;

	if (n->kind == YN_SCALAR) {
		q->nanswers = 1;
		q->answers = arena_alloc(s->a, sizeof *q->answers);
		q->answers[0] = schema_text(s, n);
		return;
	}
	if (!schema_is(s, n, YN_SEQ, "answers"))
		return;
	if (n->n == 0) {
		schema_error(s, n, "fill-in question '%s' has no accepted "
		    "answer", q->id ? q->id : "?");
		return;
	}
	q->nanswers = n->n;
	q->answers = arena_alloc(s->a, n->n * sizeof *q->answers);
	for (i = 0; i < n->n; i++) {
		/* {th: ..., en: ...} is how other text is written, so
		 * trainers try it here too; say what to write instead. */
		if (n->kids[i]->kind == YN_MAP)
			schema_error(s, n->kids[i], "an answer must be text, "
			    "not a mapping: list the answers of every "
			    "language as plain text (answers: [รหัสผ่าน, "
			    "password])");
		else if (schema_is(s, n->kids[i], YN_SCALAR, "an answer"))
			q->answers[i] = schema_text(s, n->kids[i]);
	}
}

static void
fill_in_load(struct schema *s, struct question *q, const struct ynode *m)
{
	const struct ynode	*n;

	if ((n = ynode_get(m, "answers")) == NULL)
		schema_error(s, m, "fill-in question '%s' has no accepted "
		    "answer (add 'answers: [...]')", q->id ? q->id : "?");
	else
		fill_in_answers(s, q, n);
}

static int
fill_in_parse(const struct question *q, const char *s,
    struct qtype_response *r, struct err *e)
{
	(void)q;
	(void)e;
	free(r->text);
	r->text = qtype_fill_unescape(s);
	return 0;
}

static int
fill_in_encode(const struct question *q, const struct qtype_response *r,
    struct buf *out, struct err *e)
{
	if (!text_valid_utf8(r->text, strlen(r->text), NULL))
		return qtype_wrong(q, "is not valid UTF-8", e);
	qtype_fill_escape(r->text, out);
	return 0;
}

static size_t
fill_in_npatterns(const struct question *q)
{
	return q->nanswers;
}

static void
fill_in_pattern(const struct question *q, size_t i, struct buf *out)
{
	if (i >= q->nanswers)
		return;
	buf_adds(out, "{case_matters=false}");
	qtype_fill_escape(q->answers[i], out);
}

static int
fill_in_score(const struct question *q, const char *resp, int *correct,
    double *points)
{
	size_t	i;

	/* the "[,]" escape is invisible to text_normalise() */
	for (i = 0; i < q->nanswers; i++)
		if (text_equal_normalised(resp, q->answers[i]))
			*correct = 1;
	*points = *correct ? q->points : 0;
	return 0;
}

/* In a pack's record: the accepted answers, as written. */
static void
fill_in_record_encode(const struct question *q, struct buf *out)
{
	codec_put_strs(out, q->answers, q->nanswers);
}

static void
fill_in_record_decode(struct codec_rd *r, struct question *q)
{
	q->answers = codec_get_strs(r, &q->nanswers);
}

static const char *
fill_in_check(const struct question *q)
{
	size_t	i;

	if (q->nanswers == 0 || q->answers == NULL)
		return "has no accepted answer";
	for (i = 0; i < q->nanswers; i++)
		if (!validate_text(q->answers[i]))
			return "has a bad answer";
	return NULL;
}

const struct qtype_ops qtype_fill_in = {
	.type = Q_FILL_IN,
	.name = "fill-in",
	.interaction = "fill-in",
	.syntax = QSYN_TEXT,
	.keys = fill_in_keys,
	.load = fill_in_load,
	.part_kind = NULL,
	.order = QORDER_NONE,
	.lists = NULL,
	.response_init = NULL,
	.response_empty = qtype_empty_text,
	.response_parse = fill_in_parse,
	.response_encode = fill_in_encode,
	.npatterns = fill_in_npatterns,
	.pattern = fill_in_pattern,
	.score = fill_in_score,
	.record_encode = fill_in_record_encode,
	.record_decode = fill_in_record_decode,
	.record_check = fill_in_check,
};
