#include "sync/carry.h"

/*
 * Export, push and receipt files (carry.h). Reading is two-phase: the
 * whole file is checked against its manifest first, and only a file that
 * passes is acted on, so a damaged stick never half-applies.
 */

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/esc.h"
#include "base/file.h"
#include "base/json.h"
#include "base/outfile.h"
#include "store/store.h"
#include "store/store_carry.h"
#include "store/store_outbox.h"
#include "sync/devkey.h"
#include "sync/sync.h"
#include "base/xalloc.h"
#include "sync/xapi.h"

#define CARRY_EXPORT	"outbox-export"
#define CARRY_RECEIPT	"outbox-receipt"
#define CARRY_LINE_MAX	(4u << 20)	/* a statement is far smaller */
#define CARRY_SIG_MAX	4096		/* a minisign signature: ~300 bytes */
#define CARRY_SIG_SUFFIX ".minisig"	/* minisign's name for it */

struct carry_entry {
	off_t			 off;		/* of the line in the file */
	size_t			 len;		/* without the '\n' */
	char			 sha[65];	/* of the line as verified */
	char			 id[STORE_UUID_LEN + 1];
	enum store_ob_state	 state;
	char			*reason;
	int			 attempts;
	time_t			 next_try;
};

struct carry {
	int			 fd;
	char			*path;
	char			 sha256[65];
	unsigned char		 whole[SIGN_HASH_LEN];	/* what is signed */
	struct carry_entry	*e;
	size_t			 n, cap;
	struct carry_entry	**by_id;	/* sorted by id */
	char			*line;		/* read buffer for pending() */
	size_t			 linecap;
};

/*
 * A writer of one line-file with its manifest (export or receipt),
 * through outfile: a new temporary file renamed over the target, never
 * through a link, never over the progress file.
 */
struct carry_out {
	struct outfile		 out;
	struct sha256		 h;		/* the lines: the manifest's */
	struct sign_hash	 whole;		/* every byte: the signature's */
	size_t			 count;
};

static int
carry_out_open(struct carry_out *o, const char *path, const char *protect,
    struct err *e)
{
	memset(o, 0, sizeof *o);
	if (outfile_open(&o->out, path, protect, 0600, e) == -1)
		return -1;
	sha256_init(&o->h);
	sign_hash_init(&o->whole);
	return 0;
}

static void
carry_out_line(struct carry_out *o, const char *p, size_t len)
{
	sha256_update(&o->h, p, len);
	sha256_update(&o->h, "\n", 1);
	sign_hash_update(&o->whole, p, len);
	sign_hash_update(&o->whole, "\n", 1);
	fwrite(p, 1, len, o->out.f);
	fputc('\n', o->out.f);
	o->count++;
}

/*
 * Write the manifest, sync, rename over the target; frees o either way.
 * 'whole' (may be NULL) gets the hash a signature of the file signs.
 */
static int
carry_out_close(struct carry_out *o, const char *kind,
    const char *export_sha, char sha[65], unsigned char *whole,
    struct err *e)
{
	struct buf	 m;
	char		 hex[65];

	sha256_hex(&o->h, hex);
	buf_init(&m);
	buf_addf(&m, "{\"rianru\":\"%s\",\"version\":1,\"count\":%zu,"
	    "\"sha256\":\"%s\"", kind, o->count, hex);
	if (export_sha != NULL)
		buf_addf(&m, ",\"export\":\"%s\"", export_sha);
	buf_adds(&m, "}\n");
	fwrite(m.data, 1, m.len, o->out.f);
	sign_hash_update(&o->whole, m.data, m.len);
	buf_release(&m);
	if (whole != NULL)
		sign_hash_final(&o->whole, whole);
	if (outfile_commit(&o->out, e) == -1)
		return -1;
	if (sha != NULL)
		memcpy(sha, hex, 65);
	return 0;
}

/* The trusted comment of an export's signature: what minisign -V shows. */
static void
carry_sig_comment(char *out, size_t len, size_t count, const char *sha)
{
	snprintf(out, len, "rianru outbox-export count %zu sha256 %s", count,
	    sha);
}

/* The trusted comment of a receipt's signature. */
static void
carry_receipt_comment(char *out, size_t len, size_t count, const char *sha,
    const char *export_sha)
{
	snprintf(out, len, "rianru outbox-receipt count %zu sha256 %s export "
	    "%s", count, sha, export_sha);
}

/*
 * Sign the file 'path' just written (its bytes hash to 'whole') with
 * 'key' and trusted comment 'comment' into 'path'.minisig. 0 or -1.
 */
static int
carry_sign(const char *path, const unsigned char *whole,
    const struct sign_secret *key, const char *comment, const char *protect,
    struct err *e)
{
	struct buf	 sig;
	char		*sigpath;
	int		 rc;

	buf_init(&sig);
	xasprintf(&sigpath, "%s%s", path, CARRY_SIG_SUFFIX);
	rc = sign_prehashed(key, whole, comment, &sig, e) == -1 ||
	    outfile_write(sigpath, sig.data, sig.len, protect, 0600,
	    e) == -1 ? -1 : 0;
	free(sigpath);
	buf_release(&sig);
	return rc;
}

static void
carry_out_abort(struct carry_out *o)
{
	outfile_abort(&o->out);
}

struct export_ctx {
	struct carry_out	*o;
	int			 bad;
	char			 id[STORE_UUID_LEN + 1];
	char			**ids;		/* exported, for the record */
	size_t			 nids, capids;
};

static int
carry_export_row(const struct store_outbox_row *r, void *arg)
{
	struct export_ctx	*x = arg;

	/* one statement a line: stored JSON is compact, but make sure */
	if (memchr(r->json, '\n', r->json_len) != NULL ||
	    memchr(r->json, '\r', r->json_len) != NULL) {
		snprintf(x->id, sizeof x->id, "%s", r->stmt_id);
		x->bad = 1;
		return 1;
	}
	carry_out_line(x->o, r->json, r->json_len);
	if (x->nids == x->capids) {
		x->capids = x->capids ? x->capids * 2 : 256;
		x->ids = xreallocarray(x->ids, x->capids, sizeof *x->ids);
	}
	x->ids[x->nids++] = xstrdup(r->stmt_id);
	return 0;
}

static void
carry_export_ctx_free(struct export_ctx *x)
{
	size_t	i;

	for (i = 0; i < x->nids; i++)
		free(x->ids[i]);
	free(x->ids);
}

int
carry_export(struct store *st, const char *path,
    const struct sign_secret *key, size_t *count, char sha256[65],
    struct err *e)
{
	struct carry_out	o;
	struct export_ctx	x;
	unsigned char		whole[SIGN_HASH_LEN];
	char			comment[160];
	int			rc;

	if (carry_out_open(&o, path, store_path(st), e) == -1)
		return -1;
	memset(&x, 0, sizeof x);
	x.o = &o;
	if (store_outbox_list(st, STORE_OB_PENDING, carry_export_row, &x,
	    e) == -1) {
		carry_out_abort(&o);
		carry_export_ctx_free(&x);
		return -1;
	}
	if (x.bad) {
		carry_out_abort(&o);
		carry_export_ctx_free(&x);
		return err_set(e, "statement '%s' spans lines; cannot export "
		    "it", x.id);
	}
	*count = o.count;
	if (carry_out_close(&o, CARRY_EXPORT, NULL, sha256, whole, e) == -1) {
		carry_export_ctx_free(&x);
		return -1;
	}
	/* signed after it is whole: a stale signature beside it fails */
	carry_sig_comment(comment, sizeof comment, *count, sha256);
	rc = carry_sign(path, whole, key, comment, store_path(st), e);
	/* remembered, so only a receipt of this export marks these */
	if (rc == 0 && store_export_record(st, sha256,
	    (const char *const *)x.ids, x.nids, e) == -1)
		rc = -1;
	carry_export_ctx_free(&x);
	return rc;
}

/*
 * Check the manifest 'line' (the last of 'path') of a file of 'kind':
 * its count against 'count' lines read and its hash against 'hex'. Sets
 * 'export_sha' (may be NULL) to a receipt's "export". Returns 0, or -1
 * and *e.
 */
static int
carry_manifest(const char *path, const char *kind, const char *line,
    size_t len, size_t count, const char *hex, char *export_sha,
    struct err *e)
{
	struct json	*m;
	const char	*k, *sha, *xsha;
	int64_t		 n = 0, version;
	int		 rc = -1;

	m = json_parse(line, len, 0);
	if (!json_is_obj(m) || (k = json_get_str(m, "rianru")) == NULL) {
		err_set(e, "'%s' is truncated or damaged: it does not end "
		    "with its manifest (copy the file again)", path);
		goto out;
	}
	if (strcmp(k, kind) != 0) {
		err_set(e, "'%s' is an %s file, not an %s file", path, k,
		    kind);
		goto out;
	}
	json_get_int(m, "version", &version);
	sha = json_get_str(m, "sha256");
	if (version != 1 || sha == NULL ||
	    json_get_int(m, "count", &n) == -1) {
		err_set(e, "'%s' has a manifest this rianru cannot read",
		    path);
		goto out;
	}
	if ((size_t)n != count || n < 0) {
		err_set(e, "'%s' is damaged: the manifest says %lld lines, "
		    "the file holds %zu (copy the file again)", path,
		    (long long)n, count);
		goto out;
	}
	if (strcmp(hex, sha) != 0) {
		err_set(e, "'%s' is damaged: its SHA-256 does not match the "
		    "manifest (copy the file again)", path);
		goto out;
	}
	if (export_sha != NULL) {
		xsha = json_get_str(m, "export");
		snprintf(export_sha, 65, "%s", xsha != NULL ? xsha : "");
	}
	rc = 0;
out:
	json_free(m);
	return rc;
}

/*
 * Read 'path' line by line, hashing all but the last line, which must be
 * the manifest of 'kind'. 'fn' sees each other line (not NUL-terminated
 * in general; 'line' has len bytes and a NUL) with its offset, and may
 * refuse it by returning -1 with *e set. Only when this returns 0 has the
 * file been verified. Sets 'sha_out' to the manifest's hash and
 * 'export_sha' (may be NULL) to a receipt's "export".
 */
static int
carry_scan(const char *path, const char *kind,
    int (*fn)(void *, const char *, size_t, off_t, size_t, struct err *),
    void *arg, char sha_out[65], char *export_sha,
    unsigned char whole[SIGN_HASH_LEN], struct err *e)
{
	FILE		*f;
	char		*cur = NULL, *prev = NULL, *tmp, hex[65];
	size_t		 curcap = 0, prevcap = 0, prevlen = 0, lineno = 0;
	size_t		 count = 0, tmpcap;
	ssize_t		 len;
	off_t		 off = 0, prevoff = 0;
	struct sha256	 h;
	struct sign_hash wh;
	struct err	 line_err;
	int		 rc = -1, have_prev = 0, line_failed = 0;

	err_clear(&line_err);
	if ((f = fopen(path, "rb")) == NULL)
		return err_set(e, "cannot open '%s': %s", path,
		    strerror(errno));
	sha256_init(&h);
	sign_hash_init(&wh);
	while ((len = getline(&cur, &curcap, f)) != -1) {
		lineno++;
		sign_hash_update(&wh, cur, (size_t)len);
		if (have_prev) {
			sha256_update(&h, prev, prevlen);
			sha256_update(&h, "\n", 1);
			/* a bad line is reported after the manifest checks */
			if (!line_failed && fn(arg, prev, prevlen, prevoff,
			    lineno - 1, &line_err) == -1)
				line_failed = 1;
			count++;
		}
		if ((size_t)len > CARRY_LINE_MAX) {
			err_set(e, "'%s' is damaged: line %zu is too long",
			    path, lineno);
			goto out;
		}
		if (cur[len - 1] != '\n') {
			err_set(e, "'%s' is truncated: its last line is cut "
			    "off (copy the file again)", path);
			goto out;
		}
		cur[len - 1] = '\0';
		tmp = prev, prev = cur, cur = tmp;
		tmpcap = prevcap, prevcap = curcap, curcap = tmpcap;
		prevlen = (size_t)len - 1;
		prevoff = off;
		off += len;
		have_prev = 1;
	}
	if (ferror(f)) {
		err_set(e, "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	if (!have_prev) {
		err_set(e, "'%s' is empty: not a rianru %s file", path,
		    strcmp(kind, CARRY_EXPORT) == 0 ? "export" : "receipt");
		goto out;
	}
	sha256_hex(&h, hex);
	if (carry_manifest(path, kind, prev, prevlen, count, hex, export_sha,
	    e) == -1)
		goto out;
	if (line_failed) {
		err_set(e, "%s", line_err.msg);
		goto out;
	}
	memcpy(sha_out, hex, 65);
	if (whole != NULL)
		sign_hash_final(&wh, whole);
	rc = 0;
out:
	free(cur);
	free(prev);
	fclose(f);
	return rc;
}

/* Export files ----------------------------------------------------------- */

/* What a line hashes to, to see it unchanged when it is read again. */
static void
carry_line_sha(const char *line, size_t len, char hex[65])
{
	struct sha256	h;

	sha256_init(&h);
	sha256_update(&h, line, len);
	sha256_hex(&h, hex);
}

static int
carry_index_line(void *arg, const char *line, size_t len, off_t off,
    size_t lineno, struct err *e)
{
	struct carry		*c = arg;
	struct carry_entry	*en;
	struct json		*j;
	const char		*id;

	j = json_parse(line, len, JSONP_NO_DUPLICATES);
	id = json_get_str(j, "id");
	if (!json_is_obj(j) || id == NULL || !xapi_is_uuid(id)) {
		json_free(j);
		return err_set(e, "line %zu is not an xAPI statement with an "
		    "id", lineno);
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->e = xreallocarray(c->e, c->cap, sizeof *c->e);
	}
	en = &c->e[c->n++];
	memset(en, 0, sizeof *en);
	en->off = off;
	en->len = len;
	carry_line_sha(line, len, en->sha);
	snprintf(en->id, sizeof en->id, "%s", id);
	en->state = STORE_OB_PENDING;
	json_free(j);
	return 0;
}

static int
carry_cmp_entry(const void *a, const void *b)
{
	return strcmp((*(struct carry_entry *const *)a)->id,
	    (*(struct carry_entry *const *)b)->id);
}

struct carry *
carry_open(const char *path, struct err *e)
{
	struct carry	*c;
	struct err	 le;
	size_t		 i;

	c = xcalloc(1, sizeof *c);
	c->fd = -1;
	c->path = xstrdup(path);
	err_clear(&le);
	if (carry_scan(path, CARRY_EXPORT, carry_index_line, c, c->sha256,
	    NULL, c->whole, &le) == -1) {
		if (strncmp(le.msg, "line ", 5) == 0)
			err_set(e, "'%s' is damaged: %s", path, le.msg);
		else
			err_set(e, "%s", le.msg);
		goto fail;
	}
	if ((c->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		err_set(e, "cannot open '%s': %s", path, strerror(errno));
		goto fail;
	}
	c->by_id = xcalloc(c->n ? c->n : 1, sizeof *c->by_id);
	for (i = 0; i < c->n; i++)
		c->by_id[i] = &c->e[i];
	qsort(c->by_id, c->n, sizeof *c->by_id, carry_cmp_entry);
	for (i = 1; i < c->n; i++)
		if (strcmp(c->by_id[i - 1]->id, c->by_id[i]->id) == 0) {
			err_set(e, "'%s' is damaged: statement '%s' is in it "
			    "twice", path, c->by_id[i]->id);
			goto fail;
		}
	return c;
fail:
	carry_free(c);
	return NULL;
}

void
carry_free(struct carry *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->e[i].reason);
	free(c->e);
	free(c->by_id);
	free(c->line);
	free(c->path);
	if (c->fd != -1)
		close(c->fd);
	free(c);
}

size_t
carry_count(const struct carry *c)
{
	return c->n;
}

const char *
carry_sha256(const struct carry *c)
{
	return c->sha256;
}

/*
 * Check the signature 'path'.minisig of the file 'path', whose bytes hash
 * to 'whole', against the enrolled keys 'enrolled' (NULL: none), and that
 * its trusted comment is 'want'. carry_verify()'s contract.
 */
static int
carry_verify_file(const char *path, const unsigned char *whole,
    const char *want, const struct devkeys *enrolled,
    struct carry_signer *who, struct err *e)
{
	const struct sign_pub	*pub;
	const char		*name = NULL;
	unsigned char		 id[SIGN_KEYID_LEN];
	char			*sigpath, *sig, trusted[SIGN_TRUSTED_MAX + 1];
	char			 safe[300];
	size_t			 siglen;
	struct err		 le;
	int			 rc = -1;

	memset(who, 0, sizeof *who);
	xasprintf(&sigpath, "%s%s", path, CARRY_SIG_SUFFIX);
	err_clear(&le);
	if ((sig = file_read(sigpath, CARRY_SIG_MAX, &siglen, &le)) == NULL) {
		if (access(sigpath, F_OK) == -1) {
			free(sigpath);
			return 1;	/* not signed: the caller decides */
		}
		err_set(e, "%s", le.msg);
		free(sigpath);
		return -1;
	}
	who->is_signed = 1;
	if (sign_sig_keyid(sig, siglen, id, &le) == -1) {
		err_set(e, "'%s' is not a minisign signature (copy the files "
		    "again)", sigpath);
		goto out;
	}
	sign_id_hex(id, who->keyid);
	if ((pub = devkeys_find(enrolled, id, &name)) == NULL) {
		rc = 1;		/* a key the agency has not enrolled */
		goto out;
	}
	who->enrolled = 1;
	snprintf(who->name, sizeof who->name, "%s", name);
	if (sign_verify_prehashed(pub, whole, sig, siglen, trusted,
	    sizeof trusted, &le) == -1) {
		err_set(e, "'%s' was changed after device %s (%s) signed it, "
		    "or its signature is damaged (%s): copy both files again; "
		    "if it still fails, do not use it", path, who->keyid,
		    esc_str(safe, sizeof safe, who->name), le.msg);
		goto out;
	}
	if (strcmp(trusted, want) != 0) {
		err_set(e, "'%s': the signed comment does not match the "
		    "manifest ('%s')", sigpath, esc_str(safe, sizeof safe,
		    trusted));
		goto out;
	}
	rc = 0;
out:
	free(sig);
	free(sigpath);
	return rc;
}

int
carry_verify(struct carry *c, const struct devkeys *enrolled,
    struct carry_signer *who, struct err *e)
{
	char	want[160];

	carry_sig_comment(want, sizeof want, c->n, c->sha256);
	return carry_verify_file(c->path, c->whole, want, enrolled, who, e);
}

static struct carry_entry *
carry_find(struct carry *c, const char *id)
{
	size_t	lo = 0, hi = c->n, mid;
	int	cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(id, c->by_id[mid]->id);
		if (cmp == 0)
			return c->by_id[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int
carry_src_counts(void *ctx, int64_t counts[STORE_OB_NSTATES], struct err *e)
{
	struct carry	*c = ctx;
	size_t		 i;

	(void)e;
	memset(counts, 0, STORE_OB_NSTATES * sizeof counts[0]);
	for (i = 0; i < c->n; i++)
		counts[c->e[i].state]++;
	return 0;
}

static int
carry_src_pending(void *ctx, int64_t after_key, int limit,
    int (*fn)(const struct store_outbox_row *, void *), void *arg,
    struct err *e)
{
	struct carry		*c = ctx;
	struct carry_entry	*en;
	struct store_outbox_row	 r;
	size_t			 i;
	int			 seen = 0;
	char			 hex[65];

	for (i = after_key > 0 ? (size_t)after_key : 0;
	    i < c->n && seen < limit; i++) {
		en = &c->e[i];
		if (en->state != STORE_OB_PENDING)
			continue;
		if (en->len + 1 > c->linecap) {
			c->linecap = en->len + 1;
			c->line = xreallocarray(c->line, c->linecap, 1);
		}
		if (pread(c->fd, c->line, en->len, en->off) !=
		    (ssize_t)en->len)
			return err_set(e, "cannot read the export again: %s",
			    strerror(errno));
		c->line[en->len] = '\0';
		/* only the bytes verified (and signed) leave */
		carry_line_sha(c->line, en->len, hex);
		if (strcmp(hex, en->sha) != 0)
			return err_set(e, "'%s' changed while it was being "
			    "pushed", c->path);
		memset(&r, 0, sizeof r);
		r.seq = (int64_t)i + 1;
		r.key = r.seq;	/* a carried file keeps its order */
		r.stmt_id = en->id;
		r.json = c->line;
		r.json_len = en->len;
		r.state = en->state;
		r.attempts = en->attempts;
		r.last_error = en->reason != NULL ? en->reason : "";
		r.next_try = en->next_try;
		seen++;
		if (fn(&r, arg) != 0)
			break;
	}
	return seen;
}

static int
carry_src_delivered(void *ctx, const char *const *ids, size_t n, time_t now,
    struct err *e)
{
	struct carry_entry	*en;
	size_t			 i;

	(void)now;
	(void)e;
	for (i = 0; i < n; i++)
		if ((en = carry_find(ctx, ids[i])) != NULL)
			en->state = STORE_OB_DELIVERED;
	return 0;
}

static int
carry_src_set_state(void *ctx, const char *id, enum store_ob_state s,
    const char *reason, time_t now, struct err *e)
{
	struct carry_entry	*en;

	(void)now;
	if ((en = carry_find(ctx, id)) == NULL)
		return err_set(e, "no statement '%s' in the export", id);
	en->state = s;
	free(en->reason);
	en->reason = xstrdup(reason != NULL ? reason : "");
	return 0;
}

static int
carry_src_retry(void *ctx, const char *const *ids, size_t n,
    time_t next_try, const char *error, struct err *e)
{
	struct carry_entry	*en;
	size_t			 i;

	(void)e;
	for (i = 0; i < n; i++)
		if ((en = carry_find(ctx, ids[i])) != NULL) {
			en->attempts++;
			en->next_try = next_try;
			free(en->reason);
			en->reason = xstrdup(error != NULL ? error : "");
		}
	return 0;
}

void
carry_source(struct carry *c, struct sync_source *src)
{
	memset(src, 0, sizeof *src);	/* no claims: one sender per file */
	src->counts = carry_src_counts;
	src->pending = carry_src_pending;
	src->delivered = carry_src_delivered;
	src->set_state = carry_src_set_state;
	src->retry = carry_src_retry;
	src->ctx = c;
}

/* Receipts --------------------------------------------------------------- */

int
carry_write_receipt(struct carry *c, const char *path, const char *protect,
    const struct sign_secret *key, size_t *count, struct err *e)
{
	struct carry_out	 o;
	struct json		*j;
	unsigned char		 whole[SIGN_HASH_LEN];
	char			*line, sha[65], comment[256];
	size_t			 i;

	if (carry_out_open(&o, path, protect, e) == -1)
		return -1;
	for (i = 0; i < c->n; i++) {
		if (c->e[i].state == STORE_OB_PENDING)
			continue;
		j = json_new_obj();
		json_set(j, "id", json_new_str(c->e[i].id));
		json_set(j, "state", json_new_str(store_ob_state_name(
		    c->e[i].state)));
		if (c->e[i].state != STORE_OB_DELIVERED)
			json_set(j, "reason", json_new_str(
			    c->e[i].reason != NULL ? c->e[i].reason : ""));
		line = json_dump(j, 0, 0);
		json_free(j);
		carry_out_line(&o, line, strlen(line));
		free(line);
	}
	if (count != NULL)
		*count = o.count;
	i = o.count;
	if (carry_out_close(&o, CARRY_RECEIPT, c->sha256, sha, whole,
	    e) == -1)
		return -1;
	/* only a machine the agency enrolled can say what it delivered */
	carry_receipt_comment(comment, sizeof comment, i, sha, c->sha256);
	return carry_sign(path, whole, key, comment, protect, e);
}

struct receipt_line {
	char			 id[STORE_UUID_LEN + 1];
	enum store_ob_state	 state;
	char			*reason;
};

struct receipt {
	struct receipt_line	*l;
	size_t			 n, cap;
	char			**pending;	/* pending ids here, sorted */
	size_t			 npending, cappending;
};

static int
carry_receipt_line(void *arg, const char *line, size_t len, off_t off,
    size_t lineno, struct err *e)
{
	struct receipt		*r = arg;
	struct receipt_line	*rl;
	struct json		*j;
	const char		*id, *state, *reason;

	(void)off;
	j = json_parse(line, len, 0);
	id = json_get_str(j, "id");
	state = json_get_str(j, "state");
	reason = json_get_str(j, "reason");
	if (id == NULL || !xapi_is_uuid(id) || state == NULL ||
	    (strcmp(state, "delivered") != 0 &&
	    strcmp(state, "conflict") != 0 &&
	    strcmp(state, "quarantined") != 0)) {
		json_free(j);
		return err_set(e, "line %zu is not a receipt line", lineno);
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->l = xreallocarray(r->l, r->cap, sizeof *r->l);
	}
	rl = &r->l[r->n++];
	snprintf(rl->id, sizeof rl->id, "%s", id);
	rl->state = strcmp(state, "delivered") == 0 ? STORE_OB_DELIVERED :
	    strcmp(state, "conflict") == 0 ? STORE_OB_CONFLICT :
	    STORE_OB_QUARANTINED;
	rl->reason = NULL;
	if (rl->state != STORE_OB_DELIVERED)
		xasprintf(&rl->reason, "pushed from another machine: %s",
		    reason != NULL ? reason : "");
	json_free(j);
	return 0;
}

static int
carry_pending_id(const struct store_outbox_row *row, void *arg)
{
	struct receipt	*r = arg;

	if (r->npending == r->cappending) {
		r->cappending = r->cappending ? r->cappending * 2 : 256;
		r->pending = xreallocarray(r->pending, r->cappending,
		    sizeof *r->pending);
	}
	r->pending[r->npending++] = xstrdup(row->stmt_id);
	return 0;
}

static int
carry_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
carry_untrusted_why(const struct carry_signer *who, const char *path,
    const char *trusted_devices, char *out, size_t len)
{
	if (!who->is_signed)
		snprintf(out, len, "'%s' is not signed (no '%s.minisig' beside "
		    "it: made by a rianru without device keys, or its "
		    "signature was left behind or removed)", path, path);
	else if (trusted_devices == NULL)
		snprintf(out, len, "'%s' is signed by device %s, and no "
		    "trusted devices file is configured (trusted-devices: in "
		    "config.yaml)", path, who->keyid);
	else
		snprintf(out, len, "'%s' is signed by device %s, which is not "
		    "enrolled in '%s'", path, who->keyid, trusted_devices);
}

int
carry_apply_receipt(struct store *st, const char *path,
    const struct carry_trust *trust, time_t now, struct carry_applied *out,
    struct err *e)
{
	struct receipt	  r;
	struct err	  le;
	const char	**ids = NULL;
	const char	 *key;
	unsigned char	  whole[SIGN_HASH_LEN];
	char		  sha[65], xsha[65], **mine = NULL, want[256];
	size_t		  i, nids = 0, nmine = 0;
	int		  rc = -1, known, v;

	memset(&r, 0, sizeof r);
	memset(out, 0, sizeof *out);
	err_clear(&le);
	if (carry_scan(path, CARRY_RECEIPT, carry_receipt_line, &r, sha,
	    xsha, whole, &le) == -1) {
		if (strncmp(le.msg, "line ", 5) == 0)
			err_set(e, "'%s' is damaged: %s", path, le.msg);
		else
			err_set(e, "%s", le.msg);
		goto out;
	}
	/* the answer to an export this file made, or nothing at all */
	if ((known = store_export_ids(st, xsha, &mine, &nmine, e)) == -1)
		goto out;
	if (known == 1) {
		err_set(e, "'%s' does not answer an export this progress file "
		    "made (a receipt from another machine, or made by hand); "
		    "export again with 'rianru outbox export'", path);
		goto out;
	}
	/*
	 * Whoever holds the stick has the export and could write its
	 * receipt: only the signature of a machine the agency enrolled
	 * (the one that pushed) shows that it was delivered.
	 */
	carry_receipt_comment(want, sizeof want, r.n, sha, xsha);
	if ((v = carry_verify_file(path, whole, want, trust->enrolled,
	    &out->who, e)) == -1) {
		out->untrusted = 1;
		goto out;
	}
	if (v == 1) {
		carry_untrusted_why(&out->who, path, trust->devices_path,
		    out->why, sizeof out->why);
		if (!trust->accept_unsigned) {
			out->untrusted = 1;
			err_set(e, "%s: refused", out->why);
			goto out;
		}
	}
	/* Only rows still pending here change: the rest settled already. */
	if (store_outbox_list(st, STORE_OB_PENDING, carry_pending_id, &r,
	    e) == -1)
		goto out;
	if (r.npending > 0)	/* qsort(NULL, 0, ...) is undefined */
		qsort(r.pending, r.npending, sizeof *r.pending, carry_cmp_str);
	ids = xcalloc(r.n ? r.n : 1, sizeof *ids);
	for (i = 0; i < r.n; i++) {
		key = r.l[i].id;
		if (nmine == 0 || bsearch(&key, mine, nmine, sizeof *mine,
		    carry_cmp_str) == NULL) {
			out->foreign++;
			continue;
		}
		if (r.npending == 0 || bsearch(&key, r.pending, r.npending,
		    sizeof *r.pending, carry_cmp_str) == NULL) {
			out->skipped++;
			continue;
		}
		if (r.l[i].state == STORE_OB_DELIVERED) {
			ids[nids++] = r.l[i].id;
			continue;
		}
		if (store_outbox_set_state(st, r.l[i].id, r.l[i].state,
		    r.l[i].reason, now, e) == -1)
			goto out;
		if (r.l[i].state == STORE_OB_CONFLICT)
			out->conflict++;
		else
			out->quarantined++;
	}
	if (store_outbox_delivered(st, ids, nids, now, e) == -1)
		goto out;
	out->delivered = nids;
	rc = 0;
out:
	free(ids);
	store_export_ids_free(mine, nmine);
	for (i = 0; i < r.n; i++)
		free(r.l[i].reason);
	free(r.l);
	for (i = 0; i < r.npending; i++)
		free(r.pending[i]);
	free(r.pending);
	return rc;
}
