/* view_help: the `?` overlay, drawn from the key table alone: the keys of
 * the view it was opened from first, then the global ones, then every other
 * view's. Rows of one context with the same help text share a line. Flows
 * into as many columns as fit, a heading never alone at a column's foot;
 * j/k scroll when even that is too long. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"

#define HELP_COLUMN_MIN_WIDTH 40
#define HELP_KEYS_WIDTH 16
#define HELP_MAX_LINES 256

typedef struct {
    keymap_context context;   /* a heading when first_row is NULL */
    const keymap_entry *first_row;
    char keys[64];
} help_line;

static size_t view_help_add_context(keymap_context context, help_line *lines, size_t count)
{
    bool any = false;
    for (size_t i = 0; i < keymap_count && count < HELP_MAX_LINES; i++) {
        const keymap_entry *k = &keymap_table[i];
        if (k->context != context)
            continue;
        if (!any) {
            lines[count++] = (help_line){context, NULL, ""};
            any = true;
        }
        help_line *last = &lines[count - 1];
        if (last->first_row && strcmp(last->first_row->help, k->help) == 0) {
            size_t used = strlen(last->keys);
            snprintf(last->keys + used, sizeof last->keys - used, " %s", k->name);
            continue;
        }
        if (count < HELP_MAX_LINES) {
            lines[count] = (help_line){context, k, ""};
            snprintf(lines[count].keys, sizeof lines[count].keys, "%s", k->name);
            count++;
        }
    }
    return count;
}

static size_t view_help_lines(const ui_state *s, help_line *lines)
{
    keymap_context origin = ui_view_keys(ui_view_below(s));
    size_t count = view_help_add_context(origin, lines, 0);
    count = view_help_add_context(KEYS_GLOBAL, lines, count);
    for (int c = 0; c < KEYS_CONTEXT_COUNT; c++) {
        if (c != (int)origin && c != KEYS_GLOBAL)
            count = view_help_add_context((keymap_context)c, lines, count);
    }
    return count;
}

/* The slot of a page where line `line` goes after `slot` (the next one, or
 * the one after when a heading would end a column). */
static size_t help_slot(const help_line *line, size_t slot, size_t rows)
{
    return !line->first_row && rows > 1 && slot % rows == rows - 1 ? slot + 1 : slot;
}

/* How many slots lines[from..count) take on a page of `rows` rows. */
static size_t help_slots(const help_line *lines, size_t from, size_t count, size_t rows)
{
    size_t slot = 0;
    for (size_t i = from; i < count; i++)
        slot = help_slot(&lines[i], slot, rows) + 1;
    return slot;
}

void view_help_draw(ui_state *s)
{
    help_line *lines = calloc(HELP_MAX_LINES, sizeof *lines);
    if (!lines)
        abort(); /* out of memory: as the arena */
    const ui_rect *r = &s->layout.body;
    size_t count = view_help_lines(s, lines);

    size_t rows = (size_t)(r->height - 1), slots = help_slots(lines, 0, count, rows);
    int fit = r->width / HELP_COLUMN_MIN_WIDTH > 0 ? r->width / HELP_COLUMN_MIN_WIDTH : 1;
    int columns = (int)((slots + rows - 1) / rows); /* as few as hold everything... */
    columns = columns < 1 ? 1 : columns > fit ? fit : columns; /* ...and as many as fit */
    int column_width = r->width / columns;
    size_t per_page = rows * (size_t)columns;
    if (s->help_top >= count)
        s->help_top = count ? count - 1 : 0;
    while (s->help_top > 0 && help_slots(lines, s->help_top - 1, count, rows) <= per_page)
        s->help_top--; /* never scrolled past a full last page */
    ui_draw_title(s, r->top, r->left, r->width,
                  slots > per_page ? "Keys (j/k scroll, q or Esc closes)" : "Keys (q or Esc closes)", true);
    size_t slot = 0; /* where on the page the next line goes */
    for (size_t i = s->help_top; i < count; i++, slot++) {
        const help_line *line = &lines[i];
        slot = help_slot(line, slot, rows); /* a heading never ends a column */
        if (slot >= per_page)
            break;
        int y = r->top + 1 + (int)(slot % rows), x = r->left + 1 + (int)(slot / rows) * column_width;
        if (!line->first_row) {
            ui_draw_string(y, x, column_width - 2, keymap_context_name(line->context),
                           ui_style(s, ROLE_HEADING));
            continue;
        }
        ui_draw_string(y, x + 1, HELP_KEYS_WIDTH - 1, line->keys, ui_style(s, ROLE_STRONG));
        ui_draw_string(y, x + HELP_KEYS_WIDTH, column_width - HELP_KEYS_WIDTH - 1,
                       line->first_row->help, ui_style(s, ROLE_BODY));
    }
    free(lines);
}

bool view_help_handle(ui_state *s, const keymap_entry *k)
{
    switch (k->action) {
    case ACTION_MOVE_DOWN: s->help_top++; return true;
    case ACTION_MOVE_UP: if (s->help_top > 0) s->help_top--; return true;
    case ACTION_BACK: ui_close_view(s); return true;
    default: return false;
    }
}
