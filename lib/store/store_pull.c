#include "store/store_pull.h"

/*
 * Merging statements pulled from the LRS (store_pull.h). Each statement is
 * one transaction: its event journal row (the statement id, which makes a
 * second merge a no-op) and the rows it adds. Nothing here writes the
 * outbox, and nothing replaces a value this machine recorded.
 */

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "store/store_impl.h"
#include "store/store_review.h"

static const char *const store_pull_kinds[] = {
	[STORE_PULL_PAGE] = "page",
	[STORE_PULL_ATTEMPT] = "attempt",
	[STORE_PULL_ANSWER] = "answer",
	[STORE_PULL_RESULT] = "result",
	[STORE_PULL_MODULE] = "module",
	[STORE_PULL_COURSE] = "course",
	[STORE_PULL_LOG] = "log",
	[STORE_PULL_REVIEW] = "review",
};

/* The fields 'p->kind' needs. */
static int
store_pull_check(const struct store_pulled *p, struct err *e)
{
	if ((unsigned)p->kind > STORE_PULL_REVIEW)
		return err_set(e, "unknown pulled kind %d", (int)p->kind);
	if (store_check_id("statement id", p->stmt_id, e) == -1)
		return -1;
	if (p->kind != STORE_PULL_LOG &&
	    store_check_id("course id", p->course_id, e) == -1)
		return -1;
	switch (p->kind) {
	case STORE_PULL_PAGE:
		if (store_check_id("page id", p->page_id, e) == -1)
			return -1;
		/* FALLTHROUGH */
	case STORE_PULL_MODULE:
		return store_check_id("module id", p->module_id, e);
	case STORE_PULL_ANSWER:
		if (store_check_id("question id", p->question_id, e) == -1)
			return -1;
		if (p->response == NULL)
			return err_set(e, "pulled answer without a response");
		/* FALLTHROUGH */
	case STORE_PULL_ATTEMPT:
	case STORE_PULL_RESULT:
		if (store_check_id("quiz id", p->quiz_id, e) == -1)
			return -1;
		if (p->registration == NULL ||
		    strlen(p->registration) != STORE_UUID_LEN)
			return err_set(e, "pulled %s without an attempt's "
			    "registration", store_pull_kinds[p->kind]);
		return 0;
	case STORE_PULL_COURSE:
		return 0;
	case STORE_PULL_LOG:
		if (p->log_kind == NULL || p->area == NULL || p->day == NULL ||
		    p->minutes < 1 || p->minutes > 1440)
			return err_set(e, "pulled log entry incomplete");
		return 0;
	case STORE_PULL_REVIEW:
		if (store_check_id("quiz id", p->quiz_id, e) == -1 ||
		    store_check_id("question id", p->question_id, e) == -1)
			return -1;
		if (!(p->difficulty >= 1 && p->difficulty <= 10 &&
		    p->stability > 0 && p->reps >= 1 && p->lapses >= 0) ||
		    (p->qhash != NULL && strlen(p->qhash) > 64))
			return err_set(e, "pulled review state out of range");
		return 0;
	}
	return 0;
}

/*
 * A pulled miss: the question enters the review set unless it is there
 * (store_pull.h), new and due a day after the miss (FSRS never gives a
 * miss less than a day) with no hash, so learn_review_sync() schedules it.
 */
static int
store_pull_missed(struct store *st, const struct store_pulled *p,
    struct err *e)
{
	if (p->success != 0)
		return 0;
	return store_exec(st, e, "INSERT INTO review (officer_id, course_id, "
	    "quiz_id, question_id, qhash, difficulty, stability, reps, "
	    "lapses, last_review, due, added) VALUES (?, ?, ?, ?, '', 0, 0, "
	    "0, 0, ?, ?, ?) ON CONFLICT DO NOTHING", "ItttTTT",
	    p->officer_id, p->course_id, p->quiz_id, p->question_id, p->at,
	    p->at + 86400, p->at) == -1 ? -1 : 0;
}

/*
 * A pulled review: its state replaces the row's when it is newer than the
 * row's last review (or makes the row); its answer joins the review log
 * with the grade learn_review_answer() gives (store_review_grade()).
 */
static int
store_pull_review(struct store *st, const struct store_pulled *p,
    struct err *e)
{
	struct store_review		r;
	struct store_review_answer	a;

	if (store_exec(st, e, "INSERT INTO review (officer_id, course_id, "
	    "quiz_id, question_id, qhash, difficulty, stability, reps, "
	    "lapses, last_review, due, added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?10) ON CONFLICT (officer_id, course_id, "
	    "quiz_id, question_id) DO UPDATE SET qhash = excluded.qhash, "
	    "difficulty = excluded.difficulty, stability = "
	    "excluded.stability, reps = excluded.reps, lapses = "
	    "excluded.lapses, last_review = excluded.last_review, due = "
	    "excluded.due WHERE review.last_review < excluded.last_review",
	    "IttttddiiTT", p->officer_id, p->course_id, p->quiz_id,
	    p->question_id, p->qhash != NULL ? p->qhash : "", p->difficulty,
	    p->stability, p->reps, p->lapses, p->at, p->due) == -1)
		return -1;
	/* the ids fit: store_pull_check() */
	memset(&r, 0, sizeof r);
	r.officer_id = p->officer_id;
	snprintf(r.course_id, sizeof r.course_id, "%s", p->course_id);
	snprintf(r.quiz_id, sizeof r.quiz_id, "%s", p->quiz_id);
	snprintf(r.question_id, sizeof r.question_id, "%s", p->question_id);
	r.difficulty = p->difficulty;
	r.stability = p->stability;
	r.due = p->due;
	a.response = p->response;
	a.correct = p->success > 0;
	a.grade = store_review_grade(a.correct, p->raw);
	a.at = p->at;
	return store_review_log_add(st, &r, &a, p->stmt_id, e);
}

/* The enrolment a course event needs (enrolled when it happened). */
static int
store_pull_enrol(struct store *st, const struct store_pulled *p,
    struct err *e)
{
	return store_exec(st, e, "INSERT INTO enrolment (officer_id, "
	    "course_id, enrolled) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
	    "ItT", p->officer_id, p->course_id, p->at) == -1 ? -1 : 0;
}

/*
 * The attempt an answer or a result belongs to: made here, merged before,
 * or (its "attempted" statement not seen yet) a remote one started now.
 */
static int
store_pull_attempt(struct store *st, const struct store_pulled *p,
    struct err *e)
{
	return store_exec(st, e, "INSERT INTO attempt (id, officer_id, "
	    "course_id, course_version, content_hash, quiz_id, "
	    "question_order, started, remote) VALUES (?, ?, ?, ?, ?, ?, "
	    "'[]', ?, 1) ON CONFLICT DO UPDATE SET started = "
	    "min(started, excluded.started) WHERE remote = 1", "tIttttT",
	    p->registration, p->officer_id, p->course_id,
	    p->course_version != NULL ? p->course_version : "",
	    p->content_hash != NULL ? p->content_hash : "", p->quiz_id,
	    p->at) == -1 ? -1 : 0;
}

static int
store_pull_rows(struct store *st, const struct store_pulled *p, char *ref,
    size_t len, struct err *e)
{
	double	scaled;

	switch (p->kind) {
	case STORE_PULL_PAGE:
		snprintf(ref, len, "%s/%s", p->module_id, p->page_id);
		/* the resume point follows the other machines (the newest
		 * page) until a page of the course is read here */
		return store_pull_enrol(st, p, e) == -1 ||
		    store_exec(st, e, "UPDATE enrolment SET module_id = ?1, "
		    "page_id = ?2, page_at = ?3 WHERE officer_id = ?4 AND "
		    "course_id = ?5 AND coalesce(page_at, 0) <= ?3 AND NOT "
		    "EXISTS (SELECT 1 FROM event WHERE officer_id = ?4 AND "
		    "course_id = ?5 AND kind = 'page' AND pulled = 0)",
		    "ttTIt", p->module_id, p->page_id, p->at, p->officer_id,
		    p->course_id) == -1 ||
		    store_exec(st, e, "INSERT INTO module_progress (officer_id, "
		    "course_id, module_id, page_id, updated) VALUES "
		    "(?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", "ItttT",
		    p->officer_id, p->course_id, p->module_id, p->page_id,
		    p->at) == -1 ? -1 : 0;
	case STORE_PULL_MODULE:
		snprintf(ref, len, "%s", p->module_id);
		return store_pull_enrol(st, p, e) == -1 ||
		    store_exec(st, e, "INSERT INTO module_progress (officer_id, "
		    "course_id, module_id, updated, done, done_at) VALUES "
		    "(?, ?, ?, ?, 1, ?) ON CONFLICT DO UPDATE SET done = 1, "
		    "done_at = excluded.done_at WHERE done = 0", "IttTT",
		    p->officer_id, p->course_id, p->module_id, p->at,
		    p->at) == -1 ? -1 : 0;
	case STORE_PULL_COURSE:
		snprintf(ref, len, "%s", p->course_id);
		return store_pull_enrol(st, p, e) == -1 ||
		    store_exec(st, e, "UPDATE enrolment SET completed = "
		    "coalesce(completed, ?), hours = max(hours, ?), passed = "
		    "max(passed, ?) WHERE officer_id = ? AND course_id = ?",
		    "TdiIt", p->at, p->hours > 0 ? p->hours : 0.0,
		    p->passed ? 1 : 0, p->officer_id, p->course_id) == -1 ?
		    -1 : 0;
	case STORE_PULL_ATTEMPT:
		snprintf(ref, len, "%s", p->registration);
		return store_pull_enrol(st, p, e) == -1 ||
		    store_pull_attempt(st, p, e) == -1 ? -1 : 0;
	case STORE_PULL_ANSWER:
		snprintf(ref, len, "%s/%s", p->registration, p->question_id);
		/* a changed answer replaces the older one, in remote
		 * attempts only */
		return store_pull_enrol(st, p, e) == -1 ||
		    store_pull_attempt(st, p, e) == -1 ||
		    store_exec(st, e, "INSERT INTO answer (attempt_id, "
		    "question_id, response, correct, points, answered) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET "
		    "response = excluded.response, correct = excluded.correct, "
		    "points = excluded.points, answered = excluded.answered "
		    "WHERE answered <= excluded.answered AND (SELECT remote "
		    "FROM attempt WHERE id = ?1) = 1", "tttidT",
		    p->registration, p->question_id, p->response,
		    p->success > 0 ? 1 : 0, p->raw, p->at) == -1 ||
		    store_pull_missed(st, p, e) == -1 ? -1 : 0;
	case STORE_PULL_REVIEW:
		snprintf(ref, len, "%s/%s", p->quiz_id, p->question_id);
		return store_pull_enrol(st, p, e) == -1 ||
		    store_pull_review(st, p, e) == -1 ? -1 : 0;
	case STORE_PULL_RESULT:
		snprintf(ref, len, "%s", p->registration);
		scaled = p->max > 0 ? p->raw / p->max : 0;
		/* a result without a pass mark counts as passed, as here */
		return store_pull_enrol(st, p, e) == -1 ||
		    store_pull_attempt(st, p, e) == -1 ||
		    store_exec(st, e, "UPDATE attempt SET finished = ?, "
		    "points = ?, max_points = ?, scaled = ?, passed = ? "
		    "WHERE id = ? AND remote = 1 AND finished IS NULL",
		    "Tdddit", p->at, p->raw, p->max, scaled,
		    p->success != 0 ? 1 : 0, p->registration) == -1 ? -1 : 0;
	case STORE_PULL_LOG:
		if (store_exec(st, e, "INSERT INTO practice_log (officer_id, "
		    "day, kind, area, minutes, reflection, created) VALUES "
		    "(?, ?, ?, ?, ?, ?, ?)", "ItttitT", p->officer_id, p->day,
		    p->log_kind, p->area, p->minutes, p->response != NULL ?
		    p->response : "", p->at) == -1)
			return -1;
		snprintf(ref, len, "log/%lld",
		    (long long)sqlite3_last_insert_rowid(st->db));
		return 0;
	}
	return 0;
}

int
store_pull_merge(struct store *st, const struct store_pulled *p,
    struct err *e)
{
	char	ref[2 * STORE_ID_MAX + 2];
	int	rc;

	if (store_pull_check(p, e) == -1)
		return -1;
	if (store_begin(st, e) == -1)
		return -1;
	rc = store_exec(st, e, "INSERT INTO event (stmt_id, kind, officer_id, "
	    "course_id, ref, at, pulled) VALUES (?, ?, ?, ?, '', ?, 1) ON "
	    "CONFLICT DO NOTHING", "ttItT", p->stmt_id, store_pull_kinds[p->kind],
	    p->officer_id, p->kind == STORE_PULL_LOG ? "" : p->course_id,
	    p->at);
	if (rc == 0) {		/* made here or merged before */
		store_rollback(st);
		return 0;
	}
	if (rc == -1 || store_pull_rows(st, p, ref, sizeof ref, e) == -1 ||
	    store_exec(st, e, "UPDATE event SET ref = ? WHERE stmt_id = ?",
	    "tt", ref, p->stmt_id) == -1)
		goto fail;
	return store_commit(st, e) == -1 ? -1 : 1;
fail:
	store_rollback(st);
	return -1;
}

int
store_pull_since(struct store *st, int64_t officer_id, char *since,
    size_t len, struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	since[0] = '\0';
	if ((s = store_prepare(st, e, "SELECT since FROM pull_cursor WHERE "
	    "officer_id = ?", "I", officer_id)) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		store_col_copy(since, len, s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_dberr(st, e, rc);
	return 0;
}

int
store_pull_set_since(struct store *st, int64_t officer_id, const char *since,
    time_t now, struct err *e)
{
	return store_write(st, e, "INSERT INTO pull_cursor (officer_id, since, "
	    "at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET since = "
	    "excluded.since, at = excluded.at", "ItT", officer_id, since,
	    now) == -1 ? -1 : 0;
}
