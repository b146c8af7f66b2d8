/* source_sso: role credentials through IAM Identity Center (SSO), from the
 * token `aws sso login` cached.
 *
 * A profile names sso_account_id and sso_role_name, and either sso_session
 * (a "[sso-session NAME]" section with sso_start_url and sso_region; the
 * cache file is the SHA-1 of NAME) or, the legacy way, sso_start_url and
 * sso_region itself (the cache file is the SHA-1 of the start URL). The
 * cached JSON holds accessToken and expiresAt (ending in Z, an offset, or
 * "UTC" as older AWS CLI v2 releases wrote it).
 *
 * An sso-session token that has expired, or expires within the refresh
 * margin, is refreshed as the AWS CLI and SDKs do when the cache also holds
 * refreshToken, clientId, clientSecret and a registrationExpiresAt still to
 * come: SSO OIDC CreateToken (grant_type refresh_token) on
 * https://oidc.<sso_region>.amazonaws.com (AWS_ENDPOINT_URL_SSO_OIDC or the
 * profile's services section override it), and the cache file is rewritten
 * atomically, mode 0600. A token still valid is used when refreshing fails;
 * an expired one means "run aws sso login --sso-session NAME" (--profile
 * NAME for the legacy form), never a prompt. No token is ever printed.
 *
 * GetRoleCredentials is GET /federation/credentials on
 * https://portal.sso.<sso_region>.amazonaws.com (AWS_ENDPOINT_URL_SSO or the
 * profile's services section override it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "briefing/digest.h"
#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

enum { SSO_TIMEOUT_MS = 10000, SSO_TOKEN_MAX = 8192 };

/* The profile's SSO settings, wherever they live. */
typedef struct {
    const char *session;              /* NULL in the legacy form */
    const char *start_url;
    const char *region;
    const char *account_id;
    const char *role_name;
    char login_hint[300];             /* "aws sso login --sso-session NAME" */
} sso_settings;

static bool sso_missing(const char *value)
{
    return !value || !*value;
}

/* What is missing is blamed on the section it belongs in: the start URL and
 * region on the sso-session (or the profile, legacy), the account and role
 * on the profile. */
static bool sso_settings_read(const aws_source_context *context, sso_settings *sso, char *error,
                              size_t error_size)
{
    const aws_files *files = context->files;
    const char *profile = context->profile;
    sso->session = aws_files_profile(files, false, profile, "sso_session");
    sso->account_id = aws_files_profile(files, false, profile, "sso_account_id");
    sso->role_name = aws_files_profile(files, false, profile, "sso_role_name");
    char session_section[300] = "";
    if (!sso_missing(sso->session)) {
        snprintf(session_section, sizeof session_section, "[sso-session %s]", sso->session);
        snprintf(sso->login_hint, sizeof sso->login_hint, "aws sso login --sso-session %s",
                 sso->session);
        if (!aws_files_has_section(files, "sso-session", sso->session)) {
            snprintf(error, error_size, "sso_session = %s, but there is no %s section in %s",
                     sso->session, session_section, files->config_shown);
            return false;
        }
        sso->start_url = aws_files_section(files, "sso-session", sso->session, "sso_start_url");
        sso->region = aws_files_section(files, "sso-session", sso->session, "sso_region");
    } else {
        sso->session = NULL;
        snprintf(sso->login_hint, sizeof sso->login_hint, "aws sso login --profile %s", profile);
        sso->start_url = aws_files_profile(files, false, profile, "sso_start_url");
        sso->region = aws_files_profile(files, false, profile, "sso_region");
    }
    const char *in_session = sso->session ? session_section : "this profile";
    const struct {
        const char *value;
        const char *name;
        const char *section;
    } needed[] = {{sso->start_url, "sso_start_url", in_session},
                  {sso->region, "sso_region", in_session},
                  {sso->account_id, "sso_account_id", "this profile"},
                  {sso->role_name, "sso_role_name", "this profile"}};
    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++)
        if (sso_missing(needed[i].value)) {
            snprintf(error, error_size, "%s is not set in %s", needed[i].name, needed[i].section);
            return false;
        }
    return true;
}

/* <cache dir>/<sha1 hex of key>.json */
static void sso_cache_path(const aws_files *files, const char *key, char *path, size_t path_size)
{
    unsigned char sha1[EVP_MAX_MD_SIZE];
    unsigned int sha1_length = 0;
    EVP_Digest(key, strlen(key), sha1, &sha1_length, EVP_sha1(), NULL);
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    digest_hex(sha1, sha1_length, hex);
    snprintf(path, path_size, "%s/%s.json", files->sso_cache_dir, hex);
}

/* An ISO 8601 time as the caches write it: ...Z, an offset, or "UTC". */
static bool sso_parse_time(const char *text, time_t *out)
{
    char normal[64];
    size_t length = text ? strlen(text) : 0;
    if (length < 4 || length >= sizeof normal)
        return text && ses_parse_iso8601(text, out);
    if (strcmp(text + length - 3, "UTC") != 0)
        return ses_parse_iso8601(text, out);
    snprintf(normal, sizeof normal, "%.*sZ", (int)(length - 3), text);
    return ses_parse_iso8601(normal, out);
}

/* The cache file, its access token and when that expires. */
typedef struct {
    char path[1200];
    json_t *root;
    const char *access_token;
    time_t expires;
    char expires_text[64];
} sso_cache;

static bool sso_cache_load(sso_cache *cache, const sso_settings *sso, char *error,
                           size_t error_size)
{
    json_error_t parse_error;
    cache->root = json_load_file(cache->path, JSON_REJECT_DUPLICATES, &parse_error);
    if (!cache->root) {
        snprintf(error, error_size, "no usable token in %s (%s); run `%s`", cache->path,
                 parse_error.text, sso->login_hint);
        return false;
    }
    cache->access_token = json_string_value(json_object_get(cache->root, "accessToken"));
    const json_t *expires_at = json_object_get(cache->root, "expiresAt");
    const char *text = json_string_value(expires_at);
    if (!cache->access_token || !*cache->access_token ||
        strlen(cache->access_token) >= SSO_TOKEN_MAX) {
        snprintf(error, error_size, "%s has no accessToken; run `%s`", cache->path,
                 sso->login_hint);
        return false;
    }
    if (!expires_at || json_is_null(expires_at)) {
        snprintf(error, error_size, "%s has no expiresAt time; run `%s`", cache->path,
                 sso->login_hint);
        return false;
    }
    if (!sso_parse_time(text, &cache->expires)) {
        snprintf(error, error_size,
                 "%s: expiresAt %s%.40s%s is not a time this reads (ISO 8601 ending in Z, "
                 "UTC or an offset); run `%s`",
                 cache->path, text ? "\"" : "", text ? text : "(not a string)", text ? "\"" : "",
                 sso->login_hint);
        return false;
    }
    snprintf(cache->expires_text, sizeof cache->expires_text, "%s", text);
    return true;
}

/* The cache holds what a refresh needs, and its client registration is
 * still good. NULL when it does; else what is missing. */
static const char *sso_cache_refreshable(const sso_cache *cache, time_t now)
{
    static const char *const needed[] = {"refreshToken", "clientId", "clientSecret"};
    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++) {
        const char *value = json_string_value(json_object_get(cache->root, needed[i]));
        if (!value || !*value)
            return needed[i];
    }
    time_t registration = 0;
    if (!sso_parse_time(json_string_value(json_object_get(cache->root, "registrationExpiresAt")),
                        &registration) ||
        registration <= now)
        return "a registrationExpiresAt still to come";
    return NULL;
}

static bool sso_oidc_url(const aws_source_context *context, const sso_settings *sso, char *url,
                         size_t url_size, char *error, size_t error_size)
{
    char origin[300];
    const char *endpoint = aws_profile_endpoint(context->files, context->profile, "sso_oidc",
                                                "AWS_ENDPOINT_URL_SSO_OIDC", origin,
                                                sizeof origin);
    if (!endpoint) {
        snprintf(url, url_size, "https://oidc.%s.amazonaws.com/token", sso->region);
        return true;
    }
    if (!ses_endpoint_check(endpoint, origin, error, error_size))
        return false;
    size_t length = strlen(endpoint);
    while (length && endpoint[length - 1] == '/')
        length--;
    snprintf(url, url_size, "%.*s/token", (int)length, endpoint);
    return true;
}

/* Reads CreateToken's answer into the cache object: accessToken, its new
 * expiresAt, and the refreshToken when a new one came. */
static bool sso_oidc_read(const strbuf *answer, long http_status, sso_cache *cache, time_t now,
                          char *error, size_t error_size)
{
    json_error_t parse_error;
    json_t *reply = json_loadb(answer->data, answer->len, 0, &parse_error);
    const char *code = json_string_value(json_object_get(reply, "error"));
    const char *why = json_string_value(json_object_get(reply, "error_description"));
    const char *access_token = json_string_value(json_object_get(reply, "accessToken"));
    const json_t *expires_in = json_object_get(reply, "expiresIn");
    const char *refresh_token = json_string_value(json_object_get(reply, "refreshToken"));
    bool ok = false;
    if (http_status != 200)
        snprintf(error, error_size, "SSO OIDC CreateToken answered HTTP %ld%s%.60s%s%.200s",
                 http_status, code ? " (" : "", code ? code : "", code ? ")" : "",
                 why ? why : "");
    else if (!access_token || !*access_token || strlen(access_token) >= SSO_TOKEN_MAX ||
             !json_is_integer(expires_in) || json_integer_value(expires_in) <= 0)
        snprintf(error, error_size, "SSO OIDC CreateToken: the answer lacks accessToken or "
                                    "expiresIn");
    else {
        char expires_at[32];
        time_t expires = now + (time_t)json_integer_value(expires_in);
        struct tm utc;
        gmtime_r(&expires, &utc);
        strftime(expires_at, sizeof expires_at, "%Y-%m-%dT%H:%M:%SZ", &utc);
        json_object_set_new(cache->root, "accessToken", json_string(access_token));
        json_object_set_new(cache->root, "expiresAt", json_string(expires_at));
        if (refresh_token && *refresh_token)
            json_object_set_new(cache->root, "refreshToken", json_string(refresh_token));
        cache->access_token = json_string_value(json_object_get(cache->root, "accessToken"));
        cache->expires = expires;
        snprintf(cache->expires_text, sizeof cache->expires_text, "%s", expires_at);
        ok = true;
    }
    json_decref(reply);
    return ok;
}

/* CreateToken with the cached refresh token. */
static bool sso_oidc_refresh(const aws_source_context *context, const sso_settings *sso,
                             sso_cache *cache, time_t now, char *error, size_t error_size)
{
    char url[1200];
    if (!sso_oidc_url(context, sso, url, sizeof url, error, error_size))
        return false;
    json_t *request_body = json_pack(
        "{s:s, s:s, s:s, s:s}", "clientId",
        json_string_value(json_object_get(cache->root, "clientId")), "clientSecret",
        json_string_value(json_object_get(cache->root, "clientSecret")), "grantType",
        "refresh_token", "refreshToken",
        json_string_value(json_object_get(cache->root, "refreshToken")));
    char *body = request_body ? json_dumps(request_body, JSON_COMPACT) : NULL;
    json_decref(request_body);
    if (!body) {
        snprintf(error, error_size, "SSO OIDC CreateToken: cannot build the request");
        return false;
    }
    const char *headers[] = {"Content-Type: application/json", NULL};
    const aws_http_request request = {.method = "POST", .url = url, .headers = headers,
                                      .body = body, .timeout_ms = SSO_TIMEOUT_MS,
                                      .ca_bundle = aws_ca_bundle(context->files, context->profile)};
    strbuf answer = STRBUF_INIT;
    long http_status = 0;
    char why[CURL_ERROR_SIZE + 64];
    bool ok = aws_http_perform(&request, &answer, &http_status, why, sizeof why);
    if (!ok)
        snprintf(error, error_size, "SSO OIDC CreateToken at %s: %s", url, why);
    else
        ok = sso_oidc_read(&answer, http_status, cache, now, error, error_size);
    OPENSSL_cleanse(body, strlen(body));
    free(body);
    OPENSSL_cleanse(answer.data, answer.len);
    strbuf_free(&answer);
    return ok;
}

/* Rewrites the cache file as the AWS CLI does: a new file beside it, mode
 * 0600, renamed over the old one, so a reader never sees half a file. */
static bool sso_cache_save(const sso_cache *cache, char *error, size_t error_size)
{
    char temporary[1300];
    snprintf(temporary, sizeof temporary, "%s.XXXXXX", cache->path);
    char *text = json_dumps(cache->root, JSON_COMPACT);
    int fd = text ? mkstemp(temporary) : -1;
    bool ok = fd >= 0 && fchmod(fd, 0600) == 0;
    size_t length = text ? strlen(text) : 0;
    ok = ok && write(fd, text, length) == (ssize_t)length && fsync(fd) == 0;
    int saved_errno = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        saved_errno = errno;
        ok = false;
    }
    ok = ok && rename(temporary, cache->path) == 0;
    if (!ok) {
        if (!saved_errno)
            saved_errno = errno;
        if (fd >= 0)
            unlink(temporary);
        snprintf(error, error_size, "the SSO token was refreshed but %s could not be rewritten: %s",
                 cache->path, strerror(saved_errno ? saved_errno : ENOMEM));
    }
    if (text) {
        OPENSSL_cleanse(text, length);
        free(text);
    }
    return ok;
}

/* A token to call the portal with: the cached one while it is good,
 * refreshed when it expires within the margin and the cache allows. */
static bool sso_usable_token(const aws_source_context *context, const sso_settings *sso,
                             sso_cache *cache, char *error, size_t error_size)
{
    time_t now = time(NULL);
    if (!sso_cache_load(cache, sso, error, error_size))
        return false;
    if (cache->expires > now + SES_CREDENTIALS_REFRESH_MARGIN_SECONDS)
        return true;
    const char *lacking = sso->session ? sso_cache_refreshable(cache, now)
                                       : "an sso-session (the legacy form is never refreshed)";
    char why[700] = "";
    if (!lacking && sso_oidc_refresh(context, sso, cache, now, why, sizeof why))
        return sso_cache_save(cache, error, error_size);
    if (cache->expires > now)
        return true; /* still good for a while: the next run tries again */
    if (lacking)
        snprintf(error, error_size, "the SSO token expired at %s and cannot be refreshed "
                                    "(the cache has no %s); run `%s`",
                 cache->expires_text, lacking, sso->login_hint);
    else
        snprintf(error, error_size, "the SSO token expired at %s and refreshing it failed: %s; "
                                    "run `%s`",
                 cache->expires_text, why, sso->login_hint);
    return false;
}

static bool sso_url(const aws_source_context *context, const sso_settings *sso, char *url,
                    size_t url_size, char *error, size_t error_size)
{
    char origin[300], base[1024];
    const char *endpoint = aws_profile_endpoint(context->files, context->profile, "sso",
                                                "AWS_ENDPOINT_URL_SSO", origin, sizeof origin);
    if (endpoint) {
        if (!ses_endpoint_check(endpoint, origin, error, error_size))
            return false;
        size_t length = strlen(endpoint);
        while (length && endpoint[length - 1] == '/')
            length--;
        snprintf(base, sizeof base, "%.*s", (int)length, endpoint);
    } else {
        snprintf(base, sizeof base, "https://portal.sso.%s.amazonaws.com", sso->region);
    }
    char *account = curl_easy_escape(NULL, sso->account_id, 0);
    char *role = curl_easy_escape(NULL, sso->role_name, 0);
    snprintf(url, url_size, "%s/federation/credentials?account_id=%s&role_name=%s", base,
             account ? account : "", role ? role : "");
    curl_free(account);
    curl_free(role);
    return true;
}

static bool sso_get_role_credentials(const aws_source_context *context, const sso_settings *sso,
                                     const char *token, ses_credentials *out, char *error,
                                     size_t error_size)
{
    char url[2048];
    if (!sso_url(context, sso, url, sizeof url, error, error_size))
        return false;
    strbuf header = STRBUF_INIT, answer = STRBUF_INIT;
    strbuf_printf(&header, "x-amz-sso_bearer_token: %s", token);
    const char *headers[] = {strbuf_cstr(&header), NULL};
    const aws_http_request request = {.method = "GET", .url = url, .headers = headers,
                                      .timeout_ms = SSO_TIMEOUT_MS,
                                      .ca_bundle = aws_ca_bundle(context->files, context->profile)};
    static const aws_json_fields fields = {.access_key_id = "accessKeyId",
                                           .secret_access_key = "secretAccessKey",
                                           .session_token = "sessionToken",
                                           .expiration_ms = "expiration"};
    long http_status = 0;
    char why[CURL_ERROR_SIZE + 64];
    bool ok = false;
    if (!aws_http_perform(&request, &answer, &http_status, why, sizeof why))
        snprintf(error, error_size, "GetRoleCredentials: %s", why);
    else if (http_status != 200)
        snprintf(error, error_size, "GetRoleCredentials answered HTTP %ld%s%s%s", http_status,
                 http_status == 401 ? " (the SSO token was refused; run `" : "",
                 http_status == 401 ? sso->login_hint : "", http_status == 401 ? "`)" : "");
    else if (!aws_json_credentials(answer.data, answer.len, "roleCredentials", &fields, out, why,
                                   sizeof why))
        snprintf(error, error_size, "GetRoleCredentials: %s", why);
    else
        ok = true;
    OPENSSL_cleanse(header.data, header.len);
    OPENSSL_cleanse(answer.data, answer.len);
    strbuf_free(&header);
    strbuf_free(&answer);
    return ok;
}

int aws_source_sso(const aws_source_context *context, ses_credentials *out, char *error,
                   size_t error_size)
{
    const aws_files *files = context->files;
    const char *profile = context->profile;
    if (!aws_files_profile(files, false, profile, "sso_session") &&
        !aws_files_profile(files, false, profile, "sso_start_url"))
        return 0;
    sso_settings sso;
    sso_cache cache = {0};
    char why[1400];
    bool ok = sso_settings_read(context, &sso, why, sizeof why);
    if (ok) {
        sso_cache_path(files, sso.session ? sso.session : sso.start_url, cache.path,
                       sizeof cache.path);
        ok = sso_usable_token(context, &sso, &cache, why, sizeof why) &&
             sso_get_role_credentials(context, &sso, cache.access_token, out, why, sizeof why);
    }
    json_decref(cache.root);
    char where[300];
    aws_files_where(files, false, profile, where, sizeof where);
    if (!ok) {
        snprintf(error, error_size, "SSO for %s: %s", where, why);
        return -1;
    }
    out->source = CREDENTIAL_SOURCE_SSO;
    snprintf(out->source_detail, sizeof out->source_detail, "SSO %s role %s (%s)",
             sso.account_id, sso.role_name, where);
    return 1;
}
