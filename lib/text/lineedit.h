#ifndef LINEEDIT_H
#define LINEEDIT_H

#include <stddef.h>

#include "base/buf.h"

/*
 * A one-line text editor's state, curses-free: fill-in answers, officer
 * names, search. Thai-aware: the cursor moves by terminal cells (a
 * consonant with its vowel and tone marks is one cell), Backspace removes
 * the last code point (so a mistyped tone mark goes first, as Thai
 * keyboards expect), Delete removes the whole next cell. Embedded:
 * lineedit_init() / lineedit_release().
 */
struct lineedit {
	struct buf	text;
	size_t		cursor;		/* byte offset, at a cell boundary */
	size_t		max;		/* most bytes it will hold */
};

void	lineedit_init(struct lineedit *le, size_t max);
void	lineedit_release(struct lineedit *le);
/* Replace the text, cursor at the end. */
void	lineedit_set(struct lineedit *le, const char *s);
/*
 * Insert UTF-8 'len' bytes at the cursor (control characters and bytes
 * that are not valid UTF-8 are dropped). Returns 0, or -1 when it would
 * not fit: then nothing is inserted, so a character is never cut.
 */
int	lineedit_insert(struct lineedit *le, const char *s, size_t len);
void	lineedit_backspace(struct lineedit *le);
void	lineedit_delete(struct lineedit *le);
void	lineedit_left(struct lineedit *le);
void	lineedit_right(struct lineedit *le);
void	lineedit_home(struct lineedit *le);
void	lineedit_end(struct lineedit *le);

/*
 * For showing it in 'width' cells with the cursor visible: the byte
 * offset where the visible part starts (*start, kept between calls by
 * the caller, 0 at first) and the cursor's cell column within it.
 */
int	lineedit_view(const struct lineedit *le, int width, size_t *start);

#endif
