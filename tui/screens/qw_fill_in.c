/* The quiz screen's fill-in question: a line editor for the answer. */
#include "base/buf.h"
#include "base/err.h"
#include "screens/qwidget.h"

static int
fill_in_encode(const struct qw *w, struct buf *out, struct err *e)
{
	if (w->ui->edit.text.len == 0)
		return err_set(e, "%s", tr(w->a, "Type an answer first"));
	return attempt_response_fill_in(w->q, w->ui->edit.text.data, out, e);
}

static void
fill_in_draw(const struct qw *w, int *y, int ymax)
{
	(void)ymax;
	qwidget_field(w, y, NULL);
}

static void
fill_in_describe(struct app *a, const struct question *q,
    const struct qtype_response *r, struct buf *out)
{
	size_t	k;

	(void)a;
	if (r != NULL) {
		buf_adds(out, r->text);
		return;
	}
	for (k = 0; k < q->nanswers; k++)
		buf_addf(out, "%s%s", k ? " / " : "", q->answers[k]);
}

const struct qwidget qw_fill_in = {
	.hint = NULL,
	.typing = 1,
	.rows = qwidget_rows_none,
	.load = qwidget_field_load,
	.encode = fill_in_encode,
	.touched = NULL,
	.draw = fill_in_draw,
	.key = qwidget_field_key,
	.describe = fill_in_describe,
	.feedback = NULL,
};
