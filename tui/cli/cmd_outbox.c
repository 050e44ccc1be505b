/*
 * rianru outbox: look at and re-queue statements the LRS set aside, and
 * carry results on a USB stick (export, push, receipt; lib/sync/carry.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sync/carry.h"
#include "sync/devkey.h"
#include "cli/cli.h"
#include "base/buf.h"
#include "base/err.h"
#include "base/outfile.h"
#include "base/crypto.h"
#include "base/esc.h"
#include "store/store.h"
#include "store/store_outbox.h"
#include "config/connect.h"
#include "sync/sync.h"
#include "base/xalloc.h"

static const char outbox_help[] =
"usage: rianru outbox list [--state pending|conflict|quarantined|delivered]\n"
"       rianru outbox requeue ID | --all-quarantined | --all\n"
"       rianru outbox export FILE\n"
"       rianru outbox push [--max-time SECONDS] FILE\n"
"       rianru outbox receipt FILE.receipt\n"
"\n"
"The xAPI statements waiting in the progress file, and a way to carry them\n"
"to the LRS from a machine with no network at all.\n"
"\n"
"  list      statements not yet delivered (or those in one state), oldest\n"
"            first, with tries and the LRS's reason for setting one aside\n"
"  requeue   put a quarantined or conflicting statement back in the queue\n"
"            (--all-quarantined: every quarantined one; --all: conflicts too)\n"
"  export    write every pending statement to FILE (JSON lines and a\n"
"            manifest with the count and SHA-256) and FILE.minisig, its\n"
"            signature by this machine's device key; they stay pending\n"
"  push      on any connected machine: check FILE against its manifest\n"
"            and its signature against the devices the agency enrolled\n"
"            (trusted-devices:), deliver its statements to this machine's\n"
"            LRS (a statement the LRS already has is fine) and write\n"
"            FILE.receipt and FILE.receipt.minisig, its signature by this\n"
"            machine's device key\n"
"  receipt   back on the first machine: check that the receipt answers an\n"
"            export made here and is signed by an enrolled device (the\n"
"            one that pushed, in trusted-devices:), then mark that\n"
"            export's statements in it delivered (or set aside, as the\n"
"            LRS said)\n"
"\n"
"A truncated or damaged file is refused whole, with exit status 1. An\n"
"export that is not signed, signed by a device not enrolled, or changed\n"
"after it was signed is refused whole by push, with exit status 6, and\n"
"so is such a receipt by receipt (unsigned or unenrolled ones are used\n"
"with a warning when the configuration says accept-unsigned-exports:\n"
"true).\n"
"export exits 3 when nothing is pending; push exits like 'rianru sync'\n"
"(0 delivered, 3 nothing to do, 4 offline, 5 failed).\n";

static const char device_key_help[] =
"usage: rianru device-key\n"
"\n"
"Print this machine's public device key (minisign's format), making the\n"
"key first when there is none (device-key: in the configuration, default\n"
"$XDG_DATA_HOME/rianru/device.key, mode 0600). 'rianru outbox export'\n"
"signs USB exports with it; the agency enrols the machine by adding these\n"
"two lines to its trusted devices file (trusted-devices:), which 'rianru\n"
"outbox push' checks exports against.\n";

static int
outbox_fail(const struct err *e)
{
	char	msg[1024];

	fprintf(stderr, "rianru: %s\n", err_str(e, msg, sizeof msg));
	return EXIT_FAIL;
}

static struct store *
outbox_open(struct cli *cli, int readonly)
{
	struct store	*st;
	struct err	 e;

	err_clear(&e);
	/* the outbox of a progress file that does not exist is not empty */
	st = readonly ? store_open_readonly(cli->cfg.db_path, &e) :
	    store_open_existing(cli->cfg.db_path, &e);
	if (st == NULL)
		outbox_fail(&e);
	else if (store_notice(st) != NULL)
		fprintf(stderr, "rianru: %s\n", store_notice(st));
	return st;
}

static int
outbox_print_row(const struct store_outbox_row *r, void *arg)
{
	struct tm	tm;
	char		when[32], error[512];
	time_t		t = r->created;

	(void)arg;
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(when, sizeof when, "-");
	printf("%s  %-11s  %s  %5d  %s\n", r->stmt_id,
	    store_ob_state_name(r->state), when, r->attempts,
	    esc_str(error, sizeof error, r->last_error));
	return 0;
}

static int
outbox_list(struct cli *cli, int argc, char **argv)
{
	static const enum store_ob_state waiting[] = { STORE_OB_PENDING,
	    STORE_OB_CONFLICT, STORE_OB_QUARANTINED };
	static const char *const names[] = { "--state", NULL };
	struct store	*st;
	struct err	 e;
	const char	*state = NULL;
	int		 i, k = 0, rc = EXIT_OK;

	if (cli_opts(argc, argv, 2, names, &state, outbox_help) == -1)
		return EXIT_USAGE;
	if (state != NULL) {
		for (k = 0; k < STORE_OB_NSTATES; k++)
			if (strcmp(state, store_ob_state_name(
			    (enum store_ob_state)k)) == 0)
				break;
		if (k == STORE_OB_NSTATES) {
			fprintf(stderr, "rianru: --state takes pending, "
			    "delivered, conflict or quarantined, not '%s'\n",
			    state);
			return EXIT_USAGE;
		}
	}
	if ((st = outbox_open(cli, 1)) == NULL)
		return EXIT_FAIL;
	printf("%-36s  %-11s  %-16s  %5s  %s\n", "ID", "STATE", "CREATED",
	    "TRIES", "REASON");
	err_clear(&e);
	for (i = 0; i < 3 && rc == EXIT_OK; i++) {
		if (state != NULL && i > 0)
			break;
		if (store_outbox_list(st, state != NULL ?
		    (enum store_ob_state)k : waiting[i], outbox_print_row,
		    NULL, &e) == -1)
			rc = outbox_fail(&e);
	}
	store_close(st);
	return rc;
}

/* Collect ids (for requeueing quarantined ones only). */
struct outbox_ids {
	char	**v;
	size_t	  n, cap;
};

static int
outbox_collect(const struct store_outbox_row *r, void *arg)
{
	struct outbox_ids	*ids = arg;

	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 64;
		ids->v = xreallocarray(ids->v, ids->cap, sizeof *ids->v);
	}
	ids->v[ids->n++] = xstrdup(r->stmt_id);
	return 0;
}

static int
outbox_requeue(struct cli *cli, int argc, char **argv)
{
	struct outbox_ids	 ids;
	struct store		*st;
	struct err		 e;
	size_t			 i, n = 0, one;
	int			 rc = EXIT_OK;

	if (argc != 3) {
		fputs(outbox_help, stderr);
		return EXIT_USAGE;
	}
	if ((st = outbox_open(cli, 0)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	memset(&ids, 0, sizeof ids);
	if (strcmp(argv[2], "--all") == 0) {
		if (store_outbox_requeue(st, NULL, &n, &e) == -1)
			rc = outbox_fail(&e);
	} else if (strcmp(argv[2], "--all-quarantined") == 0) {
		if (store_outbox_list(st, STORE_OB_QUARANTINED, outbox_collect,
		    &ids, &e) == -1)
			rc = outbox_fail(&e);
		for (i = 0; i < ids.n && rc == EXIT_OK; i++) {
			if (store_outbox_requeue(st, ids.v[i], &one, &e) == -1)
				rc = outbox_fail(&e);
			n += one;
		}
	} else if (argv[2][0] == '-') {
		fprintf(stderr, "rianru: unknown option '%s'\n%s", argv[2],
		    outbox_help);
		rc = EXIT_USAGE;
	} else {
		if (store_outbox_requeue(st, argv[2], &n, &e) == -1)
			rc = outbox_fail(&e);
		else if (n == 0) {
			fprintf(stderr, "rianru: no quarantined or conflicting "
			    "statement '%s'\n", argv[2]);
			rc = EXIT_FAIL;
		}
	}
	for (i = 0; i < ids.n; i++)
		free(ids.v[i]);
	free(ids.v);
	if (rc == EXIT_OK)
		printf("requeued %zu %s\n", n, n == 1 ? "statement" :
		    "statements");
	store_close(st);
	return rc;
}

static int
outbox_export(struct cli *cli, int argc, char **argv)
{
	struct sign_secret	 key;
	struct sign_pub		 pub;
	struct store		*st;
	struct err		 e;
	char			 sha[65], hex[17];
	size_t			 n = 0;
	int			 rc = EXIT_OK;
	int64_t			 c[STORE_OB_NSTATES];

	if (argc != 3) {
		fputs(outbox_help, stderr);
		return EXIT_USAGE;
	}
	if ((st = outbox_open(cli, 0)) == NULL)
		return EXIT_FAIL;
	err_clear(&e);
	if (store_outbox_counts(st, c, &e) == -1)
		rc = outbox_fail(&e);
	else if (c[STORE_OB_PENDING] == 0) {
		printf("nothing pending; no file written\n");
		rc = EXIT_NOTHING;
	} else if (devkey_load(cli->cfg.device_key, 1, &pub, &key, &e) == -1) {
		outbox_fail(&e);
		fprintf(stderr, "rianru: no export written: it could not be "
		    "signed (device-key: in the configuration)\n");
		rc = EXIT_FAIL;
	} else if (carry_export(st, argv[2], &key, &n, sha, &e) == -1)
		rc = outbox_fail(&e);
	else {
		sign_id_hex(pub.id, hex);
		printf("exported %zu statements to '%s' (sha256 %s), signed "
		    "by device %s in '%s.minisig'\n", n, argv[2], sha, hex,
		    argv[2]);
	}
	crypto_wipe(&key, sizeof key);
	store_close(st);
	return rc;
}

/*
 * May export 'c' be pushed? Only when a device the agency enrolled
 * signed it, unless the configuration accepts the others. Returns
 * EXIT_OK, or the exit status after saying why not.
 */
static int
outbox_trusted(struct cli *cli, struct carry *c, const char *file)
{
	struct carry_signer	 who;
	struct devkeys		*k = NULL;
	struct err		 e;
	char			 name[256], why[1024];
	int			 rc;

	err_clear(&e);
	if (cli->cfg.trusted_devices != NULL &&
	    (k = devkeys_load(cli->cfg.trusted_devices, &e)) == NULL) {
		outbox_fail(&e);
		fprintf(stderr, "rianru: nothing was delivered from it\n");
		return EXIT_FAIL;
	}
	rc = carry_verify(c, k, &who, &e);
	devkeys_free(k);
	if (rc == -1) {
		outbox_fail(&e);
		fprintf(stderr, "rianru: nothing was delivered from it\n");
		return EXIT_UNTRUSTED;
	}
	if (rc == 0) {
		printf("signed by enrolled device %s (%s)\n", who.keyid,
		    esc_str(name, sizeof name, who.name));
		return EXIT_OK;
	}
	carry_untrusted_why(&who, file, cli->cfg.trusted_devices, why,
	    sizeof why);
	if (cli->cfg.accept_unsigned_exports) {
		fprintf(stderr, "rianru: warning: %s; pushed anyway "
		    "(accept-unsigned-exports: true): nothing shows whether "
		    "it was changed on the way\n", why);
		return EXIT_OK;
	}
	fprintf(stderr, "rianru: %s: refused\n", why);
	if (!who.is_signed)
		fprintf(stderr, "rianru: export it again on the machine that "
		    "made it, with this version of rianru (docs/sync.md)\n");
	else
		fprintf(stderr, "rianru: if that machine is the agency's, "
		    "enrol it (run 'rianru device-key' there and add what it "
		    "prints to the trusted devices file) and push again "
		    "(docs/sync.md)\n");
	fprintf(stderr, "rianru: nothing was delivered from it\n");
	return EXIT_UNTRUSTED;
}

static int
outbox_push(struct cli *cli, int argc, char **argv)
{
	const struct sync_state	*s;
	struct sync_source	 src;
	struct sign_secret	 key;
	struct sign_pub		 pub;
	struct carry		*c;
	struct sync		*q;
	struct err		 e;
	enum sync_outcome	 o;
	const char		*file = NULL;
	char			*receipt;
	size_t			 n;
	int			 i, max_time = 120, rc;

	for (i = 2; i < argc; i++) {
		if (strncmp(argv[i], "--max-time", 10) == 0 &&
		    (argv[i][10] == '\0' || argv[i][10] == '=')) {
			if (cli_max_time(argc, argv, &i, &max_time) == -1)
				return EXIT_USAGE;
		} else if (file == NULL && argv[i][0] != '-')
			file = argv[i];
		else {
			fprintf(stderr, "rianru: unexpected argument '%s'\n%s",
			    argv[i], outbox_help);
			return EXIT_USAGE;
		}
	}
	if (file == NULL) {
		fputs(outbox_help, stderr);
		return EXIT_USAGE;
	}
	err_clear(&e);
	if ((c = carry_open(file, &e)) == NULL) {
		fprintf(stderr, "rianru: %s\n", e.msg);
		fprintf(stderr, "rianru: nothing was delivered from it\n");
		return EXIT_FAIL;
	}
	if ((rc = outbox_trusted(cli, c, file)) != EXIT_OK) {
		carry_free(c);
		return rc;
	}
	if (cli->cfg.lrs.endpoint == NULL) {
		/* nothing can be sent: no receipt, no advice to carry one */
		fprintf(stderr, "rianru: no LRS endpoint configured (lrs: "
		    "endpoint in config.yaml)\n");
		fprintf(stderr, "rianru: nothing was delivered from it\n");
		carry_free(c);
		return EXIT_SYNC_FAILED;
	}
	carry_source(c, &src);
	if ((q = sync_connect_source(&cli->cfg.lrs, &src, &e)) == NULL) {
		carry_free(c);
		outbox_fail(&e);
		return EXIT_SYNC_FAILED;
	}
	o = sync_run(q, max_time);
	cli_sync_report(q, o, "statements");
	rc = cli_sync_exit(o);
	xasprintf(&receipt, "%s.receipt", file);
	s = sync_state(q);
	if (o != SYNC_OUT_NOTHING && s->sent == 0 && s->set_aside == 0)
		fprintf(stderr, "rianru: nothing was delivered from it; no "
		    "receipt written\n");
	else if (o != SYNC_OUT_NOTHING) {
		if (outfile_is_protected(receipt, cli->cfg.db_path)) {
			fprintf(stderr, "rianru: will not write the receipt "
			    "over the progress file\n");
			rc = EXIT_FAIL;
		} else if (devkey_load(cli->cfg.device_key, 1, &pub, &key,
		    &e) == -1) {
			outbox_fail(&e);
			fprintf(stderr, "rianru: no receipt written: it could "
			    "not be signed (device-key: in the "
			    "configuration); push again\n");
			rc = EXIT_FAIL;
		} else if (carry_write_receipt(c, receipt, cli->cfg.db_path,
		    &key, &n, &e) == -1) {
			outbox_fail(&e);
			rc = EXIT_FAIL;
		} else
			printf("wrote '%s' for %zu statements: take it back "
			    "and run 'rianru outbox receipt %s'\n", receipt,
			    n, receipt);
	}
	crypto_wipe(&key, sizeof key);
	free(receipt);
	sync_free(q);
	carry_free(c);
	return rc;
}

static int
outbox_receipt(struct cli *cli, int argc, char **argv)
{
	struct carry_applied	 a;
	struct carry_trust	 t;
	struct devkeys		*k = NULL;
	struct store		*st;
	struct err		 e;
	char			 name[256];
	int			 rc = EXIT_OK;

	if (argc != 3) {
		fputs(outbox_help, stderr);
		return EXIT_USAGE;
	}
	err_clear(&e);
	if (cli->cfg.trusted_devices != NULL &&
	    (k = devkeys_load(cli->cfg.trusted_devices, &e)) == NULL) {
		outbox_fail(&e);
		fprintf(stderr, "rianru: nothing was marked from it\n");
		return EXIT_FAIL;
	}
	if ((st = outbox_open(cli, 0)) == NULL) {
		devkeys_free(k);
		return EXIT_FAIL;
	}
	t.enrolled = k;
	t.devices_path = cli->cfg.trusted_devices;
	t.accept_unsigned = cli->cfg.accept_unsigned_exports;
	if (carry_apply_receipt(st, argv[2], &t, time(NULL), &a, &e) == -1) {
		fprintf(stderr, "rianru: %s\n", e.msg);
		if (a.untrusted && a.who.is_signed && !a.who.enrolled)
			fprintf(stderr, "rianru: if the machine that pushed it "
			    "is the agency's, enrol it (run 'rianru device-key' "
			    "there and add what it prints to the trusted "
			    "devices file) and apply it again (docs/sync.md)\n");
		else if (a.untrusted && !a.who.is_signed)
			fprintf(stderr, "rianru: push the export again with "
			    "this version of rianru (docs/sync.md)\n");
		fprintf(stderr, "rianru: nothing was marked from it\n");
		rc = a.untrusted ? EXIT_UNTRUSTED : EXIT_FAIL;
	} else {
		if (a.who.enrolled)
			printf("signed by enrolled device %s (%s)\n",
			    a.who.keyid, esc_str(name, sizeof name,
			    a.who.name));
		else
			fprintf(stderr, "rianru: warning: %s; applied anyway "
			    "(accept-unsigned-exports: true): nothing shows "
			    "that it was pushed\n", a.why);
		printf("marked %zu delivered", a.delivered);
		if (a.conflict > 0)
			printf(", %zu conflict", a.conflict);
		if (a.quarantined > 0)
			printf(", %zu quarantined", a.quarantined);
		printf("\n");
		if (a.skipped > 0)
			printf("%zu were not pending here (already settled)\n",
			    a.skipped);
		if (a.foreign > 0)
			printf("%zu were not in the export it answers: "
			    "ignored\n", a.foreign);
	}
	store_close(st);
	devkeys_free(k);
	return rc;
}

int
cmd_device_key(struct cli *cli, int argc, char **argv)
{
	struct sign_secret	 key;
	struct sign_pub		 pub;
	struct buf		 b;
	struct err		 e;
	char			 host[256];

	if (cli_help_requested(argc, argv, device_key_help))
		return EXIT_OK;
	if (argc != 1) {
		fputs(device_key_help, stderr);
		return EXIT_USAGE;
	}
	err_clear(&e);
	if (devkey_load(cli->cfg.device_key, 1, &pub, &key, &e) == -1)
		return outbox_fail(&e);
	crypto_wipe(&key, sizeof key);
	if (gethostname(host, sizeof host) == -1)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	buf_init(&b);
	devkey_format(&pub, host, &b);
	fwrite(b.data, 1, b.len, stdout);
	buf_release(&b);
	return EXIT_OK;
}

int
cmd_outbox(struct cli *cli, int argc, char **argv)
{
	if (cli_help_requested(argc, argv, outbox_help))
		return EXIT_OK;
	if (argc < 2) {
		fputs(outbox_help, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "list") == 0)
		return outbox_list(cli, argc, argv);
	if (strcmp(argv[1], "requeue") == 0)
		return outbox_requeue(cli, argc, argv);
	if (strcmp(argv[1], "export") == 0)
		return outbox_export(cli, argc, argv);
	if (strcmp(argv[1], "push") == 0)
		return outbox_push(cli, argc, argv);
	if (strcmp(argv[1], "receipt") == 0)
		return outbox_receipt(cli, argc, argv);
	fprintf(stderr, "rianru: unknown outbox command '%s'\n%s", argv[1],
	    outbox_help);
	return EXIT_USAGE;
}
