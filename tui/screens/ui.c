#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/ui.h"
#include "base/buf.h"
#include "text/ascii.h"
#include "text/lineedit.h"
#include "text/text.h"

static int	ui_active;
static int	ui_ascii;		/* accessible mode: ASCII symbols */
/*
 * Where the hardware cursor goes when the frame is done: screen readers
 * and braille displays follow it. Set by ui_focus(), else by the first
 * thing painted in UIC_SELECT (the selected row) since ui_focus_begin().
 */
static int	ui_fy = -1, ui_fx, ui_fset;

static int	ui_paint(int, int, const char *, size_t, int, enum uic, int);
static int	ui_color;
static attr_t	ui_attrs[UIC_COUNT];	/* attributes without the colour */
static short	ui_pairno[UIC_COUNT];	/* colour pair; 0 = the default */

#define UI_MONO(name, fg, bg, mono) [name] = (mono),
static const attr_t ui_mono[UIC_COUNT] = { UI_COLORS(UI_MONO) };
#undef UI_MONO

struct ui_pair {
	short	fg, bg;
};
#define UI_PAIR(name, fg, bg, mono) [name] = { (fg), (bg) },
static const struct ui_pair ui_pairs[UIC_COUNT] = { UI_COLORS(UI_PAIR) };
#undef UI_PAIR

int
ui_begin(int raw_keys)
{
	const char	*nc = getenv("NO_COLOR");
	int		 i;

	if (initscr() == NULL)
		return -1;
	ui_active = 1;
	if (raw_keys)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	ui_color = has_colors() && (nc == NULL || *nc == '\0');
	if (ui_color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < UIC_COUNT; i++) {
		if (ui_color && i > 0) {
			init_pair((short)i, ui_pairs[i].fg, ui_pairs[i].bg);
			ui_pairno[i] = (short)i;
			ui_attrs[i] = ui_mono[i] & (A_BOLD | A_UNDERLINE);
		} else
			ui_attrs[i] = ui_mono[i];
	}
	return 0;
}

void
ui_end(void)
{
	if (!ui_active || isendwin())
		return;
	curs_set(1);
	endwin();
	ui_active = 0;
}

void
ui_wipe(void)
{
	clear();
	refresh();
	/* ED 3: clear the scrollback of xterm-likes and tmux */
	fputs("\033[3J", stdout);
	fflush(stdout);
}

void
ui_set_ascii(int on)
{
	ui_ascii = on;
}

int
ui_is_ascii(void)
{
	return ui_ascii;
}

void
ui_focus_begin(void)
{
	ui_fy = -1;
	ui_fset = 0;
}

void
ui_focus(int y, int x)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS)
		return;
	ui_fy = y;
	ui_fx = x;
	ui_fset = 1;
}

/* The selected row: the first UIC_SELECT paint, unless focus was set. */
static void
ui_focus_auto(int y, int x, enum uic c)
{
	if (c == UIC_SELECT && !ui_fset && ui_fy < 0 && y >= 0 && y < LINES &&
	    x >= 0 && x < COLS) {
		ui_fy = y;
		ui_fx = x;
	}
}

void
ui_focus_end(void)
{
	/* nothing selected: the start of the screen's content */
	if (ui_fy < 0)
		move(LINES > 2 ? 2 : 0, COLS > 2 ? 2 : 0);
	else
		move(ui_fy, ui_fx);
}

int
ui_putn_attr(int y, int x, const char *s, size_t len, int maxw, enum uic c,
    int attr)
{
	struct buf	b;
	int		used;

	if (ui_ascii && ascii_has_symbol(s, len)) {
		buf_init(&b);
		ascii_symbols(s, len, &b);
		used = ui_paint(y, x, b.data, b.len, maxw, c, attr);
		buf_release(&b);
		return used;
	}
	return ui_paint(y, x, s, len, maxw, c, attr);
}

/* ui_putn_attr() once the text is what the terminal shows. */
static int
ui_paint(int y, int x, const char *s, size_t len, int maxw, enum uic c,
    int attr)
{
	size_t	bytes, cell;
	int	used = 0, w;

	if (maxw <= 0 || y < 0 || y >= LINES || x >= COLS)
		return 0;
	ui_focus_auto(y, x, c);
	if (x + maxw > COLS)
		maxw = COLS - x;
	bytes = text_clip(s, len, maxw, &used);
	/* the pair goes in attr_set's own argument: wattr_set() takes
	 * the colour from there and drops COLOR_PAIR() bits in attrs */
	attr_set(ui_attrs[c] | (attr_t)attr, ui_pairno[c], NULL);
	if (bytes > 0) {
		/* a mark with nothing before it gets a dotted circle base */
		cell = text_next_cell(s, bytes, &w);
		if (w == 0 && cell > 0) {
			mvaddstr(y, x, "\xe2\x97\x8c");
			addnstr(s, (int)bytes);
			used++;
		} else
			mvaddnstr(y, x, s, (int)bytes);
	}
	attr_set(A_NORMAL, 0, NULL);
	return used;
}

int
ui_putn(int y, int x, const char *s, size_t len, int maxw, enum uic c)
{
	return ui_putn_attr(y, x, s, len, maxw, c, 0);
}

int
ui_put(int y, int x, const char *s, int maxw, enum uic c)
{
	return ui_putn_attr(y, x, s, strlen(s), maxw, c, 0);
}

void
ui_fill(int y, int x, int w, enum uic c)
{
	if (y < 0 || y >= LINES)
		return;
	if (x + w > COLS)
		w = COLS - x;
	if (w <= 0)
		return;
	ui_focus_auto(y, x, c);
	attr_set(ui_attrs[c], ui_pairno[c], NULL);
	mvhline(y, x, ' ', w);
	attr_set(A_NORMAL, 0, NULL);
}

int
ui_edit(int y, int x, int w, const struct lineedit *le, size_t *start,
    enum uic c)
{
	int	col;

	ui_fill(y, x, w, c);
	col = lineedit_view(le, w - 1, start);
	ui_putn(y, x, le->text.data + *start, le->text.len - *start, w - 1, c);
	return x + col;
}

void
ui_hline(int y, int x, int w, enum uic c)
{
	if (y < 0 || y >= LINES)
		return;
	if (x + w > COLS)
		w = COLS - x;
	if (w <= 0)
		return;
	attr_set(ui_attrs[c], ui_pairno[c], NULL);
	mvhline(y, x, ui_ascii ? '-' : ACS_HLINE, w);
	attr_set(A_NORMAL, 0, NULL);
}

void
ui_bar(int y, int x, int w, double frac)
{
	int	done, i;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	done = (int)(frac * w + 0.5);
	for (i = 0; i < w && x + i < COLS; i++) {
		if (i < done)
			ui_put(y, x + i, "\xe2\x96\x88", 1, UIC_DONE);	/* █ */
		else
			ui_put(y, x + i, "\xe2\x96\x91", 1, UIC_DIM);	/* ░ */
	}
}
