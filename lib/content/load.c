#include "content/load.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "content/course.h"
#include "content/qtype.h"
#include "base/crypto.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/file.h"
#include "base/idset.h"
#include "base/infile.h"
#include "content/schema.h"
#include "content/words.h"
#include "base/xalloc.h"
#include "content/ytree.h"

/*
 * A year from here on is taken for the Buddhist era (CE + 543): Thai
 * documents date that way, and no certification runs to 2400 CE.
 */
#define LD_BE_YEARS	2400

/* Content files are small; a bigger one is a mistake, not a course. */
#define LOAD_MAX_FILE	(16u << 20)

/* State while loading one course. */
struct ld {
	struct schema	 s;		/* current file, diags, arena */
	struct course	*c;
	/*
	 * Id namespaces: modules, quizzes and questions are unique in the
	 * course (they name xAPI activities); pages within their module.
	 */
	struct idset	 module_ids, quiz_ids, question_ids, page_ids;
	struct sha256	 hash;
	int		 hashing;
	int		 module_unread;	/* a module file could not be read:
					 * its ids are unknown */
	struct buf	 unparsed;	/* text of module files with YAML
					 * errors: ids may be in there */
};

static const char *const course_keys[] = {
	"rianru", "id", "version", "title", "summary", "audience", "area",
	"level", "hours", "certification", "completion", "tags", "review",
	"words", "modules", NULL
};
static const char *const cert_keys[] = {
	"body", "code", "valid-until", NULL
};
static const char *const completion_keys[] = { "modules", "pass", NULL };
static const char *const module_keys[] = {
	"id", "title", "minutes", "pages", "quiz", NULL
};
static const char *const page_keys[] = { "id", "title", "text", NULL };
static const char *const quiz_keys[] = {
	"id", "title", "pass", "mastery", "attempts", "time-limit", "shuffle",
	"draw", "feedback", "questions", NULL
};
static const char *const mastery_keys[] = {
	"in-a-row", "of", "correct", NULL
};
/* Keys every question has, then the keys of each type. */
static const char *const question_common[] = {
	"id", "type", "prompt", "explain", "points", "tags", "revisit", NULL
};
static const char *const feedback_names[] = {
	"after-each", "at-end", "none", NULL
};

/*
 * Read a whole file. Returns the bytes (caller frees, NUL-terminated) or
 * NULL with the reason in 'why'.
 */
static char *
load_read_file(const char *path, size_t *len, char *why, size_t whylen)
{
	FILE		*f;
	struct stat	 sb;
	struct err	 e;
	char		*buf;

	if ((f = infile_open(path, &e)) == NULL) {
		snprintf(why, whylen, "%.200s", e.msg);
		return NULL;
	}
	if (fstat(fileno(f), &sb) == -1 || !S_ISREG(sb.st_mode)) {
		snprintf(why, whylen, "not a regular file");
		fclose(f);
		return NULL;
	}
	if ((unsigned long long)sb.st_size > LOAD_MAX_FILE) {
		snprintf(why, whylen, "larger than %u MiB", LOAD_MAX_FILE >> 20);
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	*len = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		snprintf(why, whylen, "%s", strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Register an id in the course-wide set; a duplicate names the first. */
static void
ld_unique(struct ld *l, struct idset *set, const struct ynode *n,
    const char *id, const char *kind)
{
	const struct idpos	*first;

	if (id == NULL)
		return;
	first = idset_add(set, id, l->s.file, n->line, n->col);
	if (first == NULL)
		return;
	if (strcmp(first->file, l->s.file) == 0)
		schema_error(&l->s, n, "duplicate %s id '%s' (first defined "
		    "at %u:%u)", kind, id, first->line, first->col);
	else
		schema_error(&l->s, n, "duplicate %s id '%s' (first defined "
		    "at %s:%u:%u)", kind, id, first->file, first->line,
		    first->col);
}

/* Report keys that are known but belong to another question type. */
static void
ld_question_keys(struct ld *l, const struct question *q, const struct ynode *m)
{
	const char	*allowed[16];
	const char	*known[64];	/* room for every type's keys */
	size_t		 na = 0, nk = 0, i;
	int		 t;

	for (i = 0; question_common[i] != NULL; i++)
		allowed[na++] = known[nk++] = question_common[i];
	for (i = 0; qtype_ops(q->type)->keys[i] != NULL; i++)
		allowed[na++] = qtype_ops(q->type)->keys[i];
	allowed[na] = NULL;
	for (t = 0; t < Q_TYPE_COUNT; t++)
		for (i = 0; qtype_ops((enum qtype)t)->keys[i] != NULL &&
		    nk + 1 < sizeof known / sizeof *known; i++)
			known[nk++] = qtype_ops((enum qtype)t)->keys[i];
	known[nk] = NULL;
	for (i = 0; i < m->n; i++) {
		const char *k = m->keys[i]->str;

		if (schema_in(allowed, k) || !schema_in(known, k))
			continue;
		schema_error(&l->s, m->keys[i], "'%s' does not apply to a %s "
		    "question", k, qtype_name(q->type));
	}
	schema_keys(&l->s, m, allowed, known, "a question");
}

static void
ld_question(struct ld *l, struct question *q, const struct ynode *m)
{
	const struct ynode	*n;
	const char		*names[Q_TYPE_COUNT + 1];
	int			 t;

	q->line = m->line;
	q->points = 1;
	if ((n = schema_req(&l->s, m, "id")) != NULL) {
		q->id = schema_id(&l->s, n);
		ld_unique(l, &l->question_ids, n, q->id, "question");
	}
	schema_where(&l->s, "question", q->id);
	schema_req_lstr(&l->s, m, "prompt", &q->prompt);
	schema_opt_lstr(&l->s, m, "explain", &q->explain);
	if ((n = ynode_get(m, "points")) != NULL)
		schema_number(&l->s, n, "points", &q->points, 0, 1000,
		    NUM_ABOVE_MIN);
	q->tags = schema_opt_ids(&l->s, m, "tags", &q->ntags);
	q->revisit = schema_opt_ids(&l->s, m, "revisit", &q->nrevisit);
	if ((n = schema_req(&l->s, m, "type")) == NULL)
		return;
	for (t = 0; t < Q_TYPE_COUNT; t++)
		names[t] = qtype_ops((enum qtype)t)->name;
	names[Q_TYPE_COUNT] = NULL;
	t = schema_enum(&l->s, n, names, "question type");
	if (t < 0) {
		return;
	}
	q->type = (enum qtype)t;
	ld_question_keys(l, q, m);
	qtype_ops(q->type)->load(&l->s, q, m);
}

static int
ld_duration(struct ld *l, const struct ynode *n)
{
	const char	*p;
	long		 total = 0, v;
	char		*end;
	int		 parts = 0;

	if (!schema_is(&l->s, n, YN_SCALAR, "time-limit"))
		return 0;
	for (p = n->str; *p != '\0'; p = end + 1) {
		if (*p < '0' || *p > '9')
			goto bad;
		v = strtol(p, &end, 10);
		if (v > 100000)
			goto bad;
		switch (*end) {
		case 'h':
			total += v * 3600;
			break;
		case 'm':
			total += v * 60;
			break;
		case 's':
			total += v;
			break;
		default:
			goto bad;
		}
		parts++;
	}
	if (parts == 0 || total <= 0 || total > 24 * 3600)
		goto bad;
	return (int)total;
bad:
	schema_error(&l->s, n, "bad time limit '%s' (write e.g. 90s, 10m or "
	    "1h30m, at most 24h)", n->str);
	return 0;
}

static int
ld_percent(struct ld *l, const struct ynode *n)
{
	char	tmp[32];
	double	v;
	size_t	len;

	if (!schema_is(&l->s, n, YN_SCALAR, "pass"))
		return 0;
	len = n->len;
	if (len > 0 && len < sizeof tmp && n->str[len - 1] == '%') {
		memcpy(tmp, n->str, len - 1);
		tmp[len - 1] = '\0';
		if (schema_parse_number(tmp, &v) == 0 && v >= 0 && v <= 100 &&
		    v == floor(v))
			return (int)v;
	} else if (schema_parse_number(n->str, &v) == 0 && v >= 0 &&
	    v <= 100 && v == floor(v))
		return (int)v;
	schema_error(&l->s, n, "pass mark '%s' must be a whole percentage "
	    "from 0%% to 100%% (e.g. 70%%)", n->str);
	return 0;
}

static void
ld_shuffle(struct ld *l, struct quiz *z, const struct ynode *n)
{
	static const char *const what[] = { "questions", "choices", NULL };
	size_t	i;
	int	v;

	if (n->kind == YN_SCALAR && n->plain &&
	    (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0)) {
		z->shuffle_questions = z->shuffle_choices =
		    strcmp(n->str, "true") == 0;
		return;
	}
	if (n->kind == YN_SCALAR) {
		v = schema_enum(&l->s, n, what, "shuffle value");
		z->shuffle_questions |= v == 0;
		z->shuffle_choices |= v == 1;
		return;
	}
	if (!schema_is(&l->s, n, YN_SEQ, "shuffle"))
		return;
	for (i = 0; i < n->n; i++) {
		if (!schema_is(&l->s, n->kids[i], YN_SCALAR, "a shuffle value"))
			continue;
		v = schema_enum(&l->s, n->kids[i], what, "shuffle value");
		z->shuffle_questions |= v == 0;
		z->shuffle_choices |= v == 1;
	}
}

/*
 * 'mastery:' instead of a pass mark (docs/content-format.md): {in-a-row:
 * N}, kept as N of N, or {of: N, correct: M}. Read after the questions,
 * to check the pool against it.
 */
static void
ld_mastery(struct ld *l, struct quiz *z, const struct ynode *quiz,
    const struct ynode *n)
{
	const struct ynode	*row, *of, *cor;
	double			 v;
	int			 nof = 0, ncor = 0;

	if (!schema_is(&l->s, n, YN_MAP, "mastery"))
		return;
	schema_keys(&l->s, n, mastery_keys, NULL, "mastery");
	row = ynode_get(n, "in-a-row");
	of = ynode_get(n, "of");
	cor = ynode_get(n, "correct");
	if (ynode_get(quiz, "pass") != NULL)
		schema_error(&l->s, n, "quiz '%s' has both 'pass' and "
		    "'mastery': give one of them", z->id ? z->id : "?");
	if (ynode_get(quiz, "draw") != NULL)
		schema_error(&l->s, n, "'mastery' draws from the whole pool: "
		    "leave out 'draw'");
	if (row != NULL && (of != NULL || cor != NULL)) {
		schema_error(&l->s, n, "mastery is {in-a-row: N} or {of: N, "
		    "correct: M}, not both");
		return;
	}
	if (row != NULL) {
		if (schema_number(&l->s, row, "in-a-row", &v, 1, 100,
		    NUM_WHOLE) == -1)
			return;
		nof = ncor = (int)v;
	} else if (row == NULL && of == NULL && cor == NULL) {
		schema_error(&l->s, n, "mastery needs 'in-a-row' or 'of' "
		    "with 'correct'");
		return;
	} else {
		/* each mistake of the pair reported, in one run */
		of = schema_req(&l->s, n, "of");
		cor = schema_req(&l->s, n, "correct");
		if (of != NULL && schema_number(&l->s, of, "of", &v, 1, 100,
		    NUM_WHOLE) == 0)
			nof = (int)v;
		if (cor != NULL && schema_number(&l->s, cor, "correct", &v, 1,
		    100, NUM_WHOLE) == 0)
			ncor = (int)v;
		if (nof == 0 || ncor == 0)
			return;
		if (ncor > nof) {
			schema_error(&l->s, cor, "mastery asks for %d right "
			    "of the last %d: 'correct' cannot be more than "
			    "'of'", ncor, nof);
			return;
		}
	}
	if (z->nquestions > 0 && (size_t)ncor > z->nquestions) {
		schema_error(&l->s, n, "mastery needs %d right answers but "
		    "the pool has %zu question%s", ncor, z->nquestions,
		    z->nquestions == 1 ? "" : "s");
		return;
	}
	z->mastery_of = nof;
	z->mastery_correct = ncor;
	z->pass_pct = 0;	/* mastery decides; a score passes */
}

static struct quiz *
ld_quiz(struct ld *l, struct module *mod, const struct ynode *m)
{
	struct quiz		*z;
	const struct ynode	*n, *qs;
	size_t			 i;
	double			 v;

	if (!schema_is(&l->s, m, YN_MAP, "quiz"))
		return NULL;
	z = arena_alloc(l->s.a, sizeof *z);
	schema_keys(&l->s, m, quiz_keys, NULL, "a quiz");
	if ((n = schema_req(&l->s, m, "id")) != NULL) {
		z->id = schema_id(&l->s, n);
		ld_unique(l, &l->quiz_ids, n, z->id, "quiz");
	}
	schema_where(&l->s, "quiz", z->id);
	if (ynode_get(m, "title") != NULL)
		schema_opt_lstr(&l->s, m, "title", &z->title);
	else
		z->title = mod->title;
	z->pass_pct = 70;
	if ((n = ynode_get(m, "pass")) != NULL)
		z->pass_pct = ld_percent(l, n);
	if ((n = ynode_get(m, "attempts")) != NULL &&
	    schema_number(&l->s, n, "attempts", &v, 0, 100, NUM_WHOLE) == 0)
		z->attempts = (int)v;
	if ((n = ynode_get(m, "time-limit")) != NULL)
		z->time_limit = ld_duration(l, n);
	if ((n = ynode_get(m, "shuffle")) != NULL)
		ld_shuffle(l, z, n);
	z->feedback = (enum feedback_policy)schema_opt_enum(&l->s, m,
	    "feedback", feedback_names, FEEDBACK_AFTER_EACH);
	if ((qs = schema_req(&l->s, m, "questions")) != NULL &&
	    schema_is(&l->s, qs, YN_SEQ, "questions")) {
		if (qs->n == 0)
			schema_error(&l->s, qs, "quiz '%s' has no questions",
			    z->id ? z->id : "?");
		z->nquestions = qs->n;
		z->questions = arena_alloc(l->s.a,
		    (qs->n ? qs->n : 1) * sizeof *z->questions);
		for (i = 0; i < qs->n; i++)
			if (schema_is(&l->s, qs->kids[i], YN_MAP, "a question"))
				ld_question(l, &z->questions[i], qs->kids[i]);
	}
	if ((n = ynode_get(m, "draw")) != NULL &&
	    schema_number(&l->s, n, "draw", &v, 1, 10000, NUM_WHOLE) == 0) {
		if (z->nquestions > 0 && v > (double)z->nquestions)
			schema_error(&l->s, n, "draw %d is more than the %zu "
			    "question%s in the pool", (int)v, z->nquestions,
			    z->nquestions == 1 ? "" : "s");
		else
			z->draw = (int)v;
	}
	if ((n = ynode_get(m, "mastery")) != NULL)
		ld_mastery(l, z, m, n);
	return z;
}

/* 'revisit' names no page of 'mod': say so, with the page meant if close. */
static void
ld_revisit_error(struct ld *l, const struct module *mod,
    const struct ynode *at, const char *id)
{
	const char	**ids, *hint;
	size_t		  i;

	ids = arena_alloc(l->s.a, (mod->npages + 1) * sizeof *ids);
	for (i = 0; i < mod->npages; i++)
		ids[i] = mod->pages[i].id;
	ids[mod->npages] = NULL;
	if ((hint = schema_suggest(ids, mod->npages, id)) != NULL)
		schema_error(&l->s, at, "'revisit' names page '%s', which is "
		    "not a page of module '%s' (did you mean '%s'?)", id,
		    mod->id ? mod->id : "?", hint);
	else
		schema_error(&l->s, at, "'revisit' names page '%s', which is "
		    "not a page of module '%s'", id, mod->id ? mod->id : "?");
}

/* Every 'revisit' id must name a page of the same module. */
static void
ld_check_revisit(struct ld *l, const struct module *mod,
    const struct ynode *qs)
{
	size_t	i, j;

	if (mod->quiz == NULL || qs == NULL || qs->kind != YN_SEQ)
		return;
	for (i = 0; i < mod->quiz->nquestions && i < qs->n; i++) {
		const struct question	*q = &mod->quiz->questions[i];
		const struct ynode	*rv = ynode_get(qs->kids[i], "revisit");

		for (j = 0; j < q->nrevisit; j++) {
			if (q->revisit[j] == NULL ||
			    module_page(mod, q->revisit[j], NULL) != NULL)
				continue;
			ld_revisit_error(l, mod, rv->kind == YN_SEQ &&
			    j < rv->n ? rv->kids[j] : rv, q->revisit[j]);
		}
	}
}

/* A Markdown table's separator row: "|---|:--:|" (pipes, dashes, colons). */
static int
ld_table_rule(const char *line, size_t len)
{
	size_t	i, dashes = 0, pipes = 0;

	for (i = 0; i < len; i++) {
		if (line[i] == '-')
			dashes++;
		else if (line[i] == '|')
			pipes++;
		else if (line[i] != ':' && line[i] != ' ' && line[i] != '\t')
			return 0;
	}
	return dashes >= 3 && pipes >= 1;
}

/*
 * Page text has no tables (docs/content-format.md): a Markdown table would
 * show as lines of pipes, so warn at the text.
 */
static void
ld_check_table(struct ld *l, const struct ynode *n, const struct lstr *text)
{
	const char	*p, *eol, *prev = NULL;
	int		 lang;

	for (lang = 0; lang < LANG_COUNT; lang++) {
		if ((p = text->s[lang]) == NULL ||
		    (lang > 0 && text->s[lang] == text->s[lang - 1]))
			continue;
		for (prev = NULL; *p != '\0'; p = *eol ? eol + 1 : eol) {
			if ((eol = strchr(p, '\n')) == NULL)
				eol = p + strlen(p);
			if (prev != NULL && *prev == '|' &&
			    ld_table_rule(p, (size_t)(eol - p))) {
				schema_warning(&l->s, n, "page text has a "
				    "Markdown table, which shows as lines of "
				    "'|': write the rows as a list ('- ')");
				return;
			}
			while (*p == ' ')
				p++;
			prev = p;
		}
	}
}

static void
ld_pages(struct ld *l, struct module *mod, const struct ynode *seq)
{
	size_t	i;

	if (!schema_is(&l->s, seq, YN_SEQ, "pages"))
		return;
	mod->npages = seq->n;
	mod->pages = arena_alloc(l->s.a,
	    (seq->n ? seq->n : 1) * sizeof *mod->pages);
	for (i = 0; i < seq->n; i++) {
		const struct ynode	*m = seq->kids[i];
		struct page		*pg = &mod->pages[i];
		const struct ynode	*n;

		if (!schema_is(&l->s, m, YN_MAP, "a page"))
			continue;
		schema_keys(&l->s, m, page_keys, NULL, "a page");
		pg->id = schema_opt_id(&l->s, m, "page-", i);
		if ((n = ynode_get(m, "id")) != NULL)
			ld_unique(l, &l->page_ids, n, pg->id, "page");
		else
			ld_unique(l, &l->page_ids, m, pg->id, "page");
		schema_where(&l->s, "page", pg->id);
		schema_req_lstr(&l->s, m, "title", &pg->title);
		schema_req_lstr(&l->s, m, "text", &pg->text);
		ld_check_table(l, ynode_get(m, "text"), &pg->text);
	}
	schema_where(&l->s, NULL, NULL);
}

/* Fill 'mod' from the module file's root node. */
static void
ld_module(struct ld *l, struct module *mod, const struct ynode *root)
{
	const struct ynode	*n, *pages, *quiz;
	double			 v;

	idset_release(&l->page_ids);	/* page ids are per module */
	if (!schema_is(&l->s, root, YN_MAP, "a module"))
		return;
	if (root->n == 0) {
		schema_error(&l->s, root, "the file is empty (a module needs "
		    "'id', 'title' and pages or a quiz)");
		return;
	}
	schema_keys(&l->s, root, module_keys, NULL, "a module");
	if ((n = schema_req(&l->s, root, "id")) != NULL) {
		mod->id = schema_id(&l->s, n);
		ld_unique(l, &l->module_ids, n, mod->id, "module");
	}
	schema_where(&l->s, "module", mod->id);
	schema_req_lstr(&l->s, root, "title", &mod->title);
	if ((n = ynode_get(root, "minutes")) != NULL &&
	    schema_number(&l->s, n, "minutes", &v, 1, 6000, NUM_WHOLE) == 0)
		mod->minutes = (int)v;
	pages = ynode_get(root, "pages");
	quiz = ynode_get(root, "quiz");
	/* "pages: []" is no page either */
	if ((pages == NULL || (pages->kind == YN_SEQ && pages->n == 0)) &&
	    quiz == NULL)
		schema_error(&l->s, root, "module '%s' has neither pages nor a "
		    "quiz", mod->id ? mod->id : "?");
	if (pages != NULL)
		ld_pages(l, mod, pages);
	if (quiz != NULL) {
		mod->quiz = ld_quiz(l, mod, quiz);
		if (mod->quiz != NULL)
			ld_check_revisit(l, mod, ynode_get(quiz, "questions"));
	}
}

static void
ld_certification(struct ld *l, const struct ynode *m)
{
	const struct ynode	*n;
	struct certification	*ct = &l->c->cert;

	if (!schema_is(&l->s, m, YN_MAP, "certification"))
		return;
	schema_keys(&l->s, m, cert_keys, NULL, "certification");
	if ((n = schema_req(&l->s, m, "body")) != NULL)
		ct->body = schema_text(&l->s, n);
	if ((n = schema_req(&l->s, m, "code")) != NULL)
		ct->code = schema_text(&l->s, n);
	if ((n = ynode_get(m, "valid-until")) != NULL &&
	    (ct->valid_until = schema_date(&l->s, n)) != NULL &&
	    atoi(ct->valid_until) >= LD_BE_YEARS)
		schema_warning(&l->s, n, "valid-until year %d looks like a "
		    "Buddhist-era (B.E., พ.ศ.) year; write the Common Era "
		    "year: %d", atoi(ct->valid_until),
		    atoi(ct->valid_until) - 543);
}

/* tags: {id: {th: ..., en: ...}, ...}: names of question tags. */
static void
ld_tags(struct ld *l, const struct ynode *m)
{
	struct tag_label	*t;
	size_t			 i;

	if (!schema_is(&l->s, m, YN_MAP, "tags") || m->n == 0)
		return;
	t = arena_alloc(l->c->arena, m->n * sizeof *t);
	memset(t, 0, m->n * sizeof *t);
	for (i = 0; i < m->n; i++) {
		t[i].id = schema_id(&l->s, m->keys[i]);
		schema_lstr(&l->s, m->kids[i], &t[i].label);
	}
	l->c->tags = t;
	l->c->ntags = m->n;
}

/*
 * With a 'tags:' map, a tag some question uses but the map does not name
 * would show by its id in feedback: warn once per tag, at the map.
 */
static void
ld_check_tags(struct ld *l, const struct ynode *tags)
{
	const struct course	*c = l->c;
	const struct question	*q;
	const char		**seen = NULL;
	size_t			 nseen = 0, i, j, k, u;

	if (tags == NULL || c->tags == NULL)
		return;
	for (i = 0; i < c->nmodules; i++) {
		if (c->modules[i].quiz == NULL)
			continue;
		for (j = 0; j < c->modules[i].quiz->nquestions; j++) {
			q = &c->modules[i].quiz->questions[j];
			for (k = 0; k < q->ntags; k++) {
				if (course_tag_label(c, q->tags[k]) != NULL)
					continue;
				for (u = 0; u < nseen; u++)
					if (strcmp(seen[u], q->tags[k]) == 0)
						break;
				if (u < nseen)
					continue;
				seen = xreallocarray(seen, nseen + 1,
				    sizeof *seen);
				seen[nseen++] = q->tags[k];
				schema_warning(&l->s, tags, "tag '%s' (question "
				    "'%s') has no label here", q->tags[k],
				    q->id);
			}
		}
	}
	free(seen);
}

static void
ld_completion(struct ld *l, const struct ynode *m)
{
	struct completion	*cp = &l->c->completion;
	const struct ynode	*n;
	double			 v;

	cp->kind = COMPLETE_ALL_MODULES;
	if (m->kind == YN_SCALAR) {
		if (strcmp(m->str, "all-modules") != 0)
			schema_error(&l->s, m, "unknown completion rule '%s' "
			    "(use all-modules, {modules: N} or {pass: [quiz "
			    "ids]})", m->str);
		return;
	}
	if (!schema_is(&l->s, m, YN_MAP, "completion"))
		return;
	schema_keys(&l->s, m, completion_keys, NULL, "completion");
	if (m->n != 1) {
		schema_error(&l->s, m, "completion takes one rule: 'modules' "
		    "or 'pass'");
		return;
	}
	if ((n = ynode_get(m, "modules")) != NULL) {
		cp->kind = COMPLETE_MODULES;
		if (schema_number(&l->s, n, "modules", &v, 1, 1000,
		    NUM_WHOLE) == 0)
			cp->count = (int)v;
	} else if ((n = ynode_get(m, "pass")) != NULL) {
		cp->kind = COMPLETE_PASS;
		cp->quizzes = schema_opt_ids(&l->s, m, "pass", &cp->nquizzes);
		if (cp->nquizzes == 0 && n->kind == YN_SEQ)
			schema_error(&l->s, n, "'pass' needs at least one quiz "
			    "id");
	}
}

/* After the modules are loaded: rules that refer to them. */
static void
ld_check_completion(struct ld *l, const struct ynode *root)
{
	struct completion	*cp = &l->c->completion;
	const struct ynode	*m = ynode_get(root, "completion"), *pass;
	size_t			 i;

	if (m == NULL)
		return;
	if (cp->kind == COMPLETE_MODULES && cp->count > (int)l->c->nmodules)
		schema_error(&l->s, ynode_get(m, "modules"), "completion needs "
		    "%d modules but the course has %zu", cp->count,
		    l->c->nmodules);
	/*
	 * A quiz of a module file that could not be read, or that may be in
	 * one with a syntax error, is not known to be missing: that error is
	 * reported already.
	 */
	if (cp->kind != COMPLETE_PASS || l->module_unread)
		return;
	pass = ynode_get(m, "pass");
	for (i = 0; i < cp->nquizzes; i++)
		if (cp->quizzes[i] != NULL &&
		    course_quiz(l->c, cp->quizzes[i], NULL) == NULL &&
		    strstr(l->unparsed.data, cp->quizzes[i]) == NULL)
			schema_error(&l->s, pass->kind == YN_SEQ &&
			    i < pass->n ? pass->kids[i] : pass, "completion "
			    "names quiz '%s', which is not in this course",
			    cp->quizzes[i]);
}

static void
ld_audience(struct ld *l, const struct ynode *n)
{
	size_t	i;
	int	g;

	if (n->kind == YN_SCALAR && strcmp(n->str, "all") == 0) {
		l->c->audience = (1u << GROUP_COUNT) - 1;
		return;
	}
	if (n->kind == YN_SCALAR) {
		if ((g = schema_vocab(&l->s, n, vocab_groups, GROUP_COUNT,
		    "target group")) >= 0)
			l->c->audience |= 1u << g;
		return;
	}
	if (!schema_is(&l->s, n, YN_SEQ, "audience"))
		return;
	if (n->n == 0)
		schema_error(&l->s, n, "audience is empty (list target groups "
		    "or write 'all')");
	for (i = 0; i < n->n; i++) {
		if (!schema_is(&l->s, n->kids[i], YN_SCALAR, "a target group"))
			continue;
		if (strcmp(n->kids[i]->str, "all") == 0) {
			schema_error(&l->s, n->kids[i], "unknown target group "
			    "'all' (for every group write 'audience: all', "
			    "not a list)");
			continue;
		}
		g = schema_vocab(&l->s, n->kids[i], vocab_groups, GROUP_COUNT,
		    "target group");
		if (g >= 0 && (l->c->audience & (1u << g)))
			schema_error(&l->s, n->kids[i], "target group '%s' "
			    "listed twice", n->kids[i]->str);
		if (g >= 0)
			l->c->audience |= 1u << g;
	}
}

/* course.yaml keys other than the module list. */
static void
ld_course_meta(struct ld *l, const struct ynode *root)
{
	const struct ynode	*n;
	double			 v;
	int			 i;

	schema_keys(&l->s, root, course_keys, NULL, "a course");
	if ((n = schema_req(&l->s, root, "rianru")) != NULL) {
		if (n->kind != YN_SCALAR || strcmp(n->str, "1") != 0)
			schema_error(&l->s, n, "unsupported content format "
			    "'rianru: %s' (this rianru reads format 1)",
			    n->kind == YN_SCALAR ? n->str :
			    ynode_kind_name(n->kind));
	}
	if ((n = schema_req(&l->s, root, "id")) != NULL)
		l->c->id = schema_id(&l->s, n);
	if ((n = schema_req(&l->s, root, "version")) != NULL)
		l->c->version = schema_version(&l->s, n);
	schema_where(&l->s, "course", l->c->id);
	schema_req_lstr(&l->s, root, "title", &l->c->title);
	schema_opt_lstr(&l->s, root, "summary", &l->c->summary);
	if ((n = schema_req(&l->s, root, "audience")) != NULL)
		ld_audience(l, n);
	if ((n = schema_req(&l->s, root, "area")) != NULL &&
	    (i = schema_vocab(&l->s, n, vocab_areas, AREA_COUNT,
	    "skill area")) >= 0)
		l->c->area = (enum area)i;
	if ((n = schema_req(&l->s, root, "level")) != NULL &&
	    (i = schema_vocab(&l->s, n, vocab_levels, LEVEL_COUNT,
	    "level")) >= 0)
		l->c->level = (enum level)i;
	if ((n = schema_req(&l->s, root, "hours")) != NULL &&
	    schema_number(&l->s, n, "hours", &v, 0, 1000, NUM_ABOVE_MIN) == 0)
		l->c->hours = v;
	l->c->review = schema_opt_bool(&l->s, root, "review", 1);
	if ((n = ynode_get(root, "certification")) != NULL)
		ld_certification(l, n);
	if ((n = ynode_get(root, "tags")) != NULL)
		ld_tags(l, n);
	if ((n = ynode_get(root, "words")) != NULL)
		words_read(&l->s, n, l->c);
	if ((n = ynode_get(root, "completion")) != NULL)
		ld_completion(l, n);
	else
		l->c->completion.kind = COMPLETE_ALL_MODULES;
}

static void
ld_init(struct ld *l, struct diags *d)
{
	memset(l, 0, sizeof *l);
	l->c = xcalloc(1, sizeof *l->c);
	l->c->arena = arena_new();
	schema_init(&l->s, l->c->arena, d);
	idset_init(&l->module_ids);
	idset_init(&l->quiz_ids);
	idset_init(&l->question_ids);
	idset_init(&l->page_ids);
	buf_init(&l->unparsed);
}

/* Finish: the course when no error was added since 'errors0', else NULL. */
static struct course *
ld_finish(struct ld *l, size_t errors0)
{
	struct course	*c = l->c;

	idset_release(&l->module_ids);
	idset_release(&l->quiz_ids);
	idset_release(&l->question_ids);
	idset_release(&l->page_ids);
	buf_release(&l->unparsed);
	if (l->hashing)
		sha256_hex(&l->hash, c->hash);
	if (l->s.d->nerrors > errors0) {
		course_free(c);
		return NULL;
	}
	return c;
}

/* Parse one file into a tree in 'tmp'; NULL on a syntax error. */
static struct ynode *
ld_parse(struct ld *l, struct arena *tmp, const char *file, const char *buf,
    size_t len)
{
	l->s.file = arena_strdup(l->s.a, file);
	if (l->hashing) {
		const char *base = strrchr(file, '/');

		base = base ? base + 1 : file;
		sha256_update(&l->hash, base, strlen(base) + 1);
		sha256_update(&l->hash, buf, len);
	}
	return ytree_parse(tmp, l->s.file, buf, len, l->s.d);
}

/*
 * A file of the folder of 'path' whose name differs from it only in case
 * ("02-Safe-Online.yaml" for "02-safe-online.yaml"), in l's arena; NULL
 * when there is none. Trainers on Windows do not see case in names.
 */
static const char *
ld_file_case(struct ld *l, const char *path)
{
	const char	*base = strrchr(path, '/'), *found = NULL;
	char		*dir;
	DIR		*dp;
	struct dirent	*de;

	if (base == NULL)
		return NULL;
	dir = xstrndup(path, (size_t)(base - path));
	base++;
	if ((dp = opendir(dir)) != NULL) {
		while (found == NULL && (de = readdir(dp)) != NULL)
			if (strcasecmp(de->d_name, base) == 0 &&
			    strcmp(de->d_name, base) != 0)
				found = arena_strdup(l->s.a, de->d_name);
		closedir(dp);
	}
	free(dir);
	return found;
}

/* Load one module file named by course.yaml (or given alone). */
static void
ld_module_file(struct ld *l, struct module *mod, const char *path,
    const struct ynode *ref)
{
	struct arena	*tmp;
	struct ynode	*root;
	char		*buf;
	size_t		 len;
	const char	*course_file = l->s.file, *near;
	char		 why[256];

	mod->file = arena_strdup(l->s.a, path);
	if ((buf = load_read_file(path, &len, why, sizeof why)) == NULL) {
		l->module_unread = 1;
		/* point at the reference in course.yaml: that is what to fix */
		if (ref != NULL && (near = ld_file_case(l, path)) != NULL)
			schema_error(&l->s, ref, "cannot read module file '%s': "
			    "%s (did you mean '%s'?)", ref->str, why, near);
		else if (ref != NULL)
			schema_error(&l->s, ref, "cannot read module file '%s': "
			    "%s", ref->str, why);
		else
			diags_add(l->s.d, DIAG_ERROR, path, 0, 0, "cannot "
			    "open: %s", why);
		return;
	}
	tmp = arena_new();
	if ((root = ld_parse(l, tmp, path, buf, len)) != NULL)
		ld_module(l, mod, root);
	else
		buf_add(&l->unparsed, buf, len);
	l->s.file = course_file;
	arena_free(tmp);
	free(buf);
}

static struct course *
ld_course_tree(struct ld *l, const char *dir, const struct ynode *root,
    size_t errors0)
{
	const struct ynode	*mods;
	size_t			 i, j;
	char			*path;

	if (!schema_is(&l->s, root, YN_MAP, "a course"))
		return ld_finish(l, errors0);
	if (root->n == 0) {
		schema_error(&l->s, root, "the file is empty (see "
		    "docs/content-format.md for what a course.yaml holds)");
		return ld_finish(l, errors0);
	}
	ld_course_meta(l, root);
	if ((mods = schema_req(&l->s, root, "modules")) != NULL &&
	    schema_is(&l->s, mods, YN_SEQ, "modules")) {
		if (mods->n == 0)
			schema_error(&l->s, mods, "a course needs at least one "
			    "module");
		l->c->nmodules = mods->n;
		l->c->modules = arena_alloc(l->s.a,
		    (mods->n ? mods->n : 1) * sizeof *l->c->modules);
		for (i = 0; i < mods->n; i++) {
			const struct ynode *ref = mods->kids[i];

			if (!schema_is(&l->s, ref, YN_SCALAR, "a module file "
			    "name"))
				continue;
			for (j = 0; j < i; j++)
				if (mods->kids[j]->kind == YN_SCALAR &&
				    strcmp(mods->kids[j]->str, ref->str) == 0)
					break;
			if (j < i) {
				schema_error(&l->s, ref, "module file '%s' "
				    "listed twice (first at %u:%u)", ref->str,
				    mods->kids[j]->line, mods->kids[j]->col);
				continue;
			}
			if (strchr(ref->str, '/') != NULL || ref->str[0] == '.') {
				schema_error(&l->s, ref, "module file '%s' must "
				    "be a file in the course folder", ref->str);
				continue;
			}
			if (dir == NULL)
				continue;	/* from memory: not read */
			xasprintf(&path, "%s/%s", dir, ref->str);
			ld_module_file(l, &l->c->modules[i], path, ref);
			free(path);
		}
	}
	if (dir != NULL) {
		ld_check_completion(l, root);
		ld_check_tags(l, ynode_get(root, "tags"));
		if (l->s.d->nerrors == errors0)
			words_check_used(&l->s, ynode_get(root, "words"),
			    l->c);
	}
	return ld_finish(l, errors0);
}

struct course *
load_course_mem(const char *name, const char *buf, size_t len,
    struct diags *d)
{
	struct ld	 l;
	struct arena	*tmp = arena_new();
	struct ynode	*root;
	struct course	*c;
	size_t		 errors0 = d->nerrors;

	ld_init(&l, d);
	l.c->dir = arena_strdup(l.s.a, ".");
	if ((root = ld_parse(&l, tmp, name, buf, len)) == NULL)
		c = ld_finish(&l, errors0);
	else
		c = ld_course_tree(&l, NULL, root, errors0);
	arena_free(tmp);
	return c;
}

/* A module file beside course.yaml: a .yaml file that is not it. */
static int
ld_is_module_name(const char *name)
{
	size_t	len = strlen(name);

	return name[0] != '.' && len > 5 &&
	    strcmp(name + len - 5, ".yaml") == 0 &&
	    strcmp(name, "course.yaml") != 0;
}

/*
 * course.yaml has a YAML error, so its module list is unknown: check the
 * folder's other .yaml files as modules anyway (in name order), so that a
 * trainer sees every mistake in one run, not the modules' only after
 * course.yaml is mended.
 */
static void
ld_modules_unlisted(struct ld *l, const char *dir)
{
	struct module	 mod;
	char		**names, *path;
	size_t		 n, i;
	const char	*course_file = l->s.file;

	if (file_dir_names(dir, ld_is_module_name, &names, &n) == -1)
		return;
	for (i = 0; i < n; i++) {
		memset(&mod, 0, sizeof mod);
		xasprintf(&path, "%s/%s", dir, names[i]);
		ld_module_file(l, &mod, path, NULL);
		free(path);
	}
	file_names_free(names, n);
	l->s.file = course_file;
}

struct course *
load_course_dir(const char *dir, struct diags *d)
{
	struct ld	 l;
	struct arena	*tmp = arena_new();
	struct ynode	*root;
	struct course	*c;
	char		*path, *buf, why[256];
	size_t		 len, errors0 = d->nerrors;

	ld_init(&l, d);
	l.hashing = 1;
	sha256_init(&l.hash);
	l.c->dir = arena_strdup(l.s.a, dir);
	xasprintf(&path, "%s/course.yaml", dir);
	if ((buf = load_read_file(path, &len, why, sizeof why)) == NULL) {
		diags_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s", why);
		c = ld_finish(&l, errors0);
	}
	else if ((root = ld_parse(&l, tmp, path, buf, len)) == NULL) {
		ld_modules_unlisted(&l, dir);
		c = ld_finish(&l, errors0);
	} else
		c = ld_course_tree(&l, dir, root, errors0);
	free(buf);
	free(path);
	arena_free(tmp);
	return c;
}

/* A course wrapping a single module, for preview and checking one file. */
static struct course *
ld_single_module(struct ld *l, size_t errors0)
{
	struct course	*c = l->c;
	struct module	*m = &c->modules[0];
	char		 id[80];

	snprintf(id, sizeof id, "preview-%s", m->id ? m->id : "module");
	c->id = arena_strdup(l->s.a, id);
	c->version = "0.0.0";
	c->title = m->title;
	c->audience = (1u << GROUP_COUNT) - 1;
	c->hours = 0;
	c->completion.kind = COMPLETE_ALL_MODULES;
	return ld_finish(l, errors0);
}

struct course *
load_module_mem(const char *name, const char *buf, size_t len,
    struct diags *d)
{
	struct ld	 l;
	struct arena	*tmp = arena_new();
	struct ynode	*root;
	struct course	*c;
	size_t		 errors0 = d->nerrors;

	ld_init(&l, d);
	l.c->dir = arena_strdup(l.s.a, ".");
	l.c->nmodules = 1;
	l.c->modules = arena_alloc(l.s.a, sizeof *l.c->modules);
	l.c->modules[0].file = arena_strdup(l.s.a, name);
	if ((root = ld_parse(&l, tmp, name, buf, len)) != NULL)
		ld_module(&l, &l.c->modules[0], root);
	c = ld_single_module(&l, errors0);
	arena_free(tmp);
	return c;
}

struct course *
load_module_file(const char *path, struct diags *d)
{
	struct ld	 l;
	size_t		 errors0 = d->nerrors;
	char		*dir, *slash;

	ld_init(&l, d);
	l.hashing = 1;
	sha256_init(&l.hash);
	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		snprintf(dir, 2, ".");
	l.c->dir = arena_strdup(l.s.a, dir);
	free(dir);
	l.c->nmodules = 1;
	l.c->modules = arena_alloc(l.s.a, sizeof *l.c->modules);
	ld_module_file(&l, &l.c->modules[0], path, NULL);
	return ld_single_module(&l, errors0);
}
