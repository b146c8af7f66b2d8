/* cli: the subcommands of DESIGN §6 (list, render, send, stats, log, resend)
 * for scripts and cron. Exit codes: 0 ok, 1 some sends failed, 2 usage or
 * bad input, 3 configuration or credentials, 4 SES refused, 5 (stats) the
 * account at risk. */
#ifndef BRIEFING_CLI_H
#define BRIEFING_CLI_H

#include <stdbool.h>

enum {
    EXIT_OK = 0,
    EXIT_SOME_FAILED = 1,
    EXIT_USAGE = 2,
    EXIT_CONFIG = 3,
    EXIT_SES_REFUSED = 4,
    EXIT_AT_RISK = 5,         /* stats: a rate at SES's at-risk level, or the account
                                 on probation, shut down or paused */
};

/* True when argv[1] names a subcommand (or is --help / --version). */
bool cli_is_command(const char *word);
/* Runs `briefing <command> ...`; argv[0] is the command name. */
int cli_main(int argc, char **argv);

/* The console's settings from its command line; NULL: not given. */
typedef struct {
    const char *root;
    const char *theme;
    const char *env_file;
    const char *ledger;
    const char *archive;
    const char *endpoint;
} cli_console_settings;

/* Parses the console's command line (argv[0] is the program) with the
 * console's option table, then calls `open_console` with the settings,
 * which live until it returns, and returns its exit code; or prints the
 * help or a usage error and returns that exit code. */
int cli_console_main(int argc, char **argv, int (*open_console)(const cli_console_settings *));

#endif
