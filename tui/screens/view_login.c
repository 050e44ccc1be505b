/*
 * Kiosk login: an officer finds themself by code or name (Thai or
 * English; nobody is listed before 3 characters or an exact code), then
 * types their PIN, or at the first login the one-time code the trainer
 * gave them and then a PIN of their own. Wrong PINs and codes slow down
 * per officer. The trainer's admin PIN (its wrong tries counted in the
 * progress file) opens a small menu: add an officer, import officers from
 * a CSV file, an officer's first-login code (which resets their PIN), the
 * room's progress, send results now, leave kiosk mode.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/views.h"
#include "screens/app_session.h"
#include "learn/auth.h"
#include "cli/cli.h"
#include "base/crypto.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/load.h"
#include "store/store_officer.h"
#include "store/store_outbox.h"
#include "store/store_query.h"
#include "sync/sync.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

enum { MENU_ADD, MENU_IMPORT, MENU_RESET, MENU_ROOM, MENU_SYNC, MENU_EXIT,
    MENU_BACK, MENU_COUNT };

/* Kiosk: who is logging in, PINs, and the trainer's menu. */
enum login_step {
	LOGIN_FIND,		/* type a code or name, pick from the list */
	LOGIN_PIN,		/* the officer's PIN */
	LOGIN_SETUP,		/* first login: the trainer's one-time code */
	LOGIN_NEWPIN,		/* first login: choose a PIN */
	LOGIN_NEWPIN2,		/* ... and type it again */
	LOGIN_ADMIN,		/* the trainer's admin PIN */
	LOGIN_MENU,		/* the trainer's menu */
	LOGIN_IMPORT		/* the trainer types a CSV file's path */
};

/* The admin PIN's wrong tries are in the progress file. */
struct login_screen {
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
	char			 msg[600];
	int			 msg_error;
};

/* The room's progress, read when the trainer opens it. */
struct room_screen {
	struct store_progress	*rows;
	size_t			 n;
	int			 top;
	int			 clock_known;	/* the last run's measure */
	long			 clock_offset;	/* LRS - ours, s */
};

static void
login_msg(struct app *a, struct login_screen *l, int error, const char *msgid)
{
	snprintf(l->msg, sizeof l->msg, "%s", tr(a, msgid));
	l->msg_error = error;
}

/* Characters (code points) in the UTF-8 s[0..len). */
static size_t
login_chars(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * Officers whose code or name contains what was typed (normalised), once
 * 3 characters are typed; before that only an exact code: one letter
 * must not list the room's names to whoever stands at the terminal.
 */
static void
login_filter(struct login_screen *l)
{
	struct buf		 want, code, name;
	size_t			 i;
	int			 enough;

	buf_init(&want);
	buf_init(&code);
	buf_init(&name);
	text_normalise(l->find.text.data, l->find.text.len, &want);
	free(l->match);
	l->match = xcalloc(l->nall + 1, sizeof *l->match);
	l->nmatch = 0;
	enough = login_chars(want.data, want.len) >= 3;
	for (i = 0; want.len > 0 && i < l->nall; i++) {
		buf_reset(&code);
		buf_reset(&name);
		text_normalise(l->all[i].code, strlen(l->all[i].code), &code);
		text_normalise(l->all[i].name, strlen(l->all[i].name), &name);
		if (strcmp(code.data, want.data) == 0 || (enough &&
		    (strstr(code.data, want.data) != NULL ||
		    strstr(name.data, want.data) != NULL)))
			l->match[l->nmatch++] = i;
	}
	if (l->sel >= (int)l->nmatch)
		l->sel = l->nmatch > 0 ? (int)l->nmatch - 1 : 0;
	buf_release(&want);
	buf_release(&code);
	buf_release(&name);
}

static void
login_reload(struct app *a, struct login_screen *l)
{
	struct err		 e;

	free(l->all);
	l->all = NULL;
	l->nall = 0;
	err_clear(&e);
	if (store_officer_list(a->st, &l->all, &l->nall, &e) == -1)
		app_error(a, &e);
	login_filter(l);
}

/* Officers were added (the trainer's form): find them too. */
static void
login_reload_hook(struct app *a, void *data)
{
	login_reload(a, data);
}

static int
login_open(struct app *a, const void *arg, void **data)
{
	struct login_screen	*l = xcalloc(1, sizeof *l);

	(void)arg;
	lineedit_init(&l->find, 255);
	lineedit_init(&l->pin, 64);
	lineedit_init(&l->pin2, 64);
	lineedit_init(&l->path, 4095);
	l->step = LOGIN_FIND;
	login_reload(a, l);
	*data = l;
	return 0;
}

static void
login_close(struct app *a, void *data)
{
	struct login_screen	*l = data;

	(void)a;
	lineedit_release(&l->find);
	lineedit_release(&l->pin);
	lineedit_release(&l->pin2);
	lineedit_release(&l->path);
	free(l->all);
	free(l->match);
	free(l);
}

/* PIN dots, one per digit typed. */
static void
login_pin_field(int y, int x, const struct lineedit *le)
{
	char	dots[3 * 64 + 1] = "";
	size_t	i, n = text_width(le->text.data, le->text.len);

	for (i = 0; i < n && i < 64; i++)
		strcat(dots, "●");
	ui_fill(y, x, 20, UIC_SELECT);
	ui_put(y, x, dots, 20, UIC_SELECT);
	ui_focus(y, x + (int)(n < 20 ? n : 19));
	curs_set(1);
}

static void
login_draw_menu(struct app *a, struct login_screen *l, int y)
{
	static const char *const items[MENU_COUNT] = { N_("Add an officer"),
	    N_("Import officers from a CSV file"), N_("First-login code (resets a PIN)"), N_("The room's progress"),
	    N_("Send results now"), N_("Leave kiosk mode"), N_("Back") };
	char	line[256];
	int	i;

	ui_put(y++, 2, tr(a, "Trainer menu"), COLS - 4,
	    UIC_TITLE);
	y++;
	for (i = 0; i < MENU_COUNT; i++) {
		snprintf(line, sizeof line, "%d. %s", i + 1, tr(a, items[i]));
		if (i == l->menu)
			ui_fill(y, 3, COLS - 6, UIC_SELECT);
		ui_put(y++, 4, line, COLS - 8, i == l->menu ?
		    UIC_SELECT : UIC_NORMAL);
	}
}

/*
 * The last message, wrapped above the key line: an import error names a
 * file and a line and may not fit on one row. At most three rows.
 */
static void
login_draw_msg(struct app *a, struct login_screen *l)
{
	struct text_line	*lines = NULL;
	size_t			 n, i;

	if (l->msg[0] == '\0')
		return;
	n = text_wrap(a->wrap, l->msg, strlen(l->msg), COLS - 4, &lines);
	if (n > 3)
		n = 3;		/* the start names the file and line */
	for (i = 0; i < n; i++)
		ui_putn(LINES - 2 - (int)(n - 1 - i), 2, l->msg + lines[i].off,
		    lines[i].len, COLS - 4, l->msg_error ? UIC_ERROR :
		    UIC_DONE);
	free(lines);
}

/* The path of the roster to import, with the columns it must have. */
static void
login_draw_import(struct app *a, struct login_screen *l, int y)
{

	ui_put(y++, 2, tr(a, "Import officers from a CSV file"), COLS - 4,
	    UIC_TITLE);
	y++;
	ui_put(y++, 4, tr(a, "The first row names the columns: code, name, "
	    "group, and optionally agency, lang"), COLS - 8, UIC_DIM);
	ui_put(y++, 4, tr(a, "Officers already there are updated; their PINs "
	    "and results are kept"), COLS - 8, UIC_DIM);
	y++;
	ui_put(y++, 4, tr(a, "File"), COLS - 8, UIC_NORMAL);
	ui_focus(y, ui_edit(y, 4, COLS - 8, &l->path, &l->path_start,
	    UIC_SELECT));
	curs_set(1);
}

/*
 * Read the roster the trainer named: all of it or nothing (the store
 * checks every row first), then say what changed or the first problem.
 */
static void
login_import(struct app *a, struct login_screen *l)
{
	size_t			 added = 0, updated = 0;
	struct err		 e;
	char			 msg[sizeof l->msg];

	if (l->path.text.len == 0)
		return;
	err_clear(&e);
	if (store_user_import_csv(a->st, l->path.text.data, time(NULL),
	    &added, &updated, &e) == -1) {
		err_str(&e, msg, sizeof msg);
		snprintf(l->msg, sizeof l->msg, "%s", msg);
		l->msg_error = 1;
		return;
	}
	snprintf(l->msg, sizeof l->msg, tr(a, "Imported: %zu added, "
	    "%zu updated"), added, updated);
	l->msg_error = 0;
	lineedit_set(&l->path, "");
	l->step = LOGIN_MENU;
	login_reload(a, l);
}

static void
login_draw(struct app *a, void *data)
{
	struct login_screen	*l = data;
	int			 y = 2, i, h, x;
	char			 line[512];

	curs_set(0);
	app_draw_frame(a, tr(a, "Log in"),
	    l->step == LOGIN_FIND ?
	    tr(a, "type a code or name  ↑↓ pick  Enter next  F2 trainer") :
	    tr(a, "Enter confirm  Esc back"));
	login_draw_msg(a, l);
	if (l->step == LOGIN_MENU) {
		login_draw_menu(a, l, y);
		return;
	}
	if (l->step == LOGIN_IMPORT) {
		login_draw_import(a, l, y);
		return;
	}
	if (l->step != LOGIN_FIND) {
		if (l->step == LOGIN_ADMIN)
			snprintf(line, sizeof line, "%s", tr(a, "Trainer's admin PIN"));
		else
			snprintf(line, sizeof line, "%s (%s)", l->who.name,
			    l->who.code);
		ui_put(y++, 2, line, COLS - 4, UIC_TITLE);
		y++;
		if (l->step == LOGIN_NEWPIN)
			snprintf(line, sizeof line, tr(a, "Choose a PIN "
			    "(%d to %d digits)"), a->cli->cfg.pin_min_length,
			    AUTH_PIN_MAX);
		else
			snprintf(line, sizeof line, "%s", l->step ==
			    LOGIN_SETUP ? tr(a, "First login: the code from "
			    "your trainer") : l->step == LOGIN_NEWPIN2 ?
			    tr(a, "Type the PIN again") : tr(a, "PIN"));
		ui_put(y++, 4, line, COLS - 8, UIC_NORMAL);
		login_pin_field(y, 4, l->step == LOGIN_NEWPIN2 ? &l->pin2 :
		    &l->pin);
		return;
	}
	ui_put(y++, 2, tr(a, "Who are you? Type your officer code or name"), COLS - 4,
	    UIC_TITLE);
	y++;
	h = LINES - 4 - (y + 2);
	app_scroll_to(l->sel, &l->top, h);
	for (i = l->top; i < (int)l->nmatch && i - l->top < h; i++) {
		const struct store_officer *o = &l->all[l->match[i]];

		snprintf(line, sizeof line, "%-10s %s", o->code, o->name);
		if (i == l->sel)
			ui_fill(y + 2 + i - l->top, 3, COLS - 6, UIC_SELECT);
		ui_put(y + 2 + i - l->top, 4, line, COLS - 8, i == l->sel ?
		    UIC_SELECT : UIC_NORMAL);
	}
	if (l->nmatch == 0 && l->find.text.len > 0)
		ui_put(y + 2, 4, tr(a, "Not found: ask the trainer to add you"), COLS - 8,
		    UIC_DIM);
	x = ui_edit(y, 4, COLS - 8, &l->find, &l->find_start, UIC_SELECT);
	/* the officer found is what a screen reader should say; with
	 * nobody found, the typing point (typing still goes to the field) */
	if (l->nmatch == 0) {
		ui_focus(y, x);
		curs_set(1);
	}
}

/* The officer is in: start their session where they stopped. */
static void
login_enter(struct app *a, struct login_screen *l)
{
	struct err		 e;

	err_clear(&e);
	if (store_officer_set_pin_state(a->st, l->who.id, 0, 0, &e) == -1)
		app_error(a, &e);
	lineedit_set(&l->pin, "");
	lineedit_set(&l->pin2, "");
	curs_set(0);
	app_set_officer(a, &l->who);
	app_enter_home(a, 1);	/* closes this screen */
	app_privacy_notice(a);	/* PDPA: at the first login */
}

/* A PIN tried while its lock lasts: 'wait' seconds more. */
static void
login_locked(struct app *a, struct login_screen *l, long wait)
{
	snprintf(l->msg, sizeof l->msg,
	    tr(a, "Too many wrong PINs: wait %ld s"), wait);
	l->msg_error = 1;
}

/* A wrong PIN ('msgid' says whose), and the wait it earned, if any. */
static void
login_wrong(struct app *a, struct login_screen *l, long wait,
    const char *msgid)
{
	if (wait > 0) {
		snprintf(l->msg, sizeof l->msg, tr(a, "Wrong PIN: "
		    "wait %ld s before trying again"), wait);
		l->msg_error = 1;
	} else
		login_msg(a, l, 1, msgid);
}

static void
login_check_pin(struct app *a, struct login_screen *l)
{
	struct store_officer	 fresh;
	struct err		 e;
	time_t			 now = time(NULL);
	long			 wait;
	int			 failed;

	err_clear(&e);
	/* the lock lives in the file: another kiosk may have counted too */
	if (store_officer_get(a->st, l->who.code, &fresh, &e) != 0) {
		app_error(a, &e);
		return;
	}
	l->who = fresh;
	if (fresh.locked_until > now) {
		login_locked(a, l, (long)(fresh.locked_until - now));
		lineedit_set(&l->pin, "");
		return;
	}
	if (l->step == LOGIN_SETUP ? auth_pin_verify(fresh.setup_hash,
	    l->pin.text.data) : auth_pin_verify(fresh.pin_hash,
	    l->pin.text.data)) {
		if (l->step == LOGIN_PIN) {
			login_enter(a, l);
			return;
		}
		/* the code is right: now a PIN of their own */
		if (store_officer_set_pin_state(a->st, fresh.id, 0, 0,
		    &e) == -1)
			app_error(a, &e);
		lineedit_set(&l->pin, "");
		l->step = LOGIN_NEWPIN;
		l->msg[0] = '\0';
		return;
	}
	failed = fresh.pin_failed + 1;
	wait = auth_delay(failed);
	if (store_officer_set_pin_state(a->st, fresh.id, failed,
	    wait > 0 ? now + wait : 0, &e) == -1)
		app_error(a, &e);
	login_wrong(a, l, wait, l->step == LOGIN_SETUP ?
	    N_("Wrong first-login code") : N_("Wrong PIN"));
	lineedit_set(&l->pin, "");
}

static void
login_new_pin(struct app *a, struct login_screen *l)
{
	char			 hash[AUTH_HASH_MAX];
	struct err		 e;

	err_clear(&e);
	if (l->step == LOGIN_NEWPIN) {
		if (auth_pin_ok(l->pin.text.data, a->cli->cfg.pin_min_length,
		    &e) == -1) {
			snprintf(l->msg, sizeof l->msg, tr(a, "A PIN has %d "
			    "to %d digits"), a->cli->cfg.pin_min_length,
			    AUTH_PIN_MAX);
			l->msg_error = 1;
			lineedit_set(&l->pin, "");
			return;
		}
		l->step = LOGIN_NEWPIN2;
		l->msg[0] = '\0';
		return;
	}
	if (strcmp(l->pin.text.data, l->pin2.text.data) != 0) {
		login_msg(a, l, 1, "The two PINs differ: choose again");
		lineedit_set(&l->pin, "");
		lineedit_set(&l->pin2, "");
		l->step = LOGIN_NEWPIN;
		return;
	}
	if (auth_pin_hash(l->pin.text.data, a->cli->cfg.pin_min_length, hash,
	    &e) == -1 ||
	    store_officer_set_pin_hash(a->st, l->who.id, hash, &e) == -1) {
		app_error(a, &e);
		return;
	}
	snprintf(l->who.pin_hash, sizeof l->who.pin_hash, "%s", hash);
	l->who.setup_hash[0] = '\0';
	crypto_wipe(hash, sizeof hash);
	login_enter(a, l);
}

/*
 * The trainer's admin PIN, slowed down after wrong tries like an
 * officer's: it unlocks the trainer's menu and leaving kiosk mode. The
 * count lives in the progress file: a restart (Restart=always) gives no
 * fresh tries.
 */
static void
login_check_admin(struct app *a, struct login_screen *l)
{
	time_t			 now = time(NULL), until;
	long			 wait;
	int			 failed;
	struct err		 e;

	err_clear(&e);
	if (a->cli->cfg.admin_pin_hash == NULL)
		login_msg(a, l, 1, N_("No admin PIN is set (admin-pin-hash)"));
	else if (store_admin_lock(a->st, &failed, &until, &e) == -1)
		app_error(a, &e);
	else if (until > now)
		login_locked(a, l, (long)(until - now));
	else if (auth_pin_verify(a->cli->cfg.admin_pin_hash,
	    l->pin.text.data)) {
		if (failed > 0 && store_admin_ok(a->st, &e) == -1)
			app_error(a, &e);
		lineedit_set(&l->find, "");	/* nobody's name lingers */
		login_filter(l);
		l->step = LOGIN_MENU;
		l->menu = 0;
		l->msg[0] = '\0';
	} else if (store_admin_failed(a->st, now, auth_delay, &wait,
	    &e) == -1)
		app_error(a, &e);
	else
		login_wrong(a, l, wait, N_("Wrong admin PIN"));
	lineedit_set(&l->pin, "");
}

/*
 * A new first-login code for the officer just picked (their PIN goes):
 * shown once to the trainer, who hands it over; only its hash is kept.
 */
static void
login_setup_code(struct app *a, struct login_screen *l)
{
	char		 code[AUTH_SETUP_LEN + 1], hash[AUTH_HASH_MAX];
	struct err	 e;

	err_clear(&e);
	if (auth_setup_code(code, hash, &e) == -1 ||
	    store_officer_set_setup(a->st, l->who.id, hash, &e) == -1) {
		app_error(a, &e);
		return;
	}
	snprintf(l->msg, sizeof l->msg, tr(a, "First-login code for %s: %s "
	    "(the PIN is cleared; the officer types the code, then chooses "
	    "a PIN)"), l->who.code, code);
	l->msg_error = 0;
	crypto_wipe(code, sizeof code);
}

static void
login_menu_pick(struct app *a, struct login_screen *l)
{
	static const int	 admin = 1;

	switch (l->menu) {
	case MENU_ADD:
		app_push(a, &view_signup, &admin);
		break;
	case MENU_IMPORT:
		l->step = LOGIN_IMPORT;
		l->msg[0] = '\0';
		break;
	case MENU_RESET:
		l->reset_pin = 1;
		l->step = LOGIN_FIND;
		login_msg(a, l, 0, N_("Pick the officer: a new first-login "
		    "code resets their PIN"));
		break;
	case MENU_ROOM:
		app_push(a, &view_room, NULL);
		break;
	case MENU_SYNC:
		if (a->sync == NULL ||
		    sync_state(a->sync)->phase == SYNC_DISABLED)
			login_msg(a, l, 1, N_("no record store set up: results "
			    "stay on this machine"));
		else {
			sync_kick(a->sync, SYNC_FORCE);
			login_msg(a, l, 0, "Sending the results now");
		}
		break;
	case MENU_EXIT:
		a->quit = 1;
		break;
	default:
		l->step = LOGIN_FIND;
		break;
	}
}

static enum act
login_key_find(struct app *a, struct login_screen *l, int ch)
{
	struct err		 e;

	switch (ch) {
	case KEY_UP:
		if (l->sel > 0)
			l->sel--;
		return ACT_REDRAW;
	case KEY_DOWN:
		if (l->sel + 1 < (int)l->nmatch)
			l->sel++;
		return ACT_REDRAW;
	case KEY_F(2):
		l->step = LOGIN_ADMIN;
		lineedit_set(&l->pin, "");
		l->msg[0] = '\0';
		return ACT_REDRAW;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (l->nmatch == 0)
			return ACT_NONE;
		l->who = l->all[l->match[l->sel]];
		/* as the file says now: the roster may have been given
		 * first-login codes since this list was read */
		err_clear(&e);
		if (store_officer_get(a->st, l->who.code, &l->who, &e) != 0) {
			app_error(a, &e);
			return ACT_REDRAW;
		}
		lineedit_set(&l->pin, "");
		lineedit_set(&l->pin2, "");
		if (l->reset_pin) {
			l->reset_pin = 0;
			login_setup_code(a, l);
			/* the next person should not find this name typed */
			lineedit_set(&l->find, "");
			login_reload(a, l);
			return ACT_REDRAW;
		}
		l->msg[0] = '\0';
		if (l->who.pin_hash[0] != '\0')
			l->step = LOGIN_PIN;
		else if (l->who.setup_hash[0] != '\0')
			l->step = LOGIN_SETUP;
		else	/* nobody may claim an officer without a code */
			login_msg(a, l, 1, N_("No PIN yet: ask the trainer "
			    "for your first-login code"));
		return ACT_REDRAW;
	}
	if (app_edit_key(&l->find, ch)) {
		l->sel = 0;
		login_filter(l);
	}
	return ACT_REDRAW;
}

static enum act
login_key(struct app *a, void *data, int ch)
{
	struct login_screen	*l = data;
	struct lineedit		*le;

	if (l->step == LOGIN_FIND)
		return login_key_find(a, l, ch);
	if (l->step == LOGIN_IMPORT) {
		if (ch == 27) {
			l->step = LOGIN_MENU;
			l->msg[0] = '\0';
		} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			login_import(a, l);
		else
			app_edit_key(&l->path, ch);
		return ACT_REDRAW;
	}
	if (ch == 27) {
		l->step = LOGIN_FIND;
		l->reset_pin = 0;
		l->msg[0] = '\0';
		return ACT_REDRAW;
	}
	if (l->step == LOGIN_MENU) {
		if (app_move(ch, &l->menu, MENU_COUNT, MENU_COUNT))
			return ACT_REDRAW;
		if (ch >= '1' && ch < '1' + MENU_COUNT) {
			l->menu = ch - '1';
			login_menu_pick(a, l);
		} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			login_menu_pick(a, l);
		return ACT_REDRAW;
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		switch (l->step) {
		case LOGIN_PIN:
		case LOGIN_SETUP:
			login_check_pin(a, l);
			break;
		case LOGIN_NEWPIN:
		case LOGIN_NEWPIN2:
			login_new_pin(a, l);
			break;
		case LOGIN_ADMIN:
			login_check_admin(a, l);
			break;
		default:
			break;
		}
		return ACT_REDRAW;
	}
	/* PIN fields take digits only (Thai digits too) */
	le = l->step == LOGIN_NEWPIN2 ? &l->pin2 : &l->pin;
	if ((ch >= '0' && ch <= '9') || (ch & APP_UNI &&
	    (ch & ~APP_UNI) >= 0x0e50 && (ch & ~APP_UNI) <= 0x0e59) ||
	    ch == KEY_BACKSPACE || ch == 127 || ch == APP_CTRL('h'))
		app_edit_key(le, ch);
	return ACT_REDRAW;
}

static int
login_typing(const struct app *a, const void *data)
{
	const struct login_screen	*l = data;

	(void)a;
	return l->step != LOGIN_MENU;
}

/*
 * Nothing to log out of on the empty login screen; an officer's PIN
 * prompt (their name and code on show) closes like their session; the
 * trainer's menu, which can reset PINs and leave kiosk mode, sooner.
 */
static int
login_idle(const struct app *a, const void *data)
{
	const struct login_screen	*l = data;

	if (l->step == LOGIN_MENU || l->step == LOGIN_IMPORT || l->reset_pin)
		return a->cli->cfg.admin_idle_timeout;
	if (l->step == LOGIN_FIND && l->find.text.len == 0 &&
	    l->msg[0] == '\0')
		return -1;
	return a->cli->cfg.idle_timeout;
}

const struct view view_login = {
	.name = "login",
	.open = login_open,
	.close = login_close,
	.draw = login_draw,
	.key = login_key,
	.typing = login_typing,
	.idle = login_idle,
	.reload = login_reload_hook,
};

/* ---- the room's progress, for the trainer ---- */

/*
 * One row per officer and course, in the interface's language: code,
 * name, course title, modules done, best score, and done or the day of
 * the last activity. Columns are placed by cells, so Thai names line up.
 */
static int
room_open(struct app *a, const void *arg, void **data)
{
	struct room_screen	*r = xcalloc(1, sizeof *r);
	struct err		 e;

	struct store_sync_run	 run;

	(void)arg;
	err_clear(&e);
	if (store_progress(a->st, 0, NULL, &r->rows, &r->n, &e) == -1) {
		app_error(a, &e);
		free(r);
		return -1;
	}
	/* an unreadable record only hides the clock line */
	if (store_sync_run_load(a->st, "push", &run, &e) == 1) {
		r->clock_known = run.clock_known;
		r->clock_offset = run.clock_offset;
	}
	*data = r;
	return 0;
}

/*
 * A clock measured off by more than SYNC_CLOCK_SLACK (this session's
 * sender, else the last run recorded): said above the room, never
 * refused. Returns the next free line.
 */
static int
room_clock(struct app *a, const struct room_screen *r, int y)
{
	const struct sync_state	*ss;
	long			 off, mag;
	char			 line[256];

	ss = a->sync != NULL ? sync_state(a->sync) : NULL;
	if (ss != NULL && ss->clock_known)
		off = ss->clock_offset;
	else if (r->clock_known)
		off = r->clock_offset;
	else
		return y;
	mag = off < 0 ? -off : off;
	if (mag <= SYNC_CLOCK_SLACK)
		return y;
	snprintf(line, sizeof line, off < 0 ? tr(a, "This machine's clock is "
	    "%ld h %ld min fast: set it right (results still go)") :
	    tr(a, "This machine's clock is %ld h %ld min slow: set it right "
	    "(results still go)"), mag / 3600, mag % 3600 / 60);
	ui_put(y, 2, line, COLS - 4, UIC_WARN);
	return y + 1;
}

static void
room_close(struct app *a, void *data)
{
	struct room_screen	*r = data;

	(void)a;
	free(r->rows);
	free(r);
}

static void
room_draw(struct app *a, void *data)
{
	struct room_screen		*r = data;
	const struct store_progress	*p;
	const struct course		*c;
	char				 line[128], day[32];
	int				 y = 2, wname, wcourse, wfacts, x;
	size_t				 i;

	app_draw_frame(a, tr(a, "The room's progress"),
	    tr(a, "↑↓ scroll  q back"));
	y = room_clock(a, r, y);
	if (r->n == 0) {
		ui_put(y, 2, tr(a, "Nobody has started a course yet"),
		    COLS - 4, UIC_DIM);
		return;
	}
	/* a narrow room view shrinks the facts, never below zero cells */
	wfacts = COLS >= 70 ? 30 : 20;
	wname = (COLS - 12 - wfacts) / 2;
	wcourse = COLS - 12 - wfacts - wname;
	x = 2;
	ui_put(y, x, tr(a, "Code"), 9, UIC_TITLE);
	ui_put(y, x + 10, tr(a, "Name"), wname - 1, UIC_TITLE);
	ui_put(y, x + 10 + wname, tr(a, "Course"), wcourse - 1, UIC_TITLE);
	app_put_cut(a, y, COLS - wfacts, tr(a, "Modules · best · last "
	    "active"), wfacts - 1, UIC_TITLE);
	y++;
	/* no selection: the first row shown, which scrolling changes */
	ui_focus(y, x);
	for (i = (size_t)r->top; i < r->n && y < LINES - 1; i++) {
		p = &r->rows[i];
		c = catalog_find(a->cat, p->course_id);
		ui_put(y, x, p->code, 9, UIC_NORMAL);
		ui_put(y, x + 10, p->name, wname - 1, UIC_NORMAL);
		/* a title cut after a word of its course's own, with … */
		app_put_cut_in(a, c, y, x + 10 + wname, c != NULL ?
		    lstr_get(&c->title, a->lang) : p->course_id, wcourse - 1,
		    UIC_NORMAL);
		if (p->best_scaled >= 0)
			snprintf(line, sizeof line, "%d/%zu · %.0f%% · ",
			    p->modules_done, c != NULL ? c->nmodules : 0,
			    p->best_scaled * 100);
		else
			snprintf(line, sizeof line, "%d/%zu · - · ",
			    p->modules_done, c != NULL ? c->nmodules : 0);
		/* the day last active, with ✓ once the course is done */
		if (p->last_activity != 0 || p->completed != 0) {
			app_date(a, p->last_activity != 0 ? p->last_activity :
			    p->completed, day, sizeof day);
			snprintf(line + strlen(line), sizeof line -
			    strlen(line), "%s%s", p->completed != 0 ? "✓ " :
			    "", day);
		}
		ui_put(y++, COLS - wfacts, line, wfacts - 1, p->completed != 0 ?
		    UIC_DONE : UIC_DIM);
	}
}

static enum act
room_key(struct app *a, void *data, int ch)
{
	struct room_screen	*r = data;

	(void)a;
	switch (ch) {
	case KEY_DOWN:
	case 'j':
		if ((size_t)r->top + 1 < r->n)
			r->top++;
		return ACT_REDRAW;
	case KEY_UP:
	case 'k':
		if (r->top > 0)
			r->top--;
		return ACT_REDRAW;
	case 'q':
	case 27:
		return ACT_POP;
	}
	return ACT_NONE;
}

const struct view view_room = {
	.name = "room",
	.flags = VIEW_STATE_DRAW,
	.open = room_open,
	.close = room_close,
	.draw = room_draw,
	.key = room_key,
};
