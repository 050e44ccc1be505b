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
#include "base/esc.h"
#include "base/keyfile.h"
#include "base/outfile.h"
#include "report/html.h"
#include "content/catalog.h"
#include "content/load.h"
#include "store/store.h"
#include "store/store_log.h"
#include "config/connect.h"
#include "sync/lrs_verify.h"
#include "sync/sync.h"

static const char certificate_help[] =
"usage: rianru certificate --user CODE --course ID --out FILE.html\n"
"\n"
"Write the certificate of completion of officer CODE for course ID: one\n"
"self-contained HTML page in Thai and English (print it on A4, or save it\n"
"as PDF from a browser) with the hours, the score, the course's\n"
"certification code if it has one, and a verification code\n"
"(RNR-XXXX-XXXX) that 'rianru verify' checks on this machine. Only\n"
"completed courses get a certificate. --out - writes to stdout.\n"
"The code is keyed with the certificate key file (certificate-key:,\n"
"default $XDG_DATA_HOME/rianru/certificate.key, made 0600 on first use).\n";

static const char verify_help[] =
"usage: rianru verify CODE [--lrs]\n"
"\n"
"Check a certificate's verification code against this machine's progress\n"
"file and certificate key. With --lrs, also check its record against the\n"
"agency's LRS (lrs: in the configuration), the source of truth: a\n"
"completion of that course by that officer at that time, the same content\n"
"version and hours, and the same score from the quiz results there.\n"
"Exit status: 0 valid, 1 unknown or not valid, 2 usage, 4 LRS not\n"
"reachable, 5 LRS refused or not configured.\n";

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
	unsigned char	 key[CRYPTO_KEY_LEN];
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
	if (keyfile_load(cli->cfg.cert_key, 1, key, &e) == -1 ||
	    cert_issue(st, c, v[0], key, time(NULL), &ct, &e) == -1)
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
	crypto_wipe(key, sizeof key);
	store_close(st);
	catalog_free(cat);
	return rc;
}

/* The record of 'sc' against the LRS: an exit status, after a message. */
static int
verify_lrs(struct cli *cli, const struct store_cert *sc)
{
	struct transport	 t;
	struct lrs_cert		 got;
	struct err		 e;
	char			 msg[1024];
	int			 rc, offline = 0;

	if ((rc = connect_transport(&cli->cfg.lrs, &t, &e)) == 1) {
		fprintf(stderr, "rianru: --lrs: no LRS in the configuration "
		    "(lrs: endpoint)\n");
		return EXIT_SYNC_FAILED;
	}
	if (rc == 0) {
		rc = lrs_cert_fetch(&t, cli->cfg.homepage,
		    cli->cfg.activity_base, sc, 60, &got, &offline, &e);
		t.release(t.ctx);
	}
	if (rc == -1) {
		fprintf(stderr, "rianru: LRS: %s\n", err_str(&e, msg,
		    sizeof msg));
		return offline ? EXIT_OFFLINE : EXIT_SYNC_FAILED;
	}
	if (lrs_cert_compare(sc, &got, &e) != 0) {
		fprintf(stderr, "rianru: not confirmed by the LRS: %s\n",
		    err_str(&e, msg, sizeof msg));
		return EXIT_FAIL;
	}
	printf("LRS: confirmed (%zu statements read)\n", got.seen);
	return EXIT_OK;
}

int
cmd_verify(struct cli *cli, int argc, char **argv)
{
	struct store		*st;
	struct store_cert	 sc;
	struct err		 e;
	struct buf		 when;
	unsigned char		 key[CRYPTO_KEY_LEN];
	char			 msg[1024], oc[256], name[1024], cid[256];
	char			 ver[256];
	int			 rc, lrs = 0;

	if (cli_help_requested(argc, argv, verify_help))
		return EXIT_OK;
	if (argc == 3 && strcmp(argv[1], "--lrs") == 0) {
		argv[1] = argv[2];	/* --lrs CODE */
		lrs = 1;
	} else if (argc == 3 && strcmp(argv[2], "--lrs") == 0)
		lrs = 1;
	if (argc != 2 + lrs || argv[1][0] == '-') {
		fputs(verify_help, stderr);
		return EXIT_USAGE;
	}
	err_clear(&e);
	if ((st = store_open_readonly(cli->cfg.db_path, &e)) == NULL)
		return cert_fail(&e);
	/* never made here: without it nothing issued here can verify */
	if ((rc = keyfile_load(cli->cfg.cert_key, 0, key, &e)) == 1)
		err_set(&e, "no certificate key '%s': no certificate was "
		    "issued with it on this machine", cli->cfg.cert_key);
	if (rc == 0)
		rc = cert_verify(st, argv[1], key, &sc, &e);
	crypto_wipe(key, sizeof key);
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
	printf("valid: %s\nofficer: %s\nname: %s\ncourse: %s %s\n"
	    "completed: %s\nhours: %g\n", sc.code, esc_str(oc, sizeof oc,
	    sc.officer_code), esc_str(name, sizeof name, sc.officer_name),
	    esc_str(cid, sizeof cid, sc.course_id), esc_str(ver, sizeof ver,
	    sc.course_version), when.data, sc.hours);
	if (sc.score >= 0)
		printf("score: %.0f%%\n", sc.score * 100);
	buf_release(&when);
	return lrs ? verify_lrs(cli, &sc) : EXIT_OK;
}
