/*
 * Export and receipt files (lib/carry): written from a real store,
 * verified against their manifest, refused when damaged, used as a
 * syncq source, and applied back. tests/lrs/usb.sh runs the same path
 * through the CLI against the real LRS.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync/carry.h"
#include "base/crypto.h"
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

static void
setup(void)
{
	struct store_officer	o;
	struct store_page	p = { 0, "c1", "m1", "p1", NOW };
	struct store_stmt	s;
	struct err		e;
	char			path[128], json[256];
	int			i;

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

	cr_assert_eq(carry_export(st, path, &n, sha, &e), 0, "%s", e.msg);
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
	cr_assert_eq(carry_write_receipt(c, tpath("x.receipt"), NULL, &e), 0,
	    "%s", e.msg);
	carry_free(c);

	cr_assert_eq(carry_apply_receipt(st, tpath("x.receipt"), NOW, &a, &e),
	    0, "%s", e.msg);
	cr_assert_eq(a.delivered, 2);
	cr_assert_eq(a.conflict, 1);
	cr_assert_eq(a.skipped, 0);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 1);
	cr_assert_eq(counts[STORE_OB_DELIVERED], 2);
	cr_assert_eq(counts[STORE_OB_CONFLICT], 1);
	/* again: nothing left to change */
	cr_assert_eq(carry_apply_receipt(st, tpath("x.receipt"), NOW, &a, &e),
	    0);
	cr_assert_eq(a.delivered + a.conflict, 0);
	cr_assert_eq(a.skipped, 3);
	/* nothing pending at all (no array to search) */
	cr_assert_eq(store_outbox_delivered(st, (const char *[]){ ids[3] }, 1,
	    NOW, &e), 0);
	cr_assert_eq(carry_apply_receipt(st, tpath("x.receipt"), NOW, &a, &e),
	    0, "%s", e.msg);
	cr_assert_eq(a.skipped, 3);
	/* a damaged receipt changes nothing */
	filter("sed 's/delivered/conflict/'", tpath("x.receipt"),
	    tpath("bad.receipt"));
	cr_assert_eq(store_outbox_requeue(st, NULL, NULL, &e), 0);
	cr_assert_eq(carry_apply_receipt(st, tpath("bad.receipt"), NOW, &a,
	    &e), -1);
	cr_assert(strstr(e.msg, "is damaged") != NULL, "%s", e.msg);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 1, "only the conflict requeued");
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
	cr_assert_eq(carry_export(st, tpath("out.jsonl"), &n, sha, &e), -1);
	cr_assert_not_null(strstr(e.msg, "symbolic link"), "%s", e.msg);
	/* the .tmp name of old versions is no way in either */
	cr_assert_eq(symlink(tpath("p.db"), tpath("x.jsonl.tmp")), 0);
	export_ok(tpath("x.jsonl"), sha);
	cr_assert_eq(access(tpath("victim"), F_OK), -1);
	cr_assert_eq(symlink(tpath("p.db"), tpath("db.jsonl")), 0);
	cr_assert_eq(carry_export(st, tpath("db.jsonl"), &n, sha, &e), -1);
	cr_assert_not_null(strstr(e.msg, "progress file"), "%s", e.msg);
	cr_assert_eq(carry_export(st, tpath("p.db"), &n, sha, &e), -1);
	cr_assert_eq(carry_export(st, tpath("p.db-wal"), &n, sha, &e), -1);
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

Test(carry, a_receipt_answers_an_export_of_this_file_and_only_its_ids)
{
	struct carry_applied	 a;
	struct err		 e;
	int64_t			 counts[STORE_OB_NSTATES];
	char			 sha[65], fake[STORE_UUID_LEN + 1];
	const char		*all[4] = { ids[0], ids[1], ids[2], ids[3] };
	const char		*two[2];

	/* no export at all: a hand-made receipt marks nothing */
	hand_made_receipt(tpath("h.receipt"), all, 4, "00000000000000000000"
	    "000000000000000000000000000000000000000000000");
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), NOW, &a, &e),
	    -1);
	cr_assert(strstr(e.msg, "does not answer an export this progress "
	    "file made") != NULL, "%s", e.msg);
	hand_made_receipt(tpath("h.receipt"), all, 4, "");
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), NOW, &a, &e),
	    -1);
	cr_assert_eq(store_outbox_counts(st, counts, &e), 0);
	cr_assert_eq(counts[STORE_OB_PENDING], 4, "nothing marked");

	/* an export made here: only its statements are marked */
	export_ok(tpath("x.jsonl"), sha);
	store_uuid(fake);
	two[0] = ids[1];
	two[1] = fake;
	hand_made_receipt(tpath("h.receipt"), two, 2, sha);
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), NOW, &a, &e),
	    0, "%s", e.msg);
	cr_assert_eq(a.delivered, 1);
	cr_assert_eq(a.foreign, 1);
	/* the same receipt on another progress file: refused */
	store_close(st);
	cr_assert_not_null(st = store_open(tpath("other.db"), &e), "%s",
	    e.msg);
	cr_assert_eq(carry_apply_receipt(st, tpath("h.receipt"), NOW, &a, &e),
	    -1);
}
