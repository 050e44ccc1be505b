#include <criterion/criterion.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content/catalog.h"
#include "content/compile.h"
#include "content/course.h"
#include "base/crypto.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/load.h"
#include "content/pack.h"
#include "content/place.h"
#include "text/text.h"

#include "helpers.h"

/* A course with every question type, a warning and shared strings. */
static const char course_yaml[] =
"rianru: 1\n"
"id: cached\n"
"version: 1.2.3\n"
"title: { th: หลักสูตรทดสอบ, en: Test course }\n"
"summary: { th: สรุป }\n"			/* warning: no English */
"audience: [service, other]\n"
"area: digital-governance\n"
"level: developing\n"
"hours: 2.5\n"
"certification: { body: สดช., code: ONDE-1, valid-until: 2027-12-31 }\n"
"completion: { pass: [m1-quiz] }\n"
"tags: { safety: { th: ความปลอดภัย, en: Safety }, data: ข้อมูล }\n"
"modules: [m1.yaml, m2.yaml]\n";

static const char m1_yaml[] =
"id: m1\n"
"title: { th: บทที่หนึ่ง, en: One }\n"
"minutes: 10\n"
"pages:\n"
"  - id: intro\n"
"    title: { th: บทนำ, en: Intro }\n"
"    text: { th: \"ข้อความ *เน้น*\", en: Text }\n"
"  - title: เดียวกัน\n"
"    text: ไม่มีคำแปล\n"
"quiz:\n"
"  id: m1-quiz\n"
"  pass: 60%\n"
"  attempts: 2\n"
"  time-limit: 1h30m\n"
"  shuffle: [questions]\n"
"  draw: 6\n"
"  feedback: at-end\n"
"  questions:\n"
"    - id: q-choice\n"
"      type: choice\n"
"      prompt: { th: เลือก, en: Pick }\n"
"      explain: { th: เพราะ, en: Because }\n"
"      choices:\n"
"        - text: one\n"
"          feedback: { th: ไม่ใช่, en: No }\n"
"        - { id: right, text: two, correct: true }\n"
"      revisit: [intro]\n"
"      tags: [safety, data]\n"
"    - id: q-multi\n"
"      type: multiple\n"
"      scoring: partial\n"
"      prompt: p\n"
"      choices: [{text: a, correct: true}, {text: b, correct: true}, c]\n"
"    - id: q-tf\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: true\n"
"    - id: q-fill\n"
"      type: fill-in\n"
"      prompt: p\n"
"      answers: [สดช., ONDE]\n"
"    - id: q-num\n"
"      type: numeric\n"
"      prompt: p\n"
"      answer: 12.5\n"
"      tolerance: 0.5\n"
"      points: 2\n"
"      unit: { th: ชั้น, en: levels }\n"
"    - id: q-match\n"
"      type: matching\n"
"      prompt: p\n"
"      pairs:\n"
"        - { left: OTP, right: { th: รหัสครั้งเดียว, en: one-time code } }\n"
"        - { id: v, left: VPN, right: tunnel }\n"
"    - id: q-order\n"
"      type: ordering\n"
"      prompt: p\n"
"      items:\n"
"        - { th: หนึ่ง, en: one }\n"
"        - { id: two, text: { th: สอง, en: two } }\n";

static const char m2_yaml[] =
"id: m2\n"
"title: { th: บทที่สอง, en: Two }\n"
"pages: []\n"
"quiz:\n"
"  id: m2-quiz\n"
"  questions:\n"
"    - { id: q2, type: true-false, prompt: p, answer: false }\n";

static char	root[256];	/* the catalogue */
static char	cdir[300];	/* its course folder */
static char	cache[300];
static struct text_wrapper *tw;

/* Set a file's mtime to 'when' (seconds, plus nsec). */
static void
set_mtime(const char *dir, const char *name, time_t when, long nsec)
{
	struct timespec	ts[2];
	char		path[512];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ts[0].tv_sec = ts[1].tv_sec = when;
	ts[0].tv_nsec = ts[1].tv_nsec = nsec;
	cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* Every course file an hour old: not racy. */
static void
age_files(void)
{
	time_t	old = time(NULL) - 3600;

	set_mtime(cdir, "course.yaml", old, 0);
	set_mtime(cdir, "m1.yaml", old, 0);
	set_mtime(cdir, "m2.yaml", old, 0);
}


/* The install's cache key (compile.h): fixed here, a file in real use. */
static const unsigned char cache_key[32] = { 1, 2, 3, 4, 5, 6, 7, 8 };

static void
setup(void)
{
	char	tmpl[] = "/tmp/rianru-compile.XXXXXX";

	cr_assert_not_null(mkdtemp(tmpl));
	snprintf(root, sizeof root, "%s", tmpl);
	snprintf(cdir, sizeof cdir, "%s/cached", root);
	snprintf(cache, sizeof cache, "%s/cache", tmpl);
	cr_assert_eq(mkdir(cdir, 0700), 0);
	write_file(cdir, "course.yaml", course_yaml);
	write_file(cdir, "m1.yaml", m1_yaml);
	write_file(cdir, "m2.yaml", m2_yaml);
	age_files();
	tw = text_wrapper_new();
	compile_set_key(cache_key);
}

static void
teardown(void)
{
	text_wrapper_free(tw);
	tmp_dir_remove(root);
}

/* ---- deep equality of two models ---- */

static void
same_str(const char *a, const char *b, const char *what)
{
	if (a == NULL || b == NULL)
		cr_assert(a == b, "%s: %s vs %s", what, a ? a : "NULL",
		    b ? b : "NULL");
	else
		cr_assert_str_eq(a, b, "%s", what);
}

static void
same_lstr(const struct lstr *a, const struct lstr *b, const char *what)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		same_str(a->s[i], b->s[i], what);
	/* a language-neutral text stays one string */
	cr_assert_eq(a->s[LANG_TH] == a->s[LANG_EN],
	    b->s[LANG_TH] == b->s[LANG_EN], "%s sharing", what);
}

static void
same_strs(const char **a, size_t na, const char **b, size_t nb,
    const char *what)
{
	size_t	i;

	cr_assert_eq(na, nb, "%s count", what);
	cr_assert_eq(a == NULL, b == NULL, "%s NULL", what);
	for (i = 0; i < na; i++)
		same_str(a[i], b[i], what);
}

static void
same_question(const struct question *a, const struct question *b)
{
	size_t	i;

	same_str(a->id, b->id, "question id");
	cr_assert_eq(a->type, b->type);
	same_lstr(&a->prompt, &b->prompt, "prompt");
	same_lstr(&a->explain, &b->explain, "explain");
	cr_assert_eq(a->points, b->points);
	cr_assert_eq(a->scoring, b->scoring);
	same_strs(a->tags, a->ntags, b->tags, b->ntags, "tags");
	same_strs(a->revisit, a->nrevisit, b->revisit, b->nrevisit, "revisit");
	cr_assert_eq(a->nchoices, b->nchoices);
	for (i = 0; i < a->nchoices; i++) {
		same_str(a->choices[i].id, b->choices[i].id, "choice id");
		same_lstr(&a->choices[i].text, &b->choices[i].text, "choice");
		cr_assert_eq(a->choices[i].correct, b->choices[i].correct);
		same_lstr(&a->choices[i].feedback, &b->choices[i].feedback,
		    "feedback");
	}
	cr_assert_eq(a->answer_bool, b->answer_bool);
	same_strs(a->answers, a->nanswers, b->answers, b->nanswers, "answers");
	cr_assert_eq(a->answer_num, b->answer_num);
	cr_assert_eq(a->tolerance, b->tolerance);
	same_lstr(&a->unit, &b->unit, "unit");
	cr_assert_eq(a->npairs, b->npairs);
	for (i = 0; i < a->npairs; i++) {
		same_str(a->pairs[i].id, b->pairs[i].id, "pair id");
		same_lstr(&a->pairs[i].left, &b->pairs[i].left, "left");
		same_lstr(&a->pairs[i].right, &b->pairs[i].right, "right");
	}
	cr_assert_eq(a->nitems, b->nitems);
	for (i = 0; i < a->nitems; i++) {
		same_str(a->items[i].id, b->items[i].id, "item id");
		same_lstr(&a->items[i].text, &b->items[i].text, "item");
	}
	cr_assert_eq(a->line, b->line);
}

static void
same_course(const struct course *a, const struct course *b)
{
	size_t	i, j;

	same_str(a->dir, b->dir, "dir");
	same_str(a->id, b->id, "id");
	same_str(a->version, b->version, "version");
	same_lstr(&a->title, &b->title, "title");
	same_lstr(&a->summary, &b->summary, "summary");
	cr_assert_eq(a->audience, b->audience);
	cr_assert_eq(a->area, b->area);
	cr_assert_eq(a->level, b->level);
	cr_assert_eq(a->hours, b->hours);
	same_str(a->cert.body, b->cert.body, "body");
	same_str(a->cert.code, b->cert.code, "code");
	same_str(a->cert.valid_until, b->cert.valid_until, "valid-until");
	cr_assert_eq(a->completion.kind, b->completion.kind);
	cr_assert_eq(a->completion.count, b->completion.count);
	same_strs(a->completion.quizzes, a->completion.nquizzes,
	    b->completion.quizzes, b->completion.nquizzes, "quizzes");
	cr_assert_str_eq(a->hash, b->hash);
	cr_assert_eq(a->ntags, b->ntags);
	for (i = 0; i < a->ntags; i++) {
		same_str(a->tags[i].id, b->tags[i].id, "tag id");
		same_lstr(&a->tags[i].label, &b->tags[i].label, "tag label");
	}
	cr_assert_eq(a->nmodules, b->nmodules);
	for (i = 0; i < a->nmodules; i++) {
		const struct module *ma = &a->modules[i], *mb = &b->modules[i];

		same_str(ma->id, mb->id, "module id");
		same_str(ma->file, mb->file, "module file");
		same_lstr(&ma->title, &mb->title, "module title");
		cr_assert_eq(ma->minutes, mb->minutes);
		cr_assert_eq(ma->npages, mb->npages);
		cr_assert_eq(ma->npages > 0 && ma->pages == NULL,
		    mb->npages > 0 && mb->pages == NULL);
		for (j = 0; j < ma->npages; j++) {
			same_str(ma->pages[j].id, mb->pages[j].id, "page id");
			same_lstr(&ma->pages[j].title, &mb->pages[j].title,
			    "page title");
			same_lstr(&ma->pages[j].text, &mb->pages[j].text,
			    "page text");
		}
		cr_assert_eq(ma->quiz == NULL, mb->quiz == NULL);
		if (ma->quiz == NULL)
			continue;
		same_str(ma->quiz->id, mb->quiz->id, "quiz id");
		same_lstr(&ma->quiz->title, &mb->quiz->title, "quiz title");
		cr_assert_eq(ma->quiz->pass_pct, mb->quiz->pass_pct);
		cr_assert_eq(ma->quiz->attempts, mb->quiz->attempts);
		cr_assert_eq(ma->quiz->time_limit, mb->quiz->time_limit);
		cr_assert_eq(ma->quiz->shuffle_questions,
		    mb->quiz->shuffle_questions);
		cr_assert_eq(ma->quiz->shuffle_choices,
		    mb->quiz->shuffle_choices);
		cr_assert_eq(ma->quiz->draw, mb->quiz->draw);
		cr_assert_eq(ma->quiz->feedback, mb->quiz->feedback);
		cr_assert_eq(ma->quiz->nquestions, mb->quiz->nquestions);
		for (j = 0; j < ma->quiz->nquestions; j++)
			same_question(&ma->quiz->questions[j],
			    &mb->quiz->questions[j]);
	}
}

/* ---- helpers ---- */

/* Load 'dir' through its pack; the stats of this load in *st. */
static struct course *
load_compiled(const char *dir, struct diags *d, struct compile_stats *st)
{
	struct course	*c;
	char		*pack;

	memset(st, 0, sizeof *st);
	c = compile_load_dir(dir, compile_dir_checked(cache), tw, 0, &pack,
	    d, st);
	cr_assert(pack == NULL || c != NULL);
	free(pack);
	return c;
}

/* Load the course through its pack; the stats of this load in *st. */
static struct course *
load_cached(struct diags *d, struct compile_stats *st)
{
	return load_compiled(cdir, d, st);
}

static void
same_diags(const struct diags *a, const struct diags *b)
{
	char	x[1024], y[1024];
	size_t	i;

	cr_assert_eq(a->n, b->n);
	cr_assert_eq(a->nerrors, b->nerrors);
	cr_assert_eq(a->nwarnings, b->nwarnings);
	for (i = 0; i < a->n; i++) {
		diag_format(&a->v[i], x, sizeof x);
		diag_format(&b->v[i], y, sizeof y);
		cr_assert_str_eq(x, y);
	}
}

/* Overwrite the byte at 'off' (from the end when negative) of the cache. */
static void
poke_cache(long off, unsigned char v)
{
	char	path[512];
	FILE	*f;

	cr_assert_eq(compile_path(cache, cdir, path, sizeof path), 0);
	cr_assert_not_null(f = fopen(path, "r+b"));
	cr_assert_eq(fseek(f, off, off < 0 ? SEEK_END : SEEK_SET), 0);
	fputc(v, f);
	fclose(f);
}

/* Write the keyed check of the pack at 'path' as compile.c does. */
static void
remac(const char *path)
{
	struct crypto_mac_state	 m;
	struct pack		*p;
	struct err		 e;
	unsigned char		 out[32];
	char			 mac[600];
	const char		*part[8];
	char			 warn[65];
	size_t			 i;
	FILE			*f;

	cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
	part[0] = strrchr(path, '/') + 1;
	part[1] = pack_course_id(p);
	part[2] = pack_version(p);
	part[3] = pack_hash(p);
	part[4] = pack_record_sum(p, 1);
	part[5] = pack_record_sum(p, 0);
	part[6] = pack_search_recorded(p);
	cr_assert_not_null(part[6]);
	cr_assert_eq(pack_warnings_sum(p, warn, &e), 0, "%s", e.msg);
	part[7] = warn;
	crypto_mac_init(&m, cache_key);
	crypto_mac_update(&m, "rianru-cache-2", 15);
	for (i = 0; i < 8; i++)
		crypto_mac_update(&m, part[i], strlen(part[i]) + 1);
	crypto_mac_final(&m, out);
	pack_close(p);
	snprintf(mac, sizeof mac, "%s.mac", path);
	cr_assert_not_null(f = fopen(mac, "w"));
	for (i = 0; i < sizeof out; i++)
		fprintf(f, "%02x", out[i]);
	fputc('\n', f);
	fclose(f);
}

TestSuite(compile, .init = setup, .fini = teardown);

Test(compile, round_trip_equals_the_parsed_model)
{
	struct compile_stats	 st;
	struct diags		 d0, d1, d2;
	struct course		*plain, *cold, *warm;

	diags_init(&d0);
	diags_init(&d1);
	diags_init(&d2);
	cr_assert_not_null(plain = load_course_dir(cdir, &d0));
	cr_assert_eq(d0.nwarnings, 1, "the fixture has one warning");

	cr_assert_not_null(cold = load_cached(&d1, &st));
	cr_assert_eq(st.parsed, 1);
	cr_assert_eq(st.written, 1);
	cr_assert_not_null(warm = load_cached(&d2, &st));
	cr_assert_eq(st.hits, 1, "second load reads the cache");
	cr_assert_eq(st.parsed, 0);

	same_course(plain, cold);
	same_course(plain, warm);
	/* warnings are replayed exactly */
	same_diags(&d0, &d1);
	same_diags(&d0, &d2);
	/* the cached model is usable through the lookups */
	cr_assert_not_null(course_quiz(warm, "m1-quiz", NULL));
	cr_assert_not_null(module_page(&warm->modules[0], "intro", NULL));
	course_free(plain);
	course_free(cold);
	course_free(warm);
	diags_release(&d0);
	diags_release(&d1);
	diags_release(&d2);
}

/* The body of course 'i' of lazy catalogue 'cat' (borrowed). */
static const struct course *
open_body(struct catalog *cat, size_t i)
{
	const struct course	*c;
	struct err		 e;

	err_clear(&e);
	cr_assert_not_null(c = catalog_open_course(cat, i, &e), "%s", e.msg);
	return c;
}

Test(compile, catalogue_is_the_same_with_and_without_cache)
{
	struct compile_stats	 st;
	struct catalog		*a, *b;
	struct diags		 da, db;

	/* a second, broken course in the catalogue: skipped both times */
	char	bad[400];

	snprintf(bad, sizeof bad, "%s/broken", root);
	cr_assert_eq(mkdir(bad, 0700), 0);
	write_file(bad, "course.yaml", "rianru: 1\nid: broken\ntitle: x\n");
	diags_init(&da);
	diags_init(&db);
	a = catalog_new();
	catalog_add_path(a, root, &da);
	for (int run = 0; run < 2; run++) {
		memset(&st, 0, sizeof st);
		b = catalog_new();
		diags_release(&db);
		diags_init(&db);
		catalog_add_path_lazy(b, root, cache, tw, &db, &st);
		cr_assert_eq(b->n, a->n);
		cr_assert_eq(b->nfiles, a->nfiles);
		cr_assert_eq(b->nskipped, 1);
		cr_assert_str_eq(b->skipped[0].dir, a->skipped[0].dir);
		cr_assert_str_eq(b->skipped[0].reason, a->skipped[0].reason);
		cr_assert(b->courses[0]->header);
		cr_assert_str_eq(b->courses[0]->dir, a->courses[0]->dir);
		same_course(a->courses[0], open_body(b, 0));
		same_diags(&da, &db);
		cr_assert_eq(st.hits, run == 0 ? 0 : 1);
		cr_assert_eq(st.parsed, run == 0 ? 2 : 1, "broken is parsed "
		    "every time");
		catalog_free(b);
	}
	catalog_free(a);
	diags_release(&da);
	diags_release(&db);
}

Test(compile, null_cache_dir_is_plain_loading)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;

	diags_init(&d);
	memset(&st, 0, sizeof st);
	{
		char	*pack;

		cr_assert_not_null(c = compile_load_dir(cdir, NULL, tw, 0,
		    &pack, &d, &st));
		cr_assert_null(pack);
	}
	cr_assert_eq(st.parsed, 1);
	cr_assert_eq(st.written, 0);
	course_free(c);
	diags_release(&d);
}

Test(compile, size_change_reparses)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;

	diags_init(&d);
	course_free(load_cached(&d, &st));
	write_file(cdir, "m2.yaml", "id: m2\ntitle: { th: ใหม่, en: New }\n"
	    "pages: [{ title: t, text: x }]\n");
	age_files();
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.parsed, 1);
	cr_assert_eq(st.hits, 0);
	cr_assert_null(c->modules[1].quiz, "the edit is seen");
	cr_assert_str_eq(lstr_get(&c->modules[1].title, LANG_EN), "New");
	course_free(c);
	/* and the rewritten cache is used next */
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.hits, 1);
	cr_assert_str_eq(lstr_get(&c->modules[1].title, LANG_EN), "New");
	course_free(c);
	diags_release(&d);
}

Test(compile, same_size_new_content_and_mtime_reparses)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;
	char			*edited = strdup(m2_yaml);

	diags_init(&d);
	course_free(load_cached(&d, &st));
	/* same length: "Two" -> "Owt" */
	memcpy(strstr(edited, "Two"), "Owt", 3);
	write_file(cdir, "m2.yaml", edited);
	free(edited);
	set_mtime(cdir, "m2.yaml", time(NULL) - 1800, 0);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.parsed, 1, "hash differs: parsed again");
	cr_assert_str_eq(lstr_get(&c->modules[1].title, LANG_EN), "Owt");
	course_free(c);
	diags_release(&d);
}

Test(compile, touched_but_unchanged_is_verified_by_hash)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;

	diags_init(&d);
	course_free(load_cached(&d, &st));
	set_mtime(cdir, "m1.yaml", time(NULL) - 1800, 5);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.verified, 1);
	cr_assert_eq(st.parsed, 0);
	cr_assert_eq(st.written, 1, "refreshed with the new mtime");
	course_free(c);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.hits, 1);
	course_free(c);
	diags_release(&d);
}

Test(compile, racy_files_are_verified_then_trusted)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;

	diags_init(&d);
	/* just written: an edit in the same clock tick would be invisible */
	write_file(cdir, "m2.yaml", m2_yaml);
	course_free(load_cached(&d, &st));
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.verified, 1, "a racy file is hashed, not trusted");
	course_free(c);
	diags_release(&d);
}

Test(compile, removed_module_file_reparses_and_reports)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;
	char			 path[512], cpath[512];

	diags_init(&d);
	course_free(load_cached(&d, &st));
	snprintf(path, sizeof path, "%s/m2.yaml", cdir);
	cr_assert_eq(unlink(path), 0);
	c = load_cached(&d, &st);
	cr_assert_null(c);
	cr_assert_eq(st.parsed, 1);
	cr_assert_gt(d.nerrors, 0);
	/* a course with errors leaves no cache behind */
	cr_assert_eq(compile_path(cache, cdir, cpath, sizeof cpath), 0);
	cr_assert_eq(access(cpath, F_OK), -1);
	diags_release(&d);
}

/*
 * The offset in the pack of occurrence 'nth' (0 the first) of 'needle',
 * which must be there.
 */
static long
pack_offset(const char *needle, int nth)
{
	char	 path[512], *buf, *at, *hit = NULL;
	size_t	 len, n = strlen(needle);
	FILE	*f;

	cr_assert_eq(compile_path(cache, cdir, path, sizeof path), 0);
	cr_assert_not_null(f = fopen(path, "rb"));
	buf = malloc(1 << 22);
	len = fread(buf, 1, 1 << 22, f);
	fclose(f);
	for (at = buf; at + n <= buf + len; at++)
		if (memcmp(at, needle, n) == 0 && nth-- == 0) {
			hit = at;
			break;
		}
	cr_assert_not_null(hit, "'%s' not in the pack", needle);
	len = (size_t)(hit - buf);
	free(buf);
	return (long)len + 1;
}

/*
 * Damage SQLite sees (its header, the first page) and damage it reads on
 * (inside the course record: its checksum): never trusted.
 */
Test(compile, corrupt_cache_is_ignored_and_rebuilt)
{
	struct compile_stats	 st;
	struct diags		 d0, d;
	struct course		*plain, *c;
	long			 offs[] = { 0, 12, 100, -2, -3 };
	size_t			 i;

	diags_init(&d0);
	diags_init(&d);
	plain = load_course_dir(cdir, &d0);
	for (i = 0; i < sizeof offs / sizeof offs[0]; i++) {
		course_free(load_cached(&d, &st));
		/* the course record follows the header record (the place
		 * table, which has the title too, comes after both) */
		if (offs[i] == -2)
			offs[i] = pack_offset("Test course", 1);
		else if (offs[i] == -3)
			offs[i] = pack_offset("one-time code", 0);
		poke_cache(offs[i], 0xa5);
		cr_assert_not_null(c = load_cached(&d, &st));
		cr_assert_eq(st.hits, 0, "offset %ld trusted", offs[i]);
		cr_assert_eq(st.parsed, 1);
		cr_assert_eq(st.written, 1);
		same_course(plain, c);
		course_free(c);
	}
	course_free(plain);
	diags_release(&d0);
	diags_release(&d);
}

Test(compile, truncated_or_foreign_cache_is_ignored)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;
	char			 path[512];
	const char		*junk[] = { "", "SQLite format 3", "not a pack" };
	size_t			 i;

	diags_init(&d);
	cr_assert_eq(compile_path(cache, cdir, path, sizeof path), 0);
	course_free(load_cached(&d, &st));
	cr_assert_eq(truncate(path, 200), 0);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.rejected, 1);
	cr_assert_eq(st.parsed, 1);
	course_free(c);
	/* not SQLite's magic any more */
	poke_cache(8, 0x7f);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.rejected, 1);
	course_free(c);
	for (i = 0; i < sizeof junk / sizeof junk[0]; i++) {
		FILE *f = fopen(path, "w");

		fputs(junk[i], f);
		fclose(f);
		cr_assert_not_null(c = load_cached(&d, &st));
		cr_assert_eq(st.parsed, 1);
		course_free(c);
	}
	diags_release(&d);
}

Test(compile, cache_for_another_folder_is_not_used)
{
	struct compile_stats	 st;
	struct diags		 d;
	struct course		*c;
	char			 other[512], from[512], to[512];

	diags_init(&d);
	course_free(load_cached(&d, &st));
	/* copy the cache file to where another folder's would be */
	snprintf(other, sizeof other, "%s/other", root);
	cr_assert_eq(compile_path(cache, cdir, from, sizeof from), 0);
	cr_assert_eq(compile_path(cache, other, to, sizeof to), 0);
	cr_assert_eq(link(from, to), 0);
	cr_assert_eq(rename(cdir, other), 0);
	cr_assert_not_null(c = load_compiled(other, &d, &st));
	cr_assert_str_eq(c->dir, other);
	cr_assert_eq(st.hits, 0, "the dir recorded differs");
	course_free(c);
	diags_release(&d);
}

/*
 * A cache folder others can write to (or that is a link, or not ours) is
 * not used: a local user could put a crafted quiz there.
 */
Test(compile, cache_folder_open_to_others_is_not_used)
{
	struct compile_stats	 st;
	struct course		*c;
	struct diags		 d;

	cr_assert_eq(mkdir(cache, 0777), 0);
	cr_assert_eq(chmod(cache, 0777), 0);
	diags_init(&d);
	memset(&st, 0, sizeof st);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.written, 0, "nothing is written there");
	cr_assert_eq(st.parsed, 1);
	course_free(c);
	cr_assert_eq(chmod(cache, 0700), 0);
	memset(&st, 0, sizeof st);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.written, 1, "a private folder is used");
	course_free(c);
	diags_release(&d);
}

Test(compile, cache_folder_that_is_a_link_is_not_used)
{
	struct compile_stats	 st;
	struct course		*c;
	struct diags		 d;
	char			 real[600];

	snprintf(real, sizeof real, "%s/real", root);
	cr_assert_eq(mkdir(real, 0700), 0);
	cr_assert_eq(symlink(real, cache), 0);
	diags_init(&d);
	memset(&st, 0, sizeof st);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.written, 0);
	course_free(c);
	diags_release(&d);
}

Test(compile, cache_folder_of_another_user_is_not_used)
{
	struct compile_stats	 st;
	struct course		*c;
	struct diags		 d;

	if (geteuid() != 0)
		cr_skip_test("needs root to give the folder away");
	cr_assert_eq(mkdir(cache, 0700), 0);
	cr_assert_eq(chown(cache, 65534, 65534), 0);
	diags_init(&d);
	memset(&st, 0, sizeof st);
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.written, 0);
	course_free(c);
	diags_release(&d);
}

/*
 * A pack put in the private cache with the course's own sources and
 * checksums that match (they are not keyed: only the folder's owner and
 * mode keep others out) but a quiz of 0 questions, or a matching question
 * of 0 pairs: the loader's rules on read-back refuse it, whole or opened
 * through the catalogue from its header, and nothing crashes.
 */
static void
craft_cache(int what)
{
	struct course	*c;
	struct pack	*p;
	struct pack_src	 src;
	struct diags	 d;
	struct err	 e;
	char		 path[512];
	struct quiz	*z;
	size_t		 j = 0, nq, np = 0;
	int		 draw;

	cr_assert_eq(compile_path(cache, cdir, path, sizeof path), 0);
	cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
	cr_assert_eq(pack_src_read(p, &src, &e), 0, "%s", e.msg);
	pack_close(p);
	diags_init(&d);
	cr_assert_not_null(c = load_course_dir(cdir, &d));
	diags_release(&d);
	z = c->modules[0].quiz;
	cr_assert_not_null(z);
	nq = z->nquestions;
	draw = z->draw;
	if (what == 0) {
		z->nquestions = 0;
		z->draw = 0;
	} else {
		for (j = 0; j < z->nquestions; j++)
			if (z->questions[j].type == Q_MATCHING)
				break;
		cr_assert(j < z->nquestions);
		np = z->questions[j].npairs;
		z->questions[j].npairs = 0;
	}
	cr_assert_eq(pack_write_src(path, c, tw, &src, &e), 0, "%s", e.msg);
	pack_src_release(&src);
	/* as if this install had made it: the loader's rules still apply */
	remac(path);
	/* restored, so course_free() frees what was allocated */
	z->nquestions = nq;
	z->draw = draw;
	if (what != 0)
		z->questions[j].npairs = np;
	course_free(c);
}

Test(compile, crafted_pack_in_cache_keeps_the_loader_rules)
{
	static const char *const why[] = { "has no questions",
	    "needs at least 2 pairs" };
	struct compile_stats	 st;
	struct catalog		*cat;
	struct diags		 d;
	struct course		*c;
	struct err		 e;
	int			 what;

	diags_init(&d);
	for (what = 0; what < 2; what++) {
		course_free(load_cached(&d, &st));
		craft_cache(what);
		/* whole: refused, parsed again from the folder */
		cr_assert_not_null(c = load_cached(&d, &st));
		cr_assert_eq(st.hits, 0, "crafted pack %d trusted", what);
		cr_assert_eq(st.rejected, 1);
		cr_assert_eq(st.parsed, 1);
		cr_assert_gt(c->modules[0].quiz->nquestions, 0);
		course_free(c);
		/* as the app opens it: the header, then the body */
		craft_cache(what);
		cat = catalog_new();
		catalog_add_path_lazy(cat, root, cache, tw, &d, &st);
		cr_assert_eq(cat->n, 1);
		err_clear(&e);
		if (catalog_open_course(cat, 0, &e) == NULL)
			cr_assert(strstr(e.msg, why[what]) != NULL, "%s", e.msg);
		else
			cr_assert_gt(cat->courses[0]->modules[0].quiz->
			    nquestions, 0, "a body that keeps the rules");
		catalog_free(cat);
	}
	diags_release(&d);
}

/*
 * Someone who can write the cache but not read the install's key edits a
 * compiled pack: another answer, title and hours, its records' plain
 * checksums recomputed (pack_write_src writes them) and the course's own
 * sources recorded, so all but the keyed check agree. Refused, whole or
 * when the catalogue opens the body behind a header it trusted, and
 * compiled again from the folder; so is a pack keyed by another install.
 */
static void
forge_cache(void)
{
	struct course	*c;
	struct pack	*p;
	struct pack_src	 src;
	struct diags	 d;
	struct err	 e;
	char		 path[512];

	cr_assert_eq(compile_path(cache, cdir, path, sizeof path), 0);
	cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
	cr_assert_eq(pack_src_read(p, &src, &e), 0, "%s", e.msg);
	pack_close(p);
	diags_init(&d);
	cr_assert_not_null(c = load_course_dir(cdir, &d));
	diags_release(&d);
	c->title.s[LANG_EN] = "Forged";
	c->hours = 99;
	cr_assert_eq(pack_write_src(path, c, tw, &src, &e), 0, "%s", e.msg);
	pack_src_release(&src);
	course_free(c);
	/* the forged pack itself is sound: only the key tells */
	cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
	cr_assert_not_null(c = pack_body(p, &e), "%s", e.msg);
	cr_assert_str_eq(c->title.s[LANG_EN], "Forged");
	course_free(c);
	pack_close(p);
}

Test(compile, a_pack_edited_with_plain_checksums_is_refused)
{
	static const unsigned char other[32] = { 9 };
	struct compile_stats	 st;
	struct catalog		*cat;
	struct course		*c;
	struct diags		 d;
	struct err		 e;

	diags_init(&d);
	course_free(load_cached(&d, &st));
	cr_assert_eq(st.written, 1);
	course_free(load_cached(&d, &st));
	cr_assert_eq(st.hits, 1, "our own pack is used");

	forge_cache();
	cr_assert_not_null(c = load_cached(&d, &st));
	cr_assert_eq(st.hits, 0, "the forged pack was used");
	cr_assert_eq(st.rejected, 1);
	cr_assert_eq(st.parsed, 1);
	cr_assert_str_eq(c->title.s[LANG_EN], "Test course");
	course_free(c);

	/* the app trusts the header at start, reads the body later */
	cat = catalog_new();
	catalog_add_path_lazy(cat, root, cache, tw, &d, &st);
	cr_assert_eq(st.hits, 1);
	forge_cache();
	err_clear(&e);
	cr_assert_not_null(catalog_open_course(cat, 0, &e), "%s", e.msg);
	cr_assert_str_eq(cat->courses[0]->title.s[LANG_EN], "Test course");
	cr_assert_eq(cat->courses[0]->hours, 2.5);
	catalog_free(cat);

	/* a pack this install made, checked with another install's key */
	course_free(load_cached(&d, &st));
	compile_set_key(other);
	course_free(load_cached(&d, &st));
	cr_assert_eq(st.hits, 0);
	cr_assert_eq(st.rejected, 1);
	compile_set_key(cache_key);
	diags_release(&d);
}

/* Run 'sql' on the compiled pack, as a neighbour with write access would. */
static void
edit_cache(const char *sql)
{
	sqlite3	*db;
	char	 path[512], *msg = NULL;

	cr_assert_eq(compile_path(cache, cdir, path, sizeof path), 0);
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, &msg), SQLITE_OK,
	    "%s", msg ? msg : "");
	sqlite3_close(db);
}

/* The hits for 'query' in the compiled course, from a new catalogue. */
static size_t
cache_hits(const char *query, char *text, size_t len, int *found)
{
	struct compile_stats	 st;
	struct place_hit	*h;
	struct catalog		*cat;
	struct diags		 d;
	struct err		 e;
	size_t			 n, i;

	diags_init(&d);
	memset(&st, 0, sizeof st);
	cat = catalog_new();
	catalog_add_path_lazy(cat, root, cache, tw, &d, &st);
	cr_assert_eq(st.hits, 1, "the compiled pack is used");
	*found = catalog_search(cat, 0, tw, query, &e);
	cr_assert_eq(catalog_hits(cat, 0, tw, query, 10, &h, &n, &e), 0,
	    "%s", e.msg);
	text[0] = '\0';
	for (i = 0; i < n; i++) {
		strncat(text, h[i].text, len - strlen(text) - 1);
		strncat(text, "|", len - strlen(text) - 1);
	}
	place_hits_free(h, n);
	catalog_free(cat);
	diags_release(&d);
	return n;
}

/*
 * The search tables of a compiled pack are covered too: the snippets a
 * search shows edited, or its index emptied, in a pack whose keyed check
 * is untouched, is seen, and the course's body is searched instead.
 */
Test(compile, search_tables_edited_in_the_cache_are_not_used)
{
	struct compile_stats	 st;
	struct diags		 d;
	char			 text[4096];
	int			 found;

	diags_init(&d);
	course_free(load_cached(&d, &st));
	cr_assert_eq(st.written, 1);
	diags_release(&d);
	cr_assert_gt(cache_hits("Intro", text, sizeof text, &found), 0);
	cr_assert_eq(found, 1);
	cr_assert(strstr(text, "Intro") != NULL, "%s", text);

	edit_cache("UPDATE place_content SET c3 = 'Intro: send your PIN to "
	    "evil.example'");
	cr_assert_gt(cache_hits("Intro", text, sizeof text, &found), 0);
	cr_assert_eq(found, 1);
	cr_assert(strstr(text, "evil") == NULL, "a forged snippet: %s", text);
	cr_assert(strstr(text, "Intro") != NULL, "%s", text);

	edit_cache("DELETE FROM search_data WHERE id > 10;"
	    "DELETE FROM search_idx;");
	cache_hits("Intro", text, sizeof text, &found);
	cr_assert_eq(found, 1, "the course is still found");

	/* the warnings it recorded are shown at each start: covered too */
	diags_init(&d);
	course_free(load_cached(&d, &st));
	course_free(load_cached(&d, &st));
	cr_assert_eq(st.hits, 1);
	edit_cache("INSERT INTO src_warning VALUES ('course.yaml', 1, 1, "
	    "'call 02-000-0000 to confirm your PIN')");
	course_free(load_cached(&d, &st));
	cr_assert_eq(st.hits, 0, "a warning added in the cache was shown");
	cr_assert_eq(st.rejected, 1);
	diags_release(&d);
}
