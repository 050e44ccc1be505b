#ifndef PLACE_H
#define PLACE_H

#include <stddef.h>

/*
 * Where in a course the words of a search were found, and the line that
 * shows them. A course is searched as a whole (search.h: every query word
 * somewhere in it); its places are what the officer is shown under it:
 * the course itself (title and summary), a module title, a page (title
 * and text) or a quiz question (its prompt; choices, answers and
 * explanations are never searched, so search gives nothing away).
 */

struct buf;
struct course;
struct lstr;
struct text_wrapper;

enum place_kind {
	PLACE_COURSE,
	PLACE_MODULE,
	PLACE_PAGE,
	PLACE_QUESTION
};

/* One place where a query was found. */
struct place_hit {
	enum place_kind	 kind;
	size_t		 module;	/* index in course->modules */
	size_t		 item;		/* page or question index */
	char		*text;		/* the place's text as written, both
					 * languages, markup and all (malloc'd) */
};

/*
 * The text of each place of course 'c' (its body), in course order:
 * fn(arg, kind, module, item, text) with 'text' as place_hit.text (Thai
 * title and text, then English; a place without text is skipped). 'text'
 * is valid during the call only.
 */
void	place_each(const struct course *c, void (*fn)(void *, enum place_kind,
	    size_t, size_t, const char *), void *arg);

/*
 * The places of course 'c' (its body) where 'query' is found: those that
 * hold every word of it, or when none does, those that hold some. At most
 * 'max', in course order, into a new array *out that the caller frees
 * with place_hits_free() (NULL when none). Returns how many.
 */
size_t	place_find(struct text_wrapper *w, const struct course *c,
	    const char *query, size_t max, struct place_hit **out);

void	place_hits_free(struct place_hit *h, size_t n);	/* NULL is fine */

/* A run of words of a snippet that the query found: bytes of its text. */
struct place_mark {
	size_t	off, len;
};

/*
 * One line of at most 'width' cells (at least 8) from 'text' (a place's
 * text: markup left out, lines joined with spaces) that shows the first
 * words 'query' finds, cut only between words (Thai as libthai cuts it),
 * with "…" where text was left out. Appends the line to 'out' (reset
 * first) and sets *marks to a new array (caller frees; NULL when none)
 * of the words found in it: a word is found when its normalised form
 * begins with a query word, and words typed together must stand together.
 * Returns the number of marks.
 */
size_t	place_snippet(struct text_wrapper *w, const char *text,
	    const char *query, int width, struct buf *out,
	    struct place_mark **marks);

#endif
