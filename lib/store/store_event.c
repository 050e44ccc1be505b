#include "store/store.h"

/*
 * Writing: officers and learning events. Each event function is one
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
#include "base/esc.h"
#include "store/store_impl.h"
#include "text/text.h"
#include "content/vocab.h"
#include "base/xalloc.h"

/* Check an id argument: present and short enough for the fixed fields. */
static int
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
	rc = store_exec(st, e, "INSERT INTO outbox (stmt_id, created, json) "
	    "VALUES (?, ?, ?) ON CONFLICT (stmt_id) DO NOTHING", "tTt",
	    stmt->id, at, stmt->json);
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
	sqlite3_stmt	*s;
	int		 rc;

	s = store_prepare(st, e, "SELECT 1 FROM enrolment WHERE officer_id = ? "
	    "AND course_id = ?", "It", officer_id, course_id);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return err_set(e, "officer %lld is not enrolled in '%s'",
		    (long long)officer_id, course_id);
	if (rc != SQLITE_ROW)
		return store_dberr(st, e, rc);
	return 0;
}

/* Officers --------------------------------------------------------------- */

/*
 * Check one text field of an officer: it fits a field of 'size' bytes
 * with its NUL, is valid UTF-8 and holds no control character (a line
 * break would break 'user list' and the CSV export). 'len' is its length
 * in bytes; a code also takes no spaces (it is an id: kiosk search, xAPI).
 */
static int
store_officer_text(const char *what, const char *s, size_t len, size_t size,
    int is_code, struct err *e)
{
	char		name[64];
	size_t		i, n, chars = 0;
	uint32_t	cp;

	for (i = 0; i < len; i += n, chars++)
		n = text_decode(s + i, len - i, &cp);
	if (len >= size)
		return err_set(e, "%s is too long: %zu bytes (%zu characters); "
		    "at most %zu bytes (%zu Thai characters)", what, len, chars,
		    size - 1, (size - 1) / 3);
	if (!text_valid_utf8(s, len, &i))
		return err_set(e, "%s is not valid UTF-8 (at byte %zu)", what,
		    i + 1);
	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\r')
			return err_set(e, "%s contains a line break", what);
		if (esc_cp_unsafe(cp))
			return err_set(e, "%s contains %s", what,
			    esc_cp_describe(cp, name, sizeof name));
		if (is_code && (cp == ' ' || cp == 0xa0 || cp == 0x3000))
			return err_set(e, "%s '%s' contains a space", what, s);
	}
	return 0;
}

/* The checks of store_officer_set() on a filled struct (NULs included). */
static int
store_officer_valid(const struct store_officer *o, struct err *e)
{
	if (o->code[0] == '\0')
		return err_set(e, "missing officer code");
	if (store_officer_text("officer code", o->code,
	    strnlen(o->code, sizeof o->code), sizeof o->code, 1, e) == -1)
		return -1;
	if (o->name[0] == '\0')
		return err_set(e, "officer '%s' has no name", o->code);
	if (store_officer_text("name", o->name,
	    strnlen(o->name, sizeof o->name), sizeof o->name, 0, e) == -1 ||
	    store_officer_text("agency", o->agency,
	    strnlen(o->agency, sizeof o->agency), sizeof o->agency, 0, e) == -1)
		return -1;
	if (memchr(o->group, '\0', sizeof o->group) == NULL ||
	    vocab_find(vocab_groups, GROUP_COUNT, o->group) == -1)
		return err_set(e, "unknown group '%.*s' (use executive, "
		    "director, policy, service, technology or other)",
		    (int)sizeof o->group, o->group);
	if (memchr(o->lang, '\0', sizeof o->lang) == NULL ||
	    (o->lang[0] != '\0' && strcmp(o->lang, "th") != 0 &&
	    strcmp(o->lang, "en") != 0))
		return err_set(e, "unknown language '%.*s' (use th or en)",
		    (int)sizeof o->lang, o->lang);
	return 0;
}

int
store_officer_set(struct store_officer *o, const char *code,
    const char *name, const char *group, const char *agency,
    const char *lang, struct err *e)
{
	if (agency == NULL)
		agency = "";
	if (lang == NULL || *lang == '\0')
		lang = "th";
	if (code == NULL || *code == '\0')
		return err_set(e, "missing officer code");
	if (store_officer_text("officer code", code, strlen(code),
	    sizeof o->code, 1, e) == -1)
		return -1;
	if (name == NULL || *name == '\0')
		return err_set(e, "officer '%s' has no name", code);
	if (store_officer_text("name", name, strlen(name), sizeof o->name, 0,
	    e) == -1 ||
	    store_officer_text("agency", agency, strlen(agency),
	    sizeof o->agency, 0, e) == -1)
		return -1;
	if (group == NULL || vocab_find(vocab_groups, GROUP_COUNT, group) == -1)
		return err_set(e, "unknown group '%s' (use executive, "
		    "director, policy, service, technology or other)",
		    group != NULL ? group : "");
	if (strcmp(lang, "th") != 0 && strcmp(lang, "en") != 0)
		return err_set(e, "unknown language '%s' (use th or en)", lang);
	/* every length was checked above: nothing is cut */
	snprintf(o->code, sizeof o->code, "%s", code);
	snprintf(o->name, sizeof o->name, "%s", name);
	snprintf(o->group, sizeof o->group, "%s", group);
	snprintf(o->agency, sizeof o->agency, "%s", agency);
	snprintf(o->lang, sizeof o->lang, "%s", lang);
	return 0;
}

int
store_officer_add(struct store *st, struct store_officer *o, time_t now,
    struct err *e)
{
	int	rc;

	if (store_officer_valid(o, e) == -1)
		return -1;
	rc = store_write(st, e, "INSERT INTO officer (code, name, group_id, "
	    "agency, lang, created) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (code) DO NOTHING", "tttttT", o->code, o->name,
	    o->group, o->agency, o->lang[0] != '\0' ? o->lang : "th", now);
	if (rc == 0)
		return err_set(e, "officer '%s' already exists", o->code);
	if (rc == -1)
		return -1;
	o->id = sqlite3_last_insert_rowid(st->db);
	o->created = now;
	if (o->lang[0] == '\0')
		snprintf(o->lang, sizeof o->lang, "th");
	return 0;
}

#define OFFICER_COLS "id, code, name, group_id, agency, lang, pin_hash, " \
	"pin_failed, locked_until, created, last_seen"

static void
store_officer_row(sqlite3_stmt *s, struct store_officer *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(s, 0);
	store_col_copy(o->code, sizeof o->code, s, 1);
	store_col_copy(o->name, sizeof o->name, s, 2);
	store_col_copy(o->group, sizeof o->group, s, 3);
	store_col_copy(o->agency, sizeof o->agency, s, 4);
	store_col_copy(o->lang, sizeof o->lang, s, 5);
	store_col_copy(o->pin_hash, sizeof o->pin_hash, s, 6);
	o->pin_failed = sqlite3_column_int(s, 7);
	o->locked_until = (time_t)sqlite3_column_int64(s, 8);
	o->created = (time_t)sqlite3_column_int64(s, 9);
	o->last_seen = (time_t)sqlite3_column_int64(s, 10);
}

int
store_officer_get(struct store *st, const char *code, struct store_officer *o,
    struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	s = store_prepare(st, e, "SELECT " OFFICER_COLS " FROM officer "
	    "WHERE code = ?", "t", code);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_officer_row(s, o);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return store_dberr(st, e, rc);
}

int
store_officer_list(struct store *st, struct store_officer **list, size_t *n,
    struct err *e)
{
	sqlite3_stmt		*s;
	struct store_officer	*v = NULL;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*list = NULL;
	*n = 0;
	s = store_prepare(st, e, "SELECT " OFFICER_COLS " FROM officer "
	    "ORDER BY code", NULL);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		store_officer_row(s, &v[len++]);
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

/* Result 'rc' of an UPDATE of one officer; an unknown id is an error. */
static int
store_officer_update(int64_t id, int rc, struct err *e)
{
	if (rc == 0)
		return err_set(e, "no officer with id %lld", (long long)id);
	return rc == -1 ? -1 : 0;
}

int
store_officer_seen(struct store *st, int64_t officer_id, time_t now,
    struct err *e)
{
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET last_seen = ? WHERE id = ?", "TI", now,
	    officer_id), e);
}

int
store_officer_set_pin_hash(struct store *st, int64_t officer_id,
    const char *hash, struct err *e)
{
	struct store_officer	o;

	if (hash != NULL && strlen(hash) >= sizeof o.pin_hash)
		return err_set(e, "PIN hash too long");
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET pin_hash = ?, pin_failed = 0, "
	    "locked_until = 0 WHERE id = ?", "tI", hash, officer_id), e);
}

int
store_officer_set_pin_state(struct store *st, int64_t officer_id, int failed,
    time_t locked_until, struct err *e)
{
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET pin_failed = ?, locked_until = ? WHERE id = ?",
	    "iTI", failed, locked_until, officer_id), e);
}

int
store_officer_set_lang(struct store *st, int64_t officer_id, const char *lang,
    struct err *e)
{
	if (strcmp(lang, "th") != 0 && strcmp(lang, "en") != 0)
		return err_set(e, "unknown language '%s' (use th or en)",
		    lang);
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET lang = ? WHERE id = ?", "tI", lang,
	    officer_id), e);
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

/*
 * Inside a transaction: the officer and course of an open attempt, or an
 * error if it does not exist or is finished.
 */
static int
store_attempt_owner(struct store *st, const char *id, int64_t *officer_id,
    char course_id[STORE_ID_MAX], struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc, finished = 0;

	s = store_prepare(st, e, "SELECT officer_id, course_id, "
	    "finished IS NOT NULL FROM attempt WHERE id = ?", "t", id);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*officer_id = sqlite3_column_int64(s, 0);
		store_col_copy(course_id, STORE_ID_MAX, s, 1);
		finished = sqlite3_column_int(s, 2);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return err_set(e, "no attempt '%s'", id);
	if (rc != SQLITE_ROW)
		return store_dberr(st, e, rc);
	if (finished)
		return err_set(e, "attempt '%s' is already finished", id);
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
