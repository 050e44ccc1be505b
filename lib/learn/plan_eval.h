#ifndef PLAN_EVAL_H
#define PLAN_EVAL_H

#include <stddef.h>

#include "content/course.h"
#include "content/plan.h"
#include "content/vocab.h"

/*
 * A development plan (content/plan.h) evaluated for one officer: which
 * items are done, the hours at each level, the current phase and the next
 * step. Evaluation is pure: it takes what the officer has done as plain
 * facts (struct plan_fact), so every rule is unit-tested without a store;
 * plan_facts.h reads the facts from the progress store.
 */

struct buf;

enum plan_state {
	PLAN_LEFT,		/* not started */
	PLAN_IN_PROGRESS,
	PLAN_DONE
};

/* What one officer has done in one catalogue course. */
struct plan_fact {
	const struct course	*c;		/* borrowed */
	int			 enrolled;
	int			 complete;
	double			 hours;		/* credited; 0 until complete */
};

/* What the officer has done: one fact per catalogue course. */
struct plan_facts {
	struct plan_fact	*v;		/* owned */
	size_t			 n;
};

void		 plan_facts_release(struct plan_facts *f);

struct plan_item_eval {
	const struct plan_item	*item;
	enum plan_state		 state;
	double			 hours;		/* credited hours that count */
	double			 wanted;	/* area items: hours wanted */
	/*
	 * The course to take: the item's course (NULL when the catalogue
	 * has no such course) or, for an area, the course in progress, else
	 * the first one not yet complete that suits the group (NULL when
	 * none is left).
	 */
	const struct course	*course;
};

struct plan_phase_eval {
	const struct plan_phase	*phase;
	struct plan_item_eval	*required;	/* owned */
	struct plan_item_eval	*recommended;	/* owned */
	size_t			 done, in_progress, left;	/* required */
	double			 hours;		/* credited at this level */
	int			 complete;	/* required done and hours met */
};

enum plan_step_kind {
	PLAN_STEP_CONTINUE,	/* go on with 'course' */
	PLAN_STEP_START,	/* start 'course' */
	PLAN_STEP_AREA,		/* a course in 'area' ('course' a suggestion
				   or NULL when the catalogue has none) */
	PLAN_STEP_HOURS,	/* more hours at 'level' ('course' may be
				   NULL) */
	PLAN_STEP_RECOMMENDED,	/* required done: a recommended 'course' */
	PLAN_STEP_DONE		/* every phase complete */
};

struct plan_step {
	enum plan_step_kind	 kind;
	const struct course	*course;	/* borrowed; may be NULL */
	enum area		 area;
	enum level		 level;
	double			 hours;		/* still wanted (AREA, HOURS) */
};

/* A plan evaluated for one officer. Embedded; plan_eval_release(). */
struct plan_eval {
	const struct plan	*plan;		/* borrowed */
	struct plan_phase_eval	*phases;	/* owned, one per plan phase */
	size_t			 nphases;
	size_t			 current;	/* first incomplete phase;
						   nphases when all done */
	double			 hours;		/* credited, all courses */
	double			 target;	/* sum of the phases' hours */
	struct plan_step	 next;
};

/*
 * Evaluate plan 'p' against 'facts' (both borrowed; they must outlive
 * 'out'). A course item is done when the course is complete, in progress
 * when enrolled. An area item is done when the credited hours of complete
 * courses in that area reach its hours (or one course is complete when
 * it names no hours), in progress when some hours count or a course of
 * the area is under way. A phase's hours are the credited hours of
 * complete courses of its level. The current phase is the first whose
 * required items are not all done or whose hours fall short; the next
 * step comes from it. Never fails.
 */
void		 plan_evaluate(const struct plan *p,
		    const struct plan_facts *facts, struct plan_eval *out);
void		 plan_eval_release(struct plan_eval *ev);

/*
 * Append the next step as one sentence in 'lang' to 'out', for the plan
 * screen and reports: "Continue the course “…”", "ต่อหลักสูตร “…”".
 */
void		 plan_step_text(const struct plan_step *s, enum lang lang,
		    struct buf *out);

/* "done", "in progress", "not started" in 'lang' (static strings). */
const char	*plan_state_name(enum plan_state s, enum lang lang);

#endif
