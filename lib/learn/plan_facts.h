#ifndef PLAN_FACTS_H
#define PLAN_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "learn/devlog.h"
#include "learn/plan_eval.h"
#include "store/store_log.h"

/*
 * What an officer has done, read from the progress store for plan
 * evaluation (plan_eval.h). The only part of plans that asks the store.
 */

struct catalog;
struct err;
struct store;
struct store_officer;
struct store_progress;

/*
 * Facts from progress rows already read (one officer's rows of
 * store_progress()), one per course of 'cat' (borrowed). Release *out
 * with plan_facts_release(). Never fails.
 */
void		 plan_facts_from_progress(const struct catalog *cat,
		    const struct store_progress *rows, size_t n,
		    struct plan_facts *out);

/*
 * Facts for officer 'officer_id' from the progress store, one per course
 * of 'cat' (both borrowed). Returns 0 (release *out with
 * plan_facts_release()) or -1 and *e.
 */
int		 plan_facts_load(struct store *st, int64_t officer_id,
		    const struct catalog *cat, struct plan_facts *out,
		    struct err *e);

/*
 * What the plan screen shows for one officer, read in one call when the
 * screen opens or the officer's data changes (never while drawing).
 * Embedded; plan_status_release().
 */
struct plan_status {
	struct plan_facts	 facts;
	struct plan_eval	 ev;		/* valid when have_ev */
	int			 have_ev;	/* the group has a plan */
	struct store_log_entry	*entries;	/* 70:20:10 log, newest first */
	size_t			 nentries;
	struct devlog_balance	 bal;		/* log and course hours */
};

/*
 * Fill *out for officer 'o': the facts, the plan of the officer's group
 * in 'plans' evaluated (when there is one), the log and its balance. All
 * arguments are borrowed and must outlive *out (the evaluation points
 * into the plan and the catalogue). Returns 0, or -1 and *e with *out
 * empty (plan_status_release() is still fine).
 */
int		 plan_status_load(struct store *st,
		    const struct store_officer *o, const struct catalog *cat,
		    const struct plan_set *plans, struct plan_status *out,
		    struct err *e);
void		 plan_status_release(struct plan_status *ps);

#endif
