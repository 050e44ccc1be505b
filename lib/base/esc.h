#ifndef ESC_H
#define ESC_H

#include <stddef.h>
#include <stdint.h>

/*
 * The one escaper for text that came from outside (a file, the network,
 * the command line) on its way to a terminal or into the progress file.
 *
 * Unsafe code points are the ones a terminal acts on or that change how
 * the text around them reads: C0 and C1 controls and DEL (ESC ] 52 writes
 * the clipboard), bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E,
 * U+200F, U+061C), U+200B ZERO WIDTH SPACE, the separators U+2028 and
 * U+2029, and U+FEFF. Escaped, an ASCII control or a byte that is not
 * UTF-8 reads "\xHH" and any other unsafe code point "<U+XXXX>"; the
 * rest, Thai included, is copied as it is.
 */

struct buf;

/* Flags of esc_find(). */
enum esc_flags {
	ESC_ALLOW_LINES = 1 << 0	/* '\n' and tab are fine (page text) */
};

/* Return 1 when 'cp' is unsafe (see above), else 0. */
int	 esc_cp_unsafe(uint32_t cp);

/*
 * Write "U+202E RIGHT-TO-LEFT OVERRIDE" (the code point and its Unicode
 * name, or "control character" for a control without a common name)
 * into 'buf' of 'size' bytes and return 'buf'.
 */
const char *esc_cp_describe(uint32_t cp, char *buf, size_t size);

/*
 * Return the byte offset of the first unsafe code point of s[0..len)
 * and put it in *cp ('cp' may be NULL), or return 'len' when there is
 * none. Bytes that are not UTF-8 are not looked at: check validity apart.
 */
size_t	 esc_find(const char *s, size_t len, enum esc_flags flags,
	     uint32_t *cp);

/* Append s[0..len) to 'out' with every unsafe code point escaped. */
void	 esc_buf(struct buf *out, const char *s, size_t len);

/*
 * Write the NUL-terminated 'src' escaped into 'dst' of 'size' bytes
 * (size > 0), cut at a whole character or escape when it does not fit,
 * and return 'dst'. 'src' may be NULL ("") but must not overlap 'dst'.
 */
char	*esc_str(char *dst, size_t size, const char *src);

#endif
