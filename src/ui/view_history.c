/* view_history: every delivery in the ledger, newest first, and `r` to
 * resend one of them alone — the archived message byte for byte, through
 * the same recipients and confirmation screens as a new send. The ledger is
 * read when the view opens (and on R), not kept open. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/ui_internal.h"

#define HISTORY_LIMIT 500

void view_history_close(ui_state *s)
{
    ledger_deliveries_free(s->history.deliveries, s->history.count);
    s->history = (history_state){0};
}

static void view_history_load(ui_state *s)
{
    view_history_close(s);
    history_state *h = &s->history;
    int recovered = 0;
    ledger *l = ledger_open(s->options.ledger_path, &recovered, h->error, sizeof h->error);
    if (!l)
        return;
    ledger_filter filter = {.limit = HISTORY_LIMIT};
    if (!ledger_list(l, &filter, &h->deliveries, &h->count, h->error, sizeof h->error))
        h->count = 0;
    ledger_close(l);
}

void view_history_open(ui_state *s)
{
    view_history_load(s);
    ui_open_view(s, VIEW_HISTORY);
}

/* The columns, left to right; the last takes what is left. */
enum { COLUMN_ID, COLUMN_CREATED, COLUMN_STATE, COLUMN_REPORT, COLUMN_TO, COLUMN_RESULT, COLUMN_COUNT };
static const struct {
    const char *header;
    int width;
} history_columns[COLUMN_COUNT] = {
    {"id", 6}, {"created (UTC)", 17}, {"state", 8}, {"report", 26}, {"to", 30}, {"MessageId / error", 0},
};

static void history_draw_cells(ui_state *s, int y, const char *const cells[COLUMN_COUNT], int attributes)
{
    const ui_rect *r = &s->layout.body;
    int x = r->left + 1;
    for (int c = 0; c < COLUMN_COUNT && x < r->left + r->width; c++) {
        int width = history_columns[c].width ? history_columns[c].width : r->left + r->width - x - 1;
        ui_draw_string(y, x, width - 1, cells[c], attributes);
        x += width;
    }
}

static void history_draw_row(ui_state *s, const ledger_delivery *d, int y, bool selected)
{
    char id[24], when[32], report[160], result[400];
    struct tm tm;
    gmtime_r(&d->created_at, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    snprintf(id, sizeof id, "%lld", (long long)d->id);
    snprintf(report, sizeof report, "%s/%s%s", d->persona, d->scope, d->resend_of ? " (resend)" : "");
    snprintf(result, sizeof result, "%s", d->message_id ? d->message_id
                                          : d->error_code ? d->error_code : "");
    const char *cells[COLUMN_COUNT] = {id, when, ledger_state_name(d->state), report,
                                       d->to_addresses ? d->to_addresses : "", result};
    int attributes = ui_style(s, selected ? ROLE_SELECTED : ROLE_LIST);
    ui_fill(y, s->layout.body.left, s->layout.body.width, attributes);
    history_draw_cells(s, y, cells, attributes);
}

void view_history_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    history_state *h = &s->history;
    char title[160];
    snprintf(title, sizeof title, "Delivery history — %zu deliver%s, newest first (r resends one)",
             h->count, h->count == 1 ? "y" : "ies");
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    if (h->error[0]) {
        ui_draw_string(r->top + 2, r->left + 2, r->width - 3, h->error, ui_style(s, ROLE_ERROR));
        return;
    }
    if (h->count == 0) {
        ui_draw_string(r->top + 2, r->left + 2, r->width - 3, "Nothing sent yet.", ui_style(s, ROLE_BODY));
        return;
    }
    const char *headers[COLUMN_COUNT];
    for (int c = 0; c < COLUMN_COUNT; c++)
        headers[c] = history_columns[c].header;
    history_draw_cells(s, r->top + 1, headers, ui_style(s, ROLE_HEADING));
    size_t visible = (size_t)(r->height - 2);
    if (h->row < h->top)
        h->top = h->row;
    else if (h->row >= h->top + visible)
        h->top = h->row - visible + 1;
    for (size_t i = 0; i < visible && h->top + i < h->count; i++)
        history_draw_row(s, &h->deliveries[h->top + i], r->top + 2 + (int)i, h->top + i == h->row);
}

bool view_history_handle(ui_state *s, const keymap_entry *k)
{
    history_state *h = &s->history;
    switch (k->action) {
    case ACTION_MOVE_DOWN: if (h->row + 1 < h->count) h->row++; return true;
    case ACTION_MOVE_UP: if (h->row > 0) h->row--; return true;
    case ACTION_REFRESH: view_history_load(s); return true;
    case ACTION_RESEND:
        if (h->count == 0)
            return true;
        send_begin_resend(s, &h->deliveries[h->row]);
        return true;
    case ACTION_BACK:
        view_history_close(s);
        ui_open_view(s, VIEW_MAIN);
        return true;
    default: return false;
    }
}
