#include "base/i18n.h"

#include <stdint.h>
#include <string.h>

#define MO_MAGIC	0x950412deu
#define MO_MAGIC_SWAP	0xde120495u

static uint32_t
mo_u32(const struct mo *mo, size_t off)
{
	const unsigned char	*p = mo->data + off;
	uint32_t		 v;

	if (mo->swap)
		v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	else
		v = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
		    (uint32_t)p[1] << 8 | p[0];
	return v;
}

/* String 'i' of the table at 'table' if it lies inside the image. */
static const char *
mo_string(const struct mo *mo, unsigned table, unsigned i)
{
	size_t	 len, off;

	len = mo_u32(mo, table + 8u * i);
	off = mo_u32(mo, table + 8u * i + 4);
	if (off >= mo->len || len >= mo->len - off ||
	    mo->data[off + len] != '\0')
		return NULL;
	return (const char *)mo->data + off;
}

int
mo_open(struct mo *mo, const void *data, size_t len)
{
	uint32_t	magic;
	unsigned	i;

	memset(mo, 0, sizeof *mo);
	mo->data = data;
	mo->len = len;
	if (len < 28)
		return -1;
	memcpy(&magic, data, 4);
	if (magic == MO_MAGIC_SWAP)
		mo->swap = 1;
	else if (magic != MO_MAGIC)
		return -1;
	mo->n = mo_u32(mo, 8);
	mo->orig = mo_u32(mo, 12);
	mo->trans = mo_u32(mo, 16);
	if (mo->n > len / 16 || mo->orig > len || mo->trans > len ||
	    (size_t)mo->n * 8 > len - mo->orig ||
	    (size_t)mo->n * 8 > len - mo->trans)
		return -1;
	/* every string must be inside the image and terminated */
	for (i = 0; i < mo->n; i++)
		if (mo_string(mo, mo->orig, i) == NULL ||
		    mo_string(mo, mo->trans, i) == NULL)
			return -1;
	return 0;
}

const char *
mo_lookup(const struct mo *mo, const char *msgid)
{
	unsigned	lo = 0, hi = mo->n, mid;
	int		c;

	if (mo->data == NULL || *msgid == '\0')
		return msgid;
	/* msgfmt writes the originals sorted */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(msgid, mo_string(mo, mo->orig, mid));
		if (c == 0) {
			const char *t = mo_string(mo, mo->trans, mid);

			return *t != '\0' ? t : msgid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}
