#include "learn/devlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/err.h"
#include "learn/learn.h"
#include "store/store.h"
#include "store/store_log.h"
#include "text/text.h"
#include "content/vocab.h"
#include "sync/xapi.h"

const double devlog_ideal[DEVLOG_PARTS] = { 0.70, 0.20, 0.10 };

int
devlog_month_days(int y, int m)
{
	static const int	mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

int
devlog_day_parse(const char *typed, int *y, int *m, int *d)
{
	struct buf	 norm;
	const char	*p;
	int		 part[3] = { 0, 0, 0 }, digits[3] = { 0, 0, 0 };
	int		 k = 0, rc = -1;

	/* Thai digits, fullwidth digits and stray spaces, as search reads them */
	buf_init(&norm);
	text_normalise(typed, strlen(typed), &norm);
	for (p = norm.len > 0 ? norm.data : ""; *p != '\0'; p++) {
		if (*p == '/' || *p == '.' || *p == '-') {
			if (digits[k] == 0 || ++k == 3)
				goto out;
		} else if (*p >= '0' && *p <= '9') {
			if (++digits[k] > 4)
				goto out;
			part[k] = part[k] * 10 + (*p - '0');
		} else if (*p != ' ')
			goto out;
	}
	if (k != 2 || digits[2] == 0)
		goto out;
	/* 2569-12-01 as ISO writes it, or 1/12/2569 as Thai lists do */
	if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2) {
		*y = part[0];
		*m = part[1];
		*d = part[2];
	} else if (digits[0] <= 2 && digits[1] <= 2 && digits[2] == 4) {
		*d = part[0];
		*m = part[1];
		*y = part[2];
	} else
		goto out;
	if (*y >= 2400)
		*y -= 543;
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1 || *d > 31)
		goto out;
	rc = 0;
out:
	buf_release(&norm);
	return rc;
}

int
devlog_day(const char *typed, char out[11])
{
	int	y, m, d;

	if (devlog_day_parse(typed, &y, &m, &d) == -1 ||
	    d > devlog_month_days(y, m))
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

int
devlog_day_future(const char *ymd, time_t now)
{
	char		today[16];
	struct tm	tm;

	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	return strcmp(ymd, today) > 0;
}

int
devlog_add(struct learn *l, struct store_log_entry *le, struct err *e)
{
	struct store_stmt	 stmt;
	struct timespec		 when;
	struct tm		 tm, day;
	struct store		*st = l->st;
	time_t			 now = l->now != NULL ? l->now() : time(NULL);
	char			 today[16], id[37], norm[11], *json;
	int			 area, rc, day_only;

	le->officer_id = l->officer.id;
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if (devlog_day(le->day, norm) == -1)
		return err_set(e, "bad date '%s' (write DD/MM/YYYY or YYYY-MM-DD)", le->day);
	snprintf(le->day, sizeof le->day, "%s", norm);
	sscanf(le->day, "%4d-%2d-%2d", &day.tm_year, &day.tm_mon,
	    &day.tm_mday);
	if (devlog_day_future(le->day, now))
		return err_set(e, "date '%s' is in the future", le->day);
	if ((area = vocab_find(vocab_areas, AREA_COUNT, le->area)) == -1)
		return err_set(e, "unknown skill area '%s'", le->area);
	when.tv_nsec = 0;
	day_only = strcmp(le->day, today) != 0;
	if (!day_only)
		when.tv_sec = now;
	else {
		day.tm_year -= 1900;
		day.tm_mon -= 1;
		day.tm_hour = 12;
		day.tm_min = day.tm_sec = 0;
		day.tm_isdst = -1;
		when.tv_sec = mktime(&day);
	}
	json = xapi_log_entry(&l->x, le->kind == STORE_LOG_COACHING ?
	    XAPI_LOG_COACHING : XAPI_LOG_PRACTICE, (enum area)area,
	    le->minutes, le->reflection[0] != '\0' ? le->reflection : NULL,
	    &when, day_only, id, e);
	if (json == NULL)
		return -1;
	stmt.id = id;
	stmt.json = json;
	rc = store_log_add(st, le, now, &stmt, e);
	free(json);
	return rc;
}

void
devlog_balance(int64_t practice_min, int64_t coaching_min,
    double course_hours, struct devlog_balance *b)
{
	double	gap, worst = 0.5;
	int	i;

	memset(b, 0, sizeof *b);
	b->hours[DEVLOG_PRACTICE] = (double)practice_min / 60.0;
	b->hours[DEVLOG_COACHING] = (double)coaching_min / 60.0;
	b->hours[DEVLOG_COURSES] = course_hours > 0 ? course_hours : 0;
	for (i = 0; i < DEVLOG_PARTS; i++)
		b->total += b->hours[i];
	b->short_part = -1;
	if (b->total <= 0)
		return;
	for (i = 0; i < DEVLOG_PARTS; i++) {
		b->share[i] = b->hours[i] / b->total;
		/*
		 * How much of its ideal share a part lacks: courses at 0% of
		 * 10% lack as much as practice at 0% of 70%. Up to half
		 * counts as balanced.
		 */
		gap = 1.0 - b->share[i] / devlog_ideal[i];
		if (gap > worst + 1e-9) {
			worst = gap;
			b->short_part = i;
		}
	}
}

void
devlog_targets(double course_hours, double out[DEVLOG_PARTS])
{
	int	i;

	for (i = 0; i < DEVLOG_PARTS; i++)
		out[i] = course_hours * devlog_ideal[i] / devlog_ideal[
		    DEVLOG_COURSES];
}

const char *
devlog_part_name(enum devlog_part p, enum lang lang)
{
	static const char *const names[DEVLOG_PARTS][LANG_COUNT] = {
		[DEVLOG_PRACTICE] = { "การฝึกปฏิบัติในงาน (70)",
		    "On-the-job practice (70)" },
		[DEVLOG_COACHING] = { "การสอนงานและพี่เลี้ยง (20)",
		    "Coaching and mentoring (20)" },
		[DEVLOG_COURSES] = { "หลักสูตร (10)", "Courses (10)" },
	};

	if ((unsigned)p >= DEVLOG_PARTS)
		return "?";
	return names[p][lang == LANG_EN ? LANG_EN : LANG_TH];
}

void
devlog_advice(const struct devlog_balance *b, enum lang lang,
    struct buf *out)
{
	int	en = lang == LANG_EN;

	if (b->total <= 0) {
		buf_adds(out, en ? "Nothing yet: log the practice and coaching "
		    "you do at work" : "ยังไม่มีบันทึก: บันทึกการฝึกปฏิบัติและการสอนงานที่ทำในงานจริง");
		return;
	}
	switch (b->short_part) {
	case DEVLOG_PRACTICE:
		buf_adds(out, en ? "Put more of what you learn into practice at "
		    "work, and log it" : "นำสิ่งที่เรียนไปใช้ในงานจริงให้มากขึ้น แล้วบันทึกไว้");
		return;
	case DEVLOG_COACHING:
		buf_adds(out, en ? "Ask a supervisor or a colleague for coaching "
		    "or mentoring" : "ขอคำแนะนำหรือการสอนงานจากหัวหน้าหรือเพื่อนร่วมงาน");
		return;
	case DEVLOG_COURSES:
		buf_adds(out, en ? "Take a course from your development plan" :
		    "เรียนหลักสูตรตามแผนพัฒนาของท่าน");
		return;
	}
	buf_adds(out, en ? "Well balanced: close to 70:20:10" :
	    "สมดุลดี ใกล้เคียง 70:20:10");
}
