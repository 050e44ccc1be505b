#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content/course.h"
#include "base/diag.h"
#include "content/catalog.h"
#include "content/load.h"

#include "helpers.h"

static const char module_yaml[] =
"id: basics\n"
"title: { th: พื้นฐาน, en: Basics }\n"
"minutes: 10\n"
"pages:\n"
"  - id: intro\n"
"    title: { th: บทนำ, en: Intro }\n"
"    text: { th: ข้อความ, en: Text }\n"
"  - title: { th: หน้าสอง, en: Two }\n"
"    text: ไม่มีคำแปล\n"
"quiz:\n"
"  id: basics-check\n"
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
"      choices:\n"
"        - text: one\n"
"          feedback: { th: ไม่ใช่, en: No }\n"
"        - { id: right, text: two, correct: true }\n"
"      revisit: [intro]\n"
"    - id: q-multi\n"
"      type: multiple\n"
"      scoring: partial\n"
"      prompt: p\n"
"      choices: [{text: a, correct: true}, {text: b, correct: true}, c]\n"
"    - id: q-tf\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: false\n"
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
"    - id: q-match\n"
"      type: matching\n"
"      prompt: p\n"
"      pairs: [{left: a, right: b}, {left: c, right: d}]\n"
"    - id: q-order\n"
"      type: ordering\n"
"      prompt: p\n"
"      items: [first, {id: two, text: second}, third]\n";

Test(load, module_builds_the_whole_model)
{
	struct course		*c;
	const struct module	*m;
	const struct quiz	*z;
	const struct question	*q;

	c = load_module_ok("m.yaml", module_yaml);
	cr_assert_eq(c->nmodules, 1);
	m = &c->modules[0];
	cr_assert_str_eq(m->id, "basics");
	cr_assert_str_eq(lstr_get(&m->title, LANG_TH), "พื้นฐาน");
	cr_assert_str_eq(lstr_get(&m->title, LANG_EN), "Basics");
	cr_assert_eq(m->minutes, 10);
	cr_assert_eq(m->npages, 2);
	cr_assert_str_eq(m->pages[1].id, "page-2");
	cr_assert_str_eq(lstr_get(&m->pages[1].text, LANG_EN), "ไม่มีคำแปล");
	z = m->quiz;
	cr_assert_not_null(z);
	cr_assert_eq(z->pass_pct, 60);
	cr_assert_eq(z->attempts, 2);
	cr_assert_eq(z->time_limit, 5400);
	cr_assert(z->shuffle_questions && !z->shuffle_choices);
	cr_assert_eq(z->draw, 6);
	cr_assert_eq(z->feedback, FEEDBACK_AT_END);
	cr_assert_eq(z->nquestions, 7);
	cr_assert_eq(quiz_max_points(z), 8.0);

	q = quiz_question(z, "q-choice");
	cr_assert_eq(q->type, Q_CHOICE);
	cr_assert_eq(q->nchoices, 2);
	cr_assert_str_eq(q->choices[0].id, "a");
	cr_assert_str_eq(q->choices[1].id, "right");
	cr_assert(!q->choices[0].correct && q->choices[1].correct);
	cr_assert_str_eq(lstr_get(&q->choices[0].feedback, LANG_EN), "No");
	cr_assert_eq(q->nrevisit, 1);
	cr_assert_str_eq(q->revisit[0], "intro");
	q = quiz_question(z, "q-multi");
	cr_assert_eq(q->scoring, SCORING_PARTIAL);
	cr_assert_eq(q->nchoices, 3);
	cr_assert(!q->choices[2].correct);
	q = quiz_question(z, "q-tf");
	cr_assert_eq(q->answer_bool, 0);
	q = quiz_question(z, "q-fill");
	cr_assert_eq(q->nanswers, 2);
	cr_assert_str_eq(q->answers[0], "สดช.");
	q = quiz_question(z, "q-num");
	cr_assert_float_eq(q->answer_num, 12.5, 1e-9);
	cr_assert_float_eq(q->tolerance, 0.5, 1e-9);
	q = quiz_question(z, "q-match");
	cr_assert_eq(q->npairs, 2);
	cr_assert_str_eq(lstr_get(&q->pairs[1].right, LANG_TH), "d");
	q = quiz_question(z, "q-order");
	cr_assert_eq(q->nitems, 3);
	cr_assert_str_eq(q->items[1].id, "two");
	cr_assert_str_eq(lstr_get(&q->items[2].text, LANG_TH), "third");
	course_free(c);
}

/* Every problem of a file in one run, each at its own line. */
Test(load, reports_all_problems_with_positions)
{
	static const char bad[] =
	    "id: Bad Id\n"
	    "title: x\n"
	    "titel: y\n"
	    "quiz:\n"
	    "  id: q\n"
	    "  questions:\n"
	    "    - id: a\n"
	    "      type: true-false\n"
	    "      prompt: p\n"
	    "      answer: yes\n";
	struct diags	 d;
	struct course	*c;
	char		 buf[512];

	diags_init(&d);
	c = load_module_mem("bad.yaml", bad, strlen(bad), &d);
	cr_assert_null(c);
	cr_assert_eq(d.nerrors, 3);
	diag_format(&d.v[0], buf, sizeof buf);
	cr_assert_str_eq(buf, "bad.yaml:3:1: unknown key 'titel' (did you "
	    "mean 'title'?)");
	diag_format(&d.v[1], buf, sizeof buf);
	cr_assert_str_eq(buf, "bad.yaml:1:5: bad id 'Bad Id' (use lowercase "
	    "letters, digits and '-', at most 64)");
	diag_format(&d.v[2], buf, sizeof buf);
	cr_assert_str_eq(buf, "bad.yaml:10:15: expected true or false, not "
	    "'yes'");
	diags_release(&d);
}

Test(load, syntax_error_names_the_context)
{
	static const char bad[] = "id: m\ntitle: [a, b\npages: []\n";
	struct diags	d;
	char		buf[512];

	diags_init(&d);
	cr_assert_null(load_module_mem("s.yaml", bad, strlen(bad), &d));
	cr_assert_eq(d.nerrors, 1);
	diag_format(&d.v[0], buf, sizeof buf);
	cr_assert(strstr(buf, "(while parsing a flow sequence started at "
	    "2:8)") != NULL, "%s", buf);
	cr_assert(strncmp(buf, "s.yaml:3:", 9) == 0, "%s", buf);
	diags_release(&d);
}

Test(load, missing_translation_is_a_warning_only)
{
	static const char m[] =
	    "id: m\ntitle: { th: ไทย }\npages:\n  - title: t\n    text: x\n";
	struct diags	 d;
	struct course	*c;

	diags_init(&d);
	c = load_module_mem("w.yaml", m, strlen(m), &d);
	cr_assert_not_null(c);
	cr_assert_eq(d.nerrors, 0);
	cr_assert_eq(d.nwarnings, 1);
	cr_assert_str_eq(lstr_get(&c->modules[0].title, LANG_EN), "ไทย");
	course_free(c);
	diags_release(&d);
}

Test(load, leading_thai_mark_is_rejected)
{
	static const char m[] =
	    "id: m\ntitle: \"\xe0\xb9\x88x\"\npages:\n  - title: t\n"
	    "    text: x\n";
	struct diags	d;

	diags_init(&d);
	cr_assert_null(load_module_mem("w.yaml", m, strlen(m), &d));
	cr_assert_eq(d.nerrors, 1);
	cr_assert(strstr(d.v[0].msg, "U+0E48") != NULL, "%s", d.v[0].msg);
	diags_release(&d);
}

/* ---- course folders on disk ---- */

static char	tmpdir[] = "/tmp/rianru-load-XXXXXX";

static void
make_course(const char *id, const char *extra)
{
	char	dir[512], text[1024];

	snprintf(dir, sizeof dir, "%s/%s", tmpdir, id);
	mkdir(dir, 0700);
	snprintf(text, sizeof text,
	    "rianru: 1\nid: %s\nversion: 1.0.0\ntitle: { th: ก, en: A }\n"
	    "audience: [service, other]\narea: digital-literacy\n"
	    "level: early\nhours: 1.5\nmodules: [m.yaml]\n%s", id, extra);
	write_file(dir, "course.yaml", text);
	write_file(dir, "m.yaml", "id: m1\ntitle: x\npages:\n  - title: t\n"
	    "    text: x\n");
}

static void
setup_tmp(void)
{
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void
teardown_tmp(void)
{
	tmp_dir_remove(tmpdir);
}

Test(load, broken_course_does_not_hide_the_others, .init = setup_tmp,
    .fini = teardown_tmp)
{
	struct diags	 d;
	struct catalog	*cat;

	make_course("a-good", "");
	make_course("b-bad", "level: expert\n");
	make_course("c-good", "");
	diags_init(&d);
	cat = catalog_new();
	cr_assert_eq(catalog_add_path(cat, tmpdir, &d), 0);
	cr_assert_eq(cat->n, 2);
	cr_assert_str_eq(cat->courses[0]->id, "a-good");
	cr_assert_str_eq(cat->courses[1]->id, "c-good");
	cr_assert_eq(cat->nskipped, 1);
	cr_assert(strstr(cat->skipped[0].reason, "b-bad/course.yaml") != NULL);
	cr_assert(strstr(cat->skipped[0].reason, "duplicate key 'level'") !=
	    NULL, "%s", cat->skipped[0].reason);
	cr_assert_eq(cat->courses[0]->audience,
	    (1u << GROUP_SERVICE) | (1u << GROUP_OTHER));
	cr_assert_float_eq(cat->courses[0]->hours, 1.5, 1e-9);
	catalog_free(cat);
	diags_release(&d);
}

Test(load, content_hash_follows_the_files, .init = setup_tmp,
    .fini = teardown_tmp)
{
	struct diags	 d;
	struct course	*c1, *c2, *c3;
	char		 dir[512];

	make_course("h", "");
	snprintf(dir, sizeof dir, "%s/h", tmpdir);
	diags_init(&d);
	c1 = load_course_dir(dir, &d);
	c2 = load_course_dir(dir, &d);
	cr_assert_not_null(c1);
	cr_assert_eq(strlen(c1->hash), 64);
	cr_assert_str_eq(c1->hash, c2->hash);
	write_file(dir, "m.yaml", "id: m1\ntitle: x\npages:\n  - title: t\n"
	    "    text: changed\n");
	c3 = load_course_dir(dir, &d);
	cr_assert_not_null(c3);
	cr_assert_str_neq(c1->hash, c3->hash);
	course_free(c1);
	course_free(c2);
	course_free(c3);
	diags_release(&d);
}

Test(load, duplicate_course_id_names_the_first, .init = setup_tmp,
    .fini = teardown_tmp)
{
	struct diags	 d;
	struct catalog	*cat;
	char		 dir[512];

	make_course("one", "");
	snprintf(dir, sizeof dir, "%s/two", tmpdir);
	mkdir(dir, 0700);
	write_file(dir, "course.yaml", "rianru: 1\nid: one\nversion: 1.0.0\n"
	    "title: t\naudience: all\narea: digital-literacy\nlevel: early\n"
	    "hours: 1\nmodules: [m.yaml]\n");
	write_file(dir, "m.yaml", "id: m2\ntitle: x\npages:\n  - title: t\n"
	    "    text: x\n");
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, tmpdir, &d);
	cr_assert_eq(cat->n, 1);
	cr_assert_eq(cat->nskipped, 1);
	cr_assert_eq(d.nerrors, 1);
	cr_assert(strstr(d.v[0].msg, "duplicate course id 'one' (first "
	    "defined in") != NULL, "%s", d.v[0].msg);
	catalog_free(cat);
	diags_release(&d);
}

/* Thai digits are numbers in content as in typed answers. */
Test(load, thai_digits_are_numbers)
{
	static const char y[] =
	    "id: m\ntitle: t\nquiz:\n  id: m-quiz\n  attempts: ๓\n"
	    "  questions:\n    - id: n\n      type: numeric\n      prompt: p\n"
	    "      answer: ๑๒.๕\n      tolerance: ๐.๕\n";
	struct diags	 d;
	struct course	*c;

	diags_init(&d);
	c = load_module_mem("m.yaml", y, sizeof y - 1, &d);
	cr_assert_not_null(c, "%s", d.n ? d.v[0].msg : "");
	cr_assert_eq(c->modules[0].quiz->attempts, 3);
	cr_assert_float_eq(c->modules[0].quiz->questions[0].answer_num, 12.5,
	    1e-9);
	cr_assert_float_eq(c->modules[0].quiz->questions[0].tolerance, 0.5,
	    1e-9);
	course_free(c);
	diags_release(&d);
}
