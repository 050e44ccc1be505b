/*
 * A quiz attempt: one question at a time, every question type by
 * keyboard, a countdown when timed, feedback per the quiz's policy, and a
 * submit that asks first. Each confirmed answer is in the progress file
 * before the next screen is shown (learn_answer), so a kill or a power
 * cut loses nothing.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "base/buf.h"
#include "base/err.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

static int	quiz_typing(const struct app *);

static const struct question *
quiz_q(const struct app *a)
{
	return a->quiz.la->plan->qs[a->quiz.i].q;
}

static const struct attempt_q *
quiz_aq(const struct app *a)
{
	return &a->quiz.la->plan->qs[a->quiz.i];
}

/* Rows the question body has: choices, pairs, items, or 2 for true/false. */
static int
quiz_rows(const struct app *a)
{
	const struct question	*q = quiz_q(a);

	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		return (int)q->nchoices;
	case Q_TRUE_FALSE:
		return 2;
	case Q_MATCHING:
		return (int)q->npairs;
	case Q_ORDERING:
		return (int)q->nitems;
	default:
		return 0;
	}
}

static void
quiz_ui_release(struct answer_ui *ui)
{
	if (ui->loaded) {
		qtype_response_release(&ui->resp);
		lineedit_release(&ui->edit);
		free(ui->order);
	}
	memset(ui, 0, sizeof *ui);
}

/* Set up the screen state of question a->quiz.i from its stored answer. */
static void
quiz_ui_load(struct app *a)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	const struct attempt_q	*aq = quiz_aq(a);
	const char		*stored = a->quiz.la->responses[a->quiz.i];
	struct err		 e;
	size_t			 k;

	quiz_ui_release(ui);
	ui->loaded = 1;
	lineedit_init(&ui->edit, 1024);
	err_clear(&e);
	/* parse initialises the response itself (empty when it fails) */
	if (stored == NULL)
		qtype_response_init(&ui->resp, q);
	else if (qtype_response_parse(q, stored, &ui->resp, &e) == -1)
		app_error(a, &e);
	if (q->type == Q_FILL_IN || q->type == Q_NUMERIC)
		lineedit_set(&ui->edit, ui->resp.text);
	if (q->type == Q_ORDERING) {
		ui->norder = q->nitems;
		ui->order = xcalloc(q->nitems, sizeof *ui->order);
		for (k = 0; k < q->nitems; k++)
			ui->order[k] = ui->resp.nsel == q->nitems ?
			    ui->resp.sel[k] : aq->order[k];
	}
	/* after-each: an answered question shows its feedback again */
	if (stored != NULL && a->quiz.la->m->quiz->feedback ==
	    FEEDBACK_AFTER_EACH) {
		attempt_score(q, stored, &ui->score);
		/* what the officer was told, even if the key changed since */
		if (a->quiz.la->recorded[a->quiz.i] != NULL) {
			ui->score.correct =
			    a->quiz.la->recorded[a->quiz.i]->correct;
			ui->score.points =
			    a->quiz.la->recorded[a->quiz.i]->points;
		}
		ui->checked = 1;
	}
}

static void
quiz_goto(struct app *a, size_t i)
{
	if (i >= a->quiz.la->n)
		return;
	a->quiz.i = i;
	quiz_ui_load(a);
	a->quiz.error[0] = '\0';
}

void
app_quiz_show(struct app *a, size_t i)
{
	quiz_goto(a, i);
	a->dirty = 1;
}

void
app_quiz_close(struct app *a)
{
	quiz_ui_release(&a->quiz.ui);
	learn_attempt_free(a->quiz.la);
	if (a->quiz.finished) {
		attempt_result_release(&a->quiz.result);
		feedback_release(&a->quiz.fb);
	}
	memset(&a->quiz, 0, sizeof a->quiz);
}

void
app_open_quiz(struct app *a, const struct course *c, const struct module *m)
{
	struct learn_attempt	*la;
	struct err		 e;
	size_t			 i;

	if (m->quiz == NULL) {
		app_status(a, "%s", tr(a, "This module has no quiz"));
		return;
	}
	err_clear(&e);
	if ((la = learn_attempt_begin(&a->learn, c, m, &e)) == NULL) {
		app_error(a, &e);
		return;
	}
	app_quiz_close(a);
	a->quiz.la = la;
	/* resume at the first question not answered yet */
	for (i = 0; i < la->n && la->responses[i] != NULL; i++)
		;
	quiz_goto(a, i < la->n ? i : 0);
	app_progress_stale(a);
	app_push(a, &view_quiz);
	if (la->restarted) {
		app_status(a, "%s", tr(a, "This quiz was changed since you "
		    "started it, so it starts again; your earlier answers stay "
		    "in your record"));
		a->status_until += 8;	/* a long sentence: time to read */
	}
}

/* Finish the attempt and show the results. */
static void
quiz_submit(struct app *a)
{
	struct err	e;

	err_clear(&e);
	if (learn_attempt_finish(&a->learn, a->quiz.la, &a->quiz.result,
	    &e) == -1) {
		app_error(a, &e);
		return;
	}
	a->quiz.finished = 1;
	feedback_for_attempt(a->quiz.la->c, a->quiz.la->m, a->quiz.la->plan,
	    &a->quiz.result, &a->quiz.fb);
	a->quiz.confirm = 0;
	a->quiz.review_top = 0;
	app_progress_stale(a);
	a->status[0] = '\0';	/* "press s to submit" is done with */
	a->stack[a->depth - 1] = &view_results;
	a->dirty = 1;
}

/* The timer: submit what was answered once time is up. */
int
app_quiz_tick(struct app *a, time_t now)
{
	struct learn_attempt	*la = a->quiz.la;
	long			 left;

	if (la == NULL || a->quiz.finished || la->a.time_limit <= 0)
		return -1;
	if (attempt_expired(la->a.started, (int)la->a.time_limit, now)) {
		a->quiz.timed_out = 1;
		quiz_submit(a);
		return -1;
	}
	/* repaint only when the shown second changes */
	left = attempt_time_left(la->a.started, (int)la->a.time_limit, now);
	if (left != a->quiz.shown_left) {
		a->quiz.shown_left = left;
		a->dirty = 1;
	}
	return 250;
}

static size_t
quiz_answered(const struct app *a)
{
	size_t	i, n = 0;

	for (i = 0; i < a->quiz.la->n; i++)
		n += a->quiz.la->responses[i] != NULL;
	return n;
}

/*
 * Paint 's' wrapped from row *y at column x, advancing *y. A 'selected'
 * item (an answer under the cursor) is highlighted on every line it
 * takes, not only the first.
 */
static void
quiz_lines(struct app *a, int *y, int x, const char *s, enum uic c,
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

/* Paint wrapped text from row *y on. */
static void
quiz_text(struct app *a, int *y, int x, const char *s, enum uic c, int ymax)
{
	quiz_lines(a, y, x, s, c, 0, ymax);
}

/*
 * An answer's text from column x, wrapped below itself rather than cut
 * (a long choice may hold the very words that make it right); it takes
 * a row even when empty.
 */
static void
quiz_item(struct app *a, int *y, int x, const char *s, int selected,
    int ymax)
{
	int	y0 = *y;

	quiz_lines(a, y, x, s, selected ? UIC_SELECT : UIC_NORMAL, selected,
	    ymax);
	if (*y == y0 && *y < ymax)
		(*y)++;
}

/* Leaving the quiz: the answers wait in the progress file (a preview
 * stores nothing, so it must not promise that). */
static void
quiz_paused_status(struct app *a)
{
	app_status(a, "%s", a->learn.st == NULL ?
	    tr(a, "Preview: nothing was saved") :
	    tr(a, "Answers saved: you can come back to this quiz"));
}

static int
quiz_picked(const struct answer_ui *ui, size_t idx)
{
	size_t	k;

	for (k = 0; k < ui->resp.nsel; k++)
		if (ui->resp.sel[k] == idx)
			return 1;
	return 0;
}

static void
quiz_draw_body(struct app *a, int *y, int ymax)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	const struct attempt_q	*aq = quiz_aq(a);
	char			 line[64];
	int			 r, x, col;
	size_t			 idx, k;

	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		for (r = 0; r < (int)q->nchoices && *y < ymax; r++) {
			idx = aq->order[r];
			if (q->type == Q_CHOICE)
				snprintf(line, sizeof line, "%d (%s) ", r + 1,
				    quiz_picked(ui, idx) ? "•" : " ");
			else
				snprintf(line, sizeof line, "%d [%s] ", r + 1,
				    quiz_picked(ui, idx) ? "x" : " ");
			col = r == ui->cursor ? UIC_SELECT : UIC_NORMAL;
			if (r == ui->cursor)
				ui_fill(*y, 2, COLS - 4, UIC_SELECT);
			x = 3 + ui_put(*y, 3, line, 10, col);
			if ((ui->checked || a->show_answers) &&
			    q->choices[idx].correct)
				ui_put(*y, 1, "✓", 1, UIC_DONE);
			quiz_item(a, y, x, lstr_get(&q->choices[idx].text,
			    a->lang), r == ui->cursor, ymax);
		}
		break;
	case Q_TRUE_FALSE:
		for (r = 0; r < 2; r++) {
			int val = r == 0;

			snprintf(line, sizeof line, "%d (%s) %s", r + 1,
			    ui->resp.truth == val ? "•" : " ", val ?
			    tr(a, "True") : tr(a, "False"));
			if (r == ui->cursor)
				ui_fill(*y, 2, COLS - 4, UIC_SELECT);
			if ((ui->checked || a->show_answers) &&
			    q->answer_bool == val)
				ui_put(*y, 1, "✓", 1, UIC_DONE);
			ui_put((*y)++, 3, line, COLS - 5, r == ui->cursor ?
			    UIC_SELECT : UIC_NORMAL);
		}
		break;
	case Q_FILL_IN:
	case Q_NUMERIC:
		ui_put((*y)++, 3, tr(a, "Answer:"), COLS - 6,
		    UIC_DIM);
		col = ui_edit(*y, 3, COLS - 6 - 12, &ui->edit, &ui->edit_start,
		    UIC_SELECT);
		if (q->type == Q_NUMERIC && (q->unit.s[LANG_TH] ||
		    q->unit.s[LANG_EN]))
			ui_put(*y, COLS - 14, lstr_get(&q->unit, a->lang), 12,
			    UIC_DIM);
		if (!ui->checked) {
			move(*y, col);
			curs_set(1);
		}
		(*y)++;
		break;
	case Q_MATCHING:
		for (r = 0; r < (int)q->npairs && *y < ymax; r++) {
			size_t m = ui->resp.nsel > (size_t)r ?
			    ui->resp.sel[r] : (size_t)-1;

			if (r == ui->cursor)
				ui_fill(*y, 2, COLS - 4, UIC_SELECT);
			col = r == ui->cursor ? UIC_SELECT : UIC_NORMAL;
			x = 3 + ui_put(*y, 3, lstr_get(&q->pairs[r].left,
			    a->lang), (COLS - 8) / 2, col);
			x = 3 + (COLS - 8) / 2;
			x += ui_put(*y, x, " → ", 3, col);
			if (m < q->npairs) {
				for (k = 0; k < q->npairs; k++)
					if (aq->order[k] == m)
						break;
				snprintf(line, sizeof line, "%zu. ", k + 1);
				x += ui_put(*y, x, line, 5, col);
				ui_put(*y, x, lstr_get(&q->pairs[m].right,
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
			quiz_item(a, y, x, lstr_get(&q->pairs[aq->order[k]].right,
			    a->lang), 0, ymax);
		}
		break;
	case Q_ORDERING:
		for (r = 0; r < (int)ui->norder && *y < ymax; r++) {
			snprintf(line, sizeof line, "%d. %s", r + 1,
			    ui->holding && r == ui->cursor ? "⇅ " : "");
			if (r == ui->cursor)
				ui_fill(*y, 2, COLS - 4, UIC_SELECT);
			col = r == ui->cursor ? UIC_SELECT : UIC_NORMAL;
			x = 3 + ui_put(*y, 3, line, 10, col);
			quiz_item(a, y, x, lstr_get(&q->items[ui->order[r]].text,
			    a->lang), r == ui->cursor, ymax);
		}
		break;
	case Q_TYPE_COUNT:
		break;
	}
}

/* After-each feedback: right or wrong, the picked choice's feedback, the
 * explanation and the pages to revisit. */
static void
quiz_draw_feedback(struct app *a, int *y, int ymax)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	const struct page	*pg;
	size_t			 k;
	char			 line[512];

	(*y)++;
	if (ui->score.correct)
		ui_put((*y)++, 2, tr(a, "✓ Correct"), COLS - 4,
		    UIC_DONE);
	else if (ui->score.points > 0)
		ui_put((*y)++, 2, tr(a, "◐ Partly right"),
		    COLS - 4, UIC_WARN);
	else
		ui_put((*y)++, 2, tr(a, "✗ Not right"),
		    COLS - 4, UIC_ERROR);
	if (q->type == Q_CHOICE || q->type == Q_MULTIPLE)
		for (k = 0; k < ui->resp.nsel; k++) {
			const struct choice *ch = &q->choices[ui->resp.sel[k]];

			if (ch->feedback.s[LANG_TH] || ch->feedback.s[LANG_EN])
				quiz_text(a, y, 4, lstr_get(&ch->feedback,
				    a->lang), UIC_NOTE, ymax);
		}
	if (q->explain.s[LANG_TH] || q->explain.s[LANG_EN])
		quiz_text(a, y, 2, lstr_get(&q->explain, a->lang), UIC_NORMAL,
		    ymax);
	if (!ui->score.correct)
		for (k = 0; k < q->nrevisit; k++)
			if ((pg = module_page(a->quiz.la->m, q->revisit[k],
			    NULL)) != NULL) {
				snprintf(line, sizeof line, "%s %s", tr(a, "Revisit:"), lstr_get(&pg->title,
				    a->lang));
				ui_put((*y)++, 2, line, COLS - 4, UIC_DIM);
			}
}

void
app_describe_answer(struct app *a, const struct question *q,
    const char *resp, struct buf *out)
{
	struct qtype_response	 r;
	struct err		 e;
	size_t			 k, i;

	if (resp == NULL) {
		/* the correct answer */
		switch (q->type) {
		case Q_CHOICE:
		case Q_MULTIPLE:
			for (k = 0, i = 0; k < q->nchoices; k++)
				if (q->choices[k].correct)
					buf_addf(out, "%s%s", i++ ? " · " : "",
					    lstr_get(&q->choices[k].text,
					    a->lang));
			break;
		case Q_TRUE_FALSE:
			buf_adds(out, q->answer_bool ? tr(a, "True") :
			    tr(a, "False"));
			break;
		case Q_FILL_IN:
			for (k = 0; k < q->nanswers; k++)
				buf_addf(out, "%s%s", k ? " / " : "",
				    q->answers[k]);
			break;
		case Q_NUMERIC:
			buf_addf(out, "%g", q->answer_num);
			if (q->tolerance > 0)
				buf_addf(out, " ± %g", q->tolerance);
			if (q->unit.s[LANG_TH] || q->unit.s[LANG_EN])
				buf_addf(out, " %s", lstr_get(&q->unit,
				    a->lang));
			break;
		case Q_MATCHING:
			for (k = 0; k < q->npairs; k++)
				buf_addf(out, "%s%s → %s", k ? " · " : "",
				    lstr_get(&q->pairs[k].left, a->lang),
				    lstr_get(&q->pairs[k].right, a->lang));
			break;
		case Q_ORDERING:
			for (k = 0; k < q->nitems; k++)
				buf_addf(out, "%s%zu.\u00a0%s", k ? "  " : "", k + 1,
				    lstr_get(&q->items[k].text, a->lang));
			break;
		case Q_TYPE_COUNT:
			break;
		}
		return;
	}
	/* what the officer answered, in the same words */
	err_clear(&e);
	if (qtype_response_parse(q, resp, &r, &e) == -1) {
		buf_adds(out, resp);
		qtype_response_release(&r);
		return;
	}
	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		for (k = 0; k < r.nsel; k++)
			buf_addf(out, "%s%s", k ? " · " : "",
			    lstr_get(&q->choices[r.sel[k]].text, a->lang));
		break;
	case Q_TRUE_FALSE:
		buf_adds(out, r.truth == 1 ? tr(a, "True") :
		    tr(a, "False"));
		break;
	case Q_FILL_IN:
	case Q_NUMERIC:
		buf_adds(out, r.text);
		break;
	case Q_MATCHING:
		for (k = 0, i = 0; k < r.nsel; k++)
			if (r.sel[k] < q->npairs)
				buf_addf(out, "%s%s → %s", i++ ? " · " : "",
				    lstr_get(&q->pairs[k].left, a->lang),
				    lstr_get(&q->pairs[r.sel[k]].right,
				    a->lang));
		break;
	case Q_ORDERING:
		for (k = 0; k < r.nsel; k++)
			buf_addf(out, "%s%zu.\u00a0%s", k ? "  " : "", k + 1,
			    lstr_get(&q->items[r.sel[k]].text, a->lang));
		break;
	case Q_TYPE_COUNT:
		break;
	}
	qtype_response_release(&r);
}

/* Preview ('a'): the correct answer in words, and the explanation. */
static void
quiz_draw_key(struct app *a, int *y, int ymax)
{
	const struct question	*q = quiz_q(a);
	struct buf		 b;

	buf_init(&b);
	buf_adds(&b, tr(a, "Answer: "));
	app_describe_answer(a, q, NULL, &b);
	(*y)++;
	quiz_text(a, y, 2, b.data, UIC_DONE, ymax);
	buf_release(&b);
	if (q->explain.s[LANG_TH] || q->explain.s[LANG_EN])
		quiz_text(a, y, 2, lstr_get(&q->explain, a->lang), UIC_NORMAL,
		    ymax);
}

static void
quiz_draw(struct app *a)
{
	struct learn_attempt	*la = a->quiz.la;
	const struct question	*q = quiz_q(a);
	char			 line[256];
	int			 y = 2, x, ymax = LINES - 2, compact;
	long			 left;
	size_t			 k;

	curs_set(0);
	app_draw_frame(a, lstr_get(&la->m->quiz->title, a->lang),
	    quiz_typing(a) ?
	    tr(a, "Enter answer  Tab next  S-Tab previous  F10 submit  Esc pause") :
	    tr(a, "Enter answer  Tab next  S-Tab previous  s submit  q pause  ? help"));
	snprintf(line, sizeof line, "%s %zu/%zu", tr(a, "Question"),
	    a->quiz.i + 1, la->n);
	x = 2 + ui_put(y, 2, line, COLS - 4, UIC_TITLE);
	/* a strip of answered marks, one per question */
	for (k = 0; k < la->n && x + 2 < COLS - 14; k++)
		x += ui_put(y, x + 1, k == a->quiz.i ? "◆" :
		    la->responses[k] ? "●" : "○", 1, k == a->quiz.i ?
		    UIC_TITLE : la->responses[k] ? UIC_DONE : UIC_DIM) + 1;
	if (la->a.time_limit > 0) {
		left = attempt_time_left(la->a.started, (int)la->a.time_limit,
		    time(NULL));
		snprintf(line, sizeof line, "⏱ %02ld:%02ld", left / 60,
		    left % 60);
		ui_put(y, COLS - 10, line, 9, left < 60 ? UIC_ERROR : UIC_WARN);
	}
	/* a short screen drops the blank lines and the key hint */
	compact = LINES < 18;
	y += compact ? 1 : 2;
	quiz_text(a, &y, 2, lstr_get(&q->prompt, a->lang), UIC_EMPH, ymax);
	switch (compact ? Q_TYPE_COUNT : q->type) {
	case Q_MULTIPLE:
		ui_put(y++, 2, tr(a, "(pick all that apply: Space toggles)"), COLS - 4, UIC_DIM);
		break;
	case Q_MATCHING:
		ui_put(y++, 2, tr(a, "(←→ or a digit picks the match of each row)"), COLS - 4,
		    UIC_DIM);
		break;
	case Q_ORDERING:
		ui_put(y++, 2, tr(a, "(Space grabs/drops, then ↑↓ moves; or J/K)"), COLS - 4,
		    UIC_DIM);
		break;
	default:
		break;
	}
	if (!compact)
		y++;
	if (a->quiz.ui.checked)
		quiz_draw_body(a, &y, ymax);
	if (a->quiz.ui.checked)
		quiz_draw_feedback(a, &y, ymax);
	else if (a->show_answers) {
		/* the body first, so the key goes under it */
		quiz_draw_body(a, &y, ymax);
		quiz_draw_key(a, &y, ymax);
	}
	if (a->quiz.error[0] != '\0')
		ui_put(ymax - 1, 2, a->quiz.error, COLS - 4, UIC_ERROR);
	if (a->quiz.confirm) {
		int	answered = (int)quiz_answered(a);

		ui_fill(ymax - 1, 0, COLS, UIC_BAR);
		snprintf(line, sizeof line, tr(a, "Submit? %d of %zu answered. "
		    "y: submit  n: keep working"), answered, la->n);
		ui_put(ymax - 1, 1, line, COLS - 2, UIC_BAR);
	}
	/* last: the body leaves the cursor in the answer field */
	if (!a->quiz.ui.checked && !a->show_answers)
		quiz_draw_body(a, &y, ymax);
}

/* Build the response string from the screen state. */
static int
quiz_encode(struct app *a, struct buf *out, struct err *e)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	size_t			 k;

	switch (q->type) {
	case Q_FILL_IN:
		if (ui->edit.text.len == 0)
			return err_set(e, "%s", tr(a, "Type an answer first"));
		return attempt_response_fill_in(q, ui->edit.text.data, out, e);
	case Q_NUMERIC:
		if (attempt_response_numeric(q, ui->edit.text.data, out,
		    e) == -1)
			return err_set(e, "%s", tr(a, "Please type a number"));
		return 0;
	case Q_ORDERING:
		free(ui->resp.sel);
		ui->resp.sel = xcalloc(ui->norder, sizeof *ui->resp.sel);
		for (k = 0; k < ui->norder; k++)
			ui->resp.sel[k] = ui->order[k];
		ui->resp.nsel = ui->norder;
		break;
	default:
		if (qtype_response_empty(&ui->resp))
			return err_set(e, "%s", tr(a, "Pick an answer first"));
		break;
	}
	return qtype_response_encode(q, &ui->resp, out, e);
}

/* Enter: record the answer, then feedback or the next question. */
static void
quiz_confirm(struct app *a)
{
	struct answer_ui	*ui = &a->quiz.ui;
	struct buf		 resp;
	struct err		 e;
	size_t			 k;

	if (ui->checked) {
		quiz_goto(a, a->quiz.i + 1 < a->quiz.la->n ? a->quiz.i + 1 :
		    a->quiz.i);
		return;
	}
	buf_init(&resp);
	err_clear(&e);
	if (quiz_encode(a, &resp, &e) == -1 ||
	    learn_answer(&a->learn, a->quiz.la, a->quiz.i, resp.data,
	    &ui->score, &e) == -1) {
		snprintf(a->quiz.error, sizeof a->quiz.error, "%s", e.msg);
		buf_release(&resp);
		return;
	}
	buf_release(&resp);
	a->quiz.error[0] = '\0';
	app_progress_stale(a);
	if (a->quiz.la->m->quiz->feedback == FEEDBACK_AFTER_EACH) {
		ui->checked = 1;
		return;
	}
	/* next unanswered question, or stay and suggest submitting */
	for (k = 1; k <= a->quiz.la->n; k++) {
		size_t j = (a->quiz.i + k) % a->quiz.la->n;

		if (a->quiz.la->responses[j] == NULL) {
			quiz_goto(a, j);
			return;
		}
	}
	if (quiz_q(a)->type == Q_FILL_IN || quiz_q(a)->type == Q_NUMERIC)
		app_status(a, "%s", tr(a, "All answered: press F10 to submit"));
	else
		app_status(a, "%s", tr(a, "All answered: press s to submit"));
}

/*
 * Leaving a question with Tab keeps what was picked: a pick feels like an
 * answer. Not with feedback after each answer, where Enter shows the
 * feedback and locks it.
 */
static void
quiz_save_pending(struct app *a)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const char		*stored = a->quiz.la->responses[a->quiz.i];
	struct buf		 resp;
	struct err		 e;

	if (ui->checked || a->quiz.la->m->quiz->feedback == FEEDBACK_AFTER_EACH)
		return;
	buf_init(&resp);
	err_clear(&e);
	/* ordering is never empty: only save it once it was touched */
	if (quiz_q(a)->type == Q_ORDERING && stored == NULL && !ui->moved) {
		buf_release(&resp);
		return;
	}
	if (quiz_encode(a, &resp, &e) == 0 && (stored == NULL ||
	    strcmp(stored, resp.data) != 0) &&
	    learn_answer(&a->learn, a->quiz.la, a->quiz.i, resp.data,
	    &ui->score, &e) == -1)
		app_error(a, &e);
	buf_release(&resp);
	app_progress_stale(a);
}

static void
quiz_toggle(struct app *a, int row)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	size_t			 idx, k;

	if (q->type == Q_TRUE_FALSE) {
		ui->resp.truth = row == 0;
		return;
	}
	if (q->type != Q_CHOICE && q->type != Q_MULTIPLE)
		return;
	idx = quiz_aq(a)->order[row];
	if (q->type == Q_CHOICE) {
		free(ui->resp.sel);
		ui->resp.sel = xcalloc(1, sizeof *ui->resp.sel);
		ui->resp.sel[0] = idx;
		ui->resp.nsel = 1;
		return;
	}
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

/* Matching: set the right item (display row 'r', or -1 none) of 'left'. */
static void
quiz_match(struct app *a, int left, int r)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	size_t			 k;

	if (ui->resp.nsel != q->npairs) {
		free(ui->resp.sel);
		ui->resp.sel = xcalloc(q->npairs, sizeof *ui->resp.sel);
		for (k = 0; k < q->npairs; k++)
			ui->resp.sel[k] = (size_t)-1;
		ui->resp.nsel = q->npairs;
	}
	if (r < 0) {
		ui->resp.sel[left] = (size_t)-1;
		return;
	}
	/* a right item belongs to one left item: take it from any other */
	for (k = 0; k < q->npairs; k++)
		if (ui->resp.sel[k] == quiz_aq(a)->order[r])
			ui->resp.sel[k] = (size_t)-1;
	ui->resp.sel[left] = quiz_aq(a)->order[r];
}

/* Matching: the display row of left item 'left''s right item, or -1. */
static int
quiz_match_row(const struct app *a, int left)
{
	const struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	size_t			 k;

	if (ui->resp.nsel != q->npairs || ui->resp.sel[left] >= q->npairs)
		return -1;
	for (k = 0; k < q->npairs; k++)
		if (quiz_aq(a)->order[k] == ui->resp.sel[left])
			return (int)k;
	return -1;
}

static void
quiz_swap(struct answer_ui *ui, int r, int d)
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

static enum act
quiz_key(struct app *a, int ch)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	int			 rows = quiz_rows(a), m;

	if (a->quiz.confirm) {
		if (ch == 'y' || ch == 'Y')
			quiz_submit(a);
		else
			a->quiz.confirm = 0;
		return ACT_REDRAW;
	}
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		quiz_confirm(a);
		return ACT_REDRAW;
	case '\t':
		quiz_save_pending(a);
		quiz_goto(a, (a->quiz.i + 1) % a->quiz.la->n);
		return ACT_REDRAW;
	case KEY_BTAB:
		quiz_save_pending(a);
		quiz_goto(a, (a->quiz.i + a->quiz.la->n - 1) % a->quiz.la->n);
		return ACT_REDRAW;
	case KEY_F(10):
		a->quiz.confirm = 1;
		return ACT_REDRAW;
	case 27:
		quiz_paused_status(a);
		app_quiz_close(a);
		app_pop(a);
		return ACT_REDRAW;
	}
	/* after-each feedback locks the answer: no peeking and changing */
	if (ui->checked) {
		if (ch == 's')
			a->quiz.confirm = 1;
		else if (ch == 'q') {
			app_quiz_close(a);
			app_pop(a);
		} else if (ch == KEY_RIGHT || ch == 'n')
			quiz_goto(a, (a->quiz.i + 1) % a->quiz.la->n);
		else if (ch == KEY_LEFT || ch == 'p')
			quiz_goto(a, (a->quiz.i + a->quiz.la->n - 1) %
			    a->quiz.la->n);
		return ACT_REDRAW;
	}
	if (q->type == Q_FILL_IN || q->type == Q_NUMERIC) {
		app_edit_key(&ui->edit, ch);
		a->quiz.error[0] = '\0';
		return ACT_REDRAW;
	}
	if (ch == 's') {
		a->quiz.confirm = 1;
		return ACT_REDRAW;
	}
	if (ch == 'q') {
		quiz_paused_status(a);
		app_quiz_close(a);
		app_pop(a);
		return ACT_REDRAW;
	}
	if (q->type == Q_ORDERING) {
		if (ch == ' ') {
			ui->holding = !ui->holding;
		} else if (ch == 'K' || (ui->holding && (ch == KEY_UP ||
		    ch == 'k')))
			quiz_swap(ui, ui->cursor, -1);
		else if (ch == 'J' || (ui->holding && (ch == KEY_DOWN ||
		    ch == 'j')))
			quiz_swap(ui, ui->cursor, 1);
		else
			app_move(ch, &ui->cursor, rows, rows);
		return ACT_REDRAW;
	}
	if (app_move(ch, &ui->cursor, rows, rows))
		return ACT_REDRAW;
	if (q->type == Q_MATCHING) {
		m = quiz_match_row(a, ui->cursor);
		if (ch == KEY_RIGHT || ch == 'l' || ch == ' ')
			quiz_match(a, ui->cursor, (m + 1) % rows);
		else if (ch == KEY_LEFT || ch == 'h')
			quiz_match(a, ui->cursor, m <= 0 ? rows - 1 : m - 1);
		else if (ch >= '1' && ch <= '9' && ch - '1' < rows)
			quiz_match(a, ui->cursor, ch - '1');
		else if (ch == KEY_BACKSPACE || ch == KEY_DC || ch == '0')
			quiz_match(a, ui->cursor, -1);
		return ACT_REDRAW;
	}
	if (ch == ' ') {
		quiz_toggle(a, ui->cursor);
		return ACT_REDRAW;
	}
	if (ch >= '1' && ch <= '9' && ch - '1' < rows) {
		ui->cursor = ch - '1';
		quiz_toggle(a, ui->cursor);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

static int
quiz_typing(const struct app *a)
{
	const struct question	*q = quiz_q(a);

	return !a->quiz.ui.checked && !a->quiz.confirm &&
	    (q->type == Q_FILL_IN || q->type == Q_NUMERIC);
}

const struct view view_quiz = { "quiz", quiz_draw, quiz_key, quiz_typing };
