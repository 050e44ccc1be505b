#ifndef APP_H
#define APP_H

#include <stddef.h>
#include <time.h>

#include "learn/attempt.h"
#include "base/buf.h"
#include "content/course.h"
#include "base/diag.h"
#include "learn/feedback.h"
#include "base/i18n.h"
#include "learn/learn.h"
#include "store/store_outbox.h"
#include "store/store_query.h"
#include "text/lineedit.h"

/*
 * The app's state: what every view draws from. Key handlers change it and
 * return action bits; only app_run() paints (STYLE 2.6).
 */

struct app;
struct catalog;
struct cli;
struct layout;
struct search_doc;
struct sync;
struct text_wrapper;
struct watch;

enum act {
	ACT_NONE = 0,
	ACT_REDRAW = 1 << 0,
	ACT_QUIT = 1 << 1
};

struct view {
	const char	*name;
	void		 (*draw)(struct app *);		/* paint stdscr only */
	enum act	 (*key)(struct app *, int ch);	/* mutate, never paint */
	/* True while a text field has the keys (no global shortcuts). */
	int		 (*typing)(const struct app *);
};

/*
 * Keys reach views as an int: curses KEY_* codes, ASCII as itself, and
 * other characters (Thai) as their code point with APP_UNI set, so they
 * cannot be mistaken for a KEY_* code.
 */
#define APP_UNI		0x40000000
#define APP_CTRL(c)	((c) & 0x1f)

/* Insert a typed character into a line editor; returns 1 if it was one. */
int		 app_edit_key(struct lineedit *le, int ch);

/* The smallest screen the views are laid out for. */
#define APP_MIN_COLS	40
#define APP_CKPT_MS	1000	/* pause before a WAL checkpoint */
#define APP_MIN_LINES	12

struct home_state {
	int			 sel, top;
	size_t			*order;		/* shown courses: own group
						 * first, filtered */
	size_t			 n;
	int			 valid;		/* order matches the filters */
	int			 area, level;	/* filters; -1 = any */
	int			 searching;	/* typing in the search field */
	struct lineedit		 query;
	size_t			 query_start;
	struct search_doc	**docs;		/* per course, built on demand */
};

/* Cached progress of each catalogue course, filled when first drawn. */
struct progress_cache {
	struct learn_course	*courses;	/* one per catalogue course */
	unsigned char		*valid;
	int64_t			 outbox[STORE_OB_NSTATES];
	int			 outbox_valid;
};

/*
 * Views keep the catalogue index of the course they show, never a pointer
 * into its body: a body lives only until another course is opened
 * (catalog_open_course), so draw and key functions fetch it again with
 * app_open_course() each time.
 */
struct course_state {
	size_t			 ci;		/* catalogue index */
	int			 sel, top;
};

/*
 * Feedback on a whole course: the latest attempt at each of its quizzes.
 * 'c' is an open body: closed (app_course_feedback_close) before another
 * course is opened.
 */
struct cfeedback_state {
	const struct course	*c;
	struct feedback		 fb;		/* points into 'c' */
	int			 loaded;
	int			 sel, top;	/* page to revisit */
};

struct lesson_state {
	size_t			 ci;		/* catalogue index */
	size_t			 mod, page;
	int			 top;
	struct layout		*lay;		/* for lay_width, lay_lang */
	int			 lay_width;
	enum lang		 lay_lang;
};

struct problems_state {
	int		 top;
};

/* First run: who is learning on this machine. */
struct signup_state {
	int			 field;		/* 0 code, 1 name, 2 group */
	struct lineedit		 code, name;
	size_t			 code_start, name_start;
	int			 group;
	int			 admin;		/* kiosk trainer adds an officer */
	char			 error[600];
};

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

/* Kiosk: who is logging in, PINs, and the trainer's menu. */
enum login_step {
	LOGIN_FIND,		/* type a code or name, pick from the list */
	LOGIN_PIN,		/* the officer's PIN */
	LOGIN_NEWPIN,		/* first login: choose a PIN */
	LOGIN_NEWPIN2,		/* ... and type it again */
	LOGIN_ADMIN,		/* the trainer's admin PIN */
	LOGIN_MENU,		/* the trainer's menu */
	LOGIN_IMPORT		/* the trainer types a CSV file's path */
};

struct login_state {
	enum login_step		 step;
	struct lineedit		 find, pin, pin2, path;
	size_t			 find_start, path_start;
	struct store_officer	*all;		/* every officer, for finding */
	size_t			 nall;
	size_t			*match;		/* indexes into 'all' */
	size_t			 nmatch;
	int			 sel, top;
	struct store_officer	 who;		/* picked officer */
	int			 reset_pin;	/* admin: next pick resets a PIN */
	int			 menu;		/* trainer's menu row */
	int			 admin_failed;	/* wrong admin PINs in a row */
	time_t			 admin_locked;	/* no admin try before this */
	char			 msg[600];
	int			 msg_error;
};

struct quiz_state {
	struct learn_attempt	*la;
	size_t			 i;		/* question on screen */
	struct answer_ui	 ui;
	int			 confirm;	/* submit? modal */
	int			 finished;
	int			 timed_out;	/* submitted when time ran out */
	struct attempt_result	 result;
	struct feedback		 fb;		/* strengths and weaker areas */
	int			 review_top;
	long			 shown_left;	/* countdown second on screen */
	char			 error[600];
};

struct app {
	struct cli		*cli;
	struct mo		 th;		/* the Thai interface catalogue */
	struct catalog		*cat;
	struct store		*st;
	struct sync		*sync;		/* background delivery; may be NULL */
	int			 sync_phase;	/* as last drawn */
	int			 ckpt_due;	/* writes since the last checkpoint */
	int64_t			 sync_pending;
	struct learn		 learn;		/* the officer learning now */
	int			 have_officer;
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
	struct cfeedback_state	 cfb;
	struct lesson_state	 lesson;
	struct problems_state	 probs;
	struct signup_state	 signup;
	struct login_state	 login;
	int			 kiosk;
	/* trainer preview: no progress file, files watched and reloaded */
	int			 preview;
	const char		*preview_path;
	struct watch		*watch;
	long			 reload_due_ms;	/* 0 = none pending */
	int			 show_answers;	/* preview: correct answers shown */
	int			 jumping;	/* 'g': typing an id to go to */
	struct lineedit		 jump;
	time_t			 last_input;	/* for the kiosk idle logout */
	long			 idle_shown;	/* warning second on screen */
	struct store_progress	*room;		/* trainer's view of the room */
	size_t			 nroom;
	int			 room_top;
	struct progress_cache	 progress;
	struct quiz_state	 quiz;
	char			 open_error[1024];	/* last failed open */
};

extern const struct view view_home, view_course, view_lesson, view_problems,
	    view_help, view_signup, view_quiz, view_results, view_login,
	    view_room, view_mine, view_cfeedback;

/* Preview: reload when the watched files changed; ms to wait, or -1. */
int		 app_preview_tick(struct app *a);
/* Preview: draw the problems pane and the jump prompt (from the frame). */
void		 app_preview_draw(struct app *a);
/* Preview: 'g' and 'a'; returns 1 when the key was taken. */
int		 app_preview_key(struct app *a, int ch);
/* Go to the module, page, quiz or question with 'id'; 0 if found. */
int		 app_goto_id(struct app *a, const char *id);

/* Forget the home list and search index (new officer or catalogue). */
void		 app_home_reset(struct app *a);

/* Kiosk: back to the login screen, with nothing of the officer left. */
void		 app_logout(struct app *a);
/* Kiosk: ms until the idle logout is due (or -1), logging out when due. */
int		 app_idle_tick(struct app *a, time_t now);
/* Open the place the officer left (an open quiz, else the last page). */
void		 app_login_restore(struct app *a);
/* Kiosk: set up the login screen. */
void		 app_login_start(struct app *a);

/* Start the learn session for officer 'o' (after sign-up or at start). */
void		 app_set_officer(struct app *a, const struct store_officer *o);
/* Open the quiz of the module under the course view's cursor. */
void		 app_open_quiz(struct app *a, const struct course *c,
		     const struct module *m);
/* The officer's progress in catalogue course 'i' (cached; may be NULL). */
const struct learn_course *app_course_progress(struct app *a, size_t i);
/* Background sync: ms until it wants to run again, or -1. */
int		 app_sync_tick(struct app *a);
/* Forget cached progress after a learning event (and wake the sync). */
void		 app_progress_stale(struct app *a);
/*
 * Draw why the course on screen cannot be shown (a failed
 * app_open_course(): its files changed or went away).
 */
void		 app_draw_open_error(struct app *a);
/*
 * Feedback on course 'c' (its body) as a whole (course view 'f', course
 * end). It borrows the body: app_open_course() closes it before another
 * course is opened.
 */
void		 app_open_course_feedback(struct app *a,
		     const struct course *c);
void		 app_course_feedback_close(struct app *a);
/* Index of course 'c' (a header or an open body) in the catalogue. */
size_t		 app_course_index(const struct app *a, const struct course *c);
/*
 * The body of catalogue course 'i' (catalog_open_course): borrowed, valid
 * until a different course is opened. An open quiz or course feedback of
 * another course is closed first (an attempt stays in the store), so
 * neither points into a released body. On failure shows why in the status
 * line and returns NULL.
 */
const struct course *app_open_course(struct app *a, size_t i);
/*
 * Open course 'i' and push the course view with module 'sel' selected.
 * Returns the body, or NULL (nothing pushed) when it cannot be opened.
 */
const struct course *app_show_course(struct app *a, size_t i, int sel);
/* Open module 'mod' of 'c' in the reader at 'page'. */
void		 app_open_lesson(struct app *a, const struct course *c,
		     size_t mod, size_t page);
/* Leave the quiz: free the attempt state (it stays in the store). */
void		 app_quiz_close(struct app *a);
/*
 * Append to 'out' the officer's response 'resp' to 'q' in words, or with
 * resp NULL the correct answer.
 */
void		 app_describe_answer(struct app *a, const struct question *q,
		     const char *resp, struct buf *out);
/* Show question 'i' of the open attempt. */
void		 app_quiz_show(struct app *a, size_t i);
/* Quiz countdown: ms until the next tick, or -1 when no timer runs. */
int		 app_quiz_tick(struct app *a, time_t now);
/* Show an error from the library in the status line. */
void		 app_error(struct app *a, const struct err *e);

void		 app_push(struct app *a, const struct view *v);
void		 app_pop(struct app *a);
void		 app_status(struct app *a, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/*
 * An interface string in the app's language: 'msgid' is the English, the
 * Thai comes from po/th.po. Mark strings in tables with N_() so xgettext
 * finds them.
 */
const char	*tr(const struct app *a, const char *msgid)
		     __attribute__((format_arg(2)));
#define N_(s)	(s)

/* Shared painting: the title bar and the key-hint footer. */
void		 app_draw_frame(struct app *a, const char *title,
		     const char *keys);
/* Move a selection by a key; returns 1 if the key was a movement key. */
int		 app_move(int ch, int *sel, int n, int page);
/* Keep 'sel' visible in a window of 'h' rows starting at *top. */
void		 app_scroll_to(int sel, int *top, int h);

#endif
