#ifndef SCHEMA_H
#define SCHEMA_H

#include <stddef.h>

#include "content/ytree.h"

/*
 * Typed reads of a YAML tree (ytree.h) that report every mistake to a
 * struct diags at the offending node, and keep going: a getter that finds
 * a problem adds an error and returns a neutral value, so one run lists
 * all problems. Used by the content loader and the config loader.
 * Strings returned live in the schema's arena.
 */

struct arena;
struct diags;
struct lstr;
struct vocab_entry;

struct schema {
	struct arena	*a;	/* where returned strings live */
	struct diags	*d;
	const char	*file;	/* path for messages */
	char		 where[96];	/* "question 'q1'": what a warning
					 * about text belongs to; "" = none */
};

void	 schema_init(struct schema *s, struct arena *a, struct diags *d);

/*
 * Name what the text read next belongs to ("question", "q1"), so that a
 * missing translation says where; 'kind' NULL clears it.
 */
void	 schema_where(struct schema *s, const char *kind, const char *id);

/* Add an error at 'n' (NULL: the file alone). Returns -1. */
int	 schema_error(struct schema *s, const struct ynode *n,
	     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int	 schema_warning(struct schema *s, const struct ynode *n,
	     const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * True when 'n' is of 'kind'; else an error naming 'what' ("choices" is
 * quoted as a key, "a choice" is used as written) and false.
 */
int	 schema_is(struct schema *s, const struct ynode *n,
	     enum ynode_kind kind, const char *what);

/*
 * Report keys of map 'm' that are not in 'allowed' (NULL-terminated),
 * with a "did you mean" suggestion. Keys in 'skip' (may be NULL) are left
 * for the caller to report.
 */
void	 schema_keys(struct schema *s, const struct ynode *m,
	     const char *const *allowed, const char *const *skip,
	     const char *what);
int	 schema_in(const char *const *list, const char *key);

/* The closest of 'names' to 'word', or NULL when none is close. */
const char *schema_suggest(const char *const *names, size_t n,
	     const char *word);

/* The value of a required key; "missing key" error at the map if absent. */
const struct ynode *schema_req(struct schema *s, const struct ynode *m,
	     const char *key);

/* Text: a scalar, non-empty, not starting with a combining mark. */
const char *schema_text(struct schema *s, const struct ynode *n);
/* An id: [a-z0-9][a-z0-9-]*, at most 64 characters. NULL on error. */
const char *schema_id(struct schema *s, const struct ynode *n);
/* A list of ids (or one id); NULL and *n = 0 when the key is absent. */
const char **schema_opt_ids(struct schema *s, const struct ynode *m,
	     const char *key, size_t *n);
/*
 * An id that may be left out: m's 'id' (m may be NULL), or one made from
 * 'prefix' and the 0-based 'pos' ("page-3"); a NULL prefix numbers like
 * choices: a, b, ..., z, then c27, c28, ...
 */
const char *schema_opt_id(struct schema *s, const struct ynode *m,
	     const char *prefix, size_t pos);
/*
 * Report ids[i] that repeat an earlier sibling's ('kind' names them:
 * "choice"); seq->kids[i] is where ids[i] was written. NULL ids are
 * skipped.
 */
void	 schema_sibling_ids(struct schema *s, const struct ynode *seq,
	     const char **ids, size_t n, const char *kind);

/* Localised text: a scalar (every language) or a {th:, en:} map. */
void	 schema_lstr(struct schema *s, const struct ynode *n, struct lstr *out);
void	 schema_req_lstr(struct schema *s, const struct ynode *m,
	     const char *key, struct lstr *out);
void	 schema_opt_lstr(struct schema *s, const struct ynode *m,
	     const char *key, struct lstr *out);

int	 schema_bool(struct schema *s, const struct ynode *n, int def);
int	 schema_opt_bool(struct schema *s, const struct ynode *m,
	     const char *key, int def);
enum num_flags {
	NUM_WHOLE = 1 << 0,		/* no fraction */
	NUM_ABOVE_MIN = 1 << 1		/* strictly greater than 'min' */
};

/*
 * The number of key 'key' in [min, max] (max >= 1e15: no upper bound).
 * Returns 0, or -1 after an error that names the key and the range.
 */
int	 schema_number(struct schema *s, const struct ynode *n,
	     const char *key, double *v, double min, double max,
	     unsigned flags);
/* Parse a whole finite decimal number (ASCII or Thai digits); 0 or -1. */
int	 schema_parse_number(const char *str, double *v);
/* Index of n's text in NULL-terminated 'names', or -1 after an error. */
int	 schema_enum(struct schema *s, const struct ynode *n,
	     const char *const *names, const char *what);
int	 schema_opt_enum(struct schema *s, const struct ynode *m,
	     const char *key, const char *const *names, int def);
int	 schema_vocab(struct schema *s, const struct ynode *n,
	     const struct vocab_entry *table, int count, const char *what);
/* MAJOR.MINOR.PATCH; YYYY-MM-DD (a real date). NULL on error. */
const char *schema_version(struct schema *s, const struct ynode *n);
const char *schema_date(struct schema *s, const struct ynode *n);

#endif
