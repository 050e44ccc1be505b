#include "base/crypto.h"

#include <stdio.h>
#include <sodium.h>

_Static_assert(sizeof(struct sha256) >= sizeof(crypto_hash_sha256_state),
    "struct sha256 too small for libsodium's state");

int
crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
sha256_init(struct sha256 *h)
{
	crypto_init();
	crypto_hash_sha256_init((crypto_hash_sha256_state *)(void *)h->state);
}

void
sha256_update(struct sha256 *h, const void *p, size_t len)
{
	crypto_hash_sha256_update((crypto_hash_sha256_state *)(void *)h->state,
	    p, len);
}

void
sha256_hex(struct sha256 *h, char hex[65])
{
	unsigned char	out[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_final((crypto_hash_sha256_state *)(void *)h->state,
	    out);
	sodium_bin2hex(hex, 65, out, sizeof out);
}

void
crypto_mac(const unsigned char key[CRYPTO_KEY_LEN], const void *p, size_t len,
    unsigned char out[32])
{
	crypto_generichash(out, 32, p, len, key, CRYPTO_KEY_LEN);
}

_Static_assert(sizeof(struct crypto_mac_state) >=
    sizeof(crypto_generichash_state), "room for libsodium's state");
_Static_assert(_Alignof(struct crypto_mac_state) >=
    _Alignof(crypto_generichash_state), "aligned as libsodium's state");

void
crypto_mac_init(struct crypto_mac_state *m,
    const unsigned char key[CRYPTO_KEY_LEN])
{
	crypto_init();
	crypto_generichash_init((crypto_generichash_state *)(void *)m->state,
	    key, CRYPTO_KEY_LEN, 32);
}

void
crypto_mac_update(struct crypto_mac_state *m, const void *p, size_t len)
{
	crypto_generichash_update((crypto_generichash_state *)(void *)m->state,
	    p, len);
}

void
crypto_mac_final(struct crypto_mac_state *m, unsigned char out[32])
{
	crypto_generichash_final((crypto_generichash_state *)(void *)m->state,
	    out, 32);
	sodium_memzero(m, sizeof *m);
}

void
crypto_random(void *p, size_t len)
{
	crypto_init();
	randombytes_buf(p, len);
}

void
crypto_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
}

void
crypto_uuid(char out[37])
{
	unsigned char	b[16];

	crypto_random(b, sizeof b);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, 37,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
	    b[10], b[11], b[12], b[13], b[14], b[15]);
}
