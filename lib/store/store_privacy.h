#ifndef STORE_PRIVACY_H
#define STORE_PRIVACY_H

#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * What the progress file holds about one officer, for Thailand's Personal
 * Data Protection Act (docs/privacy.md): all of it read out, erased, and
 * answer details pruned after the agency's retention period
 * (store_privacy.c). The rules at the top of store/store.h apply.
 */

enum store_cell_type { STORE_CELL_NULL, STORE_CELL_INT, STORE_CELL_REAL,
    STORE_CELL_TEXT };

/* One column of a row; every pointer borrowed for the callback only. */
struct store_cell {
	const char		*name;
	enum store_cell_type	 type;
	int64_t			 i;
	double			 d;
	const char		*s;
};

/*
 * Call fn(arg, table, cells, n) for every row about officer 'officer_id':
 * their officer row, enrolments, module progress, attempts and their
 * answers, learning events and their statements (the outbox), the
 * 70:20:10 log, certificates, the review set and its log, in that order.
 * The PIN's and first-login code's hashes are given as the text "set"
 * (or NULL), never themselves. fn returns 0 to go on, -1 to stop (then
 * this returns -1 with whatever fn put in *e). Returns 0, or -1 and *e.
 */
int	store_officer_data(struct store *st, int64_t officer_id,
	    int (*fn)(void *arg, const char *table,
	    const struct store_cell *cells, int n, struct err *e),
	    void *arg, struct err *e);

/* What store_officer_erase() did. */
struct store_erase {
	char	code[64];	/* the officer's code now: "erased-ID" */
	int64_t	answers;	/* answers and reviews deleted */
	int64_t	delivered;	/* statements the LRS already has */
	int64_t	pending;	/* statements not sent, deleted */
};

/*
 * Erase officer 'officer_id' in one transaction: their answers, review
 * set and log, the reflections of their 70:20:10 log and every statement
 * (sent or not) naming them are deleted; their officer row stays, with
 * code "erased-ID", name "-", no PIN, code or notice time, so the
 * agency's counts (enrolled, completed, passed, hours by group, agency
 * and course; certificates issued) stay as they were. Statements already
 * delivered are counted in *out: the LRS holds them under the old code.
 * Returns 0, or -1 and *e (nothing changed).
 */
int	store_officer_erase(struct store *st, int64_t officer_id,
	    struct store_erase *out, struct err *e);

/*
 * Retention: delete the answer details (each answer's response and the
 * review log's) of attempts and reviews finished before 'before', once
 * their statements were delivered, with those statements: results,
 * completions and certificates stay. *pruned (may be NULL) gets how many
 * answers and reviews went. Returns 0, or -1 and *e (nothing changed).
 */
int	store_prune_answers(struct store *st, time_t before, int64_t *pruned,
	    struct err *e);

/*
 * The configuration's 'retention: MONTHS' applied at 'now': prune what
 * store_prune_answers() prunes, older than that many months (of 30.44
 * days). 0 months keeps everything and does nothing. Returns 0, or -1
 * and *e.
 */
int	store_retention_apply(struct store *st, int months, time_t now,
	    int64_t *pruned, struct err *e);

#endif
