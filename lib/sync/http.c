#include "sync/http.h"

/*
 * One easy handle, reused for every request so the connection to the LRS
 * is kept alive between batches, driven by a multi handle: start() adds
 * it, poll() calls curl_multi_perform() and reads the result, fds() hands
 * libcurl's sockets and timer to the app's loop, wait() is
 * curl_multi_poll() for the blocking `rianru sync`.
 */

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "sync/sync.h"
#include "base/xalloc.h"

#define HTTP_BODY_MAX	4096	/* of an answer: enough for a reason */
#define HTTP_WHOLE_MAX	(64L << 20)	/* a page of pulled statements */

struct http {
	CURLM			*multi;
	CURL			*easy;
	struct curl_slist	*get_headers;
	struct curl_slist	*post_headers;
	char			*base;		/* endpoint, ending in '/' */
	char			 url[2048];
	struct buf		 answer;
	char			 errbuf[CURL_ERROR_SIZE];
	int			 busy;
	long			 timeout_ms;	/* the configured one; 0 = none */
	time_t			 date;		/* the answer's Date; 0 = none */
	size_t			 max;		/* of this answer */
	int			 cut;		/* the answer was longer */
	int			 whole;		/* hand the answer out whole */
	curl_off_t		 body_len;	/* of the POST in flight; 0 = GET */
};

static size_t
http_write(char *p, size_t size, size_t n, void *arg)
{
	struct http	*h = arg;
	size_t		 len = size * n, room;

	room = h->answer.len < h->max ? h->max - h->answer.len : 0;
	if (len > room)
		h->cut = 1;
	buf_add(&h->answer, p, len < room ? len : room);
	return len;	/* the rest is read and dropped */
}

/* The Date header of an answer: the LRS's clock (sync measures ours). */
static size_t
http_header(char *p, size_t size, size_t n, void *arg)
{
	struct http	*h = arg;
	size_t		 len = size * n;
	char		 v[128];
	time_t		 t;

	if (len > 5 && len < sizeof v && strncasecmp(p, "Date:", 5) == 0) {
		memcpy(v, p + 5, len - 5);
		v[len - 5] = '\0';
		v[strcspn(v, "\r\n")] = '\0';
		if ((t = curl_getdate(v, NULL)) > 0)
			h->date = t;
	}
	return len;
}

static struct curl_slist *
http_headers(int post)
{
	struct curl_slist	*l = NULL;

	l = curl_slist_append(l, "X-Experience-API-Version: 1.0.3");
	l = curl_slist_append(l, "Accept: application/json");
	if (post) {
		l = curl_slist_append(l, "Content-Type: application/json");
		l = curl_slist_append(l, "Expect:");	/* no 100-continue */
	}
	return l;
}

struct http *
http_new(const struct http_opts *o, struct err *e)
{
	struct http	*h;
	size_t		 len;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		err_set(e, "cannot start libcurl");
		return NULL;
	}
	h = xcalloc(1, sizeof *h);
	buf_init(&h->answer);
	len = strlen(o->endpoint);
	xasprintf(&h->base, "%s%s", o->endpoint,
	    len > 0 && o->endpoint[len - 1] == '/' ? "" : "/");
	h->multi = curl_multi_init();
	h->easy = curl_easy_init();
	h->get_headers = http_headers(0);
	h->post_headers = http_headers(1);
	if (h->multi == NULL || h->easy == NULL || h->get_headers == NULL ||
	    h->post_headers == NULL) {
		err_set(e, "cannot start libcurl");
		goto fail;
	}
	curl_easy_setopt(h->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h->easy, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(h->easy, CURLOPT_WRITEFUNCTION, http_write);
	curl_easy_setopt(h->easy, CURLOPT_WRITEDATA, h);
	curl_easy_setopt(h->easy, CURLOPT_HEADERFUNCTION, http_header);
	curl_easy_setopt(h->easy, CURLOPT_HEADERDATA, h);
	curl_easy_setopt(h->easy, CURLOPT_USERAGENT, "rianru/" RIANRU_VERSION);
	curl_easy_setopt(h->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h->easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h->easy, CURLOPT_SSL_VERIFYPEER,
	    o->verify_tls ? 1L : 0L);
	curl_easy_setopt(h->easy, CURLOPT_SSL_VERIFYHOST,
	    o->verify_tls ? 2L : 0L);
	if (o->ca_file != NULL &&
	    curl_easy_setopt(h->easy, CURLOPT_CAINFO, o->ca_file) != CURLE_OK) {
		err_set(e, "cannot use CA file '%s'", o->ca_file);
		goto fail;
	}
	if (o->connect_timeout > 0)
		curl_easy_setopt(h->easy, CURLOPT_CONNECTTIMEOUT,
		    (long)o->connect_timeout);
	h->timeout_ms = o->timeout > 0 ? (long)o->timeout * 1000 : 0;
	if (o->key != NULL) {
		curl_easy_setopt(h->easy, CURLOPT_HTTPAUTH,
		    (long)CURLAUTH_BASIC);
		curl_easy_setopt(h->easy, CURLOPT_USERNAME, o->key);
		curl_easy_setopt(h->easy, CURLOPT_PASSWORD,
		    o->secret != NULL ? o->secret : "");
	}
	return h;
fail:
	http_free(h);
	return NULL;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	if (h->busy)
		curl_multi_remove_handle(h->multi, h->easy);
	if (h->easy != NULL) {
		/* wipe the copy of the secret libcurl holds */
		curl_easy_setopt(h->easy, CURLOPT_PASSWORD, "");
		curl_easy_cleanup(h->easy);
	}
	if (h->multi != NULL)
		curl_multi_cleanup(h->multi);
	curl_slist_free_all(h->get_headers);
	curl_slist_free_all(h->post_headers);
	buf_release(&h->answer);
	free(h->base);
	free(h);
	curl_global_cleanup();
}

/*
 * h->url for 'resource': below the endpoint, or (starting with '/', as an
 * LRS's 'more' does) on the endpoint's scheme, host and port. -1 when too
 * long.
 */
static int
http_url(struct http *h, const char *resource)
{
	const char	*host, *path;
	int		 hostlen;

	if (resource[0] != '/')
		return (size_t)snprintf(h->url, sizeof h->url, "%s%s",
		    h->base, resource) >= sizeof h->url ? -1 : 0;
	host = strstr(h->base, "://");
	host = host != NULL ? host + 3 : h->base;
	path = strchr(host, '/');
	hostlen = (int)(path != NULL ? path - h->base : (long)strlen(h->base));
	return (size_t)snprintf(h->url, sizeof h->url, "%.*s%s", hostlen,
	    h->base, resource) >= sizeof h->url ? -1 : 0;
}

static int
http_start(void *ctx, const struct sync_req *req, struct err *e)
{
	struct http	*h = ctx;
	CURLMcode	 mc;
	long		 timeout;

	if (h->busy)
		return err_set(e, "a request is already in flight");
	if (http_url(h, req->resource) == -1)
		return err_set(e, "LRS address too long");
	buf_reset(&h->answer);
	h->errbuf[0] = '\0';
	h->date = 0;
	h->max = req->whole ? HTTP_WHOLE_MAX : HTTP_BODY_MAX;
	h->whole = req->whole;
	h->cut = 0;
	curl_easy_setopt(h->easy, CURLOPT_URL, h->url);
	if (req->method == SYNC_POST) {
		curl_easy_setopt(h->easy, CURLOPT_HTTPHEADER, h->post_headers);
		curl_easy_setopt(h->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)req->body_len);
		curl_easy_setopt(h->easy, CURLOPT_POSTFIELDS, req->body);
		h->body_len = (curl_off_t)req->body_len;
	} else {
		h->body_len = 0;
		curl_easy_setopt(h->easy, CURLOPT_HTTPHEADER, h->get_headers);
		curl_easy_setopt(h->easy, CURLOPT_HTTPGET, 1L);
	}
	/* the shorter of the configured timeout and what the run has left */
	timeout = h->timeout_ms;
	if (req->timeout_ms > 0 && (timeout == 0 || req->timeout_ms < timeout))
		timeout = req->timeout_ms;
	curl_easy_setopt(h->easy, CURLOPT_TIMEOUT_MS, timeout);
	if ((mc = curl_multi_add_handle(h->multi, h->easy)) != CURLM_OK)
		return err_set(e, "cannot start a request: %s",
		    curl_multi_strerror(mc));
	h->busy = 1;
	return 0;
}

static enum sync_net
http_net(CURLcode rc)
{
	switch (rc) {
	case CURLE_OK:
		return SYNC_NET_OK;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		return SYNC_NET_UNREACHABLE;
	case CURLE_OPERATION_TIMEDOUT:
		return SYNC_NET_TIMEOUT;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_WEIRD_SERVER_REPLY:
		return SYNC_NET_RESET;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
		return SYNC_NET_TLS;
	default:
		return SYNC_NET_OTHER;
	}
}

/*
 * curl_multi_perform() writes at most one upload buffer (64 KB) of a body
 * per call, and a batch of 100 statements is about 100 KB: perform again
 * while the socket takes more, so the whole POST has left before the
 * caller turns to the store (marking the last batch delivered, an fsync)
 * instead of the LRS waiting for its tail until then. A full socket (a
 * slow link) ends the loop at once; the rest goes when it is writable.
 */
static void
http_perform(struct http *h, int *running)
{
	curl_off_t	before, after = 0;
	int		i;

	for (i = 0; i < 256; i++) {
		before = after;
		curl_multi_perform(h->multi, running);
		if (h->body_len == 0 || *running == 0 ||
		    curl_easy_getinfo(h->easy, CURLINFO_SIZE_UPLOAD_T,
		    &after) != CURLE_OK || after >= h->body_len ||
		    (i > 0 && after == before))
			return;
	}
}

static int
http_poll(void *ctx, struct sync_resp *r)
{
	struct http	*h = ctx;
	CURLMsg		*m;
	CURLcode	 rc = CURLE_OK;
	curl_off_t	 ra = 0;
	long		 status = 0;
	int		 running, left, done = 0;

	if (!h->busy)
		return 0;
	http_perform(h, &running);
	while ((m = curl_multi_info_read(h->multi, &left)) != NULL)
		if (m->msg == CURLMSG_DONE && m->easy_handle == h->easy) {
			rc = m->data.result;
			done = 1;
		}
	if (!done)
		return 0;
	curl_multi_remove_handle(h->multi, h->easy);
	h->busy = 0;
	memset(r, 0, sizeof *r);
	r->retry_after = -1;
	snprintf(r->url, sizeof r->url, "%s", h->url);
	r->net = http_net(rc);
	if (rc != CURLE_OK) {
		snprintf(r->error, sizeof r->error, "%s",
		    h->errbuf[0] != '\0' ? h->errbuf : curl_easy_strerror(rc));
		return 1;
	}
	curl_easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &status);
	r->status = (int)status;
	r->date = h->date;
	if (curl_easy_getinfo(h->easy, CURLINFO_RETRY_AFTER, &ra) ==
	    CURLE_OK && ra > 0)
		r->retry_after = (long)ra;
	snprintf(r->body, sizeof r->body, "%s", h->answer.data);
	if (h->whole && !h->cut) {
		r->data = h->answer.data;
		r->data_len = h->answer.len;
	}
	return 1;
}

static void
http_wait(void *ctx, int ms)
{
	struct http	*h = ctx;

	curl_multi_poll(h->multi, NULL, 0, ms, NULL);
}

/*
 * The sockets libcurl waits on for the request in flight and its timer
 * (curl_multi_fdset and curl_multi_timeout, read after the last
 * curl_multi_perform), so the app's loop sleeps in one poll(2) on them,
 * the terminal and its screens' ticks, and runs poll only when the
 * network has news (this libcurl predates curl_multi_waitfds).
 */
static int
http_fds(void *ctx, struct pollfd *pfd, int max, int *ms)
{
	struct http	*h = ctx;
	fd_set		 r, w, x;
	long		 t = -1;
	int		 fd, maxfd = -1, n = 0;
	short		 ev;

	*ms = -1;
	if (!h->busy)
		return 0;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&x);
	if (curl_multi_fdset(h->multi, &r, &w, &x, &maxfd) != CURLM_OK)
		maxfd = -1;
	for (fd = 0; fd <= maxfd; fd++) {
		ev = (short)((FD_ISSET(fd, &r) ? POLLIN : 0) |
		    (FD_ISSET(fd, &w) ? POLLOUT : 0));
		if (ev == 0)
			continue;
		if (n < max) {
			pfd[n].fd = fd;
			pfd[n].events = ev;
			pfd[n].revents = 0;
		}
		n++;
	}
	if (curl_multi_timeout(h->multi, &t) == CURLM_OK && t >= 0)
		*ms = t > INT_MAX ? INT_MAX : (int)t;
	return n;
}

void
http_transport(struct http *h, struct transport *t)
{
	t->start = http_start;
	t->poll = http_poll;
	t->wait = http_wait;
	t->release = NULL;
	t->ctx = h;
	t->fds = http_fds;
}

/* ---- downloads (content updates) ---- */

struct http_dl {
	FILE			*f;
	unsigned long long	 have;	/* bytes in the file */
	unsigned long long	 max;
	unsigned long long	 got;	/* received by this try */
	int			 restart;	/* 200 to a Range: truncate */
	int			 refused;	/* not 200/206: the body is no part */
	int			 too_big;
};

static size_t
http_dl_write(char *p, size_t size, size_t n, void *arg)
{
	struct http_dl	*d = arg;
	size_t		 len = size * n;

	/* an error page is not the file: never append it to the part */
	if (d->refused)
		return len;
	if (d->restart) {
		/* the server sent all of it, not the rest: begin again */
		if (ftruncate(fileno(d->f), 0) == -1 ||
		    fseek(d->f, 0, SEEK_SET) == -1)
			return 0;
		d->have = 0;
		d->restart = 0;
	}
	if (d->have + len > d->max) {
		d->too_big = 1;
		return 0;
	}
	if (fwrite(p, 1, len, d->f) != len)
		return 0;
	d->have += len;
	d->got += len;
	return len;
}

/*
 * Each response's status line: a body that is not 200 or 206 is dropped
 * (an error page appended to a part would be caught only by the SHA-256,
 * after the good part was lost with it); a 200 to a resumed request is
 * the whole file, which replaces the part.
 */
static size_t
http_dl_header(char *p, size_t size, size_t n, void *arg)
{
	struct http_dl	*d = arg;
	size_t		 len = size * n;

	if (len > 9 && strncmp(p, "HTTP/", 5) == 0) {
		const char *sp = memchr(p, ' ', len);

		d->refused = 1;
		d->restart = 0;
		if (sp == NULL || (size_t)(sp - p) + 4 > len)
			return len;
		if (strncmp(sp + 1, "200", 3) == 0 || strncmp(sp + 1, "206",
		    3) == 0)
			d->refused = 0;
		if (strncmp(sp + 1, "200", 3) == 0 && d->have > 0)
			d->restart = 1;
	}
	return len;
}

int
http_download(const char *url, const char *path, unsigned long long max,
    const char *ca_file, long stall, unsigned long long *got, struct err *e)
{
	struct http_dl	 d;
	CURL		*c = NULL;
	CURLcode	 rc;
	char		 errbuf[CURL_ERROR_SIZE] = "", range[32];
	long		 status = 0;
	int		 ret = -1;

	memset(&d, 0, sizeof d);
	d.max = max;
	*got = 0;
	if ((d.f = fopen(path, "ab")) == NULL)
		return err_set(e, "cannot write '%s': %s", path,
		    strerror(errno));
	d.have = (unsigned long long)ftell(d.f);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (c = curl_easy_init()) == NULL) {
		err_set(e, "cannot start libcurl");
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "rianru/" RIANRU_VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_dl_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &d);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 100L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, stall > 0 ? stall : 60L);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
	if (ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, ca_file);
	if (d.have > 0) {
		/*
		 * A Range header rather than CURLOPT_RESUME_FROM, which
		 * fails on a 200: a server without ranges sends it all.
		 */
		snprintf(range, sizeof range, "%llu-", d.have);
		curl_easy_setopt(c, CURLOPT_RANGE, range);
	}
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, http_dl_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &d);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	*got = d.got;
	if (d.too_big)
		err_set(e, "'%s' is larger than %llu bytes: refused", url, max);
	else if (rc == CURLE_RANGE_ERROR || status == 416)
		err_set(e, "'%s': the server refused to resume (%ld)", url,
		    status);
	else if (rc != CURLE_OK)
		err_set(e, "cannot fetch '%s': %s", url, errbuf[0] ? errbuf :
		    curl_easy_strerror(rc));
	else if (status != 200 && status != 206)
		err_set(e, "cannot fetch '%s': the server answered %ld", url,
		    status);
	else
		ret = 0;
out:
	if (c != NULL)
		curl_easy_cleanup(c);
	if (fclose(d.f) != 0 && ret == 0)
		ret = err_set(e, "cannot write '%s': %s", path,
		    strerror(errno));
	return ret;
}
