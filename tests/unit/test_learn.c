/*
 * The learner's actions (lib/learn) on a real progress file in a temporary
 * directory, with an injected clock that ticks one second per call. Every
 * test ends with check_store(): the event/outbox invariant holds and every
 * queued statement is JSON with the verb its event kind calls for. The
 * event kinds are read with SQLite directly, as test_store.c does.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "learn/attempt.h"
#include "base/buf.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "learn/learn.h"
#include "content/load.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_event.h"
#include "store/store_outbox.h"
#include "store/store_query.h"

#include "helpers.h"

#define T0		((time_t)1700000000)
#define VERB_BASE	"http://adlnet.gov/expapi/verbs/"
#define TYPE_BASE	"http://adlnet.gov/expapi/activities/"

static char		 dir[64];
static char		 dbpath[128];
static struct store	*st;
static struct learn	 L;
static struct course	*course;	/* freed by teardown */
static time_t		 clock_s;

static time_t
tick(void)
{
	return ++clock_s;
}

static void
setup(void)
{
	struct store_officer	o;

	tmp_dir_make(dir, sizeof dir, "learn");
	snprintf(dbpath, sizeof dbpath, "%s/progress.db", dir);
	st = store_open_ok(dbpath);
	officer_add_ok(st, &o, "OFF-001", "สมหญิง ใจดี", "service",
	    "กรมการปกครอง", T0);
	learn_init(&L, st, &o, "https://lrs.example.go.th",
	    "https://rianru.example.go.th/xapi", "th-TH");
	clock_s = T0;
	L.now = tick;
	course = NULL;
}

static void
teardown(void)
{
	course_free(course);
	course = NULL;
	store_close(st);
	st = NULL;
	tmp_dir_remove(dir);
}

TestSuite(learn, .init = setup, .fini = teardown);

/* ---- content ---- */

/*
 * A module 'id' with 'npages' pages (ids id-p1, ...) and, when 'quiz' is
 * not NULL, a quiz of four questions worth 5 points with a 60% pass mark
 * (so 3 points pass): id-choice (1, answer "right"), id-tf (1, "false"),
 * id-num (2, 12 +/- 0.5) and id-fill (1, "ONDE").
 */
static void
module_text(struct buf *b, const char *id, int npages, const char *quiz,
    int attempts, int shuffle)
{
	char	line[256];
	int	i;

	snprintf(line, sizeof line, "id: %s\ntitle: { th: บท %s, en: %s }\n",
	    id, id, id);
	buf_adds(b, line);
	if (npages > 0)
		buf_adds(b, "pages:\n");
	for (i = 1; i <= npages; i++) {
		snprintf(line, sizeof line, "  - id: %s-p%d\n"
		    "    title: { th: หน้า %d, en: Page %d }\n"
		    "    text: { th: ข้อความ, en: Text }\n", id, i, i, i);
		buf_adds(b, line);
	}
	if (quiz == NULL)
		return;
	snprintf(line, sizeof line, "quiz:\n  id: %s\n  pass: 60%%\n"
	    "  attempts: %d\n  shuffle: %s\n  questions:\n", quiz, attempts,
	    shuffle ? "[questions, choices]" : "[]");
	buf_adds(b, line);
	snprintf(line, sizeof line,
	    "    - id: %s-choice\n      type: choice\n"
	    "      prompt: { th: เลือก, en: Pick }\n      choices:\n"
	    "        - text: one\n"
	    "        - { id: right, text: two, correct: true }\n"
	    "        - text: three\n", id);
	buf_adds(b, line);
	snprintf(line, sizeof line,
	    "    - id: %s-tf\n      type: true-false\n      prompt: p\n"
	    "      answer: false\n", id);
	buf_adds(b, line);
	snprintf(line, sizeof line,
	    "    - id: %s-num\n      type: numeric\n      prompt: p\n"
	    "      answer: 12\n      tolerance: 0.5\n      points: 2\n", id);
	buf_adds(b, line);
	snprintf(line, sizeof line,
	    "    - id: %s-fill\n      type: fill-in\n      prompt: p\n"
	    "      answers: [สดช., ONDE]\n", id);
	buf_adds(b, line);
}

/* One module as a preview course (load_module_mem); owned by 'course'. */
static const struct module *
one_module(int npages, const char *quiz, int attempts, int shuffle)
{
	struct buf	b;

	buf_init(&b);
	module_text(&b, "m1", npages, quiz, attempts, shuffle);
	course = load_module_ok("m1.yaml", b.data);
	buf_release(&b);
	return &course->modules[0];
}

static void
course_file(const char *name, const char *text)
{
	char	 path[256];
	FILE	*f;

	snprintf(path, sizeof path, "%s/course/%s", dir, name);
	cr_assert_not_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

/*
 * A two-module course on disk: module 'ma' (2 pages, quiz 'qa' when
 * 'quiz_a') and 'mb' (2 pages, quiz 'qb'), 2.5 hours, with 'completion'
 * (a YAML line, or "" for the default all-modules).
 */
static void
two_modules(const char *completion, int quiz_a)
{
	struct buf	b;
	char		path[128], text[1024];

	snprintf(path, sizeof path, "%s/course", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	snprintf(text, sizeof text,
	    "rianru: 1\nid: two\nversion: 1.2.0\n"
	    "title: { th: สองบท, en: Two modules }\n"
	    "audience: all\narea: digital-literacy\nlevel: early\n"
	    "hours: 2.5\nmodules: [a.yaml, b.yaml]\n%s", completion);
	course_file("course.yaml", text);
	buf_init(&b);
	module_text(&b, "ma", 2, quiz_a ? "qa" : NULL, 0, 0);
	course_file("a.yaml", b.data);
	buf_reset(&b);
	module_text(&b, "mb", 2, "qb", 0, 0);
	course_file("b.yaml", b.data);
	buf_release(&b);
	course = load_course_dir_ok(path);
	cr_assert_eq(course->nmodules, 2);
}

/* ---- what the store holds ---- */

static int64_t
pending(void)
{
	int64_t		c[STORE_OB_NSTATES];
	struct err	e;

	cr_assert_eq(store_outbox_counts(st, c, &e), 0, "%s", e.msg);
	return c[STORE_OB_PENDING];
}

struct verbs {
	struct buf	list;	/* "experienced answered ..." */
	int		bad;
	char		why[256];
	int64_t		n;
};

/* Every pending row: JSON with its id and a verb; collect the verbs. */
static int
verbs_row(const struct store_outbox_row *r, void *arg)
{
	struct verbs	*v = arg;
	json_t		*j;
	json_error_t	 je;
	const char	*verb = NULL, *id = NULL;

	v->n++;
	if ((j = json_loadb(r->json, r->json_len, 0, &je)) == NULL) {
		v->bad = 1;
		snprintf(v->why, sizeof v->why, "%s: %s", r->stmt_id, je.text);
		return 0;
	}
	if (json_unpack(j, "{s:s, s:{s:s}}", "id", &id, "verb", "id",
	    &verb) == -1 || strcmp(id, r->stmt_id) != 0 ||
	    strncmp(verb, VERB_BASE, strlen(VERB_BASE)) != 0) {
		v->bad = 1;
		snprintf(v->why, sizeof v->why, "%s: bad id or verb",
		    r->stmt_id);
	} else {
		if (v->list.len > 0)
			buf_addc(&v->list, ' ');
		buf_adds(&v->list, verb + strlen(VERB_BASE));
	}
	json_decref(j);
	return 0;
}

/* The verbs of the outbox in creation order, space separated; caller frees. */
static char *
verbs(void)
{
	struct verbs	v;
	struct err	e;

	memset(&v, 0, sizeof v);
	buf_init(&v.list);
	cr_assert_geq(store_outbox_list(st, STORE_OB_PENDING, verbs_row, &v,
	    &e), 0, "%s", e.msg);
	cr_assert(!v.bad, "%s", v.why);
	cr_assert_eq(v.n, pending());
	return buf_detach(&v.list, NULL);
}

#define assert_verbs(want) do {						\
	char	*got_ = verbs();					\
	cr_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

/* How many statements of the outbox have verb 'verb'. */
static int
count_verb(const char *verb)
{
	char	*all, *w, *save = NULL;
	int	 n = 0;

	all = verbs();
	for (w = strtok_r(all, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		n += strcmp(w, verb) == 0;
	free(all);
	return n;
}

/* The verb (and object type) each kind of event must carry. */
static void
check_kind(const char *kind, json_t *j)
{
	const char	*verb = "", *type = "";
	int		 success = -1;
	json_t		*res;

	cr_assert_eq(json_unpack(j, "{s:{s:s}, s:{s:{s:s}}}", "verb", "id",
	    &verb, "object", "definition", "type", &type), 0,
	    "%s statement without verb or object type", kind);
	verb += strlen(VERB_BASE);
	type += strlen(TYPE_BASE);
	if ((res = json_object_get(j, "result")) != NULL &&
	    json_object_get(res, "success") != NULL)
		success = json_is_true(json_object_get(res, "success"));
	if (strcmp(kind, "page") == 0) {
		cr_assert_str_eq(verb, "experienced");
		cr_assert_str_eq(type, "lesson");
	} else if (strcmp(kind, "attempt") == 0) {
		cr_assert_str_eq(verb, "attempted");
		cr_assert_str_eq(type, "assessment");
	} else if (strcmp(kind, "answer") == 0) {
		cr_assert_str_eq(verb, "answered");
		cr_assert_str_eq(type, "cmi.interaction");
	} else if (strcmp(kind, "result") == 0) {
		cr_assert(strcmp(verb, "passed") == 0 ||
		    strcmp(verb, "failed") == 0, "result verb %s", verb);
		cr_assert_eq(success, strcmp(verb, "passed") == 0);
	} else if (strcmp(kind, "module") == 0) {
		cr_assert_str_eq(verb, "completed");
		cr_assert_str_eq(type, "module");
	} else if (strcmp(kind, "course") == 0) {
		cr_assert_str_eq(verb, "completed");
		cr_assert_str_eq(type, "course");
	} else
		cr_assert_fail("unknown event kind '%s'", kind);
}

/*
 * The invariant after every scenario: the file is sound, every event has
 * its statement and every statement its event, and each statement parses
 * with the verb of its event's kind.
 */
static void
check_store(void)
{
	struct store_check	 c;
	struct err		 e;
	sqlite3			*db;
	sqlite3_stmt		*s;
	json_t			*j;
	json_error_t		 je;
	int			 rc, n = 0;
	char			*all;

	cr_assert_eq(store_check(st, &c, &e), 0, "%s", e.msg);
	cr_assert(c.ok, "integrity: %s", c.first);
	cr_assert_eq(c.missing, 0);
	cr_assert_eq(c.orphans, 0);
	cr_assert_eq(c.statements, c.events);
	cr_assert_eq(pending(), c.statements);
	all = verbs();			/* checks every pending row parses */
	free(all);

	cr_assert_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT e.kind, o.json FROM "
	    "event e JOIN outbox o ON o.stmt_id = e.stmt_id ORDER BY o.seq",
	    -1, &s, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		j = json_loads((const char *)sqlite3_column_text(s, 1), 0, &je);
		cr_assert_not_null(j, "%s", je.text);
		check_kind((const char *)sqlite3_column_text(s, 0), j);
		json_decref(j);
		n++;
	}
	cr_assert_eq(rc, SQLITE_DONE);
	sqlite3_finalize(s);
	sqlite3_close(db);
	cr_assert_eq(n, c.events);
}

static void
state(struct learn_course *lc)
{
	struct err	e;

	cr_assert_eq(learn_course_state(&L, course, lc, &e), 0, "%s", e.msg);
	cr_assert_eq(lc->nmodules, course->nmodules);
}

static void
progress(struct store_progress *out)
{
	struct store_progress	*pr;
	struct err		 e;
	size_t			 n;

	cr_assert_eq(store_progress(st, L.officer.id, course->id, &pr, &n,
	    &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	*out = pr[0];
	free(pr);
}

static void
read_page(const struct module *m, size_t page)
{
	struct err	e;

	cr_assert_eq(learn_read_page(&L, course, m, page, &e), 0, "%s",
	    e.msg);
}

static void
read_all(const struct module *m)
{
	size_t	i;

	for (i = 0; i < m->npages; i++)
		read_page(m, i);
}

/*
 * The statement of the one event of kind 'kind' (the test expects exactly
 * one); the caller frees it with json_decref().
 */
static json_t *
kind_json(const char *kind)
{
	sqlite3		*db;
	sqlite3_stmt	*s;
	json_t		*j = NULL;
	int		 n = 0;

	cr_assert_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT o.json FROM event e JOIN "
	    "outbox o ON o.stmt_id = e.stmt_id WHERE e.kind = ?", -1, &s,
	    NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n++ == 0)
			j = json_loads((const char *)sqlite3_column_text(s, 0),
			    0, NULL);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	cr_assert_eq(n, 1, "%d '%s' statements", n, kind);
	cr_assert_not_null(j);
	return j;
}

/* The credited hours in the course's "completed" statement. */
static double
statement_hours(void)
{
	json_t		*j, *ext, *h;
	const char	*k;
	double		 v = -1;

	j = kind_json("course");
	ext = json_object_get(json_object_get(j, "result"), "extensions");
	json_object_foreach(ext, k, h)
		if (strstr(k, "credited-hours") != NULL)
			v = json_number_value(h);
	json_decref(j);
	return v;
}

/* ---- quiz helpers ---- */

static struct learn_attempt *
begin(const struct module *m)
{
	struct learn_attempt	*la;
	struct err		 e;

	err_clear(&e);
	la = learn_attempt_begin(&L, course, m, &e);
	cr_assert_not_null(la, "%s", e.msg);
	cr_assert_not_null(la->plan);
	cr_assert_eq(la->n, la->plan->n);
	return la;
}

/* A right or a wrong response to 'q' of the quiz made by module_text(). */
static const char *
response(const struct question *q, int right)
{
	switch (q->type) {
	case Q_CHOICE:
		return right ? "right" : "a";
	case Q_TRUE_FALSE:
		return right ? "false" : "true";
	case Q_NUMERIC:
		return right ? "12.4" : "13";
	case Q_FILL_IN:
		return right ? "onde" : "ก.พ.";
	default:
		cr_assert_fail("no response for '%s'", q->id);
	}
	return NULL;
}

/* Index in the plan of the question whose id ends in 'suffix'. */
static size_t
plan_index(const struct learn_attempt *la, const char *suffix)
{
	size_t	i, n = strlen(suffix), len;

	for (i = 0; i < la->n; i++) {
		len = strlen(la->plan->qs[i].q->id);
		if (len >= n &&
		    strcmp(la->plan->qs[i].q->id + len - n, suffix) == 0)
			return i;
	}
	cr_assert_fail("no question '*%s' in the plan", suffix);
	return 0;
}

static struct attempt_score
answer(struct learn_attempt *la, size_t i, const char *resp)
{
	struct attempt_score	sc;
	struct err		e;

	cr_assert_eq(learn_answer(&L, la, i, resp, &sc, &e), 0, "%s", e.msg);
	return sc;
}

static void
answer_all(struct learn_attempt *la, int right)
{
	size_t	i;

	for (i = 0; i < la->n; i++)
		answer(la, i, response(la->plan->qs[i].q, right));
}

static void
finish(struct learn_attempt *la, struct attempt_result *res)
{
	struct err	e;

	cr_assert_eq(learn_attempt_finish(&L, la, res, &e), 0, "%s", e.msg);
}

/* Take the quiz of 'm' once, every answer right or wrong; 1 if passed. */
static int
take_quiz(const struct module *m, int right)
{
	struct learn_attempt	*la;
	struct attempt_result	 res;
	int			 passed;

	la = begin(m);
	answer_all(la, right);
	finish(la, &res);
	passed = res.passed;
	attempt_result_release(&res);
	learn_attempt_free(la);
	return passed;
}

/* ---- pages ---- */

Test(learn, read_page_enrols_and_records_the_first_view_once)
{
	const struct module	*m;
	struct learn_course	 lc;
	struct err		 e;
	time_t			 first_at;

	m = one_module(3, NULL, 0, 0);
	state(&lc);
	cr_assert_eq(lc.enrolled, 0);
	cr_assert_eq(lc.resume_at, 0);
	cr_assert_str_eq(lc.resume_module, "");
	learn_course_release(&lc);

	read_page(m, 0);
	cr_assert_eq(pending(), 1);
	assert_verbs("experienced");
	state(&lc);
	cr_assert_eq(lc.enrolled, 1);
	cr_assert_eq(lc.modules[0].pages_seen, 1);
	cr_assert_str_eq(lc.resume_module, "m1");
	cr_assert_str_eq(lc.resume_page, "m1-p1");
	cr_assert_gt(lc.resume_at, T0);
	cr_assert_leq(lc.resume_at, clock_s);
	first_at = lc.resume_at;
	learn_course_release(&lc);

	read_page(m, 1);
	cr_assert_eq(pending(), 2);
	state(&lc);
	cr_assert_eq(lc.modules[0].pages_seen, 2);
	cr_assert_str_eq(lc.resume_page, "m1-p2");
	learn_course_release(&lc);

	/* Back to the first page: no statement, but the place moves. */
	read_page(m, 0);
	cr_assert_eq(pending(), 2);
	assert_verbs("experienced experienced");
	state(&lc);
	cr_assert_eq(lc.modules[0].pages_seen, 2);
	cr_assert_eq(lc.modules[0].done, 0);
	cr_assert_str_eq(lc.resume_module, "m1");
	cr_assert_str_eq(lc.resume_page, "m1-p1");
	cr_assert_gt(lc.resume_at, first_at);
	learn_course_release(&lc);

	/* A page that is not there is an error and writes nothing. */
	cr_assert_eq(learn_read_page(&L, course, m, 3, &e), -1);
	cr_assert_str_eq(e.msg, "no page 4 in module 'm1'");
	cr_assert_eq(pending(), 2);
	check_store();
}

Test(learn, module_without_quiz_is_done_after_its_last_page)
{
	const struct module	*m;
	struct learn_course	 lc;
	struct store_progress	 p;

	m = one_module(3, NULL, 0, 0);
	/* the last page first: all pages must be seen, not the last one */
	read_page(m, 2);
	read_page(m, 0);
	state(&lc);
	cr_assert_eq(lc.modules[0].pages_seen, 2);
	cr_assert_eq(lc.modules[0].done, 0);
	cr_assert_eq(lc.modules_done, 0);
	cr_assert_eq(lc.complete, 0);
	learn_course_release(&lc);
	cr_assert_eq(count_verb("completed"), 0);

	read_page(m, 1);
	state(&lc);
	cr_assert_eq(lc.modules[0].pages_seen, 3);
	cr_assert_eq(lc.modules[0].done, 1);
	cr_assert_eq(lc.modules_done, 1);
	cr_assert_eq(lc.complete, 1);	/* one module, all-modules */
	learn_course_release(&lc);
	/* one for the module, one for the course */
	assert_verbs("experienced experienced experienced completed "
	    "completed");

	/* Reading it all again completes nothing twice. */
	read_all(m);
	read_all(m);
	cr_assert_eq(count_verb("completed"), 2);
	cr_assert_eq(pending(), 5);
	progress(&p);
	cr_assert_eq(p.modules_done, 1);
	cr_assert_neq(p.completed, 0);
	check_store();
}

Test(learn, module_with_quiz_is_done_only_when_the_quiz_is_passed)
{
	const struct module	*m;
	struct learn_course	 lc;

	m = one_module(2, "quiz1", 0, 0);
	read_all(m);
	state(&lc);
	cr_assert_eq(lc.modules[0].pages_seen, 2);
	cr_assert_eq(lc.modules[0].done, 0);
	cr_assert_eq(lc.complete, 0);
	learn_course_release(&lc);
	cr_assert_eq(count_verb("completed"), 0);

	cr_assert_eq(take_quiz(m, 0), 0);
	state(&lc);
	cr_assert_eq(lc.modules[0].attempts, 1);
	cr_assert_eq(lc.modules[0].passed, 0);
	cr_assert_float_eq(lc.modules[0].best, 0.0, 1e-9);
	cr_assert_eq(lc.modules[0].done, 0);
	cr_assert_eq(lc.complete, 0);
	learn_course_release(&lc);
	cr_assert_eq(count_verb("completed"), 0);
	cr_assert_eq(count_verb("failed"), 1);

	cr_assert_eq(take_quiz(m, 1), 1);
	state(&lc);
	cr_assert_eq(lc.modules[0].attempts, 2);
	cr_assert_eq(lc.modules[0].passed, 1);
	cr_assert_float_eq(lc.modules[0].best, 1.0, 1e-9);
	cr_assert_eq(lc.modules[0].open, 0);
	cr_assert_eq(lc.modules[0].done, 1);
	cr_assert_eq(lc.complete, 1);
	learn_course_release(&lc);
	assert_verbs("experienced experienced "
	    "attempted answered answered answered answered failed "
	    "attempted answered answered answered answered passed "
	    "completed completed");

	/* Passing again completes nothing twice. */
	cr_assert_eq(take_quiz(m, 1), 1);
	cr_assert_eq(count_verb("completed"), 2);
	check_store();
}

Test(learn, quiz_passed_before_the_pages_are_read_waits_for_them)
{
	const struct module	*m;
	struct learn_course	 lc;

	m = one_module(2, "quiz1", 0, 0);
	read_page(m, 0);
	cr_assert_eq(take_quiz(m, 1), 1);
	state(&lc);
	cr_assert_eq(lc.modules[0].passed, 1);
	cr_assert_eq(lc.modules[0].done, 0);
	learn_course_release(&lc);
	cr_assert_eq(count_verb("completed"), 0);

	read_page(m, 1);
	state(&lc);
	cr_assert_eq(lc.modules[0].done, 1);
	cr_assert_eq(lc.complete, 1);
	learn_course_release(&lc);
	cr_assert_eq(count_verb("completed"), 2);
	check_store();
}

/* ---- attempts ---- */

Test(learn, begin_resumes_the_open_attempt)
{
	const struct module	*m;
	struct learn_attempt	*la, *again, *next;
	struct store_attempt	*list;
	struct learn_course	 lc;
	struct err		 e;
	struct buf		 o1, o2;
	size_t			 i, n, ichoice, inum;
	struct attempt_result	 res;

	m = one_module(1, "quiz1", 0, 1);
	la = begin(m);
	cr_assert_eq(la->n, 4);
	cr_assert_eq(strlen(la->a.id), STORE_UUID_LEN);
	cr_assert_eq(la->a.finished, 0);
	cr_assert_eq(la->a.passed, -1);
	cr_assert_str_eq(la->a.quiz_id, "quiz1");
	cr_assert_not_null(la->a.order);
	for (i = 0; i < la->n; i++)
		cr_assert_null(la->responses[i]);
	ichoice = plan_index(la, "-choice");
	inum = plan_index(la, "-num");
	answer(la, ichoice, "right");
	answer(la, inum, "13");
	state(&lc);
	cr_assert_eq(lc.enrolled, 1);	/* beginning enrols */
	cr_assert_eq(lc.modules[0].open, 1);
	cr_assert_eq(lc.modules[0].attempts, 0);
	learn_course_release(&lc);
	cr_assert_eq(count_verb("attempted"), 1);

	/* The officer leaves and comes back: the same attempt. */
	again = begin(m);
	cr_assert_str_eq(again->a.id, la->a.id);
	cr_assert_str_eq(again->a.order, la->a.order);
	cr_assert_eq(again->n, la->n);
	buf_init(&o1);
	buf_init(&o2);
	attempt_plan_encode(la->plan, &o1);
	attempt_plan_encode(again->plan, &o2);
	cr_assert_str_eq(o2.data, o1.data);
	buf_release(&o1);
	buf_release(&o2);
	for (i = 0; i < la->n; i++) {
		cr_assert_eq(again->plan->qs[i].q, la->plan->qs[i].q);
		if (i == ichoice)
			cr_assert_str_eq(again->responses[i], "right");
		else if (i == inum)
			cr_assert_str_eq(again->responses[i], "13");
		else
			cr_assert_null(again->responses[i]);
	}
	cr_assert_eq(count_verb("attempted"), 1);
	cr_assert_eq(store_attempt_list(st, L.officer.id, course->id, "quiz1",
	    &list, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	store_attempt_list_free(list, n);
	learn_attempt_free(la);

	/* Finished, a new begin is a new attempt. */
	finish(again, &res);
	attempt_result_release(&res);
	next = begin(m);
	cr_assert_str_neq(next->a.id, again->a.id);
	for (i = 0; i < next->n; i++)
		cr_assert_null(next->responses[i]);
	cr_assert_eq(count_verb("attempted"), 2);
	cr_assert_eq(store_attempt_list(st, L.officer.id, course->id, "quiz1",
	    &list, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].id, next->a.id);	/* newest first */
	cr_assert_eq(list[0].finished, 0);
	cr_assert_neq(list[1].finished, 0);
	store_attempt_list_free(list, n);
	learn_attempt_free(again);
	learn_attempt_free(next);
	check_store();
}

Test(learn, attempts_limit_refuses_another_attempt)
{
	const struct module	*m;
	struct learn_attempt	*la, *again;
	struct attempt_result	 res;
	struct store_attempt	*list;
	struct err		 e;
	size_t			 n;
	int64_t			 before;

	m = one_module(1, "once", 1, 0);
	la = begin(m);
	again = begin(m);		/* resuming is not a new attempt */
	cr_assert_str_eq(again->a.id, la->a.id);
	learn_attempt_free(again);
	answer_all(la, 0);
	finish(la, &res);
	cr_assert_eq(res.passed, 0);
	attempt_result_release(&res);
	learn_attempt_free(la);

	before = pending();
	err_clear(&e);
	cr_assert_null(learn_attempt_begin(&L, course, m, &e));
	cr_assert_str_eq(e.msg, "no attempts left at quiz 'once' (1 used)");
	cr_assert_eq(pending(), before);
	cr_assert_eq(store_attempt_list(st, L.officer.id, course->id, "once",
	    &list, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	store_attempt_list_free(list, n);
	check_store();
}

/* The module text of one_module(1, quiz1, attempts, 0), edited by 'edit'. */
static const struct module *
reload_edited(int attempts, void (*edit)(char *text))
{
	struct course	*old = course;
	struct buf	b;

	buf_init(&b);
	module_text(&b, "m1", 1, "quiz1", attempts, 0);
	edit(b.data);
	course = load_module_ok("m1.yaml", b.data);
	buf_release(&b);
	course_free(old);
	return &course->modules[0];
}

static void
drop_fill(char *text)
{
	*strstr(text, "    - id: m1-fill") = '\0';
}

/* The true-false question's key flips from false to true. */
static void
flip_tf(char *text)
{
	char	*p = strstr(strstr(text, "id: m1-tf"), "answer: false");

	memcpy(p, "answer: true ", 13);
}

Test(learn, begin_restarts_an_attempt_whose_plan_no_longer_fits)
{
	const struct module	*m;
	struct learn_attempt	*la;
	struct store_attempt	*list;
	struct store_answer	*ans;
	struct learn_course	 lc;
	struct err		 e;
	char			 old_id[STORE_UUID_LEN + 1];
	size_t			 n;

	m = one_module(1, "quiz1", 2, 0);
	la = begin(m);
	answer(la, plan_index(la, "-choice"), "right");
	snprintf(old_id, sizeof old_id, "%s", la->a.id);
	cr_assert_eq(la->restarted, 0);
	learn_attempt_free(la);
	/* the author drops question m1-fill while the attempt is open */
	m = reload_edited(2, drop_fill);
	cr_assert_eq(m->quiz->nquestions, 3);

	la = begin(m);
	cr_assert_eq(la->restarted, 1);
	cr_assert_str_neq(la->a.id, old_id);
	cr_assert_eq(la->n, 3);
	cr_assert_null(la->responses[plan_index(la, "-choice")]);
	cr_assert_eq(count_verb("attempted"), 2);
	/* the old attempt is out of lists and counts: no attempt used up */
	cr_assert_eq(store_attempt_list(st, L.officer.id, course->id, "quiz1",
	    &list, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(list[0].id, la->a.id);
	store_attempt_list_free(list, n);
	state(&lc);
	cr_assert_eq(lc.modules[0].attempts, 0);
	cr_assert_eq(lc.modules[0].open, 1);
	learn_course_release(&lc);
	/* ... but its answer is still in the file */
	cr_assert_eq(store_answers(st, old_id, &ans, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ans[0].response, "right");
	store_answer_list_free(ans, n);
	learn_attempt_free(la);

	/* coming back resumes the new attempt, not the voided one */
	la = begin(m);
	cr_assert_eq(la->restarted, 0);
	learn_attempt_free(la);
	check_store();
}

Test(learn, finish_keeps_the_score_shown_when_the_key_changed)
{
	const struct module	*m;
	struct learn_attempt	*la;
	struct attempt_result	 res;

	m = one_module(1, "quiz1", 0, 0);
	la = begin(m);
	answer(la, plan_index(la, "-tf"), "false");	/* right, and told so */
	answer(la, plan_index(la, "-choice"), "right");
	learn_attempt_free(la);
	/* the author flips the true-false key while the attempt is open */
	m = reload_edited(0, flip_tf);
	la = begin(m);
	cr_assert_eq(la->restarted, 0);
	cr_assert_not_null(la->recorded[plan_index(la, "-tf")]);
	cr_assert_eq(la->recorded[plan_index(la, "-tf")]->correct, 1);
	answer(la, plan_index(la, "-num"), "12");
	finish(la, &res);
	/* tf as told (1) + choice (1) + num (2) of 5: passed */
	cr_assert_float_eq(res.raw, 4, 1e-9);
	cr_assert_eq(res.scores[plan_index(la, "-tf")].correct, 1);
	cr_assert_eq(res.passed, 1);
	attempt_result_release(&res);
	learn_attempt_free(la);
	check_store();
}

Test(learn, begin_needs_a_quiz)
{
	const struct module	*m;
	struct err		 e;

	m = one_module(1, NULL, 0, 0);
	err_clear(&e);
	cr_assert_null(learn_attempt_begin(&L, course, m, &e));
	cr_assert_str_eq(e.msg, "module 'm1' has no quiz");
	cr_assert_eq(pending(), 0);
	check_store();
}

/* ---- answers ---- */

Test(learn, answer_scores_and_replaces)
{
	const struct module	*m;
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct store_answer	*ans;
	struct err		 e;
	size_t			 i, n, ic, itf, inum, ifill;

	m = one_module(1, "quiz1", 0, 0);
	la = begin(m);
	ic = plan_index(la, "-choice");
	itf = plan_index(la, "-tf");
	inum = plan_index(la, "-num");
	ifill = plan_index(la, "-fill");

	sc = answer(la, ic, "a");
	cr_assert_eq(sc.correct, 0);
	cr_assert_float_eq(sc.points, 0.0, 1e-9);
	cr_assert_float_eq(sc.max, 1.0, 1e-9);
	sc = answer(la, itf, "false");
	cr_assert_eq(sc.correct, 1);
	cr_assert_float_eq(sc.points, 1.0, 1e-9);
	sc = answer(la, inum, "12.5");	/* the bound itself counts */
	cr_assert_eq(sc.correct, 1);
	cr_assert_float_eq(sc.points, 2.0, 1e-9);
	sc = answer(la, ifill, " onde ");
	cr_assert_eq(sc.correct, 1);

	/* Answering again replaces the answer; both are statements. */
	sc = answer(la, ic, "right");
	cr_assert_eq(sc.correct, 1);
	cr_assert_float_eq(sc.points, 1.0, 1e-9);
	sc = answer(la, inum, "13");
	cr_assert_eq(sc.correct, 0);
	cr_assert_float_eq(sc.points, 0.0, 1e-9);
	cr_assert_float_eq(sc.max, 2.0, 1e-9);
	cr_assert_str_eq(la->responses[ic], "right");
	cr_assert_str_eq(la->responses[inum], "13");
	cr_assert_eq(count_verb("answered"), 6);

	cr_assert_eq(store_answers(st, la->a.id, &ans, &n, &e), 0, "%s",
	    e.msg);
	cr_assert_eq(n, 4);
	for (i = 0; i < n; i++) {
		if (strcmp(ans[i].question_id, "m1-choice") == 0) {
			cr_assert_str_eq(ans[i].response, "right");
			cr_assert_eq(ans[i].correct, 1);
			cr_assert_float_eq(ans[i].points, 1.0, 1e-9);
		} else if (strcmp(ans[i].question_id, "m1-num") == 0) {
			cr_assert_str_eq(ans[i].response, "13");
			cr_assert_eq(ans[i].correct, 0);
			cr_assert_float_eq(ans[i].points, 0.0, 1e-9);
		}
	}
	store_answer_list_free(ans, n);

	/* No such question: an error, nothing written. */
	cr_assert_eq(learn_answer(&L, la, la->n, "x", &sc, &e), -1);
	cr_assert_str_eq(e.msg, "no question 5 in this attempt");
	cr_assert_eq(count_verb("answered"), 6);
	learn_attempt_free(la);
	check_store();
}

Test(learn, answer_naming_no_choice_writes_nothing)
{
	const struct module	*m;
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct store_answer	*ans;
	struct err		 e;
	size_t			 n, ic;
	int64_t			 before;

	m = one_module(1, "quiz1", 0, 0);
	la = begin(m);
	ic = plan_index(la, "-choice");
	answer(la, ic, "right");
	before = pending();
	err_clear(&e);
	cr_assert_eq(learn_answer(&L, la, ic, "zz", &sc, &e), -1);
	cr_assert_neq(e.msg[0], '\0');
	cr_assert_eq(pending(), before);
	cr_assert_str_eq(la->responses[ic], "right");
	cr_assert_eq(store_answers(st, la->a.id, &ans, &n, &e), 0, "%s",
	    e.msg);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(ans[0].response, "right");
	store_answer_list_free(ans, n);
	learn_attempt_free(la);
	check_store();
}

/* ---- finishing ---- */

Test(learn, finish_scores_unanswered_as_zero_and_fails_below_the_mark)
{
	const struct module	*m;
	struct learn_attempt	*la;
	struct attempt_result	 res;
	struct store_attempt	*list;
	struct err		 e;
	size_t			 i, n, inum;
	json_t			*j;
	const char		*dur;
	char			 want[32];
	int			 success;
	double			 raw, max;

	m = one_module(1, "quiz1", 0, 0);
	read_all(m);
	la = begin(m);
	inum = plan_index(la, "-num");
	answer(la, inum, "12");		/* 2 of 5 points: 40% */
	finish(la, &res);
	cr_assert_float_eq(res.raw, 2.0, 1e-9);
	cr_assert_float_eq(res.max, 5.0, 1e-9);
	cr_assert_float_eq(res.scaled, 0.4, 1e-9);
	cr_assert_eq(res.passed, 0);
	cr_assert_eq(res.ncorrect, 1);
	cr_assert_eq(res.n, 4);
	for (i = 0; i < res.n; i++)
		if (i != inum) {
			cr_assert_float_eq(res.scores[i].points, 0.0, 1e-9);
			cr_assert_eq(res.scores[i].correct, 0);
		}
	attempt_result_release(&res);
	cr_assert_neq(la->a.finished, 0);
	cr_assert_eq(la->a.passed, 0);

	cr_assert_eq(store_attempt_list(st, L.officer.id, course->id, "quiz1",
	    &list, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	cr_assert_neq(list[0].finished, 0);
	cr_assert_eq(list[0].passed, 0);
	cr_assert_float_eq(list[0].points, 2.0, 1e-9);
	cr_assert_float_eq(list[0].max_points, 5.0, 1e-9);
	cr_assert_float_eq(list[0].scaled, 0.4, 1e-9);
	/* the statement's duration is the attempt's, by the injected clock */
	cr_assert_gt(list[0].finished, list[0].started);
	snprintf(want, sizeof want, "PT%ldS",
	    (long)(list[0].finished - list[0].started));
	store_attempt_list_free(list, n);
	j = kind_json("result");
	cr_assert_eq(json_unpack(j, "{s:{s:s, s:b, s:{s:f, s:f}}}", "result",
	    "duration", &dur, "success", &success, "score", "raw", &raw,
	    "max", &max), 0);
	cr_assert_str_eq(dur, want);
	cr_assert_eq(success, 0);
	cr_assert_float_eq(raw, 2.0, 1e-9);
	cr_assert_float_eq(max, 5.0, 1e-9);
	json_decref(j);

	/* A finished attempt takes no more answers nor a second submit. */
	cr_assert_eq(learn_answer(&L, la, inum, "12", &(struct attempt_score){
	    0 }, &e), -1);
	cr_assert(strstr(e.msg, "is already finished") != NULL, "%s", e.msg);
	cr_assert_eq(learn_attempt_finish(&L, la, &res, &e), -1);
	attempt_result_release(&res);
	cr_assert(strstr(e.msg, "is already finished") != NULL, "%s", e.msg);
	learn_attempt_free(la);
	assert_verbs("experienced attempted answered failed");
	check_store();
}

Test(learn, finish_at_exactly_the_pass_mark_passes_and_completes)
{
	const struct module	*m;
	struct learn_attempt	*la;
	struct attempt_result	 res;
	struct store_progress	 p;

	m = one_module(1, "quiz1", 0, 0);
	read_all(m);
	la = begin(m);
	/* 3 of 5 points is 60%, the pass mark */
	answer(la, plan_index(la, "-choice"), "right");
	answer(la, plan_index(la, "-tf"), "false");
	answer(la, plan_index(la, "-fill"), "สดช.");
	answer(la, plan_index(la, "-num"), "11");
	finish(la, &res);
	cr_assert_float_eq(res.raw, 3.0, 1e-9);
	cr_assert_eq(res.passed, 1);
	attempt_result_release(&res);
	cr_assert_eq(la->a.passed, 1);
	learn_attempt_free(la);
	progress(&p);
	cr_assert_eq(p.modules_done, 1);
	cr_assert_neq(p.completed, 0);
	cr_assert_eq(p.passed, 1);
	cr_assert_eq(p.attempts, 1);
	cr_assert_eq(p.quizzes_passed, 1);
	cr_assert_float_eq(p.best_scaled, 0.6, 1e-9);
	assert_verbs("experienced attempted answered answered answered "
	    "answered passed completed completed");
	check_store();
}

/* ---- completion rules ---- */

Test(learn, completion_all_modules)
{
	const struct module	*ma, *mb;
	struct learn_course	 lc;
	struct store_progress	 p;

	two_modules("", 0);
	ma = &course->modules[0];
	mb = &course->modules[1];
	read_all(ma);
	state(&lc);
	cr_assert_eq(lc.modules[0].done, 1);
	cr_assert_eq(lc.modules_done, 1);
	cr_assert_eq(lc.complete, 0);
	learn_course_release(&lc);
	progress(&p);
	cr_assert_eq(p.completed, 0);
	cr_assert_float_eq(p.hours, 0.0, 1e-9);

	read_all(mb);
	cr_assert_eq(take_quiz(mb, 0), 0);
	progress(&p);
	cr_assert_eq(p.completed, 0);
	cr_assert_eq(take_quiz(mb, 1), 1);
	state(&lc);
	cr_assert_eq(lc.modules_done, 2);
	cr_assert_eq(lc.complete, 1);
	learn_course_release(&lc);
	progress(&p);
	cr_assert_eq(p.modules_done, 2);
	cr_assert_neq(p.completed, 0);
	cr_assert_eq(p.passed, 1);
	cr_assert_float_eq(p.hours, 2.5, 1e-9);
	cr_assert_float_eq(statement_hours(), 2.5, 1e-9);
	cr_assert_eq(count_verb("completed"), 3);	/* 2 modules, course */
	check_store();
}

Test(learn, completion_after_n_modules)
{
	const struct module	*ma, *mb;
	struct learn_course	 lc;
	struct store_progress	 p;
	time_t			 completed;

	two_modules("completion: { modules: 1 }\n", 0);
	ma = &course->modules[0];
	mb = &course->modules[1];
	read_page(ma, 0);
	progress(&p);
	cr_assert_eq(p.completed, 0);
	read_page(ma, 1);
	state(&lc);
	cr_assert_eq(lc.modules_done, 1);
	cr_assert_eq(lc.modules[1].done, 0);
	cr_assert_eq(lc.complete, 1);
	learn_course_release(&lc);
	progress(&p);
	cr_assert_neq(p.completed, 0);
	cr_assert_eq(p.passed, 1);
	cr_assert_float_eq(p.hours, 2.5, 1e-9);
	completed = p.completed;
	assert_verbs("experienced experienced completed completed");

	/* The second module is done later; the course completes once. */
	read_all(mb);
	cr_assert_eq(take_quiz(mb, 1), 1);
	state(&lc);
	cr_assert_eq(lc.modules_done, 2);
	learn_course_release(&lc);
	progress(&p);
	cr_assert_eq(p.completed, completed);
	cr_assert_float_eq(statement_hours(), 2.5, 1e-9);
	cr_assert_eq(count_verb("completed"), 3);
	check_store();
}

Test(learn, completion_by_passing_the_named_quiz)
{
	const struct module	*mb;
	struct learn_course	 lc;
	struct store_progress	 p;

	two_modules("completion: { pass: [qb] }\n", 1);
	mb = &course->modules[1];
	/* a failed attempt completes nothing */
	cr_assert_eq(take_quiz(mb, 0), 0);
	progress(&p);
	cr_assert_eq(p.completed, 0);
	/* passing qb is enough, even with its pages unread */
	cr_assert_eq(take_quiz(mb, 1), 1);
	state(&lc);
	cr_assert_eq(lc.modules[1].passed, 1);
	cr_assert_eq(lc.modules[1].done, 0);
	cr_assert_eq(lc.modules_done, 0);
	cr_assert_eq(lc.complete, 1);
	learn_course_release(&lc);
	progress(&p);
	cr_assert_neq(p.completed, 0);
	cr_assert_float_eq(p.hours, 2.5, 1e-9);
	cr_assert_float_eq(statement_hours(), 2.5, 1e-9);
	cr_assert_eq(count_verb("completed"), 1);
	check_store();
}

Test(learn, completion_by_pass_ignores_other_quizzes_for_passed)
{
	const struct module	*mb;
	struct store_progress	 p;

	/*
	 * The rule asks for qb only; qa (module ma) was never tried. The
	 * officer met every pass the course asks for, so the completion
	 * counts as passed (learn_follow_up: "every quiz the rule looks
	 * at was passed"). FAILS at edf428f: learn_follow_up checks every
	 * quiz of the course for COMPLETE_PASS, not the rule's quizzes.
	 */
	two_modules("completion: { pass: [qb] }\n", 1);
	mb = &course->modules[1];
	cr_assert_eq(take_quiz(mb, 1), 1);
	progress(&p);
	cr_assert_neq(p.completed, 0);
	cr_assert_eq(p.passed, 1, "completed by its pass rule but passed = %d",
	    p.passed);
	check_store();
}

Test(learn, answered_carries_the_time_from_showing_the_question)
{
	const struct module	*m;
	struct learn_attempt	*la;
	json_t			*j;
	size_t			 ic;

	m = one_module(1, "quiz1", 0, 0);
	la = begin(m);
	ic = plan_index(la, "-choice");
	learn_question_shown(&L, la, ic);	/* the clock ticks once a call */
	clock_s += 94;
	answer(la, ic, "right");		/* 95 s after it was shown */
	j = kind_json("answer");
	cr_assert_str_eq(json_string_value(json_object_get(json_object_get(j,
	    "result"), "duration")), "PT1M35S");
	json_decref(j);
	learn_attempt_free(la);
}
