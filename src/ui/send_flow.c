/* send_flow: the steps of a console send session (see send.h). Every step
 * that can fail says why in the status line and leaves the session where it
 * was, so the operator can fix the cause and try again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"

static bool send_open_ledger(ui_state *s)
{
    char error[1024];
    int recovered = 0;
    s->send.ledger = ledger_open(s->options.ledger_path, &recovered, error, sizeof error);
    if (!s->send.ledger) {
        ui_set_message(s, ROLE_ERROR, "ledger: %s", error);
        return false;
    }
    if (recovered)
        ui_set_message(s, ROLE_WARNING,
                       "%d delivery(ies) were left `sending` by a crash and are now unknown: see H",
                       recovered);
    strbuf root = STRBUF_INIT;
    if (s->options.archive_root)
        strbuf_puts(&root, s->options.archive_root);
    else
        ledger_default_archive_root(s->send.ledger, &root);
    snprintf(s->send.archive_root, sizeof s->send.archive_root, "%s", strbuf_cstr(&root));
    strbuf_free(&root);
    return true;
}

static void send_reset(ui_state *s)
{
    ui_send *send = &s->send;
    memset(send, 0, sizeof *send);
    send->wake_fd = s->wake_pipe[1];
}

/* Opens a session: the ledger, an empty batch. */
static bool send_open(ui_state *s)
{
    if (s->send.stage != SEND_NONE) {
        ui_open_view(s, s->send.stage == SEND_EDITING ? VIEW_RECIPIENTS
                        : s->send.stage >= SEND_SENDING ? VIEW_PROGRESS : VIEW_CONFIRM);
        ui_set_message(s, ROLE_WARNING, "a send session is already open");
        return false;
    }
    send_reset(s);
    if (!send_open_ledger(s))
        return false;
    batch_init(&s->send.batch, s->portfolio, &s->config, s->now);
    s->send.stage = SEND_EDITING;
    return true;
}

void send_begin(ui_state *s)
{
    ui_mark current = {s->persona, ""};
    snprintf(current.scope, sizeof current.scope, "%s", ui_selected_scope(s));
    const ui_mark *marks = s->mark_count ? s->marks : &current; /* nothing marked: this report */
    size_t count = s->mark_count ? s->mark_count : 1;
    report_target first = {marks[0].persona, marks[0].scope};
    char error[256];
    if (!report_target_valid(s->portfolio, &first, error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "nothing to send: %s", error);
        return;
    }
    if (!send_open(s))
        return;
    for (size_t i = 0; i < count; i++) {
        report_target target = {marks[i].persona, marks[i].scope};
        int64_t unknown = batch_unresolved_delivery(s->send.ledger, &target);
        if (unknown) { /* SES may have it already: the operator resends it from H */
            s->send.left_out++;
            ui_set_message(s, ROLE_WARNING, "%s/%s left out: its last delivery (%lld) is unknown; "
                           "resend it from the history (H) once checked",
                           report_personas[target.persona].id, target.scope, (long long)unknown);
            continue;
        }
        batch_add(&s->send.batch, &target, NULL);
    }
    if (s->send.batch.count == 0) {
        send_close(s);
        return;
    }
    ui_open_view(s, VIEW_RECIPIENTS);
}

void send_begin_resend(ui_state *s, const ledger_delivery *original)
{
    if (!send_open(s))
        return;
    batch_add_resend(&s->send.batch, original, false, NULL);
    ui_open_view(s, VIEW_RECIPIENTS);
}

void send_begin_test(ui_state *s)
{
    const char *sender = s->config.from_address;
    if (!sender || !*sender) {
        ui_set_message(s, ROLE_ERROR,
                       "no test sent: set SES_FROM_ADDRESS in repos.env (the test goes there)");
        return;
    }
    report_target current = {s->persona, ui_selected_scope(s)};
    char error[256];
    if (!report_target_valid(s->portfolio, &current, error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "no test sent: %s", error);
        return;
    }
    if (!send_open(s))
        return;
    s->send.test = true;
    recipients only_sender = {sender, "", ""}; /* no Cc, no Bcc: not even SES_BCC_ADDRESS */
    batch_item *item = batch_add(&s->send.batch, &current, &only_sender);
    if (item->build_error[0]) {
        ui_set_message(s, ROLE_ERROR, "no test sent: %s", item->build_error);
        send_close(s);
        return;
    }
    send_check(s);
    if (s->send.stage == SEND_EDITING) /* the check could not start: said why */
        send_close(s);
}

void send_set_field(ui_state *s, size_t row, int field, const char *value)
{
    batch *b = &s->send.batch;
    if (row >= b->count)
        return;
    batch_item *item = &b->items[row];
    /* Copies: batch_set_recipients frees the item's strings before it reads
     * its arguments, so it must not be handed the item's own. */
    char *fields[FIELD_COUNT] = {strdup(item->to ? item->to : ""), strdup(item->cc ? item->cc : ""),
                                 strdup(item->bcc ? item->bcc : "")};
    char *value_copy = strdup(value);
    if (!fields[FIELD_TO] || !fields[FIELD_CC] || !fields[FIELD_BCC] || !value_copy)
        abort(); /* out of memory: as the arena */
    free(fields[field]);
    fields[field] = value_copy;
    batch_set_recipients(b, row, fields[FIELD_TO], fields[FIELD_CC], fields[FIELD_BCC]);
    for (int i = 0; i < FIELD_COUNT; i++)
        free(fields[i]);
}

static size_t send_build_errors(const batch *b)
{
    size_t count = 0;
    for (size_t i = 0; i < b->count; i++)
        count += b->items[i].build_error[0] != '\0';
    return count;
}

static void send_run_preflight(void *job)
{
    ui_send *send = job;
    batch_preflight(&send->batch, send->client);
}

static bool send_connect(ui_state *s)
{
    ses_config ses;
    char error[1024];
    if (!config_resolve_ses(&s->config, &ses, s->send.endpoint, sizeof s->send.endpoint, error,
                            sizeof error) ||
        !(s->send.client = ses_client_new(&ses, error, sizeof error))) {
        ui_set_message(s, ROLE_ERROR, "cannot reach SES: %s", error);
        return false;
    }
    snprintf(s->send.credentials_from, sizeof s->send.credentials_from, "%s",
             ses.credentials.source_detail);
    return true;
}

void send_check(ui_state *s)
{
    ui_send *send = &s->send;
    size_t broken = send_build_errors(&send->batch);
    if (broken) {
        ui_set_message(s, ROLE_ERROR, "%zu message(s) cannot be built: fix the recipients shown in red",
                       broken);
        return;
    }
    char error[1024];
    if (!send->client && !ledger_lock_batch(send->ledger, error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "not sent: %s", error);
        return;
    }
    if (!send->client && !send_connect(s)) {
        ledger_unlock_batch(send->ledger);
        return;
    }
    if (!worker_start(&send->worker, send_run_preflight, send, s->wake_pipe[1], error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "%s", error);
        return;
    }
    send->stage = SEND_CHECKING;
    ui_open_view(s, VIEW_CONFIRM);
}

static void send_progress(void *user, size_t index)
{
    const ui_send *send = user;
    worker_wake(send->wake_fd);
}

static void send_run_batch(void *job)
{
    ui_send *send = job;
    send->send_ok = batch_send(&send->batch, send->ledger, send->client, send->archive_root,
                               send_progress, send, &send->totals, send->error, sizeof send->error);
}

void send_start(ui_state *s)
{
    ui_send *send = &s->send;
    if (send->stage != SEND_READY)
        return;
    if (send->batch.preflight.error[0]) {
        ui_set_message(s, ROLE_ERROR, "not sent: %s", send->batch.preflight.error);
        return;
    }
    char error[512];
    if (!worker_start(&send->worker, send_run_batch, send, s->wake_pipe[1], error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "%s", error);
        return;
    }
    send->stage = SEND_SENDING;
    ui_open_view(s, VIEW_PROGRESS);
}

void send_stop(ui_state *s)
{
    if (s->send.stage != SEND_SENDING)
        return;
    atomic_store(&s->send.batch.cancel, true);
    ui_set_message(s, ROLE_WARNING, "stopping after the message in flight…");
}

void send_collect(ui_state *s)
{
    ui_send *send = &s->send;
    if (!worker_collect(&send->worker))
        return;
    if (send->stage == SEND_CHECKING) {
        send->stage = SEND_READY;
        return;
    }
    send->stage = SEND_DONE;
    const batch_totals *t = &send->totals;
    if (!send->send_ok)
        ui_set_message(s, ROLE_ERROR, "stopped: %s", send->error);
    else
        ui_set_message(s, t->failed || t->unknown ? ROLE_WARNING : ROLE_OK,
                       "%zu sent, %zu failed, %zu unknown, %zu not attempted%s", t->sent, t->failed,
                       t->unknown, t->skipped,
                       t->stopped_on_quota ? " (daily quota reached)"
                       : t->stopped_on_auth ? " (SES refused the credentials)"
                       : t->cancelled       ? " (stopped)"
                                            : "");
    account_start(&s->account, &s->config, s->wake_pipe[1]); /* the quota moved */
}

void send_close(ui_state *s)
{
    ui_send *send = &s->send;
    if (send->stage == SEND_NONE)
        return;
    atomic_store(&send->batch.cancel, true);
    worker_wait(&send->worker);
    bool sent = send->stage == SEND_DONE;
    if (send->client) {
        ses_client_free(send->client);
        ledger_unlock_batch(send->ledger);
    }
    if (send->ledger)
        ledger_close(send->ledger);
    batch_free(&send->batch);
    send_reset(s);
    if (sent)
        s->mark_count = 0; /* they went out: start the next batch from nothing */
    ui_open_view(s, VIEW_MAIN);
    if (s->reload_pending)
        session_reload(s);
}
