/*
 * The libcurl transport (lib/sync/http.c) against a listening socket of
 * the test's own: what leaves the machine, and when. The real LRS is in
 * tests/lrs; here a thread reads the request byte by byte so the test can
 * see how much of a POST had left after one poll.
 */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "sync/http.h"
#include "sync/sync.h"

struct server {
	int		 fd;		/* listening */
	int		 port;
	atomic_long	 body_got;	/* bytes of the body read so far */
	atomic_int	 answer;	/* set by the test: answer now */
	long		 body_len;	/* from Content-Length */
};

static void
server_answer(int c)
{
	static const char reply[] = "HTTP/1.1 200 OK\r\n"
	    "Content-Type: application/json\r\nContent-Length: 2\r\n"
	    "Connection: close\r\n\r\n[]";

	if (write(c, reply, sizeof reply - 1) < 0)
		return;
}

/* Read one request; count its body; answer when the test says so. */
static void *
server_run(void *arg)
{
	struct server	*s = arg;
	char		 head[8192], buf[65536], *cl;
	size_t		 hl = 0;
	ssize_t		 n;
	int		 c;

	if ((c = accept(s->fd, NULL, NULL)) == -1)
		return NULL;
	/* the header, a byte at a time so none of the body is taken */
	while (hl + 1 < sizeof head && (n = read(c, head + hl, 1)) == 1) {
		hl++;
		head[hl] = '\0';
		if (hl >= 4 && memcmp(head + hl - 4, "\r\n\r\n", 4) == 0)
			break;
	}
	cl = strstr(head, "Content-Length:");	/* as libcurl spells it */
	s->body_len = cl != NULL ? atol(cl + 15) : 0;
	while (atomic_load(&s->body_got) < s->body_len &&
	    (n = read(c, buf, sizeof buf)) > 0)
		atomic_fetch_add(&s->body_got, (long)n);
	while (!atomic_load(&s->answer))
		usleep(1000);
	server_answer(c);
	close(c);
	return NULL;
}

static void
server_start(struct server *s, pthread_t *th)
{
	struct sockaddr_in	a;
	socklen_t		al = sizeof a;

	memset(s, 0, sizeof *s);
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	cr_assert(s->fd != -1);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert(bind(s->fd, (struct sockaddr *)&a, sizeof a) == 0);
	cr_assert(listen(s->fd, 1) == 0);
	cr_assert(getsockname(s->fd, (struct sockaddr *)&a, &al) == 0);
	s->port = ntohs(a.sin_port);
	cr_assert(pthread_create(th, NULL, server_run, s) == 0);
}

static double
now_s(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/*
 * A batch of statements is larger than libcurl's upload buffer (64 KB),
 * of which curl_multi_perform() writes one per call. After one poll the
 * whole body must be on its way, because the sender then turns to the
 * store (an fsync) and polls again only afterwards: before this was
 * fixed, the LRS waited for the tail of every batch until then.
 */
Test(http, one_poll_hands_the_whole_post_body_to_the_network)
{
	struct http_opts	 o = { 0 };
	struct transport	 t;
	struct sync_req		 req = { 0 };
	struct sync_resp	 r;
	struct server		 s;
	struct http		*h;
	struct err		 e;
	pthread_t		 th;
	char			 url[64], *body;
	size_t			 len = 150 * 1024, i;
	double			 until;
	int			 done = 0;

	server_start(&s, &th);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/xAPI/", s.port);
	o.endpoint = url;
	o.timeout = 30;
	err_clear(&e);
	h = http_new(&o, &e);
	cr_assert_not_null(h, "%s", e.msg);
	http_transport(h, &t);
	body = malloc(len);
	cr_assert_not_null(body);
	body[0] = '[';
	for (i = 1; i + 1 < len; i++)
		body[i] = 'x';
	body[len - 1] = ']';
	req.method = SYNC_POST;
	req.resource = "statements";
	req.body = body;
	req.body_len = len;
	cr_assert_eq(t.start(t.ctx, &req, &e), 0, "%s", e.msg);
	memset(&r, 0, sizeof r);
	/*
	 * Connecting may take a poll or two. After each, give the reader
	 * time to see what left, so no second poll sends more of the body.
	 */
	for (i = 0; i < 50 && atomic_load(&s.body_got) == 0; i++) {
		cr_assert_eq(t.poll(t.ctx, &r), 0);
		until = now_s() + 0.2;
		while (atomic_load(&s.body_got) == 0 && now_s() < until)
			usleep(1000);
	}
	cr_assert_gt(atomic_load(&s.body_got), 0, "no body left at all");
	/* no more polls: what the kernel has now is what was handed over */
	until = now_s() + 5;
	while (atomic_load(&s.body_got) < (long)len && now_s() < until)
		usleep(1000);
	cr_expect_eq(atomic_load(&s.body_got), (long)len,
	    "%ld of %zu bytes of the body left on the poll that sent it",
	    atomic_load(&s.body_got), len);
	cr_expect_eq(s.body_len, (long)len);
	atomic_store(&s.answer, 1);
	until = now_s() + 10;
	while (!done && now_s() < until) {
		done = t.poll(t.ctx, &r);
		if (!done)
			usleep(1000);
	}
	cr_assert(done, "no answer");
	cr_expect_eq(r.status, 200);
	pthread_join(th, NULL);
	close(s.fd);
	http_free(h);
	free(body);
}
