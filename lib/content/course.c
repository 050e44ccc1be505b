#include "content/course.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

const char *
lstr_get(const struct lstr *l, enum lang lang)
{
	if ((unsigned)lang < LANG_COUNT && l->s[lang] != NULL)
		return l->s[lang];
	if (l->s[LANG_TH] != NULL)
		return l->s[LANG_TH];
	if (l->s[LANG_EN] != NULL)
		return l->s[LANG_EN];
	return "";
}

void
course_free(struct course *c)
{
	if (c == NULL)
		return;
	arena_free(c->arena);
	free(c);
}

int
course_is(const struct course *c, const char *id, const char *version,
    const char *hash)
{
	return strcmp(c->id, id) == 0 && strcmp(c->version, version) == 0 &&
	    strcmp(c->hash, hash) == 0;
}

const struct module *
course_module(const struct course *c, const char *id)
{
	size_t	i;

	for (i = 0; i < c->nmodules; i++)
		if (c->modules[i].id != NULL &&
		    strcmp(c->modules[i].id, id) == 0)
			return &c->modules[i];
	return NULL;
}

const struct quiz *
course_quiz(const struct course *c, const char *id, const struct module **in)
{
	size_t	i;

	for (i = 0; i < c->nmodules; i++) {
		const struct quiz *z = c->modules[i].quiz;

		if (z != NULL && z->id != NULL && strcmp(z->id, id) == 0) {
			if (in != NULL)
				*in = &c->modules[i];
			return z;
		}
	}
	return NULL;
}

const struct question *
quiz_question(const struct quiz *q, const char *id)
{
	size_t	i;

	for (i = 0; q->questions != NULL && i < q->nquestions; i++)
		if (q->questions[i].id != NULL &&
		    strcmp(q->questions[i].id, id) == 0)
			return &q->questions[i];
	return NULL;
}

const struct page *
module_page(const struct module *m, const char *id, size_t *index)
{
	size_t	i;

	for (i = 0; i < m->npages; i++)
		if (m->pages[i].id != NULL && strcmp(m->pages[i].id, id) == 0) {
			if (index != NULL)
				*index = i;
			return &m->pages[i];
		}
	return NULL;
}

double
quiz_max_points(const struct quiz *q)
{
	double	sum = 0;
	size_t	i;

	for (i = 0; q->questions != NULL && i < q->nquestions; i++)
		sum += q->questions[i].points;
	return sum;
}

const struct lstr *
course_tag_label(const struct course *c, const char *tag)
{
	size_t	i;

	for (i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].id, tag) == 0)
			return &c->tags[i].label;
	return NULL;
}
