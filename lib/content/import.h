#ifndef IMPORT_H
#define IMPORT_H

#include <stddef.h>

#include "base/diag.h"
#include "content/course.h"

/*
 * Question banks from other systems (GIFT, Aiken, Moodle XML) brought in
 * as a module file (docs/import.md). Each format has its own parser
 * (import_gift.c, import_aiken.c, import_mxml.c) that fills a struct
 * import with questions of the content model (course.h); one writer
 * (import_yaml.c) turns those into YAML in the documented course format.
 *
 * Parsers never stop at the first problem: malformed input goes to
 * 'errors' as file:line:col messages, questions that cannot be carried
 * over (essay, calculated, cloze, images, ...) to 'skipped' as file:line
 * messages, and parsing goes on with the next question.
 */

struct buf;

enum import_format {
	IMPORT_GIFT,
	IMPORT_AIKEN,
	IMPORT_MOODLE_XML,
	IMPORT_FORMAT_COUNT
};

/*
 * What a file held. Embedded: import_init() / import_release(). Owns its
 * arena (every string and array of the questions lives there), the
 * questions array and both message lists.
 */
struct import {
	struct arena	*arena;
	const char	*file;		/* the name used in messages; copied */
	const char	*category;	/* first category the file names, or NULL */
	struct question	*q;		/* in file order; ids set by import_ids */
	size_t		 n, cap;
	struct diags	 errors;	/* malformed input */
	struct diags	 skipped;	/* left out, with why (col 0) */
};

void	import_init(struct import *im, const char *file);
void	import_release(struct import *im);

/* "gift", "aiken" or "moodle-xml" to *out; -1 for anything else. */
int	import_format_parse(const char *name, enum import_format *out);
const char *import_format_name(enum import_format f);

/*
 * Parse 'len' bytes of 'buf' in format 'f' into 'im' (which may already
 * hold questions). Returns 0, or -1 when anything went to im->errors.
 * Invalid UTF-8 is an error at its place. Question ids are not unique
 * yet: call import_ids() once every file is parsed.
 */
int	import_parse(struct import *im, enum import_format f, const char *buf,
	    size_t len);
int	import_gift(struct import *im, const char *buf, size_t len);
int	import_aiken(struct import *im, const char *buf, size_t len);
int	import_mxml(struct import *im, const char *buf, size_t len);

/*
 * Make every question id unique and different from the 'ntaken' ids in
 * 'taken' (those of the course the module joins), in file order: the
 * second 'q1' becomes 'q1-2'. Ids come from question names, so importing
 * the same file again gives the same ids.
 */
void	import_ids(struct import *im, const char *const *taken, size_t ntaken);

/*
 * Append the module as YAML (docs/content-format.md) to 'out': module
 * 'id' with 'title', and one quiz 'quiz_id' holding every question.
 * Text is copied byte for byte. 'source' names the file in a comment.
 */
void	import_write_yaml(const struct import *im, const char *id,
	    const char *title, const char *quiz_id, const char *source,
	    struct buf *out);

/* For the parsers (import.c). */

/*
 * A new question of type 't' starting at 'line', its id derived from
 * 'name' (or from 'fallback', the prompt, when the name is empty or
 * NULL): ASCII letters and digits, lowercased, other runs as '-', else
 * 'q-' and 8 hex digits of the text's SHA-256. Borrowed from im.
 */
struct question	*import_add(struct import *im, enum qtype t, unsigned line,
		    const char *name, const char *fallback);
/* An id made from 'name' the way import_add() makes one; in im's arena. */
const char	*import_make_id(struct import *im, const char *name);
/* Drop the question import_add() returned last (it turned out bad). */
void	import_drop_last(struct import *im);
/* Add an error at line:col; returns -1. */
int	import_error(struct import *im, unsigned line, unsigned col,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Note a question or part left out at 'line' ("skipped ..." is added). */
void	import_skip(struct import *im, unsigned line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * A copy of 'len' bytes of 's' in im's arena: lines without spaces at
 * their ends, at most one blank line in a row, none at either end.
 */
char	*import_str(struct import *im, const char *s, size_t len);
/* Does the tag at s[0..len) (after '<') have the lowercase 'name'? */
int	import_tag_is(const char *s, size_t len, const char *name);
/* A language-neutral localised string (every language the same text). */
struct lstr	import_lstr(const char *s);
/*
 * Moodle's HTML question text as plain text in im's arena: tags dropped
 * (<p>, <br> and <li> end a line), entities decoded, spaces trimmed. Sets
 * *image when the text holds an <img> (which cannot be carried over).
 */
char	*import_html(struct import *im, const char *s, size_t len, int *image);
/* Check 'len' bytes of UTF-8; an error at the first bad byte; -1/0. */
int	import_check_utf8(struct import *im, const char *buf, size_t len);

#endif
