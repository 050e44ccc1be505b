/*
 * What every screen paints around itself and says: the title bar with
 * the kiosk's idle warning, the status line and the key hints, text cut
 * after a word, and interface strings in the app's language.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "base/err.h"
#include "base/i18n.h"
#include "text/text.h"
#include "screens/ui.h"

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

int
app_put_cut_in(struct app *a, const struct course *course, int y, int x,
    const char *s, int maxw, enum uic c)
{
	/* the next draw gives the wrapper its screen's words again */
	text_wrapper_use_words(a->wrap, course != NULL ? course->words : NULL,
	    course != NULL ? course->nwords : 0);
	return app_put_cut(a, y, x, s, maxw, c);
}

void
app_error(struct app *a, const struct err *e)
{
	char	msg[1024];

	app_status(a, "%s", err_str(e, msg, sizeof msg));
}

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
	/* "rianru [preview] · title": the tag before the separator */
	if (a->preview)
		w += ui_put(0, w + 1, tr(a, " [preview]"),
		    COLS - w - 2, UIC_BAR);
	ui_put(0, w + 1, " · ", 3, UIC_BAR);
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
