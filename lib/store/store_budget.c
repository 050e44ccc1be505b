#include "store/store_budget.h"

/*
 * The per-day byte budget of the senders, and what waits (store_budget.h).
 */

#include <string.h>

#include "base/err.h"
#include "store/store_impl.h"

/* One integer from 'sql' (bound by fmt, as store_prepare) into *v. */
static int
store_budget_int(struct store *st, int64_t *v, struct err *e,
    const char *sql, const char *day)
{
	*v = 0;
	return store_row(st, store_prepare(st, e, sql, "t", day),
	    store_col_int64, v, e) == -1 ? -1 : 0;
}

int
store_budget_used(struct store *st, const char *day, int64_t *used,
    struct err *e)
{
	return store_budget_int(st, used, e, "SELECT coalesce(sum(bytes), 0) "
	    "FROM sync_bytes WHERE day = ?", day);
}

int
store_budget_take(struct store *st, const char *day, int64_t bytes,
    int64_t limit, int64_t *used, struct err *e)
{
	int64_t	u;
	int	fits;

	if (store_begin(st, e) == -1)
		return -1;
	/* read and add in one transaction: two senders never both fit */
	if (store_budget_used(st, day, &u, e) == -1)
		goto fail;
	if (used != NULL)
		*used = u;
	fits = u + bytes <= limit;
	if (fits && (store_exec(st, e, "DELETE FROM sync_bytes WHERE "
	    "day != ?", "t", day) == -1 || store_exec(st, e, "INSERT INTO "
	    "sync_bytes (day, bytes) VALUES (?1, ?2) ON CONFLICT (day) DO "
	    "UPDATE SET bytes = bytes + ?2", "tI", day, bytes) == -1))
		goto fail;
	if (store_commit(st, e) == -1)
		return -1;
	return fits;
fail:
	store_rollback(st);
	return -1;
}

int
store_outbox_waiting(struct store *st, int64_t *n, int64_t *bytes,
    struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	*n = *bytes = 0;
	s = store_prepare(st, e, "SELECT count(*), coalesce(sum(length("
	    "CAST(json AS BLOB))), 0) FROM outbox WHERE state = 'pending'",
	    NULL);
	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*n = sqlite3_column_int64(s, 0);
		*bytes = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_dberr(st, e, rc);
	return 0;
}
