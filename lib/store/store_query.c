#include "store/store.h"

/*
 * Reading: resume points, open attempts with their answers, attempt
 * history, progress summaries and reports. Read-only store handles can
 * call all of these.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "store/store_impl.h"
#include "content/vocab.h"
#include "base/xalloc.h"

/* Grow *v (of *cap elements of 'size') so that one more fits after 'len'. */
static void *
store_grow(void *v, size_t len, size_t *cap, size_t size)
{
	if (len < *cap)
		return v;
	*cap = *cap == 0 ? 16 : *cap * 2;
	return xreallocarray(v, *cap, size);
}

int
store_resume(struct store *st, int64_t officer_id, const char *course_id,
    struct store_resume *r, struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_prepare(st, e, "SELECT module_id, page_id, page_at "
	    "FROM enrolment WHERE officer_id = ? AND course_id = ? "
	    "AND page_id IS NOT NULL", "It", officer_id, course_id);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		memset(r, 0, sizeof *r);
		store_col_copy(r->module_id, sizeof r->module_id, s, 0);
		store_col_copy(r->page_id, sizeof r->page_id, s, 1);
		r->at = (time_t)sqlite3_column_int64(s, 2);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return store_dberr(st, e, rc);
}

/* Attempts --------------------------------------------------------------- */

/* Voided attempts (store_attempt_void) are finished with no 'passed'. */
#define STORE_NOT_VOID "AND (finished IS NULL OR passed IS NOT NULL) "

#define ATTEMPT_COLS "id, officer_id, course_id, course_version, " \
	"content_hash, quiz_id, question_order, started, finished, " \
	"time_limit, points, max_points, scaled, passed"

static void
store_attempt_row(sqlite3_stmt *s, struct store_attempt *a)
{
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

int
store_answers(struct store *st, const char *attempt_id,
    struct store_answer **answers, size_t *n, struct err *e)
{
	sqlite3_stmt		*s;
	struct store_answer	*v = NULL, *a;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*answers = NULL;
	*n = 0;
	s = store_prepare(st, e, "SELECT attempt_id, question_id, response, "
	    "correct, points, answered FROM answer WHERE attempt_id = ? "
	    "ORDER BY answered, rowid", "t", attempt_id);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = store_grow(v, len, &cap, sizeof *v);
		a = &v[len++];
		memset(a, 0, sizeof *a);
		store_col_copy(a->attempt_id, sizeof a->attempt_id, s, 0);
		store_col_copy(a->question_id, sizeof a->question_id, s, 1);
		a->response = xstrdup(store_col_text(s, 2));
		a->correct = sqlite3_column_int(s, 3);
		a->points = sqlite3_column_double(s, 4);
		a->answered = (time_t)sqlite3_column_int64(s, 5);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_answer_list_free(v, len);
		return store_dberr(st, e, rc);
	}
	*answers = v;
	*n = len;
	return 0;
}

int
store_attempt_open(struct store *st, int64_t officer_id, const char *course_id,
    const char *quiz_id, struct store_attempt *a, struct store_answer **answers,
    size_t *n, struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	*answers = NULL;
	*n = 0;
	s = store_prepare(st, e, "SELECT " ATTEMPT_COLS " FROM attempt "
	    "WHERE officer_id = ? AND course_id = ? AND quiz_id = ? "
	    "AND finished IS NULL ORDER BY started DESC, rowid DESC LIMIT 1",
	    "Itt", officer_id, course_id, quiz_id);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_attempt_row(s, a);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW)
		return store_dberr(st, e, rc);
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
	sqlite3_stmt		*s;
	struct store_attempt	*v = NULL;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*list = NULL;
	*n = 0;
	s = store_prepare(st, e, "SELECT " ATTEMPT_COLS " FROM attempt "
	    "WHERE officer_id = ?1 AND (?2 IS NULL OR course_id = ?2) "
	    "AND (?3 IS NULL OR quiz_id = ?3) " STORE_NOT_VOID
	    "ORDER BY started DESC, rowid DESC", "Itt", officer_id, course_id,
	    quiz_id);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = store_grow(v, len, &cap, sizeof *v);
		store_attempt_row(s, &v[len++]);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_attempt_list_free(v, len);
		return store_dberr(st, e, rc);
	}
	*list = v;
	*n = len;
	return 0;
}

/* Summaries -------------------------------------------------------------- */

int
store_progress(struct store *st, int64_t officer_id, const char *course_id,
    struct store_progress **list, size_t *n, struct err *e)
{
	sqlite3_stmt		*s;
	struct store_progress	*v = NULL, *p;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*list = NULL;
	*n = 0;
	s = store_prepare(st, e,
	    "SELECT o.code, o.name, o.group_id, o.agency, en.course_id,"
	    "  en.enrolled,"
	    "  (SELECT count(*) FROM module_progress m WHERE"
	    "   m.officer_id = en.officer_id AND m.course_id = en.course_id"
	    "   AND m.done),"
	    "  en.module_id, en.page_id,"
	    "  max(coalesce(en.page_at, 0), coalesce((SELECT max(at) FROM event"
	    "   v WHERE v.officer_id = en.officer_id AND"
	    "   v.course_id = en.course_id), 0)),"
	    "  (SELECT count(*) FROM attempt a WHERE a.officer_id ="
	    "   en.officer_id AND a.course_id = en.course_id AND"
	    "   a.finished IS NOT NULL AND a.passed IS NOT NULL),"
	    "  (SELECT count(DISTINCT quiz_id) FROM attempt a WHERE"
	    "   a.officer_id = en.officer_id AND a.course_id = en.course_id"
	    "   AND a.passed),"
	    "  coalesce((SELECT max(scaled) FROM attempt a WHERE"
	    "   a.officer_id = en.officer_id AND a.course_id = en.course_id"
	    "   AND a.finished IS NOT NULL AND a.passed IS NOT NULL), -1),"
	    "  coalesce(en.completed, 0), en.passed, en.hours"
	    " FROM enrolment en JOIN officer o ON o.id = en.officer_id"
	    " WHERE (?1 = 0 OR en.officer_id = ?1)"
	    " AND (?2 IS NULL OR en.course_id = ?2)"
	    " ORDER BY o.code, en.course_id", "It", officer_id, course_id);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = store_grow(v, len, &cap, sizeof *v);
		p = &v[len++];
		memset(p, 0, sizeof *p);
		store_col_copy(p->code, sizeof p->code, s, 0);
		store_col_copy(p->name, sizeof p->name, s, 1);
		store_col_copy(p->group, sizeof p->group, s, 2);
		store_col_copy(p->agency, sizeof p->agency, s, 3);
		store_col_copy(p->course_id, sizeof p->course_id, s, 4);
		p->enrolled = (time_t)sqlite3_column_int64(s, 5);
		p->modules_done = sqlite3_column_int(s, 6);
		store_col_copy(p->module_id, sizeof p->module_id, s, 7);
		store_col_copy(p->page_id, sizeof p->page_id, s, 8);
		p->last_activity = (time_t)sqlite3_column_int64(s, 9);
		p->attempts = sqlite3_column_int(s, 10);
		p->quizzes_passed = sqlite3_column_int(s, 11);
		p->best_scaled = sqlite3_column_double(s, 12);
		p->completed = (time_t)sqlite3_column_int64(s, 13);
		p->passed = sqlite3_column_int(s, 14);
		p->hours = sqlite3_column_double(s, 15);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_dberr(st, e, rc);
	}
	*list = v;
	*n = len;
	return 0;
}

int
store_report_by_parse(const char *s, enum store_report_by *by)
{
	if (strcmp(s, "course") == 0)
		*by = STORE_REPORT_COURSE;
	else if (strcmp(s, "group") == 0)
		*by = STORE_REPORT_GROUP;
	else if (strcmp(s, "agency") == 0)
		*by = STORE_REPORT_AGENCY;
	else
		return -1;
	return 0;
}

int
store_report(struct store *st, enum store_report_by by,
    struct store_report_row **rows, size_t *n, struct err *e)
{
	static const char	*keys[] = {
		[STORE_REPORT_COURSE] = "en.course_id",
		[STORE_REPORT_GROUP] = "o.group_id",
		[STORE_REPORT_AGENCY] = "o.agency",
	};
	sqlite3_stmt		*s;
	struct store_report_row	*v = NULL, *r;
	size_t			 len = 0, cap = 0, i;
	char			*sql;
	int			 rc, g;

	*rows = NULL;
	*n = 0;
	if (by == STORE_REPORT_GROUP) {
		/* Every group gets a row, in vocab order, even when empty. */
		v = xcalloc(GROUP_COUNT, sizeof *v);
		len = cap = GROUP_COUNT;
		for (i = 0; i < GROUP_COUNT; i++)
			snprintf(v[i].key, sizeof v[i].key, "%s",
			    vocab_groups[i].id);
	}
	xasprintf(&sql,
	    "SELECT %s AS k, count(DISTINCT en.officer_id),"
	    "  count(DISTINCT CASE WHEN en.completed IS NOT NULL"
	    "   THEN en.officer_id END),"
	    "  count(DISTINCT CASE WHEN en.passed THEN en.officer_id END),"
	    "  total(en.hours)"
	    " FROM enrolment en JOIN officer o ON o.id = en.officer_id"
	    " GROUP BY k ORDER BY k", keys[by]);
	s = store_prepare(st, e, sql, NULL);
	free(sql);
	if (s == NULL) {
		free(v);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (by == STORE_REPORT_GROUP) {
			g = vocab_find(vocab_groups, GROUP_COUNT,
			    store_col_text(s, 0));
			if (g == -1)
				continue;	/* the CHECK prevents it */
			r = &v[g];
		} else {
			v = store_grow(v, len, &cap, sizeof *v);
			r = &v[len++];
			memset(r, 0, sizeof *r);
			store_col_copy(r->key, sizeof r->key, s, 0);
		}
		r->enrolled = sqlite3_column_int64(s, 1);
		r->completed = sqlite3_column_int64(s, 2);
		r->passed = sqlite3_column_int64(s, 3);
		r->hours = sqlite3_column_double(s, 4);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_dberr(st, e, rc);
	}
	*rows = v;
	*n = len;
	return 0;
}

/* Modules and pages ------------------------------------------------------ */

int
store_modules(struct store *st, int64_t officer_id, const char *course_id,
    struct store_module_state **list, size_t *n, struct err *e)
{
	sqlite3_stmt			*s;
	struct store_module_state	*v = NULL, *m;
	size_t				 len = 0, cap = 0;
	int				 rc;

	*list = NULL;
	*n = 0;
	s = store_prepare(st, e, "SELECT module_id, page_id, done, done_at "
	    "FROM module_progress WHERE officer_id = ? AND course_id = ? "
	    "ORDER BY module_id", "It", officer_id, course_id);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = store_grow(v, len, &cap, sizeof *v);
		m = &v[len++];
		memset(m, 0, sizeof *m);
		store_col_copy(m->module_id, sizeof m->module_id, s, 0);
		store_col_copy(m->page_id, sizeof m->page_id, s, 1);
		m->done = sqlite3_column_int(s, 2);
		m->done_at = (time_t)sqlite3_column_int64(s, 3);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_dberr(st, e, rc);
	}
	*list = v;
	*n = len;
	return 0;
}

int
store_page_seen(struct store *st, int64_t officer_id, const char *course_id,
    const char *module_id, const char *page_id, struct err *e)
{
	sqlite3_stmt	*s;
	char		 ref[2 * STORE_ID_MAX + 2];
	int		 rc;

	snprintf(ref, sizeof ref, "%s/%s", module_id, page_id);
	s = store_prepare(st, e, "SELECT 1 FROM event WHERE kind = 'page' AND "
	    "officer_id = ? AND course_id = ? AND ref = ? LIMIT 1", "Itt",
	    officer_id, course_id, ref);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_dberr(st, e, rc);
}
