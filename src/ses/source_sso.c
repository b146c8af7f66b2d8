/* source_sso: role credentials through IAM Identity Center (SSO), from the
 * token `aws sso login` cached.
 *
 * A profile names sso_account_id and sso_role_name, and either sso_session
 * (a "[sso-session NAME]" section with sso_start_url and sso_region; the
 * cache file is the SHA-1 of NAME) or, the legacy way, sso_start_url and
 * sso_region itself (the cache file is the SHA-1 of the start URL). The
 * cached JSON holds accessToken and expiresAt; an expired token means
 * "run aws sso login", never a prompt. GetRoleCredentials is
 * GET /federation/credentials on https://portal.sso.<sso_region>.amazonaws.com
 * (AWS_ENDPOINT_URL_SSO or the profile's services section override it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "briefing/digest.h"
#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

enum { SSO_TIMEOUT_MS = 10000 };

/* The profile's SSO settings, wherever they live. */
typedef struct {
    const char *session;              /* NULL in the legacy form */
    const char *start_url;
    const char *region;
    const char *account_id;
    const char *role_name;
} sso_settings;

static bool sso_settings_read(const aws_source_context *context, sso_settings *sso, char *error,
                              size_t error_size)
{
    const aws_files *files = context->files;
    const char *profile = context->profile;
    sso->session = aws_files_profile(files, false, profile, "sso_session");
    sso->account_id = aws_files_profile(files, false, profile, "sso_account_id");
    sso->role_name = aws_files_profile(files, false, profile, "sso_role_name");
    if (sso->session && *sso->session) {
        sso->start_url = aws_files_section(files, "sso-session", sso->session, "sso_start_url");
        sso->region = aws_files_section(files, "sso-session", sso->session, "sso_region");
    } else {
        sso->session = NULL;
        sso->start_url = aws_files_profile(files, false, profile, "sso_start_url");
        sso->region = aws_files_profile(files, false, profile, "sso_region");
    }
    const char *missing = !sso->start_url || !*sso->start_url ? "sso_start_url"
                          : !sso->region || !*sso->region     ? "sso_region"
                          : !sso->account_id || !*sso->account_id ? "sso_account_id"
                          : !sso->role_name || !*sso->role_name   ? "sso_role_name"
                                                                  : NULL;
    if (missing) {
        snprintf(error, error_size, "%s is not set%s%s", missing,
                 sso->session ? " (sso-session " : "", sso->session ? sso->session : "");
        if (sso->session)
            strncat(error, ")", error_size - strlen(error) - 1);
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

/* The cached access token, if present and not expired. */
static bool sso_cached_token(const char *path, char *token, size_t token_size, char *error,
                             size_t error_size)
{
    json_error_t parse_error;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &parse_error);
    if (!root) {
        snprintf(error, error_size, "no usable token in %s (%s); run `aws sso login`", path,
                 parse_error.text);
        return false;
    }
    const char *access_token = json_string_value(json_object_get(root, "accessToken"));
    const char *expires_at = json_string_value(json_object_get(root, "expiresAt"));
    time_t expires = 0;
    bool ok = false;
    if (!access_token || !*access_token || strlen(access_token) >= token_size)
        snprintf(error, error_size, "%s has no accessToken; run `aws sso login`", path);
    else if (!expires_at || !ses_parse_iso8601(expires_at, &expires))
        snprintf(error, error_size, "%s has no expiresAt time; run `aws sso login`", path);
    else if (expires <= time(NULL))
        snprintf(error, error_size, "the SSO token expired at %s; run `aws sso login`", expires_at);
    else {
        memcpy(token, access_token, strlen(access_token) + 1);
        ok = true;
    }
    json_decref(root);
    return ok;
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
        snprintf(error, error_size, "GetRoleCredentials answered HTTP %ld%s", http_status,
                 http_status == 401 ? " (the SSO token was refused; run `aws sso login`)" : "");
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
    char why[900], path[1200];
    char *token = calloc(1, 8192);
    bool ok = token && sso_settings_read(context, &sso, why, sizeof why);
    if (ok) {
        sso_cache_path(files, sso.session ? sso.session : sso.start_url, path, sizeof path);
        ok = sso_cached_token(path, token, 8192, why, sizeof why) &&
             sso_get_role_credentials(context, &sso, token, out, why, sizeof why);
    }
    if (token) {
        OPENSSL_cleanse(token, 8192);
        free(token);
    }
    if (!ok) {
        snprintf(error, error_size, "SSO for %s [%s]: %s", files->config_shown, profile, why);
        return -1;
    }
    out->source = CREDENTIAL_SOURCE_SSO;
    snprintf(out->source_detail, sizeof out->source_detail, "SSO %s role %s (%s [%s])",
             sso.account_id, sso.role_name, files->config_shown, profile);
    return 1;
}
