/* styled: the preview pane's lines, laid out once and read by index.
 *
 * The document owns one layout; after the walk, spans' offsets become
 * pointers into the final text buffer and each line points at its spans, so
 * render_line_at is an array index.
 */
#include <stdlib.h>

#include "render/render_layout.h"

struct render_document {
    layout lines;
    render_span *spans;
    render_line *line_views;
};

render_document *render_styled(const char *markdown, size_t length, int width)
{
    render_document *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    layout *l = &d->lines;
    layout_markdown(l, markdown, length, (layout_options){.width = width});
    d->spans = arena_alloc(&l->memory, (l->span_count + 1) * sizeof *d->spans);
    d->line_views = arena_alloc(&l->memory, (l->line_count + 1) * sizeof *d->line_views);
    for (size_t i = 0; i < l->span_count; i++)
        d->spans[i] = (render_span){l->spans[i].style, l->text.data + l->spans[i].offset,
                                    l->spans[i].length};
    for (size_t i = 0; i < l->line_count; i++)
        d->line_views[i] = (render_line){d->spans + l->lines[i].first_span,
                                         l->lines[i].span_count, l->lines[i].indent};
    return d;
}

size_t render_line_count(const render_document *d)
{
    return d ? d->lines.line_count : 0;
}

const render_line *render_line_at(const render_document *d, size_t index)
{
    if (!d || index >= d->lines.line_count)
        return NULL;
    return &d->line_views[index];
}

void render_document_free(render_document *d)
{
    if (!d)
        return;
    layout_free(&d->lines);
    free(d);
}
