#ifndef STORE_OFFICER_H
#define STORE_OFFICER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * Officers in the progress store (store_officer.c) and their import from
 * CSV (store_csv.c). The rules at the top of store/store.h apply.
 */

struct store_officer {
	int64_t	id;		/* row id; 0 before store_officer_add() */
	char	code[64];	/* officer code, unique */
	char	name[256];	/* display name */
	char	group[16];	/* one of the six ids of vocab_groups */
	char	agency[256];
	char	lang[4];	/* "th" or "en" */
	char	pin_hash[128];	/* "" = no PIN (crypto_pwhash_str output) */
	int	pin_failed;	/* failed PIN tries since the last success */
	time_t	locked_until;	/* 0 = not locked */
	time_t	created;
	time_t	last_seen;	/* 0 = never */
	char	setup_hash[128];	/* first-login code's hash; "" = none */
	time_t	privacy_seen;	/* privacy notice seen; 0 = not yet */
};

/*
 * Check officer fields given as strings and copy them into 'o' (the other
 * members are left alone). Every string must be valid UTF-8 without
 * control characters (no line breaks) and fit its field: code at most 63
 * bytes and without spaces, name and agency at most 255 bytes (a Thai
 * character takes 3). 'agency' may be NULL, 'lang' NULL or "" ("th").
 * Nothing is ever cut: a value that does not fit is an error, and on
 * error 'o' is unchanged. Returns 0, or -1 and *e (the message names the
 * field and, for length, the limit).
 */
int		 store_officer_set(struct store_officer *o, const char *code,
		     const char *name, const char *group, const char *agency,
		     const char *lang, struct err *e);
/*
 * Add officer 'o' (code, name, group, agency, lang are read; lang "" means
 * "th"). Sets o->id, o->created. The fields get the checks of
 * store_officer_set() (a field cut in the middle of a character is not
 * valid UTF-8); a duplicate code, an unknown group or language is an
 * error.
 */
int		 store_officer_add(struct store *st, struct store_officer *o,
		     time_t now, struct err *e);
/* Fill *o for 'code'. Returns 0, 1 when there is none, or -1. */
int		 store_officer_get(struct store *st, const char *code,
		     struct store_officer *o, struct err *e);
/*
 * All officers ordered by code in a new array (*n entries) the caller
 * frees with free(); *list is NULL when there are none.
 */
int		 store_officer_list(struct store *st,
		     struct store_officer **list, size_t *n, struct err *e);
int		 store_officer_seen(struct store *st, int64_t officer_id,
		     time_t now, struct err *e);
/*
 * Set (or with NULL clear) the PIN hash; clears the failure count/lock
 * and any first-login code (a chosen PIN uses it up).
 */
int		 store_officer_set_pin_hash(struct store *st,
		     int64_t officer_id, const char *hash, struct err *e);
/* Record the PIN failure count and lock time the kiosk decided on. */
int		 store_officer_set_pin_state(struct store *st,
		     int64_t officer_id, int failed, time_t locked_until,
		     struct err *e);
/*
 * Give the officer a new first-login code ('hash' from auth_setup_code()):
 * their PIN is cleared, with the failure count and lock, and the next
 * login must type the code before choosing a PIN. An older code stops
 * working.
 */
int		 store_officer_set_setup(struct store *st, int64_t officer_id,
		     const char *hash, struct err *e);
/* Record that the officer saw the privacy notice at 'now'. */
int		 store_officer_privacy_seen(struct store *st,
		     int64_t officer_id, time_t now, struct err *e);

/*
 * The trainer's admin PIN: wrong tries are kept in the progress file, so
 * a restarted kiosk does not start again from zero. store_admin_lock()
 * reads the count and the end of the lock (0 = none).
 * store_admin_failed() counts one more wrong try and sets the lock to
 * now + delay(count) in one transaction (another kiosk on the file may
 * count too), giving that delay in *wait. store_admin_ok() clears both.
 */
int		 store_admin_lock(struct store *st, int *failed,
		     time_t *locked_until, struct err *e);
int		 store_admin_failed(struct store *st, time_t now,
		     long (*delay)(int failed), long *wait, struct err *e);
int		 store_admin_ok(struct store *st, struct err *e);

/* The officer's interface language, "th" or "en" (the 'L' key). */
int		 store_officer_set_lang(struct store *st, int64_t officer_id,
		     const char *lang, struct err *e);

/*
 * Add or update officers from the CSV file 'path': a header row naming the
 * columns code,name,group,agency,lang (any order; lang may be left out),
 * then one officer per row. RFC 4180 quoting, CRLF or LF, a UTF-8 BOM are
 * accepted. An existing code is updated. All rows are checked and stored
 * in one transaction: on the first bad row nothing changes and *e says
 * "path:LINE: message". Sets *added and *updated (either may be NULL).
 */
int		 store_user_import_csv(struct store *st, const char *path,
		     time_t now, size_t *added, size_t *updated, struct err *e);

#endif
