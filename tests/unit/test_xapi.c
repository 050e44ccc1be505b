#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content/course.h"
#include "base/diag.h"
#include "base/err.h"
#include "content/load.h"
#include "sync/xapi.h"
#include "text/text.h"

#include "helpers.h"

/* A module with every question type (as in test_load.c). */
static const char module_yaml[] =
"id: basics\n"
"title: { th: พื้นฐาน, en: Basics }\n"
"pages:\n"
"  - id: intro\n"
"    title: { th: บทนำ, en: Intro }\n"
"    text: { th: ข้อความ, en: Text }\n"
"  - title: หน้าสอง\n"
"    text: ไม่มีคำแปล\n"
"  - title: { th: ไทยเท่านั้น }\n"
"    text: x\n"
"quiz:\n"
"  id: basics-check\n"
"  pass: 60%\n"
"  questions:\n"
"    - id: q-choice\n"
"      type: choice\n"
"      prompt: { th: เลือก, en: Pick }\n"
"      choices:\n"
"        - { id: a, text: { th: หนึ่ง, en: one } }\n"
"        - { id: b, text: { th: สอง, en: two }, correct: true }\n"
"    - id: q-multi\n"
"      type: multiple\n"
"      prompt: p\n"
"      choices: [{text: a, correct: true}, b, {text: c, correct: true}]\n"
"    - id: q-tf\n"
"      type: true-false\n"
"      prompt: p\n"
"      answer: false\n"
"    - id: q-fill\n"
"      type: fill-in\n"
"      prompt: p\n"
"      answers: [สดช., ONDE]\n"
"    - id: q-num\n"
"      type: numeric\n"
"      prompt: p\n"
"      answer: 12.5\n"
"      tolerance: 0.5\n"
"      points: 2\n"
"    - id: q-match\n"
"      type: matching\n"
"      prompt: p\n"
"      pairs: [{left: ซ้าย, right: ขวา}, {left: c, right: d}]\n"
"    - id: q-order\n"
"      type: ordering\n"
"      prompt: p\n"
"      items: [first, second, third]\n";

#define BASE	"https://learn.example.go.th/xapi"
#define REG	"8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f"

static struct course	*c;
static struct module	*m;
static struct xapi_ctx	 x;
/* 2023-11-14T22:13:20Z and a hair under .124 s: must write .123 */
static const struct timespec when = { 1700000000, 123999999 };

static void
setup(void)
{
	c = load_module_ok("m.yaml", module_yaml);
	c->hours = 1.5;
	memset(c->hash, 'f', 64);
	c->hash[64] = '\0';
	m = &c->modules[0];
	x.homepage = "https://www.example.go.th";
	x.activity_base = BASE;
	x.officer_code = "OC-000123";
	x.lang = "th-TH";
	x.platform = "rianru 0.1.0";
}

static void
teardown(void)
{
	course_free(c);
}

/* Parse 's' (and free it); fails the test if it is not a JSON object. */
static json_t *
parse(char *s)
{
	json_error_t	 je;
	json_t		*j;

	cr_assert_not_null(s);
	j = json_loads(s, JSON_REJECT_DUPLICATES, &je);
	cr_assert_not_null(j, "%s: %s", je.text, s);
	cr_assert(json_is_object(j));
	free(s);
	return j;
}

/* The string at 'path' ("a.b.0.c"), or NULL. */
static const char *
str_at(json_t *j, const char *path)
{
	char	 buf[256], *p, *save = NULL;
	char	*end;
	long	 i;

	snprintf(buf, sizeof buf, "%s", path);
	for (p = strtok_r(buf, ".", &save); p != NULL && j != NULL;
	    p = strtok_r(NULL, ".", &save)) {
		i = strtol(p, &end, 10);
		if (json_is_array(j) && *end == '\0')
			j = json_array_get(j, (size_t)i);
		else
			j = json_object_get(j, p);
	}
	return json_string_value(j);
}

static json_t *
at(json_t *j, const char *path)
{
	char	 buf[256], *p, *save = NULL;
	char	*end;
	long	 i;

	snprintf(buf, sizeof buf, "%s", path);
	for (p = strtok_r(buf, ".", &save); p != NULL && j != NULL;
	    p = strtok_r(NULL, ".", &save)) {
		i = strtol(p, &end, 10);
		if (json_is_array(j) && *end == '\0')
			j = json_array_get(j, (size_t)i);
		else
			j = json_object_get(j, p);
	}
	return j;
}

#define assert_str(j, path, want) do {					\
	const char *got_ = str_at((j), (path));				\
	cr_assert_not_null(got_, "no string at %s", (path));		\
	cr_assert_str_eq(got_, (want), "at %s", (path));		\
} while (0)

/* What every statement shares: id, timestamp, actor, no LRS fields. */
static void
assert_common(json_t *j, const char *id, const char *verb)
{
	char	iri[128];

	assert_str(j, "id", id);
	cr_assert(xapi_is_uuid(id));
	cr_assert_eq(id[14], '4', "version 4: %s", id);
	assert_str(j, "timestamp", "2023-11-14T22:13:20.123Z");
	assert_str(j, "actor.objectType", "Agent");
	cr_assert_eq(json_object_size(at(j, "actor")), 2, "no names");
	assert_str(j, "actor.account.homePage", "https://www.example.go.th");
	assert_str(j, "actor.account.name", "OC-000123");
	snprintf(iri, sizeof iri, "http://adlnet.gov/expapi/verbs/%s", verb);
	assert_str(j, "verb.id", iri);
	cr_assert_not_null(str_at(j, "verb.display.th-TH"));
	assert_str(j, "verb.display.en-US", verb);
	cr_assert_null(at(j, "stored"));
	cr_assert_null(at(j, "authority"));
	cr_assert_null(at(j, "version"));
	assert_str(j, "object.objectType", "Activity");
}

static void
assert_content_context(json_t *j)
{
	assert_str(j, "context.language", "th-TH");
	assert_str(j, "context.platform", "rianru 0.1.0");
	json_t	*ext = at(j, "context.extensions");

	/* keys hold dots, so no str_at() path here */
	cr_assert_eq(json_object_size(ext), x.clock_offset != 0 ? 3 : 2);
	cr_assert_str_eq(json_string_value(json_object_get(ext,
	    BASE "/extension/content-version")), "0.0.0");
	cr_assert_eq(strlen(json_string_value(json_object_get(ext,
	    BASE "/extension/content-hash"))), 64);
}

TestSuite(xapi, .init = setup, .fini = teardown);

Test(xapi, page_experienced)
{
	json_t	*j;
	char	 id[37] = "";
	struct err e;

	j = parse(xapi_page_experienced(&x, c, m, &m->pages[0], &when, id,
	    &e));
	assert_common(j, id, "experienced");
	assert_str(j, "object.id",
	    BASE "/course/preview-basics/module/basics/page/intro");
	assert_str(j, "object.definition.type",
	    "http://adlnet.gov/expapi/activities/lesson");
	assert_str(j, "object.definition.name.th-TH", "บทนำ");
	assert_str(j, "object.definition.name.en-US", "Intro");
	cr_assert_null(at(j, "result"));
	cr_assert_null(at(j, "context.registration"));
	cr_assert_eq(json_array_size(at(j, "context.contextActivities.parent")),
	    1);
	assert_str(j, "context.contextActivities.parent.0.id",
	    BASE "/course/preview-basics/module/basics");
	assert_str(j, "context.contextActivities.parent.0.objectType",
	    "Activity");
	assert_str(j, "context.contextActivities.grouping.0.id",
	    BASE "/course/preview-basics");
	assert_content_context(j);
	json_decref(j);
}

/* A neutral text fills both slots: both keys are written. */
Test(xapi, language_maps_have_the_slots_the_text_has)
{
	json_t	*j;
	char	 id[37];
	struct err e;

	cr_assert_eq(m->pages[1].title.s[LANG_TH],
	    m->pages[1].title.s[LANG_EN]);
	j = parse(xapi_page_experienced(&x, c, m, &m->pages[1], &when, id,
	    &e));
	assert_str(j, "object.definition.name.th-TH", "หน้าสอง");
	assert_str(j, "object.definition.name.en-US", "หน้าสอง");
	json_decref(j);
	j = parse(xapi_page_experienced(&x, c, m, &m->pages[2], &when, id,
	    &e));
	assert_str(j, "object.definition.name.th-TH", "ไทยเท่านั้น");
	cr_assert_null(at(j, "object.definition.name.en-US"));
	json_decref(j);
}

/* Thai stays UTF-8 in the output, keys keep one fixed order. */
Test(xapi, compact_utf8_in_fixed_order)
{
	char		 id[37];
	struct err	 e;
	char		*s;
	const char	*keys[] = { "\"id\"", "\"timestamp\"", "\"actor\"",
	    "\"verb\"", "\"object\"", "\"context\"" };
	const char	*prev, *p;
	size_t		 i;

	s = xapi_page_experienced(&x, c, m, &m->pages[0], &when, id, &e);
	cr_assert_not_null(s);
	cr_assert(strstr(s, "\"th-TH\":\"บทนำ\"") != NULL, "%s", s);
	cr_assert_null(strstr(s, "\\u"));
	cr_assert_null(strchr(s, '\n'));
	cr_assert_null(strstr(s, ": "));
	cr_assert(strncmp(s, "{\"id\":\"", 7) == 0);
	for (prev = s, i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		p = strstr(s, keys[i]);
		cr_assert(p != NULL && p >= prev, "%s out of order", keys[i]);
		prev = p;
	}
	free(s);
}

Test(xapi, ids_are_new_uuids_each_call)
{
	char		 a[37], b[37];
	struct err	 e;

	free(xapi_module_completed(&x, c, m, &when, a, &e));
	free(xapi_module_completed(&x, c, m, &when, b, &e));
	cr_assert(xapi_is_uuid(a) && xapi_is_uuid(b));
	cr_assert_str_neq(a, b);
}

Test(xapi, activity_ids_join_with_one_slash)
{
	static const char *const bases[] = { BASE, BASE "/", BASE "//" };
	json_t		*j;
	char		 id[37];
	struct err	 e;
	size_t		 i;

	for (i = 0; i < 3; i++) {
		x.activity_base = bases[i];
		j = parse(xapi_quiz_attempted(&x, c, m, REG, &when, id, &e));
		assert_str(j, "object.id",
		    BASE "/course/preview-basics/quiz/basics-check");
		assert_str(j, "context.contextActivities.grouping.0.id",
		    BASE "/course/preview-basics");
		assert_content_context(j);
		json_decref(j);
	}
	x.activity_base = "urn:x-rianru:";
	j = parse(xapi_course_completed(&x, c, -1, &when, id, &e));
	assert_str(j, "object.id", "urn:x-rianru:/course/preview-basics");
	cr_assert_null(at(j, "result.success"));
	json_decref(j);
}

/* Answer 'qid' and return the parsed statement after the shared checks. */
static json_t *
answer(const char *qid, const char *response, const char *pattern,
    int success, double raw, long duration)
{
	const char		*pats[] = { pattern };
	struct xapi_answer	 a = { REG, response, pats, 1, success, raw,
	    duration };
	const struct question	*q = quiz_question(m->quiz, qid);
	char			 id[37], iri[256];
	struct err		 e;
	json_t			*j;
	char			*s;

	cr_assert_not_null(q);
	s = xapi_question_answered(&x, c, m, q, &a, &when, id, &e);
	cr_assert_not_null(s, "%s", e.msg);
	j = parse(s);
	assert_common(j, id, "answered");
	snprintf(iri, sizeof iri, "%s/course/preview-basics/quiz/basics-check"
	    "/question/%s", BASE, qid);
	assert_str(j, "object.id", iri);
	assert_str(j, "object.definition.type",
	    "http://adlnet.gov/expapi/activities/cmi.interaction");
	cr_assert_eq(json_array_size(at(j,
	    "object.definition.correctResponsesPattern")), 1);
	assert_str(j, "object.definition.correctResponsesPattern.0", pattern);
	assert_str(j, "result.response", response);
	cr_assert(json_is_boolean(at(j, "result.success")));
	cr_assert_eq(json_is_true(at(j, "result.success")), success);
	cr_assert_float_eq(json_number_value(at(j, "result.score.raw")), raw,
	    1e-9);
	cr_assert_float_eq(json_number_value(at(j, "result.score.min")), 0,
	    1e-9);
	cr_assert_float_eq(json_number_value(at(j, "result.score.max")),
	    q->points, 1e-9);
	cr_assert_float_eq(json_number_value(at(j, "result.score.scaled")),
	    raw / q->points, 1e-9);
	if (duration < 0)
		cr_assert_null(at(j, "result.duration"));
	assert_str(j, "context.registration", REG);
	assert_str(j, "context.contextActivities.parent.0.id",
	    BASE "/course/preview-basics/quiz/basics-check");
	cr_assert_eq(json_array_size(at(j,
	    "context.contextActivities.grouping")), 2);
	assert_str(j, "context.contextActivities.grouping.0.id",
	    BASE "/course/preview-basics/module/basics");
	assert_str(j, "context.contextActivities.grouping.1.id",
	    BASE "/course/preview-basics");
	assert_content_context(j);
	return j;
}

Test(xapi, answered_choice)
{
	json_t	*j = answer("q-choice", "b", "b", 1, 1, -1);

	assert_str(j, "object.definition.interactionType", "choice");
	assert_str(j, "object.definition.description.en-US", "Pick");
	assert_str(j, "object.definition.name.en-US", "Pick");
	assert_str(j, "object.definition.name.th-TH", "เลือก");
	cr_assert_eq(json_array_size(at(j, "object.definition.choices")), 2);
	assert_str(j, "object.definition.choices.0.id", "a");
	assert_str(j, "object.definition.choices.1.id", "b");
	assert_str(j, "object.definition.choices.1.description.th-TH", "สอง");
	assert_str(j, "object.definition.choices.1.description.en-US", "two");
	cr_assert_null(at(j, "object.definition.source"));
	json_decref(j);
}

Test(xapi, answered_multiple_is_a_choice_interaction)
{
	json_t	*j = answer("q-multi", "a[,]b", "a[,]c", 0, 0, 12);

	assert_str(j, "object.definition.interactionType", "choice");
	cr_assert_eq(json_array_size(at(j, "object.definition.choices")), 3);
	assert_str(j, "object.definition.choices.2.id", "c");
	assert_str(j, "result.duration", "PT12S");
	json_decref(j);
}

Test(xapi, answered_true_false)
{
	json_t	*j = answer("q-tf", "false", "false", 1, 1, 75);

	assert_str(j, "object.definition.interactionType", "true-false");
	cr_assert_null(at(j, "object.definition.choices"));
	assert_str(j, "result.duration", "PT1M15S");
	json_decref(j);
}

Test(xapi, answered_fill_in)
{
	json_t	*j = answer("q-fill", "สดช.", "{case_matters=false}สดช.", 1,
	    1, -1);

	assert_str(j, "object.definition.interactionType", "fill-in");
	cr_assert_null(at(j, "object.definition.choices"));
	json_decref(j);
}

Test(xapi, answered_numeric)
{
	json_t	*j = answer("q-num", "12.5", "12[:]13", 1, 2, -1);

	assert_str(j, "object.definition.interactionType", "numeric");
	cr_assert_float_eq(json_number_value(at(j, "result.score.max")), 2,
	    1e-9);
	json_decref(j);
	j = answer("q-num", "-3", "12.5", 0, 0, -1);
	json_decref(j);
	j = answer("q-num", "1e3", "[:]13", 0, 0.5, -1);
	cr_assert_float_eq(json_number_value(at(j, "result.score.scaled")),
	    0.25, 1e-9);
	json_decref(j);
}

Test(xapi, answered_matching_has_source_and_target)
{
	json_t	*j = answer("q-match", "1[.]1[,]2[.]2", "1[.]1[,]2[.]2", 1,
	    1, -1);

	assert_str(j, "object.definition.interactionType", "matching");
	cr_assert_null(at(j, "object.definition.choices"));
	assert_str(j, "object.definition.source.0.id", "1");
	assert_str(j, "object.definition.source.0.description.th-TH", "ซ้าย");
	assert_str(j, "object.definition.source.1.id", "2");
	assert_str(j, "object.definition.target.0.id", "1");
	assert_str(j, "object.definition.target.0.description.th-TH", "ขวา");
	assert_str(j, "object.definition.target.1.description.en-US", "d");
	json_decref(j);
}

Test(xapi, answered_ordering_is_sequencing)
{
	json_t	*j = answer("q-order", "2[,]1[,]3", "1[,]2[,]3", 0, 0, -1);

	assert_str(j, "object.definition.interactionType", "sequencing");
	assert_str(j, "object.definition.choices.1.id", "2");
	assert_str(j, "object.definition.choices.1.description.en-US",
	    "second");
	json_decref(j);
}

Test(xapi, several_patterns_and_an_empty_choice)
{
	const char		*pats[] = { "สดช.", "ONDE" };
	struct xapi_answer	 a = { REG, "", pats, 2, 0, 0, -1 };
	char			 id[37];
	struct err		 e;
	json_t			*j;

	j = parse(xapi_question_answered(&x, c, m, quiz_question(m->quiz,
	    "q-fill"), &a, &when, id, &e));
	assert_str(j, "object.definition.correctResponsesPattern.1", "ONDE");
	assert_str(j, "result.response", "");
	json_decref(j);
	pats[0] = "a[,]c";
	a.npatterns = 1;
	j = parse(xapi_question_answered(&x, c, m, quiz_question(m->quiz,
	    "q-multi"), &a, &when, id, &e));
	assert_str(j, "result.response", "");
	json_decref(j);
}

/* Each bad answer is refused with a message and nothing written. */
Test(xapi, bad_answers_are_refused)
{
	static const struct {
		const char	*qid, *response, *pattern, *reg;
		double		 raw;
		const char	*msg;
	} bad[] = {
		{ "q-choice", "z", "b", REG, 0, "names no choice" },
		{ "q-choice", "a[,]b", "b", REG, 0, "more than one choice" },
		{ "q-choice", "b", "x", REG, 1, "names no choice" },
		{ "q-multi", "a,c", "a[,]c", REG, 0, "names no choice" },
		{ "q-tf", "yes", "false", REG, 0, "want true or false" },
		{ "q-num", "12,5", "12[:]13", REG, 0, "numeric" },
		{ "q-num", "12[:]13", "12[:]13", REG, 0, "numeric" },
		{ "q-num", "12", "[:]", REG, 0, "numeric" },
		{ "q-match", "1[.]3", "1[.]1[,]2[.]2", REG, 0, "matching" },
		{ "q-match", "1", "1[.]1[,]2[.]2", REG, 0, "matching" },
		{ "q-order", "1[,]4", "1[,]2[,]3", REG, 0, "names no choice" },
		{ "q-choice", "b", "b", "attempt-1", 1, "registration" },
		{ "q-choice", "b", "b", NULL, 1, "registration" },
		{ "q-choice", "b", "b", REG, 1.5, "outside 0..1" },
		{ "q-choice", "b", "b", REG, -1, "outside 0..1" },
		{ "q-choice", NULL, "b", REG, 1, "has no response" },
	};
	const char		*pats[1];
	struct xapi_answer	 a;
	char			 id[37];
	struct err		 e;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		pats[0] = bad[i].pattern;
		memset(&a, 0, sizeof a);
		a.registration = bad[i].reg;
		a.response = bad[i].response;
		a.patterns = pats;
		a.npatterns = 1;
		a.raw = bad[i].raw;
		a.duration = -1;
		strcpy(id, "untouched");
		err_clear(&e);
		cr_assert_null(xapi_question_answered(&x, c, m,
		    quiz_question(m->quiz, bad[i].qid), &a, &when, id, &e),
		    "case %zu", i);
		cr_assert(strstr(e.msg, bad[i].msg) != NULL, "case %zu: %s",
		    i, e.msg);
		cr_assert_str_eq(id, "untouched");
	}
	a.response = "b";
	a.registration = REG;
	a.npatterns = 0;
	cr_assert_null(xapi_question_answered(&x, c, m, quiz_question(m->quiz,
	    "q-choice"), &a, &when, id, &e));
	cr_assert(strstr(e.msg, "no correct response pattern") != NULL);
}

Test(xapi, quiz_attempted)
{
	json_t	*j;
	char	 id[37];
	struct err e;

	j = parse(xapi_quiz_attempted(&x, c, m, REG, &when, id, &e));
	assert_common(j, id, "attempted");
	assert_str(j, "object.definition.type",
	    "http://adlnet.gov/expapi/activities/assessment");
	assert_str(j, "object.definition.name.en-US", "Basics");
	cr_assert_null(at(j, "result"));
	assert_str(j, "context.registration", REG);
	assert_str(j, "context.contextActivities.parent.0.id",
	    BASE "/course/preview-basics/module/basics");
	assert_content_context(j);
	json_decref(j);
}

Test(xapi, quiz_passed_failed_completed)
{
	static const char *const verbs[] = { "passed", "failed",
	    "completed" };
	struct xapi_score	 s = { 3, 5 };	/* exactly the 60% pass mark */
	json_t			*j;
	char			 id[37];
	struct err		 e;
	int			 o;

	for (o = XAPI_PASSED; o <= XAPI_COMPLETED; o++) {
		j = parse(xapi_quiz_ended(&x, c, m, REG, (enum xapi_outcome)o,
		    &s, 750, &when, id, &e));
		assert_common(j, id, verbs[o]);
		assert_str(j, "object.id",
		    BASE "/course/preview-basics/quiz/basics-check");
		cr_assert_float_eq(json_number_value(at(j,
		    "result.score.scaled")), 0.6, 1e-12);
		cr_assert_float_eq(json_number_value(at(j, "result.score.raw")),
		    3, 1e-12);
		cr_assert_float_eq(json_number_value(at(j, "result.score.max")),
		    5, 1e-12);
		cr_assert_float_eq(json_number_value(at(j, "result.score.min")),
		    0, 1e-12);
		if (o == XAPI_COMPLETED)
			cr_assert_null(at(j, "result.success"));
		else
			cr_assert_eq(json_is_true(at(j, "result.success")),
			    o == XAPI_PASSED);
		cr_assert(json_is_true(at(j, "result.completion")));
		assert_str(j, "result.duration", "PT12M30S");
		assert_str(j, "context.registration", REG);
		assert_content_context(j);
		json_decref(j);
	}
}

Test(xapi, scaled_is_written_short)
{
	struct xapi_score	 s = { 3, 5 };
	char			 id[37];
	struct err		 e;
	char			*j;

	j = xapi_quiz_ended(&x, c, m, REG, XAPI_FAILED, &s, 0, &when, id, &e);
	cr_assert(strstr(j, "\"scaled\":0.6,") != NULL, "%s", j);
	cr_assert(strstr(j, "\"duration\":\"PT0S\"") != NULL, "%s", j);
	free(j);
}

Test(xapi, passed_below_the_pass_mark_is_refused)
{
	struct xapi_score	 s = { 2.9, 5 };
	char			 id[37];
	struct err		 e;

	cr_assert_null(xapi_quiz_ended(&x, c, m, REG, XAPI_PASSED, &s, 10,
	    &when, id, &e));
	cr_assert(strstr(e.msg, "below its pass mark of 60%") != NULL, "%s",
	    e.msg);
	s.raw = 6;
	cr_assert_null(xapi_quiz_ended(&x, c, m, REG, XAPI_FAILED, &s, 10,
	    &when, id, &e));
	s.raw = 1;
	s.max = 0;
	cr_assert_null(xapi_quiz_ended(&x, c, m, REG, XAPI_FAILED, &s, 10,
	    &when, id, &e));
	s.max = 5;
	cr_assert_null(xapi_quiz_ended(&x, c, m, REG, XAPI_FAILED, &s, -1,
	    &when, id, &e));
}

Test(xapi, module_completed)
{
	json_t	*j;
	char	 id[37];
	struct err e;

	j = parse(xapi_module_completed(&x, c, m, &when, id, &e));
	assert_common(j, id, "completed");
	assert_str(j, "object.id", BASE "/course/preview-basics/module/basics");
	assert_str(j, "object.definition.type",
	    "http://adlnet.gov/expapi/activities/module");
	assert_str(j, "object.definition.name.th-TH", "พื้นฐาน");
	cr_assert(json_is_true(at(j, "result.completion")));
	assert_str(j, "context.contextActivities.parent.0.id",
	    BASE "/course/preview-basics");
	cr_assert_null(at(j, "context.contextActivities.grouping"));
	assert_content_context(j);
	json_decref(j);
}

Test(xapi, course_completed_credits_hours)
{
	json_t	*j;
	char	 id[37];
	struct err e;

	j = parse(xapi_course_completed(&x, c, 1, &when, id, &e));
	assert_common(j, id, "completed");
	cr_assert(json_is_true(at(j, "result.success")));
	assert_str(j, "object.id", BASE "/course/preview-basics");
	assert_str(j, "object.definition.type",
	    "http://adlnet.gov/expapi/activities/course");
	cr_assert(json_is_true(at(j, "result.completion")));
	cr_assert_float_eq(json_number_value(json_object_get(at(j,
	    "result.extensions"), BASE "/extension/credited-hours")), 1.5,
	    1e-12);
	cr_assert_null(at(j, "context.contextActivities"));
	assert_content_context(j);
	json_decref(j);
}

Test(xapi, log_entries)
{
	json_t	*j;
	char	 id[37];
	struct err e;

	j = parse(xapi_log_entry(&x, XAPI_LOG_PRACTICE, AREA_PROJECT, 90,
	    "ทำแผน\nกับทีม", &when, 0, id, &e));
	assert_common(j, id, "experienced");
	assert_str(j, "object.id", BASE "/practice/project-management");
	assert_str(j, "object.definition.type",
	    "http://adlnet.gov/expapi/activities/performance");
	assert_str(j, "object.definition.name.en-US",
	    "On-the-job practice: Planning and project management");
	assert_str(j, "result.response", "ทำแผน\nกับทีม");
	assert_str(j, "result.duration", "PT1H30M");
	cr_assert_null(at(j, "context.extensions"));
	json_decref(j);
	x.lang = NULL;
	x.platform = NULL;
	j = parse(xapi_log_entry(&x, XAPI_LOG_COACHING, AREA_LEADERSHIP, 30,
	    NULL, &when, 1, id, &e));
	assert_common(j, id, "attended");
	assert_str(j, "object.id", BASE "/coaching/digital-leadership");
	assert_str(j, "object.definition.type",
	    "http://adlnet.gov/expapi/activities/meeting");
	cr_assert_null(at(j, "result.response"));
	/* a dated entry: the time of day is not known */
	cr_assert_str_eq(json_string_value(json_object_get(at(j,
	    "context.extensions"), BASE "/extension/time-of-day")), "unknown");
	cr_assert_null(at(j, "context.language"));
	json_decref(j);
	cr_assert_null(xapi_log_entry(&x, XAPI_LOG_COACHING, AREA_LEADERSHIP,
	    0, NULL, &when, 0, id, &e));
	cr_assert_null(xapi_log_entry(&x, XAPI_LOG_COACHING, AREA_COUNT, 5,
	    NULL, &when, 0, id, &e));
	cr_assert_null(xapi_log_entry(&x, XAPI_LOG_COACHING, AREA_LEADERSHIP,
	    5, "\xe0\xb8", &when, 0, id, &e));
	cr_assert(strstr(e.msg, "not UTF-8") != NULL, "%s", e.msg);
}

Test(xapi, bad_context_and_content_are_refused)
{
	struct xapi_ctx	 y;
	struct module	 other = { 0 };
	struct page	 stray = { 0 };
	struct timespec	 t = when;
	char		 id[37] = "untouched";
	struct err	 e;

	y = x;
	y.officer_code = "";
	cr_assert_null(xapi_module_completed(&y, c, m, &when, id, &e));
	cr_assert(strstr(e.msg, "officer code") != NULL);
	y = x;
	y.officer_code = "OC\xff";
	cr_assert_null(xapi_module_completed(&y, c, m, &when, id, &e));
	cr_assert(strstr(e.msg, "not UTF-8") != NULL, "%s", e.msg);
	y = x;
	y.activity_base = "learn.example.go.th";
	cr_assert_null(xapi_module_completed(&y, c, m, &when, id, &e));
	cr_assert(strstr(e.msg, "activity base") != NULL);
	y = x;
	y.homepage = NULL;
	cr_assert_null(xapi_module_completed(&y, c, m, &when, id, &e));
	y = x;
	y.lang = "th TH";
	cr_assert_null(xapi_module_completed(&y, c, m, &when, id, &e));
	cr_assert_null(xapi_module_completed(NULL, c, m, &when, id, &e));
	cr_assert_null(xapi_module_completed(&x, c, &other, &when, id, &e));
	cr_assert(strstr(e.msg, "is not in course") != NULL);
	cr_assert_null(xapi_page_experienced(&x, c, m, &stray, &when, id,
	    &e));
	cr_assert(strstr(e.msg, "is not in module") != NULL);
	t.tv_nsec = 1000000000L;
	cr_assert_null(xapi_module_completed(&x, c, m, &t, id, &e));
	cr_assert_null(xapi_module_completed(&x, c, m, NULL, id, &e));
	cr_assert_str_eq(id, "untouched");
}

Test(xapi, timestamps_truncate_and_never_run_ahead)
{
	struct timespec	 t = { 0, 999999999 };
	char		 out[25];
	struct err	 e;

	cr_assert_eq(xapi_timestamp(&t, out, &e), 0);
	cr_assert_str_eq(out, "1970-01-01T00:00:00.999Z");
	t.tv_sec = 1795461600;	/* 2026-11-23 */
	t.tv_nsec = 0;
	cr_assert_eq(xapi_timestamp(&t, out, &e), 0);
	cr_assert_str_eq(out, "2026-11-23T19:20:00.000Z");
	t.tv_nsec = 123456789;
	cr_assert_eq(xapi_timestamp(&t, out, &e), 0);
	cr_assert_str_eq(out, "2026-11-23T19:20:00.123Z");
	t.tv_nsec = -1;
	cr_assert_eq(xapi_timestamp(&t, out, &e), -1);
	t.tv_nsec = 0;
	t.tv_sec = -1;
	cr_assert_eq(xapi_timestamp(&t, out, &e), -1);
}

Test(xapi, durations)
{
	static const struct {
		long		 s;
		const char	*want;
	} d[] = {
		{ 0, "PT0S" }, { 59, "PT59S" }, { 60, "PT1M" },
		{ 750, "PT12M30S" }, { 3600, "PT1H" }, { 3723, "PT1H2M3S" },
		{ 90000, "PT25H" },
	};
	char		out[32];
	struct err	e;
	size_t		i;

	for (i = 0; i < sizeof d / sizeof d[0]; i++) {
		cr_assert_eq(xapi_duration(d[i].s, out, &e), 0);
		cr_assert_str_eq(out, d[i].want);
	}
	cr_assert_eq(xapi_duration(-1, out, &e), -1);
}

Test(xapi, uuids)
{
	cr_assert(xapi_is_uuid(REG));
	cr_assert(xapi_is_uuid("8F1C2D3E-4B5A-4C6D-BE7F-0A1B2C3D4E5F"));
	cr_assert(!xapi_is_uuid("8f1c2d3e-4b5a-4c6d-0e7f-0a1b2c3d4e5f"));
	cr_assert(!xapi_is_uuid("8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5"));
	cr_assert(!xapi_is_uuid("8f1c2d3e-4b5a-4c6d-9e7f-0a1b2c3d4e5f0"));
	cr_assert(!xapi_is_uuid("8f1c2d3e4b5a-4c6d-9e7f-0a1b2c3d4e5f-"));
	cr_assert(!xapi_is_uuid(""));
}

Test(xapi, a_question_is_named_by_its_prompt_shortened_whole_cells)
{
	static const char yaml[] =
"id: m\n"
"title: M\n"
"pages:\n"
"  - { title: P, text: x }\n"
"quiz:\n"
"  id: z\n"
"  questions:\n"
"    - id: long\n"
"      type: true-false\n"
"      prompt:\n"
"        th: \"ข้าราชการที่ได้รับอีเมลแจ้งว่ารหัสผ่านของระบบสารบรรณอิเล็กทรอนิกส์\n"
"          จะหมดอายุภายในวันนี้ และให้คลิกลิงก์เพื่อเปลี่ยนรหัสผ่านทันที ควรทำอย่างไร\"\n"
"        en: \"An officer gets an e-mail saying the password of the e-document\n"
"          system expires today and to click a link to change it now: what to do?\"\n"
"      answer: false\n";
	const char		*pats[] = { "false" };
	struct xapi_answer	 a = { REG, "false", pats, 1, 1, 1, 12 };
	struct course		*lc;
	struct diags		 d;
	struct err		 e;
	const char		*th, *en;
	char			 id[37];
	json_t			*j;

	diags_init(&d);
	lc = load_module_mem("m.yaml", yaml, strlen(yaml), &d);
	diags_release(&d);
	cr_assert_not_null(lc);
	j = parse(xapi_question_answered(&x, lc, &lc->modules[0],
	    quiz_question(lc->modules[0].quiz, "long"), &a, &when, id, &e));
	th = str_at(j, "object.definition.name.th-TH");
	en = str_at(j, "object.definition.name.en-US");
	cr_assert_not_null(th);
	cr_assert_not_null(en);
	/* one line, at most 60 cells, cut with an ellipsis */
	cr_assert_null(strchr(th, '\n'));
	cr_assert_leq(text_width(th, strlen(th)), 60, "%s", th);
	cr_assert_leq(text_width(en, strlen(en)), 60, "%s", en);
	cr_assert(strstr(th, "…") != NULL && strstr(en, "…") != NULL);
	cr_assert_eq(strncmp(en, "An officer gets an e-mail saying the password",
	    45), 0, "%s", en);
	/* never a Thai mark without its base: what is kept is whole cells */
	cr_assert_eq(strncmp(th, "ข้าราชการที่ได้รับอีเมล", strlen(
	    "ข้าราชการที่ได้รับอีเมล")), 0, "%s", th);
	cr_assert(!text_starts_with_mark(th + strlen(th) - strlen("…")),
	    "%s", th);
	/* the description keeps the whole prompt; the duration is given */
	cr_assert_not_null(strstr(str_at(j, "object.definition.description.en-US"),
	    "what to do?"));
	assert_str(j, "result.duration", "PT12S");
	json_decref(j);
	course_free(lc);
}

Test(xapi, a_clock_known_to_be_off_is_said_and_the_time_kept)
{
	json_t	*j, *ext;
	char	 id[37];
	struct err e;

	x.clock_offset = -10800;
	j = parse(xapi_log_entry(&x, XAPI_LOG_PRACTICE, AREA_PROJECT, 30,
	    NULL, &when, 1, id, &e));
	ext = at(j, "context.extensions");
	cr_assert_eq(json_integer_value(json_object_get(ext,
	    BASE "/extension/clock-offset")), -10800);
	cr_assert_str_eq(json_string_value(json_object_get(ext,
	    BASE "/extension/time-of-day")), "unknown");
	assert_str(j, "timestamp", "2023-11-14T22:13:20.123Z");
	json_decref(j);
	j = answer("q-choice", "b", "b", 1, 1, 5);
	cr_assert_eq(json_integer_value(json_object_get(at(j,
	    "context.extensions"), BASE "/extension/clock-offset")), -10800);
	json_decref(j);
	x.clock_offset = 0;
}
