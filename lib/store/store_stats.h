#ifndef STORE_STATS_H
#define STORE_STATS_H

#include <stdint.h>

/*
 * What item analysis reads from the progress file (report/stats_report.h):
 * finished attempts with their plans and answers. Voided attempts (their
 * quiz changed under them) and open ones are left out.
 */

struct err;
struct store;

/* One answer of one finished attempt; all borrowed until the next row. */
struct store_scored_row {
	const char	*attempt_id;
	int64_t		 officer_id;
	const char	*course_id;
	const char	*quiz_id;
	const char	*order;		/* the plan (learn/attempt.h) */
	const char	*question_id;	/* NULL: an attempt with no answer */
	const char	*response;	/* "" when question_id is NULL */
	double		 points;	/* earned */
};

/*
 * Call 'fn' for every answer of every finished attempt, 'course_id' and
 * 'quiz_id' narrowing when not NULL; with 'first_only', only each
 * officer's first finished attempt at each quiz. Rows come by course,
 * quiz, then attempt (oldest first), an attempt's rows together. 'fn'
 * returning -1 stops the walk. Returns 0, or -1 and *e.
 */
int	store_scored_each(struct store *st, const char *course_id,
	    const char *quiz_id, int first_only,
	    int (*fn)(void *ctx, const struct store_scored_row *row),
	    void *ctx, struct err *e);

#endif
