/*
 * My progress: every course the officer started, hours credited, the
 * history of quiz attempts with a small chart of scores over time, and
 * what remains for the officer's target group.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "content/catalog.h"
#include "base/err.h"
#include "content/load.h"
#include "store/store_event.h"
#include "store/store_query.h"
#include "screens/ui.h"
#include "base/xalloc.h"

static const char *const spark[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

/* One row per finished attempt, oldest first, as a sparkline. */
static int
mine_chart(struct app *a, int y, const struct store_attempt *list, size_t n)
{
	char	line[64];
	int	x, k, shown = 0;
	size_t	i;

	x = 2 + ui_put(y, 2, tr(a, "Scores over time "),
	    COLS - 4, UIC_DIM);
	for (i = n; i-- > 0 && x < COLS - 8;) {
		if (list[i].finished == 0)
			continue;
		k = (int)(list[i].scaled * 7.0 + 0.5);
		if (k < 0)
			k = 0;
		if (k > 7)
			k = 7;
		x += ui_put(y, x, spark[k], 1, list[i].passed == 1 ? UIC_DONE :
		    UIC_WARN);
		shown++;
	}
	if (shown == 0) {
		snprintf(line, sizeof line, "%s", tr(a, "(none yet)"));
		ui_put(y, x, line, COLS - x - 2, UIC_DIM);
	}
	return y + 1;
}

/*
 * What the screen shows, read when it opens and again after a learning
 * event (refresh), never while drawing.
 */
struct mine_screen {
	int			 ok;		/* read; else 'error' says why */
	char			 error[600];
	struct store_progress	*pr;		/* courses started */
	size_t			 npr;
	struct store_attempt	*at;		/* attempts, newest first */
	size_t			 nat;
	double			 hours;
	size_t			*todo;		/* group's courses not done */
	size_t			 ntodo;
	int			 top;		/* first row shown (scrolling) */
	int			 rows;		/* rows the last draw laid out */
};

/*
 * The title of quiz 'quiz_id' of catalogue course 'course_id' in the
 * interface's language, or the id when the course or quiz is gone.
 */
static const char *
mine_quiz_title(struct app *a, const char *course_id, const char *quiz_id)
{
	const struct course	*c = catalog_find(a->cat, course_id);
	size_t			 m;

	for (m = 0; c != NULL && m < c->nmodules; m++)
		if (c->modules[m].quiz != NULL &&
		    strcmp(c->modules[m].quiz->id, quiz_id) == 0)
			return lstr_get(&c->modules[m].quiz->title, a->lang);
	return quiz_id;
}

/*
 * The screen is a list of rows taller than the window: row 'r' is
 * painted only when it is in the part scrolled into view. A row of
 * course 'course' (a title) is cut at a word of that course's own;
 * others pass NULL.
 */
static void
mine_row(struct app *a, struct mine_screen *ms, int *r, int x,
    const struct course *course, const char *s, enum uic c)
{
	int	y = 2 + *r - ms->top;

	if (*r >= ms->top && y < LINES - 1)
		app_put_cut_in(a, course, y, x, s, COLS - x - 2, c);
	(*r)++;
}

static void
mine_release(struct mine_screen *ms)
{
	store_attempt_list_free(ms->at, ms->nat);
	free(ms->pr);
	free(ms->todo);
	memset(ms, 0, sizeof *ms);
}

static void
mine_refresh(struct app *a, void *data)
{
	struct mine_screen	*ms = data;
	struct err		 e;
	size_t			 i;
	int			 g;

	mine_release(ms);
	err_clear(&e);
	if (a->st == NULL) {
		snprintf(ms->error, sizeof ms->error, "%s",
		    tr(a, "Preview: nothing is recorded"));
		return;
	}
	if (store_progress(a->st, a->learn.officer.id, NULL, &ms->pr,
	    &ms->npr, &e) == -1 || store_attempt_list(a->st,
	    a->learn.officer.id, NULL, NULL, &ms->at, &ms->nat, &e) == -1) {
		snprintf(ms->error, sizeof ms->error, "%s", e.msg);
		return;
	}
	ms->ok = 1;
	for (i = 0; i < ms->npr; i++)
		ms->hours += ms->pr[i].hours;
	/* what remains for the officer's group */
	g = vocab_find(vocab_groups, GROUP_COUNT, a->learn.officer.group);
	ms->todo = xcalloc(a->cat->n + 1, sizeof *ms->todo);
	for (i = 0; g >= 0 && i < a->cat->n; i++) {
		const struct learn_course *lc;

		if (!(a->cat->courses[i]->audience & (1u << g)))
			continue;
		lc = app_course_progress(a, i);
		if (lc != NULL && lc->complete)
			continue;
		ms->todo[ms->ntodo++] = i;
	}
}

static void
mine_draw(struct app *a, void *data)
{
	struct mine_screen	*ms = data;
	struct store_progress	*pr = ms->pr;
	struct store_attempt	*at = ms->at;
	size_t			 npr = ms->npr, nat = ms->nat, i;
	char			 line[512], when[48];
	struct tm		 tm;
	int			 r = 0;

	app_draw_frame(a, tr(a, "My progress"),
	    tr(a, "↑↓ scroll  q back"));
	if (!ms->ok) {
		ui_put(2, 2, ms->error, COLS - 4, UIC_DIM);
		return;
	}
	snprintf(line, sizeof line, tr(a, "%zu course(s) started · %g hour(s) credited"), npr, ms->hours);
	mine_row(a, ms, &r, 2, NULL, line, UIC_TITLE);
	if (r - 1 >= ms->top && 2 + r - ms->top < LINES - 1)
		mine_chart(a, 2 + r - ms->top, at, nat);
	r += 2;
	for (i = 0; i < npr; i++) {
		const struct course *c = catalog_find(a->cat, pr[i].course_id);
		char	pct[16] = "-";

		snprintf(line, sizeof line, "%s %s", pr[i].completed ? "✓" :
		    "◐", c ? lstr_get(&c->title, a->lang) : pr[i].course_id);
		mine_row(a, ms, &r, 2, c, line, pr[i].completed ? UIC_DONE :
		    UIC_NORMAL);
		if (pr[i].best_scaled >= 0)
			snprintf(pct, sizeof pct, "%.0f%%",
			    pr[i].best_scaled * 100);
		snprintf(line, sizeof line, tr(a, "modules %d/%zu · attempts %d · best %s · %g h"),
		    pr[i].modules_done, c ? c->nmodules : 0, pr[i].attempts,
		    pct, pr[i].hours);
		mine_row(a, ms, &r, 4, NULL, line, UIC_DIM);
	}
	/* every finished attempt, newest first, by the quiz's title */
	r++;
	mine_row(a, ms, &r, 2, NULL, tr(a, "Quiz attempts"), UIC_TITLE);
	for (i = 0; i < nat; i++) {
		if (at[i].finished == 0)
			continue;
		app_date(a, at[i].finished, when, sizeof when);
		localtime_r(&at[i].finished, &tm);
		snprintf(line, sizeof line, "%s %02d:%02d  %3.0f%% %s  %s",
		    when, tm.tm_hour, tm.tm_min, at[i].scaled * 100,
		    at[i].passed == 1 ? "✓" : "✗", mine_quiz_title(a,
		    at[i].course_id, at[i].quiz_id));
		mine_row(a, ms, &r, 4, catalog_find(a->cat, at[i].course_id),
		    line, at[i].passed == 1 ? UIC_DONE :
		    UIC_DIM);
	}
	r++;
	mine_row(a, ms, &r, 2, NULL, tr(a, "Still to do for your group"),
	    UIC_TITLE);
	for (i = 0; i < ms->ntodo; i++)
		mine_row(a, ms, &r, 4, a->cat->courses[ms->todo[i]],
		    lstr_get(&a->cat->courses[ms->todo[i]]->title, a->lang),
		    UIC_NORMAL);
	ms->rows = r;
}

static enum act
mine_key(struct app *a, void *data, int ch)
{
	struct mine_screen	*ms = data;
	int			 h = LINES - 3;

	(void)a;
	switch (ch) {
	case KEY_DOWN:
	case 'j':
		if (ms->top + h < ms->rows)
			ms->top++;
		return ACT_REDRAW;
	case KEY_UP:
	case 'k':
		if (ms->top > 0)
			ms->top--;
		return ACT_REDRAW;
	case KEY_NPAGE:
	case ' ':
		ms->top = ms->top + h < ms->rows - h ? ms->top + h :
		    (ms->rows > h ? ms->rows - h : 0);
		return ACT_REDRAW;
	case KEY_PPAGE:
		ms->top = ms->top > h ? ms->top - h : 0;
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
		return ACT_POP;
	}
	return ACT_NONE;
}

static int
mine_open(struct app *a, const void *arg, void **data)
{
	struct mine_screen	*ms = xcalloc(1, sizeof *ms);

	(void)arg;
	mine_refresh(a, ms);
	*data = ms;
	return 0;
}

static void
mine_close(struct app *a, void *data)
{
	(void)a;
	mine_release(data);
	free(data);
}

const struct view view_mine = {
	.name = "mine",
	.flags = VIEW_STATE_DRAW,
	.open = mine_open,
	.close = mine_close,
	.draw = mine_draw,
	.key = mine_key,
	.reload = mine_refresh,
};
