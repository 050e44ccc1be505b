#ifndef UI_H
#define UI_H

#include <stddef.h>

/*
 * The curses layer: start and stop the terminal, colour roles, and
 * painting UTF-8 text clipped to terminal cells. Only tui/ includes curses.
 */

/* Colour roles: name, foreground, background, monochrome attribute. */
#define UI_COLORS(X) \
	X(UIC_NORMAL,	-1,		-1,		0) \
	X(UIC_TITLE,	COLOR_CYAN,	-1,		A_BOLD) \
	X(UIC_DIM,	COLOR_WHITE,	-1,		A_DIM) \
	X(UIC_SELECT,	COLOR_BLACK,	COLOR_CYAN,	A_REVERSE) \
	X(UIC_DONE,	COLOR_GREEN,	-1,		A_BOLD) \
	X(UIC_WARN,	COLOR_YELLOW,	-1,		A_BOLD) \
	X(UIC_ERROR,	COLOR_RED,	-1,		A_BOLD) \
	X(UIC_BAR,	COLOR_BLACK,	COLOR_WHITE,	A_REVERSE) \
	X(UIC_EMPH,	COLOR_YELLOW,	-1,		A_BOLD) \
	X(UIC_CODE,	COLOR_GREEN,	-1,		A_UNDERLINE) \
	X(UIC_NOTE,	COLOR_MAGENTA,	-1,		0) \
	X(UIC_KEY,	COLOR_CYAN,	-1,		A_BOLD)

#define UI_ENUM(name, fg, bg, mono) name,
enum uic {
	UI_COLORS(UI_ENUM)
	UIC_COUNT
};
#undef UI_ENUM

/*
 * Start curses (colours unless NO_COLOR or none); returns -1 if it can't.
 * 'raw_keys': the interrupt keys arrive as keys instead of signals.
 */
int	ui_begin(int raw_keys);
/* Restore the terminal; safe to call twice and from the OOM hook. */
void	ui_end(void);
/* Clear the screen and the terminal's scrollback (kiosk logout). */
void	ui_wipe(void);

/*
 * Paint 'len' bytes of 's' at y, x in role 'c', at most 'maxw' cells,
 * never splitting a cell. Returns the cells painted.
 */
int	ui_putn(int y, int x, const char *s, size_t len, int maxw, enum uic c);
int	ui_put(int y, int x, const char *s, int maxw, enum uic c);
/* The same, with role 'c' and extra curses attributes 'attr'. */
int	ui_putn_attr(int y, int x, const char *s, size_t len, int maxw,
	    enum uic c, int attr);
/* Fill w cells of row y from x with spaces in role 'c'. */
void	ui_fill(int y, int x, int w, enum uic c);
/*
 * A line editor's field: w cells at y, x in role 'c', showing the part
 * of 'le' that holds the cursor (*start is the caller's scroll state, 0 at
 * first). Returns the screen column of the cursor.
 */
struct lineedit;
int	ui_edit(int y, int x, int w, const struct lineedit *le, size_t *start,
	    enum uic c);
/*
 * Accessible mode (docs/accessibility.md): every painted symbol in its
 * ASCII form (text/ascii.h), rules and bars too.
 */
void	ui_set_ascii(int on);
int	ui_is_ascii(void);
/*
 * The hardware cursor, which screen readers follow, on the focused item
 * of every frame: ui_focus_begin() before painting; ui_focus() puts it
 * at y, x (a text field's cursor); without it, it goes on the first
 * thing painted in UIC_SELECT (the selected row), and with nothing
 * selected on the start of the content. ui_focus_end() moves it there
 * after the frame is painted. Never moved for decoration.
 */
void	ui_focus_begin(void);
void	ui_focus(int y, int x);
void	ui_focus_end(void);
/* A horizontal rule. */
void	ui_hline(int y, int x, int w, enum uic c);
/* A progress bar of 'w' cells, 'frac' in [0, 1]. */
void	ui_bar(int y, int x, int w, double frac);

#endif
