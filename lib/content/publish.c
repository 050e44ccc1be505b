#include "content/publish.h"

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
#include "base/xalloc.h"
#include "content/catindex.h"
#include "content/course.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/pack.h"

/* The previous index in 'dir', if any ('prev' stays empty otherwise). */
static void
pub_previous(const char *dir, struct catindex *prev)
{
	struct err	 e;
	char		*path, *text;
	size_t		 len;

	xasprintf(&path, "%s/index", dir);
	if ((text = file_read(path, CATINDEX_MAX_BYTES, &len, &e)) != NULL)
		catindex_parse(text, len, prev, &e);
	free(text);
	free(path);
}

/* Pack course 'c' into 'dir', or keep its pack from 'prev'. */
static int
pub_course(const char *dir, const struct course *c,
    const struct catindex *prev, struct catindex *ix,
    struct text_wrapper *w, struct publish_stats *st, struct err *e)
{
	const struct catindex_entry	*old = catindex_find(prev, c->id);
	unsigned long long		 size;
	char				 name[128], sha[65], *path;
	int				 rc = -1;

	catindex_pack_name(c->id, c->hash, name, sizeof name);
	xasprintf(&path, "%s/%s", dir, name);
	if (old != NULL && strcmp(old->hash, c->hash) == 0 &&
	    strcmp(old->file, name) == 0 &&
	    file_sha256(path, sha, &size, NULL) == 0 &&
	    strcmp(sha, old->sha256) == 0 && size == old->size) {
		catindex_add(ix, c->id, c->version, c->hash, sha, size, name);
		st->kept++;
		rc = 0;
		goto out;
	}
	if (pack_write(path, c, w, e) == -1 ||
	    file_sha256(path, sha, &size, e) == -1)
		goto out;
	catindex_add(ix, c->id, c->version, c->hash, sha, size, name);
	st->written++;
	rc = 0;
out:
	free(path);
	return rc;
}

/* Remove the packs in 'dir' that 'ix' does not name. */
static void
pub_prune(const char *dir, const struct catindex *ix,
    struct publish_stats *st)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 i, n;
	char		*path;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".pack") != 0)
			continue;
		for (i = 0; i < ix->n; i++)
			if (strcmp(ix->v[i].file, de->d_name) == 0)
				break;
		if (i < ix->n)
			continue;
		xasprintf(&path, "%s/%s", dir, de->d_name);
		if (unlink(path) == 0)
			st->removed++;
		free(path);
	}
	closedir(d);
}

int
publish_catalogue(const struct catalog *cat, const char *dir,
    const struct sign_secret *sec, const struct publish_opts *o,
    struct text_wrapper *w, struct publish_stats *st, struct err *e)
{
	struct catindex	 prev, ix;
	struct buf	 index, sig;
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		*path = NULL;
	size_t		 i;
	int		 rc = -1;

	memset(st, 0, sizeof *st);
	catindex_init(&prev);
	catindex_init(&ix);
	buf_init(&index);
	buf_init(&sig);
	if (mkdir(dir, 0755) == -1 && errno != EEXIST)
		return err_set(e, "cannot create '%s': %s", dir,
		    strerror(errno));
	pub_previous(dir, &prev);
	ix.catalogue = xstrdup(o->catalogue ? o->catalogue :
	    prev.catalogue ? prev.catalogue : "rianru");
	ix.sequence = o->sequence ? o->sequence : prev.sequence + 1;
	if (ix.sequence <= prev.sequence) {
		err_set(e, "sequence %llu is not above the published %llu in "
		    "'%s'", (unsigned long long)ix.sequence,
		    (unsigned long long)prev.sequence, dir);
		goto out;
	}
	gmtime_r(&now, &tm);
	strftime(ix.date, sizeof ix.date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0; i < cat->n; i++)
		if (pub_course(dir, cat->courses[i], &prev, &ix, w, st,
		    e) == -1)
			goto out;
	if (catindex_sign(&ix, sec, &index, &sig, e) == -1)
		goto out;
	/* what a machine will parse: a bad catalogue id stops here */
	catindex_release(&prev);
	if (catindex_parse(index.data, index.len, &prev, e) == -1)
		goto out;
	xasprintf(&path, "%s/index.minisig", dir);
	if (file_replace(path, sig.data, sig.len, 0644, e) == -1)
		goto out;
	free(path);
	xasprintf(&path, "%s/index", dir);
	if (file_replace(path, index.data, index.len, 0644, e) == -1)
		goto out;
	pub_prune(dir, &ix, st);
	st->sequence = ix.sequence;
	rc = 0;
out:
	free(path);
	buf_release(&index);
	buf_release(&sig);
	catindex_release(&prev);
	catindex_release(&ix);
	return rc;
}
