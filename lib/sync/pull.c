#include "sync/pull.h"

/*
 * The puller (pull.h). One officer at a time, one request at a time:
 *
 *   queued --(start)--> GET statements?agent&since --(200)--> merge the
 *   page, remember the newest 'stored' --(more)--> GET more ... --(no
 *   more)--> cursor saved, run "pull" recorded, next officer
 *   any request --(network, 5xx, 401/403, bad answer)--> recorded, next
 *   officer (the app asks again later; nothing is lost by waiting)
 *
 * Reading a statement back is the mirror of xapi.c: the object's id below
 * activity_base says what it is (course/<c>/module/<m>/page/<p>, ...),
 * the verb says what happened to it.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/json.h"
#include "base/uri.h"
#include "base/xalloc.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_outbox.h"
#include "store/store_pull.h"
#include "sync/sync.h"
#include "sync/xapi.h"

#define PULL_PAGE_SIZE	500	/* statements asked for per page */

struct pull_who {
	int64_t	 id;
	char	*code;
};

struct pull {
	struct store		*st;
	struct transport	 t;
	char			*homepage;
	char			*base;		/* activity_base, no '/' */
	struct pull_state	 s;

	struct pull_who		*queue;		/* officers still to pull */
	size_t			 nqueue, cap;
	int			 in_flight;
	char			*resource;	/* of the request in flight */
	char			 newest[40];	/* newest 'stored' seen */
	int64_t			 run_merged;	/* this officer's pull */
	enum pull_outcome	 worst;		/* since pull_run() began */
	long			 retry_after;	/* of the answer; -1 = none */
	int			 asked;		/* pull_run(): no backoff */
};

struct pull *
pull_new(struct store *st, const struct transport *t, const char *homepage,
    const char *activity_base)
{
	struct pull	*p = xcalloc(1, sizeof *p);
	size_t		 n;

	p->st = st;
	p->t = *t;
	p->retry_after = -1;
	p->homepage = xstrdup(homepage != NULL ? homepage : "");
	p->base = xstrdup(activity_base != NULL ? activity_base : "");
	n = strlen(p->base);
	while (n > 0 && p->base[n - 1] == '/')
		p->base[--n] = '\0';
	return p;
}

static void
pull_pop(struct pull *p)
{
	if (p->nqueue == 0)
		return;
	free(p->queue[0].code);
	memmove(p->queue, p->queue + 1, (p->nqueue - 1) * sizeof *p->queue);
	p->nqueue--;
	p->s.busy = p->nqueue > 0;
}

void
pull_free(struct pull *p)
{
	if (p == NULL)
		return;
	while (p->nqueue > 0)
		pull_pop(p);
	free(p->queue);
	free(p->resource);
	if (p->t.release != NULL)
		p->t.release(p->t.ctx);
	free(p->homepage);
	free(p->base);
	free(p);
}

void
pull_start(struct pull *p, int64_t officer_id, const char *code)
{
	size_t	i;

	for (i = 0; i < p->nqueue; i++)
		if (p->queue[i].id == officer_id)
			return;		/* queued already */
	if (p->nqueue == p->cap) {
		p->cap = p->cap == 0 ? 4 : 2 * p->cap;
		p->queue = xreallocarray(p->queue, p->cap, sizeof *p->queue);
	}
	p->queue[p->nqueue].id = officer_id;
	p->queue[p->nqueue].code = xstrdup(code);
	p->nqueue++;
	p->s.busy = 1;
}

int
pull_start_all(struct pull *p, struct err *e)
{
	struct store_officer	*list;
	size_t			 n, i;

	if (store_officer_list(p->st, &list, &n, e) == -1)
		return -1;
	for (i = 0; i < n; i++)
		pull_start(p, list[i].id, list[i].code);
	free(list);
	return 0;
}

const struct pull_state *
pull_state(const struct pull *p)
{
	return &p->s;
}

/* The last error, for people (cut to fit). */
static void
pull_error(struct pull *p, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(p->s.error, sizeof p->s.error, fmt, ap);
	va_end(ap);
}

/* Reading statements ----------------------------------------------------- */

/* "2026-11-23T19:20:00.123Z" or with an offset "+07:00": Unix seconds. */
static int
pull_time(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*z;
	int		 n = 0, oh = 0, om = 0;
	long		 off = 0;

	if (s == NULL)
		return -1;
	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
		return -1;
	z = s + n;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &oh,
	    &om) == 2)
		off = (*z == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
	else if (*z != 'Z' && *z != '\0')
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm) - off;
	return 0;
}

/* ISO 8601 duration "PT1H2M3S" (the forms xapi.c writes) in seconds. */
static long
pull_duration(const char *s)
{
	double	v, total = 0;
	char	*end;

	if (s == NULL || strncmp(s, "PT", 2) != 0)
		return -1;
	for (s += 2; *s != '\0'; s = end + 1) {
		v = strtod(s, &end);
		if (end == s)
			return -1;
		if (*end == 'H')
			total += v * 3600;
		else if (*end == 'M')
			total += v * 60;
		else if (*end == 'S')
			total += v;
		else
			return -1;
	}
	return (long)total;
}

/* j's member at a dotted path (keys without dots). */
static struct json *
pull_at(struct json *j, const char *a, const char *b)
{
	if (j != NULL && a != NULL)
		j = json_get(j, a);
	if (j != NULL && b != NULL)
		j = json_get(j, b);
	return j;
}

/* The key '<base>/<path>' of an extension into key[len]; -1: too long. */
static int
pull_key(const struct pull *p, const char *path, char *key, size_t len)
{
	return (size_t)snprintf(key, len, "%s/%s", p->base, path) >= len ?
	    -1 : 0;
}

/*
 * Split 'path' (below activity_base) "course/<c>/module/<m>/page/<p>"
 * into its segments: names[] the even ones, ids[] the odd ones (at most
 * 'max'). Returns the pairs found, or -1.
 */
static int
pull_split(char *path, const char **names, const char **ids, int max)
{
	int	n = 0;
	char	*save = NULL, *name, *id;

	for (name = strtok_r(path, "/", &save); name != NULL;
	    name = strtok_r(NULL, "/", &save)) {
		if ((id = strtok_r(NULL, "/", &save)) == NULL || n == max)
			return -1;
		names[n] = name;
		ids[n++] = id;
	}
	return n;
}

static int
pull_is(const char *verb, const char *name)
{
	static const char adl[] = "http://adlnet.gov/expapi/verbs/";

	return verb != NULL && strncmp(verb, adl, sizeof adl - 1) == 0 &&
	    strcmp(verb + sizeof adl - 1, name) == 0;
}

/* 'verb' is rianru's own '<activity_base>/<path>'. */
static int
pull_is_ours(const struct pull *p, const char *verb, const char *path)
{
	size_t	blen = strlen(p->base);

	return verb != NULL && strncmp(verb, p->base, blen) == 0 &&
	    verb[blen] == '/' && strcmp(verb + blen + 1, path) == 0;
}

/*
 * A review's FSRS state from its XAPI_EXT_REVIEW extension into *m
 * (docs/xapi.md); 0, or 1 when it has none to rebuild a schedule from.
 */
static int
pull_review(const struct pull *p, struct json *ctx_ext, struct store_pulled *m)
{
	struct json	*rv;
	int64_t		 reps, lapses;
	char		 key[512];

	if (pull_key(p, XAPI_EXT_REVIEW, key, sizeof key) == -1 ||
	    (rv = json_get(ctx_ext, key)) == NULL ||
	    json_get_num(rv, "difficulty", &m->difficulty) == -1 ||
	    json_get_num(rv, "stability", &m->stability) == -1 ||
	    json_get_int(rv, "reps", &reps) == -1 ||
	    json_get_int(rv, "lapses", &lapses) == -1 ||
	    reps < 0 || reps > 1000000 || lapses < 0 || lapses > 1000000 ||
	    pull_time(json_get_str(rv, "due"), &m->due) == -1)
		return 1;
	m->reps = (int)reps;
	m->lapses = (int)lapses;
	m->qhash = json_get_str(rv, "question-hash");
	m->kind = STORE_PULL_REVIEW;
	return 0;
}

/* Fill *m from statement 'j'; 0 filled, 1 not a kind rianru keeps. */
static int
pull_read(const struct pull *p, struct json *j, char *path, size_t pathlen,
    char day[11], struct store_pulled *m)
{
	const char	*verb, *obj, *names[4], *ids[4];
	struct json	*ctx_ext, *res;
	int64_t		 off;
	double		 hours;
	char		 key[512];
	size_t		 blen = strlen(p->base);
	long		 secs;
	int		 n;

	verb = json_get_str(json_get(j, "verb"), "id");
	obj = json_get_str(json_get(j, "object"), "id");
	if (verb == NULL || obj == NULL || strncmp(obj, p->base, blen) != 0 ||
	    obj[blen] != '/')
		return 1;
	snprintf(path, pathlen, "%s", obj + blen + 1);
	if ((n = pull_split(path, names, ids, 4)) <= 0)
		return 1;
	m->stmt_id = json_get_str(j, "id");
	if (m->stmt_id == NULL || pull_time(json_get_str(j, "timestamp"),
	    &m->at) == -1)
		return 1;
	ctx_ext = pull_at(j, "context", "extensions");
	/* a clock known to be off: the true time (docs/xapi.md) */
	if (pull_key(p, XAPI_EXT_CLOCK_OFFSET, key, sizeof key) == 0 &&
	    json_get_int(ctx_ext, key, &off) == 0)
		m->at += (time_t)off;
	res = json_get(j, "result");
	m->response = json_get_str(res, "response");
	if (json_get_bool(res, "success", &m->success) == -1)
		m->success = -1;
	(void)json_get_num(json_get(res, "score"), "raw", &m->raw);
	(void)json_get_num(json_get(res, "score"), "max", &m->max);
	m->registration = json_get_str(json_get(j, "context"),
	    "registration");
	if (pull_key(p, XAPI_EXT_CONTENT_VERSION, key, sizeof key) == 0)
		m->course_version = json_get_str(ctx_ext, key);
	if (pull_key(p, XAPI_EXT_CONTENT_HASH, key, sizeof key) == 0)
		m->content_hash = json_get_str(ctx_ext, key);
	if (n == 1 && (strcmp(names[0], "practice") == 0 ||
	    strcmp(names[0], "coaching") == 0)) {
		/* the officer's day: noon local time for a dated entry */
		struct tm	tm;

		secs = pull_duration(json_get_str(res, "duration"));
		if (secs < 60 || localtime_r(&m->at, &tm) == NULL)
			return 1;
		strftime(day, 11, "%Y-%m-%d", &tm);
		m->kind = STORE_PULL_LOG;
		m->log_kind = names[0];
		m->area = ids[0];
		m->minutes = (int)((secs + 30) / 60);
		m->day = day;
		return 0;
	}
	if (strcmp(names[0], "course") != 0)
		return 1;
	m->course_id = ids[0];
	if (n == 1 && pull_is(verb, "completed")) {
		m->kind = STORE_PULL_COURSE;
		m->passed = m->success == 1;
		if (pull_key(p, XAPI_EXT_CREDITED_HOURS, key,
		    sizeof key) == 0 && json_get_num(json_get(res,
		    "extensions"), key, &hours) == 0)
			m->hours = hours;
		return 0;
	}
	if (n >= 2 && strcmp(names[1], "module") == 0) {
		m->module_id = ids[1];
		if (n == 2 && pull_is(verb, "completed")) {
			m->kind = STORE_PULL_MODULE;
			return 0;
		}
		if (n == 3 && strcmp(names[2], "page") == 0 &&
		    pull_is(verb, "experienced")) {
			m->kind = STORE_PULL_PAGE;
			m->page_id = ids[2];
			return 0;
		}
		return 1;
	}
	if (n < 2 || strcmp(names[1], "quiz") != 0)
		return 1;
	m->quiz_id = ids[1];
	if (n == 3 && strcmp(names[2], "question") == 0 &&
	    pull_is_ours(p, verb, XAPI_VERB_REVIEWED)) {
		m->question_id = ids[2];
		return pull_review(p, ctx_ext, m);
	}
	if (n == 2 && pull_is(verb, "attempted"))
		m->kind = STORE_PULL_ATTEMPT;
	else if (n == 2 && (pull_is(verb, "passed") ||
	    pull_is(verb, "failed") || pull_is(verb, "completed")))
		m->kind = STORE_PULL_RESULT;
	else if (n == 3 && strcmp(names[2], "question") == 0 &&
	    pull_is(verb, "answered") && m->response != NULL) {
		m->kind = STORE_PULL_ANSWER;
		m->question_id = ids[2];
	} else
		return 1;	/* something else */
	return 0;
}

static int
pull_merge_obj(const struct pull *p, int64_t officer_id, struct json *j,
    struct err *e)
{
	struct store_pulled	m;
	char			path[1024], day[11];

	memset(&m, 0, sizeof m);
	m.officer_id = officer_id;
	if (pull_read(p, j, path, sizeof path, day, &m) == 1)
		return 0;
	return store_pull_merge(p->st, &m, e);
}

int
pull_merge_json(struct store *st, const char *activity_base,
    int64_t officer_id, const char *json, size_t len, struct err *e)
{
	struct transport	 t;
	struct pull		*p;
	struct json		*j;
	int			 rc;

	if ((j = json_parse(json, len, 0)) == NULL)
		return err_set(e, "bad statement: not JSON");
	memset(&t, 0, sizeof t);
	p = pull_new(st, &t, NULL, activity_base);
	rc = pull_merge_obj(p, officer_id, j, e);
	pull_free(p);
	json_free(j);
	return rc;
}

/* Requests --------------------------------------------------------------- */

/* The first request of the officer at the head of the queue. */
static char *
pull_first(struct pull *p, struct err *e)
{
	const struct pull_who	*w = &p->queue[0];
	struct buf		 b;
	struct json		*agent, *acct;
	char			*s, since[40];
	time_t			 t;
	struct tm		 tm;

	if (store_pull_since(p->st, w->id, since, sizeof since, e) == -1)
		return NULL;
	agent = json_new_obj();
	acct = json_new_obj();
	if (json_set(acct, "homePage", json_new_str(p->homepage)) == -1 ||
	    json_set(acct, "name", json_new_str(w->code)) == -1 ||
	    json_set(agent, "objectType", json_new_str("Agent")) == -1 ||
	    json_set(agent, "account", acct) == -1 ||
	    (s = json_dump(agent, 0, 0)) == NULL) {
		json_free(agent);
		err_set(e, "cannot write the agent of '%s'", w->code);
		return NULL;
	}
	json_free(agent);
	buf_init(&b);
	buf_adds(&b, "statements?agent=");
	uri_escape(&b, s);
	free(s);
	if (since[0] != '\0' && pull_time(since, &t) == 0) {
		t -= PULL_OVERLAP;
		gmtime_r(&t, &tm);
		strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
		buf_adds(&b, "&since=");
		uri_escape(&b, since);
	}
	buf_addf(&b, "&ascending=true&limit=%d", PULL_PAGE_SIZE);
	return buf_detach(&b, NULL);
}

static void
pull_send(struct pull *p, char *resource)
{
	struct sync_req	req;
	struct err	e;

	free(p->resource);
	p->resource = resource;
	memset(&req, 0, sizeof req);
	req.method = SYNC_GET;
	req.resource = resource;
	req.whole = 1;
	err_clear(&e);
	if (p->t.start(p->t.ctx, &req, &e) == -1) {
		pull_error(p, "%s", e.msg);
		p->s.outcome = PULL_FAILED;
		return;
	}
	p->in_flight = 1;
}

/* After a failed pull: when the next request may go (pull.h). */
static void
pull_backoff(struct pull *p, time_t now, enum pull_outcome o)
{
	uint32_t	r;
	long		d;

	if (o == PULL_DONE || o == PULL_NONE) {
		p->s.failures = 0;
		p->s.retry_at = 0;
		return;
	}
	p->s.failures++;
	crypto_random(&r, sizeof r);
	d = o == PULL_FORBIDDEN ? PULL_REFUSED_WAIT : sync_backoff(
	    p->s.failures, PULL_BACKOFF_BASE, PULL_BACKOFF_MAX, r);
	if (p->retry_after > d)
		d = p->retry_after > PULL_REFUSED_WAIT ? PULL_REFUSED_WAIT :
		    p->retry_after;
	p->s.retry_at = now + d;
}

/* The officer's pull ended: record it, move to the next officer. */
static void
pull_end(struct pull *p, time_t now, enum pull_outcome o)
{
	struct store_sync_run	r;
	struct err		e;
	static const char *const names[] = {
		[PULL_NONE] = "nothing", [PULL_DONE] = "pulled",
		[PULL_OFFLINE] = "offline", [PULL_FORBIDDEN] = "refused",
		[PULL_FAILED] = "failed",
	};

	p->s.outcome = o;
	if (o > p->worst)
		p->worst = o;
	err_clear(&e);
	if (o == PULL_DONE && p->newest[0] != '\0' &&
	    store_pull_set_since(p->st, p->queue[0].id, p->newest, now,
	    &e) == -1) {
		pull_error(p, "%s", e.msg);
		p->s.outcome = o = PULL_FAILED;
	}
	if (p->run_merged > 0)
		p->s.landed++;
	memset(&r, 0, sizeof r);
	snprintf(r.what, sizeof r.what, "pull");
	r.at = now;
	snprintf(r.outcome, sizeof r.outcome, "%s", names[o]);
	r.sent = p->run_merged;
	memcpy(r.error, p->s.error, sizeof r.error - 1);
	r.error[sizeof r.error - 1] = '\0';
	err_clear(&e);
	(void)store_sync_run_save(p->st, &r, &e);	/* status only */
	p->newest[0] = '\0';
	p->run_merged = 0;
	pull_backoff(p, now, o);
	p->retry_after = -1;
	pull_pop(p);
}

/* A page of statements came: merge it, then 'more' or the end. */
static void
pull_page(struct pull *p, time_t now, const struct sync_resp *r)
{
	struct json	*j, *list, *it;
	const char	*more, *stored, *id;
	size_t		 i, n;
	struct err	 e;
	int		 rc;

	if (r->data == NULL || (j = json_parse(r->data, r->data_len,
	    0)) == NULL) {
		pull_error(p, "the LRS's answer to GET statements is not a "
		    "statement result%s", r->data == NULL ? " (too long)" :
		    "");
		pull_end(p, now, PULL_FAILED);
		return;
	}
	list = json_get(j, "statements");
	n = json_is_obj(list) ? 0 : json_size(list);
	for (i = 0; i < n; i++) {
		it = json_item(list, i);
		p->s.seen++;
		stored = json_get_str(it, "stored");
		if (stored != NULL && strlen(stored) < sizeof p->newest &&
		    strcmp(stored, p->newest) > 0)
			snprintf(p->newest, sizeof p->newest, "%s", stored);
		err_clear(&e);
		if ((rc = pull_merge_obj(p, p->queue[0].id, it, &e)) == -1) {
			/* one odd statement never stops the rest */
			id = json_get_str(it, "id");
			pull_error(p, "statement '%s': %s", id != NULL ? id :
			    "?", e.msg);
			continue;
		}
		p->run_merged += rc;
		p->s.merged += rc;
	}
	more = json_get_str(j, "more");
	if (more != NULL && *more != '\0' && n > 0) {
		pull_send(p, xstrdup(more));
		if (!p->in_flight)
			pull_end(p, now, PULL_FAILED);
	} else
		pull_end(p, now, PULL_DONE);
	json_free(j);
}

static void
pull_answer(struct pull *p, time_t now, const struct sync_resp *r)
{
	p->retry_after = r->net == SYNC_NET_OK ? r->retry_after : -1;
	if (r->net != SYNC_NET_OK) {
		pull_error(p, "%s", r->error);
		pull_end(p, now, PULL_OFFLINE);
		return;
	}
	if (r->status >= 200 && r->status < 300) {
		p->s.last_success = now;
		pull_page(p, now, r);
		return;
	}
	if (r->status == 401 || r->status == 403) {
		pull_error(p, "pull not permitted: "
		    "the LRS refused to let this key read statements (%d); "
		    "sending is not affected (docs/sync.md)", r->status);
		pull_end(p, now, PULL_FORBIDDEN);
		return;
	}
	pull_error(p, "GET statements: HTTP %d",
	    r->status);
	pull_end(p, now, r->status == 429 || r->status >= 500 ?
	    PULL_OFFLINE : PULL_FAILED);
}

int
pull_step(struct pull *p, time_t now)
{
	struct sync_resp	 r;
	struct err		 e;
	char			*res;

	if (p->t.start == NULL)
		return -1;
	if (p->in_flight) {
		memset(&r, 0, sizeof r);
		r.retry_after = -1;
		if (p->t.poll(p->t.ctx, &r) == 0)
			return sync_transport_ms(&p->t, 50);
		p->in_flight = 0;
		pull_answer(p, now, &r);
		if (p->in_flight)
			return 0;
	}
	if (p->nqueue == 0)
		return -1;
	if (!p->asked && now < p->s.retry_at)	/* a dead LRS: wait */
		return (int)(p->s.retry_at - now > 3600 ? 3600 :
		    p->s.retry_at - now) * 1000;
	p->s.error[0] = '\0';
	err_clear(&e);
	if ((res = pull_first(p, &e)) == NULL) {
		pull_error(p, "%s", e.msg);
		pull_end(p, now, PULL_FAILED);
		return 0;
	}
	pull_send(p, res);
	if (!p->in_flight)
		pull_end(p, now, PULL_FAILED);
	return 0;
}

int
pull_fds(const struct pull *p, struct pollfd *pfd, int max)
{
	if (!p->in_flight)
		return 0;
	return sync_transport_fds(&p->t, pfd, max);
}

void
pull_online(struct pull *p)
{
	if (p == NULL || p->s.outcome == PULL_FORBIDDEN)
		return;
	p->s.retry_at = 0;
}

enum pull_outcome
pull_run(struct pull *p, int max_seconds)
{
	time_t	now, deadline;
	int	ms;

	now = time(NULL);
	deadline = now + (max_seconds > 0 ? max_seconds : 1);
	p->worst = PULL_NONE;
	p->asked = 1;	/* asked for: no backoff between officers */
	while (p->s.busy || p->in_flight) {
		ms = pull_step(p, now);
		if (ms > 0 && p->t.wait != NULL)
			p->t.wait(p->t.ctx, ms);
		now = time(NULL);
		if (now > deadline && p->in_flight) {
			pull_error(p, "pull took "
			    "longer than %d s", max_seconds);
			pull_end(p, now, PULL_OFFLINE);
			break;
		}
	}
	p->asked = 0;
	return p->worst == PULL_NONE ? PULL_DONE : p->worst;
}
