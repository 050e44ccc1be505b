#ifndef CERT_H
#define CERT_H

#include <stddef.h>
#include <time.h>

#include "base/crypto.h"

#include "store/store_officer.h"
#include "store/store_log.h"

/*
 * Certificates of completion: a self-contained printable HTML page in
 * Thai and English (no external resources, A4 landscape), and a short
 * verification code derived from the record, so `rianru verify CODE` on
 * the issuing machine can tell a real certificate from an edited one.
 *
 * The code is "RNR-" and 8 characters of Crockford's base 32 (no I, L, O,
 * U) in two groups: the first 40 bits of a keyed hash (crypto_mac) over
 * every fact the page shows that the record holds: the officer's code,
 * name, agency and group, the course id and version, the completion
 * time, the hours and the score. The key is the certificate key file
 * (config `certificate-key:`, keyfile.h), never the progress file:
 * whoever can edit the progress file but cannot read the key cannot make
 * a code for an edited record. The course's titles and accreditation
 * come from the content of that id and version; the issue date is not
 * covered (README, "What a verification code proves").
 */
struct buf;
struct course;
struct err;

#define CERT_CODE_LEN	13	/* "RNR-XXXX-XXXX" */

/* What a code covers; strings borrowed. */
struct cert_record {
	const char	*officer_code;
	const char	*name;
	const char	*agency;
	const char	*group;
	const char	*course_id;
	const char	*version;
	time_t		 completed;
	double		 hours;
	double		 score;		/* 0..1; -1 = no quiz */
};

/* Write the code of record 'r' under 'key' (always NUL-terminated). */
void	cert_code(const unsigned char key[CRYPTO_KEY_LEN],
	    const struct cert_record *r, char out[CERT_CODE_LEN + 1]);

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
	    const char *officer_code, const unsigned char key[CRYPTO_KEY_LEN],
	    time_t now, struct cert *out, struct err *e);

/* Append the certificate page to 'out'. */
void	cert_html(const struct cert *ct, struct buf *out);

/*
 * Check 'code' against this machine's store and 'key': it must have been
 * issued here, still derive from its record (the officer as they are
 * now: a renamed officer's certificate is issued again), and the course
 * must still be complete at the same time. Returns 0 (valid, *out filled), 1 (not
 * valid; *e says why) or -1 (could not check; *e).
 */
int	cert_verify(struct store *st, const char *code,
	    const unsigned char key[CRYPTO_KEY_LEN], struct store_cert *out,
	    struct err *e);

#endif
