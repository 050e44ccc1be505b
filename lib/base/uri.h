#ifndef URI_H
#define URI_H

struct buf;

/*
 * Append 's' to 'out' percent-encoded for a query parameter's value (RFC
 * 3986: only the unreserved characters A-Z a-z 0-9 - . _ ~ are kept; every
 * other byte, UTF-8 included, becomes %XX). Never fails.
 */
void	uri_escape(struct buf *out, const char *s);

#endif
