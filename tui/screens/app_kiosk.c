/*
 * The kiosk: the officer leaves by a key (^D, 'q' on home) or after a
 * while without one, and nothing of theirs stays on screen.
 */
#include "screens/app_kiosk.h"

#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "cli/cli.h"
#include "screens/ui.h"

void
app_logout(struct app *a)
{
	app_close_all(a);
	app_progress_stale(a);
	memset(&a->learn, 0, sizeof a->learn);
	a->have_officer = 0;
	a->lang = a->cli->cfg.lang;	/* the next officer's is their own */
	a->status[0] = '\0';
	app_push(a, &view_login, NULL);
	/* nothing of the officer may stay on screen or in the scrollback */
	ui_wipe();
	a->dirty = 1;
}

int
app_idle_tick(struct app *a, time_t now)
{
	long	left;
	int	limit;

	if ((limit = app_idle_limit(a)) < 0) {
		a->idle_shown = 0;
		return -1;
	}
	left = app_idle_left(a, limit, now);
	if (left <= 0) {
		app_logout(a);
		return -1;
	}
	/* tick during the warning, else wake at its start */
	if (left <= app_idle_warn(limit)) {
		if (left != a->idle_shown) {
			a->idle_shown = left;
			a->dirty = 1;
		}
		return 250;
	}
	if (a->idle_shown != 0) {
		a->idle_shown = 0;	/* a key ended the warning */
		a->dirty = 1;
	}
	return (int)(left - app_idle_warn(limit)) * 1000;
}
