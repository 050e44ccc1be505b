#ifndef STORE_OUTBOX_H
#define STORE_OUTBOX_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * The outbox of xAPI statements, for lib/sync (store_outbox.c). The
 * rules at the top of store/store.h apply.
 */

enum store_ob_state {
	STORE_OB_PENDING,
	STORE_OB_DELIVERED,
	STORE_OB_CONFLICT,	/* the LRS has this id with another body */
	STORE_OB_QUARANTINED,	/* rejected; kept with its reason */
	STORE_OB_NSTATES
};
/* "pending", ... (static strings). */
const char	*store_ob_state_name(enum store_ob_state s);

/*
 * What leaves first (docs/sync.md): every statement has a class, and
 * senders take pending rows by class, then in creation order. Quiz
 * results, attempts, module and course completions and 70:20:10 entries
 * are STORE_OB_FIRST; page reads, answers and reviews STORE_OB_LATER.
 * An attempt's start and its result are both FIRST, so a result never
 * leaves before its attempt; its answers may follow it.
 */
enum store_ob_prio {
	STORE_OB_FIRST = 0,
	STORE_OB_LATER = 1
};
/* The class of an event kind of the journal ("result", "page", ...). */
enum store_ob_prio store_ob_prio_of(const char *kind);
/*
 * The sending order of a row as one number: prio * STORE_OB_KEY_PRIO +
 * seq. Rows are visited in this order, and paged with the last key seen.
 */
#define STORE_OB_KEY_PRIO	((int64_t)1 << 40)

/* Count rows in each state into counts[STORE_OB_NSTATES]. */
int		 store_outbox_counts(struct store *st,
		     int64_t counts[STORE_OB_NSTATES], struct err *e);

/* One outbox row; every pointer is borrowed and valid only in the callback. */
struct store_outbox_row {
	int64_t			 seq;	/* creation order */
	int64_t			 key;	/* sending order (STORE_OB_KEY_PRIO) */
	const char		*stmt_id;
	const char		*json;
	size_t			 json_len;
	time_t			 created;
	enum store_ob_state	 state;
	int			 attempts;
	const char		*last_error;	/* "" if none */
	time_t			 next_try;
	time_t			 delivered;	/* 0 = not yet */
	time_t			 quarantined;	/* 0 = not */
};

/*
 * Call 'fn' for at most 'limit' pending rows due at 'now' (next_try <=
 * now) with key > after_key, in sending order (class, then creation),
 * one row in memory at a time. 'fn' returns 0 to go on or non-zero to stop, and must not call
 * back into the store (collect the ids, then mark them). Returns the
 * number of rows visited, or -1.
 */
int		 store_outbox_pending(struct store *st, time_t now,
		     int64_t after_key, int limit,
		     int (*fn)(const struct store_outbox_row *, void *),
		     void *arg, struct err *e);
/*
 * Call 'fn' for every row in state 's' (quarantined, conflict, ...),
 * oldest first. Same rules as store_outbox_pending().
 */
int		 store_outbox_list(struct store *st, enum store_ob_state s,
		     int (*fn)(const struct store_outbox_row *, void *),
		     void *arg, struct err *e);

/* Mark statements delivered at 'now' (one transaction). */
int		 store_outbox_delivered(struct store *st,
		     const char *const *ids, size_t n, time_t now,
		     struct err *e);
/* Put one statement in state STORE_OB_CONFLICT or _QUARANTINED. */
int		 store_outbox_set_state(struct store *st, const char *id,
		     enum store_ob_state s, const char *reason, time_t now,
		     struct err *e);
/*
 * After a failed try: attempts++, last_error, next try at 'next_try'; the
 * rows' claims are given up (another sender may take them).
 */
int		 store_outbox_retry(struct store *st, const char *const *ids,
		     size_t n, time_t next_try, const char *error,
		     struct err *e);

/*
 * Claims: two senders on one progress file (the app and `rianru sync`)
 * never send the same statement at the same time. A sender claims the rows
 * of a batch before it sends them, under its own 'owner' id (a UUID), until
 * 'until'; a claim of a sender that crashed simply runs out.
 *
 * store_outbox_claim: in one write transaction, claim for 'owner' at most
 * 'limit' pending rows with key > after_key that no other sender holds at
 * 'now' (their claim ran out, or it is owner's), in sending order, until
 * 'until'; then call 'fn' on each as store_outbox_pending() does. Sets
 * *others (may be NULL) to how many pending rows other senders hold at
 * 'now'. Returns the number of rows claimed, or -1 and *e.
 */
int		 store_outbox_claim(struct store *st, const char *owner,
		     time_t now, time_t until, int64_t after_key, int limit,
		     int (*fn)(const struct store_outbox_row *, void *),
		     void *arg, int64_t *others, struct err *e);
/* Hold every claim of 'owner' until 'until' (a request goes on). */
int		 store_outbox_claim_extend(struct store *st, const char *owner,
		     time_t until, struct err *e);
/* Give up every claim of 'owner' (the sender stops or failed). */
int		 store_outbox_release(struct store *st, const char *owner,
		     struct err *e);

/*
 * The outcome of the last run of each kind ("push": sending), kept for
 * `rianru sync --status` whoever ran it.
 */
struct store_sync_run {
	char	what[8];	/* "push", "pull" */
	time_t	at;		/* when it ended */
	char	outcome[16];	/* delivered, nothing, offline, failed, ... */
	int64_t	sent;		/* statements delivered (or fetched) */
	int64_t	set_aside;	/* conflicts and quarantined in the run */
	int64_t	pending;	/* still pending when it ended */
	char	error[256];	/* "" = none */
	int	clock_known;	/* the LRS said its time (Date); saving a run
				 * that did not hear it keeps the last one */
	long	clock_offset;	/* the LRS's clock minus this one's, s */
	int64_t	bytes;		/* request bodies sent (the LRS budget) */
};
/* Replace the record of the last run of r->what. */
int		 store_sync_run_save(struct store *st,
		     const struct store_sync_run *r, struct err *e);
/*
 * Read the last run of 'what' into *r. Returns 1, 0 when no run of that
 * kind was recorded (or the file predates the record), or -1 and *e.
 */
int		 store_sync_run_load(struct store *st, const char *what,
		     struct store_sync_run *r, struct err *e);
/*
 * Put quarantined and conflicting statements back to pending with a fresh
 * attempt count ('id' NULL: all of them). Sets *n (may be NULL) to how
 * many moved.
 */
int		 store_outbox_requeue(struct store *st, const char *id,
		     size_t *n, struct err *e);

#endif
