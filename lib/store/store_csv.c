#include "store/store_officer.h"

/*
 * `rianru user import FILE.csv`: officers from a spreadsheet export. The
 * whole file is parsed and checked first, then stored in one transaction,
 * so a bad row changes nothing and is reported as "path:LINE: message".
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/infile.h"
#include "store/store_impl.h"
#include "content/vocab.h"
#include "base/xalloc.h"

#define CSV_MAX_BYTES	(64L << 20)	/* far beyond any roster */

enum csv_col { COL_CODE, COL_NAME, COL_GROUP, COL_AGENCY, COL_LANG, COL_N };
static const char *const csv_cols[COL_N] = {
	"code", "name", "group", "agency", "lang"
};

/* A CSV reader over bytes in memory (RFC 4180 plus LF-only lines). */
struct csv {
	const char	*p, *end;
	unsigned	 line;		/* physical line of p, 1-based */
	char		**f;		/* fields of the current record */
	size_t		 nf, capf;
	struct buf	 field;
};

static void
csv_clear(struct csv *c)
{
	size_t	i;

	for (i = 0; i < c->nf; i++)
		free(c->f[i]);
	c->nf = 0;
}

static void
csv_push(struct csv *c)
{
	if (c->nf == c->capf) {
		c->capf = c->capf == 0 ? 8 : c->capf * 2;
		c->f = xreallocarray(c->f, c->capf, sizeof *c->f);
	}
	c->f[c->nf++] = buf_detach(&c->field, NULL);
}

/*
 * Read the next record into c->f. Returns 1 with a record, 0 at the end,
 * -1 with *e (line = where the record started).
 */
static int
csv_next(struct csv *c, const char *path, unsigned *start, struct err *e)
{
	int	quoted;

	csv_clear(c);
	if (c->p >= c->end)
		return 0;
	*start = c->line;
	for (;;) {
		buf_reset(&c->field);
		quoted = 0;
		if (c->p < c->end && *c->p == '"') {
			quoted = 1;
			for (c->p++;; c->p++) {
				if (c->p >= c->end)
					return err_at(e, path, *start, 0,
					    "a quoted field is not closed");
				if (*c->p == '"' && c->p + 1 < c->end &&
				    c->p[1] == '"') {
					buf_addc(&c->field, '"');
					c->p++;
				} else if (*c->p == '"') {
					c->p++;
					break;
				} else {
					if (*c->p == '\n')
						c->line++;
					buf_addc(&c->field, *c->p);
				}
			}
		}
		while (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
		    !(*c->p == '\r' && (c->p + 1 == c->end ||
		    c->p[1] == '\n'))) {
			if (quoted || *c->p == '"')
				return err_at(e, path, c->line, 0, "a quote "
				    "in the middle of a field (put the whole "
				    "field in quotes and double the quote)");
			buf_addc(&c->field, *c->p++);
		}
		csv_push(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == '\r')
			c->p++;
		if (c->p < c->end && *c->p == '\n') {
			c->p++;
			c->line++;
		}
		return 1;
	}
}

/* Trim ASCII blanks in place. */
static char *
csv_trim(char *s)
{
	char	*end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* Offset of the first byte that is not valid UTF-8, or -1. */
static long
csv_bad_utf8(const unsigned char *s, size_t len)
{
	size_t		i = 0, n, k;
	uint32_t	cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0)
			n = 1, cp = s[i] & 0x1f;
		else if ((s[i] & 0xf0) == 0xe0)
			n = 2, cp = s[i] & 0x0f;
		else if ((s[i] & 0xf8) == 0xf0)
			n = 3, cp = s[i] & 0x07;
		else
			return (long)i;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return (long)i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return (long)i;
		i += n + 1;
	}
	return -1;
}

/* Read all of 'path' into a new buffer. */
static char *
csv_slurp(const char *path, size_t *len, struct err *e)
{
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;
	FILE		*f;

	if ((f = infile_open(path, e)) == NULL) {
		err_set(e, "cannot open '%s': %s", path, e->msg);
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > (size_t)CSV_MAX_BYTES) {
			err_set(e, "'%s' is too large for a list of officers",
			    path);
			goto fail;
		}
	}
	if (ferror(f)) {
		err_set(e, "cannot read '%s': %s", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	return buf_detach(&b, len);
fail:
	fclose(f);
	buf_release(&b);
	return NULL;
}

struct csv_row {
	unsigned		line;
	struct store_officer	o;
};

/* Check one record against the header map and fill r->o. */
static int
csv_row_parse(struct csv *c, const int *map, size_t ncol, const char *path,
    struct csv_row *r, struct err *e)
{
	struct store_officer	*o = &r->o;
	struct err		 fe;
	char			*v[COL_N] = { NULL };
	size_t			 i;
	int			 col;

	if (c->nf != ncol)
		return err_at(e, path, r->line, 0, "expected %zu fields, found "
		    "%zu", ncol, c->nf);
	for (i = 0; i < ncol; i++)
		v[map[i]] = csv_trim(c->f[i]);
	memset(o, 0, sizeof *o);
	for (col = 0; col < COL_N; col++) {
		if (v[col] == NULL)
			continue;
		if (col == COL_GROUP || col == COL_LANG)
			for (i = 0; v[col][i] != '\0'; i++)
				if (v[col][i] >= 'A' && v[col][i] <= 'Z')
					v[col][i] += 'a' - 'A';
	}
	err_clear(&fe);
	if (store_officer_set(o, v[COL_CODE], v[COL_NAME], v[COL_GROUP],
	    v[COL_AGENCY], v[COL_LANG], &fe) == -1)
		return err_at(e, path, r->line, 0, "%s", fe.msg);
	return 0;
}

/* Map the header record to columns; map[i] is the column of field i. */
static int
csv_header(struct csv *c, const char *path, unsigned line, int **mapp,
    struct err *e)
{
	int	*map, seen[COL_N] = { 0 }, col;
	size_t	 i;
	char	*name;

	map = xcalloc(c->nf, sizeof *map);
	*mapp = map;
	for (i = 0; i < c->nf; i++) {
		name = csv_trim(c->f[i]);
		for (col = 0; col < COL_N; col++)
			if (strcasecmp(name, csv_cols[col]) == 0)
				break;
		if (col == COL_N)
			return err_at(e, path, line, 0, "unknown column '%s' "
			    "(the header is code,name,group,agency,lang)",
			    name);
		if (seen[col]++)
			return err_at(e, path, line, 0, "column '%s' appears "
			    "twice", name);
		map[i] = col;
	}
	for (col = 0; col <= COL_GROUP; col++)
		if (!seen[col])
			return err_at(e, path, line, 0, "no '%s' column (the "
			    "header is code,name,group,agency,lang)",
			    csv_cols[col]);
	return 0;
}

/* Store the checked rows in one transaction. */
static int
csv_store(struct store *st, const char *path, struct csv_row *rows, size_t n,
    time_t now, size_t *added, size_t *updated, struct err *e)
{
	struct store_officer	 old;
	size_t			 i;
	int			 rc;

	if (store_begin(st, e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((rc = store_officer_get(st, rows[i].o.code, &old, e)) == -1)
			goto fail;
		if (store_exec(st, e, "INSERT INTO officer (code, name, "
		    "group_id, agency, lang, created) "
		    "VALUES (?, ?, ?, ?, ?, ?) "
		    "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
		    "group_id = excluded.group_id, agency = excluded.agency, "
		    "lang = excluded.lang", "tttttT", rows[i].o.code,
		    rows[i].o.name, rows[i].o.group, rows[i].o.agency,
		    rows[i].o.lang, now) == -1) {
			if (e != NULL) {
				/* a copy: e->msg is also where err_at writes */
				char	why[sizeof e->msg];

				snprintf(why, sizeof why, "%s", e->msg);
				err_at(e, path, rows[i].line, 0, "%s", why);
			}
			goto fail;
		}
		(*(rc == 1 ? added : updated))++;
	}
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_user_import_csv(struct store *st, const char *path, time_t now,
    size_t *added, size_t *updated, struct err *e)
{
	struct csv	 c;
	struct csv_row	*rows = NULL;
	size_t		 len, n = 0, cap = 0, i, nadd = 0, nupd = 0;
	unsigned	 line;
	char		*text;
	int		*map = NULL, rc = -1, r;
	long		 bad;

	if ((text = csv_slurp(path, &len, e)) == NULL)
		return -1;
	memset(&c, 0, sizeof c);
	buf_init(&c.field);
	c.p = text;
	c.end = text + len;
	c.line = 1;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		c.p += 3;
	if ((bad = csv_bad_utf8((const unsigned char *)c.p,
	    (size_t)(c.end - c.p))) != -1) {
		line = 1;
		for (i = 0; i < (size_t)bad; i++)
			line += c.p[i] == '\n';
		err_at(e, path, line, 0, "not valid UTF-8 (save the file as "
		    "CSV UTF-8)");
		goto out;
	}
	if ((r = csv_next(&c, path, &line, e)) <= 0) {
		if (r == 0)
			err_at(e, path, 1, 0, "empty file (the header is "
			    "code,name,group,agency,lang)");
		goto out;
	}
	if (csv_header(&c, path, line, &map, e) == -1)
		goto out;
	len = c.nf;
	while ((r = csv_next(&c, path, &line, e)) == 1) {
		if (c.nf == 1 && c.f[0][0] == '\0')
			continue;	/* blank line */
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			rows = xreallocarray(rows, cap, sizeof *rows);
		}
		rows[n].line = line;
		if (csv_row_parse(&c, map, len, path, &rows[n], e) == -1)
			goto out;
		for (i = 0; i < n; i++)
			if (strcmp(rows[i].o.code, rows[n].o.code) == 0) {
				err_at(e, path, line, 0, "officer code '%s' "
				    "appears twice (first on line %u)",
				    rows[n].o.code, rows[i].line);
				goto out;
			}
		n++;
	}
	if (r == -1)
		goto out;
	if (csv_store(st, path, rows, n, now, &nadd, &nupd, e) == -1)
		goto out;
	if (added != NULL)
		*added = nadd;
	if (updated != NULL)
		*updated = nupd;
	rc = 0;
out:
	csv_clear(&c);
	free(c.f);
	buf_release(&c.field);
	free(map);
	free(rows);
	free(text);
	return rc;
}
