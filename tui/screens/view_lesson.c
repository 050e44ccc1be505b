/*
 * The lesson reader: a page of marked-up text wrapped to the window with
 * Thai word breaks, scrolled, page n/m.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "screens/app.h"
#include "text/markup.h"
#include "screens/ui.h"

static const enum uic style_role[] = {
	[MSTYLE_TEXT] = UIC_NORMAL,
	[MSTYLE_EMPH] = UIC_EMPH,
	[MSTYLE_CODE] = UIC_CODE,
	[MSTYLE_NOTE] = UIC_NOTE,
	[MSTYLE_BULLET] = UIC_TITLE,
};

/* Lay the page out again when the width or language changed. */
static struct layout *
lesson_layout(struct app *a, const struct page *pg, int width)
{
	struct lesson_state	*ls = &a->lesson;

	if (ls->lay == NULL || ls->lay_width != width ||
	    ls->lay_lang != a->lang) {
		layout_free(ls->lay);
		ls->lay = layout_page(a->wrap, lstr_get(&pg->text, a->lang),
		    width);
		ls->lay_width = width;
		ls->lay_lang = a->lang;
	}
	return ls->lay;
}

static int
lesson_body_height(void)
{
	return LINES - 5;
}

static void
lesson_draw(struct app *a)
{
	struct lesson_state	*ls = &a->lesson;
	const struct course	*c = app_open_course(a, ls->ci);
	const struct module	*m;
	const struct page	*pg;
	struct layout		*lay;
	int			 width, h, y, i, x, maxtop;
	size_t			 s;
	char			 pos[64];

	if (c == NULL) {
		app_draw_open_error(a);
		return;
	}
	m = &c->modules[ls->mod];
	pg = &m->pages[ls->page];
	app_draw_frame(a, lstr_get(&m->title, a->lang),
	    m->quiz != NULL ?
	    tr(a, "↑↓ scroll  ←→ page  t quiz  q back  ? help") :
	    tr(a, "↑↓ scroll  ←→ page  q back  ? help"));
	width = COLS - 4 > 100 ? 100 : COLS - 4;
	lay = lesson_layout(a, pg, width);
	h = lesson_body_height();
	maxtop = (int)lay->nlines - h;
	if (ls->top > maxtop)
		ls->top = maxtop;
	if (ls->top < 0)
		ls->top = 0;
	ui_put(2, 2, lstr_get(&pg->title, a->lang), COLS - 4, UIC_TITLE);
	snprintf(pos, sizeof pos, "%zu/%zu", ls->page + 1, m->npages);
	ui_put(2, COLS - 2 - (int)strlen(pos), pos, (int)strlen(pos), UIC_DIM);
	for (i = 0, y = 3; i < h && ls->top + i < (int)lay->nlines; i++, y++) {
		const struct mline *ml = &lay->lines[ls->top + i];

		x = 2;
		if (ml->note)
			ui_put(y, x, "\xe2\x94\x82", 1, UIC_NOTE);	/* │ */
		x += ml->indent;
		for (s = ml->seg0; s < ml->seg0 + ml->nseg; s++) {
			const struct mseg *g = &lay->segs[s];

			x += ui_putn(y, x, lay->text + g->off, g->len,
			    COLS - 2 - x, style_role[g->style]);
		}
	}
	if (ls->top + h < (int)lay->nlines)
		ui_put(LINES - 2, COLS / 2, "▼", 1, UIC_DIM);
}

static enum act
lesson_key(struct app *a, int ch)
{
	struct lesson_state	*ls = &a->lesson;
	const struct course	*c = app_open_course(a, ls->ci);
	const struct module	*m;
	int			 h = lesson_body_height();

	if (c == NULL) {
		if (ch == 'q' || ch == 27)
			app_pop(a);
		return ACT_REDRAW;
	}
	m = &c->modules[ls->mod];
	switch (ch) {
	case KEY_DOWN:
	case 'j':
		ls->top++;
		return ACT_REDRAW;
	case KEY_UP:
	case 'k':
		ls->top--;
		return ACT_REDRAW;
	case KEY_NPAGE:
	case ' ':
		ls->top += h - 1;
		return ACT_REDRAW;
	case KEY_PPAGE:
		ls->top -= h - 1;
		return ACT_REDRAW;
	case KEY_RIGHT:
	case 'l':
	case 'n':
		if (ls->page + 1 < m->npages)
			app_open_lesson(a, c, ls->mod, ls->page + 1);
		else if (m->quiz != NULL)
			app_status(a, "%s", tr(a, "End of the lesson: press t for the quiz"));
		else
			app_status(a, "%s", tr(a, "End of this lesson"));
		return ACT_REDRAW;
	case KEY_LEFT:
	case 'h':
	case 'b':
		if (ls->page > 0)
			app_open_lesson(a, c, ls->mod, ls->page - 1);
		return ACT_REDRAW;
	case 't':
		if (m->quiz != NULL)
			app_open_quiz(a, c, m);
		return ACT_REDRAW;
	case 'q':
	case 27:
		layout_free(ls->lay);
		ls->lay = NULL;
		app_pop(a);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

const struct view view_lesson = { "lesson", lesson_draw, lesson_key, NULL };
