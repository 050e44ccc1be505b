#ifndef DIAG_H
#define DIAG_H

#include <stddef.h>
#include <stdio.h>

/*
 * A list of messages about content or configuration, in the order they
 * were found: what `rianru check` prints and what the app's Problems view
 * shows (tmux cfg_add_cause / cfg_show_causes). Embedded: diags_init() /
 * diags_release(); the list owns its strings.
 */
enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING
};

struct diag {
	enum diag_level	 level;
	char		*file;		/* "" when not tied to a file */
	unsigned	 line, col;	/* 1-based; 0 = unknown */
	char		*msg;
};

struct diags {
	struct diag	*v;
	size_t		 n, cap;
	size_t		 nerrors, nwarnings;
};

void	diags_init(struct diags *d);
void	diags_release(struct diags *d);

/* Add a message. Returns -1 for an error, 0 for a warning. */
int	diags_add(struct diags *d, enum diag_level level, const char *file,
	    unsigned line, unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));

/* "file:line:col: msg", warnings as "file:line:col: warning: msg". */
void	diag_format(const struct diag *g, char *buf, size_t len);
/*
 * Order messages from index 'from' on by file (in the order files first
 * appear), then line and column, keeping the found order for ties.
 */
void	diags_sort(struct diags *d, size_t from);
void	diags_print(const struct diags *d, size_t from, FILE *fp);

#endif
