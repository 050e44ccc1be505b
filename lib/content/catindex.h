#ifndef CATINDEX_H
#define CATINDEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * The signed index of a catalogue of content packs (docs/content-packs.md):
 * a text file 'index' and its minisign signature 'index.minisig'.
 *
 *   rianru-catalogue 1
 *   catalogue ID
 *   sequence N
 *   date YYYY-MM-DDTHH:MM:SSZ
 *   course ID VERSION CONTENT-HASH PACK-SHA256 SIZE FILE
 *   ...
 *
 * The sequence number only grows: a machine refuses an index whose
 * number is below the one it installed (a replay or a downgrade), without
 * needing a clock. The signature's trusted comment repeats the catalogue
 * id and sequence ("rianru-catalogue ID sequence N"), so `minisign -V`
 * shows them. A pack is trusted only when its bytes have the SHA-256 and
 * size that a verified index gives.
 */

struct buf;
struct err;
struct sign_pub;
struct sign_secret;

#define CATINDEX_MAX_BYTES	(4u << 20)	/* an index larger is refused */
#define CATINDEX_MAX_PACK	(1ull << 30)	/* a pack larger is refused */

struct catindex_entry {
	char		*id;
	char		*version;
	char		 hash[65];	/* the course's content hash */
	char		 sha256[65];	/* of the pack file */
	uint64_t	 size;		/* of the pack file, bytes */
	char		*file;		/* a plain file name */
};

/* Embedded: catindex_init() / catindex_release(); it owns its strings. */
struct catindex {
	char			*catalogue;
	uint64_t		 sequence;
	char			 date[24];
	struct catindex_entry	*v;
	size_t			 n, cap;
};

void	catindex_init(struct catindex *ix);
void	catindex_release(struct catindex *ix);

/* Add an entry (strings copied). */
void	catindex_add(struct catindex *ix, const char *id, const char *version,
	    const char *hash, const char *sha256, uint64_t size,
	    const char *file);

/* The entry of course 'id', or NULL (borrowed). */
const struct catindex_entry *catindex_find(const struct catindex *ix,
	    const char *id);

/* Append the index file's text to 'out'. */
void	catindex_format(const struct catindex *ix, struct buf *out);

/*
 * Parse index text s[0..len) into 'ix' (initialised by the caller; on
 * failure it is released). Every field is checked: ids, versions, hex
 * hashes, sizes, file names without '/', no course twice. Returns 0, or
 * -1 with *e saying which line is wrong. An unsigned index is never to
 * be trusted: use catindex_verify() for what comes from outside.
 */
int	catindex_parse(const char *s, size_t len, struct catindex *ix,
	    struct err *e);

/*
 * Sign index 'ix': its text goes to 'index' and its signature file to
 * 'sig'. Returns 0, or -1 with *e.
 */
int	catindex_sign(const struct catindex *ix, const struct sign_secret *sec,
	    struct buf *index, struct buf *sig, struct err *e);

/*
 * Verify signature 'sig' of index text s[0..len) with 'pub', then parse
 * it into 'ix' and check that the trusted comment names the same
 * catalogue and sequence. Returns 0, or -1 with *e ('ix' released).
 */
int	catindex_verify(const struct sign_pub *pub, const char *s, size_t len,
	    const char *sig, size_t siglen, struct catindex *ix,
	    struct err *e);

/* A pack file name for a course: ID.HASH16.pack, into 'out'. */
void	catindex_pack_name(const char *id, const char *hash, char *out,
	    size_t len);

#endif
