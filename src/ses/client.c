/* client.c: one SES client = one curl handle (keep-alive) and its settings;
 * one call = a signed POST, retried the AWS standard way.
 *
 * The body is built and hashed once per call; every attempt signs it anew
 * at its own time, and attempt.c judges what came back: done, worth a retry
 * after a full-jitter wait, or final. TLS peer and host verification are
 * always on. No secret reaches a message, a log or the process's output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stddef.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "briefing/sigv4.h"
#include "ses/ses_internal.h"

enum {
    RESPONSE_MAX_BYTES = 1 << 20,   /* SES answers are a few hundred bytes */
    DEFAULT_CONNECT_TIMEOUT_MS = 5000,
    DEFAULT_REQUEST_TIMEOUT_MS = SES_DEFAULT_REQUEST_TIMEOUT_MS,
    DEFAULT_QUERY_TIMEOUT_MS = 4000,
    DEFAULT_MAX_ATTEMPTS = 3,
};
/* Idle connections older than this are not reused: the fewer reuses race a
 * server closing them, the fewer sends end up unknown (see upload_seek). */
static const long CONNECTION_MAX_IDLE_SECONDS = 20;
static const double DEFAULT_BACKOFF_BASE_SECONDS = 1.0;
static const double DEFAULT_BACKOFF_CAP_SECONDS = 20.0;
static const char SES_API_VERSION[] = "2010-12-01";
static const char FORM_CONTENT_TYPE[] = "application/x-www-form-urlencoded; charset=utf-8";
static const char JSON_CONTENT_TYPE[] = "application/json";
static const char AMZ_JSON_CONTENT_TYPE[] = "application/x-amz-json-1.0";

struct ses_client {
    ses_transfer transfer;   /* the one-call-at-a-time handle (keep-alive) */
    char host[300];          /* Host header as signed: "host" or "host:port" */
    char path[1024];
    char endpoint[1024];
    char region[64];
    char service[16];        /* the SigV4 service name: "ses", "sns", "sqs" */
    ses_credentials credentials;     /* asked for again near their expiration */
    char ca_bundle[1024];            /* "": the system's CA certificates */
    long connect_timeout_ms;
    long request_timeout_ms;
    long query_timeout_ms;
    int max_attempts;
    double backoff_base_seconds;
    double backoff_cap_seconds;
    ses_retry_quota retry_quota;     /* shared by every call of this client */
    ses_pacer send_pacer;            /* every attempt of every send books a slot */
};

/* ---- construction ---- */

bool ses_url_signed_parts(const char *endpoint, char *host_header, size_t host_size, char *path,
                          size_t path_size)
{
    CURLU *url = curl_url();
    char *host = NULL, *port = NULL, *url_path = NULL;
    bool ok = url && curl_url_set(url, CURLUPART_URL, endpoint, 0) == CURLUE_OK &&
              curl_url_get(url, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
              curl_url_get(url, CURLUPART_PATH, &url_path, 0) == CURLUE_OK;
    if (ok) {
        /* An explicit, non-default port is part of the signed Host header. */
        if (curl_url_get(url, CURLUPART_PORT, &port, CURLU_NO_DEFAULT_PORT) == CURLUE_OK)
            snprintf(host_header, host_size, "%s:%s", host, port);
        else
            snprintf(host_header, host_size, "%s", host);
        snprintf(path, path_size, "%s", url_path[0] ? url_path : "/");
    }
    curl_free(host);
    curl_free(port);
    curl_free(url_path);
    curl_url_cleanup(url);
    return ok;
}

/* Splits the endpoint into the Host header and path that get signed. */
static bool client_parse_endpoint(ses_client *client, const char *endpoint, char *error,
                                  size_t error_size)
{
    if (ses_url_signed_parts(endpoint, client->host, sizeof client->host, client->path,
                             sizeof client->path))
        return true;
    snprintf(error, error_size, "SES endpoint %s: not a URL", endpoint);
    return false;
}

static size_t client_collect(char *data, size_t size, size_t count, void *userdata)
{
    strbuf *response = userdata;
    size_t bytes = size * count;
    if (response->len + bytes > RESPONSE_MAX_BYTES)
        return 0; /* curl fails the transfer with CURLE_WRITE_ERROR */
    strbuf_append(response, data, bytes);
    return bytes;
}

/* Keeps the two headers a JSON API answers with that its body may lack. */
static size_t client_header(char *data, size_t size, size_t count, void *userdata)
{
    ses_transfer *transfer = userdata;
    size_t bytes = size * count;
    static const struct {
        const char *name;
        size_t offset;
    } kept[] = {
        {"x-amzn-errortype:", offsetof(ses_transfer, error_type)},
        {"x-amzn-requestid:", offsetof(ses_transfer, request_id)},
    };
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        size_t name_length = strlen(kept[i].name);
        if (bytes <= name_length || strncasecmp(data, kept[i].name, name_length) != 0)
            continue;
        const char *value = data + name_length;
        size_t length = bytes - name_length;
        while (length && (*value == ' ' || *value == '\t'))
            value++, length--;
        while (length && (value[length - 1] == '\r' || value[length - 1] == '\n' ||
                          value[length - 1] == ' '))
            length--;
        char *field = (char *)transfer + kept[i].offset;
        if (length >= sizeof transfer->error_type)
            length = sizeof transfer->error_type - 1;
        memcpy(field, value, length);
        field[length] = '\0';
    }
    return bytes;
}

bool ses_transfer_open(const ses_client *client, ses_transfer *t, char *error,
                       size_t error_size)
{
    memset(t, 0, sizeof *t);
    t->response = (strbuf)STRBUF_INIT;
    t->curl = curl_easy_init();
    if (!t->curl) {
        snprintf(error, error_size, "SES client: curl_easy_init failed");
        return false;
    }
    CURL *curl = t->curl;
    bool ok = curl_easy_setopt(curl, CURLOPT_URL, client->endpoint) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_POST, 1L) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_MAXAGE_CONN, CONNECTION_MAX_IDLE_SECONDS) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, client->connect_timeout_ms) ==
                  CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, client->request_timeout_ms) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_USERAGENT, "briefing/" BRIEFING_VERSION) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, client_collect) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t->response) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, t->curl_error) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, client_header) == CURLE_OK &&
              curl_easy_setopt(curl, CURLOPT_HEADERDATA, t) == CURLE_OK &&
              (!client->ca_bundle[0] ||
               curl_easy_setopt(curl, CURLOPT_CAINFO, client->ca_bundle) == CURLE_OK);
    if (!ok)
        snprintf(error, error_size, "SES client: this libcurl lacks a needed option (7.85+ needed)");
    return ok;
}

void ses_transfer_close(ses_transfer *t)
{
    if (t->curl)
        curl_easy_cleanup(t->curl);
    if (t->headers)
        curl_slist_free_all(t->headers);
    strbuf_free(&t->response);
    memset(t, 0, sizeof *t);
}

ses_client *ses_client_new(const ses_config *config, char *error, size_t error_size)
{
    if (!config->endpoint || !config->endpoint[0] || !config->region || !config->region[0]) {
        snprintf(error, error_size, "SES client: an endpoint and a region are required");
        return NULL;
    }
    if (!config->credentials.access_key_id[0] || !config->credentials.secret_access_key[0]) {
        snprintf(error, error_size, "SES client: credentials are required");
        return NULL;
    }
    ses_client *client = calloc(1, sizeof *client);
    if (!client) {
        snprintf(error, error_size, "SES client: out of memory");
        return NULL;
    }
    snprintf(client->region, sizeof client->region, "%s", config->region);
    snprintf(client->endpoint, sizeof client->endpoint, "%s", config->endpoint);
    snprintf(client->service, sizeof client->service, "%s",
             config->service && config->service[0] ? config->service : "ses");
    client->credentials = config->credentials;
    snprintf(client->ca_bundle, sizeof client->ca_bundle, "%s", config->ca_bundle);
    client->connect_timeout_ms = config->connect_timeout_ms > 0 ? config->connect_timeout_ms
                                                                : DEFAULT_CONNECT_TIMEOUT_MS;
    client->request_timeout_ms = config->request_timeout_ms > 0 ? config->request_timeout_ms
                                                                : DEFAULT_REQUEST_TIMEOUT_MS;
    client->query_timeout_ms = config->query_timeout_ms > 0 ? config->query_timeout_ms
                                                            : DEFAULT_QUERY_TIMEOUT_MS;
    if (client->query_timeout_ms > client->request_timeout_ms)
        client->query_timeout_ms = client->request_timeout_ms;
    ses_retry_quota_init(&client->retry_quota);
    ses_pacer_init(&client->send_pacer, 0);
    client->max_attempts = config->max_attempts > 0 ? config->max_attempts : DEFAULT_MAX_ATTEMPTS;
    client->backoff_base_seconds = config->backoff_base_seconds > 0 ? config->backoff_base_seconds
                                                                    : DEFAULT_BACKOFF_BASE_SECONDS;
    client->backoff_cap_seconds = config->backoff_cap_seconds > 0 ? config->backoff_cap_seconds
                                                                  : DEFAULT_BACKOFF_CAP_SECONDS;
    if (!client_parse_endpoint(client, config->endpoint, error, error_size) ||
        !ses_transfer_open(client, &client->transfer, error, error_size)) {
        ses_client_free(client);
        return NULL;
    }
    return client;
}

void ses_client_free(ses_client *client)
{
    if (!client)
        return;
    ses_transfer_close(&client->transfer);
    OPENSSL_cleanse(&client->credentials, sizeof client->credentials);
    free(client);
}

/* ---- one attempt ---- */

/* Appends "Name: value" ("Name:" removes a header curl would add). Out of
 * memory aborts, as everywhere in briefing. */
static struct curl_slist *header_add(struct curl_slist *list, const char *name, const char *value)
{
    strbuf line = STRBUF_INIT;
    strbuf_printf(&line, "%s:%s%s", name, value ? " " : "", value ? value : "");
    struct curl_slist *longer = curl_slist_append(list, strbuf_cstr(&line));
    OPENSSL_cleanse(line.data, line.len); /* may hold the session token */
    strbuf_free(&line);
    if (!longer) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return longer;
}

/* The Content-Type a call's body goes with; NULL: no body, no header. */
static const char *client_content_type(const ses_call *call)
{
    if (!call->method)
        return FORM_CONTENT_TYPE;
    if (call->target)
        return AMZ_JSON_CONTENT_TYPE;
    return call->json_body ? JSON_CONTENT_TYPE : NULL;
}

static struct curl_slist *client_signed_headers(const ses_client *client, const ses_call *call,
                                                const char *path, const char *payload_hash)
{
    const char *content_type = client_content_type(call);
    sigv4_header headers[3] = {{"Host", client->host}};
    size_t header_count = 1;
    if (content_type)
        headers[header_count++] = (sigv4_header){"Content-Type", content_type};
    if (call->target)
        headers[header_count++] = (sigv4_header){"X-Amz-Target", call->target};
    const sigv4_request request = {
        .method = call->method ? call->method : "POST",
        .path = path,
        .query = NULL,
        .headers = headers,
        .header_count = header_count,
        .payload_hash = payload_hash,
    };
    const ses_credentials *c = &client->credentials;
    const sigv4_credentials credentials = {
        .access_key_id = c->access_key_id,
        .secret_access_key = c->secret_access_key,
        .session_token = c->session_token[0] ? c->session_token : NULL,
    };
    sigv4_result signature = {0};
    sigv4_sign(&request, &credentials, client->region, client->service, time(NULL), 1,
               &signature);

    struct curl_slist *list = NULL;
    for (size_t i = 0; i < header_count; i++)
        list = header_add(list, headers[i].name, headers[i].value);
    list = header_add(list, "X-Amz-Date", signature.amz_date);
    if (credentials.session_token)
        list = header_add(list, "X-Amz-Security-Token", credentials.session_token);
    list = header_add(list, "Authorization", strbuf_cstr(&signature.authorization));
    /* No "Expect: 100-continue" round trip: SES answers the whole request. */
    list = header_add(list, "Expect", NULL);
    sigv4_result_free(&signature);
    return list;
}

static size_t upload_read(char *buffer, size_t size, size_t count, void *userdata)
{
    ses_upload *u = userdata;
    size_t left = u->body->len - u->offset;
    size_t take = size * count < left ? size * count : left;
    memcpy(buffer, u->body->data + u->offset, take);
    u->offset += take;
    return take;
}

static int upload_seek(void *userdata, curl_off_t offset, int origin)
{
    ses_upload *u = userdata;
    if (origin != SEEK_SET || offset < 0 || (size_t)offset > u->body->len)
        return CURL_SEEKFUNC_CANTSEEK;
    if (!u->may_rewind && u->offset > 0)
        return CURL_SEEKFUNC_CANTSEEK;
    u->offset = (size_t)offset;
    return CURL_SEEKFUNC_OK;
}

/* Where a call goes: the endpoint, or for a JSON call the endpoint's path
 * joined with the call's ("/v2/email/account"), as sent and as signed. */
typedef struct {
    char url[2048];
    char path[2048];
} call_target;

static void client_call_target(const ses_client *client, const ses_call *call,
                               call_target *out)
{
    if (!call->path) {
        snprintf(out->url, sizeof out->url, "%s", client->endpoint);
        snprintf(out->path, sizeof out->path, "%s", client->path);
        return;
    }
    size_t base = strlen(client->path);
    while (base > 0 && client->path[base - 1] == '/')
        base--;
    snprintf(out->path, sizeof out->path, "%.*s%s", (int)base, client->path, call->path);
    snprintf(out->url, sizeof out->url, "%s", client->endpoint);
    CURLU *url = curl_url();
    char *joined = NULL;
    if (url && curl_url_set(url, CURLUPART_URL, client->endpoint, 0) == CURLUE_OK &&
        curl_url_set(url, CURLUPART_PATH, out->path, 0) == CURLUE_OK &&
        curl_url_get(url, CURLUPART_URL, &joined, 0) == CURLUE_OK)
        snprintf(out->url, sizeof out->url, "%s", joined);
    curl_free(joined);
    curl_url_cleanup(url);
}

/* The method: POST as set up, GET without a body, or another verb. */
static void client_set_method(CURL *curl, const ses_call *call)
{
    const char *method = call->method ? call->method : "POST";
    if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        return;
    }
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, strcmp(method, "POST") ? method : NULL);
}

void ses_transfer_arm(const ses_client *client, ses_transfer *t, const ses_call *call,
                      const strbuf *body, const char *payload_hash)
{
    call_target target;
    client_call_target(client, call, &target);
    if (t->headers)
        curl_slist_free_all(t->headers);
    t->headers = client_signed_headers(client, call, target.path, payload_hash);
    t->upload = (ses_upload){.body = body, .may_rewind = !call->may_have_sent};
    strbuf_truncate(&t->response, 0);
    t->curl_error[0] = t->error_type[0] = t->request_id[0] = '\0';
    CURL *curl = t->curl;
    curl_easy_setopt(curl, CURLOPT_URL, target.url);
    client_set_method(curl, call);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, t->headers);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, upload_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &t->upload);
    curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, upload_seek);
    curl_easy_setopt(curl, CURLOPT_SEEKDATA, &t->upload);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body->len);
    /* A question (quota, identity) that goes unanswered should not hold the
     * operator for as long as an upload may legitimately take. */
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                     call->may_have_sent ? client->request_timeout_ms : client->query_timeout_ms);
}

ses_exchange ses_transfer_disarm(ses_transfer *t, CURLcode result)
{
    ses_exchange done = {.result = result};
    long header_bytes = 0;
    curl_off_t body_bytes = 0;
    CURL *curl = t->curl;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &done.http_status);
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &header_bytes);
    curl_easy_getinfo(curl, CURLINFO_SIZE_UPLOAD_T, &body_bytes);
    done.request_sent = header_bytes > 0 || body_bytes > 0 || t->upload.offset > 0;
    done.curl_error = t->curl_error;
    done.error_type = t->error_type;
    done.request_id = t->request_id;
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, NULL);
    curl_easy_setopt(curl, CURLOPT_READDATA, NULL);
    curl_easy_setopt(curl, CURLOPT_SEEKDATA, NULL);
    curl_slist_free_all(t->headers);
    t->headers = NULL;
    return done;
}

static attempt_verdict client_attempt(ses_client *client, const ses_call *call,
                                      const strbuf *body, const char *payload_hash,
                                      ses_status *status)
{
    ses_transfer *t = &client->transfer;
    ses_transfer_arm(client, t, call, body, payload_hash);
    ses_exchange done = ses_transfer_disarm(t, curl_easy_perform(t->curl));
    return ses_attempt_judge(call, &done, &t->response, status);
}

/* ---- the call with its retries ---- */

/* Temporary credentials are asked for again before they run out, so a
 * console left open for hours keeps signing with valid keys. Failing to
 * renew them is an authentication failure: nothing was sent. */
bool ses_client_fresh_credentials(ses_client *client, ses_status *status)
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

void ses_client_set_send_rate(ses_client *client, double rate_per_second)
{
    ses_pacer_init(&client->send_pacer, rate_per_second);
}

ses_pacer *ses_client_pacer(ses_client *client)
{
    return &client->send_pacer;
}

static void status_append(ses_status *status, const char *text)
{
    size_t used = strlen(status->error_message);
    snprintf(status->error_message + used, sizeof status->error_message - used, "%s", text);
}

double ses_client_retry_wait(ses_client *client, ses_status *status, attempt_verdict verdict,
                             int attempt)
{
    if (verdict != ATTEMPT_RETRYABLE)
        return -1;
    if (ses_is_rate_throttling(status->error_code, status->error_message))
        ses_pacer_throttled(&client->send_pacer, ses_monotonic_seconds());
    if (attempt >= ses_retry_attempt_limit(status, client->max_attempts)) {
        char note[64];
        snprintf(note, sizeof note, " (gave up after %d attempts)", attempt);
        if (attempt > 1)
            status_append(status, note);
        return -1;
    }
    if (!ses_retry_quota_take(&client->retry_quota)) {
        status_append(status, " (not retried: too many failed attempts lately)");
        return -1;
    }
    return ses_backoff_seconds(client->backoff_base_seconds, client->backoff_cap_seconds,
                               attempt - 1);
}

void ses_client_attempt_done(ses_client *client, const ses_call *call, int attempt)
{
    ses_retry_quota_succeeded(&client->retry_quota, attempt > 1);
    if (call->paced)
        ses_pacer_accepted(&client->send_pacer);
}

void ses_call_body(const ses_call *call, strbuf *body, char payload_hash[65])
{
    if (call->method) {
        if (call->json_body)
            strbuf_append(body, call->json_body->data ? call->json_body->data : "",
                          call->json_body->len);
    } else {
        ses_form_add(body, "Action", call->action);
        ses_form_add(body, "Version", call->version ? call->version : SES_API_VERSION);
        if (call->parameters && call->parameters->len) {
            strbuf_putc(body, '&');
            strbuf_append(body, call->parameters->data, call->parameters->len);
        }
    }
    sigv4_payload_hash(body->data, body->len, payload_hash);
}

bool ses_call_perform(ses_client *client, const ses_call *call, ses_status *status)
{
    memset(status, 0, sizeof *status);
    strbuf body = STRBUF_INIT;
    char payload_hash[65];
    ses_call_body(call, &body, payload_hash);
    attempt_verdict verdict;
    for (int attempt = 1;; attempt++) {
        status->attempts = attempt;
        if (call->paced)
            ses_pacer_wait(&client->send_pacer);
        if (!ses_client_fresh_credentials(client, status)) {
            verdict = ATTEMPT_FINAL;
            break;
        }
        verdict = client_attempt(client, call, &body, payload_hash, status);
        if (verdict == ATTEMPT_DONE)
            ses_client_attempt_done(client, call, attempt);
        double wait = ses_client_retry_wait(client, status, verdict, attempt);
        if (wait < 0)
            break;
        ses_sleep_seconds(wait);
    }
    strbuf_free(&body);
    return verdict == ATTEMPT_DONE;
}
