/* What the subcommands share: parsed options, loading, output helpers. */
#ifndef BRIEFING_CLI_INTERNAL_H
#define BRIEFING_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "briefing/cli.h"
#include "briefing/json.h"
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
    const char *batch;        /* resend --failed --batch N */
    const char *wait;         /* events --wait SECONDS */
    const char *table;        /* ledger create-table --table T */
    const char *limit;        /* log --limit N (0: every delivery) */
    const char *after;        /* log --after ID: the page after delivery ID */
    const char *migrate_to;   /* ledger migrate --to dynamodb://TABLE */
    int width;
    bool all;
    bool json;
    bool dry_run;
    bool offline;             /* send --dry-run --offline: build only, ask SES nothing */
    bool yes;
    bool regenerate;
    bool failed;
    bool no_pacing;
    bool unverified_ok;       /* send when SES cannot confirm the sender or quota */
    bool include_sent;        /* send --all: also what was sent today */
    bool include_unknown;     /* resend --failed: also the unknown ones (SES may have them) */
    bool setup;               /* events --setup: create the configuration set, topic, queue */
    bool kept_aside;          /* events --kept-aside: list the messages kept aside */
    bool help;
    char **positional;
    int positional_count;
} cli_options;

/* What an option's value is: how it is stored and parsed, and what a shell
 * may offer after it. */
typedef enum {
    CLI_VALUE_FLAG,      /* no value: a bool */
    CLI_VALUE_TEXT,      /* a const char *, nothing to offer */
    CLI_VALUE_DIR,       /* a const char *, a directory */
    CLI_VALUE_FILE,      /* a const char *, a file */
    CLI_VALUE_PERSONA,   /* a const char *, one of report_personas */
    CLI_VALUE_FORMAT,    /* a const char *, one of CLI_RENDER_FORMATS */
    CLI_VALUE_STATE,     /* a const char *, a delivery state */
    CLI_VALUE_WIDTH,     /* an int, 20 to 1000 */
} cli_value_kind;

/* The formats `render --format` takes (cmd_render.c's table holds them too). */
#define CLI_RENDER_FORMATS "md text html eml"

/* One option a command accepts, as git's OPT_*(..., N_("help")). The
 * command's table is the only place the option exists: parsing, --help, the
 * man page and the shell completions are all drawn from it, so what is
 * documented is what is accepted. */
typedef struct {
    const char *name;        /* long name without "--"; NULL ends a table */
    cli_value_kind kind;
    const char *value_name;  /* "DIR" in the help; NULL for a flag */
    size_t offset;           /* the field in cli_options that receives it */
    const char *help;        /* one line, lower case, no final period */
} cli_option;

typedef struct cli_command {
    const char *name;        /* "" for the console, which has no command word */
    int (*run)(cli_options *options);  /* NULL for the console (src/ui runs it) */
    const cli_option *options;
    const char *operands;    /* what follows the options in the synopsis; NULL: nothing */
    const char *summary;     /* one line, lower case, no final period */
} cli_command;

/* The command table, the console first (cli_table.c). */
extern const cli_command cli_commands[];
extern const size_t cli_command_count;

const cli_command *cli_find_command(const char *name);
const cli_option *cli_find_option(const cli_command *command, const char *name);

/* The optional defaults file (cli_config_file.c; briefing-config(5)): one
 * value per key, "" when the file does not set it. */
enum { CLI_CONFIG_KEY_COUNT = 5, CLI_CONFIG_VALUE_MAX = 4096 };
typedef struct {
    char path[4096];
    char values[CLI_CONFIG_KEY_COUNT][CLI_CONFIG_VALUE_MAX];
    char error[4096 + 256];   /* "path:line: why" when reading failed */
} cli_config_file;

/* The i-th key ("root" ...), the name of the option it sets; NULL past the last. */
const char *cli_config_key(size_t i);
/* Reads the file; true when it is good or absent, false with config->error. */
bool cli_config_file_read(cli_config_file *config);
/* Sets each option of `command` the command line left unset from the file.
 * The options then point into `config`, which must outlive them. */
void cli_config_file_apply(const cli_config_file *config, const cli_command *command,
                           cli_options *options);

/* Prints `briefing CMD --help` from the command's table. */
void cli_print_command_help(const cli_command *command, FILE *out);

/* `briefing --generate=WHAT`: the bash or zsh completion script, or the
 * scdoc text of briefing(1)'s commands and options ("man"). False when WHAT
 * is none of them. */
bool cli_generate(const char *what, FILE *out);

/* Loads the portfolio at options->root (default "."), applying --env.
 * Prints diagnostics to stderr when `verbose`. NULL: message printed. */
portfolio *cli_load_portfolio(const cli_options *options);
/* --now (when `now` is not NULL), then the portfolio, refused (NULL, said
 * why and where it looked) when it has no entity to report on. */
portfolio *cli_load_reportable(const cli_options *options, time_t *now);
/* --now, else SOURCE_DATE_EPOCH, else the clock. False: bad value printed. */
bool cli_resolve_now(const cli_options *options, time_t *now);
/* The same ISO 8601 forms as --now, for --since. */
bool cli_parse_since(const char *text, time_t *out);
void cli_config_from_options(const cli_options *options, const portfolio *p, briefing_config *out);
/* The targets: --all (default plan), or --persona/--entity. */
size_t cli_resolve_targets(const cli_options *options, const portfolio *p, report_target *out,
                           size_t max, bool *ok);
/* Opens the ledger --ledger, BRIEFING_LEDGER or the config file names, or
 * the default (send_ledger_open_named); prints recoveries. */
ledger *cli_open_ledger(const cli_options *options);
/* For commands that only read (log, events --kept-aside): a ledger that
 * does not exist is refused, never created; NULL with the message printed
 * and `*code` EXIT_USAGE (missing) or EXIT_CONFIG. */
ledger *cli_open_existing_ledger(const cli_options *options, int *code);
/* The persona named `id` (--persona), or NULL after saying it is none. */
const persona_info *cli_persona(const char *id);
/* Keeps the plan's `count` reports that can be written (report_target_valid),
 * naming on stderr each left out and why; returns how many are kept. */
size_t cli_plan_reportable(const portfolio *p, report_target *targets, size_t count);
/* The portfolio's data diagnostics (handoffs, sites; not the settings',
 * which cli_load_portfolio said already) on `out`, one a line, at most
 * `max` of them and then how many more and where to see them all. Prints
 * nothing when there are none. */
void cli_print_data_diagnostics(const portfolio *p, FILE *out, size_t max);
/* How many of those there are. */
size_t cli_data_diagnostic_count(const portfolio *p);

/* Says that `recovered` deliveries left `sending` by a crash are unknown now. */
void cli_print_recovered(int recovered);

/* Prints a --json document and its newline on stdout, and frees it. */
void cli_print_json(strbuf *out);
/* Starts a --json document that opens with a list the run fills as it
 * goes: `{"key": [` (the caller closes both). */
void cli_json_list_open(json_writer *w, strbuf *out, const char *key);

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
int cli_diff(cli_options *options);
int cli_events(cli_options *options);
/* `ledger <sub>` (cmd_ledger.c): status, sync; its table of sub-commands. */
int cli_ledger(cli_options *options);
/* `events --setup [--dry-run] [--yes]` (cmd_events_setup.c); cli_events hands over to it. */
int cli_events_setup(cli_options *options);
/* `events --kept-aside [--json]` (cmd_events_kept_aside.c): only reads the ledger. */
int cli_events_kept_aside(cli_options *options);
/* `ledger sync [--json]` (cmd_ledger_sync.c): uploads the archive still local. */
int cli_ledger_sync(cli_options *options);
/* `ledger migrate --to dynamodb://TABLE [--json]` (cmd_ledger_migrate.c). */
int cli_ledger_migrate(cli_options *options);

/* What `ledger sync` and `ledger migrate` start from (cmd_ledger.c): the
 * portfolio's settings as the engine's config, and with --json the
 * document {"<list>": [ ... that the run fills as it goes. Invariant while
 * started: `portfolio` is loaded and `config` points into it; `w` writes
 * `document`, inside the list, until the run closes the list, adds its
 * summary's keys and calls cli_ledger_run_print. */
typedef struct {
    portfolio *portfolio;
    briefing_config config;
    bool json;
    strbuf document;
    json_writer w;
} cli_ledger_run;
/* False (said; exit 2) when the portfolio cannot be loaded. */
bool cli_ledger_run_start(const cli_options *options, const char *list_key, cli_ledger_run *run);
/* Closes the document's object and prints it (--json). */
void cli_ledger_run_print(cli_ledger_run *run);
/* Frees what the run holds, printed or not. */
void cli_ledger_run_end(cli_ledger_run *run);

#endif
