/*
 * gen-catalog: write a deterministic course catalogue for the benchmarks.
 *
 *   gen-catalog SIZE OUTDIR
 *   gen-catalog -c COURSES -m MODULES -q QUESTIONS [-p PAGES] OUTDIR
 *
 * SIZE is smoke (3 x 2 x 7), small (10 courses), national (300 courses x
 * 12 modules x 30 questions) or stress (1,000 courses); every size but
 * smoke has 12 modules of 3 pages and a 30-question quiz per course. The
 * text is Thai and English sentences about digital government drawn from
 * fixed pools with a fixed-seed generator, with the page markup (lists,
 * notes, emphasis, code) and every question type and option the format
 * has, so the same arguments always give the same bytes, and the result
 * passes `rianru check` with no error and no warning.
 *
 * Prints "COURSES courses, FILES files, BYTES bytes" on success.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const th_sent[] = {
	"สำนักงานคณะกรรมการข้าราชการพลเรือนจัดทำหลักสูตรการพัฒนาทักษะดิจิทัลสำหรับข้าราชการทุกระดับ",
	"ผู้เรียนจะได้ศึกษาเรื่องการบริหารจัดการข้อมูลและความมั่นคงปลอดภัยไซเบอร์",
	"หน่วยงานควรกำหนดเจ้าของข้อมูลและผู้ดูแลข้อมูลให้ชัดเจนก่อนเปิดเผยชุดข้อมูล",
	"การออกแบบบริการดิจิทัลเริ่มจากปัญหาของประชาชนผู้รับบริการ ไม่ใช่จากเทคโนโลยี",
	"ระบบสารบรรณอิเล็กทรอนิกส์ช่วยลดการใช้กระดาษและทำให้ติดตามหนังสือราชการได้รวดเร็ว",
	"ก่อนคลิกลิงก์ในอีเมล ให้ตรวจสอบชื่อผู้ส่งและที่อยู่เว็บไซต์ทุกครั้ง",
	"รหัสผ่านที่ดีควรยาวอย่างน้อยสิบสองตัวอักษรและไม่ใช้ซ้ำกับระบบอื่น",
	"พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 กำหนดหน้าที่ของผู้ควบคุมข้อมูล",
	"ผู้บริหารควรใช้ข้อมูลประกอบการตัดสินใจ และวัดผลลัพธ์ที่เกิดกับประชาชน",
	"การทำงานร่วมกันบนคลาวด์ทำให้ทุกคนแก้ไขเอกสารฉบับเดียวกันได้พร้อมกัน",
	"ควรสำรองข้อมูลตามหลัก 3-2-1 และทดสอบการกู้คืนอย่างสม่ำเสมอ",
	"แบบฟอร์มออนไลน์ที่ดีถามเฉพาะข้อมูลที่จำเป็น และบอกผู้กรอกว่าต้องเตรียมเอกสารใดบ้าง",
	"ข้อมูลเปิดภาครัฐควรอยู่ในรูปแบบที่เครื่องอ่านได้ เช่น CSV หรือ JSON",
	"การประชุมออนไลน์ควรมีวาระที่ชัดเจนและสรุปมติส่งให้ผู้เข้าร่วมภายในวันเดียวกัน",
	"เจ้าหน้าที่บริการประชาชนต้องยืนยันตัวตนผู้ขอรับบริการก่อนเปิดเผยข้อมูลใด ๆ",
	"โครงการดิจิทัลขนาดใหญ่ควรเริ่มจากการทดลองในขอบเขตเล็ก แล้วขยายผลเมื่อวัดผลได้",
	"แผนพัฒนาบุคลากรด้านดิจิทัลควรสอดคล้องกับกรอบทักษะของสำนักงาน ก.พ.",
	"ฯลฯ เป็นเครื่องหมายที่ใช้ละข้อความที่ยังมีต่อไปอีกมาก",
	"ผู้ปฏิบัติงานด้านเทคโนโลยีควรติดตั้งโปรแกรมปรับปรุงความปลอดภัยโดยเร็วที่สุด",
	"การจัดเก็บไฟล์ตามภารกิจช่วยให้ค้นหางานได้แม้ผู้รับผิดชอบเดิมย้ายไปแล้ว",
	"ค่าบริการ 1,234.50 บาทต่อรายการ ชำระผ่านระบบพร้อมเพย์ได้ทันที",
	"เมื่อพบเหตุการณ์ผิดปกติ ให้แจ้งผู้ดูแลระบบของหน่วยงานตามขั้นตอนที่กำหนด",
	"ธรรมาภิบาลข้อมูลภาครัฐช่วยให้ข้อมูลมีคุณภาพ ถูกต้อง และนำไปใช้ต่อได้",
	"ระบบ Microsoft Excel และ LibreOffice Calc ใช้ทำตารางคำนวณได้เหมือนกัน",
};

static const char *const en_sent[] = {
	"The Office of the Civil Service Commission runs digital-skills courses for officers at every level.",
	"Learners study data management and cyber security in short modules.",
	"An agency should name a data owner and a data steward before it publishes a dataset.",
	"Good digital services start from the problems citizens have, not from the technology.",
	"The electronic correspondence system saves paper and makes official letters easy to track.",
	"Before you click a link in an e-mail, check the sender and the address of the web site.",
	"A good password has at least twelve characters and is never reused on another system.",
	"The Personal Data Protection Act B.E. 2562 (2019) sets out the duties of a data controller.",
	"Executives should base decisions on data and measure the results for citizens.",
	"Working together in the cloud lets everyone edit the same version of a document.",
	"Keep backups by the 3-2-1 rule and test that you can restore them.",
	"A good online form asks only for what is needed and says which documents to prepare.",
	"Open government data should be machine-readable, for example CSV or JSON.",
	"An online meeting needs a clear agenda, and its decisions go out the same day.",
	"Service staff must confirm who a citizen is before they disclose any record.",
	"A large digital project should begin with a small pilot and grow once results are measured.",
	"A digital development plan for staff follows the OCSC digital-skills framework.",
	"Technology staff should install security updates as soon as possible.",
	"Filing by task rather than by person keeps work findable when people move on.",
	"The fee is 1,234.50 baht per item, payable at once by PromptPay.",
	"When something looks wrong, report it to the agency's administrator as the procedure says.",
	"Public sector data governance keeps data accurate, complete and reusable.",
};

static const char *const th_title[] = {
	"การบริหารจัดการข้อมูล", "ความมั่นคงปลอดภัยไซเบอร์", "รัฐบาลดิจิทัล",
	"การออกแบบบริการ", "การทำงานร่วมกันออนไลน์", "ธรรมาภิบาลข้อมูล",
	"การคุ้มครองข้อมูลส่วนบุคคล", "ภาวะผู้นำดิจิทัล", "การบริหารโครงการ",
	"ข้อมูลเปิดภาครัฐ", "เอกสารอิเล็กทรอนิกส์", "การให้บริการประชาชน",
};

static const char *const en_title[] = {
	"Data management", "Cyber security", "Digital government",
	"Service design", "Working together online", "Data governance",
	"Personal data protection", "Digital leadership", "Project management",
	"Open government data", "Electronic documents", "Serving citizens",
};

static const char *const th_word[] = {
	"ข้อมูล", "รหัสผ่าน", "เจ้าของข้อมูล", "ระบบสารบรรณ", "คลาวด์",
	"ฟิชชิง", "การสำรองข้อมูล", "ผู้รับบริการ", "แบบฟอร์ม", "ทะเบียน",
};

static const char *const en_word[] = {
	"data", "password", "data owner", "correspondence system", "cloud",
	"phishing", "backup", "citizen", "form", "register",
};

static const char *const areas[] = {
	"digital-literacy", "digital-governance", "digital-technology",
	"service-design", "project-management", "digital-leadership",
};
static const char *const levels[] = { "early", "developing", "advanced" };
static const char *const groups[] = {
	"executive", "director", "policy", "service", "technology", "other",
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

struct gen {
	uint64_t	 rng;
	FILE		*f;
	size_t		 files;
	unsigned long long bytes;
};

/* splitmix64: small, fast and the same everywhere */
static uint64_t
gen_next(struct gen *g)
{
	uint64_t	z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t
gen_pick(struct gen *g, size_t n)
{
	return (size_t)(gen_next(g) % n);
}

static void
gen_open(struct gen *g, const char *fmt, ...)
{
	char	path[4096];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	if ((g->f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen-catalog: cannot write '%s': %s\n", path,
		    strerror(errno));
		exit(1);
	}
	g->files++;
}

static void
gen_close(struct gen *g)
{
	long	size = ftell(g->f);

	if (size > 0)
		g->bytes += (unsigned long long)size;
	if (ferror(g->f) || fclose(g->f) != 0) {
		fprintf(stderr, "gen-catalog: write error: %s\n",
		    strerror(errno));
		exit(1);
	}
	g->f = NULL;
}

static void __attribute__((format(printf, 2, 3)))
out(struct gen *g, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vfprintf(g->f, fmt, ap);
	va_end(ap);
}

/* A localised value on one line: "{ th: ..., en: ... }" (flow style). */
static void
gen_lflow(struct gen *g, const char *th, const char *en)
{
	out(g, "{ th: \"%s\", en: \"%s\" }\n", th, en);
}

/* A localised value as a block map under 'key' at 'ind' spaces. */
static void
gen_lblock(struct gen *g, int ind, const char *key, const char *th,
    const char *en)
{
	out(g, "%*s%s:\n%*sth: %s\n%*sen: \"%s\"\n", ind, "", key, ind + 2, "",
	    th, ind + 2, "", en);
}

/* 'n' sentences from 'pool', separated by spaces. */
static void
gen_sentences(struct gen *g, const char *const *pool, size_t npool, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		out(g, "%s%s", i ? " " : "", pool[gen_pick(g, npool)]);
}

/* One page text in one language as a literal block at 'ind' spaces. */
static void
gen_page_text(struct gen *g, int ind, int thai, int kind)
{
	const char *const	*pool = thai ? th_sent : en_sent;
	size_t			 npool = thai ? NELEM(th_sent) : NELEM(en_sent);
	const char *const	*words = thai ? th_word : en_word;
	int			 p, i;

	for (p = 0; p < 3; p++) {
		out(g, "%*s", ind, "");
		gen_sentences(g, pool, npool, 1 + (int)gen_pick(g, 2));
		if (p == 1)
			out(g, " *%s* `v%02d`", words[gen_pick(g, 10)],
			    (int)gen_pick(g, 100));
		out(g, "\n\n");
		if (p == 1 && kind % 2 == 0)
			for (i = 0; i < 3; i++) {
				out(g, "%*s- %s\n", ind, "", (thai ? th_title :
				    en_title)[gen_pick(g, 12)]);
			}
		else if (p == 1)
			for (i = 0; i < 3; i++) {
				out(g, "%*s%d. %s\n", ind, "", i + 1, (thai ?
				    th_title : en_title)[gen_pick(g, 12)]);
			}
		if (p == 1)
			out(g, "\n");
	}
	out(g, "%*s> ", ind, "");
	gen_sentences(g, pool, npool, 1);
	out(g, "\n");
}

static void
gen_choice_list(struct gen *g, int ind, int n, int ncorrect, int with_ids)
{
	int	i;

	out(g, "%*schoices:\n", ind, "");
	for (i = 0; i < n; i++) {
		size_t	w = gen_pick(g, NELEM(th_title));

		if (with_ids)
			out(g, "%*s- id: opt-%d\n%*s  text:\n", ind + 2, "", i,
			    ind + 2, "");
		else
			out(g, "%*s- text:\n", ind + 2, "");
		out(g, "%*sth: %s%s (%d)\n%*sen: \"%s of %s (%d)\"\n",
		    ind + 6, "", th_title[w], th_word[w % 10], i, ind + 6, "",
		    en_title[w], en_word[w % 10], i);
		if (i < ncorrect)
			out(g, "%*s  correct: true\n", ind + 2, "");
		if (i % 2 == 1) {
			out(g, "%*s  feedback: ", ind + 2, "");
			gen_lflow(g, th_word[gen_pick(g, 10)],
			    en_word[gen_pick(g, 10)]);
		}
	}
}

static void
gen_question(struct gen *g, int mi, int qi, int npages)
{
	const int	ind = 6;
	int		type = qi % 7, i;
	size_t		s = gen_pick(g, NELEM(th_sent));

	out(g, "    - id: m%d-q%d\n", mi + 1, qi + 1);
	out(g, "%*stype: %s\n", ind, "", (const char *[]){ "choice",
	    "multiple", "true-false", "fill-in", "numeric", "matching",
	    "ordering" }[type]);
	out(g, "%*sprompt:\n%*sth: %s\n%*sen: \"%s\"\n",
	    ind, "", ind + 2, "", th_sent[s], ind + 2, "",
	    en_sent[s % NELEM(en_sent)]);
	if (qi % 3 == 0)
		gen_lblock(g, ind, "explain", th_title[s % 12],
		    en_title[s % 12]);
	if (qi % 5 == 4)
		out(g, "%*spoints: 2\n", ind, "");
	if (qi % 4 == 1)
		out(g, "%*stags: [data, security]\n", ind, "");
	if (npages > 0 && qi % 4 == 2)
		out(g, "%*srevisit: [p%d-%d]\n", ind, "", mi + 1,
		    qi % npages + 1);
	switch (type) {
	case 0:
		gen_choice_list(g, ind, 3, 1, qi % 2);
		break;
	case 1:
		if (qi % 2)
			out(g, "%*sscoring: partial\n", ind, "");
		gen_choice_list(g, ind, 4, 2, 1);
		break;
	case 2:
		out(g, "%*sanswer: %s\n", ind, "", qi % 2 ? "true" : "false");
		break;
	case 3:
		out(g, "%*sanswers:\n", ind, "");
		for (i = 0; i < 2; i++)
			out(g, "%*s- %s\n%*s- \"%s\"\n", ind + 2, "",
			    th_word[(s + (size_t)i) % 10], ind + 2, "",
			    en_word[(s + (size_t)i) % 10]);
		break;
	case 4:
		out(g, "%*sanswer: %d\n", ind, "", 12 + qi);
		if (qi % 2)
			out(g, "%*stolerance: 0.5\n", ind, "");
		out(g, "%*sunit: ", ind, "");
		gen_lflow(g, "ตัวอักษร", "characters");
		break;
	case 5:
		out(g, "%*spairs:\n", ind, "");
		for (i = 0; i < 3; i++) {
			out(g, "%*s- left: ", ind + 2, "");
			gen_lflow(g, th_word[(s + (size_t)i) % 10],
			    en_word[(s + (size_t)i) % 10]);
			out(g, "%*s  right:\n%*sth: %s\n%*sen: \"%s\"\n",
			    ind + 2, "", ind + 6, "",
			    th_title[(s + (size_t)i) % 12], ind + 6, "",
			    en_title[(s + (size_t)i) % 12]);
		}
		break;
	case 6:
		out(g, "%*sitems:\n", ind, "");
		for (i = 0; i < 3; i++) {
			if (qi % 2)
				out(g, "%*s- id: step-%d\n%*s  text: ", ind + 2,
				    "", i + 1, ind + 2, "");
			else
				out(g, "%*s- ", ind + 2, "");
			gen_lflow(g, th_title[(s + (size_t)i) % 12],
			    en_title[(s + (size_t)i) % 12]);
		}
		break;
	}
}

static void
gen_module(struct gen *g, const char *dir, int ci, int mi, int npages,
    int nquestions)
{
	size_t	t = (size_t)(ci + mi) % NELEM(th_title);
	int	p, q;

	gen_open(g, "%s/%02d-module.yaml", dir, mi + 1);
	out(g, "id: m%d\n", mi + 1);
	gen_lblock(g, 0, "title", th_title[t], en_title[t]);
	out(g, "minutes: %d\n", 15 + mi * 5);
	if (npages > 0)
		out(g, "pages:\n");
	for (p = 0; p < npages; p++) {
		out(g, "  - id: p%d-%d\n", mi + 1, p + 1);
		gen_lblock(g, 4, "title", th_title[(t + (size_t)p + 1) % 12],
		    en_title[(t + (size_t)p + 1) % 12]);
		out(g, "    text:\n      th: |\n");
		gen_page_text(g, 8, 1, p);
		out(g, "      en: |\n");
		gen_page_text(g, 8, 0, p);
	}
	if (nquestions > 0) {
		out(g, "quiz:\n  id: m%d-quiz\n", mi + 1);
		if (mi % 2)
			out(g, "  title: ");
		if (mi % 2)
			gen_lflow(g, "แบบทดสอบท้ายบท", "End of module quiz");
		out(g, "  pass: %s\n", mi % 3 ? "70%" : "60");
		out(g, "  attempts: %d\n", mi % 4);
		if (mi % 2)
			out(g, "  time-limit: %s\n", mi % 4 == 1 ? "10m" :
			    "1h30m");
		out(g, "  shuffle: %s\n", (const char *[]){ "[questions, "
		    "choices]", "true", "questions", "[]" }[mi % 4]);
		if (mi % 3 == 2 && nquestions > 5)
			out(g, "  draw: %d\n", nquestions / 2);
		out(g, "  feedback: %s\n", (const char *[]){ "after-each",
		    "at-end", "none" }[mi % 3]);
		out(g, "  questions:\n");
		for (q = 0; q < nquestions; q++)
			gen_question(g, mi, q, npages);
	}
	gen_close(g);
}

static void
gen_course(struct gen *g, const char *root, int ci, int nmodules, int npages,
    int nquestions)
{
	char	dir[4096];
	size_t	t = (size_t)ci % NELEM(th_title);
	int	m;

	snprintf(dir, sizeof dir, "%s/course-%04d", root, ci + 1);
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		fprintf(stderr, "gen-catalog: cannot create '%s': %s\n", dir,
		    strerror(errno));
		exit(1);
	}
	g->rng = 0x5269616e00000000ULL + (uint64_t)ci;
	gen_open(g, "%s/course.yaml", dir);
	out(g, "rianru: 1\nid: course-%04d\nversion: 1.%d.0\n", ci + 1, ci % 7);
	out(g, "title:\n  th: หลักสูตร%s รุ่นที่ %d\n  en: \"%s, edition %d\"\n",
	    th_title[t], ci + 1, en_title[t], ci + 1);
	out(g, "summary:\n  th: ");
	gen_sentences(g, th_sent, NELEM(th_sent), 3);
	out(g, "\n  en: \"");
	gen_sentences(g, en_sent, NELEM(en_sent), 3);
	out(g, "\"\n");
	if (ci % 3 == 0)
		out(g, "audience: all\n");
	else
		out(g, "audience: [%s, %s]\n", groups[ci % 6],
		    groups[(ci + 1) % 6]);
	out(g, "area: %s\nlevel: %s\nhours: %d\n", areas[ci % 6],
	    levels[ci % 3], 1 + nmodules / 2);
	if (ci % 4 == 0)
		out(g, "certification:\n  body: สดช.\n  code: ONDE-%04d-2568\n"
		    "  valid-until: 2027-12-31\n", ci + 1);
	if (ci % 5 == 1 && nmodules > 1)
		out(g, "completion: { modules: %d }\n", nmodules - 1);
	else if (ci % 5 == 2 && nquestions > 0)
		out(g, "completion:\n  pass: [m1-quiz]\n");
	else
		out(g, "completion: all-modules\n");
	out(g, "modules:\n");
	for (m = 0; m < nmodules; m++)
		out(g, "  - %02d-module.yaml\n", m + 1);
	gen_close(g);
	for (m = 0; m < nmodules; m++)
		gen_module(g, dir, ci, m, npages, nquestions);
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen-catalog smoke|small|national|stress "
	    "OUTDIR\n       gen-catalog -c COURSES -m MODULES -q QUESTIONS "
	    "[-p PAGES] OUTDIR\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct gen	 g;
	int		 courses = 0, modules = 12, questions = 30, pages = 3;
	int		 i, c;
	const char	*outdir = NULL;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			courses = atoi(argv[++i]);
		else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			modules = atoi(argv[++i]);
		else if (strcmp(argv[i], "-q") == 0 && i + 1 < argc)
			questions = atoi(argv[++i]);
		else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			pages = atoi(argv[++i]);
		else if (strcmp(argv[i], "smoke") == 0) {
			courses = 3;
			modules = 2;
			questions = 7;
			pages = 2;
		} else if (strcmp(argv[i], "small") == 0)
			courses = 10;
		else if (strcmp(argv[i], "national") == 0)
			courses = 300;
		else if (strcmp(argv[i], "stress") == 0)
			courses = 1000;
		else if (argv[i][0] == '-' || outdir != NULL)
			usage();
		else
			outdir = argv[i];
	}
	if (outdir == NULL || courses < 1 || modules < 1 || questions < 0 ||
	    pages < 0 || (pages == 0 && questions == 0))
		usage();
	if (mkdir(outdir, 0777) == -1 && errno != EEXIST) {
		fprintf(stderr, "gen-catalog: cannot create '%s': %s\n",
		    outdir, strerror(errno));
		return 1;
	}
	memset(&g, 0, sizeof g);
	for (c = 0; c < courses; c++)
		gen_course(&g, outdir, c, modules, pages, questions);
	printf("%d courses, %zu files, %llu bytes\n", courses, g.files,
	    g.bytes);
	return 0;
}
