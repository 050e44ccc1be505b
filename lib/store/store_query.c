#include "store/store_query.h"

/*
 * Summaries across officers and courses: progress rows and report totals.
 * Read-only store handles can call these.
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

static void
store_progress_row(sqlite3_stmt *s, void *out)
{
	struct store_progress	*p = out;

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

int
store_progress(struct store *st, int64_t officer_id, const char *course_id,
    struct store_progress **list, size_t *n, struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e,
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
	    " ORDER BY o.code, en.course_id", "It", officer_id, course_id),
	    sizeof **list, store_progress_row, NULL, &v, n, e);
	*list = v;
	return rc;
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

static void
store_report_row(sqlite3_stmt *s, void *out)
{
	struct store_report_row	*r = out;

	store_col_copy(r->key, sizeof r->key, s, 0);
	r->enrolled = sqlite3_column_int64(s, 1);
	r->completed = sqlite3_column_int64(s, 2);
	r->passed = sqlite3_column_int64(s, 3);
	r->hours = sqlite3_column_double(s, 4);
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
	struct store_report_row	*v, *g;
	void			*got;
	size_t			 len, i;
	char			*sql;
	int			 rc, k;

	xasprintf(&sql,
	    "SELECT %s AS k, count(DISTINCT en.officer_id),"
	    "  count(DISTINCT CASE WHEN en.completed IS NOT NULL"
	    "   THEN en.officer_id END),"
	    "  count(DISTINCT CASE WHEN en.passed THEN en.officer_id END),"
	    "  total(en.hours)"
	    " FROM enrolment en JOIN officer o ON o.id = en.officer_id"
	    " GROUP BY k ORDER BY k", keys[by]);
	rc = store_rows(st, store_prepare(st, e, sql, NULL), sizeof *v,
	    store_report_row, NULL, &got, &len, e);
	free(sql);
	*rows = got;
	*n = len;
	if (rc == -1 || by != STORE_REPORT_GROUP)
		return rc;

	/* Every group gets a row, in vocab order, even when empty. */
	v = got;
	g = xcalloc(GROUP_COUNT, sizeof *g);
	for (i = 0; i < GROUP_COUNT; i++)
		snprintf(g[i].key, sizeof g[i].key, "%s", vocab_groups[i].id);
	for (i = 0; i < len; i++)	/* the CHECK allows only these */
		if ((k = vocab_find(vocab_groups, GROUP_COUNT, v[i].key)) != -1)
			g[k] = v[i];
	free(v);
	*rows = g;
	*n = GROUP_COUNT;
	return 0;
}
