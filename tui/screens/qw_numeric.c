/* The quiz screen's numeric question: a line editor, and the unit. */
#include "base/buf.h"
#include "base/err.h"
#include "screens/qwidget.h"

static int
numeric_encode(const struct qw *w, struct buf *out, struct err *e)
{
	if (attempt_response_numeric(w->q, w->ui->edit.text.data, out,
	    e) == -1)
		return err_set(e, "%s", tr(w->a, "Please type a number"));
	return 0;
}

static int
numeric_has_unit(const struct question *q)
{
	return q->unit.s[LANG_TH] != NULL || q->unit.s[LANG_EN] != NULL;
}

static void
numeric_draw(const struct qw *w, int *y, int ymax)
{
	(void)ymax;
	qwidget_field(w, y, numeric_has_unit(w->q) ?
	    lstr_get(&w->q->unit, w->a->lang) : NULL);
}

static void
numeric_describe(struct app *a, const struct question *q,
    const struct qtype_response *r, struct buf *out)
{
	if (r != NULL) {
		buf_adds(out, r->text);
		return;
	}
	buf_addf(out, "%g", q->answer_num);
	if (q->tolerance > 0)
		buf_addf(out, " ± %g", q->tolerance);
	if (numeric_has_unit(q))
		buf_addf(out, " %s", lstr_get(&q->unit, a->lang));
}

const struct qwidget qw_numeric = {
	.hint = NULL,
	.typing = 1,
	.rows = qwidget_rows_none,
	.load = qwidget_field_load,
	.encode = numeric_encode,
	.touched = NULL,
	.draw = numeric_draw,
	.key = qwidget_field_key,
	.describe = numeric_describe,
	.feedback = NULL,
};
