#include "base/idset.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void
idset_init(struct idset *set)
{
	set->slots = NULL;
	set->cap = set->n = 0;
}

void
idset_release(struct idset *set)
{
	free(set->slots);
	idset_init(set);
}

static size_t
idset_hash(const char *s)
{
	size_t	h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct idpos *
idset_slot(struct idpos *slots, size_t cap, const char *id)
{
	size_t	i = idset_hash(id) & (cap - 1);

	while (slots[i].id != NULL && strcmp(slots[i].id, id) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

const struct idpos *
idset_add(struct idset *set, const char *id, const char *file, unsigned line,
    unsigned col)
{
	struct idpos	*slot, *old;
	size_t		 i, oldcap;

	if (set->n * 2 >= set->cap) {
		old = set->slots;
		oldcap = set->cap;
		set->cap = set->cap ? set->cap * 2 : 64;
		set->slots = xcalloc(set->cap, sizeof *set->slots);
		for (i = 0; i < oldcap; i++)
			if (old[i].id != NULL)
				*idset_slot(set->slots, set->cap, old[i].id) =
				    old[i];
		free(old);
	}
	slot = idset_slot(set->slots, set->cap, id);
	if (slot->id != NULL)
		return slot;
	slot->id = id;
	slot->file = file;
	slot->line = line;
	slot->col = col;
	set->n++;
	return NULL;
}
