#ifndef APP_H
#define APP_H

#include <stddef.h>
#include <time.h>

#include "course.h"
#include "diag.h"

/*
 * The app's state: what every view draws from. Key handlers change it and
 * return action bits; only app_run() paints (STYLE 2.6).
 */

struct app;
struct catalog;
struct cli;
struct layout;
struct text_wrapper;

enum act {
	ACT_NONE = 0,
	ACT_REDRAW = 1 << 0,
	ACT_QUIT = 1 << 1
};

struct view {
	const char	*name;
	void		 (*draw)(struct app *);		/* paint stdscr only */
	enum act	 (*key)(struct app *, int ch);	/* mutate, never paint */
};

/* The smallest screen the views are laid out for. */
#define APP_MIN_COLS	40
#define APP_MIN_LINES	12

struct home_state {
	int		 sel, top;
};

struct course_state {
	const struct course	*c;
	int			 sel, top;
};

struct lesson_state {
	const struct course	*c;
	size_t			 mod, page;
	int			 top;
	struct layout		*lay;		/* for lay_width, lay_lang */
	int			 lay_width;
	enum lang		 lay_lang;
};

struct problems_state {
	int		 top;
};

struct app {
	struct cli		*cli;
	struct catalog		*cat;
	struct diags		 problems;	/* content found at start-up */
	struct text_wrapper	*wrap;
	enum lang		 lang;

	const struct view	*stack[8];
	int			 depth;
	int			 dirty, quit;
	char			 status[256];
	time_t			 status_until;

	struct home_state	 home;
	struct course_state	 course;
	struct lesson_state	 lesson;
	struct problems_state	 probs;
};

extern const struct view view_home, view_course, view_lesson, view_problems,
	    view_help;

void		 app_push(struct app *a, const struct view *v);
void		 app_pop(struct app *a);
void		 app_status(struct app *a, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* Pick the Thai or English interface string. */
const char	*app_tr(const struct app *a, const char *th, const char *en);

/* Shared painting: the title bar and the key-hint footer. */
void		 app_draw_frame(struct app *a, const char *title,
		     const char *keys);
/* Move a selection by a key; returns 1 if the key was a movement key. */
int		 app_move(int ch, int *sel, int n, int page);
/* Keep 'sel' visible in a window of 'h' rows starting at *top. */
void		 app_scroll_to(int sel, int *top, int h);

#endif
