#include "report/personal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "store/store_privacy.h"

/* One row as an object in the table's array of 'root'. */
static int
personal_row(void *arg, const char *table, const struct store_cell *cells,
    int n, struct err *e)
{
	json_t	*root = arg, *arr, *row, *v;
	int	 i;

	if ((arr = json_object_get(root, table)) == NULL) {
		arr = json_array();
		json_object_set_new(root, table, arr);
	}
	row = json_object();
	for (i = 0; i < n; i++) {
		const struct store_cell	*c = &cells[i];

		switch (c->type) {
		case STORE_CELL_INT:
			v = json_integer(c->i);
			break;
		case STORE_CELL_REAL:
			v = json_real(c->d);
			break;
		case STORE_CELL_TEXT:
			/* the statement is JSON itself: embedded as such */
			v = strcmp(table, "outbox") == 0 &&
			    strcmp(c->name, "json") == 0 ?
			    json_loads(c->s, 0, NULL) : NULL;
			if (v == NULL)
				v = json_string(c->s);
			if (v == NULL)	/* not UTF-8: kept as bytes */
				v = json_stringn_nocheck(c->s, strlen(c->s));
			break;
		default:
			v = json_null();
			break;
		}
		json_object_set_new(row, c->name, v);
	}
	if (json_array_append_new(arr, row) == -1)
		return err_set(e, "out of memory");
	return 0;
}

int
personal_export_json(struct store *st, int64_t officer_id, time_t now,
    struct buf *out, struct err *e)
{
	json_t		*root = json_object();
	char		 when[32], *s;
	struct tm	 tm;
	int		 rc = 0;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_set_new(root, "format",
	    json_string("rianru-personal-data-1"));
	json_object_set_new(root, "exported", json_string(when));
	if (store_officer_data(st, officer_id, personal_row, root, e) == -1)
		rc = -1;
	else if ((s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) ==
	    NULL)
		rc = err_set(e, "out of memory");
	else {
		buf_adds(out, s);
		buf_addc(out, '\n');
		free(s);
	}
	json_decref(root);
	return rc;
}
