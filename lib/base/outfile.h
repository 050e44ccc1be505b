#ifndef OUTFILE_H
#define OUTFILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * The one way rianru writes a file a user named (report --out,
 * certificate --out, outbox export and its receipt): the bytes go to a
 * new file made beside the target with mkstemp() (O_EXCL: never an
 * existing file, never through a link someone planted), which is synced
 * and renamed over the target. rename() replaces a symbolic link rather
 * than following it, and a target that already is a link, or is not a
 * regular file, is refused outright. The progress file and its -wal,
 * -shm and -journal files are refused too: writing there would destroy
 * every officer's progress.
 */

struct err;

struct outfile {
	FILE	*f;		/* write here between open and commit */
	char	*tmp;		/* the temporary file's name */
	char	*path;		/* the target */
};

/*
 * Check that 'path' may be written (see above; 'protect' is the progress
 * file's path, or NULL) and open a new temporary file beside it with
 * mode 'mode' (0600 for personal data). Returns 0, or -1 with *e set and
 * nothing created.
 */
int	outfile_open(struct outfile *o, const char *path, const char *protect,
	    mode_t mode, struct err *e);

/*
 * Flush, sync and rename the temporary file over the target, then sync
 * its folder. Frees 'o' either way; on failure the temporary file is
 * removed and the target is as it was. Returns 0 or -1 with *e set.
 */
int	outfile_commit(struct outfile *o, struct err *e);

/* Give up: remove the temporary file and free 'o'. */
void	outfile_abort(struct outfile *o);

/* outfile_open(), write data[0..len), outfile_commit(). */
int	outfile_write(const char *path, const void *data, size_t len,
	    const char *protect, mode_t mode, struct err *e);

/*
 * Return 1 when 'path' names the progress file 'protect' or one of its
 * -wal, -shm and -journal files (by name, after resolving the folders,
 * or by being the same file), else 0.
 */
int	outfile_is_protected(const char *path, const char *protect);

#endif
