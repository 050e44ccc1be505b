/* config.yaml as editors save it: byte order marks and CRLF line ends. */
#include <criterion/criterion.h>
#include <string.h>

#include "base/diag.h"
#include "config/config.h"

/* Load 'text' as config.yaml; returns load's result, *cfg filled. */
static int
load(struct config *cfg, struct diags *d, const char *text)
{
	config_init(cfg);
	diags_init(d);
	return config_load_mem(cfg, "config.yaml", text, strlen(text), d);
}

static void
check_loads_english(const char *text)
{
	struct config	cfg;
	struct diags	d;

	cr_assert_eq(load(&cfg, &d, text), 0, "%s", d.n ? d.v[0].msg : "");
	cr_assert_eq(d.n, 0);
	cr_assert(cfg.lang_set);
	cr_assert_eq(cfg.lang, LANG_EN);
	cr_assert_eq(cfg.kiosk, 1);
	config_release(&cfg);
	diags_release(&d);
}

Test(config, plain) { check_loads_english("language: en\nkiosk: true\n"); }
Test(config, crlf) { check_loads_english("language: en\r\nkiosk: true\r\n"); }
Test(config, bom) { check_loads_english("\xef\xbb\xbflanguage: en\nkiosk: true\n"); }

/* Notepad saves "UTF-8 with BOM" and CRLF together. */
Test(config, bom_and_crlf)
{
	check_loads_english("\xef\xbb\xbflanguage: en\r\nkiosk: true\r\n");
}

/* Columns on line 1 do not count the invisible mark. */
Test(config, bom_keeps_columns)
{
	struct config	cfg;
	struct diags	d;

	cr_assert_eq(load(&cfg, &d, "\xef\xbb\xbfkiosk: maybe\r\n"), -1);
	cr_assert_eq(d.n, 1);
	cr_assert_eq(d.v[0].line, 1);
	cr_assert_eq(d.v[0].col, 8);
	config_release(&cfg);
	diags_release(&d);
}
