#include "content/words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "content/schema.h"
#include "content/ytree.h"
#include "text/text.h"

/*
 * Why 'w' is not a word to keep, or NULL when it is one. The reasons
 * follow text_word_ok(), with the commonest first.
 */
static const char *
words_why(const char *w)
{
	size_t		 i, n, len = strlen(w), ncp = 0;
	uint32_t	 cp;
	int		 thai = 1;

	for (i = 0; i < len; i += n) {
		n = text_decode(w + i, len - i, &cp);
		if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x200B)
			return "has a space: list each word on its own";
		if (cp < 0x0E01 || cp > 0x0E4E || cp == 0x0E2F ||
		    cp == 0x0E3F || cp == 0x0E46)
			thai = 0;
		ncp++;
	}
	if (!thai)
		return "is not Thai: list Thai words only (Latin words, "
		    "numbers and web addresses are never cut)";
	if (ncp < 2)
		return "is one letter: a word has two or more";
	if (ncp > WORDS_MAX_CPS)
		return "is too long (at most 40 characters)";
	if (!text_word_ok(w))
		return "starts with a vowel sign or a mark, or ends with a "
		    "leading vowel (เ แ โ ใ ไ)";
	return NULL;
}

/* The normalised form of 'w' in 'out', NUL-terminated. */
static void
words_norm(const char *w, struct buf *out)
{
	buf_reset(out);
	text_normalise(w, strlen(w), out);
	buf_addc(out, '\0');
}

void
words_read(struct schema *s, const struct ynode *seq, struct course *c)
{
	const struct ynode	*n;
	const char		**w, *why;
	struct buf		*norm;
	size_t			 i, k, nw = 0;

	if (!schema_is(s, seq, YN_SEQ, "words") || seq->n == 0)
		return;
	if (seq->n > WORDS_MAX) {
		schema_error(s, seq, "%zu words: at most %d", seq->n,
		    WORDS_MAX);
		return;
	}
	w = arena_alloc(c->arena, seq->n * sizeof *w);
	norm = xcalloc(seq->n, sizeof *norm);
	for (i = 0; i < seq->n; i++) {
		n = seq->kids[i];
		buf_init(&norm[i]);
		if (!schema_is(s, n, YN_SCALAR, "a word"))
			continue;
		if ((why = words_why(n->str)) != NULL) {
			schema_error(s, n, "word '%s' %s", n->str, why);
			continue;
		}
		words_norm(n->str, &norm[i]);
		for (k = 0; k < i; k++)
			if (norm[k].len > 0 &&
			    strcmp(norm[k].data, norm[i].data) == 0)
				break;
		if (k < i) {
			/* as every other duplicate: line:col of the first */
			schema_error(s, n, "word '%s' is listed twice (first "
			    "at %u:%u)", n->str, seq->kids[k]->line,
			    seq->kids[k]->col);
			buf_release(&norm[i]);
			continue;
		}
		w[nw++] = arena_strndup(c->arena, n->str, n->len);
	}
	for (i = 0; i < seq->n; i++)
		buf_release(&norm[i]);
	free(norm);
	c->words = nw > 0 ? w : NULL;
	c->nwords = nw;
}

int
words_valid(const char *const *words, size_t n)
{
	struct buf	*norm;
	size_t		 i, k;
	int		 ok = n <= WORDS_MAX && (n == 0 || words != NULL);

	if (!ok || n == 0)
		return ok;
	norm = xcalloc(n, sizeof *norm);
	for (i = 0; i < n; i++) {
		buf_init(&norm[i]);
		if (!ok || words[i] == NULL || words_why(words[i]) != NULL) {
			ok = 0;
			continue;
		}
		words_norm(words[i], &norm[i]);
		for (k = 0; k < i; k++)
			if (strcmp(norm[k].data, norm[i].data) == 0)
				ok = 0;
	}
	for (i = 0; i < n; i++)
		buf_release(&norm[i]);
	free(norm);
	return ok;
}

/* Add the text of 'l' (both languages) to 'b', a line each. */
static void
words_add_l(struct buf *b, const struct lstr *l)
{
	int	k;

	for (k = 0; k < LANG_COUNT; k++)
		if (l->s[k] != NULL) {
			buf_adds(b, l->s[k]);
			buf_addc(b, '\n');
		}
}

static void
words_add_question(struct buf *b, const struct question *q)
{
	size_t	i;

	words_add_l(b, &q->prompt);
	words_add_l(b, &q->explain);
	words_add_l(b, &q->unit);
	for (i = 0; i < q->nchoices; i++) {
		words_add_l(b, &q->choices[i].text);
		words_add_l(b, &q->choices[i].feedback);
	}
	for (i = 0; i < q->nanswers; i++) {
		buf_adds(b, q->answers[i]);
		buf_addc(b, '\n');
	}
	for (i = 0; i < q->npairs; i++) {
		words_add_l(b, &q->pairs[i].left);
		words_add_l(b, &q->pairs[i].right);
	}
	for (i = 0; i < q->nitems; i++)
		words_add_l(b, &q->items[i].text);
}

/* Every text of 'c' that officers read, into 'b'. */
static void
words_course_text(const struct course *c, struct buf *b)
{
	const struct module	*m;
	size_t			 i, j;

	words_add_l(b, &c->title);
	words_add_l(b, &c->summary);
	for (i = 0; i < c->ntags; i++)
		words_add_l(b, &c->tags[i].label);
	for (i = 0; i < c->nmodules; i++) {
		m = &c->modules[i];
		words_add_l(b, &m->title);
		for (j = 0; j < m->npages; j++) {
			words_add_l(b, &m->pages[j].title);
			words_add_l(b, &m->pages[j].text);
		}
		if (m->quiz == NULL)
			continue;
		words_add_l(b, &m->quiz->title);
		for (j = 0; m->quiz->questions != NULL &&
		    j < m->quiz->nquestions; j++)
			words_add_question(b, &m->quiz->questions[j]);
	}
}

void
words_check_used(struct schema *s, const struct ynode *seq,
    const struct course *c)
{
	struct buf	 text, norm, w;
	size_t		 i;

	if (seq == NULL || seq->kind != YN_SEQ || c->nwords == 0 ||
	    c->header)
		return;
	buf_init(&text);
	buf_init(&norm);
	buf_init(&w);
	words_course_text(c, &text);
	text_normalise(text.data != NULL ? text.data : "", text.len, &norm);
	buf_addc(&norm, '\0');
	for (i = 0; i < seq->n; i++) {
		if (seq->kids[i]->kind != YN_SCALAR ||
		    words_why(seq->kids[i]->str) != NULL)
			continue;
		words_norm(seq->kids[i]->str, &w);
		if (strstr(norm.data, w.data) == NULL)
			schema_warning(s, seq->kids[i], "word '%s' is nowhere "
			    "in the course's text", seq->kids[i]->str);
	}
	buf_release(&text);
	buf_release(&norm);
	buf_release(&w);
}
