#ifndef STORE_CARRY_H
#define STORE_CARRY_H

#include <stddef.h>

/*
 * The exports this progress file wrote for a USB stick (sync/carry.h),
 * remembered so that a receipt is applied only when it answers one of
 * them, and only to that export's statements (docs/sync.md, "What the
 * stick does and does not protect against"). Kept in the install table
 * as 'export:' + the export's SHA-256, the statement ids one a line. The
 * rules of store.h apply.
 */

struct err;
struct store;

/* Remember the export 'sha256' of the 'n' statement ids 'ids'. 0 or -1. */
int	store_export_record(struct store *st, const char *sha256,
	    const char *const *ids, size_t n, struct err *e);

/*
 * The ids of the export 'sha256' this file recorded, sorted, in *ids
 * (*n of them; free with store_export_ids_free()). Returns 0, 1 when this
 * file recorded no such export, or -1 and *e.
 */
int	store_export_ids(struct store *st, const char *sha256, char ***ids,
	    size_t *n, struct err *e);
void	store_export_ids_free(char **ids, size_t n);

#endif
