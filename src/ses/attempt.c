/* attempt.c: what one signed request came to, and whether to try again.
 *
 *  - 200 and a well-formed <ActionResponse> the call could read: done;
 *  - an SES error or a 5xx: failed; retried when throttled (but never for
 *    "Daily message quota exceeded") or on 500/502/503/504;
 *  - no connection: failed, retried, since SES never saw the request;
 *  - the request went out but the answer was lost (timeout, reset, cut
 *    short, unreadable 200): for a send SES_OUTCOME_UNKNOWN, never retried,
 *    since SES has no idempotency token and a retry could mail twice; for a
 *    read-only call a plain failure.
 * Messages say which action and why, with SES's own text or curl's error,
 * never a header (they carry the signature and the session token).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ses/ses_internal.h"

static void status_set(ses_status *status, ses_outcome outcome, const char *code,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void status_set(ses_status *status, ses_outcome outcome, const char *code, const char *fmt,
                       ...)
{
    status->outcome = outcome;
    ses_copy_text(status->error_code, sizeof status->error_code, code);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(status->error_message, sizeof status->error_message, fmt, ap);
    va_end(ap);
}

/* Transport failures by curl code: what to call them, and whether a retry
 * is worth it when nothing of the request was sent (a refused or timed-out
 * connection is; a TLS failure is not). Once the request was sent, none is
 * retried. */
typedef struct {
    CURLcode result;
    const char *error_code;
    const char *what;
    bool retry_if_unsent;
} transport_failure;

static const transport_failure transport_failures[] = {
    {CURLE_COULDNT_RESOLVE_HOST, "connection_failed", "could not resolve the host", true},
    {CURLE_COULDNT_CONNECT, "connection_failed", "could not connect", true},
    {CURLE_OPERATION_TIMEDOUT, "timeout", "no answer within the time limit", true},
    {CURLE_RECV_ERROR, "connection_reset", "connection reset", false},
    {CURLE_SEND_ERROR, "connection_reset", "connection lost while sending", false},
    {CURLE_GOT_NOTHING, "connection_reset", "connection closed without an answer", false},
    {CURLE_PARTIAL_FILE, "connection_reset", "answer cut short", false},
    {CURLE_SEND_FAIL_REWIND, "connection_reset", "kept-alive connection lost", false},
    {CURLE_WRITE_ERROR, "bad_response", "answer larger than 1 MiB", false},
};

static const transport_failure *transport_failure_for(CURLcode result)
{
    for (size_t i = 0; i < sizeof transport_failures / sizeof *transport_failures; i++)
        if (transport_failures[i].result == result)
            return &transport_failures[i];
    return NULL;
}

static attempt_verdict judge_transport(const ses_call *call, const ses_exchange *done,
                                       ses_status *status)
{
    const transport_failure *known = transport_failure_for(done->result);
    const char *code = known ? known->error_code : "connection_failed";
    const char *what = known ? known->what : curl_easy_strerror(done->result);
    const char *detail = done->curl_error && done->curl_error[0] ? done->curl_error : what;
    if (!done->request_sent) {
        status_set(status, SES_OUTCOME_FAILED, code, "%s: %s before the request was sent (%s)",
                   call->action, what, detail);
        return known && known->retry_if_unsent ? ATTEMPT_RETRYABLE : ATTEMPT_FINAL;
    }
    if (call->may_have_sent) {
        status_set(status, SES_OUTCOME_UNKNOWN, "unknown",
                   "%s: %s after the request was sent; SES may have accepted it (%s)",
                   call->action, what, detail);
        return ATTEMPT_FINAL;
    }
    status_set(status, SES_OUTCOME_FAILED, code, "%s: %s after the request was sent (%s)",
               call->action, what, detail);
    return ATTEMPT_FINAL;
}

/* A readable excerpt of a body that is not what SES sends. */
static void body_excerpt(const strbuf *response, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = 0; i < response->len && n + 1 < out_size && i < 160; i++) {
        unsigned char c = (unsigned char)response->data[i];
        out[n++] = (c >= 0x20 && c < 0x7f) ? (char)c : ' ';
    }
    out[n] = '\0';
}

static attempt_verdict judge_error_answer(const ses_call *call, const ses_exchange *done,
                                          const strbuf *response, ses_status *status)
{
    status->outcome = SES_OUTCOME_FAILED;
    bool retryable_status = ses_is_retryable_http_status((int)done->http_status);
    bool parsed = call->method ? ses_json_parse_error(done->error_type, strbuf_cstr(response),
                                                      response->len, status)
                               : ses_xml_parse_error(strbuf_cstr(response), response->len, status);
    if (!parsed) {
        char excerpt[161];
        body_excerpt(response, excerpt, sizeof excerpt);
        char code[32];
        snprintf(code, sizeof code, "http_%ld", done->http_status);
        status_set(status, SES_OUTCOME_FAILED, code, "%s: HTTP %ld without an SES error: %s",
                   call->action, done->http_status, excerpt[0] ? excerpt : "(empty)");
        return retryable_status ? ATTEMPT_RETRYABLE : ATTEMPT_FINAL;
    }
    status->auth_failure = ses_is_auth_failure_code(status->error_code);
    status->quota_exceeded = ses_is_daily_quota_message(status->error_code, status->error_message);
    if (status->quota_exceeded)
        return ATTEMPT_FINAL;
    if (ses_is_throttling_code(status->error_code) || retryable_status)
        return ATTEMPT_RETRYABLE;
    return ATTEMPT_FINAL;
}

typedef struct {
    const ses_call *call;
    ses_status *status;
} result_reader;

/* Takes ResponseMetadata/RequestId, hands everything else to the call. */
static const char *read_result_leaf(void *context, const char *path, const char *text)
{
    result_reader *reader = context;
    if (strcmp(path, "ResponseMetadata/RequestId") == 0) {
        ses_copy_text(reader->status->request_id, sizeof reader->status->request_id, text);
        return NULL;
    }
    return reader->call->read_result(reader->call->result, path, text);
}

static attempt_verdict judge_success(const ses_call *call, const strbuf *response,
                                     ses_status *status)
{
    char root[128], expected_root[128], error[256];
    snprintf(expected_root, sizeof expected_root, "%sResponse", call->action);
    result_reader reader = {call, status};
    bool well_formed = ses_xml_parse(strbuf_cstr(response), response->len, root, sizeof root,
                                     read_result_leaf, &reader, error, sizeof error);
    if (well_formed && strcmp(root, expected_root) != 0) {
        snprintf(error, sizeof error, "root element <%s>, expected <%s>", root, expected_root);
        well_formed = false;
    }
    if (well_formed) {
        status->outcome = SES_OUTCOME_OK;
        return ATTEMPT_DONE;
    }
    if (call->may_have_sent)
        status_set(status, SES_OUTCOME_UNKNOWN, "unknown",
                   "%s: HTTP 200 with an unreadable answer (%s); SES may have accepted it",
                   call->action, error);
    else
        status_set(status, SES_OUTCOME_FAILED, "bad_response",
                   "%s: HTTP 200 with an unreadable answer (%s)", call->action, error);
    return ATTEMPT_FINAL;
}

/* A JSON API's 2xx answer, read whole by the call. */
static attempt_verdict judge_json_success(const ses_call *call, const strbuf *response,
                                          ses_status *status)
{
    const char *why = call->read_json
                          ? call->read_json(call->result, strbuf_cstr(response), response->len)
                          : NULL;
    if (!why) {
        status->outcome = SES_OUTCOME_OK;
        return ATTEMPT_DONE;
    }
    if (call->may_have_sent)
        status_set(status, SES_OUTCOME_UNKNOWN, "unknown",
                   "%s: HTTP %d with an unreadable answer (%s); it may have been done",
                   call->action, status->http_status, why);
    else
        status_set(status, SES_OUTCOME_FAILED, "bad_response",
                   "%s: HTTP %d with an unreadable answer (%s)", call->action,
                   status->http_status, why);
    return ATTEMPT_FINAL;
}

attempt_verdict ses_attempt_judge(const ses_call *call, const ses_exchange *done,
                                  const strbuf *response, ses_status *status)
{
    status->http_status = (int)done->http_status;
    status->error_code[0] = status->error_message[0] = status->request_id[0] = '\0';
    status->auth_failure = status->quota_exceeded = false;
    if (done->result != CURLE_OK)
        return judge_transport(call, done, status);
    if (done->request_id && done->request_id[0])
        ses_copy_text(status->request_id, sizeof status->request_id, done->request_id);
    if (call->method && done->http_status >= 200 && done->http_status < 300)
        return judge_json_success(call, response, status);
    if (done->http_status != 200 || call->method)
        return judge_error_answer(call, done, response, status);
    return judge_success(call, response, status);
}
