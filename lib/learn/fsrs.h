#ifndef FSRS_H
#define FSRS_H

#include <time.h>

/*
 * FSRS, the Free Spaced Repetition Scheduler, version 5 (FSRS-5), as the
 * open-spaced-repetition project publishes it (the fsrs4anki wiki page
 * "The Algorithm", section FSRS-5, and the 19 default weights that its
 * libraries ship: py-fsrs, ts-fsrs, fsrs-rs). Pure functions: no I/O, no
 * allocation, the time is passed in. Review of what an officer got wrong
 * (learn/review.h) is scheduled with it.
 *
 * The memory of one question is two numbers:
 *   D  difficulty, 1..10: how hard it is to make the memory last
 *   S  stability, in days: the time for retrievability to fall from 1 to
 *      0.9
 * and the retrievability R(t, S) = (1 + FACTOR * t / S) ^ DECAY, the
 * chance of recall t days after the last review, with DECAY = -0.5 and
 * FACTOR = 0.9 ^ (1 / DECAY) - 1 = 19/81, so that R(S, S) = 0.9.
 *
 * With w = the weights w0..w18 and grade G (1 again, 2 hard, 3 good,
 * 4 easy):
 *   first review  S0(G) = w[G-1]
 *                 D0(G) = w4 - e^(w5 * (G - 1)) + 1, clamped to 1..10
 *   difficulty    dD = -w6 * (G - 3);  D' = D + dD * (10 - D) / 9
 *                 D'' = w7 * D0(4) + (1 - w7) * D', clamped to 1..10
 *   recall (G>1)  S' = S * (1 + e^w8 * (11 - D) * S^-w9
 *                       * (e^(w10 * (1 - R)) - 1) * (w15 if G = 2)
 *                       * (w16 if G = 4))
 *   lapse (G=1)   S' = min(S, w11 * D^-w12 * ((S + 1)^w13 - 1)
 *                       * e^(w14 * (1 - R)))
 *   same day      S' = S * e^(w17 * (G - 3 + w18))
 *   interval      I(r, S) = S / FACTOR * (r ^ (1 / DECAY) - 1) days,
 *                 rounded, at least 1 and at most max_interval; I = S at
 *                 the default target retention r = 0.9
 * D' uses the difficulty before the review, S' both D and S before it.
 * A review on the same local calendar day as the last one uses the same
 * day rule (FSRS-5's short-term stability) instead of recall or lapse.
 * No fuzz: a review set this small needs none, and tests stay exact.
 */

#define FSRS_NWEIGHTS		19
#define FSRS_DECAY		(-0.5)
#define FSRS_FACTOR		(19.0 / 81.0)
#define FSRS_RETENTION		0.9	/* default target retention */
#define FSRS_MAX_INTERVAL	36500	/* days */

enum fsrs_grade {
	FSRS_AGAIN = 1,
	FSRS_HARD = 2,
	FSRS_GOOD = 3,
	FSRS_EASY = 4
};

struct fsrs_params {
	double	w[FSRS_NWEIGHTS];
	double	retention;	/* target, 0 < r < 1 */
	int	max_interval;	/* days, >= 1 */
};

/* One question's memory and schedule; a plain value. */
struct fsrs_card {
	double	difficulty;	/* 1..10; 0 while new */
	double	stability;	/* days; 0 while new */
	int	reps;		/* reviews so far; 0 = new */
	int	lapses;		/* reviews graded FSRS_AGAIN after the first */
	time_t	last;		/* last review; 0 while new */
	time_t	due;		/* next review is due at this time */
};

/* Fill *p with the FSRS-5 default weights and the defaults above. */
void	fsrs_params_default(struct fsrs_params *p);

/*
 * Set 'retention' when it is a usable target (0.5 .. 0.99, what the FSRS
 * authors advise); returns 0, or -1 leaving *p alone.
 */
int	fsrs_params_retention(struct fsrs_params *p, double retention);

/* R(t, S) for t days (>= 0) since the last review and S > 0. */
double	fsrs_retrievability(double days, double stability);

/* I(r, S) unrounded, in days, for the target retention of 'p'. */
double	fsrs_interval_days(const struct fsrs_params *p, double stability);
/* I(r, S) rounded to whole days, 1 .. p->max_interval. */
int	fsrs_interval(const struct fsrs_params *p, double stability);

/* The formulas, one each (see above). 'g' must be 1..4. */
double	fsrs_init_stability(const struct fsrs_params *p, enum fsrs_grade g);
double	fsrs_init_difficulty(const struct fsrs_params *p, enum fsrs_grade g);
double	fsrs_next_difficulty(const struct fsrs_params *p, double d,
	    enum fsrs_grade g);
double	fsrs_recall_stability(const struct fsrs_params *p, double d,
	    double s, double r, enum fsrs_grade g);
double	fsrs_forget_stability(const struct fsrs_params *p, double d,
	    double s, double r);
double	fsrs_short_term_stability(const struct fsrs_params *p, double s,
	    enum fsrs_grade g);

/*
 * Whole local calendar days from 'from' to 'to' (negative when 'to' is
 * earlier), in the time zone of the process (TZ).
 */
long	fsrs_days_between(time_t from, time_t to);

/*
 * Review card 'c' with grade 'g' at 'now': a new card (reps 0) takes the
 * first-review values; otherwise elapsed days t = fsrs_days_between(last,
 * now) (0 when the clock went back), R = R(t, S), and the same-day rule
 * when t is 0, else recall or lapse. Then last = now, reps + 1, lapses + 1
 * for FSRS_AGAIN after the first review, and due = now + I(r, S') days.
 */
void	fsrs_review(const struct fsrs_params *p, struct fsrs_card *c,
	    enum fsrs_grade g, time_t now);

/* Start of the local calendar day after the one holding 'now'. */
time_t	fsrs_day_end(time_t now);

#endif
