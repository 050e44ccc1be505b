#ifndef STATS_REPORT_H
#define STATS_REPORT_H

#include <stddef.h>

#include "content/course.h"
#include "report/stats.h"

/*
 * `rianru stats`: item analysis of the quizzes in the progress file
 * (docs/stats.md). stats_collect() reads attempts through the store and
 * matches them with the quizzes of a catalogue; stats_format() and
 * stats_html() write what it found.
 */

struct buf;
struct catalog;
struct err;
struct store;

/* One choice of a choice, multiple or true-false question. */
struct stats_choice {
	const char	*id;		/* borrowed from the course, or
					 * "true" / "false" */
	struct lstr	 text;		/* borrowed */
	int		 correct;
	size_t		 picked;	/* by all */
	size_t		 strong, weak;	/* by the strong and the weak half */
};

/* A wrong fill-in or numeric answer as typed, and how often. */
struct stats_wrong {
	char	*text;			/* owned */
	size_t	 count;
};

#define STATS_WRONG_MAX	3		/* most common wrong answers kept */

struct stats_q {
	const struct question	*q;	/* borrowed from the catalogue */
	struct stats_item	 it;
	double			 guess;
	unsigned		 flags;	/* enum stats_flag */
	size_t			 nstrong, nweak;	/* asked, per half */
	struct stats_choice	*choices;	/* owned */
	size_t			 nchoices;
	struct stats_wrong	 wrong[STATS_WRONG_MAX];
	size_t			 nwrong;
};

struct stats_quiz {
	const struct course	*course;	/* borrowed */
	const struct quiz	*quiz;		/* borrowed */
	struct stats_test	 t;
	struct stats_q		*qs;		/* owned; in authored order */
	size_t			 nq;
	size_t			 left_out;	/* attempts whose plan no
						 * longer fits the quiz */
};

/* Embedded: stats_collect() fills it, stats_report_release() frees. */
struct stats_report {
	struct stats_quiz	*quizzes;
	size_t			 n;
	size_t			 min_n;		/* no flags below it */
	int			 all_attempts;	/* else first attempts only */
	size_t			 unknown;	/* attempts at quizzes the
						 * catalogue does not have */
};

/*
 * Analyse the finished attempts in 'st' at the quizzes of 'cat' (narrowed
 * to 'course_id' and 'quiz_id' when not NULL): each officer's first
 * attempt at each quiz, or every attempt with 'all_attempts'. The report
 * borrows from 'cat', which must outlive it. Returns 0, or -1 and *e.
 */
int	stats_collect(struct store *st, const struct catalog *cat,
	    const char *course_id, const char *quiz_id, int all_attempts,
	    size_t min_n, struct stats_report *r, struct err *e);
void	stats_report_release(struct stats_report *r);

enum stats_fmt {
	STATS_FMT_TABLE,
	STATS_FMT_CSV,		/* one row per question, UTF-8 BOM, CRLF */
	STATS_FMT_JSON,
	STATS_FMT_HTML
};
/* "table", "csv", "json", "html" -> *f; -1 for anything else. */
int	stats_fmt_parse(const char *s, enum stats_fmt *f);

/* Append the report as table, CSV or JSON, texts in 'lang'. */
void	stats_format(const struct stats_report *r, enum stats_fmt f,
	    enum lang lang, struct buf *out);
/* Append the report as one self-contained HTML page (Thai and English). */
void	stats_html(const struct stats_report *r, struct buf *out);

/* A flag's key in CSV and JSON ("too-easy", "too-hard", "negative",
 * "weak"); "" for anything else. */
const char	*stats_flag_key(enum stats_flag f);

/*
 * Read back the 'len' bytes at 'json', a report stats_format() wrote as
 * JSON (a stats file: `rianru stats --format json --out stats.json`, from
 * a progress file or --from-lrs), into *r, matched with the quizzes and
 * questions of 'cat' by id; those the catalogue lacks are left out. Only
 * the test and item figures and the flags come back, not the choices or
 * the wrong answers. The report borrows from 'cat'; release it with
 * stats_report_release(). Returns 0, or -1 and *e (not a stats file).
 */
int	stats_read_json(const char *json, size_t len,
	    const struct catalog *cat, struct stats_report *r, struct err *e);

/*
 * The figures for 'path', whichever it is: a progress file (first
 * attempts, no flags below 'min_n', as stats_collect()) or a stats file
 * (stats_read_json()). Only reads. Returns 0, or -1 and *e.
 */
int	stats_load(const char *path, const struct catalog *cat, size_t min_n,
	    struct stats_report *r, struct err *e);

#endif
