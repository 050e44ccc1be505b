/* True-false: the response and the pattern are "true" or "false". */
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "content/codec.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"
#include "content/schema.h"

static const char *const true_false_keys[] = { "answer", NULL };

static void
true_false_load(struct schema *s, struct question *q, const struct ynode *m)
{
	const struct ynode	*n;

	if ((n = schema_req(s, m, "answer")) != NULL)
		q->answer_bool = schema_bool(s, n, 0);
}

static int
true_false_empty(const struct qtype_response *r)
{
	return r->truth == -1;
}

static int
true_false_parse(const struct question *q, const char *s,
    struct qtype_response *r, struct err *e)
{
	(void)q;
	if (strcmp(s, "true") == 0)
		r->truth = 1;
	else if (strcmp(s, "false") == 0)
		r->truth = 0;
	else
		return err_set(e, "'%.*s' is not true or false",
		    qtype_msg_len(strlen(s)), s);
	return 0;
}

static int
true_false_encode(const struct question *q, const struct qtype_response *r,
    struct buf *out, struct err *e)
{
	(void)q;
	(void)e;
	buf_adds(out, r->truth ? "true" : "false");
	return 0;
}

static void
true_false_pattern(const struct question *q, size_t i, struct buf *out)
{
	(void)i;
	buf_adds(out, q->answer_bool ? "true" : "false");
}

static int
true_false_right(const struct question *q, const struct qtype_response *r)
{
	return r->truth == (q->answer_bool != 0);
}

static int
true_false_score(const struct question *q, const char *resp, int *correct,
    double *points)
{
	return qtype_score_parsed(q, resp, true_false_right, correct, points);
}

/* In a pack's record: the answer, 0 or 1. */
static void
true_false_record_encode(const struct question *q, struct buf *out)
{
	codec_put_u(out, q->answer_bool != 0);
}

static void
true_false_record_decode(struct codec_rd *r, struct question *q)
{
	q->answer_bool = (int)codec_get_max(r, 1);
}

const struct qtype_ops qtype_true_false = {
	.type = Q_TRUE_FALSE,
	.name = "true-false",
	.interaction = "true-false",
	.syntax = QSYN_TRUE_FALSE,
	.keys = true_false_keys,
	.load = true_false_load,
	.part_kind = NULL,
	.order = QORDER_NONE,
	.lists = NULL,
	.response_init = NULL,
	.response_empty = true_false_empty,
	.response_parse = true_false_parse,
	.response_encode = true_false_encode,
	.npatterns = qtype_one_pattern,
	.pattern = true_false_pattern,
	.score = true_false_score,
	.record_encode = true_false_record_encode,
	.record_decode = true_false_record_decode,
	.record_check = qtype_no_check,
};
