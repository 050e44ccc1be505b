/*
 * Where search found the words (place.h): the places of a course, the
 * same from a pack's place table and from the course itself, and the
 * line shown for each, cut between words with the words found marked.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "content/course.h"
#include "content/pack.h"
#include "content/place.h"
#include "text/text.h"
#include "helpers.h"

static const char module[] =
"id: m\n"
"title: { th: การคุ้มครองข้อมูลส่วนบุคคล, en: Personal data protection }\n"
"pages:\n"
"  - id: intro\n"
"    title: { th: บทนำ, en: Introduction }\n"
"    text:\n"
"      th: ข้าราชการทุกคนควรรู้จักการดูแลงานประจำวันอย่างเป็นระบบและรอบคอบเสมอ\n"
"      en: Every officer should look after daily work with care.\n"
"  - id: pw\n"
"    title: { th: การตั้งรหัส, en: Setting a code }\n"
"    text:\n"
"      th: |\n"
"        ผู้อำนวยการกองต้องดูแลงานเอกสารทั้งหมดของสำนักงานให้เรียบร้อยทุกวัน"
"และต้องตั้ง *รหัสผ่าน* ที่ยาวอย่างน้อยสิบสองตัวอักษร\n"
"      en: Directors must set a *password* of at least twelve characters.\n"
"quiz:\n"
"  id: q\n"
"  questions:\n"
"    - id: one\n"
"      type: choice\n"
"      prompt: { th: รหัสผ่านใดปลอดภัยที่สุด, en: Which password is safest? }\n"
"      choices:\n"
"        - text: งบประมาณ\n"
"          correct: true\n"
"        - text: ๑๒๓๔\n";

static struct course		*c;
static struct text_wrapper	*w;
static char			 dir[128];

static void
setup(void)
{
	c = load_module_ok("m.yaml", module);
	w = text_wrapper_new();
	tmp_dir_make(dir, sizeof dir, "place");
}

static void
teardown(void)
{
	tmp_dir_remove(dir);
	text_wrapper_free(w);
	course_free(c);
}

TestSuite(place, .init = setup, .fini = teardown);

Test(place, pages_and_questions_in_course_order)
{
	struct place_hit	*h;
	size_t			 n;

	n = place_find(w, c, "รหัสผ่าน", 5, &h);
	cr_assert_eq(n, 2);
	cr_assert_eq(h[0].kind, PLACE_PAGE);
	cr_assert_eq(h[0].module, 0);
	cr_assert_eq(h[0].item, 1);
	cr_assert_eq(h[1].kind, PLACE_QUESTION);
	cr_assert_eq(h[1].item, 0);
	place_hits_free(h, n);
	/* at most 'max' */
	n = place_find(w, c, "รหัสผ่าน", 1, &h);
	cr_assert_eq(n, 1);
	place_hits_free(h, n);
	/* choices are never searched: search gives no answer away */
	cr_assert_eq(place_find(w, c, "งบประมาณ", 5, &h), 0);
	cr_assert_null(h);
	/* part of a word that is not its beginning finds nothing */
	cr_assert_eq(place_find(w, c, "นวย", 5, &h), 0);
	cr_assert_eq(place_find(w, c, "word", 5, &h), 0);
	/* a beginning does */
	n = place_find(w, c, "ผู้อำนวย", 5, &h);
	cr_assert_eq(n, 1);
	place_hits_free(h, n);
}

Test(place, every_word_first_then_some)
{
	struct place_hit	*h;
	size_t			 n;

	/* both words on the page about the code */
	n = place_find(w, c, "รหัสผ่าน ผู้อำนวยการ", 5, &h);
	cr_assert_eq(n, 1);
	cr_assert_eq(h[0].item, 1);
	place_hits_free(h, n);
	/* no place has both: the places with either */
	n = place_find(w, c, "บทนำ ปลอดภัย", 5, &h);
	cr_assert_eq(n, 2);
	cr_assert_eq(h[0].kind, PLACE_PAGE);
	cr_assert_eq(h[0].item, 0);
	cr_assert_eq(h[1].kind, PLACE_QUESTION);
	place_hits_free(h, n);
}

/* A pack's place table finds what the course itself does. */
Test(place, pack_gives_the_same_places)
{
	const char	*queries[] = { "รหัสผ่าน", "PASSWORD", "ผู้อำนวย",
	    "บทนำ ปลอดภัย", "นวย", "๑๒", "การ" };
	struct place_hit *a, *b;
	struct pack	*p;
	struct err	 e;
	char		 path[256];
	size_t		 i, k, na, nb;

	snprintf(path, sizeof path, "%s/m.pack", dir);
	cr_assert_eq(pack_write(path, c, w, &e), 0, "%s", e.msg);
	p = pack_open(path, &e);
	cr_assert_not_null(p, "%s", e.msg);
	cr_assert(pack_has_places(p));
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		na = place_find(w, c, queries[i], 10, &a);
		cr_assert_eq(pack_places(p, w, queries[i], 10, &b, &nb, &e), 0,
		    "%s", e.msg);
		cr_assert_eq(na, nb, "%s: %zu vs %zu", queries[i], na, nb);
		for (k = 0; k < na; k++) {
			cr_assert_eq(a[k].kind, b[k].kind);
			cr_assert_eq(a[k].module, b[k].module);
			cr_assert_eq(a[k].item, b[k].item);
			cr_assert_str_eq(a[k].text, b[k].text);
		}
		place_hits_free(a, na);
		place_hits_free(b, nb);
	}
	pack_close(p);
}

/* The words of the snippet that the marks cover, joined with '|'. */
static void
marked(const struct buf *line, const struct place_mark *m, size_t n,
    char *out, size_t size)
{
	size_t	i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%.*s",
		    i ? "|" : "", (int)m[i].len, line->data + m[i].off);
}

Test(place, snippet_shows_the_words_found_cut_between_words)
{
	struct place_hit	*h;
	struct place_mark	*m;
	struct buf		 line;
	char			 words[256];
	size_t			 n, nm;
	int			 width;

	buf_init(&line);
	n = place_find(w, c, "รหัสผ่าน", 5, &h);
	cr_assert_eq(n, 2);
	for (width = 12; width <= 70; width += 3) {
		nm = place_snippet(w, h[0].text, "รหัสผ่าน", width, &line, &m);
		cr_assert_leq(text_width(line.data, line.len), (size_t)width,
		    "%d: %s", width, line.data);
		cr_assert_eq(nm, 1, "%d: %s", width, line.data);
		marked(&line, m, nm, words, sizeof words);
		cr_assert_str_eq(words, "รหัสผ่าน", "%d: %s", width,
		    line.data);
		/* the word is far into the text: cut before it with "…" */
		cr_assert(strncmp(line.data, "…", strlen("…")) == 0,
		    "%d: %s", width, line.data);
		/* never a line that starts with a mark or a following vowel */
		cr_assert(!text_starts_with_mark(line.data + strlen("…")));
		free(m);
	}
	/* the markup is left out */
	cr_assert_null(strchr(line.data, '*'));
	/* a short place whole, without "…" */
	nm = place_snippet(w, h[1].text, "รหัส", 70, &line, &m);
	cr_assert_str_eq(line.data, "รหัสผ่านใดปลอดภัยที่สุด Which password "
	    "is safest?");
	marked(&line, m, nm, words, sizeof words);
	cr_assert_str_eq(words, "รหัส");
	free(m);
	/* an English word in any case, and its beginning */
	nm = place_snippet(w, h[1].text, "PASS", 70, &line, &m);
	marked(&line, m, nm, words, sizeof words);
	cr_assert_str_eq(words, "password");
	free(m);
	/* cut at the end: "…" and no more than the width */
	nm = place_snippet(w, h[1].text, "รหัสผ่าน", 20, &line, &m);
	cr_assert_leq(text_width(line.data, line.len), 20);
	cr_assert(strstr(line.data, "…") != NULL);
	cr_assert_eq(nm, 1);
	free(m);
	place_hits_free(h, n);
	buf_release(&line);
}
