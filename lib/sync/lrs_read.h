#ifndef LRS_READ_H
#define LRS_READ_H

#include <stdint.h>

/*
 * Reading a whole population's quiz statements back from the LRS, for
 * item analysis (`rianru stats --from-lrs`, docs/stats.md). Unlike the
 * pull (pull.h), which asks for one officer's statements to merge into
 * this machine's progress file, this asks with no agent, by activity:
 *
 *   GET statements?activity=<activity_base>/course/<id>
 *       &related_activities=true&verb=<v>&ascending=true&limit=500
 *
 * for each verb item analysis needs (attempted, answered, passed, failed,
 * completed), following 'more' to the end. Every statement of an account
 * at 'homepage' is merged (pull_merge_json()) under that officer into a
 * store the caller gives: a private one (STORE_MEMORY), so nothing read
 * ever mixes with this machine's progress. The key needs statements read
 * for the whole store (docs/sync.md, "What the LRS key needs").
 *
 * Blocking, one request at a time: for the command line.
 */

struct err;
struct store;
struct transport;

/* What a read found, added to by each lrs_read_course(). */
struct lrs_read_counts {
	int64_t	seen;		/* statements the LRS returned */
	int64_t	merged;		/* new to the store (the same statement can
				 * come under two verbs' queries: once) */
	int64_t	foreign;	/* another agency's accounts, or no account:
				 * left out */
	int64_t	bad;		/* statements rianru could not read */
};

/*
 * Read the statements about course 'course_id' (below 'activity_base')
 * through 't' (borrowed; t->wait is used when set), within 'max_seconds'
 * in all, and merge them into 'st', adding officers as their accounts are
 * met (code = account name, group "other"). Counts go to *c. Returns 0, or
 * -1 and *e: the LRS unreachable or out of time, the key not allowed to
 * read (401/403), an answer that is not a statement result, a store
 * error. What was merged before a failure stays in 'st'.
 */
int	lrs_read_course(struct store *st, const struct transport *t,
	    const char *homepage, const char *activity_base,
	    const char *course_id, int max_seconds, struct lrs_read_counts *c,
	    struct err *e);

#endif
