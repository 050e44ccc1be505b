/*
 * Choice: one answer from a list. The response is the picked choice's id
 * ("b"); the pattern is the correct one's.
 */
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"

static const char *const choice_keys[] = { "choices", NULL };
static const char *const choice_lists[] = { "choices", NULL };

static void
choice_load(struct schema *s, struct question *q, const struct ynode *m)
{
	qtype_load_choices(s, q, m, 1);
}

static int
choice_parse(const struct question *q, const char *s,
    struct qtype_response *r, struct err *e)
{
	size_t	i;

	qtype_sel_alloc(r, 1);
	if ((i = qtype_part_find(q, s, strlen(s))) == QTYPE_NONE)
		return err_set(e, "question '%s' has no choice '%.*s'", q->id,
		    qtype_msg_len(strlen(s)), s);
	r->sel[r->nsel++] = i;
	return 0;
}

static int
choice_encode(const struct question *q, const struct qtype_response *r,
    struct buf *out, struct err *e)
{
	if (r->nsel != 1)
		return qtype_wrong(q, "picks more than one choice", e);
	return qtype_encode_ids(q, r->sel, 1, out, e);
}

static void
choice_pattern(const struct question *q, size_t i, struct buf *out)
{
	size_t	j;

	(void)i;
	for (j = 0; j < q->nchoices; j++)
		if (q->choices[j].correct) {
			buf_adds(out, q->choices[j].id);
			break;
		}
}

static int
choice_right(const struct question *q, const struct qtype_response *r)
{
	return r->nsel == 1 && q->choices[r->sel[0]].correct;
}

static int
choice_score(const struct question *q, const char *resp, int *correct,
    double *points)
{
	return qtype_score_parsed(q, resp, choice_right, correct, points);
}

static const char *
choice_check(const struct question *q)
{
	return qtype_choices_check(q, 1);
}

const struct qtype_ops qtype_choice = {
	.type = Q_CHOICE,
	.name = "choice",
	.interaction = "choice",
	.syntax = QSYN_ONE_ID,
	.keys = choice_keys,
	.load = choice_load,
	.part_kind = "choice",
	.order = QORDER_SHUFFLE,
	.nparts = qtype_choice_count,
	.part_id = qtype_choice_id,
	.lists = choice_lists,
	.component = qtype_choice_text,
	.response_init = NULL,
	.response_empty = qtype_empty_sel,
	.response_parse = choice_parse,
	.response_encode = choice_encode,
	.npatterns = qtype_one_pattern,
	.pattern = choice_pattern,
	.score = choice_score,
	.record_encode = qtype_choices_encode,
	.record_decode = qtype_choices_decode,
	.record_check = choice_check,
};
