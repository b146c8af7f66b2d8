/* table_layout: a table model drawn as aligned columns of wrapped cells, for
 * the text part and the preview (both walk the same layout).
 *
 * Widths are display columns (render_display_width: CJK and emoji take two,
 * combining marks none), so columns line up on a terminal and in a
 * monospaced mail reader. Each column gets its widest cell when the table
 * fits the room left after the prefixes; otherwise the widest columns give
 * way first, down to their longest word (a word may break after '/', '-'
 * or an en dash), and cells wrap within their column. When even that does not fit, each row is drawn as a record
 * of "Heading: value" lines, so no line is ever wider than the room.
 */
#include <stdlib.h>
#include <string.h>

#include "briefing/utf8.h"
#include "render/walk.h"

#define TABLE_GAP 2

typedef struct {
    size_t start;
    size_t length;
    int columns;
} cell_piece;

typedef struct {
    cell_piece *items;
    size_t count, capacity;
} cell_pieces;

typedef struct {
    const table_model *table;
    int *shortest; /* longest unbreakable piece: narrower breaks words */
    int *widths;   /* what is drawn */
    cell_pieces *cells; /* one wrapped row's cells, reused from row to row */
} table_plan;

static void add_piece(cell_pieces *lines, const char *text, size_t start, size_t end)
{
    cell_piece *piece = walk_push((void **)&lines->items, &lines->count, &lines->capacity,
                                  sizeof *piece);
    *piece = (cell_piece){start, end - start, render_display_width(text + start, end - start)};
}

/* A word wider than the column: as many code points per line as fit; the
 * last piece stays open as the current line. */
static size_t break_word(cell_pieces *lines, const char *text, size_t start, size_t end, int width)
{
    size_t line_start = start;
    int columns = 0;
    for (size_t at = start; at < end;) {
        unsigned int codepoint;
        size_t size = utf8_decode(text + at, end - at, &codepoint);
        int advance = render_codepoint_width(codepoint);
        if (columns > 0 && columns + advance > width) {
            add_piece(lines, text, line_start, at);
            line_start = at;
            columns = 0;
        }
        columns += advance;
        at += size;
    }
    return line_start;
}

/* Where a line may break inside a word: after a '/', '-' or en dash that
 * does not start the word, so "Break-even/month" can go on three lines and
 * "$1,050–$1,150" on two, but "-$5" stays whole. Returns the end of the
 * piece of word starting at `at`. */
static size_t segment_end(const char *text, size_t length, size_t at)
{
    static const char en_dash[] = "\xE2\x80\x93";
    for (size_t i = at; i < length; i++) {
        if (text[i] == ' ')
            return i;
        bool inside = i > 0 && text[i - 1] != ' ';
        if (inside && (text[i] == '/' || text[i] == '-'))
            return i + 1;
        if (inside && length - i >= 3 && memcmp(text + i, en_dash, 3) == 0)
            return i + 3;
    }
    return length;
}

/* Wraps `text` at spaces, and a word wider than `width` at its segment
 * ends, into lines of at most `width` columns (runs of spaces inside a line are kept); an empty cell is one
 * empty line. The open line's width is kept as it grows (pieces end at
 * spaces, '/', '-' or an en dash, so widths add up): measuring the line
 * again from its start for every piece made long cells quadratic. */
static void wrap_cell(cell_pieces *lines, const char *text, int width)
{
    lines->count = 0;
    size_t length = strlen(text), at = 0, line_start = 0, line_end = 0;
    int line_columns = 0;
    bool open = false;
    for (;;) {
        while (at < length && text[at] == ' ')
            at++;
        if (at == length)
            break;
        /* a word that fits the column goes whole to the next line rather
         * than be cut at '-' or '/' ("one-" / "off"); only a wider one is
         * broken at its segment ends */
        size_t word_end = at + strcspn(text + at, " ");
        size_t piece_end = render_display_width(text + at, word_end - at) <= width
                               ? word_end
                               : segment_end(text, length, at);
        int added = open ? render_display_width(text + line_end, piece_end - line_end) : 0;
        if (open && line_columns + added <= width) {
            line_end = piece_end;
            line_columns += added;
        } else {
            if (open)
                add_piece(lines, text, line_start, line_end);
            int piece_columns = render_display_width(text + at, piece_end - at);
            line_start = at;
            line_columns = piece_columns;
            if (piece_columns > width) {
                line_start = break_word(lines, text, at, piece_end, width);
                line_columns = render_display_width(text + line_start, piece_end - line_start);
            }
            line_end = piece_end;
            open = true;
        }
        at = piece_end;
    }
    if (open || lines->count == 0)
        add_piece(lines, text, line_start, line_end);
}

/* The widest piece of `text` a line cannot break: words when `in_words`,
 * else also the pieces segment_end() allows. */
static int longest_piece(const char *text, bool in_words)
{
    size_t length = strlen(text), at = 0;
    int longest = 0;
    while (at < length) {
        while (at < length && text[at] == ' ')
            at++;
        size_t end = in_words ? at + strcspn(text + at, " ") : segment_end(text, length, at);
        int columns = render_display_width(text + at, end - at);
        longest = columns > longest ? columns : longest;
        at = end;
    }
    return longest;
}

static int total_width(const table_plan *plan)
{
    int total = TABLE_GAP * (int)(plan->table->column_count - 1);
    for (size_t c = 0; c < plan->table->column_count; c++)
        total += plan->widths[c];
    return total;
}

/* Narrows the widest column that can still give way; false when none can. */
static bool narrow_widest(table_plan *plan)
{
    size_t widest = plan->table->column_count;
    for (size_t c = 0; c < plan->table->column_count; c++)
        if (plan->widths[c] > plan->shortest[c] &&
            (widest == plan->table->column_count || plan->widths[c] > plan->widths[widest]))
            widest = c;
    if (widest == plan->table->column_count)
        return false;
    plan->widths[widest]--;
    return true;
}

/* How far a column may give way, loosest last: body words whole (headings
 * may already break at '/' and '-'), then any word at '/', '-' and en
 * dashes. Below that, the table is drawn as records. */
typedef enum { SHRINK_BODY_WORDS, SHRINK_SEGMENTS, SHRINK_LEVELS } shrink_level;

static void set_shortest(table_plan *plan, shrink_level level)
{
    const table_model *t = plan->table;
    for (size_t c = 0; c < t->column_count; c++) {
        plan->shortest[c] = 1;
        for (size_t row = 0; row < t->row_count; row++) {
            bool in_words = level == SHRINK_BODY_WORDS && row > 0;
            int piece = longest_piece(table_model_cell(t, row, c), in_words);
            plan->shortest[c] = piece > plan->shortest[c] ? piece : plan->shortest[c];
        }
    }
}

/* Column widths within `room`; false when the columns cannot fit without
 * breaking words (the table is then drawn as records). */
static bool plan_columns(table_plan *plan, int room)
{
    const table_model *t = plan->table;
    for (size_t c = 0; c < t->column_count; c++) {
        plan->widths[c] = 1;
        for (size_t row = 0; row < t->row_count; row++) {
            const char *cell = table_model_cell(t, row, c);
            int natural = render_display_width(cell, strlen(cell));
            plan->widths[c] = natural > plan->widths[c] ? natural : plan->widths[c];
        }
    }
    for (shrink_level level = 0; level < SHRINK_LEVELS; level++) {
        set_shortest(plan, level);
        while (total_width(plan) > room && narrow_widest(plan))
            ;
        if (total_width(plan) <= room)
            return true;
    }
    return false;
}

static void emit_spaces(walk *w, int count)
{
    static const char spaces[] = "                ";
    for (; count > 0; count -= 16)
        walk_emit(w, STYLE_TABLE, spaces, count < 16 ? (size_t)count : 16);
}

static void emit_aligned(walk *w, const char *text, const cell_piece *piece, int width,
                         table_align align, bool last)
{
    int pad = width - piece->columns;
    int before = align == TABLE_ALIGN_RIGHT ? pad : align == TABLE_ALIGN_CENTER ? pad / 2 : 0;
    emit_spaces(w, before);
    walk_emit(w, STYLE_TABLE, text + piece->start, piece->length);
    if (!last)
        emit_spaces(w, pad - before);
}

/* Wraps one row's cells into plan->cells; returns the lines it takes. */
static size_t wrap_row(table_plan *plan, size_t row)
{
    size_t height = 0;
    for (size_t c = 0; c < plan->table->column_count; c++) {
        wrap_cell(&plan->cells[c], table_model_cell(plan->table, row, c), plan->widths[c]);
        height = plan->cells[c].count > height ? plan->cells[c].count : height;
    }
    return height;
}

/* The row last wrapped, its cells side by side. */
static void draw_row(walk *w, const table_plan *plan, size_t row, size_t height)
{
    const table_model *t = plan->table;
    for (size_t line = 0; line < height; line++) {
        walk_begin_line(w);
        for (size_t c = 0; c < t->column_count; c++) {
            static const cell_piece empty = {0, 0, 0};
            const cell_pieces *cell = &plan->cells[c];
            emit_spaces(w, c > 0 ? TABLE_GAP : 0);
            emit_aligned(w, table_model_cell(t, row, c),
                         line < cell->count ? &cell->items[line] : &empty, plan->widths[c],
                         t->aligns[c], c + 1 == t->column_count);
        }
        walk_end_line(w);
    }
}

static void draw_rule(walk *w, const table_plan *plan)
{
    static const char dashes[] = "----------------";
    walk_begin_line(w);
    for (size_t c = 0; c < plan->table->column_count; c++) {
        emit_spaces(w, c > 0 ? TABLE_GAP : 0);
        for (int left = plan->widths[c]; left > 0; left -= 16)
            walk_emit(w, STYLE_TABLE, dashes, left < 16 ? (size_t)left : 16);
    }
    walk_end_line(w);
}

static void blank_line(walk *w)
{
    walk_begin_line(w);
    walk_end_line(w);
}

/* Header, a rule per column, rows. A row that wraps stands apart from its
 * neighbours by a blank line, so its second line is not read as the next
 * row. */
static void draw_columns(walk *w, table_plan *plan)
{
    draw_row(w, plan, 0, wrap_row(plan, 0));
    draw_rule(w, plan);
    size_t previous = 1;
    for (size_t row = 1; row < plan->table->row_count; row++) {
        size_t height = wrap_row(plan, row);
        if (row > 1 && (height > 1 || previous > 1))
            blank_line(w);
        draw_row(w, plan, row, height);
        previous = height;
    }
}

/* Whether a cell says nothing: empty, or the em dash reports write for
 * "none". */
static bool cell_is_empty(const char *cell)
{
    return !*cell || strcmp(cell, "\u2014") == 0;
}

/* One line per heading and value, wrapped to the room; records apart by a
 * blank line; a cell that says nothing is left out after the first. A
 * table without rows lists its headings. */
static void draw_records(walk *w, table_plan *plan, int room)
{
    const table_model *t = plan->table;
    strbuf field = STRBUF_INIT;
    for (size_t row = t->row_count > 1 ? 1 : 0; row < t->row_count; row++) {
        if (row > 1)
            blank_line(w);
        for (size_t c = 0; c < t->column_count; c++) {
            if (row > 0 && c > 0 && cell_is_empty(table_model_cell(t, row, c)))
                continue;
            strbuf_truncate(&field, 0);
            strbuf_puts(&field, table_model_cell(t, 0, c));
            if (row > 0)
                strbuf_printf(&field, ": %s", table_model_cell(t, row, c));
            wrap_cell(&plan->cells[0], strbuf_cstr(&field), room);
            for (size_t line = 0; line < plan->cells[0].count; line++) {
                walk_begin_line(w);
                walk_emit(w, STYLE_TABLE, field.data + plan->cells[0].items[line].start,
                          plan->cells[0].items[line].length);
                walk_end_line(w);
            }
        }
    }
    strbuf_free(&field);
}

void walk_table(walk *w, const table_model *t)
{
    arena scratch = {0};
    size_t n = t->column_count;
    table_plan plan = {
        .table = t,
        .shortest = arena_alloc(&scratch, n * sizeof(int)),
        .widths = arena_alloc(&scratch, n * sizeof(int)),
        .cells = arena_alloc(&scratch, n * sizeof(cell_pieces)),
    };
    int room = walk_available_width(w);
    if (plan_columns(&plan, room))
        draw_columns(w, &plan);
    else
        draw_records(w, &plan, room);
    for (size_t c = 0; c < n; c++)
        free(plan.cells[c].items);
    arena_free(&scratch);
}
