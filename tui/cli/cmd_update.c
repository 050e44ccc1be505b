/*
 * rianru update: fetch the agency's signed catalogue of content packs and
 * install it (sync/update.h, docs/content-packs.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/keyfile.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/compile.h"
#include "store/store.h"
#include "store/store_event.h"
#include "sync/update.h"

static const char update_help[] =
"usage: rianru update [--from DIR] [--key PUBKEY]\n"
"       rianru update --status\n"
"\n"
"Fetch the agency's signed catalogue of content packs from content-source\n"
"(an https:// address, a folder, or a list: the first folder holding an\n"
"index, else the address; --from DIR for a USB stick), verify its\n"
"signature with content-key (--key), fetch only the packs that changed,\n"
"check each one's SHA-256, and install it all at once into the catalogue\n"
"folder beside the progress file, which the app then opens. An older\n"
"catalogue than the installed one (a replay or a downgrade), a bad\n"
"signature or a wrong pack changes nothing. A cut download resumes on\n"
"the next run. A pack an open quiz attempt was started on is kept (in\n"
"kept/) until no open attempt needs it.\n"
"\n"
"  --status   installed catalogue, sequence, date, source, last check and\n"
"             last error\n"
"\n"
"Exit status: 0 installed, 3 already up to date, 4 source unreachable,\n"
"5 refused or failed (see the message), 2 bad command line.\n";

int
cli_cache_key(const struct config *cfg)
{
	unsigned char	key[CRYPTO_KEY_LEN];
	struct err	e;

	if (keyfile_load(cfg->cache_key, 1, key, &e) != 0)
		return -1;
	compile_set_key(key);
	crypto_wipe(key, sizeof key);
	return 0;
}

char *
cli_catalogue_dir(const struct config *cfg)
{
	const char	*slash = strrchr(cfg->db_path, '/');
	char		*p;

	if (slash == NULL)
		return xstrdup("catalogue");
	xasprintf(&p, "%.*s/catalogue", (int)(slash - cfg->db_path),
	    cfg->db_path);
	return p;
}

static int
update_status_print(const char *dest)
{
	struct buf	b;
	struct err	e;
	int		rc = EXIT_OK;

	buf_init(&b);
	err_clear(&e);
	if (update_status(dest, &b, &e) == -1) {
		fprintf(stderr, "rianru update: %s\n", e.msg);
		rc = EXIT_FAIL;
	} else
		fputs(b.data, stdout);
	buf_release(&b);
	return rc;
}

/*
 * The course versions open attempts in the progress file at 'db' pin
 * (none when there is no file yet): their packs are kept.
 */
static int
update_pins(const char *db, struct store_pin **pins, size_t *n,
    struct err *e)
{
	struct store	*st;
	int		 rc;

	*pins = NULL;
	*n = 0;
	if (access(db, F_OK) != 0)
		return 0;
	if ((st = store_open_readonly(db, e)) == NULL)
		return -1;
	rc = store_attempt_pins(st, pins, n, e);
	store_close(st);
	return rc;
}

int
cmd_update(struct cli *cli, int argc, char **argv)
{
	struct update_opts	 o;
	struct update_stats	 st;
	struct store_pin	*pins;
	struct err		 e;
	char			*dest;
	int			 i, status = 0, rc;

	if (cli_help_requested(argc, argv, update_help))
		return EXIT_OK;
	memset(&o, 0, sizeof o);
	o.source = update_source_pick((const char *const *)
	    cli->cfg.content_sources, cli->cfg.ncontent_sources);
	o.pubkey = cli->cfg.content_key;
	o.ca_file = cli->cfg.lrs.ca_file;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--status") == 0)
			status = 1;
		else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			o.source = argv[++i];
		else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			o.pubkey = argv[++i];
		else {
			fprintf(stderr, "rianru update: unexpected '%s'\n%s",
			    argv[i], update_help);
			return EXIT_USAGE;
		}
	}
	dest = cli_catalogue_dir(&cli->cfg);
	if (status) {
		rc = update_status_print(dest);
		free(dest);
		return rc;
	}
	if (o.source == NULL || o.pubkey == NULL) {
		fprintf(stderr, "rianru update: no %s: set '%s' in the "
		    "configuration or give %s\n", o.source == NULL ?
		    "source" : "public key", o.source == NULL ?
		    "content-source" : "content-key", o.source == NULL ?
		    "--from DIR" : "--key PUBKEY");
		free(dest);
		return EXIT_USAGE;
	}
	o.dest = dest;
	err_clear(&e);
	if (update_pins(cli->cfg.db_path, &pins, &o.npins, &e) == -1) {
		fprintf(stderr, "rianru update: %s\n", e.msg);
		free(dest);
		return EXIT_FAIL;
	}
	o.pins = pins;
	/* keys the catalogue database it builds; none: the packs are read */
	(void)cli_cache_key(&cli->cfg);
	rc = update_run(&o, &st, &e);
	free(pins);
	free(dest);
	if (rc == -1) {
		fprintf(stderr, "rianru update: %s\n", e.msg);
		if (st.bytes > 0)
			printf("received %llu bytes; the installed catalogue "
			    "is unchanged\n", st.bytes);
		return st.reached || st.busy ? EXIT_SYNC_FAILED :
		    EXIT_OFFLINE;
	}
	if (st.current) {
		printf("up to date: sequence %llu (%llu bytes received)\n",
		    (unsigned long long)st.to_seq, st.bytes);
		return EXIT_NOTHING;
	}
	printf("installed sequence %llu (was %llu): %u %s fetched, %u "
	    "unchanged, %u removed, %llu bytes received\n",
	    (unsigned long long)st.to_seq, (unsigned long long)st.from_seq,
	    st.fetched, st.fetched == 1 ? "pack" : "packs", st.kept,
	    st.removed, st.bytes);
	return EXIT_OK;
}
