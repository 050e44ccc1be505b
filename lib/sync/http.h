#ifndef HTTP_H
#define HTTP_H

/*
 * The syncq's transport over libcurl (multi interface, never blocking):
 * the only includer of <curl/curl.h>. Requests go to the LRS endpoint with
 * X-Experience-API-Version 1.0.3, JSON Content-Type and Accept, HTTP
 * Basic auth, TLS verification (with an extra CA file) and the usual proxy
 * variables (http_proxy, https_proxy, no_proxy), which libcurl reads
 * itself. The secret is handed to libcurl only; it is never logged.
 */

struct err;
struct transport;

struct http_opts {
	const char	*endpoint;	/* base IRI; "statements" is appended */
	const char	*key;		/* NULL: no authentication */
	const char	*secret;	/* copied */
	const char	*ca_file;	/* NULL: the system's CAs */
	int		 verify_tls;
	int		 connect_timeout;	/* seconds; 0 = libcurl's */
	int		 timeout;	/* seconds, whole request; 0 = none */
};

/*
 * A transport for 'o' (strings copied). Returns NULL and *e when libcurl
 * cannot start. Free with http_free().
 */
struct http	*http_new(const struct http_opts *o, struct err *e);
/* Free 'h', abandoning a request in flight; NULL is fine. */
void		 http_free(struct http *h);
/* Fill *t with the functions of 'h' (which stays the owner). */
void		 http_transport(struct http *h, struct transport *t);

/*
 * Download 'url' (http or https, TLS verified, 'ca_file' NULL for the
 * system's CAs) into the file 'path', blocking. A file already there is
 * a download cut short: only the rest is asked for (HTTP Range) and
 * appended; a server that answers 200 instead of 206 sends the whole file
 * and it starts again; the body of any other status (an error page) is
 * not written. At most 'max' bytes in the file; a transfer slower
 * than 100 bytes/s for 'stall' seconds stops. Returns 0 with the bytes
 * received in *got, or -1 with *e (the partial file is kept for the next
 * try; *got says what this try added).
 */
int		 http_download(const char *url, const char *path,
		    unsigned long long max, const char *ca_file, long stall,
		    unsigned long long *got, struct err *e);

#endif
