/*
 * A course: its summary and modules.
 */
#include <curses.h>
#include <stdio.h>

#include "app.h"
#include "markup.h"
#include "ui.h"

static void
course_draw(struct app *a)
{
	const struct course	*c = a->course.c;
	int			 y = 2, i, h;
	char			 line[512];

	app_draw_frame(a, lstr_get(&c->title, a->lang),
	    app_tr(a, "↑↓ เลือก  Enter อ่าน  q กลับ  ? ช่วยเหลือ",
	    "↑↓ select  Enter read  q back  ? help"));
	if (c->summary.s[LANG_TH] != NULL || c->summary.s[LANG_EN] != NULL)
		ui_put(y++, 2, lstr_get(&c->summary, a->lang), COLS - 4,
		    UIC_NORMAL);
	if (c->cert.body != NULL) {
		snprintf(line, sizeof line, "%s: %s %s", app_tr(a,
		    "รับรองโดย", "Certified by"), c->cert.body, c->cert.code);
		ui_put(y++, 2, line, COLS - 4, UIC_DONE);
	}
	y++;
	h = LINES - 2 - y;
	app_scroll_to(a->course.sel, &a->course.top, h);
	for (i = a->course.top; i < (int)c->nmodules && y < LINES - 2; i++) {
		const struct module *m = &c->modules[i];
		enum uic col = i == a->course.sel ? UIC_SELECT : UIC_NORMAL;
		int x;

		if (i == a->course.sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		snprintf(line, sizeof line, "%d. ", i + 1);
		x = 2 + ui_put(y, 2, line, 4, col);
		x += ui_put(y, x, lstr_get(&m->title, a->lang), COLS - x - 14,
		    col);
		if (m->quiz != NULL) {
			snprintf(line, sizeof line, " %zu %s",
			    m->quiz->nquestions, app_tr(a, "ข้อ", "Qs"));
			ui_put(y, x, line, COLS - x - 2, col);
		}
		y++;
	}
}

static enum act
course_key(struct app *a, int ch)
{
	const struct course	*c = a->course.c;

	if (app_move(ch, &a->course.sel, (int)c->nmodules, 5))
		return ACT_REDRAW;
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
	case 'l':
		if (c->modules[a->course.sel].npages == 0)
			return ACT_NONE;
		a->lesson.c = c;
		a->lesson.mod = (size_t)a->course.sel;
		a->lesson.page = 0;
		a->lesson.top = 0;
		layout_free(a->lesson.lay);
		a->lesson.lay = NULL;
		app_push(a, &view_lesson);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
	case 'h':
		app_pop(a);
		return ACT_REDRAW;
	}
	return ACT_NONE;
}

const struct view view_course = { "course", course_draw, course_key };
