/*
 * Matching: pair each left item with a right item. The right item of
 * pair i has the id of pair i, so the response "1[.]2[,]2[.]1" names
 * left[.]right pair ids, and "1[.]1[,]2[.]2" is the correct one. The
 * statement lists the left items as "source", the right as "target".
 */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/idset.h"
#include "base/xalloc.h"
#include "content/codec.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"
#include "content/schema.h"
#include "content/validate.h"
#include "content/ytree.h"

static const char *const matching_keys[] = { "pairs", NULL };
static const char *const matching_lists[] = { "source", "target", NULL };
static const char *const pair_keys[] = { "id", "left", "right", NULL };

/* The same left text twice cannot be told apart on the screen. */
static void
matching_left_once(struct schema *s, const struct question *q,
    const struct ynode *seq)
{
	const struct idpos	*first;
	struct idset		 set;
	const char		*a;
	size_t			 i;

	idset_init(&set);	/* hashed, not every pair compared */
	for (i = 0; i < q->npairs; i++) {
		if ((a = q->pairs[i].left.s[LANG_TH]) == NULL)
			continue;
		first = idset_add(&set, a, "", seq->kids[i]->line,
		    seq->kids[i]->col);
		if (first != NULL)
			schema_error(s, seq->kids[i], "the same left item "
			    "twice (first at %u:%u)", first->line, first->col);
	}
	idset_release(&set);
}

static void
matching_load(struct schema *s, struct question *q, const struct ynode *m)
{
	const struct ynode	 *seq;
	const char		**ids;
	size_t			  i;

	if ((seq = schema_req(s, m, "pairs")) == NULL ||
	    !schema_is(s, seq, YN_SEQ, "pairs"))
		return;
	if (seq->n < 2) {
		schema_error(s, seq, "a matching question needs at least "
		    "2 pairs");
		if (seq->n == 0)
			return;
	}
	q->npairs = seq->n;
	q->pairs = arena_alloc(s->a, seq->n * sizeof *q->pairs);
	ids = xcalloc(seq->n, sizeof *ids);
	for (i = 0; i < seq->n; i++) {
		const struct ynode	*pm = seq->kids[i];
		struct match_pair	*p = &q->pairs[i];

		p->id = schema_opt_id(s, pm, "", i);
		ids[i] = p->id;
		if (!schema_is(s, pm, YN_MAP, "a pair ({left: ..., "
		    "right: ...})"))
			continue;
		schema_keys(s, pm, pair_keys, NULL, "a pair");
		schema_req_lstr(s, pm, "left", &p->left);
		schema_req_lstr(s, pm, "right", &p->right);
	}
	schema_sibling_ids(s, seq, ids, seq->n, "pair");
	matching_left_once(s, q, seq);
	free(ids);
}

static size_t
matching_nparts(const struct question *q)
{
	return q->npairs;
}

static const char *
matching_part_id(const struct question *q, size_t i)
{
	return q->pairs[i].id;
}

static const struct lstr *
matching_component(const struct question *q, size_t list, size_t i)
{
	return list == 0 ? &q->pairs[i].left : &q->pairs[i].right;
}

/* Unanswered: one entry per pair, none matched. */
static void
matching_init(struct qtype_response *r, const struct question *q)
{
	size_t	i;

	if (q->npairs == 0)
		return;
	r->sel = xcalloc(q->npairs, sizeof *r->sel);
	r->nsel = q->npairs;
	for (i = 0; i < q->npairs; i++)
		r->sel[i] = QTYPE_NONE;
}

static int
matching_empty(const struct qtype_response *r)
{
	size_t	i;

	for (i = 0; i < r->nsel; i++)
		if (r->sel[i] != QTYPE_NONE)
			return 0;
	return 1;
}

static int
matching_parse(const struct question *q, const char *s,
    struct qtype_response *r, struct err *e)
{
	const char	*f, *pair, *rest;
	size_t		 len, llen, rlen, l, k;
	char		*tmp;

	while (s != NULL) {
		f = qtype_field_next(&s, QTYPE_LIST, &len);
		tmp = xstrndup(f, len);
		rest = tmp;
		pair = qtype_field_next(&rest, QTYPE_PAIR, &llen);
		if (rest == NULL || strstr(rest, QTYPE_PAIR) != NULL) {
			err_set(e, "'%.*s' is not a left[.]right pair",
			    qtype_msg_len(len), f);
			free(tmp);
			return -1;
		}
		rlen = strlen(rest);
		l = qtype_part_find(q, pair, llen);
		k = qtype_part_find(q, rest, rlen);
		if (l == QTYPE_NONE || k == QTYPE_NONE) {
			err_set(e, "question '%s' has no pair '%.*s'", q->id,
			    l == QTYPE_NONE ? qtype_msg_len(llen) :
			    qtype_msg_len(rlen), l == QTYPE_NONE ? pair : rest);
			free(tmp);
			return -1;
		}
		free(tmp);
		if (r->sel[l] != QTYPE_NONE)
			return err_set(e, "response to question '%s' matches "
			    "'%s' twice", q->id, qtype_part_id(q, l));
		r->sel[l] = k;
	}
	return 0;
}

static int
matching_encode(const struct question *q, const struct qtype_response *r,
    struct buf *out, struct err *e)
{
	size_t	i, n;

	if (r->nsel != q->npairs)
		return qtype_wrong(q, "does not have one entry per pair", e);
	for (i = 0, n = 0; i < r->nsel; i++) {
		if (r->sel[i] == QTYPE_NONE)
			continue;
		if (r->sel[i] >= q->npairs)
			return qtype_wrong(q, "has an index out of range", e);
		if (n++ > 0)
			buf_adds(out, QTYPE_LIST);
		buf_adds(out, q->pairs[i].id);
		buf_adds(out, QTYPE_PAIR);
		buf_adds(out, q->pairs[r->sel[i]].id);
	}
	return 0;
}

static void
matching_pattern(const struct question *q, size_t i, struct buf *out)
{
	size_t	j;

	(void)i;
	for (j = 0; j < q->npairs; j++) {
		if (j > 0)
			buf_adds(out, QTYPE_LIST);
		buf_adds(out, q->pairs[j].id);
		buf_adds(out, QTYPE_PAIR);
		buf_adds(out, q->pairs[j].id);
	}
}

static int
matching_score(const struct question *q, const char *resp, int *correct,
    double *points)
{
	return qtype_score_parsed(q, resp, qtype_right_in_order, correct,
	    points);
}

/* In a pack's record: the count, then each pair's id, left and right. */
static void
matching_record_encode(const struct question *q, struct buf *out)
{
	size_t	i;

	codec_put_u(out, q->npairs);
	for (i = 0; i < q->npairs; i++) {
		codec_put_s(out, q->pairs[i].id);
		codec_put_l(out, &q->pairs[i].left);
		codec_put_l(out, &q->pairs[i].right);
	}
}

static void
matching_record_decode(struct codec_rd *r, struct question *q)
{
	size_t	i;

	q->npairs = codec_get_n(r);
	q->pairs = codec_get_array(r, q->npairs, sizeof *q->pairs);
	for (i = 0; i < q->npairs; i++) {
		q->pairs[i].id = codec_get_s(r);
		codec_get_l(r, &q->pairs[i].left);
		codec_get_l(r, &q->pairs[i].right);
	}
}

static const char *
matching_check(const struct question *q)
{
	size_t	i;

	if (q->npairs < 2 || q->pairs == NULL)
		return "needs at least 2 pairs";
	for (i = 0; i < q->npairs; i++)
		if (!validate_part_id(q, i) ||
		    !validate_lstr(&q->pairs[i].left, 1) ||
		    !validate_lstr(&q->pairs[i].right, 1))
			return "has a bad pair";
	return NULL;
}

const struct qtype_ops qtype_matching = {
	.type = Q_MATCHING,
	.name = "matching",
	.interaction = "matching",
	.syntax = QSYN_ID_PAIRS,
	.keys = matching_keys,
	.load = matching_load,
	.part_kind = "pair",
	.order = QORDER_AWAY,
	.nparts = matching_nparts,
	.part_id = matching_part_id,
	.lists = matching_lists,
	.component = matching_component,
	.response_init = matching_init,
	.response_empty = matching_empty,
	.response_parse = matching_parse,
	.response_encode = matching_encode,
	.npatterns = qtype_one_pattern,
	.pattern = matching_pattern,
	.score = matching_score,
	.record_encode = matching_record_encode,
	.record_decode = matching_record_decode,
	.record_check = matching_check,
};
