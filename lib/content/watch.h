#ifndef WATCH_H
#define WATCH_H

/*
 * Watch content files for the trainer's preview (Linux inotify): a file
 * descriptor to poll, and a drain call that says whether anything the
 * loader reads has changed. Editors that save by renaming a temporary
 * file over the original are covered (the folder is watched).
 */

struct err;
struct watch;

/*
 * Watch 'path' (a file or a folder, and a folder's sub-folders one level
 * down, which is how a catalogue or a course is laid out). Returns a new
 * watch (watch_free()), or NULL with *e.
 */
struct watch	*watch_new(const char *path, struct err *e);
void		 watch_free(struct watch *w);	/* NULL is fine */
/* The descriptor to poll for reading. */
int		 watch_fd(const struct watch *w);
/*
 * Read the pending events without blocking. Returns 1 when a .yaml file
 * was written, created, moved or deleted, else 0.
 */
int		 watch_drain(struct watch *w);

#endif
