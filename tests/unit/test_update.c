/*
 * Content updates from a folder: packs an open attempt pins are kept in
 * kept/ and found again by version, then removed once nothing pins them;
 * the background job; which of several sources is used; what changed
 * between two catalogues.
 */
#include <criterion/criterion.h>
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
#include "config/config.h"
#include "content/catalog.h"
#include "content/catdb.h"
#include "content/catindex.h"
#include "content/compile.h"
#include "content/course.h"
#include "content/publish.h"
#include "store/store_event.h"
#include "sync/update.h"
#include "sync/update_job.h"
#include "text/text.h"
#include "helpers.h"

static char			 dir[128];
static char			 src[256], site[256], dest[256], pub[256];
static struct sign_secret	 sec;
static struct text_wrapper	*w;

static const char course_yaml[] =
    "rianru: 1\nid: %s\nversion: 1.0.0\n"
    "title: { th: %s, en: A course }\n"
    "summary: { th: สรุป, en: Summary }\n"
    "audience: all\narea: digital-literacy\nlevel: early\nhours: 1\n"
    "modules:\n  - m.yaml\n";
static const char module_yaml[] =
    "id: m\ntitle: { th: บทที่หนึ่ง, en: One }\nminutes: 5\n"
    "pages:\n  - id: p1\n    title: { th: หน้าแรก, en: First }\n"
    "    text: { th: ข้อความ, en: Text }\n"
    "quiz:\n  id: q\n  title: { th: แบบทดสอบ, en: Quiz }\n"
    "  questions:\n    - id: q1\n      type: true-false\n"
    "      prompt: { th: %s, en: Prompt }\n      answer: true\n";

/* Write course 'id' with title 'title' and question 'prompt' into src/. */
static void
author(const char *id, const char *title, const char *prompt)
{
	char	path[512], text[1024];

	snprintf(path, sizeof path, "%s/%s", src, id);
	mkdir(path, 0700);
	snprintf(text, sizeof text, course_yaml, id, title);
	write_file(path, "course.yaml", text);
	snprintf(text, sizeof text, module_yaml, prompt);
	write_file(path, "m.yaml", text);
}

/* Publish src/ into site/ (the next sequence). */
static void
publish(void)
{
	const char *const	dirs[] = { src, NULL };

	publish_ok(dirs, site, &sec, 0, w);
}

/* Install site/ into dest/ with 'pins'; returns update_run()'s result. */
static int
install(const struct store_pin *pins, size_t npins, struct update_stats *st)
{
	struct update_opts	o;
	struct err		e;

	memset(&o, 0, sizeof o);
	o.source = site;
	o.pubkey = pub;
	o.dest = dest;
	o.pins = pins;
	o.npins = npins;
	return update_run(&o, st, &e);
}

static size_t
kept_count(void)
{
	char	cmd[512];
	FILE	*f;
	size_t	 n = 0;

	snprintf(cmd, sizeof cmd, "ls '%s/kept' | grep -c 'pack$'", dest);
	cr_assert_not_null(f = popen(cmd, "r"));
	cr_assert_eq(fscanf(f, "%zu", &n), 1);
	pclose(f);
	return n;
}

static struct catalog *
installed(void)
{
	return catalog_load_ok(dest, w);
}

static void
setup(void)
{
	struct sign_pub	 p;
	struct buf	 b;
	struct err	 e;

	tmp_dir_make(dir, sizeof dir, "update");
	snprintf(src, sizeof src, "%s/src", dir);
	snprintf(site, sizeof site, "%s/site", dir);
	snprintf(dest, sizeof dest, "%s/m/catalogue", dir);
	snprintf(pub, sizeof pub, "%s/k.pub", dir);
	mkdir(src, 0700);
	cr_assert_eq(sign_keygen(&p, &sec, &e), 0);
	buf_init(&b);
	sign_pub_format(&p, &b);
	write_file(dir, "k.pub", b.data);
	buf_release(&b);
	w = text_wrapper_new();
	/* keys the catalogue database update builds (catdb.h) */
	compile_set_key((const unsigned char[32]){ 9, 9 });
}

static void
teardown(void)
{
	text_wrapper_free(w);
	tmp_dir_remove(dir);
}

TestSuite(update, .init = setup, .fini = teardown);

Test(update, a_pinned_pack_is_kept_until_nothing_pins_it)
{
	struct update_stats	 st;
	struct store_pin	 pin;
	struct catalog		*cat, *cat2;
	struct catalog_diff	 d;
	const struct course	*old;
	struct err		 e;
	char			 hash1[80];

	author("alpha", "หนึ่ง", "ข้อแรก");
	author("beta", "สอง", "ข้อสอง");
	publish();
	cr_assert_eq(install(NULL, 0, &st), 0);
	cr_assert_eq(st.fetched, 2);
	cat = installed();
	snprintf(hash1, sizeof hash1, "%s", catalog_find(cat, "alpha")->hash);

	/* alpha changes while an attempt on its first version is open */
	author("alpha", "หนึ่ง", "ข้อแรกฉบับใหม่");
	author("gamma", "สาม", "ข้อสาม");
	publish();
	memset(&pin, 0, sizeof pin);
	snprintf(pin.course_id, sizeof pin.course_id, "alpha");
	snprintf(pin.content_hash, sizeof pin.content_hash, "%s", hash1);
	cr_assert_eq(install(&pin, 1, &st), 0);
	cr_assert_eq(st.fetched, 2);		/* alpha and gamma */
	cr_assert_eq(st.removed, 0);		/* the old alpha was moved */
	cr_assert_eq(kept_count(), 1);
	cr_assert_eq(st.kept_pinned, 1);

	cat2 = installed();
	catalog_diff(cat, cat2, &d);
	cr_assert_eq(d.updated, 1);
	cr_assert_eq(d.added, 1);
	cr_assert_eq(d.removed, 0);
	catalog_diff(cat2, cat, &d);
	cr_assert_eq(d.removed, 1);
	cr_assert_str_neq(catalog_find(cat2, "alpha")->hash, hash1);
	/* the pinned version opens from kept/, and is that version */
	old = catalog_open_version(cat2, 0, hash1, &e);
	cr_assert_not_null(old, "%s", e.msg);
	cr_assert_str_eq(old->hash, hash1);
	cr_assert_str_eq(lstr_get(&old->modules[0].quiz->questions[0].prompt,
	    LANG_TH), "ข้อแรก");
	cr_assert_eq(catalog_open_version(cat2, 0, hash1, &e), old);
	cr_assert_null(catalog_open_version(cat2, 1, hash1, &e));
	catalog_free(cat);
	catalog_free(cat2);

	/* up to date, but nothing pins it any more: it goes */
	cr_assert_eq(install(NULL, 0, &st), 0);
	cr_assert(st.current);
	cr_assert_eq(kept_count(), 0);
	cat2 = installed();
	cr_assert_null(catalog_open_version(cat2, 0, hash1, &e));
	catalog_free(cat2);
}

/*
 * Each install builds the catalogue database for the index it switches
 * in, so start and search read one file; one missing (an install by an
 * older rianru) is built by the next run that finds the catalogue
 * current.
 */
Test(update, builds_the_catalogue_database_of_the_index_it_installs)
{
	struct update_stats	 st;
	struct catalog		*cat;
	struct err		 e;
	char			 path[300];

	snprintf(path, sizeof path, "%s/" CATDB_NAME, dest);
	author("alpha", "หนึ่ง", "ข้อแรก");
	publish();
	cr_assert_eq(install(NULL, 0, &st), 0);
	cat = installed();
	cr_assert_eq(cat->ndbs, 1);
	cr_assert_eq(cat->n, 1);
	catalog_free(cat);

	author("beta", "งบประมาณ", "ข้อสอง");
	publish();
	cr_assert_eq(install(NULL, 0, &st), 0);
	cat = installed();
	cr_assert_eq(cat->ndbs, 1, "rebuilt for the new index");
	cr_assert_eq(cat->n, 2);
	cr_assert_eq(catalog_search(cat, 1, w, "งบประมาณ", &e), 1);
	cr_assert_eq(catalog_search(cat, 0, w, "งบประมาณ", &e), 0);
	catalog_free(cat);

	cr_assert_eq(unlink(path), 0);
	cr_assert_eq(install(NULL, 0, &st), 0);
	cr_assert(st.current);
	cat = installed();
	cr_assert_eq(cat->ndbs, 1, "built again when found missing");
	catalog_free(cat);
}

/*
 * An install after one course changed, one was added and one removed
 * makes its catalogue database from the installed one, reading only
 * those packs (the old ones still in place before the switch), and it
 * holds what a whole build of the new index holds.
 */
Test(update, the_catalogue_database_is_made_from_the_installed_one)
{
	static const char *const ids[] = {
		"alpha", "beta", "gamma", "delta", "epsilon"
	};
	struct update_stats	 st;
	struct catindex		 ix;
	struct catalog		*cat;
	struct buf		 made, whole;
	struct err		 e;
	char			 path[300], cmd[700], *text;
	size_t			 i, len;

	for (i = 0; i < 5; i++)
		author(ids[i], ids[i], "ข้อแรก");
	publish();
	cr_assert_eq(install(NULL, 0, &st), 0);
	cr_assert_not(st.catdb.from_last, "nothing was installed");
	cr_assert_eq(st.catdb.packs, 5);

	author("beta", "งบประมาณ", "ข้อสอง");
	author("zeta", "zeta", "ข้อสาม");
	snprintf(cmd, sizeof cmd, "rm -rf '%s/alpha'", src);
	cr_assert_eq(system(cmd), 0);
	publish();
	cr_assert_eq(install(NULL, 0, &st), 0);
	cr_assert(st.catdb.from_last, "a whole build: %s", st.catdb.why);
	cr_assert_eq(st.catdb.packs, 4);
	cat = installed();
	cr_assert_eq(cat->ndbs, 1);
	cr_assert_eq(cat->n, 5);
	for (i = 0; i < cat->n; i++)
		cr_assert_eq(catalog_search(cat, i, w, "งบประมาณ", &e),
		    strcmp(cat->courses[i]->id, "beta") == 0, "%s",
		    cat->courses[i]->id);
	catalog_free(cat);

	buf_init(&made);
	buf_init(&whole);
	snprintf(path, sizeof path, "%s/" CATDB_NAME, dest);
	catdb_dump(path, w, &made);
	snprintf(path, sizeof path, "%s/index", dest);
	cr_assert_not_null(text = file_read(path, CATINDEX_MAX_BYTES, &len,
	    &e));
	catindex_init(&ix);
	cr_assert_eq(catindex_parse(text, len, &ix, &e), 0, "%s", e.msg);
	cr_assert_eq(catdb_build(dest, text, len, &ix, NULL,
	    compile_get_key(), w, NULL, &e), 0, "%s", e.msg);
	snprintf(path, sizeof path, "%s/" CATDB_NAME, dest);
	catdb_dump(path, w, &whole);
	cr_assert(made.len == whole.len &&
	    memcmp(made.data, whole.data, made.len) == 0,
	    "not what a whole build holds");
	buf_release(&made);
	buf_release(&whole);
	catindex_release(&ix);
	free(text);
}

Test(update, a_pin_without_a_change_keeps_nothing)
{
	struct update_stats	 st;
	struct store_pin	 pin;
	struct catalog		*cat;

	author("alpha", "หนึ่ง", "ข้อแรก");
	publish();
	cr_assert_eq(install(NULL, 0, &st), 0);
	cat = installed();
	memset(&pin, 0, sizeof pin);
	snprintf(pin.course_id, sizeof pin.course_id, "alpha");
	snprintf(pin.content_hash, sizeof pin.content_hash, "%s",
	    cat->courses[0]->hash);
	author("beta", "สอง", "ข้อสอง");
	publish();
	cr_assert_eq(install(&pin, 1, &st), 0);
	cr_assert_eq(kept_count(), 0);
	catalog_free(cat);
}

Test(update, the_background_job_installs_and_reports)
{
	struct update_opts	 o;
	struct update_stats	 st;
	struct update_job	*j;
	struct err		 e;
	int			 n = 0;

	author("alpha", "หนึ่ง", "ข้อแรก");
	publish();
	memset(&o, 0, sizeof o);
	o.source = site;
	o.pubkey = pub;
	o.dest = dest;
	cr_assert_not_null(j = update_job_start(&o, &e));
	while (!update_job_done(j) && n++ < 1000)
		usleep(10000);
	cr_assert_eq(update_job_finish(j, &st, &e), 0, "%s", e.msg);
	cr_assert_eq(st.fetched, 1);
	cr_assert_eq(st.to_seq, 1);
	/* a folder (a USB stick) says nothing of the network */
	cr_assert(st.reached && !st.online);
	/* a failure comes back as one, with its message */
	o.pubkey = "/nonexistent/k.pub";
	cr_assert_not_null(j = update_job_start(&o, &e));
	cr_assert_eq(update_job_finish(j, &st, &e), -1);
	cr_assert(strstr(e.msg, "k.pub") != NULL, "%s", e.msg);
	update_job_abandon(NULL);
}

Test(update, the_first_folder_with_an_index_wins_else_the_address)
{
	const char	*v[3];

	author("alpha", "หนึ่ง", "ข้อแรก");
	publish();
	v[0] = "/nonexistent/usb";
	v[1] = "https://example.go.th/catalogue/";
	v[2] = site;
	cr_assert_eq(update_source_pick(v, 3), site);
	cr_assert_str_eq(update_source_pick(v, 2), v[1]);
	cr_assert_str_eq(update_source_pick(v, 1), v[0]);
	cr_assert_null(update_source_pick(v, 0));
}

Test(update, content_source_takes_one_place_or_a_list)
{
	struct config	cfg;
	struct diags	d;
	const char	one[] = "content-source: https://a.example/c/\n";
	const char	two[] = "content-source: [/media/usb/c, "
	    "https://a.example/c/]\ncontent-check: 60\n";
	const char	none[] = "content-source: []\n";

	config_init(&cfg);
	diags_init(&d);
	cr_assert_eq(config_load_mem(&cfg, "c.yaml", one, strlen(one), &d), 0);
	cr_assert_eq(cfg.ncontent_sources, 1);
	cr_assert_str_eq(cfg.content_source, "https://a.example/c/");
	cr_assert_eq(cfg.content_check, 3600);
	cr_assert_eq(config_load_mem(&cfg, "c.yaml", two, strlen(two), &d), 0);
	cr_assert_eq(cfg.ncontent_sources, 2);
	cr_assert_str_eq(cfg.content_sources[0], "/media/usb/c");
	cr_assert_str_eq(cfg.content_source, "/media/usb/c");
	cr_assert_eq(cfg.content_check, 60);
	cr_assert_eq(config_load_mem(&cfg, "c.yaml", none, strlen(none), &d),
	    -1);
	config_release(&cfg);
	diags_release(&d);
}
