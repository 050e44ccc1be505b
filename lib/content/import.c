/*
 * What the importers share: the import object, ids from question names,
 * messages, and Moodle's HTML text as plain text.
 */
#include "content/import.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/xalloc.h"
#include "text/text.h"

/* Ids are at most 64 characters; leave room for a "-NN" suffix. */
#define IMPORT_ID_MAX	56

void
import_init(struct import *im, const char *file)
{
	memset(im, 0, sizeof *im);
	im->arena = arena_new();
	im->file = arena_strdup(im->arena, file);
	diags_init(&im->errors);
	diags_init(&im->skipped);
}

void
import_release(struct import *im)
{
	arena_free(im->arena);
	free(im->q);
	diags_release(&im->errors);
	diags_release(&im->skipped);
	memset(im, 0, sizeof *im);
}

int
import_error(struct import *im, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list	ap;
	char	msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diags_add(&im->errors, DIAG_ERROR, im->file, line, col, "%s", msg);
	return -1;
}

void
import_skip(struct import *im, unsigned line, const char *fmt, ...)
{
	va_list	ap;
	char	msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diags_add(&im->skipped, DIAG_WARNING, im->file, line, 0, "skipped %s",
	    msg);
}

int
import_check_utf8(struct import *im, const char *buf, size_t len)
{
	size_t		 bad, i;
	unsigned	 line = 1, col = 1;

	if (text_valid_utf8(buf, len, &bad))
		return 0;
	for (i = 0; i < bad; i++) {
		if (buf[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80)
			col++;
	}
	return import_error(im, line, col, "not valid UTF-8 (save the file "
	    "as UTF-8)");
}

struct lstr
import_lstr(const char *s)
{
	struct lstr	l;
	int		i;

	for (i = 0; i < LANG_COUNT; i++)
		l.s[i] = s;
	return l;
}

const char *
import_make_id(struct import *im, const char *name)
{
	char		 out[IMPORT_ID_MAX + 1], hex[65];
	struct sha256	 h;
	size_t		 n = 0;
	const char	*p;
	int		 dash = 0;

	for (p = name; *p != '\0' && n < IMPORT_ID_MAX; p++) {
		char	c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0 && n < IMPORT_ID_MAX)
				out[n++] = '-';
			dash = 0;
			if (n < IMPORT_ID_MAX)
				out[n++] = c;
		} else
			dash = 1;
	}
	out[n] = '\0';
	if (n > 0)
		return arena_strdup(im->arena, out);
	/* Thai (or no) name: a short hash keeps the id stable */
	sha256_init(&h);
	sha256_update(&h, name, strlen(name));
	sha256_hex(&h, hex);
	hex[8] = '\0';
	memcpy(out, "q-", 2);
	memcpy(out + 2, hex, 9);
	return arena_strdup(im->arena, out);
}

struct question *
import_add(struct import *im, enum qtype t, unsigned line, const char *name,
    const char *fallback)
{
	struct question	*q;

	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 16;
		im->q = xreallocarray(im->q, im->cap, sizeof *im->q);
	}
	q = &im->q[im->n++];
	memset(q, 0, sizeof *q);
	q->type = t;
	q->line = line;
	q->points = 1;
	if (name == NULL || name[0] == '\0')
		name = fallback != NULL ? fallback : "";
	q->id = import_make_id(im, name);
	return q;
}

void
import_drop_last(struct import *im)
{
	if (im->n > 0)
		im->n--;
}

/* Is 'id' among the first 'n' questions' ids or in 'taken'? */
static int
import_id_used(const struct import *im, size_t n, const char *id,
    const char *const *taken, size_t ntaken)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(im->q[i].id, id) == 0)
			return 1;
	for (i = 0; i < ntaken; i++)
		if (strcmp(taken[i], id) == 0)
			return 1;
	return 0;
}

void
import_ids(struct import *im, const char *const *taken, size_t ntaken)
{
	char	id[80];
	size_t	i;
	int	k;

	for (i = 0; i < im->n; i++) {
		if (!import_id_used(im, i, im->q[i].id, taken, ntaken))
			continue;
		for (k = 2; ; k++) {
			snprintf(id, sizeof id, "%s-%d", im->q[i].id, k);
			if (!import_id_used(im, i, id, taken, ntaken))
				break;
		}
		im->q[i].id = arena_strdup(im->arena, id);
	}
}

/* The character an HTML entity at 's' stands for, and its length. */
static size_t
import_entity(const char *s, size_t len, struct buf *out)
{
	static const struct {
		const char	*name;
		const char	*text;
	} named[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" },
		{ "&nbsp;", " " },
	};
	char		 enc[4];
	size_t		 i, n;
	unsigned long	 cp = 0;
	int		 hex;

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		n = strlen(named[i].name);
		if (n <= len && memcmp(s, named[i].name, n) == 0) {
			buf_adds(out, named[i].text);
			return n;
		}
	}
	if (len < 4 || s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	for (i = hex ? 3 : 2; i < len && i < 12 && s[i] != ';'; i++) {
		int	d;

		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (hex && s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (hex && s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return 0;
		cp = cp * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (i >= len || s[i] != ';' || i == (hex ? 3u : 2u) || cp == 0 ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	buf_add(out, enc, text_encode((uint32_t)cp, enc));
	return i + 1;
}

int
import_tag_is(const char *s, size_t len, const char *name)
{
	size_t	n = strlen(name), i;

	if (len < n)
		return 0;
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != name[i])
			return 0;
	return len == n || s[n] == '>' || s[n] == ' ' || s[n] == '/' ||
	    s[n] == '\t' || s[n] == '\n';
}

char *
import_str(struct import *im, const char *s, size_t len)
{
	struct buf	 b;
	char		*r;
	size_t		 i = 0, e, nl = 0;

	buf_init(&b);
	while (i < len) {
		const char	*end = memchr(s + i, '\n', len - i);

		e = end != NULL ? (size_t)(end - s) : len;
		while (i < e && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == e) {
			nl++;
		} else {
			if (b.len > 0)
				buf_adds(&b, nl > 1 ? "\n\n" : "\n");
			nl = 1;
			while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' ||
			    s[e - 1] == '\r'))
				e--;
			buf_add(&b, s + i, e - i);
			e = end != NULL ? (size_t)(end - s) : len;
		}
		i = e + 1;
	}
	r = arena_strndup(im->arena, b.data, b.len);
	buf_release(&b);
	return r;
}

char *
import_html(struct import *im, const char *s, size_t len, int *image)
{
	struct buf	 b;
	char		*r;
	size_t		 i = 0, k;

	buf_init(&b);
	while (i < len) {
		if (s[i] == '<') {
			const char	*t = s + i + 1;
			size_t		 tl = len - i - 1;
			const char	*end = memchr(t, '>', tl);

			if (end == NULL) {
				buf_add(&b, s + i, len - i);
				break;
			}
			if (*t == '/') {
				t++;
				tl--;
			}
			if (import_tag_is(t, tl, "img"))
				*image = 1;
			if (import_tag_is(t, tl, "br") ||
			    import_tag_is(t, tl, "p") ||
			    import_tag_is(t, tl, "li") ||
			    import_tag_is(t, tl, "div"))
				buf_addc(&b, '\n');
			i = (size_t)(end - s) + 1;
		} else if (s[i] == '&' && (k = import_entity(s + i, len - i,
		    &b)) > 0)
			i += k;
		else if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			/* HTML: a run of white space is one space */
			if (b.len > 0 && b.data[b.len - 1] != ' ' &&
			    b.data[b.len - 1] != '\n')
				buf_addc(&b, ' ');
			i++;
		} else
			buf_addc(&b, s[i++]);
	}
	r = import_str(im, b.data, b.len);
	buf_release(&b);
	return r;
}
