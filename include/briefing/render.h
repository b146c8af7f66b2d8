/* render: report Markdown into what people read.
 *
 * CommonMark is parsed with cmark into an AST, then drawn three ways:
 *  - wrapped plain text (the text/plain part, 72 columns by default);
 *  - HTML (cmark's renderer, unsafe HTML escaped, inside a small inline-styled
 *    wrapper that declares light and dark colour schemes: the text/html part);
 *  - styled lines for a terminal preview: each line a list of spans carrying a
 *    style id, with no terminal library involved (the console maps style ids
 *    to colours).
 * Tables are GFM pipe tables (the form report_table writes and GitHub
 * renders). cmark 0.30 has no table extension and reads one as a paragraph,
 * so a top-level paragraph whose raw lines are pipe rows is a table
 * (src/render/table_model.h). Text and preview draw it in columns aligned by
 * display width, cells wrapped so no line is wider than the width (rows
 * become "Heading: value" records when even that cannot fit); HTML draws a
 * real <table> whose rows stack under a 600 px screen. Code blocks are
 * verbatim, indented by 2 in text. docs/rendering.md shows the results.
 */
#ifndef BRIEFING_RENDER_H
#define BRIEFING_RENDER_H

#include <stddef.h>

#include "briefing/strbuf.h"

#define RENDER_TEXT_WIDTH 72

/* Appends wrapped plain text to `out`; width <= 0 means RENDER_TEXT_WIDTH.
 * Ends with exactly one '\n' (nothing for an empty document). */
void render_text(const char *markdown, size_t length, int width, strbuf *out);
/* Appends a complete HTML document; raw HTML in the Markdown is omitted. */
void render_html(const char *markdown, size_t length, const char *title, strbuf *out);

typedef enum {
    STYLE_BODY,
    STYLE_HEADING1,
    STYLE_HEADING2,
    STYLE_HEADING3,
    STYLE_STRONG,
    STYLE_EMPHASIS,
    STYLE_CODE,
    STYLE_TABLE,
    STYLE_BULLET,
    STYLE_RULE,
    STYLE_LINK,
    STYLE_QUOTE,
    STYLE_COUNT
} render_style;

typedef struct {
    render_style style;
    const char *text;      /* UTF-8; points into the document's storage */
    size_t length;         /* bytes */
} render_span;

typedef struct {
    render_span *spans;
    size_t span_count;
    int indent;            /* columns of leading indent before the first span */
} render_line;

typedef struct render_document render_document;

/* Lays out `markdown` wrapped to `width` terminal columns (UTF-8 aware).
 * Tables wrap like the text part's; code lines are not wrapped (the console
 * scrolls them sideways). Never
 * NULL; render_document_free() releases the document and every span. */
render_document *render_styled(const char *markdown, size_t length, int width);
size_t render_line_count(const render_document *d);
const render_line *render_line_at(const render_document *d, size_t index);
void render_document_free(render_document *d);

/* Display width in terminal columns of UTF-8 text (wcwidth per code point). */
int render_display_width(const char *text, size_t length);

#endif
