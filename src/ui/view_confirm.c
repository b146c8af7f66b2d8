/* view_confirm: the review before anything leaves. First the sender and
 * whether SES has verified it, the endpoint, which credentials sign (their
 * source, never a secret), the quota left and every
 * warning in full; then every message, "Message N of M", with its headers
 * as the recipient will see them (read from the message's own bytes), its
 * Bcc (the envelope's: never in the message) and its size. Long values
 * wrap, nothing is cut.
 *
 * The review scrolls (j/k select the next or previous message, PgDn/PgUp
 * a page, g/G the ends) and says how much is below. `y` sends only once
 * every message has been on screen whole — at 80×24 a batch of eight takes
 * a few pages — so nothing goes out that the operator was not shown.
 * Enter opens the selected message's bytes, under a note naming the headers
 * stamped when it leaves (Date, Message-ID, X-Briefing-Delivery). The review shows only
 * headers: a message rebuilt from changed data (send_refresh.c) stays
 * unseen until the operator opens it with Enter (at its first changed line,
 * its text decoded as the recipient reads it) and every changed line was on
 * screen. A message that cannot be built, or a preflight error (an
 * unverified sender, too little quota) means `y` refuses and says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/eml_summary.h"
#include "ui/ui_columns.h"
#include "ui/ui_internal.h"

#define REVIEW_LABEL_WIDTH 10
#define REVIEW_NO_MESSAGE ((size_t)-1)
/* What the reviewed bytes cannot hold yet: the engine stamps these when the
 * message leaves (the delivery id exists only once its ledger row does), so
 * the sizes shown are "about". */
#define REVIEW_STAMPED_NOTE                                                                        \
    "Date, Message-ID and X-Briefing-Delivery are set when the message leaves; the rest is byte " \
    "for byte what goes out."

/* One screen line of the review. */
typedef struct {
    char text[512];
    int indent;
    ui_role role;
    size_t message;          /* the message it belongs to, or REVIEW_NO_MESSAGE */
} review_line;

typedef struct {
    review_line *lines;
    size_t count, capacity;
    size_t *first, *last;    /* per message: its first and last line */
    int width;
} review_document;

static review_line *review_push(review_document *d)
{
    if (d->count == d->capacity) {
        d->capacity = d->capacity ? 2 * d->capacity : 64;
        d->lines = realloc(d->lines, d->capacity * sizeof *d->lines);
        if (!d->lines)
            abort(); /* out of memory: as the arena */
    }
    return &d->lines[d->count++];
}

/* Adds `text` (up to `length` bytes, one line) wrapped to the width;
 * continuation lines line up under the value, past `hang` columns. */
static void review_add(review_document *d, int indent, int hang, const char *text, size_t length,
                       ui_role role, size_t message)
{
    int first_width = d->width - indent, rest_width = first_width - hang;
    bool first = true;
    do {
        int width = first ? first_width : rest_width;
        size_t fit = text_fit_words(text, length, width > 8 ? width : 8); /* never inside a word */
        review_line *line = review_push(d);
        snprintf(line->text, sizeof line->text, "%.*s", (int)fit, text);
        line->indent = first ? indent : indent + hang;
        line->role = role;
        line->message = message;
        text += fit;
        length -= fit;
        while (length > 0 && *text == ' ') { /* a wrapped line starts with a word */
            text++;
            length--;
        }
        first = false;
    } while (length > 0);
}

/* Adds each line of `text` (lines end with '\n'). */
static void review_add_lines(review_document *d, int indent, int hang, const char *text,
                             ui_role role, size_t message)
{
    while (*text) {
        size_t length = strcspn(text, "\n");
        review_add(d, indent, hang, text, length, role, message);
        text += length + (text[length] == '\n');
    }
}

/* The account's standing (SES v2 GetAccount): red on probation or worse,
 * the warning colour in the sandbox, where every recipient must be verified. */
static void review_add_standing(review_document *d, const batch_preflight_result *p)
{
    if (!p->checked)
        return;
    char text[512];
    send_standing standing = send_standing_of(&p->account, p->account_known);
    int n = snprintf(text, sizeof text, "%-*s", REVIEW_LABEL_WIDTH, "Account");
    if (standing == SEND_STANDING_UNKNOWN)
        snprintf(text + n, sizeof text - (size_t)n, "not checked");
    else
        snprintf(text + n, sizeof text - (size_t)n, "%s · %s · sending %s",
                 p->account.production_access
                     ? "production"
                     : "sandbox: recipients must be verified identities",
                 p->account.enforcement[0] ? p->account.enforcement : "enforcement not said",
                 p->account.sending_enabled ? "enabled" : "paused by SES");
    ui_role role = send_standing_alarm(standing) ? ROLE_ERROR
                   : standing == SEND_STANDING_UNKNOWN || !p->account.production_access
                       ? ROLE_WARNING
                       : ROLE_BODY;
    review_add(d, 2, REVIEW_LABEL_WIDTH, text, strlen(text), role, REVIEW_NO_MESSAGE);
}

static void review_add_account(review_document *d, const ui_state *s)
{
    const batch_preflight_result *p = &s->send.batch.preflight;
    char text[1024];
    /* A check that never reached SES (refused credentials, no sender) has
     * no identity to show: its reason is the error below. */
    int n = snprintf(text, sizeof text, "%-*s%s", REVIEW_LABEL_WIDTH, "From",
                     s->config.from_address ? s->config.from_address : "(unset)");
    if (p->identity[0])
        snprintf(text + n, sizeof text - (size_t)n, "  [%s: %s]", p->identity,
                 p->verification[0] ? p->verification : "not an SES identity");
    review_add(d, 2, REVIEW_LABEL_WIDTH, text, strlen(text), p->identity_ok ? ROLE_OK : ROLE_ERROR,
               REVIEW_NO_MESSAGE);
    snprintf(text, sizeof text, "%-*s%s (region %s)", REVIEW_LABEL_WIDTH, "Endpoint", s->send.endpoint,
             s->send.session.region);
    review_add(d, 2, REVIEW_LABEL_WIDTH, text, strlen(text), ROLE_BODY, REVIEW_NO_MESSAGE);
    snprintf(text, sizeof text, "%-*s%s", REVIEW_LABEL_WIDTH, "Signed by",
             s->send.session.credentials);
    review_add(d, 2, REVIEW_LABEL_WIDTH, text, strlen(text), ROLE_BODY, REVIEW_NO_MESSAGE);
    const char *warning = s->send.session.credentials_warning;
    if (warning[0])
        review_add(d, 2, 2, warning, strlen(warning), ROLE_WARNING, REVIEW_NO_MESSAGE);
    n = snprintf(text, sizeof text, "%-*s", REVIEW_LABEL_WIDTH, "Quota");
    if (!p->quota_known)
        snprintf(text + n, sizeof text - (size_t)n, "unknown");
    else if (p->quota.max_24_hour_send < 0)
        snprintf(text + n, sizeof text - (size_t)n, "unlimited, at most %.0f/s", p->quota.max_send_rate);
    else
        snprintf(text + n, sizeof text - (size_t)n,
                 "%.0f of %.0f left in 24 h, at most %.0f/s; this batch: %zu",
                 p->quota.max_24_hour_send - p->quota.sent_last_24_hours, p->quota.max_24_hour_send,
                 p->quota.max_send_rate, s->send.batch.count);
    review_add(d, 2, REVIEW_LABEL_WIDTH, text, strlen(text), ROLE_BODY, REVIEW_NO_MESSAGE);
    review_add_standing(d, p);
    /* The dashboard is a second destination: what it gets is on screen too. */
    char dashboard[1200];
    batch_dashboard_describe(&s->send.batch.dashboard, dashboard, sizeof dashboard);
    review_add_lines(d, 2, 4, dashboard, ROLE_WARNING, REVIEW_NO_MESSAGE);
    review_add_lines(d, 2, 2, p->warnings, ROLE_WARNING, REVIEW_NO_MESSAGE);
    review_add_lines(d, 2, 2, p->error, ROLE_ERROR, REVIEW_NO_MESSAGE);
}

static void review_add_message(review_document *d, const ui_state *s, size_t index)
{
    const batch *b = &s->send.batch;
    const batch_item *item = &b->items[index];
    char heading[512], size[32];
    batch_format_size(item->eml.len, size, sizeof size);
    snprintf(heading, sizeof heading, "Message %zu of %zu · %s/%s%s · about %s", index + 1, b->count,
             report_personas[item->target.persona].id, item->scope,
             item->resend_of ? " (resend)" : "", size);
    *review_push(d) = (review_line){.message = REVIEW_NO_MESSAGE}; /* a blank line before it */
    d->first[index] = d->count;
    review_add(d, 1, 2, heading, strlen(heading), ROLE_STRONG, index);
    strbuf summary = STRBUF_INIT;
    eml_summary(strbuf_cstr(&item->eml), item->eml.len, item->bcc, &summary);
    review_add_lines(d, 3, REVIEW_LABEL_WIDTH - 1, strbuf_cstr(&summary), ROLE_BODY, index);
    strbuf_free(&summary);
    if (item->notice[0]) /* e.g. a resend: byte-identical, or rebuilt for other recipients */
        review_add(d, 3, 2, item->notice, strlen(item->notice), ROLE_WARNING, index);
    if (item->resend_of && item->resend_of == s->send.resend_of_unknown) {
        char unknown[160];
        snprintf(unknown, sizeof unknown, "delivery %lld is unknown: SES may already have sent it — "
                 "resend only if it never arrived", (long long)item->resend_of);
        review_add(d, 3, 2, unknown, strlen(unknown), ROLE_WARNING, index);
    }
    if (item->build_error[0])
        review_add(d, 3, 2, item->build_error, strlen(item->build_error), ROLE_ERROR, index);
    if (send_rebuilt(s, index)) {
        static const char rebuilt[] = "rebuilt: the data changed since you looked — Enter reads it, "
                                      "y refuses until then";
        review_add(d, 3, 2, rebuilt, strlen(rebuilt), ROLE_WARNING, index);
    }
    d->last[index] = d->count - 1;
}

static void review_build(review_document *d, const ui_state *s, int width)
{
    size_t count = s->send.batch.count;
    *d = (review_document){.width = width};
    d->first = calloc(count ? count : 1, sizeof *d->first);
    d->last = calloc(count ? count : 1, sizeof *d->last);
    if (!d->first || !d->last)
        abort(); /* out of memory: as the arena */
    review_add_account(d, s);
    for (size_t i = 0; i < count; i++)
        review_add_message(d, s, i);
}

static void review_free(review_document *d)
{
    free(d->lines);
    free(d->first);
    free(d->last);
}

void view_confirm_reset(ui_state *s)
{
    free(s->review.seen);
    s->review = (review_state){0};
}

/* `seen` matches the batch: a batch of another size is another review. */
static void review_track(ui_state *s)
{
    review_state *v = &s->review;
    if (v->seen && v->seen_count == s->send.batch.count)
        return;
    view_confirm_reset(s);
    v->seen_count = s->send.batch.count;
    v->seen = calloc(v->seen_count ? v->seen_count : 1, sizeof *v->seen);
    if (!v->seen)
        abort(); /* out of memory: as the arena */
}

static size_t review_unseen(const ui_state *s)
{
    size_t unseen = 0;
    for (size_t i = 0; i < s->review.seen_count; i++)
        unseen += !s->review.seen[i] || send_rebuilt(s, i);
    return unseen;
}

static size_t review_visible(const ui_state *s)
{
    int rows = s->layout.body.height - 3; /* title; "more" and the prompt below */
    return rows > 1 ? (size_t)rows : 1;
}

/* Scrolls the selected message into view after j/k; else keeps `top` in
 * range. Then marks what is on screen whole as seen. */
static void review_scroll(ui_state *s, const review_document *d)
{
    review_state *v = &s->review;
    size_t visible = review_visible(s), count = s->send.batch.count;
    if (v->selected >= count)
        v->selected = count ? count - 1 : 0;
    if (v->follow_selection && count) {
        size_t first = d->first[v->selected] - 1, last = d->last[v->selected]; /* with its blank */
        if (last >= v->top + visible)
            v->top = last - visible + 1;
        if (first < v->top)
            v->top = first;
    }
    v->follow_selection = false;
    size_t last_top = d->count > visible ? d->count - visible : 0;
    if (v->top > last_top)
        v->top = last_top;
    for (size_t i = 0; i < count; i++)
        v->seen[i] = v->seen[i] || (d->first[i] >= v->top && d->last[i] < v->top + visible);
}

static void review_draw_lines(ui_state *s, const review_document *d)
{
    const ui_rect *r = &s->layout.body;
    size_t visible = review_visible(s);
    for (size_t i = 0; i < visible && s->review.top + i < d->count; i++) {
        const review_line *line = &d->lines[s->review.top + i];
        int y = r->top + 1 + (int)i;
        bool selected = line->message == s->review.selected && line->message != REVIEW_NO_MESSAGE &&
                        s->review.top + i == d->first[line->message];
        int attributes = ui_style(s, selected ? ROLE_SELECTED : line->role);
        if (selected)
            ui_fill(y, r->left, r->width, attributes);
        ui_draw_string(y, r->left + line->indent, r->width - line->indent - 1, line->text, attributes);
    }
}

/* Below the review: what is not on screen yet, then what `y` does now. */
static void review_draw_footer(ui_state *s, const review_document *d)
{
    const ui_rect *r = &s->layout.body;
    const batch_preflight_result *p = &s->send.batch.preflight;
    size_t visible = review_visible(s), below = d->count > s->review.top + visible
                                                    ? d->count - s->review.top - visible : 0;
    size_t unseen = review_unseen(s);
    char text[512];
    if (below) {
        snprintf(text, sizeof text, "↓ %zu more line%s below (j, PgDn, G)", below, below == 1 ? "" : "s");
        ui_draw_string(r->top + r->height - 2, r->left + 2, r->width - 3, text, ui_style(s, ROLE_STRONG));
    }
    int y = r->top + r->height - 1;
    if (p->error[0] && p->overridable) { /* the engine's rule: only "could not check" is waived */
        /* No answer at all: the send would fail the same way, so not U first. */
        snprintf(text, sizeof text, "%s · %s",
                 p->unreachable ? "SES did not answer: check the network and the endpoint (U "
                                  "skips these checks, not that)"
                                : "U allows sending without that check",
                 p->error);
        ui_draw_string(y, r->left + 2, r->width - 3, text, ui_style(s, ROLE_ERROR));
    } else if (p->error[0]) {
        ui_draw_string(y, r->left + 2, r->width - 3, p->error, ui_style(s, ROLE_ERROR));
    } else if (batch_first_unbuilt(&s->send.batch) != BATCH_ALL_BUILT) {
        snprintf(text, sizeof text, "message %zu cannot be built (in red): nothing is sent until "
                 "every message is — q, then unmark it or fix its data",
                 batch_first_unbuilt(&s->send.batch) + 1);
        ui_draw_string(y, r->left + 2, r->width - 3, text, ui_style(s, ROLE_ERROR));
    } else if (send_rebuilt_first(s) != SEND_NOT_REBUILT) {
        snprintf(text, sizeof text, "message %zu was rebuilt from changed data: Enter reads it, then y sends",
                 send_rebuilt_first(s) + 1);
        ui_draw_string(y, r->left + 2, r->width - 3, text, ui_style(s, ROLE_WARNING));
    } else if (unseen) {
        snprintf(text, sizeof text, "y sends once every message was on screen: %zu of %zu not shown yet",
                 unseen, s->send.batch.count);
        ui_draw_string(y, r->left + 2, r->width - 3, text, ui_style(s, ROLE_WARNING));
    } else {
        ui_draw_string(y, r->left + 2, r->width - 3,
                       s->send.test ? "y sends the test now · q cancels"
                                    : "y sends now · q goes back to the recipients",
                       ui_style(s, ROLE_OK));
    }
}

static void review_draw_title(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    size_t count = s->send.batch.count;
    char title[256];
    if (s->send.test)
        snprintf(title, sizeof title, "Send a test of this report to %s only?", s->config.from_address);
    else
        snprintf(title, sizeof title, "Send %zu message%s? — message %zu of %zu selected, Enter opens it",
                 count, count == 1 ? "" : "s", s->review.selected + 1, count);
    ui_draw_title(s, r->top, r->left, r->width, title, true);
}

void view_confirm_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    review_draw_title(s);
    if (s->send.stage == SEND_CHECKING) {
        ui_draw_string(r->top + 2, r->left + 2, r->width - 3, "Checking the sender and the quota with SES…",
                       ui_style(s, ROLE_WARNING));
        return;
    }
    review_track(s);
    review_document d;
    review_build(&d, s, r->width - 1);
    review_scroll(s, &d);
    review_draw_lines(s, &d);
    review_draw_footer(s, &d);
    review_free(&d);
}

/* The lines of `after` that differ from `before` lie within first..last
 * (0-based lines of `after`): what is the same at both ends is left out.
 * Lines only removed: first == last, the line now in their place. False
 * when the texts are equal. */
static bool review_changed_lines(const char *before, const char *after, size_t *first,
                                 size_t *last)
{
    if (strcmp(before, after) == 0)
        return false;
    size_t lines_after = 0, line = 0;
    for (const char *c = after; *c; c++)
        lines_after += *c == '\n';
    lines_after += *after && after[strlen(after) - 1] != '\n';
    const char *a = before, *b = after;
    while (*a && *b) { /* whole lines the same from the top */
        size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
        if (la != lb || memcmp(a, b, la) != 0 || !a[la] || !b[lb])
            break;
        a += la + 1;
        b += lb + 1;
        line++;
    }
    const char *ea = before + strlen(before), *eb = after + strlen(after);
    size_t from_end = 0; /* whole lines the same from the bottom, not into the top's */
    while (ea > a && eb > b) {
        const char *sa = ea, *sb = eb;
        while (sa > a && sa[-1] != '\n')
            sa--;
        while (sb > b && sb[-1] != '\n')
            sb--;
        if (ea - sa != eb - sb || memcmp(sa, sb, (size_t)(ea - sa)) != 0 || sa == a || sb == b)
            break;
        ea = sa - 1; /* before the '\n' that ends the line above */
        eb = sb - 1;
        from_end++;
    }
    *first = line < lines_after ? line : (lines_after ? lines_after - 1 : 0);
    size_t end = lines_after > from_end ? lines_after - from_end : 0; /* one past the last */
    *last = end > *first ? end - 1 : *first;
    return true;
}

/* The pager saw every changed line of message `item`: its mark clears. */
static void review_rebuilt_read(ui_state *s, size_t item)
{
    send_rebuilt_clear(s, item);
    ui_set_message(s, ROLE_OK, "message %zu: every changed line was on screen — q, then y sends",
                   item + 1);
}

static size_t review_count_lines(const char *text, size_t length)
{
    size_t lines = 0;
    for (size_t i = 0; i < length; i++)
        lines += text[i] == '\n';
    return lines;
}

/* The message's bytes as they go out, under the note on what is stamped
 * when it leaves. */
static void review_append_bytes(strbuf *text, const batch_item *item)
{
    strbuf_printf(text, "\n──── the message's bytes (about %zu when sent) ────\n%s\n\n",
                  item->eml.len, REVIEW_STAMPED_NOTE);
    strbuf_append(text, strbuf_cstr(&item->eml), item->eml.len);
}

/* A message rebuilt from changed data: its text part as the recipient reads
 * it (decoded), opened at the first line that changed, then its bytes. Its
 * mark clears only once every changed line was on screen (the pager's
 * watch); a change in the headers alone (the subject) is in the summary at
 * the top, watched there. */
static void review_open_rebuilt(ui_state *s, const batch_item *item, const char *title,
                                strbuf *text)
{
    size_t index = s->review.selected, summary_lines = review_count_lines(text->data, text->len);
    strbuf decoded = STRBUF_INIT;
    eml_text_part(strbuf_cstr(&item->eml), item->eml.len, &decoded);
    size_t first = 0, last = 0;
    bool body_changed = review_changed_lines(send_rebuilt_before(s, index),
                                             strbuf_cstr(&decoded), &first, &last);
    strbuf_printf(text, "\n──── its text part, as the recipient reads it (decoded) ────\n");
    size_t base = review_count_lines(text->data, text->len);
    strbuf_append(text, strbuf_cstr(&decoded), decoded.len);
    review_append_bytes(text, item);
    strbuf_free(&decoded);
    size_t watch_first = body_changed ? base + first : 0;
    size_t watch_last = body_changed ? base + last : (summary_lines ? summary_lines - 1 : 0);
    size_t context = body_changed && first >= 2 ? 2 : 0; /* the lines above, for what it is */
    size_t offset = 0; /* the byte where line watch_first - context starts */
    for (size_t line = 0; line < watch_first - context && offset < text->len; offset++)
        line += text->data[offset] == '\n';
    view_pager_open_at(s, title, strbuf_cstr(text), text->len, offset);
    view_pager_watch(s, watch_first, watch_last, review_rebuilt_read, index);
    if (body_changed)
        ui_set_message(s, ROLE_STATUS, "rebuilt message: opened at its first changed line; y waits "
                       "until every changed line (text lines %zu-%zu) was on screen: j, PgDn",
                       first + 1, last + 1);
    else
        ui_set_message(s, ROLE_STATUS, "rebuilt message: its text is as you last read it; what "
                       "changed is in the headers above");
}

/* The selected message's exact bytes, under what its recipient will see.
 * A message rebuilt from changed data opens at what changed. */
static void review_open_message(ui_state *s)
{
    const batch *b = &s->send.batch;
    if (s->review.selected >= b->count)
        return;
    const batch_item *item = &b->items[s->review.selected];
    char title[384], size[32];
    batch_format_size(item->eml.len, size, sizeof size);
    snprintf(title, sizeof title, "Message %zu of %zu · %s/%s · as it will be sent (about %s)",
             s->review.selected + 1, b->count, report_personas[item->target.persona].id, item->scope,
             size);
    strbuf text = STRBUF_INIT;
    eml_summary(strbuf_cstr(&item->eml), item->eml.len, item->bcc, &text);
    if (send_rebuilt(s, s->review.selected)) {
        review_open_rebuilt(s, item, title, &text);
    } else {
        review_append_bytes(&text, item);
        view_pager_open(s, title, strbuf_cstr(&text), text.len);
    }
    strbuf_free(&text);
}

/* The diff as the pager shows it: the figures that moved first, then the
 * lines, against the copy of this report that last went out. */
static void review_diff_text(const batch_item *item, const send_diff_result *d, strbuf *out)
{
    char when[32];
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime_r(&d->sent_at, &tm));
    if (d->changed_lines == 0) {
        strbuf_printf(out, "No change since delivery %lld (sent %s): the same text goes out again.\n",
                      (long long)d->delivery_id, when);
        return;
    }
    if (d->moved.len) {
        strbuf_printf(out, "Figures that moved since delivery %lld (sent %s):\n",
                      (long long)d->delivery_id, when);
        const char *line = strbuf_cstr(&d->moved);
        for (const char *end; (end = strchr(line, '\n')); line = end + 1)
            strbuf_printf(out, "%s%.*s\n", VIEW_PAGER_MOVED, (int)(end - line), line);
        strbuf_puts(out, "\n");
    } else {
        strbuf_puts(out, "No figure moved; the text did:\n\n");
    }
    strbuf_printf(out, "--- %s/%s sent %s (delivery %lld)\n+++ this message\n%s",
                  report_personas[item->target.persona].id, item->scope, when,
                  (long long)d->delivery_id, strbuf_cstr(&d->unified));
}

/* `d`: the selected message's text against its report's last sent copy
 * (the engine's send_diff, as `briefing diff`). */
static void review_open_diff(ui_state *s)
{
    const batch *b = &s->send.batch;
    if (s->review.selected >= b->count)
        return;
    const batch_item *item = &b->items[s->review.selected];
    const char *report = report_personas[item->target.persona].id;
    if (item->from_archive) {
        ui_set_message(s, ROLE_STATUS, "%s/%s: the archived bytes of delivery %lld, unchanged",
                       report, item->scope, (long long)item->resend_of);
        return;
    }
    send_diff_result d;
    char error[1024];
    if (!send_diff_against_sent(&s->config, &item->target, strbuf_cstr(&item->text), &d, error,
                                sizeof error)) {
        ui_set_message(s, d.no_sent_version ? ROLE_STATUS : ROLE_ERROR, "nothing to compare: %s", error);
        send_diff_free(&d);
        return;
    }
    strbuf text = STRBUF_INIT;
    review_diff_text(item, &d, &text);
    char title[384];
    snprintf(title, sizeof title, "Message %zu of %zu · %s/%s · what changed since it was last sent",
             s->review.selected + 1, b->count, report, item->scope);
    view_pager_open_diff(s, title, strbuf_cstr(&text), text.len);
    strbuf_free(&text);
    send_diff_free(&d);
}

/* Where PgDn goes: to the first message not whole on screen, so every
 * message is once shown whole; a page when one is taller than the screen. */
static size_t review_page_down(const review_document *d, size_t top, size_t visible, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (d->last[i] >= top + visible) {
            size_t start = d->first[i] - 1; /* with the blank line before it */
            return start > top ? start : top + (visible > 1 ? visible - 1 : 1);
        }
    }
    return d->count; /* clamped to the last page when drawn */
}

/* Where PgUp goes: a page up, back to the start of the message there. */
static size_t review_page_up(const review_document *d, size_t top, size_t visible, size_t count)
{
    size_t page = visible > 1 ? visible - 1 : 1, target = top > page ? top - page : 0;
    for (size_t i = count; i-- > 0;) {
        if (d->first[i] - 1 <= target)
            return d->last[i] >= target ? d->first[i] - 1 : target;
    }
    return 0;
}

/* PgDn/PgUp move the page; the selection goes to the first message that
 * starts on it, so Enter opens something on screen. */
static void review_page(ui_state *s, bool down)
{
    review_state *v = &s->review;
    size_t count = s->send.batch.count, visible = review_visible(s);
    if (!count)
        return;
    review_document d;
    review_build(&d, s, s->layout.body.width - 1);
    v->top = down ? review_page_down(&d, v->top, visible, count) : review_page_up(&d, v->top, visible, count);
    size_t last_top = d.count > visible ? d.count - visible : 0;
    if (v->top > last_top)
        v->top = last_top;
    for (size_t i = 0; i < count; i++) {
        if (d.first[i] >= v->top) {
            v->selected = i;
            break;
        }
    }
    review_free(&d);
}

/* `y` with a rebuilt message not opened since: refused, and that message
 * selected so Enter opens it. */
static void review_refuse_rebuilt(ui_state *s, size_t item)
{
    s->review.selected = item;
    s->review.follow_selection = true;
    ui_set_message(s, ROLE_WARNING, "not sent: the data changed since you looked: message %zu was "
                   "rebuilt — Enter reads it, then y sends", item + 1);
}

/* `y` with a message that cannot be built: refused (the CLI's rule, nothing
 * is sent unless every message is built), that message selected. */
static void review_refuse_unbuilt(ui_state *s, size_t item)
{
    s->review.selected = item;
    s->review.follow_selection = true;
    ui_set_message(s, ROLE_ERROR, "nothing sent: message %zu cannot be built: %s (q, then unmark "
                   "it or fix its data)", item + 1, s->send.batch.items[item].build_error);
}

static void review_confirm(ui_state *s)
{
    size_t unseen = review_unseen(s), rebuilt = send_rebuilt_first(s);
    size_t unbuilt = batch_first_unbuilt(&s->send.batch);
    if (s->send.stage == SEND_CHECKING)
        ui_set_message(s, ROLE_WARNING, "still checking with SES…");
    else if (unbuilt != BATCH_ALL_BUILT)
        review_refuse_unbuilt(s, unbuilt);
    else if (rebuilt != SEND_NOT_REBUILT)
        review_refuse_rebuilt(s, rebuilt);
    else if (unseen)
        ui_set_message(s, ROLE_WARNING, "not sent yet: %zu of %zu message%s not shown — j or PgDn "
                       "shows the rest, then y sends", unseen, s->send.batch.count,
                       s->send.batch.count == 1 ? "" : "s");
    else
        send_start(s);
}

static void review_back(ui_state *s)
{
    if (s->send.stage == SEND_CHECKING) {
        ui_set_message(s, ROLE_WARNING, "still checking with SES…");
    } else if (s->send.test) { /* a test has no recipients to go back to */
        send_close(s);
        ui_set_message(s, ROLE_STATUS, "no test sent");
    } else {
        s->send.stage = SEND_EDITING;
        ui_close_view(s);
    }
}

bool view_confirm_handle(ui_state *s, const keymap_entry *k)
{
    review_state *v = &s->review;
    size_t count = s->send.batch.count;
    switch (k->action) {
    case ACTION_CONFIRM: review_confirm(s); return true;
    case ACTION_SEND_UNVERIFIED: send_allow_unverified(s); return true;
    case ACTION_BACK: review_back(s); return true;
    case ACTION_MOVE_DOWN:
        if (v->selected + 1 < count)
            v->selected++;
        v->follow_selection = true;
        return true;
    case ACTION_MOVE_UP:
        if (v->selected > 0)
            v->selected--;
        v->follow_selection = true;
        return true;
    case ACTION_PAGE_DOWN: review_page(s, true); return true;
    case ACTION_PAGE_UP: review_page(s, false); return true;
    case ACTION_TOP: v->top = 0; v->selected = 0; return true;
    case ACTION_BOTTOM:
        v->selected = count ? count - 1 : 0;
        v->top = (size_t)-1 / 2; /* clamped when drawn */
        return true;
    case ACTION_OPEN:
        if (s->send.stage != SEND_CHECKING)
            review_open_message(s);
        return true;
    case ACTION_DIFF:
        if (s->send.stage != SEND_CHECKING)
            review_open_diff(s);
        return true;
    default: return false;
    }
}
