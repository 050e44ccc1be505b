#ifndef QTYPE_KIT_H
#define QTYPE_KIT_H

#include <stddef.h>

#include "content/qtype.h"

/*
 * Helpers shared by the per-type files (qtype_*.c): the delimiters of the
 * xAPI response syntax, id lists, the fill-in escape, and the choice list
 * that choice and multiple questions share. Not for code outside the
 * type files and the code that dispatches to them (attempt.c).
 */

struct buf;
struct codec_rd;
struct err;
struct schema;
struct ynode;

#define QTYPE_LIST	"[,]"
#define QTYPE_PAIR	"[.]"
#define QTYPE_RANGE	"[:]"

/* An id quoted in a message: at most 64 bytes of it (for "%.*s"). */
int		 qtype_msg_len(size_t len);

/*
 * Split off the next field of *p at 'delim': returns its start, sets *len
 * and moves *p past the delimiter, or to NULL after the last field.
 */
const char	*qtype_field_next(const char **p, const char *delim,
		     size_t *len);

/* qsort() comparison of size_t. */
int		 qtype_cmp_size(const void *a, const void *b);
/* 1 when v[i] == i for every i. */
int		 qtype_is_identity(const size_t *v, size_t n);

/* Append 'text' with each "[,]" escaped (attempt.h, fill-in). */
void		 qtype_fill_escape(const char *text, struct buf *out);
/* A new string (caller frees): 's' with the escape undone. */
char		*qtype_fill_unescape(const char *s);

/* Make r->sel room for 'n' entries (n may be 0), none used. */
void		 qtype_sel_alloc(struct qtype_response *r, size_t n);

/*
 * Parse a "[,]" list of part ids of 'q' into r->sel. Repeats are an
 * error unless 'allow_repeat' (then they are dropped). Returns 0, or -1
 * and fills *e.
 */
int		 qtype_parse_ids(const struct question *q, const char *s,
		     struct qtype_response *r, int allow_repeat,
		     struct err *e);
/*
 * Append sel[0..n) as a "[,]" list of part ids of 'q'. Returns 0, or -1
 * and fills *e for an index out of range or a repeat.
 */
int		 qtype_encode_ids(const struct question *q, const size_t *sel,
		     size_t n, struct buf *out, struct err *e);
/* "response to question 'q1' WHAT", as -1 and *e. */
int		 qtype_wrong(const struct question *q, const char *what,
		     struct err *e);

/*
 * Score the non-empty 'resp' all or nothing: parsed, it is right when
 * right(q, parsed) says so (the ops score contract). Returns 0, or -1
 * when it does not parse.
 */
int		 qtype_score_parsed(const struct question *q, const char *resp,
		     int (*right)(const struct question *,
		     const struct qtype_response *), int *correct,
		     double *points);
/* right() of matching and ordering: every part, in authored order. */
int		 qtype_right_in_order(const struct question *q,
		     const struct qtype_response *r);

/* One correct-response pattern (every type but fill-in). */
size_t		 qtype_one_pattern(const struct question *q);

/* record_check of a type whose fields the record cannot get wrong. */
const char	*qtype_no_check(const struct question *q);

/* Emptiness by the field a type answers in. */
int		 qtype_empty_sel(const struct qtype_response *r);
int		 qtype_empty_text(const struct qtype_response *r);

/* ---- the choice list of choice and multiple questions ---- */

/*
 * Load 'choices' of m into q: at least 2, at least 1 correct, and with
 * 'only_one' at most 1 correct.
 */
void		 qtype_load_choices(struct schema *s, struct question *q,
		     const struct ynode *m, int only_one);
size_t		 qtype_choice_count(const struct question *q);
const char	*qtype_choice_id(const struct question *q, size_t i);
const struct lstr *qtype_choice_text(const struct question *q,
		     size_t list, size_t i);
/* The choice list in a pack's record (qtype.h record_encode, _decode). */
void		 qtype_choices_encode(const struct question *q,
		     struct buf *out);
void		 qtype_choices_decode(struct codec_rd *r, struct question *q);
/* Its record_check; 'only_one': exactly one correct, else one or more. */
const char	*qtype_choices_check(const struct question *q, int only_one);

#endif
