#ifndef PLAN_H
#define PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "content/course.h"
#include "content/vocab.h"

/*
 * Development plans (docs/content-format.md, "Development plans"): for
 * each target group, phases by ability level (early, developing,
 * advanced), each with the required and recommended courses or skill
 * areas and the formal learning hours expected. Plan files live in the
 * catalogue's plans/ folder, one per group.
 *
 * Loading follows load.h: every problem of every file goes to a struct
 * diags as path:line:col, and a plan with an error is not returned.
 * Evaluation is pure: it takes what the officer has done as plain
 * facts (struct plan_fact), so every rule is unit-tested without a store.
 */

struct buf;
struct catalog;
struct diags;
struct err;
struct store;

enum plan_item_kind {
	PLAN_ITEM_COURSE,	/* complete this course */
	PLAN_ITEM_AREA		/* credited hours in a skill area */
};

struct plan_item {
	enum plan_item_kind	 kind;
	const char		*course;	/* PLAN_ITEM_COURSE: course id */
	enum area		 area;		/* PLAN_ITEM_AREA */
	double			 hours;		/* area: hours wanted; 0 = one course */
	unsigned		 line, col;	/* where it is written */
};

struct plan_phase {
	enum level		 level;
	double			 hours;		/* formal hours expected, > 0 */
	struct lstr		 note;		/* guidance; all NULL when none */
	struct plan_item	*required;
	size_t			 nrequired;
	struct plan_item	*recommended;
	size_t			 nrecommended;
};

/* One group's plan. Owns everything in its arena; plan_free(). */
struct plan {
	struct arena		*arena;
	const char		*file;		/* path, for messages */
	enum group		 group;
	struct lstr		 title;
	struct lstr		 summary;	/* all NULL when none */
	struct plan_phase	*phases;	/* in level order */
	size_t			 nphases;
};

void		 plan_free(struct plan *p);	/* NULL is fine */

/*
 * Load one plan file (or the same bytes from memory; 'name' is the path
 * used in messages). Returns a new plan the caller frees with
 * plan_free(), or NULL when any error was found (all of them in 'd').
 */
struct plan	*plan_load_file(const char *path, struct diags *d);
struct plan	*plan_load_mem(const char *name, const char *buf, size_t len,
		    struct diags *d);

/* The plans of a catalogue, at most one per group. Embedded. */
struct plan_set {
	struct plan	*by_group[GROUP_COUNT];	/* owned; NULL = no plan */
	size_t		 nfiles;		/* plan files read */
};

void		 plan_set_init(struct plan_set *set);
void		 plan_set_release(struct plan_set *set);

/*
 * Load every *.yaml file of folder 'dir' (a catalogue's plans/) into
 * 'set'. A second plan for the same group is an error naming the first.
 * A missing folder is fine (no plans; returns 0). Returns -1 only when
 * 'dir' exists but cannot be read (the reason is in 'd').
 */
int		 plan_load_dir(struct plan_set *set, const char *dir,
		    struct diags *d);

/*
 * Check what plans refer to against the catalogue: course ids that no
 * course has are errors (with a suggestion), a required course whose
 * audience leaves out the plan's group is a warning. A course the
 * catalogue skipped for its own errors (cat->skipped, matched by folder
 * name or the id in its course.yaml) is not reported again.
 */
void		 plan_check_refs(const struct plan *p, const struct catalog *cat,
		    struct diags *d);

/*
 * For `rianru check`: when 'catalogue_dir' has a plans/ folder, load and
 * check every plan in it against 'cat', adding messages to 'd'. Returns
 * the number of plan files read (0 when there is no plans/ folder).
 */
size_t		 plan_check_dir(const char *catalogue_dir,
		    const struct catalog *cat, struct diags *d);

/*
 * For `rianru check PATH` when PATH is a plan rather than course content:
 * a plans/ folder (without a course.yaml), a file in a folder named
 * plans, or a file whose top level has 'group' or 'phases' and none of
 * 'pages', 'quiz' or 'modules'. Checks it as a plan; what it names is
 * checked against the catalogue above the plans/ folder when there is
 * one (that catalogue's own problems are not repeated). Returns the
 * number of plan files checked, or 0 when PATH is not a plan (check it as
 * content then).
 */
size_t		 plan_check_path(const char *path, struct diags *d);

/* Evaluation ------------------------------------------------------------ */

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

/*
 * Facts for officer 'officer_id' from the progress store, one per course
 * of 'cat' (both borrowed). Returns 0 (release *out with
 * plan_facts_release()) or -1 and *e.
 */
int		 plan_facts_load(struct store *st, int64_t officer_id,
		    const struct catalog *cat, struct plan_facts *out,
		    struct err *e);

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
