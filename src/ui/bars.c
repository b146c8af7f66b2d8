/* bars: the top bar (who sends, where to, how much quota is left) and the
 * two bottom rows (a message or the first diagnostic; the keys of the view
 * in front, from the key table). */
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"

/* Left: who sends and where to; right: the quota, which must stay visible. */
static void bars_draw_top(ui_state *s)
{
    const ui_rect *r = &s->layout.top_bar;
    int attributes = ui_style(s, ROLE_TITLE_BAR);
    ui_fill(r->top, r->left, r->width, attributes);
    char left[1024], right[128], sender[900], verification[600], quota[64];
    account_describe(&s->account, verification, sizeof verification, quota, sizeof quota);
    if (s->config.from_address)
        snprintf(sender, sizeof sender, "%s (%s)", s->config.from_address, verification);
    else
        snprintf(sender, sizeof sender, "no sender: set SES_FROM_ADDRESS");
    snprintf(left, sizeof left, " briefing │ %s │ %s │ %s", sender,
             s->config.region ? s->config.region : "no region", s->endpoint);
    snprintf(right, sizeof right, " │ quota %s ", quota);
    int right_width = ui_text_width(right);
    ui_draw_string(r->top, r->left, r->width - right_width, left, attributes);
    ui_draw_string(r->top, r->left + r->width - right_width, right_width, right, attributes);
}

static void bars_draw_status(ui_state *s)
{
    const ui_rect *r = &s->layout.status_line;
    ui_fill(r->top, r->left, r->width, ui_style(s, ROLE_STATUS));
    char right[128];
    size_t diagnostics = s->portfolio ? s->portfolio->diagnostics.count : 0;
    snprintf(right, sizeof right, " %zu marked │ %zu diagnostic%s ", s->mark_count, diagnostics,
             diagnostics == 1 ? "" : "s");
    int right_width = ui_text_width(right);
    int left_width = r->width - right_width;
    ui_draw_string(r->top, r->left + left_width, right_width, right, ui_style(s, ROLE_STATUS));

    if (s->searching) {
        ui_draw_string(r->top, r->left, left_width, "/", ui_style(s, ROLE_STATUS));
        ui_draw_string(r->top, r->left + 1, left_width - 1, s->search_input.text,
                       ui_style(s, ROLE_FIELD_ACTIVE));
        char before[LINE_EDITOR_SIZE];
        snprintf(before, sizeof before, "%.*s", (int)s->search_input.cursor, s->search_input.text);
        ui_place_cursor(s, r->top, r->left + 1 + ui_text_width(before));
        return;
    }
    if (s->message[0]) {
        ui_draw_string(r->top, r->left, left_width, s->message, ui_style(s, s->message_role));
        return;
    }
    if (s->portfolio && s->portfolio->diagnostics.count > 0) {
        const diag *d = &s->portfolio->diagnostics.items[0];
        char line[UI_MESSAGE_SIZE];
        if (d->line > 0)
            snprintf(line, sizeof line, "%s:%d: %s", d->file, d->line, d->message);
        else
            snprintf(line, sizeof line, "%s: %s", d->file, d->message);
        ui_draw_string(r->top, r->left, left_width, line,
                       ui_style(s, d->severity == DIAG_ERROR ? ROLE_ERROR : ROLE_WARNING));
    }
}

static void bars_draw_keys(ui_state *s)
{
    const ui_rect *r = &s->layout.key_bar;
    int bar = ui_style(s, ROLE_KEY_BAR), key = ui_style(s, ROLE_KEY);
    ui_fill(r->top, r->left, r->width, bar);
    keymap_context context = ui_view_keys(s->view);
    int x = r->left + 1;
    for (int pass = 0; pass < 2; pass++) { /* the view's keys, then the global ones */
        keymap_context wanted = pass == 0 ? context : KEYS_GLOBAL;
        for (size_t i = 0; i < keymap_count; i++) {
            const keymap_entry *k = &keymap_table[i];
            if (k->context != wanted || !k->hint)
                continue;
            int need = (int)strlen(k->name) + 1 + (int)strlen(k->hint) + 2;
            if (x + need > r->left + r->width)
                return;
            x += ui_draw_string(r->top, x, r->width, k->name, key);
            x += ui_draw_string(r->top, x, r->width, ":", bar);
            x += ui_draw_string(r->top, x, r->width, k->hint, bar);
            x += 2;
        }
    }
}

void bars_draw(ui_state *s)
{
    bars_draw_top(s);
    bars_draw_status(s);
    bars_draw_keys(s);
}
