#ifndef XAPI_H
#define XAPI_H

#include <stddef.h>
#include <time.h>

#include "content/vocab.h"

/*
 * xAPI 1.0.3 statements from learning events (notes/xapi.md). This is the
 * only file that builds statements. Each function returns the statement
 * as compact JSON (UTF-8, keys in a fixed order) that the caller stores
 * once and frees with free(); a retry resends those bytes unchanged, never
 * a new serialisation. The statement's new UUID is written to 'id'.
 *
 * On bad input (a missing or malformed field, a response that names no
 * choice of the question, a score out of range, a time that cannot be
 * written) the functions return NULL, fill *e and leave 'id' untouched;
 * nothing is allocated then. Every pointer argument is borrowed.
 *
 * What every statement holds:
 *   id, timestamp ('when' in UTC, milliseconds truncated so it is never
 *   later than 'when': "2026-11-23T19:20:00.123Z"),
 *   actor {objectType Agent, account {homePage, name: officer code}},
 *   verb {id, display {th-TH, en-US}}, object (an Activity), result when
 *   the event has one, and context {registration, contextActivities,
 *   language, platform, extensions}. Never stored, authority or version:
 *   those are the LRS's.
 *
 * Activity ids are 'activity_base' joined with exactly one '/' to:
 *   course/<cid>
 *   course/<cid>/module/<mid>
 *   course/<cid>/module/<mid>/page/<pid>
 *   course/<cid>/quiz/<qid>
 *   course/<cid>/quiz/<qid>/question/<questionid>
 *   practice/<area-id>, coaching/<area-id>	(xapi_log_entry)
 * and the one verb of rianru's own, <activity_base>/verb/reviewed.
 * Extension keys (IRIs) are joined the same way; see XAPI_EXT_*.
 */

struct course;
struct err;
struct module;
struct page;
struct question;

/* Paths below activity_base of the extension IRIs. */
#define XAPI_EXT_CONTENT_VERSION	"extension/content-version"
#define XAPI_EXT_CONTENT_HASH		"extension/content-hash"
#define XAPI_EXT_CREDITED_HOURS		"extension/credited-hours"
#define XAPI_EXT_REVIEW			"extension/review"
#define XAPI_EXT_TIME_OF_DAY		"extension/time-of-day"
#define XAPI_EXT_CLOCK_OFFSET		"extension/clock-offset"
/* ... and of rianru's own verb. */
#define XAPI_VERB_REVIEWED		"verb/reviewed"

/* Who and where; filled by the caller, all strings borrowed. */
struct xapi_ctx {
	const char	*homepage;	/* agency IRI of the account */
	const char	*activity_base;	/* IRI prefix of activity ids */
	const char	*officer_code;	/* account name, never a name */
	const char	*lang;		/* "th-TH" or "en-US"; NULL = none */
	const char	*platform;	/* "rianru 0.1.0"; NULL = none */
	long		 clock_offset;	/* the LRS's clock minus this one's,
					 * seconds, when known to be off: 0 =
					 * none; else context extension
					 * XAPI_EXT_CLOCK_OFFSET (the
					 * timestamp stays as recorded) */
};

/*
 * Score of a question or a quiz: 'raw' points out of 'max' (> 0), with
 * min 0 and scaled = raw / max.
 */
struct xapi_score {
	double	raw;
	double	max;
};

/*
 * One answer to a question. 'response' and 'patterns' use the xAPI
 * response syntax ("b", "a[,]c", "1[.]1[,]2[.]2", "true", "12[:]13");
 * lib/attempt computes them. The ids they name must be ids of the
 * question's choices, pairs or items.
 */
struct xapi_answer {
	const char		*registration;	/* the attempt's UUID */
	const char		*response;
	const char *const	*patterns;	/* correctResponsesPattern */
	size_t			 npatterns;	/* >= 1 */
	int			 success;	/* answer counted as correct */
	double			 raw;		/* points won, 0..points */
	long			 duration;	/* seconds; < 0 = none */
};

/* A question's review memory after a review (learn/fsrs.h). */
struct xapi_review {
	double	difficulty;	/* 1..10 */
	double	stability;	/* days, > 0 */
	int	reps;		/* >= 1 */
	int	lapses;		/* >= 0 */
	time_t	due;		/* next review */
	const char *qhash;	/* the question scheduled (64 hex digits,
				 * learn/review.h); NULL or "" = left out */
};

/* How a quiz attempt ended. */
enum xapi_outcome {
	XAPI_PASSED,		/* verb passed, success true */
	XAPI_FAILED,		/* verb failed, success false */
	XAPI_COMPLETED		/* verb completed, no success: no pass mark */
};

/* 70:20:10 entries outside the course: what the officer logs. */
enum xapi_log_kind {
	XAPI_LOG_PRACTICE,	/* on-the-job practice: verb experienced */
	XAPI_LOG_COACHING	/* coaching or mentoring: verb attended */
};

/*
 * Page 'p' of module 'm' was read: verb experienced, object type lesson,
 * parent the module, grouping the course.
 */
char	*xapi_page_experienced(const struct xapi_ctx *x,
	    const struct course *c, const struct module *m,
	    const struct page *p, const struct timespec *when, char id[37],
	    struct err *e);

/*
 * Question 'q' of the quiz of module 'm' was answered: verb answered,
 * object type cmi.interaction with interactionType (choice for choice and
 * multiple, true-false, fill-in, numeric, matching, sequencing for
 * ordering), correctResponsesPattern, and choices / source + target as the
 * type needs. Result: response, success, score {raw, min 0, max points,
 * scaled}, duration when given. Context: registration, parent the quiz,
 * grouping the module and the course.
 */
char	*xapi_question_answered(const struct xapi_ctx *x,
	    const struct course *c, const struct module *m,
	    const struct question *q, const struct xapi_answer *a,
	    const struct timespec *when, char id[37], struct err *e);

/*
 * Question 'q' was answered in a review of what the officer missed, not
 * in a quiz attempt: verb <activity_base>/verb/reviewed ("ทบทวน",
 * "reviewed"), the same object, result and parent and grouping as
 * xapi_question_answered(), but no registration (a->registration must be
 * NULL), and the memory after the review as the context extension
 * XAPI_EXT_REVIEW: {difficulty, stability, reps, lapses, due (a
 * timestamp), question-hash}: all another machine needs to rebuild the
 * schedule when it pulls the review (docs/sync.md). A reader that counts quiz answers by verb or registration
 * never counts it.
 */
char	*xapi_question_reviewed(const struct xapi_ctx *x,
	    const struct course *c, const struct module *m,
	    const struct question *q, const struct xapi_answer *a,
	    const struct xapi_review *rv, const struct timespec *when,
	    char id[37], struct err *e);

/*
 * An attempt at the quiz of module 'm' started: verb attempted, object
 * type assessment, registration the attempt's UUID, parent the module,
 * grouping the course.
 */
char	*xapi_quiz_attempted(const struct xapi_ctx *x, const struct course *c,
	    const struct module *m, const char *registration,
	    const struct timespec *when, char id[37], struct err *e);

/*
 * The attempt ended: verb passed, failed or completed (see enum
 * xapi_outcome) with result score, success (not for XAPI_COMPLETED),
 * completion true and duration ('seconds' >= 0, as PT12M30S). XAPI_PASSED
 * with a score below the quiz's pass mark is refused (cmi5's rule).
 */
char	*xapi_quiz_ended(const struct xapi_ctx *x, const struct course *c,
	    const struct module *m, const char *registration,
	    enum xapi_outcome outcome, const struct xapi_score *s,
	    long seconds, const struct timespec *when, char id[37],
	    struct err *e);

/*
 * Module 'm' was completed: verb completed, object type module, result
 * completion true, parent the course.
 */
char	*xapi_module_completed(const struct xapi_ctx *x,
	    const struct course *c, const struct module *m,
	    const struct timespec *when, char id[37], struct err *e);

/*
 * Course 'c' was completed: verb completed, object type course, result
 * completion true, success 'passed' (the course's rule; -1 leaves it
 * out) and the course's hours under XAPI_EXT_CREDITED_HOURS.
 */
char	*xapi_course_completed(const struct xapi_ctx *x,
	    const struct course *c, int passed, const struct timespec *when,
	    char id[37], struct err *e);

/*
 * A 70:20:10 log entry: 'minutes' (> 0) of practice or coaching in skill
 * 'area', with an optional free-text 'reflection' (UTF-8; NULL = none) as
 * result.response and the time as result.duration. Object
 * practice/<area-id> (type performance) or coaching/<area-id> (type
 * meeting). 'day_only': the officer gave a day, not a time ('when' is
 * noon of that day): context extension XAPI_EXT_TIME_OF_DAY "unknown".
 */
char	*xapi_log_entry(const struct xapi_ctx *x, enum xapi_log_kind kind,
	    enum area area, int minutes, const char *reflection,
	    const struct timespec *when, int day_only, char id[37],
	    struct err *e);

/*
 * Helpers, public for the tests and for callers that show or check
 * statements. Each returns -1 with *e filled on bad input.
 */

/* 'when' as "YYYY-MM-DDThh:mm:ss.mmmZ", milliseconds truncated. */
int	xapi_timestamp(const struct timespec *when, char out[25],
	    struct err *e);
/* 'seconds' (>= 0) as an ISO 8601 duration: PT0S, PT12M30S, PT1H2M3S. */
int	xapi_duration(long seconds, char out[32], struct err *e);
/* 1 when 's' is a UUID written as 8-4-4-4-12 hex digits. */
int	xapi_is_uuid(const char *s);

#endif
