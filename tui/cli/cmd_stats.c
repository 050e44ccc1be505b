/*
 * `rianru stats`: item analysis of the quizzes in the progress file
 * (docs/stats.md): which questions work, and which need a trainer's eye.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/esc.h"
#include "base/outfile.h"
#include "config/connect.h"
#include "content/catalog.h"
#include "content/course.h"
#include "content/load.h"
#include "report/stats_report.h"
#include "store/store.h"
#include "sync/lrs_read.h"
#include "sync/sync.h"

static const char stats_help[] =
"usage: rianru stats [--course ID] [--quiz ID] [--all-attempts] [--min-n N]\n"
"                    [--format table|csv|json|html] [--out FILE]\n"
"                    [--from-lrs [--max-time SECONDS]]\n"
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
"  --from-lrs               every officer's attempts, read from the LRS\n"
"                           (lrs: in config.yaml) instead of the progress\n"
"                           file, which it does not touch; the LRS key\n"
"                           needs statements read (docs/stats.md)\n"
"  --max-time SECONDS       give up reading the LRS after SECONDS\n"
"                           (default 300)\n"
"\n"
"Exit status: 0 written, 1 the progress file or the LRS cannot be read,\n"
"2 usage.\n";

/*
 * Read the quiz statements of the catalogue's courses (or 'course_id')
 * from the LRS into a new private store in memory, so nothing read mixes
 * with this machine's progress file. Returns the store, or NULL after a
 * message.
 */
static struct store *
stats_from_lrs(struct cli *cli, const struct catalog *cat,
    const char *course_id, int max_time)
{
	struct lrs_read_counts	 c;
	struct transport	 t;
	struct store		*st;
	struct err		 e;
	char			 msg[1024];
	time_t			 end = time(NULL) + max_time;
	size_t			 i;
	int			 rc;

	if ((rc = connect_transport(&cli->cfg.lrs, &t, &e)) != 0) {
		if (rc == 1)
			snprintf(e.msg, sizeof e.msg, "--from-lrs: no LRS "
			    "endpoint configured (lrs: endpoint in "
			    "config.yaml)");
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		return NULL;
	}
	err_clear(&e);
	memset(&c, 0, sizeof c);
	if ((st = store_open(STORE_MEMORY, &e)) == NULL)
		goto fail;
	for (i = 0; i < cat->n; i++) {
		if (course_id != NULL && strcmp(cat->courses[i]->id,
		    course_id) != 0)
			continue;
		if (lrs_read_course(st, &t, cli->cfg.homepage,
		    cli->cfg.activity_base, cat->courses[i]->id,
		    (int)(end - time(NULL)), &c, &e) == -1)
			goto fail;
	}
	t.release(t.ctx);
	fprintf(stderr, "read %lld statements from the LRS",
	    (long long)c.seen);
	if (c.foreign > 0)
		fprintf(stderr, " (%lld of other agencies or without an "
		    "account left out)", (long long)c.foreign);
	if (c.bad > 0)
		fprintf(stderr, " (%lld could not be read)", (long long)c.bad);
	fputc('\n', stderr);
	return st;
fail:
	/* may quote the LRS: escaped like its replies */
	fprintf(stderr, "rianru: %s\n", esc_str(msg, sizeof msg, e.msg));
	t.release(t.ctx);
	store_close(st);
	return NULL;
}

int
cmd_stats(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--course", "--quiz", "--min-n",
	    "--format", "--out", "--max-time", NULL };
	const char		*v[6] = { NULL };
	struct stats_report	 r;
	struct catalog		*cat;
	struct diags		 d;
	struct store		*st;
	struct err		 e;
	struct buf		 b;
	enum stats_fmt		 f = STATS_FMT_TABLE;
	char			 msg[1024], *end, **rest;
	long			 min_n = STATS_MIN_N, secs;
	int			 i, n = 0, all = 0, lrs = 0, rc = EXIT_OK;
	int			 max_time = 300;

	if (cli_help_requested(argc, argv, stats_help))
		return EXIT_OK;
	rest = calloc((size_t)argc + 1, sizeof *rest);
	if (rest == NULL)
		return EXIT_FAIL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all-attempts") == 0)
			all = 1;
		else if (strcmp(argv[i], "--from-lrs") == 0)
			lrs = 1;
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
	if (v[5] != NULL) {
		errno = 0;
		secs = strtol(v[5], &end, 10);
		if (!lrs || *v[5] == '\0' || *end != '\0' || secs < 1 ||
		    secs > 86400) {
			fprintf(stderr, "rianru: --max-time takes seconds "
			    "from 1 to 86400, with --from-lrs, not '%s'\n",
			    v[5]);
			return EXIT_USAGE;
		}
		max_time = (int)secs;
	}
	if (f == STATS_FMT_HTML && v[4] == NULL) {
		fprintf(stderr, "rianru: --format html needs --out FILE.html\n");
		return EXIT_USAGE;
	}
	/* content problems are for 'rianru check'; analyse what loads */
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, cli->cfg.content_dir, &d);
	diags_release(&d);
	err_clear(&e);
	if (lrs)
		st = stats_from_lrs(cli, cat, v[0], max_time);
	else if ((st = store_open_readonly(cli->cfg.db_path, &e)) == NULL)
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
	if (st == NULL) {
		catalog_free(cat);
		return EXIT_FAIL;
	}
	if (stats_collect(st, cat, v[0], v[1], all, (size_t)min_n, &r, &e) ==
	    -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		catalog_free(cat);
		store_close(st);
		return EXIT_FAIL;
	}
	buf_init(&b);
	stats_format(&r, f, cli->cfg.lang, &b);
	if (v[4] == NULL || strcmp(v[4], "-") == 0) {
		if (fwrite(b.data, 1, b.len, stdout) != b.len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "rianru: cannot write the report\n");
			rc = EXIT_FAIL;
		}
	} else if (outfile_write(v[4], b.data, b.len, cli->cfg.db_path, 0644,
	    &e) == -1) {
		/* never the progress file, never through a link */
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		rc = EXIT_FAIL;
	}
	buf_release(&b);
	stats_report_release(&r);
	catalog_free(cat);
	store_close(st);
	return rc;
}
