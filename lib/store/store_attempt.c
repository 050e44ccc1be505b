#include "store/store_event.h"

/*
 * Reading learning events: resume points, where an officer stands in each
 * module, pages seen, open attempts with their answers and the attempt
 * history. Read-only store handles can call all of these.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/xalloc.h"
#include "store/store_impl.h"

static void
store_resume_row(sqlite3_stmt *s, void *out)
{
	struct store_resume	*r = out;

	memset(r, 0, sizeof *r);
	store_col_copy(r->module_id, sizeof r->module_id, s, 0);
	store_col_copy(r->page_id, sizeof r->page_id, s, 1);
	r->at = (time_t)sqlite3_column_int64(s, 2);
}

int
store_resume(struct store *st, int64_t officer_id, const char *course_id,
    struct store_resume *r, struct err *e)
{
	return store_row(st, store_prepare(st, e, "SELECT module_id, page_id, "
	    "page_at FROM enrolment WHERE officer_id = ? AND course_id = ? "
	    "AND page_id IS NOT NULL", "It", officer_id, course_id),
	    store_resume_row, r, e);
}

/* Attempts --------------------------------------------------------------- */

/* Voided attempts (store_attempt_void) are finished with no 'passed'. */
#define STORE_NOT_VOID "AND (finished IS NULL OR passed IS NOT NULL) "

#define ATTEMPT_COLS "id, officer_id, course_id, course_version, " \
	"content_hash, quiz_id, question_order, started, finished, " \
	"time_limit, points, max_points, scaled, passed, remote"

/* Read one row of ATTEMPT_COLS into the struct store_attempt 'out'. */
static void
store_attempt_row(sqlite3_stmt *s, void *out)
{
	struct store_attempt	*a = out;

	memset(a, 0, sizeof *a);
	store_col_copy(a->id, sizeof a->id, s, 0);
	a->officer_id = sqlite3_column_int64(s, 1);
	store_col_copy(a->course_id, sizeof a->course_id, s, 2);
	store_col_copy(a->course_version, sizeof a->course_version, s, 3);
	store_col_copy(a->content_hash, sizeof a->content_hash, s, 4);
	store_col_copy(a->quiz_id, sizeof a->quiz_id, s, 5);
	a->order = xstrdup(store_col_text(s, 6));
	a->started = (time_t)sqlite3_column_int64(s, 7);
	a->finished = (time_t)sqlite3_column_int64(s, 8);
	a->time_limit = (long)sqlite3_column_int64(s, 9);
	a->points = sqlite3_column_double(s, 10);
	a->max_points = sqlite3_column_double(s, 11);
	a->scaled = sqlite3_column_double(s, 12);
	a->passed = sqlite3_column_type(s, 13) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(s, 13);
	a->remote = sqlite3_column_int(s, 14);
}

void
store_attempt_release(struct store_attempt *a)
{
	if (a == NULL)
		return;
	free(a->order);
	a->order = NULL;
}

void
store_attempt_list_free(struct store_attempt *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_attempt_release(&list[i]);
	free(list);
}

/* store_rows() releases what it read with these on an error. */
static void
store_attempt_release_v(void *a)
{
	store_attempt_release(a);
}

static void
store_answer_release_v(void *a)
{
	store_answer_release(a);
}

void
store_answer_release(struct store_answer *a)
{
	if (a == NULL)
		return;
	free(a->response);
	a->response = NULL;
}

void
store_answer_list_free(struct store_answer *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		store_answer_release(&list[i]);
	free(list);
}

static void
store_answer_row(sqlite3_stmt *s, void *out)
{
	struct store_answer	*a = out;

	store_col_copy(a->attempt_id, sizeof a->attempt_id, s, 0);
	store_col_copy(a->question_id, sizeof a->question_id, s, 1);
	a->response = xstrdup(store_col_text(s, 2));
	a->correct = sqlite3_column_int(s, 3);
	a->points = sqlite3_column_double(s, 4);
	a->answered = (time_t)sqlite3_column_int64(s, 5);
}

int
store_answers(struct store *st, const char *attempt_id,
    struct store_answer **answers, size_t *n, struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT attempt_id, "
	    "question_id, response, correct, points, answered FROM answer "
	    "WHERE attempt_id = ? ORDER BY answered, rowid", "t", attempt_id),
	    sizeof **answers, store_answer_row, store_answer_release_v, &v, n,
	    e);
	*answers = v;
	return rc;
}

int
store_attempt_open(struct store *st, int64_t officer_id, const char *course_id,
    const char *quiz_id, struct store_attempt *a, struct store_answer **answers,
    size_t *n, struct err *e)
{
	int	rc;

	*answers = NULL;
	*n = 0;
	rc = store_row(st, store_prepare(st, e, "SELECT " ATTEMPT_COLS
	    " FROM attempt WHERE officer_id = ? AND course_id = ? "
	    "AND quiz_id = ? AND finished IS NULL AND remote = 0 "
	    "ORDER BY started DESC, rowid DESC LIMIT 1", "Itt", officer_id,
	    course_id, quiz_id), store_attempt_row, a, e);
	if (rc != 0)
		return rc;
	if (store_answers(st, a->id, answers, n, e) == -1) {
		store_attempt_release(a);
		return -1;
	}
	return 0;
}

int
store_attempt_list(struct store *st, int64_t officer_id, const char *course_id,
    const char *quiz_id, struct store_attempt **list, size_t *n, struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT " ATTEMPT_COLS
	    " FROM attempt WHERE officer_id = ?1 "
	    "AND (?2 IS NULL OR course_id = ?2) "
	    "AND (?3 IS NULL OR quiz_id = ?3) " STORE_NOT_VOID
	    "ORDER BY started DESC, rowid DESC", "Itt", officer_id, course_id,
	    quiz_id), sizeof **list, store_attempt_row, store_attempt_release_v,
	    &v, n, e);
	*list = v;
	return rc;
}

static void
store_pin_row(sqlite3_stmt *s, void *out)
{
	struct store_pin	*p = out;

	store_col_copy(p->course_id, sizeof p->course_id, s, 0);
	store_col_copy(p->content_hash, sizeof p->content_hash, s, 1);
}

int
store_attempt_pins(struct store *st, struct store_pin **list, size_t *n,
    struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT DISTINCT course_id, "
	    "content_hash FROM attempt WHERE finished IS NULL AND remote = 0 "
	    "AND content_hash != '' ORDER BY course_id, content_hash", ""),
	    sizeof **list, store_pin_row, NULL, &v, n, e);
	*list = v;
	return rc;
}

/* Modules and pages ------------------------------------------------------ */

static void
store_module_row(sqlite3_stmt *s, void *out)
{
	struct store_module_state	*m = out;

	store_col_copy(m->module_id, sizeof m->module_id, s, 0);
	store_col_copy(m->page_id, sizeof m->page_id, s, 1);
	m->done = sqlite3_column_int(s, 2);
	m->done_at = (time_t)sqlite3_column_int64(s, 3);
}

int
store_modules(struct store *st, int64_t officer_id, const char *course_id,
    struct store_module_state **list, size_t *n, struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT module_id, page_id, "
	    "done, done_at FROM module_progress WHERE officer_id = ? AND "
	    "course_id = ? ORDER BY module_id", "It", officer_id, course_id),
	    sizeof **list, store_module_row, NULL, &v, n, e);
	*list = v;
	return rc;
}

int
store_page_seen(struct store *st, int64_t officer_id, const char *course_id,
    const char *module_id, const char *page_id, struct err *e)
{
	char	ref[2 * STORE_ID_MAX + 2];
	int	rc;

	snprintf(ref, sizeof ref, "%s/%s", module_id, page_id);
	rc = store_row(st, store_prepare(st, e, "SELECT 1 FROM event WHERE "
	    "kind = 'page' AND officer_id = ? AND course_id = ? AND ref = ? "
	    "LIMIT 1", "Itt", officer_id, course_id, ref), NULL, NULL, e);
	return rc == -1 ? -1 : !rc;	/* a row: seen */
}
