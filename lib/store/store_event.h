#ifndef STORE_EVENT_H
#define STORE_EVENT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * Learning events: enrolment, pages, modules, courses, quiz attempts and
 * their answers (writing: store_event.c; reading: store_attempt.c). The
 * rules at the top of store/store.h apply: each event is one transaction
 * with its outbox statement.
 */

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
	int	remote;		/* made on another machine (store_pull.h):
				 * counts, but is never resumed here */
};
/* Free what a store-filled attempt owns (its order); NULL is fine. */
void		 store_attempt_release(struct store_attempt *a);
/* Release and free an array from store_attempt_list(). */
void		 store_attempt_list_free(struct store_attempt *list, size_t n);

/* A course version an open attempt was started on (its pinned hash). */
struct store_pin {
	char	course_id[STORE_ID_MAX];
	char	content_hash[80];
};
/*
 * Every course version an open attempt of any officer on this machine
 * pins (not remote, not finished, not voided), once each: content
 * updates keep those packs. A new array the caller frees with free(), or
 * -1 with *e.
 */
int		 store_attempt_pins(struct store *st, struct store_pin **list,
		     size_t *n, struct err *e);

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

/* Reading ---------------------------------------------------------------- */

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
 * The newest unfinished attempt made on this machine (an attempt open on
 * another one is never resumed here) of the officer at 'quiz_id' of
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

#endif
