#ifndef NUMBER_H
#define NUMBER_H

/*
 * Numbers as officers type them and as xAPI writes them: plain decimals
 * with '.', whatever the locale says.
 */

struct buf;
struct err;

/*
 * Read a number as an officer types it and append its canonical plain
 * decimal form to 'canon' (may be NULL) and its value to *value (may be
 * NULL). Thai and fullwidth digits count as 0-9 and spaces around it are
 * trimmed (text_normalise()); a leading '+' or '-' (or U+2212) is
 * allowed, ',' may group the whole part in threes, and '.' is the decimal
 * point: "๑๒" -> "12", "1,234.50" -> "1234.5", "-0.0" -> "0", ".5" ->
 * "0.5". Anything else ("12 บาท", "1e3", "1,23") is rejected: returns -1
 * and fills *e with "'12 บาท' is not a number"; otherwise returns 0.
 * Does not depend on the locale.
 */
int	number_read(const char *typed, struct buf *canon, double *value,
	    struct err *e);

/*
 * Append 'v' as a plain decimal (no exponent, '.' whatever the locale) to
 * 15 significant digits, which hides binary noise: 12.5 - 0.5 -> "12",
 * 0.3 - 0.1 -> "0.2". Not finite counts as 0.
 */
void	number_format(double v, struct buf *out);

#endif
