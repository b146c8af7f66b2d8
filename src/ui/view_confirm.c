/* view_confirm: the last look before anything leaves — the sender and
 * whether SES has verified it, the endpoint, the quota left, and every
 * message with its recipients and size. `y` sends; a preflight error (an
 * unverified sender, too little quota) means `y` refuses and says why. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"

static int confirm_line(ui_state *s, int y, const char *label, const char *value, ui_role role)
{
    const ui_rect *r = &s->layout.body;
    ui_draw_string(y, r->left + 2, 12, label, ui_style(s, ROLE_STRONG));
    ui_draw_string(y, r->left + 14, r->width - 15, value, ui_style(s, role));
    return y + 1;
}

static int confirm_draw_account(ui_state *s, int y)
{
    const batch_preflight_result *p = &s->send.batch.preflight;
    char text[1024];
    snprintf(text, sizeof text, "%s  [%s: %s]", s->config.from_address ? s->config.from_address : "(unset)",
             p->identity, p->verification[0] ? p->verification : "not an SES identity");
    y = confirm_line(s, y, "From", text, p->identity_ok ? ROLE_OK : ROLE_ERROR);
    snprintf(text, sizeof text, "%s (region %s)", s->send.endpoint,
             s->config.region ? s->config.region : "us-east-1");
    y = confirm_line(s, y, "Endpoint", text, ROLE_BODY);
    if (!p->quota_known)
        snprintf(text, sizeof text, "unknown");
    else if (p->quota.max_24_hour_send < 0)
        snprintf(text, sizeof text, "unlimited, at most %.0f/s", p->quota.max_send_rate);
    else
        snprintf(text, sizeof text, "%.0f of %.0f left in 24 h, at most %.0f/s; this batch: %zu",
                 p->quota.max_24_hour_send - p->quota.sent_last_24_hours, p->quota.max_24_hour_send,
                 p->quota.max_send_rate, s->send.batch.count);
    return confirm_line(s, y, "Quota", text, ROLE_BODY);
}

static int confirm_draw_items(ui_state *s, int y, int last_y)
{
    const ui_rect *r = &s->layout.body;
    const batch *b = &s->send.batch;
    for (size_t i = 0; i < b->count && y + 1 <= last_y; i++) {
        const batch_item *item = &b->items[i];
        char line[1024], size[32];
        batch_format_size(item->eml.len, size, sizeof size);
        snprintf(line, sizeof line, "%zu. %s/%s (%s)  %s", i + 1,
                 report_personas[item->target.persona].id, item->scope, size,
                 item->subject ? item->subject : "");
        ui_draw_string(y++, r->left + 2, r->width - 3, line, ui_style(s, ROLE_STRONG));
        snprintf(line, sizeof line, "To: %s   Cc: %s   Bcc: %s", *item->to ? item->to : "-",
                 *item->cc ? item->cc : "-", *item->bcc ? item->bcc : "-");
        ui_draw_string(y++, r->left + 5, r->width - 6, line, ui_style(s, ROLE_BODY));
    }
    return y;
}

void view_confirm_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    const batch_preflight_result *p = &s->send.batch.preflight;
    bool checking = s->send.stage == SEND_CHECKING;
    char title[128];
    if (s->send.test)
        snprintf(title, sizeof title, "Send a test of this report to %s only?", s->config.from_address);
    else
        snprintf(title, sizeof title, "Send %zu message(s)?", s->send.batch.count);
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    int y = r->top + 2;
    if (checking) {
        ui_draw_string(y, r->left + 2, r->width - 3, "Checking the sender and the quota with SES…",
                       ui_style(s, ROLE_WARNING));
        return;
    }
    y = confirm_draw_account(s, y) + 1;
    int last_y = r->top + r->height - 4;
    y = confirm_draw_items(s, y, last_y) + 1;
    for (const char *line = p->warnings; *line && y < last_y + 2;) { /* one warning per line */
        size_t length = strcspn(line, "\n");
        ui_draw_text(y++, r->left + 2, r->width - 3, line, length, ui_style(s, ROLE_WARNING));
        line += length + (line[length] == '\n');
    }
    if (p->error[0]) {
        ui_draw_string(y, r->left + 2, r->width - 3, p->error, ui_style(s, ROLE_ERROR));
        if (p->overridable) /* the engine's rule: only "could not check" can be waived */
            ui_draw_string(y + 1, r->left + 2, r->width - 3,
                           "U allows sending without that check · q goes back",
                           ui_style(s, ROLE_WARNING));
    } else
        ui_draw_string(y, r->left + 2, r->width - 3,
                       s->send.test ? "y sends the test now · q cancels"
                                    : "y sends now · q goes back to the recipients",
                       ui_style(s, ROLE_OK));
}

bool view_confirm_handle(ui_state *s, const keymap_entry *k)
{
    switch (k->action) {
    case ACTION_CONFIRM:
        if (s->send.stage == SEND_CHECKING)
            ui_set_message(s, ROLE_WARNING, "still checking with SES…");
        else
            send_start(s);
        return true;
    case ACTION_SEND_UNVERIFIED:
        send_allow_unverified(s);
        return true;
    case ACTION_BACK:
        if (s->send.stage == SEND_CHECKING) {
            ui_set_message(s, ROLE_WARNING, "still checking with SES…");
            return true;
        }
        if (s->send.test) { /* a test has no recipients to go back to */
            send_close(s);
            ui_set_message(s, ROLE_STATUS, "no test sent");
            return true;
        }
        s->send.stage = SEND_EDITING;
        ui_open_view(s, VIEW_RECIPIENTS);
        return true;
    default: return false;
    }
}
