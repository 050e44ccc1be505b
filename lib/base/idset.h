#ifndef IDSET_H
#define IDSET_H

#include <stddef.h>

/*
 * Sets of ids, to find the second definition of one: a course's module,
 * page, quiz and question ids, a YAML mapping's keys, matching pairs.
 * The YAML reader and the schema both use it, so it sits below them.
 */

/* Where an id was first defined. */
struct idpos {
	const char	*id;
	const char	*file;
	unsigned	 line, col;
};

/* A set of ids (open addressing); strings are borrowed, not copied. */
struct idset {
	struct idpos	*slots;
	size_t		 cap, n;
};

void	 idset_init(struct idset *set);
void	 idset_release(struct idset *set);
/* Add 'id'; returns NULL when new, else the first definition. */
const struct idpos *idset_add(struct idset *set, const char *id,
	     const char *file, unsigned line, unsigned col);

#endif
