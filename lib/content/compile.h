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
 * A pack that cannot be opened, was made for another folder, or whose
 * records fail their checksums, the codec's checks or the loader's rules
 * (validate.h) is never trusted: it is ignored and rebuilt. Courses with
 * errors are not compiled (their problems are found again every time)
 * and their stale pack is removed. Packs are written to a temporary name
 * and renamed, so a reader sees an old file or a whole new one.
 *
 * Not covered: an edit that keeps a file's size and restores its mtime
 * (touch -d) is not seen, as with git's index.
 */

struct course;
struct diags;
struct text_wrapper;

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
