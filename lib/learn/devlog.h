#ifndef DEVLOG_H
#define DEVLOG_H

#include <stdint.h>
#include <time.h>

#include "content/course.h"

/*
 * The 70:20:10 development log as the learner sees it: record an entry
 * of on-the-job practice (70) or coaching and mentoring (20) with its
 * xAPI statement, and compute the balance with the courses' credited
 * hours as the 10. Curses-free; the balance and the advice are pure.
 */

struct buf;
struct err;
struct learn;
struct store_log_entry;

/*
 * Read a day as an officer types it into out[11] as "YYYY-MM-DD": year
 * first (2569-12-01) or day first (1/12/2569, as the log lists dates);
 * Thai digits (๐-๙) are read as digits, '/' and '.' separate like '-',
 * and a year from 2400 on is a Buddhist-era year (พ.ศ. = CE + 543), as
 * Thai officers write dates. Returns 0, or -1 when it is not a calendar
 * day (2026-02-30 is not).
 */
int	devlog_day(const char *typed, char out[11]);
/*
 * The same reading without asking whether the month has that day: the
 * CE year, month (1-12) and day (1-31) in *y, *m, *d; 0, or -1 when it is
 * not written as a date at all. Tells "2569-02-30" (a date, but February
 * has no 30th) from "hello".
 */
int	devlog_day_parse(const char *typed, int *y, int *m, int *d);
/* Days in month 'm' (1-12) of CE year 'y'; 0 for a month that is none. */
int	devlog_month_days(int y, int m);

/* Day 'ymd' (YYYY-MM-DD) comes after the local day of 'now'. */
int	devlog_day_future(const char *ymd, time_t now);

/*
 * Record 'le' for the officer of session 'l' (le->officer_id is set from
 * it): build its statement with xapi_log_entry() (timestamp: now when
 * le->day is today, else noon of that day, local time) and store both in
 * one transaction. A day after today is refused. Returns 0 (le->id set)
 * or -1 and *e.
 */
int	devlog_add(struct learn *l, struct store_log_entry *le,
	    struct err *e);

enum devlog_part {
	DEVLOG_PRACTICE,	/* 70: on-the-job practice */
	DEVLOG_COACHING,	/* 20: coaching and mentoring */
	DEVLOG_COURSES,		/* 10: formal courses, credited hours */
	DEVLOG_PARTS
};

/* 0.70, 0.20, 0.10 */
extern const double devlog_ideal[DEVLOG_PARTS];

struct devlog_balance {
	double	hours[DEVLOG_PARTS];
	double	total;
	double	share[DEVLOG_PARTS];	/* of total, 0..1; 0 when total 0 */
	/*
	 * The part furthest below its ideal share, relatively (1 - share /
	 * ideal), or -1 when every part has at least half of its ideal
	 * share (or nothing is logged yet).
	 */
	int	short_part;
};

/*
 * The balance of 'practice_min' and 'coaching_min' minutes and
 * 'course_hours' credited hours.
 */
void	devlog_balance(int64_t practice_min, int64_t coaching_min,
	    double course_hours, struct devlog_balance *b);

/*
 * The practice, coaching and course hours that go with 'course_hours'
 * of formal learning in a 70:20:10 plan: 7, 2 and 1 times it.
 */
void	devlog_targets(double course_hours, double out[DEVLOG_PARTS]);

/* One sentence of advice on 'b' in 'lang', appended to 'out'. */
void	devlog_advice(const struct devlog_balance *b, enum lang lang,
	    struct buf *out);

/* "On-the-job practice (70)", ... in 'lang' (static strings). */
const char *devlog_part_name(enum devlog_part p, enum lang lang);

#endif
