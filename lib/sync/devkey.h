#ifndef DEVKEY_H
#define DEVKEY_H

#include "base/sign.h"

/*
 * Device keys: how the machine that pushes a USB export (carry.h) knows
 * which machine made it, and that nobody changed it on the way
 * (docs/sync.md, "What the stick does and does not protect against").
 *
 * Each machine (each account that runs rianru) has an Ed25519 key pair
 * made from a 32-byte seed kept in a key file of its own (keyfile.h: one
 * line of hex, 0600, ours, not a link), never in the progress file. Its
 * public key is printed in minisign's format by `rianru device-key`; the
 * agency enrols machines by collecting those keys in one file, the
 * *trusted devices* file, named by the configuration (trusted-devices:).
 */

struct err;
struct devkeys;

/*
 * This machine's key pair from key file 'path'; with 'create', a missing
 * file is made (keyfile.h). Returns 0, 1 when it is missing and 'create'
 * is not set, or -1 and *e.
 */
int	devkey_load(const char *path, int create, struct sign_pub *pub,
	    struct sign_secret *sec, struct err *e);

/*
 * The lines `rianru device-key` prints: the public key in minisign's
 * format, its untrusted comment naming the key id and 'host' (may be
 * NULL), to be appended to a trusted devices file.
 */
void	devkey_format(const struct sign_pub *pub, const char *host,
	    struct buf *out);

/*
 * Read the trusted devices file 'path': minisign public keys, each one
 * line of base64, named by the "untrusted comment: TEXT" line before it
 * (else by its key id); blank lines and lines starting with '#' are
 * skipped. The file must be a regular file (not a link) that only its
 * owner, root or us, can change: whoever can write it can enrol a key.
 * A line that is not a key, or a key id listed twice, is an error with
 * its line number. Returns the list (devkeys_free()), or NULL and *e.
 */
struct devkeys	*devkeys_load(const char *path, struct err *e);
void		 devkeys_free(struct devkeys *k);	/* NULL is fine */
size_t		 devkeys_count(const struct devkeys *k);

/*
 * The enrolled key with id 'id' and its name (*name, borrowed from 'k';
 * may be NULL), or NULL when no key of that id is enrolled.
 */
const struct sign_pub *devkeys_find(const struct devkeys *k,
		    const unsigned char id[SIGN_KEYID_LEN], const char **name);

#endif
