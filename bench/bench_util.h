/*
 * What the benchmark drivers share: clocks, CPU time, removing a progress
 * file, and the officer, enrolment and open quiz attempt that the answer
 * and sync benchmarks record their answers in. Each bench/NAME.c is a
 * program of its own (Makefile), so these are static inline here.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "store/store_officer.h"
#include "store/store_event.h"

/* A monotonic clock in milliseconds. */
static inline double
bench_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* User and system CPU time of this process so far, in ms. */
static inline double
bench_cpu_ms(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* Remove the progress file 'path' and its WAL files. */
static inline void
bench_unlink_db(const char *path)
{
	char	p[4096];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/*
 * In store 'st': officer OFF-000123 enrolled in course-0001 and an open
 * attempt *a at its quiz m1-quiz (question order 'order', borrowed), as
 * of 'now'. Returns 0, or -1 and *e naming the step in 'what'.
 */
static inline int
bench_open_attempt(struct store *st, time_t now, char *order,
    struct store_attempt *a, const char **what, struct err *e)
{
	struct store_officer	o;

	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "OFF-000123");
	snprintf(o.name, sizeof o.name, "สมชาย ใจดี");
	snprintf(o.group, sizeof o.group, "service");
	snprintf(o.agency, sizeof o.agency, "กรมการปกครอง");
	*what = "officer";
	if (store_officer_add(st, &o, now, e) == -1)
		return -1;
	*what = "enrol";
	if (store_enrol(st, o.id, "course-0001", now, e) == -1)
		return -1;
	memset(a, 0, sizeof *a);
	a->officer_id = o.id;
	snprintf(a->course_id, sizeof a->course_id, "course-0001");
	snprintf(a->course_version, sizeof a->course_version, "1.0.0");
	snprintf(a->content_hash, sizeof a->content_hash, "sha256:ab");
	snprintf(a->quiz_id, sizeof a->quiz_id, "m1-quiz");
	a->order = order;
	a->started = now;
	*what = "attempt";
	return store_attempt_start(st, a, NULL, e);
}

#endif
