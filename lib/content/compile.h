#ifndef COMPILE_H
#define COMPILE_H

#include <stddef.h>

/*
 * A YAML course folder compiled to a content pack (pack.h) on this
 * machine, so that trainers' folders, `make run` and the preview open
 * through the same path as packs that were published and installed: the
 * pack of folder DIR lives in the private cache folder as
 * SHA256(DIR)[0..32].pack and records its sources (pack.h pack_src).
 *
 * When is a compiled pack used?
 * - every file has the recorded size and mtime, and none was modified
 *   within 2 seconds before the pack was made ("racy": the mtime clock
 *   may be too coarse to see an edit): yes, without reading the YAML;
 * - the sizes match but an mtime differs, or a file is racy: the files are
 *   hashed; the same content hash means yes (and the recorded mtimes are
 *   updated), else the course is parsed and compiled again;
 * - a size differs or a file is gone: the course is parsed again.
 * A pack without a valid keyed check (above), that cannot be opened,
 * was made for another folder, or whose records fail their checksums,
 * the codec's checks or the loader's rules (validate.h) is never
 * trusted: it is ignored and rebuilt. Courses with
 * errors are not compiled (their problems are found again every time)
 * and their stale pack is removed. Packs are written to a temporary name
 * and renamed, so a reader sees an old file or a whole new one.
 *
 * Not covered: an edit that keeps a file's size and restores its mtime
 * (touch -d) is not seen, as with git's index.
 */

struct course;
struct diags;
struct err;
struct pack;
struct text_wrapper;

/*
 * The integrity check of compiled packs is keyed: each pack gets a
 * sidecar 'PACK.mac', a keyed BLAKE2b of the pack's file name, the course
 * id, version and content hash it names and the SHA-256 of its header and
 * body records that pack_header() and pack_body() check (so the records
 * are covered without being read twice), made with a per-install secret
 * kept outside the cache (the caller loads it with keyfile.h:
 * $XDG_DATA_HOME/rianru/cache.key, 0600). Whoever can write the cache but
 * cannot read that key cannot put in a pack that is used, even one whose
 * records carry the right plain checksums: it is refused and the course
 * is compiled again. The check also covers the hash of the search tables
 * the pack recorded when it was written (pack_search_sum(): what a search
 * finds and the snippets it shows), which a search compares with the
 * tables before it uses them (compile_pack_search_trusted()), and the
 * warnings it recorded. Not covered: the recorded sources (a wrong mtime
 * only makes a start hash or parse the files).
 *
 * compile_set_key() sets it for the process (before any thread loads
 * courses); until it is set no pack is read from or written to a cache.
 */
void	compile_set_key(const unsigned char key[32]);

/*
 * Does pack 'p', opened from 'path', carry a valid keyed check (its
 * 'path'.mac)? 1 yes, 0 no (no key set, no sidecar, another key, another
 * record). The catalogue asks before reading a compiled pack's body.
 */
int	compile_pack_trusted(struct pack *p, const char *path);

/*
 * compile_pack_trusted(), and do the search tables of 'p' still hash to
 * what it recorded (pack.h pack_search_sum())? 1 yes, 0 no. The
 * catalogue asks before searching a compiled pack; on 0 it searches the
 * course's body instead. Reads the tables once.
 */
int	compile_pack_search_trusted(struct pack *p, const char *path);

/* What compile_load_dir() calls did, course by course (added up). */
struct compile_stats {
	size_t	hits;		/* pack used, files unchanged */
	size_t	verified;	/* files touched, same content: pack used */
	size_t	parsed;		/* parsed from YAML (no, stale or bad pack) */
	size_t	rejected;	/* packs found damaged or foreign */
	size_t	written;	/* packs written (or their sources updated) */
	size_t	write_failed;	/* packs that could not be written */
};

/*
 * 'dir' made if missing (mode 0700; its parent must exist) and safe to
 * trust: a real folder (not a link), ours, closed to group and others,
 * so no other user can put a crafted quiz there. Returns 'dir', or NULL
 * when it must not be used (everything is then parsed: only time lost).
 */
const char	*compile_dir_checked(const char *dir);

/*
 * Load course folder 'dir' (load_course_dir()'s contract: errors in 'd',
 * NULL when it has any) through its pack in 'cache_dir', which must have
 * passed compile_dir_checked() (NULL: parse, no pack). With 'head' the
 * course returned is the header (course.h) when it has a pack, else it is
 * whole. *pack gets the pack's path (malloc'd) when there is one, else
 * NULL. 'w' cuts the search words of a pack written. Warnings the files
 * gave are in 'd' either way. 'st' may be NULL.
 */
struct course	*compile_load_dir(const char *dir, const char *cache_dir,
		    struct text_wrapper *w, int head, char **pack,
		    struct diags *d, struct compile_stats *st);

/*
 * Give course 'c', read from the pack compiled from folder 'dir', that
 * folder and its modules their paths in it, as the loader does (a pack
 * keeps only the files' names).
 */
void		 compile_place(struct course *c, const char *dir);

/*
 * The pack's path for course folder 'dir' in 'cache_dir', written into
 * 'out' (for tests and tools). Returns 0, or -1 if it does not fit.
 */
int		 compile_path(const char *cache_dir, const char *dir,
		    char *out, size_t len);

#endif
