#include <criterion/criterion.h>
#include <string.h>

#include "content/course.h"
#include "content/qtype.h"

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
