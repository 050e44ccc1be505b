/*
 * Feedback by tag and skill area, with pages to revisit: after one
 * attempt, and for a course from the progress store.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "learn/attempt.h"
#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "learn/feedback.h"
#include "learn/learn.h"
#include "content/load.h"
#include "store/store.h"
#include "store/store_officer.h"

#include "helpers.h"

static const char module_yaml[] =
"id: safe\n"
"title: { th: ปลอดภัย, en: Safe }\n"
"pages:\n"
"  - { id: passwords, title: { th: รหัสผ่าน, en: Passwords }, text: t }\n"
"  - { id: phishing, title: { th: ฟิชชิง, en: Phishing }, text: t }\n"
"  - { id: pdpa, title: { th: พ.ร.บ.คุ้มครองข้อมูล, en: PDPA }, text: t }\n"
"quiz:\n"
"  id: safe-check\n"
"  pass: 60%\n"
"  questions:\n"
"    - id: q1\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: false\n"
"      tags: [passwords]\n"
"      revisit: [passwords]\n"
"    - id: q2\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: true\n"
"      tags: [passwords, phishing]\n"
"      revisit: [phishing, passwords]\n"
"    - id: q3\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: true\n"
"      tags: [pdpa]\n"
"      revisit: [pdpa]\n"
"    - id: q4\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: true\n"
"      points: 3\n"
"      tags: [pdpa]\n"
"    - id: q5\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: true\n";

static struct course *
load(void)
{
	struct course	*c;

	c = load_module_ok("safe.yaml", module_yaml);
	return c;
}

static const struct feedback_tag *
find(const struct feedback_tag *v, size_t n, const char *tag)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].tag, tag) == 0)
			return &v[i];
	return NULL;
}

Test(feedback, after_an_attempt)
{
	struct course		*c = load();
	const struct module	*m = &c->modules[0];
	struct attempt_plan	*plan = attempt_plan_new(m->quiz, 1);
	struct attempt_result	 res;
	struct feedback		 f;
	/* q1 right, q2 wrong, q3 wrong, q4 right, q5 unanswered */
	const char		*resp[] = { "false", "false", "false", "true",
				    NULL };

	cr_assert_eq(plan->n, 5);
	cr_assert_str_eq(plan->qs[1].q->id, "q2");
	attempt_result(m->quiz, plan, resp, &res);
	feedback_for_attempt(c, m, plan, &res, &f);
	cr_assert_eq(f.questions, 5);

	/* pdpa: 3 of 4 points = 0.75: neither strong nor weak */
	cr_assert_null(find(f.strengths, f.nstrengths, "pdpa"));
	cr_assert_null(find(f.weaker, f.nweaker, "pdpa"));
	/* passwords 1 of 2, phishing 0 of 1, untagged q5 0 of 1 */
	cr_assert_eq(f.nstrengths, 0);
	cr_assert_eq(f.nweaker, 3);
	cr_assert_str_eq(f.weaker[0].tag, "digital-literacy");
	cr_assert(f.weaker[0].is_area);
	cr_assert_str_eq(feedback_tag_label(&f.weaker[0], LANG_EN),
	    "Digital literacy");
	cr_assert_str_eq(f.weaker[1].tag, "phishing");
	cr_assert_str_eq(f.weaker[2].tag, "passwords");
	cr_assert_float_eq(f.weaker[2].ratio, 0.5, 1e-9);
	cr_assert_eq(f.weaker[2].asked, 2);
	cr_assert_eq(f.weaker[2].correct, 1);
	cr_assert_str_eq(feedback_tag_label(&f.weaker[2], LANG_TH),
	    "passwords");

	/* pages of the missed questions, in course order, counted */
	cr_assert_eq(f.nrevisit, 3);
	cr_assert_str_eq(f.revisit[0].p->id, "passwords");
	cr_assert_eq(f.revisit[0].misses, 1);
	cr_assert_eq(f.revisit[0].page_index, 0);
	cr_assert_str_eq(f.revisit[1].p->id, "phishing");
	cr_assert_str_eq(f.revisit[2].p->id, "pdpa");
	cr_assert_str_eq(lstr_get(&f.revisit[2].p->title, LANG_EN), "PDPA");
	feedback_release(&f);
	attempt_result_release(&res);

	/* everything right: all strengths, nothing to revisit */
	{
		const char *all[] = { "false", "true", "true", "true", "true" };

		attempt_result(m->quiz, plan, all, &res);
		feedback_for_attempt(c, m, plan, &res, &f);
		cr_assert_eq(f.nweaker, 0);
		cr_assert_eq(f.nrevisit, 0);
		cr_assert_eq(f.nstrengths, 4);
		/* most questions first among equals */
		cr_assert_str_eq(f.strengths[0].tag, "passwords");
		feedback_release(&f);
		attempt_result_release(&res);
	}
	attempt_plan_free(plan);
	course_free(c);
}

static time_t	clock_now = 1700000000;

static time_t
fixed_now(void)
{
	return clock_now;
}

Test(feedback, for_a_course_uses_the_latest_attempt)
{
	struct course		*c = load();
	const struct module	*m = &c->modules[0];
	struct store_officer	 o;
	struct store		*st;
	struct learn		 l;
	struct learn_attempt	*la;
	struct attempt_score	 sc;
	struct attempt_result	 res;
	struct feedback		 f;
	struct err		 e;
	char			 dir[] = "/tmp/rianru-fb-XXXXXX", path[64];
	size_t			 i;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.db", dir);
	st = store_open(path, &e);
	cr_assert_not_null(st, "%s", e.msg);
	memset(&o, 0, sizeof o);
	snprintf(o.code, sizeof o.code, "7");
	snprintf(o.name, sizeof o.name, "n");
	snprintf(o.group, sizeof o.group, "other");
	cr_assert_eq(store_officer_add(st, &o, clock_now, &e), 0);
	learn_init(&l, st, &o, "https://a.go.th", "https://r.test", "th-TH");
	l.now = fixed_now;

	/* nothing yet */
	cr_assert_eq(feedback_for_course(st, o.id, c, &f, &e), 0);
	cr_assert_eq(f.questions, 0);
	feedback_release(&f);

	/* first attempt: all wrong */
	la = learn_attempt_begin(&l, c, m, &e);
	cr_assert_not_null(la, "%s", e.msg);
	for (i = 0; i < la->n; i++)
		cr_assert_eq(learn_answer(&l, la, i, strcmp(la->plan->qs[i].q->id,
		    "q1") == 0 ? "true" : "false", &sc, &e), 0, "%s", e.msg);
	cr_assert_eq(learn_attempt_finish(&l, la, &res, &e), 0, "%s", e.msg);
	attempt_result_release(&res);
	learn_attempt_free(la);
	cr_assert_eq(feedback_for_course(st, o.id, c, &f, &e), 0);
	cr_assert_eq(f.questions, 5);
	cr_assert_eq(f.nstrengths, 0);
	cr_assert_eq(f.nweaker, 4);
	cr_assert_eq(f.nrevisit, 3);
	feedback_release(&f);

	/* second attempt: q1..q4 right, q5 left unanswered */
	clock_now += 600;
	la = learn_attempt_begin(&l, c, m, &e);
	cr_assert_not_null(la, "%s", e.msg);
	for (i = 0; i < la->n; i++) {
		const char *id = la->plan->qs[i].q->id;

		if (strcmp(id, "q5") == 0)
			continue;
		cr_assert_eq(learn_answer(&l, la, i, strcmp(id, "q1") == 0 ?
		    "false" : "true", &sc, &e), 0, "%s", e.msg);
	}
	cr_assert_eq(learn_attempt_finish(&l, la, &res, &e), 0, "%s", e.msg);
	attempt_result_release(&res);
	learn_attempt_free(la);
	cr_assert_eq(feedback_for_course(st, o.id, c, &f, &e), 0);
	cr_assert_eq(f.questions, 5);
	cr_assert_eq(f.nstrengths, 3);
	cr_assert_eq(f.nweaker, 1);
	cr_assert_str_eq(f.weaker[0].tag, "digital-literacy");
	cr_assert_eq(f.weaker[0].asked, 1);
	cr_assert_eq(f.nrevisit, 0);
	feedback_release(&f);

	store_close(st);
	course_free(c);
	tmp_dir_remove(dir);
}
