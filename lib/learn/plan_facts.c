#include "learn/plan_facts.h"

/*
 * Reading the facts of plan evaluation from the progress store, and all a
 * plan screen shows in one call.
 */

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/xalloc.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/vocab.h"
#include "store/store_officer.h"
#include "store/store_query.h"

void
plan_facts_from_progress(const struct catalog *cat,
    const struct store_progress *rows, size_t n, struct plan_facts *out)
{
	size_t	i, k;

	out->n = cat->n;
	out->v = cat->n ? xcalloc(cat->n, sizeof *out->v) : NULL;
	for (k = 0; k < cat->n; k++)
		out->v[k].c = cat->courses[k];
	for (i = 0; i < n; i++)
		for (k = 0; k < cat->n; k++)
			if (strcmp(rows[i].course_id, cat->courses[k]->id) ==
			    0) {
				out->v[k].enrolled = 1;
				out->v[k].complete = rows[i].completed != 0;
				out->v[k].hours = rows[i].completed ?
				    rows[i].hours : 0;
			}
}

int
plan_facts_load(struct store *st, int64_t officer_id,
    const struct catalog *cat, struct plan_facts *out,
    struct err *e)
{
	struct store_progress	*rows = NULL;
	size_t			 n = 0;

	out->v = NULL;
	out->n = 0;
	if (officer_id == 0)
		return err_set(e, "no officer");
	if (store_progress(st, officer_id, NULL, &rows, &n, e) == -1)
		return -1;
	plan_facts_from_progress(cat, rows, n, out);
	free(rows);
	return 0;
}

void
plan_status_release(struct plan_status *ps)
{
	if (ps->have_ev)
		plan_eval_release(&ps->ev);
	plan_facts_release(&ps->facts);
	free(ps->entries);
	memset(ps, 0, sizeof *ps);
}

int
plan_status_load(struct store *st, const struct store_officer *o,
    const struct catalog *cat, const struct plan_set *plans,
    struct plan_status *out, struct err *e)
{
	const struct plan	*pl;
	struct store_log_sum	*sums = NULL;
	size_t			 n = 0, i;
	double			 hours = 0;
	int			 g;

	memset(out, 0, sizeof *out);
	if (plan_facts_load(st, o->id, cat, &out->facts, e) == -1 ||
	    store_log_list(st, o->id, &out->entries, &out->nentries,
	    e) == -1 ||
	    store_log_sums(st, o->id, &sums, &n, e) == -1) {
		plan_status_release(out);
		return -1;
	}
	for (i = 0; i < out->facts.n; i++)
		if (out->facts.v[i].complete)
			hours += out->facts.v[i].hours;
	devlog_balance(n ? sums[0].minutes[STORE_LOG_PRACTICE] : 0,
	    n ? sums[0].minutes[STORE_LOG_COACHING] : 0, hours, &out->bal);
	free(sums);
	g = vocab_find(vocab_groups, GROUP_COUNT, o->group);
	if (g >= 0 && (pl = plans->by_group[g]) != NULL) {
		plan_evaluate(pl, &out->facts, &out->ev);
		out->have_ev = 1;
	}
	return 0;
}
