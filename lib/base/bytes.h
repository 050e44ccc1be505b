#ifndef BYTES_H
#define BYTES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Amounts of data as people write them: "200 KB", "5 MB" (1 KB = 1,024
 * bytes), for the LRS budget (docs/sync.md) and what status lines print.
 */

/*
 * Parse "N UNIT" at the start of 's': N a whole number (digits only),
 * UNIT one of B, KB, MB, GB, separated by spaces. Sets *bytes and returns
 * the length parsed; returns -1 when it is not that, with *bad set to
 * the offset of the first wrong character and *why to a static reason.
 */
int		 bytes_parse(const char *s, int64_t *bytes, size_t *bad,
		     const char **why);

/*
 * 'n' bytes for people into 'buf': "980 B", "12.5 KB", "5 MB" (whole
 * amounts without a decimal). Returns buf.
 */
const char	*bytes_fmt(int64_t n, char *buf, size_t len);

#endif
