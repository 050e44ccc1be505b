/*
 * What the plan and the 70:20:10 log screens both read: the plans of
 * content/plans, read once and kept in the app, and the officer's records
 * with the plan evaluated on them. In a file of their own, so that the
 * plan screen opens the log and the log reads the records without the
 * two screens calling each other.
 */
#include "screens/plan_ui.h"

#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "content/plan.h"

const struct plan_set *
plan_ui_plans(struct app *a)
{
	struct diags	 d;
	char		*dir;
	size_t		 i;

	if (a->plans != NULL)
		return a->plans;
	a->plans = xcalloc(1, sizeof *a->plans);
	plan_set_init(a->plans);
	diags_init(&d);
	xasprintf(&dir, "%s/plans", a->cli->cfg.content_dir);
	plan_load_dir(a->plans, dir, &d);
	free(dir);
	/* problems go where content problems go: the Problems view */
	for (i = 0; i < d.n; i++)
		diags_add(&a->problems, d.v[i].level, d.v[i].file, d.v[i].line,
		    d.v[i].col, "%s", d.v[i].msg);
	a->plan_errors = d.nerrors;
	diags_release(&d);
	return a->plans;
}

int
plan_records_load(struct app *a, struct plan_status *r)
{
	struct err	e;

	plan_status_release(r);
	memset(r, 0, sizeof *r);
	if (!a->have_officer)
		return 0;
	err_clear(&e);
	if (plan_status_load(a->st, &a->learn.officer, a->cat,
	    plan_ui_plans(a), r, &e) == -1) {
		app_error(a, &e);
		return -1;
	}
	return 0;
}

void
plan_ui_release(struct app *a)
{
	if (a->plans != NULL)
		plan_set_release(a->plans);
	free(a->plans);
	a->plans = NULL;
}
