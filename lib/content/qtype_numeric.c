/*
 * Numeric: a number within a tolerance. The response is the canonical
 * plain decimal of what was typed (text/number.h); the pattern is
 * "min[:]max", or the answer when there is no tolerance.
 */
#include <math.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/err.h"
#include "content/codec.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"
#include "content/schema.h"
#include "content/validate.h"
#include "content/ytree.h"
#include "text/number.h"

static const char *const numeric_keys[] = {
	"answer", "tolerance", "unit", NULL
};

static void
numeric_load(struct schema *s, struct question *q, const struct ynode *m)
{
	const struct ynode	*n;

	if ((n = schema_req(s, m, "answer")) != NULL)
		schema_number(s, n, "answer", &q->answer_num, -1e15, 1e15, 0);
	if ((n = ynode_get(m, "tolerance")) != NULL)
		schema_number(s, n, "tolerance", &q->tolerance, 0, 1e15, 0);
	schema_opt_lstr(s, m, "unit", &q->unit);
}

static int
numeric_parse(const struct question *q, const char *s,
    struct qtype_response *r, struct err *e)
{
	struct buf	b;

	(void)q;
	buf_init(&b);
	if (number_read(s, &b, &r->number, e) == -1) {
		buf_release(&b);
		return -1;
	}
	free(r->text);
	r->text = buf_detach(&b, NULL);
	return 0;
}

static int
numeric_encode(const struct question *q, const struct qtype_response *r,
    struct buf *out, struct err *e)
{
	(void)q;
	return number_read(r->text, out, NULL, e);
}

static void
numeric_pattern(const struct question *q, size_t i, struct buf *out)
{
	(void)i;
	if (q->tolerance > 0) {
		number_format(q->answer_num - q->tolerance, out);
		buf_adds(out, QTYPE_RANGE);
		number_format(q->answer_num + q->tolerance, out);
	} else
		number_format(q->answer_num, out);
}

/* |r - answer| <= tolerance, allowing for binary rounding of decimals. */
static int
numeric_score(const struct question *q, const char *resp, int *correct,
    double *points)
{
	double	v, mag, eps;

	if (number_read(resp, NULL, &v, NULL) == -1)
		return -1;
	mag = fmax(1.0, fmax(fabs(q->answer_num), fabs(v)));
	eps = 1e-12 * mag;
	*correct = fabs(v - q->answer_num) <= q->tolerance + eps;
	*points = *correct ? q->points : 0;
	return 0;
}

/* In a pack's record: the answer, the tolerance and the unit. */
static void
numeric_record_encode(const struct question *q, struct buf *out)
{
	codec_put_d(out, q->answer_num);
	codec_put_d(out, q->tolerance);
	codec_put_l(out, &q->unit);
}

static void
numeric_record_decode(struct codec_rd *r, struct question *q)
{
	q->answer_num = codec_get_d(r);
	q->tolerance = codec_get_d(r);
	codec_get_l(r, &q->unit);
}

/* The loader's range: finite, within 10^15, the tolerance not negative. */
static const char *
numeric_check(const struct question *q)
{
	if (!isfinite(q->answer_num) || fabs(q->answer_num) > 1e15 ||
	    !isfinite(q->tolerance) || q->tolerance < 0 ||
	    q->tolerance > 1e15 || !validate_lstr(&q->unit, 0))
		return "has a number out of range";
	return NULL;
}

const struct qtype_ops qtype_numeric = {
	.type = Q_NUMERIC,
	.name = "numeric",
	.interaction = "numeric",
	.syntax = QSYN_NUMBER,
	.keys = numeric_keys,
	.load = numeric_load,
	.part_kind = NULL,
	.order = QORDER_NONE,
	.lists = NULL,
	.response_init = NULL,
	.response_empty = qtype_empty_text,
	.response_parse = numeric_parse,
	.response_encode = numeric_encode,
	.npatterns = qtype_one_pattern,
	.pattern = numeric_pattern,
	.score = numeric_score,
	.record_encode = numeric_record_encode,
	.record_decode = numeric_record_decode,
	.record_check = numeric_check,
};
