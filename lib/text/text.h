#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * UTF-8 text as a terminal shows it: decoding, widths in terminal cells,
 * cells, clipping, normalisation for comparing answers and searching, and
 * line wrapping and word segmentation that understand Thai (libthai).
 *
 * See /work/shared/notes/thai-text.md for the measured facts behind this.
 *
 * Texts are (pointer, byte length) pairs and need not be NUL-terminated
 * unless a function says so. Invalid UTF-8 never crashes anything: each bad
 * byte reads as U+FFFD, one cell wide. Nothing here depends on the process
 * locale or calls wcwidth(); widths are the same with or without
 * setlocale().
 *
 * This is the only file that includes libthai and libunistring headers.
 */

struct buf;

/* ---- UTF-8 ---- */

/*
 * Decode the code point at the start of 's' (at most 'len' bytes) into
 * *cp and return the bytes it used (1-4). An invalid, overlong, surrogate
 * or truncated sequence yields U+FFFD and consumes 1 byte, so a loop
 * always advances. Returns 0 (and *cp = 0) only when len is 0. 'cp' may
 * be NULL.
 */
size_t	 text_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Write the UTF-8 encoding of 'cp' to 'out' (room for 4 bytes, no NUL)
 * and return its length. Surrogates and values above U+10FFFF are
 * written as U+FFFD.
 */
size_t	 text_encode(uint32_t cp, char *out);

/*
 * Return 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF), otherwise 0 and, if 'bad_offset' is not NULL,
 * the offset of the first bad byte in *bad_offset.
 */
int	 text_valid_utf8(const char *s, size_t len, size_t *bad_offset);

/* ---- Width in terminal cells ---- */

/*
 * Cells taken by code point 'cp', the way glibc's wcwidth() and hence
 * ncursesw see it, but without depending on the locale:
 *   -1  C0 and C1 controls and DEL (U+0000..U+001F, U+007F..U+009F);
 *    0  combining marks (Thai U+0E31, U+0E34..U+0E3A, U+0E47..U+0E4E,
 *       U+0300..U+036F, ...), zero-width characters (U+200B..U+200F,
 *       U+2060.., U+FEFF), variation selectors;
 *    2  East Asian wide and fullwidth characters and wide emoji;
 *    1  everything else, including SARA AM U+0E33, U+00AD, unassigned
 *       code points and U+FFFD.
 * Thai and the ranges above are decided here; other scripts use
 * libunistring's tables with the few differences from glibc 2.36 patched.
 */
int	 text_cp_width(uint32_t cp);

/*
 * Width of s[0..len) in cells. Control characters (text_cp_width() == -1)
 * count 0: callers that print text must remove or replace them first.
 */
size_t	 text_width(const char *s, size_t len);

/* ---- Cells ---- */

/* Code points a cell can hold when rendered: ncursesw's CCHARW_MAX. */
#define TEXT_CELL_MAX	5

/*
 * Return the byte length of the first terminal cell of s[0..len): one
 * spacing character plus all the zero-width code points after it (so
 * "น้ำ" is two cells, [น ้][ำ], since SARA AM is spacing). Put each cell
 * in one cchar_t; see text_cell_decode() for the CCHARW_MAX limit.
 * Sets *width to the cell's width: 1 or 2 for a normal cell, 0 for an
 * orphan (text starting with zero-width marks, which ncursesw would glue
 * onto the previous cell: give it a base such as U+25CC or reject it),
 * -1 for a control character, which is always a cell of its own.
 * Returns 0 and *width = 0 when len is 0. 'width' may be NULL.
 */
size_t	 text_next_cell(const char *s, size_t len, int *width);

/*
 * Decode the cell s[0..len) (as returned by text_next_cell()) into at
 * most 'max' code points (use TEXT_CELL_MAX): the base and the first
 * max - 1 marks; further marks are dropped, as a terminal cell cannot
 * hold them (valid Thai needs base + 2 marks at most). Returns the number
 * written to 'cps'.
 */
size_t	 text_cell_decode(const char *s, size_t len, uint32_t *cps,
	     size_t max);

/*
 * Return 1 when the NUL-terminated 's' begins with a zero-width code
 * point (a combining mark such as a Thai vowel or tone mark, or U+200B
 * and friends), which has nothing to sit on. Content validation rejects
 * such text. Returns 0 for "" and NULL.
 */
int	 text_starts_with_mark(const char *s);

/* ---- Clipping and padding ---- */

/*
 * Return the byte length of the longest prefix of s[0..len) that fits in
 * 'max_cells' cells without splitting a cell (a mark never leaves its
 * base; a wide character that does not fit is left out whole). If 'used'
 * is not NULL, *used gets the prefix's width. max_cells < 0 counts as 0.
 */
size_t	 text_clip(const char *s, size_t len, int max_cells, int *used);

/*
 * Append s[0..len) to 'out', clipped to 'cells' cells and padded with
 * spaces to exactly 'cells' cells (for table columns).
 */
void	 text_pad(struct buf *out, const char *s, size_t len, int cells);

/* ---- Normalisation for comparing answers and searching ---- */

/*
 * Append the normalised form of s[0..len) to 'out'. In order: invalid
 * bytes become U+FFFD; invisible U+200B..U+200D, U+2060, U+FEFF and soft
 * hyphens are removed; Thai digits ๐-๙ and fullwidth ASCII become ASCII;
 * NFC (so a tone mark typed before a below vowel, น ่ ุ, becomes น ุ ่);
 * full case folding; NIKHAHIT + SARA AA (U+0E4D [tone marks] U+0E32)
 * becomes [tone marks] SARA AM U+0E33; every kind of space (tab,
 * newline, NBSP, U+3000, ...) becomes ' ', runs of spaces collapse to
 * one, and leading and trailing spaces go. The result is valid UTF-8 and
 * normalising it again changes nothing. Never fails.
 */
void	 text_normalise(const char *s, size_t len, struct buf *out);

/*
 * Return 1 when the NUL-terminated 'a' and 'b' are equal after
 * text_normalise(), else 0. NULL counts as "".
 */
int	 text_equal_normalised(const char *a, const char *b);

/* ---- Wrapping and word segmentation ---- */

/*
 * Holds libthai's dictionary (about 5 ms to load) and scratch space, so
 * create one and keep it. Not thread-safe: one wrapper per thread.
 */
struct text_wrapper;

/* One line of wrapped text, as offsets into the caller's text. */
struct text_line {
	size_t	off;		/* byte offset of the first byte */
	size_t	len;		/* bytes; no trailing spaces, no '\n' */
	int	width;		/* cells */
};

/* One word found by text_words(). */
struct text_span {
	size_t	off;		/* byte offset */
	size_t	len;		/* bytes */
};

/*
 * Return a new wrapper with libthai's default dictionary; the caller
 * frees it with text_wrapper_free(). Never fails: without a dictionary
 * (th_brk_new() returns NULL) Thai is broken only at spaces, and words
 * longer than a line at cell boundaries.
 */
struct text_wrapper *text_wrapper_new(void);

/*
 * Same with the dictionary at 'dict_path' (a .tri file); NULL means the
 * default. A missing file gives the no-dictionary fallback (for tests).
 */
struct text_wrapper *text_wrapper_new_dict(const char *dict_path);

/* Return 1 when 'w' has a Thai dictionary, 0 when it fell back. */
int	 text_wrapper_has_dict(const struct text_wrapper *w);

void	 text_wrapper_free(struct text_wrapper *w);	/* NULL is fine */

/*
 * Never break a line inside 'word' (Thai letters and marks only, at least
 * two), wherever libthai's dictionary would. A wrapper starts with a
 * bundled list of everyday compounds (คำตอบ, แบบฟอร์ม, วันทำการ, ...); a
 * course adds its own. Words only: text_words() still splits them, so
 * search finds their parts. Returns 0, or -1 if 'word' is not Thai.
 */
int	 text_wrapper_keep(struct text_wrapper *w, const char *word);

/*
 * The words of the course whose text comes next (course.yaml 'words:',
 * docs/content-format.md): Thai words libthai's dictionary does not know
 * (course terms, names, loanwords). A line never breaks inside one
 * (unless it is wider than the line), and text_words() gives each one as
 * one word, with word breaks just before and after it. Where libthai
 * already finds no break inside an occurrence (a dictionary word holds
 * it), nothing changes, so a word is never cut out of a longer word the
 * dictionary knows; where the list's words overlap, the longest at the
 * earliest place wins. Replaces the words given before (n = 0 drops
 * them); giving the same list again costs a comparison. Words are copied,
 * in the form given and normalised (text_normalise()), so text and search
 * queries match either way; a word that text_wrapper_keep() would refuse
 * is skipped. Returns the number of words taken.
 *
 * Whoever wraps or splits a course's text gives that course's words first
 * (the app before it paints a screen, search and packs for each course).
 */
size_t	 text_wrapper_use_words(struct text_wrapper *w,
	     const char *const *words, size_t n);

/*
 * Return 1 when the NUL-terminated 'word' may be a course word: Thai
 * letters, vowels and marks only (U+0E01..U+0E4E, no digits, ฯ or ๆ),
 * at least two code points, not starting with a mark or a following
 * vowel (ะ า ำ ๅ) and not ending with a leading vowel (เ แ โ ใ ไ). Else 0.
 */
int	 text_word_ok(const char *word);

/*
 * Wrap s[0..len) into lines of at most 'width' cells (width < 1 counts
 * as 1). Returns the number of lines and sets *lines to a new array of
 * them that the caller frees with free(); *lines is NULL when there are
 * none ("" has no lines).
 *
 * Each '\n' ends a line ("a\n" is one line, "a\n\n" two, "\n" one empty
 * line); a '\r' before it is dropped. Within a paragraph, lines break:
 *  - after spaces (the spaces at a break belong to neither line, and
 *    leading spaces of a continuation line are dropped; a paragraph's
 *    own leading spaces are kept), after U+200B, and between Thai words
 *    as libthai finds them;
 *  - between Thai and Latin or digits, or around wide (CJK) characters;
 *  - never before a following vowel or repeat mark (ะ า ำ ๅ ๆ ฯ), never
 *    after a leading vowel (เ แ โ ใ ไ), never inside ฯลฯ, never after
 *    an opening quote or bracket, never before closing punctuation
 *    (. , : ; ! ? ) ] ” ’ ...), never around ASCII quotes or NBSP,
 *    never inside a run of Latin letters, digits and ASCII punctuation
 *    (words, numbers like 1,234.50, URLs, e-mail addresses);
 *  - never inside a cell, so a line never starts with a combining mark.
 * A word wider than the line is broken at a cell boundary, avoiding a
 * line that starts with a following vowel where possible. A line is
 * wider than 'width' only when a single cell is (a wide character at
 * width 1). Tabs and control characters take no cells; tabs and '\r'
 * count as breakable spaces. Orphan marks (after a control character)
 * and controls other than '\n', tab and '\r' stay with the cell before
 * them, so only blanks are ever dropped between lines.
 */
size_t	 text_wrap(struct text_wrapper *w, const char *s, size_t len,
	     int width, struct text_line **lines);

/*
 * Split s[0..len) into words for searching: Thai runs split by libthai
 * (each Thai run whole without a dictionary), runs of letters and digits
 * (numbers keep inner '.' and ',' between digits: "1,234.50"), each as a
 * span of the original bytes. Spaces, punctuation, symbols, ๆ, ฯ and
 * ฯลฯ are skipped. Returns the number of words and sets *spans to a new
 * array the caller frees with free(); NULL when there are none.
 */
size_t	 text_words(struct text_wrapper *w, const char *s, size_t len,
	     struct text_span **spans);

#endif
