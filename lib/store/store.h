#ifndef STORE_H
#define STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * The progress store: one officer-owned SQLite file holding who trained,
 * how far they got, their quiz attempts and answers, and the outbox of
 * xAPI statements still to be sent. docs/progress-store.md describes the
 * file, its schema and how to restore a backup.
 *
 * Rules every function follows:
 * - Returns 0 on success and -1 on failure with *e filled (e may be NULL).
 *   Lookups return 1 for "not found" and leave *e alone.
 * - A write function has committed durably (WAL, synchronous=FULL) when it
 *   returns 0, so the UI may move on only then.
 * - Every learning event that leaves the device takes its xAPI statement
 *   (struct store_stmt) and writes it to the outbox in the same transaction
 *   as the event: both are stored, or neither. The store never builds
 *   statements; lib/xapi does.
 * - Times are passed in (time_t now) so tests can inject a clock.
 * - Structs of fixed-size strings are plain values. Where a struct has a
 *   'char *' member, the store only reads it when the struct is an input
 *   (the caller keeps ownership); a struct the store filled owns it and is
 *   released with the matching *_release() or *_free() function.
 *
 * struct store is opaque; lib/store*.c are the only includers of
 * <sqlite3.h>.
 */

struct buf;
struct err;
struct store;

#define STORE_SCHEMA_VERSION	4
#define STORE_APPLICATION_ID	0x5269616e	/* "Rian" */
#define STORE_ID_MAX		128	/* course, module, page, quiz ids */
#define STORE_UUID_LEN		36

/* An xAPI statement for the outbox; both strings borrowed. */
struct store_stmt {
	const char	*id;	/* UUID, unique over the whole outbox */
	const char	*json;	/* the exact bytes to send, stored once */
};

/*
 * Open (or create) the progress file at 'path' for reading and writing.
 * A missing file is created with mode 0600, and missing directories with
 * 0700. The file is checked (PRAGMA quick_check), identified by its
 * application_id and migrated forward to STORE_SCHEMA_VERSION; before a
 * migration of a file that holds data, a copy is saved beside it as
 * 'path.vN.bak'. A damaged or foreign file, or one made by a newer rianru,
 * is refused with a message that says what to do; nothing is re-created.
 * Returns a store the caller closes with store_close(), or NULL and *e.
 */
struct store	*store_open(const char *path, struct err *e);

/*
 * store_open() for commands that must not make a new progress file (a
 * certificate, the outbox): a missing file is the error "no progress
 * file at 'path'".
 */
struct store	*store_open_existing(const char *path, struct err *e);

/*
 * Open an existing progress file for reading only (previews, reports).
 * The database file is never written. SQLite needs the '-shm' and '-wal'
 * files of a WAL database; if they are missing it creates them empty, or,
 * when the directory is not writable, opens the file as immutable.
 * A file of an older schema is refused: open it once with store_open().
 */
struct store	*store_open_readonly(const char *path, struct err *e);

/* Close 'st'; NULL is fine. */
void		 store_close(struct store *st);

/*
 * Copy the write-ahead log into the database file (a passive checkpoint:
 * it never waits for readers) once the log holds STORE_CKPT_PAGES pages
 * or more; below that, do nothing. The app calls this when the officer
 * pauses, so the checkpoint's fsync of the database file is not paid
 * inside an answer's commit. Checkpointing after every commit would cost
 * more: the first commit after a complete checkpoint rewrites and syncs
 * the log's header. A commit that leaves STORE_WAL_MAX_PAGES or more in
 * the log still checkpoints at once (a safety net: the log stays bounded
 * when nobody pauses). A busy database is not an error.
 */
#define STORE_CKPT_PAGES	1000
#define STORE_WAL_MAX_PAGES	8000
int		 store_checkpoint(struct store *st, struct err *e);

/*
 * What opening had to fix, to tell the user (a progress file others could
 * read was made 0600), or NULL. Borrowed from 'st'.
 */
const char	*store_notice(const struct store *st);

/* The path 'st' was opened with (borrowed). */
const char	*store_path(const struct store *st);

/*
 * Copy the whole store to 'path' with SQLite's online backup API, while
 * others may keep writing. The copy is written beside 'path' with mode
 * 0600, synced, and renamed over 'path', so 'path' is always either the
 * old file or a complete copy. To restore: stop every rianru, then copy
 * the backup over the progress file (docs/progress-store.md). 'st' may be
 * read-only. Refused: 'path' being the progress file itself (the same
 * device and inode), a folder, or in a folder that does not exist (no
 * folders are created).
 */
int		 store_backup(struct store *st, const char *path,
		     struct err *e);

/*
 * Full check for "rianru doctor" and the crash tests: PRAGMA
 * integrity_check, plus the outbox invariant. Fills *c; returns -1 only if
 * the checks could not run.
 */
struct store_check {
	int	ok;		/* integrity_check said "ok" */
	char	first[256];	/* else its first complaint */
	int64_t	events;		/* events that carry a statement */
	int64_t	statements;	/* rows in the outbox */
	int64_t	missing;	/* events without their outbox statement */
	int64_t	orphans;	/* outbox rows no event refers to */
};
int		 store_check(struct store *st, struct store_check *c,
		     struct err *e);

/*
 * Limit the file to 'pages' pages for this connection (0 = no limit), so
 * tests can see what a full disk does. Returns the limit now in force.
 */
long		 store_set_page_limit(struct store *st, long pages);

/*
 * Create 'path' as a new file at schema version 'version' (1 ..
 * STORE_SCHEMA_VERSION) by running only the first 'version' migrations.
 * For migration tests and tools; the app uses store_open().
 */
int		 store_create_version(const char *path, int version,
		     struct err *e);

/* Write a new random (version 4) UUID and a NUL into 'out'. */
void		 store_uuid(char out[STORE_UUID_LEN + 1]);

/* Officers --------------------------------------------------------------- */

struct store_officer {
	int64_t	id;		/* row id; 0 before store_officer_add() */
	char	code[64];	/* officer code, unique */
	char	name[256];	/* display name */
	char	group[16];	/* one of the six ids of vocab_groups */
	char	agency[256];
	char	lang[4];	/* "th" or "en" */
	char	pin_hash[128];	/* "" = no PIN (crypto_pwhash_str output) */
	int	pin_failed;	/* failed PIN tries since the last success */
	time_t	locked_until;	/* 0 = not locked */
	time_t	created;
	time_t	last_seen;	/* 0 = never */
};

/*
 * Check officer fields given as strings and copy them into 'o' (the other
 * members are left alone). Every string must be valid UTF-8 without
 * control characters (no line breaks) and fit its field: code at most 63
 * bytes and without spaces, name and agency at most 255 bytes (a Thai
 * character takes 3). 'agency' may be NULL, 'lang' NULL or "" ("th").
 * Nothing is ever cut: a value that does not fit is an error, and on
 * error 'o' is unchanged. Returns 0, or -1 and *e (the message names the
 * field and, for length, the limit).
 */
int		 store_officer_set(struct store_officer *o, const char *code,
		     const char *name, const char *group, const char *agency,
		     const char *lang, struct err *e);
/*
 * Add officer 'o' (code, name, group, agency, lang are read; lang "" means
 * "th"). Sets o->id, o->created. The fields get the checks of
 * store_officer_set() (a field cut in the middle of a character is not
 * valid UTF-8); a duplicate code, an unknown group or language is an
 * error.
 */
int		 store_officer_add(struct store *st, struct store_officer *o,
		     time_t now, struct err *e);
/* Fill *o for 'code'. Returns 0, 1 when there is none, or -1. */
int		 store_officer_get(struct store *st, const char *code,
		     struct store_officer *o, struct err *e);
/*
 * All officers ordered by code in a new array (*n entries) the caller
 * frees with free(); *list is NULL when there are none.
 */
int		 store_officer_list(struct store *st,
		     struct store_officer **list, size_t *n, struct err *e);
int		 store_officer_seen(struct store *st, int64_t officer_id,
		     time_t now, struct err *e);
/* Set (or with NULL clear) the PIN hash; clears the failure count/lock. */
int		 store_officer_set_pin_hash(struct store *st,
		     int64_t officer_id, const char *hash, struct err *e);
/* Record the PIN failure count and lock time the kiosk decided on. */
int		 store_officer_set_pin_state(struct store *st,
		     int64_t officer_id, int failed, time_t locked_until,
		     struct err *e);
/* The officer's interface language, "th" or "en" (the 'L' key). */
int		 store_officer_set_lang(struct store *st, int64_t officer_id,
		     const char *lang, struct err *e);

/*
 * Add or update officers from the CSV file 'path': a header row naming the
 * columns code,name,group,agency,lang (any order; lang may be left out),
 * then one officer per row. RFC 4180 quoting, CRLF or LF, a UTF-8 BOM are
 * accepted. An existing code is updated. All rows are checked and stored
 * in one transaction: on the first bad row nothing changes and *e says
 * "path:LINE: message". Sets *added and *updated (either may be NULL).
 */
int		 store_user_import_csv(struct store *st, const char *path,
		     time_t now, size_t *added, size_t *updated, struct err *e);

/* Learning events ------------------------------------------------------- */

/* Enrol an officer in a course; enrolling twice is fine. No statement. */
int		 store_enrol(struct store *st, int64_t officer_id,
		     const char *course_id, time_t now, struct err *e);

struct store_page {
	int64_t		 officer_id;
	const char	*course_id;
	const char	*module_id;
	const char	*page_id;
	time_t		 at;
};
/*
 * Remember that the officer is at page p->page_id (the resume point) and,
 * with a non-NULL 'stmt' ("experienced"), log the page view and queue the
 * statement. The officer must be enrolled.
 */
int		 store_record_page(struct store *st, const struct store_page *p,
		     const struct store_stmt *stmt, struct err *e);

/* Mark a module done (idempotent for the flag; 'stmt' required). */
int		 store_module_done(struct store *st, int64_t officer_id,
		     const char *course_id, const char *module_id, time_t now,
		     const struct store_stmt *stmt, struct err *e);

/*
 * Record the course as completed with 'hours' credited and whether the
 * officer passed it (the caller applies the course rules). Completing
 * again keeps the first completion time, the larger hours and 'passed'
 * once set. 'stmt' required.
 */
int		 store_course_complete(struct store *st, int64_t officer_id,
		     const char *course_id, double hours, int passed,
		     time_t now, const struct store_stmt *stmt, struct err *e);

/*
 * Where an officer stands in each module of a course they are enrolled
 * in. Free the array with free().
 */
struct store_module_state {
	char	module_id[STORE_ID_MAX];
	char	page_id[STORE_ID_MAX];	/* last page shown, "" = none */
	int	done;
	time_t	done_at;
};
int		 store_modules(struct store *st, int64_t officer_id,
		     const char *course_id, struct store_module_state **list,
		     size_t *n, struct err *e);

/*
 * Whether the officer has seen page 'page_id' of 'module_id' (a page
 * event was recorded). Returns 1 seen, 0 not, -1 on error.
 */
int		 store_page_seen(struct store *st, int64_t officer_id,
		     const char *course_id, const char *module_id,
		     const char *page_id, struct err *e);

struct store_attempt {
	char	id[STORE_UUID_LEN + 1];	/* "" on input: the store makes one */
	int64_t	officer_id;
	char	course_id[STORE_ID_MAX];
	char	course_version[64];
	char	content_hash[80];
	char	quiz_id[STORE_ID_MAX];
	char	*order;		/* JSON: drawn question ids and choice orders */
	time_t	started;
	time_t	finished;	/* 0 = open */
	long	time_limit;	/* seconds; 0 = none */
	double	points, max_points, scaled;
	int	passed;		/* -1 while open */
};
/* Free what a store-filled attempt owns (its order); NULL is fine. */
void		 store_attempt_release(struct store_attempt *a);
/* Release and free an array from store_attempt_list(). */
void		 store_attempt_list_free(struct store_attempt *list, size_t n);

/*
 * Start attempt 'a' (officer, course, version, hash, quiz, order, started,
 * time_limit are read). When a->id is "", a new UUID is written into it.
 * 'stmt' ("attempted") may be NULL. The officer must be enrolled.
 */
int		 store_attempt_start(struct store *st, struct store_attempt *a,
		     const struct store_stmt *stmt, struct err *e);

struct store_score {
	double	points, max_points, scaled;
	int	passed;
};
/*
 * Finish an open attempt with its score ("passed"/"failed" 'stmt'
 * required). Finishing a finished attempt is an error.
 */
int		 store_attempt_finish(struct store *st, const char *attempt_id,
		     const struct store_score *s, time_t now,
		     const struct store_stmt *stmt, struct err *e);

/*
 * Close an open attempt without a result: its quiz changed so much that
 * the stored plan no longer fits (a question removed). Its answers stay
 * in the file (their statements were queued when given); the attempt is
 * left out of attempt lists, counts and best scores, so it neither uses
 * up an attempt nor scores. No statement: nothing ended from the
 * officer's side. Voiding a finished attempt is an error.
 */
int		 store_attempt_void(struct store *st, const char *attempt_id,
		     time_t now, struct err *e);

struct store_answer {
	char	attempt_id[STORE_UUID_LEN + 1];
	char	question_id[STORE_ID_MAX];
	char	*response;	/* in the xAPI pattern format */
	int	correct;
	double	points;
	time_t	answered;
};
/* Free what a store-filled answer owns; NULL is fine. */
void		 store_answer_release(struct store_answer *a);
void		 store_answer_list_free(struct store_answer *list, size_t n);

/*
 * Store (or replace, while the attempt is open) the answer to one question
 * and queue its "answered" statement ('stmt' required). Answering in a
 * finished attempt is an error.
 */
int		 store_record_answer(struct store *st,
		     const struct store_answer *a,
		     const struct store_stmt *stmt, struct err *e);

/* Queries ---------------------------------------------------------------- */

struct store_resume {
	char	module_id[STORE_ID_MAX];
	char	page_id[STORE_ID_MAX];
	time_t	at;
};
/* Where the officer stopped in the course: 0, 1 if never, or -1. */
int		 store_resume(struct store *st, int64_t officer_id,
		     const char *course_id, struct store_resume *r,
		     struct err *e);

/*
 * The newest unfinished attempt of the officer at 'quiz_id' of
 * 'course_id', with its answers (a new array the caller frees with
 * store_answer_list_free(); NULL when none). Returns 0, 1 when there is no
 * open attempt, or -1. *a is released by store_attempt_release().
 */
int		 store_attempt_open(struct store *st, int64_t officer_id,
		     const char *course_id, const char *quiz_id,
		     struct store_attempt *a, struct store_answer **answers,
		     size_t *n, struct err *e);

/* The answers of one attempt, in question order of answering. */
int		 store_answers(struct store *st, const char *attempt_id,
		     struct store_answer **answers, size_t *n, struct err *e);

/*
 * Attempts of an officer, newest first; 'course_id' and 'quiz_id' narrow
 * it when not NULL. Free with store_attempt_list_free().
 */
int		 store_attempt_list(struct store *st, int64_t officer_id,
		     const char *course_id, const char *quiz_id,
		     struct store_attempt **list, size_t *n, struct err *e);

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

/* Output formats (lib/store_format.c; no database needed) --------------- */

enum store_fmt {
	STORE_FMT_TABLE,	/* aligned by terminal cells, for people */
	STORE_FMT_CSV,		/* UTF-8 BOM, header row, RFC 4180, CRLF */
	STORE_FMT_JSON		/* an array of objects */
};
/* "table", "csv", "json" -> *f; -1 for anything else. */
int		 store_fmt_parse(const char *s, enum store_fmt *f);
/* Append the formatted rows to 'out'. PIN hashes are never printed. */
void		 store_format_officers(const struct store_officer *list,
		     size_t n, enum store_fmt f, struct buf *out);
void		 store_format_progress(const struct store_progress *list,
		     size_t n, enum store_fmt f, struct buf *out);
void		 store_format_report(const struct store_report_row *rows,
		     size_t n, enum store_report_by by, enum store_fmt f,
		     struct buf *out);

/* Outbox, for lib/sync (lib/store_outbox.c) ----------------------------- */

enum store_ob_state {
	STORE_OB_PENDING,
	STORE_OB_DELIVERED,
	STORE_OB_CONFLICT,	/* the LRS has this id with another body */
	STORE_OB_QUARANTINED,	/* rejected; kept with its reason */
	STORE_OB_NSTATES
};
/* "pending", ... (static strings). */
const char	*store_ob_state_name(enum store_ob_state s);

/* Count rows in each state into counts[STORE_OB_NSTATES]. */
int		 store_outbox_counts(struct store *st,
		     int64_t counts[STORE_OB_NSTATES], struct err *e);

/* One outbox row; every pointer is borrowed and valid only in the callback. */
struct store_outbox_row {
	int64_t			 seq;	/* creation order */
	const char		*stmt_id;
	const char		*json;
	size_t			 json_len;
	time_t			 created;
	enum store_ob_state	 state;
	int			 attempts;
	const char		*last_error;	/* "" if none */
	time_t			 next_try;
	time_t			 delivered;	/* 0 = not yet */
	time_t			 quarantined;	/* 0 = not */
};

/*
 * Call 'fn' for at most 'limit' pending rows due at 'now' (next_try <=
 * now) with seq > after_seq, in creation order, one row in memory at a
 * time. 'fn' returns 0 to go on or non-zero to stop, and must not call
 * back into the store (collect the ids, then mark them). Returns the
 * number of rows visited, or -1.
 */
int		 store_outbox_pending(struct store *st, time_t now,
		     int64_t after_seq, int limit,
		     int (*fn)(const struct store_outbox_row *, void *),
		     void *arg, struct err *e);
/*
 * Call 'fn' for every row in state 's' (quarantined, conflict, ...),
 * oldest first. Same rules as store_outbox_pending().
 */
int		 store_outbox_list(struct store *st, enum store_ob_state s,
		     int (*fn)(const struct store_outbox_row *, void *),
		     void *arg, struct err *e);

/* Mark statements delivered at 'now' (one transaction). */
int		 store_outbox_delivered(struct store *st,
		     const char *const *ids, size_t n, time_t now,
		     struct err *e);
/* Put one statement in state STORE_OB_CONFLICT or _QUARANTINED. */
int		 store_outbox_set_state(struct store *st, const char *id,
		     enum store_ob_state s, const char *reason, time_t now,
		     struct err *e);
/* After a failed try: attempts++, last_error, next try at 'next_try'. */
int		 store_outbox_retry(struct store *st, const char *const *ids,
		     size_t n, time_t next_try, const char *error,
		     struct err *e);
/*
 * Put quarantined and conflicting statements back to pending with a fresh
 * attempt count ('id' NULL: all of them). Sets *n (may be NULL) to how
 * many moved.
 */
int		 store_outbox_requeue(struct store *st, const char *id,
		     size_t *n, struct err *e);

/* 70:20:10 log (lib/store_log.c) ----------------------------------------- */

/*
 * Learning outside courses that officers record themselves: on-the-job
 * practice (the 70) and coaching or mentoring (the 20). Courses' credited
 * hours are the 10.
 */
enum store_log_kind {
	STORE_LOG_PRACTICE,
	STORE_LOG_COACHING,
	STORE_LOG_NKINDS
};
/* "practice", "coaching" (static strings); -1 from the parser. */
const char	*store_log_kind_name(enum store_log_kind k);
int		 store_log_kind_parse(const char *s, enum store_log_kind *k);

#define STORE_LOG_MAX_MINUTES	1440	/* one entry is at most a day */
#define STORE_LOG_REFLECTION	1024	/* bytes, with the NUL */

struct store_log_entry {
	int64_t			id;		/* set by store_log_add() */
	int64_t			officer_id;
	char			day[11];	/* YYYY-MM-DD, a real date */
	enum store_log_kind	kind;
	char			area[32];	/* an id of vocab_areas */
	int			minutes;	/* 1 .. STORE_LOG_MAX_MINUTES */
	char			reflection[STORE_LOG_REFLECTION]; /* may be "" */
	time_t			created;	/* set by store_log_add() */
};

/*
 * Record entry 'le' (officer_id, day, kind, area, minutes, reflection are
 * read) with its xAPI statement ('stmt' required, from xapi_log_entry()),
 * journal row and outbox row in one transaction. Sets le->id and
 * le->created. A bad day, kind, area or minutes, or an unknown officer,
 * is an error and nothing is written.
 */
int		 store_log_add(struct store *st, struct store_log_entry *le,
		     time_t now, const struct store_stmt *stmt, struct err *e);
/*
 * The officer's entries, newest day first (then newest recorded first),
 * in a new array the caller frees with free(); NULL when there are none.
 */
int		 store_log_list(struct store *st, int64_t officer_id,
		     struct store_log_entry **list, size_t *n, struct err *e);

/* Minutes logged by one officer, by kind. */
struct store_log_sum {
	int64_t	officer_id;
	char	code[64];
	int64_t	minutes[STORE_LOG_NKINDS];
	int64_t	entries;
};
/*
 * Sums per officer who logged anything, ordered by officer code
 * ('officer_id' 0: everyone). Free the array with free().
 */
int		 store_log_sums(struct store *st, int64_t officer_id,
		     struct store_log_sum **list, size_t *n, struct err *e);

/* Certificates (lib/store_log.c) ----------------------------------------- */

/*
 * The per-install secret that verification codes are derived from: 64
 * hex digits made once, when the file got schema version 4. A copy of
 * the file (backup) verifies the same codes.
 */
int		 store_secret(struct store *st, char out[65], struct err *e);

#define STORE_CERT_CODE_MAX	32

/* A certificate issued on this machine, as lib/cert derived it. */
struct store_cert {
	char	code[STORE_CERT_CODE_MAX];	/* "RNR-XXXX-XXXX" */
	int64_t	officer_id;
	char	officer_code[64];	/* filled by store_cert_get() */
	char	course_id[STORE_ID_MAX];
	char	course_version[64];
	time_t	completed;
	double	hours;
	double	score;			/* 0..1; -1 = the course has no quiz */
	time_t	issued;			/* first issued */
};
/*
 * Remember certificate 'c' (issuing it again keeps the first row, so
 * 'issued' stays the first time). Returns 0 or -1.
 */
int		 store_cert_put(struct store *st, const struct store_cert *c,
		     struct err *e);
/* The certificate with 'code': 0 and *c, 1 when unknown, or -1. */
int		 store_cert_get(struct store *st, const char *code,
		     struct store_cert *c, struct err *e);

#endif
