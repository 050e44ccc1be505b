/*
 * The population read of `rianru stats --from-lrs` (sync/lrs_read.h) and
 * item analysis over what it merged (report/stats_report.h). The LRS is
 * played by a table of answers per request, because these tests need
 * what the real LRS in tests/lrs/stats.sh cannot be made to give: a
 * statement result cut into pages ('more'), accounts of another agency,
 * a 403. The figures against the real LRS are checked there.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/catalog.h"
#include "report/stats_report.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "sync/lrs_read.h"
#include "sync/sync.h"

#include "helpers.h"

#define HOME	"https://rianru.example.go.th"
#define BASE	"https://rianru.example.go.th/xapi"
#define QUIZ	BASE "/course/lc/quiz/lc-quiz"
#define REG1	"00000000-0000-4000-8000-000000000001"
#define REG2	"00000000-0000-4000-8000-000000000002"

/* The LRS: the first answer whose 'match' is in the resource asked. */
struct lrs_page {
	const char	*match;
	int		 status;
	const char	*body;
};

struct fake {
	const struct lrs_page	*pages;
	char			 asked[16][512];
	int			 nasked;
	const struct lrs_page	*cur;
};

static int
fake_start(void *ctx, const struct sync_req *req, struct err *e)
{
	struct fake	*f = ctx;
	const struct lrs_page *p;

	(void)e;
	cr_assert_eq(req->method, SYNC_GET);
	cr_assert(req->whole, "a page of statements is read whole");
	if (f->nasked < 16)
		snprintf(f->asked[f->nasked++], sizeof f->asked[0], "%s",
		    req->resource);
	f->cur = NULL;
	for (p = f->pages; p->match != NULL; p++)
		if (strstr(req->resource, p->match) != NULL) {
			f->cur = p;
			break;
		}
	return 0;
}

static int
fake_poll(void *ctx, struct sync_resp *resp)
{
	struct fake	*f = ctx;
	static const char empty[] = "{\"statements\":[],\"more\":\"\"}";

	memset(resp, 0, sizeof *resp);
	resp->net = SYNC_NET_OK;
	resp->status = f->cur != NULL ? f->cur->status : 200;
	resp->data = f->cur != NULL ? f->cur->body : empty;
	resp->data_len = strlen(resp->data);
	return 1;
}

/* A statement of officer 'who' at 'home': 'verb' on 'obj'. */
#define STMT(id, home, who, verb, obj, reg, result)			\
	"{\"id\":\"" id "\",\"timestamp\":\"2026-11-23T10:00:0" id	\
	"\",\"actor\":{\"objectType\":\"Agent\",\"account\":{"		\
	"\"homePage\":\"" home "\",\"name\":\"" who "\"}},"		\
	"\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/" verb "\"},"	\
	"\"object\":{\"id\":\"" obj "\"},\"result\":" result ","	\
	"\"context\":{\"registration\":\"" reg "\"}}"

#define ANS(resp, ok, pts) "{\"response\":\"" resp "\",\"success\":" ok	\
	",\"score\":{\"raw\":" pts ",\"max\":1}}"
#define RES(ok, pts) "{\"success\":" ok ",\"score\":{\"raw\":" pts	\
	",\"max\":2}}"

/*
 * Two officers of ours, OC-1 (both right) and OC-2 (q1 wrong, q2 never
 * answered), and one of another agency; the answers come in two pages.
 */
static const struct lrs_page population[] = {
	{ "verbs%2Fattempted", 200, "{\"statements\":["
	    STMT("1", HOME, "OC-1", "attempted", QUIZ, REG1, "{}") ","
	    STMT("2", HOME, "OC-2", "attempted", QUIZ, REG2, "{}")
	    "],\"more\":\"\"}" },
	{ "page=2", 200, "{\"statements\":["
	    STMT("4", HOME, "OC-1", "answered", QUIZ "/question/q2", REG1,
	    ANS("true", "true", "1")) ","
	    STMT("5", "https://other.example", "X-9", "answered",
	    QUIZ "/question/q2", REG2, ANS("true", "true", "1"))
	    "],\"more\":\"\"}" },
	{ "verbs%2Fanswered", 200, "{\"statements\":["
	    STMT("3", HOME, "OC-1", "answered", QUIZ "/question/q1", REG1,
	    ANS("a", "true", "1")) ","
	    STMT("6", HOME, "OC-2", "answered", QUIZ "/question/q1", REG2,
	    ANS("b", "false", "0"))
	    "],\"more\":\"/xAPI/statements?page=2\"}" },
	{ "verbs%2Fpassed", 200, "{\"statements\":["
	    STMT("7", HOME, "OC-1", "passed", QUIZ, REG1, RES("true", "2"))
	    "],\"more\":\"\"}" },
	{ "verbs%2Ffailed", 200, "{\"statements\":["
	    STMT("8", HOME, "OC-2", "failed", QUIZ, REG2, RES("false", "0"))
	    "],\"more\":\"\"}" },
	{ NULL, 0, NULL }
};

static const char course_yaml[] =
"rianru: 1\n"
"id: lc\n"
"version: 1.0.0\n"
"title: { th: หลักสูตร, en: Course }\n"
"audience: all\n"
"area: digital-literacy\n"
"level: early\n"
"hours: 1\n"
"modules: [m.yaml]\n";

static const char module_yaml[] =
"id: m\n"
"title: { th: แบบทดสอบ, en: Quiz }\n"
"quiz:\n"
"  id: lc-quiz\n"
"  shuffle: [questions, choices]\n"
"  questions:\n"
"    - id: q1\n"
"      type: choice\n"
"      prompt: { th: ข้อใดถูก, en: Which? }\n"
"      choices:\n"
"        - { id: a, text: { th: ถูก, en: Right }, correct: true }\n"
"        - { id: b, text: { th: ผิด, en: Wrong } }\n"
"    - id: q2\n"
"      type: true-false\n"
"      prompt: { th: จริงไหม, en: True? }\n"
"      answer: true\n";

static struct store *
read_population(const struct lrs_page *pages, struct fake *f,
    struct lrs_read_counts *c, int *rc, struct err *e)
{
	struct transport	 t = { fake_start, fake_poll, NULL, NULL,
				       f, NULL };
	struct store		*st;

	memset(f, 0, sizeof *f);
	f->pages = pages;
	memset(c, 0, sizeof *c);
	err_clear(e);
	cr_assert_not_null(st = store_open(STORE_MEMORY, e), "%s", e->msg);
	*rc = lrs_read_course(st, &t, HOME, BASE "/", "lc", 60, c, e);
	return st;
}

Test(lrs_read, asks_by_activity_without_an_agent_and_follows_more)
{
	struct lrs_read_counts	 c;
	struct fake		 f;
	struct store		*st;
	struct store_officer	*list;
	struct err		 e;
	size_t			 n;
	int			 rc, i;

	st = read_population(population, &f, &c, &rc, &e);
	cr_assert_eq(rc, 0, "%s", e.msg);
	/* five verbs, the answers in two pages */
	cr_assert_eq(f.nasked, 6);
	cr_assert_str_eq(f.asked[0], "statements?activity=https%3A%2F%2F"
	    "rianru.example.go.th%2Fxapi%2Fcourse%2Flc&related_activities="
	    "true&verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fattempted"
	    "&ascending=true&limit=500");
	for (i = 0; i < f.nasked; i++)
		cr_assert_null(strstr(f.asked[i], "agent="), "%s",
		    f.asked[i]);
	cr_assert_str_eq(f.asked[2], "/xAPI/statements?page=2",
	    "'more' is followed as given");
	cr_assert_eq(c.seen, 8);
	cr_assert_eq(c.foreign, 1, "another agency's account is left out");
	cr_assert_eq(c.merged, 7);
	cr_assert_eq(c.bad, 0);
	cr_assert_eq(store_officer_list(st, &list, &n, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 2, "each account met is an officer of the store");
	cr_assert_str_eq(list[0].code, "OC-1");
	cr_assert_str_eq(list[1].code, "OC-2");
	free(list);
	store_close(st);
}

Test(lrs_read, a_key_that_may_not_read_is_named)
{
	static const struct lrs_page refused[] = {
		{ "statements", 403, "{}" }, { NULL, 0, NULL }
	};
	struct lrs_read_counts	 c;
	struct fake		 f;
	struct store		*st;
	struct err		 e;
	int			 rc;

	st = read_population(refused, &f, &c, &rc, &e);
	cr_assert_eq(rc, -1);
	cr_assert_str_eq(e.msg, "the LRS refused to let this key read "
	    "statements (403): --from-lrs needs statements read for the "
	    "agency's officers (docs/stats.md)");
	cr_assert_eq(f.nasked, 1, "no more requests after a refusal");
	store_close(st);
}

Test(lrs_read, not_a_statement_result)
{
	static const struct lrs_page odd[] = {
		{ "statements", 200, "<html>login</html>" }, { NULL, 0, NULL }
	};
	struct lrs_read_counts	 c;
	struct fake		 f;
	struct store		*st;
	struct err		 e;
	int			 rc;

	st = read_population(odd, &f, &c, &rc, &e);
	cr_assert_eq(rc, -1);
	cr_assert_str_eq(e.msg, "the LRS's answer to GET statements is not "
	    "a statement result");
	store_close(st);
}

/*
 * Attempts merged from statements have no plan (the statements do not
 * carry it): they count all the same, every question of a quiz that asks
 * them all, an unanswered one as 0. By hand, OC-1 scores q1 1, q2 1;
 * OC-2 q1 0, q2 0 (never answered): facility 1/2 each, test mean 1/2.
 */
/* The catalogue of course 'lc' in a new folder dir[64]. */
static struct catalog *
lc_catalog(char *dir)
{
	struct catalog	*cat;
	struct diags	 d;
	char		 sub[96];

	tmp_dir_make(dir, 64, "lrs-read");
	snprintf(sub, sizeof sub, "%s/lc", dir);
	cr_assert_eq(mkdir(sub, 0700), 0);
	write_file(sub, "course.yaml", course_yaml);
	write_file(sub, "m.yaml", module_yaml);
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, dir, &d);
	cr_assert_eq(d.nerrors, 0);
	diags_release(&d);
	return cat;
}

Test(lrs_read, attempts_without_a_plan_count_in_item_analysis)
{
	struct stats_report	 r;
	struct lrs_read_counts	 c;
	struct fake		 f;
	struct catalog		*cat;
	struct store		*st;
	struct err		 e;
	char			 dir[64];
	int			 rc;

	cat = lc_catalog(dir);
	st = read_population(population, &f, &c, &rc, &e);
	cr_assert_eq(rc, 0, "%s", e.msg);
	cr_assert_eq(stats_collect(st, cat, NULL, NULL, 0, 1, &r, &e), 0,
	    "%s", e.msg);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.quizzes[0].left_out, 0, "no attempt left out");
	cr_assert_eq(r.quizzes[0].t.n, 2);
	cr_assert_float_eq(r.quizzes[0].t.mean, 0.5, 1e-9);
	cr_assert_eq(r.quizzes[0].qs[0].it.n, 2);
	cr_assert_eq(r.quizzes[0].qs[1].it.n, 2,
	    "q2 was asked of OC-2 too, though never answered");
	cr_assert_float_eq(r.quizzes[0].qs[1].it.facility, 0.5, 1e-9);
	cr_assert_eq(r.quizzes[0].qs[0].choices[1].picked, 1, "b by OC-2");
	stats_report_release(&r);
	store_close(st);
	catalog_free(cat);
	tmp_dir_remove(dir);
}

/*
 * A stats file (`stats --format json`, e.g. of --from-lrs) read back for
 * `preview --stats` gives the figures and flags it was written from.
 */
Test(lrs_read, stats_file_reads_back_for_preview)
{
	struct stats_report	 r, back;
	struct lrs_read_counts	 c;
	struct fake		 f;
	struct catalog		*cat;
	struct store		*st;
	struct buf		 b;
	struct err		 e;
	char			 dir[64], path[96];
	size_t			 i;
	int			 rc;

	cat = lc_catalog(dir);
	st = read_population(population, &f, &c, &rc, &e);
	cr_assert_eq(rc, 0, "%s", e.msg);
	/* min_n 1: q1 and q2 are flagged (facility 1/2, n 2) or not, alike */
	cr_assert_eq(stats_collect(st, cat, NULL, NULL, 0, 1, &r, &e), 0);
	buf_init(&b);
	stats_format(&r, STATS_FMT_JSON, LANG_TH, &b);
	snprintf(path, sizeof path, "%s/stats.json", dir);
	write_file(dir, "stats.json", b.data);
	cr_assert_eq(stats_load(path, cat, 10, &back, &e), 0, "%s", e.msg);
	cr_assert_eq(back.n, 1);
	cr_assert_eq(back.min_n, 1, "the file's minimum n, not the caller's");
	cr_assert_eq(back.quizzes[0].quiz, r.quizzes[0].quiz);
	cr_assert_eq(back.quizzes[0].t.n, 2);
	cr_assert_eq(back.quizzes[0].nq, 2);
	for (i = 0; i < 2; i++) {
		const struct stats_q	*a = &r.quizzes[0].qs[i];
		const struct stats_q	*z = &back.quizzes[0].qs[i];

		cr_assert_eq(z->q, a->q);
		cr_assert_eq(z->it.n, a->it.n);
		cr_assert_float_eq(z->it.facility, a->it.facility, 1e-6);
		cr_assert_eq(isnan(z->it.disc), isnan(a->it.disc));
		cr_assert_eq(z->flags, a->flags, "q%zu flags", i + 1);
	}
	stats_report_release(&back);

	/* and the progress file itself, through the same call */
	write_file(dir, "other.txt", "attempts: many\n");
	snprintf(path, sizeof path, "%s/other.txt", dir);
	cr_assert_eq(stats_load(path, cat, 10, &back, &e), -1);
	cr_assert(strstr(e.msg, "is neither a progress file nor a stats "
	    "file") != NULL, "%s", e.msg);
	buf_release(&b);
	stats_report_release(&r);
	store_close(st);
	catalog_free(cat);
	tmp_dir_remove(dir);
}
