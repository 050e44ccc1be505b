/*
 * Feedback on a whole course, from the officer's latest finished attempt
 * at each of its quizzes: strengths and weaker areas by skill, then the
 * pages to revisit, which open with Enter. Reached with 'f' on the course
 * view and from the results of the quiz that completes the course.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "screens/app.h"
#include "base/err.h"
#include "learn/feedback.h"
#include "screens/feedback_ui.h"
#include "screens/ui.h"

void
app_course_feedback_close(struct app *a)
{
	if (a->cfb.loaded)
		feedback_release(&a->cfb.fb);
	memset(&a->cfb, 0, sizeof a->cfb);
}

void
app_open_course_feedback(struct app *a, const struct course *c)
{
	struct err	e;

	if (a->learn.st == NULL)
		return;		/* a preview records no attempts */
	app_course_feedback_close(a);
	a->cfb.c = c;
	feedback_init(&a->cfb.fb);
	err_clear(&e);
	if (feedback_for_course(a->learn.st, a->learn.officer.id, c,
	    &a->cfb.fb, &e) == -1) {
		feedback_release(&a->cfb.fb);
		app_error(a, &e);
		return;
	}
	a->cfb.loaded = 1;
	app_push(a, &view_cfeedback);
}

static void
cfeedback_draw(struct app *a)
{
	const struct feedback		*f = &a->cfb.fb;
	const struct learn_course	*lc;
	char				 line[512];
	int				 y = 2, i, h;

	curs_set(0);
	if (a->cfb.c == NULL) {		/* closed: another course opened */
		app_draw_frame(a, tr(a, "Feedback"), tr(a, "q back"));
		return;
	}
	snprintf(line, sizeof line, "%s · %s", tr(a, "Feedback"),
	    lstr_get(&a->cfb.c->title, a->lang));
	app_draw_frame(a, line, f->nrevisit > 0 ?
	    tr(a, "↑↓ pick a page  Enter read it  q back") :
	    tr(a, "q back"));
	lc = app_course_progress(a, app_course_index(a, a->cfb.c));
	if (lc != NULL && lc->complete)
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
	app_scroll_to(a->cfb.sel, &a->cfb.top, h);
	for (i = a->cfb.top; i < (int)f->nrevisit && y < LINES - 2; i++, y++) {
		const struct feedback_page	*fp = &f->revisit[i];
		enum uic			 col = i == a->cfb.sel ?
						     UIC_SELECT : UIC_NORMAL;

		snprintf(line, sizeof line, "%zu. %s › %s", fp->module_index +
		    1, lstr_get(&fp->m->title, a->lang),
		    lstr_get(&fp->p->title, a->lang));
		if (i == a->cfb.sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		ui_put(y, 3, line, COLS - 6, col);
	}
}

static enum act
cfeedback_key(struct app *a, int ch)
{
	const struct feedback_page	*fp;

	if (app_move(ch, &a->cfb.sel, (int)a->cfb.fb.nrevisit, 5))
		return ACT_REDRAW;
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (a->cfb.fb.nrevisit == 0)
			return ACT_NONE;
		fp = &a->cfb.fb.revisit[a->cfb.sel];
		app_open_lesson(a, a->cfb.c, fp->module_index, fp->page_index);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
	case 'h':
		app_pop(a);
		app_course_feedback_close(a);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

const struct view view_cfeedback = { "course-feedback", cfeedback_draw,
    cfeedback_key, NULL };
