/*
 * Progress pulled back (store/store_pull.h, sync/pull.h): two progress
 * files play two machines of one officer. What A records is read back
 * from A's outbox as the LRS would give it, and merged into B with
 * pull_merge_json(). The network half (GET, 'more', since) runs against
 * the real LRS in tests/lrs/pull.sh.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "learn/attempt.h"
#include "learn/devlog.h"
#include "learn/learn.h"
#include "learn/review.h"
#include "store/store.h"
#include "store/store_event.h"
#include "store/store_log.h"
#include "store/store_officer.h"
#include "store/store_outbox.h"
#include "store/store_review.h"
#include "sync/pull.h"
#include "sync/sync.h"

#include "helpers.h"

#define BASE	"https://rianru.example.go.th/xapi"

struct machine {
	char		 path[160];
	struct store	*st;
	struct learn	 l;
};

static char		 dir[64];
static struct machine	 A, B;
static struct course	*course;
static time_t		 clock_s;

static time_t
tick(void)
{
	return ++clock_s;
}

static void
machine_open(struct machine *m, const char *name)
{
	struct store_officer	o;
	struct err		e;

	snprintf(m->path, sizeof m->path, "%s/%s.db", dir, name);
	err_clear(&e);
	cr_assert_not_null(m->st = store_open(m->path, &e), "%s", e.msg);
	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "OFF-001");
	snprintf(o.name, sizeof o.name, "สมหญิง ใจดี");
	snprintf(o.group, sizeof o.group, "service");
	cr_assert_eq(store_officer_add(m->st, &o, clock_s, &e), 0, "%s",
	    e.msg);
	learn_init(&m->l, m->st, &o, "https://lrs.example.go.th", BASE,
	    "th-TH");
	m->l.now = tick;
}

static void
setup(void)
{
	tmp_dir_make(dir, sizeof dir, "pull");
	clock_s = 1700000000;
	machine_open(&A, "a");
	machine_open(&B, "b");
	/* one module: two pages, a quiz of two questions, one attempt */
	course = load_module_ok("m1.yaml",
	    "id: m1\ntitle: { th: บท, en: Module }\npages:\n"
	    "  - id: p1\n    title: { th: หน้า 1, en: Page 1 }\n"
	    "    text: { th: ข้อความ, en: Text }\n"
	    "  - id: p2\n    title: { th: หน้า 2, en: Page 2 }\n"
	    "    text: { th: ข้อความ, en: Text }\n"
	    "quiz:\n  id: q1\n  pass: 50%\n  attempts: 1\n  shuffle: []\n"
	    "  questions:\n"
	    "    - id: q-choice\n      type: choice\n"
	    "      prompt: { th: เลือก, en: Pick }\n      choices:\n"
	    "        - text: one\n"
	    "        - { id: right, text: two, correct: true }\n"
	    "    - id: q-tf\n      type: true-false\n      prompt: p\n"
	    "      answer: false\n");
}

static void
teardown(void)
{
	course_free(course);
	store_close(A.st);
	store_close(B.st);
	tmp_dir_remove(dir);
}

TestSuite(pull, .init = setup, .fini = teardown);

/* Read every page of the module on 'm'. */
static void
read_all(struct machine *m)
{
	struct err	e;
	size_t		p;

	for (p = 0; p < course->modules[0].npages; p++)
		cr_assert_eq(learn_read_page(&m->l, course,
		    &course->modules[0], p, &e), 0, "%s", e.msg);
}

/*
 * Take the quiz on 'm': answer 'nright' questions right, the rest wrong;
 * finish it when 'finish'. Returns the attempt's id in id[37].
 */
static void
take_quiz(struct machine *m, size_t nright, int finish, char id[37])
{
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct buf		 b;
	struct err		 e;
	size_t			 i;

	la = learn_attempt_begin(&m->l, course, &course->modules[0], &e);
	cr_assert_not_null(la, "%s", e.msg);
	snprintf(id, 37, "%s", la->a.id);
	buf_init(&b);
	for (i = 0; i < la->plan->n; i++) {
		buf_reset(&b);
		if (i < nright)
			attempt_correct_pattern(la->plan->qs[i].q, 0, &b);
		else if (la->plan->qs[i].q->type == Q_TRUE_FALSE)
			buf_adds(&b, "true");
		else
			buf_adds(&b, "a");	/* "one", the first choice */
		cr_assert_eq(learn_answer(&m->l, la, i, b.data, &sc, &e), 0,
		    "%s", e.msg);
	}
	buf_release(&b);
	if (finish) {
		cr_assert_eq(learn_attempt_finish(&m->l, la, &res, &e), 0,
		    "%s", e.msg);
		attempt_result_release(&res);
	}
	learn_attempt_free(la);
}

struct merge_count {
	struct machine	*to;
	int		 merged, known;
};

static int
merge_row(const struct store_outbox_row *r, void *arg)
{
	struct merge_count	*mc = arg;
	struct err		 e;
	int			 rc;

	err_clear(&e);
	rc = pull_merge_json(mc->to->st, BASE, mc->to->l.officer.id, r->json,
	    r->json_len, &e);
	cr_assert_neq(rc, -1, "%s", e.msg);
	if (rc == 1)
		mc->merged++;
	else
		mc->known++;
	return 0;
}

/* Everything 'from' queued, as the LRS gives it back, merged into 'to'. */
static struct merge_count
pull_into(struct machine *to, struct machine *from)
{
	struct merge_count	mc = { to, 0, 0 };
	struct err		e;

	cr_assert_neq(store_outbox_list(from->st, STORE_OB_PENDING, merge_row,
	    &mc, &e), -1, "%s", e.msg);
	return mc;
}

static void
state(struct machine *m, struct learn_course *lc)
{
	struct err	e;

	cr_assert_eq(learn_course_state(&m->l, course, lc, &e), 0, "%s",
	    e.msg);
}

/* Rows of a table of B's file (SQL straight on the file). */
static long long
count_b(const char *table)
{
	char	sql[128];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return sql_int(B.path, sql);
}

Test(pull, what_a_did_is_seen_on_b_and_merging_twice_changes_nothing)
{
	struct learn_course	lc;
	struct merge_count	mc;
	struct store_check	c;
	struct store_attempt	*list;
	struct err		e;
	char			id[37], sql[512];
	size_t			n;
	long long		pending, events, answers;

	read_all(&A);
	take_quiz(&A, 2, 1, id);
	pending = sql_int(B.path, "SELECT count(*) FROM outbox");
	mc = pull_into(&B, &A);
	cr_assert_gt(mc.merged, 0);
	state(&B, &lc);
	cr_assert_eq(lc.modules[0].pages_seen, 2);
	cr_assert_eq(lc.modules[0].attempts, 1);
	cr_assert(lc.modules[0].passed);
	cr_assert_float_eq(lc.modules[0].best, 1.0, 1e-9);
	cr_assert(lc.modules[0].done);
	cr_assert(lc.complete, "the course completion came back");
	cr_assert_eq(attempt_attempts_left(course->modules[0].quiz,
	    lc.modules[0].attempts), 0, "A's attempt used B's only one");
	learn_course_release(&lc);
	/* the attempt keeps its content version and hash (per attempt) */
	cr_assert_eq(store_attempt_list(A.st, A.l.officer.id, NULL, NULL,
	    &list, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM attempt WHERE "
	    "remote = 1 AND id = '%s' AND course_version = '%s' AND "
	    "content_hash = '%s'", list[0].id, list[0].course_version,
	    list[0].content_hash);
	store_attempt_list_free(list, n);
	cr_assert_eq(sql_int(B.path, sql), 1, "%s", sql);
	/* nothing pulled is queued to be sent again */
	cr_assert_eq(sql_int(B.path, "SELECT count(*) FROM outbox"), pending);
	cr_assert_eq(store_check(B.st, &c, &e), 0, "%s", e.msg);
	cr_assert_eq(c.missing, 0);
	cr_assert_eq(c.orphans, 0);

	events = count_b("event");
	answers = count_b("answer");
	mc = pull_into(&B, &A);
	cr_assert_eq(mc.merged, 0, "the second pull merged %d", mc.merged);
	cr_assert_eq(count_b("event"), events);
	cr_assert_eq(count_b("answer"), answers);
	cr_assert_eq(count_b("attempt"), 1);
}

Test(pull, an_attempt_open_elsewhere_is_shown_and_never_resumed)
{
	struct learn_course	 lc;
	struct store_attempt	 a;
	struct store_answer	*ans;
	size_t			 n;
	struct err		 e;
	char			 ida[37], idb[37];

	course->modules[0].quiz->attempts = 2;
	take_quiz(&A, 1, 0, ida);	/* left open on A */
	pull_into(&B, &A);
	state(&B, &lc);
	cr_assert_eq(lc.modules[0].open_elsewhere, 1);
	cr_assert_not(lc.modules[0].open);
	cr_assert_eq(lc.modules[0].attempts, 0);
	/* A may finish it later: it counts against the limit here */
	cr_assert_eq(learn_attempts_used(&lc.modules[0]), 1);
	learn_course_release(&lc);
	cr_assert_eq(store_attempt_open(B.st, B.l.officer.id, "m1", "q1", &a,
	    &ans, &n, &e), 1, "B must not resume A's attempt");
	take_quiz(&B, 2, 1, idb);
	cr_assert_str_neq(ida, idb);
	/* A's open attempt and B's finished one: the two allowed */
	cr_assert_null(learn_attempt_begin(&B.l, course, &course->modules[0],
	    &e), "a third attempt started where two are allowed");
	cr_assert(strstr(e.msg, "no attempts left") != NULL, "%s", e.msg);
	/* A's answers came back with the attempt */
	cr_assert_eq(sql_int(B.path, "SELECT count(*) FROM answer WHERE "
	    "attempt_id IN (SELECT id FROM attempt WHERE remote = 1)"), 2);
}

Test(pull, nothing_pulled_overwrites_what_this_machine_recorded)
{
	struct learn_course	lc;
	char			ida[37], idb[37];
	long long		done_at, page;

	/* B first: a failed attempt, its module's pages read */
	read_all(&B);
	take_quiz(&B, 0, 1, idb);
	done_at = sql_int(B.path, "SELECT coalesce(done_at, -1) FROM "
	    "module_progress");
	page = sql_int(B.path, "SELECT page_at FROM enrolment");
	/* then A, later: passes */
	clock_s += 3600;
	read_all(&A);
	take_quiz(&A, 2, 1, ida);
	pull_into(&B, &A);
	/* B's own attempt is as B recorded it */
	cr_assert_eq(sql_int(B.path, "SELECT count(*) FROM attempt WHERE "
	    "remote = 0 AND passed = 0 AND scaled = 0"), 1);
	cr_assert_eq(sql_int(B.path, "SELECT page_at FROM enrolment"), page,
	    "B's resume point stays");
	if (done_at != -1)
		cr_assert_eq(sql_int(B.path, "SELECT done_at FROM "
		    "module_progress"), done_at);
	/* and both count: the best score is A's */
	state(&B, &lc);
	cr_assert_eq(lc.modules[0].attempts, 2);
	cr_assert(lc.modules[0].passed);
	cr_assert_float_eq(lc.modules[0].best, 1.0, 1e-9);
	learn_course_release(&lc);
}

Test(pull, a_log_entry_comes_back_once)
{
	struct store_log_entry	le;
	struct err		e;

	memset(&le, 0, sizeof le);
	snprintf(le.day, sizeof le.day, "2023-11-10");
	le.kind = STORE_LOG_PRACTICE;
	snprintf(le.area, sizeof le.area, "%s", vocab_areas[0].id);
	le.minutes = 45;
	snprintf(le.reflection, sizeof le.reflection, "ฝึกใช้ระบบใหม่");
	cr_assert_eq(devlog_add(&A.l, &le, &e), 0, "%s", e.msg);
	cr_assert_eq(pull_into(&B, &A).merged, 1);
	cr_assert_eq(pull_into(&B, &A).merged, 0);
	cr_assert_eq(sql_int(B.path, "SELECT count(*) FROM practice_log "
	    "WHERE day = '2023-11-10' AND kind = 'practice' AND minutes = 45 "
	    "AND reflection = 'ฝึกใช้ระบบใหม่'"), 1);
}

Test(pull, statements_of_other_kinds_or_clients_are_skipped)
{
	struct err	e;
	static const char other[] = "{\"id\":"
	    "\"6f1d1d2e-8b53-4c1e-9d52-1b2f0c3d4e5f\",\"actor\":{\"account\":"
	    "{\"homePage\":\"https://lrs.example.go.th\",\"name\":\"OFF-001\"}},"
	    "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
	    "\"object\":{\"id\":\"https://elsewhere.example/course/x\"},"
	    "\"timestamp\":\"2023-11-14T22:13:20.000Z\"}";

	cr_assert_eq(pull_merge_json(B.st, BASE, B.l.officer.id, other,
	    strlen(other), &e), 0);
	cr_assert_eq(count_b("event"), 0);
	cr_assert_eq(pull_merge_json(B.st, BASE, B.l.officer.id, "{", 1, &e),
	    -1);
}

/* Question 'qid' of quiz q1 in m's review set: 0 and *r, or 1. */
static int
review_row(struct machine *m, const char *qid, struct store_review *r)
{
	struct err	e;
	int		rc;

	rc = store_review_get(m->st, m->l.officer.id, course->id, "q1", qid,
	    r, &e);
	cr_assert_neq(rc, -1, "%s", e.msg);
	return rc;
}

/* Review question 'qid' on 'm' now, answering 'response'. */
static void
review_now_on(struct machine *m, const char *qid, const char *response)
{
	struct store_review	r;
	struct attempt_score	sc;
	struct err		e;
	const struct question	*q = quiz_question(course->modules[0].quiz,
				    qid);

	cr_assert_eq(review_row(m, qid, &r), 0);
	cr_assert_eq(learn_review_answer(&m->l, course, &course->modules[0],
	    q, &r, response, &sc, &e), 0, "%s", e.msg);
}

static size_t
due_today(struct machine *m)
{
	struct store_review	*list;
	struct err		 e;
	size_t			 n;

	cr_assert_eq(learn_review_due(&m->l, NULL, &list, &n, &e), 0, "%s",
	    e.msg);
	free(list);
	return n;
}

/*
 * Reviews follow the officer (docs/review.md): what A missed is in B's
 * review set after the pull, scheduled as A scheduled it, and pulling
 * again adds nothing.
 */
Test(pull, a_miss_on_a_enters_the_review_set_on_b_once)
{
	struct store_review	ra, rb;
	struct merge_count	mc;
	struct err		e;
	const char		*qids[] = { "q-choice", "q-tf" };
	size_t			i;

	course->review = 1;	/* a module alone has no course.yaml */
	take_quiz(&A, 0, 1, (char[37]){ 0 });
	cr_assert_eq(review_row(&B, "q-tf", &rb), 1);
	pull_into(&B, &A);
	cr_assert_eq(count_b("review"), 2);
	/* due the day after the miss, before B opens the course too */
	clock_s += 86400 + 600;
	cr_assert_eq(due_today(&B), 2);
	cr_assert_eq(learn_review_sync(&B.l, course, &e), 0, "%s", e.msg);
	for (i = 0; i < 2; i++) {
		cr_assert_eq(review_row(&A, qids[i], &ra), 0);
		cr_assert_eq(review_row(&B, qids[i], &rb), 0);
		cr_assert_str_eq(rb.qhash, ra.qhash);
		cr_assert_float_eq(rb.difficulty, ra.difficulty, 1e-9);
		cr_assert_float_eq(rb.stability, ra.stability, 1e-9);
		cr_assert_eq(rb.reps, ra.reps);
		cr_assert_eq(rb.lapses, ra.lapses);
		/* the answer's statement is a tick or two from the miss */
		cr_assert_leq(labs((long)(rb.due - ra.due)), 5);
		cr_assert_eq(rb.due - rb.last, 86400);
	}
	cr_assert_eq(due_today(&B), 2);
	mc = pull_into(&B, &A);
	cr_assert_eq(mc.merged, 0);
	cr_assert_eq(count_b("review"), 2);
	cr_assert_eq(review_row(&B, "q-tf", &ra), 0);
	cr_assert_eq(ra.due, rb.due);
	cr_assert_str_eq(ra.qhash, rb.qhash);
}

/* A right answer elsewhere puts nothing in the set. */
Test(pull, a_right_answer_on_a_adds_nothing_to_bs_review_set)
{
	course->review = 1;
	take_quiz(&A, 2, 1, (char[37]){ 0 });
	pull_into(&B, &A);
	cr_assert_eq(count_b("review"), 0);
}

/*
 * A review made later wins, wherever it was made; an older one pulled
 * after it is logged but never overwrites it; twice is once.
 */
Test(pull, the_newest_review_wins_and_an_older_one_never_overwrites)
{
	struct store_review	ra, rb, before;
	struct merge_count	mc;

	course->review = 1;	/* a module alone has no course.yaml */
	take_quiz(&A, 0, 1, (char[37]){ 0 });
	pull_into(&B, &A);
	clock_s += 2 * 86400;
	review_now_on(&A, "q-tf", "false");	/* right on A */
	mc = pull_into(&B, &A);
	cr_assert_eq(mc.merged, 1);		/* just the review */
	cr_assert_eq(review_row(&A, "q-tf", &ra), 0);
	cr_assert_eq(review_row(&B, "q-tf", &rb), 0);
	cr_assert_eq(rb.reps, 2);
	cr_assert_eq(rb.reps, ra.reps);
	cr_assert_eq(rb.due, ra.due);
	cr_assert_eq(rb.last, ra.last);
	cr_assert_float_eq(rb.stability, ra.stability, 1e-9);
	cr_assert_float_eq(rb.difficulty, ra.difficulty, 1e-9);
	cr_assert_str_eq(rb.qhash, ra.qhash);
	cr_assert_eq(count_b("review_log"), 1);
	mc = pull_into(&B, &A);			/* twice = once */
	cr_assert_eq(mc.merged, 0);
	cr_assert_eq(count_b("review_log"), 1);

	/* A reviews q-choice; B reviews it later, before pulling A's */
	clock_s += 86400;
	review_now_on(&A, "q-choice", "right");
	clock_s += 3600;
	cr_assert_eq(learn_review_sync(&B.l, course, &(struct err){ 0 }), 0);
	review_now_on(&B, "q-choice", "a");	/* wrong on B, later */
	cr_assert_eq(review_row(&B, "q-choice", &before), 0);
	mc = pull_into(&B, &A);
	cr_assert_eq(mc.merged, 1);
	cr_assert_eq(review_row(&B, "q-choice", &rb), 0);
	cr_assert_eq(rb.last, before.last);
	cr_assert_eq(rb.due, before.due);
	cr_assert_eq(rb.lapses, before.lapses);
	cr_assert_float_eq(rb.stability, before.stability, 1e-9);
	cr_assert_eq(count_b("review_log"), 3);
	/* and A, pulling B's newer review, takes it */
	pull_into(&A, &B);
	cr_assert_eq(review_row(&A, "q-choice", &ra), 0);
	cr_assert_eq(ra.last, before.last);
	cr_assert_eq(ra.due, before.due);
}

/* Rows of the review log at 'path' with this grade, answer and result. */
static long long
logged(const char *path, int grade, const char *response, int correct)
{
	char	sql[200];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM review_log WHERE "
	    "grade = %d AND response = '%s' AND correct = %d", grade,
	    response, correct);
	return sql_int(path, sql);
}

/*
 * A pulled review joins B's log as A logged it: the same grade (wrong
 * again, right good), answer and state after it.
 */
Test(pull, a_pulled_review_is_logged_as_it_was_on_a)
{
	static const char	sum[] = "SELECT sum(due + stability * 1000) "
	    "FROM review_log";

	course->review = 1;
	take_quiz(&A, 0, 1, (char[37]){ 0 });
	pull_into(&B, &A);
	clock_s += 2 * 86400;
	review_now_on(&A, "q-tf", "true");	/* wrong on A */
	clock_s += 2 * 86400;
	review_now_on(&A, "q-tf", "false");	/* right on A */
	pull_into(&B, &A);
	cr_assert_eq(count_b("review_log"), 2);
	cr_assert_eq(logged(A.path, 1, "true", 0), 1);
	cr_assert_eq(logged(A.path, 3, "false", 1), 1);
	cr_assert_eq(logged(B.path, 1, "true", 0), 1, "wrong: again");
	cr_assert_eq(logged(B.path, 3, "false", 1), 1, "right: good");
	cr_assert_eq(sql_int(B.path, sum), sql_int(A.path, sum));
}

/* The reviews of A's outbox, without their question-hash, into B. */
static int
merge_review_unhashed(const struct store_outbox_row *r, void *arg)
{
	struct merge_count	*mc = arg;
	struct err		 e;
	char			*json, *h;
	size_t			 n;
	int			 rc;

	if (strstr(r->json, "/verb/reviewed\"") == NULL)
		return 0;
	json = xstrdup(r->json);
	/* ,"question-hash":"<64 hex>" out, as sent before it existed */
	cr_assert_not_null(h = strstr(json, ",\"question-hash\":\""));
	n = strlen(",\"question-hash\":\"") + 64 + 1;
	memmove(h, h + n, strlen(h + n) + 1);
	cr_assert_null(strstr(json, "question-hash"));
	err_clear(&e);
	rc = pull_merge_json(mc->to->st, BASE, mc->to->l.officer.id, json,
	    strlen(json), &e);
	free(json);
	cr_assert_eq(rc, 1, "%s", e.msg);
	mc->merged++;
	return 0;
}

/*
 * A review sent before reviews carried the question's hash keeps the
 * state it brings and takes the question as it is here.
 */
Test(pull, a_pulled_review_without_its_hash_keeps_its_state)
{
	struct merge_count	mc = { &B, 0, 0 };
	struct store_review	ra, rb;
	struct err		e;

	course->review = 1;
	take_quiz(&A, 0, 1, (char[37]){ 0 });
	clock_s += 2 * 86400;
	review_now_on(&A, "q-tf", "false");
	cr_assert_neq(store_outbox_list(A.st, STORE_OB_PENDING,
	    merge_review_unhashed, &mc, &e), -1, "%s", e.msg);
	cr_assert_eq(mc.merged, 1);
	cr_assert_eq(review_row(&B, "q-tf", &rb), 0);
	cr_assert_str_eq(rb.qhash, "");
	cr_assert_eq(learn_review_sync(&B.l, course, &e), 0, "%s", e.msg);
	cr_assert_eq(review_row(&A, "q-tf", &ra), 0);
	cr_assert_eq(review_row(&B, "q-tf", &rb), 0);
	cr_assert_str_eq(rb.qhash, ra.qhash);
	cr_assert_eq(rb.reps, 2);
	cr_assert_eq(rb.due, ra.due);
	cr_assert_float_eq(rb.stability, ra.stability, 1e-9);
}

/* A pulled review of a question changed since restarts its schedule. */
Test(pull, a_pulled_review_of_a_changed_question_restarts)
{
	struct course		*changed;
	struct store_review	 rb;
	struct err		 e;

	course->review = 1;	/* a module alone has no course.yaml */
	take_quiz(&A, 0, 1, (char[37]){ 0 });
	clock_s += 2 * 86400;
	review_now_on(&A, "q-tf", "false");
	pull_into(&B, &A);
	changed = load_module_ok("m1.yaml",
	    "id: m1\ntitle: { th: บท, en: Module }\npages:\n"
	    "  - id: p1\n    title: { th: หน้า 1, en: Page 1 }\n"
	    "    text: { th: ข้อความ, en: Text }\n"
	    "quiz:\n  id: q1\n  pass: 50%\n  attempts: 1\n  shuffle: []\n"
	    "  questions:\n"
	    "    - id: q-choice\n      type: choice\n"
	    "      prompt: { th: เลือก, en: Pick }\n      choices:\n"
	    "        - text: one\n"
	    "        - { id: right, text: two, correct: true }\n"
	    "    - id: q-tf\n      type: true-false\n      prompt: changed\n"
	    "      answer: true\n");
	changed->review = 1;
	cr_assert_eq(review_row(&B, "q-tf", &rb), 0);
	cr_assert_eq(rb.reps, 2);
	cr_assert_eq(learn_review_sync(&B.l, changed, &e), 0, "%s", e.msg);
	cr_assert_eq(review_row(&B, "q-tf", &rb), 0);
	cr_assert_eq(rb.reps, 0, "a changed question starts again");
	cr_assert_eq(rb.due, clock_s);
	cr_assert_eq(review_row(&B, "q-choice", &rb), 0);
	cr_assert_eq(rb.reps, 1, "the unchanged one is scheduled as a miss");
	course_free(changed);
}

/* A transport that answers every request with 'net' / 'status'. */
struct dead {
	int		 nreq;
	int		 done;	/* the request in flight has its answer */
	enum sync_net	 net;
	int		 status;
	long		 retry_after;
};

static int
dead_start(void *ctx, const struct sync_req *req, struct err *e)
{
	struct dead	*d = ctx;

	(void)req;
	(void)e;
	d->nreq++;
	d->done = 1;
	return 0;
}

static int
dead_poll(void *ctx, struct sync_resp *r)
{
	struct dead		*d = ctx;
	static const char	 empty[] = "{\"statements\":[]}";

	if (!d->done)
		return 0;
	d->done = 0;
	r->net = d->net;
	r->status = d->status;
	r->retry_after = d->retry_after;
	snprintf(r->error, sizeof r->error, "no route");
	r->data = empty;
	r->data_len = sizeof empty - 1;
	return 1;
}

/* Step at 'now' until nothing is in flight (at most 10 turns). */
static void
pull_settle(struct pull *p, time_t now)
{
	int	i;

	for (i = 0; i < 10; i++)
		if (pull_step(p, now) != 0)
			return;
}

/*
 * A dead LRS is not asked on every tick or every login: a failed pull
 * waits 30-60 s, then longer; a pull queued meanwhile waits too; the
 * sender reaching the LRS ends the wait; a refused key waits an hour
 * (pull_online does not cut that short), a Retry-After is honoured, and
 * `rianru sync` (pull_run) asks anyway.
 */
Test(pull, a_dead_lrs_is_not_hammered)
{
	struct dead		 d = { 0, 0, SYNC_NET_UNREACHABLE, 0, -1 };
	struct transport	 t = { dead_start, dead_poll, NULL, NULL,
				       &d, NULL };
	struct store_officer	 o;
	struct pull		*p;
	struct err		 e;
	time_t			 now = time(NULL), first;
	int			 i;

	cr_assert_eq(store_officer_get(B.st, "OFF-001", &o, &e), 0, "%s",
	    e.msg);
	p = pull_new(B.st, &t, "https://agency.example.go.th", BASE);
	pull_start(p, o.id, o.code);
	pull_settle(p, now);
	cr_assert_eq(d.nreq, 1);
	cr_assert_eq(pull_state(p)->outcome, PULL_OFFLINE);
	first = pull_state(p)->retry_at - now;
	cr_assert(first >= PULL_BACKOFF_BASE / 2 && first <= PULL_BACKOFF_BASE,
	    "%ld", (long)first);
	/* every tick and a login meanwhile: no request */
	for (i = 0; i < first; i++) {
		pull_start(p, o.id, o.code);
		cr_assert_gt(pull_step(p, now + i), 0);
	}
	cr_assert_eq(d.nreq, 1);
	now = pull_state(p)->retry_at;
	pull_settle(p, now);
	cr_assert_eq(d.nreq, 2);
	cr_assert_geq(pull_state(p)->retry_at - now, PULL_BACKOFF_BASE,
	    "the wait grows");
	cr_assert_eq(pull_state(p)->failures, 2);
	/* the sender reached the LRS: the queued pull goes at once */
	pull_start(p, o.id, o.code);
	pull_online(p);
	pull_settle(p, now + 1);
	cr_assert_eq(d.nreq, 3);
	/* a refused key: an hour, whatever the sender does */
	d.net = SYNC_NET_OK;
	d.status = 403;
	pull_online(p);
	pull_start(p, o.id, o.code);
	pull_settle(p, now + 2);
	cr_assert_eq(d.nreq, 4);
	cr_assert_eq(pull_state(p)->outcome, PULL_FORBIDDEN);
	cr_assert_eq(pull_state(p)->retry_at, now + 2 + PULL_REFUSED_WAIT);
	pull_start(p, o.id, o.code);
	pull_online(p);
	pull_settle(p, now + 3);
	cr_assert_eq(d.nreq, 4);
	/* asked for: the blocking pull goes, and success resets the wait */
	d.status = 200;
	cr_assert_eq(pull_run(p, 5), PULL_DONE);
	cr_assert_eq(d.nreq, 5);
	cr_assert_eq(pull_state(p)->retry_at, 0);
	cr_assert_eq(pull_state(p)->failures, 0);
	/* a busy LRS's Retry-After */
	d.status = 503;
	d.retry_after = 600;
	pull_start(p, o.id, o.code);
	pull_settle(p, now + 4);
	cr_assert_eq(d.nreq, 6);
	cr_assert_eq(pull_state(p)->retry_at, now + 4 + 600);
	pull_free(p);
}
