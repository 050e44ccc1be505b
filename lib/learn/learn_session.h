#ifndef LEARN_SESSION_H
#define LEARN_SESSION_H

#include <stddef.h>
#include <time.h>

#include "learn/fsrs.h"
#include "store/store.h"
#include "store/store_event.h"
#include "store/store_officer.h"
#include "sync/xapi.h"

/*
 * What quizzes (learn.h) and reviews (review.h) both work on: the
 * officer's session with its clock, and an attempt in progress, which is
 * a quiz attempt or a review session. A file of its own so that learn.c
 * calls review.c (a miss is noted for review, a review answer recorded)
 * and review.c, building a review session, needs nothing of learn.c.
 */

struct attempt_plan;
struct attempt_score;
struct course;
struct module;
struct store_review;

struct learn {
	struct store		*st;		/* borrowed */
	struct store_officer	 officer;
	struct xapi_ctx		 x;		/* strings borrowed */
	time_t			 (*now)(void);	/* NULL: time(NULL) */
	struct fsrs_params	 fsrs;		/* review scheduling (review.h) */
};

/*
 * Set up a session for officer 'o' (copied), with FSRS's default
 * parameters for review.
 */
void	learn_init(struct learn *l, struct store *st,
	    const struct store_officer *o, const char *homepage,
	    const char *activity_base, const char *lang);

/*
 * What sync measured of this machine's clock ('known': the LRS said its
 * time; 'offset': the LRS's clock minus ours, seconds). Off by more than
 * SYNC_CLOCK_SLACK, the statements made from now on carry the offset
 * (xapi_ctx.clock_offset); within it, none. learn_init() starts from the
 * last run recorded in the progress file.
 */
void	learn_clock(struct learn *l, int known, long offset);
/* The session's clock: l->now, or time(NULL). */
time_t	learn_now(const struct learn *l);

/* A quiz attempt or a review session in progress. */
struct learn_attempt {
	const struct course	*c;
	const struct module	*m;
	struct store_attempt	 a;		/* a.order is the plan */
	struct attempt_plan	*plan;
	char			**responses;	/* per plan question; NULL = none */
	struct attempt_score	*shown;		/* per plan question: the score
						 * the officer was told */
	const struct attempt_score **recorded;	/* &shown[i] once answered */
	struct timespec		*shown_at;	/* per plan question: when it
						 * was put on screen; 0 = not */
	size_t			 n;
	int			 restarted;	/* the open attempt no longer fit
						 * the quiz: this one is new */
	struct store_review	*review;	/* a review session (review.h):
						 * the row of each plan question;
						 * NULL in a quiz attempt */
};

/* Size la's per-question arrays for la->plan (la->n its questions). */
void	learn_attempt_alloc(struct learn_attempt *la);
/* Free an attempt with what it owns (not c and m); NULL is fine. */
void	learn_attempt_free(struct learn_attempt *la);

#endif
