#ifndef STORE_LOG_H
#define STORE_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/store.h"

/*
 * The 70:20:10 log and issued certificates (store_log.c). The rules at
 * the top of store/store.h apply.
 */

/*
 * Learning outside courses that officers record themselves: on-the-job
 * practice (the 70) and coaching or mentoring (the 20). Courses' credited
 * hours are the 10.
 */
enum store_log_kind {
	STORE_LOG_PRACTICE,
	STORE_LOG_COACHING,
	STORE_LOG_NKINDS
};
/* "practice", "coaching" (static strings); -1 from the parser. */
const char	*store_log_kind_name(enum store_log_kind k);
int		 store_log_kind_parse(const char *s, enum store_log_kind *k);

#define STORE_LOG_MAX_MINUTES	1440	/* one entry is at most a day */
#define STORE_LOG_REFLECTION	1024	/* bytes, with the NUL */

struct store_log_entry {
	int64_t			id;		/* set by store_log_add() */
	int64_t			officer_id;
	char			day[11];	/* YYYY-MM-DD, a real date */
	enum store_log_kind	kind;
	char			area[32];	/* an id of vocab_areas */
	int			minutes;	/* 1 .. STORE_LOG_MAX_MINUTES */
	char			reflection[STORE_LOG_REFLECTION]; /* may be "" */
	time_t			created;	/* set by store_log_add() */
};

/*
 * Record entry 'le' (officer_id, day, kind, area, minutes, reflection are
 * read) with its xAPI statement ('stmt' required, from xapi_log_entry()),
 * journal row and outbox row in one transaction. Sets le->id and
 * le->created. A bad day, kind, area or minutes, or an unknown officer,
 * is an error and nothing is written.
 */
int		 store_log_add(struct store *st, struct store_log_entry *le,
		     time_t now, const struct store_stmt *stmt, struct err *e);
/*
 * The officer's entries, newest day first (then newest recorded first),
 * in a new array the caller frees with free(); NULL when there are none.
 */
int		 store_log_list(struct store *st, int64_t officer_id,
		     struct store_log_entry **list, size_t *n, struct err *e);

/* Minutes logged by one officer, by kind. */
struct store_log_sum {
	int64_t	officer_id;
	char	code[64];
	int64_t	minutes[STORE_LOG_NKINDS];
	int64_t	entries;
};
/*
 * Sums per officer who logged anything, ordered by officer code
 * ('officer_id' 0: everyone). Free the array with free().
 */
int		 store_log_sums(struct store *st, int64_t officer_id,
		     struct store_log_sum **list, size_t *n, struct err *e);

/* Certificates ----------------------------------------------------------- */

/*
 * The per-install secret: 64 hex digits made once, when the file got
 * schema version 4. Certificate codes no longer derive from it (whoever
 * edits the file could read it): they are keyed with the certificate
 * key file (report/cert.h).
 */
int		 store_secret(struct store *st, char out[65], struct err *e);

#define STORE_CERT_CODE_MAX	32

/* A certificate issued on this machine, as lib/cert derived it. */
struct store_cert {
	char	code[STORE_CERT_CODE_MAX];	/* "RNR-XXXX-XXXX" */
	int64_t	officer_id;
	char	officer_code[64];	/* these three filled by */
	char	officer_name[256];	/* store_cert_get(), from the */
	char	officer_agency[256];	/* officer as they are now */
	char	officer_group[16];
	char	course_id[STORE_ID_MAX];
	char	course_version[64];
	time_t	completed;
	double	hours;
	double	score;			/* 0..1; -1 = the course has no quiz */
	time_t	issued;			/* first issued */
};
/*
 * Remember certificate 'c' (issuing it again keeps the first row, so
 * 'issued' stays the first time). Returns 0 or -1.
 */
int		 store_cert_put(struct store *st, const struct store_cert *c,
		     struct err *e);
/* The certificate with 'code': 0 and *c, 1 when unknown, or -1. */
int		 store_cert_get(struct store *st, const char *code,
		     struct store_cert *c, struct err *e);

#endif
