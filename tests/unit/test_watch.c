#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "content/watch.h"

#include "helpers.h"

static void
put_file(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

Test(watch, sees_a_saved_yaml_file_and_ignores_others)
{
	char		 dir[] = "/tmp/rianru-watch-XXXXXX", path[256], cmd[300];
	struct watch	*w;
	struct err	 e;

	cr_assert_not_null(mkdtemp(dir));
	w = watch_new(dir, &e);
	cr_assert_not_null(w, "%s", e.msg);
	cr_assert_eq(watch_drain(w), 0);
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	put_file(path, "x");
	cr_assert_eq(watch_drain(w), 0);
	snprintf(path, sizeof path, "%s/m.yaml", dir);
	put_file(path, "id: m\n");
	cr_assert_eq(watch_drain(w), 1);
	cr_assert_eq(watch_drain(w), 0);	/* drained */
	/* an editor that saves by renaming a temporary file over it */
	snprintf(path, sizeof path, "%s/.m.yaml.swp", dir);
	put_file(path, "id: n\n");
	snprintf(cmd, sizeof cmd, "mv '%s/.m.yaml.swp' '%s/m.yaml'", dir, dir);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(watch_drain(w), 1);
	watch_free(w);
	tmp_dir_remove(dir);
}

Test(watch, one_file_only_its_own_events)
{
	char		 dir[] = "/tmp/rianru-watch-XXXXXX", a[256], b[256];
	struct watch	*w;
	struct err	 e;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(a, sizeof a, "%s/a.yaml", dir);
	snprintf(b, sizeof b, "%s/b.yaml", dir);
	put_file(a, "id: a\n");
	cr_assert_not_null(w = watch_new(a, &e));
	put_file(b, "id: b\n");
	cr_assert_eq(watch_drain(w), 0);
	put_file(a, "id: a2\n");
	cr_assert_eq(watch_drain(w), 1);
	watch_free(w);
	tmp_dir_remove(dir);
}

Test(watch, missing_path_is_an_error)
{
	struct err	e;

	cr_assert_null(watch_new("/nonexistent/rianru", &e));
	cr_assert(strstr(e.msg, "cannot watch") != NULL);
}
