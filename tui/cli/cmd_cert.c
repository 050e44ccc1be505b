/*
 * `rianru certificate` and `rianru verify`: certificates of completion
 * as self-contained HTML, and checking a certificate's code on the
 * machine that issued it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "report/cert.h"
#include "cli/cli.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/outfile.h"
#include "report/html.h"
#include "content/catalog.h"
#include "content/load.h"
#include "store/store.h"
#include "store/store_log.h"

static const char certificate_help[] =
"usage: rianru certificate --user CODE --course ID --out FILE.html\n"
"\n"
"Write the certificate of completion of officer CODE for course ID: one\n"
"self-contained HTML page in Thai and English (print it on A4, or save it\n"
"as PDF from a browser) with the hours, the score, the course's\n"
"certification code if it has one, and a verification code\n"
"(RNR-XXXX-XXXX) that 'rianru verify' checks on this machine. Only\n"
"completed courses get a certificate. --out - writes to stdout.\n";

static const char verify_help[] =
"usage: rianru verify CODE\n"
"\n"
"Check a certificate's verification code against this machine's progress\n"
"file. Exit status: 0 valid, 1 unknown or not valid, 2 usage.\n";

static int
cert_fail(const struct err *e)
{
	char	msg[1024];

	fprintf(stderr, "rianru: %s\n", err_str(e, msg, sizeof msg));
	return EXIT_FAIL;
}

/*
 * Write 'b' to 'path' ("-" = stdout), never over the progress file
 * 'protect' nor through a link; 0 or -1 after a message.
 */
static int
cert_write(const char *path, const struct buf *b, const char *protect)
{
	struct err	e;
	int		bad;

	if (strcmp(path, "-") == 0) {
		bad = fwrite(b->data, 1, b->len, stdout) != b->len ||
		    fflush(stdout) != 0;
		return bad ? -1 : 0;
	}
	/* a certificate names its officer: personal data, 0600 */
	if (outfile_write(path, b->data, b->len, protect, 0600, &e) == -1) {
		cert_fail(&e);
		return -1;
	}
	return 0;
}

int
cmd_certificate(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--user", "--course", "--out",
	    NULL };
	const char	*v[3] = { NULL };
	struct catalog	*cat;
	struct course	*c;
	struct diags	 d;
	struct store	*st;
	struct cert	 ct;
	struct err	 e;
	struct buf	 b;
	int		 rc = EXIT_OK;

	if (cli_help_requested(argc, argv, certificate_help))
		return EXIT_OK;
	if (cli_opts(argc, argv, 1, names, v, certificate_help) == -1)
		return EXIT_USAGE;
	if (v[0] == NULL || v[1] == NULL || v[2] == NULL) {
		fprintf(stderr, "rianru: certificate needs --user, --course and "
		    "--out\n%s", certificate_help);
		return EXIT_USAGE;
	}
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, cli->cfg.content_dir, &d);
	diags_release(&d);
	if ((c = catalog_find(cat, v[1])) == NULL) {
		fprintf(stderr, "rianru: no course '%s' in '%s' (see 'rianru "
		    "check')\n", v[1], cli->cfg.content_dir);
		catalog_free(cat);
		return EXIT_FAIL;
	}
	err_clear(&e);
	/* it records the certificate, but never makes a new progress file */
	if ((st = store_open_existing(cli->cfg.db_path, &e)) == NULL) {
		catalog_free(cat);
		return cert_fail(&e);
	}
	if (cert_issue(st, c, v[0], time(NULL), &ct, &e) == -1)
		rc = cert_fail(&e);
	else {
		buf_init(&b);
		cert_html(&ct, &b);
		if (cert_write(v[2], &b, cli->cfg.db_path) == -1)
			rc = EXIT_FAIL;
		else if (strcmp(v[2], "-") != 0)
			printf("certificate %s for %s, course %s: %s\n", ct.code,
			    ct.officer.code, c->id, v[2]);
		buf_release(&b);
	}
	store_close(st);
	catalog_free(cat);
	return rc;
}

int
cmd_verify(struct cli *cli, int argc, char **argv)
{
	struct store		*st;
	struct store_cert	 sc;
	struct err		 e;
	struct buf		 when;
	char			 msg[1024];
	int			 rc;

	if (cli_help_requested(argc, argv, verify_help))
		return EXIT_OK;
	if (argc != 2) {
		fputs(verify_help, stderr);
		return EXIT_USAGE;
	}
	err_clear(&e);
	if ((st = store_open_readonly(cli->cfg.db_path, &e)) == NULL)
		return cert_fail(&e);
	rc = cert_verify(st, argv[1], &sc, &e);
	store_close(st);
	if (rc == -1)
		return cert_fail(&e);
	if (rc == 1) {
		fprintf(stderr, "rianru: not valid: %s\n", err_str(&e, msg,
		    sizeof msg));
		return EXIT_FAIL;
	}
	buf_init(&when);
	html_date(&when, sc.completed, cli->cfg.lang);
	printf("valid: %s\nofficer: %s\ncourse: %s %s\ncompleted: %s\n"
	    "hours: %g\n", sc.code, sc.officer_code, sc.course_id,
	    sc.course_version, when.data, sc.hours);
	if (sc.score >= 0)
		printf("score: %.0f%%\n", sc.score * 100);
	buf_release(&when);
	return EXIT_OK;
}
