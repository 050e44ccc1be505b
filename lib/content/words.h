#ifndef WORDS_H
#define WORDS_H

#include <stddef.h>

/*
 * A course's own words (course.yaml 'words:', docs/content-format.md):
 * Thai words libthai's dictionary does not know, which a line never cuts
 * and search takes whole (text.h text_wrapper_use_words()). Read and
 * checked here for the loader, checked again for a pack's record.
 */

struct course;
struct schema;
struct ynode;

#define WORDS_MAX	500	/* words in a course */
#define WORDS_MAX_CPS	40	/* code points in a word */

/*
 * Read the 'words:' list 'seq' into c->words (strings in c's arena),
 * adding an error at each item that is not one Thai word (not text, a
 * space, not Thai, one letter, too long, starting with a vowel sign or a
 * mark) or repeats an earlier one once normalised. Good words are kept,
 * so one run reports every bad one.
 */
void	 words_read(struct schema *s, const struct ynode *seq,
	     struct course *c);

/*
 * Warn at each item of the 'words:' list 'seq' whose word is nowhere in
 * the text of course 'c' (loaded whole: call it only when loading found
 * no error, so no module is missing), normalised on both sides: a typo,
 * or a word left over after an edit.
 */
void	 words_check_used(struct schema *s, const struct ynode *seq,
	     const struct course *c);

/*
 * Return 1 when words[0..n) keep the rules words_read() checks (at most
 * WORDS_MAX, each a Thai word, none twice), else 0.
 */
int	 words_valid(const char *const *words, size_t n);

#endif
