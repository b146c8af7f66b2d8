/* view_recipients: To, Cc and Bcc of each report about to be sent. Enter
 * edits the field under the cursor (its colour, the title and the key bar
 * say so); keeping the edit rebuilds that message at once
 * (batch_set_recipients), so an invalid address shows its error, in red
 * under the report, before anything can be sent. An empty To is refused:
 * every report goes to someone it names. `a` copies one report's
 * recipients to the others once asked, and `u` puts them back; `w` keeps
 * them as the personas' defaults in <root>/recipients.env
 * (send_recipients.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"

#define RECIPIENTS_LABEL_WIDTH 7
#define RECIPIENTS_BLOCK_HEIGHT 6 /* heading, three fields, error, blank */

static const char *const recipients_labels[FIELD_COUNT] = {"To", "Cc", "Bcc"};

static const char *recipients_value(const batch_item *item, int field)
{
    const char *values[FIELD_COUNT] = {item->to, item->cc, item->bcc};
    return values[field] ? values[field] : "";
}

static void recipients_draw_item(ui_state *s, size_t index, int y, const ui_rect *r)
{
    const batch_item *item = &s->send.batch.items[index];
    char heading[768], size[32];
    batch_format_size(item->eml.len, size, sizeof size);
    snprintf(heading, sizeof heading, "%zu. %s/%s%s (%s)  %s", index + 1,
             report_personas[item->target.persona].id, item->scope, item->resend_of ? " resend" : "",
             size, item->subject ? item->subject : "");
    ui_draw_string(y, r->left + 1, r->width - 2, heading, ui_style(s, ROLE_STRONG));
    for (int field = 0; field < FIELD_COUNT; field++) {
        int row_y = y + 1 + field, x = r->left + 4 + RECIPIENTS_LABEL_WIDTH;
        int width = r->width - 5 - RECIPIENTS_LABEL_WIDTH;
        bool current = index == s->send.row && field == s->send.field;
        ui_draw_string(row_y, r->left + 4, RECIPIENTS_LABEL_WIDTH, recipients_labels[field],
                       ui_style(s, ROLE_BODY));
        int attributes = ui_style(s, !current ? ROLE_FIELD
                                     : s->send.editing ? ROLE_FIELD_EDITING : ROLE_FIELD_ACTIVE);
        ui_fill(row_y, x, width, attributes);
        const char *value = current && s->send.editing ? s->send.editor.text : recipients_value(item, field);
        ui_draw_string(row_y, x, width, value, attributes);
        if (current && s->send.editing) {
            char before[LINE_EDITOR_SIZE];
            snprintf(before, sizeof before, "%.*s", (int)s->send.editor.cursor, s->send.editor.text);
            ui_place_cursor(s, row_y, x + ui_text_width(before));
        }
    }
    const char *flagged = recipient_flags_describe(s, index);
    if (item->build_error[0])
        ui_draw_string(y + 4, r->left + 4, r->width - 5, item->build_error, ui_style(s, ROLE_ERROR));
    else if (flagged[0]) /* the error first: it stops the send; a past bounce only warns */
        ui_draw_string(y + 4, r->left + 4, r->width - 5, flagged, ui_style(s, ROLE_WARNING));
}

void view_recipients_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    size_t count = s->send.batch.count;
    char title[256];
    if (s->send.editing) {
        const batch_item *item = &s->send.batch.items[s->send.row];
        snprintf(title, sizeof title, "Editing %s of %s/%s — Enter keeps, Esc drops, ^U clears",
                 recipients_labels[s->send.field], report_personas[item->target.persona].id, item->scope);
    } else {
        snprintf(title, sizeof title,
                 "Recipients of %zu message(s) — Enter edits, a applies to all, w saves, y continues", count);
    }
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    size_t fits = (size_t)(r->height - 1) / RECIPIENTS_BLOCK_HEIGHT;
    if (fits == 0)
        fits = 1;
    if (s->send.row < s->send.top)
        s->send.top = s->send.row;
    else if (s->send.row >= s->send.top + fits)
        s->send.top = s->send.row - fits + 1;
    int y = r->top + 2;
    for (size_t i = s->send.top; i < count && i < s->send.top + fits; i++) {
        recipients_draw_item(s, i, y, r);
        y += RECIPIENTS_BLOCK_HEIGHT;
    }
}

static void recipients_move(ui_state *s, int step)
{
    int position = (int)s->send.row * FIELD_COUNT + s->send.field + step;
    int last = (int)s->send.batch.count * FIELD_COUNT - 1;
    position = position < 0 ? 0 : position > last ? last : position;
    s->send.row = (size_t)(position / FIELD_COUNT);
    s->send.field = position % FIELD_COUNT;
}

void view_recipients_forget_undo(ui_state *s)
{
    recipients_undo *u = &s->undo;
    for (size_t i = 0; u->fields && i < u->count * FIELD_COUNT; i++)
        free(u->fields[i]);
    free(u->fields);
    *u = (recipients_undo){0};
}

/* Keeps every item's recipients, for `u`. */
static void recipients_snapshot(ui_state *s)
{
    const batch *b = &s->send.batch;
    view_recipients_forget_undo(s);
    s->undo.fields = calloc(b->count * FIELD_COUNT + 1, sizeof *s->undo.fields);
    if (!s->undo.fields)
        abort(); /* out of memory: as the arena */
    s->undo.count = b->count;
    for (size_t i = 0; i < b->count; i++) {
        for (int field = 0; field < FIELD_COUNT; field++) {
            s->undo.fields[i * FIELD_COUNT + (size_t)field] = strdup(recipients_value(&b->items[i], field));
            if (!s->undo.fields[i * FIELD_COUNT + (size_t)field])
                abort();
        }
    }
}

static void recipients_apply_to_all(ui_state *s)
{
    recipients_snapshot(s);
    send_apply_to_all(s, s->send.row);
    if (s->message_role == ROLE_OK) {
        char done[UI_MESSAGE_SIZE];
        snprintf(done, sizeof done, "%s", s->message);
        ui_set_message(s, ROLE_OK, "%s — u undoes", done);
    }
}

static void recipients_ask_apply_to_all(ui_state *s)
{
    const batch_item *item = &s->send.batch.items[s->send.row];
    if (s->send.batch.count < 2) {
        ui_set_message(s, ROLE_STATUS, "only one report: nothing to apply to");
        return;
    }
    ui_ask(s, recipients_apply_to_all, "Give all %zu reports the To, Cc and Bcc of %s/%s? (u undoes)",
           s->send.batch.count, report_personas[item->target.persona].id, item->scope);
}

static void recipients_undo_apply(ui_state *s)
{
    recipients_undo *u = &s->undo;
    batch *b = &s->send.batch;
    if (!u->fields || u->count != b->count) {
        ui_set_message(s, ROLE_STATUS, "nothing to undo");
        return;
    }
    for (size_t i = 0; i < b->count; i++) {
        char *const *f = &u->fields[i * FIELD_COUNT];
        batch_set_recipients(b, i, f[FIELD_TO], f[FIELD_CC], f[FIELD_BCC]);
    }
    view_recipients_forget_undo(s);
    ui_set_message(s, ROLE_OK, "recipients put back as they were before a");
}

static bool recipients_blank(const char *value)
{
    return value[strspn(value, " \t,")] == '\0';
}

/* Every report names someone in To (Cc and Bcc alone are not a delivery
 * the reader can see); the first that does not is selected. */
static bool recipients_every_to_set(ui_state *s)
{
    for (size_t i = 0; i < s->send.batch.count; i++) {
        const batch_item *item = &s->send.batch.items[i];
        if (recipients_blank(recipients_value(item, FIELD_TO))) {
            s->send.row = i;
            s->send.field = FIELD_TO;
            ui_set_message(s, ROLE_ERROR, "%s/%s: To is empty — Enter, then give at least one address",
                           report_personas[item->target.persona].id, item->scope);
            return false;
        }
    }
    return true;
}

bool view_recipients_handle(ui_state *s, const keymap_entry *k)
{
    switch (k->action) {
    case ACTION_NEXT_FIELD: recipients_move(s, 1); return true;
    case ACTION_PREVIOUS_FIELD: recipients_move(s, -1); return true;
    case ACTION_EDIT_FIELD:
        s->send.editing = true;
        line_editor_set(&s->send.editor,
                        recipients_value(&s->send.batch.items[s->send.row], s->send.field));
        return true;
    case ACTION_APPLY_TO_ALL: recipients_ask_apply_to_all(s); return true;
    case ACTION_UNDO: recipients_undo_apply(s); return true;
    case ACTION_SAVE_RECIPIENTS: send_save_recipients(s); return true;
    case ACTION_CONFIRM:
        if (recipients_every_to_set(s))
            send_check(s);
        return true;
    case ACTION_BACK:
        send_close(s);
        ui_set_message(s, ROLE_STATUS, "nothing sent");
        return true;
    default: return false;
    }
}

/* Enter, Esc and ^U as the key table says; other keys edit the text. */
static line_edit_result recipients_edit_key(ui_state *s, int key)
{
    const keymap_entry *k = keymap_lookup(KEYS_EDITING, key);
    ui_action action = k && k->context == KEYS_EDITING ? k->action : ACTION_NONE;
    switch (action) {
    case ACTION_EDIT_KEEP: return LINE_EDIT_DONE;
    case ACTION_EDIT_DROP: return LINE_EDIT_CANCEL;
    case ACTION_EDIT_CLEAR: line_editor_set(&s->send.editor, ""); return LINE_EDIT_CONTINUE;
    default: return line_editor_key(&s->send.editor, key);
    }
}

void view_recipients_type(ui_state *s, int key)
{
    line_edit_result result = recipients_edit_key(s, key);
    if (result == LINE_EDIT_CONTINUE)
        return;
    if (result == LINE_EDIT_DONE && s->send.field == FIELD_TO && recipients_blank(s->send.editor.text)) {
        ui_set_message(s, ROLE_ERROR, "To cannot be empty: give at least one address (Esc keeps the old one)");
        return; /* still editing */
    }
    s->send.editing = false;
    if (result == LINE_EDIT_CANCEL)
        return;
    send_set_field(s, s->send.row, s->send.field, s->send.editor.text);
    const batch_item *item = &s->send.batch.items[s->send.row];
    if (item->build_error[0])
        ui_set_message(s, ROLE_ERROR, "%s/%s: %s", report_personas[item->target.persona].id,
                       item->scope, item->build_error);
    else
        ui_set_message(s, ROLE_OK, "%s/%s: message rebuilt", report_personas[item->target.persona].id,
                       item->scope);
}
