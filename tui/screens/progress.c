/*
 * The officer's progress as the views show it, cached between redraws and
 * dropped after each learning event (views draw from state; the store is
 * only asked again when something changed).
 */
#include "screens/progress.h"

#include <curses.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "content/catalog.h"
#include "base/err.h"
#include "content/load.h"
#include "text/markup.h"
#include "store/store.h"
#include "sync/pull.h"
#include "sync/sync.h"
#include "screens/ui.h"
#include "base/xalloc.h"

size_t
app_course_index(const struct app *a, const struct course *c)
{
	size_t	i;

	for (i = 0; i < a->cat->n; i++)
		if (a->cat->courses[i] == c)
			return i;
	for (i = 0; i < CATALOG_OPEN; i++)
		if (a->cat->open[i] == c)
			return a->cat->open_at[i];
	for (i = 0; i < a->cat->n; i++)
		if (strcmp(a->cat->courses[i]->id, c->id) == 0)
			return i;
	return 0;
}

const struct course *
app_open_course(struct app *a, size_t i)
{
	const struct course	*c;
	struct err		 e;
	int			 k;

	/* whole, or open already: the same body, nothing read or released */
	if (i < a->cat->n && !a->cat->courses[i]->header)
		return a->cat->courses[i];
	if (a->cat->open[0] != NULL && a->cat->open_at[0] == i)
		return a->cat->open[0];
	/* what borrows another course's body lets go of it first */
	for (k = 0; k < a->depth; k++)
		if (a->stack[k].v->release != NULL)
			a->stack[k].v->release(a, a->stack[k].data, i);
	err_clear(&e);
	if ((c = catalog_open_course(a->cat, i, &e)) == NULL) {
		err_str(&e, a->open_error, sizeof a->open_error);
		app_error(a, &e);
	}
	return c;
}

void
app_draw_open_error(struct app *a)
{
	app_draw_frame(a, "", tr(a, "q back"));
	ui_put(2, 2, a->open_error, COLS - 4, UIC_ERROR);
}

void
app_progress_stale(struct app *a)
{
	size_t	i;

	if (a->progress.valid != NULL)
		for (i = 0; i < a->cat->n; i++)
			if (a->progress.valid[i]) {
				learn_course_release(&a->progress.courses[i]);
				a->progress.valid[i] = 0;
			}
	a->progress.outbox_valid = 0;
	a->gen++;		/* screens read their records again */
	a->dirty = 1;
	a->ckpt_due = 1;
	/* new results may be waiting: send them now if online */
	if (a->sync != NULL)
		sync_kick(a->sync, 0);
}

void
app_outbox_refresh(struct app *a)
{
	struct err	e;

	if (a->st == NULL || a->progress.outbox_valid)
		return;		/* preview: nothing is recorded */
	err_clear(&e);
	if (store_outbox_counts(a->st, a->progress.outbox, &e) == -1)
		return;		/* home leaves its sync line out */
	a->progress.outbox_valid = 1;
}

int
app_sync_tick(struct app *a, time_t now)
{
	const struct sync_state	*ss;
	int			 ms;

	if (a->sync == NULL)
		return -1;
	ms = sync_step(a->sync, now);
	ss = sync_state(a->sync);
	if (ss->last_success != a->sync_success) {
		/* the LRS is back: a pull waiting out a backoff goes now */
		a->sync_success = ss->last_success;
		pull_online(a->pull);
	}
	/* statements made from now on say how far off this clock is */
	if (ss->clock_known)
		learn_clock(&a->learn, 1, ss->clock_offset);
	if ((int)ss->phase != a->sync_phase || ss->pending != a->sync_pending) {
		a->sync_phase = (int)ss->phase;
		a->sync_pending = ss->pending;
		/* home shows what waits: count again now, not in its draw */
		a->progress.outbox_valid = 0;
		app_outbox_refresh(a);
		a->dirty = 1;
	}
	return ms;
}

void
app_network_back(struct app *a)
{
	sync_online(a->sync);
	pull_online(a->pull);
	a->net_back = 1;
}

int
app_pull_tick(struct app *a, time_t now)
{
	const struct pull_state	*ps;
	int			 ms;
	long			 until;

	if (a->pull == NULL)
		return -1;
	if (a->have_officer && a->learn.officer.id != 0 &&
	    now >= a->pull_next) {
		pull_start(a->pull, a->learn.officer.id, a->learn.officer.code);
		a->pull_next = now + APP_PULL_EVERY;
	}
	ms = pull_step(a->pull, now);
	ps = pull_state(a->pull);
	if (ps->landed != a->pull_landed) {
		a->pull_landed = ps->landed;
		app_progress_stale(a);	/* home and the rest fill in */
	}
	if (ps->last_success != a->pull_success) {
		/* the network is back: results need not wait for a backoff */
		a->pull_success = ps->last_success;
		app_network_back(a);
	}
	if (!a->have_officer)
		return ms;
	until = (long)(a->pull_next - now) * 1000;
	return ms >= 0 && ms < until ? ms : (int)until;
}

int
app_net_fds(struct app *a, struct pollfd *pfd, int max)
{
	int	n = 0;

	if (a->sync != NULL)
		n += sync_fds(a->sync, pfd, max);
	if (a->pull != NULL && n < max)
		n += pull_fds(a->pull, pfd + n, max - n);
	return n;
}

int
app_sending(const struct app *a)
{
	const struct sync_state	*ss;

	if (a->sync == NULL)
		return 0;
	ss = sync_state(a->sync);
	return ss->phase == SYNC_PROBING || ss->phase == SYNC_SENDING;
}

const struct learn_course *
app_course_progress(struct app *a, size_t i)
{
	struct progress_cache	*pc = &a->progress;
	struct err		 e;

	if (!a->have_officer || i >= a->cat->n)
		return NULL;
	if (pc->courses == NULL) {
		pc->courses = xcalloc(a->cat->n + 1, sizeof *pc->courses);
		pc->valid = xcalloc(a->cat->n + 1, 1);
	}
	if (!pc->valid[i]) {
		err_clear(&e);
		if (learn_course_state(&a->learn, a->cat->courses[i],
		    &pc->courses[i], &e) == -1) {
			learn_course_release(&pc->courses[i]);
			app_error(a, &e);
			return NULL;
		}
		pc->valid[i] = 1;
	}
	return &pc->courses[i];
}

int
app_course_complete(struct app *a, const struct course *c)
{
	const struct learn_course	*lc;

	if (a->learn.st == NULL)
		return 0;	/* a preview records nothing */
	lc = app_course_progress(a, app_course_index(a, c));
	return lc != NULL && lc->complete;
}

void
app_read_page(struct app *a, const struct course *c, size_t mod,
    size_t page)
{
	struct err	e;

	err_clear(&e);
	if (learn_read_page(&a->learn, c, &c->modules[mod], page, &e) == -1)
		app_error(a, &e);
	app_progress_stale(a);
}
