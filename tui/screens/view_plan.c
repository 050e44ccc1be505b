/*
 * The officer's development plan: what their target group's plan
 * requires in each phase (done, in progress, left), credited hours
 * against the target, the next step, and the 70:20:10 balance. Enter on
 * a course opens it; 'b' opens the 70:20:10 log.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "base/buf.h"
#include "cli/cli.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/load.h"
#include "learn/plan_facts.h"
#include "screens/plan_ui.h"
#include "text/text.h"
#include "screens/ui.h"
#include "base/xalloc.h"

/* The plan screen: the records, the plan evaluated on them, the cursor. */
struct plan_screen {
	struct plan_status	 r;		/* the records, the plan evaluated */
	int			 sel, top;
};

/* One line of the scrolling part. */
struct prow {
	char			 text[600];
	enum uic		 color;
	int			 indent;
	const struct course	*course;	/* Enter opens it; may be NULL */
};

/* Read the records and the group's plan evaluated on them. */
static void
plan_refresh(struct app *a, void *data)
{
	struct plan_screen	*p = data;

	plan_records_load(a, &p->r);
}

static size_t	plan_rows(struct app *a, struct plan_screen *p,
		    struct prow **out);

static int
plan_open(struct app *a, const void *arg, void **data)
{
	struct plan_screen	*p = xcalloc(1, sizeof *p);
	struct prow		*rows;
	size_t			 n, i;
	int			 first = -1;

	(void)arg;
	plan_refresh(a, p);
	/* the cursor starts on the course of the next step */
	n = plan_rows(a, p, &rows);
	for (i = 0; i < n; i++) {
		if (rows[i].course == NULL)
			continue;
		if (first < 0)
			first = (int)i;
		if (p->r.have_ev && rows[i].course == p->r.ev.next.course) {
			first = (int)i;
			break;
		}
	}
	free(rows);
	p->sel = first < 0 ? 0 : first;
	*data = p;
	return 0;
}

static void
plan_close(struct app *a, void *data)
{
	struct plan_screen	*p = data;

	(void)a;
	plan_status_release(&p->r);
	free(p);
}

void
plan_ui_open(struct app *a)
{
	app_push(a, &view_plan, NULL);
}

static const char *
plan_mark(enum plan_state s)
{
	return s == PLAN_DONE ? "✓" : s == PLAN_IN_PROGRESS ? "◐" : "○";
}

static enum uic
plan_color(enum plan_state s)
{
	return s == PLAN_DONE ? UIC_DONE : s == PLAN_IN_PROGRESS ? UIC_WARN :
	    UIC_NORMAL;
}

static void
plan_item_row(struct app *a, struct prow *r, const struct plan_item_eval *ie,
    int recommended)
{
	const struct plan_item	*it = ie->item;
	const char		*what, *rec = recommended ?
				    tr(a, "recommended: ") : "";
	char			 hours[64] = "";

	if (it->kind == PLAN_ITEM_COURSE)
		what = ie->course != NULL ? lstr_get(&ie->course->title,
		    a->lang) : it->course;
	else
		what = a->lang == LANG_EN ? vocab_areas[it->area].en :
		    vocab_areas[it->area].th;
	if (it->kind == PLAN_ITEM_AREA && it->hours > 0)
		snprintf(hours, sizeof hours, " (%g/%g %s)", ie->hours,
		    it->hours, tr(a, "h"));
	snprintf(r->text, sizeof r->text, "%s %s%s%s%s · %s", plan_mark(
	    ie->state), rec, it->kind == PLAN_ITEM_AREA ? tr(a, "area: ") : "", what, hours, plan_state_name(ie->state, a->lang));
	r->color = recommended && ie->state != PLAN_DONE ? UIC_DIM :
	    plan_color(ie->state);
	r->indent = 4;
	r->course = ie->course;
}

/* The scrolling rows of the plan; a new array (free()). */
static size_t
plan_rows(struct app *a, struct plan_screen *p, struct prow **out)
{
	struct prow		*v;
	size_t			 n = 0, cap = 8, i, k;

	v = xcalloc(cap, sizeof *v);
	for (i = 0; p->r.have_ev && i < p->r.ev.nphases; i++) {
		const struct plan_phase_eval	*pe = &p->r.ev.phases[i];
		const struct plan_phase		*ph = pe->phase;
		size_t				 need = 2 + ph->nrequired +
						    ph->nrecommended;

		if (n + need >= cap) {
			cap = (n + need) * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		memset(&v[n], 0, sizeof v[n]);
		snprintf(v[n].text, sizeof v[n].text, "%s %s · %g/%g %s%s",
		    i == p->r.ev.current ? "▶" : pe->complete ? "✓" : " ",
		    a->lang == LANG_EN ? vocab_levels[ph->level].en :
		    vocab_levels[ph->level].th, pe->hours, ph->hours,
		    tr(a, "hours"), pe->complete ? tr(a, " · complete") : "");
		v[n].color = i == p->r.ev.current ? UIC_TITLE : pe->complete ?
		    UIC_DONE : UIC_NORMAL;
		v[n++].indent = 2;
		for (k = 0; k < ph->nrequired; k++) {
			memset(&v[n], 0, sizeof v[n]);
			plan_item_row(a, &v[n++], &pe->required[k], 0);
		}
		for (k = 0; k < ph->nrecommended; k++) {
			memset(&v[n], 0, sizeof v[n]);
			plan_item_row(a, &v[n++], &pe->recommended[k], 1);
		}
		if (ph->note.s[LANG_TH] != NULL || ph->note.s[LANG_EN] != NULL) {
			memset(&v[n], 0, sizeof v[n]);
			snprintf(v[n].text, sizeof v[n].text, "%s",
			    lstr_get(&ph->note, a->lang));
			v[n].color = UIC_NOTE;
			v[n++].indent = 4;
		}
	}
	*out = v;
	return n;
}

static void
plan_draw(struct app *a, void *data)
{
	struct plan_screen	*p = data;
	struct prow		*rows;
	struct text_line	*lines = NULL;
	struct buf		 b;
	char			 line[512];
	size_t			 n, j;
	int			 y = 2, g, h, i, w;

	curs_set(0);
	app_draw_frame(a, tr(a, "My development plan"),
	    tr(a, "↑↓ move  Enter open course  b 70:20:10 log  q back"));
	g = vocab_find(vocab_groups, GROUP_COUNT, a->learn.officer.group);
	if (!p->r.have_ev) {
		snprintf(line, sizeof line, "%s: %s", tr(a, "No development plan yet for"),
		    g < 0 ? a->learn.officer.group : a->lang == LANG_EN ?
		    vocab_groups[g].en : vocab_groups[g].th);
		app_put_cut(a, y++, 2, line, COLS - 4, UIC_WARN);
		if (a->plan_errors > 0)
			app_put_cut(a, y++, 2, tr(a, "Some plan files have "
			    "errors: see Problems (p on home)"), COLS - 4,
			    UIC_ERROR);
		y++;
	} else {
		app_put_cut(a, y++, 2, lstr_get(&p->r.ev.plan->title, a->lang),
		    COLS - 4, UIC_TITLE);
		snprintf(line, sizeof line, "%s %g / %g %s ", tr(a, "Course hours"), p->r.ev.hours,
		    p->r.ev.target, tr(a, "hours"));
		w = ui_put(y, 2, line, COLS - 4, UIC_NORMAL);
		if (COLS - 6 - w > 8)
			ui_bar(y, 2 + w, COLS - 6 - w > 30 ? 30 : COLS - 6 - w,
			    p->r.ev.target > 0 ? p->r.ev.hours / p->r.ev.target : 0);
		y++;
		buf_init(&b);
		buf_adds(&b, tr(a, "Next step: "));
		plan_step_text(&p->r.ev.next, a->lang, &b);
		n = text_wrap(a->wrap, b.data, b.len, COLS - 4, &lines);
		for (j = 0; j < n && j < 2; j++)
			ui_putn(y++, 2, b.data + lines[j].off, lines[j].len,
			    COLS - 4, UIC_EMPH);
		free(lines);
		buf_release(&b);
	}
	snprintf(line, sizeof line, "70:20:10  %s %.1f · %s %.1f · %s %.1f %s",
	    tr(a, "practice"), p->r.bal.hours[DEVLOG_PRACTICE],
	    tr(a, "coaching"), p->r.bal.hours[DEVLOG_COACHING],
	    tr(a, "courses"), p->r.bal.hours[DEVLOG_COURSES],
	    tr(a, "h"));
	app_put_cut(a, y++, 2, line, COLS - 4, UIC_DIM);
	y++;
	n = plan_rows(a, p, &rows);
	if (p->sel >= (int)n)
		p->sel = n > 0 ? (int)n - 1 : 0;
	h = LINES - 2 - y;
	app_scroll_to(p->sel, &p->top, h);
	for (i = p->top; i < (int)n && y < LINES - 1; i++) {
		const struct course	*rc = rows[i].course;
		enum uic c = i == p->sel ? UIC_SELECT : rows[i].color;

		if (i == p->sel)
			ui_fill(y, 1, COLS - 2, UIC_SELECT);
		/* cut after a word (a course's title: its own words) */
		text_wrapper_use_words(a->wrap, rc != NULL ? rc->words : NULL,
		    rc != NULL ? rc->nwords : 0);
		app_put_cut(a, y++, rows[i].indent, rows[i].text, COLS -
		    rows[i].indent - 2, c);
	}
	free(rows);
}

static enum act
plan_key(struct app *a, void *data, int ch)
{
	struct plan_screen	*p = data;
	struct prow		*rows;
	const struct course	*c;
	size_t			 n;

	n = plan_rows(a, p, &rows);
	if (app_move(ch, &p->sel, (int)n, 5)) {
		free(rows);
		return ACT_REDRAW;
	}
	c = p->sel < (int)n ? rows[p->sel].course : NULL;
	free(rows);
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (c == NULL)
			return ACT_NONE;
		app_show_course(a, app_course_index(a, c), 0);
		return ACT_REDRAW;
	case 'b':
		log_ui_open(a);
		return ACT_REDRAW;
	case 'q':
	case 27:
	case KEY_LEFT:
		return ACT_POP;
	}
	return ACT_NONE;
}

const struct view view_plan = {
	.name = "plan",
	.flags = VIEW_STATE_DRAW,
	.open = plan_open,
	.close = plan_close,
	.draw = plan_draw,
	.key = plan_key,
	.reload = plan_refresh,
};
