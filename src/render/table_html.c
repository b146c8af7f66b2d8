/* table_html: a table model as an e-mail-safe HTML table.
 *
 * Mail clients differ: Gmail and Apple Mail honour a <style> block's media
 * queries, Outlook on Windows ignores them and draws with Word, several
 * webmails and the Gmail app on non-Google accounts drop <style>
 * altogether. So every visual rule that matters is an inline style, and
 * the page's head (html.c) only adds what a client may lack. Widths are
 * never fixed: the table is 100% of the page, cells wrap at spaces,
 * headings also after '/' and '-' and inside a CamelCase name, and long
 * words (paths) at <wbr>s.
 *
 * A table whose words fit side by side on a phone (PHONE_TABLE_PX) stays a
 * table everywhere. A wider one is a "stack" table: on a narrow screen the
 * head's media query draws each row as a block of "column: value" lines;
 * and since a client without the <style> block would show it as a table
 * wider than the phone, it breaks long words anywhere inline
 * (word-break:break-word), which the head undoes on screens wider than
 * 600 px, where its words fit whole.
 */
#include <string.h>

#include "briefing/render.h"
#include "render/html_internal.h"

/* A body cell's markup is repeated for every cell, and Gmail clips a
 * message whose HTML passes 102 KB: what is inherited (wrapping, tabular
 * figures) is set once on the table, alignment is the align attribute
 * (which every client honours and the narrow-screen CSS overrides). */
#define CELL_STYLE "padding:6px;"

static const char *const align_names[] = {
    [TABLE_ALIGN_DEFAULT] = "left",
    [TABLE_ALIGN_LEFT] = "left",
    [TABLE_ALIGN_CENTER] = "center",
    [TABLE_ALIGN_RIGHT] = "right",
};

#define LONG_WORD 20 /* code points: longer words get break opportunities */

/* The width a table may take on a phone: 375 px less the page's 16 px
 * padding on each side. A table is drawn as a stack table when its
 * columns' longest unbreakable pieces, at PX_PER_COLUMN a display column
 * (14 px text: digits are 7.8 px, capitals and bold headings wider) plus
 * the cells' padding, need more. */
#define PHONE_TABLE_PX 343
#define PX_PER_COLUMN 8
#define CELL_PADDING_PX 12

static bool is_break_after(char c)
{
    return c == '/' || c == '-' || c == '_' || c == '.';
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

/* Inside a CamelCase name, before the capital that starts a word
 * ("Dangerous|Centaur", "Quick|Dump|Now", not "Tally|HQ"). */
static bool is_camel_break(const char *c)
{
    return is_lower(c[0]) && c[1] >= 'A' && c[1] <= 'Z' && is_lower(c[2]);
}

/* Code points up to the next space. */
static size_t word_length(const char *text)
{
    size_t length = 0;
    for (; *text && *text != ' '; text++)
        length += ((unsigned char)*text & 0xC0) != 0x80;
    return length;
}

/* Where append_breakable() breaks a word: walks `text` code point by code
 * point, and says, after each, whether a <wbr> follows it. */
typedef struct {
    const char *text;
    size_t long_word;
    size_t left, run; /* code points left in a long word; since a break */
} break_walk;

/* After the byte at `c` (the last of a character unless `ends_character`
 * is false): whether a line may break there. */
static bool break_walk_step(break_walk *walk, const char *c)
{
    if (*c == ' ' || c == walk->text || c[-1] == ' ') {
        walk->left = *c == ' ' ? 0 : word_length(c);
        walk->left = walk->left > walk->long_word ? walk->left : 0;
        walk->run = 0;
    }
    bool ends_character = ((unsigned char)c[1] & 0xC0) != 0x80;
    if (walk->left == 0 || !ends_character)
        return false;
    walk->left--, walk->run++;
    bool camel = walk->long_word == 0 && is_camel_break(c);
    if (walk->left > 0 && (is_break_after(*c) || camel || walk->run >= LONG_WORD)) {
        walk->run = 0;
        return true;
    }
    return false;
}

/* A body word a browser would break after its hyphen ("one-|off", which
 * reads as two amounts' periods): a short word with a '-' after its first
 * character. It goes inside a nowrap span; long words (paths) do not, they
 * get <wbr>s instead. */
#define NOWRAP_OPEN "<span style=\"white-space:nowrap;\">"

static bool keeps_hyphens(const char *word)
{
    size_t length = strcspn(word, " ");
    const char *hyphen = memchr(word, '-', length);
    return hyphen && hyphen > word && word_length(word) <= LONG_WORD;
}

/* Escaped text with <wbr> inside every word longer than `long_word` code
 * points: after '/', '-', '_' and '.', and at least every LONG_WORD code
 * points; in a heading (`long_word` 0) also inside a CamelCase name. A
 * table sizes its columns by their longest unbreakable piece, so one long
 * path would otherwise push the page past a phone's or the desktop page's
 * width; short words ("$1,050–$1,150") stay whole. */
static void append_breakable(strbuf *out, const char *text, size_t long_word)
{
    char piece[2] = {0};
    break_walk walk = {.text = text, .long_word = long_word};
    bool in_nowrap = false;
    for (const char *c = text; *c; c++) {
        if (long_word > 0 && (c == text || c[-1] == ' ') && keeps_hyphens(c)) {
            strbuf_puts(out, NOWRAP_OPEN);
            in_nowrap = true;
        }
        piece[0] = *c;
        html_append_escaped(out, piece);
        if (in_nowrap && (c[1] == ' ' || !c[1])) {
            strbuf_puts(out, "</span>");
            in_nowrap = false;
        }
        if (break_walk_step(&walk, c))
            strbuf_puts(out, "<wbr>");
    }
}

/* The display columns of the widest piece append_breakable() leaves
 * unbroken in `text`. */
static int widest_piece(const char *text, size_t long_word)
{
    break_walk walk = {.text = text, .long_word = long_word};
    const char *start = text;
    int widest = 0;
    for (const char *c = text; *c; c++) {
        bool space = *c == ' ';
        bool breaks = break_walk_step(&walk, c);
        if (space || breaks || !c[1]) {
            const char *end = space ? c : c + 1;
            int columns = render_display_width(start, (size_t)(end - start));
            widest = columns > widest ? columns : widest;
            start = c + 1;
        }
    }
    return widest;
}

/* Whether the table's columns fit a phone without breaking a word. */
static bool fits_phone(const table_model *t)
{
    int pixels = 0;
    for (size_t c = 0; c < t->column_count; c++) {
        int widest = widest_piece(table_model_cell(t, 0, c), 0);
        for (size_t row = 1; row < t->row_count; row++) {
            int piece = widest_piece(table_model_cell(t, row, c), LONG_WORD);
            widest = piece > widest ? piece : widest;
        }
        pixels += widest * PX_PER_COLUMN + CELL_PADDING_PX;
    }
    return pixels <= PHONE_TABLE_PX;
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

/* In a stack table, the label is hidden inline (mso-hide for Outlook's
 * Word engine); only the narrow-screen media query shows it, label and
 * value side by side as two table cells so a long value wraps in its own
 * column. A table that fits a phone has no labels. */
static void body_cell(const table_model *t, size_t row, size_t c, bool stack, strbuf *out)
{
    /* puts, not printf: this runs for every cell of every table */
    strbuf_puts(out, c == 0 && stack ? "<td class=\"" HTML_FIRST_CLASS "\" align=\"" : "<td align=\"");
    strbuf_puts(out, align_names[t->aligns[c]]);
    strbuf_puts(out, "\" style=\"" CELL_STYLE "vertical-align:top;border-bottom:1px solid #d0d7de;\">");
    if (stack) {
        strbuf_puts(out, "<span class=\"" HTML_LABEL_CLASS "\" style=\"display:none;mso-hide:all;\">");
        /* a heading may be a long name; like the header row it may break
         * after a "/" ("Revenue/|month") at any length, so a narrow label
         * column never splits a word in the middle ("Revenue/mont|h") */
        append_breakable(out, table_model_cell(t, 0, c), 0);
        strbuf_puts(out, "</span><span class=\"" HTML_VALUE_CLASS "\">");
    }
    append_breakable(out, table_model_cell(t, row, c), LONG_WORD);
    if (stack)
        strbuf_puts(out, "</span>");
    strbuf_puts(out, "</td>");
}

/* overflow-wrap break-word, not anywhere: a cell breaks inside a word only
 * when the word alone is wider than the page, so columns are sized by whole
 * words. A stack table also breaks words anywhere (word-break) for clients
 * that drop the <style> block: on a phone it would otherwise be wider than
 * the screen. */
void table_html_write(const table_model *t, strbuf *out)
{
    bool stack = !fits_phone(t);
    strbuf_puts(out, stack ? "<table class=\"" HTML_TABLE_CLASS " " HTML_STACK_CLASS "\""
                           : "<table class=\"" HTML_TABLE_CLASS "\"");
    strbuf_puts(out, " role=\"table\" width=\"100%\" "
                     "cellpadding=\"0\" cellspacing=\"0\" border=\"0\" "
                     "style=\"width:100%;border-collapse:collapse;margin:0 0 1em 0;"
                     "font-size:14px;line-height:1.4;font-variant-numeric:tabular-nums;"
                     "overflow-wrap:break-word;word-wrap:break-word;");
    strbuf_puts(out, stack ? "word-break:break-word;\">\n" : "\">\n");
    header_row(t, out);
    strbuf_puts(out, "<tbody>\n");
    for (size_t row = 1; row < t->row_count; row++) {
        strbuf_puts(out, "<tr>");
        for (size_t c = 0; c < t->column_count; c++)
            body_cell(t, row, c, stack, out);
        strbuf_puts(out, "</tr>\n");
    }
    strbuf_puts(out, "</tbody>\n</table>\n");
}
