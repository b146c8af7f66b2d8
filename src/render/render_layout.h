/* render_layout: the one walk over the cmark AST shared by render_text and
 * render_styled.
 *
 * A layout is a list of lines, each a run of styled spans plus a leading
 * indent. Spans hold offsets into one text buffer while the layout grows
 * (the buffer moves as it grows); render_styled turns them into pointers once
 * the walk is over. Lines never end in spaces, no line is wider than the
 * requested width except verbatim code lines and prefixes deeper than
 * the width itself, and exactly one blank line separates blocks.
 */
#ifndef BRIEFING_RENDER_LAYOUT_H
#define BRIEFING_RENDER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/arena.h"
#include "briefing/render.h"
#include "briefing/strbuf.h"

typedef struct {
    render_style style;
    size_t offset; /* into layout.text */
    size_t length; /* bytes */
} layout_span;

typedef struct {
    size_t first_span;
    size_t span_count;
    int indent;
} layout_line;

typedef struct {
    int width;
    /* text/plain conventions: level-1 headings upper-cased and underlined
     * with '=', level 2 underlined with '-'. The styled preview colours
     * headings instead. */
    bool plain;
} layout_options;

typedef struct {
    arena memory; /* spans and lines */
    strbuf text;
    layout_span *spans;
    size_t span_count, span_capacity;
    layout_line *lines;
    size_t line_count, line_capacity;
} layout;

void layout_markdown(layout *out, const char *markdown, size_t length, layout_options options);
void layout_free(layout *l);

/* width.c */
int render_codepoint_width(unsigned int codepoint);

#endif
