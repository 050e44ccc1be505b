/*
 * Ordering: put items in order. The response lists every item id in the
 * officer's order ("3[,]1[,]2"); the pattern is the authored order. An
 * xAPI "sequencing" interaction, whose items are its "choices".
 */
#include <stdalign.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/codec.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"
#include "content/schema.h"
#include "content/validate.h"
#include "content/ytree.h"

static const char *const ordering_keys[] = { "items", NULL };
static const char *const ordering_lists[] = { "choices", NULL };
static const char *const item_keys[] = { "id", "text", NULL };

static void
ordering_load(struct schema *s, struct question *q, const struct ynode *m)
{
	const struct ynode	 *seq;
	const char		**ids;
	size_t			  i;

	if ((seq = schema_req(s, m, "items")) == NULL ||
	    !schema_is(s, seq, YN_SEQ, "items"))
		return;
	if (seq->n < 2) {
		schema_error(s, seq, "an ordering question needs at least "
		    "2 items");
		if (seq->n == 0)
			return;
	}
	q->nitems = seq->n;
	q->items = arena_alloc(s->a, seq->n * sizeof *q->items);
	ids = xcalloc(seq->n, sizeof *ids);
	for (i = 0; i < seq->n; i++) {
		const struct ynode	*im = seq->kids[i];
		struct order_item	*it = &q->items[i];

		if (im->kind == YN_MAP && ynode_get(im, "text") != NULL) {
			schema_keys(s, im, item_keys, NULL, "an item");
			it->id = schema_opt_id(s, im, "", i);
			schema_req_lstr(s, im, "text", &it->text);
		} else {
			it->id = schema_opt_id(s, NULL, "", i);
			schema_lstr(s, im, &it->text);
		}
		ids[i] = it->id;
	}
	schema_sibling_ids(s, seq, ids, seq->n, "item");
	free(ids);
}

static size_t
ordering_nparts(const struct question *q)
{
	return q->nitems;
}

static const char *
ordering_part_id(const struct question *q, size_t i)
{
	return q->items[i].id;
}

static const struct lstr *
ordering_component(const struct question *q, size_t list, size_t i)
{
	(void)list;
	return &q->items[i].text;
}

static int
ordering_parse(const struct question *q, const char *s,
    struct qtype_response *r, struct err *e)
{
	if (qtype_parse_ids(q, s, r, 0, e) == -1)
		return -1;
	if (r->nsel != q->nitems)
		return err_set(e, "response to question '%s' orders %zu of "
		    "its %zu items", q->id, r->nsel, q->nitems);
	return 0;
}

static int
ordering_encode(const struct question *q, const struct qtype_response *r,
    struct buf *out, struct err *e)
{
	if (r->nsel != q->nitems)
		return err_set(e, "response to question '%s' orders %zu of "
		    "its %zu items", q->id, r->nsel, q->nitems);
	return qtype_encode_ids(q, r->sel, r->nsel, out, e);
}

static void
ordering_pattern(const struct question *q, size_t i, struct buf *out)
{
	size_t	j;

	(void)i;
	for (j = 0; j < q->nitems; j++) {
		if (j > 0)
			buf_adds(out, QTYPE_LIST);
		buf_adds(out, q->items[j].id);
	}
}

static int
ordering_score(const struct question *q, const char *resp, int *correct,
    double *points)
{
	return qtype_score_parsed(q, resp, qtype_right_in_order, correct,
	    points);
}

/* In a pack's record: the count, then each item's id and text, in the correct order. */
static void
ordering_record_encode(const struct question *q, struct buf *out)
{
	size_t	i;

	codec_put_u(out, q->nitems);
	for (i = 0; i < q->nitems; i++) {
		codec_put_s(out, q->items[i].id);
		codec_put_l(out, &q->items[i].text);
	}
}

static void
ordering_record_decode(struct codec_rd *r, struct question *q)
{
	size_t	i;

	q->nitems = codec_get_n(r);
	q->items = codec_get_array(r, q->nitems, sizeof *q->items);
	for (i = 0; i < q->nitems; i++) {
		q->items[i].id = codec_get_s(r);
		codec_get_l(r, &q->items[i].text);
	}
}

static const char *
ordering_check(const struct question *q)
{
	size_t	i;

	if (q->nitems < 2 || q->items == NULL)
		return "needs at least 2 items";
	for (i = 0; i < q->nitems; i++)
		if (!validate_part_id(q, i) ||
		    !validate_lstr(&q->items[i].text, 1))
			return "has a bad item";
	return NULL;
}

const struct qtype_ops qtype_ordering = {
	.type = Q_ORDERING,
	.name = "ordering",
	.interaction = "sequencing",
	.syntax = QSYN_ID_LIST,
	.keys = ordering_keys,
	.load = ordering_load,
	.part_kind = "item",
	.order = QORDER_AWAY,
	.nparts = ordering_nparts,
	.part_id = ordering_part_id,
	.lists = ordering_lists,
	.component = ordering_component,
	.response_init = NULL,
	.response_empty = qtype_empty_sel,
	.response_parse = ordering_parse,
	.response_encode = ordering_encode,
	.npatterns = qtype_one_pattern,
	.pattern = ordering_pattern,
	.score = ordering_score,
	.record_encode = ordering_record_encode,
	.record_decode = ordering_record_decode,
	.record_check = ordering_check,
};
