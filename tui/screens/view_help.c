/*
 * Help overlay: the keys.
 */
#include <curses.h>

#include "screens/app.h"
#include "screens/views.h"
#include "screens/ui.h"

static const char *const help_lines[] = {
	N_("↑ ↓ or j k       move / select"),
	N_("Enter or →       open"),
	N_("← → or h l       previous / next page (in a lesson)"),
	N_("PgUp PgDn Space  scroll a screen"),
	N_("c                continue where you stopped (home)"),
	N_("/  f  v          search · filter by area · by level (home)"),
	N_("m                my progress (home)"),
	N_("d                my development plan and 70:20:10 log (home)"),
	N_("r                review the questions due today (home)"),
	N_("t                the module's quiz"),
	N_("f                feedback on the whole course (course)"),
	N_("Quiz:            digits/Space pick · Enter answers · Tab/S-Tab next/previous"),
	N_("                 matching: a digit or ←→ (0 clears) · ordering: J/K or Space+↑↓"),
	N_("                 s or F10 submits · q or Esc pauses (answers are saved)"),
	N_("p                content problems"),
	N_("L                switch language ไทย / English"),
	N_("? or F1          this help"),
	N_("q or Esc         back / quit"),
	NULL
};

static void
help_draw(struct app *a, void *data)
{
	const char *const	*lines = help_lines;
	int			 y = 2, i;

	(void)data;
	app_draw_frame(a, tr(a, "Help"),
	    tr(a, "any key: back"));
	for (i = 0; lines[i] != NULL && y < LINES - 2; i++)
		ui_put(y++, 3, tr(a, lines[i]), COLS - 6, UIC_NORMAL);
	/* a shared terminal: how to leave it to the next officer */
	if (a->kiosk && y < LINES - 2)
		ui_put(y++, 3, tr(a, "q F10 or Ctrl-D   log out (q and F10 on home)"),
		    COLS - 6, UIC_NORMAL);
}

static enum act
help_key(struct app *a, void *data, int ch)
{
	(void)a;
	(void)data;
	(void)ch;
	return ACT_POP;
}

const struct view view_help = {
	.name = "help",
	.flags = VIEW_NO_HELP,
	.draw = help_draw,
	.key = help_key,
};
