#include "base/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void	(*fail_hook)(void);

void
xalloc_set_fail_hook(void (*hook)(void))
{
	fail_hook = hook;
}

static void
xalloc_fail(size_t size)
{
	if (fail_hook != NULL)
		fail_hook();
	fprintf(stderr, "rianru: out of memory (allocating %zu bytes)\n", size);
	abort();
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;	/* keep callers' arithmetic simple */
	if ((p = malloc(size)) == NULL)
		xalloc_fail(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		xalloc_fail(n * size);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*np;

	if (n == 0 || size == 0)
		n = size = 1;
	if (n > SIZE_MAX / size)
		xalloc_fail(SIZE_MAX);
	if ((np = realloc(p, n * size)) == NULL)
		xalloc_fail(n * size);
	return np;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	for (len = 0; len < n && s[len] != '\0'; len++)
		;
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap, ap2;
	int	n;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		xalloc_fail(0);
	*ret = xmalloc((size_t)n + 1);
	vsnprintf(*ret, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return n;
}
