/* cli: the command table and its option table. Both tables also draw the
 * help text, so what is documented is what is accepted. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_internal.h"

static const cli_command cli_commands[] = {
    {"list", cli_list, "root env json",
     "briefing list [--root DIR] [--json]", "entities, personas and the default plan"},
    {"render", cli_render, "root env persona entity all format width now out",
     "briefing render [--root DIR] [--persona P] [--entity E|portfolio] [--all]\n"
     "                [--format md|text|html|eml] [--width N] [--now ISO8601] [--out DIR]",
     "print reports (the default plan with --all)"},
    {"send", cli_send,
     "root env persona entity all to cc bcc endpoint dry-run yes json now ledger archive no-pacing "
     "unverified-ok include-sent",
     "briefing send [--root DIR] [--persona P] [--entity E] [--all] [--to A,B] [--cc A]\n"
     "              [--bcc A] [--endpoint URL] [--dry-run] [--yes] [--json] [--ledger FILE]\n"
     "              [--include-sent] [--unverified-ok]",
     "send reports through SES after confirmation"},
    {"stats", cli_stats, "root env endpoint json",
     "briefing stats [--root DIR] [--endpoint URL] [--json]",
     "send quota, statistics and reputation rates"},
    {"log", cli_log, "persona entity state since json ledger export",
     "briefing log [ID] [--persona P] [--entity E] [--state S] [--since DATE] [--json]\n"
     "             [--export FILE] [--ledger FILE]",
     "delivery history, one delivery in full, or an audit export"},
    {"resend", cli_resend,
     "root env regenerate yes failed batch to cc bcc endpoint json ledger archive now unverified-ok",
     "briefing resend DELIVERY-ID [--regenerate] [--to A] [--cc A] [--bcc A] [--yes]\n"
     "briefing resend --failed [--batch N] [--yes]   (every failed, unknown or not attempted)",
     "send one delivery again (a new delivery linked to the old)"},
    {"diff", cli_diff, "root env persona entity now ledger",
     "briefing diff --persona P --entity E [--now ISO8601] [--ledger FILE]",
     "this report against its last sent version, money that moved first"},
};
enum { CLI_COMMAND_COUNT = sizeof cli_commands / sizeof cli_commands[0] };

/* One row per option: name, takes a value, where it goes. */
typedef struct {
    const char *name;
    bool has_value;
    size_t offset;        /* into cli_options: a const char * or a bool */
} cli_option_spec;

#define CLI_STRING(name, field) {name, true, offsetof(cli_options, field)}
#define CLI_FLAG(name, field) {name, false, offsetof(cli_options, field)}
static const cli_option_spec cli_option_specs[] = {
    CLI_STRING("root", root),         CLI_STRING("env", env_file),
    CLI_STRING("persona", persona),   CLI_STRING("entity", entity),
    CLI_STRING("format", format),     CLI_STRING("now", now),
    CLI_STRING("to", to),             CLI_STRING("cc", cc),
    CLI_STRING("bcc", bcc),           CLI_STRING("endpoint", endpoint),
    CLI_STRING("state", state),       CLI_STRING("since", since),
    CLI_STRING("ledger", ledger),     CLI_STRING("archive", archive),
    CLI_STRING("out", out_dir),       CLI_STRING("export", export_path),
    CLI_STRING("theme", theme),       CLI_STRING("width", width), /* parsed below */
    CLI_FLAG("all", all),             CLI_FLAG("json", json),
    CLI_FLAG("dry-run", dry_run),     CLI_FLAG("yes", yes),
    CLI_FLAG("regenerate", regenerate), CLI_FLAG("failed", failed),
    CLI_FLAG("no-pacing", no_pacing), CLI_FLAG("unverified-ok", unverified_ok),
    CLI_FLAG("include-sent", include_sent), CLI_STRING("batch", batch),
};
enum { CLI_OPTION_COUNT = sizeof cli_option_specs / sizeof cli_option_specs[0] };

static bool cli_option_allowed(const cli_command *command, const char *name)
{
    size_t length = strlen(name);
    for (const char *p = command->allowed; (p = strstr(p, name)); p += length) {
        bool starts = p == command->allowed || p[-1] == ' ';
        bool ends = p[length] == '\0' || p[length] == ' ';
        if (starts && ends)
            return true;
    }
    return false;
}

static void cli_print_usage(FILE *out)
{
    fputs("usage: briefing [--root DIR] [--theme NAME]        open the console\n", out);
    for (size_t i = 0; i < CLI_COMMAND_COUNT; i++)
        fprintf(out, "       %-8s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fputs("\nbriefing COMMAND --help shows a command's options.\n"
          "Personas: ceo cto cfo cmo cao audit. Exit codes: 0 ok, 1 some sends failed,\n"
          "2 usage or bad input, 3 configuration or credentials, 4 SES refused.\n",
          out);
}

bool cli_parse_options(const cli_command *command, int argc, char **argv, cli_options *options)
{
    struct option long_options[CLI_OPTION_COUNT + 2];
    size_t n = 0;
    for (size_t i = 0; i < CLI_OPTION_COUNT; i++)
        if (cli_option_allowed(command, cli_option_specs[i].name))
            long_options[n++] = (struct option){cli_option_specs[i].name,
                                                cli_option_specs[i].has_value ? required_argument
                                                                              : no_argument,
                                                NULL, (int)(1000 + i)};
    long_options[n++] = (struct option){"help", no_argument, NULL, 'h'};
    long_options[n] = (struct option){0};

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (c == 'h') {
            options->help = true;
            continue;
        }
        if (c < 1000) {
            cli_error("%s: %s is not an option of this command\n%s", command->name,
                      argv[optind - 1], command->usage);
            return false;
        }
        const cli_option_spec *spec = &cli_option_specs[c - 1000];
        char *field = (char *)options + spec->offset;
        if (strcmp(spec->name, "width") == 0) {
            char *end;
            long width = strtol(optarg, &end, 10);
            if (*end || width < 20 || width > 1000) {
                cli_error("--width: \"%s\" is not a width between 20 and 1000", optarg);
                return false;
            }
            options->width = (int)width;
        } else if (spec->has_value) {
            *(const char **)field = optarg;
        } else {
            *(bool *)field = true;
        }
    }
    options->positional = argv + optind;
    options->positional_count = argc - optind;
    return true;
}

static const cli_command *cli_find(const char *name)
{
    for (size_t i = 0; i < CLI_COMMAND_COUNT; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

bool cli_is_command(const char *word)
{
    return cli_find(word) || strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0 ||
           strcmp(word, "help") == 0 || strcmp(word, "--version") == 0;
}

int cli_main(int argc, char **argv)
{
    if (strcmp(argv[0], "--version") == 0) {
        printf("briefing %s\n", BRIEFING_VERSION);
        return EXIT_OK;
    }
    if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
        strcmp(argv[0], "help") == 0) {
        cli_print_usage(stdout);
        return EXIT_OK;
    }
    const cli_command *command = cli_find(argv[0]);
    if (!command) {
        cli_error("unknown command \"%s\"", argv[0]);
        cli_print_usage(stderr);
        return EXIT_USAGE;
    }
    cli_options options = {0};
    if (!cli_parse_options(command, argc, argv, &options))
        return EXIT_USAGE;
    if (options.help) {
        printf("usage: %s\n\n%s.\n", command->usage, command->summary);
        return EXIT_OK;
    }
    return command->run(&options);
}
