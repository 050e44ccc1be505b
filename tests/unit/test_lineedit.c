#include <criterion/criterion.h>
#include <string.h>

#include "text/lineedit.h"
#include "text/text.h"

Test(lineedit, thai_marks_stay_with_their_consonant)
{
	struct lineedit	le;

	lineedit_init(&le, 256);
	lineedit_insert(&le, "น", strlen("น"));
	lineedit_insert(&le, "\xe0\xb9\x89", 3);	/* mai tho */
	lineedit_insert(&le, "ำ", strlen("ำ"));
	cr_assert_str_eq(le.text.data, "น้ำ");
	lineedit_left(&le);		/* over ำ (its own cell) */
	cr_assert_eq(le.cursor, strlen("น้"));
	lineedit_left(&le);		/* over น้ as one cell */
	cr_assert_eq(le.cursor, 0);
	lineedit_right(&le);
	cr_assert_eq(le.cursor, strlen("น้"));
	lineedit_end(&le);
	lineedit_backspace(&le);	/* removes ำ */
	lineedit_backspace(&le);	/* removes the tone mark only */
	cr_assert_str_eq(le.text.data, "น");
	lineedit_release(&le);
}

Test(lineedit, delete_takes_a_whole_cell_and_controls_are_dropped)
{
	struct lineedit	le;

	lineedit_init(&le, 256);
	lineedit_set(&le, "ก่ข\x01\n");
	cr_assert_str_eq(le.text.data, "ก่ข");
	lineedit_home(&le);
	lineedit_delete(&le);
	cr_assert_str_eq(le.text.data, "ข");
	lineedit_release(&le);
}

Test(lineedit, refuses_what_does_not_fit)
{
	struct lineedit	le;

	lineedit_init(&le, 4);
	cr_assert_eq(lineedit_insert(&le, "abc", 3), 0);
	cr_assert_eq(lineedit_insert(&le, "กข", strlen("กข")), -1);
	cr_assert_str_eq(le.text.data, "abc");
	lineedit_release(&le);
}

/* The byte limit never splits a character, and broken bytes stay out. */
Test(lineedit, limit_keeps_characters_whole)
{
	struct lineedit	le;
	int		i;

	lineedit_init(&le, 63);		/* the officer code field */
	cr_assert_eq(lineedit_insert(&le, "a", 1), 0);
	for (i = 0; i < 30; i++)
		lineedit_insert(&le, "ก", strlen("ก"));
	/* 1 + 20 * 3 = 61 bytes: the 21st ก needs 3 and only 2 are left */
	cr_assert_eq(le.text.len, 61);
	cr_assert_eq(lineedit_insert(&le, "ข", strlen("ข")), -1);
	cr_assert_eq(le.text.len, 61);
	cr_assert(text_valid_utf8(le.text.data, le.text.len, NULL));
	cr_assert_eq(lineedit_insert(&le, "b", 1), 0);
	lineedit_release(&le);

	lineedit_init(&le, 63);
	cr_assert_eq(lineedit_insert(&le, "x\xe0\xb8y\xff", 5), 0);
	cr_assert_str_eq(le.text.data, "xy");
	lineedit_release(&le);
}

Test(lineedit, view_keeps_the_cursor_visible)
{
	struct lineedit	le;
	size_t		start = 0;
	int		col;

	lineedit_init(&le, 256);
	lineedit_set(&le, "สำนักงานคณะกรรมการดิจิทัล");
	col = lineedit_view(&le, 10, &start);
	cr_assert(col <= 9, "col %d", col);
	cr_assert(start > 0);
	lineedit_home(&le);
	col = lineedit_view(&le, 10, &start);
	cr_assert_eq(start, 0);
	cr_assert_eq(col, 0);
	lineedit_release(&le);
}
