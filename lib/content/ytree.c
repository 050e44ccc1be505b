#include "content/ytree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/idset.h"
#include "base/xalloc.h"

/* Deep enough for any real content; bounded so hostile input cannot
 * exhaust memory through the frame stack. */
#define YTREE_MAX_DEPTH	64

/*
 * An open sequence or map. Its children so far are entries [base, top) of
 * the parser's scratch stack (the innermost frame owns the top), so
 * building a tree costs no malloc per node: on close they are copied into
 * the arena once.
 */
struct frame {
	struct ynode	 *node;
	size_t		  base;
	struct ynode	 *pending_key;	/* map: key waiting for its value */
	struct idset	  keys;		/* map: its keys, hashed (40k keys
					 * compared pairwise took seconds) */
};

/* One child: its key (maps only) and the node. */
struct slot {
	struct ynode	*key;
	struct ynode	*kid;
};

struct ytree_parser {
	struct arena	*a;
	struct diags	*d;
	const char	*name;
	struct frame	 stack[YTREE_MAX_DEPTH];
	int		 depth;
	struct slot	*slots;		/* scratch stack of children */
	size_t		 nslots, capslots;
	struct ynode	*root;
	int		 failed;
};

const char *
ynode_kind_name(enum ynode_kind k)
{
	switch (k) {
	case YN_SCALAR:
		return "text";
	case YN_SEQ:
		return "a list";
	case YN_MAP:
		return "a mapping";
	}
	return "?";
}

struct ynode *
ynode_get(const struct ynode *m, const char *key)
{
	size_t	i;

	if (m == NULL || m->kind != YN_MAP)
		return NULL;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i]->str, key) == 0)
			return m->kids[i];
	return NULL;
}

/* Line and column (1-based, in characters) of byte 'off' in 'buf'. */
static void
ytree_offset_pos(const char *buf, size_t len, size_t off, unsigned *line,
    unsigned *col)
{
	size_t	i;

	*line = *col = 1;
	for (i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/* Start of 1-based line 'line' of buf, or NULL past the end. */
static const char *
ytree_line_start(const char *buf, size_t len, size_t line)
{
	size_t	off = 0;

	while (line > 1 && off < len) {
		if (buf[off++] == '\n')
			line--;
	}
	return line > 1 || off > len ? NULL : buf + off;
}

/*
 * The key a block line starts with ("  - choices: x" -> "choices"), copied
 * to out; its indentation (spaces before the key, after any "- ") in
 * *indent. Returns 0, or -1 when the line holds no such key.
 */
static int
ytree_line_key(const char *line, const char *end, char *out, size_t outlen,
    size_t *indent)
{
	const char	*p = line, *k;
	size_t		 n;

	while (p < end && *p == ' ')
		p++;
	while (p + 1 < end && p[0] == '-' && p[1] == ' ') {
		p += 2;
		while (p < end && *p == ' ')
			p++;
	}
	*indent = (size_t)(p - line);
	for (k = p; k < end && *k != ':' && *k != '\n' && *k != '#'; k++)
		;
	if (k == p || k >= end || *k != ':' || (k + 1 < end && k[1] != ' ' &&
	    k[1] != '\n' && k[1] != '\r'))
		return -1;
	n = (size_t)(k - p);
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

/*
 * An indentation hint for "did not find expected '-' indicator" and
 * "did not find expected key": name the key of the problem line and the
 * key above it, and which way the indentation is off.
 */
static void
ytree_indent_hint(const char *buf, size_t len, size_t line, char *hint,
    size_t hintlen)
{
	const char	*bad, *prev, *end = buf + len, *eol;
	char		 key[48], above[48];
	size_t		 ind, ind_above, l;

	snprintf(hint, hintlen, "; check this line's indentation against the "
	    "lines above: use the same number of spaces for keys of one item");
	if ((bad = ytree_line_start(buf, len, line)) == NULL ||
	    ytree_line_key(bad, end, key, sizeof key, &ind) == -1)
		return;
	for (l = line - 1; l >= 1; l--) {
		if ((prev = ytree_line_start(buf, len, l)) == NULL)
			return;
		eol = memchr(prev, '\n', (size_t)(end - prev));
		if (eol == NULL)
			eol = end;
		if (ytree_line_key(prev, eol, above, sizeof above,
		    &ind_above) == 0)
			break;
	}
	if (l < 1 || ind == ind_above)
		return;
	snprintf(hint, hintlen, "; '%s' is indented %s than '%s' above it: "
	    "use the same number of spaces", key, ind < ind_above ? "less" :
	    "more", above);
}

/* '}' or ']' for libyaml's "did not find expected ',' or '}'", else 0. */
static char
ytree_flow_closer(const char *problem)
{
	if (strcmp(problem, "did not find expected ',' or '}'") == 0)
		return '}';
	if (strcmp(problem, "did not find expected ',' or ']'") == 0)
		return ']';
	return '\0';
}

/*
 * A plain-words hint for the libyaml messages trainers meet most: a tab
 * used for indentation, a key indented differently from its siblings, and
 * ': ' inside unquoted text (block or flow).
 */
static void
ytree_hint(const yaml_parser_t *yp, const char *buf, size_t len, char *hint,
    size_t hintlen)
{
	size_t	off = 0, line = 0, col = 0;
	char	close;

	hint[0] = '\0';
	/* marks count characters, not bytes: walk to the problem's byte */
	while (off < len && line < yp->problem_mark.line)
		if (buf[off++] == '\n')
			line++;
	while (off < len && col < yp->problem_mark.column) {
		off++;
		while (off < len && ((unsigned char)buf[off] & 0xc0) == 0x80)
			off++;
		col++;
	}

	if (yp->problem == NULL)
		return;
	if ((strstr(yp->problem, "cannot start any token") != NULL &&
	    off < len && buf[off] == '\t') ||
	    strstr(yp->problem, "found a tab character") != NULL)
		snprintf(hint, hintlen, "; use spaces, not a tab, to indent");
	else if (strcmp(yp->problem, "mapping values are not allowed in this "
	    "context") == 0)
		snprintf(hint, hintlen, "; put text that contains ': ' in "
		    "quotes");
	else if ((close = ytree_flow_closer(yp->problem)) != '\0') {
		/*
		 * On the line that opened the brace it is text with ':' or ','
		 * in it; lines later, most often a missing closer.
		 */
		if (yp->problem_mark.line == yp->context_mark.line)
			snprintf(hint, hintlen, "; put text that contains ':' "
			    "or ',' in quotes (\"...\")");
		else
			snprintf(hint, hintlen, "; is the '%c' that closes "
			    "line %zu missing?", close,
			    yp->context_mark.line + 1);
	}
	else if (strcmp(yp->problem, "did not find expected '-' indicator") ==
	    0 || strcmp(yp->problem, "did not find expected key") == 0)
		ytree_indent_hint(buf, len, yp->problem_mark.line + 1, hint,
		    hintlen);
}

static void
ytree_syntax_error(struct ytree_parser *p, yaml_parser_t *yp, const char *buf,
    size_t len)
{
	unsigned	line, col;
	const char	*problem = yp->problem ? yp->problem : "syntax error";
	char		 hint[256];

	if (yp->error == YAML_READER_ERROR) {
		ytree_offset_pos(buf, len, yp->problem_offset, &line, &col);
		if (yp->problem_value != -1)
			diags_add(p->d, DIAG_ERROR, p->name, line, col,
			    "%s (byte 0x%02x): the file must be UTF-8 text",
			    problem, (unsigned)yp->problem_value & 0xff);
		else
			diags_add(p->d, DIAG_ERROR, p->name, line, col,
			    "%s: the file must be UTF-8 text", problem);
		return;
	}
	line = (unsigned)yp->problem_mark.line + 1;
	col = (unsigned)yp->problem_mark.column + 1;
	ytree_hint(yp, buf, len, hint, sizeof hint);
	if (yp->context == NULL)
		diags_add(p->d, DIAG_ERROR, p->name, line, col, "%s%s", problem,
		    hint);
	else
		diags_add(p->d, DIAG_ERROR, p->name, line, col,
		    "%s (%s started at %zu:%zu)%s", problem, yp->context,
		    yp->context_mark.line + 1, yp->context_mark.column + 1,
		    hint);
}

static struct ynode *
ytree_node(struct ytree_parser *p, enum ynode_kind kind, const yaml_mark_t *m)
{
	struct ynode	*n = arena_alloc(p->a, sizeof *n);

	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	return n;
}

static void
ytree_frame_push(struct ytree_parser *p, struct ynode *kid, struct ynode *key)
{
	if (p->nslots == p->capslots) {
		p->capslots = p->capslots ? p->capslots * 2 : 256;
		p->slots = xreallocarray(p->slots, p->capslots,
		    sizeof *p->slots);
	}
	p->slots[p->nslots].key = key;
	p->slots[p->nslots++].kid = kid;
}

/* Attach a finished node to its parent (or make it the root). */
static void
ytree_attach(struct ytree_parser *p, struct ynode *n)
{
	const struct idpos	*first;
	struct frame		*f;
	struct ynode		*key;

	if (p->depth == 0) {
		p->root = n;
		return;
	}
	f = &p->stack[p->depth - 1];
	if (f->node->kind == YN_SEQ) {
		ytree_frame_push(p, n, NULL);
		return;
	}
	if (f->pending_key == NULL) {
		if (n->kind != YN_SCALAR) {
			diags_add(p->d, DIAG_ERROR, p->name, n->line, n->col,
			    "a key must be plain text, not %s",
			    ynode_kind_name(n->kind));
			n = ytree_node(p, YN_SCALAR,
			    &(yaml_mark_t){ 0, n->line - 1, n->col - 1 });
			n->str = "";
		}
		f->pending_key = n;
		return;
	}
	key = f->pending_key;
	f->pending_key = NULL;
	if ((first = idset_add(&f->keys, key->str, "", key->line,
	    key->col)) != NULL) {
		diags_add(p->d, DIAG_ERROR, p->name, key->line, key->col,
		    "duplicate key '%s' (first at %u:%u)", key->str,
		    first->line, first->col);
		return;
	}
	ytree_frame_push(p, n, key);
}

static int
ytree_open(struct ytree_parser *p, enum ynode_kind kind, const yaml_mark_t *m)
{
	struct frame	*f;

	if (p->depth == YTREE_MAX_DEPTH) {
		diags_add(p->d, DIAG_ERROR, p->name, (unsigned)m->line + 1,
		    (unsigned)m->column + 1, "nesting deeper than %d levels",
		    YTREE_MAX_DEPTH);
		return -1;
	}
	f = &p->stack[p->depth++];
	memset(f, 0, sizeof *f);
	f->node = ytree_node(p, kind, m);
	f->base = p->nslots;
	return 0;
}

static void
ytree_close(struct ytree_parser *p)
{
	struct frame	*f = &p->stack[--p->depth];
	struct ynode	*n = f->node;
	size_t		 i, count = p->nslots - f->base;

	idset_release(&f->keys);
	n->n = count;
	if (count > 0) {
		n->kids = arena_alloc_uninit(p->a, count * sizeof *n->kids);
		for (i = 0; i < count; i++)
			n->kids[i] = p->slots[f->base + i].kid;
		if (n->kind == YN_MAP) {
			n->keys = arena_alloc_uninit(p->a,
			    count * sizeof *n->keys);
			for (i = 0; i < count; i++)
				n->keys[i] = p->slots[f->base + i].key;
		}
	}
	p->nslots = f->base;
	ytree_attach(p, n);
}

static int
ytree_scalar(struct ytree_parser *p, const yaml_event_t *ev)
{
	struct ynode	*n;
	size_t		 len = ev->data.scalar.length;
	const char	*s = (const char *)ev->data.scalar.value;

	n = ytree_node(p, YN_SCALAR, &ev->start_mark);
	if (memchr(s, '\0', len) != NULL) {
		diags_add(p->d, DIAG_ERROR, p->name, n->line, n->col,
		    "text contains a NUL character");
		len = strlen(s);
	}
	n->str = arena_strndup(p->a, s, len);
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	ytree_attach(p, n);
	return 0;
}

/*
 * Anchors are not supported (docs/content-format.md): an anchor alone
 * changes nothing, but the author meant to reuse the value, which would
 * silently not happen; say so where it is written.
 */
static void
ytree_anchor(struct ytree_parser *p, const yaml_event_t *ev,
    const yaml_char_t *anchor)
{
	if (anchor == NULL)
		return;
	diags_add(p->d, DIAG_ERROR, p->name, (unsigned)ev->start_mark.line + 1,
	    (unsigned)ev->start_mark.column + 1, "anchors ('&%s') are not "
	    "supported; write the value out", (const char *)anchor);
}

/*
 * Aliases are not supported (docs/content-format.md): say so, and keep
 * the tree's shape with an empty scalar in its place.
 */
static void
ytree_alias(struct ytree_parser *p, const yaml_event_t *ev)
{
	struct ynode	*n;

	diags_add(p->d, DIAG_ERROR, p->name, (unsigned)ev->start_mark.line + 1,
	    (unsigned)ev->start_mark.column + 1, "aliases ('*%s') are not "
	    "supported; write the value out",
	    (const char *)ev->data.alias.anchor);
	n = ytree_node(p, YN_SCALAR, &ev->start_mark);
	n->str = "";
	ytree_attach(p, n);
}

/*
 * One parser event into the tree being built ('ndocs': documents seen).
 * Returns 1 when the stream ends here (its end, or a second document),
 * else 0; a failure sets p->failed.
 */
static int
ytree_event(struct ytree_parser *p, const yaml_event_t *ev, int *ndocs)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (++*ndocs < 2)
			break;
		diags_add(p->d, DIAG_ERROR, p->name,
		    (unsigned)ev->start_mark.line + 1,
		    (unsigned)ev->start_mark.column + 1,
		    "a file holds one document; remove this '---' and what "
		    "follows or split the file");
		return 1;
	case YAML_ALIAS_EVENT:
		ytree_alias(p, ev);
		break;
	case YAML_SCALAR_EVENT:
		ytree_anchor(p, ev, ev->data.scalar.anchor);
		ytree_scalar(p, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		ytree_anchor(p, ev, ev->data.sequence_start.anchor);
		if (ytree_open(p, YN_SEQ, &ev->start_mark) == -1)
			p->failed = 1;
		break;
	case YAML_MAPPING_START_EVENT:
		ytree_anchor(p, ev, ev->data.mapping_start.anchor);
		if (ytree_open(p, YN_MAP, &ev->start_mark) == -1)
			p->failed = 1;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		ytree_close(p);
		break;
	default:
		break;
	}
	return 0;
}

struct ynode *
ytree_parse(struct arena *a, const char *name, const char *buf, size_t len,
    struct diags *d)
{
	struct ytree_parser	 p;
	yaml_parser_t		 yp;
	yaml_event_t		 ev;
	int			 done = 0, ndocs = 0;
	struct ynode		*root;

	memset(&p, 0, sizeof p);
	p.a = a;
	p.d = d;
	p.name = name;
	if (!yaml_parser_initialize(&yp)) {
		diags_add(d, DIAG_ERROR, name, 0, 0, "cannot start the YAML parser");
		return NULL;
	}
	/*
	 * Windows editors (Notepad) start UTF-8 files with a byte order mark.
	 * libyaml keeps it when the encoding is set rather than detected, and
	 * then counts it as a column, so "id:" on line 1 is indented and the
	 * next key ends the document. Skip it here, for every YAML file we
	 * read (content, plans, the configuration); it is invisible in
	 * editors, so columns on line 1 stay right.
	 */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	yaml_parser_set_input_string(&yp, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	while (!done && !p.failed) {
		if (!yaml_parser_parse(&yp, &ev)) {
			ytree_syntax_error(&p, &yp, buf, len);
			p.failed = 1;
			break;
		}
		done = ytree_event(&p, &ev, &ndocs);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	while (p.depth > 0)	/* frames a failed parse left open */
		idset_release(&p.stack[--p.depth].keys);
	free(p.slots);
	if (p.failed)
		return NULL;
	root = p.root;
	if (root == NULL || (root->kind == YN_SCALAR && root->plain &&
	    root->len == 0)) {
		/* an empty file: an empty map, so "missing key" says it all */
		root = arena_alloc(a, sizeof *root);
		root->kind = YN_MAP;
		root->line = root->col = 1;
	}
	return root;
}
