#ifndef UPDATE_JOB_H
#define UPDATE_JOB_H

#include "base/err.h"
#include "sync/update.h"

/*
 * One update_run() in a thread of its own, so the app never waits for
 * the network: start it, ask whether it is done from the main loop's
 * tick, then collect what it did. The thread touches only its copy of
 * the options, the catalogue folder and its own results; never the
 * terminal, the catalogue in memory or the progress file.
 */

struct update_job;

/*
 * Start a run of 'o' (strings and pins copied). Returns a new job the
 * caller ends with update_job_finish(), or NULL with *e when no thread
 * can be made.
 */
struct update_job	*update_job_start(const struct update_opts *o,
			    struct err *e);

/* Has the run ended (update_job_finish() will not wait)? 1 or 0. */
int			 update_job_done(struct update_job *j);

/*
 * Wait for the run to end (at once when update_job_done() said so), copy
 * its results to *st and *e, and free the job. Returns what update_run()
 * returned. NULL is fine (returns -1 with *e untouched).
 */
int			 update_job_finish(struct update_job *j,
			    struct update_stats *st, struct err *e);

/*
 * The app is ending: a finished job is freed; a running one is let go
 * (detached), and ends with the process. That is safe: a cut run leaves
 * the installed catalogue whole and its download resumable (update.h).
 * NULL is fine.
 */
void			 update_job_abandon(struct update_job *j);

#endif
