/*
 * The 70:20:10 log: the v4 migration, store_log_*, devlog_add (entry and
 * statement together) and the balance.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "learn/devlog.h"
#include "base/err.h"
#include "learn/learn.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_log.h"

#include "helpers.h"

#define NOW	((time_t)1700000000)	/* 2023-11-14 22:13:20 UTC */

static char	dir[64];

static void
setup(void)
{
	tmp_dir_make(dir, sizeof dir, "devlog");
	setenv("TZ", "Asia/Bangkok", 1);
	tzset();
}

static void
teardown(void)
{
	tmp_dir_remove(dir);
}

TestSuite(devlog, .init = setup, .fini = teardown);

static struct store *
open_new(char *path, size_t len, struct store_officer *o)
{
	struct store	*st;

	snprintf(path, len, "%s/p.db", dir);
	st = store_open_ok(path);
	officer_add_ok(st, o, "5001", "สมศรี ใจดี", "service", NULL, NOW);
	return st;
}

static time_t
fixed_now(void)
{
	return NOW;
}

static void
entry(struct store_log_entry *le, const char *day, enum store_log_kind k,
    const char *area, int minutes, const char *reflection)
{
	memset(le, 0, sizeof *le);
	snprintf(le->day, sizeof le->day, "%s", day);
	le->kind = k;
	snprintf(le->area, sizeof le->area, "%s", area);
	le->minutes = minutes;
	snprintf(le->reflection, sizeof le->reflection, "%s", reflection);
}

Test(devlog, migrates_v3_file_to_v4)
{
	struct store		*st;
	struct store_log_entry	 le;
	struct store_stmt	 stmt = { "s-log", "{\"x\":1}" };
	struct err		 e;
	char			 p[128], bak[160], secret[65], again[65];

	snprintf(p, sizeof p, "%s/old.db", dir);
	cr_assert_eq(store_create_version(p, 3, &e), 0, "%s", e.msg);
	sql_run(p, "INSERT INTO officer (code, name, group_id, created) "
	    "VALUES ('o1', 'สมหญิง', 'policy', 1);"
	    "INSERT INTO enrolment (officer_id, course_id, enrolled, completed,"
	    "  passed, hours) VALUES (1, 'c1', 2, 9, 1, 2.5);");
	st = store_open(p, &e);
	cr_assert_not_null(st, "%s", e.msg);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	snprintf(bak, sizeof bak, "%s.v3.bak", p);
	cr_assert_eq(sql_int(bak, "PRAGMA user_version"), 3);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM enrolment WHERE "
	    "hours = 2.5"), 1);
	cr_assert_eq(store_secret(st, secret, &e), 0, "%s", e.msg);
	cr_assert_eq(strlen(secret), 64);
	cr_assert_eq(strspn(secret, "0123456789abcdef"), 64);
	entry(&le, "2023-11-01", STORE_LOG_PRACTICE, "digital-literacy", 30,
	    "");
	le.officer_id = 1;
	cr_assert_eq(store_log_add(st, &le, NOW, &stmt, &e), 0, "%s", e.msg);
	store_close(st);
	/* the secret is made once: opening again keeps it */
	st = store_open(p, &e);
	cr_assert_eq(store_secret(st, again, &e), 0);
	cr_assert_str_eq(secret, again);
	store_close(st);
}

Test(devlog, fresh_files_get_different_secrets)
{
	struct store	*a, *b;
	struct err	 e;
	char		 p[128], q[128], s1[65], s2[65];

	snprintf(p, sizeof p, "%s/a.db", dir);
	snprintf(q, sizeof q, "%s/b.db", dir);
	a = store_open(p, &e);
	b = store_open(q, &e);
	cr_assert_eq(store_secret(a, s1, &e), 0);
	cr_assert_eq(store_secret(b, s2, &e), 0);
	cr_assert_str_neq(s1, s2);
	store_close(a);
	store_close(b);
}

Test(devlog, store_entries_with_statements)
{
	struct store_officer	 o;
	struct store		*st;
	struct store_log_entry	 le, *list;
	struct store_log_sum	*sums;
	struct store_check	 c;
	struct store_stmt	 s1 = { "s-1", "{\"a\":1}" };
	struct store_stmt	 s2 = { "s-2", "{\"a\":2}" };
	struct store_stmt	 s3 = { "s-3", "{\"a\":3}" };
	struct err		 e;
	char			 p[128];
	size_t			 n;

	st = open_new(p, sizeof p, &o);
	entry(&le, "2023-11-01", STORE_LOG_PRACTICE, "service-design", 90,
	    "ใช้แบบฟอร์มออนไลน์กับผู้รับบริการจริง");
	le.officer_id = o.id;
	cr_assert_eq(store_log_add(st, &le, NOW, &s1, &e), 0, "%s", e.msg);
	cr_assert_gt(le.id, 0);
	cr_assert_eq(le.created, NOW);
	entry(&le, "2023-11-03", STORE_LOG_COACHING, "digital-literacy", 45, "");
	le.officer_id = o.id;
	cr_assert_eq(store_log_add(st, &le, NOW + 1, &s2, &e), 0);

	/* bad entries: nothing written */
	entry(&le, "2023-02-29", STORE_LOG_PRACTICE, "digital-literacy", 5, "");
	le.officer_id = o.id;
	cr_assert_eq(store_log_add(st, &le, NOW, &s3, &e), -1);
	cr_assert_str_eq(e.msg, "bad date '2023-02-29' (write YYYY-MM-DD)");
	entry(&le, "2024-02-29", STORE_LOG_PRACTICE, "digital-litracy", 5, "");
	le.officer_id = o.id;
	cr_assert_eq(store_log_add(st, &le, NOW, &s3, &e), -1);
	cr_assert_str_eq(e.msg, "unknown skill area 'digital-litracy'");
	entry(&le, "2024-02-29", STORE_LOG_PRACTICE, "digital-literacy", 1441,
	    "");
	le.officer_id = o.id;
	cr_assert_eq(store_log_add(st, &le, NOW, &s3, &e), -1);
	cr_assert_str_eq(e.msg, "time spent must be 1 to 1440 minutes, not "
	    "1441");
	entry(&le, "2024-02-29", STORE_LOG_PRACTICE, "digital-literacy", 10,
	    "");
	le.officer_id = 999;
	cr_assert_eq(store_log_add(st, &le, NOW, &s3, &e), -1);
	cr_assert_str_eq(e.msg, "no officer with id 999");
	le.officer_id = o.id;
	cr_assert_eq(store_log_add(st, &le, NOW, NULL, &e), -1);
	cr_assert_str_eq(e.msg, "a log entry needs its xAPI statement");
	/* the same statement twice: the second entry is rolled back */
	cr_assert_eq(store_log_add(st, &le, NOW, &s1, &e), -1);

	cr_assert_eq(store_log_list(st, o.id, &list, &n, &e), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].day, "2023-11-03");
	cr_assert_eq(list[0].kind, STORE_LOG_COACHING);
	cr_assert_str_eq(list[1].reflection,
	    "ใช้แบบฟอร์มออนไลน์กับผู้รับบริการจริง");
	cr_assert_eq(list[1].minutes, 90);
	free(list);
	cr_assert_eq(store_log_sums(st, 0, &sums, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(sums[0].code, "5001");
	cr_assert_eq(sums[0].minutes[STORE_LOG_PRACTICE], 90);
	cr_assert_eq(sums[0].minutes[STORE_LOG_COACHING], 45);
	cr_assert_eq(sums[0].entries, 2);
	free(sums);
	cr_assert_eq(store_check(st, &c, &e), 0);
	cr_assert_eq(c.events, 2);
	cr_assert_eq(c.statements, 2);
	cr_assert_eq(c.missing, 0);
	cr_assert_eq(c.orphans, 0);
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM event WHERE kind = 'log' "
	    "AND ref LIKE 'log/%'"), 2);
}

Test(devlog, add_builds_the_statement)
{
	struct store_officer	 o;
	struct store		*st;
	struct store_log_entry	 le;
	struct learn		 l;
	struct err		 e;
	char			 p[128];
	sqlite3			*db;
	sqlite3_stmt		*s;
	const char		*json;

	st = open_new(p, sizeof p, &o);
	learn_init(&l, st, &o, "https://agency.go.th", "https://rianru.test",
	    "th-TH");
	l.now = fixed_now;
	/* 2023-11-15 05:13 in Bangkok: "today" */
	entry(&le, "2023-11-15", STORE_LOG_COACHING, "digital-governance", 40,
	    "พี่เลี้ยงสอนการจัดชั้นความลับ");
	cr_assert_eq(devlog_add(&l, &le, &e), 0, "%s", e.msg);
	cr_assert_eq(le.officer_id, o.id);
	entry(&le, "2023-11-10", STORE_LOG_PRACTICE, "service-design", 60, "");
	cr_assert_eq(devlog_add(&l, &le, &e), 0, "%s", e.msg);
	entry(&le, "2023-11-16", STORE_LOG_PRACTICE, "service-design", 60, "");
	cr_assert_eq(devlog_add(&l, &le, &e), -1);
	cr_assert_str_eq(e.msg, "date '2023-11-16' is in the future");
	entry(&le, "15/11/66", STORE_LOG_PRACTICE, "service-design", 60, "");
	cr_assert_eq(devlog_add(&l, &le, &e), -1);
	cr_assert_str_eq(e.msg, "bad date '15/11/66' (write DD/MM/YYYY or YYYY-MM-DD)");
	store_close(st);

	cr_assert_eq(sqlite3_open(p, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT json FROM outbox ORDER BY "
	    "seq", -1, &s, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	json = (const char *)sqlite3_column_text(s, 0);
	cr_assert(strstr(json, "\"timestamp\":\"2023-11-14T22:13:20.000Z\"") !=
	    NULL, "%s", json);
	cr_assert(strstr(json, "coaching/digital-governance") != NULL, "%s",
	    json);
	cr_assert(strstr(json, "พี่เลี้ยงสอนการจัดชั้นความลับ") != NULL);
	cr_assert(strstr(json, "\"duration\":\"PT40M\"") != NULL, "%s", json);
	cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
	json = (const char *)sqlite3_column_text(s, 0);
	/* another day: noon in Bangkok is 05:00 UTC */
	cr_assert(strstr(json, "\"timestamp\":\"2023-11-10T05:00:00.000Z\"") !=
	    NULL, "%s", json);
	cr_assert(strstr(json, "practice/service-design") != NULL);
	cr_assert(strstr(json, "\"response\"") == NULL, "%s", json);
	cr_assert_eq(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static char *
advice(const struct devlog_balance *b, enum lang lang)
{
	struct buf	out;

	buf_init(&out);
	devlog_advice(b, lang, &out);
	return buf_detach(&out, NULL);
}

Test(devlog, balance)
{
	struct devlog_balance	b;
	double			t[DEVLOG_PARTS];
	char			*s;

	devlog_balance(0, 0, 0, &b);
	cr_assert_float_eq(b.total, 0, 1e-9);
	cr_assert_eq(b.short_part, -1);
	s = advice(&b, LANG_EN);
	cr_assert_str_eq(s, "Nothing yet: log the practice and coaching you "
	    "do at work");
	free(s);

	/* courses only: practice lacks the most */
	devlog_balance(0, 0, 3, &b);
	cr_assert_float_eq(b.share[DEVLOG_COURSES], 1, 1e-9);
	cr_assert_eq(b.short_part, DEVLOG_PRACTICE);

	/* 21 h practice, 6 h coaching, 3 h courses: exactly 70:20:10 */
	devlog_balance(21 * 60, 6 * 60, 3, &b);
	cr_assert_float_eq(b.total, 30, 1e-9);
	cr_assert_float_eq(b.share[DEVLOG_PRACTICE], 0.7, 1e-9);
	cr_assert_float_eq(b.share[DEVLOG_COACHING], 0.2, 1e-9);
	cr_assert_float_eq(b.share[DEVLOG_COURSES], 0.1, 1e-9);
	cr_assert_eq(b.short_part, -1);
	s = advice(&b, LANG_TH);
	cr_assert_str_eq(s, "สมดุลดี ใกล้เคียง 70:20:10");
	free(s);

	/* practice but no coaching */
	devlog_balance(27 * 60, 0, 3, &b);
	cr_assert_eq(b.short_part, DEVLOG_COACHING);
	s = advice(&b, LANG_EN);
	cr_assert_str_eq(s, "Ask a supervisor or a colleague for coaching or "
	    "mentoring");
	free(s);

	/* no course at all: the 10 lacks wholly */
	devlog_balance(20 * 60, 8 * 60, 0, &b);
	cr_assert_eq(b.short_part, DEVLOG_COURSES);

	/* coaching at 12% of 20% is more than half: balanced */
	devlog_balance((int64_t)(23.4 * 60), (int64_t)(3.6 * 60), 3, &b);
	cr_assert_eq(b.short_part, -1);

	devlog_targets(6, t);
	cr_assert_float_eq(t[DEVLOG_PRACTICE], 42, 1e-9);
	cr_assert_float_eq(t[DEVLOG_COACHING], 12, 1e-9);
	cr_assert_float_eq(t[DEVLOG_COURSES], 6, 1e-9);
	cr_assert_str_eq(devlog_part_name(DEVLOG_COACHING, LANG_EN),
	    "Coaching and mentoring (20)");
}

/* Days as officers type them: Thai digits, Buddhist-era years, slashes. */
Test(devlog, day_reads_what_officers_type)
{
	char	out[11];

	cr_assert_eq(devlog_day("2026-12-01", out), 0);
	cr_assert_str_eq(out, "2026-12-01");
	cr_assert_eq(devlog_day("2569-12-01", out), 0);	/* พ.ศ. */
	cr_assert_str_eq(out, "2026-12-01");
	cr_assert_eq(devlog_day("๒๕๖๙-๑๑-๓๐", out), 0);
	cr_assert_str_eq(out, "2026-11-30");
	cr_assert_eq(devlog_day("2569/02/29", out), -1);	/* 2026: no 29th */
	cr_assert_eq(devlog_day("2567/02/29", out), 0);	/* 2024 leap year */
	cr_assert_str_eq(out, "2024-02-29");
	cr_assert_eq(devlog_day("2026-02-30", out), -1);
	cr_assert_eq(devlog_day("2026-13-01", out), -1);
	cr_assert_eq(devlog_day("2026-1-01", out), 0);	/* one digit is fine */
	cr_assert_str_eq(out, "2026-01-01");
	/* day first, as the log lists dates (issue 20) */
	cr_assert_eq(devlog_day("1/12/2569", out), 0);
	cr_assert_str_eq(out, "2026-12-01");
	cr_assert_eq(devlog_day("๑/๑๒/๒๕๖๙", out), 0);
	cr_assert_str_eq(out, "2026-12-01");
	cr_assert_eq(devlog_day("30/02/2569", out), -1);
	cr_assert_eq(devlog_day("1/12/69", out), -1);	/* a year in full */
	cr_assert_eq(devlog_day("12/2569/01", out), -1);
	cr_assert_eq(devlog_day("2026--01", out), -1);
	cr_assert_eq(devlog_day("1 ธ.ค. 2569", out), -1);
	cr_assert_eq(devlog_day("", out), -1);
	cr_assert_eq(devlog_day("2026-12-01x", out), -1);
}

Test(devlog, day_parse_tells_a_date_from_no_date)
{
	int	y, m, d;

	/* February 30th is written as a date: the screen says why not */
	cr_assert_eq(devlog_day_parse("2569-02-30", &y, &m, &d), 0);
	cr_assert_eq(y, 2026);
	cr_assert_eq(m, 2);
	cr_assert_eq(d, 30);
	cr_assert_gt(d, devlog_month_days(y, m));
	cr_assert_eq(devlog_month_days(2024, 2), 29);
	cr_assert_eq(devlog_month_days(2026, 4), 30);
	cr_assert_eq(devlog_day_parse("hello", &y, &m, &d), -1);
	cr_assert_eq(devlog_day_parse("2026-13-01", &y, &m, &d), -1);
}
