/*
 * The privacy notice (Thailand's Personal Data Protection Act): shown to
 * an officer at sign-up and at their first kiosk login, in their
 * language, from the configuration's 'privacy-notice' or the built-in
 * text; Enter records in the progress file that they saw it.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/views.h"
#include "base/err.h"
#include "cli/cli.h"
#include "store/store_officer.h"
#include "text/text.h"
#include "screens/ui.h"

static void
privacy_draw(struct app *a, void *data)
{
	struct text_line	*lines = NULL;
	const char		*text;
	size_t			 n, i;
	int			 y = 2;

	(void)data;
	curs_set(0);
	app_draw_frame(a, tr(a, "Privacy notice"),
	    tr(a, "Enter I have read it"));
	text = config_privacy_notice(&a->cli->cfg, a->lang);
	n = text_wrap(a->wrap, text, strlen(text), COLS - 6, &lines);
	for (i = 0; i < n && y < LINES - 2; i++, y++)
		ui_putn(y, 3, text + lines[i].off, lines[i].len, COLS - 6,
		    UIC_NORMAL);
	free(lines);
}

static enum act
privacy_key(struct app *a, void *data, int ch)
{
	struct err	e;

	(void)data;
	if (ch != '\n' && ch != '\r' && ch != KEY_ENTER)
		return ACT_NONE;
	err_clear(&e);
	if (store_officer_privacy_seen(a->st, a->learn.officer.id, time(NULL),
	    &e) == -1)
		app_error(a, &e);
	else
		a->learn.officer.privacy_seen = time(NULL);
	return ACT_POP;
}

const struct view view_privacy = {
	.name = "privacy",
	.draw = privacy_draw,
	.key = privacy_key,
};

void
app_privacy_notice(struct app *a)
{
	if (a->have_officer && a->st != NULL &&
	    a->learn.officer.privacy_seen == 0)
		app_push(a, &view_privacy, NULL);
}
