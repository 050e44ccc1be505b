#ifndef STORE_IMPL_H
#define STORE_IMPL_H

/*
 * Private to lib/store/store*.c: the complete struct store and the small
 * helpers the store files share. Nothing outside lib/store/ includes this
 * (it pulls in <sqlite3.h>).
 */

#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "store/store.h"

struct err;
struct store_review;
struct store_review_answer;
struct store_stmt;

struct store {
	sqlite3	*db;
	char	*path;
	int	 readonly;
	int	 wal_frames;	/* WAL length after the last commit */
	char	*notice;	/* what opening fixed, for the user; or NULL */
	unsigned long statements;	/* started so far (store_statements) */
};

/* migrations[i] takes a file from user_version i to i + 1 (store_schema.c). */
extern const char *const store_migrations[STORE_SCHEMA_VERSION];

/*
 * Prepare 'sql' and bind its parameters from the arguments described by
 * 'fmt', one letter each: 'i' int, 'I' int64_t, 'T' time_t, 'd' double,
 * 't' const char * (NULL binds NULL). Returns the statement the caller
 * finalizes, or NULL and *e.
 */
sqlite3_stmt	*store_prepare(struct store *st, struct err *e, const char *sql,
		     const char *fmt, ...);
/*
 * Prepare, bind and step 'sql' to the end. Returns the number of rows it
 * changed, or -1 and *e.
 */
int		 store_exec(struct store *st, struct err *e, const char *sql,
		     const char *fmt, ...);
/*
 * store_exec() of one statement in its own write transaction, with the
 * retries of store_begin(): for writes that are a single statement.
 */
int		 store_write(struct store *st, struct err *e, const char *sql,
		     const char *fmt, ...);
/* Fill *e for SQLite result 'rc' in words a user understands; -1. */
int		 store_dberr(struct store *st, struct err *e, int rc);

/*
 * Write transactions: BEGIN IMMEDIATE (waiting and retrying while another
 * program writes), COMMIT (retried the same way), ROLLBACK.
 */
int		 store_begin(struct store *st, struct err *e);
int		 store_commit(struct store *st, struct err *e);
void		 store_rollback(struct store *st);

/*
 * Inside a transaction: journal a learning event of 'kind' with its
 * statement, and queue the statement in the outbox. A NULL 'stmt' does
 * nothing.
 */
int		 store_event_add(struct store *st, const char *kind,
		     int64_t officer_id, const char *course_id, const char *ref,
		     time_t at, const struct store_stmt *stmt, struct err *e);

/*
 * Inside a transaction: log answer 'a' of review 'r' (the question's
 * state after it) under statement 'stmt_id', in the review log. The one
 * writer of review_log rows: store_review_record() and the merge of a
 * pulled review.
 */
int		 store_review_log_add(struct store *st,
		     const struct store_review *r,
		     const struct store_review_answer *a, const char *stmt_id,
		     struct err *e);

/*
 * Check an id argument ('what': "course id", ...): present and short
 * enough for the fixed fields (STORE_ID_MAX). Returns 0, or -1 and *e.
 */
int		 store_check_id(const char *what, const char *id,
		     struct err *e);

/* Column 'i' as text; "" for NULL. Borrowed until the next step. */
const char	*store_col_text(sqlite3_stmt *s, int i);
/* Copy column 'i' into dst[size], truncating. */
void		 store_col_copy(char *dst, size_t size, sqlite3_stmt *s, int i);
/* A 'row' of store_row(): column 0 as an integer into *(int64_t *)out. */
void		 store_col_int64(sqlite3_stmt *s, void *out);

/*
 * Step 's' to its end and finalize it, reading every row into a new array
 * of elements of 'size' bytes with 'row' (it fills the zeroed element
 * 'out' from the current row). Returns 0 with *list (NULL when
 * there is no row; the caller frees it) and *n. On a database error
 * calls 'release' (when not NULL) on each element read, frees the array
 * and returns -1 and *e. A NULL 's' (a failed store_prepare(), *e filled)
 * returns -1, so the prepare can be an argument.
 */
int		 store_rows(struct store *st, sqlite3_stmt *s, size_t size,
		     void (*row)(sqlite3_stmt *s, void *out),
		     void (*release)(void *), void **list, size_t *n,
		     struct err *e);
/*
 * Step 's' once and finalize it: when there is a row, 'row' (NULL: just
 * look) reads it into 'out'. Returns 0 for a row, 1 for none, or -1 and
 * *e (also for a NULL 's', as store_rows()).
 */
int		 store_row(struct store *st, sqlite3_stmt *s,
		     void (*row)(sqlite3_stmt *s, void *out), void *out,
		     struct err *e);

#endif
