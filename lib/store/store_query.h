#ifndef STORE_QUERY_H
#define STORE_QUERY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * Summaries across officers and courses for the command line and the
 * reports: progress rows and totals (store_query.c). Read-only handles
 * can call all of these. The rules at the top of store/store.h apply.
 */

/* One officer in one course. */
struct store_progress {
	char	code[64];
	char	name[256];
	char	group[16];
	char	agency[256];
	char	course_id[STORE_ID_MAX];
	time_t	enrolled;
	int	modules_done;
	char	module_id[STORE_ID_MAX];	/* resume point, "" = none */
	char	page_id[STORE_ID_MAX];
	time_t	last_activity;		/* 0 = none */
	int	attempts;		/* finished quiz attempts */
	int	quizzes_passed;		/* distinct quizzes passed */
	double	best_scaled;		/* -1 = no finished attempt */
	time_t	completed;		/* 0 = not completed */
	int	passed;
	double	hours;
};
/*
 * Progress rows ordered by officer code and course; officer_id 0 means
 * everyone and course_id NULL every course. Free the array with free().
 */
int		 store_progress(struct store *st, int64_t officer_id,
		     const char *course_id, struct store_progress **list,
		     size_t *n, struct err *e);

enum store_report_by {
	STORE_REPORT_COURSE,
	STORE_REPORT_GROUP,
	STORE_REPORT_AGENCY
};
struct store_report_row {
	char	key[256];	/* course id, group id or agency */
	int64_t	enrolled;	/* officers enrolled */
	int64_t	completed;	/* officers with a completion */
	int64_t	passed;		/* officers who passed */
	double	hours;		/* credited hours, summed */
};
/*
 * Totals by course, group or agency, ordered by key (by group: the six
 * groups in vocab order, all present). Free the array with free().
 */
int		 store_report(struct store *st, enum store_report_by by,
		     struct store_report_row **rows, size_t *n, struct err *e);
/* "course", "group", "agency" -> *by; -1 for anything else. */
int		 store_report_by_parse(const char *s, enum store_report_by *by);

#endif
