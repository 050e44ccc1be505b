/*
 * Before a timed quiz starts: the time allowed, the number of questions
 * and the rule of the clock (it runs from the start, also while the quiz
 * is paused or the app is closed, as Moodle's limit does). The countdown
 * starts only on a second key, so 't' alone never costs time.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "screens/quiz.h"
#include "screens/qwidget.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/* The attempts counted are read on open and reload, not in draw. */
struct qintro_screen {
	const struct course	*c;	/* borrowed; NULL once let go of */
	const struct module	*m;
	int			 used;	/* attempts used, here and elsewhere */
	int			 elsewhere;	/* one is open on another machine */
};

/* The officer's attempts at this quiz (after a learning event or pull). */
static void
qintro_reload(struct app *a, void *data)
{
	struct qintro_screen		*s = data;
	const struct learn_module	*lm;

	s->used = s->elsewhere = 0;
	if (s->c == NULL || (lm = quiz_progress(a, s->c, s->m)) == NULL)
		return;
	s->used = learn_attempts_used(lm);
	s->elsewhere = lm->open_elsewhere;
}

static int
qintro_open(struct app *a, const void *arg, void **data)
{
	const struct quiz_arg	*qa = arg;
	struct qintro_screen	*s;

	s = xcalloc(1, sizeof *s);
	s->c = qa->c;
	s->m = qa->m;
	qintro_reload(a, s);
	*data = s;
	return 0;
}

static void
qintro_close(struct app *a, void *data)
{
	(void)a;
	free(data);
}

/* Another course is opened: this one's body may go. */
static void
qintro_release(struct app *a, void *data, size_t keep)
{
	struct qintro_screen	*s = data;

	if (s->c != NULL && app_course_index(a, s->c) != keep) {
		s->c = NULL;
		s->m = NULL;
	}
}

/* "10 min", "1 min 30 s", "45 s": the limit as a person says it. */
static void
qintro_limit(struct app *a, int secs, char *out, size_t size)
{
	if (secs >= 60 && secs % 60 == 0)
		snprintf(out, size, tr(a, "%d min"), secs / 60);
	else if (secs >= 60)
		snprintf(out, size, tr(a, "%d min %d s"), secs / 60,
		    secs % 60);
	else
		snprintf(out, size, tr(a, "%d s"), secs);
}

static void
qintro_draw(struct app *a, void *data)
{
	struct qintro_screen		*s = data;
	const struct quiz		*qz;
	char				 line[512], limit[64];
	int				 y = 2;

	curs_set(0);
	if (s->c == NULL) {
		app_draw_frame(a, "", tr(a, "q back"));
		return;
	}
	qz = s->m->quiz;
	app_draw_frame(a, lstr_get(&qz->title, a->lang),
	    tr(a, "Enter start  q back"));
	app_put_cut(a, y++, 2, lstr_get(&qz->title, a->lang), COLS - 4,
	    UIC_TITLE);
	y++;
	qintro_limit(a, qz->time_limit, limit, sizeof limit);
	snprintf(line, sizeof line, tr(a, "Time allowed: %s"), limit);
	ui_put(y++, 2, line, COLS - 4, UIC_EMPH);
	snprintf(line, sizeof line, tr(a, "Questions: %zu"), qz->draw ?
	    (size_t)qz->draw : qz->nquestions);
	ui_put(y++, 2, line, COLS - 4, UIC_NORMAL);
	/* attempts made on other machines are counted too (pulled back) */
	if (qz->attempts > 0) {
		snprintf(line, sizeof line, tr(a, "Attempts: %d of %d used"),
		    s->used, qz->attempts);
		ui_put(y++, 2, line, COLS - 4, UIC_NORMAL);
	}
	if (s->elsewhere)
		app_put_cut(a, y++, 2, tr(a, "An attempt is open on another "
		    "machine: this one is a new attempt"), COLS - 4, UIC_DIM);
	y++;
	qwidget_text(a, &y, 2, tr(a, "The clock starts when you press "
	    "Enter and keeps running while the quiz is paused or rianru is "
	    "closed. When time is up, the answers on screen are submitted."),
	    UIC_NORMAL, LINES - 2);
	y++;
	if (y < LINES - 2)
		app_put_cut(a, y, 2, tr(a, "Press Enter to start, q to go "
		    "back"), COLS - 4, UIC_KEY);
}

static enum act
qintro_key(struct app *a, void *data, int ch)
{
	struct qintro_screen	*s = data;
	struct quiz_arg		 arg;

	if (s->c == NULL)
		return ch == 'q' || ch == 27 ? ACT_POP : ACT_NONE;
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		/* the quiz takes this screen's place: back goes past it */
		arg.c = s->c;
		arg.m = s->m;
		arg.review = NULL;
		quiz_start(a, &arg, s);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
		return ACT_POP;
	}
	return ACT_NONE;
}

const struct view view_qintro = {
	.name = "quiz-intro",
	.flags = VIEW_STATE_DRAW,
	.open = qintro_open,
	.close = qintro_close,
	.draw = qintro_draw,
	.key = qintro_key,
	.reload = qintro_reload,
	.release = qintro_release,
};
