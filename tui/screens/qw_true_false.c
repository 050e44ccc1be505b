/* The quiz screen's true-false question: two rows, True and False. */
#include <curses.h>
#include <stdio.h>

#include "base/buf.h"
#include "screens/qwidget.h"

static int
true_false_rows(const struct qw *w)
{
	(void)w;
	return 2;
}

/* Row 0 is True, row 1 False. */
static void
true_false_pick(const struct qw *w, int row)
{
	w->ui->resp.truth = row == 0;
}

static void
true_false_draw(const struct qw *w, int *y, int ymax)
{
	struct app		*a = w->a;
	struct answer_ui	*ui = w->ui;
	char			 line[64];
	int			 r, val;

	(void)ymax;
	for (r = 0; r < 2; r++) {
		val = r == 0;
		snprintf(line, sizeof line, "%d (%s) %s", r + 1,
		    ui->resp.truth == val ? "•" : " ", val ?
		    tr(a, "True") : tr(a, "False"));
		if (r == ui->cursor)
			ui_fill(*y, 2, COLS - 4, UIC_SELECT);
		if ((ui->checked || a->pv.show_answers) &&
		    w->q->answer_bool == val)
			ui_put(*y, 1, "✓", 1, UIC_DONE);
		ui_put((*y)++, 3, line, COLS - 5, r == ui->cursor ?
		    UIC_SELECT : UIC_NORMAL);
	}
}

static enum act
true_false_key(const struct qw *w, int ch)
{
	return qwidget_pick_key(w, ch, true_false_pick);
}

static void
true_false_describe(struct app *a, const struct question *q,
    const struct qtype_response *r, struct buf *out)
{
	int	truth = r == NULL ? q->answer_bool : r->truth == 1;

	buf_adds(out, truth ? tr(a, "True") : tr(a, "False"));
}

const struct qwidget qw_true_false = {
	.hint = NULL,
	.typing = 0,
	.rows = true_false_rows,
	.load = NULL,
	.encode = qwidget_encode_picked,
	.touched = NULL,
	.draw = true_false_draw,
	.key = true_false_key,
	.describe = true_false_describe,
	.feedback = NULL,
};
