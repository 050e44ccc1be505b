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
			schema_error(s, n, "word '%s' is listed twice (first "
			    "at line %u)", n->str, seq->kids[k]->line);
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
