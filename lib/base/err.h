#ifndef ERR_H
#define ERR_H

#include <stddef.h>

/*
 * An error as a value (STYLE 2.4). Lives on the caller's stack; nothing to
 * free. Library functions fill it and return -1 or NULL; only main() exits.
 */
struct err {
	char		file[256];	/* "" if not tied to a file */
	unsigned	line, col;	/* 1-based; 0 = unknown */
	char		msg[512];
};

/* Set the message of 'e' (which may be NULL). Always returns -1. */
int		 err_set(struct err *e, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));

/* Same, tied to a place in a file. Always returns -1. */
int		 err_at(struct err *e, const char *file, unsigned line,
		     unsigned col, const char *fmt, ...)
		     __attribute__((format(printf, 5, 6)));

/* Clear 'e' to "no error". */
void		 err_clear(struct err *e);

/*
 * Format 'e' as "file:line:col: msg" (parts that are unknown are left out)
 * into 'buf' and return 'buf'.
 */
const char	*err_str(const struct err *e, char *buf, size_t len);

#endif
