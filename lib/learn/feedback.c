#include "learn/feedback.h"

#include <stdlib.h>
#include <string.h>

#include "learn/attempt.h"
#include "base/err.h"
#include "store/store_event.h"
#include "content/vocab.h"
#include "base/xalloc.h"

/* Collecting: every tag seen and every page pointed at. */
struct fb_acc {
	const struct course	*c;
	struct feedback_tag	*tags;
	size_t			 ntags, tcap;
	struct feedback_page	*pages;
	size_t			 npages, pcap;
	size_t			 questions;
};

void
feedback_init(struct feedback *f)
{
	memset(f, 0, sizeof *f);
}

void
feedback_release(struct feedback *f)
{
	free(f->strengths);
	free(f->weaker);
	free(f->revisit);
	memset(f, 0, sizeof *f);
}

static void
fb_tag(struct fb_acc *acc, const char *tag, int is_area,
    const struct attempt_score *s)
{
	struct feedback_tag	*t;
	size_t			 i;

	for (i = 0; i < acc->ntags; i++)
		if (acc->tags[i].is_area == is_area &&
		    strcmp(acc->tags[i].tag, tag) == 0)
			break;
	if (i == acc->ntags) {
		if (acc->ntags == acc->tcap) {
			acc->tcap = acc->tcap ? acc->tcap * 2 : 8;
			acc->tags = xreallocarray(acc->tags, acc->tcap,
			    sizeof *acc->tags);
		}
		t = &acc->tags[acc->ntags++];
		memset(t, 0, sizeof *t);
		t->tag = tag;
		t->is_area = is_area;
		t->label = is_area ? NULL : course_tag_label(acc->c, tag);
	}
	t = &acc->tags[i];
	t->points += s->points;
	t->max += s->max;
	t->asked++;
	if (s->correct)
		t->correct++;
}

static void
fb_page(struct fb_acc *acc, const struct module *m, const char *page_id)
{
	const struct page	*p;
	struct feedback_page	*fp;
	size_t			 i, pi;

	if ((p = module_page(m, page_id, &pi)) == NULL)
		return;
	for (i = 0; i < acc->npages; i++)
		if (acc->pages[i].p == p) {
			acc->pages[i].misses++;
			return;
		}
	if (acc->npages == acc->pcap) {
		acc->pcap = acc->pcap ? acc->pcap * 2 : 8;
		acc->pages = xreallocarray(acc->pages, acc->pcap,
		    sizeof *acc->pages);
	}
	fp = &acc->pages[acc->npages++];
	fp->m = m;
	fp->p = p;
	fp->module_index = (size_t)(m - acc->c->modules);
	fp->page_index = pi;
	fp->misses = 1;
}

/* Count question 'q' of module 'm', scored 's'. */
static void
fb_add(struct fb_acc *acc, const struct module *m, const struct question *q,
    const struct attempt_score *s)
{
	size_t	i;

	acc->questions++;
	if (q->ntags == 0)
		fb_tag(acc, vocab_areas[acc->c->area].id, 1, s);
	for (i = 0; i < q->ntags; i++)
		fb_tag(acc, q->tags[i], 0, s);
	if (s->correct)
		return;
	for (i = 0; i < q->nrevisit; i++)
		fb_page(acc, m, q->revisit[i]);
}

static int
fb_strong_cmp(const void *a, const void *b)
{
	const struct feedback_tag *x = a, *y = b;

	if (x->ratio != y->ratio)
		return x->ratio > y->ratio ? -1 : 1;
	if (x->asked != y->asked)
		return x->asked > y->asked ? -1 : 1;
	return strcmp(x->tag, y->tag);
}

static int
fb_weak_cmp(const void *a, const void *b)
{
	const struct feedback_tag *x = a, *y = b;

	if (x->ratio != y->ratio)
		return x->ratio < y->ratio ? -1 : 1;
	if (x->asked != y->asked)
		return x->asked > y->asked ? -1 : 1;
	return strcmp(x->tag, y->tag);
}

static int
fb_page_cmp(const void *a, const void *b)
{
	const struct feedback_page *x = a, *y = b;

	if (x->module_index != y->module_index)
		return x->module_index < y->module_index ? -1 : 1;
	if (x->page_index != y->page_index)
		return x->page_index < y->page_index ? -1 : 1;
	return 0;
}

static void
fb_finish(struct fb_acc *acc, struct feedback *out)
{
	struct feedback_tag	*t;
	size_t			 i;

	feedback_init(out);
	out->questions = acc->questions;
	for (i = 0; i < acc->ntags; i++) {
		t = &acc->tags[i];
		t->ratio = t->max > 0 ? t->points / t->max : 0;
		if (t->ratio + 1e-9 >= FEEDBACK_STRONG) {
			out->strengths = xreallocarray(out->strengths,
			    out->nstrengths + 1, sizeof *out->strengths);
			out->strengths[out->nstrengths++] = *t;
		} else if (t->ratio < FEEDBACK_WEAK) {
			out->weaker = xreallocarray(out->weaker,
			    out->nweaker + 1, sizeof *out->weaker);
			out->weaker[out->nweaker++] = *t;
		}
	}
	if (out->nstrengths > 1)
		qsort(out->strengths, out->nstrengths, sizeof *out->strengths,
		    fb_strong_cmp);
	if (out->nweaker > 1)
		qsort(out->weaker, out->nweaker, sizeof *out->weaker,
		    fb_weak_cmp);
	if (acc->npages > 1)
		qsort(acc->pages, acc->npages, sizeof *acc->pages,
		    fb_page_cmp);
	out->revisit = acc->pages;
	out->nrevisit = acc->npages;
	acc->pages = NULL;
	free(acc->tags);
	acc->tags = NULL;
}

void
feedback_for_attempt(const struct course *c, const struct module *m,
    const struct attempt_plan *plan, const struct attempt_result *res,
    struct feedback *out)
{
	struct fb_acc	acc;
	size_t		i;

	memset(&acc, 0, sizeof acc);
	acc.c = c;
	for (i = 0; i < plan->n && i < res->n; i++)
		fb_add(&acc, m, plan->qs[i].q, &res->scores[i]);
	fb_finish(&acc, out);
}

/* Add the latest finished attempt 'a' at a quiz of 'c'. */
static int
fb_add_attempt(struct store *st, struct fb_acc *acc,
    const struct store_attempt *a, struct err *e)
{
	const struct module	*m;
	const struct quiz	*z;
	const struct question	*q;
	struct attempt_plan	*plan;
	struct store_answer	*ans = NULL;
	struct attempt_score	 s;
	size_t			 n = 0, i, k;

	if ((z = course_quiz(acc->c, a->quiz_id, &m)) == NULL)
		return 0;	/* a quiz the content no longer has */
	if (store_answers(st, a->id, &ans, &n, e) == -1)
		return -1;
	/* the plan says which questions were asked, answered or not */
	plan = a->order != NULL ? attempt_plan_decode(z, a->order, NULL) :
	    NULL;
	if (plan != NULL) {
		for (i = 0; i < plan->n; i++) {
			q = plan->qs[i].q;
			memset(&s, 0, sizeof s);
			s.max = q->points;
			for (k = 0; k < n; k++)
				if (strcmp(ans[k].question_id, q->id) == 0) {
					s.correct = ans[k].correct;
					s.points = ans[k].points;
				}
			fb_add(acc, m, q, &s);
		}
	} else
		for (k = 0; k < n; k++) {
			if ((q = quiz_question(z, ans[k].question_id)) == NULL)
				continue;
			s.correct = ans[k].correct;
			s.points = ans[k].points;
			s.max = q->points;
			fb_add(acc, m, q, &s);
		}
	attempt_plan_free(plan);
	store_answer_list_free(ans, n);
	return 0;
}

int
feedback_for_course(struct store *st, int64_t officer_id,
    const struct course *c, struct feedback *out, struct err *e)
{
	struct fb_acc		 acc;
	struct store_attempt	*list = NULL;
	size_t			 n = 0, i, j;
	int			 rc = 0;

	feedback_init(out);
	memset(&acc, 0, sizeof acc);
	acc.c = c;
	if (store_attempt_list(st, officer_id, c->id, NULL, &list, &n, e) ==
	    -1)
		return -1;
	/* newest first: the first finished attempt at each quiz counts */
	for (i = 0; i < n && rc == 0; i++) {
		if (list[i].finished == 0)
			continue;
		for (j = 0; j < i; j++)
			if (list[j].finished != 0 &&
			    strcmp(list[j].quiz_id, list[i].quiz_id) == 0)
				break;
		if (j == i)
			rc = fb_add_attempt(st, &acc, &list[i], e);
	}
	store_attempt_list_free(list, n);
	if (rc == -1) {
		free(acc.tags);
		free(acc.pages);
		return -1;
	}
	fb_finish(&acc, out);
	return 0;
}

const char *
feedback_tag_label(const struct feedback_tag *ft, enum lang lang)
{
	int	a;

	if (ft->is_area &&
	    (a = vocab_find(vocab_areas, AREA_COUNT, ft->tag)) >= 0)
		return lang == LANG_EN ? vocab_areas[a].en : vocab_areas[a].th;
	if (ft->label != NULL)
		return lstr_get(ft->label, lang);
	return ft->tag;
}
