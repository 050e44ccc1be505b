#ifndef LOAD_H
#define LOAD_H

#include <stddef.h>

/*
 * Content loading: YAML files -> struct course (course.h), with every
 * problem of every file added to a struct diags as path:line:col messages.
 * A course with an error is not returned (the caller lists it as skipped);
 * warnings (a missing translation) do not stop it.
 */

struct course;
struct diags;

/*
 * Load the course in folder 'dir' (its course.yaml and module files).
 * Returns a new course the caller frees with course_free(), or NULL when
 * any error was found (all of them are in 'd').
 */
struct course	*load_course_dir(const char *dir, struct diags *d);

/*
 * Load one module file as a course of one module (trainer preview and
 * `rianru check FILE`). Same ownership and errors as load_course_dir().
 */
struct course	*load_module_file(const char *path, struct diags *d);

/*
 * The same from memory, for tests and the fuzzers. 'name' is the path
 * used in messages. load_course_mem() checks course.yaml alone (module
 * files are not read).
 */
struct course	*load_course_mem(const char *name, const char *buf, size_t len,
		    struct diags *d);
struct course	*load_module_mem(const char *name, const char *buf, size_t len,
		    struct diags *d);

/* A course folder that could not be loaded, and the first reason. */
struct catalog_skip {
	char	*dir;
	char	*reason;	/* "path:line:col: message" */
};

/* Course bodies a lazy catalogue keeps open: the open one and the last. */
#define CATALOG_OPEN	2

/*
 * Every course the app can offer. Owns its courses (course_free) and the
 * skip list. In a lazy catalogue (ccache.h catalog_add_path_lazy) courses
 * are headers (course.h) and the bodies opened with catalog_open_course()
 * are owned here too, at most CATALOG_OPEN of them.
 */
struct catalog {
	struct course		**courses;
	size_t			  n, cap;
	struct catalog_skip	 *skipped;
	size_t			  nskipped;
	size_t			  nfiles;	/* YAML files read */
	char			 *cache_dir;	/* lazy: bodies' cache; owned */
	struct course		 *open[CATALOG_OPEN];	/* most recent first */
	size_t			  open_at[CATALOG_OPEN];	/* their index */
};

struct catalog	*catalog_new(void);
void		 catalog_free(struct catalog *cat);	/* NULL is fine */

/*
 * Add what 'path' holds to 'cat': a catalogue folder (one course per
 * sub-folder with a course.yaml), a course folder, a course.yaml, or a
 * single module file. Problems go to 'd'; broken courses are recorded in
 * cat->skipped. A course id seen before is an error for the second
 * course. Returns -1 only when 'path' itself cannot be read.
 */
int		 catalog_add_path(struct catalog *cat, const char *path,
		    struct diags *d);

/*
 * The same, with 'load_dir' loading each course folder instead of
 * load_course_dir() (it has the same contract; 'ctx' is passed through).
 * The content cache (ccache.h) uses it; single module files are always
 * loaded with load_module_file().
 */
int		 catalog_add_path_with(struct catalog *cat, const char *path,
		    struct course *(*load_dir)(void *ctx, const char *dir,
		    struct diags *d), void *ctx, struct diags *d);

/* The course with 'id', or NULL (borrowed). */
struct course	*catalog_find(const struct catalog *cat, const char *id);

#endif
