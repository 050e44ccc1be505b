#include "store/store_event.h"

/*
 * Writing learning events. Each event function is one
 * IMMEDIATE transaction holding the state change, its journal row and its
 * outbox statement (store_event_add), so the three exist together or not
 * at all.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "store/store_impl.h"
#include "store/store_outbox.h"
#include "text/text.h"
#include "content/vocab.h"
#include "base/xalloc.h"

int
store_check_id(const char *what, const char *id, struct err *e)
{
	if (id == NULL || *id == '\0')
		return err_set(e, "missing %s", what);
	if (strlen(id) >= STORE_ID_MAX)
		return err_set(e, "%s '%.40s...' is too long", what, id);
	return 0;
}

static int
store_need_stmt(const char *event, const struct store_stmt *stmt,
    struct err *e)
{
	if (stmt == NULL || stmt->id == NULL || *stmt->id == '\0' ||
	    stmt->json == NULL || *stmt->json == '\0')
		return err_set(e, "%s needs its xAPI statement", event);
	return 0;
}

int
store_event_add(struct store *st, const char *kind, int64_t officer_id,
    const char *course_id, const char *ref, time_t at,
    const struct store_stmt *stmt, struct err *e)
{
	int	rc;

	if (stmt == NULL)
		return 0;
	if (store_need_stmt(kind, stmt, e) == -1)
		return -1;
	rc = store_exec(st, e, "INSERT INTO outbox (stmt_id, created, json, "
	    "prio) VALUES (?, ?, ?, ?) ON CONFLICT (stmt_id) DO NOTHING",
	    "tTti", stmt->id, at, stmt->json, (int)store_ob_prio_of(kind));
	if (rc == 0)
		return err_set(e, "statement '%s' is already in the outbox",
		    stmt->id);
	if (rc == -1)
		return -1;
	if (store_exec(st, e, "INSERT INTO event (stmt_id, kind, officer_id, "
	    "course_id, ref, at) VALUES (?, ?, ?, ?, ?, ?)", "ttIttT",
	    stmt->id, kind, officer_id, course_id, ref, at) == -1)
		return -1;
	return 0;
}

/* Fail unless the officer is enrolled in the course. */
static int
store_need_enrolment(struct store *st, int64_t officer_id,
    const char *course_id, struct err *e)
{
	int	rc;

	rc = store_row(st, store_prepare(st, e, "SELECT 1 FROM enrolment "
	    "WHERE officer_id = ? AND course_id = ?", "It", officer_id,
	    course_id), NULL, NULL, e);
	if (rc == 1)
		return err_set(e, "officer %lld is not enrolled in '%s'",
		    (long long)officer_id, course_id);
	return rc;
}

/* Events ----------------------------------------------------------------- */

int
store_enrol(struct store *st, int64_t officer_id, const char *course_id,
    time_t now, struct err *e)
{
	int	rc;

	if (store_check_id("course id", course_id, e) == -1)
		return -1;
	rc = store_write(st, e, "INSERT INTO enrolment (officer_id, course_id, "
	    "enrolled) SELECT id, ?, ? FROM officer WHERE id = ? "
	    "ON CONFLICT DO NOTHING", "tTI", course_id, now, officer_id);
	if (rc == -1)
		return -1;
	if (rc == 0 && store_need_enrolment(st, officer_id, course_id,
	    NULL) == -1)
		return err_set(e, "no officer with id %lld",
		    (long long)officer_id);
	return 0;
}

int
store_record_page(struct store *st, const struct store_page *p,
    const struct store_stmt *stmt, struct err *e)
{
	char	ref[2 * STORE_ID_MAX + 2];

	/* page ids are unique per module: the event names both */
	snprintf(ref, sizeof ref, "%s/%s", p->module_id, p->page_id);
	if (store_check_id("course id", p->course_id, e) == -1 ||
	    store_check_id("module id", p->module_id, e) == -1 ||
	    store_check_id("page id", p->page_id, e) == -1)
		return -1;
	if (store_begin(st, e) == -1)
		return -1;
	if (store_need_enrolment(st, p->officer_id, p->course_id, e) == -1 ||
	    store_exec(st, e, "UPDATE enrolment SET module_id = ?, "
	    "page_id = ?, page_at = ? WHERE officer_id = ? AND course_id = ?",
	    "ttTIt", p->module_id, p->page_id, p->at, p->officer_id,
	    p->course_id) == -1 ||
	    store_exec(st, e, "INSERT INTO module_progress (officer_id, "
	    "course_id, module_id, page_id, updated) VALUES (?, ?, ?, ?, ?) "
	    "ON CONFLICT DO UPDATE SET page_id = excluded.page_id, "
	    "updated = excluded.updated", "ItttT", p->officer_id, p->course_id,
	    p->module_id, p->page_id, p->at) == -1 ||
	    store_event_add(st, "page", p->officer_id, p->course_id,
	    ref, p->at, stmt, e) == -1)
		goto fail;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_module_done(struct store *st, int64_t officer_id, const char *course_id,
    const char *module_id, time_t now, const struct store_stmt *stmt,
    struct err *e)
{
	if (store_check_id("course id", course_id, e) == -1 ||
	    store_check_id("module id", module_id, e) == -1 ||
	    store_need_stmt("a finished module", stmt, e) == -1)
		return -1;
	if (store_begin(st, e) == -1)
		return -1;
	if (store_need_enrolment(st, officer_id, course_id, e) == -1 ||
	    store_exec(st, e, "INSERT INTO module_progress (officer_id, "
	    "course_id, module_id, updated, done, done_at) "
	    "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT DO UPDATE SET "
	    "updated = excluded.updated, done = 1, "
	    "done_at = coalesce(done_at, excluded.done_at)", "IttTT",
	    officer_id, course_id, module_id, now, now) == -1 ||
	    store_event_add(st, "module", officer_id, course_id, module_id,
	    now, stmt, e) == -1)
		goto fail;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_course_complete(struct store *st, int64_t officer_id,
    const char *course_id, double hours, int passed, time_t now,
    const struct store_stmt *stmt, struct err *e)
{
	if (store_check_id("course id", course_id, e) == -1 ||
	    store_need_stmt("a completed course", stmt, e) == -1)
		return -1;
	if (hours < 0)
		return err_set(e, "negative hours for '%s'", course_id);
	if (store_begin(st, e) == -1)
		return -1;
	if (store_need_enrolment(st, officer_id, course_id, e) == -1 ||
	    store_exec(st, e, "UPDATE enrolment SET "
	    "completed = coalesce(completed, ?), hours = max(hours, ?), "
	    "passed = max(passed, ?) WHERE officer_id = ? AND course_id = ?",
	    "TdiIt", now, hours, passed ? 1 : 0, officer_id, course_id) == -1 ||
	    store_event_add(st, "course", officer_id, course_id, course_id,
	    now, stmt, e) == -1)
		goto fail;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_attempt_start(struct store *st, struct store_attempt *a,
    const struct store_stmt *stmt, struct err *e)
{
	int	made = 0, rc;

	if (store_check_id("course id", a->course_id, e) == -1 ||
	    store_check_id("quiz id", a->quiz_id, e) == -1)
		return -1;
	if (a->order == NULL || *a->order == '\0')
		return err_set(e, "attempt at '%s' has no question order",
		    a->quiz_id);
	if (a->id[0] == '\0') {
		store_uuid(a->id);
		made = 1;
	}
	if (store_begin(st, e) == -1)
		goto fail_id;
	if (store_need_enrolment(st, a->officer_id, a->course_id, e) == -1)
		goto fail;
	rc = store_exec(st, e, "INSERT INTO attempt (id, officer_id, "
	    "course_id, course_version, content_hash, quiz_id, question_order, "
	    "started, time_limit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT DO NOTHING", "tItttttTI", a->id, a->officer_id,
	    a->course_id, a->course_version, a->content_hash, a->quiz_id,
	    a->order, a->started, (int64_t)a->time_limit);
	if (rc == 0)
		err_set(e, "attempt '%s' already exists", a->id);
	if (rc != 1)
		goto fail;
	if (store_event_add(st, "attempt", a->officer_id, a->course_id, a->id,
	    a->started, stmt, e) == -1)
		goto fail;
	if (store_commit(st, e) == -1)
		goto fail_id;
	a->finished = 0;
	a->passed = -1;
	return 0;
fail:
	store_rollback(st);
fail_id:
	if (made)
		a->id[0] = '\0';
	return -1;
}

/* Who owns an attempt, and whether it is finished. */
struct store_owner {
	int64_t	officer_id;
	char	course_id[STORE_ID_MAX];
	int	finished;
};

static void
store_owner_row(sqlite3_stmt *s, void *out)
{
	struct store_owner	*o = out;

	o->officer_id = sqlite3_column_int64(s, 0);
	store_col_copy(o->course_id, sizeof o->course_id, s, 1);
	o->finished = sqlite3_column_int(s, 2);
}

/*
 * Inside a transaction: the officer and course of an open attempt, or an
 * error if it does not exist or is finished.
 */
static int
store_attempt_owner(struct store *st, const char *id, int64_t *officer_id,
    char course_id[STORE_ID_MAX], struct err *e)
{
	struct store_owner	o;
	int			rc;

	rc = store_row(st, store_prepare(st, e, "SELECT officer_id, course_id, "
	    "finished IS NOT NULL FROM attempt WHERE id = ?", "t", id),
	    store_owner_row, &o, e);
	if (rc == 1)
		return err_set(e, "no attempt '%s'", id);
	if (rc == -1)
		return -1;
	if (o.finished)
		return err_set(e, "attempt '%s' is already finished", id);
	*officer_id = o.officer_id;
	memcpy(course_id, o.course_id, STORE_ID_MAX);
	return 0;
}

int
store_attempt_finish(struct store *st, const char *attempt_id,
    const struct store_score *sc, time_t now, const struct store_stmt *stmt,
    struct err *e)
{
	char	course_id[STORE_ID_MAX];
	int64_t	officer_id;

	if (store_need_stmt("a finished attempt", stmt, e) == -1)
		return -1;
	if (store_begin(st, e) == -1)
		return -1;
	if (store_attempt_owner(st, attempt_id, &officer_id, course_id,
	    e) == -1 ||
	    store_exec(st, e, "UPDATE attempt SET finished = ?, points = ?, "
	    "max_points = ?, scaled = ?, passed = ? WHERE id = ?", "Tdddit",
	    now, sc->points, sc->max_points, sc->scaled, sc->passed ? 1 : 0,
	    attempt_id) == -1 ||
	    store_event_add(st, "result", officer_id, course_id, attempt_id,
	    now, stmt, e) == -1)
		goto fail;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_attempt_void(struct store *st, const char *attempt_id, time_t now,
    struct err *e)
{
	char	course_id[STORE_ID_MAX];
	int64_t	officer_id;

	if (store_begin(st, e) == -1)
		return -1;
	/* finished with no 'passed': the mark of a voided attempt */
	if (store_attempt_owner(st, attempt_id, &officer_id, course_id,
	    e) == -1 ||
	    store_exec(st, e, "UPDATE attempt SET finished = ?, passed = NULL "
	    "WHERE id = ?", "Tt", now, attempt_id) == -1)
		goto fail;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_record_answer(struct store *st, const struct store_answer *a,
    const struct store_stmt *stmt, struct err *e)
{
	char	course_id[STORE_ID_MAX], ref[STORE_UUID_LEN + 1 + STORE_ID_MAX];
	int64_t	officer_id;

	if (store_check_id("question id", a->question_id, e) == -1 ||
	    store_need_stmt("an answer", stmt, e) == -1)
		return -1;
	if (a->response == NULL)
		return err_set(e, "answer to '%s' has no response",
		    a->question_id);
	snprintf(ref, sizeof ref, "%s/%s", a->attempt_id, a->question_id);
	if (store_begin(st, e) == -1)
		return -1;
	if (store_attempt_owner(st, a->attempt_id, &officer_id, course_id,
	    e) == -1 ||
	    store_exec(st, e, "INSERT INTO answer (attempt_id, question_id, "
	    "response, correct, points, answered) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT DO UPDATE SET response = excluded.response, "
	    "correct = excluded.correct, points = excluded.points, "
	    "answered = excluded.answered", "tttidT", a->attempt_id,
	    a->question_id, a->response, a->correct ? 1 : 0, a->points,
	    a->answered) == -1 ||
	    store_event_add(st, "answer", officer_id, course_id, ref,
	    a->answered, stmt, e) == -1)
		goto fail;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}
