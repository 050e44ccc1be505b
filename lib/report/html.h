#ifndef HTML_H
#define HTML_H

#include <time.h>

#include "content/course.h"

/*
 * Small helpers for the self-contained HTML pages rianru writes
 * (certificates, the agency report): escaping, and dates as Thai
 * documents write them, in the Buddhist era (พ.ศ. = CE + 543) with
 * Thai month names.
 */

struct buf;

/* Append 's' to 'out' with & < > " ' escaped; NULL appends nothing. */
void	html_escape(struct buf *out, const char *s);

/*
 * Append the local date of 't' to 'out': "12 มีนาคม พ.ศ. 2568" in Thai,
 * "12 March 2025" in English.
 */
void	html_date(struct buf *out, time_t t, enum lang lang);

/*
 * The same for a calendar date; 'ymd' is "YYYY-MM-DD". Returns 0, or -1
 * (and appends nothing) when it is not such a date.
 */
int	html_date_ymd(struct buf *out, const char *ymd, enum lang lang);

#endif
