#include <criterion/criterion.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"

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
