/* aws_internal.h: what the credential sources share and nothing else sees.
 *
 * aws_files.c        ~/.aws/config and ~/.aws/credentials as the AWS CLI reads them
 * profile_settings.c region, endpoint_url, ca_bundle, retries of the profile
 * credentials.c      the chain (credential_chain[]) and static keys
 * aws_http.c         one plain request to a credential endpoint (STS, SSO, metadata)
 * aws_json.c         a provider's JSON answer (jansson) into ses_credentials
 * source_process.c   credential_process: a program printing JSON
 * source_sts.c       STS AssumeRole and AssumeRoleWithWebIdentity
 * source_sso.c       the `aws sso login` token cache and GetRoleCredentials
 * source_metadata.c  container credentials and EC2 instance metadata (IMDSv2)
 */
#ifndef BRIEFING_AWS_INTERNAL_H
#define BRIEFING_AWS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "briefing/ses.h"
#include "briefing/strbuf.h"

/* ---- aws_files.c ---- */

/* One "name = value" of a shared file. A nested setting (`ses =` followed by
 * indented `endpoint_url = ...` lines) is stored as "ses.endpoint_url". */
typedef struct aws_setting {
    char *section;
    char *name;
    char *value;
    struct aws_setting *next;     /* newest first: a later duplicate wins */
} aws_setting;

/* The two shared files, read once. Invariant: `shown_*` never hold a secret
 * and are what messages quote ("~/.aws/config" or the path given). */
typedef struct {
    aws_setting *config;
    aws_setting *credentials;
    char config_path[1024];
    char credentials_path[1024];
    char config_shown[1024];
    char credentials_shown[1024];
    char sso_cache_dir[1024];         /* where `aws sso login` keeps its tokens */
} aws_files;

/* Reads $AWS_CONFIG_FILE / $AWS_SHARED_CREDENTIALS_FILE, or config and
 * credentials under `aws_dir` (tests), or ~/.aws. A missing file is empty;
 * an unreadable or malformed one is "path:line: why". Lines of any length. */
bool aws_files_load(aws_files *files, const char *aws_dir, char *error, size_t error_size);
void aws_files_free(aws_files *files);

/* A profile's setting: "[NAME]" in credentials when `in_credentials`, else
 * "[profile NAME]" (or "[default]") in config. NULL when absent. */
const char *aws_files_profile(const aws_files *files, bool in_credentials, const char *profile,
                              const char *name);
/* Whether the profile is in either file, even with nothing in it yet. */
bool aws_files_has_profile(const aws_files *files, const char *profile);
/* Whether config has a "[KIND NAME]" section. */
bool aws_files_has_section(const aws_files *files, const char *kind, const char *section_name);
/* A profile's section as it is written in that file, for messages:
 * "~/.aws/config [profile NAME]" (or "[default]"), "~/.aws/credentials [NAME]". */
void aws_files_where(const aws_files *files, bool in_credentials, const char *profile, char *out,
                     size_t out_size);

/* A setting of "[KIND NAME]" in config ("sso-session", "services"). */
const char *aws_files_section(const aws_files *files, const char *kind, const char *section_name,
                              const char *name);

/* The profile in use: `given`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE,
 * else "default". */
const char *aws_profile_name(const char *given);

/* A profile that was named (`given`, AWS_PROFILE, AWS_DEFAULT_PROFILE) must
 * be in one of the files, as botocore's ProfileNotFound: false with
 * "profile \"NAME\" (named by AWS_PROFILE) is not in ... or ...". */
bool aws_profile_check(const aws_files *files, const char *given, char *error,
                       size_t error_size);

/* AWS_REGION, AWS_DEFAULT_REGION, then the profile's region; NULL: none. */
const char *aws_profile_region(const aws_files *files, const char *profile);

/* `variable` from the environment, else the profile's `name` in config
 * (either may be NULL); NULL when neither is set. `origin` says where. */
const char *aws_env_or_profile(const aws_files *files, const char *profile, const char *variable,
                               const char *name, char *origin, size_t origin_size);

/* A service's endpoint as the AWS CLI finds it: `variable`
 * (AWS_ENDPOINT_URL_STS), AWS_ENDPOINT_URL, the profile's services section,
 * its endpoint_url. NULL when none is set; `origin` says which was used. */
const char *aws_profile_endpoint(const aws_files *files, const char *profile,
                                 const char *service, const char *variable, char *origin,
                                 size_t origin_size);

/* ---- aws_http.c ---- */

typedef struct {
    const char *method;               /* "GET", "PUT", "POST" */
    const char *url;
    const char *const *headers;       /* "Name: value", NULL-terminated; may be NULL */
    const char *body;                 /* NULL: none */
    long timeout_ms;
    const char *ca_bundle;            /* NULL: the system's */
} aws_http_request;

/* Performs one request; true when it was answered (any status), with the
 * body in `response`. False with curl's reason. Never follows redirects. */
bool aws_http_perform(const aws_http_request *request, strbuf *response, long *http_status,
                      char *error, size_t error_size);

/* ---- aws_json.c ---- */

/* Names of the four fields in one provider's JSON answer. */
typedef struct {
    const char *access_key_id;
    const char *secret_access_key;
    const char *session_token;
    const char *expiration;           /* ISO 8601 text, or NULL when epoch ms */
    const char *expiration_ms;        /* epoch milliseconds (SSO), or NULL */
    const char *version;              /* when named, must be the number 1 */
} aws_json_fields;

/* Fills the secret fields and `expiration` of `out` from `json`, looked up
 * below `object_name` when not NULL. False with why (never a value). */
bool aws_json_credentials(const char *json, size_t length, const char *object_name,
                          const aws_json_fields *fields, ses_credentials *out, char *error,
                          size_t error_size);

/* ---- sources ---- */

/* What a source needs: the files, the profile and how deep a role chain
 * went. Every source returns 1 when it filled `out`, 0 when it does not
 * apply, -1 with the error written ("<source>: why"). */
typedef struct {
    const aws_files *files;
    const char *profile;
    const char *region;               /* STS's region (the SES chain's); NULL: none */
    int depth;                        /* source_profile hops so far */
    bool terminal_busy;               /* an MFA code cannot be asked for */
} aws_source_context;

int aws_source_process(const aws_source_context *context, ses_credentials *out, char *error,
                       size_t error_size);
int aws_source_assume_role(const aws_source_context *context, ses_credentials *out,
                           char *error, size_t error_size);
int aws_source_web_identity(const aws_source_context *context, ses_credentials *out,
                            char *error, size_t error_size);
int aws_source_sso(const aws_source_context *context, ses_credentials *out, char *error,
                   size_t error_size);
int aws_source_container(const aws_source_context *context, ses_credentials *out, char *error,
                         size_t error_size);
int aws_source_instance_metadata(const aws_source_context *context, ses_credentials *out,
                                 char *error, size_t error_size);

/* AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN. */
int aws_source_environment(ses_credentials *out, char *error, size_t error_size);

/* The static keys of a profile (credentials file, then config): the level
 * below a role's source_profile too. */
int aws_source_profile_keys(const aws_source_context *context, bool in_credentials,
                            ses_credentials *out, char *error, size_t error_size);

/* A role's source profile: its own role, SSO, process or static keys. */
int aws_source_profile_chain(const aws_source_context *context, ses_credentials *out,
                             char *error, size_t error_size);

/* The CA bundle: AWS_CA_BUNDLE, else the profile's ca_bundle; NULL: system. */
const char *aws_ca_bundle(const aws_files *files, const char *profile);

#endif
