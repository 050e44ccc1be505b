#ifndef LRS_VERIFY_H
#define LRS_VERIFY_H

#include <stddef.h>

/*
 * A certificate's record checked against the agency's LRS, its source of
 * truth (`rianru verify CODE --lrs`, docs/sync.md). One query, followed
 * through 'more': GET statements?agent=<the officer>&activity=<the course>
 * &related_activities=true. Of what comes back it keeps the course's
 * completions (verb completed, object the course) and the best scaled
 * score of each quiz of the course (verbs passed, failed, completed with
 * result.score.scaled), then compares them with the certificate: a
 * completion at the same second, of the same content version, crediting
 * the same hours, and the same mean of best quiz scores (as lib/report/
 * cert computes it).
 */

struct err;
struct store_cert;
struct transport;

/* What the LRS holds about one certificate's record. */
struct lrs_cert {
	int	found;		/* a completion at the certificate's time */
	int	completions;	/* completions of the course, any time */
	double	hours;		/* credited by the found one; -1 = none */
	char	version[64];	/* its content version; "" = none */
	double	score;		/* mean of the best per quiz; -1 = none */
	size_t	seen;		/* statements read */
};

/*
 * Ask through 't' (borrowed; blocking, at most 'max_seconds') what the LRS
 * holds for certificate 'sc' of the officer whose account is 'homepage'
 * + sc->officer_code, activities under 'activity_base'. Returns 0 and
 * *out, or -1 and *e (unreachable, refused, a bad answer): *offline is
 * set when the LRS could not be reached or was busy.
 */
int	lrs_cert_fetch(const struct transport *t, const char *homepage,
	    const char *activity_base, const struct store_cert *sc,
	    int max_seconds, struct lrs_cert *out, int *offline,
	    struct err *e);

/*
 * Whether 'got' confirms 'sc': 0, or 1 and *e saying the first thing
 * that differs.
 */
int	lrs_cert_compare(const struct store_cert *sc, const struct lrs_cert *got,
	    struct err *e);

#endif
