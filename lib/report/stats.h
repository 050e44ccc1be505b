#ifndef STATS_H
#define STATS_H

#include <stddef.h>

#include "content/course.h"

/*
 * Item analysis: the figures Moodle's quiz statistics report, as pure
 * arithmetic over a matrix of scores (no store, no content files). What
 * each figure means for a trainer is in docs/stats.md; how they are
 * gathered from the progress file is in stats_report.h.
 *
 * A figure that cannot be computed (a standard deviation of one attempt,
 * a correlation with a constant) is NAN, never a made-up 0.
 */

/*
 * Scores of 'n' attempts at 'k' items. x[a * k + i] is the score of item
 * i in attempt a as a fraction of the item's maximum (0..1), or NAN when
 * the item was not asked in that attempt (a quiz that draws questions).
 * max[i] is item i's maximum in points (> 0). Both borrowed.
 */
struct stats_matrix {
	size_t		 n, k;
	const double	*x;
	const double	*max;
};

/* The quiz as a whole; scores as fractions of the attempt's maximum. */
struct stats_test {
	size_t	n;		/* attempts */
	double	mean, median;
	double	sd;		/* sample standard deviation (n - 1) */
	double	alpha;		/* Cronbach's alpha; NAN unless every
				 * attempt was asked every item, k >= 2 */
	double	se;		/* standard error: sd * sqrt(1 - alpha) */
};

/* One item (question). */
struct stats_item {
	size_t	n;		/* attempts that were asked it */
	double	facility;	/* mean score, 0..1 */
	double	sd;		/* sample standard deviation of its score */
	double	disc;		/* correlation with the rest of the test */
	double	de;		/* discriminative efficiency: cov with the
				 * rest over the largest cov possible with
				 * the same scores */
};

/*
 * Compute the test figures into *t and the item figures into items[0..k).
 * Attempt totals are the points scored over the points possible of the
 * items asked. The rest of the test for item i is the same without item
 * i. Never fails.
 */
void	stats_compute(const struct stats_matrix *m, struct stats_test *t,
	    struct stats_item *items);

/*
 * Split attempts into the strong and the weak half by their total:
 * half[a] is +1 above the median total, -1 below it, and 0 at it (so
 * ties at the median join neither half, whatever order they came in).
 * 'half' has m->n entries.
 */
void	stats_halves(const struct stats_matrix *m, int *half);

/* The median of 'n' values (sorted in place); NAN when n == 0. */
double	stats_median(double *v, size_t n);

/*
 * The random-guess score of 'q': the expected score (0..1) of an officer
 * who answers at random. Choice: 1 / choices; true-false: 1/2; multiple:
 * a random subset of the choices, scored as the question is scored;
 * matching: 1 / pairs for each pair; ordering: 1 / items!; fill-in and
 * numeric: 0.
 */
double	stats_guess(const struct question *q);

enum stats_flag {
	STATS_EASY	= 1 << 0,	/* facility 90% or more */
	STATS_HARD	= 1 << 1,	/* facility under 20%, or not above
					 * the random-guess score */
	STATS_WEAK	= 1 << 2,	/* discriminative efficiency < 15% */
	STATS_NEGATIVE	= 1 << 3	/* discrimination index below 0 */
};

/* The minimum attempts before any flag is raised, unless told. */
#define STATS_MIN_N	10

/*
 * The flags of an item with random-guess score 'guess' (enum
 * stats_flag bits); none below 'min_n' attempts.
 */
unsigned	stats_flags(const struct stats_item *it, double guess,
		    size_t min_n);

/* A flag's plain reason for a trainer ("too easy: ..."), per language. */
const char	*stats_flag_reason(enum stats_flag f, enum lang lang);

#endif
