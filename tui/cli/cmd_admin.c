/*
 * Commands for admins and trainers, scriptable: officers (user), progress,
 * the agency report and backups. Output goes to stdout; messages to stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "learn/auth.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "cli/cli.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/outfile.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/plan.h"
#include "report/report_html.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_query.h"
#include "report/listing.h"
#include "content/vocab.h"
#include "base/xalloc.h"

static const char user_help[] =
"usage: rianru user add --code C --name N --group G [--agency A] [--lang th|en]\n"
"       rianru user import FILE.csv\n"
"       rianru user list [--format table|csv|json]\n"
"       rianru user setup-code [--code C]\n"
"       rianru user export --code C [--out FILE]\n"
"       rianru user erase --code C --yes\n"
"\n"
"Officers in the progress file. G is a target group: executive, director,\n"
"policy, service, technology or other. The CSV has a header row with the\n"
"columns code,name,group,agency,lang (agency and lang may be empty); a bad\n"
"row is reported as FILE:LINE: message and the import changes nothing.\n"
"\n"
"setup-code gives each officer without a PIN (or only C, whose PIN it\n"
"clears) a new one-time first-login code, printed as code, name and\n"
"first-login code, one officer a line, for the roster: in a kiosk an\n"
"officer types it before choosing their PIN. Older codes stop working.\n"
"\n"
"export prints everything held about officer C as JSON; erase deletes\n"
"their answers and statements and keeps their counts without a name\n"
"(docs/privacy.md; 'rianru user export --help', 'user erase --help').\n";

static const char progress_help[] =
"usage: rianru progress [--user CODE] [--format table|csv|json]\n"
"\n"
"Per officer and course: modules done, best score, passed, hours, last\n"
"activity.\n";

static const char report_help[] =
"usage: rianru report [--by course|group|agency] [--format table|csv|json]\n"
"       rianru report --format html --out FILE.html\n"
"\n"
"The summary an agency sends upward: officers enrolled, completed, passed\n"
"and hours credited, by course (default), target group or agency. CSV is\n"
"UTF-8 with a byte-order mark and a header row, so spreadsheets show Thai.\n"
"\n"
"--format html writes one self-contained page (charts in SVG, prints on\n"
"A4): completion and pass rates by target group, skill area and course,\n"
"hours against the development plans, and a table per officer with the\n"
"70:20:10 balance and the next step. --out - writes to stdout.\n";

static const char backup_help[] =
"usage: rianru backup FILE\n"
"\n"
"Copy the progress file to FILE while rianru may be running (SQLite online\n"
"backup). To restore, stop every rianru and copy FILE over the progress\n"
"file (see docs/progress-store.md).\n";

static int
admin_fail(const struct err *e)
{
	char	msg[1024];

	fprintf(stderr, "rianru: %s\n", err_str(e, msg, sizeof msg));
	return EXIT_FAIL;
}

/* Write 'b' to stdout; a full disk or closed pipe is a failure. */
static int
admin_emit(struct buf *b)
{
	int	rc = EXIT_OK;

	if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout) != 0)
		rc = EXIT_FAIL;
	buf_release(b);
	return rc;
}

static int
user_add(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--code", "--name", "--group",
	    "--agency", "--lang", NULL };
	const char		*v[6] = { NULL };
	struct store_officer	 o;
	struct store		*st;
	struct err		 e;
	int			 rc = EXIT_OK;

	if (cli_opts(argc, argv, 2, names, v, user_help) == -1)
		return EXIT_USAGE;
	if (v[0] == NULL || v[1] == NULL || v[2] == NULL) {
		fprintf(stderr, "rianru: user add needs --code, --name and "
		    "--group\n%s", user_help);
		return EXIT_USAGE;
	}
	if (vocab_find(vocab_groups, GROUP_COUNT, v[2]) < 0) {
		fprintf(stderr, "rianru: unknown group '%s' (executive, "
		    "director, policy, service, technology or other)\n", v[2]);
		return EXIT_USAGE;
	}
	memset(&o, 0, sizeof o);
	err_clear(&e);
	/* checked before anything is copied: a long value is never cut */
	if (store_officer_set(&o, v[0], v[1], v[2], v[3], v[4], &e) == -1)
		return admin_fail(&e);
	if ((st = cli_store_open(cli, 0)) == NULL)
		return EXIT_FAIL;
	if (store_officer_add(st, &o, time(NULL), &e) == -1)
		rc = admin_fail(&e);
	else
		printf("added %s (%s)\n", o.code, o.name);
	store_close(st);
	return rc;
}

static int
user_import(struct cli *cli, int argc, char **argv)
{
	struct store	*st;
	struct err	 e;
	size_t		 added = 0, updated = 0;
	int		 rc = EXIT_OK;

	if (argc != 3) {
		fputs(user_help, stderr);
		return EXIT_USAGE;
	}
	if ((st = cli_store_open(cli, 0)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	if (store_user_import_csv(st, argv[2], time(NULL), &added, &updated,
	    &e) == -1) {
		rc = admin_fail(&e);
		fprintf(stderr, "rianru: nothing was imported\n");
	} else
		printf("imported %zu new, %zu updated\n", added, updated);
	store_close(st);
	return rc;
}

static int
parse_format(const char *s, enum listing_fmt *f)
{
	if (s == NULL) {
		*f = LISTING_TABLE;
		return 0;
	}
	if (listing_fmt_parse(s, f) == -1) {
		fprintf(stderr, "rianru: unknown format '%s' (table, csv or "
		    "json)\n", s);
		return -1;
	}
	return 0;
}

static int
user_list(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--format", NULL };
	const char		*v[2] = { NULL };
	struct store_officer	*list = NULL;
	struct store		*st;
	struct err		 e;
	struct buf		 b;
	enum listing_fmt		 f;
	size_t			 n = 0;
	int			 rc;

	if (cli_opts(argc, argv, 2, names, v, user_help) == -1 ||
	    parse_format(v[0], &f) == -1)
		return EXIT_USAGE;
	if ((st = cli_store_open(cli, 1)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	if (store_officer_list(st, &list, &n, &e) == -1) {
		store_close(st);
		return admin_fail(&e);
	}
	buf_init(&b);
	listing_officers(list, n, f, &b);
	rc = admin_emit(&b);
	free(list);
	store_close(st);
	return rc;
}

int
cmd_user(struct cli *cli, int argc, char **argv)
{
	/* these three have their own --help */
	if (argc >= 2 && strcmp(argv[1], "setup-code") == 0)
		return cmd_user_setup_code(cli, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return cmd_user_export(cli, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "erase") == 0)
		return cmd_user_erase(cli, argc, argv);
	if (cli_help_requested(argc, argv, user_help))
		return EXIT_OK;
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return user_add(cli, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return user_import(cli, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return user_list(cli, argc, argv);
	fputs(user_help, stderr);
	return EXIT_USAGE;
}

int
cmd_progress(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--user", "--format", NULL };
	const char		*v[3] = { NULL };
	struct store_progress	*list = NULL;
	struct store_officer	 o;
	struct store		*st;
	struct err		 e;
	struct buf		 b;
	enum listing_fmt		 f;
	size_t			 n = 0;
	int			 rc, found;

	if (cli_help_requested(argc, argv, progress_help))
		return EXIT_OK;
	if (cli_opts(argc, argv, 1, names, v, progress_help) == -1 ||
	    parse_format(v[1], &f) == -1)
		return EXIT_USAGE;
	if ((st = cli_store_open(cli, 1)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	memset(&o, 0, sizeof o);
	if (v[0] != NULL) {
		if ((found = store_officer_get(st, v[0], &o, &e)) == -1) {
			store_close(st);
			return admin_fail(&e);
		}
		if (found == 1) {
			fprintf(stderr, "rianru: no officer with code '%s'\n",
			    v[0]);
			store_close(st);
			return EXIT_FAIL;
		}
	}
	if (store_progress(st, o.id, NULL, &list, &n, &e) == -1) {
		store_close(st);
		return admin_fail(&e);
	}
	buf_init(&b);
	listing_progress(list, n, f, &b);
	rc = admin_emit(&b);
	free(list);
	store_close(st);
	return rc;
}

/* `rianru report --format html --out FILE`: the page with charts. */
static int
report_html_cmd(struct cli *cli, const char *out)
{
	struct catalog	*cat;
	struct plan_set	 plans;
	struct diags	 d;
	struct report	 r;
	struct store	*st;
	struct err	 e;
	struct buf	 b;
	char		*dir;
	int		 rc = EXIT_OK;

	if (out == NULL) {
		fprintf(stderr, "rianru: --format html needs --out FILE.html\n");
		return EXIT_USAGE;
	}
	if ((st = cli_store_open(cli, 1)) == NULL)
		return EXIT_FAIL;
	/* content problems are for 'rianru check'; report what loads */
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, cli->cfg.content_dir, &d);
	plan_set_init(&plans);
	xasprintf(&dir, "%s/plans", cli->cfg.content_dir);
	plan_load_dir(&plans, dir, &d);
	free(dir);
	diags_release(&d);
	err_clear(&e);
	if (report_collect(st, cat, &plans, time(NULL), cli->cfg.lang, &r,
	    &e) == -1)
		rc = admin_fail(&e);
	else {
		buf_init(&b);
		report_html(&r, &b);
		report_release(&r);
		if (strcmp(out, "-") == 0)
			rc = admin_emit(&b);
		else if (outfile_write(out, b.data, b.len, cli->cfg.db_path,
		    0600, &e) == -1)
			rc = admin_fail(&e);	/* names of officers: 0600 */
		buf_release(&b);
	}
	plan_set_release(&plans);
	catalog_free(cat);
	store_close(st);
	return rc;
}

int
cmd_report(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--by", "--format", "--out",
	    NULL };
	const char		*v[4] = { NULL };
	struct store_report_row	*rows = NULL;
	struct store		*st;
	struct err		 e;
	struct buf		 b;
	enum listing_fmt		 f;
	enum store_report_by	 by = STORE_REPORT_COURSE;
	size_t			 n = 0;
	int			 rc;

	if (cli_help_requested(argc, argv, report_help))
		return EXIT_OK;
	if (cli_opts(argc, argv, 1, names, v, report_help) == -1)
		return EXIT_USAGE;
	if (v[1] != NULL && strcmp(v[1], "html") == 0)
		return report_html_cmd(cli, v[2]);
	if (v[2] != NULL) {
		fprintf(stderr, "rianru: --out goes with --format html\n");
		return EXIT_USAGE;
	}
	if (parse_format(v[1], &f) == -1)
		return EXIT_USAGE;
	if (v[0] != NULL && store_report_by_parse(v[0], &by) == -1) {
		fprintf(stderr, "rianru: --by takes course, group or agency, "
		    "not '%s'\n", v[0]);
		return EXIT_USAGE;
	}
	if ((st = cli_store_open(cli, 1)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	if (store_report(st, by, &rows, &n, &e) == -1) {
		store_close(st);
		return admin_fail(&e);
	}
	buf_init(&b);
	listing_report(rows, n, by, f, &b);
	rc = admin_emit(&b);
	free(rows);
	store_close(st);
	return rc;
}

int
cmd_backup(struct cli *cli, int argc, char **argv)
{
	struct store	*st;
	struct err	 e;
	int		 rc = EXIT_OK;

	if (cli_help_requested(argc, argv, backup_help))
		return EXIT_OK;
	if (argc != 2) {
		fputs(backup_help, stderr);
		return EXIT_USAGE;
	}
	/* reading is enough: a missing file is an error, not a new one */
	if ((st = cli_store_open(cli, 1)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	if (store_backup(st, argv[1], &e) == -1)
		rc = admin_fail(&e);
	else
		printf("backed up '%s' to '%s'\n", cli->cfg.db_path, argv[1]);
	store_close(st);
	return rc;
}

static const char pin_hash_help[] =
"usage: rianru pin-hash\n"
"\n"
"Read a PIN (pin-min-length, default 6, to 12 digits) and print its\n"
"Argon2id hash, for 'admin-pin-hash:' in the configuration. On a terminal\n"
"the PIN is asked twice and not shown as it is typed; from a pipe one line\n"
"is read. The PIN itself is not stored anywhere.\n";

/*
 * Read one line into line[size] without its line break, after 'prompt'
 * on the terminal with echo off (the PIN must not stay on the screen or
 * in a scrollback). Returns 0, or -1 at end of input.
 */
static int
pin_read(const char *prompt, char *line, size_t size, int tty)
{
	struct termios	old, quiet;
	int		rc = 0, restore = 0;

	if (tty) {
		/* echo off before the prompt: nothing typed after it shows */
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			quiet.c_lflag |= ECHONL;
			restore = tcsetattr(STDIN_FILENO, TCSAFLUSH,
			    &quiet) == 0;
		}
		fprintf(stderr, "%s", prompt);
		fflush(stderr);
	}
	if (fgets(line, (int)size, stdin) == NULL)
		rc = -1;
	if (restore)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
	line[rc == 0 ? strcspn(line, "\r\n") : 0] = '\0';
	return rc;
}

int
cmd_pin_hash(struct cli *cli, int argc, char **argv)
{
	char		line[128], again[128], hash[AUTH_HASH_MAX];
	struct err	e;
	int		tty = isatty(STDIN_FILENO), rc = EXIT_OK;

	if (cli_help_requested(argc, argv, pin_hash_help))
		return EXIT_OK;
	again[0] = '\0';
	if (pin_read("PIN: ", line, sizeof line, tty) == -1) {
		fprintf(stderr, "rianru: no PIN given\n");
		return EXIT_USAGE;
	}
	err_clear(&e);
	if (auth_pin_ok(line, cli->cfg.pin_min_length, &e) == -1) {
		fprintf(stderr, "rianru: %s\n", e.msg);
		rc = EXIT_FAIL;
		goto out;
	}
	if (tty && (pin_read("PIN again: ", again, sizeof again, tty) == -1 ||
	    strcmp(line, again) != 0)) {
		fprintf(stderr, "rianru: the two PINs differ; nothing was "
		    "hashed\n");
		rc = EXIT_FAIL;
		goto out;
	}
	if (auth_pin_hash(line, cli->cfg.pin_min_length, hash, &e) == -1) {
		fprintf(stderr, "rianru: %s\n", e.msg);
		rc = EXIT_FAIL;
		goto out;
	}
	printf("%s\n", hash);
out:
	/* the PIN leaves no copy in this process */
	crypto_wipe(line, sizeof line);
	crypto_wipe(again, sizeof again);
	return rc;
}
