/* wrap: a paragraph's inline content into lines no wider than the room left
 * after the prefixes.
 *
 * The inline tree is first flattened into styled runs (text in `scratch`),
 * then cut into words at whitespace. A word may cross runs ("**net**,") and
 * keeps each piece's style. Whitespace between words collapses to one space.
 * A word wider than the whole line (docs/rendering.md, Paragraphs): a URL
 * stays whole, alone on its line, so it can still be clicked and copied;
 * any other word is broken between code points, never inside a UTF-8
 * sequence, and each line it continues on starts with WRAP_CONTINUATION.
 * Links show their address after the text ("text <url>") unless the text
 * already is the address.
 */
#include <ctype.h>
#include <string.h>

#include "briefing/utf8.h"
#include "render/walk.h"

/* Starts each line a broken word continues on, as listings and vim's
 * showbreak mark a continued line: the reader sees one word going on, not
 * two words. U+21AA, one column. */
#define WRAP_CONTINUATION "\xe2\x86\xaa"
enum { WRAP_CONTINUATION_COLUMNS = 1 };

/* ASCII and the Latin-1 letters (U+00E0-U+00FE but not U+00F7 '÷', whose
 * capitals are 0x20 below), so "Détails" becomes "DÉTAILS". Other scripts are
 * left as they are: case mapping beyond that needs Unicode tables. Lengths
 * never change, so runs keep their offsets. */
static void upper_case_in_place(char *text, size_t length)
{
    unsigned char *bytes = (unsigned char *)text;
    for (size_t i = 0; i < length; i++) {
        if (bytes[i] == 0xC3 && i + 1 < length && bytes[i + 1] >= 0xA0 &&
            bytes[i + 1] <= 0xBE && bytes[i + 1] != 0xB7)
            bytes[++i] -= 0x20;
        else if (bytes[i] < 0x80)
            bytes[i] = (unsigned char)toupper(bytes[i]);
    }
}

static void add_run(walk *w, render_style style, const char *text, size_t length, bool upper_case)
{
    walk_run *run = walk_push((void **)&w->runs, &w->run_count, &w->run_capacity, sizeof *run);
    run->style = style;
    run->offset = w->scratch.len;
    run->length = length;
    strbuf_append(&w->scratch, text, length);
    if (upper_case)
        upper_case_in_place(w->scratch.data + run->offset, length);
}

static void add_hard_break(walk *w)
{
    walk_run *run = walk_push((void **)&w->runs, &w->run_count, &w->run_capacity, sizeof *run);
    run->hard_break = true;
}

static bool same_as_url(const walk *w, size_t text_start, const char *url)
{
    size_t length = w->scratch.len - text_start;
    const char *text = w->scratch.data ? w->scratch.data + text_start : "";
    if (strncmp(url, "mailto:", 7) == 0 && strlen(url + 7) == length)
        url += 7;
    return strlen(url) == length && memcmp(text, url, length) == 0;
}

static void collect_inlines(walk *w, cmark_node *parent, render_style style, bool upper_case);

static void collect_link(walk *w, cmark_node *node, bool upper_case)
{
    size_t text_start = w->scratch.len;
    collect_inlines(w, node, STYLE_LINK, upper_case);
    const char *url = cmark_node_get_url(node);
    if (!url || !*url || same_as_url(w, text_start, url))
        return;
    add_run(w, STYLE_LINK, " <", 2, false);
    add_run(w, STYLE_LINK, url, strlen(url), false);
    add_run(w, STYLE_LINK, ">", 1, false);
}

static void collect_inline(walk *w, cmark_node *node, render_style style, bool upper_case)
{
    const char *literal = cmark_node_get_literal(node);
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
        add_run(w, style, literal, strlen(literal), upper_case);
        return;
    case CMARK_NODE_CODE:
        /* text/plain has no style to mark code: its backticks stay, so a
         * reader sees where the text to type starts and ends */
        if (w->options.plain)
            add_run(w, STYLE_CODE, "`", 1, false);
        add_run(w, STYLE_CODE, literal, strlen(literal), false);
        if (w->options.plain)
            add_run(w, STYLE_CODE, "`", 1, false);
        return;
    case CMARK_NODE_SOFTBREAK:
        add_run(w, style, " ", 1, false);
        return;
    case CMARK_NODE_LINEBREAK:
        add_hard_break(w);
        return;
    case CMARK_NODE_STRONG:
        collect_inlines(w, node, style == STYLE_LINK ? style : STYLE_STRONG, upper_case);
        return;
    case CMARK_NODE_EMPH:
        collect_inlines(w, node, style == STYLE_LINK ? style : STYLE_EMPHASIS, upper_case);
        return;
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
        collect_link(w, node, upper_case);
        return;
    default:
        collect_inlines(w, node, style, upper_case);
        return;
    }
}

static void collect_inlines(walk *w, cmark_node *parent, render_style style, bool upper_case)
{
    for (cmark_node *node = cmark_node_first_child(parent); node; node = cmark_node_next(node))
        collect_inline(w, node, style, upper_case);
}

/* The wrapper's state between words. */
typedef struct {
    walk *w;
    int available;
    int widest;
    int word_width;
    bool space_pending;
    render_style space_style;
    bool line_has_word;       /* place_broken: this line holds part of the word */
} wrapper;

static void place(wrapper *wrap, render_style style, const char *bytes, size_t length, int columns)
{
    walk *w = wrap->w;
    if (!w->line_open)
        walk_begin_line(w);
    walk_emit(w, style, bytes, length);
    w->column += columns;
    if (w->column > wrap->widest)
        wrap->widest = w->column;
}

/* A piece of a word wider than the line: as many code points per line as
 * fit, each further line opening with the continuation mark, unless the
 * room (a deeply nested item in a narrow pane) cannot hold the mark and a
 * character. Every line takes at least one code point, so a character
 * wider than the room overflows rather than looping. */
static void place_broken(wrapper *wrap, const walk_run *piece)
{
    walk *w = wrap->w;
    const char *text = w->scratch.data + piece->offset;
    size_t at = 0;
    while (at < piece->length) {
        unsigned int codepoint;
        size_t size = utf8_decode(text + at, piece->length - at, &codepoint);
        int columns = render_codepoint_width(codepoint);
        if (wrap->line_has_word && w->column + columns > wrap->available) {
            walk_begin_line(w);
            if (WRAP_CONTINUATION_COLUMNS + columns <= wrap->available)
                place(wrap, piece->style, WRAP_CONTINUATION, strlen(WRAP_CONTINUATION),
                      WRAP_CONTINUATION_COLUMNS);
            wrap->line_has_word = false;
        }
        place(wrap, piece->style, text + at, size, columns);
        wrap->line_has_word = true;
        at += size;
    }
}

/* Whether the address after "://" (text[at, length)) starts with a user
 * and a password ("user:secret@host"): a credential, such as a masked one
 * the site scan quotes, is not a link anyone should click. */
static bool holds_password(const char *text, size_t length, size_t at)
{
    size_t end = at;
    while (end < length && !strchr("/?#\"'>) ", text[end]))
        end++;
    const char *at_sign = memchr(text + at, '@', end - at);
    return at_sign && memchr(text + at, ':', (size_t)(at_sign - (text + at))) != NULL;
}

/* A word read as a URL: it holds "://" (but no password before the host),
 * or starts with "mailto:" or "www." after an opening bracket or quote. */
static bool word_is_url(const walk *w)
{
    const walk_run *last = &w->word[w->word_count - 1];
    const char *text = w->scratch.data + w->word[0].offset;
    size_t length = last->offset + last->length - w->word[0].offset;
    size_t lead = 0;
    while (lead < length && strchr("(<[\"'", text[lead]))
        lead++;
    for (size_t i = 0; i + 3 <= length; i++)
        if (memcmp(text + i, "://", 3) == 0)
            return !holds_password(text, length, i + 3);
    return (length - lead >= 7 && strncmp(text + lead, "mailto:", 7) == 0) ||
           (length - lead >= 4 && strncmp(text + lead, "www.", 4) == 0);
}

static void flush_word(wrapper *wrap)
{
    walk *w = wrap->w;
    if (w->word_count == 0)
        return;
    bool has_content = w->line_open && w->column > 0;
    int space = has_content && wrap->space_pending ? 1 : 0;
    if (has_content && w->column + space + wrap->word_width > wrap->available) {
        walk_begin_line(w);
        space = 0;
    }
    if (space)
        place(wrap, wrap->space_style, " ", 1, 1);
    /* The pieces of one word lie side by side in scratch. */
    bool whole = wrap->word_width <= wrap->available - (w->line_open ? w->column : 0) ||
                 word_is_url(w);
    wrap->line_has_word = false;
    for (size_t i = 0; i < w->word_count; i++) {
        const walk_run *piece = &w->word[i];
        if (whole)
            place(wrap, piece->style, w->scratch.data + piece->offset, piece->length,
                  render_display_width(w->scratch.data + piece->offset, piece->length));
        else
            place_broken(wrap, piece);
    }
    w->word_count = 0;
    wrap->word_width = 0;
    wrap->space_pending = false;
}

static void add_to_word(wrapper *wrap, render_style style, size_t offset, size_t length, int columns)
{
    walk *w = wrap->w;
    walk_run *last = w->word_count ? &w->word[w->word_count - 1] : NULL;
    if (last && last->style == style && last->offset + last->length == offset) {
        last->length += length;
    } else {
        walk_run *piece = walk_push((void **)&w->word, &w->word_count, &w->word_capacity,
                                    sizeof *piece);
        piece->style = style;
        piece->offset = offset;
        piece->length = length;
    }
    wrap->word_width += columns;
}

static void wrap_run(wrapper *wrap, const walk_run *run)
{
    walk *w = wrap->w;
    const char *text = w->scratch.data + run->offset;
    size_t at = 0;
    while (at < run->length) {
        unsigned int codepoint;
        size_t size = utf8_decode(text + at, run->length - at, &codepoint);
        if (codepoint == ' ' || codepoint == '\t' || codepoint == '\n') {
            flush_word(wrap);
            wrap->space_pending = true;
            wrap->space_style = run->style;
        } else {
            add_to_word(wrap, run->style, run->offset + at, size, render_codepoint_width(codepoint));
        }
        at += size;
    }
}

int walk_inline_block(walk *w, cmark_node *block, render_style base, bool upper_case)
{
    w->run_count = 0;
    w->word_count = 0;
    strbuf_truncate(&w->scratch, 0);
    collect_inlines(w, block, base, upper_case);
    wrapper wrap = {.w = w, .available = walk_available_width(w)};
    for (size_t i = 0; i < w->run_count; i++) {
        const walk_run *run = &w->runs[i];
        if (run->hard_break) {
            flush_word(&wrap);
            walk_begin_line(w);
            wrap.space_pending = false;
        } else {
            wrap_run(&wrap, run);
        }
    }
    flush_word(&wrap);
    return wrap.widest;
}
