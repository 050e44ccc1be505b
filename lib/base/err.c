#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/esc.h"

/*
 * Messages quote file names, CSV cells, arguments and LRS replies: every
 * one is escaped here, so no caller can print a terminal escape by
 * forgetting to.
 */
static void
err_vfill(struct err *e, const char *fmt, va_list ap)
{
	char	raw[sizeof e->msg];

	vsnprintf(raw, sizeof raw, fmt, ap);
	esc_str(e->msg, sizeof e->msg, raw);
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
	char	raw[sizeof e->file];

	if (e == NULL)
		return -1;
	snprintf(raw, sizeof raw, "%s", file != NULL ? file : "");
	esc_str(e->file, sizeof e->file, raw);
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
