/*
 * A course: its summary, certification and modules with the officer's
 * marks (done, in progress), pass marks, attempts left and best scores;
 * 'f' opens feedback on the whole course (view_cfeedback.c).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "base/buf.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/load.h"
#include "learn/review.h"
#include "report/html.h"
#include "text/markup.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/*
 * The screen keeps the catalogue index of the course. A body lives only
 * until another course is opened (catalog_open_course): the draw paints
 * the body and progress read on open and reload, and release lets go of
 * them (the screen reads them again before it is drawn next); a key
 * fetches the body again with app_open_course().
 */
struct course_screen {
	size_t				 ci;	/* catalogue index */
	int				 sel, top;
	const struct course		*c;	/* NULL: could not open */
	const struct learn_course	*lc;	/* the app's cache; may be NULL */
};

/* What app_show_course() opens the screen with. */
struct course_arg {
	size_t	ci;
	int	sel;
};

/*
 * "quiz: 7 questions · pass 60% · 2 attempt(s) left · timed · passed ·
 * best 80%", each part translated whole and joined in one place. When
 * the line is wider than 'maxw' cells the parts that matter least go
 * first (the number of questions, "timed", the pass mark), so an open
 * quiz, the attempts left and the best score stay on a narrow screen.
 */
static void
course_quiz_line(struct app *a, const struct quiz *qz,
    const struct learn_module *lm, int left, int maxw, char *out,
    size_t size)
{
	enum { P_OPEN, P_QUESTIONS, P_PASS, P_LEFT, P_TIMED, P_PASSED,
	    P_ELSEWHERE, P_BEST, P_COUNT };
	/* dropped in this order while the line is too wide */
	static const int	 drop[] = { P_QUESTIONS, P_TIMED, P_PASS,
				     P_PASSED };
	char			 part[P_COUNT][128];
	struct buf		 b;
	size_t			 k, d;

	memset(part, 0, sizeof part);
	if (lm != NULL && lm->open)
		snprintf(part[P_OPEN], sizeof part[P_OPEN], "%s",
		    tr(a, "◐ quiz open"));
	snprintf(part[P_QUESTIONS], sizeof part[P_QUESTIONS],
	    tr(a, "quiz: %zu questions"), qz->draw ? (size_t)qz->draw :
	    qz->nquestions);
	if (qz->mastery_of > 0)
		app_mastery_rule(a, qz, part[P_PASS], sizeof part[P_PASS]);
	else
		snprintf(part[P_PASS], sizeof part[P_PASS], tr(a, "pass %d%%"),
		    qz->pass_pct);
	if (left < 0)
		snprintf(part[P_LEFT], sizeof part[P_LEFT], "%s",
		    tr(a, "unlimited attempts"));
	else
		snprintf(part[P_LEFT], sizeof part[P_LEFT],
		    tr(a, "%d attempt(s) left"), left);
	if (qz->time_limit > 0)
		snprintf(part[P_TIMED], sizeof part[P_TIMED], "%s",
		    tr(a, "timed"));
	if (lm != NULL && lm->passed)
		snprintf(part[P_PASSED], sizeof part[P_PASSED], "%s",
		    tr(a, "passed"));
	if (lm != NULL && lm->open_elsewhere)
		snprintf(part[P_ELSEWHERE], sizeof part[P_ELSEWHERE], "%s",
		    tr(a, "an attempt is open on another machine"));
	if (lm != NULL && lm->best >= 0)
		snprintf(part[P_BEST], sizeof part[P_BEST],
		    tr(a, "best %.0f%%"), lm->best * 100);
	buf_init(&b);
	for (d = 0; ; d++) {
		buf_reset(&b);
		for (k = 0; k < P_COUNT; k++)
			if (part[k][0] != '\0')
				buf_addf(&b, "%s%s", b.len ? " · " : "",
				    part[k]);
		if ((int)text_width(b.data, b.len) <= maxw ||
		    d == sizeof drop / sizeof drop[0])
			break;
		part[drop[d]][0] = '\0';
	}
	snprintf(out, size, "%s", b.data);
	buf_release(&b);
}

/*
 * The modules from row 'y' down, each with its quiz's line, scrolled so
 * the selection shows.
 */
static void
course_draw_modules(struct app *a, struct course_screen *cs, int y)
{
	const struct course		*c = cs->c;
	const struct learn_course	*lc = cs->lc;
	int				 i, x, left, mw;
	char				 line[512], mins[64];

	app_scroll_to(cs->sel, &cs->top, LINES - 3 - y);
	for (i = cs->top; i < (int)c->nmodules && y < LINES - 2; i++) {
		const struct module		*m = &c->modules[i];
		const struct learn_module	*lm = lc ? &lc->modules[i] : NULL;
		enum uic			 col = i == cs->sel ?
						     UIC_SELECT : UIC_NORMAL;
		const char			*mark = "○";

		if (lm != NULL && lm->done)
			mark = "✓";
		else if (lm != NULL && (lm->pages_seen > 0 ||
		    lm->attempts > 0 || lm->open || lm->open_elsewhere))
			mark = "◐";
		if (i == cs->sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		ui_put(y, 2, mark, 1, lm && lm->done ? UIC_DONE : col);
		snprintf(line, sizeof line, " %d. ", i + 1);
		x = 3 + ui_put(y, 3, line, 5, col);
		/* the reading time at the end, the title cut to make room */
		mins[0] = '\0';
		if (m->minutes > 0)
			snprintf(mins, sizeof mins, tr(a, " · %d min"),
			    m->minutes);
		mw = (int)text_width(mins, strlen(mins));
		x += app_put_cut(a, y, x, lstr_get(&m->title, a->lang),
		    COLS - x - 2 - mw, col);
		ui_put(y, x, mins, COLS - x - 2, i == cs->sel ? col : UIC_DIM);
		y++;
		if (m->quiz == NULL)
			continue;
		left = attempt_attempts_left(m->quiz, lm ?
		    learn_attempts_used(lm) : 0);
		course_quiz_line(a, m->quiz, lm, left, COLS - 10, line,
		    sizeof line);
		app_put_cut(a, y, 8, line, COLS - 10, lm != NULL && lm->open ?
		    UIC_EMPH : left == 0 ? UIC_WARN : UIC_DIM);
		y++;
	}
}

static void
course_draw(struct app *a, void *data)
{
	struct course_screen		*cs = data;
	const struct course		*c = cs->c;
	const struct learn_course	*lc = cs->lc;
	struct text_line		*lines = NULL;
	const char			*sum;
	int				 y = 2, x;
	size_t				 n, j;
	char				 line[512];

	if (c == NULL) {
		app_draw_open_error(a);
		return;
	}
	app_draw_frame(a, lstr_get(&c->title, a->lang),
	    tr(a, "↑↓ select  Enter read  t quiz  f feedback  q back  ? help"));
	sum = lstr_get(&c->summary, a->lang);
	if (*sum != '\0') {
		/* a short screen keeps its rows for the modules */
		if (LINES < 18)
			app_put_cut(a, y++, 2, sum, COLS - 4, UIC_NORMAL);
		else {
			n = text_wrap(a->wrap, sum, strlen(sum), COLS - 4,
			    &lines);
			for (j = 0; j < n && j < 3; j++)
				ui_putn(y++, 2, sum + lines[j].off,
				    lines[j].len, COLS - 4, UIC_NORMAL);
			free(lines);
		}
	}
	snprintf(line, sizeof line, "%g %s", c->hours, tr(a, "hours"));
	x = 2 + app_put_cut(a, y, 2, line, COLS - 4, UIC_DIM);
	if (c->cert.body != NULL) {
		struct buf	until;

		/* the date as Thai documents write it: 31 ธันวาคม พ.ศ. 2570 */
		buf_init(&until);
		if (c->cert.valid_until != NULL && html_date_ymd(&until,
		    c->cert.valid_until, a->lang) == -1)
			buf_adds(&until, c->cert.valid_until);
		snprintf(line, sizeof line, " · %s %s %s%s%s", tr(a, "certified by"), c->cert.body, c->cert.code,
		    c->cert.valid_until ? tr(a, " until ") : "",
		    until.len > 0 ? until.data : "");
		buf_release(&until);
		app_put_cut(a, y, x, line, COLS - x - 2, UIC_DONE);
	}
	y++;
	if (lc != NULL && lc->complete)
		app_put_cut(a, y, 2, tr(a, "✓ Course complete: f shows feedback on "
		    "the whole course"), COLS - 4, UIC_DONE);
	y++;
	/*
	 * A certificate is issued from the command line, not from here: say
	 * so, with the command, so an officer knows the course earned one
	 * (in a kiosk it is the trainer who runs it). A short screen keeps
	 * its rows for the modules.
	 */
	if (lc != NULL && lc->complete && a->have_officer && LINES >= 18) {
		snprintf(line, sizeof line, a->kiosk ?
		    tr(a, "Certificate: ask your trainer (rianru certificate "
		    "--user %s --course %s)") :
		    tr(a, "Certificate: rianru certificate --user %s "
		    "--course %s --out FILE.html"), a->learn.officer.code,
		    c->id);
		n = text_wrap(a->wrap, line, strlen(line), COLS - 4, &lines);
		for (j = 0; j < n && j < 2; j++)
			ui_putn(y++, 2, line + lines[j].off, lines[j].len,
			    COLS - 4, UIC_DIM);
		free(lines);
		lines = NULL;
	}
	course_draw_modules(a, cs, y);
}

static enum act
course_key(struct app *a, void *data, int ch)
{
	struct course_screen		*cs = data;
	const struct course		*c = app_open_course(a, cs->ci);
	const struct module		*m;
	const struct learn_course	*lc;
	size_t				 pg = 0;

	if (c == NULL)
		return ch == 'q' || ch == 27 || ch == KEY_LEFT || ch == 'h' ?
		    ACT_POP : ACT_REDRAW;
	if (app_move(ch, &cs->sel, (int)c->nmodules, 5))
		return ACT_REDRAW;
	m = &c->modules[cs->sel];
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
	case 'l':
		if (m->npages == 0) {
			app_open_quiz(a, c, m);
			return ACT_REDRAW;
		}
		/* back where the officer stopped in this module */
		lc = app_course_progress(a, cs->ci);
		if (lc != NULL && strcmp(lc->resume_module, m->id) == 0)
			module_page(m, lc->resume_page, &pg);
		app_open_lesson(a, c, (size_t)cs->sel, pg);
		return ACT_REDRAW;
	case 't':
		app_open_quiz(a, c, m);
		return ACT_REDRAW;
	case 'f':
		app_open_course_feedback(a, c);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
	case 'h':
		return ACT_POP;
	}
	return ACT_NONE;
}

/* Read the body and the officer's progress in it (after a learning event). */
static void
course_reload(struct app *a, void *data)
{
	struct course_screen	*cs = data;

	cs->c = app_open_course(a, cs->ci);
	cs->lc = cs->c != NULL ? app_course_progress(a, cs->ci) : NULL;
}

/* Another course is being opened: this body may go. */
static void
course_release(struct app *a, void *data, size_t keep)
{
	struct course_screen	*cs = data;

	if (keep == cs->ci)
		return;
	cs->c = NULL;
	cs->lc = NULL;
	app_screen_stale(a, cs);
}

static int
course_open(struct app *a, const void *arg, void **data)
{
	const struct course_arg	*ca = arg;
	struct course_screen	*cs;

	cs = xcalloc(1, sizeof *cs);
	cs->ci = ca->ci;
	cs->sel = ca->sel;
	course_reload(a, cs);
	*data = cs;
	return 0;
}

static void
course_close(struct app *a, void *data)
{
	(void)a;
	free(data);
}

static void
course_where(const struct app *a, const void *data, struct app_place *p)
{
	const struct course_screen	*cs = data;

	/* the preview's catalogue is whole: no body to open */
	if (cs->ci >= a->cat->n)
		return;
	p->in_course = 1;
	snprintf(p->course, sizeof p->course, "%s",
	    a->cat->courses[cs->ci]->id);
}

const struct view view_course = {
	.name = "course",
	.flags = VIEW_STATE_DRAW | VIEW_UPDATE_SAFE,
	.open = course_open,
	.close = course_close,
	.draw = course_draw,
	.key = course_key,
	.reload = course_reload,
	.release = course_release,
	.where = course_where,
};

const struct course *
app_show_course(struct app *a, size_t i, int sel)
{
	const struct course	*c;
	struct course_arg	 arg = { i, sel };
	struct err		 e;

	if ((c = app_open_course(a, i)) == NULL)
		return NULL;
	/* the review set follows the course as it is now */
	err_clear(&e);
	if (a->have_officer && learn_review_sync(&a->learn, c, &e) == -1)
		app_error(a, &e);
	if (app_push(a, &view_course, &arg) == -1)
		return NULL;
	return c;
}
