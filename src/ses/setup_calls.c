/* setup_calls: what `briefing events --setup` asks of SES (v1 Query API),
 * SNS (Query API, version 2010-03-31) and SQS (AWS JSON 1.0), each on a
 * client whose ses_config names that service's endpoint and signing name.
 * Every call is a question ("does it exist?") or a creation that is safe
 * to repeat; the engine (send/events_setup.c) decides which to make.
 * Parameter and answer names from each service's API reference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ses/ses_internal.h"

static const char SNS_API_VERSION[] = "2010-03-31";

/* ---- SES v1: configuration sets ---- */

#define DESTINATION_PATH "DescribeConfigurationSetResult/EventDestinations/member"

typedef struct {
    strbuf *topics;
    char pending_topic[512];
    bool pending_enabled;
} describe_set_result;

static const char *describe_set_read(void *context, const char *path, const char *text)
{
    describe_set_result *result = context;
    if (strcmp(path, DESTINATION_PATH "/SNSDestination/TopicARN") == 0)
        ses_copy_text(result->pending_topic, sizeof result->pending_topic, text);
    else if (strcmp(path, DESTINATION_PATH "/Enabled") == 0)
        result->pending_enabled = strcmp(text, "true") == 0;
    else if (strcmp(path, DESTINATION_PATH) == 0) {
        if (result->pending_enabled && result->pending_topic[0])
            strbuf_printf(result->topics, "%s\n", result->pending_topic);
        result->pending_topic[0] = '\0';
        result->pending_enabled = false;
    }
    return NULL;
}

bool ses_describe_configuration_set(ses_client *client, const char *name, bool *exists,
                                    strbuf *sns_topics, ses_status *status)
{
    strbuf parameters = STRBUF_INIT;
    ses_form_add(&parameters, "ConfigurationSetName", name);
    ses_form_add(&parameters, "ConfigurationSetAttributeNames.member.1", "eventDestinations");
    describe_set_result result = {.topics = sns_topics};
    const ses_call call = {.action = "DescribeConfigurationSet", .parameters = &parameters,
                           .read_result = describe_set_read, .result = &result};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&parameters);
    *exists = ok;
    if (!ok && strcmp(status->error_code, "ConfigurationSetDoesNotExist") == 0)
        return true; /* an answer: it does not exist */
    return ok;
}

static const char *ignore_leaf(void *context, const char *path, const char *text)
{
    (void)context, (void)path, (void)text;
    return NULL;
}

bool ses_create_configuration_set(ses_client *client, const char *name, ses_status *status)
{
    strbuf parameters = STRBUF_INIT;
    ses_form_add(&parameters, "ConfigurationSet.Name", name);
    const ses_call call = {.action = "CreateConfigurationSet", .parameters = &parameters,
                           .read_result = ignore_leaf};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&parameters);
    return ok;
}

bool ses_create_sns_event_destination(ses_client *client, const char *configuration_set,
                                      const char *destination_name, const char *topic_arn,
                                      const char *const *event_types, size_t event_type_count,
                                      ses_status *status)
{
    strbuf parameters = STRBUF_INIT;
    ses_form_add(&parameters, "ConfigurationSetName", configuration_set);
    ses_form_add(&parameters, "EventDestination.Name", destination_name);
    ses_form_add(&parameters, "EventDestination.Enabled", "true");
    for (size_t i = 0; i < event_type_count; i++) {
        char name[64];
        snprintf(name, sizeof name, "EventDestination.MatchingEventTypes.member.%zu", i + 1);
        ses_form_add(&parameters, name, event_types[i]);
    }
    ses_form_add(&parameters, "EventDestination.SNSDestination.TopicARN", topic_arn);
    const ses_call call = {.action = "CreateConfigurationSetEventDestination",
                           .parameters = &parameters, .read_result = ignore_leaf};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&parameters);
    return ok;
}

/* ---- SNS ---- */

typedef struct {
    char *arn;
    size_t arn_size;
} topic_result;

static const char *create_topic_read(void *context, const char *path, const char *text)
{
    topic_result *result = context;
    if (strcmp(path, "CreateTopicResult/TopicArn") == 0)
        ses_copy_text(result->arn, result->arn_size, text);
    return NULL;
}

bool ses_sns_create_topic(ses_client *client, const char *name, char *arn, size_t arn_size,
                          ses_status *status)
{
    arn[0] = '\0';
    strbuf parameters = STRBUF_INIT;
    ses_form_add(&parameters, "Name", name);
    topic_result result = {arn, arn_size};
    const ses_call call = {.action = "CreateTopic", .version = SNS_API_VERSION,
                           .parameters = &parameters, .read_result = create_topic_read,
                           .result = &result};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&parameters);
    if (ok && !arn[0]) {
        ses_copy_text(status->error_code, sizeof status->error_code, "bad_response");
        snprintf(status->error_message, sizeof status->error_message,
                 "CreateTopic: the answer has no TopicArn");
        return false;
    }
    return ok;
}

#define SUBSCRIPTION_PATH "ListSubscriptionsByTopicResult/Subscriptions/member"

typedef struct {
    const char *protocol;
    const char *endpoint;
    bool *found;
    char pending_protocol[32];
    char pending_endpoint[512];
    char next_token[1024];
} subscriptions_result;

static const char *subscriptions_read(void *context, const char *path, const char *text)
{
    subscriptions_result *result = context;
    if (strcmp(path, SUBSCRIPTION_PATH "/Protocol") == 0)
        ses_copy_text(result->pending_protocol, sizeof result->pending_protocol, text);
    else if (strcmp(path, SUBSCRIPTION_PATH "/Endpoint") == 0)
        ses_copy_text(result->pending_endpoint, sizeof result->pending_endpoint, text);
    else if (strcmp(path, "ListSubscriptionsByTopicResult/NextToken") == 0)
        ses_copy_text(result->next_token, sizeof result->next_token, text);
    else if (strcmp(path, SUBSCRIPTION_PATH) == 0) {
        if (strcmp(result->pending_protocol, result->protocol) == 0 &&
            strcmp(result->pending_endpoint, result->endpoint) == 0)
            *result->found = true;
        result->pending_protocol[0] = result->pending_endpoint[0] = '\0';
    }
    return NULL;
}

bool ses_sns_subscribed(ses_client *client, const char *topic_arn, const char *protocol,
                        const char *endpoint, bool *found, ses_status *status)
{
    *found = false;
    subscriptions_result result = {.protocol = protocol, .endpoint = endpoint, .found = found};
    bool ok = true;
    do { /* one page at a time, NextToken to the next */
        strbuf parameters = STRBUF_INIT;
        ses_form_add(&parameters, "TopicArn", topic_arn);
        if (result.next_token[0])
            ses_form_add(&parameters, "NextToken", result.next_token);
        result.next_token[0] = '\0';
        const ses_call call = {.action = "ListSubscriptionsByTopic", .version = SNS_API_VERSION,
                               .parameters = &parameters, .read_result = subscriptions_read,
                               .result = &result};
        ok = ses_call_perform(client, &call, status);
        strbuf_free(&parameters);
    } while (ok && !*found && result.next_token[0]);
    return ok;
}

bool ses_sns_subscribe(ses_client *client, const char *topic_arn, const char *protocol,
                       const char *endpoint, ses_status *status)
{
    strbuf parameters = STRBUF_INIT;
    ses_form_add(&parameters, "TopicArn", topic_arn);
    ses_form_add(&parameters, "Protocol", protocol);
    ses_form_add(&parameters, "Endpoint", endpoint);
    const ses_call call = {.action = "Subscribe", .version = SNS_API_VERSION,
                           .parameters = &parameters, .read_result = ignore_leaf};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&parameters);
    return ok;
}

/* ---- SQS (AWS JSON 1.0) ---- */

/* See ses_internal.h (sqs.c's and dynamodb.c's calls use it too). */
bool ses_json10_call(ses_client *client, const char *target_prefix, const char *action,
                     bool may_have_sent, json_t *request,
                     const char *(*read)(void *, const char *, size_t), void *result,
                     ses_status *status)
{
    char target[96];
    snprintf(target, sizeof target, "%s.%s", target_prefix, action);
    char *text = json_dumps(request, JSON_COMPACT);
    json_decref(request);
    if (!text)
        abort(); /* out of memory, as everywhere in briefing */
    strbuf body = STRBUF_INIT;
    strbuf_puts(&body, text);
    free(text);
    const ses_call call = {.action = action, .may_have_sent = may_have_sent, .method = "POST",
                           .target = target, .json_body = &body, .read_json = read,
                           .result = result};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&body);
    return ok;
}

bool ses_sqs_call(ses_client *client, const char *action, json_t *request,
                  const char *(*read)(void *, const char *, size_t), void *result,
                  ses_status *status)
{
    return ses_json10_call(client, "AmazonSQS", action, false, request, read, result, status);
}

typedef struct {
    const char *member;     /* the string member wanted */
    char *out;
    size_t out_size;
} string_member;

static const char *string_member_read(void *context, const char *body, size_t length)
{
    string_member *wanted = context;
    json_t *root = json_loadb(body, length, 0, NULL);
    const char *value = json_string_value(json_object_get(root, wanted->member));
    if (value)
        ses_copy_text(wanted->out, wanted->out_size, value);
    json_decref(root);
    return value ? NULL : "the answer lacks the expected string";
}

bool ses_sqs_queue_url(ses_client *client, const char *name, bool *exists, char *url,
                       size_t url_size, ses_status *status)
{
    url[0] = '\0';
    string_member wanted = {"QueueUrl", url, url_size};
    bool ok = ses_sqs_call(client, "GetQueueUrl", json_pack("{ss}", "QueueName", name),
                       string_member_read, &wanted, status);
    *exists = ok;
    if (!ok && strcmp(status->error_code, "QueueDoesNotExist") == 0)
        return true;
    return ok;
}

bool ses_sqs_create_queue(ses_client *client, const char *name, char *url, size_t url_size,
                          ses_status *status)
{
    url[0] = '\0';
    string_member wanted = {"QueueUrl", url, url_size};
    return ses_sqs_call(client, "CreateQueue", json_pack("{ss}", "QueueName", name),
                    string_member_read, &wanted, status);
}

typedef struct {
    char *arn;
    size_t arn_size;
    strbuf *policy;
} queue_attributes;

static const char *queue_attributes_read(void *context, const char *body, size_t length)
{
    queue_attributes *out = context;
    json_t *root = json_loadb(body, length, 0, NULL);
    const json_t *attributes = json_object_get(root, "Attributes");
    const char *arn = json_string_value(json_object_get(attributes, "QueueArn"));
    const char *policy = json_string_value(json_object_get(attributes, "Policy"));
    if (arn)
        ses_copy_text(out->arn, out->arn_size, arn);
    if (policy)
        strbuf_puts(out->policy, policy);
    json_decref(root);
    return arn ? NULL : "no Attributes.QueueArn in the answer";
}

bool ses_sqs_queue_attributes(ses_client *client, const char *url, char *arn, size_t arn_size,
                              strbuf *policy, ses_status *status)
{
    arn[0] = '\0';
    queue_attributes out = {arn, arn_size, policy};
    return ses_sqs_call(client, "GetQueueAttributes",
                    json_pack("{ss s[ss]}", "QueueUrl", url, "AttributeNames", "QueueArn",
                              "Policy"),
                    queue_attributes_read, &out, status);
}

static const char *empty_read(void *context, const char *body, size_t length)
{
    (void)context, (void)body, (void)length;
    return NULL;
}

bool ses_sqs_set_queue_policy(ses_client *client, const char *url, const char *policy,
                              ses_status *status)
{
    return ses_sqs_call(client, "SetQueueAttributes",
                    json_pack("{ss s{ss}}", "QueueUrl", url, "Attributes", "Policy", policy),
                    empty_read, NULL, status);
}

/* The policy: SNS may send to this queue, and only from this topic. */
static json_t *sqs_policy_statement(const char *queue_arn, const char *topic_arn)
{
    return json_pack("{ss ss s{ss} ss ss s{s{ss}}}", "Sid", "briefing-ses-events", "Effect",
                     "Allow", "Principal", "Service", "sns.amazonaws.com", "Action",
                     "sqs:SendMessage", "Resource", queue_arn, "Condition", "ArnEquals",
                     "aws:SourceArn", topic_arn);
}

void ses_sqs_topic_policy(const char *queue_arn, const char *topic_arn, strbuf *out)
{
    json_t *policy = json_pack("{ss s[o]}", "Version", "2012-10-17", "Statement",
                               sqs_policy_statement(queue_arn, topic_arn));
    char *text = json_dumps(policy, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(policy);
    if (!text)
        abort();
    strbuf_puts(out, text);
    free(text);
}

bool ses_sqs_policy_allows_topic(const char *policy, const char *queue_arn, const char *topic_arn)
{
    json_t *root = policy && policy[0] ? json_loads(policy, 0, NULL) : NULL;
    json_t *wanted = sqs_policy_statement(queue_arn, topic_arn);
    json_t *statements = json_object_get(root, "Statement");
    bool found = false;
    for (size_t i = 0; i < json_array_size(statements) && !found; i++) {
        json_t *statement = json_deep_copy(json_array_get(statements, i));
        static const char sid[] = "briefing-ses-events";
        json_object_set_new(statement, "Sid", json_string(sid));
        found = json_equal(statement, wanted);
        json_decref(statement);
    }
    json_decref(wanted);
    json_decref(root);
    return found;
}
