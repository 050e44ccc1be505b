#include "learn/attempt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "content/qtype.h"
#include "content/qtype_kit.h"
#include "text/number.h"
#include "base/xalloc.h"

/*
 * Nothing here keeps state between calls: plans and responses are plain
 * values, and scoring is a pure function of content and response string.
 * Ids are matched as (pointer, length) ranges of the string being parsed,
 * so parsing never copies or modifies its input.
 */

#define PLAN_MAGIC	"plan/1"

/* ---- Random numbers ---- */

/*
 * splitmix64 (Steele, Lea, Flood 2014): tiny, fast, passes BigCrush, and
 * the same on every platform, so a seed means the same plan everywhere.
 */
struct rng {
	uint64_t	s;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t	z;

	z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* Uniform in [0, n), n > 0, without modulo bias (rejection). */
static uint64_t
rng_below(struct rng *r, uint64_t n)
{
	uint64_t	x, skip;

	/* 2^64 mod n: the values below it would favour small results */
	skip = (0 - n) % n;
	do
		x = rng_next(r);
	while (x < skip);
	return x % n;
}

/* Fisher-Yates. */
static void
rng_shuffle(struct rng *r, size_t *v, size_t n)
{
	size_t	i, j, t;

	for (i = n; i > 1; i--) {
		j = (size_t)rng_below(r, i);
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/*
 * Shuffle into any order but the authored one (n >= 2). Reshuffling
 * until it differs keeps every other order equally likely; the swap is a
 * backstop that a working generator never reaches.
 */
static void
rng_shuffle_away(struct rng *r, size_t *v, size_t n)
{
	size_t	tries, t;

	for (tries = 0; tries < 64; tries++) {
		rng_shuffle(r, v, n);
		if (n < 2 || !qtype_is_identity(v, n))
			return;
	}
	t = v[0];
	v[0] = v[1];
	v[1] = t;
}

uint64_t
attempt_seed(void)
{
	uint64_t	s;

	crypto_random(&s, sizeof s);
	return s;
}

static int
id_eq(const char *id, const char *s, size_t len)
{
	return id != NULL && strlen(id) == len && memcmp(id, s, len) == 0;
}

/* ---- The plan ---- */

static void
plan_fill_order(struct attempt_q *aq, int shuffle, struct rng *r)
{
	const struct qtype_ops	*ops = qtype_ops(aq->q->type);
	size_t			 i, n = qtype_nparts(aq->q);

	if (ops == NULL || n == 0)
		return;
	switch (ops->order) {
	case QORDER_NONE:
		return;
	case QORDER_SHUFFLE:
	case QORDER_AWAY:
		break;
	}
	aq->order = xcalloc(n, sizeof *aq->order);
	aq->norder = n;
	for (i = 0; i < n; i++)
		aq->order[i] = i;
	switch (ops->order) {
	case QORDER_NONE:
		break;
	case QORDER_SHUFFLE:
		if (shuffle)
			rng_shuffle(r, aq->order, n);
		break;
	case QORDER_AWAY:
		rng_shuffle_away(r, aq->order, n);
		break;
	}
}

/* Types whose parts are shown in a plan order. */
static int
has_order(const struct question *q)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	return ops != NULL && ops->order != QORDER_NONE;
}

struct attempt_plan *
attempt_plan_new(const struct quiz *quiz, uint64_t seed)
{
	struct attempt_plan	*p;
	struct rng		 r = { seed };
	size_t			*idx, n = quiz->nquestions, k, i, j, t;

	p = xcalloc(1, sizeof *p);
	p->quiz = quiz;
	if (n == 0)
		return p;
	idx = xcalloc(n, sizeof *idx);
	for (i = 0; i < n; i++)
		idx[i] = i;
	k = quiz->draw > 0 && (size_t)quiz->draw < n ? (size_t)quiz->draw : n;
	if (k < n) {
		/*
		 * A partial Fisher-Yates: idx[0..k) is a uniform sample in
		 * random order; without shuffling it goes back to the
		 * authored order.
		 */
		for (i = 0; i < k; i++) {
			j = i + (size_t)rng_below(&r, n - i);
			t = idx[i];
			idx[i] = idx[j];
			idx[j] = t;
		}
		if (!quiz->shuffle_questions)
			qsort(idx, k, sizeof *idx, qtype_cmp_size);
	} else if (quiz->shuffle_questions || quiz->mastery_of > 0)
		/* mastery draws from the pool at random until mastered */
		rng_shuffle(&r, idx, n);

	p->qs = xcalloc(k, sizeof *p->qs);
	p->n = k;
	for (i = 0; i < k; i++) {
		p->qs[i].q = &quiz->questions[idx[i]];
		plan_fill_order(&p->qs[i], quiz->shuffle_choices, &r);
	}
	free(idx);
	return p;
}

void
attempt_plan_free(struct attempt_plan *p)
{
	size_t	i;

	if (p == NULL)
		return;
	if (p->qs != NULL)
		for (i = 0; i < p->n; i++)
			free(p->qs[i].order);
	free(p->qs);
	free(p);
}

void
attempt_plan_encode(const struct attempt_plan *p, struct buf *out)
{
	const struct attempt_q	*aq;
	size_t			 i, j;

	buf_adds(out, PLAN_MAGIC);
	for (i = 0; i < p->n; i++) {
		aq = &p->qs[i];
		buf_addc(out, ' ');
		buf_adds(out, aq->q->id);
		for (j = 0; j < aq->norder; j++) {
			buf_addc(out, j == 0 ? ':' : ',');
			buf_adds(out, qtype_part_id(aq->q, aq->order[j]));
		}
	}
}

/* The question of 'quiz' with id s[0..len), or NULL. */
static const struct question *
quiz_find(const struct quiz *quiz, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < quiz->nquestions; i++)
		if (id_eq(quiz->questions[i].id, s, len))
			return &quiz->questions[i];
	return NULL;
}

/* Parse "a,b,c" (s[0..len)) into the display order of aq->q. */
static int
plan_decode_order(struct attempt_q *aq, const char *s, size_t len,
    struct err *e)
{
	const struct question	*q = aq->q;
	const char		*p, *end = s + len, *comma;
	unsigned char		*seen;
	size_t			 n = qtype_nparts(q), k, i, flen;
	int			 rc = -1;

	seen = xcalloc(n ? n : 1, 1);
	aq->order = xcalloc(n ? n : 1, sizeof *aq->order);
	aq->norder = 0;
	for (p = s; p <= end; p = comma + 1) {
		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL)
			comma = end;
		flen = (size_t)(comma - p);
		k = qtype_part_find(q, p, flen);
		if (k == ATTEMPT_NONE) {
			err_set(e, "plan refers to %s '%.*s' that question "
			    "'%s' no longer has", qtype_part_kind(q),
			    qtype_msg_len(flen), p, q->id);
			goto out;
		}
		if (seen[k]) {
			err_set(e, "plan lists %s '%s' of question '%s' twice",
			    qtype_part_kind(q), qtype_part_id(q, k), q->id);
			goto out;
		}
		seen[k] = 1;
		aq->order[aq->norder++] = k;
	}
	for (i = 0; i < n; i++)
		if (!seen[i]) {
			err_set(e, "plan for question '%s' does not list %s "
			    "'%s' (the content has changed)", q->id,
			    qtype_part_kind(q), qtype_part_id(q, i));
			goto out;
		}
	rc = 0;
out:
	free(seen);
	return rc;
}

struct attempt_plan *
attempt_plan_decode(const struct quiz *quiz, const char *s, struct err *e)
{
	struct attempt_plan	*p;
	const struct question	*q;
	const char		*tok, *end, *colon;
	size_t			 ntok, i, len, idlen;

	if (s == NULL)
		s = "";
	if (strncmp(s, PLAN_MAGIC, strlen(PLAN_MAGIC)) != 0 ||
	    (s[strlen(PLAN_MAGIC)] != ' ' && s[strlen(PLAN_MAGIC)] != '\0')) {
		if (strncmp(s, "plan/", 5) == 0) {
			len = strcspn(s, " ");
			err_set(e, "plan format '%.*s' is not supported "
			    "(expected '%s')", qtype_msg_len(len), s,
			    PLAN_MAGIC);
		} else
			err_set(e, "not a quiz plan (expected '%s')",
			    PLAN_MAGIC);
		return NULL;
	}
	s += strlen(PLAN_MAGIC);
	ntok = 0;
	for (tok = s; *tok != '\0'; tok++)
		if (*tok == ' ')
			ntok++;
	if (ntok == 0) {
		err_set(e, "plan lists no questions");
		return NULL;
	}
	p = xcalloc(1, sizeof *p);
	p->quiz = quiz;
	p->qs = xcalloc(ntok, sizeof *p->qs);
	for (tok = s; *tok == ' '; tok = end) {
		tok++;
		end = strchr(tok, ' ');
		if (end == NULL)
			end = tok + strlen(tok);
		len = (size_t)(end - tok);
		colon = memchr(tok, ':', len);
		idlen = colon != NULL ? (size_t)(colon - tok) : len;
		if (idlen == 0) {
			err_set(e, "plan has an empty question id");
			goto fail;
		}
		if ((q = quiz_find(quiz, tok, idlen)) == NULL) {
			err_set(e, "plan refers to question '%.*s' that quiz "
			    "'%s' no longer has", qtype_msg_len(idlen), tok,
			    quiz->id);
			goto fail;
		}
		for (i = 0; i < p->n; i++)
			if (p->qs[i].q == q) {
				err_set(e, "plan lists question '%s' twice",
				    q->id);
				goto fail;
			}
		p->qs[p->n].q = q;
		p->n++;
		if (has_order(q) && colon == NULL) {
			err_set(e, "plan has no %s order for question '%s' "
			    "(the content has changed)", qtype_part_kind(q),
			    q->id);
			goto fail;
		}
		if (!has_order(q) && colon != NULL) {
			err_set(e, "plan has an order for question '%s', but "
			    "it is a %s question now", q->id,
			    qtype_name(q->type));
			goto fail;
		}
		if (colon != NULL && plan_decode_order(&p->qs[p->n - 1],
		    colon + 1, len - idlen - 1, e) == -1)
			goto fail;
	}
	return p;
fail:
	attempt_plan_free(p);
	return NULL;
}

size_t
attempt_plan_find(const struct attempt_plan *p, const char *id)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->qs[i].q->id, id) == 0)
			return i;
	return ATTEMPT_NONE;
}

/* ---- Numbers ---- */

int
attempt_number(const char *typed, struct buf *canon, double *value,
    struct err *e)
{
	return number_read(typed, canon, value, e);
}

/* ---- Responses ---- */

static int
type_check(const struct question *q, enum qtype want, struct err *e)
{
	if (q->type == want)
		return 0;
	return err_set(e, "question '%s' is a %s question, not %s", q->id,
	    qtype_name(q->type), qtype_name(want));
}

/* Encode 'r' and release it. */
static int
encode_release(const struct question *q, struct qtype_response *r,
    int rc, struct buf *out, struct err *e)
{
	if (rc == 0)
		rc = qtype_response_encode(q, r, out, e);
	qtype_response_release(r);
	return rc;
}

/* Resolve 'n' ids to part indexes in r->sel (repeats optional). */
static int
ids_to_sel(const struct question *q, const char *const *ids, size_t n,
    int drop_repeats, struct qtype_response *r, struct err *e)
{
	size_t	i, j, k;

	qtype_sel_alloc(r, n);
	for (i = 0; i < n; i++) {
		k = ids[i] != NULL ?
		    qtype_part_find(q, ids[i], strlen(ids[i])) : ATTEMPT_NONE;
		if (k == ATTEMPT_NONE)
			return err_set(e, "question '%s' has no %s '%s'",
			    q->id, qtype_part_kind(q), ids[i] ? ids[i] : "");
		for (j = 0; j < r->nsel; j++)
			if (r->sel[j] == k)
				break;
		if (j < r->nsel) {
			if (drop_repeats)
				continue;
			return err_set(e, "response to question '%s' lists "
			    "%s '%s' twice", q->id, qtype_part_kind(q), ids[i]);
		}
		r->sel[r->nsel++] = k;
	}
	return 0;
}

int
attempt_response_choice(const struct question *q, const char *id,
    struct buf *out, struct err *e)
{
	struct qtype_response	r;
	int			rc;

	if (type_check(q, Q_CHOICE, e) == -1)
		return -1;
	qtype_response_init(&r, q);
	rc = ids_to_sel(q, &id, 1, 0, &r, e);
	return encode_release(q, &r, rc, out, e);
}

int
attempt_response_multiple(const struct question *q, const char *const *ids,
    size_t n, struct buf *out, struct err *e)
{
	struct qtype_response	r;
	int			rc;

	if (type_check(q, Q_MULTIPLE, e) == -1)
		return -1;
	qtype_response_init(&r, q);
	rc = ids_to_sel(q, ids, n, 1, &r, e);
	return encode_release(q, &r, rc, out, e);
}

int
attempt_response_true_false(const struct question *q, int value,
    struct buf *out, struct err *e)
{
	if (type_check(q, Q_TRUE_FALSE, e) == -1)
		return -1;
	buf_adds(out, value ? "true" : "false");
	return 0;
}

int
attempt_response_fill_in(const struct question *q, const char *text,
    struct buf *out, struct err *e)
{
	struct qtype_response	r;

	if (type_check(q, Q_FILL_IN, e) == -1)
		return -1;
	qtype_response_init(&r, q);
	free(r.text);
	r.text = xstrdup(text != NULL ? text : "");
	return encode_release(q, &r, 0, out, e);
}

int
attempt_response_numeric(const struct question *q, const char *typed,
    struct buf *out, struct err *e)
{
	if (type_check(q, Q_NUMERIC, e) == -1)
		return -1;
	return attempt_number(typed, out, NULL, e);
}

int
attempt_response_matching(const struct question *q, const char *const *left,
    const char *const *right, size_t n, struct buf *out, struct err *e)
{
	struct qtype_response	r;
	size_t			i, l, k;
	int			rc = 0;

	if (type_check(q, Q_MATCHING, e) == -1)
		return -1;
	qtype_response_init(&r, q);
	for (i = 0; i < n && rc == 0; i++) {
		l = left[i] ? qtype_part_find(q, left[i], strlen(left[i])) :
		    ATTEMPT_NONE;
		k = right[i] ? qtype_part_find(q, right[i], strlen(right[i])) :
		    ATTEMPT_NONE;
		if (l == ATTEMPT_NONE || k == ATTEMPT_NONE)
			rc = err_set(e, "question '%s' has no pair '%s'",
			    q->id, l == ATTEMPT_NONE ?
			    (left[i] ? left[i] : "") :
			    (right[i] ? right[i] : ""));
		else if (r.sel[l] != ATTEMPT_NONE)
			rc = err_set(e, "response to question '%s' matches "
			    "'%s' twice", q->id, left[i]);
		else
			r.sel[l] = k;
	}
	return encode_release(q, &r, rc, out, e);
}

int
attempt_response_ordering(const struct question *q, const char *const *ids,
    size_t n, struct buf *out, struct err *e)
{
	struct qtype_response	r;
	int			rc;

	if (type_check(q, Q_ORDERING, e) == -1)
		return -1;
	qtype_response_init(&r, q);
	rc = ids_to_sel(q, ids, n, 0, &r, e);
	return encode_release(q, &r, rc, out, e);
}

/* ---- Correct responses ---- */

size_t
attempt_npatterns(const struct question *q)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	return ops != NULL ? ops->npatterns(q) : 1;
}

void
attempt_correct_pattern(const struct question *q, size_t i, struct buf *out)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	if (ops != NULL)
		ops->pattern(q, i, out);
}

char **
attempt_patterns(const struct question *q, size_t *n)
{
	struct buf	  b;
	char		**v;
	size_t		  k;

	*n = attempt_npatterns(q);
	v = xcalloc(*n + 1, sizeof *v);
	for (k = 0; k < *n; k++) {
		buf_init(&b);
		attempt_correct_pattern(q, k, &b);
		v[k] = buf_detach(&b, NULL);
	}
	return v;
}

void
attempt_patterns_free(char **v, size_t n)
{
	size_t	k;

	for (k = 0; v != NULL && k < n; k++)
		free(v[k]);
	free(v);
}

/* ---- Scoring ---- */

int
attempt_score(const struct question *q, const char *resp,
    struct attempt_score *out)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	out->correct = 0;
	out->points = 0;
	out->max = q->points;
	if (resp == NULL || *resp == '\0')
		return 0;
	if (ops == NULL || ops->score(q, resp, &out->correct,
	    &out->points) == -1) {
		out->correct = 0;
		out->points = 0;
		return -1;
	}
	return 0;
}

size_t
attempt_result(const struct quiz *quiz, const struct attempt_plan *plan,
    const char *const *responses, struct attempt_result *out)
{
	return attempt_result_recorded(quiz, plan, responses, NULL, out);
}

size_t
attempt_result_recorded(const struct quiz *quiz,
    const struct attempt_plan *plan, const char *const *responses,
    const struct attempt_score *const *recorded, struct attempt_result *out)
{
	const struct attempt_score	*r;
	struct attempt_score		*sc;
	size_t				 i, bad = 0;

	memset(out, 0, sizeof *out);
	out->n = plan->n;
	if (plan->n > 0)
		out->scores = xcalloc(plan->n, sizeof *out->scores);
	for (i = 0; i < plan->n; i++) {
		sc = &out->scores[i];
		if (attempt_score(plan->qs[i].q,
		    responses != NULL ? responses[i] : NULL, sc) == -1)
			bad++;
		if (recorded != NULL && (r = recorded[i]) != NULL) {
			sc->correct = r->correct;
			sc->points = r->correct ? sc->max : r->points < sc->max ?
			    r->points : sc->max;
		}
		/* mastery scores the questions asked, not the whole pool */
		if (quiz->mastery_of > 0 && (responses == NULL ||
		    responses[i] == NULL || responses[i][0] == '\0'))
			sc->max = 0;
		out->raw += out->scores[i].points;
		out->max += out->scores[i].max;
		out->ncorrect += out->scores[i].correct != 0;
	}
	if (out->max > 0) {
		out->scaled = out->raw / out->max;
		if (out->scaled > 1)
			out->scaled = 1;
		out->percent = 100 * out->scaled;
		/*
		 * raw / max >= pass / 100, cross-multiplied so no rounded
		 * quotient decides it; the allowance only absorbs the
		 * rounding of sums like 1/3 + 1/3 + 1/3.
		 */
		out->passed = out->raw * 100 >=
		    (double)quiz->pass_pct * out->max - 1e-9 * out->max;
	} else
		out->passed = quiz->pass_pct <= 0;
	if (quiz->mastery_of > 0)
		out->passed = attempt_mastered(quiz, plan->n, responses,
		    out->scores);
	return bad;
}

int
attempt_mastered(const struct quiz *quiz, size_t n,
    const char *const *responses, const struct attempt_score *scores)
{
	size_t	i, k, *seq, nseq = 0, from, right;
	int	ok = 0;

	if (quiz->mastery_of <= 0 || n == 0 || responses == NULL)
		return 0;
	seq = xcalloc(n, sizeof *seq);
	for (i = 0; i < n; i++)
		if (responses[i] != NULL && responses[i][0] != '\0')
			seq[nseq++] = i;
	/* each answer ends a window of the last 'of' answers (fewer at first) */
	for (i = 0; i < nseq && !ok; i++) {
		from = i + 1 > (size_t)quiz->mastery_of ?
		    i + 1 - (size_t)quiz->mastery_of : 0;
		right = 0;
		for (k = from; k <= i; k++)
			right += scores[seq[k]].correct != 0;
		ok = right >= (size_t)quiz->mastery_correct;
	}
	free(seq);
	return ok;
}

void
attempt_result_release(struct attempt_result *r)
{
	free(r->scores);
	r->scores = NULL;
	r->n = 0;
}

/* ---- Time and attempts ---- */

long
attempt_time_left(time_t started, int limit_s, time_t now)
{
	long long	elapsed, left;

	if (limit_s <= 0)
		return -1;
	elapsed = (long long)now - (long long)started;
	if (elapsed < 0)
		elapsed = 0;
	left = (long long)limit_s - elapsed;
	return left > 0 ? (long)left : 0;
}

int
attempt_expired(time_t started, int limit_s, time_t now)
{
	return limit_s > 0 && attempt_time_left(started, limit_s, now) == 0;
}

char *
attempt_duration_iso(long seconds, char *out, size_t len)
{
	long	h, m, s;
	int	n = 0;

	if (len == 0)
		return out;
	if (seconds < 0)
		seconds = 0;
	h = seconds / 3600;
	m = seconds % 3600 / 60;
	s = seconds % 60;
	out[0] = '\0';
	n = snprintf(out, len, "PT");
	if (h > 0 && n >= 0 && (size_t)n < len)
		n += snprintf(out + n, len - (size_t)n, "%ldH", h);
	if (m > 0 && n >= 0 && (size_t)n < len)
		n += snprintf(out + n, len - (size_t)n, "%ldM", m);
	if ((s > 0 || (h == 0 && m == 0)) && n >= 0 && (size_t)n < len)
		snprintf(out + n, len - (size_t)n, "%ldS", s);
	return out;
}

int
attempt_can_start(const struct quiz *quiz, int attempts_used)
{
	return attempt_attempts_left(quiz, attempts_used) != 0;
}

int
attempt_attempts_left(const struct quiz *quiz, int attempts_used)
{
	if (quiz->attempts <= 0)
		return -1;
	if (attempts_used < 0)
		attempts_used = 0;
	return attempts_used >= quiz->attempts ? 0 :
	    quiz->attempts - attempts_used;
}
