/*
 * Content updates while the app runs (app.h, struct app_update): a thread
 * fetches and installs the signed catalogue (sync/update_job.h) so that
 * no key ever waits for the network; the main loop's tick notices when it
 * ends, or when `rianru update` changed the installed index, loads the new
 * catalogue (course headers from packs: nothing parsed) and switches it
 * in, and home says what is new.
 */
#include "screens/update_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/preview.h"
#include "cli/cli.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/file.h"
#include "base/xalloc.h"
#include "content/catalog.h"
#include "store/store_event.h"
#include "sync/update.h"
#include "sync/update_job.h"

#define UPDATE_WATCH	5	/* seconds between looks at the index */
#define UPDATE_BUSY_MS	250	/* while the thread runs */

/* The installed index now: inode, size, mtime, or zeros when none. */
static void
update_ui_stat(const char *dir, long long v[3])
{
	struct stat	 sb;
	char		*ix;

	xasprintf(&ix, "%s/index", dir);
	if (stat(ix, &sb) == 0) {
		v[0] = (long long)sb.st_ino;
		v[1] = (long long)sb.st_size;
		v[2] = (long long)sb.st_mtim.tv_sec * 1000000000LL +
		    sb.st_mtim.tv_nsec;
	} else
		v[0] = v[1] = v[2] = 0;
	free(ix);
}

void
app_update_init(struct app *a, time_t now)
{
	const struct config	*cfg = &a->cli->cfg;
	long long		 v[3];

	/* --content names the content: nothing replaces it */
	if (a->preview || a->cli->content_given || cfg->content_source ==
	    NULL || cfg->content_key == NULL)
		return;
	a->upd.dir = cli_catalogue_dir(cfg);
	update_ui_stat(a->upd.dir, v);
	/* the app started on the installed catalogue when it had one */
	if (v[0] != 0 && strcmp(cfg->content_dir, a->upd.dir) == 0)
		memcpy(a->upd.seen, v, sizeof v);
	else if (v[0] != 0)
		a->upd.pending = 1;
	a->upd.next = cfg->content_check > 0 ? now : 0;
	a->upd.watch_next = now + UPDATE_WATCH;
}

void
app_update_end(struct app *a)
{
	update_job_abandon(a->upd.job);
	a->upd.job = NULL;
	free(a->upd.dir);
	a->upd.dir = NULL;
}

/* Can the catalogue go now? Only if every screen above home says so. */
static int
update_ui_safe(const struct app *a)
{
	int	i;

	for (i = 1; i < a->depth; i++)
		if (!(a->stack[i].v->flags & VIEW_UPDATE_SAFE))
			return 0;
	return 1;
}

/* Put catalogue 'cat' (taken) in the place of the old one. */
static void
update_ui_switch(struct app *a, struct catalog *cat, struct diags *d)
{
	struct catalog_diff	cd;
	struct app_place	p;
	char			news[256];

	catalog_diff(a->cat, cat, &cd);
	app_remember_place(a, &p);
	/* nothing may point into the old catalogue when it goes */
	app_pop_to(a, 1);
	app_reap(a);
	if (a->depth > 0 && a->stack[0].v->release != NULL)
		a->stack[0].v->release(a, a->stack[0].data, (size_t)-1);
	app_progress_stale(a);
	free(a->progress.courses);
	free(a->progress.valid);
	a->progress.courses = NULL;
	a->progress.valid = NULL;
	catalog_free(a->cat);
	a->cat = cat;
	diags_release(&a->problems);
	a->problems = *d;
	diags_sort(&a->problems, 0);
	a->upd.updated = cd.updated;
	a->upd.added = cd.added;
	a->upd.removed = cd.removed;
	if (p.in_course && a->have_officer)
		app_restore_place(a, &p);
	if (app_update_news(a, news, sizeof news))
		app_status(a, "%s", news);
	a->gen++;
	a->dirty = 1;
}

/* Load the installed catalogue and switch it in when that is safe. */
static void
update_ui_land(struct app *a)
{
	struct catalog	*cat;
	struct diags	 d;
	struct err	 e;

	if (!update_ui_safe(a))
		return;		/* pending: tried again on every tick */
	a->upd.pending = 0;
	update_ui_stat(a->upd.dir, a->upd.seen);
	/* a folder another user could change is no one's content */
	err_clear(&e);
	if (file_dir_private(a->upd.dir, &e) == -1) {
		app_status(a, "%s", tr(a, "The new catalogue cannot be "
		    "opened: keeping this one"));
		return;
	}
	cat = catalog_new();
	diags_init(&d);
	catalog_add_path_lazy(cat, a->upd.dir, NULL, a->wrap, &d, NULL);
	if (cat->n == 0 && d.nerrors > 0) {
		/* keep what works; the problem is in the update's status */
		app_status(a, "%s", tr(a, "The new catalogue cannot be "
		    "opened: keeping this one"));
		catalog_free(cat);
		diags_release(&d);
		return;
	}
	update_ui_switch(a, cat, &d);
}

/* Start a background check: the pinned versions are read here. */
static void
update_ui_start(struct app *a)
{
	const struct config	*cfg = &a->cli->cfg;
	struct update_opts	 o;
	struct store_pin	*pins = NULL;
	struct err		 e;

	memset(&o, 0, sizeof o);
	o.source = update_source_pick((const char *const *)
	    cfg->content_sources, cfg->ncontent_sources);
	o.pubkey = cfg->content_key;
	o.dest = a->upd.dir;
	o.ca_file = cfg->lrs.ca_file;
	err_clear(&e);
	if (a->st != NULL && store_attempt_pins(a->st, &pins, &o.npins,
	    &e) == -1) {
		app_error(a, &e);
		return;		/* never drop a pinned pack */
	}
	o.pins = pins;
	a->upd.job = update_job_start(&o, &e);
	free(pins);
	if (a->upd.job == NULL)
		app_error(a, &e);
}

/* The thread ended: what it did decides whether to switch. */
static void
update_ui_collect(struct app *a)
{
	struct update_stats	st;
	struct err		e;

	memset(&st, 0, sizeof st);
	err_clear(&e);
	/* failures are state (`rianru update --status`), not pop-ups */
	if (update_job_finish(a->upd.job, &st, &e) == 0 && !st.current)
		a->upd.pending = 1;
	a->upd.job = NULL;
	/* the agency's server answered: results and pulls need not wait out
	 * an offline backoff (docs/sync.md) */
	if (st.online)
		app_network_back(a);
}

int
app_update_tick(struct app *a, time_t now)
{
	long long	v[3];
	int		ms;

	if (a->upd.dir == NULL)
		return -1;
	if (a->upd.job != NULL) {
		if (!update_job_done(a->upd.job))
			return UPDATE_BUSY_MS;
		update_ui_collect(a);
	}
	if (now >= a->upd.watch_next) {
		a->upd.watch_next = now + UPDATE_WATCH;
		update_ui_stat(a->upd.dir, v);
		if (v[0] != 0 && memcmp(v, a->upd.seen, sizeof v) != 0)
			a->upd.pending = 1;
	}
	if (a->upd.pending)
		update_ui_land(a);
	if (a->upd.next != 0 && now >= a->upd.next) {
		a->upd.next = now + a->cli->cfg.content_check;
		update_ui_start(a);
		if (a->upd.job != NULL)
			return UPDATE_BUSY_MS;
	}
	ms = (int)(a->upd.watch_next - now) * 1000;
	if (a->upd.next != 0 && (a->upd.next - now) * 1000 < ms)
		ms = (int)(a->upd.next - now) * 1000;
	return ms > 0 ? ms : 0;
}

int
app_update_news(const struct app *a, char *out, size_t size)
{
	const struct app_update	*u = &a->upd;
	size_t			 n = 0;

	out[0] = '\0';
	if (u->updated > 0 && u->added > 0)
		n = (size_t)snprintf(out, size, tr(a, "%u course(s) updated, "
		    "%u new"), u->updated, u->added);
	else if (u->updated > 0)
		n = (size_t)snprintf(out, size, tr(a, "%u course(s) updated"),
		    u->updated);
	else if (u->added > 0)
		n = (size_t)snprintf(out, size, tr(a, "%u new course(s)"),
		    u->added);
	if (u->removed > 0 && n + 4 < size) {
		if (n > 0)
			n += (size_t)snprintf(out + n, size - n, " · ");
		snprintf(out + n, size - n, tr(a, "%u course(s) withdrawn"),
		    u->removed);
	}
	return out[0] != '\0';
}
