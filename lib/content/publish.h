#ifndef PUBLISH_H
#define PUBLISH_H

#include <stdint.h>

/*
 * Publishing a catalogue as content packs (`rianru pack`): one pack per
 * course (pack.h) and a signed index (catindex.h) in one folder, ready to
 * be copied to any web server or a USB stick.
 */

struct catalog;
struct err;
struct sign_secret;
struct text_wrapper;

struct publish_opts {
	const char	*catalogue;	/* id; NULL: the previous one, else
					 * "rianru" */
	uint64_t	 sequence;	/* 0: the previous one + 1 */
};

struct publish_stats {
	uint64_t	sequence;	/* what the index got */
	unsigned	written;	/* packs made */
	unsigned	kept;		/* packs of unchanged courses kept */
	unsigned	removed;	/* packs no course needs any more */
};

/*
 * Publish every course of 'cat' (whole courses, as the loader made them)
 * into folder 'dir' (created if missing), signed with 'sec'. A course
 * whose content hash is the one of the previous index in 'dir' keeps its
 * pack file and its SHA-256, so a machine updating downloads only what
 * changed. The sequence number grows past the previous index's; a
 * requested one that does not is refused. The index is written last
 * (signature first), each file atomically; packs no longer named are
 * removed afterwards. Returns 0, or -1 with *e ('dir' keeps a whole old
 * or a whole new index).
 */
int	publish_catalogue(const struct catalog *cat, const char *dir,
	    const struct sign_secret *sec, const struct publish_opts *o,
	    struct text_wrapper *w, struct publish_stats *st, struct err *e);

#endif
