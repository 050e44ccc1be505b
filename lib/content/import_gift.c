/*
 * GIFT (Moodle's plain-text question format) -> questions of the content
 * model. Questions are separated by blank lines; '//' lines are comments;
 * '\' escapes ~ = # { } : and itself. Supported: multiple choice (one
 * '='), multiple answers ('~%50%' weights), true-false ({T} {F}), short
 * answer (only '='), numeric ({#3.14:0.01}, {#1..5}) and matching
 * ('=left -> right'). An empty {} (essay) and text without {} (a
 * description) are skipped with a note.
 */
#include "content/import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/xalloc.h"

/* One answer of an answer block: '=' or '~', weight, text, feedback. */
struct gift_ans {
	char		 kind;		/* '=' or '~' */
	double		 weight;	/* percent; 100 for '=', 0 for '~' */
	int		 weighted;	/* '%w%' was written */
	size_t		 off, len;	/* the text after the weight */
	size_t		 fb_off, fb_len;	/* after '#'; fb_len 0 if none */
	size_t		 arrow;		/* offset of "->" or 0 */
};

struct gift {
	struct import	*im;
	const char	*buf;
	size_t		 len;
	int		 html;		/* [html] question text */
	int		 plain;		/* [plain]: markup shown as typed */
	int		 markdown;	/* [markdown] */
	struct gift_ans	*ans;
	size_t		 nans, cap;
};

/* line:col of byte 'off' (1-based, columns in characters). */
static void
gift_pos(const struct gift *g, size_t off, unsigned *line, unsigned *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < g->len; i++) {
		if (g->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)g->buf[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

static int
gift_error(struct gift *g, size_t off, const char *msg, const char *name)
{
	unsigned	line, col;

	gift_pos(g, off, &line, &col);
	if (name != NULL && name[0] != '\0')
		return import_error(g->im, line, col, "%s in question '%s'",
		    msg, name);
	return import_error(g->im, line, col, "%s", msg);
}

static unsigned
gift_line(const struct gift *g, size_t off)
{
	unsigned	line, col;

	gift_pos(g, off, &line, &col);
	return line;
}

/* The offset of the first unescaped character of 'set' in [i, end). */
static size_t
gift_find(const struct gift *g, size_t i, size_t end, const char *set)
{
	while (i < end) {
		if (g->buf[i] == '\\' && i + 1 < end)
			i += 2;
		else if (strchr(set, g->buf[i]) != NULL && g->buf[i] != '\0')
			return i;
		else
			i++;
	}
	return end;
}

/* The offset of the first unescaped 'pat' in [i, end), or end. */
static size_t
gift_find_str(const struct gift *g, size_t i, size_t end, const char *pat)
{
	size_t	n = strlen(pat);

	while (i < end) {
		if (g->buf[i] == '\\' && i + 1 < end)
			i += 2;
		else if (i + n <= end && memcmp(g->buf + i, pat, n) == 0)
			return i;
		else
			i++;
	}
	return end;
}

/*
 * Does text in Moodle's own format ([moodle], the default, which lets
 * HTML through) or [markdown] show an image? Kept as typed, an <img> tag
 * would reach the officer as markup, the picture lost.
 */
static int
gift_shows_image(const struct gift *g, const char *s, size_t len)
{
	size_t	i;

	if (g->plain)
		return 0;
	for (i = 0; i + 1 < len; i++)
		if ((s[i] == '<' && import_tag_is(s + i + 1, len - i - 1,
		    "img")) || (g->markdown && s[i] == '!' && s[i + 1] == '['))
			return 1;
	return 0;
}

/* Text of [off, off+len) with escapes undone, as plain or HTML text. */
static char *
gift_text(struct gift *g, size_t off, size_t len, int *image)
{
	struct buf	 b;
	char		*r;
	size_t		 i;
	int		 img = 0;

	buf_init(&b);
	for (i = off; i < off + len; i++) {
		if (g->buf[i] == '\\' && i + 1 < off + len) {
			i++;
			if (g->buf[i] == 'n')
				buf_addc(&b, '\n');
			else if (strchr("~=#{}:\\", g->buf[i]) != NULL)
				buf_addc(&b, g->buf[i]);
			else {
				buf_addc(&b, '\\');
				buf_addc(&b, g->buf[i]);
			}
		} else
			buf_addc(&b, g->buf[i]);
	}
	if (g->html)
		r = import_html(g->im, b.data, b.len, &img);
	else {
		img = gift_shows_image(g, b.data, b.len);
		r = import_str(g->im, b.data, b.len);
	}
	if (image != NULL)
		*image |= img;
	buf_release(&b);
	return r;
}

static int
gift_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
gift_trim(const struct gift *g, size_t *i, size_t *end)
{
	while (*i < *end && gift_space(g->buf[*i]))
		(*i)++;
	while (*end > *i && gift_space(g->buf[*end - 1]))
		(*end)--;
}

/*
 * Split the answer block [i, end) into answers at each unescaped '=' or
 * '~'. Text before the first is an error. Returns 0 or -1.
 */
static int
gift_answers(struct gift *g, size_t i, size_t end, const char *name)
{
	size_t		 next, e, h;
	struct gift_ans	*a;

	g->nans = 0;
	gift_trim(g, &i, &end);
	if (i < end && g->buf[i] != '=' && g->buf[i] != '~')
		return gift_error(g, i, "an answer must start with '=' or "
		    "'~'", name);
	while (i < end) {
		next = gift_find(g, i + 1, end, "=~");
		if (g->nans == g->cap) {
			g->cap = g->cap ? g->cap * 2 : 8;
			g->ans = xreallocarray(g->ans, g->cap, sizeof *g->ans);
		}
		a = &g->ans[g->nans++];
		memset(a, 0, sizeof *a);
		a->kind = g->buf[i];
		a->weight = a->kind == '=' ? 100 : 0;
		a->off = i + 1;
		e = next;
		if (a->off < e && g->buf[a->off] == '%') {
			char	*stop;
			size_t	 close = gift_find(g, a->off + 1, e, "%");

			if (close == e)
				return gift_error(g, a->off, "unclosed '%' "
				    "weight", name);
			a->weight = strtod(g->buf + a->off + 1, &stop);
			if (stop != g->buf + close || close == a->off + 1 ||
			    a->weight < -100 || a->weight > 100)
				return gift_error(g, a->off, "a weight must be "
				    "a percentage from -100 to 100", name);
			a->weighted = 1;
			a->off = close + 1;
		}
		if ((h = gift_find(g, a->off, e, "#")) < e) {
			a->fb_off = h + 1;
			a->fb_len = e - h - 1;
			e = h;
		}
		a->len = e - a->off;
		h = gift_find_str(g, a->off, e, "->");
		a->arrow = h < e ? h : 0;
		i = next;
	}
	return 0;
}

/* True-false: T, TRUE, F or FALSE, then optional '#' feedback. */
static int
gift_truefalse(const struct gift *g, size_t i, size_t end, int *value)
{
	size_t		 e = gift_find(g, i, end, "#"), n;
	const char	*p;

	gift_trim(g, &i, &e);
	n = e - i;
	p = g->buf + i;
	if ((n == 1 && (*p == 'T' || *p == 't')) ||
	    (n == 4 && strncasecmp(p, "true", 4) == 0))
		*value = 1;
	else if ((n == 1 && (*p == 'F' || *p == 'f')) ||
	    (n == 5 && strncasecmp(p, "false", 5) == 0))
		*value = 0;
	else
		return -1;
	return 0;
}

/* A number at [i, end) (spaces around allowed) to *v; -1 if it is none. */
static int
gift_number(const struct gift *g, size_t i, size_t end, double *v)
{
	char	 tmp[64], *stop;

	gift_trim(g, &i, &end);
	if (end == i || end - i >= sizeof tmp)
		return -1;
	memcpy(tmp, g->buf + i, end - i);
	tmp[end - i] = '\0';
	*v = strtod(tmp, &stop);
	return *stop == '\0' && *v == *v && *v - *v == 0 ? 0 : -1;
}

/* "3.14:0.01", "1..5" or "3" at [i, end) to answer and tolerance. */
static int
gift_numeric_one(const struct gift *g, size_t i, size_t end, double *answer,
    double *tol)
{
	size_t	c = gift_find_str(g, i, end, "..");
	double	lo, hi;

	*tol = 0;
	if (c < end) {
		if (gift_number(g, i, c, &lo) == -1 ||
		    gift_number(g, c + 2, end, &hi) == -1 || hi < lo)
			return -1;
		*answer = (lo + hi) / 2;
		*tol = (hi - lo) / 2;
		return 0;
	}
	c = gift_find(g, i, end, ":");
	if (gift_number(g, i, c, answer) == -1)
		return -1;
	if (c < end && (gift_number(g, c + 1, end, tol) == -1 || *tol < 0))
		return -1;
	return 0;
}

/* {#...}: one answer, or '=' answers of which the first full one counts. */
static int
gift_numeric(struct gift *g, struct question *q, size_t i, size_t end,
    const char *name)
{
	size_t	k, e;
	int	found = 0;

	gift_trim(g, &i, &end);
	if (i < end && g->buf[i] == '=') {
		if (gift_answers(g, i, end, name) == -1)
			return -1;
		for (k = 0; k < g->nans; k++) {
			if (g->ans[k].kind != '=')
				return gift_error(g, g->ans[k].off - 1, "a "
				    "numeric answer must start with '='",
				    name);
			if (gift_numeric_one(g, g->ans[k].off, g->ans[k].off +
			    g->ans[k].len, &q->answer_num, &q->tolerance) ==
			    -1)
				return gift_error(g, g->ans[k].off, "expected "
				    "a number, 'N:TOLERANCE' or 'MIN..MAX'",
				    name);
			if (g->ans[k].weight >= 100 && !found) {
				found = 1;
				break;
			}
		}
		if (!found)
			return gift_error(g, i, "no numeric answer is worth "
			    "100%", name);
		for (k = 0; k < g->nans; k++)
			if (g->ans[k].weight < 100 && g->ans[k].weight > 0) {
				import_skip(g->im, gift_line(g, g->ans[k].off),
				    "a part-credit numeric answer of '%s' "
				    "(numeric questions have one answer)",
				    q->id);
				break;
			}
		return 0;
	}
	e = gift_find(g, i, end, "#");
	if (gift_numeric_one(g, i, e, &q->answer_num, &q->tolerance) == -1)
		return gift_error(g, i, "expected a number, 'N:TOLERANCE' or "
		    "'MIN..MAX'", name);
	return 0;
}

static int
gift_choices(struct gift *g, struct question *q, const char *name,
    int *image)
{
	size_t	k;

	q->nchoices = g->nans;
	q->choices = arena_alloc(g->im->arena, g->nans * sizeof *q->choices);
	for (k = 0; k < g->nans; k++) {
		struct choice	*c = &q->choices[k];
		const char	*t;

		t = gift_text(g, g->ans[k].off, g->ans[k].len, image);
		if (t[0] == '\0')
			return gift_error(g, g->ans[k].off, "an answer has no "
			    "text", name);
		c->text = import_lstr(t);
		c->correct = q->type == Q_CHOICE ? g->ans[k].kind == '=' :
		    g->ans[k].weight > 0;
		if (g->ans[k].fb_len > 0) {
			t = gift_text(g, g->ans[k].fb_off, g->ans[k].fb_len,
			    image);
			if (t[0] != '\0')
				c->feedback = import_lstr(t);
		}
	}
	return 0;
}

static int
gift_fill_in(struct gift *g, struct question *q, const char *name,
    int *image)
{
	size_t	k, n = 0;
	int	partial = 0, feedback = 0;

	q->answers = arena_alloc(g->im->arena, g->nans * sizeof *q->answers);
	for (k = 0; k < g->nans; k++) {
		const char	*t;

		if (g->ans[k].weight < 100) {
			partial |= g->ans[k].weight > 0;
			continue;
		}
		feedback |= g->ans[k].fb_len > 0;
		t = gift_text(g, g->ans[k].off, g->ans[k].len, image);
		if (t[0] == '\0')
			return gift_error(g, g->ans[k].off, "an answer has no "
			    "text", name);
		q->answers[n++] = t;
	}
	if (n == 0)
		return gift_error(g, g->ans[0].off, "no short answer is worth "
		    "100%", name);
	q->nanswers = n;
	if (partial)
		import_skip(g->im, q->line, "the part-credit answers of '%s' "
		    "(fill-in answers are right or wrong)", q->id);
	if (feedback)
		import_skip(g->im, q->line, "the answer feedback of '%s' "
		    "(fill-in answers have none; 'explain' is shown to all)",
		    q->id);
	return 0;
}

static int
gift_matching(struct gift *g, struct question *q, const char *name,
    int *image)
{
	size_t	k, n = 0;

	q->pairs = arena_alloc(g->im->arena, g->nans * sizeof *q->pairs);
	for (k = 0; k < g->nans; k++) {
		struct gift_ans	*a = &g->ans[k];
		const char	*l, *r;

		if (a->kind != '=' || a->arrow == 0)
			return gift_error(g, a->off, "a matching pair is "
			    "written '=left -> right'", name);
		l = gift_text(g, a->off, a->arrow - a->off, image);
		r = gift_text(g, a->arrow + 2, a->off + a->len - a->arrow - 2,
		    image);
		if (r[0] == '\0')
			return gift_error(g, a->arrow, "a matching pair has "
			    "no right-hand side", name);
		if (l[0] == '\0') {
			import_skip(g->im, gift_line(g, a->off), "the extra "
			    "right-hand answer '%s' of '%s' (matching pairs "
			    "need both sides)", r, q->id);
			continue;
		}
		q->pairs[n].left = import_lstr(l);
		q->pairs[n].right = import_lstr(r);
		n++;
	}
	q->npairs = n;
	if (n < 2)
		return gift_error(g, g->ans[0].off, "a matching question needs "
		    "at least 2 pairs", name);
	return 0;
}

/* The question type the answers [i, end) make; -1 after an error. */
static int
gift_kind(struct gift *g, size_t i, size_t end, const char *name,
    enum qtype *t, int *tf)
{
	size_t	k, neq = 0, ntilde = 0, narrow = 0, npos = 0;

	gift_trim(g, &i, &end);
	if (g->buf[i] == '#') {
		*t = Q_NUMERIC;
		return 0;
	}
	if (gift_truefalse(g, i, end, tf) == 0) {
		*t = Q_TRUE_FALSE;
		return 0;
	}
	if (gift_answers(g, i, end, name) == -1)
		return -1;
	for (k = 0; k < g->nans; k++) {
		if (g->ans[k].kind == '=')
			neq++;
		else
			ntilde++;
		if (g->ans[k].arrow != 0)
			narrow++;
		if (g->ans[k].kind == '~' && g->ans[k].weight > 0)
			npos++;
	}
	if (narrow > 0)
		*t = Q_MATCHING;
	else if (ntilde == 0)
		*t = Q_FILL_IN;
	else if (neq == 1)
		*t = Q_CHOICE;
	else if (neq == 0 && npos > 0)
		*t = Q_MULTIPLE;
	else if (neq == 0)
		return gift_error(g, i, "no answer is marked right (with '=', "
		    "or '~%50%' weights for several)", name);
	else
		return gift_error(g, g->ans[0].off - 1, "several answers start "
		    "with '=' (for several right answers use '~%50%' "
		    "weights)", name);
	return 0;
}

/* One question block [i, end) (comments already blanked). */
/* "$CATEGORY: a/b/c" between questions: the bank's category is "c". */
static void
gift_category(struct gift *g, size_t i, size_t end)
{
	char	*c, *slash;

	i += 10;
	gift_trim(g, &i, &end);
	c = arena_strndup(g->im->arena, g->buf + i, end - i);
	if ((slash = strrchr(c, '/')) != NULL)
		c = slash + 1;
	if (g->im->category == NULL && c[0] != '\0' && strchr(c, '$') == NULL)
		g->im->category = c;
}

/*
 * The "::name::" and "[format]" before a question's text at *i: sets
 * *name (NULL when there is none) and g->html, and moves *i past them.
 * Returns -1 (reported) when the name is not closed.
 */
static int
gift_head(struct gift *g, size_t *i, size_t end, char **name)
{
	size_t	e;

	*name = NULL;
	if (end - *i >= 2 && memcmp(g->buf + *i, "::", 2) == 0) {
		e = gift_find_str(g, *i + 2, end, "::");
		if (e == end)
			return gift_error(g, *i, "unclosed '::' around the "
			    "question name", NULL);
		g->html = 0;
		g->plain = 1;	/* a name is never markup */
		*name = gift_text(g, *i + 2, e - *i - 2, NULL);
		*i = e + 2;
	}
	while (*i < end && gift_space(g->buf[*i]))
		(*i)++;
	g->html = g->plain = g->markdown = 0;
	if (*i < end && g->buf[*i] == '[') {
		e = gift_find(g, *i, end, "]");
		if (e < end && e - *i == 5 &&
		    memcmp(g->buf + *i, "[html", 5) == 0)
			g->html = 1;
		if (e < end && e - *i == 6 &&
		    memcmp(g->buf + *i, "[plain", 6) == 0)
			g->plain = 1;
		if (e < end && e - *i == 9 &&
		    memcmp(g->buf + *i, "[markdown", 9) == 0)
			g->markdown = 1;
		if (e < end)
			*i = e + 1;
	}
	return 0;
}

/*
 * The answers of question 'q' of type 't' (true-false: 'tf') from the
 * block open..close. Returns -1 (reported) when they do not make one.
 */
static int
gift_body(struct gift *g, struct question *q, enum qtype t, int tf,
    size_t open, size_t close, const char *name, int *image)
{
	switch (t) {
	case Q_TRUE_FALSE:
		q->answer_bool = tf;
		if (gift_find(g, open + 1, close, "#") < close)
			import_skip(g->im, q->line, "the answer feedback of "
			    "'%s' (true-false answers have none; 'explain' "
			    "is shown to all)", q->id);
		return 0;
	case Q_NUMERIC:
		return gift_numeric(g, q, gift_find(g, open + 1, close,
		    "#") + 1, close, name);
	case Q_CHOICE:
	case Q_MULTIPLE:
		if (g->nans < 2)
			return gift_error(g, open, "a multiple-choice question "
			    "needs at least 2 answers", name);
		if (t == Q_MULTIPLE)
			q->scoring = SCORING_PARTIAL;
		return gift_choices(g, q, name, image);
	case Q_FILL_IN:
		return gift_fill_in(g, q, name, image);
	case Q_MATCHING:
		return gift_matching(g, q, name, image);
	default:
		return -1;
	}
}

static void
gift_question(struct gift *g, size_t i, size_t end)
{
	struct question	*q;
	char		*name, *prompt, *after, *explain = NULL;
	size_t		 open, close, fb, k, e, start = i;
	enum qtype	 t = Q_CHOICE;
	int		 tf = 0, image = 0;

	gift_trim(g, &i, &end);
	if (end - i >= 10 && memcmp(g->buf + i, "$CATEGORY:", 10) == 0) {
		gift_category(g, i, end);
		return;
	}
	if (gift_head(g, &i, end, &name) == -1)
		return;
	open = gift_find(g, i, end, "{");
	if (open == end) {
		prompt = gift_text(g, i, end - i, NULL);
		import_skip(g->im, gift_line(g, start), "description '%s' "
		    "(text without a question)", name != NULL && name[0] ?
		    name : prompt);
		return;
	}
	close = gift_find(g, open + 1, end, "{}");
	if (close == end || g->buf[close] == '{') {
		gift_error(g, open, close == end ? "unclosed '{'" : "'{' "
		    "inside an answer block (escape it as '\\{')", name);
		return;
	}
	prompt = gift_text(g, i, open - i, &image);
	after = gift_text(g, close + 1, end - close - 1, &image);
	if (after[0] != '\0') {
		/* "missing word": the answers stand for a gap in the text */
		struct buf	b;

		buf_init(&b);
		buf_addf(&b, "%s _____ %s", prompt, after);
		prompt = arena_strdup(g->im->arena, b.data);
		buf_release(&b);
	}
	fb = gift_find_str(g, open + 1, close, "####");
	if (fb < close) {
		explain = gift_text(g, fb + 4, close - fb - 4, &image);
		close = fb;
	}
	k = open + 1;
	e = close;
	gift_trim(g, &k, &e);
	if (k == e) {
		import_skip(g->im, gift_line(g, start), "essay '%s' (essays "
		    "cannot be marked here)", name != NULL && name[0] ? name :
		    prompt);
		return;
	}
	if (prompt[0] == '\0') {
		gift_error(g, i, "the question has no text", name);
		return;
	}
	if (gift_kind(g, open + 1, close, name, &t, &tf) == -1)
		return;
	q = import_add(g->im, t, gift_line(g, start), name, prompt);
	q->prompt = import_lstr(prompt);
	if (explain != NULL && explain[0] != '\0')
		q->explain = import_lstr(explain);
	if (gift_body(g, q, t, tf, open, close, name, &image) == -1)
		goto bad;
	if (image) {
		import_skip(g->im, q->line, "'%s': it shows images",
		    name != NULL && name[0] ? name : q->id);
		goto bad;
	}
	return;
bad:
	import_drop_last(g->im);
}

static int
gift_blank(const char *s, size_t i, size_t e)
{
	while (i < e && gift_space(s[i]))
		i++;
	return i == e;
}

static int
gift_comment(const char *s, size_t i, size_t e)
{
	while (i < e && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return e - i >= 2 && s[i] == '/' && s[i + 1] == '/';
}

int
import_gift(struct import *im, const char *buf, size_t len)
{
	struct gift	 g;
	char		*copy;
	size_t		 i = 0, e, start = 0, nerr = im->errors.nerrors;
	int		 in = 0;

	if (import_check_utf8(im, buf, len) == -1)
		return -1;
	/* comments blanked in a copy, so offsets stay those of the file */
	copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	memset(&g, 0, sizeof g);
	g.im = im;
	g.buf = copy;
	g.len = len;
	if (len >= 3 && memcmp(copy, "\xEF\xBB\xBF", 3) == 0)
		memset(copy, ' ', 3);
	while (i <= len) {
		const char	*nl = memchr(copy + i, '\n', len - i);

		e = nl != NULL ? (size_t)(nl - copy) : len;
		if (gift_comment(copy, i, e)) {
			memset(copy + i, ' ', e - i);
		} else if (gift_blank(copy, i, e)) {
			if (in)
				gift_question(&g, start, i);
			in = 0;
		} else if (!in) {
			in = 1;
			start = i;
		}
		if (nl == NULL)
			break;
		i = e + 1;
	}
	if (in)
		gift_question(&g, start, len);
	free(g.ans);
	free(copy);
	return im->errors.nerrors > nerr ? -1 : 0;
}
