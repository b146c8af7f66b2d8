/* bars: the top bar (who sends, where to, how much quota is left) and the
 * two bottom rows (a message or the first diagnostic; the keys of the view
 * in front, from the key table). */
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"

#define BARS_ENDPOINT_LEAST 10 /* " │ email.…": fewer letters say nothing */

/* Which ledger, as long as `room` allows beside the `essential` columns:
 * "ledger: dynamodb://exec-reports", else "ledger: dynamodb", else the bare
 * kind. Its width, 0 when nothing fits (the history view's title says it
 * too). */
static int bars_ledger_cell(const ui_state *s, int room, int essential, char *out,
                            size_t out_size)
{
    const char *scheme = strstr(s->ledger, "://");
    int kind_length = scheme ? (int)(scheme - s->ledger) : (int)strlen(s->ledger);
    char forms[3][360];
    snprintf(forms[0], sizeof forms[0], " │ ledger: %s", s->ledger);
    snprintf(forms[1], sizeof forms[1], " │ ledger: %.*s", kind_length, s->ledger);
    snprintf(forms[2], sizeof forms[2], " │ %.*s", kind_length, s->ledger);
    for (int i = 0; i < 3; i++) {
        int width = ui_text_width(forms[i]);
        if (room - width >= essential) {
            snprintf(out, out_size, "%s", forms[i]);
            return width;
        }
    }
    return 0;
}

/* Left: who sends and where to; right: the account's standing (in the
 * error colour on probation, shut down or paused) and the quota, which
 * must stay visible; between them, which ledger ("ledger: sqlite", or
 * "ledger: dynamodb://TABLE": the shared one). When the left is too long,
 * the parts give way in this order: the endpoint (cut with …, then
 * dropped), the "briefing" label, the ledger (shortened to its kind, then
 * the quota written shorter, "│ 123/200 left", to keep it; then dropped: the
 * history view's title still says it), a standing that is
 * neither an alarm nor the sandbox (the review still says it), then the
 * sender's address; the region and the sender's state stay whole. */
static void bars_draw_top(ui_state *s)
{
    const ui_rect *r = &s->layout.top_bar;
    int attributes = ui_style(s, ROLE_TITLE_BAR);
    ui_fill(r->top, r->left, r->width, attributes);
    char right[128], sender[900], verification[600], quota[64], region[96], standing[64];
    bool alarm, must_show;
    account_standing(&s->account, standing, sizeof standing, &alarm, &must_show);
    account_describe(&s->account, verification, sizeof verification, quota, sizeof quota);
    snprintf(right, sizeof right, " │ quota %s ", quota);
    snprintf(region, sizeof region, " │ %s", s->config.region ? s->config.region : "no region");
    char state[620];
    snprintf(state, sizeof state, " (%s)", verification);
    static const char no_sender[] = " no sender: set SES_FROM_ADDRESS";
    snprintf(sender, sizeof sender, "%s", s->config.from_address ? s->config.from_address : "");
    int fixed = ui_text_width(state) + ui_text_width(region) + 1;
    const char *label = " briefing │";
    /* What the left needs whole: the sender and its state, or the label
     * and "no sender", and the region. */
    int essential = s->config.from_address
                        ? ui_text_width(sender) + fixed
                        : ui_text_width(label) + ui_text_width(no_sender) + ui_text_width(region);
    char standing_cell[80] = "";
    if (standing[0])
        snprintf(standing_cell, sizeof standing_cell, " │ %s", standing);
    int right_width = ui_text_width(right), standing_width = ui_text_width(standing_cell);
    /* A standing that may give way does, before the sender's address is cut. */
    if (!must_show && r->width - right_width - standing_width < essential) {
        standing_cell[0] = '\0';
        standing_width = 0;
    }
    int room = r->width - right_width - standing_width;
    char ledger_cell[360];
    int ledger_width = bars_ledger_cell(s, room, essential, ledger_cell, sizeof ledger_cell);
    if (!ledger_width) { /* the quota in fewer columns, so the ledger stays named */
        char short_quota[64], short_right[128];
        account_quota_short(&s->account, short_quota, sizeof short_quota);
        snprintf(short_right, sizeof short_right, " │ %s ", short_quota);
        int short_width = ui_text_width(short_right);
        ledger_width = bars_ledger_cell(s, r->width - short_width - standing_width, essential,
                                        ledger_cell, sizeof ledger_cell);
        if (ledger_width) {
            snprintf(right, sizeof right, "%s", short_right);
            right_width = short_width;
            room = r->width - right_width - standing_width;
        }
    }
    room -= ledger_width;
    int x = r->left;
    if (s->config.from_address) {
        bool labelled = 1 + ui_text_width(sender) + fixed + ui_text_width(label) <= room;
        if (labelled)
            x += ui_draw_string(r->top, x, room, label, attributes);
        x += ui_draw_string(r->top, x, 1, " ", attributes);
        x += ui_draw_string(r->top, x, r->left + room - x - fixed + 1, sender, attributes);
        x += ui_draw_string(r->top, x, r->left + room - x, state, attributes);
    } else {
        x += ui_draw_string(r->top, x, room, label, attributes);
        x += ui_draw_string(r->top, x, r->left + room - x - ui_text_width(region), no_sender,
                            attributes);
    }
    x += ui_draw_string(r->top, x, r->left + room - x, region, attributes);
    /* Without its scheme: the host is what says where mail goes, and the
     * columns are few (docs/console.md: the endpoint gives way first). */
    const char *scheme = strstr(s->endpoint, "://");
    char endpoint[600];
    snprintf(endpoint, sizeof endpoint, " │ %s", scheme ? scheme + 3 : s->endpoint);
    if (r->left + room - x >= BARS_ENDPOINT_LEAST) /* else a few letters of it say nothing */
        ui_draw_string(r->top, x, r->left + room - x, endpoint, attributes);
    if (ledger_width)
        ui_draw_string(r->top, r->left + room, ledger_width, ledger_cell, attributes);
    if (standing_width)
        ui_draw_string(r->top, r->left + room + ledger_width, standing_width, standing_cell,
                       alarm ? ui_style(s, ROLE_ERROR) : attributes);
    ui_draw_string(r->top, r->left + room + ledger_width + standing_width, right_width, right,
                   attributes);
}

/* The left of the status line: the prompt, a question, the last message
 * or the first diagnostic; NULL text when there is nothing to say. */
typedef struct {
    char text[UI_MESSAGE_SIZE];
    ui_role role;
    bool wins;               /* a question or message: it takes the counters' room */
} status_text;

void bars_diag_text(const diag *d, char *out, size_t out_size)
{
    if (d->line > 0)
        snprintf(out, out_size, "%s:%d: %s", d->file, d->line, d->message);
    else
        snprintf(out, out_size, "%s: %s", d->file, d->message);
}

static void bars_status_text(const ui_state *s, status_text *out)
{
    *out = (status_text){.role = ROLE_STATUS};
    if (s->question.open) {
        snprintf(out->text, sizeof out->text, "%s (y/n)", s->question.text);
        out->role = ROLE_WARNING;
        out->wins = true;
    } else if (s->message[0]) {
        snprintf(out->text, sizeof out->text, "%s", s->message);
        out->role = s->message_role;
        out->wins = true;
    } else if (s->portfolio && s->portfolio->diagnostics.count > 0) {
        const diag *d = &s->portfolio->diagnostics.items[0];
        bars_diag_text(d, out->text, sizeof out->text);
        out->role = d->severity == DIAG_ERROR ? ROLE_ERROR : ROLE_WARNING;
    }
}

/* The search prompt, with the cursor where the next character goes. */
static void bars_draw_search(ui_state *s, int width)
{
    const ui_rect *r = &s->layout.status_line;
    ui_draw_string(r->top, r->left, width, "/", ui_style(s, ROLE_STATUS));
    ui_draw_string(r->top, r->left + 1, width - 1, s->search_input.text, ui_style(s, ROLE_FIELD_ACTIVE));
    char before[LINE_EDITOR_SIZE];
    snprintf(before, sizeof before, "%.*s", (int)s->search_input.cursor, s->search_input.text);
    ui_place_cursor(s, r->top, r->left + 1 + ui_text_width(before));
}

/* Counters on the right, unless a message needs their room: the message
 * is what the operator must read (and `M` shows it whole when even the
 * full line is too short). */
static void bars_draw_status(ui_state *s)
{
    const ui_rect *r = &s->layout.status_line;
    ui_fill(r->top, r->left, r->width, ui_style(s, ROLE_STATUS));
    char counters[128];
    size_t diagnostics = s->portfolio ? s->portfolio->diagnostics.count : 0;
    snprintf(counters, sizeof counters, " %zu marked │ %zu diagnostic%s ", s->mark_count, diagnostics,
             diagnostics == 1 ? "" : "s");
    status_text left;
    bars_status_text(s, &left);
    int counters_width = ui_text_width(counters);
    bool counters_shown = s->searching || !left.wins ||
                          ui_text_width(left.text) + counters_width <= r->width;
    int left_width = counters_shown ? r->width - counters_width : r->width;
    if (counters_shown)
        ui_draw_string(r->top, r->left + left_width, counters_width, counters, ui_style(s, ROLE_STATUS));
    if (s->searching)
        bars_draw_search(s, left_width);
    else if (left.text[0])
        ui_draw_string(r->top, r->left, left_width, left.text, ui_style(s, left.role));
}

/* The width "name:hint  " takes on the key bar. */
static int bars_key_width(const keymap_entry *k)
{
    return ui_text_width(k->name) + 1 + ui_text_width(k->hint) + 2;
}

/* `?` and `q` (help, and back or quit) are always on the bar: they are
 * how the operator finds everything else and how they get out. */
static bool bars_key_pinned(const keymap_entry *k)
{
    return k->key == '?' || k->key == 'q';
}

static int bars_draw_key(ui_state *s, int x, const keymap_entry *k)
{
    const ui_rect *r = &s->layout.key_bar;
    int bar = ui_style(s, ROLE_KEY_BAR), key = ui_style(s, ROLE_KEY);
    x += ui_draw_string(r->top, x, r->left + r->width - x, k->name, key);
    x += ui_draw_string(r->top, x, r->left + r->width - x, ":", bar);
    x += ui_draw_string(r->top, x, r->left + r->width - x, k->hint, bar);
    return x + 2;
}

/* The view's keys that fit beside the pinned ones, then the pinned ones. */
static void bars_draw_keys(ui_state *s)
{
    const ui_rect *r = &s->layout.key_bar;
    ui_fill(r->top, r->left, r->width, ui_style(s, ROLE_KEY_BAR));
    keymap_context context = s->question.open                               ? KEYS_QUESTION
                             : s->view == VIEW_RECIPIENTS && s->send.editing ? KEYS_EDITING
                                                                             : ui_view_keys(s->view);
    keymap_context passes[2] = {context, KEYS_GLOBAL};
    /* Typing or answering: every key goes to the field or the answer. */
    int pass_count = context == KEYS_EDITING || context == KEYS_QUESTION ? 1 : 2;
    int pinned_width = 0;
    for (int pass = 0; pass < pass_count; pass++) {
        for (size_t i = 0; i < keymap_count; i++) {
            const keymap_entry *k = &keymap_table[i];
            if (k->context == passes[pass] && k->hint && bars_key_pinned(k))
                pinned_width += bars_key_width(k);
        }
    }
    int x = r->left + 1, room = r->left + r->width - pinned_width;
    for (int pinned = 0; pinned < 2; pinned++) {
        for (int pass = 0; pass < pass_count; pass++) {
            for (size_t i = 0; i < keymap_count; i++) {
                const keymap_entry *k = &keymap_table[i];
                if (k->context != passes[pass] || !k->hint || bars_key_pinned(k) != (pinned == 1))
                    continue;
                if (!pinned && x + bars_key_width(k) > room)
                    continue; /* shown by `?`; a shorter one may still fit */
                x = bars_draw_key(s, x, k);
            }
        }
    }
}

void bars_draw(ui_state *s)
{
    bars_draw_top(s);
    bars_draw_status(s);
    bars_draw_keys(s);
}
