/*
 * sqlite_floor: the floor for a durable answer commit. A bare SQLite
 * loop, WAL and synchronous=FULL like the progress store: each step is
 * BEGIN; one INSERT of a row holding the same ~1 KB statement; COMMIT.
 * Prints per-commit latency percentiles in microseconds.
 *
 *   sqlite_floor DBFILE N
 *
 * DBFILE is created (removed first); put it on the disk the progress file
 * lives on.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_stmt.h"

static double
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
must(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		fprintf(stderr, "sqlite_floor: %s: %s\n", what,
		    sqlite3_errmsg(db));
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	sqlite3		*db;
	sqlite3_stmt	*ins;
	char		 path[4096], id[64], json[4096];
	double		*lat, t, sum = 0;
	int		 i, n;

	if (argc != 3 || (n = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: sqlite_floor DBFILE N\n");
		return 2;
	}
	unlink(argv[1]);
	snprintf(path, sizeof path, "%s-wal", argv[1]);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", argv[1]);
	unlink(path);
	if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
		fprintf(stderr, "sqlite_floor: cannot open '%s'\n", argv[1]);
		return 1;
	}
	must(db, sqlite3_exec(db, "PRAGMA journal_mode = WAL; "
	    "PRAGMA synchronous = FULL; CREATE TABLE t (id TEXT PRIMARY KEY, "
	    "json TEXT NOT NULL)", NULL, NULL, NULL), "setup");
	must(db, sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?)", -1,
	    &ins, NULL), "prepare");
	lat = calloc((size_t)n, sizeof *lat);
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
		snprintf(json, sizeof json, BENCH_STMT_FMT, id, i, id);
		t = now_us();
		must(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
		sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, json, -1, SQLITE_STATIC);
		must(db, sqlite3_step(ins), "insert");
		sqlite3_reset(ins);
		must(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
		lat[i] = now_us() - t;
		sum += lat[i];
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp_double);
	printf("n=%d p50_us=%.1f p99_us=%.1f mean_us=%.1f\n", n, lat[n / 2],
	    lat[(size_t)(n * 0.99) < (size_t)n ? (size_t)(n * 0.99) :
	    (size_t)n - 1], sum / n);
	free(lat);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	return 0;
}
