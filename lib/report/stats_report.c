/*
 * Gathering for `rianru stats`: attempts from the store, matched with the
 * quizzes of the catalogue, into score matrices for stats.c, and the
 * choices picked and wrong answers typed.
 */
#include "report/stats_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/xalloc.h"
#include "content/catalog.h"
#include "content/load.h"
#include "learn/attempt.h"
#include "store/store_stats.h"

/* Rows as read, kept until their quiz is analysed. */
struct sr_row {
	char	*attempt, *course, *quiz, *order, *qid, *resp;
	double	 points;
};

struct sr {
	struct sr_row	*v;
	size_t		 n, cap;
};

static int
sr_add(void *ctx, const struct store_scored_row *row)
{
	struct sr	*s = ctx;
	struct sr_row	*r;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	r = &s->v[s->n++];
	r->attempt = xstrdup(row->attempt_id);
	r->course = xstrdup(row->course_id);
	r->quiz = xstrdup(row->quiz_id);
	r->order = xstrdup(row->order);
	r->qid = row->question_id != NULL ? xstrdup(row->question_id) : NULL;
	r->resp = xstrdup(row->response);
	r->points = row->points;
	return 0;
}

static void
sr_release(struct sr *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].attempt);
		free(s->v[i].course);
		free(s->v[i].quiz);
		free(s->v[i].order);
		free(s->v[i].qid);
		free(s->v[i].resp);
	}
	free(s->v);
}

static const struct quiz *
sr_find_quiz(const struct catalog *cat, const char *course, const char *quiz,
    const struct course **in)
{
	struct course	*c = catalog_find(cat, course);

	*in = c;
	return c != NULL ? course_quiz(c, quiz, NULL) : NULL;
}

/* Is choice 'id' among the "[,]"-separated ids of 'resp'? */
static int
sr_picked(const char *resp, const char *id)
{
	size_t		 n = strlen(id);
	const char	*p = resp;

	while (*p != '\0') {
		if (strncmp(p, id, n) == 0 && (p[n] == '\0' ||
		    strncmp(p + n, "[,]", 3) == 0))
			return 1;
		p = strstr(p, "[,]");
		if (p == NULL)
			break;
		p += 3;
	}
	return 0;
}

/* The typed text of a fill-in response: the U+200B escapes dropped. */
static char *
sr_typed(const char *resp)
{
	char	*t = xstrdup(resp), *w = t;
	const char *p;

	for (p = resp; *p != '\0'; p++) {
		if (strncmp(p, "\xE2\x80\x8B", 3) == 0) {
			p += 2;
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
	return t;
}

static void
sr_wrong_add(struct stats_wrong **v, size_t *n, size_t *cap, const char *s)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].text, s) == 0) {
			(*v)[i].count++;
			return;
		}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	(*v)[*n].text = xstrdup(s);
	(*v)[(*n)++].count = 1;
}

static int
sr_wrong_cmp(const void *a, const void *b)
{
	const struct stats_wrong	*x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->text, y->text);
}

static void
sr_choices(struct stats_q *sq)
{
	const struct question	*q = sq->q;
	size_t			 i;

	if (q->type == Q_TRUE_FALSE) {
		static const struct {
			const char	*id, *th, *en;
		} tf[2] = { { "true", "จริง", "True" },
		    { "false", "เท็จ", "False" } };

		sq->nchoices = 2;
		sq->choices = xcalloc(2, sizeof *sq->choices);
		for (i = 0; i < 2; i++) {
			sq->choices[i].id = tf[i].id;
			sq->choices[i].text.s[LANG_TH] = tf[i].th;
			sq->choices[i].text.s[LANG_EN] = tf[i].en;
			sq->choices[i].correct = (i == 0) == (q->answer_bool != 0);
		}
		return;
	}
	if (q->type != Q_CHOICE && q->type != Q_MULTIPLE)
		return;
	sq->nchoices = q->nchoices;
	sq->choices = xcalloc(q->nchoices + 1, sizeof *sq->choices);
	for (i = 0; i < q->nchoices; i++) {
		sq->choices[i].id = q->choices[i].id;
		sq->choices[i].text = q->choices[i].text;
		sq->choices[i].correct = q->choices[i].correct;
	}
}

/*
 * The plan of an attempt merged from the LRS (store_pull.c): statements
 * do not carry the plan, only what was answered.
 */
#define SR_NO_PLAN	"[]"

/*
 * Which questions an attempt without a plan was asked, into x[0..k) (0:
 * asked, NAN: not asked): every question of a quiz that asks them all, so
 * an unanswered one counts 0 as it does here; the answered ones of a quiz
 * that draws (the rest of its draw is unknown). Rows [from, to) are the
 * attempt's.
 */
static void
sr_asked_unplanned(const struct sr *s, size_t from, size_t to,
    const struct quiz *quiz, double *x)
{
	size_t	i, r;
	int	all = quiz->draw <= 0 || (size_t)quiz->draw >= quiz->nquestions;

	for (i = 0; i < quiz->nquestions; i++) {
		x[i] = all ? 0 : NAN;
		for (r = from; r < to && isnan(x[i]); r++)
			if (s->v[r].qid != NULL && strcmp(s->v[r].qid,
			    quiz->questions[i].id) == 0)
				x[i] = 0;
	}
}

/*
 * The score matrix of 'quiz' from rows [from, to) of 's' (each attempt's
 * rows together): m->x[a * k + i] is the share of question i's points
 * attempt a scored (NaN: not asked), resp[a * k + i] its response
 * (borrowed from 's'). An attempt whose question plan cannot be read is
 * left out and counted in *left_out. The caller frees *x, *max (m->x and
 * m->max point to them) and *resp.
 */
static void
sr_quiz_matrix(const struct sr *s, size_t from, size_t to,
    const struct quiz *quiz, struct stats_matrix *m, double **xp,
    double **maxp, const char ***resp, size_t *left_out)
{
	struct attempt_plan	*plan;
	struct err		 e;
	double			*x, *max;
	const char		**rv;
	size_t			 k = quiz->nquestions, a = 0, i, r, na = 0;

	/* count attempts */
	for (r = from; r < to; r++)
		if (r == from || strcmp(s->v[r].attempt, s->v[r - 1].attempt))
			na++;
	x = xcalloc(na * k + 1, sizeof *x);
	rv = xcalloc(na * k + 1, sizeof *rv);
	max = xcalloc(k + 1, sizeof *max);
	for (i = 0; i < k; i++)
		max[i] = quiz->questions[i].points;
	for (r = from; r < to; ) {
		size_t	end = r;

		while (end < to && strcmp(s->v[end].attempt,
		    s->v[r].attempt) == 0)
			end++;
		if (strcmp(s->v[r].order, SR_NO_PLAN) == 0)
			sr_asked_unplanned(s, r, end, quiz, x + a * k);
		else if ((plan = attempt_plan_decode(quiz, s->v[r].order,
		    &e)) == NULL) {
			(*left_out)++;
			r = end;
			continue;
		} else {
			for (i = 0; i < k; i++)
				x[a * k + i] = attempt_plan_find(plan,
				    quiz->questions[i].id) == ATTEMPT_NONE ?
				    NAN : 0;
			attempt_plan_free(plan);
		}
		for (; r < end; r++) {
			const struct sr_row	*row = &s->v[r];

			if (row->qid == NULL)
				continue;
			for (i = 0; i < k; i++)
				if (strcmp(quiz->questions[i].id, row->qid) ==
				    0 && !isnan(x[a * k + i])) {
					x[a * k + i] = row->points / max[i];
					rv[a * k + i] = row->resp;
				}
		}
		a++;
	}
	m->n = a;
	m->k = k;
	m->x = x;
	m->max = max;
	*xp = x;
	*maxp = max;
	*resp = rv;
}

/*
 * Keep the STATS_WRONG_MAX most given of the wrong answers typed to 'sq'
 * ('w', n of them, taken: the rest are freed with it).
 */
static void
sr_keep_wrong(struct stats_q *sq, struct stats_wrong *w, size_t n)
{
	size_t	j;

	if (n > 0)
		qsort(w, n, sizeof *w, sr_wrong_cmp);
	for (j = 0; j < n; j++) {
		if (j < STATS_WRONG_MAX)
			sq->wrong[sq->nwrong++] = w[j];
		else
			free(w[j].text);
	}
	free(w);
}

/*
 * What each question's responses say ('resp' as sr_quiz_matrix() made
 * it, 'half' the stronger (+1) and weaker (-1) half of the attempts):
 * the choices picked and by whom, and the wrong answers typed.
 */
static void
sr_quiz_responses(const struct stats_matrix *m, const char **resp,
    const int *half, struct stats_quiz *z)
{
	struct stats_wrong	**wv;
	size_t			*wn, *wcap, k = m->k, a, i, j;

	wv = xcalloc(k + 1, sizeof *wv);
	wn = xcalloc(k + 1, sizeof *wn);
	wcap = xcalloc(k + 1, sizeof *wcap);
	for (a = 0; a < m->n; a++)
		for (i = 0; i < k; i++) {
			struct stats_q	*sq = &z->qs[i];
			const char	*p = resp[a * k + i];

			if (isnan(m->x[a * k + i]))
				continue;
			sq->nstrong += half[a] > 0;
			sq->nweak += half[a] < 0;
			if (p == NULL || p[0] == '\0')
				continue;
			for (j = 0; j < sq->nchoices; j++)
				if (sr_picked(p, sq->choices[j].id)) {
					sq->choices[j].picked++;
					sq->choices[j].strong += half[a] > 0;
					sq->choices[j].weak += half[a] < 0;
				}
			if ((sq->q->type == Q_FILL_IN ||
			    sq->q->type == Q_NUMERIC) && m->x[a * k + i] < 1) {
				char	*t = sr_typed(p);

				sr_wrong_add(&wv[i], &wn[i], &wcap[i], t);
				free(t);
			}
		}
	for (i = 0; i < k; i++)
		sr_keep_wrong(&z->qs[i], wv[i], wn[i]);
	free(wv);
	free(wn);
	free(wcap);
}

/* Analyse the attempts in rows [from, to) (one quiz) into 'z'. */
static void
sr_quiz(const struct sr *s, size_t from, size_t to, const struct course *c,
    const struct quiz *quiz, size_t min_n, struct stats_quiz *z)
{
	struct stats_matrix	 m;
	struct stats_item	*items;
	const char		**resp;
	double			*x, *max;
	int			*half;
	size_t			 k = quiz->nquestions, i;

	memset(z, 0, sizeof *z);
	z->course = c;
	z->quiz = quiz;
	sr_quiz_matrix(s, from, to, quiz, &m, &x, &max, &resp, &z->left_out);
	items = xcalloc(k + 1, sizeof *items);
	half = xcalloc(m.n + 1, sizeof *half);
	stats_compute(&m, &z->t, items);
	stats_halves(&m, half);
	z->nq = k;
	z->qs = xcalloc(k + 1, sizeof *z->qs);
	for (i = 0; i < k; i++) {
		struct stats_q	*sq = &z->qs[i];

		sq->q = &quiz->questions[i];
		sq->it = items[i];
		sq->guess = stats_guess(sq->q);
		sq->flags = stats_flags(&sq->it, sq->guess, min_n);
		sr_choices(sq);
	}
	sr_quiz_responses(&m, resp, half, z);
	free(items);
	free(half);
	free(x);
	free(resp);
	free(max);
}

int
stats_collect(struct store *st, const struct catalog *cat,
    const char *course_id, const char *quiz_id, int all_attempts,
    size_t min_n, struct stats_report *r, struct err *e)
{
	struct sr		 s;
	const struct course	*c;
	const struct quiz	*quiz;
	size_t			 from, to;

	memset(r, 0, sizeof *r);
	memset(&s, 0, sizeof s);
	r->min_n = min_n;
	r->all_attempts = all_attempts;
	if (store_scored_each(st, course_id, quiz_id, !all_attempts, sr_add,
	    &s, e) == -1) {
		sr_release(&s);
		return -1;
	}
	for (from = 0; from < s.n; from = to) {
		size_t	na = 0;

		for (to = from; to < s.n && strcmp(s.v[to].course,
		    s.v[from].course) == 0 && strcmp(s.v[to].quiz,
		    s.v[from].quiz) == 0; to++)
			na += to == from || strcmp(s.v[to].attempt,
			    s.v[to - 1].attempt) != 0;
		if ((quiz = sr_find_quiz(cat, s.v[from].course,
		    s.v[from].quiz, &c)) == NULL || quiz->nquestions == 0) {
			r->unknown += na;
			continue;
		}
		r->quizzes = xreallocarray(r->quizzes, r->n + 1,
		    sizeof *r->quizzes);
		sr_quiz(&s, from, to, c, quiz, min_n, &r->quizzes[r->n++]);
	}
	sr_release(&s);
	return 0;
}

void
stats_report_release(struct stats_report *r)
{
	size_t	i, j, w;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < r->quizzes[i].nq; j++) {
			free(r->quizzes[i].qs[j].choices);
			for (w = 0; w < r->quizzes[i].qs[j].nwrong; w++)
				free(r->quizzes[i].qs[j].wrong[w].text);
		}
		free(r->quizzes[i].qs);
	}
	free(r->quizzes);
	memset(r, 0, sizeof *r);
}

int
stats_fmt_parse(const char *s, enum stats_fmt *f)
{
	static const char *const names[] = { "table", "csv", "json", "html" };
	size_t			 i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum stats_fmt)i;
			return 0;
		}
	return -1;
}
