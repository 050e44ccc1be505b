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
struct devkeys;
struct err;
struct sign_secret;
struct store;
struct sync_source;

/*
 * Write every pending statement of 'st' to 'path' (mode 0600; written
 * to a new file beside it, synced and renamed, so 'path' is complete or
 * absent; never through a link, never over the progress file), then its
 * signature by this machine's device key 'key' (devkey.h) to
 * 'path'.minisig: minisign's format, a prehashed Ed25519 signature of
 * every byte of the export, manifest included, with the trusted comment
 * "rianru outbox-export count N sha256 HEX". The rows stay pending until
 * a receipt says otherwise. The export is recorded in 'st' (its hash and
 * ids). Sets *count and 'sha256'. Returns 0, or -1 and *e.
 */
int		 carry_export(struct store *st, const char *path,
		     const struct sign_secret *key, size_t *count,
		     char sha256[65], struct err *e);

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

/* Who signed an export (carry_verify()). */
struct carry_signer {
	int	is_signed;	/* a signature file is beside it */
	int	enrolled;	/* its key is in the trusted devices */
	char	keyid[17];	/* the key id, as minisign prints it */
	char	name[256];	/* the enrolled key's name (untrusted text) */
};

/*
 * Check who signed the export 'c' (its 'path'.minisig) against the keys
 * the agency enrolled, 'enrolled' (NULL: none). Returns 0 when an
 * enrolled key signed exactly the bytes carry_open() verified (the
 * statements and the manifest, and a trusted comment that matches the
 * manifest); 1 when there is no signature, or its key is not enrolled
 * (*who says which: the caller refuses it unless told otherwise); -1 and
 * *e when the signature is not one, or an enrolled key's signature does
 * not verify: the file was changed after it was signed.
 */
int		 carry_verify(struct carry *c, const struct devkeys *enrolled,
		     struct carry_signer *who, struct err *e);

/*
 * Statements of 'c' as a source for sync_connect_source(); c stays the
 * owner. A line that no longer holds the bytes carry_open() verified
 * when it is read again is refused (an error of the run).
 */
void		 carry_source(struct carry *c, struct sync_source *src);

/*
 * Why 'path', signed as 'who' says, is not trusted (carry_verify() or
 * carry_apply_receipt() found no enrolled key's signature), into 'out':
 * not signed, no trusted devices file 'trusted_devices' (NULL), or a key
 * not enrolled there.
 */
void		 carry_untrusted_why(const struct carry_signer *who,
		     const char *path, const char *trusted_devices, char *out,
		     size_t len);

/*
 * Write the receipt for what happened to the statements of 'c' (those
 * delivered, in conflict or quarantined; pending ones are left out) to
 * 'path' (through outfile: never through a link, never over the progress
 * file 'protect', which may be NULL), like carry_export(), and its
 * signature by this (the pushing) machine's device key 'key' to
 * 'path'.minisig, with the trusted comment "rianru outbox-receipt count
 * N sha256 HEX export HEX" (the receipt's manifest and the export it
 * answers). Sets *count (may be NULL).
 */
int		 carry_write_receipt(struct carry *c, const char *path,
		     const char *protect, const struct sign_secret *key,
		     size_t *count, struct err *e);

/* Whose receipts carry_apply_receipt() believes. */
struct carry_trust {
	const struct devkeys	*enrolled;	/* NULL: none */
	const char		*devices_path;	/* its file, for messages */
	int			 accept_unsigned; /* the configuration's */
};

/* What carry_apply_receipt() did. */
struct carry_applied {
	size_t			delivered;	/* marked delivered */
	size_t			conflict;	/* set aside as conflicts */
	size_t			quarantined;	/* set aside as quarantined */
	size_t			skipped;	/* not pending here: settled */
	size_t			foreign;	/* not in its export: ignored */
	struct carry_signer	who;		/* who signed the receipt */
	int			untrusted;	/* refused: not signed by an
						   enrolled device, or changed */
	char			why[512];	/* accepted unsigned: why it
						   is not trusted, else "" */
};

/*
 * Verify the receipt 'path' and mark its statements in 'st' at 'now'. It
 * must answer an export this file made (carry_export() records each one:
 * its SHA-256 and statement ids, store_carry.h), only that export's
 * statements are marked, and it must be signed by a device key enrolled
 * in trust->enrolled (the machine that pushed; carry_write_receipt()):
 * the export is on the stick, so anyone who held it could write a
 * receipt. One that is not signed, or signed by a key not enrolled, is
 * applied only with trust->accept_unsigned (out->why then says why it is
 * not trusted). Returns 0, or -1 and *e (out->untrusted says when it was
 * refused for its signature); a damaged, unsigned or changed receipt, or
 * one that answers no export of this file, changes nothing.
 */
int		 carry_apply_receipt(struct store *st, const char *path,
		     const struct carry_trust *trust, time_t now,
		     struct carry_applied *out, struct err *e);

#endif
