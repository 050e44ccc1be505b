#include "content/catdb_kit.h"

#include <stdio.h>
#include <string.h>

#include "base/crypto.h"
#include "base/xalloc.h"
#include "content/catindex.h"

char *
catdb_kit_join(const char *dir, const char *name)
{
	char	*p;

	xasprintf(&p, "%s/%s", dir, name);
	return p;
}

void
catdb_kit_index_sum(const char *idx, size_t len, char hex[65])
{
	struct sha256	h;

	sha256_init(&h);
	sha256_update(&h, idx, len);
	sha256_hex(&h, hex);
}

void
catdb_kit_mac_start(struct crypto_mac_state *m, const unsigned char key[32],
    const char isum[65])
{
	crypto_mac_init(m, key);
	crypto_mac_update(m, "rianru-catdb " CATDB_FORMAT "\n",
	    strlen("rianru-catdb " CATDB_FORMAT "\n"));
	crypto_mac_update(m, isum, 64);
}

void
catdb_kit_mac_row(struct crypto_mac_state *m, size_t row, int format,
    const void *rec, size_t len)
{
	char	line[96];
	int	n;

	/* lengths are in the text, so no two rows give the same bytes */
	n = snprintf(line, sizeof line, "\n%zu %d %zu\n", row, format, len);
	crypto_mac_update(m, line, (size_t)n);
	crypto_mac_update(m, rec, len);
}

void
catdb_kit_mac_hex(struct crypto_mac_state *m, size_t rows, char hex[65])
{
	unsigned char	out[32];
	char		line[32];
	int		n;
	size_t		i;

	n = snprintf(line, sizeof line, "\nrows %zu\n", rows);
	crypto_mac_update(m, line, (size_t)n);
	crypto_mac_final(m, out);
	for (i = 0; i < sizeof out; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
}

int64_t
catdb_kit_doc(const struct catindex_entry *en)
{
	int64_t	d = 0;
	int	i, c;

	/* the index's hashes are checked lowercase hex (catindex_parse) */
	for (i = 0; i < 15; i++) {
		c = en->sha256[i];
		d = d << 4 | (c <= '9' ? c - '0' : c - 'a' + 10);
	}
	return d;
}

int
catdb_kit_docs_unique(const int64_t *v, size_t n)
{
	size_t	i;

	for (i = 1; i < n; i++)
		if (v[i] == v[i - 1])
			return 0;
	return 1;
}
