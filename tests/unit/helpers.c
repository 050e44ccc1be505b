#include "helpers.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/course.h"
#include "content/load.h"
#include "content/publish.h"
#include "content/pack.h"
#include "store/store.h"
#include "store/store_officer.h"

void
tmp_dir_make(char *dir, size_t size, const char *name)
{
	cr_assert(snprintf(dir, size, "/tmp/rianru-%s-XXXXXX", name) <
	    (int)size);
	cr_assert_not_null(mkdtemp(dir), "mkdtemp %s", dir);
}

void
tmp_dir_remove(const char *dir)
{
	char	cmd[700];

	cr_assert(strlen(dir) > 5 && strchr(dir, '\'') == NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

void
write_file(const char *dir, const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	cr_assert_not_null(f = fopen(path, "w"), "%s", path);
	fputs(text, f);
	fclose(f);
}

long long
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

void
sql_run(const char *path, const char *sql)
{
	sqlite3	*db;
	char	*msg = NULL;

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK,
	    "%s: %s", sql, msg != NULL ? msg : "");
	sqlite3_close(db);
}

/* Every row 'sql' gives on 'db', each column's bytes, into 'out'. */
static void
dump_rows(sqlite3 *db, const char *sql, struct buf *out)
{
	sqlite3_stmt	*st;
	const void	*p;
	int		 i, len, n = 0;

	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < sqlite3_column_count(st); i++) {
			p = sqlite3_column_blob(st, i);
			len = sqlite3_column_bytes(st, i);
			buf_addf(out, "%s%d:", i ? " " : "", len);
			if (len > 0)
				buf_add(out, p, (size_t)len);
		}
		buf_adds(out, "\n");
		n++;
	}
	cr_assert_eq(sqlite3_finalize(st), SQLITE_OK, "%s", sql);
	buf_addf(out, "%d rows\n", n);
}

void
catdb_dump(const char *path, struct text_wrapper *w, struct buf *out)
{
	sqlite3		*db;
	struct err	 e;

	cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK, "%s", path);
	cr_assert_eq(pack_fts_register(db, w, &e), 0, "%s", e.msg);
	cr_assert_eq(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.v USING "
	    "fts5vocab(main, search, instance)", NULL, NULL, NULL), SQLITE_OK,
	    "%s", sqlite3_errmsg(db));
	dump_rows(db, "SELECT key, value FROM meta ORDER BY key", out);
	dump_rows(db, "SELECT row, format, head FROM course ORDER BY row", out);
	dump_rows(db, "SELECT term, doc, col, offset FROM temp.v "
	    "ORDER BY term, doc, col, offset", out);
	sqlite3_close(db);
}

struct course *
load_module_ok(const char *name, const char *yaml)
{
	struct diags	 d;
	struct course	*c;

	diags_init(&d);
	c = load_module_mem(name, yaml, strlen(yaml), &d);
	diags_print(&d, 0, stderr);
	cr_assert_not_null(c, "%s: %s", name, d.n ? d.v[0].msg : "?");
	cr_assert_eq(d.nerrors, 0);
	diags_release(&d);
	return c;
}

struct course *
load_course_dir_ok(const char *path)
{
	struct diags	 d;
	struct course	*c;

	diags_init(&d);
	c = load_course_dir(path, &d);
	diags_print(&d, 0, stderr);
	cr_assert_not_null(c);
	cr_assert_eq(d.nerrors, 0);
	diags_release(&d);
	return c;
}

void
publish_ok(const char *const *dirs, const char *site,
    const struct sign_secret *sec, uint64_t sequence, struct text_wrapper *w)
{
	struct catalog		*cat = catalog_new();
	struct publish_opts	 o = { "test", 0 };
	struct publish_stats	 st;
	struct diags		 d;
	struct err		 e;

	o.sequence = sequence;
	diags_init(&d);
	for (; *dirs != NULL; dirs++)
		catalog_add_path(cat, *dirs, &d);
	cr_assert_eq(d.nerrors, 0);
	cr_assert_eq(publish_catalogue(cat, site, sec, &o, w, &st, &e), 0,
	    "%s", e.msg);
	diags_release(&d);
	catalog_free(cat);
}

struct catalog *
catalog_load_ok(const char *dir, struct text_wrapper *w)
{
	struct catalog	*cat = catalog_new();
	struct diags	 d;

	diags_init(&d);
	catalog_add_path_lazy(cat, dir, NULL, w, &d, NULL);
	cr_assert_eq(d.nerrors, 0);
	diags_release(&d);
	return cat;
}

struct store *
store_open_ok(const char *path)
{
	struct store	*st;
	struct err	 e;
	char		 msg[800];

	err_clear(&e);
	st = store_open(path, &e);
	cr_assert_not_null(st, "store_open: %s", err_str(&e, msg, sizeof msg));
	return st;
}

int64_t
officer_add_ok(struct store *st, struct store_officer *o, const char *code,
    const char *name, const char *group, const char *agency, time_t now)
{
	struct err	e;

	memset(o, 0, sizeof *o);
	snprintf(o->code, sizeof o->code, "%s", code);
	snprintf(o->name, sizeof o->name, "%s", name);
	snprintf(o->group, sizeof o->group, "%s", group);
	if (agency != NULL)
		snprintf(o->agency, sizeof o->agency, "%s", agency);
	err_clear(&e);
	cr_assert_eq(store_officer_add(st, o, now, &e), 0, "%s", e.msg);
	cr_assert_gt(o->id, 0);
	return o->id;
}
