#ifndef CATALOG_H
#define CATALOG_H

#include <stddef.h>

/*
 * The catalogue: every course the app and the commands can offer, from
 * one content path. What a catalogue is given may hold
 * - content packs (pack.h): a folder of them with its index (what
 *   `rianru pack` writes and `rianru update` installs), or one .pack file;
 * - YAML: a catalogue folder (one course per sub-folder with a
 *   course.yaml), a course folder, a course.yaml, or one module file.
 * A lazy catalogue (catalog_add_path_lazy, the app's) holds course headers
 * (course.h) read from packs, with YAML folders compiled to packs in a
 * private cache first (compile.h); bodies are read from the pack when a
 * course is opened, and search runs in the pack's FTS5 index. A folder of
 * packs with a valid catalogue database (catdb.h: the cache key must be
 * set, compile_set_key) gives its headers and its search from that one
 * file instead, and its packs are opened only for bodies and places. A whole
 * catalogue (catalog_add_path, the commands') holds whole courses.
 */

struct catdb;
struct course;
struct compile_stats;
struct diags;
struct err;
struct pack;
struct search_doc;
struct text_wrapper;

/* A course folder or pack that could not be loaded, and the first reason. */
struct catalog_skip {
	char	*dir;
	char	*reason;	/* "path:line:col: message" */
};

/* Course bodies a lazy catalogue keeps open: the open one and the last. */
#define CATALOG_OPEN	2

/* Per course, beside the course itself: where it comes from. */
struct catalog_entry {
	char			*pack;	/* its pack's path, or NULL: whole */
	struct pack		*open;	/* opened on demand, for search */
	struct search_doc	*doc;	/* a whole course's search words */
	struct catdb		*db;	/* its catalogue database (catdb.h),
					 * or NULL: search opens the pack */
	size_t			 row;	/* its row in 'db' */
};

/*
 * Owns its courses (course_free), their entries and the skip list. In a
 * lazy catalogue courses with a pack are headers and the bodies opened
 * with catalog_open_course() are owned here too, at most CATALOG_OPEN.
 */
struct catalog {
	struct course		**courses;
	struct catalog_entry	 *entry;	/* parallel to courses */
	size_t			  n, cap;
	struct catalog_skip	 *skipped;
	size_t			  nskipped;
	size_t			  nfiles;	/* YAML files or packs read */
	char			 *cache;	/* lazy: where YAML compiles */
	struct text_wrapper	 *w;		/* lazy: borrowed */
	struct course		 *open[CATALOG_OPEN];	/* most recent first */
	size_t			  open_at[CATALOG_OPEN];	/* their index */
	struct course		**pinned;	/* older versions opened */
	size_t			  npinned;
	struct catdb		**dbs;		/* catalogue databases read */
	size_t			  ndbs;
	/*
	 * Searches, place lookups and bodies read so far: the app checks
	 * with it that drawing a screen reads nothing from the packs.
	 */
	unsigned long		  lookups;
};

struct catalog	*catalog_new(void);
void		 catalog_free(struct catalog *cat);	/* NULL is fine */

/*
 * Add what 'path' holds (see above) to 'cat' as whole courses. Problems
 * go to 'd'; broken courses and packs are recorded in cat->skipped. A
 * course id seen before is an error for the second course. Returns -1
 * only when 'path' itself cannot be read.
 */
int		 catalog_add_path(struct catalog *cat, const char *path,
		    struct diags *d);

/*
 * The same as headers: packs are opened where they are; YAML course
 * folders are compiled to packs in 'cache_dir' (compile.h: created 0700
 * if missing; one that is a link, not ours or open to others is not
 * used) and kept as headers of those packs. A course whose pack cannot be
 * written, single module files, and every course when 'cache_dir' is NULL
 * or refused stay whole. 'w' cuts the words of packs written. The
 * catalogue, the messages in 'd' and their order are the same as with
 * catalog_add_path(). What the cache did is added to *st (may be NULL).
 */
int		 catalog_add_path_lazy(struct catalog *cat, const char *path,
		    const char *cache_dir, struct text_wrapper *w,
		    struct diags *d, struct compile_stats *st);

/* The course with 'id', or NULL (borrowed). */
struct course	*catalog_find(const struct catalog *cat, const char *id);

/*
 * The body of course 'i' of 'cat' (courses[i] itself when it is whole),
 * read from its pack; when the pack is gone or damaged, from its YAML
 * folder if that still holds the content the header was made from. The
 * catalogue owns the body: it is valid until a later
 * catalog_open_course() releases it. At most CATALOG_OPEN bodies are
 * kept, the most recently opened ones; opening an open course again is
 * cheap and returns the same pointer. On failure returns NULL with *e
 * saying which course and why; the header stays usable.
 */
const struct course *catalog_open_course(struct catalog *cat, size_t i,
		    struct err *e);

/*
 * Does 'query' (as typed) match course 'i' (search.h: every query word
 * begins a word of the course, words typed together stand together)? A
 * course with a pack is searched in its FTS5 index, a whole one in words
 * made once and kept. 'w' must be the same for every call. 1 yes, 0 no,
 * -1 with *e (the pack cannot be read).
 */
int		 catalog_search(struct catalog *cat, size_t i,
		    struct text_wrapper *w, const char *query, struct err *e);

/*
 * Where in course 'i' 'query' is found (place.h): the places holding
 * every word, or when none does, those holding some; at most 'max', in
 * course order, into a new array *out of *n (place_hits_free). Read from
 * the pack's place table, or from the course itself (a whole course, a
 * pack written before that table). Indexes are checked against the
 * course. 0, or -1 with *e (the pack cannot be read; nothing in *out).
 */
struct place_hit;
int		 catalog_hits(struct catalog *cat, size_t i,
		    struct text_wrapper *w, const char *query, size_t max,
		    struct place_hit **out, size_t *n, struct err *e);

/*
 * The body of version 'hash' (a content hash) of course 'i': the course's
 * own body when 'hash' is its current version, else an older version an
 * open attempt pinned, from the pack a content update kept for it
 * (sync/update.h: 'kept/' beside the course's pack, named
 * ID.HASH16.pack), read and checked to be that version. Older versions
 * stay open (owned here) until the catalogue is freed. On failure (no
 * such pack: a YAML course, or one that was never kept) returns NULL
 * with *e.
 */
const struct course *catalog_open_version(struct catalog *cat, size_t i,
		    const char *hash, struct err *e);

/* What changed from one catalogue to the next, by course id and hash. */
struct catalog_diff {
	unsigned	updated;	/* the same id, another content hash */
	unsigned	added;		/* an id 'from' does not have */
	unsigned	removed;	/* an id 'to' no longer has */
};
void		 catalog_diff(const struct catalog *from,
		    const struct catalog *to, struct catalog_diff *d);

#endif
