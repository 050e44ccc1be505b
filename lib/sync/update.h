#ifndef UPDATE_H
#define UPDATE_H

#include <stddef.h>
#include <stdint.h>

#include "content/catdb.h"

/*
 * Content updates: a signed catalogue of packs (content/catindex.h,
 * docs/content-packs.md) fetched from a web server (any static one: the
 * index, its signature and ID.HASH16.pack files under one address) or a
 * folder (a USB stick), verified, and installed into the machine's
 * catalogue folder, which the app and the commands then open as their
 * content.
 *
 * One run: fetch 'index' and 'index.minisig'; verify the signature with
 * the agency's public key; refuse a catalogue of another id, or a
 * sequence number below the installed one (a replay or a downgrade: no
 * clock needed); for each course whose pack is not installed with the
 * SHA-256 the index names, fetch it into 'partial/' (over HTTP a cut
 * download is resumed with Range on the next run), check its size and
 * SHA-256, and move it in; then write the signature and, last, the index:
 * the rename of the index is the switch from the old catalogue to the new
 * one, so a reader sees one or the other, never a mix (packs are named by
 * content and never rewritten). Packs the new index no longer names are
 * removed after the switch, except a pack an open attempt pins (below).
 * Any failure leaves the installed index as it was. What happened is
 * kept in 'status' beside the index. Two runs on one folder at once (the
 * app's and a command's) are refused: 'lock' beside the index is held
 * (flock) for the whole run.
 *
 * Pinned packs: an attempt keeps the content hash it was started on. A
 * pack the new index no longer names whose course and hash an open
 * attempt pins (update_opts.pins: store_attempt_pins()) is moved to 'kept/' under the name
 * ID.HASH16.pack (catindex_pack_name), where catalog_open_version()
 * finds it; every run removes from 'kept/' the packs no open attempt
 * pins any more, or that the index names again.
 */

struct buf;
struct err;
struct store_pin;		/* store/store_event.h */

struct update_opts {
	const char		*source;	/* https://.../ or a folder */
	const char		*pubkey;	/* minisign public key file */
	const char		*dest;		/* the installed catalogue */
	const char		*ca_file;	/* NULL: the system's CAs */
	const struct store_pin	*pins;		/* borrowed; may be NULL */
	size_t			 npins;
};

struct update_stats {
	uint64_t		from_seq;	/* installed before; 0 none */
	uint64_t		to_seq;
	unsigned		fetched, kept, removed;
	unsigned long long	bytes;		/* received, index included */
	unsigned		kept_pinned;	/* packs in kept/ after the run */
	int			current;	/* already installed: nothing */
	int			reached;	/* the source's index was read */
	int			online;		/* ... from a web address: the
						 * network is up */
	int			busy;		/* another run holds the lock */
	struct catdb_stats	catdb;		/* the catalogue database */
};

/*
 * content-source may name several places (a USB stick's folder and the
 * agency's web address): the first folder that holds an 'index' is
 * used, else the first web address, else the first source (so that the
 * message names the missing folder). Returns one of v[] (borrowed), or
 * NULL when n is 0.
 */
const char	*update_source_pick(const char *const *v, size_t n);

/*
 * Run one update. Returns 0 (installed, or already current), or -1 with
 * *e; 'st' says what was done either way. The status file is written in
 * both cases.
 */
int	update_run(const struct update_opts *o, struct update_stats *st,
	    struct err *e);

/*
 * Append to 'out' what `rianru update --status` prints for catalogue
 * folder 'dest': installed catalogue, sequence and date, source, last
 * check, last error. Returns 0, or -1 with *e when nothing is installed
 * and no update was ever tried.
 */
int	update_status(const char *dest, struct buf *out, struct err *e);

#endif
