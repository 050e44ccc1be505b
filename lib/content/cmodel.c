#include "content/cmodel.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "content/course.h"
#include "content/qtype.h"

/*
 * A model is struct course at offset 0, then the arrays and strings below
 * it; every pointer is stored as (offset in the model + 1), NULL as 0;
 * the last byte is NUL, so every string that starts inside the model ends
 * inside it. Questions go through their type's ops (qtype.h), which
 * encode and relocate only the type's own fields.
 */

/*
 * Zero the per-type fields of 'q' (course.h: 'choices' up to 'line'), so
 * only what the type's ops set is written or read back.
 */
static void
question_clear_typed(struct question *q)
{
	memset(&q->choices, 0, offsetof(struct question, line) -
	    offsetof(struct question, choices));
}

/* ---- writing ---- */

/* Room for 'size' zeroed bytes at an 'align'-aligned offset. */
uint64_t
cmodel_alloc(struct cmodel_w *w, size_t size, size_t align)
{
	size_t	off = (w->len + align - 1) & ~(align - 1);

	if (off + size > w->cap) {
		while (off + size > w->cap)
			w->cap = w->cap ? w->cap * 2 : 64 * 1024;
		w->p = xreallocarray(w->p, w->cap, 1);
	}
	memset(w->p + w->len, 0, off + size - w->len);
	w->len = off + size;
	return off;
}

static size_t
cmodel_hash(const void *p, size_t cap)
{
	uintptr_t	v = (uintptr_t)p;

	return (size_t)((v >> 3) * 0x9e3779b97f4a7c15ULL >> 20) & (cap - 1);
}

/* Encoded pointer for string 's': written once per distinct pointer. */
static uintptr_t
cmodel_str(struct cmodel_w *w, const char *s)
{
	struct cmodel_map	*old;
	size_t			 i, len, oldcap;
	uint64_t		 off;

	if (s == NULL)
		return 0;
	if (w->mapn * 2 >= w->mapcap) {
		old = w->map;
		oldcap = w->mapcap;
		w->mapcap = w->mapcap ? w->mapcap * 2 : 1024;
		w->map = xcalloc(w->mapcap, sizeof *w->map);
		for (i = 0; i < oldcap; i++) {
			size_t j;

			if (old[i].key == NULL)
				continue;
			j = cmodel_hash(old[i].key, w->mapcap);
			while (w->map[j].key != NULL)
				j = (j + 1) & (w->mapcap - 1);
			w->map[j] = old[i];
		}
		free(old);
	}
	i = cmodel_hash(s, w->mapcap);
	while (w->map[i].key != NULL) {
		if (w->map[i].key == s)
			return (uintptr_t)w->map[i].off1;
		i = (i + 1) & (w->mapcap - 1);
	}
	len = strlen(s);
	off = cmodel_alloc(w, len + 1, 1);
	memcpy(w->p + off, s, len + 1);
	w->map[i].key = s;
	w->map[i].off1 = off + 1;
	w->mapn++;
	return (uintptr_t)(off + 1);
}

const char *
cmodel_put_str(struct cmodel_w *w, const char *s)
{
	return (const char *)cmodel_str(w, s);
}

static void *
cmodel_enc(uint64_t off)
{
	return (void *)(uintptr_t)(off + 1);
}

void
cmodel_put_lstr(struct cmodel_w *w, struct lstr *l)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		l->s[i] = cmodel_put_str(w, l->s[i]);
}

/*
 * An array of 'n' elements of 'size' bytes for a non-NULL pointer: at
 * least one element, as the loader allocates one for an empty list.
 */
static uint64_t
cmodel_array(struct cmodel_w *w, size_t n, size_t size, size_t align)
{
	return cmodel_alloc(w, (n ? n : 1) * size, align);
}

void *
cmodel_put_array(struct cmodel_w *w, const void *v, size_t n, size_t size,
    size_t align)
{
	uint64_t	off = cmodel_array(w, n, size, align);

	memcpy(w->p + off, v, n * size);
	return cmodel_enc(off);
}

const char **
cmodel_put_strs(struct cmodel_w *w, const char **v, size_t n)
{
	const char	**tmp;
	uint64_t	  off;
	size_t		  i;

	if (v == NULL)
		return NULL;
	tmp = xcalloc(n ? n : 1, sizeof *tmp);
	for (i = 0; i < n; i++)
		tmp[i] = cmodel_put_str(w, v[i]);
	off = cmodel_array(w, n, sizeof *tmp, alignof(const char *));
	memcpy(w->p + off, tmp, n * sizeof *tmp);
	free(tmp);
	return cmodel_enc(off);
}

static struct tag_label *
cmodel_put_tags(struct cmodel_w *w, const struct tag_label *v, size_t n)
{
	struct tag_label	*tmp;
	uint64_t		 off;
	size_t			 i;

	if (v == NULL)
		return NULL;
	tmp = xcalloc(n ? n : 1, sizeof *tmp);
	for (i = 0; i < n; i++) {
		tmp[i] = v[i];
		tmp[i].id = cmodel_put_str(w, v[i].id);
		cmodel_put_lstr(w, &tmp[i].label);
	}
	off = cmodel_array(w, n, sizeof *tmp, alignof(struct tag_label));
	memcpy(w->p + off, tmp, n * sizeof *tmp);
	free(tmp);
	return cmodel_enc(off);
}

static struct question *
cmodel_put_questions(struct cmodel_w *w, const struct question *v, size_t n)
{
	struct question	*tmp, *r;
	size_t		 i;

	if (v == NULL)
		return NULL;
	tmp = xcalloc(n ? n : 1, sizeof *tmp);
	for (i = 0; i < n; i++) {
		struct question	*q = &tmp[i];

		*q = v[i];
		q->id = cmodel_put_str(w, q->id);
		cmodel_put_lstr(w, &q->prompt);
		cmodel_put_lstr(w, &q->explain);
		q->tags = cmodel_put_strs(w, v[i].tags, q->ntags);
		q->revisit = cmodel_put_strs(w, v[i].revisit, q->nrevisit);
		/* only the type's own fields, copied and encoded by its ops */
		question_clear_typed(q);
		qtype_ops(q->type)->model_put(w, q, &v[i]);
	}
	r = cmodel_put_array(w, tmp, n, sizeof *tmp, alignof(struct question));
	free(tmp);
	return r;
}

static struct quiz *
cmodel_put_quiz(struct cmodel_w *w, const struct quiz *z)
{
	struct quiz	tmp;
	uint64_t	off;

	if (z == NULL)
		return NULL;
	tmp = *z;
	tmp.id = cmodel_put_str(w, tmp.id);
	cmodel_put_lstr(w, &tmp.title);
	tmp.questions = w->head ? NULL : cmodel_put_questions(w, z->questions,
	    z->nquestions);
	off = cmodel_alloc(w, sizeof tmp, alignof(struct quiz));
	memcpy(w->p + off, &tmp, sizeof tmp);
	return cmodel_enc(off);
}

static struct module *
cmodel_put_modules(struct cmodel_w *w, const struct module *v, size_t n)
{
	struct module	*tmp;
	uint64_t	 off, o;
	size_t		 i, j;

	if (v == NULL)
		return NULL;
	tmp = xcalloc(n ? n : 1, sizeof *tmp);
	for (i = 0; i < n; i++) {
		struct module	*m = &tmp[i];

		*m = v[i];
		m->id = cmodel_put_str(w, m->id);
		m->file = cmodel_put_str(w, m->file);
		cmodel_put_lstr(w, &m->title);
		if (v[i].pages != NULL) {
			struct page *pg = xcalloc(m->npages ? m->npages : 1,
			    sizeof *pg);

			for (j = 0; j < m->npages; j++) {
				pg[j] = v[i].pages[j];
				pg[j].id = cmodel_put_str(w, pg[j].id);
				cmodel_put_lstr(w, &pg[j].title);
				if (w->head)
					memset(&pg[j].text, 0,
					    sizeof pg[j].text);
				else
					cmodel_put_lstr(w, &pg[j].text);
			}
			o = cmodel_array(w, m->npages, sizeof *pg,
			    alignof(struct page));
			memcpy(w->p + o, pg, m->npages * sizeof *pg);
			free(pg);
			m->pages = cmodel_enc(o);
		}
		m->quiz = cmodel_put_quiz(w, v[i].quiz);
	}
	off = cmodel_array(w, n, sizeof *tmp, alignof(struct module));
	memcpy(w->p + off, tmp, n * sizeof *tmp);
	free(tmp);
	return cmodel_enc(off);
}

/* Serialise 'c' into w (the course itself at offset 0). */
void
cmodel_write(struct cmodel_w *w, const struct course *c)
{
	struct course	tmp;
	uint64_t	off;

	off = cmodel_alloc(w, sizeof tmp, alignof(struct course));
	tmp = *c;
	tmp.arena = NULL;
	tmp.header = w->head;
	tmp.dir = cmodel_put_str(w, tmp.dir);
	tmp.id = cmodel_put_str(w, tmp.id);
	tmp.version = cmodel_put_str(w, tmp.version);
	cmodel_put_lstr(w, &tmp.title);
	cmodel_put_lstr(w, &tmp.summary);
	tmp.cert.body = cmodel_put_str(w, tmp.cert.body);
	tmp.cert.code = cmodel_put_str(w, tmp.cert.code);
	tmp.cert.valid_until = cmodel_put_str(w, tmp.cert.valid_until);
	tmp.completion.quizzes = cmodel_put_strs(w, c->completion.quizzes,
	    c->completion.nquizzes);
	tmp.tags = cmodel_put_tags(w, c->tags, c->ntags);
	tmp.modules = cmodel_put_modules(w, c->modules, c->nmodules);
	memcpy(w->p + off, &tmp, sizeof tmp);
	/* the last byte is NUL: every string ends inside the model */
	cmodel_alloc(w, 1, 1);
}

void
cmodel_w_release(struct cmodel_w *w)
{
	free(w->p);
	free(w->map);
	memset(w, 0, sizeof *w);
}

/* ---- reading ---- */

/*
 * The relocated pointer for stored value 'enc' of an array of 'n'
 * elements (at least one) of 'size' bytes, or NULL; sets r->bad when it
 * points outside the model or is misaligned.
 */
void *
cmodel_get_ptr(struct cmodel_r *r, const void *enc, size_t n, size_t size,
    size_t align)
{
	uintptr_t	v = (uintptr_t)enc;
	size_t		off;

	if (v == 0)
		return NULL;
	off = (size_t)(v - 1);
	if (n == 0)
		n = 1;
	if (off >= r->len || off % align != 0 ||
	    (r->len - off) / size < n) {
		r->bad = 1;
		return NULL;
	}
	return r->base + off;
}

void *
cmodel_get_array(struct cmodel_r *r, const void *enc, size_t n, size_t size,
    size_t align)
{
	void	*v = cmodel_get_ptr(r, enc, n, size, align);

	if (v == NULL && n > 0)
		r->bad = 1;
	return v;
}

const char *
cmodel_get_str(struct cmodel_r *r, const char *enc)
{
	return cmodel_get_ptr(r, enc, 1, 1, 1);
}

/* A string the loader guarantees: NULL is a bad cache. */
const char *
cmodel_get_req(struct cmodel_r *r, const char *enc)
{
	const char	*s = cmodel_get_str(r, enc);

	if (s == NULL)
		r->bad = 1;
	return s;
}

void
cmodel_get_lstr(struct cmodel_r *r, struct lstr *l)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		l->s[i] = cmodel_get_str(r, l->s[i]);
}

const char **
cmodel_get_strs(struct cmodel_r *r, const char **enc, size_t n)
{
	const char	**v = cmodel_get_ptr(r, enc, n, sizeof *v,
	    alignof(const char *));
	size_t		  i;

	if (v == NULL) {
		if (n > 0)
			r->bad = 1;
		return NULL;
	}
	for (i = 0; i < n; i++)
		v[i] = cmodel_get_req(r, v[i]);
	return v;
}

static void
cmodel_get_question(struct cmodel_r *r, struct question *q)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);
	struct question		 enc = *q;

	q->id = cmodel_get_req(r, q->id);
	cmodel_get_lstr(r, &q->prompt);
	cmodel_get_lstr(r, &q->explain);
	if (ops == NULL || (unsigned)q->scoring > SCORING_PARTIAL ||
	    !(q->points > 0)) {
		r->bad = 1;
		return;
	}
	q->tags = cmodel_get_strs(r, q->tags, q->ntags);
	q->revisit = cmodel_get_strs(r, q->revisit, q->nrevisit);
	/*
	 * Another type's fields never reach a reader unrelocated: they are
	 * cleared, and the type's ops relocate only their own.
	 */
	question_clear_typed(q);
	if (!r->bad)
		ops->model_get(r, q, &enc);
}

static struct quiz *
cmodel_get_quiz(struct cmodel_r *r, struct quiz *enc)
{
	struct quiz	*z = cmodel_get_ptr(r, enc, 1, sizeof *z,
	    alignof(struct quiz));
	size_t		 i;

	if (z == NULL)
		return NULL;
	z->id = cmodel_get_req(r, z->id);
	cmodel_get_lstr(r, &z->title);
	if (z->pass_pct < 0 || z->pass_pct > 100 || z->attempts < 0 ||
	    z->time_limit < 0 || z->draw < 0 ||
	    (size_t)z->draw > z->nquestions ||
	    (unsigned)z->feedback > FEEDBACK_NONE ||
	    z->mastery_of < 0 || z->mastery_of > 100 ||
	    z->mastery_correct < 0 || z->mastery_correct > z->mastery_of ||
	    (z->mastery_of > 0) != (z->mastery_correct > 0))
		r->bad = 1;
	if (r->head) {
		if (z->questions != NULL)
			r->bad = 1;
		return z;
	}
	z->questions = cmodel_get_ptr(r, z->questions, z->nquestions,
	    sizeof *z->questions, alignof(struct question));
	if (z->questions == NULL && z->nquestions > 0)
		r->bad = 1;
	for (i = 0; z->questions != NULL && i < z->nquestions && !r->bad; i++)
		cmodel_get_question(r, &z->questions[i]);
	return z;
}

/* Relocate and check the model in r; the course, or NULL if bad. */
struct course *
cmodel_read(struct cmodel_r *r)
{
	struct course	*c;
	size_t		 i, j;

	if (r->len < sizeof *c + 1 || r->base[r->len - 1] != '\0')
		return NULL;
	c = (struct course *)(void *)r->base;
	c->arena = NULL;
	c->dir = cmodel_get_req(r, c->dir);
	c->id = cmodel_get_req(r, c->id);
	c->version = cmodel_get_req(r, c->version);
	cmodel_get_lstr(r, &c->title);
	cmodel_get_lstr(r, &c->summary);
	c->cert.body = cmodel_get_str(r, c->cert.body);
	c->cert.code = cmodel_get_str(r, c->cert.code);
	c->cert.valid_until = cmodel_get_str(r, c->cert.valid_until);
	c->completion.quizzes = cmodel_get_strs(r, c->completion.quizzes,
	    c->completion.nquizzes);
	c->tags = cmodel_get_ptr(r, c->tags, c->ntags, sizeof *c->tags,
	    alignof(struct tag_label));
	if (c->tags == NULL && c->ntags > 0)
		r->bad = 1;
	for (i = 0; c->tags != NULL && i < c->ntags; i++) {
		c->tags[i].id = cmodel_get_req(r, c->tags[i].id);
		cmodel_get_lstr(r, &c->tags[i].label);
	}
	c->hash[sizeof c->hash - 1] = '\0';
	if (c->header != r->head)
		r->bad = 1;
	if ((unsigned)c->area >= AREA_COUNT ||
	    (unsigned)c->level >= LEVEL_COUNT || (unsigned)c->review > 1 ||
	    (unsigned)c->completion.kind > COMPLETE_PASS ||
	    c->completion.count < 0 ||
	    (size_t)c->completion.count > c->nmodules)
		r->bad = 1;
	c->modules = cmodel_get_ptr(r, c->modules, c->nmodules, sizeof *c->modules,
	    alignof(struct module));
	if (c->modules == NULL && c->nmodules > 0)
		r->bad = 1;
	for (i = 0; c->modules != NULL && i < c->nmodules && !r->bad; i++) {
		struct module *m = &c->modules[i];

		m->id = cmodel_get_req(r, m->id);
		m->file = cmodel_get_req(r, m->file);
		cmodel_get_lstr(r, &m->title);
		m->pages = cmodel_get_ptr(r, m->pages, m->npages, sizeof *m->pages,
		    alignof(struct page));
		if (m->pages == NULL && m->npages > 0)
			r->bad = 1;
		for (j = 0; m->pages != NULL && j < m->npages && !r->bad; j++) {
			m->pages[j].id = cmodel_get_req(r, m->pages[j].id);
			cmodel_get_lstr(r, &m->pages[j].title);
			cmodel_get_lstr(r, &m->pages[j].text);
		}
		m->quiz = cmodel_get_quiz(r, m->quiz);
	}
	return r->bad ? NULL : c;
}
