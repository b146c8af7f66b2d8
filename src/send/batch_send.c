/* batch_send: the write-ahead send loop and the checks before it.
 *
 * Order per item, and why:
 *   1. ledger row (pending)      — the delivery exists before anything else;
 *   2. message rebuilt with its delivery id, archived (.eml/.txt/.html) and
 *      its SHA-256 recorded      — the exact bytes are kept before they leave;
 *   3. a place in flight and a slot of MaxSendRate (the SES sender says when);
 *   4. a planned report claims its UTC day (ledger_claim_day): when
 *      another delivery, of any machine on the ledger, is sending or sent
 *      it today, this one is `not-attempted` and says who holds it; then
 *      row committed `sending`   — a crash from here on reads as `unknown`;
 *   5. SendRawEmail started; while it is in flight the next items go
 *      through 1-5;
 *   6. row updated to sent / failed / unknown when its answer comes.
 * One item at a time is prepared ahead (steps 1-2) while the batch waits
 * for step 3, so that the disk's fsyncs do not come out of the rate; a
 * crash leaves it `pending` (then `failed`, interrupted: it never left),
 * and a stop marks it `not-attempted`. Step 4 runs only once the sender
 * said the request may start, so no row waits `sending` for its turn.
 * SES has no idempotency token, so nothing here retries a request that may
 * have reached SES: the sender reports it as unknown and so does the
 * ledger. Everything runs on the calling thread, one step at a time with
 * the transfers driven in between: the ledger is written from one thread.
 */
#include "briefing/send.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        return;
    }
    r->quota_known = true;
    r->quota = account->quota;
    if (r->quota.max_24_hour_send < 0)
        return; /* SES reports -1 for an unlimited quota */
    double left = r->quota.max_24_hour_send - r->quota.sent_last_24_hours;
    size_t wanted = batch_sendable_messages(b);
    if ((double)wanted > left) {
        snprintf(r->error, sizeof r->error,
                 "quota short: %zu messages to send but only %.0f of %.0f left in the last 24 hours",
                 wanted, left < 0 ? 0 : left, r->quota.max_24_hour_send);
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
                 "no sender: set SES_FROM_ADDRESS in %s", b->portfolio->settings_path);
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

/* Destinations: the bare addresses of To, Cc and Bcc (malloc'ed list). */
static size_t batch_destinations(const batch_item *item, char ***out)
{
    const char *lists[] = {item->to, item->cc, item->bcc};
    char **all = NULL;
    size_t count = 0;
    for (size_t i = 0; i < 3; i++) {
        char **part = NULL;
        size_t n = mime_address_split(lists[i], &part);
        char **grown = realloc(all, (count + n + 1) * sizeof *grown);
        if (!grown)
            abort();
        all = grown;
        for (size_t j = 0; j < n; j++) {
            strbuf bare = STRBUF_INIT;
            mime_address_bare(part[j], &bare);
            all[count++] = strbuf_detach(&bare);
        }
        mime_address_list_free(part, n);
    }
    *out = all;
    return count;
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

static bool batch_archive(batch *b, batch_item *item, ledger *l, const char *archive_root,
                          char *error, size_t error_size)
{
    char *eml_path = NULL;
    char sha256[65];
    if (!ledger_archive_write(archive_root, time(NULL), report_personas[item->target.persona].id,
                              item->scope, item->eml.data, item->eml.len,
                              strbuf_cstr(&item->text), strbuf_cstr(&item->html), &eml_path,
                              sha256, error, error_size))
        return false;
    bool ok = ledger_set_archive(l, item->delivery_id, eml_path, sha256, (int64_t)item->eml.len,
                                 error, error_size);
    free(eml_path);
    return ok;
}

/* What one run of batch_send carries from item to item. */
typedef struct {
    batch *batch;
    ledger *ledger;
    ses_client *client;
    ses_sender *sender;
    size_t throttled_before;  /* the client's Throttling count when the batch began */
    const char *archive_root;
    batch_progress_fn progress;
    void *user;
    batch_totals *totals;
    char *error;              /* the first ledger failure: nothing more starts */
    size_t error_size;
    bool ledger_failed;
    size_t prepared;          /* the item prepared ahead (steps 1-2), or NOTHING_PREPARED */
} batch_run;

static const size_t NOTHING_PREPARED = (size_t)-1;

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

/* Steps 1-2 of item `index`: its row, its message, its archive. False
 * only when the ledger cannot be written; a message that cannot be built
 * is recorded failed and not prepared. */
static bool batch_prepare_item(batch_run *run, size_t index)
{
    batch *b = run->batch;
    batch_item *item = &b->items[index];
    char *error = run->error;
    size_t error_size = run->error_size;
    int64_t id = 0;
    if (!batch_record_delivery(b, item, run->ledger, &id, error, error_size))
        return false;
    pthread_mutex_lock(&b->lock);
    item->delivery_id = id;
    pthread_mutex_unlock(&b->lock);
    if (!item->from_archive && !batch_build_message(b, item, id)) {
        ledger_mark_failed(run->ledger, id, "invalid", item->build_error, NULL, 0, error,
                           error_size);
        batch_run_report(run, index, DELIVERY_FAILED, NULL, item->build_error, 0);
        run->totals->failed++;
        return true;
    }
    if (!batch_archive(b, item, run->ledger, run->archive_root, error, error_size))
        return false;
    run->prepared = index;
    return true;
}

static bool batch_record_not_attempted(batch_run *run, size_t index, const char *why);

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

/* Step 4's claim for the prepared item: true with `*go` when it may be
 * sent; a held day records it `not-attempted` with who holds it. False
 * only when the ledger cannot be written. */
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
    return batch_record_not_attempted(run, index, why);
}

/* Steps 4-5 of the prepared item; false only when the ledger cannot be
 * written. The sender said a request may start now. */
static bool batch_start_prepared(batch_run *run)
{
    batch *b = run->batch;
    size_t index = run->prepared;
    batch_item *item = &b->items[index];
    bool go = true;
    if (!batch_claim_day(run, index, &go))
        return false;
    if (!go)
        return true; /* recorded not-attempted, no longer the prepared item */
    run->prepared = NOTHING_PREPARED;
    if (!ledger_mark_sending(run->ledger, item->delivery_id, run->error, run->error_size))
        return false;

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
    if (started)
        batch_run_report(run, index, DELIVERY_SENDING, NULL, NULL, 0);
    else
        batch_record_outcome(run, index, &status, "");
    return true;
}

/* Why the next item is not sent, or NULL when it goes. The first reason
 * that holds wins (checked before each item, so a stop keeps the rest). */
static const char *batch_why_not_sent_next(const batch *b, const batch_item *item,
                                           const batch_totals *totals)
{
    if (totals->stopped_on_auth)
        return "stopped: SES refused the credentials";
    if (totals->stopped_on_quota)
        return "stopped: SES's daily sending quota is exhausted";
    if (atomic_load(&b->cancel))
        return "stopped by the operator before it was sent";
    if (item->build_error[0])
        return item->build_error;
    return NULL;
}

/* A report the batch does not send still gets its ledger row, so nothing
 * of a batch goes unrecorded and `resend --failed` finds it. The item
 * prepared ahead has its row already. */
static bool batch_record_not_attempted(batch_run *run, size_t index, const char *why)
{
    batch *b = run->batch;
    batch_item *item = &b->items[index];
    run->totals->skipped++;
    run->totals->cancelled |= atomic_load(&b->cancel);
    int64_t id = item->delivery_id;
    if (index == run->prepared)
        run->prepared = NOTHING_PREPARED;
    else if (!batch_record_delivery(b, item, run->ledger, &id, run->error, run->error_size))
        return false;
    if (!ledger_mark_not_attempted(run->ledger, id, why, run->error, run->error_size))
        return false;
    pthread_mutex_lock(&b->lock);
    item->delivery_id = id;
    pthread_mutex_unlock(&b->lock);
    batch_run_report(run, index, DELIVERY_NOT_ATTEMPTED, NULL, why, 0);
    return true;
}

/* One step of the batch: records an item that will not be sent, prepares
 * the next one, or starts the prepared one when the sender allows. Returns
 * whether it did something; when not, `*wait_seconds` says how long the
 * sender may wait for answers before asking again. One step at a time, so
 * the transfers in flight are driven between steps (a message of a few
 * MB takes tens of milliseconds to archive). */
static bool batch_step(batch_run *run, size_t *next, double *wait_seconds)
{
    batch *b = run->batch;
    *wait_seconds = 0.1;
    bool have = run->prepared != NOTHING_PREPARED;
    if (run->ledger_failed || (!have && *next >= b->count))
        return false;
    size_t index = have ? run->prepared : *next;
    const char *why = batch_why_not_sent_next(b, &b->items[index], run->totals);
    bool ok = true;
    if (why)
        ok = batch_record_not_attempted(run, index, why);
    else if (!have)
        ok = batch_prepare_item(run, index);
    else if (ses_sender_ready(run->sender, wait_seconds))
        ok = batch_start_prepared(run);
    else
        return false;
    if (!ok)
        batch_run_ledger_failed(run, run->error);
    *next += !have;
    return true;
}

/* Waits up to `seconds` for answers and records them. */
static void batch_collect_answers(batch_run *run, double seconds)
{
    if (atomic_load(&run->batch->cancel))
        ses_sender_stop_retries(run->sender);
    const ses_send_event *events = NULL;
    size_t count = ses_sender_wait(run->sender, seconds, &events);
    for (size_t i = 0; i < count; i++) {
        if (events[i].final)
            batch_record_outcome(run, events[i].tag, &events[i].status, events[i].message_id);
        else
            batch_record_retry(run, events[i].tag, &events[i].status);
    }
    if (!count)
        batch_update_flight(run);
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
    ses_sender *sender = ses_sender_new(client, max_send_rate, error, error_size);
    if (!sender) {
        ledger_unlock_batch(l);
        return false;
    }
    batch_run run = {.batch = b, .ledger = l, .client = client, .sender = sender,
                     .archive_root = archive_root, .progress = progress, .user = user,
                     .totals = totals, .error = error, .error_size = error_size,
                     .prepared = NOTHING_PREPARED};
    ses_sender_pace pace;
    ses_sender_pace_read(sender, &pace);
    run.throttled_before = pace.throttled;
    size_t next = 0;
    for (;;) {
        double wait = 0;
        bool stepped = batch_step(&run, &next, &wait);
        bool more_to_start =
            (next < b->count || run.prepared != NOTHING_PREPARED) && !run.ledger_failed;
        if (!more_to_start && ses_sender_unfinished(sender) == 0)
            break;
        batch_collect_answers(&run, stepped ? 0 : wait);
    }
    batch_update_flight(&run);
    ses_sender_free(sender);
    ledger_unlock_batch(l);
    return !run.ledger_failed;
}
