/*
 * rianru sync: one delivery run of the outbox to the LRS, for cron or a
 * systemd timer, and --status. Exit codes say what happened (cli.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "base/bytes.h"
#include "base/err.h"
#include "base/esc.h"
#include "store/store.h"
#include "store/store_budget.h"
#include "store/store_outbox.h"
#include "store/store_privacy.h"
#include "config/connect.h"
#include "sync/pull.h"
#include "sync/sync.h"

static const char sync_help[] =
"usage: rianru sync [--max-time SECONDS] [--pull-only]\n"
"       rianru sync --status\n"
"\n"
"Deliver the results waiting in the progress file to the learning record\n"
"store (lrs: in config.yaml) once; for cron or the systemd timer in\n"
"docs/rianru-sync.timer. A run asks the LRS whether it is there (GET\n"
"about), then sends the statements oldest first in batches, retrying\n"
"network trouble with backoff for at most --max-time seconds (default\n"
"120); with lrs: budget in config.yaml it sends no more request bytes\n"
"than the budget allows. Statements the LRS refuses are set aside, never dropped: see\n"
"'rianru outbox list'. The secret comes from $RIANRU_LRS_SECRET or the\n"
"lrs: secret-file (mode 0600) and is never printed.\n"
"\n"
"Then it pulls back what the officers of this progress file did on other\n"
"machines (GET statements for each officer) and merges it: page reads,\n"
"attempts and answers, quiz results, completions, 70:20:10 entries.\n"
"Merging twice changes nothing, and nothing pulled overwrites what this\n"
"machine recorded (docs/sync.md).\n"
"\n"
"  --pull-only  pull without sending; the exit status is the pull's\n"
"  --status   pending, delivered, conflict and quarantined counts, and\n"
"             how the last run ended (by this command or the app): when,\n"
"             how many were sent, the error, the budget used; without\n"
"             using the network\n"
"\n"
"Exit status:\n"
"  0  delivered: nothing is pending any more\n"
"  3  nothing to do: no statement was pending\n"
"  4  offline: the LRS could not be reached, or stayed busy; try later\n"
"  5  failed: credentials refused, the LRS refused the requests, or\n"
"     another error (the message says which)\n"
"  7  budget: it stopped at the lrs: budget (bytes per run or per day);\n"
"     the rest waits, in order, for the next run or the next day\n"
"  1  the progress file could not be opened; 2 bad command line\n";

/* "2026-11-23 19:20:00" in local time; "-" for 0. */
static const char *
sync_time(time_t t, char *buf, size_t len)
{
	struct tm	tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, len, "-");
	return buf;
}

/* The oldest pending row, for --status. */
struct sync_head {
	int	found;
	time_t	created, next_try;
	int	attempts;
};

static int
sync_head_cb(const struct store_outbox_row *r, void *arg)
{
	struct sync_head	*h = arg;

	h->found = 1;
	h->created = r->created;
	h->next_try = r->next_try;
	h->attempts = r->attempts;
	return 1;
}

/* The budget (lrs: budget) and what it has used, for --status. */
static int
sync_budget_line(struct cli *cli, struct store *st,
    const struct store_sync_run *run, int have_run, struct err *e)
{
	const struct config_lrs	*l = &cli->cfg.lrs;
	char			 day[11], b1[32], b2[32];
	int64_t			 used;

	if (l->budget == 0) {
		printf("budget:       none\n");
		return 0;
	}
	if (l->budget_daily) {
		sync_day(time(NULL), day);
		if (store_budget_used(st, day, &used, e) == -1)
			return -1;
		printf("budget:       %s of %s per day used today (%s)\n",
		    bytes_fmt(used, b1, sizeof b1),
		    bytes_fmt(l->budget, b2, sizeof b2), day);
		return 0;
	}
	printf("budget:       %s of %s per run used by the last run\n",
	    bytes_fmt(have_run ? run->bytes : 0, b1, sizeof b1),
	    bytes_fmt(l->budget, b2, sizeof b2));
	return 0;
}

/* How the connection to the LRS is protected, for --status. */
static const char *
sync_tls_state(const struct config_lrs *l)
{
	if (l->endpoint == NULL)
		return "-";
	if (strncmp(l->endpoint, "https://", 8) != 0)
		return l->key != NULL ? "none: plain http:// with the key "
		    "(allow-plain-http: true)" : "none: plain http://";
	if (!l->verify_tls)
		return "NOT VERIFIED (verify-tls: false): anyone on the way "
		    "can pose as the LRS";
	return l->ca_file != NULL ? "verified (the system's CAs and ca-file)" :
	    "verified (the system's CAs)";
}

/*
 * How far this machine's clock is from the LRS's (offset = LRS - ours).
 * Flagged, never refused: results still go, with the offset.
 */
static void
sync_clock_line(long offset)
{
	long	a = offset < 0 ? -offset : offset;

	if (a <= SYNC_CLOCK_SLACK) {
		printf("clock:        within %d min of the LRS\n",
		    SYNC_CLOCK_SLACK / 60);
		return;
	}
	printf("clock:        OFF: this machine is %ld h %ld min %s the LRS; "
	    "fix its clock (results still go, with the offset)\n", a / 3600,
	    a % 3600 / 60, offset < 0 ? "ahead of" : "behind");
}

static int
sync_status(struct cli *cli)
{
	struct store		*st;
	struct err		 e;
	struct sync_head	 h;
	struct store_sync_run	 run;
	int64_t			 c[STORE_OB_NSTATES];
	char			 msg[1024], t1[32], t2[32];
	int			 have_run;
	const time_t		 any = (time_t)1 << (sizeof(time_t) * 8 - 2);

	err_clear(&e);
	if ((st = store_open_readonly(cli->cfg.db_path, &e)) == NULL) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		return EXIT_FAIL;
	}
	memset(&h, 0, sizeof h);
	if (store_outbox_counts(st, c, &e) == -1 ||
	    store_outbox_pending(st, any, 0, 1, sync_head_cb, &h, &e) == -1 ||
	    (have_run = store_sync_run_load(st, "push", &run, &e)) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		store_close(st);
		return EXIT_FAIL;
	}
	printf("lrs:          %s\n", cli->cfg.lrs.endpoint != NULL ?
	    cli->cfg.lrs.endpoint : "none configured");
	printf("tls:          %s\n", sync_tls_state(&cli->cfg.lrs));
	printf("pending:      %lld\n", (long long)c[STORE_OB_PENDING]);
	printf("delivered:    %lld\n", (long long)c[STORE_OB_DELIVERED]);
	printf("conflict:     %lld\n", (long long)c[STORE_OB_CONFLICT]);
	printf("quarantined:  %lld\n", (long long)c[STORE_OB_QUARANTINED]);
	if (h.found) {
		printf("oldest:       %s, %d %s\n", sync_time(h.created, t1,
		    sizeof t1), h.attempts, h.attempts == 1 ? "try" : "tries");
		if (h.next_try > time(NULL))
			printf("next try:     %s\n", sync_time(h.next_try, t2,
			    sizeof t2));
	}
	/* the last run, whoever ran it: never an older run's error */
	if (have_run) {
		printf("last run:     %s, %s: %s, %lld sent", sync_time(run.at,
		    t1, sizeof t1), run.what, run.outcome,
		    (long long)run.sent);
		if (run.set_aside > 0)
			printf(", %lld set aside", (long long)run.set_aside);
		printf("\n");
	} else
		printf("last run:     none\n");
	/* the error quotes the LRS's reply (older versions kept it raw) */
	printf("last error:   %s\n", have_run && run.error[0] != '\0' ?
	    esc_str(msg, sizeof msg, run.error) : "none");
	if (have_run && run.clock_known)
		sync_clock_line(run.clock_offset);
	if (sync_budget_line(cli, st, &run, have_run, &e) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		store_close(st);
		return EXIT_FAIL;
	}
	if (store_sync_run_load(st, "pull", &run, &e) == 1) {
		printf("last pull:    %s: %s, %lld merged\n", sync_time(run.at,
		    t1, sizeof t1), run.outcome, (long long)run.sent);
		/* "pull not permitted: ..." when the key may not read */
		if (run.error[0] != '\0')
			printf("pull error:   %s\n", esc_str(msg, sizeof msg,
			    run.error));
	} else
		printf("last pull:    none\n");
	store_close(st);
	return EXIT_OK;
}

int
cli_sync_exit(enum sync_outcome o)
{
	switch (o) {
	case SYNC_OUT_DELIVERED:
		return EXIT_DELIVERED;
	case SYNC_OUT_NOTHING:
		return EXIT_NOTHING;
	case SYNC_OUT_OFFLINE:
		return EXIT_OFFLINE;
	case SYNC_OUT_BUDGET:
		return EXIT_BUDGET;
	default:
		return EXIT_SYNC_FAILED;
	}
}

void
cli_sync_report(const struct sync *q, enum sync_outcome o, const char *what)
{
	const struct sync_state	*s = sync_state(q);
	char			 msg[512];

	if (s->sent > 0 || o == SYNC_OUT_DELIVERED)
		printf("delivered %lld %s\n", (long long)s->sent, what);
	if (s->set_aside > 0)
		printf("set aside %lld refused by the LRS (see 'rianru outbox "
		    "list')\n", (long long)s->set_aside);
	switch (o) {
	case SYNC_OUT_NOTHING:
		printf("nothing to deliver\n");
		break;
	case SYNC_OUT_OFFLINE:
		fprintf(stderr, "rianru: offline, %lld still pending: %s\n",
		    (long long)s->pending, esc_str(msg, sizeof msg,
		    s->last_error));
		break;
	case SYNC_OUT_FAILED:
		fprintf(stderr, "rianru: %s\n", esc_str(msg, sizeof msg,
		    s->last_error));
		break;
	default:
		break;
	}
}

/* Stopped at the budget: how much of it went, and what waits. */
static void
sync_budget_report(struct cli *cli, struct store *st, const struct sync *q)
{
	const struct sync_state	*s = sync_state(q);
	struct err		 e;
	char			 b1[32], b2[32], b3[32], msg[512];
	int64_t			 n, bytes;

	err_clear(&e);
	if (store_outbox_waiting(st, &n, &bytes, &e) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		return;
	}
	fprintf(stderr, "rianru: budget reached (%s of %s per %s used): "
	    "%lld statements (%s) wait for the next %s\n",
	    bytes_fmt(s->budget_used, b1, sizeof b1),
	    bytes_fmt(cli->cfg.lrs.budget, b2, sizeof b2),
	    cli->cfg.lrs.budget_daily ? "day" : "run", (long long)n,
	    bytes_fmt(bytes, b3, sizeof b3),
	    cli->cfg.lrs.budget_daily ? "day" : "run");
}

/* --max-time N: 1..86400 seconds into *out; -1 after a message. */
int
cli_max_time(int argc, char **argv, int *i, int *out)
{
	const char	*v;
	char		*end;
	long		 n;

	if (strncmp(argv[*i], "--max-time=", 11) == 0)
		v = argv[*i] + 11;
	else if (*i + 1 < argc)
		v = argv[++*i];
	else {
		fprintf(stderr, "rianru: option '--max-time' needs a value\n");
		return -1;
	}
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || n < 1 || n > 86400) {
		fprintf(stderr, "rianru: --max-time takes seconds (1 to "
		    "86400), not '%s'\n", v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

/*
 * Pull what every officer of the file did elsewhere. Returns the exit
 * status of a --pull-only run; messages on stdout and stderr.
 */
static int
sync_pull(struct cli *cli, struct store *st, int max_time)
{
	struct pull		*p;
	const struct pull_state	*ps;
	enum pull_outcome	 o;
	struct err		 e;
	char			 msg[1024];

	if ((p = pull_connect(&cli->cfg.lrs, st, cli->cfg.homepage,
	    cli->cfg.activity_base, &e)) == NULL) {
		if (e.msg[0] == '\0')
			snprintf(e.msg, sizeof e.msg, "no LRS endpoint "
			    "configured (lrs: endpoint in config.yaml)");
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		return EXIT_SYNC_FAILED;
	}
	if (pull_start_all(p, &e) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		pull_free(p);
		return EXIT_FAIL;
	}
	o = pull_run(p, max_time);
	ps = pull_state(p);
	printf("pulled %lld new of %lld statements\n", (long long)ps->merged,
	    (long long)ps->seen);
	/* may quote the LRS (a statement id): escaped like its replies */
	if (o != PULL_DONE || ps->error[0] != '\0')
		fprintf(stderr, "rianru: %s\n", esc_str(msg, sizeof msg,
		    ps->error));
	pull_free(p);
	return o == PULL_DONE ? EXIT_OK : o == PULL_OFFLINE ? EXIT_OFFLINE :
	    EXIT_SYNC_FAILED;
}

int
cmd_sync(struct cli *cli, int argc, char **argv)
{
	struct store		*st;
	struct sync		*q;
	struct err		 e;
	enum sync_outcome	 o;
	char			 msg[1024];
	int			 i, status = 0, max_time = 120, pull_only = 0;
	int			 rc;

	if (cli_help_requested(argc, argv, sync_help))
		return EXIT_OK;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--status") == 0)
			status = 1;
		else if (strcmp(argv[i], "--pull-only") == 0)
			pull_only = 1;
		else if (strncmp(argv[i], "--max-time", 10) == 0 &&
		    (argv[i][10] == '\0' || argv[i][10] == '=')) {
			if (cli_max_time(argc, argv, &i,
			    &max_time) == -1)
				return EXIT_USAGE;
		} else {
			fprintf(stderr, "rianru: unexpected argument '%s'\n%s",
			    argv[i], sync_help);
			return EXIT_USAGE;
		}
	}
	if (status)
		return sync_status(cli);
	err_clear(&e);
	if ((st = store_open(cli->cfg.db_path, &e)) == NULL) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		return EXIT_FAIL;
	}
	if (store_notice(st) != NULL)
		fprintf(stderr, "rianru: %s\n", store_notice(st));
	if (pull_only) {
		rc = sync_pull(cli, st, max_time);
		store_close(st);
		return rc;
	}
	if ((q = sync_connect(&cli->cfg.lrs, st, &e)) == NULL) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		store_close(st);
		return EXIT_SYNC_FAILED;
	}
	o = sync_run(q, max_time);
	cli_sync_report(q, o, "statements");
	if (o == SYNC_OUT_BUDGET)
		sync_budget_report(cli, st, q);
	sync_free(q);
	/* then what the officers did elsewhere; its trouble is reported
	 * and recorded (sync --status) but the exit status is the sending's */
	if (o == SYNC_OUT_DELIVERED || o == SYNC_OUT_NOTHING)
		(void)sync_pull(cli, st, max_time);
	/* retention: answers delivered long ago go (docs/privacy.md) */
	err_clear(&e);
	if (store_retention_apply(st, cli->cfg.retention_months, time(NULL),
	    NULL, &e) == -1)
		fprintf(stderr, "rianru: retention: %s\n", err_str(&e, msg,
		    sizeof msg));
	store_close(st);
	return cli_sync_exit(o);
}
