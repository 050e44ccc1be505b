#include "learn/learn_session.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/xalloc.h"
#include "learn/attempt.h"
#include "store/store_outbox.h"
#include "sync/sync.h"

void
learn_init(struct learn *l, struct store *st, const struct store_officer *o,
    const char *homepage, const char *activity_base, const char *lang)
{
	struct store_sync_run	r;
	struct err		e;

	memset(l, 0, sizeof *l);
	l->st = st;
	l->officer = *o;
	l->x.homepage = homepage;
	l->x.activity_base = activity_base;
	l->x.officer_code = l->officer.code;
	l->x.lang = lang;
	l->x.platform = "rianru " RIANRU_VERSION;
	fsrs_params_default(&l->fsrs);
	err_clear(&e);
	if (st != NULL && store_sync_run_load(st, "push", &r, &e) == 1)
		learn_clock(l, r.clock_known, r.clock_offset);
}

void
learn_clock(struct learn *l, int known, long offset)
{
	l->x.clock_offset = known && (offset > SYNC_CLOCK_SLACK ||
	    offset < -SYNC_CLOCK_SLACK) ? offset : 0;
}

time_t
learn_now(const struct learn *l)
{
	return l->now != NULL ? l->now() : time(NULL);
}

/* Room for the responses and scores of la->plan's questions. */
void
learn_attempt_alloc(struct learn_attempt *la)
{
	size_t	n = la->plan->n ? la->plan->n : 1;

	la->n = la->plan->n;
	la->responses = xcalloc(n, sizeof *la->responses);
	la->shown = xcalloc(n, sizeof *la->shown);
	la->recorded = xcalloc(n, sizeof *la->recorded);
	la->shown_at = xcalloc(n, sizeof *la->shown_at);
}

void
learn_attempt_free(struct learn_attempt *la)
{
	size_t	i;

	if (la == NULL)
		return;
	for (i = 0; i < la->n; i++)
		free(la->responses[i]);
	free(la->responses);
	free(la->shown);
	free(la->recorded);
	free(la->shown_at);
	attempt_plan_free(la->plan);
	store_attempt_release(&la->a);
	free(la->review);
	free(la);
}
