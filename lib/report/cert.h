#ifndef CERT_H
#define CERT_H

#include <stddef.h>
#include <time.h>

#include "store/store_officer.h"
#include "store/store_log.h"

/*
 * Certificates of completion: a self-contained printable HTML page in
 * Thai and English (no external resources, A4 landscape), and a short
 * verification code derived from the record, so `rianru verify CODE` on
 * the issuing machine can tell a real certificate from an edited one.
 *
 * The code is "RNR-" and 8 characters of Crockford's base 32 (no I, L, O,
 * U) in two groups: the first 40 bits of SHA-256 over the per-install
 * secret (store_secret()), the officer code, the course id, the course
 * version and the completion time. The same record always gives the same
 * code; another install, officer, course, version or completion time
 * gives another.
 */

struct buf;
struct course;
struct err;

#define CERT_CODE_LEN	13	/* "RNR-XXXX-XXXX" */

/* Write the code of a record into 'out' (always NUL-terminated). */
void	cert_code(const char *secret, const char *officer_code,
	    const char *course_id, const char *version, time_t completed,
	    char out[CERT_CODE_LEN + 1]);

/*
 * Read a code as a person may type it: any case, with or without the
 * "RNR" prefix and dashes, spaces ignored, O read as 0 and I, L as 1.
 * Writes the canonical form to 'out'. Returns 0, or -1 when it is not a
 * code.
 */
int	cert_code_parse(const char *in, char out[CERT_CODE_LEN + 1]);

/* A certificate as printed. */
struct cert {
	struct store_officer	 officer;
	const struct course	*course;	/* borrowed */
	time_t			 completed;
	time_t			 issued;	/* first issued */
	double			 hours;		/* credited */
	double			 score;		/* 0..1; -1 = no quiz */
	char			 code[CERT_CODE_LEN + 1];
};

/*
 * Issue the certificate of officer 'officer_code' for course 'c' at
 * 'now': the course must be completed (else an error that says how far
 * the officer is). The score is the mean over the course's quizzes of
 * the best finished attempt at each. The certificate is remembered in
 * the store (issuing again gives the same code and first issue time).
 * Returns 0 and fills *out, or -1 and *e.
 */
int	cert_issue(struct store *st, const struct course *c,
	    const char *officer_code, time_t now, struct cert *out,
	    struct err *e);

/* Append the certificate page to 'out'. */
void	cert_html(const struct cert *ct, struct buf *out);

/*
 * Check 'code' against this machine's store: it must have been issued
 * here, still derive from its record, and the course must still be
 * complete at the same time. Returns 0 (valid, *out filled), 1 (not
 * valid; *e says why) or -1 (could not check; *e).
 */
int	cert_verify(struct store *st, const char *code, struct store_cert *out,
	    struct err *e);

#endif
