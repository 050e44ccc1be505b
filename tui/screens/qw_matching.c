/*
 * The quiz screen's matching question: each left item's row shows the
 * right item matched to it; ←→, Space or a digit picks from the numbered
 * right column below.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "screens/qwidget.h"

static int
matching_rows(const struct qw *w)
{
	return (int)w->q->npairs;
}

/* Set the right item (display row 'r', or -1 none) of left item 'left'. */
static void
matching_set(const struct qw *w, int left, int r)
{
	struct answer_ui	*ui = w->ui;
	const struct question	*q = w->q;
	size_t			 k;

	if (ui->resp.nsel != q->npairs) {
		free(ui->resp.sel);
		ui->resp.sel = xcalloc(q->npairs, sizeof *ui->resp.sel);
		for (k = 0; k < q->npairs; k++)
			ui->resp.sel[k] = QTYPE_NONE;
		ui->resp.nsel = q->npairs;
	}
	if (r < 0) {
		ui->resp.sel[left] = QTYPE_NONE;
		return;
	}
	/* a right item belongs to one left item: take it from any other */
	for (k = 0; k < q->npairs; k++)
		if (ui->resp.sel[k] == w->aq->order[r])
			ui->resp.sel[k] = QTYPE_NONE;
	ui->resp.sel[left] = w->aq->order[r];
}

/* The display row of left item 'left''s right item, or -1. */
static int
matching_row(const struct qw *w, int left)
{
	const struct answer_ui	*ui = w->ui;
	const struct question	*q = w->q;
	size_t			 k;

	if (ui->resp.nsel != q->npairs || ui->resp.sel[left] >= q->npairs)
		return -1;
	for (k = 0; k < q->npairs; k++)
		if (w->aq->order[k] == ui->resp.sel[left])
			return (int)k;
	return -1;
}

static void
matching_draw(const struct qw *w, int *y, int ymax)
{
	struct app		*a = w->a;
	struct answer_ui	*ui = w->ui;
	const struct question	*q = w->q;
	char			 line[64];
	int			 r, x, col;
	size_t			 k, m;

	for (r = 0; r < (int)q->npairs && *y < ymax; r++) {
		m = ui->resp.nsel > (size_t)r ? ui->resp.sel[r] : QTYPE_NONE;
		if (r == ui->cursor)
			ui_fill(*y, 2, COLS - 4, UIC_SELECT);
		col = r == ui->cursor ? UIC_SELECT : UIC_NORMAL;
		/* both sides cut after a whole word, with … */
		app_put_cut(a, *y, 3, lstr_get(&q->pairs[r].left, a->lang),
		    (COLS - 8) / 2, col);
		x = 3 + (COLS - 8) / 2;
		x += ui_put(*y, x, " → ", 3, col);
		if (m < q->npairs) {
			for (k = 0; k < q->npairs; k++)
				if (w->aq->order[k] == m)
					break;
			snprintf(line, sizeof line, "%zu. ", k + 1);
			x += ui_put(*y, x, line, 5, col);
			app_put_cut(a, *y, x, lstr_get(&q->pairs[m].right,
			    a->lang), COLS - x - 2, col);
		} else
			ui_put(*y, x, "___", 3, col);
		(*y)++;
	}
	if (LINES >= 18)
		(*y)++;
	for (k = 0; k < q->npairs && *y < ymax; k++) {
		snprintf(line, sizeof line, "%zu. ", k + 1);
		x = 5 + ui_put(*y, 5, line, 5, UIC_KEY);
		qwidget_item(a, y, x, lstr_get(&q->pairs[w->aq->order[k]].right,
		    a->lang), 0, ymax);
	}
}

static enum act
matching_key(const struct qw *w, int ch)
{
	struct answer_ui	*ui = w->ui;
	int			 rows = matching_rows(w), m;

	if (app_move(ch, &ui->cursor, rows, rows))
		return ACT_REDRAW;
	m = matching_row(w, ui->cursor);
	if (ch == KEY_RIGHT || ch == 'l' || ch == ' ')
		matching_set(w, ui->cursor, (m + 1) % rows);
	else if (ch == KEY_LEFT || ch == 'h')
		matching_set(w, ui->cursor, m <= 0 ? rows - 1 : m - 1);
	else if (ch >= '1' && ch <= '9' && ch - '1' < rows)
		matching_set(w, ui->cursor, ch - '1');
	else if (ch == KEY_BACKSPACE || ch == KEY_DC || ch == '0')
		matching_set(w, ui->cursor, -1);
	return ACT_REDRAW;
}

static void
matching_describe(struct app *a, const struct question *q,
    const struct qtype_response *r, struct buf *out)
{
	size_t	k, i;

	if (r == NULL) {
		for (k = 0; k < q->npairs; k++)
			buf_addf(out, "%s%s → %s", k ? " · " : "",
			    lstr_get(&q->pairs[k].left, a->lang),
			    lstr_get(&q->pairs[k].right, a->lang));
		return;
	}
	for (k = 0, i = 0; k < r->nsel; k++)
		if (r->sel[k] < q->npairs)
			buf_addf(out, "%s%s → %s", i++ ? " · " : "",
			    lstr_get(&q->pairs[k].left, a->lang),
			    lstr_get(&q->pairs[r->sel[k]].right, a->lang));
}

/* Left rows with no match yet, named in the officer's language. */
static size_t
matching_unplaced(struct app *a, const struct question *q,
    const struct qtype_response *r, struct buf *names)
{
	size_t	k, n = 0;

	for (k = 0; k < q->npairs; k++) {
		if (r->nsel == q->npairs && r->sel[k] < q->npairs)
			continue;
		if (names != NULL)
			buf_addf(names, "%s%s", n ? ", " : "",
			    lstr_get(&q->pairs[k].left, a->lang));
		n++;
	}
	return n;
}

const struct qwidget qw_matching = {
	.hint = N_("(↑↓ move between rows; ←→ or a digit picks each row's "
	    "match)"),
	.typing = 0,
	.rows = matching_rows,
	.load = NULL,
	.encode = qwidget_encode_picked,
	.touched = NULL,
	.draw = matching_draw,
	.key = matching_key,
	.describe = matching_describe,
	.feedback = NULL,
	.unplaced = matching_unplaced,
};
