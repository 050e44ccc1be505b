#include "content/watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/xalloc.h"

struct watch {
	int	fd;
	char	*file;		/* when watching one file: its base name */
};

#define WATCH_MASK	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | \
			 IN_DELETE | IN_MOVED_FROM)

static void
watch_dir(struct watch *w, const char *dir, int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		 sub[PATH_MAX];

	inotify_add_watch(w->fd, dir, WATCH_MASK);
	if (depth == 0 || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name);
		if (stat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
			watch_dir(w, sub, depth - 1);
	}
	closedir(d);
}

struct watch *
watch_new(const char *path, struct err *e)
{
	struct watch	*w;
	struct stat	 sb;
	char		*dir, *slash;

	if (stat(path, &sb) == -1) {
		err_set(e, "cannot watch '%s': %s", path, strerror(errno));
		return NULL;
	}
	w = xcalloc(1, sizeof *w);
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1) {
		err_set(e, "cannot watch '%s': %s", path, strerror(errno));
		free(w);
		return NULL;
	}
	if (S_ISDIR(sb.st_mode)) {
		watch_dir(w, path, 2);
		return w;
	}
	/* a single file: watch its folder, keep only its own events */
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		w->file = xstrdup(slash + 1);
		*slash = '\0';
		if (*dir == '\0')
			snprintf(dir, 2, "/");
	} else {
		w->file = xstrdup(path);
		snprintf(dir, 2, ".");
	}
	watch_dir(w, dir, 0);
	free(dir);
	return w;
}

void
watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	if (w->fd != -1)
		close(w->fd);
	free(w->file);
	free(w);
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

int
watch_drain(struct watch *w)
{
	char				 buf[4096]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event	*ev;
	ssize_t				 n;
	char				*p;
	size_t				 len;
	int				 changed = 0;

	while ((n = read(w->fd, buf, sizeof buf)) > 0) {
		for (p = buf; p < buf + n; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			if (ev->len == 0)
				continue;
			if (w->file != NULL) {
				changed |= strcmp(ev->name, w->file) == 0;
				continue;
			}
			len = strlen(ev->name);
			if ((len > 5 && strcmp(ev->name + len - 5,
			    ".yaml") == 0) || (ev->mask & IN_ISDIR))
				changed = 1;
		}
	}
	return changed;
}
