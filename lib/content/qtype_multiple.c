/*
 * Multiple: several answers from a list. The response lists the picked
 * ids in authored order ("a[,]c"); scoring may be partial (course.h
 * enum scoring).
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"
#include "content/schema.h"

static const char *const multiple_keys[] = { "choices", "scoring", NULL };
static const char *const multiple_lists[] = { "choices", NULL };
static const char *const scoring_names[] = {
	"all-or-nothing", "partial", NULL
};

static void
multiple_load(struct schema *s, struct question *q, const struct ynode *m)
{
	qtype_load_choices(s, q, m, 0);
	q->scoring = (enum scoring)schema_opt_enum(s, m, "scoring",
	    scoring_names, SCORING_ALL_OR_NOTHING);
}

static int
multiple_parse(const struct question *q, const char *s,
    struct qtype_response *r, struct err *e)
{
	if (qtype_parse_ids(q, s, r, 0, e) == -1)
		return -1;
	qsort(r->sel, r->nsel, sizeof *r->sel, qtype_cmp_size);
	return 0;
}

static int
multiple_encode(const struct question *q, const struct qtype_response *r,
    struct buf *out, struct err *e)
{
	size_t	*sorted;
	int	 rc;

	sorted = xcalloc(r->nsel, sizeof *sorted);
	memcpy(sorted, r->sel, r->nsel * sizeof *sorted);
	qsort(sorted, r->nsel, sizeof *sorted, qtype_cmp_size);
	rc = qtype_encode_ids(q, sorted, r->nsel, out, e);
	free(sorted);
	return rc;
}

static void
multiple_pattern(const struct question *q, size_t i, struct buf *out)
{
	size_t	j, n;

	(void)i;
	for (j = 0, n = 0; j < q->nchoices; j++)
		if (q->choices[j].correct) {
			if (n++ > 0)
				buf_adds(out, QTYPE_LIST);
			buf_adds(out, q->choices[j].id);
		}
}

/*
 * All or nothing, or with scoring partial
 * points * max(0, (correct picks - wrong picks) / correct choices).
 */
static int
multiple_score(const struct question *q, const char *resp, int *correct,
    double *points)
{
	struct qtype_response	r;
	size_t			i, ncorrect = 0, right = 0, wrong = 0;

	if (qtype_response_parse(q, resp, &r, NULL) == -1) {
		qtype_response_release(&r);
		return -1;
	}
	for (i = 0; i < q->nchoices; i++)
		ncorrect += q->choices[i].correct != 0;
	for (i = 0; i < r.nsel; i++) {
		if (q->choices[r.sel[i]].correct)
			right++;
		else
			wrong++;
	}
	qtype_response_release(&r);
	*correct = ncorrect > 0 && right == ncorrect && wrong == 0;
	if (*correct)
		*points = q->points;
	else if (q->scoring == SCORING_PARTIAL && ncorrect > 0 &&
	    right > wrong)
		*points = q->points * ((double)(right - wrong) /
		    (double)ncorrect);
	return 0;
}

static const char *
multiple_check(const struct question *q)
{
	return qtype_choices_check(q, 0);
}

const struct qtype_ops qtype_multiple = {
	.type = Q_MULTIPLE,
	.name = "multiple",
	.interaction = "choice",
	.syntax = QSYN_ID_LIST,
	.keys = multiple_keys,
	.load = multiple_load,
	.part_kind = "choice",
	.order = QORDER_SHUFFLE,
	.nparts = qtype_choice_count,
	.part_id = qtype_choice_id,
	.lists = multiple_lists,
	.component = qtype_choice_text,
	.response_init = NULL,
	.response_empty = qtype_empty_sel,
	.response_parse = multiple_parse,
	.response_encode = multiple_encode,
	.npatterns = qtype_one_pattern,
	.pattern = multiple_pattern,
	.score = multiple_score,
	.record_encode = qtype_choices_encode,
	.record_decode = qtype_choices_decode,
	.record_check = multiple_check,
};
