/* aws_files: the shared AWS config and credentials files, read like the AWS
 * CLI reads them (DESIGN §5).
 *
 * Where: $AWS_CONFIG_FILE and $AWS_SHARED_CREDENTIALS_FILE ("~/" expanded),
 * else config and credentials under the caller's aws_dir (tests), else
 * ~/.aws. Profiles are "[NAME]" in credentials and "[profile NAME]" or
 * "[default]" in config; "[sso-session NAME]" and "[services NAME]" are other
 * kinds of section. An indented block under "ses =" is a nested setting.
 *
 * Lines may be of any length: a session token is often over 1,000 bytes and
 * inih's line buffer is 200 (compile-time in Debian's build; its run-time
 * knobs are process-wide, and another module reads its own file with
 * inih). So the reader below reads whole lines itself and hands inih each
 * value as a placeholder ("\x01" and an index into the stash); the handler
 * swaps the real value back. inih still parses sections, names and
 * continuations but never sees a value, so it neither cuts one nor strips
 * a " ;" from it: the AWS CLI (Python's configparser) has no inline
 * comments either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>
#include <openssl/crypto.h>

#include "ses/aws_internal.h"

static const char AWS_FILES_PLACEHOLDER = '\x01';

/* Invariant: values[i] is the text of the line inih was shown as "\x01<i>". */
typedef struct {
    FILE *file;
    char *line;                       /* getline's buffer */
    size_t line_size;
    char **values;
    size_t count;
    size_t capacity;
    aws_setting **list;
} aws_files_reader;

static char *aws_files_strdup(const char *text)
{
    char *copy = strdup(text ? text : "");
    if (!copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return copy;
}

static const aws_setting *aws_files_find(const aws_setting *list, const char *section,
                                         const char *name)
{
    for (const aws_setting *s = list; s; s = s->next)
        if (strcmp(s->section, section) == 0 && strcasecmp(s->name, name) == 0)
            return s;
    return NULL;
}

static void aws_files_push(aws_setting **list, const char *section, const char *name,
                           const char *value)
{
    aws_setting *setting = calloc(1, sizeof *setting);
    if (!setting) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    setting->section = aws_files_strdup(section);
    setting->name = aws_files_strdup(name);
    setting->value = aws_files_strdup(value);
    setting->next = *list;
    *list = setting;
}

static char *aws_files_strndup(const char *text, size_t length)
{
    char *copy = strndup(text, length);
    if (!copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return copy;
}

static size_t aws_files_stash(aws_files_reader *reader, const char *value, size_t length)
{
    if (reader->count == reader->capacity) {
        size_t grown = reader->capacity ? reader->capacity * 2 : 32;
        char **values = realloc(reader->values, grown * sizeof *values);
        if (!values) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        reader->values = values;
        reader->capacity = grown;
    }
    reader->values[reader->count] = aws_files_strndup(value, length);
    return reader->count++;
}

/* Trims blanks from both ends of [*start, *start + *length). */
static void aws_files_trim(const char **start, size_t *length)
{
    while (*length && (**start == ' ' || **start == '\t')) {
        (*start)++;
        (*length)--;
    }
    while (*length && strchr(" \t\r\n", (*start)[*length - 1]))
        (*length)--;
}

/* A section header is kept as a setting with an empty name, so that a
 * profile with nothing in it yet still exists (as it does for the AWS CLI).
 * No lookup asks for an empty name. */
static void aws_files_note_section(aws_files_reader *reader, const char *start, size_t length)
{
    const char *end = memchr(start, ']', length);
    if (!end || end == start + 1)
        return;
    char *name = aws_files_strndup(start + 1, (size_t)(end - start - 1));
    aws_files_push(reader->list, name, "", "");
    free(name);
}

/* inih's reader: one whole line, its value swapped for a placeholder. A
 * section header or name too long for inih's buffer comes out as "[",
 * which inih reports as a bad line. */
static char *aws_files_read_line(char *buffer, int size, void *stream)
{
    aws_files_reader *reader = stream;
    ssize_t got = getline(&reader->line, &reader->line_size, reader->file);
    if (got < 0)
        return NULL;
    const char *start = reader->line;
    size_t length = (size_t)got;
    size_t indent = strspn(start, " \t");
    aws_files_trim(&start, &length);
    const char *separator = memchr(start, '=', length);
    const char *colon = memchr(start, ':', length);
    if (!separator || (colon && colon < separator))
        separator = colon;
    bool plain = length == 0 || strchr("[#;", start[0]) != NULL;
    if (length && start[0] == '[')
        aws_files_note_section(reader, start, length);
    if (plain) {
        if (length && start[0] != '[')
            length = 1; /* a comment: its text does not matter, its length must not */
        else if (length + 2 > (size_t)size)
            start = "[", length = 1;
        snprintf(buffer, (size_t)size, "%.*s\n", (int)length, start);
    } else if (indent > 0 || !separator) { /* a continuation: all of it is the value */
        snprintf(buffer, (size_t)size, " %c%zu\n", AWS_FILES_PLACEHOLDER,
                 aws_files_stash(reader, start, length));
    } else if ((size_t)(separator - start) + 24 > (size_t)size) {
        snprintf(buffer, (size_t)size, "[\n");
    } else {
        const char *value = separator + 1;
        size_t value_length = length - (size_t)(value - start);
        aws_files_trim(&value, &value_length);
        snprintf(buffer, (size_t)size, "%.*s= %c%zu\n", (int)(separator - start), start,
                 AWS_FILES_PLACEHOLDER, aws_files_stash(reader, value, value_length));
    }
    return buffer;
}

/* The real value behind inih's placeholder. */
static const char *aws_files_unstash(const aws_files_reader *reader, const char *value)
{
    if (!value || value[0] != AWS_FILES_PLACEHOLDER)
        return value ? value : "";
    size_t index = strtoul(value + 1, NULL, 10);
    return index < reader->count ? reader->values[index] : "";
}

/* An indented line under "ses =" reaches us as ("ses", "key = value"), a
 * continuation; those become "ses.key". */
static int aws_files_on_entry(void *user, const char *section, const char *name,
                              const char *placeholder)
{
    aws_files_reader *reader = user;
    aws_setting **list = reader->list;
    const char *value = aws_files_unstash(reader, placeholder);
    const aws_setting *opener = aws_files_find(*list, section, name);
    const char *equals = strchr(value, '=');
    if (!opener || !equals || (opener->value[0] != '\0' && !strchr(opener->value, '='))) {
        aws_files_push(list, section, name, value);
        return 1;
    }
    const char *key = value, *nested_value = equals + 1;
    size_t key_length = (size_t)(equals - value), nested_length = strlen(nested_value);
    aws_files_trim(&key, &key_length);
    aws_files_trim(&nested_value, &nested_length);
    char nested[256];
    snprintf(nested, sizeof nested, "%s.%.*s", name, (int)key_length, key);
    char *copy = aws_files_strndup(nested_value, nested_length);
    aws_files_push(list, section, nested, copy);
    free(copy);
    return 1;
}

static void aws_files_reader_free(aws_files_reader *reader)
{
    for (size_t i = 0; i < reader->count; i++) {
        OPENSSL_cleanse(reader->values[i], strlen(reader->values[i]));
        free(reader->values[i]);
    }
    free(reader->values);
    if (reader->line)
        OPENSSL_cleanse(reader->line, reader->line_size);
    free(reader->line);
}

/* Reads one file; a missing one leaves the list empty. */
static bool aws_files_read(const char *path, const char *shown, aws_setting **list, char *error,
                           size_t error_size)
{
    FILE *file = fopen(path, "r");
    if (!file)
        return true;
    aws_files_reader reader = {.file = file, .list = list};
    int status = ini_parse_stream(aws_files_read_line, &reader, aws_files_on_entry, &reader);
    fclose(file);
    aws_files_reader_free(&reader);
    if (status > 0) {
        snprintf(error, error_size, "%s:%d: not a valid INI line", shown, status);
        return false;
    }
    if (status < 0) {
        snprintf(error, error_size, "%s: could not be read", shown);
        return false;
    }
    return true;
}

/* `variable` ("~/" expanded), else `aws_dir`/`file_name`, else ~/.aws/`file_name`. */
static void aws_files_locate(const char *variable, const char *aws_dir, const char *file_name,
                             char *path, size_t path_size, char *shown, size_t shown_size)
{
    const char *from_environment = getenv(variable);
    const char *home = getenv("HOME");
    if (!home)
        home = "";
    if (from_environment && *from_environment) {
        if (strncmp(from_environment, "~/", 2) == 0)
            snprintf(path, path_size, "%s/%s", home, from_environment + 2);
        else
            snprintf(path, path_size, "%s", from_environment);
        snprintf(shown, shown_size, "%s", from_environment);
    } else if (aws_dir) {
        snprintf(path, path_size, "%s/%s", aws_dir, file_name);
        snprintf(shown, shown_size, "%s", path);
    } else {
        snprintf(path, path_size, "%s/.aws/%s", home, file_name);
        snprintf(shown, shown_size, "~/.aws/%s", file_name);
    }
}

bool aws_files_load(aws_files *files, const char *aws_dir, char *error, size_t error_size)
{
    memset(files, 0, sizeof *files);
    aws_files_locate("AWS_CONFIG_FILE", aws_dir, "config", files->config_path,
                     sizeof files->config_path, files->config_shown, sizeof files->config_shown);
    aws_files_locate("AWS_SHARED_CREDENTIALS_FILE", aws_dir, "credentials",
                     files->credentials_path, sizeof files->credentials_path,
                     files->credentials_shown, sizeof files->credentials_shown);
    const char *home = getenv("HOME");
    if (aws_dir)
        snprintf(files->sso_cache_dir, sizeof files->sso_cache_dir, "%s/sso/cache", aws_dir);
    else
        snprintf(files->sso_cache_dir, sizeof files->sso_cache_dir, "%s/.aws/sso/cache",
                 home ? home : "");
    if (aws_files_read(files->credentials_path, files->credentials_shown, &files->credentials,
                       error, error_size) &&
        aws_files_read(files->config_path, files->config_shown, &files->config, error,
                       error_size))
        return true;
    aws_files_free(files);
    return false;
}

static void aws_files_free_list(aws_setting *list)
{
    while (list) {
        aws_setting *next = list->next;
        OPENSSL_cleanse(list->value, strlen(list->value));
        free(list->section);
        free(list->name);
        free(list->value);
        free(list);
        list = next;
    }
}

void aws_files_free(aws_files *files)
{
    aws_files_free_list(files->config);
    aws_files_free_list(files->credentials);
    files->config = files->credentials = NULL;
}

/* "[profile NAME]" with any blanks between, or "[default]" for default. */
static bool aws_files_is_profile_section(const char *section, const char *profile)
{
    if (strcmp(profile, "default") == 0 && strcmp(section, "default") == 0)
        return true;
    if (strncmp(section, "profile", 7) != 0 || (section[7] != ' ' && section[7] != '\t'))
        return false;
    const char *name = section + 7;
    while (*name == ' ' || *name == '\t')
        name++;
    return strcmp(name, profile) == 0;
}

const char *aws_files_profile(const aws_files *files, bool in_credentials, const char *profile,
                              const char *name)
{
    if (in_credentials) {
        const aws_setting *found = aws_files_find(files->credentials, profile, name);
        return found ? found->value : NULL;
    }
    for (const aws_setting *s = files->config; s; s = s->next)
        if (strcasecmp(s->name, name) == 0 && aws_files_is_profile_section(s->section, profile))
            return s->value;
    return NULL;
}

bool aws_files_has_profile(const aws_files *files, const char *profile)
{
    for (const aws_setting *s = files->credentials; s; s = s->next)
        if (strcmp(s->section, profile) == 0)
            return true;
    for (const aws_setting *s = files->config; s; s = s->next)
        if (aws_files_is_profile_section(s->section, profile))
            return true;
    return false;
}

void aws_files_where(const aws_files *files, bool in_credentials, const char *profile, char *out,
                     size_t out_size)
{
    if (in_credentials)
        snprintf(out, out_size, "%s [%s]", files->credentials_shown, profile);
    else if (strcmp(profile, "default") == 0)
        snprintf(out, out_size, "%s [default]", files->config_shown);
    else
        snprintf(out, out_size, "%s [profile %s]", files->config_shown, profile);
}

bool aws_files_has_section(const aws_files *files, const char *kind, const char *section_name)
{
    char section[512];
    snprintf(section, sizeof section, "%s %s", kind, section_name);
    for (const aws_setting *s = files->config; s; s = s->next)
        if (strcmp(s->section, section) == 0)
            return true;
    return false;
}

const char *aws_files_section(const aws_files *files, const char *kind, const char *section_name,
                              const char *name)
{
    char section[512];
    snprintf(section, sizeof section, "%s %s", kind, section_name);
    const aws_setting *found = aws_files_find(files->config, section, name);
    return found ? found->value : NULL;
}

/* Who may name the profile, first wins; none: "default", named by nobody. */
static const char *aws_profile_namer(const char *given, const char **name)
{
    const struct {
        const char *value;
        const char *namer;
    } candidates[] = {{given, "the program"},
                      {getenv("AWS_PROFILE"), "AWS_PROFILE"},
                      {getenv("AWS_DEFAULT_PROFILE"), "AWS_DEFAULT_PROFILE"}};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++)
        if (candidates[i].value && *candidates[i].value) {
            *name = candidates[i].value;
            return candidates[i].namer;
        }
    *name = "default";
    return NULL;
}

const char *aws_profile_name(const char *given)
{
    const char *name;
    aws_profile_namer(given, &name);
    return name;
}

/* botocore's ProfileNotFound: a profile someone named must exist, even
 * "default", or a typo would silently sign with other credentials. */
bool aws_profile_check(const aws_files *files, const char *given, char *error,
                       size_t error_size)
{
    const char *name;
    const char *namer = aws_profile_namer(given, &name);
    if (!namer || aws_files_has_profile(files, name))
        return true;
    int length = snprintf(error, error_size, "profile \"%s\" (named by %s) is not in %s or %s",
                          name, namer, files->config_shown, files->credentials_shown);
    bool bare_in_config = false;
    for (const aws_setting *s = files->config; s && !bare_in_config; s = s->next)
        bare_in_config = strcmp(s->section, name) == 0;
    if (bare_in_config && length > 0 && (size_t)length < error_size)
        snprintf(error + length, error_size - (size_t)length,
                 " ([%s] in %s is no profile there: write [profile %s])", name,
                 files->config_shown, name);
    return false;
}

const char *aws_profile_region(const aws_files *files, const char *profile)
{
    const char *const candidates[] = {getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION"),
                                      aws_files_profile(files, false, profile, "region")};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++)
        if (candidates[i] && *candidates[i])
            return candidates[i];
    return NULL;
}

const char *aws_env_or_profile(const aws_files *files, const char *profile, const char *variable,
                               const char *name, char *origin, size_t origin_size)
{
    const char *value = variable ? getenv(variable) : NULL;
    if (value && *value) {
        snprintf(origin, origin_size, "%s", variable);
        return value;
    }
    value = name ? aws_files_profile(files, false, profile, name) : NULL;
    char where[1200];
    aws_files_where(files, false, profile, where, sizeof where);
    snprintf(origin, origin_size, "%s %s", where, name ? name : "");
    return value && *value ? value : NULL;
}

const char *aws_profile_endpoint(const aws_files *files, const char *profile,
                                 const char *service, const char *variable, char *origin,
                                 size_t origin_size)
{
    const char *value = aws_env_or_profile(files, profile, variable, NULL, origin, origin_size);
    if (!value)
        value = aws_env_or_profile(files, profile, "AWS_ENDPOINT_URL", NULL, origin, origin_size);
    const char *services = aws_files_profile(files, false, profile, "services");
    char nested[128];
    snprintf(nested, sizeof nested, "%s.endpoint_url", service);
    if (!value && services) {
        value = aws_files_section(files, "services", services, nested);
        snprintf(origin, origin_size, "%s [services %s] %s", files->config_shown, services,
                 nested);
    }
    if (!value || !*value)
        value = aws_env_or_profile(files, profile, NULL, "endpoint_url", origin, origin_size);
    return value;
}

const char *aws_ca_bundle(const aws_files *files, const char *profile)
{
    char origin[1200];
    return aws_env_or_profile(files, profile, "AWS_CA_BUNDLE", "ca_bundle", origin, sizeof origin);
}
