/*
 * The agency report: numbers gathered from a store, and the page.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/plan.h"
#include "report/report_html.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_event.h"
#include "store/store_log.h"

#include "helpers.h"

#define NOW	((time_t)1741750000)

static struct course *
mk_course(const char *id, const char *area, const char *level, double hours)
{
	struct diags	 d;
	struct course	*c;
	char		 y[1024];

	snprintf(y, sizeof y, "rianru: 1\nid: %s\nversion: 1.0.0\n"
	    "title: { th: หลักสูตร <%s>, en: Course %s }\naudience: all\n"
	    "area: %s\nlevel: %s\nhours: %g\nmodules: [m.yaml]\n", id, id, id,
	    area, level, hours);
	diags_init(&d);
	c = load_course_mem("course.yaml", y, strlen(y), &d);
	cr_assert_not_null(c);
	diags_release(&d);
	return c;
}

static int64_t
officer(struct store *st, const char *code, const char *name,
    const char *group)
{
	struct store_officer	o;

	return officer_add_ok(st, &o, code, name, group, "กรม & กอง", NOW);
}

static void
complete(struct store *st, int64_t id, const char *course, double hours,
    int passed, const char *stmt_id)
{
	struct store_stmt	s = { stmt_id, "{}" };
	struct err		e;

	cr_assert_eq(store_enrol(st, id, course, NOW, &e), 0);
	cr_assert_eq(store_course_complete(st, id, course, hours, passed, NOW,
	    &s, &e), 0, "%s", e.msg);
}

static int
count(const char *hay, const char *needle)
{
	int	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

Test(report_html, collects_and_draws)
{
	static const char plan_yaml[] =
	"rianru: 1\ngroup: service\ntitle: x\nphases:\n"
	"  - level: early\n    hours: 3\n    required: [{course: lit}]\n"
	"  - level: developing\n    hours: 4\n"
	"    required: [{area: service-design}]\n";
	struct catalog		*cat = catalog_new();
	struct plan_set		 plans;
	struct diags		 d;
	struct store		*st;
	struct store_log_entry	 le;
	struct store_stmt	 ls = { "log-1", "{}" };
	struct report		 r;
	struct err		 e;
	struct buf		 b;
	char			 dir[] = "/tmp/rianru-rep-XXXXXX", path[128];
	int64_t			 a, s2, x;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.db", dir);
	cr_assert_not_null(st = store_open(path, &e));
	cat->courses = calloc(2, sizeof *cat->courses);
	cat->cap = 2;
	cat->courses[cat->n++] = mk_course("lit", "digital-literacy", "early",
	    3);
	cat->courses[cat->n++] = mk_course("sd", "service-design",
	    "developing", 4);
	plan_set_init(&plans);
	diags_init(&d);
	plans.by_group[GROUP_SERVICE] = plan_load_mem("p.yaml", plan_yaml,
	    strlen(plan_yaml), &d);
	cr_assert_not_null(plans.by_group[GROUP_SERVICE]);

	a = officer(st, "a1", "สมศรี <ใจดี>", "service");
	s2 = officer(st, "b2", "Somchai", "service");
	x = officer(st, "c3", "ปิติ", "executive");
	complete(st, a, "lit", 3, 1, "s1");
	complete(st, a, "sd", 4, 1, "s2");
	cr_assert_eq(store_enrol(st, s2, "lit", NOW, &e), 0);
	complete(st, x, "gone", 2, 0, "s3");	/* not in the catalogue */
	memset(&le, 0, sizeof le);
	le.officer_id = a;
	snprintf(le.day, sizeof le.day, "2025-03-10");
	snprintf(le.area, sizeof le.area, "service-design");
	le.kind = STORE_LOG_PRACTICE;
	le.minutes = 90;
	cr_assert_eq(store_log_add(st, &le, NOW, &ls, &e), 0, "%s", e.msg);

	cr_assert_eq(report_collect(st, cat, &plans, NOW, LANG_TH, &r, &e), 0,
	    "%s", e.msg);
	cr_assert_eq(r.nofficers, 3);
	cr_assert_eq(r.total.enrolled, 4);
	cr_assert_eq(r.total.completed, 3);
	cr_assert_eq(r.total.passed, 2);
	cr_assert_float_eq(r.total.hours, 9, 1e-9);
	cr_assert_eq(r.by_group[GROUP_SERVICE].enrolled, 3);
	cr_assert_eq(r.by_group[GROUP_SERVICE].completed, 2);
	cr_assert_eq(r.group_officers[GROUP_SERVICE], 2);
	cr_assert_float_eq(r.group_target[GROUP_SERVICE], 7, 1e-9);
	cr_assert_eq(r.by_area[AREA_LITERACY].enrolled, 2);
	cr_assert_eq(r.by_area[AREA_SERVICE_DESIGN].passed, 1);
	cr_assert_eq(r.ncourses, 3);
	cr_assert_str_eq(r.courses[2].id, "gone");
	cr_assert_null(r.courses[2].c);
	cr_assert_float_eq(r.officers[0].log_hours[STORE_LOG_PRACTICE], 1.5,
	    1e-9);
	cr_assert(r.officers[0].has_plan);
	cr_assert_eq(r.officers[0].phase, -1);	/* plan done */
	cr_assert_eq(r.officers[1].phase, LEVEL_EARLY);
	cr_assert_str_eq(r.officers[1].next,
	    "เรียนหลักสูตร “หลักสูตร <lit>” ต่อให้จบ");
	cr_assert(!r.officers[2].has_plan);
	cr_assert_null(r.officers[2].next);

	buf_init(&b);
	report_html(&r, &b);
	cr_assert(strstr(b.data, "<!DOCTYPE html>") == b.data);
	cr_assert_eq(count(b.data, "<svg "), 4);
	cr_assert(strstr(b.data, "id=\"chart-groups\"") != NULL);
	cr_assert(strstr(b.data, "id=\"chart-areas\"") != NULL);
	cr_assert(strstr(b.data, "id=\"chart-courses\"") != NULL);
	cr_assert(strstr(b.data, "id=\"chart-hours\"") != NULL);
	cr_assert(strstr(b.data, "ผู้ทำงานด้านบริการ") != NULL);
	cr_assert(strstr(b.data, ">2 คน</text>") != NULL);	/* Thai count */
	cr_assert_null(strstr(b.data, " officers</text>"));
	cr_assert(strstr(b.data, "สมศรี &lt;ใจดี&gt;") != NULL);
	cr_assert(strstr(b.data, "กรม &amp; กอง") != NULL);
	cr_assert(strstr(b.data, "หลักสูตร &lt;lit&gt;") != NULL);
	cr_assert(strstr(b.data, "24 พฤศจิกายน") == NULL);
	cr_assert(strstr(b.data, "พ.ศ. 2568") != NULL);
	cr_assert(strstr(b.data, "@page{size:A4") != NULL);
	cr_assert(strstr(b.data, "break-before:page") != NULL);
	cr_assert_eq(count(b.data, "<tbody class=\"officer\">"), 3);
	/* 2 of 3 service enrolments completed */
	cr_assert(strstr(b.data, "<title>completed 67%</title>") != NULL);
	/* self-contained: no links, scripts, images or fonts fetched */
	cr_assert_null(strstr(b.data, "<link"));
	cr_assert_null(strstr(b.data, "<script"));
	cr_assert_null(strstr(b.data, "src="));
	cr_assert_null(strstr(b.data, "url("));
	cr_assert_null(strstr(b.data, "href="));
	buf_release(&b);
	report_release(&r);

	plan_set_release(&plans);
	diags_release(&d);
	catalog_free(cat);
	store_close(st);
	tmp_dir_remove(dir);
}
