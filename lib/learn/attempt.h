#ifndef ATTEMPT_H
#define ATTEMPT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "content/course.h"
#include "content/qtype.h"

/*
 * One officer's attempt at a quiz, without curses or SQLite: which
 * questions are asked and in what order (the plan), responses in the xAPI
 * 1.0.3 result.response syntax, scoring, the result, the clock and the
 * attempt allowance. The TUI drives it, the progress store saves the
 * encoded plan and the response strings, and the xAPI builder copies the
 * response strings and correct-response patterns into statements.
 *
 * Everything that points into content (questions, choices) is borrowed
 * from the course and valid until it is freed (course.h).
 *
 * Response syntax (ids are the content ids of course.h, which are
 * lowercase letters, digits and '-', so they never contain a delimiter):
 *
 *   choice      "b"                 the picked choice id
 *   multiple    "a[,]c"             picked ids in authored order; "" = none
 *   true-false  "true" / "false"
 *   fill-in     the text as typed, except that each "[,]" in it is
 *               written "[\u200B,]" (a ZERO WIDTH SPACE after the '[') so
 *               an LRS never reads it as a list of several blanks.
 *               text_normalise() drops U+200B, so scoring is unaffected,
 *               and qtype_response_parse() gives back the typed text
 *   numeric     a plain decimal: "12", "12.5", "-3" (see attempt_number)
 *   matching    "1[.]2[,]2[.]1"     left[.]right pair ids, in the authored
 *               order of the left items; unmatched left items are left
 *               out. The right item of pair i has the id of pair i, so
 *               "1[.]1[,]2[.]2" is the correct response
 *   ordering    "3[,]1[,]2"         item ids in the officer's order
 *
 * "" (or NULL where a response may be missing) is an unanswered question.
 */

struct buf;
struct err;

#define ATTEMPT_NONE	QTYPE_NONE	/* "no index" in the arrays below */

/* ---- The plan ---- */

/* One asked question and the order its parts are shown in. */
struct attempt_q {
	const struct question	*q;		/* borrowed */
	/*
	 * Display order, as indexes into q->choices (Q_CHOICE, Q_MULTIPLE),
	 * into q->pairs for the right-hand column (Q_MATCHING; the left
	 * column keeps the authored order) or into q->items (Q_ORDERING).
	 * NULL and 0 for the other types.
	 */
	size_t			*order;
	size_t			 norder;
};

/*
 * The questions asked in one attempt, in the order shown. Owns 'qs' and
 * the order arrays; free with attempt_plan_free().
 */
struct attempt_plan {
	const struct quiz	*quiz;		/* borrowed */
	struct attempt_q	*qs;
	size_t			 n;
};

/* A fresh random seed for attempt_plan_new() (from crypto_random()). */
uint64_t	 attempt_seed(void);

/*
 * Make the plan of a new attempt at 'quiz'. The same quiz and seed always
 * give the same plan (a splitmix64 generator; rand() is never used).
 *  - quiz->draw > 0: that many distinct questions, drawn uniformly from
 *    the pool (all of them when draw >= the pool); they keep the authored
 *    order unless shuffle_questions is set.
 *  - shuffle_questions: the asked questions in random order.
 *  - shuffle_choices: the choices of choice and multiple questions in
 *    random order; otherwise in authored order.
 *  - matching: the right-hand column is always shuffled, and never left
 *    in the authored order (which would give the answer away) when there
 *    are 2 or more pairs.
 *  - ordering: the items are always shuffled, and never shown in the
 *    correct order when there are 2 or more.
 * Returns a new plan the caller frees with attempt_plan_free(); never
 * fails.
 */
struct attempt_plan *attempt_plan_new(const struct quiz *quiz, uint64_t seed);

/* Free 'p' and its order arrays (not the quiz); NULL is fine. */
void		 attempt_plan_free(struct attempt_plan *p);

/*
 * Append the text form of 'p' to 'out', for the progress store:
 *
 *   plan/1 q-choice:b,a q-tf q-match:2,1 q-order:3,1,two
 *
 * "plan/1" (the format version), then one space-separated token per
 * asked question in plan order: the question id, and for types with a
 * display order ':' and the ids of the choices (pairs, items) in display
 * order, separated by ','. Matching lists pair ids (the right column).
 */
void		 attempt_plan_encode(const struct attempt_plan *p,
		     struct buf *out);

/*
 * Parse a string made by attempt_plan_encode() against 'quiz' as it is
 * now. Every id must still exist and every order must list each choice
 * (pair, item) of the question exactly once, so a plan saved before the
 * content changed fails with a message naming what changed, for example
 * "plan refers to question 'q9' that quiz 'basics-check' no longer has".
 * Returns a new plan (attempt_plan_free()), or NULL and fills *e.
 */
struct attempt_plan *attempt_plan_decode(const struct quiz *quiz,
		     const char *s, struct err *e);

/* Index of question 'id' in the plan, or ATTEMPT_NONE. */
size_t		 attempt_plan_find(const struct attempt_plan *p,
		     const char *id);

/* ---- Responses ---- */

/*
 * A response as the UI holds it is a struct qtype_response (content/
 * qtype.h, which says what each type keeps in it), made and read with
 * qtype_response_init(), _release(), _empty(), _parse() and _encode().
 * Parsing checks that ids exist; a multiple or ordering response must not
 * repeat an id; an ordering must list every item; a matching must not
 * match a left item twice. Multiple picks and matching pairs are read in
 * any order (they are written in authored order), so "b[,]a" scores like
 * "a[,]b". Numbers are read as attempt_number() reads them. Encoding
 * fails when the response does not fit the question (wrong type, index
 * out of range, a repeated pick or an incomplete ordering).
 */

/*
 * Builders for each type, by content id. Each appends the response
 * string to 'out' and returns 0, or returns -1 and fills *e (an unknown
 * id, a question of another type). Nothing is appended on failure.
 */
int		 attempt_response_choice(const struct question *q,
		     const char *id, struct buf *out, struct err *e);
/* Picks in any order; written in authored order, repeats dropped. */
int		 attempt_response_multiple(const struct question *q,
		     const char *const *ids, size_t n, struct buf *out,
		     struct err *e);
int		 attempt_response_true_false(const struct question *q,
		     int value, struct buf *out, struct err *e);
/* 'text' must be valid UTF-8; "[,]" in it is escaped (see above). */
int		 attempt_response_fill_in(const struct question *q,
		     const char *text, struct buf *out, struct err *e);
/* 'typed' as the officer wrote it; see attempt_number(). */
int		 attempt_response_numeric(const struct question *q,
		     const char *typed, struct buf *out, struct err *e);
/*
 * 'n' pairs left[i] -> right[i] of pair ids, in any order; written in the
 * authored order of the left items. A left item may appear once.
 */
int		 attempt_response_matching(const struct question *q,
		     const char *const *left, const char *const *right,
		     size_t n, struct buf *out, struct err *e);
/* Every item id exactly once, in the officer's order. */
int		 attempt_response_ordering(const struct question *q,
		     const char *const *ids, size_t n, struct buf *out,
		     struct err *e);

/*
 * Read a number as an officer types it and append its canonical plain
 * decimal form to 'canon' (may be NULL) and its value to *value (may be
 * NULL). Thai and fullwidth digits count as 0-9 and spaces around it are
 * trimmed (text_normalise()); a leading '+' or '-' (or U+2212) is
 * allowed, ',' may group the whole part in threes, and '.' is the decimal
 * point: "๑๒" -> "12", "1,234.50" -> "1234.5", "-0.0" -> "0", ".5" ->
 * "0.5". Anything else ("12 บาท", "1e3", "1,23") is rejected: returns -1
 * and fills *e with "'12 บาท' is not a number"; otherwise returns 0.
 * Does not depend on the locale. The same as text/number.h number_read().
 */
int		 attempt_number(const char *typed, struct buf *canon,
		     double *value, struct err *e);

/* ---- Correct responses ---- */

/*
 * Number of correct-response patterns of 'q' for xAPI
 * correctResponsesPattern: q->nanswers for fill-in, otherwise 1.
 */
size_t		 attempt_npatterns(const struct question *q);

/*
 * Append pattern 'i' (0 <= i < attempt_npatterns(q)) of 'q' to 'out', in
 * the response syntax:
 *   choice      the correct id: "b"
 *   multiple    the correct ids in authored order: "a[,]c"
 *   true-false  "true" / "false"
 *   fill-in     "{case_matters=false}" and accepted answer i as written,
 *               "[,]" escaped as in responses
 *   numeric     "min[:]max" (answer -/+ tolerance) or, with no tolerance,
 *               the answer: "11.5[:]13.5", "12"
 *   matching    "1[.]1[,]2[.]2"
 *   ordering    the item ids in authored order: "1[,]2[,]3"
 */
void		 attempt_correct_pattern(const struct question *q, size_t i,
		     struct buf *out);

/*
 * Every pattern of 'q' (attempt_npatterns() of them, as
 * attempt_correct_pattern() makes them) in a new array of new strings,
 * for struct xapi_answer; the caller frees it with
 * attempt_patterns_free(v, n).
 */
char		**attempt_patterns(const struct question *q, size_t *n);
void		 attempt_patterns_free(char **v, size_t n);

/* ---- Scoring ---- */

struct attempt_score {
	int	correct;	/* 1 only for a fully correct response */
	double	points;		/* earned: 0..max */
	double	max;		/* q->points */
};

/*
 * Score the response string 'resp' (NULL or "" = unanswered: 0 points,
 * not correct). Multiple with scoring partial earns
 * points * max(0, (correct picks - wrong picks) / correct choices); every
 * other case is all or nothing. Fill-in matches an accepted answer after
 * text_normalise(); numeric is correct when |r - answer| <= tolerance
 * (with a 1e-12 relative allowance for binary rounding, so the bound
 * itself counts). Returns 0; -1 when 'resp' does not parse for 'q', which
 * is scored as wrong (*out is filled either way).
 */
int		 attempt_score(const struct question *q, const char *resp,
		     struct attempt_score *out);

/* The outcome of an attempt. Embedded; attempt_result_release(). */
struct attempt_result {
	double			 raw;		/* points earned */
	double			 max;		/* of the asked questions */
	double			 scaled;	/* raw / max, 0..1 */
	double			 percent;	/* 100 * scaled */
	int			 passed;	/* percent >= quiz->pass_pct */
	size_t			 ncorrect;
	struct attempt_score	*scores;	/* owned; by plan order */
	size_t			 n;
};

/*
 * Score every question of 'plan' (an attempt at 'quiz') with
 * responses[i] for plan question i (NULL = unanswered) and fill *out.
 * 'passed' compares raw * 100 >= pass_pct * max, not a rounded percent,
 * so 7 of 10 points passes at 70% (allowing only 1e-9 relative rounding
 * noise from adding up fractional points; 6.99 of 10 fails). A quiz
 * without questions (max 0) passes only at pass_pct 0. Returns the number
 * of responses that did not parse (scored as wrong); the caller releases
 * *out with attempt_result_release().
 */
size_t		 attempt_result(const struct quiz *quiz,
		     const struct attempt_plan *plan,
		     const char *const *responses, struct attempt_result *out);
/*
 * The same, except that a question with recorded[i] != NULL keeps the
 * score the officer was shown when they answered it, even if the
 * question's key changed since (the trainer edited the quiz mid-attempt):
 * correct earns the question's current points, otherwise the recorded
 * points up to them. 'recorded' may be NULL (score every response now).
 */
size_t		 attempt_result_recorded(const struct quiz *quiz,
		     const struct attempt_plan *plan,
		     const char *const *responses,
		     const struct attempt_score *const *recorded,
		     struct attempt_result *out);
void		 attempt_result_release(struct attempt_result *r);

/*
 * Mastery (quiz->mastery_of > 0; docs/content-format.md): 1 when, taking
 * the answered questions (responses[i] not NULL or "") in plan order,
 * some answer ends a run of the last mastery_of answers (fewer at the
 * start) of which mastery_correct are right (scores[i].correct), else 0.
 * In a mastery quiz attempt_result() passes exactly when this holds, and
 * counts only the answered questions in 'max'.
 */
int		 attempt_mastered(const struct quiz *quiz, size_t n,
		     const char *const *responses,
		     const struct attempt_score *scores);

/* ---- Time and attempts ---- */

/*
 * Seconds left of a 'limit_s' second attempt started at 'started': -1
 * when there is no limit (limit_s <= 0), 0 once expired. A clock set back
 * before 'started' never gives more than limit_s.
 */
long		 attempt_time_left(time_t started, int limit_s, time_t now);
/* 1 when the attempt has a limit and it has run out, else 0. */
int		 attempt_expired(time_t started, int limit_s, time_t now);

/* Room for any attempt_duration_iso() result. */
#define ATTEMPT_DURATION_MAX	32

/*
 * Write 'seconds' as an ISO 8601 duration for xAPI into 'out' (always
 * NUL-terminated; use ATTEMPT_DURATION_MAX): "PT0S", "PT45S", "PT1M30S",
 * "PT2H", "PT1H0M5S" is written "PT1H5S". Negative counts as 0. Returns
 * 'out'.
 */
char		*attempt_duration_iso(long seconds, char *out, size_t len);

/*
 * 1 when an officer who has used 'attempts_used' attempts may start
 * another (quiz->attempts 0 = unlimited), else 0.
 */
int		 attempt_can_start(const struct quiz *quiz, int attempts_used);
/* Attempts left: -1 when unlimited, else 0.. */
int		 attempt_attempts_left(const struct quiz *quiz,
		     int attempts_used);

#endif
