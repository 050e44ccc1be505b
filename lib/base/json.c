#include "base/json.h"

#include <stdlib.h>

#include <jansson.h>

#include "base/buf.h"

/*
 * A 'struct json' is a jansson json_t seen through an opaque type: the
 * rest of the tree never sees jansson, so the library could be swapped
 * here alone. The casts below are the whole adapter.
 */
static json_t *
jv(const struct json *v)
{
	return (json_t *)v;
}

static struct json *
wrap(json_t *v)
{
	return (struct json *)v;
}

struct json *
json_new_obj(void)
{
	return wrap(json_object());
}

struct json *
json_new_arr(void)
{
	return wrap(json_array());
}

struct json *
json_new_str(const char *s)
{
	return s != NULL ? wrap(json_string(s)) : NULL;
}

struct json *
json_new_int(int64_t i)
{
	return wrap(json_integer((json_int_t)i));
}

struct json *
json_new_real(double d)
{
	return wrap(json_real(d));
}

struct json *
json_new_bool(int b)
{
	return wrap(json_boolean(b));
}

struct json *
json_new_null(void)
{
	return wrap(json_null());
}

int
json_set(struct json *o, const char *key, struct json *v)
{
	/* jansson takes (and on failure frees) the value; NULL is -1 */
	return json_object_set_new(jv(o), key, jv(v));
}

int
json_add(struct json *a, struct json *v)
{
	return json_array_append_new(jv(a), jv(v));
}

void
json_free(struct json *v)
{
	json_decref(jv(v));
}

char *
json_dump(const struct json *v, int indent, int digits)
{
	size_t	flags;

	/* jansson 2.8 and later keep the order keys were set in */
	flags = indent > 0 ? JSON_INDENT(indent) : JSON_COMPACT;
	if (digits > 0)
		flags |= JSON_REAL_PRECISION(digits);
	return json_dumps(jv(v), flags);
}

void
json_dump_buf(const struct json *v, int indent, int digits, struct buf *out)
{
	char	*s;

	if ((s = json_dump(v, indent, digits)) == NULL)
		abort();	/* a built tree fails only on out of memory */
	buf_adds(out, s);
	buf_addc(out, '\n');
	free(s);
}

struct json *
json_parse(const char *s, size_t len, enum json_parse_flags flags)
{
	json_error_t	je;

	return wrap(json_loadb(s, len, (flags & JSONP_NO_DUPLICATES) ?
	    JSON_REJECT_DUPLICATES : 0, &je));
}

int
json_is_obj(const struct json *v)
{
	return v != NULL && json_is_object(jv(v));
}

struct json *
json_get(const struct json *o, const char *key)
{
	return wrap(json_object_get(jv(o), key));
}

size_t
json_size(const struct json *v)
{
	if (json_is_object(jv(v)))
		return json_object_size(jv(v));
	return json_array_size(jv(v));
}

const char *
json_get_str(const struct json *o, const char *key)
{
	return json_string_value(json_object_get(jv(o), key));
}

int
json_get_int(const struct json *o, const char *key, int64_t *out)
{
	json_t	*v;

	v = json_object_get(jv(o), key);
	*out = 0;
	if (!json_is_integer(v))
		return -1;
	*out = (int64_t)json_integer_value(v);
	return 0;
}

struct json *
json_item(const struct json *a, size_t i)
{
	return wrap(json_array_get(jv(a), i));
}

int
json_get_num(const struct json *o, const char *key, double *out)
{
	json_t	*v;

	v = json_object_get(jv(o), key);
	*out = 0;
	if (!json_is_number(v))
		return -1;
	*out = json_number_value(v);
	return 0;
}

int
json_get_bool(const struct json *o, const char *key, int *out)
{
	json_t	*v;

	v = json_object_get(jv(o), key);
	*out = 0;
	if (!json_is_boolean(v))
		return -1;
	*out = json_is_true(v);
	return 0;
}
