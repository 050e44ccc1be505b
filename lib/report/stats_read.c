/*
 * A stats file read back (stats_report.h): what `rianru stats --format
 * json` wrote, so a trainer can preview a course beside the figures of a
 * population they read elsewhere (--from-lrs) without a progress file.
 */
#include "report/stats_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/file.h"
#include "base/infile.h"
#include "base/json.h"
#include "base/xalloc.h"
#include "content/catalog.h"
#include "content/course.h"
#include "store/store.h"

#define SREAD_MAX	(64u << 20)	/* bytes of a stats file */

/* A figure: a number, or NAN for null (what the writer makes of NAN). */
static double
sread_num(const struct json *o, const char *key)
{
	double	v;

	return json_get_num(o, key, &v) == 0 ? v : NAN;
}

static size_t
sread_count(const struct json *o, const char *key)
{
	int64_t	v;

	return json_get_int(o, key, &v) == 0 && v > 0 ? (size_t)v : 0;
}

static unsigned
sread_flags(const struct json *list)
{
	static const enum stats_flag	all[] = {
		STATS_EASY, STATS_HARD, STATS_WEAK, STATS_NEGATIVE
	};
	const char			*key;
	unsigned			 f = 0;
	size_t				 i, j;

	for (i = 0; i < json_size(list); i++) {
		key = json_get_str(json_item(list, i), "flag");
		for (j = 0; key != NULL && j < sizeof all / sizeof all[0]; j++)
			if (strcmp(key, stats_flag_key(all[j])) == 0)
				f |= all[j];
	}
	return f;
}

/* One quiz's figures into 'z', its questions those 'quiz' still has. */
static void
sread_quiz(const struct json *o, const struct course *c,
    const struct quiz *quiz, struct stats_quiz *z)
{
	const struct json	*qs = json_get(o, "questions"), *jq;
	const struct question	*q;
	struct stats_q		*sq;
	size_t			 i;

	memset(z, 0, sizeof *z);
	z->course = c;
	z->quiz = quiz;
	z->t.n = sread_count(o, "n");
	z->t.mean = sread_num(o, "mean");
	z->t.median = sread_num(o, "median");
	z->t.sd = sread_num(o, "sd");
	z->t.alpha = sread_num(o, "alpha");
	z->t.se = sread_num(o, "se");
	z->left_out = sread_count(o, "left_out");
	z->qs = xcalloc(json_size(qs) + 1, sizeof *z->qs);
	for (i = 0; i < json_size(qs); i++) {
		jq = json_item(qs, i);
		if ((q = quiz_question(quiz, json_get_str(jq, "id") != NULL ?
		    json_get_str(jq, "id") : "")) == NULL)
			continue;
		sq = &z->qs[z->nq++];
		sq->q = q;
		sq->it.n = sread_count(jq, "n");
		sq->it.facility = sread_num(jq, "facility");
		sq->it.sd = sread_num(jq, "sd");
		sq->it.disc = sread_num(jq, "discrimination");
		sq->it.de = sread_num(jq, "efficiency");
		sq->guess = sread_num(jq, "guess");
		sq->flags = sread_flags(json_get(jq, "flags"));
	}
}

int
stats_read_json(const char *json, size_t len, const struct catalog *cat,
    struct stats_report *r, struct err *e)
{
	struct json		*root;
	const struct json	*list, *o;
	const char		*att;
	struct course		*c;
	const struct quiz	*quiz;
	size_t			 i;

	memset(r, 0, sizeof *r);
	if ((root = json_parse(json, len, 0)) == NULL ||
	    (att = json_get_str(root, "attempts")) == NULL ||
	    (list = json_get(root, "quizzes")) == NULL ||
	    json_is_obj(list)) {
		json_free(root);
		return err_set(e, "not a stats file (rianru stats --format "
		    "json)");
	}
	r->all_attempts = strcmp(att, "all") == 0;
	r->min_n = sread_count(root, "min_n");
	r->quizzes = xcalloc(json_size(list) + 1, sizeof *r->quizzes);
	for (i = 0; i < json_size(list); i++) {
		o = json_item(list, i);
		if ((c = catalog_find(cat, json_get_str(o, "course") != NULL ?
		    json_get_str(o, "course") : "")) == NULL ||
		    (quiz = course_quiz(c, json_get_str(o, "quiz") != NULL ?
		    json_get_str(o, "quiz") : "", NULL)) == NULL)
			continue;
		sread_quiz(o, c, quiz, &r->quizzes[r->n++]);
	}
	json_free(root);
	return 0;
}

int
stats_load(const char *path, const struct catalog *cat, size_t min_n,
    struct stats_report *r, struct err *e)
{
	static const char	 magic[16] = "SQLite format 3";
	struct store		*st;
	char			 head[16], *text;
	size_t			 len;
	FILE			*f;
	int			 rc, db;

	memset(r, 0, sizeof *r);
	if ((f = infile_open(path, e)) == NULL) {
		char	why[sizeof e->msg];

		/* err_set() writes over e->msg: copy the reason first */
		memcpy(why, e->msg, sizeof why);
		return err_set(e, "cannot read '%s': %s", path, why);
	}
	db = fread(head, 1, sizeof head, f) == sizeof head &&
	    memcmp(head, magic, sizeof magic) == 0;
	fclose(f);
	if (db) {
		if ((st = store_open_readonly(path, e)) == NULL)
			return -1;
		rc = stats_collect(st, cat, NULL, NULL, 0, min_n, r, e);
		store_close(st);
		return rc;
	}
	if ((text = file_read(path, SREAD_MAX, &len, e)) == NULL)
		return -1;
	rc = stats_read_json(text, len, cat, r, e);
	free(text);
	if (rc == -1)
		return err_set(e, "'%s' is neither a progress file nor a stats "
		    "file (rianru stats --format json)", path);
	return 0;
}
