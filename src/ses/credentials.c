/* credentials: the AWS credential chain (DESIGN §5).
 *
 * Levels, first complete one wins: flags -> repos.env SES_* -> process
 * environment AWS_* -> shared files under aws_dir (credentials [NAME], then
 * config [profile NAME] or [default]). Each level yields a candidate: the
 * values it found and the names to quote if the pair is half given. A level
 * with neither key is skipped; a level with one key is an error, never a
 * silent fall through to the next. Messages and source_detail name keys
 * and files, never a value.
 */
#include "briefing/ses.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>
#include <openssl/crypto.h>

typedef struct {
    const char *access_key_id;       /* NULL or "" when absent */
    const char *secret_access_key;
    const char *session_token;
    const char *id_name;             /* how the operator spells each key here */
    const char *secret_name;
    credential_source source;
    char detail[256];                /* where: "repos.env", a file and profile */
} credential_candidate;

/* One profile's keys as read from a shared file by inih. */
typedef struct {
    const char *profile;
    int is_config_file;              /* sections are "profile NAME" there */
    char access_key_id[128];
    char secret_access_key[128];
    char session_token[2048];
    int too_long;                    /* a value did not fit: refused, not cut */
} shared_profile;

typedef struct {
    char *error;
    size_t error_size;
} error_sink;

static const char *const credential_source_names[] = {
    [CREDENTIAL_SOURCE_NONE] = "none",
    [CREDENTIAL_SOURCE_FLAGS] = "flags",
    [CREDENTIAL_SOURCE_REPOS_ENV] = "repos.env",
    [CREDENTIAL_SOURCE_ENVIRONMENT] = "environment",
    [CREDENTIAL_SOURCE_SHARED_FILES] = "shared AWS files",
};

const char *ses_credential_source_name(credential_source source)
{
    size_t count = sizeof credential_source_names / sizeof *credential_source_names;
    return (size_t)source < count ? credential_source_names[source] : "unknown";
}

static int credential_present(const char *value)
{
    return value && *value;
}

static int credential_fail(error_sink sink, const char *fmt, const char *a, const char *b,
                           const char *c)
{
    snprintf(sink.error, sink.error_size, fmt, a, b, c);
    return -1;
}

/* 1: taken, 0: this level has nothing, -1: error written to the sink. */
static int credential_take(const credential_candidate *candidate, ses_credentials *out,
                           error_sink sink)
{
    int has_id = credential_present(candidate->access_key_id);
    int has_secret = credential_present(candidate->secret_access_key);
    if (!has_id && !has_secret)
        return 0;
    if (!has_id)
        return credential_fail(sink, "%s has %s but no %s", candidate->detail,
                               candidate->secret_name, candidate->id_name);
    if (!has_secret)
        return credential_fail(sink, "%s has %s but no %s", candidate->detail,
                               candidate->id_name, candidate->secret_name);
    const char *token = candidate->session_token ? candidate->session_token : "";
    if (strlen(candidate->access_key_id) >= sizeof out->access_key_id ||
        strlen(candidate->secret_access_key) >= sizeof out->secret_access_key ||
        strlen(token) >= sizeof out->session_token)
        return credential_fail(sink, "%s: a key is longer than AWS keys can be (%s, %s)",
                               candidate->detail, candidate->id_name, candidate->secret_name);
    snprintf(out->access_key_id, sizeof out->access_key_id, "%s", candidate->access_key_id);
    snprintf(out->secret_access_key, sizeof out->secret_access_key, "%s",
             candidate->secret_access_key);
    snprintf(out->session_token, sizeof out->session_token, "%s", token);
    out->source = candidate->source;
    snprintf(out->source_detail, sizeof out->source_detail, "%s", candidate->detail);
    return 1;
}

/* --- shared files -------------------------------------------------------- */

/* "[prod]" in credentials; "[profile prod]" in config, where the default
 * profile is "[default]" (also accepted as "[profile default]"). */
static int shared_section_matches(const shared_profile *wanted, const char *section)
{
    if (!wanted->is_config_file)
        return strcmp(section, wanted->profile) == 0;
    if (strcmp(wanted->profile, "default") == 0 && strcmp(section, "default") == 0)
        return 1;
    if (strncmp(section, "profile", 7) != 0 || (section[7] != ' ' && section[7] != '\t'))
        return 0;
    const char *name = section + 7;
    while (*name == ' ' || *name == '\t')
        name++;
    return strcmp(name, wanted->profile) == 0;
}

static void shared_copy(char *to, size_t to_size, const char *value, int *too_long)
{
    if (strlen(value) >= to_size) {
        *too_long = 1;
        return;
    }
    snprintf(to, to_size, "%s", value);
}

static int shared_on_entry(void *user, const char *section, const char *name, const char *value)
{
    shared_profile *profile = user;
    if (!shared_section_matches(profile, section))
        return 1;
    if (strcasecmp(name, "aws_access_key_id") == 0)
        shared_copy(profile->access_key_id, sizeof profile->access_key_id, value,
                    &profile->too_long);
    else if (strcasecmp(name, "aws_secret_access_key") == 0)
        shared_copy(profile->secret_access_key, sizeof profile->secret_access_key, value,
                    &profile->too_long);
    else if (strcasecmp(name, "aws_session_token") == 0)
        shared_copy(profile->session_token, sizeof profile->session_token, value,
                    &profile->too_long);
    return 1;
}

/* Reads one shared file into `profile`. A missing file is no error (the
 * chain goes on); an unreadable or malformed one is. */
static int shared_read(const char *path, const char *shown_path, shared_profile *profile,
                       error_sink sink)
{
    int status = ini_parse(path, shared_on_entry, profile);
    if (status == -1) {
        FILE *probe = fopen(path, "r");
        if (!probe)
            return 0;
        fclose(probe);
    }
    if (status != 0) {
        snprintf(sink.error, sink.error_size, "%s:%d: not a valid INI line", shown_path,
                 status > 0 ? status : 0);
        return -1;
    }
    if (profile->too_long) {
        snprintf(sink.error, sink.error_size, "%s [%s]: a key is longer than AWS keys can be",
                 shown_path, profile->profile);
        return -1;
    }
    return 0;
}

static int shared_files_level(const ses_credential_inputs *inputs, const char *profile_name,
                              ses_credentials *out, error_sink sink)
{
    static const char *const file_names[] = {"credentials", "config"};
    const char *home = getenv("HOME");
    const char *aws_dir = inputs->aws_dir;
    char default_dir[1024];
    if (!aws_dir) {
        if (!home || !*home)
            return 0;
        snprintf(default_dir, sizeof default_dir, "%s/.aws", home);
        aws_dir = default_dir;
    }
    for (size_t i = 0; i < sizeof file_names / sizeof *file_names; i++) {
        char path[1200], shown_path[1200];
        snprintf(path, sizeof path, "%s/%s", aws_dir, file_names[i]);
        if (inputs->aws_dir)
            snprintf(shown_path, sizeof shown_path, "%s", path);
        else
            snprintf(shown_path, sizeof shown_path, "~/.aws/%s", file_names[i]);

        shared_profile *profile = calloc(1, sizeof *profile);
        if (!profile)
            abort();
        profile->profile = profile_name;
        profile->is_config_file = i == 1;
        int taken = shared_read(path, shown_path, profile, sink);
        if (taken == 0) {
            credential_candidate candidate = {
                .access_key_id = profile->access_key_id,
                .secret_access_key = profile->secret_access_key,
                .session_token = profile->session_token,
                .id_name = "aws_access_key_id",
                .secret_name = "aws_secret_access_key",
                .source = CREDENTIAL_SOURCE_SHARED_FILES,
            };
            snprintf(candidate.detail, sizeof candidate.detail, "%s [%s]", shown_path,
                     profile_name);
            taken = credential_take(&candidate, out, sink);
        }
        OPENSSL_cleanse(profile, sizeof *profile);
        free(profile);
        if (taken != 0)
            return taken;
    }
    return 0;
}

/* --- the chain ----------------------------------------------------------- */

/* A level returns 1 when it filled `out`, 0 when it has nothing, -1 with
 * the error written. `profile_name` matters to the shared files only. */
typedef int credential_level(const ses_credential_inputs *inputs, const char *profile_name,
                             ses_credentials *out, error_sink sink);

static int flags_level(const ses_credential_inputs *inputs, const char *profile_name,
                       ses_credentials *out, error_sink sink)
{
    credential_candidate candidate = {
        .access_key_id = inputs->flag_access_key_id,
        .secret_access_key = inputs->flag_secret_access_key,
        .id_name = "an access key id",
        .secret_name = "secret access key",
        .source = CREDENTIAL_SOURCE_FLAGS,
        .detail = "the command line",
    };
    return credential_take(&candidate, out, sink);
}

static int repos_env_level(const ses_credential_inputs *inputs, const char *profile_name,
                           ses_credentials *out, error_sink sink)
{
    credential_candidate candidate = {
        .access_key_id = inputs->env_file_access_key_id,
        .secret_access_key = inputs->env_file_secret_access_key,
        .id_name = "SES_ACCESS_KEY_ID",
        .secret_name = "SES_SECRET_ACCESS_KEY",
        .source = CREDENTIAL_SOURCE_REPOS_ENV,
        .detail = "repos.env",
    };
    return credential_take(&candidate, out, sink);
}

static int environment_level(const ses_credential_inputs *inputs, const char *profile_name,
                             ses_credentials *out, error_sink sink)
{
    credential_candidate candidate = {
        .access_key_id = getenv("AWS_ACCESS_KEY_ID"),
        .secret_access_key = getenv("AWS_SECRET_ACCESS_KEY"),
        .session_token = getenv("AWS_SESSION_TOKEN"),
        .id_name = "AWS_ACCESS_KEY_ID",
        .secret_name = "AWS_SECRET_ACCESS_KEY",
        .source = CREDENTIAL_SOURCE_ENVIRONMENT,
        .detail = "the environment",
    };
    return credential_take(&candidate, out, sink);
}

static const char *credential_profile_name(const ses_credential_inputs *inputs)
{
    if (credential_present(inputs->profile))
        return inputs->profile;
    const char *from_environment = getenv("AWS_PROFILE");
    return credential_present(from_environment) ? from_environment : "default";
}

/* Highest priority first. */
static credential_level *const credential_chain[] = {
    flags_level,
    repos_env_level,
    environment_level,
    shared_files_level,
};

bool ses_resolve_credentials(const ses_credential_inputs *inputs, ses_credentials *out,
                             char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    error_sink sink = {error, error_size};
    const char *profile_name = credential_profile_name(inputs);
    int taken = 0;
    for (size_t i = 0; taken == 0 && i < sizeof credential_chain / sizeof *credential_chain; i++)
        taken = credential_chain[i](inputs, profile_name, out, sink);
    if (taken == 1)
        return true;
    if (taken == 0)
        snprintf(error, error_size,
                 "no AWS credentials found: set SES_ACCESS_KEY_ID and SES_SECRET_ACCESS_KEY "
                 "in repos.env, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the "
                 "environment, or aws_access_key_id and aws_secret_access_key in a [%s] "
                 "profile of ~/.aws/credentials",
                 profile_name);
    OPENSSL_cleanse(out, sizeof *out);
    out->source = CREDENTIAL_SOURCE_NONE;
    return false;
}
