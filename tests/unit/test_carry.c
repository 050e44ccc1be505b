/*
 * Export and receipt files (lib/carry): written from a real store,
 * verified against their manifest, signed by the device key and checked
 * against enrolled keys (every changed byte refused), refused when
 * damaged, used as a syncq source, and applied back. tests/lrs/usb.sh
 * runs the same path through the CLI against the real LRS.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "sync/carry.h"
#include "sync/devkey.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/sign.h"
#include "base/err.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_event.h"
#include "store/store_outbox.h"
#include "sync/sync.h"

#include "helpers.h"

#define NOW	((time_t)1700000000)

static char		 dir[64];
static struct store	*st;
static char		 ids[4][STORE_UUID_LEN + 1];
static struct sign_secret key;		/* this machine's device key */
static struct sign_pub	 pub;

static void
setup(void)
{
	struct store_officer	o;
	struct store_page	p = { 0, "c1", "m1", "p1", NOW };
	struct store_stmt	s;
	struct err		e;
	char			path[128], json[256];
	int			i;

	unsigned char		seed[32];

	memset(seed, 7, sizeof seed);
	cr_assert_eq(sign_seed_keypair(seed, &pub, &key, &e), 0);
	tmp_dir_make(dir, sizeof dir, "carry");
	snprintf(path, sizeof path, "%s/p.db", dir);
	st = store_open_ok(path);
	officer_add_ok(st, &o, "OC-1", "Officer", "service", NULL, NOW);
	cr_assert_eq(store_enrol(st, o.id, "c1", NOW, &e), 0, "%s", e.msg);
	p.officer_id = o.id;
	for (i = 0; i < 4; i++) {
		store_uuid(ids[i]);
		snprintf(json, sizeof json, "{\"id\":\"%s\",\"n\":%d,"
		    "\"th\":\"ผ่าน\"}", ids[i], i);
		s.id = ids[i];
		s.json = json;
		cr_assert_eq(store_record_page(st, &p, &s, &e), 0, "%s",
		    e.msg);
	}
}

static void
teardown(void)
{
	store_close(st);
	tmp_dir_remove(dir);
}

TestSuite(carry, .init = setup, .fini = teardown);

static struct devkeys	*enrolled(void);
static char		*slurp(const char *, size_t *);

static const char *
tpath(const char *name)
{
	static char	buf[4][160];
	static int	k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void
export_ok(const char *path, char sha[65])
{
	struct err	e;
	size_t		n = 0;

	cr_assert_eq(carry_export(st, path, &key, &n, sha, &e), 0, "%s",
	    e.msg);
	cr_assert_eq(n, 4);
}

/* Rewrite 'path' into 'out' through a shell filter (sed, head ...). */
static void
filter(const char *cmd, const char *path, const char *out)
{
	char	sh[512];

	snprintf(sh, sizeof sh, "%s '%s' > '%s'", cmd, path, out);
	cr_assert_eq(system(sh), 0, "%s", sh);
}

static void
refused(const char *path, const char *why)
{
	struct carry	*c;
	struct err	 e;

	err_clear(&e);
	c = carry_open(path, &e);
	cr_assert_null(c, "'%s' was accepted", path);
	cr_assert(strstr(e.msg, why) != NULL, "'%s': got \"%s\"", path,
	    e.msg);
}

Test(carry, an_export_verifies_and_keeps_the_bytes)
{
	struct carry	*c;
	struct err	 e;
	char		 sha[65];

	export_ok(tpath("x.jsonl"), sha);
	c = carry_open(tpath("x.jsonl"), &e);
	cr_assert_not_null(c, "%s", e.msg);
	cr_assert_eq(carry_count(c), 4);
	cr_assert_str_eq(carry_sha256(c), sha);
	carry_free(c);
}

Test(carry, damaged_files_are_refused_with_the_reason)
{
	char	sha[65];

	export_ok(tpath("x.jsonl"), sha);
	filter("sed '2s/\"n\":1/\"n\":7/'", tpath("x.jsonl"), tpath("a"));
	refused(tpath("a"), "its SHA-256 does not match the manifest");
	filter("head -c 100", tpath("x.jsonl"), tpath("b"));
	refused(tpath("b"), "is truncated");
	filter("head -n 4", tpath("x.jsonl"), tpath("c"));
	refused(tpath("c"), "does not end with its manifest");
	filter("sed 2d", tpath("x.jsonl"), tpath("d"));
	refused(tpath("d"), "the manifest says 4 lines, the file holds 3");
	filter("sed 's/outbox-export/outbox-receipt/'", tpath("x.jsonl"),
	    tpath("e"));
	refused(tpath("e"), "is an outbox-receipt file, not an outbox-export");
	refused(tpath("none"), "cannot open");
}

/* Rows the source hands out, as "id;json" lines. */
static int
collect(const struct store_outbox_row *r, void *arg)
{
	strcat(arg, r->stmt_id);
	strcat(arg, ";");
	strncat(arg, r->json, r->json_len);
	strcat(arg, "\n");
	return 0;
}

Test(carry, a_source_hands_out_the_stored_bytes_and_a_receipt_goes_back)
{
	struct sync_source	 src;
	struct carry_applied	 a;
	struct carry		*c;
	struct err		 e;
	int64_t			 counts[STORE_OB_NSTATES];
	char			 got[4096], want[4096], sha[65], line[1024];
	const char		*two[2];
	struct carry_trust	 t = { NULL, "trusted", 0 };
	struct devkeys		*k;
	int			 i;

	export_ok(tpath("x.jsonl"), sha);
	c = carry_open(tpath("x.jsonl"), &e);
	cr_assert_not_null(c, "%s", e.msg);
	carry_source(c, &src);
	got[0] = want[0] = '\0';
	cr_assert_eq(src.pending(src.ctx, 0, 10, collect, got, &e), 4);
	for (i = 0; i < 4; i++) {
		snprintf(line, sizeof line, "%s;{\"id\":\"%s\",\"n\":%d,"
		    "\"th\":\"ผ่าน\"}\n", ids[i], ids[i], i);
		strcat(want, line);
	}
	cr_assert_str_eq(got, want);
	/* two delivered, one conflict, one left pending */
	two[0] = ids[0];
	two[1] = ids[2];
	cr_assert_eq(src.delivered(src.ctx, two, 2, NOW, &e), 0);
	cr_assert_eq(src.set_state(src.ctx, ids[1], STORE_OB_CONFLICT,
	    "other body", NOW, &e), 0);
	cr_assert_eq(src.counts(src.ctx, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 1);
	got[0] = '\0';
	cr_assert_eq(src.pending(src.ctx, 0, 10, collect, got, &e), 1);
	cr_assert(strstr(got, ids[3]) == got);
	cr_assert_eq(carry_write_receipt(c, tpath("x.receipt"), tpath("p.db"),
	    &key, NULL, &e), 0, "%s", e.msg);
	carry_free(c);
	t.enrolled = k = enrolled();

	cr_assert_eq(carry_apply_receipt(st, tpath("x.receipt"), &t, NOW, &a,
	    &e), 0, "%s", e.msg);
	cr_assert(a.who.enrolled, "signed by the pushing machine");
	cr_assert_eq(a.delivered, 2);
	cr_assert_eq(a.conflict, 1);
	cr_assert_eq(a.skipped, 0);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 1);
	cr_assert_eq(counts[STORE_OB_DELIVERED], 2);
	cr_assert_eq(counts[STORE_OB_CONFLICT], 1);
	/* again: nothing left to change */
	cr_assert_eq(carry_apply_receipt(st, tpath("x.receipt"), &t, NOW, &a,
	    &e),
	    0);
	cr_assert_eq(a.delivered + a.conflict, 0);
	cr_assert_eq(a.skipped, 3);
	/* nothing pending at all (no array to search) */
	cr_assert_eq(store_outbox_delivered(st, (const char *[]){ ids[3] }, 1,
	    NOW, &e), 0);
	cr_assert_eq(carry_apply_receipt(st, tpath("x.receipt"), &t, NOW, &a,
	    &e),
	    0, "%s", e.msg);
	cr_assert_eq(a.skipped, 3);
	/* a damaged receipt changes nothing */
	filter("sed 's/delivered/conflict/'", tpath("x.receipt"),
	    tpath("bad.receipt"));
	cr_assert_eq(store_outbox_requeue(st, NULL, NULL, &e), 0);
	cr_assert_eq(carry_apply_receipt(st, tpath("bad.receipt"), &t, NOW,
	    &a, &e), -1);
	cr_assert(strstr(e.msg, "is damaged") != NULL, "%s", e.msg);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 1, "only the conflict requeued");
	devkeys_free(k);
}

Test(carry, a_file_with_a_good_hash_but_no_statement_is_refused)
{
	FILE	*f;

	/* a manifest that matches a line that is no statement */
	f = fopen(tpath("h"), "w");
	fputs("not json\n", f);
	fclose(f);
	filter("sh -c 'cat \"$0\"; printf "
	    "\"{\\\"rianru\\\":\\\"outbox-export\\\","
	    "\\\"version\\\":1,\\\"count\\\":1,\\\"sha256\\\":\\\"%s\\\"}\\n\" "
	    "$(sha256sum \"$0\" | cut -c1-64)'", tpath("h"), tpath("g"));
	refused(tpath("g"), "line 1 is not an xAPI statement");
}

/* An export never goes through a link, nor over the progress file. */
Test(carry, export_refuses_links_and_the_progress_file)
{
	struct err	e;
	int64_t		c[STORE_OB_NSTATES];
	size_t		n;
	char		sha[65];

	cr_assert_eq(symlink(tpath("victim"), tpath("out.jsonl")), 0);
	cr_assert_eq(carry_export(st, tpath("out.jsonl"), &key, &n, sha,
	    &e), -1);
	cr_assert_not_null(strstr(e.msg, "symbolic link"), "%s", e.msg);
	/* the .tmp name of old versions is no way in either */
	cr_assert_eq(symlink(tpath("p.db"), tpath("x.jsonl.tmp")), 0);
	export_ok(tpath("x.jsonl"), sha);
	cr_assert_eq(access(tpath("victim"), F_OK), -1);
	cr_assert_eq(symlink(tpath("p.db"), tpath("db.jsonl")), 0);
	cr_assert_eq(carry_export(st, tpath("db.jsonl"), &key, &n, sha,
	    &e), -1);
	cr_assert_not_null(strstr(e.msg, "progress file"), "%s", e.msg);
	cr_assert_eq(carry_export(st, tpath("p.db"), &key, &n, sha,
	    &e), -1);
	cr_assert_eq(carry_export(st, tpath("p.db-wal"), &key, &n, sha,
	    &e), -1);
	cr_assert_not_null(strstr(e.msg, "progress file"), "%s", e.msg);
	cr_assert_eq(store_outbox_counts(st, c, &e), 0);
	cr_assert_eq(c[STORE_OB_PENDING], 4);
}

/*
 * A receipt as anyone could write one: 'n' ids marked delivered, a
 * manifest whose hash matches, answering the export 'export_sha'.
 */
static void
hand_made_receipt(const char *path, const char *const *list, size_t n,
    const char *export_sha)
{
	struct sha256	 h;
	char		 line[256], hex[65];
	size_t		 i;
	FILE		*f;

	cr_assert_not_null(f = fopen(path, "w"));
	sha256_init(&h);
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof line, "{\"id\":\"%s\",\"state\":"
		    "\"delivered\"}\n", list[i]);
		sha256_update(&h, line, strlen(line));
		fputs(line, f);
	}
	sha256_hex(&h, hex);
	fprintf(f, "{\"rianru\":\"outbox-receipt\",\"version\":1,"
	    "\"count\":%zu,\"sha256\":\"%s\",\"export\":\"%s\"}\n", n, hex,
	    export_sha);
	fclose(f);
}

/* Sign 'path' as the pushing machine with key 'k' would. */
static void
sign_receipt(const char *path, const struct sign_secret *k)
{
	struct sha256		 h;
	struct sign_hash	 wh;
	struct buf		 sig;
	struct err		 e;
	unsigned char		 whole[SIGN_HASH_LEN];
	char			*data, *m, comment[256], sigpath[256], hex[65];
	const char		*x;
	size_t			 len, count = 0, i;
	FILE			*f;

	data = slurp(path, &len);
	m = data + len - 1;
	while (m > data && m[-1] != '\n')
		m--;
	sha256_init(&h);
	sha256_update(&h, data, (size_t)(m - data));
	sha256_hex(&h, hex);
	for (i = 0; i < (size_t)(m - data); i++)
		count += data[i] == '\n';
	cr_assert_not_null(x = strstr(m, "\"export\":\""));
	snprintf(comment, sizeof comment, "rianru outbox-receipt count %zu "
	    "sha256 %s export %.64s", count, hex, x + 10);
	sign_hash_init(&wh);
	sign_hash_update(&wh, data, len);
	sign_hash_final(&wh, whole);
	buf_init(&sig);
	cr_assert_eq(sign_prehashed(k, whole, comment, &sig, &e), 0, "%s",
	    e.msg);
	snprintf(sigpath, sizeof sigpath, "%s.minisig", path);
	cr_assert_not_null(f = fopen(sigpath, "w"));
	fwrite(sig.data, 1, sig.len, f);
	fclose(f);
	buf_release(&sig);
	free(data);
}

Test(carry, a_receipt_answers_an_export_of_this_file_and_only_its_ids)
{
	struct carry_applied	 a;
	struct carry_trust	 t = { NULL, "trusted", 0 };
	struct sign_secret	 stranger;
	struct sign_pub		 spub;
	struct err		 e;
	int64_t			 counts[STORE_OB_NSTATES];
	char			 sha[65], fake[STORE_UUID_LEN + 1];
	const char		*all[4] = { ids[0], ids[1], ids[2], ids[3] };
	const char		*two[2];

	t.enrolled = enrolled();
	/* no export at all: a hand-made receipt marks nothing */
	hand_made_receipt(tpath("h.receipt"), all, 4, "00000000000000000000"
	    "000000000000000000000000000000000000000000000");
	sign_receipt(tpath("h.receipt"), &key);
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), &t, NOW, &a,
	    &e), -1);
	cr_assert(strstr(e.msg, "does not answer an export this progress "
	    "file made") != NULL, "%s", e.msg);
	hand_made_receipt(tpath("h.receipt"), all, 4, "");
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), &t, NOW, &a,
	    &e), -1);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 4, "nothing marked");

	/*
	 * An export made here, and a receipt for it written by whoever
	 * holds the stick (its SHA-256 is in the export's manifest):
	 * refused, since no enrolled machine signed it.
	 */
	export_ok(tpath("x.jsonl"), sha);
	hand_made_receipt(tpath("h.receipt"), all, 4, sha);
	unlink(tpath("h.receipt.minisig"));
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), &t, NOW, &a,
	    &e), -1);
	cr_assert(a.untrusted);
	cr_assert(strstr(e.msg, "is not signed") != NULL, "%s", e.msg);
	/* signed by a key of their own */
	cr_assert_eq(sign_keygen(&spub, &stranger, &e), 0);
	sign_receipt(tpath("h.receipt"), &stranger);
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), &t, NOW, &a,
	    &e), -1);
	cr_assert(a.untrusted && a.who.is_signed && !a.who.enrolled);
	cr_assert(strstr(e.msg, "which is not enrolled in 'trusted'") != NULL,
	    "%s", e.msg);
	/* an enrolled machine's receipt, edited after it was signed */
	sign_receipt(tpath("h.receipt"), &key);
	hand_made_receipt(tpath("h.receipt"), all, 3, sha);
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), &t, NOW, &a,
	    &e), -1);
	cr_assert(a.untrusted);
	cr_assert(strstr(e.msg, "was changed after device") != NULL, "%s",
	    e.msg);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 4, "nothing marked");

	/* signed by an enrolled machine: only the export's ids are marked */
	store_uuid(fake);
	two[0] = ids[1];
	two[1] = fake;
	hand_made_receipt(tpath("h.receipt"), two, 2, sha);
	sign_receipt(tpath("h.receipt"), &key);
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), &t, NOW, &a,
	    &e), 0, "%s", e.msg);
	cr_assert_eq(a.delivered, 1);
	cr_assert_eq(a.foreign, 1);
	/* unsigned, where the configuration accepts it: applied, and why */
	hand_made_receipt(tpath("u.receipt"), all + 2, 1, sha);
	t.accept_unsigned = 1;
	cr_assert_eq(carry_apply_receipt(st, tpath("u.receipt"), &t, NOW, &a,
	    &e), 0, "%s", e.msg);
	cr_assert_eq(a.delivered, 1);
	cr_assert(strstr(a.why, "is not signed") != NULL, "%s", a.why);
	/* the same receipt on another progress file: refused */
	store_close(st);
	cr_assert_not_null(st = store_open(tpath("other.db"), &e), "%s",
	    e.msg);
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), &t, NOW, &a,
	    &e), -1);
	devkeys_free((struct devkeys *)t.enrolled);
}

/* Signatures and device keys ------------------------------------------- */

/* Write 'text' to 'path' with mode 'mode'. */
static void
put(const char *path, const char *text, mode_t mode)
{
	FILE	*f;

	unlink(path);
	cr_assert_not_null(f = fopen(path, "w"), "%s", path);
	fputs(text, f);
	fclose(f);
	cr_assert_eq(chmod(path, mode), 0);
}

/* The enrolled keys: this machine's, named, and another one. */
static struct devkeys *
enrolled(void)
{
	struct sign_pub		 other;
	struct sign_secret	 osec;
	struct devkeys		*k;
	struct buf		 b;
	struct err		 e;
	size_t			 len;
	char			*line;

	buf_init(&b);
	buf_adds(&b, "# the agency's machines\n\n");
	cr_assert_eq(sign_keygen(&other, &osec, &e), 0);
	devkey_format(&other, "elsewhere", &b);
	buf_adds(&b, "untrusted comment: office 12, PC 3\n");
	/* the key line of what 'rianru device-key' prints, named above */
	len = b.len;
	devkey_format(&pub, NULL, &b);
	line = strchr(b.data + len, '\n') + 1;
	memmove(b.data + len, line, strlen(line) + 1);
	put(tpath("trusted"), b.data, 0644);
	buf_release(&b);
	k = devkeys_load(tpath("trusted"), &e);
	cr_assert_not_null(k, "%s", e.msg);
	cr_assert_eq(devkeys_count(k), 2);
	return k;
}

/* Open 'path' and check its signature: the carry_verify() result. */
static int
verify(const char *path, const struct devkeys *k, struct carry_signer *who,
    struct err *e)
{
	struct carry	*c;
	int		 rc;

	err_clear(e);
	if ((c = carry_open(path, e)) == NULL)
		return -2;	/* refused before: damaged */
	rc = carry_verify(c, k, who, e);
	carry_free(c);
	return rc;
}

/* Read 'path' whole into a new string. */
static char *
slurp(const char *path, size_t *len)
{
	char	*p;
	FILE	*f;
	long	 n;

	cr_assert_not_null(f = fopen(path, "rb"), "%s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = malloc((size_t)n + 1);
	cr_assert_eq(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void
copy_file(const char *from, const char *to)
{
	char	*p;
	size_t	 len;

	p = slurp(from, &len);
	put(to, p, 0600);
	free(p);
}

/*
 * Write the statement lines of 'data' (all but its manifest) to 'path'
 * with a manifest recomputed for them, as someone editing the stick
 * would, and the export's signature beside it.
 */
static void
forge(const char *path, const char *lines, size_t len)
{
	struct sha256	 h;
	char		 hex[65], sigpath[256];
	size_t		 count = 0, i;
	FILE		*f;

	sha256_init(&h);
	sha256_update(&h, lines, len);
	sha256_hex(&h, hex);
	for (i = 0; i < len; i++)
		count += lines[i] == '\n';
	cr_assert_not_null(f = fopen(path, "w"));
	fwrite(lines, 1, len, f);
	fprintf(f, "{\"rianru\":\"outbox-export\",\"version\":1,"
	    "\"count\":%zu,\"sha256\":\"%s\"}\n", count, hex);
	fclose(f);
	snprintf(sigpath, sizeof sigpath, "%s.minisig", path);
	copy_file(tpath("x.jsonl.minisig"), sigpath);
}

/* One byte changed into another of its kind (so that it still parses). */
static char
mutate(char c)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		u = (unsigned char)c;

	if (strchr(hex, c) != NULL && c != '\0')
		return hex[(strchr(hex, c) - hex + 1) % 16];
	if (u >= 0x80 && u <= 0xbf)	/* a UTF-8 continuation byte */
		return (char)(u == 0xbf ? 0x80 : u + 1);
	return (char)(c == 'A' ? 'B' : 'A');
}

Test(carry, an_export_signed_by_an_enrolled_device_verifies)
{
	struct carry_signer	 who;
	struct devkeys		*k = enrolled();
	struct stat		 sb;
	struct err		 e;
	char			 sha[65], hex[17];

	export_ok(tpath("x.jsonl"), sha);
	cr_assert_eq(stat(tpath("x.jsonl.minisig"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(verify(tpath("x.jsonl"), k, &who, &e), 0, "%s", e.msg);
	sign_id_hex(pub.id, hex);
	cr_assert(who.is_signed && who.enrolled);
	cr_assert_str_eq(who.keyid, hex);
	cr_assert_str_eq(who.name, "office 12, PC 3");
	/* not enrolled (no list, or a list without it): the caller decides */
	cr_assert_eq(verify(tpath("x.jsonl"), NULL, &who, &e), 1);
	cr_assert(who.is_signed && !who.enrolled);
	cr_assert_str_eq(who.keyid, hex);
	/* no signature beside it */
	cr_assert_eq(unlink(tpath("x.jsonl.minisig")), 0);
	cr_assert_eq(verify(tpath("x.jsonl"), k, &who, &e), 1);
	cr_assert(!who.is_signed && !who.enrolled);
	devkeys_free(k);
}

/*
 * Someone holding the stick forges an actor, drops or adds a statement,
 * and recomputes the manifest: the manifest agrees, the signature does
 * not.
 */
Test(carry, an_edited_export_with_a_recomputed_manifest_is_refused)
{
	struct carry_signer	 who;
	struct devkeys		*k = enrolled();
	struct err		 e;
	char			 sha[65], *data, *nl, *body;
	size_t			 len, blen;

	export_ok(tpath("x.jsonl"), sha);
	data = slurp(tpath("x.jsonl"), &len);
	/* the statement lines: all but the manifest */
	for (blen = len - 1; blen > 0 && data[blen - 1] != '\n'; blen--)
		;
	forge(tpath("same.jsonl"), data, blen);
	cr_assert_eq(verify(tpath("same.jsonl"), k, &who, &e), 0,
	    "the forger's manifest is byte for byte ours: %s", e.msg);

	body = strdup(data);
	*strstr(body, "\"n\":2") = '\0';	/* a forged value */
	memcpy(body + strlen(body), "\"n\":9", 5);
	forge(tpath("f.jsonl"), body, blen);
	cr_assert_eq(verify(tpath("f.jsonl"), k, &who, &e), -1);
	cr_assert(strstr(e.msg, "was changed after device") != NULL, "%s",
	    e.msg);
	cr_assert(strstr(e.msg, "office 12, PC 3") != NULL, "%s", e.msg);
	free(body);

	nl = strchr(data, '\n');		/* the first statement dropped */
	forge(tpath("d.jsonl"), nl + 1, blen - (size_t)(nl + 1 - data));
	cr_assert_eq(verify(tpath("d.jsonl"), k, &who, &e), -1);

	body = malloc(blen + (size_t)(nl + 1 - data));	/* one added */
	memcpy(body, data, blen);
	memcpy(body + blen, data, (size_t)(nl + 1 - data));
	memcpy(body + blen + 10, "0000", 4);	/* inside its new id */
	forge(tpath("a.jsonl"), body, blen + (size_t)(nl + 1 - data));
	cr_assert_eq(verify(tpath("a.jsonl"), k, &who, &e), -1, "%s", e.msg);
	free(body);
	free(data);
	devkeys_free(k);
}

/*
 * One changed byte anywhere, in the statements (manifest recomputed), the
 * manifest or the signed lines of the signature, and the export is
 * refused: never accepted as signed.
 */
Test(carry, every_changed_byte_is_refused)
{
	struct carry_signer	 who;
	struct devkeys		*k = enrolled();
	struct err		 e;
	char			 sha[65], *data, *sig, *copy;
	size_t			 len, siglen, blen, i, checked = 0;
	int			 rc;

	export_ok(tpath("x.jsonl"), sha);
	data = slurp(tpath("x.jsonl"), &len);
	sig = slurp(tpath("x.jsonl.minisig"), &siglen);
	for (blen = len - 1; blen > 0 && data[blen - 1] != '\n'; blen--)
		;
	copy = malloc(len + 1);
	for (i = 0; i < len; i++) {
		memcpy(copy, data, len);
		copy[i] = mutate(copy[i]);
		if (i < blen && copy[i] != '\n' && data[i] != '\n')
			forge(tpath("b.jsonl"), copy, blen);
		else {		/* a line end or the manifest: as it is */
			copy[len] = '\0';
			put(tpath("b.jsonl"), copy, 0600);
			copy_file(tpath("x.jsonl.minisig"),
			    tpath("b.jsonl.minisig"));
		}
		rc = verify(tpath("b.jsonl"), k, &who, &e);
		cr_assert(rc == -1 || rc == -2, "byte %zu changed: accepted "
		    "(%d)", i, rc);
		checked += rc == -1;
	}
	cr_assert_gt(checked, blen / 2, "most edits reach the signature: "
	    "%zu of %zu", checked, blen);
	/* the signature's own lines: the signature, comment, global one */
	for (i = strchr(sig, '\n') + 1 - sig; i < siglen; i++) {
		if (sig[i] == '\n')
			continue;
		memcpy(copy, sig, siglen);
		copy[i] = (char)(copy[i] == 'A' ? 'B' : 'A');
		copy[siglen] = '\0';
		put(tpath("x.jsonl.minisig"), copy, 0600);
		rc = verify(tpath("x.jsonl"), k, &who, &e);
		cr_assert(rc == -1 || (rc == 1 && who.is_signed &&
		    !who.enrolled), "signature byte %zu changed: %d", i, rc);
	}
	free(copy);
	free(sig);
	free(data);
	devkeys_free(k);
}

/*
 * A signature by another key that claims the enrolled key's id, and a
 * signed comment that does not match the manifest: refused.
 */
Test(carry, a_signature_must_be_the_enrolled_keys_over_this_manifest)
{
	struct sign_secret	 forger;
	struct sign_pub		 fpub;
	struct carry_signer	 who;
	struct devkeys		*k = enrolled();
	struct buf		 b;
	struct err		 e;
	char			 sha[65], *data, comment[160];
	size_t			 len;

	export_ok(tpath("x.jsonl"), sha);
	data = slurp(tpath("x.jsonl"), &len);
	cr_assert_eq(sign_keygen(&fpub, &forger, &e), 0);
	memcpy(forger.id, pub.id, sizeof forger.id);
	buf_init(&b);
	snprintf(comment, sizeof comment, "rianru outbox-export count 4 "
	    "sha256 %s", sha);
	cr_assert_eq(sign_data(&forger, data, len, comment, &b, &e), 0);
	put(tpath("x.jsonl.minisig"), b.data, 0600);
	cr_assert_eq(verify(tpath("x.jsonl"), k, &who, &e), -1);
	cr_assert(strstr(e.msg, "bad signature") != NULL, "%s", e.msg);

	buf_reset(&b);
	cr_assert_eq(sign_data(&key, data, len, "rianru outbox-export count "
	    "3 sha256 0", &b, &e), 0);
	put(tpath("x.jsonl.minisig"), b.data, 0600);
	cr_assert_eq(verify(tpath("x.jsonl"), k, &who, &e), -1);
	cr_assert(strstr(e.msg, "does not match the manifest") != NULL, "%s",
	    e.msg);
	put(tpath("x.jsonl.minisig"), "untrusted comment: x\nnot base64\n",
	    0600);
	cr_assert_eq(verify(tpath("x.jsonl"), k, &who, &e), -1);
	cr_assert(strstr(e.msg, "is not a minisign signature") != NULL, "%s",
	    e.msg);
	buf_release(&b);
	free(data);
	devkeys_free(k);
}

static int
row_seen(const struct store_outbox_row *r, void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

/* A line changed on the stick after it was verified never leaves. */
Test(carry, a_line_changed_after_the_check_is_not_sent)
{
	struct sync_source	 src;
	struct carry		*c;
	struct err		 e;
	char			 sha[65];
	FILE			*f;

	export_ok(tpath("x.jsonl"), sha);
	cr_assert_not_null(c = carry_open(tpath("x.jsonl"), &e), "%s",
	    e.msg);
	cr_assert_not_null(f = fopen(tpath("x.jsonl"), "r+"));
	fseek(f, 2, SEEK_SET);
	fputc('X', f);
	fclose(f);
	carry_source(c, &src);
	cr_assert_eq(src.pending(src.ctx, 0, 10, row_seen, NULL, &e), -1);
	cr_assert(strstr(e.msg, "changed while it was being pushed") != NULL,
	    "%s", e.msg);
	carry_free(c);
}

Test(carry, the_trusted_devices_file_is_checked)
{
	struct devkeys	*k;
	struct buf	 b;
	struct err	 e;
	char		 msg[700];

	buf_init(&b);
	devkey_format(&pub, "pc", &b);
	put(tpath("t"), b.data, 0664);
	cr_assert_null(devkeys_load(tpath("t"), &e), "group-writable");
	cr_assert(strstr(e.msg, "chmod go-w") != NULL, "%s", e.msg);
	buf_adds(&b, "# a comment\nRWnot-a-key\n");
	put(tpath("t"), b.data, 0644);
	cr_assert_null(devkeys_load(tpath("t"), &e));
	err_str(&e, msg, sizeof msg);
	cr_assert(strstr(msg, "/t:4: not a minisign public key") != NULL,
	    "%s", msg);
	buf_reset(&b);
	devkey_format(&pub, "pc", &b);
	devkey_format(&pub, "again", &b);
	put(tpath("t"), b.data, 0644);
	cr_assert_null(devkeys_load(tpath("t"), &e));
	cr_assert(strstr(e.msg, "is enrolled twice") != NULL, "%s", e.msg);
	cr_assert_eq(symlink(tpath("t"), tpath("link")), 0);
	cr_assert_null(devkeys_load(tpath("link"), &e));
	buf_release(&b);
	/* a key line with no comment before it is named by its id */
	buf_init(&b);
	devkey_format(&pub, NULL, &b);
	put(tpath("t"), strchr(b.data, '\n') + 1, 0600);
	cr_assert_not_null(k = devkeys_load(tpath("t"), &e), "%s", e.msg);
	cr_assert_not_null(devkeys_find(k, pub.id, NULL));
	devkeys_free(k);
	buf_release(&b);
}

Test(carry, the_device_key_is_made_once_and_kept_private)
{
	struct sign_secret	 s1, s2;
	struct sign_pub		 p1, p2;
	struct stat		 sb;
	struct err		 e;

	cr_assert_eq(devkey_load(tpath("k/device.key"), 0, &p1, &s1, &e), 1);
	cr_assert_eq(devkey_load(tpath("k/device.key"), 1, &p1, &s1, &e), 0,
	    "%s", e.msg);
	cr_assert_eq(stat(tpath("k/device.key"), &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600);
	cr_assert_eq(devkey_load(tpath("k/device.key"), 0, &p2, &s2, &e), 0);
	cr_assert_eq(memcmp(&p1, &p2, sizeof p1), 0);
	cr_assert_eq(memcmp(&s1, &s2, sizeof s1), 0);
}

/* A device's name comes from a file: it reaches a terminal escaped. */
Test(carry, a_devices_name_is_escaped_in_messages)
{
	struct carry_signer	 who;
	struct devkeys		*k;
	struct buf		 b;
	struct err		 e;
	char			 sha[65], *data, *line;
	size_t			 len, blen;

	buf_init(&b);
	buf_adds(&b, "untrusted comment: \033]52;c;eA==\007 pc\n");
	devkey_format(&pub, NULL, &b);
	line = strstr(b.data, "untrusted comment: rianru");
	memmove(line, strchr(line, '\n') + 1, strlen(strchr(line, '\n')));
	put(tpath("trusted"), b.data, 0644);
	buf_release(&b);
	cr_assert_not_null(k = devkeys_load(tpath("trusted"), &e), "%s",
	    e.msg);
	export_ok(tpath("x.jsonl"), sha);
	data = slurp(tpath("x.jsonl"), &len);
	for (blen = len - 1; blen > 0 && data[blen - 1] != '\n'; blen--)
		;
	strstr(data, "\"n\":1")[4] = '8';	/* a forged value */
	forge(tpath("f.jsonl"), data, blen);
	cr_assert_eq(verify(tpath("f.jsonl"), k, &who, &e), -1);
	cr_assert_null(strchr(e.msg, '\033'), "%s", e.msg);
	cr_assert_not_null(strstr(e.msg, "\\x1B]52"), "%s", e.msg);
	free(data);
	devkeys_free(k);
}

/* A receipt and its signature never go over the progress file. */
Test(carry, a_receipt_is_not_written_over_the_progress_file)
{
	struct carry	*c;
	struct err	 e;
	char		 sha[65];

	export_ok(tpath("x.jsonl"), sha);
	cr_assert_not_null(c = carry_open(tpath("x.jsonl"), &e), "%s", e.msg);
	cr_assert_eq(symlink(tpath("p.db"), tpath("r.receipt.minisig")), 0);
	cr_assert_eq(carry_write_receipt(c, tpath("r.receipt"), tpath("p.db"),
	    &key, NULL, &e), -1);
	cr_assert_eq(carry_write_receipt(c, tpath("p.db-wal"), tpath("p.db"),
	    &key, NULL, &e), -1);
	cr_assert_not_null(strstr(e.msg, "progress file"), "%s", e.msg);
	carry_free(c);
}
