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
#include "screens/progress.h"
#include "screens/views.h"
#include "content/catalog.h"
#include "screens/quiz.h"
#include "screens/qwidget.h"
#include "base/buf.h"
#include "base/err.h"
#include "screens/ui.h"
#include "base/xalloc.h"


/*
 * Feedback after each answer: when the quiz asks for it, and always in a
 * review (review_ui.c), which is there to learn from the feedback, and
 * in a mastery quiz, where each answer counts towards mastery at once.
 */
static int
quiz_after_each(const struct quiz_screen *qs)
{
	return qs->la->review != NULL || qs->la->m->quiz->mastery_of > 0 ||
	    qs->la->m->quiz->feedback == FEEDBACK_AFTER_EACH;
}

/* The mastery rule in words ("3 in a row", "4 of the last 5 right"). */
void
app_mastery_rule(struct app *a, const struct quiz *z, char *out,
    size_t size)
{
	if (z->mastery_of == z->mastery_correct)
		snprintf(out, size, tr(a, "mastery: %d right in a row"),
		    z->mastery_correct);
	else
		snprintf(out, size, tr(a, "mastery: %d of the last %d right"),
		    z->mastery_correct, z->mastery_of);
}

/* Whole minutes left, rounded up: "1 min" until the very end. */
static long
quiz_minutes_left(long seconds)
{
	return seconds <= 0 ? 0 : (seconds + 59) / 60;
}

/* The question on screen. */
static const struct question *
quiz_current(const struct quiz_screen *qs)
{
	return qs->la->plan->qs[qs->i].q;
}

static const struct attempt_q *
quiz_aq(const struct quiz_screen *qs)
{
	return &qs->la->plan->qs[qs->i];
}

/* The widget of the question on screen, and what it works on. */
static const struct qwidget *
quiz_widget(struct app *a, struct quiz_screen *qs, struct qw *w)
{
	w->a = a;
	w->q = quiz_current(qs);
	w->aq = quiz_aq(qs);
	w->ui = &qs->ui;
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

/* Set up the screen state of question qs->i from its stored answer. */
static void
quiz_ui_load(struct app *a, struct quiz_screen *qs)
{
	struct answer_ui	*ui = &qs->ui;
	const struct question	*q = quiz_current(qs);
	const char		*stored = qs->la->responses[qs->i];
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
	wd = quiz_widget(a, qs, &w);
	if (wd->load != NULL)
		wd->load(&w);
	/* after-each: an answered question shows its feedback again */
	if (stored != NULL && quiz_after_each(qs)) {
		attempt_score(q, stored, &ui->score);
		/* what the officer was told, even if the key changed since */
		if (qs->la->recorded[qs->i] != NULL) {
			ui->score.correct =
			    qs->la->recorded[qs->i]->correct;
			ui->score.points =
			    qs->la->recorded[qs->i]->points;
		}
		ui->checked = 1;
	}
}

static void
quiz_goto(struct app *a, struct quiz_screen *qs, size_t i)
{
	if (i >= qs->la->n)
		return;
	qs->i = i;
	learn_question_shown(&a->learn, qs->la, i);
	quiz_ui_load(a, qs);
	qs->error[0] = '\0';
}

/* Let go of the attempt (it stays in the store). */
static void
quiz_drop(struct quiz_screen *qs)
{
	quiz_ui_release(&qs->ui);
	learn_attempt_free(qs->la);
	qs->la = NULL;
}

static void
quiz_close(struct app *a, void *data)
{
	(void)a;
	quiz_drop(data);
	free(data);
}

/* Another course is opened: its body may go, and the attempt with it. */
static void
quiz_release(struct app *a, void *data, size_t keep)
{
	struct quiz_screen	*qs = data;

	if (qs->la != NULL && app_course_index(a, qs->la->c) != keep)
		quiz_drop(qs);
}

static int
quiz_open(struct app *a, const void *arg, void **data)
{
	const struct quiz_arg	*qa = arg;
	struct quiz_screen	*qs;
	struct learn_attempt	*la;
	struct err		 e;
	size_t			 i;

	err_clear(&e);
	if (qa->review != NULL)
		la = qa->review;
	else if ((la = learn_attempt_begin(&a->learn, qa->c, qa->m,
	    &e)) == NULL) {
		app_error(a, &e);
		return -1;
	}
	qs = xcalloc(1, sizeof *qs);
	qs->la = la;
	/* resume at the first question not answered yet */
	for (i = 0; i < la->n && la->responses[i] != NULL; i++)
		;
	quiz_goto(a, qs, i < la->n ? i : 0);
	app_progress_stale(a);
	*data = qs;
	return 0;
}

const struct learn_module *
quiz_progress(struct app *a, const struct course *c, const struct module *m)
{
	const struct learn_course	*lc;
	size_t				 mi = (size_t)(m - c->modules);

	lc = app_course_progress(a, app_course_index(a, c));
	return lc != NULL && mi < lc->nmodules ? &lc->modules[mi] : NULL;
}

/* Is an attempt at module 'm' of 'c' open (begun, not submitted)? */
static int
quiz_is_open(struct app *a, const struct course *c, const struct module *m)
{
	const struct learn_module	*lm = quiz_progress(a, c, m);

	return lm != NULL && lm->open;
}

/*
 * An open attempt started on an older version of the course (updated
 * since) resumes on that version, read from the pack kept for it
 * (catalog_open_version); without one it resumes on this version.
 */
static void
quiz_pinned(struct app *a, const struct course **c, const struct module **m)
{
	const struct course	*old;
	const struct module	*om;
	struct err		 e;
	char			 hash[80];

	err_clear(&e);
	if (a->preview || learn_attempt_version(&a->learn, *c, *m, hash,
	    sizeof hash, &e) != 1)
		return;
	if ((old = catalog_open_version(a->cat, app_course_index(a, *c), hash,
	    &e)) == NULL || (om = course_module(old, (*m)->id)) == NULL ||
	    om->quiz == NULL)
		return;
	*c = old;
	*m = om;
}

void
app_open_quiz(struct app *a, const struct course *c, const struct module *m)
{
	const struct learn_module	*lm;
	struct quiz_arg			 arg;

	if (m->quiz == NULL) {
		app_say(a, N_("This module has no quiz"));
		return;
	}
	quiz_pinned(a, &c, &m);
	/*
	 * None left (attempts on other machines count): said here, in the
	 * officer's language, rather than after the intro of a timed quiz.
	 */
	lm = a->preview ? NULL : quiz_progress(a, c, m);
	if (lm != NULL && !lm->open &&
	    !attempt_can_start(m->quiz, learn_attempts_used(lm))) {
		app_status(a, tr(a, "No attempts left at this quiz: %d of %d "
		    "used"), learn_attempts_used(lm), m->quiz->attempts);
		return;
	}
	arg.c = c;
	arg.m = m;
	arg.review = NULL;
	/*
	 * A new timed attempt: the limit and the rule first, then Enter.
	 * Not in a preview, whose jumps to a quiz or question by id land on
	 * the question, and where nothing is recorded.
	 */
	if (m->quiz->time_limit > 0 && !a->preview && !quiz_is_open(a, c, m)) {
		app_push(a, &view_qintro, &arg);
		return;
	}
	quiz_start(a, &arg, NULL);
}

void
quiz_start(struct app *a, const struct quiz_arg *arg, const void *replace)
{
	struct quiz_screen	*qs;

	if (replace != NULL ?
	    app_replace(a, replace, &view_quiz, arg) == -1 :
	    app_push(a, &view_quiz, arg) == -1)
		return;
	qs = app_top(a)->data;
	if (qs->la->restarted) {
		app_status(a, "%s", tr(a, "This quiz was changed since you "
		    "started it, so it starts again; your earlier answers stay "
		    "in your record"));
		a->status_until += 8;	/* a long sentence: time to read */
	}
}

int
quiz_open_review(struct app *a, struct learn_attempt *la)
{
	struct quiz_arg	arg = { la->c, la->m, la };

	/* the screen owns la once open; it only fails with a full stack */
	if (app_push(a, &view_quiz, &arg) == -1) {
		learn_attempt_free(la);
		return -1;
	}
	return 0;
}

/*
 * The end of a review: there is no results screen, since it changed no
 * result; the status line says how many were right. The caller closes
 * the screen.
 */
static void
quiz_review_end(struct app *a, struct quiz_screen *qs)
{
	struct attempt_result	res;
	struct err		e;

	err_clear(&e);
	if (learn_attempt_finish(&a->learn, qs->la, &res, &e) == -1) {
		app_error(a, &e);
		return;
	}
	app_status(a, tr(a, "Review done: %zu of %zu right"), res.ncorrect,
	    res.n);
	attempt_result_release(&res);
	quiz_drop(qs);
	app_progress_stale(a);
}

/* Finish the attempt: the results screen takes this one's place. */
static void
quiz_submit(struct app *a, struct quiz_screen *qs, int timed_out)
{
	struct quiz_done	 d;
	struct err		 e;

	memset(&d, 0, sizeof d);
	err_clear(&e);
	if (learn_attempt_finish(&a->learn, qs->la, &d.result, &e) == -1) {
		app_error(a, &e);
		return;
	}
	d.la = qs->la;
	d.timed_out = timed_out;
	feedback_for_attempt(d.la->c, d.la->m, d.la->plan, &d.result, &d.fb);
	qs->confirm = 0;
	app_progress_stale(a);
	a->status[0] = '\0';	/* "press s to submit" is done with */
	/* the results own the attempt now */
	quiz_ui_release(&qs->ui);
	qs->la = NULL;
	if (app_replace(a, qs, &view_results, &d) == -1) {
		/* cannot happen (the stack has room): do not leak */
		attempt_result_release(&d.result);
		feedback_release(&d.fb);
		learn_attempt_free(d.la);
	}
}

static void	quiz_save_pending(struct app *, struct quiz_screen *, int);

/* The timer: submit what was answered once time is up. */
static int
quiz_tick(struct app *a, void *data, time_t now)
{
	struct quiz_screen	*qs = data;
	struct learn_attempt	*la = qs->la;
	long			 left;

	if (la == NULL || la->a.time_limit <= 0)
		return -1;
	if (attempt_expired(la->a.started, (int)la->a.time_limit, now)) {
		quiz_save_pending(a, qs, 1);
		quiz_submit(a, qs, 1);
		return -1;
	}
	/*
	 * Repaint only when the shown second changes; in accessible mode
	 * only when the minute does: a screen reader would read out a
	 * countdown redrawn every second.
	 */
	left = attempt_time_left(la->a.started, (int)la->a.time_limit, now);
	if (ui_is_ascii())
		left = quiz_minutes_left(left);
	if (left != qs->shown_left) {
		qs->shown_left = left;
		a->dirty = 1;
	}
	return 250;
}

/*
 * Question k has a whole answer stored: a matching with rows still
 * empty (kept when the officer moved on with Tab) is not answered yet.
 */
static int
quiz_is_answered(struct app *a, const struct quiz_screen *qs, size_t k)
{
	const struct question	*q = qs->la->plan->qs[k].q;
	const struct qwidget	*wd = qwidget_for(q->type);
	struct qtype_response	 r;
	struct err		 e;
	int			 whole;

	if (qs->la->responses[k] == NULL)
		return 0;
	if (wd->unplaced == NULL)
		return 1;
	err_clear(&e);
	if (qtype_response_parse(q, qs->la->responses[k], &r, &e) == -1) {
		qtype_response_release(&r);
		return 1;	/* not ours to judge: scoring will say */
	}
	whole = wd->unplaced(a, q, &r, NULL) == 0;
	qtype_response_release(&r);
	return whole;
}

static size_t
quiz_answered(struct app *a, const struct quiz_screen *qs)
{
	size_t	i, n = 0;

	for (i = 0; i < qs->la->n; i++)
		n += quiz_is_answered(a, qs, i);
	return n;
}

/* Leaving the quiz: the answers wait in the progress file (a preview
 * stores nothing, so it must not promise that). */
static void
quiz_paused_status(struct app *a, const struct quiz_screen *qs)
{
	long	left;

	if (a->learn.st == NULL) {
		app_say(a, N_("Preview: nothing was saved"));
		return;
	}
	if (qs->la == NULL || qs->la->a.time_limit <= 0) {
		app_say(a, N_("Answers saved: you can come back to this quiz"));
		return;
	}
	/* a wall-clock limit, as Moodle's: pausing does not stop it */
	left = attempt_time_left(qs->la->a.started, (int)qs->la->a.time_limit,
	    time(NULL));
	app_status(a, tr(a, "Answers saved; the clock keeps running while "
	    "paused: %ld:%02ld left"), left / 60, left % 60);
	a->status_until += 4;	/* a long sentence: time to read */
}

/*
 * Leaving the quiz: the answers wait in the progress file (a preview
 * stores nothing, so it must not promise that). Leaving a review ends it:
 * each answer was recorded as a review already.
 */
static enum act
quiz_leave(struct app *a, struct quiz_screen *qs)
{
	if (qs->la->review != NULL) {
		quiz_review_end(a, qs);
		return ACT_POP;
	}
	quiz_paused_status(a, qs);
	return ACT_POP;
}

static void
quiz_draw_body(struct app *a, struct quiz_screen *qs, int *y, int ymax)
{
	struct qw	w;

	quiz_widget(a, qs, &w)->draw(&w, y, ymax);
}

/* After-each feedback: right or wrong, the picked choice's feedback, the
 * explanation and the pages to revisit. */
static void
quiz_draw_feedback(struct app *a, struct quiz_screen *qs, int *y, int ymax)
{
	struct answer_ui	*ui = &qs->ui;
	const struct question	*q = quiz_current(qs);
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
	wd = quiz_widget(a, qs, &w);
	if (wd->feedback != NULL)
		wd->feedback(&w, y, ymax);
	if (q->explain.s[LANG_TH] || q->explain.s[LANG_EN])
		qwidget_text(a, y, 2, lstr_get(&q->explain, a->lang),
		    UIC_NORMAL, ymax);
	switch (learn_attempt_mastery(qs->la)) {
	case 1:
		ui_put((*y)++, 2, tr(a, "✓ Mastered: Enter shows your result"),
		    COLS - 4, UIC_DONE);
		break;
	case -1:
		ui_put((*y)++, 2, tr(a, "No questions left before mastery: "
		    "Enter shows your result"), COLS - 4, UIC_WARN);
		break;
	}
	if (!ui->score.correct)
		for (k = 0; k < q->nrevisit; k++)
			if ((pg = module_page(qs->la->m, q->revisit[k],
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
quiz_draw_key(struct app *a, struct quiz_screen *qs, int *y, int ymax)
{
	const struct question	*q = quiz_current(qs);
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

static int	quiz_typing(const struct app *, const void *);

/* The title bar and the footer: the keys that work now. */
static void
quiz_draw_frame(struct app *a, struct quiz_screen *qs)
{
	struct learn_attempt	*la = qs->la;
	const char		*title = lstr_get(&la->m->quiz->title, a->lang);
	const char		*keys;
	char			 line[256];
	int			 typing = quiz_typing(a, qs);

	if (la->review != NULL) {
		snprintf(line, sizeof line, "%s · %s", tr(a, "Review"), title);
		title = line;
	}
	if (qs->ui.checked)	/* feedback shown: Enter goes on */
		keys = la->review != NULL ?
		    tr(a, "Enter continue  q end review  ? help") :
		    tr(a, "Enter continue  s submit  q pause  ? help");
	else if (la->review != NULL)
		keys = typing ?
		    tr(a, "Enter answer  Tab next  S-Tab previous  Esc end review") :
		    tr(a, "Enter answer  Tab next  S-Tab previous  q end review  ? help");
	else	/* submit and pause first: a narrow footer keeps them */
		keys = typing ?
		    tr(a, "Enter answer  F10 submit  Esc pause  Tab next  S-Tab previous") :
		    tr(a, "Enter answer  s submit  q pause  Tab next  S-Tab previous  ? help");
	app_draw_frame(a, title, keys);
}

static void
quiz_draw(struct app *a, void *data)
{
	struct quiz_screen	*qs = data;
	struct learn_attempt	*la = qs->la;
	const struct question	*q;
	char			 line[256];
	int			 y = 2, x, ymax = LINES - 2, compact;
	long			 left;
	size_t			 k;

	curs_set(0);
	if (la == NULL) {	/* let go of: another course was opened */
		app_draw_frame(a, "", tr(a, "q back"));
		return;
	}
	q = quiz_current(qs);
	quiz_draw_frame(a, qs);
	if (la->m->quiz->mastery_of > 0 && la->review == NULL) {
		/* the pool is no count to finish: say what ends it */
		snprintf(line, sizeof line, "%s %zu", tr(a, "Question"),
		    qs->i + 1);
		x = 2 + ui_put(y, 2, line, COLS - 4, UIC_TITLE);
		app_mastery_rule(a, la->m->quiz, line, sizeof line);
		x += 1 + ui_put(y, x + 1, line, COLS - x - 14, UIC_DIM);
	} else {
		snprintf(line, sizeof line, "%s %zu/%zu", tr(a, "Question"),
		    qs->i + 1, la->n);
		x = 2 + ui_put(y, 2, line, COLS - 4, UIC_TITLE);
	}
	/* a strip of answered marks, one per question */
	for (k = 0; k < la->n && x + 2 < COLS - 14; k++) {
		/* mastery: the questions asked so far, not the pool */
		if (la->m->quiz->mastery_of > 0 && la->review == NULL &&
		    k > qs->i && la->responses[k] == NULL)
			break;
		x += ui_put(y, x + 1, k == qs->i ? "◆" :
		    quiz_is_answered(a, qs, k) ? "●" : "○", 1, k == qs->i ?
		    UIC_TITLE : quiz_is_answered(a, qs, k) ? UIC_DONE :
		    UIC_DIM) + 1;
	}
	if (la->a.time_limit > 0 && ui_is_ascii()) {
		/* the minute as the tick last saw it: said when it changes */
		left = attempt_time_left(la->a.started, (int)la->a.time_limit,
		    time(NULL));
		snprintf(line, sizeof line, tr(a, "%ld min left"),
		    quiz_minutes_left(left));
		ui_put(y, COLS - 14, line, 13, left < 60 ? UIC_ERROR :
		    UIC_WARN);
	} else if (la->a.time_limit > 0) {
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
	/* wrapped: cut, the hint lost the very keys it is about */
	if (!compact && qwidget_for(q->type)->hint != NULL)
		qwidget_text(a, &y, 2, tr(a, qwidget_for(q->type)->hint),
		    UIC_DIM, ymax);
	if (!compact)
		y++;
	/* the answers stop above a confirm or error line, never under it */
	if (qs->confirm || qs->error[0] != '\0')
		ymax--;
	if (qs->ui.checked)
		quiz_draw_body(a, qs, &y, ymax);
	if (qs->ui.checked)
		quiz_draw_feedback(a, qs, &y, ymax);
	else if (a->pv.show_answers) {
		/* the body first, so the key goes under it */
		quiz_draw_body(a, qs, &y, ymax);
		quiz_draw_key(a, qs, &y, ymax);
	}
	if (qs->error[0] != '\0')
		ui_put(ymax, 2, qs->error, COLS - 4, UIC_ERROR);
	if (qs->confirm) {
		int	answered = (int)quiz_answered(a, qs);

		ui_fill(ymax, 0, COLS, UIC_BAR);
		snprintf(line, sizeof line, tr(a, "Submit? %d of %zu answered. "
		    "y: submit  n: keep working"), answered, la->n);
		ui_put(ymax, 1, line, COLS - 2, UIC_BAR);
	}
	/* last: the body leaves the cursor in the answer field */
	if (!qs->ui.checked && !a->pv.show_answers)
		quiz_draw_body(a, qs, &y, ymax);
	if (qs->confirm)
		ui_focus(ymax, 1);	/* the question is this one now */
}

/* Build the response string from the screen state. */
static int
quiz_encode(struct app *a, struct quiz_screen *qs, struct buf *out, struct err *e)
{
	struct qw	w;

	return quiz_widget(a, qs, &w)->encode(&w, out, e);
}

/*
 * On to the next question without a whole answer after this one, or
 * stay and suggest submitting: where Enter goes in every quiz.
 */
static void
quiz_next_open(struct app *a, struct quiz_screen *qs)
{
	size_t	k;

	for (k = 1; k <= qs->la->n; k++) {
		size_t j = (qs->i + k) % qs->la->n;

		if (!quiz_is_answered(a, qs, j)) {
			quiz_goto(a, qs, j);
			return;
		}
	}
	if (qwidget_for(quiz_current(qs)->type)->typing && !qs->ui.checked)
		app_say(a, N_("All answered: press F10 to submit"));
	else
		app_say(a, N_("All answered: press s to submit"));
}

/*
 * Enter: record the answer, then the next question. With feedback after
 * each answer the feedback comes first, and the next Enter moves on: the
 * same way on, only with a stop to read.
 */
static void
quiz_confirm(struct app *a, struct quiz_screen *qs)
{
	struct answer_ui	*ui = &qs->ui;
	const struct qwidget	*wd = qwidget_for(quiz_current(qs)->type);
	struct buf		 resp;
	struct err		 e;

	if (ui->checked) {
		/* mastery reached, or the pool ran out: the attempt ends */
		if (learn_attempt_mastery(qs->la) != 0) {
			quiz_submit(a, qs, 0);
			return;
		}
		/* a review has no submit: it goes through its questions */
		if (qs->la->review != NULL)
			quiz_goto(a, qs, qs->i + 1 < qs->la->n ? qs->i + 1 :
			    qs->i);
		else
			quiz_next_open(a, qs);
		return;
	}
	if (wd->unplaced != NULL) {
		buf_init(&resp);
		if (wd->unplaced(a, quiz_current(qs), &ui->resp, &resp) > 0) {
			snprintf(qs->error, sizeof qs->error, tr(a, "Not "
			    "matched yet: %s. Match every row, then Enter"),
			    resp.data);
			buf_release(&resp);
			return;
		}
		buf_release(&resp);
	}
	buf_init(&resp);
	err_clear(&e);
	if (quiz_encode(a, qs, &resp, &e) == -1 ||
	    learn_answer(&a->learn, qs->la, qs->i, resp.data,
	    &ui->score, &e) == -1) {
		snprintf(qs->error, sizeof qs->error, "%s", e.msg);
		buf_release(&resp);
		return;
	}
	buf_release(&resp);
	qs->error[0] = '\0';
	app_progress_stale(a);
	if (quiz_after_each(qs)) {
		ui->checked = 1;
		return;
	}
	quiz_next_open(a, qs);
}

/*
 * Leaving a question with Tab keeps what was picked: a pick feels like an
 * answer. Not with feedback after each answer, where Enter shows the
 * feedback and locks it. When time is up ('time_up') the answer on screen
 * is kept whatever the feedback: the Moodle app submits what is on the
 * page, and a typed answer not yet confirmed with Enter is not lost.
 */
static void
quiz_save_pending(struct app *a, struct quiz_screen *qs, int time_up)
{
	struct answer_ui	*ui = &qs->ui;
	const char		*stored = qs->la->responses[qs->i];
	const struct qwidget	*wd;
	struct qw		 w;
	struct buf		 resp;
	struct err		 e;

	if (ui->checked || (quiz_after_each(qs) && !time_up))
		return;
	/* a widget may show an answer before any key (an ordering) */
	wd = quiz_widget(a, qs, &w);
	if (stored == NULL && wd->touched != NULL && !wd->touched(&w))
		return;
	buf_init(&resp);
	err_clear(&e);
	if (quiz_encode(a, qs, &resp, &e) == 0 && (stored == NULL ||
	    strcmp(stored, resp.data) != 0) &&
	    learn_answer(&a->learn, qs->la, qs->i, resp.data,
	    &ui->score, &e) == -1)
		app_error(a, &e);
	buf_release(&resp);
	app_progress_stale(a);
}

static enum act
quiz_key(struct app *a, void *data, int ch)
{
	struct quiz_screen	*qs = data;
	struct answer_ui	*ui = &qs->ui;
	const struct qwidget	*wd;
	struct qw		 w;

	if (qs->la == NULL)
		return ch == 'q' || ch == 27 ? ACT_POP : ACT_NONE;

	if (qs->confirm) {
		if ((ch == 'y' || ch == 'Y') && qs->la->review != NULL) {
			quiz_review_end(a, qs);
			return ACT_POP;
		}
		if (ch == 'y' || ch == 'Y')
			quiz_submit(a, qs, 0);
		else
			qs->confirm = 0;
		return ACT_REDRAW;
	}
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		quiz_confirm(a, qs);
		return ACT_REDRAW;
	case '\t':
		quiz_save_pending(a, qs, 0);
		quiz_goto(a, qs, (qs->i + 1) % qs->la->n);
		return ACT_REDRAW;
	case KEY_BTAB:
		quiz_save_pending(a, qs, 0);
		quiz_goto(a, qs, (qs->i + qs->la->n - 1) % qs->la->n);
		return ACT_REDRAW;
	case KEY_F(10):
		qs->confirm = 1;
		return ACT_REDRAW;
	case 27:
		return quiz_leave(a, qs);
	}
	/* after-each feedback locks the answer: no peeking and changing */
	if (ui->checked) {
		if (ch == 's')
			qs->confirm = 1;
		else if (ch == 'q')
			return quiz_leave(a, qs);
		else if (ch == KEY_RIGHT || ch == 'n')
			quiz_goto(a, qs, (qs->i + 1) % qs->la->n);
		else if (ch == KEY_LEFT || ch == 'p')
			quiz_goto(a, qs, (qs->i + qs->la->n - 1) %
			    qs->la->n);
		return ACT_REDRAW;
	}
	wd = quiz_widget(a, qs, &w);
	if (wd->typing) {
		qs->error[0] = '\0';
		return wd->key(&w, ch);
	}
	if (ch == 's') {
		qs->confirm = 1;
		return ACT_REDRAW;
	}
	if (ch == 'q')
		return quiz_leave(a, qs);
	return wd->key(&w, ch);
}

static int
quiz_typing(const struct app *a, const void *data)
{
	const struct quiz_screen	*qs = data;

	(void)a;
	if (qs->la == NULL)
		return 0;
	return !qs->ui.checked && !qs->confirm &&
	    qwidget_for(quiz_current(qs)->type)->typing;
}

static void
quiz_where(const struct app *a, const void *data, struct app_place *p)
{
	const struct quiz_screen	*qs = data;

	(void)a;
	if (qs->la == NULL)
		return;
	p->in_quiz = 1;
	/* a review opened from home has no course screen under it */
	snprintf(p->course, sizeof p->course, "%s", qs->la->c->id);
	snprintf(p->module, sizeof p->module, "%s", qs->la->m->id);
	snprintf(p->quiz_q, sizeof p->quiz_q, "%s",
	    qs->la->plan->qs[qs->i].q->id);
}

/* Preview: a question of this quiz is shown here, the quiz stays. */
static int
quiz_go(struct app *a, void *data, const struct app_place *p)
{
	struct quiz_screen	*qs = data;
	size_t			 k;

	if (qs->la == NULL || !p->in_quiz ||
	    strcmp(qs->la->m->id, p->module) != 0 || (p->course[0] != '\0' &&
	    strcmp(qs->la->c->id, p->course) != 0))
		return -1;
	if (p->quiz_q[0] != '\0' && (k = attempt_plan_find(qs->la->plan,
	    p->quiz_q)) != ATTEMPT_NONE)
		quiz_goto(a, qs, k);
	return 0;
}

/* Preview --stats: the figures shown are this question's. */
static const struct question *
quiz_shown(const void *data)
{
	const struct quiz_screen	*qs = data;

	return qs->la == NULL ? NULL : qs->la->plan->qs[qs->i].q;
}

const struct view view_quiz = {
	.name = "quiz",
	.open = quiz_open,
	.close = quiz_close,
	.tick = quiz_tick,
	.draw = quiz_draw,
	.key = quiz_key,
	.typing = quiz_typing,
	.release = quiz_release,
	.where = quiz_where,
	.go = quiz_go,
	.question = quiz_shown,
};
