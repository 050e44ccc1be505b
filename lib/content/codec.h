#ifndef CODEC_H
#define CODEC_H

#include <stddef.h>

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
 */

struct buf;
struct course;
struct err;

/* Append the record of 'c' (a header record when 'head') to 'out'. */
void	codec_encode(const struct course *c, int head, struct buf *out);

/*
 * Decode record p[0..len) (a header record when 'head') into a new course
 * whose 'dir' is 'dir', for the caller to free with course_free(). NULL
 * with *e when the record is damaged or breaks a rule of the loader.
 */
struct course *codec_decode(const void *p, size_t len, int head,
	    const char *dir, struct err *e);

#endif
