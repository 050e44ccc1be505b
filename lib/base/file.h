#ifndef FILE_H
#define FILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Whole files: read one (bounded), replace one atomically, hash one.
 * Messages name the file; nothing is left behind on failure.
 */

struct err;

/*
 * Read the regular file 'path' (links are not followed) into a new
 * NUL-terminated buffer the caller frees, its length in *len. Refuses a
 * file larger than 'max' bytes. NULL with *e on failure.
 */
char	*file_read(const char *path, size_t max, size_t *len, struct err *e);

/*
 * Write data[0..len) to a new file beside 'path' (O_EXCL, mode 'mode'),
 * sync it and rename it over 'path': readers see the old file or the
 * whole new one, never a part. Returns 0, or -1 with *e.
 */
int	file_replace(const char *path, const void *data, size_t len,
	    mode_t mode, struct err *e);

/*
 * The SHA-256 (64 hex digits and a NUL) and size of the file at 'path'.
 * Returns 0, or -1 with *e.
 */
int	file_sha256(const char *path, char hex[65], unsigned long long *size,
	    struct err *e);

/*
 * Is 'dir' a folder only its owner can change, and that owner us or
 * root: a real folder (not a link), not writable by group or others?
 * Content read from it is then no other user's. Returns 0, or -1 with *e
 * saying what is wrong.
 */
int	file_dir_private(const char *dir, struct err *e);

/*
 * The names in folder 'dir' that keep() accepts (NULL: all but dot
 * files), sorted by strcmp so messages and "first" come in a stable
 * order. *names is an array of *n strings; free with file_names_free().
 * Returns 0, or -1 with errno set when the folder cannot be read.
 */
int	file_dir_names(const char *dir, int (*keep)(const char *name),
	    char ***names, size_t *n);
void	file_names_free(char **names, size_t n);

#endif
