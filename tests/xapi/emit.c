/*
 * Prints one xAPI statement of every kind lib/sync/xapi.c builds, and one
 * answered statement per question type, as "label<TAB>json" lines for
 * tests/xapi/validate.js. Exits 1 if any statement cannot be built.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content/course.h"
#include "base/crypto.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/load.h"
#include "sync/xapi.h"

static const char module_yaml[] =
"id: basics\n"
"title: { th: พื้นฐาน, en: Basics }\n"
"pages:\n"
"  - id: intro\n"
"    title: { th: บทนำ \"คำพูด\" \\\\ , en: \"Intro \\\"quoted\\\"\" }\n"
"    text: { th: ข้อความ, en: Text }\n"
"  - title: หน้าสอง\n"
"    text: ไม่มีคำแปล\n"
"quiz:\n"
"  id: basics-check\n"
"  pass: 60%\n"
"  questions:\n"
"    - id: q-choice\n"
"      type: choice\n"
"      prompt: { th: เลือก, en: Pick }\n"
"      choices:\n"
"        - one\n"
"        - { id: right, text: { th: สอง, en: two }, correct: true }\n"
"    - id: q-multi\n"
"      type: multiple\n"
"      prompt: เลือกหลายข้อ\n"
"      choices: [{text: a, correct: true}, b, {text: c, correct: true}]\n"
"    - id: q-tf\n"
"      type: true-false\n"
"      prompt: จริงหรือเท็จ\n"
"      answer: false\n"
"    - id: q-fill\n"
"      type: fill-in\n"
"      prompt: ชื่อย่อ\n"
"      answers: [สดช., ONDE]\n"
"    - id: q-num\n"
"      type: numeric\n"
"      prompt: กี่เปอร์เซ็นต์\n"
"      answer: 12.5\n"
"      tolerance: 0.5\n"
"      points: 2\n"
"    - id: q-match\n"
"      type: matching\n"
"      prompt: จับคู่\n"
"      pairs: [{left: a, right: b}, {left: c, right: d}]\n"
"    - id: q-order\n"
"      type: ordering\n"
"      prompt: เรียงลำดับ\n"
"      items: [first, {id: two, text: second}, third]\n";

struct answer {
	const char	*qid;
	const char	*response;
	const char	*patterns[3];
	int		 success;
	double		 raw;
};

static const struct answer answers[] = {
	{ "q-choice", "right", { "right" }, 1, 1 },
	{ "q-multi", "a[,]c", { "a[,]c" }, 1, 1 },
	{ "q-tf", "true", { "false" }, 0, 0 },
	{ "q-fill", "สดช.", { "{case_matters=false}สดช.", "ONDE" }, 1, 1 },
	{ "q-num", "12.5", { "12[:]13" }, 1, 2 },
	{ "q-match", "1[.]2[,]2[.]1", { "1[.]1[,]2[.]2" }, 0, 0 },
	{ "q-order", "1[,]two[,]3", { "1[,]two[,]3" }, 1, 1 },
};

static int	failed;

static void
emit(const char *label, char *json, const struct err *e)
{
	char	buf[1024];

	if (json == NULL) {
		fprintf(stderr, "emit: %s: %s\n", label,
		    err_str(e, buf, sizeof buf));
		failed = 1;
		return;
	}
	printf("%s\t%s\n", label, json);
	free(json);
}

int
main(void)
{
	struct xapi_ctx		 x = {
		"https://www.example.go.th/",
		"https://learn.example.go.th/xapi",
		"OC-000123", "th-TH", "rianru 0.1.0", 0
	};
	static const char *const outcomes[] = { "passed", "failed",
	    "completed" };
	struct diags		 d;
	struct course		*c;
	struct module		*m;
	struct xapi_answer	 a;
	struct xapi_review	 rv;
	struct xapi_score	 s = { 3, 5 };
	struct timespec		 now;
	struct err		 e;
	char			 id[37], reg[37], label[64];
	size_t			 i, n;

	diags_init(&d);
	c = load_module_mem("emit.yaml", module_yaml, sizeof module_yaml - 1,
	    &d);
	if (c == NULL) {
		diags_print(&d, 0, stderr);
		return 1;
	}
	diags_release(&d);
	c->hours = 1.5;
	memset(c->hash, 'a', 64);
	m = &c->modules[0];
	crypto_uuid(reg);
	clock_gettime(CLOCK_REALTIME, &now);

	emit("page", xapi_page_experienced(&x, c, m, &m->pages[0], &now, id,
	    &e), &e);
	x.activity_base = "https://learn.example.go.th/xapi/";
	x.lang = "en-US";
	emit("page-base-slash", xapi_page_experienced(&x, c, m, &m->pages[1],
	    &now, id, &e), &e);
	x.lang = "th-TH";
	emit("quiz-attempted", xapi_quiz_attempted(&x, c, m, reg, &now, id,
	    &e), &e);
	for (i = 0; i < sizeof answers / sizeof answers[0]; i++) {
		memset(&a, 0, sizeof a);
		a.registration = reg;
		a.response = answers[i].response;
		a.patterns = answers[i].patterns;
		for (n = 0; n < 3 && answers[i].patterns[n] != NULL; n++)
			;
		a.npatterns = n;
		a.success = answers[i].success;
		a.raw = answers[i].raw;
		a.duration = (long)i * 7 + 3;	/* shown to answered */
		snprintf(label, sizeof label, "answered-%s",
		    qtype_name(quiz_question(m->quiz, answers[i].qid)->type));
		emit(label, xapi_question_answered(&x, c, m,
		    quiz_question(m->quiz, answers[i].qid), &a, &now, id, &e),
		    &e);
	}
	/*
	 * A review of a missed question (docs/review.md): no registration,
	 * the memory after it as an extension (FSRS values of test_fsrs.c:
	 * good two days after a miss).
	 */
	memset(&a, 0, sizeof a);
	a.response = "false";	/* right, this time */
	a.patterns = answers[2].patterns;
	a.npatterns = 1;
	a.success = 1;
	a.raw = 1;
	a.duration = 4;
	rv.difficulty = 7.1766362;
	rv.stability = 3.4962271;
	rv.reps = 2;
	rv.lapses = 0;
	rv.due = now.tv_sec + 3 * 86400;
	rv.qhash = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	emit("reviewed-true-false", xapi_question_reviewed(&x, c, m,
	    quiz_question(m->quiz, answers[2].qid), &a, &rv, &now, id, &e),
	    &e);
	for (i = 0; i < 3; i++) {
		snprintf(label, sizeof label, "quiz-%s", outcomes[i]);
		emit(label, xapi_quiz_ended(&x, c, m, reg, (enum xapi_outcome)i,
		    &s, 750, &now, id, &e), &e);
	}
	emit("module-completed", xapi_module_completed(&x, c, m, &now, id, &e),
	    &e);
	emit("course-completed", xapi_course_completed(&x, c, 1, &now, id, &e),
	    &e);
	emit("log-practice", xapi_log_entry(&x, XAPI_LOG_PRACTICE,
	    AREA_SERVICE_DESIGN, 90, "ออกแบบแบบฟอร์มใหม่\nกับทีม", &now, 0, id,
	    &e), &e);
	x.platform = NULL;
	x.lang = NULL;
	emit("log-coaching", xapi_log_entry(&x, XAPI_LOG_COACHING,
	    AREA_LEADERSHIP, 30, NULL, &now, 1, id, &e), &e);
	course_free(c);
	return failed;
}
