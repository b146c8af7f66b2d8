/* view_history: every delivery in the ledger, newest first, and `r` to
 * resend one of them alone — the archived message byte for byte, through
 * the same recipients and confirmation screens as a new send. p and s
 * filter by persona and by state; `unknown` deliveries stand out, with a
 * line saying what the operator can do about them. Each row carries its
 * recipients' outcome from SES's events ("bounced 1/3"); Enter lists them.
 * The ledger is read when the view opens (and on R, a filter change, or
 * when the background poll applied events: events_poll.c), not kept open,
 * a page of HISTORY_PAGE at a time: moving past the last row read reads
 * the page after it (ledger_filter.after_id), so the first screen of a
 * ledger of 100,000 deliveries costs what it costs for 100. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/ui_columns.h"
#include "ui/ui_internal.h"

#define HISTORY_PAGE 500

void view_history_close(ui_state *s)
{
    ledger_deliveries_free(s->history.deliveries, s->history.count);
    free(s->history.resent);
    s->history = (history_state){.persona_filter = HISTORY_ANY, .state_filter = HISTORY_ANY};
}

/* The view's filters as a ledger filter for `limit` rows. */
static ledger_filter history_filter(const history_state *h, size_t limit)
{
    ledger_filter filter = {.limit = limit};
    if (h->persona_filter != HISTORY_ANY)
        filter.persona = report_personas[h->persona_filter].id;
    if (h->state_filter != HISTORY_ANY) {
        filter.has_state = true;
        filter.state = (delivery_state)h->state_filter;
    }
    return filter;
}

static bool history_settled(const history_state *h, size_t i)
{
    return h->resent && h->resent[i].id != 0;
}

/* Rows `from` on: which `unknown` ones a resend settled, and the count of
 * those still to check. A ledger that cannot say leaves them unsettled,
 * and the status line says why. */
static void history_settle(ui_state *s, size_t from)
{
    history_state *h = &s->history;
    ledger_delivery *grown = realloc(h->resent, (h->count ? h->count : 1) * sizeof *grown);
    if (!grown) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    h->resent = grown;
    char error[512];
    if (!send_history_resent(&s->config, h->deliveries + from, h->count - from, h->resent + from,
                             error, sizeof error))
        ui_set_message(s, ROLE_WARNING, "which unknown deliveries were resent: %s", error);
    for (size_t i = from; i < h->count; i++)
        h->unknown += h->deliveries[i].state == DELIVERY_UNKNOWN && !history_settled(h, i);
}

/* Reads the ledger again through the filters, which stay as they are:
 * as many rows as were read before (at least a page), in one read. */
static void view_history_load(ui_state *s)
{
    history_state *h = &s->history;
    size_t limit = h->count > HISTORY_PAGE ? h->count : HISTORY_PAGE;
    int persona_filter = h->persona_filter, state_filter = h->state_filter;
    view_history_close(s);
    h->persona_filter = persona_filter;
    h->state_filter = state_filter;
    ledger_filter filter = history_filter(h, limit);
    if (!send_history_list(&s->config, &filter, &h->deliveries, &h->count, h->error,
                           sizeof h->error))
        h->count = 0;
    h->more = h->count == limit;
    history_settle(s, 0);
}

/* The page after the last row read, appended; an error keeps what was
 * read and says why. */
static void view_history_load_more(ui_state *s)
{
    history_state *h = &s->history;
    ledger_filter filter = history_filter(h, HISTORY_PAGE);
    filter.after_id = h->deliveries[h->count - 1].id;
    ledger_delivery *page = NULL;
    size_t count = 0;
    if (!send_history_list(&s->config, &filter, &page, &count, h->error, sizeof h->error)) {
        h->more = false;
        return;
    }
    ledger_delivery *all = realloc(h->deliveries, (h->count + count) * sizeof *all);
    if (!all) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    memcpy(all + h->count, page, count * sizeof *page); /* the strings are the view's now */
    free(page);
    h->deliveries = all;
    size_t from = h->count;
    h->count += count;
    h->more = count == HISTORY_PAGE;
    history_settle(s, from);
}

static void history_move_down(ui_state *s)
{
    history_state *h = &s->history;
    if (h->row + 1 >= h->count && h->more && h->count)
        view_history_load_more(s);
    if (h->row + 1 < h->count)
        h->row++;
}

/* Reads the ledger again with the cursor on the delivery it was on: a
 * resend adds a row at the top, and a cursor that kept its row index would
 * sit on another delivery, which the next `r` would resend (issue 13).
 * A list scrolled to its top stays there, so the new delivery a resend
 * added is the first row on screen; scrolled further, the view keeps the
 * cursor's distance from the top of the screen. */
void view_history_refresh(ui_state *s)
{
    history_state *h = &s->history;
    size_t row = h->row, top = h->top;
    int64_t selected = row < h->count ? h->deliveries[row].id : 0;
    view_history_load(s);
    for (size_t i = 0; selected && i < h->count; i++)
        if (h->deliveries[i].id == selected) {
            if (top > 0)
                top = i >= row ? top + (i - row) : top > row - i ? top - (row - i) : 0;
            row = i;
            break;
        }
    h->row = row < h->count ? row : h->count ? h->count - 1 : 0;
    h->top = top <= h->row ? top : h->row;
}

void view_history_open(ui_state *s)
{
    view_history_close(s);
    view_history_load(s);
    ui_open_view(s, VIEW_HISTORY);
}

/* The state filter's cycle: what needs the operator first. */
static const int history_state_cycle[] = {
    HISTORY_ANY,      DELIVERY_UNKNOWN, DELIVERY_FAILED,  DELIVERY_NOT_ATTEMPTED,
    DELIVERY_SENT,    DELIVERY_SENDING, DELIVERY_PENDING,
};
_Static_assert(sizeof history_state_cycle / sizeof history_state_cycle[0] == DELIVERY_STATE_COUNT + 1,
               "the state filter offers every delivery state");
#define HISTORY_STATE_CYCLE_LENGTH (sizeof history_state_cycle / sizeof history_state_cycle[0])

static void history_next_state(history_state *h)
{
    size_t i = 0;
    while (i < HISTORY_STATE_CYCLE_LENGTH && history_state_cycle[i] != h->state_filter)
        i++;
    h->state_filter = history_state_cycle[(i + 1) % HISTORY_STATE_CYCLE_LENGTH];
}

static void history_next_persona(history_state *h)
{
    h->persona_filter = h->persona_filter + 1 >= PERSONA_COUNT ? HISTORY_ANY : h->persona_filter + 1;
}

/* The columns, left to right. The state column fits its longest state
 * whole (up to "not-attempted"), the outcome column its widest cell
 * ("bounced 1/3") whole. Report and To are as wide as their widest cell
 * up to `most` (wider ones end with …), narrower when the screen is; below
 * HISTORY_WIDE columns the date drops its year. The last column takes what
 * is left, Enter shows all of a row; no row passes the screen's edge. */
enum { COLUMN_ID, COLUMN_CREATED, COLUMN_STATE, COLUMN_OUTCOME, COLUMN_REPORT, COLUMN_TO,
       COLUMN_RESULT, COLUMN_COUNT };
static const struct {
    const char *header;
    int width;               /* fixed, or the least for a sized column */
    int most;                /* a sized column's widest; 0: fixed or the last */
} history_columns[COLUMN_COUNT] = {
    {"id", 6, 0}, {"created (UTC)", 17, 0}, {"state", 14, 0}, {"outcome", 8, 0},
    {"report", 10, 44}, {"to", 6, 40},
    {"MessageId / error", 0, 0},
};
#define HISTORY_RESULT_LEAST 14
#define HISTORY_WIDE 100
#define HISTORY_SHORT_DATE_WIDTH 12 /* "12-06 22:42" and a blank */
#define HISTORY_SHORT_DATE_HEADER "created UTC"

static bool history_short_dates(const ui_state *s)
{
    return s->layout.body.width < HISTORY_WIDE;
}

#define HISTORY_RESEND_MARK " (resend)"

static void history_report_cell(const ledger_delivery *d, char *out, size_t out_size)
{
    bool test = d->test; /* the ledger flags test sends (send_label_test labels the subject) */
    snprintf(out, out_size, "%s%s/%s%s", test ? "[TEST] " : "", d->persona, d->scope,
             d->resend_of ? HISTORY_RESEND_MARK : "");
}

/* The report cell cut to `columns`: a resend's name is cut before its
 * mark, so "(resend)" reads on a narrow screen too ("cmo/por… (resend)");
 * any other cell is left for ui_draw_string to cut at its end. */
static void history_report_cell_fit(const ledger_delivery *d, int columns, char *out,
                                    size_t out_size)
{
    history_report_cell(d, out, out_size);
    int mark = ui_text_width(HISTORY_RESEND_MARK);
    if (!d->resend_of || ui_text_width(out) <= columns || columns <= mark + 2)
        return;
    size_t name_length = strlen(out) - strlen(HISTORY_RESEND_MARK);
    size_t kept = text_fit(out, name_length, columns - mark - 1, NULL); /* 1: the ellipsis */
    char name[200];
    snprintf(name, sizeof name, "%.*s", (int)kept, out);
    snprintf(out, out_size, "%s%s%s", name, UI_ELLIPSIS, HISTORY_RESEND_MARK);
}

static int history_fit(int widest, int least, int most)
{
    return widest < least ? least : widest > most ? most : widest;
}

/* Column widths for these deliveries on this screen. */
static void history_widths(const ui_state *s, int widths[COLUMN_COUNT])
{
    const history_state *h = &s->history;
    int report = 0, to = 0, outcome = history_columns[COLUMN_OUTCOME].width;
    int state = ui_text_width(history_columns[COLUMN_STATE].header) + 1;
    for (size_t i = 0; i < h->count; i++) {
        char cell[200], summary[32];
        int st = ui_text_width(ledger_state_name(h->deliveries[i].state)) + 1;
        state = st > state ? st : state;
        ledger_outcome_summary(&h->deliveries[i], summary, sizeof summary);
        int o = ui_text_width(summary) + 1;
        outcome = o > outcome ? o : outcome;
        history_report_cell(&h->deliveries[i], cell, sizeof cell);
        int w = ui_text_width(cell) + 2, t = ui_text_width(h->deliveries[i].to_addresses ?
                                                           h->deliveries[i].to_addresses : "") + 2;
        report = w > report ? w : report;
        to = t > to ? t : to;
    }
    for (int c = 0; c < COLUMN_COUNT; c++)
        widths[c] = history_columns[c].width;
    if (history_short_dates(s))
        widths[COLUMN_CREATED] = HISTORY_SHORT_DATE_WIDTH;
    widths[COLUMN_OUTCOME] = outcome;
    widths[COLUMN_STATE] = state < widths[COLUMN_STATE] ? state : widths[COLUMN_STATE];
    widths[COLUMN_REPORT] = history_fit(report, history_columns[COLUMN_REPORT].width,
                                        history_columns[COLUMN_REPORT].most);
    widths[COLUMN_TO] = history_fit(to, history_columns[COLUMN_TO].width, history_columns[COLUMN_TO].most);
    int fixed = 1 + widths[COLUMN_ID] + widths[COLUMN_CREATED] + widths[COLUMN_STATE] +
                widths[COLUMN_OUTCOME];
    int spare = s->layout.body.width - fixed - HISTORY_RESULT_LEAST;
    while (widths[COLUMN_REPORT] + widths[COLUMN_TO] > spare && widths[COLUMN_TO] > 10)
        widths[COLUMN_TO]--; /* a narrow screen: To gives first, then the report */
    while (widths[COLUMN_REPORT] + widths[COLUMN_TO] > spare && widths[COLUMN_REPORT] > 14)
        widths[COLUMN_REPORT]--;
}

static void history_draw_cells(ui_state *s, int y, const char *const cells[COLUMN_COUNT],
                               const int widths[COLUMN_COUNT], int attributes)
{
    const ui_rect *r = &s->layout.body;
    int x = r->left + 1, end = r->left + r->width - 1;
    for (int c = 0; c < COLUMN_COUNT && x < end; c++) {
        int width = c < COLUMN_RESULT ? widths[c] : end - x;
        if (width > end - x)
            width = end - x; /* never past the screen's edge */
        ui_draw_string(y, x, c < COLUMN_RESULT ? width - 1 : width, cells[c], attributes);
        x += width;
    }
}

/* A recipient bounced, complained or was rejected: the row stands out. */
static bool history_outcome_alarm(const ledger_delivery *d)
{
    return d->outcome_counts[OUTCOME_BOUNCED] || d->outcome_counts[OUTCOME_COMPLAINED] ||
           d->outcome_counts[OUTCOME_REJECTED];
}

/* What `log` says of an unknown delivery a resend settled:
 * "resent as 32 (sent, 2026-12-07 04:31 UTC)". */
static void history_resent_words(const ledger_delivery *resent, char *out, size_t out_size)
{
    char when[32];
    struct tm tm;
    gmtime_r(&resent->created_at, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    snprintf(out, out_size, "resent as %lld (%s, %s)", (long long)resent->id,
             ledger_state_name(resent->state), when);
}

static void history_draw_row(ui_state *s, size_t index, int y, bool selected,
                             const int widths[COLUMN_COUNT])
{
    const ledger_delivery *d = &s->history.deliveries[index];
    bool settled = history_settled(&s->history, index);
    char id[24], when[32], report[200], result[400], outcome[32];
    struct tm tm;
    gmtime_r(&d->created_at, &tm);
    strftime(when, sizeof when, history_short_dates(s) ? "%m-%d %H:%M" : "%Y-%m-%d %H:%M", &tm);
    snprintf(id, sizeof id, "%lld", (long long)d->id);
    history_report_cell_fit(d, widths[COLUMN_REPORT] - 1, report, sizeof report);
    if (settled) /* the row says which and how it went; the advice below adds when */
        snprintf(result, sizeof result, "resent as %lld (%s)",
                 (long long)s->history.resent[index].id,
                 ledger_state_name(s->history.resent[index].state));
    else if (d->message_id)
        snprintf(result, sizeof result, "%s", d->message_id);
    else if (d->error_code && strcmp(d->error_code, ledger_state_name(d->state)) == 0)
        snprintf(result, sizeof result, "%s", d->error_message ? d->error_message : d->error_code);
    else /* the code says no more than the state column: the reason alone */
        snprintf(result, sizeof result, "%s%s%s", d->error_code ? d->error_code : "",
                 d->error_code && d->error_message ? ": " : "", d->error_message ? d->error_message : "");
    ledger_outcome_summary(d, outcome, sizeof outcome); /* SES's events: "delivered 3/3" */
    const char *cells[COLUMN_COUNT] = {id, when, ledger_state_name(d->state), outcome, report,
                                       d->to_addresses ? d->to_addresses : "", result};
    ui_role role = selected ? ROLE_SELECTED
                   : history_outcome_alarm(d) ? ROLE_ERROR
                   : d->state == DELIVERY_UNKNOWN && !settled ? ROLE_WARNING : ROLE_LIST;
    int attributes = ui_style(s, role);
    ui_fill(y, s->layout.body.left, s->layout.body.width, attributes);
    history_draw_cells(s, y, cells, widths, attributes);
}

/* "persona cfo · state unknown" or "all deliveries". */
static void history_describe_filters(const history_state *h, char *out, size_t out_size)
{
    if (h->persona_filter == HISTORY_ANY && h->state_filter == HISTORY_ANY) {
        snprintf(out, out_size, "all deliveries");
        return;
    }
    snprintf(out, out_size, "persona %s · state %s",
             h->persona_filter == HISTORY_ANY ? "any" : report_personas[h->persona_filter].id,
             h->state_filter == HISTORY_ANY ? "any" : ledger_state_name((delivery_state)h->state_filter));
}

/* Unknown means SES may or may not have the message: only the operator can
 * tell, so the view says how, below the list. */
static void history_draw_unknown_advice(ui_state *s, int y)
{
    const history_state *h = &s->history;
    const ledger_delivery *d = &h->deliveries[h->row];
    char advice[512], words[96];
    if (d->state == DELIVERY_UNKNOWN && history_settled(h, h->row)) {
        history_resent_words(&h->resent[h->row], words, sizeof words);
        snprintf(advice, sizeof advice, "Delivery %lld is unknown and was %s: r would send another "
                 "copy.", (long long)d->id, words);
    } else if (d->state == DELIVERY_UNKNOWN)
        snprintf(advice, sizeof advice,
                 "Delivery %lld is unknown: SES may have sent it. Check the inbox or the SES console; "
                 "if it never arrived, r resends it.", (long long)d->id);
    else
        snprintf(advice, sizeof advice,
                 "%zu unknown deliver%s (highlighted): check the inbox or the SES console; "
                 "to resend one, select it and press r.", h->unknown, h->unknown == 1 ? "y" : "ies");
    ui_draw_string(y, s->layout.body.left + 1, s->layout.body.width - 2, advice, ui_style(s, ROLE_WARNING));
}

void view_history_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    history_state *h = &s->history;
    char title[320], filters[96];
    history_describe_filters(h, filters, sizeof filters);
    snprintf(title, sizeof title, "Delivery history — %zu%s deliver%s, newest first, %s · ledger: %s",
             h->count, h->more ? "+" : "", h->count == 1 ? "y" : "ies", filters, s->ledger); /* the key bar says p, s and r */
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    if (h->error[0]) {
        ui_draw_string(r->top + 2, r->left + 2, r->width - 3, h->error, ui_style(s, ROLE_ERROR));
        return;
    }
    if (h->count == 0) {
        ui_draw_string(r->top + 2, r->left + 2, r->width - 3,
                       h->persona_filter == HISTORY_ANY && h->state_filter == HISTORY_ANY
                           ? "Nothing sent yet." : "No delivery matches the filters (c shows all).",
                       ui_style(s, ROLE_BODY));
        return;
    }
    const char *headers[COLUMN_COUNT];
    for (int c = 0; c < COLUMN_COUNT; c++)
        headers[c] = history_columns[c].header;
    if (history_short_dates(s))
        headers[COLUMN_CREATED] = HISTORY_SHORT_DATE_HEADER;
    int widths[COLUMN_COUNT];
    history_widths(s, widths);
    history_draw_cells(s, r->top + 1, headers, widths, ui_style(s, ROLE_HEADING));
    bool on_unknown = h->deliveries[h->row < h->count ? h->row : 0].state == DELIVERY_UNKNOWN;
    bool advise = h->unknown || on_unknown;
    int advice_lines = advise ? 2 : 0; /* a blank line, then the advice */
    size_t visible = (size_t)(r->height - 2 - advice_lines);
    if (h->row < h->top)
        h->top = h->row;
    else if (h->row >= h->top + visible)
        h->top = h->row - visible + 1;
    for (size_t i = 0; i < visible && h->top + i < h->count; i++)
        history_draw_row(s, h->top + i, r->top + 2 + (int)i, h->top + i == h->row, widths);
    if (advise)
        history_draw_unknown_advice(s, r->top + r->height - 1);
}

static void history_when(time_t at, char *out, size_t out_size)
{
    struct tm tm;
    gmtime_r(&at, &tm);
    strftime(out, out_size, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

/* Each recipient's outcome as SES's events left it (briefing events, or
 * the console's poll): address, outcome, when, and the bounce diagnostic
 * or complaint type on the line below. */
static void history_append_recipients(ui_state *s, const ledger_delivery *d, strbuf *t)
{
    ledger_recipient *list = NULL;
    size_t count = 0;
    char error[512];
    if (!send_history_recipients(&s->config, d->id, &list, &count, error, sizeof error)) {
        strbuf_printf(t, "\nRecipients: cannot be read: %s\n", error);
        return;
    }
    char summary[32];
    ledger_outcome_summary(d, summary, sizeof summary);
    strbuf_printf(t, "\nRecipients %s\n", count ? summary : "none recorded (not sent, or sent before "
                  "outcomes were kept)");
    for (size_t i = 0; i < count; i++) {
        const ledger_recipient *r = &list[i];
        char at[40];
        history_when(r->at, at, sizeof at);
        strbuf_printf(t, "  %-40s %-4s %-11s %s", r->address, r->kind, ledger_outcome_name(r->outcome),
                      at);
        if (r->opens || r->clicks)
            strbuf_printf(t, "  opens %d, clicks %d", r->opens, r->clicks);
        strbuf_printf(t, "\n");
        if (r->detail && *r->detail)
            strbuf_printf(t, "      %s\n", r->detail);
    }
    ledger_recipients_free(list, count);
}

/* Everything the ledger knows about one delivery, the error in full. */
static void history_open_details(ui_state *s, const ledger_delivery *d)
{
    char created[40], updated[40], size[32], title[256];
    history_when(d->created_at, created, sizeof created);
    history_when(d->updated_at, updated, sizeof updated);
    batch_format_size((size_t)(d->size_bytes > 0 ? d->size_bytes : 0), size, sizeof size);
    strbuf t = STRBUF_INIT;
    strbuf_printf(&t, "State      %s\nCreated    %s\nUpdated    %s\nBatch      %lld\n",
                  ledger_state_name(d->state), created, updated, (long long)d->batch_id);
    if (d->resend_of)
        strbuf_printf(&t, "Resend of  delivery %lld\n", (long long)d->resend_of);
    const struct {
        const char *label, *value;
    } fields[] = {
        {"Subject", d->subject}, {"From", d->from_address}, {"To", d->to_addresses},
        {"Cc", d->cc_addresses}, {"Bcc", d->bcc_addresses}, {"MessageId", d->message_id},
        {"Request", d->request_id}, {"Error", d->error_code}, {"Why", d->error_message},
        {"Archive", d->archive_path},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        strbuf_printf(&t, "%-10s %s\n", fields[i].label,
                      fields[i].value && *fields[i].value ? fields[i].value : "-");
    strbuf_printf(&t, "Attempts   %d\nSize       %s\nSHA-256    %s\n", d->attempts, size,
                  d->message_sha256[0] ? d->message_sha256 : "-");
    history_append_recipients(s, d, &t);
    snprintf(title, sizeof title, "Delivery %lld · %s/%s", (long long)d->id, d->persona, d->scope);
    view_pager_open(s, title, strbuf_cstr(&t), t.len);
    strbuf_free(&t);
}

static void history_resend_selected(ui_state *s)
{
    if (s->history.row < s->history.count)
        send_begin_resend(s, &s->history.deliveries[s->history.row]);
}

/* A delivery SES accepted went out, and an unknown one may have: sending
 * it again is asked once. */
static void history_resend(ui_state *s)
{
    const history_state *h = &s->history;
    if (h->count == 0)
        return;
    const ledger_delivery *d = &h->deliveries[h->row];
    if (d->state == DELIVERY_UNKNOWN && history_settled(h, h->row)) {
        char words[96];
        history_resent_words(&h->resent[h->row], words, sizeof words);
        ui_ask(s, history_resend_selected, "delivery %lld was %s already — this sends another "
               "copy. Resend anyway?", (long long)d->id, words);
        return;
    }
    if (d->state == DELIVERY_UNKNOWN) {
        ui_ask(s, history_resend_selected, "delivery %lld is unknown: SES may already have sent "
               "it — check first. Resend anyway?", (long long)d->id);
        return;
    }
    if (d->state != DELIVERY_SENT) {
        history_resend_selected(s);
        return;
    }
    char when[40];
    struct tm tm;
    gmtime_r(&d->updated_at, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
    ui_ask(s, history_resend_selected, "%s/%s (delivery %lld) already delivered at %s — this sends "
           "it again. Go on?", d->persona, d->scope, (long long)d->id, when);
}

bool view_history_handle(ui_state *s, const keymap_entry *k)
{
    history_state *h = &s->history;
    switch (k->action) {
    case ACTION_MOVE_DOWN: history_move_down(s); return true;
    case ACTION_MOVE_UP: if (h->row > 0) h->row--; return true;
    case ACTION_REFRESH: view_history_refresh(s); return true;
    case ACTION_FILTER_PERSONA: history_next_persona(h); view_history_load(s); return true;
    case ACTION_FILTER_STATE: history_next_state(h); view_history_load(s); return true;
    case ACTION_FILTER_CLEAR:
        h->persona_filter = h->state_filter = HISTORY_ANY;
        view_history_load(s);
        return true;
    case ACTION_RESEND: history_resend(s); return true;
    case ACTION_OPEN:
        if (h->count)
            history_open_details(s, &h->deliveries[h->row]);
        return true;
    case ACTION_BACK:
        view_history_close(s);
        ui_close_view(s);
        return true;
    default: return false;
    }
}
