#include <criterion/criterion.h>
#include <string.h>

#include "content/course.h"
#include "base/diag.h"
#include "content/load.h"
#include "content/search.h"
#include "text/text.h"

static const char module[] =
"id: m\n"
"title: { th: การคุ้มครองข้อมูลส่วนบุคคล, en: Personal data protection }\n"
"pages:\n"
"  - title: { th: รหัสผ่าน, en: Passwords }\n"
"    text:\n"
"      th: ผู้อำนวยการกองต้องดูแลการยืนยันตัวตนสองขั้นตอน\n"
"      en: Directors must see to two-factor authentication.\n";

static struct course		*c;
static struct text_wrapper	*w;
static struct search_doc	*d;

static void
setup(void)
{
	struct diags	dg;

	diags_init(&dg);
	c = load_module_mem("m.yaml", module, strlen(module), &dg);
	cr_assert_not_null(c);
	diags_release(&dg);
	w = text_wrapper_new();
	d = search_doc_new(w, c);
}

static void
teardown(void)
{
	search_doc_free(d);
	text_wrapper_free(w);
	course_free(c);
}

Test(search, thai_words_found_by_word_and_prefix, .init = setup,
    .fini = teardown)
{
	cr_assert(search_match(w, d, "ข้อมูล"));
	cr_assert(search_match(w, d, "รหัสผ่าน"));
	cr_assert(search_match(w, d, "ผู้อำนวย"));		/* a prefix */
	cr_assert(search_match(w, d, "ข้อมูล รหัสผ่าน"));	/* both */
	cr_assert(!search_match(w, d, "ข้อมูล งบประมาณ"));
	/* inside a word is not a match: "การก|อง" must not find "กอง" twice */
	cr_assert(!search_match(w, d, "นวย"));
}

Test(search, english_case_and_normalisation, .init = setup,
    .fini = teardown)
{
	cr_assert(search_match(w, d, "PASSWORDS"));
	cr_assert(search_match(w, d, "two-factor"));
	cr_assert(search_match(w, d, "auth"));
	cr_assert(!search_match(w, d, "phishing"));
	cr_assert(search_match(w, d, ""));
	/* SARA AM typed as NIKHAHIT + SARA AA still matches */
	cr_assert(search_match(w, d, "ผู้อ\xe0\xb9\x8d\xe0\xb8\xb2นวยการ"));
}

/* Words typed together must stand together in the course. */
static const char apart[] =
"id: a\n"
"title: ผู้นำ\n"
"pages:\n"
"  - title: บทนำ\n"
"    text: จำรหัสประจำตัวให้ได้ แล้วเราจะผ่านการทดสอบ\n";

Test(search, words_typed_together_must_be_together)
{
	struct text_wrapper	*tw = text_wrapper_new();
	struct search_doc	*together, *sep;
	struct course		*c1, *c2;
	struct diags		 dg;

	diags_init(&dg);
	c1 = load_module_mem("m.yaml", module, strlen(module), &dg);
	c2 = load_module_mem("a.yaml", apart, strlen(apart), &dg);
	cr_assert_not_null(c1);
	cr_assert_not_null(c2);
	diags_release(&dg);
	together = search_doc_new(tw, c1);
	sep = search_doc_new(tw, c2);
	cr_assert(search_match(tw, together, "รหัสผ่าน"));
	cr_assert(search_match(tw, together, "รหัสผ่"), "typing it");
	cr_assert(!search_match(tw, sep, "รหัสผ่าน"), "รหัส and ผ่าน apart");
	/* with a space the officer asks for both words, anywhere */
	cr_assert(search_match(tw, sep, "รหัส ผ่าน"));
	search_doc_free(together);
	search_doc_free(sep);
	text_wrapper_free(tw);
	course_free(c1);
	course_free(c2);
}
