#include "store/store_officer.h"

/*
 * Officers: the checks every field gets, adding, looking up and listing
 * them, and the updates of their PIN state and language. Their import
 * from CSV is store_csv.c.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/esc.h"
#include "content/vocab.h"
#include "store/store_impl.h"
#include "text/text.h"

/*
 * Check one text field of an officer: it fits a field of 'size' bytes
 * with its NUL, is valid UTF-8 and holds no control character (a line
 * break would break 'user list' and the CSV export). 'len' is its length
 * in bytes; a code also takes no spaces (it is an id: kiosk search, xAPI).
 */
static int
store_officer_text(const char *what, const char *s, size_t len, size_t size,
    int is_code, struct err *e)
{
	char		name[64];
	size_t		i, n, chars = 0;
	uint32_t	cp;

	for (i = 0; i < len; i += n, chars++)
		n = text_decode(s + i, len - i, &cp);
	if (len >= size)
		return err_set(e, "%s is too long: %zu bytes (%zu characters); "
		    "at most %zu bytes (%zu Thai characters)", what, len, chars,
		    size - 1, (size - 1) / 3);
	if (!text_valid_utf8(s, len, &i))
		return err_set(e, "%s is not valid UTF-8 (at byte %zu)", what,
		    i + 1);
	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\r')
			return err_set(e, "%s contains a line break", what);
		if (esc_cp_unsafe(cp))
			return err_set(e, "%s contains %s", what,
			    esc_cp_describe(cp, name, sizeof name));
		if (is_code && (cp == ' ' || cp == 0xa0 || cp == 0x3000))
			return err_set(e, "%s '%s' contains a space", what, s);
	}
	return 0;
}

/* The checks of store_officer_set() on a filled struct (NULs included). */
static int
store_officer_valid(const struct store_officer *o, struct err *e)
{
	if (o->code[0] == '\0')
		return err_set(e, "missing officer code");
	if (store_officer_text("officer code", o->code,
	    strnlen(o->code, sizeof o->code), sizeof o->code, 1, e) == -1)
		return -1;
	if (o->name[0] == '\0')
		return err_set(e, "officer '%s' has no name", o->code);
	if (store_officer_text("name", o->name,
	    strnlen(o->name, sizeof o->name), sizeof o->name, 0, e) == -1 ||
	    store_officer_text("agency", o->agency,
	    strnlen(o->agency, sizeof o->agency), sizeof o->agency, 0, e) == -1)
		return -1;
	if (memchr(o->group, '\0', sizeof o->group) == NULL ||
	    vocab_find(vocab_groups, GROUP_COUNT, o->group) == -1)
		return err_set(e, "unknown group '%.*s' (use executive, "
		    "director, policy, service, technology or other)",
		    (int)sizeof o->group, o->group);
	if (memchr(o->lang, '\0', sizeof o->lang) == NULL ||
	    (o->lang[0] != '\0' && strcmp(o->lang, "th") != 0 &&
	    strcmp(o->lang, "en") != 0))
		return err_set(e, "unknown language '%.*s' (use th or en)",
		    (int)sizeof o->lang, o->lang);
	return 0;
}

int
store_officer_set(struct store_officer *o, const char *code,
    const char *name, const char *group, const char *agency,
    const char *lang, struct err *e)
{
	if (agency == NULL)
		agency = "";
	if (lang == NULL || *lang == '\0')
		lang = "th";
	if (code == NULL || *code == '\0')
		return err_set(e, "missing officer code");
	if (store_officer_text("officer code", code, strlen(code),
	    sizeof o->code, 1, e) == -1)
		return -1;
	if (name == NULL || *name == '\0')
		return err_set(e, "officer '%s' has no name", code);
	if (store_officer_text("name", name, strlen(name), sizeof o->name, 0,
	    e) == -1 ||
	    store_officer_text("agency", agency, strlen(agency),
	    sizeof o->agency, 0, e) == -1)
		return -1;
	if (group == NULL || vocab_find(vocab_groups, GROUP_COUNT, group) == -1)
		return err_set(e, "unknown group '%s' (use executive, "
		    "director, policy, service, technology or other)",
		    group != NULL ? group : "");
	if (strcmp(lang, "th") != 0 && strcmp(lang, "en") != 0)
		return err_set(e, "unknown language '%s' (use th or en)", lang);
	/* every length was checked above: nothing is cut */
	snprintf(o->code, sizeof o->code, "%s", code);
	snprintf(o->name, sizeof o->name, "%s", name);
	snprintf(o->group, sizeof o->group, "%s", group);
	snprintf(o->agency, sizeof o->agency, "%s", agency);
	snprintf(o->lang, sizeof o->lang, "%s", lang);
	return 0;
}

int
store_officer_add(struct store *st, struct store_officer *o, time_t now,
    struct err *e)
{
	int	rc;

	if (store_officer_valid(o, e) == -1)
		return -1;
	rc = store_write(st, e, "INSERT INTO officer (code, name, group_id, "
	    "agency, lang, created) VALUES (?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (code) DO NOTHING", "tttttT", o->code, o->name,
	    o->group, o->agency, o->lang[0] != '\0' ? o->lang : "th", now);
	if (rc == 0)
		return err_set(e, "officer '%s' already exists", o->code);
	if (rc == -1)
		return -1;
	o->id = sqlite3_last_insert_rowid(st->db);
	o->created = now;
	if (o->lang[0] == '\0')
		snprintf(o->lang, sizeof o->lang, "th");
	return 0;
}

#define OFFICER_COLS "id, code, name, group_id, agency, lang, pin_hash, " \
	"pin_failed, locked_until, created, last_seen, setup_hash, " \
	"privacy_seen"

/* Read one row of OFFICER_COLS into the struct store_officer 'out'. */
static void
store_officer_row(sqlite3_stmt *s, void *out)
{
	struct store_officer	*o = out;

	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(s, 0);
	store_col_copy(o->code, sizeof o->code, s, 1);
	store_col_copy(o->name, sizeof o->name, s, 2);
	store_col_copy(o->group, sizeof o->group, s, 3);
	store_col_copy(o->agency, sizeof o->agency, s, 4);
	store_col_copy(o->lang, sizeof o->lang, s, 5);
	store_col_copy(o->pin_hash, sizeof o->pin_hash, s, 6);
	o->pin_failed = sqlite3_column_int(s, 7);
	o->locked_until = (time_t)sqlite3_column_int64(s, 8);
	o->created = (time_t)sqlite3_column_int64(s, 9);
	o->last_seen = (time_t)sqlite3_column_int64(s, 10);
	store_col_copy(o->setup_hash, sizeof o->setup_hash, s, 11);
	o->privacy_seen = (time_t)sqlite3_column_int64(s, 12);
}

int
store_officer_get(struct store *st, const char *code, struct store_officer *o,
    struct err *e)
{
	return store_row(st, store_prepare(st, e, "SELECT " OFFICER_COLS
	    " FROM officer WHERE code = ?", "t", code), store_officer_row, o,
	    e);
}

int
store_officer_list(struct store *st, struct store_officer **list, size_t *n,
    struct err *e)
{
	void	*v;
	int	 rc;

	rc = store_rows(st, store_prepare(st, e, "SELECT " OFFICER_COLS
	    " FROM officer ORDER BY code", NULL), sizeof **list,
	    store_officer_row, NULL, &v, n, e);
	*list = v;
	return rc;
}

/* Result 'rc' of an UPDATE of one officer; an unknown id is an error. */
static int
store_officer_update(int64_t id, int rc, struct err *e)
{
	if (rc == 0)
		return err_set(e, "no officer with id %lld", (long long)id);
	return rc == -1 ? -1 : 0;
}

int
store_officer_seen(struct store *st, int64_t officer_id, time_t now,
    struct err *e)
{
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET last_seen = ? WHERE id = ?", "TI", now,
	    officer_id), e);
}

int
store_officer_set_pin_hash(struct store *st, int64_t officer_id,
    const char *hash, struct err *e)
{
	struct store_officer	o;

	if (hash != NULL && strlen(hash) >= sizeof o.pin_hash)
		return err_set(e, "PIN hash too long");
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET pin_hash = ?, pin_failed = 0, "
	    "locked_until = 0, setup_hash = NULL WHERE id = ?", "tI", hash,
	    officer_id), e);
}

int
store_officer_set_setup(struct store *st, int64_t officer_id,
    const char *hash, struct err *e)
{
	struct store_officer	o;

	if (hash == NULL || strlen(hash) >= sizeof o.setup_hash)
		return err_set(e, "bad first-login code hash");
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET pin_hash = NULL, pin_failed = 0, "
	    "locked_until = 0, setup_hash = ? WHERE id = ?", "tI", hash,
	    officer_id), e);
}

int
store_officer_privacy_seen(struct store *st, int64_t officer_id, time_t now,
    struct err *e)
{
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET privacy_seen = ? WHERE id = ?", "TI", now,
	    officer_id), e);
}

/* The install value 'key' as an integer; 0 when there is none. */
static int
store_admin_get(struct store *st, const char *key, int64_t *v, struct err *e)
{
	*v = 0;
	return store_row(st, store_prepare(st, e, "SELECT CAST(value AS "
	    "INTEGER) FROM install WHERE key = ?", "t", key), store_col_int64,
	    v, e) == -1 ? -1 : 0;
}

/* Inside a transaction: set the install value 'key' to 'v'. */
static int
store_admin_put(struct store *st, const char *key, int64_t v, struct err *e)
{
	return store_exec(st, e, "INSERT INTO install (key, value) VALUES "
	    "(?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	    "tI", key, v) == -1 ? -1 : 0;
}

int
store_admin_lock(struct store *st, int *failed, time_t *locked_until,
    struct err *e)
{
	int64_t	f, u;

	if (store_admin_get(st, "admin_failed", &f, e) == -1 ||
	    store_admin_get(st, "admin_locked_until", &u, e) == -1)
		return -1;
	*failed = f < 0 ? 0 : f > 1000 ? 1000 : (int)f;
	*locked_until = (time_t)u;
	return 0;
}

int
store_admin_failed(struct store *st, time_t now, long (*delay)(int failed),
    long *wait, struct err *e)
{
	int64_t	f;

	*wait = 0;
	if (store_begin(st, e) == -1)
		return -1;
	if (store_admin_get(st, "admin_failed", &f, e) == -1)
		goto fail;
	f = f < 0 ? 1 : f >= 1000 ? 1000 : f + 1;
	*wait = delay((int)f);
	if (store_admin_put(st, "admin_failed", f, e) == -1 ||
	    store_admin_put(st, "admin_locked_until", *wait > 0 ?
	    (int64_t)now + *wait : 0, e) == -1)
		goto fail;
	return store_commit(st, e);
fail:
	store_rollback(st);
	return -1;
}

int
store_admin_ok(struct store *st, struct err *e)
{
	if (store_begin(st, e) == -1)
		return -1;
	if (store_admin_put(st, "admin_failed", 0, e) == -1 ||
	    store_admin_put(st, "admin_locked_until", 0, e) == -1) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, e);
}

int
store_officer_set_pin_state(struct store *st, int64_t officer_id, int failed,
    time_t locked_until, struct err *e)
{
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET pin_failed = ?, locked_until = ? WHERE id = ?",
	    "iTI", failed, locked_until, officer_id), e);
}

int
store_officer_set_lang(struct store *st, int64_t officer_id, const char *lang,
    struct err *e)
{
	if (strcmp(lang, "th") != 0 && strcmp(lang, "en") != 0)
		return err_set(e, "unknown language '%s' (use th or en)",
		    lang);
	return store_officer_update(officer_id, store_write(st, e,
	    "UPDATE officer SET lang = ? WHERE id = ?", "tI", lang,
	    officer_id), e);
}
