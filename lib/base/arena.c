#include "base/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define ARENA_CHUNK	(64 * 1024)
#define ARENA_ALIGN	alignof(max_align_t)

struct chunk {
	struct chunk	*next;
	size_t		 size, used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk	*head;
	size_t		 total;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct chunk	*c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
arena_alloc_uninit(struct arena *a, size_t size)
{
	struct chunk	*c = a->head;
	size_t		 want, csize;
	void		*p;

	want = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (want == 0)
		want = ARENA_ALIGN;
	if (c == NULL || c->size - c->used < want) {
		csize = want > ARENA_CHUNK / 4 ? want : ARENA_CHUNK;
		c = xmalloc(sizeof *c + csize);
		c->size = csize;
		c->used = 0;
		if (csize == want && a->head != NULL) {
			/* a big block: keep filling the current chunk */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->used;
	c->used += want;
	a->total += want;
	return p;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	void	*p = arena_alloc_uninit(a, size);

	memset(p, 0, size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p = arena_alloc_uninit(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *
arena_memdup(struct arena *a, const void *src, size_t n, size_t size)
{
	void	*p;

	if (n == 0)
		return NULL;
	p = arena_alloc_uninit(a, n * size);
	memcpy(p, src, n * size);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a->total;
}
