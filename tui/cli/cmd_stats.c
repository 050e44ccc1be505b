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

/* What the command line asks of 'rianru stats'. */
struct stats_args {
	const char	*course, *quiz, *out;	/* NULL: not given */
	enum stats_fmt	 f;
	long		 min_n;
	int		 max_time;		/* seconds, --from-lrs */
	int		 all, lrs;		/* --all-attempts, --from-lrs */
};

/* A whole number in [lo, hi] in 's'; 0, or -1 when it is not one. */
static int
stats_number(const char *s, long lo, long hi, long *out)
{
	char	*end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return *s == '\0' || *end != '\0' || *out < lo || *out > hi ? -1 : 0;
}

/*
 * Read the arguments into *o: 0; -1 a usage error (said why on stderr);
 * -2 out of memory.
 */
static int
stats_args_parse(int argc, char **argv, struct stats_args *o)
{
	static const char *const names[] = { "--course", "--quiz", "--min-n",
	    "--format", "--out", "--max-time", NULL };
	const char	*v[6] = { NULL };
	char		**rest;
	long		 secs;
	int		 i, n = 0;

	memset(o, 0, sizeof *o);
	o->f = STATS_FMT_TABLE;
	o->min_n = STATS_MIN_N;
	o->max_time = 300;
	rest = calloc((size_t)argc + 1, sizeof *rest);
	if (rest == NULL)
		return -2;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all-attempts") == 0)
			o->all = 1;
		else if (strcmp(argv[i], "--from-lrs") == 0)
			o->lrs = 1;
		else
			rest[n++] = argv[i];
	}
	i = cli_opts(n, rest, 0, names, v, stats_help);
	free(rest);
	if (i == -1)
		return -1;
	o->course = v[0];
	o->quiz = v[1];
	o->out = v[4];
	if (v[3] != NULL && stats_fmt_parse(v[3], &o->f) == -1) {
		fprintf(stderr, "rianru: --format takes table, csv, json or "
		    "html, not '%s'\n", v[3]);
		return -1;
	}
	if (v[2] != NULL && stats_number(v[2], 1, 1000000, &o->min_n) == -1) {
		fprintf(stderr, "rianru: --min-n takes a whole number "
		    "from 1, not '%s'\n", v[2]);
		return -1;
	}
	if (v[5] != NULL) {
		if (!o->lrs || stats_number(v[5], 1, 86400, &secs) == -1) {
			fprintf(stderr, "rianru: --max-time takes seconds "
			    "from 1 to 86400, with --from-lrs, not '%s'\n",
			    v[5]);
			return -1;
		}
		o->max_time = (int)secs;
	}
	if (o->f == STATS_FMT_HTML && o->out == NULL) {
		fprintf(stderr, "rianru: --format html needs --out FILE.html\n");
		return -1;
	}
	return 0;
}

/*
 * Write report 'b' to 'out' (NULL or "-": standard output), never over
 * the progress file nor through a link; 0, or -1 (said why on stderr).
 */
static int
stats_write(struct cli *cli, const char *out, const struct buf *b)
{
	struct err	e;
	char		msg[1024];

	if (out == NULL || strcmp(out, "-") == 0) {
		if (fwrite(b->data, 1, b->len, stdout) != b->len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, "rianru: cannot write the report\n");
			return -1;
		}
		return 0;
	}
	err_clear(&e);
	if (outfile_write(out, b->data, b->len, cli->cfg.db_path, 0644,
	    &e) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		return -1;
	}
	return 0;
}

int
cmd_stats(struct cli *cli, int argc, char **argv)
{
	struct stats_args	 o;
	struct stats_report	 r;
	struct catalog		*cat;
	struct diags		 d;
	struct store		*st;
	struct err		 e;
	struct buf		 b;
	char			 msg[1024];
	int			 rc;

	if (cli_help_requested(argc, argv, stats_help))
		return EXIT_OK;
	if ((rc = stats_args_parse(argc, argv, &o)) != 0)
		return rc == -2 ? EXIT_FAIL : EXIT_USAGE;
	rc = EXIT_OK;
	/* content problems are for 'rianru check'; analyse what loads */
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, cli->cfg.content_dir, &d);
	diags_release(&d);
	err_clear(&e);
	if (o.lrs)
		st = stats_from_lrs(cli, cat, o.course, o.max_time);
	else if ((st = store_open_readonly(cli->cfg.db_path, &e)) == NULL)
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
	if (st == NULL) {
		catalog_free(cat);
		return EXIT_FAIL;
	}
	if (stats_collect(st, cat, o.course, o.quiz, o.all, (size_t)o.min_n,
	    &r, &e) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		catalog_free(cat);
		store_close(st);
		return EXIT_FAIL;
	}
	buf_init(&b);
	stats_format(&r, o.f, cli->cfg.lang, &b);
	if (stats_write(cli, o.out, &b) == -1)
		rc = EXIT_FAIL;
	buf_release(&b);
	stats_report_release(&r);
	catalog_free(cat);
	store_close(st);
	return rc;
}
