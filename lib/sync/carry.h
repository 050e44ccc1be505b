#ifndef CARRY_H
#define CARRY_H

#include <stddef.h>
#include <time.h>

/*
 * Results carried on a USB stick from a machine with no network at all:
 * `rianru outbox export FILE` there, `rianru outbox push FILE` on any
 * connected machine (which writes FILE.receipt), `rianru outbox receipt
 * FILE.receipt` back on the first machine. docs/sync.md shows the files.
 *
 * Both files are UTF-8 text, one JSON value a line, LF line ends. The
 * last line is a manifest:
 *   {"rianru":"outbox-export","version":1,"count":N,"sha256":"HEX"}
 *   {"rianru":"outbox-receipt","version":1,"count":N,"sha256":"HEX",
 *    "export":"HEX of the export"}
 * where sha256 covers every byte before the manifest line and count is
 * the number of those lines. An export line is a statement's stored
 * bytes, unchanged; a receipt line is {"id":ID,"state":"delivered"} or,
 * for "conflict" and "quarantined", with the LRS's "reason". A file whose
 * manifest is missing, or whose count or hash disagree, is refused whole:
 * nothing is delivered or marked from it.
 */

struct carry;
struct err;
struct store;
struct sync_source;

/*
 * Write every pending statement of 'st' to 'path' (mode 0600; written
 * to a new file beside it, synced and renamed, so 'path' is complete or
 * absent; never through a link, never over the progress file). The
 * rows stay pending until a receipt says otherwise. The export is
 * recorded in 'st' (its hash and ids). Sets *count and 'sha256'. Returns
 * 0, or -1 and *e.
 */
int		 carry_export(struct store *st, const char *path,
		     size_t *count, char sha256[65], struct err *e);

/*
 * Open and verify the export file 'path' for pushing. Returns a carry the
 * caller frees with carry_free(), or NULL and *e saying what is wrong
 * (truncated, damaged, not an export). Holds an index of the file, not
 * its statements.
 */
struct carry	*carry_open(const char *path, struct err *e);
void		 carry_free(struct carry *c);	/* NULL is fine */
size_t		 carry_count(const struct carry *c);
const char	*carry_sha256(const struct carry *c);	/* borrowed */

/* Statements of 'c' as a source for sync_connect_source(); c stays the owner. */
void		 carry_source(struct carry *c, struct sync_source *src);

/*
 * Write the receipt for what happened to the statements of 'c' (those
 * delivered, in conflict or quarantined; pending ones are left out) to
 * 'path' (through outfile: never through a link), like carry_export().
 * Sets *count (may be NULL).
 */
int		 carry_write_receipt(struct carry *c, const char *path,
		     size_t *count, struct err *e);

/* What carry_apply_receipt() did. */
struct carry_applied {
	size_t	delivered;	/* marked delivered */
	size_t	conflict;	/* set aside as conflicts */
	size_t	quarantined;	/* set aside as quarantined */
	size_t	skipped;	/* not pending here: settled already */
	size_t	foreign;	/* not in the export it answers: ignored */
};

/*
 * Verify the receipt 'path' and mark its statements in 'st' at 'now'. It
 * must answer an export this file made (carry_export() records each one:
 * its SHA-256 and statement ids, store_carry.h), and only that export's
 * statements are marked. Returns 0, or -1 and *e; a damaged receipt, or
 * one that answers no export of this file, changes nothing.
 */
int		 carry_apply_receipt(struct store *st, const char *path,
		     time_t now, struct carry_applied *out, struct err *e);

#endif
