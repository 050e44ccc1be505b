#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * The UTF-8 decoder every layer shares (text_decode() is this one, and the
 * escaper of base/esc.c needs it below the text layer).
 */

/* U+FFFD, what an invalid byte decodes to. */
#define UTF8_REPLACEMENT	0xFFFD

/*
 * Decode the code point at the start of 's' (at most 'len' bytes) into
 * *cp and return the bytes it used (1-4). An invalid, overlong, surrogate
 * or truncated sequence yields U+FFFD and consumes 1 byte, so a loop
 * always advances. Returns 0 (and *cp = 0) only when len is 0. 'cp' may
 * be NULL.
 */
size_t	utf8_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Return 1 when utf8_decode() read a real character at 's' (U+FFFD
 * written as its three bytes counts), 0 when it read a bad byte.
 */
int	utf8_decoded_ok(const char *s, size_t len, uint32_t cp, size_t n);

#endif
