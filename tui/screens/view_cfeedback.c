/*
 * Feedback on a whole course, from the officer's latest finished attempt
 * at each of its quizzes: strengths and weaker areas by skill, then the
 * pages to revisit, which open with Enter. Reached with 'f' on the course
 * view and from the results of the quiz that completes the course.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "base/err.h"
#include "learn/feedback.h"
#include "screens/feedback_ui.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/*
 * The latest attempt at each quiz of course 'c'. 'c' is an open body:
 * let go of (release) before another course is opened. Whether the
 * course is complete is read on open and reload, not in draw.
 */
struct cfeedback_screen {
	const struct course	*c;		/* NULL once let go of */
	struct feedback		 fb;		/* points into 'c' */
	int			 sel, top;	/* page to revisit */
	int			 complete;	/* the records say so */
};

static void
cfeedback_reload(struct app *a, void *data)
{
	struct cfeedback_screen	*cf = data;

	cf->complete = cf->c != NULL && app_course_complete(a, cf->c);
}

static void
cfeedback_release(struct app *a, void *data, size_t keep)
{
	struct cfeedback_screen	*cf = data;

	if (cf->c == NULL || app_course_index(a, cf->c) == keep)
		return;
	feedback_release(&cf->fb);
	memset(cf, 0, sizeof *cf);
}

static void
cfeedback_close(struct app *a, void *data)
{
	cfeedback_release(a, data, (size_t)-1);
	free(data);
}

static int
cfeedback_open(struct app *a, const void *arg, void **data)
{
	struct cfeedback_screen	*cf;
	struct err		 e;

	if (a->learn.st == NULL)
		return -1;	/* a preview records no attempts */
	cf = xcalloc(1, sizeof *cf);
	cf->c = arg;
	feedback_init(&cf->fb);
	err_clear(&e);
	if (feedback_for_course(a->learn.st, a->learn.officer.id, cf->c,
	    &cf->fb, &e) == -1) {
		feedback_release(&cf->fb);
		free(cf);
		app_error(a, &e);
		return -1;
	}
	cfeedback_reload(a, cf);
	*data = cf;
	return 0;
}

void
app_open_course_feedback(struct app *a, const struct course *c)
{
	app_push(a, &view_cfeedback, c);
}

static void
cfeedback_draw(struct app *a, void *data)
{
	struct cfeedback_screen		*cf = data;
	const struct feedback		*f = &cf->fb;
	char				 line[512];
	int				 y = 2, i, h;

	curs_set(0);
	if (cf->c == NULL) {		/* closed: another course opened */
		app_draw_frame(a, tr(a, "Feedback"), tr(a, "q back"));
		return;
	}
	snprintf(line, sizeof line, "%s · %s", tr(a, "Feedback"),
	    lstr_get(&cf->c->title, a->lang));
	app_draw_frame(a, line, f->nrevisit > 0 ?
	    tr(a, "↑↓ pick a page  Enter read it  q back") :
	    tr(a, "q back"));
	if (cf->complete)
		ui_put(y++, 2, tr(a, "✓ Course complete"), COLS - 4, UIC_DONE);
	if (f->questions == 0) {
		ui_put(y, 2, tr(a, "No quiz of this course is finished yet: "
		    "feedback comes after the first one"), COLS - 4, UIC_DIM);
		return;
	}
	snprintf(line, sizeof line, tr(a, "From your latest attempt at each "
	    "quiz (%zu questions)"), f->questions);
	ui_put(y++, 2, line, COLS - 4, UIC_DIM);
	y++;
	y = feedback_draw_tags(a, y, f);
	if (f->nstrengths == 0 && f->nweaker == 0)
		ui_put(y++, 2, tr(a, "No skill stands out either way yet"),
		    COLS - 4, UIC_DIM);
	y++;
	if (f->nrevisit == 0) {
		ui_put(y, 2, tr(a, "No pages to revisit"), COLS - 4, UIC_DONE);
		return;
	}
	ui_put(y++, 2, tr(a, "Pages to revisit:"), COLS - 4, UIC_TITLE);
	h = LINES - 2 - y;
	app_scroll_to(cf->sel, &cf->top, h);
	for (i = cf->top; i < (int)f->nrevisit && y < LINES - 2; i++, y++) {
		const struct feedback_page	*fp = &f->revisit[i];
		enum uic			 col = i == cf->sel ?
						     UIC_SELECT : UIC_NORMAL;

		snprintf(line, sizeof line, "%zu. %s › %s", fp->module_index +
		    1, lstr_get(&fp->m->title, a->lang),
		    lstr_get(&fp->p->title, a->lang));
		if (i == cf->sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		ui_put(y, 3, line, COLS - 6, col);
	}
}

static enum act
cfeedback_key(struct app *a, void *data, int ch)
{
	struct cfeedback_screen		*cf = data;
	const struct feedback_page	*fp;

	if (app_move(ch, &cf->sel, (int)cf->fb.nrevisit, 5))
		return ACT_REDRAW;
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (cf->fb.nrevisit == 0)
			return ACT_NONE;
		fp = &cf->fb.revisit[cf->sel];
		app_open_lesson(a, cf->c, fp->module_index, fp->page_index);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
	case 'h':
		return ACT_POP;
	}
	return ACT_NONE;
}

const struct view view_cfeedback = {
	.name = "course-feedback",
	.flags = VIEW_STATE_DRAW,
	.open = cfeedback_open,
	.close = cfeedback_close,
	.draw = cfeedback_draw,
	.key = cfeedback_key,
	.release = cfeedback_release,
	.reload = cfeedback_reload,
};
