/*
 * The commands that start the app (app, kiosk, preview): the progress
 * file or the preview's watch, the catalogue, the terminal, the sync, the
 * first screen; the loop; then everything let go of in turn.
 */
#include "cli/cli.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "screens/app.h"
#include "screens/progress.h"
#include "screens/preview.h"
#include "screens/update_ui.h"
#include "screens/app_loop.h"
#include "screens/app_session.h"
#include "screens/plan_ui.h"
#include "screens/views.h"
#include "base/err.h"
#include "base/xalloc.h"
#include "config/connect.h"
#include "content/catalog.h"
#include "content/watch.h"
#include "store/store.h"
#include "store/store_officer.h"
#include "store/store_privacy.h"
#include "sync/pull.h"
#include "sync/sync.h"
#include "text/text.h"
#include "screens/ui.h"

/* Built from po/th.po by the Makefile (build/.../gen/mo_th.c). */
extern const unsigned char	mo_th[];
extern const unsigned long	mo_th_len;

/*
 * The officer of a single-user machine: the one seen most recently.
 * Returns 1 when there is one (in *o), 0 when none yet, -1 on error.
 */
static int
app_find_officer(struct store *st, struct store_officer *o, struct err *e)
{
	struct store_officer	*list = NULL;
	size_t			 n = 0, i, best = 0;

	if (store_officer_list(st, &list, &n, e) == -1)
		return -1;
	if (n == 0)
		return 0;
	for (i = 1; i < n; i++)
		if (list[i].last_seen > list[best].last_seen)
			best = i;
	*o = list[best];
	free(list);
	return 1;
}

/* No UTF-8: Thai would be garbage, so say so and stop (thai-text.md). */
static int
app_check_locale(void)
{
	const char	*cs = nl_langinfo(CODESET);

	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return 0;
	fprintf(stderr, "rianru: the terminal's locale is not UTF-8 (it is "
	    "'%s'); Thai cannot be shown. Run with a UTF-8 locale, for "
	    "example: LANG=C.UTF-8 rianru\n", cs ? cs : "?");
	return -1;
}

/*
 * The folder of packs compiled from YAML: $XDG_CACHE_HOME/rianru/content,
 * else ~/.cache/rianru/content (caller frees), with rianru/ made 0700;
 * NULL (nothing compiled) without either. compile.h refuses a folder that
 * is not ours and private.
 */
static char *
app_cache_dir(void)
{
	const char	*xdg = getenv("XDG_CACHE_HOME");
	const char	*home = getenv("HOME");
	char		*base, *p;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&base, "%s/rianru", xdg);
	else if (home != NULL && *home == '/') {
		xasprintf(&p, "%s/.cache", home);
		(void)mkdir(p, 0700);
		free(p);
		xasprintf(&base, "%s/.cache/rianru", home);
	} else
		return NULL;
	(void)mkdir(base, 0700);
	xasprintf(&p, "%s/content", base);
	free(base);
	return p;
}

static const char kiosk_help[] =
"usage: rianru [OPTIONS] kiosk\n"
"\n"
"The learning app for a shared training-room terminal (also 'kiosk: true'\n"
"in the configuration): officers log in with their code and a PIN, idle\n"
"officers are logged out, F2 and the admin PIN open the trainer's menu.\n"
"Without 'admin-pin-hash:' it cannot be left from the keyboard.\n"
"See docs/kiosk.md.\n";

static const char app_help[] =
"usage: rianru [OPTIONS] [app]\n"
"\n"
"The learning app, on the content and progress file of the configuration\n"
"(or --content, --db). 'rianru --help' lists the options and commands.\n";

/*
 * "--help" shows 'help'; any other argument is a mistake. Either way the
 * app is not started: 'rianru kiosk --help' typed on a kiosk terminal
 * must not lock it into a kiosk it cannot leave. Returns -1 to start,
 * else the exit status.
 */
static int
app_args(int argc, char **argv, const char *help)
{
	if (cli_help_requested(argc, argv, help))
		return EXIT_OK;
	if (argc > 1) {
		fprintf(stderr, "rianru: unexpected argument '%s'\n%s",
		    argv[1], help);
		return EXIT_USAGE;
	}
	return -1;
}

int
cmd_kiosk(struct cli *cli, int argc, char **argv)
{
	int	rc;

	if ((rc = app_args(argc, argv, kiosk_help)) != -1)
		return rc;
	cli->kiosk = 1;
	return cmd_app(cli, 1, argv);
}

/*
 * The preview's watch, or the progress file and whether it has an officer
 * to start with (*found). 0, or -1 after a message on stderr.
 */
static int
app_open_records(struct app *a, struct cli *cli, struct store_officer *o,
    int *found)
{
	struct err	e;
	char		msg[1024];

	err_clear(&e);
	*found = 0;
	if (cli->preview != NULL) {
		/* the preview records nothing: no progress file at all */
		a->preview = 1;
		a->pv.path = cli->preview;
		a->pv.stats_path = cli->preview_stats;
		if ((a->pv.watch = watch_new(cli->preview, &e)) == NULL) {
			fprintf(stderr, "rianru: %s\n", err_str(&e, msg,
			    sizeof msg));
			return -1;
		}
		lineedit_init(&a->pv.jump, 128);
	} else if ((a->st = store_open(cli->cfg.db_path, &e)) == NULL ||
	    (*found = app_find_officer(a->st, o, &e)) == -1) {
		fprintf(stderr, "rianru: %s\n", err_str(&e, msg, sizeof msg));
		store_close(a->st);
		return -1;
	}
	if (a->st != NULL && store_notice(a->st) != NULL)
		fprintf(stderr, "rianru: %s\n", store_notice(a->st));
	/* retention: answers delivered long ago go (docs/privacy.md) */
	err_clear(&e);
	if (a->st != NULL && store_retention_apply(a->st,
	    cli->cfg.retention_months, time(NULL), NULL, &e) == -1)
		fprintf(stderr, "rianru: retention: %s\n", err_str(&e, msg,
		    sizeof msg));
	return 0;
}

/* The catalogue, with what is wrong in it in a->problems. */
static void
app_load_catalog(struct app *a, struct cli *cli)
{
	char	*cache;

	diags_init(&a->problems);
	a->wrap = text_wrapper_new();
	a->cat = catalog_new();
	if (a->preview) {
		catalog_add_path(a->cat, a->pv.path, &a->problems);
		app_preview_stats(a);
	} else {
		/*
		 * Packs are opened where they are, and a YAML folder is
		 * compiled to packs (app_cache_dir) once, so a warm start
		 * parses nothing; only the courses' headers are read: a
		 * body is read when it is opened (catalog_open_course).
		 */
		cache = cli_cache_key(&cli->cfg) == 0 ? app_cache_dir() : NULL;
		catalog_add_path_lazy(a->cat, cli->cfg.content_dir, cache,
		    a->wrap, &a->problems, NULL);
		free(cache);
	}
	diags_sort(&a->problems, 0);
	app_update_init(a, time(NULL));
}

/* The sync and pull from the LRS settings, when not previewing. */
static void
app_connect(struct app *a, struct cli *cli)
{
	struct err	e;

	if (a->preview)
		return;
	/* results leave by themselves when a link appears */
	err_clear(&e);
	if ((a->sync = sync_connect(&cli->cfg.lrs, a->st, &e)) == NULL)
		app_error(a, &e);
	else
		sync_kick(a->sync, 0);
	a->pull = pull_connect(&cli->cfg.lrs, a->st, cli->cfg.homepage,
	    cli->cfg.activity_base, &e);
	if (a->pull == NULL && e.msg[0] != '\0')
		app_error(a, &e);
}

/*
 * The first screen: the preview's home (or its only course), the kiosk's
 * login, the officer's home ('o' when 'found'), or sign-up.
 */
static void
app_first_screen(struct app *a, struct store_officer *o, int found)
{
	if (a->preview) {
		memset(o, 0, sizeof *o);
		snprintf(o->code, sizeof o->code, "preview");
		snprintf(o->name, sizeof o->name, "%s",
		    tr(a, "Trainer (preview)"));
		snprintf(o->group, sizeof o->group, "other");
		app_set_officer(a, o);
		app_push(a, &view_home, NULL);
		if (a->cat->n == 1)
			app_show_course(a, 0, 0);
	} else if (a->kiosk)
		app_push(a, &view_login, NULL);
	else if (found) {
		app_set_officer(a, o);
		app_enter_home(a, 1);
	} else
		app_push(a, &view_signup, NULL);
}

/* Everything the app holds, after the screens are closed. */
static void
app_release(struct app *a)
{
	app_close_all(a);
	app_reap(a);
	app_update_end(a);
	lineedit_release(&a->pv.jump);
	watch_free(a->pv.watch);
	app_progress_stale(a);
	free(a->progress.courses);
	free(a->progress.valid);
	plan_ui_release(a);
	sync_free(a->sync);
	pull_free(a->pull);
	store_close(a->st);
	text_wrapper_free(a->wrap);
	app_preview_stats_free(a);
	catalog_free(a->cat);
	diags_release(&a->problems);
}

int
cmd_app(struct cli *cli, int argc, char **argv)
{
	struct app		 a;
	struct store_officer	 o;
	int			 rc = EXIT_OK, found;

	if ((rc = app_args(argc, argv, app_help)) != -1)
		return rc;
	rc = EXIT_OK;
	if (app_check_locale() == -1)
		return EXIT_FAIL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "rianru: the app needs a terminal (see "
		    "'rianru --help' for commands)\n");
		return EXIT_FAIL;
	}
	memset(&a, 0, sizeof a);
	a.cli = cli;
	a.lang = cli->cfg.lang;
	if (mo_open(&a.th, mo_th, mo_th_len) == -1) {
		fprintf(stderr, "rianru: the built-in Thai catalogue is damaged; "
		    "rebuild from po/th.po\n");
		return EXIT_FAIL;
	}
	a.kiosk = cli->cfg.kiosk || cli->kiosk;
	a.last_input = time(NULL);
	if (app_open_records(&a, cli, &o, &found) == -1)
		return EXIT_FAIL;
	app_load_catalog(&a, cli);
	app_signals(cli->cfg.kiosk || cli->kiosk);
	xalloc_set_fail_hook(ui_end);
	ui_set_ascii(cli->cfg.accessible);
	if (ui_begin(a.kiosk) == -1) {
		fprintf(stderr, "rianru: cannot start the terminal interface "
		    "(TERM='%s')\n", getenv("TERM") ? getenv("TERM") : "");
		rc = EXIT_FAIL;
	} else {
		app_connect(&a, cli);
		app_first_screen(&a, &o, found);
		app_reap(&a);
		if (a.depth > 0)
			app_loop(&a);
		ui_end();
	}
	app_release(&a);
	return rc;
}

static const char preview_help[] =
"usage: rianru preview [--stats FILE] PATH\n"
"\n"
"Open a course folder, a catalogue or a single module file exactly as\n"
"officers see it, recording nothing (no progress file is opened). Saving\n"
"a file reloads it within a second; mistakes are listed as path:line:col\n"
"at the bottom while the last good version stays on screen.\n"
"Keys: a (or F5) shows or hides the correct answers, g (or F6) goes to\n"
"an id (module, page, quiz or question; MODULE/ID for a page id that\n"
"two modules use); in a typed answer only F5 and F6 work. Plus the\n"
"app's usual keys.\n"
"With --stats, a question in a quiz shows its figures (attempts,\n"
"facility, discrimination, the first flag; see 'rianru stats') from FILE:\n"
"a progress file, or a stats file that 'rianru stats --format json'\n"
"wrote (from --from-lrs, say).\n";

int
cmd_preview(struct cli *cli, int argc, char **argv)
{
	if (cli_help_requested(argc, argv, preview_help))
		return EXIT_OK;
	if (argc == 4 && strcmp(argv[1], "--stats") == 0) {
		cli->preview_stats = argv[2];
		argv += 2;
		argc -= 2;
	} else if (argc == 4 && strcmp(argv[2], "--stats") == 0)
		cli->preview_stats = argv[3];
	if (argc != 2 && !(argc == 4 && cli->preview_stats != NULL)) {
		fputs(preview_help, stderr);
		return EXIT_USAGE;
	}
	cli->preview = argv[1];
	return cmd_app(cli, 1, argv);
}
