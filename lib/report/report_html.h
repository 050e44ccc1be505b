#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "content/course.h"
#include "learn/plan_eval.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_log.h"
#include "content/vocab.h"

/*
 * The agency report as one self-contained HTML page (inline CSS and SVG,
 * nothing fetched): completion and pass rates by target group, by skill
 * area and by course, credited hours against the development plans, the
 * 70:20:10 balance, and a table per officer. Laid out for A4 (print or
 * "save as PDF"). Rates count enrolments (one officer in one course):
 * completed / enrolled and passed / enrolled.
 *
 * report_collect() gathers the numbers from the store; report_html()
 * only formats them, so it is tested without a database.
 */

struct buf;
struct catalog;
struct err;

/* Enrolments in one row of a chart. */
struct report_rate {
	int64_t	enrolled, completed, passed;
	double	hours;			/* credited */
};

struct report_course {
	char			 id[STORE_ID_MAX];
	const struct course	*c;	/* borrowed; NULL: not in the catalogue */
	struct report_rate	 r;
};

struct report_officer {
	struct store_officer	 o;	/* code, name, group, agency */
	struct report_rate	 r;
	double			 target;	/* plan hours; 0 = no plan */
	int			 has_plan;
	int			 phase;		/* current phase's level; -1 done */
	size_t			 req_done, req_total;	/* current phase */
	char			*next;		/* owned: the next step, in
						   the report's language;
						   NULL = no plan */
	double			 log_hours[STORE_LOG_NKINDS];
};

/* Everything on the page. Embedded; report_release(). */
struct report {
	time_t			 generated;
	enum lang		 lang;		/* of names and next steps */
	struct report_rate	 by_group[GROUP_COUNT];
	size_t			 group_officers[GROUP_COUNT];
	double			 group_target[GROUP_COUNT];	/* per officer */
	struct report_rate	 by_area[AREA_COUNT];
	struct report_course	*courses;	/* owned, catalogue order
						   first, then unknown ids */
	size_t			 ncourses;
	struct report_officer	*officers;	/* owned, by code */
	size_t			 nofficers;
	struct report_rate	 total;
	double			 log_hours[STORE_LOG_NKINDS];
};

/*
 * Fill *out from the store, the catalogue and the plans (all borrowed;
 * the report points into 'cat'). Returns 0 (report_release()) or -1 and
 * *e.
 */
int	report_collect(struct store *st, const struct catalog *cat,
	    const struct plan_set *plans, time_t now, enum lang lang,
	    struct report *out, struct err *e);
void	report_release(struct report *r);

/* Append the page to 'out'. */
void	report_html(const struct report *r, struct buf *out);

#endif
