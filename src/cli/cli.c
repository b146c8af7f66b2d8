/* cli: the command line into cli_options, through the tables of
 * cli_table.c, and `--help` drawn from the same tables, so what is
 * documented is what is accepted. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_internal.h"

enum {
    CLI_MAX_OPTIONS = 32,    /* per command, ample; checked where the table is read */
    CLI_OPTION_CODE = 1000,  /* getopt's answer for the option at index i: 1000 + i */
};

static size_t cli_option_count(const cli_command *command)
{
    size_t count = 0;
    while (command->options[count].name)
        count++;
    return count;
}

static bool cli_store_width(const char *text, int *width)
{
    char *end;
    long value = strtol(text, &end, 10);
    if (*end || end == text || value < 20 || value > 1000) {
        cli_error("--width: \"%s\" is not a width between 20 and 1000", text);
        return false;
    }
    *width = (int)value;
    return true;
}

/* Puts one parsed option's value into its field. */
static bool cli_store_option(const cli_option *option, const char *value, cli_options *options)
{
    char *field = (char *)options + option->offset;
    switch (option->kind) {
    case CLI_VALUE_FLAG: *(bool *)field = true; return true;
    case CLI_VALUE_WIDTH: return cli_store_width(value, (int *)field);
    default: *(const char **)field = value; return true;
    }
}

static const char *cli_display_name(const cli_command *command)
{
    return command->name[0] ? command->name : "the console";
}

/* A value option given twice with two values is refused rather than the
 * last one silently winning: `send --persona cmo --persona cfo` would send
 * the CFO's report alone where the operator asked for two. The same value
 * twice, and a flag twice, say nothing new and are accepted. */
static bool cli_option_once(const cli_command *command, const cli_option *option,
                            const char **given, const char *value)
{
    if (option->kind == CLI_VALUE_FLAG)
        return true;
    if (*given && strcmp(*given, value) != 0) {
        cli_error("%s: --%s given twice (\"%s\", then \"%s\"): give it once", cli_display_name(command),
                  option->name, *given, value);
        return false;
    }
    *given = value;
    return true;
}

/* Parses argv[1..] with `command`'s table. `stop_at_operand`: the first
 * word that is no option ends the options (the console's: it may be a
 * command, `briefing --root DIR list`); otherwise options and operands mix. */
static bool cli_parse_options(const cli_command *command, int argc, char **argv,
                              bool stop_at_operand, cli_options *options)
{
    size_t count = cli_option_count(command);
    if (count > CLI_MAX_OPTIONS)
        abort(); /* a table grew past CLI_MAX_OPTIONS: raise it */
    struct option long_options[CLI_MAX_OPTIONS + 2];
    for (size_t i = 0; i < count; i++)
        long_options[i] = (struct option){
            command->options[i].name,
            command->options[i].kind == CLI_VALUE_FLAG ? no_argument : required_argument, NULL,
            (int)(CLI_OPTION_CODE + i)};
    long_options[count] = (struct option){"help", no_argument, NULL, 'h'};
    long_options[count + 1] = (struct option){0};

    const char *given[CLI_MAX_OPTIONS] = {0}; /* each value option's first value */
    optind = 0; /* glibc: 0, not 1, starts afresh, so "+" (stop at an operand) is read anew */
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, stop_at_operand ? "+h" : "h", long_options, NULL)) != -1) {
        if (c == 'h') {
            options->help = true;
        } else if (c >= CLI_OPTION_CODE) {
            size_t i = (size_t)(c - CLI_OPTION_CODE);
            if (!cli_option_once(command, &command->options[i], &given[i], optarg))
                return false;
            if (!cli_store_option(&command->options[i], optarg, options))
                return false;
        } else {
            /* getopt names the option in optopt when it is known but its
             * value is wrong: missing, or given to a flag. */
            const char *word = argv[optind - 1];
            const char *why = optopt < CLI_OPTION_CODE ? "is not an option of this command"
                              : strchr(word, '=')     ? "takes no value"
                                                      : "needs a value";
            cli_error("%s: %s %s (briefing %s%s--help lists its options)",
                      cli_display_name(command), word, why, command->name,
                      command->name[0] ? " " : "");
            return false;
        }
    }
    options->positional = argv + optind;
    options->positional_count = argc - optind;
    return true;
}

static void cli_print_sentence(const char *text, FILE *out)
{
    fputc(toupper((unsigned char)text[0]), out);
    fprintf(out, "%s.\n", text + 1);
}

/* "  LEFT  help", the help wrapped at word boundaries to 80 columns under
 * its first line. */
static void cli_print_help_row(const char *left, const char *help, FILE *out)
{
    enum { INDENT = 23, WIDTH = 79 };
    fprintf(out, "  %-20s", left);
    size_t column = INDENT - 1;
    for (const char *word = help; *word;) {
        size_t length = strcspn(word, " ");
        if (column + 1 + length > WIDTH && column > INDENT - 1) {
            fprintf(out, "\n%*s", INDENT - 1, "");
            column = INDENT - 1;
        }
        fprintf(out, " %.*s", (int)length, word);
        column += 1 + length;
        word += length + strspn(word + length, " ");
    }
    fputc('\n', out);
}

void cli_print_command_help(const cli_command *command, FILE *out)
{
    fprintf(out, "usage: briefing%s%s [OPTIONS]%s%s\n", command->name[0] ? " " : "",
            command->name, command->operands ? " " : "",
            command->operands ? command->operands : "");
    cli_print_sentence(command->summary, out);
    fputs("\nOptions:\n", out);
    for (const cli_option *option = command->options; option->name; option++) {
        char left[64];
        snprintf(left, sizeof left, "--%s%s%s", option->name, option->value_name ? " " : "",
                 option->value_name ? option->value_name : "");
        cli_print_help_row(left, option->help, out);
    }
    cli_print_help_row("-h, --help", "show this help", out);
}

static void cli_print_usage(FILE *out)
{
    cli_print_command_help(cli_find_command(""), out);
    fputs("\nCommands:\n", out);
    for (size_t i = 0; i < cli_command_count; i++)
        if (cli_commands[i].name[0])
            cli_print_help_row(cli_commands[i].name, cli_commands[i].summary, out);
    fputs("\nbriefing COMMAND --help shows its options; briefing --version the version.\n"
          "$XDG_CONFIG_HOME/briefing/config (man briefing-config) may set defaults for\n",
          out);
    for (size_t i = 0; cli_config_key(i); i++)
        fprintf(out, "%s--%s", i ? ", " : "", cli_config_key(i));
    fputs(".\nPersonas: ceo cto cfo cmo cao audit. Exit codes: 0 ok (or a send's question\n"
          "answered no), 1 some sends failed, 2 usage or bad input, 3 configuration or\n"
          "credentials, 4 SES refused, 5 stats: the account is at risk.\n",
          out);
}

/* The defaults file, read (heap: it is 25 KB); NULL with the error printed. */
static cli_config_file *cli_read_config_file(void)
{
    cli_config_file *config = malloc(sizeof *config);
    if (!config)
        abort();
    if (cli_config_file_read(config))
        return config;
    cli_error("%s", config->error);
    free(config);
    return NULL;
}

static const char cli_generate_prefix[] = "--generate=";

bool cli_is_command(const char *word)
{
    return (word[0] && cli_find_command(word)) || strcmp(word, "--help") == 0 ||
           strcmp(word, "-h") == 0 || strcmp(word, "help") == 0 ||
           strcmp(word, "--version") == 0 ||
           strncmp(word, cli_generate_prefix, sizeof cli_generate_prefix - 1) == 0;
}

/* --help, --version, --generate=: the words that stand alone. */
static int cli_main_word(const char *word)
{
    if (strcmp(word, "--version") == 0) {
        printf("briefing %s (git %s)\n", BRIEFING_VERSION, BRIEFING_GIT_COMMIT);
        return EXIT_OK;
    }
    if (strncmp(word, cli_generate_prefix, sizeof cli_generate_prefix - 1) == 0) {
        if (cli_generate(word + sizeof cli_generate_prefix - 1, stdout))
            return EXIT_OK;
        cli_error("%s: expected bash, zsh or man", word);
        return EXIT_USAGE;
    }
    cli_print_usage(stdout);
    return EXIT_OK;
}

int cli_main(int argc, char **argv)
{
    const cli_command *command = argv[0][0] ? cli_find_command(argv[0]) : NULL;
    if (!command)
        return cli_main_word(argv[0]);
    cli_options options = {0};
    if (!cli_parse_options(command, argc, argv, false, &options))
        return EXIT_USAGE;
    if (options.help) {
        cli_print_command_help(command, stdout);
        return EXIT_OK;
    }
    cli_config_file *config = cli_read_config_file();
    if (!config)
        return EXIT_CONFIG;
    cli_config_file_apply(config, command, &options);
    int code = command->run(&options);
    free(config);
    return code;
}

/* `briefing --root DIR list --json`, as git takes `git -C DIR log`: the
 * options before the command word are the command's, as if written after
 * it (`briefing list --root DIR --json`); one the command does not take is
 * refused by its table. `operands` words end argv, the command first. */
static int cli_main_after_options(int argc, char **argv, int operands)
{
    int command_at = argc - operands;
    char **moved = malloc(sizeof *moved * (size_t)(argc + 1));
    if (!moved)
        abort();
    int n = 0;
    moved[n++] = argv[command_at];
    for (int i = 1; i < command_at; i++)
        moved[n++] = argv[i];
    for (int i = command_at + 1; i < argc; i++)
        moved[n++] = argv[i];
    moved[n] = NULL;
    int code = cli_main(n, moved);
    free(moved);
    return code;
}

int cli_console_main(int argc, char **argv, int (*open_console)(const cli_console_settings *))
{
    const cli_command *console = cli_find_command("");
    cli_options options = {0};
    if (!cli_parse_options(console, argc, argv, true, &options)) {
        cli_print_command_help(console, stderr);
        return EXIT_USAGE;
    }
    if (options.help) {
        cli_print_usage(stdout);
        return EXIT_OK;
    }
    if (options.positional_count > 0 && options.positional[0][0] &&
        cli_find_command(options.positional[0]))
        return cli_main_after_options(argc, argv, options.positional_count);
    if (options.positional_count > 0) {
        cli_error("unknown command \"%s\" (briefing --help lists them)", options.positional[0]);
        return EXIT_USAGE;
    }
    cli_config_file *config = cli_read_config_file();
    if (!config)
        return EXIT_CONFIG;
    cli_config_file_apply(config, console, &options);
    cli_console_settings settings = {
        .root = options.root,       .theme = options.theme,       .env_file = options.env_file,
        .ledger = options.ledger,   .archive = options.archive,   .endpoint = options.endpoint,
    };
    int code = open_console(&settings);
    free(config);
    return code;
}
