/*
 * Micro benchmark for lib/text/text.c: dictionary load, wrapping, word
 * segmentation and normalisation of about 50 KB of Thai.
 *
 *   make && cc -Ilib -O2 -o build/bench_text bench/bench_text.c \
 *       build/default/librianru.a -lthai -lunistring && build/bench_text
 *
 * Also times one 50 KB run of Thai without a single space, the worst
 * case for libthai's dictionary search.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "text/text.h"

static const char *sample =
    "สำนักงานคณะกรรมการข้าราชการพลเรือน (สำนักงาน ก.พ.) ได้จัดทำหลักสูตร"
    "การพัฒนาทักษะดิจิทัลของข้าราชการและบุคลากรภาครัฐ เพื่อให้ผู้อำนวยการกอง"
    "และเจ้าหน้าที่ทุกระดับสามารถใช้เทคโนโลยีดิจิทัลในการปฏิบัติงานได้อย่างมี"
    "ประสิทธิภาพ ผู้เรียนจะได้ศึกษาเรื่องการบริหารจัดการข้อมูล ความมั่นคง"
    "ปลอดภัยไซเบอร์ การออกแบบบริการดิจิทัล ฯลฯ รวมทั้งเครื่องมือต่างๆ เช่น "
    "Microsoft Excel และระบบสารบรรณอิเล็กทรอนิกส์ ราคา 1,234.50 บาท\n";

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
bench_wrap(struct text_wrapper *w, const char *name, const char *s,
    size_t len)
{
	struct text_line	*l;
	struct text_span	*sp;
	struct buf		 b;
	size_t			 n = 0;
	double			 t;
	int			 i, reps = 20;

	t = now();
	for (i = 0; i < reps; i++) {
		n = text_wrap(w, s, len, 80, &l);
		free(l);
	}
	t = (now() - t) / reps;
	printf("%-10s wrap/80   %7.2f ms  %6.1f MB/s  %zu lines\n", name,
	    t * 1e3, len / t / 1e6, n);
	t = now();
	for (i = 0; i < reps; i++) {
		n = text_words(w, s, len, &sp);
		free(sp);
	}
	t = (now() - t) / reps;
	printf("%-10s words     %7.2f ms  %6.1f MB/s  %zu words\n", name,
	    t * 1e3, len / t / 1e6, n);
	buf_init(&b);
	t = now();
	for (i = 0; i < reps; i++) {
		buf_reset(&b);
		text_normalise(s, len, &b);
	}
	t = (now() - t) / reps;
	printf("%-10s normalise %7.2f ms  %6.1f MB/s\n", name, t * 1e3,
	    len / t / 1e6);
	buf_release(&b);
}

int
main(void)
{
	struct text_wrapper	*w;
	struct buf		 text, solid;
	double			 t;

	buf_init(&text);
	while (text.len < 50 * 1024)
		buf_adds(&text, sample);
	buf_init(&solid);
	while (solid.len < 50 * 1024)
		buf_adds(&solid, "การพัฒนาทักษะดิจิทัลของข้าราชการ");
	t = now();
	w = text_wrapper_new();
	printf("dictionary load %.2f ms%s\n", (now() - t) * 1e3,
	    text_wrapper_has_dict(w) ? "" : " (no dictionary!)");
	bench_wrap(w, "paragraphs", text.data, text.len);
	bench_wrap(w, "no-spaces", solid.data, solid.len);
	text_wrapper_free(w);
	buf_release(&text);
	buf_release(&solid);
	return 0;
}
