/* cli_table: every command and every option it accepts, with its help.
 * Parsing (cli.c), `--help`, the man page and the completions (cli_generate.c)
 * read these tables and nothing else. An option shared by several commands is
 * one macro, so its help is written once. */
#include <stddef.h>
#include <string.h>

#include "cli/cli_internal.h"

#define CLI_OPT(name, kind, value_name, field, help) \
    {name, kind, value_name, offsetof(cli_options, field), help}
#define CLI_FLAG(name, field, help) CLI_OPT(name, CLI_VALUE_FLAG, NULL, field, help)
#define CLI_END {NULL, CLI_VALUE_FLAG, NULL, 0, NULL}

#define OPT_ROOT \
    CLI_OPT("root", CLI_VALUE_DIR, "DIR", root, "the portfolio folder (default: the current directory)")
#define OPT_ENV \
    CLI_OPT("env", CLI_VALUE_FILE, "FILE", env_file, "read FILE instead of <root>/repos.env")
#define OPT_JSON CLI_FLAG("json", json, "print one JSON document on stdout")
/* Which report: --persona picks it (log filters by it instead). Every
 * persona but audit reports on the portfolio by default; audit is of one
 * entity (cli_resolve_targets). */
#define OPT_REPORT_PERSONA \
    CLI_OPT("persona", CLI_VALUE_PERSONA, "P", persona, \
            "the report's persona: ceo cto cfo cmo cao audit (this or --all is required)")
#define OPT_ENTITY \
    CLI_OPT("entity", CLI_VALUE_TEXT, "E", entity, \
            "an entity id, or portfolio (the default; audit needs an entity id)")
#define OPT_ALL CLI_FLAG("all", all, "the default plan instead of --persona and --entity")
#define OPT_NOW \
    CLI_OPT("now", CLI_VALUE_TEXT, "ISO8601", now, \
            "date the reports as of this time instead of the clock")
#define OPT_TO CLI_OPT("to", CLI_VALUE_TEXT, "A,B", to, "To addresses instead of repos.env's")
#define OPT_CC CLI_OPT("cc", CLI_VALUE_TEXT, "A,B", cc, "Cc addresses instead of repos.env's")
#define OPT_BCC CLI_OPT("bcc", CLI_VALUE_TEXT, "A,B", bcc, "Bcc addresses instead of repos.env's")
#define OPT_ENDPOINT \
    CLI_OPT("endpoint", CLI_VALUE_TEXT, "URL", endpoint, \
            "the SES endpoint instead of repos.env's or the region's")
#define OPT_YES CLI_FLAG("yes", yes, "send without asking (cron, scripts)")
#define OPT_LEDGER \
    CLI_OPT("ledger", CLI_VALUE_FILE, "FILE", ledger, \
            "the ledger: a file or dynamodb://TABLE (default: $BRIEFING_LEDGER, else " \
            "$XDG_STATE_HOME/briefing/ledger.sqlite3)")
#define OPT_UNVERIFIED_OK \
    CLI_FLAG("unverified-ok", unverified_ok, \
             "send even when SES cannot confirm the sender or the quota (refused by default)")
#define OPT_ARCHIVE \
    CLI_OPT("archive", CLI_VALUE_DIR, "DIR", archive, \
            "where sent messages are archived: a folder or s3://BUCKET/PREFIX (default: " \
            "$BRIEFING_ARCHIVE, else beside the ledger)")

static const cli_option console_options[] = {
    OPT_ROOT,
    CLI_OPT("theme", CLI_VALUE_TEXT, "NAME", theme,
            "the colour theme: default, light, mono or your own NAME.theme"),
    OPT_ENV, OPT_LEDGER, OPT_ARCHIVE, OPT_ENDPOINT, CLI_END,
};

static const cli_option list_options[] = {OPT_ROOT, OPT_ENV, OPT_JSON, CLI_END};

static const cli_option render_options[] = {
    OPT_ROOT, OPT_ENV, OPT_REPORT_PERSONA, OPT_ENTITY, OPT_ALL,
    CLI_OPT("format", CLI_VALUE_FORMAT, "F", format,
            "md (the default), text, html or eml: the message as send builds it, so eml "
            "needs SES_FROM_ADDRESS and the persona's To in repos.env"),
    CLI_OPT("width", CLI_VALUE_WIDTH, "N", width, "wrap text at N columns (20 to 1000)"),
    OPT_NOW,
    CLI_OPT("out", CLI_VALUE_DIR, "DIR", out_dir, "write one file per report into DIR"),
    CLI_END,
};

static const cli_option send_options[] = {
    OPT_ROOT, OPT_ENV, OPT_REPORT_PERSONA, OPT_ENTITY, OPT_ALL, OPT_TO, OPT_CC, OPT_BCC,
    OPT_ENDPOINT,
    CLI_FLAG("dry-run", dry_run,
             "build and check everything, say where each recipient came from, send nothing"),
    OPT_YES, OPT_JSON, OPT_NOW, OPT_LEDGER, OPT_ARCHIVE,
    CLI_FLAG("no-pacing", no_pacing, "do not pace requests to SES's maximum send rate"),
    OPT_UNVERIFIED_OK,
    CLI_FLAG("include-sent", include_sent,
             "with --all, also the reports already sent today (left out by default)"),
    CLI_END,
};

static const cli_option stats_options[] = {OPT_ROOT, OPT_ENV, OPT_ENDPOINT, OPT_JSON, CLI_END};

static const cli_option log_options[] = {
    CLI_OPT("persona", CLI_VALUE_PERSONA, "P", persona,
            "only deliveries of persona P: ceo cto cfo cmo cao audit"),
    CLI_OPT("entity", CLI_VALUE_TEXT, "E", entity,
            "only deliveries of entity E (portfolio: the portfolio reports)"),
    CLI_OPT("state", CLI_VALUE_STATE, "S", state,
            "only deliveries in state S: pending sending sent failed unknown not-attempted"),
    CLI_OPT("since", CLI_VALUE_TEXT, "DATE", since, "only deliveries since DATE (ISO 8601)"),
    CLI_OPT("limit", CLI_VALUE_TEXT, "N", limit,
            "list at most N deliveries (default 50; 0: every one)"),
    CLI_OPT("after", CLI_VALUE_TEXT, "ID", after,
            "the next page: the deliveries listed after delivery ID (older ones)"),
    OPT_JSON,
    CLI_OPT("export", CLI_VALUE_FILE, "FILE", export_path,
            "write every delivery to FILE as JSON lines, addresses hashed"),
    OPT_LEDGER, CLI_END,
};

static const cli_option resend_options[] = {
    OPT_ROOT, OPT_ENV,
    CLI_FLAG("regenerate", regenerate, "build the report again from today's data"),
    CLI_FLAG("failed", failed,
             "resend every unresolved delivery: failed or not attempted, of any batch"),
    CLI_OPT("batch", CLI_VALUE_TEXT, "N", batch, "with --failed, only those of batch N"),
    CLI_FLAG("include-unknown", include_unknown,
             "with --failed, the unknown ones too: SES may have accepted them, check first"),
    OPT_TO, OPT_CC, OPT_BCC, OPT_ENDPOINT, OPT_YES, OPT_JSON, OPT_LEDGER, OPT_ARCHIVE, OPT_NOW,
    OPT_UNVERIFIED_OK, CLI_END,
};

static const cli_option diff_options[] = {
    OPT_ROOT, OPT_ENV,
    CLI_OPT("persona", CLI_VALUE_PERSONA, "P", persona,
            "the report's persona: ceo cto cfo cmo cao audit (required)"),
    OPT_ENTITY, OPT_NOW, OPT_LEDGER, CLI_END,
};

static const cli_option events_options[] = {
    OPT_ROOT, OPT_ENV,
    CLI_OPT("wait", CLI_VALUE_TEXT, "SECONDS", wait,
            "wait up to SECONDS (0 to 20, default 0) for the first event to arrive"),
    OPT_JSON, OPT_LEDGER, OPT_ENDPOINT,
    CLI_FLAG("setup", setup,
             "create what is missing: the SES configuration set and its SNS event destination, "
             "the SNS topic, the SQS queue (only the topic may send to it) and the subscription"),
    CLI_FLAG("dry-run", dry_run, "with --setup, print each call instead of making it"),
    CLI_FLAG("yes", yes, "with --setup, create without asking (cron, scripts)"),
    CLI_FLAG("kept-aside", kept_aside,
             "list the messages kept aside (no usable event, or no delivery of this ledger): "
             "when, why, the body's first 80 characters, secrets masked"),
    CLI_END,
};

static const cli_option ledger_options[] = {
    OPT_ROOT, OPT_ENV, OPT_JSON, OPT_LEDGER, OPT_ARCHIVE,
    CLI_OPT("table", CLI_VALUE_TEXT, "T", table,
            "create-table: the DynamoDB table (default: the ledger's dynamodb://T)"),
    CLI_OPT("to", CLI_VALUE_TEXT, "dynamodb://TABLE", migrate_to,
            "migrate: the shared ledger the local history is copied into (with --archive "
            "s3://BUCKET/PREFIX, or the configured S3 archive, the archived messages go up too)"),
    CLI_END,
};

const cli_command cli_commands[] = {
    {"", NULL, console_options, NULL, "open the console"},
    {"list", cli_list, list_options, NULL, "entities, personas and the default plan"},
    {"render", cli_render, render_options, NULL, "print reports (the default plan with --all)"},
    {"send", cli_send, send_options, NULL, "send reports through SES after confirmation"},
    {"stats", cli_stats, stats_options, NULL,
     "account state, send quota, statistics and reputation rates (exit 5: at risk)"},
    {"log", cli_log, log_options, "[ID]",
     "delivery history, one delivery in full, or an audit export"},
    {"resend", cli_resend, resend_options, "DELIVERY-ID | --failed [--batch N]",
     "send one delivery again (a new delivery linked to the old)"},
    {"diff", cli_diff, diff_options, NULL,
     "this report against its last sent version, money that moved first"},
    {"events", cli_events, events_options, NULL,
     "apply SES's delivery events from the SQS queue to the ledger; --setup creates the "
     "configuration set, topic and queue"},
    {"ledger", cli_ledger, ledger_options, "status | sync | create-table | migrate",
     "the ledger itself: status says which back end, where, how many deliveries and batches, "
     "the last delivery, the events kept aside and the archive (messages still only local, "
     "the last upload); sync uploads to the S3 archive the sent messages still archived only "
     "locally; create-table makes the shared ledger's DynamoDB table (on demand) and waits "
     "until it is active; migrate --to dynamodb://TABLE copies the local history (and "
     "archive) into it, resumable, and verifies counts and hashes"},
};
const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];

const cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < cli_command_count; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

const cli_option *cli_find_option(const cli_command *command, const char *name)
{
    for (const cli_option *option = command->options; option->name; option++)
        if (strcmp(option->name, name) == 0)
            return option;
    return NULL;
}
