#ifndef SEARCH_UI_H
#define SEARCH_UI_H

#include <stddef.h>

/*
 * Search results on home: under each course found, the places where the
 * words were found (content/place.h), each a line that shows them with
 * the words underlined (not by colour alone), that Enter opens.
 */

struct app;
struct place_hit;

/* The places of each course shown, parallel to home's list. */
struct search_rows {
	struct place_hit	**hits;
	size_t			 *nhits;
	size_t			  n;
};

/* How many places to show under a course on this screen. */
size_t	search_rows_max(void);

/*
 * Find the places of the 'n' catalogue courses 'order' for 'query' (at
 * most search_rows_max() each) into 'r' (released first). A course whose
 * pack cannot be read gets none and its error goes to the status line.
 */
void	search_rows_build(struct app *a, struct search_rows *r,
	    const size_t *order, size_t n, const char *query);
void	search_rows_release(struct search_rows *r);	/* then empty */

/* Places under shown course 'k' (0 when none or out of range). */
size_t	search_rows_count(const struct search_rows *r, size_t k);

/*
 * Paint place 'h' of course 'ci' on row y from x, 'w' cells: where it is
 * ("page 1.2") and the line with the words of 'query' underlined; the
 * whole row in the selection's colours when 'selected'.
 */
void	search_rows_draw(struct app *a, int y, int x, int w, size_t ci,
	    const struct place_hit *h, const char *query, int selected);

/*
 * Open place 'h' of catalogue course 'ci': a page in the reader at that
 * page, anything else (course, module title, question) on the course
 * screen with its module selected. Returns the course (a body), or NULL
 * when it could not be opened.
 */
struct course;
const struct course *search_rows_open(struct app *a, size_t ci,
	    const struct place_hit *h);

#endif
