/*
 * Search results on home: the places under each course found, and the
 * line that shows the words.
 */
#include "screens/search_ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/catalog.h"
#include "content/course.h"
#include "content/place.h"
#include "screens/app.h"
#include "screens/views.h"
#include "screens/ui.h"

size_t
search_rows_max(void)
{
	/* a small screen keeps room for more than one course */
	return LINES >= 20 ? 3 : 1;
}

void
search_rows_release(struct search_rows *r)
{
	size_t	k;

	for (k = 0; k < r->n; k++)
		place_hits_free(r->hits[k], r->nhits[k]);
	free(r->hits);
	free(r->nhits);
	memset(r, 0, sizeof *r);
}

void
search_rows_build(struct app *a, struct search_rows *r, const size_t *order,
    size_t n, const char *query)
{
	struct err	e;
	size_t		k;

	search_rows_release(r);
	if (n == 0)
		return;
	r->hits = xcalloc(n, sizeof *r->hits);
	r->nhits = xcalloc(n, sizeof *r->nhits);
	r->n = n;
	for (k = 0; k < n; k++) {
		err_clear(&e);
		if (catalog_hits(a->cat, order[k], a->wrap, query,
		    search_rows_max(), &r->hits[k], &r->nhits[k], &e) == -1)
			app_error(a, &e);
	}
}

size_t
search_rows_count(const struct search_rows *r, size_t k)
{
	return k < r->n ? r->nhits[k] : 0;
}

/* Where place 'h' is, in words: "page 1.2", "question 2.3". */
static void
search_rows_where(struct app *a, const struct place_hit *h, char *out,
    size_t size)
{
	switch (h->kind) {
	case PLACE_COURSE:
		snprintf(out, size, "%s", tr(a, "course"));
		break;
	case PLACE_MODULE:
		snprintf(out, size, tr(a, "module %zu"), h->module + 1);
		break;
	case PLACE_PAGE:
		snprintf(out, size, tr(a, "page %zu.%zu"), h->module + 1,
		    h->item + 1);
		break;
	case PLACE_QUESTION:
		snprintf(out, size, tr(a, "question %zu.%zu"), h->module + 1,
		    h->item + 1);
		break;
	}
}

void
search_rows_draw(struct app *a, int y, int x, int w, size_t ci,
    const struct place_hit *h, const char *query, int selected)
{
	struct buf		 line;
	struct place_mark	*m = NULL;
	char			 where[64];
	enum uic		 c = selected ? UIC_SELECT : UIC_NORMAL;
	size_t			 n, i, at = 0;
	int			 used;

	(void)ci;
	if (selected)
		ui_fill(y, 1, COLS - 2, UIC_SELECT);
	search_rows_where(a, h, where, sizeof where);
	used = ui_put(y, x, where, w, selected ? UIC_SELECT : UIC_DIM);
	x += used + 1;
	w -= used + 1;
	if (w < 8)
		return;
	buf_init(&line);
	n = place_snippet(a->wrap, h->text, query, w, &line, &m);
	/* the words found underlined and bold: seen without colour too */
	for (i = 0; i <= n; i++) {
		size_t end = i < n ? m[i].off : line.len;

		if (end > at)
			x += ui_putn(y, x, line.data + at, end - at, w, c);
		if (i == n)
			break;
		x += ui_putn_attr(y, x, line.data + m[i].off, m[i].len, w,
		    selected ? UIC_SELECT : UIC_EMPH, A_UNDERLINE | A_BOLD);
		at = m[i].off + m[i].len;
	}
	free(m);
	buf_release(&line);
}

const struct course *
search_rows_open(struct app *a, size_t ci, const struct place_hit *h)
{
	const struct course	*c;

	if ((c = app_show_course(a, ci, (int)h->module)) == NULL)
		return NULL;
	if (h->kind == PLACE_PAGE && h->module < c->nmodules &&
	    h->item < c->modules[h->module].npages)
		app_open_lesson(a, c, h->module, h->item);
	return c;
}
