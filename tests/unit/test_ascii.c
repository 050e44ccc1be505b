#include <criterion/criterion.h>
#include <string.h>

#include "base/buf.h"
#include "text/ascii.h"

static void
check(const char *in, const char *want)
{
	struct buf	b;

	buf_init(&b);
	ascii_symbols(in, strlen(in), &b);
	cr_expect_str_eq(b.data, want, "'%s'", in);
	buf_release(&b);
}

Test(ascii, interface_symbols)
{
	check("✓ ถูกต้อง", "+ ถูกต้อง");
	check("◐ Partly right", "~ Partly right");
	check("✗ ยังไม่ถูก", "x ยังไม่ถูก");
	check("ข้อ 1/3 ◆ ● ○", "ข้อ 1/3 > * o");
	check("a → 2. b", "a -> 2. b");
	check("↑↓ scroll · Enter", "^v scroll - Enter");
	check("หลักสูตร › บทที่ 1…", "หลักสูตร > บทที่ 1...");
	check("██░░", "##..");
	check("┌─┐│└┘", "+-+|++");
}

Test(ascii, text_is_left_alone)
{
	/* Thai with its marks, Latin letters beyond ASCII, a bad byte */
	check("น้ำ ผู้อำนวยการ", "น้ำ ผู้อำนวยการ");
	check("café", "café");
	check("a\xffz", "a\xffz");
	check("", "");
	cr_expect(!ascii_has_symbol("น้ำ café", strlen("น้ำ café")));
	cr_expect(ascii_has_symbol("ok ✓", strlen("ok ✓")));
}
