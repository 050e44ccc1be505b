#ifndef CMODEL_H
#define CMODEL_H

#include <stddef.h>
#include <stdint.h>

/*
 * The course-model codec: a loaded struct course written as one
 * relocatable block of bytes (native byte order and struct layout, for
 * the machine and build that wrote it) and read back in place. The
 * content cache (ccache.c) stores these blocks; questions go through their
 * type's ops (qtype.h model_put, model_get), so a type's fields are coded
 * in the type's own file.
 *
 * Writing: a zeroed struct cmodel_w, cmodel_write(), then the bytes are
 * w.p[0..w.len), owned by w until cmodel_w_release().
 * Reading: a struct cmodel_r over bytes the caller owns (and keeps for as
 * long as the course is used); cmodel_read() relocates every pointer in
 * place and checks that each stays inside the block, so damaged bytes give
 * NULL, never a wild pointer.
 */

struct course;
struct lstr;

struct cmodel_map {
	const void	*key;
	uint64_t	 off1;
};

struct cmodel_w {
	unsigned char		*p;
	size_t			 len, cap;
	struct cmodel_map	*map;		/* strings already written */
	size_t			 mapn, mapcap;
	int			 head;		/* writing a header model */
};

struct cmodel_r {
	unsigned char	*base;
	size_t		 len;
	int		 bad;		/* set by any check that fails */
	int		 head;		/* reading a header model */
};

/* Serialise 'c' into w (the course itself at offset 0). */
void		 cmodel_write(struct cmodel_w *w, const struct course *c);
/* Free w's bytes; w is zeroed. */
void		 cmodel_w_release(struct cmodel_w *w);
/* Room for 'size' zeroed bytes at an 'align'-aligned offset of w. */
uint64_t	 cmodel_alloc(struct cmodel_w *w, size_t size, size_t align);

/*
 * For model_put ops: each returns the encoded pointer (or rewrites the
 * lstr's pointers) of data written into w. A string is written once per
 * distinct pointer. cmodel_put_array copies 'n' elements (at least room
 * for one) that the caller has encoded already.
 */
const char	*cmodel_put_str(struct cmodel_w *w, const char *s);
void		 cmodel_put_lstr(struct cmodel_w *w, struct lstr *l);
const char	**cmodel_put_strs(struct cmodel_w *w, const char **v,
		     size_t n);
void		*cmodel_put_array(struct cmodel_w *w, const void *v, size_t n,
		     size_t size, size_t align);

/* Relocate and check the model in r; the course, or NULL if bad. */
struct course	*cmodel_read(struct cmodel_r *r);

/*
 * For model_get ops: each relocates one stored pointer and sets r->bad
 * when it leaves the block or is misaligned. get_ptr and get_str accept
 * NULL; get_array also marks NULL bad when n > 0; get_req marks a NULL
 * string bad; get_strs relocates the array and every string in it.
 */
void		*cmodel_get_ptr(struct cmodel_r *r, const void *enc, size_t n,
		     size_t size, size_t align);
void		*cmodel_get_array(struct cmodel_r *r, const void *enc,
		     size_t n, size_t size, size_t align);
const char	*cmodel_get_str(struct cmodel_r *r, const char *enc);
const char	*cmodel_get_req(struct cmodel_r *r, const char *enc);
void		 cmodel_get_lstr(struct cmodel_r *r, struct lstr *l);
const char	**cmodel_get_strs(struct cmodel_r *r, const char **enc,
		     size_t n);

#endif
