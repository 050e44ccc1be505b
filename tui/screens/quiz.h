#ifndef QUIZ_H
#define QUIZ_H

#include <stddef.h>

#include "content/qtype.h"
#include "learn/attempt.h"
#include "learn/feedback.h"
#include "learn/learn.h"
#include "text/lineedit.h"

/*
 * The quiz screen (view_quiz.c) and the results screen that takes its
 * place on submit (view_results.c): the attempt moves from one to the
 * other with the screen.
 */

/* What the officer is doing with the question on screen. */
struct answer_ui {
	int			 cursor;	/* display row */
	struct qtype_response	 resp;		/* the answer as shown */
	size_t			*order;		/* ordering: items as shown */
	size_t			 norder;
	int			 holding;	/* ordering: moving an item */
	int			 moved;		/* ordering: the officer moved one */
	struct lineedit		 edit;		/* fill-in, numeric */
	size_t			 edit_start;
	int			 checked;	/* after-each: feedback shown */
	struct attempt_score	 score;
	int			 loaded;	/* resp/edit/order initialised */
};

/*
 * A quiz attempt on screen. 'la' borrows the course body: it is let go
 * of (NULL) when another course is opened (view release), and the
 * screen then only offers to go back.
 */
struct quiz_screen {
	struct learn_attempt	*la;		/* owned */
	size_t			 i;		/* question on screen */
	struct answer_ui	 ui;
	int			 confirm;	/* submit? modal */
	long			 shown_left;	/* countdown second on screen */
	char			 error[600];
};

/*
 * What the quiz screen opens with (from app_open_quiz(), the timed quiz's
 * intro, or a review session that quiz_open_review() hands over).
 */
struct quiz_arg {
	const struct course	*c;	/* borrowed */
	const struct module	*m;
	struct learn_attempt	*review;	/* taken over when not NULL */
};

struct app;

/*
 * Open the quiz screen on 'arg' (a new attempt or the open one): on top,
 * or in the place of the screen whose state is 'replace' (the intro of a
 * timed quiz) when not NULL.
 */
void	quiz_start(struct app *a, const struct quiz_arg *arg,
	    const void *replace);

/*
 * The officer's progress in module 'm' of 'c' as the views show it
 * (app_course_progress), or NULL when there is none (a preview).
 */
const struct learn_module *quiz_progress(struct app *a,
	    const struct course *c, const struct module *m);

/* A finished attempt: what view_results opens with (it takes it all). */
struct quiz_done {
	struct learn_attempt	*la;		/* owned */
	struct attempt_result	 result;
	struct feedback		 fb;		/* strengths and weaker areas */
	int			 timed_out;	/* submitted when time ran out */
};

struct app;

/*
 * Ask review session 'la' (learn_review_begin) in the quiz screen, with
 * feedback after each answer; the screen takes 'la'. Ending it (submit,
 * q or Esc) shows how many were right and closes the screen, with no
 * results screen: a review changes no result. Returns 0, or -1 with 'la'
 * freed when the screen cannot open.
 */
int	quiz_open_review(struct app *a, struct learn_attempt *la);

#endif
