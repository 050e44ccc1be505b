#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/esc.h"
#include "base/xalloc.h"

void
diags_init(struct diags *d)
{
	d->v = NULL;
	d->n = d->cap = d->nerrors = d->nwarnings = 0;
}

void
diags_release(struct diags *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	diags_init(d);
}

int
diags_add(struct diags *d, enum diag_level level, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	struct diag	*g;
	va_list		 ap;
	char		 msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	g = &d->v[d->n++];
	g->level = level;
	g->file = xstrdup(file != NULL ? file : "");
	g->line = line;
	g->col = col;
	g->msg = xstrdup(msg);
	if (level == DIAG_ERROR) {
		d->nerrors++;
		return -1;
	}
	d->nwarnings++;
	return 0;
}

/*
 * File names and messages quote what the user or a file gave: escaped
 * here, where every list of problems is printed from.
 */
void
diag_format(const struct diag *g, char *buf, size_t len)
{
	const char	*w = g->level == DIAG_WARNING ? "warning: " : "";
	char		 raw[2048];

	if (g->file[0] == '\0')
		snprintf(raw, sizeof raw, "%s%s", w, g->msg);
	else if (g->line == 0)
		snprintf(raw, sizeof raw, "%s: %s%s", g->file, w, g->msg);
	else if (g->col == 0)
		snprintf(raw, sizeof raw, "%s:%u: %s%s", g->file, g->line, w,
		    g->msg);
	else
		snprintf(raw, sizeof raw, "%s:%u:%u: %s%s", g->file, g->line,
		    g->col, w, g->msg);
	if (len > 0)
		esc_str(buf, len, raw);
}

void
diags_print(const struct diags *d, size_t from, FILE *fp)
{
	char	buf[2048];
	size_t	i;

	for (i = from; i < d->n; i++) {
		diag_format(&d->v[i], buf, sizeof buf);
		fprintf(fp, "%s\n", buf);
	}
}

struct diag_key {
	size_t		 rank, index;
	struct diag	 g;
};

static int
diag_key_cmp(const void *a, const void *b)
{
	const struct diag_key	*x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->g.line != y->g.line)
		return x->g.line < y->g.line ? -1 : 1;
	if (x->g.col != y->g.col)
		return x->g.col < y->g.col ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

void
diags_sort(struct diags *d, size_t from)
{
	struct diag_key	*k;
	size_t		 i, j, n;

	if (from >= d->n)
		return;
	n = d->n - from;
	k = xcalloc(n, sizeof *k);
	for (i = 0; i < n; i++) {
		k[i].g = d->v[from + i];
		k[i].index = i;
		k[i].rank = i;
		for (j = 0; j < i; j++)
			if (strcmp(k[j].g.file, k[i].g.file) == 0) {
				k[i].rank = k[j].rank;
				break;
			}
	}
	qsort(k, n, sizeof *k, diag_key_cmp);
	for (i = 0; i < n; i++)
		d->v[from + i] = k[i].g;
	free(k);
}
