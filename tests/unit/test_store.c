/*
 * The progress store on real files in a temporary directory. The tests
 * open the file with SQLite directly (the only place outside lib/store*.c
 * that does) to build old-format files, foreign and damaged files, and to
 * look at what was written.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_event.h"
#include "store/store_outbox.h"
#include "store/store_query.h"
#include "report/listing.h"

#include "helpers.h"

#define NOW	((time_t)1700000000)

static char	dir[64];

static void
setup(void)
{
	tmp_dir_make(dir, sizeof dir, "store");
}

static void
teardown(void)
{
	tmp_dir_remove(dir);
}

TestSuite(store, .init = setup, .fini = teardown);

/* dir/name in a static buffer (one per call site is enough here). */
static const char *
tpath(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", dir, name);
	return out;
}

static int64_t
add_officer(struct store *st, const char *code, const char *group)
{
	struct store_officer	o;
	char			name[256];

	snprintf(name, sizeof name, "สมชาย %s", code);
	return officer_add_ok(st, &o, code, name, group, "กรมการปกครอง", NOW);
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
	char		 p[128], d[160];

	st = store_open_ok(tpath(p, sizeof p, "a/b/progress.db"));
	cr_assert_str_eq(store_path(st), p);
	add_officer(st, "o1", "service");
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	snprintf(d, sizeof d, "%s-wal", p);	/* SQLite copies the mode */
	cr_assert_eq(stat(d, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(stat(tpath(d, sizeof d, "a/b"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
	cr_assert_eq(stat(tpath(d, sizeof d, "a"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
	store_close(st);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	cr_assert_eq(sql_int(p, "PRAGMA application_id"), STORE_APPLICATION_ID);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer"), 1);

	st = store_open_ok(p);	/* reopening keeps the data */
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer"), 1);
	store_close(st);
}

/* SQLite's ":memory:" is a store in memory, not a file in the folder. */
Test(store, memory_store_makes_no_file)
{
	struct store	*st;
	DIR		*d;
	struct dirent	*de;
	char		 cwd[512];
	int		 n = 0;

	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	cr_assert_eq(chdir(dir), 0);
	st = store_open_ok(STORE_MEMORY);
	add_officer(st, "o1", "service");
	store_close(st);
	st = store_open_ok(STORE_MEMORY);	/* a new one: the officer is gone */
	add_officer(st, "o1", "service");
	store_close(st);
	d = opendir(".");
	cr_assert_not_null(d);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			cr_log_error("left in the folder: %s", de->d_name);
			n++;
		}
	closedir(d);
	cr_assert_eq(chdir(cwd), 0);
	cr_assert_eq(n, 0);
}

/*
 * Every statement run is counted, reads as well as writes, and nothing
 * else moves the count: the app checks with it that a draw reads nothing.
 */
Test(store, counts_statements)
{
	struct store_officer	*list = NULL;
	struct store		*st;
	unsigned long		 n;
	size_t			 nlist = 0;
	struct err		 e;

	st = store_open_ok(STORE_MEMORY);
	n = store_statements(st);
	cr_assert_eq(store_statements(st), n);
	add_officer(st, "o1", "service");
	cr_assert_gt(store_statements(st), n);
	n = store_statements(st);
	cr_assert_eq(store_officer_list(st, &list, &nlist, &e), 0);
	cr_assert_eq(nlist, 1);
	cr_assert_gt(store_statements(st), n);
	free(list);
	store_close(st);
}

Test(store, uses_wal_and_full_sync)
{
	struct store	*st;
	char		 p[128];

	unsigned char	 h[20];
	int		 fd;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
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

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
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

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
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

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
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

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
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

/* Officers --------------------------------------------------------------- */

Test(store, officers_add_get_list_update)
{
	struct store		*st;
	struct store_officer	 o, *list;
	struct err		 e;
	char			 p[128];
	size_t			 n;
	int64_t			 id;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	id = add_officer(st, "b2", "director");
	add_officer(st, "a1", "service");
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_eq(o.id, id);
	cr_assert_str_eq(o.name, "สมชาย b2");
	cr_assert_str_eq(o.group, "director");
	cr_assert_str_eq(o.agency, "กรมการปกครอง");
	cr_assert_str_eq(o.lang, "th");
	cr_assert_str_eq(o.pin_hash, "");
	cr_assert_eq(o.created, NOW);
	cr_assert_eq(o.last_seen, 0);
	cr_assert_eq(store_officer_get(st, "zz", &o, &e), 1);

	/* Duplicates and bad values are refused. */
	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "a1");
	snprintf(o.name, sizeof o.name, "x");
	snprintf(o.group, sizeof o.group, "service");
	cr_assert_eq(store_officer_add(st, &o, NOW, &e), -1);
	cr_assert_str_eq(e.msg, "officer 'a1' already exists");
	snprintf(o.code, sizeof o.code, "c3");
	snprintf(o.group, sizeof o.group, "boss");
	cr_assert_eq(store_officer_add(st, &o, NOW, &e), -1);
	cr_assert_str_eq(e.msg, "unknown group 'boss' (use executive, director, "
	    "policy, service, technology or other)");
	snprintf(o.group, sizeof o.group, "other");
	snprintf(o.lang, sizeof o.lang, "fr");
	cr_assert_eq(store_officer_add(st, &o, NOW, &e), -1);
	cr_assert_str_eq(e.msg, "unknown language 'fr' (use th or en)");

	cr_assert_eq(store_officer_list(st, &list, &n, &e), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].code, "a1");
	cr_assert_str_eq(list[1].code, "b2");
	free(list);

	cr_assert_eq(store_officer_seen(st, id, NOW + 60, &e), 0);
	cr_assert_eq(store_officer_set_pin_state(st, id, 3, NOW + 900, &e), 0);
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_eq(o.last_seen, NOW + 60);
	cr_assert_eq(o.pin_failed, 3);
	cr_assert_eq(o.locked_until, NOW + 900);
	cr_assert_eq(store_officer_set_pin_hash(st, id, "$argon2id$v=19$x", &e),
	    0);
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_str_eq(o.pin_hash, "$argon2id$v=19$x");
	cr_assert_eq(o.pin_failed, 0);
	cr_assert_eq(o.locked_until, 0);
	cr_assert_eq(store_officer_set_pin_hash(st, id, NULL, &e), 0);
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_str_eq(o.pin_hash, "");
	cr_assert_eq(store_officer_seen(st, 999, NOW, &e), -1);
	cr_assert_str_eq(e.msg, "no officer with id 999");
	store_close(st);
}

/* A first-login code replaces the PIN; choosing a PIN uses it up. */
Test(store, officer_setup_code_and_privacy_notice)
{
	struct store		*st;
	struct store_officer	 o;
	struct err		 e;
	char			 p[128];
	int64_t			 id;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	id = add_officer(st, "b2", "director");
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_str_eq(o.setup_hash, "");
	cr_assert_eq(o.privacy_seen, 0);
	cr_assert_eq(store_officer_set_pin_hash(st, id, "$argon2id$pin", &e),
	    0);
	cr_assert_eq(store_officer_set_pin_state(st, id, 4, NOW + 9, &e), 0);
	cr_assert_eq(store_officer_set_setup(st, id, "$argon2id$code", &e), 0);
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_str_eq(o.pin_hash, "");
	cr_assert_str_eq(o.setup_hash, "$argon2id$code");
	cr_assert_eq(o.pin_failed, 0);
	cr_assert_eq(o.locked_until, 0);
	cr_assert_eq(store_officer_set_pin_hash(st, id, "$argon2id$new", &e),
	    0);
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_str_eq(o.setup_hash, "");
	cr_assert_eq(store_officer_set_setup(st, 999, "$argon2id$x", &e), -1);
	cr_assert_eq(store_officer_privacy_seen(st, id, NOW + 5, &e), 0);
	cr_assert_eq(store_officer_get(st, "b2", &o, &e), 0);
	cr_assert_eq(o.privacy_seen, NOW + 5);
	store_close(st);
}

static long
test_delay(int failed)
{
	return failed >= 3 ? 10L * failed : 0;
}

/* Wrong admin PINs are counted in the file: a restart starts no afresh. */
Test(store, admin_pin_count_outlives_a_restart)
{
	struct store	*st;
	struct err	 e;
	char		 p[128];
	int		 failed;
	time_t		 until;
	long		 wait;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	cr_assert_eq(store_admin_lock(st, &failed, &until, &e), 0);
	cr_assert_eq(failed, 0);
	cr_assert_eq(until, 0);
	cr_assert_eq(store_admin_failed(st, NOW, test_delay, &wait, &e), 0);
	cr_assert_eq(wait, 0);
	cr_assert_eq(store_admin_failed(st, NOW, test_delay, &wait, &e), 0);
	store_close(st);

	st = store_open_ok(p);	/* the kiosk restarted */
	cr_assert_eq(store_admin_lock(st, &failed, &until, &e), 0);
	cr_assert_eq(failed, 2);
	cr_assert_eq(store_admin_failed(st, NOW, test_delay, &wait, &e), 0);
	cr_assert_eq(wait, 30);
	cr_assert_eq(store_admin_lock(st, &failed, &until, &e), 0);
	cr_assert_eq(failed, 3);
	cr_assert_eq(until, NOW + 30);
	cr_assert_eq(store_admin_ok(st, &e), 0);
	cr_assert_eq(store_admin_lock(st, &failed, &until, &e), 0);
	cr_assert_eq(failed, 0);
	cr_assert_eq(until, 0);
	store_close(st);
}

/* A value that does not fit is refused whole, never cut mid-character. */
Test(store, officer_set_checks_before_copying)
{
	struct store_officer	 o;
	struct err		 e;
	char			 code[128];
	size_t			 i;

	memset(&o, 0, sizeof o);
	code[0] = 'a';
	for (i = 0; i < 30; i++)
		memcpy(code + 1 + 3 * i, "ก", 3);
	code[91] = '\0';
	err_clear(&e);
	cr_assert_eq(store_officer_set(&o, code, "ทดสอบ", "service", NULL,
	    NULL, &e), -1);
	cr_assert_str_eq(e.msg, "officer code is too long: 91 bytes (31 "
	    "characters); at most 63 bytes (21 Thai characters)");
	cr_assert_str_eq(o.code, "", "nothing copied on error");
	cr_assert_eq(store_officer_set(&o, "a1", "x\ny", "service", NULL,
	    NULL, &e), -1);
	cr_assert_str_eq(e.msg, "name contains a line break");
	cr_assert_eq(store_officer_set(&o, "a1", "x\xe0\xb8", "service", NULL,
	    NULL, &e), -1);
	cr_assert_str_eq(e.msg, "name is not valid UTF-8 (at byte 2)");
	cr_assert_eq(store_officer_set(&o, "a 1", "x", "service", NULL, NULL,
	    &e), -1);
	cr_assert_str_eq(e.msg, "officer code 'a 1' contains a space");
	cr_assert_eq(store_officer_set(&o, "", "x", "service", NULL, NULL, &e),
	    -1);
	cr_assert_str_eq(e.msg, "missing officer code");
	cr_assert_eq(store_officer_set(&o, "a1", "ทดสอบ", "service", NULL,
	    NULL, &e), 0, "%s", e.msg);
	cr_assert_str_eq(o.code, "a1");
	cr_assert_str_eq(o.name, "ทดสอบ");
	cr_assert_str_eq(o.lang, "th");
}

/* store_officer_add itself refuses a field cut in a character or a newline. */
Test(store, officer_add_refuses_broken_text)
{
	struct store		*st;
	struct store_officer	 o;
	struct err		 e;
	char			 p[128], code[128];
	size_t			 i;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	memset(&o, 0, sizeof o);
	/* what the old CLI's snprintf left of "a" and 30 Thai characters */
	code[0] = 'a';
	for (i = 0; i < 30; i++)
		memcpy(code + 1 + 3 * i, "ก", 3);
	code[91] = '\0';
	snprintf(o.code, sizeof o.code, "%s", code);
	snprintf(o.name, sizeof o.name, "ทดสอบ");
	snprintf(o.group, sizeof o.group, "service");
	err_clear(&e);
	cr_assert_eq(store_officer_add(st, &o, NOW, &e), -1);
	cr_assert_str_eq(e.msg, "officer code is not valid UTF-8 (at byte 62)");
	snprintf(o.code, sizeof o.code, "c1");
	snprintf(o.name, sizeof o.name, "a\nb");
	cr_assert_eq(store_officer_add(st, &o, NOW, &e), -1);
	cr_assert_str_eq(e.msg, "name contains a line break");
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer"), 0);
}

/* Events ----------------------------------------------------------------- */

Test(store, pages_and_resume_point)
{
	struct store		*st;
	struct store_page	 pg = { 0, "c1", "m1", "p1", NOW };
	struct store_resume	 r;
	struct store_stmt	 s;
	struct err		 e;
	char			 p[128], id[STORE_UUID_LEN + 1];
	int64_t			 oid, counts[STORE_OB_NSTATES];

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "policy");
	pg.officer_id = oid;
	cr_assert_eq(store_record_page(st, &pg, NULL, &e), -1);
	cr_assert_str_eq(e.msg, "officer 1 is not enrolled in 'c1'");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	cr_assert_eq(store_enrol(st, oid, "c1", NOW + 1, &e), 0);
	cr_assert_eq(store_enrol(st, 77, "c1", NOW, &e), -1);
	cr_assert_str_eq(e.msg, "no officer with id 77");
	cr_assert_eq(store_resume(st, oid, "c1", &r, &e), 1);

	cr_assert_eq(store_record_page(st, &pg, NULL, &e), 0);
	pg.module_id = "m2";
	pg.page_id = "p7";
	pg.at = NOW + 30;
	s = mkstmt(id, "experienced");
	cr_assert_eq(store_record_page(st, &pg, &s, &e), 0, "%s", e.msg);
	cr_assert_eq(store_resume(st, oid, "c1", &r, &e), 0);
	cr_assert_str_eq(r.module_id, "m2");
	cr_assert_str_eq(r.page_id, "p7");
	cr_assert_eq(r.at, NOW + 30);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 1);
	check_consistent(st);
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM module_progress"), 2);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM event WHERE kind = 'page'"),
	    1);
}

Test(store, events_need_their_statement)
{
	struct store		*st;
	struct store_attempt	 a;
	struct store_score	 sc = { 1, 2, 0.5, 0 };
	struct err		 e;
	char			 p[128];
	int64_t			 oid;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "policy");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	start_attempt(st, oid, "qz", &a);
	cr_assert_eq(store_module_done(st, oid, "c1", "m1", NOW, NULL, &e), -1);
	cr_assert_str_eq(e.msg, "a finished module needs its xAPI statement");
	cr_assert_eq(answer(st, a.id, "q1", "a", 1, NULL, &e), -1);
	cr_assert_str_eq(e.msg, "an answer needs its xAPI statement");
	cr_assert_eq(store_attempt_finish(st, a.id, &sc, NOW, NULL, &e), -1);
	cr_assert_eq(store_course_complete(st, oid, "c1", 2, 1, NOW, NULL, &e),
	    -1);
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM module_progress"), 0);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM answer"), 0);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM attempt WHERE finished "
	    "IS NOT NULL"), 0);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM enrolment WHERE "
	    "completed IS NOT NULL"), 0);
}

/*
 * THE invariant: an event and its statement are stored together or not at
 * all. A statement id already in the outbox makes the second insert fail;
 * the event must be rolled back with it.
 */
Test(store, event_and_statement_both_or_neither)
{
	struct store		*st;
	struct store_attempt	 a, open;
	struct store_answer	*ans;
	struct store_score	 sc = { 2, 2, 1, 1 };
	struct store_stmt	 s, dup;
	struct err		 e;
	char			 p[128], id[STORE_UUID_LEN + 1];
	char			 id2[STORE_UUID_LEN + 1];
	size_t			 n;
	int64_t			 oid, counts[STORE_OB_NSTATES];
	struct store_page	 pg = { 0, "c1", "m1", "p2", NOW };

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "policy");
	pg.officer_id = oid;
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	start_attempt(st, oid, "qz", &a);
	dup = mkstmt(id, "answered");
	cr_assert_eq(answer(st, a.id, "q1", "a", 1, &dup, &e), 0);

	/* Each event, given the used id, fails and leaves no trace. */
	cr_assert_eq(answer(st, a.id, "q2", "b", 1, &dup, &e), -1);
	cr_assert(strstr(e.msg, "is already in the outbox") != NULL, "%s",
	    e.msg);
	cr_assert_eq(answer(st, a.id, "q1", "changed", 0, &dup, &e), -1);
	cr_assert_eq(store_module_done(st, oid, "c1", "m1", NOW, &dup, &e), -1);
	cr_assert_eq(store_record_page(st, &pg, &dup, &e), -1);
	cr_assert_eq(store_attempt_finish(st, a.id, &sc, NOW, &dup, &e), -1);
	cr_assert_eq(store_course_complete(st, oid, "c1", 3, 1, NOW, &dup, &e),
	    -1);

	cr_assert_eq(store_attempt_open(st, oid, "c1", "qz", &open, &ans, &n,
	    &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ans[0].response, "a");	/* not "changed" */
	store_answer_list_free(ans, n);
	store_attempt_release(&open);
	cr_assert_eq(store_resume(st, oid, "c1", &(struct store_resume){ 0 },
	    &e), 1);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 1);
	check_consistent(st);

	/* With a fresh id the same events go through. */
	s = mkstmt(id2, "answered");
	cr_assert_eq(answer(st, a.id, "q2", "b", 1, &s, &e), 0);
	check_consistent(st);
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM module_progress"), 0);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM answer"), 2);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM event"), 2);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM outbox"), 2);
}

Test(store, quiz_attempt_lifecycle)
{
	struct store		*st;
	struct store_attempt	 a, a2, open, *hist;
	struct store_answer	*ans;
	struct store_score	 sc = { 1, 2, 0.5, 0 };
	struct store_stmt	 s;
	struct err		 e;
	char			 p[128], id[STORE_UUID_LEN + 1];
	size_t			 n;
	int64_t			 oid;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "service");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	cr_assert_eq(store_attempt_open(st, oid, "c1", "qz", &open, &ans, &n,
	    &e), 1);
	start_attempt(st, oid, "qz", &a);
	cr_assert_eq(strlen(a.id), STORE_UUID_LEN);
	cr_assert_eq(a.passed, -1);

	s = mkstmt(id, "answered");
	cr_assert_eq(answer(st, a.id, "q2", "choice-1", 0, &s, &e), 0);
	s = mkstmt(id, "answered");
	cr_assert_eq(answer(st, a.id, "q1", "true", 1, &s, &e), 0);
	/* Changing an answer before submitting replaces it. */
	s = mkstmt(id, "answered");
	cr_assert_eq(answer(st, a.id, "q2", "choice-0", 1, &s, &e), 0);

	/* A resumed attempt gets the same order and the answers. */
	cr_assert_eq(store_attempt_open(st, oid, "c1", "qz", &open, &ans, &n,
	    &e), 0);
	cr_assert_str_eq(open.id, a.id);
	cr_assert_str_eq(open.order,
	    "{\"q\":[\"q2\",\"q1\"],\"c\":{\"q1\":[2,0,1]}}");
	cr_assert_str_eq(open.course_version, "1.2");
	cr_assert_str_eq(open.content_hash, "sha256:ab");
	cr_assert_eq(open.time_limit, 600);
	cr_assert_eq(open.started, NOW);
	cr_assert_eq(open.finished, 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(ans[0].question_id, "q2");
	cr_assert_str_eq(ans[0].response, "choice-0");
	cr_assert_eq(ans[0].correct, 1);
	cr_assert_str_eq(ans[1].question_id, "q1");
	store_answer_list_free(ans, n);
	store_attempt_release(&open);

	s = mkstmt(id, "failed");
	cr_assert_eq(store_attempt_finish(st, a.id, &sc, NOW + 100, &s, &e), 0);
	s = mkstmt(id, "failed");
	cr_assert_eq(store_attempt_finish(st, a.id, &sc, NOW + 100, &s, &e), -1);
	cr_assert(strstr(e.msg, "is already finished") != NULL);
	s = mkstmt(id, "answered");
	cr_assert_eq(answer(st, a.id, "q1", "false", 0, &s, &e), -1);
	cr_assert(strstr(e.msg, "is already finished") != NULL);
	s = mkstmt(id, "answered");
	cr_assert_eq(answer(st, "no-such-attempt", "q1", "x", 0, &s, &e), -1);
	cr_assert_str_eq(e.msg, "no attempt 'no-such-attempt'");
	cr_assert_eq(store_attempt_open(st, oid, "c1", "qz", &open, &ans, &n,
	    &e), 1);

	/* A second attempt, passed; history newest first. */
	start_attempt(st, oid, "qz", &a2);
	cr_assert_str_neq(a2.id, a.id);
	sc = (struct store_score){ 2, 2, 1, 1 };
	s = mkstmt(id, "passed");
	cr_assert_eq(store_attempt_finish(st, a2.id, &sc, NOW + 200, &s, &e), 0);
	cr_assert_eq(store_attempt_list(st, oid, "c1", "qz", &hist, &n, &e), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(hist[0].id, a2.id);
	cr_assert_eq(hist[0].passed, 1);
	cr_assert_float_eq(hist[0].scaled, 1.0, 1e-9);
	cr_assert_str_eq(hist[1].id, a.id);
	cr_assert_eq(hist[1].passed, 0);
	cr_assert_float_eq(hist[1].points, 1.0, 1e-9);
	cr_assert_float_eq(hist[1].max_points, 2.0, 1e-9);
	cr_assert_eq(hist[1].finished, NOW + 100);
	store_attempt_list_free(hist, n);
	cr_assert_eq(store_attempt_list(st, oid, NULL, "other", &hist, &n, &e),
	    0);
	cr_assert_eq(n, 0);
	cr_assert_null(hist);

	/* A caller-chosen id is kept; reusing it is an error. */
	memset(&a, 0, sizeof a);
	a = a2;
	a.order = (char[]){ "[]" };
	cr_assert_eq(store_attempt_start(st, &a, NULL, &e), -1);
	cr_assert(strstr(e.msg, "already exists") != NULL, "%s", e.msg);
	check_consistent(st);
	store_close(st);
}

Test(store, completion_progress_and_reports)
{
	struct store		*st;
	struct store_progress	*pr;
	struct store_report_row	*rows;
	struct store_attempt	 a;
	struct store_score	 sc = { 3, 4, 0.75, 1 };
	struct store_stmt	 s;
	struct store_page	 pg = { 0, "c1", "m1", "p3", NOW + 10 };
	struct err		 e;
	char			 p[128], id[STORE_UUID_LEN + 1];
	size_t			 n;
	int64_t			 o1, o2, o3;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	o1 = add_officer(st, "o1", "service");
	o2 = add_officer(st, "o2", "service");
	o3 = add_officer(st, "o3", "executive");
	cr_assert_eq(store_enrol(st, o1, "c1", NOW, &e), 0);
	cr_assert_eq(store_enrol(st, o1, "c2", NOW, &e), 0);
	cr_assert_eq(store_enrol(st, o2, "c1", NOW, &e), 0);
	cr_assert_eq(store_enrol(st, o3, "c2", NOW, &e), 0);
	pg.officer_id = o1;
	cr_assert_eq(store_record_page(st, &pg, NULL, &e), 0);
	s = mkstmt(id, "completed");
	cr_assert_eq(store_module_done(st, o1, "c1", "m1", NOW + 20, &s, &e), 0);
	s = mkstmt(id, "completed");
	cr_assert_eq(store_module_done(st, o1, "c1", "m2", NOW + 30, &s, &e), 0);
	start_attempt(st, o1, "final", &a);
	s = mkstmt(id, "passed");
	cr_assert_eq(store_attempt_finish(st, a.id, &sc, NOW + 40, &s, &e), 0);
	s = mkstmt(id, "completed");
	cr_assert_eq(store_course_complete(st, o1, "c1", 3.0, 1, NOW + 50, &s,
	    &e), 0);
	/* Completing again keeps the first time, larger hours, passed. */
	s = mkstmt(id, "completed");
	cr_assert_eq(store_course_complete(st, o1, "c1", 2.5, 0, NOW + 60, &s,
	    &e), 0);
	s = mkstmt(id, "completed");
	cr_assert_eq(store_course_complete(st, o3, "c2", 1.5, 0, NOW + 70, &s,
	    &e), 0);
	check_consistent(st);

	cr_assert_eq(store_progress(st, o1, "c1", &pr, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(pr[0].code, "o1");
	cr_assert_str_eq(pr[0].course_id, "c1");
	cr_assert_eq(pr[0].modules_done, 2);
	cr_assert_str_eq(pr[0].module_id, "m1");
	cr_assert_str_eq(pr[0].page_id, "p3");
	cr_assert_eq(pr[0].attempts, 1);
	cr_assert_eq(pr[0].quizzes_passed, 1);
	cr_assert_float_eq(pr[0].best_scaled, 0.75, 1e-9);
	cr_assert_eq(pr[0].completed, NOW + 50);
	cr_assert_eq(pr[0].passed, 1);
	cr_assert_float_eq(pr[0].hours, 3.0, 1e-9);
	cr_assert_eq(pr[0].last_activity, NOW + 60);
	free(pr);
	cr_assert_eq(store_progress(st, 0, NULL, &pr, &n, &e), 0);
	cr_assert_eq(n, 4);
	cr_assert_str_eq(pr[1].course_id, "c2");
	cr_assert_eq(pr[1].completed, 0);
	cr_assert_float_eq(pr[1].best_scaled, -1, 1e-9);
	free(pr);

	cr_assert_eq(store_report(st, STORE_REPORT_COURSE, &rows, &n, &e), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(rows[0].key, "c1");
	cr_assert_eq(rows[0].enrolled, 2);
	cr_assert_eq(rows[0].completed, 1);
	cr_assert_eq(rows[0].passed, 1);
	cr_assert_float_eq(rows[0].hours, 3.0, 1e-9);
	cr_assert_str_eq(rows[1].key, "c2");
	cr_assert_eq(rows[1].enrolled, 2);
	cr_assert_eq(rows[1].completed, 1);
	cr_assert_eq(rows[1].passed, 0);
	free(rows);
	cr_assert_eq(store_report(st, STORE_REPORT_GROUP, &rows, &n, &e), 0);
	cr_assert_eq(n, 6);
	cr_assert_str_eq(rows[0].key, "executive");
	cr_assert_eq(rows[0].enrolled, 1);
	cr_assert_eq(rows[0].completed, 1);
	cr_assert_float_eq(rows[0].hours, 1.5, 1e-9);
	cr_assert_str_eq(rows[3].key, "service");
	cr_assert_eq(rows[3].enrolled, 2);
	cr_assert_eq(rows[3].passed, 1);
	cr_assert_eq(rows[1].enrolled, 0);
	free(rows);
	cr_assert_eq(store_report(st, STORE_REPORT_AGENCY, &rows, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(rows[0].key, "กรมการปกครอง");
	cr_assert_eq(rows[0].enrolled, 3);
	cr_assert_eq(rows[0].completed, 2);
	free(rows);
	store_close(st);
}

/* Outbox ----------------------------------------------------------------- */

struct seen {
	char	ids[64][STORE_UUID_LEN + 1];
	char	json[64][128];
	int64_t	last_key;
	int	n, stop_at;
};

static int
collect(const struct store_outbox_row *r, void *arg)
{
	struct seen	*sn = arg;

	cr_assert_eq(strlen(r->json), r->json_len);
	snprintf(sn->ids[sn->n], sizeof sn->ids[0], "%s", r->stmt_id);
	snprintf(sn->json[sn->n], sizeof sn->json[0], "%s", r->json);
	cr_assert_gt(r->key, sn->last_key);	/* sending order */
	sn->last_key = r->key;
	sn->n++;
	return sn->stop_at != 0 && sn->n == sn->stop_at;
}

/* Queue 'n' answers; their statement ids go to ids[]. */
static void
queue_answers(struct store *st, int n, char ids[][STORE_UUID_LEN + 1])
{
	struct store_attempt	a;
	struct store_stmt	s;
	struct err		e;
	char			q[16];
	int64_t			oid;
	int			i;

	oid = add_officer(st, "o1", "technology");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	start_attempt(st, oid, "qz", &a);
	for (i = 0; i < n; i++) {
		snprintf(q, sizeof q, "q%d", i);
		s = mkstmt(ids[i], "answered");
		cr_assert_eq(answer(st, a.id, q, "x", 1, &s, &e), 0);
	}
}

Test(store, outbox_batches_in_creation_order)
{
	struct store	*st;
	struct seen	 sn;
	struct err	 e;
	char		 p[128], ids[10][STORE_UUID_LEN + 1];
	int64_t		 c[STORE_OB_NSTATES];
	int		 i, got;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	queue_answers(st, 10, ids);
	cr_assert_eq(store_outbox_counts(st, c, &e), 0);
	cr_assert_eq(c[STORE_OB_PENDING], 10);
	cr_assert_eq(c[STORE_OB_DELIVERED], 0);

	/* Batches of 4 with an after-seq cursor see every row once. */
	memset(&sn, 0, sizeof sn);
	do {
		got = store_outbox_pending(st, NOW, sn.last_key, 4, collect, &sn,
		    &e);
		cr_assert_geq(got, 0);
	} while (got == 4);
	cr_assert_eq(sn.n, 10);
	for (i = 0; i < 10; i++) {
		cr_assert_str_eq(sn.ids[i], ids[i]);
		cr_assert(strstr(sn.json[i], ids[i]) != NULL);	/* exact bytes */
	}
	/* The callback can stop early. */
	memset(&sn, 0, sizeof sn);
	sn.stop_at = 2;
	cr_assert_eq(store_outbox_pending(st, NOW, 0, 100, collect, &sn, &e), 2);
	cr_assert_eq(store_outbox_pending(st, NOW, 0, 0, collect, &sn, &e), 0);
	store_close(st);
}

/*
 * Results leave first: an attempt's start, its result, a module done and
 * a course completed go before page reads and answers, each class in
 * creation order, whatever order they were recorded in; a cursor in the
 * later class pages on, and a result recorded after it sorts before it.
 */
Test(store, outbox_results_leave_first)
{
	struct store		*st;
	struct store_attempt	 a;
	struct store_page	 pg = { 0, "c1", "m1", "p1", NOW };
	struct store_score	 sc = { 1, 1, 1, 1 };
	struct store_stmt	 s;
	struct seen		 sn;
	struct err		 e;
	char			 p[128], id[8][STORE_UUID_LEN + 1];
	const char		*want[] = { "attempted", "passed", "completed",
				    "experienced", "answered", "answered",
				    "experienced" };
	size_t			 i;
	int64_t			 oid;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "technology");
	pg.officer_id = oid;
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0);
	s = mkstmt(id[0], "experienced");
	cr_assert_eq(store_record_page(st, &pg, &s, &e), 0, "%s", e.msg);
	memset(&a, 0, sizeof a);
	a.officer_id = oid;
	snprintf(a.course_id, sizeof a.course_id, "c1");
	snprintf(a.quiz_id, sizeof a.quiz_id, "qz");
	a.order = (char *)"[]";
	a.started = NOW;
	s = mkstmt(id[1], "attempted");
	cr_assert_eq(store_attempt_start(st, &a, &s, &e), 0, "%s", e.msg);
	s = mkstmt(id[2], "answered");
	cr_assert_eq(answer(st, a.id, "q1", "x", 1, &s, &e), 0, "%s", e.msg);
	s = mkstmt(id[3], "answered");
	cr_assert_eq(answer(st, a.id, "q2", "x", 1, &s, &e), 0, "%s", e.msg);
	s = mkstmt(id[4], "passed");
	cr_assert_eq(store_attempt_finish(st, a.id, &sc, NOW + 9, &s, &e), 0,
	    "%s", e.msg);
	pg.page_id = "p2";
	s = mkstmt(id[5], "experienced");
	cr_assert_eq(store_record_page(st, &pg, &s, &e), 0, "%s", e.msg);
	s = mkstmt(id[6], "completed");
	cr_assert_eq(store_module_done(st, oid, "c1", "m1", NOW + 9, &s, &e),
	    0, "%s", e.msg);

	memset(&sn, 0, sizeof sn);
	cr_assert_eq(store_outbox_pending(st, NOW, 0, 100, collect, &sn, &e),
	    7);
	for (i = 0; i < 7; i++)
		cr_assert(strstr(sn.json[i], want[i]) != NULL, "%zu: %s", i,
		    sn.json[i]);
	/* claims follow the same order, paged by key */
	memset(&sn, 0, sizeof sn);
	cr_assert_eq(store_outbox_claim(st, "me", NOW, NOW + 60, 0, 4,
	    collect, &sn, NULL, &e), 4);
	cr_assert(strstr(sn.json[3], "experienced") != NULL);
	cr_assert_eq(store_outbox_claim(st, "me", NOW, NOW + 60, sn.last_key,
	    4, collect, &sn, NULL, &e), 3);
	cr_assert(strstr(sn.json[6], "experienced") != NULL);
	/* a 70:20:10 entry or a course completion made now goes first */
	s = mkstmt(id[7], "completed");
	cr_assert_eq(store_course_complete(st, oid, "c1", 1, 1, NOW + 10, &s,
	    &e), 0, "%s", e.msg);
	memset(&sn, 0, sizeof sn);
	cr_assert_eq(store_outbox_pending(st, NOW, 0, 100, collect, &sn, &e),
	    8);
	cr_assert_str_eq(sn.ids[3], id[7]);
	cr_assert_str_eq(sn.ids[4], id[0]);
	cr_assert_eq(store_ob_prio_of("log"), STORE_OB_FIRST);
	cr_assert_eq(store_ob_prio_of("review"), STORE_OB_LATER);
	store_close(st);
}

Test(store, outbox_retry_deliver_quarantine_requeue)
{
	struct store	*st;
	struct seen	 sn;
	struct err	 e;
	char		 p[128], ids[6][STORE_UUID_LEN + 1];
	const char	*batch[3];
	int64_t		 c[STORE_OB_NSTATES];
	size_t		 n;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	queue_answers(st, 6, ids);

	/* A failed try of the first three: not due until next_try. */
	batch[0] = ids[0], batch[1] = ids[1], batch[2] = ids[2];
	cr_assert_eq(store_outbox_retry(st, batch, 3, NOW + 60, "HTTP 503", &e),
	    0);
	memset(&sn, 0, sizeof sn);
	cr_assert_eq(store_outbox_pending(st, NOW, 0, 100, collect, &sn, &e), 3);
	cr_assert_str_eq(sn.ids[0], ids[3]);
	memset(&sn, 0, sizeof sn);
	cr_assert_eq(store_outbox_pending(st, NOW + 60, 0, 100, collect, &sn,
	    &e), 6);
	cr_assert_eq(sql_int(p, "SELECT max(attempts) FROM outbox"), 1);
	cr_assert_eq(store_outbox_retry(st, batch, 1, NOW + 120, "timeout", &e),
	    0);
	cr_assert_eq(sql_int(p, "SELECT max(attempts) FROM outbox"), 2);

	/* Deliver two, quarantine one, conflict one. */
	batch[0] = ids[1], batch[1] = ids[3];
	cr_assert_eq(store_outbox_delivered(st, batch, 2, NOW + 70, &e), 0);
	cr_assert_eq(store_outbox_set_state(st, ids[4], STORE_OB_QUARANTINED,
	    "HTTP 400: bad verb", NOW + 70, &e), 0);
	cr_assert_eq(store_outbox_set_state(st, ids[5], STORE_OB_CONFLICT,
	    "HTTP 409", NOW + 70, &e), 0);
	cr_assert_eq(store_outbox_set_state(st, "nope", STORE_OB_QUARANTINED,
	    "x", NOW, &e), -1);
	cr_assert_str_eq(e.msg, "no statement 'nope' in the outbox");
	cr_assert_eq(store_outbox_set_state(st, ids[0], STORE_OB_DELIVERED,
	    "x", NOW, &e), -1);
	cr_assert_eq(store_outbox_counts(st, c, &e), 0);
	cr_assert_eq(c[STORE_OB_PENDING], 2);
	cr_assert_eq(c[STORE_OB_DELIVERED], 2);
	cr_assert_eq(c[STORE_OB_QUARANTINED], 1);
	cr_assert_eq(c[STORE_OB_CONFLICT], 1);
	cr_assert_str_eq(store_ob_state_name(STORE_OB_QUARANTINED),
	    "quarantined");

	memset(&sn, 0, sizeof sn);
	cr_assert_eq(store_outbox_list(st, STORE_OB_QUARANTINED, collect, &sn,
	    &e), 1);
	cr_assert_str_eq(sn.ids[0], ids[4]);
	cr_assert_eq(sql_int(p, "SELECT quarantined FROM outbox WHERE "
	    "state = 'quarantined'"), NOW + 70);
	cr_assert_eq(sql_int(p, "SELECT delivered FROM outbox WHERE "
	    "state = 'delivered' LIMIT 1"), NOW + 70);

	/* Requeue one, then all; the JSON never changed. */
	cr_assert_eq(store_outbox_requeue(st, ids[4], &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(store_outbox_requeue(st, NULL, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(store_outbox_counts(st, c, &e), 0);
	cr_assert_eq(c[STORE_OB_PENDING], 4);
	cr_assert_eq(c[STORE_OB_QUARANTINED] + c[STORE_OB_CONFLICT], 0);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM outbox WHERE json NOT "
	    "LIKE '{\"id\":\"' || stmt_id || '\",%'"), 0);
	store_close(st);
}

/* Migrations ------------------------------------------------------------- */

/* Rows valid in the v1 and v2 schemas, with statements on each event. */
static const char old_rows[] =
    "INSERT INTO officer (id, code, name, group_id, agency, lang, created) "
    "  VALUES (1, 'o1', 'สมหญิง', 'policy', 'กรมบัญชีกลาง', 'th', 1);"
    "INSERT INTO enrolment (officer_id, course_id, enrolled, module_id, "
    "  page_id, page_at, completed, passed, hours, complete_stmt) "
    "  VALUES (1, 'c1', 1, 'm1', 'p4', 5, 9, 1, 2.5, 's-course');"
    "INSERT INTO module_progress (officer_id, course_id, module_id, page_id,"
    "  updated, done, done_at, done_stmt) VALUES (1, 'c1', 'm1', 'p4', 5, 1,"
    "  6, 's-module');"
    "INSERT INTO attempt (id, officer_id, course_id, quiz_id, question_order,"
    "  started, finished, points, max_points, scaled, passed, start_stmt,"
    "  finish_stmt) VALUES ('a1', 1, 'c1', 'qz', '[\"q1\"]', 7, 8, 1, 1, 1,"
    "  1, 's-start', 's-finish');"
    "INSERT INTO answer (attempt_id, question_id, response, correct, points,"
    "  answered, stmt_id) VALUES ('a1', 'q1', 'true', 1, 1, 7, 's-answer');"
    "INSERT INTO outbox (stmt_id, created, json, state) VALUES"
    "  ('s-course', 9, '{}', 'delivered'), ('s-module', 6, '{}', 'pending'),"
    "  ('s-start', 7, '{}', 'pending'), ('s-finish', 8, '{}', 'conflict'),"
    "  ('s-answer', 7, '{\"x\":1}', 'pending');";

static void
migrate_from(int version)
{
	struct store		*st;
	struct store_officer	 o;
	struct store_progress	*pr;
	struct store_attempt	*hist;
	struct store_answer	*ans;
	struct seen		 sn;
	struct err		 e;
	char			 p[128], bak[160];
	size_t			 n;
	int64_t			 c[STORE_OB_NSTATES];

	cr_assert_eq(store_create_version(tpath(p, sizeof p, "old.db"), version,
	    &e), 0, "%s", e.msg);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"), version);
	sql_run(p, old_rows);

	st = store_open_ok(p);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	snprintf(bak, sizeof bak, "%s.v%d.bak", p, version);
	cr_assert_eq(sql_int(bak, "PRAGMA user_version"), version);
	cr_assert_eq(sql_int(bak, "SELECT count(*) FROM outbox"), 5);

	cr_assert_eq(store_officer_get(st, "o1", &o, &e), 0);
	cr_assert_str_eq(o.name, "สมหญิง");
	cr_assert_eq(store_progress(st, 1, "c1", &pr, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(pr[0].page_id, "p4");
	cr_assert_eq(pr[0].modules_done, 1);
	cr_assert_eq(pr[0].completed, 9);
	cr_assert_float_eq(pr[0].hours, 2.5, 1e-9);
	free(pr);
	cr_assert_eq(store_attempt_list(st, 1, NULL, NULL, &hist, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(hist[0].order, "[\"q1\"]");
	store_attempt_list_free(hist, n);
	cr_assert_eq(store_answers(st, "a1", &ans, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ans[0].response, "true");
	store_answer_list_free(ans, n);

	cr_assert_eq(store_outbox_counts(st, c, &e), 0);
	cr_assert_eq(c[STORE_OB_PENDING], 3);
	cr_assert_eq(c[STORE_OB_DELIVERED], 1);
	cr_assert_eq(c[STORE_OB_CONFLICT], 1);
	memset(&sn, 0, sizeof sn);
	cr_assert_eq(store_outbox_pending(st, 100, 0, 10, collect, &sn, &e), 3);
	cr_assert_str_eq(sn.ids[0], "s-module");
	cr_assert_str_eq(sn.json[2], "{\"x\":1}");
	/* The v1 statement columns became journal rows: nothing orphaned. */
	check_consistent(st);
	/* New statements still follow the old ones (AUTOINCREMENT kept). */
	{
		struct store_stmt	s = { "s-new", "{}" };

		cr_assert_eq(store_module_done(st, 1, "c1", "m2", 10, &s, &e), 0,
		    "%s", e.msg);
	}
	cr_assert_eq(sql_int(p, "SELECT seq FROM outbox WHERE stmt_id = "
	    "'s-new'"), 6);
	store_close(st);
}

Test(store, migrates_v1_with_data)
{
	migrate_from(1);
}

Test(store, migrates_v2_with_data)
{
	migrate_from(2);
}

Test(store, readonly_refuses_old_format)
{
	struct err	e;
	char		p[128];

	cr_assert_eq(store_create_version(tpath(p, sizeof p, "old.db"), 1, &e),
	    0);
	cr_assert_null(store_open_readonly(p, &e));
	cr_assert(strstr(e.msg, "has an older format (1); open it once with "
	    "rianru") != NULL, "%s", e.msg);
	cr_assert_eq(sql_int(p, "PRAGMA user_version"), 1);
}

/* Backup ----------------------------------------------------------------- */

Test(store, backup_is_a_private_openable_copy)
{
	struct store		*st, *copy;
	struct store_officer	*list;
	struct stat		 sb;
	struct err		 e;
	char			 p[128], b[128], ids[3][STORE_UUID_LEN + 1];
	size_t			 n;
	int64_t			 c[STORE_OB_NSTATES];

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	queue_answers(st, 3, ids);
	cr_assert_eq(mkdir(tpath(b, sizeof b, "bk"), 0700), 0);
	cr_assert_eq(store_backup(st, tpath(b, sizeof b, "bk/copy.db"), &e), 0,
	    "%s", e.msg);
	cr_assert_eq(stat(b, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	/* A second backup replaces the first in one step. */
	cr_assert_eq(store_backup(st, b, &e), 0, "%s", e.msg);
	store_close(st);

	copy = store_open_ok(b);
	cr_assert_eq(store_officer_list(copy, &list, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(list[0].code, "o1");
	free(list);
	cr_assert_eq(store_outbox_counts(copy, c, &e), 0);
	cr_assert_eq(c[STORE_OB_PENDING], 3);
	check_consistent(copy);
	store_close(copy);
	cr_assert_eq(sql_int(b, "PRAGMA application_id"), STORE_APPLICATION_ID);
}

/* A backup never destroys the progress file nor invents folders. */
Test(store, backup_refuses_itself_and_missing_folders)
{
	struct store	*st, *ro;
	struct err	 e;
	char		 p[128], b[128], l[128], want[400];

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	add_officer(st, "o1", "service");
	err_clear(&e);
	cr_assert_eq(store_backup(st, p, &e), -1);
	snprintf(want, sizeof want, "'%s' is the progress file itself; back "
	    "it up to another file", p);
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(symlink(p, tpath(l, sizeof l, "link.db")), 0);
	cr_assert_eq(store_backup(st, l, &e), -1);
	snprintf(want, sizeof want, "'%s' is the progress file itself; back "
	    "it up to another file", l);
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(store_backup(st, tpath(b, sizeof b, "no/such/b.db"), &e),
	    -1);
	snprintf(want, sizeof want, "cannot back up to '%s': folder "
	    "'%s/no/such' does not exist", b, dir);
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(access(tpath(b, sizeof b, "no"), F_OK), -1);
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer"), 1);

	/* a read-only handle is enough to make a backup */
	ro = store_open_readonly(p, &e);
	cr_assert_not_null(ro, "%s", e.msg);
	cr_assert_eq(store_backup(ro, tpath(b, sizeof b, "b.db"), &e), 0,
	    "%s", e.msg);
	store_close(ro);
	cr_assert_eq(sql_int(b, "SELECT count(*) FROM officer"), 1);
}

/* Commands that must not make a progress file get an error instead. */
Test(store, open_existing_never_creates)
{
	struct err	e;
	char		p[128], want[300];

	err_clear(&e);
	cr_assert_null(store_open_existing(tpath(p, sizeof p, "none.db"), &e));
	snprintf(want, sizeof want, "no progress file at '%s'", p);
	cr_assert_str_eq(e.msg, want);
	cr_assert_null(store_open_readonly(p, &e));
	cr_assert_str_eq(e.msg, want);
	cr_assert_eq(access(p, F_OK), -1);
}

/* CSV import ------------------------------------------------------------- */

static const char *
dir_file(const char *name, const char *text)
{
	static char	p[128];
	FILE		*f;

	tpath(p, sizeof p, name);
	f = fopen(p, "wb");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

Test(store, import_csv_good_rows)
{
	struct store		*st;
	struct store_officer	 o;
	struct err		 e;
	const char		*csv;
	char			 p[128], msg[800];
	size_t			 added, updated;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	add_officer(st, "T-002", "other");
	csv = dir_file("in.csv",
	    "\xef\xbb\xbf" "code,name,group,agency,lang\r\n"
	    "T-001,\"สมศรี ใจดี\",service,\"กรม ก, สำนัก ข\",th\r\n"
	    "T-002,\"Ann \"\"Nan\"\" Smith\",Technology,\"ICT, Centre\",EN\r\n"
	    "\r\n"
	    " T-003 ,ผู้อำนวยการกอง,director,,\r\n");
	cr_assert_eq(store_user_import_csv(st, csv, NOW, &added, &updated, &e),
	    0, "%s", err_str(&e, msg, sizeof msg));
	cr_assert_eq(added, 2);
	cr_assert_eq(updated, 1);
	cr_assert_eq(store_officer_get(st, "T-001", &o, &e), 0);
	cr_assert_str_eq(o.name, "สมศรี ใจดี");
	cr_assert_str_eq(o.agency, "กรม ก, สำนัก ข");
	cr_assert_str_eq(o.group, "service");
	cr_assert_eq(store_officer_get(st, "T-002", &o, &e), 0);
	cr_assert_str_eq(o.name, "Ann \"Nan\" Smith");
	cr_assert_str_eq(o.group, "technology");
	cr_assert_str_eq(o.agency, "ICT, Centre");
	cr_assert_str_eq(o.lang, "en");
	cr_assert_eq(store_officer_get(st, "T-003", &o, &e), 0);
	cr_assert_str_eq(o.lang, "th");
	cr_assert_str_eq(o.agency, "");

	/* Columns in another order, LF lines, no lang column. */
	csv = dir_file("in2.csv", "group,code,name\npolicy,T-004,x\n");
	cr_assert_eq(store_user_import_csv(st, csv, NOW, NULL, NULL, &e), 0,
	    "%s", e.msg);
	cr_assert_eq(store_officer_get(st, "T-004", &o, &e), 0);
	cr_assert_str_eq(o.group, "policy");
	store_close(st);
}

/* Import 'text'; expect the error "in.csv:LINE: msg" and no change. */
static void
import_bad(const char *text, const char *want)
{
	static int	 calls;
	struct store	*st;
	struct err	 e;
	const char	*csv;
	char		 p[128], got[800], exp[300], name[32];

	snprintf(name, sizeof name, "p%d.db", calls++);	/* fresh each call */
	st = store_open_ok(tpath(p, sizeof p, name));
	add_officer(st, "T-009", "other");
	csv = dir_file("in.csv", text);
	cr_assert_eq(store_user_import_csv(st, csv, NOW, NULL, NULL, &e), -1);
	snprintf(exp, sizeof exp, "%s/%s", dir, want);
	cr_assert_str_eq(err_str(&e, got, sizeof got), exp);
	store_close(st);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer"), 1);
	cr_assert_eq(sql_int(p, "SELECT count(*) FROM officer WHERE "
	    "group_id = 'other' AND code = 'T-009'"), 1);
}

Test(store, import_csv_bad_group_changes_nothing)
{
	import_bad("code,name,group,agency,lang\r\n"
	    "T-001,a,service,x,th\r\n"
	    "T-009,b,service,x,th\r\n"
	    "T-002,c,boss,x,th\r\n",
	    "in.csv:4: unknown group 'boss' (use executive, director, policy, "
	    "service, technology or other)");
}

Test(store, import_csv_bad_rows)
{
	import_bad("code,name,group\nT-1,a,service,extra\n",
	    "in.csv:2: expected 3 fields, found 4");
}

Test(store, import_csv_duplicate_code)
{
	import_bad("code,name,group\nT-1,a,service\n\nT-2,b,other\n"
	    "T-1,c,other\n",
	    "in.csv:5: officer code 'T-1' appears twice (first on line 2)");
}

/* Nothing is cut or stored broken: line breaks, long values, spaces. */
Test(store, import_csv_checks_every_field)
{
	char	long_name[1024], text[1200];
	size_t	i;

	import_bad("code,name,group\nT-1,a,service\n\"two\nlines\",b,other\n",
	    "in.csv:3: officer code contains a line break");
	import_bad("code,name,group,agency\nT-1,a,service,\"ICT\r\nCentre\"\n",
	    "in.csv:2: agency contains a line break");
	import_bad("code,name,group\nT-1,\"a\tb\",service\n",
	    "in.csv:2: name contains U+0009 CHARACTER TABULATION");
	import_bad("code,name,group\nT 1,a,service\n",
	    "in.csv:2: officer code 'T 1' contains a space");
	/* bidi overrides and invisible separators are no names either */
	import_bad("code,name,group\nT-1,\"a\xe2\x80\xae" "b\",service\n",
	    "in.csv:2: name contains U+202E RIGHT-TO-LEFT OVERRIDE");
	import_bad("code,name,group\nT-1,a\xe2\x80\x8b" "b,service\n",
	    "in.csv:2: name contains U+200B ZERO WIDTH SPACE");
	import_bad("code,name,group\nT-1,a\xe2\x80\xa8" "b,service\n",
	    "in.csv:2: name contains U+2028 LINE SEPARATOR");
	for (i = 0; i < 300; i++)
		memcpy(long_name + 3 * i, "ก", 3);
	long_name[900] = '\0';
	snprintf(text, sizeof text, "code,name,group\nT-1,%s,service\n",
	    long_name);
	import_bad(text, "in.csv:2: name is too long: 900 bytes (300 "
	    "characters); at most 255 bytes (85 Thai characters)");
}

Test(store, import_csv_unclosed_quote)
{
	import_bad("code,name,group\nT-1,\"a,service\nT-2,b,other\n",
	    "in.csv:2: a quoted field is not closed");
}

Test(store, import_csv_stray_quote)
{
	import_bad("code,name,group\nT-1,a\"b,service\n",
	    "in.csv:2: a quote in the middle of a field (put the whole field "
	    "in quotes and double the quote)");
}

/* Bytes of the file reach the terminal escaped: OSC 52 writes a clipboard. */
Test(store, import_csv_escapes_what_it_quotes)
{
	import_bad("code,name,gr\033]52;c;eA==\007p\n", "in.csv:1: unknown "
	    "column 'gr\\x1B]52;c;eA==\\x07p' (the header is "
	    "code,name,group,agency,lang)");
	import_bad("code,name,group\nT-1,a,bad\033]0;x\007\n", "in.csv:2: "
	    "unknown group 'bad\\x1B]0;x\\x07' (use executive, director, "
	    "policy, service, technology or other)");
}

Test(store, import_csv_bad_header_lang_utf8)
{
	import_bad("code,name,grp\n", "in.csv:1: unknown column 'grp' (the "
	    "header is code,name,group,agency,lang)");
	import_bad("code,name\n", "in.csv:1: no 'group' column (the header is "
	    "code,name,group,agency,lang)");
	import_bad("code,name,group,lang\nT-1,a,other,fr\n",
	    "in.csv:2: unknown language 'fr' (use th or en)");
	import_bad("code,name,group\nT-1,\xe0\xb8,other\n",
	    "in.csv:2: not valid UTF-8 (save the file as CSV UTF-8)");
	import_bad("", "in.csv:1: empty file (the header is "
	    "code,name,group,agency,lang)");
	import_bad("code,name,group\n,a,other\n", "in.csv:2: missing officer "
	    "code");
}

/* Formatters ------------------------------------------------------------- */

static struct store_officer *
two_officers(void)
{
	static struct store_officer	o[2];

	memset(o, 0, sizeof o);
	snprintf(o[0].code, sizeof o[0].code, "T-1");
	snprintf(o[0].name, sizeof o[0].name, "สมศรี ใจดี");
	snprintf(o[0].group, sizeof o[0].group, "service");
	snprintf(o[0].agency, sizeof o[0].agency, "กรม ก, \"สำนัก\" ข");
	snprintf(o[0].lang, sizeof o[0].lang, "th");
	snprintf(o[0].pin_hash, sizeof o[0].pin_hash, "$argon2id$secret");
	o[0].last_seen = NOW;
	snprintf(o[1].code, sizeof o[1].code, "T-22");
	snprintf(o[1].name, sizeof o[1].name, "Ann");
	snprintf(o[1].group, sizeof o[1].group, "other");
	snprintf(o[1].lang, sizeof o[1].lang, "en");
	return o;
}

Test(store, format_officers_csv)
{
	struct buf	b;

	buf_init(&b);
	listing_officers(two_officers(), 2, LISTING_CSV, &b);
	cr_assert_str_eq(b.data,
	    "\xef\xbb\xbf" "code,name,group,agency,lang,pin,last_seen\r\n"
	    "T-1,สมศรี ใจดี,service,\"กรม ก, \"\"สำนัก\"\" ข\",th,yes,"
	    "2023-11-14T22:13:20Z\r\n"
	    "T-22,Ann,other,,en,no,\r\n");
	cr_assert_null(strstr(b.data, "argon2"));
	buf_release(&b);
}

/* A cell a spreadsheet would run as a formula is written as text. */
Test(store, format_csv_neutralises_formulas)
{
	struct store_officer	o[1];
	struct buf		b;

	memset(o, 0, sizeof o);
	snprintf(o[0].code, sizeof o[0].code, "-2+3");
	snprintf(o[0].name, sizeof o[0].name, "=HYPERLINK(\"x\")");
	snprintf(o[0].group, sizeof o[0].group, "other");
	snprintf(o[0].agency, sizeof o[0].agency, "@SUM(A1)");
	snprintf(o[0].lang, sizeof o[0].lang, "th");
	buf_init(&b);
	listing_officers(o, 1, LISTING_CSV, &b);
	cr_assert_str_eq(b.data,
	    "\xef\xbb\xbf" "code,name,group,agency,lang,pin,last_seen\r\n"
	    "'-2+3,\"'=HYPERLINK(\"\"x\"\")\",other,'@SUM(A1),th,no,\r\n");
	buf_release(&b);
	snprintf(o[0].name, sizeof o[0].name, "+1");
	snprintf(o[0].agency, sizeof o[0].agency, "\tx");
	buf_init(&b);
	listing_officers(o, 1, LISTING_CSV, &b);
	cr_assert_not_null(strstr(b.data, ",'+1,other,'\tx,"));
	buf_release(&b);
}

/* A progress file others could read is made 0600, and the user told. */
Test(store, open_tightens_a_readable_file)
{
	struct store	*st;
	struct stat	 sb;
	char		 p[128];

	st = store_open_ok(tpath(p, sizeof p, "loose.db"));
	cr_assert_null(store_notice(st));
	store_close(st);
	cr_assert_eq(chmod(p, 0644), 0);
	st = store_open_ok(p);
	cr_assert_not_null(store_notice(st));
	cr_assert_not_null(strstr(store_notice(st), "(mode 0644)"));
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	store_close(st);
}

Test(store, format_officers_json)
{
	struct buf	 b;
	json_t		*j;
	json_error_t	 je;

	buf_init(&b);
	listing_officers(two_officers(), 2, LISTING_JSON, &b);
	j = json_loads(b.data, 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	cr_assert_eq(json_array_size(j), 2);
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 0),
	    "name")), "สมศรี ใจดี");
	cr_assert(json_is_true(json_object_get(json_array_get(j, 0), "pin")));
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(j, 0),
	    "last_seen")), "2023-11-14T22:13:20Z");
	cr_assert(json_is_null(json_object_get(json_array_get(j, 1),
	    "last_seen")));
	cr_assert_null(strstr(b.data, "argon2"));
	json_decref(j);
	buf_release(&b);
}

Test(store, format_table_aligns_thai_by_cells)
{
	struct store_report_row	 r[2];
	struct buf		 b;

	memset(r, 0, sizeof r);
	/* 14 code points, 3 of them zero-width marks: 11 cells. */
	snprintf(r[0].key, sizeof r[0].key, "กรมการปกครอง");
	r[0].enrolled = 12;
	r[0].hours = 3.5;
	snprintf(r[1].key, sizeof r[1].key, "ICT");
	r[1].enrolled = 3;
	r[1].completed = 1;
	r[1].passed = 1;
	buf_init(&b);
	listing_report(r, 2, STORE_REPORT_AGENCY, LISTING_TABLE, &b);
	cr_assert_str_eq(b.data,
	    "AGENCY        ENROLLED  COMPLETED  PASSED  HOURS\n"
	    "กรมการปกครอง        12          0       0   3.50\n"
	    "ICT                  3          1       1   0.00\n");
	buf_release(&b);

	buf_init(&b);
	listing_report(r, 1, STORE_REPORT_COURSE, LISTING_CSV, &b);
	cr_assert_str_eq(b.data, "\xef\xbb\xbf"
	    "course,enrolled,completed,passed,hours\r\n"
	    "กรมการปกครอง,12,0,0,3.50\r\n");
	buf_release(&b);
}

/* No attempt is no score: not 0.00, which reads as a failed quiz. */
Test(store, format_progress_no_attempt_has_no_best_score)
{
	struct store_progress	 p;
	struct buf		 b;
	json_t			*j;

	memset(&p, 0, sizeof p);
	snprintf(p.code, sizeof p.code, "T-2");
	snprintf(p.course_id, sizeof p.course_id, "digital-101");
	p.best_scaled = -1;	/* the store's "no attempt" */
	buf_init(&b);
	listing_progress(&p, 1, LISTING_CSV, &b);
	cr_assert(strstr(b.data, "T-2,,digital-101,0,,0,,,no,0.00,") != NULL,
	    "%s", b.data);
	buf_reset(&b);
	listing_progress(&p, 1, LISTING_JSON, &b);
	j = json_loads(b.data, 0, NULL);
	cr_assert_not_null(j);
	cr_assert(json_is_null(json_object_get(json_array_get(j, 0),
	    "best_score")), "%s", b.data);
	json_decref(j);
	buf_reset(&b);
	listing_progress(&p, 1, LISTING_TABLE, &b);
	cr_assert(strstr(b.data, " 0     -  ") != NULL, "%s", b.data);
	buf_release(&b);
}

Test(store, format_progress_all_formats)
{
	struct store_progress	 p;
	struct buf		 b;
	json_t			*j;
	enum listing_fmt		 f;
	enum store_report_by	 by;

	memset(&p, 0, sizeof p);
	snprintf(p.code, sizeof p.code, "T-1");
	snprintf(p.name, sizeof p.name, "สมศรี");
	snprintf(p.course_id, sizeof p.course_id, "digital-101");
	snprintf(p.page_id, sizeof p.page_id, "p3");
	p.modules_done = 2;
	p.best_scaled = 0.8;
	p.passed = 1;
	p.hours = 6;
	buf_init(&b);
	listing_progress(&p, 1, LISTING_TABLE, &b);
	/* "สมศรี" is 5 code points but 4 cells, as wide as "NAME". */
	cr_assert(strncmp(b.data, "CODE  NAME  COURSE       MODULES", 32) == 0,
	    "%s", b.data);
	cr_assert(strstr(b.data, "\nT-1   สมศรี  digital-101        2  p3") !=
	    NULL, "%s", b.data);
	buf_reset(&b);
	listing_progress(&p, 1, LISTING_JSON, &b);
	j = json_loads(b.data, 0, NULL);
	cr_assert_not_null(j);
	cr_assert_eq(json_integer_value(json_object_get(json_array_get(j, 0),
	    "modules_done")), 2);
	cr_assert_float_eq(json_real_value(json_object_get(json_array_get(j, 0),
	    "best_score")), 0.8, 1e-9);
	cr_assert(json_is_null(json_object_get(json_array_get(j, 0),
	    "completed")));
	json_decref(j);
	buf_release(&b);

	cr_assert_eq(listing_fmt_parse("csv", &f), 0);
	cr_assert_eq(f, LISTING_CSV);
	cr_assert_eq(listing_fmt_parse("xml", &f), -1);
	cr_assert_eq(store_report_by_parse("agency", &by), 0);
	cr_assert_eq(by, STORE_REPORT_AGENCY);
	cr_assert_eq(store_report_by_parse("weather", &by), -1);
}

/* Size in bytes of the file at 'path'. */
static long long
file_size(const char *path)
{
	struct stat	sb;

	cr_assert_eq(stat(path, &sb), 0, "%s", path);
	return (long long)sb.st_size;
}

/* 'n' answers to fresh questions, each with a statement of 'kb' KB. */
static void
answer_big(struct store *st, const char *attempt, int from, int n, int kb)
{
	static char		json[80 * 1024];
	char			id[STORE_UUID_LEN + 1], q[32];
	struct store_stmt	s;
	struct err		e;
	int			i, len;

	for (i = from; i < from + n; i++) {
		store_uuid(id);
		len = snprintf(json, sizeof json, "{\"id\":\"%s\",\"pad\":\"", id);
		memset(json + len, 'x', (size_t)kb * 1024);
		snprintf(json + len + kb * 1024, 4, "\"}");
		s.id = id;
		s.json = json;
		snprintf(q, sizeof q, "q%d", i);
		cr_assert_eq(answer(st, attempt, q, "a", 1, &s, &e), 0, "%s",
		    e.msg);
	}
}

/*
 * Answers stay in the write-ahead log until the app checkpoints at a
 * pause, and only once the log is long enough; a log past the safety net
 * is checkpointed by the commit itself.
 */
Test(store, checkpoints_at_pauses_and_past_the_safety_net)
{
	struct store_attempt	 a;
	struct store		*st;
	struct err		 e;
	char			 p[128];
	long long		 before;
	int64_t			 oid;

	st = store_open_ok(tpath(p, sizeof p, "p.db"));
	oid = add_officer(st, "o1", "service");
	cr_assert_eq(store_enrol(st, oid, "c1", NOW, &e), 0, "%s", e.msg);
	start_attempt(st, oid, "m1-quiz", &a);
	before = file_size(p);
	answer_big(st, a.id, 0, 20, 16);		/* ~100 pages */
	cr_assert_eq(store_checkpoint(st, &e), 0, "%s", e.msg);
	cr_assert_eq(file_size(p), before, "a short log was checkpointed");
	answer_big(st, a.id, 20, 200, 16);		/* past 1,000 pages */
	cr_assert_eq(file_size(p), before, "checkpointed before a pause");
	cr_assert_eq(store_checkpoint(st, &e), 0, "%s", e.msg);
	cr_assert_gt(file_size(p), before + 220LL * 16 * 1024,
	    "the pause did not checkpoint");
	before = file_size(p);
	answer_big(st, a.id, 220, 500, 64);	/* past the safety net */
	cr_assert_gt(file_size(p), before + (long long)STORE_CKPT_PAGES * 4096,
	    "the log grew past %d pages", STORE_WAL_MAX_PAGES);
	check_consistent(st);
	store_attempt_release(&a);
	store_close(st);
}
