/* batch_send: the write-ahead send loop and the checks before it.
 *
 * Order per item, and why:
 *   1. ledger row (pending)      — the delivery exists before anything else;
 *   2. message rebuilt with its delivery id, archived (.eml/.txt/.html) and
 *      its SHA-256 recorded      — the exact bytes are kept before they leave;
 *   3. a place in flight free and MaxSendRate's next slot near (the SES
 *      sender says exactly when);
 *   4. a planned report claims its UTC day (ledger_claim_day): when
 *      another delivery, of any machine on the ledger, is sending or sent
 *      it today, this one is `not-attempted` and says who holds it; then
 *      row committed `sending`   — a crash from here on reads as `unknown`;
 *   5. SendRawEmail started at the slot; while it is in flight the next
 *      items go through 1-5;
 *   6. row updated to sent / failed / unknown once its answer came.
 * Items are staged ahead (steps 1-2) and step 4 is taken just before the
 * slot, so that at the slot nothing but the request starts; answers are
 * written between slots (the schedule, below, says why and what a crash
 * or a stop leaves at each point). Step 4 comes only once a place in
 * flight is free and the slot is at most about the commit's own cost
 * away (batch_arm_lead), so no row waits `sending` for its turn longer.
 * SES has no idempotency token, so nothing here retries a request that may
 * have reached SES: the sender reports it as unknown and so does the
 * ledger. Everything but the writing of the archive files (batch_archiver.c)
 * runs on the calling thread, one step at a time with the transfers driven
 * in between: the ledger is written from one thread.
 */
#include "briefing/send.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefing/mime.h"
#include "send/send_internal.h"

static void batch_append_warning(batch_preflight_result *r, const char *text)
{
    size_t used = strlen(r->warnings);
    snprintf(r->warnings + used, sizeof r->warnings - used, "%s%s", used ? "\n" : "", text);
}

static size_t batch_sendable_messages(const batch *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->count; i++)
        n += b->items[i].build_error[0] == '\0';
    return n;
}

/* Something SES could not confirm: refused unless the operator said to go
 * on without it (then a warning that stays on the summary). */
static void batch_refuse_unchecked(batch *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void batch_refuse_unchecked(batch *b, const char *fmt, ...)
{
    batch_preflight_result *r = &b->preflight;
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (b->unverified_ok) {
        char warning[900];
        snprintf(warning, sizeof warning, "%s: sending anyway, as asked", what);
        batch_append_warning(r, warning);
        return;
    }
    if (r->error[0])
        return; /* the first refusal is the one shown */
    snprintf(r->error, sizeof r->error, "%s", what);
    r->error_exit_code = 4;
    r->overridable = true;
}

/* The sender's verification, from the shared account check. */
static void batch_check_identity(batch *b, const send_account *account, const char *address,
                                 const char *domain)
{
    batch_preflight_result *r = &b->preflight;
    if (account->auth_failure) {
        snprintf(r->error, sizeof r->error, "SES refused the credentials: %s", account->error);
        r->error_exit_code = 4;
        return;
    }
    snprintf(r->identity, sizeof r->identity, "%s", account->identity[0] ? account->identity : address);
    if (!account->identity_answered) {
        snprintf(r->verification, sizeof r->verification, "unavailable");
        batch_refuse_unchecked(b, "SES could not confirm that the sender %s is verified (%s)",
                               address, account->error);
        r->unreachable = account->unreachable; /* the account's first problem, as the error */
        return;
    }
    snprintf(r->verification, sizeof r->verification, "%s",
             account->verification[0] ? account->verification : "NotStarted");
    r->identity_ok = account->identity_ok;
    if (r->identity_ok)
        return;
    snprintf(r->error, sizeof r->error,
             "the sender %s is not verified in SES (%s: %s): verify the address or its domain %s",
             address, r->identity, r->verification, domain);
    r->error_exit_code = 4;
}

/* The quota against the messages to send. */
static void batch_check_quota(batch *b, const send_account *account)
{
    batch_preflight_result *r = &b->preflight;
    if (!account->quota_known) {
        batch_refuse_unchecked(b, "SES did not say how much of the sending quota is left (%s)",
                               account->error);
        r->unreachable = account->unreachable;
        return;
    }
    r->quota_known = true;
    r->quota = account->quota;
    if (r->quota.max_24_hour_send < 0)
        return; /* SES reports -1 for an unlimited quota */
    double left = r->quota.max_24_hour_send - r->quota.sent_last_24_hours;
    double wanted = batch_sendable_recipients(b); /* SES counts recipients, not messages */
    if (wanted > left) {
        snprintf(r->error, sizeof r->error,
                 "quota short: %zu messages to %.0f recipients but only %.0f of %.0f left in the "
                 "last 24 hours (SES counts each recipient)",
                 batch_sendable_messages(b), wanted, left < 0 ? 0 : left,
                 r->quota.max_24_hour_send);
        r->error_exit_code = 4;
        r->overridable = false; /* a known shortfall: no flag sends past it */
        return;
    }
    /* GetAccount's answer says it for sure (batch_check_account); without it, a guess. */
    if (!account->state_known && r->quota.max_24_hour_send <= 200 && r->quota.max_send_rate <= 1)
        batch_append_warning(r, "the account looks like it is in the SES sandbox: every "
                                "recipient must be verified too");
}

void batch_preflight(batch *b, ses_client *client)
{
    memset(&b->preflight, 0, sizeof b->preflight);
    b->preflight.checked = true;
    char address[320], domain[256];
    config_sender_identity(b->config, address, sizeof address, domain, sizeof domain);
    if (!address[0]) {
        snprintf(b->preflight.error, sizeof b->preflight.error,
                 "no sender: set SES_FROM_ADDRESS in %s", b->portfolio->settings_where);
        b->preflight.error_exit_code = 3;
        return;
    }
    send_account account;
    send_account_check(client, address, domain, &account);
    batch_check_identity(b, &account, address, domain);
    if (b->preflight.error[0] && !b->preflight.overridable)
        return;
    batch_check_account(b, &account);
    if (b->preflight.error[0] && !b->preflight.overridable)
        return;
    batch_check_quota(b, &account);
    batch_check_suppression(b, client);
    for (size_t i = 0; i < b->count; i++) {
        if (b->items[i].build_error[0]) {
            char warning[768];
            snprintf(warning, sizeof warning, "%s/%s will not be sent: %s",
                     report_personas[b->items[i].target.persona].id, b->items[i].scope,
                     b->items[i].build_error);
            batch_append_warning(&b->preflight, warning);
        }
    }
}

/* Updates an item's progress under the lock and tells the watcher. */
static void batch_report_progress(batch *b, size_t index, delivery_state state,
                                  const char *message_id, const char *error, int attempts,
                                  batch_progress_fn progress, void *user)
{
    batch_item *item = &b->items[index];
    pthread_mutex_lock(&b->lock);
    item->state = state;
    if (message_id)
        snprintf(item->message_id, sizeof item->message_id, "%s", message_id);
    if (error)
        snprintf(item->error, sizeof item->error, "%s", error);
    if (attempts)
        item->attempts = attempts;
    pthread_mutex_unlock(&b->lock);
    if (progress)
        progress(user, index);
}

/* A growing list of malloc'ed addresses. */
typedef struct {
    char **addresses;
    size_t count;
} batch_address_list;

static void batch_address_list_add(void *list_, const char *address)
{
    batch_address_list *list = list_;
    char **grown = realloc(list->addresses, (list->count + 1) * sizeof *grown);
    char *copy = strdup(address);
    if (!grown || !copy)
        abort();
    list->addresses = grown;
    list->addresses[list->count++] = copy;
}

/* Destinations: the bare addresses of To, Cc and Bcc (malloc'ed list). */
static size_t batch_destinations(const batch_item *item, char ***out)
{
    batch_address_list list = {0};
    batch_item_each_address(item, batch_address_list_add, &list);
    *out = list.addresses;
    return list.count;
}

static bool batch_record_delivery(batch *b, batch_item *item, ledger *l, int64_t *id, char *error,
                                  size_t error_size)
{
    ledger_delivery d = {0};
    d.batch_id = b->batch_id;
    d.resend_of = item->resend_of;
    snprintf(d.persona, sizeof d.persona, "%s", report_personas[item->target.persona].id);
    snprintf(d.scope, sizeof d.scope, "%s", item->scope);
    d.subject = item->subject;
    d.from_address = item->source ? item->source : (char *)b->config->from_address;
    d.to_addresses = item->to;
    d.cc_addresses = item->cc;
    d.bcc_addresses = item->bcc;
    d.state = DELIVERY_PENDING;
    d.size_bytes = (int64_t)item->eml.len;
    d.test = b->test;
    if (!ledger_add_delivery(l, &d, error, error_size))
        return false;
    *id = d.id;
    return true;
}

/* ---- the schedule: nothing on the disk when a slot of the rate comes ----
 *
 * The pacer counts a start from when it really happened, so a request that
 * starts late pushes back the start one window after it, and that one the
 * next: a few milliseconds of disk work at each slot add up over a batch
 * (docs/performance.md: the `sending` commit made at the slot and the
 * archive's fsyncs cost 2-10% of MaxSendRate). So the disk work is done
 * away from the slots:
 *   - items are staged ahead, up to BATCH_STAGE_DEPTH: step 1 (pending row,
 *     message) here, step 2's files written by the archiver's thread
 *     (batch_archiver.c), then linked to their row here; a crash leaves
 *     them `pending` (then `failed`, interrupted: they never left), a stop
 *     marks them `not-attempted`;
 *   - the oldest staged item is armed (step 4: committed `sending`) the
 *     arm's expected cost before its slot, so that at the slot only the
 *     request starts (step 5); a crash while armed reads `unknown`, as for
 *     any `sending` row, though it never left; a stop while armed marks it
 *     `failed` (not started: a `sending` row cannot become not-attempted);
 *   - answers are kept when they come and written to the ledger (step 6)
 *     between slots: a crash before that leaves them `sending` (then
 *     `unknown`); the stop they call for (credentials, daily quota) holds
 *     from when they come.
 * A step on this thread starts only when its expected cost fits before
 * what is due at the next slot; with nothing staged, staging cannot wait. */
enum { BATCH_STAGE_DEPTH = BATCH_ARCHIVER_DEPTH }; /* a second of starts at 14/s */

typedef enum {
    BATCH_WORK_ROW,           /* staging: the pending row, the message built */
    BATCH_WORK_LINK,          /* staging: the archive's path and hash on the row */
    BATCH_WORK_ARM,
    BATCH_WORK_RECORD,
    BATCH_WORK_KINDS,
} batch_work;

typedef struct {
    double first_guess;       /* seconds a step is expected to take before it ran */
    double cost_decay;        /* the expected cost: the slowest recent run, times this per run */
    double arm_safety;        /* the arm starts this many times its expected cost before the slot */
    double arm_margin;        /* ...plus this many seconds */
    double arm_lead_most;     /* never arm earlier than this before the slot */
    double idle_wait;         /* the longest wait with no slot in sight */
} batch_schedule_policy;

static const batch_schedule_policy BATCH_SCHEDULE = {
    .first_guess = 0.02,
    .cost_decay = 0.9,
    .arm_safety = 1.5,
    .arm_margin = 0.002,
    .arm_lead_most = 0.1,
    .idle_wait = 0.1,
};

/* What one run of batch_send carries from item to item. Invariant: the
 * staged items (a ring, oldest at `staged_head`) have their pending row
 * and archive and are in batch order; those with the archiver (their row
 * committed, their files not yet linked) come after them, then `next`;
 * only the oldest staged item may be `armed`;
 * `answers` holds final answers not yet written, oldest at `answer_head`. */
typedef struct {
    batch *batch;
    ledger *ledger;
    ses_client *client;
    ses_sender *sender;
    size_t throttled_before;  /* the client's Throttling count when the batch began */
    batch_progress_fn progress;
    void *user;
    batch_totals *totals;
    char *error;              /* the first ledger failure: nothing more starts */
    size_t error_size;
    bool ledger_failed;
    char archive_stop[1200];  /* why the archive could not be written: nothing more starts */
    size_t next;              /* the next item to stage */
    batch_archiver *archiver;
    size_t staged[BATCH_STAGE_DEPTH];
    size_t staged_head;
    size_t staged_count;
    bool armed;               /* the oldest staged item is committed `sending` */
    ses_send_event *answers;
    size_t answer_head;
    size_t answer_count;
    size_t answer_capacity;
    double cost[BATCH_WORK_KINDS]; /* expected seconds of each kind of step */
    double first_request_at;  /* batch_clock_seconds when the first request left; 0 before */
    size_t done;              /* requests ended (SES's answer, or none) */
} batch_run;

static double batch_clock_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + now.tv_nsec / 1e9;
}

double batch_clock_now(void)
{
    return batch_clock_seconds();
}

static void batch_cost_note(batch_run *run, batch_work kind, double started)
{
    double took = batch_clock_seconds() - started;
    double decayed = run->cost[kind] * BATCH_SCHEDULE.cost_decay;
    run->cost[kind] = took > decayed ? took : decayed;
}

/* How long before its slot the next item is armed. */
static double batch_arm_lead(const batch_run *run)
{
    /* Early costs little (the row waits `sending` a few ms longer), late
     * costs the slot: a commit under load often takes half as long again. */
    double lead = run->cost[BATCH_WORK_ARM] * BATCH_SCHEDULE.arm_safety + BATCH_SCHEDULE.arm_margin;
    return lead < BATCH_SCHEDULE.arm_lead_most ? lead : BATCH_SCHEDULE.arm_lead_most;
}

static size_t batch_staged_front(const batch_run *run)
{
    return run->staged[run->staged_head];
}

static void batch_staged_push(batch_run *run, size_t index)
{
    run->staged[(run->staged_head + run->staged_count) % BATCH_STAGE_DEPTH] = index;
    run->staged_count++;
}

static size_t batch_staged_pop(batch_run *run)
{
    size_t index = run->staged[run->staged_head];
    run->staged_head = (run->staged_head + 1) % BATCH_STAGE_DEPTH;
    run->staged_count--;
    run->armed = false;
    return index;
}

/* Copies the sender's view of the wire into the batch (under the lock). */
static void batch_update_flight(batch_run *run)
{
    ses_sender_pace pace;
    ses_sender_pace_read(run->sender, &pace);
    batch *b = run->batch;
    pthread_mutex_lock(&b->lock);
    b->flight = (batch_flight){
        .in_flight = pace.in_flight,
        .waiting_retry = pace.waiting_retry,
        .max_in_flight = pace.max_in_flight,
        .max_send_rate = pace.max_send_rate,
        .pacing_rate = pace.pacing_rate,
        .throttled = pace.throttled - run->throttled_before,
        .done = run->done,
        .first_request_at = run->first_request_at,
        .updated_at = batch_clock_seconds(),
    };
    pthread_mutex_unlock(&b->lock);
}

void batch_flight_read(batch *b, batch_flight *out)
{
    pthread_mutex_lock(&b->lock);
    *out = b->flight;
    pthread_mutex_unlock(&b->lock);
}

static void batch_run_report(batch_run *run, size_t index, delivery_state state,
                             const char *message_id, const char *error, int attempts)
{
    batch_update_flight(run);
    batch_report_progress(run->batch, index, state, message_id, error, attempts, run->progress,
                          run->user);
}

/* A ledger write failed: the first failure is the one reported, and no new
 * request starts; those in flight are still waited for and recorded. `why`
 * may be run->error itself (written by the failing call). */
static void batch_run_ledger_failed(batch_run *run, const char *why)
{
    if (!run->ledger_failed && why != run->error)
        snprintf(run->error, run->error_size, "%s", why);
    run->ledger_failed = true;
}

/* Writes SES's answer for item `index` to the ledger and to the watcher. */
static void batch_record_outcome(batch_run *run, size_t index, const ses_status *status,
                                 const char *message_id)
{
    batch *b = run->batch;
    int64_t id = b->items[index].delivery_id;
    char reason[640], error[1024];
    snprintf(reason, sizeof reason, "%s%s%s%s%s%s", status->error_code,
             status->error_message[0] ? ": " : "", status->error_message,
             status->request_id[0] ? " (request " : "", status->request_id,
             status->request_id[0] ? ")" : "");
    bool ok = true;
    delivery_state state = DELIVERY_SENT;
    switch (status->outcome) {
    case SES_OUTCOME_OK:
        ok = ledger_mark_sent(run->ledger, id, message_id, status->request_id, status->attempts,
                              error, sizeof error);
        if (!ok)
            send_recovery_note(run->ledger, id, &b->items[index], message_id, error);
        run->totals->sent++;
        break;
    case SES_OUTCOME_FAILED:
        ok = ledger_mark_failed(run->ledger, id, status->error_code, status->error_message,
                                status->request_id, status->attempts, error, sizeof error);
        state = DELIVERY_FAILED;
        run->totals->failed++;
        break;
    case SES_OUTCOME_UNKNOWN:
        ok = ledger_mark_unknown(run->ledger, id, status->error_code, status->error_message,
                                 status->attempts, error, sizeof error);
        state = DELIVERY_UNKNOWN;
        run->totals->unknown++;
        break;
    }
    if (!ok)
        batch_run_ledger_failed(run, error);
    bool sent = state == DELIVERY_SENT;
    batch_run_report(run, index, state, sent ? message_id : NULL, sent ? NULL : reason,
                     status->attempts);
    run->totals->stopped_on_quota |= status->quota_exceeded;
    run->totals->stopped_on_auth |= status->auth_failure;
}

/* An attempt of item `index` came back retryable: it stays `sending`, and
 * the watcher sees why it goes again. */
static void batch_record_retry(batch_run *run, size_t index, const ses_status *status)
{
    char why[640];
    snprintf(why, sizeof why, "attempt %d: %s: %s; trying again", status->attempts,
             status->error_code, status->error_message);
    batch_run_report(run, index, DELIVERY_SENDING, NULL, why, status->attempts);
}

/* Keeps a final answer for batch_record_answer. The stop it calls for holds
 * now: no request starts after an answer that refused the credentials or
 * the daily quota, whether or not it is written yet. */
static void batch_keep_answer(batch_run *run, const ses_send_event *event)
{
    run->totals->stopped_on_quota |= event->status.quota_exceeded;
    run->totals->stopped_on_auth |= event->status.auth_failure;
    if (run->answer_count == 0)
        run->answer_head = 0;
    size_t end = run->answer_head + run->answer_count;
    if (end == run->answer_capacity) {
        size_t capacity = run->answer_capacity ? 2 * run->answer_capacity : 16;
        ses_send_event *grown = realloc(run->answers, capacity * sizeof *grown);
        if (!grown)
            abort();
        run->answers = grown;
        run->answer_capacity = capacity;
    }
    run->answers[end] = *event;
    run->answer_count++;
}

/* Step 6 for the oldest kept answer. */
static void batch_record_answer(batch_run *run)
{
    const ses_send_event *event = &run->answers[run->answer_head++];
    run->answer_count--;
    run->done++;
    batch_record_outcome(run, event->tag, &event->status, event->message_id);
}

/* Why the batch starts nothing more, or NULL while it goes on. The first
 * reason that holds wins. */
static const char *batch_why_stopped(const batch *b, const batch_totals *totals)
{
    if (totals->stopped_on_auth)
        return "stopped: SES refused the credentials";
    if (totals->stopped_on_quota)
        return "stopped: SES's daily sending quota is exhausted";
    if (atomic_load(&b->cancel))
        return "stopped by the operator before it was sent";
    return NULL;
}

/* Drives the transfers for up to `seconds` and keeps what they answered.
 * Once the batch is stopped (the operator, or an answer that refused the
 * credentials or the daily quota while others were in flight), a send
 * waiting to retry is not tried again: it ends failed with its answer. */
static void batch_collect_answers(batch_run *run, double seconds)
{
    if (batch_why_stopped(run->batch, run->totals))
        ses_sender_stop_retries(run->sender);
    const ses_send_event *events = NULL;
    size_t count = ses_sender_wait(run->sender, seconds, &events);
    for (size_t i = 0; i < count; i++) {
        if (events[i].final)
            batch_keep_answer(run, &events[i]);
        else
            batch_record_retry(run, events[i].tag, &events[i].status);
    }
    if (!count)
        batch_update_flight(run);
}

static bool batch_record_not_attempted(batch_run *run, size_t index, bool has_row,
                                       const char *why);

/* Why a planned report's day is held by `holder`, worded as planning's
 * "already sent today" (the progress line and `log` name the report):
 * "sent today at 09:12 from laptop-b (delivery 41); resend it explicitly".
 * The clock is local, as planning's; the day held is UTC (docs/ledger.md),
 * so a holder of the local day before says its date: "sent at 23:59 on
 * 2026-12-06 (today in UTC) from ...". */
static void batch_day_held_reason(const ledger_day_holder *holder, char *out, size_t out_size)
{
    char clock[48], from[160] = "", held_day[16], today[16];
    struct tm tm;
    time_t now = time(NULL);
    strftime(held_day, sizeof held_day, "%Y-%m-%d", localtime_r(&holder->at, &tm));
    strftime(today, sizeof today, "%Y-%m-%d", localtime_r(&now, &tm));
    strftime(clock, sizeof clock, "%H:%M", localtime_r(&holder->at, &tm));
    bool same_local_day = strcmp(held_day, today) == 0;
    if (!same_local_day) {
        size_t used = strlen(clock);
        snprintf(clock + used, sizeof clock - used, " on %s (today in UTC)", held_day);
    }
    if (holder->host[0])
        snprintf(from, sizeof from, " from %s", holder->host);
    if (holder->state == DELIVERY_SENDING)
        snprintf(out, out_size, "is being sent by %s since %s (delivery %lld)",
                 holder->host[0] ? holder->host : "another batch", clock,
                 (long long)holder->delivery_id);
    else
        snprintf(out, out_size, "sent %sat %s%s (delivery %lld%s); resend it explicitly",
                 same_local_day ? "today " : "", clock, from,
                 (long long)holder->delivery_id,
                 holder->state == DELIVERY_UNKNOWN ? ", unknown: SES may have it" : "");
}

/* Step 4's claim for the oldest staged item: true with `*go` when it may
 * be sent; a held day takes it off the staged ones and records it
 * `not-attempted` with who holds it. False only when the ledger cannot be
 * written. */
static bool batch_claim_day(batch_run *run, size_t index, bool *go)
{
    batch *b = run->batch;
    batch_item *item = &b->items[index];
    *go = true;
    if (!item->claims_day || b->test || item->resend_of)
        return true;
    char day[16];
    time_t now = time(NULL);
    struct tm tm;
    strftime(day, sizeof day, "%Y-%m-%d", gmtime_r(&now, &tm));
    ledger_day_holder holder;
    if (!ledger_claim_day(run->ledger, item->delivery_id, day, go, &holder, run->error,
                          run->error_size))
        return false;
    if (*go)
        return true;
    char why[640];
    batch_day_held_reason(&holder, why, sizeof why);
    pthread_mutex_lock(&b->lock);
    item->day_held = true;
    pthread_mutex_unlock(&b->lock);
    run->totals->day_held++;
    batch_staged_pop(run);
    return batch_record_not_attempted(run, index, true, why);
}

/* Step 4 ahead of the slot: the oldest staged item claims its day (a
 * planned report) and is committed `sending`; an item whose day is held
 * is recorded not sent instead, and the next one is armed in its turn. */
static bool batch_arm(batch_run *run)
{
    size_t index = batch_staged_front(run);
    bool go = true;
    if (!batch_claim_day(run, index, &go))
        return false;
    if (!go)
        return true;
    const batch_item *item = &run->batch->items[index];
    if (!ledger_mark_sending(run->ledger, item->delivery_id, run->error, run->error_size))
        return false;
    run->armed = true;
    return true;
}

/* Step 5: the armed item's request starts; the sender said it may. */
static void batch_launch(batch_run *run)
{
    batch *b = run->batch;
    size_t index = batch_staged_pop(run);
    batch_item *item = &b->items[index];
    char **destinations = NULL;
    size_t destination_count = batch_destinations(item, &destinations);
    /* SES's Source takes only ASCII (a display name must be RFC 2047
     * encoded there): the bare address, since the message's own From
     * header already carries the name, encoded. */
    strbuf source = STRBUF_INIT;
    mime_address_bare(item->source ? item->source : b->config->from_address, &source);
    const ses_send_request request = {
        .raw = item->eml.data,
        .raw_length = item->eml.len,
        .source = strbuf_cstr(&source),
        .destinations = (const char *const *)destinations,
        .destination_count = destination_count,
        .configuration_set = b->config->configuration_set,
    };
    ses_status status;
    bool started = ses_sender_start(run->sender, &request, index, &status);
    strbuf_free(&source);
    mime_address_list_free(destinations, destination_count);
    if (started && !run->first_request_at)
        run->first_request_at = batch_clock_seconds();
    if (started)
        batch_run_report(run, index, DELIVERY_SENDING, NULL, NULL, 0);
    else
        batch_record_outcome(run, index, &status, "");
}

/* The batch stopped (or the ledger failed) between arming and the slot:
 * the armed request never started, and this process knows it. Its row is
 * `sending`, which may become `not-attempted` (the transition table allows
 * it for exactly this): the operator reads "stopped ... before it was
 * sent", and the report stays resendable, built afresh. */
static bool batch_record_not_attempted(batch_run *run, size_t index, bool has_row,
                                       const char *why);

static bool batch_disarm(batch_run *run, const char *why)
{
    return batch_record_not_attempted(run, batch_staged_pop(run), true, why);
}

/* A report the batch does not send still gets its ledger row, so nothing
 * of a batch goes unrecorded and `resend --failed` finds it. A staged item
 * has its row already. */
static bool batch_record_not_attempted(batch_run *run, size_t index, bool has_row,
                                       const char *why)
{
    batch *b = run->batch;
    batch_item *item = &b->items[index];
    run->totals->skipped++;
    run->totals->cancelled |= atomic_load(&b->cancel);
    int64_t id = item->delivery_id;
    if (!has_row && !batch_record_delivery(b, item, run->ledger, &id, run->error, run->error_size))
        return false;
    if (!ledger_mark_not_attempted(run->ledger, id, why, run->error, run->error_size))
        return false;
    pthread_mutex_lock(&b->lock);
    item->delivery_id = id;
    pthread_mutex_unlock(&b->lock);
    batch_run_report(run, index, DELIVERY_NOT_ATTEMPTED, NULL, why, 0);
    return true;
}

/* Step 1 of the next item: its pending row and its message, rebuilt with
 * the row's id, handed to the archiver; an item that cannot be built is
 * recorded failed. False only when the ledger cannot be written. */
static bool batch_stage_row(batch_run *run)
{
    batch *b = run->batch;
    size_t index = run->next++;
    batch_item *item = &b->items[index];
    if (item->build_error[0])
        return batch_record_not_attempted(run, index, false, item->build_error);
    int64_t id = 0;
    if (!batch_record_delivery(b, item, run->ledger, &id, run->error, run->error_size))
        return false;
    pthread_mutex_lock(&b->lock);
    item->delivery_id = id;
    pthread_mutex_unlock(&b->lock);
    if (!item->from_archive && !batch_build_message(b, item, id)) {
        ledger_mark_failed(run->ledger, id, "invalid", item->build_error, NULL, 0, run->error,
                           run->error_size);
        batch_run_report(run, index, DELIVERY_FAILED, NULL, item->build_error, 0);
        run->totals->failed++;
        return true;
    }
    if (!batch_archiver_submit(run->archiver, item, index))
        abort(); /* batch_next_action keeps staged + archiving <= BATCH_STAGE_DEPTH */
    return true;
}

/* Step 2's end for the oldest archived item: the archive's path and
 * SHA-256 on its row; the item is staged. An archive that could not be
 * written stops the batch: the item never left, so its row is closed
 * `not-attempted` with the archive's path and reason (not left `pending`
 * for the next run to call "the process stopped"), and so is every item
 * after it. False only when the ledger could not be written. */
static bool batch_stage_link(batch_run *run)
{
    batch_archived done;
    if (!batch_archiver_take(run->archiver, &done))
        abort(); /* batch_next_action saw it ready */
    if (!done.ok) {
        if (!run->archive_stop[0]) {
            snprintf(run->error, run->error_size, "%s", done.error); /* what batch_send returns */
            snprintf(run->archive_stop, sizeof run->archive_stop,
                     "not sent: the archive could not be written: %s", done.error);
        }
        return batch_record_not_attempted(run, done.index, true, run->archive_stop);
    }
    const batch_item *item = &run->batch->items[done.index];
    bool ok = ledger_set_archive(run->ledger, item->delivery_id, done.eml_path, done.sha256,
                                 (int64_t)item->eml.len, run->error, run->error_size);
    free(done.eml_path);
    if (ok)
        batch_staged_push(run, done.index);
    return ok;
}

/* The batch stopped: the oldest staged item, or else the oldest archived
 * one (linked first, so that its files are found from its row), or else
 * the next one, is recorded not sent. */
static bool batch_drop_next(batch_run *run, const char *why)
{
    if (!run->staged_count && batch_archiver_ready(run->archiver)) {
        size_t staged_before = run->staged_count;
        if (!batch_stage_link(run))
            return false;
        if (run->staged_count == staged_before)
            return true; /* its archive failed: it is recorded not sent already */
    }
    if (run->staged_count)
        return batch_record_not_attempted(run, batch_staged_pop(run), true, why);
    return batch_record_not_attempted(run, run->next++, false, why);
}

typedef enum {
    BATCH_DO_LAUNCH,
    BATCH_DO_DISARM,
    BATCH_DO_ARM,
    BATCH_DO_RECORD,
    BATCH_DO_DROP,
    BATCH_DO_LINK,
    BATCH_DO_ROW,
    BATCH_DO_WAIT,
    BATCH_DO_FINISH,
} batch_action;

/* Seconds free before something is due at the next slot: arming, or the
 * armed item's start (infinite when no slot is in sight or nothing is
 * staged to start). */
static double batch_free_seconds(const batch_run *run, double slot)
{
    if (slot < 0 || run->staged_count == 0)
        return INFINITY;
    return run->armed ? slot : slot - batch_arm_lead(run);
}

/* The loop's next step, first that applies: the slot's own work (start,
 * or arm just before it), then what fits before the slot (answers, the
 * stop's records, staging), else a wait until the slot, an answer or an
 * archived message. */
static batch_action batch_next_action(const batch_run *run, const char *stop, double *wait)
{
    const batch *b = run->batch;
    bool starting = !run->ledger_failed && !stop;
    bool archived = batch_archiver_ready(run->archiver);
    size_t archiving = batch_archiver_pending(run->archiver);
    double slot = starting ? ses_sender_next_start(run->sender) : SES_SENDER_NO_SLOT;
    double free_seconds = batch_free_seconds(run, slot);
    *wait = BATCH_SCHEDULE.idle_wait;
    if (run->armed && (stop || run->ledger_failed))
        return BATCH_DO_DISARM;
    if (run->armed && slot == 0)
        return BATCH_DO_LAUNCH;
    if (!run->armed && starting && free_seconds <= 0)
        return BATCH_DO_ARM;
    if (run->answer_count && run->cost[BATCH_WORK_RECORD] < free_seconds)
        return BATCH_DO_RECORD;
    if (!run->ledger_failed && stop && (run->staged_count || archived || run->next < b->count))
        return BATCH_DO_DROP;
    if (starting && archived && run->cost[BATCH_WORK_LINK] < free_seconds)
        return BATCH_DO_LINK;
    if (starting && run->next < b->count && run->staged_count + archiving < BATCH_STAGE_DEPTH &&
        run->cost[BATCH_WORK_ROW] < free_seconds)
        return BATCH_DO_ROW;
    bool to_stage = !run->ledger_failed && (run->next < b->count || archiving);
    bool to_start = to_stage || (starting && run->staged_count);
    if (!to_start && !run->answer_count && ses_sender_unfinished(run->sender) == 0)
        return BATCH_DO_FINISH;
    if (free_seconds < *wait)
        *wait = free_seconds > 0 ? free_seconds : 0;
    return BATCH_DO_WAIT;
}

/* Does `action`; false only when the ledger cannot be written. */
static bool batch_do(batch_run *run, batch_action action, const char *stop)
{
    double started = batch_clock_seconds();
    bool ok = true;
    switch (action) {
    case BATCH_DO_LAUNCH:
        batch_launch(run);
        break;
    case BATCH_DO_DISARM:
        ok = batch_disarm(run, stop ? stop : "not started: the ledger could not be written");
        break;
    case BATCH_DO_ARM:
        ok = batch_arm(run);
        batch_cost_note(run, BATCH_WORK_ARM, started);
        break;
    case BATCH_DO_RECORD:
        batch_record_answer(run);
        batch_cost_note(run, BATCH_WORK_RECORD, started);
        break;
    case BATCH_DO_DROP:
        ok = batch_drop_next(run, stop);
        break;
    case BATCH_DO_LINK:
        ok = batch_stage_link(run);
        batch_cost_note(run, BATCH_WORK_LINK, started);
        break;
    case BATCH_DO_ROW:
        ok = batch_stage_row(run);
        batch_cost_note(run, BATCH_WORK_ROW, started);
        break;
    case BATCH_DO_WAIT:
    case BATCH_DO_FINISH:
        break;
    }
    return ok;
}

/* The archiver's call when a message is on disk: the loop may be waiting
 * for it. */
static void batch_wake(void *sender)
{
    ses_sender_wakeup(sender);
}

bool batch_send(batch *b, ledger *l, ses_client *client, const char *archive_root,
                batch_progress_fn progress, void *user, batch_totals *totals, char *error,
                size_t error_size)
{
    memset(totals, 0, sizeof *totals);
    if (!ledger_lock_batch(l, error, error_size))
        return false;
    b->batch_id = ledger_begin_batch(l, NULL, error, error_size);
    if (b->batch_id <= 0) {
        ledger_unlock_batch(l);
        return false;
    }
    double max_send_rate = b->preflight.quota_known ? b->preflight.quota.max_send_rate : 0;
    ses_client_set_send_rate(client, b->no_pacing ? 0 : max_send_rate); /* retries included */
    ses_first_send first = batch_first_send_alone_why(b) ? SES_FIRST_ALONE : SES_FIRST_WITH_OTHERS;
    ses_sender *sender = ses_sender_new(client, max_send_rate, first, error, error_size);
    batch_archiver *archiver =
        sender ? batch_archiver_start(archive_root, batch_wake, sender, error, error_size) : NULL;
    if (!archiver) {
        ses_sender_free(sender);
        ledger_unlock_batch(l);
        return false;
    }
    batch_run run = {.batch = b, .ledger = l, .client = client, .sender = sender,
                     .archiver = archiver, .progress = progress, .user = user,
                     .totals = totals, .error = error, .error_size = error_size};
    for (size_t i = 0; i < BATCH_WORK_KINDS; i++)
        run.cost[i] = BATCH_SCHEDULE.first_guess;
    ses_sender_pace pace;
    ses_sender_pace_read(sender, &pace);
    run.throttled_before = pace.throttled;
    for (;;) {
        const char *stop = run.archive_stop[0] ? run.archive_stop : batch_why_stopped(b, totals);
        double wait = 0;
        batch_action action = batch_next_action(&run, stop, &wait);
        if (action == BATCH_DO_FINISH)
            break;
        if (!batch_do(&run, action, stop))
            batch_run_ledger_failed(&run, run.error);
        batch_collect_answers(&run, action == BATCH_DO_WAIT ? wait : 0);
    }
    batch_update_flight(&run);
    batch_archiver_stop(run.archiver);
    free(run.answers);
    ses_sender_free(sender);
    ledger_unlock_batch(l);
    return !run.ledger_failed && !run.archive_stop[0];
}
