#include "store/store_privacy.h"

/*
 * One officer's data read out, erased, and answer details pruned after
 * the retention period (docs/privacy.md).
 */

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "store/store_impl.h"

/* Where each table's rows about officer ?1 are. */
static const struct {
	const char	*table;
	const char	*where;
} privacy_tables[] = {
	{ "officer", "id = ?1" },
	{ "enrolment", "officer_id = ?1" },
	{ "module_progress", "officer_id = ?1" },
	{ "attempt", "officer_id = ?1" },
	{ "answer", "attempt_id IN (SELECT id FROM attempt WHERE "
	    "officer_id = ?1)" },
	{ "event", "officer_id = ?1" },
	{ "outbox", "stmt_id IN (SELECT stmt_id FROM event WHERE "
	    "officer_id = ?1)" },
	{ "practice_log", "officer_id = ?1" },
	{ "certificate", "officer_id = ?1" },
	{ "review", "officer_id = ?1" },
	{ "review_log", "officer_id = ?1" },
};

#define PRIVACY_MAXCOLS	64

/* The current row of 's' into cells[]; hashes only say whether set. */
static int
privacy_row(sqlite3_stmt *s, const char *table, struct store_cell *cells)
{
	int	n = sqlite3_column_count(s), i, secret;

	if (n > PRIVACY_MAXCOLS)
		n = PRIVACY_MAXCOLS;
	for (i = 0; i < n; i++) {
		struct store_cell	*c = &cells[i];

		memset(c, 0, sizeof *c);
		c->name = sqlite3_column_name(s, i);
		secret = strcmp(table, "officer") == 0 &&
		    (strcmp(c->name, "pin_hash") == 0 ||
		    strcmp(c->name, "setup_hash") == 0);
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_NULL:
			c->type = STORE_CELL_NULL;
			break;
		case SQLITE_INTEGER:
			c->type = STORE_CELL_INT;
			c->i = sqlite3_column_int64(s, i);
			break;
		case SQLITE_FLOAT:
			c->type = STORE_CELL_REAL;
			c->d = sqlite3_column_double(s, i);
			break;
		default:
			c->type = STORE_CELL_TEXT;
			c->s = secret ? "set" : store_col_text(s, i);
			break;
		}
	}
	return n;
}

int
store_officer_data(struct store *st, int64_t officer_id,
    int (*fn)(void *arg, const char *table, const struct store_cell *cells,
    int n, struct err *e), void *arg, struct err *e)
{
	struct store_cell	 cells[PRIVACY_MAXCOLS];
	sqlite3_stmt		*s;
	char			 sql[256];
	size_t			 t;
	int			 rc, n;

	for (t = 0; t < sizeof privacy_tables / sizeof privacy_tables[0];
	    t++) {
		snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s",
		    privacy_tables[t].table, privacy_tables[t].where);
		if ((s = store_prepare(st, e, sql, "I", officer_id)) == NULL)
			return -1;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			n = privacy_row(s, privacy_tables[t].table, cells);
			if (fn(arg, privacy_tables[t].table, cells, n,
			    e) == -1) {
				sqlite3_finalize(s);
				return -1;
			}
		}
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return store_dberr(st, e, rc);
	}
	return 0;
}

/* One count from 'sql' with officer ?1 into *v. */
static int
privacy_count(struct store *st, const char *sql, int64_t id, int64_t *v,
    struct err *e)
{
	*v = 0;
	return store_row(st, store_prepare(st, e, sql, "I", id),
	    store_col_int64, v, e) == -1 ? -1 : 0;
}

int
store_officer_erase(struct store *st, int64_t officer_id,
    struct store_erase *out, struct err *e)
{
	int	n, m;

	memset(out, 0, sizeof *out);
	if (store_begin(st, e) == -1)
		return -1;
	if (privacy_count(st, "SELECT count(*) FROM outbox WHERE state = "
	    "'delivered' AND stmt_id IN (SELECT stmt_id FROM event WHERE "
	    "officer_id = ?1)", officer_id, &out->delivered, e) == -1 ||
	    privacy_count(st, "SELECT count(*) FROM outbox WHERE state != "
	    "'delivered' AND stmt_id IN (SELECT stmt_id FROM event WHERE "
	    "officer_id = ?1)", officer_id, &out->pending, e) == -1)
		goto fail;
	/* statements name the officer: sent or not, none stays here */
	if (store_exec(st, e, "DELETE FROM outbox WHERE stmt_id IN (SELECT "
	    "stmt_id FROM event WHERE officer_id = ?1)", "I",
	    officer_id) == -1 ||
	    store_exec(st, e, "DELETE FROM event WHERE officer_id = ?1", "I",
	    officer_id) == -1)
		goto fail;
	if ((n = store_exec(st, e, "DELETE FROM answer WHERE attempt_id IN "
	    "(SELECT id FROM attempt WHERE officer_id = ?1)", "I",
	    officer_id)) == -1 ||
	    (m = store_exec(st, e, "DELETE FROM review_log WHERE "
	    "officer_id = ?1", "I", officer_id)) == -1 ||
	    store_exec(st, e, "DELETE FROM review WHERE officer_id = ?1",
	    "I", officer_id) == -1 ||
	    store_exec(st, e, "DELETE FROM pull_cursor WHERE officer_id = "
	    "?1", "I", officer_id) == -1 ||
	    store_exec(st, e, "UPDATE practice_log SET reflection = '' "
	    "WHERE officer_id = ?1", "I", officer_id) == -1)
		goto fail;
	out->answers = n + m;
	/* the row stays, so the agency's counts stay as they were */
	if ((n = store_exec(st, e, "UPDATE officer SET code = 'erased-' || "
	    "id, name = '-', pin_hash = NULL, setup_hash = NULL, "
	    "pin_failed = 0, locked_until = 0, last_seen = 0, "
	    "privacy_seen = 0 WHERE id = ?1", "I", officer_id)) == -1)
		goto fail;
	if (n == 0) {
		err_set(e, "no officer with id %lld", (long long)officer_id);
		goto fail;
	}
	snprintf(out->code, sizeof out->code, "erased-%lld",
	    (long long)officer_id);
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_retention_apply(struct store *st, int months, time_t now,
    int64_t *pruned, struct err *e)
{
	if (pruned != NULL)
		*pruned = 0;
	if (months <= 0)
		return 0;
	return store_prune_answers(st, now - (time_t)months * 2629746,
	    pruned, e);
}

int
store_prune_answers(struct store *st, time_t before, int64_t *pruned,
    struct err *e)
{
	int	n, m;

	if (store_begin(st, e) == -1)
		return -1;
	/* an answer goes once no statement of it waits to be sent */
	if ((n = store_exec(st, e, "DELETE FROM answer WHERE attempt_id IN "
	    "(SELECT id FROM attempt WHERE finished IS NOT NULL AND "
	    "finished < ?1) AND NOT EXISTS (SELECT 1 FROM event v JOIN "
	    "outbox o ON o.stmt_id = v.stmt_id WHERE v.kind = 'answer' AND "
	    "v.ref = answer.attempt_id || '/' || answer.question_id AND "
	    "o.state != 'delivered')", "T", before)) == -1 ||
	    (m = store_exec(st, e, "DELETE FROM review_log WHERE at < ?1 AND "
	    "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.stmt_id = "
	    "review_log.stmt_id AND o.state != 'delivered')", "T",
	    before)) == -1)
		goto fail;
	/* the delivered statements carry the responses too */
	if (store_exec(st, e, "DELETE FROM outbox WHERE state = 'delivered' "
	    "AND stmt_id IN (SELECT stmt_id FROM event WHERE kind IN "
	    "('answer', 'review') AND at < ?1)", "T", before) == -1 ||
	    store_exec(st, e, "DELETE FROM event WHERE kind IN ('answer', "
	    "'review') AND at < ?1 AND NOT EXISTS (SELECT 1 FROM outbox o "
	    "WHERE o.stmt_id = event.stmt_id)", "T", before) == -1)
		goto fail;
	if (pruned != NULL)
		*pruned = n + m;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}
