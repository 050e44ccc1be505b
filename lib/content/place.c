#include "content/place.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "content/search.h"
#include "text/markup.h"
#include "text/text.h"

#define PLACE_ELLIPSIS	"\xe2\x80\xa6"	/* … */

/* Append the Thai then the English of 'l' (once when they are one). */
static void
place_add_lstr(struct buf *b, const struct lstr *l, enum lang lang)
{
	const char	*s = l->s[lang];

	if (s == NULL || *s == '\0' ||
	    (lang == LANG_EN && s == l->s[LANG_TH]))
		return;
	if (b->len > 0)
		buf_addc(b, '\n');
	buf_adds(b, s);
}

/* The text of a place: title and text in Thai, then in English. */
static void
place_text(struct buf *b, const struct lstr *title, const struct lstr *text)
{
	int	lang;

	buf_reset(b);
	for (lang = LANG_TH; lang <= LANG_EN; lang++) {
		if (title != NULL)
			place_add_lstr(b, title, (enum lang)lang);
		if (text != NULL)
			place_add_lstr(b, text, (enum lang)lang);
	}
}

void
place_each(const struct course *c, void (*fn)(void *, enum place_kind,
    size_t, size_t, const char *), void *arg)
{
	struct buf	 b;
	size_t		 m, i;

	buf_init(&b);
	place_text(&b, &c->title, &c->summary);
	if (b.len > 0)
		fn(arg, PLACE_COURSE, 0, 0, b.data);
	for (m = 0; m < c->nmodules; m++) {
		const struct module	*md = &c->modules[m];

		place_text(&b, &md->title, NULL);
		if (b.len > 0)
			fn(arg, PLACE_MODULE, m, 0, b.data);
		for (i = 0; md->pages != NULL && i < md->npages; i++) {
			place_text(&b, &md->pages[i].title,
			    &md->pages[i].text);
			if (b.len > 0)
				fn(arg, PLACE_PAGE, m, i, b.data);
		}
		for (i = 0; md->quiz != NULL && md->quiz->questions != NULL &&
		    i < md->quiz->nquestions; i++) {
			place_text(&b, &md->quiz->questions[i].prompt, NULL);
			if (b.len > 0)
				fn(arg, PLACE_QUESTION, m, i, b.data);
		}
	}
	buf_release(&b);
}

/* What place_find() collects: hits of every word, and of some. */
struct place_found {
	struct text_wrapper	*w;
	const char		*query;
	size_t			 max;
	struct place_hit	*all, *some;
	size_t			 nall, nsome;
};

static void
place_push(struct place_hit **v, size_t *n, enum place_kind kind, size_t m,
    size_t item, const char *text)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].kind = kind;
	(*v)[*n].module = m;
	(*v)[*n].item = item;
	(*v)[*n].text = xstrdup(text);
	(*n)++;
}

static void
place_test(void *arg, enum place_kind kind, size_t m, size_t item,
    const char *text)
{
	struct place_found	*f = arg;
	struct search_doc	*d;

	if (f->nall == f->max)
		return;
	d = search_doc_text(f->w, text);
	if (search_match(f->w, d, f->query))
		place_push(&f->all, &f->nall, kind, m, item, text);
	else if (f->nsome < f->max && search_match_any(f->w, d, f->query))
		place_push(&f->some, &f->nsome, kind, m, item, text);
	search_doc_free(d);
}

size_t
place_find(struct text_wrapper *w, const struct course *c, const char *query,
    size_t max, struct place_hit **out)
{
	struct place_found	f;

	memset(&f, 0, sizeof f);
	text_wrapper_use_words(w, c->words, c->nwords);
	f.w = w;
	f.query = query;
	f.max = max;
	*out = NULL;
	if (max == 0)
		return 0;
	place_each(c, place_test, &f);
	if (f.nall > 0) {
		place_hits_free(f.some, f.nsome);
		*out = f.all;
		return f.nall;
	}
	*out = f.some;
	return f.nsome;
}

void
place_hits_free(struct place_hit *h, size_t n)
{
	size_t	i;

	for (i = 0; h != NULL && i < n; i++)
		free(h[i].text);
	free(h);
}

/* ---- the line that shows the words ---- */

/* 'text' without markup, its lines joined with spaces. */
static void
place_plain(struct text_wrapper *w, const char *text, struct buf *out)
{
	struct layout	*l = layout_page(w, text, 1 << 20);
	size_t		 i, s;

	for (i = 0; i < l->nlines; i++) {
		const struct mline *ln = &l->lines[i];

		if (ln->nseg == 0)
			continue;
		if (out->len > 0)
			buf_addc(out, ' ');
		for (s = ln->seg0; s < ln->seg0 + ln->nseg; s++)
			buf_add(out, l->text + l->segs[s].off,
			    l->segs[s].len);
	}
	layout_free(l);
}

/* Word 'b' follows word 'a' with nothing between. */
static int
place_joined(const struct text_span *a, const struct text_span *b)
{
	return a->off + a->len == b->off;
}

/*
 * The runs of words of 'plain' that the query finds: each group of query
 * words typed together must match words standing together, every word
 * but the last whole and the last as a beginning.
 */
static size_t
place_marks(struct text_wrapper *w, const char *plain, size_t plen,
    const char *query, struct place_mark **marks)
{
	struct buf		 qn, *dn;
	struct text_span	*ds = NULL, *qs = NULL;
	size_t			 nd, nq, j, g, ge, t, n = 0;

	*marks = NULL;
	buf_init(&qn);
	text_normalise(query, strlen(query), &qn);
	nq = text_words(w, qn.data, qn.len, &qs);
	nd = text_words(w, plain, plen, &ds);
	dn = xcalloc(nd ? nd : 1, sizeof *dn);
	for (j = 0; j < nd; j++) {
		buf_init(&dn[j]);
		text_normalise(plain + ds[j].off, ds[j].len, &dn[j]);
	}
	for (j = 0; j < nd; j++) {
		for (g = 0; g < nq; g = ge) {
			for (ge = g + 1; ge < nq &&
			    place_joined(&qs[ge - 1], &qs[ge]); ge++)
				;
			for (t = 0; g + t < ge && j + t < nd; t++) {
				const struct buf *d = &dn[j + t];
				size_t ql = qs[g + t].len;

				if (t > 0 && !place_joined(&ds[j + t - 1],
				    &ds[j + t]))
					break;
				if (g + t + 1 < ge ? d->len != ql : d->len < ql)
					break;
				if (memcmp(d->data, qn.data + qs[g + t].off,
				    ql) != 0)
					break;
			}
			if (g + t == ge)
				break;
		}
		if (g >= nq)
			continue;
		t = ge - g;
		*marks = xreallocarray(*marks, n + 1, sizeof **marks);
		(*marks)[n].off = ds[j].off;
		(*marks)[n].len = ds[j + t - 1].off + ds[j + t - 1].len -
		    ds[j].off;
		n++;
		j += t - 1;
	}
	for (j = 0; j < nd; j++)
		buf_release(&dn[j]);
	free(dn);
	free(ds);
	free(qs);
	buf_release(&qn);
	return n;
}

/*
 * Where the line starts: at the beginning when the first mark fits on a
 * line from there; else at a word before it, with up to a third of the
 * line before the mark (less when the mark is long), or more when the
 * rest of the text is short enough to fill the line.
 */
static size_t
place_start(struct text_wrapper *w, const char *plain, size_t plen,
    const struct place_mark *m0, int width)
{
	struct text_span	*ds = NULL;
	size_t			 nd, j, start, mw, before, rest;

	if (text_width(plain, m0->off + m0->len) + 1 <= (size_t)width)
		return 0;
	mw = text_width(plain + m0->off, m0->len);
	if (mw + 3 >= (size_t)width)
		return m0->off;
	before = (size_t)width / 3;
	if (before > (size_t)width - mw - 3)
		before = (size_t)width - mw - 3;
	rest = text_width(plain + m0->off, plen - m0->off);
	if (rest + 1 < (size_t)width && (size_t)width - 1 - rest > before)
		before = (size_t)width - 1 - rest;
	start = m0->off;
	nd = text_words(w, plain, plen, &ds);
	for (j = nd; j-- > 0;) {
		if (ds[j].off >= m0->off)
			continue;
		if (text_width(plain + ds[j].off, m0->off - ds[j].off) > before)
			break;
		start = ds[j].off;
	}
	free(ds);
	return start;
}

size_t
place_snippet(struct text_wrapper *w, const char *text, const char *query,
    int width, struct buf *out, struct place_mark **marks)
{
	struct buf		 plain;
	struct place_mark	*all = NULL, *keep = NULL;
	struct text_line	*lines = NULL;
	size_t			 nall, nlines, start, from, to, i, n = 0;
	int			 avail, cut = 0;

	if (width < 8)
		width = 8;
	buf_reset(out);
	*marks = NULL;
	buf_init(&plain);
	place_plain(w, text, &plain);
	nall = place_marks(w, plain.data, plain.len, query, &all);
	start = nall > 0 ? place_start(w, plain.data, plain.len, &all[0],
	    width) : 0;
	avail = width - (start > 0);
	nlines = text_wrap(w, plain.data + start, plain.len - start, avail,
	    &lines);
	if (nlines > 1) {
		/* the rest goes on: room for the "…" after it */
		free(lines);
		nlines = text_wrap(w, plain.data + start, plain.len - start,
		    avail - 1, &lines);
		cut = 1;
	}
	if (nlines == 0)
		goto out;
	if (start > 0)
		buf_adds(out, PLACE_ELLIPSIS);
	from = start + lines[0].off;
	to = from + lines[0].len;
	buf_add(out, plain.data + from, lines[0].len);
	if (cut)
		buf_adds(out, PLACE_ELLIPSIS);
	for (i = 0; i < nall; i++) {
		size_t a = all[i].off, b = all[i].off + all[i].len;

		if (b <= from || a >= to)
			continue;
		keep = xreallocarray(keep, n + 1, sizeof *keep);
		keep[n].off = (a > from ? a : from) - from +
		    (start > 0 ? strlen(PLACE_ELLIPSIS) : 0);
		keep[n].len = (b < to ? b : to) - (a > from ? a : from);
		n++;
	}
out:
	*marks = keep;
	free(lines);
	free(all);
	buf_release(&plain);
	return n;
}
