#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "content/cmodel.h"
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

/* Read a copy of w's bytes; the copy is *keep (caller frees). */
static struct course *
read_copy(const struct cmodel_w *w, unsigned char **keep)
{
	struct cmodel_r	r;

	*keep = malloc(w->len);
	cr_assert_not_null(*keep);
	memcpy(*keep, w->p, w->len);
	memset(&r, 0, sizeof r);
	r.base = *keep;
	r.len = w->len;
	return cmodel_read(&r);
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
		cr_assert_not_null(ops->model_put, "%s", ops->name);
		cr_assert_not_null(ops->model_get, "%s", ops->name);
		cr_assert_not_null(ops->response_empty, "%s", ops->name);
		cr_assert_not_null(ops->response_parse, "%s", ops->name);
		cr_assert_not_null(ops->response_encode, "%s", ops->name);
		cr_assert_not_null(ops->npatterns, "%s", ops->name);
		cr_assert_not_null(ops->pattern, "%s", ops->name);
		cr_assert_not_null(ops->score, "%s", ops->name);
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
 * The codec codes each question's fields through its type's ops: a round
 * trip keeps them, and a field of another type stored in the block (a
 * damaged or forged cache) is cleared, never handed out unrelocated.
 */
Test(qtype, model_codes_only_the_types_fields)
{
	struct course		*c = load(), *back;
	struct cmodel_w		 w;
	struct question		*q;
	unsigned char		*b1, *b2;
	size_t			 off;

	memset(&w, 0, sizeof w);
	cmodel_write(&w, c);
	back = read_copy(&w, &b1);
	cr_assert_not_null(back);
	q = back->modules[0].quiz->questions;
	cr_assert_eq(q[0].nchoices, 2);
	cr_assert_str_eq(q[0].choices[1].text.s[LANG_EN], "b");
	cr_assert(q[0].choices[0].correct);
	cr_assert_float_eq(q[1].answer_num, 12.5, 1e-9);
	cr_assert_float_eq(q[1].tolerance, 0.5, 1e-9);
	cr_assert_str_eq(q[1].unit.s[LANG_TH], "บาท");
	cr_assert_null(q[1].choices);

	/* a stray pairs pointer in the choice question, and choices in the
	 * numeric one: both cleared */
	off = (size_t)((unsigned char *)q - b1);
	q = (struct question *)(void *)(w.p + off);
	q[0].pairs = (struct match_pair *)(uintptr_t)0x7fff0001;
	q[0].npairs = 3;
	q[1].choices = (struct choice *)(uintptr_t)0x7fff0001;
	q[1].nchoices = 9;
	back = read_copy(&w, &b2);
	cr_assert_not_null(back);
	q = back->modules[0].quiz->questions;
	cr_assert_null(q[0].pairs);
	cr_assert_eq(q[0].npairs, 0);
	cr_assert_eq(q[0].nchoices, 2);
	cr_assert_null(q[1].choices);
	cr_assert_eq(q[1].nchoices, 0);
	cr_assert_float_eq(q[1].answer_num, 12.5, 1e-9);

	free(b1);
	free(b2);
	cmodel_w_release(&w);
	course_free(c);
}
