/*
 * Reading finished attempts for item analysis (store_stats.h).
 */
#include "store/store_stats.h"

#include <stddef.h>

#include "base/err.h"
#include "store/store_impl.h"

/* A finished attempt that was not voided: it has a result. */
#define SCORED "finished IS NOT NULL AND passed IS NOT NULL"

int
store_scored_each(struct store *st, const char *course_id,
    const char *quiz_id, int first_only,
    int (*fn)(void *ctx, const struct store_scored_row *row), void *ctx,
    struct err *e)
{
	struct store_scored_row	 r;
	sqlite3_stmt		*s;
	int			 rc;

	s = store_prepare(st, e, "SELECT a.id, a.officer_id, a.course_id, "
	    "a.quiz_id, a.question_order, an.question_id, an.response, "
	    "an.points FROM attempt a LEFT JOIN answer an ON "
	    "an.attempt_id = a.id WHERE a." SCORED " AND (?1 IS NULL OR "
	    "a.course_id = ?1) AND (?2 IS NULL OR a.quiz_id = ?2) AND "
	    "(?3 = 0 OR a.id = (SELECT b.id FROM attempt b WHERE "
	    "b.officer_id = a.officer_id AND b.course_id = a.course_id AND "
	    "b.quiz_id = a.quiz_id AND b." SCORED " ORDER BY b.started, "
	    "b.rowid LIMIT 1)) ORDER BY a.course_id, a.quiz_id, a.started, "
	    "a.rowid, an.rowid", "tti", course_id, quiz_id, first_only);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.attempt_id = store_col_text(s, 0);
		r.officer_id = sqlite3_column_int64(s, 1);
		r.course_id = store_col_text(s, 2);
		r.quiz_id = store_col_text(s, 3);
		r.order = store_col_text(s, 4);
		r.question_id = sqlite3_column_type(s, 5) == SQLITE_NULL ?
		    NULL : store_col_text(s, 5);
		r.response = store_col_text(s, 6);
		r.points = sqlite3_column_double(s, 7);
		if (fn(ctx, &r) == -1) {
			sqlite3_finalize(s);
			return -1;
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, e, rc);
	return 0;
}
