#include "text/ascii.h"

#include <stdint.h>

#include "base/buf.h"
#include "text/text.h"

/* The interface's symbols and their ASCII forms (sorted by code point). */
static const struct {
	uint32_t	 cp;
	const char	*ascii;
} ascii_table[] = {
	{ 0x00B1, "+-" },	/* ± */
	{ 0x00B7, "-" },	/* · */
	{ 0x00D7, "x" },	/* × */
	{ 0x2013, "-" },	/* – */
	{ 0x2014, "-" },	/* — */
	{ 0x201C, "\"" },	/* “ */
	{ 0x201D, "\"" },	/* ” */
	{ 0x2022, "*" },	/* • */
	{ 0x2026, "..." },	/* … */
	{ 0x203A, ">" },	/* › */
	{ 0x2190, "<-" },	/* ← */
	{ 0x2191, "^" },	/* ↑ */
	{ 0x2192, "->" },	/* → */
	{ 0x2193, "v" },	/* ↓ */
	{ 0x21C5, "<>" },	/* ⇅ */
	{ 0x23F1, "T" },	/* ⏱ */
	{ 0x25B3, "^" },	/* △ */
	{ 0x25B6, ">" },	/* ▶ */
	{ 0x25BC, "v" },	/* ▼ */
	{ 0x25C0, "<" },	/* ◀ */
	{ 0x25C6, ">" },	/* ◆ */
	{ 0x25CB, "o" },	/* ○ */
	{ 0x25CC, "o" },	/* ◌ (the base of an orphan mark) */
	{ 0x25CF, "*" },	/* ● */
	{ 0x25D0, "~" },	/* ◐ */
	{ 0x2713, "+" },	/* ✓ */
	{ 0x2717, "x" },	/* ✗ */
};

/* The ASCII form of 'cp', or NULL when it is not an interface symbol. */
static const char *
ascii_form(uint32_t cp)
{
	size_t	lo = 0, hi = sizeof ascii_table / sizeof ascii_table[0], mid;

	/* box drawing: the vertical ones, the corners and crossings, the rest */
	if (cp >= 0x2500 && cp <= 0x257F) {
		if (cp == 0x2502 || cp == 0x2503 || cp == 0x2551)
			return "|";
		if (cp == 0x2500 || cp == 0x2501 || cp == 0x2550)
			return "-";
		return "+";
	}
	/* block elements: bars and sparklines; shades are the empty part */
	if (cp >= 0x2580 && cp <= 0x259F)
		return cp >= 0x2591 && cp <= 0x2593 ? "." : "#";
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (ascii_table[mid].cp == cp)
			return ascii_table[mid].ascii;
		if (ascii_table[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
ascii_symbols(const char *s, size_t len, struct buf *out)
{
	const char	*a;
	uint32_t	 cp;
	size_t		 i = 0, n;

	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		/* a bad byte decodes as U+FFFD: copy the byte, not the sign */
		if (cp < 0x80 || (a = ascii_form(cp)) == NULL)
			buf_add(out, s + i, n);
		else
			buf_adds(out, a);
		i += n;
	}
}

int
ascii_has_symbol(const char *s, size_t len)
{
	uint32_t	cp;
	size_t		i = 0;

	while (i < len) {
		i += text_decode(s + i, len - i, &cp);
		if (cp >= 0x80 && ascii_form(cp) != NULL)
			return 1;
	}
	return 0;
}
