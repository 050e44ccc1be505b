#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/buf.h"
#include "base/err.h"
#include "content/codec.h"
#include "content/course.h"
#include "content/load.h"
#include "content/qtype.h"

static const char module_yaml[] =
"id: m\n"
"title: M\n"
"quiz:\n"
"  id: m-quiz\n"
"  questions:\n"
"    - id: q-choice\n"
"      type: choice\n"
"      prompt: P\n"
"      choices: [{ text: a, correct: true }, b]\n"
"    - id: q-num\n"
"      type: numeric\n"
"      prompt: P\n"
"      answer: 12.5\n"
"      tolerance: 0.5\n"
"      unit: { th: บาท, en: baht }\n";

static struct course *
load(void)
{
	struct diags	 d;
	struct course	*c;

	diags_init(&d);
	c = load_module_mem("m.yaml", module_yaml, strlen(module_yaml), &d);
	cr_assert_not_null(c);
	cr_assert_eq(d.nerrors, 0);
	diags_release(&d);
	return c;
}

/*
 * The table of question types is complete: every type has its ops, they
 * say which type they are, and the ops a type's fields call for are
 * there. A type added to the enum without its file fails here (and
 * qtype_ops() fails -Wswitch).
 */
Test(qtype, every_type_has_its_ops)
{
	const struct qtype_ops	*ops;
	int			 t, u;

	for (t = 0; t < Q_TYPE_COUNT; t++) {
		ops = qtype_ops((enum qtype)t);
		cr_assert_not_null(ops, "type %d has no ops", t);
		cr_assert_eq(ops->type, (enum qtype)t);
		cr_assert_not_null(ops->name);
		cr_assert_str_eq(qtype_name((enum qtype)t), ops->name);
		cr_assert_not_null(ops->interaction, "%s", ops->name);
		cr_assert_not_null(ops->keys, "%s", ops->name);
		cr_assert_not_null(ops->load, "%s", ops->name);
		cr_assert_not_null(ops->response_empty, "%s", ops->name);
		cr_assert_not_null(ops->response_parse, "%s", ops->name);
		cr_assert_not_null(ops->response_encode, "%s", ops->name);
		cr_assert_not_null(ops->npatterns, "%s", ops->name);
		cr_assert_not_null(ops->pattern, "%s", ops->name);
		cr_assert_not_null(ops->score, "%s", ops->name);
		cr_assert_not_null(ops->record_encode, "%s", ops->name);
		cr_assert_not_null(ops->record_decode, "%s", ops->name);
		cr_assert_not_null(ops->record_check, "%s", ops->name);
		/* parts: all three or none, and an order only with parts */
		cr_assert_eq(ops->part_kind != NULL, ops->nparts != NULL,
		    "%s", ops->name);
		cr_assert_eq(ops->part_kind != NULL, ops->part_id != NULL,
		    "%s", ops->name);
		cr_assert_eq(ops->part_kind != NULL,
		    ops->order != QORDER_NONE, "%s", ops->name);
		/* components name parts */
		cr_assert_eq(ops->lists != NULL, ops->component != NULL,
		    "%s", ops->name);
		if (ops->lists != NULL)
			cr_assert_not_null(ops->part_kind, "%s", ops->name);
		for (u = 0; u < t; u++)
			cr_assert_str_neq(qtype_name((enum qtype)u), ops->name);
	}
	cr_assert_null(qtype_ops(Q_TYPE_COUNT));
	cr_assert_null(qtype_name(Q_TYPE_COUNT));
}

/* The xAPI interaction types the statements have always named. */
Test(qtype, interaction_types)
{
	static const char *const want[Q_TYPE_COUNT] = {
		[Q_CHOICE] = "choice", [Q_MULTIPLE] = "choice",
		[Q_TRUE_FALSE] = "true-false", [Q_FILL_IN] = "fill-in",
		[Q_NUMERIC] = "numeric", [Q_MATCHING] = "matching",
		[Q_ORDERING] = "sequencing",
	};
	int	t;

	for (t = 0; t < Q_TYPE_COUNT; t++)
		cr_assert_str_eq(qtype_ops((enum qtype)t)->interaction, want[t]);
}

/*
 * The pack codec (codec.h) keeps each question's own fields through a
 * round trip, and the fields of other types stay empty.
 */
Test(qtype, codec_keeps_only_the_types_fields)
{
	struct course		*c = load(), *back;
	struct question		*q;
	struct buf		 b;
	struct err		 e;

	/* what a course folder has and a lone module file lacks */
	memset(c->hash, 'a', 64);
	c->version = "1.0.0";
	c->audience = 1;
	c->hours = 1;
	buf_init(&b);
	codec_encode(c, 0, &b);
	err_clear(&e);
	back = codec_decode(b.data, b.len, 0, "m", &e);
	cr_assert_not_null(back, "%s", e.msg);
	q = back->modules[0].quiz->questions;
	cr_assert_eq(q[0].nchoices, 2);
	cr_assert_str_eq(q[0].choices[1].text.s[LANG_EN], "b");
	cr_assert(q[0].choices[0].correct);
	cr_assert_null(q[0].pairs);
	cr_assert_eq(q[0].npairs, 0);
	cr_assert_float_eq(q[1].answer_num, 12.5, 1e-9);
	cr_assert_float_eq(q[1].tolerance, 0.5, 1e-9);
	cr_assert_str_eq(q[1].unit.s[LANG_TH], "บาท");
	cr_assert_null(q[1].choices);
	cr_assert_eq(q[1].nchoices, 0);
	course_free(back);
	buf_release(&b);
	course_free(c);
}
