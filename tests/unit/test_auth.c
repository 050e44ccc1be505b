#include <criterion/criterion.h>
#include <string.h>

#include "learn/auth.h"
#include "base/err.h"

Test(auth, hash_verifies_only_the_right_pin)
{
	char		h[AUTH_HASH_MAX];
	struct err	e;

	cr_assert_eq(auth_pin_hash("246813", 6, h, &e), 0, "%s", e.msg);
	cr_assert(strncmp(h, "$argon2id$", 10) == 0, "%s", h);
	cr_assert(strstr(h, "246813") == NULL);
	cr_assert(auth_pin_verify(h, "246813"));
	cr_assert(!auth_pin_verify(h, "246814"));
	cr_assert(!auth_pin_verify(h, ""));
	cr_assert(!auth_pin_verify("", "246813"));
	/* Thai digits are the same PIN */
	cr_assert(auth_pin_verify(h, "๒๔๖๘๑๓"));
}

Test(auth, two_hashes_of_one_pin_differ)
{
	char		a[AUTH_HASH_MAX], b[AUTH_HASH_MAX];
	struct err	e;

	cr_assert_eq(auth_pin_hash("135790", 6, a, &e), 0);
	cr_assert_eq(auth_pin_hash("135790", 6, b, &e), 0);
	cr_assert_str_neq(a, b);	/* salted */
}

Test(auth, pin_rules)
{
	struct err	e;

	cr_assert_eq(auth_pin_ok("123", 4, &e), -1);
	cr_assert_str_eq(e.msg, "a PIN has 4 to 12 digits");
	cr_assert_eq(auth_pin_ok("12a4", 4, &e), -1);
	cr_assert_str_eq(e.msg, "a PIN is digits only");
	cr_assert_eq(auth_pin_ok("1234567890123", 4, &e), -1);
	cr_assert_eq(auth_pin_ok("0000", 4, &e), 0);
}

/* 4 digits fall offline in minutes from a copied file: 6 by default */
Test(auth, minimum_length_is_the_agency_s)
{
	char		h[AUTH_HASH_MAX];
	struct err	e;

	cr_assert_eq(auth_pin_ok("24681", 6, &e), -1);
	cr_assert_str_eq(e.msg, "a PIN has 6 to 12 digits");
	cr_assert_eq(auth_pin_hash("24681", 6, h, &e), -1);
	cr_assert_eq(auth_pin_ok("246813", 6, &e), 0);
	cr_assert_eq(auth_pin_ok("2468135", 8, &e), -1);
	cr_assert_str_eq(e.msg, "a PIN has 8 to 12 digits");
	/* out of range: the default, never fewer */
	cr_assert_eq(auth_pin_ok("2468", 0, &e), -1);
	cr_assert_eq(auth_pin_ok("2468", 3, &e), -1);
}

/* A first-login code: digits, different each time, checked by its hash */
Test(auth, setup_code)
{
	char		c1[AUTH_SETUP_LEN + 1], c2[AUTH_SETUP_LEN + 1];
	char		h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
	struct err	e;
	size_t		i;

	cr_assert_eq(auth_setup_code(c1, h1, &e), 0, "%s", e.msg);
	cr_assert_eq(auth_setup_code(c2, h2, &e), 0, "%s", e.msg);
	cr_assert_eq(strlen(c1), AUTH_SETUP_LEN);
	for (i = 0; i < AUTH_SETUP_LEN; i++)
		cr_assert(c1[i] >= '0' && c1[i] <= '9');
	cr_assert_str_neq(c1, c2);
	cr_assert(strstr(h1, c1) == NULL);
	cr_assert(auth_pin_verify(h1, c1));
	cr_assert(!auth_pin_verify(h1, c2));
	cr_assert(!auth_pin_verify(h2, c1));
}

Test(auth, delay_grows_and_is_capped)
{
	cr_assert_eq(auth_delay(0), 0);
	cr_assert_eq(auth_delay(2), 0);
	cr_assert_eq(auth_delay(3), 2);
	cr_assert_eq(auth_delay(4), 4);
	cr_assert_eq(auth_delay(5), 8);
	cr_assert(auth_delay(9) > auth_delay(8));
	cr_assert_eq(auth_delay(40), 15 * 60);
}
