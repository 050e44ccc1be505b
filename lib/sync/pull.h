#ifndef PULL_H
#define PULL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * Pulling an officer's progress back from the LRS (docs/sync.md, "Pulling
 * progress back"): GET statements?agent=<the officer>&since=<cursor minus
 * PULL_OVERLAP>&ascending=true, following 'more' to the end, each statement
 * rianru understands merged into the progress file (store_pull.h; merging
 * is idempotent, duplicates are dropped by statement id). Statements of
 * other kinds (reviews, another client's) are skipped.
 *
 * Like the syncq it never blocks: pull_step() makes progress through a
 * struct transport (sync.h) and says when to call it again; pull_run() is
 * the blocking loop of `rianru sync`. Errors become state, and each
 * officer's pull is recorded as the run "pull" of sync_run.
 */

struct err;
struct store;
struct pollfd;
struct transport;

/* An LRS's stored order is not strictly monotonic: look back this far. */
#define PULL_OVERLAP	600	/* seconds */

/*
 * After a pull that failed (LRS down, busy, refusing), the next one waits:
 * PULL_BACKOFF_BASE seconds, doubling up to PULL_BACKOFF_MAX, with jitter
 * (a Retry-After is honoured when longer); a key refused (401/403) waits
 * PULL_REFUSED_WAIT. Pulls queued meanwhile (a login, the periodic pull)
 * wait too, so a dead LRS is not asked on every tick or every login.
 * pull_run() (asked for by `rianru sync`) and pull_online() do not wait.
 */
#define PULL_BACKOFF_BASE	30
#define PULL_BACKOFF_MAX	900
#define PULL_REFUSED_WAIT	3600

enum pull_outcome {
	PULL_NONE,		/* nothing pulled yet */
	PULL_DONE,		/* every page read and merged */
	PULL_OFFLINE,		/* LRS unreachable or busy */
	PULL_FORBIDDEN,		/* 401/403: the key may not read */
	PULL_FAILED		/* a bad answer, a store error */
};

struct pull_state {
	int		 busy;		/* a pull is queued or in flight */
	enum pull_outcome outcome;	/* of the last officer's pull */
	int64_t		 merged;	/* statements merged, this pull_new */
	int64_t		 seen;		/* statements read, this pull_new */
	unsigned	 landed;	/* +1 each time a pull merged some */
	time_t		 last_success;	/* last 2xx; 0 = none */
	int		 failures;	/* pulls failed in a row */
	time_t		 retry_at;	/* no request before; 0 = none */
	char		 error[256];	/* of the last pull; "" = none */
};

/*
 * A puller merging into 'st' (borrowed) through 't' (copied; released by
 * pull_free() when t->release is set). 'homepage' and 'activity_base'
 * (copied) are the actor's account home page and the IRI prefix of the
 * activities, as in config.yaml.
 */
struct pull	*pull_new(struct store *st, const struct transport *t,
		     const char *homepage, const char *activity_base);
/* Free 'p'; NULL is fine. A request in flight is abandoned. */
void		 pull_free(struct pull *p);

/* Queue a pull of officer 'officer_id' with account name 'code'. */
void		 pull_start(struct pull *p, int64_t officer_id,
		     const char *code);
/* Queue every officer of the progress file. Returns 0, or -1 and *e. */
int		 pull_start_all(struct pull *p, struct err *e);

/*
 * Make progress at 'now' without blocking; a queued pull waits for the
 * backoff (pull_state()->retry_at). Returns the milliseconds until it
 * wants to be called again, or -1 when nothing is queued.
 */
int		 pull_step(struct pull *p, time_t now);

/*
 * The sockets of the request in flight into pfd[0..max), as sync_fds():
 * how many were written, 0 when none.
 */
int		 pull_fds(const struct pull *p, struct pollfd *pfd, int max);

/*
 * The LRS answered another request (the sender delivered): a wait after
 * a pull that found the LRS down or busy ends, and what is queued goes at
 * the next pull_step(). A refused key's wait is kept.
 */
void		 pull_online(struct pull *p);

/*
 * Run what is queued to its end, blocking, for at most 'max_seconds'.
 * Returns the outcome of the worst officer's pull (PULL_DONE when all
 * went through).
 */
enum pull_outcome pull_run(struct pull *p, int max_seconds);

/* The state for display (borrowed; valid until the next call on p). */
const struct pull_state *pull_state(const struct pull *p);

/*
 * Read one statement (JSON text) of the officer 'officer_id' and merge it
 * (store_pull_merge). Returns 1 merged, 0 known already or not a kind
 * rianru keeps, -1 and *e. Public for the tests.
 */
int		 pull_merge_json(struct store *st, const char *activity_base,
		     int64_t officer_id, const char *json, size_t len,
		     struct err *e);

#endif
