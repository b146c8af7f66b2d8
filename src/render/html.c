/* html: the text/html part — cmark's HTML inside a small styled page.
 *
 * cmark 0.30 without CMARK_OPT_UNSAFE replaces raw HTML and dangerous URLs,
 * and escapes all text, so every '<' left in its output starts a tag cmark
 * wrote itself. That makes a tag-for-tag rewrite safe: the table below adds
 * inline styles (mail clients drop <style> blocks) and turns ```table code
 * blocks into plain styled <pre> blocks.
 */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/render.h"

typedef struct {
    const char *tag;
    const char *replacement;
} html_rewrite;

#define PRE_STYLE                                                                          \
    "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;line-height:1.4;"    \
    "overflow-x:auto;padding:8px 12px;border-radius:4px;"

/* Longest tags first: "<pre><code class=..." before "<pre>". */
static const html_rewrite html_rewrites[] = {
    {"<pre><code class=\"language-table\">",
     "<pre class=\"table\" style=\"" PRE_STYLE "background:#ffffff;border:1px solid #d0d7de;\"><code>"},
    {"<pre>", "<pre style=\"" PRE_STYLE "background:#f6f8fa;\">"},
    {"<blockquote>",
     "<blockquote style=\"margin:0 0 1em 0;padding:0 1em;color:#57606a;"
     "border-left:4px solid #d0d7de;\">"},
    {"<h1>", "<h1 style=\"font-size:24px;margin:1em 0 0.5em 0;\">"},
    {"<h2>", "<h2 style=\"font-size:19px;margin:1em 0 0.5em 0;"
             "border-bottom:1px solid #d0d7de;\">"},
    {"<h3>", "<h3 style=\"font-size:16px;margin:1em 0 0.5em 0;\">"},
    {"<hr />", "<hr style=\"border:0;border-top:1px solid #d0d7de;\" />"},
};

static void append_escaped(strbuf *out, const char *text)
{
    for (; *text; text++) {
        switch (*text) {
        case '&': strbuf_puts(out, "&amp;"); break;
        case '<': strbuf_puts(out, "&lt;"); break;
        case '>': strbuf_puts(out, "&gt;"); break;
        case '"': strbuf_puts(out, "&quot;"); break;
        case '\'': strbuf_puts(out, "&#39;"); break;
        default: strbuf_putc(out, *text); break;
        }
    }
}

static const html_rewrite *rewrite_at(const char *html)
{
    for (size_t i = 0; i < sizeof html_rewrites / sizeof html_rewrites[0]; i++)
        if (strncmp(html, html_rewrites[i].tag, strlen(html_rewrites[i].tag)) == 0)
            return &html_rewrites[i];
    return NULL;
}

static void append_styled_body(strbuf *out, const char *html)
{
    while (*html) {
        const char *tag = strchr(html, '<');
        if (!tag) {
            strbuf_puts(out, html);
            return;
        }
        strbuf_append(out, html, (size_t)(tag - html));
        const html_rewrite *rewrite = rewrite_at(tag);
        if (rewrite) {
            strbuf_puts(out, rewrite->replacement);
            html = tag + strlen(rewrite->tag);
        } else {
            strbuf_putc(out, '<');
            html = tag + 1;
        }
    }
}

void render_html(const char *markdown, size_t length, const char *title, strbuf *out)
{
    char *body = cmark_markdown_to_html(markdown ? markdown : "", markdown ? length : 0,
                                        CMARK_OPT_DEFAULT);
    strbuf_puts(out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>");
    append_escaped(out, title ? title : "");
    strbuf_puts(out, "</title>\n</head>\n"
                     "<body style=\"margin:0;padding:0;background:#ffffff;\">\n"
                     "<div style=\"max-width:720px;margin:0 auto;padding:16px;"
                     "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,"
                     "Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;\">\n");
    append_styled_body(out, body);
    strbuf_puts(out, "</div>\n</body>\n</html>\n");
    free(body);
}
