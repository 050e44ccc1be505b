/*
 * The lesson reader: a page of marked-up text wrapped to the window with
 * Thai word breaks, scrolled, page n/m.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "content/catalog.h"
#include "content/load.h"
#include "text/markup.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/*
 * The page shown, by catalogue index. The draw paints the body read on
 * open and reload; release lets go of it when another course is opened
 * (the screen reads it again before it is drawn next).
 */
struct lesson_screen {
	size_t			 ci;		/* catalogue index */
	const struct course	*c;		/* NULL: could not open */
	size_t			 mod, page;
	int			 top;
	struct layout		*lay;		/* for lay_width, lay_lang */
	int			 lay_width;
	enum lang		 lay_lang;
};

/* What app_open_lesson() opens the screen with. */
struct lesson_arg {
	const struct course	*c;
	size_t			 mod, page;
};

static const enum uic style_role[] = {
	[MSTYLE_TEXT] = UIC_NORMAL,
	[MSTYLE_EMPH] = UIC_EMPH,
	[MSTYLE_CODE] = UIC_CODE,
	[MSTYLE_NOTE] = UIC_NOTE,
	[MSTYLE_BULLET] = UIC_TITLE,
};

/* Lay the page out again when the width or language changed. */
static struct layout *
lesson_layout(struct app *a, struct lesson_screen *ls, const struct page *pg,
    int width)
{
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
lesson_draw(struct app *a, void *data)
{
	struct lesson_screen	*ls = data;
	const struct course	*c = ls->c;
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
	lay = lesson_layout(a, ls, pg, width);
	h = lesson_body_height();
	maxtop = (int)lay->nlines - h;
	if (ls->top > maxtop)
		ls->top = maxtop;
	if (ls->top < 0)
		ls->top = 0;
	snprintf(pos, sizeof pos, "%zu/%zu", ls->page + 1, m->npages);
	/* a long title stops a cell before "n/m", cut after a word */
	app_put_cut(a, 2, 2, lstr_get(&pg->title, a->lang),
	    COLS - 5 - (int)strlen(pos), UIC_TITLE);
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

/* Show page 'page' of module 'mod', recorded as read. */
static void
lesson_go(struct app *a, struct lesson_screen *ls, const struct course *c,
    size_t mod, size_t page)
{
	if (mod >= c->nmodules || c->modules[mod].npages == 0)
		return;
	if (page >= c->modules[mod].npages)
		page = 0;
	ls->ci = app_course_index(a, c);
	ls->c = c;
	ls->mod = mod;
	ls->page = page;
	ls->top = 0;
	layout_free(ls->lay);
	ls->lay = NULL;
	/* record before showing: a kill right after still resumes here */
	app_read_page(a, c, mod, page);
}

/*
 * A page turn: what the status line said about the last page ("end of
 * the lesson") no longer holds.
 */
static void
lesson_turn(struct app *a, struct lesson_screen *ls, const struct course *c,
    size_t page)
{
	a->status[0] = '\0';
	lesson_go(a, ls, c, ls->mod, page);
}

static enum act
lesson_key(struct app *a, void *data, int ch)
{
	struct lesson_screen	*ls = data;
	const struct course	*c = app_open_course(a, ls->ci);
	const struct module	*m;
	int			 h = lesson_body_height();

	if (c == NULL)
		return ch == 'q' || ch == 27 ? ACT_POP : ACT_REDRAW;
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
			lesson_turn(a, ls, c, ls->page + 1);
		else if (m->quiz != NULL)
			app_say(a, N_("End of the lesson: press t for the quiz"));
		else
			app_say(a, N_("End of this lesson"));
		return ACT_REDRAW;
	case KEY_LEFT:
	case 'h':
	case 'b':
		if (ls->page > 0)
			lesson_turn(a, ls, c, ls->page - 1);
		return ACT_REDRAW;
	case 't':
		if (m->quiz != NULL)
			app_open_quiz(a, c, m);
		return ACT_REDRAW;
	case 'q':
	case 27:
		return ACT_POP;
	}
	return ACT_NONE;
}

static int
lesson_open(struct app *a, const void *arg, void **data)
{
	const struct lesson_arg	*la = arg;
	struct lesson_screen	*ls;

	if (la->mod >= la->c->nmodules ||
	    la->c->modules[la->mod].npages == 0)
		return -1;
	ls = xcalloc(1, sizeof *ls);
	lesson_go(a, ls, la->c, la->mod, la->page);
	*data = ls;
	return 0;
}

/* Read the body again (it was let go of, or the records changed). */
static void
lesson_reload(struct app *a, void *data)
{
	struct lesson_screen	*ls = data;

	ls->c = app_open_course(a, ls->ci);
}

/* Another course is being opened: this body may go. */
static void
lesson_release(struct app *a, void *data, size_t keep)
{
	struct lesson_screen	*ls = data;

	if (keep == ls->ci)
		return;
	ls->c = NULL;
	app_screen_stale(a, ls);
}

static void
lesson_close(struct app *a, void *data)
{
	struct lesson_screen	*ls = data;

	(void)a;
	layout_free(ls->lay);
	free(ls);
}

static void
lesson_where(const struct app *a, const void *data, struct app_place *p)
{
	const struct lesson_screen	*ls = data;

	/* the preview's catalogue is whole: no body to open */
	if (ls->ci >= a->cat->n || a->cat->courses[ls->ci]->header)
		return;
	p->in_lesson = 1;
	snprintf(p->module, sizeof p->module, "%s",
	    a->cat->courses[ls->ci]->modules[ls->mod].id);
	p->page = ls->page;
}

/* Preview: another page of this course turns the page here. */
static int
lesson_go_place(struct app *a, void *data, const struct app_place *p)
{
	struct lesson_screen	*ls = data;
	const struct course	*c = app_open_course(a, ls->ci);
	const struct module	*m;

	if (c == NULL || !p->in_lesson || strcmp(c->id, p->course) != 0 ||
	    (m = course_module(c, p->module)) == NULL)
		return -1;
	lesson_go(a, ls, c, (size_t)(m - c->modules), p->page);
	return 0;
}

const struct view view_lesson = {
	.name = "lesson",
	.flags = VIEW_STATE_DRAW | VIEW_UPDATE_SAFE,
	.open = lesson_open,
	.close = lesson_close,
	.draw = lesson_draw,
	.key = lesson_key,
	.reload = lesson_reload,
	.release = lesson_release,
	.where = lesson_where,
	.go = lesson_go_place,
};

void
app_open_lesson(struct app *a, const struct course *c, size_t mod,
    size_t page)
{
	struct lesson_arg	arg = { c, mod, page };

	app_push(a, &view_lesson, &arg);
}
