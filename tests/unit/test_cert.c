/*
 * Certificates: the verification code, reading typed codes, Buddhist-era
 * dates, issuing only for completed courses, verifying, and the page.
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "learn/attempt.h"
#include "base/buf.h"
#include "report/cert.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "report/html.h"
#include "learn/learn.h"
#include "content/load.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_log.h"

#include "helpers.h"

static const unsigned char key[CRYPTO_KEY_LEN] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
	0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};

static const struct cert_record rec = {
	"5001", "สมศรี ใจดี", "กรมการปกครอง", "policy", "digital-literacy",
	"1.0.0", 1741750000, 3, 0.8,
};

/* The code of 'rec' with one field changed by 'edit'. */
static void
code_with(void (*edit)(struct cert_record *), char out[CERT_CODE_LEN + 1])
{
	struct cert_record	r = rec;

	edit(&r);
	cert_code(key, &r, out);
}

static void ed_code(struct cert_record *r) { r->officer_code = "5002"; }
static void ed_name(struct cert_record *r) { r->name = "สมศรี ใจร้าย"; }
static void ed_agency(struct cert_record *r) { r->agency = "อื่น"; }
static void ed_group(struct cert_record *r) { r->group = "executive"; }
static void ed_course(struct cert_record *r) { r->course_id = "x"; }
static void ed_version(struct cert_record *r) { r->version = "1.0.1"; }
static void ed_when(struct cert_record *r) { r->completed++; }
static void ed_hours(struct cert_record *r) { r->hours = 30; }
/* prints as 80% all the same: still another code */
static void ed_score(struct cert_record *r) { r->score = 0.801; }
static void ed_noquiz(struct cert_record *r) { r->score = -1; }
static void ed_shift(struct cert_record *r)
{
	r->officer_code = "500";
	r->name = "1สมศรี ใจดี";
}

Test(cert, code_covers_every_field_of_the_record)
{
	static void (*const edits[])(struct cert_record *) = { ed_code,
	    ed_name, ed_agency, ed_group, ed_course, ed_version, ed_when,
	    ed_hours, ed_score, ed_noquiz, ed_shift };
	unsigned char	 other[CRYPTO_KEY_LEN];
	char		 a[CERT_CODE_LEN + 1], b[CERT_CODE_LEN + 1];
	size_t		 i;

	cert_code(key, &rec, a);
	cr_assert_eq(strlen(a), CERT_CODE_LEN);
	cr_assert_eq(strncmp(a, "RNR-", 4), 0);
	cr_assert_eq(a[8], '-');
	cr_assert_eq(strspn(a + 4, "0123456789ABCDEFGHJKMNPQRSTVWXYZ-"), 9);
	/* the same record, the same code */
	cert_code(key, &rec, b);
	cr_assert_str_eq(a, b);
	for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		code_with(edits[i], b);
		cr_assert_str_neq(a, b, "edit %zu left the code as it was", i);
	}
	/* another key, another code */
	memcpy(other, key, sizeof other);
	other[31] ^= 1;
	cert_code(other, &rec, b);
	cr_assert_str_neq(a, b);
}

Test(cert, code_known_value)
{
	char	a[CERT_CODE_LEN + 1];

	/*
	 * The first 40 bits of keyed BLAKE2b-256 (key above) over
	 * "rianru-certificate-2\0" and the fields, NUL-separated, numbers as
	 * %lld and %.17g, in Crockford base 32 (checked with Python's
	 * hashlib.blake2b). A change here breaks every certificate printed.
	 */
	cert_code(key, &rec, a);
	cr_assert_str_eq(a, "RNR-ZDQQ-NX1E");
}

Test(cert, typed_codes)
{
	char	out[CERT_CODE_LEN + 1];

	cr_assert_eq(cert_code_parse("RNR-XVNW-J7H2", out), 0);
	cr_assert_str_eq(out, "RNR-XVNW-J7H2");
	cr_assert_eq(cert_code_parse(" rnr xvnw j7h2 ", out), 0);
	cr_assert_str_eq(out, "RNR-XVNW-J7H2");
	cr_assert_eq(cert_code_parse("xvnwj7h2", out), 0);
	cr_assert_str_eq(out, "RNR-XVNW-J7H2");
	cr_assert_eq(cert_code_parse("RNR-OIL0-0000", out), 0);
	cr_assert_str_eq(out, "RNR-0110-0000");
	cr_assert_eq(cert_code_parse("RNR-XVNW-J7H", out), -1);
	cr_assert_eq(cert_code_parse("RNR-XVNW-J7H22", out), -1);
	cr_assert_eq(cert_code_parse("RNR-XVNW-J7HU", out), -1);
	cr_assert_eq(cert_code_parse("", out), -1);
}

Test(cert, buddhist_era_dates)
{
	struct buf	b;

	setenv("TZ", "Asia/Bangkok", 1);
	tzset();
	buf_init(&b);
	/* 2025-03-11 23:30 UTC is already the 12th in Bangkok */
	html_date(&b, 1741735800, LANG_TH);
	cr_assert_str_eq(b.data, "12 มีนาคม พ.ศ. 2568");
	buf_reset(&b);
	html_date(&b, 1741735800, LANG_EN);
	cr_assert_str_eq(b.data, "12 March 2025");
	buf_reset(&b);
	cr_assert_eq(html_date_ymd(&b, "2027-12-31", LANG_TH), 0);
	cr_assert_str_eq(b.data, "31 ธันวาคม พ.ศ. 2570");
	buf_reset(&b);
	cr_assert_eq(html_date_ymd(&b, "2024-01-01", LANG_TH), 0);
	cr_assert_str_eq(b.data, "1 มกราคม พ.ศ. 2567");
	buf_reset(&b);
	cr_assert_eq(html_date_ymd(&b, "2024-13-01", LANG_TH), -1);
	cr_assert_eq(html_date_ymd(&b, "31/12/2027", LANG_TH), -1);
	cr_assert_eq(b.len, 0);
	html_escape(&b, "<a href=\"x\">R&D's</a>");
	cr_assert_str_eq(b.data,
	    "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
	buf_release(&b);
}

/* A two-module course with a quiz in the first. */
static const char course_yaml[] =
"rianru: 1\nid: mini\nversion: 2.1.0\n"
"title: { th: หลักสูตรย่อ <ทดสอบ>, en: Mini course }\n"
"audience: all\narea: digital-governance\nlevel: early\nhours: 1.5\n"
"certification: { body: สดช., code: ONDE-T-1, valid-until: 2027-12-31 }\n"
"modules: [m1.yaml, m2.yaml]\n";
static const char m1_yaml[] =
"id: m1\ntitle: one\npages: [{title: p, text: t}]\n"
"quiz:\n  id: q\n  pass: 50%\n  questions:\n"
"    - {id: a, type: true-false, prompt: p, answer: true}\n"
"    - {id: b, type: true-false, prompt: p, answer: true}\n";
static const char m2_yaml[] =
"id: m2\ntitle: two\npages: [{title: p, text: t}]\n";

static time_t	now_at = 1741750000;

static time_t
fixed_now(void)
{
	return now_at;
}

Test(cert, issue_verify_and_the_page)
{
	char			 dir[] = "/tmp/rianru-cert-XXXXXX", db[128];
	struct diags		 d;
	struct course		*c;
	struct store		*st;
	struct store_officer	 o;
	struct store_cert	 sc;
	struct learn		 l;
	struct learn_attempt	*la;
	struct attempt_score	 as;
	struct attempt_result	 res;
	struct cert		 ct, again;
	struct err		 e;
	struct buf		 b;

	setenv("TZ", "Asia/Bangkok", 1);
	tzset();
	cr_assert_not_null(mkdtemp(dir));
	write_file(dir, "course.yaml", course_yaml);
	write_file(dir, "m1.yaml", m1_yaml);
	write_file(dir, "m2.yaml", m2_yaml);
	diags_init(&d);
	c = load_course_dir(dir, &d);
	cr_assert_not_null(c, "%s", d.n ? d.v[0].msg : "");
	diags_release(&d);
	snprintf(db, sizeof db, "%s/p.db", dir);
	cr_assert_not_null(st = store_open(db, &e));
	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "5001");
	snprintf(o.name, sizeof o.name, "สมศรี <ใจดี>");
	snprintf(o.group, sizeof o.group, "policy");
	snprintf(o.agency, sizeof o.agency, "กรมการปกครอง");
	cr_assert_eq(store_officer_add(st, &o, now_at, &e), 0);

	cr_assert_eq(cert_issue(st, c, "5001", key, now_at, &ct, &e), -1);
	cr_assert_str_eq(e.msg, "officer '5001' has not started course "
	    "'mini': only completed courses get a certificate");
	cr_assert_eq(cert_issue(st, c, "nobody", key, now_at, &ct, &e), -1);
	cr_assert_str_eq(e.msg, "no officer with code 'nobody'");

	learn_init(&l, st, &o, "https://a.go.th", "https://r.test", "th-TH");
	l.now = fixed_now;
	cr_assert_eq(learn_read_page(&l, c, &c->modules[0], 0, &e), 0);
	la = learn_attempt_begin(&l, c, &c->modules[0], &e);
	cr_assert_not_null(la);
	cr_assert_eq(learn_answer(&l, la, 0, "true", &as, &e), 0);
	cr_assert_eq(learn_answer(&l, la, 1, "false", &as, &e), 0);
	cr_assert_eq(learn_attempt_finish(&l, la, &res, &e), 0, "%s", e.msg);
	cr_assert(res.passed);
	attempt_result_release(&res);
	learn_attempt_free(la);
	cr_assert_eq(cert_issue(st, c, "5001", key, now_at, &ct, &e), -1);
	cr_assert_str_eq(e.msg, "officer '5001' has not completed course "
	    "'mini' yet (1 of 2 modules done): only completed courses get a "
	    "certificate");

	now_at += 60;
	cr_assert_eq(learn_read_page(&l, c, &c->modules[1], 0, &e), 0);
	cr_assert_eq(cert_issue(st, c, "5001", key, now_at + 100, &ct, &e), 0,
	    "%s", e.msg);
	cr_assert_eq(ct.completed, now_at);
	cr_assert_float_eq(ct.hours, 1.5, 1e-9);
	cr_assert_float_eq(ct.score, 0.5, 1e-9);
	cr_assert_eq(ct.issued, now_at + 100);
	/* again later: the same code, the first issue time */
	cr_assert_eq(cert_issue(st, c, "5001", key, now_at + 999, &again, &e), 0);
	cr_assert_str_eq(again.code, ct.code);
	cr_assert_eq(again.issued, now_at + 100);

	cr_assert_eq(cert_verify(st, ct.code, key, &sc, &e), 0, "%s", e.msg);
	cr_assert_str_eq(sc.officer_code, "5001");
	cr_assert_str_eq(sc.course_version, "2.1.0");
	cr_assert_float_eq(sc.score, 0.5, 1e-9);
	cr_assert_eq(cert_verify(st, "RNR-0000-0000", key, &sc, &e), 1);
	cr_assert_str_eq(e.msg, "no certificate 'RNR-0000-0000' was issued "
	    "from this progress file");

	buf_init(&b);
	cert_html(&ct, &b);
	cr_assert(strstr(b.data, "<!DOCTYPE html>") == b.data);
	cr_assert(strstr(b.data, "สมศรี &lt;ใจดี&gt;") != NULL);
	cr_assert(strstr(b.data, "หลักสูตรย่อ &lt;ทดสอบ&gt;") != NULL);
	cr_assert(strstr(b.data, "Mini course") != NULL);
	cr_assert(strstr(b.data, "1.5 ชั่วโมง") != NULL);
	cr_assert(strstr(b.data, "50%") != NULL);
	cr_assert(strstr(b.data, "12 มีนาคม พ.ศ. 2568") != NULL);
	cr_assert(strstr(b.data, "12 March 2025") != NULL);
	cr_assert(strstr(b.data, "ONDE-T-1") != NULL);
	cr_assert(strstr(b.data, "31 ธันวาคม พ.ศ. 2570") != NULL);
	cr_assert(strstr(b.data, ct.code) != NULL);
	cr_assert(strstr(b.data, "ผู้ทำงานด้านนโยบายและวิชาการ") != NULL);
	/* self-contained: nothing fetched from elsewhere */
	cr_assert_null(strstr(b.data, "http"));
	cr_assert_null(strstr(b.data, "src="));
	cr_assert_null(strstr(b.data, "@import"));
	buf_release(&b);
	store_close(st);

	/* an edited record no longer verifies, whichever field changed */
	{
		static const char *const edits[][2] = {
			{ "UPDATE certificate SET hours = 30",
			  "UPDATE certificate SET hours = 1.5" },
			{ "UPDATE certificate SET score = 0.9",
			  "UPDATE certificate SET score = 0.5" },
			{ "UPDATE certificate SET score = NULL",
			  "UPDATE certificate SET score = 0.5" },
			{ "UPDATE officer SET name = 'สมชาย'",
			  "UPDATE officer SET name = 'สมศรี <ใจดี>'" },
			{ "UPDATE officer SET agency = 'x'",
			  "UPDATE officer SET agency = 'กรมการปกครอง'" },
			{ "UPDATE officer SET group_id = 'executive'",
			  "UPDATE officer SET group_id = 'policy'" },
			{ "UPDATE certificate SET course_version = '9'",
			  "UPDATE certificate SET course_version = '2.1.0'" },
			/* a file's own secret no longer makes codes */
			{ "UPDATE install SET value = 'ff' || substr(value, 3) "
			  "WHERE key = 'secret'", "SELECT 1" },
		};
		size_t	i;

		for (i = 0; i < sizeof edits / sizeof edits[0]; i++) {
			sql_run(db, edits[i][0]);
			cr_assert_not_null(st = store_open(db, &e));
			cr_assert_eq(cert_verify(st, ct.code, key, &sc, &e),
			    i < 7 ? 1 : 0, "%s: %s", edits[i][0], e.msg);
			if (i < 7)
				cr_assert(strstr(e.msg, "does not match its "
				    "record") != NULL, "%s", e.msg);
			store_close(st);
			sql_run(db, edits[i][1]);
		}
	}
	sql_run(db, "UPDATE certificate SET completed = completed - 86400");
	cr_assert_not_null(st = store_open(db, &e));
	cr_assert_eq(cert_verify(st, ct.code, key, &sc, &e), 1);
	cr_assert(strstr(e.msg, "does not match its record") != NULL, "%s",
	    e.msg);
	store_close(st);
	course_free(c);
	tmp_dir_remove(dir);
}
