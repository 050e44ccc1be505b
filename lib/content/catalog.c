#include "content/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/err.h"
#include "base/file.h"
#include "base/xalloc.h"
#include "content/catindex.h"
#include "content/compile.h"
#include "content/course.h"
#include "content/load.h"
#include "content/pack.h"
#include "content/place.h"
#include "content/search.h"
#include "text/text.h"

/* How one catalog_add_path*() call loads what it finds. */
struct cat_load {
	const char		*cache;	/* compile YAML here; NULL: parse */
	struct text_wrapper	*w;
	int			 lazy;	/* keep headers of packs */
	struct compile_stats	*st;
};

struct catalog *
catalog_new(void)
{
	return xcalloc(1, sizeof(struct catalog));
}

void
catalog_free(struct catalog *cat)
{
	size_t	i;

	if (cat == NULL)
		return;
	for (i = 0; i < cat->n; i++) {
		course_free(cat->courses[i]);
		if (cat->entry == NULL)
			continue;	/* built by hand (tests): courses only */
		free(cat->entry[i].pack);
		pack_close(cat->entry[i].open);
		search_doc_free(cat->entry[i].doc);
	}
	for (i = 0; i < CATALOG_OPEN; i++)
		course_free(cat->open[i]);
	for (i = 0; i < cat->npinned; i++)
		course_free(cat->pinned[i]);
	free(cat->pinned);
	for (i = 0; i < cat->nskipped; i++) {
		free(cat->skipped[i].dir);
		free(cat->skipped[i].reason);
	}
	free(cat->cache);
	free(cat->courses);
	free(cat->entry);
	free(cat->skipped);
	free(cat);
}

struct course *
catalog_find(const struct catalog *cat, const char *id)
{
	size_t	i;

	for (i = 0; i < cat->n; i++)
		if (strcmp(cat->courses[i]->id, id) == 0)
			return cat->courses[i];
	return NULL;
}

static void
catalog_skip(struct catalog *cat, const char *dir, const struct diags *d,
    size_t from)
{
	struct catalog_skip	*s;
	char			 msg[2048] = "";
	size_t			 i;

	for (i = from; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR) {
			diag_format(&d->v[i], msg, sizeof msg);
			break;
		}
	cat->skipped = xreallocarray(cat->skipped, cat->nskipped + 1,
	    sizeof *cat->skipped);
	s = &cat->skipped[cat->nskipped++];
	s->dir = xstrdup(dir);
	s->reason = xstrdup(msg);
}

/*
 * Add course 'c' (taking it) read from 'pack' (taken; NULL for YAML), or
 * refuse it when its id was seen before.
 */
static void
catalog_take(struct catalog *cat, struct course *c, char *pack,
    struct diags *d)
{
	struct course	*first;
	char		 file[4096];

	if ((first = catalog_find(cat, c->id)) != NULL) {
		if (pack != NULL && strcmp(pack, c->dir) == 0)
			snprintf(file, sizeof file, "%s", pack);
		else
			snprintf(file, sizeof file, "%s/course.yaml", c->dir);
		diags_add(d, DIAG_ERROR, file, 0, 0, "duplicate course id '%s' "
		    "(first defined in %s/course.yaml); course skipped", c->id,
		    first->dir);
		catalog_skip(cat, c->dir, d, d->n - 1);
		course_free(c);
		free(pack);
		return;
	}
	if (cat->n == cat->cap) {
		cat->cap = cat->cap ? cat->cap * 2 : 16;
		cat->courses = xreallocarray(cat->courses, cat->cap,
		    sizeof *cat->courses);
		cat->entry = xreallocarray(cat->entry, cat->cap,
		    sizeof *cat->entry);
	}
	memset(&cat->entry[cat->n], 0, sizeof cat->entry[cat->n]);
	cat->entry[cat->n].pack = pack;
	cat->courses[cat->n++] = c;
	cat->nfiles += pack != NULL && strcmp(pack, c->dir) == 0 ? 1 :
	    1 + c->nmodules;
}

/* A course folder: parsed, or through its compiled pack. */
static void
catalog_add_course(struct catalog *cat, const struct cat_load *x,
    const char *dir, struct diags *d)
{
	struct course	*c;
	char		*pack;
	size_t		 from = d->n, errors0 = d->nerrors;

	c = compile_load_dir(dir, x->cache, x->w, x->lazy, &pack, d, x->st);
	if (c != NULL)
		catalog_take(cat, c, pack, d);
	else if (d->nerrors > errors0)
		catalog_skip(cat, dir, d, from);
}

/* A pack file: its header (lazy) or its whole course. */
static void
catalog_add_pack(struct catalog *cat, const struct cat_load *x,
    const char *path, struct diags *d)
{
	struct pack	*p;
	struct course	*c = NULL;
	struct err	 e;

	if ((p = pack_open(path, &e)) != NULL)
		c = x->lazy ? pack_header(p, &e) : pack_body(p, &e);
	pack_close(p);
	if (c == NULL) {
		diags_add(d, DIAG_ERROR, path, 0, 0, "%s", e.msg);
		catalog_skip(cat, path, d, d->n - 1);
		return;
	}
	catalog_take(cat, c, xstrdup(path), d);
}

/* A folder of packs with its index: every pack it names, in its order. */
static void
catalog_add_packs(struct catalog *cat, const struct cat_load *x,
    const char *dir, const char *index, struct diags *d)
{
	struct catindex	 ix;
	struct err	 e;
	char		*text, *path;
	size_t		 len, i;

	catindex_init(&ix);
	if ((text = file_read(index, CATINDEX_MAX_BYTES, &len, &e)) == NULL ||
	    catindex_parse(text, len, &ix, &e) == -1) {
		diags_add(d, DIAG_ERROR, index, e.line, e.col, "%s", e.msg);
		free(text);
		return;
	}
	free(text);
	for (i = 0; i < ix.n; i++) {
		xasprintf(&path, "%s/%s", dir, ix.v[i].file);
		catalog_add_pack(cat, x, path, d);
		free(path);
	}
	catindex_release(&ix);
}

static int
catalog_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Does 'name' end with 'suffix'? */
static int
catalog_ends(const char *name, const char *suffix)
{
	size_t	n = strlen(name), k = strlen(suffix);

	return n > k && strcmp(name + n - k, suffix) == 0;
}

/* A regular file: a pack, a course.yaml or a module file. */
static void
catalog_add_file(struct catalog *cat, const struct cat_load *x,
    const char *path, struct diags *d)
{
	struct course	*c;
	const char	*base;
	char		*dir;
	size_t		 len, from = d->n, errors0 = d->nerrors;

	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (catalog_ends(base, ".pack")) {
		catalog_add_pack(cat, x, path, d);
	} else if (strcmp(base, "course.yaml") == 0) {
		dir = xstrdup(path);
		len = strlen(dir) - strlen("course.yaml");
		dir[len > 0 ? len - 1 : 0] = '\0';
		if (dir[0] == '\0')
			snprintf(dir, 2, ".");
		catalog_add_course(cat, x, dir, d);
		free(dir);
	} else if ((c = load_module_file(path, d)) != NULL)
		catalog_take(cat, c, NULL, d);
	else if (d->nerrors > errors0)
		catalog_skip(cat, path, d, from);
}

/* A catalogue folder: every sub-folder with a course.yaml, sorted. */
static void
catalog_add_folder(struct catalog *cat, const struct cat_load *x,
    const char *path, DIR *dp, struct diags *d)
{
	struct dirent	*de;
	char		**names = NULL, *sub;
	size_t		 n = 0, i, len = strlen(path), found = 0;

	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	/* sorted, so messages and the catalogue come in a stable order */
	if (n > 0)
		qsort(names, n, sizeof *names, catalog_cmp);
	for (i = 0; i < n; i++) {
		xasprintf(&sub, "%s%s%s/course.yaml", path,
		    len > 0 && path[len - 1] == '/' ? "" : "/", names[i]);
		if (access(sub, F_OK) == 0) {
			sub[strlen(sub) - strlen("/course.yaml")] = '\0';
			catalog_add_course(cat, x, sub, d);
			found++;
		}
		free(sub);
		free(names[i]);
	}
	free(names);
	if (found == 0)
		diags_add(d, DIAG_ERROR, path, 0, 0, "no course here: expected "
		    "a course.yaml, or course folders that have one");
}

static int
catalog_add(struct catalog *cat, const struct cat_load *x, const char *path,
    struct diags *d)
{
	struct stat	 sb;
	DIR		*dp;
	char		*sub;

	if (stat(path, &sb) == -1)
		return diags_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    strerror(errno));
	if (S_ISREG(sb.st_mode)) {
		catalog_add_file(cat, x, path, d);
		return 0;
	}
	xasprintf(&sub, "%s/course.yaml", path);
	if (access(sub, F_OK) == 0) {
		free(sub);
		catalog_add_course(cat, x, path, d);
		return 0;
	}
	free(sub);
	xasprintf(&sub, "%s/index", path);
	if (access(sub, F_OK) == 0) {
		catalog_add_packs(cat, x, path, sub, d);
		free(sub);
		return 0;
	}
	free(sub);
	if ((dp = opendir(path)) == NULL)
		return diags_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    strerror(errno));
	catalog_add_folder(cat, x, path, dp, d);
	closedir(dp);
	return 0;
}

int
catalog_add_path(struct catalog *cat, const char *path, struct diags *d)
{
	const struct cat_load	x = { NULL, NULL, 0, NULL };

	return catalog_add(cat, &x, path, d);
}

int
catalog_add_path_lazy(struct catalog *cat, const char *path,
    const char *cache_dir, struct text_wrapper *w, struct diags *d,
    struct compile_stats *st)
{
	struct compile_stats	dummy;
	struct cat_load		x = { compile_dir_checked(cache_dir), w, 1,
	    st ? st : &dummy };
	size_t			n0 = x.st->write_failed, parsed0 = x.st->parsed;
	int			rc;

	if (x.cache != NULL && cat->cache == NULL)
		cat->cache = xstrdup(x.cache);
	cat->w = w;
	rc = catalog_add(cat, &x, path, d);
	/* a cache folder refused: every course parsed counts as not cached */
	if (cache_dir != NULL && x.cache == NULL)
		x.st->write_failed = n0 + (x.st->parsed - parsed0);
	return rc;
}

/*
 * The body of header 'i': from its pack, else parsed from its folder
 * when that still holds the same content. A new course the caller frees,
 * or NULL with *e.
 */
static struct course *
catalog_body(struct catalog *cat, size_t i, struct err *e)
{
	const struct course	*h = cat->courses[i];
	struct catalog_entry	*en = &cat->entry[i];
	struct course		*c = NULL;
	struct pack		*p;
	struct diags		 d;
	struct err		 pe;
	char			 msg[512], *pack = NULL;
	size_t			 k;

	/* a pack compiled here only with its keyed check (compile.h) */
	if ((p = pack_open(en->pack, &pe)) != NULL &&
	    (strcmp(en->pack, h->dir) == 0 ||
	    compile_pack_trusted(p, en->pack)))
		c = pack_body(p, &pe);
	pack_close(p);
	if (c != NULL && strcmp(c->hash, h->hash) == 0) {
		if (strcmp(en->pack, h->dir) != 0)
			compile_place(c, h->dir);
		return c;
	}
	course_free(c);
	if (strcmp(en->pack, h->dir) == 0)
		return err_set(e, "cannot open course '%s': %s", h->id,
		    pe.msg), NULL;
	/* no usable pack (removed, damaged, rewritten): compile again */
	diags_init(&d);
	if ((c = compile_load_dir(h->dir, cat->cache, cat->w, 0, &pack, &d,
	    NULL)) == NULL) {
		msg[0] = '\0';
		for (k = 0; k < d.n; k++)
			if (d.v[k].level == DIAG_ERROR) {
				diag_format(&d.v[k], msg, sizeof msg);
				break;
			}
		err_set(e, "cannot open course '%s': %s", h->id, msg[0] ?
		    msg : "cannot read its files");
	} else if (strcmp(c->hash, h->hash) != 0) {
		course_free(c);
		c = NULL;
		err_set(e, "course '%s' changed on disk after rianru "
		    "started: restart rianru to open it", h->id);
	}
	free(pack);
	diags_release(&d);
	return c;
}

const struct course *
catalog_open_course(struct catalog *cat, size_t i, struct err *e)
{
	struct course	*h, *c;
	size_t		 k;

	if (i >= cat->n) {
		err_set(e, "no course %zu in the catalogue", i);
		return NULL;
	}
	h = cat->courses[i];
	if (!h->header)
		return h;
	for (k = 0; k < CATALOG_OPEN; k++)
		if (cat->open[k] != NULL && cat->open_at[k] == i)
			break;
	if (k < CATALOG_OPEN)
		c = cat->open[k];
	else {
		cat->lookups++;
		if ((c = catalog_body(cat, i, e)) == NULL)
			return NULL;
		k = CATALOG_OPEN - 1;
		course_free(cat->open[k]);	/* the oldest goes */
	}
	memmove(&cat->open[1], &cat->open[0], k * sizeof cat->open[0]);
	memmove(&cat->open_at[1], &cat->open_at[0],
	    k * sizeof cat->open_at[0]);
	cat->open[0] = c;
	cat->open_at[0] = i;
	return c;
}

/*
 * Open the pack of entry 'i' for search: 0 when en->open may be searched;
 * 1 when the course's body must be (a pack compiled here whose search
 * tables no longer hash to what its keyed check covers, compile.h: its
 * search words are then in en->doc); -1 with *e.
 */
static int
catalog_search_pack(struct catalog *cat, size_t i, struct text_wrapper *w,
    struct err *e)
{
	struct catalog_entry	*en = &cat->entry[i];
	struct course		*body;

	if (en->open != NULL)
		return 0;
	if (en->doc != NULL)
		return 1;
	if ((en->open = pack_open(en->pack, e)) == NULL)
		return -1;
	if (strcmp(en->pack, cat->courses[i]->dir) == 0 ||
	    compile_pack_search_trusted(en->open, en->pack))
		return 0;
	pack_close(en->open);
	en->open = NULL;
	/* a body of its own: the open ones callers hold stay */
	if ((body = catalog_body(cat, i, e)) == NULL)
		return -1;
	en->doc = search_doc_new(w, body);
	course_free(body);
	return 1;
}

int
catalog_search(struct catalog *cat, size_t i, struct text_wrapper *w,
    const char *query, struct err *e)
{
	int			 rc;
	struct catalog_entry	*en;

	if (i >= cat->n)
		return err_set(e, "no course %zu in the catalogue", i);
	cat->lookups++;
	text_wrapper_use_words(w, cat->courses[i]->words,
	    cat->courses[i]->nwords);
	en = &cat->entry[i];
	if (en->pack == NULL) {
		if (en->doc == NULL)
			en->doc = search_doc_new(w, cat->courses[i]);
		return search_match(w, en->doc, query);
	}
	if ((rc = catalog_search_pack(cat, i, w, e)) == -1)
		return -1;
	if (rc == 1)
		return search_match(w, en->doc, query);
	return pack_search(en->open, w, query, e);
}

/*
 * Version 'hash' of course 'h' from the pack 'dir'/'sub'ID.HASH16.pack:
 * a new body the caller frees, or NULL (*e says why).
 */
static struct course *
catalog_version_at(const struct course *h, const char *pack,
    const char *sub, const char *hash, struct err *e)
{
	const char	*slash = strrchr(pack, '/');
	struct course	*c = NULL;
	struct pack	*p;
	char		 name[256], *path;

	catindex_pack_name(h->id, hash, name, sizeof name);
	xasprintf(&path, "%.*s%s%s", slash ? (int)(slash - pack + 1) : 0,
	    pack, sub, name);
	if ((p = pack_open(path, e)) != NULL)
		c = pack_body(p, e);
	pack_close(p);
	free(path);
	if (c != NULL && (strcmp(c->id, h->id) != 0 ||
	    strcmp(c->hash, hash) != 0)) {
		err_set(e, "the kept pack '%s' is another course or version",
		    name);
		course_free(c);
		c = NULL;
	}
	return c;
}

const struct course *
catalog_open_version(struct catalog *cat, size_t i, const char *hash,
    struct err *e)
{
	const struct course	*h;
	struct course		*c;
	size_t			 k;

	if (i >= cat->n)
		return err_set(e, "no course %zu in the catalogue", i), NULL;
	h = cat->courses[i];
	if (strcmp(h->hash, hash) == 0)
		return catalog_open_course(cat, i, e);
	for (k = 0; k < cat->npinned; k++)
		if (strcmp(cat->pinned[k]->id, h->id) == 0 &&
		    strcmp(cat->pinned[k]->hash, hash) == 0)
			return cat->pinned[k];
	if (cat->entry == NULL || cat->entry[i].pack == NULL ||
	    strcmp(cat->entry[i].pack, h->dir) != 0)
		return err_set(e, "version %.16s of course '%s' is not kept "
		    "(not from a catalogue of packs)", hash, h->id), NULL;
	if ((c = catalog_version_at(h, cat->entry[i].pack, "kept/", hash,
	    e)) == NULL && (c = catalog_version_at(h, cat->entry[i].pack, "",
	    hash, e)) == NULL) {
		err_set(e, "version %.16s of course '%s' is not kept", hash,
		    h->id);
		return NULL;
	}
	cat->pinned = xreallocarray(cat->pinned, cat->npinned + 1,
	    sizeof *cat->pinned);
	cat->pinned[cat->npinned++] = c;
	return c;
}

void
catalog_diff(const struct catalog *from, const struct catalog *to,
    struct catalog_diff *d)
{
	const struct course	*c;
	size_t			 i;

	memset(d, 0, sizeof *d);
	for (i = 0; i < to->n; i++) {
		if ((c = catalog_find(from, to->courses[i]->id)) == NULL)
			d->added++;
		else if (strcmp(c->hash, to->courses[i]->hash) != 0)
			d->updated++;
	}
	for (i = 0; i < from->n; i++)
		if (catalog_find(to, from->courses[i]->id) == NULL)
			d->removed++;
}

/* Keep the hits whose module and item exist in course 'c'. */
static size_t
catalog_hits_check(const struct course *c, struct place_hit *h, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		const struct module *m = h[i].module < c->nmodules ?
		    &c->modules[h[i].module] : NULL;
		int ok = h[i].kind == PLACE_COURSE ||
		    (m != NULL && (h[i].kind == PLACE_MODULE ||
		    (h[i].kind == PLACE_PAGE && h[i].item < m->npages) ||
		    (h[i].kind == PLACE_QUESTION && m->quiz != NULL &&
		    h[i].item < m->quiz->nquestions)));

		if (!ok) {
			free(h[i].text);
			continue;
		}
		h[k++] = h[i];
	}
	return k;
}

int
catalog_hits(struct catalog *cat, size_t i, struct text_wrapper *w,
    const char *query, size_t max, struct place_hit **out, size_t *n,
    struct err *e)
{
	struct catalog_entry	*en;
	struct course		*body;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (i >= cat->n)
		return err_set(e, "no course %zu in the catalogue", i);
	cat->lookups++;
	text_wrapper_use_words(w, cat->courses[i]->words,
	    cat->courses[i]->nwords);
	en = &cat->entry[i];
	if (en->pack == NULL) {
		*n = place_find(w, cat->courses[i], query, max, out);
		return 0;
	}
	if ((rc = catalog_search_pack(cat, i, w, e)) == -1)
		return -1;
	if (rc == 1) {
		/* its search tables were changed: the places of its body */
		if ((body = catalog_body(cat, i, e)) == NULL)
			return -1;
		*n = place_find(w, body, query, max, out);
		course_free(body);
		return 0;
	}
	if (pack_has_places(en->open)) {
		if (pack_places(en->open, w, query, max, out, n, e) == -1)
			return -1;
		*n = catalog_hits_check(cat->courses[i], *out, *n);
		return 0;
	}
	/* a pack written before the place table: the places of its body */
	if ((body = pack_body(en->open, e)) == NULL)
		return -1;
	*n = place_find(w, body, query, max, out);
	course_free(body);
	return 0;
}
