#include "base/file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/err.h"
#include "base/xalloc.h"

char *
file_read(const char *path, size_t max, size_t *len, struct err *e)
{
	struct stat	 sb;
	char		*p = NULL;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) == -1) {
		err_set(e, "cannot open '%s': %s", path, errno == ELOOP ?
		    "it is a symbolic link" : strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		err_set(e, "cannot read '%s': not a regular file", path);
		goto fail;
	}
	if ((unsigned long long)sb.st_size > max) {
		err_set(e, "'%s' is too large (%lld bytes, at most %zu)", path,
		    (long long)sb.st_size, max);
		goto fail;
	}
	p = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		n = read(fd, p + got, (size_t)sb.st_size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			err_set(e, "cannot read '%s': %s", path, n == 0 ?
			    "file shrank while read" : strerror(errno));
			goto fail;
		}
		got += (size_t)n;
	}
	p[got] = '\0';
	*len = got;
	close(fd);
	return p;
fail:
	free(p);
	close(fd);
	return NULL;
}

int
file_replace(const char *path, const void *data, size_t len, mode_t mode,
    struct err *e)
{
	const char	*p = data;
	char		*tmp;
	ssize_t		 n;
	int		 fd, rc = -1;

	xasprintf(&tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		err_set(e, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) == -1)
		goto syserr;
	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			goto syserr;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) == -1)
		goto syserr;
	if (close(fd) == -1) {
		fd = -1;
		goto syserr;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto syserr;
	rc = 0;
	goto out;
syserr:
	err_set(e, "cannot write '%s': %s", path, strerror(errno));
out:
	if (fd != -1)
		close(fd);
	if (rc == -1)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
file_sha256(const char *path, char hex[65], unsigned long long *size,
    struct err *e)
{
	struct sha256	h;
	char		buf[65536];
	ssize_t		n;
	int		fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) == -1)
		return err_set(e, "cannot open '%s': %s", path,
		    strerror(errno));
	sha256_init(&h);
	*size = 0;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			close(fd);
			return err_set(e, "cannot read '%s': %s", path,
			    strerror(errno));
		}
		sha256_update(&h, buf, (size_t)n);
		*size += (unsigned long long)n;
	}
	close(fd);
	sha256_hex(&h, hex);
	return 0;
}

int
file_dir_private(const char *dir, struct err *e)
{
	struct stat	sb;

	if (lstat(dir, &sb) == -1)
		return err_set(e, "cannot use '%s': %s", dir, strerror(errno));
	if (S_ISLNK(sb.st_mode))
		return err_set(e, "'%s' is a symbolic link", dir);
	if (!S_ISDIR(sb.st_mode))
		return err_set(e, "'%s' is not a folder", dir);
	if (sb.st_uid != geteuid() && sb.st_uid != 0)
		return err_set(e, "'%s' belongs to another user (uid %ld)", dir,
		    (long)sb.st_uid);
	if (sb.st_mode & (S_IWGRP | S_IWOTH))
		return err_set(e, "'%s' can be changed by others (mode %04o): "
		    "chmod go-w it", dir, (unsigned)(sb.st_mode & 07777));
	return 0;
}

static int
file_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
file_dir_names(const char *dir, int (*keep)(const char *name), char ***names,
    size_t *n)
{
	DIR		*dp;
	struct dirent	*de;
	char		**v = NULL;
	size_t		 k = 0;

	*names = NULL;
	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (keep != NULL ? !keep(de->d_name) : de->d_name[0] == '.')
			continue;
		v = xreallocarray(v, k + 1, sizeof *v);
		v[k++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (k > 0)
		qsort(v, k, sizeof *v, file_name_cmp);
	*names = v;
	*n = k;
	return 0;
}

void
file_names_free(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
