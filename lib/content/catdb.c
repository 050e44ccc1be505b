#include "content/catdb.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/catindex.h"
#include "content/codec.h"
#include "content/course.h"
#include "content/pack.h"
#include "text/text.h"

#define CATDB_FORMAT	"1"

struct catdb {
	sqlite3		 *db;
	char		 *path;
	struct course	**heads;	/* row i's header until taken */
	size_t		  n;
	int		  fts_ready;	/* the tokenizer is registered */
	char		 *query;	/* the query 'hit' answers, or NULL */
	unsigned char	 *hit;		/* per row: matched (courses without
					 * words of their own) */
};

/* 'dir'/'name', malloc'd. */
static char *
catdb_join(const char *dir, const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", dir, name);
	return p;
}

/* The SHA-256 of the index text, in hex. */
static void
catdb_index_sum(const char *idx, size_t len, char hex[65])
{
	struct sha256	h;

	sha256_init(&h);
	sha256_update(&h, idx, len);
	sha256_hex(&h, hex);
}

/*
 * The keyed check starts with the format and the index's SHA-256; each
 * row adds its number, format and record (catdb_mac_row).
 */
static void
catdb_mac_start(struct crypto_mac_state *m, const unsigned char key[32],
    const char isum[65])
{
	crypto_mac_init(m, key);
	crypto_mac_update(m, "rianru-catdb " CATDB_FORMAT "\n",
	    strlen("rianru-catdb " CATDB_FORMAT "\n"));
	crypto_mac_update(m, isum, 64);
}

static void
catdb_mac_row(struct crypto_mac_state *m, size_t row, int format,
    const void *rec, size_t len)
{
	char	line[96];
	int	n;

	/* lengths are in the text, so no two rows give the same bytes */
	n = snprintf(line, sizeof line, "\n%zu %d %zu\n", row, format, len);
	crypto_mac_update(m, line, (size_t)n);
	crypto_mac_update(m, rec, len);
}

static void
catdb_mac_hex(struct crypto_mac_state *m, size_t rows, char hex[65])
{
	unsigned char	out[32];
	char		line[32];
	int		n;
	size_t		i;

	n = snprintf(line, sizeof line, "\nrows %zu\n", rows);
	crypto_mac_update(m, line, (size_t)n);
	crypto_mac_final(m, out);
	for (i = 0; i < sizeof out; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
}

/* ---- building ---- */

static int
catdb_exec(sqlite3 *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return err_set(e, "cannot write the catalogue database: %s",
		    sqlite3_errmsg(db));
	return 0;
}

/* Row i+1: the pack of index line 'en' read, checked and added. */
static int
catdb_add(sqlite3 *db, sqlite3_stmt *ins, sqlite3_stmt *fts,
    const char *dir, const struct catindex_entry *en, size_t i,
    struct crypto_mac_state *m, struct text_wrapper *w, struct err *e)
{
	struct pack	*p;
	struct course	*h = NULL, *c = NULL;
	struct buf	 rec, title, text;
	char		*path = catdb_join(dir, en->file);
	int		 rc = -1;

	buf_init(&rec);
	buf_init(&title);
	buf_init(&text);
	if ((p = pack_open(path, e)) == NULL)
		goto out;
	/* the loader's every check, before anything is copied */
	if ((h = pack_header(p, e)) == NULL || (c = pack_body(p, e)) == NULL ||
	    pack_record_raw(p, 1, &rec, e) == -1)
		goto out;
	if (strcmp(h->id, en->id) != 0 || strcmp(h->version, en->version) !=
	    0 || strcmp(h->hash, en->hash) != 0) {
		err_set(e, "pack '%s' is not the course its index line names",
		    path);
		goto out;
	}
	sqlite3_bind_int64(ins, 1, (sqlite3_int64)(i + 1));
	sqlite3_bind_int(ins, 2, pack_format(p));
	sqlite3_bind_blob(ins, 3, rec.data, (int)rec.len, SQLITE_STATIC);
	if (sqlite3_step(ins) != SQLITE_DONE)
		goto sqlerr;
	sqlite3_reset(ins);
	catdb_mac_row(m, i + 1, pack_format(p), rec.data, rec.len);
	/* the pack's own search text, cut with the course's words */
	text_wrapper_use_words(w, c->words, c->nwords);
	pack_search_text(c, &title, &text);
	sqlite3_bind_int64(fts, 1, (sqlite3_int64)(i + 1));
	sqlite3_bind_text(fts, 2, title.len ? title.data : "", (int)title.len,
	    SQLITE_STATIC);
	sqlite3_bind_text(fts, 3, text.len ? text.data : "", (int)text.len,
	    SQLITE_STATIC);
	if (sqlite3_step(fts) != SQLITE_DONE)
		goto sqlerr;
	sqlite3_reset(fts);
	rc = 0;
	goto out;
sqlerr:
	err_set(e, "cannot write the catalogue database: %s",
	    sqlite3_errmsg(db));
out:
	pack_close(p);
	course_free(h);
	course_free(c);
	buf_release(&rec);
	buf_release(&title);
	buf_release(&text);
	free(path);
	return rc;
}

/* The rows and the meta table of the database being built. */
static int
catdb_fill(sqlite3 *db, const char *dir, const char *isum,
    const struct catindex *ix, const unsigned char key[32],
    struct text_wrapper *w, struct err *e)
{
	struct crypto_mac_state	 m;
	sqlite3_stmt		*ins = NULL, *fts = NULL, *meta = NULL;
	char			 mac[65];
	size_t			 i;
	int			 rc = -1;

	if (sqlite3_prepare_v2(db, "INSERT INTO course VALUES (?1, ?2, ?3)",
	    -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO search(rowid, title, text) "
	    "VALUES (?1, ?2, ?3)", -1, &fts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO meta VALUES (?1, ?2)", -1,
	    &meta, NULL) != SQLITE_OK) {
		err_set(e, "cannot write the catalogue database: %s",
		    sqlite3_errmsg(db));
		goto out;
	}
	catdb_mac_start(&m, key, isum);
	for (i = 0; i < ix->n; i++)
		if (catdb_add(db, ins, fts, dir, &ix->v[i], i, &m, w, e) == -1)
			goto out;
	catdb_mac_hex(&m, ix->n, mac);
	{
		const char *k[] = { "format", "index-sha256", "mac" };
		const char *v[] = { CATDB_FORMAT, isum, mac };

		for (i = 0; i < 3; i++) {
			sqlite3_bind_text(meta, 1, k[i], -1, SQLITE_STATIC);
			sqlite3_bind_text(meta, 2, v[i], -1, SQLITE_STATIC);
			if (sqlite3_step(meta) != SQLITE_DONE) {
				err_set(e, "cannot write the catalogue "
				    "database: %s", sqlite3_errmsg(db));
				goto out;
			}
			sqlite3_reset(meta);
		}
	}
	rc = 0;
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(fts);
	sqlite3_finalize(meta);
	return rc;
}

/* fsync the file at 'path'. */
static int
catdb_sync(const char *path)
{
	int	fd, rc;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
catdb_build(const char *dir, const char *idx, size_t len,
    const struct catindex *ix, const unsigned char key[32],
    struct text_wrapper *w, struct err *e)
{
	sqlite3	*db = NULL;
	char	 isum[65], *path = catdb_join(dir, CATDB_NAME), *tmp;
	int	 rc = -1;

	xasprintf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	catdb_index_sum(idx, len, isum);
	if (unlink(tmp) == -1 && errno != ENOENT) {
		err_set(e, "cannot replace '%s': %s", tmp, strerror(errno));
		goto out;
	}
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		err_set(e, "cannot create '%s': %s", tmp, db ?
		    sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (pack_fts_register(db, w, e) == -1 ||
	    catdb_exec(db, "PRAGMA journal_mode = OFF;"
	    "PRAGMA synchronous = OFF;"
	    "BEGIN;"
	    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE course (row INTEGER PRIMARY KEY, "
	    "format INTEGER NOT NULL, head BLOB NOT NULL);"
	    "CREATE VIRTUAL TABLE search USING fts5(title, text, "
	    "content = '', tokenize = 'rianru_thai');", e) == -1 ||
	    catdb_fill(db, dir, isum, ix, key, w, e) == -1 ||
	    catdb_exec(db, "INSERT INTO search(search) VALUES ('optimize');"
	    "COMMIT;", e) == -1)
		goto out;
	if (sqlite3_close(db) != SQLITE_OK) {
		err_set(e, "cannot write '%s': %s", tmp, sqlite3_errmsg(db));
		goto out;
	}
	db = NULL;
	/* private, as the index beside it */
	if (chmod(tmp, 0600) == -1 || catdb_sync(tmp) == -1 ||
	    rename(tmp, path) == -1) {
		err_set(e, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (db != NULL)
		sqlite3_close(db);
	if (rc == -1)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

/* ---- reading ---- */

/* The value of 'key' in the meta table, malloc'd, or NULL. */
static char *
catdb_meta(sqlite3 *db, const char *key)
{
	sqlite3_stmt	*st;
	const char	*v;
	char		*r = NULL;

	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(st, 0)) != NULL)
		r = xstrdup(v);
	sqlite3_finalize(st);
	return r;
}

/* Decode every row's header into db->heads, checking the keyed sum. */
static int
catdb_read(struct catdb *db, const char *dir, const char *isum,
    const struct catindex *ix, const unsigned char key[32], const char *mac,
    struct err *e)
{
	struct crypto_mac_state	 m;
	sqlite3_stmt		*st;
	const void		*rec;
	struct course		*c;
	struct err		 why;
	char			 hex[65], *path;
	size_t			 i = 0, len;
	int			 format, rc;

	if (sqlite3_prepare_v2(db->db, "SELECT row, format, head FROM course "
	    "ORDER BY row", -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "'%s' is damaged: %s", db->path,
		    sqlite3_errmsg(db->db));
	catdb_mac_start(&m, key, isum);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		format = sqlite3_column_int(st, 1);
		rec = sqlite3_column_blob(st, 2);
		len = (size_t)sqlite3_column_bytes(st, 2);
		if (i == ix->n || sqlite3_column_int64(st, 0) !=
		    (sqlite3_int64)(i + 1) || rec == NULL) {
			rc = SQLITE_CORRUPT;
			break;
		}
		catdb_mac_row(&m, i + 1, format, rec, len);
		path = catdb_join(dir, ix->v[i].file);
		err_clear(&why);
		c = codec_decode_format(rec, len, 1, path, format, &why);
		free(path);
		if (c == NULL) {
			sqlite3_finalize(st);
			return err_set(e, "'%s' refused: %s", db->path,
			    why.msg);
		}
		db->heads[i++] = c;
		if (strcmp(c->id, ix->v[i - 1].id) != 0 ||
		    strcmp(c->version, ix->v[i - 1].version) != 0 ||
		    strcmp(c->hash, ix->v[i - 1].hash) != 0) {
			rc = SQLITE_CORRUPT;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || i != ix->n)
		return err_set(e, "'%s' is damaged or not this catalogue's",
		    db->path);
	catdb_mac_hex(&m, ix->n, hex);
	if (strcmp(hex, mac) != 0)
		return err_set(e, "'%s' refused: its keyed check does not "
		    "match (another install's, or changed)", db->path);
	return 0;
}

struct catdb *
catdb_open(const char *dir, const char *idx, size_t len,
    const struct catindex *ix, const unsigned char key[32], struct err *e)
{
	struct catdb	*db = xcalloc(1, sizeof *db);
	char		*uri, *format = NULL, *sum = NULL, *mac = NULL;
	char		 isum[65];

	db->path = catdb_join(dir, CATDB_NAME);
	db->n = ix->n;
	db->heads = xcalloc(ix->n ? ix->n : 1, sizeof *db->heads);
	if (access(db->path, F_OK) == -1) {
		err_set(e, "no '%s'", db->path);
		goto fail;
	}
	uri = pack_sqlite_uri(db->path);
	if (sqlite3_open_v2(uri, &db->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		err_set(e, "cannot open '%s': %s", db->path, db->db ?
		    sqlite3_errmsg(db->db) : "out of memory");
		free(uri);
		goto fail;
	}
	free(uri);
	catdb_index_sum(idx, len, isum);
	format = catdb_meta(db->db, "format");
	sum = catdb_meta(db->db, "index-sha256");
	mac = catdb_meta(db->db, "mac");
	if (format == NULL || strcmp(format, CATDB_FORMAT) != 0 ||
	    sum == NULL || mac == NULL) {
		err_set(e, "'%s' is not a catalogue database of format "
		    CATDB_FORMAT, db->path);
		goto fail;
	}
	if (strcmp(sum, isum) != 0) {
		err_set(e, "'%s' was made for another index", db->path);
		goto fail;
	}
	if (catdb_read(db, dir, isum, ix, key, mac, e) == -1)
		goto fail;
	free(format);
	free(sum);
	free(mac);
	return db;
fail:
	free(format);
	free(sum);
	free(mac);
	catdb_close(db);
	return NULL;
}

void
catdb_close(struct catdb *db)
{
	size_t	i;

	if (db == NULL)
		return;
	sqlite3_close(db->db);
	for (i = 0; i < db->n; i++)
		course_free(db->heads[i]);
	free(db->heads);
	free(db->path);
	free(db->query);
	free(db->hit);
	free(db);
}

struct course *
catdb_take_header(struct catdb *db, size_t i)
{
	struct course	*c;

	if (i >= db->n)
		return NULL;
	c = db->heads[i];
	db->heads[i] = NULL;
	return c;
}

/* Run FTS5 query 'q' (restricted to row 'only' when not 0): 1, 0, -1. */
static int
catdb_match(struct catdb *db, const char *q, size_t only, struct err *e)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 row;
	int		 rc, found = 0;

	if (sqlite3_prepare_v2(db->db, only ? "SELECT rowid FROM search "
	    "WHERE search MATCH ?1 AND rowid = ?2" : "SELECT rowid FROM "
	    "search WHERE search MATCH ?1", -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "cannot search '%s': %s", db->path,
		    sqlite3_errmsg(db->db));
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	if (only)
		sqlite3_bind_int64(st, 2, (sqlite3_int64)only);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = sqlite3_column_int64(st, 0);
		found = 1;
		/* a row number is only ever an index into the headers read */
		if (!only && row >= 1 && (uint64_t)row <= db->n)
			db->hit[row - 1] = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return err_set(e, "cannot search '%s': %s", db->path,
		    sqlite3_errmsg(db->db));
	return found;
}

int
catdb_search(struct catdb *db, struct text_wrapper *w, size_t i,
    const struct course *h, const char *query, struct err *e)
{
	char	*q;
	int	 rc;

	if (i >= db->n)
		return err_set(e, "no row %zu in '%s'", i + 1, db->path);
	if (!db->fts_ready) {
		if (pack_fts_register(db->db, w, e) == -1)
			return -1;
		db->fts_ready = 1;
	}
	/* the query is cut with the course's words, as in its pack */
	text_wrapper_use_words(w, h->words, h->nwords);
	if (h->nwords == 0 && db->query != NULL &&
	    strcmp(db->query, query) == 0)
		return db->hit[i];
	if ((q = pack_fts_query(w, query)) == NULL)
		return 1;
	if (h->nwords > 0) {
		rc = catdb_match(db, q, i + 1, e);
		free(q);
		return rc;
	}
	/* every course without words of its own at once */
	free(db->query);
	db->query = NULL;
	if (db->hit == NULL)
		db->hit = xcalloc(db->n ? db->n : 1, 1);
	memset(db->hit, 0, db->n);
	rc = catdb_match(db, q, 0, e);
	free(q);
	if (rc == -1)
		return -1;
	db->query = xstrdup(query);
	return db->hit[i];
}
