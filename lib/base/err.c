#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void
err_vfill(struct err *e, const char *fmt, va_list ap)
{
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

int
err_set(struct err *e, const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return -1;
	e->file[0] = '\0';
	e->line = e->col = 0;
	va_start(ap, fmt);
	err_vfill(e, fmt, ap);
	va_end(ap);
	return -1;
}

int
err_at(struct err *e, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list	ap;

	if (e == NULL)
		return -1;
	snprintf(e->file, sizeof e->file, "%s", file != NULL ? file : "");
	e->line = line;
	e->col = col;
	va_start(ap, fmt);
	err_vfill(e, fmt, ap);
	va_end(ap);
	return -1;
}

void
err_clear(struct err *e)
{
	if (e != NULL)
		memset(e, 0, sizeof *e);
}

const char *
err_str(const struct err *e, char *buf, size_t len)
{
	if (e->file[0] == '\0')
		snprintf(buf, len, "%s", e->msg);
	else if (e->line == 0)
		snprintf(buf, len, "%s: %s", e->file, e->msg);
	else if (e->col == 0)
		snprintf(buf, len, "%s:%u: %s", e->file, e->line, e->msg);
	else
		snprintf(buf, len, "%s:%u:%u: %s", e->file, e->line, e->col,
		    e->msg);
	return buf;
}
