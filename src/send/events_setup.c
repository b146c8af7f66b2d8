/* events_setup: `briefing events --setup`, what delivery events need
 * (send.h has the order and why). One step per function; each asks before
 * it creates, so a second run notes "already there" and makes nothing. A
 * dry run resolves names and endpoints and notes each call, asking nothing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "briefing/send.h"

static const char DEFAULT_CONFIGURATION_SET[] = "briefing";
static const char DESTINATION_NAME[] = "briefing-sns";
/* The v1 names of the events docs/delivery-events.md applies. */
static const char *const EVENT_TYPES[] = {"send",     "reject",        "bounce",
                                          "complaint", "delivery",     "deliveryDelay",
                                          "renderingFailure"};
enum { EVENT_TYPE_COUNT = sizeof EVENT_TYPES / sizeof *EVENT_TYPES };

/* The three clients and what a step reports through. */
typedef struct {
    ses_client *ses;
    ses_client *sns;
    ses_client *sqs;
    bool dry_run;
    send_setup_note_fn note;
    void *user;
    send_events_setup_result *out;
} setup_run;

static void setup_note(const setup_run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void setup_note(const setup_run *run, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    run->note(run->user, line);
}

/* "SQS CreateQueue: Code: message"; exit code 4 (3 when nothing answered). */
static bool setup_failed(const setup_run *run, const char *what, const ses_status *status)
{
    snprintf(run->out->error, sizeof run->out->error, "%s: %s%s%s", what, status->error_code,
             status->error_message[0] ? ": " : "", status->error_message);
    run->out->exit_code = status->http_status ? 4 : 3;
    return false;
}

/* A name SES, SNS and SQS all accept: letters, digits, '-' and '_'. */
static bool setup_names(const briefing_config *c, send_events_setup_result *out)
{
    const char *set = c->configuration_set && c->configuration_set[0] ? c->configuration_set
                                                                      : DEFAULT_CONFIGURATION_SET;
    size_t length = strlen(set);
    if (length > 64 || strspn(set, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                   "0123456789-_") != length) {
        snprintf(out->error, sizeof out->error,
                 "SES_CONFIGURATION_SET \"%.64s\": at most 64 letters, digits, '-' or '_'", set);
        out->exit_code = 3;
        return false;
    }
    snprintf(out->configuration_set, sizeof out->configuration_set, "%s", set);
    snprintf(out->topic_name, sizeof out->topic_name, "%s-ses-events", set);
    snprintf(out->queue_name, sizeof out->queue_name, "%s-ses-events", set);
    return true;
}

static bool setup_topic(setup_run *run)
{
    send_events_setup_result *out = run->out;
    if (run->dry_run) {
        setup_note(run, "SNS CreateTopic Name=%s  (returns the topic when it exists)",
                   out->topic_name);
        snprintf(out->topic_arn, sizeof out->topic_arn, "<TopicArn of %s>", out->topic_name);
        return true;
    }
    ses_status status;
    if (!ses_sns_create_topic(run->sns, out->topic_name, out->topic_arn, sizeof out->topic_arn,
                              &status))
        return setup_failed(run, "SNS CreateTopic", &status);
    setup_note(run, "%-18s %s", "SNS topic", out->topic_arn);
    return true;
}

static bool setup_queue(setup_run *run)
{
    send_events_setup_result *out = run->out;
    if (run->dry_run) {
        setup_note(run, "SQS GetQueueUrl QueueName=%s; when missing, CreateQueue QueueName=%s",
                   out->queue_name, out->queue_name);
        snprintf(out->queue_url, sizeof out->queue_url, "<QueueUrl of %s>", out->queue_name);
        return true;
    }
    ses_status status;
    bool exists;
    if (!ses_sqs_queue_url(run->sqs, out->queue_name, &exists, out->queue_url,
                           sizeof out->queue_url, &status))
        return setup_failed(run, "SQS GetQueueUrl", &status);
    if (exists) {
        setup_note(run, "%-18s %s (already there)", "SQS queue", out->queue_url);
        return true;
    }
    if (!ses_sqs_create_queue(run->sqs, out->queue_name, out->queue_url, sizeof out->queue_url,
                              &status))
        return setup_failed(run, "SQS CreateQueue", &status);
    out->created++;
    setup_note(run, "%-18s %s (created)", "SQS queue", out->queue_url);
    return true;
}

static bool setup_policy(setup_run *run)
{
    send_events_setup_result *out = run->out;
    if (run->dry_run) {
        snprintf(out->queue_arn, sizeof out->queue_arn, "<QueueArn of %s>", out->queue_name);
        strbuf policy = STRBUF_INIT;
        ses_sqs_topic_policy(out->queue_arn, out->topic_arn, &policy);
        setup_note(run, "SQS GetQueueAttributes QueueUrl=%s AttributeNames=QueueArn,Policy; "
                        "unless the policy lets the topic send, SetQueueAttributes Policy=%s",
                   out->queue_url, strbuf_cstr(&policy));
        strbuf_free(&policy);
        return true;
    }
    ses_status status;
    strbuf policy = STRBUF_INIT;
    bool ok = ses_sqs_queue_attributes(run->sqs, out->queue_url, out->queue_arn,
                                       sizeof out->queue_arn, &policy, &status);
    if (!ok) {
        strbuf_free(&policy);
        return setup_failed(run, "SQS GetQueueAttributes", &status);
    }
    bool allowed = ses_sqs_policy_allows_topic(strbuf_cstr(&policy), out->queue_arn,
                                               out->topic_arn);
    strbuf_truncate(&policy, 0);
    if (!allowed) {
        ses_sqs_topic_policy(out->queue_arn, out->topic_arn, &policy);
        ok = ses_sqs_set_queue_policy(run->sqs, out->queue_url, strbuf_cstr(&policy), &status);
    }
    strbuf_free(&policy);
    if (!ok)
        return setup_failed(run, "SQS SetQueueAttributes", &status);
    out->created += !allowed;
    setup_note(run, "%-18s only %s may send (%s)", "queue policy", out->topic_arn,
               allowed ? "already there" : "set");
    return true;
}

static bool setup_subscription(setup_run *run)
{
    send_events_setup_result *out = run->out;
    if (run->dry_run) {
        setup_note(run, "SNS ListSubscriptionsByTopic TopicArn=%s; when the queue is not "
                        "subscribed, Subscribe Protocol=sqs Endpoint=%s",
                   out->topic_arn, out->queue_arn);
        return true;
    }
    ses_status status;
    bool found;
    if (!ses_sns_subscribed(run->sns, out->topic_arn, "sqs", out->queue_arn, &found, &status))
        return setup_failed(run, "SNS ListSubscriptionsByTopic", &status);
    if (!found && !ses_sns_subscribe(run->sns, out->topic_arn, "sqs", out->queue_arn, &status))
        return setup_failed(run, "SNS Subscribe", &status);
    out->created += !found;
    setup_note(run, "%-18s %s → %s (%s)", "subscription", out->topic_name, out->queue_arn,
               found ? "already there" : "created");
    return true;
}

/* Whether `topic` is one of the newline-separated `topics`. */
static bool setup_topic_listed(const char *topics, const char *topic)
{
    size_t length = strlen(topic);
    for (const char *line = topics; *line;) {
        size_t line_length = strcspn(line, "\n");
        if (line_length == length && strncmp(line, topic, length) == 0)
            return true;
        line += line_length + (line[line_length] == '\n');
    }
    return false;
}

static void setup_event_types_text(char *out, size_t out_size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < EVENT_TYPE_COUNT && used < out_size; i++)
        used += (size_t)snprintf(out + used, out_size - used, "%s%s", i ? "," : "",
                                 EVENT_TYPES[i]);
}

static bool setup_configuration_set(setup_run *run)
{
    send_events_setup_result *out = run->out;
    char types[256];
    setup_event_types_text(types, sizeof types);
    if (run->dry_run) {
        setup_note(run, "SES DescribeConfigurationSet ConfigurationSetName=%s; when missing, "
                        "CreateConfigurationSet ConfigurationSet.Name=%s",
                   out->configuration_set, out->configuration_set);
        setup_note(run, "SES CreateConfigurationSetEventDestination ConfigurationSetName=%s "
                        "EventDestination.Name=%s MatchingEventTypes=%s SNSDestination.TopicARN=%s "
                        " (unless a destination already publishes to the topic)",
                   out->configuration_set, DESTINATION_NAME, types, out->topic_arn);
        return true;
    }
    ses_status status;
    bool exists;
    strbuf topics = STRBUF_INIT;
    const char *failed = NULL;
    if (!ses_describe_configuration_set(run->ses, out->configuration_set, &exists, &topics,
                                        &status))
        failed = "SES DescribeConfigurationSet";
    else if (!exists && !ses_create_configuration_set(run->ses, out->configuration_set, &status))
        failed = "SES CreateConfigurationSet";
    if (failed) {
        strbuf_free(&topics);
        return setup_failed(run, failed, &status);
    }
    out->created += !exists;
    setup_note(run, "%-18s %s (%s)", "configuration set", out->configuration_set,
               exists ? "already there" : "created");
    bool publishing = setup_topic_listed(strbuf_cstr(&topics), out->topic_arn);
    strbuf_free(&topics);
    if (!publishing &&
        !ses_create_sns_event_destination(run->ses, out->configuration_set, DESTINATION_NAME,
                                          out->topic_arn, EVENT_TYPES, EVENT_TYPE_COUNT, &status))
        return setup_failed(run, "SES CreateConfigurationSetEventDestination", &status);
    out->created += !publishing;
    setup_note(run, "%-18s %s → %s: %s (%s)", "event destination", out->configuration_set,
               out->topic_name, types, publishing ? "already there" : "created");
    return true;
}

/* A client for `service` on the SES connection's credentials and region. */
static ses_client *setup_client(const send_connection *ses, const briefing_config *c,
                                const char *service, char *endpoint, size_t endpoint_size,
                                send_events_setup_result *out)
{
    char error[768];
    if (!ses_resolve_service_endpoint(c->overrides.aws_dir, service, ses->region, endpoint,
                                      endpoint_size, error, sizeof error)) {
        snprintf(out->error, sizeof out->error, "%s", error);
        out->exit_code = 3;
        return NULL;
    }
    ses_config config = ses->ses;
    config.endpoint = endpoint;
    config.service = service;
    ses_client *client = ses_client_new(&config, error, sizeof error);
    if (!client) {
        snprintf(out->error, sizeof out->error, "%s", error);
        out->exit_code = 3;
    }
    return client;
}

static bool setup_steps(setup_run *run)
{
    return setup_topic(run) && setup_queue(run) && setup_policy(run) &&
           setup_subscription(run) && setup_configuration_set(run);
}

bool send_events_setup(const briefing_config *c, bool dry_run, send_setup_note_fn note,
                       void *user, send_events_setup_result *out)
{
    memset(out, 0, sizeof *out);
    if (!setup_names(c, out))
        return false;
    setup_run run = {.dry_run = dry_run, .note = note, .user = user, .out = out};
    if (dry_run)
        return setup_steps(&run);
    send_connection connection;
    char sns_endpoint[1024], sqs_endpoint[1024];
    if (!send_connection_resolve(c, &connection, out->error, sizeof out->error)) {
        out->exit_code = 3;
        return false;
    }
    run.ses = ses_client_new(&connection.ses, out->error, sizeof out->error);
    if (run.ses)
        run.sns = setup_client(&connection, c, "sns", sns_endpoint, sizeof sns_endpoint, out);
    if (run.sns)
        run.sqs = setup_client(&connection, c, "sqs", sqs_endpoint, sizeof sqs_endpoint, out);
    bool ok = run.sqs && setup_steps(&run);
    if (!run.ses)
        out->exit_code = 3;
    ses_client_free(run.sqs);
    ses_client_free(run.sns);
    ses_client_free(run.ses);
    return ok;
}
