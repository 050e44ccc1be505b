#ifndef CONNECT_H
#define CONNECT_H

/*
 * The wiring between config.yaml and the syncq: reads the LRS settings
 * (endpoint, key and secret, TLS, timeouts, batch size), builds the libcurl
 * transport (sync/http.h) and hands it to a syncq (sync/sync.h), which then
 * owns it. Kept out of lib/sync so the syncq knows only its transport
 * interface and nothing of the configuration.
 */

struct config_lrs;
struct err;
struct pull;
struct store;
struct sync;
struct sync_source;
struct transport;

/*
 * A syncq delivering 'st' (borrowed; must outlive it) with the settings in
 * 'lrs' (the secret from $RIANRU_LRS_SECRET or lrs->secret_file, see
 * config_lrs_secret(); the byte budget, per day counted in 'st'). With no endpoint the syncq is created in phase
 * SYNC_DISABLED. Returns NULL and *e when the secret cannot be read or
 * libcurl cannot start. Free with sync_free().
 */
struct sync	*sync_connect(const struct config_lrs *lrs, struct store *st,
		     struct err *e);

/*
 * The same for another source of statements (copied; ctx borrowed), such
 * as a carried file (carry.h): lrs->budget does not apply to it.
 */
struct sync	*sync_connect_source(const struct config_lrs *lrs,
		     const struct sync_source *src, struct err *e);

/*
 * A puller (sync/pull.h) merging into 'st' (borrowed) with the settings in
 * 'lrs', for the actor homepage 'homepage' and the activities below
 * 'activity_base'. Returns NULL with *e cleared when no LRS is
 * configured, NULL with *e filled when it cannot start. Free with
 * pull_free().
 */
struct pull	*pull_connect(const struct config_lrs *lrs, struct store *st,
		     const char *homepage, const char *activity_base,
		     struct err *e);

/*
 * The libcurl transport for 'lrs' into *t, for a caller that makes its own
 * requests (sync/lrs_read.h); the caller ends it with t->release(t->ctx).
 * Returns 0; 1 when no LRS is configured (*t untouched); -1 and *e when
 * the secret cannot be read or libcurl cannot start.
 */
int		 connect_transport(const struct config_lrs *lrs,
		     struct transport *t, struct err *e);

#endif
