#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "content/course.h"
#include "report/stats.h"

#define EPS	1e-9

/*
 * The fixed data set: five attempts at three one-point items.
 *
 *	attempt  item1 item2 item3  total (T)
 *	a1       1     1     1      3
 *	a2       1     1     0      2
 *	a3       1     0     1      2      (a tie with a2)
 *	a4       1     0     0      1
 *	a5       0     0     0      0
 */
static const double fixed_x[] = {
	1, 1, 1,
	1, 1, 0,
	1, 0, 1,
	1, 0, 0,
	0, 0, 0,
};
static const double one_point[] = { 1, 1, 1 };

Test(stats, test_figures_by_hand)
{
	struct stats_matrix	m = { 5, 3, fixed_x, one_point };
	struct stats_test	t;
	struct stats_item	it[3];

	stats_compute(&m, &t, it);
	cr_assert_eq(t.n, 5);
	/* scores T/3: 1, 2/3, 2/3, 1/3, 0; mean (3+2+2+1+0)/15 = 8/15 */
	cr_assert_float_eq(t.mean, 8.0 / 15, EPS);
	/* sorted 0, 1/3, 2/3, 2/3, 1: the middle one */
	cr_assert_float_eq(t.median, 2.0 / 3, EPS);
	/*
	 * T deviations from 1.6: 1.4 .4 .4 -.6 -1.6; squares 1.96 .16 .16
	 * .36 2.56 = 5.2; var T = 5.2/4 = 1.3; sd of T/3 = sqrt(1.3)/3
	 */
	cr_assert_float_eq(t.sd, sqrt(1.3) / 3, EPS);
	/*
	 * Item variances (n - 1): item1 mean .8, .04*4 + .64 = .8 / 4 = .2;
	 * items 2 and 3 mean .4, .36*2 + .16*3 = 1.2 / 4 = .3 each.
	 * alpha = 3/2 * (1 - (.2 + .3 + .3) / 1.3) = 1.5 * .5/1.3 = 15/26
	 */
	cr_assert_float_eq(t.alpha, 15.0 / 26, EPS);
	/* SE = sd * sqrt(1 - alpha) = sqrt(1.3)/3 * sqrt(11/26) */
	cr_assert_float_eq(t.se, sqrt(1.3) / 3 * sqrt(11.0 / 26), EPS);
}

Test(stats, item_figures_by_hand)
{
	struct stats_matrix	m = { 5, 3, fixed_x, one_point };
	struct stats_test	t;
	struct stats_item	it[3];

	stats_compute(&m, &t, it);
	/* item1: facility 4/5, sd sqrt(.2) */
	cr_assert_eq(it[0].n, 5);
	cr_assert_float_eq(it[0].facility, 0.8, EPS);
	cr_assert_float_eq(it[0].sd, sqrt(0.2), EPS);
	/*
	 * Rest of the test for item1 (T - x1, out of 2): 2 1 1 0 0 (/2).
	 * In points: x dev .2 .2 .2 .2 -.8, rest dev 1.2 .2 .2 -.8 -.8;
	 * cov = (.24 + .04 + .04 - .16 + .64) / 4 = .2; var rest = (1.44 +
	 * .04 + .04 + .64 + .64) / 4 = .7; r = .2 / sqrt(.2 * .7).
	 * Scaling the rest by 1/2 does not change r.
	 */
	cr_assert_float_eq(it[0].disc, 0.2 / sqrt(0.2 * 0.7), EPS);
	/*
	 * Sorted x 0 1 1 1 1 and sorted rest 0 0 1 1 2 pair as the data
	 * already does: cov max = cov, so DE = 1.
	 */
	cr_assert_float_eq(it[0].de, 1, EPS);
	/*
	 * item2: x 1 1 0 0 0, rest 2 1 2 1 0. x dev .6 .6 -.4 -.4 -.4, rest
	 * dev .8 -.2 .8 -.2 -1.2: cov = (.48 - .12 - .32 + .08 + .48)/4 =
	 * .15; var x .3, var rest (.64+.04+.64+.04+1.44)/4 = .7;
	 * r = .15 / sqrt(.21). Sorted: x 0 0 0 1 1, rest 0 1 1 2 2: cov max
	 * = (.48 + .08 + .08 + .48 + .48)/4 = .4, DE = .15/.4 = .375.
	 */
	cr_assert_float_eq(it[1].facility, 0.4, EPS);
	cr_assert_float_eq(it[1].sd, sqrt(0.3), EPS);
	cr_assert_float_eq(it[1].disc, 0.15 / sqrt(0.21), EPS);
	cr_assert_float_eq(it[1].de, 0.375, EPS);
	/* item3 has the same column pattern against its rest */
	cr_assert_float_eq(it[2].disc, 0.15 / sqrt(0.21), EPS);
	cr_assert_float_eq(it[2].de, 0.375, EPS);
}

Test(stats, ties_at_the_median_join_neither_half)
{
	struct stats_matrix	m = { 5, 3, fixed_x, one_point };
	int			half[5];

	/* median total 2: a1 (3) strong; a4 (1), a5 (0) weak; a2, a3 tied */
	stats_halves(&m, half);
	cr_assert_eq(half[0], 1);
	cr_assert_eq(half[1], 0);
	cr_assert_eq(half[2], 0);
	cr_assert_eq(half[3], -1);
	cr_assert_eq(half[4], -1);
}

Test(stats, even_count_median_is_the_mean_of_the_middle_two)
{
	double	v[] = { 4, 1, 3, 2 };

	cr_assert_float_eq(stats_median(v, 4), 2.5, EPS);
	cr_assert(isnan(stats_median(v, 0)));
}

Test(stats, one_attempt_gives_no_spread_and_no_flags)
{
	static const double	x[] = { 1, 0 };
	static const double	max[] = { 2, 1 };
	struct stats_matrix	m = { 1, 2, x, max };
	struct stats_test	t;
	struct stats_item	it[2];

	stats_compute(&m, &t, it);
	cr_assert_eq(t.n, 1);
	/* 2 points of 3 */
	cr_assert_float_eq(t.mean, 2.0 / 3, EPS);
	cr_assert_float_eq(t.median, 2.0 / 3, EPS);
	cr_assert(isnan(t.sd) && isnan(t.alpha) && isnan(t.se));
	cr_assert_float_eq(it[0].facility, 1, EPS);
	cr_assert(isnan(it[0].sd) && isnan(it[0].disc) && isnan(it[0].de));
	cr_assert_eq(stats_flags(&it[1], 0, 1), 0);
}

Test(stats, weighted_items_and_questions_not_asked)
{
	/*
	 * Item 2 is worth 3 points; attempt 3 was not asked item 1 (a draw).
	 * Totals: a1 (1 + 3)/4, a2 (0 + 1.5)/4, a3 3/3 (item 1 left out).
	 */
	static const double	x[] = { 1, 1,  0, 0.5,  NAN, 1 };
	static const double	max[] = { 1, 3 };
	struct stats_matrix	m = { 3, 2, x, max };
	struct stats_test	t;
	struct stats_item	it[2];

	stats_compute(&m, &t, it);
	cr_assert_float_eq(t.mean, (1 + 1.5 / 4 + 1) / 3, EPS);
	/* not everyone was asked every item: no alpha */
	cr_assert(isnan(t.alpha));
	cr_assert_eq(it[0].n, 2);
	cr_assert_eq(it[1].n, 3);
	cr_assert_float_eq(it[1].facility, 2.5 / 3, EPS);
	/* a3 has no rest of the test for item 2, so 2 pairs: r = 1 */
	cr_assert_float_eq(it[1].disc, 1, EPS);
}

Test(stats, flags_with_reasons_and_minimum_n)
{
	struct stats_item	easy = { 30, 0.95, 0.2, 0.3, 0.5 };
	struct stats_item	hard = { 30, 0.1, 0.3, 0.3, 0.5 };
	struct stats_item	neg = { 30, 0.5, 0.5, -0.2, -0.3 };
	struct stats_item	weak = { 30, 0.5, 0.5, 0.05, 0.1 };
	struct stats_item	guessy = { 30, 0.3, 0.5, 0.3, 0.5 };

	cr_assert_eq(stats_flags(&easy, 0.25, 10), STATS_EASY);
	cr_assert_eq(stats_flags(&easy, 0.25, 31), 0);
	cr_assert_eq(stats_flags(&hard, 0.25, 10), STATS_HARD);
	cr_assert_eq(stats_flags(&neg, 0.25, 10), STATS_NEGATIVE);
	cr_assert_eq(stats_flags(&weak, 0.25, 10), STATS_WEAK);
	/* a true-false item at 30% is below guessing (50%) */
	cr_assert_eq(stats_flags(&guessy, 0.5, 10), STATS_HARD);
	cr_assert_eq(stats_flags(&guessy, 0.25, 10), 0);
	cr_assert_str_eq(stats_flag_reason(STATS_WEAK, LANG_EN),
	    "discriminates badly: those who know the topic do hardly better "
	    "on it than those who do not");
	cr_assert_neq(strlen(stats_flag_reason(STATS_EASY, LANG_TH)), 0);
}

Test(stats, random_guess_scores)
{
	struct choice	 ch[4];
	struct question	 q;

	memset(&q, 0, sizeof q);
	memset(ch, 0, sizeof ch);
	q.choices = ch;
	q.nchoices = 4;
	q.type = Q_CHOICE;
	ch[1].correct = 1;
	cr_assert_float_eq(stats_guess(&q), 0.25, EPS);
	q.type = Q_TRUE_FALSE;
	cr_assert_float_eq(stats_guess(&q), 0.5, EPS);
	/* multiple, all or nothing, 2 right of 4: one subset of 16 */
	q.type = Q_MULTIPLE;
	ch[2].correct = 1;
	cr_assert_float_eq(stats_guess(&q), 1.0 / 16, EPS);
	/*
	 * partial: (right - wrong)/2 over the 16 subsets, counted by
	 * (right picked, wrong picked) with their number of subsets:
	 * (1,0) 2 subsets * 1/2, (2,0) 1 * 1, (2,1) 2 * 1/2; the rest score
	 * 0. (1 + 1 + 1) / 16 = 3/16.
	 */
	q.scoring = SCORING_PARTIAL;
	cr_assert_float_eq(stats_guess(&q), 3.0 / 16, EPS);
	q.type = Q_MATCHING;
	q.npairs = 3;
	cr_assert_float_eq(stats_guess(&q), 1.0 / 6, EPS);
	q.type = Q_FILL_IN;
	cr_assert_float_eq(stats_guess(&q), 0, EPS);
}
