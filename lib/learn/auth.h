#ifndef AUTH_H
#define AUTH_H

#include <stddef.h>
#include <time.h>

/*
 * PINs for shared kiosks: hashed with Argon2id (libsodium crypto_pwhash),
 * never kept or logged in clear, checked in constant time, and slowed
 * down per officer after repeated failures. auth.c is the only other
 * includer of <sodium.h> besides crypto.c.
 */

struct err;

#define AUTH_HASH_MAX	128	/* crypto_pwhash_STRBYTES */
#define AUTH_PIN_MIN	4	/* the least pin-min-length may say */
#define AUTH_PIN_DEFAULT 6	/* pin-min-length's default */
#define AUTH_PIN_MAX	12
#define AUTH_SETUP_LEN	8	/* digits of a first-login code */

/*
 * Check that 'pin' is 'min' (AUTH_PIN_MIN..AUTH_PIN_MAX; anything else
 * means AUTH_PIN_DEFAULT) to 12 digits, ASCII or Thai. Returns 0, or -1
 * with a message for the officer.
 */
int	auth_pin_ok(const char *pin, int min, struct err *e);

/*
 * Check 'pin' as auth_pin_ok() does, then hash it into 'out' (a
 * NUL-terminated Argon2id string with its own salt and cost). Returns 0,
 * or -1 with *e.
 */
int	auth_pin_hash(const char *pin, int min, char out[AUTH_HASH_MAX],
	    struct err *e);

/*
 * A new one-time first-login code: AUTH_SETUP_LEN random digits into
 * 'code' (shown to the trainer once, never stored) and their Argon2id
 * hash into 'hash' (stored; auth_pin_verify() checks a typed code).
 * Returns 0, or -1 with *e.
 */
int	auth_setup_code(char code[AUTH_SETUP_LEN + 1],
	    char hash[AUTH_HASH_MAX], struct err *e);

/* 1 when 'pin' matches 'hash' (constant time), else 0. */
int	auth_pin_verify(const char *hash, const char *pin);

/*
 * After 'failed' wrong PINs in a row, how long the officer must wait
 * before the next try: none for the first 3, then 2, 4, 8 ... seconds,
 * at most 15 minutes.
 */
long	auth_delay(int failed);

#endif
