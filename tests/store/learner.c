/*
 * Plays an officer through real content with lib/learn, so scripted tests
 * (tests/html, tests/e2e/plan_log.sh) have progress to show:
 *
 *   learner DB CONTENT CODE pass COURSE [PERCENT]
 *       read every page and answer every quiz (about PERCENT of the
 *       questions right, default 100), so the course completes when
 *       that passes
 *   learner DB CONTENT CODE start COURSE
 *       read the first page only (enrolled, in progress)
 *   learner DB CONTENT CODE log DAY practice|coaching AREA MINUTES TEXT
 *       a 70:20:10 entry
 *
 * The officer must exist (rianru user add). RIANRU_NOW=EPOCH fixes the
 * clock. Exit status 0, or 1 with the error on stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "learn/attempt.h"
#include "base/buf.h"
#include "content/course.h"
#include "learn/devlog.h"
#include "base/diag.h"
#include "base/err.h"
#include "learn/learn.h"
#include "content/catalog.h"
#include "content/load.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_log.h"

static time_t	clock_at;

static time_t
clock_now(void)
{
	return clock_at++;
}

static int
fail(const char *what, const struct err *e)
{
	char	msg[800];

	fprintf(stderr, "learner: %s: %s\n", what, err_str(e, msg, sizeof msg));
	return 1;
}

/* A right answer to 'q' in the response syntax. */
static void
right_answer(const struct question *q, struct buf *out)
{
	struct err	e;
	char		num[64];

	switch (q->type) {
	case Q_FILL_IN:
		attempt_response_fill_in(q, q->answers[0], out, &e);
		return;
	case Q_NUMERIC:
		snprintf(num, sizeof num, "%.10g", q->answer_num);
		attempt_response_numeric(q, num, out, &e);
		return;
	default:
		attempt_correct_pattern(q, 0, out);
	}
}

/* A wrong (or empty) answer: true-false flipped, anything else blank. */
static void
wrong_answer(const struct question *q, struct buf *out)
{
	if (q->type == Q_TRUE_FALSE)
		buf_adds(out, q->answer_bool ? "false" : "true");
}

static int
play(struct learn *l, const struct course *c, int percent, int start_only)
{
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct err		 e;
	struct buf		 b;
	size_t			 m, p, i, nright;

	for (m = 0; m < c->nmodules; m++) {
		const struct module *mod = &c->modules[m];

		for (p = 0; p < mod->npages; p++) {
			if (learn_read_page(l, c, mod, p, &e) == -1)
				return fail("read", &e);
			if (start_only)
				return 0;
		}
		if (mod->quiz == NULL)
			continue;
		if ((la = learn_attempt_begin(l, c, mod, &e)) == NULL)
			return fail("attempt", &e);
		nright = (la->n * (size_t)percent + 50) / 100;
		buf_init(&b);
		for (i = 0; i < la->n; i++) {
			buf_reset(&b);
			if (i < nright)
				right_answer(la->plan->qs[i].q, &b);
			else
				wrong_answer(la->plan->qs[i].q, &b);
			if (b.len > 0 && learn_answer(l, la, i, b.data, &sc,
			    &e) == -1) {
				buf_release(&b);
				learn_attempt_free(la);
				return fail("answer", &e);
			}
		}
		buf_release(&b);
		if (learn_attempt_finish(l, la, &res, &e) == -1) {
			learn_attempt_free(la);
			return fail("finish", &e);
		}
		attempt_result_release(&res);
		learn_attempt_free(la);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct store_officer	 o;
	struct store_log_entry	 le;
	struct catalog		*cat;
	struct course		*c;
	struct diags		 d;
	struct store		*st;
	struct learn		 l;
	struct err		 e;
	const char		*now = getenv("RIANRU_NOW");
	int			 rc = 1;

	if (argc < 6) {
		fprintf(stderr, "usage: learner DB CONTENT CODE "
		    "pass|start|log ...\n");
		return 2;
	}
	clock_at = now != NULL ? (time_t)atoll(now) : time(NULL);
	err_clear(&e);
	if ((st = store_open(argv[1], &e)) == NULL)
		return fail("open", &e);
	if (store_officer_get(st, argv[3], &o, &e) != 0) {
		fprintf(stderr, "learner: no officer '%s'\n", argv[3]);
		store_close(st);
		return 1;
	}
	learn_init(&l, st, &o, "https://agency.go.th", "https://rianru.test",
	    "th-TH");
	l.now = clock_now;
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, argv[2], &d);
	if (strcmp(argv[4], "log") == 0 && argc == 10) {
		memset(&le, 0, sizeof le);
		snprintf(le.day, sizeof le.day, "%s", argv[5]);
		le.kind = strcmp(argv[6], "coaching") == 0 ?
		    STORE_LOG_COACHING : STORE_LOG_PRACTICE;
		snprintf(le.area, sizeof le.area, "%s", argv[7]);
		le.minutes = atoi(argv[8]);
		snprintf(le.reflection, sizeof le.reflection, "%s", argv[9]);
		rc = devlog_add(&l, &le, &e) == -1 ? fail("log", &e) : 0;
	} else if ((c = catalog_find(cat, argv[5])) == NULL)
		fprintf(stderr, "learner: no course '%s'\n", argv[5]);
	else if (strcmp(argv[4], "pass") == 0)
		rc = play(&l, c, argc > 6 ? atoi(argv[6]) : 100, 0);
	else if (strcmp(argv[4], "start") == 0)
		rc = play(&l, c, 0, 1);
	else
		fprintf(stderr, "learner: unknown action '%s'\n", argv[4]);
	catalog_free(cat);
	diags_release(&d);
	store_close(st);
	return rc;
}
