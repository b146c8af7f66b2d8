/* send_refresh: an open send session's messages stay true to the data and
 * to what they are. When a handoff, repos.env or recipients.env changes
 * while the recipients form or the review is open, every message is built
 * again from the fresh portfolio (the recipients typed in the form stay),
 * and a review goes back through the SES check and starts over. A message
 * whose report changed is marked rebuilt (ui_send.rebuilt) until the
 * operator opened it in the review (Enter) and every line of its text part
 * that changed was on screen: the review shows only headers, so without
 * that `y` would send figures the screen never showed.
 * While the check or the send runs on the worker, the reload waits for it.
 *
 * A test send carries "[TEST] " before its subject, so neither its reader
 * nor the history can take it for the real report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/eml_summary.h"
#include "ui/ui_internal.h"

#define SEND_TEST_LABEL "[TEST] "

bool send_refresh_possible(const ui_state *s)
{
    return s->send.stage == SEND_EDITING || s->send.stage == SEND_READY;
}

void send_label_test(ui_state *s)
{
    batch *b = &s->send.batch;
    if (!s->send.test || b->count == 0 || b->items[0].build_error[0])
        return;
    batch_item *item = &b->items[0];
    if (item->subject && strncmp(item->subject, SEND_TEST_LABEL, strlen(SEND_TEST_LABEL)) == 0)
        return;
    size_t size = strlen(SEND_TEST_LABEL) + strlen(item->subject ? item->subject : "") + 1;
    char *labelled = malloc(size);
    if (!labelled)
        abort(); /* out of memory: as the arena */
    snprintf(labelled, size, "%s%s", SEND_TEST_LABEL, item->subject ? item->subject : "");
    free(item->subject);
    item->subject = labelled;
    /* Copies: batch_set_recipients frees the item's own before it reads them. */
    char *to = strdup(item->to ? item->to : "");
    if (!to)
        abort();
    batch_set_recipients(b, 0, to, "", ""); /* rebuilds the message with the new subject */
    free(to);
}

/* What the reader reads of item `i`: the report and the subject. */
static char *send_refresh_content(const batch_item *item)
{
    size_t size = item->markdown.len + strlen(item->subject ? item->subject : "") + 2;
    char *content = malloc(size);
    if (!content)
        abort(); /* out of memory: as the arena */
    snprintf(content, size, "%s\n%s", item->subject ? item->subject : "", strbuf_cstr(&item->markdown));
    return content;
}

/* Rebuilds item `i`; true when its report or subject changed. */
static bool send_refresh_item(batch *b, size_t i)
{
    char *before = send_refresh_content(&b->items[i]);
    bool was_broken = b->items[i].build_error[0] != '\0';
    batch_rebuild(b, i);
    char *after = send_refresh_content(&b->items[i]);
    bool changed = strcmp(before, after) != 0 || was_broken != (b->items[i].build_error[0] != '\0');
    free(before);
    free(after);
    return changed;
}

/* Marks `item` rebuilt; `before` (its text part before this rebuild) is
 * kept unless an earlier rebuild not yet read holds one: the changed lines
 * are those since the operator last read it. */
static void send_rebuilt_mark(ui_state *s, size_t item, strbuf *before)
{
    ui_send *send = &s->send;
    if (!send->rebuilt) {
        send->rebuilt_count = send->batch.count;
        send->rebuilt = calloc(send->batch.count ? send->batch.count : 1, sizeof *send->rebuilt);
        if (!send->rebuilt)
            abort(); /* out of memory: as the arena */
    }
    if (item >= send->rebuilt_count || send->rebuilt[item].unread)
        return;
    send_rebuilt_item *mark = &send->rebuilt[item];
    mark->unread = true;
    strbuf_free(&mark->before);
    mark->before = *before;
    *before = (strbuf)STRBUF_INIT; /* taken */
}

const char *send_rebuilt_before(const ui_state *s, size_t item)
{
    return send_rebuilt(s, item) ? strbuf_cstr(&s->send.rebuilt[item].before) : "";
}

bool send_rebuilt(const ui_state *s, size_t item)
{
    return s->send.rebuilt && item < s->send.rebuilt_count && s->send.rebuilt[item].unread;
}

size_t send_rebuilt_first(const ui_state *s)
{
    for (size_t i = 0; i < s->send.rebuilt_count; i++) {
        if (send_rebuilt(s, i))
            return i;
    }
    return SEND_NOT_REBUILT;
}

void send_rebuilt_clear(ui_state *s, size_t item)
{
    if (send_rebuilt(s, item))
        s->send.rebuilt[item].unread = false;
}

void send_rebuilt_free(ui_state *s)
{
    for (size_t i = 0; s->send.rebuilt && i < s->send.rebuilt_count; i++)
        strbuf_free(&s->send.rebuilt[i].before);
    free(s->send.rebuilt);
    s->send.rebuilt = NULL;
    s->send.rebuilt_count = 0;
}

static const char *send_text_or_empty(const char *text)
{
    return text ? text : "";
}

void send_recipient_defaults(const briefing_config *c, strbuf *out)
{
    for (int p = 0; p < PERSONA_COUNT; p++) {
        recipients r = config_recipients(c, (persona)p);
        strbuf_printf(out, "%s\n%s\n%s\n", send_text_or_empty(r.to), send_text_or_empty(r.cc),
                      send_text_or_empty(r.bcc));
    }
}

bool send_item_has_default_recipients(const briefing_config *c, const batch_item *item)
{
    recipients r = config_recipients(c, item->target.persona);
    return strcmp(send_text_or_empty(item->to), send_text_or_empty(r.to)) == 0 &&
           strcmp(send_text_or_empty(item->cc), send_text_or_empty(r.cc)) == 0 &&
           strcmp(send_text_or_empty(item->bcc), send_text_or_empty(r.bcc)) == 0;
}

void send_refresh_say_recipients(ui_state *s, const char *defaults_before)
{
    if (s->send.test || !send_refresh_possible(s))
        return; /* a test goes to the sender; a running batch is not the form's */
    strbuf after = STRBUF_INIT;
    send_recipient_defaults(&s->config, &after);
    bool moved = strcmp(defaults_before, strbuf_cstr(&after)) != 0;
    strbuf_free(&after);
    if (!moved)
        return;
    const batch *b = &s->send.batch;
    size_t kept = 0;
    for (size_t i = 0; i < b->count; i++) /* a resend's own are the original's */
        kept += !b->items[i].resend_of && !send_item_has_default_recipients(&s->config, &b->items[i]);
    if (kept)
        ui_set_message(s, ROLE_WARNING,
                       "the configured recipients changed: the form keeps those shown for %zu "
                       "message%s (q, then s, takes the new ones)", kept, kept == 1 ? "" : "s");
}

void send_refresh_batch(ui_state *s, const char *why)
{
    if (s->send.stage == SEND_NONE || !send_refresh_possible(s))
        return;
    batch *b = &s->send.batch;
    b->portfolio = s->portfolio;
    size_t changed = 0, broken = 0;
    for (size_t i = 0; i < b->count; i++) {
        strbuf before = STRBUF_INIT;
        eml_text_part(strbuf_cstr(&b->items[i].eml), b->items[i].eml.len, &before);
        if (send_refresh_item(b, i)) {
            send_rebuilt_mark(s, i, &before);
            changed++;
        }
        strbuf_free(&before);
        broken += b->items[i].build_error[0] != '\0';
    }
    send_label_test(s);
    if (changed == 0)
        return; /* e.g. the form saved recipients.env: nothing a reader sees moved */
    if (s->send.stage == SEND_READY) {
        view_confirm_reset(s);
        send_check(s); /* the sender or the quota may have changed too */
    }
    if (broken)
        ui_set_message(s, ROLE_ERROR, "%s: %zu message%s cannot be built now (see red)", why,
                       broken, broken == 1 ? "" : "s");
    else
        ui_set_message(s, ROLE_WARNING, "%s: %zu message%s built again — "
                       "Enter in the review reads %s before y can send", why, changed,
                       changed == 1 ? " was" : "s were", changed == 1 ? "it" : "each");
}
