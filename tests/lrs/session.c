/*
 * Makes and inspects progress files for the LRS tests (the tests/lrs scripts):
 *
 *   session learn DB COURSE_DIR N [BAD_AFTER]
 *       N officers (OC-1 .. OC-N) each read every page of the course and
 *       take every quiz (the first answer wrong, the rest right), with
 *       the library (lib/learn), so the outbox holds the statements the
 *       app would queue. With BAD_AFTER, one statement the LRS must
 *       refuse (400) is queued after officer BAD_AFTER's session.
 *       An officer already in the file learns again (a second session).
 *   session quiz DB COURSE_DIR FIRST LAST
 *       officers OC-FIRST .. OC-LAST each take every quiz once, each
 *       answer right or wrong by a fixed rule of the officer's number and
 *       the question's id (so one file of OC-1..8 holds the same answers
 *       as a file of OC-1..4 and one of OC-5..8), the wrong choice the
 *       first wrong one: varied figures for item analysis
 *   session read DB COURSE_DIR K
 *       officer OC-K reads every page of the course
 *   session attempt DB COURSE_DIR K QUIZ WRONG [open]
 *       officer OC-K takes quiz QUIZ once: the first WRONG answers wrong
 *       (the first wrong choice), the rest right; "open": only the first
 *       question answered and the attempt left open. Exit 1 when the
 *       quiz has no attempt left ("no attempts left at quiz ...")
 *   session dump DB
 *       every outbox row: "seq<TAB>state<TAB>id<TAB>json", oldest first
 *
 * Exit status 0, or 1 with a message on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int
fail(const char *what, const struct err *e)
{
	char	msg[1024];

	fprintf(stderr, "session: %s: %s\n", what, err_str(e, msg, sizeof msg));
	return 1;
}

/* A response to 'q' in the xAPI syntax: right, or (wrong) a wrong one. */
static void
respond(const struct question *q, int wrong, struct buf *out)
{
	buf_reset(out);
	switch (q->type) {
	case Q_FILL_IN:
		buf_adds(out, wrong ? "no idea" : q->answers[0]);
		break;
	case Q_NUMERIC:
		buf_addf(out, "%g", wrong ? q->answer_num + q->tolerance + 100 :
		    q->answer_num);
		break;
	case Q_TRUE_FALSE:
		buf_adds(out, (q->answer_bool != 0) != wrong ? "true" :
		    "false");
		break;
	default:
		attempt_correct_pattern(q, 0, out);
		break;
	}
}

/* The fixed rule of 'session quiz': is officer k wrong on question q? */
static int
quiz_wrong(int k, const struct question *q)
{
	unsigned	h = 0;
	const char	*p;

	for (p = q->id; *p != '\0'; p++)
		h = h * 31 + (unsigned char)*p;
	return (h + (unsigned)k * 7) % 5 < 2;
}

/* respond(), wrong choices too: the first wrong choice alone. */
static void
respond_varied(const struct question *q, int wrong, struct buf *out)
{
	size_t	j;

	if (wrong && (q->type == Q_CHOICE || q->type == Q_MULTIPLE))
		for (j = 0; j < q->nchoices; j++)
			if (!q->choices[j].correct) {
				buf_reset(out);
				buf_adds(out, q->choices[j].id);
				return;
			}
	respond(q, wrong, out);
}

/* Officer OC-k of the file, added first when it is not there yet. */
static int
officer_get(struct store *st, int k, struct store_officer *o,
    struct err *e)
{
	char	code[32];
	int	rc;

	/* a second session on the same file: the officer is there already */
	snprintf(code, sizeof code, "OC-%d", k);
	if ((rc = store_officer_get(st, code, o, e)) != 1)
		return rc;
	memset(o, 0, sizeof *o);
	snprintf(o->code, sizeof o->code, "%s", code);
	snprintf(o->name, sizeof o->name, "Officer %d", k);
	snprintf(o->group, sizeof o->group, "service");
	snprintf(o->agency, sizeof o->agency, "Provincial Office %d", k % 7);
	return store_officer_add(st, o, time(NULL), e);
}

static void
officer_learn(struct learn *l, struct store *st, const struct store_officer *o)
{
	learn_init(l, st, o, "https://rianru.example.go.th",
	    "https://rianru.example.go.th/xapi/", "th-TH");
}

static int
officer_session(struct store *st, const struct course *c, int k,
    int varied, struct err *e)
{
	struct store_officer	 o;
	struct learn		 l;
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct buf		 resp;
	size_t			 m, p, i;

	if (officer_get(st, k, &o, e) == -1)
		return -1;
	officer_learn(&l, st, &o);
	buf_init(&resp);
	for (m = 0; m < c->nmodules; m++) {
		for (p = 0; !varied && p < c->modules[m].npages; p++)
			if (learn_read_page(&l, c, &c->modules[m], p, e) == -1)
				goto fail;
		if (c->modules[m].quiz == NULL)
			continue;
		if ((la = learn_attempt_begin(&l, c, &c->modules[m], e)) ==
		    NULL)
			goto fail;
		for (i = 0; i < la->plan->n; i++) {
			if (varied)
				respond_varied(la->plan->qs[i].q,
				    quiz_wrong(k, la->plan->qs[i].q), &resp);
			else
				respond(la->plan->qs[i].q, i == 0, &resp);
			if (learn_answer(&l, la, i, resp.data, &sc, e) == -1) {
				learn_attempt_free(la);
				goto fail;
			}
		}
		if (learn_attempt_finish(&l, la, &res, e) == -1) {
			learn_attempt_free(la);
			goto fail;
		}
		attempt_result_release(&res);
		learn_attempt_free(la);
	}
	buf_release(&resp);
	return 0;
fail:
	buf_release(&resp);
	return -1;
}

/* A statement no LRS accepts: an actor with two identifiers. */
static int
queue_bad(struct store *st, struct err *e)
{
	struct store_page	p = { 0, NULL, NULL, NULL, 0 };
	struct store_officer	o;
	struct store_stmt	s;
	char			id[STORE_UUID_LEN + 1], json[512];

	if (store_officer_get(st, "OC-1", &o, e) != 0)
		return -1;
	store_uuid(id);
	snprintf(json, sizeof json, "{\"id\":\"%s\",\"actor\":{\"objectType\":"
	    "\"Agent\",\"mbox\":\"mailto:a@example.go.th\",\"account\":"
	    "{\"homePage\":\"https://rianru.example.go.th\","
	    "\"name\":\"OC-1\"}},"
	    "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
	    "\"object\":{\"id\":\"https://rianru.example.go.th/xapi/bad\"}}",
	    id);
	s.id = id;
	s.json = json;
	p.officer_id = o.id;
	p.course_id = "mini";
	p.module_id = "passwords";
	p.page_id = "intro";
	p.at = time(NULL);
	return store_record_page(st, &p, &s, e);
}

/* The course in 'dir' and the progress file 'db', or 1 with a message. */
static int
open_both(const char *db, const char *dir, struct course **c,
    struct store **st)
{
	struct diags	d;
	struct err	e;

	diags_init(&d);
	if ((*c = load_course_dir(dir, &d)) == NULL || d.nerrors > 0) {
		diags_print(&d, 0, stderr);
		diags_release(&d);
		course_free(*c);
		return 1;
	}
	diags_release(&d);
	err_clear(&e);
	if ((*st = store_open(db, &e)) == NULL) {
		course_free(*c);
		return fail("open", &e);
	}
	return 0;
}

static int
learn_cmd(const char *db, const char *dir, int first, int n, int bad_after,
    int varied)
{
	struct course	*c;
	struct store	*st;
	struct err	 e;
	int		 k, rc = 1;

	if (open_both(db, dir, &c, &st) != 0)
		return 1;
	err_clear(&e);
	for (k = first; k <= n; k++) {
		if (officer_session(st, c, k, varied, &e) == -1) {
			fail("session", &e);
			goto out;
		}
		if (k == bad_after && queue_bad(st, &e) == -1) {
			fail("bad statement", &e);
			goto out;
		}
	}
	rc = 0;
out:
	store_close(st);
	course_free(c);
	return rc;
}

/*
 * 'session read': officer k reads every page of the course. 'session
 * attempt': officer k takes quiz 'quiz' once, the first 'wrong' answers
 * wrong (respond_varied), the rest right; 'open': only the first
 * question answered and the attempt left open.
 */
static int
step_cmd(const char *db, const char *dir, int k, const char *quiz,
    int wrong, int open)
{
	struct course		*c;
	struct store		*st;
	struct store_officer	 o;
	struct learn		 l;
	struct learn_attempt	*la = NULL;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct buf		 resp;
	struct err		 e;
	size_t			 m, p, i;
	int			 rc = 1;

	if (open_both(db, dir, &c, &st) != 0)
		return 1;
	err_clear(&e);
	buf_init(&resp);
	if (officer_get(st, k, &o, &e) == -1) {
		fail("officer", &e);
		goto out;
	}
	officer_learn(&l, st, &o);
	for (m = 0; quiz == NULL && m < c->nmodules; m++)
		for (p = 0; p < c->modules[m].npages; p++)
			if (learn_read_page(&l, c, &c->modules[m], p, &e) ==
			    -1) {
				fail("read", &e);
				goto out;
			}
	if (quiz == NULL) {
		rc = 0;
		goto out;
	}
	for (m = 0; m < c->nmodules; m++)
		if (c->modules[m].quiz != NULL &&
		    strcmp(c->modules[m].quiz->id, quiz) == 0)
			break;
	if (m == c->nmodules) {
		fprintf(stderr, "session: no quiz '%s'\n", quiz);
		goto out;
	}
	if ((la = learn_attempt_begin(&l, c, &c->modules[m], &e)) == NULL) {
		fail("attempt", &e);
		goto out;
	}
	for (i = 0; i < la->plan->n && (!open || i < 1); i++) {
		respond_varied(la->plan->qs[i].q, (int)i < wrong, &resp);
		if (learn_answer(&l, la, i, resp.data, &sc, &e) == -1) {
			fail("answer", &e);
			goto out;
		}
	}
	if (!open) {
		if (learn_attempt_finish(&l, la, &res, &e) == -1) {
			fail("finish", &e);
			goto out;
		}
		attempt_result_release(&res);
	}
	rc = 0;
out:
	if (la != NULL)
		learn_attempt_free(la);
	buf_release(&resp);
	store_close(st);
	course_free(c);
	return rc;
}

static int
dump_row(const struct store_outbox_row *r, void *arg)
{
	(void)arg;
	printf("%lld\t%s\t%s\t%.*s\n", (long long)r->seq,
	    store_ob_state_name(r->state), r->stmt_id, (int)r->json_len,
	    r->json);
	return 0;
}

static int
dump_cmd(const char *db)
{
	struct store	*st;
	struct err	 e;
	int		 s;

	err_clear(&e);
	if ((st = store_open_readonly(db, &e)) == NULL)
		return fail("open", &e);
	for (s = 0; s < STORE_OB_NSTATES; s++)
		if (store_outbox_list(st, (enum store_ob_state)s, dump_row,
		    NULL, &e) == -1) {
			store_close(st);
			return fail("dump", &e);
		}
	store_close(st);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "learn") == 0)
		return learn_cmd(argv[2], argv[3], 1, atoi(argv[4]),
		    argc > 5 ? atoi(argv[5]) : 0, 0);
	if (argc == 6 && strcmp(argv[1], "quiz") == 0)
		return learn_cmd(argv[2], argv[3], atoi(argv[4]),
		    atoi(argv[5]), 0, 1);
	if (argc == 3 && strcmp(argv[1], "dump") == 0)
		return dump_cmd(argv[2]);
	if (argc == 5 && strcmp(argv[1], "read") == 0)
		return step_cmd(argv[2], argv[3], atoi(argv[4]), NULL, 0, 0);
	if ((argc == 7 || (argc == 8 && strcmp(argv[7], "open") == 0)) &&
	    strcmp(argv[1], "attempt") == 0)
		return step_cmd(argv[2], argv[3], atoi(argv[4]), argv[5],
		    atoi(argv[6]), argc == 8);
	fprintf(stderr, "usage: session learn DB COURSE_DIR N [BAD_AFTER]\n"
	    "       session quiz DB COURSE_DIR FIRST LAST\n"
	    "       session read DB COURSE_DIR K\n"
	    "       session attempt DB COURSE_DIR K QUIZ WRONG [open]\n"
	    "       session dump DB\n");
	return 2;
}
