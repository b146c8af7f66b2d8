/* view_progress: each message's state as the worker sends it, with its SES
 * MessageId once sent or the error. Item states are read under the batch's
 * lock (the worker writes them). Esc asks the batch to stop after the
 * request in flight: a request already sent is never abandoned. */
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

void view_progress_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    batch *b = &s->send.batch;
    bool sending = s->send.stage == SEND_SENDING;
    char title[200];
    batch_totals so_far; /* the engine's count: the title never claims more than went out */
    batch_tally(b, &so_far);
    snprintf(title, sizeof title, "%s %zu message(s) of %zu: %zu failed, %zu unknown, %zu not attempted%s",
             sending ? "Sending… sent" : "Sent", so_far.sent, b->count, so_far.failed, so_far.unknown,
             so_far.skipped, sending ? " — Esc stops after the message in flight" : " — q closes");
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    int y = r->top + 2, last_y = r->top + r->height - 1;
    int target_width = 0; /* persona/scope column: as wide as the widest */
    for (size_t i = 0; i < b->count; i++) {
        int width = (int)(strlen(report_personas[b->items[i].target.persona].id) + 1 +
                          strlen(b->items[i].scope));
        target_width = width > target_width ? width : target_width;
    }
    target_width += 2;
    pthread_mutex_lock(&b->lock);
    for (size_t i = 0; i < b->count && y < last_y; i++, y++) {
        const batch_item *item = &b->items[i];
        bool attempted = item->delivery_id != 0 || item->state != DELIVERY_PENDING;
        const char *state = attempted || sending ? ledger_state_name(item->state) : "skipped";
        char target[160], detail[800];
        snprintf(target, sizeof target, "%s/%s", report_personas[item->target.persona].id, item->scope);
        if (item->state == DELIVERY_SENT)
            snprintf(detail, sizeof detail, "MessageId %s", item->message_id);
        else
            snprintf(detail, sizeof detail, "%s", item->error[0] ? item->error : item->build_error);
        ui_draw_string(y, r->left + 2, 14, state, ui_style(s, progress_role(item->state)));
        ui_draw_string(y, r->left + 16, target_width, target, ui_style(s, ROLE_STRONG));
        ui_draw_string(y, r->left + 16 + target_width, r->width - 17 - target_width, detail,
                       ui_style(s, ROLE_BODY));
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
            ui_set_message(s, ROLE_WARNING, "still sending: Esc stops after the message in flight");
        return true;
    default: return false;
    }
}
