/* render_layout: walks the block structure of a cmark document into lines.
 *
 * Blocks are separated by exactly one blank line, except inside tight lists
 * where items and their nested blocks follow each other directly. The blank
 * line carries the enclosing containers' prefixes (a "> " inside a quote is
 * kept as ">"), so quotes stay visually joined.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/walk.h"

void *walk_push(void **items, size_t *count, size_t *capacity, size_t size)
{
    if (*count == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 16;
        void *fresh = realloc(*items, grown * size);
        if (!fresh) {
            fprintf(stderr, "render: out of memory\n");
            abort();
        }
        *items = fresh;
        *capacity = grown;
    }
    void *slot = (char *)*items + *count * size;
    memset(slot, 0, size);
    (*count)++;
    return slot;
}

static bool all_spaces(const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (bytes[i] != ' ')
            return false;
    return true;
}

static layout_line *current_line(walk *w)
{
    return &w->out->lines[w->out->line_count - 1];
}

void walk_emit(walk *w, render_style style, const char *bytes, size_t length)
{
    layout *out = w->out;
    layout_line *line = current_line(w);
    if (length == 0)
        return;
    if (line->span_count == 0 && all_spaces(bytes, length)) {
        line->indent += (int)length;
        return;
    }
    layout_span *last = line->span_count ? &out->spans[out->span_count - 1] : NULL;
    if (last && last->style == style) {
        last->length += length;
    } else {
        layout_span *span = arena_push(&out->memory, (void **)&out->spans, &out->span_count,
                                       &out->span_capacity, sizeof *span);
        span->style = style;
        span->offset = out->text.len;
        span->length = length;
        line->span_count++;
    }
    strbuf_append(&out->text, bytes, length);
}

static void open_line(walk *w)
{
    layout *out = w->out;
    layout_line *line = arena_push(&out->memory, (void **)&out->lines, &out->line_count,
                                   &out->line_capacity, sizeof *line);
    line->first_span = out->span_count;
    w->line_open = true;
}

void walk_begin_line(walk *w)
{
    if (w->line_open)
        walk_end_line(w);
    if (w->blank_pending) {
        w->blank_pending = false;
        open_line(w);
        for (size_t i = 0; i < w->blank_depth; i++)
            walk_emit(w, w->prefixes[i].style, w->prefixes[i].rest, w->prefixes[i].length);
        walk_end_line(w);
    }
    open_line(w);
    for (size_t i = 0; i < w->prefix_count; i++) {
        walk_prefix *prefix = &w->prefixes[i];
        walk_emit(w, prefix->style, prefix->used ? prefix->rest : prefix->first, prefix->length);
        prefix->used = true;
    }
    w->line_open = true;
    w->column = 0;
}

/* Trailing spaces go: they are invisible in text and wrap badly in mail. */
void walk_end_line(walk *w)
{
    layout *out = w->out;
    layout_line *line = current_line(w);
    while (line->span_count) {
        layout_span *last = &out->spans[out->span_count - 1];
        while (last->length && out->text.data[last->offset + last->length - 1] == ' ')
            last->length--;
        strbuf_truncate(&out->text, last->offset + last->length);
        if (last->length)
            break;
        out->span_count--;
        line->span_count--;
    }
    if (line->span_count == 0)
        line->indent = 0;
    w->line_open = false;
}

int walk_available_width(const walk *w)
{
    int available = w->options.width - w->prefix_width;
    return available > 0 ? available : 1;
}

static void push_prefix(walk *w, render_style style, const char *first, const char *rest)
{
    walk_prefix *prefix = walk_push((void **)&w->prefixes, &w->prefix_count,
                                    &w->prefix_capacity, sizeof *prefix);
    snprintf(prefix->first, sizeof prefix->first, "%s", first);
    snprintf(prefix->rest, sizeof prefix->rest, "%s", rest);
    prefix->length = strlen(prefix->first);
    prefix->style = style;
    w->prefix_width += (int)prefix->length;
}

static void pop_prefix(walk *w)
{
    w->prefix_count--;
    w->prefix_width -= (int)w->prefixes[w->prefix_count].length;
}

/* Code lines are drawn as they are: never wrapped or re-spaced (only
 * trailing spaces and empty lines at either end go). Tabs become spaces to the next multiple of 8 columns: a tab's width
 * depends on where the terminal or mail reader thinks it started. */
static void emit_expanding_tabs(walk *w, render_style style, const char *line, size_t length)
{
    static const char spaces[] = "        ";
    int column = 0;
    while (length) {
        const char *tab = memchr(line, '\t', length);
        size_t run = tab ? (size_t)(tab - line) : length;
        walk_emit(w, style, line, run);
        column += render_display_width(line, run);
        if (!tab)
            return;
        int pad = 8 - column % 8;
        walk_emit(w, style, spaces, (size_t)pad);
        column += pad;
        line += run + 1;
        length -= run + 1;
    }
}

/* Skips empty (or all-blank) lines at the start, and returns the length
 * without the empty lines and spaces at the end: blank lines at either end of
 * a block would double the one blank line between blocks. */
static size_t trim_empty_lines(const char **literal)
{
    const char *text = *literal ? *literal : "";
    for (size_t spaces = strspn(text, " \t"); text[spaces] == '\n'; spaces = strspn(text, " \t"))
        text += spaces + 1;
    size_t length = strlen(text);
    while (length && strchr(" \t\n", text[length - 1]))
        length--;
    *literal = text;
    return length;
}

static void verbatim_lines(walk *w, const char *literal, render_style style, const char *indent)
{
    size_t length = trim_empty_lines(&literal);
    if (length == 0)
        return; /* an empty block draws nothing, not one empty line */
    const char *end = literal + length;
    for (const char *line = literal; line <= end;) {
        const char *newline = memchr(line, '\n', (size_t)(end - line));
        const char *line_end = newline ? newline : end;
        walk_begin_line(w);
        walk_emit(w, style, indent, strlen(indent));
        emit_expanding_tabs(w, style, line, (size_t)(line_end - line));
        walk_end_line(w);
        if (!newline)
            break;
        line = newline + 1;
    }
}

static void rule_line(walk *w, render_style style, char fill, int columns)
{
    walk_begin_line(w);
    for (int i = 0; i < columns; i++)
        walk_emit(w, style, &fill, 1);
    walk_end_line(w);
}

static const render_style heading_styles[] = {STYLE_HEADING1, STYLE_HEADING2, STYLE_HEADING3};

static void heading(walk *w, cmark_node *node)
{
    int level = cmark_node_get_heading_level(node);
    if (level > 3)
        level = 3; /* levels 4-6 are drawn like 3: reports use three levels */
    bool upper_case = w->options.plain && level == 1;
    int widest = walk_inline_block(w, node, heading_styles[level - 1], upper_case);
    if (w->line_open)
        walk_end_line(w);
    if (w->options.plain && level <= 2 && widest > 0)
        rule_line(w, heading_styles[level - 1], level == 1 ? '=' : '-', widest);
}

static void code_block(walk *w, cmark_node *node)
{
    verbatim_lines(w, cmark_node_get_literal(node), STYLE_CODE, "  ");
}

/* A table (a top-level pipe-table paragraph or a ```table block of pipe
 * rows) drawn in columns; false when `node` is not one. */
static bool table(walk *w, cmark_node *node)
{
    table_model t;
    if (!table_model_from_node(&t, node, &w->source))
        return false;
    walk_table(w, &t);
    table_model_free(&t);
    return true;
}

static void layout_block(walk *w, cmark_node *node);

static bool in_tight_list(cmark_node *node)
{
    cmark_node *parent = cmark_node_parent(node);
    if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM)
        parent = cmark_node_parent(parent);
    return parent && cmark_node_get_type(parent) == CMARK_NODE_LIST &&
           cmark_node_get_list_tight(parent);
}

static void separate(walk *w, cmark_node *node)
{
    if (cmark_node_previous(node) && !in_tight_list(node) && w->out->line_count > 0) {
        if (!w->blank_pending || w->prefix_count < w->blank_depth)
            w->blank_depth = w->prefix_count;
        w->blank_pending = true;
    }
}

static void layout_children(walk *w, cmark_node *node)
{
    for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        separate(w, child);
        layout_block(w, child);
    }
}

static void list(walk *w, cmark_node *node)
{
    bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    char delimiter = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.';
    int number = cmark_node_get_list_start(node);
    for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
        char marker[24] = "- ";
        if (ordered)
            snprintf(marker, sizeof marker, "%d%c ", number++, delimiter);
        char hanging[24];
        snprintf(hanging, sizeof hanging, "%*s", (int)strlen(marker), "");
        separate(w, item);
        push_prefix(w, STYLE_BULLET, marker, hanging);
        layout_children(w, item);
        pop_prefix(w);
    }
}

static void layout_block(walk *w, cmark_node *node)
{
    if (table(w, node))
        return;
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_BLOCK_QUOTE:
        push_prefix(w, STYLE_QUOTE, "> ", "> ");
        layout_children(w, node);
        pop_prefix(w);
        return;
    case CMARK_NODE_LIST:
        list(w, node);
        return;
    case CMARK_NODE_PARAGRAPH:
        walk_inline_block(w, node, STYLE_BODY, false);
        if (w->line_open)
            walk_end_line(w);
        return;
    case CMARK_NODE_HEADING:
        heading(w, node);
        return;
    case CMARK_NODE_CODE_BLOCK:
        code_block(w, node);
        return;
    case CMARK_NODE_HTML_BLOCK:
        /* raw HTML is shown as the source it is (the HTML part omits it) */
        verbatim_lines(w, cmark_node_get_literal(node), STYLE_CODE, "");
        return;
    case CMARK_NODE_THEMATIC_BREAK:
        rule_line(w, STYLE_RULE, '-', walk_available_width(w));
        return;
    default: /* document, custom blocks, items reached directly */
        layout_children(w, node);
        return;
    }
}

void layout_markdown(layout *out, const char *markdown, size_t length, layout_options options)
{
    memset(out, 0, sizeof *out);
    if (options.width <= 0)
        options.width = RENDER_TEXT_WIDTH;
    walk w = {.out = out, .options = options, .source = {.text = markdown, .length = length}};
    cmark_node *document = cmark_parse_document(markdown ? markdown : "", markdown ? length : 0,
                                                CMARK_OPT_DEFAULT);
    layout_block(&w, document);
    if (w.line_open)
        walk_end_line(&w);
    cmark_node_free(document);
    free(w.prefixes);
    free(w.runs);
    free(w.word);
    table_source_free(&w.source);
    strbuf_free(&w.scratch);
}

void layout_free(layout *l)
{
    arena_free(&l->memory);
    strbuf_free(&l->text);
    memset(l, 0, sizeof *l);
}
