#ifndef SIGN_H
#define SIGN_H

#include <stddef.h>

/*
 * Ed25519 signatures in minisign's formats (libsodium), so that anyone can
 * check what rianru signs with the standard `minisign -V` too.
 *
 * Public key file (minisign's): two lines,
 *   untrusted comment: ...
 *   base64("Ed" || key id (8 bytes) || public key (32 bytes))
 * Signature file (minisign's, prehashed "ED"): four lines,
 *   untrusted comment: ...
 *   base64("ED" || key id || Ed25519(BLAKE2b-512(file)))
 *   trusted comment: TEXT
 *   base64(Ed25519(signature (64 bytes) || TEXT))
 * Secret key file (ours, not minisign's encrypted one; kept 0600):
 *   untrusted comment: rianru secret key
 *   base64("Ed" || key id || Ed25519 secret key (64 bytes))
 * The trusted comment is covered by the signature; the untrusted ones
 * are not and are never relied on.
 */

struct buf;
struct err;

#define SIGN_KEYID_LEN	8
#define SIGN_PK_LEN	32
#define SIGN_SK_LEN	64
#define SIGN_TRUSTED_MAX	512	/* bytes of a trusted comment */

struct sign_pub {
	unsigned char	id[SIGN_KEYID_LEN];
	unsigned char	pk[SIGN_PK_LEN];
};

struct sign_secret {
	unsigned char	id[SIGN_KEYID_LEN];
	unsigned char	sk[SIGN_SK_LEN];	/* holds the public key too */
};

/* A new random key pair. Returns -1 with *e if libsodium cannot start. */
int	sign_keygen(struct sign_pub *pub, struct sign_secret *sec,
	    struct err *e);

/*
 * The key pair of 32-byte 'seed' (a key kept as one line of hex by
 * keyfile.h): the same seed always gives the same pair, and its key id
 * is the first bytes of the BLAKE2b hash of the public key. Returns -1
 * with *e if libsodium cannot start.
 */
int	sign_seed_keypair(const unsigned char seed[32], struct sign_pub *pub,
	    struct sign_secret *sec, struct err *e);

/* Key id 'id' as minisign prints it: 16 hex digits, last byte first. */
void	sign_id_hex(const unsigned char id[SIGN_KEYID_LEN], char hex[17]);

/* The public half of 'sec'. */
void	sign_pub_of(const struct sign_secret *sec, struct sign_pub *pub);

/* Append the public (minisign) or secret (ours) key file's text to 'out'. */
void	sign_pub_format(const struct sign_pub *pub, struct buf *out);
/* The public key file with untrusted comment 'comment' (one line). */
void	sign_pub_format_comment(const struct sign_pub *pub,
	    const char *comment, struct buf *out);
void	sign_secret_format(const struct sign_secret *sec, struct buf *out);

/*
 * Parse a key file's text (s[0..len)). Returns 0, or -1 with *e when it
 * is not such a key.
 */
int	sign_pub_parse(const char *s, size_t len, struct sign_pub *pub,
	    struct err *e);
int	sign_secret_parse(const char *s, size_t len, struct sign_secret *sec,
	    struct err *e);

/*
 * Append to 'out' the signature file of data[0..len) with trusted comment
 * 'trusted' (one line, at most SIGN_TRUSTED_MAX bytes). Returns -1 with
 * *e when the comment is not one short line.
 */
int	sign_data(const struct sign_secret *sec, const void *data, size_t len,
	    const char *trusted, struct buf *out, struct err *e);

/*
 * Check signature file 'sig' (siglen bytes) of data[0..len) against
 * 'pub': the key id, the signature of the data and the one over the
 * trusted comment. Returns 0 and copies the trusted comment into
 * 'trusted' (tlen bytes, NUL-terminated); -1 with *e otherwise.
 */
int	sign_verify(const struct sign_pub *pub, const void *data, size_t len,
	    const char *sig, size_t siglen, char *trusted, size_t tlen,
	    struct err *e);

/*
 * What a prehashed ("ED") signature signs, the BLAKE2b-512 of the data,
 * computed piece by piece (a file read line by line). Embedded; the
 * state is libsodium's, opaque here.
 */
struct sign_hash {
	_Alignas(64) unsigned char	state[448];
};

#define SIGN_HASH_LEN	64

void	sign_hash_init(struct sign_hash *h);
void	sign_hash_update(struct sign_hash *h, const void *p, size_t len);
void	sign_hash_final(struct sign_hash *h,
	    unsigned char out[SIGN_HASH_LEN]);

/* sign_data() and sign_verify() of data whose hash is 'hash'. */
int	sign_prehashed(const struct sign_secret *sec,
	    const unsigned char hash[SIGN_HASH_LEN], const char *trusted,
	    struct buf *out, struct err *e);
int	sign_verify_prehashed(const struct sign_pub *pub,
	    const unsigned char hash[SIGN_HASH_LEN], const char *sig,
	    size_t siglen, char *trusted, size_t tlen, struct err *e);

/*
 * The key id a signature file names (what to look up among trusted
 * keys). Returns 0, or -1 with *e when 'sig' is not a signature file.
 */
int	sign_sig_keyid(const char *sig, size_t siglen,
	    unsigned char id[SIGN_KEYID_LEN], struct err *e);

#endif
