#ifndef COURSE_H
#define COURSE_H

#include <stddef.h>

#include "content/vocab.h"

/*
 * The content model: plain structs built by the loader (load.h) from a
 * course folder. No libyaml types here. A course owns everything below it
 * (all strings and arrays live in the course's arena); course_free() is the
 * only way to free them, and every pointer handed out is borrowed until
 * then.
 *
 * Headers. The app's catalogue is lazy (catalog.h catalog_add_path_lazy):
 * its courses are headers, with 'header' set: every course field, every
 * module's id, file, title, minutes and pages (id and title; the text is
 * all NULL), and every quiz's settings and question count, but no
 * questions (questions NULL, nquestions the count). Enough for lists,
 * filters and progress (learn.h learn_course_state). The body, the same
 * course in full, comes from catalog_open_course() and is valid only until
 * a later catalog_open_course() call releases it (the catalogue keeps the
 * open course and the one before): hold the catalogue index, not pointers
 * into a body, across anything that may open another course.
 */

struct arena;

enum lang {
	LANG_TH,
	LANG_EN,
	LANG_COUNT
};

/*
 * A localised string. A plain YAML scalar is language-neutral and fills
 * every slot with the same text; a {th:, en:} map fills the slots it names.
 * At least one slot is non-NULL in a loaded course.
 */
struct lstr {
	const char	*s[LANG_COUNT];
};

/* The text in 'lang', falling back to the other language; never NULL. */
const char	*lstr_get(const struct lstr *l, enum lang lang);

/*
 * The question types, X(NAME, name) each, in this order: NAME makes the
 * enum value Q_NAME, and name the type's ops qtype_name (content/
 * qtype_name.c, see content/qtype.h) and its quiz widget qw_name
 * (tui/screens/qw_name.c). Adding a type is a line here, those two files
 * and the docs (docs/architecture.md, "Adding a question type").
 */
#define QTYPES(X) \
	X(CHOICE, choice)		/* one answer */ \
	X(MULTIPLE, multiple)		/* several answers */ \
	X(TRUE_FALSE, true_false) \
	X(FILL_IN, fill_in)		/* typed text, normalised */ \
	X(NUMERIC, numeric)		/* a number within a tolerance */ \
	X(MATCHING, matching)		/* pair left and right items */ \
	X(ORDERING, ordering)		/* put items in order */

enum qtype {
#define QTYPE_ENUM(NAME, name)	Q_##NAME,
	QTYPES(QTYPE_ENUM)
#undef QTYPE_ENUM
	Q_TYPE_COUNT
};

/* "choice", "multiple", ... as written in content; NULL if out of range. */
const char	*qtype_name(enum qtype t);

struct choice {
	const char	*id;		/* given, or "a", "b", ... by position */
	struct lstr	 text;
	int		 correct;
	struct lstr	 feedback;	/* all NULL when none */
};

struct match_pair {
	const char	*id;		/* given, or "1", "2", ... by position */
	struct lstr	 left;
	struct lstr	 right;
};

struct order_item {
	const char	*id;		/* given, or "1", "2", ... by position */
	struct lstr	 text;
};

enum scoring {
	SCORING_ALL_OR_NOTHING,
	SCORING_PARTIAL		/* multiple choice only, see docs */
};

struct question {
	const char		*id;
	enum qtype		 type;
	struct lstr		 prompt;
	struct lstr		 explain;	/* all NULL when none */
	double			 points;	/* > 0, default 1 */
	enum scoring		 scoring;
	const char		**tags;		/* skill tags, for feedback */
	size_t			 ntags;
	const char		**revisit;	/* page ids of this module */
	size_t			 nrevisit;

	struct choice		*choices;	/* Q_CHOICE, Q_MULTIPLE */
	size_t			 nchoices;
	int			 answer_bool;	/* Q_TRUE_FALSE */
	const char		**answers;	/* Q_FILL_IN: accepted, as written */
	size_t			 nanswers;
	double			 answer_num;	/* Q_NUMERIC */
	double			 tolerance;
	struct lstr		 unit;		/* Q_NUMERIC, optional */
	struct match_pair	*pairs;		/* Q_MATCHING */
	size_t			 npairs;
	struct order_item	*items;		/* Q_ORDERING, in correct order */
	size_t			 nitems;

	unsigned		 line;		/* where it starts in 'file' */
};

enum feedback_policy {
	FEEDBACK_AFTER_EACH,
	FEEDBACK_AT_END,
	FEEDBACK_NONE
};

struct quiz {
	const char		*id;
	struct lstr		 title;		/* defaults to the module title */
	int			 pass_pct;	/* 0..100 */
	int			 attempts;	/* 0 = unlimited */
	int			 time_limit;	/* seconds; 0 = none */
	int			 shuffle_questions;
	int			 shuffle_choices;
	int			 draw;		/* 0 = ask every question */
	/*
	 * Mastery instead of a pass mark ('mastery:'): passed once
	 * mastery_correct of the last mastery_of answers are right
	 * ({in-a-row: N} is N of N). 0 = a pass mark (pass_pct), which is
	 * 0 in a mastery quiz.
	 */
	int			 mastery_of;
	int			 mastery_correct;
	enum feedback_policy	 feedback;
	struct question		*questions;
	size_t			 nquestions;
};

struct page {
	const char	*id;		/* given, or "page-1", ... by position */
	struct lstr	 title;
	struct lstr	 text;		/* light markup, see docs */
};

struct module {
	const char	*id;
	const char	*file;		/* path of the module file */
	struct lstr	 title;
	int		 minutes;	/* 0 when not given */
	struct page	*pages;
	size_t		 npages;
	struct quiz	*quiz;		/* NULL when the module has none */
};

enum completion_kind {
	COMPLETE_ALL_MODULES,	/* every module done (pages read, quiz passed) */
	COMPLETE_MODULES,	/* at least 'count' modules done */
	COMPLETE_PASS		/* every quiz in 'quizzes' passed */
};

struct completion {
	enum completion_kind	 kind;
	int			 count;
	const char		**quizzes;
	size_t			 nquizzes;
};

struct certification {
	const char	*body;		/* NULL when the course is not certified */
	const char	*code;
	const char	*valid_until;	/* YYYY-MM-DD or NULL */
};

/* What people call a question tag (course.yaml 'tags:'), for feedback. */
struct tag_label {
	const char	*id;
	struct lstr	 label;
};

struct course {
	struct arena		*arena;		/* owns everything below */
	const char		*dir;		/* the course folder */
	const char		*id;
	const char		*version;
	struct lstr		 title;
	struct lstr		 summary;
	unsigned		 audience;	/* bit (1 << enum group) */
	enum area		 area;
	enum level		 level;
	double			 hours;
	struct certification	 cert;
	struct completion	 completion;
	struct module		*modules;
	size_t			 nmodules;
	struct tag_label	*tags;		/* labels of question tags */
	size_t			 ntags;
	/*
	 * Thai words of the course never cut by a line break and searched
	 * as words ('words:'; text.h text_wrapper_use_words()), in a
	 * header too. NULL and 0 when none.
	 */
	const char		**words;
	size_t			 nwords;
	char			 hash[65];	/* SHA-256 hex of its files */
	int			 review;	/* missed questions go to review
						 * (default 1; 'review: false') */
	int			 header;	/* a header: no page text, no
						 * questions (see above) */
};

void		 course_free(struct course *c);	/* NULL is fine */

/*
 * Is 'c' the course 'id' at 'version' with content hash 'hash'? What a
 * pack or an index line names, checked against what its record holds.
 */
int		 course_is(const struct course *c, const char *id,
		     const char *version, const char *hash);

/*
 * Lookups by id; NULL when not found (a question always in a header).
 * Results are borrowed.
 */
const struct module	*course_module(const struct course *c, const char *id);
const struct quiz	*course_quiz(const struct course *c, const char *id,
			     const struct module **in);
const struct question	*quiz_question(const struct quiz *q, const char *id);
/* The label of question tag 'tag', or NULL when the course gives none. */
const struct lstr	*course_tag_label(const struct course *c,
			     const char *tag);
const struct page	*module_page(const struct module *m, const char *id,
			     size_t *index);

/* Total points of all questions of 'q' (before any draw); 0 in a header. */
double		 quiz_max_points(const struct quiz *q);

#endif
