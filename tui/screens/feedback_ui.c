#include "screens/feedback_ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "base/buf.h"
#include "learn/feedback.h"
#include "text/text.h"
#include "screens/ui.h"

/* "label (50%), label (0%)" of 'n' tags, wrapped after 'head'. */
static int
feedback_tags(struct app *a, int y, const char *head,
    const struct feedback_tag *v, size_t n, enum uic c)
{
	struct text_line	*lines = NULL;
	struct buf		 b;
	size_t			 i, nl;

	if (n == 0)
		return y;
	buf_init(&b);
	buf_adds(&b, head);
	for (i = 0; i < n; i++) {
		buf_addf(&b, "%s%s (%.0f%%", i ? ", " : " ",
		    feedback_tag_label(&v[i], a->lang), v[i].ratio * 100);
		/*
		 * Questions without tags count under the course's skill
		 * area: say so, or it reads like a skill the course tagged
		 */
		if (v[i].is_area)
			buf_addf(&b, ", %s", tr(a, "questions without a tag"));
		buf_adds(&b, ")");
	}
	nl = text_wrap(a->wrap, b.data, b.len, COLS - 4, &lines);
	for (i = 0; i < nl && y < LINES - 2; i++)
		ui_putn(y++, 2, b.data + lines[i].off, lines[i].len, COLS - 4,
		    c);
	free(lines);
	buf_release(&b);
	return y;
}

int
feedback_draw_tags(struct app *a, int y, const struct feedback *f)
{
	y = feedback_tags(a, y, tr(a, "✓ Strengths:"),
	    f->strengths, f->nstrengths, UIC_DONE);
	return feedback_tags(a, y, tr(a, "△ To work on:"),
	    f->weaker, f->nweaker, UIC_WARN);
}

int
feedback_draw(struct app *a, int y, const struct feedback *f)
{
	char	line[512];
	size_t	i;

	y = feedback_draw_tags(a, y, f);
	for (i = 0; i < f->nrevisit && y < LINES - 2; i++) {
		snprintf(line, sizeof line, "  %s %zu. %s › %s", tr(a, "Revisit:"), f->revisit[i].module_index + 1,
		    lstr_get(&f->revisit[i].m->title, a->lang),
		    lstr_get(&f->revisit[i].p->title, a->lang));
		ui_put(y++, 2, line, COLS - 4, UIC_DIM);
	}
	return y;
}
