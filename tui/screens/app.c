/*
 * The view stack: screens pushed, popped and replaced, a closed screen's
 * state freed after the key that closed it, and the calls through each
 * screen's table (timers, reload, keys, idle limit). It names no screen:
 * which screen opens when is the business of the loop and start-up
 * (app_main.c, app_loop.c, app_keys.c, app_kiosk.c, app_session.c) and
 * of the screens themselves, so a screen includes app.h without app.h
 * depending on any screen.
 */
#include "screens/app.h"

#include <stddef.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

struct screen *
app_top(struct app *a)
{
	return &a->stack[a->depth - 1];
}

void
app_screen_stale(struct app *a, const void *data)
{
	int	i;

	for (i = 0; i < a->depth; i++)
		if (a->stack[i].data == data)
			a->stack[i].gen = a->gen - 1;
}

/* Set a closed screen aside: its state is freed by app_reap(). */
static void
app_bury(struct app *a, const struct screen *s)
{
	if (a->nclosed == APP_DEPTH)
		app_reap(a);	/* cannot happen: a stack's worth at most */
	a->closed[a->nclosed++] = *s;
}

void
app_reap(struct app *a)
{
	struct screen	s;

	while (a->nclosed > 0) {
		s = a->closed[--a->nclosed];
		if (s.v->close != NULL)
			s.v->close(a, s.data);
	}
}

/* Open 'v' with 'arg' into *s; -1 when it cannot. */
static int
app_open_screen(struct app *a, const struct view *v, const void *arg,
    struct screen *s)
{
	s->v = v;
	s->data = NULL;
	if (v->open != NULL && v->open(a, arg, &s->data) == -1)
		return -1;
	s->gen = a->gen;	/* open read what is there now */
	return 0;
}

int
app_push(struct app *a, const struct view *v, const void *arg)
{
	struct screen	s;

	if (a->depth == APP_DEPTH)
		return -1;
	if (app_open_screen(a, v, arg, &s) == -1)
		return -1;
	a->stack[a->depth++] = s;
	a->status[0] = '\0';	/* a new screen shows its own key hints */
	a->dirty = 1;
	return 0;
}

void
app_pop(struct app *a)
{
	if (a->depth > 1)
		app_bury(a, &a->stack[--a->depth]);
	else
		a->quit = 1;
	a->dirty = 1;
}

int
app_replace(struct app *a, const void *old, const struct view *v,
    const void *arg)
{
	struct screen	s;
	int		i;

	for (i = a->depth - 1; i >= 0; i--)
		if (a->stack[i].data == old)
			break;
	if (i < 0 || app_open_screen(a, v, arg, &s) == -1)
		return -1;
	app_bury(a, &a->stack[i]);
	a->stack[i] = s;
	a->dirty = 1;
	return 0;
}

void
app_pop_to(struct app *a, int depth)
{
	while (a->depth > depth && a->depth > 0)
		app_bury(a, &a->stack[--a->depth]);
	a->dirty = 1;
}

void
app_close_all(struct app *a)
{
	app_pop_to(a, 0);
}

/*
 * Seconds without a key before a kiosk logs out: the shortest any screen
 * on the stack asks for (the trainer's menu under the room's progress
 * keeps its own), or -1 when nothing is open (the empty login screen).
 */
int
app_idle_limit(const struct app *a)
{
	const struct screen	*s;
	int			 i, t, limit = -1;

	if (!a->kiosk)
		return -1;
	for (i = 0; i < a->depth; i++) {
		s = &a->stack[i];
		if (s->v->idle != NULL)
			t = s->v->idle(a, s->data);
		else
			t = a->have_officer ? a->cli->cfg.idle_timeout : -1;
		if (t >= 0 && (limit < 0 || t < limit))
			limit = t;
	}
	return limit;
}

/*
 * The warning's length: the last 30 seconds, or the last half of a
 * shorter limit (a warning all along would hide the status line).
 */
long
app_idle_warn(int limit)
{
	return limit / 2 < 30 ? limit / 2 : 30;
}

/* Seconds of inactivity left before the kiosk logs out. */
long
app_idle_left(const struct app *a, int limit, time_t now)
{
	return (long)(a->last_input + limit - now);
}

void
app_remember_place(struct app *a, struct app_place *p)
{
	int	i;

	memset(p, 0, sizeof *p);
	for (i = 0; i < a->depth; i++)
		if (a->stack[i].v->where != NULL)
			a->stack[i].v->where(a, a->stack[i].data, p);
}

int
app_soonest(int timeout, int t)
{
	return t >= 0 && (timeout < 0 || t < timeout) ? t : timeout;
}

int
app_screens_tick(struct app *a, time_t now)
{
	int	i, timeout = -1;

	for (i = a->depth - 1; i >= 0; i--)
		if (a->stack[i].v->tick != NULL)
			timeout = app_soonest(timeout, a->stack[i].v->tick(a,
			    a->stack[i].data, now));
	return timeout;
}

/* The top screen reads its records again if they changed since. */
void
app_refresh_top(struct app *a)
{
	struct screen	*s = app_top(a);

	if (s->gen == a->gen)
		return;
	s->gen = a->gen;
	if (s->v->reload != NULL)
		s->v->reload(a, s->data);
}

int
app_typing(struct app *a)
{
	struct screen	*s = app_top(a);

	return s->v->typing != NULL && s->v->typing(a, s->data);
}

enum act
app_screen_key(struct app *a, int ch)
{
	struct screen	*s = app_top(a);
	enum act	 r;

	r = s->v->key(a, s->data, ch);
	if (r & ACT_REDRAW)
		a->dirty = 1;
	if (r & ACT_POP)
		app_pop(a);
	return r;
}
