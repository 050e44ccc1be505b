/*
 * `rianru stats`: item analysis of the quizzes in the progress file
 * (docs/stats.md): which questions work, and which need a trainer's eye.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/load.h"
#include "report/stats_report.h"
#include "store/store.h"

static const char stats_help[] =
"usage: rianru stats [--course ID] [--quiz ID] [--all-attempts] [--min-n N]\n"
"                    [--format table|csv|json|html] [--out FILE]\n"
"\n"
"Item analysis of the quizzes in the progress file, as Moodle's quiz\n"
"statistics report it: per quiz the attempts, mean, median, standard\n"
"deviation, Cronbach's alpha and standard error; per question facility,\n"
"standard deviation, random-guess score, discrimination index and\n"
"discriminative efficiency, with a flag and a plain reason for questions\n"
"that are too easy, too hard or discriminate badly or negatively; per\n"
"choice how often the strong and the weak half picked it, and for fill-in\n"
"and numeric questions the most common wrong answers.\n"
"\n"
"  --course ID, --quiz ID   only that course or quiz\n"
"  --all-attempts           every finished attempt (default: each\n"
"                           officer's first attempt at each quiz)\n"
"  --min-n N                no flags below N attempts (default 10)\n"
"  --format F               table (default), csv, json or html\n"
"  --out FILE               write there instead of standard output\n"
"                           (needed for html)\n"
"\n"
"Exit status: 0 written, 1 the progress file cannot be read, 2 usage.\n";

int
cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--course", "--quiz", "--min-n",
	    "--format", "--out", NULL };
	const char		*v[5] = { NULL };
	struct stats_report	 r;
	struct catalog		*cat;
	struct diags		 d;
	struct store		*st;
	struct err		 e;
	struct buf		 b;
	enum stats_fmt		 f = STATS_FMT_TABLE;
	char			 msg[1024], *end, **rest;
	long			 min_n = STATS_MIN_N;
	int			 i, n = 0, all = 0, rc = EXIT_OK;
	FILE			*fp;

	if (cli_help_requested(argc, argv, stats_help))
		return EXIT_OK;
	rest = calloc((size_t)argc + 1, sizeof *rest);
	if (rest == NULL)
		return EXIT_FAIL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all-attempts") == 0)
			all = 1;
		else
			rest[n++] = argv[i];
	}
	i = cli_opts(n, rest, 0, names, v, stats_help);
	free(rest);
	if (i == -1)
		return EXIT_USAGE;
	if (v[3] != NULL && stats_fmt_parse(v[3], &f) == -1) {
		fprintf(stderr, "rianru: --format takes table, csv, json or "
		    "html, not '%s'\n", v[3]);
		return EXIT_USAGE;
	}
	if (v[2] != NULL) {
		errno = 0;
		min_n = strtol(v[2], &end, 10);
		if (*v[2] == '\0' || *end != '\0' || min_n < 1 ||
		    min_n > 1000000) {
			fprintf(stderr, "rianru: --min-n takes a whole number "
			    "from 1, not '%s'\n", v[2]);
			return EXIT_USAGE;
		}
	}
	if (f == STATS_FMT_HTML && v[4] == NULL) {
		fprintf(stderr, "rianru: --format html needs --out FILE.html\n");
		return EXIT_USAGE;
	}
	err_clear(&e);
	if ((st = store_open_readonly(cli->cfg.db_path, &e)) == NULL) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		return EXIT_FAIL;
	}
	/* content problems are for 'rianru check'; analyse what loads */
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, cli->cfg.content_dir, &d);
	diags_release(&d);
	if (stats_collect(st, cat, v[0], v[1], all, (size_t)min_n, &r, &e) ==
	    -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		catalog_free(cat);
		store_close(st);
		return EXIT_FAIL;
	}
	buf_init(&b);
	stats_format(&r, f, cli->cfg.lang, &b);
	if (v[4] == NULL || strcmp(v[4], "-") == 0)
		fp = stdout;
	else if ((fp = fopen(v[4], "w")) == NULL) {
		fprintf(stderr, "rianru: cannot write '%s': %s\n", v[4],
		    strerror(errno));
		rc = EXIT_FAIL;
	}
	if (fp != NULL) {
		if (fwrite(b.data, 1, b.len, fp) != b.len || fflush(fp) != 0)
			rc = EXIT_FAIL;
		if (fp != stdout && fclose(fp) != 0)
			rc = EXIT_FAIL;
		if (rc != EXIT_OK)
			fprintf(stderr, "rianru: cannot write the report\n");
	}
	buf_release(&b);
	stats_report_release(&r);
	catalog_free(cat);
	store_close(st);
	return rc;
}
