#ifndef FEEDBACK_H
#define FEEDBACK_H

#include <stddef.h>
#include <stdint.h>

#include "content/course.h"

/*
 * Feedback to the officer after a quiz and at the end of a course: the
 * skills they showed (strengths), the ones to work on (weaker areas), by
 * question tag, and the pages to revisit. Questions without tags count
 * under the course's skill area. Curses-free and unit-tested; the
 * results screen and the course view show it.
 *
 * A tag is a strength when the officer earned at least
 * FEEDBACK_STRONG of its points, weaker below FEEDBACK_WEAK; in between
 * it is neither. Pages to revisit come from the 'revisit' lists of the
 * questions not answered fully right.
 */

struct attempt_plan;
struct attempt_result;
struct err;
struct store;

#define FEEDBACK_STRONG	0.8
#define FEEDBACK_WEAK	0.6

struct feedback_tag {
	const char	*tag;		/* borrowed from the course */
	const struct lstr *label;	/* the course's name for it, or NULL */
	int		 is_area;	/* 'tag' is a skill-area id */
	double		 points, max;	/* earned and possible, summed */
	size_t		 asked, correct;	/* questions */
	double		 ratio;		/* points / max, 0..1 */
};

struct feedback_page {
	const struct module	*m;		/* borrowed */
	const struct page	*p;		/* borrowed */
	size_t			 module_index, page_index;
	size_t			 misses;	/* questions missed that point here */
};

/* Embedded; feedback_release(). Arrays are owned, NULL when empty. */
struct feedback {
	struct feedback_tag	*strengths;	/* strongest first */
	size_t			 nstrengths;
	struct feedback_tag	*weaker;	/* weakest first */
	size_t			 nweaker;
	struct feedback_page	*revisit;	/* in course order */
	size_t			 nrevisit;
	size_t			 questions;	/* questions counted */
};

void	feedback_init(struct feedback *f);
void	feedback_release(struct feedback *f);

/*
 * Feedback on one finished attempt at the quiz of module 'm' of course
 * 'c': 'plan' and 'res' as the quiz screen holds them (res->scores in
 * plan order). All borrowed; 'out' points into 'c' and must not outlive
 * it. Fills *out (feedback_release()); never fails.
 */
void	feedback_for_attempt(const struct course *c, const struct module *m,
	    const struct attempt_plan *plan, const struct attempt_result *res,
	    struct feedback *out);

/*
 * Feedback on the whole course for officer 'officer_id': the latest
 * finished attempt at each quiz of 'c', from the progress store (a
 * question left unanswered counts as missed). Returns 0 and fills *out,
 * or -1 and *e.
 */
int	feedback_for_course(struct store *st, int64_t officer_id,
	    const struct course *c, struct feedback *out, struct err *e);

/*
 * What to call 'ft' in 'lang': the skill area's name, the label the
 * course gives the tag (course.yaml 'tags:'), or the tag itself.
 */
const char *feedback_tag_label(const struct feedback_tag *ft, enum lang lang);

#endif
