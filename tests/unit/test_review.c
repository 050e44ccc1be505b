/*
 * Review of missed questions (learn/review.h, store/store_review.h) on a
 * real progress file: what enters the set, when it is due, a review and
 * its statement, 'review: false', removed and changed questions, and that
 * reviews leave attempts and answers alone.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/course.h"
#include "content/load.h"
#include "learn/attempt.h"
#include "learn/fsrs.h"
#include "learn/learn.h"
#include "learn/review.h"
#include "store/store.h"
#include "store/store_review.h"

#include "helpers.h"

/* 2026-12-05 10:00:00 in Bangkok */
#define T0	((time_t)1796439600)
#define DAY	((time_t)86400)
#define EPS	1e-6

static char		 dir[64];
static struct store	*st;
static struct learn	 L;
static struct course	*course;
static time_t		 clock_s;

static time_t
clock_now(void)
{
	return clock_s;
}

static void
setup(void)
{
	struct store_officer	o;
	char			path[128];

	setenv("TZ", "Asia/Bangkok", 1);
	tzset();
	tmp_dir_make(dir, sizeof dir, "review");
	snprintf(path, sizeof path, "%s/progress.db", dir);
	st = store_open_ok(path);
	officer_add_ok(st, &o, "OFF-001", "สมหญิง ใจดี", "service", NULL, T0);
	learn_init(&L, st, &o, "https://lrs.example.go.th",
	    "https://rianru.example.go.th/xapi", "th-TH");
	clock_s = T0;
	L.now = clock_now;
	course = NULL;
}

static void
teardown(void)
{
	course_free(course);
	store_close(st);
	tmp_dir_remove(dir);
}

TestSuite(review, .init = setup, .fini = teardown);

/*
 * (Re)write and load course 'rv' with module 'm' and quiz 'q': questions
 * q1 (true-false, answer true, prompt 'prompt1'), q2 (true-false, answer
 * false) and, when 'with_q3', q3. 'extra' goes into course.yaml.
 */
static void
load(const char *extra, const char *prompt1, int with_q3)
{
	char		 path[128], text[1024];

	course_free(course);
	snprintf(path, sizeof path, "%s/course", dir);
	mkdir(path, 0700);
	snprintf(text, sizeof text, "rianru: 1\nid: rv\nversion: 1.0.0\n"
	    "title: Review\naudience: all\narea: digital-literacy\n"
	    "level: early\nhours: 1\nmodules: [m.yaml]\n%s", extra);
	write_file(path, "course.yaml", text);
	snprintf(text, sizeof text, "id: m\ntitle: M\npages:\n"
	    "  - { id: p1, title: P, text: T }\nquiz:\n  id: q\n  pass: 50%%\n"
	    "  questions:\n"
	    "    - { id: q1, type: true-false, prompt: %s, answer: true }\n"
	    "    - { id: q2, type: true-false, prompt: two, answer: false }\n"
	    "%s", prompt1, with_q3 ? "    - { id: q3, type: true-false, "
	    "prompt: three, answer: true }\n" : "");
	write_file(path, "m.yaml", text);
	course = load_course_dir_ok(path);
}

/* Answer every question of a new attempt: q1 and q2 wrong, q3 right. */
static void
miss_two(void)
{
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct err		 e;
	size_t			 i;

	err_clear(&e);
	la = learn_attempt_begin(&L, course, &course->modules[0], &e);
	cr_assert_not_null(la, "%s", e.msg);
	for (i = 0; i < la->n; i++) {
		const char *id = la->plan->qs[i].q->id;
		const char *r = strcmp(id, "q1") == 0 ? "false" :
		    strcmp(id, "q2") == 0 ? "true" : "true";

		cr_assert_eq(learn_answer(&L, la, i, r, &sc, &e), 0, "%s",
		    e.msg);
	}
	cr_assert_eq(learn_attempt_finish(&L, la, &res, &e), 0, "%s", e.msg);
	attempt_result_release(&res);
	learn_attempt_free(la);
}

static size_t
due_count(void)
{
	struct store_review	*list;
	size_t			 n;
	struct err		 e;

	cr_assert_eq(learn_review_due(&L, NULL, &list, &n, &e), 0, "%s",
	    e.msg);
	free(list);
	return n;
}

Test(review, misses_enter_as_again)
{
	struct store_review	r;
	struct err		e;

	load("", "one", 1);
	miss_two();
	/* first review graded again: D0(1) = w4 = 7.1949, S0(1) = w0 =
	 * 0.40255, interval max(1, round(0.40255)) = 1 day */
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q1", &r,
	    &e), 0);
	cr_assert_float_eq(r.difficulty, 7.1949, EPS);
	cr_assert_float_eq(r.stability, 0.40255, EPS);
	cr_assert_eq(r.reps, 1);
	cr_assert_eq(r.due, T0 + DAY);
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q2", &r,
	    &e), 0);
	/* a right answer stays out */
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q3", &r,
	    &e), 1);
	/* nothing due today, both tomorrow */
	cr_assert_eq(due_count(), 0);
	clock_s = T0 + DAY;
	cr_assert_eq(due_count(), 2);
}

Test(review, right_after_feedback_stays)
{
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct store_review	 r;
	struct err		 e;
	size_t			 i;

	load("", "one", 0);
	la = learn_attempt_begin(&L, course, &course->modules[0], &e);
	cr_assert_not_null(la);
	for (i = 0; i < la->n && strcmp(la->plan->qs[i].q->id, "q1"); i++)
		;
	cr_assert_eq(learn_answer(&L, la, i, "false", &sc, &e), 0);
	cr_assert_eq(learn_answer(&L, la, i, "true", &sc, &e), 0);
	cr_assert(sc.correct);
	learn_attempt_free(la);
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q1", &r,
	    &e), 0);
}

Test(review, review_off_keeps_nothing)
{
	struct store_review	r;
	struct err		e;

	load("", "one", 1);
	miss_two();
	load("review: false\n", "one", 1);
	cr_assert_eq(course->review, 0);
	cr_assert_eq(learn_review_sync(&L, course, &e), 0, "%s", e.msg);
	clock_s = T0 + 10 * DAY;
	cr_assert_eq(due_count(), 0);
	miss_two();
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q1", &r,
	    &e), 1);
}

Test(review, removed_leaves_changed_restarts)
{
	struct store_review	r;
	struct err		e;

	load("", "one", 1);
	miss_two();
	cr_assert_eq(store_review_put(st, &(struct store_review){
	    .officer_id = L.officer.id, .course_id = "rv", .quiz_id = "q",
	    .question_id = "q3", .qhash = "x", .difficulty = 5,
	    .stability = 9, .reps = 2, .last = T0, .due = T0 + 9 * DAY,
	    .added = T0 }, &e), 0, "%s", e.msg);
	/* q3 removed, q1's prompt changed */
	load("", "one changed", 0);
	clock_s = T0 + 3600;
	cr_assert_eq(learn_review_sync(&L, course, &e), 0, "%s", e.msg);
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q3", &r,
	    &e), 1);
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q1", &r,
	    &e), 0);
	cr_assert_eq(r.reps, 0);
	cr_assert_eq(r.due, T0 + 3600);
	cr_assert_eq(r.added, T0);
	/* q2 unchanged keeps its schedule */
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q2", &r,
	    &e), 0);
	cr_assert_eq(r.reps, 1);
	cr_assert_eq(due_count(), 1);
	/* a restarted card's first review is a first review: good gives
	 * D0(3) = 5.2824344 and S0(3) = w2 = 3.173 */
	cr_assert_eq(store_review_get(st, L.officer.id, "rv", "q", "q1", &r,
	    &e), 0);
	{
		const struct module	*m;
		const struct question	*q;
		struct attempt_score	 sc;

		cr_assert_eq(learn_review_find(course, &r, &m, &q), 0);
		cr_assert_eq(learn_review_answer(&L, course, m, q, &r, "true",
		    &sc, &e), 0, "%s", e.msg);
	}
	cr_assert_float_eq(r.difficulty, 5.2824344, EPS);
	cr_assert_float_eq(r.stability, 3.173, EPS);
}

/* Verb, registration and review extension of the newest statement. */
static void
last_statement(char *verb, size_t vlen, int *has_reg, double *stab)
{
	json_t		*j, *v;
	json_error_t	 je;
	FILE		*p;
	char		 cmd[256], line[8192];

	snprintf(cmd, sizeof cmd, "sqlite3 '%s/progress.db' \"SELECT json "
	    "FROM outbox ORDER BY seq DESC LIMIT 1\"", dir);
	cr_assert_not_null(p = popen(cmd, "r"));
	cr_assert_not_null(fgets(line, sizeof line, p));
	pclose(p);
	cr_assert_not_null(j = json_loads(line, 0, &je), "%s", je.text);
	snprintf(verb, vlen, "%s", json_string_value(json_object_get(
	    json_object_get(j, "verb"), "id")));
	*has_reg = json_object_get(json_object_get(j, "context"),
	    "registration") != NULL;
	v = json_object_get(json_object_get(json_object_get(j, "context"),
	    "extensions"), "https://rianru.example.go.th/xapi/extension/"
	    "review");
	cr_assert_not_null(v);
	*stab = json_real_value(json_object_get(v, "stability"));
	json_decref(j);
}

Test(review, review_is_its_own_statement)
{
	struct store_review	*list;
	struct store_attempt	*al;
	struct store_answer	*ans;
	const struct module	*m;
	const struct question	*q;
	struct attempt_score	 sc;
	struct err		 e;
	size_t			 n, na, nans;
	int64_t			 logged;
	char			 verb[256];
	int			 reg;
	double			 stab;

	load("", "one", 1);
	miss_two();
	cr_assert_eq(store_attempt_list(st, L.officer.id, "rv", NULL, &al,
	    &na, &e), 0);
	cr_assert_eq(na, 1);
	cr_assert_eq(store_answers(st, al[0].id, &ans, &nans, &e), 0);
	cr_assert_eq(nans, 3);
	store_answer_list_free(ans, nans);

	clock_s = T0 + 2 * DAY;
	cr_assert_eq(learn_review_due(&L, NULL, &list, &n, &e), 0);
	cr_assert_eq(n, 2);
	cr_assert_eq(learn_review_find(course, &list[0], &m, &q), 0);
	cr_assert_eq(learn_review_answer(&L, course, m, q, &list[0],
	    strcmp(q->id, "q1") == 0 ? "true" : "false", &sc, &e), 0, "%s",
	    e.msg);
	cr_assert(sc.correct);
	/* good two days after the miss: S = 3.4962271 (test_fsrs.c),
	 * due in 3 days */
	cr_assert_float_eq(list[0].stability, 3.4962271, EPS);
	cr_assert_eq(list[0].due, T0 + 5 * DAY);
	last_statement(verb, sizeof verb, &reg, &stab);
	cr_assert_str_eq(verb, "https://rianru.example.go.th/xapi/verb/"
	    "reviewed");
	cr_assert_eq(reg, 0);
	cr_assert_float_eq(stab, 3.4962271, EPS);
	free(list);
	cr_assert_eq(store_review_logged(st, L.officer.id, &logged, &e), 0);
	cr_assert_eq(logged, 1);
	cr_assert_eq(due_count(), 1);

	/* the attempt and its answers are as they were */
	store_attempt_list_free(al, na);
	cr_assert_eq(store_attempt_list(st, L.officer.id, "rv", NULL, &al,
	    &na, &e), 0);
	cr_assert_eq(na, 1);
	cr_assert_eq(store_answers(st, al[0].id, &ans, &nans, &e), 0);
	cr_assert_eq(nans, 3);
	store_answer_list_free(ans, nans);
	store_attempt_list_free(al, na);
}

/* A review session runs in the quiz's own machinery and records reviews. */
Test(review, session_through_learn_attempt)
{
	struct store_review	*list;
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct store_attempt	*al;
	struct err		 e;
	size_t			 n, na, i;
	int64_t			 logged;

	load("", "one", 1);
	miss_two();
	clock_s = T0 + DAY;
	cr_assert_eq(learn_review_due(&L, "rv", &list, &n, &e), 0);
	cr_assert_eq(n, 2);
	la = learn_review_begin(&L, course, &course->modules[0], list, n, &e);
	cr_assert_not_null(la, "%s", e.msg);
	free(list);
	cr_assert_eq(la->n, 2);
	for (i = 0; i < la->n; i++)
		cr_assert_eq(learn_answer(&L, la, i,
		    "true",
		    &sc, &e), 0, "%s", e.msg);
	cr_assert_eq(learn_attempt_finish(&L, la, &res, &e), 0);
	cr_assert_eq(res.ncorrect, 1);
	attempt_result_release(&res);
	learn_attempt_free(la);
	cr_assert_eq(store_review_logged(st, L.officer.id, &logged, &e), 0);
	cr_assert_eq(logged, 2);
	/* q2 missed again stays due tomorrow; q1 moved on */
	cr_assert_eq(due_count(), 0);
	clock_s = T0 + 2 * DAY;
	cr_assert_eq(due_count(), 1);
	cr_assert_eq(store_attempt_list(st, L.officer.id, "rv", NULL, &al,
	    &na, &e), 0);
	cr_assert_eq(na, 1);
	store_attempt_list_free(al, na);
}

/*
 * What decides results and certificates, as one string: the attempts and
 * their scores, modules done, the course's completion, certificates, and
 * every statement queued that is not a review.
 */
static void
results_snapshot(char *out, size_t len)
{
	FILE	*p;
	char	 cmd[1024];
	size_t	 n;

	snprintf(cmd, sizeof cmd, "sqlite3 '%s/progress.db' \""
	    "SELECT id, finished, points, max_points, passed FROM attempt "
	    "ORDER BY id; SELECT module_id, done FROM module_progress "
	    "ORDER BY 1; SELECT course_id, completed FROM enrolment; "
	    "SELECT count(*) FROM certificate; SELECT stmt_id FROM outbox "
	    "WHERE json NOT LIKE '%%/verb/reviewed%%' ORDER BY seq\"", dir);
	cr_assert_not_null(p = popen(cmd, "r"));
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	cr_assert_eq(pclose(p), 0, "%s", cmd);
}

/*
 * A passed quiz with one miss, reviewed wrong in a session and then
 * right: the attempt, its score and pass, the module and course, and
 * the statements that carry them are exactly as they were.
 */
Test(review, reviews_leave_results_and_completion_alone)
{
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct store_review	*list;
	const struct module	*m;
	const struct question	*q;
	struct err		 e;
	size_t			 n, i;
	char			 before[8192], after[8192];

	load("", "one", 1);
	la = learn_attempt_begin(&L, course, &course->modules[0], &e);
	cr_assert_not_null(la, "%s", e.msg);
	for (i = 0; i < la->n; i++)	/* q1 wrong, q2 and q3 right */
		cr_assert_eq(learn_answer(&L, la, i, strcmp(la->plan->qs[i].q->id,
		    "q3") == 0 ? "true" : "false", &sc, &e), 0, "%s", e.msg);
	cr_assert_eq(learn_attempt_finish(&L, la, &res, &e), 0, "%s", e.msg);
	cr_assert(res.passed);
	attempt_result_release(&res);
	learn_attempt_free(la);
	results_snapshot(before, sizeof before);
	cr_assert_neq(strstr(before, "|1\n"), NULL, "a passed attempt: %s",
	    before);

	/* a review session, q1 missed again */
	clock_s = T0 + DAY;
	cr_assert_eq(learn_review_due(&L, "rv", &list, &n, &e), 0);
	cr_assert_eq(n, 1);
	la = learn_review_begin(&L, course, &course->modules[0], list, n, &e);
	cr_assert_not_null(la, "%s", e.msg);
	free(list);
	cr_assert_eq(learn_answer(&L, la, 0, "false", &sc, &e), 0, "%s",
	    e.msg);
	cr_assert(!sc.correct);
	cr_assert_eq(learn_attempt_finish(&L, la, &res, &e), 0);
	cr_assert(!res.passed);
	attempt_result_release(&res);
	learn_attempt_free(la);
	/* and reviewed right the next day */
	clock_s = T0 + 2 * DAY;
	cr_assert_eq(learn_review_due(&L, "rv", &list, &n, &e), 0);
	cr_assert_eq(n, 1);
	cr_assert_eq(learn_review_find(course, &list[0], &m, &q), 0);
	cr_assert_eq(learn_review_answer(&L, course, m, q, &list[0], "true",
	    &sc, &e), 0, "%s", e.msg);
	free(list);

	results_snapshot(after, sizeof after);
	cr_assert_str_eq(after, before);
}
