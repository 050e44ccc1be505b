#include "content/catdb.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/catdb_kit.h"
#include "content/catindex.h"
#include "content/codec.h"
#include "content/course.h"
#include "content/pack.h"
#include "text/text.h"

/* A search row (catdb_kit_doc) and the row of the course it stands for. */
struct catdb_doc {
	int64_t		 doc;
	size_t		 row;
};

struct catdb {
	sqlite3		 *db;
	char		 *path;
	struct course	**heads;	/* row i's header until taken */
	size_t		  n;
	int64_t		 *doc;		/* row i's search row */
	struct catdb_doc *bydoc;	/* the same, sorted by search row */
	int		  fts_ready;	/* the tokenizer is registered */
	char		 *query;	/* the query 'hit' answers, or NULL */
	unsigned char	 *hit;		/* per row: matched (courses without
					 * words of their own) */
};

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
	catdb_kit_mac_start(&m, key, isum);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		format = sqlite3_column_int(st, 1);
		rec = sqlite3_column_blob(st, 2);
		len = (size_t)sqlite3_column_bytes(st, 2);
		if (i == ix->n || sqlite3_column_int64(st, 0) !=
		    (sqlite3_int64)(i + 1) || rec == NULL) {
			rc = SQLITE_CORRUPT;
			break;
		}
		catdb_kit_mac_row(&m, i + 1, format, rec, len);
		path = catdb_kit_join(dir, ix->v[i].file);
		err_clear(&why);
		c = codec_decode_format(rec, len, 1, path, format, &why);
		free(path);
		if (c == NULL) {
			sqlite3_finalize(st);
			return err_set(e, "'%s' refused: %s", db->path,
			    why.msg);
		}
		db->heads[i++] = c;
		if (!course_is(c, ix->v[i - 1].id, ix->v[i - 1].version,
		    ix->v[i - 1].hash)) {
			rc = SQLITE_CORRUPT;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || i != ix->n)
		return err_set(e, "'%s' is damaged or not this catalogue's",
		    db->path);
	catdb_kit_mac_hex(&m, ix->n, hex);
	if (strcmp(hex, mac) != 0)
		return err_set(e, "'%s' refused: its keyed check does not "
		    "match (another install's, or changed)", db->path);
	return 0;
}

static int
catdb_doc_cmp(const void *a, const void *b)
{
	const struct catdb_doc	*x = a, *y = b;

	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Each row's search row, and the rows by search row. */
static int
catdb_docs(struct catdb *db, const struct catindex *ix, struct err *e)
{
	int64_t	*v;
	size_t	 i;
	int	 ok;

	db->doc = xcalloc(ix->n ? ix->n : 1, sizeof *db->doc);
	db->bydoc = xcalloc(ix->n ? ix->n : 1, sizeof *db->bydoc);
	v = xcalloc(ix->n ? ix->n : 1, sizeof *v);
	for (i = 0; i < ix->n; i++) {
		db->doc[i] = catdb_kit_doc(&ix->v[i]);
		db->bydoc[i].doc = db->doc[i];
		db->bydoc[i].row = i;
	}
	qsort(db->bydoc, ix->n, sizeof *db->bydoc, catdb_doc_cmp);
	for (i = 0; i < ix->n; i++)
		v[i] = db->bydoc[i].doc;
	ok = catdb_kit_docs_unique(v, ix->n);
	free(v);
	if (!ok)
		return err_set(e, "'%s': two courses share a search row",
		    db->path);
	return 0;
}

struct catdb *
catdb_open(const char *dir, const char *idx, size_t len,
    const struct catindex *ix, const unsigned char key[32], struct err *e)
{
	struct catdb	*db = xcalloc(1, sizeof *db);
	char		*uri, *format = NULL, *sum = NULL, *mac = NULL;
	char		 isum[65];

	db->path = catdb_kit_join(dir, CATDB_NAME);
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
	catdb_kit_index_sum(idx, len, isum);
	format = pack_sqlite_value(db->db, "meta", "format");
	sum = pack_sqlite_value(db->db, "meta", "index-sha256");
	mac = pack_sqlite_value(db->db, "meta", "mac");
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
	if (catdb_read(db, dir, isum, ix, key, mac, e) == -1 ||
	    catdb_docs(db, ix, e) == -1)
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
	free(db->doc);
	free(db->bydoc);
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

/*
 * Run FTS5 query 'q' (restricted to the search row of row only - 1 when
 * 'only' is not 0): 1, 0, -1.
 */
static int
catdb_match(struct catdb *db, const char *q, size_t only, struct err *e)
{
	struct catdb_doc	 key, *hit;
	sqlite3_stmt		*st;
	int			 rc, found = 0;

	if (sqlite3_prepare_v2(db->db, only ? "SELECT rowid FROM search "
	    "WHERE search MATCH ?1 AND rowid = ?2" : "SELECT rowid FROM "
	    "search WHERE search MATCH ?1", -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "cannot search '%s': %s", db->path,
		    sqlite3_errmsg(db->db));
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	if (only)
		sqlite3_bind_int64(st, 2, db->doc[only - 1]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		found = 1;
		if (only)
			continue;
		/* a search row only ever names a header read, or none */
		key.doc = sqlite3_column_int64(st, 0);
		hit = bsearch(&key, db->bydoc, db->n, sizeof *db->bydoc,
		    catdb_doc_cmp);
		if (hit != NULL)
			db->hit[hit->row] = 1;
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

struct sqlite3 *
catdb_kit_sqlite(struct catdb *db)
{
	return db->db;
}
