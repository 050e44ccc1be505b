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
#include "screens/qwidget.h"
#include "base/buf.h"
#include "base/err.h"
#include "screens/ui.h"

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

/* The widget of the question on screen, and what it works on. */
static const struct qwidget *
quiz_widget(struct app *a, struct qw *w)
{
	w->a = a;
	w->q = quiz_q(a);
	w->aq = quiz_aq(a);
	w->ui = &a->quiz.ui;
	return qwidget_for(w->q->type);
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
	const char		*stored = a->quiz.la->responses[a->quiz.i];
	const struct qwidget	*wd;
	struct qw		 w;
	struct err		 e;

	quiz_ui_release(ui);
	ui->loaded = 1;
	lineedit_init(&ui->edit, 1024);
	err_clear(&e);
	/* parse initialises the response itself (empty when it fails) */
	if (stored == NULL)
		qtype_response_init(&ui->resp, q);
	else if (qtype_response_parse(q, stored, &ui->resp, &e) == -1)
		app_error(a, &e);
	wd = quiz_widget(a, &w);
	if (wd->load != NULL)
		wd->load(&w);
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

/* Leaving the quiz: the answers wait in the progress file (a preview
 * stores nothing, so it must not promise that). */
static void
quiz_paused_status(struct app *a)
{
	app_status(a, "%s", a->learn.st == NULL ?
	    tr(a, "Preview: nothing was saved") :
	    tr(a, "Answers saved: you can come back to this quiz"));
}

static void
quiz_draw_body(struct app *a, int *y, int ymax)
{
	struct qw	w;

	quiz_widget(a, &w)->draw(&w, y, ymax);
}

/* After-each feedback: right or wrong, the picked choice's feedback, the
 * explanation and the pages to revisit. */
static void
quiz_draw_feedback(struct app *a, int *y, int ymax)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct question	*q = quiz_q(a);
	const struct qwidget	*wd;
	const struct page	*pg;
	struct qw		 w;
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
	wd = quiz_widget(a, &w);
	if (wd->feedback != NULL)
		wd->feedback(&w, y, ymax);
	if (q->explain.s[LANG_TH] || q->explain.s[LANG_EN])
		qwidget_text(a, y, 2, lstr_get(&q->explain, a->lang),
		    UIC_NORMAL, ymax);
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
	const struct qwidget	*wd = qwidget_for(q->type);
	struct qtype_response	 r;
	struct err		 e;

	if (wd == NULL)
		return;
	if (resp == NULL) {
		/* the correct answer */
		wd->describe(a, q, NULL, out);
		return;
	}
	/* what the officer answered, in the same words */
	err_clear(&e);
	if (qtype_response_parse(q, resp, &r, &e) == -1)
		buf_adds(out, resp);
	else
		wd->describe(a, q, &r, out);
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
	qwidget_text(a, y, 2, b.data, UIC_DONE, ymax);
	buf_release(&b);
	if (q->explain.s[LANG_TH] || q->explain.s[LANG_EN])
		qwidget_text(a, y, 2, lstr_get(&q->explain, a->lang),
		    UIC_NORMAL, ymax);
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
	qwidget_text(a, &y, 2, lstr_get(&q->prompt, a->lang), UIC_EMPH, ymax);
	if (!compact && qwidget_for(q->type)->hint != NULL)
		ui_put(y++, 2, tr(a, qwidget_for(q->type)->hint), COLS - 4,
		    UIC_DIM);
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
	struct qw	w;

	return quiz_widget(a, &w)->encode(&w, out, e);
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
	if (qwidget_for(quiz_q(a)->type)->typing)
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
	const struct qwidget	*wd;
	struct qw		 w;
	struct buf		 resp;
	struct err		 e;

	if (ui->checked || a->quiz.la->m->quiz->feedback == FEEDBACK_AFTER_EACH)
		return;
	/* a widget may show an answer before any key (an ordering) */
	wd = quiz_widget(a, &w);
	if (stored == NULL && wd->touched != NULL && !wd->touched(&w))
		return;
	buf_init(&resp);
	err_clear(&e);
	if (quiz_encode(a, &resp, &e) == 0 && (stored == NULL ||
	    strcmp(stored, resp.data) != 0) &&
	    learn_answer(&a->learn, a->quiz.la, a->quiz.i, resp.data,
	    &ui->score, &e) == -1)
		app_error(a, &e);
	buf_release(&resp);
	app_progress_stale(a);
}

static enum act
quiz_key(struct app *a, int ch)
{
	struct answer_ui	*ui = &a->quiz.ui;
	const struct qwidget	*wd;
	struct qw		 w;

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
	wd = quiz_widget(a, &w);
	if (wd->typing) {
		a->quiz.error[0] = '\0';
		return wd->key(&w, ch);
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
	return wd->key(&w, ch);
}

static int
quiz_typing(const struct app *a)
{
	const struct question	*q = quiz_q(a);

	return !a->quiz.ui.checked && !a->quiz.confirm &&
	    qwidget_for(q->type)->typing;
}

const struct view view_quiz = { "quiz", quiz_draw, quiz_key, quiz_typing };
