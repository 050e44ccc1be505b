#include "content/compile.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/file.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "content/load.h"
#include "content/pack.h"

#define COMPILE_RACY_SEC	2	/* FAT keeps mtimes to 2 s */
#define COMPILE_MAC_SUFFIX	".mac"

/* Set once at start, read after (compile.h): no lock needed. */
static unsigned char	compile_key[CRYPTO_KEY_LEN];
static int		compile_keyed;

void
compile_set_key(const unsigned char key[CRYPTO_KEY_LEN])
{
	memcpy(compile_key, key, sizeof compile_key);
	compile_keyed = 1;
}

/*
 * The keyed check of pack 'p' at 'path' into 'hex': BLAKE2b keyed with
 * the install's secret over the pack's file name (its folder's slot), the
 * course id, version and content hash it names, the SHA-256 it keeps of
 * its header and body records, which pack_header() and pack_body() check
 * the records against, and of its search tables, which a search checks
 * them against (compile_pack_search_trusted()): so all are covered
 * without reading them twice; and the hash of the warnings it records,
 * read at every start. -1 when there is no key or the pack keeps no
 * checksums.
 */
static int
compile_mac(struct pack *p, const char *path, char hex[65])
{
	struct crypto_mac_state	 m;
	struct err		 e;
	const char		*part[8];
	unsigned char		 out[32];
	const char		*base = strrchr(path, '/');
	char			 warn[65];
	size_t			 i;

	part[0] = base != NULL ? base + 1 : path;
	part[1] = pack_course_id(p);
	part[2] = pack_version(p);
	part[3] = pack_hash(p);
	part[4] = pack_record_sum(p, 1);
	part[5] = pack_record_sum(p, 0);
	part[6] = pack_search_recorded(p);
	part[7] = warn;
	if (!compile_keyed || part[4] == NULL || part[5] == NULL ||
	    part[6] == NULL || pack_warnings_sum(p, warn, &e) == -1)
		return -1;
	crypto_mac_init(&m, compile_key);
	crypto_mac_update(&m, "rianru-cache-2", 15);
	for (i = 0; i < 8; i++)
		crypto_mac_update(&m, part[i], strlen(part[i]) + 1);
	crypto_mac_final(&m, out);
	for (i = 0; i < sizeof out; i++)
		snprintf(hex + 2 * i, 3, "%02x", out[i]);
	return 0;
}

/* Write the keyed check of the pack just written at 'path'. */
static int
compile_mac_write(const char *path)
{
	struct pack	*p;
	struct err	 e;
	char		 hex[66], *mac;
	int		 rc = -1;

	if ((p = pack_open(path, &e)) == NULL)
		return -1;
	if (compile_mac(p, path, hex) == 0) {
		hex[64] = '\n';
		xasprintf(&mac, "%s%s", path, COMPILE_MAC_SUFFIX);
		rc = file_replace(mac, hex, 65, 0600, &e);
		free(mac);
	}
	pack_close(p);
	return rc;
}

int
compile_pack_trusted(struct pack *p, const char *path)
{
	struct err	 e;
	char		 hex[65], *mac, *want;
	size_t		 len, i;
	int		 diff = 0;

	if (compile_mac(p, path, hex) == -1)
		return 0;
	xasprintf(&mac, "%s%s", path, COMPILE_MAC_SUFFIX);
	want = file_read(mac, 128, &len, &e);
	free(mac);
	if (want == NULL)
		return 0;
	if (len < 64)
		diff = 1;
	for (i = 0; i < 64 && !diff; i++)	/* no early exit */
		diff |= want[i] ^ hex[i];
	free(want);
	return !diff;
}

int
compile_pack_search_trusted(struct pack *p, const char *path)
{
	struct err	e;
	char		hex[65];

	/* the recorded hash is covered by the keyed check; the tables by it */
	return compile_pack_trusted(p, path) &&
	    pack_search_sum(p, hex, &e) == 0 &&
	    strcmp(hex, pack_search_recorded(p)) == 0;
}

int
compile_path(const char *cache_dir, const char *dir, char *out, size_t len)
{
	struct sha256	h;
	char		hex[65];
	int		n;

	sha256_init(&h);
	sha256_update(&h, dir, strlen(dir));
	sha256_hex(&h, hex);
	n = snprintf(out, len, "%s/%.32s.pack", cache_dir, hex);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

const char *
compile_dir_checked(const char *dir)
{
	struct stat	sb;

	if (dir == NULL)
		return NULL;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return NULL;
	if (lstat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0)
		return NULL;
	return dir;
}

static void
compile_now(int64_t *sec, int64_t *nsec)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
}

/* Freshness of the recorded files against the disk. */
enum compile_fresh {
	FRESH,		/* same size and mtime, not racy */
	CHECK,		/* same sizes; hash the files to be sure */
	STALE		/* changed or gone */
};

/* Compare; the files' mtimes now are written into 'src'. */
static enum compile_fresh
compile_fresh(const char *dir, struct pack_src *src)
{
	enum compile_fresh	 f = FRESH;
	struct stat		 sb;
	struct pack_file	*pf;
	char			*path;
	size_t			 i;
	int			 rc;

	for (i = 0; i < src->nfiles; i++) {
		pf = &src->files[i];
		xasprintf(&path, "%s/%s", dir, pf->name);
		rc = stat(path, &sb);
		free(path);
		if (rc == -1 || !S_ISREG(sb.st_mode) ||
		    (uint64_t)sb.st_size != pf->size)
			return STALE;
		if ((int64_t)sb.st_mtim.tv_sec != pf->mtime_sec ||
		    (int64_t)sb.st_mtim.tv_nsec != pf->mtime_nsec ||
		    pf->mtime_sec + COMPILE_RACY_SEC >= src->loaded_sec)
			f = CHECK;
		pf->mtime_sec = (int64_t)sb.st_mtim.tv_sec;
		pf->mtime_nsec = (int64_t)sb.st_mtim.tv_nsec;
	}
	return f;
}

/* Hash the course's files as the loader does; 0 when it equals 'hash'. */
static int
compile_same_content(const char *dir, const struct pack_src *src,
    const char *hash)
{
	struct sha256	 h;
	char		 hex[65], *path, buf[65536];
	size_t		 i, n;
	FILE		*f;

	sha256_init(&h);
	for (i = 0; i < src->nfiles; i++) {
		xasprintf(&path, "%s/%s", dir, src->files[i].name);
		f = fopen(path, "rb");
		free(path);
		if (f == NULL)
			return -1;
		sha256_update(&h, src->files[i].name,
		    strlen(src->files[i].name) + 1);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			sha256_update(&h, buf, n);
		if (ferror(f)) {
			fclose(f);
			return -1;
		}
		fclose(f);
	}
	sha256_hex(&h, hex);
	return strcmp(hex, hash) == 0 ? 0 : -1;
}

void
compile_place(struct course *c, const char *dir)
{
	struct module	*m;
	char		*path;
	size_t		 i;

	c->dir = arena_strdup(c->arena, dir);
	for (i = 0; i < c->nmodules; i++) {
		m = &c->modules[i];
		if (m->file == NULL || strchr(m->file, '/') != NULL)
			continue;
		xasprintf(&path, "%s/%s", dir, m->file);
		m->file = arena_strdup(c->arena, path);
		free(path);
	}
}

/*
 * The course in the pack at 'path' when it was compiled from 'dir' and
 * its files still hold that content: its header ('head') or the whole
 * course, with its warnings replayed into 'd'. NULL when there is none to
 * use (*rejected set when a pack was there but damaged or foreign).
 */
static struct course *
compile_read(const char *path, const char *dir, int head, struct diags *d,
    int *rejected, struct compile_stats *st)
{
	struct pack		*p = NULL;
	struct pack_src		 src;
	struct course		*c = NULL;
	struct err		 e;
	enum compile_fresh	 fresh;
	size_t			 i;

	diags_init(&src.warnings);
	src.dir = NULL;
	src.files = NULL;
	src.nfiles = 0;
	*rejected = 0;
	if (access(path, F_OK) == -1)
		return NULL;
	*rejected = 1;
	/* keyed: no record of a pack this install did not make is read */
	if ((p = pack_open(path, &e)) == NULL ||
	    !compile_pack_trusted(p, path) ||
	    pack_src_read(p, &src, &e) == -1 || strcmp(src.dir, dir) != 0)
		goto out;
	*rejected = 0;
	if ((fresh = compile_fresh(dir, &src)) == STALE)
		goto out;
	if (fresh == CHECK) {
		compile_now(&src.loaded_sec, &src.loaded_nsec);
		if (compile_same_content(dir, &src, pack_hash(p)) == -1)
			goto out;
	}
	*rejected = 1;
	if ((c = head ? pack_header(p, &e) : pack_body(p, &e)) == NULL)
		goto out;
	*rejected = 0;
	compile_place(c, dir);
	for (i = 0; i < src.warnings.n; i++)
		diags_add(d, DIAG_WARNING, src.warnings.v[i].file,
		    src.warnings.v[i].line, src.warnings.v[i].col, "%s",
		    src.warnings.v[i].msg);
	if (fresh == CHECK) {
		st->verified++;
		/* the files' new mtimes, so the next start is a hit */
		if (pack_src_update(path, &src, &e) == 0)
			st->written++;
		else
			st->write_failed++;
	} else
		st->hits++;
out:
	pack_close(p);
	pack_src_release(&src);
	return c;
}

/*
 * Compile course 'c', just loaded from 'dir' with warnings d[from..],
 * to 'path'. 'loaded' is the time before its files were read.
 */
static int
compile_save(const char *path, const char *dir, const struct course *c,
    const struct diags *d, size_t from, int64_t loaded_sec,
    int64_t loaded_nsec, struct text_wrapper *w)
{
	struct pack_src	 src;
	struct stat	 sb;
	struct err	 e;
	char		*file;
	const char	*base;
	size_t		 i;
	int		 rc = -1;

	memset(&src, 0, sizeof src);
	diags_init(&src.warnings);
	src.dir = xstrdup(dir);
	src.loaded_sec = loaded_sec;
	src.loaded_nsec = loaded_nsec;
	src.files = xcalloc(c->nmodules + 1, sizeof *src.files);
	for (i = 0; i <= c->nmodules; i++) {
		if (i == 0)
			base = "course.yaml";
		else if (c->modules[i - 1].file == NULL)
			goto out;
		else {
			base = strrchr(c->modules[i - 1].file, '/');
			base = base ? base + 1 : c->modules[i - 1].file;
		}
		src.files[i].name = xstrdup(base);
		src.nfiles = i + 1;
		xasprintf(&file, "%s/%s", dir, base);
		if (stat(file, &sb) == -1) {
			free(file);
			goto out;
		}
		free(file);
		src.files[i].size = (uint64_t)sb.st_size;
		src.files[i].mtime_sec = (int64_t)sb.st_mtim.tv_sec;
		src.files[i].mtime_nsec = (int64_t)sb.st_mtim.tv_nsec;
	}
	for (i = from; i < d->n; i++)
		if (d->v[i].level == DIAG_WARNING)
			diags_add(&src.warnings, DIAG_WARNING, d->v[i].file,
			    d->v[i].line, d->v[i].col, "%s", d->v[i].msg);
	if ((rc = pack_write_src(path, c, w, &src, &e)) == 0 &&
	    (rc = compile_mac_write(path)) == -1)
		unlink(path);
out:
	pack_src_release(&src);
	return rc;
}

/* The header of course 'c' as compiled at 'path', or NULL. */
static struct course *
compile_header(const char *path, const char *dir)
{
	struct pack	*p;
	struct course	*h = NULL;
	struct err	 e;

	if ((p = pack_open(path, &e)) != NULL &&
	    (h = pack_header(p, &e)) != NULL)
		compile_place(h, dir);
	pack_close(p);
	return h;
}

struct course *
compile_load_dir(const char *dir, const char *cache_dir,
    struct text_wrapper *w, int head, char **pack, struct diags *d,
    struct compile_stats *st)
{
	struct compile_stats	 dummy;
	struct course		*c, *h;
	char			 path[4096];
	size_t			 from = d->n;
	int64_t			 sec = 0, nsec = 0;
	int			 rejected;

	*pack = NULL;
	if (st == NULL) {
		memset(&dummy, 0, sizeof dummy);
		st = &dummy;
	}
	if (cache_dir == NULL || !compile_keyed ||
	    compile_path(cache_dir, dir, path, sizeof path) == -1) {
		st->parsed++;
		return load_course_dir(dir, d);
	}
	if ((c = compile_read(path, dir, head, d, &rejected, st)) != NULL) {
		*pack = xstrdup(path);
		return c;
	}
	if (rejected)
		st->rejected++;
	st->parsed++;
	compile_now(&sec, &nsec);
	if ((c = load_course_dir(dir, d)) == NULL) {
		unlink(path);
		return NULL;
	}
	if (compile_save(path, dir, c, d, from, sec, nsec, w) == -1) {
		st->write_failed++;
		return c;
	}
	st->written++;
	*pack = xstrdup(path);
	/* compiled: the body is read again from the pack when opened */
	if (head && (h = compile_header(path, dir)) != NULL) {
		course_free(c);
		c = h;
	}
	return c;
}
