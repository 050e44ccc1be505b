#ifndef SEARCH_H
#define SEARCH_H

#include <stddef.h>

/*
 * Catalogue search in Thai and English. Thai has no spaces between words,
 * so text is cut into words with libthai (text_words) after normalising
 * (text_normalise: NFC, SARA AM, digits, case), and a query matches a
 * course when every query word begins some word of the course's title,
 * summary, module and page titles and page text. Whole-word matching
 * means "การ" does not find every word that merely contains it, and
 * prefixes let an officer type part of a word. Words typed together
 * ("รหัสผ่าน", cut as รหัส|ผ่าน) must also stand together in the course,
 * so the index holds each pair of words written together as one entry.
 */

struct buf;
struct course;
struct text_wrapper;

/* The words of one course. */
struct search_doc;

/*
 * Append to 'out' the words of course 'c' (which must have its body: a
 * header's pages have no text), normalised, sorted and unique, each with
 * its NUL: the compact word index of a whole course (catalog.h).
 */
void		 search_words(struct text_wrapper *w, const struct course *c,
		    struct buf *out);

/*
 * A new document for course 'c' (its body), or from 'len' bytes of
 * 'text' as search_words() writes them. search_doc_from_words() takes
 * ownership of 'text' (malloc'd) and returns NULL (freeing it) when the
 * last byte is not a NUL. The caller frees the document.
 */
struct search_doc *search_doc_new(struct text_wrapper *w,
		    const struct course *c);
struct search_doc *search_doc_from_words(char *text, size_t len);
/* The same for one text (NUL-terminated), as search_words() cuts it. */
struct search_doc *search_doc_text(struct text_wrapper *w, const char *text);
void		 search_doc_free(struct search_doc *d);	/* NULL is fine */

/*
 * Does 'query' (UTF-8 as typed) match document 'd'? An empty query
 * matches everything.
 */
int		 search_match(struct text_wrapper *w, const struct search_doc *d,
		    const char *query);

/*
 * Does at least one group of words typed together in 'query' match 'd'
 * (as search_match() asks of every group)? An empty query does not.
 */
int		 search_match_any(struct text_wrapper *w,
		    const struct search_doc *d, const char *query);

#endif
