#include "content/codec.h"

#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "content/qtype.h"
#include "content/validate.h"

/* ---- writing ---- */

void
codec_put_u(struct buf *b, uint64_t v)
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

void
codec_put_d(struct buf *b, double d)
{
	unsigned char	tmp[8];
	uint64_t	v;
	int		i;

	memcpy(&v, &d, sizeof v);
	for (i = 0; i < 8; i++)
		tmp[i] = (unsigned char)(v >> (8 * i));
	buf_add(b, tmp, sizeof tmp);
}

void
codec_put_s(struct buf *b, const char *s)
{
	size_t	n;

	if (s == NULL) {
		codec_put_u(b, 0);
		return;
	}
	n = strlen(s);
	codec_put_u(b, (uint64_t)n + 1);
	buf_add(b, s, n);
}

void
codec_put_l(struct buf *b, const struct lstr *l)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		codec_put_s(b, l->s[i]);
}

/* A list of strings; NULL and empty are both a count of 0. */
void
codec_put_strs(struct buf *b, const char *const *v, size_t n)
{
	size_t	i;

	codec_put_u(b, v == NULL ? 0 : n);
	for (i = 0; v != NULL && i < n; i++)
		codec_put_s(b, v[i]);
}

/* ---- reading ---- */

struct codec_rd {
	const unsigned char	*p;
	size_t			 len, off;
	struct arena		*a;
	const char		*why;	/* first problem, NULL while fine */
};

static int
rd_bad(struct codec_rd *r, const char *why)
{
	if (r->why == NULL)
		r->why = why;
	r->off = r->len;	/* nothing more is read */
	return -1;
}

uint64_t
codec_get_u(struct codec_rd *r)
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
unsigned
codec_get_max(struct codec_rd *r, unsigned max)
{
	uint64_t	v = codec_get_u(r);

	if (v > max) {
		rd_bad(r, "value out of range");
		return 0;
	}
	return (unsigned)v;
}

double
codec_get_d(struct codec_rd *r)
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

const char *
codec_get_s(struct codec_rd *r)
{
	uint64_t	n = codec_get_u(r);
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

void
codec_get_l(struct codec_rd *r, struct lstr *l)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		l->s[i] = codec_get_s(r);
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
size_t
codec_get_n(struct codec_rd *r)
{
	uint64_t	n = codec_get_u(r);

	if (n > r->len - r->off) {
		rd_bad(r, "count larger than the record");
		return 0;
	}
	return (size_t)n;
}

/* Room for 'n' elements of 'size'; NULL for none. */
void *
codec_get_array(struct codec_rd *r, size_t n, size_t size)
{
	return n ? arena_alloc(r->a, n * size) : NULL;
}

const char **
codec_get_strs(struct codec_rd *r, size_t *n)
{
	const char	**v;
	size_t		  i;

	*n = codec_get_n(r);
	if (*n == 0)
		return NULL;
	v = codec_get_array(r, *n, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = codec_get_s(r);
	return v;
}

/* ---- the model, field by field ---- */

static void
enc_question(struct buf *b, const struct question *q)
{
	codec_put_s(b, q->id);
	codec_put_u(b, (uint64_t)q->type);
	codec_put_l(b, &q->prompt);
	codec_put_l(b, &q->explain);
	codec_put_d(b, q->points);
	codec_put_u(b, (uint64_t)q->scoring);
	codec_put_strs(b, q->tags, q->ntags);
	codec_put_strs(b, q->revisit, q->nrevisit);
	codec_put_u(b, q->line);
	qtype_ops(q->type)->record_encode(q, b);
}

static void
dec_question(struct codec_rd *r, struct question *q)
{
	q->id = codec_get_s(r);
	q->type = (enum qtype)codec_get_max(r, Q_TYPE_COUNT - 1);
	codec_get_l(r, &q->prompt);
	codec_get_l(r, &q->explain);
	q->points = codec_get_d(r);
	q->scoring = (enum scoring)codec_get_max(r, SCORING_PARTIAL);
	q->tags = codec_get_strs(r, &q->ntags);
	q->revisit = codec_get_strs(r, &q->nrevisit);
	q->line = codec_get_max(r, UINT32_MAX);
	/* the type is in range: codec_get_max() made it so */
	qtype_ops(q->type)->record_decode(r, q);
}

static void
enc_quiz(struct buf *b, const struct quiz *z, int head)
{
	size_t	i;

	codec_put_s(b, z->id);
	codec_put_l(b, &z->title);
	codec_put_u(b, (uint64_t)z->pass_pct);
	codec_put_u(b, (uint64_t)z->attempts);
	codec_put_u(b, (uint64_t)z->time_limit);
	codec_put_u(b, z->shuffle_questions != 0);
	codec_put_u(b, z->shuffle_choices != 0);
	codec_put_u(b, (uint64_t)z->draw);
	codec_put_u(b, (uint64_t)z->feedback);
	codec_put_u(b, (uint64_t)z->mastery_of);		/* format 2 */
	codec_put_u(b, (uint64_t)z->mastery_correct);
	codec_put_u(b, z->nquestions);
	for (i = 0; !head && i < z->nquestions; i++)
		enc_question(b, &z->questions[i]);
}

static struct quiz *
dec_quiz(struct codec_rd *r, int head)
{
	struct quiz	*z = arena_alloc(r->a, sizeof *z);
	size_t		 i;

	z->id = codec_get_s(r);
	codec_get_l(r, &z->title);
	z->pass_pct = (int)codec_get_max(r, 100);
	z->attempts = (int)codec_get_max(r, 100000);
	z->time_limit = (int)codec_get_max(r, 24 * 3600);
	z->shuffle_questions = (int)codec_get_max(r, 1);
	z->shuffle_choices = (int)codec_get_max(r, 1);
	z->draw = (int)codec_get_max(r, 100000);
	z->feedback = (enum feedback_policy)codec_get_max(r, FEEDBACK_NONE);
	z->mastery_of = (int)codec_get_max(r, 100);
	z->mastery_correct = (int)codec_get_max(r, 100);
	if (head) {
		/* a header's count has no questions behind it */
		z->nquestions = codec_get_max(r, 1000000);
		return z;
	}
	z->nquestions = codec_get_n(r);
	z->questions = codec_get_array(r, z->nquestions, sizeof *z->questions);
	for (i = 0; i < z->nquestions; i++)
		dec_question(r, &z->questions[i]);
	return z;
}

static void
enc_module(struct buf *b, const struct module *m, int head)
{
	const char	*base;
	size_t		 i;

	codec_put_s(b, m->id);
	/* only the file's name: the trainer's folders stay theirs */
	base = m->file ? strrchr(m->file, '/') : NULL;
	codec_put_s(b, base ? base + 1 : m->file);
	codec_put_l(b, &m->title);
	codec_put_u(b, (uint64_t)m->minutes);
	codec_put_u(b, m->pages ? m->npages : 0);
	for (i = 0; m->pages != NULL && i < m->npages; i++) {
		codec_put_s(b, m->pages[i].id);
		codec_put_l(b, &m->pages[i].title);
		if (!head)
			codec_put_l(b, &m->pages[i].text);
	}
	codec_put_u(b, m->quiz != NULL);
	if (m->quiz != NULL)
		enc_quiz(b, m->quiz, head);
}

static void
dec_module(struct codec_rd *r, struct module *m, int head)
{
	size_t	i;

	m->id = codec_get_s(r);
	m->file = codec_get_s(r);
	codec_get_l(r, &m->title);
	m->minutes = (int)codec_get_max(r, 6000);
	m->npages = codec_get_n(r);
	m->pages = codec_get_array(r, m->npages, sizeof *m->pages);
	for (i = 0; i < m->npages; i++) {
		m->pages[i].id = codec_get_s(r);
		codec_get_l(r, &m->pages[i].title);
		if (!head)
			codec_get_l(r, &m->pages[i].text);
	}
	if (codec_get_max(r, 1))
		m->quiz = dec_quiz(r, head);
}

void
codec_encode(const struct course *c, int head, struct buf *out)
{
	size_t	i;

	codec_put_s(out, c->id);
	codec_put_s(out, c->version);
	codec_put_l(out, &c->title);
	codec_put_l(out, &c->summary);
	codec_put_u(out, c->audience);
	codec_put_u(out, (uint64_t)c->area);
	codec_put_u(out, (uint64_t)c->level);
	codec_put_d(out, c->hours);
	codec_put_s(out, c->cert.body);
	codec_put_s(out, c->cert.code);
	codec_put_s(out, c->cert.valid_until);
	codec_put_u(out, (uint64_t)c->completion.kind);
	codec_put_u(out, (uint64_t)c->completion.count);
	codec_put_strs(out, c->completion.quizzes, c->completion.nquizzes);
	codec_put_u(out, c->tags ? c->ntags : 0);
	for (i = 0; c->tags != NULL && i < c->ntags; i++) {
		codec_put_s(out, c->tags[i].id);
		codec_put_l(out, &c->tags[i].label);
	}
	codec_put_s(out, c->hash);
	codec_put_u(out, c->review != 0);			/* format 2 */
	codec_put_u(out, c->nmodules);
	for (i = 0; i < c->nmodules; i++)
		enc_module(out, &c->modules[i], head);
	/* format 3: last, where a format 2 record ends */
	codec_put_strs(out, c->words, c->nwords);
}

struct course *
codec_decode(const void *p, size_t len, int head, const char *dir,
    struct err *e)
{
	return codec_decode_format(p, len, head, dir, 3, e);
}

struct course *
codec_decode_format(const void *p, size_t len, int head, const char *dir,
    int format, struct err *e)
{
	struct course	*c = xcalloc(1, sizeof *c);
	struct codec_rd	 r;
	const char	*hash;
	size_t		 i;

	memset(&r, 0, sizeof r);
	r.p = p;
	r.len = len;
	r.a = c->arena = arena_new();
	c->header = head;
	c->dir = arena_strdup(r.a, dir);
	c->id = codec_get_s(&r);
	c->version = codec_get_s(&r);
	codec_get_l(&r, &c->title);
	codec_get_l(&r, &c->summary);
	c->audience = codec_get_max(&r, (1u << GROUP_COUNT) - 1);
	c->area = (enum area)codec_get_max(&r, AREA_COUNT - 1);
	c->level = (enum level)codec_get_max(&r, LEVEL_COUNT - 1);
	c->hours = codec_get_d(&r);
	c->cert.body = codec_get_s(&r);
	c->cert.code = codec_get_s(&r);
	c->cert.valid_until = codec_get_s(&r);
	c->completion.kind = (enum completion_kind)codec_get_max(&r, COMPLETE_PASS);
	c->completion.count = (int)codec_get_max(&r, 100000);
	c->completion.quizzes = codec_get_strs(&r, &c->completion.nquizzes);
	c->ntags = codec_get_n(&r);
	c->tags = codec_get_array(&r, c->ntags, sizeof *c->tags);
	for (i = 0; i < c->ntags; i++) {
		c->tags[i].id = codec_get_s(&r);
		codec_get_l(&r, &c->tags[i].label);
	}
	hash = codec_get_s(&r);
	if (hash == NULL || strlen(hash) != 64)
		rd_bad(&r, "bad content hash");
	else
		memcpy(c->hash, hash, 65);
	c->review = (int)codec_get_max(&r, 1);
	c->nmodules = codec_get_n(&r);
	c->modules = codec_get_array(&r, c->nmodules, sizeof *c->modules);
	for (i = 0; i < c->nmodules; i++)
		dec_module(&r, &c->modules[i], head);
	if (format >= 3)
		c->words = codec_get_strs(&r, &c->nwords);
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
