#include "learn/plan_eval.h"

/*
 * Evaluating a plan against what an officer has done: no I/O, no store;
 * the facts come in (plan_facts.c reads them from the store).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/xalloc.h"

void
plan_facts_release(struct plan_facts *f)
{
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

static const struct plan_fact *
plan_fact(const struct plan_facts *f, const char *course_id)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].c != NULL && strcmp(f->v[i].c->id, course_id) == 0)
			return &f->v[i];
	return NULL;
}

/* A course of 'area' to suggest: one under way, else one not taken. */
static const struct course *
plan_suggest(const struct plan *p, const struct plan_facts *f,
    enum area area)
{
	const struct course	*fresh = NULL, *other = NULL;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		const struct plan_fact *x = &f->v[i];

		if (x->c == NULL || x->c->area != area || x->complete)
			continue;
		if (x->enrolled)
			return x->c;
		if (fresh == NULL && (x->c->audience & (1u << p->group)))
			fresh = x->c;
		if (other == NULL)
			other = x->c;
	}
	return fresh != NULL ? fresh : other;
}

static void
plan_eval_item(const struct plan *p, const struct plan_item *it,
    const struct plan_facts *f, struct plan_item_eval *ev)
{
	const struct plan_fact	*x;
	size_t			 i, complete = 0, started = 0;

	memset(ev, 0, sizeof *ev);
	ev->item = it;
	ev->state = PLAN_LEFT;
	if (it->kind == PLAN_ITEM_COURSE) {
		if ((x = plan_fact(f, it->course)) == NULL)
			return;
		ev->course = x->c;
		ev->wanted = x->c->hours;
		if (x->complete) {
			ev->state = PLAN_DONE;
			ev->hours = x->hours;
		} else if (x->enrolled)
			ev->state = PLAN_IN_PROGRESS;
		return;
	}
	ev->wanted = it->hours;
	for (i = 0; i < f->n; i++) {
		x = &f->v[i];
		if (x->c == NULL || x->c->area != it->area)
			continue;
		if (x->complete) {
			complete++;
			ev->hours += x->hours;
		} else if (x->enrolled)
			started++;
	}
	if (it->hours > 0 ? ev->hours + 1e-9 >= it->hours : complete > 0)
		ev->state = PLAN_DONE;
	else if (complete > 0 || started > 0)
		ev->state = PLAN_IN_PROGRESS;
	if (ev->state != PLAN_DONE)
		ev->course = plan_suggest(p, f, it->area);
}

/* The step for an item that is not done yet. */
static void
plan_item_step(const struct plan_item_eval *ie, struct plan_step *s)
{
	memset(s, 0, sizeof *s);
	s->course = ie->course;
	if (ie->item->kind == PLAN_ITEM_AREA) {
		s->kind = PLAN_STEP_AREA;
		s->area = ie->item->area;
		s->hours = ie->wanted > ie->hours ? ie->wanted - ie->hours : 0;
		return;
	}
	s->kind = ie->state == PLAN_IN_PROGRESS ? PLAN_STEP_CONTINUE :
	    PLAN_STEP_START;
}

/* More hours at a level: a course of that level under way or not taken. */
static const struct course *
plan_level_course(const struct plan *p, const struct plan_facts *f,
    enum level level)
{
	const struct course	*fresh = NULL;
	size_t			 i;

	for (i = 0; i < f->n; i++) {
		const struct plan_fact *x = &f->v[i];

		if (x->c == NULL || x->c->level != level || x->complete)
			continue;
		if (x->enrolled)
			return x->c;
		if (fresh == NULL && (x->c->audience & (1u << p->group)))
			fresh = x->c;
	}
	return fresh;
}

static void
plan_next_step(const struct plan *p, const struct plan_facts *f,
    struct plan_eval *ev)
{
	struct plan_phase_eval	*pe;
	struct plan_step	*s = &ev->next;
	size_t			 i;

	memset(s, 0, sizeof *s);
	if (ev->current >= ev->nphases) {
		s->kind = PLAN_STEP_DONE;
		return;
	}
	pe = &ev->phases[ev->current];
	s->level = pe->phase->level;
	/* what is under way first, then in the order the plan lists */
	for (i = 0; i < pe->phase->nrequired; i++)
		if (pe->required[i].state == PLAN_IN_PROGRESS &&
		    pe->required[i].course != NULL) {
			plan_item_step(&pe->required[i], s);
			s->level = pe->phase->level;
			return;
		}
	for (i = 0; i < pe->phase->nrequired; i++)
		if (pe->required[i].state != PLAN_DONE) {
			plan_item_step(&pe->required[i], s);
			s->level = pe->phase->level;
			return;
		}
	/* required done, hours short: a recommended course, else any */
	for (i = 0; i < pe->phase->nrecommended; i++)
		if (pe->recommended[i].state != PLAN_DONE &&
		    pe->recommended[i].course != NULL) {
			s->kind = PLAN_STEP_RECOMMENDED;
			s->course = pe->recommended[i].course;
			s->level = pe->phase->level;
			s->hours = pe->phase->hours - pe->hours;
			return;
		}
	s->kind = PLAN_STEP_HOURS;
	s->level = pe->phase->level;
	s->hours = pe->phase->hours - pe->hours;
	s->course = plan_level_course(p, f, pe->phase->level);
}

void
plan_evaluate(const struct plan *p, const struct plan_facts *f,
    struct plan_eval *ev)
{
	struct plan_phase_eval	*pe;
	const struct plan_phase	*ph;
	size_t			 i, k;

	memset(ev, 0, sizeof *ev);
	ev->plan = p;
	ev->nphases = p->nphases;
	ev->phases = p->nphases ? xcalloc(p->nphases, sizeof *ev->phases) :
	    NULL;
	ev->current = p->nphases;
	for (k = 0; k < f->n; k++)
		if (f->v[k].complete)
			ev->hours += f->v[k].hours;
	for (i = 0; i < p->nphases; i++) {
		ph = &p->phases[i];
		pe = &ev->phases[i];
		pe->phase = ph;
		ev->target += ph->hours;
		pe->required = ph->nrequired ?
		    xcalloc(ph->nrequired, sizeof *pe->required) : NULL;
		pe->recommended = ph->nrecommended ?
		    xcalloc(ph->nrecommended, sizeof *pe->recommended) : NULL;
		for (k = 0; k < ph->nrequired; k++) {
			plan_eval_item(p, &ph->required[k], f,
			    &pe->required[k]);
			if (pe->required[k].state == PLAN_DONE)
				pe->done++;
			else if (pe->required[k].state == PLAN_IN_PROGRESS)
				pe->in_progress++;
			else
				pe->left++;
		}
		for (k = 0; k < ph->nrecommended; k++)
			plan_eval_item(p, &ph->recommended[k], f,
			    &pe->recommended[k]);
		for (k = 0; k < f->n; k++)
			if (f->v[k].complete && f->v[k].c != NULL &&
			    f->v[k].c->level == ph->level)
				pe->hours += f->v[k].hours;
		pe->complete = pe->done == ph->nrequired &&
		    pe->hours + 1e-9 >= ph->hours;
		if (!pe->complete && ev->current == p->nphases)
			ev->current = i;
	}
	plan_next_step(p, f, ev);
}

void
plan_eval_release(struct plan_eval *ev)
{
	size_t	i;

	for (i = 0; i < ev->nphases; i++) {
		free(ev->phases[i].required);
		free(ev->phases[i].recommended);
	}
	free(ev->phases);
	memset(ev, 0, sizeof *ev);
}

const char *
plan_state_name(enum plan_state s, enum lang lang)
{
	switch (s) {
	case PLAN_DONE:
		return lang == LANG_EN ? "done" : "เสร็จแล้ว";
	case PLAN_IN_PROGRESS:
		return lang == LANG_EN ? "in progress" : "กำลังเรียน";
	case PLAN_LEFT:
		break;
	}
	return lang == LANG_EN ? "not started" : "ยังไม่เริ่ม";
}

void
plan_step_text(const struct plan_step *s, enum lang lang, struct buf *out)
{
	const char	*title = s->course ? lstr_get(&s->course->title, lang) :
			    NULL;
	int		 en = lang == LANG_EN;
	const char	*area = en ? vocab_areas[s->area].en :
			    vocab_areas[s->area].th;
	const char	*level = en ? vocab_levels[s->level].en :
			    vocab_levels[s->level].th;

	switch (s->kind) {
	case PLAN_STEP_CONTINUE:
		buf_addf(out, en ? "Continue the course “%s”" :
		    "เรียนหลักสูตร “%s” ต่อให้จบ", title);
		return;
	case PLAN_STEP_START:
		if (title != NULL)
			buf_addf(out, en ? "Start the required course “%s”" :
			    "เริ่มเรียนหลักสูตรบังคับ “%s”", title);
		else
			buf_addf(out, en ? "Ask your trainer for a required "
			    "course missing from this catalogue" :
			    "สอบถามผู้ดูแลการอบรมเรื่องหลักสูตรบังคับที่ไม่มีในคลัง");
		return;
	case PLAN_STEP_AREA:
		if (title != NULL)
			buf_addf(out, en ? "Build up “%s”: take “%s”" :
			    "พัฒนาด้าน “%s”: เรียนหลักสูตร “%s”", area, title);
		else
			buf_addf(out, en ? "Build up “%s”: no course in this "
			    "catalogue yet, ask your trainer or log on-the-job "
			    "practice" : "พัฒนาด้าน “%s”: ยังไม่มีหลักสูตรในคลัง "
			    "สอบถามผู้ดูแลการอบรม หรือบันทึกการฝึกปฏิบัติในงาน",
			    area);
		return;
	case PLAN_STEP_RECOMMENDED:
		buf_addf(out, en ? "Required done. %g more hours at %s level: "
		    "try the recommended “%s”" : "ครบรายการบังคับแล้ว ยังขาด %g "
		    "ชั่วโมงใน%s: ลองหลักสูตรแนะนำ “%s”", s->hours, level, title);
		return;
	case PLAN_STEP_HOURS:
		if (title != NULL)
			buf_addf(out, en ? "%g more hours at %s level: take "
			    "“%s”" : "ยังขาด %g ชั่วโมงใน%s: เรียนหลักสูตร “%s”",
			    s->hours, level, title);
		else
			buf_addf(out, en ? "%g more hours at %s level: ask your "
			    "trainer for a course" : "ยังขาด %g ชั่วโมงใน%s: "
			    "สอบถามผู้ดูแลการอบรมเรื่องหลักสูตร", s->hours, level);
		return;
	case PLAN_STEP_DONE:
		break;
	}
	buf_adds(out, en ? "Plan complete. Well done! Keep logging practice "
	    "and coaching" : "ทำครบตามแผนแล้ว ยอดเยี่ยม! บันทึกการฝึกปฏิบัติและการโค้ชต่อไป");
}
