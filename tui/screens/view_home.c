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
#include "content/ccache.h"
#include "base/err.h"
#include "content/load.h"
#include "screens/plan_ui.h"
#include "content/search.h"
#include "store/store_outbox.h"
#include "store/store_query.h"
#include "sync/sync.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/* Does catalogue course 'i' pass the filters and the search? */
static int
home_shown(struct app *a, size_t i)
{
	struct home_state	*h = &a->home;
	const struct course	*c = a->cat->courses[i];
	struct search_doc	*doc;
	struct err		 e;
	int			 ok;

	if (h->area >= 0 && (int)c->area != h->area)
		return 0;
	if (h->level >= 0 && (int)c->level != h->level)
		return 0;
	if (h->query.text.len == 0)
		return 1;
	if (h->docs == NULL)
		h->docs = xcalloc(a->cat->n + 1, sizeof *h->docs);
	if (h->docs[i] != NULL)
		return search_match(a->wrap, h->docs[i], h->query.text.data);
	/*
	 * A header's words come from the content cache on every search
	 * (about 20 us a course) rather than staying in memory.
	 */
	err_clear(&e);
	if ((doc = catalog_search_doc(a->cat, i, a->wrap, &e)) == NULL) {
		app_error(a, &e);
		return 0;
	}
	ok = search_match(a->wrap, doc, h->query.text.data);
	if (c->header)
		search_doc_free(doc);
	else
		h->docs[i] = doc;
	return ok;
}

/* Courses for the officer's group first, then the rest, each in order. */
static void
home_order(struct app *a)
{
	struct home_state	*h = &a->home;
	int			 g = -1, pass;
	size_t			 i;

	if (h->order != NULL && h->valid)
		return;
	free(h->order);
	h->order = xcalloc(a->cat->n + 1, sizeof *h->order);
	h->n = 0;
	h->valid = 1;
	if (a->have_officer)
		g = vocab_find(vocab_groups, GROUP_COUNT,
		    a->learn.officer.group);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < a->cat->n; i++) {
			int mine = g >= 0 &&
			    (a->cat->courses[i]->audience & (1u << g));

			if ((pass == 0) == (mine != 0) && home_shown(a, i))
				h->order[h->n++] = i;
		}
	if (h->sel >= (int)h->n)
		h->sel = h->n > 0 ? (int)h->n - 1 : 0;
}

/* The search and filter line. */
static int
home_draw_filters(struct app *a, int y)
{
	struct home_state	*h = &a->home;
	char			 line[512];
	int			 x = 2, col;

	if (!h->searching && h->query.text.len == 0 && h->area < 0 &&
	    h->level < 0)
		return y;
	x += ui_put(y, x, tr(a, "Search: "), COLS - 4, UIC_DIM);
	col = ui_edit(y, x, 24, &h->query, &h->query_start, h->searching ?
	    UIC_SELECT : UIC_NORMAL);
	if (h->searching) {
		move(y, col);
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

static int
home_outbox(struct app *a, int64_t *pending)
{
	struct err	e;

	if (a->st == NULL)
		return -1;	/* preview: no progress file */
	if (!a->progress.outbox_valid) {
		err_clear(&e);
		if (store_outbox_counts(a->st, a->progress.outbox, &e) == -1)
			return -1;
		a->progress.outbox_valid = 1;
	}
	*pending = a->progress.outbox[STORE_OB_PENDING];
	return 0;
}

/* Sync state in one line: what waits, what is happening, last success. */
static void
home_sync_line(struct app *a, int y)
{
	const struct sync_state	*ss;
	char			 line[512], when[32];
	struct tm		 tm;
	enum uic		 c = UIC_DIM;
	int			 x = 2;

	if (a->sync == NULL)
		return;
	ss = sync_state(a->sync);
	if (ss->pending > 0) {
		snprintf(line, sizeof line, tr(a, "%lld result(s) waiting to "
		    "be sent"), (long long)ss->pending);
		x += ui_put(y, x, line, COLS - 4, UIC_WARN) + 1;
		x += ui_put(y, x, "·", 1, UIC_DIM) + 1;
	}
	switch (ss->phase) {
	case SYNC_PROBING:
	case SYNC_SENDING:
		snprintf(line, sizeof line, "%s", tr(a, "sending…"));
		break;
	case SYNC_WAITING:
		localtime_r(&ss->retry_at, &tm);
		strftime(when, sizeof when, "%H:%M", &tm);
		snprintf(line, sizeof line, tr(a, "offline, next try %s"), when);
		c = UIC_WARN;
		break;
	case SYNC_REFUSED:
		snprintf(line, sizeof line, "%s", tr(a, "the record store "
		    "refused the credentials: tell the trainer"));
		c = UIC_ERROR;
		break;
	case SYNC_DISABLED:
		snprintf(line, sizeof line, "%s", tr(a, "no record store set up: "
		    "results stay on this machine"));
		break;
	default:
		line[0] = '\0';
		if (ss->last_success > 0) {
			localtime_r(&ss->last_success, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
			snprintf(line, sizeof line, tr(a, "last sent %s"), when);
			c = ss->pending > 0 ? UIC_DIM : UIC_DONE;
		}
		break;
	}
	ui_put(y, x, line, COLS - x - 2, c);
}

#define HOME_QUIZ	((size_t)-1)	/* "continue" opens the module's quiz */

/*
 * Where "continue" goes: the course in progress (not complete) that the
 * officer touched last; in it, a quiz left open (*page = HOME_QUIZ), else
 * the page where they stopped reading.
 */
static int
home_continue(struct app *a, const struct course **cp, size_t *mod,
    size_t *page)
{
	const struct learn_course	*lc, *best = NULL;
	const struct course		*c;
	struct store_progress		*rows = NULL;
	size_t				 nrows = 0, r, k, m, pg;
	struct err			 e;

	/*
	 * Only the courses the store has an enrolment for can be under way:
	 * ask it, rather than work out every catalogue course's progress
	 * (hundreds, again after every answer) on each redraw.
	 */
	err_clear(&e);
	if (a->learn.st == NULL || store_progress(a->learn.st,
	    a->learn.officer.id, NULL, &rows, &nrows, &e) == -1)
		return 0;
	for (r = 0; r < nrows; r++) {
		if (rows[r].completed != 0)
			continue;
		for (k = 0; k < a->home.n; k++)
			if (strcmp(a->cat->courses[a->home.order[k]]->id,
			    rows[r].course_id) == 0)
				break;
		if (k == a->home.n)
			continue;	/* not shown: filtered out */
		lc = app_course_progress(a, a->home.order[k]);
		if (lc == NULL || !lc->enrolled || lc->complete ||
		    lc->resume_module[0] == '\0')
			continue;
		if (best != NULL && lc->resume_at <= best->resume_at)
			continue;
		c = a->cat->courses[a->home.order[k]];
		for (m = 0; m < c->nmodules; m++)
			if (lc->modules[m].open &&
			    c->modules[m].quiz != NULL)
				break;
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
	free(rows);
	return best != NULL;
}

static void
home_draw(struct app *a)
{
	struct catalog			*cat = a->cat;
	const struct learn_course	*lc;
	const struct course		*cc;
	int				 y, k, x, g;
	int64_t				 pending = 0;
	size_t				 cm, cp;
	char				 line[512];

	curs_set(0);
	home_order(a);
	app_draw_frame(a, tr(a, "Home"), a->home.searching ?
	    tr(a, "type to search  Enter done  Esc clear") :
	    tr(a, "Enter open  c continue  / search  m progress  d plan  ? help  q quit"));
	y = 2;
	if (a->have_officer) {
		g = vocab_find(vocab_groups, GROUP_COUNT,
		    a->learn.officer.group);
		snprintf(line, sizeof line, "%s %s · %s", tr(a, "Hello,"), a->learn.officer.name, g < 0 ? "" :
		    a->lang == LANG_EN ? vocab_groups[g].en : vocab_groups[g].th);
		ui_put(y, 2, line, COLS - 4, UIC_TITLE);
		home_sync_line(a, y + 1);
		if (a->sync == NULL && home_outbox(a, &pending) == 0) {
			if (pending > 0)
				snprintf(line, sizeof line, tr(a, "%lld "
				    "result(s) waiting to be sent"),
				    (long long)pending);
			else if (a->progress.outbox[STORE_OB_DELIVERED] > 0)
				snprintf(line, sizeof line, "%s", tr(a, "All results sent"));
			else
				line[0] = '\0';
			ui_put(y + 1, 2, line, COLS - 4, pending > 0 ?
			    UIC_WARN : UIC_DONE);
		}
		y += 2;
		if (home_continue(a, &cc, &cm, &cp)) {
			if (cp == HOME_QUIZ)
				snprintf(line, sizeof line, "%s %s › %s",
				    tr(a, "Continue (c):"),
				    lstr_get(&cc->title, a->lang),
				    lstr_get(&cc->modules[cm].quiz->title,
				    a->lang));
			else
				snprintf(line, sizeof line, "%s %s › %s "
				    "(%zu/%zu)", tr(a, "Continue (c):"),
				    lstr_get(&cc->title, a->lang),
				    lstr_get(&cc->modules[cm].title, a->lang),
				    cp + 1, cc->modules[cm].npages);
			ui_put(y++, 2, line, COLS - 4, UIC_EMPH);
		}
	}
	if (cat->nskipped > 0) {
		snprintf(line, sizeof line, tr(a, "%zu course(s) skipped "
		    "because of errors (press p)"), cat->nskipped);
		ui_put(y++, 2, line, COLS - 4, UIC_WARN);
	}
	y++;
	y = home_draw_filters(a, y);
	if (a->home.n == 0) {
		/* an empty catalogue with problems: say where to look */
		ui_put(y, 2, cat->n == 0 && a->problems.n > 0 ?
		    tr(a, "No courses could be loaded: press p to see why") :
		    tr(a, "No courses found"), COLS - 4, cat->n == 0 &&
		    a->problems.n > 0 ? UIC_WARN : UIC_DIM);
		return;
	}
	app_scroll_to(a->home.sel, &a->home.top, (LINES - 2 - y) / 2);
	for (k = a->home.top; k < (int)a->home.n && y < LINES - 2; k++) {
		const struct course *c = cat->courses[a->home.order[k]];
		enum uic col = k == a->home.sel ? UIC_SELECT : UIC_NORMAL;
		int barw = COLS >= 70 ? 12 : 6;

		if (k == a->home.sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		lc = app_course_progress(a, a->home.order[k]);
		x = COLS - 3 - barw - 6;
		ui_put(y, 2, lstr_get(&c->title, a->lang), x - 3, col);
		if (lc != NULL && lc->complete)
			ui_put(y, x, tr(a, "✓ done"), barw + 6,
			    UIC_DONE);
		else if (lc != NULL && lc->enrolled) {
			snprintf(line, sizeof line, "%d/%zu ", lc->modules_done,
			    c->nmodules);
			x += ui_put(y, x, line, 6, col);
			ui_bar(y, x, barw, c->nmodules ? (double)
			    lc->modules_done / (double)c->nmodules : 0);
		}
		snprintf(line, sizeof line, "%s · %s · %g %s%s",
		    a->lang == LANG_EN ? vocab_areas[c->area].en :
		    vocab_areas[c->area].th,
		    a->lang == LANG_EN ? vocab_levels[c->level].en :
		    vocab_levels[c->level].th, c->hours,
		    c->hours == 1 ? tr(a, "hour") : tr(a, "hours"),
		    c->cert.body != NULL ? tr(a, " · certified") : "");
		ui_put(y + 1, 4, line, COLS - 6, UIC_DIM);
		y += 2;
	}
}

static enum act
home_key(struct app *a, int ch)
{
	const struct course	*c;
	struct err		 e;
	size_t			 m, pg;

	home_order(a);
	if (a->home.searching) {
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER ||
		    ch == KEY_DOWN)
			a->home.searching = 0;
		else if (ch == 27) {
			a->home.searching = 0;
			lineedit_set(&a->home.query, "");
		} else
			app_edit_key(&a->home.query, ch);
		a->home.valid = 0;
		a->home.sel = 0;
		return ACT_REDRAW;
	}
	if (app_move(ch, &a->home.sel, (int)a->home.n, 5))
		return ACT_REDRAW;
	switch (ch) {
	case '/':
		a->home.searching = 1;
		return ACT_REDRAW;
	case 'f':
		a->home.area = a->home.area + 1 >= AREA_COUNT ? -1 :
		    a->home.area + 1;
		a->home.valid = 0;
		return ACT_REDRAW;
	case 'v':
		a->home.level = a->home.level + 1 >= LEVEL_COUNT ? -1 :
		    a->home.level + 1;
		a->home.valid = 0;
		return ACT_REDRAW;
	case 'm':
		app_push(a, &view_mine);
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
		if (a->home.n == 0)
			return ACT_NONE;
		if ((c = app_show_course(a, a->home.order[a->home.sel],
		    0)) == NULL)
			return ACT_REDRAW;
		err_clear(&e);
		if (learn_catch_up(&a->learn, c, &e) == -1)
			app_error(a, &e);
		app_progress_stale(a);
		return ACT_REDRAW;
	case 'c':
		if (home_continue(a, &c, &m, &pg) &&
		    (c = app_show_course(a, app_course_index(a, c),
		    (int)m)) != NULL) {
			if (pg == HOME_QUIZ)
				app_open_quiz(a, c, &c->modules[m]);
			else
				app_open_lesson(a, c, m, pg);
		}
		return ACT_REDRAW;
	case 'p':
		a->probs.top = 0;
		app_push(a, &view_problems);
		return ACT_REDRAW;
	case 27:
		/* Esc undoes a search or filter first: quitting on the
		 * second Esc of "clear the search" would surprise */
		if (a->home.query.text.len > 0 || a->home.area >= 0 ||
		    a->home.level >= 0) {
			lineedit_set(&a->home.query, "");
			a->home.area = a->home.level = -1;
			a->home.valid = 0;
			a->home.sel = 0;
			return ACT_REDRAW;
		}
		return ACT_QUIT;
	case 'q':
	case KEY_F(10):
		return ACT_QUIT;
	}
	return ACT_NONE;
}

static int
home_typing(const struct app *a)
{
	return a->home.searching;
}

const struct view view_home = { "home", home_draw, home_key, home_typing };

void
app_home_reset(struct app *a)
{
	struct home_state	*h = &a->home;
	size_t			 i;

	free(h->order);
	h->order = NULL;
	h->n = 0;
	h->valid = 0;
	h->sel = h->top = 0;
	if (h->docs != NULL)
		for (i = 0; i < a->cat->n; i++)
			search_doc_free(h->docs[i]);
	free(h->docs);
	h->docs = NULL;
}
