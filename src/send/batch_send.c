/* batch_send: the write-ahead send loop and the checks before it.
 *
 * Order per item, and why:
 *   1. ledger row (pending)      — the delivery exists before anything else;
 *   2. message rebuilt with its delivery id, archived (.eml/.txt/.html) and
 *      its SHA-256 recorded      — the exact bytes are kept before they leave;
 *   3. pacing at MaxSendRate;
 *   4. row committed `sending`   — a crash from here on reads as `unknown`;
 *   5. SendRawEmail;
 *   6. row updated to sent / failed / unknown with the answer.
 * SES has no idempotency token, so nothing here retries a request that may
 * have reached SES: the client reports it as unknown and so does the ledger.
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
                 "no sender: set SES_FROM_ADDRESS in %s/repos.env", b->portfolio->root);
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
    const char *archive_root;
    batch_progress_fn progress;
    void *user;
    batch_totals *totals;
} batch_run;

/* Writes SES's answer for item `index` to the ledger and to the watcher. */
static bool batch_record_outcome(batch_run *run, size_t index, const ses_status *status,
                                 const char *message_id, char *error, size_t error_size)
{
    batch *b = run->batch;
    int64_t id = b->items[index].delivery_id;
    char reason[640];
    snprintf(reason, sizeof reason, "%s%s%s%s%s%s", status->error_code,
             status->error_message[0] ? ": " : "", status->error_message,
             status->request_id[0] ? " (request " : "", status->request_id,
             status->request_id[0] ? ")" : "");
    bool ok = true;
    delivery_state state = DELIVERY_SENT;
    switch (status->outcome) {
    case SES_OUTCOME_OK:
        ok = ledger_mark_sent(run->ledger, id, message_id, status->request_id, status->attempts,
                              error, error_size);
        if (!ok)
            send_recovery_note(run->ledger, id, &b->items[index], message_id, error);
        run->totals->sent++;
        break;
    case SES_OUTCOME_FAILED:
        ok = ledger_mark_failed(run->ledger, id, status->error_code, status->error_message,
                                status->request_id, status->attempts, error, error_size);
        state = DELIVERY_FAILED;
        run->totals->failed++;
        break;
    case SES_OUTCOME_UNKNOWN:
        ok = ledger_mark_unknown(run->ledger, id, status->error_code, status->error_message,
                                 status->attempts, error, error_size);
        state = DELIVERY_UNKNOWN;
        run->totals->unknown++;
        break;
    }
    bool sent = state == DELIVERY_SENT;
    batch_report_progress(b, index, state, sent ? message_id : NULL, sent ? NULL : reason,
                          status->attempts, run->progress, run->user);
    run->totals->stopped_on_quota = status->quota_exceeded;
    run->totals->stopped_on_auth = status->auth_failure;
    return ok;
}

/* Sends one item; false only when the ledger cannot be written. */
static bool batch_send_item(batch_run *run, size_t index, char *error, size_t error_size)
{
    batch *b = run->batch;
    batch_item *item = &b->items[index];
    int64_t id = 0;
    if (!batch_record_delivery(b, item, run->ledger, &id, error, error_size))
        return false;
    pthread_mutex_lock(&b->lock);
    item->delivery_id = id;
    pthread_mutex_unlock(&b->lock);
    if (!item->from_archive && !batch_build_message(b, item, id)) {
        ledger_mark_failed(run->ledger, id, "invalid", item->build_error, NULL, 0, error,
                           error_size);
        batch_report_progress(b, index, DELIVERY_FAILED, NULL, item->build_error, 0,
                              run->progress, run->user);
        run->totals->failed++;
        return true;
    }
    if (!batch_archive(b, item, run->ledger, run->archive_root, error, error_size))
        return false;
    if (!ledger_mark_sending(run->ledger, id, error, error_size))
        return false;
    batch_report_progress(b, index, DELIVERY_SENDING, NULL, NULL, 0, run->progress, run->user);

    char **destinations = NULL;
    size_t destination_count = batch_destinations(item, &destinations);
    char message_id[160] = "";
    ses_status status;
    /* SES's Source takes only ASCII (a display name must be RFC 2047
     * encoded there): the bare address, since the message's own From
     * header already carries the name, encoded. */
    strbuf source = STRBUF_INIT;
    mime_address_bare(item->source ? item->source : b->config->from_address, &source);
    ses_send_raw_email(run->client, item->eml.data, item->eml.len, strbuf_cstr(&source),
                       (const char *const *)destinations, destination_count,
                       b->config->configuration_set, message_id, sizeof message_id, &status);
    strbuf_free(&source);
    mime_address_list_free(destinations, destination_count);
    return batch_record_outcome(run, index, &status, message_id, error, error_size);
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
 * of a batch goes unrecorded and `resend --failed` finds it. */
static bool batch_record_not_attempted(batch_run *run, size_t index, const char *why, char *error,
                                       size_t error_size)
{
    batch *b = run->batch;
    batch_item *item = &b->items[index];
    run->totals->skipped++;
    int64_t id = 0;
    if (!batch_record_delivery(b, item, run->ledger, &id, error, error_size) ||
        !ledger_mark_not_attempted(run->ledger, id, why, error, error_size))
        return false;
    pthread_mutex_lock(&b->lock);
    item->delivery_id = id;
    pthread_mutex_unlock(&b->lock);
    batch_report_progress(b, index, DELIVERY_NOT_ATTEMPTED, NULL, why, 0, run->progress, run->user);
    return true;
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
    batch_run run = {.batch = b, .ledger = l, .client = client, .archive_root = archive_root,
                     .progress = progress, .user = user, .totals = totals};
    double rate = b->preflight.quota_known && !b->no_pacing ? b->preflight.quota.max_send_rate : 0;
    ses_client_set_send_rate(client, rate); /* retries included */
    bool ok = true;
    for (size_t i = 0; i < b->count && ok; i++) {
        const char *why = batch_why_not_sent_next(b, &b->items[i], totals);
        if (why) {
            totals->cancelled |= atomic_load(&b->cancel);
            ok = batch_record_not_attempted(&run, i, why, error, error_size);
            continue;
        }
        ok = batch_send_item(&run, i, error, error_size);
    }
    ledger_unlock_batch(l);
    return ok;
}
