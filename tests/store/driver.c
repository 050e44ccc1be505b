/*
 * A small program that drives the progress store like the app and like
 * `rianru sync` would, for the scripted tests in tests/store/:
 *
 *   driver init DB              create the store with one officer, enrolled
 *   driver crash DB             attempts and answers forever; prints
 *                               "A ATTEMPT QUESTION" after each answer call
 *                               returned and "F ATTEMPT" after each finish
 *   driver verify DB ACKS       integrity, every acknowledged answer and
 *                               finish present, event/statement pairs
 *   driver writer DB SECONDS    answers for SECONDS; prints "acked N"
 *   driver syncer DB SECONDS    marks pending statements delivered in
 *                               batches; prints "delivered N"
 *   driver reader DB SECONDS    read-only reports in a loop; prints "reads N"
 *   driver tally DB             prints "answers A statements S pending P
 *                               delivered D"
 *
 * Exit status 0 on success; any store error goes to stderr with status 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_event.h"
#include "store/store_outbox.h"
#include "store/store_query.h"
#include "base/xalloc.h"

#define COURSE	"c1"
#define QUIZ	"qz"
#define PER_ATTEMPT 5

static int
fail(const char *what, const struct err *e)
{
	char	msg[800];

	fprintf(stderr, "driver: %s: %s\n", what, err_str(e, msg, sizeof msg));
	return 1;
}

static struct store *
open_store(const char *path)
{
	struct store	*st;
	struct err	 e;

	if ((st = store_open(path, &e)) == NULL)
		fail("open", &e);
	return st;
}

/* The driver's officer (made and enrolled on first use). */
static int
officer(struct store *st, const char *code, int64_t *id, struct err *e)
{
	struct store_officer	o;
	int			rc;

	if ((rc = store_officer_get(st, code, &o, e)) == -1)
		return -1;
	if (rc == 1) {
		memset(&o, 0, sizeof o);
		snprintf(o.code, sizeof o.code, "%s", code);
		snprintf(o.name, sizeof o.name, "ทดสอบ %s", code);
		snprintf(o.group, sizeof o.group, "service");
		if (store_officer_add(st, &o, time(NULL), e) == -1)
			return -1;
	}
	*id = o.id;
	return store_enrol(st, o.id, COURSE, time(NULL), e);
}

/* A statement with a fresh id; json is the caller's buffer. */
static struct store_stmt
stmt(char id[STORE_UUID_LEN + 1], char *json, size_t size, const char *verb)
{
	struct store_stmt	s;

	store_uuid(id);
	snprintf(json, size, "{\"id\":\"%s\",\"verb\":{\"id\":"
	    "\"http://adlnet.gov/expapi/verbs/%s\"}}", id, verb);
	s.id = id;
	s.json = json;
	return s;
}

/*
 * One attempt of PER_ATTEMPT answers and a finish, acknowledging each
 * step on stdout only after the store call returned. Adds to *acked.
 */
static int
one_attempt(struct store *st, int64_t oid, int ack, long *acked)
{
	struct store_attempt	a;
	struct store_answer	an;
	struct store_score	sc = { 0, PER_ATTEMPT, 0, 0 };
	struct store_stmt	s;
	struct err		e;
	char			id[STORE_UUID_LEN + 1], json[256], resp[8];
	char			order[] = "[\"q0\",\"q1\",\"q2\",\"q3\",\"q4\"]";
	int			q;

	memset(&a, 0, sizeof a);
	a.officer_id = oid;
	snprintf(a.course_id, sizeof a.course_id, COURSE);
	snprintf(a.quiz_id, sizeof a.quiz_id, QUIZ);
	a.order = order;
	a.started = time(NULL);
	s = stmt(id, json, sizeof json, "attempted");
	if (store_attempt_start(st, &a, &s, &e) == -1)
		return fail("attempt start", &e);
	for (q = 0; q < PER_ATTEMPT; q++) {
		memset(&an, 0, sizeof an);
		snprintf(an.attempt_id, sizeof an.attempt_id, "%s", a.id);
		snprintf(an.question_id, sizeof an.question_id, "q%d", q);
		snprintf(resp, sizeof resp, "%d", q % 3);
		an.response = resp;
		an.correct = q % 2;
		an.points = an.correct;
		an.answered = time(NULL);
		s = stmt(id, json, sizeof json, "answered");
		if (store_record_answer(st, &an, &s, &e) == -1)
			return fail("answer", &e);
		sc.points += an.points;
		(*acked)++;
		if (ack) {
			printf("A %s q%d\n", a.id, q);
			fflush(stdout);
		} else
			usleep(1000);	/* still far faster than a person */
	}
	sc.scaled = sc.points / sc.max_points;
	sc.passed = sc.scaled >= 0.5;
	s = stmt(id, json, sizeof json, sc.passed ? "passed" : "failed");
	if (store_attempt_finish(st, a.id, &sc, time(NULL), &s, &e) == -1)
		return fail("finish", &e);
	if (ack) {
		printf("F %s\n", a.id);
		fflush(stdout);
	}
	return 0;
}

static int
cmd_write(const char *path, const char *code, double seconds, int ack)
{
	struct store	*st;
	struct err	 e;
	struct timespec	 t0, t;
	int64_t		 oid;
	long		 acked = 0;
	int		 rc = 0;

	if ((st = open_store(path)) == NULL)
		return 1;
	if (officer(st, code, &oid, &e) == -1) {
		store_close(st);
		return fail("officer", &e);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if ((rc = one_attempt(st, oid, ack, &acked)) != 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (seconds > 0 && (double)(t.tv_sec - t0.tv_sec) +
		    (t.tv_nsec - t0.tv_nsec) / 1e9 >= seconds)
			break;
	}
	store_close(st);
	if (rc == 0 && !ack)
		printf("acked %ld\n", acked);
	return rc;
}

struct batch {
	char	ids[50][STORE_UUID_LEN + 1];
	size_t	n;
};

static int
batch_add(const struct store_outbox_row *r, void *arg)
{
	struct batch	*b = arg;

	snprintf(b->ids[b->n++], sizeof b->ids[0], "%s", r->stmt_id);
	return 0;
}

static int
cmd_syncer(const char *path, double seconds)
{
	struct store	*st;
	struct batch	 b;
	struct err	 e;
	struct timespec	 t0, t;
	const char	*ids[50];
	long		 marked = 0;
	size_t		 i;
	int		 rc = 0;

	if ((st = open_store(path)) == NULL)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		b.n = 0;
		if (store_outbox_pending(st, time(NULL), 0, 50, batch_add, &b,
		    &e) == -1) {
			rc = fail("pending", &e);
			break;
		}
		for (i = 0; i < b.n; i++)
			ids[i] = b.ids[i];
		if (store_outbox_delivered(st, ids, b.n, time(NULL), &e) == -1) {
			rc = fail("delivered", &e);
			break;
		}
		marked += (long)b.n;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((double)(t.tv_sec - t0.tv_sec) +
		    (t.tv_nsec - t0.tv_nsec) / 1e9 >= seconds)
			break;
		usleep(2000);
	}
	store_close(st);
	if (rc == 0)
		printf("delivered %ld\n", marked);
	return rc;
}

static int
cmd_reader(const char *path, double seconds)
{
	struct store		*st;
	struct store_report_row	*rows;
	struct store_progress	*pr;
	struct err		 e;
	struct timespec		 t0, t;
	int64_t			 c[STORE_OB_NSTATES];
	size_t			 n;
	long			 reads = 0;
	int			 rc = 0;

	if ((st = store_open_readonly(path, &e)) == NULL)
		return fail("open read-only", &e);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (store_report(st, STORE_REPORT_GROUP, &rows, &n, &e) == -1) {
			rc = fail("report", &e);
			break;
		}
		free(rows);
		if (store_progress(st, 0, NULL, &pr, &n, &e) == -1) {
			rc = fail("progress", &e);
			break;
		}
		free(pr);
		if (store_outbox_counts(st, c, &e) == -1) {
			rc = fail("counts", &e);
			break;
		}
		reads++;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((double)(t.tv_sec - t0.tv_sec) +
		    (t.tv_nsec - t0.tv_nsec) / 1e9 >= seconds)
			break;
		usleep(5000);
	}
	store_close(st);
	if (rc == 0)
		printf("reads %ld\n", reads);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is 'key' in the sorted array 'v' of 'n' strings? */
static int
has(char **v, size_t n, const char *key)
{
	return n > 0 && bsearch(&key, v, n, sizeof *v, cmp_str) != NULL;
}

/*
 * Check the store against every acknowledgement in 'acks' (of all runs so
 * far, so a later crash that lost earlier data is caught too). The stored
 * attempts and answers are loaded once and sorted for lookups.
 */
static int
cmd_verify(const char *path, const char *acks)
{
	struct store		*st;
	struct store_check	 c;
	struct store_attempt	*list = NULL;
	struct store_answer	*ans;
	struct store_officer	 o;
	struct err		 e;
	char			 line[256], att[64], q[64], key[200];
	char			**done = NULL, **answered = NULL;
	size_t			 n = 0, na, i, k, ndone = 0, nans = 0;
	long			 lines = 0, bad = 0;
	FILE			*f;
	int			 rc;

	if ((st = open_store(path)) == NULL)
		return 1;
	if (store_check(st, &c, &e) == -1)
		return fail("check", &e);
	if (!c.ok || c.missing != 0 || c.orphans != 0 ||
	    c.events != c.statements) {
		fprintf(stderr, "driver: inconsistent: integrity '%s', events "
		    "%lld, statements %lld, missing %lld, orphans %lld\n",
		    c.first, (long long)c.events, (long long)c.statements,
		    (long long)c.missing, (long long)c.orphans);
		bad++;
	}
	if ((rc = store_officer_get(st, "crash", &o, &e)) == -1)
		return fail("officer", &e);
	if (rc == 0 && store_attempt_list(st, o.id, COURSE, QUIZ, &list, &n,
	    &e) == -1)
		return fail("attempts", &e);
	if (n > 0) {
		done = xcalloc(n, sizeof *done);
		answered = xcalloc(n * PER_ATTEMPT, sizeof *answered);
	}
	for (i = 0; i < n; i++) {
		if (list[i].finished != 0)
			done[ndone++] = xstrdup(list[i].id);
		if (store_answers(st, list[i].id, &ans, &na, &e) == -1)
			return fail("answers", &e);
		for (k = 0; k < na && nans < n * PER_ATTEMPT; k++)
			xasprintf(&answered[nans++], "%s %s", list[i].id,
			    ans[k].question_id);
		store_answer_list_free(ans, na);
	}
	if (done != NULL)
		qsort(done, ndone, sizeof *done, cmp_str);
	if (answered != NULL)
		qsort(answered, nans, sizeof *answered, cmp_str);

	if ((f = fopen(acks, "r")) == NULL) {
		perror(acks);
		return 1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		if (strchr(line, '\n') == NULL)
			break;	/* cut by the kill; never acknowledged */
		lines++;
		if (sscanf(line, "A %63s %63s", att, q) == 2) {
			snprintf(key, sizeof key, "%s %s", att, q);
			if (!has(answered, nans, key)) {
				fprintf(stderr, "driver: lost answer %s\n",
				    key);
				bad++;
			}
		} else if (sscanf(line, "F %63s", att) == 1) {
			if (!has(done, ndone, att)) {
				fprintf(stderr, "driver: lost finish of %s\n",
				    att);
				bad++;
			}
		} else {
			fprintf(stderr, "driver: bad ack line '%s'\n", line);
			bad++;
		}
	}
	fclose(f);
	for (i = 0; i < ndone; i++)
		free(done[i]);
	for (i = 0; i < nans; i++)
		free(answered[i]);
	free(done);
	free(answered);
	store_attempt_list_free(list, n);
	store_close(st);
	if (bad != 0)
		return 1;
	printf("ok: %ld acknowledged, %zu attempts, %lld statements\n", lines,
	    n, (long long)c.statements);
	return 0;
}

static int
cmd_tally(const char *path)
{
	struct store		*st;
	struct store_check	 c;
	struct store_attempt	*list;
	struct store_officer	 o;
	struct err		 e;
	int64_t			 counts[STORE_OB_NSTATES];
	size_t			 n, i, na, answers = 0;
	struct store_answer	*ans;

	if ((st = open_store(path)) == NULL)
		return 1;
	if (store_check(st, &c, &e) == -1 ||
	    store_outbox_counts(st, counts, &e) == -1)
		return fail("tally", &e);
	if (store_officer_get(st, "writer", &o, &e) == 0) {
		if (store_attempt_list(st, o.id, NULL, NULL, &list, &n, &e) == -1)
			return fail("attempts", &e);
		for (i = 0; i < n; i++) {
			if (store_answers(st, list[i].id, &ans, &na, &e) == -1)
				return fail("answers", &e);
			answers += na;
			store_answer_list_free(ans, na);
		}
		store_attempt_list_free(list, n);
	}
	printf("answers %zu statements %lld pending %lld delivered %lld "
	    "consistent %d\n", answers, (long long)c.statements,
	    (long long)counts[STORE_OB_PENDING],
	    (long long)counts[STORE_OB_DELIVERED],
	    c.ok && c.missing == 0 && c.orphans == 0 &&
	    c.events == c.statements);
	store_close(st);
	return 0;
}

int
main(int argc, char **argv)
{
	struct store	*st;
	struct err	 e;
	int64_t		 oid;

	if (argc == 3 && strcmp(argv[1], "init") == 0) {
		if ((st = open_store(argv[2])) == NULL)
			return 1;
		if (officer(st, "writer", &oid, &e) == -1)
			return fail("officer", &e);
		store_close(st);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "crash") == 0)
		return cmd_write(argv[2], "crash", 0, 1);
	if (argc == 4 && strcmp(argv[1], "verify") == 0)
		return cmd_verify(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "writer") == 0)
		return cmd_write(argv[2], "writer", atof(argv[3]), 0);
	if (argc == 4 && strcmp(argv[1], "syncer") == 0)
		return cmd_syncer(argv[2], atof(argv[3]));
	if (argc == 4 && strcmp(argv[1], "reader") == 0)
		return cmd_reader(argv[2], atof(argv[3]));
	if (argc == 3 && strcmp(argv[1], "tally") == 0)
		return cmd_tally(argv[2]);
	fprintf(stderr, "usage: driver init|crash|verify|writer|syncer|reader|"
	    "tally DB [ARG]\n");
	return 2;
}
