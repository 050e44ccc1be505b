/*
 * sync_floor: the floor of figure 4, a bare HTTP batching loop. The
 * batches are read into memory first (BODIES: a line per batch, its
 * number of statements, a tab and the prebuilt JSON array, from
 * `bench_sync queue`); then, timed, each is POSTed to
 * ENDPOINT/statements with one reused libcurl easy handle (keep-alive)
 * and the headers an LRS requires, and nothing else: no database, no
 * JSON building. Every answer must be 200.
 *
 *   sync_floor BODIES ENDPOINT	(secret in $RIANRU_LRS_SECRET, key "bench")
 *
 * Prints n= (statements) ms= per_s=, the rate over the first and the
 * last tenth of the batches (at least one each), cpu_ms= of the loop and
 * rss_kb=.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"

/* libcurl's write callback: the answers are not read. */
static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

int
main(int argc, char **argv)
{
	struct curl_slist	*h = NULL;
	struct rusage		 ru;
	FILE			*f;
	CURL			*c;
	CURLcode		 rc;
	char			**body = NULL, *line = NULL, *tab, url[2048];
	size_t			*len = NULL, nb = 0, cap = 0, lcap = 0, i, k;
	long			*cnt = NULL;
	ssize_t			 l;
	long			 status, n = 0, n10 = 0, nlast = 0;
	const char		*secret = getenv("RIANRU_LRS_SECRET");
	double			 t0, t10 = 0, t90 = 0, ms, cpu;

	if (argc != 3) {
		fprintf(stderr, "usage: sync_floor BODIES ENDPOINT\n");
		return 2;
	}
	if ((f = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	while ((l = getline(&line, &lcap, f)) > 0) {
		if (line[l - 1] == '\n')
			line[--l] = '\0';
		if ((tab = strchr(line, '\t')) == NULL) {
			fprintf(stderr, "sync_floor: %s: no count\n", argv[1]);
			return 1;
		}
		if (nb == cap) {
			cap = cap ? cap * 2 : 256;
			body = realloc(body, cap * sizeof *body);
			len = realloc(len, cap * sizeof *len);
			cnt = realloc(cnt, cap * sizeof *cnt);
			if (body == NULL || len == NULL || cnt == NULL)
				abort();
		}
		cnt[nb] = atol(line);
		n += cnt[nb];
		body[nb] = strdup(tab + 1);
		len[nb] = (size_t)(l - (tab + 1 - line));
		nb++;
	}
	free(line);
	fclose(f);
	snprintf(url, sizeof url, "%s%sstatements", argv[2],
	    argv[2][strlen(argv[2]) - 1] == '/' ? "" : "/");

	curl_global_init(CURL_GLOBAL_DEFAULT);
	c = curl_easy_init();
	h = curl_slist_append(h, "X-Experience-API-Version: 1.0.3");
	h = curl_slist_append(h, "Accept: application/json");
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	curl_easy_setopt(c, CURLOPT_USERNAME, "bench");
	curl_easy_setopt(c, CURLOPT_PASSWORD, secret != NULL ? secret : "");

	k = nb / 10 > 0 ? nb / 10 : 1;	/* a tenth of the batches */
	cpu = bench_cpu_ms();
	t0 = bench_now_ms();
	for (i = 0; i < nb; i++) {
		if (i == k)
			t10 = bench_now_ms();
		if (i == nb - k)
			t90 = bench_now_ms();
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)len[i]);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body[i]);
		if ((rc = curl_easy_perform(c)) != CURLE_OK) {
			fprintf(stderr, "sync_floor: batch %zu: %s\n", i,
			    curl_easy_strerror(rc));
			return 1;
		}
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		if (status != 200) {
			fprintf(stderr, "sync_floor: batch %zu: HTTP %ld\n", i,
			    status);
			return 1;
		}
	}
	ms = bench_now_ms() - t0;
	cpu = bench_cpu_ms() - cpu;
	if (k >= nb)
		t10 = t0 + ms;
	/* statements in the first and the last tenth of the batches */
	for (i = 0; i < k && i < nb; i++) {
		n10 += cnt[i];
		nlast += cnt[nb - 1 - i];
	}

	getrusage(RUSAGE_SELF, &ru);
	printf("n=%ld ms=%.1f per_s=%.0f first10_per_s=%.0f last10_per_s=%.0f "
	    "cpu_ms=%.0f rss_kb=%ld\n", n, ms, n / (ms / 1000), n10 /
	    ((t10 - t0) / 1000), nlast / ((t0 + ms - t90) / 1000), cpu,
	    ru.ru_maxrss);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	curl_global_cleanup();
	for (i = 0; i < nb; i++)
		free(body[i]);
	free(body);
	free(len);
	free(cnt);
	return 0;
}
