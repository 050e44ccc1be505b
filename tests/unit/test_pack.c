/*
 * Content packs: the portable course record (codec.h), the loader's
 * rules on what is read back (validate.h), packs in SQLite with their
 * FTS5 search (pack.h), minisign signatures (sign.h) and the signed
 * catalogue index (catindex.h).
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <sqlite3.h>
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
#include "content/catindex.h"
#include "content/codec.h"
#include "content/course.h"
#include "content/load.h"
#include "content/pack.h"
#include "content/search.h"
#include "content/validate.h"
#include "text/text.h"

static char			 tmpdir[64];
static struct text_wrapper	*w;

static void
setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/rianru-pack.XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
	w = text_wrapper_new();
}

static void
teardown(void)
{
	char	cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	cr_assert_eq(system(cmd), 0);
	text_wrapper_free(w);
}

TestSuite(pack, .init = setup, .fini = teardown);

static struct course *
load(const char *dir)
{
	struct diags	 d;
	struct course	*c;

	diags_init(&d);
	c = load_course_dir(dir, &d);
	cr_assert_not_null(c, "%s: %s", dir, d.n ? d.v[0].msg : "?");
	diags_release(&d);
	return c;
}

/* The record of 'c': two models are the same when their records are. */
static void
record(const struct course *c, int head, struct buf *b)
{
	buf_init(b);
	codec_encode(c, head, b);
}

static void
same_record(const struct course *a, const struct course *b, int head)
{
	struct buf	ra, rb;

	record(a, head, &ra);
	record(b, head, &rb);
	cr_assert_eq(ra.len, rb.len);
	cr_assert_eq(memcmp(ra.data, rb.data, ra.len), 0);
	buf_release(&ra);
	buf_release(&rb);
}

static void
write_pack(const struct course *c, char *path, size_t len)
{
	struct err	e;

	snprintf(path, len, "%s/%s.pack", tmpdir, c->id);
	cr_assert_eq(pack_write(path, c, w, &e), 0, "%s", e.msg);
}

static const char *const bundled[] = {
	"content/digital-literacy", "content/data-leadership",
	"tests/data/good/mini", "tests/data/good/tag-labels",
	"tests/data/good/page-ids-per-module",
	"tests/data/e2e/catalog/e2e-journey",
	"tests/data/e2e/course-end/e2e-end", NULL
};

Test(pack, every_good_course_keeps_the_loader_rules)
{
	struct err	 e;
	struct course	*c;
	int		 i;

	for (i = 0; bundled[i] != NULL; i++) {
		c = load(bundled[i]);
		cr_assert_eq(validate_course(c, &e), 0, "%s: %s", bundled[i],
		    e.msg);
		course_free(c);
	}
}

Test(pack, round_trip_is_the_parsed_model)
{
	struct course	*c, *body, *head;
	struct pack	*p;
	struct err	 e;
	char		 path[256];
	size_t		 i, j;
	int		 k;

	for (k = 0; bundled[k] != NULL; k++) {
		c = load(bundled[k]);
		write_pack(c, path, sizeof path);
		cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
		cr_assert_str_eq(pack_course_id(p), c->id);
		cr_assert_str_eq(pack_version(p), c->version);
		cr_assert_str_eq(pack_hash(p), c->hash);
		cr_assert_not_null(body = pack_body(p, &e), "%s", e.msg);
		cr_assert_not_null(head = pack_header(p, &e), "%s", e.msg);
		same_record(c, body, 0);
		same_record(c, head, 1);
		cr_assert(!body->header);
		cr_assert(head->header);
		cr_assert_str_eq(body->dir, path);
		/* a header: titles and counts, no text, no questions */
		for (i = 0; i < head->nmodules; i++) {
			const struct module *m = &head->modules[i];

			for (j = 0; j < m->npages; j++)
				cr_assert_null(m->pages[j].text.s[LANG_TH]);
			if (m->quiz != NULL) {
				cr_assert_null(m->quiz->questions);
				cr_assert_eq(m->quiz->nquestions,
				    c->modules[i].quiz->nquestions);
			}
		}
		course_free(head);
		course_free(body);
		pack_close(p);
		course_free(c);
	}
}

/*
 * A record that breaks a rule is refused, never handed to the screens:
 * a quiz of no questions or a matching question of no pairs crashed the
 * app when it came from a crafted cache file.
 */
Test(pack, crafted_records_are_refused)
{
	struct course	*c, *r;
	struct pack	*p;
	struct err	 e;
	char		 path[256];
	struct quiz	*z = NULL;
	size_t		 i, nq, np = 0;
	struct question	*mq = NULL;

	c = load("content/digital-literacy");
	for (i = 0; i < c->nmodules && z == NULL; i++)
		z = c->modules[i].quiz;
	cr_assert_not_null(z);
	nq = z->nquestions;
	z->nquestions = 0;
	write_pack(c, path, sizeof path);
	cr_assert_not_null(p = pack_open(path, &e));
	cr_assert_null(r = pack_body(p, &e));
	cr_assert(strstr(e.msg, "has no questions") != NULL, "%s", e.msg);
	cr_assert_null(pack_header(p, &e));
	pack_close(p);
	z->nquestions = nq;

	/* a matching question of 0 pairs */
	for (i = 0; i < c->nmodules && mq == NULL; i++) {
		size_t j;

		for (j = 0; c->modules[i].quiz != NULL &&
		    j < c->modules[i].quiz->nquestions; j++)
			if (c->modules[i].quiz->questions[j].type ==
			    Q_MATCHING) {
				mq = &c->modules[i].quiz->questions[j];
				break;
			}
	}
	cr_assert_not_null(mq, "the bundled course has a matching question");
	np = mq->npairs;
	mq->npairs = 0;
	write_pack(c, path, sizeof path);
	cr_assert_not_null(p = pack_open(path, &e));
	cr_assert_null(pack_body(p, &e));
	cr_assert(strstr(e.msg, "needs at least 2 pairs") != NULL, "%s",
	    e.msg);
	pack_close(p);
	mq->npairs = np;

	/* a draw larger than the pool, and a choice question of 2 answers */
	z->draw = (int)z->nquestions + 1;
	write_pack(c, path, sizeof path);
	cr_assert_not_null(p = pack_open(path, &e));
	cr_assert_null(pack_body(p, &e));
	pack_close(p);
	course_free(c);
}

/* Every truncation and every changed byte: refused or valid, no crash. */
Test(pack, damaged_records_never_crash)
{
	struct course	*c, *r;
	struct buf	 b;
	struct err	 e;
	unsigned char	*copy;
	size_t		 i;
	int		 refused = 0;

	c = load("tests/data/good/mini");
	record(c, 0, &b);
	for (i = 0; i < b.len; i++) {
		r = codec_decode(b.data, i, 0, "x", &e);
		cr_assert_null(r, "a record cut at %zu is refused", i);
	}
	copy = malloc(b.len);
	for (i = 0; i < b.len; i++) {
		memcpy(copy, b.data, b.len);
		copy[i] ^= 0x5a;
		if ((r = codec_decode(copy, b.len, 0, "x", &e)) == NULL)
			refused++;
		else
			cr_assert_eq(validate_course(r, &e), 0);
		course_free(r);
	}
	cr_assert_gt(refused, 0);
	free(copy);
	buf_release(&b);
	course_free(c);
}

Test(pack, not_a_pack_is_refused)
{
	struct err	e;
	char		path[256];
	FILE		*f;

	snprintf(path, sizeof path, "%s/x.pack", tmpdir);
	f = fopen(path, "w");
	fputs("rianru-catalogue 1\n", f);
	fclose(f);
	cr_assert_null(pack_open(path, &e));
	cr_assert(strstr(e.msg, "x.pack") != NULL, "%s", e.msg);
	snprintf(path, sizeof path, "%s/missing.pack", tmpdir);
	cr_assert_null(pack_open(path, &e));
}

/* ---- search ---- */

static void
write_file(const char *dir, const char *name, const char *text)
{
	char	path[512];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	cr_assert_not_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static const char course_yaml[] =
"rianru: 1\nid: s\nversion: 1.0.0\ntitle: ผู้นำ\naudience: all\n"
"area: digital-literacy\nlevel: early\nhours: 1\nmodules: [m.yaml]\n";

static const char module_yaml[] =
"id: m\n"
"title: { th: การคุ้มครองข้อมูลส่วนบุคคล, en: Personal data protection }\n"
"pages:\n"
"  - title: { th: รหัสผ่าน, en: Passwords }\n"
"    text:\n"
"      th: ผู้อำนวยการกองต้องดูแลการยืนยันตัวตนสองขั้นตอน\n"
"      en: Directors must see to two-factor authentication.\n"
"  - title: บทนำ\n"
"    text: จำรหัสประจำตัวให้ได้ แล้วเราจะผ่านการทดสอบ\n";

/* The pack's search answers what search.h answers on the same course. */
Test(pack, fts_search_in_thai_matches_the_word_search)
{
	static const char *const queries[] = {
		"ข้อมูล", "รหัสผ่าน", "ผู้อำนวย", "ข้อมูล รหัสผ่าน",
		"ข้อมูล งบประมาณ", "นวย", "PASSWORDS", "two-factor", "auth",
		"phishing", "", "ผู้อ\xe0\xb9\x8d\xe0\xb8\xb2นวยการ", "รหัสผ่",
		"รหัส ผ่าน", "ประจำตัว", "ทดสอบ", "ผู้นำ", NULL
	};
	static const int expect[] = {
		1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1
	};
	struct search_doc	*doc;
	struct course		*c;
	struct pack		*p;
	struct err		 e;
	char			 dir[256], path[256];
	int			 i;

	snprintf(dir, sizeof dir, "%s/s", tmpdir);
	cr_assert_eq(mkdir(dir, 0700), 0);
	write_file(dir, "course.yaml", course_yaml);
	write_file(dir, "m.yaml", module_yaml);
	c = load(dir);
	write_pack(c, path, sizeof path);
	doc = search_doc_new(w, c);
	cr_assert_not_null(p = pack_open(path, &e));
	for (i = 0; queries[i] != NULL; i++) {
		cr_assert_eq(pack_search(p, w, queries[i], &e), expect[i],
		    "pack: '%s'", queries[i]);
		cr_assert_eq(search_match(w, doc, queries[i]), expect[i],
		    "words: '%s'", queries[i]);
	}
	pack_close(p);
	search_doc_free(doc);
	course_free(c);
}

Test(pack, fts_query_groups_words_typed_together)
{
	char	*q;

	q = pack_fts_query(w, "รหัสผ่าน ข้อมูล");
	cr_assert_str_eq(q, "\"รหัส\" + \"ผ่าน\" * AND \"ข้อมูล\" *");
	free(q);
	cr_assert_null(pack_fts_query(w, " ...  "));
}

/* ---- signatures and the index ---- */

static void
keys(struct sign_pub *pub, struct sign_secret *sec)
{
	struct err	e;

	cr_assert_eq(sign_keygen(pub, sec, &e), 0);
}

Test(pack, keys_round_trip_through_their_files)
{
	struct sign_pub		 pub, pub2;
	struct sign_secret	 sec, sec2;
	struct buf		 b;
	struct err		 e;

	keys(&pub, &sec);
	buf_init(&b);
	sign_pub_format(&pub, &b);
	cr_assert(strncmp(b.data, "untrusted comment: ", 19) == 0);
	cr_assert_eq(sign_pub_parse(b.data, b.len, &pub2, &e), 0);
	cr_assert_eq(memcmp(&pub, &pub2, sizeof pub), 0);
	buf_reset(&b);
	sign_secret_format(&sec, &b);
	cr_assert_eq(sign_secret_parse(b.data, b.len, &sec2, &e), 0);
	cr_assert_eq(memcmp(&sec, &sec2, sizeof sec), 0);
	sign_pub_of(&sec, &pub2);
	cr_assert_eq(memcmp(&pub, &pub2, sizeof pub), 0);
	cr_assert_eq(sign_pub_parse("x\ny\n", 4, &pub2, &e), -1);
	buf_release(&b);
}

static void
sample_index(struct catindex *ix, uint64_t seq)
{
	catindex_init(ix);
	ix->catalogue = strdup("national");
	ix->sequence = seq;
	snprintf(ix->date, sizeof ix->date, "2026-12-05T09:00:00Z");
	catindex_add(ix, "digital-literacy", "1.0.0",
	    "daf217eb37b961b01dd7b7d65e2eb8a8e9a6e12341ee20be59c0b30f35d3912a",
	    "d3b7aea0c7fd9ec50ede51c7925843fa811de4834c86bb21272bb7155099e90d",
	    221184, "digital-literacy.daf217eb37b961b0.pack");
	catindex_add(ix, "data-leadership", "1.2.0",
	    "d7a9d1c822efacb25532ef0af0e59933330a2eea6b0db33760f17c33e5fd6e25",
	    "46b261ffed912c344dc5c3c9d3ec0934792bd3ceba3833581dcccc7a54686b40",
	    237568, "data-leadership.d7a9d1c822efacb2.pack");
}

/* Each changed byte of the index or its signature is refused. */
Test(pack, index_signature_fails_on_any_changed_byte)
{
	struct sign_pub		 pub;
	struct sign_secret	 sec;
	struct catindex		 ix, got;
	struct buf		 index, sig;
	struct err		 e;
	char			*copy;
	size_t			 i, sigstart;

	keys(&pub, &sec);
	sample_index(&ix, 7);
	buf_init(&index);
	buf_init(&sig);
	cr_assert_eq(catindex_sign(&ix, &sec, &index, &sig, &e), 0);
	catindex_init(&got);
	cr_assert_eq(catindex_verify(&pub, index.data, index.len, sig.data,
	    sig.len, &got, &e), 0, "%s", e.msg);
	cr_assert_str_eq(got.catalogue, "national");
	cr_assert_eq(got.sequence, 7);
	cr_assert_eq(got.n, 2);
	cr_assert_eq(got.v[1].size, 237568);
	cr_assert_str_eq(catindex_find(&got, "data-leadership")->version,
	    "1.2.0");
	catindex_release(&got);

	copy = malloc(index.len);
	for (i = 0; i < index.len; i++) {
		memcpy(copy, index.data, index.len);
		copy[i] ^= 1;
		catindex_init(&got);
		cr_assert_eq(catindex_verify(&pub, copy, index.len, sig.data,
		    sig.len, &got, &e), -1, "index byte %zu", i);
	}
	free(copy);
	/* the signature's lines, after the untrusted comment */
	sigstart = (size_t)(strchr(sig.data, '\n') - sig.data) + 1;
	copy = malloc(sig.len);
	for (i = sigstart; i < sig.len; i++) {
		memcpy(copy, sig.data, sig.len);
		if (copy[i] == '\n' || copy[i] == '=')
			continue;
		copy[i] = copy[i] == 'A' ? 'B' : 'A';
		catindex_init(&got);
		cr_assert_eq(catindex_verify(&pub, index.data, index.len, copy,
		    sig.len, &got, &e), -1, "signature byte %zu", i);
	}
	free(copy);
	buf_release(&index);
	buf_release(&sig);
	catindex_release(&ix);
}

Test(pack, index_from_another_key_or_catalogue_is_refused)
{
	struct sign_pub		 pub, other;
	struct sign_secret	 sec, osec;
	struct catindex		 ix, got;
	struct buf		 index, sig, sig2;
	struct err		 e;

	keys(&pub, &sec);
	keys(&other, &osec);
	sample_index(&ix, 3);
	buf_init(&index);
	buf_init(&sig);
	buf_init(&sig2);
	cr_assert_eq(catindex_sign(&ix, &sec, &index, &sig, &e), 0);
	catindex_init(&got);
	cr_assert_eq(catindex_verify(&other, index.data, index.len, sig.data,
	    sig.len, &got, &e), -1);
	cr_assert(strstr(e.msg, "another key") != NULL, "%s", e.msg);
	/* a valid signature whose trusted comment names another sequence */
	cr_assert_eq(sign_data(&sec, index.data, index.len,
	    "rianru-catalogue national sequence 9", &sig2, &e), 0);
	catindex_init(&got);
	cr_assert_eq(catindex_verify(&pub, index.data, index.len, sig2.data,
	    sig2.len, &got, &e), -1);
	cr_assert(strstr(e.msg, "another catalogue or sequence") != NULL, "%s",
	    e.msg);
	buf_release(&index);
	buf_release(&sig);
	buf_release(&sig2);
	catindex_release(&ix);
}

Test(pack, index_parse_checks_every_field)
{
	static const char *const bad[] = {
		"",
		"rianru-catalogue 2\ncatalogue a\nsequence 1\ndate "
		    "2026-12-05T09:00:00Z\n",
		"rianru-catalogue 1\ncatalogue A\nsequence 1\ndate "
		    "2026-12-05T09:00:00Z\n",
		"rianru-catalogue 1\ncatalogue a\nsequence -1\ndate "
		    "2026-12-05T09:00:00Z\n",
		"rianru-catalogue 1\ncatalogue a\nsequence 1\ndate "
		    "2026-12-05T09:00:00Z",
		"rianru-catalogue 1\ncatalogue a\nsequence 1\ndate "
		    "2026-12-05T09:00:00Z\ncourse x 1.0.0 " "aa bb 1 x.pack\n",
		"rianru-catalogue 1\ncatalogue a\nsequence 1\ndate "
		    "2026-12-05T09:00:00Z\ncourse x 1.0.0 "
		    "0000000000000000000000000000000000000000000000000000000000000000 "
		    "0000000000000000000000000000000000000000000000000000000000000000 "
		    "1 ../x.pack\n",
		NULL
	};
	struct catindex	ix;
	struct err	e;
	int		i;

	for (i = 0; bad[i] != NULL; i++) {
		catindex_init(&ix);
		cr_assert_eq(catindex_parse(bad[i], strlen(bad[i]), &ix, &e),
		    -1, "case %d", i);
	}
}

/*
 * Format 2 carries mastery and the review flag: a packed course means
 * what its YAML means (format 1 could not say "mastery" and refused it).
 */
Test(pack, mastery_and_review_are_kept)
{
	struct course	*c = load("tests/data/e2e/mastery/e2e-mastery"), *b;
	const struct quiz *z = NULL, *bz = NULL;
	struct pack	*p;
	struct err	 e;
	char		 path[256];
	size_t		 i;

	snprintf(path, sizeof path, "%s/m.pack", tmpdir);
	err_clear(&e);
	cr_assert_eq(pack_write(path, c, w, &e), 0, "%s", e.msg);
	cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
	cr_assert_not_null(b = pack_body(p, &e), "%s", e.msg);
	for (i = 0; i < c->nmodules; i++)
		if (c->modules[i].quiz != NULL) {
			z = c->modules[i].quiz;
			bz = b->modules[i].quiz;
		}
	cr_assert_not_null(z);
	cr_assert_gt(z->mastery_of, 0);
	cr_assert_eq(bz->mastery_of, z->mastery_of);
	cr_assert_eq(bz->mastery_correct, z->mastery_correct);
	cr_assert_eq(b->review, c->review);
	course_free(b);
	/* and a course with review off says so */
	b = pack_header(p, &e);
	cr_assert_not_null(b, "%s", e.msg);
	cr_assert_eq(b->review, c->review);
	course_free(b);
	pack_close(p);
	course_free(c);
}

/*
 * Format 3 carries the course's words (course.yaml 'words:') in both
 * records, and the search index cuts text with them: a listed word is one
 * word of the index and of a query.
 */
Test(pack, words_are_kept_and_searched_whole)
{
	struct course	*c = load("tests/data/e2e/words/e2e-words"), *b;
	struct pack	*p;
	struct err	 e;
	char		 path[256], *q;
	size_t		 i;
	int		 head;

	cr_assert_eq(c->nwords, 3);
	write_pack(c, path, sizeof path);
	text_wrapper_use_words(w, NULL, 0);
	cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
	for (head = 0; head < 2; head++) {
		b = head ? pack_header(p, &e) : pack_body(p, &e);
		cr_assert_not_null(b, "%s", e.msg);
		cr_assert_eq(b->nwords, c->nwords);
		for (i = 0; i < c->nwords; i++)
			cr_assert_str_eq(b->words[i], c->words[i]);
		course_free(b);
	}
	q = pack_fts_query(w, "คิวอาร์โค้ด");
	cr_assert_str_eq(q, "\"คิว\" + \"อาร์\" + \"โค้ด\" *");
	free(q);
	text_wrapper_use_words(w, c->words, c->nwords);
	q = pack_fts_query(w, "คิวอาร์โค้ด");
	cr_assert_str_eq(q, "\"คิวอาร์โค้ด\" *");
	free(q);
	cr_assert_eq(pack_search(p, w, "คิวอาร์โค้ด", &e), 1);
	cr_assert_eq(pack_search(p, w, "แรนซัมแวร์", &e), 1);
	cr_assert_eq(pack_search(p, w, "ดีปเฟก", &e), 1);
	/* "นซัมแวร์" was a word of the index only without the list */
	cr_assert_eq(pack_search(p, w, "นซัมแวร์", &e), 0);
	pack_close(p);
	course_free(c);
}

/* Set the pack's format to 'fmt' (the records stay as they are). */
static void
set_format(const char *path, const char *fmt)
{
	sqlite3	*db;
	char	 sql[128];

	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(sql, sizeof sql, "UPDATE pack SET value = '%s' WHERE "
	    "key = 'format'", fmt);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/*
 * Packs published before words (format 2) still open: their records end
 * after the modules, which reads as a course without words. Other formats
 * are refused with a message that says which formats are read.
 */
Test(pack, format_2_is_read_and_others_refused)
{
	struct course	*c = load("tests/data/good/mini"), *b;
	struct buf	 r;
	struct pack	*p;
	struct err	 e;
	char		 path[256];

	cr_assert_eq(c->nwords, 0);
	record(c, 0, &r);
	cr_assert_eq(r.data[r.len - 1], 0, "no words: a count of 0 last");
	b = codec_decode_format(r.data, r.len - 1, 0, "x", 2, &e);
	cr_assert_not_null(b, "a format 2 record: %s", e.msg);
	cr_assert_eq(b->nwords, 0);
	course_free(b);
	cr_assert_null(codec_decode(r.data, r.len - 1, 0, "x", &e),
	    "format 3 needs the words");
	cr_assert_null(codec_decode_format(r.data, r.len, 0, "x", 2, &e),
	    "format 2 has nothing after the modules");
	buf_release(&r);

	write_pack(c, path, sizeof path);
	set_format(path, "2");
	cr_assert_not_null(p = pack_open(path, &e), "%s", e.msg);
	/* its format 3 record, read as format 2, has a byte too many */
	cr_assert_null(pack_body(p, &e));
	pack_close(p);
	set_format(path, "4");
	cr_assert_null(pack_open(path, &e));
	cr_assert(strstr(e.msg, "has format 4 (this rianru reads formats 2 "
	    "and 3)") != NULL, "%s", e.msg);
	course_free(c);
}
