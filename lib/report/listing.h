#ifndef LISTING_H
#define LISTING_H

#include <stddef.h>

#include "store/store_officer.h"
#include "store/store_query.h"

/*
 * Listings for people and other programs: the rows `rianru user list`,
 * `rianru progress` and `rianru report` read from the store, written as
 * an aligned table, CSV or JSON. No database here: the rows come from
 * store_officer_list(), store_progress() and store_report().
 */

struct buf;

enum listing_fmt {
	LISTING_TABLE,		/* aligned by terminal cells, for people */
	LISTING_CSV,		/* UTF-8 BOM, header row, RFC 4180, CRLF */
	LISTING_JSON		/* an array of objects */
};

/* "table", "csv", "json" -> *f; -1 for anything else. */
int		 listing_fmt_parse(const char *s, enum listing_fmt *f);

/* Append the formatted rows to 'out'. PIN hashes are never printed. */
void		 listing_officers(const struct store_officer *list, size_t n,
		     enum listing_fmt f, struct buf *out);
void		 listing_progress(const struct store_progress *list, size_t n,
		     enum listing_fmt f, struct buf *out);
void		 listing_report(const struct store_report_row *rows, size_t n,
		     enum store_report_by by, enum listing_fmt f,
		     struct buf *out);

#endif
