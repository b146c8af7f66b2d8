/* ses_internal.h: what the SES client's files share and nothing else sees.
 *
 * client.c  the curl handle, one signed exchange, the retry loop
 * attempt.c what an exchange came to: done, retry, or final (and why)
 * retry.c   which answers are retried, which are unknown, backoff
 * form.c    the Query API's form encoding and base64
 * xml.c     expat: a response as a stream of (path, text) leaves
 * calls.c   the four API calls: their forms and their results
 * rest.c    the JSON APIs' answers and errors (jansson): SES v2, SQS
 * account.c SES v2 GetAccount and GetSuppressedDestination
 * setup.c   the calls `briefing events --setup` makes (SES v1, SNS, SQS)
 * ses_numbers.c locale-free numbers and times from the answers' text
 * pacer.c   the send-rate limiter (a sliding window), slowed by Throttling answers
 * sender.c  a batch's SendRawEmail requests in flight together (curl multi)
 * sqs.c     ReceiveMessage and DeleteMessageBatch for `briefing events` (briefing/sqs.h)
 * s3.c      the S3 client of the archive on S3 (briefing/s3.h); s3_names.c its pure half
 * (the credential sources share aws_internal.h)
 */
#ifndef BRIEFING_SES_INTERNAL_H
#define BRIEFING_SES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "briefing/ses.h"
#include "briefing/strbuf.h"

/* ---- what a call is (calls.c makes them, client.c performs them) ---- */

/* Called at the end of every element below the root with its path of local
 * names ("GetSendQuotaResult/MaxSendRate") and its trimmed text ("" for
 * containers). NULL to go on, or why the answer is unusable (stops the parse). */
typedef const char *(*ses_xml_leaf_fn)(void *context, const char *path, const char *text);

/* One API call: its action, its parameters and how to read its result.
 * `may_have_sent` marks calls with side effects (SendRawEmail): for them an
 * answer lost after the request went out is SES_OUTCOME_UNKNOWN. */
typedef struct {
    const char *action;
    bool may_have_sent;
    bool paced;                   /* a send: each attempt waits for a slot of the send rate */
    const strbuf *parameters;     /* form-encoded, without Action and Version */
    ses_xml_leaf_fn read_result;  /* fed the 200 answer's leaves */
    void *result;
    /* The fields below are zero for a Query API call (a form POSTed to the
     * endpoint, an XML answer); rest.c sets them for the JSON APIs. */
    const char *version;          /* Query API Version; NULL: SES v1's "2010-12-01" */
    const char *method;           /* "GET", "PUT", "POST"...: a JSON call */
    const char *path;             /* below the endpoint's path: "/v2/email/account" */
    const char *target;           /* X-Amz-Target (AWS JSON 1.0), or NULL */
    const strbuf *json_body;      /* NULL: no body */
    /* A JSON call's reader, fed the whole 2xx answer: NULL when usable, else why. */
    const char *(*read_json)(void *result, const char *body, size_t length);
} ses_call;

/* ---- attempt.c ---- */

/* One signed request as it went. */
typedef struct {
    CURLcode result;
    long http_status;
    bool request_sent;        /* any byte of the request left this host */
    const char *curl_error;   /* curl's detail, or "" */
    const char *error_type;   /* the x-amzn-ErrorType header (JSON APIs), or "" */
    const char *request_id;   /* the x-amzn-RequestId header, or "" */
} ses_exchange;

typedef enum {
    ATTEMPT_DONE,             /* answered 200 and read */
    ATTEMPT_RETRYABLE,        /* throttled, 5xx, or never sent */
    ATTEMPT_FINAL,            /* a failure that retrying now will not fix */
} attempt_verdict;

/* Fills `status` (all but `attempts`) from one exchange and its answer. */
attempt_verdict ses_attempt_judge(const ses_call *call, const ses_exchange *done,
                                  const strbuf *response, ses_status *status);

/* ---- pacer.c ---- */

/* Paces sends at or under SES's MaxSendRate: a sliding window of the last
 * starts (never more than N in any window of W >= 1 s, pacer.c says how N
 * and W follow the rate) with a least spacing between two starts; the rate
 * drops after a Throttling answer and climbs back as sends are accepted.
 * Invariant: 0 < rate <= target when target > 0; target <= 0 means no
 * pacing (and rate is 0); `starts` holds the last `count` start times,
 * the newest at `newest`. Not thread-safe: one per client. */
enum { SES_PACER_WINDOW_MAX = 1024 };
typedef struct {
    double target;            /* MaxSendRate; <= 0: no pacing */
    double rate;              /* in force now */
    double starts[SES_PACER_WINDOW_MAX]; /* monotonic seconds, a ring */
    size_t newest;
    size_t count;
    double last_slowdown;     /* monotonic seconds of the last slow-down */
    size_t throttled;         /* rate Throttling answers counted */
} ses_pacer;
void ses_pacer_init(ses_pacer *pacer, double max_send_rate);
/* Seconds until the next slot (0: now). */
double ses_pacer_delay(const ses_pacer *pacer, double now);
/* Books the slot for a request that starts now. */
void ses_pacer_take(ses_pacer *pacer, double now);
/* Sleeps until the next slot and books it. */
void ses_pacer_wait(ses_pacer *pacer);
/* SES answered "Maximum sending rate exceeded": slow down. */
void ses_pacer_throttled(ses_pacer *pacer, double now);
/* SES accepted a send: climb back towards the target. */
void ses_pacer_accepted(ses_pacer *pacer);

/* ---- client.c ---- */


/* POSTs the call with retries. True when SES answered 200 with a
 * well-formed <ActionResponse> that read_result accepted; `status` then holds
 * its request id. False with `status` saying what happened. */
bool ses_call_perform(ses_client *client, const ses_call *call, ses_status *status);

/* The form body of `call` (Action, Version, its parameters) and its
 * SHA-256 in hex, built once per call: every attempt signs the same bytes. */
void ses_call_body(const ses_call *call, strbuf *body, char payload_hash[65]);

/* The body goes out through a read callback rather than POSTFIELDS for one
 * reason: when a reused keep-alive connection dies after the request went
 * out, libcurl silently sends the request again on a new connection. For a
 * send that could mail twice, so its body refuses to rewind once any byte
 * of it was handed over, and curl fails with CURLE_SEND_FAIL_REWIND instead. */
typedef struct {
    const strbuf *body;
    size_t offset;
    bool may_rewind;
} ses_upload;

/* One curl easy handle with the client's settings, and what one attempt on
 * it needs. Invariant: `headers` is non-NULL exactly while an attempt is
 * armed (between ses_transfer_arm and ses_transfer_disarm); the handle is
 * kept from attempt to attempt so its connection is reused. */
typedef struct {
    CURL *curl;
    struct curl_slist *headers;   /* signed: hold the signature and session token */
    ses_upload upload;
    strbuf response;
    char curl_error[CURL_ERROR_SIZE];
    char error_type[128];         /* this answer's x-amzn-ErrorType, or "" */
    char request_id[128];         /* this answer's x-amzn-RequestId, or "" */
} ses_transfer;

/* A handle with the client's options (TLS checks, timeouts, keep-alive).
 * False with a message. */
bool ses_transfer_open(const ses_client *client, ses_transfer *t, char *error, size_t error_size);
/* Signs `body` now and sets the handle up to POST it for `call`. */
void ses_transfer_arm(const ses_client *client, ses_transfer *t, const ses_call *call,
                      const strbuf *body, const char *payload_hash);
/* What the attempt came to once curl finished it with `result`; unsets the
 * attempt's options and forgets its signed headers. */
ses_exchange ses_transfer_disarm(ses_transfer *t, CURLcode result);
void ses_transfer_close(ses_transfer *t);

/* Renews temporary credentials near their expiration; false with `status`
 * an authentication failure (nothing was sent). */
bool ses_client_fresh_credentials(ses_client *client, ses_status *status);

/* After attempt number `attempt` came back `verdict` with `status`: the
 * seconds to wait before the next attempt, or a negative number when there
 * is none (the status message then says why, when a retry was wanted). */
double ses_client_retry_wait(ses_client *client, ses_status *status, attempt_verdict verdict,
                             int attempt);
/* An attempt came back done: the retry quota gets its tokens back, and a
 * paced send lets the rate recover. */
void ses_client_attempt_done(ses_client *client, const ses_call *call, int attempt);

/* The client's send pacer: every SendRawEmail attempt takes a slot of it. */
ses_pacer *ses_client_pacer(ses_client *client);

/* The Host header ("host" or "host:port" for a non-default port; never
 * userinfo) and path of `url`, as curl sends them and SigV4 signs them.
 * False when it is not a URL. */
bool ses_url_signed_parts(const char *url, char *host_header, size_t host_size, char *path,
                          size_t path_size);

/* ---- retry.c ---- */

bool ses_is_throttling_code(const char *code);
bool ses_is_auth_failure_code(const char *code);
bool ses_is_daily_quota_message(const char *code, const char *message);
/* "Throttling" that is not the daily quota: "Maximum sending rate exceeded". */
bool ses_is_rate_throttling(const char *code, const char *message);
/* How many attempts an answer like `status` gets: max_attempts, or more
 * for a rate Throttling answer (the pacer slows down between them). */
int ses_retry_attempt_limit(const ses_status *status, int max_attempts);
bool ses_is_retryable_http_status(int http_status);
/* The standard mode's retry quota (one per client, not thread-safe). */
typedef struct {
    int tokens;
} ses_retry_quota;
void ses_retry_quota_init(ses_retry_quota *quota);
/* False when too many retries failed lately: do not retry now. */
bool ses_retry_quota_take(ses_retry_quota *quota);
void ses_retry_quota_succeeded(ses_retry_quota *quota, bool after_retry);

/* Seconds to wait before retry number `retry` (0 for the first): full
 * jitter in [0, min(cap, base * 2^retry)]. */
double ses_backoff_seconds(double base, double cap, int retry);
void ses_sleep_seconds(double seconds);
double ses_monotonic_seconds(void);

/* ---- form.c ---- */

/* Appends "&name=value" (no '&' when `form` is empty), both percent-encoded
 * as SigV4 wants: everything but A-Z a-z 0-9 - _ . ~ as %XX. */
void ses_form_add(strbuf *form, const char *name, const char *value);
void ses_form_add_bytes(strbuf *form, const char *name, const void *value, size_t length);
/* Appends `data` percent-encoded by the same rule (a URL path segment). */
void ses_percent_encode(strbuf *out, const void *data, size_t length);
/* Appends the base64 (RFC 4648, no line breaks) of `data`. */
void ses_base64_append(strbuf *out, const void *data, size_t length);

/* ---- xml.c ---- */

/* Parses a whole document. `root` receives the root element's local name.
 * False with "line:column: reason" when it is not well-formed, which is how
 * a truncated answer shows. */
bool ses_xml_parse(const char *xml, size_t length, char *root, size_t root_size,
                   ses_xml_leaf_fn leaf, void *context, char *error, size_t error_size);

/* Fills status->error_code/error_message/request_id from an SES
 * <ErrorResponse>; false when `xml` is not one. */
bool ses_xml_parse_error(const char *xml, size_t length, ses_status *status);

/* ---- calls.c ---- */

/* Where SendRawEmail's answer goes: its MessageId. */
typedef struct {
    char *message_id;
    size_t message_id_size;
} ses_send_answer;

/* Fills `parameters` and `call` for one SendRawEmail (the call reads its
 * answer into `answer`). False with `status` when the request is not valid
 * (nothing sent). */
bool ses_send_raw_call(const ses_send_request *request, strbuf *parameters,
                       ses_send_answer *answer, ses_call *call, ses_status *status);
/* After the call: a 200 without a MessageId is as uncertain as a lost
 * answer (unknown). Returns whether the send is known to be accepted. */
bool ses_send_raw_settle(bool ok, const ses_send_answer *answer, ses_status *status);

/* Judges one answer to `action` ("GetSendQuota", ...) as the client would
 * after an exchange that came back with `http_status`, reading it with that
 * action's own result reader: true when it is a usable answer, else `status`
 * says why. Lets the fuzz target and tests reach the XML readers without a
 * server. */
bool ses_answer_read(const char *action, long http_status, const char *answer, size_t length,
                     ses_status *status);

/* ---- rest.c ---- */

/* Reads a JSON API's error answer: the x-amzn-ErrorType header, else the
 * body's "__type" or "code" (cut at '#' or ':'), and its "message". False
 * when neither names an error. */
bool ses_json_parse_error(const char *error_type_header, const char *body, size_t length,
                          ses_status *status);

/* ---- setup_calls.c ---- */

/* One SQS call in its JSON protocol (X-Amz-Target: AmazonSQS.<action>) on a
 * client made for service "sqs": `request` (consumed) is the body, `read`
 * reads the 2xx answer (NULL when usable, else why). */
struct json_t;
bool ses_sqs_call(ses_client *client, const char *action, struct json_t *request,
                  const char *(*read)(void *, const char *, size_t), void *result,
                  ses_status *status);

/* ---- ses_numbers.c ---- */

/* Locale-free number parsing of the XML's text: the whole text must be the
 * number. Decimals accept "200.0", "-1", "1.0E7". */
bool ses_parse_decimal(const char *text, double *out);
bool ses_parse_int64(const char *text, int64_t *out);
/* "2026-11-23T08:15:00Z", optional fraction, "Z" or "+hh:mm". */
bool ses_parse_iso8601(const char *text, time_t *out);

/* Copies `text` into a fixed buffer, cut at a UTF-8 boundary. */
void ses_copy_text(char *dest, size_t dest_size, const char *text);

#endif
