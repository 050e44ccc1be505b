#include "base/sign.h"

#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "base/buf.h"
#include "base/err.h"

#define SIGN_SIG_LEN	64

_Static_assert(sizeof(struct sign_hash) >= sizeof(crypto_generichash_state),
    "struct sign_hash holds libsodium's state");
_Static_assert(_Alignof(struct sign_hash) >= _Alignof(crypto_generichash_state),
    "struct sign_hash is aligned as libsodium's state");

/* Append base64 (with padding, as minisign writes it) of p[0..n) to 'out'. */
static void
sign_b64(struct buf *out, const void *p, size_t n)
{
	size_t	len = sodium_base64_ENCODED_LEN(n,
	    sodium_base64_VARIANT_ORIGINAL);
	char	tmp[256];

	sodium_bin2base64(tmp, len, p, n, sodium_base64_VARIANT_ORIGINAL);
	buf_adds(out, tmp);
}

/*
 * The line 'nth' (0-based) of s[0..len) without its '\n' (and '\r'):
 * *line and *llen. -1 when there is no such line.
 */
static int
sign_line(const char *s, size_t len, int nth, const char **line, size_t *llen)
{
	const char	*end = s + len, *nl;

	for (;;) {
		if (s >= end)
			return -1;
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nth-- == 0) {
			*line = s;
			*llen = (size_t)((nl ? nl : end) - s);
			if (*llen > 0 && s[*llen - 1] == '\r')
				(*llen)--;
			return 0;
		}
		if (nl == NULL)
			return -1;
		s = nl + 1;
	}
}

/* Decode base64 line 'nth' of s into exactly 'want' bytes of 'out'. */
static int
sign_unb64(const char *s, size_t len, int nth, unsigned char *out,
    size_t want)
{
	const char	*line;
	size_t		 llen, got;

	if (sign_line(s, len, nth, &line, &llen) == -1 || llen > 200)
		return -1;
	if (sodium_base642bin(out, want, line, llen, NULL, &got, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || got != want)
		return -1;
	return 0;
}

int
sign_keygen(struct sign_pub *pub, struct sign_secret *sec, struct err *e)
{
	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	crypto_sign_keypair(pub->pk, sec->sk);
	randombytes_buf(pub->id, sizeof pub->id);
	memcpy(sec->id, pub->id, sizeof sec->id);
	return 0;
}

int
sign_seed_keypair(const unsigned char seed[32], struct sign_pub *pub,
    struct sign_secret *sec, struct err *e)
{
	unsigned char	h[32];

	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	crypto_sign_seed_keypair(pub->pk, sec->sk, seed);
	crypto_generichash(h, sizeof h, pub->pk, sizeof pub->pk, NULL, 0);
	memcpy(pub->id, h, SIGN_KEYID_LEN);
	memcpy(sec->id, h, SIGN_KEYID_LEN);
	return 0;
}

void
sign_pub_of(const struct sign_secret *sec, struct sign_pub *pub)
{
	memcpy(pub->id, sec->id, sizeof pub->id);
	crypto_sign_ed25519_sk_to_pk(pub->pk, sec->sk);
}

void
sign_id_hex(const unsigned char id[SIGN_KEYID_LEN], char hex[17])
{
	static const char	digits[] = "0123456789ABCDEF";
	int			i;

	for (i = 0; i < SIGN_KEYID_LEN; i++) {
		hex[2 * i] = digits[id[SIGN_KEYID_LEN - 1 - i] >> 4];
		hex[2 * i + 1] = digits[id[SIGN_KEYID_LEN - 1 - i] & 15];
	}
	hex[16] = '\0';
}

void
sign_pub_format_comment(const struct sign_pub *pub, const char *comment,
    struct buf *out)
{
	unsigned char	raw[2 + SIGN_KEYID_LEN + SIGN_PK_LEN];

	memcpy(raw, "Ed", 2);
	memcpy(raw + 2, pub->id, SIGN_KEYID_LEN);
	memcpy(raw + 2 + SIGN_KEYID_LEN, pub->pk, SIGN_PK_LEN);
	buf_addf(out, "untrusted comment: %.*s\n",
	    (int)strcspn(comment, "\r\n"), comment);
	sign_b64(out, raw, sizeof raw);
	buf_addc(out, '\n');
}

void
sign_pub_format(const struct sign_pub *pub, struct buf *out)
{
	char	hex[17], comment[64];

	sign_id_hex(pub->id, hex);
	snprintf(comment, sizeof comment, "minisign public key %s", hex);
	sign_pub_format_comment(pub, comment, out);
}

void
sign_secret_format(const struct sign_secret *sec, struct buf *out)
{
	unsigned char	raw[2 + SIGN_KEYID_LEN + SIGN_SK_LEN];

	memcpy(raw, "Ed", 2);
	memcpy(raw + 2, sec->id, SIGN_KEYID_LEN);
	memcpy(raw + 2 + SIGN_KEYID_LEN, sec->sk, SIGN_SK_LEN);
	buf_adds(out, "untrusted comment: rianru secret key\n");
	sign_b64(out, raw, sizeof raw);
	buf_addc(out, '\n');
	sodium_memzero(raw, sizeof raw);
}

int
sign_pub_parse(const char *s, size_t len, struct sign_pub *pub, struct err *e)
{
	unsigned char	raw[2 + SIGN_KEYID_LEN + SIGN_PK_LEN];

	if (sign_unb64(s, len, 1, raw, sizeof raw) == -1 ||
	    memcmp(raw, "Ed", 2) != 0)
		return err_set(e, "not a minisign public key");
	memcpy(pub->id, raw + 2, SIGN_KEYID_LEN);
	memcpy(pub->pk, raw + 2 + SIGN_KEYID_LEN, SIGN_PK_LEN);
	return 0;
}

int
sign_secret_parse(const char *s, size_t len, struct sign_secret *sec,
    struct err *e)
{
	unsigned char	raw[2 + SIGN_KEYID_LEN + SIGN_SK_LEN];
	unsigned char	pk[SIGN_PK_LEN];

	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	if (sign_unb64(s, len, 1, raw, sizeof raw) == -1 ||
	    memcmp(raw, "Ed", 2) != 0)
		return err_set(e, "not a rianru secret key");
	memcpy(sec->id, raw + 2, SIGN_KEYID_LEN);
	memcpy(sec->sk, raw + 2 + SIGN_KEYID_LEN, SIGN_SK_LEN);
	sodium_memzero(raw, sizeof raw);
	/* the second half of the secret key is its public key */
	crypto_sign_ed25519_sk_to_pk(pk, sec->sk);
	if (memcmp(pk, sec->sk + 32, SIGN_PK_LEN) != 0)
		return err_set(e, "damaged secret key");
	return 0;
}

void
sign_hash_init(struct sign_hash *h)
{
	crypto_generichash_init((crypto_generichash_state *)h->state, NULL, 0,
	    SIGN_HASH_LEN);
}

void
sign_hash_update(struct sign_hash *h, const void *p, size_t len)
{
	crypto_generichash_update((crypto_generichash_state *)h->state, p,
	    len);
}

void
sign_hash_final(struct sign_hash *h, unsigned char out[SIGN_HASH_LEN])
{
	crypto_generichash_final((crypto_generichash_state *)h->state, out,
	    SIGN_HASH_LEN);
}

/* BLAKE2b-512 of data[0..len): what an "ED" signature signs. */
static void
sign_prehash(const void *data, size_t len, unsigned char out[SIGN_HASH_LEN])
{
	crypto_generichash(out, SIGN_HASH_LEN, data, len, NULL, 0);
}

int
sign_data(const struct sign_secret *sec, const void *data, size_t len,
    const char *trusted, struct buf *out, struct err *e)
{
	unsigned char	hash[SIGN_HASH_LEN];

	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	sign_prehash(data, len, hash);
	return sign_prehashed(sec, hash, trusted, out, e);
}

int
sign_prehashed(const struct sign_secret *sec,
    const unsigned char hash[SIGN_HASH_LEN], const char *trusted,
    struct buf *out, struct err *e)
{
	unsigned char	raw[2 + SIGN_KEYID_LEN + SIGN_SIG_LEN];
	unsigned char	global[SIGN_SIG_LEN], *msg;
	size_t		tlen = strlen(trusted);
	char		hex[17];

	if (tlen > SIGN_TRUSTED_MAX || strpbrk(trusted, "\r\n") != NULL)
		return err_set(e, "a trusted comment is one line of at most "
		    "%d bytes", SIGN_TRUSTED_MAX);
	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	memcpy(raw, "ED", 2);
	memcpy(raw + 2, sec->id, SIGN_KEYID_LEN);
	crypto_sign_detached(raw + 2 + SIGN_KEYID_LEN, NULL, hash,
	    SIGN_HASH_LEN, sec->sk);
	/* the global signature covers the signature and the comment */
	msg = sodium_malloc(SIGN_SIG_LEN + tlen + 1);
	memcpy(msg, raw + 2 + SIGN_KEYID_LEN, SIGN_SIG_LEN);
	memcpy(msg + SIGN_SIG_LEN, trusted, tlen);
	crypto_sign_detached(global, NULL, msg, SIGN_SIG_LEN + tlen, sec->sk);
	sodium_free(msg);
	sign_id_hex(sec->id, hex);
	buf_addf(out, "untrusted comment: signature from rianru secret key "
	    "%s\n", hex);
	sign_b64(out, raw, sizeof raw);
	buf_addf(out, "\ntrusted comment: %s\n", trusted);
	sign_b64(out, global, sizeof global);
	buf_addc(out, '\n');
	return 0;
}

int
sign_sig_keyid(const char *sig, size_t siglen,
    unsigned char id[SIGN_KEYID_LEN], struct err *e)
{
	unsigned char	raw[2 + SIGN_KEYID_LEN + SIGN_SIG_LEN];

	if (sign_unb64(sig, siglen, 1, raw, sizeof raw) == -1)
		return err_set(e, "not a minisign signature");
	memcpy(id, raw + 2, SIGN_KEYID_LEN);
	return 0;
}

int
sign_verify(const struct sign_pub *pub, const void *data, size_t len,
    const char *sig, size_t siglen, char *trusted, size_t tlen,
    struct err *e)
{
	unsigned char	hash[SIGN_HASH_LEN];

	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	sign_prehash(data, len, hash);
	return sign_verify_prehashed(pub, hash, sig, siglen, trusted, tlen,
	    e);
}

int
sign_verify_prehashed(const struct sign_pub *pub,
    const unsigned char hash[SIGN_HASH_LEN], const char *sig, size_t siglen,
    char *trusted, size_t tlen, struct err *e)
{
	static const char	 prefix[] = "trusted comment: ";
	unsigned char		 raw[2 + SIGN_KEYID_LEN + SIGN_SIG_LEN];
	unsigned char		 global[SIGN_SIG_LEN];
	unsigned char		 msg[SIGN_SIG_LEN + SIGN_TRUSTED_MAX];
	const char		*line;
	size_t			 llen, clen;

	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	if (sign_unb64(sig, siglen, 1, raw, sizeof raw) == -1 ||
	    sign_line(sig, siglen, 2, &line, &llen) == -1 ||
	    llen < sizeof prefix - 1 ||
	    memcmp(line, prefix, sizeof prefix - 1) != 0 ||
	    sign_unb64(sig, siglen, 3, global, sizeof global) == -1)
		return err_set(e, "not a minisign signature");
	if (memcmp(raw, "ED", 2) != 0)
		return err_set(e, "unsupported signature algorithm (only "
		    "prehashed \"ED\" signatures are accepted)");
	if (memcmp(raw + 2, pub->id, SIGN_KEYID_LEN) != 0)
		return err_set(e, "signed with another key than the trusted "
		    "one");
	if (crypto_sign_verify_detached(raw + 2 + SIGN_KEYID_LEN, hash,
	    SIGN_HASH_LEN, pub->pk) != 0)
		return err_set(e, "bad signature");
	clen = llen - (sizeof prefix - 1);
	if (clen > SIGN_TRUSTED_MAX || clen >= tlen)
		return err_set(e, "trusted comment too long");
	memcpy(msg, raw + 2 + SIGN_KEYID_LEN, SIGN_SIG_LEN);
	memcpy(msg + SIGN_SIG_LEN, line + sizeof prefix - 1, clen);
	if (crypto_sign_verify_detached(global, msg, SIGN_SIG_LEN + clen,
	    pub->pk) != 0)
		return err_set(e, "bad signature of the trusted comment");
	memcpy(trusted, line + sizeof prefix - 1, clen);
	trusted[clen] = '\0';
	return 0;
}
