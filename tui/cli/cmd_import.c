/*
 * `rianru import FILE --format gift|aiken|moodle-xml --out MODULE.yaml
 * [--course-dir DIR]`: a question bank from another system as a module
 * file (docs/import.md). Nothing is written unless the whole file parsed
 * and the module passes the same checks as `rianru check`.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/xalloc.h"
#include "content/course.h"
#include "content/import.h"
#include "content/load.h"

static const char import_help[] =
"usage: rianru import FILE --format gift|aiken|moodle-xml --out MODULE.yaml\n"
"                     [--course-dir DIR]\n"
"\n"
"Bring in a question bank as a module file in rianru's course format.\n"
"Questions of other types (essay, calculated, cloze, with images) are\n"
"listed as FILE:LINE: skipped ...; a malformed FILE is reported as\n"
"FILE:LINE:COL: message and nothing is written.\n"
"\n"
"  --format F        gift, aiken or moodle-xml\n"
"  --out FILE        the module file to write (its name gives the module id)\n"
"  --course-dir DIR  the course the module joins: ids the course already\n"
"                    uses are not reused, and FILE (which must be in DIR)\n"
"                    is added to DIR/course.yaml's modules\n"
"\n"
"Exit status: 0 written, 1 malformed input or nothing to import, 2 usage.\n";

/* The whole of 'path' in *out (caller frees); -1 after a message. */
static int
import_read(const char *path, struct buf *out)
{
	FILE	*f;
	char	 tmp[65536];
	size_t	 n;
	int	 bad;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "rianru import: cannot open '%s': %s\n", path,
		    strerror(errno));
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(out, tmp, n);
	bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "rianru import: cannot read '%s'\n", path);
		return -1;
	}
	return 0;
}

/* Write 'len' bytes to 'path' through a new file renamed over it. */
static int
import_replace(const char *path, const char *data, size_t len)
{
	char	*tmp;
	FILE	*f;
	int	 fd, ok;

	xasprintf(&tmp, "%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1 || (f = fdopen(fd, "wb")) == NULL) {
		fprintf(stderr, "rianru import: cannot write '%s': %s\n", path,
		    strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = (fflush(f) == 0) & ok;
	ok = (fclose(f) == 0) & ok;
	if (ok) {
		/* mkstemp made it 0600: a module is for everyone to read */
		chmod(tmp, 0644);
		ok = rename(tmp, path) == 0;
	}
	if (!ok) {
		fprintf(stderr, "rianru import: cannot write '%s': %s\n", path,
		    strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok ? 0 : -1;
}

/* The name of 'path' without its folder and extension, in 'out'. */
static void
import_stem(const char *path, char *out, size_t len)
{
	const char	*b = strrchr(path, '/'), *dot;
	size_t		 n;

	b = b != NULL ? b + 1 : path;
	dot = strrchr(b, '.');
	n = dot != NULL && dot != b ? (size_t)(dot - b) : strlen(b);
	snprintf(out, len, "%.*s", (int)n, b);
}

/* Every id of 'c' (modules, pages, quizzes, questions), borrowed. */
static const char **
import_course_ids(const struct course *c, size_t *n)
{
	const char	**v = NULL;
	size_t		  cap = 0, m, k;

	*n = 0;
#define ADD(s) do {							\
	if (*n == cap) {						\
		cap = cap ? cap * 2 : 64;				\
		v = xreallocarray(v, cap, sizeof *v);			\
	}								\
	v[(*n)++] = (s);						\
} while (0)
	for (m = 0; m < c->nmodules; m++) {
		const struct module	*mod = &c->modules[m];

		ADD(mod->id);
		for (k = 0; k < mod->npages; k++)
			ADD(mod->pages[k].id);
		if (mod->quiz == NULL)
			continue;
		ADD(mod->quiz->id);
		for (k = 0; k < mod->quiz->nquestions; k++)
			ADD(mod->quiz->questions[k].id);
	}
#undef ADD
	return v;
}

static int
import_taken(const char *const *v, size_t n, const char *id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], id) == 0)
			return 1;
	return 0;
}

/*
 * 'out' relative to the course folder 'dir' in *rel (caller frees), or
 * -1 after a message when it is not inside it.
 */
static int
import_rel(const char *dir, const char *out, char **rel)
{
	char	 rdir[PATH_MAX], rout[PATH_MAX], *copy, *d;
	size_t	 n;

	copy = xstrdup(out);
	d = dirname(copy);
	if (realpath(dir, rdir) == NULL || realpath(d, rout) == NULL) {
		fprintf(stderr, "rianru import: cannot find '%s': %s\n",
		    realpath(dir, rdir) == NULL ? dir : d, strerror(errno));
		free(copy);
		return -1;
	}
	free(copy);
	n = strlen(rdir);
	if (strncmp(rout, rdir, n) != 0 || (rout[n] != '\0' &&
	    rout[n] != '/')) {
		fprintf(stderr, "rianru import: '%s' is not inside the course "
		    "folder '%s'\n", out, dir);
		return -1;
	}
	copy = xstrdup(out);
	xasprintf(rel, "%s%s%s", rout[n] == '/' ? rout + n + 1 : "",
	    rout[n] == '/' ? "/" : "", basename(copy));
	free(copy);
	return 0;
}

/*
 * The text of course.yaml 'text' with 'file' added at the end of its
 * 'modules:' list (a block list, or a flow list [a, b]), in 'out'; -1
 * when no such list is found.
 */
static int
import_add_module(const char *text, const char *file, struct buf *out)
{
	const char	*p = text, *key = NULL, *last = NULL, *lp;
	size_t		 indent = 0;

	for (lp = text; *lp != '\0'; lp = strchr(lp, '\n') ? strchr(lp,
	    '\n') + 1 : lp + strlen(lp))
		if (strncmp(lp, "modules:", 8) == 0) {
			key = lp;
			break;
		}
	if (key == NULL)
		return -1;
	p = key + 8;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '[') {
		const char	*close = strchr(p, ']'), *q;

		if (close == NULL)
			return -1;
		buf_add(out, text, (size_t)(close - text));
		for (q = p + 1; q < close && (*q == ' ' || *q == '\n' ||
		    *q == '\t' || *q == '\r'); q++)
			;
		buf_addf(out, "%s%s", q < close ? ", " : "", file);
		buf_adds(out, close);
		return 0;
	}
	/* a block list: the item lines after the key */
	for (lp = strchr(key, '\n'); lp != NULL; lp = strchr(lp + 1, '\n')) {
		const char	*s = lp + 1;
		size_t		 ind = 0;

		while (s[ind] == ' ')
			ind++;
		if (s[ind] == '\0')
			break;
		if (s[ind] == '\n' || s[ind] == '#')
			continue;
		if (s[ind] == '-' && (s[ind + 1] == ' ' || s[ind + 1] == '\n')) {
			last = s;
			indent = ind;
			continue;
		}
		if (ind == 0)
			break;
	}
	if (last == NULL)
		return -1;
	lp = strchr(last, '\n');
	if (lp == NULL) {
		buf_adds(out, text);
		buf_addc(out, '\n');
	} else
		buf_add(out, text, (size_t)(lp - text) + 1);
	buf_addf(out, "%*s- %s\n", (int)indent, "", file);
	if (lp != NULL)
		buf_adds(out, lp + 1);
	return 0;
}

/* Add 'rel' to DIR/course.yaml (once), then check the course loads. */
static int
import_join(const char *dir, const char *rel, const char *out_path,
    const struct course *c)
{
	struct buf	 text, next;
	struct diags	 d;
	struct course	*again;
	char		*path;
	size_t		 m;
	int		 rc = -1;

	for (m = 0; m < c->nmodules; m++) {
		const char	*f = strrchr(c->modules[m].file, '/');

		if (f != NULL && strcmp(f + 1, rel) == 0)
			return 0;	/* imported again: already listed */
	}
	xasprintf(&path, "%s/course.yaml", dir);
	buf_init(&text);
	buf_init(&next);
	diags_init(&d);
	if (import_read(path, &text) == -1)
		goto out;
	if (strspn(rel, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-/") != strlen(rel) ||
	    import_add_module(text.data, rel, &next) == -1) {
		fprintf(stderr, "rianru import: cannot add '%s' to the modules "
		    "of '%s'; add it by hand\n", rel, path);
		goto out;
	}
	if (import_replace(path, next.data, next.len) == -1)
		goto out;
	if ((again = load_course_dir(dir, &d)) == NULL) {
		diags_print(&d, 0, stderr);
		fprintf(stderr, "rianru import: the course no longer loads; "
		    "'%s' and '%s' are left as they were\n", path, out_path);
		import_replace(path, text.data, text.len);
		goto out;
	}
	course_free(again);
	rc = 0;
out:
	buf_release(&text);
	buf_release(&next);
	diags_release(&d);
	free(path);
	return rc;
}

/* "12 questions: 4 choice, 2 multiple, ..." */
static void
import_summary(const struct import *im, const char *out)
{
	size_t	count[Q_TYPE_COUNT] = { 0 }, k;
	int	t, first = 1;

	for (k = 0; k < im->n; k++)
		count[im->q[k].type]++;
	printf("%s: %zu question%s (", out, im->n, im->n == 1 ? "" : "s");
	for (t = 0; t < Q_TYPE_COUNT; t++)
		if (count[t] > 0) {
			printf("%s%zu %s", first ? "" : ", ", count[t],
			    qtype_name((enum qtype)t));
			first = 0;
		}
	printf("), %zu skipped\n", im->skipped.n);
}

/*
 * FILE and the options (--format, --out, --course-dir into vals[0..2]),
 * which may come in any order; 0, or -1 after a usage message.
 */
static int
import_args(int argc, char **argv, const char **file, const char *vals[3],
    enum import_format *fmt)
{
	static const char *const names[] = {
		"--format", "--out", "--course-dir", NULL
	};
	char	**rest;
	int	  i, nrest = 0, rc;

	*file = NULL;
	rest = xcalloc((size_t)argc + 1, sizeof *rest);
	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			rest[nrest++] = argv[i];
			if (strchr(argv[i], '=') == NULL && i + 1 < argc)
				rest[nrest++] = argv[++i];
		} else if (*file == NULL)
			*file = argv[i];
		else {
			fprintf(stderr, "rianru: unexpected argument '%s'\n%s",
			    argv[i], import_help);
			free(rest);
			return -1;
		}
	}
	rc = cli_opts(nrest, rest, 0, names, vals, import_help);
	free(rest);
	if (rc == -1)
		return -1;
	if (*file == NULL || vals[0] == NULL || vals[1] == NULL) {
		fprintf(stderr, "rianru import: %s\n%s", *file == NULL ?
		    "which file? (FILE is missing)" : vals[0] == NULL ?
		    "--format is required" : "--out is required", import_help);
		return -1;
	}
	if (import_format_parse(vals[0], fmt) == -1) {
		fprintf(stderr, "rianru import: unknown format '%s' (use gift, "
		    "aiken or moodle-xml)\n", vals[0]);
		return -1;
	}
	return 0;
}

/*
 * Parse 'in' into 'im' and report what went wrong and what was skipped;
 * 0 when there is something to import, -1 after a message.
 */
static int
import_questions(struct import *im, enum import_format fmt,
    const char *file, const struct buf *in)
{
	size_t	i;

	import_parse(im, fmt, in->data, in->len);
	diags_sort(&im->errors, 0);
	diags_print(&im->errors, 0, stderr);
	for (i = 0; i < im->skipped.n; i++)
		fprintf(stderr, "%s:%u: %s\n", im->skipped.v[i].file,
		    im->skipped.v[i].line, im->skipped.v[i].msg);
	if (im->errors.n > 0) {
		fprintf(stderr, "rianru import: %zu error%s in '%s'; nothing "
		    "written\n", im->errors.n, im->errors.n == 1 ? "" : "s",
		    file);
		return -1;
	}
	if (im->n == 0) {
		fprintf(stderr, "rianru import: no question in '%s' can be "
		    "imported; nothing written\n", file);
		return -1;
	}
	return 0;
}

/*
 * The module as YAML in *yaml: its id from the --out name 'out', its quiz
 * id, neither among the course's ids 'taken'. -1 after a message.
 */
static int
import_module_yaml(struct import *im, const char *file, const char *out,
    const char *const *taken, size_t ntaken, struct buf *yaml)
{
	char		 stem[256], *quiz_id;
	const char	*id, *title;
	int		 i;

	import_stem(out, stem, sizeof stem);
	id = import_make_id(im, stem);
	if (strncmp(id, "q-", 2) == 0 && strcmp(stem, "q") != 0)
		id = "imported";
	if (import_taken(taken, ntaken, id)) {
		fprintf(stderr, "rianru import: the course already has a "
		    "module or quiz '%s'; choose another --out name\n", id);
		return -1;
	}
	xasprintf(&quiz_id, "%s-quiz", id);
	for (i = 2; import_taken(taken, ntaken, quiz_id); i++) {
		free(quiz_id);
		xasprintf(&quiz_id, "%s-quiz-%d", id, i);
	}
	import_stem(file, stem, sizeof stem);
	title = im->category != NULL ? im->category : stem;
	import_write_yaml(im, id, title, quiz_id, file, yaml);
	free(quiz_id);
	return 0;
}

/*
 * Check the module 'yaml' as 'rianru check' would, write it to 'out' and
 * join it to 'course' (in 'dir', as 'rel' from there) when there is one;
 * a module the course cannot take is taken back. -1 after a message.
 */
static int
import_save(const char *file, const char *out, const struct buf *yaml,
    const char *dir, const char *rel, const struct course *course,
    struct diags *d)
{
	struct course	*check;
	struct buf	 old;
	int		 existed, rc = -1;

	if ((check = load_module_mem(out, yaml->data, yaml->len, d)) ==
	    NULL) {
		diags_print(d, 0, stderr);
		fprintf(stderr, "rianru import: the module made from '%s' "
		    "would not pass 'rianru check'; nothing written\n", file);
		return -1;
	}
	course_free(check);
	buf_init(&old);
	/* kept to put back if the course cannot take the module */
	existed = access(out, F_OK) == 0;
	if (existed && course != NULL && import_read(out, &old) == -1)
		goto out;
	if (import_replace(out, yaml->data, yaml->len) == -1)
		goto out;
	if (course != NULL && import_join(dir, rel, out, course) == -1) {
		if (existed)
			import_replace(out, old.data, old.len);
		else
			unlink(out);
		goto out;
	}
	rc = 0;
out:
	buf_release(&old);
	return rc;
}

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	const char		*vals[3] = { NULL, NULL, NULL }, *file;
	const char		**taken = NULL;
	enum import_format	 fmt;
	struct import		 im;
	struct buf		 in, yaml;
	struct diags		 d;
	struct course		*course = NULL;
	char			*rel = NULL;
	size_t			 ntaken = 0;
	int			 rc = EXIT_FAIL;

	(void)cli;
	if (cli_help_requested(argc, argv, import_help))
		return EXIT_OK;
	if (import_args(argc, argv, &file, vals, &fmt) == -1)
		return EXIT_USAGE;

	buf_init(&in);
	buf_init(&yaml);
	diags_init(&d);
	import_init(&im, file);
	if (vals[2] != NULL) {
		if ((course = load_course_dir(vals[2], &d)) == NULL) {
			diags_print(&d, 0, stderr);
			fprintf(stderr, "rianru import: fix the course in '%s' "
			    "first\n", vals[2]);
			goto out;
		}
		if (import_rel(vals[2], vals[1], &rel) == -1)
			goto out;
		taken = import_course_ids(course, &ntaken);
	}
	if (import_read(file, &in) == -1 ||
	    import_questions(&im, fmt, file, &in) == -1)
		goto out;
	import_ids(&im, taken, ntaken);
	if (import_module_yaml(&im, file, vals[1], taken, ntaken,
	    &yaml) == -1 ||
	    import_save(file, vals[1], &yaml, vals[2], rel, course,
	    &d) == -1)
		goto out;
	import_summary(&im, vals[1]);
	rc = EXIT_OK;
out:
	free(taken);
	free(rel);
	course_free(course);
	import_release(&im);
	diags_release(&d);
	buf_release(&in);
	buf_release(&yaml);
	return rc;
}
