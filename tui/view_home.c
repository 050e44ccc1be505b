/*
 * Home: the course catalogue, with skipped courses called out.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "load.h"
#include "ui.h"

static void
home_draw(struct app *a)
{
	struct catalog	*cat = a->cat;
	int		 y, i, h, x;
	char		 line[512];

	app_draw_frame(a, app_tr(a, "หลักสูตร", "Courses"),
	    app_tr(a, "↑↓ เลือก  Enter เปิด  p ปัญหา  L ภาษา  ? ช่วยเหลือ  q ออก",
	    "↑↓ select  Enter open  p problems  L language  ? help  q quit"));
	y = 2;
	if (cat->nskipped > 0) {
		if (a->lang == LANG_EN)
			snprintf(line, sizeof line, "%zu course(s) skipped "
			    "because of errors (press p)", cat->nskipped);
		else
			snprintf(line, sizeof line, "ข้ามหลักสูตรที่มีข้อผิดพลาด "
			    "%zu หลักสูตร (กด p เพื่อดู)", cat->nskipped);
		ui_put(y++, 2, line, COLS - 4, UIC_WARN);
		y++;
	}
	if (cat->n == 0) {
		ui_put(y, 2, app_tr(a, "ไม่พบหลักสูตร", "No courses found"),
		    COLS - 4, UIC_DIM);
		return;
	}
	h = (LINES - 2 - y) / 2;
	app_scroll_to(a->home.sel, &a->home.top, h);
	for (i = a->home.top; i < (int)cat->n && y < LINES - 2; i++) {
		const struct course *c = cat->courses[i];
		enum uic col = i == a->home.sel ? UIC_SELECT : UIC_NORMAL;

		if (i == a->home.sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		x = 2 + ui_put(y, 2, lstr_get(&c->title, a->lang), COLS - 4,
		    col);
		(void)x;
		snprintf(line, sizeof line, "%s · %s · %g %s%s",
		    a->lang == LANG_EN ? vocab_areas[c->area].en :
		    vocab_areas[c->area].th,
		    a->lang == LANG_EN ? vocab_levels[c->level].en :
		    vocab_levels[c->level].th, c->hours,
		    app_tr(a, "ชั่วโมง", "hours"),
		    c->cert.body != NULL ? app_tr(a, " · รับรองหลักสูตร",
		    " · certified") : "");
		ui_put(y + 1, 4, line, COLS - 6, UIC_DIM);
		y += 2;
	}
}

static enum act
home_key(struct app *a, int ch)
{
	int	n = (int)a->cat->n;

	if (app_move(ch, &a->home.sel, n, 5))
		return ACT_REDRAW;
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
	case 'l':
		if (n == 0)
			return ACT_NONE;
		a->course.c = a->cat->courses[a->home.sel];
		a->course.sel = a->course.top = 0;
		app_push(a, &view_course);
		return ACT_REDRAW;
	case 'p':
		a->probs.top = 0;
		app_push(a, &view_problems);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_F(10):
		return ACT_QUIT;
	}
	return ACT_NONE;
}

const struct view view_home = { "home", home_draw, home_key };
