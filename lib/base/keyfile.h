#ifndef KEYFILE_H
#define KEYFILE_H

#include "base/crypto.h"

struct err;

/*
 * A secret key kept in a file of its own (the certificate key, never in
 * the progress file): one line of 64 hex digits. The file must be a
 * regular file of ours, reached without a link, readable by us alone
 * (0600); anything else is refused with a message that says what to do.
 *
 * keyfile_load() reads 'path' into 'key'. With 'create' set, a missing
 * file is made (0600, O_EXCL, with a new random key; its folder is made
 * 0700 when missing). Returns 0, 1 when the file is missing and 'create'
 * is not set, or -1 and *e.
 */
int	keyfile_load(const char *path, int create,
	    unsigned char key[CRYPTO_KEY_LEN], struct err *e);

#endif
