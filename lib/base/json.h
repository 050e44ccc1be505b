#ifndef JSON_H
#define JSON_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/*
 * JSON values built and read through one module, the only includer of
 * <jansson.h> (scripts/check-layering.sh checks it). A 'struct json' is
 * an object, array, string, number, true, false or null; objects keep
 * their keys in the order they were set, so output is stable.
 *
 * Ownership: every json_new_*() and json_parse() value belongs to the
 * caller until it is given to json_set() or json_add(), which take it
 * (also when they fail); free a value that was not given away with
 * json_free(). json_get() returns a borrowed value, valid while its
 * parent lives.
 *
 * Failure: the constructors return NULL only for a string that is NULL or
 * not UTF-8, a real that is not finite, or an allocation that failed;
 * json_set() and json_add() accept that NULL and return -1, so a builder
 * can check once at the end (sync/xapi.c does).
 */
struct json;

struct json	*json_new_obj(void);
struct json	*json_new_arr(void);
struct json	*json_new_str(const char *s);
struct json	*json_new_int(int64_t i);
struct json	*json_new_real(double d);
struct json	*json_new_bool(int b);
struct json	*json_new_null(void);

/* Set 'key' of object 'o' to 'v' (taken). Returns 0, or -1. */
int		 json_set(struct json *o, const char *key, struct json *v);
/* Append 'v' (taken) to array 'a'. Returns 0, or -1. */
int		 json_add(struct json *a, struct json *v);
void		 json_free(struct json *v);	/* NULL is fine */

/*
 * The text of 'v' (caller frees), or NULL when it cannot be written (out
 * of memory). 'indent' 0 writes it on one line with no spaces; more puts
 * each member on its own line, indented that much a level, with a space
 * after ':'. Reals get 'digits' significant digits (0: enough to read
 * back the same double). Strings stay UTF-8 (not \u escapes).
 */
char		*json_dump(const struct json *v, int indent, int digits);
/* json_dump() appended to 'out' with a newline; aborts on out of memory. */
void		 json_dump_buf(const struct json *v, int indent, int digits,
		     struct buf *out);

enum json_parse_flags {
	JSONP_NO_DUPLICATES = 1 << 0	/* an object with a key twice fails */
};

/*
 * Parse exactly one JSON value from the 'len' bytes at 's' (a NUL is not
 * needed). Returns a new value the caller frees with json_free(), or NULL
 * when the bytes are not JSON (or break 'flags').
 */
struct json	*json_parse(const char *s, size_t len,
		     enum json_parse_flags flags);

int		 json_is_obj(const struct json *v);	/* 0 for NULL */
/* Member 'key' of object 'o' (borrowed), or NULL (also when 'o' is NULL
 * or not an object). */
struct json	*json_get(const struct json *o, const char *key);
/* Members of an object or items of an array; 0 for anything else. */
size_t		 json_size(const struct json *v);
/* The string member 'key' of 'o' (borrowed), or NULL if it is absent or
 * not a string. */
const char	*json_get_str(const struct json *o, const char *key);
/* The integer member 'key' of 'o' in *out: 0, or -1 (and *out = 0) when
 * it is absent or not an integer. */
int		 json_get_int(const struct json *o, const char *key,
		     int64_t *out);
/* Item 'i' of array 'a' (borrowed), or NULL (past the end, not an
 * array). */
struct json	*json_item(const struct json *a, size_t i);
/* The number (integer or real) member 'key' of 'o' in *out: 0, or -1
 * (and *out = 0) when it is absent or not a number. */
int		 json_get_num(const struct json *o, const char *key,
		     double *out);
/* The true/false member 'key' of 'o' in *out (1, 0): 0, or -1 (and
 * *out = 0) when it is absent or not a boolean. */
int		 json_get_bool(const struct json *o, const char *key,
		     int *out);

#endif
