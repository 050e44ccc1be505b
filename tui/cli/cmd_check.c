/*
 * `rianru check [--strict] [PATH...]`: validate content like a compiler.
 * Every message of every file, then one summary line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "content/course.h"
#include "base/diag.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/plan.h"
#include "base/xalloc.h"

static const char check_help[] =
"usage: rianru check [--strict] [PATH...]\n"
"\n"
"Check course content and print every problem as path:line:col: message.\n"
"PATH is a catalogue folder (one course per sub-folder), a course folder,\n"
"a course.yaml, a single module file, or a development plan (a file in a\n"
"plans/ folder, or the folder); default: the configured content. A\n"
"catalogue folder's plans/ folder is checked too.\n"
"\n"
"  --strict   warnings (such as a missing translation) fail the check\n"
"\n"
"Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage.\n";

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int
cmd_check(struct cli *cli, int argc, char **argv)
{
	struct diags	 d;
	struct catalog	*cat;
	char		*is_plan;	/* argv[i] was checked as a plan */
	int		 strict = 0, i, npaths = 0, rc;
	size_t		 ncourses, nplans = 0, n;

	if (cli_help_requested(argc, argv, check_help))
		return EXIT_OK;
	diags_init(&d);
	cat = catalog_new();
	is_plan = xcalloc((size_t)argc, 1);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--strict") == 0)
			strict = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "rianru check: unknown option '%s'\n%s",
			    argv[i], check_help);
			catalog_free(cat);
			free(is_plan);
			return EXIT_USAGE;
		}
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--strict") == 0)
			continue;
		npaths++;
		if (argv[i][0] == '\0')	/* say which path: quote it */
			diags_add(&d, DIAG_ERROR, "''", 0, 0, "cannot open: %s",
			    strerror(ENOENT));
		else if ((n = plan_check_path(argv[i], &d)) > 0) {
			nplans += n;
			is_plan[i] = 1;
		} else
			catalog_add_path(cat, argv[i], &d);
	}
	if (npaths == 0)
		catalog_add_path(cat, cli->cfg.content_dir, &d);
	/* plans refer to courses: check them once the catalogue is whole */
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--strict") != 0 && argv[i][0] != '\0' &&
		    !is_plan[i])
			nplans += plan_check_dir(argv[i], cat, &d);
	if (npaths == 0)
		nplans += plan_check_dir(cli->cfg.content_dir, cat, &d);
	diags_sort(&d, 0);
	diags_print(&d, 0, stdout);
	ncourses = cat->n + cat->nskipped;
	printf("%zu %s", ncourses, plural(ncourses, "course", "courses"));
	if (nplans > 0)
		printf(" and %zu %s", nplans, plural(nplans, "plan", "plans"));
	printf(" checked: %zu %s, %zu %s\n", d.nerrors,
	    plural(d.nerrors, "error", "errors"), d.nwarnings,
	    plural(d.nwarnings, "warning", "warnings"));
	rc = d.nerrors > 0 || (strict && d.nwarnings > 0) ? EXIT_FAIL : EXIT_OK;
	catalog_free(cat);
	diags_release(&d);
	free(is_plan);
	return rc;
}
