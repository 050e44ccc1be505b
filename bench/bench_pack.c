/*
 * Content packs (figure 7 of bench/README.md): the first search of the
 * whole installed catalogue, as the app makes it once the catalogue is
 * loaded at start (catalog_add_path_lazy, not timed): catalog_search()
 * on every course. Side by side in one process:
 * - through the catalogue database (catdb.h) that `rianru update` built
 *   beside the index: one FTS5 query;
 * - through each pack's FTS5 index (the catalogue loaded without the
 *   key, so without the database): every pack opened, the tokenizer
 *   registered and the query run on each;
 * - building the word index of search.h from the same courses in memory
 *   (search_doc_new and the match on each course, the YAML parsed
 *   beforehand, not timed).
 *
 *   bench_pack INSTALLED CATALOGUE QUERY KEYFILE
 * INSTALLED is the catalogue `rianru update` installed, CATALOGUE the
 * same courses in YAML, KEYFILE the cache key that update used. Prints
 * key=value: fts_ms (the database), packs_ms (each pack), words_ms, how
 * many courses each found, and catdbs (1: the database was used).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/err.h"
#include "base/keyfile.h"
#include "bench_util.h"
#include "content/catalog.h"
#include "content/compile.h"
#include "content/course.h"
#include "content/load.h"
#include "content/search.h"
#include "text/text.h"

/* The first search on every course of 'cat': ms; *found courses. */
static double
first_search(struct catalog *cat, struct text_wrapper *w, const char *q,
    size_t *found)
{
	struct err	e;
	double		t0 = bench_now_ms();
	size_t		i;

	*found = 0;
	for (i = 0; i < cat->n; i++) {
		int rc = catalog_search(cat, i, w, q, &e);

		if (rc == -1)
			fprintf(stderr, "bench_pack: %s\n", e.msg);
		else if (rc == 1)
			(*found)++;
	}
	return bench_now_ms() - t0;
}

/* The installed catalogue loaded as the app does at start. */
static struct catalog *
installed(const char *path, struct text_wrapper *w)
{
	struct catalog	*cat = catalog_new();
	struct diags	 d;

	diags_init(&d);
	catalog_add_path_lazy(cat, path, NULL, w, &d, NULL);
	diags_release(&d);
	return cat;
}

int
main(int argc, char **argv)
{
	struct text_wrapper	*w;
	struct catalog		*cat;
	struct diags		 d;
	struct err		 e;
	unsigned char		 key[32];
	double			 t0, fts_ms, packs_ms, words_ms;
	size_t			 i, n, fts_found, packs_found, words_found = 0;
	size_t			 catdbs;

	if (argc != 5) {
		fprintf(stderr, "usage: bench_pack INSTALLED CATALOGUE QUERY "
		    "KEYFILE\n");
		return 2;
	}
	if (keyfile_load(argv[4], 0, key, &e) != 0) {
		fprintf(stderr, "bench_pack: cannot read key '%s'\n", argv[4]);
		return 1;
	}
	w = text_wrapper_new();
	/* each pack's index: no key yet, so no catalogue database */
	cat = installed(argv[1], w);
	packs_ms = first_search(cat, w, argv[3], &packs_found);
	n = cat->n;
	catalog_free(cat);
	compile_set_key(key);
	cat = installed(argv[1], w);
	catdbs = cat->ndbs;
	fts_ms = first_search(cat, w, argv[3], &fts_found);
	catalog_free(cat);

	diags_init(&d);
	cat = catalog_new();
	catalog_add_path(cat, argv[2], &d);
	t0 = bench_now_ms();
	for (i = 0; i < cat->n; i++) {
		struct search_doc *doc = search_doc_new(w, cat->courses[i]);

		if (search_match(w, doc, argv[3]))
			words_found++;
		search_doc_free(doc);
	}
	words_ms = bench_now_ms() - t0;
	printf("packs=%zu catdbs=%zu fts_ms=%.1f fts_found=%zu packs_ms=%.1f "
	    "packs_found=%zu courses=%zu words_ms=%.1f words_found=%zu\n", n,
	    catdbs, fts_ms, fts_found, packs_ms, packs_found, cat->n, words_ms,
	    words_found);
	catalog_free(cat);
	diags_release(&d);
	text_wrapper_free(w);
	return 0;
}
