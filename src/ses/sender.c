/* sender.c: a batch's SendRawEmail requests in flight together.
 *
 * One curl multi handle drives a fixed set of slots, one send each, on the
 * caller's thread: nothing here blocks for longer than the caller asked.
 * The multi handle keeps the connections, so a slot's next request reuses
 * a connection another one opened. Each slot keeps its form body for the
 * life of its send, so every attempt signs and uploads the same bytes, and
 * its upload refuses to rewind once sent (client.c): curl cannot quietly
 * send a request twice on a fresh connection.
 *
 * What happens to an attempt is the client's rules, shared with the one-at-
 * a-time path (ses_call_perform): attempt.c judges it, ses_client_retry_wait
 * says whether and when it goes again, and the client's pacer gives every
 * attempt, retries first, its own slot of the send rate.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ses/ses_internal.h"

/* The longest any call here blocks, so the caller sees an operator's stop
 * (Esc, Ctrl-C) within this long. */
static const double SENDER_LONGEST_WAIT_SECONDS = 0.1;

/* Concurrency: enough requests in flight to keep MaxSendRate when each
 * takes up to `round_trip_seconds` (rate x round trip, by Little's law), at
 * least `fewest`, at most `most` (each is a connection to SES). With the
 * rate unknown, one at a time. */
typedef struct {
    double round_trip_seconds;
    int fewest;
    int most;
} in_flight_policy;

static const in_flight_policy IN_FLIGHT_POLICY = {
    .round_trip_seconds = 1.0,
    .fewest = 2,
    .most = 64,
};

int ses_sender_max_in_flight(double max_send_rate)
{
    if (!(max_send_rate > 0))
        return 1;
    double wanted = ceil(max_send_rate * IN_FLIGHT_POLICY.round_trip_seconds);
    if (wanted < IN_FLIGHT_POLICY.fewest)
        return IN_FLIGHT_POLICY.fewest;
    if (wanted > IN_FLIGHT_POLICY.most)
        return IN_FLIGHT_POLICY.most;
    return (int)wanted;
}

typedef enum {
    SLOT_FREE,
    SLOT_IN_FLIGHT,           /* its easy handle is in the multi handle */
    SLOT_WAITING_RETRY,       /* answered retryable; goes again at retry_at */
} slot_state;

/* One send from its start to its outcome. Invariant: `call` points at this
 * slot's own `parameters` and `answer`, and `answer` at `message_id`, so a
 * slot never moves (the slots are allocated once). */
typedef struct {
    slot_state state;
    ses_transfer transfer;
    strbuf parameters;
    strbuf body;
    char payload_hash[65];
    ses_call call;
    ses_send_answer answer;
    char message_id[160];
    ses_status status;
    size_t tag;
    int attempts;
    double retry_at;          /* monotonic seconds */
    bool stopped;             /* waiting for a retry that is not to be made */
} sender_slot;

struct ses_sender {
    ses_client *client;
    CURLM *multi;
    sender_slot *slots;
    int slot_count;           /* ses_sender_max_in_flight */
    double max_send_rate;
    bool answered;            /* a send came to its outcome, or the first need not
                                 go alone (SES_FIRST_WITH_OTHERS): the others may fly */
    ses_send_event *events;   /* slot_count: each slot ends at most once per wait */
    size_t event_count;
    atomic_bool woken;        /* ses_sender_wakeup was called: the wait returns */
};

ses_sender *ses_sender_new(ses_client *client, double max_send_rate, ses_first_send first,
                           char *error, size_t error_size)
{
    ses_sender *sender = calloc(1, sizeof *sender);
    if (!sender) {
        snprintf(error, error_size, "SES sender: out of memory");
        return NULL;
    }
    atomic_init(&sender->woken, false);
    sender->client = client;
    sender->max_send_rate = max_send_rate > 0 ? max_send_rate : 0;
    sender->slot_count = ses_sender_max_in_flight(max_send_rate);
    sender->answered = first == SES_FIRST_WITH_OTHERS;
    sender->multi = curl_multi_init();
    sender->slots = calloc((size_t)sender->slot_count, sizeof *sender->slots);
    sender->events = calloc((size_t)sender->slot_count, sizeof *sender->events);
    if (!sender->multi || !sender->slots || !sender->events) {
        snprintf(error, error_size, "SES sender: out of memory");
        ses_sender_free(sender);
        return NULL;
    }
    curl_multi_setopt(sender->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)sender->slot_count);
    curl_multi_setopt(sender->multi, CURLMOPT_MAXCONNECTS, (long)sender->slot_count);
    for (int i = 0; i < sender->slot_count; i++) {
        sender_slot *slot = &sender->slots[i];
        slot->parameters = (strbuf)STRBUF_INIT;
        slot->body = (strbuf)STRBUF_INIT;
        if (!ses_transfer_open(client, &slot->transfer, error, error_size)) {
            ses_sender_free(sender);
            return NULL;
        }
        curl_easy_setopt(slot->transfer.curl, CURLOPT_PRIVATE, (void *)slot);
    }
    return sender;
}

void ses_sender_free(ses_sender *sender)
{
    if (!sender)
        return;
    for (int i = 0; sender->slots && i < sender->slot_count; i++) {
        sender_slot *slot = &sender->slots[i];
        if (slot->state == SLOT_IN_FLIGHT)
            curl_multi_remove_handle(sender->multi, slot->transfer.curl);
        ses_transfer_close(&slot->transfer);
        strbuf_free(&slot->parameters);
        strbuf_free(&slot->body);
    }
    if (sender->multi)
        curl_multi_cleanup(sender->multi);
    free(sender->slots);
    free(sender->events);
    free(sender);
}

/* ---- slots ---- */

static int sender_busy(const ses_sender *sender)
{
    int busy = 0;
    for (int i = 0; i < sender->slot_count; i++)
        busy += sender->slots[i].state != SLOT_FREE;
    return busy;
}

/* Until a first send came to its outcome, one at a time (unless the
 * caller said SES_FIRST_WITH_OTHERS): an answer that stops the batch
 * (credentials refused, daily quota) must not find others already in
 * flight. */
static int sender_limit(const ses_sender *sender)
{
    return sender->answered ? sender->slot_count : 1;
}

static sender_slot *sender_free_slot(ses_sender *sender)
{
    for (int i = 0; i < sender->slot_count; i++)
        if (sender->slots[i].state == SLOT_FREE)
            return &sender->slots[i];
    return NULL;
}

static ses_send_event *sender_event(ses_sender *sender, const sender_slot *slot, bool final)
{
    if (sender->event_count >= (size_t)sender->slot_count)
        abort(); /* each slot ends at most once per wait: a broken invariant */
    ses_send_event *event = &sender->events[sender->event_count++];
    memset(event, 0, sizeof *event);
    event->tag = slot->tag;
    event->final = final;
    event->status = slot->status;
    return event;
}

/* Starts the slot's next attempt: renewed credentials, a slot of the rate,
 * signed now. False with slot->status when the credentials are gone. */
static bool sender_launch(ses_sender *sender, sender_slot *slot)
{
    slot->attempts++;
    slot->status.attempts = slot->attempts;
    if (!ses_client_fresh_credentials(sender->client, &slot->status))
        return false;
    ses_pacer_take(ses_client_pacer(sender->client), ses_monotonic_seconds());
    ses_transfer_arm(sender->client, &slot->transfer, &slot->call, &slot->body, slot->payload_hash);
    curl_multi_add_handle(sender->multi, slot->transfer.curl);
    slot->state = SLOT_IN_FLIGHT;
    /* The request leaves at its slot of the rate, not at the next wait:
     * SES counts when requests arrive. (What finishes here is collected by
     * the next wait.) */
    int running = 0;
    curl_multi_perform(sender->multi, &running);
    return true;
}

static void sender_finish(ses_sender *sender, sender_slot *slot, bool accepted)
{
    ses_send_event *event = sender_event(sender, slot, true);
    if (accepted)
        snprintf(event->message_id, sizeof event->message_id, "%s", slot->message_id);
    sender->answered = true;
    slot->state = SLOT_FREE;
    slot->stopped = false;
}

/* ---- starting ---- */

static sender_slot *sender_due_retry(ses_sender *sender, double now)
{
    for (int i = 0; i < sender->slot_count; i++) {
        sender_slot *slot = &sender->slots[i];
        if (slot->state == SLOT_WAITING_RETRY && !slot->stopped && slot->retry_at <= now)
            return slot;
    }
    return NULL;
}

static double sender_shorter(double wait, double other)
{
    return other < wait ? other : wait;
}

double ses_sender_next_start(ses_sender *sender)
{
    double now = ses_monotonic_seconds();
    if (sender_busy(sender) >= sender_limit(sender) || sender_due_retry(sender, now))
        return SES_SENDER_NO_SLOT;
    return ses_pacer_delay(ses_client_pacer(sender->client), now);
}

bool ses_sender_ready(ses_sender *sender, double *wait_seconds)
{
    double next = ses_sender_next_start(sender);
    *wait_seconds = SENDER_LONGEST_WAIT_SECONDS;
    if (next > 0)
        *wait_seconds = sender_shorter(*wait_seconds, next);
    return next == 0;
}

bool ses_sender_start(ses_sender *sender, const ses_send_request *request, size_t tag,
                      ses_status *status)
{
    memset(status, 0, sizeof *status);
    sender_slot *slot = sender_busy(sender) < sender_limit(sender) ? sender_free_slot(sender) : NULL;
    if (!slot) {
        status->outcome = SES_OUTCOME_FAILED;
        snprintf(status->error_code, sizeof status->error_code, "not_started");
        snprintf(status->error_message, sizeof status->error_message,
                 "SendRawEmail: started while %d requests were in flight (ses_sender_ready "
                 "said no)", sender_busy(sender));
        return false;
    }
    strbuf_truncate(&slot->parameters, 0);
    strbuf_truncate(&slot->body, 0);
    slot->answer = (ses_send_answer){slot->message_id, sizeof slot->message_id};
    memset(&slot->status, 0, sizeof slot->status);
    slot->tag = tag;
    slot->attempts = 0;
    slot->stopped = false;
    if (!ses_send_raw_call(request, &slot->parameters, &slot->answer, &slot->call, status))
        return false;
    ses_call_body(&slot->call, &slot->body, slot->payload_hash);
    if (!sender_launch(sender, slot)) {
        *status = slot->status;
        return false;
    }
    return true;
}

/* Retries whose wait is over go when the rate has a slot for them. */
static void sender_launch_due_retries(ses_sender *sender)
{
    for (;;) {
        double now = ses_monotonic_seconds();
        sender_slot *slot = sender_due_retry(sender, now);
        if (!slot || ses_pacer_delay(ses_client_pacer(sender->client), now) > 0)
            return;
        if (!sender_launch(sender, slot))
            sender_finish(sender, slot, false);
    }
}

/* ---- answers ---- */

static void sender_answered(ses_sender *sender, sender_slot *slot, CURLcode result)
{
    ses_client *client = sender->client;
    ses_exchange done = ses_transfer_disarm(&slot->transfer, result);
    attempt_verdict verdict =
        ses_attempt_judge(&slot->call, &done, &slot->transfer.response, &slot->status);
    slot->status.attempts = slot->attempts;
    if (verdict == ATTEMPT_DONE)
        ses_client_attempt_done(client, &slot->call, slot->attempts);
    double wait = ses_client_retry_wait(client, &slot->status, verdict, slot->attempts);
    if (wait >= 0) {
        slot->state = SLOT_WAITING_RETRY;
        slot->retry_at = ses_monotonic_seconds() + wait;
        sender_event(sender, slot, false);
        return;
    }
    bool accepted = ses_send_raw_settle(verdict == ATTEMPT_DONE, &slot->answer, &slot->status);
    sender_finish(sender, slot, accepted);
}

static void sender_collect(ses_sender *sender)
{
    CURLMsg *message;
    int left;
    while ((message = curl_multi_info_read(sender->multi, &left))) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle;
        CURLcode result = message->data.result; /* `message` dies with the removal */
        sender_slot *slot = NULL;
        curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&slot);
        curl_multi_remove_handle(sender->multi, easy);
        sender_answered(sender, slot, result);
    }
}

static void sender_finish_stopped(ses_sender *sender)
{
    for (int i = 0; i < sender->slot_count; i++) {
        sender_slot *slot = &sender->slots[i];
        if (slot->state != SLOT_WAITING_RETRY || !slot->stopped)
            continue;
        size_t used = strlen(slot->status.error_message);
        snprintf(slot->status.error_message + used, sizeof slot->status.error_message - used,
                 " (not retried: the batch was stopped)");
        sender_finish(sender, slot, false);
    }
}

/* How long to poll: to the deadline, or until the next retry may go (its
 * backoff over and the rate's slot there), whichever comes first. */
static int sender_poll_ms(ses_sender *sender, double now, double deadline)
{
    double wait = sender_shorter(deadline - now, SENDER_LONGEST_WAIT_SECONDS);
    double slot_delay = ses_pacer_delay(ses_client_pacer(sender->client), now);
    for (int i = 0; i < sender->slot_count; i++) {
        const sender_slot *slot = &sender->slots[i];
        if (slot->state != SLOT_WAITING_RETRY || slot->stopped)
            continue;
        double backoff = slot->retry_at - now;
        wait = sender_shorter(wait, backoff > slot_delay ? backoff : slot_delay);
    }
    int ms = (int)ceil(wait * 1000);
    return ms > 0 ? ms : 1;
}

size_t ses_sender_wait(ses_sender *sender, double max_seconds, const ses_send_event **events)
{
    sender->event_count = 0;
    double deadline = ses_monotonic_seconds() + max_seconds;
    for (;;) {
        sender_finish_stopped(sender);
        sender_launch_due_retries(sender);
        int running = 0;
        curl_multi_perform(sender->multi, &running);
        sender_collect(sender);
        double now = ses_monotonic_seconds();
        if (sender->event_count || now >= deadline || atomic_exchange(&sender->woken, false))
            break;
        curl_multi_poll(sender->multi, NULL, 0, sender_poll_ms(sender, now, deadline), NULL);
    }
    *events = sender->events;
    return sender->event_count;
}

void ses_sender_wakeup(ses_sender *sender)
{
    atomic_store(&sender->woken, true);
    curl_multi_wakeup(sender->multi);
}

size_t ses_sender_unfinished(const ses_sender *sender)
{
    return (size_t)sender_busy(sender);
}

void ses_sender_stop_retries(ses_sender *sender)
{
    for (int i = 0; i < sender->slot_count; i++)
        if (sender->slots[i].state == SLOT_WAITING_RETRY)
            sender->slots[i].stopped = true;
}

void ses_sender_pace_read(const ses_sender *sender, ses_sender_pace *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < sender->slot_count; i++) {
        out->in_flight += sender->slots[i].state == SLOT_IN_FLIGHT;
        out->waiting_retry += sender->slots[i].state == SLOT_WAITING_RETRY;
    }
    out->max_in_flight = sender_limit(sender);
    out->max_send_rate = sender->max_send_rate;
    const ses_pacer *pacer = ses_client_pacer(sender->client);
    out->pacing_rate = pacer->rate;
    out->throttled = pacer->throttled;
}
