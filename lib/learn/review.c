#include "learn/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "learn/attempt.h"
#include "learn/fsrs.h"
#include "learn/learn_session.h"
#include "store/store_review.h"

/* A string and its terminating NUL, so "ab" + "c" differs from "a" + "bc". */
static void
review_hash_str(struct sha256 *h, const char *s)
{
	if (s == NULL)
		s = "";
	sha256_update(h, s, strlen(s) + 1);
}

static void
review_hash_lstr(struct sha256 *h, const struct lstr *ls)
{
	int	i;

	for (i = 0; i < LANG_COUNT; i++)
		review_hash_str(h, ls->s[i]);
}

void
review_question_hash(const struct question *q, char out[65])
{
	struct sha256	h;
	struct buf	b;
	char		num[64];
	size_t		i;

	sha256_init(&h);
	review_hash_str(&h, qtype_name(q->type));
	review_hash_lstr(&h, &q->prompt);
	snprintf(num, sizeof num, "%.17g", q->points);
	review_hash_str(&h, num);
	for (i = 0; i < q->nchoices; i++) {
		review_hash_str(&h, q->choices[i].id);
		review_hash_lstr(&h, &q->choices[i].text);
	}
	for (i = 0; i < q->npairs; i++) {
		review_hash_str(&h, q->pairs[i].id);
		review_hash_lstr(&h, &q->pairs[i].left);
		review_hash_lstr(&h, &q->pairs[i].right);
	}
	for (i = 0; i < q->nitems; i++) {
		review_hash_str(&h, q->items[i].id);
		review_hash_lstr(&h, &q->items[i].text);
	}
	/* The key, written the same way for every question type. */
	buf_init(&b);
	for (i = 0; i < attempt_npatterns(q); i++) {
		buf_reset(&b);
		attempt_correct_pattern(q, i, &b);
		review_hash_str(&h, b.data);
	}
	buf_release(&b);
	sha256_hex(&h, out);
}

/* Fill *r as the key of question 'q' of 'z' for the officer of 'l'. */
static void
review_key(const struct learn *l, const struct course *c,
    const struct quiz *z, const struct question *q, struct store_review *r)
{
	memset(r, 0, sizeof *r);
	r->officer_id = l->officer.id;
	snprintf(r->course_id, sizeof r->course_id, "%s", c->id);
	snprintf(r->quiz_id, sizeof r->quiz_id, "%s", z->id);
	snprintf(r->question_id, sizeof r->question_id, "%s", q->id);
}

int
learn_review_note(struct learn *l, const struct course *c,
    const struct module *m, const struct question *q, int correct,
    struct err *e)
{
	struct store_review	r, old;
	struct fsrs_card	card = { 0 };
	time_t			now;
	int			rc;

	if (l->st == NULL || correct || !c->review || m->quiz == NULL)
		return 0;
	review_key(l, c, m->quiz, q, &r);
	review_question_hash(q, r.qhash);
	rc = store_review_get(l->st, r.officer_id, r.course_id, r.quiz_id,
	    r.question_id, &old, e);
	if (rc == -1)
		return -1;
	if (rc == 0 && strcmp(old.qhash, r.qhash) == 0)
		return 0;	/* already scheduled: reviews move it on */
	now = learn_now(l);
	fsrs_review(&l->fsrs, &card, FSRS_AGAIN, now);
	r.difficulty = card.difficulty;
	r.stability = card.stability;
	r.reps = card.reps;
	r.lapses = card.lapses;
	r.last = card.last;
	r.due = card.due;
	r.added = now;
	return store_review_put(l->st, &r, e);
}

int
learn_review_find(const struct course *c, const struct store_review *r,
    const struct module **m, const struct question **q)
{
	const struct quiz	*z;

	if ((z = course_quiz(c, r->quiz_id, m)) == NULL ||
	    (*q = quiz_question(z, r->question_id)) == NULL)
		return 1;
	return 0;
}

/* Start row 'r' again as a new card, due now: its question changed. */
static int
review_restart(struct learn *l, struct store_review *r, const char *qhash,
    struct err *e)
{
	snprintf(r->qhash, sizeof r->qhash, "%s", qhash);
	r->difficulty = r->stability = 0;
	r->reps = r->lapses = 0;
	r->last = r->due = learn_now(l);
	return store_review_put(l->st, r, e);
}

/*
 * Row 'r' came from another machine without the question's hash
 * (store/store_pull.h): take the question as it is now. A pulled miss
 * (new, last = the miss) is scheduled as a miss made here would be; a
 * pulled review keeps the state it brought.
 */
static int
review_adopt(struct learn *l, struct store_review *r, const char *qhash,
    struct err *e)
{
	struct fsrs_card	card = { 0 };

	snprintf(r->qhash, sizeof r->qhash, "%s", qhash);
	if (r->reps == 0) {
		fsrs_review(&l->fsrs, &card, FSRS_AGAIN, r->last);
		r->difficulty = card.difficulty;
		r->stability = card.stability;
		r->reps = card.reps;
		r->lapses = card.lapses;
		r->last = card.last;
		r->due = card.due;
	}
	return store_review_put(l->st, r, e);
}

int
learn_review_sync(struct learn *l, const struct course *c, struct err *e)
{
	struct store_review	*list = NULL;
	const struct module	*m;
	const struct question	*q;
	size_t			 i, n = 0;
	char			 hash[65];
	int			 rc = 0;

	if (l->st == NULL)
		return 0;
	if (store_review_list(l->st, l->officer.id, c->id, 0, &list, &n,
	    e) == -1)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		if (!c->review || learn_review_find(c, &list[i], &m, &q) == 1) {
			rc = store_review_remove(l->st, list[i].officer_id,
			    list[i].course_id, list[i].quiz_id,
			    list[i].question_id, e);
			continue;
		}
		review_question_hash(q, hash);
		if (list[i].qhash[0] == '\0')
			rc = review_adopt(l, &list[i], hash, e);
		else if (strcmp(hash, list[i].qhash) != 0)
			rc = review_restart(l, &list[i], hash, e);
	}
	free(list);
	return rc;
}

int
learn_review_due(struct learn *l, const char *course_id,
    struct store_review **list, size_t *n, struct err *e)
{
	*list = NULL;
	*n = 0;
	if (l->st == NULL)
		return 0;
	return store_review_list(l->st, l->officer.id, course_id,
	    fsrs_day_end(learn_now(l)), list, n, e);
}

/* The statement of one review; NULL and *e on failure. */
static char *
review_stmt(struct learn *l, const struct course *c, const struct module *m,
    const struct question *q, const struct store_review *r,
    const char *response, const struct attempt_score *sc,
    const struct timespec *when, char id[37], struct err *e)
{
	struct xapi_answer	 xa;
	struct xapi_review	 xr;
	char			**pats;
	size_t			 np;
	char			*json;

	pats = attempt_patterns(q, &np);
	memset(&xa, 0, sizeof xa);
	xa.response = response;
	xa.patterns = (const char *const *)pats;
	xa.npatterns = np;
	xa.success = sc->correct;
	xa.raw = sc->points;
	xa.duration = -1;
	xr.difficulty = r->difficulty;
	xr.stability = r->stability;
	xr.reps = r->reps;
	xr.lapses = r->lapses;
	xr.due = r->due;
	xr.qhash = r->qhash;
	json = xapi_question_reviewed(&l->x, c, m, q, &xa, &xr, when, id, e);
	attempt_patterns_free(pats, np);
	return json;
}

int
learn_review_answer(struct learn *l, const struct course *c,
    const struct module *m, const struct question *q, struct store_review *r,
    const char *response, struct attempt_score *sc, struct err *e)
{
	struct store_review_answer	 a;
	struct store_review		 next;
	struct store_stmt		 stmt;
	struct fsrs_card		 card;
	struct timespec			 when;
	enum fsrs_grade			 g;
	char				 id[37], *json;
	int				 rc;

	attempt_score(q, response, sc);
	if (l->st == NULL)
		return 0;
	g = (enum fsrs_grade)store_review_grade(sc->correct, sc->points);
	card.difficulty = r->difficulty;
	card.stability = r->stability;
	card.reps = r->reps;
	card.lapses = r->lapses;
	card.last = r->last;
	card.due = r->due;
	when.tv_sec = learn_now(l);
	when.tv_nsec = 0;
	fsrs_review(&l->fsrs, &card, g, when.tv_sec);
	next = *r;
	next.difficulty = card.difficulty;
	next.stability = card.stability;
	next.reps = card.reps;
	next.lapses = card.lapses;
	next.last = card.last;
	next.due = card.due;
	if ((json = review_stmt(l, c, m, q, &next, response, sc, &when, id,
	    e)) == NULL)
		return -1;
	a.response = response;
	a.correct = sc->correct;
	a.grade = (int)g;
	a.at = when.tv_sec;
	stmt.id = id;
	stmt.json = json;
	rc = store_review_record(l->st, &next, &a, &stmt, e);
	free(json);
	if (rc == 0)
		*r = next;
	return rc;
}

struct learn_attempt *
learn_review_begin(struct learn *l, const struct course *c,
    const struct module *m, const struct store_review *rows, size_t n,
    struct err *e)
{
	struct learn_attempt	*la;
	struct question		*qs;
	struct quiz		 tmp;
	const struct question	*q;
	size_t			 i;

	(void)l;
	if (m->quiz == NULL || n == 0) {
		err_set(e, "nothing to review");
		return NULL;
	}
	/* a quiz of just these questions gives the display orders */
	qs = xcalloc(n, sizeof *qs);
	for (i = 0; i < n; i++) {
		if ((q = quiz_question(m->quiz, rows[i].question_id)) == NULL) {
			err_set(e, "quiz '%s' has no question '%s'",
			    m->quiz->id, rows[i].question_id);
			free(qs);
			return NULL;
		}
		qs[i] = *q;
	}
	tmp = *m->quiz;
	tmp.questions = qs;
	tmp.nquestions = n;
	tmp.draw = 0;
	tmp.shuffle_questions = 0;
	la = xcalloc(1, sizeof *la);
	la->c = c;
	la->m = m;
	la->plan = attempt_plan_new(&tmp, attempt_seed());
	/* then point back into the course: statements check membership */
	la->plan->quiz = m->quiz;
	for (i = 0; i < n; i++)
		la->plan->qs[i].q = quiz_question(m->quiz,
		    rows[i].question_id);
	free(qs);
	learn_attempt_alloc(la);
	la->review = xcalloc(n, sizeof *la->review);
	memcpy(la->review, rows, n * sizeof *rows);
	la->a.passed = -1;
	return la;
}
