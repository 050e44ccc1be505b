#ifndef QWIDGET_H
#define QWIDGET_H

#include "screens/app.h"
#include "screens/quiz.h"
#include "screens/ui.h"

/*
 * The quiz screen's part of each question type: one 'struct qwidget' per
 * enum qtype, each in its own file (qw_choice.c, qw_multiple.c, ...) and
 * listed in content/course.h QTYPES, found with qwidget_for().
 * view_quiz.c keeps what every question shares (the frame, the prompt,
 * Enter/Tab/submit, feedback and the timer) and calls the widget for the
 * answer area: drawing it, its keys, and putting a response into words.
 * The library's side of a type is content/qtype.h.
 */

struct buf;
struct err;

/* What a widget works on: the question on screen and its state. */
struct qw {
	struct app		*a;
	const struct question	*q;	/* borrowed from the attempt */
	const struct attempt_q	*aq;	/* its display order */
	struct answer_ui	*ui;	/* the answer as shown */
};

struct qwidget {
	/* The key hint under the prompt (an N_() string), or NULL. */
	const char	*hint;
	/* 1 when keys go to the answer field (no single-key shortcuts). */
	int		 typing;
	/* Rows the cursor moves over. */
	int		 (*rows)(const struct qw *w);
	/*
	 * Set up what the screen keeps besides ui->resp, just parsed from
	 * the stored answer (or unanswered). May be NULL: nothing.
	 */
	void		 (*load)(const struct qw *w);
	/*
	 * Append the response string of what is on screen to 'out'.
	 * Returns 0, or -1 and fills *e with what to tell the officer.
	 */
	int		 (*encode)(const struct qw *w, struct buf *out,
			     struct err *e);
	/*
	 * Whether leaving the question should save what is shown when
	 * nothing was stored yet. May be NULL: always (a pick is an answer).
	 */
	int		 (*touched)(const struct qw *w);
	/* Paint the answer area from row *y (advancing it) up to ymax. */
	void		 (*draw)(const struct qw *w, int *y, int ymax);
	/* A key the quiz did not take: change the answer; ACT_NONE if not. */
	enum act	 (*key)(const struct qw *w, int ch);
	/*
	 * Append response 'r' to 'q' in words, or with r NULL the correct
	 * answer.
	 */
	void		 (*describe)(struct app *a, const struct question *q,
			     const struct qtype_response *r, struct buf *out);
	/*
	 * After-each feedback of the picked parts (a choice's own
	 * feedback). May be NULL: none.
	 */
	void		 (*feedback)(const struct qw *w, int *y, int ymax);
	/*
	 * Rows of response 'r' still to be placed (a matching row with no
	 * match): their count, their names appended to 'names' (may be
	 * NULL) joined by ", ". Enter refuses such an answer, and it does
	 * not count as answered. May be NULL: an answer is always whole.
	 */
	size_t		 (*unplaced)(struct app *a, const struct question *q,
			     const struct qtype_response *r, struct buf *names);
};

/* The widget of type 't', or NULL when 't' is not a type. */
const struct qwidget	*qwidget_for(enum qtype t);

/* The widget of each type (qw_choice, ...), one file each. */
#define QWIDGET_DECL(NAME, name)	extern const struct qwidget qw_##name;
QTYPES(QWIDGET_DECL)
#undef QWIDGET_DECL

/*
 * Shared painting. qwidget_text: wrapped text from row *y at column x.
 * qwidget_item: an answer's text from column x, wrapped below itself
 * rather than cut (a long choice may hold the very words that make it
 * right), highlighted on every line when 'selected'; it takes a row even
 * when empty. qwidget_row_mark: the cursor's highlight on row y.
 */
void		 qwidget_text(struct app *a, int *y, int x, const char *s,
		     enum uic c, int ymax);
void		 qwidget_item(struct app *a, int *y, int x, const char *s,
		     int selected, int ymax);
/* 1 when part 'idx' is in ui->resp.sel. */
int		 qwidget_picked(const struct answer_ui *ui, size_t idx);
/* The line editor of fill-in and numeric: its row, and the cursor. */
void		 qwidget_field(const struct qw *w, int *y, const char *unit);
/* Keys of the line editor (fill-in and numeric). */
enum act	 qwidget_field_key(const struct qw *w, int ch);
/* Load the line editor from ui->resp.text. */
void		 qwidget_field_load(const struct qw *w);
int		 qwidget_rows_none(const struct qw *w);
/* encode of a picked answer: "Pick an answer first" when there is none. */
int		 qwidget_encode_picked(const struct qw *w, struct buf *out,
		     struct err *e);
/*
 * key of a list whose rows are picked: arrows move, Space or a digit
 * picks (pick(w, row)).
 */
enum act	 qwidget_pick_key(const struct qw *w, int ch,
		     void (*pick)(const struct qw *, int));

/* The choice list that choice and multiple questions share. */
int		 qwidget_choices_rows(const struct qw *w);
void		 qwidget_choices_draw(const struct qw *w, int *y, int ymax,
		     int multiple);
void		 qwidget_choices_describe(struct app *a,
		     const struct question *q, const struct qtype_response *r,
		     struct buf *out);
void		 qwidget_choices_feedback(const struct qw *w, int *y,
		     int ymax);

#endif
