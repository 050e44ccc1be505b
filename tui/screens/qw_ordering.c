/*
 * The quiz screen's ordering question: the items in the officer's order;
 * Space grabs and drops one, ↑↓ move it while held, J/K move it at once.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "screens/qwidget.h"

static int
ordering_rows(const struct qw *w)
{
	return (int)w->q->nitems;
}

/* The order shown: the stored one, or the plan's shuffle. */
static void
ordering_load(const struct qw *w)
{
	struct answer_ui	*ui = w->ui;
	size_t			 k, n = w->q->nitems;

	ui->norder = n;
	ui->order = xcalloc(n, sizeof *ui->order);
	for (k = 0; k < n; k++)
		ui->order[k] = ui->resp.nsel == n ? ui->resp.sel[k] :
		    w->aq->order[k];
}

/* An ordering is never empty: what is shown is the answer. */
static int
ordering_encode(const struct qw *w, struct buf *out, struct err *e)
{
	struct answer_ui	*ui = w->ui;
	size_t			 k;

	free(ui->resp.sel);
	ui->resp.sel = xcalloc(ui->norder, sizeof *ui->resp.sel);
	for (k = 0; k < ui->norder; k++)
		ui->resp.sel[k] = ui->order[k];
	ui->resp.nsel = ui->norder;
	return qtype_response_encode(w->q, &ui->resp, out, e);
}

/* Only save an ordering once the officer moved an item. */
static int
ordering_touched(const struct qw *w)
{
	return w->ui->moved;
}

static void
ordering_swap(struct answer_ui *ui, int r, int d)
{
	size_t	t;

	if (r + d < 0 || r + d >= (int)ui->norder)
		return;
	t = ui->order[r];
	ui->order[r] = ui->order[r + d];
	ui->order[r + d] = t;
	ui->cursor = r + d;
	ui->moved = 1;
}

static void
ordering_draw(const struct qw *w, int *y, int ymax)
{
	struct answer_ui	*ui = w->ui;
	char			 line[64];
	int			 r, x, col;

	for (r = 0; r < (int)ui->norder && *y < ymax; r++) {
		snprintf(line, sizeof line, "%d. %s", r + 1,
		    ui->holding && r == ui->cursor ? "⇅ " : "");
		if (r == ui->cursor)
			ui_fill(*y, 2, COLS - 4, UIC_SELECT);
		col = r == ui->cursor ? UIC_SELECT : UIC_NORMAL;
		x = 3 + ui_put(*y, 3, line, 10, col);
		qwidget_item(w->a, y, x, lstr_get(&w->q->items[ui->order[r]].
		    text, w->a->lang), r == ui->cursor, ymax);
	}
}

static enum act
ordering_key(const struct qw *w, int ch)
{
	struct answer_ui	*ui = w->ui;
	int			 rows = ordering_rows(w);

	if (ch == ' ')
		ui->holding = !ui->holding;
	else if (ch == 'K' || (ui->holding && (ch == KEY_UP || ch == 'k')))
		ordering_swap(ui, ui->cursor, -1);
	else if (ch == 'J' || (ui->holding && (ch == KEY_DOWN || ch == 'j')))
		ordering_swap(ui, ui->cursor, 1);
	else
		app_move(ch, &ui->cursor, rows, rows);
	return ACT_REDRAW;
}

static void
ordering_describe(struct app *a, const struct question *q,
    const struct qtype_response *r, struct buf *out)
{
	size_t	k, n = r == NULL ? q->nitems : r->nsel;

	for (k = 0; k < n; k++)
		buf_addf(out, "%s%zu.\u00a0%s", k ? "  " : "", k + 1,
		    lstr_get(&q->items[r == NULL ? k : r->sel[k]].text,
		    a->lang));
}

const struct qwidget qw_ordering = {
	.hint = N_("(Space grabs/drops, then ↑↓ moves; or J/K)"),
	.typing = 0,
	.rows = ordering_rows,
	.load = ordering_load,
	.encode = ordering_encode,
	.touched = ordering_touched,
	.draw = ordering_draw,
	.key = ordering_key,
	.describe = ordering_describe,
	.feedback = NULL,
};
