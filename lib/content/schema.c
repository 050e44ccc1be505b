#include "content/schema.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/esc.h"
#include "base/idset.h"
#include "text/text.h"
#include "content/vocab.h"
#include "base/xalloc.h"

void
schema_init(struct schema *s, struct arena *a, struct diags *d)
{
	s->a = a;
	s->d = d;
	s->file = "";
	s->where[0] = '\0';
}

void
schema_where(struct schema *s, const char *kind, const char *id)
{
	if (kind == NULL)
		s->where[0] = '\0';
	else
		snprintf(s->where, sizeof s->where, "%s '%s'", kind,
		    id != NULL ? id : "?");
}

static int
schema_vadd(struct schema *s, enum diag_level level, const struct ynode *n,
    const char *fmt, va_list ap)
{
	char	msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	return diags_add(s->d, level, s->file, n ? n->line : 0, n ? n->col : 0,
	    "%s", msg);
}

int
schema_error(struct schema *s, const struct ynode *n, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	schema_vadd(s, DIAG_ERROR, n, fmt, ap);
	va_end(ap);
	return -1;
}

int
schema_warning(struct schema *s, const struct ynode *n, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	schema_vadd(s, DIAG_WARNING, n, fmt, ap);
	va_end(ap);
	return 0;
}

int
schema_is(struct schema *s, const struct ynode *n, enum ynode_kind kind,
    const char *what)
{
	if (n == NULL)
		return 0;
	if (n->kind == kind)
		return 1;
	/* "questions:" with nothing after it is YAML null, not text */
	if (n->kind == YN_SCALAR && n->plain && n->len == 0) {
		if (strncmp(what, "a ", 2) == 0 || strncmp(what, "an ", 3) == 0)
			schema_error(s, n, "%s is empty; it must be %s", what,
			    ynode_kind_name(kind));
		else
			schema_error(s, n, "'%s' is empty; it must be %s", what,
			    ynode_kind_name(kind));
		return 0;
	}
	if (strncmp(what, "a ", 2) == 0 || strncmp(what, "an ", 3) == 0)
		schema_error(s, n, "%s must be %s, not %s", what,
		    ynode_kind_name(kind), ynode_kind_name(n->kind));
	else
		schema_error(s, n, "'%s' must be %s, not %s", what,
		    ynode_kind_name(kind), ynode_kind_name(n->kind));
	return 0;
}

int
schema_in(const char *const *list, const char *key)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(*list, key) == 0)
			return 1;
	return 0;
}

/* Edit distance with transpositions, capped: enough to spot typos. */
static size_t
schema_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j;
	size_t	d[33][33];

	if (la > 32 || lb > 32)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

const char *
schema_suggest(const char *const *names, size_t n, const char *word)
{
	const char	*best = NULL;
	size_t		 bestd = SIZE_MAX, i, dist, limit;

	limit = strlen(word) / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (i = 0; i < n && names[i] != NULL; i++) {
		dist = schema_distance(word, names[i]);
		if (dist < bestd) {
			bestd = dist;
			best = names[i];
		}
	}
	if (best != NULL && bestd <= limit)
		return best;
	/* a prefix of a key ("feed" for "feedback") is close enough */
	for (i = 0; i < n && names[i] != NULL; i++)
		if (strlen(word) >= 3 && strncmp(names[i], word,
		    strlen(word)) == 0)
			return names[i];
	return NULL;
}

void
schema_keys(struct schema *s, const struct ynode *m,
    const char *const *allowed, const char *const *skip, const char *what)
{
	const char	*hint;
	char		 list[512];
	size_t		 i, n = 0, off;

	if (m == NULL || m->kind != YN_MAP || allowed == NULL)
		return;
	while (allowed[n] != NULL)
		n++;
	for (i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->str;

		if (schema_in(allowed, k) || schema_in(skip, k))
			continue;
		if ((hint = schema_suggest(allowed, n, k)) != NULL) {
			schema_error(s, m->keys[i], "unknown key '%s' (did you "
			    "mean '%s'?)", k, hint);
			continue;
		}
		off = 0;
		list[0] = '\0';
		for (size_t j = 0; j < n && off < sizeof list; j++)
			off += (size_t)snprintf(list + off, sizeof list - off,
			    "%s%s", j ? ", " : "", allowed[j]);
		schema_error(s, m->keys[i], "unknown key '%s' in %s (expected "
		    "one of: %s)", k, what, list);
	}
}

const struct ynode *
schema_req(struct schema *s, const struct ynode *m, const char *key)
{
	const struct ynode	*n = ynode_get(m, key);
	const char		*one[] = { key, NULL };
	size_t			 i;

	if (n != NULL || m == NULL || m->kind != YN_MAP)
		return n;
	/* a misspelt key was already reported with this key as the hint */
	for (i = 0; i < m->n; i++)
		if (!schema_in(one, m->keys[i]->str) &&
		    schema_suggest(one, 1, m->keys[i]->str) != NULL)
			return NULL;
	schema_error(s, m, "missing key '%s'", key);
	return NULL;
}

/* Check text that will be shown; returns 0 when fine. */
static int
schema_check_text(struct schema *s, const struct ynode *n)
{
	const char	*p = n->str;
	char		 what[64];
	uint32_t	 cp;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '\0')
		return schema_error(s, n, "empty text");
	/* checked before marks: U+202E is zero-width too, but no mark */
	if (esc_find(n->str, n->len, ESC_ALLOW_LINES, &cp) < n->len)
		return schema_error(s, n, "text contains %s (controls, "
		    "bidi overrides and separators are not allowed)",
		    esc_cp_describe(cp, what, sizeof what));
	if (text_starts_with_mark(p)) {
		text_decode(p, strlen(p), &cp);
		return schema_error(s, n, "text starts with a combining mark "
		    "(U+%04X) that has no character before it", (unsigned)cp);
	}
	return 0;
}

const char *
schema_text(struct schema *s, const struct ynode *n)
{
	if (!schema_is(s, n, YN_SCALAR, "a text value"))
		return NULL;
	if (schema_check_text(s, n) == -1)
		return NULL;
	/* the tree is freed after loading: copy into the model's arena */
	return arena_strndup(s->a, n->str, n->len);
}

const char *
schema_id(struct schema *s, const struct ynode *n)
{
	const char	*p;

	if (!schema_is(s, n, YN_SCALAR, "an id"))
		return NULL;
	if (n->len == 0 || n->len > 64)
		goto bad;
	if (n->str[0] == '-')
		goto bad;
	for (p = n->str; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			goto bad;
	return arena_strndup(s->a, n->str, n->len);
bad:
	schema_error(s, n, "bad id '%s' (use lowercase letters, digits and "
	    "'-', at most 64)", n->str);
	return NULL;
}

const char **
schema_opt_ids(struct schema *s, const struct ynode *m, const char *key,
    size_t *count)
{
	const struct ynode	*n = ynode_get(m, key);
	const char		**v;
	size_t			  i;

	*count = 0;
	if (n == NULL)
		return NULL;
	if (n->kind == YN_SCALAR) {
		v = arena_alloc(s->a, sizeof *v);
		v[0] = schema_id(s, n);
		*count = 1;
		return v;
	}
	if (!schema_is(s, n, YN_SEQ, key) || n->n == 0)
		return NULL;
	v = arena_alloc(s->a, n->n * sizeof *v);
	for (i = 0; i < n->n; i++)
		if (schema_is(s, n->kids[i], YN_SCALAR, "an id"))
			v[i] = schema_id(s, n->kids[i]);
	*count = n->n;
	return v;
}

/* "missing English translation ('en') of 'prompt' in question 'q1'" */
static void
schema_missing_lang(struct schema *s, const struct ynode *n, const char *key,
    const char *lang, const char *code)
{
	char	of[64] = "", in[sizeof s->where + 4] = "";

	if (key != NULL)
		snprintf(of, sizeof of, " of '%s'", key);
	if (s->where[0] != '\0')
		snprintf(in, sizeof in, " in %s", s->where);
	schema_warning(s, n, "missing %s translation ('%s')%s%s", lang, code,
	    of, in);
}

static void
schema_lstr_key(struct schema *s, const struct ynode *n, const char *key,
    struct lstr *out)
{
	size_t	i;

	memset(out, 0, sizeof *out);
	if (n == NULL)
		return;
	if (n->kind == YN_SCALAR) {
		out->s[LANG_TH] = out->s[LANG_EN] = schema_text(s, n);
		return;
	}
	if (n->kind != YN_MAP) {
		schema_error(s, n, "expected text or a {th: ..., en: ...} map, "
		    "not %s", ynode_kind_name(n->kind));
		return;
	}
	for (i = 0; i < n->n; i++) {
		const char	*k = n->keys[i]->str;
		int		 l = strcmp(k, "th") == 0 ? LANG_TH :
				     strcmp(k, "en") == 0 ? LANG_EN : -1;

		if (l < 0) {
			schema_error(s, n->keys[i], "unknown language '%s' "
			    "(use 'th' or 'en')", k);
			continue;
		}
		if (n->kids[i]->kind != YN_SCALAR) {
			schema_error(s, n->kids[i], "'%s' text must be text, "
			    "not %s", k, ynode_kind_name(n->kids[i]->kind));
			continue;
		}
		out->s[l] = schema_text(s, n->kids[i]);
	}
	if (n->n == 0)
		schema_error(s, n, "empty text (give 'th' and 'en')");
	else if (ynode_get(n, "th") == NULL && ynode_get(n, "en") != NULL)
		schema_missing_lang(s, n, key, "Thai", "th");
	else if (ynode_get(n, "en") == NULL && ynode_get(n, "th") != NULL)
		schema_missing_lang(s, n, key, "English", "en");
}

void
schema_lstr(struct schema *s, const struct ynode *n, struct lstr *out)
{
	schema_lstr_key(s, n, NULL, out);
}

void
schema_req_lstr(struct schema *s, const struct ynode *m, const char *key,
    struct lstr *out)
{
	memset(out, 0, sizeof *out);
	schema_lstr_key(s, schema_req(s, m, key), key, out);
}

void
schema_opt_lstr(struct schema *s, const struct ynode *m, const char *key,
    struct lstr *out)
{
	schema_lstr_key(s, ynode_get(m, key), key, out);
}

int
schema_bool(struct schema *s, const struct ynode *n, int def)
{
	if (n->kind == YN_SCALAR && strcmp(n->str, "true") == 0)
		return 1;
	if (n->kind == YN_SCALAR && strcmp(n->str, "false") == 0)
		return 0;
	schema_error(s, n, "expected true or false, not %s%s%s",
	    n->kind == YN_SCALAR ? "'" : "",
	    n->kind == YN_SCALAR ? n->str : ynode_kind_name(n->kind),
	    n->kind == YN_SCALAR ? "'" : "");
	return def;
}

int
schema_opt_bool(struct schema *s, const struct ynode *m, const char *key,
    int def)
{
	const struct ynode	*n = ynode_get(m, key);

	return n == NULL ? def : schema_bool(s, n, def);
}

int
schema_parse_number(const char *str, double *v)
{
	char		 ascii[64], *end;
	const char	*p;
	size_t		 n = 0;

	/*
	 * Thai digits (U+0E50..U+0E59, E0 B9 90..99) are numbers as much as
	 * ASCII ones: trainers type "๕". Decimal only: no hex, inf or nan
	 * from strtod.
	 */
	for (p = str; *p != '\0'; p++) {
		if (n + 1 >= sizeof ascii)
			return -1;
		if ((unsigned char)p[0] == 0xe0 && (unsigned char)p[1] == 0xb9 &&
		    (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99) {
			ascii[n++] = (char)('0' + ((unsigned char)p[2] - 0x90));
			p += 2;
			continue;
		}
		if (!((*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == '+' || *p == 'e' || *p == 'E'))
			return -1;
		ascii[n++] = *p;
	}
	ascii[n] = '\0';
	if (n == 0)
		return -1;
	*v = strtod(ascii, &end);
	if (*end != '\0' || !isfinite(*v))
		return -1;
	return 0;
}

int
schema_number(struct schema *s, const struct ynode *n, const char *key,
    double *v, double min, double max, unsigned flags)
{
	char	range[96];
	double	x;
	int	whole = (flags & NUM_WHOLE) != 0;
	int	above = (flags & NUM_ABOVE_MIN) != 0;

	if (!schema_is(s, n, YN_SCALAR, key))
		return -1;
	if (above && max >= 1e15)
		snprintf(range, sizeof range, "greater than %g", min);
	else if (above)
		snprintf(range, sizeof range, "greater than %g and at most %g",
		    min, max);
	else if (max >= 1e15)
		snprintf(range, sizeof range, "%g or more", min);
	else if (min <= -1e15)
		snprintf(range, sizeof range, "any number");
	else
		snprintf(range, sizeof range, "from %g to %g", min, max);
	if (schema_parse_number(n->str, &x) == -1)
		return schema_error(s, n, "'%s' must be a %snumber, not '%s'",
		    key, whole ? "whole " : "", n->str);
	if ((whole && x != floor(x)) || x < min || x > max ||
	    (above && x <= min))
		return schema_error(s, n, "'%s' must be a %snumber %s, not %s",
		    key, whole ? "whole " : "", range, n->str);
	*v = x;
	return 0;
}

int
schema_enum(struct schema *s, const struct ynode *n, const char *const *names,
    const char *what)
{
	const char	*hint;
	char		 list[512];
	size_t		 i, off = 0, count = 0;

	if (!schema_is(s, n, YN_SCALAR, what))
		return -1;
	for (i = 0; names[i] != NULL; i++) {
		if (strcmp(names[i], n->str) == 0)
			return (int)i;
		count++;
	}
	if ((hint = schema_suggest(names, count, n->str)) != NULL)
		return schema_error(s, n, "unknown %s '%s' (did you mean "
		    "'%s'?)", what, n->str, hint);
	list[0] = '\0';
	for (i = 0; i < count && off < sizeof list; i++)
		off += (size_t)snprintf(list + off, sizeof list - off, "%s%s",
		    i ? ", " : "", names[i]);
	return schema_error(s, n, "unknown %s '%s' (expected one of: %s)", what,
	    n->str, list);
}

int
schema_opt_enum(struct schema *s, const struct ynode *m, const char *key,
    const char *const *names, int def)
{
	const struct ynode	*n = ynode_get(m, key);
	int			 v;

	if (n == NULL)
		return def;
	v = schema_enum(s, n, names, key);
	return v < 0 ? def : v;
}

int
schema_vocab(struct schema *s, const struct ynode *n,
    const struct vocab_entry *table, int count, const char *what)
{
	const char	*names[16];
	int		 i;

	for (i = 0; i < count && i < 15; i++)
		names[i] = table[i].id;
	names[i] = NULL;
	return schema_enum(s, n, names, what);
}

const char *
schema_version(struct schema *s, const struct ynode *n)
{
	const char	*p;
	int		 dots = 0, digits = 0;

	if (!schema_is(s, n, YN_SCALAR, "version"))
		return NULL;
	for (p = n->str; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.' && digits > 0) {
			dots++;
			digits = 0;
		} else
			break;
	}
	if (*p != '\0' || dots != 2 || digits == 0 || n->len > 32) {
		schema_error(s, n, "bad version '%s' (write MAJOR.MINOR.PATCH, "
		    "e.g. 1.0.0)", n->str);
		return NULL;
	}
	return arena_strndup(s->a, n->str, n->len);
}

const char *
schema_date(struct schema *s, const struct ynode *n)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, m, d, leap;
	char	tail;

	if (!schema_is(s, n, YN_SCALAR, "date"))
		return NULL;
	if (n->len != 10 || sscanf(n->str, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) != 3 || n->str[4] != '-' || n->str[7] != '-')
		goto bad;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !leap))
		goto bad;
	return arena_strndup(s->a, n->str, n->len);
bad:
	schema_error(s, n, "bad date '%s' (write YYYY-MM-DD in the Western "
	    "calendar, e.g. 2027-12-31)", n->str);
	return NULL;
}

const char *
schema_opt_id(struct schema *s, const struct ynode *m, const char *prefix,
    size_t pos)
{
	const struct ynode	*n = ynode_get(m, "id");
	char			 tmp[32];

	if (n != NULL)
		return schema_id(s, n);
	if (prefix == NULL) {
		/* choices: a, b, ..., z, then c27, c28, ... */
		if (pos < 26)
			snprintf(tmp, sizeof tmp, "%c", (char)('a' + pos));
		else
			snprintf(tmp, sizeof tmp, "c%zu", pos + 1);
	} else
		snprintf(tmp, sizeof tmp, "%s%zu", prefix, pos + 1);
	return arena_strdup(s->a, tmp);
}

void
schema_sibling_ids(struct schema *s, const struct ynode *seq,
    const char **ids, size_t n, const char *kind)
{
	const struct idpos	*first;
	struct idset		 set;
	size_t			 i;

	/* hashed: comparing every pair took seconds for 40k choices */
	idset_init(&set);
	for (i = 0; i < n; i++) {
		if (ids[i] == NULL)
			continue;
		first = idset_add(&set, ids[i], "", seq->kids[i]->line,
		    seq->kids[i]->col);
		if (first != NULL)
			schema_error(s, seq->kids[i], "duplicate %s id '%s' "
			    "(first defined at %u:%u)", kind, ids[i],
			    first->line, first->col);
	}
	idset_release(&set);
}
