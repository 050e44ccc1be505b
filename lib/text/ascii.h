#ifndef ASCII_H
#define ASCII_H

#include <stddef.h>

/*
 * Accessible mode (docs/accessibility.md): screen readers and braille
 * displays spell out or drop symbols like ✓ ◐ → and box drawing, so the
 * interface shows their plain ASCII forms instead. Text itself (Thai,
 * Latin letters, anything a course wrote other than these symbols) is
 * left alone.
 */

struct buf;

/*
 * Append 'len' bytes of UTF-8 's' to 'out' with every interface symbol
 * replaced by its ASCII form: ✓ "+", ✗ "x", ◐ "~", ○ "o", ● "*", ◆ ">",
 * → "->", ← "<-", ↑ "^", ↓ "v", › ">", · "-", … "...", • "*", – and —
 * "-", “ ” '"', ▶ ">", ◀ "<", ▼ "v", △ "^", ⇅ "<>", ⏱ "T", × "x", ± "+-",
 * box drawing "-" "|" "+", and block elements (bars) "#" (full and the
 * lower eighths) or "." (shades). Invalid UTF-8 is copied as it is.
 */
void	ascii_symbols(const char *s, size_t len, struct buf *out);

/* 1 when 's' holds a symbol that ascii_symbols() would replace. */
int	ascii_has_symbol(const char *s, size_t len);

#endif
