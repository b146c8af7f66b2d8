/* preview: one report as lines of styled spans, in one of four forms, and
 * the cache that keeps recently shown ones (per persona, scope, width and
 * form) so moving back and forth costs nothing.
 *
 * A page owns its storage: either a render_document (the rendered report)
 * or a text buffer plus line and span arrays pointing into it (plain text,
 * HTML source, the .eml, or a message explaining why there is no report).
 */
#ifndef BRIEFING_UI_PREVIEW_H
#define BRIEFING_UI_PREVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/render.h"
#include "briefing/report.h"
#include "briefing/strbuf.h"

typedef enum {
    PREVIEW_RENDERED,
    PREVIEW_TEXT,       /* the text/plain part: render_text at 72 columns */
    PREVIEW_HTML,       /* the text/html part's source */
    PREVIEW_EML,        /* the whole message as it would go out */
    PREVIEW_MODE_COUNT
} preview_mode;

const char *preview_mode_name(preview_mode mode);

typedef struct {
    render_document *styled;
    strbuf text;
    render_line *lines;
    render_span *spans;       /* one per plain line */
    size_t line_count;
    bool is_message;          /* an explanation, not a report */
    unsigned long serial;     /* unique per page built: what search results belong to */
    int widest;               /* columns of the widest line, indent included */
} preview_page;

/* Takes ownership of `document`. */
void preview_page_set_styled(preview_page *page, render_document *document);
/* Copies `text`, splitting it into lines of at most `width` columns (long
 * lines wrap, between words unless `style` is STYLE_CODE; tabs become
 * spaces; CR before LF is dropped). */
void preview_page_set_text(preview_page *page, const char *text, size_t length, int width,
                           render_style style);
size_t preview_page_line_count(const preview_page *page);
const render_line *preview_page_line(const preview_page *page, size_t index);
void preview_page_free(preview_page *page);

/* Appends the line's spans' text, joined (no indent). */
void preview_line_text(const render_line *line, strbuf *out);

#define PREVIEW_CACHE_SIZE 32

typedef struct {
    bool used;
    persona persona;
    char scope[128];
    int width;
    preview_mode mode;
    unsigned long last_used;
    preview_page page;
} preview_cache_entry;

typedef struct {
    preview_cache_entry entries[PREVIEW_CACHE_SIZE];
    unsigned long clock;
} preview_cache;

preview_page *preview_cache_find(preview_cache *c, persona persona, const char *scope, int width,
                                 preview_mode mode);
/* An empty page for the key, evicting the least recently used entry. */
preview_page *preview_cache_insert(preview_cache *c, persona persona, const char *scope, int width,
                                   preview_mode mode);
void preview_cache_clear(preview_cache *c);

#endif
