#ifndef MARKUP_H
#define MARKUP_H

#include <stddef.h>

/*
 * Page text with light markup (docs/content-format.md) laid out for a
 * given width: paragraphs, "- " bullets, "1. " numbered items, "> " notes,
 * *emphasis* and `code`. The result is a list of display lines, each a few
 * styled byte ranges of the layout's own text, so a view can paint it
 * without knowing the markup. Curses-free; widths are terminal cells.
 */

struct text_wrapper;

enum mstyle {
	MSTYLE_TEXT,
	MSTYLE_EMPH,
	MSTYLE_CODE,
	MSTYLE_NOTE,		/* text of a "> " note */
	MSTYLE_BULLET		/* the bullet or number in front of an item */
};

struct mseg {
	size_t		 off, len;	/* bytes of layout->text */
	enum mstyle	 style;
};

struct mline {
	int		 indent;	/* cells before the first segment */
	int		 width;		/* cells of the segments */
	size_t		 seg0, nseg;	/* range of layout->segs */
	int		 note;		/* inside a note: draw a bar at the left */
};

struct layout {
	char		*text;		/* visible text, markers removed */
	size_t		 textlen;
	struct mseg	*segs;
	size_t		 nsegs, capsegs;
	struct mline	*lines;
	size_t		 nlines, caplines;
	int		 width;		/* what it was laid out for */
};

/*
 * Lay out 'src' (UTF-8 page text) for 'width' cells (at least 10 is
 * sensible; smaller is clamped to 4). Returns a new layout the caller
 * frees with layout_free(). Never fails.
 */
struct layout	*layout_page(struct text_wrapper *w, const char *src,
		    int width);
void		 layout_free(struct layout *l);	/* NULL is fine */

#endif
