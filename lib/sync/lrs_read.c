#include "sync/lrs_read.h"

/*
 * The population read (lrs_read.h): one GET per verb and page, each page's
 * statements merged at once (a page is at most 500 statements, so memory
 * stays one page whatever the population). The merge is the pull's
 * (pull_merge_json): a statement is read back exactly as a pull reads it.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "base/uri.h"
#include "base/xalloc.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "sync/pull.h"
#include "sync/sync.h"

#define LRS_READ_PAGE	500	/* statements asked for per page */

/* What item analysis reads: an attempt, its answers, its result. */
static const char *const lrs_read_verbs[] = {
	"attempted", "answered", "passed", "failed", "completed", NULL
};

struct lrs_read {
	struct store		*st;
	const struct transport	*t;
	const char		*homepage;
	const char		*base;
	time_t			 deadline;
	struct lrs_read_counts	*c;
};

/* Do one GET of 'resource', blocking until its answer or the deadline. */
static int
lrs_read_get(struct lrs_read *r, const char *resource, struct sync_resp *resp,
    struct err *e)
{
	struct sync_req	req;
	time_t		now = time(NULL);

	if (now >= r->deadline)
		return err_set(e, "reading the LRS took too long");
	memset(&req, 0, sizeof req);
	req.method = SYNC_GET;
	req.resource = resource;
	req.whole = 1;
	req.timeout_ms = (long)(r->deadline - now) * 1000;
	if (r->t->start(r->t->ctx, &req, e) == -1)
		return -1;
	while (r->t->poll(r->t->ctx, resp) == 0)
		if (r->t->wait != NULL)
			r->t->wait(r->t->ctx, 50);
	if (resp->net != SYNC_NET_OK)
		return err_set(e, "the LRS cannot be reached: %s",
		    resp->error);
	if (resp->status == 401 || resp->status == 403)
		return err_set(e, "the LRS refused to let this key read "
		    "statements (%d): --from-lrs needs statements read for "
		    "the agency's officers (docs/stats.md)", resp->status);
	if (resp->status < 200 || resp->status >= 300)
		return err_set(e, "GET statements: HTTP %d", resp->status);
	if (resp->data == NULL)
		return err_set(e, "the LRS's answer to GET statements is "
		    "too long");
	return 0;
}

/*
 * The officer of statement 'j' in the store, added when new: *id, or 0
 * when the statement is not an account of 'homepage'. -1 and *e.
 */
static int
lrs_read_officer(struct lrs_read *r, const struct json *j, int64_t *id,
    struct err *e)
{
	struct store_officer	 o;
	const struct json	*acct;
	const char		*home, *name;
	int			 rc;

	*id = 0;
	acct = json_get(json_get(j, "actor"), "account");
	home = json_get_str(acct, "homePage");
	name = json_get_str(acct, "name");
	if (name == NULL || home == NULL || (r->homepage[0] != '\0' &&
	    strcmp(home, r->homepage) != 0))
		return 0;
	if ((rc = store_officer_get(r->st, name, &o, e)) == -1)
		return -1;
	if (rc == 1) {
		memset(&o, 0, sizeof o);
		/* a code the store cannot hold is not one of ours */
		if (store_officer_set(&o, name, name, "other", NULL, NULL,
		    e) == -1)
			return 0;
		if (store_officer_add(r->st, &o, time(NULL), e) == -1)
			return -1;
	}
	*id = o.id;
	return 0;
}

/* Merge the statements of one page; its 'more' (or NULL) into *more. */
static int
lrs_read_page(struct lrs_read *r, const struct sync_resp *resp, char **more,
    struct err *e)
{
	struct json	*j, *list, *it;
	const char	*m;
	char		*text;
	size_t		 i, n;
	int64_t		 who;
	struct err	 e2;
	int		 rc = -1, merged;

	*more = NULL;
	if ((j = json_parse(resp->data, resp->data_len, 0)) == NULL ||
	    (list = json_get(j, "statements")) == NULL || json_is_obj(list)) {
		json_free(j);
		return err_set(e, "the LRS's answer to GET statements is not "
		    "a statement result");
	}
	n = json_size(list);
	for (i = 0; i < n; i++) {
		it = json_item(list, i);
		r->c->seen++;
		if (lrs_read_officer(r, it, &who, e) == -1)
			goto out;
		if (who == 0) {
			r->c->foreign++;
			continue;
		}
		if ((text = json_dump(it, 0, 0)) == NULL) {
			r->c->bad++;
			continue;
		}
		err_clear(&e2);
		/* one odd statement never stops the rest */
		merged = pull_merge_json(r->st, r->base, who, text,
		    strlen(text), &e2);
		free(text);
		if (merged == -1)
			r->c->bad++;
		else
			r->c->merged += merged;
	}
	m = json_get_str(j, "more");
	if (m != NULL && *m != '\0' && n > 0)
		*more = xstrdup(m);
	rc = 0;
out:
	json_free(j);
	return rc;
}

/* Read every page of one verb's statements about 'activity'. */
static int
lrs_read_verb(struct lrs_read *r, const char *activity, const char *verb,
    struct err *e)
{
	struct sync_resp	 resp;
	struct buf		 b;
	char			*res, *more;
	int			 rc = 0;

	buf_init(&b);
	buf_adds(&b, "statements?activity=");
	uri_escape(&b, activity);
	buf_adds(&b, "&related_activities=true&verb=");
	uri_escape(&b, "http://adlnet.gov/expapi/verbs/");
	uri_escape(&b, verb);
	buf_addf(&b, "&ascending=true&limit=%d", LRS_READ_PAGE);
	res = buf_detach(&b, NULL);
	while (res != NULL) {
		if (lrs_read_get(r, res, &resp, e) == -1 ||
		    lrs_read_page(r, &resp, &more, e) == -1) {
			rc = -1;
			break;
		}
		free(res);
		res = more;
	}
	free(res);
	return rc;
}

int
lrs_read_course(struct store *st, const struct transport *t,
    const char *homepage, const char *activity_base, const char *course_id,
    int max_seconds, struct lrs_read_counts *c, struct err *e)
{
	struct lrs_read	 r;
	struct buf	 act;
	size_t		 i, n;
	int		 rc = 0;

	memset(&r, 0, sizeof r);
	r.st = st;
	r.t = t;
	r.homepage = homepage != NULL ? homepage : "";
	r.base = activity_base != NULL ? activity_base : "";
	r.deadline = time(NULL) + (max_seconds > 0 ? max_seconds : 1);
	r.c = c;
	buf_init(&act);
	buf_adds(&act, r.base);
	n = act.len;
	while (n > 0 && act.data[n - 1] == '/')
		act.data[--n] = '\0';
	act.len = n;
	buf_addf(&act, "/course/%s", course_id);
	for (i = 0; lrs_read_verbs[i] != NULL && rc == 0; i++)
		rc = lrs_read_verb(&r, act.data, lrs_read_verbs[i], e);
	buf_release(&act);
	return rc;
}
