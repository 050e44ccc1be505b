/*
 * Moodle XML -> questions of the content model. The only includer of
 * libxml2. Supported: multichoice (single or several answers), truefalse,
 * shortanswer, numerical (the first 100% answer and its tolerance) and
 * matching; every other type (essay, calculated*, multianswer (cloze),
 * description, drag and drop, ...) is skipped with a note, and so is a
 * question that shows images (<img> in its text, or attached <file>s).
 * The parser reads no network and expands no external entities.
 */
#include "content/import.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/arena.h"

struct mxml {
	struct import	*im;
	const char	*buf;		/* the file, to find columns in */
	size_t		 len;
	const xmlNode	*root;		/* the document's first node */
	int		 image;		/* the current question shows one */
	const char	*label;		/* the current question in messages:
					 * its name as the trainer wrote it
					 * (a Thai name's id is a hash), else
					 * its id */
};

static int
mxml_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The first child element called 'name', or NULL. */
static xmlNode *
mxml_child(const xmlNode *n, const char *name)
{
	xmlNode	*c;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (mxml_is(c, name))
			return c;
	return NULL;
}

static unsigned
mxml_line(const xmlNode *n)
{
	long	l = xmlGetLineNo(n);

	return l > 0 ? (unsigned)l : 0;
}

/*
 * How many elements called like 'n' start on n's line before it, in
 * document order under 'from': 'n' is the next one. Sets *found when
 * 'n' was reached.
 */
static unsigned
mxml_before(const xmlNode *from, const xmlNode *n, unsigned line,
    int *found)
{
	const xmlNode	*c;
	unsigned	 k = 0;

	for (c = from; c != NULL && !*found; c = c->next) {
		if (c == n) {
			*found = 1;
			break;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		k += xmlStrEqual(c->name, n->name) && mxml_line(c) == line;
		k += mxml_before(c->children, n, line, found);
	}
	return k;
}

/* Does 'name' begin at p[0..end) as a tag or attribute name ends? */
static int
mxml_name_at(const char *p, const char *end, const char *name, int attr)
{
	size_t	k = strlen(name);

	if ((size_t)(end - p) < k || memcmp(p, name, k) != 0)
		return 0;
	if (p + k == end)
		return !attr;
	return attr ? p[k] == '=' || p[k] == ' ' || p[k] == '\t' :
	    strchr(" \t\r/>", p[k]) != NULL;
}

/*
 * The column (1-based, in characters) where element n's start tag begins
 * on its line of the source, or its attribute 'attr' when that is on the
 * same line (NULL: the tag). libxml2 keeps only the line of a node: the
 * tag is found again in the text, as the k-th '<name' of its line when
 * elements of that name before it start there too. 1 when it cannot be
 * found (a line past 65535, which libxml2 does not count).
 */
static unsigned
mxml_col(const struct mxml *x, const xmlNode *n, const char *attr)
{
	const char	*p = x->buf, *end = x->buf + x->len, *eol, *tag = NULL;
	unsigned	 line = mxml_line(n), l, k, col = 1;
	int		 found = 0;

	if (line == 0 || line >= 65535 || n->type != XML_ELEMENT_NODE)
		return 1;
	k = mxml_before(x->root, n, line, &found);
	for (l = 1; l < line && p < end; p++)
		l += *p == '\n';
	if (l < line)
		return 1;
	eol = memchr(p, '\n', (size_t)(end - p));
	eol = eol != NULL ? eol : end;
	for (tag = p; tag < eol; tag++)
		if (*tag == '<' && mxml_name_at(tag + 1, eol,
		    (const char *)n->name, 0) && k-- == 0)
			break;
	if (tag >= eol)
		return 1;
	if (attr != NULL) {
		const char	*a;

		for (a = tag + 1; a < eol && *a != '>'; a++)
			if ((a[-1] == ' ' || a[-1] == '\t') &&
			    mxml_name_at(a, eol, attr, 1)) {
				tag = a;
				break;
			}
	}
	for (; p < tag; p++)
		col += ((unsigned char)*p & 0xC0) != 0x80;
	return col;
}

/* The value of attribute 'name' (caller frees with xmlFree), or NULL. */
static char *
mxml_attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/*
 * The text of element 'n' (its <text> child when it has one), as plain
 * text in the arena: HTML when format="html" (or unset, Moodle's default
 * for question text) and 'html_default', else as written. "" for none.
 */
static char *
mxml_text(struct mxml *x, const xmlNode *n, int html_default)
{
	xmlNode	*t;
	xmlChar	*s;
	char	*fmt, *r;
	int	 html = html_default;

	if (n == NULL)
		return arena_strdup(x->im->arena, "");
	if ((fmt = mxml_attr(n, "format")) != NULL) {
		html = strcmp(fmt, "html") == 0;
		xmlFree(fmt);
	}
	t = mxml_child(n, "text");
	s = xmlNodeGetContent(t != NULL ? t : n);
	if (s == NULL)
		return arena_strdup(x->im->arena, "");
	if (html)
		r = import_html(x->im, (const char *)s, strlen((char *)s),
		    &x->image);
	else
		r = import_str(x->im, (const char *)s, strlen((char *)s));
	xmlFree(s);
	if (t != NULL && mxml_child(t->parent, "file") != NULL)
		x->image = 1;
	return r;
}

/*
 * An <answer>'s fraction (percent); 0 when missing. One that is not a
 * number is an error of the file (a right answer must not quietly become
 * a wrong one): reported, and 0.
 */
static double
mxml_fraction(struct mxml *x, const xmlNode *a)
{
	char	*f = mxml_attr(a, "fraction"), *stop;
	double	 v = 0;

	if (f != NULL) {
		v = strtod(f, &stop);
		if (f[0] == '\0' || *stop != '\0' || v != v || v - v != 0) {
			import_error(x->im, mxml_line(a),
			    mxml_col(x, a, "fraction"), "fraction '%s' "
			    "of an answer is not a number", f);
			v = 0;
		}
		xmlFree(f);
	}
	return v;
}

static size_t
mxml_count(const xmlNode *n, const char *name)
{
	xmlNode	*c;
	size_t	 k = 0;

	for (c = n->children; c != NULL; c = c->next)
		k += mxml_is(c, name);
	return k;
}

/* "true"/"1" in the text of child 'name'. */
static int
mxml_flag(struct mxml *x, const xmlNode *q, const char *name, int dflt)
{
	xmlNode	*c = mxml_child(q, name);
	char	*s;

	if (c == NULL)
		return dflt;
	s = mxml_text(x, c, 0);
	return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}

static int
mxml_choices(struct mxml *x, const xmlNode *qn, struct question *q)
{
	xmlNode	*a;
	size_t	 k = 0, nright = 0;

	q->nchoices = mxml_count(qn, "answer");
	if (q->nchoices < 2)
		return import_error(x->im, q->line,
		    mxml_col(x, qn, NULL), "question '%s' needs at "
		    "least 2 answers", x->label);
	q->choices = arena_alloc(x->im->arena, q->nchoices *
	    sizeof *q->choices);
	for (a = qn->children; a != NULL; a = a->next) {
		struct choice	*c;
		const char	*t;
		double		 f;

		if (!mxml_is(a, "answer"))
			continue;
		c = &q->choices[k++];
		f = mxml_fraction(x, a);
		t = mxml_text(x, a, 0);
		if (t[0] == '\0')
			return import_error(x->im, mxml_line(a),
			    mxml_col(x, a, NULL), "an answer "
			    "of question '%s' has no text", x->label);
		c->text = import_lstr(t);
		c->correct = q->type == Q_CHOICE ? f >= 100 : f > 0;
		nright += c->correct;
		t = mxml_text(x, mxml_child(a, "feedback"), 0);
		if (t[0] != '\0')
			c->feedback = import_lstr(t);
	}
	if (q->type == Q_CHOICE && nright != 1)
		return import_error(x->im, q->line,
		    mxml_col(x, qn, NULL), "question '%s' has %zu "
		    "answers worth 100%% (a single-answer question needs "
		    "exactly one)", x->label, nright);
	if (nright == 0)
		return import_error(x->im, q->line,
		    mxml_col(x, qn, NULL), "question '%s' has no "
		    "answer worth any marks", x->label);
	if (q->type == Q_MULTIPLE)
		q->scoring = SCORING_PARTIAL;
	return 0;
}

static int
mxml_truefalse(struct mxml *x, const xmlNode *qn, struct question *q)
{
	xmlNode	*a;
	int	 found = 0;

	for (a = qn->children; a != NULL; a = a->next) {
		const char	*t;

		if (!mxml_is(a, "answer") || mxml_fraction(x, a) < 100)
			continue;
		t = mxml_text(x, a, 0);
		if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0) {
			q->answer_bool = t[0] == 't';
			found = 1;
		}
	}
	if (!found)
		return import_error(x->im, q->line,
		    mxml_col(x, qn, NULL), "true-false question "
		    "'%s' has no answer 'true' or 'false' worth 100%%", x->label);
	return 0;
}

static int
mxml_shortanswer(struct mxml *x, const xmlNode *qn, struct question *q)
{
	xmlNode	*a;
	size_t	 n = 0;
	int	 partial = 0;

	q->answers = arena_alloc(x->im->arena, (mxml_count(qn, "answer") + 1) *
	    sizeof *q->answers);
	for (a = qn->children; a != NULL; a = a->next) {
		const char	*t;
		double		 f;

		if (!mxml_is(a, "answer"))
			continue;
		f = mxml_fraction(x, a);
		if (f < 100) {
			partial |= f > 0;
			continue;
		}
		t = mxml_text(x, a, 0);
		if (t[0] != '\0' && strchr(t, '*') == NULL)
			q->answers[n++] = t;
		else if (t[0] != '\0')
			import_skip(x->im, mxml_line(a), "answer '%s' of '%s' "
			    "('*' wildcards are not supported)", t, x->label);
	}
	if (n == 0)
		return import_error(x->im, q->line,
		    mxml_col(x, qn, NULL), "short-answer question "
		    "'%s' has no answer worth 100%%", x->label);
	q->nanswers = n;
	if (partial)
		import_skip(x->im, q->line, "the part-credit answers of '%s' "
		    "(fill-in answers are right or wrong)", x->label);
	return 0;
}

static int
mxml_number(const char *s, double *v)
{
	char	*stop;

	if (s[0] == '\0')
		return -1;
	*v = strtod(s, &stop);
	return *stop == '\0' && *v == *v && *v - *v == 0 ? 0 : -1;
}

static int
mxml_numerical(struct mxml *x, const xmlNode *qn, struct question *q)
{
	xmlNode	*a, *u;
	int	 found = 0;

	for (a = qn->children; a != NULL && !found; a = a->next) {
		const char	*t;

		if (!mxml_is(a, "answer") || mxml_fraction(x, a) < 100)
			continue;
		t = mxml_text(x, a, 0);
		if (mxml_number(t, &q->answer_num) == -1)
			return import_error(x->im, mxml_line(a),
			    mxml_col(x, a, NULL), "numeric "
			    "answer '%s' of '%s' is not a number", t, x->label);
		q->tolerance = 0;
		if ((u = mxml_child(a, "tolerance")) != NULL) {
			t = mxml_text(x, u, 0);
			if (mxml_number(t, &q->tolerance) == -1 ||
			    q->tolerance < 0)
				return import_error(x->im, mxml_line(u),
				    mxml_col(x, u, NULL),
				    "tolerance '%s' of '%s' is not a number "
				    "0 or more", t, x->label);
		}
		found = 1;
	}
	if (!found)
		return import_error(x->im, q->line,
		    mxml_col(x, qn, NULL), "numeric question '%s' "
		    "has no answer worth 100%%", x->label);
	if ((u = mxml_child(mxml_child(qn, "units"), "unit")) != NULL) {
		const char	*t = mxml_text(x, mxml_child(u, "unit_name"), 0);

		if (t[0] != '\0')
			q->unit = import_lstr(t);
	}
	return 0;
}

static int
mxml_matching(struct mxml *x, const xmlNode *qn, struct question *q)
{
	xmlNode	*s;
	size_t	 n = 0;

	q->pairs = arena_alloc(x->im->arena, (mxml_count(qn, "subquestion") +
	    1) * sizeof *q->pairs);
	for (s = qn->children; s != NULL; s = s->next) {
		const char	*l, *r;

		if (!mxml_is(s, "subquestion"))
			continue;
		l = mxml_text(x, s, 1);
		r = mxml_text(x, mxml_child(s, "answer"), 0);
		if (r[0] == '\0')
			return import_error(x->im, mxml_line(s),
			    mxml_col(x, s, NULL), "a pair of "
			    "'%s' has no answer", x->label);
		if (l[0] == '\0') {
			import_skip(x->im, mxml_line(s), "the extra right-hand "
			    "answer '%s' of '%s' (matching pairs need both "
			    "sides)", r, x->label);
			continue;
		}
		q->pairs[n].left = import_lstr(l);
		q->pairs[n].right = import_lstr(r);
		n++;
	}
	q->npairs = n;
	if (n < 2)
		return import_error(x->im, q->line,
		    mxml_col(x, qn, NULL), "matching question '%s' "
		    "needs at least 2 pairs", x->label);
	return 0;
}

/* What Moodle calls types we leave out, for the note. */
static const char *
mxml_skip_name(const char *type)
{
	static const char *const names[][2] = {
		{ "essay", "essay" },
		{ "calculated", "calculated question" },
		{ "calculatedsimple", "calculated question" },
		{ "calculatedmulti", "calculated question" },
		{ "multianswer", "cloze (embedded answers) question" },
		{ "description", "description" },
		{ "randomsamatch", "random matching question" },
		{ "random", "random question" },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(type, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

static void
mxml_question(struct mxml *x, const xmlNode *qn)
{
	struct question	*q;
	char		*type = mxml_attr(qn, "type");
	const char	*name, *prompt, *skip;
	enum qtype	 t;
	unsigned	 line = mxml_line(qn);
	int		 rc;

	if (type == NULL) {
		import_error(x->im, line, mxml_col(x, qn, NULL),
		    "a <question> without a 'type'");
		return;
	}
	x->image = 0;
	if (strcmp(type, "category") == 0) {
		name = mxml_text(x, mxml_child(qn, "category"), 0);
		if (x->im->category == NULL && name[0] != '\0') {
			const char	*slash = strrchr(name, '/');

			name = slash != NULL ? slash + 1 : name;
			if (name[0] != '\0' && strchr(name, '$') == NULL)
				x->im->category = name;
		}
		xmlFree(type);
		return;
	}
	name = mxml_text(x, mxml_child(qn, "name"), 0);
	if (strcmp(type, "multichoice") == 0)
		t = mxml_flag(x, qn, "single", 1) ? Q_CHOICE : Q_MULTIPLE;
	else if (strcmp(type, "truefalse") == 0)
		t = Q_TRUE_FALSE;
	else if (strcmp(type, "shortanswer") == 0)
		t = Q_FILL_IN;
	else if (strcmp(type, "numerical") == 0)
		t = Q_NUMERIC;
	else if (strcmp(type, "matching") == 0)
		t = Q_MATCHING;
	else {
		skip = mxml_skip_name(type);
		if (skip != NULL)
			import_skip(x->im, line, "%s '%s'", skip, name);
		else
			import_skip(x->im, line, "question '%s' of type '%s' "
			    "(not supported)", name, type);
		xmlFree(type);
		return;
	}
	xmlFree(type);
	prompt = mxml_text(x, mxml_child(qn, "questiontext"), 1);
	q = import_add(x->im, t, line, name, prompt);
	x->label = name[0] != '\0' ? name : q->id;
	if (prompt[0] == '\0') {
		import_error(x->im, line, mxml_col(x, qn, NULL),
		    "question '%s' has no text",
		    x->label);
		import_drop_last(x->im);
		return;
	}
	q->prompt = import_lstr(prompt);
	prompt = mxml_text(x, mxml_child(qn, "generalfeedback"), 1);
	if (prompt[0] != '\0')
		q->explain = import_lstr(prompt);
	switch (t) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		rc = mxml_choices(x, qn, q);
		break;
	case Q_TRUE_FALSE:
		rc = mxml_truefalse(x, qn, q);
		break;
	case Q_FILL_IN:
		rc = mxml_shortanswer(x, qn, q);
		break;
	case Q_NUMERIC:
		rc = mxml_numerical(x, qn, q);
		break;
	default:
		rc = mxml_matching(x, qn, q);
		break;
	}
	if (rc == 0 && (x->image || mxml_child(mxml_child(qn, "questiontext"),
	    "file") != NULL)) {
		import_skip(x->im, line, "'%s': it shows images", name[0] ?
		    name : q->id);
		rc = -1;
	}
	if (rc == -1)
		import_drop_last(x->im);
}

/* libxml2's messages go to 'errors' instead of stderr. */
static void
mxml_on_error(void *ctx, xmlErrorPtr e)
{
	struct import	*im = ctx;
	char		 msg[256];
	size_t		 n;

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	snprintf(msg, sizeof msg, "%s", e->message != NULL ? e->message :
	    "malformed XML");
	n = strlen(msg);
	/* our messages start lower-case, libxml2's upper-case */
	if (msg[0] >= 'A' && msg[0] <= 'Z' && (msg[1] < 'A' || msg[1] > 'Z'))
		msg[0] = (char)(msg[0] - 'A' + 'a');
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	import_error(im, e->line > 0 ? (unsigned)e->line : 0,
	    e->int2 > 0 ? (unsigned)e->int2 : 0, "%s", msg);
}

int
import_mxml(struct import *im, const char *buf, size_t len)
{
	struct mxml		 x;
	xmlParserCtxtPtr	 ctx;
	xmlDocPtr		 doc;
	xmlNode			*root, *qn;
	size_t			 nerr = im->errors.nerrors;

	if (import_check_utf8(im, buf, len) == -1)
		return -1;
	if (len > (size_t)INT32_MAX)
		return import_error(im, 0, 0, "the file is too big");
	x.im = im;
	x.image = 0;
	x.buf = buf;
	x.len = len;
	x.root = NULL;
	if ((ctx = xmlNewParserCtxt()) == NULL)
		return import_error(im, 0, 0, "cannot start the XML parser");
	xmlSetStructuredErrorFunc(im, mxml_on_error);
	doc = xmlCtxtReadMemory(ctx, buf, (int)len, im->file, "UTF-8",
	    XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL || im->errors.nerrors > nerr) {
		if (im->errors.nerrors == nerr)
			import_error(im, 0, 0, "not an XML file");
		goto out;
	}
	if (doc->intSubset != NULL) {
		/* Moodle writes none; entities could blow text up */
		unsigned	 line = 1, col = 1;
		size_t		 i;

		for (i = 0; i + 9 <= len && memcmp(buf + i, "<!DOCTYPE", 9);
		    i++)
			if (buf[i] == '\n') {
				line++;
				col = 1;
			} else
				col += ((unsigned char)buf[i] & 0xC0) != 0x80;
		import_error(im, line, col, "a DOCTYPE is not allowed in a "
		    "Moodle XML file");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	x.root = doc->children;
	if (!mxml_is(root, "quiz")) {
		import_error(im, mxml_line(root), mxml_col(&x, root, NULL),
		    "expected a Moodle XML "
		    "file (<quiz> at the top)");
		goto out;
	}
	for (qn = root->children; qn != NULL; qn = qn->next)
		if (mxml_is(qn, "question"))
			mxml_question(&x, qn);
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctx);
	return im->errors.nerrors > nerr ? -1 : 0;
}
