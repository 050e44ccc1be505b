#include <criterion/criterion.h>
#include <string.h>

#include "text/markup.h"
#include "text/text.h"

/* The text of line 'i' of 'l', segments joined. */
static void
line_text(const struct layout *l, size_t i, char *out, size_t len)
{
	size_t	s;

	out[0] = '\0';
	for (s = l->lines[i].seg0; s < l->lines[i].seg0 + l->lines[i].nseg;
	    s++)
		strncat(out, l->text + l->segs[s].off, l->segs[s].len < len -
		    strlen(out) - 1 ? l->segs[s].len : len - strlen(out) - 1);
}

Test(markup, paragraphs_lists_notes_and_inline_styles)
{
	static const char src[] =
	    "แรก *เน้น* และ `code`\n\n- หนึ่ง\n- สอง\n\n1. ก\n2. ข\n\n> หมายเหตุ\n";
	struct text_wrapper	*w = text_wrapper_new();
	struct layout		*l = layout_page(w, src, 60);
	char			 buf[256];
	size_t			 i, s;
	int			 emph = 0, code = 0, note = 0;

	line_text(l, 0, buf, sizeof buf);
	cr_assert_str_eq(buf, "แรก เน้น และ code");
	for (s = l->lines[0].seg0; s < l->lines[0].seg0 + l->lines[0].nseg;
	    s++) {
		emph |= l->segs[s].style == MSTYLE_EMPH;
		code |= l->segs[s].style == MSTYLE_CODE;
	}
	cr_assert(emph && code);
	cr_assert_eq(l->lines[1].nseg, 0);	/* blank line between blocks */
	line_text(l, 2, buf, sizeof buf);
	cr_assert_str_eq(buf, "• หนึ่ง");
	line_text(l, 3, buf, sizeof buf);
	cr_assert_str_eq(buf, "• สอง");		/* list items stay together */
	line_text(l, 5, buf, sizeof buf);
	cr_assert_str_eq(buf, "1. ก");
	for (i = 0; i < l->nlines; i++)
		note |= l->lines[i].note;
	cr_assert(note);
	layout_free(l);
	text_wrapper_free(w);
}

Test(markup, wraps_to_the_width_and_an_unclosed_star_is_text)
{
	static const char src[] =
	    "ผู้อำนวยการกองต้องวางแผนพัฒนาทักษะดิจิทัลของบุคลากร *ทุกกลุ่มเป้าหมาย";
	struct text_wrapper	*w = text_wrapper_new();
	struct layout		*l = layout_page(w, src, 20);
	size_t			 i;

	cr_assert(l->nlines > 2);
	for (i = 0; i < l->nlines; i++)
		cr_assert(l->lines[i].indent + l->lines[i].width <= 20,
		    "line %zu is %d wide", i, l->lines[i].width);
	cr_assert(strchr(l->text, '*') != NULL);
	layout_free(l);
	text_wrapper_free(w);
}
