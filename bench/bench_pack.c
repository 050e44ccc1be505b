/*
 * Content packs (figure 7 of bench/README.md): the first search of the
 * whole catalogue through each pack's FTS5 index, against building the
 * word index of search.h from the same courses in memory (what the app's
 * first search does today once the bodies are read).
 *
 *   bench_pack SITE CATALOGUE QUERY
 * SITE holds the packs ('rianru pack'), CATALOGUE the same courses in
 * YAML. Prints key=value: fts_ms (open every pack, register the
 * tokenizer, run the query on each), words_ms (search_doc_new and the
 * match on each course, the YAML parsed beforehand, not timed), and how
 * many courses each found.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/err.h"
#include "bench_util.h"
#include "content/course.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/pack.h"
#include "content/search.h"
#include "text/text.h"

int
main(int argc, char **argv)
{
	struct text_wrapper	*w;
	struct catalog		*cat;
	struct diags		 d;
	struct dirent		*de;
	struct err		 e;
	DIR			*dir;
	double			 t0, fts_ms, words_ms;
	char			 path[4096];
	size_t			 i, n, fts_found = 0, words_found = 0;
	size_t			 npacks = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: bench_pack SITE CATALOGUE QUERY\n");
		return 2;
	}
	w = text_wrapper_new();
	/* first search through the packs: nothing loaded before */
	t0 = bench_now_ms();
	if ((dir = opendir(argv[1])) == NULL)
		return 1;
	while ((de = readdir(dir)) != NULL) {
		struct pack	*p;

		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".pack") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", argv[1], de->d_name);
		if ((p = pack_open(path, &e)) == NULL) {
			fprintf(stderr, "bench_pack: %s\n", e.msg);
			return 1;
		}
		npacks++;
		if (pack_search(p, w, argv[3], &e) == 1)
			fts_found++;
		pack_close(p);
	}
	closedir(dir);
	fts_ms = bench_now_ms() - t0;

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
	printf("packs=%zu courses=%zu fts_ms=%.1f fts_found=%zu words_ms=%.1f "
	    "words_found=%zu\n", npacks, cat->n, fts_ms, fts_found, words_ms,
	    words_found);
	catalog_free(cat);
	diags_release(&d);
	text_wrapper_free(w);
	return 0;
}
