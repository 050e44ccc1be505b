#ifndef STORE_REVIEW_H
#define STORE_REVIEW_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * The review set (lib/store/store_review.c): the questions an officer
 * missed, each with its FSRS memory state (learn/fsrs.h) and when it is
 * due, and the log of reviews. Rows are keyed by officer, course, quiz
 * and question id. The store keeps what learn/review.c decides; its one
 * rule is the grade an answer earns (store_review_grade()), which the
 * merge of pulled reviews needs too. Review answers never touch attempts,
 * answers, results or certificates. The rules of store.h apply.
 */

struct store_review {
	int64_t	officer_id;
	char	course_id[STORE_ID_MAX];
	char	quiz_id[STORE_ID_MAX];
	char	question_id[STORE_ID_MAX];
	char	qhash[65];	/* the question as it was scheduled */
	double	difficulty;	/* FSRS state, see struct fsrs_card */
	double	stability;
	int	reps;
	int	lapses;
	time_t	last;		/* last review (or the miss it came from) */
	time_t	due;
	time_t	added;		/* when it entered the set */
};

/* What the officer answered in one review. */
struct store_review_answer {
	const char	*response;	/* xAPI response syntax, borrowed */
	int		 correct;
	int		 grade;		/* enum fsrs_grade, 1..4 */
	time_t		 at;
};

/*
 * The grade (enum fsrs_grade, learn/fsrs.h) a review answer earns: right
 * 3 (good), wrong with some points 2 (hard), wrong 1 (again).
 * learn_review_answer() grades with it, and the merge of a review pulled
 * from another machine (store_pull.h) logs the same grade.
 */
int	store_review_grade(int correct, double points);

/*
 * Put 'r' into the set, replacing the row with the same key (its whole
 * state: a restarted schedule). Keeps the first 'added' of a replaced
 * row. No statement: entering the set is not an event of its own (the
 * missed answer has its statement).
 */
int	store_review_put(struct store *st, const struct store_review *r,
	    struct err *e);

/* The row of one question: 0 and *r, 1 when it is not in the set, -1. */
int	store_review_get(struct store *st, int64_t officer_id,
	    const char *course_id, const char *quiz_id,
	    const char *question_id, struct store_review *r, struct err *e);

/*
 * The officer's rows due before 'before' (0: every row), soonest first,
 * then by course, quiz and question id; 'course_id' narrows them when not
 * NULL. A new array the caller frees with free(); NULL when none.
 */
int	store_review_list(struct store *st, int64_t officer_id,
	    const char *course_id, time_t before, struct store_review **list,
	    size_t *n, struct err *e);

/*
 * Record one review: the row's new state 'r' (it must be in the set),
 * the answer in the review log, and its "reviewed" statement ('stmt'
 * required) in the journal and the outbox, in one transaction.
 */
int	store_review_record(struct store *st, const struct store_review *r,
	    const struct store_review_answer *a,
	    const struct store_stmt *stmt, struct err *e);

/*
 * Take a question out of the set (its quiz no longer has it, or its
 * course turned review off); its review log stays. Removing a row that
 * is not there is fine.
 */
int	store_review_remove(struct store *st, int64_t officer_id,
	    const char *course_id, const char *quiz_id,
	    const char *question_id, struct err *e);

/* Reviews logged for the officer ('officer_id' 0: everyone). */
int	store_review_logged(struct store *st, int64_t officer_id,
	    int64_t *n, struct err *e);

#endif
