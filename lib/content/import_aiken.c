/*
 * Aiken (Moodle's simplest format) -> multiple-choice questions:
 *
 *	What is the capital of Thailand?
 *	A. Chiang Mai
 *	B) Bangkok
 *	ANSWER: B
 *
 * The question text runs until the first option line ("X. " or "X) ",
 * X an upper-case letter); 'ANSWER: X' ends the question. Blank lines
 * between questions are allowed. Aiken questions have no names: ids come
 * from the question text.
 */
#include "content/import.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"

#define AIKEN_MAX	26

struct aiken {
	struct import	*im;
	struct buf	 prompt;
	unsigned	 qline;		/* first line of the question */
	const char	*opt[AIKEN_MAX];
	char		 letter[AIKEN_MAX];
	size_t		 nopt;
	int		 bad;		/* this question had an error */
};

/* "X. " or "X) " at 's': the letter, else 0. */
static char
aiken_option(const char *s, size_t n)
{
	if (n >= 3 && s[0] >= 'A' && s[0] <= 'Z' &&
	    (s[1] == '.' || s[1] == ')') && (s[2] == ' ' || s[2] == '\t'))
		return s[0];
	return 0;
}

static void
aiken_reset(struct aiken *a)
{
	buf_reset(&a->prompt);
	a->nopt = 0;
	a->qline = 0;
	a->bad = 0;
}

/* 'ANSWER: X' at line 'line', col of X 'col': build the question. */
static void
aiken_finish(struct aiken *a, char answer, unsigned line, unsigned col)
{
	struct question	*q;
	const char	*prompt;
	size_t		 k;
	int		 found = 0;

	if (a->bad)
		return;
	if (a->nopt < 2) {
		import_error(a->im, line, 1, "a question needs at least 2 "
		    "options (lines like 'A. text') before 'ANSWER:'");
		return;
	}
	for (k = 0; k < a->nopt; k++)
		found |= a->letter[k] == answer;
	if (!found) {
		import_error(a->im, line, col, "the answer '%c' is not one of "
		    "the options", answer);
		return;
	}
	prompt = import_str(a->im, a->prompt.data, a->prompt.len);
	q = import_add(a->im, Q_CHOICE, a->qline, NULL, prompt);
	q->prompt = import_lstr(prompt);
	q->nchoices = a->nopt;
	q->choices = arena_alloc(a->im->arena, a->nopt * sizeof *q->choices);
	for (k = 0; k < a->nopt; k++) {
		q->choices[k].text = import_lstr(a->opt[k]);
		q->choices[k].correct = a->letter[k] == answer;
	}
}

int
import_aiken(struct import *im, const char *buf, size_t len)
{
	struct aiken	 a;
	size_t		 i = 0, e, s, nerr = im->errors.nerrors, k;
	unsigned	 line = 0;
	char		 l;

	if (import_check_utf8(im, buf, len) == -1)
		return -1;
	memset(&a, 0, sizeof a);
	a.im = im;
	buf_init(&a.prompt);
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len) {
		const char	*nl = memchr(buf + i, '\n', len - i);

		e = nl != NULL ? (size_t)(nl - buf) : len;
		line++;
		s = i;
		while (s < e && (buf[s] == ' ' || buf[s] == '\t'))
			s++;
		while (e > s && (buf[e - 1] == '\r' || buf[e - 1] == ' ' ||
		    buf[e - 1] == '\t'))
			e--;
		if (s == e) {
			/* blank: only between questions or inside the text */
			if (a.nopt > 0 && !a.bad) {
				import_error(im, line, 1, "blank line before "
				    "'ANSWER:' (each question ends with "
				    "'ANSWER: X')");
				a.bad = 1;
			} else if (a.prompt.len > 0 && a.nopt == 0)
				buf_addc(&a.prompt, '\n');
		} else if (e - s >= 7 && strncmp(buf + s, "ANSWER:", 7) == 0) {
			k = s + 7;
			while (k < e && (buf[k] == ' ' || buf[k] == '\t'))
				k++;
			if (a.prompt.len == 0 && !a.bad)
				import_error(im, line, 1, "'ANSWER:' without "
				    "a question");
			else if (k + 1 != e || buf[k] < 'A' || buf[k] > 'Z') {
				if (!a.bad)
					import_error(im, line,
					    (unsigned)(k - s + 1 + (s - i)),
					    "expected one option letter "
					    "after 'ANSWER:'");
			} else
				aiken_finish(&a, buf[k], line,
				    (unsigned)(k - i + 1));
			aiken_reset(&a);
		} else if ((l = aiken_option(buf + s, e - s)) != 0 &&
		    a.prompt.len > 0) {
			for (k = 0; k < a.nopt; k++)
				if (a.letter[k] == l && !a.bad) {
					import_error(im, line,
					    (unsigned)(s - i + 1), "option "
					    "'%c' is given twice", l);
					a.bad = 1;
				}
			if (a.nopt == AIKEN_MAX)
				a.bad = 1;
			else {
				a.letter[a.nopt] = l;
				a.opt[a.nopt++] = import_str(im, buf + s + 3,
				    e - s - 3);
			}
		} else if (a.nopt > 0) {
			if (!a.bad)
				import_error(im, line, (unsigned)(s - i + 1),
				    "expected an option ('X. text') or "
				    "'ANSWER: X'");
			a.bad = 1;
		} else {
			if (a.prompt.len == 0)
				a.qline = line;
			else
				buf_addc(&a.prompt, '\n');
			buf_add(&a.prompt, buf + s, e - s);
		}
		if (nl == NULL)
			break;
		i = (size_t)(nl - buf) + 1;
	}
	if (a.prompt.len > 0 && !a.bad)
		import_error(im, line, 1, "the last question has no 'ANSWER:' "
		    "line");
	buf_release(&a.prompt);
	return im->errors.nerrors > nerr ? -1 : 0;
}
