/*
 * The formats an import reads: their names on the command line and the
 * parser of each (import_gift.c, import_aiken.c, import_mxml.c). Kept out
 * of import.c, which holds what those parsers share, so that the parsers
 * depend on the shared part and only this file depends on the parsers.
 */
#include "content/import.h"

#include <string.h>

static const char *const format_names[IMPORT_FORMAT_COUNT] = {
	"gift", "aiken", "moodle-xml"
};

int
import_format_parse(const char *name, enum import_format *out)
{
	int	i;

	for (i = 0; i < IMPORT_FORMAT_COUNT; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (enum import_format)i;
			return 0;
		}
	return -1;
}

const char *
import_format_name(enum import_format f)
{
	return (unsigned)f < IMPORT_FORMAT_COUNT ? format_names[f] : NULL;
}

int
import_parse(struct import *im, enum import_format f, const char *buf,
    size_t len)
{
	switch (f) {
	case IMPORT_GIFT:
		return import_gift(im, buf, len);
	case IMPORT_AIKEN:
		return import_aiken(im, buf, len);
	case IMPORT_MOODLE_XML:
		return import_mxml(im, buf, len);
	default:
		return import_error(im, 0, 0, "unknown import format");
	}
}
