/* walk: state of one layout pass, shared by the block walk (render_layout.c) and
 * the inline wrapper (wrap.c). Private to the render module.
 *
 * Containers (block quotes, list items) each push a prefix: its `first` text
 * starts the container's first line, `rest` every later line (the hanging
 * indent). Prefixes are ASCII, so their width is their length.
 */
#ifndef BRIEFING_RENDER_WALK_H
#define BRIEFING_RENDER_WALK_H

#include <cmark.h>

#include "render/render_layout.h"
#include "render/table_model.h"

typedef struct {
    char first[24];
    char rest[24];
    size_t length;
    render_style style;
    bool used;
} walk_prefix;

typedef struct {
    render_style style;
    size_t offset; /* into walk.scratch */
    size_t length;
    bool hard_break;
} walk_run;

typedef struct {
    layout *out;
    layout_options options;
    walk_prefix *prefixes;
    size_t prefix_count, prefix_capacity;
    int prefix_width;
    bool line_open;
    /* A blank line is owed before the next line, drawn with the first
     * `blank_depth` prefixes: those around the block boundary that asked for
     * it. Owing it (rather than drawing it at once) keeps a block that draws
     * nothing, such as an empty heading, from leaving two blank lines. */
    bool blank_pending;
    size_t blank_depth;
    int column; /* columns of content on the open line, after its prefix */
    /* one paragraph's inline text, reused from block to block */
    strbuf scratch;
    walk_run *runs;
    size_t run_count, run_capacity;
    walk_run *word;
    size_t word_count, word_capacity;
    table_source source; /* where pipe tables are read from */
} walk;

void walk_begin_line(walk *w);
void walk_end_line(walk *w);
void walk_emit(walk *w, render_style style, const char *bytes, size_t length);
int walk_available_width(const walk *w);

/* Lays out a paragraph or heading's inline content, wrapped; returns the
 * widest line's content width. */
int walk_inline_block(walk *w, cmark_node *block, render_style base, bool upper_case);

/* Draws a table as aligned, wrapped columns within the available width
 * (table_layout.c). */
void walk_table(walk *w, const table_model *t);

/* Grows a malloc'd array by one zeroed element; aborts when out of memory. */
void *walk_push(void **items, size_t *count, size_t *capacity, size_t size);

#endif
