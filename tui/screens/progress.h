#ifndef PROGRESS_H
#define PROGRESS_H

#include <stddef.h>
#include <time.h>

/*
 * What the screens read of the officer's records through the app
 * (progress.c): each catalogue course's progress, cached until a learning
 * event; the course bodies opened; and the background sync and pull,
 * whose ticks the loop runs.
 */

struct app;
struct course;
struct learn_course;
struct pollfd;

/*
 * The officer's progress in catalogue course 'i' (cached; may be NULL).
 * It reads the store when the cache is out of date: call it from open,
 * reload or a key, and keep what a draw needs in the screen's state.
 */
const struct learn_course *app_course_progress(struct app *a, size_t i);
/* The records say the officer completed course 'c' (same rule as above). */
int		 app_course_complete(struct app *a, const struct course *c);
/* Background sync: ms until it wants to run again, or -1. */
int		 app_sync_tick(struct app *a, time_t now);
/*
 * The network answered (a pull, a content update from a web address):
 * the sender and the pull stop waiting out an offline backoff, and the
 * timers run again at once (the sender's may have run already).
 */
void		 app_network_back(struct app *a);
/*
 * Background pull of the officer's progress from other machines (at
 * login, then every APP_PULL_EVERY seconds): ms until it wants to run
 * again, or -1. When a pull lands the screens read their records again;
 * an answer from the LRS ends the sender's offline wait (sync_online).
 */
int		 app_pull_tick(struct app *a, time_t now);
#define APP_PULL_EVERY	900
/*
 * The sockets the sender's and the puller's requests in flight wait on,
 * into pfd[0..max): the loop polls them with the terminal, so a request
 * the LRS holds costs no wake-ups (their ticks bound the wait). Returns
 * how many were written.
 */
int		 app_net_fds(struct app *a, struct pollfd *pfd, int max);
/* 1 while the sender has a request at the LRS (the tests count turns). */
int		 app_sending(const struct app *a);
/*
 * After a learning event: forget cached progress, let the screens read
 * their records again before they are drawn, and wake the sync.
 */
void		 app_progress_stale(struct app *a);
/*
 * Count the outbox again (a->progress.outbox) when it is out of date: after
 * a learning event or a change in the sync. Screens call it from open or
 * reload, the sync tick when the sender's state changes; never from draw.
 */
void		 app_outbox_refresh(struct app *a);
/*
 * Draw why the course on screen cannot be shown (a failed
 * app_open_course(): its files changed or went away).
 */
void		 app_draw_open_error(struct app *a);
/* Index of course 'c' (a header or an open body) in the catalogue. */
size_t		 app_course_index(const struct app *a, const struct course *c);
/*
 * The body of catalogue course 'i' (catalog_open_course): borrowed, valid
 * until a different course is opened. Screens holding another course's
 * body let go of it first (view release: an attempt stays in the store),
 * so none points into a released body. On failure shows why in the
 * status line and returns NULL.
 */
const struct course *app_open_course(struct app *a, size_t i);
/*
 * Record that the officer reads page 'page' of module 'mod' of 'c' (a
 * kill right after still resumes there).
 */
void		 app_read_page(struct app *a, const struct course *c,
		     size_t mod, size_t page);

#endif
