#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/attempt.h"
#include "base/buf.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/load.h"

#include "helpers.h"

/*
 * Quizzes are loaded from YAML, as the app loads them, so the tests see
 * the ids and defaults the loader makes.
 */

/* Every question type; ids: see each question. */
static const char every_type[] =
"id: m\n"
"title: M\n"
"quiz:\n"
"  id: qz\n"
"  pass: 70%\n"
"  attempts: 3\n"
"  time-limit: 10m\n"
"  shuffle: [questions, choices]\n"
"  questions:\n"
"    - id: q-choice\n"			/* a, right, c */
"      type: choice\n"
"      prompt: p\n"
"      choices: [one, {id: right, text: two, correct: true}, three]\n"
"    - id: q-multi\n"			/* a b correct, c d wrong */
"      type: multiple\n"
"      prompt: p\n"
"      choices: [{text: a, correct: true}, {text: b, correct: true}, c, d]\n"
"    - id: q-partial\n"			/* a b c correct, d e wrong */
"      type: multiple\n"
"      scoring: partial\n"
"      points: 3\n"
"      prompt: p\n"
"      choices: [{text: a, correct: true}, {text: b, correct: true},\n"
"                {text: c, correct: true}, d, e]\n"
"    - id: q-tf\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: false\n"
"    - id: q-fill\n"
"      type: fill-in\n"
"      prompt: p\n"
"      answers: [สดช., ONDE, น้ำ, กุ้ง]\n"
"    - id: q-fill-delim\n"
"      type: fill-in\n"
"      prompt: p\n"
"      answers: [\"a[,]b\"]\n"
"    - id: q-num\n"
"      type: numeric\n"
"      prompt: p\n"
"      answer: 12.5\n"
"      tolerance: 0.5\n"
"      points: 2\n"
"    - id: q-num-exact\n"
"      type: numeric\n"
"      prompt: p\n"
"      answer: 12\n"
"    - id: q-num-float\n"
"      type: numeric\n"
"      prompt: p\n"
"      answer: 0.3\n"
"      tolerance: 0.1\n"
"    - id: q-match\n"			/* pairs 1, 2, x */
"      type: matching\n"
"      prompt: p\n"
"      pairs: [{left: a, right: b}, {left: c, right: d},\n"
"              {id: x, left: e, right: f}]\n"
"    - id: q-order\n"			/* items 1, two, 3 */
"      type: ordering\n"
"      prompt: p\n"
"      items: [first, {id: two, text: second}, third]\n";

/* No shuffling asked for: only matching and ordering move. */
static const char no_shuffle[] =
"id: m\n"
"title: M\n"
"quiz:\n"
"  id: plain\n"
"  questions:\n"
"    - { id: c1, type: choice, prompt: p,\n"
"        choices: [{text: x, correct: true}, y, z] }\n"
"    - { id: t1, type: true-false, prompt: p, answer: true }\n"
"    - { id: m1, type: matching, prompt: p,\n"
"        pairs: [{left: a, right: b}, {left: c, right: d}] }\n"
"    - { id: o1, type: ordering, prompt: p, items: [x, y] }\n"
"    - { id: o2, type: ordering, prompt: p, items: [x, y, z] }\n";

/* A pool of ten, three drawn; points 1..10 so the maximum tells which. */
static const char drawn[] =
"id: m\n"
"title: M\n"
"quiz:\n"
"  id: pool\n"
"  draw: 3\n"
"  questions:\n"
"    - { id: d1, type: true-false, prompt: p, answer: true, points: 1 }\n"
"    - { id: d2, type: true-false, prompt: p, answer: true, points: 2 }\n"
"    - { id: d3, type: true-false, prompt: p, answer: true, points: 3 }\n"
"    - { id: d4, type: true-false, prompt: p, answer: true, points: 4 }\n"
"    - { id: d5, type: true-false, prompt: p, answer: true, points: 5 }\n"
"    - { id: d6, type: true-false, prompt: p, answer: true, points: 6 }\n"
"    - { id: d7, type: true-false, prompt: p, answer: true, points: 7 }\n"
"    - { id: d8, type: true-false, prompt: p, answer: true, points: 8 }\n"
"    - { id: d9, type: true-false, prompt: p, answer: true, points: 9 }\n"
"    - { id: d10, type: true-false, prompt: p, answer: true, points: 10 }\n";

#define MAX_COURSES	16
static struct course	*courses[MAX_COURSES];
static char		*texts[MAX_COURSES];	/* what each was loaded from */
static size_t		 ncourses;

static void
teardown(void)
{
	while (ncourses > 0) {
		ncourses--;
		course_free(courses[ncourses]);
		free(texts[ncourses]);
	}
}

TestSuite(attempt, .fini = teardown);

/* Load module text and return its quiz; freed after the test. */
static const struct quiz *
load_quiz(const char *yaml)
{
	struct course	*c;
	size_t		 i;

	for (i = 0; i < ncourses; i++)
		if (strcmp(texts[i], yaml) == 0)
			return courses[i]->modules[0].quiz;
	c = load_module_ok("m.yaml", yaml);
	cr_assert_lt(ncourses, MAX_COURSES);
	texts[ncourses] = strdup(yaml);
	courses[ncourses++] = c;
	cr_assert_not_null(c->modules[0].quiz);
	return c->modules[0].quiz;
}

static const struct question *
question(const struct quiz *z, const char *id)
{
	const struct question	*q = quiz_question(z, id);

	cr_assert_not_null(q, "no question '%s'", id);
	return q;
}

/* Score 'resp' to question 'id' of the every-type quiz. */
static void
check_score(const char *id, const char *resp, int rc, int correct,
    double points)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q = question(z, id);
	struct attempt_score	 s;

	cr_expect_eq(attempt_score(q, resp, &s), rc, "%s '%s': rc", id,
	    resp ? resp : "(null)");
	cr_expect_eq(s.correct, correct, "%s '%s': correct %d", id,
	    resp ? resp : "(null)", s.correct);
	cr_expect_float_eq(s.points, points, 1e-12, "%s '%s': points %g",
	    id, resp ? resp : "(null)", s.points);
	cr_expect_float_eq(s.max, q->points, 1e-12);
}

/* ---- Scoring, every type right and wrong ---- */

Test(attempt, score_choice)
{
	check_score("q-choice", "right", 0, 1, 1);
	check_score("q-choice", "a", 0, 0, 0);
	check_score("q-choice", "c", 0, 0, 0);
	check_score("q-choice", "", 0, 0, 0);
	check_score("q-choice", NULL, 0, 0, 0);
	check_score("q-choice", "zz", -1, 0, 0);
	check_score("q-choice", "a[,]right", -1, 0, 0);
}

Test(attempt, score_multiple_all_or_nothing)
{
	check_score("q-multi", "a[,]b", 0, 1, 1);
	check_score("q-multi", "b[,]a", 0, 1, 1);	/* any order reads */
	check_score("q-multi", "a", 0, 0, 0);
	check_score("q-multi", "a[,]b[,]c", 0, 0, 0);	/* wrong extra pick */
	check_score("q-multi", "c[,]d", 0, 0, 0);
	check_score("q-multi", "", 0, 0, 0);		/* nothing picked */
	check_score("q-multi", "a[,]a", -1, 0, 0);
	check_score("q-multi", "a[,]q", -1, 0, 0);
}

/* points * max(0, (correct picks - wrong picks) / correct choices) */
Test(attempt, score_multiple_partial)
{
	check_score("q-partial", "a[,]b[,]c", 0, 1, 3);
	check_score("q-partial", "a[,]b", 0, 0, 2);		/* 3 * 2/3 */
	check_score("q-partial", "a", 0, 0, 1);			/* 3 * 1/3 */
	check_score("q-partial", "a[,]b[,]d", 0, 0, 1);		/* 3 * 1/3 */
	check_score("q-partial", "a[,]b[,]c[,]d", 0, 0, 2);	/* 3 * 2/3 */
	check_score("q-partial", "a[,]b[,]c[,]d[,]e", 0, 0, 1);
	check_score("q-partial", "a[,]d", 0, 0, 0);		/* 1-1 = 0 */
	check_score("q-partial", "a[,]d[,]e", 0, 0, 0);		/* -1 -> 0 */
	check_score("q-partial", "d[,]e", 0, 0, 0);		/* -2 -> 0 */
	check_score("q-partial", "", 0, 0, 0);
}

Test(attempt, score_true_false)
{
	check_score("q-tf", "false", 0, 1, 1);
	check_score("q-tf", "true", 0, 0, 0);
	check_score("q-tf", "", 0, 0, 0);
	check_score("q-tf", "False", -1, 0, 0);
	check_score("q-tf", "yes", -1, 0, 0);
}

Test(attempt, score_fill_in_normalised)
{
	check_score("q-fill", "สดช.", 0, 1, 1);
	check_score("q-fill", "  สดช.  ", 0, 1, 1);
	check_score("q-fill", "onde", 0, 1, 1);		/* case */
	check_score("q-fill", "Onde", 0, 1, 1);
	check_score("q-fill", "ＯＮＤＥ", 0, 1, 1);	/* fullwidth */
	/* SARA AM typed as NIKHAHIT + SARA AA, tone mark either side */
	check_score("q-fill", "\u0E19\u0E49\u0E33", 0, 1, 1);
	check_score("q-fill", "\u0E19\u0E49\u0E4D\u0E32", 0, 1, 1);
	check_score("q-fill", "\u0E19\u0E4D\u0E49\u0E32", 0, 1, 1);
	/* NFC: tone mark typed before the lower vowel */
	check_score("q-fill", "\u0E01\u0E38\u0E49\u0E07", 0, 1, 1);
	check_score("q-fill", "\u0E01\u0E49\u0E38\u0E07", 0, 1, 1);
	/* zero-width space inside */
	check_score("q-fill", "สด\u200Bช.", 0, 1, 1);
	check_score("q-fill", "สดช", 0, 0, 0);
	check_score("q-fill", "ONDE X", 0, 0, 0);
	check_score("q-fill", "\u0E19\u0E49", 0, 0, 0);
	check_score("q-fill", "", 0, 0, 0);
	check_score("q-fill", "   ", 0, 0, 0);
}

Test(attempt, score_numeric_tolerance_edges)
{
	check_score("q-num", "12.5", 0, 1, 2);
	check_score("q-num", "12", 0, 1, 2);		/* at the bound */
	check_score("q-num", "13", 0, 1, 2);
	check_score("q-num", "13.0", 0, 1, 2);
	check_score("q-num", "11.99", 0, 0, 0);
	check_score("q-num", "13.01", 0, 0, 0);
	check_score("q-num", "13.000001", 0, 0, 0);
	check_score("q-num", "-12.5", 0, 0, 0);
	check_score("q-num", "๑๒", 0, 1, 2);		/* Thai digits = 12 */
	check_score("q-num", "๑๒.๕", 0, 1, 2);
	check_score("q-num", "๑๔", 0, 0, 0);
	check_score("q-num", "12 บาท", -1, 0, 0);
	check_score("q-num", "", 0, 0, 0);

	check_score("q-num-exact", "12", 0, 1, 1);
	check_score("q-num-exact", "12.000", 0, 1, 1);
	check_score("q-num-exact", "012", 0, 1, 1);
	check_score("q-num-exact", "12.000001", 0, 0, 0);
	check_score("q-num-exact", "11.999999", 0, 0, 0);

	/* 0.3 +/- 0.1 is not exact in binary: the bounds still count */
	check_score("q-num-float", "0.4", 0, 1, 1);
	check_score("q-num-float", "0.2", 0, 1, 1);
	check_score("q-num-float", ".4", 0, 1, 1);
	check_score("q-num-float", "0.41", 0, 0, 0);
	check_score("q-num-float", "0.19", 0, 0, 0);
	check_score("q-num-float", "0.4000001", 0, 0, 0);
}

Test(attempt, score_matching)
{
	check_score("q-match", "1[.]1[,]2[.]2[,]x[.]x", 0, 1, 1);
	check_score("q-match", "x[.]x[,]1[.]1[,]2[.]2", 0, 1, 1);
	/* partial mismatch: one pair right is still wrong */
	check_score("q-match", "1[.]2[,]2[.]1[,]x[.]x", 0, 0, 0);
	check_score("q-match", "1[.]1[,]2[.]2", 0, 0, 0);	/* x left out */
	check_score("q-match", "1[.]1[,]2[.]1[,]x[.]x", 0, 0, 0);
	check_score("q-match", "1[.]1[,]1[.]2", -1, 0, 0);
	check_score("q-match", "1[.]9", -1, 0, 0);
	check_score("q-match", "1", -1, 0, 0);
	check_score("q-match", "1[.]1[.]1", -1, 0, 0);
}

Test(attempt, score_ordering)
{
	check_score("q-order", "1[,]two[,]3", 0, 1, 1);
	check_score("q-order", "two[,]1[,]3", 0, 0, 0);
	check_score("q-order", "3[,]two[,]1", 0, 0, 0);
	check_score("q-order", "1[,]two", -1, 0, 0);
	check_score("q-order", "1[,]two[,]two", -1, 0, 0);
	check_score("q-order", "1[,]two[,]3[,]4", -1, 0, 0);
}

/* ---- Numbers as typed ---- */

static void
check_number(const char *typed, const char *canon, double value)
{
	struct buf	b;
	struct err	e;
	double		v = -999;

	buf_init(&b);
	err_clear(&e);
	cr_expect_eq(attempt_number(typed, &b, &v, &e), 0, "'%s': %s", typed,
	    e.msg);
	cr_expect_str_eq(b.data, canon, "'%s' -> '%s'", typed, b.data);
	cr_expect_float_eq(v, value, 1e-12, "'%s' = %g", typed, v);
	buf_release(&b);
}

static void
check_not_number(const char *typed, const char *msg)
{
	struct buf	b;
	struct err	e;

	buf_init(&b);
	buf_adds(&b, "kept");
	err_clear(&e);
	cr_expect_eq(attempt_number(typed, &b, NULL, &e), -1, "'%s'", typed);
	cr_expect_str_eq(e.msg, msg);
	cr_expect_str_eq(b.data, "kept");
	buf_release(&b);
}

Test(attempt, number_accepts_what_officers_type)
{
	check_number("12", "12", 12);
	check_number("12.5", "12.5", 12.5);
	check_number("-3", "-3", -3);
	check_number("1,234.5", "1234.5", 1234.5);
	check_number("1,234,567", "1234567", 1234567);
	check_number("  42 ", "42", 42);
	check_number("๑๒", "12", 12);
	check_number("๑,๒๓๔.๕", "1234.5", 1234.5);
	check_number("１２", "12", 12);
	check_number("+7", "7", 7);
	check_number("\u22123", "-3", -3);		/* U+2212 MINUS SIGN */
	check_number("007.50", "7.5", 7.5);
	check_number(".5", "0.5", 0.5);
	check_number("5.", "5", 5);
	check_number("-0.0", "0", 0);
	check_number("0", "0", 0);
	check_number("-0.25", "-0.25", -0.25);
}

Test(attempt, number_rejects_text)
{
	check_not_number("abc", "'abc' is not a number");
	check_not_number("12 บาท", "'12 บาท' is not a number");
	check_not_number("1e3", "'1e3' is not a number");
	check_not_number("1,23", "'1,23' is not a number");
	check_not_number("0,5", "'0,5' is not a number");
	check_not_number(",5", "',5' is not a number");
	check_not_number("1,234,", "'1,234,' is not a number");
	check_not_number("1.2.3", "'1.2.3' is not a number");
	check_not_number("1 234", "'1 234' is not a number");
	check_not_number("--1", "'--1' is not a number");
	check_not_number("-", "'-' is not a number");
	check_not_number(".", "'.' is not a number");
	check_not_number("12.5,0", "'12.5,0' is not a number");
	check_not_number("inf", "'inf' is not a number");
	check_not_number("0x10", "'0x10' is not a number");
	check_not_number("", "no number given");
	check_not_number("   ", "no number given");
	check_not_number(NULL, "no number given");
}

/* A decimal-comma locale must not change what "12.5" means. */
Test(attempt, number_ignores_lc_numeric)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"
	};
	const struct quiz	*z = load_quiz(every_type);
	struct buf		 b;
	size_t			 i;
	double			 v;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			break;
	if (i == sizeof names / sizeof names[0])
		cr_skip_test("no decimal-comma locale installed");
	buf_init(&b);
	cr_assert_eq(attempt_number("12.5", NULL, &v, NULL), 0);
	cr_expect_float_eq(v, 12.5, 1e-12);
	attempt_correct_pattern(question(z, "q-num"), 0, &b);
	cr_expect_str_eq(b.data, "12[:]13");
	buf_reset(&b);
	attempt_correct_pattern(question(z, "q-num-float"), 0, &b);
	cr_expect_str_eq(b.data, "0.2[:]0.4");
	buf_release(&b);
	setlocale(LC_NUMERIC, "C");
}

/* ---- Correct-response patterns ---- */

static void
check_pattern(const char *id, size_t i, const char *want)
{
	const struct quiz	*z = load_quiz(every_type);
	struct buf		 b;

	buf_init(&b);
	attempt_correct_pattern(question(z, id), i, &b);
	cr_expect_str_eq(b.data, want, "%s[%zu]: '%s'", id, i, b.data);
	buf_release(&b);
}

Test(attempt, correct_patterns)
{
	check_pattern("q-choice", 0, "right");
	check_pattern("q-multi", 0, "a[,]b");
	check_pattern("q-partial", 0, "a[,]b[,]c");
	check_pattern("q-tf", 0, "false");
	check_pattern("q-fill", 0, "{case_matters=false}สดช.");
	check_pattern("q-fill", 1, "{case_matters=false}ONDE");
	check_pattern("q-fill", 3, "{case_matters=false}กุ้ง");
	check_pattern("q-fill-delim", 0, "{case_matters=false}a[\u200B,]b");
	check_pattern("q-num", 0, "12[:]13");
	check_pattern("q-num-exact", 0, "12");
	check_pattern("q-num-float", 0, "0.2[:]0.4");
	check_pattern("q-match", 0, "1[.]1[,]2[.]2[,]x[.]x");
	check_pattern("q-order", 0, "1[,]two[,]3");
}

Test(attempt, pattern_counts)
{
	const struct quiz	*z = load_quiz(every_type);

	cr_expect_eq(attempt_npatterns(question(z, "q-fill")), 4);
	cr_expect_eq(attempt_npatterns(question(z, "q-fill-delim")), 1);
	cr_expect_eq(attempt_npatterns(question(z, "q-choice")), 1);
	cr_expect_eq(attempt_npatterns(question(z, "q-match")), 1);
	cr_expect_eq(attempt_npatterns(question(z, "q-num")), 1);
}

/* A pattern, given back as a response, scores full marks. */
Test(attempt, patterns_score_as_correct)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q;
	struct attempt_score	 s;
	struct buf		 b;
	const char		*resp;
	size_t			 i, j;

	buf_init(&b);
	for (i = 0; i < z->nquestions; i++) {
		q = &z->questions[i];
		for (j = 0; j < attempt_npatterns(q); j++) {
			buf_reset(&b);
			attempt_correct_pattern(q, j, &b);
			resp = b.data;
			if (q->type == Q_FILL_IN)
				resp += strlen("{case_matters=false}");
			if (q->type == Q_NUMERIC && strstr(resp, "[:]"))
				continue;
			cr_expect_eq(attempt_score(q, resp, &s), 0, "%s",
			    q->id);
			cr_expect(s.correct, "%s: '%s'", q->id, resp);
			cr_expect_float_eq(s.points, q->points, 1e-12);
		}
	}
	buf_release(&b);
}

/* ---- Building responses ---- */

Test(attempt, build_choice_and_true_false)
{
	const struct quiz	*z = load_quiz(every_type);
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	cr_assert_eq(attempt_response_choice(question(z, "q-choice"), "right",
	    &b, &e), 0);
	cr_expect_str_eq(b.data, "right");
	buf_reset(&b);
	cr_expect_eq(attempt_response_choice(question(z, "q-choice"), "zz",
	    &b, &e), -1);
	cr_expect_str_eq(e.msg, "question 'q-choice' has no choice 'zz'");
	cr_expect_str_eq(b.data, "");
	cr_expect_eq(attempt_response_choice(question(z, "q-tf"), "a", &b,
	    &e), -1);
	cr_expect_str_eq(e.msg,
	    "question 'q-tf' is a true-false question, not choice");
	cr_assert_eq(attempt_response_true_false(question(z, "q-tf"), 1, &b,
	    &e), 0);
	cr_expect_str_eq(b.data, "true");
	buf_reset(&b);
	cr_assert_eq(attempt_response_true_false(question(z, "q-tf"), 0, &b,
	    &e), 0);
	cr_expect_str_eq(b.data, "false");
	buf_release(&b);
}

Test(attempt, build_multiple_in_authored_order)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q = question(z, "q-multi");
	const char		*picks[] = { "c", "a", "c" };
	const char		*bad[] = { "a", "nope" };
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	cr_assert_eq(attempt_response_multiple(q, picks, 3, &b, &e), 0);
	cr_expect_str_eq(b.data, "a[,]c");
	buf_reset(&b);
	cr_assert_eq(attempt_response_multiple(q, NULL, 0, &b, &e), 0);
	cr_expect_str_eq(b.data, "");
	cr_expect_eq(attempt_response_multiple(q, bad, 2, &b, &e), -1);
	cr_expect_str_eq(e.msg, "question 'q-multi' has no choice 'nope'");
	cr_expect_str_eq(b.data, "");
	buf_release(&b);
}

/* "[,]" typed into a fill-in cannot split the response into blanks. */
Test(attempt, build_fill_in_escapes_the_list_delimiter)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q = question(z, "q-fill-delim");
	struct qtype_response	 r;
	struct attempt_score	 s;
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	cr_assert_eq(attempt_response_fill_in(q, "a[,]b", &b, &e), 0);
	cr_expect_str_eq(b.data, "a[\u200B,]b");
	cr_expect_null(strstr(b.data, "[,]"));
	cr_assert_eq(attempt_score(q, b.data, &s), 0);
	cr_expect(s.correct);
	cr_assert_eq(qtype_response_parse(q, b.data, &r, &e), 0);
	cr_expect_str_eq(r.text, "a[,]b");
	qtype_response_release(&r);

	/* the raw text is kept otherwise, spaces and all */
	buf_reset(&b);
	cr_assert_eq(attempt_response_fill_in(question(z, "q-fill"),
	    "  x[.]y [,][,] ", &b, &e), 0);
	cr_expect_str_eq(b.data, "  x[.]y [\u200B,][\u200B,] ");
	cr_assert_eq(qtype_response_parse(question(z, "q-fill"), b.data,
	    &r, &e), 0);
	cr_expect_str_eq(r.text, "  x[.]y [,][,] ");
	qtype_response_release(&r);

	buf_reset(&b);
	cr_expect_eq(attempt_response_fill_in(q, "bad \xff", &b, &e), -1);
	cr_expect_str_eq(e.msg,
	    "response to question 'q-fill-delim' is not valid UTF-8");
	cr_expect_str_eq(b.data, "");
	buf_release(&b);
}

Test(attempt, build_numeric)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q = question(z, "q-num");
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	cr_assert_eq(attempt_response_numeric(q, " ๑,๒๓๔.๕๐ ", &b, &e), 0);
	cr_expect_str_eq(b.data, "1234.5");
	buf_reset(&b);
	cr_expect_eq(attempt_response_numeric(q, "twelve", &b, &e), -1);
	cr_expect_str_eq(e.msg, "'twelve' is not a number");
	cr_expect_str_eq(b.data, "");
	cr_expect_eq(attempt_response_numeric(question(z, "q-fill"), "1",
	    &b, &e), -1);
	cr_expect_str_eq(e.msg,
	    "question 'q-fill' is a fill-in question, not numeric");
	buf_release(&b);
}

Test(attempt, build_matching_in_left_order)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q = question(z, "q-match");
	const char		*l[] = { "x", "2", "1" };
	const char		*r[] = { "1", "x", "2" };
	const char		*l2[] = { "2", "2" };
	const char		*r2[] = { "1", "2" };
	const char		*r3[] = { "1", "zz" };
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	cr_assert_eq(attempt_response_matching(q, l, r, 3, &b, &e), 0);
	cr_expect_str_eq(b.data, "1[.]2[,]2[.]x[,]x[.]1");
	buf_reset(&b);
	/* unmatched left items are left out */
	cr_assert_eq(attempt_response_matching(q, l + 1, r + 1, 1, &b, &e),
	    0);
	cr_expect_str_eq(b.data, "2[.]x");
	buf_reset(&b);
	cr_expect_eq(attempt_response_matching(q, l2, r2, 2, &b, &e), -1);
	cr_expect_str_eq(e.msg,
	    "response to question 'q-match' matches '2' twice");
	cr_expect_eq(attempt_response_matching(q, l, r3, 2, &b, &e), -1);
	cr_expect_str_eq(e.msg, "question 'q-match' has no pair 'zz'");
	cr_expect_str_eq(b.data, "");
	buf_release(&b);
}

Test(attempt, build_ordering)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q = question(z, "q-order");
	const char		*ids[] = { "3", "1", "two" };
	const char		*dup[] = { "3", "3", "two" };
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	cr_assert_eq(attempt_response_ordering(q, ids, 3, &b, &e), 0);
	cr_expect_str_eq(b.data, "3[,]1[,]two");
	buf_reset(&b);
	cr_expect_eq(attempt_response_ordering(q, ids, 2, &b, &e), -1);
	cr_expect_str_eq(e.msg,
	    "response to question 'q-order' orders 2 of its 3 items");
	cr_expect_eq(attempt_response_ordering(q, dup, 3, &b, &e), -1);
	cr_expect_str_eq(e.msg,
	    "response to question 'q-order' lists item '3' twice");
	cr_expect_str_eq(b.data, "");
	buf_release(&b);
}

/* ---- Parsing responses back (resume) ---- */

Test(attempt, parse_restores_ui_state)
{
	const struct quiz	*z = load_quiz(every_type);
	struct qtype_response	 r;
	struct err		 e;

	cr_assert_eq(qtype_response_parse(question(z, "q-choice"), "right",
	    &r, &e), 0);
	cr_expect_eq(r.nsel, 1);
	cr_expect_eq(r.sel[0], 1);
	qtype_response_release(&r);

	cr_assert_eq(qtype_response_parse(question(z, "q-partial"),
	    "e[,]a[,]c", &r, &e), 0);
	cr_assert_eq(r.nsel, 3);
	cr_expect(r.sel[0] == 0 && r.sel[1] == 2 && r.sel[2] == 4);
	qtype_response_release(&r);

	cr_assert_eq(qtype_response_parse(question(z, "q-tf"), "true", &r,
	    &e), 0);
	cr_expect_eq(r.truth, 1);
	qtype_response_release(&r);

	cr_assert_eq(qtype_response_parse(question(z, "q-num"), "๑๒.๕",
	    &r, &e), 0);
	cr_expect_str_eq(r.text, "12.5");
	cr_expect_float_eq(r.number, 12.5, 1e-12);
	qtype_response_release(&r);

	cr_assert_eq(qtype_response_parse(question(z, "q-match"),
	    "x[.]1[,]1[.]x", &r, &e), 0);
	cr_assert_eq(r.nsel, 3);
	cr_expect_eq(r.sel[0], 2);
	cr_expect_eq(r.sel[1], ATTEMPT_NONE);
	cr_expect_eq(r.sel[2], 0);
	qtype_response_release(&r);

	cr_assert_eq(qtype_response_parse(question(z, "q-order"),
	    "3[,]1[,]two", &r, &e), 0);
	cr_assert_eq(r.nsel, 3);
	cr_expect(r.sel[0] == 2 && r.sel[1] == 0 && r.sel[2] == 1);
	qtype_response_release(&r);
}

Test(attempt, parse_empty_is_unanswered)
{
	const struct quiz	*z = load_quiz(every_type);
	struct qtype_response	 r;
	struct buf		 b;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < z->nquestions; i++) {
		cr_assert_eq(qtype_response_parse(&z->questions[i], "", &r,
		    NULL), 0);
		cr_expect(qtype_response_empty(&r), "%s",
		    z->questions[i].id);
		cr_expect_eq(qtype_response_encode(&z->questions[i], &r,
		    &b, NULL), 0);
		qtype_response_release(&r);
		cr_assert_eq(qtype_response_parse(&z->questions[i], NULL,
		    &r, NULL), 0);
		cr_expect(qtype_response_empty(&r));
		qtype_response_release(&r);
	}
	cr_expect_str_eq(b.data, "");
	buf_release(&b);
}

Test(attempt, parse_errors_say_what_is_wrong)
{
	static const struct {
		const char	*id, *resp, *msg;
	} cases[] = {
		{ "q-choice", "zz", "question 'q-choice' has no choice 'zz'" },
		{ "q-multi", "a[,]a",
		  "response to question 'q-multi' lists choice 'a' twice" },
		{ "q-multi", "a[,]", "question 'q-multi' has no choice ''" },
		{ "q-tf", "yes", "'yes' is not true or false" },
		{ "q-num", "12 บาท", "'12 บาท' is not a number" },
		{ "q-match", "1[.]1[,]1[.]2",
		  "response to question 'q-match' matches '1' twice" },
		{ "q-match", "1[.]7", "question 'q-match' has no pair '7'" },
		{ "q-match", "1", "'1' is not a left[.]right pair" },
		{ "q-order", "1[,]3",
		  "response to question 'q-order' orders 2 of its 3 items" },
		{ "q-order", "1[,]4[,]3",
		  "question 'q-order' has no item '4'" },
	};
	const struct quiz	*z = load_quiz(every_type);
	struct qtype_response	 r;
	struct err		 e;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err_clear(&e);
		cr_expect_eq(qtype_response_parse(question(z, cases[i].id),
		    cases[i].resp, &r, &e), -1, "%s", cases[i].resp);
		cr_expect_str_eq(e.msg, cases[i].msg);
		cr_expect(qtype_response_empty(&r));
		qtype_response_release(&r);
	}
}

/* parse -> encode gives back every canonical response string. */
Test(attempt, parse_encode_round_trip)
{
	static const struct {
		const char	*id, *resp, *canon;
	} cases[] = {
		{ "q-choice", "a", "a" },
		{ "q-multi", "b[,]a", "a[,]b" },
		{ "q-multi", "d", "d" },
		{ "q-tf", "false", "false" },
		{ "q-fill", "  สดช. ", "  สดช. " },
		{ "q-fill-delim", "a[\u200B,]b", "a[\u200B,]b" },
		{ "q-num", "๑,๒๓๔.๕", "1234.5" },
		{ "q-num", "-3", "-3" },
		{ "q-match", "x[.]1[,]1[.]x", "1[.]x[,]x[.]1" },
		{ "q-match", "2[.]2", "2[.]2" },
		{ "q-order", "two[,]3[,]1", "two[,]3[,]1" },
	};
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q;
	struct qtype_response	 r;
	struct buf		 b;
	struct err		 e;
	size_t			 i;

	buf_init(&b);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = question(z, cases[i].id);
		buf_reset(&b);
		cr_assert_eq(qtype_response_parse(q, cases[i].resp, &r, &e),
		    0, "%s: %s", cases[i].resp, e.msg);
		cr_expect_eq(qtype_response_encode(q, &r, &b, &e), 0);
		cr_expect_str_eq(b.data, cases[i].canon);
		qtype_response_release(&r);
	}
	buf_release(&b);
}

/* The UI edits indexes and encodes them; bad state is refused. */
Test(attempt, encode_refuses_bad_state)
{
	const struct quiz	*z = load_quiz(every_type);
	const struct question	*q = question(z, "q-order");
	struct qtype_response	 r;
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	qtype_response_init(&r, q);
	r.sel = calloc(3, sizeof *r.sel);
	r.nsel = 3;
	r.sel[0] = 2, r.sel[1] = 1, r.sel[2] = 0;
	cr_assert_eq(qtype_response_encode(q, &r, &b, &e), 0);
	cr_expect_str_eq(b.data, "3[,]two[,]1");
	buf_reset(&b);
	r.sel[2] = 7;
	cr_expect_eq(qtype_response_encode(q, &r, &b, &e), -1);
	cr_expect_str_eq(e.msg,
	    "response to question 'q-order' has an index out of range");
	r.sel[2] = 1;
	cr_expect_eq(qtype_response_encode(q, &r, &b, &e), -1);
	cr_expect_str_eq(e.msg,
	    "response to question 'q-order' lists item 'two' twice");
	cr_expect_eq(qtype_response_encode(question(z, "q-tf"), &r, &b,
	    &e), -1);
	cr_expect_str_eq(e.msg, "response is for a ordering question, but "
	    "'q-tf' is a true-false question");
	cr_expect_str_eq(b.data, "");
	qtype_response_release(&r);
	buf_release(&b);
}

/* ---- Plans ---- */

static char *
plan_string(const struct quiz *z, uint64_t seed)
{
	struct attempt_plan	*p = attempt_plan_new(z, seed);
	struct buf		 b;

	buf_init(&b);
	attempt_plan_encode(p, &b);
	attempt_plan_free(p);
	return buf_detach(&b, NULL);
}

Test(attempt, plan_is_deterministic_for_a_seed)
{
	const struct quiz	*z = load_quiz(every_type);
	char			*a, *b;
	uint64_t		 seed;

	for (seed = 0; seed < 20; seed++) {
		a = plan_string(z, seed * 0x9E3779B97F4A7C15u);
		b = plan_string(z, seed * 0x9E3779B97F4A7C15u);
		cr_expect_str_eq(a, b);
		free(a);
		free(b);
	}
	/* pinned: a different plan for a seed means stored plans moved */
	a = plan_string(z, 42);
	cr_expect_str_eq(a, "plan/1 q-partial:a,b,d,e,c q-tf q-order:two,1,3 "
	    "q-num-exact q-fill-delim q-num-float q-num q-fill "
	    "q-choice:a,right,c q-multi:b,c,a,d q-match:1,x,2");
	free(a);
}

Test(attempt, plan_differs_between_seeds)
{
	const struct quiz	*z = load_quiz(every_type);
	struct attempt_plan	*p;
	char			*seen[50];
	size_t			 n = 0, i, j, first[50], nfirst = 0;
	uint64_t		 seed;

	for (seed = 1; seed <= 50; seed++) {
		seen[n++] = plan_string(z, seed);
		p = attempt_plan_new(z, seed);
		for (j = 0; j < nfirst; j++)
			if (first[j] == (size_t)(p->qs[0].q - z->questions))
				break;
		if (j == nfirst)
			first[nfirst++] = (size_t)(p->qs[0].q - z->questions);
		attempt_plan_free(p);
	}
	for (i = 1, j = 1; i < n; i++)
		if (strcmp(seen[i], seen[0]) != 0)
			j++;
	cr_expect_geq(j, 2, "50 seeds gave one order");
	/* 11 questions: the first one asked should vary a lot */
	cr_expect_geq(nfirst, 6, "only %zu different first questions", nfirst);
	for (i = 0; i < n; i++)
		free(seen[i]);
}

/* Every question, exactly once, and every choice of each, once. */
static void
check_plan_complete(const struct quiz *z, const struct attempt_plan *p)
{
	size_t	i, j, k, n;

	cr_assert_eq(p->quiz, z);
	for (i = 0; i < p->n; i++) {
		const struct question	*q = p->qs[i].q;

		cr_assert(q >= z->questions && q < z->questions +
		    z->nquestions);
		for (j = 0; j < i; j++)
			cr_assert_neq(p->qs[j].q, q, "question twice");
		n = q->type == Q_CHOICE || q->type == Q_MULTIPLE ?
		    q->nchoices : q->type == Q_MATCHING ? q->npairs :
		    q->type == Q_ORDERING ? q->nitems : 0;
		cr_assert_eq(p->qs[i].norder, n, "%s", q->id);
		for (j = 0; j < n; j++) {
			cr_assert_lt(p->qs[i].order[j], n);
			for (k = 0; k < j; k++)
				cr_assert_neq(p->qs[i].order[k],
				    p->qs[i].order[j]);
		}
		if (n == 0)
			cr_assert_null(p->qs[i].order);
	}
}

Test(attempt, plan_asks_everything_without_draw)
{
	const struct quiz	*z = load_quiz(every_type);
	struct attempt_plan	*p;
	uint64_t		 seed;

	for (seed = 0; seed < 100; seed++) {
		p = attempt_plan_new(z, seed);
		cr_assert_eq(p->n, z->nquestions);
		check_plan_complete(z, p);
		attempt_plan_free(p);
	}
}

static int
in_order(const size_t *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] != i)
			return 0;
	return 1;
}

Test(attempt, plan_without_shuffle_keeps_authored_order)
{
	const struct quiz	*z = load_quiz(no_shuffle);
	struct attempt_plan	*p;
	uint64_t		 seed;
	size_t			 i;

	for (seed = 0; seed < 200; seed++) {
		p = attempt_plan_new(z, seed);
		cr_assert_eq(p->n, 5);
		check_plan_complete(z, p);
		for (i = 0; i < p->n; i++)
			cr_assert_eq(p->qs[i].q, &z->questions[i]);
		cr_assert(in_order(p->qs[0].order, 3), "choices moved");
		/* matching and ordering never give the answer away */
		cr_assert(!in_order(p->qs[2].order, 2));
		cr_assert(!in_order(p->qs[3].order, 2));
		cr_assert(!in_order(p->qs[4].order, 3));
		attempt_plan_free(p);
	}
}

Test(attempt, plan_ordering_items_never_start_correct)
{
	const struct quiz	*z = load_quiz(every_type);
	struct attempt_plan	*p;
	size_t			 i, k, counts[6] = { 0 }, code;
	uint64_t		 seed;

	for (seed = 0; seed < 1200; seed++) {
		p = attempt_plan_new(z, seed);
		i = attempt_plan_find(p, "q-order");
		cr_assert_neq(i, ATTEMPT_NONE);
		cr_assert_eq(p->qs[i].norder, 3);
		cr_assert(!in_order(p->qs[i].order, 3), "seed %llu",
		    (unsigned long long)seed);
		code = p->qs[i].order[0] * 2 + (p->qs[i].order[1] >
		    p->qs[i].order[2]);
		counts[code]++;
		i = attempt_plan_find(p, "q-match");
		cr_assert(!in_order(p->qs[i].order, 3));
		attempt_plan_free(p);
	}
	/* the five other orders all come up, roughly equally (240 each) */
	cr_expect_eq(counts[0], 0);	/* 0 1 2 */
	for (k = 1; k < 6; k++)
		cr_expect(counts[k] > 160 && counts[k] < 320,
		    "order %zu came up %zu times", k, counts[k]);
}

Test(attempt, plan_draws_exactly_n_distinct)
{
	const struct quiz	*z = load_quiz(drawn);
	struct attempt_plan	*p;
	size_t			 hits[10] = { 0 }, i, k;
	uint64_t		 seed;

	for (seed = 0; seed < 3000; seed++) {
		p = attempt_plan_new(z, seed);
		cr_assert_eq(p->n, 3);
		check_plan_complete(z, p);
		for (i = 0; i < p->n; i++) {
			k = (size_t)(p->qs[i].q - z->questions);
			hits[k]++;
			/* not shuffled: drawn ones keep the authored order */
			if (i > 0)
				cr_assert_gt(p->qs[i].q, p->qs[i - 1].q);
		}
		attempt_plan_free(p);
	}
	/* uniform: each of the 10 is drawn 900 times on average */
	for (k = 0; k < 10; k++)
		cr_expect(hits[k] > 750 && hits[k] < 1050,
		    "question %zu drawn %zu times", k + 1, hits[k]);
}

Test(attempt, plan_encode_format)
{
	const struct quiz	*z = load_quiz(no_shuffle);
	char			*s = plan_string(z, 7);

	/* 2-item orders can only be swapped; o2 depends on the seed */
	cr_expect(strncmp(s, "plan/1 c1:a,b,c t1 m1:2,1 o1:2,1 o2:", 36) == 0,
	    "%s", s);
	free(s);
}

Test(attempt, plan_round_trips)
{
	const struct quiz	*z = load_quiz(every_type);
	struct attempt_plan	*p, *d;
	struct buf		 b1, b2;
	struct err		 e;
	uint64_t		 seed;
	size_t			 i;

	buf_init(&b1);
	buf_init(&b2);
	for (seed = 0; seed < 50; seed++) {
		p = attempt_plan_new(z, seed);
		buf_reset(&b1);
		buf_reset(&b2);
		attempt_plan_encode(p, &b1);
		d = attempt_plan_decode(z, b1.data, &e);
		cr_assert_not_null(d, "%s: %s", b1.data, e.msg);
		attempt_plan_encode(d, &b2);
		cr_expect_str_eq(b1.data, b2.data);
		cr_assert_eq(d->n, p->n);
		for (i = 0; i < p->n; i++) {
			cr_expect_eq(d->qs[i].q, p->qs[i].q);
			cr_assert_eq(d->qs[i].norder, p->qs[i].norder);
			if (p->qs[i].norder > 0)
				cr_expect_arr_eq(d->qs[i].order,
				    p->qs[i].order, p->qs[i].norder *
				    sizeof *p->qs[i].order);
		}
		cr_expect_eq(attempt_plan_find(d, "q-tf"),
		    attempt_plan_find(p, "q-tf"));
		attempt_plan_free(p);
		attempt_plan_free(d);
	}
	cr_expect_eq(attempt_plan_find(d = attempt_plan_new(z, 1), "gone"),
	    ATTEMPT_NONE);
	attempt_plan_free(d);
	buf_release(&b1);
	buf_release(&b2);
}

static void
check_decode_fails(const struct quiz *z, const char *s, const char *msg)
{
	struct err	e;

	err_clear(&e);
	cr_expect_null(attempt_plan_decode(z, s, &e), "'%s' decoded", s);
	cr_expect_str_eq(e.msg, msg, "'%s'", s);
}

Test(attempt, plan_decode_rejects_what_no_longer_fits)
{
	const struct quiz	*z = load_quiz(no_shuffle);

	check_decode_fails(z, "plan/1 c1:a,b,c gone",
	    "plan refers to question 'gone' that quiz 'plain' no longer has");
	check_decode_fails(z, "plan/1 c1:a,b,zz",
	    "plan refers to choice 'zz' that question 'c1' no longer has");
	check_decode_fails(z, "plan/1 c1:a,b",
	    "plan for question 'c1' does not list choice 'c' (the content "
	    "has changed)");
	check_decode_fails(z, "plan/1 c1:a,b,b,c",
	    "plan lists choice 'b' of question 'c1' twice");
	check_decode_fails(z, "plan/1 m1:1,3",
	    "plan refers to pair '3' that question 'm1' no longer has");
	check_decode_fails(z, "plan/1 o2:3,1",
	    "plan for question 'o2' does not list item '2' (the content has "
	    "changed)");
	check_decode_fails(z, "plan/1 t1 t1",
	    "plan lists question 't1' twice");
	check_decode_fails(z, "plan/1 c1",
	    "plan has no choice order for question 'c1' (the content has "
	    "changed)");
	check_decode_fails(z, "plan/1 t1:a",
	    "plan has an order for question 't1', but it is a true-false "
	    "question now");
	check_decode_fails(z, "plan/1 c1:",
	    "plan refers to choice '' that question 'c1' no longer has");
	check_decode_fails(z, "plan/1", "plan lists no questions");
	check_decode_fails(z, "plan/1  t1", "plan has an empty question id");
	check_decode_fails(z, "plan/1 t1 ", "plan has an empty question id");
	check_decode_fails(z, "plan/2 t1",
	    "plan format 'plan/2' is not supported (expected 'plan/1')");
	check_decode_fails(z, "{\"q\": []}",
	    "not a quiz plan (expected 'plan/1')");
	check_decode_fails(z, "plan/10 t1",
	    "plan format 'plan/10' is not supported (expected 'plan/1')");
	check_decode_fails(z, "", "not a quiz plan (expected 'plan/1')");
	check_decode_fails(z, NULL, "not a quiz plan (expected 'plan/1')");
}

/* A plan saved before the content changed does not resume. */
Test(attempt, plan_decode_after_content_change)
{
	static const char v2[] =
	    "id: m\n"
	    "title: M\n"
	    "quiz:\n"
	    "  id: plain\n"
	    "  questions:\n"
	    "    - { id: c1, type: choice, prompt: p,\n"
	    "        choices: [{text: x, correct: true}, y, z, w] }\n"
	    "    - { id: m1, type: matching, prompt: p,\n"
	    "        pairs: [{left: a, right: b}, {left: c, right: d}] }\n"
	    "    - { id: o1, type: ordering, prompt: p, items: [x, y] }\n"
	    "    - { id: o2, type: ordering, prompt: p, items: [x, y, z] }\n";
	const struct quiz	*z1 = load_quiz(no_shuffle);
	const struct quiz	*z2 = load_quiz(v2);
	struct attempt_plan	*p;
	struct buf		 b;
	struct err		 e;

	buf_init(&b);
	p = attempt_plan_new(z1, 3);
	attempt_plan_encode(p, &b);
	attempt_plan_free(p);
	cr_expect_null(attempt_plan_decode(z2, b.data, &e));
	cr_expect_str_eq(e.msg, "plan for question 'c1' does not list choice "
	    "'d' (the content has changed)");
	/* without the stale question the removal of t1 shows */
	cr_expect_null(attempt_plan_decode(z2, "plan/1 o1:2,1 t1", &e));
	cr_expect_str_eq(e.msg,
	    "plan refers to question 't1' that quiz 'plain' no longer has");
	buf_release(&b);
}

/* ---- Results ---- */

static const char *const all_right[] = {
	"right", "a[,]b", "a[,]b[,]c", "false", "กุ้ง", "a[,]b", "12.5",
	"12", "0.3", "1[.]1[,]2[.]2[,]x[.]x", "1[,]two[,]3"
};

/* Responses by plan order from responses by authored order. */
static void
by_plan(const struct attempt_plan *p, const char *const *authored,
    const char **out)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		out[i] = authored[p->qs[i].q - p->quiz->questions];
}

Test(attempt, result_all_right_and_none)
{
	const struct quiz	*z = load_quiz(every_type);
	struct attempt_plan	*p = attempt_plan_new(z, 99);
	struct attempt_result	 r;
	const char		*resp[11];
	size_t			 i;

	cr_assert_eq(z->nquestions, 11);
	by_plan(p, all_right, resp);
	cr_expect_eq(attempt_result(z, p, resp, &r), 0);
	cr_expect_float_eq(r.max, 14, 1e-12);
	cr_expect_float_eq(r.raw, 14, 1e-12);
	cr_expect_float_eq(r.scaled, 1, 1e-12);
	cr_expect_float_eq(r.percent, 100, 1e-12);
	cr_expect(r.passed);
	cr_expect_eq(r.ncorrect, 11);
	cr_assert_eq(r.n, 11);
	for (i = 0; i < r.n; i++)
		cr_expect(r.scores[i].correct, "%s", p->qs[i].q->id);
	attempt_result_release(&r);

	cr_expect_eq(attempt_result(z, p, NULL, &r), 0);
	cr_expect_float_eq(r.raw, 0, 1e-12);
	cr_expect_float_eq(r.max, 14, 1e-12);
	cr_expect_eq(r.ncorrect, 0);
	cr_expect(!r.passed);
	attempt_result_release(&r);
	attempt_plan_free(p);
}

Test(attempt, result_per_question_and_bad_responses)
{
	const struct quiz	*z = load_quiz(every_type);
	struct attempt_plan	*p = attempt_plan_new(z, 5);
	struct attempt_result	 r;
	const char		*authored[11], *resp[11];
	size_t			 i;

	memcpy(authored, all_right, sizeof authored);
	authored[1] = "a[,]b[,]c";		/* q-multi: wrong extra pick */
	authored[2] = "a[,]b";			/* q-partial: 2 of 3 points */
	authored[6] = "twelve";			/* q-num: does not parse */
	authored[10] = NULL;			/* q-order: unanswered */
	by_plan(p, authored, resp);
	cr_expect_eq(attempt_result(z, p, resp, &r), 1);
	cr_expect_float_eq(r.raw, 14 - 1 - 1 - 2 - 1, 1e-12);
	cr_expect_eq(r.ncorrect, 7);
	cr_expect(!r.passed);			/* 9 / 14 = 64% */
	for (i = 0; i < r.n; i++) {
		const char *id = p->qs[i].q->id;
		int wrong = strcmp(id, "q-multi") == 0 ||
		    strcmp(id, "q-partial") == 0 || strcmp(id, "q-num") == 0 ||
		    strcmp(id, "q-order") == 0;

		cr_expect_eq(r.scores[i].correct, !wrong, "%s", id);
	}
	attempt_result_release(&r);
	attempt_plan_free(p);
}

/* Two choice questions worth 'a' and 'b' points; pass mark 'pct'. */
static const struct quiz *
two_question_quiz(const char *a, const char *b, int pct)
{
	static char	yaml[1024];

	snprintf(yaml, sizeof yaml,
	    "id: m\n"
	    "title: M\n"
	    "quiz:\n"
	    "  id: pass\n"
	    "  pass: %d%%\n"
	    "  questions:\n"
	    "    - { id: q1, type: true-false, prompt: p, answer: true,\n"
	    "        points: %s }\n"
	    "    - { id: q2, type: true-false, prompt: p, answer: true,\n"
	    "        points: %s }\n",
	    pct, a, b);
	return load_quiz(yaml);
}

static int
passes_with_first_only(const char *a, const char *b, int pct, double *pc)
{
	const struct quiz	*z = two_question_quiz(a, b, pct);
	struct attempt_plan	*p = attempt_plan_new(z, 1);
	struct attempt_result	 r;
	const char		*resp[2] = { "true", "false" };
	int			 passed;

	cr_assert_eq(p->qs[0].q, &z->questions[0]);
	attempt_result(z, p, resp, &r);
	passed = r.passed;
	if (pc != NULL)
		*pc = r.percent;
	attempt_result_release(&r);
	attempt_plan_free(p);
	return passed;
}

Test(attempt, result_pass_mark_is_exact)
{
	double	pc;

	cr_expect(passes_with_first_only("7", "3", 70, &pc));	/* 7/10 */
	cr_expect_float_eq(pc, 70, 1e-9);
	cr_expect(!passes_with_first_only("6.99", "3.01", 70, &pc));
	cr_expect_float_eq(pc, 69.9, 1e-9);
	cr_expect(passes_with_first_only("0.7", "0.3", 70, NULL));
	cr_expect(passes_with_first_only("2.9", "7.1", 29, NULL));
	cr_expect(!passes_with_first_only("2.89", "7.11", 29, NULL));
	cr_expect(passes_with_first_only("0.57", "0.43", 57, NULL));
	cr_expect(passes_with_first_only("1", "2", 33, NULL));
	cr_expect(!passes_with_first_only("1", "2", 34, NULL));
	cr_expect(!passes_with_first_only("9.99", "0.01", 100, NULL));
	cr_expect(passes_with_first_only("1", "1", 0, NULL));
}

/*
 * Partial points that add up to exactly the pass mark pass, although
 * 3.5 * 2/3 three times is 6.9999999999999991 in binary.
 */
Test(attempt, result_partial_points_add_up)
{
	static const char yaml[] =
	    "id: m\n"
	    "title: M\n"
	    "quiz:\n"
	    "  id: thirds\n"
	    "  pass: 50%\n"
	    "  questions:\n"
	    "    - id: p1\n"
	    "      type: multiple\n"
	    "      scoring: partial\n"
	    "      points: 3.5\n"
	    "      prompt: p\n"
	    "      choices: [{text: a, correct: true},\n"
	    "                {text: b, correct: true},\n"
	    "                {text: c, correct: true}, d]\n"
	    "    - id: p2\n"
	    "      type: multiple\n"
	    "      scoring: partial\n"
	    "      points: 3.5\n"
	    "      prompt: p\n"
	    "      choices: [{text: a, correct: true},\n"
	    "                {text: b, correct: true},\n"
	    "                {text: c, correct: true}, d]\n"
	    "    - id: p3\n"
	    "      type: multiple\n"
	    "      scoring: partial\n"
	    "      points: 3.5\n"
	    "      prompt: p\n"
	    "      choices: [{text: a, correct: true},\n"
	    "                {text: b, correct: true},\n"
	    "                {text: c, correct: true}, d]\n"
	    "    - { id: t4, type: true-false, points: 3.5, prompt: p,\n"
	    "        answer: true }\n";
	const struct quiz	*z = load_quiz(yaml);
	struct attempt_plan	*p = attempt_plan_new(z, 1);
	struct attempt_result	 r;
	const char		*resp[4] = { "a[,]b", "b[,]c", "c[,]a",
				     "false" };

	attempt_result(z, p, resp, &r);
	cr_expect_float_eq(r.raw, 7, 1e-9);
	cr_expect_float_eq(r.max, 14, 1e-12);
	cr_expect(r.passed, "7 of 14 at 50%% failed");
	cr_expect_eq(r.ncorrect, 0);
	attempt_result_release(&r);

	resp[2] = "c[,]a[,]d";		/* 3.5 / 3: 5.83 of 14 */
	attempt_result(z, p, resp, &r);
	cr_expect(!r.passed);
	attempt_result_release(&r);

	resp[0] = "a[,]b[,]c";		/* 3.5 + 7/3 + 7/6 = 7 */
	attempt_result(z, p, resp, &r);
	cr_expect_float_eq(r.raw, 7, 1e-9);
	cr_expect(r.passed);
	cr_expect_eq(r.ncorrect, 1);
	attempt_result_release(&r);
	attempt_plan_free(p);
}

/* Max points count only the questions asked. */
Test(attempt, result_max_is_of_asked_questions)
{
	const struct quiz	*z = load_quiz(drawn);
	struct attempt_plan	*p;
	struct attempt_result	 r;
	const char		*resp[3] = { "true", "true", "true" };
	double			 want;
	size_t			 i;
	uint64_t		 seed;

	for (seed = 0; seed < 20; seed++) {
		p = attempt_plan_new(z, seed);
		want = 0;
		for (i = 0; i < p->n; i++)
			want += p->qs[i].q->points;
		attempt_result(z, p, resp, &r);
		cr_expect_float_eq(r.max, want, 1e-12);
		cr_expect_float_eq(r.raw, want, 1e-12);
		cr_expect(r.passed);
		cr_expect_lt(r.max, quiz_max_points(z));
		attempt_result_release(&r);
		attempt_plan_free(p);
	}
}

/* ---- Time and attempts ---- */

Test(attempt, time_left_and_expiry)
{
	cr_expect_eq(attempt_time_left(1000, 0, 5000), -1);
	cr_expect_eq(attempt_time_left(1000, -5, 5000), -1);
	cr_expect_eq(attempt_time_left(1000, 600, 1000), 600);
	cr_expect_eq(attempt_time_left(1000, 600, 1599), 1);
	cr_expect_eq(attempt_time_left(1000, 600, 1600), 0);
	cr_expect_eq(attempt_time_left(1000, 600, 99999), 0);
	cr_expect_eq(attempt_time_left(1000, 600, 900), 600);	/* clock back */
	cr_expect(!attempt_expired(1000, 600, 1599));
	cr_expect(attempt_expired(1000, 600, 1600));
	cr_expect(!attempt_expired(1000, 0, 99999));
}

static void
check_iso(long s, const char *want)
{
	char	out[ATTEMPT_DURATION_MAX];

	cr_expect_str_eq(attempt_duration_iso(s, out, sizeof out), want,
	    "%ld", s);
}

Test(attempt, duration_iso)
{
	char	small[4];

	check_iso(0, "PT0S");
	check_iso(-5, "PT0S");
	check_iso(45, "PT45S");
	check_iso(60, "PT1M");
	check_iso(90, "PT1M30S");
	check_iso(3600, "PT1H");
	check_iso(3605, "PT1H5S");
	check_iso(3661, "PT1H1M1S");
	check_iso(5400, "PT1H30M");
	check_iso(90000, "PT25H");
	check_iso(2147483647L, "PT596523H14M7S");
	cr_expect_str_eq(attempt_duration_iso(3661, small, sizeof small),
	    "PT1");
}

Test(attempt, attempts_allowed)
{
	const struct quiz	*z = load_quiz(every_type);	/* 3 */
	const struct quiz	*u = load_quiz(no_shuffle);	/* unlimited */

	cr_expect(attempt_can_start(z, 0));
	cr_expect(attempt_can_start(z, 2));
	cr_expect(!attempt_can_start(z, 3));
	cr_expect(!attempt_can_start(z, 4));
	cr_expect_eq(attempt_attempts_left(z, 1), 2);
	cr_expect_eq(attempt_attempts_left(z, 5), 0);
	cr_expect(attempt_can_start(u, 0));
	cr_expect(attempt_can_start(u, 1000));
	cr_expect_eq(attempt_attempts_left(u, 1000), -1);
	cr_expect_eq(z->time_limit, 600);
}

Test(attempt, seeds_are_random)
{
	cr_expect_neq(attempt_seed(), attempt_seed());
}

/* ---- Mastery ---- */

static const char mastery_row[] =
"id: m\n"
"title: M\n"
"quiz:\n"
"  id: drill\n"
"  mastery: { in-a-row: 3 }\n"
"  questions:\n"
"    - { id: r1, type: true-false, prompt: p, answer: true }\n"
"    - { id: r2, type: true-false, prompt: p, answer: true }\n"
"    - { id: r3, type: true-false, prompt: p, answer: true }\n"
"    - { id: r4, type: true-false, prompt: p, answer: true }\n"
"    - { id: r5, type: true-false, prompt: p, answer: true }\n"
"    - { id: r6, type: true-false, prompt: p, answer: true }\n";

static const char mastery_of[] =
"id: m\n"
"title: M\n"
"quiz:\n"
"  id: drill\n"
"  mastery: { of: 5, correct: 4 }\n"
"  questions:\n"
"    - { id: r1, type: true-false, prompt: p, answer: true }\n"
"    - { id: r2, type: true-false, prompt: p, answer: true }\n"
"    - { id: r3, type: true-false, prompt: p, answer: true }\n"
"    - { id: r4, type: true-false, prompt: p, answer: true }\n"
"    - { id: r5, type: true-false, prompt: p, answer: true }\n"
"    - { id: r6, type: true-false, prompt: p, answer: true }\n";

/*
 * Answer the plan's questions in order with 'marks' ('1' right, '0'
 * wrong, '-' not asked) and score the attempt.
 */
static void
mastery_result(const struct quiz *z, const char *marks,
    struct attempt_result *r)
{
	struct attempt_plan	*p = attempt_plan_new(z, 7);
	const char		*resp[6] = { NULL };
	size_t			 i;

	cr_assert_eq(p->n, 6, "mastery asks from the whole pool");
	for (i = 0; i < 6 && marks[i] != '\0'; i++)
		resp[i] = marks[i] == '1' ? "true" : marks[i] == '0' ?
		    "false" : NULL;
	attempt_result(z, p, resp, r);
	attempt_plan_free(p);
}

Test(attempt, mastery_loads_as_of_and_correct)
{
	const struct quiz	*a = load_quiz(mastery_row);
	const struct quiz	*b = load_quiz(mastery_of);

	cr_expect_eq(a->mastery_of, 3);
	cr_expect_eq(a->mastery_correct, 3);
	cr_expect_eq(a->pass_pct, 0);
	cr_expect_eq(b->mastery_of, 5);
	cr_expect_eq(b->mastery_correct, 4);
}

Test(attempt, mastery_in_a_row)
{
	const struct quiz	*z = load_quiz(mastery_row);
	struct attempt_result	 r;

	mastery_result(z, "111---", &r);
	cr_expect(r.passed, "three right from the start");
	cr_expect_float_eq(r.max, 3, 1e-12, "max counts what was asked");
	cr_expect_float_eq(r.percent, 100, 1e-12);
	attempt_result_release(&r);
	mastery_result(z, "11011-", &r);
	cr_expect(!r.passed, "a miss breaks the row");
	cr_expect_float_eq(r.raw, 4, 1e-12);
	cr_expect_float_eq(r.max, 5, 1e-12);
	attempt_result_release(&r);
	mastery_result(z, "110111", &r);
	cr_expect(r.passed, "three in a row after a miss");
	attempt_result_release(&r);
	mastery_result(z, "", &r);
	cr_expect(!r.passed, "nothing answered");
	attempt_result_release(&r);
}

Test(attempt, mastery_of_the_last)
{
	const struct quiz	*z = load_quiz(mastery_of);
	struct attempt_result	 r;

	mastery_result(z, "1111--", &r);
	cr_expect(r.passed, "4 right of the first 4 (fewer than 5)");
	attempt_result_release(&r);
	mastery_result(z, "10111-", &r);
	cr_expect(r.passed, "4 of the last 5");
	attempt_result_release(&r);
	mastery_result(z, "100111", &r);
	cr_expect(!r.passed, "never 4 in any 5 in a row of answers");
	attempt_result_release(&r);
	mastery_result(z, "101101", &r);
	cr_expect(!r.passed, "never more than 3 of any 5");
	attempt_result_release(&r);
}
