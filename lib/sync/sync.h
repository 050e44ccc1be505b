#ifndef SYNC_H
#define SYNC_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store_outbox.h"

/*
 * The syncq: delivers the outbox of the progress store (store_outbox.h)
 * to an xAPI Learning Record Store, results first (store_ob_prio_of),
 * otherwise oldest first, in batches, and never drops one. docs/sync.md describes the rules; in short:
 *
 * - A run starts with a cheap GET about (is the LRS reachable?), then
 *   POSTs batches of at most batch_size statements in sending order.
 *   Each statement's stored bytes are sent unchanged, on every retry.
 * - 200/204: delivered. 400 or 409 on a batch: the batch is split in
 *   halves until the bad statement is alone; a lone 409 is a conflict (the
 *   LRS holds that id with another body), a lone 400 is quarantined with
 *   the reason; the rest is delivered. 413: smaller batches from then on.
 * - 401/403: stop; the credentials were refused. Nothing is retried until
 *   sync_kick(SYNC_FORCE).
 * - With a byte budget (sync_opts.budget), a POST that would pass it is
 *   cut to the statements that fit; when none fits the syncq stops in
 *   phase SYNC_BUDGET and the rest stays pending, in order.
 * - 429, 5xx, timeouts, resets, no route: exponential backoff with
 *   jitter (Retry-After when the LRS gives one), the failed rows get their
 *   attempt count, error and next try in the store, and the next attempt
 *   starts with a probe again.
 *
 * It never blocks: sync_step() makes progress and says when to call it
 * again. The network is reached through a struct transport (lib/http.c
 * for libcurl, a fake in the unit tests); time comes in as 'now', so
 * backoff is tested with an injected clock.
 */

struct err;
struct pollfd;

/* A request for the transport. Strings are borrowed until poll says done. */
enum sync_method {
	SYNC_GET,
	SYNC_POST
};
struct sync_req {
	enum sync_method	 method;
	const char		*resource;	/* "about", "statements?...";
						 * "/path?..." (an LRS's
						 * 'more') is taken from the
						 * endpoint's host */
	const char		*body;		/* POST: a JSON array */
	size_t			 body_len;
	int			 whole;		/* keep the whole answer
						 * (sync_resp.data) */
	long			 timeout_ms;	/* > 0: end the request after
						 * this long (what a run has
						 * left); 0: the transport's */
};

/* How a request ended when no HTTP answer came. */
enum sync_net {
	SYNC_NET_OK,		/* an HTTP answer came: see status */
	SYNC_NET_UNREACHABLE,	/* cannot resolve or connect */
	SYNC_NET_TIMEOUT,	/* connect or total timeout */
	SYNC_NET_RESET,		/* closed or reset before the whole answer */
	SYNC_NET_TLS,		/* TLS handshake failed, certificate refused */
	SYNC_NET_OTHER		/* anything else (bad address, ...) */
};

struct sync_resp {
	enum sync_net	net;
	int		status;		/* HTTP status when net is OK */
	long		retry_after;	/* seconds (Retry-After); -1 = none */
	char		error[256];	/* for people; never the secret */
	char		body[512];	/* the start of the answer's body */
	char		url[2048];	/* what was asked; "" = not known */
	time_t		date;		/* the LRS's Date header; 0 = none */
	const char	*data;		/* sync_req.whole: the whole answer
					 * (borrowed until the next start);
					 * NULL = none or cut (too long) */
	size_t		data_len;
};

/*
 * The network as the syncq sees it (STYLE 2.1). One request at a time.
 * start: begin 'req'; returns 0, or -1 and *e when it cannot even start.
 * poll: make progress without blocking; returns 0 while the request runs
 *   and 1 when it ended, with *resp filled.
 * wait: optional; block up to 'ms' milliseconds or until the network has
 *   something for poll (used by sync_run() only).
 * fds: optional (NULL: the caller polls every sync_opts.poll_ms while a
 *   request runs); the sockets the request in flight waits on, written to
 *   pfd[0..max) (fd, events POLLIN/POLLOUT), and in *ms the longest the
 *   caller may wait for them before poll must be called anyway (the
 *   transport's own timers: timeouts, a connection to make), -1 for no
 *   limit. Returns the number of sockets, which may exceed 'max' (then
 *   only 'max' were written); 0 when nothing can be watched now. A loop
 *   that waits on them (poll(2)) with the terminal uses no CPU while the
 *   LRS takes its time.
 */
struct transport {
	int	(*start)(void *ctx, const struct sync_req *req, struct err *e);
	int	(*poll)(void *ctx, struct sync_resp *resp);
	void	(*wait)(void *ctx, int ms);
	void	(*release)(void *ctx);	/* NULL: ctx stays the caller's;
					 * else sync_free() calls it */
	void	*ctx;
	int	(*fds)(void *ctx, struct pollfd *pfd, int max, int *ms);
};

/*
 * How long a sender with a request in flight on 't' may wait before it
 * polls again: the transport's timer when it has sockets to watch (at most
 * SYNC_FD_WAIT_MAX), else at most 'poll_ms'. For sync_step() and
 * pull_step().
 */
int		 sync_transport_ms(const struct transport *t, int poll_ms);
#define SYNC_FD_WAIT_MAX	60000

/*
 * The sockets of the request in flight on 't' into pfd[0..max): how many
 * were written (0 without a request or without t->fds).
 */
int		 sync_transport_fds(const struct transport *t, struct pollfd *pfd,
		     int max);

/*
 * Where the statements come from and where their fate is written: the
 * progress store's outbox (sync_connect()), or a file carried from an offline
 * machine (carry.h). The functions follow the store_outbox_* contracts
 * (store_outbox.h), except that 'pending' returns every pending row after
 * 'after_key' whatever its next_try: the syncq keeps its own time.
 */
struct sync_source {
	int	(*counts)(void *ctx, int64_t counts[STORE_OB_NSTATES],
		    struct err *e);
	int	(*pending)(void *ctx, int64_t after_key, int limit,
		    int (*fn)(const struct store_outbox_row *, void *),
		    void *arg, struct err *e);
	int	(*delivered)(void *ctx, const char *const *ids, size_t n,
		    time_t now, struct err *e);
	int	(*set_state)(void *ctx, const char *id, enum store_ob_state s,
		    const char *reason, time_t now, struct err *e);
	int	(*retry)(void *ctx, const char *const *ids, size_t n,
		    time_t next_try, const char *error, struct err *e);
	/*
	 * Optional (NULL: one sender only, rows come from 'pending'):
	 * claim: store_outbox_claim() for the syncq's owner id;
	 * extend, release: store_outbox_claim_extend(), _release();
	 * record: store_sync_run_save(), the outcome of a run.
	 */
	int	(*claim)(void *ctx, const char *owner, time_t now,
		    time_t until, int64_t after_key, int limit,
		    int (*fn)(const struct store_outbox_row *, void *),
		    void *arg, int64_t *others, struct err *e);
	int	(*extend)(void *ctx, const char *owner, time_t until,
		    struct err *e);
	int	(*release)(void *ctx, const char *owner, struct err *e);
	int	(*record)(void *ctx, const struct store_sync_run *r,
		    struct err *e);
	/*
	 * Optional, for a per-day budget (NULL: the budget counts per
	 * syncq): store_budget_take() and store_budget_used().
	 */
	int	(*take)(void *ctx, const char *day, int64_t bytes,
		    int64_t limit, int64_t *used, struct err *e);
	int	(*used)(void *ctx, const char *day, int64_t *used,
		    struct err *e);
	void	*ctx;
};

/* Tuning; zero fields take the defaults shown. */
struct sync_opts {
	int		batch_size;	/* 100 statements per POST */
	int		backoff_base;	/* 2 s after the first failure */
	int		backoff_max;	/* 900 s at most between tries */
	int		recheck;	/* 300 s: look for new rows when idle */
	int		poll_ms;	/* 50 ms between polls while sending
					 * (a transport without fds) */
	int		claim_ttl;	/* 120 s: a claim outlives a crash by */
	uint64_t	seed;		/* jitter; 0 = random */
	int64_t		budget;		/* bytes of request bodies; 0 = none */
	int		budget_daily;	/* per local day (sync_source.take),
					 * else for the syncq's life: one
					 * `rianru sync`, or the app's run */
};

/* What the syncq is doing now. */
enum sync_phase {
	SYNC_IDLE,		/* nothing to send (or not checked yet) */
	SYNC_PROBING,		/* GET about in flight */
	SYNC_SENDING,		/* a batch in flight */
	SYNC_WAITING,		/* backing off until retry_at */
	SYNC_REFUSED,		/* stopped: credentials refused, or no
				 * statements resource (fail tells which) */
	SYNC_DISABLED,		/* no LRS configured */
	SYNC_DEFERRED,		/* another sender holds what is pending:
				 * look again at retry_at */
	SYNC_BUDGET		/* the byte budget is spent: per day, the
				 * next day begins at retry_at; per run,
				 * retry_at is 0 and nothing more is sent */
};

/* The class of the last failure, for exit codes and the UI. */
enum sync_fail {
	SYNC_FAIL_NONE,
	SYNC_FAIL_OFFLINE,	/* no route, timeout, reset */
	SYNC_FAIL_BUSY,		/* 429 or 5xx: the LRS is there but busy */
	SYNC_FAIL_REFUSED,	/* 401/403 */
	SYNC_FAIL_CONFIG,	/* 404 on statements: a wrong lrs.endpoint */
	SYNC_FAIL_ERROR		/* TLS, unexpected answer, local store error */
};

/* State for the UI; read with sync_state(). */
struct sync_state {
	enum sync_phase	phase;
	enum sync_fail	fail;		/* of the last failure, if any */
	int64_t		pending;	/* outbox counts at the last look */
	int64_t		delivered;
	int64_t		conflict;
	int64_t		quarantined;
	int64_t		sent;		/* delivered by this syncq */
	int64_t		set_aside;	/* conflicts + quarantined by it */
	time_t		last_success;	/* last 2xx from the LRS; 0 = none */
	time_t		retry_at;	/* phase SYNC_WAITING, SYNC_DEFERRED */
	int64_t		others;		/* pending rows other senders hold */
	int		clock_known;	/* an answer had a Date header */
	long		clock_offset;	/* the LRS's clock minus ours, s */
	int		attempts;	/* failures in a row */
	int64_t		bytes;		/* request bodies sent by it (every
					 * POST, retries too) */
	int64_t		budget_used;	/* of the budget: today's (every
					 * sender), or this syncq's */
	char		last_error[256];	/* "" = none */
};

/*
 * A syncq delivering what 'src' gives (copied; ctx borrowed) through 't'
 * (copied; sync_free() releases its ctx when t->release is set); 't' NULL
 * makes a syncq in phase SYNC_DISABLED. 'o' may be NULL. The wiring from
 * config.yaml lives in config/connect.h, so the syncq knows only its
 * transport.
 */
struct sync	*sync_new_source(const struct sync_source *src,
		     const struct transport *t, const struct sync_opts *o);

/* The progress store's outbox as a source (st borrowed). */
void		 sync_store_source(struct store *st, struct sync_source *src);

/* Put 'q' in phase SYNC_DISABLED with 'why' as its last error. */
void		 sync_disable(struct sync *q, const char *why);

/*
 * A syncq delivering 'st' through 't' (copied; its ctx stays the
 * caller's), for tests and other transports. 'o' may be NULL.
 */
struct sync	*sync_new_transport(struct store *st,
		     const struct transport *t, const struct sync_opts *o);

/* Free 'q'; NULL is fine. A request in flight is abandoned. */
void		 sync_free(struct sync *q);

/*
 * Make progress at time 'now' without blocking: start a run when one is
 * due, poll the request in flight, handle its answer, start the next.
 * Returns the milliseconds until it wants to be called again (the app
 * uses it as its poll timeout), or -1 when it has nothing to do until
 * sync_kick(). Errors become state (sync_state()), never a return value.
 */
int		 sync_step(struct sync *q, time_t now);

/*
 * The sockets sync_step() waits on while a request is in flight, into
 * pfd[0..max) (see struct transport, fds): a caller that polls them with
 * its other inputs, for at most what sync_step() returned, calls
 * sync_step() only when the network has news or a timer is due. Returns
 * how many were written; 0 when none (then sync_step()'s answer is the
 * whole wait).
 */
int		 sync_fds(const struct sync *q, struct pollfd *pfd, int max);

enum sync_kick_flags {
	SYNC_FORCE = 1 << 0	/* cut a backoff short, retry refused keys */
};
/*
 * New results were recorded (or the user asked): run at the next
 * sync_step() instead of at the next recheck. Without SYNC_FORCE a
 * backoff in progress or a credentials stop is respected.
 */
void		 sync_kick(struct sync *q, unsigned flags);

/*
 * The network is back (the app made a successful connection: a pull, an
 * update): a backoff for being offline ends, and the next sync_step()
 * tries at once. A Retry-After of a busy LRS or a credentials stop is
 * still respected.
 */
void		 sync_online(struct sync *q);

/* The state for display (borrowed; valid until the next call on q). */
const struct sync_state *sync_state(const struct sync *q);

/* How one blocking run ended (sync_run()). */
enum sync_outcome {
	SYNC_OUT_DELIVERED,	/* the outbox has nothing pending now */
	SYNC_OUT_NOTHING,	/* nothing was pending */
	SYNC_OUT_OFFLINE,	/* LRS unreachable (or busy past the time) */
	SYNC_OUT_FAILED,	/* refused credentials, an error: see state */
	SYNC_OUT_BUDGET		/* stopped at the byte budget; the rest
				 * waits, still in order */
};

/*
 * One delivery run for `rianru sync`, blocking: probe, deliver every
 * pending statement (row backoff times are ignored; this run was asked
 * for), retrying network trouble with backoff until 'max_seconds' have
 * passed. A failed first probe ends the run at once as
 * SYNC_OUT_OFFLINE. Uses the real clock.
 */
enum sync_outcome sync_run(struct sync *q, int max_seconds);

/*
 * A clock off by more than this many seconds from the LRS's is flagged
 * (sync --status, the room view) and new statements carry the offset
 * (xapi_ctx.clock_offset). Syncing never stops because of a clock.
 */
#define SYNC_CLOCK_SLACK	300

/*
 * The local date of 'now' as "YYYY-MM-DD" into day[11]: the day a per-day
 * budget counts against.
 */
void		 sync_day(time_t now, char day[11]);

/* The start of the local day after the one of 'now'. */
time_t		 sync_next_day(time_t now);

/* "idle", "sending", ... (static strings, for status lines). */
const char	*sync_phase_name(enum sync_phase p);

/*
 * The delay in seconds before try number 'attempt' (1 = after the first
 * failure): equal jitter over base * 2^(attempt-1), capped at 'max',
 * using 'r' (any 32 random bits). Exposed for the tests.
 */
long		 sync_backoff(int attempt, int base, int max, uint32_t r);

#endif
