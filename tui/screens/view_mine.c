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
#include "base/err.h"
#include "content/load.h"
#include "store/store_event.h"
#include "store/store_query.h"
#include "screens/ui.h"

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

static void
mine_draw(struct app *a)
{
	struct store_progress	*pr = NULL;
	struct store_attempt	*at = NULL;
	struct err		 e;
	size_t			 npr = 0, nat = 0, i;
	char			 line[512], when[32];
	double			 hours = 0;
	int			 y = 2, g;

	app_draw_frame(a, tr(a, "My progress"),
	    tr(a, "q back"));
	err_clear(&e);
	if (a->st == NULL || store_progress(a->st, a->learn.officer.id, NULL,
	    &pr, &npr, &e) == -1 || store_attempt_list(a->st,
	    a->learn.officer.id, NULL, NULL, &at, &nat, &e) == -1) {
		ui_put(y, 2, a->st == NULL ? tr(a, "Preview: nothing is recorded") : e.msg, COLS - 4,
		    UIC_DIM);
		free(pr);
		return;
	}
	for (i = 0; i < npr; i++)
		hours += pr[i].hours;
	snprintf(line, sizeof line, tr(a, "%zu course(s) started · %g hour(s) credited"), npr, hours);
	ui_put(y++, 2, line, COLS - 4, UIC_TITLE);
	y = mine_chart(a, y, at, nat);
	y++;
	for (i = 0; i < npr && y < LINES - 6; i++) {
		const struct course *c = catalog_find(a->cat, pr[i].course_id);

		snprintf(line, sizeof line, "%s %s", pr[i].completed ? "✓" :
		    "◐", c ? lstr_get(&c->title, a->lang) : pr[i].course_id);
		ui_put(y++, 2, line, COLS - 4, pr[i].completed ? UIC_DONE :
		    UIC_NORMAL);
		snprintf(line, sizeof line, tr(a, "modules %d/%zu · attempts %d · best %s · %g h"),
		    pr[i].modules_done, c ? c->nmodules : 0, pr[i].attempts,
		    pr[i].best_scaled < 0 ? "-" : "", pr[i].hours);
		if (pr[i].best_scaled >= 0) {
			char	pct[16];
			char	*dash = strstr(line, " · ");

			snprintf(pct, sizeof pct, "%.0f%%",
			    pr[i].best_scaled * 100);
			(void)dash;
			snprintf(line, sizeof line, tr(a, "modules %d/%zu · attempts %d · best %s · %g h"),
			    pr[i].modules_done, c ? c->nmodules : 0,
			    pr[i].attempts, pct, pr[i].hours);
		}
		ui_put(y++, 4, line, COLS - 6, UIC_DIM);
	}
	/* the last attempts, newest first */
	for (i = 0; i < nat && i < 3 && y < LINES - 4; i++) {
		struct tm tm;

		if (at[i].finished == 0)
			continue;
		localtime_r(&at[i].finished, &tm);
		strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		snprintf(line, sizeof line, "%s  %s  %.0f%% %s", when,
		    at[i].quiz_id, at[i].scaled * 100, at[i].passed == 1 ?
		    tr(a, "passed") : tr(a, "not passed"));
		ui_put(y++, 2, line, COLS - 4, UIC_DIM);
	}
	/* what remains for the officer's group */
	g = vocab_find(vocab_groups, GROUP_COUNT, a->learn.officer.group);
	y++;
	ui_put(y++, 2, tr(a, "Still to do for your group"), COLS - 4, UIC_TITLE);
	for (i = 0; g >= 0 && i < a->cat->n && y < LINES - 2; i++) {
		const struct course *c = a->cat->courses[i];
		const struct learn_course *lc;

		if (!(c->audience & (1u << g)))
			continue;
		lc = app_course_progress(a, i);
		if (lc != NULL && lc->complete)
			continue;
		ui_put(y++, 4, lstr_get(&c->title, a->lang), COLS - 6,
		    UIC_NORMAL);
	}
	store_attempt_list_free(at, nat);
	free(pr);
}

static enum act
mine_key(struct app *a, int ch)
{
	if (ch == 'q' || ch == 27 || ch == KEY_LEFT) {
		app_pop(a);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

const struct view view_mine = { "mine", mine_draw, mine_key, NULL };
