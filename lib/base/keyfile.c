#include "base/keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/xalloc.h"

/* mkdir -p 'dir' (changed in place and restored), new folders 0700. */
static int
keyfile_mkdirs(char *dir)
{
	char	*p;

	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (*p == '/') {
			*p = '\0';
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				return -1;
			*p = '/';
			continue;
		}
		return mkdir(dir, 0700) == -1 && errno != EEXIST ? -1 : 0;
	}
}

/* Make a new key file at 'path'; 0, or -1 and *e (EEXIST: someone won). */
static int
keyfile_make(const char *path, struct err *e)
{
	unsigned char	 key[CRYPTO_KEY_LEN];
	char		 line[2 * CRYPTO_KEY_LEN + 2], *dir;
	size_t		 i;
	int		 fd, bad;

	dir = xstrdup(path);
	/* its folders: made for us alone when missing, never loosened */
	if (keyfile_mkdirs(dirname(dir)) == -1) {
		err_set(e, "cannot make the folder of key file '%s': %s", path,
		    strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		if (errno == EEXIST)
			return 0;	/* made meanwhile: read theirs */
		return err_set(e, "cannot make key file '%s': %s", path,
		    strerror(errno));
	}
	crypto_random(key, sizeof key);
	for (i = 0; i < sizeof key; i++)
		snprintf(line + 2 * i, 3, "%02x", key[i]);
	line[2 * CRYPTO_KEY_LEN] = '\n';
	bad = write(fd, line, sizeof line - 1) != (ssize_t)(sizeof line - 1) ||
	    fsync(fd) == -1;
	crypto_wipe(key, sizeof key);
	crypto_wipe(line, sizeof line);
	if (close(fd) == -1 || bad) {
		unlink(path);
		return err_set(e, "cannot write key file '%s': %s", path,
		    strerror(errno));
	}
	return 0;
}

static int
keyfile_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
keyfile_load(const char *path, int create, unsigned char key[CRYPTO_KEY_LEN],
    struct err *e)
{
	struct stat	 sb;
	char		 line[2 * CRYPTO_KEY_LEN + 8];
	ssize_t		 n;
	size_t		 i, len;
	int		 fd, hi, lo;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1 && errno == ENOENT && create) {
		if (keyfile_make(path, e) == -1)
			return -1;
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	}
	if (fd == -1) {
		if (errno == ENOENT)
			return 1;
		if (errno == ELOOP)
			return err_set(e, "key file '%s' is a link: refused "
			    "(name the file itself)", path);
		return err_set(e, "cannot open key file '%s': %s", path,
		    strerror(errno));
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return err_set(e, "key file '%s' is not a regular file", path);
	}
	if (sb.st_uid != geteuid()) {
		close(fd);
		return err_set(e, "key file '%s' belongs to another user "
		    "(uid %ld): refused", path, (long)sb.st_uid);
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		close(fd);
		return err_set(e, "key file '%s' is open to other users; "
		    "chmod 600 it", path);
	}
	n = read(fd, line, sizeof line - 1);
	close(fd);
	if (n < 0)
		return err_set(e, "cannot read key file '%s': %s", path,
		    strerror(errno));
	line[n] = '\0';
	len = strcspn(line, "\r\n");
	for (i = 0; i < CRYPTO_KEY_LEN && len == 2 * CRYPTO_KEY_LEN; i++) {
		hi = keyfile_hex((unsigned char)line[2 * i]);
		lo = keyfile_hex((unsigned char)line[2 * i + 1]);
		if (hi < 0 || lo < 0)
			break;
		key[i] = (unsigned char)(hi << 4 | lo);
	}
	crypto_wipe(line, sizeof line);
	if (i != CRYPTO_KEY_LEN) {
		crypto_wipe(key, CRYPTO_KEY_LEN);
		return err_set(e, "key file '%s' does not hold a key (one line "
		    "of 64 hex digits)", path);
	}
	return 0;
}
