/*
 * The progress store on real files in a temporary directory. The tests
 * open the file with SQLite directly (the only place outside lib/store*.c
 * that does) to build old-format files, foreign and damaged files, and to
 * look at what was written.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "store.h"

#define NOW	((time_t)1700000000)

static char	dir[64];

static void
setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/rianru-store-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
teardown(void)
{
	char	cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(store, .init = setup, .fini = teardown);

/* dir/name in a static buffer (one per call site is enough here). */
static const char *
tpath(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
	return out;
}

static struct store *
open_ok(const char *path)
{
	struct store	*st;
	struct err	 e;
	char		 msg[800];

	err_clear(&e);
	st = store_open(path, &e);
	cr_assert_not_null(st, "store_open: %s", err_str(&e, msg, sizeof msg));
	return st;
}

/* One integer from 'sql' run directly on the file at 'path'. */
static long long
sql_int(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	long long	 v = -999;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void
sql_run(const char *path, const char *sql)
{
	sqlite3	*db;
	char	*msg = NULL;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK,
	    "%s: %s", sql, msg != NULL ? msg : "");
	sqlite3_close(db);
}

static int64_t
add_officer(struct store *st, const char *code, const char *group)
{
	struct store_officer	o;
	struct err		e;

	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "%s", code);
	snprintf(o.name, sizeof o.name, "สมชาย %s", code);
	snprintf(o.group, sizeof o.group, "%s", group);
	snprintf(o.agency, sizeof o.agency, "กรมการปกครอง");
	cr_assert_eq(store_officer_add(st, &o, NOW, &e), 0, "%s", e.msg);
	cr_assert_gt(o.id, 0);
	return o.id;
}

static struct store_stmt
mkstmt(char id[STORE_UUID_LEN + 1], const char *verb)
{
	static char		json[128];
	struct store_stmt	s;

	store_uuid(id);
	snprintf(json, sizeof json, "{\"id\":\"%s\",\"verb\":\"%s\"}", id, verb);
	s.id = id;
	s.json = json;
	return s;
}

static void
start_attempt(struct store *st, int64_t oid, const char *quiz,
    struct store_attempt *a)
{
	char		order[] = "{\"q\":[\"q2\",\"q1\"],\"c\":{\"q1\":[2,0,1]}}";
	struct err	e;

	memset(a, 0, sizeof *a);
	a->officer_id = oid;
	snprintf(a->course_id, sizeof a->course_id, "c1");
	snprintf(a->course_version, sizeof a->course_version, "1.2");
	snprintf(a->content_hash, sizeof a->content_hash, "sha256:ab");
	snprintf(a->quiz_id, sizeof a->quiz_id, "%s", quiz);
	a->order = order;
	a->started = NOW;
	a->time_limit = 600;
	cr_assert_eq(store_attempt_start(st, a, NULL, &e), 0, "%s", e.msg);
	a->order = NULL;	/* was borrowed */
}

static int
answer(struct store *st, const char *attempt, const char *q, const char *resp,
    int correct, struct store_stmt *stmt, struct err *e)
{
	struct store_answer	a;
	int			rc;

	memset(&a, 0, sizeof a);
	snprintf(a.attempt_id, sizeof a.attempt_id, "%s", attempt);
	snprintf(a.question_id, sizeof a.question_id, "%s", q);
	a.response = strdup(resp);
	a.correct = correct;
	a.points = correct ? 1 : 0;
	a.answered = NOW + 5;
	rc = store_record_answer(st, &a, stmt, e);
	free(a.response);
	return rc;
}

static void
check_consistent(struct store *st)
{
	struct store_check	c;
	struct err		e;

	cr_assert_eq(store_check(st, &c, &e), 0, "%s", e.msg);
	cr_assert(c.ok, "integrity: %s", c.first);
	cr_assert_eq(c.missing, 0);
	cr_assert_eq(c.orphans, 0);
	cr_assert_eq(c.events, c.statements);
}

/* Opening ---------------------------------------------------------------- */

Test(store, creates_private_file_and_directories)
{
	struct store	*st;
	struct stat	 sb;
	char		 p[128], d[128];

	st = open_ok(tpath(p, sizeof p, "a/b/progress.db"));
	cr_assert_str_eq(store_path(st), p);
	add_officer(st, "o1", "service");
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(stat(tpath(d, sizeof d, "a/b"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
	cr_assert_eq(stat(tpath(d, sizeof d, "a"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
	store_close(st);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	cr_assert_eq(sql_int(p, "PRAGMA application_id"), STORE_APPLICATION_ID);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer"), 1);

	st = open_ok(p);	/* reopening keeps the data */
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer"), 1);
	store_close(st);
}

Test(store, uses_wal_and_full_sync)
{
	struct store	*st;
	char		 p[128];

	unsigned char	 h[20];
	int		 fd;

	st = open_ok(tpath(p, sizeof p, "p.db"));
	add_officer(st, "o1", "service");
	store_close(st);
	/* WAL mode is stored in the file header: bytes 18 and 19 are 2. */
	fd = open(p, O_RDONLY);
	cr_assert_eq(read(fd, h, sizeof h), (ssize_t)sizeof h);
	close(fd);
	cr_assert_eq(h[18], 2);
	cr_assert_eq(h[19], 2);
}

Test(store, refuses_non_sqlite_file)
{
	struct err	 e;
	char		 p[128];
	FILE		*f;

	f = fopen(tpath(p, sizeof p, "notes.txt"), "w");
	fputs("this is somebody's shopping list, not a database\n", f);
	fclose(f);
	cr_assert_null(store_open(p, &e));
	cr_assert(strstr(e.msg, "is not a rianru progress file") != NULL,
	    "%s", e.msg);
	cr_assert(strstr(e.msg, "move it away or pass --db") != NULL);
	cr_assert_null(store_open_readonly(p, &e));
	/* Nothing was re-created: the file is as it was. */
	f = fopen(p, "r");
	{
		char	line[128];

		cr_assert_not_null(fgets(line, sizeof line, f));
		cr_assert(strncmp(line, "this is somebody", 16) == 0);
	}
	fclose(f);
}

Test(store, refuses_foreign_database)
{
	struct err	e;
	char		p[128], want[300];

	sql_run(tpath(p, sizeof p, "other.db"),
	    "CREATE TABLE accounts (id, balance); INSERT INTO accounts "
	    "VALUES (1, 100)");
	cr_assert_null(store_open(p, &e));
	snprintf(want, sizeof want, "'%s' is not a rianru progress file (it "
	    "holds other data); move it away or pass --db", p);
	cr_assert_str_eq(e.msg, want);
	cr_assert_null(store_open_readonly(p, &e));
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(sql_int(p, "SELECT balance FROM accounts"), 100);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"), 0);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'officer'"), 0);
}

Test(store, refuses_file_from_newer_rianru)
{
	struct store	*st;
	struct err	 e;
	char		 p[128], want[256];

	st = open_ok(tpath(p, sizeof p, "p.db"));
	store_close(st);
	sql_run(p, "PRAGMA user_version = 99");
	cr_assert_null(store_open(p, &e));
	snprintf(want, sizeof want, "'%s' was made by a newer rianru (format 99; "
	    "this one knows up to %d); upgrade rianru", p, STORE_SCHEMA_VERSION);
	cr_assert_str_eq(e.msg, want);
	cr_assert_null(store_open_readonly(p, &e));
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"), 99);
}

Test(store, refuses_damaged_file)
{
	struct store	*st;
	struct err	 e;
	char		 p[128], junk[4096];
	int64_t		 oid;
	int		 i, fd;

	st = open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "policy");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	for (i = 0; i < 300; i++) {
		char	code[16];

		snprintf(code, sizeof code, "x%03d", i);
		add_officer(st, code, "other");
	}
	store_close(st);	/* checkpoints the WAL into the file */
	memset(junk, 0xa5, sizeof junk);
	fd = open(p, O_WRONLY);
	cr_assert_eq(pwrite(fd, junk, sizeof junk, 4096 * 3), (ssize_t)sizeof junk);
	close(fd);
	cr_assert_null(store_open(p, &e));
	cr_assert(strstr(e.msg, "is damaged") != NULL, "%s", e.msg);
	cr_assert(strstr(e.msg, "restore it from a backup") != NULL, "%s",
	    e.msg);
}

Test(store, readonly_reads_and_never_writes)
{
	struct store		*st;
	struct store_officer	 o;
	struct err		 e;
	struct stat		 before, after;
	char			 p[128];
	int64_t			 oid;

	st = open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "executive");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	store_close(st);
	cr_assert_eq(stat(p, &before), 0);
	sleep(1);	/* so a write would show in mtime */

	st = store_open_readonly(p, &e);
	cr_assert_not_null(st, "%s", e.msg);
	cr_assert_eq(store_officer_get(st, "o1", &o, &e), 0);
	cr_assert_str_eq(o.group, "executive");
	cr_assert_eq(store_enrol(st, oid, "c2", NOW, &e), -1);
	cr_assert(strstr(e.msg, "is read-only") != NULL, "%s", e.msg);
	store_close(st);
	cr_assert_eq(stat(p, &after), 0);
	cr_assert_eq(before.st_size, after.st_size);
	cr_assert_eq(before.st_mtime, after.st_mtime);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM enrolment"), 1);

	cr_assert_null(store_open_readonly(tpath(p, sizeof p, "none.db"), &e));
	cr_assert(strstr(e.msg, "no progress file at") != NULL, "%s", e.msg);
	cr_assert_eq(access(p, F_OK), -1);	/* and none was created */
}

Test(store, full_disk_is_reported_and_nothing_half_written)
{
	struct store		*st;
	struct store_attempt	 a;
	struct store_stmt	 s;
	struct err		 e;
	char			 p[128], id[STORE_UUID_LEN + 1], q[32];
	char			 big[3000];
	int64_t			 oid, counts[STORE_OB_NSTATES];
	int			 i, rc = 0;

	st = open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "technology");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	start_attempt(st, oid, "quiz1", &a);
	cr_assert_gt(store_set_page_limit(st, 40), 0);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (i = 0; i < 1000 && rc == 0; i++) {
		snprintf(q, sizeof q, "q%d", i);
		s = mkstmt(id, "answered");
		rc = answer(st, a.id, q, big, 1, &s, &e);
	}
	cr_assert_eq(rc, -1);
	cr_assert(strstr(e.msg, "disk holding") != NULL &&
	    strstr(e.msg, "is full; free some space") != NULL, "%s", e.msg);
	store_set_page_limit(st, 0);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	/* The failed answer left neither its row nor its statement. */
	cr_assert_eq(counts[STORE_OB_PENDING], i - 1);
	check_consistent(st);
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM answer"), i - 1);
}

Test(store, uuid_is_version_4)
{
	char	a[STORE_UUID_LEN + 1], b[STORE_UUID_LEN + 1];
	int	i;

	store_uuid(a);
	store_uuid(b);
	cr_assert_eq(strlen(a), STORE_UUID_LEN);
	cr_assert_str_neq(a, b);
	for (i = 0; i < STORE_UUID_LEN; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23)
			cr_assert_eq(a[i], '-');
		else
			cr_assert(strchr("0123456789abcdef", a[i]) != NULL);
	cr_assert_eq(a[14], '4');
	cr_assert(strchr("89ab", a[19]) != NULL);
}
