#ifndef REVIEW_H
#define REVIEW_H

#include <stddef.h>
#include <time.h>

/*
 * Review of what an officer missed (docs/review.md): every question they
 * answer wrong in a quiz enters their review set, scheduled with FSRS
 * (learn/fsrs.h) at the target retention of l->fsrs. A question answered
 * right only after feedback was missed first, so it is in the set too.
 * The set lives in the progress store (store/store_review.h); reviews are
 * asked outside any attempt, recorded with the "reviewed" statement
 * (xapi_question_reviewed) and never change attempts, answers, results,
 * completion or certificates.
 *
 * Content may change under the set: a question its quiz no longer has
 * leaves it, and so does every question of a course with 'review: false';
 * a question whose prompt or key changed (review_question_hash) restarts
 * as new, due at once. learn_review_sync() applies that to one course; the
 * app calls it whenever it opens a course body. It also schedules the
 * questions pulled from other machines without a hash (store_pull.h):
 * a pulled miss as a miss made here at that time, a pulled review as it
 * came; both then carry the question's hash as it is here.
 *
 * Courses are borrowed bodies (course.h); with no store (l->st NULL, the
 * trainer's preview) nothing is recorded and the functions return 0.
 */

struct attempt_score;
struct course;
struct err;
struct learn;
struct module;
struct question;
struct quiz;
struct store_review;

/*
 * SHA-256 (64 hex digits) of what makes 'q' the same question: its type,
 * prompt, points, choices, pairs and items with their texts, and its
 * correct responses. Explanations, feedback and tags are left out, so
 * mending those keeps the schedule.
 */
void	review_question_hash(const struct question *q, char out[65]);

/*
 * Quiz question 'q' of module 'm' was answered, 'correct' or not. A miss
 * in a course with review on puts the question in the set as reviewed
 * FSRS_AGAIN at the answer's time, unless it is there already with the
 * same hash. Returns 0 or -1 and *e.
 */
int	learn_review_note(struct learn *l, const struct course *c,
	    const struct module *m, const struct question *q, int correct,
	    struct err *e);

/*
 * Drop the set's questions of course 'c' (a body) that its quizzes no
 * longer have, all of them when c->review is off, and restart those that
 * changed. Returns 0 or -1.
 */
int	learn_review_sync(struct learn *l, const struct course *c,
	    struct err *e);

/*
 * The officer's questions due today (before the end of the local day of
 * the learn clock), soonest first: a new array the caller frees with
 * free(); NULL when none. 'course_id' narrows it when not NULL.
 */
int	learn_review_due(struct learn *l, const char *course_id,
	    struct store_review **list, size_t *n, struct err *e);

/*
 * Find the question of row 'r' in course body 'c' (*m its module, *q the
 * question). Returns 0, or 1 when it has no such question any more.
 */
int	learn_review_find(const struct course *c, const struct store_review *r,
	    const struct module **m, const struct question **q);

/*
 * The officer answered review question 'q' (module 'm' of 'c', row 'r')
 * with 'response' (xAPI response syntax): score it into *sc, grade it
 * (right: good; partly right: hard; wrong: again), move its FSRS memory
 * on and record the review with its statement. *r gets the new state.
 * Returns 0 or -1 and *e.
 */
int	learn_review_answer(struct learn *l, const struct course *c,
	    const struct module *m, const struct question *q,
	    struct store_review *r, const char *response,
	    struct attempt_score *sc, struct err *e);

/*
 * A review session over the 'n' rows of 'rows' (all of quiz m->quiz of
 * course body 'c', as learn_review_due() gave them): a learn_attempt in
 * review mode (learn.h) that asks those questions in that order, with
 * their choices shuffled as the quiz shuffles them. The rows are copied.
 * Free it with learn_attempt_free(). Returns NULL and *e when a row's
 * question is not in the quiz.
 */
struct learn_attempt *learn_review_begin(struct learn *l,
	    const struct course *c, const struct module *m,
	    const struct store_review *rows, size_t n, struct err *e);

#endif
