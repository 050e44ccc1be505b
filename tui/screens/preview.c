/*
 * The trainer's preview: the same screens officers see, with nothing
 * recorded (no progress file is opened), a toggle that shows the correct
 * answers, a jump to any id, and a reload within a second of saving a
 * file. A file with mistakes leaves the last good version on screen and
 * lists the problems as path:line:col in a pane at the bottom.
 */
#include "screens/preview.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/load.h"
#include "report/stats_report.h"
#include "text/markup.h"
#include "text/text.h"
#include "screens/quiz.h"
#include "screens/ui.h"
#include "content/watch.h"

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
app_restore_place(struct app *a, const struct app_place *p)
{
	const struct course	*c = NULL;
	const struct module	*m;
	struct screen		*s;
	size_t			 i;

	app_pop_to(a, 1);	/* home stays */
	if (a->cat->n == 1)
		c = a->cat->courses[0];
	else if (p->in_course)
		c = catalog_find(a->cat, p->course);
	if (c == NULL)
		return;
	m = course_module(c, p->module);
	i = m != NULL ? (size_t)(m - c->modules) : 0;
	if ((c = app_show_course(a, app_course_index(a, c), (int)i)) ==
	    NULL || m == NULL)
		return;
	if (p->in_lesson && m->npages > 0)
		app_open_lesson(a, c, i, p->page < m->npages ? p->page : 0);
	if (p->in_quiz && m->quiz != NULL) {
		app_open_quiz(a, c, m);
		s = app_top(a);
		if (p->quiz_q[0] != '\0' && s->v->go != NULL)
			s->v->go(a, s->data, p);
	}
}

/* Load the preview path into a new catalogue; NULL when it has errors. */
static struct catalog *
preview_load(struct app *a, struct diags *d)
{
	struct catalog	*cat = catalog_new();

	catalog_add_path(cat, a->pv.path, d);
	diags_sort(d, 0);
	if (d->nerrors > 0 && a->cat != NULL) {
		catalog_free(cat);
		return NULL;
	}
	return cat;
}

static void
preview_reload(struct app *a)
{
	struct diags	 d;
	struct catalog	*cat;
	struct app_place	 p;

	diags_init(&d);
	cat = preview_load(a, &d);
	diags_release(&a->problems);
	a->problems = d;
	if (cat == NULL) {
		app_status(a, "%s", tr(a, "The files have mistakes: showing the last good version"));
		return;
	}
	app_remember_place(a, &p);
	/* nothing may point into the old catalogue when it goes */
	app_pop_to(a, 1);
	app_reap(a);
	if (a->stack[0].v->release != NULL)
		a->stack[0].v->release(a, a->stack[0].data, (size_t)-1);
	app_progress_stale(a);
	free(a->progress.courses);
	free(a->progress.valid);
	a->progress.courses = NULL;
	a->progress.valid = NULL;
	catalog_free(a->cat);
	a->cat = cat;
	app_preview_stats(a);
	app_restore_place(a, &p);
	app_status(a, "%s", tr(a, "Reloaded"));
}

void
app_preview_stats_free(struct app *a)
{
	if (a->pv.stats != NULL)
		stats_report_release(a->pv.stats);
	free(a->pv.stats);
	a->pv.stats = NULL;
}

void
app_preview_stats(struct app *a)
{
	struct err	 e;

	app_preview_stats_free(a);
	if (a->pv.stats_path == NULL)
		return;
	err_clear(&e);
	/* a progress file, or a stats file (from --from-lrs, say) */
	a->pv.stats = xcalloc(1, sizeof *a->pv.stats);
	if (stats_load(a->pv.stats_path, a->cat, STATS_MIN_N, a->pv.stats,
	    &e) == -1) {
		free(a->pv.stats);
		a->pv.stats = NULL;
		app_status(a, "%s", e.msg);
	}
}

/* The figures of the question on screen, or NULL. */
static const struct stats_q *
preview_stats_q(struct app *a)
{
	const struct stats_report	*r = a->pv.stats;
	const struct question		*q;
	struct screen			*top = app_top(a);
	size_t				 i, j;

	if (r == NULL || top == NULL || top->v->question == NULL ||
	    (q = top->v->question(top->data)) == NULL)
		return NULL;
	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->quizzes[i].nq; j++)
			if (r->quizzes[i].qs[j].q == q)
				return &r->quizzes[i].qs[j];
	return NULL;
}

/* One row above the footer: the question's figures and first flag. */
static void
preview_stats_draw(struct app *a)
{
	static const enum stats_flag	flags[] = {
		STATS_NEGATIVE, STATS_HARD, STATS_EASY, STATS_WEAK
	};
	const struct stats_q		*sq = preview_stats_q(a);
	struct buf			 b;
	size_t				 k;

	if (a->pv.stats == NULL || app_top(a) == NULL ||
	    app_top(a)->v->question == NULL)
		return;
	buf_init(&b);
	if (sq == NULL || sq->it.n == 0)
		buf_adds(&b, tr(a, "No attempts at this question yet"));
	else {
		buf_addf(&b, "n %zu · %s %.0f%%", sq->it.n, tr(a, "facility"),
		    sq->it.facility * 100);
		buf_addf(&b, " · %s ", tr(a, "discrimination"));
		if (sq->it.disc == sq->it.disc)
			buf_addf(&b, "%.2f", sq->it.disc);
		else
			buf_adds(&b, "-");
		for (k = 0; k < sizeof flags / sizeof flags[0]; k++)
			if (sq->flags & flags[k]) {
				buf_addf(&b, " · %s", stats_flag_reason(flags[k],
				    a->lang));
				break;
			}
	}
	ui_fill(LINES - 2, 0, COLS, UIC_NORMAL);
	ui_put(LINES - 2, 1, b.data, COLS - 2, sq != NULL && sq->flags ?
	    UIC_WARN : UIC_DIM);
	buf_release(&b);
}

int
app_preview_tick(struct app *a, time_t now_s)
{
	long	now;

	(void)now_s;	/* a burst is timed in ms */
	if (!a->preview || a->pv.watch == NULL)
		return -1;
	if (watch_drain(a->pv.watch))
		/* editors write in bursts: wait for the last of them */
		a->pv.reload_due_ms = now_ms() + 150;
	if (a->pv.reload_due_ms == 0)
		return -1;
	now = now_ms();
	if (now >= a->pv.reload_due_ms) {
		a->pv.reload_due_ms = 0;
		preview_reload(a);
		return -1;
	}
	return (int)(a->pv.reload_due_ms - now);
}

void
app_preview_draw(struct app *a)
{
	char	line[2048];
	int	y, i, col;

	if (!a->preview)
		return;
	preview_stats_draw(a);
	if (a->problems.nerrors > 0) {
		/* up to 6 rows of wrapped messages above the footer */
		struct text_line	*lines = NULL;
		int			 rows = 0, j;
		size_t			 nl;

		y = LINES - 2 - 6;
		ui_hline(y++, 0, COLS, UIC_ERROR);
		for (i = 0; i < (int)a->problems.n && rows < 6; i++) {
			diag_format(&a->problems.v[i], line, sizeof line);
			nl = text_wrap(a->wrap, line, strlen(line), COLS - 4,
			    &lines);
			for (j = 0; j < (int)nl && rows < 6; j++, rows++) {
				ui_fill(y + rows, 0, COLS, UIC_NORMAL);
				ui_putn(y + rows, j ? 3 : 1, line + lines[j].off,
				    lines[j].len, COLS - 4,
				    a->problems.v[i].level == DIAG_ERROR ?
				    UIC_ERROR : UIC_WARN);
			}
			free(lines);
		}
		for (; rows < 6; rows++)
			ui_fill(y + rows, 0, COLS, UIC_NORMAL);
	}
	if (a->pv.jumping) {
		ui_fill(LINES - 1, 0, COLS, UIC_BAR);
		col = ui_put(LINES - 1, 1, tr(a, "Go to id: "),
		    COLS - 2, UIC_BAR);
		ui_putn(LINES - 1, 1 + col, a->pv.jump.text.data, a->pv.jump.text.len,
		    COLS - col - 2, UIC_BAR);
	}
}

/* Does 'id' name module 'm' of 'c', one of its pages, its quiz or one
 * of the quiz's questions? Then *p says where it is. */
static int
preview_find(const struct course *c, const struct module *m, const char *id,
    struct app_place *p)
{
	size_t	k;

	memset(p, 0, sizeof *p);
	p->in_course = 1;
	snprintf(p->course, sizeof p->course, "%s", c->id);
	snprintf(p->module, sizeof p->module, "%s", m->id);
	if (strcmp(m->id, id) == 0 || module_page(m, id, &k) != NULL) {
		p->in_lesson = m->npages > 0;
		p->page = strcmp(m->id, id) == 0 ? 0 : k;
		return 1;
	}
	if (m->quiz == NULL)
		return 0;
	if (strcmp(m->quiz->id, id) == 0) {
		p->in_quiz = 1;
		return 1;
	}
	if (quiz_question(m->quiz, id) == NULL)
		return 0;
	p->in_quiz = 1;
	snprintf(p->quiz_q, sizeof p->quiz_q, "%s", id);
	return 1;
}

/*
 * Does 'want' ("ID", "MODULE/ID" or "COURSE/MODULE/ID") name a place in
 * module 'm' of 'c'? Then *p says where. Page ids are unique only within
 * their module, so "MODULE/ID" tells two modules' "intro" apart.
 */
static int
preview_match(const struct course *c, const struct module *m,
    const char *want, struct app_place *p)
{
	const char	*id = strrchr(want, '/'), *mod;
	size_t		 clen;

	if (id == NULL)
		return preview_find(c, m, want, p);
	/* the part before the last '/' names the module, or course/module */
	mod = want;
	clen = strlen(c->id);
	if (strncmp(want, c->id, clen) == 0 && want[clen] == '/' &&
	    want + clen != id)
		mod = want + clen + 1;
	if ((size_t)(id - mod) != strlen(m->id) ||
	    strncmp(mod, m->id, (size_t)(id - mod)) != 0)
		return 0;
	return id[1] != '\0' && preview_find(c, m, id + 1, p);
}

int
app_goto_id(struct app *a, const char *id)
{
	struct app_place	 p, first;
	struct screen		*s;
	size_t			 i, j;
	int			 n = 0;

	for (i = 0; i < a->cat->n; i++)
		for (j = 0; j < a->cat->courses[i]->nmodules; j++)
			if (preview_match(a->cat->courses[i],
			    &a->cat->courses[i]->modules[j], id, &p) &&
			    n++ == 0)
				first = p;
	if (n == 0)
		return -1;
	/* the screen on top may show it in place */
	s = app_top(a);
	if (s->v->go == NULL || s->v->go(a, s->data, &first) == -1)
		app_restore_place(a, &first);
	/* the same page id in two modules: say which one this is */
	if (n > 1)
		app_status(a, tr(a, "'%s' is in %d places: this is %s/%s "
		    "(type module/id for another)"), id, n, first.module, id);
	a->dirty = 1;
	return 0;
}

int
app_preview_key(struct app *a, int ch)
{
	if (!a->preview)
		return 0;
	if (a->pv.jumping) {
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
			a->pv.jumping = 0;
			if (app_goto_id(a, a->pv.jump.text.data) == -1)
				app_status(a, "%s '%s'", tr(a, "No such id"), a->pv.jump.text.data);
		} else if (ch == 27)
			a->pv.jumping = 0;
		else
			app_edit_key(&a->pv.jump, ch);
		a->dirty = 1;
		return 1;
	}
	switch (ch) {
	case 'g':
	case KEY_F(6):
		lineedit_set(&a->pv.jump, "");
		a->pv.jumping = 1;
		a->dirty = 1;
		return 1;
	case 'a':
	case KEY_F(5):
		a->pv.show_answers = !a->pv.show_answers;
		a->dirty = 1;
		return 1;
	}
	return 0;
}
