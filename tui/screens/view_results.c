/*
 * The result of a quiz attempt: score against the pass mark, then each
 * question with the officer's answer marked right or wrong, its feedback
 * and explanation (unless the quiz's feedback policy is "none").
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "screens/quiz.h"
#include "screens/feedback_ui.h"
#include "base/buf.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/*
 * A finished attempt (taken over from the quiz screen) and the review;
 * whether the course is complete is read on open and reload.
 */
struct results_screen {
	struct quiz_done	 d;
	int			 review_top;	/* first question reviewed */
	int			 complete;	/* the records say so */
};

/* Paint wrapped text at column x from row *y. */
static void
results_text(struct app *a, int *y, int x, const char *s, enum uic c)
{
	struct text_line	*lines = NULL;
	size_t			 n, j;

	n = text_wrap(a->wrap, s, strlen(s), COLS - x - 2, &lines);
	for (j = 0; j < n && *y < LINES - 2; j++)
		ui_putn((*y)++, x, s + lines[j].off, lines[j].len,
		    COLS - x - 2, c);
	free(lines);
}

/* One review row per question, wrapped; painted from 'top' on. */
static void
results_review(struct app *a, struct results_screen *rs, int y)
{
	struct learn_attempt	*la = rs->d.la;
	struct attempt_result	*r = &rs->d.result;
	struct text_line	*lines = NULL;
	const struct page	*pg;
	char			 line[512];
	const char		*p;
	size_t			 i, n, j, k;
	int			 row = 0;

	for (i = 0; i < la->n && y < LINES - 2; i++) {
		const struct question	*q = la->plan->qs[i].q;
		const struct attempt_score *s = &r->scores[i];
		const char		*mark = s->correct ? "✓" :
					     s->points > 0 ? "◐" : "✗";

		/* a mastery quiz lists what was asked, not the whole pool */
		if (la->m->quiz->mastery_of > 0 && la->responses[i] == NULL)
			continue;
		if (row++ < rs->review_top)
			continue;
		snprintf(line, sizeof line, "%s %zu. ", mark, i + 1);
		ui_put(y, 2, line, 8, s->correct ? UIC_DONE : s->points > 0 ?
		    UIC_WARN : UIC_ERROR);
		p = lstr_get(&q->prompt, a->lang);
		n = text_wrap(a->wrap, p, strlen(p), COLS - 10, &lines);
		for (j = 0; j < n && y < LINES - 2; j++)
			ui_putn(y++, 8, p + lines[j].off, lines[j].len,
			    COLS - 10, UIC_NORMAL);
		free(lines);
		if (la->responses[i] == NULL)
			ui_put(y++, 8, tr(a, "(not answered)"),
			    COLS - 10, UIC_DIM);
		if (!s->correct) {
			struct buf	b;

			buf_init(&b);
			if (la->responses[i] != NULL) {
				buf_adds(&b, tr(a, "Your answer: "));
				app_describe_answer(a, q, la->responses[i], &b);
				results_text(a, &y, 10, b.data, UIC_WARN);
				buf_reset(&b);
			}
			buf_adds(&b, tr(a, "Correct answer: "));
			app_describe_answer(a, q, NULL, &b);
			results_text(a, &y, 10, b.data, UIC_DONE);
			buf_release(&b);
		}
		if (!s->correct && (q->explain.s[LANG_TH] ||
		    q->explain.s[LANG_EN])) {
			p = lstr_get(&q->explain, a->lang);
			n = text_wrap(a->wrap, p, strlen(p), COLS - 12, &lines);
			for (j = 0; j < n && y < LINES - 2; j++)
				ui_putn(y++, 10, p + lines[j].off,
				    lines[j].len, COLS - 12, UIC_NOTE);
			free(lines);
		}
		for (k = 0; !s->correct && k < q->nrevisit &&
		    y < LINES - 2; k++)
			if ((pg = module_page(la->m, q->revisit[k], NULL)) !=
			    NULL) {
				snprintf(line, sizeof line, "%s %s", tr(a, "Revisit:"),
				    lstr_get(&pg->title, a->lang));
				ui_put(y++, 10, line, COLS - 12, UIC_DIM);
			}
	}
	if (i < la->n || y >= LINES - 2) {
		const char	*more = tr(a, "↓ more (PgDn)");
		int		 w = (int)text_width(more, strlen(more));

		ui_put(LINES - 2, COLS - 2 - w, more, w, UIC_DIM);
	}
}

/* Points with at most two decimals and no trailing zeros: 6.33, 7, 2.5. */
static void
results_points(char *out, size_t size, double v)
{
	char	*p;

	snprintf(out, size, "%.2f", v);
	if ((p = strchr(out, '.')) == NULL)
		return;
	p += strlen(p);
	while (p[-1] == '0')
		*--p = '\0';
	if (p[-1] == '.')
		p[-1] = '\0';
}

/* Whether this attempt's course is complete: the records, not the quiz. */
static void
results_reload(struct app *a, void *data)
{
	struct results_screen	*rs = data;

	rs->complete = app_course_complete(a, rs->d.la->c);
}

static void
results_draw(struct app *a, void *data)
{
	struct results_screen	*rs = data;
	struct learn_attempt	*la = rs->d.la;
	struct attempt_result	*r = &rs->d.result;
	char			 line[256], raw[32], max[32], rule[128];
	int			 y = 2;

	curs_set(0);
	app_draw_frame(a, lstr_get(&la->m->quiz->title, a->lang),
	    tr(a, "↑↓ scroll  Enter/q back"));
	results_points(raw, sizeof raw, r->raw);
	results_points(max, sizeof max, r->max);
	if (la->m->quiz->mastery_of > 0) {
		app_mastery_rule(a, la->m->quiz, rule, sizeof rule);
		snprintf(line, sizeof line, "%s %.0f%% (%s/%s)  %s",
		    tr(a, "Score"), r->percent, raw, max, rule);
	} else
		snprintf(line, sizeof line, "%s %.0f%% (%s/%s)  %s %d%%",
		    tr(a, "Score"), r->percent, raw, max,
		    tr(a, "pass mark"), la->m->quiz->pass_pct);
	ui_put(y++, 2, line, COLS - 4, UIC_TITLE);
	if (la->m->quiz->mastery_of > 0)
		ui_put(y++, 2, r->passed ? tr(a, "✓ Mastered. Well done!") :
		    tr(a, "✗ Not mastered yet: revisit the lesson and try "
		    "again"), COLS - 4, r->passed ? UIC_DONE : UIC_ERROR);
	else
		ui_put(y++, 2, r->passed ? tr(a, "✓ Passed. Well done!") : tr(a, "✗ Not passed yet: revisit the lesson and try again"),
		    COLS - 4, r->passed ? UIC_DONE : UIC_ERROR);
	ui_bar(y++, 2, COLS - 4 > 40 ? 40 : COLS - 4, r->scaled);
	if (rs->d.timed_out)
		ui_put(y++, 2, tr(a, "Time is up: what you answered was "
		    "submitted"), COLS - 4, UIC_WARN);
	if (rs->complete)
		ui_put(y++, 2, tr(a, "✓ Course complete: f shows feedback on "
		    "the whole course"), COLS - 4, UIC_DONE);
	y++;
	if (la->m->quiz->feedback == FEEDBACK_NONE)
		return;
	y = feedback_draw(a, y, &rs->d.fb) + 1;
	results_review(a, rs, y);
}

static enum act
results_key(struct app *a, void *data, int ch)
{
	struct results_screen	*rs = data;

	switch (ch) {
	case KEY_DOWN:
	case 'j':
		if (rs->review_top + 1 < (int)rs->d.la->n)
			rs->review_top++;
		return ACT_REDRAW;
	case KEY_UP:
	case 'k':
		if (rs->review_top > 0)
			rs->review_top--;
		return ACT_REDRAW;
	case KEY_NPAGE:
	case ' ':
		rs->review_top += 5;
		if (rs->review_top >= (int)rs->d.la->n)
			rs->review_top = rs->d.la->n > 0 ?
			    (int)rs->d.la->n - 1 : 0;
		return ACT_REDRAW;
	case KEY_PPAGE:
		rs->review_top = rs->review_top > 5 ?
		    rs->review_top - 5 : 0;
		return ACT_REDRAW;
	case 'f':
		if (!app_course_complete(a, rs->d.la->c))
			return ACT_NONE;
		/* the feedback takes this screen's place */
		app_replace(a, rs, &view_cfeedback, rs->d.la->c);
		return ACT_REDRAW;
	case '\n':
	case '\r':
	case KEY_ENTER:
	case 'q':
	case 27:
		return ACT_POP;
	}
	return ACT_NONE;
}

/* 'arg' is a struct quiz_done: the screen takes what it holds. */
static int
results_open(struct app *a, const void *arg, void **data)
{
	struct results_screen	*rs = xcalloc(1, sizeof *rs);

	rs->d = *(const struct quiz_done *)arg;
	results_reload(a, rs);
	*data = rs;
	return 0;
}

static void
results_close(struct app *a, void *data)
{
	struct results_screen	*rs = data;

	(void)a;
	attempt_result_release(&rs->d.result);
	feedback_release(&rs->d.fb);
	learn_attempt_free(rs->d.la);
	free(rs);
}

const struct view view_results = {
	.name = "results",
	.flags = VIEW_STATE_DRAW,
	.open = results_open,
	.close = results_close,
	.draw = results_draw,
	.key = results_key,
	.reload = results_reload,
};
