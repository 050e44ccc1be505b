#include "content/qtype.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"

/* Every type's ops, by enum qtype, from the list in course.h. */
static const struct qtype_ops *const qtype_table[Q_TYPE_COUNT] = {
#define QTYPE_ENTRY(NAME, name)	[Q_##NAME] = &qtype_##name,
	QTYPES(QTYPE_ENTRY)
#undef QTYPE_ENTRY
};

const struct qtype_ops *
qtype_ops(enum qtype t)
{
	return (unsigned)t < Q_TYPE_COUNT ? qtype_table[t] : NULL;
}

const char *
qtype_name(enum qtype t)
{
	const struct qtype_ops	*ops = qtype_ops(t);

	return ops != NULL ? ops->name : NULL;
}

size_t
qtype_nparts(const struct question *q)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	return ops != NULL && ops->part_kind != NULL ? ops->nparts(q) : 0;
}

const char *
qtype_part_id(const struct question *q, size_t i)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	return ops != NULL && ops->part_kind != NULL ? ops->part_id(q, i) : "";
}

const char *
qtype_part_kind(const struct question *q)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	return ops != NULL && ops->part_kind != NULL ? ops->part_kind :
	    "choice";
}

size_t
qtype_part_find(const struct question *q, const char *s, size_t len)
{
	const char	*id;
	size_t		 i, n = qtype_nparts(q);

	for (i = 0; i < n; i++) {
		id = qtype_part_id(q, i);
		if (id != NULL && strlen(id) == len && memcmp(id, s, len) == 0)
			return i;
	}
	return QTYPE_NONE;
}

void
qtype_response_init(struct qtype_response *r, const struct question *q)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	memset(r, 0, sizeof *r);
	r->type = q->type;
	r->truth = -1;
	r->text = xstrdup("");
	if (ops != NULL && ops->response_init != NULL)
		ops->response_init(r, q);
}

void
qtype_response_release(struct qtype_response *r)
{
	free(r->sel);
	free(r->text);
	r->sel = NULL;
	r->nsel = 0;
	r->text = NULL;
}

int
qtype_response_empty(const struct qtype_response *r)
{
	const struct qtype_ops	*ops = qtype_ops(r->type);

	return ops == NULL || ops->response_empty(r);
}

int
qtype_response_parse(const struct question *q, const char *resp,
    struct qtype_response *r, struct err *e)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);

	qtype_response_init(r, q);
	if (resp == NULL || *resp == '\0')
		return 0;
	if (ops == NULL)
		err_set(e, "question '%s' has an unknown type", q->id);
	else if (ops->response_parse(q, resp, r, e) == 0)
		return 0;
	qtype_response_release(r);
	qtype_response_init(r, q);
	return -1;
}

int
qtype_response_encode(const struct question *q,
    const struct qtype_response *r, struct buf *out, struct err *e)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);
	struct buf		 tmp;
	int			 rc;

	if (ops == NULL)
		return err_set(e, "question '%s' has an unknown type", q->id);
	if (r->type != q->type)
		return err_set(e, "response is for a %s question, but '%s' is "
		    "a %s question", qtype_name(r->type) ? qtype_name(r->type)
		    : "unknown", q->id, qtype_name(q->type));
	if (qtype_response_empty(r))
		return 0;
	/* into a scratch buffer, so a failure appends nothing */
	buf_init(&tmp);
	if ((rc = ops->response_encode(q, r, &tmp, e)) == 0)
		buf_add(out, tmp.data, tmp.len);
	buf_release(&tmp);
	return rc;
}
