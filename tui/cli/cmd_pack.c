/*
 * `rianru keygen` and `rianru pack`: a trainer's signing key, and a
 * catalogue published as signed content packs (docs/content-packs.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/file.h"
#include "base/sign.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/publish.h"
#include "text/text.h"

static const char keygen_help[] =
"usage: rianru keygen [--out NAME]\n"
"\n"
"Make a key pair for signing content packs: NAME.key, the secret key\n"
"(mode 0600: keep it on the trainer's machine, never publish it), and\n"
"NAME.pub, the public key in minisign's format, which officers' machines\n"
"trust (content-key: in the configuration) and which 'minisign -V -p\n"
"NAME.pub -m index' accepts. NAME defaults to 'rianru'. Existing files\n"
"are never overwritten.\n";

static const char pack_help[] =
"usage: rianru pack CONTENT_DIR --key SECRET_KEY --out DIR\n"
"                   [--catalogue ID] [--sequence N]\n"
"\n"
"Check the courses of CONTENT_DIR like 'rianru check' (any error: nothing\n"
"is written) and publish them into DIR: one content pack per course\n"
"(ID.HASH.pack) and the catalogue's index, signed with SECRET_KEY\n"
"(index and index.minisig). Copy DIR to any web server or a USB stick.\n"
"A course that did not change keeps its pack, so machines download only\n"
"what changed. The sequence number grows by one on every run (or is N,\n"
"which must be larger than the last one); the catalogue id defaults to\n"
"the last one, else 'rianru'.\n"
"\n"
"Exit status: 0 published, 1 content errors or a failure, 2 usage.\n";

static int
pack_fail(const struct err *e)
{
	char	msg[1024];

	fprintf(stderr, "rianru: %s\n", err_str(e, msg, sizeof msg));
	return EXIT_FAIL;
}

/* Create 'path' with 'data', refusing an existing file. */
static int
keygen_write(const char *path, const struct buf *b, mode_t mode)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    mode)) == -1) {
		fprintf(stderr, "rianru: cannot create '%s': %s\n", path,
		    errno == EEXIST ? "it exists (keys are never overwritten)" :
		    strerror(errno));
		return -1;
	}
	n = write(fd, b->data, b->len);
	if (n != (ssize_t)b->len || fsync(fd) == -1 || close(fd) == -1) {
		fprintf(stderr, "rianru: cannot write '%s': %s\n", path,
		    strerror(errno));
		unlink(path);
		return -1;
	}
	return 0;
}

int
cmd_keygen(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--out", NULL };
	const char		*vals[1] = { "rianru" };
	struct sign_pub		 pub;
	struct sign_secret	 sec;
	struct buf		 b;
	struct err		 e;
	char			*skpath, *pkpath;
	int			 rc = EXIT_FAIL;

	(void)cli;
	if (cli_help_requested(argc, argv, keygen_help))
		return EXIT_OK;
	if (cli_opts(argc, argv, 1, names, vals, keygen_help) == -1)
		return EXIT_USAGE;
	if (sign_keygen(&pub, &sec, &e) == -1)
		return pack_fail(&e);
	xasprintf(&skpath, "%s.key", vals[0]);
	xasprintf(&pkpath, "%s.pub", vals[0]);
	buf_init(&b);
	sign_secret_format(&sec, &b);
	memset(&sec, 0, sizeof sec);
	if (keygen_write(skpath, &b, 0600) == -1)
		goto out;
	buf_reset(&b);
	sign_pub_format(&pub, &b);
	if (keygen_write(pkpath, &b, 0644) == -1) {
		unlink(skpath);
		goto out;
	}
	printf("secret key: %s (keep it private)\npublic key: %s\n", skpath,
	    pkpath);
	rc = EXIT_OK;
out:
	memset(b.data, 0, b.len);
	buf_release(&b);
	free(skpath);
	free(pkpath);
	return rc;
}

/* Read the secret key at 'path', refusing one others can read. */
static int
pack_read_key(const char *path, struct sign_secret *sec, struct err *e)
{
	struct stat	 sb;
	struct err	 why;
	char		*text;
	size_t		 len;
	int		 rc;

	if ((text = file_read(path, 4096, &len, e)) == NULL)
		return -1;
	if (stat(path, &sb) == 0 && (sb.st_mode & 077) != 0) {
		memset(text, 0, len);
		free(text);
		return err_set(e, "secret key '%s' can be read by others: "
		    "chmod 600 it", path);
	}
	err_clear(&why);
	rc = sign_secret_parse(text, len, sec, &why);
	memset(text, 0, len);
	free(text);
	if (rc == -1)
		return err_set(e, "'%s': %s", path, why.msg);
	return 0;
}

int
cmd_pack(struct cli *cli, int argc, char **argv)
{
	static const char *const names[] = { "--key", "--out", "--catalogue",
	    "--sequence", NULL };
	const char		*vals[4] = { NULL, NULL, NULL, NULL };
	const char		*src;
	struct publish_opts	 o = { NULL, 0 };
	struct publish_stats	 st;
	struct sign_secret	 sec;
	struct catalog		*cat;
	struct text_wrapper	*w;
	struct diags		 d;
	struct err		 e;
	char			*end;
	int			 rc;

	(void)cli;
	if (cli_help_requested(argc, argv, pack_help))
		return EXIT_OK;
	if (argc < 2 || argv[1][0] == '-') {
		fputs(pack_help, stderr);
		return EXIT_USAGE;
	}
	src = argv[1];
	if (cli_opts(argc, argv, 2, names, vals, pack_help) == -1)
		return EXIT_USAGE;
	if (vals[0] == NULL || vals[1] == NULL) {
		fprintf(stderr, "rianru pack: --key and --out are required\n%s",
		    pack_help);
		return EXIT_USAGE;
	}
	o.catalogue = vals[2];
	if (vals[3] != NULL) {
		errno = 0;
		o.sequence = strtoull(vals[3], &end, 10);
		if (errno != 0 || *end != '\0' || o.sequence == 0 ||
		    vals[3][0] < '0' || vals[3][0] > '9') {
			fprintf(stderr, "rianru pack: bad sequence '%s'\n",
			    vals[3]);
			return EXIT_USAGE;
		}
	}
	if (pack_read_key(vals[0], &sec, &e) == -1)
		return pack_fail(&e);
	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, src, &d);
	if (d.nerrors > 0 || cat->n == 0) {
		diags_sort(&d, 0);
		diags_print(&d, 0, stderr);
		fprintf(stderr, "rianru: nothing packed: %zu %s in '%s'\n",
		    d.nerrors ? d.nerrors : (size_t)0, d.nerrors ?
		    (d.nerrors == 1 ? "error" : "errors") : "courses", src);
		rc = EXIT_FAIL;
		goto out;
	}
	w = text_wrapper_new();
	rc = publish_catalogue(cat, vals[1], &sec, &o, w, &st, &e);
	text_wrapper_free(w);
	if (rc == -1) {
		rc = pack_fail(&e);
		goto out;
	}
	printf("published %zu %s to %s: sequence %llu, %u %s written, %u "
	    "unchanged, %u removed\n", cat->n, cat->n == 1 ? "course" :
	    "courses", vals[1], (unsigned long long)st.sequence, st.written,
	    st.written == 1 ? "pack" : "packs", st.kept, st.removed);
	rc = EXIT_OK;
out:
	memset(&sec, 0, sizeof sec);
	catalog_free(cat);
	diags_release(&d);
	return rc;
}
