/*
 * rianru user setup-code: one-time first-login codes for the roster, so
 * that nobody at a kiosk can claim an officer who has no PIN yet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/esc.h"
#include "learn/auth.h"
#include "store/store.h"
#include "store/store_officer.h"

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
