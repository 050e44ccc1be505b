/*
 * The catalogue database (content/catdb.h): built beside a catalogue's
 * index, it gives the same headers and the same search answers as the
 * packs, and is refused (the packs are read) when it is for another
 * index, keyed otherwise, or changed in any record it holds. Made from
 * the database of the last index, it holds what a whole build holds.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/file.h"
#include "base/sign.h"
#include "content/catalog.h"
#include "content/catdb.h"
#include "content/catindex.h"
#include "content/compile.h"
#include "content/course.h"
#include "content/pack.h"
#include "content/publish.h"
#include "text/text.h"
#include "helpers.h"

static char			 dir[128];
static char			 src[256], site[256], dbpath[300];
static struct sign_secret	 sec;
static struct text_wrapper	*w;
static const unsigned char	 key[32] = { 7, 1, 2 };
static uint64_t			 seq;

/* SQL: the column 'head' with its 41st byte changed */
#define FLIP	"CAST(substr(head, 1, 40) || CASE WHEN substr(head, 41, 1) " \
	"= X'00' THEN X'01' ELSE X'00' END || substr(head, 42) AS BLOB)"

static const char course_yaml[] =
    "rianru: 1\nid: %s\nversion: 1.0.0\n"
    "title: { th: %s, en: %s }\n"
    "summary: { th: สรุปเรื่องรหัสผ่าน, en: Summary }\n"
    "audience: all\narea: digital-literacy\nlevel: early\nhours: 1\n"
    "modules:\n  - m.yaml\n";
static const char module_yaml[] =
    "id: m\ntitle: { th: บทที่หนึ่ง, en: One }\nminutes: 5\n"
    "pages:\n  - id: p1\n    title: { th: หน้าแรก, en: First }\n"
    "    text: { th: %s, en: Text about phishing }\n"
    "quiz:\n  id: q\n  title: { th: แบบทดสอบ, en: Quiz }\n"
    "  questions:\n    - id: q1\n      type: true-false\n"
    "      prompt: { th: ข้อหนึ่ง, en: Prompt }\n      answer: true\n";

static void
author(const char *id, const char *th, const char *en, const char *text)
{
	char	path[512], yaml[1024];

	snprintf(path, sizeof path, "%s/%s", src, id);
	mkdir(path, 0700);
	snprintf(yaml, sizeof yaml, course_yaml, id, th, en);
	write_file(path, "course.yaml", yaml);
	snprintf(yaml, sizeof yaml, module_yaml, text);
	write_file(path, "m.yaml", yaml);
}

/* Publish src/ and the course with words of its own into site/. */
static void
publish(void)
{
	const char *const	dirs[] = { src, "tests/data/e2e/words", NULL };

	publish_ok(dirs, site, &sec, ++seq, w);
}

/* site/index read and parsed: its text into *text (caller frees). */
static void
index_read(struct catindex *ix, char **text, size_t *len)
{
	struct err	e;
	char		path[300];

	snprintf(path, sizeof path, "%s/index", site);
	cr_assert_not_null(*text = file_read(path, CATINDEX_MAX_BYTES, len,
	    &e), "%s", e.msg);
	catindex_init(ix);
	cr_assert_eq(catindex_parse(*text, *len, ix, &e), 0, "%s", e.msg);
}

/* Build site/catalogue.db for the index site/ has now, keyed with 'k'. */
static void
build_keyed(const unsigned char *k)
{
	struct catindex	 ix;
	struct err	 e;
	char		*text;
	size_t		 len;

	index_read(&ix, &text, &len);
	cr_assert_eq(catdb_build(site, text, len, &ix, NULL, k, w, NULL, &e),
	    0, "%s", e.msg);
	catindex_release(&ix);
	free(text);
}

/* The same with the install's key. */
static void
build(void)
{
	build_keyed(key);
}

/*
 * Build site/catalogue.db for the index site/ has now from the database
 * of the index of text 'otext' (parsed: 'oix'); *st says what was done.
 */
static void
build_from(const struct catindex *oix, const char *otext, size_t olen,
    struct catdb_stats *st)
{
	struct catdb_from	 from = { otext, olen, oix };
	struct catindex		 ix;
	struct err		 e;
	char			*text;
	size_t			 len;

	index_read(&ix, &text, &len);
	cr_assert_eq(catdb_build(site, text, len, &ix, &from, key, w, st, &e),
	    0, "%s", e.msg);
	catindex_release(&ix);
	free(text);
}

/*
 * The packs of site/ put back after a publish removed them: as in an
 * installed catalogue, where the packs of the last index stay until the
 * new one is switched in.
 */
static void
packs_keep(void)
{
	char	cmd[700];

	snprintf(cmd, sizeof cmd, "mkdir -p '%s/old' && cp '%s'/*.pack "
	    "'%s/old/'", dir, site, dir);
	cr_assert_eq(system(cmd), 0);
}

static void
packs_restore(void)
{
	char	cmd[700];

	snprintf(cmd, sizeof cmd, "cp -n '%s/old/'*.pack '%s/'", dir, site);
	cr_assert_eq(system(cmd), 0);
}

/* One changed, one added, one gone, published again (old packs kept). */
static void
change_three(void)
{
	char	cmd[700];

	packs_keep();
	author("beta", "งบประมาณ", "Budgets", "การจัดซื้อจัดจ้างภาครัฐ");
	author("zeta", "คลาวด์", "Cloud", "ระบบคลาวด์ของหน่วยงาน");
	snprintf(cmd, sizeof cmd, "rm -rf '%s/alpha'", src);
	cr_assert_eq(system(cmd), 0);
	publish();
	packs_restore();
}

/* Does catdb_open() take site/catalogue.db with key 'k'? */
static int
opens(const unsigned char *k)
{
	struct catindex	 ix;
	struct catdb	*db;
	struct err	 e;
	char		*text;
	size_t		 len;

	index_read(&ix, &text, &len);
	db = catdb_open(site, text, len, &ix, k, &e);
	catdb_close(db);
	catindex_release(&ix);
	free(text);
	return db != NULL;
}

/* The files at 'a' and 'b' hold the same bytes (catdb_dump's). */
static void
same_dump(const char *a, const char *b)
{
	struct buf	x, y;

	buf_init(&x);
	buf_init(&y);
	catdb_dump(a, w, &x);
	catdb_dump(b, w, &y);
	cr_assert_gt(x.len, 1000);
	cr_assert(x.len == y.len && memcmp(x.data, y.data, x.len) == 0,
	    "'%s' and '%s' differ", a, b);
	buf_release(&x);
	buf_release(&y);
}

/* site/ as the app loads it (headers); *dbs: catalogue databases used. */
static struct catalog *
load(size_t *dbs)
{
	struct catalog	*cat = catalog_load_ok(site, w);

	*dbs = cat->ndbs;
	return cat;
}

static void
setup(void)
{
	struct sign_pub	 p;
	struct err	 e;

	tmp_dir_make(dir, sizeof dir, "catdb");
	snprintf(src, sizeof src, "%s/src", dir);
	snprintf(site, sizeof site, "%s/site", dir);
	snprintf(dbpath, sizeof dbpath, "%s/" CATDB_NAME, site);
	mkdir(src, 0700);
	cr_assert_eq(sign_keygen(&p, &sec, &e), 0);
	w = text_wrapper_new();
	author("alpha", "รหัสผ่านที่ดี", "Good passwords",
	    "ข้อมูลส่วนตัวต้องปกป้อง");
	author("beta", "งบประมาณ", "Budgets", "การเบิกจ่ายงบประมาณประจำปี");
	author("gamma", "ฟิชชิ่ง", "Phishing", "อีเมลหลอกลวงขอรหัสผ่าน");
	publish();
}

static void
teardown(void)
{
	text_wrapper_free(w);
	tmp_dir_remove(dir);
}

TestSuite(catdb, .init = setup, .fini = teardown);

/*
 * Catalogue 'db' (from a catalogue database) has the headers of 'packs'
 * (read from the packs) and gives the same answer to every query on
 * every course.
 */
static void
same_answers(struct catalog *packs, struct catalog *db)
{
	static const char *const queries[] = {
		"ข้อมูล", "รหัสผ่าน", "รหัส ผ่าน", "รหัสผ่", "งบประมาณ",
		"phishing", "PASSWORDS", "good pass", "budget", "นซัมแวร์",
		"แรนซัมแวร์", "ดีปเฟก", "คิวอาร์", "ไม่มีคำนี้", "", "...",
		"ข้อมูล งบประมาณ", "หน้าแรก", "จัดซื้อ", "คลาวด์", "cloud",
		"ส่วนตัว", NULL
	};
	struct err	 e;
	size_t		 i, k, yes = 0, no = 0;
	int		 a, b;

	cr_assert_eq(packs->n, db->n);
	for (i = 0; i < db->n; i++) {
		cr_assert(db->courses[i]->header);
		cr_assert_str_eq(db->courses[i]->id, packs->courses[i]->id);
		cr_assert_str_eq(db->courses[i]->hash, packs->courses[i]->hash);
		cr_assert_str_eq(db->courses[i]->dir, packs->courses[i]->dir);
		cr_assert_str_eq(lstr_get(&db->courses[i]->title, LANG_TH),
		    lstr_get(&packs->courses[i]->title, LANG_TH));
		cr_assert_eq(db->courses[i]->nwords,
		    packs->courses[i]->nwords);
		cr_assert_eq(db->courses[i]->nmodules,
		    packs->courses[i]->nmodules);
	}
	for (k = 0; queries[k] != NULL; k++)
		for (i = 0; i < db->n; i++) {
			a = catalog_search(packs, i, w, queries[k], &e);
			b = catalog_search(db, i, w, queries[k], &e);
			cr_assert_eq(b, a, "'%s' on %s: %d, its pack %d",
			    queries[k], db->courses[i]->id, b, a);
			yes += a == 1;
			no += a == 0;
		}
	cr_assert_gt(yes, 10);
	cr_assert_gt(no, 10);
}

/*
 * Every query gets the same answer on every course from the database as
 * from the course's pack, including the course whose own words cut the
 * text (and the query) otherwise: นซัมแวร์ begins a word only where
 * libthai cuts แร|นซัมแวร์.
 */
Test(catdb, same_headers_and_answers_as_the_packs)
{
	struct catalog	*packs, *db;
	struct err	 e;
	size_t		 dbs, i;

	packs = load(&dbs);
	cr_assert_eq(dbs, 0, "no key set: no database read");
	compile_set_key(key);
	build();
	db = load(&dbs);
	cr_assert_eq(dbs, 1);
	cr_assert_eq(db->n, 4);
	same_answers(packs, db);
	/* the words make the difference on the course that has them */
	for (i = 0; i < db->n; i++)
		if (db->courses[i]->nwords > 0) {
			cr_assert_eq(catalog_search(db, i, w, "นซัมแวร์", &e), 0);
			cr_assert_eq(catalog_search(db, i, w, "แรนซัมแวร์", &e),
			    1);
		}
	/* bodies still come from the packs */
	cr_assert_not_null(catalog_open_course(db, 1, &e), "%s", e.msg);
	catalog_free(packs);
	catalog_free(db);
}

Test(catdb, refused_for_another_index_or_key)
{
	struct catalog	*cat;
	size_t		 dbs;

	compile_set_key(key);
	build();
	cr_assert(opens(key));
	cr_assert_not(opens((const unsigned char[32]){ 7, 1, 3 }));
	/* a new index switched in without its database: the packs serve */
	author("delta", "ใหม่", "New", "เนื้อหาใหม่");
	publish();
	cr_assert_not(opens(key));
	cat = load(&dbs);
	cr_assert_eq(dbs, 0);
	cr_assert_eq(cat->n, 5);
	catalog_free(cat);
	build();
	cr_assert(opens(key));
}

/*
 * One changed byte in what site/catalogue.db holds (a catalogue of 'n'
 * courses): refused, packs read.
 */
static void
refuses_changes(size_t n)
{
	static const char *const changes[] = {
		/* a byte of a header record */
		"UPDATE course SET head = " FLIP " WHERE row = 2",
		"UPDATE course SET format = 2 WHERE row = 1",
		"DELETE FROM course WHERE row = 3",
		"UPDATE course SET row = 9 WHERE row = 4",
		"UPDATE meta SET value = replace(value, substr(value, 1, 1), "
		"CASE substr(value, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END) "
		"WHERE key = 'mac'",
		"UPDATE meta SET value = '1' WHERE key = 'format'",
		"DELETE FROM meta WHERE key = 'index-sha256'",
		NULL
	};
	struct catalog	*cat;
	size_t		 i, dbs;
	char		 saved[300];

	cr_assert(opens(key));
	snprintf(saved, sizeof saved, "%s/saved.db", dir);
	cr_assert_eq(rename(dbpath, saved), 0);
	for (i = 0; changes[i] != NULL; i++) {
		char	cmd[700];

		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", saved, dbpath);
		cr_assert_eq(system(cmd), 0);
		sql_run(dbpath, changes[i]);
		cr_assert_not(opens(key), "taken after: %s", changes[i]);
		cat = load(&dbs);
		cr_assert_eq(dbs, 0, "used after: %s", changes[i]);
		cr_assert_eq(cat->n, n);
		catalog_free(cat);
	}
}

Test(catdb, refused_when_changed)
{
	compile_set_key(key);
	build();
	refuses_changes(4);
}

/*
 * One course changed, one added, one gone: the database made from the
 * last one reads only their packs (the two gone versions' to take their
 * words out, the two new ones') and holds what a whole build holds, byte
 * for byte: the meta table (the keyed check included), the course rows,
 * and every word of the search table with its row. A search answers as
 * the packs do, and the keyed check refuses it changed.
 */
Test(catdb, made_from_the_last_one_as_a_whole_build)
{
	struct catalog		*packs, *db;
	struct catdb_stats	 st;
	struct catindex		 oix;
	char			*otext, made[300], cmd[700];
	size_t			 olen, dbs;

	compile_set_key(key);
	author("delta", "คลังข้อมูล", "Data", "การจัดเก็บข้อมูลของรัฐ");
	author("epsilon", "ไซเบอร์", "Cyber", "ภัยไซเบอร์ต่อหน่วยงาน");
	publish();
	build();
	index_read(&oix, &otext, &olen);
	change_three();
	packs = load(&dbs);
	cr_assert_eq(dbs, 0, "the database of the last index is not used");
	cr_assert_eq(packs->n, 6);

	build_from(&oix, otext, olen, &st);
	cr_assert(st.from_last, "a whole build: %s", st.why);
	cr_assert_eq(st.packs, 4);
	db = load(&dbs);
	cr_assert_eq(dbs, 1);
	same_answers(packs, db);
	catalog_free(db);
	snprintf(made, sizeof made, "%s/made.db", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", dbpath, made);
	cr_assert_eq(system(cmd), 0);

	build();
	same_dump(made, dbpath);
	cr_assert_eq(rename(made, dbpath), 0);
	refuses_changes(6);
	catalog_free(packs);
	catindex_release(&oix);
	free(otext);
}

/*
 * What a database made from the last one must not rest on: the last
 * database failing a reader's check (another install's key, a changed
 * header), or a gone version's pack that is not the file its index line
 * named (its words would not be those that were indexed). Each makes a
 * whole build, as good as ever.
 */
Test(catdb, a_database_or_pack_in_doubt_makes_a_whole_build)
{
	struct catdb_stats	 st;
	struct catindex		 oix;
	const char		*beta;
	char			*otext, saved[300], other[300], path[400];
	char			 cmd[900];
	size_t			 olen, i;

	compile_set_key(key);
	build_keyed((const unsigned char[32]){ 7, 1, 3 });
	snprintf(other, sizeof other, "%s/other.db", dir);
	cr_assert_eq(rename(dbpath, other), 0);
	build();
	index_read(&oix, &otext, &olen);
	change_three();
	snprintf(saved, sizeof saved, "%s/saved.db", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", dbpath, saved);
	cr_assert_eq(system(cmd), 0);

	cr_assert_eq(rename(other, dbpath), 0);
	build_from(&oix, otext, olen, &st);
	cr_assert_not(st.from_last);
	cr_assert(strstr(st.why, "keyed check") != NULL, "%s", st.why);
	cr_assert(opens(key));

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", saved, dbpath);
	cr_assert_eq(system(cmd), 0);
	sql_run(dbpath, "UPDATE course SET head = " FLIP " WHERE row = 2");
	build_from(&oix, otext, olen, &st);
	cr_assert_not(st.from_last);
	cr_assert(strstr(st.why, "refused") != NULL, "%s", st.why);
	cr_assert_eq(st.packs, 4, "every pack of the new index read");
	cr_assert(opens(key));

	/* the old beta's pack, one byte longer: the same course to SQLite */
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", saved, dbpath);
	cr_assert_eq(system(cmd), 0);
	for (i = 0, beta = NULL; i < oix.n; i++)
		if (strcmp(oix.v[i].id, "beta") == 0)
			beta = oix.v[i].file;
	cr_assert_not_null(beta);
	snprintf(path, sizeof path, "%s/%s", site, beta);
	snprintf(cmd, sizeof cmd, "printf '\\0' >> '%s'", path);
	cr_assert_eq(system(cmd), 0);
	build_from(&oix, otext, olen, &st);
	cr_assert_not(st.from_last);
	cr_assert(strstr(st.why, "no longer") != NULL, "%s", st.why);
	cr_assert(opens(key));
	catindex_release(&oix);
	free(otext);
}

/*
 * The search table is not covered by the keyed check: a row it gives
 * that no header has is ignored, and the answers stay within the
 * catalogue.
 */
Test(catdb, search_rows_beyond_the_headers_are_ignored)
{
	struct catalog	*cat;
	struct err	 e;
	sqlite3		*sdb;
	size_t		 i, dbs;

	compile_set_key(key);
	build();
	/* the search table needs the tokenizer to be written to */
	cr_assert_eq(sqlite3_open(dbpath, &sdb), SQLITE_OK);
	cr_assert_eq(pack_fts_register(sdb, w, &e), 0);
	cr_assert_eq(sqlite3_exec(sdb, "INSERT INTO search(rowid, title, "
	    "text) VALUES (99, 'zzzz', 'zzzz'), (-5, 'zzzz', 'zzzz')", NULL,
	    NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(sdb));
	sqlite3_close(sdb);
	cat = load(&dbs);
	cr_assert_eq(dbs, 1);
	for (i = 0; i < cat->n; i++)
		cr_assert_eq(catalog_search(cat, i, w, "zzzz", &e), 0);
	catalog_free(cat);
}

Test(catdb, a_pack_that_fails_its_checks_fails_the_build)
{
	struct catindex	 ix;
	struct err	 e;
	char		*text, path[400];
	size_t		 len;

	compile_set_key(key);
	index_read(&ix, &text, &len);
	snprintf(path, sizeof path, "%s/%s", site, ix.v[1].file);
	sql_run(path, "UPDATE course SET head = " FLIP);
	cr_assert_eq(catdb_build(site, text, len, &ix, NULL, key, w, NULL, &e),
	    -1);
	cr_assert(strstr(e.msg, "checksum") != NULL, "%s", e.msg);
	cr_assert_eq(access(dbpath, F_OK), -1, "nothing left behind");
	catindex_release(&ix);
	free(text);
}
