#include "screens/qwidget.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "text/text.h"

/* Every type's widget, by enum qtype, from the list in course.h. */
static const struct qwidget *const qwidget_table[Q_TYPE_COUNT] = {
#define QWIDGET_ENTRY(NAME, name)	[Q_##NAME] = &qw_##name,
	QTYPES(QWIDGET_ENTRY)
#undef QWIDGET_ENTRY
};

const struct qwidget *
qwidget_for(enum qtype t)
{
	return (unsigned)t < Q_TYPE_COUNT ? qwidget_table[t] : NULL;
}

/*
 * Paint 's' wrapped from row *y at column x, advancing *y. A 'selected'
 * item (an answer under the cursor) is highlighted on every line it
 * takes, not only the first.
 */
static void
qwidget_lines(struct app *a, int *y, int x, const char *s, enum uic c,
    int selected, int ymax)
{
	struct text_line	*lines = NULL;
	size_t			 n, j;

	n = text_wrap(a->wrap, s, strlen(s), COLS - x - 2, &lines);
	for (j = 0; j < n && *y < ymax; j++) {
		if (selected && j > 0)
			ui_fill(*y, 2, COLS - 4, UIC_SELECT);
		ui_putn((*y)++, x, s + lines[j].off, lines[j].len,
		    COLS - x - 2, c);
	}
	free(lines);
}

void
qwidget_text(struct app *a, int *y, int x, const char *s, enum uic c,
    int ymax)
{
	qwidget_lines(a, y, x, s, c, 0, ymax);
}

void
qwidget_item(struct app *a, int *y, int x, const char *s, int selected,
    int ymax)
{
	int	y0 = *y;

	qwidget_lines(a, y, x, s, selected ? UIC_SELECT : UIC_NORMAL,
	    selected, ymax);
	if (*y == y0 && *y < ymax)
		(*y)++;
}

int
qwidget_picked(const struct answer_ui *ui, size_t idx)
{
	size_t	k;

	for (k = 0; k < ui->resp.nsel; k++)
		if (ui->resp.sel[k] == idx)
			return 1;
	return 0;
}

void
qwidget_field(const struct qw *w, int *y, const char *unit)
{
	struct answer_ui	*ui = w->ui;
	int			 col;

	ui_put((*y)++, 3, tr(w->a, "Answer:"), COLS - 6, UIC_DIM);
	col = ui_edit(*y, 3, COLS - 6 - 12, &ui->edit, &ui->edit_start,
	    UIC_SELECT);
	if (unit != NULL)
		ui_put(*y, COLS - 14, unit, 12, UIC_DIM);
	if (!ui->checked) {
		ui_focus(*y, col);
		curs_set(1);
	}
	(*y)++;
}

enum act
qwidget_field_key(const struct qw *w, int ch)
{
	app_edit_key(&w->ui->edit, ch);
	return ACT_REDRAW;
}

void
qwidget_field_load(const struct qw *w)
{
	lineedit_set(&w->ui->edit, w->ui->resp.text);
}

int
qwidget_rows_none(const struct qw *w)
{
	(void)w;
	return 0;
}

int
qwidget_encode_picked(const struct qw *w, struct buf *out, struct err *e)
{
	if (qtype_response_empty(&w->ui->resp))
		return err_set(e, "%s", tr(w->a, "Pick an answer first"));
	return qtype_response_encode(w->q, &w->ui->resp, out, e);
}

enum act
qwidget_pick_key(const struct qw *w, int ch,
    void (*pick)(const struct qw *, int))
{
	struct answer_ui	*ui = w->ui;
	int			 rows = qwidget_for(w->q->type)->rows(w);

	if (app_move(ch, &ui->cursor, rows, rows))
		return ACT_REDRAW;
	if (ch == ' ') {
		pick(w, ui->cursor);
		return ACT_REDRAW;
	}
	if (ch >= '1' && ch <= '9' && ch - '1' < rows) {
		ui->cursor = ch - '1';
		pick(w, ui->cursor);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

/* ---- the choice list of choice and multiple questions ---- */

int
qwidget_choices_rows(const struct qw *w)
{
	return (int)w->q->nchoices;
}

/* Rows 'first'.. of the choice list from *y; returns the first row not drawn. */
static int
qwidget_choices_from(const struct qw *w, int *y, int ymax, int multiple,
    int first)
{
	struct app		*a = w->a;
	const struct question	*q = w->q;
	char			 line[64];
	int			 r, x, col;
	size_t			 idx;

	for (r = first; r < (int)q->nchoices && *y < ymax; r++) {
		idx = w->aq->order[r];
		if (!multiple)
			snprintf(line, sizeof line, "%d (%s) ", r + 1,
			    qwidget_picked(w->ui, idx) ? "•" : " ");
		else
			snprintf(line, sizeof line, "%d [%s] ", r + 1,
			    qwidget_picked(w->ui, idx) ? "x" : " ");
		col = r == w->ui->cursor ? UIC_SELECT : UIC_NORMAL;
		if (r == w->ui->cursor)
			ui_fill(*y, 2, COLS - 4, UIC_SELECT);
		x = 3 + ui_put(*y, 3, line, 10, col);
		if ((w->ui->checked || a->pv.show_answers) &&
		    q->choices[idx].correct)
			ui_put(*y, 1, "✓", 1, UIC_DONE);
		qwidget_item(a, y, x, lstr_get(&q->choices[idx].text,
		    a->lang), r == w->ui->cursor, ymax);
	}
	return r;
}

/*
 * The choice list, scrolled so the cursor's row is on the screen: on a
 * short terminal (40x12) a long question left the last choices below the
 * bottom, where the arrows moved to them unseen. Arrows in column 0 say
 * that there are rows above or below.
 */
void
qwidget_choices_draw(const struct qw *w, int *y, int ymax, int multiple)
{
	int	top = *y, first, end, row;

	for (first = 0;; first++) {
		*y = top;
		end = qwidget_choices_from(w, y, ymax, multiple, first);
		if (end > w->ui->cursor || first >= w->ui->cursor)
			break;
		for (row = top; row < ymax; row++)	/* too low: again */
			ui_fill(row, 0, COLS, UIC_NORMAL);
	}
	if (first > 0)
		ui_put(top, 0, "↑", 1, UIC_DIM);
	if (end < (int)w->q->nchoices && *y > top)
		ui_put(*y - 1, 0, "↓", 1, UIC_DIM);
}

void
qwidget_choices_describe(struct app *a, const struct question *q,
    const struct qtype_response *r, struct buf *out)
{
	size_t	k, i;

	if (r == NULL) {
		for (k = 0, i = 0; k < q->nchoices; k++)
			if (q->choices[k].correct)
				buf_addf(out, "%s%s", i++ ? " · " : "",
				    lstr_get(&q->choices[k].text, a->lang));
		return;
	}
	for (k = 0; k < r->nsel; k++)
		buf_addf(out, "%s%s", k ? " · " : "",
		    lstr_get(&q->choices[r->sel[k]].text, a->lang));
}

void
qwidget_choices_feedback(const struct qw *w, int *y, int ymax)
{
	const struct choice	*ch;
	size_t			 k;

	for (k = 0; k < w->ui->resp.nsel; k++) {
		ch = &w->q->choices[w->ui->resp.sel[k]];
		if (ch->feedback.s[LANG_TH] || ch->feedback.s[LANG_EN])
			qwidget_text(w->a, y, 4, lstr_get(&ch->feedback,
			    w->a->lang), UIC_NOTE, ymax);
	}
}
