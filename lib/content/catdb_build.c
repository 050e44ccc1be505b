/*
 * Writing the catalogue database (catdb.h): whole from the packs, or from
 * the database of the installed index, re-reading only the packs that
 * changed. Both give the same rows: the course table is rewritten in the
 * new index's order either way, and a course's search row is named after
 * its pack (catdb_kit_doc), so the rows of unchanged courses are already
 * what a whole build would write.
 */
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
#include "base/file.h"
#include "base/xalloc.h"
#include "content/catdb_kit.h"
#include "content/catindex.h"
#include "content/course.h"
#include "content/pack.h"
#include "text/text.h"

/* The database being written: 'tmp', renamed to 'path' once whole. */
struct catdb_out {
	sqlite3			*db;
	sqlite3_stmt		*ins;	/* a course row */
	sqlite3_stmt		*fts;	/* a search row */
	sqlite3_stmt		*del;	/* a search row taken out */
	struct crypto_mac_state	 m;
	const char		*dir;
	char			*path, *tmp;
	struct text_wrapper	*w;
	struct catdb_stats	*st;
};

static void
catdb_out_init(struct catdb_out *o, const char *dir, struct text_wrapper *w,
    struct catdb_stats *st)
{
	memset(o, 0, sizeof *o);
	o->dir = dir;
	o->w = w;
	o->st = st;
	o->path = catdb_kit_join(dir, CATDB_NAME);
	xasprintf(&o->tmp, "%s.%ld.tmp", o->path, (long)getpid());
}

/* Close what 'o' holds; the temporary file goes unless it was renamed. */
static void
catdb_out_release(struct catdb_out *o)
{
	sqlite3_finalize(o->ins);
	sqlite3_finalize(o->fts);
	sqlite3_finalize(o->del);
	if (o->db != NULL) {
		sqlite3_close(o->db);
		unlink(o->tmp);
	}
	free(o->path);
	free(o->tmp);
}

static int
catdb_out_sqlerr(struct catdb_out *o, struct err *e)
{
	return err_set(e, "cannot write the catalogue database: %s",
	    sqlite3_errmsg(o->db));
}

static int
catdb_out_exec(struct catdb_out *o, const char *sql, struct err *e)
{
	if (sqlite3_exec(o->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return catdb_out_sqlerr(o, e);
	return 0;
}

/* Create the temporary file, empty, with the tokenizer registered. */
static int
catdb_out_create(struct catdb_out *o, struct err *e)
{
	if (unlink(o->tmp) == -1 && errno != ENOENT)
		return err_set(e, "cannot replace '%s': %s", o->tmp,
		    strerror(errno));
	if (sqlite3_open_v2(o->tmp, &o->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
		return err_set(e, "cannot create '%s': %s", o->tmp, o->db ?
		    sqlite3_errmsg(o->db) : "out of memory");
	return pack_fts_register(o->db, o->w, e);
}

/*
 * Begin the one transaction (no journal: an unfinished file is never
 * renamed in) after 'schema' (SQL, or NULL), and prepare the statements
 * that write rows.
 */
static int
catdb_out_begin(struct catdb_out *o, const char *schema, struct err *e)
{
	if (catdb_out_exec(o, "PRAGMA journal_mode = OFF;"
	    "PRAGMA synchronous = OFF; BEGIN;", e) == -1 ||
	    (schema != NULL && catdb_out_exec(o, schema, e) == -1))
		return -1;
	if (sqlite3_prepare_v2(o->db, "INSERT INTO course VALUES (?1, ?2, ?3)",
	    -1, &o->ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(o->db, "INSERT INTO search(rowid, title, text) "
	    "VALUES (?1, ?2, ?3)", -1, &o->fts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(o->db, "INSERT INTO search(search, rowid, "
	    "title, text) VALUES ('delete', ?1, ?2, ?3)", -1, &o->del,
	    NULL) != SQLITE_OK)
		return catdb_out_sqlerr(o, e);
	return 0;
}

/* Course row 'row' (from 1): written and added to the keyed check. */
static int
catdb_out_row(struct catdb_out *o, size_t row, int format, const void *rec,
    size_t len, struct err *e)
{
	sqlite3_bind_int64(o->ins, 1, (sqlite3_int64)row);
	sqlite3_bind_int(o->ins, 2, format);
	sqlite3_bind_blob(o->ins, 3, rec, (int)len, SQLITE_STATIC);
	if (sqlite3_step(o->ins) != SQLITE_DONE)
		return catdb_out_sqlerr(o, e);
	sqlite3_reset(o->ins);
	catdb_kit_mac_row(&o->m, row, format, rec, len);
	return 0;
}

/*
 * Search row 'doc' of course 'c' (whole): added, or with 'out' taken out
 * again, which a contentless FTS5 table can only do given the very text
 * it was given.
 */
static int
catdb_out_search(struct catdb_out *o, int64_t doc, const struct course *c,
    int out, struct err *e)
{
	sqlite3_stmt	*st = out ? o->del : o->fts;
	struct buf	 title, text;
	int		 rc = 0;

	buf_init(&title);
	buf_init(&text);
	/* the pack's own search text, cut with the course's words */
	text_wrapper_use_words(o->w, c->words, c->nwords);
	pack_search_text(c, &title, &text);
	sqlite3_bind_int64(st, 1, doc);
	sqlite3_bind_text(st, 2, title.data, (int)title.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, text.data, (int)text.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = catdb_out_sqlerr(o, e);
	sqlite3_reset(st);
	buf_release(&title);
	buf_release(&text);
	return rc;
}

/*
 * The pack of index line 'en' opened, with every check of the loader on
 * its header and body, and checked to be the course the line names:
 * 'path' is its path (caller frees), *p, *h and *c what was read (caller
 * closes and frees, also on failure).
 */
static int
catdb_out_read(struct catdb_out *o, const struct catindex_entry *en,
    char **path, struct pack **p, struct course **h, struct course **c,
    struct err *e)
{
	*h = *c = NULL;
	*path = catdb_kit_join(o->dir, en->file);
	o->st->packs++;
	if ((*p = pack_open(*path, e)) == NULL ||
	    (*h = pack_header(*p, e)) == NULL ||
	    (*c = pack_body(*p, e)) == NULL)
		return -1;
	if (!course_is(*h, en->id, en->version, en->hash))
		return err_set(e, "pack '%s' is not the course its index line "
		    "names", *path);
	return 0;
}

/* Row 'row' and its search row from the pack of index line 'en'. */
static int
catdb_out_pack(struct catdb_out *o, const struct catindex_entry *en,
    size_t row, struct err *e)
{
	struct pack	*p = NULL;
	struct course	*h = NULL, *c = NULL;
	struct buf	 rec;
	char		*path;
	int		 rc = -1;

	buf_init(&rec);
	if (catdb_out_read(o, en, &path, &p, &h, &c, e) == 0 &&
	    pack_record_raw(p, 1, &rec, e) == 0 &&
	    catdb_out_row(o, row, pack_format(p), rec.data, rec.len, e) == 0 &&
	    catdb_out_search(o, catdb_kit_doc(en), c, 0, e) == 0)
		rc = 0;
	pack_close(p);
	course_free(h);
	course_free(c);
	buf_release(&rec);
	free(path);
	return rc;
}

/*
 * The search row of old index line 'en', whose course is gone or
 * changed, taken out: its pack is still in place (packs go after the
 * switch) and must be the very file the line names, or the text would
 * not be what was indexed.
 */
static int
catdb_out_unpack(struct catdb_out *o, const struct catindex_entry *en,
    struct err *e)
{
	struct pack		*p = NULL;
	struct course		*h = NULL, *c = NULL;
	unsigned long long	 size;
	char			 hex[65], *path;
	int			 rc = -1;

	path = catdb_kit_join(o->dir, en->file);
	if (file_sha256(path, hex, &size, e) == -1)
		goto out;
	if (strcmp(hex, en->sha256) != 0 || size != en->size) {
		err_set(e, "pack '%s' is no longer the one its old index line "
		    "names", path);
		goto out;
	}
	free(path);
	if (catdb_out_read(o, en, &path, &p, &h, &c, e) == 0 &&
	    catdb_out_search(o, catdb_kit_doc(en), c, 1, e) == 0)
		rc = 0;
out:
	pack_close(p);
	course_free(h);
	course_free(c);
	free(path);
	return rc;
}

/*
 * The meta table for index SHA-256 'isum' and 'rows' rows, then the
 * search table merged into one segment (as a whole build leaves it),
 * committed, closed and renamed in, private as the index beside it.
 */
static int
catdb_out_finish(struct catdb_out *o, const char *isum, size_t rows,
    struct err *e)
{
	sqlite3_stmt	*meta;
	char		 mac[65];
	const char	*k[] = { "format", "index-sha256", "mac" };
	const char	*v[] = { CATDB_FORMAT, isum, mac };
	size_t		 i;
	int		 fd, rc = 0;

	catdb_kit_mac_hex(&o->m, rows, mac);
	if (sqlite3_prepare_v2(o->db, "INSERT OR REPLACE INTO meta "
	    "VALUES (?1, ?2)", -1, &meta, NULL) != SQLITE_OK)
		return catdb_out_sqlerr(o, e);
	for (i = 0; i < 3 && rc == 0; i++) {
		sqlite3_bind_text(meta, 1, k[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(meta, 2, v[i], -1, SQLITE_STATIC);
		if (sqlite3_step(meta) != SQLITE_DONE)
			rc = catdb_out_sqlerr(o, e);
		sqlite3_reset(meta);
	}
	sqlite3_finalize(meta);
	if (rc == -1 || catdb_out_exec(o, "INSERT INTO search(search) "
	    "VALUES ('optimize'); COMMIT;", e) == -1)
		return -1;
	sqlite3_finalize(o->ins);
	sqlite3_finalize(o->fts);
	sqlite3_finalize(o->del);
	o->ins = o->fts = o->del = NULL;
	if (sqlite3_close(o->db) != SQLITE_OK)
		return err_set(e, "cannot write '%s': %s", o->tmp,
		    sqlite3_errmsg(o->db));
	o->db = NULL;
	if ((fd = open(o->tmp, O_RDONLY)) != -1) {
		rc = fsync(fd);
		close(fd);
	}
	if (fd == -1 || rc == -1 || chmod(o->tmp, 0600) == -1 ||
	    rename(o->tmp, o->path) == -1) {
		err_set(e, "cannot write '%s': %s", o->path, strerror(errno));
		unlink(o->tmp);
		return -1;
	}
	return 0;
}

/* Every pack of 'ix' read into a new database. */
static int
catdb_build_whole(struct catdb_out *o, const struct catindex *ix,
    const char *isum, const unsigned char key[32], struct err *e)
{
	size_t	i;

	if (catdb_out_create(o, e) == -1 ||
	    catdb_out_begin(o,
	    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE course (row INTEGER PRIMARY KEY, "
	    "format INTEGER NOT NULL, head BLOB NOT NULL);"
	    "CREATE VIRTUAL TABLE search USING fts5(title, text, "
	    "content = '', tokenize = 'rianru_thai');", e) == -1)
		return -1;
	catdb_kit_mac_start(&o->m, key, isum);
	for (i = 0; i < ix->n; i++)
		if (catdb_out_pack(o, &ix->v[i], i + 1, e) == -1)
			return -1;
	return catdb_out_finish(o, isum, ix->n, e);
}

/* Does line 'a' name the very pack line 'b' names, for the same course? */
static int
catdb_build_same(const struct catindex_entry *a,
    const struct catindex_entry *b)
{
	return a != NULL && b != NULL && strcmp(a->id, b->id) == 0 &&
	    strcmp(a->version, b->version) == 0 &&
	    strcmp(a->hash, b->hash) == 0 &&
	    strcmp(a->sha256, b->sha256) == 0 && a->size == b->size &&
	    strcmp(a->file, b->file) == 0;
}

/*
 * A copy of the old database checked (catdb_open: every check a reader
 * makes) and taken page by page through the connection that checked it,
 * so what is copied is what was checked.
 */
static int
catdb_build_copy(struct catdb_out *o, const struct catdb_from *from,
    const unsigned char key[32], struct err *e)
{
	struct catdb	*old;
	sqlite3_backup	*b;
	int		 rc;

	if ((old = catdb_open(o->dir, from->idx, from->len, from->ix, key,
	    e)) == NULL)
		return -1;
	if ((rc = catdb_out_create(o, e)) == 0) {
		b = sqlite3_backup_init(o->db, "main", catdb_kit_sqlite(old),
		    "main");
		if (b == NULL || sqlite3_backup_step(b, -1) != SQLITE_DONE)
			rc = err_set(e, "cannot copy '%s': %s", o->path,
			    sqlite3_errmsg(o->db));
		sqlite3_backup_finish(b);
	}
	catdb_close(old);
	return rc;
}

/*
 * Course rows in the order of 'ix': an unchanged course's record copied
 * from its old row (moved out of the way to -row first), any other read
 * from its pack.
 */
static int
catdb_build_rows(struct catdb_out *o, const struct catindex *ix,
    const struct catindex *oix, struct err *e)
{
	const struct catindex_entry	*oen;
	sqlite3_stmt			*get;
	size_t				 i;
	int				 rc = 0;

	if (catdb_out_exec(o, "UPDATE course SET row = -row", e) == -1)
		return -1;
	if (sqlite3_prepare_v2(o->db, "SELECT format, head FROM course "
	    "WHERE row = ?1", -1, &get, NULL) != SQLITE_OK)
		return catdb_out_sqlerr(o, e);
	for (i = 0; i < ix->n && rc == 0; i++) {
		oen = catindex_find(oix, ix->v[i].id);
		if (!catdb_build_same(oen, &ix->v[i])) {
			rc = catdb_out_pack(o, &ix->v[i], i + 1, e);
			continue;
		}
		sqlite3_bind_int64(get, 1, -(sqlite3_int64)(oen - oix->v + 1));
		if (sqlite3_step(get) != SQLITE_ROW)
			rc = err_set(e, "'%s' lost a row", o->path);
		else
			rc = catdb_out_row(o, i + 1, sqlite3_column_int(get, 0),
			    sqlite3_column_blob(get, 1),
			    (size_t)sqlite3_column_bytes(get, 1), e);
		sqlite3_reset(get);
	}
	sqlite3_finalize(get);
	if (rc == 0)
		rc = catdb_out_exec(o, "DELETE FROM course WHERE row < 0", e);
	return rc;
}

/*
 * The database for 'ix' made from the one of the installed index
 * 'from': the search rows of the courses gone or changed taken out, then
 * every course row written again in the new order. -1 when that old
 * database does not pass every check, an old pack is not in place, or
 * there is more to read than a whole build would.
 */
static int
catdb_build_from(struct catdb_out *o, const struct catindex *ix,
    const char *isum, const struct catdb_from *from,
    const unsigned char key[32], struct err *e)
{
	const struct catindex	*oix = from->ix;
	size_t			 i, reads = 0;

	for (i = 0; i < ix->n; i++)
		reads += !catdb_build_same(catindex_find(oix, ix->v[i].id),
		    &ix->v[i]);
	for (i = 0; i < oix->n; i++)
		reads += !catdb_build_same(catindex_find(ix, oix->v[i].id),
		    &oix->v[i]);
	if (reads > ix->n)
		return err_set(e, "%zu packs to read: a whole build reads "
		    "fewer", reads);
	if (catdb_build_copy(o, from, key, e) == -1 ||
	    catdb_out_begin(o, NULL, e) == -1)
		return -1;
	for (i = 0; i < oix->n; i++)
		if (!catdb_build_same(catindex_find(ix, oix->v[i].id),
		    &oix->v[i]) && catdb_out_unpack(o, &oix->v[i], e) == -1)
			return -1;
	catdb_kit_mac_start(&o->m, key, isum);
	if (catdb_build_rows(o, ix, oix, e) == -1)
		return -1;
	return catdb_out_finish(o, isum, ix->n, e);
}

/* Has every course of 'ix' a search row of its own? */
static int
catdb_build_docs(const char *dir, const struct catindex *ix, struct err *e)
{
	int64_t	*v = xcalloc(ix->n ? ix->n : 1, sizeof *v);
	size_t	 i, j;
	int64_t	 t;
	int	 ok;

	/* insertion sort: a few hundred lines, once per build */
	for (i = 0; i < ix->n; i++) {
		t = catdb_kit_doc(&ix->v[i]);
		for (j = i; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	ok = catdb_kit_docs_unique(v, ix->n);
	free(v);
	if (!ok)
		return err_set(e, "two courses of '%s/index' share a search "
		    "row: no catalogue database", dir);
	return 0;
}

int
catdb_build(const char *dir, const char *idx, size_t len,
    const struct catindex *ix, const struct catdb_from *from,
    const unsigned char key[32], struct text_wrapper *w,
    struct catdb_stats *st, struct err *e)
{
	struct catdb_stats	 ignore;
	struct catdb_out	 o;
	struct err		 why;
	char			 isum[65];
	int			 rc;

	if (st == NULL)
		st = &ignore;
	memset(st, 0, sizeof *st);
	catdb_kit_index_sum(idx, len, isum);
	if (catdb_build_docs(dir, ix, e) == -1)
		return -1;
	if (from != NULL) {
		err_clear(&why);
		catdb_out_init(&o, dir, w, st);
		rc = catdb_build_from(&o, ix, isum, from, key, &why);
		catdb_out_release(&o);
		if (rc == 0) {
			st->from_last = 1;
			return 0;
		}
		snprintf(st->why, sizeof st->why, "%s", why.msg);
		st->packs = 0;
	}
	catdb_out_init(&o, dir, w, st);
	rc = catdb_build_whole(&o, ix, isum, key, e);
	catdb_out_release(&o);
	return rc;
}
