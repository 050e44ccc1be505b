#ifndef PLAN_UI_H
#define PLAN_UI_H

#include <stddef.h>

#include "learn/devlog.h"
#include "learn/plan_eval.h"
#include "learn/plan_facts.h"
#include "store/store_log.h"

/*
 * The development-plan and 70:20:10 screens (view_plan.c, view_log.c).
 * Each screen reads the officer's records when it opens and again after
 * a learning event (its reload), never while drawing. The plans
 * themselves (content/plans) are read once and kept in the app until
 * plan_ui_release().
 */

struct app;
struct view;

extern const struct view view_plan, view_log;

/* Open the plan screen ('d' on home). */
void		 plan_ui_open(struct app *a);
/* Open the 70:20:10 log screen ('b' on the plan screen). */
void		 log_ui_open(struct app *a);
/*
 * The plans of content/plans, read the first time (their problems go to
 * the Problems view). Owned by the app.
 */
const struct plan_set *plan_ui_plans(struct app *a);
/*
 * Read what the officer has done into *r (released first; free it with
 * plan_status_release()): 0, or -1 with the error in the status line and
 * *r empty.
 */
int		 plan_records_load(struct app *a, struct plan_status *r);
/* Free the plans; the app calls it once at the end. */
void		 plan_ui_release(struct app *a);

#endif
