#include "sync/devkey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/file.h"
#include "base/keyfile.h"
#include "base/xalloc.h"

#define DEVKEYS_MAX_BYTES	(4u << 20)	/* tens of thousands of keys */
#define DEVKEY_NAME_MAX		200

struct devkey {
	struct sign_pub	 pub;
	char		*name;
};

struct devkeys {
	struct devkey	*v;
	size_t		 n, cap;
};

int
devkey_load(const char *path, int create, struct sign_pub *pub,
    struct sign_secret *sec, struct err *e)
{
	unsigned char	seed[CRYPTO_KEY_LEN];
	int		rc;

	if ((rc = keyfile_load(path, create, seed, e)) != 0)
		return rc;
	rc = sign_seed_keypair(seed, pub, sec, e);
	crypto_wipe(seed, sizeof seed);
	return rc;
}

void
devkey_format(const struct sign_pub *pub, const char *host, struct buf *out)
{
	char	hex[17], comment[160];

	sign_id_hex(pub->id, hex);
	if (host != NULL && *host != '\0')
		snprintf(comment, sizeof comment, "rianru device %s on %.100s",
		    hex, host);
	else
		snprintf(comment, sizeof comment, "rianru device %s", hex);
	sign_pub_format_comment(pub, comment, out);
}

/* Who can change the file: only its owner, and the owner root or us. */
static int
devkeys_safe(const char *path, struct err *e)
{
	struct stat	sb;

	if (lstat(path, &sb) == -1)
		return 0;	/* file_read() says why */
	if (sb.st_uid != 0 && sb.st_uid != geteuid())
		return err_set(e, "trusted devices file '%s' belongs to "
		    "another user (uid %ld): refused", path, (long)sb.st_uid);
	if (sb.st_mode & (S_IWGRP | S_IWOTH))
		return err_set(e, "trusted devices file '%s' may be changed "
		    "by other users (whoever can write it can enrol a "
		    "device); chmod go-w it", path);
	return 0;
}

/* One key line (with its name) into 'k'; -1 and *e when it is none. */
static int
devkeys_add(struct devkeys *k, const char *path, size_t lineno,
    const char *line, size_t len, const char *name, struct err *e)
{
	struct sign_pub	 pub;
	struct buf	 b;
	char		 hex[17];
	size_t		 i;

	/* sign_pub_parse() reads the second line of a key file */
	buf_init(&b);
	buf_adds(&b, "untrusted comment:\n");
	buf_add(&b, line, len);
	if (sign_pub_parse(b.data, b.len, &pub, NULL) == -1) {
		buf_release(&b);
		return err_at(e, path, (unsigned)lineno, 0, "not a minisign "
		    "public key (paste what 'rianru device-key' prints)");
	}
	buf_release(&b);
	for (i = 0; i < k->n; i++)
		if (memcmp(k->v[i].pub.id, pub.id, SIGN_KEYID_LEN) == 0) {
			sign_id_hex(pub.id, hex);
			return err_at(e, path, (unsigned)lineno, 0, "key %s "
			    "is enrolled twice", hex);
		}
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 16;
		k->v = xreallocarray(k->v, k->cap, sizeof *k->v);
	}
	k->v[k->n].pub = pub;
	if (name != NULL)
		k->v[k->n].name = xstrdup(name);
	else {
		sign_id_hex(pub.id, hex);
		xasprintf(&k->v[k->n].name, "key %s", hex);
	}
	k->n++;
	return 0;
}

struct devkeys *
devkeys_load(const char *path, struct err *e)
{
	static const char	 prefix[] = "untrusted comment:";
	struct devkeys		*k;
	char			*data, *p, *nl, *name = NULL;
	size_t			 len, llen, lineno = 0;

	if (devkeys_safe(path, e) == -1)
		return NULL;
	if ((data = file_read(path, DEVKEYS_MAX_BYTES, &len, e)) == NULL)
		return NULL;
	k = xcalloc(1, sizeof *k);
	for (p = data; p < data + len; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(data + len - p))) == NULL)
			nl = data + len;
		llen = (size_t)(nl - p);
		if (llen > 0 && p[llen - 1] == '\r')
			llen--;
		if (llen == 0 || p[0] == '#')
			continue;
		if (llen >= sizeof prefix - 1 &&
		    memcmp(p, prefix, sizeof prefix - 1) == 0) {
			free(name);
			p += sizeof prefix - 1;
			llen -= sizeof prefix - 1;
			while (llen > 0 && *p == ' ')
				p++, llen--;
			name = xstrndup(p, llen > DEVKEY_NAME_MAX ?
			    DEVKEY_NAME_MAX : llen);
			continue;
		}
		if (devkeys_add(k, path, lineno, p, llen, name, e) == -1) {
			free(name);
			free(data);
			devkeys_free(k);
			return NULL;
		}
		free(name);
		name = NULL;
	}
	free(name);
	free(data);
	return k;
}

void
devkeys_free(struct devkeys *k)
{
	size_t	i;

	if (k == NULL)
		return;
	for (i = 0; i < k->n; i++)
		free(k->v[i].name);
	free(k->v);
	free(k);
}

size_t
devkeys_count(const struct devkeys *k)
{
	return k != NULL ? k->n : 0;
}

const struct sign_pub *
devkeys_find(const struct devkeys *k, const unsigned char id[SIGN_KEYID_LEN],
    const char **name)
{
	size_t	i;

	for (i = 0; k != NULL && i < k->n; i++)
		if (memcmp(k->v[i].pub.id, id, SIGN_KEYID_LEN) == 0) {
			if (name != NULL)
				*name = k->v[i].name;
			return &k->v[i].pub;
		}
	return NULL;
}
