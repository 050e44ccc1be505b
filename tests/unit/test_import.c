#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "content/course.h"
#include "content/import.h"
#include "content/load.h"

/* Parse 'src' as format 'f' into 'im' (import_init'ed as "bank"). */
static int
parse(struct import *im, enum import_format f, const char *src)
{
	import_init(im, "bank");
	return import_parse(im, f, src, strlen(src));
}

/* Message 'i' of 'd' as rianru prints it. */
static const char *
msg(const struct diags *d, size_t i)
{
	static char	buf[1024];

	cr_assert_lt(i, d->n, "only %zu messages", d->n);
	if (d->v[i].col == 0)
		snprintf(buf, sizeof buf, "%s:%u: %s", d->v[i].file,
		    d->v[i].line, d->v[i].msg);
	else
		diag_format(&d->v[i], buf, sizeof buf);
	return buf;
}

/* Write 'im' as a module, load it back; the caller frees. */
static struct course *
roundtrip(struct import *im, struct buf *yaml)
{
	struct diags	 d;
	struct course	*c;

	import_ids(im, NULL, 0);
	buf_init(yaml);
	import_write_yaml(im, "bank", "คลัง", "bank-quiz", "bank.gift", yaml);
	diags_init(&d);
	c = load_module_mem("bank.yaml", yaml->data, yaml->len, &d);
	if (c == NULL)
		diags_print(&d, 0, stderr);
	cr_assert_not_null(c, "written module does not load:\n%s", yaml->data);
	cr_assert_eq(d.n, 0);
	diags_release(&d);
	return c;
}

static const char gift_src[] =
"// ความเห็น\n"
"$CATEGORY: $course$/top/ความปลอดภัย\n"
"\n"
"::รหัสผ่าน::ข้อใดดีที่สุด {\n"
"\t~123456#เดาง่าย\n"
"\t=Mango-River-42\n"
"####วลียาว\n"
"}\n"
"\n"
"::Pick all 1::เลือก {~%50%ก ~%50%ข ~%-100%ค}\n"
"\n"
"::tf::ใช่ไหม {T}\n"
"\n"
"::fill::ชื่อย่อ {=ก.พ. =กพ =%50%กพร}\n"
"\n"
"::num::กี่ตัว {#12:0.5}\n"
"\n"
"::range::ช่วง {#18..27}\n"
"\n"
"::match::จับคู่ {=OTP -> รหัสครั้งเดียว =VPN -> เครือข่าย = -> เกิน}\n"
"\n"
"::essay::เขียน {}\n"
"\n"
"::esc::a \\{b\\} \\= c\\: d {=x\\~y ~z}\n"
"\n"
"คำอธิบาย\n";

Test(import_gift, every_type)
{
	struct import	 im;
	struct question	*q;

	cr_assert_eq(parse(&im, IMPORT_GIFT, gift_src), 0);
	cr_assert_eq(im.errors.n, 0);
	cr_assert_str_eq(im.category, "ความปลอดภัย");
	cr_assert_eq(im.n, 8);
	q = &im.q[0];
	cr_assert_eq(q->type, Q_CHOICE);
	cr_assert_eq(q->line, 4);
	cr_assert_str_eq(q->prompt.s[LANG_TH], "ข้อใดดีที่สุด");
	cr_assert_str_eq(q->prompt.s[LANG_EN], "ข้อใดดีที่สุด");
	cr_assert_str_eq(q->explain.s[LANG_TH], "วลียาว");
	cr_assert_eq(q->nchoices, 2);
	cr_assert_str_eq(q->choices[0].text.s[LANG_TH], "123456");
	cr_assert_str_eq(q->choices[0].feedback.s[LANG_TH], "เดาง่าย");
	cr_assert(!q->choices[0].correct && q->choices[1].correct);
	/* a Thai name has no ASCII: the id is a hash of it, so stable */
	cr_assert_eq(strncmp(q->id, "q-", 2), 0);
	cr_assert_eq(strlen(q->id), 10);

	q = &im.q[1];
	cr_assert_eq(q->type, Q_MULTIPLE);
	cr_assert_str_eq(q->id, "pick-all-1");
	cr_assert_eq(q->scoring, SCORING_PARTIAL);
	cr_assert(q->choices[0].correct && q->choices[1].correct &&
	    !q->choices[2].correct);
	cr_assert_eq(im.q[2].type, Q_TRUE_FALSE);
	cr_assert_eq(im.q[2].answer_bool, 1);
	q = &im.q[3];
	cr_assert_eq(q->type, Q_FILL_IN);
	cr_assert_eq(q->nanswers, 2);
	cr_assert_str_eq(q->answers[0], "ก.พ.");
	cr_assert_str_eq(q->answers[1], "กพ");
	cr_assert_eq(im.q[4].type, Q_NUMERIC);
	cr_assert_float_eq(im.q[4].answer_num, 12, 1e-12);
	cr_assert_float_eq(im.q[4].tolerance, 0.5, 1e-12);
	/* 18..27 is 22.5 give or take 4.5 */
	cr_assert_float_eq(im.q[5].answer_num, 22.5, 1e-12);
	cr_assert_float_eq(im.q[5].tolerance, 4.5, 1e-12);
	q = &im.q[6];
	cr_assert_eq(q->type, Q_MATCHING);
	cr_assert_eq(q->npairs, 2);
	cr_assert_str_eq(q->pairs[1].right.s[LANG_TH], "เครือข่าย");
	q = &im.q[7];
	cr_assert_str_eq(q->prompt.s[LANG_TH], "a {b} = c: d");
	cr_assert_str_eq(q->choices[0].text.s[LANG_TH], "x~y");

	cr_assert_eq(im.skipped.n, 4);
	cr_assert_str_eq(msg(&im.skipped, 0), "bank:14: skipped the "
	    "part-credit answers of 'fill' (fill-in answers are right or "
	    "wrong)");
	cr_assert_str_eq(msg(&im.skipped, 1), "bank:20: skipped the extra "
	    "right-hand answer 'เกิน' of 'match' (matching pairs need both "
	    "sides)");
	cr_assert_str_eq(msg(&im.skipped, 2), "bank:22: skipped essay 'essay' "
	    "(essays cannot be marked here)");
	cr_assert_str_eq(msg(&im.skipped, 3), "bank:26: skipped description "
	    "'คำอธิบาย' (text without a question)");
	import_release(&im);
}

Test(import_gift, malformed_all_reported_with_line_and_col)
{
	struct import	im;

	cr_assert_eq(parse(&im, IMPORT_GIFT,
	    "::a::ข้อ {=ก ~ข\n"
	    "\n"
	    "::b::x {=a =b ~c}\n"
	    "\n"
	    "::c::ถาม {#abc}\n"
	    "\n"
	    "::d::y {~a ~b}\n"
	    "\n"
	    "::e x {T}\n"), -1);
	cr_assert_eq(im.errors.n, 5);
	/* columns count characters, so Thai text before counts one each */
	cr_assert_str_eq(msg(&im.errors, 0), "bank:1:10: unclosed '{' in "
	    "question 'a'");
	cr_assert_str_eq(msg(&im.errors, 1), "bank:3:9: several answers start "
	    "with '=' (for several right answers use '~%50%' weights) in "
	    "question 'b'");
	cr_assert_str_eq(msg(&im.errors, 2), "bank:5:12: expected a number, "
	    "'N:TOLERANCE' or 'MIN..MAX' in question 'c'");
	cr_assert_str_eq(msg(&im.errors, 3), "bank:7:9: no answer is marked "
	    "right (with '=', or '~%50%' weights for several) in question "
	    "'d'");
	cr_assert_str_eq(msg(&im.errors, 4), "bank:9:1: unclosed '::' around "
	    "the question name");
	cr_assert_eq(im.n, 0);
	import_release(&im);
}

/*
 * An image in Moodle's own format (the default: HTML passes) or in
 * [markdown] is skipped and listed, never kept as markup the officer
 * would see; [plain] shows markup as typed, so it stays.
 */
Test(import_gift, images_in_every_format_skipped)
{
	struct import	im;

	cr_assert_eq(parse(&im, IMPORT_GIFT,
	    "::a:: ดูภาพ <IMG src=\"a.png\"> ข้อใด {T}\n\n"
	    "::b:: [markdown]ดูภาพ ![แผนที่](b.png) {T}\n\n"
	    "::c:: ข้อใด {=ก <img src\\=x> ~ข}\n\n"
	    "::d:: [plain]แท็ก <img> เขียนอย่างไร {T}\n\n"
	    "::e:: 2 <imgs> 3 {T}\n"), 0);
	cr_assert_eq(im.skipped.n, 3);
	cr_assert_str_eq(msg(&im.skipped, 0), "bank:1: skipped 'a': it shows "
	    "images");
	cr_assert_str_eq(msg(&im.skipped, 1), "bank:3: skipped 'b': it shows "
	    "images");
	cr_assert_str_eq(msg(&im.skipped, 2), "bank:5: skipped 'c': it shows "
	    "images");
	cr_assert_eq(im.n, 2, "the [plain] question and <imgs> are kept");
	import_release(&im);
}

Test(import_gift, bad_utf8)
{
	struct import	im;

	cr_assert_eq(parse(&im, IMPORT_GIFT, "::a::ก {T}\n\n::b::\xff {T}\n"),
	    -1);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:3:6: not valid UTF-8 "
	    "(save the file as UTF-8)");
	import_release(&im);
}

Test(import_aiken, questions_and_errors)
{
	struct import	im;

	cr_assert_eq(parse(&im, IMPORT_AIKEN,
	    "ข้อใดถูก\n"
	    "A. หนึ่ง\n"
	    "B) สอง\n"
	    "ANSWER: B\n"
	    "\n"
	    "สองบรรทัด\n"
	    "ต่อกัน\n"
	    "A. x\n"
	    "B. y\n"
	    "ANSWER: A\n"), 0);
	cr_assert_eq(im.n, 2);
	cr_assert_eq(im.q[0].type, Q_CHOICE);
	cr_assert_str_eq(im.q[0].choices[1].text.s[LANG_TH], "สอง");
	cr_assert(im.q[0].choices[1].correct && !im.q[0].choices[0].correct);
	cr_assert_str_eq(im.q[1].prompt.s[LANG_TH], "สองบรรทัด\nต่อกัน");
	cr_assert_eq(im.q[1].line, 6);
	import_release(&im);

	cr_assert_eq(parse(&im, IMPORT_AIKEN,
	    "Q1\nA. a\nB. b\nANSWER: C\n\n"
	    "Q2\nA. x\nANSWER: A\n"
	    "Q3\nA. x\nA. y\nANSWER: A\n\n"
	    "Q4\nA. x\n"), -1);
	cr_assert_eq(im.errors.n, 4);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:4:9: the answer 'C' is not "
	    "one of the options");
	cr_assert_str_eq(msg(&im.errors, 1), "bank:8:1: a question needs at "
	    "least 2 options (lines like 'A. text') before 'ANSWER:'");
	cr_assert_str_eq(msg(&im.errors, 2), "bank:11:1: option 'A' is given "
	    "twice");
	cr_assert_str_eq(msg(&im.errors, 3), "bank:15:1: the last question has "
	    "no 'ANSWER:' line");
	import_release(&im);
}

static const char mxml_src[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<quiz>\n"
"<question type=\"category\"><category><text>$course$/top/หมวด"
"</text></category></question>\n"
"<question type=\"multichoice\"><name><text>Q 1</text></name>\n"
"<questiontext format=\"html\"><text><![CDATA[<p>ข้อ&nbsp;ใด<br/>"
"ถูก &amp; ดี</p>]]></text></questiontext>\n"
"<generalfeedback><text>เพราะ</text></generalfeedback>\n"
"<single>true</single>\n"
"<answer fraction=\"100\"><text>ก</text><feedback><text>ใช่</text>"
"</feedback></answer>\n"
"<answer fraction=\"0\"><text>ข</text></answer>\n"
"</question>\n"
"<question type=\"truefalse\"><name><text>tf</text></name>\n"
"<questiontext><text>จริง</text></questiontext>\n"
"<answer fraction=\"100\"><text>true</text></answer>\n"
"<answer fraction=\"0\"><text>false</text></answer></question>\n"
"<question type=\"numerical\"><name><text>n</text></name>\n"
"<questiontext><text>กี่</text></questiontext>\n"
"<answer fraction=\"100\"><text>3.5</text><tolerance>0.25</tolerance>"
"</answer>\n"
"<units><unit><unit_name>วัน</unit_name></unit></units></question>\n"
"<question type=\"essay\"><name><text>เรียงความ</text></name>"
"<questiontext><text>x</text></questiontext></question>\n"
"<question type=\"ddwtos\"><name><text>drag</text></name>"
"<questiontext><text>x</text></questiontext></question>\n"
"<question type=\"shortanswer\"><name><text>s</text></name>\n"
"<questiontext><text><![CDATA[<img src=\"a.png\">]]> ดูภาพ</text>"
"</questiontext>\n"
"<answer fraction=\"100\"><text>x</text></answer></question>\n"
"</quiz>\n";

Test(import_mxml, types_html_and_skips)
{
	struct import	 im;
	struct question	*q;

	cr_assert_eq(parse(&im, IMPORT_MOODLE_XML, mxml_src), 0);
	cr_assert_eq(im.errors.n, 0);
	cr_assert_str_eq(im.category, "หมวด");
	cr_assert_eq(im.n, 3);
	q = &im.q[0];
	cr_assert_str_eq(q->id, "q-1");
	cr_assert_eq(q->line, 4);
	cr_assert_eq(q->type, Q_CHOICE);
	/* HTML: tags dropped, <br> a new line, entities decoded */
	cr_assert_str_eq(q->prompt.s[LANG_TH], "ข้อ ใด\nถูก & ดี");
	cr_assert_str_eq(q->explain.s[LANG_TH], "เพราะ");
	cr_assert_str_eq(q->choices[0].feedback.s[LANG_TH], "ใช่");
	cr_assert(q->choices[0].correct && !q->choices[1].correct);
	cr_assert_eq(im.q[1].type, Q_TRUE_FALSE);
	cr_assert_eq(im.q[1].answer_bool, 1);
	q = &im.q[2];
	cr_assert_eq(q->type, Q_NUMERIC);
	cr_assert_float_eq(q->answer_num, 3.5, 1e-12);
	cr_assert_float_eq(q->tolerance, 0.25, 1e-12);
	cr_assert_str_eq(q->unit.s[LANG_TH], "วัน");
	cr_assert_eq(im.skipped.n, 3);
	cr_assert_str_eq(msg(&im.skipped, 0), "bank:19: skipped essay "
	    "'เรียงความ'");
	cr_assert_str_eq(msg(&im.skipped, 1), "bank:20: skipped question "
	    "'drag' of type 'ddwtos' (not supported)");
	cr_assert_str_eq(msg(&im.skipped, 2), "bank:21: skipped 's': it shows "
	    "images");
	import_release(&im);
}

Test(import_mxml, malformed)
{
	struct import	im;

	cr_assert_eq(parse(&im, IMPORT_MOODLE_XML,
	    "<quiz>\n<question type=\"truefalse\">\n</quiz>\n"), -1);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:3:8: opening and ending "
	    "tag mismatch: question line 2 and quiz");
	import_release(&im);

	cr_assert_eq(parse(&im, IMPORT_MOODLE_XML,
	    "<quiz>\n<question type=\"multichoice\"><name><text>a</text></name>"
	    "<questiontext><text>q</text></questiontext>\n"
	    "<answer fraction=\"0\"><text>x</text></answer>\n"
	    "<answer fraction=\"0\"><text>y</text></answer></question>\n"
	    "<question type=\"truefalse\"><name><text>b</text></name>"
	    "<questiontext><text>q</text></questiontext></question>\n"
	    "</quiz>\n"), -1);
	cr_assert_eq(im.errors.n, 2);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:2:1: question 'a' has 0 "
	    "answers worth 100% (a single-answer question needs exactly one)");
	cr_assert_str_eq(msg(&im.errors, 1), "bank:5:1: true-false question "
	    "'b' has no answer 'true' or 'false' worth 100%");
	import_release(&im);

	/* messages name a question as the trainer wrote it, not by the
	 * hash a Thai name's id is */
	cr_assert_eq(parse(&im, IMPORT_MOODLE_XML,
	    "<quiz>\n<question type=\"multichoice\"><name><text>รหัสผ่าน"
	    "</text></name><questiontext><text>q</text></questiontext>\n"
	    "<answer fraction=\"100\"><text>x</text></answer></question>\n"
	    "</quiz>\n"), -1);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:2:1: question 'รหัสผ่าน' "
	    "needs at least 2 answers");
	import_release(&im);

	/* a right answer must not quietly become a wrong one */
	cr_assert_eq(parse(&im, IMPORT_MOODLE_XML,
	    "<quiz>\n<question type=\"multichoice\"><name><text>a</text></name>"
	    "<questiontext><text>q</text></questiontext>\n"
	    "<answer fraction=\"100\"><text>x</text></answer>\n"
	    "<answer fraction=\"1OO\"><text>y</text></answer></question>\n"
	    "</quiz>\n"), -1);
	cr_assert_eq(im.errors.n, 1);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:4:9: fraction '1OO' of an "
	    "answer is not a number");
	import_release(&im);

	/*
	 * libxml2 gives a node's line only: the column is where its start
	 * tag (or the attribute at fault) stands on that line, counted in
	 * characters, the second <answer> of a line being the second one
	 */
	cr_assert_eq(parse(&im, IMPORT_MOODLE_XML,
	    "<quiz>\n  <question type=\"multichoice\"><name><text>ก</text>"
	    "</name><questiontext><text>ถาม</text></questiontext>"
	    "<answer fraction=\"100\"><text>ใช่</text></answer>"
	    "<answer fraction=\"x\"><text>ไม่</text></answer></question>\n"
	    "<question type=\"numerical\"><name><text>n</text></name>"
	    "<questiontext><text>q</text></questiontext>\n"
	    "\t<answer fraction=\"100\"><text>สิบ</text></answer>"
	    "</question>\n<question type=\"matching\"><name><text>m</text>"
	    "</name><questiontext><text>q</text></questiontext>"
	    "<subquestion><text>a</text><answer><text>b</text></answer>"
	    "</subquestion> <subquestion><text>c</text></subquestion>"
	    "</question></quiz>\n"), -1);
	cr_assert_eq(im.errors.n, 3);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:2:160: fraction 'x' of an "
	    "answer is not a number");
	cr_assert_str_eq(msg(&im.errors, 1), "bank:4:2: numeric answer 'สิบ' "
	    "of 'n' is not a number");
	cr_assert_str_eq(msg(&im.errors, 2), "bank:5:170: a pair of 'm' has "
	    "no answer");
	import_release(&im);

	cr_assert_eq(parse(&im, IMPORT_MOODLE_XML,
	    "<!DOCTYPE quiz [<!ENTITY a \"aaaa\">]>\n<quiz/>\n"), -1);
	cr_assert_str_eq(msg(&im.errors, 0), "bank:1:1: a DOCTYPE is not "
	    "allowed in a Moodle XML file");
	import_release(&im);
}

Test(import_ids, stable_unique_and_clear_of_the_course)
{
	struct import		 im;
	static const char *const taken[] = { "q1", "q1-2" };

	cr_assert_eq(parse(&im, IMPORT_GIFT,
	    "::Q1::a {T}\n\n::q1::b {T}\n\n::Q 2!::c {T}\n\n::q 2::d {T}\n"),
	    0);
	import_ids(&im, taken, 2);
	cr_assert_str_eq(im.q[0].id, "q1-3");
	cr_assert_str_eq(im.q[1].id, "q1-4");
	cr_assert_str_eq(im.q[2].id, "q-2");
	cr_assert_str_eq(im.q[3].id, "q-2-2");
	cr_assert_str_eq(import_make_id(&im, "ใช้ซ้ำ"),
	    import_make_id(&im, "ใช้ซ้ำ"));
	import_release(&im);
}

/* Text YAML must quote or escape, and text it must keep byte for byte. */
Test(import_yaml, text_reads_back_byte_exact)
{
	static const char *const texts[] = {
		"ข้อใด: ถูก", "- ขีด", "yes", "No", "123", "1.5e3", "a # b",
		"ท้าย:", "\"quoted\" and 'single'", "back\\slash",
		"บรรทัดหนึ่ง\nบรรทัดสอง\n\nย่อหน้า", "tab\there", "[x]",
		"{y}", "*star", "&amp", "!bang", "%pc", "@at", "`tick`",
		"~", "null", "น้ำ ที่ นี่", "กำ ก\xe0\xb9\x8d\xe0\xb8\xb2", "?q", ">gt",
		"|bar", "x: y\nz",
	};
	struct import	 im;
	struct buf	 yaml;
	struct course	*c;
	size_t		 i, n = sizeof texts / sizeof texts[0];

	import_init(&im, "bank");
	for (i = 0; i < n; i++) {
		struct question	*q = import_add(&im, Q_FILL_IN, 1, NULL,
		    texts[i]);

		q->prompt = import_lstr(texts[i]);
		q->answers = calloc(1, sizeof *q->answers);
		q->answers[0] = texts[i];
		q->nanswers = 1;
		q->explain = import_lstr(texts[i]);
	}
	c = roundtrip(&im, &yaml);
	cr_assert_eq(c->modules[0].quiz->nquestions, n);
	for (i = 0; i < n; i++) {
		const struct question	*q = &c->modules[0].quiz->questions[i];

		cr_assert_str_eq(q->prompt.s[LANG_TH], texts[i], "%s", yaml.data);
		cr_assert_str_eq(q->prompt.s[LANG_EN], texts[i]);
		cr_assert_str_eq(q->answers[0], texts[i]);
		cr_assert_str_eq(q->explain.s[LANG_TH], texts[i]);
		free(im.q[i].answers);
	}
	course_free(c);
	buf_release(&yaml);
	import_release(&im);
}

/*
 * Control characters (C0, C1, a BOM inside text) are written escaped, so
 * the file stays valid YAML, and the loader then refuses them naming the
 * character: a bank cannot smuggle terminal escapes into a course.
 */
Test(import_yaml, controls_written_escaped_and_refused_by_name)
{
	static const char *const texts[] = { "ctl\x01x", "c1\xc2\x85x",
	    "bom\xef\xbb\xbfx" };
	static const char *const names[] = { "U+0001", "U+0085", "U+FEFF" };
	struct import	 im;
	struct buf	 yaml;
	struct diags	 d;
	struct course	*c;
	size_t		 i;
	char		 one[2] = { 0x01, 0 };

	for (i = 0; i < 3; i++) {
		struct question	*q;

		import_init(&im, "bank");
		q = import_add(&im, Q_FILL_IN, 1, NULL, texts[i]);
		q->prompt = import_lstr(texts[i]);
		q->answers = calloc(1, sizeof *q->answers);
		q->answers[0] = "x";
		q->nanswers = 1;
		import_ids(&im, NULL, 0);
		buf_init(&yaml);
		import_write_yaml(&im, "bank", "คลัง", "bank-quiz", "bank.gift",
		    &yaml);
		cr_assert(strstr(yaml.data, one) == NULL);
		cr_assert(strstr(yaml.data, "\xc2\x85") == NULL);
		cr_assert(strstr(yaml.data, "\xef\xbb\xbf") == NULL);
		diags_init(&d);
		c = load_module_mem("bank.yaml", yaml.data, yaml.len, &d);
		cr_assert_null(c, "%s", yaml.data);
		cr_assert(d.nerrors > 0);
		cr_assert(strstr(d.v[0].msg, names[i]) != NULL, "%s",
		    d.v[0].msg);
		diags_release(&d);
		free(im.q[0].answers);
		buf_release(&yaml);
		import_release(&im);
	}
}

Test(import_yaml, every_type_round_trips)
{
	struct import	 im;
	struct buf	 yaml;
	struct course	*c;
	const struct quiz *z;
	size_t		 i, k;

	cr_assert_eq(parse(&im, IMPORT_GIFT, gift_src), 0);
	c = roundtrip(&im, &yaml);
	z = c->modules[0].quiz;
	cr_assert_str_eq(c->modules[0].id, "bank");
	cr_assert_str_eq(z->id, "bank-quiz");
	cr_assert_eq(z->nquestions, im.n);
	for (i = 0; i < im.n; i++) {
		const struct question	*a = &im.q[i], *b = &z->questions[i];

		cr_assert_str_eq(a->id, b->id);
		cr_assert_eq(a->type, b->type);
		cr_assert_str_eq(a->prompt.s[LANG_TH], b->prompt.s[LANG_TH]);
		cr_assert_eq(a->nchoices, b->nchoices);
		for (k = 0; k < a->nchoices; k++) {
			cr_assert_str_eq(a->choices[k].text.s[LANG_TH],
			    b->choices[k].text.s[LANG_TH]);
			cr_assert_eq(a->choices[k].correct,
			    b->choices[k].correct);
		}
		cr_assert_eq(a->nanswers, b->nanswers);
		cr_assert_eq(a->npairs, b->npairs);
		cr_assert_eq(a->answer_bool, b->answer_bool);
		cr_assert_float_eq(a->answer_num, b->answer_num, 0);
		cr_assert_float_eq(a->tolerance, b->tolerance, 0);
		cr_assert_eq(a->scoring, b->scoring);
	}
	course_free(c);
	buf_release(&yaml);
	import_release(&im);
}
