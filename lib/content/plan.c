#include "content/plan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/file.h"
#include "base/infile.h"
#include "content/catalog.h"
#include "content/load.h"
#include "content/schema.h"
#include "base/xalloc.h"
#include "content/ytree.h"

/* Plan files are a page of YAML; a bigger one is a mistake. */
#define PLAN_MAX_FILE	(1u << 20)

static const char *const plan_keys[] = {
	"rianru", "group", "title", "summary", "phases", NULL
};
static const char *const phase_keys[] = {
	"level", "hours", "note", "required", "recommended", NULL
};
static const char *const course_item_keys[] = { "course", NULL };
static const char *const area_item_keys[] = { "area", "hours", NULL };
static const char *const area_key[] = { "area", NULL };

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	arena_free(p->arena);
	free(p);
}

/* One item: {course: ID} or {area: ID, hours: N}. */
static void
plan_item(struct schema *s, const struct ynode *m, struct plan_item *it)
{
	const struct ynode	*n;
	int			 i;

	it->line = m->line;
	it->col = m->col;
	if (!schema_is(s, m, YN_MAP, "a plan item"))
		return;
	if ((n = ynode_get(m, "course")) != NULL) {
		it->kind = PLAN_ITEM_COURSE;
		schema_keys(s, m, course_item_keys, area_key, "a course item");
		if (ynode_get(m, "area") != NULL)
			schema_error(s, m, "a plan item names a course or an "
			    "area, not both");
		it->course = schema_id(s, n);
		return;
	}
	if ((n = ynode_get(m, "area")) == NULL) {
		schema_keys(s, m, area_item_keys, course_item_keys,
		    "a plan item");
		schema_error(s, m, "a plan item needs 'course' or 'area'");
		return;
	}
	it->kind = PLAN_ITEM_AREA;
	schema_keys(s, m, area_item_keys, NULL, "an area item");
	if ((i = schema_vocab(s, n, vocab_areas, AREA_COUNT,
	    "skill area")) >= 0)
		it->area = (enum area)i;
	if ((n = ynode_get(m, "hours")) != NULL)
		schema_number(s, n, "hours", &it->hours, 0, 1000,
		    NUM_ABOVE_MIN);
}

/* A list of items; duplicates in the same phase are errors. */
static struct plan_item *
plan_items(struct schema *s, const struct ynode *seq, const char *what,
    size_t *n, const struct plan_item *other, size_t nother)
{
	struct plan_item	*v;
	size_t			 i, j;

	*n = 0;
	if (seq == NULL || !schema_is(s, seq, YN_SEQ, what))
		return NULL;
	if (seq->n == 0)
		return NULL;
	v = arena_alloc(s->a, seq->n * sizeof *v);
	for (i = 0; i < seq->n; i++) {
		plan_item(s, seq->kids[i], &v[i]);
		for (j = 0; j < i + nother; j++) {
			const struct plan_item *o = j < i ? &v[j] :
			    &other[j - i];

			if (o->kind != v[i].kind)
				continue;
			if (v[i].kind == PLAN_ITEM_COURSE && (o->course == NULL ||
			    v[i].course == NULL ||
			    strcmp(o->course, v[i].course) != 0))
				continue;
			if (v[i].kind == PLAN_ITEM_AREA && o->area != v[i].area)
				continue;
			schema_error(s, seq->kids[i], "'%s' is already in this "
			    "phase (at %u:%u)", v[i].kind == PLAN_ITEM_COURSE ?
			    v[i].course : vocab_areas[v[i].area].id, o->line,
			    o->col);
			break;
		}
	}
	*n = seq->n;
	return v;
}

static void
plan_phase(struct schema *s, const struct ynode *m, struct plan_phase *ph)
{
	const struct ynode	*n, *req, *rec;
	int			 i;

	if (!schema_is(s, m, YN_MAP, "a phase"))
		return;
	schema_keys(s, m, phase_keys, NULL, "a phase");
	if ((n = schema_req(s, m, "level")) != NULL &&
	    (i = schema_vocab(s, n, vocab_levels, LEVEL_COUNT, "level")) >= 0)
		ph->level = (enum level)i;
	if ((n = schema_req(s, m, "hours")) != NULL)
		schema_number(s, n, "hours", &ph->hours, 0, 1000,
		    NUM_ABOVE_MIN);
	schema_opt_lstr(s, m, "note", &ph->note);
	req = ynode_get(m, "required");
	rec = ynode_get(m, "recommended");
	ph->required = plan_items(s, req, "required", &ph->nrequired, NULL,
	    0);
	ph->recommended = plan_items(s, rec, "recommended", &ph->nrecommended,
	    ph->required, ph->nrequired);
	if (ph->nrequired == 0 && ph->nrecommended == 0 &&
	    (req == NULL || req->kind == YN_SEQ) &&
	    (rec == NULL || rec->kind == YN_SEQ))
		schema_error(s, m, "a phase needs at least one 'required' or "
		    "'recommended' item");
}

static void
plan_tree(struct schema *s, struct plan *p, const struct ynode *root)
{
	const struct ynode	*n, *phases;
	size_t			 i, j;
	int			 g;

	if (!schema_is(s, root, YN_MAP, "a plan"))
		return;
	if (root->n == 0) {
		schema_error(s, root, "the file is empty (see "
		    "docs/content-format.md for what a plan holds)");
		return;
	}
	schema_keys(s, root, plan_keys, NULL, "a plan");
	if ((n = schema_req(s, root, "rianru")) != NULL &&
	    (n->kind != YN_SCALAR || strcmp(n->str, "1") != 0))
		schema_error(s, n, "unsupported content format 'rianru: %s' "
		    "(this rianru reads format 1)", n->kind == YN_SCALAR ?
		    n->str : ynode_kind_name(n->kind));
	if ((n = schema_req(s, root, "group")) != NULL &&
	    (g = schema_vocab(s, n, vocab_groups, GROUP_COUNT,
	    "target group")) >= 0)
		p->group = (enum group)g;
	schema_req_lstr(s, root, "title", &p->title);
	schema_opt_lstr(s, root, "summary", &p->summary);
	if ((phases = schema_req(s, root, "phases")) == NULL ||
	    !schema_is(s, phases, YN_SEQ, "phases"))
		return;
	if (phases->n == 0) {
		schema_error(s, phases, "a plan needs at least one phase");
		return;
	}
	p->nphases = phases->n;
	p->phases = arena_alloc(s->a, phases->n * sizeof *p->phases);
	for (i = 0; i < phases->n; i++) {
		plan_phase(s, phases->kids[i], &p->phases[i]);
		n = phases->kids[i]->kind == YN_MAP ?
		    ynode_get(phases->kids[i], "level") : NULL;
		if (n == NULL || i == 0)
			continue;
		for (j = 0; j < i; j++)
			if (p->phases[j].level >= p->phases[i].level)
				break;
		if (j < i)
			schema_error(s, n, "phase '%s' must come after phase "
			    "'%s' (phases go early, developing, advanced, "
			    "each once)", vocab_levels[p->phases[i].level].id,
			    vocab_levels[p->phases[j].level].id);
	}
}

struct plan *
plan_load_mem(const char *name, const char *buf, size_t len,
    struct diags *d)
{
	struct plan	*p;
	struct schema	 s;
	struct arena	*tmp;
	struct ynode	*root;
	size_t		 errors0 = d->nerrors;

	p = xcalloc(1, sizeof *p);
	p->arena = arena_new();
	p->file = arena_strdup(p->arena, name);
	schema_init(&s, p->arena, d);
	s.file = p->file;
	/* a byte order mark from Windows editors: see load.c */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	tmp = arena_new();
	if ((root = ytree_parse(tmp, p->file, buf, len, d)) != NULL)
		plan_tree(&s, p, root);
	arena_free(tmp);
	if (d->nerrors > errors0) {
		plan_free(p);
		return NULL;
	}
	return p;
}

struct plan *
plan_load_file(const char *path, struct diags *d)
{
	FILE		*f;
	struct err	 e;
	struct stat	 sb;
	struct plan	*p;
	char		*buf;
	size_t		 len;

	if ((f = infile_open(path, &e)) == NULL) {
		diags_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    e.msg);
		return NULL;
	}
	if (fstat(fileno(f), &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (unsigned long long)sb.st_size > PLAN_MAX_FILE) {
		diags_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s",
		    S_ISREG(sb.st_mode) ? "larger than 1 MiB" :
		    "not a regular file");
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	len = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		diags_add(d, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	p = plan_load_mem(path, buf, len, d);
	free(buf);
	return p;
}

void
plan_set_init(struct plan_set *set)
{
	memset(set, 0, sizeof *set);
}

void
plan_set_release(struct plan_set *set)
{
	size_t	i;

	for (i = 0; i < GROUP_COUNT; i++)
		plan_free(set->by_group[i]);
	memset(set, 0, sizeof *set);
}

static int
plan_is_yaml(const char *name)
{
	size_t	len = strlen(name);

	return name[0] != '.' && ((len > 5 &&
	    strcmp(name + len - 5, ".yaml") == 0) || (len > 4 &&
	    strcmp(name + len - 4, ".yml") == 0));
}

int
plan_load_dir(struct plan_set *set, const char *dir, struct diags *d)
{
	struct plan	*p, *first;
	char		**names, *path;
	size_t		 n, i;

	/* sorted, so which plan is "first" is stable */
	if (file_dir_names(dir, plan_is_yaml, &names, &n) == -1) {
		if (errno == ENOENT)
			return 0;
		return diags_add(d, DIAG_ERROR, dir, 0, 0, "cannot open: %s",
		    strerror(errno));
	}
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", dir, names[i]);
		set->nfiles++;
		p = plan_load_file(path, d);
		free(path);
		if (p == NULL)
			continue;
		if ((first = set->by_group[p->group]) != NULL) {
			diags_add(d, DIAG_ERROR, p->file, 1, 1, "a second plan "
			    "for target group '%s' (the first is '%s')",
			    vocab_groups[p->group].id, first->file);
			plan_free(p);
			continue;
		}
		set->by_group[p->group] = p;
	}
	file_names_free(names, n);
	return 0;
}

/* The bytes of file 'path' (at most PLAN_MAX_FILE) and a NUL; NULL quietly. */
static char *
plan_slurp_quiet(const char *path, size_t *len)
{
	struct err	 e;
	struct stat	 sb;
	FILE		*f;
	char		*buf;

	if ((f = infile_open(path, &e)) == NULL)
		return NULL;
	if (fstat(fileno(f), &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (unsigned long long)sb.st_size > PLAN_MAX_FILE) {
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	*len = fread(buf, 1, (size_t)sb.st_size, f);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/*
 * The top-level mapping of the YAML file 'path', parsed into 'a', or NULL
 * when it cannot be read or is not a mapping. Silent: the file's own
 * check reports its problems.
 */
static struct ynode *
plan_peek(struct arena *a, const char *path)
{
	struct diags	 d;
	struct ynode	*root;
	char		*buf;
	size_t		 len, skip;

	if ((buf = plan_slurp_quiet(path, &len)) == NULL)
		return NULL;
	skip = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	diags_init(&d);
	root = ytree_parse(a, path, buf + skip, len - skip, &d);
	diags_release(&d);
	free(buf);
	return root != NULL && root->kind == YN_MAP ? root : NULL;
}

/*
 * Whether course 'id' is one the catalogue skipped because it has errors
 * (found by its folder name or the id in its course.yaml). Those errors
 * are reported with the course: "no course" would only mislead.
 */
static int
plan_course_skipped(const struct catalog *cat, const char *id)
{
	const struct ynode	*root, *n;
	struct arena		*a;
	const char		*base;
	char			*path;
	size_t			 i;
	int			 hit;

	for (i = 0; i < cat->nskipped; i++) {
		base = strrchr(cat->skipped[i].dir, '/');
		base = base != NULL ? base + 1 : cat->skipped[i].dir;
		if (strcmp(base, id) == 0)
			return 1;
		xasprintf(&path, "%s/course.yaml", cat->skipped[i].dir);
		a = arena_new();
		root = plan_peek(a, path);
		n = root != NULL ? ynode_get(root, "id") : NULL;
		hit = n != NULL && n->kind == YN_SCALAR &&
		    strcmp(n->str, id) == 0;
		arena_free(a);
		free(path);
		if (hit)
			return 1;
	}
	return 0;
}

static void
plan_check_items(const struct plan *p, const struct plan_item *v, size_t n,
    int required, const struct catalog *cat, struct diags *d)
{
	const struct course	*c;
	const char		**ids;
	const char		*hint;
	size_t			  i, k;

	for (i = 0; i < n; i++) {
		if (v[i].kind != PLAN_ITEM_COURSE || v[i].course == NULL)
			continue;
		if ((c = catalog_find(cat, v[i].course)) != NULL) {
			if (required && !(c->audience & (1u << p->group)))
				diags_add(d, DIAG_WARNING, p->file, v[i].line,
				    v[i].col, "required course '%s' is not "
				    "meant for target group '%s' (see its "
				    "audience)", v[i].course,
				    vocab_groups[p->group].id);
			continue;
		}
		if (plan_course_skipped(cat, v[i].course))
			continue;
		ids = xcalloc(cat->n + 1, sizeof *ids);
		for (k = 0; k < cat->n; k++)
			ids[k] = cat->courses[k]->id;
		hint = schema_suggest(ids, cat->n, v[i].course);
		if (hint != NULL)
			diags_add(d, DIAG_ERROR, p->file, v[i].line, v[i].col,
			    "no course '%s' in the catalogue (did you mean "
			    "'%s'?)", v[i].course, hint);
		else
			diags_add(d, DIAG_ERROR, p->file, v[i].line, v[i].col,
			    "no course '%s' in the catalogue", v[i].course);
		free(ids);
	}
}

void
plan_check_refs(const struct plan *p, const struct catalog *cat,
    struct diags *d)
{
	size_t	i;

	for (i = 0; i < p->nphases; i++) {
		plan_check_items(p, p->phases[i].required,
		    p->phases[i].nrequired, 1, cat, d);
		plan_check_items(p, p->phases[i].recommended,
		    p->phases[i].nrecommended, 0, cat, d);
	}
}

size_t
plan_check_dir(const char *catalogue_dir, const struct catalog *cat,
    struct diags *d)
{
	struct plan_set	 set;
	struct stat	 sb;
	char		*dir;
	size_t		 i, n;

	xasprintf(&dir, "%s/plans", catalogue_dir);
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode)) {
		free(dir);
		return 0;
	}
	plan_set_init(&set);
	plan_load_dir(&set, dir, d);
	for (i = 0; i < GROUP_COUNT; i++)
		if (set.by_group[i] != NULL)
			plan_check_refs(set.by_group[i], cat, d);
	n = set.nfiles;
	plan_set_release(&set);
	free(dir);
	return n;
}

/*
 * The catalogue folder of 'path' when it is in (or is) a folder named
 * "plans": a new string, or NULL. 'is_dir': 'path' is that folder.
 */
static char *
plan_catalogue_of(const char *path, int is_dir)
{
	char	*dir, *end, *base;

	dir = xstrdup(path);
	end = dir + strlen(dir);
	while (end > dir + 1 && end[-1] == '/')
		*--end = '\0';
	if (!is_dir) {
		if ((end = strrchr(dir, '/')) == NULL) {
			free(dir);
			return NULL;
		}
		*end = '\0';
	}
	base = strrchr(dir, '/');
	base = base != NULL ? base + 1 : dir;
	if (strcmp(base, "plans") != 0) {
		free(dir);
		return NULL;
	}
	if (base == dir)
		snprintf(dir, strlen(dir) + 1, ".");
	else if (base == dir + 1)
		dir[1] = '\0';		/* "/plans" -> "/" */
	else
		base[-1] = '\0';
	return dir;
}

size_t
plan_check_path(const char *path, struct diags *d)
{
	const struct ynode	*root;
	struct catalog		*cat;
	struct diags		 quiet;
	struct arena		*a;
	struct plan		*p;
	struct stat		 sb;
	char			*top, *sub;
	size_t			 n;
	int			 is_plan;

	if (stat(path, &sb) == -1)
		return 0;
	if (S_ISDIR(sb.st_mode)) {
		/* a plans/ folder given alone: check it with its catalogue */
		xasprintf(&sub, "%s/course.yaml", path);
		top = access(sub, F_OK) == 0 ? NULL :
		    plan_catalogue_of(path, 1);
		free(sub);
		if (top == NULL)
			return 0;
		diags_init(&quiet);
		cat = catalog_new();
		catalog_add_path(cat, top, &quiet);
		n = plan_check_dir(top, cat, d);
		catalog_free(cat);
		diags_release(&quiet);
		free(top);
		return n;
	}
	/* a file: in a plans/ folder, or holding what only a plan has */
	top = plan_catalogue_of(path, 0);
	if (top == NULL) {
		a = arena_new();
		root = plan_peek(a, path);
		is_plan = root != NULL && (ynode_get(root, "phases") != NULL ||
		    ynode_get(root, "group") != NULL) &&
		    ynode_get(root, "pages") == NULL &&
		    ynode_get(root, "quiz") == NULL &&
		    ynode_get(root, "modules") == NULL;
		arena_free(a);
		if (!is_plan)
			return 0;
	}
	if ((p = plan_load_file(path, d)) != NULL && top != NULL) {
		/* the courses it names are those of the catalogue above */
		diags_init(&quiet);
		cat = catalog_new();
		catalog_add_path(cat, top, &quiet);
		plan_check_refs(p, cat, d);
		catalog_free(cat);
		diags_release(&quiet);
	}
	plan_free(p);
	free(top);
	return 1;
}
