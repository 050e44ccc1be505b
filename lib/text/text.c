#include "text/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <uniwidth.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/*
 * Everything here works on byte ranges of the caller's text and keeps no
 * pointers to it. The wrapper owns libthai's ThBrk and scratch arrays
 * that grow to the largest text seen and are freed with the wrapper.
 */

#define CP_REPLACEMENT	0xFFFD

/* ---- UTF-8 ---- */

size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	return utf8_decode(s, len, cp);
}

size_t
text_encode(uint32_t cp, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = CP_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = 0xC0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3F);
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = 0xE0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3F);
		o[2] = 0x80 | (cp & 0x3F);
		return 3;
	}
	o[0] = 0xF0 | (cp >> 18);
	o[1] = 0x80 | ((cp >> 12) & 0x3F);
	o[2] = 0x80 | ((cp >> 6) & 0x3F);
	o[3] = 0x80 | (cp & 0x3F);
	return 4;
}

int
text_valid_utf8(const char *s, size_t len, size_t *bad_offset)
{
	size_t		i, n;
	uint32_t	cp;

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (!utf8_decoded_ok(s + i, len - i, cp, n)) {
			if (bad_offset != NULL)
				*bad_offset = i;
			return 0;
		}
	}
	return 1;
}

/* ---- Width ---- */

struct range {
	uint32_t	lo, hi;
	int		width;
};

/*
 * Where libunistring 1.0's uc_width() and glibc 2.36's wcwidth() disagree
 * on assigned code points, follow glibc: ncursesw measures with it.
 */
static const struct range text_glibc_widths[] = {
	{ 0x00AD, 0x00AD, 1 },		/* soft hyphen */
	{ 0x0600, 0x0605, 1 },		/* Arabic prepended marks */
	{ 0x06DD, 0x06DD, 1 },
	{ 0x070F, 0x070F, 1 },
	{ 0x0890, 0x0891, 1 },
	{ 0x08E2, 0x08E2, 1 },
	{ 0x0CBF, 0x0CBF, 0 },
	{ 0x0CC6, 0x0CC6, 0 },
	{ 0x3248, 0x324F, 2 },
	{ 0x4DC0, 0x4DFF, 2 },		/* hexagram symbols */
	{ 0x110BD, 0x110BD, 1 },
	{ 0x110CD, 0x110CD, 1 },
	{ 0x11A07, 0x11A08, 0 },
	{ 0x11C3F, 0x11C3F, 0 },
};

int
text_cp_width(uint32_t cp)
{
	size_t	i;
	int	w;

	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return -1;
	if (cp < 0x300)
		return 1;
	if (cp < 0x370)
		return 0;		/* combining diacritical marks */
	if (cp >= 0x0E00 && cp <= 0x0E7F) {
		if (cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
		    (cp >= 0x0E47 && cp <= 0x0E4E))
			return 0;
		return 1;
	}
	if (cp >= 0x200B && cp <= 0x200F)
		return 0;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 1;		/* shown as U+FFFD */
	for (i = 0; i < sizeof text_glibc_widths / sizeof *text_glibc_widths;
	    i++) {
		if (cp >= text_glibc_widths[i].lo &&
		    cp <= text_glibc_widths[i].hi)
			return text_glibc_widths[i].width;
	}
	w = uc_width(cp, "UTF-8");
	return w < 0 ? 1 : w;
}

size_t
text_width(const char *s, size_t len)
{
	size_t		i, n, total = 0;
	uint32_t	cp;
	int		w;

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		w = text_cp_width(cp);
		if (w > 0)
			total += w;
	}
	return total;
}

/* ---- Cells ---- */

size_t
text_next_cell(const char *s, size_t len, int *width)
{
	size_t		n, k;
	uint32_t	cp;
	int		w;

	n = text_decode(s, len, &cp);
	if (n == 0) {
		w = 0;
		goto out;
	}
	w = text_cp_width(cp);
	if (w < 0)
		goto out;
	while (n < len) {
		k = text_decode(s + n, len - n, &cp);
		if (text_cp_width(cp) != 0)
			break;
		n += k;
	}
out:
	if (width != NULL)
		*width = w;
	return n;
}

size_t
text_cell_decode(const char *s, size_t len, uint32_t *cps, size_t max)
{
	size_t	i, n, count = 0;

	for (i = 0; i < len && count < max; i += n)
		n = text_decode(s + i, len - i, &cps[count++]);
	return count;
}

int
text_starts_with_mark(const char *s)
{
	uint32_t	cp;

	if (s == NULL || *s == '\0')
		return 0;
	text_decode(s, strnlen(s, 4), &cp);
	return text_cp_width(cp) == 0;
}

/* ---- Clipping ---- */

size_t
text_clip(const char *s, size_t len, int max_cells, int *used)
{
	size_t	i = 0, n;
	int	w, total = 0;

	if (max_cells < 0)
		max_cells = 0;
	while (i < len) {
		n = text_next_cell(s + i, len - i, &w);
		if (w < 0)
			w = 0;
		if (total + w > max_cells)
			break;
		total += w;
		i += n;
	}
	if (used != NULL)
		*used = total;
	return i;
}

void
text_pad(struct buf *out, const char *s, size_t len, int cells)
{
	size_t	n;
	int	used;

	n = text_clip(s, len, cells, &used);
	buf_add(out, s, n);
	for (; used < cells; used++)
		buf_addc(out, ' ');
}

/* ---- Normalisation ---- */

/* Invisible characters that must not make two answers differ. */
static int
text_is_invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	    cp == 0xFEFF || cp == 0x00AD;
}

/* Every kind of space, including the no-break ones. */
static int
text_is_any_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
	    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

static int
text_is_thai_tone(uint32_t cp)
{
	return cp >= 0x0E48 && cp <= 0x0E4B;
}

/*
 * Pass 1, before NFC (so that "Ａ" U+0301 can still compose to "á"):
 * valid UTF-8 for libunistring, no invisible characters, Thai digits and
 * fullwidth ASCII as ASCII.
 */
static void
text_sanitise(const char *s, size_t len, struct buf *out)
{
	size_t		i, n;
	uint32_t	cp;
	char		enc[4];

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (text_is_invisible(cp))
			continue;
		if (cp >= 0x0E50 && cp <= 0x0E59)
			buf_addc(out, '0' + (cp - 0x0E50));
		else if (cp >= 0xFF01 && cp <= 0xFF5E)
			buf_addc(out, cp - 0xFEE0);
		else if (utf8_decoded_ok(s + i, len - i, cp, n))
			buf_add(out, s + i, n);
		else
			buf_add(out, enc, text_encode(cp, enc));
	}
}

/* Pass 2 over NFC, case-folded text: SARA AM and spaces. */
static void
text_map(const char *s, size_t len, struct buf *out)
{
	size_t		i, n, j, k;
	uint32_t	cp, next;
	int		space = 0, any = 0;

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (text_is_any_space(cp)) {
			space = 1;
			continue;
		}
		if (space && any)
			buf_addc(out, ' ');
		space = 0;
		any = 1;
		if (cp == 0x0E4D) {
			/* NIKHAHIT [tones] SARA AA looks just like SARA AM */
			for (j = i + n; j < len; j += k) {
				k = text_decode(s + j, len - j, &next);
				if (!text_is_thai_tone(next))
					break;
			}
			if (j < len && text_decode(s + j, len - j, &next) &&
			    next == 0x0E32) {
				buf_add(out, s + i + n, j - i - n);
				buf_add(out, "\xE0\xB8\xB3", 3);
				n = j + 3 - i;
				continue;
			}
		}
		buf_add(out, s + i, n);
	}
}

void
text_normalise(const char *s, size_t len, struct buf *out)
{
	struct buf	 clean;
	uint8_t		*folded;
	size_t		 flen;

	buf_init(&clean);
	text_sanitise(s, len, &clean);
	if (clean.len == 0) {
		buf_release(&clean);
		return;
	}
	/*
	 * u8_casefold() applies NFC after folding. It can only fail on
	 * invalid input (ruled out above) or when out of memory; then we
	 * compare unfolded text rather than abort.
	 */
	folded = u8_casefold((const uint8_t *)clean.data, clean.len, NULL,
	    UNINORM_NFC, NULL, &flen);
	if (folded != NULL) {
		text_map((const char *)folded, flen, out);
		free(folded);
	} else
		text_map(clean.data, clean.len, out);
	buf_release(&clean);
}

int
text_equal_normalised(const char *a, const char *b)
{
	struct buf	na, nb;
	int		eq;

	if (a == NULL)
		a = "";
	if (b == NULL)
		b = "";
	buf_init(&na);
	buf_init(&nb);
	text_normalise(a, strlen(a), &na);
	text_normalise(b, strlen(b), &nb);
	eq = na.len == nb.len && memcmp(na.data, nb.data, na.len) == 0;
	buf_release(&na);
	buf_release(&nb);
	return eq;
}

/*
 * ---- Cell analysis for wrapping and words ----
 *
 * text_analyse() turns the text into cells (struct tcell), gives each a
 * line-breaking class from its first code point, asks libthai where the
 * words are in each run of Thai cells, and then decides for each pair of
 * neighbouring cells whether a line may break between them
 * (text_may_break()). text_wrap() fills lines greedily from those
 * opportunities; text_words() cuts words from the same cells.
 */

/* Line-breaking class of a cell, after its first code point. */
enum tcls {
	C_AL,		/* Latin letters, digits, symbols: unbreakable runs */
	C_TH,		/* Thai letters and vowels: libthai decides */
	C_TFOL,		/* following vowels, ๆ, ฯ: no break before */
	C_TLEAD,	/* leading vowels เ แ โ ใ ไ: no break after */
	C_SP,		/* breakable spaces, tab, '\r' */
	C_NL,		/* '\n' */
	C_GL,		/* NBSP and friends: no break either side */
	C_OP,		/* opening punctuation: no break after */
	C_CL,		/* closing punctuation: no break before */
	C_IS,		/* . , : ; no break before, nor after unless a space */
	C_QU,		/* ASCII quotes: no break either side */
	C_ID,		/* wide characters: break either side */
	C_ZW		/* orphan zero-width marks and controls */
};

enum tcell_flags {
	CF_THAI = 1 << 0,	/* base is Thai: part of a libthai run */
	CF_ZWSP = 1 << 1,	/* holds U+200B: break after */
	CF_WJ = 1 << 2,		/* holds U+2060 or U+FEFF: no break after */
	CF_THBRK = 1 << 3,	/* libthai breaks before this cell */
	CF_BRK = 1 << 4,	/* a line may break before this cell */
	CF_KEEP = 1 << 5,	/* inside a word kept whole: no break */
	CF_URLBRK = 1 << 6	/* after / - . in a web address: a break
				   only for an address longer than a line */
};

struct tcell {
	size_t		off;	/* byte offset in the text */
	size_t		len;	/* bytes */
	size_t		woff;	/* offset in the libthai run (CF_THAI) */
	uint32_t	base;	/* first code point */
	int		width;	/* cells, >= 0 */
	unsigned char	cls;	/* enum tcls */
	unsigned char	flags;	/* enum tcell_flags */
};

struct text_wrapper {
	ThBrk		*brk;		/* NULL: no dictionary */
	struct tcell	*cells;		/* scratch, see text_analyse() */
	size_t		 ncells;
	size_t		 cells_cap;
	wchar_t		*wbuf;		/* a Thai run for libthai */
	size_t		 wbuf_cap;
	int		*pos;		/* libthai's break positions */
	size_t		 pos_cap;
	wchar_t		**keep;		/* words a line never splits */
	size_t		 nkeep;
	char		**given;	/* text_wrapper_use_words() list */
	size_t		 ngiven;
	size_t		 ntaken;	/* of them, words taken */
	wchar_t		**cwords;	/* the course's words, both forms */
	size_t		 ncwords;
};

/*
 * Everyday compounds libthai's dictionary splits (คำ|ตอบ, แบบ|ฟอร์ม,
 * วัน|ทำ|การ): a line break inside one reads as two words. Search still
 * finds their parts; only wrapping keeps them whole. Courses add their own
 * with text_wrapper_keep().
 */
static const char *const text_keep_default[] = {
	"คำตอบ", "คำถาม", "แบบฟอร์ม", "แบบทดสอบ", "วันทำการ",
	"วันหยุดราชการ", "รหัสผ่าน", "หน่วยงาน", "ส่วนราชการ",
	"ข้อมูลส่วนบุคคล", "ลายมือชื่อ", "เว็บไซต์", "สมาร์ทโฟน",
	"ไฟล์แนบ", "ผู้ใช้", "ผู้ใช้งาน", "บัญชีผู้ใช้", "ปัญญาประดิษฐ์",
	"ยืนยันตัวตน", "ความปลอดภัย", "รัฐบาลดิจิทัล", "ทักษะดิจิทัล",
};

struct text_wrapper *
text_wrapper_new_dict(const char *dict_path)
{
	struct text_wrapper	*w;

	size_t			 i;

	w = xcalloc(1, sizeof *w);
	w->brk = th_brk_new(dict_path);
	for (i = 0; i < sizeof text_keep_default /
	    sizeof text_keep_default[0]; i++)
		text_wrapper_keep(w, text_keep_default[i]);
	return w;
}

struct text_wrapper *
text_wrapper_new(void)
{
	return text_wrapper_new_dict(NULL);
}

int
text_wrapper_has_dict(const struct text_wrapper *w)
{
	return w->brk != NULL;
}

/* Forget the course's words. */
static void
text_words_drop(struct text_wrapper *w)
{
	while (w->ngiven > 0)
		free(w->given[--w->ngiven]);
	free(w->given);
	w->given = NULL;
	while (w->ncwords > 0)
		free(w->cwords[--w->ncwords]);
	free(w->cwords);
	w->cwords = NULL;
	w->ntaken = 0;
}

void
text_wrapper_free(struct text_wrapper *w)
{
	if (w == NULL)
		return;
	if (w->brk != NULL)
		th_brk_delete(w->brk);
	while (w->nkeep > 0)
		free(w->keep[--w->nkeep]);
	free(w->keep);
	text_words_drop(w);
	free(w->cells);
	free(w->wbuf);
	free(w->pos);
	free(w);
}

/* Thai letters, vowels and marks libthai can segment (TIS-620 range). */
static int
text_is_thai(uint32_t cp)
{
	return cp >= 0x0E01 && cp <= 0x0E5B;
}

int
text_wrapper_keep(struct text_wrapper *w, const char *word)
{
	wchar_t		*kw;
	size_t		 i, n, len = strlen(word), nw = 0;
	uint32_t	 cp;

	kw = xcalloc(len + 1, sizeof *kw);
	for (i = 0; i < len; i += n) {
		n = text_decode(word + i, len - i, &cp);
		if (!text_is_thai(cp)) {
			free(kw);
			return -1;
		}
		kw[nw++] = (wchar_t)cp;
	}
	if (nw < 2) {
		free(kw);
		return -1;
	}
	for (i = 0; i < w->nkeep; i++)
		if (wcscmp(w->keep[i], kw) == 0) {
			free(kw);
			return 0;
		}
	w->keep = xreallocarray(w->keep, w->nkeep + 1, sizeof *w->keep);
	w->keep[w->nkeep++] = kw;
	return 0;
}

int
text_word_ok(const char *word)
{
	size_t		 i, n, len, ncp = 0;
	uint32_t	 cp, last = 0;

	if (word == NULL)
		return 0;
	len = strlen(word);
	if (!text_valid_utf8(word, len, NULL))
		return 0;
	for (i = 0; i < len; i += n) {
		n = text_decode(word + i, len - i, &cp);
		if (cp < 0x0E01 || cp > 0x0E4E || cp == 0x0E2F ||
		    cp == 0x0E3F || cp == 0x0E46)
			return 0;
		/* a mark or a following vowel cannot start a word */
		if (ncp == 0 && (text_cp_width(cp) == 0 || cp == 0x0E30 ||
		    cp == 0x0E32 || cp == 0x0E33 || cp == 0x0E45))
			return 0;
		last = cp;
		ncp++;
	}
	return ncp >= 2 && !(last >= 0x0E40 && last <= 0x0E44);
}

/* Add s[0..len) (Thai, valid UTF-8) to the course's words, as code points. */
static void
text_words_add(struct text_wrapper *w, const char *s, size_t len)
{
	wchar_t		*kw;
	size_t		 i, n, nw = 0;
	uint32_t	 cp;

	kw = xcalloc(len + 1, sizeof *kw);
	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		kw[nw++] = (wchar_t)cp;
	}
	for (i = 0; i < w->ncwords; i++)
		if (wcscmp(w->cwords[i], kw) == 0) {
			free(kw);
			return;
		}
	w->cwords = xreallocarray(w->cwords, w->ncwords + 1,
	    sizeof *w->cwords);
	w->cwords[w->ncwords++] = kw;
}

size_t
text_wrapper_use_words(struct text_wrapper *w, const char *const *words,
    size_t n)
{
	struct buf	 norm;
	size_t		 i;

	if (n == w->ngiven) {
		for (i = 0; i < n; i++)
			if (words[i] == NULL ||
			    strcmp(words[i], w->given[i]) != 0)
				break;
		if (i == n)
			return w->ntaken;
	}
	text_words_drop(w);
	if (n == 0)
		return 0;
	w->given = xcalloc(n, sizeof *w->given);
	buf_init(&norm);
	for (i = 0; i < n; i++) {
		w->given[w->ngiven++] = xstrdup(words[i] ? words[i] : "");
		if (!text_word_ok(w->given[i]))
			continue;
		w->ntaken++;
		text_words_add(w, words[i], strlen(words[i]));
		buf_reset(&norm);
		text_normalise(words[i], strlen(words[i]), &norm);
		if (norm.len > 0 && text_valid_utf8(norm.data, norm.len,
		    NULL))
			text_words_add(w, norm.data, norm.len);
	}
	buf_release(&norm);
	return w->ntaken;
}

/* Class of a cell whose first code point is 'cp', 'width' cells wide. */
static enum tcls
text_class(uint32_t cp, int width)
{
	if (width == 2)
		return cp == 0x3000 ? C_SP : C_ID;
	if (width <= 0) {
		if (cp == '\n')
			return C_NL;
		if (cp == '\t' || cp == '\r' || cp == '\v' || cp == '\f')
			return C_SP;
		return C_ZW;
	}
	if (cp >= 0x0E01 && cp <= 0x0E5B) {
		switch (cp) {
		case 0x0E2F:	/* ฯ */
		case 0x0E30:	/* ะ */
		case 0x0E32:	/* า */
		case 0x0E33:	/* ำ */
		case 0x0E45:	/* ๅ */
		case 0x0E46:	/* ๆ */
			return C_TFOL;
		case 0x0E5A:	/* ๚ */
		case 0x0E5B:	/* ๛ */
			return C_CL;
		case 0x0E3F:	/* ฿ */
		case 0x0E4F:	/* ๏ */
			return C_AL;
		}
		if (cp >= 0x0E40 && cp <= 0x0E44)
			return C_TLEAD;
		if (cp >= 0x0E50 && cp <= 0x0E59)
			return C_AL;	/* Thai digits group like digits */
		return C_TH;
	}
	switch (cp) {
	case ' ':
	case 0x1680:
	case 0x205F:
		return C_SP;
	case 0xA0:
	case 0x2007:
	case 0x2011:
	case 0x202F:
		return C_GL;
	case '"':
	case '\'':
		return C_QU;
	case '(': case '[': case '{':
	case 0xAB:	/* « */
	case 0x2018: case 0x201A: case 0x201C: case 0x201E:
	case 0x2039:
		return C_OP;
	case ')': case ']': case '}': case '!': case '?': case '%':
	case '/': case '-':
	case 0xBB:	/* » */
	case 0x2010:	/* hyphen */
	case 0x2019: case 0x201D: case 0x203A:
	case 0x2026:	/* … */
	case 0x2030:	/* ‰ */
		return C_CL;
	case '.': case ',': case ':': case ';':
		return C_IS;
	}
	if (cp >= 0x2000 && cp <= 0x200A)
		return C_SP;
	return C_AL;
}

/*
 * Return 'p' (capacity *cap elements of 'size' bytes) with room for 'n'
 * elements, reallocated if needed.
 */
static void *
text_grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap)
		return p;
	if (n < *cap * 2)
		n = *cap * 2;
	*cap = n;
	return xreallocarray(p, n, size);
}

/* Mark CF_KEEP the cells of [a, b) inside a word kept whole. */
static void
text_keep_run(struct text_wrapper *w, size_t a, size_t b, size_t wn)
{
	const wchar_t	*p;
	size_t		 k, i, at, m;

	for (k = 0; k < w->nkeep; k++) {
		m = wcslen(w->keep[k]);
		for (p = w->wbuf; m <= wn && (p = wcsstr(p, w->keep[k])) !=
		    NULL; p++) {
			at = (size_t)(p - w->wbuf);
			for (i = a; i < b; i++)
				if (w->cells[i].woff > at &&
				    w->cells[i].woff < at + m)
					w->cells[i].flags |= CF_KEEP;
		}
	}
}

/* The cell of [a, b) that starts at offset 'at' of the run, or b. */
static size_t
text_cell_at(const struct text_wrapper *w, size_t a, size_t b, size_t at)
{
	size_t	i;

	for (i = a; i < b && w->cells[i].woff <= at; i++)
		if (w->cells[i].woff == at)
			return i;
	return b;
}

/*
 * A course word at offset 'p' of the run (code points [p, p + m) of
 * cells [a, b), wn in all): make it one word, unless it does not start
 * and end at cells (a word ending before a mark or a following vowel,
 * or starting after a leading vowel is part of another word). Returns
 * 1 when the occurrence stands (as a word now, or inside a word the
 * dictionary knows, which stays whole), 0 when it is no word here.
 */
static int
text_word_at(struct text_wrapper *w, size_t a, size_t b, size_t wn,
    size_t p, size_t m)
{
	struct tcell	*c = w->cells;
	size_t		 s, e, i;
	int		 inside = 0;

	if ((s = text_cell_at(w, a, b, p)) == b)
		return 0;
	e = p + m == wn ? b : text_cell_at(w, a, b, p + m);
	if (e == b && p + m != wn)
		return 0;
	if ((e < b && c[e].cls == C_TFOL) || (s > a && c[s - 1].cls ==
	    C_TLEAD))
		return 0;
	for (i = s + 1; i < e; i++)
		inside |= (c[i].flags & CF_THBRK) != 0;
	if (!inside)
		return 1;
	for (i = s + 1; i < e; i++) {
		c[i].flags &= ~CF_THBRK;
		c[i].flags |= CF_KEEP;
	}
	if (s > a)
		c[s].flags |= CF_THBRK;
	if (e < b)
		c[e].flags |= CF_THBRK;
	return 1;
}

/*
 * Make each course word found in the run one word: from the start, the
 * longest word that matches, then on after it.
 */
static void
text_words_run(struct text_wrapper *w, size_t a, size_t b, size_t wn)
{
	size_t	p, k, m, best;

	for (p = 0; p < wn;) {
		best = 0;
		for (k = 0; k < w->ncwords; k++) {
			m = wcslen(w->cwords[k]);
			if (m > best && m <= wn - p &&
			    wmemcmp(w->wbuf + p, w->cwords[k], m) == 0)
				best = m;
		}
		if (best > 0 && text_word_at(w, a, b, wn, p, best))
			p += best;
		else
			p++;
	}
}

/* Run libthai over the Thai cells [a, b) and set CF_THBRK. */
static void
text_thai_run(struct text_wrapper *w, const char *s, size_t a, size_t b)
{
	struct tcell	*c;
	size_t		 i, j, n, wn = 0;
	uint32_t	 cp;
	int		 nbrk, k;

	for (i = a; i < b; i++) {
		c = &w->cells[i];
		c->woff = wn;
		for (j = 0; j < c->len; j += n) {
			n = text_decode(s + c->off + j, c->len - j, &cp);
			if (!text_is_thai(cp))
				continue;
			w->wbuf = text_grow(w->wbuf, &w->wbuf_cap, wn + 2,
			    sizeof *w->wbuf);
			w->wbuf[wn++] = (wchar_t)cp;
		}
	}
	if (wn < 2)
		return;
	w->wbuf[wn] = L'\0';
	w->pos = text_grow(w->pos, &w->pos_cap, wn, sizeof *w->pos);
	nbrk = th_brk_wc_find_breaks(w->brk, w->wbuf, w->pos, wn);
	i = a;
	for (k = 0; k < nbrk; k++) {
		while (i < b && w->cells[i].woff < (size_t)w->pos[k])
			i++;
		if (i < b && i > a && w->cells[i].woff == (size_t)w->pos[k])
			w->cells[i].flags |= CF_THBRK;
	}
	text_keep_run(w, a, b, wn);
	text_words_run(w, a, b, wn);
}

/*
 * May a line break between cells l and r = l + 1? Neither is '\n'. The
 * first rule that matches decides; the order matters.
 */
static int
text_may_break(const struct tcell *c, size_t ncells, size_t l)
{
	const struct tcell	*L = &c[l], *R = &c[l + 1];

	if (R->cls == C_SP || R->cls == C_ZW || R->cls == C_TFOL)
		return 0;
	if (L->cls == C_GL || R->cls == C_GL || (L->flags & CF_WJ))
		return 0;
	if (L->cls == C_SP || (L->flags & CF_ZWSP))
		return 1;
	if (L->cls == C_TLEAD || L->cls == C_OP || L->cls == C_QU ||
	    L->cls == C_IS)
		return 0;
	if (R->cls == C_CL || R->cls == C_IS || R->cls == C_QU)
		return 0;
	/* ฯลฯ: ล between two ฯ */
	if (L->base == 0x0E2F && R->base == 0x0E25 && l + 2 < ncells &&
	    c[l + 2].base == 0x0E2F)
		return 0;
	if ((L->cls == C_AL || L->cls == C_CL) &&
	    (R->cls == C_AL || R->cls == C_OP))
		return 0;
	if ((L->cls == C_TH || L->cls == C_TFOL) &&
	    (R->cls == C_TH || R->cls == C_TLEAD))
		return (L->flags & CF_THAI) && (R->flags & CF_THAI) &&
		    (R->flags & CF_THBRK);
	return 1;
}

/* s[off..len) starts with a web address: the length of its prefix. */
static size_t
text_url_at(const char *s, size_t len, size_t off)
{
	static const char *const pre[] = { "https://", "http://", "www." };
	size_t			 k, n;

	for (k = 0; k < sizeof pre / sizeof pre[0]; k++) {
		n = strlen(pre[k]);
		if (len - off >= n && strncmp(s + off, pre[k], n) == 0)
			return n;
	}
	return 0;
}

/* Where a web address longer than a line may be cut: after these. */
static int
text_url_sep(uint32_t cp)
{
	return cp == '/' || cp == '-' || cp == '.';
}

/*
 * A web address is one word: no break inside it, even where a Thai path
 * meets its Latin part (…/ประกอบกิจการ/), so it moves whole to the next
 * line when it fits there. One longer than a line is cut after a '/', '-'
 * or '.' (CF_URLBRK; never inside the scheme), and at cells only where
 * even that leaves too much for one line.
 */
static void
text_keep_urls(struct text_wrapper *w, const char *s, size_t len)
{
	struct tcell	*c = w->cells;
	size_t		 i, j, k;

	for (i = 0; i < w->ncells; i = j + 1) {
		j = i;
		if (i > 0 && c[i - 1].cls != C_SP && c[i - 1].cls != C_NL &&
		    c[i - 1].cls != C_OP && c[i - 1].cls != C_QU)
			continue;
		if ((k = text_url_at(s, len, c[i].off)) == 0)
			continue;
		for (j = i + 1; j < w->ncells && c[j].cls != C_SP &&
		    c[j].cls != C_NL && !(c[j].flags & CF_ZWSP); j++) {
			c[j].flags &= ~CF_BRK;
			if (c[j].off - c[i].off > k &&
			    text_url_sep(c[j - 1].base) &&
			    !text_url_sep(c[j].base))
				c[j].flags |= CF_URLBRK;
		}
	}
}

/*
 * Split s[0..len) into cells in w->cells, classify them, run libthai over
 * each Thai run and mark where lines may break.
 */
static void
text_analyse(struct text_wrapper *w, const char *s, size_t len)
{
	struct tcell	*c;
	size_t		 i, j, n, k, run;
	uint32_t	 cp;
	int		 width;

	w->ncells = 0;
	for (i = 0; i < len; i += n) {
		n = text_next_cell(s + i, len - i, &width);
		w->cells = text_grow(w->cells, &w->cells_cap, w->ncells + 1,
		    sizeof *w->cells);
		c = &w->cells[w->ncells++];
		memset(c, 0, sizeof *c);
		c->off = i;
		c->len = n;
		text_decode(s + i, n, &c->base);
		c->width = width < 0 ? 0 : width;
		c->cls = text_class(c->base, width);
		/* a space carrying marks shows them: not a droppable space */
		if (c->cls == C_SP && text_decode(s + i, n, NULL) < n)
			c->cls = C_AL;
		if (width >= 0 && text_is_thai(c->base))
			c->flags |= CF_THAI;
		for (j = 0; j < n; j += k) {
			k = text_decode(s + i + j, n - j, &cp);
			if (cp == 0x200B)
				c->flags |= CF_ZWSP;
			else if (cp == 0x2060 || cp == 0xFEFF)
				c->flags |= CF_WJ;
		}
		/*
		 * Orphan marks and controls stick to the cell before them,
		 * so that no line starts with them and nothing is dropped.
		 */
		if (c->cls == C_ZW && w->ncells > 1 && c[-1].cls != C_NL) {
			c[-1].len += n;
			c[-1].flags |= c->flags & (CF_ZWSP | CF_WJ);
			if (c[-1].cls == C_SP)
				c[-1].cls = C_AL;
			w->ncells--;
		}
	}
	if (w->brk != NULL) {
		for (i = 0; i < w->ncells; i = j) {
			for (run = i; run < w->ncells &&
			    (w->cells[run].flags & CF_THAI); run++)
				;
			if (run > i)
				text_thai_run(w, s, i, run);
			j = run > i ? run : i + 1;
		}
	}
	for (i = 1; i < w->ncells; i++) {
		if (w->cells[i - 1].cls == C_NL || w->cells[i].cls == C_NL ||
		    (w->cells[i].flags & CF_KEEP))
			continue;
		if (text_may_break(w->cells, w->ncells, i - 1))
			w->cells[i].flags |= CF_BRK;
	}
	text_keep_urls(w, s, len);
}

/* ---- Wrapping ---- */

struct text_lines {
	struct text_line	*v;
	size_t			 n;
	size_t			 cap;
};

/* Add the line of cells [a, b) minus trailing spaces; 'off' if empty. */
static void
text_line_add(struct text_lines *out, const struct tcell *c, size_t a,
    size_t b, size_t off)
{
	struct text_line	*l;
	size_t			 i;

	while (b > a && c[b - 1].cls == C_SP)
		b--;
	out->v = text_grow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	l = &out->v[out->n++];
	l->off = b > a ? c[a].off : off;
	l->len = b > a ? c[b - 1].off + c[b - 1].len - c[a].off : 0;
	l->width = 0;
	for (i = a; i < b; i++)
		l->width += c[i].width;
}

/*
 * Should a line not start at cell i (i > 0)? Not with a following vowel
 * or an orphan mark, also after spaces that would be dropped, and not
 * right after a leading vowel.
 */
static int
text_no_start(const struct tcell *c, size_t i)
{
	if (c[i - 1].cls == C_TLEAD)
		return 1;
	while (c[i].cls == C_SP)
		i++;		/* a hard break stops at a non-space */
	return c[i].cls == C_TFOL || c[i].cls == C_ZW;
}

/*
 * Nowhere to break in cells [a, i) and cell i does not fit: break a
 * word at a cell boundary, preferring one that starts the next line
 * with something that may start a line.
 */
static size_t
text_hard_break(const struct tcell *c, size_t a, size_t i)
{
	size_t	b;

	for (b = i; b > a; b--) {
		if (!text_no_start(c, b))
			return b;
	}
	return i;
}

/* Wrap the paragraph of cells [a, end), which starts at byte 'off'. */
static void
text_wrap_para(struct text_lines *out, const struct tcell *c, size_t a,
    size_t end, size_t off, int width)
{
	size_t	i, b, last = 0, soft = 0;
	long	used = 0;

	if (a == end) {
		text_line_add(out, c, a, a, off);
		return;
	}
	i = a;
	while (i < end) {
		if (i > a && (c[i].flags & CF_BRK))
			last = i;
		if (i > a && (c[i].flags & CF_URLBRK))
			soft = i;
		if (c[i].cls == C_SP) {
			used += c[i].width;
			i++;
			continue;
		}
		if (i > a && used + c[i].width > width) {
			/* a line of indentation only is no line: hard break */
			for (b = a; b < last && c[b].cls == C_SP; b++)
				;
			if (b < last)
				b = last;
			else if (soft > a)
				b = soft;
			else
				b = text_hard_break(c, a, i);
			text_line_add(out, c, a, b, c[a].off);
			for (a = b; a < end && c[a].cls == C_SP; a++)
				;
			i = a;
			used = 0;
			last = soft = 0;
			continue;
		}
		used += c[i].width;
		i++;
	}
	if (a < end)
		text_line_add(out, c, a, end, c[a].off);
}

size_t
text_wrap(struct text_wrapper *w, const char *s, size_t len, int width,
    struct text_line **lines)
{
	struct text_lines	 out = { NULL, 0, 0 };
	const struct tcell	*c;
	size_t			 p, q;

	if (width < 1)
		width = 1;
	text_analyse(w, s, len);
	c = w->cells;
	for (p = 0;; p = q + 1) {
		for (q = p; q < w->ncells && c[q].cls != C_NL; q++)
			;
		if (p == q && q >= w->ncells)
			break;
		text_wrap_para(&out, c, p, q, p < w->ncells ? c[p].off : len,
		    width);
		if (q >= w->ncells)
			break;
	}
	*lines = out.v;
	return out.n;
}

/* ---- Words ---- */

enum word_kind { WK_NONE, WK_THAI, WK_ALNUM };

static enum word_kind
text_word_kind(const struct tcell *c)
{
	uint32_t	cp = c->base;

	if (cp >= 0x0E01 && cp <= 0x0E4E && cp != 0x0E2F && cp != 0x0E3F &&
	    cp != 0x0E46)
		return WK_THAI;
	if (cp >= 0x0E50 && cp <= 0x0E59)
		return WK_ALNUM;
	if (c->cls == C_ZW)
		return WK_NONE;
	return uc_is_alnum(cp) ? WK_ALNUM : WK_NONE;
}

static int
text_is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x0E50 && cp <= 0x0E59);
}

size_t
text_words(struct text_wrapper *w, const char *s, size_t len,
    struct text_span **spans)
{
	struct text_span	*v = NULL;
	const struct tcell	*c;
	size_t			 i, j, n, nv = 0, cap = 0;
	enum word_kind		 kind;

	text_analyse(w, s, len);
	c = w->cells;
	n = w->ncells;
	for (i = 0; i < n; i = j) {
		kind = text_word_kind(&c[i]);
		j = i + 1;
		if (kind == WK_NONE)
			continue;
		/* ฯลฯ is punctuation, not the word ล */
		if (c[i].base == 0x0E25 && i > 0 && c[i - 1].base == 0x0E2F &&
		    j < n && c[j].base == 0x0E2F)
			continue;
		while (j < n) {
			if (kind == WK_THAI) {
				if (text_word_kind(&c[j]) != WK_THAI ||
				    (c[j].flags & CF_THBRK) ||
				    (c[j - 1].flags & CF_ZWSP))
					break;
				j++;
			} else if (text_word_kind(&c[j]) == WK_ALNUM)
				j++;
			else if ((c[j].base == '.' || c[j].base == ',') &&
			    j + 1 < n && text_is_digit(c[j - 1].base) &&
			    text_is_digit(c[j + 1].base))
				j += 2;
			else
				break;
		}
		v = text_grow(v, &cap, nv + 1, sizeof *v);
		v[nv].off = c[i].off;
		v[nv].len = c[j - 1].off + c[j - 1].len - c[i].off;
		nv++;
	}
	*spans = v;
	return nv;
}
