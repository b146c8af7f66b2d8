/* What the subcommands share: parsed options, loading, output helpers. */
#ifndef BRIEFING_CLI_INTERNAL_H
#define BRIEFING_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "briefing/cli.h"
#include "briefing/send.h"
#include "briefing/ledger.h"
#include "briefing/model.h"
#include "briefing/report.h"

typedef struct {
    const char *root;
    const char *env_file;
    const char *persona;
    const char *entity;
    const char *format;
    const char *now;
    const char *to;
    const char *cc;
    const char *bcc;
    const char *endpoint;
    const char *state;
    const char *since;
    const char *ledger;
    const char *archive;
    const char *out_dir;
    const char *export_path;
    const char *theme;
    int width;
    bool all;
    bool json;
    bool dry_run;
    bool yes;
    bool regenerate;
    bool failed;
    bool no_pacing;
    bool help;
    char **positional;
    int positional_count;
} cli_options;

typedef struct cli_command {
    const char *name;
    int (*run)(cli_options *options);
    const char *allowed;   /* option names this command takes, space-separated */
    const char *usage;
    const char *summary;
} cli_command;

/* Parses argv (argv[0] is the command) into `options`; prints a usage error
 * and returns false on an option the command does not take. */
bool cli_parse_options(const cli_command *command, int argc, char **argv, cli_options *options);

/* Loads the portfolio at options->root (default "."), applying --env.
 * Prints diagnostics to stderr when `verbose`. NULL: message printed. */
portfolio *cli_load_portfolio(const cli_options *options);
/* --now, else SOURCE_DATE_EPOCH, else the clock. False: bad value printed. */
bool cli_resolve_now(const cli_options *options, time_t *now);
/* The same ISO 8601 forms as --now, for --since. */
bool cli_parse_since(const char *text, time_t *out);
void cli_config_from_options(const cli_options *options, const portfolio *p, briefing_config *out);
/* The targets: --all (default plan), or --persona/--entity. */
size_t cli_resolve_targets(const cli_options *options, const portfolio *p, report_target *out,
                           size_t max, bool *ok);
/* Opens the ledger at --ledger or the default; prints recoveries. */
ledger *cli_open_ledger(const cli_options *options);
void cli_archive_root(const cli_options *options, const ledger *l, strbuf *out);

/* Prints a --json document and its newline on stdout, and frees it. */
void cli_print_json(strbuf *out);

/* "briefing: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Asks "question [y/N]" on the terminal; false when stdin is not one. */
bool cli_confirm(const char *question);

int cli_list(cli_options *options);
int cli_render(cli_options *options);
int cli_send(cli_options *options);
int cli_stats(cli_options *options);
int cli_log(cli_options *options);
int cli_resend(cli_options *options);

#endif
