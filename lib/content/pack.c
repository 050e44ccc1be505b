#include "content/pack.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/codec.h"
#include "content/course.h"
#include "content/place.h"
#include "text/text.h"

#define PACK_FORMAT	"3"	/* 2: review flag, mastery; 3: words */
#define PACK_FORMAT_OLD	"2"	/* read too: a course without words */
#define PACK_TOKENIZER	"rianru_thai"

struct pack {
	sqlite3		*db;
	char		*path;
	char		*id, *version, *hash;
	char		*sum[2];	/* SHA-256 of the body, head record */
	char		*search_sum;	/* recorded: pack_search_sum() */
	int		 fts_ready;	/* the tokenizer is registered */
	int		 places;	/* has the place table: 1, 0, -1 unknown */
	int		 format;	/* 2 or 3: its records' */
};

static int	 pack_fts_ready(struct pack *, struct text_wrapper *,
		    struct err *);

/* ---- the FTS5 tokenizer: libthai words of the normalised text ---- */

struct tok {
	struct text_wrapper	*w;	/* borrowed */
};

static int
tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct tok	*t = xcalloc(1, sizeof *t);

	(void)argv;
	(void)argc;
	t->w = ctx;
	*out = (Fts5Tokenizer *)(void *)t;
	return SQLITE_OK;
}

static void
tok_delete(Fts5Tokenizer *t)
{
	free(t);
}

/*
 * Each word of the normalised text is one token. Offsets are those of
 * the normalised text, clipped to the input: only highlight() uses them,
 * and rianru does not.
 */
static int
tok_tokenize(Fts5Tokenizer *tk, void *ctx, int flags, const char *text,
    int ntext, int (*emit)(void *, int, const char *, int, int, int))
{
	struct tok		*t = (struct tok *)(void *)tk;
	struct buf		 norm;
	struct text_span	*spans = NULL;
	size_t			 n, i;
	int			 rc = SQLITE_OK, start, end;

	(void)flags;
	if (ntext <= 0)
		return SQLITE_OK;
	buf_init(&norm);
	text_normalise(text, (size_t)ntext, &norm);
	n = text_words(t->w, norm.data, norm.len, &spans);
	for (i = 0; i < n && rc == SQLITE_OK; i++) {
		if (spans[i].len == 0 || spans[i].len > 1000)
			continue;
		start = spans[i].off < (size_t)ntext ? (int)spans[i].off :
		    ntext;
		end = spans[i].off + spans[i].len < (size_t)ntext ?
		    (int)(spans[i].off + spans[i].len) : ntext;
		rc = emit(ctx, 0, norm.data + spans[i].off, (int)spans[i].len,
		    start, end);
	}
	free(spans);
	buf_release(&norm);
	return rc;
}

int
pack_fts_register(sqlite3 *db, struct text_wrapper *w, struct err *e)
{
	fts5_tokenizer	 tk = { tok_create, tok_delete, tok_tokenize };
	fts5_api	*api = NULL;
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return err_set(e, "this SQLite has no FTS5: %s",
		    sqlite3_errmsg(db));
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2)
		return err_set(e, "this SQLite has no FTS5");
	if (api->xCreateTokenizer(api, PACK_TOKENIZER, w, &tk, NULL) !=
	    SQLITE_OK)
		return err_set(e, "cannot register the search tokenizer");
	return 0;
}

/* The FTS5 query: groups of words typed together joined with 'op'. */
static char *
pack_fts_expr(struct text_wrapper *w, const char *query, const char *op)
{
	struct buf		 norm, q;
	struct text_span	*spans = NULL;
	size_t			 n, i;

	buf_init(&norm);
	buf_init(&q);
	text_normalise(query, strlen(query), &norm);
	n = text_words(w, norm.data, norm.len, &spans);
	for (i = 0; i < n; i++) {
		/* words typed together are one phrase: "a" + "b" */
		if (i > 0)
			buf_adds(&q, spans[i - 1].off + spans[i - 1].len ==
			    spans[i].off ? " + " : op);
		buf_addc(&q, '"');
		buf_add(&q, norm.data + spans[i].off, spans[i].len);
		buf_addc(&q, '"');
		/* the last word of a phrase may be typed in part */
		if (i + 1 == n || spans[i].off + spans[i].len !=
		    spans[i + 1].off)
			buf_adds(&q, " *");
	}
	free(spans);
	buf_release(&norm);
	if (n == 0) {
		buf_release(&q);
		return NULL;
	}
	return buf_detach(&q, NULL);
}

char *
pack_fts_query(struct text_wrapper *w, const char *query)
{
	return pack_fts_expr(w, query, " AND ");
}

/* ---- writing ---- */

static int
pack_exec(sqlite3 *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return err_set(e, "cannot write the pack: %s",
		    sqlite3_errmsg(db));
	return 0;
}

static void
search_add(struct buf *b, const struct lstr *l)
{
	if (l->s[LANG_TH] != NULL) {
		buf_adds(b, l->s[LANG_TH]);
		buf_addc(b, '\n');
	}
	if (l->s[LANG_EN] != NULL && l->s[LANG_EN] != l->s[LANG_TH]) {
		buf_adds(b, l->s[LANG_EN]);
		buf_addc(b, '\n');
	}
}

void
pack_search_text(const struct course *c, struct buf *title, struct buf *text)
{
	size_t	i, j;

	search_add(title, &c->title);
	search_add(title, &c->summary);
	for (i = 0; i < c->nmodules; i++) {
		search_add(text, &c->modules[i].title);
		for (j = 0; j < c->modules[i].npages; j++) {
			search_add(text, &c->modules[i].pages[j].title);
			search_add(text, &c->modules[i].pages[j].text);
		}
	}
}

/* The SHA-256 of p[0..n) in hex. */
static void
pack_sum(const void *p, size_t n, char hex[65])
{
	struct sha256	h;

	sha256_init(&h);
	sha256_update(&h, p, n);
	sha256_hex(&h, hex);
}

/* What place_each() gives, into the place table. */
struct pack_place_ins {
	sqlite3_stmt	*st;
	int		 rc;
};

static void
pack_place_row(void *arg, enum place_kind kind, size_t m, size_t item,
    const char *text)
{
	struct pack_place_ins	*pi = arg;

	if (pi->rc != SQLITE_DONE)
		return;
	sqlite3_bind_int(pi->st, 1, (int)kind);
	sqlite3_bind_int64(pi->st, 2, (sqlite3_int64)m);
	sqlite3_bind_int64(pi->st, 3, (sqlite3_int64)item);
	sqlite3_bind_text(pi->st, 4, text, -1, SQLITE_TRANSIENT);
	pi->rc = sqlite3_step(pi->st);
	sqlite3_reset(pi->st);
}

/* One row per place of the course, in course order (place.h). */
static int
pack_fill_places(sqlite3 *db, const struct course *c, struct err *e)
{
	struct pack_place_ins	pi;

	/* made after the records, so its pages follow theirs in the file */
	if (pack_exec(db, "CREATE VIRTUAL TABLE place USING fts5(kind "
	    "UNINDEXED, module UNINDEXED, item UNINDEXED, text, "
	    "tokenize = '" PACK_TOKENIZER "');", e) == -1)
		return -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO place VALUES (?1, ?2, ?3, ?4)",
	    -1, &pi.st, NULL) != SQLITE_OK)
		return err_set(e, "cannot write the pack: %s",
		    sqlite3_errmsg(db));
	pi.rc = SQLITE_DONE;
	place_each(c, pack_place_row, &pi);
	sqlite3_finalize(pi.st);
	if (pi.rc != SQLITE_DONE)
		return err_set(e, "cannot write the pack: %s",
		    sqlite3_errmsg(db));
	return 0;
}

/* The rows of the pack: meta, records and the search text. */
static int
pack_fill(sqlite3 *db, const struct course *c, struct err *e)
{
	sqlite3_stmt	*st = NULL;
	struct buf	 head, body, title, text;
	char		 made[32];
	time_t		 now = time(NULL);
	struct tm	 tm;
	const char	*keys[] = { "format", "course", "version", "hash",
	    "made", "head-sha256", "body-sha256" };
	const char	*vals[7];
	char		 hsum[65], bsum[65];
	size_t		 i;
	int		 rc = -1;

	buf_init(&head);
	buf_init(&body);
	buf_init(&title);
	buf_init(&text);
	gmtime_r(&now, &tm);
	strftime(made, sizeof made, "%Y-%m-%dT%H:%M:%SZ", &tm);
	vals[0] = PACK_FORMAT;
	vals[1] = c->id;
	vals[2] = c->version;
	vals[3] = c->hash;
	vals[4] = made;
	codec_encode(c, 1, &head);
	codec_encode(c, 0, &body);
	pack_sum(head.data, head.len, hsum);
	pack_sum(body.data, body.len, bsum);
	vals[5] = hsum;
	vals[6] = bsum;
	if (sqlite3_prepare_v2(db, "INSERT INTO pack VALUES (?1, ?2)", -1,
	    &st, NULL) != SQLITE_OK)
		goto sqlerr;
	for (i = 0; i < 7; i++) {
		sqlite3_bind_text(st, 1, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, vals[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sqlerr;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO course VALUES (?1, ?2)", -1,
	    &st, NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_blob(st, 1, head.data, (int)head.len, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, body.data, (int)body.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlerr;
	sqlite3_finalize(st);
	pack_search_text(c, &title, &text);
	if (sqlite3_prepare_v2(db, "INSERT INTO search VALUES (?1, ?2)", -1,
	    &st, NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_text(st, 1, title.data, (int)title.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, text.data, (int)text.len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlerr;
	rc = pack_fill_places(db, c, e);
	goto out;
sqlerr:
	err_set(e, "cannot write the pack: %s", sqlite3_errmsg(db));
out:
	sqlite3_finalize(st);
	buf_release(&head);
	buf_release(&body);
	buf_release(&title);
	buf_release(&text);
	return rc;
}

/* fsync the file at 'path'. */
static int
pack_sync(const char *path)
{
	int	fd, rc;

	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* The sources of a compiled pack (pack_src): two tables and a key. */
static int
pack_src_fill(sqlite3 *db, const struct pack_src *src, struct err *e)
{
	sqlite3_stmt	*st = NULL;
	char		 loaded[64];
	size_t		 i;

	if (pack_exec(db, "CREATE TABLE src_file (name TEXT NOT NULL, "
	    "size INTEGER NOT NULL, sec INTEGER NOT NULL, "
	    "nsec INTEGER NOT NULL);"
	    "CREATE TABLE src_warning (file TEXT NOT NULL, "
	    "line INTEGER NOT NULL, col INTEGER NOT NULL, "
	    "msg TEXT NOT NULL);", e) == -1)
		return -1;
	snprintf(loaded, sizeof loaded, "%lld.%09lld",
	    (long long)src->loaded_sec, (long long)src->loaded_nsec);
	if (sqlite3_prepare_v2(db, "INSERT INTO pack VALUES ('src-dir', ?1), "
	    "('src-loaded', ?2)", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	sqlite3_bind_text(st, 1, src->dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, loaded, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlerr;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO src_file VALUES "
	    "(?1, ?2, ?3, ?4)", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	for (i = 0; i < src->nfiles; i++) {
		sqlite3_bind_text(st, 1, src->files[i].name, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)src->files[i].size);
		sqlite3_bind_int64(st, 3, src->files[i].mtime_sec);
		sqlite3_bind_int64(st, 4, src->files[i].mtime_nsec);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sqlerr;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO src_warning VALUES "
	    "(?1, ?2, ?3, ?4)", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	for (i = 0; i < src->warnings.n; i++) {
		sqlite3_bind_text(st, 1, src->warnings.v[i].file, -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, src->warnings.v[i].line);
		sqlite3_bind_int64(st, 3, src->warnings.v[i].col);
		sqlite3_bind_text(st, 4, src->warnings.v[i].msg, -1,
		    SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sqlerr;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return 0;
sqlerr:
	err_set(e, "cannot write the pack: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return -1;
}

/* A temporary name beside 'path', its own to this process. */
static char *
pack_tmp_name(const char *path)
{
	char	*tmp;

	xasprintf(&tmp, "%s.%ld.tmp", path, (long)getpid());
	return tmp;
}


/* ---- what the search tables hold, as one hash ---- */

/* One column of the row 'st' is at into 'h': its type, length, bytes. */
static void
pack_sum_value(struct sha256 *h, sqlite3_stmt *st, int col)
{
	unsigned char	type = (unsigned char)sqlite3_column_type(st, col);
	int64_t		n;
	double		d;
	const void	*v;

	sha256_update(h, &type, 1);
	switch (type) {
	case SQLITE_INTEGER:
		n = sqlite3_column_int64(st, col);
		sha256_update(h, &n, sizeof n);
		break;
	case SQLITE_FLOAT:
		d = sqlite3_column_double(st, col);
		sha256_update(h, &d, sizeof d);
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB:
		v = type == SQLITE_TEXT ? (const void *)sqlite3_column_text(st,
		    col) : sqlite3_column_blob(st, col);
		n = sqlite3_column_bytes(st, col);
		sha256_update(h, &n, sizeof n);
		if (n > 0)
			sha256_update(h, v, (size_t)n);
		break;
	}
}

/* Every row 'sql' gives, every column, into 'h'. 0 or -1 with *e. */
static int
pack_sum_rows(sqlite3 *db, const char *sql, const char *arg,
    struct sha256 *h, struct err *e)
{
	sqlite3_stmt	*st;
	int		 i, n, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "cannot read the search tables: %s",
		    sqlite3_errmsg(db));
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	n = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sha256_update(h, "\n", 1);
		for (i = 0; i < n; i++)
			pack_sum_value(h, st, i);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return err_set(e, "cannot read the search tables: %s",
		    sqlite3_errmsg(db));
	return 0;
}

/*
 * The FTS5 table 'table' of 'db' into 'h': its schema and that of every
 * table it keeps its index and text in (name_data, name_idx, ...), and
 * every row of those, in key order: what a search reads, byte for byte,
 * without cutting any text again.
 */
static int
pack_sum_fts(sqlite3 *db, const char *table, struct sha256 *h,
    struct err *e)
{
	static const char	 schema[] = "SELECT type, name, tbl_name, sql "
	    "FROM sqlite_master WHERE name = ?1 OR tbl_name = ?1 OR "
	    "substr(name, 1, length(?1) + 1) = ?1 || '_' ORDER BY name";
	sqlite3_stmt		*st;
	const char		*name;
	char			*sql;
	int			 rc = 0;

	if (pack_sum_rows(db, schema, table, h, e) == -1)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND substr(name, 1, length(?1) + 1) = ?1 || '_' "
	    "ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "cannot read the search tables: %s",
		    sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		if ((name = (const char *)sqlite3_column_text(st, 0)) == NULL)
			continue;
		/* every shadow table has a key of one or two columns first */
		sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY 1, 2",
		    name);
		if (sql == NULL)
			rc = err_set(e, "out of memory");
		else
			rc = pack_sum_rows(db, sql, NULL, h, e);
		sqlite3_free(sql);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The hash of the search and place tables of 'db' (pack_search_sum()). */
static int
pack_db_search_sum(sqlite3 *db, char hex[65], struct err *e)
{
	struct sha256	h;

	sha256_init(&h);
	sha256_update(&h, "rianru-search-1", 16);
	if (pack_sum_fts(db, "search", &h, e) == -1 ||
	    pack_sum_fts(db, "place", &h, e) == -1)
		return -1;
	sha256_hex(&h, hex);
	return 0;
}

/* Record the hash of the search tables just filled in the pack table. */
static int
pack_search_record(sqlite3 *db, struct err *e)
{
	sqlite3_stmt	*st;
	char		 hex[65];
	int		 rc;

	if (pack_db_search_sum(db, hex, e) == -1)
		return -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO pack VALUES "
	    "('search-sha256', ?1)", -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "cannot write the pack: %s",
		    sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : err_set(e, "cannot write "
	    "the pack: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc;
}

int
pack_search_sum(struct pack *p, char hex[65], struct err *e)
{
	return pack_db_search_sum(p->db, hex, e);
}

const char *
pack_search_recorded(const struct pack *p)
{
	return p->search_sum;
}

int
pack_warnings_sum(struct pack *p, char hex[65], struct err *e)
{
	struct sha256	 h;
	sqlite3_stmt	*st;
	int		 has;

	sha256_init(&h);
	sha256_update(&h, "rianru-warnings-1", 18);
	if (sqlite3_prepare_v2(p->db, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'src_warning'", -1, &st,
	    NULL) != SQLITE_OK)
		return err_set(e, "pack '%s' is damaged: %s", p->path,
		    sqlite3_errmsg(p->db));
	has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (has && pack_sum_rows(p->db, "SELECT file, line, col, msg FROM "
	    "src_warning ORDER BY rowid", NULL, &h, e) == -1)
		return -1;
	sha256_hex(&h, hex);
	return 0;
}

/* Close 'db' on 'tmp', sync it and rename it over 'path'. */
static int
pack_commit(sqlite3 *db, const char *tmp, const char *path, struct err *e)
{
	if (sqlite3_close(db) != SQLITE_OK)
		return err_set(e, "cannot write '%s': %s", tmp,
		    sqlite3_errmsg(db));
	if (pack_sync(tmp) == -1 || rename(tmp, path) == -1)
		return err_set(e, "cannot write '%s': %s", path,
		    strerror(errno));
	return 0;
}

int
pack_write(const char *path, const struct course *c, struct text_wrapper *w,
    struct err *e)
{
	return pack_write_src(path, c, w, NULL, e);
}

int
pack_write_src(const char *path, const struct course *c,
    struct text_wrapper *w, const struct pack_src *src, struct err *e)
{
	sqlite3	*db = NULL;
	char	*tmp;
	int	 rc = -1;

	if (c->header)
		return err_set(e, "cannot pack course '%s': only its header "
		    "is loaded", c->id);
	tmp = pack_tmp_name(path);
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
	/* the search index cuts the text with the course's words */
	text_wrapper_use_words(w, c->words, c->nwords);
	if (pack_fts_register(db, w, e) == -1 ||
	    pack_exec(db, "PRAGMA journal_mode = OFF;"
	    "PRAGMA synchronous = OFF;"
	    "BEGIN;"
	    "CREATE TABLE pack (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE course (head BLOB NOT NULL, body BLOB NOT NULL);"
	    "CREATE VIRTUAL TABLE search USING fts5(title, text, "
	    "content = '', tokenize = '" PACK_TOKENIZER "');", e) == -1 ||
	    pack_fill(db, c, e) == -1 ||
	    (src != NULL && pack_src_fill(db, src, e) == -1) ||
	    pack_exec(db, "INSERT INTO search(search) VALUES ('optimize');"
	    "INSERT INTO place(place) VALUES ('optimize');", e) == -1 ||
	    (src != NULL && pack_search_record(db, e) == -1) ||
	    pack_exec(db, "COMMIT;", e) == -1)
		goto out;
	rc = pack_commit(db, tmp, path, e);
	db = NULL;
out:
	if (db != NULL)
		sqlite3_close(db);
	if (rc == -1)
		unlink(tmp);
	free(tmp);
	return rc;
}

void
pack_src_release(struct pack_src *src)
{
	size_t	i;

	free(src->dir);
	for (i = 0; i < src->nfiles; i++)
		free(src->files[i].name);
	free(src->files);
	diags_release(&src->warnings);
	memset(src, 0, sizeof *src);
	diags_init(&src->warnings);
}

int
pack_src_update(const char *path, const struct pack_src *src, struct err *e)
{
	sqlite3		*from = NULL, *db = NULL;
	sqlite3_backup	*bk;
	char		*uri = pack_sqlite_uri(path), *tmp = pack_tmp_name(path);
	int		 rc = -1;

	if (sqlite3_open_v2(uri, &from, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK ||
	    sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		err_set(e, "cannot copy pack '%s'", path);
		goto out;
	}
	if ((bk = sqlite3_backup_init(db, "main", from, "main")) == NULL) {
		err_set(e, "cannot copy pack '%s': %s", path,
		    sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_backup_step(bk, -1);
	if (sqlite3_backup_finish(bk) != SQLITE_OK) {
		err_set(e, "cannot copy pack '%s': %s", path,
		    sqlite3_errmsg(db));
		goto out;
	}
	if (pack_exec(db, "PRAGMA journal_mode = OFF; BEGIN;"
	    "DROP TABLE IF EXISTS src_file; DROP TABLE IF EXISTS src_warning;"
	    "DELETE FROM pack WHERE key IN ('src-dir', 'src-loaded');", e) ==
	    -1 || pack_src_fill(db, src, e) == -1 ||
	    pack_exec(db, "COMMIT;", e) == -1)
		goto out;
	rc = pack_commit(db, tmp, path, e);
	db = NULL;
out:
	sqlite3_close(from);
	if (db != NULL)
		sqlite3_close(db);
	if (rc == -1)
		unlink(tmp);
	free(uri);
	free(tmp);
	return rc;
}

/* ---- reading ---- */

char *
pack_sqlite_uri(const char *path)
{
	struct buf		 b;
	const unsigned char	*p;

	buf_init(&b);
	buf_adds(&b, "file:");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
			buf_addf(&b, "%%%02X", *p);
		else
			buf_addc(&b, (char)*p);
	}
	buf_adds(&b, "?immutable=1");
	return buf_detach(&b, NULL);
}

/*
 * Read the keys pack_open() needs from the pack table in one statement:
 * a pack is opened for every course at start, and each prepared statement
 * costs about as much as decoding the header (bench/README.md). Values
 * are malloc'd into the pack; a missing key stays NULL, and so do those
 * after a row that cannot be read (the caller says what is missing). -1
 * when there is no such table (not a pack).
 */
static int
pack_meta_read(struct pack *p, char **format)
{
	static const char *const keys[] = { "format", "course", "version",
	    "hash", "body-sha256", "head-sha256", "search-sha256" };
	char		**to[] = { format, &p->id, &p->version, &p->hash,
	    &p->sum[0], &p->sum[1], &p->search_sum };
	sqlite3_stmt	*st;
	const char	*k, *v;
	size_t		 i;

	if (sqlite3_prepare_v2(p->db, "SELECT key, value FROM pack", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if ((k = (const char *)sqlite3_column_text(st, 0)) == NULL ||
		    (v = (const char *)sqlite3_column_text(st, 1)) == NULL)
			continue;
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (strcmp(k, keys[i]) == 0 && *to[i] == NULL)
				*to[i] = xstrdup(v);
	}
	sqlite3_finalize(st);
	return 0;
}

char *
pack_sqlite_value(sqlite3 *db, const char *table, const char *key)
{
	sqlite3_stmt	*st;
	const char	*v;
	char		*sql, *r = NULL;
	int		 rc;

	/* %w quotes the table's name as an identifier */
	if ((sql = sqlite3_mprintf("SELECT value FROM \"%w\" WHERE key = ?1",
	    table)) == NULL)
		return NULL;
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (v = (const char *)sqlite3_column_text(st, 0)) != NULL)
		r = xstrdup(v);
	sqlite3_finalize(st);
	return r;
}

struct pack *
pack_open(const char *path, struct err *e)
{
	struct pack	*p = xcalloc(1, sizeof *p);
	char		*uri = pack_sqlite_uri(path), *format = NULL;

	p->path = xstrdup(path);
	p->places = -1;
	if (sqlite3_open_v2(uri, &p->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		err_set(e, "cannot open pack '%s': %s", path, p->db ?
		    sqlite3_errmsg(p->db) : "out of memory");
		goto fail;
	}
	if (pack_meta_read(p, &format) == -1 || format == NULL) {
		err_set(e, "'%s' is not a rianru content pack", path);
		goto fail;
	}
	if (strcmp(format, PACK_FORMAT) != 0 &&
	    strcmp(format, PACK_FORMAT_OLD) != 0) {
		err_set(e, "pack '%s' has format %s (this rianru reads formats "
		    PACK_FORMAT_OLD " and " PACK_FORMAT ")", path, format);
		goto fail;
	}
	p->format = atoi(format);
	if (p->id == NULL || p->version == NULL || p->hash == NULL) {
		err_set(e, "pack '%s' is damaged (no course, version or hash)",
		    path);
		goto fail;
	}
	free(uri);
	free(format);
	return p;
fail:
	free(uri);
	free(format);
	pack_close(p);
	return NULL;
}

void
pack_close(struct pack *p)
{
	if (p == NULL)
		return;
	sqlite3_close(p->db);
	free(p->path);
	free(p->id);
	free(p->version);
	free(p->hash);
	free(p->sum[0]);
	free(p->sum[1]);
	free(p->search_sum);
	free(p);
}

const char *
pack_course_id(const struct pack *p)
{
	return p->id;
}

const char *
pack_version(const struct pack *p)
{
	return p->version;
}

const char *
pack_hash(const struct pack *p)
{
	return p->hash;
}

const char *
pack_record_sum(const struct pack *p, int head)
{
	return p->sum[head != 0];
}

int
pack_record_raw(struct pack *p, int head, struct buf *out, struct err *e)
{
	sqlite3_stmt	*st;
	const void	*blob;
	int		 rc = -1;

	if (sqlite3_prepare_v2(p->db, head ? "SELECT head FROM course" :
	    "SELECT body FROM course", -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "pack '%s' is damaged: %s", p->path,
		    sqlite3_errmsg(p->db));
	if (sqlite3_step(st) != SQLITE_ROW ||
	    (blob = sqlite3_column_blob(st, 0)) == NULL) {
		err_set(e, "pack '%s' is damaged: no course", p->path);
		goto out;
	}
	if (p->sum[head != 0] != NULL) {
		char	hex[65];

		/* damage SQLite cannot see: the record is not what was written */
		pack_sum(blob, (size_t)sqlite3_column_bytes(st, 0), hex);
		if (strcmp(hex, p->sum[head != 0]) != 0) {
			err_set(e, "pack '%s' is damaged: its %s record does "
			    "not match its checksum", p->path, head ? "header" :
			    "course");
			goto out;
		}
	}
	buf_add(out, blob, (size_t)sqlite3_column_bytes(st, 0));
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* The header ('head') or body record of the pack, decoded and checked. */
static struct course *
pack_record(struct pack *p, int head, struct err *e)
{
	struct course	*c = NULL;
	struct buf	 rec;
	struct err	 why;

	buf_init(&rec);
	if (pack_record_raw(p, head, &rec, e) == -1)
		goto out;
	err_clear(&why);
	c = codec_decode_format(rec.data, rec.len, head, p->path, p->format,
	    &why);
	if (c == NULL)
		err_set(e, "pack '%s' refused: %s", p->path, why.msg);
	else if (!course_is(c, p->id, p->version, p->hash)) {
		err_set(e, "pack '%s' refused: its course is not the one it "
		    "names", p->path);
		course_free(c);
		c = NULL;
	}
out:
	buf_release(&rec);
	return c;
}

int
pack_format(const struct pack *p)
{
	return p->format;
}

struct course *
pack_header(struct pack *p, struct err *e)
{
	return pack_record(p, 1, e);
}

struct course *
pack_body(struct pack *p, struct err *e)
{
	return pack_record(p, 0, e);
}

int
pack_search(struct pack *p, struct text_wrapper *w, const char *query,
    struct err *e)
{
	sqlite3_stmt	*st;
	char		*q;
	int		 rc;

	if ((q = pack_fts_query(w, query)) == NULL)
		return 1;
	if (pack_fts_ready(p, w, e) == -1) {
		free(q);
		return -1;
	}
	if (sqlite3_prepare_v2(p->db, "SELECT 1 FROM search WHERE search "
	    "MATCH ?1 LIMIT 1", -1, &st, NULL) != SQLITE_OK) {
		free(q);
		return err_set(e, "cannot search pack '%s': %s", p->path,
		    sqlite3_errmsg(p->db));
	}
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = 1;
	else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = err_set(e, "cannot search pack '%s': %s", p->path,
		    sqlite3_errmsg(p->db));
	sqlite3_finalize(st);
	free(q);
	return rc;
}

/* Register the tokenizer once, for the FTS5 tables of 'p'. */
static int
pack_fts_ready(struct pack *p, struct text_wrapper *w, struct err *e)
{
	if (p->fts_ready)
		return 0;
	if (pack_fts_register(p->db, w, e) == -1)
		return -1;
	p->fts_ready = 1;
	return 0;
}

int
pack_has_places(struct pack *p)
{
	sqlite3_stmt	*st;

	if (p->places >= 0)
		return p->places;
	p->places = 0;
	if (sqlite3_prepare_v2(p->db, "SELECT 1 FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'place'", -1, &st, NULL) != SQLITE_OK)
		return 0;
	p->places = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return p->places;
}

/*
 * A place's text as the pack gives it is shown on screen: only valid
 * UTF-8 without control characters but its line breaks.
 */
static int
pack_place_text_ok(const char *s)
{
	const unsigned char	*p;

	if (!text_valid_utf8(s, strlen(s), NULL))
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			return 0;
	return 1;
}

/* The rows of the place table matching FTS5 'q', at most 'max'. */
static int
pack_place_rows(struct pack *p, const char *q, size_t max,
    struct place_hit **out, size_t *n, struct err *e)
{
	sqlite3_stmt	*st;
	const char	*text;
	int		 rc, kind;

	if (sqlite3_prepare_v2(p->db, "SELECT kind, module, item, text FROM "
	    "place WHERE place MATCH ?1 ORDER BY rowid LIMIT ?2", -1, &st,
	    NULL) != SQLITE_OK)
		return err_set(e, "cannot search pack '%s': %s", p->path,
		    sqlite3_errmsg(p->db));
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		kind = sqlite3_column_int(st, 0);
		text = (const char *)sqlite3_column_text(st, 3);
		if (kind < PLACE_COURSE || kind > PLACE_QUESTION ||
		    sqlite3_column_int64(st, 1) < 0 ||
		    sqlite3_column_int64(st, 2) < 0 || text == NULL ||
		    !pack_place_text_ok(text))
			continue;	/* never trusted; indexes: the caller */
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].kind = (enum place_kind)kind;
		(*out)[*n].module = (size_t)sqlite3_column_int64(st, 1);
		(*out)[*n].item = (size_t)sqlite3_column_int64(st, 2);
		(*out)[*n].text = xstrdup(text);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return err_set(e, "cannot search pack '%s': %s", p->path,
		    sqlite3_errmsg(p->db));
	return 0;
}

int
pack_places(struct pack *p, struct text_wrapper *w, const char *query,
    size_t max, struct place_hit **out, size_t *n, struct err *e)
{
	char	*q;
	int	 rc, any;

	*out = NULL;
	*n = 0;
	if (max == 0 || !pack_has_places(p))
		return 0;
	if (pack_fts_ready(p, w, e) == -1)
		return -1;
	/* the places with every word; when none, those with some */
	for (any = 0, rc = 0; any < 2 && rc == 0 && *n == 0; any++) {
		if ((q = pack_fts_expr(w, query, any ? " OR " : " AND ")) ==
		    NULL)
			return 0;
		rc = pack_place_rows(p, q, max, out, n, e);
		free(q);
	}
	if (rc == -1) {
		place_hits_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* Text column 'i' of 'st', copied ("" for NULL). */
static char *
pack_col(sqlite3_stmt *st, int i)
{
	const char	*v = (const char *)sqlite3_column_text(st, i);

	return xstrdup(v != NULL ? v : "");
}

int
pack_src_read(struct pack *p, struct pack_src *src, struct err *e)
{
	sqlite3_stmt	*st = NULL;
	char		*loaded = NULL, *end;
	size_t		 cap = 0;
	int		 rc;

	memset(src, 0, sizeof *src);
	diags_init(&src->warnings);
	src->dir = pack_sqlite_value(p->db, "pack", "src-dir");
	loaded = pack_sqlite_value(p->db, "pack", "src-loaded");
	if (src->dir == NULL || loaded == NULL) {
		err_set(e, "pack '%s' was not compiled here", p->path);
		goto fail;
	}
	src->loaded_sec = strtoll(loaded, &end, 10);
	if (*end == '.')
		src->loaded_nsec = strtoll(end + 1, NULL, 10);
	if (sqlite3_prepare_v2(p->db, "SELECT name, size, sec, nsec FROM "
	    "src_file ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pack_file	*f;

		if (src->nfiles == cap) {
			cap = cap ? cap * 2 : 8;
			src->files = xreallocarray(src->files, cap,
			    sizeof *src->files);
		}
		f = &src->files[src->nfiles++];
		f->name = pack_col(st, 0);
		f->size = (uint64_t)sqlite3_column_int64(st, 1);
		f->mtime_sec = sqlite3_column_int64(st, 2);
		f->mtime_nsec = sqlite3_column_int64(st, 3);
		if (f->name[0] == '\0' || strchr(f->name, '/') != NULL) {
			err_set(e, "pack '%s' is damaged: bad source name",
			    p->path);
			goto fail;
		}
	}
	if (rc != SQLITE_DONE || src->nfiles == 0)
		goto sqlerr;
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(p->db, "SELECT file, line, col, msg FROM "
	    "src_warning ORDER BY rowid", -1, &st, NULL) != SQLITE_OK)
		goto sqlerr;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		diags_add(&src->warnings, DIAG_WARNING,
		    (const char *)sqlite3_column_text(st, 0),
		    (unsigned)sqlite3_column_int64(st, 1),
		    (unsigned)sqlite3_column_int64(st, 2), "%s",
		    (const char *)sqlite3_column_text(st, 3));
	if (rc != SQLITE_DONE)
		goto sqlerr;
	sqlite3_finalize(st);
	free(loaded);
	return 0;
sqlerr:
	err_set(e, "pack '%s' has no sources: %s", p->path,
	    sqlite3_errmsg(p->db));
fail:
	sqlite3_finalize(st);
	free(loaded);
	pack_src_release(src);
	return -1;
}
