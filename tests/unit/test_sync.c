/*
 * The syncq's decisions with an injected clock and a fake transport that
 * answers from a script or a rule: ordering, batching, backoff and
 * Retry-After, splitting to isolate a bad statement, 413 shrinking, the
 * credentials stop, kicks and a backoff that outlives the app. Delivery
 * over the network is tested against the real LRS in tests/lrs/.
 */
#include <criterion/criterion.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "config/connect.h"
#include "base/err.h"
#include "store/store.h"
#include "store/store_budget.h"
#include "store/store_officer.h"
#include "store/store_event.h"
#include "store/store_outbox.h"
#include "sync/sync.h"

#include "helpers.h"

#define NOW	((time_t)1700000000)
#define MAXREQ	256

/* The fake network: what was asked, and how to answer. */
struct fake_req {
	enum sync_method	 method;
	char			 resource[32];
	char			*body;
};

struct fake {
	struct fake_req	 req[MAXREQ];
	int		 nreq;
	int		 in_flight;
	int		 slow;		/* polls that say "still running" */
	int		 polls;
	/* scripted answers, used in order; then 'rule', then 200 */
	struct sync_resp script[32];
	int		 nscript, used;
	/* answer POSTs by content: status when 'bad' is in the body */
	const char	*bad;
	int		 bad_status;
	int		 max_in_batch;	/* > 0: 413 for bigger batches */
};

static int
fake_start(void *ctx, const struct sync_req *req, struct err *e)
{
	struct fake	*f = ctx;
	struct fake_req	*r;

	(void)e;
	cr_assert(!f->in_flight, "two requests at once");
	cr_assert_lt(f->nreq, MAXREQ);
	r = &f->req[f->nreq++];
	r->method = req->method;
	snprintf(r->resource, sizeof r->resource, "%s", req->resource);
	r->body = NULL;
	if (req->method == SYNC_POST) {
		r->body = malloc(req->body_len + 1);
		memcpy(r->body, req->body, req->body_len);
		r->body[req->body_len] = '\0';
	}
	f->in_flight = 1;
	f->polls = 0;
	return 0;
}

/* Statements in a request body (count of '"id"' at the top level). */
static int
fake_count(const char *body)
{
	int	n = 0;

	for (; (body = strstr(body, "{\"id\":")) != NULL; body++)
		n++;
	return n;
}

static int
fake_poll(void *ctx, struct sync_resp *resp)
{
	struct fake	*f = ctx;
	struct fake_req	*r = &f->req[f->nreq - 1];

	if (!f->in_flight)
		return 0;
	if (f->polls++ < f->slow)
		return 0;
	f->in_flight = 0;
	memset(resp, 0, sizeof *resp);
	resp->retry_after = -1;
	resp->net = SYNC_NET_OK;
	if (f->used < f->nscript) {
		*resp = f->script[f->used++];
		return 1;
	}
	resp->status = 200;
	if (r->method != SYNC_POST)
		return 1;
	if (f->max_in_batch > 0 && fake_count(r->body) > f->max_in_batch)
		resp->status = 413;
	else if (f->bad != NULL && strstr(r->body, f->bad) != NULL) {
		resp->status = f->bad_status;
		snprintf(resp->body, sizeof resp->body,
		    "{\"message\":\"bad\nstatement\"}");
	}
	return 1;
}

static void
fake_answer(struct fake *f, enum sync_net net, int status, long retry_after)
{
	struct sync_resp	*r = &f->script[f->nscript++];

	memset(r, 0, sizeof *r);
	r->net = net;
	r->status = status;
	r->retry_after = retry_after;
	if (net != SYNC_NET_OK)
		snprintf(r->error, sizeof r->error, "fake network trouble");
}

static void
fake_release(struct fake *f)
{
	int	i;

	for (i = 0; i < f->nreq; i++)
		free(f->req[i].body);
}

static char		dir[64];
static struct store	*st;
static struct fake	 fk;
static int64_t		 officer;
static char		 ids[64][STORE_UUID_LEN + 1];
static int		 nids;

static void
setup(void)
{
	struct store_officer	o;
	struct err		e;
	char			path[128];

	tmp_dir_make(dir, sizeof dir, "sync");
	snprintf(path, sizeof path, "%s/p.db", dir);
	st = store_open(path, &e);
	cr_assert_not_null(st, "%s", e.msg);
	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "OC-1");
	snprintf(o.name, sizeof o.name, "Officer");
	snprintf(o.group, sizeof o.group, "service");
	cr_assert_eq(store_officer_add(st, &o, NOW, &e), 0, "%s", e.msg);
	officer = o.id;
	cr_assert_eq(store_enrol(st, officer, "c1", NOW, &e), 0, "%s", e.msg);
	memset(&fk, 0, sizeof fk);
	nids = 0;
}

static void
teardown(void)
{
	fake_release(&fk);
	store_close(st);
	tmp_dir_remove(dir);
}

TestSuite(sync, .init = setup, .fini = teardown);

/* Queue 'n' statements (page views) in the outbox, oldest first. */
static void
add_statements(int n)
{
	struct store_page	p = { officer, "c1", "m1", "p1", NOW };
	struct store_stmt	s;
	struct err		e;
	char			json[128];
	int			i;

	for (i = 0; i < n; i++) {
		cr_assert_lt(nids, 64);
		store_uuid(ids[nids]);
		snprintf(json, sizeof json, "{\"id\":\"%s\",\"n\":%d}",
		    ids[nids], nids);
		s.id = ids[nids];
		s.json = json;
		cr_assert_eq(store_record_page(st, &p, &s, &e), 0, "%s", e.msg);
		nids++;
	}
}

static struct sync *
new_sync(int batch)
{
	struct transport	t = { fake_start, fake_poll, NULL, NULL,
				      &fk, NULL };
	struct sync_opts	o;

	memset(&o, 0, sizeof o);
	o.batch_size = batch;
	o.seed = 42;
	return sync_new_transport(st, &t, &o);
}

static int64_t
count(enum store_ob_state s)
{
	int64_t		c[STORE_OB_NSTATES];
	struct err	e;

	cr_assert_eq(store_outbox_counts(st, c, &e), 0, "%s", e.msg);
	return c[s];
}

/* Step at 'now' until the syncq rests (idle or waiting), at most 200 turns. */
static void
settle(struct sync *q, time_t now)
{
	int	i;

	for (i = 0; i < 200; i++) {
		sync_step(q, now);
		if (sync_state(q)->phase != SYNC_PROBING &&
		    sync_state(q)->phase != SYNC_SENDING)
			return;
	}
	cr_assert_fail("the syncq did not settle");
}

/* Run to the end, jumping the clock over every wait; returns the clock. */
static time_t
run_all(struct sync *q, time_t now)
{
	int	i;

	for (i = 0; i < 100; i++) {
		settle(q, now);
		if (sync_state(q)->phase != SYNC_WAITING)
			return now;
		now = sync_state(q)->retry_at;
	}
	cr_assert_fail("the syncq kept waiting");
	return now;
}

/* The POST bodies sent, in order, as one string "[..][..]". */
static void
posts(char *out, size_t len)
{
	int	i;

	out[0] = '\0';
	for (i = 0; i < fk.nreq; i++)
		if (fk.req[i].method == SYNC_POST)
			strncat(out, fk.req[i].body, len - strlen(out) - 1);
}

Test(sync, backoff_grows_with_equal_jitter_and_a_cap)
{
	cr_assert_eq(sync_backoff(1, 2, 900, 0), 1);
	cr_assert_eq(sync_backoff(1, 2, 900, 1), 2);
	cr_assert_eq(sync_backoff(2, 2, 900, 0), 2);
	cr_assert_eq(sync_backoff(2, 2, 900, 2), 4);
	cr_assert_eq(sync_backoff(3, 2, 900, 0), 4);
	cr_assert_eq(sync_backoff(3, 2, 900, 4), 8);
	cr_assert_eq(sync_backoff(9, 2, 900, 0), 256);
	cr_assert_eq(sync_backoff(9, 2, 900, 256), 512);
	cr_assert_eq(sync_backoff(10, 2, 900, 0), 450);
	cr_assert_eq(sync_backoff(10, 2, 900, 450), 900);
	cr_assert_eq(sync_backoff(60, 2, 900, 0xffffffffu),
	    450 + 0xffffffffu % 451);
	cr_assert_eq(sync_backoff(1, 1, 900, 7), 1);
}

Test(sync, nothing_pending_sends_nothing)
{
	struct sync	*q = new_sync(10);
	int		 ms;

	ms = sync_step(q, NOW);
	cr_assert_eq(fk.nreq, 0);
	cr_assert_eq(sync_state(q)->phase, SYNC_IDLE);
	cr_assert_eq(ms, 300 * 1000, "recheck in 5 minutes, not %d ms", ms);
	cr_assert_eq(sync_step(q, NOW + 10), 290 * 1000);
	cr_assert_eq(fk.nreq, 0);
	sync_free(q);
}

Test(sync, probes_then_sends_batches_in_creation_order)
{
	struct sync	*q;
	char		 want[8192], got[8192], one[4096];
	int		 i;

	add_statements(25);
	q = new_sync(10);
	run_all(q, NOW);
	cr_assert_eq(fk.nreq, 4, "about + 3 batches, not %d", fk.nreq);
	cr_assert_eq(fk.req[0].method, SYNC_GET);
	cr_assert_str_eq(fk.req[0].resource, "about");
	cr_assert_str_eq(fk.req[1].resource, "statements");
	cr_assert_eq(fake_count(fk.req[1].body), 10);
	cr_assert_eq(fake_count(fk.req[2].body), 10);
	cr_assert_eq(fake_count(fk.req[3].body), 5);
	/* the stored bytes, in order, framed as JSON arrays */
	want[0] = '\0';
	for (i = 0; i < 25; i++) {
		snprintf(one, sizeof one, "%s{\"id\":\"%s\",\"n\":%d}%s",
		    i % 10 == 0 ? "[" : ",", ids[i], i,
		    i % 10 == 9 || i == 24 ? "]" : "");
		strcat(want, one);
	}
	posts(got, sizeof got);
	cr_assert_str_eq(got, want);
	cr_assert_eq(count(STORE_OB_PENDING), 0);
	cr_assert_eq(count(STORE_OB_DELIVERED), 25);
	cr_assert_eq(sync_state(q)->sent, 25);
	cr_assert_eq(sync_state(q)->last_success, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_IDLE);
	sync_free(q);
}

Test(sync, a_slow_answer_keeps_it_sending_without_blocking)
{
	struct sync	*q;
	int		 i, ms;

	add_statements(1);
	q = new_sync(10);
	fk.slow = 3;
	for (i = 0; i < 3; i++) {
		ms = sync_step(q, NOW);
		cr_assert_eq(ms, 50, "poll again soon while sending");
		cr_assert_eq(sync_state(q)->phase, SYNC_PROBING);
	}
	settle(q, NOW);
	cr_assert_eq(count(STORE_OB_DELIVERED), 1);
	sync_free(q);
}

/* A transport with sockets (as lib/http.c): fake_fds_n of them, timer. */
static int	fake_fds_n, fake_fds_ms;

static int
fake_fds(void *ctx, struct pollfd *pfd, int max, int *ms)
{
	struct fake	*f = ctx;
	int		 i;

	*ms = fake_fds_ms;
	if (!f->in_flight)
		return 0;
	for (i = 0; i < fake_fds_n && i < max; i++) {
		pfd[i].fd = 10 + i;
		pfd[i].events = POLLIN;
	}
	return fake_fds_n;
}

Test(sync, with_sockets_it_waits_for_them_not_for_a_poll_period)
{
	struct transport	 t = { fake_start, fake_poll, NULL, NULL, &fk,
				     fake_fds };
	struct pollfd		 pfd[4];
	struct sync		*q;
	struct sync_opts	 o;

	add_statements(1);
	memset(&o, 0, sizeof o);
	o.seed = 42;
	q = sync_new_transport(st, &t, &o);
	cr_assert_eq(sync_fds(q, pfd, 4), 0, "nothing in flight, no socket");
	fk.slow = 3;
	fake_fds_n = 1;
	fake_fds_ms = 30000;	/* the request's timeout */
	cr_assert_eq(sync_step(q, NOW), 30000,
	    "the socket wakes it; only the transport's timer bounds the wait");
	cr_assert_eq(sync_state(q)->phase, SYNC_PROBING);
	cr_assert_eq(sync_fds(q, pfd, 4), 1);
	cr_assert_eq(pfd[0].fd, 10);
	cr_assert_eq(pfd[0].events, POLLIN);
	fake_fds_ms = -1;
	cr_assert_eq(sync_step(q, NOW), SYNC_FD_WAIT_MAX, "no timer: capped");
	fake_fds_ms = 0;
	cr_assert_eq(sync_step(q, NOW), 0, "a timer due now: at once");
	/* no socket yet (a name being resolved): the poll period again */
	fake_fds_n = 0;
	fake_fds_ms = 30000;
	settle(q, NOW);
	cr_assert_eq(count(STORE_OB_DELIVERED), 1);
	cr_assert_eq(sync_fds(q, pfd, 4), 0, "idle: no socket");
	add_statements(1);
	sync_kick(q, 0);
	fk.slow = 1;
	cr_assert_eq(sync_step(q, NOW), 50, "no socket to watch: poll_ms");
	fake_fds_n = 6;
	fake_fds_ms = 100;
	cr_assert_eq(sync_fds(q, pfd, 4), 4, "no more than there is room for");
	settle(q, NOW);
	cr_assert_eq(count(STORE_OB_DELIVERED), 2);
	sync_free(q);
	fake_fds_n = fake_fds_ms = 0;
}

Test(sync, server_errors_back_off_exponentially_and_keep_the_bytes)
{
	struct sync		*q;
	const struct sync_state	*s;
	time_t			 now = NOW, d1, d2, d3;

	add_statements(3);
	q = new_sync(10);
	s = sync_state(q);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);		/* about */
	fake_answer(&fk, SYNC_NET_OK, 503, -1);
	fake_answer(&fk, SYNC_NET_OK, 500, -1);
	fake_answer(&fk, SYNC_NET_OK, 502, -1);
	settle(q, now);
	cr_assert_eq(s->phase, SYNC_WAITING);
	cr_assert_eq(s->fail, SYNC_FAIL_BUSY);
	cr_assert(strstr(s->last_error, "HTTP 503") != NULL, "%s",
	    s->last_error);
	d1 = s->retry_at - now;
	cr_assert(d1 >= 1 && d1 <= 2, "first delay %ld", (long)d1);
	/* nothing is sent before the time */
	cr_assert_gt(sync_step(q, s->retry_at - 1), 0);
	cr_assert_eq(fk.nreq, 2);
	now = s->retry_at;
	settle(q, now);
	d2 = s->retry_at - now;
	cr_assert(d2 >= 2 && d2 <= 4, "second delay %ld", (long)d2);
	now = s->retry_at;
	settle(q, now);
	d3 = s->retry_at - now;
	cr_assert(d3 >= 4 && d3 <= 8, "third delay %ld", (long)d3);
	cr_assert_eq(s->attempts, 3);
	now = s->retry_at;
	settle(q, now);
	cr_assert_eq(s->phase, SYNC_IDLE);
	cr_assert_eq(s->attempts, 0);
	cr_assert_str_eq(s->last_error, "");
	/* a busy LRS is not re-probed; every try sent the same bytes */
	cr_assert_eq(fk.nreq, 5);
	cr_assert_str_eq(fk.req[1].body, fk.req[4].body);
	cr_assert_str_eq(fk.req[2].body, fk.req[4].body);
	cr_assert_eq(count(STORE_OB_DELIVERED), 3);
	sync_free(q);
}

/* Attempts, error and next try of the oldest pending row. */
struct row_seen {
	int	attempts;
	time_t	next_try;
	char	error[256];
};

static int
row_cb(const struct store_outbox_row *r, void *arg)
{
	struct row_seen	*rs = arg;

	rs->attempts = r->attempts;
	rs->next_try = r->next_try;
	snprintf(rs->error, sizeof rs->error, "%s", r->last_error);
	return 1;
}

Test(sync, retry_after_is_honoured_and_recorded_on_the_rows)
{
	struct sync		*q;
	const struct sync_state	*s;
	struct row_seen		 rs;
	struct err		 e;

	add_statements(2);
	q = new_sync(10);
	s = sync_state(q);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);
	fake_answer(&fk, SYNC_NET_OK, 429, 37);
	settle(q, NOW);
	cr_assert_eq(s->phase, SYNC_WAITING);
	/* no sooner than 37 s, whatever the fraction of the second */
	cr_assert_eq(s->retry_at, NOW + 38);
	memset(&rs, 0, sizeof rs);
	cr_assert_eq(store_outbox_pending(st, NOW + 100, 0, 1, row_cb, &rs,
	    &e), 1);
	cr_assert_eq(rs.attempts, 1);
	cr_assert_eq(rs.next_try, NOW + 38);
	cr_assert(strstr(rs.error, "HTTP 429") != NULL, "%s", rs.error);
	cr_assert_eq(sync_step(q, NOW + 37), 1000);
	cr_assert_eq(fk.nreq, 2);
	settle(q, NOW + 38);
	cr_assert_eq(count(STORE_OB_DELIVERED), 2);
	sync_free(q);
}

Test(sync, offline_backs_off_and_probes_again)
{
	struct sync		*q;
	const struct sync_state	*s;

	add_statements(2);
	q = new_sync(10);
	s = sync_state(q);
	fake_answer(&fk, SYNC_NET_UNREACHABLE, 0, -1);	/* about */
	fake_answer(&fk, SYNC_NET_OK, 200, -1);		/* about */
	fake_answer(&fk, SYNC_NET_RESET, 0, -1);	/* POST */
	settle(q, NOW);
	cr_assert_eq(s->phase, SYNC_WAITING);
	cr_assert_eq(s->fail, SYNC_FAIL_OFFLINE);
	cr_assert(strstr(s->last_error, "unreachable") != NULL, "%s",
	    s->last_error);
	run_all(q, NOW);
	/* about, about, POST (reset), about, POST */
	cr_assert_eq(fk.nreq, 5);
	cr_assert_str_eq(fk.req[3].resource, "about");
	cr_assert_str_eq(fk.req[2].body, fk.req[4].body);
	cr_assert_eq(count(STORE_OB_DELIVERED), 2);
	sync_free(q);
}

Test(sync, the_backoff_grows_while_about_answers_and_posts_time_out)
{
	struct sync		*q;
	const struct sync_state	*s;
	time_t			 now = NOW, d;
	int			 i;

	add_statements(1);
	q = new_sync(10);
	s = sync_state(q);
	for (i = 0; i < 4; i++) {
		fake_answer(&fk, SYNC_NET_OK, 200, -1);		/* about */
		fake_answer(&fk, SYNC_NET_TIMEOUT, 0, -1);	/* POST */
	}
	for (i = 1; i <= 4; i++) {
		settle(q, now);
		cr_assert_eq(s->fail, SYNC_FAIL_OFFLINE);
		cr_assert_eq(s->attempts, i);
		d = s->retry_at - now;
		cr_assert(d >= 1L << (i - 1) && d <= 2L << (i - 1),
		    "try %d waits %ld s", i, (long)d);
		now = s->retry_at;
	}
	settle(q, now);
	cr_assert_eq(count(STORE_OB_DELIVERED), 1);
	cr_assert_eq(s->last_success, now);
	sync_free(q);
}

Test(sync, a_bad_statement_is_isolated_and_quarantined)
{
	struct sync	*q;
	char		 got[8192], want[8192], one[4096];
	int		 i, posted = 0;

	add_statements(8);
	q = new_sync(8);
	fk.bad = ids[5];
	fk.bad_status = 400;
	run_all(q, NOW);
	cr_assert_eq(count(STORE_OB_DELIVERED), 7);
	cr_assert_eq(count(STORE_OB_QUARANTINED), 1);
	cr_assert_eq(count(STORE_OB_PENDING), 0);
	cr_assert_eq(sync_state(q)->set_aside, 1);
	/*
	 * [0..8) 400, [0..4) ok, [4..8) 400, [4..6) 400, [4] ok, [5] 400,
	 * [6..8) ok
	 */
	for (i = 0; i < fk.nreq; i++)
		posted += fk.req[i].method == SYNC_POST;
	cr_assert_eq(posted, 7);
	/* the successful requests delivered in creation order */
	got[0] = '\0';
	for (i = 0; i < fk.nreq; i++)
		if (fk.req[i].method == SYNC_POST &&
		    strstr(fk.req[i].body, ids[5]) == NULL)
			strcat(got, fk.req[i].body);
	want[0] = '\0';
	for (i = 0; i < 8; i++) {
		if (i == 5)
			continue;
		snprintf(one, sizeof one, "%s{\"id\":\"%s\",\"n\":%d}%s",
		    i == 0 || i == 4 || i == 6 ? "[" : ",", ids[i], i,
		    i == 3 || i == 4 || i == 7 ? "]" : "");
		strcat(want, one);
	}
	cr_assert_str_eq(got, want);
	sync_free(q);
}

/* The reason a quarantined or conflicting row was set aside. */
static int
reason_cb(const struct store_outbox_row *r, void *arg)
{
	snprintf(arg, 256, "%s=%s", r->stmt_id, r->last_error);
	return 1;
}

Test(sync, the_quarantine_reason_names_the_answer)
{
	struct sync	*q;
	struct err	 e;
	char		 reason[256], want[4096];

	add_statements(3);
	q = new_sync(10);
	fk.bad = ids[1];
	fk.bad_status = 400;
	run_all(q, NOW);
	cr_assert_eq(store_outbox_list(st, STORE_OB_QUARANTINED, reason_cb,
	    reason, &e), 1);
	snprintf(want, sizeof want, "%s=refused by the LRS (HTTP 400): "
	    "{\"message\":\"bad statement\"}", ids[1]);
	cr_assert_str_eq(reason, want);
	sync_free(q);
}

Test(sync, a_conflict_alone_is_kept_aside_and_not_retried)
{
	struct sync	*q;
	int		 n;

	add_statements(4);
	q = new_sync(4);
	fk.bad = ids[0];
	fk.bad_status = 409;
	run_all(q, NOW);
	cr_assert_eq(count(STORE_OB_CONFLICT), 1);
	cr_assert_eq(count(STORE_OB_DELIVERED), 3);
	n = fk.nreq;
	sync_kick(q, 0);
	run_all(q, NOW + 1);
	cr_assert_eq(fk.nreq, n, "a conflict is not sent again");
	sync_free(q);
}

Test(sync, too_large_shrinks_the_batches)
{
	struct sync	*q;
	int		 i, big = 0;

	add_statements(9);
	q = new_sync(8);
	fk.max_in_batch = 2;
	run_all(q, NOW);
	cr_assert_eq(count(STORE_OB_DELIVERED), 9);
	cr_assert_eq(count(STORE_OB_QUARANTINED), 0);
	/* once shrunk, later batches start small: only the first is big */
	for (i = 0; i < fk.nreq; i++)
		if (fk.req[i].method == SYNC_POST &&
		    fake_count(fk.req[i].body) > 2)
			big++;
	cr_assert_eq(big, 2, "8 and 4 were refused, then batches of 2");
	sync_free(q);
}

Test(sync, one_statement_too_large_is_quarantined)
{
	struct sync	*q;

	add_statements(2);
	q = new_sync(8);
	fk.bad = ids[0];
	fk.bad_status = 413;
	run_all(q, NOW);
	cr_assert_eq(count(STORE_OB_QUARANTINED), 1);
	cr_assert_eq(count(STORE_OB_DELIVERED), 1);
	sync_free(q);
}

Test(sync, refused_credentials_stop_until_forced)
{
	struct sync		*q;
	const struct sync_state	*s;

	add_statements(2);
	q = new_sync(10);
	s = sync_state(q);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);
	fake_answer(&fk, SYNC_NET_OK, 401, -1);
	settle(q, NOW);
	cr_assert_eq(s->phase, SYNC_REFUSED);
	cr_assert_str_eq(s->last_error,
	    "credentials refused by the LRS (HTTP 401)");
	cr_assert_eq(sync_step(q, NOW + 100000), -1);
	sync_kick(q, 0);	/* new results do not retry refused keys */
	cr_assert_eq(sync_step(q, NOW + 100001), -1);
	cr_assert_eq(fk.nreq, 2);
	cr_assert_eq(count(STORE_OB_PENDING), 2);
	sync_kick(q, SYNC_FORCE);
	run_all(q, NOW + 100002);
	cr_assert_eq(count(STORE_OB_DELIVERED), 2);
	cr_assert_eq(s->phase, SYNC_IDLE);
	sync_free(q);
}

Test(sync, forbidden_also_stops)
{
	struct sync	*q;

	add_statements(1);
	q = new_sync(10);
	fake_answer(&fk, SYNC_NET_OK, 403, -1);		/* even on about */
	settle(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_REFUSED);
	cr_assert_eq(sync_state(q)->fail, SYNC_FAIL_REFUSED);
	sync_free(q);
}

Test(sync, a_kick_sends_new_results_at_once)
{
	struct sync	*q;

	add_statements(1);
	q = new_sync(10);
	run_all(q, NOW);
	cr_assert_eq(fk.nreq, 2);
	add_statements(1);
	sync_step(q, NOW + 1);
	cr_assert_eq(fk.nreq, 2, "not before the recheck");
	sync_kick(q, 0);
	cr_assert_eq(sync_step(q, NOW + 1) >= 0, 1);
	run_all(q, NOW + 1);
	cr_assert_eq(count(STORE_OB_DELIVERED), 2);
	cr_assert_str_eq(fk.req[2].resource, "about", "each run probes");
	sync_free(q);
}

/*
 * Results leave first; one recorded while the page reads are being sent
 * sorts before the run's cursor, and the run still sends it before it
 * ends: a run ends with nothing pending.
 */
Test(sync, a_result_recorded_mid_run_still_leaves_in_that_run)
{
	struct sync		*q;
	struct store_stmt	 s;
	struct err		 e;
	char			 body[4096], done[STORE_UUID_LEN + 1];
	int			 i;

	add_statements(4);
	q = new_sync(2);
	sync_kick(q, 0);
	for (i = 0; i < 50 && fk.nreq < 2; i++)
		sync_step(q, NOW);
	cr_assert_eq(fk.nreq, 2, "the probe, then the first batch");
	store_uuid(done);
	s.id = done;
	s.json = "{\"module\":\"done\"}";
	cr_assert_eq(store_module_done(st, officer, "c1", "m1", NOW, &s, &e),
	    0, "%s", e.msg);
	run_all(q, NOW);
	cr_assert_eq(count(STORE_OB_PENDING), 0);
	cr_assert_eq(count(STORE_OB_DELIVERED), 5);
	posts(body, sizeof body);
	cr_assert(strstr(body, "[{\"module\":\"done\"}]") != NULL, "%s",
	    body);
	sync_free(q);
}

Test(sync, a_kick_does_not_cut_a_backoff_short)
{
	struct sync	*q;

	add_statements(1);
	q = new_sync(10);
	fake_answer(&fk, SYNC_NET_TIMEOUT, 0, -1);
	settle(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_WAITING);
	sync_kick(q, 0);
	sync_step(q, NOW);
	cr_assert_eq(fk.nreq, 1);
	sync_kick(q, SYNC_FORCE);
	settle(q, NOW);
	cr_assert_eq(count(STORE_OB_DELIVERED), 1);
	sync_free(q);
}

Test(sync, a_backoff_outlives_the_app)
{
	struct sync	*q;

	add_statements(2);
	q = new_sync(10);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);
	fake_answer(&fk, SYNC_NET_OK, 503, 600);
	settle(q, NOW);
	sync_free(q);
	q = new_sync(10);	/* the app restarts */
	cr_assert_eq(sync_step(q, NOW + 10), 591 * 1000);
	cr_assert_eq(sync_state(q)->phase, SYNC_WAITING);
	cr_assert_eq(fk.nreq, 2);
	settle(q, NOW + 601);
	cr_assert_eq(count(STORE_OB_DELIVERED), 2);
	sync_free(q);
}

Test(sync, states_are_named)
{
	cr_assert_str_eq(sync_phase_name(SYNC_IDLE), "idle");
	cr_assert_str_eq(sync_phase_name(SYNC_REFUSED), "credentials refused");
	cr_assert_str_eq(sync_phase_name((enum sync_phase)99), "unknown");
}

Test(sync, no_endpoint_means_disabled)
{
	struct config	cfg;
	struct sync	*q;
	struct err	 e;

	config_init(&cfg);
	q = sync_connect(&cfg.lrs, st, &e);
	cr_assert_not_null(q);
	cr_assert_eq(sync_state(q)->phase, SYNC_DISABLED);
	cr_assert_eq(sync_step(q, NOW), -1);
	cr_assert_eq(sync_run(q, 1), SYNC_OUT_FAILED);
	sync_free(q);
	config_release(&cfg);
}

Test(sync, the_secret_comes_from_the_environment_or_a_private_file)
{
	struct config_lrs	lrs;
	struct err		e;
	char			path[128], *secret;
	FILE			*f;

	memset(&lrs, 0, sizeof lrs);
	lrs.key = (char *)"k";
	unsetenv("RIANRU_LRS_SECRET");
	cr_assert_eq(config_lrs_secret(&lrs, &secret, &e), -1);
	cr_assert(strstr(e.msg, "no secret for LRS key 'k'") != NULL, "%s",
	    e.msg);
	snprintf(path, sizeof path, "%s/secret", dir);
	f = fopen(path, "w");
	fputs("hunter2\n", f);
	fclose(f);
	chmod(path, 0644);
	lrs.secret_file = path;
	cr_assert_eq(config_lrs_secret(&lrs, &secret, &e), -1);
	cr_assert(strstr(e.msg, "chmod 600") != NULL, "%s", e.msg);
	cr_assert(strstr(e.msg, "hunter2") == NULL);
	chmod(path, 0600);
	cr_assert_eq(config_lrs_secret(&lrs, &secret, &e), 0, "%s", e.msg);
	cr_assert_str_eq(secret, "hunter2");
	config_secret_free(secret);
	setenv("RIANRU_LRS_SECRET", "from-env", 1);
	cr_assert_eq(config_lrs_secret(&lrs, &secret, &e), 0);
	cr_assert_str_eq(secret, "from-env");
	config_secret_free(secret);
	unsetenv("RIANRU_LRS_SECRET");
}

/* Statement ids in every POST body of 'f', each counted in seen[]. */
static int
tally(const struct fake *f, int seen[64])
{
	int	i, k, n = 0;

	for (i = 0; i < f->nreq; i++)
		for (k = 0; f->req[i].method == SYNC_POST && k < nids; k++)
			if (strstr(f->req[i].body, ids[k]) != NULL) {
				seen[k]++;
				n++;
			}
	return n;
}

Test(sync, two_senders_on_one_file_never_send_a_statement_twice)
{
	struct transport	 t2 = { fake_start, fake_poll, NULL, NULL,
					NULL, NULL };
	struct sync_opts	 o;
	struct sync		*q1, *q2;
	static struct fake	 fk2;
	int			 seen[64] = { 0 }, i, n;

	add_statements(25);
	memset(&fk2, 0, sizeof fk2);
	t2.ctx = &fk2;
	memset(&o, 0, sizeof o);
	o.batch_size = 10;
	o.seed = 7;
	q1 = new_sync(10);
	q2 = sync_new_transport(st, &t2, &o);
	/* q1 probes, then its first POST hangs */
	fk.slow = 1000;
	for (i = 0; i < 20 && fk.nreq < 2; i++) {
		fk.polls = fk.slow;	/* let the probe through */
		sync_step(q1, NOW);
	}
	cr_assert_eq(sync_state(q1)->phase, SYNC_SENDING);
	/*
	 * q2 sends what q1 did not claim (q1 holds the batch in flight and
	 * the next, prefetched), then waits for q1
	 */
	for (i = 0; i < 50 && sync_state(q2)->phase != SYNC_DEFERRED; i++)
		sync_step(q2, NOW);
	cr_assert_eq(sync_state(q2)->phase, SYNC_DEFERRED);
	cr_assert_eq(sync_state(q2)->others, 20);
	cr_assert_eq(count(STORE_OB_DELIVERED), 5);
	/* q1's answer comes; both end with nothing pending */
	fk.slow = 0;
	run_all(q1, NOW);
	cr_assert_eq(sync_state(q1)->phase, SYNC_IDLE);
	for (i = 0; i < 50 && sync_state(q2)->phase != SYNC_IDLE; i++)
		sync_step(q2, NOW + 1);
	cr_assert_eq(sync_state(q2)->phase, SYNC_IDLE);
	cr_assert_eq(count(STORE_OB_PENDING), 0);
	n = tally(&fk, seen) + tally(&fk2, seen);
	cr_assert_eq(n, 25, "%d statements POSTed for 25", n);
	for (i = 0; i < 25; i++)
		cr_assert_eq(seen[i], 1, "statement %d sent %d times", i,
		    seen[i]);
	sync_free(q1);
	sync_free(q2);
	fake_release(&fk2);
}

static int
ignore_row(const struct store_outbox_row *r, void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

Test(sync, a_crashed_senders_claim_runs_out)
{
	struct sync	*q;
	struct err	 e;
	int64_t		 others;

	add_statements(3);
	/* a sender that claimed everything and died without a word */
	cr_assert_eq(store_outbox_claim(st, "dead", NOW, NOW + 120, 0, 10,
	    ignore_row, NULL, &others, &e), 3, "%s", e.msg);
	q = new_sync(10);
	settle(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_DEFERRED);
	cr_assert_eq(count(STORE_OB_DELIVERED), 0);
	settle(q, NOW + 60);
	cr_assert_eq(sync_state(q)->phase, SYNC_DEFERRED);
	settle(q, NOW + 120);	/* the claim ran out */
	cr_assert_eq(sync_state(q)->phase, SYNC_IDLE);
	cr_assert_eq(count(STORE_OB_DELIVERED), 3);
	sync_free(q);
}

Test(sync, a_failure_gives_the_claims_up_and_is_recorded)
{
	struct sync		*q;
	struct store_sync_run	 r;
	struct err		 e;
	int64_t			 others;

	add_statements(4);
	q = new_sync(10);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);		/* about */
	fake_answer(&fk, SYNC_NET_OK, 503, -1);		/* POST */
	settle(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_WAITING);
	/* another sender may take them while this one waits */
	cr_assert_eq(store_outbox_claim(st, "other", NOW, NOW + 120, 0, 10,
	    ignore_row, NULL, &others, &e), 4, "%s", e.msg);
	cr_assert_eq(others, 0);
	cr_assert_eq(store_sync_run_load(st, "push", &r, &e), 1, "%s", e.msg);
	cr_assert_str_eq(r.outcome, "busy");
	cr_assert_eq(r.at, NOW);
	cr_assert_eq(r.pending, 4);
	cr_assert(strstr(r.error, "HTTP 503") != NULL, "%s", r.error);
	cr_assert_eq(store_outbox_release(st, "other", &e), 0, "%s", e.msg);
	run_all(q, NOW);
	cr_assert_eq(store_sync_run_load(st, "push", &r, &e), 1, "%s", e.msg);
	cr_assert_str_eq(r.outcome, "delivered");
	cr_assert_eq(r.sent, 4);
	cr_assert_str_eq(r.error, "");
	sync_free(q);
}

Test(sync, a_404_on_statements_stops_at_once_in_one_line)
{
	struct sync		*q;
	const struct sync_state	*s;
	struct sync_resp	*r;
	int			 i;

	add_statements(2);
	q = new_sync(10);
	s = sync_state(q);
	fake_answer(&fk, SYNC_NET_OK, 404, -1);		/* about: no matter */
	fake_answer(&fk, SYNC_NET_OK, 404, -1);		/* POST */
	r = &fk.script[1];
	snprintf(r->url, sizeof r->url, "http://lrs.example/x/statements");
	snprintf(r->body, sizeof r->body, "<!DOCTYPE html>\n<html>"
	    "<pre>Cannot POST /x/statements</pre></html>");
	for (i = 0; i < 20; i++)
		sync_step(q, NOW + i);
	cr_assert_eq(s->phase, SYNC_REFUSED);
	cr_assert_eq(s->fail, SYNC_FAIL_CONFIG);
	cr_assert_str_eq(s->last_error, "no xAPI statements resource at "
	    "http://lrs.example/x/statements: check lrs.endpoint");
	cr_assert_eq(fk.nreq, 2);
	cr_assert_eq(count(STORE_OB_PENDING), 2);
	sync_free(q);
}

Test(sync, the_network_coming_back_ends_an_offline_wait)
{
	struct sync		*q;
	const struct sync_state	*s;
	int			 i;

	add_statements(1);
	q = new_sync(10);
	s = sync_state(q);
	for (i = 0; i < 6; i++)
		fake_answer(&fk, SYNC_NET_UNREACHABLE, 0, -1);
	settle(q, NOW);
	for (i = 0; i < 5; i++)		/* a long wait by now */
		settle(q, s->retry_at);
	cr_assert_eq(s->phase, SYNC_WAITING);
	cr_assert_gt(s->retry_at, NOW + 30);
	cr_assert_eq(fk.nreq, 6);
	sync_online(q);
	run_all(q, NOW + 40);
	cr_assert_eq(fk.nreq, 8, "probe and POST at once");
	cr_assert_eq(count(STORE_OB_DELIVERED), 1);
	sync_free(q);
}

Test(sync, busy_is_not_ended_by_the_network_coming_back)
{
	struct sync		*q;
	const struct sync_state	*s;

	add_statements(1);
	q = new_sync(10);
	s = sync_state(q);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);
	fake_answer(&fk, SYNC_NET_OK, 429, 600);
	settle(q, NOW);
	cr_assert_eq(s->phase, SYNC_WAITING);
	sync_online(q);
	sync_step(q, NOW + 1);
	cr_assert_eq(s->phase, SYNC_WAITING);
	cr_assert_eq(fk.nreq, 2);
	sync_free(q);
}

Test(sync, every_answer_measures_the_clock_and_the_run_keeps_it)
{
	struct sync		*q;
	struct store_sync_run	 r;
	struct err		 e;

	add_statements(1);
	q = new_sync(10);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);		/* about */
	fake_answer(&fk, SYNC_NET_OK, 200, -1);		/* POST */
	fk.script[0].date = NOW - 3 * 3600;	/* this clock: 3 h fast */
	fk.script[1].date = NOW - 3 * 3600 + 1;
	run_all(q, NOW);
	cr_assert(sync_state(q)->clock_known);
	cr_assert_eq(sync_state(q)->clock_offset, -3 * 3600 + 1);
	cr_assert_eq(store_sync_run_load(st, "push", &r, &e), 1, "%s", e.msg);
	cr_assert_str_eq(r.outcome, "delivered");	/* never refused */
	cr_assert(r.clock_known);
	cr_assert_eq(r.clock_offset, -3 * 3600 + 1);
	sync_free(q);
	/* a run that did not hear the LRS keeps the offset last measured */
	add_statements(1);
	q = new_sync(10);
	fake_answer(&fk, SYNC_NET_UNREACHABLE, 0, -1);
	settle(q, NOW + 10);
	cr_assert_eq(store_sync_run_load(st, "push", &r, &e), 1, "%s", e.msg);
	cr_assert_str_eq(r.outcome, "offline");
	cr_assert(r.clock_known);
	cr_assert_eq(r.clock_offset, -3 * 3600 + 1);
	sync_free(q);
}

/* A syncq with a byte budget of 'budget' (per day when 'daily'). */
static struct sync *
new_budget_sync(int batch, int64_t budget, int daily)
{
	struct transport	t = { fake_start, fake_poll, NULL, NULL,
				      &fk, NULL };
	struct sync_opts	o;

	memset(&o, 0, sizeof o);
	o.batch_size = batch;
	o.seed = 42;
	o.budget = budget;
	o.budget_daily = daily;
	return sync_new_transport(st, &t, &o);
}

/* The bytes of every POST body so far. */
static int64_t
posted_bytes(void)
{
	int64_t	n = 0;
	int	i;

	for (i = 0; i < fk.nreq; i++)
		if (fk.req[i].method == SYNC_POST)
			n += (int64_t)strlen(fk.req[i].body);
	return n;
}

/* The body of one statement add_statements() made: '[' + it + ']'. */
static int64_t
one_len(int i)
{
	char	json[128];

	return (int64_t)snprintf(json, sizeof json, "{\"id\":\"%s\",\"n\":%d}",
	    ids[i], i);
}

Test(sync, a_budget_per_run_cuts_the_batch_and_stops_before_it)
{
	struct sync	*q;
	char		 got[8192], want[8192], one[4096];
	int64_t		 budget;
	int		 i;

	add_statements(10);
	/* room for 3 statements and a bit, not 4 */
	budget = 1 + 3 * (one_len(0) + 1) + one_len(3) / 2;
	q = new_budget_sync(10, budget, 0);
	run_all(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(sync_state(q)->retry_at, 0, "per run: no next day");
	cr_assert_eq(sync_step(q, NOW + 3600), -1, "nothing more this run");
	cr_assert_eq(count(STORE_OB_DELIVERED), 3);
	cr_assert_eq(count(STORE_OB_PENDING), 7);
	posts(got, sizeof got);
	want[0] = '\0';
	for (i = 0; i < 3; i++) {
		snprintf(one, sizeof one, "%s{\"id\":\"%s\",\"n\":%d}", i ?
		    "," : "[", ids[i], i);
		strcat(want, one);
	}
	strcat(want, "]");
	cr_assert_str_eq(got, want, "the first three, in order");
	cr_assert_eq(sync_state(q)->bytes, posted_bytes());
	cr_assert_leq(sync_state(q)->bytes, budget);
	cr_assert_eq(sync_state(q)->budget_used, sync_state(q)->bytes);
	sync_free(q);
	/* the next run sends the next ones, in order, none twice */
	q = new_budget_sync(10, budget, 0);
	run_all(q, NOW + 60);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(count(STORE_OB_DELIVERED), 6);
	cr_assert(strstr(fk.req[fk.nreq - 1].body, ids[3]) != NULL);
	cr_assert(strstr(fk.req[fk.nreq - 1].body, ids[2]) == NULL);
	sync_free(q);
}

Test(sync, a_run_stopped_at_the_budget_is_recorded_with_its_bytes)
{
	struct store_sync_run	 r;
	struct sync		*q;
	struct err		 e;

	add_statements(4);
	q = new_budget_sync(10, 1 + one_len(0) + 1, 0);
	cr_assert_eq(sync_run(q, 5), SYNC_OUT_BUDGET);
	cr_assert_eq(store_sync_run_load(st, "push", &r, &e), 1, "%s", e.msg);
	cr_assert_str_eq(r.outcome, "budget");
	cr_assert_eq(r.sent, 1);
	cr_assert_eq(r.pending, 3);
	cr_assert_eq(r.bytes, posted_bytes());
	sync_free(q);
}

Test(sync, results_leave_first_within_the_budget)
{
	struct store_stmt	 s;
	struct sync		*q;
	struct err		 e;
	char			 done[STORE_UUID_LEN + 1];

	add_statements(3);
	store_uuid(done);
	s.id = done;
	s.json = "{\"module\":\"done\"}";
	cr_assert_eq(store_module_done(st, officer, "c1", "m1", NOW, &s, &e),
	    0, "%s", e.msg);
	/* room for the result and one page read */
	q = new_budget_sync(10, 1 + (int64_t)strlen(s.json) + 1 +
	    one_len(0) + 1, 0);
	run_all(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(fk.nreq, 2, "the probe and one POST");
	cr_assert(strncmp(fk.req[1].body, "[{\"module\":\"done\"},", 19) == 0,
	    "%s", fk.req[1].body);
	cr_assert(strstr(fk.req[1].body, ids[0]) != NULL);
	cr_assert_eq(count(STORE_OB_PENDING), 2);
	sync_free(q);
}

Test(sync, a_spent_budget_asks_the_network_nothing)
{
	struct sync	*q;
	struct err	 e;
	char		 day[11];

	add_statements(2);
	q = new_budget_sync(10, 1024, 1);
	/* another sender spent most of today's budget */
	sync_day(NOW, day);
	cr_assert_eq(store_budget_take(st, day, 1000, 1024, NULL, &e), 1,
	    "%s", e.msg);
	run_all(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(fk.nreq, 0, "not even GET about");
	cr_assert_eq(sync_state(q)->budget_used, 1000);
	sync_free(q);
}

Test(sync, a_budget_per_day_outlives_a_restart_and_starts_again_tomorrow)
{
	struct sync	*q;
	struct err	 e;
	char		 day[11], day2[11];
	int64_t		 budget, used;
	time_t		 tomorrow;
	int		 ms;

	add_statements(10);
	/* two POSTs: 3 statements, then 1 (each with its own '[') */
	budget = 2 + 4 * (one_len(0) + 1);
	q = new_budget_sync(3, budget, 1);
	run_all(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(count(STORE_OB_DELIVERED), 4, "a batch of 3, then 1");
	tomorrow = sync_next_day(NOW);
	cr_assert_eq(sync_state(q)->retry_at, tomorrow);
	ms = sync_step(q, NOW + 10);
	cr_assert_eq(ms, (int)(tomorrow - NOW - 10) * 1000);
	sync_day(NOW, day);
	cr_assert_eq(store_budget_used(st, day, &used, &e), 0, "%s", e.msg);
	cr_assert_eq(used, posted_bytes(), "the bytes of both POSTs");
	sync_free(q);

	/* the app or `rianru sync` again the same day: nothing goes */
	fake_release(&fk);
	memset(&fk, 0, sizeof fk);
	q = new_budget_sync(3, budget, 1);
	run_all(q, NOW + 3600);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(fk.nreq, 0);
	cr_assert_eq(count(STORE_OB_DELIVERED), 4);

	/* the next day: the same syncq goes on where it stopped */
	sync_day(tomorrow, day2);
	cr_assert_str_neq(day, day2);
	run_all(q, tomorrow);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(count(STORE_OB_DELIVERED), 8);
	cr_assert(strstr(fk.req[1].body, ids[4]) != NULL, "%s",
	    fk.req[1].body);
	cr_assert_eq(store_budget_used(st, day2, &used, &e), 0, "%s", e.msg);
	cr_assert_eq(used, posted_bytes());
	cr_assert_eq(store_budget_used(st, day, &used, &e), 0, "%s", e.msg);
	cr_assert_eq(used, 0, "yesterday is forgotten");
	sync_free(q);
}

Test(sync, the_budget_counts_failed_posts_too)
{
	struct sync	*q;
	int64_t		 budget;

	add_statements(4);
	/* room for two POSTs of 2: the failed one and its retry */
	budget = 2 + 4 * (one_len(0) + 1);
	q = new_budget_sync(2, budget, 0);
	fake_answer(&fk, SYNC_NET_OK, 200, -1);		/* about */
	fake_answer(&fk, SYNC_NET_OK, 503, -1);		/* first POST */
	run_all(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_BUDGET);
	cr_assert_eq(count(STORE_OB_DELIVERED), 2,
	    "the failed POST counted: its retry used the rest");
	cr_assert_eq(sync_state(q)->bytes, posted_bytes());
	cr_assert_leq(sync_state(q)->bytes, budget);
	sync_free(q);
}

Test(sync, the_day_budget_is_counted_in_one_transaction)
{
	struct err	e;
	int64_t		used;

	cr_assert_eq(store_budget_take(st, "2026-12-05", 600, 1000, &used,
	    &e), 1, "%s", e.msg);
	cr_assert_eq(used, 0);
	cr_assert_eq(store_budget_take(st, "2026-12-05", 500, 1000, &used,
	    &e), 0, "does not fit: nothing counted");
	cr_assert_eq(used, 600);
	cr_assert_eq(store_budget_take(st, "2026-12-05", 400, 1000, &used,
	    &e), 1, "fits exactly");
	cr_assert_eq(store_budget_used(st, "2026-12-05", &used, &e), 0);
	cr_assert_eq(used, 1000);
	cr_assert_eq(store_budget_take(st, "2026-12-06", 10, 1000, &used,
	    &e), 1, "a new day starts from 0");
	cr_assert_eq(used, 0);
	cr_assert_eq(store_budget_used(st, "2026-12-05", &used, &e), 0);
	cr_assert_eq(used, 0);
	cr_assert_eq(sql_int(store_path(st), "SELECT count(*) FROM "
	    "sync_bytes"), 1, "one row: today's");
}

Test(sync, what_waits_is_counted_in_statements_and_bytes)
{
	struct err	e;
	int64_t		n, bytes;

	add_statements(3);
	cr_assert_eq(store_outbox_waiting(st, &n, &bytes, &e), 0, "%s", e.msg);
	cr_assert_eq(n, 3);
	cr_assert_eq(bytes, one_len(0) + one_len(1) + one_len(2));
}

Test(sync, the_local_day_rolls_over_at_midnight)
{
	char	a[11], b[11], c[11];
	time_t	t = sync_next_day(NOW);

	sync_day(NOW, a);
	sync_day(t, b);
	sync_day(t - 1, c);
	cr_assert_str_neq(a, b);
	cr_assert_str_eq(a, c, "the second before midnight is today");
	cr_assert_gt(t, NOW);
	cr_assert_leq(t - NOW, 86400 + 3600);
}

/*
 * Pipelining: a source over the store that notes, when a batch is marked
 * delivered, how many requests had been started, and can fail a marking.
 */
struct pipe_src {
	int	started_at_mark[16];
	int	nmarks;
	int	fail_mark;	/* 1-based marking to fail; 0 = none */
};
static struct pipe_src	ps;

static int
pipe_delivered(void *ctx, const char *const *mids, size_t n, time_t now,
    struct err *e)
{
	(void)ctx;
	if (ps.nmarks < 16)
		ps.started_at_mark[ps.nmarks] = fk.nreq;
	if (++ps.nmarks == ps.fail_mark)
		return err_set(e, "disk I/O error (test)");
	return store_outbox_delivered(st, mids, n, now, e);
}

static struct sync *
new_pipe_sync(int batch)
{
	struct transport	t = { fake_start, fake_poll, NULL, NULL,
				      &fk, NULL };
	struct sync_source	src;
	struct sync_opts	o;

	memset(&ps, 0, sizeof ps);
	sync_store_source(st, &src);
	src.delivered = pipe_delivered;
	memset(&o, 0, sizeof o);
	o.batch_size = batch;
	o.seed = 42;
	return sync_new_source(&src, &t, &o);
}

Test(sync, the_next_post_leaves_before_the_last_batch_is_marked)
{
	struct sync	*q;
	char		 got[8192];
	int		 i, n = 0;

	add_statements(25);
	q = new_pipe_sync(10);
	fk.slow = 1;	/* each answer takes one more poll */
	run_all(q, NOW);
	cr_assert_eq(count(STORE_OB_DELIVERED), 25);
	cr_assert_eq(sync_state(q)->sent, 25);
	cr_assert_eq(fk.nreq, 4, "about + 3 batches, not %d", fk.nreq);
	cr_assert_eq(ps.nmarks, 3);
	cr_assert_eq(ps.started_at_mark[0], 3, "batch 2 left before batch 1 "
	    "was marked (%d requests)", ps.started_at_mark[0]);
	cr_assert_eq(ps.started_at_mark[1], 4);
	cr_assert_eq(ps.started_at_mark[2], 4, "the last is marked at the end");
	posts(got, sizeof got);
	for (i = 0; i < 25; i++)
		n += strstr(got, ids[i]) != NULL;
	cr_assert_eq(n, 25);
	cr_assert_eq(sync_state(q)->phase, SYNC_IDLE);
	sync_free(q);
}

Test(sync, a_failed_marking_with_the_next_post_in_flight_sends_both_again)
{
	struct sync	*q;
	int		 seen[64] = { 0 }, i;

	add_statements(20);
	q = new_pipe_sync(10);
	ps.fail_mark = 1;	/* marking batch 1 fails, batch 2 is out */
	fk.slow = 1;
	settle(q, NOW);
	cr_assert_eq(sync_state(q)->phase, SYNC_WAITING);
	cr_assert_eq(sync_state(q)->fail, SYNC_FAIL_ERROR);
	cr_assert(strstr(sync_state(q)->last_error, "disk I/O error") != NULL,
	    "%s", sync_state(q)->last_error);
	cr_assert_eq(fk.nreq, 3, "batch 2 was in flight and answered");
	cr_assert_eq(count(STORE_OB_DELIVERED), 0, "neither is marked");
	cr_assert_eq(count(STORE_OB_PENDING), 20);
	cr_assert_eq(sql_int(store_path(st), "SELECT count(*) FROM outbox "
	    "WHERE claim_by IS NOT NULL"), 0, "the claims were given up");
	/* the retry sends both batches again, the same bytes, and marks */
	run_all(q, sync_state(q)->retry_at);
	cr_assert_eq(count(STORE_OB_DELIVERED), 20);
	tally(&fk, seen);
	for (i = 0; i < 20; i++)
		cr_assert_eq(seen[i], 2, "statement %d sent %d times (once "
		    "per try: the LRS keeps one)", i, seen[i]);
	cr_assert_str_eq(fk.req[1].body, fk.req[4].body, "the same bytes");
	cr_assert_str_eq(fk.req[2].body, fk.req[5].body);
	sync_free(q);
}

Test(sync, a_syncq_freed_with_a_post_in_flight_gives_its_claims_up)
{
	struct sync	*q;
	int		 i;

	add_statements(20);
	q = new_pipe_sync(10);
	fk.slow = 1;
	for (i = 0; i < 50 && fk.nreq < 3; i++)
		sync_step(q, NOW);
	cr_assert_eq(fk.nreq, 3, "batch 1 accepted, batch 2 in flight");
	sync_free(q);	/* the app quits */
	cr_assert_eq(count(STORE_OB_DELIVERED), 10);
	cr_assert_eq(count(STORE_OB_PENDING), 10);
	cr_assert_eq(sql_int(store_path(st), "SELECT count(*) FROM outbox "
	    "WHERE claim_by IS NOT NULL"), 0);
}
