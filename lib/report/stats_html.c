/*
 * `rianru stats --format html`: one self-contained page (no scripts, no
 * external files), Thai first and English second like the agency report
 * (report_html.c), with an SVG chart of facility and discrimination per
 * question.
 */
#include "report/stats_report.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "base/buf.h"
#include "report/html.h"

#ifndef RIANRU_VERSION
#define RIANRU_VERSION	"?"
#endif

#define C_OK	"#2a7ab0"
#define C_FLAG	"#c0392b"
#define C_DISC	"#1b2a41"

static const char stats_css[] =
"body{font-family:'Noto Sans Thai','Sarabun',sans-serif;color:#1b2a41;"
"max-width:1000px;margin:2em auto;padding:0 1em}\n"
"h1{font-size:1.5em;margin-bottom:0}h2{margin-top:2em;font-size:1.2em}\n"
".en{color:#5b6473;font-size:.9em}.meta{color:#5b6473}\n"
".cards{display:flex;flex-wrap:wrap;gap:.6em}.card{border:1px solid "
"#e3e8ef;border-radius:6px;padding:.5em .8em;min-width:8em}"
".card b{display:block;font-size:1.3em}\n"
"table{border-collapse:collapse;width:100%;margin-top:1em}"
"td,th{border-bottom:1px solid #e3e8ef;padding:.3em .4em;text-align:left;"
"vertical-align:top}td.n{text-align:right}\n"
".flag{color:" C_FLAG "}.small{color:#5b6473;font-size:.85em}\n"
"@media print{body{margin:0}h2{break-after:avoid}}\n";

static void
sh_pct(struct buf *b, double v)
{
	if (isnan(v))
		buf_adds(b, "–");
	else
		buf_addf(b, "%.0f%%", v * 100);
}

static void
sh_card(struct buf *b, const char *th, const char *en, double v, int pct)
{
	buf_addf(b, "<div class=\"card\">%s <span class=\"en\">/ %s</span><b>",
	    th, en);
	if (pct)
		sh_pct(b, v);
	else if (isnan(v))
		buf_adds(b, "–");
	else
		buf_addf(b, "%.2f", v);
	buf_adds(b, "</b></div>\n");
}

/* Facility bars (red when flagged) with the discrimination index. */
static void
sh_chart(struct buf *b, const struct stats_quiz *z, size_t nquiz)
{
	const int	 lw = 200, bw = 420, rh = 22, w = lw + bw + 120;
	int		 h = (int)z->nq * rh + 26, y;
	size_t		 i;

	buf_addf(b, "<svg id=\"chart-%zu\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n",
	    nquiz, w, h, w, h);
	for (i = 0; i <= 4; i++)
		buf_addf(b, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#e3e8ef\"/><text x=\"%d\" y=\"%d\" font-size=\"10\" "
		    "fill=\"#5b6473\" text-anchor=\"middle\">%zu%%</text>\n",
		    lw + (int)i * bw / 4, lw + (int)i * bw / 4, h - 16,
		    lw + (int)i * bw / 4, h - 4, i * 25);
	for (i = 0; i < z->nq; i++) {
		const struct stats_q	*q = &z->qs[i];
		double			 f = isnan(q->it.facility) ? 0 :
					     q->it.facility;

		y = (int)i * rh;
		buf_addf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
		    "text-anchor=\"end\">", lw - 8, y + 14);
		html_escape(b, q->q->id);
		buf_addf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
		    "height=\"14\" fill=\"%s\"><title>facility %.0f%%</title>"
		    "</rect>", lw, y + 3, bw * f, q->flags ? C_FLAG : C_OK,
		    f * 100);
		buf_addf(b, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\""
		    C_DISC "\">D ", lw + bw + 8, y + 14);
		if (isnan(q->it.disc))
			buf_adds(b, "–");
		else
			buf_addf(b, "%.2f", q->it.disc);
		buf_adds(b, "</text>\n");
	}
	buf_adds(b, "</svg>\n<div class=\"small\">แท่ง: ดัชนีความง่าย (สีแดง = "
	    "มีข้อสังเกต) · D: ดัชนีอำนาจจำแนก <span class=\"en\">/ bars: "
	    "facility (red: flagged) · D: discrimination index</span></div>\n");
}

static void
sh_question(struct buf *b, const struct stats_q *q)
{
	static const enum stats_flag	flags[] = {
		STATS_EASY, STATS_HARD, STATS_NEGATIVE, STATS_WEAK
	};
	size_t				j;

	buf_adds(b, "<tr><td>");
	html_escape(b, q->q->id);
	buf_adds(b, "<br><span class=\"small\">");
	html_escape(b, lstr_get(&q->q->prompt, LANG_TH));
	buf_addf(b, "</span></td><td>%s</td><td class=\"n\">%zu</td>"
	    "<td class=\"n\">", qtype_name(q->q->type), q->it.n);
	sh_pct(b, q->it.facility);
	buf_adds(b, "</td><td class=\"n\">");
	sh_pct(b, q->it.sd);
	buf_adds(b, "</td><td class=\"n\">");
	sh_pct(b, q->guess);
	buf_adds(b, "</td><td class=\"n\">");
	if (isnan(q->it.disc))
		buf_adds(b, "–");
	else
		buf_addf(b, "%.2f", q->it.disc);
	buf_adds(b, "</td><td class=\"n\">");
	sh_pct(b, q->it.de);
	buf_adds(b, "</td><td>");
	for (j = 0; j < sizeof flags / sizeof flags[0]; j++)
		if (q->flags & flags[j]) {
			buf_adds(b, "<div class=\"flag\">");
			html_escape(b, stats_flag_reason(flags[j], LANG_TH));
			buf_adds(b, "<br><span class=\"en\">");
			html_escape(b, stats_flag_reason(flags[j], LANG_EN));
			buf_adds(b, "</span></div>");
		}
	for (j = 0; j < q->nchoices; j++) {
		const struct stats_choice	*c = &q->choices[j];

		buf_addf(b, "<div class=\"small\">%s ", c->correct ? "✓" :
		    "·");
		html_escape(b, lstr_get(&c->text, LANG_TH));
		buf_addf(b, ": %zu (เก่ง/strong %zu/%zu, อ่อน/weak %zu/%zu)",
		    c->picked, c->strong, q->nstrong, c->weak, q->nweak);
		if (c->picked == 0 && !c->correct && q->it.n > 0)
			buf_adds(b, " — ไม่มีผู้เลือก / nobody picked it");
		buf_adds(b, "</div>");
	}
	for (j = 0; j < q->nwrong; j++) {
		buf_adds(b, "<div class=\"small\">✗ “");
		html_escape(b, q->wrong[j].text);
		buf_addf(b, "” × %zu</div>", q->wrong[j].count);
	}
	buf_adds(b, "</td></tr>\n");
}

void
stats_html(const struct stats_report *r, struct buf *b)
{
	time_t	now = time(NULL);
	size_t	i, j;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>วิเคราะห์ข้อสอบ · Item analysis"
	    "</title>\n<style>\n");
	buf_adds(b, stats_css);
	buf_adds(b, "</style>\n</head>\n<body>\n<h1>การวิเคราะห์ข้อสอบ</h1>\n"
	    "<div class=\"en\">Item analysis of the quizzes</div>\n"
	    "<p class=\"meta\">ข้อมูล ณ วันที่ ");
	html_date(b, now, LANG_TH);
	buf_adds(b, " · <span class=\"en\">as of ");
	html_date(b, now, LANG_EN);
	buf_addf(b, "</span> · %s · rianru %s</p>\n", r->all_attempts ?
	    "ทุกครั้งที่ทำ / all attempts" : "เฉพาะครั้งแรก / first attempts",
	    RIANRU_VERSION);
	if (r->n == 0)
		buf_adds(b, "<p>ยังไม่มีผู้ทำแบบทดสอบจบ <span class=\"en\">/ no "
		    "finished attempts yet</span></p>\n");
	for (i = 0; i < r->n; i++) {
		const struct stats_quiz	*z = &r->quizzes[i];

		buf_adds(b, "<section class=\"quiz\">\n<h2>");
		html_escape(b, lstr_get(&z->quiz->title, LANG_TH));
		buf_adds(b, " <span class=\"en\">/ ");
		html_escape(b, lstr_get(&z->quiz->title, LANG_EN));
		buf_adds(b, " · ");
		html_escape(b, z->course->id);
		buf_adds(b, " / ");
		html_escape(b, z->quiz->id);
		buf_adds(b, "</span></h2>\n<div class=\"cards\">\n");
		buf_addf(b, "<div class=\"card\">จำนวนครั้ง <span class=\"en\">/ "
		    "attempts</span><b>%zu</b></div>\n", z->t.n);
		sh_card(b, "ค่าเฉลี่ย", "mean", z->t.mean, 1);
		sh_card(b, "มัธยฐาน", "median", z->t.median, 1);
		sh_card(b, "ส่วนเบี่ยงเบนมาตรฐาน", "SD", z->t.sd, 1);
		sh_card(b, "ความเที่ยง (แอลฟา)", "Cronbach's alpha",
		    z->t.alpha, 0);
		sh_card(b, "ความคลาดเคลื่อนมาตรฐาน", "standard error", z->t.se,
		    1);
		buf_adds(b, "</div>\n");
		if (z->t.n < r->min_n)
			buf_addf(b, "<p class=\"flag\">มีผู้ทำเพียง %zu ครั้ง "
			    "น้อยกว่าเกณฑ์ %zu จึงยังไม่ชี้ข้อที่มีปัญหา <span "
			    "class=\"en\">/ only %zu attempts, below the "
			    "minimum of %zu: no question is flagged</span></p>\n",
			    z->t.n, r->min_n, z->t.n, r->min_n);
		sh_chart(b, z, i);
		buf_adds(b, "<table>\n<thead><tr><th>ข้อ<br><span class=\"en\">"
		    "question</span></th><th>ชนิด<br><span class=\"en\">type"
		    "</span></th><th>n</th><th>ความง่าย<br><span class=\"en\">"
		    "facility</span></th><th>SD</th><th>เดา<br><span "
		    "class=\"en\">guess</span></th><th>อำนาจจำแนก<br><span "
		    "class=\"en\">discrimination</span></th><th>ประสิทธิภาพ"
		    "<br><span class=\"en\">efficiency</span></th><th>ข้อสังเกต"
		    "<br><span class=\"en\">notes</span></th></tr></thead>\n");
		for (j = 0; j < z->nq; j++)
			sh_question(b, &z->qs[j]);
		buf_adds(b, "</table>\n</section>\n");
	}
	buf_adds(b, "</body>\n</html>\n");
}
