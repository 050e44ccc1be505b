#include <criterion/criterion.h>
#include <string.h>

#include "learn/auth.h"
#include "base/err.h"

Test(auth, hash_verifies_only_the_right_pin)
{
	char		h[AUTH_HASH_MAX];
	struct err	e;

	cr_assert_eq(auth_pin_hash("2468", h, &e), 0, "%s", e.msg);
	cr_assert(strncmp(h, "$argon2id$", 10) == 0, "%s", h);
	cr_assert(strstr(h, "2468") == NULL);
	cr_assert(auth_pin_verify(h, "2468"));
	cr_assert(!auth_pin_verify(h, "2469"));
	cr_assert(!auth_pin_verify(h, ""));
	cr_assert(!auth_pin_verify("", "2468"));
	/* Thai digits are the same PIN */
	cr_assert(auth_pin_verify(h, "๒๔๖๘"));
}

Test(auth, two_hashes_of_one_pin_differ)
{
	char		a[AUTH_HASH_MAX], b[AUTH_HASH_MAX];
	struct err	e;

	cr_assert_eq(auth_pin_hash("1357", a, &e), 0);
	cr_assert_eq(auth_pin_hash("1357", b, &e), 0);
	cr_assert_str_neq(a, b);	/* salted */
}

Test(auth, pin_rules)
{
	struct err	e;

	cr_assert_eq(auth_pin_ok("123", &e), -1);
	cr_assert_str_eq(e.msg, "a PIN has 4 to 12 digits");
	cr_assert_eq(auth_pin_ok("12a4", &e), -1);
	cr_assert_str_eq(e.msg, "a PIN is digits only");
	cr_assert_eq(auth_pin_ok("1234567890123", &e), -1);
	cr_assert_eq(auth_pin_ok("0000", &e), 0);
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
