#include "sync/xapi.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "content/course.h"
#include "content/qtype.h"
#include "base/crypto.h"
#include "base/err.h"
#include "base/json.h"
#include "text/text.h"

/*
 * Statements are built as JSON trees (base/json.h) in the order the keys
 * are added (objects keep insertion order) and dumped once. A failed
 * allocation or a string that is not UTF-8 makes a json_new_*() return
 * NULL; the helpers below turn that into st->bad, checked once before
 * the dump, so the builders read straight through without a test after
 * each key. Inputs that JSON would accept but xAPI would not (ids, IRIs,
 * scores, patterns) are checked before anything is built.
 */

#define VERB_BASE	"http://adlnet.gov/expapi/verbs/"
#define TYPE_BASE	"http://adlnet.gov/expapi/activities/"

/*
 * Compact, UTF-8 kept as is, and reals with ten significant digits so
 * 3/5 is 0.6, not 0.59999999999999998.
 */
#define DUMP_DIGITS	10

struct verb {
	const char	*id;		/* after VERB_BASE, or 'local' */
	const char	*th;
	const char	*en;
	int		 local;		/* after <activity_base>/verb/ */
};

static const struct verb verb_experienced =
    { "experienced", "ได้เรียนรู้", "experienced", 0 };
static const struct verb verb_answered =
    { "answered", "ตอบ", "answered", 0 };
static const struct verb verb_attempted =
    { "attempted", "เริ่มทำ", "attempted", 0 };
static const struct verb verb_passed = { "passed", "ผ่าน", "passed", 0 };
static const struct verb verb_failed = { "failed", "ไม่ผ่าน", "failed", 0 };
static const struct verb verb_completed =
    { "completed", "เสร็จสิ้น", "completed", 0 };
static const struct verb verb_attended =
    { "attended", "เข้าร่วม", "attended", 0 };
/* No ADL verb says "asked again to keep it": the agency's own IRI. */
static const struct verb verb_reviewed =
    { "reviewed", "ทบทวน", "reviewed", 1 };

struct stmt {
	const struct xapi_ctx	*x;
	size_t			 baselen;	/* activity_base without '/'s */
	char			 id[37];
	struct json		*root;
	struct json		*context;
	struct json		*ext;		/* more context extensions */
	const char		*bad;		/* first key that failed */
};

/* Take 'v' into object 'o' as 'key'; a NULL anywhere marks the statement. */
static void
put(struct stmt *st, struct json *o, const char *key, struct json *v)
{
	if (v == NULL || json_set(o, key, v) == -1) {
		if (st->bad == NULL)
			st->bad = key;
	}
}

static void
put_str(struct stmt *st, struct json *o, const char *key, const char *s)
{
	put(st, o, key, json_new_str(s));
}

/* Append 'v' to array 'a'; 'what' names it in the error. */
static void
push(struct stmt *st, struct json *a, const char *what, struct json *v)
{
	if (v == NULL || json_add(a, v) == -1) {
		if (st->bad == NULL)
			st->bad = what;
	}
}

/*
 * activity_base, one '/', then the NULL-terminated 'parts', as a new
 * JSON string (NULL on failure, which put() records).
 */
static struct json *
iri(const struct stmt *st, const char *part, ...)
{
	struct buf	 b;
	va_list		 ap;
	struct json	*v;

	buf_init(&b);
	buf_add(&b, st->x->activity_base, st->baselen);
	buf_addc(&b, '/');
	va_start(ap, part);
	for (; part != NULL; part = va_arg(ap, const char *))
		buf_adds(&b, part);
	va_end(ap);
	v = json_new_str(b.data);
	buf_release(&b);
	return v;
}

/* Extension 'path' (an XAPI_EXT_*, joined to activity_base) = 'v'. */
static void
put_ext(struct stmt *st, struct json *o, const char *path, struct json *v)
{
	struct buf	b;

	buf_init(&b);
	buf_add(&b, st->x->activity_base, st->baselen);
	buf_addc(&b, '/');
	buf_adds(&b, path);
	if (v == NULL || json_set(o, b.data, v) == -1) {
		if (st->bad == NULL)
			st->bad = path;	/* b.data is about to go */
	}
	buf_release(&b);
}

/*
 * A language map of the slots 'l' has; nothing at all when it has none.
 * Both keys are written even when they hold the same text, so a report
 * in either language finds its key.
 */
static void
put_lmap(struct stmt *st, struct json *o, const char *key, const struct lstr *l)
{
	struct json	*m;

	if (l->s[LANG_TH] == NULL && l->s[LANG_EN] == NULL)
		return;
	m = json_new_obj();
	if (l->s[LANG_TH] != NULL)
		put_str(st, m, "th-TH", l->s[LANG_TH]);
	if (l->s[LANG_EN] != NULL)
		put_str(st, m, "en-US", l->s[LANG_EN]);
	put(st, o, key, m);
}

#define XAPI_NAME_CELLS	60	/* a question's name: its prompt, shortened */

/*
 * 'in' on one line (runs of white space become one space), clipped to
 * XAPI_NAME_CELLS terminal cells, never inside a cell (a Thai mark stays
 * with its base), with "…" when something was cut. Appends to 'out'.
 */
static void
short_text(const char *in, struct buf *out)
{
	struct buf	one;
	size_t		i, keep;
	int		space = 0;

	buf_init(&one);
	for (i = 0; in[i] != '\0'; i++) {
		if (in[i] == ' ' || in[i] == '\n' || in[i] == '\t' ||
		    in[i] == '\r') {
			space = one.len > 0;
			continue;
		}
		if (space)
			buf_addc(&one, ' ');
		space = 0;
		buf_addc(&one, in[i]);
	}
	if (text_width(one.data, one.len) <= XAPI_NAME_CELLS)
		buf_add(out, one.data, one.len);
	else {
		keep = text_clip(one.data, one.len, XAPI_NAME_CELLS - 1, NULL);
		while (keep > 0 && one.data[keep - 1] == ' ')
			keep--;
		buf_add(out, one.data, keep);
		buf_adds(out, "…");
	}
	buf_release(&one);
}

/* Language map 'key' of 'l' shortened (short_text), for activity names. */
static void
put_lmap_short(struct stmt *st, struct json *o, const char *key,
    const struct lstr *l)
{
	struct buf	b[LANG_COUNT];
	struct lstr	s;
	int		i;

	memset(&s, 0, sizeof s);
	for (i = 0; i < LANG_COUNT; i++) {
		buf_init(&b[i]);
		if (l->s[i] != NULL) {
			short_text(l->s[i], &b[i]);
			s.s[i] = b[i].data;
		}
	}
	put_lmap(st, o, key, &s);
	for (i = 0; i < LANG_COUNT; i++)
		buf_release(&b[i]);
}

static struct json *
verb_new(struct stmt *st, const struct verb *vb)
{
	struct buf	 b;
	struct json	*v, *d;

	buf_init(&b);
	if (vb->local) {
		buf_add(&b, st->x->activity_base, st->baselen);
		buf_adds(&b, "/verb/");
	} else
		buf_adds(&b, VERB_BASE);
	buf_adds(&b, vb->id);
	v = json_new_obj();
	put_str(st, v, "id", b.data);
	d = json_new_obj();
	put_str(st, d, "th-TH", vb->th);
	put_str(st, d, "en-US", vb->en);
	put(st, v, "display", d);
	buf_release(&b);
	return v;
}

/*
 * A new activity object {objectType, id, definition {type}} whose id is
 * 'idv' (taken); the caller adds names and interaction fields to the
 * definition it gets back in *def.
 */
static struct json *
activity_new(struct stmt *st, struct json *idv, const char *type, struct json **def)
{
	struct json	*a, *d;

	a = json_new_obj();
	put_str(st, a, "objectType", "Activity");
	put(st, a, "id", idv);
	d = json_new_obj();
	put_str(st, d, "type", type);
	put(st, a, "definition", d);
	*def = st->bad == NULL ? d : NULL;	/* gone if the put failed */
	return a;
}

/*
 * A context activity: objectType and id only, so an LRS that replaces
 * stored definitions with the latest one seen never loses the name.
 */
static struct json *
ref_new(struct stmt *st, struct json *idv)
{
	struct json	*a;

	a = json_new_obj();
	put_str(st, a, "objectType", "Activity");
	put(st, a, "id", idv);
	return a;
}

static struct json *
course_iri(const struct stmt *st, const struct course *c)
{
	return iri(st, "course/", c->id, (const char *)NULL);
}

static struct json *
module_iri(const struct stmt *st, const struct course *c,
    const struct module *m)
{
	return iri(st, "course/", c->id, "/module/", m->id, (const char *)NULL);
}

static struct json *
quiz_iri(const struct stmt *st, const struct course *c, const struct quiz *z)
{
	return iri(st, "course/", c->id, "/quiz/", z->id, (const char *)NULL);
}

/*
 * Add context.contextActivities.'key' = the 'n' activities whose ids
 * follow (each a struct json * that is taken, possibly NULL).
 */
static void
put_ctxacts(struct stmt *st, const char *key, int n, ...)
{
	struct json	*acts, *list, *ref;
	va_list		 ap;
	int		 i;

	list = json_new_arr();
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		ref = va_arg(ap, struct json *);
		push(st, list, key, ref != NULL ? ref_new(st, ref) : NULL);
	}
	va_end(ap);
	acts = json_get(st->context, "contextActivities");
	if (acts == NULL) {
		acts = json_new_obj();
		put(st, st->context, "contextActivities", acts);
		if (st->bad != NULL) {	/* acts may be gone with the put */
			json_free(list);
			return;
		}
	}
	put(st, acts, key, list);
}

/* Check the caller's context: every statement depends on it. */
static int
is_scheme_iri(const char *s)
{
	const char	*p;

	if (s == NULL || !((*s >= 'a' && *s <= 'z') ||
	    (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (p = s; *p != ':'; p++)
		if (*p == '\0' || !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '+' || *p == '-' || *p == '.'))
			return 0;
	if (p[1] == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '^' || *p == '`' ||
		    *p == '{' || *p == '|' || *p == '}' || *p == 0x7f)
			return 0;
	return 1;
}

/* An RFC 5646 tag in its simple form: letters, digits and '-'. */
static int
is_lang_tag(const char *s)
{
	size_t	n;

	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' &&
		    s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
		    (s[n] == '-' && n > 0 && s[n + 1] != '\0' &&
		    s[n - 1] != '-')))
			return 0;
	return n >= 2;
}

/* An id that can stand as an IRI path segment unescaped. */
static int
check_id(const char *what, const char *id, struct err *e)
{
	const char	*p;

	if (id == NULL || *id == '\0')
		return err_set(e, "%s has no id", what);
	for (p = id; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~'))
			return err_set(e, "bad %s id '%s' for an IRI", what,
			    id);
	return 0;
}

static int
check_ctx(const struct xapi_ctx *x, struct err *e)
{
	if (x == NULL)
		return err_set(e, "no xAPI context");
	if (!is_scheme_iri(x->homepage))
		return err_set(e, "bad account home page '%s' (not an IRI)",
		    x->homepage != NULL ? x->homepage : "");
	if (!is_scheme_iri(x->activity_base))
		return err_set(e, "bad activity base '%s' (not an IRI)",
		    x->activity_base != NULL ? x->activity_base : "");
	if (x->officer_code == NULL || *x->officer_code == '\0')
		return err_set(e, "no officer code for the statement's actor");
	if (x->lang != NULL && !is_lang_tag(x->lang))
		return err_set(e, "bad language tag '%s'", x->lang);
	return 0;
}

static int
check_course(const struct course *c, const struct module *m,
    struct err *e)
{
	size_t	i;

	if (c == NULL)
		return err_set(e, "no course");
	if (check_id("course", c->id, e) == -1)
		return -1;
	if (m == NULL)
		return 0;
	for (i = 0; i < c->nmodules; i++)
		if (&c->modules[i] == m)
			return check_id("module", m->id, e);
	return err_set(e, "module '%s' is not in course '%s'",
	    m->id != NULL ? m->id : "", c->id);
}

static int
check_registration(const char *reg, struct err *e)
{
	if (reg == NULL || !xapi_is_uuid(reg))
		return err_set(e, "bad registration '%s' (not a UUID)",
		    reg != NULL ? reg : "");
	return 0;
}

static int
check_score(const struct xapi_score *s, struct err *e)
{
	if (s == NULL)
		return err_set(e, "no score");
	if (!isfinite(s->max) || s->max <= 0)
		return err_set(e, "bad maximum score %g (must be above 0)",
		    s->max);
	if (!isfinite(s->raw) || s->raw < 0 || s->raw > s->max)
		return err_set(e, "score %g is outside 0..%g", s->raw, s->max);
	return 0;
}

/*
 * Start a statement: id, timestamp, actor, verb, and an empty context
 * (filled by the builder, dropped again if it stays empty). Returns -1
 * with *e filled when the context or the time is unusable.
 */
static int
stmt_start(struct stmt *st, const struct xapi_ctx *x, const struct verb *vb,
    const struct timespec *when, struct err *e)
{
	struct json	*actor, *acct;
	char		 ts[25];
	size_t		 n;

	memset(st, 0, sizeof *st);
	if (check_ctx(x, e) == -1 || xapi_timestamp(when, ts, e) == -1)
		return -1;
	st->x = x;
	n = strlen(x->activity_base);
	while (n > 0 && x->activity_base[n - 1] == '/')
		n--;
	st->baselen = n;
	crypto_uuid(st->id);

	st->root = json_new_obj();
	put_str(st, st->root, "id", st->id);
	put_str(st, st->root, "timestamp", ts);
	actor = json_new_obj();
	put_str(st, actor, "objectType", "Agent");
	acct = json_new_obj();
	put_str(st, acct, "homePage", x->homepage);
	put_str(st, acct, "name", x->officer_code);
	put(st, actor, "account", acct);
	put(st, st->root, "actor", actor);
	put(st, st->root, "verb", verb_new(st, vb));
	st->context = json_new_obj();
	return 0;
}

/* context.registration; must come first among the context's keys. */
static void
stmt_registration(struct stmt *st, const char *reg)
{
	put_str(st, st->context, "registration", reg);
}

/*
 * Finish: language, platform and the content extensions into the
 * context, then dump. Returns the JSON (caller frees) and copies the id,
 * or NULL with *e filled. Frees the tree either way.
 */
static char *
stmt_finish(struct stmt *st, const struct course *c, char id[37],
    struct err *e)
{
	struct json	*ext;
	char		*s = NULL;

	if (st->x->lang != NULL)
		put_str(st, st->context, "language", st->x->lang);
	if (st->x->platform != NULL)
		put_str(st, st->context, "platform", st->x->platform);
	ext = st->ext;
	st->ext = NULL;
	if (c != NULL && ((c->version != NULL && *c->version != '\0') ||
	    c->hash[0] != '\0')) {
		if (ext == NULL)
			ext = json_new_obj();
		if (c->version != NULL && *c->version != '\0')
			put_ext(st, ext, XAPI_EXT_CONTENT_VERSION,
			    json_new_str(c->version));
		if (c->hash[0] != '\0')
			put_ext(st, ext, XAPI_EXT_CONTENT_HASH,
			    json_new_str(c->hash));
	}
	if (st->x->clock_offset != 0) {
		/* the time stays as recorded; this says how far off it was */
		if (ext == NULL)
			ext = json_new_obj();
		put_ext(st, ext, XAPI_EXT_CLOCK_OFFSET,
		    json_new_int(st->x->clock_offset));
	}
	if (ext != NULL)
		put(st, st->context, "extensions", ext);
	if (json_size(st->context) > 0)
		put(st, st->root, "context", st->context);
	else
		json_free(st->context);
	st->context = NULL;

	if (st->bad != NULL)
		err_set(e, "cannot write '%s' of the statement (not UTF-8, "
		    "or out of memory)", st->bad);
	else if ((s = json_dump(st->root, 0, DUMP_DIGITS)) == NULL)
		err_set(e, "cannot serialise the statement");
	else
		memcpy(id, st->id, sizeof st->id);
	json_free(st->root);
	st->root = NULL;
	return s;
}

/*
 * Is the 'n' bytes at 's' the id of a part of 'q': a choice (choice,
 * multiple), an item (ordering) or a pair (matching)?
 */
static int
component_has(const struct question *q, const char *s, size_t n)
{
	return qtype_part_find(q, s, n) != QTYPE_NONE;
}

/* Offset of 'needle' in the 'n' bytes at 's', or -1. */
static long
find(const char *s, size_t n, const char *needle)
{
	size_t	i, k = strlen(needle);

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return (long)i;
	return -1;
}

/* A decimal number as xAPI writes one: -?d+(.d+)?([eE][+-]?d+)? */
static int
is_number(const char *s, size_t n)
{
	size_t	i = 0, d;

	if (i < n && s[i] == '-')
		i++;
	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == d)
		return 0;
	if (i < n && s[i] == '.') {
		for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == n;
}

/*
 * Check a response or a correct-response pattern ('what') against the
 * syntax of q's interaction type and the ids of its components, so a
 * statement never names a choice its definition does not have.
 * Fill-in text is free (it may carry {case_matters=...}).
 */
static int
check_answer(const struct question *q, const char *what, const char *s,
    struct err *e)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);
	const char		*p;
	long			 end, dot;
	size_t			 n, count = 0;

	if (s == NULL)
		return err_set(e, "question '%s' has no %s", q->id, what);
	switch (ops->syntax) {
	case QSYN_TRUE_FALSE:
		if (strcmp(s, "true") != 0 && strcmp(s, "false") != 0)
			return err_set(e, "bad %s '%s' for true-false question "
			    "'%s' (want true or false)", what, s, q->id);
		return 0;
	case QSYN_TEXT:
		return 0;
	case QSYN_NUMBER:
		n = strlen(s);
		if ((end = find(s, n, "[:]")) == -1) {
			if (is_number(s, n))
				return 0;
		} else if (strcmp(what, "response") != 0 && n > 3 &&
		    (end == 0 || is_number(s, (size_t)end)) &&
		    ((size_t)end + 3 == n ||
		    is_number(s + end + 3, n - (size_t)end - 3)))
			return 0;
		return err_set(e, "bad %s '%s' for numeric question '%s'",
		    what, s, q->id);
	case QSYN_ONE_ID:
	case QSYN_ID_LIST:
	case QSYN_ID_PAIRS:
		break;
	}
	if (*s == '\0')		/* nothing chosen: the empty list */
		return 0;
	for (p = s;; p += n + 3) {
		end = find(p, strlen(p), "[,]");
		n = end == -1 ? strlen(p) : (size_t)end;
		count++;
		if (ops->syntax == QSYN_ID_PAIRS) {
			dot = find(p, n, "[.]");
			if (dot == -1 || !component_has(q, p, (size_t)dot) ||
			    !component_has(q, p + dot + 3, n - (size_t)dot - 3))
				return err_set(e, "bad %s '%s' for matching "
				    "question '%s' (want pair ids as "
				    "1[.]1[,]2[.]2)", what, s, q->id);
		} else if (!component_has(q, p, n))
			return err_set(e, "%s '%s' names no choice of question "
			    "'%s'", what, s, q->id);
		if (end == -1)
			break;
	}
	if (ops->syntax == QSYN_ONE_ID && count > 1)
		return err_set(e, "%s '%s' has more than one choice for "
		    "single-choice question '%s'", what, s, q->id);
	return 0;
}

/* Interaction components [{id, description}] of q's list 'list'. */
static struct json *
components_new(struct stmt *st, const struct question *q, size_t list)
{
	const struct qtype_ops	*ops = qtype_ops(q->type);
	struct json		*v, *c;
	size_t			 i, n = qtype_nparts(q);

	v = json_new_arr();
	for (i = 0; i < n; i++) {
		c = json_new_obj();
		put_str(st, c, "id", qtype_part_id(q, i));
		put_lmap(st, c, "description", ops->component(q, list, i));
		push(st, v, ops->lists[list], c);
	}
	return v;
}

static struct json *
score_new(struct stmt *st, const struct xapi_score *s)
{
	struct json	*v;

	v = json_new_obj();
	put(st, v, "scaled", json_new_real(s->raw / s->max));
	put(st, v, "raw", json_new_real(s->raw));
	put(st, v, "min", json_new_real(0));
	put(st, v, "max", json_new_real(s->max));
	return v;
}

char *
xapi_page_experienced(const struct xapi_ctx *x, const struct course *c,
    const struct module *m, const struct page *p,
    const struct timespec *when, char id[37], struct err *e)
{
	struct stmt	 st;
	struct json	*obj, *def;
	size_t		 i;

	if (m == NULL || p == NULL) {
		err_set(e, "no module or page for the statement");
		return NULL;
	}
	if (check_course(c, m, e) == -1)
		return NULL;
	for (i = 0; i < m->npages && &m->pages[i] != p; i++)
		;
	if (i == m->npages) {
		err_set(e, "page '%s' is not in module '%s'",
		    p->id != NULL ? p->id : "", m->id);
		return NULL;
	}
	if (check_id("page", p->id, e) == -1 ||
	    stmt_start(&st, x, &verb_experienced, when, e) == -1)
		return NULL;
	obj = activity_new(&st, iri(&st, "course/", c->id, "/module/", m->id,
	    "/page/", p->id, (const char *)NULL), TYPE_BASE "lesson", &def);
	put_lmap(&st, def, "name", &p->title);
	put(&st, st.root, "object", obj);
	put_ctxacts(&st, "parent", 1, module_iri(&st, c, m));
	put_ctxacts(&st, "grouping", 1, course_iri(&st, c));
	return stmt_finish(&st, c, id, e);
}

/* The quiz of 'm', checked, or NULL with *e filled. */
static const struct quiz *
module_quiz(const struct course *c, const struct module *m, struct err *e)
{
	if (m == NULL) {
		err_set(e, "no module for the statement");
		return NULL;
	}
	if (check_course(c, m, e) == -1)
		return NULL;
	if (m->quiz == NULL) {
		err_set(e, "module '%s' has no quiz", m->id);
		return NULL;
	}
	if (check_id("quiz", m->quiz->id, e) == -1)
		return NULL;
	return m->quiz;
}

static int
check_question(const struct quiz *z, const struct question *q,
    const struct xapi_answer *a, int review, struct err *e)
{
	size_t	i;

	if (q == NULL || a == NULL)
		return err_set(e, "no question or answer for the statement");
	for (i = 0; i < z->nquestions && &z->questions[i] != q; i++)
		;
	if (i == z->nquestions)
		return err_set(e, "question '%s' is not in quiz '%s'",
		    q->id != NULL ? q->id : "", z->id);
	if (check_id("question", q->id, e) == -1)
		return -1;
	if (qtype_ops(q->type) == NULL)
		return err_set(e, "question '%s' has an unknown type", q->id);
	if (review && a->registration != NULL)
		return err_set(e, "a review of question '%s' belongs to no "
		    "attempt", q->id);
	if (!review && check_registration(a->registration, e) == -1)
		return -1;
	if (a->npatterns == 0 || a->patterns == NULL)
		return err_set(e, "question '%s' has no correct response "
		    "pattern", q->id);
	for (i = 0; i < a->npatterns; i++)
		if (check_answer(q, "pattern", a->patterns[i], e) == -1)
			return -1;
	return check_answer(q, "response", a->response, e);
}

/* The review's memory state as a context extension object. */
static struct json *
review_ext(struct stmt *st, const struct xapi_review *rv, const char *due)
{
	struct json	*o = json_new_obj();

	put(st, o, "difficulty", json_new_real(rv->difficulty));
	put(st, o, "stability", json_new_real(rv->stability));
	put(st, o, "reps", json_new_int(rv->reps));
	put(st, o, "lapses", json_new_int(rv->lapses));
	put_str(st, o, "due", due);
	if (rv->qhash != NULL && *rv->qhash != '\0')
		put_str(st, o, "question-hash", rv->qhash);
	return o;
}

/*
 * An answer to 'q': "answered" in an attempt, or with 'rv' "reviewed"
 * outside any attempt, carrying the review's memory state.
 */
static char *
answer_stmt(const struct xapi_ctx *x, const struct course *c,
    const struct module *m, const struct question *q,
    const struct xapi_answer *a, const struct xapi_review *rv,
    const struct timespec *when, char id[37], struct err *e)
{
	struct stmt		 st;
	const struct quiz	*z;
	const struct qtype_ops	*ops;
	struct xapi_score	 score;
	struct timespec		 dts;
	struct json		*obj, *def, *pats, *res;
	char			 dur[32], due[25];
	size_t			 i;

	if ((z = module_quiz(c, m, e)) == NULL ||
	    check_question(z, q, a, rv != NULL, e) == -1)
		return NULL;
	if (rv != NULL) {
		dts.tv_sec = rv->due;
		dts.tv_nsec = 0;
		if (!(rv->difficulty >= 1 && rv->difficulty <= 10 &&
		    rv->stability > 0 && rv->reps >= 1 && rv->lapses >= 0)) {
			err_set(e, "review state of question '%s' is out of "
			    "range", q->id);
			return NULL;
		}
		if (xapi_timestamp(&dts, due, e) == -1)
			return NULL;
	}
	ops = qtype_ops(q->type);
	score.raw = a->raw;
	score.max = q->points;
	if (check_score(&score, e) == -1)
		return NULL;
	if (a->duration >= 0 && xapi_duration(a->duration, dur, e) == -1)
		return NULL;
	if (stmt_start(&st, x, rv != NULL ? &verb_reviewed : &verb_answered,
	    when, e) == -1)
		return NULL;

	obj = activity_new(&st, iri(&st, "course/", c->id, "/quiz/", z->id,
	    "/question/", q->id, (const char *)NULL), TYPE_BASE
	    "cmi.interaction", &def);
	put_lmap_short(&st, def, "name", &q->prompt);
	put_lmap(&st, def, "description", &q->prompt);
	put_str(&st, def, "interactionType", ops->interaction);
	pats = json_new_arr();
	for (i = 0; i < a->npatterns; i++)
		push(&st, pats, "correctResponsesPattern",
		    json_new_str(a->patterns[i]));
	put(&st, def, "correctResponsesPattern", pats);
	for (i = 0; ops->lists != NULL && ops->lists[i] != NULL; i++)
		put(&st, def, ops->lists[i], components_new(&st, q, i));
	put(&st, st.root, "object", obj);

	res = json_new_obj();
	put(&st, res, "score", score_new(&st, &score));
	put(&st, res, "success", json_new_bool(a->success));
	put_str(&st, res, "response", a->response);
	if (a->duration >= 0)
		put_str(&st, res, "duration", dur);
	put(&st, st.root, "result", res);

	if (rv == NULL)
		stmt_registration(&st, a->registration);
	put_ctxacts(&st, "parent", 1, quiz_iri(&st, c, z));
	put_ctxacts(&st, "grouping", 2, module_iri(&st, c, m),
	    course_iri(&st, c));
	if (rv != NULL) {
		st.ext = json_new_obj();
		put_ext(&st, st.ext, XAPI_EXT_REVIEW,
		    review_ext(&st, rv, due));
	}
	return stmt_finish(&st, c, id, e);
}

char *
xapi_question_answered(const struct xapi_ctx *x, const struct course *c,
    const struct module *m, const struct question *q,
    const struct xapi_answer *a, const struct timespec *when, char id[37],
    struct err *e)
{
	return answer_stmt(x, c, m, q, a, NULL, when, id, e);
}

char *
xapi_question_reviewed(const struct xapi_ctx *x, const struct course *c,
    const struct module *m, const struct question *q,
    const struct xapi_answer *a, const struct xapi_review *rv,
    const struct timespec *when, char id[37], struct err *e)
{
	if (rv == NULL) {
		err_set(e, "no review state for the statement");
		return NULL;
	}
	return answer_stmt(x, c, m, q, a, rv, when, id, e);
}

/* The quiz activity of 'z' as a statement's object. */
static struct json *
quiz_object(struct stmt *st, const struct course *c, const struct quiz *z)
{
	struct json	*obj, *def;

	obj = activity_new(st, quiz_iri(st, c, z), TYPE_BASE "assessment",
	    &def);
	put_lmap(st, def, "name", &z->title);
	return obj;
}

char *
xapi_quiz_attempted(const struct xapi_ctx *x, const struct course *c,
    const struct module *m, const char *registration,
    const struct timespec *when, char id[37], struct err *e)
{
	struct stmt		 st;
	const struct quiz	*z;

	if ((z = module_quiz(c, m, e)) == NULL ||
	    check_registration(registration, e) == -1 ||
	    stmt_start(&st, x, &verb_attempted, when, e) == -1)
		return NULL;
	put(&st, st.root, "object", quiz_object(&st, c, z));
	stmt_registration(&st, registration);
	put_ctxacts(&st, "parent", 1, module_iri(&st, c, m));
	put_ctxacts(&st, "grouping", 1, course_iri(&st, c));
	return stmt_finish(&st, c, id, e);
}

char *
xapi_quiz_ended(const struct xapi_ctx *x, const struct course *c,
    const struct module *m, const char *registration,
    enum xapi_outcome outcome, const struct xapi_score *s, long seconds,
    const struct timespec *when, char id[37], struct err *e)
{
	struct stmt		 st;
	const struct quiz	*z;
	const struct verb	*vb;
	struct json		*res;
	char			 dur[32];

	if ((z = module_quiz(c, m, e)) == NULL ||
	    check_registration(registration, e) == -1 ||
	    check_score(s, e) == -1 || xapi_duration(seconds, dur, e) == -1)
		return NULL;
	switch (outcome) {
	case XAPI_PASSED:
		/* a hair of slack so 3/5 against 60% passes */
		if (s->raw * 100 < z->pass_pct * s->max - 1e-9 * s->max) {
			err_set(e, "quiz '%s' passed with %g of %g, below "
			    "its pass mark of %d%%", z->id, s->raw, s->max,
			    z->pass_pct);
			return NULL;
		}
		vb = &verb_passed;
		break;
	case XAPI_FAILED:
		vb = &verb_failed;
		break;
	case XAPI_COMPLETED:
		vb = &verb_completed;
		break;
	default:
		err_set(e, "unknown quiz outcome %d", (int)outcome);
		return NULL;
	}
	if (stmt_start(&st, x, vb, when, e) == -1)
		return NULL;
	put(&st, st.root, "object", quiz_object(&st, c, z));
	res = json_new_obj();
	put(&st, res, "score", score_new(&st, s));
	if (outcome != XAPI_COMPLETED)
		put(&st, res, "success", json_new_bool(outcome == XAPI_PASSED));
	put(&st, res, "completion", json_new_bool(1));
	put_str(&st, res, "duration", dur);
	put(&st, st.root, "result", res);
	stmt_registration(&st, registration);
	put_ctxacts(&st, "parent", 1, module_iri(&st, c, m));
	put_ctxacts(&st, "grouping", 1, course_iri(&st, c));
	return stmt_finish(&st, c, id, e);
}

/* result {completion: true}, plus 'ext' (taken) as its extensions. */
static struct json *
completion_new(struct stmt *st, struct json *ext)
{
	struct json	*res;

	res = json_new_obj();
	put(st, res, "completion", json_new_bool(1));
	if (ext != NULL)
		put(st, res, "extensions", ext);
	return res;
}

char *
xapi_module_completed(const struct xapi_ctx *x, const struct course *c,
    const struct module *m, const struct timespec *when, char id[37],
    struct err *e)
{
	struct stmt	 st;
	struct json	*obj, *def;

	if (m == NULL) {
		err_set(e, "no module for the statement");
		return NULL;
	}
	if (check_course(c, m, e) == -1 ||
	    stmt_start(&st, x, &verb_completed, when, e) == -1)
		return NULL;
	obj = activity_new(&st, module_iri(&st, c, m), TYPE_BASE "module",
	    &def);
	put_lmap(&st, def, "name", &m->title);
	put(&st, st.root, "object", obj);
	put(&st, st.root, "result", completion_new(&st, NULL));
	put_ctxacts(&st, "parent", 1, course_iri(&st, c));
	return stmt_finish(&st, c, id, e);
}

char *
xapi_course_completed(const struct xapi_ctx *x, const struct course *c,
    int passed, const struct timespec *when, char id[37], struct err *e)
{
	struct stmt	 st;
	struct json	*obj, *def, *ext, *res;

	if (check_course(c, NULL, e) == -1)
		return NULL;
	if (!isfinite(c->hours) || c->hours < 0) {
		err_set(e, "bad hours %g for course '%s'", c->hours, c->id);
		return NULL;
	}
	if (stmt_start(&st, x, &verb_completed, when, e) == -1)
		return NULL;
	obj = activity_new(&st, course_iri(&st, c), TYPE_BASE "course", &def);
	put_lmap(&st, def, "name", &c->title);
	put_lmap(&st, def, "description", &c->summary);
	put(&st, st.root, "object", obj);
	ext = json_new_obj();
	put_ext(&st, ext, XAPI_EXT_CREDITED_HOURS, json_new_real(c->hours));
	res = completion_new(&st, ext);
	/* another machine pulling it back learns whether it was passed */
	if (passed >= 0)
		put(&st, res, "success", json_new_bool(passed));
	put(&st, st.root, "result", res);
	return stmt_finish(&st, c, id, e);
}

char *
xapi_log_entry(const struct xapi_ctx *x, enum xapi_log_kind kind,
    enum area area, int minutes, const char *reflection,
    const struct timespec *when, int day_only, char id[37], struct err *e)
{
	static const char *const what[][3] = {	/* path, th, en */
		[XAPI_LOG_PRACTICE] = { "practice/",
		    "การฝึกปฏิบัติในงาน", "On-the-job practice" },
		[XAPI_LOG_COACHING] = { "coaching/",
		    "การสอนงานและพี่เลี้ยง", "Coaching and mentoring" },
	};
	struct stmt	 st;
	struct buf	 th, en;
	struct lstr	 name;
	struct json	*obj, *def, *res;
	char		 dur[32];

	if (kind != XAPI_LOG_PRACTICE && kind != XAPI_LOG_COACHING) {
		err_set(e, "unknown log entry kind %d", (int)kind);
		return NULL;
	}
	if ((unsigned)area >= AREA_COUNT) {
		err_set(e, "unknown skill area %d", (int)area);
		return NULL;
	}
	if (minutes <= 0) {
		err_set(e, "bad time %d minutes (must be above 0)", minutes);
		return NULL;
	}
	if (xapi_duration((long)minutes * 60, dur, e) == -1 ||
	    stmt_start(&st, x, kind == XAPI_LOG_PRACTICE ? &verb_experienced :
	    &verb_attended, when, e) == -1)
		return NULL;
	buf_init(&th);
	buf_init(&en);
	buf_addf(&th, "%s: %s", what[kind][1], vocab_areas[area].th);
	buf_addf(&en, "%s: %s", what[kind][2], vocab_areas[area].en);
	name.s[LANG_TH] = th.data;
	name.s[LANG_EN] = en.data;
	obj = activity_new(&st, iri(&st, what[kind][0], vocab_areas[area].id,
	    (const char *)NULL), kind == XAPI_LOG_PRACTICE ?
	    TYPE_BASE "performance" : TYPE_BASE "meeting", &def);
	put_lmap(&st, def, "name", &name);
	put(&st, st.root, "object", obj);
	buf_release(&th);
	buf_release(&en);
	res = json_new_obj();
	if (reflection != NULL)
		put_str(&st, res, "response", reflection);
	put_str(&st, res, "duration", dur);
	put(&st, st.root, "result", res);
	if (day_only) {
		/* a report must not read noon as when it happened */
		st.ext = json_new_obj();
		put_ext(&st, st.ext, XAPI_EXT_TIME_OF_DAY,
		    json_new_str("unknown"));
	}
	return stmt_finish(&st, NULL, id, e);
}

int
xapi_timestamp(const struct timespec *when, char out[25], struct err *e)
{
	struct tm	tm;
	time_t		t;

	if (when == NULL)
		return err_set(e, "no time for the statement");
	if (when->tv_nsec < 0 || when->tv_nsec >= 1000000000L)
		return err_set(e, "bad time: %ld nanoseconds",
		    (long)when->tv_nsec);
	t = when->tv_sec;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < 70 ||
	    tm.tm_year > 9999 - 1900)
		return err_set(e, "time %lld is outside 1970..9999",
		    (long long)t);
	/*
	 * Truncate, never round: a timestamp rounded up could be later than
	 * the clock that was read, and the LRS may refuse a future one.
	 */
	snprintf(out, 25, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
	    (unsigned)(tm.tm_year + 1900) % 10000, (unsigned)(tm.tm_mon + 1)
	    % 100, (unsigned)tm.tm_mday % 100, (unsigned)tm.tm_hour % 100,
	    (unsigned)tm.tm_min % 100, (unsigned)tm.tm_sec % 100,
	    (unsigned)(when->tv_nsec / 1000000) % 1000);
	return 0;
}

int
xapi_duration(long seconds, char out[32], struct err *e)
{
	int	n;

	if (seconds < 0)
		return err_set(e, "bad duration %ld s (must be 0 or more)",
		    seconds);
	n = snprintf(out, 32, "PT");
	if (seconds >= 3600)
		n += snprintf(out + n, 32 - (size_t)n, "%ldH", seconds / 3600);
	if (seconds / 60 % 60 != 0)
		n += snprintf(out + n, 32 - (size_t)n, "%ldM",
		    seconds / 60 % 60);
	if (seconds % 60 != 0 || seconds == 0)
		snprintf(out + n, 32 - (size_t)n, "%ldS", seconds % 60);
	return 0;
}

int
xapi_is_uuid(const char *s)
{
	size_t	i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f') ||
		    (s[i] >= 'A' && s[i] <= 'F')))
			return 0;
	}
	/* RFC 4122 variant: validators (Learning Locker's) insist on it */
	return s[36] == '\0' && strchr("89abAB", s[19]) != NULL;
}
