/* send_events: SES's delivery events from SQS into the ledger.
 *
 * At least once in, exactly once in effect: a message is deleted from the
 * queue only after the ledger transaction that applied it (or kept it
 * aside) committed. A crash in between leaves it queued; SQS hands it out
 * again after its visibility timeout and the ledger, which remembers each
 * event's key, finds it a duplicate. Nothing here decides what an event
 * means: events_parse reads it, ledger_apply_event applies it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/events.h"
#include "briefing/send.h"
#include "briefing/sqs.h"

enum {
    EVENTS_RECEIVE_MAX = 10,        /* SQS's most per ReceiveMessage */
    EVENTS_WAIT_MAX_SECONDS = 20,   /* SQS's longest long poll */
    EVENTS_ANSWER_SECONDS = 10,     /* for an answer, beyond the long poll's wait */
};

const char *send_events_queue_url(const briefing_config *c)
{
    const char *url = model_env_get(c->portfolio, "SES_EVENTS_QUEUE_URL");
    return url && *url ? url : NULL;
}

bool send_events_source_resolve(const briefing_config *c, send_events_source *out, char *error,
                                size_t error_size)
{
    memset(out, 0, sizeof *out);
    const char *queue_url = send_events_queue_url(c);
    if (!queue_url) {
        snprintf(error, error_size,
                 "no events queue: set SES_EVENTS_QUEUE_URL in %s to the SQS queue "
                 "subscribed to the configuration set's SNS topic (docs/delivery-events.md)",
                 c->portfolio->settings_where);
        return false;
    }
    const char *named = send_ledger_named(c->overrides.ledger_path);
    if (strlen(queue_url) >= sizeof out->queue_url ||
        (named && strlen(named) >= sizeof out->ledger_path)) {
        snprintf(error, error_size, "SES_EVENTS_QUEUE_URL or the ledger path is too long");
        return false;
    }
    snprintf(out->queue_url, sizeof out->queue_url, "%s", queue_url);
    snprintf(out->ledger_path, sizeof out->ledger_path, "%s", named ? named : "");
    if (!send_connection_resolve(c, &out->connection, error, error_size))
        return false;
    /* SQS's own endpoint in place of SES's (the signer's region stays). */
    char endpoint[sizeof out->connection.endpoint];
    if (!ses_resolve_service_endpoint(c->overrides.aws_dir, "sqs", out->connection.region,
                                      endpoint, sizeof endpoint, error, error_size))
        return false;
    memcpy(out->connection.endpoint, endpoint, sizeof endpoint);
    return true;
}

/* The SQS client: SES's credentials and region, SQS's own endpoint, and a
 * query timeout longer than the long poll it waits through. */
static ses_client *send_events_client(const send_events_source *source, int wait_seconds,
                                      char *error, size_t error_size)
{
    ses_config config = source->connection.ses;
    config.endpoint = source->connection.endpoint;
    config.region = source->connection.region;
    config.service = "sqs";
    config.query_timeout_ms = 1000L * (wait_seconds + EVENTS_ANSWER_SECONDS);
    if (config.request_timeout_ms < config.query_timeout_ms)
        config.request_timeout_ms = config.query_timeout_ms;
    return ses_client_new(&config, error, error_size);
}

/* "SQS ReceiveMessage: QueueDoesNotExist: ..." */
static void send_events_sqs_error(const char *action, const ses_status *status, char *error,
                                  size_t error_size)
{
    snprintf(error, error_size, "SQS %s: %s%s%s", action, status->error_code,
             status->error_message[0] ? ": " : "", status->error_message);
}

/* One message into the ledger; false only when the ledger failed. */
static bool send_events_apply(ledger *l, const sqs_message *m, send_event_report *report,
                              char *what, size_t what_size, char *error, size_t error_size)
{
    memset(report, 0, sizeof *report);
    report->sqs_message_id = m->message_id;
    report->what = what;
    events_parsed parsed;
    if (!events_parse(m->body, strlen(m->body), &parsed, what, what_size)) {
        bool duplicate = false;
        report->malformed = true;
        report->result = LEDGER_EVENT_KEPT_ASIDE;
        return ledger_keep_aside(l, m->body, what, &duplicate, error, error_size);
    }
    report->enveloped = parsed.enveloped;
    report->event_type = ledger_event_type_name(parsed.event.type);
    bool ok = ledger_apply_event(l, &parsed.event, m->body, &report->result,
                                 &report->delivery_id, what, what_size, error, error_size);
    events_parsed_free(&parsed);
    return ok;
}

static void send_events_count(send_events_totals *totals, ledger_event_result result)
{
    switch (result) {
    case LEDGER_EVENT_APPLIED:
        totals->applied++;
        break;
    case LEDGER_EVENT_DUPLICATE:
        totals->duplicates++;
        break;
    case LEDGER_EVENT_KEPT_ASIDE:
        totals->kept_aside++;
        break;
    case LEDGER_EVENT_LATER:
        totals->later++;
        break;
    }
}

/* What one receive brought: applied one by one, then deleted together
 * (all but those left for later). False with the error and exit code. */
static bool send_events_round(ses_client *client, const char *queue_url, ledger *l,
                              const sqs_message *messages, size_t count, send_event_fn each,
                              void *user, send_events_totals *totals, char *error,
                              size_t error_size, int *exit_code)
{
    const char **done = calloc(count, sizeof *done);
    size_t done_count = 0;
    bool ok = done != NULL;
    for (size_t i = 0; i < count && ok; i++) {
        send_event_report report;
        char what[768];
        ok = send_events_apply(l, &messages[i], &report, what, sizeof what, error, error_size);
        if (!ok) {
            *exit_code = 3;
            break;
        }
        totals->received++;
        send_events_count(totals, report.result);
        if (report.result != LEDGER_EVENT_LATER)
            done[done_count++] = messages[i].receipt_handle;
        if (each)
            each(user, &report);
    }
    /* Deleted only now, after each one's commit; even when the ledger
     * failed midway, what it did commit may go. */
    ses_status status;
    if (done_count && !ses_sqs_delete(client, queue_url, done, done_count, &status)) {
        if (ok) {
            char why[768];
            send_events_sqs_error("DeleteMessageBatch", &status, why, sizeof why);
            snprintf(error, error_size, "%s (the events were recorded; they come back and are"
                     " recognized as duplicates)", why);
            *exit_code = 4;
        }
        ok = false;
    } else {
        totals->deleted += done_count;
    }
    free(done);
    return ok;
}

static bool send_events_wait_valid(int wait_seconds, char *error, size_t error_size)
{
    if (wait_seconds >= 0 && wait_seconds <= EVENTS_WAIT_MAX_SECONDS)
        return true;
    snprintf(error, error_size, "the wait is %d s; SQS waits 0 to %d s", wait_seconds,
             EVENTS_WAIT_MAX_SECONDS);
    return false;
}

bool send_events_run(const briefing_config *c, ledger *l, int wait_seconds, send_event_fn each,
                     void *user, send_events_totals *totals, char *error, size_t error_size,
                     int *exit_code)
{
    memset(totals, 0, sizeof *totals);
    *exit_code = 3;
    if (!send_events_wait_valid(wait_seconds, error, error_size))
        return false;
    send_events_source *source = malloc(sizeof *source); /* large: credentials and paths */
    if (!source) {
        snprintf(error, error_size, "out of memory");
        return false;
    }
    bool ok = send_events_source_resolve(c, source, error, error_size) &&
              send_events_poll(source, l, wait_seconds, each, user, totals, error, error_size,
                               exit_code);
    free(source);
    return ok;
}

bool send_events_poll(const send_events_source *source, ledger *l, int wait_seconds,
                      send_event_fn each, void *user, send_events_totals *totals, char *error,
                      size_t error_size, int *exit_code)
{
    memset(totals, 0, sizeof *totals);
    *exit_code = 3;
    if (!send_events_wait_valid(wait_seconds, error, error_size))
        return false;
    ses_client *client = send_events_client(source, wait_seconds, error, error_size);
    if (!client)
        return false;
    ledger *opened = NULL;
    if (!l) {
        int recovered = 0; /* the next command that opens it says so */
        l = opened = send_ledger_open_named(source->ledger_path[0] ? source->ledger_path : NULL,
                                            NULL, &source->connection.ses, false, NULL,
                                            &recovered, error, error_size);
        if (!l) {
            ses_client_free(client);
            return false;
        }
    }
    const char *queue_url = source->queue_url;
    bool ok = true;
    for (int wait = wait_seconds; ok; wait = 0) {
        sqs_message *messages = NULL;
        size_t count = 0;
        ses_status status;
        if (!ses_sqs_receive(client, queue_url, wait, EVENTS_RECEIVE_MAX, &messages, &count,
                             &status)) {
            send_events_sqs_error("ReceiveMessage", &status, error, error_size);
            *exit_code = 4;
            ok = false;
            break;
        }
        if (count == 0) {
            sqs_messages_free(messages, count);
            break; /* nothing more for us now (what is left for later is invisible) */
        }
        ok = send_events_round(client, queue_url, l, messages, count, each, user, totals, error,
                               error_size, exit_code);
        sqs_messages_free(messages, count);
    }
    ses_client_free(client);
    ledger_close(opened);
    if (ok)
        *exit_code = 0;
    return ok;
}

bool send_history_recipients(const briefing_config *c, int64_t id, ledger_recipient **out,
                             size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    int recovered = 0;
    ledger *l = send_ledger_open(c, &recovered, error, error_size);
    if (!l)
        return false;
    bool ok = ledger_recipients(l, id, out, count, error, error_size);
    ledger_close(l);
    return ok;
}

bool send_history_resent(const briefing_config *c, const ledger_delivery *list, size_t count,
                         ledger_delivery *resent, char *error, size_t error_size)
{
    memset(resent, 0, count * sizeof *resent);
    size_t unknown = 0;
    for (size_t i = 0; i < count; i++)
        unknown += list[i].state == DELIVERY_UNKNOWN;
    if (!unknown)
        return true; /* nothing to settle: the ledger stays closed */
    int recovered = 0;
    ledger *l = send_ledger_open(c, &recovered, error, error_size);
    if (!l)
        return false;
    for (size_t i = 0; i < count; i++)
        if (list[i].state == DELIVERY_UNKNOWN)
            send_resent_as(l, &list[i], &resent[i]); /* untouched (id 0) when never resent */
    ledger_close(l);
    return true;
}

bool send_address_flags(const briefing_config *c, const char *addresses, ledger_address_flag **out,
                        size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    int recovered = 0;
    ledger *l = send_ledger_open(c, &recovered, error, error_size);
    if (!l)
        return false;
    bool ok = ledger_address_flags(l, addresses, out, count, error, error_size);
    ledger_close(l);
    return ok;
}
