/* table_html: a table model as an e-mail-safe HTML table.
 *
 * Mail clients differ: Gmail and Apple Mail honour a <style> block's media
 * queries, Outlook on Windows ignores them and draws with Word, several
 * webmails drop <style> altogether. So every visual rule that matters is an
 * inline style, and the media query in the page's head (html.c) only adds
 * the narrow-screen form: rows become blocks, each cell shows its column's
 * name and the first cell names the record. Widths are never fixed: the
 * table is 100% of the page, cells wrap at spaces, headings also after '/'
 * and '-' ("Break-even/month"), so a desktop page needs no sideways
 * scrolling and a phone gets the stacked form.
 */
#include "render/html_internal.h"

/* break-word, not anywhere: a cell breaks inside a word only when the word
 * alone is wider than the page, so columns are sized by whole words. */
#define CELL_STYLE "padding:6px 8px;overflow-wrap:break-word;word-wrap:break-word;"

static const char *const align_names[] = {
    [TABLE_ALIGN_DEFAULT] = "left",
    [TABLE_ALIGN_LEFT] = "left",
    [TABLE_ALIGN_CENTER] = "center",
    [TABLE_ALIGN_RIGHT] = "right",
};

/* A heading may break after '/' or '-': <wbr> marks where. */
static void append_heading(strbuf *out, const char *text)
{
    char piece[2] = {0};
    for (const char *c = text; *c; c++) {
        piece[0] = *c;
        html_append_escaped(out, piece);
        if ((*c == '/' || *c == '-') && c != text && c[1])
            strbuf_puts(out, "<wbr>");
    }
}

static void header_row(const table_model *t, strbuf *out)
{
    strbuf_puts(out, "<thead>\n<tr>");
    for (size_t c = 0; c < t->column_count; c++) {
        strbuf_printf(out,
                      "<th scope=\"col\" align=\"%s\" style=\"" CELL_STYLE
                      "text-align:%s;vertical-align:bottom;font-weight:600;"
                      "border-bottom:2px solid #d0d7de;background:#f6f8fa;\">",
                      align_names[t->aligns[c]], align_names[t->aligns[c]]);
        append_heading(out, table_model_cell(t, 0, c));
        strbuf_puts(out, "</th>");
    }
    strbuf_puts(out, "</tr>\n</thead>\n");
}

/* The label is hidden inline (mso-hide for Outlook's Word engine); only the
 * narrow-screen media query shows it, label and value side by side as two
 * table cells so a long value wraps in its own column. */
static void body_cell(const table_model *t, size_t row, size_t c, strbuf *out)
{
    const char *align = align_names[t->aligns[c]];
    strbuf_printf(out,
                  "<td%s align=\"%s\" style=\"" CELL_STYLE
                  "text-align:%s;vertical-align:top;border-bottom:1px solid #d0d7de;%s\">",
                  c == 0 ? " class=\"" HTML_FIRST_CLASS "\"" : "", align, align,
                  t->aligns[c] == TABLE_ALIGN_RIGHT ? "font-variant-numeric:tabular-nums;" : "");
    strbuf_puts(out, "<span class=\"" HTML_LABEL_CLASS "\" style=\"display:none;mso-hide:all;\">");
    html_append_escaped(out, table_model_cell(t, 0, c));
    strbuf_puts(out, "</span><span class=\"" HTML_VALUE_CLASS "\">");
    html_append_escaped(out, table_model_cell(t, row, c));
    strbuf_puts(out, "</span></td>");
}

void table_html_write(const table_model *t, strbuf *out)
{
    strbuf_puts(out, "<table class=\"" HTML_TABLE_CLASS "\" role=\"table\" width=\"100%\" "
                     "cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
                     "style=\"width:100%;border-collapse:collapse;margin:0 0 1em 0;"
                     "font-size:14px;line-height:1.4;\">\n");
    header_row(t, out);
    strbuf_puts(out, "<tbody>\n");
    for (size_t row = 1; row < t->row_count; row++) {
        strbuf_puts(out, "<tr>");
        for (size_t c = 0; c < t->column_count; c++)
            body_cell(t, row, c, out);
        strbuf_puts(out, "</tr>\n");
    }
    strbuf_puts(out, "</tbody>\n</table>\n");
}
