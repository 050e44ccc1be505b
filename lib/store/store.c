#include "store/store.h"

/*
 * The progress file: opening, identifying, checking and migrating it, the
 * transaction and error helpers the other store files share, backups and
 * the consistency check, and the two loops that read rows. The schema
 * steps live in store_schema.c, officers in store_officer.c (their import
 * in store_csv.c), events in store_event.c and store_attempt.c, summaries
 * in store_query.c, the outbox in store_outbox.c, the 70:20:10 log and
 * certificates in store_log.c.
 */

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "store/store_impl.h"
#include "base/xalloc.h"

#define STORE_BUSY_MS	5000	/* SQLite waits this long for a lock ... */
#define STORE_RETRIES	4	/* ... this many times before giving up */

/* Helpers shared by the store files ------------------------------------ */

int
store_dberr(struct store *st, struct err *e, int rc)
{
	const char	*p = st->path;

	switch (rc & 0xff) {
	case SQLITE_FULL:
		return err_set(e, "cannot save progress: the disk holding '%s' "
		    "is full; free some space and try again", p);
	case SQLITE_READONLY:
		return err_set(e, "cannot save progress: '%s' is read-only; "
		    "check its permissions or pass --db", p);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, "'%s' is busy: another rianru program "
		    "kept it locked too long; try again", p);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, "'%s' is damaged (%s); restore it from a "
		    "backup (see docs/progress-store.md)", p,
		    sqlite3_errmsg(st->db));
	case SQLITE_IOERR:
		return err_set(e, "cannot read or write '%s': input/output "
		    "error (%s)", p, sqlite3_errmsg(st->db));
	case SQLITE_CANTOPEN:
		return err_set(e, "cannot open '%s': %s", p,
		    sqlite3_errmsg(st->db));
	case SQLITE_NOMEM:
		return err_set(e, "out of memory reading '%s'", p);
	default:
		return err_set(e, "progress file '%s': %s", p,
		    sqlite3_errmsg(st->db));
	}
}

static int
store_vbind(struct store *st, sqlite3_stmt *s, const char *fmt, va_list ap)
{
	const char	*t;
	int		 i, rc = SQLITE_OK;

	for (i = 1; fmt != NULL && *fmt != '\0' && rc == SQLITE_OK;
	    fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int(s, i, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(s, i, va_arg(ap, int64_t));
			break;
		case 'T':
			rc = sqlite3_bind_int64(s, i,
			    (sqlite3_int64)va_arg(ap, time_t));
			break;
		case 'd':
			rc = sqlite3_bind_double(s, i, va_arg(ap, double));
			break;
		case 't':
			t = va_arg(ap, const char *);
			rc = t == NULL ? sqlite3_bind_null(s, i) :
			    sqlite3_bind_text(s, i, t, -1, SQLITE_STATIC);
			break;
		default:
			return SQLITE_MISUSE;
		}
	}
	(void)st;
	return rc;
}

static sqlite3_stmt *
store_vprepare(struct store *st, struct err *e, const char *sql,
    const char *fmt, va_list ap)
{
	sqlite3_stmt	*s = NULL;
	int		 rc;

	rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	/* A parameter list that does not match the SQL is a bug. */
	assert(rc != SQLITE_OK || (size_t)sqlite3_bind_parameter_count(s) ==
	    (fmt != NULL ? strlen(fmt) : 0));
	if (rc == SQLITE_OK)
		rc = store_vbind(st, s, fmt, ap);
	if (rc != SQLITE_OK) {
		store_dberr(st, e, rc);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

sqlite3_stmt *
store_prepare(struct store *st, struct err *e, const char *sql,
    const char *fmt, ...)
{
	sqlite3_stmt	*s;
	va_list		 ap;

	va_start(ap, fmt);
	s = store_vprepare(st, e, sql, fmt, ap);
	va_end(ap);
	return s;
}

static int
store_vexec(struct store *st, struct err *e, const char *sql,
    const char *fmt, va_list ap)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_vprepare(st, e, sql, fmt, ap)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_dberr(st, e, rc);
	return sqlite3_changes(st->db);
}

int
store_exec(struct store *st, struct err *e, const char *sql,
    const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = store_vexec(st, e, sql, fmt, ap);
	va_end(ap);
	return rc;
}

int
store_write(struct store *st, struct err *e, const char *sql,
    const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	if (store_begin(st, e) == -1)
		return -1;
	va_start(ap, fmt);
	rc = store_vexec(st, e, sql, fmt, ap);
	va_end(ap);
	if (rc == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e) == -1 ? -1 : rc;
}

/* Run 'sql' (no parameters, no rows), retrying while another writer holds
 * the lock beyond the busy timeout. */
static int
store_exec_retry(struct store *st, const char *sql)
{
	int	rc, i;

	for (i = 0; i < STORE_RETRIES; i++) {
		rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		usleep(10000 * (i + 1));
	}
	return rc;
}

int
store_begin(struct store *st, struct err *e)
{
	int	rc;

	if ((rc = store_exec_retry(st, "BEGIN IMMEDIATE")) != SQLITE_OK)
		return store_dberr(st, e, rc);
	return 0;
}

int
store_commit(struct store *st, struct err *e)
{
	int	rc;

	if ((rc = store_exec_retry(st, "COMMIT")) != SQLITE_OK) {
		store_dberr(st, e, rc);
		store_rollback(st);
		return -1;
	}
	return 0;
}

void
store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	return t == NULL ? "" : (const char *)t;
}

void
store_col_copy(char *dst, size_t size, sqlite3_stmt *s, int i)
{
	snprintf(dst, size, "%s", store_col_text(s, i));
}

void
store_col_int64(sqlite3_stmt *s, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(s, 0);
}

int
store_rows(struct store *st, sqlite3_stmt *s, size_t size,
    void (*row)(sqlite3_stmt *, void *), void (*release)(void *), void **list,
    size_t *n, struct err *e)
{
	char	*v = NULL;
	size_t	 len = 0, cap = 0, i;
	int	 rc;

	*list = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			v = xreallocarray(v, cap, size);
		}
		memset(v + len * size, 0, size);
		row(s, v + len * size);
		len++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		for (i = 0; release != NULL && i < len; i++)
			release(v + i * size);
		free(v);
		return store_dberr(st, e, rc);
	}
	*list = v;
	*n = len;
	return 0;
}

int
store_row(struct store *st, sqlite3_stmt *s,
    void (*row)(sqlite3_stmt *, void *), void *out, struct err *e)
{
	int	rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && row != NULL)
		row(s, out);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return 1;
	return store_dberr(st, e, rc);
}

void
store_uuid(char out[STORE_UUID_LEN + 1])
{
	crypto_uuid(out);
}

/* Opening ---------------------------------------------------------------- */

/* Single integer result of 'sql' (a pragma or a count: always a row). */
static int
store_pragma_int(struct store *st, const char *sql, int64_t *v, struct err *e)
{
	*v = 0;
	return store_row(st, store_prepare(st, e, sql, NULL), store_col_int64,
	    v, e) == -1 ? -1 : 0;
}

/* mkdir -p for the directory part of 'path'; new directories get 0700. */
static int
store_mkdirs(const char *path, struct err *e)
{
	char		*dir, *p;
	struct stat	 sb;
	int		 rv = 0, last;

	dir = xstrdup(path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		goto out;
	*p = '\0';
	for (p = dir + 1, last = 0; !last && rv == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		last = *p == '\0';
		*p = '\0';
		if (stat(dir, &sb) == -1) {
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				rv = err_set(e, "cannot create directory '%s': "
				    "%s", dir, strerror(errno));
		} else if (!S_ISDIR(sb.st_mode))
			rv = err_set(e, "cannot create '%s': '%s' is not a "
			    "directory", path, dir);
		if (!last)
			*p = '/';
	}
out:
	free(dir);
	return rv;
}

/*
 * Look at 'path' before SQLite does. Sets *fresh when there is no file (it
 * is then created empty with mode 0600) or it is empty. Refuses a file that
 * is not an SQLite database.
 */
static int
store_probe(const char *path, int create, int *fresh, struct err *e)
{
	static const char	 magic[16] = "SQLite format 3";
	char			 head[16];
	ssize_t			 n;
	int			 fd;

	*fresh = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1 && errno == ENOENT && create) {
		if (store_mkdirs(path, e) == -1)
			return -1;
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1)
			return err_set(e, "cannot create '%s': %s", path,
			    strerror(errno));
		*fresh = 1;
		close(fd);
		return 0;
	}
	if (fd == -1 && errno == ENOENT)
		return err_set(e, "no progress file at '%s'", path);
	if (fd == -1)
		return err_set(e, "cannot open '%s': %s", path,
		    strerror(errno));
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0) {
		*fresh = 1;
		return 0;
	}
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof head) != 0)
		return err_set(e, "'%s' is not a rianru progress file (not an "
		    "SQLite database); move it away or pass --db", path);
	return 0;
}

/*
 * Identify the open file: ours, empty, foreign, damaged or too new. On
 * success *version holds its user_version (0 for an empty database).
 */
static int
store_identify(struct store *st, int fresh, int *version, struct err *e)
{
	sqlite3_stmt	*s;
	int64_t		 appid, ver, tables;
	struct err	 e2;
	int		 rc;

	if (store_pragma_int(st, "PRAGMA application_id", &appid, &e2) == -1 ||
	    store_pragma_int(st, "PRAGMA user_version", &ver, &e2) == -1 ||
	    store_pragma_int(st, "SELECT count(*) FROM sqlite_master", &tables,
	    &e2) == -1) {
		rc = sqlite3_errcode(st->db);
		if (rc == SQLITE_NOTADB)
			return err_set(e, "'%s' is not a rianru progress file "
			    "(or it is damaged); move it away or pass --db",
			    st->path);
		if (e != NULL)
			*e = e2;
		return -1;
	}
	if (appid != STORE_APPLICATION_ID && !(appid == 0 && ver == 0 &&
	    tables == 0))
		return err_set(e, "'%s' is not a rianru progress file (it "
		    "holds other data); move it away or pass --db", st->path);
	if (ver > STORE_SCHEMA_VERSION)
		return err_set(e, "'%s' was made by a newer rianru (format "
		    "%lld; this one knows up to %d); upgrade rianru", st->path,
		    (long long)ver, STORE_SCHEMA_VERSION);
	*version = (int)ver;
	if (fresh || tables == 0)
		return 0;

	if ((s = store_prepare(st, e, "PRAGMA quick_check(1)", NULL)) == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && strcmp(store_col_text(s, 0), "ok") != 0) {
		err_set(e, "'%s' is damaged (%s); restore it from a backup "
		    "(see docs/progress-store.md) or move it away",
		    st->path, store_col_text(s, 0));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_dberr(st, e, rc);
	return 0;
}

/* Run store_migrations[from .. to-1], each in its own transaction. */
static int
store_migrate(struct store *st, int from, int to, struct err *e)
{
	char	sql[64];
	int	v, rc;

	for (v = from; v < to; v++) {
		if (store_begin(st, e) == -1)
			return -1;
		rc = sqlite3_exec(st->db, store_migrations[v], NULL, NULL,
		    NULL);
		if (rc == SQLITE_OK) {
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
			    v + 1);
			rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		}
		if (rc == SQLITE_OK && v == 0) {
			snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
			    STORE_APPLICATION_ID);
			rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		}
		if (rc != SQLITE_OK) {
			store_dberr(st, e, rc);
			store_rollback(st);
			if (e != NULL && (rc & 0xff) != SQLITE_FULL &&
			    (rc & 0xff) != SQLITE_READONLY)
				err_set(e, "cannot upgrade '%s' to format %d: "
				    "%s", st->path, v + 1,
				    sqlite3_errmsg(st->db));
			return -1;
		}
		if (store_commit(st, e) == -1)
			return -1;
	}
	return 0;
}

/* Open the database handle for 'path' with 'flags'; sets busy timeout. */
/* SQLite starts a statement: count it (store_statements). */
static int
store_trace(unsigned type, void *ctx, void *p, void *x)
{
	struct store	*st = ctx;

	(void)type;
	(void)p;
	(void)x;
	st->statements++;
	return 0;
}

static int
store_connect(struct store *st, const char *uri, int flags, struct err *e)
{
	int	rc;

	rc = sqlite3_open_v2(uri, &st->db, flags | SQLITE_OPEN_URI, NULL);
	if (rc != SQLITE_OK) {
		if (st->db == NULL)
			return err_set(e, "out of memory opening '%s'",
			    st->path);
		return store_dberr(st, e, rc);
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, store_trace, st);
	return 0;
}

/* "file:" URI for 'path' with 'query' appended (may be ""). */
static char *
store_uri(const char *path, const char *query)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	buf_adds(&b, "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_addf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&b, *p);
	}
	buf_adds(&b, query);
	return buf_detach(&b, NULL);
}

static struct store *
store_new(const char *path)
{
	struct store	*st;

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	return st;
}

static int
store_need_writable(struct store *st, struct err *e)
{
	if (sqlite3_db_readonly(st->db, "main") == 1)
		return err_set(e, "cannot save progress: '%s' is read-only; "
		    "check its permissions or pass --db", st->path);
	return 0;
}

static int
store_ckpt(struct store *st)
{
	int	rc;

	rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
	if (rc == SQLITE_OK)
		st->wal_frames = 0;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? SQLITE_OK : rc;
}

/*
 * After every commit: remember the log's length, and checkpoint at once
 * only past the safety net (store_checkpoint does it at pauses). Errors
 * are left to the next checkpoint: the commit itself has succeeded.
 */
static int
store_wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store	*st = arg;

	(void)db;
	(void)name;
	st->wal_frames = frames;
	if (frames >= STORE_WAL_MAX_PAGES)
		store_ckpt(st);
	return SQLITE_OK;
}

/*
 * The progress file holds PIN hashes and answers: a file (or its -wal or
 * -shm, which SQLite makes with the file's mode) that others may read is
 * made 0600, and st->notice says so.
 */
static void
store_tighten(struct store *st, const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	struct stat	 sb;
	char		*p;
	size_t		 i;
	unsigned	 was = 0;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		xasprintf(&p, "%s%s", path, sfx[i]);
		if (lstat(p, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == geteuid() && (sb.st_mode & 077) != 0 &&
		    chmod(p, 0600) == 0 && was == 0)
			was = (unsigned)(sb.st_mode & 0777);
		free(p);
	}
	if (was != 0)
		xasprintf(&st->notice, "the progress file '%s' could be read "
		    "by others (mode %04o); it holds PIN hashes: now 0600",
		    path, was);
}

const char *
store_notice(const struct store *st)
{
	return st->notice;
}

/* store_open() and store_open_existing(): 'create' a missing file or not. */
static struct store *
store_open_mode(const char *path, int create, struct err *e)
{
	struct store	*st;
	char		*uri, *bak;
	int		 fresh, version, rc;

	st = store_new(path);
	/*
	 * SQLite's in-memory name is not a file: probing it would leave an
	 * empty ':memory:' file in the current folder.
	 */
	if (strcmp(path, STORE_MEMORY) == 0)
		fresh = 1;
	else if (store_probe(path, create, &fresh, e) == -1)
		goto fail;
	store_tighten(st, path);
	uri = store_uri(path, "");
	rc = store_connect(st, uri, SQLITE_OPEN_READWRITE, e);
	free(uri);
	if (rc == -1 || store_need_writable(st, e) == -1)
		goto fail;
	if (store_identify(st, fresh, &version, e) == -1)
		goto fail;

	/*
	 * WAL lets a report or `rianru sync` read while the app writes;
	 * FULL syncs the WAL on every commit, so an acknowledged answer
	 * survives a power cut. The automatic checkpoint is pushed out so
	 * that it rarely lands inside an answer's commit: the app
	 * checkpoints when the officer pauses (store_checkpoint).
	 */
	if (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_exec(st->db, "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK) {
		store_dberr(st, e, sqlite3_errcode(st->db));
		goto fail;
	}
	/* replaces SQLite's automatic checkpoint (every 1,000 pages) */
	sqlite3_wal_hook(st->db, store_wal_hook, st);
	if (version > 0 && version < STORE_SCHEMA_VERSION) {
		xasprintf(&bak, "%s.v%d.bak", path, version);
		rc = store_backup(st, bak, e);
		free(bak);
		if (rc == -1)
			goto fail;
	}
	if (store_migrate(st, version, STORE_SCHEMA_VERSION, e) == -1)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

struct store *
store_open(const char *path, struct err *e)
{
	return store_open_mode(path, 1, e);
}

struct store *
store_open_existing(const char *path, struct err *e)
{
	return store_open_mode(path, 0, e);
}

struct store *
store_open_readonly(const char *path, struct err *e)
{
	struct store	*st;
	struct err	 e2;
	char		*uri, *wal;
	int		 fresh, version, rc;
	int64_t		 v;

	st = store_new(path);
	st->readonly = 1;
	if (store_probe(path, 0, &fresh, e) == -1)
		goto fail;
	uri = store_uri(path, "?mode=ro");
	rc = store_connect(st, uri, SQLITE_OPEN_READONLY, e);
	free(uri);
	if (rc == -1)
		goto fail;
	/*
	 * A WAL database needs its -shm file; in a directory we cannot
	 * write, and with no -wal left behind (so no writer is active),
	 * reading it as immutable is safe.
	 */
	if (store_pragma_int(st, "PRAGMA user_version", &v, &e2) == -1) {
		xasprintf(&wal, "%s-wal", path);
		rc = access(wal, F_OK);
		free(wal);
		if ((sqlite3_errcode(st->db) & 0xff) != SQLITE_CANTOPEN ||
		    rc == 0) {
			if (e != NULL)
				*e = e2;
			goto fail;
		}
		sqlite3_close(st->db);
		st->db = NULL;
		uri = store_uri(path, "?mode=ro&immutable=1");
		rc = store_connect(st, uri, SQLITE_OPEN_READONLY, e);
		free(uri);
		if (rc == -1)
			goto fail;
	}
	if (store_identify(st, fresh, &version, e) == -1)
		goto fail;
	if (version < STORE_SCHEMA_VERSION) {
		err_set(e, "'%s' has an older format (%d); open it once with "
		    "rianru to upgrade it", path, version);
		goto fail;
	}
	sqlite3_exec(st->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	sqlite3_close(st->db);	/* NULL is fine */
	free(st->path);
	free(st->notice);
	free(st);
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

unsigned long
store_statements(const struct store *st)
{
	return st->statements;
}

int
store_checkpoint(struct store *st, struct err *e)
{
	int	rc;

	if (st->readonly || st->wal_frames < STORE_CKPT_PAGES)
		return 0;
	if ((rc = store_ckpt(st)) != SQLITE_OK)
		return store_dberr(st, e, rc);
	return 0;
}

long
store_set_page_limit(struct store *st, long pages)
{
	char	sql[64];
	int64_t	v = 0;

	/* Pages already used cannot be taken away; 0 restores the default. */
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %ld",
	    pages > 0 ? pages : 0xfffffffeL);
	if (store_pragma_int(st, sql, &v, NULL) == -1)
		return -1;
	return (long)v;
}

int
store_create_version(const char *path, int version, struct err *e)
{
	struct store	*st;
	char		*uri;
	int		 fresh, rc;

	if (version < 1 || version > STORE_SCHEMA_VERSION)
		return err_set(e, "no format %d", version);
	st = store_new(path);
	if (store_probe(path, 1, &fresh, e) == -1 || !fresh) {
		if (e != NULL && !fresh)
			err_set(e, "'%s' already exists", path);
		store_close(st);
		return -1;
	}
	uri = store_uri(path, "");
	rc = store_connect(st, uri, SQLITE_OPEN_READWRITE, e);
	free(uri);
	if (rc == 0 && sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL,
	    NULL, NULL) != SQLITE_OK)
		rc = store_dberr(st, e, sqlite3_errcode(st->db));
	if (rc == 0)
		rc = store_migrate(st, 0, version, e);
	store_close(st);
	return rc;
}

/* Backup and check ------------------------------------------------------- */

/*
 * Refuse a backup target that would destroy the progress file (the same
 * file under another name, or a link to it) or that lies in a folder that
 * does not exist: a typo must not create folders nobody will look in.
 */
static int
store_backup_target(struct store *st, const char *path, struct err *e)
{
	struct stat	 sp, sb;
	char		*dir, *slash;
	int		 rc = 0;

	if (*path == '\0')
		return err_set(e, "no backup file name given");
	if (stat(path, &sb) == 0 && stat(st->path, &sp) == 0 &&
	    sb.st_dev == sp.st_dev && sb.st_ino == sp.st_ino)
		return err_set(e, "'%s' is the progress file itself; back it "
		    "up to another file", path);
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return err_set(e, "'%s' is a folder; give the backup a file "
		    "name in it", path);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		slash[slash == dir] = '\0';	/* "/x" -> "/" */
		if (stat(dir, &sb) == -1)
			rc = err_set(e, "cannot back up to '%s': folder '%s' "
			    "does not exist", path, dir);
		else if (!S_ISDIR(sb.st_mode))
			rc = err_set(e, "cannot back up to '%s': '%s' is not "
			    "a folder", path, dir);
	}
	free(dir);
	return rc;
}

int
store_backup(struct store *st, const char *path, struct err *e)
{
	struct store	*dst;
	sqlite3_backup	*bk;
	char		*tmp, *uri;
	int		 fd, rc;

	if (store_backup_target(st, path, e) == -1)
		return -1;
	xasprintf(&tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {	/* mkstemp makes it 0600 */
		err_set(e, "cannot create '%s': %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	close(fd);
	dst = store_new(tmp);
	uri = store_uri(tmp, "");
	rc = store_connect(dst, uri, SQLITE_OPEN_READWRITE, e);
	free(uri);
	if (rc == -1)
		goto out;
	if ((bk = sqlite3_backup_init(dst->db, "main", st->db, "main")) ==
	    NULL) {
		rc = store_dberr(dst, e, sqlite3_errcode(dst->db));
		goto out;
	}
	/* Copy in steps, so a writer elsewhere is held up only briefly. */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)
			err_set(e, "cannot write backup '%s': %s", path,
			    (rc & 0xff) == SQLITE_FULL ? "the disk is full" :
			    sqlite3_errstr(rc));
		else
			store_dberr(st, e, rc);
		rc = -1;
		goto out;
	}
	/* Leave a single self-contained file, not a WAL beside it. */
	if (sqlite3_exec(dst->db, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		rc = store_dberr(dst, e, sqlite3_errcode(dst->db));
		goto out;
	}
	store_close(dst);
	dst = NULL;
	if ((fd = open(tmp, O_RDONLY | O_CLOEXEC)) == -1 || fsync(fd) == -1) {
		rc = err_set(e, "cannot write backup '%s': %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) == -1) {
		rc = err_set(e, "cannot write backup '%s': %s", path,
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	store_close(dst);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
store_check(struct store *st, struct store_check *c, struct err *e)
{
	sqlite3_stmt	*s;
	int		 rc;

	memset(c, 0, sizeof *c);
	if ((s = store_prepare(st, e, "PRAGMA integrity_check(1)", NULL)) ==
	    NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_col_copy(c->first, sizeof c->first, s, 0);
		c->ok = strcmp(c->first, "ok") == 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_dberr(st, e, rc);
	/* pulled events (store_pull.h) have their statement at the LRS */
	if (store_pragma_int(st, "SELECT count(*) FROM event WHERE pulled = 0",
	    &c->events, e) == -1 ||
	    store_pragma_int(st, "SELECT count(*) FROM outbox", &c->statements,
	    e) == -1 ||
	    store_pragma_int(st, "SELECT count(*) FROM event WHERE pulled = 0 "
	    "AND stmt_id NOT IN (SELECT stmt_id FROM outbox)", &c->missing,
	    e) == -1 ||
	    store_pragma_int(st, "SELECT count(*) FROM outbox WHERE stmt_id "
	    "NOT IN (SELECT stmt_id FROM event)", &c->orphans, e) == -1)
		return -1;
	return 0;
}
