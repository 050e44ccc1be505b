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

#endif
