#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

/*
 * A bump allocator: many small allocations, freed all at once. The content
 * model lives in one arena per course, so loading is cheap and
 * course_free() cannot leak a string. Allocations are zeroed and aligned
 * for any type. Never fails (xalloc aborts on OOM).
 */
struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *a);	/* NULL is fine */
void		*arena_alloc(struct arena *a, size_t size);
/* The same, not zeroed: for memory the caller fills at once. */
void		*arena_alloc_uninit(struct arena *a, size_t size);
char		*arena_strndup(struct arena *a, const char *s, size_t len);
char		*arena_strdup(struct arena *a, const char *s);
/* Copy 'n' elements of 'size' bytes from 'src' (NULL if n == 0). */
void		*arena_memdup(struct arena *a, const void *src, size_t n,
		    size_t size);
size_t		 arena_used(const struct arena *a);	/* bytes, for benchmarks */

#endif
