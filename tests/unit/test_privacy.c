#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "helpers.h"
#include "report/personal.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_privacy.h"

/* PDPA: one officer's data read out, erased, pruned (docs/privacy.md). */

#define NOW	1800000000
#define OLD	(NOW - 400 * 86400)	/* over a year ago */

static char	dir[64], db[128];

static void
setup(void)
{
	tmp_dir_make(dir, sizeof dir, "privacy");
	snprintf(db, sizeof db, "%s/p.db", dir);
}

static void
teardown(void)
{
	tmp_dir_remove(dir);
}

TestSuite(privacy, .init = setup, .fini = teardown);

/* Officers a1 (id 1) and b2 (id 2), each with an old and a new attempt. */
static struct store *
fill(void)
{
	struct store		*st;
	struct store_officer	 o;
	struct err		 e;
	const char		*codes[] = { "a1", "b2" };
	char			 sql[4096];
	int			 i;

	err_clear(&e);
	st = store_open(db, &e);
	cr_assert_not_null(st, "%s", e.msg);
	for (i = 0; i < 2; i++) {
		memset(&o, 0, sizeof o);
		cr_assert_eq(store_officer_set(&o, codes[i], "สมชาย ใจดี",
		    "service", "กรม", NULL, &e), 0);
		cr_assert_eq(store_officer_add(st, &o, NOW, &e), 0, "%s",
		    e.msg);
	}
	cr_assert_eq(store_officer_set_pin_hash(st, 1, "$argon2id$secret",
	    &e), 0);
	store_close(st);
	for (i = 1; i <= 2; i++) {
		/* %1$d officer, %2$d now, %3$d long ago */
		snprintf(sql, sizeof sql,
		    "INSERT INTO enrolment (officer_id, course_id, enrolled, "
		    "  completed, passed, hours) VALUES (%1$d, 'c', %2$d, %2$d,"
		    "  1, 3);"
		    "INSERT INTO attempt (id, officer_id, course_id, quiz_id, "
		    "  question_order, started, finished, scaled, passed) VALUES"
		    "  ('old%1$d', %1$d, 'c', 'z', '[]', %3$d, %3$d, 1, 1),"
		    "  ('new%1$d', %1$d, 'c', 'z', '[]', %2$d, %2$d, 1, 1);"
		    "INSERT INTO answer (attempt_id, question_id, response, "
		    "  correct, answered) VALUES"
		    "  ('old%1$d', 'q', 'my answer', 1, %3$d),"
		    "  ('new%1$d', 'q', 'my answer', 1, %2$d);"
		    "INSERT INTO event (stmt_id, kind, officer_id, course_id,"
		    "  ref, at) VALUES"
		    "  ('s-old%1$d', 'answer', %1$d, 'c', 'old%1$d/q', %3$d),"
		    "  ('s-new%1$d', 'answer', %1$d, 'c', 'new%1$d/q', %2$d),"
		    "  ('s-wait%1$d', 'course', %1$d, 'c', 'c', %2$d);"
		    "INSERT INTO outbox (stmt_id, created, json, state) VALUES"
		    "  ('s-old%1$d', %3$d, '{\"actor\":\"a\"}', 'delivered'),"
		    "  ('s-new%1$d', %2$d, '{\"actor\":\"a\"}', 'delivered'),"
		    "  ('s-wait%1$d', %2$d, '{\"actor\":\"a\"}', 'pending');"
		    "INSERT INTO practice_log (officer_id, day, kind, area, "
		    "  minutes, reflection, created) VALUES (%1$d, '2026-01-01',"
		    "  'practice', 'x', 30, 'what I learnt', %2$d);",
		    i, NOW, OLD);
		sql_run(db, sql);
	}
	err_clear(&e);
	st = store_open(db, &e);
	cr_assert_not_null(st, "%s", e.msg);
	return st;
}

Test(privacy, export_holds_everything_but_the_pin)
{
	struct store	*st = fill();
	struct buf	 b;
	struct err	 e;

	buf_init(&b);
	cr_assert_eq(personal_export_json(st, 1, NOW, &b, &e), 0, "%s", e.msg);
	cr_assert(strstr(b.data, "\"format\": \"rianru-personal-data-1\""));
	cr_assert(strstr(b.data, "\"code\": \"a1\""));
	cr_assert(strstr(b.data, "\"name\": \"สมชาย ใจดี\""), "%s", b.data);
	cr_assert(strstr(b.data, "\"pin_hash\": \"set\""));
	cr_assert(strstr(b.data, "secret") == NULL, "the hash leaked");
	cr_assert(strstr(b.data, "\"response\": \"my answer\""));
	cr_assert(strstr(b.data, "\"reflection\": \"what I learnt\""));
	cr_assert(strstr(b.data, "\"json\": {"), "statement embedded");
	cr_assert(strstr(b.data, "\"enrolment\": ["));
	cr_assert(strstr(b.data, "old1"));
	/* nothing of the other officer */
	cr_assert(strstr(b.data, "old2") == NULL);
	cr_assert(strstr(b.data, "b2") == NULL);
	buf_release(&b);
	store_close(st);
}

Test(privacy, erase_keeps_the_counts_and_nothing_personal)
{
	struct store		*st = fill();
	struct store_erase	 er;
	struct err		 e;

	/* where each officer's pull from the LRS starts */
	sql_run(db, "INSERT INTO pull_cursor VALUES (1, '2027-01-01', 1),"
	    " (2, '2027-01-01', 1)");
	cr_assert_eq(store_officer_erase(st, 1, &er, &e), 0, "%s", e.msg);
	store_close(st);
	cr_assert_eq(sql_int(db, "SELECT group_concat(officer_id) FROM "
	    "pull_cursor"), 2);
	cr_assert_str_eq(er.code, "erased-1");
	cr_assert_eq(er.delivered, 2);
	cr_assert_eq(er.pending, 1);
	cr_assert_eq(er.answers, 2);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM officer WHERE code = "
	    "'erased-1' AND name = '-' AND pin_hash IS NULL"), 1);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM officer WHERE code = "
	    "'a1'"), 0);
	/* the counts: enrolment, attempts, log minutes stay */
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM enrolment WHERE "
	    "officer_id = 1 AND completed IS NOT NULL"), 1);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM attempt WHERE "
	    "officer_id = 1"), 2);
	cr_assert_eq(sql_int(db, "SELECT sum(minutes) FROM practice_log WHERE "
	    "officer_id = 1 AND reflection = ''"), 30);
	/* nothing personal: answers, statements, events */
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM answer WHERE "
	    "attempt_id LIKE '%1'"), 0);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM event WHERE "
	    "officer_id = 1"), 0);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM outbox WHERE stmt_id "
	    "LIKE '%1'"), 0);
	/* the other officer untouched */
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM answer"), 2);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM outbox"), 3);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM practice_log WHERE "
	    "reflection != ''"), 1);
	st = store_open(db, &e);
	cr_assert_not_null(st);
	cr_assert_eq(store_officer_erase(st, 99, &er, &e), -1);
	cr_assert_str_eq(e.msg, "no officer with id 99");
	store_close(st);
}

Test(privacy, retention_prunes_delivered_old_answers_only)
{
	struct store	*st = fill();
	struct err	 e;
	int64_t		 n = -1;

	/* officer 2's old answer statement is not delivered yet */
	sql_run(db, "UPDATE outbox SET state = 'pending' WHERE stmt_id = "
	    "'s-old2'");
	cr_assert_eq(store_prune_answers(st, NOW - 365 * 86400, &n, &e), 0,
	    "%s", e.msg);
	store_close(st);
	cr_assert_eq(n, 1);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM answer WHERE "
	    "attempt_id = 'old1'"), 0);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM answer WHERE "
	    "attempt_id = 'old2'"), 1);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM answer WHERE "
	    "attempt_id LIKE 'new%'"), 2);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM outbox WHERE stmt_id = "
	    "'s-old1'"), 0);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM outbox WHERE stmt_id = "
	    "'s-old2'"), 1);
	/* results stay; every event still has its statement */
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM attempt"), 4);
	cr_assert_eq(sql_int(db, "SELECT count(*) FROM event WHERE stmt_id "
	    "NOT IN (SELECT stmt_id FROM outbox)"), 0);
}
