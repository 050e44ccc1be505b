#include "sync/update.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/file.h"
#include "base/sign.h"
#include "base/xalloc.h"
#include "content/catdb.h"
#include "content/catindex.h"
#include "content/compile.h"
#include "store/store_event.h"
#include "sync/http.h"
#include "text/text.h"

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

/*
 * The installed index of 'dest', parsed into 'ix', its text into *textp
 * (caller frees) when 'textp' is not NULL; 0 when there is none.
 */
static int
update_installed(const char *dest, struct catindex *ix, char **textp,
    size_t *lenp, struct err *e)
{
	char	*path = update_join(dest, "index"), *text = NULL;
	size_t	 len;
	int	 rc = 0;

	if (access(path, F_OK) == 0) {
		if ((text = file_read(path, CATINDEX_MAX_BYTES, &len, e)) ==
		    NULL || catindex_parse(text, len, ix, e) == -1)
			rc = -1;
		else
			rc = 1;
	}
	if (rc == 1 && textp != NULL) {
		*textp = text;
		*lenp = len;
	} else
		free(text);
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

/* Does an open attempt pin version 'hash' of course 'id'? */
static int
update_pinned(const struct update_opts *o, const char *id, const char *hash)
{
	size_t	i;

	for (i = 0; i < o->npins; i++)
		if (strcmp(o->pins[i].course_id, id) == 0 &&
		    strcmp(o->pins[i].content_hash, hash) == 0)
			return 1;
	return 0;
}

/* Is 'name' a pack file name? */
static int
update_is_pack(const char *name)
{
	size_t	n = strlen(name);

	return n >= 6 && strcmp(name + n - 5, ".pack") == 0;
}

/*
 * A pack of the old index 'old' that 'ix' does not name: moved to kept/
 * when an open attempt pins its version, else removed.
 */
static void
update_retire(const struct update_opts *o, const struct catindex *old,
    const char *name, struct update_stats *st)
{
	char	*path = update_join(o->dest, name), *to, canon[256];
	size_t	 i;

	for (i = 0; i < old->n; i++)
		if (strcmp(old->v[i].file, name) == 0 &&
		    update_pinned(o, old->v[i].id, old->v[i].hash))
			break;
	if (i < old->n) {
		catindex_pack_name(old->v[i].id, old->v[i].hash, canon,
		    sizeof canon);
		xasprintf(&to, "%s/kept/%s", o->dest, canon);
		if (rename(path, to) == -1)
			unlink(path);
		free(to);
	} else if (unlink(path) == 0)
		st->removed++;
	free(path);
}

/* Remove the packs of 'dest' that 'ix' does not name (see above). */
static void
update_sweep(const struct update_opts *o, const struct catindex *ix,
    const struct catindex *old, struct update_stats *st)
{
	struct dirent	*de;
	DIR		*dp;
	size_t		 i;

	if ((dp = opendir(o->dest)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (!update_is_pack(de->d_name))
			continue;
		for (i = 0; i < ix->n; i++)
			if (strcmp(ix->v[i].file, de->d_name) == 0)
				break;
		if (i == ix->n)
			update_retire(o, old, de->d_name, st);
	}
	closedir(dp);
}

/*
 * kept/: remove each pack no open attempt pins any more, or whose version
 * the index 'ix' names again (the installed pack serves it).
 */
static void
update_sweep_kept(const struct update_opts *o, const struct catindex *ix,
    struct update_stats *st)
{
	const struct catindex_entry	*en;
	struct dirent			*de;
	DIR				*dp;
	char				*kept, *path, canon[256];
	size_t				 i;

	kept = update_join(o->dest, "kept");
	if ((dp = opendir(kept)) == NULL) {
		free(kept);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (!update_is_pack(de->d_name))
			continue;
		for (i = 0; i < o->npins; i++) {
			catindex_pack_name(o->pins[i].course_id,
			    o->pins[i].content_hash, canon, sizeof canon);
			en = catindex_find(ix, o->pins[i].course_id);
			if (strcmp(canon, de->d_name) == 0 && (en == NULL ||
			    strcmp(en->hash, o->pins[i].content_hash) != 0))
				break;
		}
		if (i < o->npins) {
			st->kept_pinned++;
			continue;
		}
		path = update_join(kept, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(dp);
	free(kept);
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

/*
 * The catalogue database (content/catdb.h) for index text idx[0..len),
 * built from the packs in place before the index is switched: it names
 * the index it was made for, so until the switch readers ignore it, and
 * when the switch fails it is never used. Made from the installed
 * index's database ('from', or NULL) when that one is valid, re-reading
 * only the packs that changed. Not built without the cache key
 * (compile_set_key) or when building fails: readers then open the packs
 * (slower, never wrong). With 'if_stale', one already valid for this
 * index is kept.
 */
static void
update_catdb(const struct update_opts *o, const char *idx, size_t len,
    const struct catindex *ix, const struct catdb_from *from, int if_stale,
    struct update_stats *st)
{
	const unsigned char	*key = compile_get_key();
	struct text_wrapper	*w;
	struct catdb		*db;
	struct err		 e;
	char			*path;

	if (key == NULL)
		return;
	if (if_stale && (db = catdb_open(o->dest, idx, len, ix, key, &e)) !=
	    NULL) {
		catdb_close(db);
		return;
	}
	w = text_wrapper_new();
	if (catdb_build(o->dest, idx, len, ix, from, key, w, &st->catdb,
	    &e) == -1) {
		/* one left from before names another index: only disk */
		path = update_join(o->dest, CATDB_NAME);
		unlink(path);
		free(path);
	}
	text_wrapper_free(w);
}

/* The steps of update_run(), without the status note. */
static int
update_do(const struct update_opts *o, struct update_stats *st,
    struct err *e)
{
	struct catindex	 ix, old;
	struct catdb_from from;
	struct sign_pub	 pub;
	char		*partial, *key = NULL, *text = NULL, *sig = NULL;
	char		*path, *otext = NULL;
	size_t		 keylen, len, siglen, olen = 0, i;
	int		 have, rc = -1;

	catindex_init(&ix);
	catindex_init(&old);
	partial = update_join(o->dest, "partial");
	if ((key = file_read(o->pubkey, 4096, &keylen, e)) == NULL ||
	    sign_pub_parse(key, keylen, &pub, e) == -1)
		goto out;
	path = update_join(o->dest, "kept");
	have = update_mkdir(partial, e) == -1 ? -1 : update_mkdir(path, e);
	free(path);
	if (have == -1)
		goto out;
	if ((text = update_fetch_small(o, "index", partial, CATINDEX_MAX_BYTES,
	    &len, st, e)) == NULL ||
	    (sig = update_fetch_small(o, "index.minisig", partial,
	    UPDATE_SIG_MAX, &siglen, st, e)) == NULL)
		goto out;
	st->reached = 1;
	st->online = update_is_url(o->source);
	if (catindex_verify(&pub, text, len, sig, siglen, &ix, e) == -1)
		goto out;
	st->to_seq = ix.sequence;
	if ((have = update_installed(o->dest, &old, &otext, &olen, e)) == -1)
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
		update_catdb(o, text, len, &ix, NULL, 1, st);
		update_sweep_kept(o, &ix, st);
		rc = 0;
		goto out;
	}
	from.idx = otext;
	from.len = olen;
	from.ix = &old;
	update_catdb(o, text, len, &ix, have ? &from : NULL, 0, st);
	/* the signature, then the index: its rename is the switch */
	path = update_join(o->dest, "index.minisig");
	rc = file_replace(path, sig, siglen, 0600, e);
	free(path);
	if (rc == 0) {
		path = update_join(o->dest, "index");
		rc = file_replace(path, text, len, 0600, e);
		free(path);
	}
	if (rc == 0) {
		update_sweep(o, &ix, &old, st);
		update_sweep_kept(o, &ix, st);
	}
out:
	catindex_release(&ix);
	catindex_release(&old);
	free(partial);
	free(key);
	free(text);
	free(otext);
	free(sig);
	return rc;
}

int
update_run(const struct update_opts *o, struct update_stats *st,
    struct err *e)
{
	struct err	 de;
	char		*path;
	int		 rc, fd;

	memset(st, 0, sizeof *st);
	if (update_mkdir(o->dest, e) == -1)
		return -1;
	/* what is installed is the content: no other user may change it */
	err_clear(&de);
	if (file_dir_private(o->dest, &de) == -1)
		return err_set(e, "will not install there: %s", de.msg);
	path = update_join(o->dest, "lock");
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	free(path);
	if (fd == -1)
		return err_set(e, "cannot lock '%s': %s", o->dest,
		    strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		close(fd);
		st->busy = 1;
		return err_set(e, "another update of '%s' is running",
		    o->dest);
	}
	rc = update_do(o, st, e);
	update_note(o, rc == 0 ? NULL : e->msg);
	close(fd);	/* and the lock with it */
	return rc;
}

const char *
update_source_pick(const char *const *v, size_t n)
{
	char	*ix;
	size_t	 i;
	int	 here;

	for (i = 0; i < n; i++) {
		if (update_is_url(v[i]))
			continue;
		ix = update_join(v[i], "index");
		here = access(ix, F_OK) == 0;
		free(ix);
		if (here)
			return v[i];
	}
	for (i = 0; i < n; i++)
		if (update_is_url(v[i]))
			return v[i];
	return n > 0 ? v[0] : NULL;
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
	have = update_installed(dest, &ix, NULL, NULL, &ignore);
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
