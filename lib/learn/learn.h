#ifndef LEARN_H
#define LEARN_H

#include <stddef.h>
#include <time.h>

#include "learn/learn_session.h"
#include "store/store.h"

/*
 * The learner's actions as the app sees them: read a page, start or
 * resume a quiz attempt, answer, submit. Each action records its event in
 * the progress store together with its xAPI statement (store.h), and
 * derives what follows from it: a module is done when every page was seen
 * and its quiz (if any) passed; a course is complete by its completion
 * rule. Curses-free, so every rule here is unit-tested.
 *
 * Courses and stores are borrowed; they must outlive the learn session.
 * With no store (st == NULL: the trainer's preview) every action works
 * the same on screen and records nothing.
 */

struct attempt_score;
struct attempt_result;
struct course;
struct err;
struct module;

/* How far the officer is in one module. */
struct learn_module {
	int	pages_seen;	/* of module->npages */
	int	done;
	int	attempts;	/* finished quiz attempts */
	int	passed;		/* some attempt passed */
	double	best;		/* best scaled score, -1 = none */
	int	open;		/* an attempt is in progress here */
	int	open_elsewhere;	/* how many are open on other machines
				 * (pulled back): shown, never resumed
				 * here, counted against the limit */
};

/*
 * The attempts of 'lm' that count against its quiz's attempt limit: the
 * finished ones, of this machine and the others, and those still open on
 * another machine. A new attempt here does not replace one open there,
 * which may be finished there later: not counting it would let an
 * officer take one attempt more than allowed per machine.
 */
int	learn_attempts_used(const struct learn_module *lm);

/* How far the officer is in a course. Embedded; learn_course_release(). */
struct learn_course {
	int			 enrolled;
	size_t			 nmodules;
	struct learn_module	*modules;	/* owned, one per module */
	int			 modules_done;
	int			 complete;
	char			 resume_module[STORE_ID_MAX];
	char			 resume_page[STORE_ID_MAX];
	time_t			 resume_at;	/* 0 = never opened a page */
};

int	learn_course_state(struct learn *l, const struct course *c,
	    struct learn_course *out, struct err *e);
void	learn_course_release(struct learn_course *lc);

/*
 * The officer opened page 'page' of module 'm': enrol if needed, remember
 * the place, and the first time, record "experienced". May complete the
 * module (a module without a quiz) and the course. Returns 0 or -1.
 */
int	learn_read_page(struct learn *l, const struct course *c,
	    const struct module *m, size_t page, struct err *e);

/*
 * Complete what the records say is complete but is not marked yet (a
 * module whose quiz was passed just before a power cut, say). Cheap when
 * there is nothing to do; the app calls it when a course is opened.
 */
int	learn_catch_up(struct learn *l, const struct course *c,
	    struct err *e);

/*
 * Resume the officer's open attempt at the quiz of 'm', or start a new
 * one (recording "attempted"). An open attempt whose stored plan no
 * longer fits the quiz (the trainer removed a question since) is voided
 * (store_attempt_void: its answers stay, it uses up no attempt) and a new
 * one starts, with 'restarted' set so the screen can say why. Answers
 * already given keep the score the officer was shown, even if the key
 * changed since (attempt_result_recorded). Returns a new attempt the
 * caller frees with learn_attempt_free(), or NULL with *e (no attempts
 * left, a store error). 'c' must be a body (a header has no questions,
 * course.h); the attempt borrows 'c' and 'm', so free it before the body
 * is released.
 */
struct learn_attempt *learn_attempt_begin(struct learn *l,
	    const struct course *c, const struct module *m, struct err *e);

/*
 * The content hash the officer's open attempt at the quiz of 'm' was
 * started on, into hash[size], when it is not the version 'c' is (the
 * course was updated since): the caller can then resume it on that
 * version (catalog_open_version). Returns 1 so, 0 when there is no open
 * attempt or it is on this version, -1 with *e.
 */
int	learn_attempt_version(struct learn *l, const struct course *c,
	    const struct module *m, char *hash, size_t size, struct err *e);

/*
 * Plan question 'i' is on screen now: the time from here to its answer is
 * the answered statement's result.duration.
 */
void	learn_question_shown(struct learn *l, struct learn_attempt *la,
	    size_t i);

/*
 * Record the response to plan question 'i' (xAPI response syntax, see
 * attempt.h) with its statement, durably, and fill *sc. Answering again
 * replaces the earlier answer. The statement carries the time since the
 * question was last shown (learn_question_shown), when it was.
 */
int	learn_answer(struct learn *l, struct learn_attempt *la, size_t i,
	    const char *response, struct attempt_score *sc, struct err *e);
/*
 * In a review session (la->review set) learn_answer() records a review
 * (learn_review_answer) and learn_attempt_finish() only scores: nothing
 * of the quiz changes.
 */

/*
 * A mastery quiz (quiz->mastery_of > 0) ends itself: 1 once the answers
 * so far reach mastery (attempt_mastered, on the scores the officer was
 * shown), -1 when every question of the pool is answered without it, 0
 * while it goes on, and always 0 for a quiz with a pass mark or in a
 * review.
 */
int	learn_attempt_mastery(const struct learn_attempt *la);

/* Size la's per-question arrays for la->plan (for review.c). */
void	learn_attempt_alloc(struct learn_attempt *la);

/*
 * Submit: score the attempt (unanswered questions score 0), record
 * passed/failed, and what follows (module done, course complete).
 * Fills *res (release with attempt_result_release()).
 */
int	learn_attempt_finish(struct learn *l, struct learn_attempt *la,
	    struct attempt_result *res, struct err *e);

#endif
