/*
 * bench_sync: figure 4, delivering the outbox to an LRS through the real
 * lib/sync code (sync_connect_source() over the store's outbox, libcurl,
 * sync_run() as `rianru sync` calls it).
 *
 *   bench_sync queue DB N BATCH JSONL BODIES
 *	A fresh progress file DB with N answers, each with its ~1 KB
 *	"answered" statement in the outbox (store_record_answer(), as
 *	bench_answer). Then the same statements, read back from the outbox,
 *	for the other two clients: JSONL one statement a line (the
 *	@xapi/xapi client) and BODIES a line per batch of BATCH: its count,
 *	a tab and the JSON array (sync_floor).
 *   bench_sync send DB ENDPOINT BATCH
 *	Deliver every pending statement of DB (a fresh copy of the queued
 *	file) to ENDPOINT in batches of BATCH, key "bench" and the secret in
 *	$RIANRU_LRS_SECRET. Timed from sync_run() to its return. Prints
 *	n= ms= per_s=, the rate over the first and the last tenth of the
 *	batches (at least one each), the CPU time of the process while
 *	sending and the time spent in the outbox calls, and RSS in kB: peak
 *	(getrusage), after the first batch, after 10% were delivered, at
 *	the end, and the largest seen while sending. Exits 1 unless every
 *	statement was delivered.
 *
 * RSS is sampled after every delivered batch by a thin source that
 * forwards to the store_outbox_* functions (the calls sync_connect() makes)
 * and reads /proc/self/statm when a batch is marked delivered.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench_stmt.h"
#include "bench_util.h"
#include "config/config.h"
#include "config/connect.h"
#include "base/err.h"
#include "store/store.h"
#include "store/store_event.h"
#include "store/store_outbox.h"
#include "sync/sync.h"
#include "base/xalloc.h"

/* Rows are chosen by the syncq's own backoff, as sync.c's source does. */
#define BENCH_ANY_TIME	((time_t)1 << (sizeof(time_t) * 8 - 2))

struct sampler {
	struct store	*st;
	int64_t		 n;		/* statements to deliver */
	int64_t		 done;		/* delivered so far */
	long		 rss_first;	/* kB, after the first batch */
	long		 rss_10;	/* after 10% */
	long		 rss_end;	/* after the last batch */
	long		 rss_max;	/* largest seen while sending */
	double		 store_ms;	/* time in the outbox calls */
	double		 t0;		/* ms, when sending started */
	int		 batches;	/* delivered so far */
	int		 nb, kb;	/* batches in all, a tenth of them */
	double		 t10, t90;	/* after kb, after nb - kb batches */
	int64_t		 n90;		/* statements in the first nb - kb */
};

/* Exit with the error of 'what' unless rc is 0. */
static void
must(int rc, const struct err *e, const char *what)
{
	char	msg[512];

	if (rc == 0)
		return;
	fprintf(stderr, "bench_sync: %s: %s\n", what, err_str(e, msg,
	    sizeof msg));
	exit(1);
}

/* Resident set size now, in kB (0 if /proc is not there). */
static long
rss_kb(void)
{
	FILE	*f;
	long	 size, res = 0;

	if ((f = fopen("/proc/self/statm", "r")) == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &res) != 2)
		res = 0;
	fclose(f);
	return res * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The export of 'queue': statements as read back from the outbox. */
struct export {
	FILE	*jsonl;
	FILE	*bodies;
	int	 n;		/* statements in all */
	int	 batch;
	int	 seen;
	int	 in_batch;
};

/* Write one outbox row to both export files. */
static int
export_row(const struct store_outbox_row *r, void *arg)
{
	struct export	*x = arg;

	fwrite(r->json, 1, r->json_len, x->jsonl);
	fputc('\n', x->jsonl);
	if (x->in_batch == 0)
		fprintf(x->bodies, "%d\t[", x->n - x->seen < x->batch ?
		    x->n - x->seen : x->batch);
	else
		fputc(',', x->bodies);
	x->seen++;
	fwrite(r->json, 1, r->json_len, x->bodies);
	if (++x->in_batch == x->batch) {
		fputs("]\n", x->bodies);
		x->in_batch = 0;
	}
	return 0;
}

/* bench_sync queue: the progress file and the exports (see the top). */
static int
cmd_queue(const char *db, int n, int batch, const char *jsonl,
    const char *bodies)
{
	struct store_attempt	 a;
	struct store_answer	 ans;
	struct store_stmt	 stmt;
	struct store		*st;
	struct export		 x;
	const char		*what = "";
	struct err		 e;
	char			 id[STORE_UUID_LEN + 1], json[4096];
	char			 order[] = "{\"q\":[]}";
	time_t			 now = 1768469400;
	int			 i;

	bench_unlink_db(db);
	err_clear(&e);
	if ((st = store_open(db, &e)) == NULL)
		must(-1, &e, "open");
	must(bench_open_attempt(st, now, order, &a, &what, &e), &e, what);
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
		must(store_record_answer(st, &ans, &stmt, &e), &e, "answer");
	}

	memset(&x, 0, sizeof x);
	x.n = n;
	x.batch = batch;
	if ((x.jsonl = fopen(jsonl, "w")) == NULL ||
	    (x.bodies = fopen(bodies, "w")) == NULL) {
		perror("bench_sync: export");
		exit(1);
	}
	if (store_outbox_list(st, STORE_OB_PENDING, export_row, &x, &e) != n)
		must(-1, &e, "export");
	if (x.in_batch > 0)
		fputs("]\n", x.bodies);
	if (fclose(x.jsonl) != 0 || fclose(x.bodies) != 0) {
		perror("bench_sync: export");
		exit(1);
	}
	store_close(st);	/* checkpoints: DB is one file to copy */
	printf("n=%d batch=%d\n", n, batch);
	return 0;
}

/* The store's outbox as sync_connect() sees it, plus RSS samples. */
static int
src_counts(void *ctx, int64_t c[STORE_OB_NSTATES], struct err *e)
{
	struct sampler	*s = ctx;

	return store_outbox_counts(s->st, c, e);
}

static int
src_pending(void *ctx, int64_t after_seq, int limit,
    int (*fn)(const struct store_outbox_row *, void *), void *arg,
    struct err *e)
{
	struct sampler	*s = ctx;
	double		 t = bench_now_ms();
	int		 rc;

	rc = store_outbox_pending(s->st, BENCH_ANY_TIME, after_seq, limit,
	    fn, arg, e);
	s->store_ms += bench_now_ms() - t;
	return rc;
}

static int
src_delivered(void *ctx, const char *const *ids, size_t n, time_t now,
    struct err *e)
{
	struct sampler	*s = ctx;
	double		 t = bench_now_ms();
	long		 r;

	if (store_outbox_delivered(s->st, ids, n, now, e) == -1)
		return -1;
	s->store_ms += bench_now_ms() - t;
	r = rss_kb();
	if (s->done == 0)
		s->rss_first = r;
	s->done += (int64_t)n;
	if (s->rss_10 == 0 && s->done * 10 >= s->n)
		s->rss_10 = r;
	if (++s->batches == s->kb)
		s->t10 = bench_now_ms();
	if (s->batches == s->nb - s->kb) {
		s->t90 = bench_now_ms();
		s->n90 = s->done;
	}
	if (r > s->rss_max)
		s->rss_max = r;
	s->rss_end = r;
	return 0;
}

static int
src_set_state(void *ctx, const char *id, enum store_ob_state st,
    const char *reason, time_t now, struct err *e)
{
	struct sampler	*s = ctx;

	return store_outbox_set_state(s->st, id, st, reason, now, e);
}

static int
src_retry(void *ctx, const char *const *ids, size_t n, time_t next_try,
    const char *error, struct err *e)
{
	struct sampler	*s = ctx;

	return store_outbox_retry(s->st, ids, n, next_try, error, e);
}

/* bench_sync send: one timed delivery run (see the top). */
static int
cmd_send(const char *db, const char *endpoint, int batch)
{
	struct config		 cfg;
	struct sync_source	 src;
	struct sampler		 smp;
	struct rusage		 ru;
	struct sync		*q;
	struct store		*st;
	struct err		 e;
	int64_t			 c[STORE_OB_NSTATES];
	enum sync_outcome	 out;
	double			 ms, cpu;

	err_clear(&e);
	if ((st = store_open(db, &e)) == NULL)
		must(-1, &e, "open");
	must(store_outbox_counts(st, c, &e), &e, "counts");
	memset(&smp, 0, sizeof smp);
	smp.st = st;
	smp.n = c[STORE_OB_PENDING];
	smp.nb = (int)((smp.n + batch - 1) / batch);
	smp.kb = smp.nb / 10 > 0 ? smp.nb / 10 : 1;
	memset(&src, 0, sizeof src);	/* no claims, no record: one sender */
	src.counts = src_counts;
	src.pending = src_pending;
	src.delivered = src_delivered;
	src.set_state = src_set_state;
	src.retry = src_retry;
	src.ctx = &smp;

	config_init(&cfg);
	cfg.lrs.endpoint = xstrdup(endpoint);
	cfg.lrs.key = xstrdup("bench");
	cfg.lrs.batch_size = batch;
	if ((q = sync_connect_source(&cfg.lrs, &src, &e)) == NULL)
		must(-1, &e, "sync");

	cpu = bench_cpu_ms();
	smp.t0 = smp.t90 = bench_now_ms();
	out = sync_run(q, 600);
	ms = bench_now_ms() - smp.t0;
	cpu = bench_cpu_ms() - cpu;

	if (out != SYNC_OUT_DELIVERED) {
		fprintf(stderr, "bench_sync: run ended %d: %s\n", (int)out,
		    sync_state(q)->last_error);
		exit(1);
	}
	must(store_outbox_counts(st, c, &e), &e, "counts");
	if (c[STORE_OB_DELIVERED] != smp.n || c[STORE_OB_PENDING] != 0) {
		fprintf(stderr, "bench_sync: %" PRId64 " of %" PRId64
		    " delivered, %" PRId64 " pending\n", c[STORE_OB_DELIVERED],
		    smp.n, c[STORE_OB_PENDING]);
		exit(1);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("n=%" PRId64 " ms=%.1f per_s=%.0f first10_per_s=%.0f "
	    "last10_per_s=%.0f cpu_ms=%.0f store_ms=%.1f rss_kb=%ld "
	    "rss_first_kb=%ld rss_10_kb=%ld rss_end_kb=%ld rss_max_kb=%ld\n",
	    smp.n, ms, smp.n / (ms / 1000), (smp.batches < smp.kb ? smp.n :
	    (int64_t)smp.kb * batch) / ((smp.t10 - smp.t0) / 1000),
	    (smp.n - smp.n90) / ((smp.t0 + ms - smp.t90) / 1000), cpu,
	    smp.store_ms,
	    ru.ru_maxrss > smp.rss_max ? ru.ru_maxrss : smp.rss_max,
	    smp.rss_first, smp.rss_10, smp.rss_end, smp.rss_max);
	sync_free(q);
	config_release(&cfg);
	store_close(st);
	return 0;
}

int
main(int argc, char **argv)
{
	int	n, batch;

	if (argc == 7 && strcmp(argv[1], "queue") == 0 &&
	    (n = atoi(argv[3])) > 0 && (batch = atoi(argv[4])) > 0)
		return cmd_queue(argv[2], n, batch, argv[5], argv[6]);
	if (argc == 5 && strcmp(argv[1], "send") == 0 &&
	    (batch = atoi(argv[4])) > 0)
		return cmd_send(argv[2], argv[3], batch);
	fprintf(stderr, "usage: bench_sync queue DB N BATCH JSONL BODIES\n"
	    "       bench_sync send DB ENDPOINT BATCH\n");
	return 2;
}
