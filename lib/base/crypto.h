#ifndef CRYPTO_H
#define CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/*
 * Hashing and randomness from libsodium; crypto.c and sign.c (minisign
 * signatures) are the only includers of <sodium.h> outside the PIN code
 * in auth.c.
 */

struct sha256 {
	unsigned char	state[128];	/* crypto_hash_sha256_state, opaque */
};

/* Initialise libsodium once; returns -1 if it cannot start. */
int	crypto_init(void);

void	sha256_init(struct sha256 *h);
void	sha256_update(struct sha256 *h, const void *p, size_t len);
/* Finish and write 64 hex digits and a NUL to 'hex'. */
void	sha256_hex(struct sha256 *h, char hex[65]);

#define CRYPTO_KEY_LEN	32

/*
 * A keyed hash (BLAKE2b-256 with 'key') of p[0..len) into 'out': only who
 * holds the key can make or check it (certificate codes).
 */
void	crypto_mac(const unsigned char key[CRYPTO_KEY_LEN], const void *p,
	    size_t len, unsigned char out[32]);

/* crypto_mac() of data given piece by piece (a file read in chunks). */
struct crypto_mac_state {
	_Alignas(64) unsigned char	state[448];	/* libsodium's, opaque */
};

void	crypto_mac_init(struct crypto_mac_state *m,
	    const unsigned char key[CRYPTO_KEY_LEN]);
void	crypto_mac_update(struct crypto_mac_state *m, const void *p,
	    size_t len);
void	crypto_mac_final(struct crypto_mac_state *m, unsigned char out[32]);

/* Fill 'p' with 'len' random bytes. */
void	crypto_random(void *p, size_t len);

/* Overwrite p[0..len) with zeros in a way the compiler keeps (PINs). */
void	crypto_wipe(void *p, size_t len);

/* A random (version 4) UUID as 36 characters and a NUL. */
void	crypto_uuid(char out[37]);

#endif
