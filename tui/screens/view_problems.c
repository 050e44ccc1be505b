/*
 * Problems: content errors found at start-up (tmux cfg_show_causes).
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "screens/views.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/* The first message shown: the screen scrolls by message. */
struct problems_screen {
	int	top;
};

static void
problems_draw(struct app *a, void *data)
{
	struct problems_screen	*ps = data;
	int			 y = 2, i;
	char			 line[2048];

	app_draw_frame(a, tr(a, "Content problems"),
	    tr(a, "↑↓ scroll  q back"));
	if (a->problems.n == 0) {
		ui_put(y, 2, tr(a, "No problems"), COLS - 4,
		    UIC_DONE);
		return;
	}
	/* long paths: wrap each message, continuation lines indented */
	for (i = ps->top; i < (int)a->problems.n && y < LINES - 2; i++) {
		const struct diag	*g = &a->problems.v[i];
		struct text_line	*lines = NULL;
		size_t			 n, j;

		diag_format(g, line, sizeof line);
		n = text_wrap(a->wrap, line, strlen(line), COLS - 4, &lines);
		for (j = 0; j < n && y < LINES - 2; j++)
			ui_putn(y++, j ? 3 : 1, line + lines[j].off,
			    lines[j].len, COLS - 4, g->level == DIAG_ERROR ?
			    UIC_ERROR : UIC_WARN);
		free(lines);
	}
}

static enum act
problems_key(struct app *a, void *data, int ch)
{
	struct problems_screen	*ps = data;
	int			 n = (int)a->problems.n;

	switch (ch) {
	case KEY_DOWN:
	case 'j':
		if (ps->top + 1 < n)
			ps->top++;
		return ACT_REDRAW;
	case KEY_UP:
	case 'k':
		if (ps->top > 0)
			ps->top--;
		return ACT_REDRAW;
	case 'q':
	case 27:
		return ACT_POP;
	}
	return ACT_NONE;
}

static int
problems_open(struct app *a, const void *arg, void **data)
{
	(void)a;
	(void)arg;
	*data = xcalloc(1, sizeof(struct problems_screen));
	return 0;
}

static void
problems_close(struct app *a, void *data)
{
	(void)a;
	free(data);
}

const struct view view_problems = {
	.name = "problems",
	.open = problems_open,
	.close = problems_close,
	.draw = problems_draw,
	.key = problems_key,
};
