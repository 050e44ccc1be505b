/*
 * `rianru stats` as a table for people, CSV (one row per question) and
 * JSON (quizzes with their questions and choices). Figures that cannot
 * be computed print as "-" (table), empty (CSV) or null (JSON).
 */
#include "report/stats_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"

static const enum stats_flag all_flags[] = {
	STATS_EASY, STATS_HARD, STATS_NEGATIVE, STATS_WEAK
};
static const char *const flag_keys[] = {
	"too-easy", "too-hard", "negative", "weak"
};
#define NFLAGS	(sizeof all_flags / sizeof all_flags[0])

const char *
stats_flag_key(enum stats_flag f)
{
	size_t	i;

	for (i = 0; i < NFLAGS; i++)
		if (all_flags[i] == f)
			return flag_keys[i];
	return "";
}

/* "64%" or "-" into 'out'. */
static const char *
sf_pct(double v, char *out, size_t len)
{
	if (isnan(v))
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.0f%%", v * 100);
	return out;
}

static const char *
sf_num(double v, char *out, size_t len)
{
	if (isnan(v))
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%.2f", v);
	return out;
}

/* The flags as "too-easy,weak". */
static void
sf_flag_keys(unsigned f, struct buf *out)
{
	size_t	i;
	int	first = 1;

	for (i = 0; i < NFLAGS; i++)
		if (f & all_flags[i]) {
			buf_addf(out, "%s%s", first ? "" : ",", flag_keys[i]);
			first = 0;
		}
}

static void
sf_table_quiz(const struct stats_report *r, const struct stats_quiz *z,
    enum lang lang, struct buf *out)
{
	char	a[16], b[16], c[16], d[16], f[16];
	size_t	i, j;

	buf_addf(out, "%s / %s: %s\n", z->course->id, z->quiz->id,
	    lstr_get(&z->quiz->title, lang));
	buf_addf(out, "  %zu %s (%s)", z->t.n, z->t.n == 1 ? "attempt" :
	    "attempts", r->all_attempts ? "all attempts" : "first attempts");
	buf_addf(out, "  mean %s  median %s  SD %s  alpha %s  SE %s\n",
	    sf_pct(z->t.mean, a, sizeof a), sf_pct(z->t.median, b, sizeof b),
	    sf_pct(z->t.sd, c, sizeof c), sf_num(z->t.alpha, d, sizeof d),
	    sf_pct(z->t.se, f, sizeof f));
	if (z->left_out > 0)
		buf_addf(out, "  %zu attempt%s left out: the quiz changed "
		    "since\n", z->left_out, z->left_out == 1 ? "" : "s");
	if (z->t.n < r->min_n)
		buf_addf(out, "  only %zu attempt%s: below the minimum of %zu, "
		    "so no question is flagged\n", z->t.n, z->t.n == 1 ? "" :
		    "s", r->min_n);
	buf_adds(out, "  question              type          n  facility  "
	    "SD    guess  disc   DE\n");
	for (i = 0; i < z->nq; i++) {
		const struct stats_q	*q = &z->qs[i];

		buf_addf(out, "  %-20s  %-10s %4zu  %8s  %-4s  %-5s  %5s  %s\n",
		    q->q->id, qtype_name(q->q->type), q->it.n,
		    sf_pct(q->it.facility, a, sizeof a),
		    sf_pct(q->it.sd, b, sizeof b),
		    sf_pct(q->guess, c, sizeof c),
		    sf_num(q->it.disc, d, sizeof d),
		    sf_pct(q->it.de, f, sizeof f));
		for (j = 0; j < NFLAGS; j++)
			if (q->flags & all_flags[j])
				buf_addf(out, "    ! %s\n", stats_flag_reason(
				    all_flags[j], lang));
		for (j = 0; j < q->nchoices; j++) {
			const struct stats_choice *ch = &q->choices[j];

			buf_addf(out, "    %s %-8s %3zu picked (strong %zu/%zu, "
			    "weak %zu/%zu)  %s\n", ch->correct ? "*" : " ",
			    ch->id, ch->picked, ch->strong, q->nstrong,
			    ch->weak, q->nweak, lstr_get(&ch->text, lang));
		}
		for (j = 0; j < q->nchoices; j++)
			if (q->choices[j].picked == 0 && !q->choices[j].correct &&
			    q->it.n > 0)
				buf_addf(out, "    nobody picked '%s': it "
				    "distracts no one\n", q->choices[j].id);
		for (j = 0; j < q->nwrong; j++)
			buf_addf(out, "    wrong answer \"%s\" x%zu\n",
			    q->wrong[j].text, q->wrong[j].count);
	}
	buf_addc(out, '\n');
}

static void
sf_csv_field(struct buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(out, '"');
		buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

static void
sf_csv_num(struct buf *out, double v)
{
	buf_addc(out, ',');
	if (!isnan(v))
		buf_addf(out, "%.4f", v);
}

static void
sf_csv(const struct stats_report *r, struct buf *out)
{
	struct buf	flags;
	size_t		i, j;

	buf_init(&flags);
	buf_adds(out, "\xEF\xBB\xBF" "course,quiz,attempts,quiz_mean,"
	    "quiz_median,quiz_sd,alpha,se,question,type,n,facility,sd,"
	    "guess,discrimination,efficiency,flags\r\n");
	for (i = 0; i < r->n; i++) {
		const struct stats_quiz	*z = &r->quizzes[i];

		for (j = 0; j < z->nq; j++) {
			const struct stats_q	*q = &z->qs[j];

			sf_csv_field(out, z->course->id);
			buf_addc(out, ',');
			sf_csv_field(out, z->quiz->id);
			buf_addf(out, ",%zu", z->t.n);
			sf_csv_num(out, z->t.mean);
			sf_csv_num(out, z->t.median);
			sf_csv_num(out, z->t.sd);
			sf_csv_num(out, z->t.alpha);
			sf_csv_num(out, z->t.se);
			buf_addc(out, ',');
			sf_csv_field(out, q->q->id);
			buf_addf(out, ",%s,%zu", qtype_name(q->q->type),
			    q->it.n);
			sf_csv_num(out, q->it.facility);
			sf_csv_num(out, q->it.sd);
			sf_csv_num(out, q->guess);
			sf_csv_num(out, q->it.disc);
			sf_csv_num(out, q->it.de);
			buf_reset(&flags);
			sf_flag_keys(q->flags, &flags);
			buf_addc(out, ',');
			sf_csv_field(out, flags.data);
			buf_adds(out, "\r\n");
		}
	}
	buf_release(&flags);
}

static struct json *
sf_jnum(double v)
{
	return isnan(v) ? json_new_null() : json_new_real(v);
}

static struct json *
sf_jstr(const char *s)
{
	struct json	*v = json_new_str(s != NULL ? s : "");

	return v != NULL ? v : json_new_null();	/* NULL: not UTF-8 */
}

static struct json *
sf_json_q(const struct stats_q *q, enum lang lang)
{
	struct json	*o = json_new_obj(), *a, *c;
	size_t		 j;

	json_set(o, "id", sf_jstr(q->q->id));
	json_set(o, "type", sf_jstr(qtype_name(q->q->type)));
	json_set(o, "n", json_new_int((int64_t)q->it.n));
	json_set(o, "facility", sf_jnum(q->it.facility));
	json_set(o, "sd", sf_jnum(q->it.sd));
	json_set(o, "guess", sf_jnum(q->guess));
	json_set(o, "discrimination", sf_jnum(q->it.disc));
	json_set(o, "efficiency", sf_jnum(q->it.de));
	a = json_new_arr();
	for (j = 0; j < NFLAGS; j++)
		if (q->flags & all_flags[j]) {
			c = json_new_obj();
			json_set(c, "flag", sf_jstr(flag_keys[j]));
			json_set(c, "reason", sf_jstr(
			    stats_flag_reason(all_flags[j], lang)));
			json_add(a, c);
		}
	json_set(o, "flags", a);
	if (q->nchoices > 0) {
		a = json_new_arr();
		for (j = 0; j < q->nchoices; j++) {
			const struct stats_choice *ch = &q->choices[j];

			c = json_new_obj();
			json_set(c, "id", sf_jstr(ch->id));
			json_set(c, "text", sf_jstr(lstr_get(
			    &ch->text, lang)));
			json_set(c, "correct",
			    json_new_bool(ch->correct));
			json_set(c, "picked",
			    json_new_int((int64_t)ch->picked));
			json_set(c, "strong",
			    json_new_int((int64_t)ch->strong));
			json_set(c, "weak",
			    json_new_int((int64_t)ch->weak));
			json_add(a, c);
		}
		json_set(o, "choices", a);
		json_set(o, "strong_n",
		    json_new_int((int64_t)q->nstrong));
		json_set(o, "weak_n",
		    json_new_int((int64_t)q->nweak));
	}
	if (q->q->type == Q_FILL_IN || q->q->type == Q_NUMERIC) {
		a = json_new_arr();
		for (j = 0; j < q->nwrong; j++) {
			c = json_new_obj();
			json_set(c, "answer",
			    sf_jstr(q->wrong[j].text));
			json_set(c, "count",
			    json_new_int((int64_t)q->wrong[j].count));
			json_add(a, c);
		}
		json_set(o, "wrong_answers", a);
	}
	return o;
}

static void
sf_json(const struct stats_report *r, enum lang lang, struct buf *out)
{
	struct json	*root = json_new_obj(), *arr = json_new_arr(), *o, *qs;
	size_t		 i, j;

	json_set(root, "attempts", sf_jstr(r->all_attempts ? "all" :
	    "first"));
	json_set(root, "min_n", json_new_int((int64_t)r->min_n));
	for (i = 0; i < r->n; i++) {
		const struct stats_quiz	*z = &r->quizzes[i];

		o = json_new_obj();
		json_set(o, "course", sf_jstr(z->course->id));
		json_set(o, "quiz", sf_jstr(z->quiz->id));
		json_set(o, "title", sf_jstr(lstr_get(
		    &z->quiz->title, lang)));
		json_set(o, "n", json_new_int((int64_t)z->t.n));
		json_set(o, "mean", sf_jnum(z->t.mean));
		json_set(o, "median", sf_jnum(z->t.median));
		json_set(o, "sd", sf_jnum(z->t.sd));
		json_set(o, "alpha", sf_jnum(z->t.alpha));
		json_set(o, "se", sf_jnum(z->t.se));
		json_set(o, "left_out",
		    json_new_int((int64_t)z->left_out));
		json_set(o, "flagged", json_new_bool(z->t.n >=
		    r->min_n));
		qs = json_new_arr();
		for (j = 0; j < z->nq; j++)
			json_add(qs, sf_json_q(&z->qs[j], lang));
		json_set(o, "questions", qs);
		json_add(arr, o);
	}
	json_set(root, "quizzes", arr);
	json_dump_buf(root, 2, 6, out);
	json_free(root);
}

void
stats_format(const struct stats_report *r, enum stats_fmt f, enum lang lang,
    struct buf *out)
{
	size_t	i;

	switch (f) {
	case STATS_FMT_CSV:
		sf_csv(r, out);
		break;
	case STATS_FMT_JSON:
		sf_json(r, lang, out);
		break;
	case STATS_FMT_HTML:
		stats_html(r, out);
		break;
	default:
		if (r->n == 0)
			buf_adds(out, "no finished attempts at the quizzes of "
			    "the catalogue yet\n");
		for (i = 0; i < r->n; i++)
			sf_table_quiz(r, &r->quizzes[i], lang, out);
		if (r->unknown > 0)
			buf_addf(out, "%zu attempt%s at quizzes the catalogue "
			    "does not have were left out\n", r->unknown,
			    r->unknown == 1 ? "" : "s");
		break;
	}
}
