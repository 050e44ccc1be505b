#include "report/listing.h"

/*
 * Output of `rianru user list`, `rianru progress` and `rianru report` as
 * an aligned table, CSV for spreadsheets or JSON. Each listing is
 * described once as columns (header, JSON key, kind) and a function that
 * gives a row's values; one emitter per format does the rest.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <math.h>

#include "base/buf.h"
#include "base/json.h"
#include "text/text.h"
#include "base/xalloc.h"

enum fmt_kind {
	FK_STR,
	FK_INT,
	FK_REAL,	/* two decimals: hours, scores; NaN = none */
	FK_BOOL,
	FK_TIME		/* 0 = none */
};

struct fmt_col {
	const char	*head;	/* table header */
	const char	*key;	/* CSV header and JSON key */
	enum fmt_kind	 kind;
};

struct fmt_val {
	const char	*s;
	long long	 i;	/* FK_INT, FK_BOOL, FK_TIME */
	double		 d;
};

/*
 * Each listing has a row function, passed to the emitters as 'row': it
 * fills vals[] (one per column) for row 'i' of 'rows'.
 */

int
listing_fmt_parse(const char *s, enum listing_fmt *f)
{
	if (strcmp(s, "table") == 0)
		*f = LISTING_TABLE;
	else if (strcmp(s, "csv") == 0)
		*f = LISTING_CSV;
	else if (strcmp(s, "json") == 0)
		*f = LISTING_JSON;
	else
		return -1;
	return 0;
}

/* Terminal cells taken by UTF-8 's' (Thai marks take none). */
static size_t
fmt_width(const char *s)
{
	return text_width(s, strlen(s));
}

/* Format a time: RFC 3339 UTC for machines, local minutes for people. */
static void
fmt_time(char *out, size_t size, time_t t, int human)
{
	struct tm	tm;

	out[0] = '\0';
	if (t == 0)
		return;
	if (human) {
		if (localtime_r(&t, &tm) != NULL)
			strftime(out, size, "%Y-%m-%d %H:%M", &tm);
	} else if (gmtime_r(&t, &tm) != NULL)
		strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The text of one value, into out[size]; returns it. */
static const char *
fmt_text(const struct fmt_col *c, const struct fmt_val *v, int human,
    char *out, size_t size)
{
	switch (c->kind) {
	case FK_STR:
		return v->s != NULL ? v->s : "";
	case FK_INT:
		snprintf(out, size, "%lld", v->i);
		break;
	case FK_REAL:
		if (isnan(v->d))	/* none: no score is not a score of 0 */
			snprintf(out, size, "%s", human ? "-" : "");
		else
			snprintf(out, size, "%.2f", v->d);
		break;
	case FK_BOOL:
		snprintf(out, size, "%s", v->i ? "yes" : "no");
		break;
	case FK_TIME:
		fmt_time(out, size, (time_t)v->i, human);
		if (human && out[0] == '\0')
			snprintf(out, size, "-");
		break;
	}
	return out;
}

/*
 * One CSV cell. A text cell that starts with = + - @ tab or CR is a
 * formula to a spreadsheet (=HYPERLINK(...) from a name): it gets a
 * leading ' so it is shown as text (docs/progress-store.md).
 */
static void
fmt_csv_field(struct buf *out, const char *s, int is_text)
{
	const char	*p;
	int		 formula;

	formula = is_text && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (formula)
			buf_addc(out, '\'');
		buf_adds(out, s);
		return;
	}
	buf_addc(out, '"');
	if (formula)
		buf_addc(out, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(out, '"');
		buf_addc(out, *p);
	}
	buf_addc(out, '"');
}

static void
fmt_csv(const struct fmt_col *cols, size_t ncol, const void *rows, size_t n,
    void (*row)(const void *, size_t, struct fmt_val *), struct buf *out)
{
	struct fmt_val	*vals;
	char		 tmp[64];
	size_t		 i, c;

	vals = xcalloc(ncol, sizeof *vals);
	buf_adds(out, "\xef\xbb\xbf");	/* so spreadsheets read UTF-8 */
	for (c = 0; c < ncol; c++) {
		if (c > 0)
			buf_addc(out, ',');
		fmt_csv_field(out, cols[c].key, 0);
	}
	buf_adds(out, "\r\n");
	for (i = 0; i < n; i++) {
		row(rows, i, vals);
		for (c = 0; c < ncol; c++) {
			if (c > 0)
				buf_addc(out, ',');
			fmt_csv_field(out, fmt_text(&cols[c], &vals[c], 0, tmp,
			    sizeof tmp), cols[c].kind == FK_STR);
		}
		buf_adds(out, "\r\n");
	}
	free(vals);
}

static void
fmt_json(const struct fmt_col *cols, size_t ncol, const void *rows, size_t n,
    void (*row)(const void *, size_t, struct fmt_val *), struct buf *out)
{
	struct fmt_val	*vals;
	struct json	*arr, *obj, *v;
	char		 tmp[64];
	size_t		 i, c;

	vals = xcalloc(ncol, sizeof *vals);
	arr = json_new_arr();
	for (i = 0; i < n; i++) {
		row(rows, i, vals);
		obj = json_new_obj();
		for (c = 0; c < ncol; c++) {
			switch (cols[c].kind) {
			case FK_STR:
				v = json_new_str(vals[c].s != NULL ?
				    vals[c].s : "");
				break;
			case FK_INT:
				v = json_new_int(vals[c].i);
				break;
			case FK_REAL:
				v = isnan(vals[c].d) ? json_new_null() :
				    json_new_real(vals[c].d);
				break;
			case FK_BOOL:
				v = json_new_bool(vals[c].i);
				break;
			case FK_TIME:
			default:
				fmt_time(tmp, sizeof tmp, (time_t)vals[c].i, 0);
				v = tmp[0] == '\0' ? json_new_null() :
				    json_new_str(tmp);
				break;
			}
			/* json_new_str() is NULL for invalid UTF-8. */
			json_set(obj, cols[c].key, v != NULL ? v :
			    json_new_null());
		}
		json_add(arr, obj);
	}
	json_dump_buf(arr, 2, 6, out);
	json_free(arr);
	free(vals);
}

static void
fmt_pad(struct buf *out, size_t n)
{
	while (n-- > 0)
		buf_addc(out, ' ');
}

static void
fmt_table(const struct fmt_col *cols, size_t ncol, const void *rows,
    size_t n, void (*row)(const void *, size_t, struct fmt_val *),
    struct buf *out)
{
	struct fmt_val	 *vals;
	char		**cells, tmp[64];
	size_t		 *wid, i, c, w;
	int		  right;

	vals = xcalloc(ncol, sizeof *vals);
	wid = xcalloc(ncol, sizeof *wid);
	cells = xcalloc((n + 1) * ncol, sizeof *cells);
	for (c = 0; c < ncol; c++)
		cells[c] = xstrdup(cols[c].head);
	for (i = 0; i < n; i++) {
		row(rows, i, vals);
		for (c = 0; c < ncol; c++)
			cells[(i + 1) * ncol + c] = xstrdup(fmt_text(&cols[c],
			    &vals[c], 1, tmp, sizeof tmp));
	}
	for (i = 0; i < (n + 1) * ncol; i++)
		if ((w = fmt_width(cells[i])) > wid[i % ncol])
			wid[i % ncol] = w;
	for (i = 0; i < n + 1; i++) {
		for (c = 0; c < ncol; c++) {
			w = fmt_width(cells[i * ncol + c]);
			right = cols[c].kind == FK_INT ||
			    cols[c].kind == FK_REAL;
			if (c > 0)
				buf_adds(out, "  ");
			if (right)
				fmt_pad(out, wid[c] - w);
			buf_adds(out, cells[i * ncol + c]);
			if (!right && c + 1 < ncol)
				fmt_pad(out, wid[c] - w);
		}
		buf_addc(out, '\n');
	}
	for (i = 0; i < (n + 1) * ncol; i++)
		free(cells[i]);
	free(cells);
	free(wid);
	free(vals);
}

static void
fmt_emit(enum listing_fmt f, const struct fmt_col *cols, size_t ncol,
    const void *rows, size_t n,
    void (*row)(const void *, size_t, struct fmt_val *), struct buf *out)
{
	switch (f) {
	case LISTING_CSV:
		fmt_csv(cols, ncol, rows, n, row, out);
		break;
	case LISTING_JSON:
		fmt_json(cols, ncol, rows, n, row, out);
		break;
	case LISTING_TABLE:
	default:
		fmt_table(cols, ncol, rows, n, row, out);
		break;
	}
}

/* Officers --------------------------------------------------------------- */

static const struct fmt_col officer_cols[] = {
	{ "CODE",	"code",		FK_STR },
	{ "NAME",	"name",		FK_STR },
	{ "GROUP",	"group",	FK_STR },
	{ "AGENCY",	"agency",	FK_STR },
	{ "LANG",	"lang",		FK_STR },
	{ "PIN",	"pin",		FK_BOOL },
	{ "LAST SEEN",	"last_seen",	FK_TIME },
};

static void
officer_row(const void *rows, size_t i, struct fmt_val *v)
{
	const struct store_officer	*o;

	o = (const struct store_officer *)rows + i;

	v[0].s = o->code;
	v[1].s = o->name;
	v[2].s = o->group;
	v[3].s = o->agency;
	v[4].s = o->lang;
	v[5].i = o->pin_hash[0] != '\0';
	v[6].i = (long long)o->last_seen;
}

void
listing_officers(const struct store_officer *list, size_t n,
    enum listing_fmt f, struct buf *out)
{
	fmt_emit(f, officer_cols, sizeof officer_cols / sizeof officer_cols[0],
	    list, n, officer_row, out);
}

/* Progress --------------------------------------------------------------- */

static const struct fmt_col progress_cols[] = {
	{ "CODE",	"code",		FK_STR },
	{ "NAME",	"name",		FK_STR },
	{ "COURSE",	"course",	FK_STR },
	{ "MODULES",	"modules_done",	FK_INT },
	{ "AT PAGE",	"page",		FK_STR },
	{ "ATTEMPTS",	"attempts",	FK_INT },
	{ "BEST",	"best_score",	FK_REAL },
	{ "COMPLETED",	"completed",	FK_TIME },
	{ "PASSED",	"passed",	FK_BOOL },
	{ "HOURS",	"hours",	FK_REAL },
	{ "LAST ACTIVE", "last_activity", FK_TIME },
};

static void
progress_row(const void *rows, size_t i, struct fmt_val *v)
{
	const struct store_progress	*p;

	p = (const struct store_progress *)rows + i;

	v[0].s = p->code;
	v[1].s = p->name;
	v[2].s = p->course_id;
	v[3].i = p->modules_done;
	v[4].s = p->page_id;
	v[5].i = p->attempts;
	v[6].d = p->best_scaled < 0 ? NAN : p->best_scaled;	/* no attempt */
	v[7].i = (long long)p->completed;
	v[8].i = p->passed;
	v[9].d = p->hours;
	v[10].i = (long long)p->last_activity;
}

void
listing_progress(const struct store_progress *list, size_t n,
    enum listing_fmt f, struct buf *out)
{
	fmt_emit(f, progress_cols, sizeof progress_cols /
	    sizeof progress_cols[0], list, n, progress_row, out);
}

/* Report ----------------------------------------------------------------- */

/* The first column is named by listing_report() after 'by'. */
static const struct fmt_col report_cols[] = {
	{ "",		"",		FK_STR },
	{ "ENROLLED",	"enrolled",	FK_INT },
	{ "COMPLETED",	"completed",	FK_INT },
	{ "PASSED",	"passed",	FK_INT },
	{ "HOURS",	"hours",	FK_REAL },
};

static void
report_row(const void *rows, size_t i, struct fmt_val *v)
{
	const struct store_report_row	*r =
	    (const struct store_report_row *)rows + i;

	v[0].s = r->key;
	v[1].i = (long long)r->enrolled;
	v[2].i = (long long)r->completed;
	v[3].i = (long long)r->passed;
	v[4].d = r->hours;
}

void
listing_report(const struct store_report_row *rows, size_t n,
    enum store_report_by by, enum listing_fmt f, struct buf *out)
{
	static const char	*heads[] = { "COURSE", "GROUP", "AGENCY" };
	static const char	*keys[] = { "course", "group", "agency" };
	struct fmt_col		 cols[sizeof report_cols /
				     sizeof report_cols[0]];

	memcpy(cols, report_cols, sizeof cols);
	cols[0].head = heads[by];
	cols[0].key = keys[by];
	fmt_emit(f, cols, sizeof cols / sizeof cols[0], rows, n, report_row,
	    out);
}
