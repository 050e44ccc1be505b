#ifndef STORE_BUDGET_H
#define STORE_BUDGET_H

#include <stdint.h>

#include "store/store.h"

/*
 * The LRS budget's bytes per day (docs/sync.md, "A budget for metered
 * links"), kept in the progress file (table sync_bytes) so a restart of
 * the app or of `rianru sync` does not reset it, and shared by every
 * sender on the file. 'day' is the local date, "YYYY-MM-DD", chosen by
 * the caller from its clock; a new day starts from 0. The rules at the
 * top of store/store.h apply.
 */

/*
 * Count 'bytes' against 'day' when they fit: in one write transaction,
 * when used + bytes <= limit, add them and return 1; else return 0 and
 * change nothing. Either way *used (may be NULL) is what 'day' had used
 * before. Days before 'day' are forgotten. Returns -1 and *e on failure.
 */
int	store_budget_take(struct store *st, const char *day, int64_t bytes,
	    int64_t limit, int64_t *used, struct err *e);

/* The bytes counted against 'day' into *used (0 when none). */
int	store_budget_used(struct store *st, const char *day, int64_t *used,
	    struct err *e);

/*
 * What waits to be sent: the pending statements of the outbox and the
 * bytes of their bodies.
 */
int	store_outbox_waiting(struct store *st, int64_t *n, int64_t *bytes,
	    struct err *e);

#endif
