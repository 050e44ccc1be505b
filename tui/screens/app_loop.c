/*
 * The main loop: paint the top screen when something changed, sleep in
 * one poll(2) until a key, a watched file, a socket or the nearest timer,
 * run the timers of the screens and of the app, hand the keys on.
 */
#include "screens/app_loop.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/preview.h"
#include "screens/update_ui.h"
#include "screens/app_keys.h"
#include "screens/app_kiosk.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/watch.h"
#include "store/store.h"
#include "text/text.h"
#include "screens/ui.h"

static volatile sig_atomic_t	app_signalled;

static void
app_on_signal(int sig)
{
	app_signalled = sig;
}

static void
app_draw_small(struct app *a)
{
	const char	*msg = tr(a, "Terminal too small");
	char		 need[64];

	snprintf(need, sizeof need, "%dx%d+ (%dx%d)", APP_MIN_COLS,
	    APP_MIN_LINES, COLS, LINES);
	ui_put(LINES / 2 - 1, 0, msg, COLS, UIC_WARN);
	ui_put(LINES / 2, 0, need, COLS, UIC_NORMAL);
}

/*
 * The officer has paused (no key for APP_CKPT_MS after a write): move the
 * write-ahead log into the database now, so the checkpoint's fsync is not
 * paid inside the next answer's commit.
 */
static void
app_checkpoint(struct app *a)
{
	struct err	e;

	a->ckpt_due = 0;
	if (a->learn.st == NULL)
		return;
	err_clear(&e);
	if (store_checkpoint(a->learn.st, &e) == -1)
		app_error(a, &e);
}

/* The status line's message expires: ms until it does, or -1. */
static int
app_status_tick(struct app *a, time_t now)
{
	if (a->status[0] == '\0')
		return -1;
	if (now >= a->status_until) {
		a->status[0] = '\0';
		a->dirty = 1;
		return -1;
	}
	return (int)(a->status_until - now) * 1000;
}

/* A checkpoint is due after a pause: wake for it. */
static int
app_ckpt_tick(struct app *a, time_t now)
{
	(void)now;
	return a->ckpt_due ? APP_CKPT_MS : -1;
}

/*
 * The app's own timers (every screen's run with them, see app_timeout):
 * each returns ms until it wants to run again, or -1.
 */
static int (*const app_timers[])(struct app *, time_t) = {
	app_idle_tick, app_preview_tick, app_sync_tick, app_pull_tick,
	app_update_tick, app_status_tick, app_ckpt_tick
};

/*
 * Run the timers of the app and of every screen on the stack (a quiz
 * under the help screen still counts down); the poll waits for the
 * nearest, or forever (-1).
 */
static int
app_timeout(struct app *a)
{
	time_t	now = time(NULL);
	size_t	k;
	int	timeout;

	timeout = app_screens_tick(a, now);
	for (k = 0; k < sizeof app_timers / sizeof app_timers[0]; k++)
		timeout = app_soonest(timeout, app_timers[k](a, now));
	app_reap(a);
	if (a->net_back) {
		/* the sender's timer ran before the network came back */
		a->net_back = 0;
		timeout = 0;
	}
	return timeout;
}

/*
 * Lines of a course's text keep that course's words whole (course.yaml
 * 'words:'): before painting, give the wrapper the words of the course
 * the screens are in, the nearest one from the top that names its
 * course (the course screen, under its lessons, quizzes and results; a
 * quiz names its course, for a review opened from home), or of the only
 * course there is; none on home, whose rows give each their course's
 * (view_home.c).
 */
static void
app_use_words(struct app *a)
{
	const struct course	*c = NULL;
	struct app_place	 p;
	int			 k;

	for (k = a->depth - 1; k >= 0 && c == NULL; k--) {
		if (a->stack[k].v->where == NULL)
			continue;
		memset(&p, 0, sizeof p);
		a->stack[k].v->where(a, a->stack[k].data, &p);
		if (p.course[0] != '\0')
			c = catalog_find(a->cat, p.course);
	}
	if (c == NULL && a->cat != NULL && a->cat->n == 1)
		c = a->cat->courses[0];
	if (c != NULL)
		text_wrapper_use_words(a->wrap, c->words, c->nwords);
	else
		text_wrapper_use_words(a->wrap, NULL, 0);
}

/*
 * Draw the top screen. A draw paints from its screen's state (STYLE 2.6):
 * with RIANRU_TEST_DRAW_CHECK set (the end-to-end tests set it), a
 * VIEW_STATE_DRAW screen whose draw ran a statement on the progress file
 * or asked the catalogue for a search or a course body has a bug, and the
 * app stops there and says so.
 */
static void
app_draw_top(struct app *a, struct screen *s)
{
	static int	 check = -1;
	const char	*v;
	unsigned long	 st0, cat0;

	if (check == -1)
		check = (v = getenv("RIANRU_TEST_DRAW_CHECK")) != NULL &&
		    *v != '\0';
	st0 = a->st != NULL ? store_statements(a->st) : 0;
	cat0 = a->cat != NULL ? a->cat->lookups : 0;
	s->v->draw(a, s->data);
	if (!check || !(s->v->flags & VIEW_STATE_DRAW))
		return;
	if ((a->st != NULL && store_statements(a->st) != st0) ||
	    (a->cat != NULL && a->cat->lookups != cat0)) {
		ui_end();
		fprintf(stderr, "rianru: bug: the %s screen read the progress "
		    "file or the catalogue while drawing\n", s->v->name);
		abort();
	}
}

static void
app_paint(struct app *a)
{
	struct screen	*s;

	erase();
	if (COLS < APP_MIN_COLS || LINES < APP_MIN_LINES)
		app_draw_small(a);
	else {
		app_refresh_top(a);
		s = app_top(a);
		app_use_words(a);
		ui_focus_begin();
		app_draw_top(a, s);
		app_preview_draw(a);
		/* last: the cursor on the focused item, for screen readers */
		ui_focus_end();
	}
	refresh();
	a->dirty = 0;
}

/*
 * RIANRU_TEST_TURNS=FILE (a test hook, not a setting): at the end the
 * loop writes how many times it woke, in all and while the sender had a
 * request at the LRS, so a test can tell a loop that sleeps on the
 * network's sockets from one that polls.
 */
static void
app_turns_write(unsigned long turns, unsigned long sending)
{
	const char	*path = getenv("RIANRU_TEST_TURNS");
	FILE		*f;

	if (path == NULL || *path == '\0' || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "turns %lu\nsending %lu\n", turns, sending);
	fclose(f);
}

#define APP_NET_FDS	8	/* the sender's and the puller's sockets */

/*
 * One poll(2) for everything: the terminal, the preview's watch, the
 * sockets of the requests in flight; the timeout is the nearest timer
 * (app_timeout), so the loop wakes only when something happened.
 */
void
app_loop(struct app *a)
{
	struct pollfd	pfd[2 + APP_NET_FDS] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = -1, .events = POLLIN }
	};
	unsigned long	turns = 0, sending = 0;
	int		ch, timeout, r, nfd;
	wint_t		wc;

	a->dirty = 1;
	while (!a->quit && !app_signalled) {
		if (a->dirty)
			app_paint(a);
		timeout = app_timeout(a);
		if (a->dirty || a->quit)
			continue;
		if (a->pv.watch != NULL)
			pfd[1].fd = watch_fd(a->pv.watch);
		nfd = 2 + app_net_fds(a, pfd + 2, APP_NET_FDS);
		if ((r = poll(pfd, (nfds_t)nfd, timeout)) == -1 &&
		    errno != EINTR)
			break;
		turns++;
		if (app_sending(a))
			sending++;
		if (r == 0 && a->ckpt_due)
			app_checkpoint(a);
		while ((r = get_wch(&wc)) != ERR) {
			if (r == KEY_CODE_YES || wc < 0x80)
				ch = (int)wc;
			else
				ch = (int)wc | APP_UNI;
			if (COLS < APP_MIN_COLS || LINES < APP_MIN_LINES) {
				/* only quitting works on the too-small screen */
				if (ch == 'q' || ch == 27)
					a->quit = 1;
				a->dirty = 1;
				continue;
			}
			app_key(a, ch);
			/*
			 * Idle time runs from the answer to a key, not from
			 * the key: checking a PIN (Argon2id) or opening a
			 * course can take seconds on an old, busy PC, and
			 * that is not the officer walking away.
			 */
			if (ch != KEY_RESIZE)
				a->last_input = time(NULL);
			app_reap(a);
			if (a->quit)
				break;
		}
	}
	app_turns_write(turns, sending);
}

/* Quit cleanly on a signal; in a kiosk the interrupt keys do nothing. */
void
app_signals(int kiosk)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = app_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (kiosk) {
		/* no way out to a shell */
		sa.sa_handler = SIG_IGN;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTSTP, &sa, NULL);
	} else
		sigaction(SIGINT, &sa, NULL);	/* quit cleanly */
}
