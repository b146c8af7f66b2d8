/* table_model: parses the raw lines of a GFM pipe table (see table_model.h).
 *
 * A row is cut into cells at every '|' not preceded by a backslash; the
 * leading pipe opens the row and a trailing one closes it. Cells are
 * unescaped as CommonMark reads backslash escapes, which is what GitHub
 * shows for a cell holding plain text.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Only the info string's first word counts, as for cmark's HTML (which
 * writes class="language-table" for "```table anything"). */
static bool is_table_info(const char *info)
{
    return info && strncmp(info, "table", 5) == 0 &&
           (info[5] == '\0' || info[5] == ' ' || info[5] == '\t');
}

/* Each line's start: 0, then one past every '\n' (cmark also ends lines at
 * a lone '\r'; reports never write one). */
static void index_lines(table_source *source)
{
    size_t count = 1;
    for (size_t at = 0; at < source->length; at++)
        count += source->text[at] == '\n';
    source->line_starts = malloc(count * sizeof *source->line_starts);
    if (!source->line_starts) {
        fprintf(stderr, "render: out of memory\n");
        abort();
    }
    source->line_starts[0] = 0;
    source->line_count = 1;
    for (size_t at = 0; at < source->length; at++)
        if (source->text[at] == '\n')
            source->line_starts[source->line_count++] = at + 1;
}

/* Lines first..last (1-based, as cmark numbers them) of the source. */
static bool source_lines(table_source *source, int first, int last, const char **text,
                         size_t *length)
{
    if (!source->line_starts)
        index_lines(source);
    if (first < 1 || last < first || (size_t)last > source->line_count)
        return false;
    size_t start = source->line_starts[first - 1];
    size_t end = (size_t)last < source->line_count ? source->line_starts[last] : source->length;
    *text = source->text + start;
    *length = end - start;
    return true;
}

static bool paragraph_table(table_model *t, cmark_node *node, table_source *source)
{
    cmark_node *parent = cmark_node_parent(node);
    cmark_node *first = cmark_node_first_child(node);
    const char *literal = first ? cmark_node_get_literal(first) : NULL;
    if (!parent || cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT || !literal ||
        literal[0] != '|' || !source->text)
        return false;
    const char *text;
    size_t length;
    return source_lines(source, cmark_node_get_start_line(node), cmark_node_get_end_line(node),
                        &text, &length) &&
           table_model_parse(t, text, length);
}

bool table_model_from_node(table_model *t, cmark_node *node, table_source *source)
{
    *t = (table_model){0};
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        return paragraph_table(t, node, source);
    case CMARK_NODE_CODE_BLOCK: {
        const char *literal = cmark_node_get_literal(node);
        return is_table_info(cmark_node_get_fence_info(node)) && literal &&
               table_model_parse(t, literal, strlen(literal));
    }
    default:
        return false;
    }
}

void table_source_free(table_source *source)
{
    free(source->line_starts);
    *source = (table_source){0};
}

/* Whether column `c`'s body cells name their rows: all filled, no two
 * alike. */
static bool names_rows(const table_model *t, size_t c)
{
    for (size_t row = 1; row < t->row_count; row++) {
        const char *cell = table_model_cell(t, row, c);
        if (!*cell)
            return false;
        for (size_t other = 1; other < row; other++)
            if (strcmp(cell, table_model_cell(t, other, c)) == 0)
                return false;
    }
    return true;
}

size_t table_model_key_columns(const table_model *t)
{
    for (size_t c = 0; c + 1 < t->column_count; c++)
        if (t->aligns[c] != TABLE_ALIGN_RIGHT && names_rows(t, c))
            return c + 1;
    return 1;
}

bool table_cell_is_empty(const char *cell)
{
    return !*cell || strcmp(cell, "\u2014") == 0;
}
