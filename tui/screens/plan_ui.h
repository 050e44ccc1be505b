#ifndef PLAN_UI_H
#define PLAN_UI_H

#include <stddef.h>

#include "learn/devlog.h"
#include "text/lineedit.h"
#include "learn/plan.h"
#include "store/store_log.h"

/*
 * State of the development-plan and 70:20:10 screens (view_plan,
 * view_log). It lives in tui/screens/view_plan.c, reached with plan_ui(); the
 * views are opened with plan_ui_open() / log_ui_open() and everything is
 * freed by plan_ui_release() when the app ends.
 */

struct app;
struct view;

enum log_field {
	LOG_DAY,
	LOG_KIND,
	LOG_AREA,
	LOG_MINUTES,
	LOG_REFLECTION,
	LOG_NFIELDS
};

struct plan_ui {
	int			 loaded;	/* plans read once */
	struct plan_set		 plans;
	size_t			 nproblems;	/* plan files with errors */

	/* what the officer has done; refreshed when a screen is drawn */
	struct plan_facts	 facts;
	struct plan_eval	 ev;
	int			 have_ev;	/* the group has a plan */
	struct store_log_entry	*entries;	/* newest first */
	size_t			 nentries;
	struct devlog_balance	 bal;

	int			 sel, top;	/* plan view rows */
	int			 log_sel, log_top;

	/* the add-entry form of view_log */
	int			 form;
	enum log_field		 field;
	struct lineedit		 day, minutes, reflection;
	size_t			 day_start, min_start, refl_start;
	int			 kind;		/* enum store_log_kind */
	int			 area;		/* enum area */
	char			 error[300];
};

extern const struct view view_plan, view_log;

/* The screens' state (one per process). */
struct plan_ui	*plan_ui(struct app *a);
/* Open the plan screen (reads content/plans the first time). */
void		 plan_ui_open(struct app *a);
/* Open the 70:20:10 log screen. */
void		 log_ui_open(struct app *a);
/* Read the officer's progress, plan and log again. */
void		 plan_ui_refresh(struct app *a);
/* Free everything; the app calls it once at the end. */
void		 plan_ui_release(struct app *a);

#endif
