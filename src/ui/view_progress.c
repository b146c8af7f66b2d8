/* view_progress: each message's state as the worker sends it, with its SES
 * MessageId once sent or the error, and under the title what is on the
 * wire: requests in flight, the pace and SES's Throttling answers (the
 * engine's batch_flight). Item states and the flight are read under the
 * batch's lock (the worker writes them). Esc asks the batch to stop: no new
 * request starts, and those in flight finish (a request already sent is
 * never abandoned), each ending sent, failed or unknown. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"

static ui_role progress_role(delivery_state state)
{
    static const ui_role roles[DELIVERY_STATE_COUNT] = {
        [DELIVERY_PENDING] = ROLE_BODY, [DELIVERY_SENDING] = ROLE_WARNING,
        [DELIVERY_SENT] = ROLE_OK,      [DELIVERY_FAILED] = ROLE_ERROR,
        [DELIVERY_UNKNOWN] = ROLE_ERROR, [DELIVERY_NOT_ATTEMPTED] = ROLE_WARNING,
    };
    return state < DELIVERY_STATE_COUNT ? roles[state] : ROLE_BODY;
}

/* "3 in flight (at most 14) · 12 done in 1.4 s, SES allows 14 a second
 * · 2 Throttling answers: slowed down" while sending; what the wire saw once
 * done. The pace is the one reached (requests ended over the seconds since
 * the first left), never the pacer's ceiling: "0 done" while SES is silent;
 * once the batch is over, up to its last view of the wire. */
static void progress_flight_line(const batch_flight *f, bool sending, char *out, size_t size)
{
    char reached[64] = "", pace[160];
    if (f->first_request_at > 0)
        snprintf(reached, sizeof reached, "%zu done in %.1f s, ", f->done,
                 (sending ? batch_clock_now() : f->updated_at) - f->first_request_at);
    if (f->max_send_rate > 0)
        snprintf(pace, sizeof pace, "%sSES allows %.0f a second", reached, f->max_send_rate);
    else
        snprintf(pace, sizeof pace, "%snot paced: SES's rate unknown", reached);
    if (f->pacing_rate > 0 && f->max_send_rate > 0 && f->pacing_rate < f->max_send_rate) {
        size_t used = strlen(pace);
        snprintf(pace + used, sizeof pace - used, " (paced at %.1f)", f->pacing_rate);
    }
    char throttled[64] = "";
    if (f->throttled)
        snprintf(throttled, sizeof throttled, " · %zu Throttling answer(s)%s", f->throttled,
                 sending && f->pacing_rate > 0 ? ": slowed down" : "");
    if (!sending) {
        snprintf(out, size, "%s%s", pace, throttled);
        return;
    }
    char retrying[48] = "";
    if (f->waiting_retry)
        snprintf(retrying, sizeof retrying, ", %d waiting to retry", f->waiting_retry);
    snprintf(out, size, "%d in flight (at most %d)%s · %s%s", f->in_flight, f->max_in_flight,
             retrying, pace, throttled);
}

void view_progress_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    batch *b = &s->send.batch;
    bool sending = s->send.stage == SEND_SENDING;
    char title[300];
    batch_totals so_far; /* the engine's count: the title never claims more than went out */
    batch_tally(b, &so_far);
    char counts[160];
    snprintf(counts, sizeof counts, "%zu message(s) of %zu: %zu failed, %zu unknown, %zu not attempted",
             so_far.sent, b->count, so_far.failed, so_far.unknown, so_far.skipped);
    if (sending && atomic_load(&b->cancel)) { /* stopped: the wait, first, with its bound */
        char stopping[128];
        send_stopping_text(s, stopping, sizeof stopping);
        snprintf(title, sizeof title, "%s — sent %s", stopping, counts);
    } else
        snprintf(title, sizeof title, "%s %s%s", sending ? "Sending… sent" : "Sent", counts,
                 sending ? " — Esc stops; those in flight finish" : " — q closes");
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    batch_flight flight;
    batch_flight_read(b, &flight);
    char flight_line[256];
    progress_flight_line(&flight, sending, flight_line, sizeof flight_line);
    ui_draw_string(r->top + 1, r->left + 2, r->width - 2, flight_line, ui_style(s, ROLE_BODY));
    int y = r->top + 2, last_y = r->top + r->height - 1;
    int target_width = 0; /* persona/scope column: as wide as the widest */
    for (size_t i = 0; i < b->count; i++) {
        int width = (int)(strlen(report_personas[b->items[i].target.persona].id) + 1 +
                          strlen(b->items[i].scope));
        target_width = width > target_width ? width : target_width;
    }
    target_width += 2 + (s->send.test ? 7 : 0); /* "[TEST] ": as the history marks it */
    pthread_mutex_lock(&b->lock);
    for (size_t i = 0; i < b->count && y < last_y; i++, y++) {
        const batch_item *item = &b->items[i];
        bool attempted = item->delivery_id != 0 || item->state != DELIVERY_PENDING;
        const char *state = attempted || sending ? ledger_state_name(item->state) : "skipped";
        char target[160], detail[800];
        snprintf(target, sizeof target, "%s%s/%s", s->send.test ? "[TEST] " : "",
                 report_personas[item->target.persona].id, item->scope);
        if (item->state == DELIVERY_SENT)
            snprintf(detail, sizeof detail, "MessageId %s", item->message_id);
        else if (item->state == DELIVERY_SENDING && !item->error[0])
            snprintf(detail, sizeof detail, "in flight");
        else
            snprintf(detail, sizeof detail, "%s", item->error[0] ? item->error : item->build_error);
        ui_draw_string(y, r->left + 2, 14, state, ui_style(s, progress_role(item->state)));
        ui_draw_string(y, r->left + 16, target_width, target, ui_style(s, ROLE_STRONG));
        /* Aligned under the others' when it fits; else right after this
         * row's own report, so a MessageId is not cut for a long name on
         * another row. A MessageId is never cut: without its label when
         * that fits, else whole on a line of its own below (a real SES
         * one is about 60 characters). */
        int detail_x = 16 + target_width, own_x = 16 + ui_text_width(target) + 2;
        if (ui_text_width(detail) > r->width - 1 - detail_x && own_x < detail_x)
            detail_x = own_x;
        const char *shown = detail;
        bool sent = item->state == DELIVERY_SENT && item->message_id[0];
        if (sent && ui_text_width(detail) > r->width - 1 - detail_x) {
            shown = item->message_id;
            if (ui_text_width(shown) > r->width - 1 - detail_x && y + 1 < last_y) {
                shown = detail;
                detail_x = 16;
                y++;
            }
        }
        ui_draw_string(y, r->left + detail_x, r->width - 1 - detail_x, shown, ui_style(s, ROLE_BODY));
    }
    pthread_mutex_unlock(&b->lock);
}

bool view_progress_handle(ui_state *s, const keymap_entry *k)
{
    bool finished = s->send.stage == SEND_DONE;
    switch (k->action) {
    case ACTION_STOP:
        if (finished)
            send_close(s);
        else
            send_stop(s);
        return true;
    case ACTION_BACK:
        if (finished)
            send_close(s);
        else
            send_say_sending(s);
        return true;
    default: return false;
    }
}
