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
	"c                เรียนต่อจากที่ค้างไว้ (หน้าหลัก)",
	"/  f  v          ค้นหา · กรองตามด้าน · กรองตามระดับ (หน้าหลัก)",
	"m                ความก้าวหน้าของฉัน (หน้าหลัก)",
	"t                ทำแบบทดสอบของบทเรียน",
	"แบบทดสอบ:        ตัวเลข/Space เลือก · Enter ตอบ · Tab/S-Tab ข้อถัดไป/ก่อน",
	"                 จับคู่: ตัวเลขหรือ ←→ (0 ล้าง) · เรียงลำดับ: J/K หรือ Space+↑↓",
	"                 s หรือ F10 ส่ง · q หรือ Esc พัก (คำตอบถูกบันทึกแล้ว)",
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
	"c                continue where you stopped (home)",
	"/  f  v          search · filter by area · by level (home)",
	"m                my progress (home)",
	"t                the module's quiz",
	"Quiz:            digits/Space pick · Enter answers · Tab/S-Tab next/previous",
	"                 matching: a digit or ←→ (0 clears) · ordering: J/K or Space+↑↓",
	"                 s or F10 submits · q or Esc pauses (answers are saved)",
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
