/*
 * The certificate key file: made 0600 on first use (folders 0700), read
 * back the same; links, files open to others and bad contents refused.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/keyfile.h"

#include "helpers.h"

Test(keyfile, made_once_private_and_read_back)
{
	char		 dir[] = "/tmp/rianru-key-XXXXXX", path[256];
	unsigned char	 a[CRYPTO_KEY_LEN], b[CRYPTO_KEY_LEN];
	struct stat	 sb;
	struct err	 e;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/new/rianru/certificate.key", dir);
	cr_assert_eq(keyfile_load(path, 0, a, &e), 1, "not made on reading");
	cr_assert_eq(keyfile_load(path, 1, a, &e), 0, "%s", e.msg);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	snprintf(path, sizeof path, "%s/new", dir);
	cr_assert_eq(stat(path, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0700);
	snprintf(path, sizeof path, "%s/new/rianru/certificate.key", dir);
	cr_assert_eq(keyfile_load(path, 1, b, &e), 0, "%s", e.msg);
	cr_assert_eq(memcmp(a, b, sizeof a), 0, "the same key each time");
	tmp_dir_remove(dir);
}

Test(keyfile, refused_when_not_ours_alone)
{
	char		 dir[] = "/tmp/rianru-key-XXXXXX", path[256], ln[256];
	unsigned char	 k[CRYPTO_KEY_LEN];
	struct err	 e;
	FILE		*f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/k", dir);
	cr_assert_eq(keyfile_load(path, 1, k, &e), 0, "%s", e.msg);
	chmod(path, 0644);
	cr_assert_eq(keyfile_load(path, 0, k, &e), -1);
	cr_assert(strstr(e.msg, "open to other users; chmod 600") != NULL,
	    "%s", e.msg);
	chmod(path, 0600);
	/* a link to a good key is refused: someone else could repoint it */
	snprintf(ln, sizeof ln, "%s/link", dir);
	cr_assert_eq(symlink(path, ln), 0);
	cr_assert_eq(keyfile_load(ln, 1, k, &e), -1);
	cr_assert(strstr(e.msg, "is a link") != NULL, "%s", e.msg);
	/* a dangling link is not followed to make a key elsewhere */
	snprintf(ln, sizeof ln, "%s/dangling", dir);
	snprintf(path, sizeof path, "%s/elsewhere", dir);
	cr_assert_eq(symlink(path, ln), 0);
	cr_assert_eq(keyfile_load(ln, 1, k, &e), -1);
	cr_assert_eq(access(path, F_OK), -1);
	/* not a key */
	snprintf(path, sizeof path, "%s/short", dir);
	cr_assert_not_null(f = fopen(path, "w"));
	fputs("00112233\n", f);
	fclose(f);
	chmod(path, 0600);
	cr_assert_eq(keyfile_load(path, 0, k, &e), -1);
	cr_assert(strstr(e.msg, "does not hold a key") != NULL, "%s", e.msg);
	/* a folder */
	cr_assert_eq(keyfile_load(dir, 0, k, &e), -1);
	tmp_dir_remove(dir);
}
