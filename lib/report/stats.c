/*
 * Item analysis arithmetic (stats.h). Sample statistics use n - 1, as
 * Moodle's quiz statistics do; anything that would divide by zero is
 * NAN.
 */
#include "report/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static int
stats_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
stats_median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof *v, stats_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Sample covariance of the 'n' pairs (x[j], y[j]); NAN when n < 2. */
static double
stats_cov(const double *x, const double *y, size_t n)
{
	double	mx = 0, my = 0, s = 0;
	size_t	j;

	if (n < 2)
		return NAN;
	for (j = 0; j < n; j++) {
		mx += x[j];
		my += y[j];
	}
	mx /= (double)n;
	my /= (double)n;
	for (j = 0; j < n; j++)
		s += (x[j] - mx) * (y[j] - my);
	return s / (double)(n - 1);
}

/* Points scored and possible in attempt 'a', over the items asked. */
static void
stats_total(const struct stats_matrix *m, size_t a, double *got,
    double *max)
{
	size_t	i;

	*got = *max = 0;
	for (i = 0; i < m->k; i++) {
		double	x = m->x[a * m->k + i];

		if (isnan(x))
			continue;
		*got += m->max[i] * x;
		*max += m->max[i];
	}
}

static void
stats_item(const struct stats_matrix *m, size_t i, struct stats_item *it)
{
	double	*x, *rest, got, max, v, cov, covmax;
	size_t	 a, j, n = 0;

	x = xcalloc(m->n + 1, sizeof *x);
	rest = xcalloc(m->n + 1, sizeof *rest);
	for (a = 0; a < m->n; a++) {
		v = m->x[a * m->k + i];
		if (isnan(v))
			continue;
		stats_total(m, a, &got, &max);
		if (max - m->max[i] <= 0)
			rest[n] = NAN;	/* the only item it was asked */
		else
			rest[n] = (got - m->max[i] * v) / (max - m->max[i]);
		x[n++] = v;
	}
	memset(it, 0, sizeof *it);
	it->n = n;
	it->facility = it->sd = it->disc = it->de = NAN;
	if (n > 0) {
		it->facility = 0;
		for (a = 0; a < n; a++)
			it->facility += x[a];
		it->facility /= (double)n;
	}
	if (n >= 2)
		it->sd = sqrt(stats_cov(x, x, n));
	/* the rest of the test, where there is one */
	for (a = 0, j = 0; a < n; a++)
		if (!isnan(rest[a])) {
			x[j] = x[a];
			rest[j++] = rest[a];
		}
	n = j;
	cov = stats_cov(x, rest, n);
	v = sqrt(stats_cov(x, x, n) * stats_cov(rest, rest, n));
	if (!isnan(cov) && v > 0)
		it->disc = cov / v;
	/* the largest covariance the same scores allow: both sorted */
	qsort(x, n, sizeof *x, stats_cmp);
	qsort(rest, n, sizeof *rest, stats_cmp);
	covmax = stats_cov(x, rest, n);
	if (!isnan(cov) && covmax > 0)
		it->de = cov / covmax;
	free(x);
	free(rest);
}

void
stats_compute(const struct stats_matrix *m, struct stats_test *t,
    struct stats_item *items)
{
	double	*s, *pts, *ipts, got, max, sumvar = 0, var;
	size_t	 a, i, n = 0;
	int	 complete = m->k >= 2;

	s = xcalloc(m->n + 1, sizeof *s);
	pts = xcalloc(m->n + 1, sizeof *pts);
	for (a = 0; a < m->n; a++) {
		stats_total(m, a, &got, &max);
		if (max <= 0)
			continue;
		for (i = 0; i < m->k; i++)
			complete &= !isnan(m->x[a * m->k + i]);
		pts[n] = got;
		s[n++] = got / max;
	}
	memset(t, 0, sizeof *t);
	t->n = n;
	t->mean = t->median = t->sd = t->alpha = t->se = NAN;
	if (n > 0) {
		t->mean = 0;
		for (a = 0; a < n; a++)
			t->mean += s[a];
		t->mean /= (double)n;
	}
	if (n >= 2)
		t->sd = sqrt(stats_cov(s, s, n));
	/*
	 * Cronbach's alpha, k / (k - 1) * (1 - sum of item variances /
	 * variance of the totals), in points: only when everyone was asked
	 * the same items (else the totals are not comparable).
	 */
	var = stats_cov(pts, pts, n);
	if (complete && n >= 2 && m->n == n && var > 0) {
		ipts = xcalloc(n, sizeof *ipts);
		for (i = 0; i < m->k; i++) {
			for (a = 0; a < n; a++)
				ipts[a] = m->max[i] * m->x[a * m->k + i];
			sumvar += stats_cov(ipts, ipts, n);
		}
		free(ipts);
		t->alpha = (double)m->k / (double)(m->k - 1) *
		    (1 - sumvar / var);
		t->se = t->sd * sqrt(1 - t->alpha);
	}
	t->median = stats_median(s, n);
	free(s);
	free(pts);
	for (i = 0; i < m->k; i++)
		stats_item(m, i, &items[i]);
}

void
stats_halves(const struct stats_matrix *m, int *half)
{
	double	*s, *tot, got, max, med;
	size_t	 a, n = 0;

	s = xcalloc(m->n + 1, sizeof *s);
	tot = xcalloc(m->n + 1, sizeof *tot);
	for (a = 0; a < m->n; a++) {
		stats_total(m, a, &got, &max);
		tot[a] = max > 0 ? got / max : NAN;
		if (max > 0)
			s[n++] = tot[a];
	}
	med = stats_median(s, n);
	for (a = 0; a < m->n; a++)
		half[a] = isnan(tot[a]) ? 0 : tot[a] > med ? 1 :
		    tot[a] < med ? -1 : 0;
	free(s);
	free(tot);
}

static double
stats_binom(size_t n, size_t k)
{
	double	r = 1;
	size_t	i;

	for (i = 1; i <= k; i++)
		r = r * (double)(n - k + i) / (double)i;
	return r;
}

static double
stats_factorial(size_t n)
{
	double	r = 1;

	while (n > 1)
		r *= (double)n--;
	return r;
}

double
stats_guess(const struct question *q)
{
	size_t	i, c = 0, w, nc, nw;
	double	sum = 0, frac;

	switch (q->type) {
	case Q_CHOICE:
		return q->nchoices > 0 ? 1.0 / (double)q->nchoices : 0;
	case Q_TRUE_FALSE:
		return 0.5;
	case Q_MULTIPLE:
		for (i = 0; i < q->nchoices; i++)
			c += q->choices[i].correct != 0;
		if (c == 0 || q->nchoices > 60)
			return 0;
		nw = q->nchoices - c;
		if (q->scoring != SCORING_PARTIAL)
			return 1 / pow(2, (double)q->nchoices);
		/* every subset equally likely: right picks minus wrong */
		for (nc = 0; nc <= c; nc++)
			for (w = 0; w <= nw; w++) {
				frac = ((double)nc - (double)w) / (double)c;
				if (frac > 0)
					sum += stats_binom(c, nc) *
					    stats_binom(nw, w) * frac;
			}
		return sum / pow(2, (double)q->nchoices);
	case Q_MATCHING:
		return 1 / stats_factorial(q->npairs);
	case Q_ORDERING:
		return 1 / stats_factorial(q->nitems);
	case Q_FILL_IN:
	case Q_NUMERIC:
		return 0;	/* typed: no list to guess from */
	case Q_TYPE_COUNT:
		break;
	}
	return 0;	/* no default: -Wswitch names a new type here */
}

unsigned
stats_flags(const struct stats_item *it, double guess, size_t min_n)
{
	unsigned	f = 0;

	if (it->n < min_n || it->n < 2 || isnan(it->facility))
		return 0;
	if (it->facility >= 0.9)
		f |= STATS_EASY;
	if (it->facility < 0.2 || it->facility <= guess)
		f |= STATS_HARD;
	if (!isnan(it->disc) && it->disc < 0)
		f |= STATS_NEGATIVE;
	else if (!isnan(it->de) && it->de < 0.15)
		f |= STATS_WEAK;
	return f;
}

const char *
stats_flag_reason(enum stats_flag f, enum lang lang)
{
	int	en = lang == LANG_EN;

	switch (f) {
	case STATS_EASY:
		return en ? "too easy: nine in ten or more get it right, so it "
		    "tells you little" : "ง่ายเกินไป: ตอบถูกตั้งแต่ 9 ใน 10 คนขึ้นไป "
		    "จึงบอกอะไรได้น้อย";
	case STATS_HARD:
		return en ? "too hard: fewer than one in five get it right, or "
		    "no more than guessing would; check the key and the "
		    "wording" : "ยากเกินไป: ตอบถูกไม่ถึง 1 ใน 5 คน หรือไม่มากกว่า"
		    "การเดา ตรวจเฉลยและถ้อยคำ";
	case STATS_WEAK:
		return en ? "discriminates badly: those who know the topic do "
		    "hardly better on it than those who do not" :
		    "แยกแยะได้ไม่ดี: ผู้ที่รู้เรื่องทำได้ไม่ดีกว่าผู้ที่ไม่รู้มากนัก";
	case STATS_NEGATIVE:
		return en ? "discriminates negatively: stronger officers do "
		    "worse on it than weaker ones; check the key" :
		    "แยกแยะกลับทาง: ผู้ที่ทำแบบทดสอบได้ดีกลับตอบข้อนี้ผิดมากกว่า "
		    "ตรวจเฉลย";
	default:
		return "";
	}
}
