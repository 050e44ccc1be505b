#ifndef VIEWS_H
#define VIEWS_H

#include <stddef.h>

/*
 * The screens by name, and the calls that open one, for the code that
 * opens them: the loop and start-up (app_main.c, app_keys.c,
 * app_kiosk.c, app_session.c) and a screen that opens another. Not in
 * app.h: the stack names no screen, so including app.h makes a screen
 * depend on the stack only.
 */

struct app;
struct buf;
struct course;
struct module;
struct question;
struct quiz;
struct view;

extern const struct view view_home, view_course, view_lesson, view_problems,
	    view_help, view_signup, view_quiz, view_results, view_login,
	    view_room, view_mine, view_cfeedback, view_privacy,
	    view_qintro;

/*
 * The privacy notice over the current screen when the officer has not
 * seen it yet (sign-up, first kiosk login); Enter records it.
 */
void		 app_privacy_notice(struct app *a);
/*
 * Open course 'i' and push the course view with module 'sel' selected.
 * Returns the body, or NULL (nothing pushed) when it cannot be opened.
 */
const struct course *app_show_course(struct app *a, size_t i, int sel);
/* Open module 'mod' of 'c' in a new reader at 'page'. */
void		 app_open_lesson(struct app *a, const struct course *c,
		     size_t mod, size_t page);
/* Open the quiz of module 'm' of 'c' (a new or the open attempt). */
void		 app_open_quiz(struct app *a, const struct course *c,
		     const struct module *m);
/*
 * Feedback on course 'c' (its body) as a whole (course view 'f', course
 * end). It borrows the body, and lets go of it when another course is
 * opened (view release).
 */
void		 app_open_course_feedback(struct app *a,
		     const struct course *c);
/*
 * Review (review_ui.c): how many questions the officer has due today (a
 * store query: call it from open or reload, never from draw), and 'r' on
 * home: ask the due questions of one quiz in the quiz screen.
 */
size_t		 app_review_due(struct app *a);
void		 app_open_review(struct app *a);
/*
 * Append to 'out' the officer's response 'resp' to 'q' in words, or with
 * resp NULL the correct answer.
 */
void		 app_describe_answer(struct app *a, const struct question *q,
		     const char *resp, struct buf *out);
/* Quiz 'z''s mastery rule in words, into 'out' (view_quiz.c). */
void		 app_mastery_rule(struct app *a, const struct quiz *z,
		     char *out, size_t size);

#endif
