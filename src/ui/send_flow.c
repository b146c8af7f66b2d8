/* send_flow: the steps of a console send session (see send.h). Every step
 * that can fail says why in the status line and leaves the session where it
 * was, so the operator can fix the cause and try again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"

static bool send_open_ledger(ui_state *s)
{
    if (!send_session_open(&s->send.session, &s->config)) {
        ui_set_message(s, ROLE_ERROR, "ledger: %s", s->send.session.error);
        return false;
    }
    s->send.session_open = true;
    if (s->send.session.recovered)
        ui_set_message(s, ROLE_WARNING,
                       "%d delivery(ies) were left `sending` by a crash and are now unknown: see H",
                       s->send.session.recovered);
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
    s->send.batch.follow_clock = !config_clock_pinned(); /* Date: when built, not at start */
    s->send.stage = SEND_EDITING;
    return true;
}

_Static_assert(SEND_AGAIN_MAX >= UI_MAX_MARKS, "every marked report can be asked about");

/* The session's batch is built: the recipients form, or nothing to send. */
static void send_begin_finish(ui_state *s)
{
    if (s->send.batch.count == 0) {
        send_close(s);
        return;
    }
    ui_open_view(s, VIEW_RECIPIENTS);
}

/* What the status line says was left out of the batch: the reports sent
 * today the operator chose not to send again, and those whose last
 * delivery is unknown (each one's reason is in M's log). */
static void send_say_left_out(ui_state *s, size_t sent_today)
{
    size_t unknown = s->send.left_out;
    if (unknown && sent_today)
        ui_set_message(s, ROLE_WARNING, "left out %zu sent today and %zu unknown (H shows them)",
                       sent_today, unknown);
    else if (unknown)
        ui_set_message(s, ROLE_WARNING, "left out %zu unknown: SES may have %s (H shows them)",
                       unknown, unknown == 1 ? "it" : "them");
    else if (sent_today)
        ui_set_message(s, ROLE_STATUS, "left out %zu report%s already sent today", sent_today,
                       sent_today == 1 ? "" : "s");
}

static void send_again_yes(ui_state *s)
{
    ui_send *send = &s->send;
    for (size_t i = 0; i < send->again_count; i++) {
        report_target target = {send->again[i].persona, send->again[i].scope};
        batch_add(&send->batch, &target, NULL);
    }
    send_say_left_out(s, 0);
    send_begin_finish(s);
}

static void send_again_no(ui_state *s)
{
    send_say_left_out(s, s->send.again_count);
    send_begin_finish(s);
}

/* Reports sent today are left out by the engine's plan unless the operator
 * says otherwise (the CLI's --include-sent): asked once for all of them. */
static void send_ask_again(ui_state *s)
{
    ui_send *send = &s->send;
    char clock[16];
    struct tm tm;
    strftime(clock, sizeof clock, "%H:%M", localtime_r(&send->again_at, &tm));
    if (send->again_count == 1)
        ui_ask_either(s, send_again_yes, send_again_no, "%s/%s already sent today at %s — send again?",
                      report_personas[send->again[0].persona].id, send->again[0].scope, clock);
    else
        ui_ask_either(s, send_again_yes, send_again_no,
                      "%zu reports already sent today (%s/%s at %s, …) — send them again?",
                      send->again_count, report_personas[send->again[0].persona].id,
                      send->again[0].scope, clock);
}

/* The engine's plan for one marked report: in the batch, held to ask
 * (sent today), or left out with why (its last delivery is unknown). */
static void send_plan_one(ui_state *s, const report_target *target, const recipients *set)
{
    ui_send *send = &s->send;
    send_plan_check check;
    switch (send_plan_judge(send->session.ledger, target, time(NULL), false, &check)) {
    case SEND_PLAN_INCLUDED:
        batch_add(&send->batch, target, set)->claims_day = check.claims_day;
        break;
    case SEND_PLAN_SENT_TODAY:
        if (send->again_count == 0)
            send->again_at = check.when;
        if (send->again_count < SEND_AGAIN_MAX) {
            send->again[send->again_count].persona = target->persona;
            snprintf(send->again[send->again_count].scope, sizeof send->again[0].scope, "%s",
                     target->scope);
            send->again_count++;
        }
        break;
    default:
        send->left_out++;
        ui_set_message(s, ROLE_WARNING, "%s", check.reason);
        break;
    }
}

void send_begin(ui_state *s)
{
    ui_mark current = {.persona = s->persona};
    snprintf(current.scope, sizeof current.scope, "%s", ui_selected_scope(s));
    const ui_mark *marks = s->mark_count ? s->marks : &current; /* nothing marked: this report */
    size_t count = s->mark_count ? s->mark_count : 1;
    report_target first = {marks[0].persona, marks[0].scope};
    char error[512];
    if (!report_target_valid(s->portfolio, &first, error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "nothing to send: %s", error);
        return;
    }
    if (!send_open(s))
        return;
    for (size_t i = 0; i < count; i++) {
        report_target target = {marks[i].persona, marks[i].scope};
        recipients set = {marks[i].to, marks[i].cc, marks[i].bcc};
        send_plan_one(s, &target, marks[i].has_recipients ? &set : NULL);
    }
    if (s->send.again_count)
        send_ask_again(s);
    else {
        send_say_left_out(s, 0);
        send_begin_finish(s);
    }
}

void send_begin_resend(ui_state *s, const ledger_delivery *original)
{
    if (!send_open(s))
        return;
    /* The engine's rule, as for `briefing resend --failed`: a delivery that
     * never left is built from today's data — what `--regenerate` asks for. */
    bool afresh = batch_resend_built_afresh(original);
    batch_item *item = batch_add_resend(&s->send.batch, original, afresh, NULL);
    if (original->state == DELIVERY_UNKNOWN)
        s->send.resend_of_unknown = original->id;
    ui_open_view(s, VIEW_RECIPIENTS);
    if (afresh && !item->build_error[0])
        ui_set_message(s, ROLE_WARNING, "delivery %lld (%s) was never sent: built from today's data",
                       (long long)original->id, ledger_state_name(original->state));
    else if (item->build_error[0]) /* e.g. the archive changed since: nothing can be sent */
        ui_set_message(s, ROLE_ERROR, "not resent: %s", item->build_error);
    else if (item->notice[0])
        ui_set_message(s, ROLE_OK, "%s", item->notice);
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
    char error[512];
    if (!report_target_valid(s->portfolio, &current, error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "no test sent: %s", error);
        return;
    }
    if (!send_open(s))
        return;
    s->send.test = true;
    s->send.batch.test = true; /* the ledger flags it: never the persona's report */
    recipients only_sender = {sender, "", ""}; /* no Cc, no Bcc: not even SES_BCC_ADDRESS */
    batch_item *item = batch_add(&s->send.batch, &current, &only_sender);
    send_label_test(s);
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
    if (item->notice[0] && !item->build_error[0]) /* a resend: rebuilt, or its own bytes again */
        ui_set_message(s, ROLE_OK, "%s", item->notice);
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
    send_session_preflight(&send->session, &send->batch);
}

static bool send_connect(ui_state *s)
{
    ui_send *send = &s->send;
    if (send->connected)
        return true;
    if (!send_session_connect(&send->session)) {
        ui_set_message(s, ROLE_ERROR, "cannot send: %s", send->session.error);
        return false;
    }
    send->connected = true;
    snprintf(send->endpoint, sizeof send->endpoint, "%s", send->session.endpoint);
    return true;
}

void send_check(ui_state *s)
{
    ui_send *send = &s->send;
    size_t broken = send_build_errors(&send->batch);
    if (broken) {
        ui_set_message(s, ROLE_ERROR, "%zu message(s) cannot be built: fix what is shown in red "
                       "(q cancels) — nothing is sent until every message is", broken);
        return;
    }
    if (!send_connect(s))
        return;
    char error[1024];
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
    send->send_ok = send_session_send(&send->session, &send->batch, send_progress, send,
                                      &send->totals, send->dashboard, sizeof send->dashboard);
    if (!send->send_ok)
        snprintf(send->error, sizeof send->error, "%s", send->session.error);
}

void send_start(ui_state *s)
{
    ui_send *send = &s->send;
    if (send->stage != SEND_READY)
        return;
    if (send->batch.preflight.error[0]) {
        ui_set_message(s, ROLE_ERROR, "not sent%s: %s",
                       send->batch.preflight.overridable ? " (U allows it)" : "",
                       send->batch.preflight.error);
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

void send_allow_unverified(ui_state *s)
{
    ui_send *send = &s->send;
    if (send->stage != SEND_READY || !send->batch.preflight.overridable) {
        ui_set_message(s, ROLE_WARNING, "nothing to allow: SES answered every check");
        return;
    }
    send->batch.unverified_ok = true;
    char error[512];
    if (!worker_start(&send->worker, send_run_preflight, send, s->wake_pipe[1], error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "%s", error);
        return;
    }
    send->stage = SEND_CHECKING; /* checked again; y still has to be pressed */
    ui_set_message(s, ROLE_WARNING, "allowed: sending without SES's confirmation once you press y");
}

void send_stopping_text(ui_state *s, char *out, size_t size)
{
    batch_flight flight;
    batch_flight_read(&s->send.batch, &flight);
    snprintf(out, size, "Stopping: waiting for %d in flight (up to %d s)", flight.in_flight,
             SES_DEFAULT_REQUEST_TIMEOUT_MS / 1000);
}

void send_say_sending(ui_state *s)
{
    if (!atomic_load(&s->send.batch.cancel)) {
        ui_set_message(s, ROLE_WARNING, "still sending: Esc stops; those in flight finish");
        return;
    }
    char stopping[128];
    send_stopping_text(s, stopping, sizeof stopping);
    ui_set_message(s, ROLE_WARNING, "%s: SES's answer or its time limit; Ctrl-C again quits at once",
                   stopping);
}

void send_stop(ui_state *s)
{
    if (s->send.stage != SEND_SENDING)
        return;
    atomic_store(&s->send.batch.cancel, true);
    ui_set_message(s, ROLE_WARNING, "stopping: no new message starts; those in flight finish…");
}

void send_collect(ui_state *s)
{
    ui_send *send = &s->send;
    if (!worker_collect(&send->worker))
        return;
    if (send->stage == SEND_CHECKING) {
        send->stage = SEND_READY;
        account_adopt_preflight(&s->account, &send->batch.preflight); /* one truth on screen */
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
    if (send->send_ok && send->dashboard[0] && !t->failed && !t->unknown)
        ui_set_message(s, ROLE_OK, "%zu sent; %s", t->sent, send->dashboard);
    if (send->send_ok && t->archive_kept_local)
        ui_set_message(s, ROLE_WARNING,
                       "%zu sent, %zu not archived to S3 (kept locally; `briefing ledger sync` "
                       "uploads them): %s", t->sent, t->archive_kept_local, t->archive_error);
    ui_account_check(s); /* the quota moved */
}

/* The recipients of `item`, not delivered, go with its mark when they are
 * not the persona's defaults (the operator set them in the form), so the
 * next `s` offers them again instead of the defaults. True when kept. */
static bool send_keep_recipients(ui_state *s, const batch_item *item)
{
    ui_mark *m = NULL;
    for (size_t i = 0; i < s->mark_count && !m; i++)
        if (s->marks[i].persona == item->target.persona && strcmp(s->marks[i].scope, item->scope) == 0)
            m = &s->marks[i];
    if (!m || send_item_has_default_recipients(&s->config, item))
        return false;
    m->has_recipients = true;
    snprintf(m->to, sizeof m->to, "%s", item->to ? item->to : "");
    snprintf(m->cc, sizeof m->cc, "%s", item->cc ? item->cc : "");
    snprintf(m->bcc, sizeof m->bcc, "%s", item->bcc ? item->bcc : "");
    return true;
}

/* After a batch: the reports that went out are unmarked; the others (failed,
 * unknown, not attempted: stopped, refused, never built) keep their marks,
 * so nothing the operator chose is forgotten. A test is not the report. */
static void send_unmark_sent(ui_state *s)
{
    const batch *b = &s->send.batch;
    if (s->send.stage != SEND_DONE || s->send.test)
        return;
    size_t kept = 0, edited = 0;
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        if (item->state == DELIVERY_SENT)
            ui_unmark(s, item->target.persona, item->scope);
        else if (ui_is_marked(s, item->target.persona, item->scope)) {
            kept++;
            edited += send_keep_recipients(s, item);
        }
    }
    if (edited)
        ui_set_message(s, ROLE_WARNING,
                       "%zu report%s not sent still marked, %zu with the recipients set in the form "
                       "(s tries again, c clears)", kept, kept == 1 ? "" : "s", edited);
    else if (kept)
        ui_set_message(s, ROLE_WARNING, "%zu report%s not sent still marked (s tries again, c clears)",
                       kept, kept == 1 ? "" : "s");
}

void send_close(ui_state *s)
{
    ui_send *send = &s->send;
    if (send->stage == SEND_NONE)
        return;
    atomic_store(&send->batch.cancel, true);
    worker_wait(&send->worker);
    send_unmark_sent(s);
    if (send->session_open)
        send_session_close(&send->session);
    batch_free(&send->batch);
    send_rebuilt_free(s);
    send_reset(s);
    ui_close_send_views(s);
    if (s->reload_pending)
        session_reload(s);
}
