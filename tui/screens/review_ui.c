/*
 * Review of missed questions on screen (docs/review.md): how many are due
 * today, for home, and a review session: a learn_attempt in review mode
 * asked in the normal quiz screen (quiz_open_review) with feedback after
 * each answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/views.h"
#include "screens/quiz.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/load.h"
#include "learn/review.h"
#include "store/store_review.h"

/* Catalogue index of course 'id' with review on, or (size_t)-1. */
static size_t
review_course(const struct app *a, const char *id)
{
	size_t	i;

	for (i = 0; i < a->cat->n; i++)
		if (strcmp(a->cat->courses[i]->id, id) == 0)
			return a->cat->courses[i]->review ? i : (size_t)-1;
	return (size_t)-1;
}

size_t
app_review_due(struct app *a)
{
	struct store_review	*list = NULL;
	struct err		 e;
	size_t			 i, n = 0, due = 0;

	if (!a->have_officer || a->st == NULL)
		return 0;
	err_clear(&e);
	if (learn_review_due(&a->learn, NULL, &list, &n, &e) == -1)
		app_error(a, &e);
	/* a course that is no longer here, or has review off, asks nothing */
	for (i = 0; i < n; i++)
		if (review_course(a, list[i].course_id) != (size_t)-1)
			due++;
	free(list);
	return due;
}

/* Keep only the rows of quiz 'quiz_id'; returns how many are left. */
static size_t
review_keep_quiz(struct store_review *list, size_t n, const char *quiz_id)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].quiz_id, quiz_id) == 0)
			list[k++] = list[i];
	return k;
}

/*
 * The due rows of course 'ci' as it is now (questions removed from it
 * leave the set, changed ones restart), in *list; its body in *c.
 */
static int
review_course_due(struct app *a, size_t ci, const char *course_id,
    const struct course **c, struct store_review **list, size_t *n,
    struct err *e)
{
	if ((*c = app_open_course(a, ci)) == NULL)
		return -1;
	if (learn_review_sync(&a->learn, *c, e) == -1 ||
	    learn_review_due(&a->learn, course_id, list, n, e) == -1) {
		app_error(a, e);
		return -1;
	}
	return 0;
}

void
app_open_review(struct app *a)
{
	struct store_review	*list = NULL;
	struct learn_attempt	*la;
	const struct course	*c = NULL;
	const struct module	*m;
	struct err		 e;
	size_t			 i, n = 0, ci = (size_t)-1;
	char			 course_id[STORE_ID_MAX], quiz_id[STORE_ID_MAX];

	err_clear(&e);
	if (!a->have_officer || a->st == NULL)
		return;
	if (learn_review_due(&a->learn, NULL, &list, &n, &e) == -1) {
		app_error(a, &e);
		return;
	}
	/* the soonest due question of a course that is here, with review on */
	for (i = 0; i < n; i++)
		if ((ci = review_course(a, list[i].course_id)) != (size_t)-1)
			break;
	if (i == n) {
		free(list);
		app_status(a, "%s", tr(a, "Nothing to review today"));
		return;
	}
	snprintf(course_id, sizeof course_id, "%s", list[i].course_id);
	free(list);
	list = NULL;
	n = 0;
	if (review_course_due(a, ci, course_id, &c, &list, &n, &e) == -1)
		return;
	app_progress_stale(a);
	if (n == 0) {
		free(list);
		app_status(a, "%s", tr(a, "Nothing to review today"));
		return;
	}
	/* one quiz at a time: the quiz screen shows one quiz */
	snprintf(quiz_id, sizeof quiz_id, "%s", list[0].quiz_id);
	n = review_keep_quiz(list, n, quiz_id);
	if (course_quiz(c, quiz_id, &m) == NULL) {
		free(list);
		err_set(&e, "course '%s' has no quiz '%s'", course_id, quiz_id);
		app_error(a, &e);
		return;
	}
	la = learn_review_begin(&a->learn, c, m, list, n, &e);
	free(list);
	if (la == NULL) {
		app_error(a, &e);
		return;
	}
	if (quiz_open_review(a, la) == 0)
		app_status(a, tr(a, "Review: %zu question(s) you missed "
		    "before"), n);
}
