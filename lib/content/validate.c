#include "content/validate.h"

#include <string.h>

#include "base/err.h"
#include "base/utf8.h"
#include "content/course.h"
#include "content/qtype.h"
#include "content/words.h"
#include "text/text.h"

/*
 * One check of a model: 'where' says which course part, for the message.
 * Every check returns -1 with *e set, or 0.
 */
struct vd {
	const struct course	*c;
	struct err		*e;
};

static int
vd_fail(struct vd *v, const char *what, const char *id, const char *why)
{
	return err_set(v->e, "course '%s': %s '%s' %s",
	    v->c->id ? v->c->id : "?", what, id ? id : "?", why);
}

/* An id as schema_id() accepts it. */
static int
vd_id_ok(const char *s)
{
	size_t	n;

	if (s == NULL || (n = strlen(s)) == 0 || n > 64 || s[0] == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

/*
 * Text the loader could have produced: valid UTF-8, no control
 * characters but tab and line breaks; NULL is fine (optional). One pass
 * with ASCII decided inline: every course header is checked at each
 * start (bench/README.md, figure 7).
 */
static int
vd_str_ok(const char *s)
{
	const unsigned char	*p;
	size_t			 len, left, n;
	uint32_t		 cp;

	if (s == NULL)
		return 1;
	len = strlen(s);
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t' && *p != '\n' &&
			    *p != '\r') || *p == 0x7f)
				return 0;
			n = 1;
			continue;
		}
		/* continuation bytes are >= 0x80: no control hides in them */
		left = len - (size_t)(p - (const unsigned char *)s);
		n = utf8_decode((const char *)p, left, &cp);
		if (n == 0 || !utf8_decoded_ok((const char *)p, left, cp, n))
			return 0;
	}
	return 1;
}

/* Required text: present in some language, not blank, not a bare mark. */
static int
vd_text_ok(const char *s)
{
	if (s == NULL || !vd_str_ok(s))
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return *s != '\0' && !text_starts_with_mark(s);
}

/* 'req': at least one language must be there. */
static int
vd_lstr_ok(const struct lstr *l, int req)
{
	int	i, any = 0;

	for (i = 0; i < LANG_COUNT; i++) {
		if (l->s[i] == NULL)
			continue;
		if (!vd_text_ok(l->s[i]))
			return 0;
		any = 1;
	}
	return any || !req;
}

static int
vd_ids_ok(const char *const *v, size_t n)
{
	size_t	i;

	if (n > 0 && v == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (!vd_id_ok(v[i]))
			return 0;
	return 1;
}

int
validate_text(const char *s)
{
	return vd_text_ok(s);
}

int
validate_lstr(const struct lstr *l, int req)
{
	return vd_lstr_ok(l, req);
}

int
validate_part_id(const struct question *q, size_t i)
{
	const char	*id = qtype_part_id(q, i);
	size_t		 j;

	if (*id == '\0' || !vd_str_ok(id))
		return 0;
	/* the first 64 are enough to catch a copy without going quadratic */
	for (j = 0; j < i && j < 64; j++)
		if (strcmp(id, qtype_part_id(q, j)) == 0)
			return 0;
	return 1;
}

/* Is 'id' a question id used before question 'q' of the course? */
static int
vd_question_seen(const struct course *c, const struct question *q)
{
	size_t	i, j;

	for (i = 0; i < c->nmodules; i++) {
		const struct quiz *z = c->modules[i].quiz;

		for (j = 0; z != NULL && z->questions != NULL &&
		    j < z->nquestions; j++) {
			if (&z->questions[j] == q)
				return 0;
			if (z->questions[j].id != NULL &&
			    strcmp(z->questions[j].id, q->id) == 0)
				return 1;
		}
	}
	return 0;
}

static int
vd_question(struct vd *v, const struct module *m, const struct question *q)
{
	const char	*why;
	size_t		 i;

	if (!vd_id_ok(q->id) || vd_question_seen(v->c, q))
		return vd_fail(v, "question", q->id, "has a bad or repeated "
		    "id");
	if ((unsigned)q->type >= Q_TYPE_COUNT ||
	    (unsigned)q->scoring > SCORING_PARTIAL ||
	    (q->scoring == SCORING_PARTIAL && q->type != Q_MULTIPLE) ||
	    !(q->points > 0) || q->points > 1000 ||
	    !vd_lstr_ok(&q->prompt, 1) || !vd_lstr_ok(&q->explain, 0) ||
	    !vd_ids_ok(q->tags, q->ntags) ||
	    !vd_ids_ok(q->revisit, q->nrevisit))
		return vd_fail(v, "question", q->id, "breaks a rule of the "
		    "content format");
	for (i = 0; i < q->nrevisit; i++)
		if (module_page(m, q->revisit[i], NULL) == NULL)
			return vd_fail(v, "question", q->id, "revisits a page "
			    "its module does not have");
	/* the type is in range: checked above */
	if ((why = qtype_ops(q->type)->record_check(q)) != NULL)
		return vd_fail(v, "question", q->id, why);
	return 0;
}

/* Is quiz 'z' the first with its id in the course? */
static int
vd_quiz_first(const struct course *c, const struct quiz *z)
{
	size_t	i;

	for (i = 0; i < c->nmodules; i++) {
		const struct quiz *y = c->modules[i].quiz;

		if (y == z)
			return 1;
		if (y != NULL && y->id != NULL && strcmp(y->id, z->id) == 0)
			return 0;
	}
	return 1;
}

static int
vd_quiz(struct vd *v, const struct module *m, const struct quiz *z)
{
	size_t	i;

	if (!vd_id_ok(z->id) || !vd_quiz_first(v->c, z))
		return vd_fail(v, "quiz", z->id, "has a bad or repeated id");
	if (z->pass_pct < 0 || z->pass_pct > 100 || z->attempts < 0 ||
	    z->attempts > 100 || z->time_limit < 0 ||
	    z->time_limit > 24 * 3600 || z->draw < 0 ||
	    (unsigned)z->feedback > FEEDBACK_NONE ||
	    z->mastery_of < 0 || z->mastery_of > 100 ||
	    z->mastery_correct < 0 || z->mastery_correct > z->mastery_of ||
	    (z->mastery_of > 0) != (z->mastery_correct > 0) ||
	    !vd_lstr_ok(&z->title, 0))
		return vd_fail(v, "quiz", z->id, "breaks a rule of the content "
		    "format");
	if (z->nquestions == 0)
		return vd_fail(v, "quiz", z->id, "has no questions");
	if ((size_t)z->draw > z->nquestions)
		return vd_fail(v, "quiz", z->id, "draws more questions than "
		    "it has");
	if (v->c->header)
		return z->questions == NULL ? 0 : vd_fail(v, "quiz", z->id,
		    "has questions in a header");
	if (z->questions == NULL)
		return vd_fail(v, "quiz", z->id, "has no questions");
	for (i = 0; i < z->nquestions; i++)
		if (vd_question(v, m, &z->questions[i]) == -1)
			return -1;
	return 0;
}

static int
vd_module(struct vd *v, size_t at)
{
	const struct module	*m = &v->c->modules[at];
	size_t			 i, j;

	if (!vd_id_ok(m->id))
		return vd_fail(v, "module", m->id, "has a bad id");
	for (i = 0; i < at; i++)
		if (strcmp(v->c->modules[i].id, m->id) == 0)
			return vd_fail(v, "module", m->id, "is there twice");
	if (!vd_lstr_ok(&m->title, 1) || m->minutes < 0 || m->minutes > 6000 ||
	    !vd_str_ok(m->file) || (m->npages > 0 && m->pages == NULL))
		return vd_fail(v, "module", m->id, "breaks a rule of the "
		    "content format");
	if (m->npages == 0 && m->quiz == NULL)
		return vd_fail(v, "module", m->id, "has neither pages nor a "
		    "quiz");
	for (i = 0; i < m->npages; i++) {
		const struct page *pg = &m->pages[i];

		if (pg->id == NULL || !vd_str_ok(pg->id) ||
		    !vd_lstr_ok(&pg->title, 1) ||
		    !vd_lstr_ok(&pg->text, !v->c->header) ||
		    (v->c->header && (pg->text.s[LANG_TH] != NULL ||
		    pg->text.s[LANG_EN] != NULL)))
			return vd_fail(v, "page", pg->id, "breaks a rule of "
			    "the content format");
		for (j = 0; j < i; j++)
			if (strcmp(m->pages[j].id, pg->id) == 0)
				return vd_fail(v, "page", pg->id, "is there "
				    "twice");
	}
	return m->quiz != NULL ? vd_quiz(v, m, m->quiz) : 0;
}

/* A version as schema_version() accepts it: MAJOR.MINOR.PATCH. */
static int
vd_version_ok(const char *s)
{
	int	dots = 0, digits = 0;

	if (s == NULL || strlen(s) > 32)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (*s == '.' && digits > 0) {
			dots++;
			digits = 0;
		} else
			return 0;
	}
	return dots == 2 && digits > 0;
}

static int
vd_course_fields(struct vd *v)
{
	const struct course	*c = v->c;
	size_t			 i;

	if (!vd_id_ok(c->id))
		return err_set(v->e, "course '%s': bad id", c->id ? c->id :
		    "?");
	if (!vd_version_ok(c->version) || !vd_lstr_ok(&c->title, 1) ||
	    !vd_lstr_ok(&c->summary, 0) || c->audience == 0 ||
	    c->audience >= 1u << GROUP_COUNT ||
	    (unsigned)c->area >= AREA_COUNT ||
	    (unsigned)c->level >= LEVEL_COUNT || !(c->hours > 0) ||
	    c->hours > 1000 || !vd_str_ok(c->cert.body) ||
	    !vd_str_ok(c->cert.code) || !vd_str_ok(c->cert.valid_until) ||
	    strlen(c->hash) != 64 || strspn(c->hash, "0123456789abcdef") != 64)
		return vd_fail(v, "course", c->id, "breaks a rule of the "
		    "content format");
	if (c->nmodules == 0 || c->modules == NULL)
		return vd_fail(v, "course", c->id, "has no modules");
	for (i = 0; i < c->ntags; i++)
		if (c->tags == NULL || !vd_id_ok(c->tags[i].id) ||
		    !vd_lstr_ok(&c->tags[i].label, 1))
			return vd_fail(v, "course", c->id, "has a bad tag "
			    "label");
	if (!words_valid(c->words, c->nwords))
		return vd_fail(v, "course", c->id, "has a bad word list");
	return 0;
}

static int
vd_completion(struct vd *v)
{
	const struct completion	*cp = &v->c->completion;
	size_t			 i;

	switch (cp->kind) {
	case COMPLETE_ALL_MODULES:
		return 0;
	case COMPLETE_MODULES:
		if (cp->count < 1 || (size_t)cp->count > v->c->nmodules)
			break;
		return 0;
	case COMPLETE_PASS:
		if (cp->nquizzes == 0 || !vd_ids_ok(cp->quizzes, cp->nquizzes))
			break;
		for (i = 0; i < cp->nquizzes; i++)
			if (course_quiz(v->c, cp->quizzes[i], NULL) == NULL)
				break;
		if (i < cp->nquizzes)
			break;
		return 0;
	}
	return vd_fail(v, "course", v->c->id, "has a bad completion rule");
}

int
validate_course(const struct course *c, struct err *e)
{
	struct vd	v = { c, e };
	size_t		i;

	if (vd_course_fields(&v) == -1)
		return -1;
	for (i = 0; i < c->nmodules; i++)
		if (vd_module(&v, i) == -1)
			return -1;
	return vd_completion(&v);
}
