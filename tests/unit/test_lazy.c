/*
 * The lazy catalogue (catalog.h catalog_add_path_lazy): YAML compiled to
 * packs in the private cache, course headers at start-up, bodies read
 * from the packs when a course is opened, at most CATALOG_OPEN of them
 * kept, and search in the packs' FTS5 indexes.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content/catalog.h"
#include "content/compile.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/load.h"
#include "content/search.h"
#include "text/text.h"

#include "helpers.h"

#define NCOURSES	3

static const char *const words[NCOURSES] = { "alpha", "bravo", "charlie" };
static const char *const thai[NCOURSES] = { "ข้อมูล", "รหัสผ่าน", "งบประมาณ" };

static char	root[256];	/* the catalogue */
static char	cache[300];
static struct text_wrapper *tw;

/* Every file of course 'i' an hour old: not racy. */
static void
age_course(int i)
{
	const char	*names[] = { "course.yaml", "m1.yaml", "m2.yaml" };
	struct timespec	 ts[2];
	char		 path[512];
	size_t		 k;

	ts[0].tv_sec = ts[1].tv_sec = time(NULL) - 3600;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	for (k = 0; k < 3; k++) {
		snprintf(path, sizeof path, "%s/c%d/%s", root, i, names[k]);
		cr_assert_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
	}
}

/* Course 'i': two modules; its page text has words[i] and thai[i]. */
static void
write_course(int i, const char *extra)
{
	char	dir[300], text[2048];

	snprintf(dir, sizeof dir, "%s/c%d", root, i);
	mkdir(dir, 0700);
	snprintf(text, sizeof text,
	    "rianru: 1\n"
	    "id: course-%d\n"
	    "version: 1.0.0\n"
	    "title: { th: หลักสูตร %d, en: Course %d }\n"
	    "summary: { th: สรุป, en: Summary }\n"
	    "audience: [service]\n"
	    "area: digital-governance\n"
	    "level: developing\n"
	    "hours: 2\n"
	    "modules: [m1.yaml, m2.yaml]\n", i, i, i);
	write_file(dir, "course.yaml", text);
	snprintf(text, sizeof text,
	    "id: m1\n"
	    "title: { th: บทที่หนึ่ง, en: One }\n"
	    "pages:\n"
	    "  - id: p1\n"
	    "    title: { th: บทนำ, en: Intro }\n"
	    "    text: { th: \"เรื่อง%s\", en: \"About %s%s\" }\n"
	    "  - id: p2\n"
	    "    title: { th: ต่อ, en: More }\n"
	    "    text: more\n"
	    "quiz:\n"
	    "  id: m1-quiz\n"
	    "  pass: 50%%\n"
	    "  questions:\n"
	    "    - { id: q1, type: true-false, prompt: p, answer: true }\n"
	    "    - { id: q2, type: true-false, prompt: q, answer: false }\n",
	    thai[i], words[i], extra);
	write_file(dir, "m1.yaml", text);
	write_file(dir, "m2.yaml",
	    "id: m2\n"
	    "title: { th: บทที่สอง, en: Two }\n"
	    "pages:\n"
	    "  - { id: only, title: t, text: end }\n");
	age_course(i);
}

/* The install's cache key (compile.h): fixed here, a file in real use. */
static const unsigned char cache_key[32] = { 1 };

static void
setup(void)
{
	char	tmpl[] = "/tmp/rianru-lazy.XXXXXX";
	int	i;

	cr_assert_not_null(mkdtemp(tmpl));
	snprintf(root, sizeof root, "%s/cat", tmpl);
	snprintf(cache, sizeof cache, "%s/cache", tmpl);
	cr_assert_eq(mkdir(root, 0700), 0);
	tw = text_wrapper_new();
	for (i = 0; i < NCOURSES; i++)
		write_course(i, "");
	compile_set_key(cache_key);
}

static void
teardown(void)
{
	char	cmd[600];

	text_wrapper_free(tw);
	snprintf(cmd, sizeof cmd, "rm -rf '%.*s'", (int)(strlen(root) - 4),
	    root);
	cr_assert_eq(system(cmd), 0);
}

static struct catalog *
load_lazy(struct compile_stats *st)
{
	struct catalog	*cat = catalog_new();
	struct diags	 d;

	diags_init(&d);
	memset(st, 0, sizeof *st);
	cr_assert_eq(catalog_add_path_lazy(cat, root, cache, tw, &d, st), 0);
	cr_assert_eq(d.nerrors, 0);
	cr_assert_eq(cat->n, NCOURSES);
	diags_release(&d);
	return cat;
}

/* The index of course "course-N" (the catalogue's order is its own). */
static size_t
index_of(const struct catalog *cat, int n)
{
	char	id[32];
	size_t	i;

	snprintf(id, sizeof id, "course-%d", n);
	for (i = 0; i < cat->n; i++)
		if (strcmp(cat->courses[i]->id, id) == 0)
			return i;
	cr_assert_fail("no %s", id);
	return 0;
}

static int
nopen(const struct catalog *cat)
{
	int	i, n = 0;

	for (i = 0; i < CATALOG_OPEN; i++)
		n += cat->open[i] != NULL;
	return n;
}

static void
cache_file(const struct catalog *cat, size_t i, char *path, size_t len)
{
	cr_assert_eq(compile_path(cache, cat->courses[i]->dir, path, len), 0);
}

TestSuite(lazy, .init = setup, .fini = teardown);

/* A header has what lists and progress need, and no text or questions. */
static void
check_header(const struct course *h)
{
	const struct module	*m1;

	cr_assert(h->header);
	cr_assert_eq(h->nmodules, 2);
	cr_assert_eq(strlen(h->hash), 64);
	cr_assert_str_eq(lstr_get(&h->summary, LANG_EN), "Summary");
	m1 = &h->modules[0];
	cr_assert_str_eq(m1->id, "m1");
	cr_assert_str_eq(lstr_get(&m1->title, LANG_EN), "One");
	cr_assert_eq(m1->npages, 2);
	cr_assert_str_eq(m1->pages[1].id, "p2");
	cr_assert_str_eq(lstr_get(&m1->pages[0].title, LANG_EN), "Intro");
	cr_assert_null(m1->pages[0].text.s[LANG_TH]);
	cr_assert_null(m1->pages[0].text.s[LANG_EN]);
	cr_assert_not_null(m1->quiz);
	cr_assert_str_eq(m1->quiz->id, "m1-quiz");
	cr_assert_eq(m1->quiz->pass_pct, 50);
	cr_assert_eq(m1->quiz->nquestions, 2);
	cr_assert_null(m1->quiz->questions);
	cr_assert_null(quiz_question(m1->quiz, "q1"));
	cr_assert_eq(quiz_max_points(m1->quiz), 0);
	cr_assert_null(h->modules[1].quiz);
}

Test(lazy, headers_only_cold_and_warm)
{
	struct compile_stats	 st;
	struct catalog		*cat;
	size_t			 i;

	/* cold: parsed, cached, and the bodies dropped */
	cat = load_lazy(&st);
	cr_assert_eq(st.parsed, NCOURSES);
	cr_assert_eq(st.written, NCOURSES);
	for (i = 0; i < cat->n; i++)
		check_header(cat->courses[i]);
	cr_assert_eq(nopen(cat), 0);
	catalog_free(cat);
	/* warm: headers straight from the cache */
	cat = load_lazy(&st);
	cr_assert_eq(st.hits, NCOURSES);
	cr_assert_eq(st.parsed, 0);
	for (i = 0; i < cat->n; i++)
		check_header(cat->courses[i]);
	cr_assert_eq(nopen(cat), 0);
	catalog_free(cat);
}

Test(lazy, open_gives_the_whole_course)
{
	struct compile_stats	 st;
	struct catalog		*cat;
	struct course		*plain;
	const struct course	*b, *again;
	struct diags		 d;
	struct err		 e;
	char			 dir[300];
	size_t			 i;

	catalog_free(load_lazy(&st));
	cat = load_lazy(&st);
	i = index_of(cat, 1);
	err_clear(&e);
	cr_assert_not_null(b = catalog_open_course(cat, i, &e), "%s", e.msg);
	cr_assert(!b->header);
	cr_assert_str_eq(b->id, "course-1");
	diags_init(&d);
	snprintf(dir, sizeof dir, "%s/c1", root);
	cr_assert_not_null(plain = load_course_dir(dir, &d));
	cr_assert_str_eq(b->hash, plain->hash);
	cr_assert_str_eq(lstr_get(&b->modules[0].pages[0].text, LANG_EN),
	    "About bravo");
	cr_assert_str_eq(lstr_get(&b->modules[0].pages[0].text, LANG_TH),
	    lstr_get(&plain->modules[0].pages[0].text, LANG_TH));
	cr_assert_eq(b->modules[0].quiz->nquestions, 2);
	cr_assert_not_null(quiz_question(b->modules[0].quiz, "q2"));
	cr_assert_eq(quiz_max_points(b->modules[0].quiz), 2);
	/* the header is untouched, and opening again is the same body */
	check_header(cat->courses[i]);
	cr_assert_eq(again = catalog_open_course(cat, i, &e), b);
	cr_assert_eq(nopen(cat), 1);
	course_free(plain);
	diags_release(&d);
	catalog_free(cat);
}

Test(lazy, switching_course_releases_the_oldest)
{
	struct compile_stats	 st;
	struct catalog		*cat;
	const struct course	*c;
	struct err		 e;
	size_t			 i, k;

	cat = load_lazy(&st);
	err_clear(&e);
	for (i = 0; i < cat->n; i++) {
		cr_assert_not_null(c = catalog_open_course(cat, i, &e));
		cr_assert_eq(cat->open[0], c);
		cr_assert_eq(cat->open_at[0], i);
		cr_assert_leq(nopen(cat), CATALOG_OPEN);
	}
	/* the open course and the one before; the first is released */
	cr_assert_eq(nopen(cat), CATALOG_OPEN);
	for (k = 0; k < CATALOG_OPEN; k++)
		cr_assert_neq(cat->open_at[k], 0);
	cr_assert_eq(cat->open_at[1], cat->n - 2);
	/* going back to the one before keeps both, most recent first */
	cr_assert_not_null(c = catalog_open_course(cat, cat->n - 2, &e));
	cr_assert_eq(cat->open_at[0], cat->n - 2);
	cr_assert_eq(cat->open_at[1], cat->n - 1);
	/* and a released course is read again */
	cr_assert_not_null(c = catalog_open_course(cat, 0, &e));
	cr_assert_str_eq(c->id, cat->courses[0]->id);
	cr_assert_not_null(c->modules[0].quiz->questions);
	cr_assert_eq(cat->open_at[1], cat->n - 2);
	catalog_free(cat);
}

Test(lazy, body_reread_after_the_pack_goes)
{
	struct compile_stats	 st;
	struct catalog		*cat;
	const struct course	*c;
	struct err		 e;
	char			 path[512];
	size_t			 i;
	FILE			*f;

	cat = load_lazy(&st);
	i = index_of(cat, 2);
	cache_file(cat, i, path, sizeof path);
	/* removed: parsed from the same files, and compiled again */
	cr_assert_eq(unlink(path), 0);
	err_clear(&e);
	cr_assert_not_null(c = catalog_open_course(cat, i, &e), "%s", e.msg);
	cr_assert_str_eq(lstr_get(&c->modules[0].pages[0].text, LANG_EN),
	    "About charlie");
	cr_assert_eq(access(path, F_OK), 0);
	/* damaged (the last byte): read or compiled again, the same */
	cr_assert_not_null(catalog_open_course(cat, index_of(cat, 0), &e));
	cr_assert_not_null(catalog_open_course(cat, index_of(cat, 1), &e));
	cr_assert_not_null(f = fopen(path, "r+b"));
	cr_assert_eq(fseek(f, -1, SEEK_END), 0);
	fputc(0x5a, f);
	fclose(f);
	cr_assert_not_null(c = catalog_open_course(cat, i, &e), "%s", e.msg);
	cr_assert_str_eq(lstr_get(&c->modules[0].pages[0].text, LANG_EN),
	    "About charlie");
	catalog_free(cat);
	/* the pack written by the open is good for the next start */
	cat = load_lazy(&st);
	cr_assert_eq(st.hits, NCOURSES);
	catalog_free(cat);
}

Test(lazy, changed_content_is_an_error_not_a_crash)
{
	struct compile_stats	 st;
	struct catalog		*cat;
	struct err		 e;
	char			 path[512];
	size_t			 i;

	cat = load_lazy(&st);
	i = index_of(cat, 0);
	cache_file(cat, i, path, sizeof path);
	/* new content after start-up, and no pack to read */
	write_course(0, " and more");
	cr_assert_eq(unlink(path), 0);
	err_clear(&e);
	cr_assert_null(catalog_open_course(cat, i, &e));
	cr_assert_str_eq(e.msg, "course 'course-0' changed on disk after "
	    "rianru started: restart rianru to open it");
	/* gone altogether */
	snprintf(path, sizeof path, "%s/c0/m1.yaml", root);
	cr_assert_eq(unlink(path), 0);
	err_clear(&e);
	cr_assert_null(catalog_open_course(cat, i, &e));
	cr_assert(strstr(e.msg, "cannot open course 'course-0': ") == e.msg,
	    "%s", e.msg);
	/* the header and the other courses are fine */
	check_header(cat->courses[i]);
	cr_assert_not_null(catalog_open_course(cat, index_of(cat, 1), &e));
	cr_assert_eq(nopen(cat), 1);
	catalog_free(cat);
}

/* Does course 'i' match 'query'? */
static int
search_one(struct catalog *cat, size_t i, const char *query)
{
	struct err	e;
	int		ok;

	err_clear(&e);
	ok = catalog_search(cat, i, tw, query, &e);
	cr_assert_neq(ok, -1, "%s", e.msg);
	return ok;
}

Test(lazy, search_finds_text_in_unopened_courses)
{
	struct compile_stats	 st;
	struct catalog		*cat;
	struct err		 e;
	char			 path[512], dir[300], cmd[700];
	int			 n, k, round;
	size_t			 i;

	for (round = 0; round < 2; round++) {
		/* cold (compiled now) and warm (packs from the cache) */
		cat = load_lazy(&st);
		for (n = 0; n < NCOURSES; n++)
			for (i = 0; i < cat->n; i++) {
				k = i == index_of(cat, n);
				cr_assert_eq(search_one(cat, i, words[n]), k);
				cr_assert_eq(search_one(cat, i, thai[n]), k);
				cr_assert(search_one(cat, i, "intro"));
				cr_assert(search_one(cat, i, "ABOUT"));
				cr_assert(!search_one(cat, i, "zulu"));
			}
		/* searching opens no body */
		cr_assert_eq(nopen(cat), 0);
		if (round == 0)
			catalog_free(cat);
	}
	/* the index is in the pack: no YAML needed to search */
	i = index_of(cat, 1);
	snprintf(dir, sizeof dir, "%s/c1", root);
	snprintf(cmd, sizeof cmd, "mv '%s' '%s.away'", dir, dir);
	cr_assert_eq(system(cmd), 0);
	cr_assert(search_one(cat, i, "bravo"));
	cr_assert(!search_one(cat, i, "alpha"));
	snprintf(cmd, sizeof cmd, "mv '%s.away' '%s'", dir, dir);
	cr_assert_eq(system(cmd), 0);
	catalog_free(cat);
	/* a pack that is not a pack: an error for that course, not a crash */
	cat = load_lazy(&st);
	i = index_of(cat, 2);
	cache_file(cat, i, path, sizeof path);
	write_file(cache, strrchr(path, '/') + 1, "not a pack at all");
	err_clear(&e);
	cr_assert_eq(catalog_search(cat, i, tw, "charlie", &e), -1);
	cr_assert_neq(e.msg[0], '\0');
	cr_assert(search_one(cat, index_of(cat, 0), "alpha"));
	catalog_free(cat);
}

Test(lazy, uncachable_courses_stay_whole)
{
	struct compile_stats	 st;
	struct catalog		*cat = catalog_new();
	struct diags		 d;
	struct err		 e;
	char			 bad[512];
	size_t			 i;

	/* a cache folder that cannot be made: under a regular file */
	snprintf(bad, sizeof bad, "%s/c0/course.yaml/cache", root);
	diags_init(&d);
	memset(&st, 0, sizeof st);
	cr_assert_eq(catalog_add_path_lazy(cat, root, bad, tw, &d, &st), 0);
	cr_assert_eq(cat->n, NCOURSES);
	cr_assert_eq(st.write_failed, NCOURSES);
	err_clear(&e);
	for (i = 0; i < cat->n; i++) {
		cr_assert(!cat->courses[i]->header);
		cr_assert_eq(catalog_open_course(cat, i, &e), cat->courses[i]);
	}
	cr_assert_eq(nopen(cat), 0);
	diags_release(&d);
	catalog_free(cat);
}

Test(lazy, broken_courses_are_never_cached)
{
	struct compile_stats	 st;
	struct catalog		*cat;
	struct diags		 d;
	char			 dir[300], path[512];
	int			 round;

	snprintf(dir, sizeof dir, "%s/broken", root);
	cr_assert_eq(mkdir(dir, 0700), 0);
	write_file(dir, "course.yaml", "rianru: 1\nid: broken\n");
	for (round = 0; round < 2; round++) {
		cat = catalog_new();
		diags_init(&d);
		memset(&st, 0, sizeof st);
		catalog_add_path_lazy(cat, root, cache, tw, &d, &st);
		cr_assert_gt(d.nerrors, 0, "round %d", round);
		cr_assert_eq(cat->n, NCOURSES);
		cr_assert_eq(cat->nskipped, 1);
		diags_release(&d);
		catalog_free(cat);
	}
	cr_assert_eq(compile_path(cache, dir, path, sizeof path), 0);
	cr_assert_eq(access(path, F_OK), -1);
}
