/*
 * Help overlay: the keys.
 */
#include <curses.h>

#include "app.h"
#include "ui.h"

static const char *const help_th[] = {
	"↑ ↓ หรือ j k     เลื่อน / เลือก",
	"Enter หรือ →     เปิด",
	"← → หรือ h l     หน้าก่อน / หน้าถัดไป (ในบทเรียน)",
	"PgUp PgDn Space  เลื่อนทีละหน้าจอ",
	"p                ปัญหาของเนื้อหา",
	"L                สลับภาษา ไทย / English",
	"? หรือ F1        ความช่วยเหลือนี้",
	"q หรือ Esc       กลับ / ออก",
	NULL
};

static const char *const help_en[] = {
	"↑ ↓ or j k       move / select",
	"Enter or →       open",
	"← → or h l       previous / next page (in a lesson)",
	"PgUp PgDn Space  scroll a screen",
	"p                content problems",
	"L                switch language ไทย / English",
	"? or F1          this help",
	"q or Esc         back / quit",
	NULL
};

static void
help_draw(struct app *a)
{
	const char *const	*lines = a->lang == LANG_EN ? help_en : help_th;
	int			 y = 2, i;

	app_draw_frame(a, app_tr(a, "ความช่วยเหลือ", "Help"),
	    app_tr(a, "กดปุ่มใดก็ได้เพื่อกลับ", "any key: back"));
	for (i = 0; lines[i] != NULL && y < LINES - 2; i++)
		ui_put(y++, 3, lines[i], COLS - 6, UIC_NORMAL);
}

static enum act
help_key(struct app *a, int ch)
{
	(void)ch;
	app_pop(a);
	return ACT_REDRAW;
}

const struct view view_help = { "help", help_draw, help_key, NULL };
