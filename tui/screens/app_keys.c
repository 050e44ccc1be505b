/*
 * Where a key goes: the kiosk's own keys, the preview's, the keys every
 * screen shares (help, the other language), then the screen on top.
 */
#include "screens/app_keys.h"

#include <curses.h>
#include <stdio.h>
#include <time.h>

#include "screens/app.h"
#include "screens/preview.h"
#include "screens/app_kiosk.h"
#include "screens/views.h"
#include "base/err.h"
#include "store/store_officer.h"

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

void
app_key(struct app *a, int ch)
{
	enum act	r;

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
	r = app_screen_key(a, ch);
	if ((r & ACT_QUIT) && a->kiosk)
		app_logout(a);		/* only the trainer leaves a kiosk */
	else if (r & ACT_QUIT)
		a->quit = 1;
}
