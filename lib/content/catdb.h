#ifndef CATDB_H
#define CATDB_H

#include <stddef.h>

/*
 * The catalogue database: one SQLite file, 'catalogue.db' beside the
 * index of an installed catalogue of packs (catindex.h), holding what a
 * start and a search need from every pack, so that neither opens one
 * SQLite file per course (docs/content-packs.md):
 *
 *   meta(key, value)    format (2), index-sha256 (of the index text it
 *                       was built for), mac
 *   course(row, format, head)
 *                       row i+1 is the course of the index's line i: its
 *                       pack's record format and header record, as the
 *                       pack keeps them
 *   search              FTS5 table (title, text), the same text and
 *                       tokenizer as each pack's search table; a course's
 *                       rowid is 60 bits of its pack's SHA-256, so it
 *                       follows the pack, not the line (format 1: the
 *                       row)
 *
 * It is a cache of the packs, made on this machine by `rianru update`
 * (catdb_build) and never trusted for more than they are:
 * - it is used only for the very index text it was built for (its
 *   SHA-256): an index switched without it, or a crash between the two
 *   renames, leaves a database that is ignored (the packs are read), so
 *   a reader sees the old catalogue or the new one, never a mix;
 * - a keyed check ('mac': BLAKE2b keyed with the install's cache key,
 *   compile.h) covers the index's SHA-256, every row's number and format
 *   and every header record: who can write the catalogue folder but not
 *   read the key cannot put in a header that is used;
 * - every header is decoded with every check of codec.h and validate.h
 *   and must be the course, version and content hash its index line
 *   names.
 * Not covered by the keyed check: the search table, which is as trusted
 * as the search tables of the installed packs it stands for (the packs
 * of an installed catalogue are trusted where they lie, their search
 * tables included; compiled packs in the cache are keyed, compile.h). It
 * only ever says which rows match: a search row is only ever looked up
 * among the headers read, and what is shown comes from the headers and
 * packs. A database made from the installed one carries its search
 * table over, rows of unchanged courses included.
 *
 * Written to a temporary name, synced and renamed: the file is old or
 * whole and new. It is opened read-only and immutable. When only some
 * courses changed, the new database is made from the one of the
 * installed index (checked as a reader checks it), reading only the
 * packs of the courses added, changed or gone: the same rows as a whole
 * build, in about the time it takes to read those packs.
 */

struct catdb;
struct catindex;
struct course;
struct err;
struct text_wrapper;

#define CATDB_NAME	"catalogue.db"

/*
 * The installed index a new database may be made from: its text
 * idx[0..len), parsed into 'ix' (borrowed).
 */
struct catdb_from {
	const char		*idx;
	size_t			 len;
	const struct catindex	*ix;
};

/* What catdb_build() did. */
struct catdb_stats {
	int		from_last;	/* made from the installed index's */
	size_t		packs;		/* packs read (header and body) */
	char		why[512];	/* why not from the installed one */
};

/*
 * Build 'dir'/catalogue.db for index text idx[0..len), parsed into 'ix',
 * keyed with 'key'. With 'from' (or NULL), from the database of that
 * installed index when it passes every check catdb_open() makes and
 * fewer packs are to be read than by a whole build: the search rows of
 * the courses gone or changed are taken out (their packs, still in
 * place, must be the files the old index names), and the packs of the
 * courses added or changed read. Else (st->why says why) from every pack
 * in 'dir' the index names. Each pack read, header and body, passes every
 * check; any that fails fails the build. 'w' cuts the search words (the
 * course's words set for each). 'st' (or NULL) says what was done.
 * Returns 0, or -1 with *e ('dir'/catalogue.db unchanged).
 */
int		 catdb_build(const char *dir, const char *idx, size_t len,
		    const struct catindex *ix, const struct catdb_from *from,
		    const unsigned char key[32], struct text_wrapper *w,
		    struct catdb_stats *st, struct err *e);

/*
 * Open 'dir'/catalogue.db for index text idx[0..len) parsed into 'ix',
 * check it with 'key' and decode every header. Returns the database
 * (catdb_close) holding ix->n headers, or NULL with *e when it is
 * missing, made for another index, damaged, keyed otherwise, or any
 * header fails a check: the caller then reads the packs.
 */
struct catdb	*catdb_open(const char *dir, const char *idx, size_t len,
		    const struct catindex *ix, const unsigned char key[32],
		    struct err *e);
void		 catdb_close(struct catdb *db);	/* NULL is fine */

/*
 * The header of row 'i' (the index's line i), given to the caller (who
 * frees it), or NULL when it was taken before or i is out of range. Its
 * 'dir' is its pack's path, as pack_header() makes it.
 */
struct course	*catdb_take_header(struct catdb *db, size_t i);

/*
 * Does 'query' (as typed) match the course of row 'i', whose header is
 * 'h' (its words cut the query)? The same answer as pack_search() on its
 * pack. One FTS5 query answers every row whose course has no words of
 * its own, and is kept for the next row asked with the same query.
 * 'w' is borrowed and must be the same for every call. 1 yes, 0 no, -1
 * with *e.
 */
int		 catdb_search(struct catdb *db, struct text_wrapper *w,
		    size_t i, const struct course *h, const char *query,
		    struct err *e);

#endif
