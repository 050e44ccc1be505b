#include "sync/update.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/file.h"
#include "base/sign.h"
#include "base/xalloc.h"
#include "content/catindex.h"
#include "sync/http.h"

#define UPDATE_STALL	60	/* seconds under 100 bytes/s: stop */
#define UPDATE_SIG_MAX	4096

/* Is 'source' a web address (else a folder)? */
static int
update_is_url(const char *source)
{
	return strncmp(source, "https://", 8) == 0 ||
	    strncmp(source, "http://", 7) == 0;
}

/* 'source' joined with 'name' (caller frees). */
static char *
update_join(const char *source, const char *name)
{
	size_t	n = strlen(source);
	char	*p;

	xasprintf(&p, "%s%s%s", source, n > 0 && source[n - 1] == '/' ? "" :
	    "/", name);
	return p;
}

/* Copy the regular file 'from' into 'to' (created or truncated). */
static int
update_copy(const char *from, const char *to, unsigned long long max,
    unsigned long long *got, struct err *e)
{
	FILE	*in, *out;
	char	 b[65536];
	size_t	 n;
	int	 rc = 0;

	*got = 0;
	if ((in = fopen(from, "rb")) == NULL)
		return err_set(e, "cannot read '%s': %s", from,
		    strerror(errno));
	if ((out = fopen(to, "wb")) == NULL) {
		fclose(in);
		return err_set(e, "cannot write '%s': %s", to,
		    strerror(errno));
	}
	while ((n = fread(b, 1, sizeof b, in)) > 0) {
		if (*got + n > max) {
			rc = err_set(e, "'%s' is larger than %llu bytes: "
			    "refused", from, max);
			break;
		}
		if (fwrite(b, 1, n, out) != n) {
			rc = err_set(e, "cannot write '%s': %s", to,
			    strerror(errno));
			break;
		}
		*got += n;
	}
	if (rc == 0 && ferror(in))
		rc = err_set(e, "cannot read '%s'", from);
	fclose(in);
	if (fclose(out) != 0 && rc == 0)
		rc = err_set(e, "cannot write '%s': %s", to, strerror(errno));
	return rc;
}

/*
 * Fetch 'name' from the source into 'path': over HTTP appending to what
 * 'path' holds (a resumed download), from a folder whole.
 */
static int
update_fetch(const struct update_opts *o, const char *name, const char *path,
    unsigned long long max, struct update_stats *st, struct err *e)
{
	unsigned long long	 got = 0;
	char			*src = update_join(o->source, name);
	int			 rc;

	if (update_is_url(o->source))
		rc = http_download(src, path, max, o->ca_file, UPDATE_STALL,
		    &got, e);
	else
		rc = update_copy(src, path, max, &got, e);
	st->bytes += got;
	free(src);
	return rc;
}

/* Read a small fetched file whole (caller frees). */
static char *
update_fetch_small(const struct update_opts *o, const char *name,
    const char *partial, size_t max, size_t *len, struct update_stats *st,
    struct err *e)
{
	char	*path = update_join(partial, name), *text = NULL;

	unlink(path);	/* the index is always fetched whole */
	if (update_fetch(o, name, path, max, st, e) == 0)
		text = file_read(path, max, len, e);
	unlink(path);
	free(path);
	return text;
}

/* The installed index of 'dest', parsed into 'ix'; 0 when there is none. */
static int
update_installed(const char *dest, struct catindex *ix, struct err *e)
{
	char	*path = update_join(dest, "index"), *text;
	size_t	 len;
	int	 rc = 0;

	if (access(path, F_OK) == 0) {
		if ((text = file_read(path, CATINDEX_MAX_BYTES, &len, e)) ==
		    NULL || catindex_parse(text, len, ix, e) == -1)
			rc = -1;
		else
			rc = 1;
		free(text);
	}
	free(path);
	return rc;
}

/* Make 'dir' and the folders above it if missing. */
static int
update_mkdir(const char *dir, struct err *e)
{
	char	*p = xstrdup(dir), *s;
	int	 rc = 0;

	for (s = p + 1; rc == 0 && (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST)
			rc = err_set(e, "cannot make '%s': %s", p,
			    strerror(errno));
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0700) == -1 && errno != EEXIST)
		rc = err_set(e, "cannot make '%s': %s", p, strerror(errno));
	free(p);
	return rc;
}

/* Install pack 'en' into 'dest' unless it is there already. */
static int
update_pack(const struct update_opts *o, const struct catindex_entry *en,
    const char *partial, struct update_stats *st, struct err *e)
{
	char			*to = update_join(o->dest, en->file);
	char			*tmp = update_join(partial, en->file);
	char			 hex[65];
	unsigned long long	 size;
	struct err		 ignore;
	int			 rc = -1;

	if (file_sha256(to, hex, &size, &ignore) == 0 &&
	    strcmp(hex, en->sha256) == 0 && size == en->size) {
		st->kept++;
		rc = 0;
		goto out;
	}
	if (!update_is_url(o->source))
		unlink(tmp);
	if (update_fetch(o, en->file, tmp, en->size, st, e) == -1)
		goto out;
	if (file_sha256(tmp, hex, &size, e) == -1)
		goto out;
	if (size != en->size) {
		err_set(e, "pack '%s' has %llu bytes, the index says %llu: "
		    "refused", en->file, size, (unsigned long long)en->size);
		if (size > en->size)
			unlink(tmp);
		goto out;
	}
	if (strcmp(hex, en->sha256) != 0) {
		err_set(e, "pack '%s' does not match the index (SHA-256): "
		    "refused", en->file);
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, to) == -1) {
		err_set(e, "cannot install '%s': %s", to, strerror(errno));
		goto out;
	}
	st->fetched++;
	rc = 0;
out:
	free(to);
	free(tmp);
	return rc;
}

/* Remove the packs of 'dest' that 'ix' does not name. */
static void
update_sweep(const char *dest, const struct catindex *ix,
    struct update_stats *st)
{
	struct dirent	*de;
	DIR		*dp;
	char		*path;
	size_t		 n, i;

	if ((dp = opendir(dest)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".pack") != 0)
			continue;
		for (i = 0; i < ix->n; i++)
			if (strcmp(ix->v[i].file, de->d_name) == 0)
				break;
		if (i < ix->n)
			continue;
		path = update_join(dest, de->d_name);
		if (unlink(path) == 0)
			st->removed++;
		free(path);
	}
	closedir(dp);
}

/* Write what this run did to 'dest'/status. */
static void
update_note(const struct update_opts *o, const char *error)
{
	struct buf	 b;
	struct err	 ignore;
	char		 when[32], *path, *cur;
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 len;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_init(&b);
	path = update_join(o->dest, "status");
	/* keep the last success when this run failed */
	if (error != NULL && (cur = file_read(path, 65536, &len,
	    &ignore)) != NULL) {
		char *line = strstr(cur, "last-success ");

		if (line != NULL) {
			line[strcspn(line, "\n")] = '\0';
			buf_addf(&b, "%s\n", line);
		}
		free(cur);
	} else if (error == NULL)
		buf_addf(&b, "last-success %s\n", when);
	buf_addf(&b, "source %s\nlast-check %s\n", o->source, when);
	if (error != NULL)
		buf_addf(&b, "last-error %s\n", error);
	file_replace(path, b.data, b.len, 0600, &ignore);
	free(path);
	buf_release(&b);
}

/* The steps of update_run(), without the status note. */
static int
update_do(const struct update_opts *o, struct update_stats *st,
    struct err *e)
{
	struct catindex	 ix, old;
	struct sign_pub	 pub;
	char		*partial, *key = NULL, *text = NULL, *sig = NULL;
	char		*path;
	size_t		 keylen, len, siglen, i;
	int		 have, rc = -1;

	catindex_init(&ix);
	catindex_init(&old);
	partial = update_join(o->dest, "partial");
	if ((key = file_read(o->pubkey, 4096, &keylen, e)) == NULL ||
	    sign_pub_parse(key, keylen, &pub, e) == -1)
		goto out;
	if (update_mkdir(o->dest, e) == -1 || update_mkdir(partial, e) == -1)
		goto out;
	if ((text = update_fetch_small(o, "index", partial, CATINDEX_MAX_BYTES,
	    &len, st, e)) == NULL ||
	    (sig = update_fetch_small(o, "index.minisig", partial,
	    UPDATE_SIG_MAX, &siglen, st, e)) == NULL)
		goto out;
	st->reached = 1;
	if (catindex_verify(&pub, text, len, sig, siglen, &ix, e) == -1)
		goto out;
	st->to_seq = ix.sequence;
	if ((have = update_installed(o->dest, &old, e)) == -1)
		goto out;
	if (have) {
		st->from_seq = old.sequence;
		if (strcmp(old.catalogue, ix.catalogue) != 0) {
			err_set(e, "refusing catalogue '%s': the installed one "
			    "is '%s'", ix.catalogue, old.catalogue);
			goto out;
		}
		if (ix.sequence < old.sequence) {
			err_set(e, "refusing catalogue '%s' sequence %llu: "
			    "older than the installed sequence %llu (a replay "
			    "or a downgrade)", ix.catalogue,
			    (unsigned long long)ix.sequence,
			    (unsigned long long)old.sequence);
			goto out;
		}
	}
	for (i = 0; i < ix.n; i++)
		if (update_pack(o, &ix.v[i], partial, st, e) == -1)
			goto out;
	if (have && ix.sequence == old.sequence && st->fetched == 0) {
		st->current = 1;
		rc = 0;
		goto out;
	}
	/* the signature, then the index: its rename is the switch */
	path = update_join(o->dest, "index.minisig");
	rc = file_replace(path, sig, siglen, 0600, e);
	free(path);
	if (rc == 0) {
		path = update_join(o->dest, "index");
		rc = file_replace(path, text, len, 0600, e);
		free(path);
	}
	if (rc == 0)
		update_sweep(o->dest, &ix, st);
out:
	catindex_release(&ix);
	catindex_release(&old);
	free(partial);
	free(key);
	free(text);
	free(sig);
	return rc;
}

int
update_run(const struct update_opts *o, struct update_stats *st,
    struct err *e)
{
	int	rc;

	memset(st, 0, sizeof *st);
	rc = update_do(o, st, e);
	if (access(o->dest, F_OK) == 0)
		update_note(o, rc == 0 ? NULL : e->msg);
	return rc;
}

int
update_status(const char *dest, struct buf *out, struct err *e)
{
	struct catindex	 ix;
	struct err	 ignore;
	char		*path, *text;
	size_t		 len;
	int		 have;

	catindex_init(&ix);
	have = update_installed(dest, &ix, &ignore);
	if (have == 1)
		buf_addf(out, "installed: catalogue %s, sequence %llu, %s, "
		    "%zu courses\n", ix.catalogue,
		    (unsigned long long)ix.sequence, ix.date, ix.n);
	else
		buf_adds(out, "installed: nothing\n");
	catindex_release(&ix);
	path = update_join(dest, "status");
	text = file_read(path, 65536, &len, &ignore);
	free(path);
	if (text != NULL) {
		buf_add(out, text, len);
		free(text);
	}
	if (have != 1 && text == NULL)
		return err_set(e, "no catalogue installed in '%s' and no update "
		    "tried", dest);
	return 0;
}
