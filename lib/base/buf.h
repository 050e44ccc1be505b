#ifndef BUF_H
#define BUF_H

#include <stddef.h>

/*
 * A growable byte string (git's strbuf). 'data' is never NULL and always
 * NUL-terminated, so it can be passed to C string functions at any time.
 * Embedded: buf_init() / buf_release(); buf_detach() hands the bytes out.
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;		/* 0 while data points at the shared "" */
};

void	 buf_init(struct buf *b);
void	 buf_release(struct buf *b);	/* frees the bytes; b is empty again */
void	 buf_reset(struct buf *b);	/* len = 0, keeps the allocation */
void	 buf_grow(struct buf *b, size_t extra);
void	 buf_add(struct buf *b, const void *p, size_t len);
void	 buf_adds(struct buf *b, const char *s);
void	 buf_addc(struct buf *b, char c);
void	 buf_addf(struct buf *b, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));
/* Return the bytes (caller frees) and leave b empty. */
char	*buf_detach(struct buf *b, size_t *len);

#endif
