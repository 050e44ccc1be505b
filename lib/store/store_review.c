#include "store/store_review.h"

/*
 * The review set and its log (store_review.h). The tables come from
 * schema version 5 (store_schema.c).
 */

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "store/store_impl.h"

#define REVIEW_COLS	"officer_id, course_id, quiz_id, question_id, " \
			"qhash, difficulty, stability, reps, lapses, " \
			"last_review, due, added"

int
store_review_grade(int correct, double points)
{
	return correct ? 3 : points > 0 ? 2 : 1;
}

int
store_review_put(struct store *st, const struct store_review *r,
    struct err *e)
{
	int	rc;

	rc = store_write(st, e, "INSERT INTO review (" REVIEW_COLS ") "
	    "SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM officer "
	    "WHERE id = ? ON CONFLICT (officer_id, course_id, quiz_id, "
	    "question_id) DO UPDATE SET qhash = excluded.qhash, "
	    "difficulty = excluded.difficulty, stability = "
	    "excluded.stability, reps = excluded.reps, lapses = "
	    "excluded.lapses, last_review = excluded.last_review, due = "
	    "excluded.due", "ttttddiiTTTI", r->course_id, r->quiz_id,
	    r->question_id, r->qhash, r->difficulty, r->stability, r->reps,
	    r->lapses, r->last, r->due, r->added, r->officer_id);
	if (rc == 0)
		return err_set(e, "no officer with id %lld",
		    (long long)r->officer_id);
	return rc < 0 ? -1 : 0;
}

/* One row of a SELECT REVIEW_COLS into the struct store_review 'out'. */
static void
store_review_row(sqlite3_stmt *s, void *out)
{
	struct store_review	*r = out;

	memset(r, 0, sizeof *r);
	r->officer_id = sqlite3_column_int64(s, 0);
	store_col_copy(r->course_id, sizeof r->course_id, s, 1);
	store_col_copy(r->quiz_id, sizeof r->quiz_id, s, 2);
	store_col_copy(r->question_id, sizeof r->question_id, s, 3);
	store_col_copy(r->qhash, sizeof r->qhash, s, 4);
	r->difficulty = sqlite3_column_double(s, 5);
	r->stability = sqlite3_column_double(s, 6);
	r->reps = sqlite3_column_int(s, 7);
	r->lapses = sqlite3_column_int(s, 8);
	r->last = (time_t)sqlite3_column_int64(s, 9);
	r->due = (time_t)sqlite3_column_int64(s, 10);
	r->added = (time_t)sqlite3_column_int64(s, 11);
}

int
store_review_get(struct store *st, int64_t officer_id, const char *course_id,
    const char *quiz_id, const char *question_id, struct store_review *r,
    struct err *e)
{
	return store_row(st, store_prepare(st, e, "SELECT " REVIEW_COLS
	    " FROM review WHERE officer_id = ? AND course_id = ? AND "
	    "quiz_id = ? AND question_id = ?", "Ittt", officer_id, course_id,
	    quiz_id, question_id), store_review_row, r, e);
}

int
store_review_list(struct store *st, int64_t officer_id, const char *course_id,
    time_t before, struct store_review **list, size_t *n, struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT " REVIEW_COLS
	    " FROM review WHERE officer_id = ? AND (?2 IS NULL OR "
	    "course_id = ?2) AND (?3 = 0 OR due < ?3) ORDER BY due, "
	    "course_id, quiz_id, question_id", "ItT", officer_id, course_id,
	    before), sizeof **list, store_review_row, NULL, &v, n, e);
	*list = v;
	return rc;
}

int
store_review_log_add(struct store *st, const struct store_review *r,
    const struct store_review_answer *a, const char *stmt_id, struct err *e)
{
	return store_exec(st, e, "INSERT INTO review_log (officer_id, "
	    "course_id, quiz_id, question_id, at, response, correct, grade, "
	    "difficulty, stability, due, stmt_id) VALUES (?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?)", "ItttTtiiddTt", r->officer_id, r->course_id,
	    r->quiz_id, r->question_id, a->at,
	    a->response != NULL ? a->response : "", a->correct, a->grade,
	    r->difficulty, r->stability, r->due, stmt_id) == -1 ? -1 : 0;
}

int
store_review_record(struct store *st, const struct store_review *r,
    const struct store_review_answer *a, const struct store_stmt *stmt,
    struct err *e)
{
	char	ref[3 * STORE_ID_MAX + 8];
	int	rc;

	if (stmt == NULL || stmt->id == NULL || *stmt->id == '\0' ||
	    stmt->json == NULL || *stmt->json == '\0')
		return err_set(e, "a review needs its xAPI statement");
	if (a->grade < 1 || a->grade > 4)
		return err_set(e, "review grade %d is not 1 to 4", a->grade);
	if (store_begin(st, e) == -1)
		return -1;
	rc = store_exec(st, e, "UPDATE review SET qhash = ?, difficulty = ?, "
	    "stability = ?, reps = ?, lapses = ?, last_review = ?, due = ? "
	    "WHERE officer_id = ? AND course_id = ? AND quiz_id = ? AND "
	    "question_id = ?", "tddiiTTIttt", r->qhash, r->difficulty,
	    r->stability, r->reps, r->lapses, r->last, r->due, r->officer_id,
	    r->course_id, r->quiz_id, r->question_id);
	if (rc == 0)
		err_set(e, "question '%s' of quiz '%s' is not in the review "
		    "set", r->question_id, r->quiz_id);
	if (rc <= 0)
		goto fail;
	if (store_review_log_add(st, r, a, stmt->id, e) == -1)
		goto fail;
	snprintf(ref, sizeof ref, "%s/%s", r->quiz_id, r->question_id);
	if (store_event_add(st, "review", r->officer_id, r->course_id, ref,
	    a->at, stmt, e) == -1 || store_commit(st, e) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
store_review_remove(struct store *st, int64_t officer_id,
    const char *course_id, const char *quiz_id, const char *question_id,
    struct err *e)
{
	return store_write(st, e, "DELETE FROM review WHERE officer_id = ? "
	    "AND course_id = ? AND quiz_id = ? AND question_id = ?", "Ittt",
	    officer_id, course_id, quiz_id, question_id) < 0 ? -1 : 0;
}

int
store_review_logged(struct store *st, int64_t officer_id, int64_t *n,
    struct err *e)
{
	*n = 0;
	return store_row(st, store_prepare(st, e, "SELECT count(*) FROM "
	    "review_log WHERE ?1 = 0 OR officer_id = ?1", "I", officer_id),
	    store_col_int64, n, e) == -1 ? -1 : 0;
}
