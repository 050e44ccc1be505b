#ifndef VALIDATE_H
#define VALIDATE_H

/*
 * The loader's rules (load.c, docs/content-format.md) checked on a model
 * that did not come from the loader: a course read back from a content
 * pack or from any other file rianru did not just parse. Whatever the
 * screens and scoring rely on holds after a 0 from here: ids present,
 * unique and well formed, enums in range, numbers in the loader's
 * ranges, every quiz with at least one question and draw within them,
 * every question complete for its type (2+ choices and the right number
 * of correct ones, 2+ pairs or items, an answer to fill in), 'revisit'
 * and completion naming what exists, text valid UTF-8 that the loader
 * would have accepted. A header (course.h) is checked as a header: no
 * page text and no questions.
 */

#include <stddef.h>

struct course;
struct err;
struct lstr;
struct question;

/* 0 when 'c' keeps every rule; -1 with the first broken one in *e. */
int	validate_course(const struct course *c, struct err *e);

/*
 * Rules for the question types' record_check (qtype.h), 1 when kept.
 * text: required text as the loader reads it (valid UTF-8, no control
 * characters but tab and line breaks, not blank, not starting with a bare
 * combining mark). lstr: each language present is such text, and with
 * 'req' at least one is. part_id: part i of 'q' (qtype_part_id()) has an
 * id, clean text, unlike the ids of the parts before it.
 */
int	validate_text(const char *s);
int	validate_lstr(const struct lstr *l, int req);
int	validate_part_id(const struct question *q, size_t i);

#endif
