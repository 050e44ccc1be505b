#include "content/search.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "content/course.h"
#include "text/text.h"
#include "base/xalloc.h"

/*
 * A document is its words, normalised, sorted and unique, stored one
 * after another with their NULs in one block ('text', as the content
 * cache keeps them), and 'words' pointing at each.
 */
struct search_doc {
	char		 *text;
	size_t		  len;
	const char	**words;
	size_t		  n;
};

/* Words as they are collected, before sorting. */
struct word_list {
	char	**v;
	size_t	  n, cap;
};

static void
list_add_word(struct word_list *d, const char *s, size_t len)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n++] = xstrndup(s, len);
}

/* Words a and b (in this order) are written with nothing between. */
static int
search_joined(const struct text_span *a, const struct text_span *b)
{
	return a->len > 0 && b->len > 0 && a->off + a->len == b->off;
}

/* Normalise 'text' and add its words. */
static void
list_add_text(struct word_list *d, struct text_wrapper *w, const char *text)
{
	struct buf		 norm;
	struct text_span	*spans = NULL;
	size_t			 n, i;

	if (text == NULL || *text == '\0')
		return;
	buf_init(&norm);
	text_normalise(text, strlen(text), &norm);
	n = text_words(w, norm.data, norm.len, &spans);
	for (i = 0; i < n; i++) {
		if (spans[i].len > 0)
			list_add_word(d, norm.data + spans[i].off,
			    spans[i].len);
		/* two words written together ("รหัส|ผ่าน") are also one
		 * entry, so a query typed together finds them together */
		if (i > 0 && search_joined(&spans[i - 1], &spans[i]))
			list_add_word(d, norm.data + spans[i - 1].off,
			    spans[i].off + spans[i].len - spans[i - 1].off);
	}
	free(spans);
	buf_release(&norm);
}

static void
list_add_lstr(struct word_list *d, struct text_wrapper *w,
    const struct lstr *l)
{
	list_add_text(d, w, l->s[LANG_TH]);
	if (l->s[LANG_EN] != l->s[LANG_TH])
		list_add_text(d, w, l->s[LANG_EN]);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
search_words(struct text_wrapper *w, const struct course *c, struct buf *out)
{
	struct word_list	 d;
	size_t			 i, j;

	memset(&d, 0, sizeof d);
	text_wrapper_use_words(w, c->words, c->nwords);
	list_add_lstr(&d, w, &c->title);
	list_add_lstr(&d, w, &c->summary);
	for (i = 0; i < c->nmodules; i++) {
		const struct module *m = &c->modules[i];

		list_add_lstr(&d, w, &m->title);
		for (j = 0; m->pages != NULL && j < m->npages; j++) {
			list_add_lstr(&d, w, &m->pages[j].title);
			list_add_lstr(&d, w, &m->pages[j].text);
		}
	}
	if (d.n > 1)
		qsort(d.v, d.n, sizeof *d.v, cmp_str);
	for (i = 0; i < d.n; i++) {
		if (i == 0 || strcmp(d.v[i], d.v[i - 1]) != 0)
			buf_add(out, d.v[i], strlen(d.v[i]) + 1);
	}
	for (i = 0; i < d.n; i++)
		free(d.v[i]);
	free(d.v);
}

struct search_doc *
search_doc_from_words(char *text, size_t len)
{
	struct search_doc	*d = xcalloc(1, sizeof *d);
	size_t			 i, n = 0;

	if (len > 0 && text[len - 1] != '\0') {
		free(text);
		free(d);
		return NULL;
	}
	d->text = text;
	d->len = len;
	for (i = 0; i < len; i++)
		if (text[i] == '\0')
			n++;
	d->words = xcalloc(n ? n : 1, sizeof *d->words);
	for (i = 0; i < len; i += strlen(text + i) + 1)
		d->words[d->n++] = text + i;
	return d;
}

struct search_doc *
search_doc_text(struct text_wrapper *w, const char *text)
{
	struct word_list	 d;
	struct buf		 b;
	char			*words;
	size_t			 i, len;

	memset(&d, 0, sizeof d);
	list_add_text(&d, w, text);
	if (d.n > 1)
		qsort(d.v, d.n, sizeof *d.v, cmp_str);
	buf_init(&b);
	for (i = 0; i < d.n; i++)
		if (i == 0 || strcmp(d.v[i], d.v[i - 1]) != 0)
			buf_add(&b, d.v[i], strlen(d.v[i]) + 1);
	/* freed only now: each word is compared with the one before */
	for (i = 0; i < d.n; i++)
		free(d.v[i]);
	free(d.v);
	words = buf_detach(&b, &len);
	return search_doc_from_words(words, len);
}

struct search_doc *
search_doc_new(struct text_wrapper *w, const struct course *c)
{
	struct buf	 b;
	char		*text;
	size_t		 len;

	buf_init(&b);
	search_words(w, c, &b);
	text = buf_detach(&b, &len);
	return search_doc_from_words(text, len);
}

void
search_doc_free(struct search_doc *d)
{
	if (d == NULL)
		return;
	free(d->text);
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

/*
 * Does 'query' match 'd': every group of words typed together ('any' 0),
 * or at least one group ('any' 1)? Within a group every word must begin
 * a word of 'd', and each pair must stand together as typed.
 */
static int
search_match_groups(struct text_wrapper *w, const struct search_doc *d,
    const char *query, int any)
{
	struct buf		 norm;
	struct text_span	*spans = NULL;
	size_t			 n, i;
	int			 ok = 1, found = 0;

	buf_init(&norm);
	text_normalise(query, strlen(query), &norm);
	n = text_words(w, norm.data, norm.len, &spans);
	for (i = 0; i < n; i++) {
		int joined = i > 0 && search_joined(&spans[i - 1], &spans[i]);

		/* a new group: the last one is decided */
		if (i > 0 && !joined) {
			if (ok && any)
				break;
			if (!ok && !any)
				break;
			ok = 1;
		}
		if (!ok)
			continue;
		ok = doc_has_prefix(d, norm.data + spans[i].off,
		    spans[i].len);
		/* typed together, they must stand together in the text */
		if (ok && joined)
			ok = doc_has_prefix(d, norm.data + spans[i - 1].off,
			    spans[i].off + spans[i].len - spans[i - 1].off);
	}
	found = n == 0 ? !any : ok;
	free(spans);
	buf_release(&norm);
	return found;
}

int
search_match(struct text_wrapper *w, const struct search_doc *d,
    const char *query)
{
	return search_match_groups(w, d, query, 0);
}

int
search_match_any(struct text_wrapper *w, const struct search_doc *d,
    const char *query)
{
	return search_match_groups(w, d, query, 1);
}
