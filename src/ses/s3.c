/* s3: the S3 client of briefing/s3.h: one curl handle (keep-alive), each
 * call signed at its own attempt (s3_sign) and retried the standard way.
 *
 * Unlike SES's calls, all of S3's here are safe to repeat (a PUT of the
 * same bytes at the same key is the same object), so a transfer that
 * failed after the request went out is retried too. S3's errors are XML
 * <Error><Code>; a HEAD's error has no body, only its status.
 */
#include "briefing/s3.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "ses/ses_internal.h"

enum {
    S3_RESPONSE_MAX_BYTES = 64 << 20,  /* an archived .eml with its attachments */
    S3_DEFAULT_CONNECT_TIMEOUT_MS = 5000,
    S3_DEFAULT_REQUEST_TIMEOUT_MS = 60000,
    S3_DEFAULT_MAX_ATTEMPTS = 3,
};
static const double S3_DEFAULT_BACKOFF_BASE_SECONDS = 1.0;
static const double S3_DEFAULT_BACKOFF_CAP_SECONDS = 20.0;

/* Invariant: `curl` is open for the client's life; the credentials are
 * renewed near their expiration and wiped on free. */
struct s3_client {
    CURL *curl;
    char endpoint[1024];
    char region[64];
    char bucket[64];
    s3_addressing addressing;
    ses_credentials credentials;
    char ca_bundle[1024];
    long connect_timeout_ms;
    long request_timeout_ms;
    int max_attempts;
    double backoff_base_seconds;
    double backoff_cap_seconds;
    ses_retry_quota retry_quota;
};

s3_client *s3_client_new(const s3_config *config, char *error, size_t error_size)
{
    if (!config->endpoint || !config->endpoint[0] || !config->region || !config->region[0] ||
        !config->bucket || !config->bucket[0]) {
        snprintf(error, error_size, "S3 client: an endpoint, a region and a bucket are required");
        return NULL;
    }
    if (!config->credentials.access_key_id[0] || !config->credentials.secret_access_key[0]) {
        snprintf(error, error_size, "S3 client: credentials are required");
        return NULL;
    }
    s3_client *client = calloc(1, sizeof *client);
    if (!client || !(client->curl = curl_easy_init())) {
        free(client);
        snprintf(error, error_size, "S3 client: out of memory");
        return NULL;
    }
    snprintf(client->endpoint, sizeof client->endpoint, "%s", config->endpoint);
    snprintf(client->region, sizeof client->region, "%s", config->region);
    snprintf(client->bucket, sizeof client->bucket, "%s", config->bucket);
    snprintf(client->ca_bundle, sizeof client->ca_bundle, "%s", config->ca_bundle);
    client->addressing = config->addressing;
    client->credentials = config->credentials;
    client->connect_timeout_ms = config->connect_timeout_ms > 0 ? config->connect_timeout_ms
                                                                : S3_DEFAULT_CONNECT_TIMEOUT_MS;
    client->request_timeout_ms = config->request_timeout_ms > 0 ? config->request_timeout_ms
                                                                : S3_DEFAULT_REQUEST_TIMEOUT_MS;
    client->max_attempts = config->max_attempts > 0 ? config->max_attempts : S3_DEFAULT_MAX_ATTEMPTS;
    client->backoff_base_seconds = config->backoff_base_seconds > 0
                                       ? config->backoff_base_seconds
                                       : S3_DEFAULT_BACKOFF_BASE_SECONDS;
    client->backoff_cap_seconds = config->backoff_cap_seconds > 0 ? config->backoff_cap_seconds
                                                                  : S3_DEFAULT_BACKOFF_CAP_SECONDS;
    ses_retry_quota_init(&client->retry_quota);
    return client;
}

void s3_client_free(s3_client *client)
{
    if (!client)
        return;
    curl_easy_cleanup(client->curl);
    OPENSSL_cleanse(&client->credentials, sizeof client->credentials);
    free(client);
}

/* ---- one exchange ---- */

/* What one attempt read. */
typedef struct {
    strbuf *body;                 /* the caller's (GET) or the exchange's own */
    size_t body_start;            /* where this attempt's bytes start in `body` */
    s3_object_info *info;
    char request_id[128];
    const s3_request *request;
    size_t upload_offset;
} s3_exchange;

static size_t s3_collect(char *data, size_t size, size_t count, void *userdata)
{
    s3_exchange *exchange = userdata;
    size_t bytes = size * count;
    if (exchange->body->len - exchange->body_start + bytes > S3_RESPONSE_MAX_BYTES)
        return 0; /* curl fails the transfer with CURLE_WRITE_ERROR */
    strbuf_append(exchange->body, data, bytes);
    return bytes;
}

static size_t s3_upload(char *buffer, size_t size, size_t count, void *userdata)
{
    s3_exchange *exchange = userdata;
    size_t left = exchange->request->body_length - exchange->upload_offset;
    size_t take = size * count < left ? size * count : left;
    memcpy(buffer, (const char *)exchange->request->body + exchange->upload_offset, take);
    exchange->upload_offset += take;
    return take;
}

/* Copies a header's value (trimmed) when the line is `name: value`. */
static bool s3_header_value(const char *line, size_t length, const char *name, char *out,
                            size_t out_size)
{
    size_t name_length = strlen(name);
    if (length <= name_length + 1 || strncasecmp(line, name, name_length) != 0 ||
        line[name_length] != ':')
        return false;
    const char *value = line + name_length + 1;
    size_t value_length = length - name_length - 1;
    while (value_length && (*value == ' ' || *value == '\t'))
        value++, value_length--;
    while (value_length && strchr("\r\n \t", value[value_length - 1]))
        value_length--;
    snprintf(out, out_size, "%.*s", (int)value_length, value);
    return true;
}

static size_t s3_header(char *data, size_t size, size_t count, void *userdata)
{
    s3_exchange *exchange = userdata;
    size_t bytes = size * count;
    s3_object_info *info = exchange->info;
    char length[32];
    if (s3_header_value(data, bytes, "content-length", length, sizeof length))
        info->content_length = strtoll(length, NULL, 10);
    s3_header_value(data, bytes, "x-amz-checksum-sha256", info->checksum_sha256,
                    sizeof info->checksum_sha256);
    s3_header_value(data, bytes, "etag", info->etag, sizeof info->etag);
    s3_header_value(data, bytes, "x-amz-request-id", exchange->request_id,
                    sizeof exchange->request_id);
    return bytes;
}

/* The signed headers as curl wants them; wiped and freed by the caller. */
static struct curl_slist *s3_curl_headers(const strbuf *lines)
{
    struct curl_slist *list = NULL;
    const char *text = strbuf_cstr(lines);
    for (const char *line = text; *line;) {
        size_t length = strcspn(line, "\n");
        char one[8192];
        snprintf(one, sizeof one, "%.*s", (int)length, line);
        struct curl_slist *longer = curl_slist_append(list, one);
        OPENSSL_cleanse(one, sizeof one);
        if (!longer) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        list = longer;
        line += length + (line[length] == '\n');
    }
    /* No "Expect: 100-continue" round trip: S3 answers the whole request. */
    return curl_slist_append(list, "Expect:");
}

static void s3_free_headers(struct curl_slist *list, strbuf *lines)
{
    for (struct curl_slist *item = list; item; item = item->next)
        OPENSSL_cleanse(item->data, strlen(item->data));
    curl_slist_free_all(list);
    if (lines->data)
        OPENSSL_cleanse(lines->data, lines->len);
    strbuf_free(lines);
}

static void s3_set_method(CURL *curl, const s3_request *request, s3_exchange *exchange)
{
    if (strcmp(request->method, "HEAD") == 0) {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (strcmp(request->method, "PUT") == 0) {
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, s3_upload);
        curl_easy_setopt(curl, CURLOPT_READDATA, exchange);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)request->body_length);
    } else {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
}

/* One attempt: curl's result, the HTTP status in `status`. */
static CURLcode s3_perform(s3_client *client, const s3_target *target, const s3_request *request,
                           s3_exchange *exchange, long *http_status, char *curl_error)
{
    const ses_credentials *c = &client->credentials;
    const sigv4_credentials credentials = {
        .access_key_id = c->access_key_id,
        .secret_access_key = c->secret_access_key,
        .session_token = c->session_token[0] ? c->session_token : NULL,
    };
    strbuf lines = STRBUF_INIT;
    sigv4_result signature = {0};
    s3_sign(target, request, &credentials, client->region, time(NULL), &lines, &signature);
    sigv4_result_free(&signature);
    struct curl_slist *headers = s3_curl_headers(&lines);
    char url[sizeof target->url + 8];
    snprintf(url, sizeof url, "%s%s%s", target->url, request->query ? "?" : "",
             request->query ? request->query : "");
    CURL *curl = client->curl;
    curl_easy_reset(curl); /* keeps the connection cache: the next call reuses it */
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (client->ca_bundle[0])
        curl_easy_setopt(curl, CURLOPT_CAINFO, client->ca_bundle);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, client->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, client->request_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "briefing/" BRIEFING_VERSION);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, s3_collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, exchange);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, s3_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, exchange);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    s3_set_method(curl, request, exchange);
    CURLcode result = curl_easy_perform(curl);
    *http_status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, http_status);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    s3_free_headers(headers, &lines);
    return result;
}

/* ---- what an attempt came to ---- */

static const char *s3_error_leaf(void *context, const char *path, const char *text)
{
    ses_status *status = context;
    if (strcmp(path, "Code") == 0)
        ses_copy_text(status->error_code, sizeof status->error_code, text);
    else if (strcmp(path, "Message") == 0)
        ses_copy_text(status->error_message, sizeof status->error_message, text);
    else if (strcmp(path, "RequestId") == 0)
        ses_copy_text(status->request_id, sizeof status->request_id, text);
    return NULL;
}

/* S3's <Error> answer, or for a body-less one (HEAD) the status alone. */
static void s3_read_error(const char *action, long http_status, const char *body, size_t length,
                          ses_status *status)
{
    char root[64] = "", why[128];
    bool parsed = length && ses_xml_parse(body, length, root, sizeof root, s3_error_leaf, status,
                                          why, sizeof why) &&
                  strcmp(root, "Error") == 0 && status->error_code[0];
    if (!parsed)
        snprintf(status->error_code, sizeof status->error_code,
                 http_status == 404 ? "NotFound" : "http_%ld", http_status);
    char message[sizeof status->error_message];
    snprintf(message, sizeof message, "%s: HTTP %ld %s%s%s", action, http_status,
             status->error_code, status->error_message[0] ? ": " : "", status->error_message);
    snprintf(status->error_message, sizeof status->error_message, "%s", message);
}

/* S3's own codes beside those every AWS service shares (retry.c):
 * NULL-terminated. */
static const char *const s3_auth_failure_codes[] = {"InvalidAccessKeyId", "ExpiredToken",
                                                    "InvalidToken", NULL};
/* SlowDown is S3's throttling; RequestTimeout (400) is a socket S3 gave up
 * reading, which the SDKs retry. */
static const char *const s3_retried_codes[] = {"SlowDown", "RequestTimeout", NULL};

static bool s3_code_in(const char *code, const char *const *codes)
{
    for (size_t i = 0; codes[i]; i++)
        if (strcmp(code, codes[i]) == 0)
            return true;
    return false;
}

/* Judges one attempt: done, retry, or final; fills `status`. */
static attempt_verdict s3_judge(const char *action, CURLcode result, long http_status,
                                const char *curl_error, const strbuf *body, size_t body_start,
                                ses_status *status)
{
    status->http_status = (int)http_status;
    status->error_code[0] = status->error_message[0] = '\0';
    status->auth_failure = false;
    if (result != CURLE_OK) {
        status->outcome = SES_OUTCOME_FAILED;
        snprintf(status->error_code, sizeof status->error_code, "%s",
                 result == CURLE_OPERATION_TIMEDOUT ? "timeout" : "connection_failed");
        snprintf(status->error_message, sizeof status->error_message, "%s: %s", action,
                 curl_error[0] ? curl_error : curl_easy_strerror(result));
        /* A TLS or protocol failure will not change on its own. */
        return result == CURLE_PEER_FAILED_VERIFICATION || result == CURLE_UNSUPPORTED_PROTOCOL
                   ? ATTEMPT_FINAL
                   : ATTEMPT_RETRYABLE;
    }
    if (http_status >= 200 && http_status < 300) {
        status->outcome = SES_OUTCOME_OK;
        return ATTEMPT_DONE;
    }
    status->outcome = SES_OUTCOME_FAILED;
    s3_read_error(action, http_status, body->data ? body->data + body_start : "",
                  body->len - body_start, status);
    status->auth_failure = ses_is_auth_failure_code(status->error_code) ||
                           s3_code_in(status->error_code, s3_auth_failure_codes);
    bool again = ses_is_throttling_code(status->error_code) ||
                 s3_code_in(status->error_code, s3_retried_codes);
    return again || ses_is_retryable_http_status((int)http_status) ? ATTEMPT_RETRYABLE
                                                                   : ATTEMPT_FINAL;
}

/* Renews temporary credentials near their expiration. */
static bool s3_fresh_credentials(s3_client *client, ses_status *status)
{
    char why[sizeof status->error_message];
    if (ses_credentials_refresh(&client->credentials, time(NULL), why, sizeof why))
        return true;
    status->outcome = SES_OUTCOME_FAILED;
    status->auth_failure = true;
    snprintf(status->error_code, sizeof status->error_code, "ExpiredToken");
    snprintf(status->error_message, sizeof status->error_message, "%s", why);
    return false;
}

/* The call with its retries. `body` receives a 2xx answer's bytes (the
 * ones of failed attempts are dropped). */
static bool s3_call(s3_client *client, const char *action, const char *key,
                    const s3_request *request, strbuf *body, s3_object_info *info,
                    ses_status *status)
{
    memset(status, 0, sizeof *status);
    memset(info, 0, sizeof *info);
    info->content_length = -1;
    char error[256];
    s3_target target;
    if (!s3_object_target(client->endpoint, client->bucket, key, client->addressing, &target,
                          error, sizeof error)) {
        status->outcome = SES_OUTCOME_FAILED;
        snprintf(status->error_code, sizeof status->error_code, "bad_request");
        snprintf(status->error_message, sizeof status->error_message, "%s: %s", action, error);
        return false;
    }
    /* messages say which object: "PutObject s3://acme/exec/2026-12-07/cfo.eml" */
    char what[1200];
    snprintf(what, sizeof what, "%s s3://%s/%s", action, client->bucket, key ? key : "");
    size_t body_start = body->len;
    attempt_verdict verdict = ATTEMPT_FINAL;
    for (int attempt = 1;; attempt++) {
        status->attempts = attempt;
        if (!s3_fresh_credentials(client, status))
            return false;
        strbuf_truncate(body, body_start);
        memset(info, 0, sizeof *info);
        info->content_length = -1;
        s3_exchange exchange = {.body = body, .body_start = body_start, .info = info,
                                .request = request};
        char curl_error[CURL_ERROR_SIZE] = "";
        long http_status = 0;
        CURLcode result = s3_perform(client, &target, request, &exchange, &http_status, curl_error);
        verdict = s3_judge(what, result, http_status, curl_error, body, body_start, status);
        if (exchange.request_id[0] && !status->request_id[0])
            ses_copy_text(status->request_id, sizeof status->request_id, exchange.request_id);
        if (verdict == ATTEMPT_DONE) {
            ses_retry_quota_succeeded(&client->retry_quota, attempt > 1);
            return true;
        }
        if (verdict == ATTEMPT_FINAL || attempt >= client->max_attempts ||
            !ses_retry_quota_take(&client->retry_quota))
            break;
        ses_sleep_seconds(ses_backoff_seconds(client->backoff_base_seconds,
                                              client->backoff_cap_seconds, attempt - 1));
    }
    if (status->attempts > 1) {
        size_t used = strlen(status->error_message);
        snprintf(status->error_message + used, sizeof status->error_message - used,
                 " (gave up after %d attempts)", status->attempts);
    }
    strbuf_truncate(body, body_start);
    return false;
}

/* ---- the calls ---- */

bool s3_put_object(s3_client *client, const char *key, const void *body, size_t length,
                   const char *content_type, const char *tagging, s3_object_info *info,
                   ses_status *status)
{
    char checksum[45];
    s3_checksum_sha256(body, length, checksum);
    const s3_request request = {.method = "PUT", .body = body, .body_length = length,
                                .content_type = content_type, .checksum_sha256 = checksum,
                                .tagging = tagging && tagging[0] ? tagging : NULL};
    strbuf answer = STRBUF_INIT;
    bool ok = s3_call(client, "PutObject", key, &request, &answer, info, status);
    strbuf_free(&answer);
    return ok;
}

bool s3_get_object(s3_client *client, const char *key, strbuf *body, s3_object_info *info,
                   ses_status *status)
{
    const s3_request request = {.method = "GET", .checksum_mode = true};
    return s3_call(client, "GetObject", key, &request, body, info, status);
}

bool s3_head_object(s3_client *client, const char *key, bool *exists, s3_object_info *info,
                    ses_status *status)
{
    const s3_request request = {.method = "HEAD", .checksum_mode = true};
    strbuf answer = STRBUF_INIT;
    bool ok = s3_call(client, "HeadObject", key, &request, &answer, info, status);
    strbuf_free(&answer);
    *exists = ok;
    if (!ok && status->http_status == 404)
        return true; /* an answer: no such object */
    return ok;
}

/* <Tagging><TagSet><Tag><Key/><Value/></Tag>...: one "key=value" a line. */
typedef struct {
    strbuf *tags;
    char key[256];
} s3_tag_reader;

static const char *s3_tag_leaf(void *context, const char *path, const char *text)
{
    s3_tag_reader *reader = context;
    if (strcmp(path, "TagSet/Tag/Key") == 0)
        ses_copy_text(reader->key, sizeof reader->key, text);
    else if (strcmp(path, "TagSet/Tag/Value") == 0)
        strbuf_printf(reader->tags, "%s=%s\n", reader->key, text);
    return NULL;
}

bool s3_get_object_tagging(s3_client *client, const char *key, strbuf *tags,
                           ses_status *status)
{
    const s3_request request = {.method = "GET", .query = "tagging"};
    strbuf answer = STRBUF_INIT;
    s3_object_info info;
    bool ok = s3_call(client, "GetObjectTagging", key, &request, &answer, &info, status);
    char root[64], why[160];
    s3_tag_reader reader = {.tags = tags};
    if (ok && !ses_xml_parse(strbuf_cstr(&answer), answer.len, root, sizeof root, s3_tag_leaf,
                             &reader, why, sizeof why)) {
        status->outcome = SES_OUTCOME_FAILED;
        snprintf(status->error_code, sizeof status->error_code, "bad_response");
        snprintf(status->error_message, sizeof status->error_message,
                 "GetObjectTagging: an unreadable answer (%s)", why);
        ok = false;
    }
    strbuf_free(&answer);
    return ok;
}
