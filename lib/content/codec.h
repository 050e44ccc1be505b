#ifndef CODEC_H
#define CODEC_H

#include <stddef.h>
#include <stdint.h>

/*
 * The course model (course.h) as compact portable records, the form a
 * content pack (pack.h) keeps it in: the same bytes on every machine
 * (little-endian, no struct layout), so a pack made by a trainer opens on
 * any officer's machine.
 *
 * A record is a sequence of fields: unsigned integers as LEB128 varints,
 * doubles as their 8 IEEE-754 bytes little-endian, strings as varint
 * (length + 1) then the bytes (0 for NULL), localised strings as one
 * string per language (course.h enum lang order), lists as a varint count
 * then the elements. The order of the fields is written out once, in
 * codec.c; docs/content-packs.md describes it.
 *
 * A header record (head set) is the course header of course.h: no page
 * text, quizzes with their settings and question count but no questions.
 *
 * Decoding never trusts its input: every length and count is checked
 * against what is left, every enum against its range, and the decoded
 * model must pass validate_course() (validate.h), the loader's rules.
 *
 * The fields of a question that depend on its type are written and read
 * by the type's ops (qtype.h record_encode, record_decode; one file per
 * type), with the field functions at the end of this header.
 */

struct buf;
struct codec_rd;
struct course;
struct err;
struct lstr;

/* Append the record of 'c' (a header record when 'head') to 'out'. */
void	codec_encode(const struct course *c, int head, struct buf *out);

/*
 * Decode record p[0..len) (a header record when 'head') into a new course
 * whose 'dir' is 'dir', for the caller to free with course_free(). NULL
 * with *e when the record is damaged or breaks a rule of the loader.
 */
struct course *codec_decode(const void *p, size_t len, int head,
	    const char *dir, struct err *e);

/*
 * The same for a record of pack format 'format' (pack.h): 2 has no words
 * after the modules, 3 (codec_decode()) has them.
 */
struct course *codec_decode_format(const void *p, size_t len, int head,
	    const char *dir, int format, struct err *e);

/*
 * Fields, for the question types' record_encode and record_decode
 * (qtype.h). Writing: an unsigned value, a double, a string (NULL is
 * fine), a localised string, a list of 'n' strings (NULL is a count of 0).
 */
void	codec_put_u(struct buf *b, uint64_t v);
void	codec_put_d(struct buf *b, double d);
void	codec_put_s(struct buf *b, const char *s);
void	codec_put_l(struct buf *b, const struct lstr *l);
void	codec_put_strs(struct buf *b, const char *const *v, size_t n);

/*
 * Reading from record 'r' (opaque; codec_decode() makes it), in the order
 * written. Strings and arrays go into the course's arena. On the first
 * problem (a record cut short, a value out of range) 'r' remembers why
 * and every later read gives 0 or NULL, so a reader goes on without
 * checking; codec_decode() then refuses the record. get_max: a value at
 * most 'max'. get_n: a count of elements at least a byte each (never more
 * than the bytes left, so a forged count asks for no huge allocation).
 * get_array: room for 'n' zeroed elements of 'size' (NULL for none).
 */
uint64_t	 codec_get_u(struct codec_rd *r);
unsigned	 codec_get_max(struct codec_rd *r, unsigned max);
double		 codec_get_d(struct codec_rd *r);
const char	*codec_get_s(struct codec_rd *r);
void		 codec_get_l(struct codec_rd *r, struct lstr *l);
size_t		 codec_get_n(struct codec_rd *r);
void		*codec_get_array(struct codec_rd *r, size_t n, size_t size);
const char	**codec_get_strs(struct codec_rd *r, size_t *n);

#endif
