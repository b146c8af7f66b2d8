/* report_table: aligned tables as fenced `table` blocks.
 *
 * cmark 0.30 has no table extension, so the report and the renderer agree
 * on a fenced code block with info string `table`: header, a rule of '-',
 * rows; columns separated by two spaces, padded to the widest cell counted
 * in code points (the reports use en dashes and arrows, never wide
 * characters); numeric columns right-aligned. The last column is not padded
 * when left-aligned, so lines carry no trailing blanks.
 */
#include <stdarg.h>
#include <string.h>

#include "report/report_internal.h"

#define TABLE_GAP 2

void report_table_init(report_table *t, arena *a, const report_column *columns, size_t column_count)
{
    *t = (report_table){.arena = a, .columns = columns, .column_count = column_count};
}

void report_table_row(report_table *t, ...)
{
    va_list ap;
    va_start(ap, t);
    size_t count = t->row_count * t->column_count;
    for (size_t i = 0; i < t->column_count; i++) {
        const char **slot =
            arena_push(t->arena, (void **)&t->cells, &count, &t->cell_capacity, sizeof *t->cells);
        const char *cell = va_arg(ap, const char *);
        *slot = cell ? cell : "";
    }
    va_end(ap);
    t->row_count++;
}

/* Code points, not bytes: continuation bytes (10xxxxxx) do not count. */
static size_t text_width(const char *s)
{
    size_t width = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            width++;
    return width;
}

static void put_cell(strbuf *out, const char *text, report_align align, size_t width, bool last)
{
    size_t pad = width - text_width(text);
    if (align == REPORT_RIGHT)
        strbuf_repeat(out, ' ', pad);
    strbuf_puts(out, text);
    if (align == REPORT_LEFT && !last)
        strbuf_repeat(out, ' ', pad);
}

/* Trailing blanks are dropped: an empty last cell must not leave padding. */
static void put_line(const report_table *t, strbuf *out, const char **cells, const size_t *widths)
{
    for (size_t col = 0; col < t->column_count; col++) {
        if (col > 0)
            strbuf_repeat(out, ' ', TABLE_GAP);
        put_cell(out, cells[col], t->columns[col].align, widths[col], col + 1 == t->column_count);
    }
    size_t len = out->len;
    while (len > 0 && out->data[len - 1] == ' ')
        len--;
    strbuf_truncate(out, len);
    strbuf_putc(out, '\n');
}

void report_table_write(const report_table *t, strbuf *out)
{
    size_t *widths = arena_alloc(t->arena, t->column_count * sizeof *widths);
    const char **headings = arena_alloc(t->arena, t->column_count * sizeof *headings);
    size_t total = 0;
    for (size_t col = 0; col < t->column_count; col++) {
        headings[col] = t->columns[col].heading;
        widths[col] = text_width(headings[col]);
        for (size_t row = 0; row < t->row_count; row++) {
            size_t w = text_width(t->cells[row * t->column_count + col]);
            if (w > widths[col])
                widths[col] = w;
        }
        total += widths[col] + (col > 0 ? TABLE_GAP : 0);
    }
    strbuf_puts(out, "```table\n");
    put_line(t, out, headings, widths);
    strbuf_repeat(out, '-', total);
    strbuf_putc(out, '\n');
    for (size_t row = 0; row < t->row_count; row++)
        put_line(t, out, t->cells + row * t->column_count, widths);
    strbuf_puts(out, "```\n\n");
}
