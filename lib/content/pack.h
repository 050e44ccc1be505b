#ifndef PACK_H
#define PACK_H

#include <stddef.h>

/*
 * A content pack: one course as one SQLite file (docs/content-packs.md),
 * so an officer's machine never parses YAML nor builds a search index.
 *
 *   pack(key, value)   format (1), course id, version, content hash,
 *                      made (UTC date)
 *   course(head, body) one row: the header record and the whole-course
 *                      record of codec.h
 *                      head-sha256, body-sha256 (of the records: damage
 *                      inside them is seen even where SQLite reads on)
 *   search             FTS5 table (title, text) of the course in both
 *                      languages, one row, tokenised by "rianru_thai"
 *                      (words as libthai cuts them, after normalising)
 *   place              FTS5 table (kind, module, item unindexed; text)
 *                      with the text of each place of the course
 *                      (place.h), in course order, so search can show
 *                      where it found the words; packs written before
 *                      it have none and still read
 *
 * Packs are written once and never changed: a new version is a new file.
 * They are opened read-only and immutable (no locks, no journal). What a
 * pack holds is never trusted: the records are decoded with every check
 * of codec.h and validate.h, and a pack's bytes are trusted only through
 * a signed index (catindex.h) that names its SHA-256.
 */

#include <stdint.h>

#include "base/diag.h"

struct buf;
struct course;
struct err;
struct pack;
struct sqlite3;
struct text_wrapper;

/*
 * Write course 'c' (whole, as the loader made it) as a pack at 'path':
 * built in 'path'.tmp, synced, then renamed, so 'path' is the old file or
 * the whole new one. 'w' cuts the search words. Returns 0, or -1 with *e.
 */
int	pack_write(const char *path, const struct course *c,
	    struct text_wrapper *w, struct err *e);

/*
 * What a pack compiled on this machine from a YAML course folder records
 * about its sources (content/compile.h), so that the next start can tell
 * without reading them whether they changed: the folder, each file's
 * size and mtime, the warnings loading gave, and the time before the
 * files were read. Embedded; pack_src_release() frees what it holds.
 * Published packs have none.
 */
struct pack_file {
	char		*name;		/* relative to the course folder */
	uint64_t	 size;
	int64_t		 mtime_sec, mtime_nsec;
};

struct pack_src {
	char		*dir;
	struct pack_file *files;
	size_t		 nfiles;
	struct diags	 warnings;
	int64_t		 loaded_sec, loaded_nsec;
};

void	pack_src_release(struct pack_src *src);	/* then empty again */

/*
 * pack_write() recording 'src' too (NULL: none), in tables src_file and
 * src_warning and the keys src-dir and src-loaded.
 */
int	pack_write_src(const char *path, const struct course *c,
	    struct text_wrapper *w, const struct pack_src *src,
	    struct err *e);

/*
 * Replace the sources recorded in the pack at 'path' with 'src' (new
 * mtimes after the files were found unchanged): a copy is changed and
 * renamed over 'path'. Returns 0, or -1 with *e.
 */
int	pack_src_update(const char *path, const struct pack_src *src,
	    struct err *e);

/*
 * Read the sources recorded in 'p' into *src (the caller releases it).
 * Returns 0, or -1 with *e when it has none or they are damaged (*src
 * empty).
 */
int	pack_src_read(struct pack *p, struct pack_src *src, struct err *e);

/*
 * Open the pack at 'path' read-only. Returns a pack the caller closes
 * with pack_close(), or NULL with *e (not a pack, another format, cannot
 * be read).
 */
struct pack	*pack_open(const char *path, struct err *e);
void		 pack_close(struct pack *p);	/* NULL is fine */

/* What the pack table says (borrowed, valid until pack_close). */
const char	*pack_course_id(const struct pack *p);
const char	*pack_version(const struct pack *p);
const char	*pack_hash(const struct pack *p);
/*
 * The SHA-256 (hex) the pack keeps of its header ('head') or body record,
 * which pack_header() and pack_body() check the record against; NULL when
 * it keeps none. Borrowed, valid until pack_close.
 */
const char	*pack_record_sum(const struct pack *p, int head);

/*
 * The SHA-256 (hex, into 'hex') of what a search of pack 'p' reads: the
 * schema of its search and place tables and every row of the tables
 * SQLite keeps their index and text in, byte for byte. Returns 0, or -1
 * with *e. A pack compiled on this machine records it when written
 * (pack_search_recorded(); published packs record none), so the keyed
 * check of compile.h covers the search tables without reading them at
 * every start: a search compares the two first.
 */
int		 pack_search_sum(struct pack *p, char hex[65], struct err *e);
const char	*pack_search_recorded(const struct pack *p);	/* or NULL */

/*
 * The SHA-256 (hex) of the warnings a compiled pack records (pack_src
 * 'warnings', in order; none: the hash of nothing), which are shown at
 * each start. Returns 0, or -1 with *e.
 */
int		 pack_warnings_sum(struct pack *p, char hex[65], struct err *e);

/*
 * The course header (course.h) or the whole course from the pack, as a
 * new course the caller frees with course_free(); its 'dir' is the
 * pack's path. NULL with *e when the record is damaged or breaks a rule
 * of the loader (validate.h).
 */
struct course	*pack_header(struct pack *p, struct err *e);
struct course	*pack_body(struct pack *p, struct err *e);

/*
 * Does 'query' (as typed) match the course? Query words are normalised
 * and cut like the course's; each must begin a word of the course, and
 * words typed together must stand together in it. 1 yes, 0 no, -1 with
 * *e. 'w' is borrowed and must be the same for every call on 'p'. An
 * empty query matches.
 */
int		 pack_search(struct pack *p, struct text_wrapper *w,
		    const char *query, struct err *e);

/*
 * The FTS5 query for 'query' (what pack_search() runs), into a new
 * string the caller frees; NULL when the query has no words.
 */
char		*pack_fts_query(struct text_wrapper *w, const char *query);

/*
 * What the search table of a pack holds for course 'c' (whole): the title
 * and summary appended to 'title', the modules' and pages' titles and
 * texts to 'text', each language's on a line of its own. The catalogue
 * database (catdb.h) indexes the same.
 */
void		 pack_search_text(const struct course *c, struct buf *title,
		    struct buf *text);

/*
 * Register the tokenizer of packs' FTS5 tables ("rianru_thai") on 'db'
 * with wrapper 'w' (borrowed: it must outlive 'db', and the words it uses,
 * text_wrapper_use_words(), are those the text is cut with). Returns 0,
 * or -1 with *e (no FTS5).
 */
int		 pack_fts_register(struct sqlite3 *db, struct text_wrapper *w,
		    struct err *e);

/*
 * 'path' as an SQLite URI filename opening it immutable
 * (file:PATH?immutable=1, escaped), malloc'd: for files that are only
 * ever replaced by a rename, never changed.
 */
char		*pack_sqlite_uri(const char *path);

/*
 * The value of 'key' in the key/value table 'table' (key TEXT PRIMARY
 * KEY, value TEXT) of 'db': a pack's "pack" table, the catalogue
 * database's "meta" (catdb.h). Malloc'd; NULL when the table, the key or
 * its value is missing.
 */
char		*pack_sqlite_value(struct sqlite3 *db, const char *table,
		    const char *key);

/* The format of the pack's records (codec_decode_format()). */
int		 pack_format(const struct pack *p);

/*
 * Append the header ('head') or body record of 'p' as stored to 'out',
 * after checking it against the SHA-256 the pack keeps of it. Not decoded
 * nor checked against the loader's rules: whoever uses it decodes it with
 * codec_decode_format(). Returns 0, or -1 with *e.
 */
int		 pack_record_raw(struct pack *p, int head, struct buf *out,
		    struct err *e);

/*
 * Does 'p' have the place table (packs written before it have not)?
 */
int		 pack_has_places(struct pack *p);

/*
 * The places of the course where 'query' is found (place.h): those with
 * every word, or when none has, those with some; at most 'max', in course
 * order, into a new array *out (place_hits_free) of *n. Module and item
 * indexes are as the pack says: check them against the course before
 * use. 0 (none when the pack has no place table), or -1 with *e.
 */
struct place_hit;
int		 pack_places(struct pack *p, struct text_wrapper *w,
		    const char *query, size_t max, struct place_hit **out,
		    size_t *n, struct err *e);

#endif
