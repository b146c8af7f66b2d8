/* wrap: a paragraph's inline content into lines no wider than the room left
 * after the prefixes.
 *
 * The inline tree is first flattened into styled runs (text in `scratch`),
 * then cut into words at whitespace. A word may cross runs ("**net**,") and
 * keeps each piece's style. Whitespace between words collapses to one space.
 * A word wider than the whole line (docs/rendering.md, Paragraphs): a URL
 * stays whole, alone on its line, so it can still be clicked and copied;
 * any other word is broken after its last '/' that fits, else between code
 * points (never inside a UTF-8 sequence, never inside a file:line's ":13"),
 * and each line it continues on starts with WRAP_CONTINUATION. A code span
 * that fits the line is one word: its spaces do not break it.
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
         * reader sees where the text to type starts and ends. One run per
         * span, marks included, so the wrapper can keep the span whole. */
        add_run(w, STYLE_CODE, "`", w->options.plain ? 1 : 0, false);
        strbuf_append(&w->scratch, literal, strlen(literal));
        if (w->options.plain)
            strbuf_append(&w->scratch, "`", 1);
        w->runs[w->run_count - 1].length = w->scratch.len - w->runs[w->run_count - 1].offset;
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

/* Whether a break before text[at] would cut a line reference: it falls
 * between ':' and its digits, among the digits, or just before the ':'
 * ("index.html" / ":13"), so the file's last character stays with it. */
static bool cuts_line_reference(const char *text, size_t length, size_t at)
{
    if (at + 1 < length && text[at] == ':' && isdigit((unsigned char)text[at + 1]))
        return true;
    size_t digits_start = at;
    while (digits_start > 0 && isdigit((unsigned char)text[digits_start - 1]))
        digits_start--;
    return at < length && isdigit((unsigned char)text[at]) && digits_start > 0 &&
           text[digits_start - 1] == ':';
}

/* Where to end the piece of text[start, length) that holds at most `room`
 * columns: after the last '/' in it, else after the last code point that
 * fits and does not cut a line reference. Always past `start`, so a line
 * narrower than one character still takes one and the loop ends. */
static size_t broken_piece_end(const char *text, size_t length, size_t start, int room)
{
    size_t fits = start, after_slash = start, whole_char = start;
    int columns = 0;
    for (size_t at = start; at < length;) {
        unsigned int codepoint;
        size_t size = utf8_decode(text + at, length - at, &codepoint);
        columns += render_codepoint_width(codepoint);
        if (columns > room && at > start)
            break;
        at += size;
        fits = at;
        if (codepoint == '/')
            after_slash = at;
        if (at < length && !cuts_line_reference(text, length, at))
            whole_char = at;
    }
    if (fits == length)
        return length;
    if (after_slash > start)
        return after_slash;
    return whole_char > start ? whole_char : fits;
}

/* Places text[from, to) of the word with each piece's own style. */
static void place_word_bytes(wrapper *wrap, size_t from, size_t to)
{
    walk *w = wrap->w;
    for (size_t i = 0; i < w->word_count; i++) {
        const walk_run *piece = &w->word[i];
        size_t start = piece->offset > from ? piece->offset : from;
        size_t end = piece->offset + piece->length < to ? piece->offset + piece->length : to;
        if (start < end)
            place(wrap, piece->style, w->scratch.data + start, end - start,
                  render_display_width(w->scratch.data + start, end - start));
    }
}

/* A word wider than the line: as much per line as broken_piece_end allows,
 * each further line opening with the continuation mark, unless the room (a
 * deeply nested item in a narrow pane) cannot hold the mark and a
 * character. The pieces of one word lie side by side in scratch. */
static void place_broken(wrapper *wrap)
{
    walk *w = wrap->w;
    size_t base = w->word[0].offset;
    const walk_run *last = &w->word[w->word_count - 1];
    const char *text = w->scratch.data + base;
    size_t length = last->offset + last->length - base;
    size_t at = 0;
    while (at < length) {
        if (at > 0) {
            walk_begin_line(w);
            if (WRAP_CONTINUATION_COLUMNS + 1 <= wrap->available)
                place(wrap, w->word[0].style, WRAP_CONTINUATION, strlen(WRAP_CONTINUATION),
                      WRAP_CONTINUATION_COLUMNS);
        }
        int room = wrap->available - (w->line_open ? w->column : 0);
        size_t end = broken_piece_end(text, length, at, room);
        place_word_bytes(wrap, base + at, base + end);
        at = end;
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
    bool whole = wrap->word_width <= wrap->available - (w->line_open ? w->column : 0) ||
                 word_is_url(w);
    if (whole)
        place_word_bytes(wrap, 0, w->scratch.len);
    else
        place_broken(wrap);
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
    /* A code span that fits the line is one word (docs/rendering.md) */
    bool span_whole = run->style == STYLE_CODE &&
                      render_display_width(text, run->length) <= wrap->available;
    while (at < run->length) {
        unsigned int codepoint;
        size_t size = utf8_decode(text + at, run->length - at, &codepoint);
        if (!span_whole && (codepoint == ' ' || codepoint == '\t' || codepoint == '\n')) {
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
