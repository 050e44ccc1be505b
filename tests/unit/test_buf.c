#include <criterion/criterion.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/esc.h"

Test(buf, grows_and_stays_terminated)
{
	struct buf	b;
	int		i;

	buf_init(&b);
	cr_assert_str_eq(b.data, "");
	for (i = 0; i < 1000; i++)
		buf_addf(&b, "%d,", i % 10);
	cr_assert_eq(b.len, 2000);
	cr_assert_eq(b.data[b.len], '\0');
	cr_assert(strncmp(b.data, "0,1,2,", 6) == 0);
	buf_release(&b);
	cr_assert_eq(b.len, 0);
}

Test(buf, detach_hands_out_the_bytes)
{
	struct buf	 b;
	char		*s;
	size_t		 len;

	buf_init(&b);
	s = buf_detach(&b, &len);
	cr_assert_str_eq(s, "");
	free(s);
	buf_adds(&b, "เรียนรู้");
	s = buf_detach(&b, &len);
	cr_assert_eq(len, strlen("เรียนรู้"));
	cr_assert_str_eq(s, "เรียนรู้");
	cr_assert_str_eq(b.data, "");
	free(s);
}

Test(err, formats_file_line_col)
{
	struct err	e;
	char		buf[600];

	cr_assert_eq(err_at(&e, "c.yaml", 3, 1, "bad '%s'", "x"), -1);
	cr_assert_str_eq(err_str(&e, buf, sizeof buf), "c.yaml:3:1: bad 'x'");
	err_set(&e, "plain");
	cr_assert_str_eq(err_str(&e, buf, sizeof buf), "plain");
	cr_assert_eq(err_set(NULL, "ignored"), -1);
}

/* Text from outside never reaches a terminal with its escapes. */
Test(esc, escapes_controls_bidi_and_bad_bytes)
{
	struct buf	b;
	char		small[12];

	buf_init(&b);
	esc_buf(&b, "a\x1b]52;c;eA==\x07 \xc2\x9b" "1m \xe2\x80\xae" "b \x9b"
	    " \xe0\xb8\x81\xe0\xb9\x88\tx\n", 35);
	cr_assert_str_eq(b.data, "a\\x1B]52;c;eA==\\x07 <U+009B>1m <U+202E>b "
	    "\\x9B \xe0\xb8\x81\xe0\xb9\x88\\x09x\\x0A");
	buf_release(&b);
	/* cut at a whole escape, never inside one */
	cr_assert_str_eq(esc_str(small, sizeof small, "ab\x1b\x1b\x1b"),
	    "ab\\x1B\\x1B");
	cr_assert_str_eq(esc_str(small, sizeof small, NULL), "");
}

Test(esc, names_what_it_finds)
{
	char		what[64];
	uint32_t	cp = 0;

	cr_assert_eq(esc_find("ab\ncd\xe2\x80\xa9", 9, ESC_ALLOW_LINES, &cp),
	    5);
	cr_assert_eq(cp, 0x2029);
	cr_assert_eq(esc_find("ab\ncd", 5, 0, &cp), 2);
	cr_assert_eq(esc_find("\xe0\xb8\x81", 3, 0, &cp), 3);
	cr_assert_str_eq(esc_cp_describe(0x202E, what, sizeof what),
	    "U+202E RIGHT-TO-LEFT OVERRIDE");
	cr_assert_str_eq(esc_cp_describe(0x1B, what, sizeof what),
	    "U+001B ESCAPE");
	cr_assert_str_eq(esc_cp_describe(0x01, what, sizeof what),
	    "U+0001 control character");
}

/* Every message quotes file names and replies escaped. */
Test(err, escapes_what_it_quotes)
{
	struct err	e;
	char		buf[600];

	err_at(&e, "a\x1b[2Jb.csv", 2, 0, "unknown group '%s'",
	    "x\x1b]0;pwned\x07");
	cr_assert_str_eq(err_str(&e, buf, sizeof buf),
	    "a\\x1B[2Jb.csv:2: unknown group 'x\\x1B]0;pwned\\x07'");
}
