#include "text/number.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "text/text.h"

/* U+2212 MINUS SIGN, which some keyboards and copied text use. */
#define MINUS_SIGN	"\xE2\x88\x92"

/* Is a typed number's comma grouping right: "1,234,567" but not "12,34"? */
static int
groups_ok(const char *s, size_t len)
{
	size_t	i, run = 0, groups = 0;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == ',') {
			if (run == 0 || run > 3 || (groups > 0 && run != 3))
				return 0;
			groups++;
			run = 0;
		} else
			run++;
	}
	return 1;
}

/* strtod() of a plain decimal with '.', whatever LC_NUMERIC says. */
static double
number_value(const char *canon)
{
	const char	*dp = localeconv()->decimal_point;
	const char	*dot;
	struct buf	 b;
	double		 v;

	if (dp == NULL || strcmp(dp, ".") == 0 ||
	    (dot = strchr(canon, '.')) == NULL)
		return strtod(canon, NULL);
	buf_init(&b);
	buf_add(&b, canon, (size_t)(dot - canon));
	buf_adds(&b, dp);
	buf_adds(&b, dot + 1);
	v = strtod(b.data, NULL);
	buf_release(&b);
	return v;
}

int
number_read(const char *typed, struct buf *canon, double *value,
    struct err *e)
{
	struct buf	 n, c;
	const char	*p, *whole, *frac = NULL;
	size_t		 wlen, flen = 0, commas = 0;
	int		 neg = 0, rc = -1, zero;
	double		 v;

	if (typed == NULL)
		typed = "";
	buf_init(&n);
	buf_init(&c);
	text_normalise(typed, strlen(typed), &n);
	p = n.data;
	if (*p == '\0') {
		err_set(e, "no number given");
		goto out;
	}
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	} else if (strncmp(p, MINUS_SIGN, strlen(MINUS_SIGN)) == 0) {
		neg = 1;
		p += strlen(MINUS_SIGN);
	}
	whole = p;
	while ((*p >= '0' && *p <= '9') || *p == ',')
		commas += *p++ == ',';
	wlen = (size_t)(p - whole);
	if (*p == '.') {
		frac = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		flen = (size_t)(p - frac);
	}
	/* "0,5" may mean a half (decimal comma): refuse to guess */
	if (*p != '\0' || wlen + flen == 0 || (commas > 0 &&
	    (wlen == 0 || *whole == '0' || !groups_ok(whole, wlen))))
		goto bad;

	/* canonical: no grouping, no leading or trailing zeros, no "-0" */
	while (wlen > 0 && (*whole == '0' || *whole == ','))
		whole++, wlen--;
	while (flen > 0 && frac[flen - 1] == '0')
		flen--;
	zero = wlen == 0 && flen == 0;
	if (neg && !zero)
		buf_addc(&c, '-');
	if (wlen == 0)
		buf_addc(&c, '0');
	for (; wlen > 0; whole++, wlen--)
		if (*whole != ',')
			buf_addc(&c, *whole);
	if (flen > 0) {
		buf_addc(&c, '.');
		buf_add(&c, frac, flen);
	}
	v = number_value(c.data);
	if (!isfinite(v)) {
		err_set(e, "'%s' is too large", typed);
		goto out;
	}
	if (canon != NULL)
		buf_add(canon, c.data, c.len);
	if (value != NULL)
		*value = v;
	rc = 0;
	goto out;
bad:
	err_set(e, "'%s' is not a number", typed);
out:
	buf_release(&n);
	buf_release(&c);
	return rc;
}

/*
 * A double as a plain decimal (no exponent, '.' whatever the locale) to
 * 15 significant digits, which hides binary noise: 12.5 - 0.5 -> "12",
 * 0.3 - 0.1 -> "0.2".
 */
void
number_format(double v, struct buf *out)
{
	const char	*dp = localeconv()->decimal_point;
	char		 tmp[512], *s, *d;
	int		 prec;

	if (v == 0 || !isfinite(v))
		v = 0;	/* also turns -0 into 0 */
	snprintf(tmp, sizeof tmp, "%.15g", v);
	if (strpbrk(tmp, "eE") != NULL) {
		prec = 14 - (int)floor(log10(fabs(v)));
		if (prec < 0)
			prec = 0;
		if (prec > 340)
			prec = 340;
		snprintf(tmp, sizeof tmp, "%.*f", prec, v);
	}
	/* the locale's decimal point back to '.' */
	if (dp != NULL && strcmp(dp, ".") != 0 && *dp != '\0' &&
	    (s = strstr(tmp, dp)) != NULL) {
		*s = '.';
		memmove(s + 1, s + strlen(dp), strlen(s + strlen(dp)) + 1);
	}
	if ((s = strchr(tmp, '.')) != NULL) {
		d = s + strlen(s);
		while (d > s + 1 && d[-1] == '0')
			*--d = '\0';
		if (d == s + 1)
			*s = '\0';
	}
	buf_adds(out, strcmp(tmp, "-0") == 0 ? "0" : tmp);
}
