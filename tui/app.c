/* The learning app. TODO(tui): the curses screens; for now the catalogue. */
#include <stdio.h>

#include "cli.h"
#include "course.h"
#include "diag.h"
#include "load.h"

int
cmd_app(struct cli *cli, int argc, char **argv)
{
	struct diags	 d;
	struct catalog	*cat;
	size_t		 i;

	(void)argc;
	(void)argv;
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, cli->cfg.content_dir, &d);
	for (i = 0; i < cat->n; i++)
		printf("%s\n", lstr_get(&cat->courses[i]->title, cli->cfg.lang));
	catalog_free(cat);
	diags_release(&d);
	return 0;
}
