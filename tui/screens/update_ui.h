#ifndef UPDATE_UI_H
#define UPDATE_UI_H

#include <stddef.h>
#include <time.h>

struct app;

/*
 * Content updates (update_ui.c). app_update_init() after the catalogue is
 * loaded; app_update_tick() is a timer: runs the background check,
 * switches a new catalogue in; ms to wait, or -1. app_update_news()
 * writes what the last switch brought ("2 course(s) updated, 1 new") in
 * the app's language into out[size]: 1, or 0 when nothing changed.
 * app_update_end() lets a running check go (the process ends it).
 */
void		 app_update_init(struct app *a, time_t now);
int		 app_update_tick(struct app *a, time_t now);
int		 app_update_news(const struct app *a, char *out, size_t size);
void		 app_update_end(struct app *a);

#endif
