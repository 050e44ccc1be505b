#include "base/utf8.h"

#include <string.h>

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 n, i;

	if (len == 0) {
		if (cp != NULL)
			*cp = 0;
		return 0;
	}
	c = p[0];
	if (c < 0x80) {
		n = 1;
		goto out;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
	} else
		goto bad;
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
out:
	if (cp != NULL)
		*cp = c;
	return n;
bad:
	if (cp != NULL)
		*cp = UTF8_REPLACEMENT;
	return 1;
}

int
utf8_decoded_ok(const char *s, size_t len, uint32_t cp, size_t n)
{
	return cp != UTF8_REPLACEMENT || (n == 3 && len >= 3 &&
	    memcmp(s, "\xEF\xBF\xBD", 3) == 0);
}
