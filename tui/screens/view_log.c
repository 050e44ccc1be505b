/*
 * The 70:20:10 log: the balance of on-the-job practice (70), coaching
 * and mentoring (20) and courses (10), the entries the officer logged,
 * and a small form to add one ('a'). Each entry is saved with its xAPI
 * statement (lib/devlog).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "learn/attempt.h"
#include "base/buf.h"
#include "base/err.h"
#include "screens/plan_ui.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

enum log_field {
	LOG_DAY,
	LOG_KIND,
	LOG_AREA,
	LOG_MINUTES,
	LOG_REFLECTION,
	LOG_NFIELDS
};

/* The log's records and list, and the add-entry form. */
struct log_screen {
	struct plan_status	 r;
	int			 log_sel, log_top;
	int			 form;		/* the form is open */
	enum log_field		 field;
	struct lineedit		 day, minutes, reflection;
	size_t			 day_start, min_start, refl_start;
	int			 kind;		/* enum store_log_kind */
	int			 area;		/* enum area */
	char			 error[300];
};

static void
log_refresh(struct app *a, void *data)
{
	struct log_screen	*p = data;

	plan_records_load(a, &p->r);
}

static int
log_open(struct app *a, const void *arg, void **data)
{
	struct log_screen	*p = xcalloc(1, sizeof *p);

	(void)arg;
	lineedit_init(&p->day, 40);	/* Thai digits take 3 bytes each */
	lineedit_init(&p->minutes, 8);
	lineedit_init(&p->reflection, STORE_LOG_REFLECTION - 1);
	log_refresh(a, p);
	*data = p;
	return 0;
}

static void
log_close(struct app *a, void *data)
{
	struct log_screen	*p = data;

	(void)a;
	plan_status_release(&p->r);
	lineedit_release(&p->day);
	lineedit_release(&p->minutes);
	lineedit_release(&p->reflection);
	free(p);
}

void
log_ui_open(struct app *a)
{
	app_push(a, &view_log, NULL);
}

static void	log_day_shown(const struct app *, const char *, char *,
		    size_t);

/*
 * Open the form with today's date (written as the list writes dates, so
 * what is shown can be typed back) and the last choices kept.
 */
static void
log_form_open(const struct app *a, struct log_screen *p)
{
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		 today[16], shown[32];

	lineedit_set(&p->reflection, "");
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	log_day_shown(a, today, shown, sizeof shown);
	lineedit_set(&p->day, shown);
	lineedit_set(&p->minutes, "60");
	p->day_start = p->min_start = p->refl_start = 0;
	p->field = LOG_DAY;
	p->error[0] = '\0';
	p->form = 1;
}

static const char *
log_kind_name(struct app *a, int kind)
{
	return kind == STORE_LOG_COACHING ? tr(a, "coaching/mentoring (20)") : tr(a, "on-the-job practice (70)");
}

static const char *
log_area_name(struct app *a, int area)
{
	return a->lang == LANG_EN ? vocab_areas[area].en :
	    vocab_areas[area].th;
}

/* A labelled one-line field; the cursor goes there when focused. */
static void
log_edit(int y, const char *label, struct lineedit *le, size_t *start,
    int focus, int *cy, int *cx)
{
	int	x = 4, w = COLS - 8, col;

	ui_put(y, x, label, w, focus ? UIC_TITLE : UIC_NORMAL);
	col = ui_edit(y + 1, x, w, le, start, UIC_SELECT);
	if (focus) {
		*cy = y + 1;
		*cx = col;
	}
}

static void
log_form_draw(struct app *a, struct log_screen *p, int y)
{
	char		 line[512];
	int		 cy = -1, cx = 0;

	ui_put(y++, 2, tr(a, "New entry"), COLS - 4,
	    UIC_TITLE);
	log_edit(y, tr(a, "Date (day/month/year)"), &p->day, &p->day_start, p->field == LOG_DAY,
	    &cy, &cx);
	y += 2;
	/*
	 * The pickers are drawn selected like the fields around them, so
	 * the focus is put on the one picked by hand, not left to the first
	 * selected paint (the date field above).
	 */
	snprintf(line, sizeof line, "%s  ◀ %s ▶", tr(a, "Kind"),
	    log_kind_name(a, p->kind));
	if (p->field == LOG_KIND) {
		cy = y;
		cx = 4;
	}
	ui_put(y++, 4, line, COLS - 8, p->field == LOG_KIND ? UIC_SELECT :
	    UIC_NORMAL);
	snprintf(line, sizeof line, "%s  ◀ %s ▶", tr(a, "Skill area"), log_area_name(a, p->area));
	if (p->field == LOG_AREA) {
		cy = y;
		cx = 4;
	}
	ui_put(y++, 4, line, COLS - 8, p->field == LOG_AREA ? UIC_SELECT :
	    UIC_NORMAL);
	log_edit(y, tr(a, "Time spent (minutes)"),
	    &p->minutes, &p->min_start, p->field == LOG_MINUTES, &cy, &cx);
	y += 2;
	log_edit(y, tr(a, "What you learned (short)"), &p->reflection, &p->refl_start,
	    p->field == LOG_REFLECTION, &cy, &cx);
	y += 2;
	if (p->error[0] != '\0')
		ui_put(y, 4, p->error, COLS - 8, UIC_ERROR);
	if (cy >= 0) {
		ui_focus(cy, cx);
		/* shown at a typing point; a picker's row holds it hidden */
		if (p->field != LOG_KIND && p->field != LOG_AREA)
			curs_set(1);
	}
}

/*
 * Why a typed day is refused: a day its month does not have ("February
 * 2569 has only 28 days"), or no date at all (how to write one).
 */
static void
log_day_error(const struct app *a, const char *typed, char *out,
    size_t size)
{
	static const char *const	months_th[12] = {
		"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
		"มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
		"พฤศจิกายน", "ธันวาคม"
	};
	static const char *const	months_en[12] = {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November",
		"December"
	};
	int				y, m, d;

	if (devlog_day_parse(typed, &y, &m, &d) == 0)
		snprintf(out, size, tr(a, "%s %d has only %d days"),
		    a->lang == LANG_EN ? months_en[m - 1] : months_th[m - 1],
		    a->lang == LANG_EN ? y : y + 543,
		    devlog_month_days(y, m));
	else
		snprintf(out, size, "%s", tr(a, "Write the date as "
		    "day/month/year or year-month-day, for example 1/12/2569 "
		    "or 2569-12-01"));
}

/*
 * A stored day (YYYY-MM-DD) as the officer reads it: in Thai the way Thai
 * documents write a short date, day/month/Buddhist-era year (28/02/2568).
 */
static void
log_day_shown(const struct app *a, const char *ymd, char *out, size_t size)
{
	int	y, m, d;

	if (a->lang == LANG_TH && sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(out, size, "%02d/%02d/%04d", d, m, y + 543);
	else
		snprintf(out, size, "%s", ymd);
}

/* "  0%  0.0 h": a part's share of the log and its hours. */
static void
log_part_figures(struct app *a, const struct log_screen *p, int i,
    char *out, size_t size)
{
	snprintf(out, size, "%3.0f%%  %.1f %s", p->r.bal.share[i] * 100,
	    p->r.bal.hours[i], tr(a, "h"));
}

static void
log_draw(struct app *a, void *data)
{
	struct log_screen		*p = data;
	const struct store_log_entry	*le;
	struct buf			 b;
	char				 line[1400], day[48];
	int				 y = 2, i, w, h;

	curs_set(0);
	app_draw_frame(a, tr(a, "70:20:10 development log"), p->form ? tr(a, "Tab/↓ next field  ←→ choose  Enter save  Esc cancel") :
	    tr(a, "a add entry  ↑↓ scroll  q back"));
	/* narrow: the shares and hours stay whole, the names are cut */
	for (w = 50, i = 0; i < DEVLOG_PARTS && COLS < 60; i++) {
		log_part_figures(a, p, i, line, sizeof line);
		if (COLS - 2 - (int)text_width(line, strlen(line)) < w)
			w = COLS - 2 - (int)text_width(line, strlen(line));
	}
	for (i = 0; i < DEVLOG_PARTS; i++) {
		app_put_cut(a, y, 2, devlog_part_name((enum devlog_part)i,
		    a->lang), COLS >= 60 ? 30 : w - 3, UIC_NORMAL);
		if (COLS >= 60)
			ui_bar(y, 32, 16, p->r.bal.share[i]);
		log_part_figures(a, p, i, line, sizeof line);
		ui_put(y++, w, line, COLS - 2 - w, UIC_NORMAL);
	}
	buf_init(&b);
	devlog_advice(&p->r.bal, a->lang, &b);
	app_put_cut(a, y++, 2, b.data, COLS - 4, p->r.bal.short_part < 0 &&
	    p->r.bal.total > 0 ? UIC_DONE : UIC_EMPH);
	buf_release(&b);
	ui_hline(y++, 1, COLS - 2, UIC_DIM);
	if (p->form) {
		log_form_draw(a, p, y);
		return;
	}
	if (p->r.nentries == 0) {
		app_put_cut(a, y, 2, tr(a, "No entries yet: press a to add "
		    "one"), COLS - 4, UIC_DIM);
		return;
	}
	h = LINES - 1 - y;
	app_scroll_to(p->log_sel, &p->log_top, h);
	for (i = p->log_top; i < (int)p->r.nentries && y < LINES - 1; i++) {
		int a_ = vocab_find(vocab_areas, AREA_COUNT, p->r.entries[i].area);

		le = &p->r.entries[i];
		log_day_shown(a, le->day, day, sizeof day);
		snprintf(line, sizeof line, "%s  %s  %d %s  %s  %s", day,
		    le->kind == STORE_LOG_COACHING ? tr(a, "coach") :
		    tr(a, "practice"), le->minutes, tr(a, "min"), a_ >= 0 ? log_area_name(a, a_) : le->area,
		    le->reflection);
		if (i == p->log_sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		app_put_cut(a, y++, 2, line, COLS - 4, i == p->log_sel ?
		    UIC_SELECT : UIC_NORMAL);
	}
}

/* Save the form; on success back to the list. */
static enum act
log_save(struct app *a, struct log_screen *p)
{
	struct store_log_entry	 le;
	struct buf		 canon;
	struct err		 e;
	double			 v;
	char			 msg[600];

	memset(&le, 0, sizeof le);
	buf_init(&canon);
	err_clear(&e);
	/* Thai digits are fine: read it as a quiz reads numbers */
	if (attempt_number(p->minutes.text.data, &canon, &v, &e) == -1 ||
	    v != (double)(int)v || v < 1 || v > STORE_LOG_MAX_MINUTES) {
		snprintf(p->error, sizeof p->error, "%s", tr(a, "Time spent must be 1 to 1440 minutes"));
		p->field = LOG_MINUTES;
		buf_release(&canon);
		return ACT_REDRAW;
	}
	buf_release(&canon);
	le.minutes = (int)v;
	if (devlog_day(p->day.text.data, le.day) == -1) {
		log_day_error(a, p->day.text.data, p->error,
		    sizeof p->error);
		p->field = LOG_DAY;
		a->status[0] = '\0';
		return ACT_REDRAW;
	}
	if (devlog_day_future(le.day, time(NULL))) {
		snprintf(p->error, sizeof p->error, "%s",
		    tr(a, "The date is after today"));
		p->field = LOG_DAY;
		a->status[0] = '\0';
		return ACT_REDRAW;
	}
	le.kind = (enum store_log_kind)p->kind;
	snprintf(le.area, sizeof le.area, "%s", vocab_areas[p->area].id);
	snprintf(le.reflection, sizeof le.reflection, "%s",
	    p->reflection.text.data);
	if (devlog_add(&a->learn, &le, &e) == -1) {
		snprintf(p->error, sizeof p->error, "%s",
		    err_str(&e, msg, sizeof msg));
		a->status[0] = '\0';	/* an earlier "Saved" is not this one */
		if (strstr(e.msg, "date") != NULL)
			p->field = LOG_DAY;
		return ACT_REDRAW;
	}
	p->form = 0;
	curs_set(0);
	app_progress_stale(a);	/* this screen reads the log again too */
	app_status(a, "%s", tr(a, "Saved"));
	return ACT_REDRAW;
}

static enum act
log_form_key(struct app *a, struct log_screen *p, int ch)
{
	int		 step = 0;

	switch (ch) {
	case '\t':
	case KEY_DOWN:
		p->field = (enum log_field)((p->field + 1) % LOG_NFIELDS);
		return ACT_REDRAW;
	case KEY_BTAB:
	case KEY_UP:
		p->field = (enum log_field)((p->field + LOG_NFIELDS - 1) %
		    LOG_NFIELDS);
		return ACT_REDRAW;
	case '\n':
	case '\r':
	case KEY_ENTER:
		return log_save(a, p);
	case 27:
		p->form = 0;
		curs_set(0);
		return ACT_REDRAW;
	}
	if (p->field == LOG_KIND || p->field == LOG_AREA) {
		if (ch == KEY_LEFT || ch == 'h')
			step = -1;
		else if (ch == KEY_RIGHT || ch == 'l' || ch == ' ')
			step = 1;
		if (step == 0)
			return ACT_NONE;
		if (p->field == LOG_KIND)
			p->kind = (p->kind + STORE_LOG_NKINDS + step) %
			    STORE_LOG_NKINDS;
		else
			p->area = (p->area + AREA_COUNT + step) % AREA_COUNT;
		return ACT_REDRAW;
	}
	p->error[0] = '\0';
	app_edit_key(p->field == LOG_DAY ? &p->day : p->field == LOG_MINUTES ?
	    &p->minutes : &p->reflection, ch);
	return ACT_REDRAW;
}

static enum act
log_key(struct app *a, void *data, int ch)
{
	struct log_screen	*p = data;

	if (p->form)
		return log_form_key(a, p, ch);
	if (app_move(ch, &p->log_sel, (int)p->r.nentries, 5))
		return ACT_REDRAW;
	switch (ch) {
	case 'a':
	case '+':
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (!a->have_officer)
			return ACT_NONE;
		log_form_open(a, p);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
		return ACT_POP;
	}
	return ACT_NONE;
}

static int
log_typing(const struct app *a, const void *data)
{
	const struct log_screen	*p = data;

	(void)a;
	return p->form && (p->field == LOG_DAY || p->field == LOG_MINUTES ||
	    p->field == LOG_REFLECTION);
}

const struct view view_log = {
	.name = "log",
	.flags = VIEW_STATE_DRAW,
	.open = log_open,
	.close = log_close,
	.draw = log_draw,
	.key = log_key,
	.typing = log_typing,
	.reload = log_refresh,
};
