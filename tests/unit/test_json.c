/*
 * Reading JSON through base/json.h: the readers the pull uses (items of an
 * array, numbers, booleans), and what they say when a member is missing or
 * of another type.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "base/json.h"

static struct json *
parse(const char *s)
{
	struct json	*j = json_parse(s, strlen(s), 0);

	cr_assert_not_null(j, "%s", s);
	return j;
}

Test(json, items_numbers_and_booleans)
{
	struct json	*j;
	double		 d;
	int		 b;

	j = parse("{\"a\":[{\"x\":1},{\"x\":2.5}],\"t\":true,\"f\":false,"
	    "\"s\":\"1\"}");
	cr_assert_eq(json_size(json_get(j, "a")), 2);
	cr_assert_eq(json_get_num(json_item(json_get(j, "a"), 0), "x", &d), 0);
	cr_assert_float_eq(d, 1.0, 1e-12);
	cr_assert_eq(json_get_num(json_item(json_get(j, "a"), 1), "x", &d), 0);
	cr_assert_float_eq(d, 2.5, 1e-12);
	cr_assert_null(json_item(json_get(j, "a"), 2), "past the end");
	cr_assert_null(json_item(j, 0), "an object has no items");
	cr_assert_eq(json_get_bool(j, "t", &b), 0);
	cr_assert_eq(b, 1);
	cr_assert_eq(json_get_bool(j, "f", &b), 0);
	cr_assert_eq(b, 0);
	b = 7;
	cr_assert_eq(json_get_bool(j, "s", &b), -1, "a string is no boolean");
	cr_assert_eq(b, 0);
	d = 7;
	cr_assert_eq(json_get_num(j, "s", &d), -1, "a string is no number");
	cr_assert_float_eq(d, 0.0, 1e-12);
	cr_assert_eq(json_get_num(j, "missing", &d), -1);
	cr_assert_eq(json_get_bool(NULL, "t", &b), -1);
	json_free(j);
}
