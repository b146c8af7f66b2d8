/* source_metadata: credentials from the machine briefing runs on, so a
 * cron job on a server or in a container needs no key file.
 *
 * Container (ECS, EKS Pod Identity): AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
 * (on http://169.254.170.2) or AWS_CONTAINER_CREDENTIALS_FULL_URI, which
 * must be https, loopback, or the ECS/EKS link-local hosts; the
 * Authorization header is AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE's contents
 * or AWS_CONTAINER_AUTHORIZATION_TOKEN.
 *
 * EC2 instance metadata, IMDSv2 only: PUT /latest/api/token first, then
 * the role name and its credentials with that token. Off when
 * AWS_EC2_METADATA_DISABLED=true; AWS_EC2_METADATA_SERVICE_ENDPOINT (or the
 * profile's ec2_metadata_service_endpoint) moves it. When no region is set
 * anywhere, the instance's own (placement/region) is asked for too: the
 * last link of the region chain, as in the SDKs. A default endpoint
 * that does not answer means "not on EC2": the chain ends without it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

enum {
    CONTAINER_TIMEOUT_MS = 5000,
    IMDS_TIMEOUT_MS = 1000,
};
static const char ECS_RELATIVE_BASE[] = "http://169.254.170.2";
static const char IMDS_DEFAULT_ENDPOINT[] = "http://169.254.169.254";
static const char IMDS_DEFAULT_ENDPOINT_IPV6[] = "http://[fd00:ec2::254]";
/* Plain http hosts a metadata service may use besides loopback. */
static const char *const CONTAINER_HTTP_HOSTS[] = {"169.254.170.2", "169.254.170.23",
                                                   "[fd00:ec2::23]"};

static const aws_json_fields metadata_fields = {
    .access_key_id = "AccessKeyId",
    .secret_access_key = "SecretAccessKey",
    .session_token = "Token",
    .expiration = "Expiration",
};

static bool metadata_http_host_is(const char *url, const char *host)
{
    size_t length = strlen(host);
    return strncasecmp(url, "http://", 7) == 0 && strncmp(url + 7, host, length) == 0 &&
           strchr("/:", url[7 + length]) != NULL;
}

/* ---- container ---- */

static bool container_url(char *url, size_t url_size, char *error, size_t error_size)
{
    const char *relative = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    if (relative && *relative) {
        snprintf(url, url_size, "%s%s%s", ECS_RELATIVE_BASE, relative[0] == '/' ? "" : "/",
                 relative);
        return true;
    }
    const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    snprintf(url, url_size, "%s", full);
    for (size_t i = 0; i < sizeof CONTAINER_HTTP_HOSTS / sizeof *CONTAINER_HTTP_HOSTS; i++)
        if (metadata_http_host_is(full, CONTAINER_HTTP_HOSTS[i]))
            return true;
    return ses_endpoint_check(full, "AWS_CONTAINER_CREDENTIALS_FULL_URI", error, error_size);
}

/* The Authorization header line, or "" when no token is configured. */
static bool container_authorization(strbuf *header, char *error, size_t error_size)
{
    const char *token_file = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    const char *token = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    strbuf from_file = STRBUF_INIT;
    if (token_file && *token_file) {
        FILE *file = fopen(token_file, "r");
        if (!file) {
            snprintf(error, error_size, "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE %s",
                     token_file);
            return false;
        }
        char chunk[1024];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, file)) > 0 && from_file.len < 16384)
            strbuf_append(&from_file, chunk, got);
        fclose(file);
        while (from_file.len && strchr("\r\n", from_file.data[from_file.len - 1]))
            strbuf_truncate(&from_file, from_file.len - 1);
        token = strbuf_cstr(&from_file);
    }
    bool ok = true;
    if (token && *token) {
        if (strpbrk(token, "\r\n")) {
            snprintf(error, error_size, "the container authorization token holds a line break");
            ok = false;
        } else {
            strbuf_printf(header, "Authorization: %s", token);
        }
    }
    OPENSSL_cleanse(from_file.data, from_file.len);
    strbuf_free(&from_file);
    return ok;
}

int aws_source_container(const aws_source_context *context, ses_credentials *out, char *error,
                         size_t error_size)
{
    const char *relative = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if ((!relative || !*relative) && (!full || !*full))
        return 0;
    char url[2048], why[900];
    strbuf authorization = STRBUF_INIT, answer = STRBUF_INIT;
    long http_status = 0;
    bool ok = container_url(url, sizeof url, why, sizeof why) &&
              container_authorization(&authorization, why, sizeof why);
    if (ok) {
        const char *headers[] = {authorization.len ? strbuf_cstr(&authorization) : NULL, NULL};
        const aws_http_request request = {.method = "GET", .url = url, .headers = headers,
                                          .timeout_ms = CONTAINER_TIMEOUT_MS,
                                          .ca_bundle = aws_ca_bundle(context->files,
                                                                     context->profile)};
        ok = aws_http_perform(&request, &answer, &http_status, why, sizeof why);
    }
    if (ok && http_status != 200) {
        snprintf(why, sizeof why, "answered HTTP %ld", http_status);
        ok = false;
    }
    ok = ok && aws_json_credentials(answer.data, answer.len, NULL, &metadata_fields, out, why,
                                    sizeof why);
    OPENSSL_cleanse(authorization.data, authorization.len);
    OPENSSL_cleanse(answer.data, answer.len);
    strbuf_free(&authorization);
    strbuf_free(&answer);
    const char *variable = relative && *relative ? "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
                                                 : "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    if (!ok) {
        snprintf(error, error_size, "container credentials (%s): %s", variable, why);
        return -1;
    }
    out->source = CREDENTIAL_SOURCE_CONTAINER;
    snprintf(out->source_detail, sizeof out->source_detail, "container credentials (%s)",
             variable);
    return 1;
}

/* ---- EC2 instance metadata (IMDSv2) ---- */

typedef struct {
    char base[1024];
    bool chosen;                      /* set by the operator: silence is an error */
    char token[512];
    const char *ca_bundle;
} imds_session;

static bool imds_endpoint(const aws_source_context *context, imds_session *imds, char *error,
                          size_t error_size)
{
    const char *endpoint = getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    if (!endpoint || !*endpoint)
        endpoint = aws_files_profile(context->files, false, context->profile,
                                     "ec2_metadata_service_endpoint");
    imds->chosen = endpoint && *endpoint;
    if (!imds->chosen) {
        const char *mode = getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
        endpoint = mode && strcasecmp(mode, "IPv6") == 0 ? IMDS_DEFAULT_ENDPOINT_IPV6
                                                         : IMDS_DEFAULT_ENDPOINT;
    } else if (!metadata_http_host_is(endpoint, "169.254.169.254") &&
               !metadata_http_host_is(endpoint, "[fd00:ec2::254]") &&
               !ses_endpoint_check(endpoint, "AWS_EC2_METADATA_SERVICE_ENDPOINT", error,
                                   error_size)) {
        return false;
    }
    size_t length = strlen(endpoint);
    while (length && endpoint[length - 1] == '/')
        length--;
    snprintf(imds->base, sizeof imds->base, "%.*s", (int)length, endpoint);
    imds->ca_bundle = aws_ca_bundle(context->files, context->profile);
    return true;
}

/* One request below the base URL with the session token (when there is one).
 * -1 when nothing answered, 0 when it answered other than 200, 1 on 200. */
static int imds_request(const imds_session *imds, const char *method, const char *path,
                        strbuf *answer, char *error, size_t error_size)
{
    char url[1400], token_header[600];
    snprintf(url, sizeof url, "%s%s", imds->base, path);
    const char *headers[2] = {NULL, NULL};
    if (imds->token[0]) {
        snprintf(token_header, sizeof token_header, "X-aws-ec2-metadata-token: %s", imds->token);
        headers[0] = token_header;
    } else {
        headers[0] = "X-aws-ec2-metadata-token-ttl-seconds: 21600";
    }
    const aws_http_request request = {.method = method, .url = url, .headers = headers,
                                      .timeout_ms = IMDS_TIMEOUT_MS, .ca_bundle = imds->ca_bundle};
    long http_status = 0;
    char why[CURL_ERROR_SIZE + 64];
    bool answered = aws_http_perform(&request, answer, &http_status, why, sizeof why);
    OPENSSL_cleanse(token_header, sizeof token_header);
    if (!answered) {
        snprintf(error, error_size, "%s %s: %s", method, path, why);
        return -1;
    }
    if (http_status != 200) {
        snprintf(error, error_size, "%s %s answered HTTP %ld", method, path, http_status);
        return 0;
    }
    return 1;
}

/* The instance's region (placement/region), as the SDKs take it when no
 * region is set anywhere; left "" when the service does not say. */
static void imds_region(const imds_session *imds, ses_credentials *out)
{
    strbuf answer = STRBUF_INIT;
    char why[300];
    if (imds_request(imds, "GET", "/latest/meta-data/placement/region", &answer, why,
                     sizeof why) == 1) {
        size_t length = strcspn(strbuf_cstr(&answer), "\r\n");
        if (length > 0 && length < sizeof out->metadata_region &&
            strspn(answer.data, "abcdefghijklmnopqrstuvwxyz0123456789-") == length)
            snprintf(out->metadata_region, sizeof out->metadata_region, "%.*s", (int)length,
                     answer.data);
    }
    strbuf_free(&answer);
}

/* The token dance, the role name, its credentials, and the region when
 * `want_region`. -1 when no session token was had, 0 when a later step
 * failed. */
static int imds_fetch(imds_session *imds, bool want_region, ses_credentials *out, char *role,
                      size_t role_size, char *error, size_t error_size)
{
    static const char ROLES_PATH[] = "/latest/meta-data/iam/security-credentials/";
    strbuf answer = STRBUF_INIT;
    int got = imds_request(imds, "PUT", "/latest/api/token", &answer, error, error_size);
    if (got == 1 && (answer.len == 0 || answer.len >= sizeof imds->token)) {
        snprintf(error, error_size, "PUT /latest/api/token gave no usable token");
        got = 0;
    }
    if (got == 0)
        got = -1; /* no IMDSv2 session: as good as no metadata service */
    if (got == 1) {
        memcpy(imds->token, answer.data, answer.len);
        imds->token[answer.len] = '\0';
        got = imds_request(imds, "GET", ROLES_PATH, &answer, error, error_size);
    }
    if (got == 1) {
        size_t length = strcspn(strbuf_cstr(&answer), "\r\n");
        if (length == 0 || length >= role_size) {
            snprintf(error, error_size, "the instance has no IAM role");
            got = 0;
        } else {
            snprintf(role, role_size, "%.*s", (int)length, answer.data);
        }
    }
    if (got == 1) {
        char path[400];
        snprintf(path, sizeof path, "%s%s", ROLES_PATH, role);
        got = imds_request(imds, "GET", path, &answer, error, error_size);
    }
    if (got == 1 && !aws_json_credentials(answer.data, answer.len, NULL, &metadata_fields, out,
                                          error, error_size))
        got = 0;
    if (got == 1 && want_region)
        imds_region(imds, out);
    OPENSSL_cleanse(answer.data, answer.len);
    strbuf_free(&answer);
    OPENSSL_cleanse(imds->token, sizeof imds->token);
    return got;
}

int aws_source_instance_metadata(const aws_source_context *context, ses_credentials *out,
                                 char *error, size_t error_size)
{
    const char *disabled = getenv("AWS_EC2_METADATA_DISABLED");
    if (disabled && strcasecmp(disabled, "true") == 0)
        return 0;
    imds_session imds = {0};
    char why[900], role[256] = "";
    if (!imds_endpoint(context, &imds, why, sizeof why)) {
        snprintf(error, error_size, "instance metadata: %s", why);
        return -1;
    }
    bool want_region = !context->region || !*context->region;
    int got = imds_fetch(&imds, want_region, out, role, sizeof role, why, sizeof why);
    if (got == -1 && !imds.chosen)
        return 0; /* not on EC2 */
    if (got != 1) {
        snprintf(error, error_size, "instance metadata at %s: %s", imds.base, why);
        return -1;
    }
    out->source = CREDENTIAL_SOURCE_INSTANCE_METADATA;
    snprintf(out->source_detail, sizeof out->source_detail, "instance metadata role %s", role);
    return 1;
}
