#include "base/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/xalloc.h"

/*
 * 'path' with its folder resolved (the file itself need not exist);
 * the caller frees it. NULL when the folder cannot be resolved.
 */
static char *
outfile_canon(const char *path)
{
	char	*d, *b, *rd, *out;

	d = xstrdup(path);
	b = xstrdup(path);
	rd = realpath(dirname(d), NULL);
	out = NULL;
	if (rd != NULL)
		xasprintf(&out, "%s/%s", rd, basename(b));
	free(rd);
	free(d);
	free(b);
	return out;
}

int
outfile_is_protected(const char *path, const char *protect)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	struct stat	 a, b;
	char		*cp, *cq, *name;
	size_t		 i;
	int		 same = 0;

	if (protect == NULL || *protect == '\0')
		return 0;
	cp = outfile_canon(path);
	cq = outfile_canon(protect);
	for (i = 0; i < sizeof sfx / sizeof sfx[0] && !same; i++) {
		xasprintf(&name, "%s%s", protect, sfx[i]);
		if (stat(path, &a) == 0 && stat(name, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			same = 1;
		free(name);
		if (cp != NULL && cq != NULL) {
			xasprintf(&name, "%s%s", cq, sfx[i]);
			same = same || strcmp(cp, name) == 0;
			free(name);
		}
	}
	free(cp);
	free(cq);
	return same;
}

int
outfile_open(struct outfile *o, const char *path, const char *protect,
    mode_t mode, struct err *e)
{
	struct stat	sb;
	int		fd;

	memset(o, 0, sizeof *o);
	if (outfile_is_protected(path, protect))
		return err_set(e, "will not write over the progress file "
		    "'%s'", path);
	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode))
			return err_set(e, "will not write '%s': it is a "
			    "symbolic link", path);
		if (!S_ISREG(sb.st_mode))
			return err_set(e, "will not write '%s': not a regular "
			    "file", path);
	} else if (errno != ENOENT)
		return err_set(e, "cannot write '%s': %s", path,
		    strerror(errno));
	xasprintf(&o->tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(o->tmp)) == -1) {
		err_set(e, "cannot write '%s': %s", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	if (fchmod(fd, mode) == -1 || (o->f = fdopen(fd, "w")) == NULL) {
		err_set(e, "cannot write '%s': %s", o->tmp, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	o->path = xstrdup(path);
	return 0;
}

void
outfile_abort(struct outfile *o)
{
	if (o->f != NULL)
		fclose(o->f);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
}

int
outfile_commit(struct outfile *o, struct err *e)
{
	char	*dir;
	int	 dfd, bad;

	bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) == -1;
	if (fclose(o->f) != 0)
		bad = 1;
	o->f = NULL;
	if (bad) {
		err_set(e, "cannot write '%s': %s", o->tmp, strerror(errno));
		goto fail;
	}
	if (rename(o->tmp, o->path) == -1) {
		err_set(e, "cannot rename '%s' to '%s': %s", o->tmp, o->path,
		    strerror(errno));
		goto fail;
	}
	/* the rename itself must reach the disk (or a USB stick) */
	dir = xstrdup(o->path);
	if ((dfd = open(dirname(dir), O_RDONLY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(o->tmp);
	o->tmp = NULL;
	outfile_abort(o);
	return 0;
fail:
	outfile_abort(o);
	return -1;
}

int
outfile_write(const char *path, const void *data, size_t len,
    const char *protect, mode_t mode, struct err *e)
{
	struct outfile	o;

	if (outfile_open(&o, path, protect, mode, e) == -1)
		return -1;
	if (fwrite(data, 1, len, o.f) != len) {
		err_set(e, "cannot write '%s': %s", o.tmp, strerror(errno));
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o, e);
}
