#include "store/store_outbox.h"

/*
 * The outbox: xAPI statements queued in the same transaction as their
 * events (store_event_add in store_event.c), read here by lib/sync in
 * creation order and marked as it delivers them. The JSON of a row is
 * never rewritten: a retry sends the same bytes.
 */

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/esc.h"
#include "store/store_impl.h"

static const char *const ob_names[STORE_OB_NSTATES] = {
	[STORE_OB_PENDING] = "pending",
	[STORE_OB_DELIVERED] = "delivered",
	[STORE_OB_CONFLICT] = "conflict",
	[STORE_OB_QUARANTINED] = "quarantined",
};

const char *
store_ob_state_name(enum store_ob_state s)
{
	if ((unsigned)s >= STORE_OB_NSTATES)
		return "unknown";
	return ob_names[s];
}

enum store_ob_prio
store_ob_prio_of(const char *kind)
{
	static const char *const first[] = {
		"result", "attempt", "module", "course", "log"
	};
	size_t	i;

	for (i = 0; i < sizeof first / sizeof first[0]; i++)
		if (strcmp(kind, first[i]) == 0)
			return STORE_OB_FIRST;
	return STORE_OB_LATER;
}

static enum store_ob_state
store_ob_state_parse(const char *s)
{
	int	i;

	for (i = 0; i < STORE_OB_NSTATES; i++)
		if (strcmp(s, ob_names[i]) == 0)
			return (enum store_ob_state)i;
	return STORE_OB_PENDING;	/* the CHECK constraint prevents it */
}

int
store_outbox_counts(struct store *st, int64_t counts[STORE_OB_NSTATES],
    struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(counts, 0, STORE_OB_NSTATES * sizeof counts[0]);
	s = store_prepare(st, e, "SELECT state, count(*) FROM outbox "
	    "GROUP BY state", NULL);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		counts[store_ob_state_parse(store_col_text(s, 0))] =
		    sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, e, rc);
	return 0;
}

#define OUTBOX_COLS "seq, stmt_id, json, created, state, attempts, " \
	"coalesce(last_error, ''), next_try, coalesce(delivered, 0), " \
	"coalesce(quarantined, 0), prio"

/* Step 's' (selecting OUTBOX_COLS), calling 'fn' on each row. */
static int
store_outbox_walk(struct store *st, sqlite3_stmt *s,
    int (*fn)(const struct store_outbox_row *, void *), void *arg,
    struct err *e)
{
	struct store_outbox_row	r;
	int			rc, seen = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.seq = sqlite3_column_int64(s, 0);
		r.stmt_id = store_col_text(s, 1);
		r.json = store_col_text(s, 2);
		r.json_len = (size_t)sqlite3_column_bytes(s, 2);
		r.created = (time_t)sqlite3_column_int64(s, 3);
		r.state = store_ob_state_parse(store_col_text(s, 4));
		r.attempts = sqlite3_column_int(s, 5);
		r.last_error = store_col_text(s, 6);
		r.next_try = (time_t)sqlite3_column_int64(s, 7);
		r.delivered = (time_t)sqlite3_column_int64(s, 8);
		r.quarantined = (time_t)sqlite3_column_int64(s, 9);
		r.key = sqlite3_column_int64(s, 10) * STORE_OB_KEY_PRIO +
		    r.seq;
		seen++;
		if (fn(&r, arg) != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, e, rc);
	return seen;
}

int
store_outbox_pending(struct store *st, time_t now, int64_t after_key,
    int limit, int (*fn)(const struct store_outbox_row *, void *), void *arg,
    struct err *e)
{
	sqlite3_stmt	*s;

	if (limit <= 0)
		return 0;
	s = store_prepare(st, e, "SELECT " OUTBOX_COLS " FROM outbox "
	    "WHERE state = 'pending' AND (prio, seq) > (?, ?) AND "
	    "next_try <= ? ORDER BY prio, seq LIMIT ?", "IITi",
	    after_key / STORE_OB_KEY_PRIO, after_key % STORE_OB_KEY_PRIO, now,
	    limit);
	if (s == NULL)
		return -1;
	return store_outbox_walk(st, s, fn, arg, e);
}

int
store_outbox_list(struct store *st, enum store_ob_state state,
    int (*fn)(const struct store_outbox_row *, void *), void *arg,
    struct err *e)
{
	sqlite3_stmt	*s;

	s = store_prepare(st, e, "SELECT " OUTBOX_COLS " FROM outbox "
	    "WHERE state = ? ORDER BY seq", "t", store_ob_state_name(state));
	if (s == NULL)
		return -1;
	return store_outbox_walk(st, s, fn, arg, e);
}

/*
 * One statement prepared for the whole batch: the sync marks a batch of
 * up to batch-size rows after every answer, and parsing the UPDATE again
 * for each row was a quarter of its time (bench/README.md, figure 4).
 */
int
store_outbox_delivered(struct store *st, const char *const *ids, size_t n,
    time_t now, struct err *e)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc;

	if (n == 0)
		return 0;
	if (store_begin(st, e) == -1)
		return -1;
	s = store_prepare(st, e, "UPDATE outbox SET state = 'delivered', "
	    "delivered = ?, last_error = NULL WHERE stmt_id = ? "
	    "AND state != 'delivered'", "Tt", now, (const char *)NULL);
	if (s == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		if ((rc = sqlite3_bind_text(s, 2, ids[i], -1,
		    SQLITE_STATIC)) != SQLITE_OK ||
		    (rc = sqlite3_step(s)) != SQLITE_DONE) {
			store_dberr(st, e, rc);
			sqlite3_finalize(s);
			goto fail;
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_outbox_set_state(struct store *st, const char *id,
    enum store_ob_state state, const char *reason, time_t now, struct err *e)
{
	struct buf	why;
	int		rc;

	if (state != STORE_OB_CONFLICT && state != STORE_OB_QUARANTINED)
		return err_set(e, "cannot set statement '%s' to %s", id,
		    store_ob_state_name(state));
	/* the reason quotes an LRS or a carried file: kept escaped */
	buf_init(&why);
	if (reason != NULL)
		esc_buf(&why, reason, strlen(reason));
	rc = store_write(st, e, "UPDATE outbox SET state = ?, last_error = ?, "
	    "quarantined = ? WHERE stmt_id = ?", "ttTt",
	    store_ob_state_name(state), why.data, now, id);
	buf_release(&why);
	if (rc == 0)
		return err_set(e, "no statement '%s' in the outbox", id);
	return rc == -1 ? -1 : 0;
}

int
store_outbox_retry(struct store *st, const char *const *ids, size_t n,
    time_t next_try, const char *error, struct err *e)
{
	struct buf	why;
	size_t		i;

	if (n == 0)
		return 0;
	if (store_begin(st, e) == -1)
		return -1;
	/* the error quotes the LRS's reply: kept escaped */
	buf_init(&why);
	if (error != NULL)
		esc_buf(&why, error, strlen(error));
	for (i = 0; i < n; i++)
		if (store_exec(st, e, "UPDATE outbox SET "
		    "attempts = attempts + 1, last_error = ?, next_try = ?, "
		    "claim_by = NULL, claim_until = 0 "
		    "WHERE stmt_id = ? AND state = 'pending'", "tTt", why.data,
		    next_try, ids[i]) == -1)
			goto fail;
	buf_release(&why);
	return store_commit(st, e);
fail:
	buf_release(&why);
	store_rollback(st);
	return -1;
}

int
store_outbox_claim(struct store *st, const char *owner, time_t now,
    time_t until, int64_t after_key, int limit,
    int (*fn)(const struct store_outbox_row *, void *), void *arg,
    int64_t *others, struct err *e)
{
	sqlite3_stmt	*s;
	int64_t		 ap = after_key / STORE_OB_KEY_PRIO;
	int64_t		 as = after_key % STORE_OB_KEY_PRIO;
	int		 n, rc;

	if (others != NULL)
		*others = 0;
	if (limit <= 0)
		return 0;
	if (store_begin(st, e) == -1)
		return -1;
	if (store_exec(st, e, "UPDATE outbox SET claim_by = ?1, "
	    "claim_until = ?2 WHERE seq IN (SELECT seq FROM outbox "
	    "WHERE state = 'pending' AND (prio, seq) > (?3, ?4) AND "
	    "(claim_until <= ?5 OR claim_by = ?1) ORDER BY prio, seq "
	    "LIMIT ?6)", "tTIITi", owner, until, ap, as, now, limit) == -1)
		goto fail;
	if (others != NULL) {
		s = store_prepare(st, e, "SELECT count(*) FROM outbox "
		    "WHERE state = 'pending' AND claim_until > ? AND "
		    "claim_by IS NOT ?", "Tt", now, owner);
		if (s == NULL)
			goto fail;
		if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
			sqlite3_finalize(s);
			store_dberr(st, e, rc);
			goto fail;
		}
		*others = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	/* the first 'limit' of owner's rows are exactly those just claimed */
	s = store_prepare(st, e, "SELECT " OUTBOX_COLS " FROM outbox "
	    "WHERE state = 'pending' AND claim_by = ? AND (prio, seq) > "
	    "(?, ?) ORDER BY prio, seq LIMIT ?", "tIIi", owner, ap, as,
	    limit);
	if (s == NULL)
		goto fail;
	if ((n = store_outbox_walk(st, s, fn, arg, e)) == -1)
		goto fail;
	if (store_commit(st, e) == -1)
		return -1;
	return n;
fail:
	store_rollback(st);
	return -1;
}

int
store_outbox_claim_extend(struct store *st, const char *owner, time_t until,
    struct err *e)
{
	return store_write(st, e, "UPDATE outbox SET claim_until = ? "
	    "WHERE claim_by = ? AND state = 'pending'", "Tt", until,
	    owner) == -1 ? -1 : 0;
}

int
store_outbox_release(struct store *st, const char *owner, struct err *e)
{
	return store_write(st, e, "UPDATE outbox SET claim_by = NULL, "
	    "claim_until = 0 WHERE claim_by = ?", "t", owner) == -1 ? -1 : 0;
}

int
store_sync_run_save(struct store *st, const struct store_sync_run *r,
    struct err *e)
{
	char	why[sizeof r->error];

	/* the error quotes the LRS's reply: kept escaped */
	esc_str(why, sizeof why, r->error);
	return store_write(st, e, "INSERT OR REPLACE INTO sync_run (what, at, "
	    "outcome, sent, set_aside, pending, error, clock_offset, bytes) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CASE WHEN ?8 THEN ?9 ELSE "
	    "(SELECT clock_offset FROM sync_run WHERE what = ?1) END, ?10)",
	    "tTtIIItiII", r->what, r->at, r->outcome, r->sent, r->set_aside,
	    r->pending, why, r->clock_known, (int64_t)r->clock_offset,
	    r->bytes) == -1 ? -1 : 0;
}

int
store_sync_run_load(struct store *st, const char *what,
    struct store_sync_run *r, struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(r, 0, sizeof *r);
	/* a file opened read-only may predate the table (format 5) */
	s = store_prepare(st, e, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'sync_run'", NULL);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return store_dberr(st, e, rc);
	s = store_prepare(st, e, "SELECT what, at, outcome, sent, set_aside, "
	    "pending, error, clock_offset, bytes FROM sync_run WHERE what = ?",
	    "t",
	    what);
	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_copy(r->what, sizeof r->what, s, 0);
		r->at = (time_t)sqlite3_column_int64(s, 1);
		store_col_copy(r->outcome, sizeof r->outcome, s, 2);
		r->sent = sqlite3_column_int64(s, 3);
		r->set_aside = sqlite3_column_int64(s, 4);
		r->pending = sqlite3_column_int64(s, 5);
		store_col_copy(r->error, sizeof r->error, s, 6);
		r->clock_known = sqlite3_column_type(s, 7) != SQLITE_NULL;
		r->clock_offset = (long)sqlite3_column_int64(s, 7);
		r->bytes = sqlite3_column_int64(s, 8);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_dberr(st, e, rc);
}

int
store_outbox_requeue(struct store *st, const char *id, size_t *n,
    struct err *e)
{
	int	rc;

	rc = store_write(st, e, "UPDATE outbox SET state = 'pending', "
	    "attempts = 0, next_try = 0, quarantined = NULL "
	    "WHERE state IN ('quarantined', 'conflict') "
	    "AND (?1 IS NULL OR stmt_id = ?1)", "t", id);
	if (rc == -1)
		return -1;
	if (n != NULL)
		*n = (size_t)rc;
	return 0;
}
