#include "config/connect.h"

#include <string.h>

#include "base/err.h"
#include "config/config.h"
#include "sync/http.h"
#include "sync/pull.h"
#include "sync/sync.h"

static void
connect_http_release(void *ctx)
{
	http_free(ctx);
}

/* A libcurl transport for 'lrs' (its endpoint set); NULL and *e. */
static struct http *
connect_http(const struct config_lrs *lrs, struct err *e)
{
	struct http_opts	 ho;
	struct http		*h;
	char			*secret = NULL;

	if (lrs->key != NULL && config_lrs_secret(lrs, &secret, e) == -1)
		return NULL;
	memset(&ho, 0, sizeof ho);
	ho.endpoint = lrs->endpoint;
	ho.key = lrs->key;
	ho.secret = secret;
	ho.ca_file = lrs->ca_file;
	ho.verify_tls = lrs->verify_tls;
	ho.connect_timeout = lrs->connect_timeout;
	ho.timeout = lrs->timeout;
	h = http_new(&ho, e);
	config_secret_free(secret);
	return h;
}

struct pull *
pull_connect(const struct config_lrs *lrs, struct store *st,
    const char *homepage, const char *activity_base, struct err *e)
{
	struct transport	 t;
	struct http		*h;

	err_clear(e);
	if (lrs->endpoint == NULL || (h = connect_http(lrs, e)) == NULL)
		return NULL;
	http_transport(h, &t);
	t.release = connect_http_release;
	return pull_new(st, &t, homepage, activity_base);
}

int
connect_transport(const struct config_lrs *lrs, struct transport *t,
    struct err *e)
{
	struct http	*h;

	err_clear(e);
	if (lrs->endpoint == NULL)
		return 1;
	if ((h = connect_http(lrs, e)) == NULL)
		return -1;
	http_transport(h, t);
	t->release = connect_http_release;
	return 0;
}

/*
 * A syncq for 'src'; with 'budget' the lrs: budget holds it (the progress
 * file's own sender; a carried file's push is a deliberate act, and its
 * per-day count would have no progress file to live in).
 */
static struct sync *
connect_sync(const struct config_lrs *lrs, const struct sync_source *src,
    int budget, struct err *e)
{
	struct sync_opts	 o;
	struct transport	 t;
	struct http		*h;
	struct sync		*q;

	memset(&o, 0, sizeof o);
	o.batch_size = lrs->batch_size;
	if (budget) {
		o.budget = lrs->budget;
		o.budget_daily = lrs->budget_daily;
	}
	/* a claim outlives the longest request of a sender that is alive */
	o.claim_ttl = 2 * (lrs->timeout > 0 ? lrs->timeout : 60) +
	    lrs->connect_timeout;
	if (o.claim_ttl < 120)
		o.claim_ttl = 120;
	if (lrs->endpoint == NULL) {
		q = sync_new_source(src, NULL, &o);
		sync_disable(q, "no LRS endpoint configured (lrs: endpoint "
		    "in config.yaml)");
		return q;
	}
	if ((h = connect_http(lrs, e)) == NULL)
		return NULL;
	http_transport(h, &t);
	t.release = connect_http_release;
	q = sync_new_source(src, &t, &o);
	return q;
}

struct sync *
sync_connect_source(const struct config_lrs *lrs,
    const struct sync_source *src, struct err *e)
{
	return connect_sync(lrs, src, 0, e);
}

struct sync *
sync_connect(const struct config_lrs *lrs, struct store *st, struct err *e)
{
	struct sync_source	src;

	sync_store_source(st, &src);
	return connect_sync(lrs, &src, 1, e);
}
