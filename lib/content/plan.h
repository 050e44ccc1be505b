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
 * This is the plan as content: its model, and its loading and checking
 * from YAML (through ytree and schema). Loading follows load.h: every
 * problem of every file goes to a struct diags as path:line:col, and a
 * plan with an error is not returned. What a plan means for one officer
 * is learn/plan_eval.h.
 */

struct buf;
struct catalog;
struct diags;

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

#endif
