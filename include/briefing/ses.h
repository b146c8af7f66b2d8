/* ses: Amazon SES's v1 Query API and its v2 JSON API over libcurl, signed
 * with SigV4 (and, for `events --setup`, SNS and SQS the same way; DynamoDB
 * for the shared ledger, briefing/dynamodb.h).
 *
 * One client holds one curl handle (keep-alive) and its settings. Every call
 * has a connect and a total timeout: a peer that never answers is an error,
 * never a hang. Retries follow the AWS SDKs' standard mode: at most 3
 * attempts, full-jitter backoff (random up to 1 s × 2^attempt, capped at 20 s: exponent base 2), re-signed each
 * time, only on throttling codes and HTTP 500/502/503/504. A request that may
 * have reached SES (timeout after the upload, reset mid-response) is never
 * retried: SES has no idempotency token, so its outcome is SES_OUTCOME_UNKNOWN.
 */
#ifndef BRIEFING_SES_H
#define BRIEFING_SES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/sigv4.h"
#include "briefing/strbuf.h"

typedef enum {
    CREDENTIAL_SOURCE_NONE,
    CREDENTIAL_SOURCE_FLAGS,
    CREDENTIAL_SOURCE_REPOS_ENV,      /* SES_ACCESS_KEY_ID / SES_SECRET_ACCESS_KEY */
    CREDENTIAL_SOURCE_ENVIRONMENT,    /* AWS_ACCESS_KEY_ID ... */
    CREDENTIAL_SOURCE_SHARED_FILES,   /* ~/.aws/credentials, ~/.aws/config */
    CREDENTIAL_SOURCE_ASSUME_ROLE,    /* role_arn: STS AssumeRole */
    CREDENTIAL_SOURCE_WEB_IDENTITY,   /* STS AssumeRoleWithWebIdentity */
    CREDENTIAL_SOURCE_SSO,            /* the `aws sso login` cache: GetRoleCredentials */
    CREDENTIAL_SOURCE_PROCESS,        /* credential_process */
    CREDENTIAL_SOURCE_CONTAINER,      /* AWS_CONTAINER_CREDENTIALS_*_URI */
    CREDENTIAL_SOURCE_INSTANCE_METADATA, /* EC2 IMDSv2 */
} credential_source;

/* Invariant: `source_detail` and `warning` never hold a secret;
 * `expiration` is 0 for keys that do not expire, else the moment the
 * provider said they stop working; `obtained` is when they were had, and
 * the refresh_* fields say where to ask again. */
typedef struct {
    char access_key_id[128];
    char secret_access_key[128];
    char session_token[4096];
    credential_source source;
    char source_detail[256];          /* "repos.env", "~/.aws/credentials [prod]": never a secret */
    time_t expiration;
    time_t obtained;
    char warning[384];                /* "" or what the operator should know once
                                         (credentials shorter-lived than the margin) */
    char metadata_region[64];         /* the instance's placement/region when the
                                         keys came from instance metadata and no
                                         region was set anywhere; else "" */
    char refresh_profile[128];        /* as given: "" when the variables name it */
    char refresh_region[64];
    char refresh_aws_dir[512];
    bool refresh_terminal_busy;
} ses_credentials;

/* Inputs to the credential chain, highest priority first (DESIGN §5). Any
 * may be NULL. `aws_dir` overrides ~/.aws for tests. */
typedef struct {
    const char *flag_access_key_id;
    const char *flag_secret_access_key;
    const char *env_file_access_key_id;     /* from repos.env */
    const char *env_file_secret_access_key;
    const char *env_file_path;              /* the settings file those came from, as messages
                                               name it (the --env file); NULL: "repos.env" */
    const char *profile;                    /* NULL: AWS_PROFILE, AWS_DEFAULT_PROFILE, "default" */
    const char *region;                     /* the SES region chain's answer, which STS
                                               uses too; NULL: AWS_REGION ... the profile's */
    const char *aws_dir;
    bool terminal_busy;                     /* never prompt (mfa_serial): the console */
} ses_credential_inputs;

/* Resolves credentials; false with a message naming the keys to set. Reads
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN from the
 * process environment. */
bool ses_resolve_credentials(const ses_credential_inputs *inputs, ses_credentials *out,
                             char *error, size_t error_size);
const char *ses_credential_source_name(credential_source source);

/* Temporary credentials are asked for again this long before they expire. */
enum { SES_CREDENTIALS_REFRESH_MARGIN_SECONDS = 300 };

/* When `credentials` are to be asked for again: the margin before they
 * expire, or for credentials that live less than the margin, a small skew
 * (a quarter of their life, at most 30 s) before; 0: never. */
time_t ses_credentials_refresh_at(const ses_credentials *credentials);

/* Asks the source again once `now` reaches ses_credentials_refresh_at;
 * true (unchanged) before. False with the source's error. */
bool ses_credentials_refresh(ses_credentials *credentials, time_t now, char *error,
                             size_t error_size);

/* What the AWS profile in use says about talking to SES ("" or 0 when it
 * says nothing), after the AWS CLI's environment variables. */
typedef struct {
    char profile[128];
    char region[64];                  /* AWS_REGION, AWS_DEFAULT_REGION, then region */
    char endpoint_url[1024];          /* [services NAME] ses.endpoint_url, then endpoint_url */
    char endpoint_origin[300];        /* where endpoint_url came from, for messages */
    char ca_bundle[1024];             /* AWS_CA_BUNDLE, then ca_bundle */
    int max_attempts;                 /* AWS_MAX_ATTEMPTS, then max_attempts */
    char retry_mode[16];              /* AWS_RETRY_MODE, then retry_mode */
} ses_profile_settings;

/* Reads the settings of `profile` (NULL: AWS_PROFILE, AWS_DEFAULT_PROFILE,
 * "default"); `aws_dir` as in ses_credential_inputs. False with
 * "file: why" when a file is malformed or a value is not valid. */
bool ses_profile_settings_read(const char *profile, const char *aws_dir,
                               ses_profile_settings *out, char *error, size_t error_size);

/* Endpoint: flag -> AWS_ENDPOINT_URL_SES -> AWS_ENDPOINT_URL -> repos.env
 * SES_ENDPOINT -> the profile's endpoint_url (may be NULL) ->
 * https://email.<region>.amazonaws.com. Plain http:// only
 * for loopback hosts. False with a message otherwise. */
bool ses_resolve_endpoint(const char *flag_endpoint, const char *env_file_endpoint,
                          const ses_profile_settings *profile, const char *region, char *out,
                          size_t out_size, char *error, size_t error_size);

/* Another service's endpoint (`service` "sns", "sqs"): AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the AWS profile's [services] then endpoint_url, else
 * https://<service>.<region>.amazonaws.com; the same https rule. `aws_dir`
 * as in ses_credential_inputs. False with "origin: why". */
bool ses_resolve_service_endpoint(const char *aws_dir, const char *service, const char *region,
                                  char *out, size_t out_size, char *error, size_t error_size);

/* The https (or loopback http) rule of the endpoint, for any URL: false
 * with "origin: why". */
bool ses_endpoint_check(const char *url, const char *origin, char *error, size_t error_size);

/* How long a SendRawEmail may take when ses_config does not say: what a
 * stopped batch may still wait for (the console shows it). */
#define SES_DEFAULT_REQUEST_TIMEOUT_MS 30000

typedef struct {
    const char *endpoint;            /* resolved URL */
    const char *region;
    ses_credentials credentials;
    char ca_bundle[1024];            /* "": the system's CA certificates */
    long connect_timeout_ms;         /* 0: 5000 */
    long request_timeout_ms;         /* 0: SES_DEFAULT_REQUEST_TIMEOUT_MS; SendRawEmail */
    long query_timeout_ms;           /* 0: 4000; quota, statistics, identity */
    int max_attempts;                /* 0: 3 */
    double backoff_base_seconds;     /* 0: 1.0; tests make it small */
    double backoff_cap_seconds;      /* 0: 20 */
    const char *service;             /* SigV4 service; NULL: "ses" ("sns", "sqs", "dynamodb") */
} ses_config;

typedef enum {
    SES_OUTCOME_OK,         /* answered with success */
    SES_OUTCOME_FAILED,     /* SES refused, or never received it: safe to retry later */
    SES_OUTCOME_UNKNOWN,    /* may have reached SES: do not resend without the operator */
} ses_outcome;

typedef struct {
    ses_outcome outcome;
    int http_status;            /* 0 when no answer */
    char error_code[64];        /* "Throttling", "MessageRejected", "timeout", ... */
    char error_message[512];
    char request_id[128];
    int attempts;
    bool quota_exceeded;        /* "Daily message quota exceeded": stop the batch */
    bool auth_failure;          /* SignatureDoesNotMatch, InvalidClientTokenId, AccessDenied... */
} ses_status;

typedef struct ses_client ses_client;

ses_client *ses_client_new(const ses_config *config, char *error, size_t error_size);
void ses_client_free(ses_client *client);

/* One SendRawEmail: `raw` is the whole MIME message; destinations are
 * To+Cc+Bcc (1 to 50); `source` and `configuration_set` may be NULL. */
typedef struct {
    const char *raw;
    size_t raw_length;
    const char *source;
    const char *const *destinations;
    size_t destination_count;
    const char *configuration_set;
} ses_send_request;

/* SendRawEmail: `raw` is the whole MIME message; destinations are To+Cc+Bcc. */
bool ses_send_raw_email(ses_client *client, const char *raw, size_t raw_length,
                        const char *source, const char *const *destinations,
                        size_t destination_count, const char *configuration_set,
                        char *message_id, size_t message_id_size, ses_status *status);

typedef struct {
    double max_24_hour_send;
    double max_send_rate;
    double sent_last_24_hours;
} ses_quota;
bool ses_get_send_quota(ses_client *client, ses_quota *quota, ses_status *status);

typedef struct {
    time_t timestamp;
    int64_t delivery_attempts;
    int64_t bounces;
    int64_t complaints;
    int64_t rejects;
} ses_datapoint;
/* Datapoints sorted by time, malloc'ed; free with free(). */
bool ses_get_send_statistics(ses_client *client, ses_datapoint **points, size_t *count,
                             ses_status *status);

/* VerificationStatus of `identity` ("Success", "Pending", "Failed",
 * "TemporaryFailure", "NotStarted"; "" when SES does not know it). */
bool ses_get_identity_verification(ses_client *client, const char *identity, char *verification,
                                   size_t verification_size, ses_status *status);

/* ---- sends in flight together -------------------------------------------
 *
 * A sender keeps several SendRawEmail requests of one client in flight at
 * once (libcurl multi, connections kept and reused), started no faster than
 * the client's send rate (ses_client_set_send_rate, Throttling answers slow
 * it). It never blocks for longer than asked and runs on the caller's
 * thread: the caller starts a send when ses_sender_ready says so, and
 * collects what finished with ses_sender_wait.
 *
 * Retries are the client's rules: throttled, 5xx and never-sent attempts go
 * again after their backoff and their own slot of the rate; an attempt that
 * may have reached SES is never retried (SES_OUTCOME_UNKNOWN).
 *
 * How many at once is one policy, ses_sender_max_in_flight: enough to keep
 * MaxSendRate with round trips up to a second. Whether the first send goes
 * alone is the caller's to say (ses_first_send): alone, an answer that
 * stops a batch (credentials refused, daily quota) finds nothing else in
 * flight; the caller lets it fly with the others when SES has just
 * confirmed those (docs/sending.md, "The first send"). */
typedef struct ses_sender ses_sender;

typedef enum {
    SES_FIRST_ALONE,          /* one at a time until a first send came to its outcome */
    SES_FIRST_WITH_OTHERS,    /* up to ses_sender_max_in_flight from the first send */
} ses_first_send;

/* The policy: requests in flight at most for an account allowed
 * `max_send_rate` sends a second (<= 0, unknown: one at a time). */
int ses_sender_max_in_flight(double max_send_rate);

/* A sender over `client` (which it does not own, and which must outlive
 * it) for an account allowed `max_send_rate` a second, its first send
 * alone or not. NULL with a message. */
ses_sender *ses_sender_new(ses_client *client, double max_send_rate, ses_first_send first,
                           char *error, size_t error_size);
void ses_sender_free(ses_sender *sender);

/* True when a new send may start now: a place in flight is free and the
 * rate has a slot (retries waiting go first). Otherwise `*wait_seconds`
 * says when to ask again at the latest (0 < wait <= 0.1). */
bool ses_sender_ready(ses_sender *sender, double *wait_seconds);

/* Seconds until a new send may start: 0 now, > 0 exactly when the rate's
 * next slot comes (a caller with disk work to do before a start plans it
 * against this), or SES_SENDER_NO_SLOT while no place in flight is free
 * (every place taken, the first send's answer awaited, or a retry waiting
 * to go first): only an answer frees one. */
#define SES_SENDER_NO_SLOT (-1.0)
double ses_sender_next_start(ses_sender *sender);

/* Starts one send, `tag` the caller's name for it. The request's data are
 * copied: the caller may free them on return. False with `status` (failed,
 * nothing sent) when the request is not valid or the credentials could not
 * be renewed. */
bool ses_sender_start(ses_sender *sender, const ses_send_request *request, size_t tag,
                      ses_status *status);

/* What became of a send. `final` false: an attempt came back retryable and
 * the send will go again (`status` is that answer); true: its outcome. */
typedef struct {
    size_t tag;
    bool final;
    ses_status status;
    char message_id[160];         /* final and SES_OUTCOME_OK */
} ses_send_event;

/* Drives the transfers for at most `max_seconds` (and returns sooner when
 * something happened, or ses_sender_wakeup was called): the events, valid
 * until the next call. */
size_t ses_sender_wait(ses_sender *sender, double max_seconds, const ses_send_event **events);

/* Ends a ses_sender_wait now (or the next one, if none is under way); the
 * one call here that is safe from another thread. */
void ses_sender_wakeup(ses_sender *sender);

/* Sends started and not finished: in flight or waiting to retry. */
size_t ses_sender_unfinished(const ses_sender *sender);

/* The operator stopped the batch: sends waiting for a retry are not tried
 * again; they end failed with their last answer on the next wait. Requests
 * in flight are left to finish. */
void ses_sender_stop_retries(ses_sender *sender);

/* What is on the wire, for a progress view. */
typedef struct {
    int in_flight;                /* requests sent, answer not read yet */
    int waiting_retry;            /* sends waiting for their next attempt */
    int max_in_flight;            /* ses_sender_max_in_flight, or 1 until the first answer
                                     when the first goes alone */
    double max_send_rate;         /* the account's, 0 unknown */
    double pacing_rate;           /* sends a second in force now; 0: not paced */
    size_t throttled;             /* rate Throttling answers so far */
} ses_sender_pace;
void ses_sender_pace_read(const ses_sender *sender, ses_sender_pace *out);
/* ---- SES API v2 (REST, JSON) on the same endpoint: /v2/email/... ---- */

/* GetAccount's answer: whether the account may send, and to whom.
 * Invariant: `enforcement` is SES's own word ("HEALTHY", "PROBATION",
 * "SHUTDOWN"), or "" when the answer had none. */
typedef struct {
    bool production_access;   /* false: the sandbox, recipients must be verified */
    bool sending_enabled;     /* false: SES refuses every send */
    char enforcement[32];
} ses_account_state;

bool ses_get_account(ses_client *client, ses_account_state *out, ses_status *status);

/* GetSuppressedDestination: whether `address` is on the account's
 * suppression list (SES drops mail to it without a word). A 404
 * NotFoundException is an answer: not suppressed. Invariant: `reason`
 * ("BOUNCE", "COMPLAINT") and `since` are set only when `suppressed`. */
typedef struct {
    bool suppressed;
    char reason[32];
    time_t since;             /* LastUpdateTime */
} ses_suppression;

bool ses_get_suppressed_destination(ses_client *client, const char *address,
                                    ses_suppression *out, ses_status *status);

/* ---- what `briefing events --setup` makes (setup_calls.c) ----
 *
 * Each on a client for its service: SES's own, or one whose ses_config
 * names the SNS or SQS endpoint and `service` "sns" / "sqs". A question
 * whose answer is "no such thing" returns true with *exists false. */

/* DescribeConfigurationSet: the SNS topic ARNs of its enabled event
 * destinations, one a line, appended to `sns_topics`. */
bool ses_describe_configuration_set(ses_client *client, const char *name, bool *exists,
                                    strbuf *sns_topics, ses_status *status);
bool ses_create_configuration_set(ses_client *client, const char *name, ses_status *status);
/* `event_types` as the v1 API spells them: "send", "bounce", "deliveryDelay"... */
bool ses_create_sns_event_destination(ses_client *client, const char *configuration_set,
                                      const char *destination_name, const char *topic_arn,
                                      const char *const *event_types, size_t event_type_count,
                                      ses_status *status);
/* SNS CreateTopic: returns the existing topic's ARN when it exists. */
bool ses_sns_create_topic(ses_client *client, const char *name, char *arn, size_t arn_size,
                          ses_status *status);
/* ListSubscriptionsByTopic (every page): is `endpoint` subscribed with `protocol`? */
bool ses_sns_subscribed(ses_client *client, const char *topic_arn, const char *protocol,
                        const char *endpoint, bool *found, ses_status *status);
bool ses_sns_subscribe(ses_client *client, const char *topic_arn, const char *protocol,
                       const char *endpoint, ses_status *status);
/* SQS GetQueueUrl. */
bool ses_sqs_queue_url(ses_client *client, const char *name, bool *exists, char *url,
                       size_t url_size, ses_status *status);
bool ses_sqs_create_queue(ses_client *client, const char *name, char *url, size_t url_size,
                          ses_status *status);
/* GetQueueAttributes QueueArn and Policy ("" when none; appended to `policy`). */
bool ses_sqs_queue_attributes(ses_client *client, const char *url, char *arn, size_t arn_size,
                              strbuf *policy, ses_status *status);
bool ses_sqs_set_queue_policy(ses_client *client, const char *url, const char *policy,
                              ses_status *status);
/* The queue policy that lets only `topic_arn` send to the queue (JSON). */
void ses_sqs_topic_policy(const char *queue_arn, const char *topic_arn, strbuf *out);
/* Whether `policy` already holds that statement (any Sid). */
bool ses_sqs_policy_allows_topic(const char *policy, const char *queue_arn, const char *topic_arn);

/* Keeps this client's SendRawEmail requests at or under `rate_per_second`
 * (SES's MaxSendRate: at most that many in any window of 1.03 s, 97% of it
 * in the long run; <= 0: no pacing, the default).
 * Every attempt takes its own slot, retries included: a retry is a request
 * SES counts. A "Maximum sending rate exceeded" answer halves the rate in
 * force; accepted sends bring it back (src/ses/pacer.c). */
void ses_client_set_send_rate(ses_client *client, double rate_per_second);

#endif
