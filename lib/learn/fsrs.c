#include "learn/fsrs.h"

#include <math.h>
#include <string.h>

/* FSRS-5's published default weights w0..w18. */
static const double fsrs_w5[FSRS_NWEIGHTS] = {
	0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046,
	1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315,
	2.9898, 0.51655, 0.6621
};

#define FSRS_MIN_STABILITY	0.01	/* keeps S^-w9 and D^-w12 finite */

void
fsrs_params_default(struct fsrs_params *p)
{
	memcpy(p->w, fsrs_w5, sizeof p->w);
	p->retention = FSRS_RETENTION;
	p->max_interval = FSRS_MAX_INTERVAL;
}

int
fsrs_params_retention(struct fsrs_params *p, double retention)
{
	if (!(retention >= 0.5 && retention <= 0.99))
		return -1;
	p->retention = retention;
	return 0;
}

static double
fsrs_clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

double
fsrs_retrievability(double days, double stability)
{
	if (days < 0)
		days = 0;
	return pow(1 + FSRS_FACTOR * days / stability, FSRS_DECAY);
}

double
fsrs_interval_days(const struct fsrs_params *p, double stability)
{
	return stability / FSRS_FACTOR *
	    (pow(p->retention, 1 / FSRS_DECAY) - 1);
}

int
fsrs_interval(const struct fsrs_params *p, double stability)
{
	double	d = round(fsrs_interval_days(p, stability));

	return (int)fsrs_clamp(d, 1, p->max_interval);
}

double
fsrs_init_stability(const struct fsrs_params *p, enum fsrs_grade g)
{
	return fmax(p->w[g - 1], FSRS_MIN_STABILITY);
}

/* D0(G) before clamping: mean reversion uses D0(4) as it is. */
static double
fsrs_d0(const struct fsrs_params *p, int g)
{
	return p->w[4] - exp(p->w[5] * (g - 1)) + 1;
}

double
fsrs_init_difficulty(const struct fsrs_params *p, enum fsrs_grade g)
{
	return fsrs_clamp(fsrs_d0(p, g), 1, 10);
}

double
fsrs_next_difficulty(const struct fsrs_params *p, double d,
    enum fsrs_grade g)
{
	double	delta = -p->w[6] * ((int)g - 3);
	double	damped = d + delta * (10 - d) / 9;

	return fsrs_clamp(p->w[7] * fsrs_d0(p, FSRS_EASY) +
	    (1 - p->w[7]) * damped, 1, 10);
}

double
fsrs_recall_stability(const struct fsrs_params *p, double d, double s,
    double r, enum fsrs_grade g)
{
	double	hard = g == FSRS_HARD ? p->w[15] : 1;
	double	easy = g == FSRS_EASY ? p->w[16] : 1;

	return s * (1 + exp(p->w[8]) * (11 - d) * pow(s, -p->w[9]) *
	    (exp(p->w[10] * (1 - r)) - 1) * hard * easy);
}

double
fsrs_forget_stability(const struct fsrs_params *p, double d, double s,
    double r)
{
	double	sf = p->w[11] * pow(d, -p->w[12]) *
	    (pow(s + 1, p->w[13]) - 1) * exp(p->w[14] * (1 - r));

	return fmax(fmin(sf, s), FSRS_MIN_STABILITY);
}

double
fsrs_short_term_stability(const struct fsrs_params *p, double s,
    enum fsrs_grade g)
{
	return fmax(s * exp(p->w[17] * ((int)g - 3 + p->w[18])),
	    FSRS_MIN_STABILITY);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's). */
static long
fsrs_civil_days(long y, int m, int d)
{
	long		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static long
fsrs_local_day(time_t t)
{
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long)(t / 86400);
	return fsrs_civil_days(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

long
fsrs_days_between(time_t from, time_t to)
{
	return fsrs_local_day(to) - fsrs_local_day(from);
}

time_t
fsrs_day_end(time_t now)
{
	struct tm	tm;

	if (localtime_r(&now, &tm) == NULL)
		return now - now % 86400 + 86400;
	tm.tm_mday++;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

void
fsrs_review(const struct fsrs_params *p, struct fsrs_card *c,
    enum fsrs_grade g, time_t now)
{
	double	d, s, r;
	long	t;

	if (c->reps == 0) {
		d = fsrs_init_difficulty(p, g);
		s = fsrs_init_stability(p, g);
	} else {
		t = fsrs_days_between(c->last, now);
		if (t < 0)
			t = 0;
		r = fsrs_retrievability((double)t, c->stability);
		d = fsrs_next_difficulty(p, c->difficulty, g);
		if (t == 0)
			s = fsrs_short_term_stability(p, c->stability, g);
		else if (g == FSRS_AGAIN)
			s = fsrs_forget_stability(p, c->difficulty,
			    c->stability, r);
		else
			s = fsrs_recall_stability(p, c->difficulty,
			    c->stability, r, g);
		if (g == FSRS_AGAIN)
			c->lapses++;
	}
	c->difficulty = d;
	c->stability = s;
	c->reps++;
	c->last = now;
	c->due = now + (time_t)fsrs_interval(p, s) * 86400;
}
