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
#include "screens/ui.h"

/*
 * The app: a stack of screens, each a view (a table of functions) over
 * its own state. Key handlers change state and return action bits; only
 * the loop in app_loop.c paints (STYLE 2.6). This header and app.c (the
 * stack) name no screen: screens include it, and what opens a screen by
 * name includes views.h.
 */

struct app;
struct catalog;
struct stats_report;
struct cli;
struct plan_set;
struct pull;
struct sync;
struct text_wrapper;
struct update_job;
struct watch;

/*
 * What a key handler asks of the app (htop's HandlerResult): bits, so a
 * handler can ask for several.
 */
enum act {
	ACT_NONE = 0,
	ACT_REDRAW = 1 << 0,
	ACT_QUIT = 1 << 1,	/* leave the app (a kiosk logs out instead) */
	ACT_POP = 1 << 2	/* close this screen, back to the one below */
};

/*
 * Where a screen is, by ids (they survive a reload of the catalogue):
 * the preview finds the place again after a reload or a jump to an id.
 */
struct app_place {
	char	course[128], module[128], quiz_q[128];
	size_t	page;
	int	in_course, in_lesson, in_quiz;
};

enum view_flags {
	VIEW_NO_HELP = 1 << 0,	/* '?' opens no help over it (help itself) */
	/*
	 * Its draw reads nothing from the store or the catalogue's packs;
	 * the tests hold it to that (RIANRU_TEST_DRAW_CHECK, app_loop.c).
	 */
	VIEW_STATE_DRAW = 1 << 1,
	/*
	 * It holds nothing from the catalogue that app_pop_to(a, 1) would
	 * not give back: a content update may switch the catalogue under
	 * it (update_ui.c).
	 */
	VIEW_UPDATE_SAFE = 1 << 2
};

/*
 * A screen (htop's PanelClass, tmux's window_mode): a table of functions
 * over the screen's own state, which open() builds and close() frees.
 * Only 'draw' and 'key' are required. Draw paints from the state only:
 * what it shows from the store is read by open() and reload().
 */
struct view {
	const char	*name;
	unsigned	 flags;		/* enum view_flags */
	/*
	 * Build the state from 'arg' (see the app_open_* wrapper that
	 * passes it) into *data: 0, or -1 with nothing to free when the
	 * screen cannot open (it said why in the status line).
	 */
	int		 (*open)(struct app *, const void *arg, void **data);
	void		 (*close)(struct app *, void *data);
	/* Timers: ms until the next tick it wants, or -1 for none. */
	int		 (*tick)(struct app *, void *data, time_t now);
	void		 (*draw)(struct app *, void *data);	/* paint only */
	enum act	 (*key)(struct app *, void *data, int ch);
	/* True while a text field has the keys (no global shortcuts). */
	int		 (*typing)(const struct app *, const void *data);
	/*
	 * The officer's records changed since the screen read them (a
	 * learning event), or the screen asked for it (app_screen_stale):
	 * read them again. Called before the screen is drawn, never from
	 * draw.
	 */
	void		 (*reload)(struct app *, void *data);
	/*
	 * Course 'keep' is being opened, which may release any other
	 * course's body ((size_t)-1: the whole catalogue goes): let go of
	 * pointers into them.
	 */
	void		 (*release)(struct app *, void *data, size_t keep);
	/*
	 * Kiosk: seconds without a key before the app logs out while this
	 * screen is on the stack, or -1 for none. NULL: the kiosk's
	 * idle-timeout while an officer is logged in.
	 */
	int		 (*idle)(const struct app *, const void *data);
	/* Preview: add what this screen shows to *p. */
	void		 (*where)(const struct app *, const void *data,
			     struct app_place *p);
	/* Preview: show place 'p' without a new screen; 0 if it could. */
	int		 (*go)(struct app *, void *data,
			     const struct app_place *p);
	/* Preview --stats: the question it shows now, or NULL. */
	const struct question *(*question)(const void *data);
};

/* One screen on the stack: its functions and its state. */
struct screen {
	const struct view	*v;
	void			*data;
	unsigned		 gen;	/* records' generation it has read */
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
#define APP_DEPTH	12	/* screens on the stack at most */

/* Cached progress of each catalogue course, filled when first asked. */
struct progress_cache {
	struct learn_course	*courses;	/* one per catalogue course */
	unsigned char		*valid;
	int64_t			 outbox[STORE_OB_NSTATES];
	int			 outbox_valid;
};

/* The trainer's preview: files watched and reloaded, nothing recorded. */
struct preview_state {
	const char		*path;
	struct watch		*watch;
	long			 reload_due_ms;	/* 0 = none pending */
	int			 show_answers;	/* correct answers shown */
	const char		*stats_path;	/* --stats: a progress file */
	struct stats_report	*stats;		/* its item analysis; owned */
	int			 jumping;	/* 'g': typing an id */
	struct lineedit		 jump;
};

/*
 * Content updates in the background (update_ui.c): the installed
 * catalogue folder is checked every content-check seconds by a thread
 * (sync/update_job.h), and watched for a `rianru update` run beside the
 * app; a new catalogue is switched in when no screen holds a course
 * other than the course and lesson views (which are opened again in
 * place): a quiz, its results or a timed quiz's intro keep the old one
 * until the officer leaves them.
 */
struct app_update {
	struct update_job	*job;		/* running, or NULL */
	char			*dir;		/* catalogue/; NULL: no updates */
	time_t			 next;		/* the next background check */
	time_t			 watch_next;	/* the next look at the index */
	long long		 seen[3];	/* the index as loaded: inode,
						 * size, mtime (0: none) */
	int			 pending;	/* installed, not switched in */
	unsigned		 updated, added, removed;	/* news */
};

/*
 * The app: what outlives a screen. Each screen's own state lives in the
 * screen (struct screen.data), built and freed by its view.
 */
struct app {
	struct cli		*cli;
	struct mo		 th;		/* the Thai interface catalogue */
	struct catalog		*cat;
	struct store		*st;
	struct sync		*sync;		/* background delivery; may be NULL */
	int			 sync_phase;	/* as last drawn */
	int			 ckpt_due;	/* writes since the last checkpoint */
	int64_t			 sync_pending;
	struct pull		*pull;		/* progress from other machines;
						 * NULL: no LRS */
	time_t			 pull_next;	/* pull the officer again */
	unsigned		 pull_landed;	/* as last merged */
	time_t			 pull_success;	/* as last seen */
	time_t			 sync_success;	/* the sender's, as last seen */
	int			 net_back;	/* app_network_back(): run the
						 * timers again at once */
	struct learn		 learn;		/* the officer learning now */
	int			 have_officer;
	struct diags		 problems;	/* content found at start-up */
	struct plan_set		*plans;		/* content/plans, read once */
	size_t			 plan_errors;	/* plan files with errors */
	struct text_wrapper	*wrap;
	enum lang		 lang;

	struct screen		 stack[APP_DEPTH];
	int			 depth;
	struct screen		 closed[APP_DEPTH];	/* freed after the key */
	int			 nclosed;
	unsigned		 gen;		/* bumped by app_progress_stale */
	int			 dirty, quit;
	char			 status[256];
	const char		*status_id;	/* app_say's msgid, or NULL */
	time_t			 status_until;

	int			 kiosk;
	time_t			 last_input;	/* for the kiosk idle logout */
	long			 idle_shown;	/* warning second on screen */
	int			 preview;
	struct preview_state	 pv;
	struct progress_cache	 progress;
	struct app_update	 upd;
	char			 open_error[1024];	/* last failed open */
};

/*
 * The stack. app_push() opens 'v' with 'arg' on top: 0, or -1 when it
 * could not open (nothing pushed). app_pop() closes the top screen (the
 * last one ends the app). app_replace() puts 'v' in the place of the
 * screen whose state is 'old' (a quiz becoming its results). A closed
 * screen's state is freed after the key or tick that closed it returns,
 * so a handler may close its own screen and still read its state.
 */
int		 app_push(struct app *a, const struct view *v, const void *arg);
void		 app_pop(struct app *a);
int		 app_replace(struct app *a, const void *old,
		     const struct view *v, const void *arg);
/* Close the screens above the first 'depth' ones. */
void		 app_pop_to(struct app *a, int depth);
/* Close every screen (logout, the end). */
void		 app_close_all(struct app *a);
/* Free the state of the screens closed since the last call. */
void		 app_reap(struct app *a);
/* The screen on top. */
struct screen	*app_top(struct app *a);
/*
 * The screen whose state is 'data' reads again (its reload) before it
 * is drawn next: what it read is gone (a course body let go of).
 */
void		 app_screen_stale(struct app *a, const void *data);

/*
 * The calls through the screens' tables, for the loop (app_loop.c,
 * app_keys.c). app_screens_tick() runs the timer of every screen on the
 * stack (a quiz under the help screen still counts down): ms until the
 * nearest, or -1. app_refresh_top() lets the top screen read its records
 * again (its reload) when they changed since it read them.
 * app_typing() is 1 while the top screen's text field has the keys.
 * app_screen_key() gives key 'ch' to the top screen and does what it
 * asks but ACT_QUIT (which is the loop's: a kiosk logs out): returns the
 * action bits.
 */
int		 app_screens_tick(struct app *a, time_t now);
void		 app_refresh_top(struct app *a);
int		 app_typing(struct app *a);
enum act	 app_screen_key(struct app *a, int ch);
/* The nearer of two timeouts in ms, where -1 is none. */
int		 app_soonest(int timeout, int t);
/*
 * Kiosk: seconds without a key before it logs out, the shortest any
 * screen on the stack asks for (-1: none); app_idle_warn() is how long
 * before that the warning shows, app_idle_left() the seconds left at
 * 'now'. The frame shows the warning, the loop logs out (app_kiosk.c).
 */
int		 app_idle_limit(const struct app *a);
long		 app_idle_warn(int limit);
long		 app_idle_left(const struct app *a, int limit, time_t now);

/* Where the officer is, by ids: each screen on the stack adds its part. */
void		 app_remember_place(struct app *a, struct app_place *p);

/* Show an error from the library in the status line. */
void		 app_error(struct app *a, const struct err *e);

void		 app_status(struct app *a, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/*
 * The status line says interface string 'msgid' (an N_() string), in
 * the app's language, again in the other one after 'L'. A message built
 * with app_status() goes away on 'L' instead of staying in the old
 * language.
 */
void		 app_say(struct app *a, const char *msgid);
/*
 * Paint 's' at y, x in at most 'maxw' cells; text that does not fit is
 * cut after a whole word (Thai words as libthai finds them) and ends in
 * "…". Returns the cells painted.
 */
int		 app_put_cut(struct app *a, int y, int x, const char *s,
		     int maxw, enum uic c);
/*
 * app_put_cut() of text of course 'course' (its title, a quiz's title):
 * cut after a whole word of that course's own words (course.yaml
 * 'words:'), on screens that list several courses. 'course' may be NULL
 * (a course no longer in the catalogue): libthai's words alone.
 */
int		 app_put_cut_in(struct app *a, const struct course *course,
		     int y, int x, const char *s, int maxw, enum uic c);
/*
 * An interface string in the app's language: 'msgid' is the English, the
 * Thai comes from po/th.po. Mark strings in tables with N_() so xgettext
 * finds them.
 */
const char	*tr(const struct app *a, const char *msgid)
		     __attribute__((format_arg(2)));
#define N_(s)	(s)

/*
 * The local day of 't' as the interface writes short dates: 05/12/2569
 * (day/month/Buddhist-era year) in Thai, 2026-12-05 in English.
 */
void		 app_date(const struct app *a, time_t t, char *out,
		     size_t size);

/* Shared painting: the title bar and the key-hint footer. */
void		 app_draw_frame(struct app *a, const char *title,
		     const char *keys);
/* Move a selection by a key; returns 1 if the key was a movement key. */
int		 app_move(int ch, int *sel, int n, int page);
/* Keep 'sel' visible in a window of 'h' rows starting at *top. */
void		 app_scroll_to(int sel, int *top, int h);

#endif
