#ifndef STORE_PULL_H
#define STORE_PULL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * Progress pulled back from the LRS: statements this officer made on other
 * machines, merged into the progress file (docs/sync.md, "Pulling progress
 * back"). The rules:
 * - statements are facts: merging one twice changes nothing (the event
 *   journal holds every statement id made or merged here);
 * - nothing pulled overwrites or deletes what this machine recorded: a
 *   merge only adds rows, fills what is empty (a module not yet done, a
 *   course not yet completed), moves a resume point that no page read
 *   here set, or finishes an attempt that came from elsewhere;
 * - attempts from elsewhere are marked remote: they count for limits,
 *   best scores, completion, plans, reports and certificates like any
 *   other, but an open one is never resumed here (store_attempt_open());
 * - nothing pulled goes into the outbox: the LRS has it already;
 * - reviews follow the officer: a pulled miss (an answer with success
 *   false) puts its question in the review set when it is not there yet,
 *   as a row with an empty question hash, new, last reviewed at the miss
 *   and due a day later, which learn_review_sync() (learn/review.h)
 *   schedules as a miss there; a pulled review replaces the row's FSRS
 *   state only when it is newer than the row's last review (a later
 *   review wins, wherever it was made), and adds to the review log.
 */

enum store_pull_kind {
	STORE_PULL_PAGE,	/* experienced a page */
	STORE_PULL_ATTEMPT,	/* attempted a quiz */
	STORE_PULL_ANSWER,	/* answered a question of an attempt */
	STORE_PULL_RESULT,	/* passed / failed / completed a quiz */
	STORE_PULL_MODULE,	/* completed a module */
	STORE_PULL_COURSE,	/* completed a course */
	STORE_PULL_LOG,		/* a 70:20:10 entry */
	STORE_PULL_REVIEW	/* reviewed a missed question */
};

/*
 * One statement as the merge needs it (strings borrowed; NULL = absent).
 * Which fields are read depends on 'kind'.
 */
struct store_pulled {
	enum store_pull_kind	 kind;
	const char		*stmt_id;	/* all */
	int64_t			 officer_id;	/* all */
	time_t			 at;		/* all: when it happened */
	const char		*course_id;	/* all but LOG */
	const char		*module_id;	/* PAGE, MODULE */
	const char		*page_id;	/* PAGE */
	const char		*quiz_id;	/* ATTEMPT, ANSWER, RESULT,
						 * REVIEW */
	const char		*registration;	/* ATTEMPT, ANSWER, RESULT */
	const char		*course_version; /* ATTEMPT ("" = unknown) */
	const char		*content_hash;	/* ATTEMPT ("" = unknown) */
	const char		*question_id;	/* ANSWER, REVIEW */
	const char		*response;	/* ANSWER, REVIEW; LOG
						 * reflection */
	int			 success;	/* ANSWER, REVIEW correct
						 * (-1: not said); RESULT
						 * passed (-1: no pass mark) */
	double			 raw, max;	/* ANSWER, RESULT, REVIEW */
	double			 hours;		/* COURSE credited hours */
	int			 passed;	/* COURSE: passed (0 unknown) */
	const char		*log_kind;	/* LOG "practice", "coaching" */
	const char		*area;		/* LOG skill area id */
	int			 minutes;	/* LOG */
	const char		*day;		/* LOG YYYY-MM-DD */
	/* REVIEW: the FSRS state after it (store_review.h) */
	double			 difficulty, stability;
	int			 reps, lapses;
	time_t			 due;
	const char		*qhash;		/* "" / NULL = not said */
};

/*
 * Merge one pulled statement in one transaction. Returns 1 merged, 0 known
 * already (made here or merged before: nothing changes), -1 and *e (a bad
 * field; nothing changes).
 */
int	store_pull_merge(struct store *st, const struct store_pulled *p,
	    struct err *e);

/*
 * Where the next pull of an officer starts: the LRS's 'stored' time of the
 * newest statement seen (a timestamp string, "" = from the start) into
 * since[len]. Returns 0, or -1 and *e.
 */
int	store_pull_since(struct store *st, int64_t officer_id, char *since,
	    size_t len, struct err *e);
/* Remember 'since' for the officer's next pull. */
int	store_pull_set_since(struct store *st, int64_t officer_id,
	    const char *since, time_t now, struct err *e);

#endif
