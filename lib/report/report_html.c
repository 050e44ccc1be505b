#include "report/report_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "learn/devlog.h"
#include "base/err.h"
#include "learn/plan_facts.h"
#include "report/html.h"
#include "content/catalog.h"
#include "content/load.h"
#include "text/text.h"
#include "base/xalloc.h"
#include "store/store_officer.h"
#include "store/store_query.h"
#include "store/store_log.h"

#ifndef RIANRU_VERSION
#define RIANRU_VERSION	"?"
#endif

/* Collecting ------------------------------------------------------------- */

static void
rate_add(struct report_rate *r, const struct store_progress *p)
{
	r->enrolled++;
	if (p->completed != 0) {
		r->completed++;
		r->hours += p->hours;
	}
	if (p->passed)
		r->passed++;
}

static struct report_course *
report_course(struct report *r, const char *id)
{
	size_t	i;

	for (i = 0; i < r->ncourses; i++)
		if (strcmp(r->courses[i].id, id) == 0)
			return &r->courses[i];
	r->courses = xreallocarray(r->courses, r->ncourses + 1,
	    sizeof *r->courses);
	memset(&r->courses[r->ncourses], 0, sizeof *r->courses);
	snprintf(r->courses[r->ncourses].id, sizeof r->courses->id, "%s", id);
	return &r->courses[r->ncourses++];
}

/* Plan columns of officer 'ro' from their progress rows [from, to). */
static void
report_plan(struct report *r, struct report_officer *ro,
    const struct catalog *cat, const struct plan_set *plans,
    const struct store_progress *rows, size_t from, size_t to)
{
	const struct plan	*p;
	struct plan_facts	 f;
	struct plan_eval	 ev;
	struct buf		 b;
	int			 g;

	ro->phase = -1;
	g = vocab_find(vocab_groups, GROUP_COUNT, ro->o.group);
	if (g < 0 || plans == NULL || (p = plans->by_group[g]) == NULL)
		return;
	plan_facts_from_progress(cat, rows + from, to - from, &f);
	plan_evaluate(p, &f, &ev);
	ro->has_plan = 1;
	ro->target = ev.target;
	if (ev.current < ev.nphases) {
		ro->phase = (int)ev.phases[ev.current].phase->level;
		ro->req_done = ev.phases[ev.current].done;
		ro->req_total = ev.phases[ev.current].phase->nrequired;
	}
	buf_init(&b);
	plan_step_text(&ev.next, r->lang, &b);
	ro->next = buf_detach(&b, NULL);
	plan_eval_release(&ev);
	plan_facts_release(&f);
}

int
report_collect(struct store *st, const struct catalog *cat,
    const struct plan_set *plans, time_t now, enum lang lang,
    struct report *r, struct err *e)
{
	struct store_officer	*offs = NULL;
	struct store_progress	*rows = NULL;
	struct store_log_sum	*sums = NULL;
	struct report_officer	*ro;
	const struct course	*c;
	size_t			 noffs = 0, nrows = 0, nsums = 0, i, j, k, s;
	int			 g;

	memset(r, 0, sizeof *r);
	r->generated = now;
	r->lang = lang;
	if (store_officer_list(st, &offs, &noffs, e) == -1 ||
	    store_progress(st, 0, NULL, &rows, &nrows, e) == -1 ||
	    store_log_sums(st, 0, &sums, &nsums, e) == -1) {
		free(offs);
		free(rows);
		return -1;
	}
	for (k = 0; k < cat->n; k++)
		report_course(r, cat->courses[k]->id)->c = cat->courses[k];
	for (g = 0; g < GROUP_COUNT; g++)
		if (plans != NULL && plans->by_group[g] != NULL)
			for (k = 0; k < plans->by_group[g]->nphases; k++)
				r->group_target[g] +=
				    plans->by_group[g]->phases[k].hours;
	r->nofficers = noffs;
	r->officers = noffs ? xcalloc(noffs, sizeof *r->officers) : NULL;
	/* officers and rows are both ordered by officer code: merge */
	for (i = 0, j = 0, s = 0; i < noffs; i++) {
		size_t from;

		ro = &r->officers[i];
		ro->o = offs[i];
		ro->o.pin_hash[0] = '\0';
		while (j < nrows && strcmp(rows[j].code, offs[i].code) < 0)
			j++;
		from = j;
		g = vocab_find(vocab_groups, GROUP_COUNT, offs[i].group);
		if (g >= 0)
			r->group_officers[g]++;
		for (; j < nrows && strcmp(rows[j].code, offs[i].code) == 0;
		    j++) {
			rate_add(&ro->r, &rows[j]);
			rate_add(&r->total, &rows[j]);
			if (g >= 0)
				rate_add(&r->by_group[g], &rows[j]);
			c = catalog_find(cat, rows[j].course_id);
			if (c != NULL)
				rate_add(&r->by_area[c->area], &rows[j]);
			rate_add(&report_course(r, rows[j].course_id)->r,
			    &rows[j]);
		}
		report_plan(r, ro, cat, plans, rows, from, j);
		while (s < nsums && strcmp(sums[s].code, offs[i].code) < 0)
			s++;
		if (s < nsums && sums[s].officer_id == offs[i].id)
			for (k = 0; k < STORE_LOG_NKINDS; k++) {
				ro->log_hours[k] = (double)sums[s].minutes[k] /
				    60.0;
				r->log_hours[k] += ro->log_hours[k];
			}
	}
	free(offs);
	free(rows);
	free(sums);
	return 0;
}

void
report_release(struct report *r)
{
	size_t	i;

	for (i = 0; i < r->nofficers; i++)
		free(r->officers[i].next);
	free(r->officers);
	free(r->courses);
	memset(r, 0, sizeof *r);
}

/* The page ------------------------------------------------------------- */

static const char report_css[] =
"@page{size:A4;margin:14mm 12mm}\n"
"*{box-sizing:border-box}\n"
"body{font-family:\"Sarabun\",\"TH Sarabun New\",\"Noto Sans Thai\","
"\"Loma\",\"Garuda\",\"Norasi\",\"Tlwg Typo\",sans-serif;color:#1b2a41;"
"margin:0 auto;max-width:186mm;padding:8mm 0;font-size:10.5pt;"
"-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"h1{font-size:19pt;margin:0 0 1mm;color:#123d6a}\n"
"h2{font-size:13.5pt;margin:7mm 0 2mm;color:#123d6a;"
"border-bottom:1px solid #c8d3e0;padding-bottom:1mm;"
"break-after:avoid;page-break-after:avoid}\n"
".en{color:#5b6473;font-weight:normal}\n"
".meta{color:#5b6473;margin:0 0 4mm}\n"
".cards{display:flex;flex-wrap:wrap;gap:3mm}\n"
".card{flex:1 1 40mm;border:1px solid #c8d3e0;border-radius:2mm;"
"padding:2mm 3mm}\n"
".card b{display:block;font-size:16pt;color:#123d6a}\n"
".chart{break-inside:avoid;page-break-inside:avoid;margin:0 0 3mm}\n"
".chart svg{width:100%;height:auto;display:block}\n"
".legend{font-size:9.5pt;color:#5b6473;margin:1mm 0 0}\n"
".sw{display:inline-block;width:3mm;height:3mm;margin:0 1mm 0 3mm;"
"vertical-align:middle}\n"
"table{border-collapse:collapse;width:100%;font-size:9pt}\n"
"th,td{border:1px solid #c8d3e0;padding:1mm 1.5mm;text-align:left;"
"vertical-align:top}\n"
"th{background:#eef3f8}\n"
"td.n{text-align:right;white-space:nowrap}\n"
"thead{display:table-header-group}\n"
"tbody.officer{break-inside:avoid;page-break-inside:avoid}\n"
"tr.next td{border-top:none;color:#3d4a5c;font-size:8.5pt}\n"
".officers{break-before:page;page-break-before:always}\n"
"@media screen{body{padding:8mm 4mm}}\n";

#define C_DONE	"#2a7ab0"	/* completion */
#define C_PASS	"#3b9a5a"	/* passed */
#define C_HOURS	"#2a7ab0"
#define C_PLAN	"#c7cdd6"

static double
pct(int64_t part, int64_t whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0;
}

/* A chart label: at most 'cells' terminal cells, never splitting Thai. */
static void
svg_label(struct buf *b, const char *s, int cells)
{
	struct buf	tmp;
	size_t		len = strlen(s), cut = text_clip(s, len, cells, NULL);

	if (cut == len) {
		html_escape(b, s);
		return;
	}
	buf_init(&tmp);
	buf_add(&tmp, s, text_clip(s, len, cells - 1, NULL));
	buf_adds(&tmp, "…");
	html_escape(b, tmp.data);
	buf_release(&tmp);
}

/*
 * A horizontal bar chart of completion and pass rates: one row per
 * label, two bars each (0-100%).
 */
static void
svg_rates(struct buf *b, const char *id, const char *const *labels,
    const struct report_rate *const *rates, size_t n)
{
	const int	 lw = 270, bw = 380, rh = 34, w = lw + bw + 70;
	size_t		 i;
	int		 y, h = (int)n * rh + 26;
	double		 c, p;

	buf_addf(b, "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n",
	    id, w, h, w, h);
	for (i = 0; i <= 4; i++)
		buf_addf(b, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#e3e8ef\"/><text x=\"%d\" y=\"%d\" "
		    "font-size=\"10\" fill=\"#5b6473\" text-anchor=\"middle\">"
		    "%zu%%</text>\n", lw + (int)i * bw / 4,
		    lw + (int)i * bw / 4, h - 16, lw + (int)i * bw / 4, h - 4,
		    i * 25);
	for (i = 0; i < n; i++) {
		y = (int)i * rh;
		c = pct(rates[i]->completed, rates[i]->enrolled);
		p = pct(rates[i]->passed, rates[i]->enrolled);
		buf_addf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
		    "text-anchor=\"end\" fill=\"#1b2a41\"><title>", lw - 8,
		    y + 15);
		html_escape(b, labels[i]);
		buf_adds(b, "</title>");
		svg_label(b, labels[i], 36);
		buf_addf(b, "</text>\n<text x=\"%d\" y=\"%d\" font-size=\"9.5\" "
		    "text-anchor=\"end\" fill=\"#5b6473\">%lld enrolled</text>\n",
		    lw - 8, y + 27, (long long)rates[i]->enrolled);
		buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"11\" "
		    "fill=\"" C_DONE "\"><title>completed %.0f%%</title></rect>"
		    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#1b2a41\">"
		    "%.0f%%</text>\n", lw, y + 4, bw * c / 100, c,
		    lw + bw * c / 100 + 4, y + 13, c);
		buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"11\" "
		    "fill=\"" C_PASS "\"><title>passed %.0f%%</title></rect>"
		    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#1b2a41\">"
		    "%.0f%%</text>\n", lw, y + 17, bw * p / 100, p,
		    lw + bw * p / 100 + 4, y + 26, p);
	}
	buf_adds(b, "</svg>\n");
}

static void
rates_legend(struct buf *b)
{
	buf_adds(b, "<div class=\"legend\"><span class=\"sw\" style=\"background:"
	    C_DONE "\"></span>อัตราการอบรมจบ / completed"
	    "<span class=\"sw\" style=\"background:" C_PASS "\"></span>"
	    "อัตราการผ่าน / passed · ต่อการลงทะเบียน (เจ้าหน้าที่ 1 คน × "
	    "1 หลักสูตร) / per enrolment (one officer in one course)</div>\n");
}

/* Average credited hours per officer against the plan, by group. */
static void
svg_hours(struct buf *b, const struct report *r)
{
	const int	 lw = 250, bw = 400, rh = 30, w = lw + bw + 90;
	int		 g, y, h = GROUP_COUNT * rh + 26;
	double		 max = 1, avg, x;

	for (g = 0; g < GROUP_COUNT; g++) {
		avg = r->group_officers[g] ? r->by_group[g].hours /
		    (double)r->group_officers[g] : 0;
		if (avg > max)
			max = avg;
		if (r->group_target[g] > max)
			max = r->group_target[g];
	}
	buf_addf(b, "<svg id=\"chart-hours\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">\n",
	    w, h, w, h);
	for (g = 0; g <= 4; g++)
		buf_addf(b, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#e3e8ef\"/><text x=\"%d\" y=\"%d\" font-size=\"10\" "
		    "fill=\"#5b6473\" text-anchor=\"middle\">%.3g h</text>\n",
		    lw + g * bw / 4, lw + g * bw / 4, h - 16, lw + g * bw / 4,
		    h - 4, max * g / 4);
	for (g = 0; g < GROUP_COUNT; g++) {
		y = g * rh;
		avg = r->group_officers[g] ? r->by_group[g].hours /
		    (double)r->group_officers[g] : 0;
		buf_addf(b, "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
		    "text-anchor=\"end\" fill=\"#1b2a41\">", lw - 8, y + 13);
		html_escape(b, r->lang == LANG_EN ? vocab_groups[g].en :
		    vocab_groups[g].th);
		buf_addf(b, "</text>\n<text x=\"%d\" y=\"%d\" font-size=\"9.5\" "
		    "text-anchor=\"end\" fill=\"#5b6473\">%zu %s</text>\n",
		    lw - 8, y + 25, r->group_officers[g],
		    r->lang != LANG_EN ? "คน" : r->group_officers[g] == 1 ?
		    "officer" : "officers");
		x = bw * r->group_target[g] / max;
		buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"20\" "
		    "fill=\"" C_PLAN "\"><title>plan %g h</title></rect>\n", lw,
		    y + 2, x, r->group_target[g]);
		buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" "
		    "fill=\"" C_HOURS "\"><title>credited %.1f h</title></rect>\n",
		    lw, y + 6, bw * avg / max, avg);
		buf_addf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
		    "fill=\"#1b2a41\">%.1f / %g h</text>\n", lw + (x > bw * avg /
		    max ? x : bw * avg / max) + 4, y + 16, avg,
		    r->group_target[g]);
	}
	buf_adds(b, "</svg>\n");
}

static void
report_heading(struct buf *b, const char *th, const char *en)
{
	buf_addf(b, "<h2>%s <span class=\"en\">/ %s</span></h2>\n", th, en);
}

static void
report_card(struct buf *b, const char *th, const char *en, const char *val)
{
	buf_addf(b, "<div class=\"card\">%s <span class=\"en\">/ %s</span>"
	    "<b>%s</b></div>\n", th, en, val);
}

static void
report_officer_row(struct buf *b, const struct report *r,
    const struct report_officer *ro)
{
	struct devlog_balance	 bal;
	int			 g;

	g = vocab_find(vocab_groups, GROUP_COUNT, ro->o.group);
	buf_adds(b, "<tbody class=\"officer\"><tr><td>");
	html_escape(b, ro->o.code);
	buf_adds(b, "</td><td>");
	html_escape(b, ro->o.name);
	if (ro->o.agency[0] != '\0') {
		buf_adds(b, "<br><span class=\"en\">");
		html_escape(b, ro->o.agency);
		buf_adds(b, "</span>");
	}
	buf_adds(b, "</td><td>");
	if (g >= 0)
		html_escape(b, r->lang == LANG_EN ? vocab_groups[g].en :
		    vocab_groups[g].th);
	buf_addf(b, "</td><td class=\"n\">%lld / %lld</td><td class=\"n\">"
	    "%lld</td><td class=\"n\">%.1f", (long long)ro->r.completed,
	    (long long)ro->r.enrolled, (long long)ro->r.passed, ro->r.hours);
	if (ro->has_plan)
		buf_addf(b, " / %g", ro->target);
	buf_adds(b, "</td><td>");
	if (ro->has_plan && ro->phase >= 0) {
		html_escape(b, r->lang == LANG_EN ?
		    vocab_levels[ro->phase].en : vocab_levels[ro->phase].th);
		buf_addf(b, " %zu/%zu", ro->req_done, ro->req_total);
	} else if (ro->has_plan)
		buf_adds(b, "✓");
	else
		buf_adds(b, "–");
	devlog_balance((int64_t)(ro->log_hours[STORE_LOG_PRACTICE] * 60 + 0.5),
	    (int64_t)(ro->log_hours[STORE_LOG_COACHING] * 60 + 0.5),
	    ro->r.hours, &bal);
	buf_addf(b, "</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td>"
	    "<td class=\"n\">", ro->log_hours[STORE_LOG_PRACTICE],
	    ro->log_hours[STORE_LOG_COACHING]);
	if (bal.total > 0)
		buf_addf(b, "%.0f:%.0f:%.0f", bal.share[DEVLOG_PRACTICE] * 100,
		    bal.share[DEVLOG_COACHING] * 100,
		    bal.share[DEVLOG_COURSES] * 100);
	else
		buf_adds(b, "–");
	buf_adds(b, "</td></tr>\n");
	if (ro->next != NULL) {
		buf_adds(b, "<tr class=\"next\"><td></td><td colspan=\"9\">"
		    "ขั้นต่อไป / next step: ");
		html_escape(b, ro->next);
		buf_adds(b, "</td></tr>\n");
	}
	buf_adds(b, "</tbody>\n");
}

void
report_html(const struct report *r, struct buf *b)
{
	const char		*labels[64];
	const struct report_rate *rates[64];
	char			 val[64];
	size_t			 i, n;
	int			 g;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>รายงานการพัฒนาทักษะดิจิทัล · "
	    "Digital-skills development report</title>\n<style>\n");
	buf_adds(b, report_css);
	buf_adds(b, "</style>\n</head>\n<body>\n<h1>รายงานผลการพัฒนาทักษะดิจิทัล"
	    "ของบุคลากร</h1>\n<div class=\"en\">Digital-skills development of "
	    "staff: agency report</div>\n<p class=\"meta\">ข้อมูล ณ วันที่ ");
	html_date(b, r->generated, LANG_TH);
	buf_adds(b, " · <span class=\"en\">as of ");
	html_date(b, r->generated, LANG_EN);
	buf_addf(b, "</span> · rianru %s</p>\n<div class=\"cards\">\n",
	    RIANRU_VERSION);
	snprintf(val, sizeof val, "%zu", r->nofficers);
	report_card(b, "เจ้าหน้าที่", "officers", val);
	snprintf(val, sizeof val, "%lld", (long long)r->total.enrolled);
	report_card(b, "การลงทะเบียน", "enrolments", val);
	snprintf(val, sizeof val, "%.0f%%", pct(r->total.completed,
	    r->total.enrolled));
	report_card(b, "อบรมจบ", "completed", val);
	snprintf(val, sizeof val, "%.0f%%", pct(r->total.passed,
	    r->total.enrolled));
	report_card(b, "ผ่าน", "passed", val);
	snprintf(val, sizeof val, "%.1f", r->total.hours);
	report_card(b, "ชั่วโมงหลักสูตร (10)", "course hours", val);
	snprintf(val, sizeof val, "%.1f / %.1f",
	    r->log_hours[STORE_LOG_PRACTICE], r->log_hours[STORE_LOG_COACHING]);
	report_card(b, "ฝึกปฏิบัติ (70) / โค้ช (20)", "practice / coaching h",
	    val);
	buf_adds(b, "</div>\n");

	report_heading(b, "ตามกลุ่มเป้าหมาย", "by target group");
	for (g = 0; g < GROUP_COUNT; g++) {
		labels[g] = r->lang == LANG_EN ? vocab_groups[g].en :
		    vocab_groups[g].th;
		rates[g] = &r->by_group[g];
	}
	buf_adds(b, "<div class=\"chart\">\n");
	svg_rates(b, "chart-groups", labels, rates, GROUP_COUNT);
	rates_legend(b);
	buf_adds(b, "</div>\n");

	report_heading(b, "ตามด้านทักษะ", "by skill area");
	for (g = 0; g < AREA_COUNT; g++) {
		labels[g] = r->lang == LANG_EN ? vocab_areas[g].en :
		    vocab_areas[g].th;
		rates[g] = &r->by_area[g];
	}
	buf_adds(b, "<div class=\"chart\">\n");
	svg_rates(b, "chart-areas", labels, rates, AREA_COUNT);
	rates_legend(b);
	buf_adds(b, "</div>\n");

	report_heading(b, "ตามหลักสูตร", "by course");
	n = r->ncourses < 64 ? r->ncourses : 64;
	for (i = 0; i < n; i++) {
		labels[i] = r->courses[i].c != NULL ?
		    lstr_get(&r->courses[i].c->title, r->lang) :
		    r->courses[i].id;
		rates[i] = &r->courses[i].r;
	}
	buf_adds(b, "<div class=\"chart\">\n");
	svg_rates(b, "chart-courses", labels, rates, n);
	rates_legend(b);
	buf_adds(b, "</div>\n");

	report_heading(b, "ชั่วโมงเทียบกับแผนพัฒนา", "hours against the plan");
	buf_adds(b, "<div class=\"chart\">\n");
	svg_hours(b, r);
	buf_adds(b, "<div class=\"legend\"><span class=\"sw\" style=\"background:"
	    C_HOURS "\"></span>ชั่วโมงหลักสูตรเฉลี่ยต่อคน / credited hours per "
	    "officer<span class=\"sw\" style=\"background:" C_PLAN "\"></span>"
	    "ชั่วโมงตามแผน (ทุกระยะ) / plan hours (all phases)</div>\n</div>\n");

	buf_adds(b, "<section class=\"officers\">\n");
	report_heading(b, "รายบุคคล", "per officer");
	buf_adds(b, "<table id=\"officers\">\n<thead><tr><th>รหัส<br>"
	    "<span class=\"en\">code</span></th><th>ชื่อ<br><span class=\"en\">"
	    "name</span></th><th>กลุ่ม<br><span class=\"en\">group</span></th>"
	    "<th>จบ/ลงทะเบียน<br><span class=\"en\">done/enrolled</span></th>"
	    "<th>ผ่าน<br><span class=\"en\">passed</span></th><th>ชั่วโมง/แผน"
	    "<br><span class=\"en\">hours/plan</span></th><th>ระยะ<br>"
	    "<span class=\"en\">phase</span></th><th>ฝึก (70) ชม.<br>"
	    "<span class=\"en\">practice h</span></th><th>โค้ช (20) ชม.<br>"
	    "<span class=\"en\">coaching h</span></th><th>70:20:10</th></tr>"
	    "</thead>\n");
	for (i = 0; i < r->nofficers; i++)
		report_officer_row(b, r, &r->officers[i]);
	buf_adds(b, "</table>\n</section>\n</body>\n</html>\n");
}
