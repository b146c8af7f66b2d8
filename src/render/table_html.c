/* table_html: a table model as an e-mail-safe HTML table.
 *
 * Mail clients differ: Gmail and Apple Mail honour a <style> block's media
 * queries, Outlook on Windows ignores them and draws with Word, several
 * webmails drop <style> altogether. So every visual rule that matters is an
 * inline style, and the media query in the page's head (html.c) only adds
 * the narrow-screen form: rows become blocks, each cell shows its column's
 * name and the first cell names the record. Widths are never fixed: the
 * table is 100% of the page, cells wrap at spaces, headings also after '/'
 * and '-' ("Break-even/month") and long words (paths) at <wbr>s, so a
 * desktop page needs no sideways scrolling and a phone gets the stacked
 * form.
 */
#include "render/html_internal.h"

/* A body cell's markup is repeated for every cell, and Gmail clips a
 * message whose HTML passes 102 KB: what is inherited (wrapping, tabular
 * figures) is set once on the table, alignment is the align attribute
 * (which every client honours and the narrow-screen CSS overrides). */
#define CELL_STYLE "padding:6px 8px;"

static const char *const align_names[] = {
    [TABLE_ALIGN_DEFAULT] = "left",
    [TABLE_ALIGN_LEFT] = "left",
    [TABLE_ALIGN_CENTER] = "center",
    [TABLE_ALIGN_RIGHT] = "right",
};

#define LONG_WORD 20 /* code points: longer words get break opportunities */

static bool is_break_after(char c)
{
    return c == '/' || c == '-' || c == '_' || c == '.';
}

/* Code points up to the next space. */
static size_t word_length(const char *text)
{
    size_t length = 0;
    for (; *text && *text != ' '; text++)
        length += ((unsigned char)*text & 0xC0) != 0x80;
    return length;
}

/* Escaped text with <wbr> inside every word longer than `long_word` code
 * points: after '/', '-', '_' and '.', and at least every LONG_WORD code
 * points. A table sizes its columns by their longest unbreakable piece, so
 * one long path would otherwise push the page past a phone's or the
 * desktop page's width; short words ("$1,050–$1,150") stay whole. */
static void append_breakable(strbuf *out, const char *text, size_t long_word)
{
    char piece[2] = {0};
    size_t left = 0, run = 0; /* code points left in a long word; since a break */
    for (const char *c = text; *c; c++) {
        if (*c == ' ' || c == text || c[-1] == ' ') {
            left = *c == ' ' ? 0 : word_length(c);
            left = left > long_word ? left : 0;
            run = 0;
        }
        piece[0] = *c;
        html_append_escaped(out, piece);
        bool ends_character = ((unsigned char)c[1] & 0xC0) != 0x80;
        if (left == 0 || !ends_character)
            continue;
        left--, run++;
        if (left > 0 && (is_break_after(*c) || run >= LONG_WORD)) {
            strbuf_puts(out, "<wbr>");
            run = 0;
        }
    }
}

static void header_row(const table_model *t, strbuf *out)
{
    strbuf_puts(out, "<thead>\n<tr>");
    for (size_t c = 0; c < t->column_count; c++) {
        /* puts, not printf: the style is long and printed for every cell */
        strbuf_puts(out, "<th scope=\"col\" align=\"");
        strbuf_puts(out, align_names[t->aligns[c]]);
        strbuf_puts(out, "\" style=\"" CELL_STYLE "text-align:");
        strbuf_puts(out, align_names[t->aligns[c]]);
        strbuf_puts(out, ";vertical-align:bottom;font-weight:600;"
                         "border-bottom:2px solid #d0d7de;background:#f6f8fa;\">");
        append_breakable(out, table_model_cell(t, 0, c), 0);
        strbuf_puts(out, "</th>");
    }
    strbuf_puts(out, "</tr>\n</thead>\n");
}

/* The label is hidden inline (mso-hide for Outlook's Word engine); only the
 * narrow-screen media query shows it, label and value side by side as two
 * table cells so a long value wraps in its own column. */
static void body_cell(const table_model *t, size_t row, size_t c, strbuf *out)
{
    /* puts, not printf: this runs for every cell of every table */
    strbuf_puts(out, c == 0 ? "<td class=\"" HTML_FIRST_CLASS "\" align=\"" : "<td align=\"");
    strbuf_puts(out, align_names[t->aligns[c]]);
    strbuf_puts(out, "\" style=\"" CELL_STYLE "vertical-align:top;border-bottom:1px solid #d0d7de;\">");
    strbuf_puts(out, "<span class=\"" HTML_LABEL_CLASS "\" style=\"display:none;mso-hide:all;\">");
    /* a heading may be a long name; like the header row it may break after
     * a "/" ("Revenue/|month") at any length, so a narrow label column never
     * splits a word in the middle ("Revenue/mont|h") */
    append_breakable(out, table_model_cell(t, 0, c), 0);
    strbuf_puts(out, "</span><span class=\"" HTML_VALUE_CLASS "\">");
    append_breakable(out, table_model_cell(t, row, c), LONG_WORD);
    strbuf_puts(out, "</span></td>");
}

/* overflow-wrap break-word, not anywhere: a cell breaks inside a word only
 * when the word alone is wider than the page, so columns are sized by whole
 * words. */
void table_html_write(const table_model *t, strbuf *out)
{
    strbuf_puts(out, "<table class=\"" HTML_TABLE_CLASS "\" role=\"table\" width=\"100%\" "
                     "cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
                     "style=\"width:100%;border-collapse:collapse;margin:0 0 1em 0;"
                     "font-size:14px;line-height:1.4;font-variant-numeric:tabular-nums;"
                     "overflow-wrap:break-word;word-wrap:break-word;\">\n");
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
