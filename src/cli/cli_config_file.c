/* cli_config_file: the optional defaults file, $XDG_CONFIG_HOME/briefing/config
 * (else ~/.config/briefing/config), read with inih. Each key is the default
 * of the option of the same name for every command whose table has it; the
 * command line wins, and so does the environment variable a key names
 * below. A bad line stops the command with file:line: why. */
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_internal.h"

/* The keys, in cli_config_file.values order, and what wins over the file
 * besides the command line. */
static const struct {
    const char *key;          /* also the option's name in the tables */
    const char *environment;  /* a variable that wins over the file; NULL: none */
} cli_config_keys[CLI_CONFIG_KEY_COUNT] = {
    {"root", NULL},
    {"theme", "BRIEFING_THEME"},
    {"env", NULL},
    {"ledger", "BRIEFING_LEDGER"},
    {"archive", "BRIEFING_ARCHIVE"},
};

const char *cli_config_key(size_t i)
{
    return i < CLI_CONFIG_KEY_COUNT ? cli_config_keys[i].key : NULL;
}

/* What inih's callbacks share: the file, the line being read, the first
 * error and the line it is on. */
typedef struct {
    cli_config_file *config;
    FILE *stream;
    int line;
    int error_line;
    char why[160];
} cli_config_reader;

static void cli_config_fail(cli_config_reader *reader, const char *why, const char *word)
{
    if (reader->error_line)
        return; /* the first error is the one reported */
    reader->error_line = reader->line;
    snprintf(reader->why, sizeof reader->why, why, word);
}

/* inih's reader: one line at a time, so the handler knows which line it is
 * on. A line inih cannot hold whole, or a section header, is an error here,
 * where the whole line is still in view. */
static char *cli_config_read_line(char *buffer, int size, void *stream)
{
    cli_config_reader *reader = stream;
    if (!fgets(buffer, size, reader->stream))
        return NULL;
    reader->line++;
    size_t length = strlen(buffer);
    if (length == (size_t)size - 1 && buffer[length - 1] != '\n' && !feof(reader->stream)) {
        char limit[16];
        snprintf(limit, sizeof limit, "%d", size - 2);
        cli_config_fail(reader, "a line longer than %s bytes", limit);
        int c;
        while ((c = fgetc(reader->stream)) != EOF && c != '\n')
            ;
    }
    const char *start = buffer + strspn(buffer, " \t");
    if (*start == '[')
        cli_config_fail(reader, "a section header%s: the file is key = value lines", "");
    return buffer;
}

/* A value as the option will see it: "~/" is the home folder. */
static bool cli_config_store(char *out, const char *value)
{
    const char *home = getenv("HOME");
    int n = strncmp(value, "~/", 2) == 0 && home && *home
                ? snprintf(out, CLI_CONFIG_VALUE_MAX, "%s/%s", home, value + 2)
                : snprintf(out, CLI_CONFIG_VALUE_MAX, "%s", value);
    return n >= 0 && n < CLI_CONFIG_VALUE_MAX;
}

static int cli_config_handle(void *user, const char *section, const char *key, const char *value)
{
    cli_config_reader *reader = user;
    size_t i = 0;
    while (i < CLI_CONFIG_KEY_COUNT && strcmp(cli_config_keys[i].key, key) != 0)
        i++;
    if (i == CLI_CONFIG_KEY_COUNT)
        cli_config_fail(reader, "unknown key \"%s\" (see man briefing-config)", key);
    else if (!*value)
        cli_config_fail(reader, "%s has no value", key);
    else if (reader->config->values[i][0])
        cli_config_fail(reader, "%s is set twice", key);
    else if (!cli_config_store(reader->config->values[i], value))
        cli_config_fail(reader, "the value of %s is too long", key);
    else
        return 1;
    return 0;
}

/* The file's path into config->path; false when there is no home to find it in. */
static bool cli_config_locate(cli_config_file *config)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/') /* the XDG spec: a relative value is ignored */
        snprintf(config->path, sizeof config->path, "%s/briefing/config", xdg);
    else if (home && *home)
        snprintf(config->path, sizeof config->path, "%s/.config/briefing/config", home);
    else
        return false;
    return true;
}

bool cli_config_file_read(cli_config_file *config)
{
    memset(config, 0, sizeof *config);
    if (!cli_config_locate(config))
        return true;
    cli_config_reader reader = {.config = config, .stream = fopen(config->path, "r")};
    if (!reader.stream) {
        if (errno == ENOENT)
            return true; /* the file is optional */
        snprintf(config->error, sizeof config->error, "%s: %s", config->path, strerror(errno));
        return false;
    }
    int first_error = ini_parse_stream(cli_config_read_line, &reader, cli_config_handle, &reader);
    fclose(reader.stream);
    if (first_error == 0 && reader.error_line == 0)
        return true;
    if (first_error > 0 && (reader.error_line == 0 || first_error < reader.error_line)) {
        reader.error_line = first_error; /* inih's own complaint: no "=" */
        snprintf(reader.why, sizeof reader.why, "expected \"key = value\"");
    }
    snprintf(config->error, sizeof config->error, "%s:%d: %s", config->path, reader.error_line,
             reader.why);
    return false;
}

void cli_config_file_apply(const cli_config_file *config, const cli_command *command,
                           cli_options *options)
{
    for (size_t i = 0; i < CLI_CONFIG_KEY_COUNT; i++) {
        const cli_option *option = cli_find_option(command, cli_config_keys[i].key);
        const char *environment =
            cli_config_keys[i].environment ? getenv(cli_config_keys[i].environment) : NULL;
        if (!option || !config->values[i][0] || (environment && *environment))
            continue;
        const char **field = (const char **)((char *)options + option->offset);
        if (!*field)
            *field = config->values[i];
    }
}
