/*
 * What the commands share (cli.h): options and --help, the progress file
 * opened with its messages. Every cmd_*.c and main.c use these; none of
 * them is used here, so the commands never depend on each other for them.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "store/store.h"

int
cli_help_requested(int argc, char **argv, const char *text)
{
	int	i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(text, stdout);
			return 1;
		}
	return 0;
}

int
cli_opts(int argc, char **argv, int first, const char *const *names,
    const char **vals, const char *help)
{
	int	i, k;
	size_t	len;

	for (i = first; i < argc; i++) {
		for (k = 0; names[k] != NULL; k++) {
			len = strlen(names[k]);
			if (strncmp(argv[i], names[k], len) != 0 ||
			    (argv[i][len] != '=' && argv[i][len] != '\0'))
				continue;
			if (argv[i][len] == '=')
				vals[k] = argv[i] + len + 1;
			else if (i + 1 < argc)
				vals[k] = argv[++i];
			else {
				fprintf(stderr, "rianru: option '%s' needs a "
				    "value\n%s", names[k], help);
				return -1;
			}
			break;
		}
		if (names[k] == NULL) {
			fprintf(stderr, "rianru: unexpected argument '%s'\n%s",
			    argv[i], help);
			return -1;
		}
	}
	return 0;
}

struct store *
cli_store_open(struct cli *cli, int readonly)
{
	struct store	*st;
	struct err	 e;
	char		 msg[1024];

	err_clear(&e);
	st = readonly ? store_open_readonly(cli->cfg.db_path, &e) :
	    store_open(cli->cfg.db_path, &e);
	if (st == NULL)
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
	else if (store_notice(st) != NULL)
		fprintf(stderr, "rianru: %s\n", store_notice(st));
	return st;
}
