#ifndef QTYPE_H
#define QTYPE_H

#include <stddef.h>

#include "content/course.h"

/*
 * Question types as tables: one 'struct qtype_ops' per enum qtype, each
 * in its own file (qtype_choice.c, qtype_multiple.c, ...) and listed in
 * course.h QTYPES, found with qtype_ops(). The code that works on any
 * question (load.c, learn/attempt.c, sync/xapi.c) calls
 * through the table and never switches over the type; the TUI has the
 * matching widget table (tui/screens/qwidget.h).
 *
 * Why one table, here in content/: every op reads only the content model
 * (course.h) with text/ and base/ helpers: loading from YAML (schema.h),
 * the response syntax of xAPI 1.0.3 (parse, encode, correct patterns) and
 * scoring a response against the question's key. None needs the store, the network or an
 * attempt's state, so all of them can live at the content layer, and a
 * new type is one file here, one widget file in the TUI, its line in
 * course.h QTYPES and the docs (docs/architecture.md, "Adding a question
 * type"). Where code must tell types apart it asks the ops for a
 * property (syntax, order, part_kind), and a switch over such an enum
 * has no default, so -Wswitch names the place a new value is missing.
 * What stays above (the plan of an attempt, results, statements as JSON)
 * is the same for every type.
 *
 * Ops are never NULL except where a comment says so.
 */

struct buf;
struct codec_rd;
struct err;
struct schema;
struct ynode;

#define QTYPE_NONE	((size_t)-1)	/* "no index" in sel[] below */

/*
 * A response as the UI holds it, as indexes into the question's arrays
 * (learn/attempt.h has the functions that make and read them).
 * Embedded; the fields a type does not use stay as init left them.
 *
 *   choice      nsel 0 (unanswered) or 1: sel[0] is the choice index
 *   multiple    sel: picked choice indexes, ascending (authored order)
 *   true-false  truth: 1 true, 0 false, -1 unanswered
 *   fill-in     text: as typed (without the "[,]" escape)
 *   numeric     text: the canonical number ("" unanswered), and number
 *   matching    nsel == npairs: sel[i] is the pair index of the right
 *               item matched to left item i, or QTYPE_NONE
 *   ordering    nsel 0 (unanswered) or nitems: item indexes in the
 *               officer's order
 */
struct qtype_response {
	enum qtype	 type;
	size_t		*sel;		/* owned; NULL when nsel == 0 */
	size_t		 nsel;
	int		 truth;
	char		*text;		/* owned; never NULL after init */
	double		 number;
};

/* How the parts of a question are ordered in an attempt's plan. */
enum qtype_order {
	QORDER_NONE,		/* no parts to order */
	QORDER_SHUFFLE,		/* authored, or shuffled with shuffle-choices */
	QORDER_AWAY		/* always shuffled, never in the authored
				 * order (which is the answer) */
};

/* The shape of a response string, which a statement is checked against. */
enum qtype_syntax {
	QSYN_TRUE_FALSE,	/* "true" / "false" */
	QSYN_TEXT,		/* free text */
	QSYN_NUMBER,		/* a number; a pattern may be min[:]max */
	QSYN_ONE_ID,		/* at most one part id */
	QSYN_ID_LIST,		/* part ids joined by "[,]" */
	QSYN_ID_PAIRS		/* left[.]right part ids joined by "[,]" */
};

struct qtype_ops {
	enum qtype	 type;
	const char	*name;		/* as written in content: "fill-in" */
	const char	*interaction;	/* xAPI interactionType */
	enum qtype_syntax syntax;
	/* Keys of a question of this type besides the common ones. */
	const char *const *keys;	/* NULL-terminated */

	/*
	 * Read the type's keys of question map 'm' into 'q' (type, id and
	 * the common keys are read already). Reports every mistake with
	 * schema_error(); strings and arrays go into s->a.
	 */
	void		(*load)(struct schema *s, struct question *q,
			    const struct ynode *m);

	/*
	 * Parts: choices, pairs or items, with their content ids. A type
	 * without parts has part_kind, nparts and part_id NULL.
	 */
	const char	*part_kind;	/* "choice", "pair", "item" */
	enum qtype_order order;
	size_t		(*nparts)(const struct question *q);
	const char	*(*part_id)(const struct question *q, size_t i);

	/*
	 * The statement's interaction components: the names of the lists
	 * ("choices"; "source", "target"), NULL-terminated, and the
	 * description of part i in list 'list' (the part's id is its
	 * component id). A type without components has lists and
	 * component NULL.
	 */
	const char *const *lists;
	const struct lstr *(*component)(const struct question *q,
			    size_t list, size_t i);

	/*
	 * Responses. init: what an unanswered response holds beyond the
	 * common fields (may be NULL: nothing more). parse: 's' is not
	 * empty and 'r' is freshly initialised; on -1 fill *e, the caller
	 * resets 'r'. encode: 'r' is a non-empty response of this type;
	 * append its string to 'out' or return -1 and fill *e.
	 */
	void		(*response_init)(struct qtype_response *r,
			    const struct question *q);
	int		(*response_empty)(const struct qtype_response *r);
	int		(*response_parse)(const struct question *q,
			    const char *s, struct qtype_response *r,
			    struct err *e);
	int		(*response_encode)(const struct question *q,
			    const struct qtype_response *r, struct buf *out,
			    struct err *e);

	/* Correct-response patterns (learn/attempt.h attempt_npatterns). */
	size_t		(*npatterns)(const struct question *q);
	void		(*pattern)(const struct question *q, size_t i,
			    struct buf *out);

	/*
	 * Score the non-empty response string 'resp': set *correct (1 only
	 * when fully right) and *points (0..q->points). Returns 0, or -1
	 * when it does not parse (both left 0).
	 */
	int		(*score)(const struct question *q, const char *resp,
			    int *correct, double *points);

	/*
	 * The type's fields in a content pack's course record (codec.h),
	 * after those every question has. record_encode appends them to
	 * 'out'; record_decode reads them back into 'q' in the same order
	 * with the codec_get_*() functions, which note a damaged record for
	 * codec_decode() to refuse (and the loader's rules, validate.h, are
	 * checked on the result), so it needs no checks of its own.
	 * Changing what a type writes changes the pack format
	 * (docs/content-packs.md).
	 */
	void		(*record_encode)(const struct question *q,
			    struct buf *out);
	void		(*record_decode)(struct codec_rd *r,
			    struct question *q);
	/*
	 * The loader's rules for the type's fields, checked on a question
	 * that did not come from the loader (a pack's record; validate.h):
	 * NULL when 'q' keeps them, else what is wrong, for "question 'ID'
	 * ...": "needs at least 2 choices".
	 */
	const char	*(*record_check)(const struct question *q);
};

/* The ops of type 't', or NULL when 't' is not a type. */
const struct qtype_ops	*qtype_ops(enum qtype t);

/* The ops of each type (qtype_choice, ...), one file each. */
#define QTYPE_OPS(NAME, name)	extern const struct qtype_ops qtype_##name;
QTYPES(QTYPE_OPS)
#undef QTYPE_OPS

/*
 * Responses of any type, through the ops. init: make 'r' an unanswered
 * response to 'q'. release: free what 'r' owns ('r' must be initialised
 * again before reuse). empty: 1 when 'r' holds no answer (what "" parses
 * to). parse: read the response string 'resp' (NULL counts as "") into
 * *r, which it initialises; returns 0, or -1 and fills *e with *r left
 * unanswered (to be released either way). encode: append the string of
 * 'r' to 'out' (nothing when unanswered); returns 0, or -1 and fills *e
 * when 'r' does not fit 'q', appending nothing. learn/attempt.h has the
 * rules of each type.
 */
void		 qtype_response_init(struct qtype_response *r,
		     const struct question *q);
void		 qtype_response_release(struct qtype_response *r);
int		 qtype_response_empty(const struct qtype_response *r);
int		 qtype_response_parse(const struct question *q,
		     const char *resp, struct qtype_response *r,
		     struct err *e);
int		 qtype_response_encode(const struct question *q,
		     const struct qtype_response *r, struct buf *out,
		     struct err *e);

/* Parts of 'q' through its ops: 0 and "" for a type without parts. */
size_t		 qtype_nparts(const struct question *q);
const char	*qtype_part_id(const struct question *q, size_t i);
/* "choice", "pair" or "item", for messages ("choice" when none). */
const char	*qtype_part_kind(const struct question *q);
/* Index of the part with id s[0..len), or QTYPE_NONE. */
size_t		 qtype_part_find(const struct question *q, const char *s,
		     size_t len);

#endif
