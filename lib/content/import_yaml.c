/*
 * Imported questions -> a module file in the documented course format.
 * Written by hand rather than through libyaml's emitter so the file reads
 * like one a trainer writes: plain scalars where YAML allows them, block
 * literals for text of several lines, double quotes only when needed.
 * Text bytes are copied as they are (Thai stays byte-exact); only what
 * YAML cannot hold raw is escaped.
 */
#include "content/import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "text/text.h"

/* Can 's' stand as a plain scalar and read back as the same string? */
static int
yw_plain_ok(const char *s)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "null", "y", "n",
	};
	size_t	n = strlen(s), i;

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@`~ ", s[0]) != NULL ||
	    (s[0] >= '0' && s[0] <= '9') || s[0] == '+' || s[0] == '.' ||
	    s[n - 1] == ' ' || s[n - 1] == ':')
		return 0;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 0;
	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F || (c == 0xC2 && i + 1 < n &&
		    (unsigned char)s[i + 1] < 0xA0))
			return 0;
		if ((c == ':' && (s[i + 1] == ' ' || s[i + 1] == '\0')) ||
		    (c == '#' && i > 0 && s[i - 1] == ' '))
			return 0;
	}
	/* a byte-order mark or a non-character must be escaped */
	return strstr(s, "\xEF\xBB\xBF") == NULL &&
	    strstr(s, "\xEF\xBF\xBE") == NULL &&
	    strstr(s, "\xEF\xBF\xBF") == NULL;
}

/* Text of several lines that a block literal ('|-') holds exactly. */
static int
yw_block_ok(const char *s)
{
	const char	*p;

	if (strchr(s, '\n') == NULL || s[0] == ' ' || s[0] == '\n')
		return 0;
	for (p = s; *p != '\0'; p++) {
		unsigned char	c = (unsigned char)*p;

		if ((c < 0x20 && c != '\n') || c == 0x7F ||
		    (c == 0xC2 && (unsigned char)p[1] < 0xA0))
			return 0;
	}
	return yw_plain_ok("x") && strstr(s, "\xEF\xBB\xBF") == NULL &&
	    strstr(s, "\xEF\xBF\xBE") == NULL &&
	    strstr(s, "\xEF\xBF\xBF") == NULL && s[strlen(s) - 1] != '\n';
}

static void
yw_quoted(struct buf *out, const char *s)
{
	size_t		 n = strlen(s), i = 0, k;
	uint32_t	 cp;

	buf_addc(out, '"');
	while (i < n) {
		unsigned char	c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			buf_addc(out, '\\');
			buf_addc(out, (char)c);
			i++;
		} else if (c == '\n') {
			buf_adds(out, "\\n");
			i++;
		} else if (c == '\t') {
			buf_adds(out, "\\t");
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			buf_addf(out, "\\x%02X", c);
			i++;
		} else if (c < 0x80) {
			buf_addc(out, (char)c);
			i++;
		} else {
			k = text_decode(s + i, n - i, &cp);
			if (k == 0)
				k = 1;
			if ((cp >= 0x80 && cp < 0xA0) || cp == 0xFEFF ||
			    cp == 0xFFFE || cp == 0xFFFF)
				buf_addf(out, "\\u%04X", (unsigned)cp);
			else
				buf_add(out, s + i, k);
			i += k;
		}
	}
	buf_addc(out, '"');
}

/* 'key: VALUE\n' at 'indent' spaces, VALUE as readable as YAML allows. */
static void
yw_str(struct buf *out, int indent, const char *key, const char *s)
{
	const char	*p, *nl;
	int		 ci;

	/* the text's lines go deeper than the key, '- ' included */
	ci = indent + 2 + (strncmp(key, "- ", 2) == 0 ? 2 : 0);
	if (strcmp(key, "-") == 0)
		buf_addf(out, "%*s-", indent, "");
	else
		buf_addf(out, "%*s%s:", indent, "", key);
	if (yw_block_ok(s)) {
		buf_adds(out, " |-\n");
		for (p = s; ; p = nl + 1) {
			nl = strchr(p, '\n');
			if (nl == NULL ? *p != '\0' : nl > p)
				buf_addf(out, "%*s", ci, "");
			buf_add(out, p, nl != NULL ? (size_t)(nl - p) :
			    strlen(p));
			buf_addc(out, '\n');
			if (nl == NULL)
				break;
		}
		return;
	}
	buf_addc(out, ' ');
	if (yw_plain_ok(s))
		buf_adds(out, s);
	else
		yw_quoted(out, s);
	buf_addc(out, '\n');
}

/* A number as the shortest text that reads back as the same double. */
static void
yw_num(struct buf *out, int indent, const char *key, double v)
{
	char	tmp[64];
	int	prec;

	for (prec = 1; prec < 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	snprintf(tmp, sizeof tmp, "%.*g", prec, v);
	buf_addf(out, "%*s%s: %s\n", indent, "", key, tmp);
}

static const char *
yw_l(const struct lstr *l)
{
	return l->s[LANG_TH] != NULL ? l->s[LANG_TH] : l->s[LANG_EN];
}

static void
yw_question(struct buf *out, const struct question *q)
{
	size_t	k;

	buf_addf(out, "    - id: %s\n", q->id);
	buf_addf(out, "      type: %s\n", qtype_name(q->type));
	yw_str(out, 6, "prompt", yw_l(&q->prompt));
	switch (q->type) {
	case Q_CHOICE:
	case Q_MULTIPLE:
		if (q->type == Q_MULTIPLE && q->scoring == SCORING_PARTIAL)
			buf_adds(out, "      scoring: partial\n");
		buf_adds(out, "      choices:\n");
		for (k = 0; k < q->nchoices; k++) {
			const struct choice	*c = &q->choices[k];

			yw_str(out, 8, "- text", yw_l(&c->text));
			if (c->correct)
				buf_adds(out, "          correct: true\n");
			if (yw_l(&c->feedback) != NULL)
				yw_str(out, 10, "feedback", yw_l(&c->feedback));
		}
		break;
	case Q_TRUE_FALSE:
		buf_addf(out, "      answer: %s\n", q->answer_bool ? "true" :
		    "false");
		break;
	case Q_FILL_IN:
		buf_adds(out, "      answers:\n");
		for (k = 0; k < q->nanswers; k++)
			yw_str(out, 8, "-", q->answers[k]);
		break;
	case Q_NUMERIC:
		yw_num(out, 6, "answer", q->answer_num);
		if (q->tolerance > 0)
			yw_num(out, 6, "tolerance", q->tolerance);
		if (yw_l(&q->unit) != NULL)
			yw_str(out, 6, "unit", yw_l(&q->unit));
		break;
	case Q_MATCHING:
		buf_adds(out, "      pairs:\n");
		for (k = 0; k < q->npairs; k++) {
			yw_str(out, 8, "- left", yw_l(&q->pairs[k].left));
			yw_str(out, 10, "right", yw_l(&q->pairs[k].right));
		}
		break;
	case Q_ORDERING:
		buf_adds(out, "      items:\n");
		for (k = 0; k < q->nitems; k++)
			yw_str(out, 8, "-", yw_l(&q->items[k].text));
		break;
	case Q_TYPE_COUNT:	/* no default: -Wswitch names a new type */
		break;
	}
	if (yw_l(&q->explain) != NULL)
		yw_str(out, 6, "explain", yw_l(&q->explain));
}

void
import_write_yaml(const struct import *im, const char *id, const char *title,
    const char *quiz_id, const char *source, struct buf *out)
{
	size_t	k;

	buf_adds(out, "# Imported by 'rianru import' from ");
	/* a comment ends at the line's end: keep the name on one line */
	for (k = 0; source[k] != '\0'; k++)
		buf_addc(out, source[k] == '\n' || source[k] == '\r' ? ' ' :
		    source[k]);
	buf_adds(out, ".\n# Question ids come from the question names: keep "
	    "them, progress is\n# recorded under them.\n");
	buf_addf(out, "id: %s\n", id);
	yw_str(out, 0, "title", title);
	buf_adds(out, "quiz:\n");
	buf_addf(out, "  id: %s\n", quiz_id);
	buf_adds(out, "  questions:\n");
	for (k = 0; k < im->n; k++)
		yw_question(out, &im->q[k]);
}
