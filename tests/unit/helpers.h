#ifndef TESTS_HELPERS_H
#define TESTS_HELPERS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * Helpers the unit tests share (tests/unit/helpers.c, linked into every
 * test binary). They are for Criterion tests: whatever goes wrong fails
 * the test with an assertion, so none of them returns an error.
 */

struct buf;
struct catalog;
struct course;
struct sign_secret;
struct store;
struct store_officer;
struct text_wrapper;
struct text_wrapper;

/*
 * Make a new folder /tmp/rianru-NAME-XXXXXX and write its path into
 * dir[size]. Remove it with tmp_dir_remove().
 */
void		 tmp_dir_make(char *dir, size_t size, const char *name);
/* Remove folder 'dir' and everything in it. */
void		 tmp_dir_remove(const char *dir);

/* Write 'text' to the file 'dir'/'name' (created or replaced). */
void		 write_file(const char *dir, const char *name,
		     const char *text);

/*
 * One integer from 'sql' run directly on the SQLite file at 'path' (read
 * only), or -999 when it gives no row.
 */
long long	 sql_int(const char *path, const char *sql);
/* Run 'sql' (one or more statements) directly on the file at 'path'. */
void		 sql_run(const char *path, const char *sql);

/*
 * Append to 'out' all that the catalogue database at 'path' (catdb.h)
 * holds, in order: its meta table, its course rows, and every word its
 * search table keeps (term, search row, column, offset; read through an
 * fts5vocab table with 'w' as the tokenizer's wrapper). Two databases
 * with the same content give the same bytes.
 */
void		 catdb_dump(const char *path, struct text_wrapper *w,
		     struct buf *out);

/*
 * Load a module's YAML text 'yaml' as a course named 'name' for messages;
 * asserts that it loads without an error (problems are printed to
 * stderr). The caller frees it with course_free().
 */
struct course	*load_module_ok(const char *name, const char *yaml);
/* The same for the course folder at 'path' (course.yaml and modules). */
struct course	*load_course_dir_ok(const char *path);

/*
 * Publish the courses below each folder of 'dirs' (NULL-terminated) into
 * 'site', signed with 'sec', as catalogue "test" with 'sequence' (0: the
 * previous one + 1); asserts that they load and publish.
 */
void		 publish_ok(const char *const *dirs, const char *site,
		     const struct sign_secret *sec, uint64_t sequence,
		     struct text_wrapper *w);
/*
 * The catalogue installed in 'dir' as the app loads it (headers, packs
 * opened lazily); asserts that it loads without an error. The caller
 * frees it with catalog_free().
 */
struct catalog	*catalog_load_ok(const char *dir, struct text_wrapper *w);

/*
 * Open (or create) the progress file at 'path'; asserts that it opens.
 * The caller closes it with store_close().
 */
struct store	*store_open_ok(const char *path);

/*
 * Add an officer to 'st' at 'now' as *o (cleared first) with 'code',
 * 'name', 'group' and 'agency' (NULL: none); asserts that it is added.
 * Returns its id (o->id).
 */
int64_t		 officer_add_ok(struct store *st, struct store_officer *o,
		     const char *code, const char *name, const char *group,
		     const char *agency, time_t now);

#endif
