#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "content/course.h"
#include "base/diag.h"
#include "content/catalog.h"
#include "content/load.h"
#include "base/err.h"
#include "learn/plan_eval.h"
#include "learn/plan_facts.h"
#include "store/store.h"
#include "store/store_event.h"
#include "store/store_log.h"
#include "store/store_officer.h"

/* Courses made from course.yaml text alone (modules are not read). */
static struct course *
mk_course(const char *id, const char *area, const char *level, double hours,
    const char *audience)
{
	struct diags	 d;
	struct course	*c;
	char		 y[1024];

	snprintf(y, sizeof y, "rianru: 1\nid: %s\nversion: 1.0.0\n"
	    "title: { th: หลักสูตร %s, en: Course %s }\naudience: %s\n"
	    "area: %s\nlevel: %s\nhours: %g\nmodules: [m.yaml]\n", id, id, id,
	    audience, area, level, hours);
	diags_init(&d);
	c = load_course_mem("course.yaml", y, strlen(y), &d);
	cr_assert_not_null(c, "%s", d.n ? d.v[0].msg : "?");
	diags_release(&d);
	return c;
}

static const char plan_yaml[] =
"rianru: 1\n"
"group: service\n"
"title: { th: แผนบริการ, en: Service plan }\n"
"phases:\n"
"  - level: early\n"
"    hours: 3\n"
"    required:\n"
"      - course: lit\n"
"  - level: developing\n"
"    hours: 9\n"
"    required:\n"
"      - area: service-design\n"
"        hours: 6\n"
"      - area: digital-governance\n"
"    recommended:\n"
"      - course: lead\n";

static struct plan *
mk_plan(const char *yaml, struct diags *d)
{
	return plan_load_mem("plans/service.yaml", yaml, strlen(yaml), d);
}

/* Messages of 'd' joined by newlines. */
static char *
msgs(struct diags *d)
{
	struct buf	b;
	char		line[1200];
	size_t		i;

	buf_init(&b);
	for (i = 0; i < d->n; i++) {
		diag_format(&d->v[i], line, sizeof line);
		buf_addf(&b, "%s\n", line);
	}
	return buf_detach(&b, NULL);
}

Test(plan, loads)
{
	struct diags	 d;
	struct plan	*p;

	diags_init(&d);
	p = mk_plan(plan_yaml, &d);
	cr_assert_not_null(p);
	cr_assert_eq(d.n, 0);
	cr_assert_eq(p->group, GROUP_SERVICE);
	cr_assert_eq(p->nphases, 2);
	cr_assert_eq(p->phases[0].level, LEVEL_EARLY);
	cr_assert_eq(p->phases[0].nrequired, 1);
	cr_assert_str_eq(p->phases[0].required[0].course, "lit");
	cr_assert_eq(p->phases[1].required[0].kind, PLAN_ITEM_AREA);
	cr_assert_eq(p->phases[1].required[0].area, AREA_SERVICE_DESIGN);
	cr_assert_float_eq(p->phases[1].required[0].hours, 6, 1e-9);
	cr_assert_float_eq(p->phases[1].required[1].hours, 0, 1e-9);
	cr_assert_eq(p->phases[1].nrecommended, 1);
	cr_assert_str_eq(lstr_get(&p->title, LANG_EN), "Service plan");
	plan_free(p);
	diags_release(&d);
}

Test(plan, errors_name_the_place)
{
	static const char bad[] =
	"rianru: 1\n"
	"group: servce\n"
	"title: x\n"
	"phases:\n"
	"  - level: developing\n"
	"    hours: 0\n"
	"    required:\n"
	"      - area: service-design\n"
	"        hour: 3\n"
	"      - {course: a, area: digital-literacy}\n"
	"      - area: service-design\n"
	"  - level: early\n"
	"    hours: 3\n"
	"    required: []\n";
	struct diags	 d;
	char		*m;

	diags_init(&d);
	cr_assert_null(mk_plan(bad, &d));
	m = msgs(&d);
	cr_assert_str_eq(m,
	    "plans/service.yaml:2:8: unknown target group 'servce' (did you "
	    "mean 'service'?)\n"
	    "plans/service.yaml:6:12: 'hours' must be a number greater than 0 "
	    "and at most 1000, not 0\n"
	    "plans/service.yaml:9:9: unknown key 'hour' (did you mean "
	    "'hours'?)\n"
	    "plans/service.yaml:10:9: a plan item names a course or an area, "
	    "not both\n"
	    "plans/service.yaml:11:9: 'service-design' is already in this "
	    "phase (at 8:9)\n"
	    "plans/service.yaml:12:5: a phase needs at least one 'required' or "
	    "'recommended' item\n"
	    "plans/service.yaml:12:12: phase 'early' must come after phase "
	    "'developing' (phases go early, developing, advanced, each once)\n");
	free(m);
	diags_release(&d);
}

Test(plan, refs_checked_against_catalogue)
{
	struct catalog	*cat = catalog_new();
	struct diags	 d;
	struct plan	*p;
	char		*m;
	static const char y[] =
	"rianru: 1\ngroup: service\ntitle: x\nphases:\n"
	"  - level: early\n    hours: 3\n    required:\n"
	"      - course: lit\n      - course: leed\n      - course: lead\n"
	"    recommended:\n      - course: zzz-unknown\n";

	cat->courses = calloc(2, sizeof *cat->courses);
	cat->cap = 2;
	cat->courses[cat->n++] = mk_course("lit", "digital-literacy", "early",
	    3, "all");
	cat->courses[cat->n++] = mk_course("lead", "digital-leadership",
	    "developing", 6, "[executive, director]");
	diags_init(&d);
	p = mk_plan(y, &d);
	cr_assert_not_null(p);
	plan_check_refs(p, cat, &d);
	m = msgs(&d);
	cr_assert_str_eq(m,
	    "plans/service.yaml:9:9: no course 'leed' in the catalogue (did "
	    "you mean 'lead'?)\n"
	    "plans/service.yaml:10:9: warning: required course 'lead' is not "
	    "meant for target group 'service' (see its audience)\n"
	    "plans/service.yaml:12:9: no course 'zzz-unknown' in the "
	    "catalogue\n");
	cr_assert_eq(d.nerrors, 2);
	free(m);
	plan_free(p);
	catalog_free(cat);
	diags_release(&d);
}

Test(plan, load_dir_one_plan_per_group)
{
	struct plan_set	 set;
	struct diags	 d;
	char		 dir[] = "/tmp/rianru-plan-XXXXXX", path[256];
	FILE		*f;
	const char	*names[] = { "a.yaml", "b.yaml", "notes.txt" };
	size_t		 i;

	cr_assert_not_null(mkdtemp(dir));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		f = fopen(path, "w");
		fputs(plan_yaml, f);
		fclose(f);
	}
	plan_set_init(&set);
	diags_init(&d);
	cr_assert_eq(plan_load_dir(&set, dir, &d), 0);
	cr_assert_eq(set.nfiles, 2);
	cr_assert_not_null(set.by_group[GROUP_SERVICE]);
	cr_assert_eq(d.nerrors, 1);
	cr_assert(strstr(d.v[0].msg, "a second plan for target group "
	    "'service'") != NULL, "%s", d.v[0].msg);
	cr_assert(strstr(d.v[0].file, "b.yaml") != NULL);
	plan_set_release(&set);
	diags_release(&d);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
	/* a catalogue without plans/ is fine */
	plan_set_init(&set);
	diags_init(&d);
	cr_assert_eq(plan_load_dir(&set, "/nonexistent/plans", &d), 0);
	cr_assert_eq(d.n, 0);
	diags_release(&d);
}

/* The evaluation fixture: four courses and the service plan. */
struct fx {
	struct course		*c[4];
	struct plan_fact	 v[4];
	struct plan_facts	 f;
	struct plan		*p;
	struct diags		 d;
};

static void
fx_init(struct fx *x)
{
	size_t	i;

	memset(x, 0, sizeof *x);
	x->c[0] = mk_course("lit", "digital-literacy", "early", 3, "all");
	x->c[1] = mk_course("sd1", "service-design", "developing", 4,
	    "[service]");
	x->c[2] = mk_course("sd2", "service-design", "developing", 4, "all");
	x->c[3] = mk_course("lead", "digital-leadership", "developing", 6,
	    "[executive]");
	for (i = 0; i < 4; i++)
		x->v[i].c = x->c[i];
	x->f.v = x->v;
	x->f.n = 4;
	diags_init(&x->d);
	x->p = mk_plan(plan_yaml, &x->d);
	cr_assert_not_null(x->p);
}

static void
fx_free(struct fx *x)
{
	size_t	i;

	for (i = 0; i < 4; i++)
		course_free(x->c[i]);
	plan_free(x->p);
	diags_release(&x->d);
}

static void
done(struct fx *x, int i)
{
	x->v[i].enrolled = x->v[i].complete = 1;
	x->v[i].hours = x->c[i]->hours;
}

static char *
step(const struct plan_eval *ev, enum lang lang)
{
	struct buf	b;

	buf_init(&b);
	plan_step_text(&ev->next, lang, &b);
	return buf_detach(&b, NULL);
}

Test(plan_eval, nothing_done)
{
	struct fx		x;
	struct plan_eval	ev;
	char			*s;

	fx_init(&x);
	plan_evaluate(x.p, &x.f, &ev);
	cr_assert_eq(ev.current, 0);
	cr_assert_eq(ev.phases[0].left, 1);
	cr_assert_eq(ev.phases[0].required[0].state, PLAN_LEFT);
	cr_assert_eq(ev.phases[0].required[0].course, x.c[0]);
	cr_assert_float_eq(ev.target, 12, 1e-9);
	cr_assert_float_eq(ev.hours, 0, 1e-9);
	cr_assert_eq(ev.next.kind, PLAN_STEP_START);
	s = step(&ev, LANG_EN);
	cr_assert_str_eq(s, "Start the required course “Course lit”");
	free(s);
	s = step(&ev, LANG_TH);
	cr_assert_str_eq(s, "เริ่มเรียนหลักสูตรบังคับ “หลักสูตร lit”");
	free(s);
	plan_eval_release(&ev);
	fx_free(&x);
}

Test(plan_eval, in_progress_is_continued)
{
	struct fx		x;
	struct plan_eval	ev;
	char			*s;

	fx_init(&x);
	x.v[0].enrolled = 1;
	plan_evaluate(x.p, &x.f, &ev);
	cr_assert_eq(ev.phases[0].in_progress, 1);
	cr_assert_eq(ev.next.kind, PLAN_STEP_CONTINUE);
	s = step(&ev, LANG_EN);
	cr_assert_str_eq(s, "Continue the course “Course lit”");
	free(s);
	plan_eval_release(&ev);
	fx_free(&x);
}

Test(plan_eval, phase_done_moves_on_and_suggests_for_the_group)
{
	struct fx		x;
	struct plan_eval	ev;
	char			*s;

	fx_init(&x);
	done(&x, 0);
	plan_evaluate(x.p, &x.f, &ev);
	cr_assert(ev.phases[0].complete);
	cr_assert_float_eq(ev.phases[0].hours, 3, 1e-9);
	cr_assert_eq(ev.current, 1);
	cr_assert_eq(ev.phases[1].left, 2);
	cr_assert_eq(ev.next.kind, PLAN_STEP_AREA);
	cr_assert_eq(ev.next.area, AREA_SERVICE_DESIGN);
	/* sd1 is meant for service staff: suggested before sd2 */
	cr_assert_eq(ev.next.course, x.c[1]);
	cr_assert_float_eq(ev.next.hours, 6, 1e-9);
	/* no governance course in the catalogue */
	cr_assert_null(ev.phases[1].required[1].course);
	s = step(&ev, LANG_EN);
	cr_assert_str_eq(s, "Build up “Digital process and service design”: "
	    "take “Course sd1”");
	free(s);
	plan_eval_release(&ev);
	fx_free(&x);
}

Test(plan_eval, area_hours_add_up)
{
	struct fx		x;
	struct plan_eval	ev;

	fx_init(&x);
	done(&x, 0);
	done(&x, 2);		/* 4 of the 6 service-design hours */
	x.v[1].enrolled = 1;
	plan_evaluate(x.p, &x.f, &ev);
	cr_assert_eq(ev.phases[1].required[0].state, PLAN_IN_PROGRESS);
	cr_assert_float_eq(ev.phases[1].required[0].hours, 4, 1e-9);
	/* the course under way comes first */
	cr_assert_eq(ev.next.kind, PLAN_STEP_AREA);
	cr_assert_eq(ev.next.course, x.c[1]);
	cr_assert_float_eq(ev.next.hours, 2, 1e-9);
	plan_eval_release(&ev);
	done(&x, 1);
	plan_evaluate(x.p, &x.f, &ev);
	cr_assert_eq(ev.phases[1].required[0].state, PLAN_DONE);
	cr_assert_float_eq(ev.phases[1].hours, 8, 1e-9);
	cr_assert_float_eq(ev.hours, 11, 1e-9);
	/* governance is still left, with no course to take */
	cr_assert_eq(ev.phases[1].done, 1);
	cr_assert_eq(ev.phases[1].left, 1);
	cr_assert_eq(ev.next.kind, PLAN_STEP_AREA);
	cr_assert_eq(ev.next.area, AREA_GOVERNANCE);
	cr_assert_null(ev.next.course);
	plan_eval_release(&ev);
	fx_free(&x);
}

Test(plan_eval, hours_short_after_required)
{
	static const char y[] =
	"rianru: 1\ngroup: executive\ntitle: x\nphases:\n"
	"  - level: early\n    hours: 5\n    required: [{course: lit}]\n"
	"    recommended: [{course: lead}]\n";
	struct fx		x;
	struct plan		*p;
	struct plan_eval	ev;
	char			*s;

	fx_init(&x);
	p = mk_plan(y, &x.d);
	cr_assert_not_null(p);
	done(&x, 0);
	plan_evaluate(p, &x.f, &ev);
	cr_assert_eq(ev.phases[0].done, 1);
	cr_assert(!ev.phases[0].complete);
	cr_assert_eq(ev.next.kind, PLAN_STEP_RECOMMENDED);
	cr_assert_eq(ev.next.course, x.c[3]);
	s = step(&ev, LANG_EN);
	cr_assert_str_eq(s, "Required done. 2 more hours at Early level: try "
	    "the recommended “Course lead”");
	free(s);
	plan_eval_release(&ev);
	/* the recommended course done too, but at another level */
	done(&x, 3);
	plan_evaluate(p, &x.f, &ev);
	cr_assert_eq(ev.next.kind, PLAN_STEP_HOURS);
	cr_assert_null(ev.next.course);
	s = step(&ev, LANG_TH);
	cr_assert_str_eq(s, "ยังขาด 2 ชั่วโมงในระดับต้น: "
	    "สอบถามผู้ดูแลการอบรมเรื่องหลักสูตร");
	free(s);
	plan_eval_release(&ev);
	plan_free(p);
	fx_free(&x);
}

Test(plan_eval, everything_done)
{
	struct fx		x;
	struct plan		*p;
	struct plan_eval	ev;
	static const char y[] =
	"rianru: 1\ngroup: service\ntitle: x\nphases:\n"
	"  - level: early\n    hours: 3\n    required: [{course: lit}]\n"
	"  - level: developing\n    hours: 8\n"
	"    required: [{area: service-design}]\n";

	fx_init(&x);
	p = mk_plan(y, &x.d);
	done(&x, 0);
	done(&x, 1);
	done(&x, 2);
	plan_evaluate(p, &x.f, &ev);
	cr_assert_eq(ev.current, 2);
	cr_assert_eq(ev.next.kind, PLAN_STEP_DONE);
	cr_assert_float_eq(ev.hours, 11, 1e-9);
	cr_assert_float_eq(ev.target, 11, 1e-9);
	plan_eval_release(&ev);
	plan_free(p);
	fx_free(&x);
}

Test(plan_eval, missing_course_is_left)
{
	struct fx		x;
	struct plan		*p;
	struct plan_eval	ev;
	char			*s;
	static const char y[] =
	"rianru: 1\ngroup: service\ntitle: x\nphases:\n"
	"  - level: early\n    hours: 3\n    required: [{course: gone}]\n";

	fx_init(&x);
	p = mk_plan(y, &x.d);
	plan_evaluate(p, &x.f, &ev);
	cr_assert_eq(ev.phases[0].required[0].state, PLAN_LEFT);
	cr_assert_null(ev.phases[0].required[0].course);
	cr_assert_eq(ev.next.kind, PLAN_STEP_START);
	s = step(&ev, LANG_EN);
	cr_assert(strstr(s, "missing from this catalogue") != NULL, "%s", s);
	free(s);
	plan_eval_release(&ev);
	plan_free(p);
	fx_free(&x);
}

Test(plan, bundled_plans_are_valid)
{
	struct catalog	*cat = catalog_new();
	struct diags	 d;
	struct plan_set	 set;
	size_t		 g;

	diags_init(&d);
	catalog_add_path(cat, "content", &d);
	cr_assert_eq(plan_check_dir("content", cat, &d), 6);
	cr_assert_eq(d.n, 0, "%s", d.n ? d.v[0].msg : "");
	plan_set_init(&set);
	plan_load_dir(&set, "content/plans", &d);
	for (g = 0; g < GROUP_COUNT; g++)
		cr_assert_not_null(set.by_group[g], "no plan for %s",
		    vocab_groups[g].id);
	plan_set_release(&set);
	catalog_free(cat);
	diags_release(&d);
}

/*
 * plan_status_load() reads in one call what the plan screen shows: the
 * facts from the store, the group's plan evaluated, the log and its
 * balance.
 */
Test(plan_status, reads_facts_plan_and_log)
{
	struct fx		 x;
	struct catalog		 cat;
	struct plan_set		 set;
	struct plan_status	 ps;
	struct store		*st;
	struct store_officer	 o;
	struct store_log_entry	 le;
	struct store_stmt	 s1 = { "00000000-0000-4000-8000-000000000001",
				    "{}" };
	struct store_stmt	 s2 = { "00000000-0000-4000-8000-000000000002",
				    "{}" };
	struct err		 e;

	fx_init(&x);
	memset(&cat, 0, sizeof cat);
	cat.courses = x.c;
	cat.n = 4;
	plan_set_init(&set);
	set.by_group[GROUP_SERVICE] = x.p;
	err_clear(&e);
	st = store_open(STORE_MEMORY, &e);
	cr_assert_not_null(st, "%s", e.msg);
	memset(&o, 0, sizeof o);
	cr_assert_eq(store_officer_set(&o, "s1", "Somchai", "service", NULL,
	    NULL, &e), 0, "%s", e.msg);
	cr_assert_eq(store_officer_add(st, &o, 1000, &e), 0, "%s", e.msg);
	cr_assert_eq(store_enrol(st, o.id, "lit", 1000, &e), 0, "%s", e.msg);
	cr_assert_eq(store_course_complete(st, o.id, "lit", 3, 1, 1100, &s1,
	    &e), 0, "%s", e.msg);
	memset(&le, 0, sizeof le);
	le.officer_id = o.id;
	snprintf(le.day, sizeof le.day, "2026-01-02");
	le.kind = STORE_LOG_PRACTICE;
	snprintf(le.area, sizeof le.area, "service-design");
	le.minutes = 120;
	cr_assert_eq(store_log_add(st, &le, 1200, &s2, &e), 0, "%s", e.msg);

	cr_assert_eq(plan_status_load(st, &o, &cat, &set, &ps, &e), 0, "%s",
	    e.msg);
	cr_assert_eq(ps.facts.n, 4);
	cr_assert(ps.facts.v[0].complete);
	cr_assert_float_eq(ps.facts.v[0].hours, 3, 1e-9);
	cr_assert(!ps.facts.v[1].enrolled);
	cr_assert(ps.have_ev);
	cr_assert_float_eq(ps.ev.hours, 3, 1e-9);
	cr_assert_eq(ps.nentries, 1);
	cr_assert_eq(ps.entries[0].minutes, 120);
	cr_assert_float_eq(ps.bal.hours[DEVLOG_PRACTICE], 2, 1e-9);
	cr_assert_float_eq(ps.bal.hours[DEVLOG_COURSES], 3, 1e-9);
	plan_status_release(&ps);
	cr_assert_null(ps.entries);

	/* a group without a plan: facts and log, no evaluation */
	set.by_group[GROUP_SERVICE] = NULL;
	cr_assert_eq(plan_status_load(st, &o, &cat, &set, &ps, &e), 0);
	cr_assert(!ps.have_ev);
	cr_assert_eq(ps.nentries, 1);
	plan_status_release(&ps);

	store_close(st);
	fx_free(&x);
}
