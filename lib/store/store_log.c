#include "store/store_log.h"

/*
 * The 70:20:10 log and certificates. A log entry, its journal row and its
 * outbox statement are written in one IMMEDIATE transaction, like every
 * learning event (store_event.c).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "store/store_impl.h"
#include "content/vocab.h"
#include "base/xalloc.h"

static const char *const store_log_kinds[STORE_LOG_NKINDS] = {
	"practice", "coaching"
};

const char *
store_log_kind_name(enum store_log_kind k)
{
	return (unsigned)k < STORE_LOG_NKINDS ? store_log_kinds[k] : "?";
}

int
store_log_kind_parse(const char *s, enum store_log_kind *k)
{
	int	i;

	for (i = 0; i < STORE_LOG_NKINDS; i++)
		if (strcmp(s, store_log_kinds[i]) == 0) {
			*k = (enum store_log_kind)i;
			return 0;
		}
	return -1;
}

/* 1 when 's' is YYYY-MM-DD naming a real day of the Gregorian calendar. */
static int
store_is_day(const char *s)
{
	static const int	mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };
	int			y, m, d, i, leap;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	if (s[10] != '\0')
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

static int
store_log_valid(const struct store_log_entry *le, struct err *e)
{
	if (!store_is_day(le->day))
		return err_set(e, "bad date '%s' (write YYYY-MM-DD)", le->day);
	if ((unsigned)le->kind >= STORE_LOG_NKINDS)
		return err_set(e, "unknown log entry kind %d", (int)le->kind);
	if (vocab_find(vocab_areas, AREA_COUNT, le->area) == -1)
		return err_set(e, "unknown skill area '%s'", le->area);
	if (le->minutes < 1 || le->minutes > STORE_LOG_MAX_MINUTES)
		return err_set(e, "time spent must be 1 to %d minutes, not %d",
		    STORE_LOG_MAX_MINUTES, le->minutes);
	return 0;
}

int
store_log_add(struct store *st, struct store_log_entry *le, time_t now,
    const struct store_stmt *stmt, struct err *e)
{
	char	ref[48];
	int64_t	id;
	int	rc;

	if (store_log_valid(le, e) == -1)
		return -1;
	if (stmt == NULL || stmt->id == NULL || *stmt->id == '\0' ||
	    stmt->json == NULL || *stmt->json == '\0')
		return err_set(e, "a log entry needs its xAPI statement");
	if (store_begin(st, e) == -1)
		return -1;
	rc = store_exec(st, e, "INSERT INTO practice_log (officer_id, day, "
	    "kind, area, minutes, reflection, created) SELECT id, ?, ?, ?, ?, "
	    "?, ? FROM officer WHERE id = ?", "tttitTI", le->day,
	    store_log_kinds[le->kind], le->area, le->minutes, le->reflection,
	    now, le->officer_id);
	if (rc == 0)
		err_set(e, "no officer with id %lld", (long long)le->officer_id);
	if (rc <= 0)
		goto fail;
	id = sqlite3_last_insert_rowid(st->db);
	snprintf(ref, sizeof ref, "log/%lld", (long long)id);
	if (store_event_add(st, "log", le->officer_id, "", ref, now, stmt,
	    e) == -1 || store_commit(st, e) == -1)
		goto fail;
	le->id = id;
	le->created = now;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

static void
store_log_row(sqlite3_stmt *s, void *out)
{
	struct store_log_entry	*p = out;
	enum store_log_kind	 k;

	p->id = sqlite3_column_int64(s, 0);
	p->officer_id = sqlite3_column_int64(s, 1);
	store_col_copy(p->day, sizeof p->day, s, 2);
	p->kind = store_log_kind_parse(store_col_text(s, 3), &k) == 0 ?
	    k : STORE_LOG_PRACTICE;
	store_col_copy(p->area, sizeof p->area, s, 4);
	p->minutes = sqlite3_column_int(s, 5);
	store_col_copy(p->reflection, sizeof p->reflection, s, 6);
	p->created = (time_t)sqlite3_column_int64(s, 7);
}

int
store_log_list(struct store *st, int64_t officer_id,
    struct store_log_entry **list, size_t *n, struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT id, officer_id, day, "
	    "kind, area, minutes, reflection, created FROM practice_log WHERE "
	    "officer_id = ? ORDER BY day DESC, id DESC", "I", officer_id),
	    sizeof **list, store_log_row, NULL, &v, n, e);
	*list = v;
	return rc;
}

static void
store_log_sum_row(sqlite3_stmt *s, void *out)
{
	struct store_log_sum	*p = out;

	p->officer_id = sqlite3_column_int64(s, 0);
	store_col_copy(p->code, sizeof p->code, s, 1);
	p->minutes[STORE_LOG_PRACTICE] = sqlite3_column_int64(s, 2);
	p->minutes[STORE_LOG_COACHING] = sqlite3_column_int64(s, 3);
	p->entries = sqlite3_column_int64(s, 4);
}

int
store_log_sums(struct store *st, int64_t officer_id,
    struct store_log_sum **list, size_t *n, struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT o.id, o.code,"
	    "  total(CASE WHEN l.kind = 'practice' THEN l.minutes END),"
	    "  total(CASE WHEN l.kind = 'coaching' THEN l.minutes END),"
	    "  count(*)"
	    " FROM practice_log l JOIN officer o ON o.id = l.officer_id"
	    " WHERE (?1 = 0 OR o.id = ?1)"
	    " GROUP BY o.id ORDER BY o.code", "I", officer_id),
	    sizeof **list, store_log_sum_row, NULL, &v, n, e);
	*list = v;
	return rc;
}

/* Certificates ----------------------------------------------------------- */

/* Column 0 into the char[65] 'out'. */
static void
store_secret_row(sqlite3_stmt *s, void *out)
{
	store_col_copy(out, 65, s, 0);
}

int
store_secret(struct store *st, char out[65], struct err *e)
{
	int	rc;

	out[0] = '\0';
	rc = store_row(st, store_prepare(st, e, "SELECT value FROM install "
	    "WHERE key = 'secret'", NULL), store_secret_row, out, e);
	if (rc == 1 || (rc == 0 && strlen(out) != 64))
		return err_set(e, "the progress file has no install secret");
	return rc;
}

int
store_cert_put(struct store *st, const struct store_cert *c, struct err *e)
{
	if (c->code[0] == '\0')
		return err_set(e, "a certificate needs its code");
	if (store_write(st, e, "INSERT INTO certificate (code, officer_id, "
	    "course_id, course_version, completed, hours, score, issued) "
	    "VALUES (?, ?, ?, ?, ?, ?, CASE WHEN ? < 0 THEN NULL ELSE ? END, "
	    "?) ON CONFLICT (code) DO NOTHING", "tIttTdddT", c->code,
	    c->officer_id, c->course_id, c->course_version, c->completed,
	    c->hours, c->score, c->score, c->issued) == -1)
		return -1;
	return 0;
}

static void
store_cert_row(sqlite3_stmt *s, void *out)
{
	struct store_cert	*c = out;

	store_col_copy(c->code, sizeof c->code, s, 0);
	c->officer_id = sqlite3_column_int64(s, 1);
	store_col_copy(c->officer_code, sizeof c->officer_code, s, 2);
	store_col_copy(c->course_id, sizeof c->course_id, s, 3);
	store_col_copy(c->course_version, sizeof c->course_version, s, 4);
	c->completed = (time_t)sqlite3_column_int64(s, 5);
	c->hours = sqlite3_column_double(s, 6);
	c->score = sqlite3_column_double(s, 7);
	c->issued = (time_t)sqlite3_column_int64(s, 8);
	store_col_copy(c->officer_name, sizeof c->officer_name, s, 9);
	store_col_copy(c->officer_agency, sizeof c->officer_agency, s, 10);
	store_col_copy(c->officer_group, sizeof c->officer_group, s, 11);
}

int
store_cert_get(struct store *st, const char *code, struct store_cert *c,
    struct err *e)
{
	memset(c, 0, sizeof *c);
	return store_row(st, store_prepare(st, e, "SELECT c.code, "
	    "c.officer_id, o.code, c.course_id, c.course_version, c.completed, "
	    "c.hours, coalesce(c.score, -1), c.issued, o.name, o.agency, "
	    "o.group_id FROM certificate c "
	    "JOIN officer o ON o.id = c.officer_id WHERE c.code = ?", "t", code),
	    store_cert_row, c, e);
}
