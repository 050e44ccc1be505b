#include "learn/auth.h"

#include <sodium.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "text/text.h"

_Static_assert(AUTH_HASH_MAX >= crypto_pwhash_STRBYTES,
    "AUTH_HASH_MAX too small for crypto_pwhash_str");

/* Normalise a typed PIN: Thai digits to ASCII, nothing else allowed. */
static int
auth_pin_digits(const char *pin, char *out, size_t outlen)
{
	struct buf	b;
	size_t		i;
	int		rc = 0;

	buf_init(&b);
	text_normalise(pin, strlen(pin), &b);
	for (i = 0; i < b.len; i++)
		if (b.data[i] < '0' || b.data[i] > '9')
			rc = -1;
	if (rc == 0 && b.len + 1 <= outlen)
		memcpy(out, b.data, b.len + 1);
	else
		rc = -1;
	buf_release(&b);
	return rc;
}

int
auth_pin_ok(const char *pin, int min, struct err *e)
{
	char	d[64];
	size_t	n;

	if (min < AUTH_PIN_MIN || min > AUTH_PIN_MAX)
		min = AUTH_PIN_DEFAULT;
	if (auth_pin_digits(pin, d, sizeof d) == -1)
		return err_set(e, "a PIN is digits only");
	n = strlen(d);
	sodium_memzero(d, sizeof d);
	if (n < (size_t)min || n > AUTH_PIN_MAX)
		return err_set(e, "a PIN has %d to %d digits", min,
		    AUTH_PIN_MAX);
	return 0;
}

/* Argon2id of the digits 'pin' (already checked) into 'out'. */
static int
auth_hash_digits(const char *pin, char out[AUTH_HASH_MAX], struct err *e)
{
	char	d[64];

	if (auth_pin_digits(pin, d, sizeof d) == -1)
		return err_set(e, "a PIN is digits only");
	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	/* interactive limits: ~0.1 s and 64 MiB on an old PC */
	if (crypto_pwhash_str(out, d, strlen(d),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		sodium_memzero(d, sizeof d);
		return err_set(e, "not enough memory to hash the PIN");
	}
	sodium_memzero(d, sizeof d);
	return 0;
}

int
auth_pin_hash(const char *pin, int min, char out[AUTH_HASH_MAX],
    struct err *e)
{
	if (auth_pin_ok(pin, min, e) == -1)
		return -1;
	return auth_hash_digits(pin, out, e);
}

int
auth_setup_code(char code[AUTH_SETUP_LEN + 1], char hash[AUTH_HASH_MAX],
    struct err *e)
{
	size_t	i;

	if (sodium_init() < 0)
		return err_set(e, "cannot start libsodium");
	for (i = 0; i < AUTH_SETUP_LEN; i++)	/* uniform digits */
		code[i] = (char)('0' + randombytes_uniform(10));
	code[AUTH_SETUP_LEN] = '\0';
	return auth_hash_digits(code, hash, e);
}

int
auth_pin_verify(const char *hash, const char *pin)
{
	char	d[64];
	int	ok;

	if (hash == NULL || *hash == '\0' ||
	    auth_pin_digits(pin, d, sizeof d) == -1)
		return 0;
	if (sodium_init() < 0)
		return 0;
	ok = crypto_pwhash_str_verify(hash, d, strlen(d)) == 0;
	sodium_memzero(d, sizeof d);
	return ok;
}

long
auth_delay(int failed)
{
	long	d;

	if (failed < 3)
		return 0;
	if (failed > 12)
		return 15 * 60;
	d = 1L << (failed - 2);
	return d > 15 * 60 ? 15 * 60 : d;
}
