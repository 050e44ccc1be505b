#include "store/store.h"

/*
 * The schema of the progress file as forward migrations. docs/
 * progress-store.md describes the tables; store_migrate() in store.c runs
 * the steps.
 */

#include "store/store_impl.h"

/*
 * Forward migrations: store_migrations[i] takes a file from user_version i to
 * i + 1. Never edit a step once released; add a new one and bump
 * STORE_SCHEMA_VERSION. Each step runs in its own transaction together
 * with its user_version update.
 */
const char *const store_migrations[STORE_SCHEMA_VERSION] = {
	/* v1: officers, enrolments, progress, attempts, answers, outbox. */
	"CREATE TABLE officer ("
	"  id		INTEGER PRIMARY KEY,"
	"  code		TEXT NOT NULL UNIQUE,"
	"  name		TEXT NOT NULL,"
	"  group_id	TEXT NOT NULL CHECK (group_id IN ('executive',"
	"		  'director', 'policy', 'service', 'technology',"
	"		  'other')),"
	"  agency	TEXT NOT NULL DEFAULT '',"
	"  lang		TEXT NOT NULL DEFAULT 'th'"
	"		  CHECK (lang IN ('th', 'en')),"
	"  pin_hash	TEXT,"
	"  pin_failed	INTEGER NOT NULL DEFAULT 0,"
	"  locked_until	INTEGER NOT NULL DEFAULT 0,"
	"  created	INTEGER NOT NULL,"
	"  last_seen	INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE enrolment ("
	"  officer_id	INTEGER NOT NULL REFERENCES officer(id),"
	"  course_id	TEXT NOT NULL,"
	"  enrolled	INTEGER NOT NULL,"
	"  module_id	TEXT,"			/* resume point */
	"  page_id	TEXT,"
	"  page_at	INTEGER,"
	"  completed	INTEGER,"		/* NULL: not completed */
	"  passed	INTEGER NOT NULL DEFAULT 0,"
	"  hours	REAL NOT NULL DEFAULT 0,"
	"  complete_stmt TEXT,"
	"  PRIMARY KEY (officer_id, course_id)"
	");"
	"CREATE TABLE module_progress ("
	"  officer_id	INTEGER NOT NULL,"
	"  course_id	TEXT NOT NULL,"
	"  module_id	TEXT NOT NULL,"
	"  page_id	TEXT,"
	"  updated	INTEGER NOT NULL,"
	"  done		INTEGER NOT NULL DEFAULT 0,"
	"  done_at	INTEGER,"
	"  done_stmt	TEXT,"
	"  PRIMARY KEY (officer_id, course_id, module_id),"
	"  FOREIGN KEY (officer_id, course_id)"
	"    REFERENCES enrolment(officer_id, course_id)"
	");"
	"CREATE TABLE attempt ("
	"  id		TEXT PRIMARY KEY,"
	"  officer_id	INTEGER NOT NULL,"
	"  course_id	TEXT NOT NULL,"
	"  course_version TEXT NOT NULL DEFAULT '',"
	"  content_hash	TEXT NOT NULL DEFAULT '',"
	"  quiz_id	TEXT NOT NULL,"
	"  question_order TEXT NOT NULL,"
	"  started	INTEGER NOT NULL,"
	"  finished	INTEGER,"		/* NULL: open */
	"  time_limit	INTEGER NOT NULL DEFAULT 0,"
	"  points	REAL,"
	"  max_points	REAL,"
	"  scaled	REAL,"
	"  passed	INTEGER,"
	"  start_stmt	TEXT,"
	"  finish_stmt	TEXT,"
	"  FOREIGN KEY (officer_id, course_id)"
	"    REFERENCES enrolment(officer_id, course_id)"
	");"
	"CREATE TABLE answer ("
	"  attempt_id	TEXT NOT NULL REFERENCES attempt(id),"
	"  question_id	TEXT NOT NULL,"
	"  response	TEXT NOT NULL,"
	"  correct	INTEGER NOT NULL,"
	"  points	REAL NOT NULL DEFAULT 0,"
	"  answered	INTEGER NOT NULL,"
	"  stmt_id	TEXT,"
	"  PRIMARY KEY (attempt_id, question_id)"
	");"
	"CREATE TABLE outbox ("
	"  seq		INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  stmt_id	TEXT NOT NULL UNIQUE,"
	"  created	INTEGER NOT NULL,"
	"  json		TEXT NOT NULL,"
	"  state	TEXT NOT NULL DEFAULT 'pending'"
	"		  CHECK (state IN ('pending', 'delivered',"
	"		  'conflict')),"
	"  attempts	INTEGER NOT NULL DEFAULT 0,"
	"  last_error	TEXT,"
	"  next_try	INTEGER NOT NULL DEFAULT 0,"
	"  delivered	INTEGER"
	");",

	/*
	 * v2: statements the LRS rejects are quarantined (with the time) so
	 * the rest can go; an index keeps the pending scan cheap. SQLite
	 * cannot change a CHECK constraint, so the table is rebuilt.
	 */
	"CREATE TABLE outbox_v2 ("
	"  seq		INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  stmt_id	TEXT NOT NULL UNIQUE,"
	"  created	INTEGER NOT NULL,"
	"  json		TEXT NOT NULL,"
	"  state	TEXT NOT NULL DEFAULT 'pending'"
	"		  CHECK (state IN ('pending', 'delivered', 'conflict',"
	"		  'quarantined')),"
	"  attempts	INTEGER NOT NULL DEFAULT 0,"
	"  last_error	TEXT,"
	"  next_try	INTEGER NOT NULL DEFAULT 0,"
	"  delivered	INTEGER,"
	"  quarantined	INTEGER"
	");"
	"INSERT INTO outbox_v2 (seq, stmt_id, created, json, state, attempts,"
	"  last_error, next_try, delivered)"
	"  SELECT seq, stmt_id, created, json, state, attempts, last_error,"
	"  next_try, delivered FROM outbox ORDER BY seq;"
	"DROP TABLE outbox;"
	"ALTER TABLE outbox_v2 RENAME TO outbox;"
	"CREATE INDEX outbox_state ON outbox(state, seq);",

	/*
	 * v3: one journal row per learning event that has a statement, so
	 * repeated events (a changed answer, a course completed again) each
	 * keep their statement, and "every statement has its event" can be
	 * checked with one join. The statement columns of v1 move there.
	 */
	"CREATE TABLE event ("
	"  stmt_id	TEXT PRIMARY KEY,"
	"  kind		TEXT NOT NULL,"
	"  officer_id	INTEGER NOT NULL REFERENCES officer(id),"
	"  course_id	TEXT NOT NULL,"
	"  ref		TEXT NOT NULL,"
	"  at		INTEGER NOT NULL"
	");"
	"INSERT OR IGNORE INTO event SELECT complete_stmt, 'course',"
	"  officer_id, course_id, course_id, completed FROM enrolment"
	"  WHERE complete_stmt IS NOT NULL;"
	"INSERT OR IGNORE INTO event SELECT done_stmt, 'module', officer_id,"
	"  course_id, module_id, done_at FROM module_progress"
	"  WHERE done_stmt IS NOT NULL;"
	"INSERT OR IGNORE INTO event SELECT start_stmt, 'attempt', officer_id,"
	"  course_id, id, started FROM attempt WHERE start_stmt IS NOT NULL;"
	"INSERT OR IGNORE INTO event SELECT finish_stmt, 'result', officer_id,"
	"  course_id, id, finished FROM attempt WHERE finish_stmt IS NOT NULL;"
	"INSERT OR IGNORE INTO event SELECT a.stmt_id, 'answer', t.officer_id,"
	"  t.course_id, a.attempt_id || '/' || a.question_id, a.answered"
	"  FROM answer a JOIN attempt t ON t.id = a.attempt_id"
	"  WHERE a.stmt_id IS NOT NULL;"
	"ALTER TABLE enrolment DROP COLUMN complete_stmt;"
	"ALTER TABLE module_progress DROP COLUMN done_stmt;"
	"ALTER TABLE attempt DROP COLUMN start_stmt;"
	"ALTER TABLE attempt DROP COLUMN finish_stmt;"
	"ALTER TABLE answer DROP COLUMN stmt_id;"
	"CREATE INDEX event_officer ON event(officer_id, course_id, kind);"
	"CREATE INDEX attempt_officer ON attempt(officer_id, course_id,"
	"  quiz_id, started);",
	/*
	 * v4: the 70:20:10 log (practice and coaching the officer records;
	 * each entry's statement is journalled in 'event' as kind 'log'),
	 * certificates issued on this machine, and a per-install secret
	 * that their verification codes are derived from.
	 */
	"CREATE TABLE practice_log ("
	"  id		INTEGER PRIMARY KEY,"
	"  officer_id	INTEGER NOT NULL REFERENCES officer(id),"
	"  day		TEXT NOT NULL,"			/* YYYY-MM-DD */
	"  kind		TEXT NOT NULL CHECK (kind IN ('practice',"
	"		  'coaching')),"
	"  area		TEXT NOT NULL,"
	"  minutes	INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
	"  reflection	TEXT NOT NULL DEFAULT '',"
	"  created	INTEGER NOT NULL"
	");"
	"CREATE INDEX practice_log_officer ON practice_log(officer_id, day);"
	"CREATE TABLE certificate ("
	"  code		TEXT PRIMARY KEY,"
	"  officer_id	INTEGER NOT NULL REFERENCES officer(id),"
	"  course_id	TEXT NOT NULL,"
	"  course_version TEXT NOT NULL,"
	"  completed	INTEGER NOT NULL,"
	"  hours	REAL NOT NULL,"
	"  score	REAL,"				/* NULL: no quiz */
	"  issued	INTEGER NOT NULL"
	");"
	"CREATE TABLE install ("
	"  key		TEXT PRIMARY KEY,"
	"  value	TEXT NOT NULL"
	");"
	"INSERT INTO install (key, value) VALUES ('secret',"
	"  lower(hex(randomblob(32))));",
	/*
	 * v5: senders claim the rows they are about to send (the app and
	 * `rianru sync` on one file never send a statement at the same
	 * time; a crashed sender's claim runs out at claim_until), and the
	 * outcome of the last run of each kind, for `sync --status`.
	 */
	"ALTER TABLE outbox ADD COLUMN claim_by TEXT;"
	"ALTER TABLE outbox ADD COLUMN claim_until INTEGER NOT NULL"
	"  DEFAULT 0;"
	"CREATE TABLE sync_run ("
	"  what		TEXT PRIMARY KEY,"		/* push, pull */
	"  at		INTEGER NOT NULL,"
	"  outcome	TEXT NOT NULL,"
	"  sent		INTEGER NOT NULL DEFAULT 0,"
	"  set_aside	INTEGER NOT NULL DEFAULT 0,"
	"  pending	INTEGER NOT NULL DEFAULT 0,"
	"  error	TEXT NOT NULL DEFAULT ''"
	");",

	/*
	 * v6: the review set (questions an officer missed, with their FSRS
	 * memory and when they are due) and the log of reviews; each
	 * review's statement is journalled in 'event' as kind 'review'.
	 */
	"CREATE TABLE review ("
	"  officer_id	INTEGER NOT NULL REFERENCES officer(id),"
	"  course_id	TEXT NOT NULL,"
	"  quiz_id	TEXT NOT NULL,"
	"  question_id	TEXT NOT NULL,"
	"  qhash	TEXT NOT NULL,"		/* the question scheduled */
	"  difficulty	REAL NOT NULL,"
	"  stability	REAL NOT NULL,"
	"  reps		INTEGER NOT NULL,"
	"  lapses	INTEGER NOT NULL DEFAULT 0,"
	"  last_review	INTEGER NOT NULL,"
	"  due		INTEGER NOT NULL,"
	"  added	INTEGER NOT NULL,"
	"  PRIMARY KEY (officer_id, course_id, quiz_id, question_id)"
	");"
	"CREATE INDEX review_due ON review(officer_id, due);"
	"CREATE TABLE review_log ("
	"  id		INTEGER PRIMARY KEY,"
	"  officer_id	INTEGER NOT NULL REFERENCES officer(id),"
	"  course_id	TEXT NOT NULL,"
	"  quiz_id	TEXT NOT NULL,"
	"  question_id	TEXT NOT NULL,"
	"  at		INTEGER NOT NULL,"
	"  response	TEXT NOT NULL,"
	"  correct	INTEGER NOT NULL,"
	"  grade	INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),"
	"  difficulty	REAL NOT NULL,"
	"  stability	REAL NOT NULL,"
	"  due		INTEGER NOT NULL,"
	"  stmt_id	TEXT NOT NULL"
	");"
	"CREATE INDEX review_log_officer ON review_log(officer_id, at);",

	/*
	 * v7: how far this machine's clock was from the LRS's (its Date
	 * header) at the last run that heard it: LRS - local, seconds;
	 * NULL = never measured.
	 */
	"ALTER TABLE sync_run ADD COLUMN clock_offset INTEGER;",

	/*
	 * v8: an officer without a PIN chooses one only with a one-time
	 * first-login code the trainer hands out (its Argon2id hash;
	 * NULL = none issued), and when they saw the privacy notice
	 * (0 = not yet). The trainer's wrong admin PINs are counted in
	 * 'install' (admin_failed, admin_locked_until), so a restart
	 * gives no fresh tries.
	 */
	"ALTER TABLE officer ADD COLUMN setup_hash TEXT;"
	"ALTER TABLE officer ADD COLUMN privacy_seen INTEGER NOT NULL "
	"  DEFAULT 0;",

	/*
	 * v9: progress pulled back from the LRS (store_pull.h): attempts
	 * made on other machines are marked remote (never resumed here),
	 * events merged from the LRS are marked pulled (their statement is
	 * in no outbox here), and each officer's pull starts where the
	 * last one ended.
	 */
	"ALTER TABLE attempt ADD COLUMN remote INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE event ADD COLUMN pulled INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE pull_cursor ("
	"  officer_id	INTEGER PRIMARY KEY REFERENCES officer(id),"
	"  since	TEXT NOT NULL,"		/* the LRS's stored time */
	"  at		INTEGER NOT NULL"
	");",

	/*
	 * v10: results leave first (docs/sync.md, "What leaves first"):
	 * each statement's class, 0 for quiz results, attempts, module and
	 * course completions and 70:20:10 entries, 1 for page reads,
	 * answers and reviews; senders take pending rows by (prio, seq).
	 */
	"ALTER TABLE outbox ADD COLUMN prio INTEGER NOT NULL DEFAULT 1;"
	"UPDATE outbox SET prio = 0 WHERE stmt_id IN (SELECT stmt_id FROM "
	"  event WHERE kind IN ('result', 'attempt', 'module', 'course',"
	"  'log'));"
	"CREATE INDEX outbox_send ON outbox(state, prio, seq);",

	/*
	 * v11: the LRS budget for metered links (docs/sync.md): the request
	 * bytes sent on each local day (only today's row is kept), so a
	 * restart does not reset a per-day budget, and the bytes of the
	 * last run of each kind.
	 */
	"CREATE TABLE sync_bytes ("
	"  day		TEXT PRIMARY KEY,"	/* local date, YYYY-MM-DD */
	"  bytes	INTEGER NOT NULL"
	");"
	"ALTER TABLE sync_run ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;",
};
