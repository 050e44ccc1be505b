/*
 * rianru: arguments -> config -> subcommand. Only main() exits (STYLE 2.4).
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "base/diag.h"
#include "base/err.h"
#include "base/esc.h"
#include "base/file.h"
#include "base/xalloc.h"

static const char main_help[] =
"usage: rianru [OPTIONS] [COMMAND [ARGS]]\n"
"\n"
"เรียนรู้ (rianru): digital-skills courses for Thai government officers,\n"
"offline first. With no command, starts the learning app.\n"
"\n"
"Options (before the command):\n"
"  --config FILE   configuration file (default: $RIANRU_CONFIG, then\n"
"                  $XDG_CONFIG_HOME/rianru/config.yaml, /etc/rianru/config.yaml)\n"
"  --db FILE       progress file (default: $XDG_DATA_HOME/rianru/progress.db)\n"
"  --content DIR   course catalogue folder\n"
"  --lang th|en    interface and content language\n"
"  --accessible    for screen readers and braille displays: ASCII symbols,\n"
"                  no countdown redrawn every second (docs/accessibility.md)\n"
"  -h, --help      this help; 'rianru COMMAND --help' for a command\n"
"  -V, --version   version\n"
"\n"
"Commands:\n"
"  (none)          the learning app\n"
"  check [--strict] [PATH...]   check course content, compiler-style\n"
"  import FILE --format gift|aiken|moodle-xml --out MODULE.yaml\n"
"                  trainers: a question bank as a module file\n"
"  stats [--course ID] [--quiz ID]   trainers: which questions work (item\n"
"                  analysis; csv, json, or --format html --out FILE.html)\n"
"  user add|import|list|setup-code|export|erase   officers (PDPA: export, erase)\n"
"  progress [--user C]    progress per officer and course\n"
"  report [--by course|group|agency]   the agency's summary (csv, json,\n"
"                  or --format html --out FILE.html with charts)\n"
"  backup FILE     copy the progress file safely while in use\n"
"  certificate --user C --course ID --out FILE.html   certificate (HTML)\n"
"  verify CODE [--lrs]  check a certificate's code on the issuing machine\n"
"                  (--lrs: and its record at the agency's LRS)\n"
"  kiosk           the app for a shared training-room terminal\n"
"  preview [--stats FILE] PATH   trainers: see content as officers will,\n"
"                  live-reloaded (with each question's figures from FILE,\n"
"                  a progress file or a stats file)\n"
"  pin-hash        hash a trainer's admin PIN for the configuration\n"
"  sync [--status] [--pull-only]\n"
"                  deliver results to the learning record store once, then\n"
"                  pull back the officers' progress from other machines\n"
"  outbox list|requeue|export|push|receipt   results waiting to be sent\n"
"  device-key      this machine's public key, for the agency to enrol so\n"
"                  that 'outbox push' trusts its USB exports\n"
"  keygen [--out NAME]   a key pair for signing content packs\n"
"  pack DIR --key K --out OUT   publish courses as signed content packs\n"
"  update [--from DIR] [--status]   fetch and install the signed catalogue\n"
"\n"
"Exit status: 0 success, 1 failure (see the message), 2 bad command line;\n"
"sync, outbox push and update also 3 nothing to do, 4 offline, 5 failed\n"
"('rianru sync --help'); outbox push 6 when the export is not signed by a\n"
"device the agency enrolled; sync 7 when it stopped at the lrs: budget.\n";

struct command {
	const char	*name;
	int		(*fn)(struct cli *, int, char **);
};

static const struct command commands[] = {
	{ "check",	cmd_check },
	{ "import",	cmd_import },
	{ "stats",	cmd_stats },
	{ "app",	cmd_app },
	{ "user",	cmd_user },
	{ "progress",	cmd_progress },
	{ "report",	cmd_report },
	{ "backup",	cmd_backup },
	{ "certificate", cmd_certificate },
	{ "verify",	cmd_verify },
	{ "kiosk",	cmd_kiosk },
	{ "preview",	cmd_preview },
	{ "pin-hash",	cmd_pin_hash },
	{ "sync",	cmd_sync },
	{ "outbox",	cmd_outbox },
	{ "device-key",	cmd_device_key },
	{ "keygen",	cmd_keygen },
	{ "pack",	cmd_pack },
	{ "update",	cmd_update },
};

/* Take the value of option 'name' at argv[*i]; NULL after a message. */
static const char *
option_value(int argc, char **argv, int *i, const char *name)
{
	size_t	len = strlen(name);

	if (strncmp(argv[*i], name, len) == 0 && argv[*i][len] == '=')
		return argv[*i] + len + 1;
	if (*i + 1 >= argc) {
		fprintf(stderr, "rianru: option '%s' needs a value\n", name);
		return NULL;
	}
	return argv[++*i];
}

static int
option_is(const char *arg, const char *name)
{
	size_t	len = strlen(name);

	return strncmp(arg, name, len) == 0 &&
	    (arg[len] == '\0' || arg[len] == '=');
}

/*
 * Arguments are echoed in messages ("unknown group '...'") and stored
 * (codes, names): one with a control or bidi character is refused here,
 * before any command can print it. Returns 0 when all are fine.
 */
static int
main_args_safe(int argc, char **argv)
{
	char		what[64];
	uint32_t	cp;
	size_t		len;
	int		i;

	for (i = 1; i < argc; i++) {
		len = strlen(argv[i]);
		if (esc_find(argv[i], len, ESC_ALLOW_LINES, &cp) == len)
			continue;
		fprintf(stderr, "rianru: argument %d contains %s\n", i,
		    esc_cp_describe(cp, what, sizeof what));
		return -1;
	}
	return 0;
}

/* The global options, before the command. */
struct main_opts {
	const char	*config, *db, *content, *lang;
	int		 accessible;
};

/*
 * Read the global options from argv[1..], leaving *i at the first
 * argument that is not one. 0 to go on; 1 when --help or --version has
 * answered; -1 after a usage message.
 */
static int
main_options(int argc, char **argv, int *i, struct main_opts *o)
{
	memset(o, 0, sizeof *o);
	for (*i = 1; *i < argc && argv[*i][0] == '-'; (*i)++) {
		const char *arg = argv[*i];

		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(main_help, stdout);
			return 1;
		} else if (strcmp(arg, "-V") == 0 ||
		    strcmp(arg, "--version") == 0) {
			printf("rianru %s\n", RIANRU_VERSION);
			return 1;
		} else if (option_is(arg, "--config")) {
			if ((o->config = option_value(argc, argv, i,
			    "--config")) == NULL)
				return -1;
		} else if (option_is(arg, "--db")) {
			if ((o->db = option_value(argc, argv, i, "--db")) ==
			    NULL)
				return -1;
		} else if (option_is(arg, "--content")) {
			if ((o->content = option_value(argc, argv, i,
			    "--content")) == NULL)
				return -1;
		} else if (strcmp(arg, "--accessible") == 0) {
			o->accessible = 1;
		} else if (option_is(arg, "--lang")) {
			if ((o->lang = option_value(argc, argv, i, "--lang")) ==
			    NULL)
				return -1;
			if (strcmp(o->lang, "th") != 0 &&
			    strcmp(o->lang, "en") != 0) {
				fprintf(stderr, "rianru: --lang takes 'th' or "
				    "'en', not '%s'\n", o->lang);
				return -1;
			}
		} else {
			fprintf(stderr, "rianru: unknown option '%s' (see "
			    "'rianru --help')\n", arg);
			return -1;
		}
	}
	return 0;
}

/*
 * The configuration file (found as config_find() says) into cli->cfg,
 * then the options over it. 0, or -1 after printing what is wrong (and
 * cli->cfg released).
 */
static int
main_config(struct cli *cli, const struct main_opts *o)
{
	struct diags	 d;
	const char	*v;
	char		*config_path;
	int		 explicit;

	config_init(&cli->cfg);
	diags_init(&d);
	if ((config_path = config_find(o->config, &explicit)) != NULL &&
	    config_load_file(&cli->cfg, config_path, &d) == -1) {
		diags_sort(&d, 0);
		diags_print(&d, 0, stderr);
		fprintf(stderr, "rianru: fix the configuration in '%s'\n",
		    config_path);
		free(config_path);
		diags_release(&d);
		config_release(&cli->cfg);
		return -1;
	}
	free(config_path);
	diags_print(&d, 0, stderr);	/* warnings */
	diags_release(&d);
	if (o->db != NULL) {
		free(cli->cfg.db_path);
		cli->cfg.db_path = xstrdup(o->db);
	}
	if (o->content != NULL) {
		free(cli->cfg.content_dir);
		cli->cfg.content_dir = xstrdup(o->content);
		cli->content_given = 1;
	} else if (cli->cfg.content_source != NULL) {
		/* an installed catalogue (rianru update) is the content */
		char		*cat = cli_catalogue_dir(&cli->cfg), *ix;
		struct err	 ce;

		xasprintf(&ix, "%s/index", cat);
		err_clear(&ce);
		if (access(ix, F_OK) == 0 && file_dir_private(cat, &ce) == -1)
			fprintf(stderr, "rianru: the installed catalogue is not "
			    "used: %s\n", ce.msg);
		else if (access(ix, F_OK) == 0) {
			free(cli->cfg.content_dir);
			cli->cfg.content_dir = cat;
			cat = NULL;
		}
		free(ix);
		free(cat);
	}
	if (o->accessible)
		cli->cfg.accessible = 1;
	if (o->lang != NULL) {
		cli->cfg.lang = strcmp(o->lang, "en") == 0 ? LANG_EN : LANG_TH;
		cli->cfg.lang_set = 1;
	} else if (!cli->cfg.lang_set && (v = getenv("LANG")) != NULL &&
	    strncmp(v, "en", 2) == 0)
		cli->cfg.lang = LANG_EN;
	return 0;
}

/* Run the command argv[0] (the app when argc is 0). */
static int
main_command(struct cli *cli, int argc, char **argv)
{
	size_t	c;

	if (argc == 0) {
		char *app_argv[] = { (char *)"app", NULL };

		return cmd_app(cli, 1, app_argv);
	}
	for (c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (strcmp(argv[0], commands[c].name) == 0)
			return commands[c].fn(cli, argc, argv);
	if (strcmp(argv[0], "help") == 0) {
		fputs(main_help, stdout);
		return EXIT_OK;
	}
	fprintf(stderr, "rianru: unknown command '%s' (see 'rianru --help')\n",
	    argv[0]);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	struct cli		 cli;
	struct main_opts	 o;
	int			 i, rc;

	setlocale(LC_ALL, "");
	/* numbers in content and config are always written with a "." */
	setlocale(LC_NUMERIC, "C");
	memset(&cli, 0, sizeof cli);
	cli.prog = "rianru";
	if (main_args_safe(argc, argv) == -1)
		return EXIT_USAGE;
	if ((rc = main_options(argc, argv, &i, &o)) != 0)
		return rc == 1 ? EXIT_OK : EXIT_USAGE;
	if (main_config(&cli, &o) == -1)
		return EXIT_FAIL;
	rc = main_command(&cli, argc - i, argv + i);
	config_release(&cli.cfg);
	return rc;
}
