/* config.yaml as editors save it: byte order marks and CRLF line ends. */
#include <criterion/criterion.h>
#include <string.h>

#include "base/bytes.h"
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

/* config_load_mem() of 'text'; the first message into msg ("" = none). */
static int
load_config(struct config *cfg, const char *text, char *msg, size_t len)
{
	struct diags	d;
	int		rc;

	diags_init(&d);
	config_init(cfg);
	rc = config_load_mem(cfg, "c.yaml", text, strlen(text), &d);
	msg[0] = '\0';
	if (d.n > 0)
		diag_format(&d.v[0], msg, len);
	diags_release(&d);
	return rc;
}

Test(config, the_budget_is_parsed_strictly_with_where_it_went_wrong)
{
	struct config	cfg;
	char		msg[512];

	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: 200 KB per run\n",
	    msg, sizeof msg), 0, "%s", msg);
	cr_assert_eq(cfg.lrs.budget, 200 * 1024);
	cr_assert_eq(cfg.lrs.budget_daily, 0);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: 5 MB per day\n",
	    msg, sizeof msg), 0, "%s", msg);
	cr_assert_eq(cfg.lrs.budget, 5 * 1024 * 1024);
	cr_assert_eq(cfg.lrs.budget_daily, 1);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  batch-size: 10\n", msg,
	    sizeof msg), 0, "%s", msg);
	cr_assert_eq(cfg.lrs.budget, 0, "no budget unless given");
	config_release(&cfg);

	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: 5 mb per day\n",
	    msg, sizeof msg), -1);
	cr_assert_str_eq(msg, "c.yaml:2:13: 'budget: 5 mb per day': expected "
	    "a unit: B, KB, MB or GB (as in '200 KB per run' or '5 MB per "
	    "day')");
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: 5 MB per week\n",
	    msg, sizeof msg), -1);
	cr_assert_str_eq(msg, "c.yaml:2:20: 'budget: 5 MB per week': expected "
	    "'run' or 'day' after 'per' (as in '200 KB per run' or '5 MB per "
	    "day')");
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: \"1.5 MB per day\"\n",
	    msg, sizeof msg), -1);
	cr_assert_str_eq(msg, "c.yaml:2:13: 'budget: 1.5 MB per day': expected "
	    "a space and a unit (B, KB, MB or GB) (as in '200 KB per run' or "
	    "'5 MB per day')");
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: 5 MB\n", msg,
	    sizeof msg), -1);
	cr_assert(strstr(msg, "c.yaml:2:15: 'budget: 5 MB': expected 'per "
	    "run' or 'per day'") == msg, "%s", msg);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: 100 B per run\n",
	    msg, sizeof msg), -1);
	cr_assert(strstr(msg, "c.yaml:2:11: 'budget: 100 B per run': the "
	    "amount must be from 1 KB to 1024 GB") == msg, "%s", msg);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: [1]\n", msg,
	    sizeof msg), -1);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "lrs:\n  budget: per day\n", msg,
	    sizeof msg), -1);
	cr_assert(strstr(msg, "c.yaml:2:11: 'budget: per day': expected a "
	    "whole number") == msg, "%s", msg);
	config_release(&cfg);
}

Test(config, amounts_are_shown_as_written)
{
	char	b[32];

	cr_assert_str_eq(bytes_fmt(980, b, sizeof b), "980 B");
	cr_assert_str_eq(bytes_fmt(200 * 1024, b, sizeof b), "200 KB");
	cr_assert_str_eq(bytes_fmt(1536, b, sizeof b), "1.5 KB");
	cr_assert_str_eq(bytes_fmt(5 << 20, b, sizeof b), "5 MB");
}

/*
 * review-retention: the FSRS target in percent (docs/review.md), 90
 * unless given, 50 to 99; and accessible: a yes or no.
 */
Test(config, review_retention_and_accessible)
{
	struct config	cfg;
	char		msg[512];

	cr_assert_eq(load_config(&cfg, "language: th\n", msg, sizeof msg), 0,
	    "%s", msg);
	cr_assert_eq(cfg.review_retention, 90);
	cr_assert_eq(cfg.accessible, 0);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "review-retention: 80\n"
	    "accessible: true\n", msg, sizeof msg), 0, "%s", msg);
	cr_assert_eq(cfg.review_retention, 80);
	cr_assert_eq(cfg.accessible, 1);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "review-retention: 100\n", msg,
	    sizeof msg), -1);
	cr_assert_neq(strstr(msg, "c.yaml:1:"), NULL, "%s", msg);
	config_release(&cfg);
	cr_assert_eq(load_config(&cfg, "review-retention: 49\n", msg,
	    sizeof msg), -1);
	config_release(&cfg);
}
