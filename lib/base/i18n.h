#ifndef I18N_H
#define I18N_H

#include <stddef.h>

/*
 * Interface translations from a GNU gettext catalogue (.mo), read from
 * memory: the Thai catalogue is compiled from po/th.po by msgfmt at build
 * time and built into the program, so Thai works on any machine, in any
 * locale, and the language can be switched at run time. The catalogue is
 * borrowed, never copied.
 */

struct mo {
	const unsigned char	*data;
	size_t			 len;
	int			 swap;		/* big-endian file */
	unsigned		 n;		/* strings */
	unsigned		 orig, trans;	/* table offsets */
};

/* Check and open a .mo image; returns 0, or -1 when it is not one. */
int		 mo_open(struct mo *mo, const void *data, size_t len);

/* The translation of 'msgid', or 'msgid' itself when there is none. */
const char	*mo_lookup(const struct mo *mo, const char *msgid);

#endif
