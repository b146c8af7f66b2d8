/* table_html: a table model as e-mail-safe HTML tables.
 *
 * Mail clients differ: Gmail and Apple Mail honour a <style> block's media
 * queries, Outlook on Windows reads <style> but no media query and draws
 * with Word, several webmails and the Gmail app on non-Google accounts
 * drop <style> altogether. So what a client shows without any CSS must
 * read well on a phone (docs/rendering.md, "Phones"):
 *
 *  - a table whose words fit side by side on a phone (PHONE_TABLE_PX) is
 *    one table, styled inline;
 *  - a wider one is written twice: a phone form styled inline and shown by
 *    default (column groups repeating the key columns, or records of
 *    "heading | value" lines), and the whole table as a desktop form,
 *    hidden inline and from Outlook, that the head's min-width media query
 *    shows in place of the phone form. The desktop form's cells carry no
 *    style: the <style> block that shows it also draws it.
 *
 * Gmail clips a message past 102 KB, so markup repeated per cell is kept
 * short: padding is the table's cellpadding, alignment the align
 * attribute, vertical alignment the row's valign; fonts and wrapping are
 * set once on the table.
 */
#include <stdlib.h>
#include <string.h>

#include "briefing/render.h"
#include "render/html_internal.h"

/* A body cell's opening tag by its column's alignment. */
static const char *const td_open[] = {
    [TABLE_ALIGN_DEFAULT] = "<td>",
    [TABLE_ALIGN_LEFT] = "<td>",
    [TABLE_ALIGN_CENTER] = "<td align=\"center\">",
    [TABLE_ALIGN_RIGHT] = "<td align=\"right\">",
};

static const char *const align_names[] = {
    [TABLE_ALIGN_DEFAULT] = "left",
    [TABLE_ALIGN_LEFT] = "left",
    [TABLE_ALIGN_CENTER] = "center",
    [TABLE_ALIGN_RIGHT] = "right",
};

#define LONG_WORD 20 /* code points: longer words get break opportunities */

/* The width a table may take on a phone: 375 px less the page's 16 px
 * padding on each side. A table gets a phone form when its columns'
 * longest unbreakable pieces, at PX_PER_COLUMN a display column (14 px
 * text: digits are 7.8 px, capitals wider) or HEADING_PX_PER_COLUMN in a
 * heading (bold), plus the cells' padding, need more; a column group must
 * fit it too. */
#define PHONE_TABLE_PX 343
#define PX_PER_COLUMN 8
#define HEADING_PX_PER_COLUMN 9
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

/* The estimated pixels of column `c` on a phone: its widest unbroken
 * piece (headings break inside CamelCase names, body cells only in long
 * words) plus the cell's padding. */
static int column_pixels(const table_model *t, size_t c)
{
    int widest = widest_piece(table_model_cell(t, 0, c), 0) * HEADING_PX_PER_COLUMN;
    for (size_t row = 1; row < t->row_count; row++) {
        int piece = widest_piece(table_model_cell(t, row, c), LONG_WORD) * PX_PER_COLUMN;
        widest = piece > widest ? piece : widest;
    }
    return widest + CELL_PADDING_PX;
}

/* The rule under a body row and under the header; the records' rule
 * between two records. */
#define RULE_COLOUR "#d0d7de"
#define TABLE_STYLE                                                                        \
    "width:100%;border-collapse:collapse;margin:0 0 1em 0;font-size:14px;line-height:1.4;" \
    "font-variant-numeric:tabular-nums;overflow-wrap:break-word;word-wrap:break-word;"

/* How a form of a table is written. The desktop form is hidden inline and,
 * between the conditional comments, from Outlook's Word engine (which
 * ignores display:none); only the head's min-width media query shows it,
 * and draws its rules. The other forms draw the rule under a body row on
 * the row (one style a row, not one a cell; Outlook, which ignores a
 * row's border, shows the rows apart by their padding alone). */
typedef struct {
    const char *open;  /* up to the class attribute's end */
    const char *style; /* added to TABLE_STYLE */
    const char *close;
    const char *row; /* a body row's opening tag */
} table_form;

#define ROW_WITH_RULE "<tr valign=\"top\" style=\"border-bottom:1px solid " RULE_COLOUR ";\">"

static const table_form form_whole = {
    "<table class=\"" HTML_TABLE_CLASS "\"", "", "</table>\n", ROW_WITH_RULE,
};
static const table_form form_phone = {
    "<table class=\"" HTML_TABLE_CLASS " " HTML_PHONE_CLASS "\"", "", "</table>\n", ROW_WITH_RULE,
};
static const table_form form_records = {
    "<table class=\"" HTML_TABLE_CLASS " " HTML_PHONE_CLASS " " HTML_RECORDS_CLASS "\"", "",
    "</table>\n", "",
};
static const table_form form_desktop = {
    "<!--[if !mso]><!--><table class=\"" HTML_TABLE_CLASS " " HTML_DESKTOP_CLASS "\"",
    "display:none;", "</table><!--<![endif]-->\n", "<tr valign=\"top\">",
};

static void table_open(const table_form *form, const char *cellpadding, strbuf *out)
{
    strbuf_puts(out, form->open);
    strbuf_puts(out, " role=\"table\" width=\"100%\" cellpadding=\"");
    strbuf_puts(out, cellpadding);
    strbuf_puts(out, "\" cellspacing=\"0\" border=\"0\" style=\"" TABLE_STYLE);
    strbuf_puts(out, form->style);
    strbuf_puts(out, "\">\n");
}

/* The columns one form of a table draws: all of them, or a group's key
 * columns and its share of the others. */
typedef struct {
    const size_t *items;
    size_t count;
} column_list;

static void header_row(const table_model *t, column_list columns, strbuf *out)
{
    strbuf_puts(out, "<thead>\n<tr valign=\"bottom\">");
    for (size_t i = 0; i < columns.count; i++) {
        size_t c = columns.items[i];
        strbuf_puts(out, "<th scope=\"col\" align=\"");
        strbuf_puts(out, align_names[t->aligns[c]]);
        strbuf_puts(out, "\" style=\"font-weight:600;border-bottom:2px solid " RULE_COLOUR
                         ";background:#f6f8fa;\">");
        append_breakable(out, table_model_cell(t, 0, c), 0);
        strbuf_puts(out, "</th>");
    }
    strbuf_puts(out, "</tr>\n</thead>\n");
}

/* One table of `columns`, as `form` writes it. */
static void write_columns(const table_model *t, column_list columns, const table_form *form,
                          strbuf *out)
{
    table_open(form, "6", out);
    header_row(t, columns, out);
    strbuf_puts(out, "<tbody>\n");
    for (size_t row = 1; row < t->row_count; row++) {
        strbuf_puts(out, form->row);
        for (size_t i = 0; i < columns.count; i++) {
            size_t c = columns.items[i];
            /* puts, not printf: this runs for every cell of every table;
             * left is a cell's default alignment */
            strbuf_puts(out, td_open[t->aligns[c]]);
            append_breakable(out, table_model_cell(t, row, c), LONG_WORD);
            strbuf_puts(out, "</td>");
        }
        strbuf_puts(out, "</tr>\n");
    }
    strbuf_puts(out, "</tbody>\n");
    strbuf_puts(out, form->close);
}

/* The phone form as records: a two-column table, each body row a block of
 * heading | value lines, the first value bold and a rule above the block;
 * a cell that says nothing is left out after the first line. */
static void write_records(const table_model *t, strbuf *out)
{
    table_open(&form_records, "3", out);
    strbuf_puts(out, "<tbody>\n");
    for (size_t row = 1; row < t->row_count; row++) {
        for (size_t c = 0; c < t->column_count; c++) {
            const char *cell = table_model_cell(t, row, c);
            if (c > 0 && table_cell_is_empty(cell))
                continue;
            strbuf_puts(out, c == 0 ? "<tr valign=\"top\" style=\"border-top:2px solid " RULE_COLOUR
                                      ";\">"
                                    : "<tr valign=\"top\">");
            strbuf_puts(out, "<th scope=\"row\" align=\"left\" style=\"color:#57606a;\">");
            append_breakable(out, table_model_cell(t, 0, c), 0);
            strbuf_puts(out, c == 0 ? "</th><td style=\"font-weight:600;\">" : "</th><td>");
            append_breakable(out, cell, LONG_WORD);
            strbuf_puts(out, "</td></tr>\n");
        }
    }
    strbuf_puts(out, "</tbody>\n");
    strbuf_puts(out, form_records.close);
}

/* How many columns after the `keys` key columns each group holds, in
 * `sizes`: the fewest groups that fit the phone, the columns shared out
 * evenly when that still fits (five go 2 + 2 + 1, not 3 + 1 + 1 when
 * three fit). Returns the number of groups, 0 when one column beside the
 * key does not fit. */
static size_t group_sizes(const int *pixels, size_t total, size_t keys, size_t *sizes)
{
    int room = PHONE_TABLE_PX;
    for (size_t c = 0; c < keys; c++)
        room -= pixels[c];
    size_t groups = 0;
    for (size_t first = keys; first < total; first += sizes[groups++]) {
        int used = 0;
        sizes[groups] = 0;
        while (first + sizes[groups] < total && used + pixels[first + sizes[groups]] <= room)
            used += pixels[first + sizes[groups]++];
        if (sizes[groups] == 0)
            return 0;
    }
    size_t rest = total - keys, first = keys;
    bool even = true;
    for (size_t g = 0; g < groups && even; g++) {
        size_t size = rest / groups + (g < rest % groups ? 1 : 0);
        int used = 0;
        for (size_t c = first; c < first + size; c++)
            used += pixels[c];
        even = used <= room;
        first += size;
    }
    for (size_t g = 0; g < groups && even; g++)
        sizes[g] = rest / groups + (g < rest % groups ? 1 : 0);
    return groups;
}

/* Column groups suit a grid of figures: every column beside the key
 * right-aligned (a chart of accounts, entities as columns), compared down
 * and across; and only when the groups are fewer than the columns they
 * share out (groups of one column each would be records that repeat their
 * key). A table of words (a shortfall, a receivable with its state and
 * source) reads better as records. */
static bool groups_suit(const table_model *t, size_t groups, size_t keys)
{
    for (size_t c = keys; c < t->column_count; c++)
        if (t->aligns[c] != TABLE_ALIGN_RIGHT)
            return false;
    return groups > 0 && groups < t->column_count - keys;
}

/* The phone form as column groups; false (nothing written) when they do
 * not suit the table. */
static bool write_groups(const table_model *t, const int *pixels, strbuf *out)
{
    size_t n = t->column_count;
    size_t *sizes = calloc(n, sizeof *sizes);
    size_t *items = calloc(n, sizeof *items);
    if (!sizes || !items)
        abort();
    size_t keys = table_model_key_columns(t);
    size_t groups = group_sizes(pixels, n, keys, sizes);
    if (!groups_suit(t, groups, keys) && keys > 1)
        groups = group_sizes(pixels, n, keys = 1, sizes);
    if (!groups_suit(t, groups, keys))
        groups = 0;
    for (size_t g = 0, first = keys; g < groups; first += sizes[g++]) {
        for (size_t c = 0; c < keys; c++)
            items[c] = c;
        for (size_t c = 0; c < sizes[g]; c++)
            items[keys + c] = first + c;
        write_columns(t, (column_list){items, keys + sizes[g]}, &form_phone, out);
    }
    free(sizes);
    free(items);
    return groups > 0;
}

void table_html_write(const table_model *t, strbuf *out)
{
    size_t n = t->column_count;
    int *pixels = calloc(n, sizeof *pixels);
    size_t *all = calloc(n, sizeof *all);
    if (!pixels || !all)
        abort();
    int total = 0;
    for (size_t c = 0; c < n; c++) {
        all[c] = c;
        pixels[c] = column_pixels(t, c);
        total += pixels[c];
    }
    column_list every = {all, n};
    if (total <= PHONE_TABLE_PX || t->row_count < 2) {
        write_columns(t, every, &form_whole, out);
    } else {
        if (!write_groups(t, pixels, out))
            write_records(t, out);
        write_columns(t, every, &form_desktop, out);
    }
    free(pixels);
    free(all);
}
