/* table_layout: a table model drawn as aligned columns of wrapped cells, for
 * the text part and the preview (both walk the same layout).
 *
 * Widths are display columns (render_display_width: CJK and emoji take two,
 * combining marks none), so columns line up on a terminal and in a
 * monospaced mail reader. The rules (docs/rendering.md, Tables):
 *  1. every column at its widest cell when the table fits the room left
 *     after the prefixes;
 *  2. else the widest columns give way first, down to their longest word
 *     (a heading may break after '/' or '-', or inside a CamelCase name),
 *     then down to a body word's pieces after '/' or an en dash; a '-'
 *     never breaks a body word ("one-off"), and no break is ever inside an
 *     amount;
 *  3. else the columns are drawn in groups, one after the other, each
 *     repeating the key columns that name a row;
 *  4. only when even one column beside the key cannot fit, each row is a
 *     record of "Heading: value" lines.
 * No line is ever wider than the room.
 */
#include <stdlib.h>
#include <string.h>

#include "briefing/utf8.h"
#include "render/walk.h"

#define TABLE_GAP 2
#define SOURCE_INDENT 4

typedef struct {
    size_t start;
    size_t length;
    int columns;
} cell_piece;

typedef struct {
    cell_piece *items;
    size_t count, capacity;
} cell_pieces;

/* A cell's widths in display columns, measured once per table: planning
 * tries several levels and, for column groups, several sets of columns. */
typedef struct {
    int natural;  /* the whole cell on one line */
    int words;    /* its longest word */
    int segments; /* its longest piece segment_end() leaves whole */
} cell_measure;

/* Invariant: `columns` lists `count` (>= 1) of the table's first
 * `side_by_side` columns in order; shortest, widths and cells are indexed
 * like `columns`, not like the table; `measures` like the table (row ×
 * column_count + column). A table's last column is left out of
 * `side_by_side` only when it is its source column, drawn under each row
 * (`under_rows`). */
typedef struct {
    const table_model *table;
    const cell_measure *measures;
    const size_t *columns;
    size_t count;
    size_t side_by_side;
    bool under_rows;
    int *shortest; /* longest unbreakable piece: narrower breaks words */
    int *widths;   /* what is drawn */
    int *kept;     /* give_back()'s widths to return to */
    cell_pieces *cells; /* one wrapped row's cells, reused from row to row */
} table_plan;

static const char *plan_cell(const table_plan *plan, size_t row, size_t index)
{
    return table_model_cell(plan->table, row, plan->columns[index]);
}

static const cell_measure *plan_measure(const table_plan *plan, size_t row, size_t index)
{
    return &plan->measures[row * plan->table->column_count + plan->columns[index]];
}

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

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Whether the word around `at` holds a '/': a path, whose hyphens are
 * places to break ("expert-" / "yacht-delivery.md:27"). */
static bool in_path(const char *text, size_t length, size_t at)
{
    size_t start = at, end = at;
    while (start > 0 && text[start - 1] != ' ')
        start--;
    while (end < length && text[end] != ' ')
        end++;
    return memchr(text + start, '/', end - start) != NULL;
}

/* Where a line may break inside a word, when the word is wider than its
 * column: after a '/' or en dash that does not start the piece ("$1,050–"
 * / "$1,150", "agent_handoffs/" / "projects/"); in a heading or a path
 * also after a '-' ("Break-" / "even/month"); in a heading before the
 * capital inside a CamelCase name ("Dangerous" / "Centaur"). Any other
 * body word keeps its hyphens: "one-off" and "-$5" stay whole, and no
 * amount is ever cut. Returns the end of the piece starting at `at`. */
static size_t segment_end(const char *text, size_t length, size_t at, bool heading)
{
    static const char en_dash[] = "\xE2\x80\x93";
    bool hyphens = heading || in_path(text, length, at);
    for (size_t i = at; i < length; i++) {
        if (text[i] == ' ')
            return i;
        bool inside = i > at;
        if (inside && (text[i] == '/' || (hyphens && text[i] == '-')))
            return i + 1;
        if (inside && length - i >= 3 && memcmp(text + i, en_dash, 3) == 0)
            return i + 3;
        if (heading && inside && i + 1 < length && is_upper(text[i + 1]) && is_lower(text[i]) &&
            is_lower(i + 2 < length ? text[i + 2] : ' '))
            return i + 1;
    }
    return length;
}

/* The line a cell is being wrapped into. */
typedef struct {
    cell_pieces *lines;
    const char *text;
    int width;
    bool open;
    size_t line_start, line_end;
    int line_columns;
} cell_wrap;

/* Puts text[start, end) on the open line when it fits (with the spaces
 * before it), else on a new line, broken between code points when wider
 * than the column. The open line's width is kept as it grows (pieces end
 * at spaces or break points, so widths add up): measuring the line again
 * from its start for every piece made long cells quadratic. */
static void place_piece(cell_wrap *wrap, size_t start, size_t end)
{
    const char *text = wrap->text;
    int added = wrap->open ? render_display_width(text + wrap->line_end, end - wrap->line_end) : 0;
    if (wrap->open && wrap->line_columns + added <= wrap->width) {
        wrap->line_end = end;
        wrap->line_columns += added;
        return;
    }
    if (wrap->open)
        add_piece(wrap->lines, text, wrap->line_start, wrap->line_end);
    wrap->line_start = start;
    wrap->line_columns = render_display_width(text + start, end - start);
    if (wrap->line_columns > wrap->width) {
        wrap->line_start = break_word(wrap->lines, text, start, end, wrap->width);
        wrap->line_columns = render_display_width(text + wrap->line_start, end - wrap->line_start);
    }
    wrap->line_end = end;
    wrap->open = true;
}

/* Wraps `text` at spaces into lines of at most `width` columns (runs of
 * spaces inside a line are kept); only a word wider than the column is
 * cut, at its segment ends. An empty cell is one empty line. */
static void wrap_cell(cell_pieces *lines, const char *text, int width, bool heading)
{
    lines->count = 0;
    cell_wrap wrap = {.lines = lines, .text = text, .width = width};
    size_t length = strlen(text), at = 0;
    for (;;) {
        while (at < length && text[at] == ' ')
            at++;
        if (at == length)
            break;
        size_t word_end = at + strcspn(text + at, " ");
        if (render_display_width(text + at, word_end - at) <= width) {
            place_piece(&wrap, at, word_end);
        } else {
            for (size_t piece = at; piece < word_end;) {
                size_t piece_end = segment_end(text, word_end, piece, heading);
                place_piece(&wrap, piece, piece_end);
                piece = piece_end;
            }
        }
        at = word_end;
    }
    if (wrap.open || lines->count == 0)
        add_piece(lines, text, wrap.line_start, wrap.line_end);
}

/* The widest piece of `text` a line cannot break: words when `in_words`,
 * else the pieces segment_end() allows. */
static int longest_piece(const char *text, bool in_words, bool heading)
{
    size_t length = strlen(text), at = 0;
    int longest = 0;
    while (at < length) {
        while (at < length && text[at] == ' ')
            at++;
        size_t end = in_words ? at + strcspn(text + at, " ") : segment_end(text, length, at, heading);
        int columns = render_display_width(text + at, end - at);
        longest = columns > longest ? columns : longest;
        at = end;
    }
    return longest;
}

static int total_width(const table_plan *plan)
{
    int total = TABLE_GAP * (int)(plan->count - 1);
    for (size_t c = 0; c < plan->count; c++)
        total += plan->widths[c];
    return total;
}

/* Narrows the widest column that can still give way; false when none can. */
static bool narrow_widest(table_plan *plan)
{
    size_t widest = plan->count;
    for (size_t c = 0; c < plan->count; c++)
        if (plan->widths[c] > plan->shortest[c] &&
            (widest == plan->count || plan->widths[c] > plan->widths[widest]))
            widest = c;
    if (widest == plan->count)
        return false;
    plan->widths[widest]--;
    return true;
}

/* How far a column may give way, loosest last: only its heading wraps
 * (at its segments), then body cells wrap between whole words, then body
 * words break at their segments. Below that, the columns go in groups (or
 * the rows become records). */
typedef enum { SHRINK_HEADINGS, SHRINK_BODY_WORDS, SHRINK_SEGMENTS, SHRINK_LEVELS } shrink_level;

/* A heading wraps at its segments at every level. */
static int shortest_piece(const cell_measure *cell, shrink_level level, bool heading)
{
    if (heading)
        return cell->segments;
    if (level == SHRINK_HEADINGS)
        return cell->natural;
    return level == SHRINK_BODY_WORDS ? cell->words : cell->segments;
}

static void set_shortest(table_plan *plan, shrink_level level)
{
    const table_model *t = plan->table;
    for (size_t c = 0; c < plan->count; c++) {
        plan->shortest[c] = 1;
        for (size_t row = 0; row < t->row_count; row++) {
            int piece = shortest_piece(plan_measure(plan, row, c), level, row == 0);
            plan->shortest[c] = piece > plan->shortest[c] ? piece : plan->shortest[c];
        }
    }
}

static cell_measure *measure_cells(const table_model *t, arena *scratch)
{
    cell_measure *measures = arena_alloc(scratch, t->row_count * t->column_count * sizeof *measures);
    for (size_t row = 0; row < t->row_count; row++) {
        for (size_t c = 0; c < t->column_count; c++) {
            const char *cell = table_model_cell(t, row, c);
            measures[row * t->column_count + c] = (cell_measure){
                .natural = render_display_width(cell, strlen(cell)),
                .words = longest_piece(cell, true, false),
                .segments = longest_piece(cell, false, row == 0),
            };
        }
    }
    return measures;
}

/* Lines column `c` takes at `width`: its heading's alone, or its body
 * cells' added up. */
static size_t column_lines(const table_plan *plan, size_t c, int width, bool heading)
{
    cell_pieces lines = {0};
    size_t total = 0;
    for (size_t row = heading ? 0 : 1; row < (heading ? 1 : plan->table->row_count); row++) {
        wrap_cell(&lines, plan_cell(plan, row, c), width, row == 0);
        total += lines.count;
    }
    free(lines.items);
    return total;
}

/* A column that can give one column of width away without taking a line
 * more, heading or body; plan->count when none can. */
static size_t donor(const table_plan *plan, size_t taker)
{
    for (size_t d = 0; d < plan->count; d++) {
        int width = plan->widths[d];
        if (d == taker || width <= plan->shortest[d])
            continue;
        if (column_lines(plan, d, width - 1, true) == column_lines(plan, d, width, true) &&
            column_lines(plan, d, width - 1, false) == column_lines(plan, d, width, false))
            return d;
    }
    return plan->count;
}

/* Narrowing widest-first can leave a heading over four lines beside a
 * column wider than its cells need ("Queen" / "of" / "San" / "Diego" next
 * to a Name column with three spare columns): a heading that wraps takes
 * back width from columns that lose no line by giving it. */
static void give_back(table_plan *plan, int *kept)
{
    for (size_t c = 0; c < plan->count; c++) {
        size_t lines = column_lines(plan, c, plan->widths[c], true);
        memcpy(kept, plan->widths, plan->count * sizeof *kept);
        while (lines > 1) {
            size_t d = donor(plan, c);
            if (d == plan->count) {
                /* the width taken since the heading last lost a line is
                 * returned: it bought nothing */
                memcpy(plan->widths, kept, plan->count * sizeof *kept);
                break;
            }
            plan->widths[d]--;
            plan->widths[c]++;
            size_t now = column_lines(plan, c, plan->widths[c], true);
            if (now < lines)
                memcpy(kept, plan->widths, plan->count * sizeof *kept);
            lines = now;
        }
    }
}

/* The lines every cell takes at every width its column may be given, so
 * the search below measures a table's height without wrapping again.
 * Invariant: lowest[c] <= widest[c] for each of the plan's columns;
 * lines[c][(width - lowest[c]) * row_count + row] is the line count of
 * `row`'s cell in column c at `width`, for width in [lowest, widest]. */
typedef struct {
    const table_plan *plan;
    const int *lowest; /* the plan's shortest at the level that fits */
    int *widest;       /* the column's widest cell */
    int **lines;
} cell_lines;

static void measure_lines(cell_lines *cache, const table_plan *plan, arena *scratch)
{
    size_t rows = plan->table->row_count;
    cell_pieces pieces = {0};
    for (size_t c = 0; c < plan->count; c++) {
        cache->widest[c] = cache->lowest[c];
        for (size_t row = 0; row < rows; row++) {
            int natural = plan_measure(plan, row, c)->natural;
            cache->widest[c] = natural > cache->widest[c] ? natural : cache->widest[c];
        }
        size_t widths = (size_t)(cache->widest[c] - cache->lowest[c] + 1);
        cache->lines[c] = arena_alloc(scratch, widths * rows * sizeof(int));
        for (size_t at = 0; at < widths; at++) {
            int width = cache->lowest[c] + (int)at;
            for (size_t row = 0; row < rows; row++) {
                int *lines = &cache->lines[c][at * rows + row];
                if (plan_measure(plan, row, c)->natural <= width) {
                    *lines = 1;
                    continue;
                }
                wrap_cell(&pieces, plan_cell(plan, row, c), width, row == 0);
                *lines = (int)pieces.count;
            }
        }
    }
    free(pieces.items);
}

/* The lines the table takes at `widths`, as draw_columns() draws it:
 * header, rule, rows, and a blank line between rows when one wraps. The
 * source lines under rows do not depend on the widths and are left out. */
static size_t table_height(const cell_lines *cache, const int *widths)
{
    const table_plan *plan = cache->plan;
    size_t rows = plan->table->row_count, height = 1;
    bool apart = false;
    for (size_t row = 0; row < rows; row++) {
        int tallest = 1;
        for (size_t c = 0; c < plan->count; c++) {
            int lines = cache->lines[c][(size_t)(widths[c] - cache->lowest[c]) * rows + row];
            tallest = lines > tallest ? lines : tallest;
            apart = apart || (row > 0 && plan_measure(plan, row, c)->natural > widths[c]);
        }
        height += (size_t)tallest;
    }
    return height + (apart && rows > 2 ? rows - 2 : 0);
}

/* Width moved to `taker` from `giver` (plan->count: the room the table
 * leaves unused), and the table's height after the move. */
typedef struct {
    size_t taker, giver;
    int amount;
    size_t height;
} width_move;

/* Tries moving 1 to `most` columns of width from `giver` to `taker`,
 * keeping in `best` the move that leaves the table shortest (on a tie,
 * the smaller move; moves are tried leftmost first). */
static void try_moves(const cell_lines *cache, int *widths, size_t taker, size_t giver, int most,
                      width_move *best)
{
    size_t count = cache->plan->count;
    for (int amount = 1; amount <= most; amount++) {
        widths[taker] += amount;
        if (giver < count)
            widths[giver] -= amount;
        size_t height = table_height(cache, widths);
        widths[taker] -= amount;
        if (giver < count)
            widths[giver] += amount;
        if (height < best->height || (height == best->height && amount < best->amount))
            *best = (width_move){taker, giver, amount, height};
    }
}

/* The move that saves the most lines, unused room tried before any
 * column; best.amount is 0 when no move saves a line. */
static width_move best_move(const cell_lines *cache, int *widths, int spare, size_t height)
{
    size_t count = cache->plan->count;
    width_move best = {count, count, 0, height};
    for (size_t taker = 0; taker < count; taker++) {
        for (size_t g = 0; g <= count; g++) {
            size_t giver = g == 0 ? count : g - 1;
            if (giver == taker)
                continue;
            int most = cache->widest[taker] - widths[taker];
            int can = giver == count ? spare : widths[giver] - cache->lowest[giver];
            try_moves(cache, widths, taker, giver, can < most ? can : most, &best);
        }
    }
    if (best.height == height)
        best.amount = 0;
    return best;
}

/* Widest-first narrowing squeezes a prose column as hard as a short one
 * (a CTO "Improvement" at 15 columns, seven lines, beside columns with
 * room to spare): width moves to where it saves the most lines, until no
 * move saves one. The table never gets taller, and stays within `room`. */
static void shorten_table(table_plan *plan, int room)
{
    size_t count = plan->count;
    arena scratch = {0};
    cell_lines cache = {plan, plan->shortest, arena_alloc(&scratch, count * sizeof(int)),
                        arena_alloc(&scratch, count * sizeof(int *))};
    measure_lines(&cache, plan, &scratch);
    size_t height = table_height(&cache, plan->widths);
    for (;;) {
        width_move move = best_move(&cache, plan->widths, room - total_width(plan), height);
        if (move.amount == 0)
            break;
        plan->widths[move.taker] += move.amount;
        if (move.giver < count)
            plan->widths[move.giver] -= move.amount;
        height = move.height;
    }
    arena_free(&scratch);
}

/* Widths for the plan's columns within `room`; false when they cannot fit
 * without breaking a body word between its segments. */
static bool plan_columns(table_plan *plan, int room)
{
    const table_model *t = plan->table;
    for (size_t c = 0; c < plan->count; c++) {
        plan->widths[c] = 1;
        for (size_t row = 0; row < t->row_count; row++) {
            int natural = plan_measure(plan, row, c)->natural;
            plan->widths[c] = natural > plan->widths[c] ? natural : plan->widths[c];
        }
    }
    for (shrink_level level = 0; level < SHRINK_LEVELS; level++) {
        set_shortest(plan, level);
        while (total_width(plan) > room && narrow_widest(plan))
            ;
        if (total_width(plan) <= room) {
            give_back(plan, plan->kept);
            shorten_table(plan, room);
            give_back(plan, plan->kept);
            return true;
        }
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
    for (size_t c = 0; c < plan->count; c++) {
        wrap_cell(&plan->cells[c], plan_cell(plan, row, c), plan->widths[c], row == 0);
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
        for (size_t c = 0; c < plan->count; c++) {
            static const cell_piece empty = {0, 0, 0};
            const cell_pieces *cell = &plan->cells[c];
            emit_spaces(w, c > 0 ? TABLE_GAP : 0);
            emit_aligned(w, plan_cell(plan, row, c),
                         line < cell->count ? &cell->items[line] : &empty, plan->widths[c],
                         t->aligns[plan->columns[c]], c + 1 == plan->count);
        }
        walk_end_line(w);
    }
}

static void draw_rule(walk *w, const table_plan *plan)
{
    static const char dashes[] = "----------------";
    walk_begin_line(w);
    for (size_t c = 0; c < plan->count; c++) {
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

/* A cell takes one line exactly when it is no wider than its column. */
static bool some_row_wraps(const table_plan *plan)
{
    for (size_t row = 1; row < plan->table->row_count; row++)
        for (size_t c = 0; c < plan->count; c++)
            if (plan_measure(plan, row, c)->natural > plan->widths[c])
                return true;
    return false;
}

/* The source column's heading and cell ("Where: jada.md:11") under the
 * row, indented by SOURCE_INDENT (the width of "10  ", a shortfall's
 * number) and wrapped to the room left; nothing when the cell says
 * nothing. */
static void draw_source_line(walk *w, const table_plan *plan, size_t row, int room)
{
    const table_model *t = plan->table;
    const char *cell = table_model_cell(t, row, t->column_count - 1);
    if (table_cell_is_empty(cell))
        return;
    int indent = SOURCE_INDENT * 4 > room ? 0 : SOURCE_INDENT;
    strbuf line = STRBUF_INIT;
    strbuf_printf(&line, "%s: %s", table_model_cell(t, 0, t->column_count - 1), cell);
    cell_pieces pieces = {0};
    wrap_cell(&pieces, strbuf_cstr(&line), room - indent, false);
    for (size_t i = 0; i < pieces.count; i++) {
        walk_begin_line(w);
        emit_spaces(w, indent);
        walk_emit(w, STYLE_TABLE, line.data + pieces.items[i].start, pieces.items[i].length);
        walk_end_line(w);
    }
    free(pieces.items);
    strbuf_free(&line);
}

/* Header, a rule per column, rows, each with its source line when
 * `with_source`. When one row takes more than a line, every row stands
 * apart from the next by a blank line, so a row's second line is not read
 * as the next row and the table keeps one rhythm. */
static void draw_columns(walk *w, table_plan *plan, bool with_source, int room)
{
    bool apart = with_source || some_row_wraps(plan);
    draw_row(w, plan, 0, wrap_row(plan, 0));
    draw_rule(w, plan);
    for (size_t row = 1; row < plan->table->row_count; row++) {
        if (row > 1 && apart)
            blank_line(w);
        draw_row(w, plan, row, wrap_row(plan, row));
        if (with_source)
            draw_source_line(w, plan, row, room);
    }
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
            if (row > 0 && c > 0 && table_cell_is_empty(table_model_cell(t, row, c)))
                continue;
            strbuf_truncate(&field, 0);
            strbuf_puts(&field, table_model_cell(t, 0, c));
            if (row > 0)
                strbuf_printf(&field, ": %s", table_model_cell(t, row, c));
            wrap_cell(&plan->cells[0], strbuf_cstr(&field), room, false);
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

/* Plans the key columns plus table columns [first, first + count) within
 * `room`. `columns` has room for every column of the table. */
static bool plan_group(table_plan *plan, size_t *columns, size_t keys, size_t first, size_t count,
                       int room)
{
    for (size_t c = 0; c < keys; c++)
        columns[c] = c;
    for (size_t c = 0; c < count; c++)
        columns[keys + c] = first + c;
    plan->columns = columns;
    plan->count = keys + count;
    return plan_columns(plan, room);
}

/* How many columns after the key go in each group: first the fewest
 * groups, each as full as it fits; then the same number of groups with
 * the columns shared out as evenly as they fit (five columns go 3 + 2, not
 * 4 + 1). Returns the number of groups, 0 when one column beside the key
 * does not fit. */
static size_t group_sizes(table_plan *plan, size_t *columns, size_t keys, int room, size_t *sizes)
{
    size_t total = plan->side_by_side, groups = 0;
    for (size_t first = keys; first < total; first += sizes[groups++]) {
        sizes[groups] = 0;
        while (first + sizes[groups] < total &&
               plan_group(plan, columns, keys, first, sizes[groups] + 1, room))
            sizes[groups]++;
        if (sizes[groups] == 0)
            return 0;
    }
    size_t rest = total - keys, first = keys;
    bool even = true;
    for (size_t g = 0; g < groups && even; g++) {
        size_t size = rest / groups + (g < rest % groups ? 1 : 0);
        even = plan_group(plan, columns, keys, first, size, room);
        first += size;
    }
    for (size_t g = 0; g < groups && even; g++)
        sizes[g] = rest / groups + (g < rest % groups ? 1 : 0);
    return groups;
}

/* Column groups one after the other, apart by a blank line; false (nothing
 * drawn) when even one column beside the key does not fit. */
static bool draw_groups(walk *w, table_plan *plan, arena *scratch, int room)
{
    size_t n = plan->table->column_count;
    size_t *columns = arena_alloc(scratch, n * sizeof(size_t));
    size_t *sizes = arena_alloc(scratch, n * sizeof(size_t));
    size_t keys = table_model_key_columns(plan->table);
    size_t groups = group_sizes(plan, columns, keys, room, sizes);
    if (groups == 0 && keys > 1)
        groups = group_sizes(plan, columns, keys = 1, room, sizes);
    if (groups == 0)
        return false;
    size_t first = keys;
    for (size_t g = 0; g < groups; g++) {
        if (g > 0)
            blank_line(w);
        plan_group(plan, columns, keys, first, sizes[g], room);
        draw_columns(w, plan, plan->under_rows && g == 0, room);
        first += sizes[g];
    }
    return true;
}

/* The heading of a column that says where each row comes from (a
 * handoff's file:line); as the last column it may go under the rows. */
#define SOURCE_HEADING "Where"

/* Whether the table has a source column and does not fit the room with
 * every column at its widest: then the source goes under each row rather
 * than narrow the columns that say what the row is. */
static bool source_under_rows(const table_model *t, const cell_measure *measures, int room)
{
    size_t n = t->column_count;
    if (n < 2 || strcmp(table_model_cell(t, 0, n - 1), SOURCE_HEADING) != 0)
        return false;
    int total = TABLE_GAP * (int)(n - 1);
    for (size_t c = 0; c < n; c++) {
        int widest = 0;
        for (size_t row = 0; row < t->row_count; row++)
            widest = measures[row * n + c].natural > widest ? measures[row * n + c].natural : widest;
        total += widest;
    }
    return total > room;
}

void walk_table(walk *w, const table_model *t)
{
    arena scratch = {0};
    size_t n = t->column_count;
    size_t *all = arena_alloc(&scratch, n * sizeof(size_t));
    for (size_t c = 0; c < n; c++)
        all[c] = c;
    int room = walk_available_width(w);
    const cell_measure *measures = measure_cells(t, &scratch);
    bool under_rows = source_under_rows(t, measures, room);
    size_t side_by_side = under_rows ? n - 1 : n;
    table_plan plan = {
        .table = t,
        .measures = measures,
        .columns = all,
        .count = side_by_side,
        .side_by_side = side_by_side,
        .under_rows = under_rows,
        .shortest = arena_alloc(&scratch, n * sizeof(int)),
        .widths = arena_alloc(&scratch, n * sizeof(int)),
        .kept = arena_alloc(&scratch, n * sizeof(int)),
        .cells = arena_alloc(&scratch, n * sizeof(cell_pieces)),
    };
    if (plan_columns(&plan, room))
        draw_columns(w, &plan, under_rows, room);
    else if (side_by_side < 3 || !draw_groups(w, &plan, &scratch, room))
        draw_records(w, &plan, room);
    for (size_t c = 0; c < n; c++)
        free(plan.cells[c].items);
    arena_free(&scratch);
}
