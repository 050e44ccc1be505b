#ifndef CATDB_KIT_H
#define CATDB_KIT_H

#include <stddef.h>
#include <stdint.h>

/*
 * What the reading (catdb.c) and the writing (catdb_build.c) of the
 * catalogue database must agree on: its format, the sums that bind it to
 * its index and to the install's key, and the search row of each course.
 * Not for code outside catdb*.c.
 */

struct catdb;
struct catindex_entry;
struct crypto_mac_state;
struct sqlite3;

/* Changed whenever what is stored or how it is cut into words changes. */
#define CATDB_FORMAT	"2"

/* 'dir'/'name', malloc'd. */
char		*catdb_kit_join(const char *dir, const char *name);

/* The SHA-256 of index text idx[0..len), in hex. */
void		 catdb_kit_index_sum(const char *idx, size_t len, char hex[65]);

/*
 * The keyed check: started with the format and the index's SHA-256, then
 * each row in order (its number, format and header record), then the
 * number of rows.
 */
void		 catdb_kit_mac_start(struct crypto_mac_state *m,
		    const unsigned char key[32], const char isum[65]);
void		 catdb_kit_mac_row(struct crypto_mac_state *m, size_t row,
		    int format, const void *rec, size_t len);
void		 catdb_kit_mac_hex(struct crypto_mac_state *m, size_t rows,
		    char hex[65]);

/*
 * The rowid of a course's row in the search table: 60 bits of its pack's
 * SHA-256 (the index line's). It follows the pack, not the line, so a
 * database made from the last one keeps the rows of unchanged courses
 * where they are, and is the same as one made from nothing; and the rows
 * a changed course had can never answer for its new version. Two lines
 * with one search row are refused (catdb_kit_docs_unique).
 */
int64_t		 catdb_kit_doc(const struct catindex_entry *en);

/* Are the n search rows in sorted v[] all different? */
int		 catdb_kit_docs_unique(const int64_t *v, size_t n);

/* The database's connection (borrowed), for catdb_build.c to copy. */
struct sqlite3	*catdb_kit_sqlite(struct catdb *db);

#endif
