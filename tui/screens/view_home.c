/*
 * Home: who is learning, where to continue, what is waiting to be sent,
 * and the catalogue with the officer's own target group first.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/update_ui.h"
#include "screens/views.h"
#include "content/catalog.h"
#include "base/err.h"
#include "content/load.h"
#include "content/place.h"
#include "screens/plan_ui.h"
#include "screens/search_ui.h"
#include "store/store_outbox.h"
#include "store/store_query.h"
#include "sync/sync.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

#define HOME_QUIZ	((size_t)-1)	/* "continue" opens the module's quiz */

/* What the list shows of the officer's progress in one course. */
struct home_course {
	int	known;		/* read from the progress file */
	int	enrolled, complete, modules_done;
};

/*
 * The screen's state. Draw paints from it only: the list, the progress
 * and "continue" are read from the catalogue and the progress file when
 * the screen opens, a key changes the search or the filters, or the
 * records change (home_refresh), never on a redraw.
 */
struct home_screen {
	int			 sel, top;
	size_t			*order;		/* shown courses: own group
						 * first, filtered */
	size_t			 n;
	struct home_course	*prog;		/* parallel to 'order' */
	int			 valid;		/* order matches the filters */
	int			 area, level;	/* filters; -1 = any */
	int			 searching;	/* typing in the search field */
	int			 asking_quit;	/* Esc: "quit?" on the last line */
	struct lineedit		 query;
	size_t			 query_start;
	struct search_rows	 found;		/* where the query was found */
	int			 hsel;		/* in the selected course: -1 the
						 * course, else one of its places */
	/*
	 * Where "continue" goes (home_continue) and 'prog', worked out
	 * again when the list or the records change.
	 */
	int			 cont_valid, cont;
	const struct course	*cont_c;	/* a catalogue header */
	size_t			 cont_m, cont_pg;
	size_t			 review_due;	/* questions to review today,
						 * read with "continue" */
};

/* Does catalogue course 'i' pass the filters and the search? */
static int
home_shown(struct app *a, struct home_screen *h, size_t i)
{
	const struct course	*c = a->cat->courses[i];
	struct err		 e;
	int			 ok;

	if (h->area >= 0 && (int)c->area != h->area)
		return 0;
	if (h->level >= 0 && (int)c->level != h->level)
		return 0;
	if (h->query.text.len == 0)
		return 1;
	/* in the course's pack (FTS5), so nothing is read into memory */
	err_clear(&e);
	if ((ok = catalog_search(a->cat, i, a->wrap, h->query.text.data,
	    &e)) == -1) {
		app_error(a, &e);
		return 0;
	}
	return ok;
}

/* Courses for the officer's group first, then the rest, each in order. */
static void
home_order(struct app *a, struct home_screen *h)
{
	int			 g = -1, pass;
	size_t			 i;

	if (h->order != NULL && h->valid)
		return;
	free(h->order);
	h->order = xcalloc(a->cat->n + 1, sizeof *h->order);
	h->n = 0;
	h->valid = 1;
	h->cont_valid = 0;
	if (a->have_officer)
		g = vocab_find(vocab_groups, GROUP_COUNT,
		    a->learn.officer.group);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < a->cat->n; i++) {
			int mine = g >= 0 &&
			    (a->cat->courses[i]->audience & (1u << g));

			if ((pass == 0) == (mine != 0) && home_shown(a, h, i))
				h->order[h->n++] = i;
		}
	if (h->sel >= (int)h->n)
		h->sel = h->n > 0 ? (int)h->n - 1 : 0;
	h->hsel = -1;
	search_rows_release(&h->found);
	if (h->query.text.len > 0)
		search_rows_build(a, &h->found, h->order, h->n,
		    h->query.text.data);
}

/* Rows course 'k' takes: itself (two) and the places found in it. */
static int
home_rows(const struct home_screen *h, int k)
{
	return 2 + (int)search_rows_count(&h->found, (size_t)k);
}

/* The first course shown, so that the selected one fits in 'rows'. */
static void
home_scroll(struct home_screen *h, int rows)
{
	int	k, used;

	if (h->top > h->sel)
		h->top = h->sel;
	for (;;) {
		for (used = 0, k = h->top; k <= h->sel; k++)
			used += home_rows(h, k);
		if (used <= rows || h->top == h->sel)
			break;
		h->top++;
	}
}

/*
 * Up and down through the courses and the places found under them.
 * Returns 1 when 'ch' moved.
 */
static int
home_move_found(struct home_screen *h, int ch)
{
	int	n;

	if (h->found.n == 0)
		return 0;
	n = (int)search_rows_count(&h->found, (size_t)h->sel);
	if (ch == KEY_DOWN || ch == 'j') {
		if (h->hsel + 1 < n)
			h->hsel++;
		else if (h->sel + 1 < (int)h->n) {
			h->sel++;
			h->hsel = -1;
		}
		return 1;
	}
	if (ch == KEY_UP || ch == 'k') {
		if (h->hsel >= 0)
			h->hsel--;
		else if (h->sel > 0) {
			h->sel--;
			h->hsel = (int)search_rows_count(&h->found,
			    (size_t)h->sel) - 1;
		}
		return 1;
	}
	return 0;
}

/* The search and filter line. */
static int
home_draw_filters(struct app *a, struct home_screen *h, int y)
{
	char			 line[512];
	int			 x = 2, col;

	if (!h->searching && h->query.text.len == 0 && h->area < 0 &&
	    h->level < 0)
		return y;
	x += ui_put(y, x, tr(a, "Search: "), COLS - 4, UIC_DIM);
	col = ui_edit(y, x, 24, &h->query, &h->query_start, h->searching ?
	    UIC_SELECT : UIC_NORMAL);
	if (h->searching) {
		ui_focus(y, col);
		curs_set(1);
	}
	x += 25;
	snprintf(line, sizeof line, "%s %s · %s %s", tr(a, "area:"),
	    h->area < 0 ? tr(a, "all") : a->lang == LANG_EN ?
	    vocab_areas[h->area].en : vocab_areas[h->area].th,
	    tr(a, "level:"), h->level < 0 ? tr(a, "all") :
	    a->lang == LANG_EN ? vocab_levels[h->level].en :
	    vocab_levels[h->level].th);
	ui_put(y, x, line, COLS - x - 2, UIC_DIM);
	return y + 1;
}

/*
 * Sync state in one line: what waits (counted in the progress file, so it
 * is true after every answer, page and log entry, sending or not), what is
 * happening, the last success.
 */
static void
home_sync_line(struct app *a, int y)
{
	const struct sync_state	*ss;
	char			 line[512], when[32];
	struct tm		 tm;
	enum uic		 c = UIC_DIM;
	int64_t			 pending = 0;
	int			 x = 2;

	if (a->st == NULL || !a->progress.outbox_valid)
		return;		/* preview: nothing is recorded */
	pending = a->progress.outbox[STORE_OB_PENDING];
	if (pending > 0) {
		snprintf(line, sizeof line, tr(a, "%lld result(s) waiting to "
		    "be sent"), (long long)pending);
		x += ui_put(y, x, line, COLS - 4, UIC_WARN) + 1;
		x += ui_put(y, x, "·", 1, UIC_DIM) + 1;
	}
	line[0] = '\0';
	ss = a->sync != NULL ? sync_state(a->sync) : NULL;
	switch (ss != NULL ? ss->phase : SYNC_DISABLED) {
	case SYNC_PROBING:
	case SYNC_SENDING:
		snprintf(line, sizeof line, "%s", tr(a, "sending…"));
		break;
	case SYNC_DEFERRED:
		snprintf(line, sizeof line, "%s", tr(a, "another program on "
		    "this machine is sending them"));
		break;
	case SYNC_WAITING:
		localtime_r(&ss->retry_at, &tm);
		strftime(when, sizeof when, "%H:%M", &tm);
		snprintf(line, sizeof line, tr(a, "offline, next try %s"), when);
		c = UIC_WARN;
		break;
	case SYNC_REFUSED:
		snprintf(line, sizeof line, "%s", ss->fail == SYNC_FAIL_CONFIG ?
		    tr(a, "the record store's address is wrong: tell the "
		    "trainer") : tr(a, "the record store refused the "
		    "credentials: tell the trainer"));
		c = UIC_ERROR;
		break;
	case SYNC_BUDGET:
		snprintf(line, sizeof line, "%s", ss->retry_at > 0 ?
		    tr(a, "today's sending budget is spent: the rest goes "
		    "tomorrow") : tr(a, "the sending budget is spent: the "
		    "rest goes next time"));
		c = UIC_WARN;
		break;
	case SYNC_DISABLED:
		if (pending > 0)
			snprintf(line, sizeof line, "%s", tr(a, "no record "
			    "store: take them with 'rianru outbox export'"));
		else if (a->progress.outbox[STORE_OB_DELIVERED] == 0)
			snprintf(line, sizeof line, "%s", tr(a, "no record "
			    "store set up: results stay on this machine"));
		break;
	case SYNC_IDLE:
		if (ss->last_success > 0) {
			localtime_r(&ss->last_success, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
			snprintf(line, sizeof line, tr(a, "last sent %s"), when);
			c = pending > 0 ? UIC_DIM : UIC_DONE;
		}
		break;
	}
	if (line[0] == '\0' && pending == 0 &&
	    a->progress.outbox[STORE_OB_DELIVERED] > 0) {
		snprintf(line, sizeof line, "%s", tr(a, "All results sent"));
		c = UIC_DONE;
	}
	app_put_cut(a, y, x, line, COLS - x - 2, c);
}

/* Where course 'id' is in the list shown, or h->n: not shown. */
static size_t
home_find_shown(const struct app *a, const struct home_screen *h,
    const char *id)
{
	size_t	k;

	for (k = 0; k < h->n; k++)
		if (strcmp(a->cat->courses[h->order[k]]->id, id) == 0)
			break;
	return k;
}

/*
 * Where "continue" goes: the course in progress (not complete) that the
 * officer touched last; in it, a quiz left open (*page = HOME_QUIZ), else
 * the page where they stopped reading. 'rows' are the officer's
 * enrolments.
 */
static int
home_continue(struct app *a, struct home_screen *h,
    const struct store_progress *rows, size_t nrows,
    const struct course **cp, size_t *mod, size_t *page)
{
	const struct learn_course	*lc, *best = NULL;
	const struct course		*c;
	size_t				 r, k, m, pg;

	for (r = 0; r < nrows; r++) {
		if (rows[r].completed != 0)
			continue;
		if ((k = home_find_shown(a, h, rows[r].course_id)) == h->n)
			continue;	/* not shown: filtered out */
		lc = app_course_progress(a, h->order[k]);
		if (lc == NULL || !lc->enrolled || lc->complete)
			continue;
		if (best != NULL && lc->resume_at <= best->resume_at)
			continue;
		c = a->cat->courses[h->order[k]];
		for (m = 0; m < c->nmodules; m++)
			if (lc->modules[m].open &&
			    c->modules[m].quiz != NULL)
				break;
		/* a quiz opened from the course screen, no page read yet */
		if (m == c->nmodules && lc->resume_module[0] == '\0')
			continue;
		if (m < c->nmodules) {
			pg = HOME_QUIZ;
		} else {
			for (m = 0; m < c->nmodules; m++)
				if (strcmp(c->modules[m].id,
				    lc->resume_module) == 0)
					break;
			if (m == c->nmodules || module_page(&c->modules[m],
			    lc->resume_page, &pg) == NULL)
				continue;
		}
		best = lc;
		*cp = c;
		*mod = m;
		*page = pg;
	}
	return best != NULL;
}

/*
 * The progress of each course shown, for the list: only the courses the
 * officer is enrolled in have any, and a complete one needs nothing more
 * than its enrolment ('rows').
 */
static void
home_courses(struct app *a, struct home_screen *h,
    const struct store_progress *rows, size_t nrows)
{
	const struct learn_course	*lc;
	struct home_course		*p;
	size_t				 r, k;

	free(h->prog);
	h->prog = xcalloc(h->n + 1, sizeof *h->prog);
	for (r = 0; r < nrows; r++) {
		if ((k = home_find_shown(a, h, rows[r].course_id)) == h->n ||
		    h->prog[k].known)
			continue;
		p = &h->prog[k];
		p->known = 1;
		if (rows[r].completed != 0) {
			p->enrolled = p->complete = 1;
			continue;
		}
		if ((lc = app_course_progress(a, h->order[k])) == NULL)
			continue;	/* it said why in the status line */
		p->enrolled = lc->enrolled;
		p->complete = lc->complete;
		p->modules_done = lc->modules_done;
	}
}

/*
 * The officer's records as home shows them: the progress of the courses
 * shown, where "continue" goes, the questions due for review and what
 * waits to be sent.
 */
static void
home_records(struct app *a, struct home_screen *h)
{
	struct store_progress	*rows = NULL;
	size_t			 nrows = 0;
	struct err		 e;

	/*
	 * Only the courses the store has an enrolment for can be under way:
	 * ask it, rather than work out every catalogue course's progress
	 * (hundreds, again after every answer).
	 */
	err_clear(&e);
	if (a->have_officer && a->learn.st != NULL &&
	    store_progress(a->learn.st, a->learn.officer.id, NULL, &rows,
	    &nrows, &e) == -1) {
		rows = NULL;	/* nothing to free on failure */
		nrows = 0;
	}
	home_courses(a, h, rows, nrows);
	h->cont = home_continue(a, h, rows, nrows, &h->cont_c, &h->cont_m,
	    &h->cont_pg);
	free(rows);
	h->review_due = app_review_due(a);
	app_outbox_refresh(a);
}

/* The list and the records, worked out when they are out of date. */
static void
home_prepare(struct app *a, struct home_screen *h)
{
	home_order(a, h);
	if (!h->cont_valid) {
		home_records(a, h);
		h->cont_valid = 1;
	}
}

/* The "continue" line: where 'c' goes. */
static void
home_draw_continue(struct app *a, const struct home_screen *h, int y)
{
	const struct course	*cc = h->cont_c;
	size_t			 cm = h->cont_m, cp = h->cont_pg;
	char			 line[512];

	if (cp == HOME_QUIZ)
		snprintf(line, sizeof line, "%s %s %s › %s",
		    tr(a, "Continue (c):"), tr(a, "quiz open:"),
		    lstr_get(&cc->modules[cm].quiz->title, a->lang),
		    lstr_get(&cc->title, a->lang));
	else
		snprintf(line, sizeof line, "%s %s › %s (%zu/%zu)",
		    tr(a, "Continue (c):"), lstr_get(&cc->title, a->lang),
		    lstr_get(&cc->modules[cm].title, a->lang), cp + 1,
		    cc->modules[cm].npages);
	text_wrapper_use_words(a->wrap, cc->words, cc->nwords);
	app_put_cut(a, y, 2, line, COLS - 4, UIC_EMPH);
}

/*
 * The officer's lines from row y: hello, the sync state, "continue" and
 * the reviews due. Returns the next free row.
 */
static int
home_draw_officer(struct app *a, const struct home_screen *h, int y)
{
	char	line[512];
	int	g;

	g = vocab_find(vocab_groups, GROUP_COUNT, a->learn.officer.group);
	snprintf(line, sizeof line, "%s %s · %s", tr(a, "Hello,"),
	    a->learn.officer.name, g < 0 ? "" : a->lang == LANG_EN ?
	    vocab_groups[g].en : vocab_groups[g].th);
	app_put_cut(a, y, 2, line, COLS - 4, UIC_TITLE);
	home_sync_line(a, y + 1);
	y += 2;
	if (h->cont)
		home_draw_continue(a, h, y++);
	if (h->review_due > 0) {
		snprintf(line, sizeof line, tr(a, "%zu question(s) to "
		    "review today (r)"), h->review_due);
		ui_put(y++, 2, line, COLS - 4, UIC_EMPH);
	}
	return y;
}

/*
 * Everything above the list from row y: the officer's lines, courses
 * skipped, the news of a content update, the filters. Returns the row
 * the list starts on.
 */
static int
home_draw_head(struct app *a, struct home_screen *h, int y)
{
	char	line[512];

	if (a->have_officer)
		y = home_draw_officer(a, h, y);
	if (a->cat->nskipped > 0) {
		snprintf(line, sizeof line, tr(a, "%zu course(s) skipped "
		    "because of errors (press p)"), a->cat->nskipped);
		app_put_cut(a, y++, 2, line, COLS - 4, UIC_WARN);
	}
	if (app_update_news(a, line, sizeof line))
		app_put_cut(a, y++, 2, line, COLS - 4, UIC_EMPH);
	y++;
	return home_draw_filters(a, h, y);
}

/* Shown course 'k' on rows y and y + 1: title, progress, facts. */
static void
home_draw_course(struct app *a, const struct home_screen *h, int k, int y)
{
	const struct course	*c = a->cat->courses[h->order[k]];
	static const struct home_course none;
	const struct home_course *p = h->prog != NULL ? &h->prog[k] : &none;
	int			 on = k == h->sel && h->hsel < 0;
	enum uic		 col = on ? UIC_SELECT : UIC_NORMAL;
	int			 barw = COLS >= 70 ? 12 : 6, x;
	char			 line[512];

	if (on)
		ui_fill(y, 1, COLS - 2, UIC_SELECT);
	x = COLS - 3 - barw - 6;
	/* home is in no course: each title is cut with its course's words */
	text_wrapper_use_words(a->wrap, c->words, c->nwords);
	app_put_cut(a, y, 2, lstr_get(&c->title, a->lang), x - 3, col);
	if (p->complete)
		ui_put(y, x, tr(a, "✓ done"), barw + 6, UIC_DONE);
	else if (p->enrolled) {
		snprintf(line, sizeof line, "%d/%zu ", p->modules_done,
		    c->nmodules);
		x += ui_put(y, x, line, 6, col);
		ui_bar(y, x, barw, c->nmodules ? (double)p->modules_done /
		    (double)c->nmodules : 0);
	}
	snprintf(line, sizeof line, "%s · %s · %g %s%s",
	    a->lang == LANG_EN ? vocab_areas[c->area].en :
	    vocab_areas[c->area].th,
	    a->lang == LANG_EN ? vocab_levels[c->level].en :
	    vocab_levels[c->level].th, c->hours,
	    c->hours == 1 ? tr(a, "hour") : tr(a, "hours"),
	    c->cert.body != NULL ? tr(a, " · certified") : "");
	app_put_cut(a, y + 1, 4, line, COLS - 6, UIC_DIM);
}

/* The courses shown from row y, each with the places found in it. */
static void
home_draw_list(struct app *a, struct home_screen *h, int y)
{
	size_t	f;
	int	k;

	if (h->n == 0) {
		/* an empty catalogue with problems: say where to look */
		int why = a->cat->n == 0 && a->problems.n > 0;

		ui_put(y, 2, why ?
		    tr(a, "No courses could be loaded: press p to see why") :
		    tr(a, "No courses found"), COLS - 4,
		    why ? UIC_WARN : UIC_DIM);
		return;
	}
	if (h->found.n > 0)
		home_scroll(h, LINES - 2 - y);
	else
		app_scroll_to(h->sel, &h->top, (LINES - 2 - y) / 2);
	for (k = h->top; k < (int)h->n && y < LINES - 2; k++) {
		home_draw_course(a, h, k, y);
		y += 2;
		for (f = 0; f < search_rows_count(&h->found, (size_t)k) &&
		    y < LINES - 2; f++, y++)
			search_rows_draw(a, y, 4, COLS - 6, h->order[k],
			    &h->found.hits[k][f], h->query.text.data,
			    k == h->sel && (int)f == h->hsel);
	}
}

/* Paint from the screen's state only (see struct home_screen). */
static void
home_draw(struct app *a, void *data)
{
	struct home_screen	*h = data;

	curs_set(0);
	app_draw_frame(a, tr(a, "Home"), h->searching ?
	    tr(a, "type to search  Enter done  Esc clear") :
	    tr(a, "Enter open  c continue  / search  m progress  d plan  ? help  q quit"));
	if (h->asking_quit) {
		ui_fill(LINES - 1, 0, COLS, UIC_BAR);
		ui_put(LINES - 1, 1, a->kiosk ?
		    tr(a, "Log out? y: log out  any other key: stay") :
		    tr(a, "Quit rianru? y: quit  any other key: stay"),
		    COLS - 2, UIC_BAR);
	}
	home_draw_list(a, h, home_draw_head(a, h, 2));
}

/* A key while typing in the search field. */
static enum act
home_key_search(struct home_screen *h, int ch)
{
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER || ch == KEY_DOWN)
		h->searching = 0;
	else if (ch == 27) {
		h->searching = 0;
		lineedit_set(&h->query, "");
	} else
		app_edit_key(&h->query, ch);
	h->valid = 0;
	h->sel = 0;
	return ACT_REDRAW;
}

/* Enter: the selected course, or the place found in it. */
static enum act
home_key_open(struct app *a, struct home_screen *h)
{
	const struct course	*c;
	struct err		 e;

	if (h->n == 0)
		return ACT_NONE;
	if (h->hsel >= 0 && (size_t)h->hsel <
	    search_rows_count(&h->found, (size_t)h->sel))
		c = search_rows_open(a, h->order[h->sel],
		    &h->found.hits[h->sel][h->hsel]);
	else
		c = app_show_course(a, h->order[h->sel], 0);
	if (c == NULL)
		return ACT_REDRAW;
	err_clear(&e);
	if (learn_catch_up(&a->learn, c, &e) == -1)
		app_error(a, &e);
	app_progress_stale(a);
	return ACT_REDRAW;
}

/* 'c': where the officer left off, a page or an open quiz. */
static enum act
home_key_continue(struct app *a, struct home_screen *h)
{
	const struct course	*c;

	if (h->cont && (c = app_show_course(a,
	    app_course_index(a, h->cont_c), (int)h->cont_m)) != NULL) {
		if (h->cont_pg == HOME_QUIZ)
			app_open_quiz(a, c, &c->modules[h->cont_m]);
		else
			app_open_lesson(a, c, h->cont_m, h->cont_pg);
	}
	return ACT_REDRAW;
}

/*
 * Esc undoes a search or filter first: quitting on the second Esc of
 * "clear the search" would surprise. Esc is pressed in runs (clear,
 * back, back): ask before quitting.
 */
static enum act
home_key_escape(struct home_screen *h)
{
	if (h->query.text.len > 0 || h->area >= 0 || h->level >= 0) {
		lineedit_set(&h->query, "");
		h->area = h->level = -1;
		h->valid = 0;
		h->sel = 0;
		return ACT_REDRAW;
	}
	h->asking_quit = 1;
	return ACT_REDRAW;
}

static enum act
home_key_list(struct app *a, struct home_screen *h, int ch)
{
	home_prepare(a, h);
	if (h->searching)
		return home_key_search(h, ch);
	if (h->asking_quit) {
		h->asking_quit = 0;
		return ch == 'y' || ch == 'Y' || ch == '\n' || ch == '\r' ||
		    ch == KEY_ENTER ? ACT_QUIT : ACT_REDRAW;
	}
	if (home_move_found(h, ch))
		return ACT_REDRAW;
	if (app_move(ch, &h->sel, (int)h->n, 5)) {
		h->hsel = -1;
		return ACT_REDRAW;
	}
	switch (ch) {
	case '/':
		h->searching = 1;
		return ACT_REDRAW;
	case 'f':
		h->area = h->area + 1 >= AREA_COUNT ? -1 : h->area + 1;
		h->valid = 0;
		return ACT_REDRAW;
	case 'v':
		h->level = h->level + 1 >= LEVEL_COUNT ? -1 : h->level + 1;
		h->valid = 0;
		return ACT_REDRAW;
	case 'm':
		app_push(a, &view_mine, NULL);
		return ACT_REDRAW;
	case 'd':
		if (a->st != NULL)
			plan_ui_open(a);
		return ACT_REDRAW;
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
	case 'l':
		return home_key_open(a, h);
	case 'c':
		return home_key_continue(a, h);
	case 'r':
		app_open_review(a);
		return ACT_REDRAW;
	case 'p':
		app_push(a, &view_problems, NULL);
		return ACT_REDRAW;
	case 27:
		return home_key_escape(h);
	case 'q':
	case KEY_F(10):
		return ACT_QUIT;
	}
	return ACT_NONE;
}

static enum act
home_key(struct app *a, void *data, int ch)
{
	struct home_screen	*h = data;
	enum act		 r;

	r = home_key_list(a, h, ch);
	/* a filter or search changed: the list again, before the redraw */
	if (app_top(a)->data == h)
		home_prepare(a, h);
	return r;
}

static int
home_typing(const struct app *a, const void *data)
{
	const struct home_screen	*h = data;

	(void)a;
	return h->searching;
}

/* Forget the list (the catalogue changes). */
static void
home_forget(struct home_screen *h)
{
	free(h->order);
	h->order = NULL;
	free(h->prog);
	h->prog = NULL;
	h->n = 0;
	h->valid = 0;
	h->hsel = -1;
	search_rows_release(&h->found);
	h->cont_valid = 0;
	h->sel = h->top = 0;
}

static void
home_release(struct app *a, void *data, size_t keep)
{
	(void)a;
	if (keep == (size_t)-1)
		home_forget(data);
}

/* New records: where "continue" goes may have changed. */
static void
home_refresh(struct app *a, void *data)
{
	struct home_screen	*h = data;

	h->cont_valid = 0;
	home_prepare(a, h);
}

static int
home_open(struct app *a, const void *arg, void **data)
{
	struct home_screen	*h = xcalloc(1, sizeof *h);

	(void)arg;
	h->area = h->level = -1;
	lineedit_init(&h->query, 200);
	home_prepare(a, h);
	*data = h;
	return 0;
}

static void
home_close(struct app *a, void *data)
{
	struct home_screen	*h = data;

	(void)a;
	home_forget(h);
	lineedit_release(&h->query);
	free(h);
}

const struct view view_home = {
	.name = "home",
	.flags = VIEW_STATE_DRAW,
	.open = home_open,
	.close = home_close,
	.draw = home_draw,
	.key = home_key,
	.typing = home_typing,
	.reload = home_refresh,
	.release = home_release,
};
