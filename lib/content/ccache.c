#include "content/ccache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/cmodel.h"
#include "content/course.h"
#include "base/crypto.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/load.h"
#include "content/search.h"
#include "content/validate.h"
#include "text/text.h"
#include "base/xalloc.h"

/*
 * File layout (native byte order and struct layout: the cache is local to
 * one machine and one build; 'abi' tells another build's file apart):
 *
 *   struct cc_header
 *   meta: dir, content hash, files (name, size, mtime), warnings
 *   head: the course's header model (course.h), for a lazy catalogue
 *   body: the whole course model
 * Each section starts on a 16-byte boundary (zero padding between). The
 * models are written and read by the course-model codec (cmodel.h). Each
 * section has its own checksum (with the header, its sums
 * as 0), so a lazy reader reads and checks only what it uses.
 */
#define CC_MAGIC	"rianruCC"
#define CC_FORMAT	4	/* 3: course review flag; 4: quiz mastery */
#define CC_MAX_FILE	(512u << 20)	/* 32x the largest YAML file */
#define CC_RACY_SEC	2		/* FAT keeps mtimes to 2 s */
#define CC_ALIGN	16

enum cc_sec {
	CC_META,
	CC_HEAD,
	CC_BODY,
	CC_NSEC
};

struct cc_header {
	char		magic[8];
	uint32_t	format;
	uint32_t	abi;
	uint64_t	file_len;
	int64_t		loaded_sec;	/* wall clock before the files were read */
	int64_t		loaded_nsec;
	char		hash[72];	/* content hash, NUL-terminated */
	uint64_t	off[CC_NSEC];	/* where each section starts */
	uint64_t	len[CC_NSEC];
	uint64_t	sum[CC_NSEC];	/* header (sums 0) + the section */
};

/* One source file of the course, as recorded. */
struct cc_file {
	char		*name;		/* relative to the course folder */
	uint64_t	 size;
	int64_t		 mtime_sec, mtime_nsec;
};

/* ---- checksum ---- */

static uint64_t
cc_rotl(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/*
 * A fast 64-bit checksum (four independent lanes, 32 bytes a step) to
 * catch torn and damaged files; not a defence against forgery, which the
 * bounds checks of the model handle.
 */
static uint64_t
cc_sum(uint64_t seed, const unsigned char *p, size_t n)
{
	const uint64_t	k = 0x9e3779b97f4a7c15ULL;
	uint64_t	h[4] = { seed, seed ^ 1, seed ^ 2, seed ^ 3 }, w;
	unsigned char	tail[8];
	size_t		i;

	for (; n >= 32; p += 32, n -= 32)
		for (i = 0; i < 4; i++) {
			memcpy(&w, p + i * 8, 8);
			h[i] = (cc_rotl(h[i], 29) ^ w) * k;
		}
	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h[0] = (cc_rotl(h[0], 29) ^ w) * k;
	}
	if (n > 0) {
		memset(tail, 0, sizeof tail);
		memcpy(tail, p, n);
		memcpy(&w, tail, 8);
		h[1] = (cc_rotl(h[1], 29) ^ w ^ n) * k;
	}
	w = h[0] ^ cc_rotl(h[1], 17) ^ cc_rotl(h[2], 31) ^ cc_rotl(h[3], 47);
	w ^= w >> 29;
	return w * k;
}

/* Changes whenever the model's layout does (another build or compiler). */
static uint32_t
cc_abi(void)
{
	const size_t	sizes[] = {
		sizeof(void *), sizeof(size_t), sizeof(double),
		sizeof(struct course), sizeof(struct module),
		sizeof(struct page), sizeof(struct quiz),
		sizeof(struct question), sizeof(struct choice),
		sizeof(struct match_pair), sizeof(struct order_item),
		sizeof(struct lstr), sizeof(struct tag_label), LANG_COUNT,
		Q_TYPE_COUNT, 0x01020304
	};
	uint32_t	one = 1;
	unsigned char	little;

	memcpy(&little, &one, 1);
	return (uint32_t)cc_sum(little, (const unsigned char *)sizes,
	    sizeof sizes);
}

/* ---- metadata ---- */

struct cc_meta {
	char		*dir;
	char		 hash[65];
	struct cc_file	*files;
	size_t		 nfiles;
	struct diag	*diags;		/* warnings to replay */
	size_t		 ndiags;
};

static void
cc_meta_release(struct cc_meta *m)
{
	size_t	i;

	free(m->dir);
	for (i = 0; i < m->nfiles; i++)
		free(m->files[i].name);
	free(m->files);
	for (i = 0; i < m->ndiags; i++) {
		free(m->diags[i].file);
		free(m->diags[i].msg);
	}
	free(m->diags);
	memset(m, 0, sizeof *m);
}

static void
ccw_bytes(struct cmodel_w *w, const void *p, size_t n)
{
	uint64_t	off = cmodel_alloc(w, n, 1);

	memcpy(w->p + off, p, n);
}

static void
ccw_u64(struct cmodel_w *w, uint64_t v)
{
	ccw_bytes(w, &v, sizeof v);
}

static void
ccw_text(struct cmodel_w *w, const char *s)
{
	size_t	len = strlen(s);

	ccw_u64(w, len);
	ccw_bytes(w, s, len);
}

static void
ccw_meta(struct cmodel_w *w, const struct cc_meta *m)
{
	size_t	i;

	ccw_text(w, m->dir);
	ccw_text(w, m->hash);
	ccw_u64(w, m->nfiles);
	for (i = 0; i < m->nfiles; i++) {
		ccw_text(w, m->files[i].name);
		ccw_u64(w, m->files[i].size);
		ccw_u64(w, (uint64_t)m->files[i].mtime_sec);
		ccw_u64(w, (uint64_t)m->files[i].mtime_nsec);
	}
	ccw_u64(w, m->ndiags);
	for (i = 0; i < m->ndiags; i++) {
		ccw_u64(w, (uint64_t)m->diags[i].level);
		ccw_u64(w, m->diags[i].line);
		ccw_u64(w, m->diags[i].col);
		ccw_text(w, m->diags[i].file);
		ccw_text(w, m->diags[i].msg);
	}
}

struct ccm {
	const unsigned char	*p;
	size_t			 len, off;
	int			 bad;
};

static uint64_t
ccm_u64(struct ccm *r)
{
	uint64_t	v = 0;

	if (r->len - r->off < sizeof v) {
		r->bad = 1;
		return 0;
	}
	memcpy(&v, r->p + r->off, sizeof v);
	r->off += sizeof v;
	return v;
}

static char *
ccm_text(struct ccm *r)
{
	uint64_t	len = ccm_u64(r);
	char		*s;

	if (r->bad || len > r->len - r->off) {
		r->bad = 1;
		return xstrdup("");
	}
	s = xmalloc((size_t)len + 1);
	memcpy(s, r->p + r->off, (size_t)len);
	s[len] = '\0';
	r->off += (size_t)len;
	return s;
}

/* A count of items that take at least 'min' bytes each. */
static size_t
ccm_count(struct ccm *r, size_t min)
{
	uint64_t	n = ccm_u64(r);

	if (r->bad || n > (r->len - r->off) / min) {
		r->bad = 1;
		return 0;
	}
	return (size_t)n;
}

static int
ccm_meta(struct ccm *r, struct cc_meta *m)
{
	char	*hash;
	size_t	 i;

	memset(m, 0, sizeof *m);
	m->dir = ccm_text(r);
	hash = ccm_text(r);
	if (strlen(hash) != 64)
		r->bad = 1;
	snprintf(m->hash, sizeof m->hash, "%s", hash);
	free(hash);
	m->nfiles = ccm_count(r, 32);
	m->files = xcalloc(m->nfiles ? m->nfiles : 1, sizeof *m->files);
	for (i = 0; i < m->nfiles && !r->bad; i++) {
		m->files[i].name = ccm_text(r);
		m->files[i].size = ccm_u64(r);
		m->files[i].mtime_sec = (int64_t)ccm_u64(r);
		m->files[i].mtime_nsec = (int64_t)ccm_u64(r);
		if (m->files[i].name[0] == '\0' ||
		    strchr(m->files[i].name, '/') != NULL)
			r->bad = 1;
	}
	if (!r->bad && m->nfiles == 0)
		r->bad = 1;
	m->ndiags = ccm_count(r, 40);
	m->diags = xcalloc(m->ndiags ? m->ndiags : 1, sizeof *m->diags);
	for (i = 0; i < m->ndiags && !r->bad; i++) {
		uint64_t level = ccm_u64(r);

		m->diags[i].level = level == DIAG_WARNING ? DIAG_WARNING :
		    DIAG_ERROR;
		if (level != DIAG_WARNING)
			r->bad = 1;	/* a cached course has no errors */
		m->diags[i].line = (unsigned)ccm_u64(r);
		m->diags[i].col = (unsigned)ccm_u64(r);
		m->diags[i].file = ccm_text(r);
		m->diags[i].msg = ccm_text(r);
	}
	/* entries not reached are NULL: cc_meta_release() copes */
	return r->bad || r->off != r->len ? -1 : 0;
}

/* ---- files ---- */

int
ccache_path(const char *cache_dir, const char *dir, char *out, size_t len)
{
	struct sha256	h;
	char		hex[65];
	int		n;

	sha256_init(&h);
	sha256_update(&h, dir, strlen(dir));
	sha256_hex(&h, hex);
	n = snprintf(out, len, "%s/%.32s.rcc", cache_dir, hex);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int
cc_read_all(int fd, void *p, size_t n, off_t at)
{
	unsigned char	*b = p;
	ssize_t		 r;

	while (n > 0) {
		r = pread(fd, b, n, at);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		b += r;
		at += r;
		n -= (size_t)r;
	}
	return 0;
}

static int
cc_write_all(int fd, const void *p, size_t n)
{
	const unsigned char	*b = p;
	ssize_t			 r;

	while (n > 0) {
		r = write(fd, b, n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		b += r;
		n -= (size_t)r;
	}
	return 0;
}

/* One piece of a file cc_replace() writes. */
struct cc_part {
	const void	*p;
	size_t		 n;
};

/*
 * Write the 'n' parts to a new file beside 'path' and rename it over
 * 'path', so 'path' is always a whole old file or a whole new one.
 * Returns 0 or -1 (the temporary file removed).
 */
static int
cc_replace(const char *path, const struct cc_part *part, size_t n)
{
	char	*tmp;
	size_t	 i;
	int	 fd, ok, rc = -1;

	xasprintf(&tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		return -1;
	}
	ok = 1;
	for (i = 0; i < n && ok; i++)
		ok = cc_write_all(fd, part[i].p, part[i].n) == 0;
	if (ok && close(fd) == 0) {
		fd = -1;
		if (rename(tmp, path) == 0)
			rc = 0;
	}
	if (fd != -1)
		close(fd);
	if (rc == -1)
		unlink(tmp);
	free(tmp);
	return rc;
}

static void
cc_now(int64_t *sec, int64_t *nsec)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
}

/* The checksum of section 'sec' of bytes 'p' under header 'h'. */
static uint64_t
cc_sec_sum(const struct cc_header *h, const void *p, size_t n)
{
	struct cc_header	hdr = *h;

	memset(hdr.sum, 0, sizeof hdr.sum);
	return cc_sum(cc_sum(0, (const unsigned char *)&hdr, sizeof hdr), p,
	    n);
}

/*
 * Write a cache file to 'path' (via a temporary file and rename) from the
 * bytes of its sections ('sec[CC_META]' .. 'sec[CC_BODY]', 'n' long each),
 * with content hash 'hash' and 'loaded', the time before the files were
 * read. Returns 0 or -1.
 */
static int
cc_write_raw(const char *path, const char *hash,
    const unsigned char *const sec[CC_NSEC], const size_t n[CC_NSEC],
    int64_t loaded_sec, int64_t loaded_nsec)
{
	static const unsigned char	 zero[CC_ALIGN];
	struct cc_header		 hdr;
	struct cc_part			 part[1 + 2 * CC_NSEC];
	uint64_t			 at;
	size_t				 pad[CC_NSEC];
	int				 i;

	memset(&hdr, 0, sizeof hdr);
	memcpy(hdr.magic, CC_MAGIC, sizeof hdr.magic);
	hdr.format = CC_FORMAT;
	hdr.abi = cc_abi();
	hdr.loaded_sec = loaded_sec;
	hdr.loaded_nsec = loaded_nsec;
	snprintf(hdr.hash, sizeof hdr.hash, "%s", hash);
	at = sizeof hdr;
	for (i = 0; i < CC_NSEC; i++) {
		hdr.off[i] = at;
		hdr.len[i] = n[i];
		at += n[i];
		pad[i] = (CC_ALIGN - at % CC_ALIGN) % CC_ALIGN;
		if (i == CC_NSEC - 1)
			pad[i] = 0;
		at += pad[i];
	}
	hdr.file_len = at;
	for (i = 0; i < CC_NSEC; i++)
		hdr.sum[i] = cc_sec_sum(&hdr, sec[i], n[i]);

	part[0].p = &hdr;
	part[0].n = sizeof hdr;
	for (i = 0; i < CC_NSEC; i++) {
		part[1 + 2 * i].p = sec[i];
		part[1 + 2 * i].n = n[i];
		part[2 + 2 * i].p = zero;
		part[2 + 2 * i].n = pad[i];
	}
	return cc_replace(path, part, 1 + 2 * CC_NSEC);
}

/*
 * Write course 'c' with 'm' to 'path'. 'loaded' is the time before its
 * files were read. Returns 0 or -1.
 */
static int
cc_write(const char *path, const struct course *c, const struct cc_meta *m,
    int64_t loaded_sec, int64_t loaded_nsec)
{
	struct cmodel_w		 meta, head, body;
	const unsigned char	*sec[CC_NSEC];
	size_t			 n[CC_NSEC];
	int			 rc;

	memset(&meta, 0, sizeof meta);
	memset(&head, 0, sizeof head);
	memset(&body, 0, sizeof body);
	head.head = 1;
	ccw_meta(&meta, m);
	cmodel_write(&head, c);
	cmodel_write(&body, c);
	sec[CC_META] = meta.p;
	n[CC_META] = meta.len;
	sec[CC_HEAD] = head.p;
	n[CC_HEAD] = head.len;
	sec[CC_BODY] = body.p;
	n[CC_BODY] = body.len;
	rc = cc_write_raw(path, c->hash, sec, n, loaded_sec, loaded_nsec);
	cmodel_w_release(&meta);
	cmodel_w_release(&head);
	cmodel_w_release(&body);
	return rc;
}

/*
 * The header of course 'c' (which has its body) as a new course of its
 * own: the head model written and read back into a new arena.
 */
static struct course *
cc_header_of(const struct course *c)
{
	struct cmodel_w	 w;
	struct cmodel_r	 r;
	struct arena	*a;
	struct course	*h = NULL, *model;

	memset(&w, 0, sizeof w);
	w.head = 1;
	cmodel_write(&w, c);
	a = arena_new();
	r.base = arena_alloc_uninit(a, w.len);
	memcpy(r.base, w.p, w.len);
	r.len = w.len;
	r.bad = 0;
	r.head = 1;
	cmodel_w_release(&w);
	if ((model = cmodel_read(&r)) == NULL) {
		arena_free(a);
		return NULL;
	}
	h = xmalloc(sizeof *h);
	*h = *model;
	h->arena = a;
	return h;
}

/* Freshness of the recorded files against the disk. */
enum cc_fresh {
	CC_FRESH,	/* same size and mtime, not racy */
	CC_CHECK,	/* same sizes; hash the files to be sure */
	CC_STALE	/* changed or gone */
};

static enum cc_fresh
cc_fresh(const char *dir, struct cc_meta *m, int64_t loaded_sec)
{
	enum cc_fresh	 f = CC_FRESH;
	struct stat	 sb;
	char		*path;
	size_t		 i;
	int		 rc;

	for (i = 0; i < m->nfiles; i++) {
		xasprintf(&path, "%s/%s", dir, m->files[i].name);
		rc = stat(path, &sb);
		free(path);
		if (rc == -1 || !S_ISREG(sb.st_mode) ||
		    (uint64_t)sb.st_size != m->files[i].size)
			return CC_STALE;
		if ((int64_t)sb.st_mtim.tv_sec != m->files[i].mtime_sec ||
		    (int64_t)sb.st_mtim.tv_nsec != m->files[i].mtime_nsec ||
		    m->files[i].mtime_sec + CC_RACY_SEC >= loaded_sec)
			f = CC_CHECK;
		m->files[i].mtime_sec = (int64_t)sb.st_mtim.tv_sec;
		m->files[i].mtime_nsec = (int64_t)sb.st_mtim.tv_nsec;
	}
	return f;
}

/* Hash the course's files as the loader does; 0 when it equals m->hash. */
static int
cc_same_content(const char *dir, const struct cc_meta *m)
{
	struct sha256	 h;
	char		 hex[65], *path, buf[65536];
	size_t		 i, n;
	FILE		*f;

	sha256_init(&h);
	for (i = 0; i < m->nfiles; i++) {
		xasprintf(&path, "%s/%s", dir, m->files[i].name);
		f = fopen(path, "rb");
		free(path);
		if (f == NULL)
			return -1;
		sha256_update(&h, m->files[i].name,
		    strlen(m->files[i].name) + 1);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			sha256_update(&h, buf, n);
		if (ferror(f)) {
			fclose(f);
			return -1;
		}
		fclose(f);
	}
	sha256_hex(&h, hex);
	return strcmp(hex, m->hash) == 0 ? 0 : -1;
}

/*
 * Open the cache file 'path' and read and check its header into *hdr.
 * Returns the descriptor, or -1 with *rejected set when a file was there
 * but is not one this build can use.
 */
static int
cc_open(const char *path, struct cc_header *hdr, int *rejected)
{
	struct stat	sb;
	uint64_t	at;
	int		fd, i;

	*rejected = 0;
	if ((fd = open(path, O_RDONLY)) == -1)
		return -1;
	*rejected = 1;
	if (fstat(fd, &sb) == -1 || (uint64_t)sb.st_size < sizeof *hdr ||
	    (uint64_t)sb.st_size > CC_MAX_FILE ||
	    cc_read_all(fd, hdr, sizeof *hdr, 0) == -1)
		goto bad;
	if (memcmp(hdr->magic, CC_MAGIC, sizeof hdr->magic) != 0 ||
	    hdr->format != CC_FORMAT || hdr->abi != cc_abi() ||
	    hdr->file_len != (uint64_t)sb.st_size ||
	    memchr(hdr->hash, '\0', sizeof hdr->hash) == NULL ||
	    strlen(hdr->hash) != 64)
		goto bad;
	at = sizeof *hdr;
	for (i = 0; i < CC_NSEC; i++) {
		if (hdr->off[i] < at || hdr->off[i] > hdr->file_len ||
		    hdr->len[i] > hdr->file_len - hdr->off[i] ||
		    ((i == CC_HEAD || i == CC_BODY) &&
		    hdr->off[i] % CC_ALIGN != 0))
			goto bad;
		at = hdr->off[i] + hdr->len[i];
	}
	*rejected = 0;
	return fd;
bad:
	close(fd);
	return -1;
}

/*
 * Read section 'sec' of the open cache file into memory from arena 'a'
 * (or malloc'd, when 'a' is NULL, for the caller to free) and check its
 * sum. NULL when it cannot be read or is damaged.
 */
static unsigned char *
cc_read_sec(int fd, const struct cc_header *hdr, enum cc_sec sec,
    struct arena *a)
{
	size_t		 n = (size_t)hdr->len[sec];
	unsigned char	*p;

	p = a != NULL ? arena_alloc_uninit(a, n ? n : 1) : xmalloc(n ? n : 1);
	if (cc_read_all(fd, p, n, (off_t)hdr->off[sec]) == -1 ||
	    cc_sec_sum(hdr, p, n) != hdr->sum[sec]) {
		if (a == NULL)
			free(p);
		return NULL;
	}
	return p;
}

/*
 * The model in section 'sec' (CC_HEAD or CC_BODY) of the open cache file
 * of course folder 'dir', as a new course, or NULL when it is damaged or
 * not that course's.
 */
static struct course *
cc_read_model(int fd, const struct cc_header *hdr, enum cc_sec sec,
    const char *dir)
{
	struct arena	*a = arena_new();
	struct course	*c, *model;
	struct cmodel_r	 r;

	if ((r.base = cc_read_sec(fd, hdr, sec, a)) == NULL)
		goto fail;
	r.len = (size_t)hdr->len[sec];
	r.bad = 0;
	r.head = sec == CC_HEAD;
	/* the loader's rules too: a crafted file must not reach a screen */
	if ((model = cmodel_read(&r)) == NULL ||
	    strcmp(model->dir, dir) != 0 ||
	    strcmp(model->hash, hdr->hash) != 0 ||
	    validate_course(model, NULL) == -1)
		goto fail;
	c = xmalloc(sizeof *c);
	*c = *model;
	c->arena = a;
	return c;
fail:
	arena_free(a);
	return NULL;
}

/*
 * Rewrite the open cache file 'path' with meta 'm' (the files' new
 * mtimes) and the time 'checked', keeping its other sections as they are.
 */
static int
cc_rewrite(const char *path, int fd, const struct cc_header *hdr,
    const struct cc_meta *m, int64_t checked_sec, int64_t checked_nsec)
{
	struct cmodel_w		 meta;
	unsigned char		*raw[CC_NSEC];
	const unsigned char	*sec[CC_NSEC];
	size_t			 n[CC_NSEC];
	int			 i, rc = -1;

	memset(&meta, 0, sizeof meta);
	memset(raw, 0, sizeof raw);
	ccw_meta(&meta, m);
	sec[CC_META] = meta.p;
	n[CC_META] = meta.len;
	for (i = CC_HEAD; i < CC_NSEC; i++) {
		if ((raw[i] = cc_read_sec(fd, hdr, (enum cc_sec)i, NULL)) ==
		    NULL)
			goto out;
		sec[i] = raw[i];
		n[i] = (size_t)hdr->len[i];
	}
	rc = cc_write_raw(path, hdr->hash, sec, n, checked_sec, checked_nsec);
out:
	for (i = 0; i < CC_NSEC; i++)
		free(raw[i]);
	cmodel_w_release(&meta);
	return rc;
}

/*
 * Read the cache file at 'path' for 'dir': its header model when 'head'
 * is set, else the whole course. Returns the course (with its warnings
 * replayed into 'd'), or NULL when there is no usable cache (*rejected
 * set when one was there but bad). When the files had to be hashed (same
 * content, new mtimes) the cache file is rewritten; 'st' counts it. 'm'
 * is filled for the caller to release.
 */
static struct course *
cc_read(const char *path, const char *dir, struct diags *d,
    struct cc_meta *m, int head, int *rejected, struct ccache_stats *st)
{
	struct cc_header	 hdr;
	struct ccm		 mr;
	struct course		*c = NULL;
	unsigned char		*meta = NULL;
	enum cc_fresh		 fresh;
	int64_t			 sec = 0, nsec = 0;
	size_t			 i;
	int			 fd, rewrite = 0;

	if ((fd = cc_open(path, &hdr, rejected)) == -1)
		return NULL;
	*rejected = 1;
	if ((meta = cc_read_sec(fd, &hdr, CC_META, NULL)) == NULL)
		goto out;
	mr.p = meta;
	mr.len = (size_t)hdr.len[CC_META];
	mr.off = 0;
	mr.bad = 0;
	if (ccm_meta(&mr, m) == -1 || strcmp(m->dir, dir) != 0 ||
	    strcmp(m->hash, hdr.hash) != 0)
		goto out;
	*rejected = 0;
	if ((fresh = cc_fresh(dir, m, hdr.loaded_sec)) == CC_STALE)
		goto out;
	if (fresh == CC_CHECK) {
		cc_now(&sec, &nsec);
		if (cc_same_content(dir, m) == -1)
			goto out;
		rewrite = 1;
	}
	*rejected = 1;
	if ((c = cc_read_model(fd, &hdr, head ? CC_HEAD : CC_BODY, dir)) ==
	    NULL)
		goto out;
	*rejected = 0;
	for (i = 0; i < m->ndiags; i++)
		diags_add(d, m->diags[i].level, m->diags[i].file,
		    m->diags[i].line, m->diags[i].col, "%s", m->diags[i].msg);
	if (rewrite) {
		st->verified++;
		/* the files' new mtimes, so the next start is a hit */
		if (cc_rewrite(path, fd, &hdr, m, sec, nsec) == 0)
			st->written++;
		else
			st->write_failed++;
	} else
		st->hits++;
out:
	free(meta);
	close(fd);
	return c;
}

/*
 * The search words of a course live in a file of their own beside its
 * cache file (NAME.rcw for NAME.rcc), written by the first search of that
 * content rather than at start-up: breaking every page of a catalogue
 * into words (libthai) costs about as much as parsing it.
 *
 *   struct cw_header, then 'len' bytes: the words as search_words()
 *   writes them (search.h)
 */
#define CW_MAGIC	"rianruCW"
#define CW_FORMAT	2	/* 2: word pairs written together */

struct cw_header {
	char		magic[8];
	uint32_t	format;
	uint32_t	zero;
	char		hash[72];	/* content hash they were made from */
	uint64_t	len;
	uint64_t	sum;		/* of the words */
};

/* Turn the cache file path 'path' (".rcc") into its words file's. */
static int
cw_path(char *path)
{
	size_t	n = strlen(path);

	if (n < 4 || strcmp(path + n - 4, ".rcc") != 0)
		return -1;
	memcpy(path + n - 4, ".rcw", 4);
	return 0;
}

/*
 * The words in file 'path' made from content 'hash' (malloc'd, *len bytes),
 * or NULL when there is none, it is damaged or it is another content's.
 */
static char *
cw_read(const char *path, const char *hash, size_t *len)
{
	struct cw_header	 hdr;
	struct stat		 sb;
	char			*p = NULL;
	int			 fd;

	if ((fd = open(path, O_RDONLY)) == -1)
		return NULL;
	if (fstat(fd, &sb) == -1 || (uint64_t)sb.st_size < sizeof hdr ||
	    (uint64_t)sb.st_size > CC_MAX_FILE ||
	    cc_read_all(fd, &hdr, sizeof hdr, 0) == -1 ||
	    memcmp(hdr.magic, CW_MAGIC, sizeof hdr.magic) != 0 ||
	    hdr.format != CW_FORMAT ||
	    memchr(hdr.hash, '\0', sizeof hdr.hash) == NULL ||
	    strcmp(hdr.hash, hash) != 0 ||
	    hdr.len != (uint64_t)sb.st_size - sizeof hdr)
		goto out;
	p = xmalloc(hdr.len ? (size_t)hdr.len : 1);
	if (cc_read_all(fd, p, (size_t)hdr.len, sizeof hdr) == -1 ||
	    cc_sum(0, (const unsigned char *)p, (size_t)hdr.len) != hdr.sum ||
	    (hdr.len > 0 && p[hdr.len - 1] != '\0')) {
		free(p);
		p = NULL;
		goto out;
	}
	*len = (size_t)hdr.len;
out:
	close(fd);
	return p;
}

/* Write words 'p' ('len' bytes) made from content 'hash' to 'path'. */
static int
cw_write(const char *path, const char *hash, const char *p, size_t len)
{
	struct cw_header	 hdr;
	struct cc_part		 part[2];

	memset(&hdr, 0, sizeof hdr);
	memcpy(hdr.magic, CW_MAGIC, sizeof hdr.magic);
	hdr.format = CW_FORMAT;
	snprintf(hdr.hash, sizeof hdr.hash, "%s", hash);
	hdr.len = len;
	hdr.sum = cc_sum(0, (const unsigned char *)p, len);
	part[0].p = &hdr;
	part[0].n = sizeof hdr;
	part[1].p = p;
	part[1].n = len;
	return cc_replace(path, part, 2);
}

/* One load of course folders through the cache. */
struct cc_ctx {
	const char		*cache_dir;
	struct ccache_stats	*st;
	int			 lazy;	/* keep headers only */
};

/* Record course 'c' just loaded from 'dir' with warnings d[from..]. */
static int
cc_save(const char *path, const char *dir,
    const struct course *c, const struct diags *d, size_t from,
    int64_t loaded_sec, int64_t loaded_nsec)
{
	struct cc_meta	 m;
	struct stat	 sb;
	char		*file;
	const char	*base;
	size_t		 i;
	int		 rc = -1;

	memset(&m, 0, sizeof m);
	m.dir = xstrdup(dir);
	snprintf(m.hash, sizeof m.hash, "%s", c->hash);
	m.files = xcalloc(c->nmodules + 1, sizeof *m.files);
	for (i = 0; i <= c->nmodules; i++) {
		if (i == 0)
			base = "course.yaml";
		else if (c->modules[i - 1].file == NULL)
			goto out;
		else {
			base = strrchr(c->modules[i - 1].file, '/');
			base = base ? base + 1 : c->modules[i - 1].file;
		}
		m.files[i].name = xstrdup(base);
		m.nfiles = i + 1;
		xasprintf(&file, "%s/%s", dir, base);
		if (stat(file, &sb) == -1) {
			free(file);
			goto out;
		}
		free(file);
		m.files[i].size = (uint64_t)sb.st_size;
		m.files[i].mtime_sec = (int64_t)sb.st_mtim.tv_sec;
		m.files[i].mtime_nsec = (int64_t)sb.st_mtim.tv_nsec;
	}
	m.diags = xcalloc(d->n - from + 1, sizeof *m.diags);
	for (i = from; i < d->n; i++) {
		m.diags[m.ndiags].level = d->v[i].level;
		m.diags[m.ndiags].line = d->v[i].line;
		m.diags[m.ndiags].col = d->v[i].col;
		m.diags[m.ndiags].file = xstrdup(d->v[i].file);
		m.diags[m.ndiags++].msg = xstrdup(d->v[i].msg);
	}
	rc = cc_write(path, c, &m, loaded_sec, loaded_nsec);
out:
	cc_meta_release(&m);
	return rc;
}

/* Load course folder 'dir' through the cache (load_course_dir()'s contract). */
static struct course *
cc_load(struct cc_ctx *x, const char *dir, struct diags *d)
{
	struct ccache_stats	*st = x->st;
	struct cc_meta		 m;
	struct course		*c, *h;
	char			 path[4096];
	size_t			 from = d->n;
	int64_t			 sec = 0, nsec = 0;
	int			 rejected;

	if (x->cache_dir == NULL ||
	    ccache_path(x->cache_dir, dir, path, sizeof path) == -1) {
		st->parsed++;
		return load_course_dir(dir, d);
	}
	memset(&m, 0, sizeof m);
	c = cc_read(path, dir, d, &m, x->lazy, &rejected, st);
	cc_meta_release(&m);
	if (c != NULL)
		return c;
	if (rejected)
		st->rejected++;
	st->parsed++;
	cc_now(&sec, &nsec);
	c = load_course_dir(dir, d);
	if (c == NULL) {
		unlink(path);
		if (cw_path(path) == 0)
			unlink(path);
		return NULL;
	}
	if (mkdir(x->cache_dir, 0700) == -1 && errno != EEXIST)
		st->write_failed++;
	else if (cc_save(path, dir, c, d, from, sec, nsec) == 0) {
		st->written++;
		/* cached: the body can be read again when it is opened */
		if (x->lazy && (h = cc_header_of(c)) != NULL) {
			course_free(c);
			c = h;
		}
	} else
		st->write_failed++;
	return c;
}

struct course *
ccache_load_dir(const char *dir, const char *cache_dir, struct diags *d,
    struct ccache_stats *st)
{
	struct ccache_stats	 dummy;
	struct cc_ctx		 x = { cache_dir, st ? st : &dummy, 0 };

	return cc_load(&x, dir, d);
}

static struct course *
cc_load_dir(void *ctx, const char *dir, struct diags *d)
{
	return cc_load(ctx, dir, d);
}

int
catalog_add_path_cached_stats(struct catalog *cat, const char *path,
    const char *cache_dir, struct diags *d, struct ccache_stats *st)
{
	struct ccache_stats	dummy;
	struct cc_ctx		x = { cache_dir, st ? st : &dummy, 0 };

	return catalog_add_path_with(cat, path, cc_load_dir, &x, d);
}

int
catalog_add_path_cached(struct catalog *cat, const char *path,
    const char *cache_dir, struct diags *d)
{
	return catalog_add_path_cached_stats(cat, path, cache_dir, d, NULL);
}

int
catalog_add_path_lazy(struct catalog *cat, const char *path,
    const char *cache_dir, struct diags *d, struct ccache_stats *st)
{
	struct ccache_stats	dummy;
	struct cc_ctx		x = { cache_dir, st ? st : &dummy, 1 };

	if (cache_dir == NULL)
		return catalog_add_path(cat, path, d);
	free(cat->cache_dir);
	cat->cache_dir = xstrdup(cache_dir);
	return catalog_add_path_with(cat, path, cc_load_dir, &x, d);
}

/*
 * The body of header 'h' of 'cat': from its cache file, else parsed from
 * its files when they still hold the same content. A new course the
 * caller frees, or NULL with *e.
 */
static struct course *
cc_body(const struct catalog *cat, const struct course *h, struct err *e)
{
	struct cc_header	 hdr;
	struct course		*c = NULL;
	struct diags		 d;
	char			 path[4096], msg[512];
	int64_t			 sec, nsec;
	size_t			 i;
	int			 fd, rejected;

	if (ccache_path(cat->cache_dir, h->dir, path, sizeof path) == -1)
		path[0] = '\0';
	else if ((fd = cc_open(path, &hdr, &rejected)) != -1) {
		if (strcmp(hdr.hash, h->hash) == 0)
			c = cc_read_model(fd, &hdr, CC_BODY, h->dir);
		close(fd);
		if (c != NULL)
			return c;
	}
	/* no usable cache file (removed, damaged, rewritten): parse */
	diags_init(&d);
	cc_now(&sec, &nsec);
	if ((c = load_course_dir(h->dir, &d)) == NULL) {
		msg[0] = '\0';
		for (i = 0; i < d.n; i++)
			if (d.v[i].level == DIAG_ERROR) {
				diag_format(&d.v[i], msg, sizeof msg);
				break;
			}
		err_set(e, "cannot open course '%s': %s", h->id, msg[0] ?
		    msg : "cannot read its files");
		goto out;
	}
	if (strcmp(c->hash, h->hash) != 0) {
		course_free(c);
		c = NULL;
		err_set(e, "course '%s' changed on disk after rianru "
		    "started: restart rianru to open it", h->id);
		goto out;
	}
	/* cache it again, so the next open is quick */
	if (path[0] != '\0' && (mkdir(cat->cache_dir, 0700) == 0 ||
	    errno == EEXIST))
		cc_save(path, h->dir, c, &d, 0, sec, nsec);
out:
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
		if ((c = cc_body(cat, h, e)) == NULL)
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

struct search_doc *
catalog_search_doc(const struct catalog *cat, size_t i,
    struct text_wrapper *w, struct err *e)
{
	struct course		*h, *body = NULL;
	const struct course	*c = NULL;
	struct buf		 b;
	char			 path[4096], *text;
	size_t			 len, k;
	int			 have_path;

	if (i >= cat->n) {
		err_set(e, "no course %zu in the catalogue", i);
		return NULL;
	}
	h = cat->courses[i];
	if (!h->header)
		return search_doc_new(w, h);
	have_path = ccache_path(cat->cache_dir, h->dir, path,
	    sizeof path) == 0 && cw_path(path) == 0;
	if (have_path && (text = cw_read(path, h->hash, &len)) != NULL)
		return search_doc_from_words(text, len);
	/*
	 * The first search of this content: the words of the body (an open
	 * one, else read for this and not kept), saved for the next ones.
	 */
	for (k = 0; k < CATALOG_OPEN; k++)
		if (cat->open[k] != NULL && cat->open_at[k] == i)
			c = cat->open[k];
	if (c == NULL && (c = body = cc_body(cat, h, e)) == NULL)
		return NULL;
	buf_init(&b);
	search_words(w, c, &b);
	course_free(body);
	if (have_path && (mkdir(cat->cache_dir, 0700) == 0 ||
	    errno == EEXIST))
		cw_write(path, h->hash, b.data, b.len);
	text = buf_detach(&b, &len);
	return search_doc_from_words(text, len);
}
