/* credentials: the AWS credential chain (DESIGN §5).
 *
 * credential_chain[] below is the order, first complete level wins: the
 * program's own values (flags, repos.env SES_*), then the AWS CLI's chain
 * for the profile in use (environment AWS_*, assume-role, web identity,
 * SSO, the credentials file, credential_process, the config file, the
 * container, EC2 instance metadata). Static keys yield a candidate: the
 * values found and the names to quote if the pair is half given; a level
 * with one key is an error, never a silent fall through to the next. The
 * other sources live in source_*.c. Messages and source_detail name keys,
 * files and sources, never a value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/crypto.h>

#include "ses/aws_internal.h"

typedef struct {
    const char *access_key_id;       /* NULL or "" when absent */
    const char *secret_access_key;
    const char *session_token;
    const char *id_name;             /* how the operator spells each key here */
    const char *secret_name;
    credential_source source;
    char detail[256];                /* where: "repos.env", a file and profile */
} credential_candidate;

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
    [CREDENTIAL_SOURCE_ASSUME_ROLE] = "assume role",
    [CREDENTIAL_SOURCE_WEB_IDENTITY] = "web identity",
    [CREDENTIAL_SOURCE_SSO] = "SSO",
    [CREDENTIAL_SOURCE_PROCESS] = "credential_process",
    [CREDENTIAL_SOURCE_CONTAINER] = "container",
    [CREDENTIAL_SOURCE_INSTANCE_METADATA] = "instance metadata",
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

/* How long before they expire credentials shorter-lived than the refresh
 * margin are asked for again: a quarter of their life, at most 30 s. */
static time_t credential_short_skew(time_t lifetime)
{
    enum { SHORT_LIVED_SKEW_SECONDS = 30 };
    time_t quarter = lifetime > 0 ? lifetime / 4 : 0;
    return quarter < SHORT_LIVED_SKEW_SECONDS ? quarter : SHORT_LIVED_SKEW_SECONDS;
}

/* --- shared files -------------------------------------------------------- */

int aws_source_profile_keys(const aws_source_context *context, bool in_credentials,
                            ses_credentials *out, char *error, size_t error_size)
{
    const aws_files *files = context->files;
    const char *profile = context->profile;
    credential_candidate candidate = {
        .access_key_id = aws_files_profile(files, in_credentials, profile, "aws_access_key_id"),
        .secret_access_key =
            aws_files_profile(files, in_credentials, profile, "aws_secret_access_key"),
        .session_token = aws_files_profile(files, in_credentials, profile, "aws_session_token"),
        .id_name = "aws_access_key_id",
        .secret_name = "aws_secret_access_key",
        .source = CREDENTIAL_SOURCE_SHARED_FILES,
    };
    aws_files_where(files, in_credentials, profile, candidate.detail, sizeof candidate.detail);
    return credential_take(&candidate, out, (error_sink){error, error_size});
}

/* --- the chain ----------------------------------------------------------- */

typedef struct {
    const ses_credential_inputs *inputs;
    aws_source_context source;
} credential_context;

/* A level returns 1 when it filled `out`, 0 when it has nothing, -1 with
 * the error written. */
typedef int credential_level(const credential_context *context, ses_credentials *out,
                             error_sink sink);

static int flags_level(const credential_context *context, ses_credentials *out, error_sink sink)
{
    credential_candidate candidate = {
        .access_key_id = context->inputs->flag_access_key_id,
        .secret_access_key = context->inputs->flag_secret_access_key,
        .id_name = "an access key id",
        .secret_name = "secret access key",
        .source = CREDENTIAL_SOURCE_FLAGS,
        .detail = "the command line",
    };
    return credential_take(&candidate, out, sink);
}

/* The settings file as messages name it: the one actually read. */
static const char *credential_env_file(const ses_credential_inputs *inputs)
{
    return inputs->env_file_path && *inputs->env_file_path ? inputs->env_file_path : "repos.env";
}

static int repos_env_level(const credential_context *context, ses_credentials *out,
                           error_sink sink)
{
    credential_candidate candidate = {
        .access_key_id = context->inputs->env_file_access_key_id,
        .secret_access_key = context->inputs->env_file_secret_access_key,
        .id_name = "SES_ACCESS_KEY_ID",
        .secret_name = "SES_SECRET_ACCESS_KEY",
        .source = CREDENTIAL_SOURCE_REPOS_ENV,
    };
    snprintf(candidate.detail, sizeof candidate.detail, "%s", credential_env_file(context->inputs));
    return credential_take(&candidate, out, sink);
}

int aws_source_environment(ses_credentials *out, char *error, size_t error_size)
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
    return credential_take(&candidate, out, (error_sink){error, error_size});
}

/* Keys in the environment are credentials of their own, unless the profile
 * in use names them as the source of its role (credential_source =
 * Environment): then they only sign that role's AssumeRole. */
static int environment_level(const credential_context *context, ses_credentials *out,
                             error_sink sink)
{
    const char *role_source = aws_files_profile(context->source.files, false,
                                                context->source.profile, "credential_source");
    if (role_source && strcasecmp(role_source, "Environment") == 0 &&
        aws_files_profile(context->source.files, false, context->source.profile, "role_arn"))
        return 0;
    return aws_source_environment(out, sink.error, sink.error_size);
}

static int assume_role_level(const credential_context *context, ses_credentials *out,
                             error_sink sink)
{
    return aws_source_assume_role(&context->source, out, sink.error, sink.error_size);
}

static int web_identity_level(const credential_context *context, ses_credentials *out,
                              error_sink sink)
{
    return aws_source_web_identity(&context->source, out, sink.error, sink.error_size);
}

static int sso_level(const credential_context *context, ses_credentials *out, error_sink sink)
{
    return aws_source_sso(&context->source, out, sink.error, sink.error_size);
}

static int credentials_file_level(const credential_context *context, ses_credentials *out,
                                  error_sink sink)
{
    return aws_source_profile_keys(&context->source, true, out, sink.error, sink.error_size);
}

static int process_level(const credential_context *context, ses_credentials *out,
                         error_sink sink)
{
    return aws_source_process(&context->source, out, sink.error, sink.error_size);
}

static int config_file_level(const credential_context *context, ses_credentials *out,
                             error_sink sink)
{
    return aws_source_profile_keys(&context->source, false, out, sink.error, sink.error_size);
}

static int container_level(const credential_context *context, ses_credentials *out,
                           error_sink sink)
{
    return aws_source_container(&context->source, out, sink.error, sink.error_size);
}

static int instance_metadata_level(const credential_context *context, ses_credentials *out,
                                   error_sink sink)
{
    return aws_source_instance_metadata(&context->source, out, sink.error, sink.error_size);
}

/* Highest priority first; docs/sending.md lists the same order. After the
 * program's own settings it is the AWS CLI's chain: a profile that names a
 * role, web identity or SSO means that, even when it also holds keys. */
static credential_level *const credential_chain[] = {
    flags_level,             /* values the program was given */
    repos_env_level,         /* SES_ACCESS_KEY_ID, SES_SECRET_ACCESS_KEY */
    environment_level,       /* AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN */
    assume_role_level,       /* role_arn with source_profile or credential_source */
    web_identity_level,      /* AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, or the profile's */
    sso_level,               /* sso_session / sso_start_url, sso_account_id, sso_role_name */
    credentials_file_level,  /* ~/.aws/credentials [NAME] */
    process_level,           /* credential_process */
    config_file_level,       /* ~/.aws/config [profile NAME] keys */
    container_level,         /* AWS_CONTAINER_CREDENTIALS_FULL_URI / _RELATIVE_URI */
    instance_metadata_level, /* EC2 instance metadata, IMDSv2 */
};

/* The levels a role's source_profile may use, in the same order. */
int aws_source_profile_chain(const aws_source_context *context, ses_credentials *out,
                             char *error, size_t error_size)
{
    static credential_level *const profile_levels[] = {
        assume_role_level, web_identity_level, sso_level, credentials_file_level,
        process_level,     config_file_level,
    };
    credential_context inner = {.source = *context};
    int taken = 0;
    for (size_t i = 0; taken == 0 && i < sizeof profile_levels / sizeof *profile_levels; i++)
        taken = profile_levels[i](&inner, out, (error_sink){error, error_size});
    if (taken == 0) {
        char where[300];
        aws_files_where(context->files, false, context->profile, where, sizeof where);
        snprintf(error, error_size, "%s has no credentials of its own", where);
    }
    return taken;
}

/* The profile as it was given (not as resolved): asking again reads the
 * same variables, so a profile nobody named is not checked for then. */
static void credential_remember_origin(const ses_credential_inputs *inputs, const char *region,
                                       ses_credentials *out)
{
    snprintf(out->refresh_profile, sizeof out->refresh_profile, "%s",
             inputs->profile ? inputs->profile : "");
    snprintf(out->refresh_region, sizeof out->refresh_region, "%s", region ? region : "");
    snprintf(out->refresh_aws_dir, sizeof out->refresh_aws_dir, "%s",
             inputs->aws_dir ? inputs->aws_dir : "");
    out->refresh_terminal_busy = inputs->terminal_busy;
}

/* Every place credentials can be put, spelled as each file or variable
 * wants it: "[profile NAME]" in config, "[NAME]" in credentials. */
static void credential_none_found(const aws_files *files, const char *profile,
                                  const char *env_file, error_sink sink)
{
    char in_config[300], in_credentials[300];
    aws_files_where(files, false, profile, in_config, sizeof in_config);
    aws_files_where(files, true, profile, in_credentials, sizeof in_credentials);
    snprintf(sink.error, sink.error_size,
             "no AWS credentials found: set SES_ACCESS_KEY_ID and SES_SECRET_ACCESS_KEY in "
             "%s; or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
             "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, in the environment; or "
             "aws_access_key_id and aws_secret_access_key in %s; or in %s one of: those "
             "keys, role_arn (with source_profile or credential_source), "
             "web_identity_token_file, sso_session, sso_start_url (legacy SSO), "
             "credential_process",
             env_file, in_credentials, in_config);
}

/* Temporary credentials that live less than the refresh margin would be
 * asked for again before every request: they are kept until a small skew
 * before they expire instead, and the operator is told once. */
static void credential_note_lifetime(ses_credentials *out, time_t now)
{
    out->obtained = now;
    time_t lifetime = out->expiration - now;
    if (out->expiration == 0 || lifetime > SES_CREDENTIALS_REFRESH_MARGIN_SECONDS)
        return;
    snprintf(out->warning, sizeof out->warning,
             "%s gives credentials valid for only %lld s (under the %d s refresh margin): "
             "each set is used until %lld s before it expires, then asked for again",
             out->source_detail, (long long)lifetime, SES_CREDENTIALS_REFRESH_MARGIN_SECONDS,
             (long long)credential_short_skew(lifetime));
}

bool ses_resolve_credentials(const ses_credential_inputs *inputs, ses_credentials *out,
                             char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    error_sink sink = {error, error_size};
    const char *profile_name = aws_profile_name(inputs->profile);
    aws_files files;
    if (!aws_files_load(&files, inputs->aws_dir, error, error_size)) {
        out->source = CREDENTIAL_SOURCE_NONE;
        return false;
    }
    if (!aws_profile_check(&files, inputs->profile, error, error_size)) {
        aws_files_free(&files);
        out->source = CREDENTIAL_SOURCE_NONE;
        return false;
    }
    const char *region = inputs->region && *inputs->region
                             ? inputs->region
                             : aws_profile_region(&files, profile_name);
    credential_context context = {
        .inputs = inputs,
        .source = {.files = &files, .profile = profile_name, .region = region,
                   .terminal_busy = inputs->terminal_busy},
    };
    int taken = 0;
    for (size_t i = 0; taken == 0 && i < sizeof credential_chain / sizeof *credential_chain; i++)
        taken = credential_chain[i](&context, out, sink);
    if (taken == 0)
        credential_none_found(&files, profile_name, credential_env_file(inputs), sink);
    aws_files_free(&files);
    if (taken == 1) {
        credential_remember_origin(inputs, inputs->region, out); /* a profile's: read again */
        credential_note_lifetime(out, time(NULL));
        return true;
    }
    OPENSSL_cleanse(out, sizeof *out);
    out->source = CREDENTIAL_SOURCE_NONE;
    return false;
}

time_t ses_credentials_refresh_at(const ses_credentials *credentials)
{
    if (credentials->expiration == 0)
        return 0;
    time_t lifetime = credentials->expiration - credentials->obtained;
    if (credentials->obtained == 0 || lifetime > SES_CREDENTIALS_REFRESH_MARGIN_SECONDS)
        return credentials->expiration - SES_CREDENTIALS_REFRESH_MARGIN_SECONDS;
    return credentials->expiration - credential_short_skew(lifetime);
}

bool ses_credentials_refresh(ses_credentials *credentials, time_t now, char *error,
                             size_t error_size)
{
    if (credentials->expiration == 0 || now < ses_credentials_refresh_at(credentials))
        return true;
    ses_credential_inputs inputs = {
        .profile = credentials->refresh_profile[0] ? credentials->refresh_profile : NULL,
        .region = credentials->refresh_region[0] ? credentials->refresh_region : NULL,
        .aws_dir = credentials->refresh_aws_dir[0] ? credentials->refresh_aws_dir : NULL,
        .terminal_busy = credentials->refresh_terminal_busy,
    };
    ses_credentials fresh;
    char why[512];
    if (!ses_resolve_credentials(&inputs, &fresh, why, sizeof why)) {
        snprintf(error, error_size, "%s: the credentials expire at %lld and asking again failed: %s",
                 credentials->source_detail, (long long)credentials->expiration, why);
        return false;
    }
    OPENSSL_cleanse(credentials, sizeof *credentials);
    *credentials = fresh;
    OPENSSL_cleanse(&fresh, sizeof fresh);
    return true;
}
