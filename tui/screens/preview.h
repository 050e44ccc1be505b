#ifndef PREVIEW_H
#define PREVIEW_H

#include <time.h>

/*
 * The trainer's preview (preview.c): the loop's timer and keys for it,
 * and putting the screens back where they were after a reload. It opens
 * screens by name, so the core (app.h) does not declare it.
 */

struct app;
struct app_place;

/* Preview: reload when the watched files changed; ms to wait, or -1. */
int		 app_preview_tick(struct app *a, time_t now);
/* Preview: draw the problems pane and the jump prompt (from the frame). */
void		 app_preview_draw(struct app *a);
/* Preview --stats: (re)compute the figures for the catalogue; free them. */
void		 app_preview_stats(struct app *a);
void		 app_preview_stats_free(struct app *a);
/* Preview: 'g' and 'a'; returns 1 when the key was taken. */
int		 app_preview_key(struct app *a, int ch);
/* Go to the module, page, quiz or question with 'id'; 0 if found. */
int		 app_goto_id(struct app *a, const char *id);
/* Rebuild the stack on home, as close to place 'p' as it gets. */
void		 app_restore_place(struct app *a, const struct app_place *p);

#endif
