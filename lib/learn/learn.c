#include "learn/learn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/attempt.h"
#include "learn/review.h"
#include "store/store_review.h"
#include "base/buf.h"
#include "content/course.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "store/store_query.h"

static struct timespec
learn_when(const struct learn *l)
{
	struct timespec	ts;

	if (l->now != NULL) {
		ts.tv_sec = l->now();
		ts.tv_nsec = 0;
	} else
		clock_gettime(CLOCK_REALTIME, &ts);
	return ts;
}

/*
 * Enrol on first contact with a course (no statement of its own). Looked
 * up first: enrolling is a durable write, not worth a sync per page.
 */
static int
learn_enrol(struct learn *l, const struct course *c, struct err *e)
{
	struct store_progress	*pr = NULL;
	size_t			 n = 0;

	if (store_progress(l->st, l->officer.id, c->id, &pr, &n, e) == -1)
		return -1;
	free(pr);
	if (n > 0)
		return 0;
	return store_enrol(l->st, l->officer.id, c->id, learn_now(l), e);
}

static int
learn_module_index(const struct course *c, const struct module *m)
{
	return (int)(m - c->modules);
}

/* Fill one module's state from the store. */
static int
learn_module_state(struct learn *l, const struct course *c,
    const struct module *m, const struct store_module_state *ms, size_t nms,
    struct learn_module *out, struct err *e)
{
	struct store_attempt	*list = NULL;
	size_t			 i, n = 0;
	int			 rc;

	memset(out, 0, sizeof *out);
	out->best = -1;
	for (i = 0; i < nms; i++)
		if (strcmp(ms[i].module_id, m->id) == 0)
			out->done = ms[i].done;
	for (i = 0; i < m->npages; i++) {
		rc = store_page_seen(l->st, l->officer.id, c->id, m->id,
		    m->pages[i].id, e);
		if (rc == -1)
			return -1;
		out->pages_seen += rc;
	}
	if (m->quiz == NULL)
		return 0;
	if (store_attempt_list(l->st, l->officer.id, c->id, m->quiz->id,
	    &list, &n, e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (list[i].finished == 0) {
			if (list[i].remote)
				out->open_elsewhere++;
			else
				out->open = 1;
			continue;
		}
		out->attempts++;
		if (list[i].passed == 1)
			out->passed = 1;
		if (list[i].scaled > out->best)
			out->best = list[i].scaled;
	}
	store_attempt_list_free(list, n);
	return 0;
}

int
learn_course_state(struct learn *l, const struct course *c,
    struct learn_course *out, struct err *e)
{
	struct store_module_state	*ms = NULL;
	struct store_resume		 r;
	struct store_progress		*pr = NULL;
	size_t				 nms = 0, npr = 0, i;
	int				 rc;

	memset(out, 0, sizeof *out);
	out->nmodules = c->nmodules;
	out->modules = xcalloc(c->nmodules ? c->nmodules : 1,
	    sizeof *out->modules);
	for (i = 0; i < c->nmodules; i++)
		out->modules[i].best = -1;
	if (l->st == NULL)
		return 0;	/* preview: nothing is recorded */
	if (store_progress(l->st, l->officer.id, c->id, &pr, &npr, e) == -1)
		return -1;
	if (npr > 0) {
		out->enrolled = 1;
		out->complete = pr[0].completed != 0;
	}
	free(pr);
	if (!out->enrolled)
		return 0;
	if ((rc = store_resume(l->st, l->officer.id, c->id, &r, e)) == -1)
		return -1;
	if (rc == 0) {
		memcpy(out->resume_module, r.module_id, sizeof r.module_id);
		memcpy(out->resume_page, r.page_id, sizeof r.page_id);
		out->resume_at = r.at;
	}
	if (store_modules(l->st, l->officer.id, c->id, &ms, &nms, e) == -1)
		return -1;
	for (i = 0; i < c->nmodules; i++) {
		if (learn_module_state(l, c, &c->modules[i], ms, nms,
		    &out->modules[i], e) == -1) {
			free(ms);
			return -1;
		}
		out->modules_done += out->modules[i].done;
	}
	free(ms);
	return 0;
}

int
learn_attempts_used(const struct learn_module *lm)
{
	return lm->attempts + lm->open_elsewhere;
}

void
learn_course_release(struct learn_course *lc)
{
	free(lc->modules);
	lc->modules = NULL;
	lc->nmodules = 0;
}

/* Does the course's completion rule hold in 'lc'? */
static int
learn_rule_met(const struct course *c, const struct learn_course *lc)
{
	const struct module	*m;
	size_t			 i;
	int			 done = 0;

	for (i = 0; i < lc->nmodules; i++)
		done += lc->modules[i].done;
	switch (c->completion.kind) {
	case COMPLETE_ALL_MODULES:
		return done == (int)c->nmodules;
	case COMPLETE_MODULES:
		return done >= c->completion.count;
	case COMPLETE_PASS:
		for (i = 0; i < c->completion.nquizzes; i++) {
			if (course_quiz(c, c->completion.quizzes[i], &m) ==
			    NULL)
				return 0;
			if (!lc->modules[learn_module_index(c, m)].passed)
				return 0;
		}
		return 1;
	}
	return 0;
}

/*
 * After an event in module 'm': mark the module done when its pages were
 * all seen and its quiz passed, then the course complete when its rule
 * holds. Each writes its own "completed" statement, once.
 */
static int
learn_follow_up(struct learn *l, const struct course *c,
    const struct module *m, struct err *e)
{
	struct learn_course	 lc;
	struct learn_module	*lm;
	struct timespec		 when;
	char			 id[37], *json;
	struct store_stmt	 stmt;
	int			 rc = -1, passed;
	size_t			 i;

	if (learn_course_state(l, c, &lc, e) == -1)
		goto out;
	lm = &lc.modules[learn_module_index(c, m)];
	if (!lm->done && lm->pages_seen == (int)m->npages &&
	    (m->quiz == NULL || lm->passed)) {
		when = learn_when(l);
		if ((json = xapi_module_completed(&l->x, c, m, &when, id,
		    e)) == NULL)
			goto out;
		stmt.id = id;
		stmt.json = json;
		rc = store_module_done(l->st, l->officer.id, c->id, m->id,
		    when.tv_sec, &stmt, e);
		free(json);
		if (rc == -1)
			goto out;
		rc = -1;
		lm->done = 1;
		lc.modules_done++;
	}
	if (!lc.complete && learn_rule_met(c, &lc)) {
		/* passed: every quiz the rule looks at was passed */
		passed = 1;
		if (c->completion.kind == COMPLETE_PASS) {
			const struct module	*qm;

			for (i = 0; i < c->completion.nquizzes; i++)
				if (course_quiz(c, c->completion.quizzes[i],
				    &qm) == NULL ||
				    !lc.modules[learn_module_index(c, qm)].passed)
					passed = 0;
		} else if (c->completion.kind == COMPLETE_ALL_MODULES) {
			for (i = 0; i < c->nmodules; i++)
				if (c->modules[i].quiz != NULL &&
				    !lc.modules[i].passed)
					passed = 0;
		}
		when = learn_when(l);
		if ((json = xapi_course_completed(&l->x, c, passed, &when, id,
		    e)) == NULL)
			goto out;
		stmt.id = id;
		stmt.json = json;
		rc = store_course_complete(l->st, l->officer.id, c->id,
		    c->hours, passed, when.tv_sec, &stmt, e);
		free(json);
		if (rc == -1)
			goto out;
	}
	rc = 0;
out:
	learn_course_release(&lc);
	return rc;
}

int
learn_read_page(struct learn *l, const struct course *c,
    const struct module *m, size_t page, struct err *e)
{
	const struct page	*pg;
	struct store_page	 sp;
	struct store_stmt	 stmt;
	struct timespec		 when;
	char			 id[37], *json = NULL;
	int			 seen, rc;

	if (page >= m->npages)
		return err_set(e, "no page %zu in module '%s'", page + 1, m->id);
	if (l->st == NULL)
		return 0;	/* preview */
	pg = &m->pages[page];
	if (learn_enrol(l, c, e) == -1)
		return -1;
	if ((seen = store_page_seen(l->st, l->officer.id, c->id, m->id,
	    pg->id, e)) == -1)
		return -1;
	when = learn_when(l);
	memset(&sp, 0, sizeof sp);
	sp.officer_id = l->officer.id;
	sp.course_id = c->id;
	sp.module_id = m->id;
	sp.page_id = pg->id;
	sp.at = when.tv_sec;
	/* the first view is a learning event; later ones only move the mark */
	if (!seen) {
		if ((json = xapi_page_experienced(&l->x, c, m, pg, &when, id,
		    e)) == NULL)
			return -1;
		stmt.id = id;
		stmt.json = json;
	}
	rc = store_record_page(l->st, &sp, seen ? NULL : &stmt, e);
	free(json);
	if (rc == -1)
		return -1;
	/*
	 * Always, not only on a first view: if the program died between
	 * recording the page and marking the module done, this catches up
	 * (the follow-up never completes anything twice).
	 */
	return learn_follow_up(l, c, m, e);
}

int
learn_catch_up(struct learn *l, const struct course *c, struct err *e)
{
	size_t	i;

	if (l->st == NULL)
		return 0;
	for (i = 0; i < c->nmodules; i++)
		if (learn_follow_up(l, c, &c->modules[i], e) == -1)
			return -1;
	return 0;
}

/* Fill la->responses from stored answers. */
static void
learn_attempt_restore(struct learn_attempt *la, struct store_answer *ans,
    size_t n)
{
	size_t	i, k;

	for (i = 0; i < n; i++) {
		k = attempt_plan_find(la->plan, ans[i].question_id);
		if (k == ATTEMPT_NONE || ans[i].response == NULL)
			continue;
		free(la->responses[k]);
		la->responses[k] = xstrdup(ans[i].response);
		la->shown[k].correct = ans[i].correct;
		la->shown[k].points = ans[i].points;
		la->recorded[k] = &la->shown[k];
	}
}

/* An attempt in the preview: a plan of its own, nothing stored. */
static struct learn_attempt *
learn_attempt_preview(struct learn *l, const struct course *c,
    const struct module *m)
{
	struct learn_attempt	*la;

	la = xcalloc(1, sizeof *la);
	la->c = c;
	la->m = m;
	la->plan = attempt_plan_new(m->quiz, attempt_seed());
	learn_attempt_alloc(la);
	la->a.started = learn_now(l);
	la->a.time_limit = m->quiz->time_limit;
	la->a.passed = -1;
	return la;
}

/*
 * Take up the open attempt la->a with its answers 'ans' (freed here): 1
 * when its plan still fits the quiz; 0 when the quiz lost a question
 * since, so the attempt is closed (la->restarted) for a new one; -1 and
 * *e when the store fails.
 */
static int
learn_attempt_resume(struct learn *l, struct learn_attempt *la,
    struct store_answer *ans, size_t nans, struct err *e)
{
	struct err	stale;

	/* the same questions in the same order */
	err_clear(&stale);
	la->plan = attempt_plan_decode(la->m->quiz, la->a.order, &stale);
	if (la->plan != NULL) {
		learn_attempt_alloc(la);
		learn_attempt_restore(la, ans, nans);
		store_answer_list_free(ans, nans);
		return 1;
	}
	store_answer_list_free(ans, nans);
	if (store_attempt_void(l->st, la->a.id, learn_now(l), e) == -1)
		return -1;
	store_attempt_release(&la->a);
	la->restarted = 1;
	return 0;
}

/* 0 when the officer has an attempt left at m's quiz, else -1 and *e. */
static int
learn_attempt_left(struct learn *l, const struct course *c,
    const struct module *m, struct err *e)
{
	struct learn_course	lc;
	int			used;

	if (learn_course_state(l, c, &lc, e) == -1) {
		learn_course_release(&lc);
		return -1;
	}
	used = learn_attempts_used(&lc.modules[learn_module_index(c, m)]);
	learn_course_release(&lc);
	if (!attempt_can_start(m->quiz, used))
		return err_set(e, "no attempts left at quiz '%s' (%d used)",
		    m->quiz->id, used);
	return 0;
}

/* A new attempt in la (a new plan), stored with its statement. */
static int
learn_attempt_start(struct learn *l, struct learn_attempt *la,
    struct err *e)
{
	const struct course	*c = la->c;
	const struct module	*m = la->m;
	struct store_stmt	 stmt;
	struct timespec		 when;
	struct buf		 order;
	char			 id[37], *json;
	int			 rc;

	la->plan = attempt_plan_new(m->quiz, attempt_seed());
	learn_attempt_alloc(la);
	buf_init(&order);
	attempt_plan_encode(la->plan, &order);
	memset(&la->a, 0, sizeof la->a);
	la->a.officer_id = l->officer.id;
	snprintf(la->a.course_id, sizeof la->a.course_id, "%s", c->id);
	snprintf(la->a.course_version, sizeof la->a.course_version, "%s",
	    c->version);
	snprintf(la->a.content_hash, sizeof la->a.content_hash, "%s", c->hash);
	snprintf(la->a.quiz_id, sizeof la->a.quiz_id, "%s", m->quiz->id);
	la->a.order = buf_detach(&order, NULL);
	when = learn_when(l);
	la->a.started = when.tv_sec;
	la->a.time_limit = m->quiz->time_limit;
	la->a.passed = -1;
	store_uuid(la->a.id);
	if ((json = xapi_quiz_attempted(&l->x, c, m, la->a.id, &when, id,
	    e)) == NULL)
		return -1;
	stmt.id = id;
	stmt.json = json;
	rc = store_attempt_start(l->st, &la->a, &stmt, e);
	free(json);
	return rc;
}

struct learn_attempt *
learn_attempt_begin(struct learn *l, const struct course *c,
    const struct module *m, struct err *e)
{
	struct learn_attempt	*la;
	struct store_answer	*ans = NULL;
	size_t			 nans = 0;
	int			 rc;

	if (m->quiz == NULL) {
		err_set(e, "module '%s' has no quiz", m->id);
		return NULL;
	}
	if (c->header) {
		/* a bug: the caller must open the course (its body) first */
		err_set(e, "course '%s' is not open", c->id);
		return NULL;
	}
	if (l->st == NULL)
		return learn_attempt_preview(l, c, m);
	if (learn_enrol(l, c, e) == -1)
		return NULL;
	la = xcalloc(1, sizeof *la);
	la->c = c;
	la->m = m;
	rc = store_attempt_open(l->st, l->officer.id, c->id, m->quiz->id,
	    &la->a, &ans, &nans, e);
	if (rc == -1)
		goto fail;
	if (rc == 0 && (rc = learn_attempt_resume(l, la, ans, nans, e)) != 0) {
		if (rc == 1)
			return la;
		goto fail;
	}
	if (learn_attempt_left(l, c, m, e) == -1 ||
	    learn_attempt_start(l, la, e) == -1)
		goto fail;
	return la;
fail:
	learn_attempt_free(la);
	return NULL;
}

int
learn_attempt_version(struct learn *l, const struct course *c,
    const struct module *m, char *hash, size_t size, struct err *e)
{
	struct store_attempt	 a;
	struct store_answer	*ans = NULL;
	size_t			 nans = 0;
	int			 rc;

	if (l->st == NULL || m->quiz == NULL)
		return 0;
	rc = store_attempt_open(l->st, l->officer.id, c->id, m->quiz->id, &a,
	    &ans, &nans, e);
	if (rc != 0)
		return rc == -1 ? -1 : 0;
	store_answer_list_free(ans, nans);
	rc = a.content_hash[0] != '\0' && strcmp(a.content_hash, c->hash) !=
	    0;
	if (rc)
		snprintf(hash, size, "%s", a.content_hash);
	store_attempt_release(&a);
	return rc;
}

void
learn_question_shown(struct learn *l, struct learn_attempt *la, size_t i)
{
	if (i < la->n)
		la->shown_at[i] = learn_when(l);
}

int
learn_answer(struct learn *l, struct learn_attempt *la, size_t i,
    const char *response, struct attempt_score *sc, struct err *e)
{
	const struct question	*q;
	struct store_answer	 sa;
	struct store_stmt	 stmt;
	struct xapi_answer	 xa;
	struct timespec		 when;
	char			**pats;
	size_t			 np;
	char			 id[37], *json;
	int			 rc;

	if (i >= la->n)
		return err_set(e, "no question %zu in this attempt", i + 1);
	q = la->plan->qs[i].q;
	if (la->review != NULL) {
		if (learn_review_answer(l, la->c, la->m, q, &la->review[i],
		    response, sc, e) == -1)
			return -1;
		free(la->responses[i]);
		la->responses[i] = xstrdup(response);
		la->shown[i] = *sc;
		la->recorded[i] = &la->shown[i];
		return 0;
	}
	attempt_score(q, response, sc);
	if (l->st == NULL) {
		free(la->responses[i]);
		la->responses[i] = xstrdup(response);
		la->shown[i] = *sc;
		la->recorded[i] = &la->shown[i];
		return 0;
	}
	pats = attempt_patterns(q, &np);
	memset(&xa, 0, sizeof xa);
	xa.registration = la->a.id;
	xa.response = response;
	xa.patterns = (const char *const *)pats;
	xa.npatterns = np;
	xa.success = sc->correct;
	xa.raw = sc->points;
	when = learn_when(l);
	/* from showing the question to the answer; whole seconds */
	xa.duration = la->shown_at[i].tv_sec != 0 ? (long)(when.tv_sec -
	    la->shown_at[i].tv_sec) : -1;
	if (xa.duration >= 0 && when.tv_nsec < la->shown_at[i].tv_nsec &&
	    xa.duration > 0)
		xa.duration--;
	json = xapi_question_answered(&l->x, la->c, la->m, q, &xa, &when, id,
	    e);
	attempt_patterns_free(pats, np);
	if (json == NULL)
		return -1;
	memset(&sa, 0, sizeof sa);
	snprintf(sa.attempt_id, sizeof sa.attempt_id, "%s", la->a.id);
	snprintf(sa.question_id, sizeof sa.question_id, "%s", q->id);
	sa.response = (char *)response;
	sa.correct = sc->correct;
	sa.points = sc->points;
	sa.answered = when.tv_sec;
	stmt.id = id;
	stmt.json = json;
	rc = store_record_answer(l->st, &sa, &stmt, e);
	free(json);
	if (rc == -1)
		return -1;
	free(la->responses[i]);
	la->responses[i] = xstrdup(response);
	la->shown[i] = *sc;
	la->recorded[i] = &la->shown[i];
	/* The answer is kept either way; a miss also goes to review. */
	return learn_review_note(l, la->c, la->m, q, sc->correct, e);
}

int
learn_attempt_mastery(const struct learn_attempt *la)
{
	size_t	i;

	if (la->m->quiz->mastery_of <= 0 || la->review != NULL)
		return 0;
	if (attempt_mastered(la->m->quiz, la->n,
	    (const char *const *)la->responses, la->shown))
		return 1;
	for (i = 0; i < la->n; i++)
		if (la->responses[i] == NULL)
			return 0;
	return -1;
}

int
learn_attempt_finish(struct learn *l, struct learn_attempt *la,
    struct attempt_result *res, struct err *e)
{
	struct store_score	 sc;
	struct store_stmt	 stmt;
	struct xapi_score	 xs;
	struct timespec		 when;
	char			 id[37], *json;
	long			 secs;
	int			 rc;

	attempt_result_recorded(la->m->quiz, la->plan,
	    (const char *const *)la->responses, la->recorded, res);
	if (l->st == NULL || la->review != NULL) {
		la->a.finished = learn_now(l);
		la->a.passed = res->passed;
		return 0;
	}
	when = learn_when(l);
	secs = (long)(when.tv_sec - la->a.started);
	if (secs < 0)
		secs = 0;
	xs.raw = res->raw;
	xs.max = res->max;
	if ((json = xapi_quiz_ended(&l->x, la->c, la->m, la->a.id,
	    res->passed ? XAPI_PASSED : XAPI_FAILED, &xs, secs, &when, id,
	    e)) == NULL)
		return -1;
	sc.points = res->raw;
	sc.max_points = res->max;
	sc.scaled = res->scaled;
	sc.passed = res->passed;
	stmt.id = id;
	stmt.json = json;
	rc = store_attempt_finish(l->st, la->a.id, &sc, when.tv_sec, &stmt, e);
	free(json);
	if (rc == -1)
		return -1;
	la->a.finished = when.tv_sec;
	la->a.passed = res->passed;
	return learn_follow_up(l, la->c, la->m, e);
}
