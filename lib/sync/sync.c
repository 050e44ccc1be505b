#include "sync/sync.h"

/*
 * The syncq's state machine. One run:
 *
 *   IDLE --(due or kicked, rows pending)--> PROBING --(2xx)--> SENDING
 *   SENDING --(answer)--> SENDING (next range or batch) | IDLE (no more)
 *   any request --(network, 429, 5xx)--> WAITING --(retry_at)--> PROBING
 *   any request --(401/403, 404 on statements)--> REFUSED (until
 *     sync_kick(SYNC_FORCE))
 *   SENDING --(all that is left is claimed by another sender)--> DEFERRED
 *     --(a second later)--> SENDING
 *
 * The batch being delivered lives in memory (at most batch_size rows) with
 * a stack of index ranges still to send; a 400/409/413 on a range pushes
 * its two halves, so the statements go out in creation order and the bad
 * one ends up alone. Everything else stays in the store, so memory is flat
 * whatever the length of the outbox.
 *
 * With a store source, the rows of a batch are claimed in the store for
 * this syncq (store_outbox_claim) before they are sent, so a second sender
 * on the same file (the app and `rianru sync`) takes other rows or waits.
 * A failure gives the claims up (store_outbox_retry) and forgets the batch:
 * the next try reads the store again, never sending from a stale copy.
 *
 * Pipelined: the SQLite work of a run overlaps the LRS's. While a whole
 * batch is in flight the next one is claimed and read (the prefetch); when
 * the LRS accepts a batch, the next POST is started and handed to the
 * network first, and only then is the accepted batch marked delivered.
 * If that marking fails, the request in flight is let finish and the run
 * fails as for any store error: the accepted rows stay pending and are
 * sent again later, which a conformant LRS answers without keeping a
 * second copy (same id, same bytes). A crash between the two leaves the
 * same state. docs/sync.md, "Pipelining".
 */

#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/esc.h"
#include "store/store_budget.h"
#include "store/store_outbox.h"
#include "base/xalloc.h"

/* Rows are chosen by the syncq's own backoff, not by their next_try. */
#define SYNC_ANY_TIME	((time_t)1 << (sizeof(time_t) * 8 - 2))
#define SYNC_MAX_WAIT	3600	/* longest Retry-After honoured, seconds */

struct sync_item {
	int64_t	 key;	/* sending order (store_outbox_row.key) */
	char	*id;
	char	*json;
	size_t	 len;
};

struct sync_range {
	size_t	lo, hi;		/* items[lo..hi) */
};

struct sync {
	struct sync_source	 src;		/* ctx borrowed */
	struct transport	 t;
	struct sync_opts	 o;
	struct sync_state	 s;
	uint64_t		 rng;
	int			 max_batch;	/* shrinks on 413 */

	int			 kicked;	/* run at the next step */
	int			 force;		/* ignore the rows' next_try */
	int			 need_probe;	/* GET about before a POST */
	int			 in_flight;
	time_t			 next_check;	/* IDLE: when to look again */
	char			 owner[37];	/* claims in the store */
	time_t			 claim_until;	/* of the batch in memory */

	/* the current run */
	int64_t			 after_key;	/* rows up to here handled */
	int			 run_ended;
	time_t			 run_deadline;	/* sync_run's end; 0 = none */
	int			 run_reached;	/* an HTTP answer came */
	int64_t			 run_pending;	/* pending when it started */
	int			 run_contacted;	/* a request was made */
	int			 blocking;	/* sync_run(): record every run */
	int64_t			 run_sent0;	/* s.sent when it started */
	int64_t			 run_aside0;	/* s.set_aside when it started */
	int64_t			 run_bytes0;	/* s.bytes when it started */

	/* the batch in memory and what is left of it to send */
	struct sync_item	*items;
	size_t			 nitems, capitems;
	struct sync_range	*ranges;	/* a stack; top is sent next */
	size_t			 nranges, capranges;
	struct sync_range	 cur;		/* in flight */
	struct buf		 body;

	/* the next batch, claimed while this one is in flight */
	struct sync_item	*pitems;
	size_t			 npitems, cappitems;
	int			 prefetched;
	/* ids the LRS accepted, to mark delivered once the next POST left */
	char			**marks;
	size_t			 nmarks, capmarks;
	int			 mark_failed;	/* fail at the next answer */
	struct sync_resp	 early;		/* an answer polled while
						 * starting (kick) */
	int			 have_early;
};

static const char *const phase_names[] = {
	[SYNC_IDLE] = "idle",
	[SYNC_PROBING] = "probing",
	[SYNC_SENDING] = "sending",
	[SYNC_WAITING] = "waiting",
	[SYNC_REFUSED] = "credentials refused",
	[SYNC_DISABLED] = "disabled",
	[SYNC_DEFERRED] = "waiting for another sender",
	[SYNC_BUDGET] = "budget reached",
};

const char *
sync_phase_name(enum sync_phase p)
{
	if ((unsigned)p >= sizeof phase_names / sizeof phase_names[0])
		return "unknown";
	return phase_names[p];
}

long
sync_backoff(int attempt, int base, int max, uint32_t r)
{
	long	d = base > 0 ? base : 1, half;
	int	i;

	if (max < 1)
		max = 1;
	for (i = 1; i < attempt && d < max; i++)
		d *= 2;
	if (d > max)
		d = max;
	half = d / 2;
	return d - half + (long)(r % (uint32_t)(half + 1));
}

/* xorshift64*: jitter only, so a small fast generator is enough. */
static uint32_t
sync_rand(struct sync *q)
{
	q->rng ^= q->rng >> 12;
	q->rng ^= q->rng << 25;
	q->rng ^= q->rng >> 27;
	return (uint32_t)((q->rng * 0x2545F4914F6CDD1DULL) >> 32);
}

static void
sync_items_free(struct sync_item *items, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(items[i].id);	/* NULL once moved to the marks */
		free(items[i].json);
	}
}

static void
sync_batch_clear(struct sync *q)
{
	sync_items_free(q->items, q->nitems);
	q->nitems = 0;
	q->nranges = 0;
}

/* Forget the prefetched batch (its claims go with sync_release()). */
static void
sync_prefetch_clear(struct sync *q)
{
	sync_items_free(q->pitems, q->npitems);
	q->npitems = 0;
	q->prefetched = 0;
}

/* Swap the batch in memory with the prefetch buffer. */
static void
sync_swap_batch(struct sync *q)
{
	struct sync_item	*it = q->items;
	size_t			 n = q->nitems, cap = q->capitems;

	q->items = q->pitems;
	q->nitems = q->npitems;
	q->capitems = q->cappitems;
	q->pitems = it;
	q->npitems = n;
	q->cappitems = cap;
}

static void
sync_push(struct sync *q, size_t lo, size_t hi)
{
	if (q->nranges == q->capranges) {
		q->capranges = q->capranges ? q->capranges * 2 : 16;
		q->ranges = xreallocarray(q->ranges, q->capranges,
		    sizeof *q->ranges);
	}
	q->ranges[q->nranges].lo = lo;
	q->ranges[q->nranges].hi = hi;
	q->nranges++;
}

/* Push the halves of 'r' so its first half is sent first. */
static void
sync_split(struct sync *q, struct sync_range r)
{
	size_t	mid = r.lo + (r.hi - r.lo) / 2;

	sync_push(q, mid, r.hi);
	sync_push(q, r.lo, mid);
}

/* The ids of items[r]: a new array of borrowed strings (caller frees). */
static const char **
sync_ids(struct sync *q, struct sync_range r)
{
	const char	**ids;
	size_t		  i;

	ids = xcalloc(r.hi - r.lo, sizeof *ids);
	for (i = r.lo; i < r.hi; i++)
		ids[i - r.lo] = q->items[i].id;
	return ids;
}

static void
sync_set_error(struct sync *q, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sync_set_error(struct sync *q, const char *fmt, ...)
{
	va_list	ap;
	char	raw[sizeof q->s.last_error];

	/* the message quotes the LRS's reply: escaped before it is kept */
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	esc_str(q->s.last_error, sizeof q->s.last_error, raw);
}

static void
sync_counts(struct sync *q)
{
	int64_t		c[STORE_OB_NSTATES];
	struct err	e;

	err_clear(&e);
	if (q->src.counts(q->src.ctx, c, &e) == -1) {
		sync_set_error(q, "%s", e.msg);
		return;
	}
	q->s.pending = c[STORE_OB_PENDING];
	q->s.delivered = c[STORE_OB_DELIVERED];
	q->s.conflict = c[STORE_OB_CONFLICT];
	q->s.quarantined = c[STORE_OB_QUARANTINED];
}

/* Milliseconds from 'now' to 'then', for sync_step()'s answer. */
static int
sync_ms_until(time_t now, time_t then)
{
	if (then <= now)
		return 0;
	if (then - now > INT_MAX / 1000)
		return INT_MAX / 1000 * 1000;
	return (int)(then - now) * 1000;
}

/* Forget the batch in memory and give up its claims in the store. */
static void
sync_release(struct sync *q)
{
	struct err	e;

	sync_batch_clear(q);
	sync_prefetch_clear(q);
	if (q->claim_until == 0 || q->src.release == NULL)
		return;
	q->claim_until = 0;
	err_clear(&e);
	if (q->src.release(q->src.ctx, q->owner, &e) == -1)
		sync_set_error(q, "%s", e.msg);
}

/*
 * Take the ids of q->cur (the LRS accepted them) out of the batch, to be
 * marked delivered by sync_marks_flush() once the next POST has left.
 */
static void
sync_marks_take(struct sync *q)
{
	size_t	i;

	for (i = q->cur.lo; i < q->cur.hi; i++) {
		if (q->nmarks == q->capmarks) {
			q->capmarks = q->capmarks ? q->capmarks * 2 : 128;
			q->marks = xreallocarray(q->marks, q->capmarks,
			    sizeof *q->marks);
		}
		q->marks[q->nmarks++] = q->items[i].id;
		q->items[i].id = NULL;
	}
}

/*
 * Mark the accepted ids delivered. Returns 0, or -1 with the error set:
 * they stay pending and are sent again later (the LRS keeps one copy).
 */
static int
sync_marks_flush(struct sync *q, time_t now)
{
	struct err	e;
	size_t		i, n = q->nmarks;
	int		rc;

	if (n == 0)
		return 0;
	err_clear(&e);
	rc = q->src.delivered(q->src.ctx, (const char *const *)q->marks, n,
	    now, &e);
	for (i = 0; i < n; i++)
		free(q->marks[i]);
	q->nmarks = 0;
	if (rc == -1) {
		sync_set_error(q, "%s", e.msg);
		return -1;
	}
	q->s.sent += (int64_t)n;
	q->s.pending -= (int64_t)n;
	if (q->s.pending < 0)
		q->s.pending = 0;
	return 0;
}

static const char *const fail_outcomes[] = {
	[SYNC_FAIL_NONE] = "delivered",
	[SYNC_FAIL_OFFLINE] = "offline",
	[SYNC_FAIL_BUSY] = "busy",
	[SYNC_FAIL_REFUSED] = "refused",
	[SYNC_FAIL_CONFIG] = "failed",
	[SYNC_FAIL_ERROR] = "failed",
};

/*
 * Write down how the run ended (store_sync_run_save), for `sync --status`.
 * The app's quiet look at an empty outbox is no run: nothing is written.
 */
static void
sync_record(struct sync *q, time_t now, const char *outcome)
{
	struct store_sync_run	r;
	struct err		e;

	if (q->src.record == NULL || (!q->run_contacted && !q->blocking))
		return;
	memset(&r, 0, sizeof r);
	snprintf(r.what, sizeof r.what, "push");
	r.at = now;
	snprintf(r.outcome, sizeof r.outcome, "%s", outcome);
	r.sent = q->s.sent - q->run_sent0;
	r.set_aside = q->s.set_aside - q->run_aside0;
	r.pending = q->s.pending;
	r.bytes = q->s.bytes - q->run_bytes0;
	r.clock_known = q->s.clock_known;
	r.clock_offset = q->s.clock_offset;
	snprintf(r.error, sizeof r.error, "%s", q->s.last_error);
	err_clear(&e);
	if (q->src.record(q->src.ctx, &r, &e) == -1 &&
	    q->s.last_error[0] == '\0')
		sync_set_error(q, "%s", e.msg);
}

/*
 * A failure of class 'f' at 'now': back off (or stop, for refused
 * credentials), keeping the range that was in flight to send again and
 * noting the error on its rows.
 */
static void
sync_fail(struct sync *q, time_t now, enum sync_fail f, long retry_after,
    int had_range)
{
	struct err	  e;
	const char	**ids;
	long		  delay;
	size_t		  n;

	/* what the LRS accepted before the failure is delivered */
	(void)sync_marks_flush(q, now);
	q->s.fail = f;
	q->s.attempts++;
	if (f == SYNC_FAIL_REFUSED || f == SYNC_FAIL_CONFIG) {
		q->s.phase = SYNC_REFUSED;
		q->s.retry_at = 0;
		delay = 0;
	} else {
		if (retry_after >= 0)	/* + 1: 'now' is a whole second */
			delay = 1 + (retry_after > SYNC_MAX_WAIT ?
			    SYNC_MAX_WAIT : retry_after);
		else
			delay = sync_backoff(q->s.attempts, q->o.backoff_base,
			    q->o.backoff_max, sync_rand(q));
		q->s.phase = SYNC_WAITING;
		q->s.retry_at = now + delay;
	}
	if (f == SYNC_FAIL_OFFLINE || f == SYNC_FAIL_ERROR)
		q->need_probe = 1;
	if (had_range) {
		n = q->cur.hi - q->cur.lo;
		ids = sync_ids(q, q->cur);
		err_clear(&e);
		if (q->src.retry(q->src.ctx, ids, n, now + delay,
		    q->s.last_error, &e) == -1)
			sync_set_error(q, "%s", e.msg);
		free(ids);
	}
	/*
	 * The retry gave the claims up: another sender may take these rows
	 * now, so the next try reads the store again (from the start: what
	 * was delivered or set aside is no longer pending).
	 */
	sync_release(q);
	q->after_key = 0;
	sync_record(q, now, fail_outcomes[f]);
}

/* Rows of a batch, copied (the store's strings are only borrowed). */
static int
sync_load_row(const struct store_outbox_row *r, void *arg)
{
	struct sync		*q = arg;
	struct sync_item	*it;

	if (q->nitems == q->capitems) {
		q->capitems = q->capitems ? q->capitems * 2 : 64;
		q->items = xreallocarray(q->items, q->capitems,
		    sizeof *q->items);
	}
	it = &q->items[q->nitems++];
	it->key = r->key;
	it->id = xstrdup(r->stmt_id);
	it->json = xmalloc(r->json_len + 1);
	memcpy(it->json, r->json, r->json_len);
	it->json[r->json_len] = '\0';
	it->len = r->json_len;
	return 0;
}

static void	sync_next(struct sync *q, time_t now);

void
sync_day(time_t now, char day[11])
{
	struct tm	tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(day, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(day, 11, "0000-00-00");
}

time_t
sync_next_day(time_t now)
{
	struct tm	tm;
	time_t		t;

	if (localtime_r(&now, &tm) == NULL)
		return now + 86400;
	tm.tm_mday++;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;	/* mktime normalises the date and finds it */
	t = mktime(&tm);
	return t > now ? t : now + 86400;
}

/*
 * The budget is spent for what is next: stop, the rest stays pending and
 * unclaimed (a later run starts from the head: results first again).
 */
static void
sync_budget_stop(struct sync *q, time_t now)
{
	if (sync_marks_flush(q, now) == -1) {
		sync_fail(q, now, SYNC_FAIL_ERROR, -1, 0);
		return;
	}
	q->s.phase = SYNC_BUDGET;
	q->s.retry_at = q->o.budget_daily ? sync_next_day(now) : 0;
	q->s.others = 0;
	sync_release(q);
	q->after_key = 0;
	sync_counts(q);
	sync_record(q, now, "budget");
}

/* What the budget has used: today's, or this syncq's; -1 on error. */
static int
sync_budget_used(struct sync *q, time_t now, int64_t *used)
{
	struct err	e;
	char		day[11];

	*used = q->s.bytes;
	if (q->o.budget_daily && q->src.used != NULL) {
		sync_day(now, day);
		err_clear(&e);
		if (q->src.used(q->src.ctx, day, used, &e) == -1) {
			sync_set_error(q, "%s", e.msg);
			return -1;
		}
	}
	q->s.budget_used = *used;
	return 0;
}

/*
 * Cut the range about to be sent, q->cur, to the statements whose body
 * fits in what is left of the budget, and count it (per day: in the
 * store, where another sender's bytes count too). Returns 0 to send, 1
 * when the syncq stopped at the budget, -1 after a failure.
 */
static int
sync_budget_fit(struct sync *q, time_t now)
{
	struct err	e;
	char		day[11];
	int64_t		used, len;
	size_t		i;
	int		rc;

	for (;;) {
		if (sync_budget_used(q, now, &used) == -1)
			return -1;
		/* '[' then each statement with its ',' or the closing ']' */
		len = 1;
		for (i = q->cur.lo; i < q->cur.hi; i++) {
			if (len + (int64_t)q->items[i].len + 1 >
			    q->o.budget - used)
				break;
			len += (int64_t)q->items[i].len + 1;
		}
		if (i == q->cur.lo) {
			sync_budget_stop(q, now);
			return 1;
		}
		if (!q->o.budget_daily || q->src.take == NULL)
			break;
		sync_day(now, day);
		err_clear(&e);
		rc = q->src.take(q->src.ctx, day, len, q->o.budget, &used, &e);
		if (rc == -1) {
			sync_set_error(q, "%s", e.msg);
			return -1;
		}
		if (rc == 1) {
			q->s.budget_used = used + len;
			break;
		}
		/* another sender took some meanwhile: fit what is left */
	}
	if (i < q->cur.hi) {
		sync_push(q, i, q->cur.hi);
		q->cur.hi = i;
	}
	return 0;
}

static void
sync_start(struct sync *q, time_t now, const struct sync_req *req,
    enum sync_phase phase)
{
	struct sync_req	r = *req;
	struct err	e;

	/* a run of --max-time S never waits on one request past its end */
	if (q->run_deadline > 0)
		r.timeout_ms = q->run_deadline > now ?
		    (long)(q->run_deadline - now) * 1000 : 1;
	err_clear(&e);
	if (q->t.start(q->t.ctx, &r, &e) == -1) {
		sync_set_error(q, "%s", e.msg);
		sync_fail(q, now, SYNC_FAIL_ERROR, -1, phase == SYNC_SENDING);
		return;
	}
	q->in_flight = 1;
	q->run_contacted = 1;
	q->s.phase = phase;
}

/* The run is over: every row up to the end of the outbox was handled. */
static void
sync_run_end(struct sync *q, time_t now)
{
	if (sync_marks_flush(q, now) == -1) {
		sync_fail(q, now, SYNC_FAIL_ERROR, -1, 0);
		return;
	}
	q->s.phase = SYNC_IDLE;
	q->run_ended = 1;
	q->next_check = now + q->o.recheck;
	q->s.others = 0;
	sync_release(q);
	sync_counts(q);
	sync_record(q, now, q->run_pending > 0 ? "delivered" : "nothing");
}

/*
 * Load the next batch after q->after_key: claimed for this syncq when the
 * source can claim. Returns the rows loaded (and *others, the pending rows
 * other senders hold), or -1 with the error set.
 */
static int
sync_load(struct sync *q, time_t now, int64_t *others)
{
	struct err	e;
	int		n;

	*others = 0;
	err_clear(&e);
	if (q->src.claim != NULL) {
		q->claim_until = now + q->o.claim_ttl;
		n = q->src.claim(q->src.ctx, q->owner, now, q->claim_until,
		    q->after_key, q->max_batch, sync_load_row, q, others, &e);
	} else
		n = q->src.pending(q->src.ctx, q->after_key, q->max_batch,
		    sync_load_row, q, &e);
	if (n == -1)
		sync_set_error(q, "%s", e.msg);
	return n;
}

/* Hold the batch's claims while it is being sent (a long run). */
static void
sync_hold(struct sync *q, time_t now)
{
	struct err	e;

	if (q->src.extend == NULL || q->claim_until == 0 ||
	    q->claim_until - now > q->o.claim_ttl / 2)
		return;
	q->claim_until = now + q->o.claim_ttl;
	err_clear(&e);
	if (q->src.extend(q->src.ctx, q->owner, q->claim_until, &e) == -1)
		sync_set_error(q, "%s", e.msg);
}

/*
 * A whole batch is in flight: claim and read the next one now, so that
 * when the LRS answers, the next POST leaves at once. What it finds is
 * used by sync_next(); nothing found, or an error, leaves it to
 * sync_next() to look again (and to say so).
 */
static void
sync_prefetch(struct sync *q, time_t now)
{
	int64_t	others;
	int	n;

	if (q->prefetched || q->nranges != 0 || !q->in_flight ||
	    q->cur.lo != 0 || q->cur.hi != q->nitems)
		return;
	sync_swap_batch(q);
	q->nitems = 0;
	n = sync_load(q, now, &others);
	sync_swap_batch(q);
	if (n <= 0) {
		sync_prefetch_clear(q);
		if (n == -1)
			q->s.last_error[0] = '\0';	/* sync_next says it */
		return;
	}
	q->prefetched = 1;
	q->after_key = q->pitems[q->npitems - 1].key;
}

/*
 * Hand the request just started to the network (the transport sends only
 * when polled), so the LRS works on it while we write to the store. An
 * answer already complete is kept for the next sync_step().
 */
static void
sync_send_now(struct sync *q)
{
	memset(&q->early, 0, sizeof q->early);
	q->early.retry_after = -1;
	if (q->t.poll(q->t.ctx, &q->early) == 1) {
		q->have_early = 1;
		q->in_flight = 0;
	}
}

/* Start the next request of the run: probe, or the next range. */
static void
sync_next(struct sync *q, time_t now)
{
	struct sync_req	 req;
	size_t		 i;
	int64_t		 others;

	if (q->need_probe) {
		if (sync_marks_flush(q, now) == -1) {
			sync_fail(q, now, SYNC_FAIL_ERROR, -1, 0);
			return;
		}
		memset(&req, 0, sizeof req);
		req.method = SYNC_GET;
		req.resource = "about";
		sync_start(q, now, &req, SYNC_PROBING);
		return;
	}
	if (q->nranges == 0 && q->prefetched) {
		/* claimed while the last batch was in flight */
		sync_batch_clear(q);
		sync_swap_batch(q);
		q->prefetched = 0;
		sync_push(q, 0, q->nitems);
	}
	if (q->nranges == 0) {
		sync_batch_clear(q);
		/*
		 * Nothing was prefetched: mark first, so this read (which
		 * may start again from the head) never finds them pending.
		 */
		if (sync_marks_flush(q, now) == -1) {
			sync_fail(q, now, SYNC_FAIL_ERROR, -1, 0);
			return;
		}
		if (sync_load(q, now, &others) == -1) {
			sync_fail(q, now, SYNC_FAIL_ERROR, -1, 0);
			return;
		}
		q->s.others = others;
		if (q->nitems == 0 && others > 0) {
			/* another sender has the rest: see when it is done */
			if (sync_marks_flush(q, now) == -1) {
				sync_fail(q, now, SYNC_FAIL_ERROR, -1, 0);
				return;
			}
			q->s.phase = SYNC_DEFERRED;
			q->s.retry_at = now + 1;
			q->after_key = 0;
			return;
		}
		if (q->nitems == 0 && q->after_key > STORE_OB_KEY_PRIO) {
			/*
			 * A result recorded while the later class was being
			 * sent sorts before the cursor: look once more from
			 * the start, so a run ends with nothing pending.
			 */
			q->after_key = 0;
			sync_next(q, now);
			return;
		}
		if (q->nitems == 0) {
			sync_run_end(q, now);
			return;
		}
		q->after_key = q->items[q->nitems - 1].key;
		sync_push(q, 0, q->nitems);
	}
	q->cur = q->ranges[--q->nranges];
	if (q->cur.hi - q->cur.lo > (size_t)q->max_batch) {
		/* shrunk by a 413 since this range was made */
		sync_push(q, q->cur.lo + (size_t)q->max_batch, q->cur.hi);
		q->cur.hi = q->cur.lo + (size_t)q->max_batch;
	}
	if (q->o.budget > 0) {
		switch (sync_budget_fit(q, now)) {
		case -1:
			sync_fail(q, now, SYNC_FAIL_ERROR, -1, 0);
			return;
		case 1:
			return;
		}
	}
	sync_hold(q, now);
	buf_reset(&q->body);
	buf_addc(&q->body, '[');
	for (i = q->cur.lo; i < q->cur.hi; i++) {
		if (i > q->cur.lo)
			buf_addc(&q->body, ',');
		buf_add(&q->body, q->items[i].json, q->items[i].len);
	}
	buf_addc(&q->body, ']');
	memset(&req, 0, sizeof req);
	req.method = SYNC_POST;
	req.resource = "statements";
	req.body = q->body.data;
	req.body_len = q->body.len;
	/* what a metered link pays for: every POST, retries too */
	q->s.bytes += (int64_t)q->body.len;
	if (q->o.budget > 0 && !q->o.budget_daily)
		q->s.budget_used = q->s.bytes;
	sync_start(q, now, &req, SYNC_SENDING);
	if (q->s.phase != SYNC_SENDING || (!q->in_flight && !q->have_early))
		return;		/* it failed to start: sync_fail() ran */
	/* the POST leaves, then the store's work overlaps the LRS's */
	sync_send_now(q);
	if (sync_marks_flush(q, now) == -1)
		q->mark_failed = 1;
	else
		sync_prefetch(q, now);
}

/* A short, one-line excerpt of an answer body for reasons. */
static void
sync_excerpt(const char *body, char *out, size_t len)
{
	size_t	i, j = 0;

	for (i = 0; body[i] != '\0' && j + 1 < len; i++)
		out[j++] = body[i] == '\n' || body[i] == '\r' ||
		    body[i] == '\t' ? ' ' : body[i];
	out[j] = '\0';
}

static const char *
sync_net_name(enum sync_net n)
{
	switch (n) {
	case SYNC_NET_UNREACHABLE:
		return "LRS unreachable";
	case SYNC_NET_TIMEOUT:
		return "LRS timed out";
	case SYNC_NET_RESET:
		return "connection to the LRS broken";
	case SYNC_NET_TLS:
		return "TLS failure";
	default:
		return "network error";
	}
}

/* What an HTTP status that is not a success means for the run. */
static enum sync_fail
sync_status_class(int status)
{
	if (status == 401 || status == 403)
		return SYNC_FAIL_REFUSED;
	if (status == 408 || status == 429 || (status >= 500 && status <= 599))
		return SYNC_FAIL_BUSY;
	return SYNC_FAIL_ERROR;
}

/* Set the one statement items[r.lo] aside as conflict or quarantined. */
static void
sync_set_aside(struct sync *q, time_t now, enum store_ob_state state,
    const char *reason)
{
	struct err	e;

	err_clear(&e);
	if (q->src.set_state(q->src.ctx, q->items[q->cur.lo].id,
	    state, reason, now, &e) == -1) {
		sync_set_error(q, "%s", e.msg);
		return;
	}
	q->s.set_aside++;
	if (q->s.pending > 0)
		q->s.pending--;
}

static void
sync_answer(struct sync *q, time_t now, const struct sync_resp *r)
{
	int		 post = q->s.phase == SYNC_SENDING;
	size_t		 k = q->cur.hi - q->cur.lo;
	char		 why[300], ex[200];
	enum sync_fail	 f;

	if (r->net == SYNC_NET_OK && r->date > 0) {
		/* every exchange measures our clock against the LRS's */
		q->s.clock_known = 1;
		q->s.clock_offset = (long)(r->date - now);
	}
	if (q->mark_failed) {
		/*
		 * Marking the batch before this one failed (its error is
		 * set): whatever this answer says, the run fails as for a
		 * store error; both are sent again later.
		 */
		q->mark_failed = 0;
		sync_fail(q, now, SYNC_FAIL_ERROR, -1, post);
		return;
	}
	if (r->net != SYNC_NET_OK) {
		sync_set_error(q, "%s: %s", sync_net_name(r->net), r->error);
		sync_fail(q, now, r->net == SYNC_NET_TLS ||
		    r->net == SYNC_NET_OTHER ? SYNC_FAIL_ERROR :
		    SYNC_FAIL_OFFLINE, -1, post);
		return;
	}
	q->run_reached = 1;
	sync_excerpt(r->body, ex, sizeof ex);
	if (r->status == 404 && post) {
		/* the page is the web server's, not the LRS's: not shown */
		sync_set_error(q, "no xAPI statements resource at %s: check "
		    "lrs.endpoint", r->url[0] != '\0' ? r->url :
		    "the LRS endpoint");
		sync_fail(q, now, SYNC_FAIL_CONFIG, -1, post);
		return;
	}
	if (!post && (r->status == 404 || r->status == 405 ||
	    r->status == 501)) {
		/*
		 * An answer is an answer: the network is there. Whether the
		 * endpoint is right, the POST will tell.
		 */
		q->need_probe = 0;
		sync_next(q, now);
		return;
	}
	if (r->status >= 200 && r->status <= 299 && !post) {
		/* reachable; the backoff still grows until a POST succeeds */
		q->need_probe = 0;
		sync_next(q, now);
		return;
	}
	if (r->status >= 200 && r->status <= 299) {
		q->s.fail = SYNC_FAIL_NONE;
		q->s.attempts = 0;
		q->s.last_error[0] = '\0';
		q->s.last_success = now;
		/* marked once the next POST has left (sync_next) */
		sync_marks_take(q);
		sync_next(q, now);
		return;
	}
	if (post && (r->status == 400 || r->status == 409 ||
	    r->status == 413)) {
		if (k > 1) {
			if (r->status == 413 && (int)k / 2 < q->max_batch)
				q->max_batch = (int)k / 2;
			sync_split(q, q->cur);
		} else if (r->status == 409) {
			sync_set_aside(q, now, STORE_OB_CONFLICT,
			    "the LRS holds this statement id with another "
			    "body (HTTP 409)");
		} else {
			snprintf(why, sizeof why, "%s (HTTP %d)%s%s",
			    r->status == 413 ? "too large for the LRS" :
			    "refused by the LRS", r->status,
			    *ex != '\0' ? ": " : "", ex);
			sync_set_aside(q, now, STORE_OB_QUARANTINED, why);
		}
		sync_next(q, now);
		return;
	}
	f = sync_status_class(r->status);
	if (f == SYNC_FAIL_REFUSED)
		sync_set_error(q, "credentials refused by the LRS (HTTP %d)",
		    r->status);
	else
		sync_set_error(q, "the LRS answered HTTP %d to %s%s%s",
		    r->status, post ? "POST statements" : "GET about",
		    *ex != '\0' ? ": " : "", ex);
	sync_fail(q, now, f, f == SYNC_FAIL_BUSY ? r->retry_after : -1, post);
}

/* The head of the queue: its next try and size. */
struct sync_head {
	time_t	next_try;	/* a backoff that outlived the app */
	int64_t	len;
};

static int
sync_head_row(const struct store_outbox_row *r, void *arg)
{
	struct sync_head	*h = arg;

	h->next_try = r->next_try;
	h->len = (int64_t)r->json_len;
	return 1;
}

/* Begin a run from IDLE: is anything pending, and is it due? */
static void
sync_run_begin(struct sync *q, time_t now)
{
	struct err		e;
	struct sync_head	head;
	int64_t			used;

	q->kicked = 0;
	q->after_key = 0;
	q->run_ended = 0;
	q->run_reached = 0;
	q->run_contacted = 0;
	q->run_sent0 = q->s.sent;
	q->run_aside0 = q->s.set_aside;
	q->run_bytes0 = q->s.bytes;
	sync_release(q);
	sync_counts(q);
	q->run_pending = q->s.pending;
	if (q->s.pending == 0) {
		sync_run_end(q, now);
		return;
	}
	err_clear(&e);
	memset(&head, 0, sizeof head);
	if (q->src.pending(q->src.ctx, 0, 1, sync_head_row, &head, &e) == 1 &&
	    !q->force && head.next_try > now) {
		q->s.phase = SYNC_WAITING;
		q->s.retry_at = head.next_try;
		q->need_probe = 1;
		return;
	}
	/* a spent budget asks the network nothing, not even GET about */
	if (q->o.budget > 0 && head.len > 0 &&
	    sync_budget_used(q, now, &used) == 0 &&
	    used + head.len + 2 > q->o.budget) {
		sync_budget_stop(q, now);
		return;
	}
	q->force = 0;
	q->need_probe = 1;
	sync_next(q, now);
}

int
sync_step(struct sync *q, time_t now)
{
	struct sync_resp	r;

	switch (q->s.phase) {
	case SYNC_DISABLED:
	case SYNC_REFUSED:
		return -1;
	case SYNC_BUDGET:
		if (q->s.retry_at == 0)
			return -1;	/* per run: nothing more */
		if (now < q->s.retry_at)
			return sync_ms_until(now, q->s.retry_at);
		sync_run_begin(q, now);	/* a new day */
		break;
	case SYNC_IDLE:
		if (!q->kicked && now < q->next_check)
			return sync_ms_until(now, q->next_check);
		sync_run_begin(q, now);
		break;
	case SYNC_WAITING:
	case SYNC_DEFERRED:
		if (now < q->s.retry_at)
			return sync_ms_until(now, q->s.retry_at);
		q->force = 0;
		sync_next(q, now);
		break;
	case SYNC_PROBING:
	case SYNC_SENDING:
		if (q->have_early) {
			q->have_early = 0;
			r = q->early;
		} else {
			memset(&r, 0, sizeof r);
			r.retry_after = -1;
			if (q->t.poll(q->t.ctx, &r) == 0)
				return sync_transport_ms(&q->t,
				    q->o.poll_ms);
		}
		q->in_flight = 0;
		sync_answer(q, now, &r);
		break;
	}
	switch (q->s.phase) {
	case SYNC_PROBING:
	case SYNC_SENDING:
		return q->have_early ? 0 :
		    sync_transport_ms(&q->t, q->o.poll_ms);
	case SYNC_WAITING:
	case SYNC_DEFERRED:
		return sync_ms_until(now, q->s.retry_at);
	case SYNC_BUDGET:
		return q->s.retry_at == 0 ? -1 :
		    sync_ms_until(now, q->s.retry_at);
	case SYNC_IDLE:
		return q->kicked ? 0 : sync_ms_until(now, q->next_check);
	default:
		return -1;
	}
}

int
sync_transport_ms(const struct transport *t, int poll_ms)
{
	int	ms = -1;

	if (t->fds == NULL)
		return poll_ms;
	if (t->fds(t->ctx, NULL, 0, &ms) == 0)
		/* nothing to watch (a name being resolved): poll */
		return ms >= 0 && ms < poll_ms ? ms : poll_ms;
	/* the sockets wake the caller; the timer bounds the wait */
	return ms >= 0 && ms < SYNC_FD_WAIT_MAX ? ms : SYNC_FD_WAIT_MAX;
}

int
sync_transport_fds(const struct transport *t, struct pollfd *pfd, int max)
{
	int	ms, n;

	if (t->fds == NULL || max <= 0)
		return 0;
	n = t->fds(t->ctx, pfd, max, &ms);
	return n < max ? n : max;
}

int
sync_fds(const struct sync *q, struct pollfd *pfd, int max)
{
	if (!q->in_flight)
		return 0;
	return sync_transport_fds(&q->t, pfd, max);
}

void
sync_kick(struct sync *q, unsigned flags)
{
	if (q == NULL || q->s.phase == SYNC_DISABLED)
		return;
	if (flags & SYNC_FORCE) {
		q->force = 1;
		if (q->s.phase == SYNC_REFUSED)
			q->s.phase = SYNC_IDLE;
		if (q->s.phase == SYNC_WAITING)
			q->s.retry_at = 0;
	}
	if (q->s.phase != SYNC_REFUSED)
		q->kicked = 1;
}

void
sync_online(struct sync *q)
{
	if (q == NULL || q->s.phase != SYNC_WAITING ||
	    q->s.fail != SYNC_FAIL_OFFLINE)
		return;
	q->s.retry_at = 0;	/* need_probe is set: it probes first */
}

const struct sync_state *
sync_state(const struct sync *q)
{
	return &q->s;
}

/* The store's outbox as a source: every pending row, whatever its next_try. */
static int
sync_store_counts(void *ctx, int64_t c[STORE_OB_NSTATES], struct err *e)
{
	return store_outbox_counts(ctx, c, e);
}

static int
sync_store_pending(void *ctx, int64_t after_key, int limit,
    int (*fn)(const struct store_outbox_row *, void *), void *arg,
    struct err *e)
{
	return store_outbox_pending(ctx, SYNC_ANY_TIME, after_key, limit, fn,
	    arg, e);
}

static int
sync_store_delivered(void *ctx, const char *const *ids, size_t n,
    time_t now, struct err *e)
{
	return store_outbox_delivered(ctx, ids, n, now, e);
}

static int
sync_store_set_state(void *ctx, const char *id, enum store_ob_state s,
    const char *reason, time_t now, struct err *e)
{
	return store_outbox_set_state(ctx, id, s, reason, now, e);
}

static int
sync_store_retry(void *ctx, const char *const *ids, size_t n,
    time_t next_try, const char *error, struct err *e)
{
	return store_outbox_retry(ctx, ids, n, next_try, error, e);
}

static int
sync_store_claim(void *ctx, const char *owner, time_t now, time_t until,
    int64_t after_key, int limit,
    int (*fn)(const struct store_outbox_row *, void *), void *arg,
    int64_t *others, struct err *e)
{
	return store_outbox_claim(ctx, owner, now, until, after_key, limit,
	    fn, arg, others, e);
}

static int
sync_store_extend(void *ctx, const char *owner, time_t until, struct err *e)
{
	return store_outbox_claim_extend(ctx, owner, until, e);
}

static int
sync_store_release(void *ctx, const char *owner, struct err *e)
{
	return store_outbox_release(ctx, owner, e);
}

static int
sync_store_record(void *ctx, const struct store_sync_run *r, struct err *e)
{
	return store_sync_run_save(ctx, r, e);
}

static int
sync_store_take(void *ctx, const char *day, int64_t bytes, int64_t limit,
    int64_t *used, struct err *e)
{
	return store_budget_take(ctx, day, bytes, limit, used, e);
}

static int
sync_store_used(void *ctx, const char *day, int64_t *used, struct err *e)
{
	return store_budget_used(ctx, day, used, e);
}

void
sync_store_source(struct store *st, struct sync_source *src)
{
	src->counts = sync_store_counts;
	src->pending = sync_store_pending;
	src->delivered = sync_store_delivered;
	src->set_state = sync_store_set_state;
	src->retry = sync_store_retry;
	src->claim = sync_store_claim;
	src->extend = sync_store_extend;
	src->release = sync_store_release;
	src->record = sync_store_record;
	src->take = sync_store_take;
	src->used = sync_store_used;
	src->ctx = st;
}

static struct sync *
sync_make(const struct sync_source *src, const struct transport *t,
    const struct sync_opts *o)
{
	struct sync	*q;

	q = xcalloc(1, sizeof *q);
	q->src = *src;
	if (t != NULL)
		q->t = *t;
	if (o != NULL)
		q->o = *o;
	if (q->o.batch_size <= 0)
		q->o.batch_size = 100;
	if (q->o.backoff_base <= 0)
		q->o.backoff_base = 2;
	if (q->o.backoff_max <= 0)
		q->o.backoff_max = 900;
	if (q->o.recheck <= 0)
		q->o.recheck = 300;
	if (q->o.poll_ms <= 0)
		q->o.poll_ms = 50;
	if (q->o.claim_ttl <= 0)
		q->o.claim_ttl = 120;
	crypto_uuid(q->owner);
	q->rng = q->o.seed;
	while (q->rng == 0)
		crypto_random(&q->rng, sizeof q->rng);
	q->max_batch = q->o.batch_size;
	buf_init(&q->body);
	q->s.phase = t != NULL ? SYNC_IDLE : SYNC_DISABLED;
	return q;
}

struct sync *
sync_new_transport(struct store *st, const struct transport *t,
    const struct sync_opts *o)
{
	struct sync_source	src;

	sync_store_source(st, &src);
	return sync_make(&src, t, o);
}

void
sync_disable(struct sync *q, const char *why)
{
	memset(&q->t, 0, sizeof q->t);
	q->s.phase = SYNC_DISABLED;
	sync_set_error(q, "%s", why);
}

struct sync *
sync_new_source(const struct sync_source *src, const struct transport *t,
    const struct sync_opts *o)
{
	return sync_make(src, t, o);
}

void
sync_free(struct sync *q)
{
	if (q == NULL)
		return;
	if (q->t.release != NULL)	/* abandons a request in flight */
		q->t.release(q->t.ctx);
	/* accepted by the LRS: marked even when the app quits now */
	(void)sync_marks_flush(q, time(NULL));
	sync_release(q);	/* another sender may take them now */
	free(q->items);
	free(q->pitems);
	free(q->marks);
	free(q->ranges);
	buf_release(&q->body);
	free(q);
}

/* Sleep 'ms' or until the network has news for the transport. */
static void
sync_sleep(struct sync *q, int ms)
{
	if (ms <= 0)
		return;
	if (q->in_flight && q->t.wait != NULL)
		q->t.wait(q->t.ctx, ms);
	else
		poll(NULL, 0, ms);
}

static enum sync_outcome	sync_run_until(struct sync *q, time_t now,
			    time_t deadline);

enum sync_outcome
sync_run(struct sync *q, int max_seconds)
{
	enum sync_outcome	o;
	time_t			now, deadline;

	now = time(NULL);
	deadline = now + (max_seconds > 0 ? max_seconds : 1);
	if (q->s.phase == SYNC_DISABLED)
		return SYNC_OUT_FAILED;
	sync_kick(q, SYNC_FORCE);
	q->s.phase = q->s.phase == SYNC_WAITING ? SYNC_IDLE : q->s.phase;
	q->run_ended = 0;
	q->blocking = 1;
	q->run_deadline = deadline;
	o = sync_run_until(q, now, deadline);
	q->run_deadline = 0;	/* the app's sync_step() has no end */
	return o;
}

/* sync_run() after its start: step until the run ends or runs out. */
static enum sync_outcome
sync_run_until(struct sync *q, time_t now, time_t deadline)
{
	int	ms;

	for (;;) {
		ms = sync_step(q, now);
		if (q->run_ended)
			return q->run_pending == 0 ? SYNC_OUT_NOTHING :
			    SYNC_OUT_DELIVERED;
		if (q->s.phase == SYNC_REFUSED)
			return SYNC_OUT_FAILED;
		if (q->s.phase == SYNC_BUDGET)
			return SYNC_OUT_BUDGET;
		if (q->s.phase == SYNC_DEFERRED && q->s.retry_at > deadline) {
			sync_set_error(q, "another sender (the app?) is still "
			    "sending %lld statements", (long long)q->s.others);
			sync_record(q, now, "offline");
			return SYNC_OUT_OFFLINE;
		}
		if (q->s.phase == SYNC_WAITING) {
			if (!q->run_reached)	/* the first probe failed */
				return q->s.fail == SYNC_FAIL_OFFLINE ?
				    SYNC_OUT_OFFLINE : SYNC_OUT_FAILED;
			if (q->s.retry_at > deadline)
				return q->s.fail == SYNC_FAIL_OFFLINE ||
				    q->s.fail == SYNC_FAIL_BUSY ?
				    SYNC_OUT_OFFLINE : SYNC_OUT_FAILED;
		}
		if (ms > 1000)
			ms = 1000;
		sync_sleep(q, ms);
		now = time(NULL);
	}
}
