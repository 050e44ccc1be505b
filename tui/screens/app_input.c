/*
 * Keys as every screen takes them: a line editor's keys, and moving a
 * selection through a list that scrolls.
 */
#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "screens/app.h"
#include "text/lineedit.h"
#include "text/text.h"

int
app_edit_key(struct lineedit *le, int ch)
{
	char	u[4];
	size_t	n;

	switch (ch) {
	case KEY_LEFT:
		lineedit_left(le);
		return 1;
	case KEY_RIGHT:
		lineedit_right(le);
		return 1;
	case KEY_HOME:
	case APP_CTRL('a'):
		lineedit_home(le);
		return 1;
	case KEY_END:
	case APP_CTRL('e'):
		lineedit_end(le);
		return 1;
	case KEY_BACKSPACE:
	case 127:
	case APP_CTRL('h'):
		lineedit_backspace(le);
		return 1;
	case KEY_DC:
		lineedit_delete(le);
		return 1;
	case APP_CTRL('u'):
		lineedit_set(le, "");
		return 1;
	}
	if (ch & APP_UNI) {
		n = text_encode((uint32_t)(ch & ~APP_UNI), u);
		lineedit_insert(le, u, n);
		return 1;
	}
	if (ch >= 0x20 && ch < 0x7f) {
		u[0] = (char)ch;
		lineedit_insert(le, u, 1);
		return 1;
	}
	return 0;
}

int
app_move(int ch, int *sel, int n, int page)
{
	int	s = *sel;

	switch (ch) {
	case KEY_UP:
	case 'k':
		s--;
		break;
	case KEY_DOWN:
	case 'j':
		s++;
		break;
	case KEY_PPAGE:
		s -= page;
		break;
	case KEY_NPAGE:
		s += page;
		break;
	case KEY_HOME:
	case 'g':
		s = 0;
		break;
	case KEY_END:
	case 'G':
		s = n - 1;
		break;
	default:
		return 0;
	}
	if (s >= n)
		s = n - 1;
	if (s < 0)
		s = 0;
	*sel = s;
	return 1;
}

void
app_scroll_to(int sel, int *top, int h)
{
	if (h < 1)
		h = 1;
	if (sel < *top)
		*top = sel;
	if (sel >= *top + h)
		*top = sel - h + 1;
	if (*top < 0)
		*top = 0;
}
