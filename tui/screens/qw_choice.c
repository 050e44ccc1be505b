/* The quiz screen's choice question: one pick, "1 (•) text". */
#include <stdlib.h>

#include "base/xalloc.h"
#include "screens/qwidget.h"

/* Pick display row 'row': it replaces any earlier pick. */
static void
choice_pick(const struct qw *w, int row)
{
	struct answer_ui	*ui = w->ui;

	free(ui->resp.sel);
	ui->resp.sel = xcalloc(1, sizeof *ui->resp.sel);
	ui->resp.sel[0] = w->aq->order[row];
	ui->resp.nsel = 1;
}

static void
choice_draw(const struct qw *w, int *y, int ymax)
{
	qwidget_choices_draw(w, y, ymax, 0);
}

static enum act
choice_key(const struct qw *w, int ch)
{
	return qwidget_pick_key(w, ch, choice_pick);
}

const struct qwidget qw_choice = {
	.hint = NULL,
	.typing = 0,
	.rows = qwidget_choices_rows,
	.load = NULL,
	.encode = qwidget_encode_picked,
	.touched = NULL,
	.draw = choice_draw,
	.key = choice_key,
	.describe = qwidget_choices_describe,
	.feedback = qwidget_choices_feedback,
};
