#include "search.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "course.h"
#include "text.h"
#include "xalloc.h"

struct search_doc {
	char	**words;	/* normalised, sorted, unique */
	size_t	  n, cap;
};

static void
doc_add_word(struct search_doc *d, const char *s, size_t len)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->words = xreallocarray(d->words, d->cap, sizeof *d->words);
	}
	d->words[d->n++] = xstrndup(s, len);
}

/* Normalise 'text' and add its words. */
static void
doc_add_text(struct search_doc *d, struct text_wrapper *w, const char *text)
{
	struct buf		 norm;
	struct text_span	*spans = NULL;
	size_t			 n, i;

	if (text == NULL || *text == '\0')
		return;
	buf_init(&norm);
	text_normalise(text, strlen(text), &norm);
	n = text_words(w, norm.data, norm.len, &spans);
	for (i = 0; i < n; i++)
		doc_add_word(d, norm.data + spans[i].off, spans[i].len);
	free(spans);
	buf_release(&norm);
}

static void
doc_add_lstr(struct search_doc *d, struct text_wrapper *w,
    const struct lstr *l)
{
	doc_add_text(d, w, l->s[LANG_TH]);
	if (l->s[LANG_EN] != l->s[LANG_TH])
		doc_add_text(d, w, l->s[LANG_EN]);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct search_doc *
search_doc_new(struct text_wrapper *w, const struct course *c)
{
	struct search_doc	*d = xcalloc(1, sizeof *d);
	size_t			 i, j, k;

	doc_add_lstr(d, w, &c->title);
	doc_add_lstr(d, w, &c->summary);
	for (i = 0; i < c->nmodules; i++) {
		const struct module *m = &c->modules[i];

		doc_add_lstr(d, w, &m->title);
		for (j = 0; j < m->npages; j++) {
			doc_add_lstr(d, w, &m->pages[j].title);
			doc_add_lstr(d, w, &m->pages[j].text);
		}
	}
	if (d->n > 1) {
		qsort(d->words, d->n, sizeof *d->words, cmp_str);
		for (i = 1, k = 1; i < d->n; i++) {
			if (strcmp(d->words[i], d->words[k - 1]) == 0)
				free(d->words[i]);
			else
				d->words[k++] = d->words[i];
		}
		d->n = k;
	}
	return d;
}

void
search_doc_free(struct search_doc *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->words[i]);
	free(d->words);
	free(d);
}

/* Is there a word in 'd' that begins with the 'len' bytes of 'p'? */
static int
doc_has_prefix(const struct search_doc *d, const char *p, size_t len)
{
	size_t	lo = 0, hi = d->n, mid;

	/* the first word >= p, then check it starts with p */
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (strncmp(d->words[mid], p, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n && strncmp(d->words[lo], p, len) == 0;
}

int
search_match(struct text_wrapper *w, const struct search_doc *d,
    const char *query)
{
	struct buf		 norm;
	struct text_span	*spans = NULL;
	size_t			 n, i;
	int			 ok = 1;

	buf_init(&norm);
	text_normalise(query, strlen(query), &norm);
	n = text_words(w, norm.data, norm.len, &spans);
	for (i = 0; i < n && ok; i++)
		ok = doc_has_prefix(d, norm.data + spans[i].off,
		    spans[i].len);
	free(spans);
	buf_release(&norm);
	return ok;
}
