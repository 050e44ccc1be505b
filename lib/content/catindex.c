#include "content/catindex.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/sign.h"
#include "base/xalloc.h"

#define CATINDEX_HEADER	"rianru-catalogue 1"

void
catindex_init(struct catindex *ix)
{
	memset(ix, 0, sizeof *ix);
}

void
catindex_release(struct catindex *ix)
{
	size_t	i;

	for (i = 0; i < ix->n; i++) {
		free(ix->v[i].id);
		free(ix->v[i].version);
		free(ix->v[i].file);
	}
	free(ix->v);
	free(ix->catalogue);
	catindex_init(ix);
}

void
catindex_add(struct catindex *ix, const char *id, const char *version,
    const char *hash, const char *sha256, uint64_t size, const char *file)
{
	struct catindex_entry	*en;

	if (ix->n == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 16;
		ix->v = xreallocarray(ix->v, ix->cap, sizeof *ix->v);
	}
	en = &ix->v[ix->n++];
	memset(en, 0, sizeof *en);
	en->id = xstrdup(id);
	en->version = xstrdup(version);
	snprintf(en->hash, sizeof en->hash, "%s", hash);
	snprintf(en->sha256, sizeof en->sha256, "%s", sha256);
	en->size = size;
	en->file = xstrdup(file);
}

const struct catindex_entry *
catindex_find(const struct catindex *ix, const char *id)
{
	size_t	i;

	for (i = 0; i < ix->n; i++)
		if (strcmp(ix->v[i].id, id) == 0)
			return &ix->v[i];
	return NULL;
}

void
catindex_format(const struct catindex *ix, struct buf *out)
{
	size_t	i;

	buf_addf(out, CATINDEX_HEADER "\ncatalogue %s\nsequence %" PRIu64
	    "\ndate %s\n", ix->catalogue, ix->sequence, ix->date);
	for (i = 0; i < ix->n; i++)
		buf_addf(out, "course %s %s %s %s %" PRIu64 " %s\n",
		    ix->v[i].id, ix->v[i].version, ix->v[i].hash,
		    ix->v[i].sha256, ix->v[i].size, ix->v[i].file);
}

void
catindex_pack_name(const char *id, const char *hash, char *out, size_t len)
{
	snprintf(out, len, "%s.%.16s.pack", id, hash);
}

/* ---- parsing: every field is checked, nothing is assumed ---- */

static int
ci_id_ok(const char *s)
{
	size_t	n = strlen(s);

	return n > 0 && n <= 64 && s[0] != '-' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int
ci_version_ok(const char *s)
{
	size_t	n = strlen(s);

	return n > 0 && n <= 32 && strspn(s, "0123456789.") == n;
}

static int
ci_hex_ok(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static int
ci_file_ok(const char *s)
{
	size_t	n = strlen(s);

	return n > 0 && n <= 128 && s[0] != '.' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-._") == n;
}

/* A decimal number without sign or leading junk, at most 'max'. */
static int
ci_num(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t	v = 0;

	if (*s == '\0' || strlen(s) > 19)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

/* YYYY-MM-DDTHH:MM:SSZ, digits where digits go. */
static int
ci_date_ok(const char *s)
{
	static const char	pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t			i;

	if (strlen(s) != sizeof pat - 1)
		return 0;
	for (i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
			return 0;
	return 1;
}

/* Split 'line' (modified) at single spaces into at most 'max' fields. */
static size_t
ci_fields(char *line, char **f, size_t max)
{
	size_t	n = 0;
	char	*p = line;

	while (n < max) {
		f[n++] = p;
		if ((p = strchr(p, ' ')) == NULL)
			break;
		*p++ = '\0';
	}
	return p == NULL ? n : max + 1;
}

static int
ci_line(struct catindex *ix, char *line, unsigned no, struct err *e)
{
	char		*f[8];
	size_t		 n = ci_fields(line, f, 7);
	uint64_t	 v;

	if (no == 1) {
		if (n != 2 || strcmp(f[0], "rianru-catalogue") != 0)
			return err_set(e, "not a rianru catalogue index");
		if (strcmp(f[1], "1") != 0)
			return err_set(e, "catalogue index format %s (this "
			    "rianru reads format 1)", f[1]);
		return 0;
	}
	if (n == 2 && strcmp(f[0], "catalogue") == 0 && no == 2 &&
	    ci_id_ok(f[1])) {
		ix->catalogue = xstrdup(f[1]);
		return 0;
	}
	if (n == 2 && strcmp(f[0], "sequence") == 0 && no == 3 &&
	    ci_num(f[1], UINT64_MAX / 2, &v) == 0) {
		ix->sequence = v;
		return 0;
	}
	if (n == 2 && strcmp(f[0], "date") == 0 && no == 4 &&
	    ci_date_ok(f[1])) {
		snprintf(ix->date, sizeof ix->date, "%s", f[1]);
		return 0;
	}
	if (n == 7 && strcmp(f[0], "course") == 0 && no > 4 &&
	    ci_id_ok(f[1]) && ci_version_ok(f[2]) && ci_hex_ok(f[3]) &&
	    ci_hex_ok(f[4]) && ci_num(f[5], CATINDEX_MAX_PACK, &v) == 0 &&
	    ci_file_ok(f[6])) {
		if (catindex_find(ix, f[1]) != NULL)
			return err_set(e, "index line %u: course '%s' twice",
			    no, f[1]);
		catindex_add(ix, f[1], f[2], f[3], f[4], v, f[6]);
		return 0;
	}
	return err_set(e, "index line %u is not understood", no);
}

int
catindex_parse(const char *s, size_t len, struct catindex *ix, struct err *e)
{
	char		*copy, *line, *nl;
	unsigned	 no = 0;
	size_t		 i;

	if (len > CATINDEX_MAX_BYTES)
		return err_set(e, "catalogue index too large");
	if (memchr(s, '\0', len) != NULL)
		return err_set(e, "catalogue index holds a NUL byte");
	copy = xmalloc(len + 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	if (len == 0 || copy[len - 1] != '\n') {
		err_set(e, "catalogue index is truncated (no final newline)");
		goto fail;
	}
	for (line = copy; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		if (ci_line(ix, line, ++no, e) == -1)
			goto fail;
	}
	if (ix->catalogue == NULL || ix->date[0] == '\0' || no < 4) {
		err_set(e, "catalogue index is incomplete");
		goto fail;
	}
	/* two courses must not share a file */
	for (i = 1; i < ix->n; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (strcmp(ix->v[i].file, ix->v[j].file) == 0) {
				err_set(e, "courses '%s' and '%s' name the "
				    "same file", ix->v[j].id, ix->v[i].id);
				goto fail;
			}
	}
	free(copy);
	return 0;
fail:
	free(copy);
	catindex_release(ix);
	return -1;
}

/* The trusted comment that binds the signature to this index. */
static void
ci_trusted(const char *catalogue, uint64_t sequence, char *out, size_t len)
{
	snprintf(out, len, "rianru-catalogue %s sequence %" PRIu64, catalogue,
	    sequence);
}

int
catindex_sign(const struct catindex *ix, const struct sign_secret *sec,
    struct buf *index, struct buf *sig, struct err *e)
{
	char	trusted[SIGN_TRUSTED_MAX];
	size_t	from = index->len;

	catindex_format(ix, index);
	ci_trusted(ix->catalogue, ix->sequence, trusted, sizeof trusted);
	return sign_data(sec, index->data + from, index->len - from, trusted,
	    sig, e);
}

int
catindex_verify(const struct sign_pub *pub, const char *s, size_t len,
    const char *sig, size_t siglen, struct catindex *ix, struct err *e)
{
	char		trusted[SIGN_TRUSTED_MAX + 1], want[SIGN_TRUSTED_MAX];
	struct err	why;

	err_clear(&why);
	if (sign_verify(pub, s, len, sig, siglen, trusted, sizeof trusted,
	    &why) == -1)
		return err_set(e, "catalogue index refused: %s", why.msg);
	if (catindex_parse(s, len, ix, e) == -1)
		return -1;
	ci_trusted(ix->catalogue, ix->sequence, want, sizeof want);
	if (strcmp(trusted, want) != 0) {
		catindex_release(ix);
		return err_set(e, "catalogue index refused: its signature is "
		    "for another catalogue or sequence");
	}
	return 0;
}
