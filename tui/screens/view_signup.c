/*
 * First run on a single-user machine: who is learning here. The officer
 * code, name and target group are saved in the progress file, and the
 * app remembers the officer from then on.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "screens/app_session.h"
#include "base/crypto.h"
#include "base/err.h"
#include "learn/auth.h"
#include "store/store_officer.h"
#include "screens/ui.h"
#include "base/xalloc.h"

#define SIGNUP_FIELDS	3

/* The form: who is learning here (or whom the kiosk's trainer adds). */
struct signup_screen {
	int			 field;		/* 0 code, 1 name, 2 group */
	struct lineedit		 code, name;
	size_t			 code_start, name_start;
	int			 group;
	int			 admin;		/* kiosk trainer adds an officer */
	char			 error[600];
};

static void
signup_field(struct app *a, int y, const char *label, struct lineedit *le,
    size_t *start, int focus)
{
	int	x = 4, w = COLS - 8, cx;

	ui_put(y, x, label, w, focus ? UIC_TITLE : UIC_NORMAL);
	cx = ui_edit(y + 1, x, w, le, start, UIC_SELECT);
	if (focus) {
		ui_focus(y + 1, cx);
		curs_set(1);
	}
	(void)a;
}

static void
signup_draw(struct app *a, void *data)
{
	struct signup_screen	*s = data;
	int			 y = 2, i, gy;
	char			 line[256];

	curs_set(0);
	if (s->admin)	/* the trainer's form, from the menu and back */
		app_draw_frame(a, tr(a, "Add an officer"),
		    tr(a, "Tab next field  ↑↓ or a digit picks the group  Enter add  Esc back to the menu"));
	else {
		app_draw_frame(a, tr(a, "Who is learning"),
		    tr(a, "Tab next field  ↑↓ or a digit picks the group  Enter save  Esc quit"));
		ui_put(y, 2, tr(a, "Welcome! Tell rianru who you are, just this once."), COLS - 4,
		    UIC_NORMAL);
	}
	y += 2;
	gy = y + 6;
	ui_put(gy, 4, tr(a, "Target group"), COLS - 8,
	    s->field == 2 ? UIC_TITLE : UIC_NORMAL);
	for (i = 0; i < GROUP_COUNT; i++) {
		snprintf(line, sizeof line, "%d %s %s", i + 1, i == s->group ?
		    "(•)" : "( )", a->lang == LANG_EN ? vocab_groups[i].en :
		    vocab_groups[i].th);
		ui_put(gy + 1 + i, 6, line, COLS - 10, i == s->group &&
		    s->field == 2 ? UIC_SELECT : UIC_NORMAL);
	}
	if (s->error[0] != '\0')
		ui_put(gy + 2 + GROUP_COUNT, 4, s->error, COLS - 8, UIC_ERROR);
	/* the focused field last, so the cursor ends up in it */
	if (s->field != 0)
		signup_field(a, y, tr(a, "Officer code"), &s->code, &s->code_start, 0);
	signup_field(a, y + 3, tr(a, "Full name"),
	    &s->name, &s->name_start, s->field == 1);
	if (s->field == 0)
		signup_field(a, y, tr(a, "Officer code"), &s->code, &s->code_start, 1);
}

/* Save the officer; on success the home view takes over. */
static enum act
signup_save(struct app *a, struct signup_screen *s)
{
	struct store_officer	 o;
	struct err		 e;
	char			 msg[600], code[AUTH_SETUP_LEN + 1];
	char			 hash[AUTH_HASH_MAX];

	if (s->code.text.len == 0 || s->name.text.len == 0) {
		snprintf(s->error, sizeof s->error, "%s", tr(a, "Please fill in the code and name"));
		s->field = s->code.text.len == 0 ? 0 : 1;
		return ACT_REDRAW;
	}
	err_clear(&e);
	if (store_officer_get(a->st, s->code.text.data, &o, &e) == 0) {
		snprintf(s->error, sizeof s->error, tr(a, "Code %s is already "
		    "registered on this machine"), s->code.text.data);
		s->field = 0;
		return ACT_REDRAW;
	}
	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "%s", s->code.text.data);
	snprintf(o.name, sizeof o.name, "%s", s->name.text.data);
	snprintf(o.group, sizeof o.group, "%s", vocab_groups[s->group].id);
	snprintf(o.lang, sizeof o.lang, "%s", tr(a, "en"));
	err_clear(&e);
	if (store_officer_add(a->st, &o, time(NULL), &e) == -1) {
		snprintf(s->error, sizeof s->error, "%s",
		    err_str(&e, msg, sizeof msg));
		return ACT_REDRAW;
	}
	curs_set(0);
	if (s->admin) {
		/* back to the trainer's menu, for the next officer, with
		 * the code the officer needs for their first login */
		if (auth_setup_code(code, hash, &e) == -1 ||
		    store_officer_set_setup(a->st, o.id, hash, &e) == -1)
			app_error(a, &e);
		else {
			app_status(a, tr(a, "Added: %s; first-login code: %s"),
			    o.name, code);
			a->status_until += 56;	/* a minute to hand it over */
		}
		crypto_wipe(code, sizeof code);
		app_progress_stale(a);	/* the login reads its list again */
		return ACT_POP;
	}
	app_set_officer(a, &o);
	app_enter_home(a, 0);
	app_privacy_notice(a);	/* PDPA: what is kept, once */
	return ACT_REDRAW;
}

static enum act
signup_key(struct app *a, void *data, int ch)
{
	struct signup_screen	*s = data;

	/* in the group list the arrows move in the list */
	if (s->field == 2 && (ch == KEY_DOWN || ch == KEY_UP)) {
		s->group = (s->group + (ch == KEY_DOWN ? 1 : GROUP_COUNT - 1)) %
		    GROUP_COUNT;
		return ACT_REDRAW;
	}
	switch (ch) {
	case '\t':
	case KEY_DOWN:
		s->field = (s->field + 1) % SIGNUP_FIELDS;
		return ACT_REDRAW;
	case KEY_BTAB:
	case KEY_UP:
		s->field = (s->field + SIGNUP_FIELDS - 1) % SIGNUP_FIELDS;
		return ACT_REDRAW;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (s->field < SIGNUP_FIELDS - 1) {
			s->field++;
			return ACT_REDRAW;
		}
		return signup_save(a, s);
	case 27:
		return s->admin ? ACT_POP : ACT_QUIT;
	}
	if (s->field == 2) {
		if (ch == KEY_LEFT || ch == 'k' || ch == KEY_PPAGE)
			s->group = (s->group + GROUP_COUNT - 1) % GROUP_COUNT;
		else if (ch == KEY_RIGHT || ch == 'j' || ch == ' ')
			s->group = (s->group + 1) % GROUP_COUNT;
		else if (ch >= '1' && ch <= '0' + GROUP_COUNT)
			s->group = ch - '1';
		return ACT_REDRAW;
	}
	s->error[0] = '\0';
	if (s->field == 0 && ch == ' ') {
		/* codes have no spaces (the store refuses them) */
		snprintf(s->error, sizeof s->error, "%s",
		    tr(a, "An officer code has no spaces"));
		return ACT_REDRAW;
	}
	app_edit_key(s->field == 0 ? &s->code : &s->name, ch);
	return ACT_REDRAW;
}

static int
signup_typing(const struct app *a, const void *data)
{
	const struct signup_screen	*s = data;

	(void)a;
	return s->field != 2;
}

/* 'arg' is NULL, or points to a true int when the kiosk's trainer adds. */
static int
signup_open(struct app *a, const void *arg, void **data)
{
	struct signup_screen	*s = xcalloc(1, sizeof *s);

	(void)a;
	lineedit_init(&s->code, 63);
	lineedit_init(&s->name, 255);
	s->group = GROUP_OTHER;
	s->admin = arg != NULL && *(const int *)arg;
	*data = s;
	return 0;
}

static void
signup_close(struct app *a, void *data)
{
	struct signup_screen	*s = data;

	(void)a;
	lineedit_release(&s->code);
	lineedit_release(&s->name);
	free(s);
}

const struct view view_signup = {
	.name = "signup",
	.open = signup_open,
	.close = signup_close,
	.draw = signup_draw,
	.key = signup_key,
	.typing = signup_typing,
};
