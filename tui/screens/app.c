/*
 * The learning app: start-up, the view stack and the main loop.
 */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "screens/app.h"
#include "content/catalog.h"
#include "cli/cli.h"
#include "base/err.h"
#include "content/load.h"
#include "screens/plan_ui.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_privacy.h"
#include "config/connect.h"
#include "sync/pull.h"
#include "sync/sync.h"
#include "text/markup.h"
#include "text/text.h"
#include "screens/ui.h"
#include "content/watch.h"
#include "base/xalloc.h"

static volatile sig_atomic_t	app_signalled;

static void
app_on_signal(int sig)
{
	app_signalled = sig;
}

struct screen *
app_top(struct app *a)
{
	return &a->stack[a->depth - 1];
}

void
app_screen_stale(struct app *a, const void *data)
{
	int	i;

	for (i = 0; i < a->depth; i++)
		if (a->stack[i].data == data)
			a->stack[i].gen = a->gen - 1;
}

/* Set a closed screen aside: its state is freed by app_reap(). */
static void
app_bury(struct app *a, const struct screen *s)
{
	if (a->nclosed == APP_DEPTH)
		app_reap(a);	/* cannot happen: a stack's worth at most */
	a->closed[a->nclosed++] = *s;
}

void
app_reap(struct app *a)
{
	struct screen	s;

	while (a->nclosed > 0) {
		s = a->closed[--a->nclosed];
		if (s.v->close != NULL)
			s.v->close(a, s.data);
	}
}

/* Open 'v' with 'arg' into *s; -1 when it cannot. */
static int
app_open_screen(struct app *a, const struct view *v, const void *arg,
    struct screen *s)
{
	s->v = v;
	s->data = NULL;
	if (v->open != NULL && v->open(a, arg, &s->data) == -1)
		return -1;
	s->gen = a->gen;	/* open read what is there now */
	return 0;
}

int
app_push(struct app *a, const struct view *v, const void *arg)
{
	struct screen	s;

	if (a->depth == APP_DEPTH)
		return -1;
	if (app_open_screen(a, v, arg, &s) == -1)
		return -1;
	a->stack[a->depth++] = s;
	a->status[0] = '\0';	/* a new screen shows its own key hints */
	a->dirty = 1;
	return 0;
}

void
app_pop(struct app *a)
{
	if (a->depth > 1)
		app_bury(a, &a->stack[--a->depth]);
	else
		a->quit = 1;
	a->dirty = 1;
}

int
app_replace(struct app *a, const void *old, const struct view *v,
    const void *arg)
{
	struct screen	s;
	int		i;

	for (i = a->depth - 1; i >= 0; i--)
		if (a->stack[i].data == old)
			break;
	if (i < 0 || app_open_screen(a, v, arg, &s) == -1)
		return -1;
	app_bury(a, &a->stack[i]);
	a->stack[i] = s;
	a->dirty = 1;
	return 0;
}

void
app_pop_to(struct app *a, int depth)
{
	while (a->depth > depth && a->depth > 0)
		app_bury(a, &a->stack[--a->depth]);
	a->dirty = 1;
}

void
app_close_all(struct app *a)
{
	app_pop_to(a, 0);
}

void
app_status(struct app *a, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	a->status_id = NULL;
	a->status_until = time(NULL) + 4;
	a->dirty = 1;
}

void
app_date(const struct app *a, time_t t, char *out, size_t size)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	if (a->lang == LANG_EN)
		strftime(out, size, "%Y-%m-%d", &tm);
	else
		snprintf(out, size, "%02d/%02d/%04d", tm.tm_mday,
		    tm.tm_mon + 1, tm.tm_year + 1900 + 543);
}

void
app_say(struct app *a, const char *msgid)
{
	app_status(a, "%s", tr(a, msgid));
	a->status_id = msgid;
}

int
app_put_cut(struct app *a, int y, int x, const char *s, int maxw,
    enum uic c)
{
	struct text_line	*lines = NULL;
	size_t			 n, len = strlen(s);
	int			 w;

	if (maxw <= 0)
		return 0;
	if ((int)text_width(s, len) <= maxw)
		return ui_put(y, x, s, maxw, c);
	/* the first wrapped line is the longest prefix ending at a word */
	n = text_wrap(a->wrap, s, len, maxw - 1, &lines);
	w = n > 0 ? ui_putn(y, x, s + lines[0].off, lines[0].len, maxw - 1,
	    c) : 0;
	free(lines);
	return w + ui_put(y, x + w, "…", 1, c);
}

/*
 * Seconds without a key before a kiosk logs out: the shortest any screen
 * on the stack asks for (the trainer's menu under the room's progress
 * keeps its own), or -1 when nothing is open (the empty login screen).
 */
static int
app_idle_limit(const struct app *a)
{
	const struct screen	*s;
	int			 i, t, limit = -1;

	if (!a->kiosk)
		return -1;
	for (i = 0; i < a->depth; i++) {
		s = &a->stack[i];
		if (s->v->idle != NULL)
			t = s->v->idle(a, s->data);
		else
			t = a->have_officer ? a->cli->cfg.idle_timeout : -1;
		if (t >= 0 && (limit < 0 || t < limit))
			limit = t;
	}
	return limit;
}

/*
 * The warning's length: the last 30 seconds, or the last half of a
 * shorter limit (a warning all along would hide the status line).
 */
static long
app_idle_warn(int limit)
{
	return limit / 2 < 30 ? limit / 2 : 30;
}

/* Seconds of inactivity left before the kiosk logs out. */
static long
app_idle_left(const struct app *a, int limit, time_t now)
{
	return (long)(a->last_input + limit - now);
}

void
app_error(struct app *a, const struct err *e)
{
	char	msg[1024];

	app_status(a, "%s", err_str(e, msg, sizeof msg));
}

/*
 * The e2e tests move the learning clock ahead (review due dates) with
 * RIANRU_TEST_CLOCK_SHIFT=seconds: a test hook, not a setting.
 */
static long	app_clock_shift;

static time_t
app_clock(void)
{
	return time(NULL) + app_clock_shift;
}

void
app_set_officer(struct app *a, const struct store_officer *o)
{
	const char	*shift;
	struct err	 e;

	/* the officer's own language, chosen at sign-up or with 'L' */
	if (strcmp(o->lang, "en") == 0)
		a->lang = LANG_EN;
	else if (strcmp(o->lang, "th") == 0)
		a->lang = LANG_TH;
	learn_init(&a->learn, a->st, o, a->cli->cfg.homepage,
	    a->cli->cfg.activity_base, tr(a, "en-US"));
	fsrs_params_retention(&a->learn.fsrs,
	    a->cli->cfg.review_retention / 100.0);
	if ((shift = getenv("RIANRU_TEST_CLOCK_SHIFT")) != NULL &&
	    *shift != '\0') {
		app_clock_shift = strtol(shift, NULL, 10);
		a->learn.now = app_clock;
	}
	a->have_officer = 1;
	err_clear(&e);
	if (a->st != NULL && store_officer_seen(a->st, o->id, time(NULL),
	    &e) == -1)
		app_error(a, &e);
	/* what they did elsewhere, in the background: home fills in when
	 * it lands (app_pull_tick) */
	if (a->pull != NULL && o->id != 0) {
		pull_start(a->pull, o->id, o->code);
		a->pull_next = time(NULL) + APP_PULL_EVERY;
	}
}

/*
 * The officer of a single-user machine: the one seen most recently.
 * Returns 1 when there is one (in *o), 0 when none yet, -1 on error.
 */
static int
app_find_officer(struct store *st, struct store_officer *o, struct err *e)
{
	struct store_officer	*list = NULL;
	size_t			 n = 0, i, best = 0;

	if (store_officer_list(st, &list, &n, e) == -1)
		return -1;
	if (n == 0)
		return 0;
	for (i = 1; i < n; i++)
		if (list[i].last_seen > list[best].last_seen)
			best = i;
	*o = list[best];
	free(list);
	return 1;
}

/*
 * Back to where the officer was when the app last stopped (even killed):
 * an open quiz attempt first, else the page read most recently. The
 * catalogue stays underneath, so 'q' walks back out.
 */
void
app_login_restore(struct app *a)
{
	const struct learn_course	*lc, *best = NULL;
	const struct course		*c;
	size_t				 i, m, bi = 0, pg;

	/* headers tell where; the body is opened for the place found */
	for (i = 0; i < a->cat->n; i++) {
		if ((lc = app_course_progress(a, i)) == NULL || !lc->enrolled)
			continue;
		c = a->cat->courses[i];
		for (m = 0; m < c->nmodules; m++)
			if (lc->modules[m].open) {
				if ((c = app_show_course(a, i, (int)m)) != NULL)
					app_open_quiz(a, c, &c->modules[m]);
				return;
			}
		if (!lc->complete && lc->resume_at > 0 &&
		    (best == NULL || lc->resume_at > best->resume_at)) {
			best = lc;
			bi = i;
		}
	}
	if (best == NULL)
		return;
	c = a->cat->courses[bi];
	for (m = 0; m < c->nmodules; m++)
		if (strcmp(c->modules[m].id, best->resume_module) == 0 &&
		    module_page(&c->modules[m], best->resume_page, &pg) != NULL) {
			if ((c = app_show_course(a, bi, (int)m)) != NULL)
				app_open_lesson(a, c, m, pg);
			return;
		}
}

/* Built from po/th.po by the Makefile (build/.../gen/mo_th.c). */
extern const unsigned char	mo_th[];
extern const unsigned long	mo_th_len;

const char *
tr(const struct app *a, const char *msgid)
{
	return a->lang == LANG_EN ? msgid : mo_lookup(&a->th, msgid);
}

/*
 * The key hints "Enter answer  s submit  q pause", cut between two keys
 * (at a double space) when they do not fit: half a hint ("F1" of "F10")
 * would name another key.
 */
static void
app_put_keys(int y, int x, const char *keys, int maxw)
{
	size_t	len = strlen(keys), cut = 0;
	const char *p;

	if ((int)text_width(keys, len) <= maxw) {
		ui_put(y, x, keys, maxw, UIC_DIM);
		return;
	}
	for (p = keys; (p = strstr(p, "  ")) != NULL; p += 2) {
		if ((int)text_width(keys, (size_t)(p - keys)) > maxw)
			break;
		cut = (size_t)(p - keys);
	}
	/* one hint wider than the screen: cut it as any text */
	ui_putn(y, x, keys, cut > 0 ? cut : len, maxw, UIC_DIM);
}

void
app_draw_frame(struct app *a, const char *title, const char *keys)
{
	const char	*name = tr(a, "rianru");
	int		 w, limit;

	ui_fill(0, 0, COLS, UIC_BAR);
	w = ui_put(0, 1, name, COLS - 2, UIC_BAR);
	ui_put(0, w + 1, " · ", 3, UIC_BAR);
	if (a->preview)
		w += ui_put(0, w + 1, tr(a, " [preview]"),
		    COLS - w - 2, UIC_BAR);
	/* a long title is cut after a word, with … (at 40x12 too) */
	app_put_cut(a, 0, w + 4, title, COLS - w - 5, UIC_BAR);
	if ((limit = app_idle_limit(a)) >= 0 &&
	    app_idle_left(a, limit, time(NULL)) <= app_idle_warn(limit)) {
		char	warn[256];
		long	left = app_idle_left(a, limit, time(NULL));

		snprintf(warn, sizeof warn, tr(a, "No activity: logging out "
		    "in %ld s (press any key to stay)"), left);
		ui_fill(LINES - 1, 0, COLS, UIC_BAR);
		ui_put(LINES - 1, 1, warn, COLS - 2, UIC_BAR);
	} else if (a->status[0] != '\0' && time(NULL) < a->status_until)
		app_put_cut(a, LINES - 1, 1, a->status, COLS - 2, UIC_WARN);
	else
		app_put_keys(LINES - 1, 1, keys, COLS - 2);
}

int
app_edit_key(struct lineedit *le, int ch)
{
	char	u[4];
	size_t	n;

	switch (ch) {
	case KEY_LEFT:
		lineedit_left(le);
		return 1;
	case KEY_RIGHT:
		lineedit_right(le);
		return 1;
	case KEY_HOME:
	case APP_CTRL('a'):
		lineedit_home(le);
		return 1;
	case KEY_END:
	case APP_CTRL('e'):
		lineedit_end(le);
		return 1;
	case KEY_BACKSPACE:
	case 127:
	case APP_CTRL('h'):
		lineedit_backspace(le);
		return 1;
	case KEY_DC:
		lineedit_delete(le);
		return 1;
	case APP_CTRL('u'):
		lineedit_set(le, "");
		return 1;
	}
	if (ch & APP_UNI) {
		n = text_encode((uint32_t)(ch & ~APP_UNI), u);
		lineedit_insert(le, u, n);
		return 1;
	}
	if (ch >= 0x20 && ch < 0x7f) {
		u[0] = (char)ch;
		lineedit_insert(le, u, 1);
		return 1;
	}
	return 0;
}

int
app_move(int ch, int *sel, int n, int page)
{
	int	s = *sel;

	switch (ch) {
	case KEY_UP:
	case 'k':
		s--;
		break;
	case KEY_DOWN:
	case 'j':
		s++;
		break;
	case KEY_PPAGE:
		s -= page;
		break;
	case KEY_NPAGE:
		s += page;
		break;
	case KEY_HOME:
	case 'g':
		s = 0;
		break;
	case KEY_END:
	case 'G':
		s = n - 1;
		break;
	default:
		return 0;
	}
	if (s >= n)
		s = n - 1;
	if (s < 0)
		s = 0;
	*sel = s;
	return 1;
}

void
app_scroll_to(int sel, int *top, int h)
{
	if (h < 1)
		h = 1;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + h)
		*top = sel - h + 1;
	if (*top < 0)
		*top = 0;
}

/* 'L': the other language, remembered for the officer. */
static void
app_switch_lang(struct app *a)
{
	struct err	e;

	a->lang = a->lang == LANG_TH ? LANG_EN : LANG_TH;
	a->dirty = 1;
	/* a message stays only if it can be said in the new language */
	if (a->status[0] != '\0' && a->status_id != NULL)
		snprintf(a->status, sizeof a->status, "%s",
		    tr(a, a->status_id));
	else
		a->status[0] = '\0';
	if (!a->have_officer || a->st == NULL)
		return;
	snprintf(a->learn.officer.lang, sizeof a->learn.officer.lang, "%s",
	    a->lang == LANG_EN ? "en" : "th");
	a->learn.x.lang = tr(a, "en-US");	/* statements' language */
	err_clear(&e);
	if (store_officer_set_lang(a->st, a->learn.officer.id,
	    a->learn.officer.lang, &e) == -1)
		app_error(a, &e);
}

/* Keys every view shares; returns 1 when handled. */
static int
app_global_key(struct app *a, int ch)
{
	switch (ch) {
	case '?':
	case KEY_F(1):
		if (!(app_top(a)->v->flags & VIEW_NO_HELP))
			app_push(a, &view_help, NULL);
		return 1;
	case 'L':
		app_switch_lang(a);
		return 1;
	case KEY_RESIZE:
		a->dirty = 1;
		return 1;
	}
	return 0;
}

/* Does the top screen have the keys for a text field? */
static int
app_typing(struct app *a)
{
	struct screen	*s = app_top(a);

	return s->v->typing != NULL && s->v->typing(a, s->data);
}

static void
app_key(struct app *a, int ch)
{
	struct screen	*s;
	enum act	 r;

	if (ch != KEY_RESIZE)
		a->last_input = time(NULL);
	/* raw mode in a kiosk: ^C ^Z ^\ arrive as keys and do nothing */
	if (a->kiosk && (ch == APP_CTRL('c') || ch == APP_CTRL('z') ||
	    ch == 0x1c))
		return;
	if (a->kiosk && ch == APP_CTRL('d') && a->have_officer) {
		app_logout(a);
		return;
	}
	if (ch == KEY_RESIZE) {
		a->dirty = 1;
		return;
	}
	/* F5/F6 reach the preview even in a typed answer (a/g do not) */
	if ((a->pv.jumping || !app_typing(a) || ch == KEY_F(5) ||
	    ch == KEY_F(6)) && app_preview_key(a, ch))
		return;
	if (!app_typing(a) && app_global_key(a, ch))
		return;
	s = app_top(a);
	r = s->v->key(a, s->data, ch);
	if (r & ACT_REDRAW)
		a->dirty = 1;
	if (r & ACT_POP)
		app_pop(a);
	if ((r & ACT_QUIT) && a->kiosk)
		app_logout(a);		/* only the trainer leaves a kiosk */
	else if (r & ACT_QUIT)
		a->quit = 1;
}

void
app_enter_home(struct app *a, int restore)
{
	app_close_all(a);
	app_push(a, &view_home, NULL);
	if (restore)
		app_login_restore(a);
}

void
app_logout(struct app *a)
{
	app_close_all(a);
	app_progress_stale(a);
	memset(&a->learn, 0, sizeof a->learn);
	a->have_officer = 0;
	a->lang = a->cli->cfg.lang;	/* the next officer's is their own */
	a->status[0] = '\0';
	app_push(a, &view_login, NULL);
	/* nothing of the officer may stay on screen or in the scrollback */
	ui_wipe();
	a->dirty = 1;
}

int
app_idle_tick(struct app *a, time_t now)
{
	long	left;
	int	limit;

	if ((limit = app_idle_limit(a)) < 0) {
		a->idle_shown = 0;
		return -1;
	}
	left = app_idle_left(a, limit, now);
	if (left <= 0) {
		app_logout(a);
		return -1;
	}
	/* tick during the warning, else wake at its start */
	if (left <= app_idle_warn(limit)) {
		if (left != a->idle_shown) {
			a->idle_shown = left;
			a->dirty = 1;
		}
		return 250;
	}
	if (a->idle_shown != 0) {
		a->idle_shown = 0;	/* a key ended the warning */
		a->dirty = 1;
	}
	return (int)(left - app_idle_warn(limit)) * 1000;
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

static int
app_soonest(int timeout, int t)
{
	return t >= 0 && (timeout < 0 || t < timeout) ? t : timeout;
}

/*
 * Run the timers of the app and of every screen on the stack (a quiz
 * under the help screen still counts down); the poll waits for the
 * nearest, or forever (-1).
 */
static int
app_timeout(struct app *a)
{
	time_t		now = time(NULL);
	size_t		k;
	int		i, timeout = -1;

	for (i = a->depth - 1; i >= 0; i--)
		if (a->stack[i].v->tick != NULL)
			timeout = app_soonest(timeout, a->stack[i].v->tick(a,
			    a->stack[i].data, now));
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

/* The top screen reads its records again if they changed since. */
static void
app_refresh_top(struct app *a)
{
	struct screen	*s = app_top(a);

	if (s->gen == a->gen)
		return;
	s->gen = a->gen;
	if (s->v->reload != NULL)
		s->v->reload(a, s->data);
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
static void
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

/* No UTF-8: Thai would be garbage, so say so and stop (thai-text.md). */
static int
app_check_locale(void)
{
	const char	*cs = nl_langinfo(CODESET);

	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return 0;
	fprintf(stderr, "rianru: the terminal's locale is not UTF-8 (it is "
	    "'%s'); Thai cannot be shown. Run with a UTF-8 locale, for "
	    "example: LANG=C.UTF-8 rianru\n", cs ? cs : "?");
	return -1;
}

/*
 * The folder of packs compiled from YAML: $XDG_CACHE_HOME/rianru/content,
 * else ~/.cache/rianru/content (caller frees), with rianru/ made 0700;
 * NULL (nothing compiled) without either. compile.h refuses a folder that
 * is not ours and private.
 */
static char *
app_cache_dir(void)
{
	const char	*xdg = getenv("XDG_CACHE_HOME");
	const char	*home = getenv("HOME");
	char		*base, *p;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&base, "%s/rianru", xdg);
	else if (home != NULL && *home == '/') {
		xasprintf(&p, "%s/.cache", home);
		(void)mkdir(p, 0700);
		free(p);
		xasprintf(&base, "%s/.cache/rianru", home);
	} else
		return NULL;
	(void)mkdir(base, 0700);
	xasprintf(&p, "%s/content", base);
	free(base);
	return p;
}

int
cmd_kiosk(struct cli *cli, int argc, char **argv)
{
	cli->kiosk = 1;
	return cmd_app(cli, argc, argv);
}

/*
 * The preview's watch, or the progress file and whether it has an officer
 * to start with (*found). 0, or -1 after a message on stderr.
 */
static int
app_open_records(struct app *a, struct cli *cli, struct store_officer *o,
    int *found)
{
	struct err	e;
	char		msg[1024];

	err_clear(&e);
	*found = 0;
	if (cli->preview != NULL) {
		/* the preview records nothing: no progress file at all */
		a->preview = 1;
		a->pv.path = cli->preview;
		a->pv.stats_path = cli->preview_stats;
		if ((a->pv.watch = watch_new(cli->preview, &e)) == NULL) {
			fprintf(stderr, "rianru: %s\n", err_str(&e, msg,
			    sizeof msg));
			return -1;
		}
		lineedit_init(&a->pv.jump, 128);
	} else if ((a->st = store_open(cli->cfg.db_path, &e)) == NULL ||
	    (*found = app_find_officer(a->st, o, &e)) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		store_close(a->st);
		return -1;
	}
	if (a->st != NULL && store_notice(a->st) != NULL)
		fprintf(stderr, "rianru: %s\n", store_notice(a->st));
	/* retention: answers delivered long ago go (docs/privacy.md) */
	err_clear(&e);
	if (a->st != NULL && store_retention_apply(a->st,
	    cli->cfg.retention_months, time(NULL), NULL, &e) == -1)
		fprintf(stderr, "rianru: retention: %s\n", err_str(&e, msg,
		    sizeof msg));
	return 0;
}

/* The catalogue, with what is wrong in it in a->problems. */
static void
app_load_catalog(struct app *a, struct cli *cli)
{
	char	*cache;

	diags_init(&a->problems);
	a->wrap = text_wrapper_new();
	a->cat = catalog_new();
	if (a->preview) {
		catalog_add_path(a->cat, a->pv.path, &a->problems);
		app_preview_stats(a);
	} else {
		/*
		 * Packs are opened where they are, and a YAML folder is
		 * compiled to packs (app_cache_dir) once, so a warm start
		 * parses nothing; only the courses' headers are read: a
		 * body is read when it is opened (catalog_open_course).
		 */
		cache = cli_cache_key(&cli->cfg) == 0 ? app_cache_dir() : NULL;
		catalog_add_path_lazy(a->cat, cli->cfg.content_dir, cache,
		    a->wrap, &a->problems, NULL);
		free(cache);
	}
	diags_sort(&a->problems, 0);
	app_update_init(a, time(NULL));
}

/* Quit cleanly on a signal; in a kiosk the interrupt keys do nothing. */
static void
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

/* The sync and pull from the LRS settings, when not previewing. */
static void
app_connect(struct app *a, struct cli *cli)
{
	struct err	e;

	if (a->preview)
		return;
	/* results leave by themselves when a link appears */
	err_clear(&e);
	if ((a->sync = sync_connect(&cli->cfg.lrs, a->st, &e)) == NULL)
		app_error(a, &e);
	else
		sync_kick(a->sync, 0);
	a->pull = pull_connect(&cli->cfg.lrs, a->st, cli->cfg.homepage,
	    cli->cfg.activity_base, &e);
	if (a->pull == NULL && e.msg[0] != '\0')
		app_error(a, &e);
}

/*
 * The first screen: the preview's home (or its only course), the kiosk's
 * login, the officer's home ('o' when 'found'), or sign-up.
 */
static void
app_first_screen(struct app *a, struct store_officer *o, int found)
{
	if (a->preview) {
		memset(o, 0, sizeof *o);
		snprintf(o->code, sizeof o->code, "preview");
		snprintf(o->name, sizeof o->name, "%s",
		    tr(a, "Trainer (preview)"));
		snprintf(o->group, sizeof o->group, "other");
		app_set_officer(a, o);
		app_push(a, &view_home, NULL);
		if (a->cat->n == 1)
			app_show_course(a, 0, 0);
	} else if (a->kiosk)
		app_push(a, &view_login, NULL);
	else if (found) {
		app_set_officer(a, o);
		app_enter_home(a, 1);
	} else
		app_push(a, &view_signup, NULL);
}

/* Everything the app holds, after the screens are closed. */
static void
app_release(struct app *a)
{
	app_close_all(a);
	app_reap(a);
	app_update_end(a);
	lineedit_release(&a->pv.jump);
	watch_free(a->pv.watch);
	app_progress_stale(a);
	free(a->progress.courses);
	free(a->progress.valid);
	plan_ui_release(a);
	sync_free(a->sync);
	pull_free(a->pull);
	store_close(a->st);
	text_wrapper_free(a->wrap);
	app_preview_stats_free(a);
	catalog_free(a->cat);
	diags_release(&a->problems);
}

int
cmd_app(struct cli *cli, int argc, char **argv)
{
	struct app		 a;
	struct store_officer	 o;
	int			 rc = EXIT_OK, found;

	(void)argc;
	(void)argv;
	if (app_check_locale() == -1)
		return EXIT_FAIL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "rianru: the app needs a terminal (see "
		    "'rianru --help' for commands)\n");
		return EXIT_FAIL;
	}
	memset(&a, 0, sizeof a);
	a.cli = cli;
	a.lang = cli->cfg.lang;
	if (mo_open(&a.th, mo_th, mo_th_len) == -1) {
		fprintf(stderr, "rianru: the built-in Thai catalogue is damaged; "
		    "rebuild from po/th.po\n");
		return EXIT_FAIL;
	}
	a.kiosk = cli->cfg.kiosk || cli->kiosk;
	a.last_input = time(NULL);
	if (app_open_records(&a, cli, &o, &found) == -1)
		return EXIT_FAIL;
	app_load_catalog(&a, cli);
	app_signals(cli->cfg.kiosk || cli->kiosk);
	xalloc_set_fail_hook(ui_end);
	ui_set_ascii(cli->cfg.accessible);
	if (ui_begin(a.kiosk) == -1) {
		fprintf(stderr, "rianru: cannot start the terminal interface "
		    "(TERM='%s')\n", getenv("TERM") ? getenv("TERM") : "");
		rc = EXIT_FAIL;
	} else {
		app_connect(&a, cli);
		app_first_screen(&a, &o, found);
		app_reap(&a);
		if (a.depth > 0)
			app_loop(&a);
		ui_end();
	}
	app_release(&a);
	return rc;
}
