/*
 * rianru user setup-code: one-time first-login codes for the roster, so
 * that nobody at a kiosk can claim an officer who has no PIN yet; and an
 * officer's rights under Thailand's Personal Data Protection Act: user
 * export (everything held, as JSON) and user erase (docs/privacy.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "base/crypto.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/esc.h"
#include "base/outfile.h"
#include "learn/auth.h"
#include "report/personal.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_privacy.h"

static const char setup_code_help[] =
"usage: rianru user setup-code [--code C]\n"
"\n"
"A new one-time first-login code for each officer without a PIN, or for\n"
"officer C only (whose PIN it clears): printed as code, name and\n"
"first-login code, one officer a line, to hand out or print on the\n"
"roster. In a kiosk the officer types it before choosing a PIN. Only its\n"
"hash is kept; an older code stops working.\n";

/* Print why 'e' failed; EXIT_FAIL. */
static int
user_fail(const struct err *e)
{
	char	msg[1024], safe[1024];

	fprintf(stderr, "rianru: %s\n", esc_str(safe, sizeof safe,
	    err_str(e, msg, sizeof msg)));
	return EXIT_FAIL;
}

/* A new code for 'o', printed as one roster line. */
static int
user_issue(struct store *st, const struct store_officer *o, struct err *e)
{
	char	code[AUTH_SETUP_LEN + 1], hash[AUTH_HASH_MAX];
	char	c[256], n[1024];
	int	rc = 0;

	if (auth_setup_code(code, hash, e) == -1 ||
	    store_officer_set_setup(st, o->id, hash, e) == -1)
		rc = -1;
	else
		printf("%s\t%s\t%s\n", esc_str(c, sizeof c, o->code),
		    esc_str(n, sizeof n, o->name), code);
	crypto_wipe(code, sizeof code);
	return rc;
}

int
cmd_user_setup_code(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--code", NULL };
	const char		*v[2] = { NULL };
	struct store_officer	*list = NULL, one;
	struct store		*st;
	struct err		 e;
	size_t			 n = 0, i, issued = 0;
	int			 rc = EXIT_OK, got;
	char			 safe[256];

	if (cli_help_requested(argc, argv, setup_code_help))
		return EXIT_OK;
	if (cli_opts(argc, argv, 2, names, v, setup_code_help) == -1)
		return EXIT_USAGE;
	if ((st = cli_store_open(cli, 0)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	if (v[0] != NULL) {
		if ((got = store_officer_get(st, v[0], &one, &e)) == -1)
			rc = user_fail(&e);
		else if (got == 1) {
			fprintf(stderr, "rianru: no officer '%s'\n",
			    esc_str(safe, sizeof safe, v[0]));
			rc = EXIT_FAIL;
		} else if (user_issue(st, &one, &e) == -1)
			rc = user_fail(&e);
		store_close(st);
		return rc;
	}
	if (store_officer_list(st, &list, &n, &e) == -1) {
		store_close(st);
		return user_fail(&e);
	}
	for (i = 0; i < n && rc == EXIT_OK; i++)
		if (list[i].pin_hash[0] == '\0') {
			if (user_issue(st, &list[i], &e) == -1)
				rc = user_fail(&e);
			issued++;
		}
	if (rc == EXIT_OK && issued == 0)
		fprintf(stderr, "rianru: every officer has a PIN (use --code C "
		    "to reset one)\n");
	free(list);
	store_close(st);
	return rc;
}

static const char export_help[] =
"usage: rianru user export --code C [--out FILE]\n"
"\n"
"Everything the progress file holds about officer C, as one JSON object:\n"
"their officer row (a PIN only as \"set\"), enrolments, progress, quiz\n"
"attempts and answers, learning events and their xAPI statements, the\n"
"70:20:10 log, certificates and the review set. --out writes FILE with\n"
"mode 0600 (never over the progress file or through a link).\n";

static const char erase_help[] =
"usage: rianru user erase --code C --yes\n"
"\n"
"Erase officer C from the progress file: answers, reviews, the 70:20:10\n"
"reflections and every statement naming them (sent or not) are deleted;\n"
"the officer row stays as 'erased-ID' with no name, PIN or code, so the\n"
"agency's counts (enrolled, completed, passed, hours, certificates) stay.\n"
"It cannot be undone: --yes says you mean it. Statements the LRS already\n"
"has stay there: the command says how many, to be deleted at the LRS\n"
"(voiding a statement is not erasing it).\n";

/* The officer 'code' into *o, or a message; 0, or an exit code. */
static int
user_find(struct store *st, const char *code, struct store_officer *o)
{
	struct err	e;
	char		safe[256];
	int		got;

	err_clear(&e);
	if ((got = store_officer_get(st, code, o, &e)) == -1)
		return user_fail(&e);
	if (got == 1) {
		fprintf(stderr, "rianru: no officer '%s'\n",
		    esc_str(safe, sizeof safe, code));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int
cmd_user_export(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--code", "--out", NULL };
	const char		*v[3] = { NULL };
	struct store_officer	 o;
	struct store		*st;
	struct err		 e;
	struct buf		 b;
	int			 rc;

	if (cli_help_requested(argc, argv, export_help))
		return EXIT_OK;
	if (cli_opts(argc, argv, 2, names, v, export_help) == -1)
		return EXIT_USAGE;
	if (v[0] == NULL) {
		fprintf(stderr, "rianru: user export needs --code\n%s",
		    export_help);
		return EXIT_USAGE;
	}
	if ((st = cli_store_open(cli, 1)) == NULL)
		return EXIT_FAIL;
	if ((rc = user_find(st, v[0], &o)) != EXIT_OK) {
		store_close(st);
		return rc;
	}
	buf_init(&b);
	err_clear(&e);
	if (personal_export_json(st, o.id, time(NULL), &b, &e) == -1)
		rc = user_fail(&e);
	else if (v[1] != NULL && strcmp(v[1], "-") != 0) {
		/* personal data: 0600, never the progress file */
		if (outfile_write(v[1], b.data, b.len, cli->cfg.db_path, 0600,
		    &e) == -1)
			rc = user_fail(&e);
	} else if (fwrite(b.data, 1, b.len, stdout) != b.len ||
	    fflush(stdout) != 0)
		rc = EXIT_FAIL;
	buf_release(&b);
	store_close(st);
	return rc;
}

int
cmd_user_erase(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--code", NULL };
	const char		*v[2] = { NULL };
	struct store_officer	 o;
	struct store_erase	 er;
	struct store		*st;
	struct err		 e;
	char			 code[256];
	int			 rc, i, yes = 0, n = 0;
	char			*rest[8];

	if (cli_help_requested(argc, argv, erase_help))
		return EXIT_OK;
	/* --yes is a flag; the rest are options */
	for (i = 0; i < argc && n < 8; i++)
		if (i >= 2 && strcmp(argv[i], "--yes") == 0)
			yes = 1;
		else
			rest[n++] = argv[i];
	if (i < argc || cli_opts(n, rest, 2, names, v, erase_help) == -1)
		return EXIT_USAGE;
	if (v[0] == NULL) {
		fprintf(stderr, "rianru: user erase needs --code\n%s",
		    erase_help);
		return EXIT_USAGE;
	}
	esc_str(code, sizeof code, v[0]);
	if (!yes) {
		fprintf(stderr, "rianru: erasing officer '%s' cannot be undone:"
		    " add --yes\n", code);
		return EXIT_USAGE;
	}
	if ((st = cli_store_open(cli, 0)) == NULL)
		return EXIT_FAIL;
	if ((rc = user_find(st, v[0], &o)) != EXIT_OK) {
		store_close(st);
		return rc;
	}
	err_clear(&e);
	if (store_officer_erase(st, o.id, &er, &e) == -1) {
		rc = user_fail(&e);
		store_close(st);
		return rc;
	}
	store_close(st);
	printf("erased officer '%s' (now '%s'): %lld answers and reviews and "
	    "%lld statements not yet sent deleted; enrolments, results and "
	    "certificates stay in the counts without a name\n", code, er.code,
	    (long long)er.answers, (long long)er.pending);
	if (er.delivered > 0)
		printf("the LRS still holds %lld statements about '%s' (actor "
		    "account name '%s', homePage %s): ask its administrator to "
		    "delete them there; voiding a statement does not erase "
		    "it\n", (long long)er.delivered, code, code,
		    cli->cfg.homepage);
	else
		printf("no statement about '%s' was delivered from here; if "
		    "another machine sent some, ask the LRS's administrator "
		    "to delete them (voiding is not erasure)\n", code);
	return EXIT_OK;
}
