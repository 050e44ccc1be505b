#ifndef XALLOC_H
#define XALLOC_H

#include <stddef.h>

/*
 * Allocation that never returns NULL (tmux). On out-of-memory the fail hook
 * runs (the TUI restores the terminal there), a message is printed and the
 * program aborts. A zero size is a bug.
 */
void	*xmalloc(size_t size);
void	*xcalloc(size_t n, size_t size);
void	*xreallocarray(void *p, size_t n, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
int	 xasprintf(char **ret, const char *fmt, ...)
	     __attribute__((format(printf, 2, 3)));

/* Set the function run before abort() on OOM; NULL for none. */
void	 xalloc_set_fail_hook(void (*hook)(void));

#endif
