/* render_plain: the text/plain part — the layout's lines joined, one '\n' each.
 *
 * The output ends with exactly one newline (nothing at all for an empty
 * document) and is a pure function of the input and width.
 */
#include "render/render_layout.h"

void render_text(const char *markdown, size_t length, int width, strbuf *out)
{
    layout lines;
    layout_markdown(&lines, markdown, length, (layout_options){.width = width, .plain = true});
    for (size_t i = 0; i < lines.line_count; i++) {
        const layout_line *line = &lines.lines[i];
        strbuf_repeat(out, ' ', (size_t)line->indent);
        for (size_t s = 0; s < line->span_count; s++) {
            const layout_span *span = &lines.spans[line->first_span + s];
            strbuf_append(out, lines.text.data + span->offset, span->length);
        }
        strbuf_putc(out, '\n');
    }
    layout_free(&lines);
}
