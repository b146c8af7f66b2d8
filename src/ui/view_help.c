/* view_help: the `?` overlay, drawn from the key table alone: the keys of
 * the view it was opened from first, then the global ones, then every other
 * view's. Rows of one context with the same help text share a line; a help
 * text wider than its column wraps under itself, never cut. Flows into as
 * few columns as hold everything (as many as fit), a row's lines and a
 * heading with its first row always in one column; j/k scroll when even
 * that is too long. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_columns.h"
#include "ui/ui_internal.h"

#define HELP_COLUMN_MIN_WIDTH 40
#define HELP_KEYS_WIDTH 16
#define HELP_MAX_LINES 512

/* One line of the overlay: a heading (first_row NULL, text NULL), the
 * first line of a key row (its keys), or a continuation of the row's help
 * wrapped to the column. `span`, on a heading or a row's first line, is
 * how many lines must stay in one column: a row with its continuations, a
 * heading with its first row. */
typedef struct {
    keymap_context context;
    const keymap_entry *first_row;
    char keys[64];
    const char *text;         /* this line's part of the help */
    size_t length;
    size_t span;
} help_line;

/* Adds row `k`'s help wrapped to `columns`; returns the new count. */
static size_t help_add_row(const keymap_entry *k, const char *keys, int columns, help_line *lines,
                           size_t count)
{
    const char *text = k->help;
    size_t length = strlen(text), first = count;
    do {
        if (count == HELP_MAX_LINES)
            break;
        size_t n = text_fit_words(text, length, columns);
        lines[count] = (help_line){k->context, k, "", text, n, 0};
        if (count == first)
            snprintf(lines[count].keys, sizeof lines[count].keys, "%s", keys);
        count++;
        text += n;
        length -= n;
        while (length > 0 && *text == ' ') {
            text++;
            length--;
        }
    } while (length > 0);
    lines[first].span = count - first;
    return count;
}

static size_t view_help_add_context(keymap_context context, int columns, help_line *lines,
                                    size_t count)
{
    size_t heading = count;
    for (size_t i = 0; i < keymap_count && count < HELP_MAX_LINES; i++) {
        const keymap_entry *k = &keymap_table[i];
        if (k->context != context)
            continue;
        bool merged = false; /* rows with the same help share a line: "j Down" */
        for (size_t j = i; j-- > 0 && !merged;)
            merged = keymap_table[j].context == context && strcmp(keymap_table[j].help, k->help) == 0;
        if (merged)
            continue;
        if (count == heading) {
            lines[count++] = (help_line){context, NULL, "", NULL, 0, 1};
            if (count == HELP_MAX_LINES)
                break;
        }
        char keys[64] = "";
        for (size_t j = i; j < keymap_count; j++) {
            const keymap_entry *same = &keymap_table[j];
            size_t used = strlen(keys);
            if (same->context == context && strcmp(same->help, k->help) == 0)
                snprintf(keys + used, sizeof keys - used, "%s%s", used ? " " : "", same->name);
        }
        size_t row = count;
        count = help_add_row(k, keys, columns, lines, count);
        if (row == heading + 1)
            lines[heading].span = 1 + lines[row].span; /* never alone at a column's foot */
    }
    return count;
}

static size_t view_help_lines(const ui_state *s, int columns, help_line *lines)
{
    keymap_context origin = ui_view_keys(ui_view_below(s));
    size_t count = view_help_add_context(origin, columns, lines, 0);
    count = view_help_add_context(KEYS_GLOBAL, columns, lines, count);
    for (int c = 0; c < KEYS_CONTEXT_COUNT; c++) {
        if (c != (int)origin && c != KEYS_GLOBAL)
            count = view_help_add_context((keymap_context)c, columns, lines, count);
    }
    return count;
}

/* The slot of a page where line `line` goes after `slot`: the next one,
 * or the top of the next column when what must stay together would not. */
static size_t help_slot(const help_line *line, size_t slot, size_t rows)
{
    size_t row = slot % rows;
    return line->span > 1 && line->span <= rows && row + line->span > rows ? slot + rows - row : slot;
}

/* How many slots lines[from..count) take on a page of `rows` rows. */
static size_t help_slots(const help_line *lines, size_t from, size_t count, size_t rows)
{
    size_t slot = 0;
    for (size_t i = from; i < count; i++)
        slot = help_slot(&lines[i], slot, rows) + 1;
    return slot;
}

/* Columns for the overlay: as few as hold every key, as many as fit. */
static int help_columns(const ui_state *s, help_line *lines, size_t rows)
{
    const ui_rect *r = &s->layout.body;
    int fit = r->width / HELP_COLUMN_MIN_WIDTH > 0 ? r->width / HELP_COLUMN_MIN_WIDTH : 1;
    for (int columns = 1; columns < fit; columns++) {
        int text_width = r->width / columns - HELP_KEYS_WIDTH - 1;
        size_t count = view_help_lines(s, text_width, lines);
        if (help_slots(lines, 0, count, rows) <= rows * (size_t)columns)
            return columns;
    }
    return fit;
}

void view_help_draw(ui_state *s)
{
    help_line *lines = calloc(HELP_MAX_LINES, sizeof *lines);
    if (!lines)
        abort(); /* out of memory: as the arena */
    const ui_rect *r = &s->layout.body;
    size_t rows = (size_t)(r->height - 1);
    int columns = help_columns(s, lines, rows), column_width = r->width / columns;
    size_t count = view_help_lines(s, column_width - HELP_KEYS_WIDTH - 1, lines);
    size_t slots = help_slots(lines, 0, count, rows), per_page = rows * (size_t)columns;
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
        ui_draw_text(y, x + HELP_KEYS_WIDTH, column_width - HELP_KEYS_WIDTH - 1, line->text,
                     line->length, ui_style(s, ROLE_BODY));
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
