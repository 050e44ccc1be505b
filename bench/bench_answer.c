/*
 * bench_answer: durable commit of one quiz answer the way the app does it,
 * store_record_answer() (the answer row, its event and its outbox
 * statement in one transaction, WAL, synchronous=FULL). Each of N answers
 * is to a new question of one open attempt. Prints per-commit latency
 * percentiles in microseconds, like sqlite_floor.
 *
 *   bench_answer DBFILE N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_stmt.h"
#include "bench_util.h"
#include "base/err.h"
#include "store/store.h"
#include "store/store_event.h"

static double
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
must(int rc, const struct err *e, const char *what)
{
	char	msg[512];

	if (rc == 0)
		return;
	fprintf(stderr, "bench_answer: %s: %s\n", what, err_str(e, msg,
	    sizeof msg));
	exit(1);
}

int
main(int argc, char **argv)
{
	struct store_attempt	 a;
	struct store_answer	 ans;
	struct store_stmt	 stmt;
	struct store		*st;
	struct err		 e;
	char			 id[STORE_UUID_LEN + 1];
	char			 json[4096], order[] = "{\"q\":[]}";
	double			*lat, t, sum = 0;
	time_t			 now = 1768469400;
	const char		*what = "";
	int			 i, n;

	if (argc != 3 || (n = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: bench_answer DBFILE N\n");
		return 2;
	}
	bench_unlink_db(argv[1]);
	err_clear(&e);
	if ((st = store_open(argv[1], &e)) == NULL)
		must(-1, &e, "open");
	must(bench_open_attempt(st, now, order, &a, &what, &e), &e, what);
	lat = calloc((size_t)n, sizeof *lat);
	for (i = 0; i < n; i++) {
		memset(&ans, 0, sizeof ans);
		snprintf(ans.attempt_id, sizeof ans.attempt_id, "%s", a.id);
		snprintf(ans.question_id, sizeof ans.question_id, "m1-q%d", i);
		ans.response = (char *)"b";
		ans.correct = 1;
		ans.points = 1;
		ans.answered = now + i;
		store_uuid(id);
		snprintf(json, sizeof json, BENCH_STMT_FMT, id, i, a.id);
		stmt.id = id;
		stmt.json = json;
		t = now_us();
		must(store_record_answer(st, &ans, &stmt, &e), &e, "answer");
		lat[i] = now_us() - t;
		sum += lat[i];
		/* the app checkpoints when the officer pauses between
		 * answers (tui/screens/app_loop.c app_checkpoint): so do we, untimed */
		must(store_checkpoint(st, &e), &e, "checkpoint");
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	printf("n=%d p50_us=%.1f p99_us=%.1f mean_us=%.1f\n", n, lat[n / 2],
	    lat[(size_t)(n * 0.99) < (size_t)n ? (size_t)(n * 0.99) :
	    (size_t)n - 1], sum / n);
	free(lat);
	store_close(st);
	return 0;
}
