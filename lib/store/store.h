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
 *   statements; lib/sync/xapi does.
 * - Times are passed in (time_t now) so tests can inject a clock.
 * - Structs of fixed-size strings are plain values. Where a struct has a
 *   'char *' member, the store only reads it when the struct is an input
 *   (the caller keeps ownership); a struct the store filled owns it and is
 *   released with the matching *_release() or *_free() function.
 *
 * struct store is opaque; lib/store/store*.c are the only includers of
 * <sqlite3.h>.
 *
 * This header opens, checks, backs up and closes the file. What is in it
 * is read and written through one header per area:
 *   store_officer.h	officers, and their import from CSV
 *   store_event.h	learning events, quiz attempts and answers
 *   store_outbox.h	the xAPI statements still to be sent
 *   store_query.h	progress rows and totals for reports
 *   store_log.h		the 70:20:10 log and certificates
 */

struct err;
struct store;

#define STORE_SCHEMA_VERSION	11
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
 * 'path' STORE_MEMORY (":memory:", as in SQLite) opens a new private
 * store in memory, for tests: no file is made, nothing outlives the close.
 */
#define STORE_MEMORY	":memory:"
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
 * How many SQL statements 'st' has started since it was opened (every
 * query, write and pragma, counted by SQLite as it runs them): the app
 * checks with it that drawing a screen reads nothing from the store.
 */
unsigned long	 store_statements(const struct store *st);

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
	int64_t	events;		/* events that carry a statement made here
				 * (not pulled from the LRS) */
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

#endif
