#include "sync/lrs_verify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "base/uri.h"
#include "base/xalloc.h"
#include "store/store_log.h"
#include "sync/sync.h"
#include "sync/xapi.h"

/* The best scaled score of one quiz seen so far. */
struct lrs_best {
	char	*id;
	double	 scaled;
};

struct lrs_scan {
	const char		*base;		/* activity_base */
	size_t			 baselen;	/* without its trailing '/' */
	const struct store_cert	*sc;
	char			*course;	/* the course's IRI */
	struct lrs_best		*best;
	size_t			 nbest;
	struct lrs_cert		*out;
};

/* activity_base joined to 'path' the way xapi.c joins them. */
static char *
lrs_iri(const struct lrs_scan *s, const char *path)
{
	char	*out;

	xasprintf(&out, "%.*s/%s", (int)s->baselen, s->base, path);
	return out;
}

/* "2025-03-12T09:30:00.123Z" (xapi.c's form, or an offset) in seconds. */
static int
lrs_time(const char *v, time_t *out)
{
	struct tm	 tm;
	int		 n = 0, oh = 0, om = 0;
	const char	*z;
	long		 off = 0;

	if (v == NULL)
		return -1;
	memset(&tm, 0, sizeof tm);
	if (sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
		return -1;
	z = v + n;
	if (*z == '.')
		for (z++; *z >= '0' && *z <= '9'; z++)
			;
	if ((*z == '+' || *z == '-') && sscanf(z + 1, "%2d:%2d", &oh, &om) ==
	    2)
		off = (*z == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
	else if (*z != 'Z' && *z != '\0')
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm) - off;
	return 0;
}

static int
lrs_verb_is(const struct json *st, const char *what)
{
	const char	*id = json_get_str(json_get(st, "verb"), "id");
	size_t		 n, w = strlen(what);

	if (id == NULL || (n = strlen(id)) <= w)
		return 0;
	return id[n - w - 1] == '/' && strcmp(id + n - w, what) == 0;
}

/* A completion of the course: is it the certificate's? */
static void
lrs_completion(struct lrs_scan *s, const struct json *st)
{
	struct json	*ext;
	char		*key;
	const char	*v;
	time_t		 t;
	double		 h;

	s->out->completions++;
	if (lrs_time(json_get_str(st, "timestamp"), &t) == -1 ||
	    t != s->sc->completed || s->out->found)
		return;
	s->out->found = 1;
	ext = json_get(json_get(st, "result"), "extensions");
	key = lrs_iri(s, XAPI_EXT_CREDITED_HOURS);
	if (json_get_num(ext, key, &h) == 0)
		s->out->hours = h;
	free(key);
	ext = json_get(json_get(st, "context"), "extensions");
	key = lrs_iri(s, XAPI_EXT_CONTENT_VERSION);
	if ((v = json_get_str(ext, key)) != NULL)
		snprintf(s->out->version, sizeof s->out->version, "%s", v);
	free(key);
}

/* A quiz result of the course: keep the best of each quiz. */
static void
lrs_result(struct lrs_scan *s, const struct json *st, const char *obj)
{
	double	 scaled;
	size_t	 i;

	if (json_get_num(json_get(json_get(st, "result"), "score"), "scaled",
	    &scaled) == -1 || !isfinite(scaled))
		return;
	for (i = 0; i < s->nbest; i++)
		if (strcmp(s->best[i].id, obj) == 0)
			break;
	if (i == s->nbest) {
		s->best = xreallocarray(s->best, s->nbest + 1, sizeof *s->best);
		s->best[s->nbest].id = xstrdup(obj);
		s->best[s->nbest++].scaled = scaled;
	} else if (scaled > s->best[i].scaled)
		s->best[i].scaled = scaled;
}

/* One page: its statements scanned; the 'more' to follow, or NULL. */
static int
lrs_page(struct lrs_scan *s, const char *data, size_t len, char **more,
    struct err *e)
{
	struct json	*j, *list, *st;
	const char	*obj, *m;
	size_t		 i, n;

	*more = NULL;
	if (data == NULL || (j = json_parse(data, len, 0)) == NULL)
		return err_set(e, "the LRS's answer to GET statements is not a "
		    "statement result%s", data == NULL ? " (too long)" : "");
	list = json_get(j, "statements");
	n = json_is_obj(list) ? 0 : json_size(list);
	for (i = 0; i < n; i++) {
		st = json_item(list, i);
		s->out->seen++;
		if ((obj = json_get_str(json_get(st, "object"), "id")) == NULL)
			continue;
		if (strcmp(obj, s->course) == 0) {
			if (lrs_verb_is(st, "completed"))
				lrs_completion(s, st);
		} else if (lrs_verb_is(st, "passed") ||
		    lrs_verb_is(st, "failed") || lrs_verb_is(st, "completed"))
			lrs_result(s, st, obj);
	}
	m = json_get_str(j, "more");
	if (m != NULL && *m != '\0' && n > 0)
		*more = xstrdup(m);
	json_free(j);
	return 0;
}

/* The first request: the officer's statements about the course. */
static char *
lrs_first(const struct lrs_scan *s, const char *homepage, struct err *e)
{
	struct json	*agent, *acct;
	struct buf	 b;
	char		*a;

	agent = json_new_obj();
	acct = json_new_obj();
	if (json_set(acct, "homePage", json_new_str(homepage)) == -1 ||
	    json_set(acct, "name", json_new_str(s->sc->officer_code)) == -1 ||
	    json_set(agent, "objectType", json_new_str("Agent")) == -1 ||
	    json_set(agent, "account", acct) == -1 ||
	    (a = json_dump(agent, 0, 0)) == NULL) {
		json_free(agent);
		err_set(e, "cannot write the agent of '%s'",
		    s->sc->officer_code);
		return NULL;
	}
	json_free(agent);
	buf_init(&b);
	buf_adds(&b, "statements?agent=");
	uri_escape(&b, a);
	free(a);
	buf_adds(&b, "&activity=");
	uri_escape(&b, s->course);
	buf_adds(&b, "&related_activities=true&limit=100");
	return buf_detach(&b, NULL);
}

int
lrs_cert_fetch(const struct transport *t, const char *homepage,
    const char *activity_base, const struct store_cert *sc, int max_seconds,
    struct lrs_cert *out, int *offline, struct err *e)
{
	struct lrs_scan		 s;
	struct sync_req		 req;
	struct sync_resp	 r;
	char			*res, *path;
	time_t			 end = time(NULL) + max_seconds;
	double			 sum = 0;
	size_t			 i;
	int			 rc = -1;

	memset(out, 0, sizeof *out);
	out->hours = out->score = -1;
	*offline = 0;
	memset(&s, 0, sizeof s);
	s.base = activity_base;
	s.baselen = strlen(activity_base);
	while (s.baselen > 0 && activity_base[s.baselen - 1] == '/')
		s.baselen--;
	s.sc = sc;
	s.out = out;
	xasprintf(&path, "course/%s", sc->course_id);
	s.course = lrs_iri(&s, path);
	free(path);
	if ((res = lrs_first(&s, homepage, e)) == NULL)
		goto done;
	while (res != NULL) {
		if (time(NULL) >= end) {
			*offline = 1;
			err_set(e, "the LRS did not answer within %d s",
			    max_seconds);
			goto done;
		}
		memset(&req, 0, sizeof req);
		req.method = SYNC_GET;
		req.resource = res;
		req.whole = 1;
		req.timeout_ms = (long)(end - time(NULL)) * 1000;
		if (t->start(t->ctx, &req, e) == -1)
			goto done;
		while (t->poll(t->ctx, &r) == 0) {
			if (t->wait != NULL)
				t->wait(t->ctx, 100);
			else
				usleep(10000);
		}
		if (r.net != SYNC_NET_OK) {
			*offline = 1;
			err_set(e, "%s", r.error);
			goto done;
		}
		if (r.status == 401 || r.status == 403) {
			err_set(e, "the LRS refused to let this key read "
			    "statements (%d)", r.status);
			goto done;
		}
		if (r.status < 200 || r.status > 299) {
			*offline = r.status == 429 || r.status >= 500;
			err_set(e, "GET statements: HTTP %d", r.status);
			goto done;
		}
		free(res);
		if (lrs_page(&s, r.data, r.data_len, &res, e) == -1)
			goto done;
	}
	for (i = 0; i < s.nbest; i++)
		sum += s.best[i].scaled;
	if (s.nbest > 0)
		out->score = sum / (double)s.nbest;
	rc = 0;
done:
	free(res);
	for (i = 0; i < s.nbest; i++)
		free(s.best[i].id);
	free(s.best);
	free(s.course);
	return rc;
}

int
lrs_cert_compare(const struct store_cert *sc, const struct lrs_cert *got,
    struct err *e)
{
	if (!got->found) {
		err_set(e, "the LRS holds no completion of course '%s' by "
		    "officer '%s' at the certificate's time (%d completion%s "
		    "at other times; not sent yet? rianru sync)", sc->course_id,
		    sc->officer_code, got->completions,
		    got->completions == 1 ? "" : "s");
		return 1;
	}
	if (got->version[0] != '\0' && strcmp(got->version,
	    sc->course_version) != 0) {
		err_set(e, "the LRS has course '%s' completed in version '%s', "
		    "the certificate says '%s'", sc->course_id, got->version,
		    sc->course_version);
		return 1;
	}
	if (got->hours < 0 || fabs(got->hours - sc->hours) > 1e-9) {
		err_set(e, "the LRS credits %g hours for this completion, the "
		    "certificate says %g", got->hours, sc->hours);
		return 1;
	}
	if ((got->score < 0) != (sc->score < 0) || (sc->score >= 0 &&
	    fabs(got->score - sc->score) > 1e-6)) {
		if (got->score < 0)
			err_set(e, "the LRS holds no quiz result of course "
			    "'%s' for this officer, the certificate shows a "
			    "score of %.0f%%", sc->course_id, sc->score * 100);
		else if (sc->score < 0)
			err_set(e, "the LRS's quiz results of course '%s' "
			    "make a score of %.0f%%, the certificate shows "
			    "none", sc->course_id, got->score * 100);
		else
			err_set(e, "the LRS's quiz results of course '%s' "
			    "make a score of %.1f%%, the certificate says "
			    "%.1f%%", sc->course_id, got->score * 100,
			    sc->score * 100);
		return 1;
	}
	return 0;
}
