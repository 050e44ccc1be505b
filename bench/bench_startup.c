/*
 * bench_startup: the start-up work of `rianru` before its first screen,
 * in a fresh process: open the progress file, load the Thai dictionary,
 * load the catalogue (with --cache, as the app does: packs opened where
 * they are, YAML compiled to packs in DIR, headers only; --lazy is the
 * same, kept for old scripts), sort the problems.
 * Prints one line:
 *
 *   ms=TOTAL load_ms=LOAD rss_kb=PEAK courses=N problems=N
 *        hits=N verified=N parsed=N rejected=N written=N catdbs=N
 *
 *   bench_startup [--cache DIR [--lazy]] [--key FILE] --db FILE CATALOGUE
 *
 * --key: the cache key file (as the app reads it: one that `rianru
 * update` used keys its catalogue database, catdb.h); else a fixed key.
 * catdbs counts the catalogue databases the headers came from.
 *
 * Peak RSS is getrusage(RUSAGE_SELF).ru_maxrss of the whole process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "content/catalog.h"
#include "content/compile.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/keyfile.h"
#include "content/load.h"
#include "bench_util.h"
#include "store/store.h"
#include "text/text.h"

/* The install's cache key (compile.h); the app reads it from a file. */
static const unsigned char bench_cache_key[32] = { 1 };

int
main(int argc, char **argv)
{
	struct compile_stats	 st;
	struct text_wrapper	*w;
	struct catalog		*cat;
	struct rusage		 ru;
	struct diags		 d;
	struct store		*s;
	struct err		 e;
	const char		*cache = NULL, *db = NULL, *path = NULL;
	const char		*keyfile = NULL;
	unsigned char		 key[32];
	char			 msg[512];
	double			 t0, t1, t2;
	int			 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--cache") == 0 && i + 1 < argc)
			cache = argv[++i];
		else if (strcmp(argv[i], "--lazy") == 0)
			continue;
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
			keyfile = argv[++i];
		else
			path = argv[i];
	}
	if (db == NULL || path == NULL) {
		fprintf(stderr, "usage: bench_startup [--cache DIR [--lazy]] [--key F] "
		    "--db FILE CATALOGUE\n");
		return 2;
	}
	memset(&st, 0, sizeof st);
	t0 = bench_now_ms();
	err_clear(&e);
	if ((s = store_open(db, &e)) == NULL) {
		fprintf(stderr, "bench_startup: %s\n", err_str(&e, msg,
		    sizeof msg));
		return 1;
	}
	diags_init(&d);
	cat = catalog_new();
	w = text_wrapper_new();
	memcpy(key, bench_cache_key, sizeof key);
	if (keyfile != NULL && keyfile_load(keyfile, 0, key, &e) != 0) {
		fprintf(stderr, "bench_startup: cannot read key '%s'\n",
		    keyfile);
		return 1;
	}
	compile_set_key(key);	/* a file's, in the app */
	t1 = bench_now_ms();
	if (cache != NULL)
		catalog_add_path_lazy(cat, path, cache, w, &d, &st);
	else
		catalog_add_path(cat, path, &d);
	diags_sort(&d, 0);
	t2 = bench_now_ms();
	getrusage(RUSAGE_SELF, &ru);
	printf("ms=%.2f load_ms=%.2f rss_kb=%ld courses=%zu problems=%zu "
	    "hits=%zu verified=%zu parsed=%zu rejected=%zu written=%zu "
	    "catdbs=%zu\n",
	    bench_now_ms() - t0, t2 - t1, ru.ru_maxrss, cat->n, d.n, st.hits,
	    st.verified, st.parsed, st.rejected, st.written, cat->ndbs);
	text_wrapper_free(w);
	catalog_free(cat);
	diags_release(&d);
	store_close(s);
	return 0;
}
