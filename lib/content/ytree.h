#ifndef YTREE_H
#define YTREE_H

#include <stddef.h>

/*
 * A YAML document as a plain tree with 1-based positions, so schema checks
 * (load.c, config.c) can walk it and report every problem, not just the
 * first. ytree.c is the only includer of <yaml.h>.
 *
 * Nodes live in the caller's arena and are freed with it.
 */

struct arena;
struct diags;

enum ynode_kind {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

struct ynode {
	enum ynode_kind	  kind;
	unsigned	  line, col;	/* where the node starts, 1-based */
	const char	 *str;		/* YN_SCALAR: NUL-terminated text */
	size_t		  len;
	int		  plain;	/* scalar written without quotes */
	struct ynode	**kids;		/* YN_SEQ items; YN_MAP values */
	struct ynode	**keys;		/* YN_MAP keys (all scalars) */
	size_t		  n;
};

/*
 * Parse 'len' bytes of 'buf' as one YAML document named 'name' (the path
 * used in messages). Returns the root node (an empty map for an empty
 * file), or NULL after adding the syntax error to 'd'. Duplicate keys,
 * anchors, aliases, non-text keys and more than one document are errors
 * too (they are reported, and the tree is still returned when the syntax
 * is fine).
 */
struct ynode	*ytree_parse(struct arena *a, const char *name, const char *buf,
		    size_t len, struct diags *d);

/* The value of 'key' in map 'm', or NULL. */
struct ynode	*ynode_get(const struct ynode *m, const char *key);

/* "a mapping", "a list" or "text", for messages. */
const char	*ynode_kind_name(enum ynode_kind k);

#endif
