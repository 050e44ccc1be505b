#ifndef CCACHE_H
#define CCACHE_H

#include <stddef.h>

/*
 * The content cache: every course folder loaded from YAML is saved as one
 * binary file in a cache folder (the app uses $XDG_CACHE_HOME), so the next
 * start reads that file instead of parsing the course again.
 *
 * A cache file holds the course's model (struct course and everything
 * below it, with pointers stored as offsets) twice: its header (course.h)
 * and its whole body; the warnings its files gave; and the size and mtime
 * of each of its files (course.yaml and the module files) with the
 * SHA-256 content hash of the course (course->hash). Each part has its
 * own checksum, so a lazy catalogue reads only the header at start-up and
 * the body when the course is opened. The course's search words
 * (search.h) go to a second file beside it, written by the first search
 * of that content (catalog_search_doc), not at start-up: finding Thai
 * words in every page costs about as much as parsing the catalogue.
 *
 * When is a cache file used?
 * - every file has the recorded size and mtime, and none was modified
 *   within 2 seconds before the cache was made ("racy": the mtime clock
 *   may be too coarse to see an edit): yes, without reading the YAML;
 * - the sizes match but an mtime differs, or a file is racy: the files are
 *   hashed; the same content hash means yes (and the cache file is
 *   rewritten with the new mtimes), else the course is parsed again;
 * - a size differs or a file is gone: the course is parsed again.
 * A cache file that is truncated, corrupt (checksum), of another format
 * version or build (struct layout), or whose model fails the bounds and
 * range checks is never trusted: it is ignored and rebuilt. Courses with
 * errors are not cached (their problems are found again every time) and
 * their stale cache file is removed. Files are written to a temporary name
 * and renamed, so a reader sees an old file or a whole new one.
 *
 * Not covered: an edit that keeps a file's size and restores its mtime
 * (touch -d) is not seen, as with git's index.
 */

struct catalog;
struct course;
struct diags;
struct err;
struct search_doc;
struct text_wrapper;

/* What one catalog_add_path_cached_stats() call did, course by course. */
struct ccache_stats {
	size_t	hits;		/* read from the cache, files unchanged */
	size_t	verified;	/* files touched, same content: cache used */
	size_t	parsed;		/* parsed from YAML (no, stale or bad cache) */
	size_t	rejected;	/* cache files found corrupt or foreign */
	size_t	written;	/* cache files written */
	size_t	write_failed;	/* cache files that could not be written */
};

/*
 * Like catalog_add_path() (load.h), with course folders read through the
 * cache in 'cache_dir' (created with mode 0700 if missing; its parent must
 * exist). A 'cache_dir' that is a symbolic link, not ours, or open to
 * group or others is not used (as if NULL): anyone who can write there
 * could replace quizzes. Cache files are opened without following links,
 * and every model read back must keep the loader's rules (validate.h). 'cache_dir' NULL behaves as catalog_add_path(). The catalogue,
 * the messages in 'd' and their order are the same as without the cache;
 * a cache that cannot be read or written only costs time, never an error.
 * Returns -1 only when 'path' itself cannot be read.
 */
int	catalog_add_path_cached(struct catalog *cat, const char *path,
	    const char *cache_dir, struct diags *d);

/* The same, adding what happened to *st ('st' may be NULL). */
int	catalog_add_path_cached_stats(struct catalog *cat, const char *path,
	    const char *cache_dir, struct diags *d, struct ccache_stats *st);

/*
 * The app's catalogue: like catalog_add_path_cached_stats(), but every
 * course that is cached (or could be cached now) is kept as a header only
 * (course.h); a course whose cache file cannot be written stays whole.
 * The catalogue remembers 'cache_dir' to read bodies from. With
 * 'cache_dir' NULL it is catalog_add_path(): every course whole.
 */
int	catalog_add_path_lazy(struct catalog *cat, const char *path,
	    const char *cache_dir, struct diags *d, struct ccache_stats *st);

/*
 * The body of course 'i' of 'cat' (courses[i] itself when it is whole):
 * read from its cache file, else parsed from its files when they still
 * hold the content the header was made from (the cache file is written
 * again). The catalogue owns the body: it is valid until a later
 * catalog_open_course() releases it. At most CATALOG_OPEN bodies are kept,
 * the most recently opened ones; opening an open course again is cheap
 * and returns the same pointer. On failure (files changed or gone, errors
 * in them) returns NULL with *e saying which course and why; the header
 * stays usable.
 */
const struct course *catalog_open_course(struct catalog *cat, size_t i,
		    struct err *e);

/*
 * A new search document (search.h) for course 'i' of 'cat', for the
 * caller to free. For a header: from the words file beside its cache file
 * when there is a good one for this content; else the words of its body
 * (an open one, or read as by catalog_open_course() but not kept, so the
 * open bodies stay as they are), saved to that file for the next search.
 * For a whole course: built from it. NULL with *e on failure (the body
 * cannot be read).
 */
struct search_doc *catalog_search_doc(const struct catalog *cat, size_t i,
		    struct text_wrapper *w, struct err *e);

/*
 * Load the course folder 'dir' through the cache: load_course_dir() with
 * the cache. Same contract as load_course_dir(); 'st' may be NULL.
 */
struct course	*ccache_load_dir(const char *dir, const char *cache_dir,
		    struct diags *d, struct ccache_stats *st);

/*
 * The cache file's path for course folder 'dir' in 'cache_dir', written
 * into 'out' (for tests and tools). Returns 0, or -1 if it does not fit.
 */
int	ccache_path(const char *cache_dir, const char *dir, char *out,
	    size_t len);

#endif
