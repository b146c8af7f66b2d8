/* table_model: parses the raw lines of a GFM pipe table (see table_model.h).
 *
 * A row is cut into cells at every '|' not preceded by a backslash; the
 * leading pipe opens the row and a trailing one closes it. Cells are
 * unescaped as CommonMark reads backslash escapes, which is what GitHub
 * shows for a cell holding plain text.
 */
#include <ctype.h>
#include <string.h>

#include "briefing/strbuf.h"
#include "render/table_model.h"

typedef struct {
    const char *start;
    size_t length;
} table_line;

/* One line of `text` from `*at`, without its "\n" or "\r\n". */
static bool next_line(const char *text, size_t length, size_t *at, table_line *line)
{
    if (*at >= length)
        return false;
    const char *start = text + *at;
    const char *newline = memchr(start, '\n', length - *at);
    size_t size = newline ? (size_t)(newline - start) : length - *at;
    *at += size + (newline ? 1 : 0);
    if (size && start[size - 1] == '\r')
        size--;
    *line = (table_line){start, size};
    return true;
}

/* The line after up to three spaces of indent, if it then starts with '|'. */
static bool row_body(table_line line, table_line *body)
{
    size_t indent = 0;
    while (indent < 3 && indent < line.length && line.start[indent] == ' ')
        indent++;
    if (indent >= line.length || line.start[indent] != '|')
        return false;
    *body = (table_line){line.start + indent + 1, line.length - indent - 1};
    return true;
}

static bool is_ascii_punctuation(char c)
{
    return c > 0x20 && c < 0x7F && ispunct((unsigned char)c);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static const char *trimmed_cell(arena *memory, const strbuf *cell)
{
    const char *text = cell->data ? cell->data : "";
    size_t start = 0, end = cell->len;
    while (start < end && is_blank(text[start]))
        start++;
    while (end > start && is_blank(text[end - 1]))
        end--;
    return arena_strndup(memory, text + start, end - start);
}

/* Cells of one row (after its leading '|'), pushed onto `cells`. */
static size_t split_row(table_model *t, table_line body, const char ***cells, size_t *count,
                        size_t *capacity)
{
    strbuf cell = STRBUF_INIT;
    size_t found = 0;
    bool open = false; /* text after the last '|' */
    for (size_t i = 0; i < body.length; i++) {
        char c = body.start[i];
        if (c == '\\' && i + 1 < body.length && is_ascii_punctuation(body.start[i + 1])) {
            strbuf_putc(&cell, body.start[++i]);
            open = true;
        } else if (c == '|') {
            *(const char **)arena_push(&t->memory, (void **)cells, count, capacity,
                                       sizeof **cells) = trimmed_cell(&t->memory, &cell);
            strbuf_truncate(&cell, 0);
            found++;
            open = false;
        } else {
            strbuf_putc(&cell, c);
            open = open || !is_blank(c);
        }
    }
    if (open) {
        *(const char **)arena_push(&t->memory, (void **)cells, count, capacity, sizeof **cells) =
            trimmed_cell(&t->memory, &cell);
        found++;
    }
    strbuf_free(&cell);
    return found;
}

/* ":---", "---:", ":-:", "-": at least one '-', optional colons at the ends. */
static bool delimiter_cell(const char *cell, table_align *align)
{
    size_t length = strlen(cell);
    bool left = length && cell[0] == ':';
    bool right = length > (size_t)left && cell[length - 1] == ':';
    size_t dashes = 0;
    for (size_t i = left; i < length - right; i++) {
        if (cell[i] != '-')
            return false;
        dashes++;
    }
    if (dashes == 0)
        return false;
    *align = left && right ? TABLE_ALIGN_CENTER
             : right       ? TABLE_ALIGN_RIGHT
             : left        ? TABLE_ALIGN_LEFT
                           : TABLE_ALIGN_DEFAULT;
    return true;
}

static bool parse_delimiter_row(table_model *t, table_line body)
{
    const char **cells = NULL;
    size_t count = 0, capacity = 0;
    if (split_row(t, body, &cells, &count, &capacity) != t->column_count)
        return false;
    t->aligns = arena_alloc(&t->memory, t->column_count * sizeof *t->aligns);
    for (size_t i = 0; i < count; i++)
        if (!delimiter_cell(cells[i], &t->aligns[i]))
            return false;
    return true;
}

/* Appends one body row, padded or cut to the header's column count. */
static void add_row(table_model *t, table_line body, size_t *cell_capacity)
{
    const char **cells = NULL;
    size_t count = 0, capacity = 0;
    split_row(t, body, &cells, &count, &capacity);
    size_t total = t->row_count * t->column_count;
    for (size_t i = 0; i < t->column_count; i++)
        *(const char **)arena_push(&t->memory, (void **)&t->cells, &total, cell_capacity,
                                   sizeof *t->cells) = i < count ? cells[i] : "";
    t->row_count++;
}

bool table_model_parse(table_model *t, const char *text, size_t length)
{
    *t = (table_model){0};
    size_t at = 0, cell_capacity = 0, total = 0;
    table_line line, body;
    if (!next_line(text, length, &at, &line) || !row_body(line, &body))
        return false;
    t->column_count = split_row(t, body, &t->cells, &total, &cell_capacity);
    t->row_count = 1;
    bool ok = t->column_count > 0 && next_line(text, length, &at, &line) &&
              row_body(line, &body) && parse_delimiter_row(t, body);
    while (ok && next_line(text, length, &at, &line)) {
        ok = row_body(line, &body);
        if (ok)
            add_row(t, body, &cell_capacity);
    }
    if (!ok)
        table_model_free(t);
    return ok;
}

const char *table_model_cell(const table_model *t, size_t row, size_t column)
{
    return t->cells[row * t->column_count + column];
}

void table_model_free(table_model *t)
{
    arena_free(&t->memory);
    *t = (table_model){0};
}
