#include "store/store_carry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "store/store_impl.h"

int
store_export_record(struct store *st, const char *sha256,
    const char *const *ids, size_t n, struct err *e)
{
	struct buf	 b;
	char		 key[80];
	size_t		 i;
	int		 rc;

	snprintf(key, sizeof key, "export:%s", sha256);
	buf_init(&b);
	buf_adds(&b, "");
	for (i = 0; i < n; i++) {
		buf_adds(&b, ids[i]);
		buf_addc(&b, '\n');
	}
	rc = store_write(st, e, "INSERT INTO install (key, value) VALUES "
	    "(?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	    "tt", key, b.data);
	buf_release(&b);
	return rc == -1 ? -1 : 0;
}

static void
store_export_row(sqlite3_stmt *s, void *out)
{
	*(char **)out = xstrdup(store_col_text(s, 0));
}

static int
store_export_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
store_export_ids(struct store *st, const char *sha256, char ***ids,
    size_t *n, struct err *e)
{
	char	 key[80], *all = NULL, *p, *nl;
	size_t	 cap = 0;
	int	 rc;

	*ids = NULL;
	*n = 0;
	snprintf(key, sizeof key, "export:%s", sha256);
	if ((rc = store_row(st, store_prepare(st, e, "SELECT value FROM "
	    "install WHERE key = ?", "t", key), store_export_row, &all,
	    e)) != 0)
		return rc;
	for (p = all; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = xstrndup(p, (size_t)(nl - p));
	}
	free(all);
	if (*n > 1)
		qsort(*ids, *n, sizeof **ids, store_export_cmp);
	return 0;
}

void
store_export_ids_free(char **ids, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}
