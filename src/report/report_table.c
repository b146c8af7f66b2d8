/* report_table: tables as GFM pipe rows, the form GitHub renders and the
 * renderer's table model (src/render/table_model.h) reads:
 *
 *     | Entity       |   Monthly |
 *     | :----------- | --------: |
 *     | JADA \| crew |    $6,200 |
 *
 * Cells are plain text: every character Markdown could read as markup
 * (pipes, backslashes, emphasis, code, links, HTML, entities,
 * strikethrough) is backslash-escaped, so GitHub and the renderers show exactly the text
 * given. Cells are padded to their column's display width (CJK and emoji
 * count two) only so the Markdown reads as a table too; the renderers
 * re-align them. A blank line goes before and after: a pipe row right
 * after a paragraph line would continue the paragraph.
 */
#include <stdarg.h>
#include <string.h>

#include "briefing/render.h"
#include "report/report_internal.h"

void report_table_init(report_table *t, arena *a, const report_column *columns, size_t column_count)
{
    *t = (report_table){.arena = a, .columns = columns, .column_count = column_count};
}

void report_table_row_cells(report_table *t, const char *const *cells)
{
    size_t count = t->row_count * t->column_count;
    for (size_t i = 0; i < t->column_count; i++) {
        const char **slot =
            arena_push(t->arena, (void **)&t->cells, &count, &t->cell_capacity, sizeof *t->cells);
        *slot = cells[i] ? cells[i] : "";
    }
    t->row_count++;
}

void report_table_row(report_table *t, ...)
{
    va_list ap;
    va_start(ap, t);
    const char **cells = arena_alloc(t->arena, (t->column_count + 1) * sizeof *cells);
    for (size_t i = 0; i < t->column_count; i++)
        cells[i] = va_arg(ap, const char *);
    va_end(ap);
    report_table_row_cells(t, cells);
}

static bool is_ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether `*c` could start markup: '&' only before an entity's first
 * character ("&amp;", "&#38;"), '_' only at a word's edge (inside a word,
 * as in agent_handoffs, it never emphasises); ']' and '>' only after the
 * '[' and '<' that are escaped anyway. */
static bool needs_escape(const char *text, const char *c)
{
    if (*c == '&')
        return is_ascii_alnum(c[1]) || c[1] == '#';
    if (*c == '_')
        return c == text || !is_ascii_alnum(c[-1]) || !is_ascii_alnum(c[1]);
    return strchr("\\|*`[<~", *c) != NULL;
}

/* The cell as GFM text: markup escaped, line breaks as spaces. Most
 * cells (figures, names) need neither: they are used as they are. */
static const char *escaped_cell(arena *a, const char *text)
{
    const char *c = text;
    while (*c && *c != '\n' && *c != '\r' && *c != '\t' && !needs_escape(text, c))
        c++;
    if (!*c)
        return text;
    strbuf b = STRBUF_INIT;
    for (c = text; *c; c++) {
        if (*c == '\n' || *c == '\r' || *c == '\t') {
            strbuf_putc(&b, ' ');
            continue;
        }
        if (needs_escape(text, c))
            strbuf_putc(&b, '\\');
        strbuf_putc(&b, *c);
    }
    const char *cell = arena_strdup(a, strbuf_cstr(&b));
    strbuf_free(&b);
    return cell;
}

const char *report_inline_text(arena *a, const char *text)
{
    return escaped_cell(a, text);
}

static size_t cell_width(const char *text)
{
    return (size_t)render_display_width(text, strlen(text));
}

/* `cell_widths` are the display widths of `cells`, measured once. */
static void put_row(const report_table *t, strbuf *out, const char **cells,
                    const size_t *cell_widths, const size_t *widths)
{
    for (size_t col = 0; col < t->column_count; col++) {
        size_t pad = widths[col] - cell_widths[col];
        strbuf_puts(out, col == 0 ? "| " : " | ");
        if (t->columns[col].align == REPORT_RIGHT)
            strbuf_repeat(out, ' ', pad);
        strbuf_puts(out, cells[col]);
        if (t->columns[col].align == REPORT_LEFT)
            strbuf_repeat(out, ' ', pad);
    }
    strbuf_puts(out, " |\n");
}

/* ":---" left, "---:" right, as wide as the column (at least three). */
static void put_delimiter_row(const report_table *t, strbuf *out, const size_t *widths)
{
    for (size_t col = 0; col < t->column_count; col++) {
        bool right = t->columns[col].align == REPORT_RIGHT;
        strbuf_puts(out, col == 0 ? "| " : " | ");
        if (!right)
            strbuf_putc(out, ':');
        strbuf_repeat(out, '-', widths[col] - 1);
        if (right)
            strbuf_putc(out, ':');
    }
    strbuf_puts(out, " |\n");
}

static void open_block(strbuf *out)
{
    if (out->len == 0)
        return;
    if (out->data[out->len - 1] != '\n')
        strbuf_putc(out, '\n');
    if (out->len < 2 || out->data[out->len - 2] != '\n')
        strbuf_putc(out, '\n');
}

void report_table_write(const report_table *t, strbuf *out)
{
    size_t cell_count = (t->row_count + 1) * t->column_count;
    const char **cells = arena_alloc(t->arena, cell_count * sizeof *cells);
    size_t *cell_widths = arena_alloc(t->arena, (cell_count ? cell_count : 1) * sizeof *cell_widths);
    size_t *widths = arena_alloc(t->arena, t->column_count * sizeof *widths);
    for (size_t col = 0; col < t->column_count; col++) {
        widths[col] = 3; /* "---" is the shortest delimiter cell */
        for (size_t row = 0; row <= t->row_count; row++) {
            const char *text = row == 0 ? t->columns[col].heading
                                        : t->cells[(row - 1) * t->column_count + col];
            size_t at = row * t->column_count + col;
            cells[at] = escaped_cell(t->arena, text);
            cell_widths[at] = cell_width(cells[at]);
            if (cell_widths[at] > widths[col])
                widths[col] = cell_widths[at];
        }
    }
    open_block(out);
    put_row(t, out, cells, cell_widths, widths);
    put_delimiter_row(t, out, widths);
    for (size_t row = 1; row <= t->row_count; row++)
        put_row(t, out, cells + row * t->column_count, cell_widths + row * t->column_count,
                widths);
    strbuf_putc(out, '\n');
}
