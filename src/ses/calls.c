/* calls.c: the four SES actions briefing uses: the parameters each sends
 * and how each reads its result (paths below <ActionResponse>, from the
 * SES v1 API reference). Transport, signing and retries are client.c's.
 */
#include <stdlib.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ses/ses_internal.h"

enum { SES_MAX_DESTINATIONS = 50 };

static void status_invalid(ses_status *status, const char *action, const char *why)
{
    memset(status, 0, sizeof *status);
    status->outcome = SES_OUTCOME_FAILED;
    ses_copy_text(status->error_code, sizeof status->error_code, "invalid_request");
    snprintf(status->error_message, sizeof status->error_message, "%s: %s", action, why);
}

/* ---- SendRawEmail ---- */

static const char *send_read(void *context, const char *path, const char *text)
{
    ses_send_answer *answer = context;
    if (strcmp(path, "SendRawEmailResult/MessageId") == 0)
        ses_copy_text(answer->message_id, answer->message_id_size, text);
    return NULL;
}

bool ses_send_raw_call(const ses_send_request *request, strbuf *parameters,
                       ses_send_answer *answer, ses_call *call, ses_status *status)
{
    if (answer->message_id_size)
        answer->message_id[0] = '\0';
    if (request->destination_count == 0 || request->destination_count > SES_MAX_DESTINATIONS) {
        status_invalid(status, "SendRawEmail", "between 1 and 50 destinations are needed");
        return false;
    }
    strbuf data = STRBUF_INIT;
    ses_base64_append(&data, request->raw, request->raw_length);
    ses_form_add_bytes(parameters, "RawMessage.Data", data.data, data.len);
    strbuf_free(&data);
    if (request->source && request->source[0])
        ses_form_add(parameters, "Source", request->source);
    for (size_t i = 0; i < request->destination_count; i++) {
        char name[48];
        snprintf(name, sizeof name, "Destinations.member.%zu", i + 1);
        ses_form_add(parameters, name, request->destinations[i]);
    }
    if (request->configuration_set && request->configuration_set[0])
        ses_form_add(parameters, "ConfigurationSetName", request->configuration_set);
    *call = (ses_call){.action = "SendRawEmail", .may_have_sent = true, .paced = true,
                       .parameters = parameters, .read_result = send_read, .result = answer};
    return true;
}

bool ses_send_raw_settle(bool ok, const ses_send_answer *answer, ses_status *status)
{
    if (!ok || answer->message_id[0])
        return ok;
    /* SES said yes but not to what: as uncertain as a lost answer. */
    status->outcome = SES_OUTCOME_UNKNOWN;
    ses_copy_text(status->error_code, sizeof status->error_code, "unknown");
    snprintf(status->error_message, sizeof status->error_message,
             "SendRawEmail: HTTP 200 without a MessageId; SES may have accepted it");
    return false;
}

bool ses_send_raw_email(ses_client *client, const char *raw, size_t raw_length,
                        const char *source, const char *const *destinations,
                        size_t destination_count, const char *configuration_set,
                        char *message_id, size_t message_id_size, ses_status *status)
{
    const ses_send_request request = {raw, raw_length, source, destinations, destination_count,
                                      configuration_set};
    ses_send_answer answer = {message_id, message_id_size};
    strbuf parameters = STRBUF_INIT;
    ses_call call;
    bool ok = ses_send_raw_call(&request, &parameters, &answer, &call, status) &&
              ses_call_perform(client, &call, status);
    strbuf_free(&parameters);
    return ses_send_raw_settle(ok, &answer, status);
}

/* ---- GetSendQuota ---- */

typedef struct {
    const char *path;
    size_t offset;
} quota_field;

static const quota_field quota_fields[] = {
    {"GetSendQuotaResult/Max24HourSend", offsetof(ses_quota, max_24_hour_send)},
    {"GetSendQuotaResult/MaxSendRate", offsetof(ses_quota, max_send_rate)},
    {"GetSendQuotaResult/SentLast24Hours", offsetof(ses_quota, sent_last_24_hours)},
};
enum { QUOTA_FIELD_COUNT = sizeof quota_fields / sizeof quota_fields[0] };

typedef struct {
    ses_quota quota;
    unsigned seen;      /* bit i: quota_fields[i] was read */
} quota_result;

static const char *quota_read(void *context, const char *path, const char *text)
{
    quota_result *result = context;
    for (size_t i = 0; i < QUOTA_FIELD_COUNT; i++) {
        if (strcmp(path, quota_fields[i].path) != 0)
            continue;
        double *field = (double *)((char *)&result->quota + quota_fields[i].offset);
        if (!ses_parse_decimal(text, field))
            return "a quota value is not a number";
        result->seen |= 1u << i;
    }
    return NULL;
}

bool ses_get_send_quota(ses_client *client, ses_quota *quota, ses_status *status)
{
    quota_result result = {0};
    const ses_call call = {.action = "GetSendQuota", .read_result = quota_read, .result = &result};
    if (!ses_call_perform(client, &call, status))
        return false;
    for (size_t i = 0; i < QUOTA_FIELD_COUNT; i++) {
        if (result.seen & (1u << i))
            continue;
        status->outcome = SES_OUTCOME_FAILED;
        ses_copy_text(status->error_code, sizeof status->error_code, "bad_response");
        snprintf(status->error_message, sizeof status->error_message,
                 "GetSendQuota: the answer lacks %s", quota_fields[i].path);
        return false;
    }
    *quota = result.quota;
    return true;
}

/* ---- GetSendStatistics ---- */

#define DATAPOINT_PATH "GetSendStatisticsResult/SendDataPoints/member"

typedef struct {
    const char *name;    /* below DATAPOINT_PATH "/" */
    size_t offset;
} datapoint_counter;

static const datapoint_counter datapoint_counters[] = {
    {"DeliveryAttempts", offsetof(ses_datapoint, delivery_attempts)},
    {"Bounces", offsetof(ses_datapoint, bounces)},
    {"Complaints", offsetof(ses_datapoint, complaints)},
    {"Rejects", offsetof(ses_datapoint, rejects)},
};

typedef struct {
    ses_datapoint *points;
    size_t count;
    size_t capacity;
    ses_datapoint pending;      /* the <member> being read */
    bool pending_has_time;
} statistics_result;

static const char *statistics_push(statistics_result *result)
{
    if (!result->pending_has_time)
        return "a datapoint has no Timestamp";
    if (result->count == result->capacity) {
        size_t grown = result->capacity ? result->capacity * 2 : 16;
        ses_datapoint *points = realloc(result->points, grown * sizeof *points);
        if (!points)
            return "out of memory";
        result->points = points;
        result->capacity = grown;
    }
    result->points[result->count++] = result->pending;
    memset(&result->pending, 0, sizeof result->pending);
    result->pending_has_time = false;
    return NULL;
}

static const char *statistics_read(void *context, const char *path, const char *text)
{
    statistics_result *result = context;
    if (strcmp(path, DATAPOINT_PATH) == 0)
        return statistics_push(result);
    const char *prefix = DATAPOINT_PATH "/";
    if (strncmp(path, prefix, strlen(prefix)) != 0)
        return NULL;
    const char *name = path + strlen(prefix);
    if (strcmp(name, "Timestamp") == 0) {
        if (!ses_parse_iso8601(text, &result->pending.timestamp))
            return "a datapoint's Timestamp is not ISO 8601";
        result->pending_has_time = true;
        return NULL;
    }
    for (size_t i = 0; i < sizeof datapoint_counters / sizeof *datapoint_counters; i++) {
        if (strcmp(name, datapoint_counters[i].name) != 0)
            continue;
        int64_t *counter = (int64_t *)((char *)&result->pending + datapoint_counters[i].offset);
        if (!ses_parse_int64(text, counter))
            return "a datapoint counter is not an integer";
    }
    return NULL;
}

static int datapoint_compare_time(const void *a, const void *b)
{
    time_t left = ((const ses_datapoint *)a)->timestamp;
    time_t right = ((const ses_datapoint *)b)->timestamp;
    return (left > right) - (left < right);
}

bool ses_get_send_statistics(ses_client *client, ses_datapoint **points, size_t *count,
                             ses_status *status)
{
    *points = NULL;
    *count = 0;
    statistics_result result = {0};
    const ses_call call = {.action = "GetSendStatistics", .read_result = statistics_read,
                           .result = &result};
    if (!ses_call_perform(client, &call, status)) {
        free(result.points);
        return false;
    }
    /* SES lists the 15-minute datapoints in no particular order. */
    if (result.count)
        qsort(result.points, result.count, sizeof *result.points, datapoint_compare_time);
    *points = result.points;
    *count = result.count;
    return true;
}

/* ---- GetIdentityVerificationAttributes ---- */

#define IDENTITY_ENTRY_PATH "GetIdentityVerificationAttributesResult/VerificationAttributes/entry"

typedef struct {
    const char *identity;
    char key[320];              /* the <entry> being read */
    char entry_status[64];
    char *verification;
    size_t verification_size;
} identity_result;

static const char *identity_read(void *context, const char *path, const char *text)
{
    identity_result *result = context;
    if (strcmp(path, IDENTITY_ENTRY_PATH "/key") == 0) {
        ses_copy_text(result->key, sizeof result->key, text);
    } else if (strcmp(path, IDENTITY_ENTRY_PATH "/value/VerificationStatus") == 0) {
        ses_copy_text(result->entry_status, sizeof result->entry_status, text);
    } else if (strcmp(path, IDENTITY_ENTRY_PATH) == 0) {
        /* Identities are addresses and domains: case does not tell them apart. */
        if (strcasecmp(result->key, result->identity) == 0)
            ses_copy_text(result->verification, result->verification_size, result->entry_status);
        result->key[0] = result->entry_status[0] = '\0';
    }
    return NULL;
}

bool ses_get_identity_verification(ses_client *client, const char *identity, char *verification,
                                   size_t verification_size, ses_status *status)
{
    if (verification_size)
        verification[0] = '\0';
    if (!identity || !identity[0]) {
        status_invalid(status, "GetIdentityVerificationAttributes", "no identity given");
        return false;
    }
    strbuf parameters = STRBUF_INIT;
    ses_form_add(&parameters, "Identities.member.1", identity);
    identity_result result = {.identity = identity, .verification = verification,
                              .verification_size = verification_size};
    const ses_call call = {.action = "GetIdentityVerificationAttributes",
                           .parameters = &parameters, .read_result = identity_read,
                           .result = &result};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&parameters);
    return ok;
}

/* ---- any action's answer, without a server ---- */

/* What each action reads, for ses_answer_read(): the same readers the calls
 * above hand to ses_call_perform(). */
typedef struct {
    const char *action;
    bool may_have_sent;
    ses_xml_leaf_fn read_result;
} answer_reader;

static const answer_reader answer_readers[] = {
    {"SendRawEmail", true, send_read},
    {"GetSendQuota", false, quota_read},
    {"GetSendStatistics", false, statistics_read},
    {"GetIdentityVerificationAttributes", false, identity_read},
};

bool ses_answer_read(const char *action, long http_status, const char *answer, size_t length,
                     ses_status *status)
{
    char message_id[128] = "", verification[64] = "";
    union {
        ses_send_answer send;
        quota_result quota;
        statistics_result statistics;
        identity_result identity;
    } result;
    memset(&result, 0, sizeof result);
    for (size_t i = 0; i < sizeof answer_readers / sizeof *answer_readers; i++) {
        const answer_reader *reader = &answer_readers[i];
        if (strcmp(reader->action, action) != 0)
            continue;
        if (reader->read_result == send_read)
            result.send = (ses_send_answer){message_id, sizeof message_id};
        else if (reader->read_result == identity_read)
            result.identity = (identity_result){.identity = "sender@example.com",
                                                .verification = verification,
                                                .verification_size = sizeof verification};
        const ses_call call = {.action = reader->action, .may_have_sent = reader->may_have_sent,
                               .read_result = reader->read_result, .result = &result};
        const ses_exchange done = {.result = CURLE_OK, .http_status = http_status,
                                   .request_sent = true, .curl_error = ""};
        strbuf response = STRBUF_INIT;
        strbuf_append(&response, answer, length);
        attempt_verdict verdict = ses_attempt_judge(&call, &done, &response, status);
        strbuf_free(&response);
        if (reader->read_result == statistics_read)
            free(result.statistics.points);
        return verdict == ATTEMPT_DONE;
    }
    status_invalid(status, action, "not an action briefing calls");
    return false;
}
