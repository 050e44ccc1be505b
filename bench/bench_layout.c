/*
 * bench_layout: Thai layout against libthai's own break finding, and the
 * cost of painting a long lesson page.
 *
 *   bench_layout [REPS]
 *
 * On a 50 KB Thai lesson (paragraphs, a list, a note, emphasis, code) it
 * times, as the median of REPS runs (default 21):
 *   wrap80, wrap200   text_wrap() to 80 and 200 columns
 *   libthai           decoding the same UTF-8 to wchar_t and one
 *                     th_brk_wc_find_breaks() over all of it: the least
 *                     work that finds Thai word breaks (the floor)
 *   layout200         layout_page() at 200 columns (what a resize costs)
 *   redraw200x60      painting 60 rows of the laid-out page, 200 columns,
 *                     into ncursesw (newterm on /dev/null) and doupdate():
 *                     each run turns a page, so every cell changes
 * and prints one "name=ms" pair per figure on one line.
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <time.h>
#include <wchar.h>

#include "base/buf.h"
#include "text/markup.h"
#include "text/text.h"

static const char *const paras[] = {
	"สำนักงานคณะกรรมการข้าราชการพลเรือน (สำนักงาน ก.พ.) ได้จัดทำหลักสูตร"
	"การพัฒนาทักษะดิจิทัลของข้าราชการและบุคลากรภาครัฐ เพื่อให้ผู้อำนวยการกอง"
	"และเจ้าหน้าที่ทุกระดับสามารถใช้เทคโนโลยีดิจิทัลในการปฏิบัติงานได้อย่างมี"
	"ประสิทธิภาพ ผู้เรียนจะได้ศึกษาเรื่อง*การบริหารจัดการข้อมูล* ความมั่นคง"
	"ปลอดภัยไซเบอร์ การออกแบบบริการดิจิทัล ฯลฯ รวมทั้งเครื่องมือต่างๆ เช่น "
	"Microsoft Excel และระบบสารบรรณอิเล็กทรอนิกส์ ราคา 1,234.50 บาท\n\n",
	"- ตั้งชื่อไฟล์ให้มีวันที่ หัวเรื่อง และเลขฉบับ เช่น `2568-03-15_รายงาน_v02.docx`\n"
	"- ใช้ขีดล่างแทนการเว้นวรรค เพราะบางระบบแปลงช่องว่างเป็นอักขระแปลก ๆ\n"
	"- เก็บไฟล์งานไว้ในพื้นที่ที่หน่วยงานสำรองข้อมูลให้\n\n",
	"> หลักสำรองข้อมูล 3-2-1 คือ มีข้อมูลอย่างน้อย 3 ชุด เก็บบนสื่อ 2 ประเภท "
	"และอย่างน้อย 1 ชุดเก็บไว้นอกสถานที่\n\n",
	"ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ 4) พ.ศ. 2564 รองรับการรับ "
	"ส่ง และเก็บรักษาหนังสือราชการด้วยวิธีการทางอิเล็กทรอนิกส์ หน่วยงานจำนวนมาก"
	"จึงใช้ระบบสารบรรณอิเล็กทรอนิกส์แทนการเดินเอกสารกระดาษ\n\n",
};

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

/* The libthai floor: decode, then find every break in one call. */
static size_t
ref_breaks(ThBrk *brk, const char *s, size_t len, thwchar_t *wbuf, int *pos,
    size_t cap)
{
	size_t		i = 0, n = 0, used;
	uint32_t	cp;

	while (i < len && n < cap) {
		used = text_decode(s + i, len - i, &cp);
		wbuf[n++] = (thwchar_t)cp;
		i += used;
	}
	wbuf[n] = 0;
	return (size_t)th_brk_wc_find_breaks(brk, wbuf, pos, n);
}

/* Paint rows [top, top + rows) of 'lay' as the lesson view does. */
static void
paint(const struct layout *lay, size_t top, int rows)
{
	size_t	i, s;
	int	y;

	erase();
	for (y = 0, i = top; y < rows && i < lay->nlines; y++, i++) {
		const struct mline *ml = &lay->lines[i];

		move(y, ml->indent);
		if (ml->note)
			mvaddstr(y, 0, "│");
		move(y, ml->indent);
		for (s = ml->seg0; s < ml->seg0 + ml->nseg; s++) {
			const struct mseg *g = &lay->segs[s];

			attrset(g->style == MSTYLE_EMPH ? A_BOLD :
			    g->style == MSTYLE_CODE ? A_REVERSE : A_NORMAL);
			addnstr(lay->text + g->off, (int)g->len);
		}
	}
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
	doupdate();
}

int
main(int argc, char **argv)
{
	struct text_wrapper	*w;
	struct text_line	*lines;
	struct layout		*lay;
	struct buf		 b;
	SCREEN			*scr;
	FILE			*out, *in;
	ThBrk			*brk;
	thwchar_t		*wbuf;
	int			*pos, reps = argc > 1 ? atoi(argv[1]) : 21, r, i;
	double			*t, wrap80, wrap200, ref, lay200, redraw;
	size_t			 n80 = 0, n200 = 0, nbrk = 0, top = 0;

	if (reps < 1)
		reps = 1;
	if (setlocale(LC_ALL, "") == NULL ||
	    strstr(setlocale(LC_CTYPE, NULL), "UTF-8") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	buf_init(&b);
	for (i = 0; b.len < 50 * 1024; i++)
		buf_adds(&b, paras[i % 4]);
	t = calloc((size_t)reps, sizeof *t);
	w = text_wrapper_new();
	brk = th_brk_new(NULL);
	wbuf = calloc(b.len + 1, sizeof *wbuf);
	pos = calloc(b.len + 1, sizeof *pos);

	for (r = 0; r < reps; r++) {
		t[r] = now_ms();
		n80 = text_wrap(w, b.data, b.len, 80, &lines);
		t[r] = now_ms() - t[r];
		free(lines);
	}
	wrap80 = median(t, reps);
	for (r = 0; r < reps; r++) {
		t[r] = now_ms();
		n200 = text_wrap(w, b.data, b.len, 200, &lines);
		t[r] = now_ms() - t[r];
		free(lines);
	}
	wrap200 = median(t, reps);
	for (r = 0; r < reps; r++) {
		t[r] = now_ms();
		nbrk = ref_breaks(brk, b.data, b.len, wbuf, pos, b.len);
		t[r] = now_ms() - t[r];
	}
	ref = median(t, reps);
	for (r = 0; r < reps; r++) {
		t[r] = now_ms();
		lay = layout_page(w, b.data, 200);
		t[r] = now_ms() - t[r];
		layout_free(lay);
	}
	lay200 = median(t, reps);

	/* a 200x60 terminal writing to /dev/null */
	setenv("LINES", "60", 1);
	setenv("COLUMNS", "200", 1);
	if (getenv("TERM") == NULL || strcmp(getenv("TERM"), "dumb") == 0)
		setenv("TERM", "xterm-256color", 1);
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	use_env(TRUE);
	if (out == NULL || in == NULL ||
	    (scr = newterm(NULL, out, in)) == NULL) {
		fprintf(stderr, "bench_layout: cannot start curses\n");
		return 1;
	}
	lay = layout_page(w, b.data, 200);
	for (r = 0; r < reps * 5; r++) {
		double	x = now_ms();

		paint(lay, top, 60);
		x = now_ms() - x;
		if (r % 5 == 0)
			t[r / 5] = x;
		top = top + 60 < lay->nlines ? top + 60 : 0;
	}
	redraw = median(t, reps);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	layout_free(lay);

	printf("bytes=%zu wrap80=%.3f wrap200=%.3f libthai=%.3f layout200=%.3f "
	    "redraw200x60=%.3f lines80=%zu lines200=%zu breaks=%zu dict=%d\n",
	    b.len, wrap80, wrap200, ref, lay200, redraw, n80, n200, nbrk,
	    text_wrapper_has_dict(w));
	th_brk_delete(brk);
	text_wrapper_free(w);
	free(wbuf);
	free(pos);
	free(t);
	buf_release(&b);
	return 0;
}
