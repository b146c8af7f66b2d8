/* sqs: ReceiveMessage and DeleteMessageBatch in SQS's JSON protocol.
 *
 * Each call is one signed POST through aws_http_perform (no connection is
 * kept: `briefing events` makes a handful per run). The body is JSON
 * written and read with jansson; X-Amz-Target and the content type are
 * signed with Host, as the SDKs do. Temporary credentials are renewed
 * before a call when they are about to expire.
 */
#include "briefing/sqs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "briefing/sigv4.h"
#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

enum {
    SQS_CALL_TIMEOUT_MS = 10000,     /* plus the long poll's wait */
    SQS_BATCH_MAX = 10,              /* DeleteMessageBatch's limit */
};
static const char SQS_CONTENT_TYPE[] = "application/x-amz-json-1.0";

struct sqs_client {
    char endpoint[1024];
    char host[300];                  /* Host header as signed */
    char path[1024];
    char region[64];
    ses_credentials credentials;
    char ca_bundle[1024];
};

bool sqs_resolve_endpoint(const char *aws_dir, const char *region, char *out, size_t out_size,
                          char *error, size_t error_size)
{
    aws_files files;
    if (!aws_files_load(&files, aws_dir, error, error_size))
        return false;
    char origin[1200] = "";
    const char *value = aws_profile_endpoint(&files, aws_profile_name(NULL), "sqs",
                                             "AWS_ENDPOINT_URL_SQS", origin, sizeof origin);
    char url[1024];
    if (value && *value) {
        snprintf(url, sizeof url, "%s", value);
    } else if (region && *region &&
               strspn(region, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(region)) {
        snprintf(url, sizeof url, "https://sqs.%s.amazonaws.com", region);
        snprintf(origin, sizeof origin, "SES_REGION");
    } else {
        snprintf(error, error_size,
                 "no SQS endpoint: set AWS_ENDPOINT_URL_SQS, or a region (SES_REGION) to use "
                 "https://sqs.<region>.amazonaws.com");
        aws_files_free(&files);
        return false;
    }
    aws_files_free(&files);
    if (!ses_endpoint_check(url, origin, error, error_size))
        return false;
    size_t length = strlen(url);
    while (length > 0 && url[length - 1] == '/')
        length--;
    if (length >= out_size) {
        snprintf(error, error_size, "%s: endpoint is longer than %zu bytes", origin, out_size - 1);
        return false;
    }
    memcpy(out, url, length);
    out[length] = '\0';
    return true;
}

sqs_client *sqs_client_new(const sqs_config *config, char *error, size_t error_size)
{
    if (!config->endpoint || !*config->endpoint || !config->region || !*config->region ||
        !config->credentials.access_key_id[0]) {
        snprintf(error, error_size, "SQS client: an endpoint, a region and credentials are required");
        return NULL;
    }
    sqs_client *client = calloc(1, sizeof *client);
    if (!client) {
        snprintf(error, error_size, "SQS client: out of memory");
        return NULL;
    }
    snprintf(client->endpoint, sizeof client->endpoint, "%s", config->endpoint);
    snprintf(client->region, sizeof client->region, "%s", config->region);
    snprintf(client->ca_bundle, sizeof client->ca_bundle, "%s",
             config->ca_bundle ? config->ca_bundle : "");
    client->credentials = config->credentials;
    if (!ses_url_signed_parts(config->endpoint, client->host, sizeof client->host, client->path,
                              sizeof client->path)) {
        snprintf(error, error_size, "SQS endpoint %s: not a URL", config->endpoint);
        sqs_client_free(client);
        return NULL;
    }
    return client;
}

void sqs_client_free(sqs_client *client)
{
    if (!client)
        return;
    OPENSSL_cleanse(&client->credentials, sizeof client->credentials);
    free(client);
}

/* "Name: value" into `out`, which may hold a secret: wiped by the caller. */
static void sqs_header_line(strbuf *out, const char *name, const char *value)
{
    strbuf_truncate(out, 0);
    strbuf_printf(out, "%s: %s", name, value);
}

/* SQS's error answer: {"__type": "com.amazonaws.sqs#QueueDoesNotExist",
 * "message": "..."}; the code is what follows '#'. */
static void sqs_error_answer(const char *action, long http_status, const strbuf *answer,
                             char *error, size_t error_size)
{
    json_t *root = json_loadb(answer->data ? answer->data : "", answer->len, 0, NULL);
    const char *type = json_string_value(json_object_get(root, "__type"));
    const char *message = json_string_value(json_object_get(root, "message"));
    if (!message)
        message = json_string_value(json_object_get(root, "Message"));
    const char *code = type && strchr(type, '#') ? strchr(type, '#') + 1 : type;
    if (code)
        snprintf(error, error_size, "SQS %s: %s: %s (HTTP %ld)", action, code,
                 message ? message : "", http_status);
    else
        snprintf(error, error_size, "SQS %s: HTTP %ld without an SQS error", action, http_status);
    json_decref(root);
}

/* One signed call: the parsed 200 answer (an empty object for an empty
 * body; the caller json_decref()s it), or NULL with the error. */
static json_t *sqs_call(sqs_client *client, const char *action, json_t *request, long timeout_ms,
                        char *error, size_t error_size)
{
    char why[512];
    if (!ses_credentials_refresh(&client->credentials, time(NULL), why, sizeof why)) {
        snprintf(error, error_size, "SQS %s: %s", action, why);
        return NULL;
    }
    char *body = json_dumps(request, JSON_COMPACT);
    char payload_hash[65], target[64];
    sigv4_payload_hash(body, strlen(body), payload_hash);
    snprintf(target, sizeof target, "AmazonSQS.%s", action);
    const sigv4_header signed_headers[] = {
        {"Host", client->host}, {"Content-Type", SQS_CONTENT_TYPE}, {"X-Amz-Target", target}};
    const sigv4_request signing = {.method = "POST", .path = client->path, .query = NULL,
                                   .headers = signed_headers,
                                   .header_count = sizeof signed_headers / sizeof *signed_headers,
                                   .payload_hash = payload_hash};
    const ses_credentials *c = &client->credentials;
    const sigv4_credentials keys = {.access_key_id = c->access_key_id,
                                    .secret_access_key = c->secret_access_key,
                                    .session_token = c->session_token[0] ? c->session_token : NULL};
    sigv4_result signature = {0};
    sigv4_sign(&signing, &keys, client->region, "sqs", time(NULL), 1, &signature);

    strbuf lines[6] = {STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT};
    sqs_header_line(&lines[0], "Host", client->host);
    sqs_header_line(&lines[1], "Content-Type", SQS_CONTENT_TYPE);
    sqs_header_line(&lines[2], "X-Amz-Target", target);
    sqs_header_line(&lines[3], "X-Amz-Date", signature.amz_date);
    sqs_header_line(&lines[4], "Authorization", strbuf_cstr(&signature.authorization));
    if (keys.session_token)
        sqs_header_line(&lines[5], "X-Amz-Security-Token", keys.session_token);
    const char *headers[7];
    size_t used = 0;
    for (size_t i = 0; i < 6; i++)
        if (lines[i].len)
            headers[used++] = strbuf_cstr(&lines[i]);
    headers[used] = NULL;
    const aws_http_request http = {.method = "POST", .url = client->endpoint, .headers = headers,
                                   .body = body, .timeout_ms = timeout_ms,
                                   .ca_bundle = client->ca_bundle[0] ? client->ca_bundle : NULL};
    strbuf answer = STRBUF_INIT;
    long status = 0;
    bool answered = aws_http_perform(&http, &answer, &status, why, sizeof why);
    for (size_t i = 0; i < 6; i++) {
        if (lines[i].data)
            OPENSSL_cleanse(lines[i].data, lines[i].len);
        strbuf_free(&lines[i]);
    }
    sigv4_result_free(&signature);
    free(body);
    json_t *root = NULL;
    if (!answered) {
        snprintf(error, error_size, "SQS %s: %s: no answer: %s", action, client->endpoint, why);
    } else if (status != 200) {
        sqs_error_answer(action, status, &answer, error, error_size);
    } else {
        json_error_t parse;
        root = answer.len ? json_loadb(answer.data, answer.len, 0, &parse) : json_object();
        if (!json_is_object(root)) {
            snprintf(error, error_size, "SQS %s: the answer is not a JSON object", action);
            json_decref(root);
            root = NULL;
        }
    }
    strbuf_free(&answer);
    return root;
}

static const char *sqs_member_or(const json_t *object, const char *name, const char *fallback)
{
    const char *value = json_string_value(json_object_get(object, name));
    return value ? value : fallback;
}

static char *sqs_strdup_member(const json_t *object, const char *name)
{
    return strdup(sqs_member_or(object, name, ""));
}

void sqs_messages_free(sqs_message *messages, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(messages[i].message_id);
        free(messages[i].receipt_handle);
        free(messages[i].body);
    }
    free(messages);
}

bool sqs_receive(sqs_client *client, const char *queue_url, int wait_seconds, int max_messages,
                 sqs_message **messages, size_t *count, char *error, size_t error_size)
{
    *messages = NULL;
    *count = 0;
    json_t *request = json_pack("{s:s, s:i, s:i}", "QueueUrl", queue_url, "MaxNumberOfMessages",
                                max_messages, "WaitTimeSeconds", wait_seconds);
    json_t *answer = sqs_call(client, "ReceiveMessage", request,
                              SQS_CALL_TIMEOUT_MS + 1000L * wait_seconds, error, error_size);
    json_decref(request);
    if (!answer)
        return false;
    const json_t *list = json_object_get(answer, "Messages");
    size_t n = json_is_array(list) ? json_array_size(list) : 0;
    *messages = n ? calloc(n, sizeof **messages) : NULL;
    if (n && !*messages) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        const json_t *m = json_array_get(list, i);
        sqs_message *out = &(*messages)[i];
        out->message_id = sqs_strdup_member(m, "MessageId");
        out->receipt_handle = sqs_strdup_member(m, "ReceiptHandle");
        out->body = sqs_strdup_member(m, "Body");
    }
    *count = n;
    json_decref(answer);
    return true;
}

/* One DeleteMessageBatch of at most SQS_BATCH_MAX entries. */
static bool sqs_delete_some(sqs_client *client, const char *queue_url,
                            const char *const *receipt_handles, size_t count, char *error,
                            size_t error_size)
{
    json_t *entries = json_array();
    for (size_t i = 0; i < count; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%zu", i);
        json_array_append_new(entries, json_pack("{s:s, s:s}", "Id", id, "ReceiptHandle",
                                                 receipt_handles[i]));
    }
    json_t *request = json_pack("{s:s, s:o}", "QueueUrl", queue_url, "Entries", entries);
    json_t *answer = sqs_call(client, "DeleteMessageBatch", request, SQS_CALL_TIMEOUT_MS, error,
                              error_size);
    json_decref(request);
    if (!answer)
        return false;
    const json_t *failed = json_object_get(answer, "Failed");
    bool ok = !json_is_array(failed) || json_array_size(failed) == 0;
    if (!ok) {
        const json_t *first = json_array_get(failed, 0);
        snprintf(error, error_size, "SQS DeleteMessageBatch: %zu not deleted: %s: %s",
                 json_array_size(failed), sqs_member_or(first, "Code", "?"),
                 sqs_member_or(first, "Message", ""));
    }
    json_decref(answer);
    return ok;
}

bool sqs_delete(sqs_client *client, const char *queue_url, const char *const *receipt_handles,
                size_t count, char *error, size_t error_size)
{
    for (size_t done = 0; done < count; done += SQS_BATCH_MAX) {
        size_t some = count - done < SQS_BATCH_MAX ? count - done : SQS_BATCH_MAX;
        if (!sqs_delete_some(client, queue_url, receipt_handles + done, some, error, error_size))
            return false;
    }
    return true;
}
