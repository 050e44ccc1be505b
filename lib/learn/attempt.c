#include "learn/attempt.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "text/text.h"
#include "base/xalloc.h"

/*
 * Nothing here keeps state between calls: plans and responses are plain
 * values, and scoring is a pure function of content and response string.
 * Ids are matched as (pointer, length) ranges of the string being parsed,
 * so parsing never copies or modifies its input.
 */

#define PLAN_MAGIC	"plan/1"
#define DELIM_LIST	"[,]"
#define DELIM_PAIR	"[.]"
#define DELIM_RANGE	"[:]"
/* "[,]" inside fill-in text: '[', U+200B ZERO WIDTH SPACE, ",]". */
#define FILL_ESCAPED	"[\xE2\x80\x8B,]"
/* U+2212 MINUS SIGN, which some keyboards and copied text use. */
#define MINUS_SIGN	"\xE2\x88\x92"

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

static int
is_identity(const size_t *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] != i)
			return 0;
	return 1;
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
		if (n < 2 || !is_identity(v, n))
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

/* ---- Parts of a question: choices, pairs or items ---- */

static size_t
part_count(const struct question *q)
{
	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		return q->nchoices;
	case Q_MATCHING:
		return q->npairs;
	case Q_ORDERING:
		return q->nitems;
	default:
		return 0;
	}
}

static const char *
part_id(const struct question *q, size_t i)
{
	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		return q->choices[i].id;
	case Q_MATCHING:
		return q->pairs[i].id;
	case Q_ORDERING:
		return q->items[i].id;
	default:
		return "";
	}
}

/* "choice", "pair" or "item", for messages. */
static const char *
part_kind(const struct question *q)
{
	switch (q->type) {
	case Q_MATCHING:
		return "pair";
	case Q_ORDERING:
		return "item";
	default:
		return "choice";
	}
}

/* Types whose parts are shown in a plan order. */
static int
has_order(enum qtype t)
{
	return t == Q_CHOICE || t == Q_MULTIPLE || t == Q_MATCHING ||
	    t == Q_ORDERING;
}

static int
id_eq(const char *id, const char *s, size_t len)
{
	return id != NULL && strlen(id) == len && memcmp(id, s, len) == 0;
}

/* Index of the part with id s[0..len), or ATTEMPT_NONE. */
static size_t
part_find(const struct question *q, const char *s, size_t len)
{
	size_t	i, n = part_count(q);

	for (i = 0; i < n; i++)
		if (id_eq(part_id(q, i), s, len))
			return i;
	return ATTEMPT_NONE;
}

/* An id quoted in a message: at most 64 bytes of it. */
static int
msg_len(size_t len)
{
	return len > 64 ? 64 : (int)len;
}

/*
 * Split off the next field of *p at 'delim': returns its start, sets *len
 * and moves *p past the delimiter, or to NULL after the last field.
 */
static const char *
field_next(const char **p, const char *delim, size_t *len)
{
	const char	*start = *p, *end;

	end = strstr(start, delim);
	if (end == NULL) {
		*len = strlen(start);
		*p = NULL;
	} else {
		*len = (size_t)(end - start);
		*p = end + strlen(delim);
	}
	return start;
}

/* ---- The plan ---- */

static void
plan_fill_order(struct attempt_q *aq, int shuffle, struct rng *r)
{
	size_t	i, n = part_count(aq->q);

	if (!has_order(aq->q->type) || n == 0)
		return;
	aq->order = xcalloc(n, sizeof *aq->order);
	aq->norder = n;
	for (i = 0; i < n; i++)
		aq->order[i] = i;
	switch (aq->q->type) {
	case Q_MATCHING:
	case Q_ORDERING:
		rng_shuffle_away(r, aq->order, n);
		break;
	default:
		if (shuffle)
			rng_shuffle(r, aq->order, n);
		break;
	}
}

static int
cmp_size(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
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
			qsort(idx, k, sizeof *idx, cmp_size);
	} else if (quiz->shuffle_questions)
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
			buf_adds(out, part_id(aq->q, aq->order[j]));
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
	size_t			 n = part_count(q), k, i, flen;
	int			 rc = -1;

	seen = xcalloc(n ? n : 1, 1);
	aq->order = xcalloc(n ? n : 1, sizeof *aq->order);
	aq->norder = 0;
	for (p = s; p <= end; p = comma + 1) {
		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL)
			comma = end;
		flen = (size_t)(comma - p);
		k = part_find(q, p, flen);
		if (k == ATTEMPT_NONE) {
			err_set(e, "plan refers to %s '%.*s' that question "
			    "'%s' no longer has", part_kind(q), msg_len(flen),
			    p, q->id);
			goto out;
		}
		if (seen[k]) {
			err_set(e, "plan lists %s '%s' of question '%s' twice",
			    part_kind(q), part_id(q, k), q->id);
			goto out;
		}
		seen[k] = 1;
		aq->order[aq->norder++] = k;
	}
	for (i = 0; i < n; i++)
		if (!seen[i]) {
			err_set(e, "plan for question '%s' does not list %s "
			    "'%s' (the content has changed)", q->id,
			    part_kind(q), part_id(q, i));
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
			    "(expected '%s')", msg_len(len), s, PLAN_MAGIC);
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
			    "'%s' no longer has", msg_len(idlen), tok,
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
		if (has_order(q->type) && colon == NULL) {
			err_set(e, "plan has no %s order for question '%s' "
			    "(the content has changed)", part_kind(q), q->id);
			goto fail;
		}
		if (!has_order(q->type) && colon != NULL) {
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

/* Is a typed number's comma grouping right: "1,234,567" but not "12,34"? */
static int
groups_ok(const char *s, size_t len)
{
	size_t	i, run = 0, groups = 0;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == ',') {
			if (run == 0 || run > 3 || (groups > 0 && run != 3))
				return 0;
			groups++;
			run = 0;
		} else
			run++;
	}
	return 1;
}

/* strtod() of a plain decimal with '.', whatever LC_NUMERIC says. */
static double
number_value(const char *canon)
{
	const char	*dp = localeconv()->decimal_point;
	const char	*dot;
	struct buf	 b;
	double		 v;

	if (dp == NULL || strcmp(dp, ".") == 0 ||
	    (dot = strchr(canon, '.')) == NULL)
		return strtod(canon, NULL);
	buf_init(&b);
	buf_add(&b, canon, (size_t)(dot - canon));
	buf_adds(&b, dp);
	buf_adds(&b, dot + 1);
	v = strtod(b.data, NULL);
	buf_release(&b);
	return v;
}

int
attempt_number(const char *typed, struct buf *canon, double *value,
    struct err *e)
{
	struct buf	 n, c;
	const char	*p, *whole, *frac = NULL;
	size_t		 wlen, flen = 0, commas = 0;
	int		 neg = 0, rc = -1, zero;
	double		 v;

	if (typed == NULL)
		typed = "";
	buf_init(&n);
	buf_init(&c);
	text_normalise(typed, strlen(typed), &n);
	p = n.data;
	if (*p == '\0') {
		err_set(e, "no number given");
		goto out;
	}
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	} else if (strncmp(p, MINUS_SIGN, strlen(MINUS_SIGN)) == 0) {
		neg = 1;
		p += strlen(MINUS_SIGN);
	}
	whole = p;
	while ((*p >= '0' && *p <= '9') || *p == ',')
		commas += *p++ == ',';
	wlen = (size_t)(p - whole);
	if (*p == '.') {
		frac = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		flen = (size_t)(p - frac);
	}
	/* "0,5" may mean a half (decimal comma): refuse to guess */
	if (*p != '\0' || wlen + flen == 0 || (commas > 0 &&
	    (wlen == 0 || *whole == '0' || !groups_ok(whole, wlen))))
		goto bad;

	/* canonical: no grouping, no leading or trailing zeros, no "-0" */
	while (wlen > 0 && (*whole == '0' || *whole == ','))
		whole++, wlen--;
	while (flen > 0 && frac[flen - 1] == '0')
		flen--;
	zero = wlen == 0 && flen == 0;
	if (neg && !zero)
		buf_addc(&c, '-');
	if (wlen == 0)
		buf_addc(&c, '0');
	for (; wlen > 0; whole++, wlen--)
		if (*whole != ',')
			buf_addc(&c, *whole);
	if (flen > 0) {
		buf_addc(&c, '.');
		buf_add(&c, frac, flen);
	}
	v = number_value(c.data);
	if (!isfinite(v)) {
		err_set(e, "'%s' is too large", typed);
		goto out;
	}
	if (canon != NULL)
		buf_add(canon, c.data, c.len);
	if (value != NULL)
		*value = v;
	rc = 0;
	goto out;
bad:
	err_set(e, "'%s' is not a number", typed);
out:
	buf_release(&n);
	buf_release(&c);
	return rc;
}

/*
 * A double as a plain decimal (no exponent, '.' whatever the locale) to
 * 15 significant digits, which hides binary noise: 12.5 - 0.5 -> "12",
 * 0.3 - 0.1 -> "0.2".
 */
static void
number_format(double v, struct buf *out)
{
	const char	*dp = localeconv()->decimal_point;
	char		 tmp[512], *s, *d;
	int		 prec;

	if (v == 0 || !isfinite(v))
		v = 0;	/* also turns -0 into 0 */
	snprintf(tmp, sizeof tmp, "%.15g", v);
	if (strpbrk(tmp, "eE") != NULL) {
		prec = 14 - (int)floor(log10(fabs(v)));
		if (prec < 0)
			prec = 0;
		if (prec > 340)
			prec = 340;
		snprintf(tmp, sizeof tmp, "%.*f", prec, v);
	}
	/* the locale's decimal point back to '.' */
	if (dp != NULL && strcmp(dp, ".") != 0 && *dp != '\0' &&
	    (s = strstr(tmp, dp)) != NULL) {
		*s = '.';
		memmove(s + 1, s + strlen(dp), strlen(s + strlen(dp)) + 1);
	}
	if ((s = strchr(tmp, '.')) != NULL) {
		d = s + strlen(s);
		while (d > s + 1 && d[-1] == '0')
			*--d = '\0';
		if (d == s + 1)
			*s = '\0';
	}
	buf_adds(out, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}

/* ---- Responses ---- */

void
attempt_response_init(struct attempt_response *r, const struct question *q)
{
	size_t	i;

	memset(r, 0, sizeof *r);
	r->type = q->type;
	r->truth = -1;
	r->text = xstrdup("");
	if (q->type == Q_MATCHING && q->npairs > 0) {
		r->sel = xcalloc(q->npairs, sizeof *r->sel);
		r->nsel = q->npairs;
		for (i = 0; i < q->npairs; i++)
			r->sel[i] = ATTEMPT_NONE;
	}
}

void
attempt_response_release(struct attempt_response *r)
{
	free(r->sel);
	free(r->text);
	r->sel = NULL;
	r->nsel = 0;
	r->text = NULL;
}

int
attempt_response_empty(const struct attempt_response *r)
{
	size_t	i;

	switch (r->type) {
	case Q_TRUE_FALSE:
		return r->truth == -1;
	case Q_FILL_IN:
	case Q_NUMERIC:
		return r->text == NULL || *r->text == '\0';
	case Q_MATCHING:
		for (i = 0; i < r->nsel; i++)
			if (r->sel[i] != ATTEMPT_NONE)
				return 0;
		return 1;
	default:
		return r->nsel == 0;
	}
}

/* Append 'text' with each "[,]" escaped. */
static void
fill_escape(const char *text, struct buf *out)
{
	const char	*p;

	while ((p = strstr(text, DELIM_LIST)) != NULL) {
		buf_add(out, text, (size_t)(p - text));
		buf_adds(out, FILL_ESCAPED);
		text = p + strlen(DELIM_LIST);
	}
	buf_adds(out, text);
}

/* A new string: 's' with the escape undone. */
static char *
fill_unescape(const char *s)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	while ((p = strstr(s, FILL_ESCAPED)) != NULL) {
		buf_add(&b, s, (size_t)(p - s));
		buf_adds(&b, DELIM_LIST);
		s = p + strlen(FILL_ESCAPED);
	}
	buf_adds(&b, s);
	if (b.len == 0)
		return xstrdup("");
	return buf_detach(&b, NULL);
}

/* Allocate r->sel for 'n' entries (n may be 0). */
static void
sel_alloc(struct attempt_response *r, size_t n)
{
	free(r->sel);
	r->sel = n > 0 ? xcalloc(n, sizeof *r->sel) : NULL;
	r->nsel = 0;
}

/*
 * Parse a "[,]" list of part ids into r->sel. Repeats are an error unless
 * 'allow_repeat' (then they are dropped). Returns 0 or -1.
 */
static int
parse_id_list(const struct question *q, const char *s,
    struct attempt_response *r, int allow_repeat, struct err *e)
{
	const char	*f;
	size_t		 n = part_count(q), len, k, i;

	sel_alloc(r, n);
	while (s != NULL) {
		f = field_next(&s, DELIM_LIST, &len);
		if ((k = part_find(q, f, len)) == ATTEMPT_NONE)
			return err_set(e, "question '%s' has no %s '%.*s'",
			    q->id, part_kind(q), msg_len(len), f);
		for (i = 0; i < r->nsel; i++)
			if (r->sel[i] == k)
				break;
		if (i < r->nsel) {
			if (allow_repeat)
				continue;
			return err_set(e, "response to question '%s' lists "
			    "%s '%s' twice", q->id, part_kind(q),
			    part_id(q, k));
		}
		r->sel[r->nsel++] = k;
	}
	return 0;
}

static int
parse_matching(const struct question *q, const char *s,
    struct attempt_response *r, struct err *e)
{
	const char	*f, *pair, *rest;
	size_t		 len, llen, rlen, l, k;
	char		*tmp;

	while (s != NULL) {
		f = field_next(&s, DELIM_LIST, &len);
		tmp = xstrndup(f, len);
		rest = tmp;
		pair = field_next(&rest, DELIM_PAIR, &llen);
		if (rest == NULL || strstr(rest, DELIM_PAIR) != NULL) {
			err_set(e, "'%.*s' is not a left[.]right pair",
			    msg_len(len), f);
			free(tmp);
			return -1;
		}
		rlen = strlen(rest);
		l = part_find(q, pair, llen);
		k = part_find(q, rest, rlen);
		if (l == ATTEMPT_NONE || k == ATTEMPT_NONE) {
			err_set(e, "question '%s' has no pair '%.*s'", q->id,
			    l == ATTEMPT_NONE ? msg_len(llen) : msg_len(rlen),
			    l == ATTEMPT_NONE ? pair : rest);
			free(tmp);
			return -1;
		}
		free(tmp);
		if (r->sel[l] != ATTEMPT_NONE)
			return err_set(e, "response to question '%s' matches "
			    "'%s' twice", q->id, part_id(q, l));
		r->sel[l] = k;
	}
	return 0;
}

static int
response_parse(const struct question *q, const char *s,
    struct attempt_response *r, struct err *e)
{
	struct buf	 b;
	size_t		 i;

	switch (q->type) {
	case Q_CHOICE:
		sel_alloc(r, 1);
		if ((i = part_find(q, s, strlen(s))) == ATTEMPT_NONE)
			return err_set(e, "question '%s' has no choice '%.*s'",
			    q->id, msg_len(strlen(s)), s);
		r->sel[r->nsel++] = i;
		return 0;
	case Q_MULTIPLE:
		if (parse_id_list(q, s, r, 0, e) == -1)
			return -1;
		qsort(r->sel, r->nsel, sizeof *r->sel, cmp_size);
		return 0;
	case Q_TRUE_FALSE:
		if (strcmp(s, "true") == 0)
			r->truth = 1;
		else if (strcmp(s, "false") == 0)
			r->truth = 0;
		else
			return err_set(e, "'%.*s' is not true or false",
			    msg_len(strlen(s)), s);
		return 0;
	case Q_FILL_IN:
		free(r->text);
		r->text = fill_unescape(s);
		return 0;
	case Q_NUMERIC:
		buf_init(&b);
		if (attempt_number(s, &b, &r->number, e) == -1) {
			buf_release(&b);
			return -1;
		}
		free(r->text);
		r->text = buf_detach(&b, NULL);
		return 0;
	case Q_MATCHING:
		return parse_matching(q, s, r, e);
	case Q_ORDERING:
		if (parse_id_list(q, s, r, 0, e) == -1)
			return -1;
		if (r->nsel != q->nitems)
			return err_set(e, "response to question '%s' orders "
			    "%zu of its %zu items", q->id, r->nsel,
			    q->nitems);
		return 0;
	default:
		return err_set(e, "question '%s' has an unknown type", q->id);
	}
}

int
attempt_response_parse(const struct question *q, const char *resp,
    struct attempt_response *r, struct err *e)
{
	attempt_response_init(r, q);
	if (resp == NULL || *resp == '\0')
		return 0;
	if (response_parse(q, resp, r, e) == 0)
		return 0;
	attempt_response_release(r);
	attempt_response_init(r, q);
	return -1;
}

static int
encode_wrong(const struct question *q, const char *what, struct err *e)
{
	return err_set(e, "response to question '%s' %s", q->id, what);
}

/* Write r->sel as a "[,]" list of distinct in-range part ids. */
static int
encode_id_list(const struct question *q, const size_t *sel, size_t n,
    struct buf *out, struct err *e)
{
	size_t	i, j, np = part_count(q);

	for (i = 0; i < n; i++) {
		if (sel[i] >= np)
			return encode_wrong(q, "has an index out of range", e);
		for (j = 0; j < i; j++)
			if (sel[j] == sel[i])
				return err_set(e, "response to question '%s' "
				    "lists %s '%s' twice", q->id,
				    part_kind(q), part_id(q, sel[i]));
		if (i > 0)
			buf_adds(out, DELIM_LIST);
		buf_adds(out, part_id(q, sel[i]));
	}
	return 0;
}

static int
response_encode(const struct question *q, const struct attempt_response *r,
    struct buf *out, struct err *e)
{
	size_t	*sorted, i, n;
	int	 rc;

	if (r->type != q->type)
		return err_set(e, "response is for a %s question, but '%s' is "
		    "a %s question", qtype_name(r->type) ? qtype_name(r->type)
		    : "unknown", q->id, qtype_name(q->type));
	if (attempt_response_empty(r))
		return 0;
	switch (q->type) {
	case Q_CHOICE:
		if (r->nsel != 1)
			return encode_wrong(q, "picks more than one choice",
			    e);
		return encode_id_list(q, r->sel, 1, out, e);
	case Q_MULTIPLE:
		sorted = xcalloc(r->nsel, sizeof *sorted);
		memcpy(sorted, r->sel, r->nsel * sizeof *sorted);
		qsort(sorted, r->nsel, sizeof *sorted, cmp_size);
		rc = encode_id_list(q, sorted, r->nsel, out, e);
		free(sorted);
		return rc;
	case Q_TRUE_FALSE:
		buf_adds(out, r->truth ? "true" : "false");
		return 0;
	case Q_FILL_IN:
		if (!text_valid_utf8(r->text, strlen(r->text), NULL))
			return encode_wrong(q, "is not valid UTF-8", e);
		fill_escape(r->text, out);
		return 0;
	case Q_NUMERIC:
		return attempt_number(r->text, out, NULL, e);
	case Q_MATCHING:
		if (r->nsel != q->npairs)
			return encode_wrong(q, "does not have one entry per "
			    "pair", e);
		for (i = 0, n = 0; i < r->nsel; i++) {
			if (r->sel[i] == ATTEMPT_NONE)
				continue;
			if (r->sel[i] >= q->npairs)
				return encode_wrong(q, "has an index out of "
				    "range", e);
			if (n++ > 0)
				buf_adds(out, DELIM_LIST);
			buf_adds(out, q->pairs[i].id);
			buf_adds(out, DELIM_PAIR);
			buf_adds(out, q->pairs[r->sel[i]].id);
		}
		return 0;
	case Q_ORDERING:
		if (r->nsel != q->nitems)
			return err_set(e, "response to question '%s' orders "
			    "%zu of its %zu items", q->id, r->nsel,
			    q->nitems);
		return encode_id_list(q, r->sel, r->nsel, out, e);
	default:
		return err_set(e, "question '%s' has an unknown type", q->id);
	}
}

int
attempt_response_encode(const struct question *q,
    const struct attempt_response *r, struct buf *out, struct err *e)
{
	struct buf	tmp;
	int		rc;

	/* into a scratch buffer, so a failure appends nothing */
	buf_init(&tmp);
	if ((rc = response_encode(q, r, &tmp, e)) == 0)
		buf_add(out, tmp.data, tmp.len);
	buf_release(&tmp);
	return rc;
}

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
encode_release(const struct question *q, struct attempt_response *r,
    int rc, struct buf *out, struct err *e)
{
	if (rc == 0)
		rc = attempt_response_encode(q, r, out, e);
	attempt_response_release(r);
	return rc;
}

/* Resolve 'n' ids to part indexes in r->sel (repeats optional). */
static int
ids_to_sel(const struct question *q, const char *const *ids, size_t n,
    int drop_repeats, struct attempt_response *r, struct err *e)
{
	size_t	i, j, k;

	sel_alloc(r, n);
	for (i = 0; i < n; i++) {
		k = ids[i] != NULL ?
		    part_find(q, ids[i], strlen(ids[i])) : ATTEMPT_NONE;
		if (k == ATTEMPT_NONE)
			return err_set(e, "question '%s' has no %s '%s'",
			    q->id, part_kind(q), ids[i] ? ids[i] : "");
		for (j = 0; j < r->nsel; j++)
			if (r->sel[j] == k)
				break;
		if (j < r->nsel) {
			if (drop_repeats)
				continue;
			return err_set(e, "response to question '%s' lists "
			    "%s '%s' twice", q->id, part_kind(q), ids[i]);
		}
		r->sel[r->nsel++] = k;
	}
	return 0;
}

int
attempt_response_choice(const struct question *q, const char *id,
    struct buf *out, struct err *e)
{
	struct attempt_response	r;
	int			rc;

	if (type_check(q, Q_CHOICE, e) == -1)
		return -1;
	attempt_response_init(&r, q);
	rc = ids_to_sel(q, &id, 1, 0, &r, e);
	return encode_release(q, &r, rc, out, e);
}

int
attempt_response_multiple(const struct question *q, const char *const *ids,
    size_t n, struct buf *out, struct err *e)
{
	struct attempt_response	r;
	int			rc;

	if (type_check(q, Q_MULTIPLE, e) == -1)
		return -1;
	attempt_response_init(&r, q);
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
	struct attempt_response	r;

	if (type_check(q, Q_FILL_IN, e) == -1)
		return -1;
	attempt_response_init(&r, q);
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
	struct attempt_response	r;
	size_t			i, l, k;
	int			rc = 0;

	if (type_check(q, Q_MATCHING, e) == -1)
		return -1;
	attempt_response_init(&r, q);
	for (i = 0; i < n && rc == 0; i++) {
		l = left[i] ? part_find(q, left[i], strlen(left[i])) :
		    ATTEMPT_NONE;
		k = right[i] ? part_find(q, right[i], strlen(right[i])) :
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
	struct attempt_response	r;
	int			rc;

	if (type_check(q, Q_ORDERING, e) == -1)
		return -1;
	attempt_response_init(&r, q);
	rc = ids_to_sel(q, ids, n, 0, &r, e);
	return encode_release(q, &r, rc, out, e);
}

/* ---- Correct responses ---- */

size_t
attempt_npatterns(const struct question *q)
{
	return q->type == Q_FILL_IN ? q->nanswers : 1;
}

void
attempt_correct_pattern(const struct question *q, size_t i, struct buf *out)
{
	size_t	j, n;

	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		for (j = 0, n = 0; j < q->nchoices; j++)
			if (q->choices[j].correct) {
				if (n++ > 0)
					buf_adds(out, DELIM_LIST);
				buf_adds(out, q->choices[j].id);
				if (q->type == Q_CHOICE)
					break;
			}
		break;
	case Q_TRUE_FALSE:
		buf_adds(out, q->answer_bool ? "true" : "false");
		break;
	case Q_FILL_IN:
		if (i >= q->nanswers)
			break;
		buf_adds(out, "{case_matters=false}");
		fill_escape(q->answers[i], out);
		break;
	case Q_NUMERIC:
		if (q->tolerance > 0) {
			number_format(q->answer_num - q->tolerance, out);
			buf_adds(out, DELIM_RANGE);
			number_format(q->answer_num + q->tolerance, out);
		} else
			number_format(q->answer_num, out);
		break;
	case Q_MATCHING:
		for (j = 0; j < q->npairs; j++) {
			if (j > 0)
				buf_adds(out, DELIM_LIST);
			buf_adds(out, q->pairs[j].id);
			buf_adds(out, DELIM_PAIR);
			buf_adds(out, q->pairs[j].id);
		}
		break;
	case Q_ORDERING:
		for (j = 0; j < q->nitems; j++) {
			if (j > 0)
				buf_adds(out, DELIM_LIST);
			buf_adds(out, q->items[j].id);
		}
		break;
	default:
		break;
	}
}

/* ---- Scoring ---- */

/* |r - answer| <= tolerance, allowing for binary rounding of decimals. */
static int
numeric_ok(const struct question *q, double r)
{
	double	mag, eps;

	mag = fmax(1.0, fmax(fabs(q->answer_num), fabs(r)));
	eps = 1e-12 * mag;
	return fabs(r - q->answer_num) <= q->tolerance + eps;
}

static void
score_multiple(const struct question *q, const struct attempt_response *r,
    struct attempt_score *out)
{
	size_t	i, ncorrect = 0, right = 0, wrong = 0;
	double	frac;

	for (i = 0; i < q->nchoices; i++)
		ncorrect += q->choices[i].correct != 0;
	for (i = 0; i < r->nsel; i++) {
		if (q->choices[r->sel[i]].correct)
			right++;
		else
			wrong++;
	}
	out->correct = ncorrect > 0 && right == ncorrect && wrong == 0;
	if (out->correct)
		out->points = q->points;
	else if (q->scoring == SCORING_PARTIAL && ncorrect > 0 &&
	    right > wrong) {
		frac = (double)(right - wrong) / (double)ncorrect;
		out->points = q->points * frac;
	}
}

int
attempt_score(const struct question *q, const char *resp,
    struct attempt_score *out)
{
	struct attempt_response	r;
	size_t			i;
	double			v;
	int			ok = 0;

	out->correct = 0;
	out->points = 0;
	out->max = q->points;
	if (resp == NULL || *resp == '\0')
		return 0;
	switch (q->type) {
	case Q_FILL_IN:
		/* the "[,]" escape is invisible to text_normalise() */
		for (i = 0; i < q->nanswers; i++)
			if (text_equal_normalised(resp, q->answers[i]))
				ok = 1;
		break;
	case Q_NUMERIC:
		if (attempt_number(resp, NULL, &v, NULL) == -1)
			return -1;
		ok = numeric_ok(q, v);
		break;
	default:
		if (attempt_response_parse(q, resp, &r, NULL) == -1) {
			attempt_response_release(&r);
			return -1;
		}
		switch (q->type) {
		case Q_CHOICE:
			ok = r.nsel == 1 && q->choices[r.sel[0]].correct;
			break;
		case Q_MULTIPLE:
			score_multiple(q, &r, out);
			attempt_response_release(&r);
			return 0;
		case Q_TRUE_FALSE:
			ok = r.truth == (q->answer_bool != 0);
			break;
		case Q_MATCHING:
		case Q_ORDERING:
			ok = r.nsel == part_count(q) && is_identity(r.sel,
			    r.nsel);
			break;
		default:
			break;
		}
		attempt_response_release(&r);
		break;
	}
	out->correct = ok;
	out->points = ok ? q->points : 0;
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
	return bad;
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
