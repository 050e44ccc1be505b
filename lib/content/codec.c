#include "content/codec.h"

#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "content/validate.h"

/* ---- writing ---- */

static void
put_u(struct buf *b, uint64_t v)
{
	unsigned char	tmp[10];
	size_t		n = 0;

	do {
		tmp[n] = v & 0x7f;
		v >>= 7;
		if (v != 0)
			tmp[n] |= 0x80;
		n++;
	} while (v != 0);
	buf_add(b, tmp, n);
}

static void
put_d(struct buf *b, double d)
{
	unsigned char	tmp[8];
	uint64_t	v;
	int		i;

	memcpy(&v, &d, sizeof v);
	for (i = 0; i < 8; i++)
		tmp[i] = (unsigned char)(v >> (8 * i));
	buf_add(b, tmp, sizeof tmp);
}

static void
put_s(struct buf *b, const char *s)
{
	size_t	n;

	if (s == NULL) {
		put_u(b, 0);
		return;
	}
	n = strlen(s);
	put_u(b, (uint64_t)n + 1);
	buf_add(b, s, n);
}

static void
put_l(struct buf *b, const struct lstr *l)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		put_s(b, l->s[i]);
}

/* A list of strings; NULL and empty are both a count of 0. */
static void
put_strs(struct buf *b, const char *const *v, size_t n)
{
	size_t	i;

	put_u(b, v == NULL ? 0 : n);
	for (i = 0; v != NULL && i < n; i++)
		put_s(b, v[i]);
}

/* ---- reading ---- */

struct rd {
	const unsigned char	*p;
	size_t			 len, off;
	struct arena		*a;
	const char		*why;	/* first problem, NULL while fine */
};

static int
rd_bad(struct rd *r, const char *why)
{
	if (r->why == NULL)
		r->why = why;
	r->off = r->len;	/* nothing more is read */
	return -1;
}

static uint64_t
get_u(struct rd *r)
{
	uint64_t	v = 0;
	int		shift;

	for (shift = 0; shift < 64; shift += 7) {
		if (r->off >= r->len) {
			rd_bad(r, "truncated record");
			return 0;
		}
		v |= (uint64_t)(r->p[r->off] & 0x7f) << shift;
		if ((r->p[r->off++] & 0x80) == 0)
			return v;
	}
	rd_bad(r, "bad number");
	return 0;
}

/* An unsigned value at most 'max'. */
static unsigned
get_max(struct rd *r, unsigned max)
{
	uint64_t	v = get_u(r);

	if (v > max) {
		rd_bad(r, "value out of range");
		return 0;
	}
	return (unsigned)v;
}

static double
get_d(struct rd *r)
{
	uint64_t	v = 0;
	double		d;
	int		i;

	if (r->len - r->off < 8) {
		rd_bad(r, "truncated record");
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[r->off + i] << (8 * i);
	r->off += 8;
	memcpy(&d, &v, sizeof d);
	return d;
}

static const char *
get_s(struct rd *r)
{
	uint64_t	n = get_u(r);
	const char	*s;

	if (n == 0)
		return NULL;
	n--;
	if (n > r->len - r->off) {
		rd_bad(r, "truncated string");
		return NULL;
	}
	if (memchr(r->p + r->off, '\0', (size_t)n) != NULL) {
		rd_bad(r, "NUL inside a string");
		return NULL;
	}
	s = arena_strndup(r->a, (const char *)r->p + r->off, (size_t)n);
	r->off += (size_t)n;
	return s;
}

static void
get_l(struct rd *r, struct lstr *l)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		l->s[i] = get_s(r);
	/* a language-neutral string is one string, as the loader makes it */
	for (i = 1; i < LANG_COUNT; i++)
		if (l->s[i] != NULL && l->s[0] != NULL &&
		    strcmp(l->s[i], l->s[0]) == 0)
			l->s[i] = l->s[0];
}

/*
 * A count of elements that take at least one byte each: never more than
 * the bytes left, so a forged count cannot ask for a huge allocation.
 */
static size_t
get_n(struct rd *r)
{
	uint64_t	n = get_u(r);

	if (n > r->len - r->off) {
		rd_bad(r, "count larger than the record");
		return 0;
	}
	return (size_t)n;
}

/* Room for 'n' elements of 'size'; NULL for none. */
static void *
get_array(struct rd *r, size_t n, size_t size)
{
	return n ? arena_alloc(r->a, n * size) : NULL;
}

static const char **
get_strs(struct rd *r, size_t *n)
{
	const char	**v;
	size_t		  i;

	*n = get_n(r);
	if (*n == 0)
		return NULL;
	v = get_array(r, *n, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = get_s(r);
	return v;
}

/* ---- the model, field by field ---- */

/* Per question type: what follows the common fields. */
static void
enc_question_body(struct buf *b, const struct question *q)
{
	size_t	i;

	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		put_u(b, q->nchoices);
		for (i = 0; i < q->nchoices; i++) {
			put_s(b, q->choices[i].id);
			put_l(b, &q->choices[i].text);
			put_u(b, q->choices[i].correct != 0);
			put_l(b, &q->choices[i].feedback);
		}
		break;
	case Q_TRUE_FALSE:
		put_u(b, q->answer_bool != 0);
		break;
	case Q_FILL_IN:
		put_strs(b, q->answers, q->nanswers);
		break;
	case Q_NUMERIC:
		put_d(b, q->answer_num);
		put_d(b, q->tolerance);
		put_l(b, &q->unit);
		break;
	case Q_MATCHING:
		put_u(b, q->npairs);
		for (i = 0; i < q->npairs; i++) {
			put_s(b, q->pairs[i].id);
			put_l(b, &q->pairs[i].left);
			put_l(b, &q->pairs[i].right);
		}
		break;
	case Q_ORDERING:
		put_u(b, q->nitems);
		for (i = 0; i < q->nitems; i++) {
			put_s(b, q->items[i].id);
			put_l(b, &q->items[i].text);
		}
		break;
	case Q_TYPE_COUNT:
		break;
	}
}

static void
dec_question_body(struct rd *r, struct question *q)
{
	size_t	i;

	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		q->nchoices = get_n(r);
		q->choices = get_array(r, q->nchoices, sizeof *q->choices);
		for (i = 0; i < q->nchoices; i++) {
			q->choices[i].id = get_s(r);
			get_l(r, &q->choices[i].text);
			q->choices[i].correct = (int)get_max(r, 1);
			get_l(r, &q->choices[i].feedback);
		}
		break;
	case Q_TRUE_FALSE:
		q->answer_bool = (int)get_max(r, 1);
		break;
	case Q_FILL_IN:
		q->answers = get_strs(r, &q->nanswers);
		break;
	case Q_NUMERIC:
		q->answer_num = get_d(r);
		q->tolerance = get_d(r);
		get_l(r, &q->unit);
		break;
	case Q_MATCHING:
		q->npairs = get_n(r);
		q->pairs = get_array(r, q->npairs, sizeof *q->pairs);
		for (i = 0; i < q->npairs; i++) {
			q->pairs[i].id = get_s(r);
			get_l(r, &q->pairs[i].left);
			get_l(r, &q->pairs[i].right);
		}
		break;
	case Q_ORDERING:
		q->nitems = get_n(r);
		q->items = get_array(r, q->nitems, sizeof *q->items);
		for (i = 0; i < q->nitems; i++) {
			q->items[i].id = get_s(r);
			get_l(r, &q->items[i].text);
		}
		break;
	case Q_TYPE_COUNT:
		break;
	}
}

static void
enc_question(struct buf *b, const struct question *q)
{
	put_s(b, q->id);
	put_u(b, (uint64_t)q->type);
	put_l(b, &q->prompt);
	put_l(b, &q->explain);
	put_d(b, q->points);
	put_u(b, (uint64_t)q->scoring);
	put_strs(b, q->tags, q->ntags);
	put_strs(b, q->revisit, q->nrevisit);
	put_u(b, q->line);
	enc_question_body(b, q);
}

static void
dec_question(struct rd *r, struct question *q)
{
	q->id = get_s(r);
	q->type = (enum qtype)get_max(r, Q_TYPE_COUNT - 1);
	get_l(r, &q->prompt);
	get_l(r, &q->explain);
	q->points = get_d(r);
	q->scoring = (enum scoring)get_max(r, SCORING_PARTIAL);
	q->tags = get_strs(r, &q->ntags);
	q->revisit = get_strs(r, &q->nrevisit);
	q->line = get_max(r, UINT32_MAX);
	dec_question_body(r, q);
}

static void
enc_quiz(struct buf *b, const struct quiz *z, int head)
{
	size_t	i;

	put_s(b, z->id);
	put_l(b, &z->title);
	put_u(b, (uint64_t)z->pass_pct);
	put_u(b, (uint64_t)z->attempts);
	put_u(b, (uint64_t)z->time_limit);
	put_u(b, z->shuffle_questions != 0);
	put_u(b, z->shuffle_choices != 0);
	put_u(b, (uint64_t)z->draw);
	put_u(b, (uint64_t)z->feedback);
	put_u(b, (uint64_t)z->mastery_of);		/* format 2 */
	put_u(b, (uint64_t)z->mastery_correct);
	put_u(b, z->nquestions);
	for (i = 0; !head && i < z->nquestions; i++)
		enc_question(b, &z->questions[i]);
}

static struct quiz *
dec_quiz(struct rd *r, int head)
{
	struct quiz	*z = arena_alloc(r->a, sizeof *z);
	size_t		 i;

	z->id = get_s(r);
	get_l(r, &z->title);
	z->pass_pct = (int)get_max(r, 100);
	z->attempts = (int)get_max(r, 100000);
	z->time_limit = (int)get_max(r, 24 * 3600);
	z->shuffle_questions = (int)get_max(r, 1);
	z->shuffle_choices = (int)get_max(r, 1);
	z->draw = (int)get_max(r, 100000);
	z->feedback = (enum feedback_policy)get_max(r, FEEDBACK_NONE);
	z->mastery_of = (int)get_max(r, 100);
	z->mastery_correct = (int)get_max(r, 100);
	if (head) {
		/* a header's count has no questions behind it */
		z->nquestions = get_max(r, 1000000);
		return z;
	}
	z->nquestions = get_n(r);
	z->questions = get_array(r, z->nquestions, sizeof *z->questions);
	for (i = 0; i < z->nquestions; i++)
		dec_question(r, &z->questions[i]);
	return z;
}

static void
enc_module(struct buf *b, const struct module *m, int head)
{
	const char	*base;
	size_t		 i;

	put_s(b, m->id);
	/* only the file's name: the trainer's folders stay theirs */
	base = m->file ? strrchr(m->file, '/') : NULL;
	put_s(b, base ? base + 1 : m->file);
	put_l(b, &m->title);
	put_u(b, (uint64_t)m->minutes);
	put_u(b, m->pages ? m->npages : 0);
	for (i = 0; m->pages != NULL && i < m->npages; i++) {
		put_s(b, m->pages[i].id);
		put_l(b, &m->pages[i].title);
		if (!head)
			put_l(b, &m->pages[i].text);
	}
	put_u(b, m->quiz != NULL);
	if (m->quiz != NULL)
		enc_quiz(b, m->quiz, head);
}

static void
dec_module(struct rd *r, struct module *m, int head)
{
	size_t	i;

	m->id = get_s(r);
	m->file = get_s(r);
	get_l(r, &m->title);
	m->minutes = (int)get_max(r, 6000);
	m->npages = get_n(r);
	m->pages = get_array(r, m->npages, sizeof *m->pages);
	for (i = 0; i < m->npages; i++) {
		m->pages[i].id = get_s(r);
		get_l(r, &m->pages[i].title);
		if (!head)
			get_l(r, &m->pages[i].text);
	}
	if (get_max(r, 1))
		m->quiz = dec_quiz(r, head);
}

void
codec_encode(const struct course *c, int head, struct buf *out)
{
	size_t	i;

	put_s(out, c->id);
	put_s(out, c->version);
	put_l(out, &c->title);
	put_l(out, &c->summary);
	put_u(out, c->audience);
	put_u(out, (uint64_t)c->area);
	put_u(out, (uint64_t)c->level);
	put_d(out, c->hours);
	put_s(out, c->cert.body);
	put_s(out, c->cert.code);
	put_s(out, c->cert.valid_until);
	put_u(out, (uint64_t)c->completion.kind);
	put_u(out, (uint64_t)c->completion.count);
	put_strs(out, c->completion.quizzes, c->completion.nquizzes);
	put_u(out, c->tags ? c->ntags : 0);
	for (i = 0; c->tags != NULL && i < c->ntags; i++) {
		put_s(out, c->tags[i].id);
		put_l(out, &c->tags[i].label);
	}
	put_s(out, c->hash);
	put_u(out, c->review != 0);			/* format 2 */
	put_u(out, c->nmodules);
	for (i = 0; i < c->nmodules; i++)
		enc_module(out, &c->modules[i], head);
}

struct course *
codec_decode(const void *p, size_t len, int head, const char *dir,
    struct err *e)
{
	struct course	*c = xcalloc(1, sizeof *c);
	struct rd	 r;
	const char	*hash;
	size_t		 i;

	memset(&r, 0, sizeof r);
	r.p = p;
	r.len = len;
	r.a = c->arena = arena_new();
	c->header = head;
	c->dir = arena_strdup(r.a, dir);
	c->id = get_s(&r);
	c->version = get_s(&r);
	get_l(&r, &c->title);
	get_l(&r, &c->summary);
	c->audience = get_max(&r, (1u << GROUP_COUNT) - 1);
	c->area = (enum area)get_max(&r, AREA_COUNT - 1);
	c->level = (enum level)get_max(&r, LEVEL_COUNT - 1);
	c->hours = get_d(&r);
	c->cert.body = get_s(&r);
	c->cert.code = get_s(&r);
	c->cert.valid_until = get_s(&r);
	c->completion.kind = (enum completion_kind)get_max(&r, COMPLETE_PASS);
	c->completion.count = (int)get_max(&r, 100000);
	c->completion.quizzes = get_strs(&r, &c->completion.nquizzes);
	c->ntags = get_n(&r);
	c->tags = get_array(&r, c->ntags, sizeof *c->tags);
	for (i = 0; i < c->ntags; i++) {
		c->tags[i].id = get_s(&r);
		get_l(&r, &c->tags[i].label);
	}
	hash = get_s(&r);
	if (hash == NULL || strlen(hash) != 64)
		rd_bad(&r, "bad content hash");
	else
		memcpy(c->hash, hash, 65);
	c->review = (int)get_max(&r, 1);
	c->nmodules = get_n(&r);
	c->modules = get_array(&r, c->nmodules, sizeof *c->modules);
	for (i = 0; i < c->nmodules; i++)
		dec_module(&r, &c->modules[i], head);
	if (r.why == NULL && r.off != r.len)
		rd_bad(&r, "bytes after the record");
	if (r.why != NULL) {
		err_set(e, "damaged course record: %s", r.why);
		goto fail;
	}
	if (validate_course(c, e) == -1)
		goto fail;
	return c;
fail:
	course_free(c);
	return NULL;
}
