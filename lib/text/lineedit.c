#include "text/lineedit.h"

#include <stdint.h>
#include <string.h>

#include "text/text.h"

void
lineedit_init(struct lineedit *le, size_t max)
{
	buf_init(&le->text);
	le->cursor = 0;
	le->max = max;
}

void
lineedit_release(struct lineedit *le)
{
	buf_release(&le->text);
	le->cursor = 0;
}

void
lineedit_set(struct lineedit *le, const char *s)
{
	buf_reset(&le->text);
	le->cursor = 0;
	lineedit_insert(le, s, strlen(s));
}

int
lineedit_insert(struct lineedit *le, const char *s, size_t len)
{
	struct buf	clean;
	size_t		i, n;
	uint32_t	cp;

	buf_init(&clean);
	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			continue;
		/* a stray or cut-off byte would end up in the store */
		if (!text_valid_utf8(s + i, n, NULL))
			continue;
		buf_add(&clean, s + i, n);
	}
	if (le->text.len + clean.len > le->max) {
		buf_release(&clean);
		return -1;
	}
	buf_grow(&le->text, clean.len);
	memmove(le->text.data + le->cursor + clean.len,
	    le->text.data + le->cursor, le->text.len - le->cursor + 1);
	memcpy(le->text.data + le->cursor, clean.data, clean.len);
	le->text.len += clean.len;
	le->cursor += clean.len;
	buf_release(&clean);
	return 0;
}

/* Byte offset of the cell boundary before 'pos'. */
static size_t
lineedit_prev_cell(const struct lineedit *le, size_t pos)
{
	size_t	off = 0, prev = 0, n;

	while (off < pos) {
		prev = off;
		n = text_next_cell(le->text.data + off, le->text.len - off,
		    NULL);
		if (n == 0)
			break;
		off += n;
	}
	return prev;
}

static void
lineedit_cut(struct lineedit *le, size_t from, size_t to)
{
	memmove(le->text.data + from, le->text.data + to,
	    le->text.len - to + 1);
	le->text.len -= to - from;
}

void
lineedit_backspace(struct lineedit *le)
{
	size_t	p = le->cursor;

	if (p == 0)
		return;
	/* back over one code point: continuation bytes, then the lead */
	do
		p--;
	while (p > 0 && ((unsigned char)le->text.data[p] & 0xc0) == 0x80);
	lineedit_cut(le, p, le->cursor);
	le->cursor = p;
}

void
lineedit_delete(struct lineedit *le)
{
	size_t	n;

	if (le->cursor >= le->text.len)
		return;
	n = text_next_cell(le->text.data + le->cursor,
	    le->text.len - le->cursor, NULL);
	lineedit_cut(le, le->cursor, le->cursor + n);
}

void
lineedit_left(struct lineedit *le)
{
	if (le->cursor > 0)
		le->cursor = lineedit_prev_cell(le, le->cursor);
}

void
lineedit_right(struct lineedit *le)
{
	if (le->cursor < le->text.len)
		le->cursor += text_next_cell(le->text.data + le->cursor,
		    le->text.len - le->cursor, NULL);
}

void
lineedit_home(struct lineedit *le)
{
	le->cursor = 0;
}

void
lineedit_end(struct lineedit *le)
{
	le->cursor = le->text.len;
}

int
lineedit_view(const struct lineedit *le, int width, size_t *start)
{
	int	col;

	if (width < 2)
		width = 2;
	if (*start > le->cursor || *start > le->text.len)
		*start = lineedit_prev_cell(le, le->cursor);
	/* keep the cursor (and one cell after it) inside the window */
	while ((col = (int)text_width(le->text.data + *start,
	    le->cursor - *start)) > width - 1)
		*start += text_next_cell(le->text.data + *start,
		    le->text.len - *start, NULL);
	return col;
}
