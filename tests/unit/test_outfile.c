#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/file.h"
#include "base/outfile.h"

#include "helpers.h"

static char	dir[64];

static void
setup(void)
{
	tmp_dir_make(dir, sizeof dir, "outfile");
}

static void
teardown(void)
{
	tmp_dir_remove(dir);
}

TestSuite(outfile, .init = setup, .fini = teardown);

static const char *
at(char *out, const char *name)
{
	snprintf(out, 256, "%s/%s", dir, name);
	return out;
}

static void
put(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static void
want_text(const char *path, const char *text)
{
	char	 got[64] = "";
	FILE	*f = fopen(path, "r");

	cr_assert_not_null(f);
	cr_assert_not_null(fgets(got, sizeof got, f));
	fclose(f);
	cr_assert_str_eq(got, text);
}

/* Files in dir; a temporary file must never be left behind. */
static int
files(void)
{
	DIR		*d = opendir(dir);
	struct dirent	*de;
	int		 n = 0;

	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

Test(outfile, writes_new_and_replaces_with_mode)
{
	struct stat	sb;
	struct err	e;
	char		p[256];

	cr_assert_eq(outfile_write(at(p, "r.html"), "one", 3, NULL, 0600,
	    &e), 0);
	want_text(p, "one");
	cr_assert_eq(stat(p, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(outfile_write(p, "two", 3, NULL, 0644, &e), 0);
	want_text(p, "two");
	cr_assert_eq(files(), 1);
}

/* A planted link is refused; its target is never touched. */
Test(outfile, refuses_symlinks)
{
	struct err	e;
	char		p[256], t[256], msg[600];

	put(at(t, "victim"), "keep");
	cr_assert_eq(symlink(t, at(p, "r.html")), 0);
	cr_assert_eq(outfile_write(p, "evil", 4, NULL, 0600, &e), -1);
	cr_assert_not_null(strstr(err_str(&e, msg, sizeof msg),
	    "it is a symbolic link"), "%s", msg);
	want_text(t, "keep");
	cr_assert_eq(files(), 2);
}

/* The progress file and its -wal/-shm, by any name, are refused. */
Test(outfile, refuses_the_progress_file)
{
	struct err	e;
	char		db[256], p[256], msg[600];

	put(at(db, "p.db"), "SQLite format 3");
	cr_assert_eq(outfile_write(db, "x", 1, db, 0600, &e), -1);
	cr_assert_not_null(strstr(err_str(&e, msg, sizeof msg),
	    "will not write over the progress file '"), "%s", msg);
	want_text(db, "SQLite format 3");
	snprintf(p, sizeof p, "%s/./p.db-wal", dir);
	cr_assert_eq(outfile_write(p, "x", 1, db, 0600, &e), -1);
	cr_assert_eq(outfile_is_protected(at(p, "p.db-shm"), db), 1);
	cr_assert_eq(outfile_is_protected(at(p, "p.db.html"), db), 0);
	cr_assert_eq(link(db, at(p, "hard")), 0);
	cr_assert_eq(outfile_is_protected(p, db), 1);
	cr_assert_eq(files(), 2);
}

/* Content is read only from a folder no other user can change. */
Test(outfile, a_private_folder_is_ours_and_closed_to_writers)
{
	struct err	e;
	char		p[256], q[256];

	cr_assert_eq(mkdir(at(p, "cat"), 0700), 0);
	cr_assert_eq(file_dir_private(p, &e), 0, "%s", e.msg);
	cr_assert_eq(chmod(p, 0755), 0);
	cr_assert_eq(file_dir_private(p, &e), 0, "others may read it");
	cr_assert_eq(chmod(p, 0777), 0);
	cr_assert_eq(file_dir_private(p, &e), -1);
	cr_assert_not_null(strstr(e.msg, "can be changed by others (mode "
	    "0777)"), "%s", e.msg);
	cr_assert_eq(chmod(p, 0770), 0);
	cr_assert_eq(file_dir_private(p, &e), -1);
	cr_assert_eq(chmod(p, 0700), 0);
	cr_assert_eq(symlink(p, at(q, "link")), 0);
	cr_assert_eq(file_dir_private(q, &e), -1);
	cr_assert_not_null(strstr(e.msg, "symbolic link"), "%s", e.msg);
	put(at(q, "file"), "x");
	cr_assert_eq(file_dir_private(q, &e), -1);
	cr_assert_eq(file_dir_private(at(q, "none"), &e), -1);
	if (geteuid() == 0) {
		cr_assert_eq(chown(p, 65534, 65534), 0);
		cr_assert_eq(file_dir_private(p, &e), -1);
		cr_assert_not_null(strstr(e.msg, "another user"), "%s", e.msg);
	}
}
