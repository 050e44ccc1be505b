#include "sync/update_job.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "store/store_event.h"

struct update_job {
	pthread_t		 thread;
	struct update_opts	 o;	/* its strings and pins are owned */
	struct store_pin	*pins;
	struct update_stats	 st;
	struct err		 e;
	int			 rc;
	atomic_int		 done;
};

static char *
update_job_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
update_job_free(struct update_job *j)
{
	free(j->pins);
	free((char *)j->o.source);
	free((char *)j->o.pubkey);
	free((char *)j->o.dest);
	free((char *)j->o.ca_file);
	free(j);
}

static void *
update_job_main(void *arg)
{
	struct update_job	*j = arg;

	j->rc = update_run(&j->o, &j->st, &j->e);
	atomic_store(&j->done, 1);
	return NULL;
}

struct update_job *
update_job_start(const struct update_opts *o, struct err *e)
{
	struct update_job	*j = xcalloc(1, sizeof *j);
	sigset_t		 all, was;
	int			 rc;

	j->o.source = update_job_dup(o->source);
	j->o.pubkey = update_job_dup(o->pubkey);
	j->o.dest = update_job_dup(o->dest);
	j->o.ca_file = update_job_dup(o->ca_file);
	if (o->npins > 0) {
		j->pins = xcalloc(o->npins, sizeof *j->pins);
		memcpy(j->pins, o->pins, o->npins * sizeof *j->pins);
	}
	j->o.pins = j->pins;
	j->o.npins = o->npins;
	err_clear(&j->e);
	atomic_init(&j->done, 0);
	/* signals stay with the main loop: the thread starts with all blocked */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &was);
	rc = pthread_create(&j->thread, NULL, update_job_main, j);
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	if (rc != 0) {
		err_set(e, "cannot start the update: %s", strerror(rc));
		update_job_free(j);
		return NULL;
	}
	return j;
}

int
update_job_done(struct update_job *j)
{
	return atomic_load(&j->done);
}

int
update_job_finish(struct update_job *j, struct update_stats *st,
    struct err *e)
{
	int	rc;

	if (j == NULL)
		return -1;
	pthread_join(j->thread, NULL);
	*st = j->st;
	*e = j->e;
	rc = j->rc;
	update_job_free(j);
	return rc;
}

/* What a detached job still uses: reachable, so no leak is reported. */
static struct update_job	*update_job_left;

void
update_job_abandon(struct update_job *j)
{
	struct update_stats	st;
	struct err		e;

	if (j == NULL)
		return;
	if (update_job_done(j)) {
		update_job_finish(j, &st, &e);
		return;
	}
	pthread_detach(j->thread);
	update_job_left = j;
}
