#include "report/html.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"

static const char *const months_th[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"
};
static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

void
html_escape(struct buf *out, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '"':
			buf_adds(out, "&quot;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		default:
			buf_addc(out, *s);
		}
}

/* Day 'd' of month 'm' (1-12) of CE year 'y'. */
static void
html_dmy(struct buf *out, int d, int m, int y, enum lang lang)
{
	if (lang == LANG_EN)
		buf_addf(out, "%d %s %d", d, months_en[m - 1], y);
	else
		buf_addf(out, "%d %s พ.ศ. %d", d, months_th[m - 1], y + 543);
}

void
html_date(struct buf *out, time_t t, enum lang lang)
{
	struct tm	tm;

	localtime_r(&t, &tm);
	html_dmy(out, tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900, lang);
}

int
html_date_ymd(struct buf *out, const char *ymd, enum lang lang)
{
	int	y, m, d;
	char	tail;

	if (ymd == NULL || strlen(ymd) != 10 ||
	    sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	html_dmy(out, d, m, y, lang);
	return 0;
}
