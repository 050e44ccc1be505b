#include "report/cert.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "content/course.h"
#include "base/crypto.h"
#include "base/err.h"
#include "report/html.h"
#include "content/vocab.h"
#include "store/store_officer.h"
#include "store/store_event.h"
#include "store/store_query.h"
#include "store/store_log.h"

/* Crockford's base 32: no I, L, O, U, so codes read aloud survive. */
static const char cert_b32[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
cert_code(const unsigned char key[CRYPTO_KEY_LEN], const struct cert_record *r,
    char out[CERT_CODE_LEN + 1])
{
	struct buf	 msg;
	unsigned char	 mac[32];
	unsigned long long bits = 0;
	size_t		 i;
	int		 k;

	buf_init(&msg);
	/* each part with its NUL, so "ab"+"c" never equals "a"+"bc"; the
	 * numbers exactly, so an edit that prints the same still shows */
	buf_addf(&msg, "rianru-certificate-2%c%s%c%s%c%s%c%s%c%s%c%s%c"
	    "%lld%c%.17g%c%.17g", 0, r->officer_code, 0, r->name, 0,
	    r->agency, 0, r->group, 0, r->course_id, 0, r->version, 0,
	    (long long)r->completed, 0, r->hours, 0, r->score < 0 ? -1.0 :
	    r->score);
	crypto_mac(key, msg.data, msg.len, mac);
	buf_release(&msg);
	/* 5 bytes = 40 bits = 8 base-32 characters */
	for (i = 0; i < 5; i++)
		bits = bits << 8 | mac[i];
	memcpy(out, "RNR-", 4);
	for (k = 0; k < 8; k++)
		out[4 + k + (k >= 4)] = cert_b32[(bits >> (35 - 5 * k)) & 31];
	out[8] = '-';
	out[CERT_CODE_LEN] = '\0';
}

int
cert_code_parse(const char *in, char out[CERT_CODE_LEN + 1])
{
	char		 sym[16];
	size_t		 n = 0;
	const char	*p = in;
	int		 c, k;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "RNR", 3) == 0)
		p += 3;
	for (; *p != '\0'; p++) {
		c = toupper((unsigned char)*p);
		if (c == '-' || c == ' ' || c == '\t' || c == '\n')
			continue;
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (strchr(cert_b32, c) == NULL || c == '\0' || n == 8)
			return -1;
		sym[n++] = (char)c;
	}
	if (n != 8)
		return -1;
	memcpy(out, "RNR-", 4);
	for (k = 0; k < 8; k++)
		out[4 + k + (k >= 4)] = sym[k];
	out[8] = '-';
	out[CERT_CODE_LEN] = '\0';
	return 0;
}

/* Mean over the course's quizzes of the best finished attempt; -1 none. */
static int
cert_score(struct store *st, int64_t officer_id, const struct course *c,
    double *score, struct err *e)
{
	struct store_attempt	*list = NULL;
	size_t			 n = 0, i, m, counted = 0;
	double			 sum = 0, best;

	*score = -1;
	if (store_attempt_list(st, officer_id, c->id, NULL, &list, &n, e) ==
	    -1)
		return -1;
	for (m = 0; m < c->nmodules; m++) {
		if (c->modules[m].quiz == NULL)
			continue;
		best = -1;
		for (i = 0; i < n; i++)
			if (list[i].finished != 0 &&
			    strcmp(list[i].quiz_id, c->modules[m].quiz->id) ==
			    0 && list[i].scaled > best)
				best = list[i].scaled;
		if (best >= 0) {
			sum += best;
			counted++;
		}
	}
	store_attempt_list_free(list, n);
	if (counted > 0)
		*score = sum / (double)counted;
	return 0;
}

/* The record of store row 'sc' (borrowed) as a code covers it. */
static void
cert_record_of(const struct store_cert *sc, struct cert_record *r)
{
	r->officer_code = sc->officer_code;
	r->name = sc->officer_name;
	r->agency = sc->officer_agency;
	r->group = sc->officer_group;
	r->course_id = sc->course_id;
	r->version = sc->course_version;
	r->completed = sc->completed;
	r->hours = sc->hours;
	r->score = sc->score;
}

int
cert_issue(struct store *st, const struct course *c, const char *officer_code,
    const unsigned char key[CRYPTO_KEY_LEN], time_t now, struct cert *out,
    struct err *e)
{
	struct store_progress	*rows = NULL;
	struct store_cert	 sc;
	struct cert_record	 r;
	size_t			 n = 0;
	int			 rc;

	memset(out, 0, sizeof *out);
	out->course = c;
	if ((rc = store_officer_get(st, officer_code, &out->officer, e)) == -1)
		return -1;
	if (rc == 1)
		return err_set(e, "no officer with code '%s'", officer_code);
	if (store_progress(st, out->officer.id, c->id, &rows, &n, e) == -1)
		return -1;
	if (n == 0) {
		free(rows);
		return err_set(e, "officer '%s' has not started course '%s': "
		    "only completed courses get a certificate", officer_code,
		    c->id);
	}
	if (rows[0].completed == 0) {
		err_set(e, "officer '%s' has not completed course '%s' yet "
		    "(%d of %zu modules done): only completed courses get a "
		    "certificate", officer_code, c->id, rows[0].modules_done,
		    c->nmodules);
		free(rows);
		return -1;
	}
	out->completed = rows[0].completed;
	out->hours = rows[0].hours;
	free(rows);
	if (cert_score(st, out->officer.id, c, &out->score, e) == -1)
		return -1;
	r.officer_code = out->officer.code;
	r.name = out->officer.name;
	r.agency = out->officer.agency;
	r.group = out->officer.group;
	r.course_id = c->id;
	r.version = c->version;
	r.completed = out->completed;
	r.hours = out->hours;
	r.score = out->score;
	cert_code(key, &r, out->code);
	memset(&sc, 0, sizeof sc);
	snprintf(sc.code, sizeof sc.code, "%s", out->code);
	sc.officer_id = out->officer.id;
	snprintf(sc.course_id, sizeof sc.course_id, "%s", c->id);
	snprintf(sc.course_version, sizeof sc.course_version, "%s",
	    c->version);
	sc.completed = out->completed;
	sc.hours = out->hours;
	sc.score = out->score;
	sc.issued = now;
	if (store_cert_put(st, &sc, e) == -1 ||
	    store_cert_get(st, out->code, &sc, e) == -1)
		return -1;
	out->issued = sc.issued;
	return 0;
}

int
cert_verify(struct store *st, const char *code,
    const unsigned char key[CRYPTO_KEY_LEN], struct store_cert *out,
    struct err *e)
{
	struct store_progress	*rows = NULL;
	struct cert_record	 r;
	char			 canon[CERT_CODE_LEN + 1], again[CERT_CODE_LEN + 1];
	size_t			 n = 0;
	int			 rc;

	memset(out, 0, sizeof *out);
	if (cert_code_parse(code, canon) == -1) {
		err_set(e, "'%s' is not a certificate code (they look like "
		    "RNR-XXXX-XXXX)", code);
		return 1;
	}
	if ((rc = store_cert_get(st, canon, out, e)) == -1)
		return -1;
	if (rc == 1) {
		err_set(e, "no certificate '%s' was issued from this progress "
		    "file", canon);
		return 1;
	}
	cert_record_of(out, &r);
	cert_code(key, &r, again);
	if (strcmp(again, canon) != 0) {
		err_set(e, "certificate '%s' does not match its record under "
		    "this machine's certificate key (the record, the officer "
		    "or the key was changed, or it was issued before codes "
		    "were keyed: issue it again)", canon);
		return 1;
	}
	if (store_progress(st, out->officer_id, out->course_id, &rows, &n,
	    e) == -1)
		return -1;
	rc = n == 1 && rows[0].completed == out->completed;
	free(rows);
	if (!rc) {
		err_set(e, "certificate '%s' no longer matches the officer's "
		    "progress in '%s'", canon, out->course_id);
		return 1;
	}
	return 0;
}

/* The page ------------------------------------------------------------- */

static const char cert_css[] =
"@page{size:A4 landscape;margin:0}\n"
"*{box-sizing:border-box}\n"
"html,body{margin:0;padding:0;background:#fff}\n"
"body{font-family:\"Sarabun\",\"TH Sarabun New\",\"Noto Sans Thai\","
"\"Loma\",\"Garuda\",\"Norasi\",\"Tlwg Typo\",sans-serif;color:#1b2a41;"
"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
".page{width:297mm;height:210mm;padding:10mm;margin:0 auto}\n"
".frame{height:100%;border:4px double #8a6d1d;padding:9mm 18mm;"
"text-align:center;display:flex;flex-direction:column;"
"justify-content:space-between;"
"background:linear-gradient(180deg,#fffdf5 0,#fff 60%)}\n"
".seal{font-size:11pt;color:#8a6d1d}\n"
"h1{font-size:32pt;margin:2mm 0 0;color:#8a6d1d;font-weight:bold}\n"
".en{color:#5b6473;font-size:12.5pt;margin:.5mm 0}\n"
".lead{font-size:15pt;margin:3mm 0 1mm}\n"
".name{font-size:27pt;font-weight:bold;display:inline-block;"
"border-bottom:1px solid #c9b98a;padding:0 12mm 1mm;margin:1mm 0}\n"
".who{font-size:12.5pt;color:#3d4a5c}\n"
".course{font-size:20pt;font-weight:bold;margin:2mm 0 0}\n"
".facts{display:flex;justify-content:center;gap:10mm;margin:3mm 0;"
"font-size:13pt}\n"
".facts div{min-width:38mm}\n"
".facts b{display:block;font-size:17pt}\n"
".body{font-size:12pt;color:#3d4a5c}\n"
".foot{display:flex;justify-content:space-between;align-items:flex-end;"
"font-size:11pt;color:#3d4a5c;text-align:left}\n"
".code{font-family:\"DejaVu Sans Mono\",monospace;font-size:15pt;"
"letter-spacing:.08em;color:#1b2a41;font-weight:bold}\n"
"@media print{.page{margin:0}}\n";

static void
cert_lstr(struct buf *b, const struct lstr *l, enum lang lang)
{
	html_escape(b, lstr_get(l, lang));
}

/* Who the officer is: code, agency, group (in both languages). */
static void
cert_html_who(const struct cert *ct, struct buf *b)
{
	int	g;

	g = vocab_find(vocab_groups, GROUP_COUNT, ct->officer.group);
	buf_adds(b, "รหัสเจ้าหน้าที่ / Officer code ");
	html_escape(b, ct->officer.code);
	if (ct->officer.agency[0] != '\0') {
		buf_adds(b, " · ");
		html_escape(b, ct->officer.agency);
	}
	if (g >= 0) {
		buf_adds(b, " · ");
		html_escape(b, vocab_groups[g].th);
		buf_adds(b, " / ");
		html_escape(b, vocab_groups[g].en);
	}
}

/* The facts row: hours, score (or none without a quiz), completed. */
static void
cert_html_facts(const struct cert *ct, struct buf *b)
{
	int	pct;

	pct = ct->score >= 0 ? (int)(ct->score * 100 + 0.5) : -1;
	buf_addf(b, "%g", ct->hours);
	buf_adds(b, " ชั่วโมง</b><span class=\"en\">");
	buf_addf(b, "%g %s", ct->hours, ct->hours == 1 ? "hour" : "hours");
	buf_adds(b, "</span></div>\n<div>คะแนน<b>");
	if (pct >= 0)
		buf_addf(b, "%d%%", pct);
	else
		buf_adds(b, "–");
	buf_adds(b, "</b><span class=\"en\">Score");
	if (pct < 0)
		buf_adds(b, ": no quiz");
	buf_adds(b, "</span></div>\n<div>สำเร็จการอบรมเมื่อ<b>");
	html_date(b, ct->completed, LANG_TH);
	buf_adds(b, "</b><span class=\"en\">Completed ");
	html_date(b, ct->completed, LANG_EN);
}

/* The body that accredited the course, its code and how long. */
static void
cert_html_accreditation(const struct course *c, struct buf *b)
{
	buf_adds(b, "<br>\n<span id=\"accreditation\">หลักสูตรได้รับการ"
	    "รับรองโดย ");
	html_escape(b, c->cert.body);
	buf_adds(b, " รหัสหลักสูตร ");
	html_escape(b, c->cert.code);
	if (c->cert.valid_until != NULL) {
		buf_adds(b, " (รับรองถึงวันที่ ");
		html_date_ymd(b, c->cert.valid_until, LANG_TH);
		buf_adds(b, ")");
	}
	buf_adds(b, "</span><br>\n<span class=\"en\">Course certified "
	    "by ");
	html_escape(b, c->cert.body);
	buf_adds(b, ", code ");
	html_escape(b, c->cert.code);
	if (c->cert.valid_until != NULL) {
		buf_adds(b, ", valid until ");
		html_date_ymd(b, c->cert.valid_until, LANG_EN);
	}
	buf_adds(b, "</span>");
}

void
cert_html(const struct cert *ct, struct buf *b)
{
	const struct course	*c = ct->course;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>ประกาศนียบัตร · Certificate · ");
	html_escape(b, ct->officer.name);
	buf_adds(b, "</title>\n<style>\n");
	buf_adds(b, cert_css);
	buf_adds(b, "</style>\n</head>\n<body>\n<div class=\"page\">"
	    "<div class=\"frame\">\n<div>\n<div class=\"seal\">เรียนรู้ · "
	    "RIANRU</div>\n<h1>ประกาศนียบัตร</h1>\n"
	    "<div class=\"en\">Certificate of Completion</div>\n"
	    "<div class=\"lead\">ขอมอบประกาศนียบัตรฉบับนี้เพื่อแสดงว่า "
	    "<span class=\"en\">This certifies that</span></div>\n"
	    "<div class=\"name\" id=\"officer\">");
	html_escape(b, ct->officer.name);
	buf_adds(b, "</div>\n<div class=\"who\">");
	cert_html_who(ct, b);
	buf_adds(b, "</div>\n<div class=\"lead\">ได้สำเร็จการอบรมหลักสูตร "
	    "<span class=\"en\">has completed the course</span></div>\n"
	    "<div class=\"course\" id=\"course\">");
	cert_lstr(b, &c->title, LANG_TH);
	buf_adds(b, "</div>\n<div class=\"en\">");
	cert_lstr(b, &c->title, LANG_EN);
	buf_adds(b, " (");
	html_escape(b, c->id);
	buf_adds(b, ", version ");
	html_escape(b, c->version);
	buf_adds(b, ")</div>\n</div>\n<div class=\"facts\">\n<div>จำนวนชั่วโมง"
	    "<b>");
	cert_html_facts(ct, b);
	buf_adds(b, "</span></div>\n</div>\n<div class=\"body\">");
	buf_adds(b, "ด้านทักษะ");
	html_escape(b, vocab_areas[c->area].th);
	buf_adds(b, " · ");
	html_escape(b, vocab_levels[c->level].th);
	buf_adds(b, " <span class=\"en\">(");
	html_escape(b, vocab_areas[c->area].en);
	buf_adds(b, ", ");
	html_escape(b, vocab_levels[c->level].en);
	buf_adds(b, " level)</span>");
	if (c->cert.body != NULL)
		cert_html_accreditation(c, b);
	buf_adds(b, "</div>\n<div class=\"foot\">\n<div>ออกให้ ณ วันที่ ");
	html_date(b, ct->issued, LANG_TH);
	buf_adds(b, "<br><span class=\"en\">Issued ");
	html_date(b, ct->issued, LANG_EN);
	buf_adds(b, "</span></div>\n<div style=\"text-align:right\">"
	    "รหัสตรวจสอบ / Verification code<br>\n<span class=\"code\" "
	    "id=\"code\">");
	html_escape(b, ct->code);
	buf_adds(b, "</span><br>\n<span class=\"en\">ตรวจสอบด้วย / verify "
	    "with: rianru verify ");
	html_escape(b, ct->code);
	buf_adds(b, "</span></div>\n</div>\n</div></div>\n</body>\n</html>\n");
}
