/*
 * FSRS-5 against values worked out by hand from the published formulas
 * and default weights (learn/fsrs.h). Each expected number comes with its
 * arithmetic; intermediate values are rounded to 7 or 8 significant
 * digits, so results are compared to 1e-6.
 *
 * Weights: w0 0.40255  w1 1.18385  w2 3.173   w3 15.69105  w4 7.1949
 * w5 0.5345  w6 1.4604  w7 0.0046  w8 1.54575  w9 0.1192  w10 1.01925
 * w11 1.9395  w12 0.11  w13 0.29605  w14 2.2698  w15 0.2315  w16 2.9898
 * w17 0.51655  w18 0.6621; FACTOR 19/81, DECAY -0.5.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>

#include "learn/fsrs.h"

#define EPS	1e-6
/* 2026-12-05 10:00:00 in Bangkok (UTC+7, no daylight saving). */
#define T0	((time_t)1796439600)
#define DAY	((time_t)86400)

static struct fsrs_params	p;

static void
setup(void)
{
	setenv("TZ", "Asia/Bangkok", 1);
	tzset();
	fsrs_params_default(&p);
}

TestSuite(fsrs, .init = setup);

Test(fsrs, retrievability)
{
	/* R(S, S) = (1 + 19/81)^-0.5 = (100/81)^-0.5 = 9/10 */
	cr_assert_float_eq(fsrs_retrievability(5, 5), 0.9, EPS);
	/* R(0, S) = 1^-0.5 = 1 */
	cr_assert_float_eq(fsrs_retrievability(0, 3), 1.0, EPS);
	/* R(10, 5) = (1 + 19/81 * 2)^-0.5 = (119/81)^-0.5 = 9 / sqrt(119)
	 * = 9 / 10.908712 = 0.8250286 */
	cr_assert_float_eq(fsrs_retrievability(10, 5), 0.8250286, EPS);
}

Test(fsrs, interval)
{
	/* at r = 0.9: 0.9^(1/-0.5) - 1 = 1/0.81 - 1 = 19/81, so I = S */
	cr_assert_float_eq(fsrs_interval_days(&p, 3.4962271), 3.4962271, EPS);
	cr_assert_eq(fsrs_interval(&p, 3.4962271), 3);
	/* S0(again) = 0.40255 days rounds to 0: at least one day */
	cr_assert_eq(fsrs_interval(&p, 0.40255), 1);
	/* r = 0.8: 10 / (19/81) * (0.8^-2 - 1) = 10 * 81/19 * 0.5625
	 * = 455.625 / 19 = 23.980263 -> 24 */
	cr_assert_eq(fsrs_params_retention(&p, 0.8), 0);
	cr_assert_float_eq(fsrs_interval_days(&p, 10), 23.980263, EPS);
	cr_assert_eq(fsrs_interval(&p, 10), 24);
	/* capped at 36500 days */
	cr_assert_eq(fsrs_interval(&p, 1e6), FSRS_MAX_INTERVAL);
	/* targets outside 0.5 .. 0.99 are refused and change nothing */
	cr_assert_eq(fsrs_params_retention(&p, 1.0), -1);
	cr_assert_eq(fsrs_params_retention(&p, 0.2), -1);
	cr_assert_float_eq(p.retention, 0.8, EPS);
}

Test(fsrs, first_review)
{
	/* S0(G) = w[G-1] */
	cr_assert_float_eq(fsrs_init_stability(&p, FSRS_AGAIN), 0.40255, EPS);
	cr_assert_float_eq(fsrs_init_stability(&p, FSRS_EASY), 15.69105, EPS);
	/* D0(1) = 7.1949 - e^0 + 1 = 7.1949 */
	cr_assert_float_eq(fsrs_init_difficulty(&p, FSRS_AGAIN), 7.1949, EPS);
	/* D0(3) = 7.1949 - e^(0.5345 * 2) + 1 = 8.1949 - 2.9124656
	 * = 5.2824344 */
	cr_assert_float_eq(fsrs_init_difficulty(&p, FSRS_GOOD), 5.2824344,
	    EPS);
	/* D0(4) = 8.1949 - e^(0.5345 * 3) = 8.1949 - 4.9703984 = 3.2245016 */
	cr_assert_float_eq(fsrs_init_difficulty(&p, FSRS_EASY), 3.2245016,
	    EPS);
}

Test(fsrs, next_difficulty)
{
	/* G = 1 at D = 7.1949: dD = -1.4604 * (1 - 3) = 2.9208;
	 * D' = 7.1949 + 2.9208 * (10 - 7.1949) / 9 = 7.1949 + 0.9103485
	 * = 8.1052485;
	 * D'' = 0.0046 * 3.2245016 + 0.9954 * 8.1052485
	 *     = 0.0148327 + 8.0679644 = 8.0827971 */
	cr_assert_float_eq(fsrs_next_difficulty(&p, 7.1949, FSRS_AGAIN),
	    8.0827971, EPS);
	/* G = 3: dD = 0, D'' = 0.0148327 + 0.9954 * 7.1949 = 7.1766362 */
	cr_assert_float_eq(fsrs_next_difficulty(&p, 7.1949, FSRS_GOOD),
	    7.1766362, EPS);
	/* clamped: G = 4 at D = 1 gives 1 + (-1.4604) * 9/9 -> below 1 */
	cr_assert_float_eq(fsrs_next_difficulty(&p, 1, FSRS_EASY), 1.0, EPS);
}

Test(fsrs, recall_stability)
{
	/* D 5, S 10, R 0.9, G 3:
	 * e^1.54575 = 4.6914889; 11 - 5 = 6; 10^-0.1192 = 0.7599762;
	 * e^(1.01925 * 0.1) - 1 = 1.1073004 - 1 = 0.1073004;
	 * 4.6914889 * 6 * 0.7599762 * 0.1073004 = 2.2954264;
	 * S' = 10 * (1 + 2.2954264) = 32.954264 */
	cr_assert_float_eq(fsrs_recall_stability(&p, 5, 10, 0.9, FSRS_GOOD),
	    32.954264, 1e-5);
	/* hard: 10 * (1 + 2.2954264 * 0.2315) = 10 * 1.5313912 = 15.313912 */
	cr_assert_float_eq(fsrs_recall_stability(&p, 5, 10, 0.9, FSRS_HARD),
	    15.313912, 1e-5);
	/* easy: 10 * (1 + 2.2954264 * 2.9898) = 10 * 7.8628659 = 78.628659 */
	cr_assert_float_eq(fsrs_recall_stability(&p, 5, 10, 0.9, FSRS_EASY),
	    78.628659, 1e-5);
}

Test(fsrs, forget_stability)
{
	/* D 5, S 10, R 0.9: 1.9395 * 5^-0.11 * (11^0.29605 - 1)
	 * * e^(2.2698 * 0.1) = 1.9395 * 0.8377478 * 1.0337816 * 1.2548048
	 * = 2.1076963 (below S, so kept) */
	cr_assert_float_eq(fsrs_forget_stability(&p, 5, 10, 0.9), 2.1076963,
	    EPS);
	/* D 1, S 0.5, R 0.5: 1.9395 * 1 * (1.5^0.29605 - 1) * e^1.1349
	 * = 1.9395 * 0.1275396 * 3.1108624 = 0.7695126 > 0.5: a lapse
	 * never raises stability, S' = 0.5 */
	cr_assert_float_eq(fsrs_forget_stability(&p, 1, 0.5, 0.5), 0.5, EPS);
}

Test(fsrs, short_term_stability)
{
	/* S 10, G 3: 10 * e^(0.51655 * (0 + 0.6621)) = 10 * e^0.3420078
	 * = 10 * 1.4077712 = 14.077712 */
	cr_assert_float_eq(fsrs_short_term_stability(&p, 10, FSRS_GOOD),
	    14.077712, 1e-5);
	/* S 10, G 1: 10 * e^(0.51655 * -1.3379) = 10 * e^-0.6910922
	 * = 10 * 0.5010285 = 5.010285 */
	cr_assert_float_eq(fsrs_short_term_stability(&p, 10, FSRS_AGAIN),
	    5.010285, 1e-5);
}

Test(fsrs, days)
{
	/* 23:59 and 00:01 the next day, Bangkok time, are one day apart */
	time_t	late = T0 + 14 * 3600 - 60;	/* 2026-12-05 23:59 */

	cr_assert_eq(fsrs_days_between(late, late + 120), 1);
	cr_assert_eq(fsrs_days_between(T0, T0 + 3600), 0);
	cr_assert_eq(fsrs_days_between(T0 + 2 * DAY, T0), -2);
	/* end of 2026-12-05 in Bangkok: 10:00 + 14 h */
	cr_assert_eq(fsrs_day_end(T0), T0 + 14 * 3600);
}

/* A question got wrong, reviewed right two days later, then missed. */
Test(fsrs, review_sequence)
{
	struct fsrs_card	c = { 0 };

	/* new, again: D0(1) = 7.1949, S0(1) = 0.40255, due in 1 day */
	fsrs_review(&p, &c, FSRS_AGAIN, T0);
	cr_assert_float_eq(c.difficulty, 7.1949, EPS);
	cr_assert_float_eq(c.stability, 0.40255, EPS);
	cr_assert_eq(c.reps, 1);
	cr_assert_eq(c.lapses, 0);
	cr_assert_eq(c.last, T0);
	cr_assert_eq(c.due, T0 + DAY);

	/* two days later, good: t = 2;
	 * R = (1 + 19/81 * 2 / 0.40255)^-0.5 = 2.1654100^-0.5 = 0.6795633;
	 * D = 7.1766362 (next_difficulty above);
	 * e^(1.01925 * 0.3204367) - 1 = 0.3862539;
	 * 0.40255^-0.1192 = 1.1145652;
	 * S = 0.40255 * (1 + 4.6914889 * 3.8051 * 1.1145652 * 0.3862539)
	 *   = 0.40255 * (1 + 7.6851811) = 3.4962271; due in round(S) = 3 */
	fsrs_review(&p, &c, FSRS_GOOD, T0 + 2 * DAY);
	cr_assert_float_eq(c.difficulty, 7.1766362, EPS);
	cr_assert_float_eq(c.stability, 3.4962271, EPS);
	cr_assert_eq(c.reps, 2);
	cr_assert_eq(c.due, T0 + 5 * DAY);

	/* the same day, again: same-day rule,
	 * S = 3.4962271 * e^(0.51655 * (1 - 3 + 0.6621))
	 *   = 3.4962271 * 0.5010285 = 1.7517095, due in round(S) = 2 days;
	 * one lapse */
	fsrs_review(&p, &c, FSRS_AGAIN, T0 + 2 * DAY + 600);
	cr_assert_float_eq(c.stability, 1.7517095, EPS);
	cr_assert_eq(c.lapses, 1);
	cr_assert_eq(c.reps, 3);
	cr_assert_eq(c.due, T0 + 4 * DAY + 600);
}
