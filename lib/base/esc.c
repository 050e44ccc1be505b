#include "base/esc.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/utf8.h"

/* The unsafe code points that have a name people search for. */
static const struct {
	uint32_t	 cp;
	const char	*name;
} esc_names[] = {
	{ 0x0000, "NULL" },
	{ 0x0007, "BELL" },
	{ 0x0008, "BACKSPACE" },
	{ 0x0009, "CHARACTER TABULATION" },
	{ 0x000A, "LINE FEED" },
	{ 0x000D, "CARRIAGE RETURN" },
	{ 0x001B, "ESCAPE" },
	{ 0x007F, "DELETE" },
	{ 0x009B, "CONTROL SEQUENCE INTRODUCER" },
	{ 0x009D, "OPERATING SYSTEM COMMAND" },
	{ 0x061C, "ARABIC LETTER MARK" },
	{ 0x200B, "ZERO WIDTH SPACE" },
	{ 0x200E, "LEFT-TO-RIGHT MARK" },
	{ 0x200F, "RIGHT-TO-LEFT MARK" },
	{ 0x2028, "LINE SEPARATOR" },
	{ 0x2029, "PARAGRAPH SEPARATOR" },
	{ 0x202A, "LEFT-TO-RIGHT EMBEDDING" },
	{ 0x202B, "RIGHT-TO-LEFT EMBEDDING" },
	{ 0x202C, "POP DIRECTIONAL FORMATTING" },
	{ 0x202D, "LEFT-TO-RIGHT OVERRIDE" },
	{ 0x202E, "RIGHT-TO-LEFT OVERRIDE" },
	{ 0x2066, "LEFT-TO-RIGHT ISOLATE" },
	{ 0x2067, "RIGHT-TO-LEFT ISOLATE" },
	{ 0x2068, "FIRST STRONG ISOLATE" },
	{ 0x2069, "POP DIRECTIONAL ISOLATE" },
	{ 0xFEFF, "ZERO WIDTH NO-BREAK SPACE" }
};

int
esc_cp_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
	    cp == 0x200B || cp == 0x200E || cp == 0x200F ||
	    (cp >= 0x2028 && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

const char *
esc_cp_describe(uint32_t cp, char *buf, size_t size)
{
	const char	*name = "control character";
	size_t		 i;

	for (i = 0; i < sizeof esc_names / sizeof esc_names[0]; i++)
		if (esc_names[i].cp == cp)
			name = esc_names[i].name;
	snprintf(buf, size, "U+%04X %s", (unsigned)cp, name);
	return buf;
}

size_t
esc_find(const char *s, size_t len, enum esc_flags flags, uint32_t *cp)
{
	size_t		i, n;
	uint32_t	c;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &c);
		if ((flags & ESC_ALLOW_LINES) && (c == '\n' || c == '\t'))
			continue;
		if (utf8_decoded_ok(s + i, len - i, c, n) &&
		    esc_cp_unsafe(c)) {
			if (cp != NULL)
				*cp = c;
			return i;
		}
	}
	return len;
}

/* Write the escaped form of the character at s[0..n) into out[16]. */
static size_t
esc_one(const char *s, size_t len, size_t n, uint32_t c, char *out)
{
	if (!utf8_decoded_ok(s, len, c, n))
		return (size_t)snprintf(out, 16, "\\x%02X",
		    (unsigned)(unsigned char)s[0]);
	if (!esc_cp_unsafe(c)) {
		memcpy(out, s, n);
		return n;
	}
	if (c < 0x80)
		return (size_t)snprintf(out, 16, "\\x%02X", (unsigned)c);
	return (size_t)snprintf(out, 16, "<U+%04X>", (unsigned)c);
}

void
esc_buf(struct buf *out, const char *s, size_t len)
{
	char		one[16];
	size_t		i, n;
	uint32_t	c;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &c);
		buf_add(out, one, esc_one(s + i, len - i, n, c, one));
	}
}

char *
esc_str(char *dst, size_t size, const char *src)
{
	char		one[16];
	size_t		i, n, k, used = 0, len;
	uint32_t	c;

	len = src != NULL ? strlen(src) : 0;
	for (i = 0; i < len; i += n) {
		n = utf8_decode(src + i, len - i, &c);
		k = esc_one(src + i, len - i, n, c, one);
		if (used + k >= size)
			break;
		memcpy(dst + used, one, k);
		used += k;
	}
	dst[used] = '\0';
	return dst;
}
