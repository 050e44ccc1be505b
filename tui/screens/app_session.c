/*
 * The officer's session: who is learning, on which clock, and their home
 * with the place they left open again.
 */
#include "screens/app_session.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "base/err.h"
#include "cli/cli.h"
#include "content/catalog.h"
#include "learn/fsrs.h"
#include "store/store_officer.h"
#include "sync/pull.h"

/*
 * The e2e tests move the learning clock ahead (review due dates) with
 * RIANRU_TEST_CLOCK_SHIFT=seconds: a test hook, not a setting.
 */
static long	app_clock_shift;

static time_t
app_clock(void)
{
	return time(NULL) + app_clock_shift;
}

void
app_set_officer(struct app *a, const struct store_officer *o)
{
	const char	*shift;
	struct err	 e;

	/* the officer's own language, chosen at sign-up or with 'L' */
	if (strcmp(o->lang, "en") == 0)
		a->lang = LANG_EN;
	else if (strcmp(o->lang, "th") == 0)
		a->lang = LANG_TH;
	learn_init(&a->learn, a->st, o, a->cli->cfg.homepage,
	    a->cli->cfg.activity_base, tr(a, "en-US"));
	fsrs_params_retention(&a->learn.fsrs,
	    a->cli->cfg.review_retention / 100.0);
	if ((shift = getenv("RIANRU_TEST_CLOCK_SHIFT")) != NULL &&
	    *shift != '\0') {
		app_clock_shift = strtol(shift, NULL, 10);
		a->learn.now = app_clock;
	}
	a->have_officer = 1;
	err_clear(&e);
	if (a->st != NULL && store_officer_seen(a->st, o->id, time(NULL),
	    &e) == -1)
		app_error(a, &e);
	/* what they did elsewhere, in the background: home fills in when
	 * it lands (app_pull_tick) */
	if (a->pull != NULL && o->id != 0) {
		pull_start(a->pull, o->id, o->code);
		a->pull_next = time(NULL) + APP_PULL_EVERY;
	}
}

/*
 * Back to where the officer was when the app last stopped (even killed):
 * an open quiz attempt first, else the page read most recently. The
 * catalogue stays underneath, so 'q' walks back out.
 */
static void
app_login_restore(struct app *a)
{
	const struct learn_course	*lc, *best = NULL;
	const struct course		*c;
	size_t				 i, m, bi = 0, pg;

	/* headers tell where; the body is opened for the place found */
	for (i = 0; i < a->cat->n; i++) {
		if ((lc = app_course_progress(a, i)) == NULL || !lc->enrolled)
			continue;
		c = a->cat->courses[i];
		for (m = 0; m < c->nmodules; m++)
			if (lc->modules[m].open) {
				if ((c = app_show_course(a, i, (int)m)) != NULL)
					app_open_quiz(a, c, &c->modules[m]);
				return;
			}
		if (!lc->complete && lc->resume_at > 0 &&
		    (best == NULL || lc->resume_at > best->resume_at)) {
			best = lc;
			bi = i;
		}
	}
	if (best == NULL)
		return;
	c = a->cat->courses[bi];
	for (m = 0; m < c->nmodules; m++)
		if (strcmp(c->modules[m].id, best->resume_module) == 0 &&
		    module_page(&c->modules[m], best->resume_page, &pg) != NULL) {
			if ((c = app_show_course(a, bi, (int)m)) != NULL)
				app_open_lesson(a, c, m, pg);
			return;
		}
}

void
app_enter_home(struct app *a, int restore)
{
	app_close_all(a);
	app_push(a, &view_home, NULL);
	if (restore)
		app_login_restore(a);
}
