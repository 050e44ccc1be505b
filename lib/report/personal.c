#include "report/personal.h"

#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/json.h"
#include "store/store_privacy.h"

/* One row as an object in the table's array of 'root'. */
static int
personal_row(void *arg, const char *table, const struct store_cell *cells,
    int n, struct err *e)
{
	struct json	*root = arg, *arr, *row, *v;
	int		 i;

	if ((arr = json_get(root, table)) == NULL) {
		if (json_set(root, table, json_new_arr()) == -1)
			return err_set(e, "out of memory");
		arr = json_get(root, table);
	}
	row = json_new_obj();
	for (i = 0; i < n; i++) {
		const struct store_cell	*c = &cells[i];

		switch (c->type) {
		case STORE_CELL_INT:
			v = json_new_int(c->i);
			break;
		case STORE_CELL_REAL:
			v = json_new_real(c->d);
			break;
		case STORE_CELL_TEXT:
			/* the statement is JSON itself: embedded as such */
			v = strcmp(table, "outbox") == 0 &&
			    strcmp(c->name, "json") == 0 ?
			    json_parse(c->s, strlen(c->s), 0) : NULL;
			if (v == NULL)
				v = json_new_str(c->s);
			if (v == NULL)	/* not UTF-8: said, not hidden */
				v = json_new_str("(bytes that are not UTF-8)");
			break;
		default:
			v = json_new_null();
			break;
		}
		if (json_set(row, c->name, v) == -1) {
			json_free(row);
			return err_set(e, "out of memory");
		}
	}
	if (json_add(arr, row) == -1)
		return err_set(e, "out of memory");
	return 0;
}

int
personal_export_json(struct store *st, int64_t officer_id, time_t now,
    struct buf *out, struct err *e)
{
	struct json	*root = json_new_obj();
	char		 when[32];
	struct tm	 tm;
	int		 rc = 0;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (json_set(root, "format", json_new_str("rianru-personal-data-1")) ==
	    -1 || json_set(root, "exported", json_new_str(when)) == -1)
		rc = err_set(e, "out of memory");
	else if (store_officer_data(st, officer_id, personal_row, root,
	    e) == -1)
		rc = -1;
	else
		json_dump_buf(root, 2, 0, out);
	json_free(root);
	return rc;
}
