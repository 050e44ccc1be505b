#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

static unsigned char	*mo_data;
static size_t		 mo_len;

static void
load_th(void)
{
	FILE	*f;
	long	 n;

	/* the real catalogue, compiled the way the Makefile does */
	cr_assert_eq(system("msgfmt -o /tmp/rianru-test-th.mo po/th.po"), 0);
	cr_assert_not_null(f = fopen("/tmp/rianru-test-th.mo", "rb"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	mo_data = malloc((size_t)n);
	cr_assert_eq(fread(mo_data, 1, (size_t)n, f), (size_t)n);
	mo_len = (size_t)n;
	fclose(f);
	remove("/tmp/rianru-test-th.mo");
}

static void
free_th(void)
{
	free(mo_data);
}

Test(i18n, thai_strings_are_found, .init = load_th, .fini = free_th)
{
	struct mo	mo;

	cr_assert_eq(mo_open(&mo, mo_data, mo_len), 0);
	cr_assert_str_eq(mo_lookup(&mo, "Log in"), "เข้าสู่ระบบ");
	cr_assert_str_eq(mo_lookup(&mo, "Home"), "หน้าหลัก");
	/* a format string keeps its conversions */
	cr_assert(strstr(mo_lookup(&mo, "%lld result(s) waiting to be sent"),
	    "%lld") != NULL);
	/* unknown and empty msgids come back as they are */
	cr_assert_str_eq(mo_lookup(&mo, "no such message"), "no such message");
	cr_assert_str_eq(mo_lookup(&mo, ""), "");
}

Test(i18n, damaged_catalogues_are_refused, .init = load_th, .fini = free_th)
{
	struct mo	 mo;
	unsigned char	*bad;

	cr_assert_eq(mo_open(&mo, mo_data, 10), -1);	/* truncated */
	bad = malloc(mo_len);
	memcpy(bad, mo_data, mo_len);
	bad[0] ^= 0xff;					/* magic */
	cr_assert_eq(mo_open(&mo, bad, mo_len), -1);
	memcpy(bad, mo_data, mo_len);
	bad[8] = 0xff;					/* count */
	bad[9] = 0xff;
	cr_assert_eq(mo_open(&mo, bad, mo_len), -1);
	memcpy(bad, mo_data, mo_len);
	cr_assert_eq(mo_open(&mo, bad, mo_len / 2), -1);	/* cut short */
	free(bad);
}
