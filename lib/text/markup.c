#include "text/markup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "text/text.h"
#include "base/xalloc.h"

enum block_kind {
	BLOCK_PARA,
	BLOCK_BULLET,
	BLOCK_NUMBER,
	BLOCK_NOTE
};

/* One block while it is being built. */
struct block {
	enum block_kind	 kind;
	struct buf	 raw;		/* its source lines, joined */
	char		 label[16];	/* "•" or "12." */
};

static void
layout_push_line(struct layout *l, int indent, size_t seg0, int note)
{
	struct mline	*ml;

	if (l->nlines == l->caplines) {
		l->caplines = l->caplines ? l->caplines * 2 : 32;
		l->lines = xreallocarray(l->lines, l->caplines,
		    sizeof *l->lines);
	}
	ml = &l->lines[l->nlines++];
	ml->indent = indent;
	ml->width = 0;
	ml->seg0 = seg0;
	ml->nseg = 0;
	ml->note = note;
}

static void
layout_push_seg(struct layout *l, size_t off, size_t len, enum mstyle st,
    int width)
{
	struct mseg	*s;
	struct mline	*ml = &l->lines[l->nlines - 1];

	if (len == 0)
		return;
	if (l->nsegs == l->capsegs) {
		l->capsegs = l->capsegs ? l->capsegs * 2 : 64;
		l->segs = xreallocarray(l->segs, l->capsegs, sizeof *l->segs);
	}
	s = &l->segs[l->nsegs++];
	s->off = off;
	s->len = len;
	s->style = st;
	ml->nseg++;
	ml->width += width;
}

/*
 * Strip inline markers from 'raw' into 'vis' and record each byte's
 * style. A marker without its closing partner is kept as text.
 */
static void
layout_inline(const char *raw, size_t len, enum mstyle base, struct buf *vis,
    unsigned char **styles)
{
	size_t		 i, end;
	unsigned char	*st = xmalloc(len + 1);
	size_t		 n = 0;

	buf_reset(vis);
	for (i = 0; i < len; i++) {
		char c = raw[i];

		if (c == '`' || (c == '*' && i + 1 < len && raw[i + 1] != ' ')) {
			const char *close = memchr(raw + i + 1, c, len - i - 1);

			if (close != NULL && close > raw + i + 1) {
				end = (size_t)(close - raw);
				buf_add(vis, raw + i + 1, end - i - 1);
				memset(st + n, c == '`' ? MSTYLE_CODE :
				    MSTYLE_EMPH, end - i - 1);
				n += end - i - 1;
				i = end;
				continue;
			}
		}
		buf_addc(vis, c);
		st[n++] = (unsigned char)base;
	}
	*styles = st;
}

/* Wrap one block and append its lines. */
static void
layout_block(struct layout *l, struct text_wrapper *w, struct block *b,
    struct buf *all)
{
	struct buf		 vis;
	unsigned char		*st;
	struct text_line	*lines = NULL;
	size_t			 n, i, base, off, end, run;
	int			 indent = 0, avail;
	enum mstyle		 bst = b->kind == BLOCK_NOTE ? MSTYLE_NOTE :
				     MSTYLE_TEXT;

	buf_init(&vis);
	layout_inline(b->raw.data, b->raw.len, bst, &vis, &st);
	if (b->kind == BLOCK_BULLET || b->kind == BLOCK_NUMBER)
		indent = (int)text_width(b->label, strlen(b->label)) + 1;
	else if (b->kind == BLOCK_NOTE)
		indent = 2;
	avail = l->width - indent;
	if (avail < 4)
		avail = 4;
	n = text_wrap(w, vis.data, vis.len, avail, &lines);
	for (i = 0; i < n; i++) {
		/* the label goes in the first line's indent */
		if (i == 0 && indent > 0 && b->kind != BLOCK_NOTE) {
			layout_push_line(l, 0, l->nsegs, 0);
			base = all->len;
			buf_adds(all, b->label);
			layout_push_seg(l, base, strlen(b->label),
			    MSTYLE_BULLET, indent - 1);
			l->lines[l->nlines - 1].width += 1;
			buf_addc(all, ' ');
			layout_push_seg(l, base + strlen(b->label), 1,
			    MSTYLE_TEXT, 0);
		} else
			layout_push_line(l, indent, l->nsegs,
			    b->kind == BLOCK_NOTE);
		off = lines[i].off;
		end = off + lines[i].len;
		while (off < end) {
			for (run = off; run < end && st[run] == st[off]; run++)
				;
			base = all->len;
			buf_add(all, vis.data + off, run - off);
			layout_push_seg(l, base, run - off,
			    (enum mstyle)st[off],
			    (int)text_width(vis.data + off, run - off));
			off = run;
		}
	}
	free(lines);
	free(st);
	buf_release(&vis);
}

/* Classify a source line; returns the offset where its text starts. */
static size_t
layout_classify(const char *line, size_t len, enum block_kind *kind,
    char *label, size_t labellen)
{
	size_t	i = 0, d;

	label[0] = '\0';
	while (i < len && line[i] == ' ')
		i++;
	if (i + 1 < len && (line[i] == '-' || line[i] == '*') &&
	    line[i + 1] == ' ') {
		*kind = BLOCK_BULLET;
		snprintf(label, labellen, "•");
		return i + 2;
	}
	for (d = i; d < len && d - i < 3 && line[d] >= '0' && line[d] <= '9';
	    d++)
		;
	if (d > i && d + 1 < len && line[d] == '.' && line[d + 1] == ' ') {
		*kind = BLOCK_NUMBER;
		snprintf(label, labellen, "%.*s.", (int)(d - i), line + i);
		return d + 2;
	}
	if (i < len && line[i] == '>') {
		*kind = BLOCK_NOTE;
		return i + 1 < len && line[i + 1] == ' ' ? i + 2 : i + 1;
	}
	*kind = BLOCK_PARA;
	return i;
}

struct layout *
layout_page(struct text_wrapper *w, const char *src, int width)
{
	struct layout	*l = xcalloc(1, sizeof *l);
	struct buf	 all;
	struct block	 b;
	const char	*p = src, *nl;
	size_t		 len, start;
	enum block_kind	 kind;
	char		 label[16] = "";
	int		 open = 0, prev_list = 0;

	l->width = width < 4 ? 4 : width;
	buf_init(&all);
	buf_init(&b.raw);
	for (;;) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\r' ||
		    p[len - 1] == '\t'))
			len--;
		start = len > 0 ? layout_classify(p, len, &kind, label,
		    sizeof label) : 0;
		/* a new block starts at a blank line, a marker, or a note edge */
		if (open && (len == 0 || kind == BLOCK_BULLET ||
		    kind == BLOCK_NUMBER ||
		    (kind == BLOCK_NOTE) != (b.kind == BLOCK_NOTE))) {
			int list = b.kind == BLOCK_BULLET ||
			    b.kind == BLOCK_NUMBER;

			if (l->nlines > 0 && !(list && prev_list))
				layout_push_line(l, 0, l->nsegs, 0);
			layout_block(l, w, &b, &all);
			prev_list = list;
			open = 0;
		}
		if (len > 0) {
			if (!open) {
				buf_reset(&b.raw);
				b.kind = kind;
				snprintf(b.label, sizeof b.label, "%s", label);
				open = 1;
			} else
				buf_addc(&b.raw, ' ');
			buf_add(&b.raw, p + start, len - start);
		} else
			prev_list = 0;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	if (open) {
		int list = b.kind == BLOCK_BULLET || b.kind == BLOCK_NUMBER;

		if (l->nlines > 0 && !(list && prev_list))
			layout_push_line(l, 0, l->nsegs, 0);
		layout_block(l, w, &b, &all);
	}
	buf_release(&b.raw);
	l->text = buf_detach(&all, &l->textlen);
	return l;
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	free(l->text);
	free(l->segs);
	free(l->lines);
	free(l);
}
