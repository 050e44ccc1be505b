#ifndef CLI_H
#define CLI_H

#include "config.h"

/*
 * What every subcommand gets: the configuration after the global options
 * (--config, --db, --content, --lang) were applied.
 */
struct cli {
	struct config	 cfg;
	const char	*prog;
	int		 kiosk;		/* 'rianru kiosk' */
	const char	*preview;	/* 'rianru preview PATH' */
};

/* Exit codes, documented in README.md and rianru(1). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* content errors, a failed operation */
	EXIT_USAGE = 2		/* bad command line */
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
int	cmd_certificate(struct cli *cli, int argc, char **argv);
int	cmd_verify(struct cli *cli, int argc, char **argv);

/* Print 'text' when argv has -h/--help; returns 1 if it did. */
int	cli_help_requested(int argc, char **argv, const char *text);

#endif
