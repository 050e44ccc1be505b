#ifndef FEEDBACK_UI_H
#define FEEDBACK_UI_H

/*
 * Painting feedback (lib/learn/feedback.h) on the results screen or at the end
 * of a course: strengths, weaker areas with their scores, and the pages
 * to revisit.
 */

struct app;
struct feedback;

/*
 * Paint 'f' from row 'y' on, never below LINES - 2, in columns 2 ..
 * COLS - 2. Returns the next free row. Paints nothing for an empty 'f'.
 */
int	feedback_draw(struct app *a, int y, const struct feedback *f);

/* The same without the pages to revisit (a screen that lists them). */
int	feedback_draw_tags(struct app *a, int y, const struct feedback *f);

#endif
