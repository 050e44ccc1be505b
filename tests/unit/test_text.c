/* wcwidth() is only for cross-checking; lib/text/text.c must not use it. */
#define _XOPEN_SOURCE 700

#include <criterion/criterion.h>
#include <stdio.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/buf.h"
#include "text/text.h"

#define THAI_26	"การพัฒนาทักษะดิจิทัลของข้าราชการ"

static const char *paragraph =
    "สำนักงานคณะกรรมการข้าราชการพลเรือน (สำนักงาน ก.พ.) ได้จัดทำหลักสูตร"
    "การพัฒนาทักษะดิจิทัลของข้าราชการและบุคลากรภาครัฐ เพื่อให้ผู้อำนวยการกอง"
    "และเจ้าหน้าที่ทุกระดับสามารถใช้เทคโนโลยีดิจิทัลในการปฏิบัติงานได้อย่างมี"
    "ประสิทธิภาพ ผู้เรียนจะได้ศึกษาเรื่องการบริหารจัดการข้อมูล ความมั่นคง"
    "ปลอดภัยไซเบอร์ การออกแบบบริการดิจิทัล ฯลฯ รวมทั้งเครื่องมือต่างๆ เช่น "
    "Microsoft Excel, Google Workspace และระบบสารบรรณอิเล็กทรอนิกส์ "
    "ค่าใช้จ่ายในการอบรมประมาณ 1,234.50 บาทต่อคน รายละเอียดเพิ่มเติมที่ "
    "https://www.ocsc.go.th/digital/course?id=42&lang=th หรือโทร 02-547-1000 "
    "“การเรียนรู้ตลอดชีวิต” คือหัวใจของการเป็นข้าราชการยุคใหม่ "
    "ทั้งนี้ให้ถือปฏิบัติตั้งแต่วันที่ ๑ มกราคม พ.ศ. ๒๕๖๘ เป็นต้นไป";

/* ---- helpers ---- */

static uint32_t
first_cp(const char *s, size_t len)
{
	uint32_t	cp;

	text_decode(s, len, &cp);
	return cp;
}

static uint32_t
last_base(const char *s, size_t len)
{
	size_t	i = 0, n, last = 0;

	while (i < len) {
		n = text_next_cell(s + i, len - i, NULL);
		last = i;
		i += n;
	}
	return first_cp(s + last, len - last);
}

static int
is_follower(uint32_t cp)
{
	return cp == 0x0E30 || cp == 0x0E32 || cp == 0x0E33 ||
	    cp == 0x0E45 || cp == 0x0E46 || cp == 0x0E2F;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/*
 * Wrap 's' at 'width' and check what must hold for every text: no line
 * wider than the width (unless one cell is), widths right, no line
 * starting with a mark or a following vowel, lines in order and only
 * blanks between them, so the lines plus the dropped blanks give back
 * the text. Returns the lines; the caller frees them.
 */
static size_t
wrap_checked(struct text_wrapper *w, const char *s, int width,
    struct text_line **out)
{
	struct text_line	*l;
	size_t			 n, i, j, len = strlen(s), end = 0;
	int			 cw, eff = width < 1 ? 1 : width;
	uint32_t		 f;

	n = text_wrap(w, s, len, width, &l);
	if (len == 0)
		cr_assert_eq(n, 0);
	for (i = 0; i < n; i++) {
		const char	*p = s + l[i].off;

		cr_assert_geq(l[i].off, end, "line %zu overlaps", i);
		cr_assert_leq(l[i].off + l[i].len, len);
		for (j = end; j < l[i].off; j++)
			cr_assert(is_blank(s[j]),
			    "width %d: non-blank byte dropped before line %zu",
			    width, i);
		end = l[i].off + l[i].len;
		cr_assert_eq((size_t)l[i].width, text_width(p, l[i].len),
		    "width %d line %zu: wrong width", width, i);
		if (l[i].len == 0)
			continue;
		cr_assert(!is_blank(p[0]) || l[i].off == 0 ||
		    s[l[i].off - 1] == '\n',
		    "width %d: continuation line %zu starts with a blank",
		    width, i);
		text_next_cell(p, l[i].len, &cw);
		cr_assert(l[i].width <= eff || l[i].width == cw,
		    "width %d line %zu is %d cells: '%.*s'", width, i,
		    l[i].width, (int)l[i].len, p);
		cr_assert(!text_starts_with_mark(p) || l[i].off == 0,
		    "width %d line %zu starts with a mark: '%.*s'", width, i,
		    (int)l[i].len, p);
		/*
		 * "word ฯลฯ" or "word ๆ" wider than the line may break at
		 * the space rather than inside the word. With a dictionary
		 * such words are short.
		 */
		f = first_cp(p, l[i].len);
		if (eff >= 3 && !((f == 0x0E2F || f == 0x0E46) &&
		    l[i].off > 0 && s[l[i].off - 1] == ' ' &&
		    (eff < 10 || !text_wrapper_has_dict(w))))
			cr_assert(!is_follower(f),
			    "width %d line %zu starts with a follower: '%.*s'",
			    width, i, (int)l[i].len, p);
		cr_assert(!is_blank(p[l[i].len - 1]),
		    "line %zu keeps a trailing blank", i);
	}
	for (j = end; j < len; j++)
		cr_assert(is_blank(s[j]), "text lost after the last line");
	*out = l;
	return n;
}

/* Does some line hold 'needle' whole? */
static int
some_line_has(const char *s, const struct text_line *l, size_t n,
    const char *needle)
{
	size_t	i, j, k = strlen(needle);

	for (i = 0; i < n; i++) {
		for (j = 0; j + k <= l[i].len; j++) {
			if (memcmp(s + l[i].off + j, needle, k) == 0)
				return 1;
		}
	}
	return 0;
}

static int
line_is(const char *s, const struct text_line *l, const char *want)
{
	return l->len == strlen(want) && memcmp(s + l->off, want, l->len) == 0;
}

static void
normalised(const char *s, struct buf *b)
{
	buf_reset(b);
	text_normalise(s, strlen(s), b);
}

/* ---- UTF-8 ---- */

Test(utf8, decodes_valid_sequences)
{
	uint32_t	cp;

	cr_assert_eq(text_decode("A", 1, &cp), 1);
	cr_assert_eq(cp, 'A');
	cr_assert_eq(text_decode("ก", 3, &cp), 3);
	cr_assert_eq(cp, 0x0E01);
	cr_assert_eq(text_decode("\xC3\xA9", 2, &cp), 2);
	cr_assert_eq(cp, 0xE9);
	cr_assert_eq(text_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	cr_assert_eq(cp, 0x1F600);
	cr_assert_eq(text_decode("\xEF\xBF\xBD", 3, &cp), 3);
	cr_assert_eq(cp, 0xFFFD);
	cr_assert_eq(text_decode("", 0, &cp), 0);
	cr_assert_eq(cp, 0);
}

Test(utf8, invalid_bytes_become_replacement_and_consume_one)
{
	static const char *bad[] = {
		"\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80",
		"\xED\xA0\x80", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80",
		"\xF5\x80\x80\x80", "\xFF", "\xE0\xB8", "\xE0\xB8\x41",
	};
	uint32_t	cp;
	size_t		i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		cp = 0;
		cr_assert_eq(text_decode(bad[i], strlen(bad[i]), &cp), 1,
		    "case %zu", i);
		cr_assert_eq(cp, 0xFFFD, "case %zu", i);
	}
	/* a truncated sequence stops at 'len', not at the NUL */
	cr_assert_eq(text_decode("ก", 2, &cp), 1);
	cr_assert_eq(cp, 0xFFFD);
}

Test(utf8, validates_and_reports_offset)
{
	size_t	bad = 99;

	cr_assert(text_valid_utf8(THAI_26, strlen(THAI_26), &bad));
	cr_assert_eq(bad, 99);
	cr_assert(text_valid_utf8("", 0, NULL));
	cr_assert(text_valid_utf8("\xEF\xBF\xBD", 3, NULL));
	cr_assert_not(text_valid_utf8("ab\xC0\x80", 4, &bad));
	cr_assert_eq(bad, 2);
	cr_assert_not(text_valid_utf8("กข\xE0\xB8", 8, &bad));
	cr_assert_eq(bad, 6);
	cr_assert_not(text_valid_utf8("\xED\xBF\xBF", 3, &bad));
	cr_assert_eq(bad, 0);
}

Test(utf8, encode_round_trips_every_code_point)
{
	char		enc[4];
	uint32_t	cp, back;
	size_t		n;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = text_encode(cp, enc);
		cr_assert_eq(text_decode(enc, n, &back), n);
		if (back != cp)
			cr_assert_fail("U+%04X came back as U+%04X", cp, back);
	}
	cr_assert_eq(text_encode(0xD800, enc), 3);
	cr_assert_eq(memcmp(enc, "\xEF\xBF\xBD", 3), 0);
}

/* ---- Width ---- */

Test(width, code_points)
{
	uint32_t	cp;

	cr_assert_eq(text_cp_width('a'), 1);
	cr_assert_eq(text_cp_width(0x0E01), 1);
	cr_assert_eq(text_cp_width(0x0E33), 1);		/* SARA AM */
	cr_assert_eq(text_cp_width(0x0E32), 1);
	cr_assert_eq(text_cp_width(0x0E31), 0);
	for (cp = 0x0E34; cp <= 0x0E3A; cp++)
		cr_assert_eq(text_cp_width(cp), 0, "U+%04X", cp);
	for (cp = 0x0E47; cp <= 0x0E4E; cp++)
		cr_assert_eq(text_cp_width(cp), 0, "U+%04X", cp);
	for (cp = 0x0300; cp <= 0x036F; cp++)
		cr_assert_eq(text_cp_width(cp), 0, "U+%04X", cp);
	for (cp = 0x200B; cp <= 0x200F; cp++)
		cr_assert_eq(text_cp_width(cp), 0, "U+%04X", cp);
	cr_assert_eq(text_cp_width(0xFEFF), 0);
	cr_assert_eq(text_cp_width(0xFE0F), 0);
	cr_assert_eq(text_cp_width(0x4E00), 2);
	cr_assert_eq(text_cp_width(0xAC00), 2);
	cr_assert_eq(text_cp_width(0xFF21), 2);
	cr_assert_eq(text_cp_width(0x3000), 2);
	cr_assert_eq(text_cp_width(0x1F600), 2);
	cr_assert_eq(text_cp_width(0x00AD), 1);
	cr_assert_eq(text_cp_width(0xFFFD), 1);
	cr_assert_eq(text_cp_width(0), -1);
	cr_assert_eq(text_cp_width('\n'), -1);
	cr_assert_eq(text_cp_width(0x7F), -1);
	cr_assert_eq(text_cp_width(0x9F), -1);
	cr_assert_eq(text_cp_width(0xA0), 1);
}

Test(width, strings_from_the_notes)
{
	uint32_t	cp;
	size_t		i, n, cps = 0;
	const char	*s = THAI_26;

	cr_assert_eq(strlen(s), 96);
	for (i = 0; i < strlen(s); i += n, cps++)
		n = text_decode(s + i, strlen(s) - i, &cp);
	cr_assert_eq(cps, 32);
	cr_assert_eq(text_width(s, strlen(s)), 26);
	cr_assert_eq(text_width("น้ำ", strlen("น้ำ")), 2);
	cr_assert_eq(text_width("ผู้อำนวยการกอง", strlen("ผู้อำนวยการกอง")), 12);
	cr_assert_eq(text_width("ab漢字", strlen("ab漢字")), 6);
	cr_assert_eq(text_width("a\tb", 3), 2);
	cr_assert_eq(text_width("\xFF\xFE", 2), 2);
	cr_assert_eq(text_width("", 0), 0);
}

/*
 * ncursesw measures with glibc's wcwidth(); we must agree with it on
 * every character glibc knows, without calling it ourselves. Also shows
 * that the locale does not change our answers.
 */
Test(width, agrees_with_glibc_wcwidth)
{
	uint32_t	cp;
	int		g, ours;
	size_t		before;

	before = text_width(THAI_26, strlen(THAI_26));
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		cr_skip_test("no C.UTF-8 locale");
	cr_assert_eq(text_width(THAI_26, strlen(THAI_26)), before);
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		g = cp == 0 ? -1 : wcwidth((wchar_t)cp);	/* NUL: 0 */
		if (g < 0 && cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0))
			continue;	/* unassigned in glibc */
		ours = text_cp_width(cp);
		if (ours != g)
			cr_assert_fail("U+%04X: glibc %d, text_cp_width %d",
			    cp, g, ours);
	}
}

/* ---- Cells ---- */

Test(cells, sara_am_is_its_own_cell)
{
	const char	*s = "น้ำ";
	size_t		 n;
	int		 w;

	n = text_next_cell(s, strlen(s), &w);
	cr_assert_eq(n, 6);			/* น + ้ */
	cr_assert_eq(w, 1);
	n = text_next_cell(s + 6, strlen(s) - 6, &w);
	cr_assert_eq(n, 3);			/* ำ */
	cr_assert_eq(w, 1);
	cr_assert_eq(text_next_cell(s + 9, 0, &w), 0);
	cr_assert_eq(w, 0);
}

Test(cells, base_keeps_all_marks_and_decode_caps_them)
{
	/* ก + 6 marks: the cell swallows them, a renderer keeps 5 */
	const char	*s = "ก\u0E48\u0E38\u0E49\u0E4C\u0E4D\u0E47x";
	uint32_t	 cps[TEXT_CELL_MAX];
	size_t		 n;
	int		 w;

	n = text_next_cell(s, strlen(s), &w);
	cr_assert_eq(n, 21);
	cr_assert_eq(w, 1);
	cr_assert_eq(text_cell_decode(s, n, cps, TEXT_CELL_MAX), 5);
	cr_assert_eq(cps[0], 0x0E01);
	cr_assert_eq(cps[1], 0x0E48);
	cr_assert_eq(cps[4], 0x0E4C);
	n = text_next_cell("ด้", strlen("ด้"), &w);
	cr_assert_eq(text_cell_decode("ด้", n, cps, TEXT_CELL_MAX), 2);
}

Test(cells, orphans_controls_wide_and_invalid)
{
	int	w;

	cr_assert_eq(text_next_cell("\u0E48\u0E38ก", 9, &w), 6);
	cr_assert_eq(w, 0);
	cr_assert_eq(text_next_cell("\t\u0E48", 4, &w), 1);
	cr_assert_eq(w, -1);
	cr_assert_eq(text_next_cell("漢字", 6, &w), 3);
	cr_assert_eq(w, 2);
	cr_assert_eq(text_next_cell("\xFF\u0E48", 4, &w), 4);
	cr_assert_eq(w, 1);
	cr_assert_eq(text_next_cell("e\u0301x", 4, &w), 3);
	cr_assert_eq(w, 1);
	cr_assert_eq(text_next_cell("a\u200Bb", 5, &w), 4);
	cr_assert_eq(w, 1);
}

Test(cells, starts_with_mark)
{
	cr_assert(text_starts_with_mark("\u0E48ก"));
	cr_assert(text_starts_with_mark("\u0E31"));
	cr_assert(text_starts_with_mark("\u0301a"));
	cr_assert(text_starts_with_mark("\u200Ba"));
	cr_assert_not(text_starts_with_mark("ก\u0E48"));
	cr_assert_not(text_starts_with_mark("ำ"));	/* spacing */
	cr_assert_not(text_starts_with_mark("a"));
	cr_assert_not(text_starts_with_mark(""));
	cr_assert_not(text_starts_with_mark(NULL));
	cr_assert_not(text_starts_with_mark("\xE0"));
}

/* ---- Clip and pad ---- */

Test(clip, never_splits_a_cell)
{
	const char	*s = "การพัฒนา";
	int		 used;

	cr_assert_eq(text_clip(s, strlen(s), 3, &used), 9);
	cr_assert_eq(used, 3);
	cr_assert_eq(text_clip(s, strlen(s), 4, &used), 15);	/* + พั */
	cr_assert_eq(used, 4);
	cr_assert_eq(text_clip(s, strlen(s), 100, &used), strlen(s));
	cr_assert_eq(used, 7);
	cr_assert_eq(text_clip("น้ำ", 9, 1, &used), 6);
	cr_assert_eq(used, 1);
	cr_assert_eq(text_clip("a漢b", 5, 2, &used), 1);
	cr_assert_eq(used, 1);
	cr_assert_eq(text_clip("a漢b", 5, 3, &used), 4);
	cr_assert_eq(used, 3);
	cr_assert_eq(text_clip(s, strlen(s), 0, &used), 0);
	cr_assert_eq(used, 0);
	cr_assert_eq(text_clip(s, strlen(s), -5, NULL), 0);
	cr_assert_eq(text_clip("", 0, 5, &used), 0);
}

Test(clip, pad_to_exact_width)
{
	struct buf	b;

	buf_init(&b);
	text_pad(&b, "ab", 2, 4);
	cr_assert_str_eq(b.data, "ab  ");
	buf_reset(&b);
	text_pad(&b, "การพัฒนา", strlen("การพัฒนา"), 3);
	cr_assert_str_eq(b.data, "การ");
	buf_reset(&b);
	text_pad(&b, "น้ำ", strlen("น้ำ"), 4);
	cr_assert_str_eq(b.data, "น้ำ  ");
	cr_assert_eq(text_width(b.data, b.len), 4);
	buf_reset(&b);
	text_pad(&b, "a漢", 4, 2);
	cr_assert_str_eq(b.data, "a ");
	buf_release(&b);
}

/* ---- Normalisation ---- */

Test(normalise, nfc_reorders_tone_and_below_vowel)
{
	struct buf	b;

	buf_init(&b);
	normalised("น\u0E48\u0E38", &b);
	cr_assert_str_eq(b.data, "น\u0E38\u0E48");
	cr_assert(text_equal_normalised("น\u0E48\u0E38", "น\u0E38\u0E48"));
	cr_assert_not(text_equal_normalised("น\u0E48", "น\u0E49"));
	buf_release(&b);
}

Test(normalise, sara_am_composed_and_decomposed)
{
	struct buf	b;

	buf_init(&b);
	normalised("น\u0E49\u0E4D\u0E32", &b);
	cr_assert_str_eq(b.data, "น้ำ");
	cr_assert(text_equal_normalised("น\u0E49\u0E4D\u0E32", "น้ำ"));
	/* NIKHAHIT typed before the tone mark looks the same */
	cr_assert(text_equal_normalised("น\u0E4D\u0E49\u0E32", "น้ำ"));
	cr_assert(text_equal_normalised("ท\u0E4D\u0E32งาน", "ทำงาน"));
	/* a lone NIKHAHIT stays */
	normalised("\u0E4Dก", &b);
	cr_assert_str_eq(b.data, "\u0E4Dก");
	buf_release(&b);
}

Test(normalise, digits_case_spaces_and_invisibles)
{
	struct buf	b;

	buf_init(&b);
	normalised("๐๑๒๓๔๕๖๗๘๙", &b);
	cr_assert_str_eq(b.data, "0123456789");
	cr_assert(text_equal_normalised("พ.ศ. ๒๕๖๘", "พ.ศ. 2568"));
	normalised("Hello WORLD Ä Straße", &b);
	cr_assert_str_eq(b.data, "hello world ä strasse");
	cr_assert(text_equal_normalised("Microsoft EXCEL", "microsoft excel"));
	normalised("  ก  \t ข\u00A0ค\u3000\n ", &b);
	cr_assert_str_eq(b.data, "ก ข ค");
	normalised("การ\u200Bพัฒนา\uFEFF", &b);
	cr_assert_str_eq(b.data, "การพัฒนา");
	normalised("ＡＢＣ１２３", &b);
	cr_assert_str_eq(b.data, "abc123");
	normalised("e\u0301", &b);
	cr_assert_str_eq(b.data, "\u00E9");
	cr_assert_not(text_equal_normalised("การ", "กา"));
	buf_release(&b);
}

Test(normalise, empty_null_and_appends)
{
	struct buf	b;

	buf_init(&b);
	text_normalise("", 0, &b);
	cr_assert_str_eq(b.data, "");
	text_normalise("   ", 3, &b);
	cr_assert_str_eq(b.data, "");
	cr_assert(text_equal_normalised(NULL, ""));
	cr_assert(text_equal_normalised(" \t", NULL));
	buf_adds(&b, "x:");
	text_normalise(" A ", 3, &b);
	cr_assert_str_eq(b.data, "x:a");
	buf_release(&b);
}

Test(normalise, invalid_utf8_is_replaced)
{
	struct buf	b;

	buf_init(&b);
	text_normalise("a\xFF\xC0\x80ก\xE0\xB8", 9, &b);
	cr_assert(text_valid_utf8(b.data, b.len, NULL));
	cr_assert_str_eq(b.data,
	    "a\uFFFD\uFFFD\uFFFDก\uFFFD\uFFFD");
	buf_reset(&b);
	text_normalise("a\0b", 3, &b);
	cr_assert_eq(b.len, 3);
	buf_release(&b);
}

/* ---- Wrapping ---- */

Test(wrap, thai_paragraph_at_many_widths)
{
	static const int	 widths[] = { 10, 20, 40, 80 };
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	size_t			 i, n, k, cells;

	cr_assert(text_wrapper_has_dict(w), "libthai dictionary missing");
	for (k = 0; k < sizeof widths / sizeof *widths; k++) {
		n = wrap_checked(w, paragraph, widths[k], &l);
		cr_assert_gt(n, 1);
		for (i = 0; i < n; i++) {
			/* a line never ends with a leading vowel */
			uint32_t b = last_base(paragraph + l[i].off, l[i].len);

			cr_assert(b < 0x0E40 || b > 0x0E44,
			    "width %d line %zu ends with a leading vowel",
			    widths[k], i);
			cr_assert_neq(b, 0x201C, "line ends with “");
			cr_assert_neq(first_cp(paragraph + l[i].off, l[i].len),
			    0x201D, "line starts with a close quote");
		}
		/* greedy: lines are full on average */
		for (i = 0, cells = 0; i < n; i++)
			cells += l[i].width;
		cr_assert_geq(cells * 10, n * widths[k] * 6,
		    "width %d: %zu cells in %zu lines", widths[k], cells, n);
		cr_assert(some_line_has(paragraph, l, n, "ฯลฯ"));
		cr_assert(some_line_has(paragraph, l, n, "1,234.50"));
		if (widths[k] >= 11)
			cr_assert(some_line_has(paragraph, l, n,
			    "02-547-1000"));
		if (widths[k] >= 50)
			cr_assert(some_line_has(paragraph, l, n, "https://"
			    "www.ocsc.go.th/digital/course?id=42&lang=th"));
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, every_width_keeps_invariants)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	int			 width;

	for (width = -1; width <= 100; width++) {
		wrap_checked(w, paragraph, width, &l);
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, never_splits_karn_kong)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s = "ท่านผู้อำนวยการกองการเจ้าหน้าที่";
	size_t			 i, n;
	int			 width;

	for (width = 4; width <= 40; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i < n; i++) {
			const char	*p = s + l[i].off;
			size_t		 k = strlen("การก");

			cr_assert(!(l[i].len >= k &&
			    memcmp(p + l[i].len - k, "การก", k) == 0),
			    "width %d: 'การก|อง'", width);
			cr_assert(strncmp(p, "อง", strlen("อง")) != 0,
			    "width %d: line starts with 'อง'", width);
		}
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, url_number_and_latin_words_stay_whole)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*url = "ดูรายละเอียดที่ "
	    "https://www.ocsc.go.th/digital/course?id=42 ครับ";
	const char		*num = "ราคา1,234.50บาทต่อคน";
	const char		*lat = "ใช้Microsoftในการทำงานe-Government";
	size_t			 n;
	int			 width;

	for (width = 44; width <= 80; width++) {
		n = wrap_checked(w, url, width, &l);
		cr_assert(some_line_has(url, l, n,
		    "https://www.ocsc.go.th/digital/course?id=42"));
		free(l);
	}
	for (width = 8; width <= 30; width++) {
		n = wrap_checked(w, num, width, &l);
		cr_assert(some_line_has(num, l, n, "1,234.50"),
		    "width %d", width);
		free(l);
	}
	for (width = 12; width <= 40; width++) {
		n = wrap_checked(w, lat, width, &l);
		cr_assert(some_line_has(lat, l, n, "Microsoft"));
		cr_assert(some_line_has(lat, l, n, "e-Government"));
		free(l);
	}
	n = wrap_checked(w, num, 10, &l);
	cr_assert_eq(n, 3);
	cr_assert(line_is(num, &l[0], "ราคา"));
	cr_assert(line_is(num, &l[1], "1,234.50"));
	cr_assert(line_is(num, &l[2], "บาทต่อคน"));
	free(l);
	text_wrapper_free(w);
}

/* A web address with a Thai path moves whole to the next line. */
Test(wrap, urls_with_thai_paths_stay_whole)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*url = "https://www.dbd.go.th/ประกอบกิจการ/"
	    "จดทะเบียน";
	char			 s[512];
	size_t			 n;
	int			 width, uw;

	snprintf(s, sizeof s, "ยื่นคำขอจดทะเบียนได้ที่ %s ภายในสามสิบวัน", url);
	uw = (int)text_width(url, strlen(url));
	for (width = uw; width <= uw + 30; width++) {
		n = wrap_checked(w, s, width, &l);
		cr_assert(some_line_has(s, l, n, url), "width %d", width);
		free(l);
	}
	/* longer than the line: still cut, nothing lost */
	n = wrap_checked(w, s, uw / 2, &l);
	cr_assert_gt(n, 2);
	free(l);
	text_wrapper_free(w);
}

/*
 * An address longer than the line is cut only after '/', '-' or '.', never
 * inside the scheme, so each line ends where a reader expects a seam.
 */
Test(wrap, long_urls_are_cut_after_a_separator)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s = "https://www.example.go.th.secure-update."
	    "net/login/reset-password/confirm";
	size_t			 i, n, e;
	int			 width;

	for (width = 12; width < (int)strlen(s); width++) {
		n = wrap_checked(w, s, width, &l);
		cr_assert_gt(n, 1);
		for (i = 0; i + 1 < n; i++) {
			e = l[i].off + l[i].len;
			cr_assert(s[e - 1] == '/' || s[e - 1] == '-' ||
			    s[e - 1] == '.', "width %d: line %zu ends '%c'",
			    width, i, s[e - 1]);
			cr_assert_gt(e, strlen("https://"), "width %d", width);
		}
		free(l);
	}
	/* no separator within reach: cells, nothing lost */
	n = wrap_checked(w, "https://abcdefghijklmnopqrstuvwxyz", 10, &l);
	cr_assert_gt(n, 2);
	free(l);
	text_wrapper_free(w);
}

/* ends(s, l, "x"): line l of s ends with x. */
static int
line_ends(const char *s, const struct text_line *l, const char *x)
{
	size_t	k = strlen(x);

	return l->len >= k && memcmp(s + l->off + l->len - k, x, k) == 0;
}

/*
 * libthai splits คำ|ตอบ, แบบ|ฟอร์ม and วัน|ทำ|การ; a line never does, for
 * the bundled words and for a word a course adds. From 8 columns: a word
 * longer than the line is still cut.
 */
Test(wrap, kept_words_stay_whole)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s = "กรอกแบบฟอร์มแล้วส่งคำตอบภายในสามวันทำการ"
	    "ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล";
	size_t			 i, n, cut;
	int			 width;

	for (width = 8; width <= 40; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i + 1 < n; i++) {
			cr_assert(!line_ends(s, &l[i], "แบบ"), "width %d: "
			    "แบบ|ฟอร์ม", width);
			cr_assert(!line_ends(s, &l[i], "คำ"), "width %d: "
			    "คำ|ตอบ", width);
			cr_assert(!line_ends(s, &l[i], "วัน") &&
			    !line_ends(s, &l[i], "วันทำ"), "width %d: "
			    "วันทำการ split", width);
		}
		free(l);
	}
	/* a course's word: the dictionary splits พระ|ราช|บัญญัติ until added */
	for (cut = 0, width = 10; width <= 40; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i + 1 < n; i++)
			cut += line_ends(s, &l[i], "พระ") ||
			    line_ends(s, &l[i], "พระราช");
		free(l);
	}
	cr_assert_gt(cut, 0, "the dictionary no longer splits พระราชบัญญัติ");
	cr_assert_eq(text_wrapper_keep(w, "พระราชบัญญัติ"), 0);
	cr_assert_eq(text_wrapper_keep(w, "e-mail"), -1);
	for (width = 10; width <= 40; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i + 1 < n; i++)
			cr_assert(!line_ends(s, &l[i], "พระ") &&
			    !line_ends(s, &l[i], "พระราช"), "width %d", width);
		free(l);
	}
	text_wrapper_free(w);
}

/* Does a line of l[0..n) end or start strictly inside an occurrence of 'word'? */
static int
cuts_word(const char *s, const struct text_line *l, size_t n,
    const char *word)
{
	const char	*p;
	size_t		 i, at, k = strlen(word), end;

	for (p = s; (p = strstr(p, word)) != NULL; p += k) {
		at = (size_t)(p - s);
		for (i = 0; i + 1 < n; i++) {
			end = l[i].off + l[i].len;
			if (end > at && end < at + k)
				return 1;
		}
	}
	return 0;
}

/* Do the words of s hold 'word' as one word? */
static int
has_word(struct text_wrapper *w, const char *s, const char *word)
{
	struct text_span	*v;
	size_t			 i, n = text_words(w, s, strlen(s), &v);
	int			 found = 0;

	for (i = 0; i < n; i++)
		found |= v[i].len == strlen(word) &&
		    memcmp(s + v[i].off, word, v[i].len) == 0;
	free(v);
	return found;
}

/*
 * A course's words (course.yaml 'words:'): libthai cuts แร|นซัมแวร์,
 * ดี|ปเฟก and คิว|อาร์|โค้ด, so lines break inside them until the course
 * gives them; then no width from the longest word's up cuts one, and
 * search gets each as one word. Narrower than the word, it is cut at
 * cells like any long word.
 */
Test(words, course_word_never_split_at_any_width)
{
	static const char *const words[] = {
		"แรนซัมแวร์", "ดีปเฟก", "คิวอาร์โค้ด"
	};
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s = "มัลแวร์เรียกค่าไถ่หรือแรนซัมแวร์เข้ารหัสไฟล์"
	    "ในเครื่องแล้วเรียกเงิน ระวังคลิปดีปเฟกที่ปลอมเสียงผู้บังคับบัญชา"
	    "และคิวอาร์โค้ดปลอมที่ติดทับของจริงหน้าสำนักงานแรนซัมแวร์ดีปเฟก";
	size_t			 i, n, cut = 0;
	int			 width, total = (int)text_width(s, strlen(s));

	cr_assert(text_wrapper_has_dict(w));
	for (width = 10; width <= total; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i < 3; i++)
			cut += cuts_word(s, l, n, words[i]);
		free(l);
	}
	cr_assert_gt(cut, 0, "libthai no longer cuts these words: pick others");
	cr_assert(!has_word(w, s, "แรนซัมแวร์"));

	cr_assert_eq(text_wrapper_use_words(w, words, 3), 3);
	for (width = 10; width <= total; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i < 3; i++)
			cr_assert(!cuts_word(s, l, n, words[i]),
			    "width %d cuts %s", width, words[i]);
		free(l);
	}
	for (i = 0; i < 3; i++)
		cr_assert(has_word(w, s, words[i]), "%s is no word", words[i]);
	/* the words beside them are words still */
	cr_assert(has_word(w, s, "หรือ"));
	cr_assert(has_word(w, s, "เข้ารหัส") || has_word(w, s, "เข้า"));
	cr_assert(has_word(w, s, "ปลอม"));
	/* the same list again changes nothing; none drops them */
	cr_assert_eq(text_wrapper_use_words(w, words, 3), 3);
	cr_assert(has_word(w, s, "ดีปเฟก"));
	cr_assert_eq(text_wrapper_use_words(w, NULL, 0), 0);
	cr_assert(!has_word(w, s, "แรนซัมแวร์"));
	text_wrapper_free(w);
}

/* A word inside a longer word the dictionary knows leaves that word whole. */
Test(words, dictionary_words_around_stay_whole)
{
	static const char *const words[] = { "ไลน์", "ฟอร์ม" };
	struct text_wrapper	*w = text_wrapper_new();

	cr_assert(has_word(w, "ประชุมออนไลน์", "ออนไลน์"));
	text_wrapper_use_words(w, words, 2);
	cr_assert(has_word(w, "ประชุมออนไลน์", "ออนไลน์"));
	cr_assert(has_word(w, "แอปไลน์", "ไลน์"));
	text_wrapper_free(w);
}

/* Words that are refused are skipped; the count says how many stood. */
Test(words, only_thai_words_are_taken)
{
	static const char *const words[] = {
		"คลาวด์", "e-mail", "ก", "าคาร", "\xe0\xb8\xb4" "ก",
		"ไซเบอร์ ปลอดภัย", "เ", "๑๒", "ดีปเฟก"
	};
	struct text_wrapper	*w = text_wrapper_new();

	cr_assert(text_word_ok("คลาวด์"));
	cr_assert(text_word_ok("เว็บไซต์"));
	cr_assert(!text_word_ok("e-mail"));
	cr_assert(!text_word_ok("ก"));
	cr_assert(!text_word_ok("าคาร"));	/* a following vowel first */
	cr_assert(!text_word_ok("\xe0\xb8\xb4" "ก"));	/* a mark first */
	cr_assert(!text_word_ok("ไซเบอร์ ปลอดภัย"));
	cr_assert(!text_word_ok("กแ"));		/* a leading vowel last */
	cr_assert(!text_word_ok("๑๒"));
	cr_assert(!text_word_ok("ต่างๆ"));
	cr_assert(!text_word_ok(""));
	cr_assert(!text_word_ok("\xff\xfe"));
	cr_assert_eq(text_wrapper_use_words(w, words, 9), 2);
	text_wrapper_free(w);
}

Test(wrap, etc_and_repeat_marks)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s = "ผลไม้ ผัก ฯลฯ ของใช้ต่างๆ และเครื่องมือต่าง ๆ";
	size_t			 i, n;
	int			 width;

	for (width = 6; width <= 50; width++) {
		n = wrap_checked(w, s, width, &l);
		cr_assert(some_line_has(s, l, n, "ฯลฯ"), "width %d", width);
		for (i = 0; i < n; i++)
			cr_assert_neq(first_cp(s + l[i].off, l[i].len), 0x0E46);
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, quotes_and_brackets)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s = "คำว่า“ดิจิทัล”สำคัญ(มาก)สำหรับ\"ภาครัฐ\"ไทย";
	size_t			 i, n;
	int			 width;
	uint32_t		 b, f;

	for (width = 9; width <= 40; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i < n; i++) {
			b = last_base(s + l[i].off, l[i].len);
			f = first_cp(s + l[i].off, l[i].len);
			cr_assert(b != 0x201C && b != '(',
			    "width %d line %zu ends with an opener", width, i);
			cr_assert(f != 0x201D && f != ')',
			    "width %d line %zu starts with a closer", width, i);
			cr_assert(f != '"' || i == 0 ||
			    s[l[i].off - 1] == ' ',
			    "width %d: break next to an ASCII quote", width);
		}
		cr_assert(some_line_has(s, l, n, "“ดิจิทัล”"),
		    "width %d", width);
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, long_words_are_hard_broken)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	char			 s[51];
	size_t			 i, n;

	memset(s, 'a', 50);
	s[50] = '\0';
	n = wrap_checked(w, s, 10, &l);
	cr_assert_eq(n, 5);
	for (i = 0; i < n; i++) {
		cr_assert_eq(l[i].width, 10);
		cr_assert_eq(l[i].off, i * 10);
	}
	free(l);
	n = wrap_checked(w, "ภูมิศาสตร์ภูมิศาสตร์ภูมิศาสตร์", 4, &l);
	cr_assert_gt(n, 3);
	free(l);
	text_wrapper_free(w);
}

Test(wrap, hard_break_avoids_following_vowels)
{
	struct text_wrapper	*w = text_wrapper_new_dict("/nonexistent.tri");
	struct text_line	*l;
	const char		*s = "กากากากากากากากากา";
	size_t			 i, n;
	int			 width;

	cr_assert_not(text_wrapper_has_dict(w));
	for (width = 2; width <= 12; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i < n; i++)
			cr_assert_neq(first_cp(s + l[i].off, l[i].len), 0x0E32);
		free(l);
	}
	/* nor end a line with a leading vowel */
	s = "เกเกเกเกเกเกเกเกเก";
	for (width = 2; width <= 12; width++) {
		n = wrap_checked(w, s, width, &l);
		for (i = 0; i < n; i++)
			cr_assert_neq(last_base(s + l[i].off, l[i].len), 0x0E40,
			    "width %d line %zu", width, i);
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, hard_newlines_and_spaces)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s;
	size_t			 n;

	s = "บรรทัดแรก\nบรรทัดสอง";
	n = wrap_checked(w, s, 80, &l);
	cr_assert_eq(n, 2);
	cr_assert(line_is(s, &l[0], "บรรทัดแรก"));
	cr_assert(line_is(s, &l[1], "บรรทัดสอง"));
	free(l);

	s = "a\n\nb";
	n = wrap_checked(w, s, 80, &l);
	cr_assert_eq(n, 3);
	cr_assert_eq(l[1].len, 0);
	cr_assert_eq(l[1].off, 2);
	free(l);

	s = "a \r\nb\n";
	n = wrap_checked(w, s, 80, &l);
	cr_assert_eq(n, 2);
	cr_assert(line_is(s, &l[0], "a"));
	cr_assert(line_is(s, &l[1], "b"));
	free(l);

	n = wrap_checked(w, "\n", 80, &l);
	cr_assert_eq(n, 1);
	cr_assert_eq(l[0].len, 0);
	free(l);

	/* continuation lines lose their leading spaces, paragraphs keep them */
	s = "  aaa    bbb";
	n = wrap_checked(w, s, 5, &l);
	cr_assert_eq(n, 2);
	cr_assert(line_is(s, &l[0], "  aaa"));
	cr_assert_eq(l[0].width, 5);
	cr_assert(line_is(s, &l[1], "bbb"));
	cr_assert_eq(l[1].off, 9);
	free(l);

	/* indentation alone does not make a line */
	s = "   aaaaaaa";
	n = wrap_checked(w, s, 5, &l);
	cr_assert_eq(n, 2);
	cr_assert(line_is(s, &l[0], "   aa"));
	cr_assert(line_is(s, &l[1], "aaaaa"));
	free(l);
	text_wrapper_free(w);
}

Test(wrap, empty_and_tiny_widths)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l = (struct text_line *)1;
	size_t			 n, i;

	cr_assert_eq(text_wrap(w, "", 0, 10, &l), 0);
	cr_assert_null(l);
	n = wrap_checked(w, "ab", 0, &l);
	cr_assert_eq(n, 2);
	free(l);
	n = wrap_checked(w, "ab", -7, &l);
	cr_assert_eq(n, 2);
	free(l);
	/* a wide character wider than the line gets a line of its own */
	n = wrap_checked(w, "漢字漢", 1, &l);
	cr_assert_eq(n, 3);
	for (i = 0; i < n; i++)
		cr_assert_eq(l[i].width, 2);
	free(l);
	n = wrap_checked(w, "漢字漢字漢字", 5, &l);
	cr_assert_eq(n, 3);
	free(l);
	text_wrapper_free(w);
}

Test(wrap, no_break_spaces_glue)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	const char		*s = "ตาม มาตรา\u00A0๑๒ และมาตรา\u00A0๑๓ แห่ง"
	    "พระราชบัญญัติ";
	size_t			 n;
	int			 width;

	for (width = 9; width <= 40; width++) {
		n = wrap_checked(w, s, width, &l);
		cr_assert(some_line_has(s, l, n, "มาตรา\u00A0๑๒"));
		cr_assert(some_line_has(s, l, n, "มาตรา\u00A0๑๓"));
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, zero_width_space_is_a_break)
{
	struct text_wrapper	*w = text_wrapper_new_dict("/nonexistent.tri");
	struct text_line	*l;
	const char		*s = "กขคง\u200Bจฉชซ";
	size_t			 n;

	n = wrap_checked(w, s, 6, &l);
	cr_assert_eq(n, 2);
	cr_assert(line_is(s, &l[0], "กขคง\u200B"));
	cr_assert(line_is(s, &l[1], "จฉชซ"));
	free(l);
	text_wrapper_free(w);
}

Test(wrap, without_dictionary_breaks_at_spaces)
{
	struct text_wrapper	*w = text_wrapper_new_dict("/nonexistent.tri");
	struct text_line	*l;
	const char		*s = "การพัฒนา ทักษะดิจิทัล ของข้าราชการ";
	size_t			 n;
	int			 width;

	n = wrap_checked(w, s, 20, &l);
	cr_assert_eq(n, 2);
	cr_assert(line_is(s, &l[0], "การพัฒนา ทักษะดิจิทัล"));
	cr_assert(line_is(s, &l[1], "ของข้าราชการ"));
	free(l);
	for (width = 1; width <= 80; width++) {
		wrap_checked(w, paragraph, width, &l);
		free(l);
	}
	text_wrapper_free(w);
}

Test(wrap, invalid_utf8_and_controls_do_not_crash)
{
	struct text_wrapper	*w = text_wrapper_new();
	struct text_line	*l;
	struct text_span	*sp;
	const char		*s = "\xFF\xFE กา\xE0\xB8 \x01\u0E48 "
	    "\xC0\x80ข\tค\xF4";
	size_t			 len = strlen(s), n, i;
	int			 width;

	for (width = 1; width <= 12; width++) {
		n = text_wrap(w, s, len, width, &l);
		cr_assert_gt(n, 0);
		for (i = 0; i < n; i++) {
			cr_assert_leq(l[i].off + l[i].len, len);
			cr_assert_leq(l[i].width, width);
		}
		free(l);
	}
	n = text_words(w, s, len, &sp);
	for (i = 0; i < n; i++)
		cr_assert_leq(sp[i].off + sp[i].len, len);
	free(sp);
	text_wrapper_free(w);
}

/* ---- Words ---- */

static void
expect_words(struct text_wrapper *w, const char *s, const char **want,
    size_t nwant)
{
	struct text_span	*sp;
	size_t			 n, i;

	n = text_words(w, s, strlen(s), &sp);
	for (i = 0; i < n && i < nwant; i++)
		cr_expect(sp[i].len == strlen(want[i]) &&
		    memcmp(s + sp[i].off, want[i], sp[i].len) == 0,
		    "word %zu: got '%.*s', want '%s'", i, (int)sp[i].len,
		    s + sp[i].off, want[i]);
	cr_assert_eq(n, nwant, "%zu words, want %zu", n, nwant);
	free(sp);
}

Test(words, thai_sentence)
{
	struct text_wrapper	*w = text_wrapper_new();
	static const char	*want[] = {
		"การ", "พัฒนา", "ทักษะ", "ดิจิทัล", "ของ", "ข้าราชการ",
	};
	static const char	*want2[] = {
		"ผู้", "อำนวย", "การ", "กอง", "ใช้", "Excel", "2019",
		"ราคา", "1,234.50", "บาท", "ต่าง", "๒๕๖๘",
	};

	expect_words(w, THAI_26, want, 6);
	expect_words(w, "ผู้อำนวยการกอง ใช้ Excel 2019, ราคา 1,234.50 บาท "
	    "ฯลฯ ต่างๆ (๒๕๖๘)", want2, 12);
	text_wrapper_free(w);
}

Test(words, fallback_empty_and_punctuation)
{
	struct text_wrapper	*w = text_wrapper_new_dict("/nonexistent.tri");
	struct text_span	*sp = (struct text_span *)1;
	static const char	*want[] = { "การพัฒนา", "ทักษะ", "abc", "x1" };

	expect_words(w, " การพัฒนา, ทักษะ!! abc-x1 ", want, 4);
	cr_assert_eq(text_words(w, "", 0, &sp), 0);
	cr_assert_null(sp);
	cr_assert_eq(text_words(w, " ,.!? “” ฯลฯ ๆ ",
	    strlen(" ,.!? “” ฯลฯ ๆ "), &sp), 0);
	cr_assert_null(sp);
	text_wrapper_free(w);
}

Test(words, zero_width_space_splits)
{
	struct text_wrapper	*w = text_wrapper_new_dict("/nonexistent.tri");
	struct text_span	*sp;
	const char		*s = "กขค\u200Bงจฉ";
	size_t			 n;

	n = text_words(w, s, strlen(s), &sp);
	cr_assert_eq(n, 2);
	cr_assert_eq(sp[1].off, strlen("กขค\u200B"));
	free(sp);
	text_wrapper_free(w);
}

/* ---- Random soups: nothing crashes, the invariants hold ---- */

static uint32_t	soup_state = 12345;

static uint32_t
soup_rand(uint32_t n)
{
	soup_state = soup_state * 1103515245 + 12345;
	return (soup_state >> 16) % n;
}

/* A random mix of Thai, marks, spaces, punctuation, Latin and junk. */
static size_t
soup_make(char *out, size_t max)
{
	static const char	*pieces[] = {
		"ก", "ข", "น", "ร", "อ", "ผู้", "การ", "กอง", "เ", "แ", "ไ",
		"ะ", "า", "ำ", "ๆ", "ฯ", "ฯลฯ", "\u0E48", "\u0E49", "\u0E31",
		"\u0E38", "\u0E4D", "\u0E4D\u0E32", " ", "  ", "\n", "\r",
		"\t", "\u00A0", "\u200B", "\u2060", "(", ")", "“", "”", "\"",
		".", ",", "-", "/", "a", "Z", "7", "๙", "漢", "\xF0\x9F\x98\x80",
		"\u0301", "\xFF", "\xE0\xB8", "\xC0\x80", "Ａ", "\x01",
	};
	size_t	len = 0, k, n = soup_rand(40);

	while (n-- > 0) {
		const char	*p = pieces[soup_rand(sizeof pieces /
				    sizeof *pieces)];

		k = strlen(p);
		if (len + k >= max)
			break;
		memcpy(out + len, p, k);
		len += k;
	}
	out[len] = '\0';
	return len;
}

Test(soup, wrap_words_and_normalise_hold_up)
{
	struct text_wrapper	*w[2];
	struct text_line	*l;
	struct text_span	*sp;
	struct buf		 a, b;
	char			 s[512];
	size_t			 len, n, i, j, end;
	int			 iter, width, cw, k;

	w[0] = text_wrapper_new();
	w[1] = text_wrapper_new_dict("/nonexistent.tri");
	buf_init(&a);
	buf_init(&b);
	for (iter = 0; iter < 5000; iter++) {
		len = soup_make(s, sizeof s);
		width = (int)soup_rand(14);
		k = iter & 1;
		n = text_wrap(w[k], s, len, width, &l);
		end = 0;
		for (i = 0; i < n; i++) {
			cr_assert_geq(l[i].off, end);
			cr_assert_leq(l[i].off + l[i].len, len);
			for (j = end; j < l[i].off; j++)
				cr_assert(is_blank(s[j]), "iter %d", iter);
			end = l[i].off + l[i].len;
			text_next_cell(s + l[i].off, l[i].len, &cw);
			cr_assert(l[i].width <= (width < 1 ? 1 : width) ||
			    l[i].width == cw, "iter %d", iter);
			cr_assert_eq((size_t)l[i].width,
			    text_width(s + l[i].off, l[i].len));
			if (l[i].off > 0 && s[l[i].off - 1] != '\n')
				cr_assert(!text_starts_with_mark(s + l[i].off),
				    "iter %d line %zu", iter, i);
		}
		for (j = end; j < len; j++)
			cr_assert(is_blank(s[j]), "iter %d", iter);
		free(l);

		n = text_words(w[k], s, len, &sp);
		for (i = 0, end = 0; i < n; i++) {
			cr_assert_gt(sp[i].len, 0);
			cr_assert_geq(sp[i].off, end);
			end = sp[i].off + sp[i].len;
			cr_assert_leq(end, len);
		}
		free(sp);

		buf_reset(&a);
		buf_reset(&b);
		text_normalise(s, len, &a);
		cr_assert(text_valid_utf8(a.data, a.len, NULL), "iter %d",
		    iter);
		text_normalise(a.data, a.len, &b);
		cr_assert(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
		    "iter %d: not idempotent: '%s' then '%s'", iter, a.data,
		    b.data);
	}
	buf_release(&a);
	buf_release(&b);
	text_wrapper_free(w[0]);
	text_wrapper_free(w[1]);
}
