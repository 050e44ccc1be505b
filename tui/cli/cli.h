#ifndef CLI_H
#define CLI_H

#include "config/config.h"
#include "sync/sync.h"

/*
 * What every subcommand gets: the configuration after the global options
 * (--config, --db, --content, --lang) were applied.
 */
struct cli {
	struct config	 cfg;
	const char	*prog;
	int		 kiosk;		/* 'rianru kiosk' */
	const char	*preview;	/* 'rianru preview PATH' */
	const char	*preview_stats;	/* its --stats progress file */
	int		 content_given;	/* --content: no catalogue updates */
};

/* Exit codes, documented in README.md and rianru(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* content errors, a failed operation */
	EXIT_USAGE = 2,		/* bad command line */
	/* rianru sync and rianru outbox push (docs/sync.md) */
	EXIT_DELIVERED = 0,	/* nothing is pending any more */
	EXIT_NOTHING = 3,	/* nothing was pending */
	EXIT_OFFLINE = 4,	/* the LRS unreachable, or busy too long */
	EXIT_SYNC_FAILED = 5,	/* credentials refused, LRS refused, error */
	/* rianru outbox push: not signed by a device the agency enrolled */
	EXIT_UNTRUSTED = 6,
	EXIT_BUDGET = 7		/* rianru sync: stopped at lrs: budget */
};

/* Subcommands: each parses its own arguments and returns an exit code. */
int	cmd_check(struct cli *cli, int argc, char **argv);
int	cmd_app(struct cli *cli, int argc, char **argv);
int	cmd_kiosk(struct cli *cli, int argc, char **argv);
int	cmd_preview(struct cli *cli, int argc, char **argv);
int	cmd_pin_hash(struct cli *cli, int argc, char **argv);
int	cmd_user(struct cli *cli, int argc, char **argv);
int	cmd_progress(struct cli *cli, int argc, char **argv);
int	cmd_report(struct cli *cli, int argc, char **argv);
int	cmd_backup(struct cli *cli, int argc, char **argv);
int	cmd_sync(struct cli *cli, int argc, char **argv);
int	cmd_outbox(struct cli *cli, int argc, char **argv);
int	cmd_device_key(struct cli *cli, int argc, char **argv);
int	cmd_keygen(struct cli *cli, int argc, char **argv);
int	cmd_pack(struct cli *cli, int argc, char **argv);
int	cmd_update(struct cli *cli, int argc, char **argv);
/*
 * Where `rianru update` installs the catalogue: catalogue/ beside the
 * progress file (caller frees).
 */
char	*cli_catalogue_dir(const struct config *cfg);
/*
 * Load the key of the content cache's integrity check (compile.h) and set
 * it for the process: a file of its own outside the cache (cache.key
 * beside the progress file's default place), made 0600 on first use.
 * Without it nothing is compiled (courses are parsed at every start) and
 * no catalogue database is built or read (catdb.h: the packs are read):
 * only time lost. 0, or -1.
 */
int	cli_cache_key(const struct config *cfg);
int	cmd_import(struct cli *cli, int argc, char **argv);
int	cmd_stats(struct cli *cli, int argc, char **argv);

/* Shared by sync and outbox push (cmd_sync.c). */
/* The exit status for how a delivery run ended. */
int	cli_sync_exit(enum sync_outcome o);
/* Print what a run did ('what': "statements"); problems go to stderr. */
void	cli_sync_report(const struct sync *q, enum sync_outcome o,
	    const char *what);
/* Parse --max-time N at argv[*i] into *out; -1 after a message. */
int	cli_max_time(int argc, char **argv, int *i, int *out);
int	cmd_certificate(struct cli *cli, int argc, char **argv);
int	cmd_verify(struct cli *cli, int argc, char **argv);

/*
 * Parse argv[first..] as options "--name VALUE" or "--name=VALUE", one of
 * 'names' (NULL-terminated), into vals[k] (borrowed from argv). An option
 * without its value ("option '--user' needs a value") or anything else
 * ("unexpected argument") is printed with 'help' to stderr; returns -1.
 */
int	cli_opts(int argc, char **argv, int first, const char *const *names,
	    const char **vals, const char *help);

/*
 * 'rianru user setup-code', 'user export' and 'user erase' (cmd_user.c),
 * called by cmd_user() with its argv ("user" first).
 */
int	cmd_user_setup_code(struct cli *cli, int argc, char **argv);
int	cmd_user_export(struct cli *cli, int argc, char **argv);
int	cmd_user_erase(struct cli *cli, int argc, char **argv);

/*
 * Open the configured progress file, or print why not and return NULL.
 * 'readonly': a missing file is an error (never created) and a file
 * without write permission still opens. store_close() it.
 */
struct store	*cli_store_open(struct cli *cli, int readonly);

/* Print 'text' when argv has -h/--help; returns 1 if it did. */
int	cli_help_requested(int argc, char **argv, const char *text);

#endif
