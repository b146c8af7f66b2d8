/* html: the text/html part — cmark's HTML inside a small styled page.
 *
 * cmark 0.30 without CMARK_OPT_UNSAFE replaces raw HTML and dangerous URLs,
 * and escapes all text, so every '<' left in its output starts a tag cmark
 * wrote itself or a table written by table_html.c (text escaped too). That
 * makes a tag-for-tag rewrite safe: the table below adds inline styles (some
 * mail clients drop <style> blocks). Tables reach cmark as custom blocks
 * holding their finished HTML, the one node kind its renderer copies as is.
 *
 * The page declares both colour schemes, so a dark-mode client uses the
 * dark palette of the <style> block instead of inverting the light one; the
 * same block shows a wide table whole on screens wider than 600 px.
 */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/render.h"
#include "render/html_internal.h"

typedef struct {
    const char *tag;
    const char *replacement;
} html_rewrite;

#define PRE_STYLE                                                                          \
    "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;line-height:1.4;"    \
    "overflow-x:auto;padding:8px 12px;border-radius:4px;"

/* A tag is matched by its whole text, so "<pre>" never matches "<pre ...>". */
static const html_rewrite html_rewrites[] = {
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

void html_append_escaped(strbuf *out, const char *text)
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

/* Wide screens: a wide table's desktop form in place of its phone form
 * (table_html.c), drawn here since only this block can show it. A client
 * without this block, or without media queries, keeps the phone form.
 * Dark mode: the palette for clients that honour prefers-color-scheme
 * (Apple Mail, iOS Mail, Outlook for Mac); !important beats the inline
 * light colours. */
static const char page_style[] =
    "<style>\n"
    ":root { color-scheme: light dark; supported-color-schemes: light dark; }\n"
    "@media screen and (min-width: 601px) {\n"
    "  table." HTML_PHONE_CLASS " { display: none !important; }\n"
    "  table." HTML_DESKTOP_CLASS " { display: table !important; }\n"
    "}\n"
    "table." HTML_DESKTOP_CLASS " td { border-bottom: 1px solid #d0d7de; }\n"
    "@media (prefers-color-scheme: dark) {\n"
    "  .briefing-page, .briefing-body { background: #0d1117 !important;"
    " color: #e6edf3 !important; }\n"
    "  .briefing-body a { color: #58a6ff !important; }\n"
    "  .briefing-body pre, table." HTML_TABLE_CLASS " thead th"
    " { background: #161b22 !important; }\n"
    "  .briefing-body h2, .briefing-body hr, .briefing-body blockquote,"
    " table." HTML_TABLE_CLASS " th, table." HTML_TABLE_CLASS " td,"
    " table." HTML_TABLE_CLASS " tr { border-color: #30363d !important; }\n"
    "  .briefing-body blockquote, table." HTML_PHONE_CLASS " tbody th"
    " { color: #8b949e !important; }\n"
    "}\n"
    "</style>\n";

/* Replaces `node` by a custom block holding its table's HTML. */
static void replace_with_table(cmark_node *node, const table_model *t)
{
    strbuf html = STRBUF_INIT;
    table_html_write(t, &html);
    cmark_node *block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block, strbuf_cstr(&html));
    cmark_node_insert_before(node, block);
    cmark_node_free(node);
    strbuf_free(&html);
}

/* Tables are found first and replaced after: a cmark iterator must not see
 * the tree change under it. */
static void replace_tables(cmark_node *document, table_source *source)
{
    cmark_node **found = NULL;
    size_t count = 0, capacity = 0;
    cmark_iter *iter = cmark_iter_new(document);
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_CODE_BLOCK))
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 8;
            found = realloc(found, capacity * sizeof *found);
            if (!found)
                abort();
        }
        found[count++] = node;
    }
    cmark_iter_free(iter);
    for (size_t i = 0; i < count; i++) {
        table_model t;
        if (table_model_from_node(&t, found[i], source)) {
            replace_with_table(found[i], &t);
            table_model_free(&t);
        }
    }
    free(found);
}

static char *body_html(const char *markdown, size_t length)
{
    cmark_node *document = cmark_parse_document(markdown, length, CMARK_OPT_DEFAULT);
    table_source source = {.text = markdown, .length = length};
    replace_tables(document, &source);
    char *body = cmark_render_html(document, CMARK_OPT_DEFAULT);
    table_source_free(&source);
    cmark_node_free(document);
    return body;
}

void render_html(const char *markdown, size_t length, const char *title, strbuf *out)
{
    char *body = body_html(markdown ? markdown : "", markdown ? length : 0);
    strbuf_puts(out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"color-scheme\" content=\"light dark\">\n"
                     "<meta name=\"supported-color-schemes\" content=\"light dark\">\n"
                     "<title>");
    html_append_escaped(out, title ? title : "");
    strbuf_puts(out, "</title>\n");
    strbuf_puts(out, page_style);
    strbuf_puts(out, "</head>\n"
                     "<body class=\"briefing-page\" style=\"margin:0;padding:0;background:#ffffff;"
                     "color-scheme:light dark;\">\n"
                     "<div class=\"briefing-body\" style=\"max-width:720px;margin:0 auto;padding:16px;"
                     "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,"
                     "Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2328;"
                     "overflow-wrap:break-word;word-wrap:break-word;\">\n");
    append_styled_body(out, body);
    strbuf_puts(out, "</div>\n</body>\n</html>\n");
    free(body);
}
