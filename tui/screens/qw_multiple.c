/* The quiz screen's multiple question: Space toggles, "1 [x] text". */
#include <string.h>

#include "base/xalloc.h"
#include "screens/qwidget.h"

/* Toggle display row 'row', keeping the picks in ascending order. */
static void
multiple_toggle(const struct qw *w, int row)
{
	struct answer_ui	*ui = w->ui;
	size_t			 idx = w->aq->order[row], k;

	for (k = 0; k < ui->resp.nsel; k++)
		if (ui->resp.sel[k] == idx) {
			/* unpick: close the gap, keep ascending order */
			memmove(&ui->resp.sel[k], &ui->resp.sel[k + 1],
			    (ui->resp.nsel - k - 1) * sizeof *ui->resp.sel);
			ui->resp.nsel--;
			return;
		}
	ui->resp.sel = xreallocarray(ui->resp.sel, ui->resp.nsel + 1,
	    sizeof *ui->resp.sel);
	for (k = ui->resp.nsel; k > 0 && ui->resp.sel[k - 1] > idx; k--)
		ui->resp.sel[k] = ui->resp.sel[k - 1];
	ui->resp.sel[k] = idx;
	ui->resp.nsel++;
}

static void
multiple_draw(const struct qw *w, int *y, int ymax)
{
	qwidget_choices_draw(w, y, ymax, 1);
}

static enum act
multiple_key(const struct qw *w, int ch)
{
	return qwidget_pick_key(w, ch, multiple_toggle);
}

const struct qwidget qw_multiple = {
	.hint = N_("(pick all that apply: Space toggles)"),
	.typing = 0,
	.rows = qwidget_choices_rows,
	.load = NULL,
	.encode = qwidget_encode_picked,
	.touched = NULL,
	.draw = multiple_draw,
	.key = multiple_key,
	.describe = qwidget_choices_describe,
	.feedback = qwidget_choices_feedback,
};
