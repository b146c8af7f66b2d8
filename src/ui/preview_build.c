/* preview_build: one report for the preview, in the form asked for. The
 * report is computed afresh (report_render is pure and fast); the cache in
 * view_preview.c decides when that is needed. When there is no report to
 * show the page explains why instead (an invalid persona/scope pair, a
 * message that cannot be built yet). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "briefing/send.h"
#include "ui/ui_internal.h"

static void preview_explain(preview_page *page, int width, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void preview_explain(preview_page *page, int width, const char *fmt, ...)
{
    char text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    preview_page_set_text(page, text, strlen(text), width, STYLE_EMPHASIS);
    page->is_message = true;
}

/* The message as batch_send would send it now to the persona's default
 * recipients. */
static void preview_build_eml(ui_state *s, preview_page *page, const report_target *target, int width)
{
    batch b;
    batch_init(&b, s->portfolio, &s->config, s->now);
    batch_item *item = batch_add(&b, target, NULL);
    if (item->build_error[0])
        preview_explain(page, width,
                        "The message is available once recipients are configured "
                        "(repos.env: SES_FROM_ADDRESS, EXEC_REPORT_TO...).\n\nWhy not now: %s",
                        item->build_error);
    else
        preview_page_set_text(page, item->eml.data, item->eml.len, width, STYLE_CODE);
    batch_free(&b);
}

void preview_build(ui_state *s, preview_page *page, const report_target *target, int width,
                   preview_mode mode)
{
    char error[512];
    if (target->persona == PERSONA_AUDIT && target->scope &&
        strcmp(target->scope, REPORT_SCOPE_PORTFOLIO) == 0) { /* the engine's words name its own rule */
        preview_explain(page, width, "Audit takes one entity: pick one in the list above.");
        return;
    }
    if (!report_target_valid(s->portfolio, target, error, sizeof error)) {
        preview_explain(page, width, "No %s report for %s: %s",
                        report_personas[target->persona].short_title, target->scope, error);
        return;
    }
    if (mode == PREVIEW_EML) {
        preview_build_eml(s, page, target, width);
        return;
    }
    report_options options = {.now = s->now};
    strbuf markdown = STRBUF_INIT, out = STRBUF_INIT;
    report_render(s->portfolio, target, &options, &markdown);
    if (mode == PREVIEW_RENDERED) {
        preview_page_set_styled(page, render_styled(strbuf_cstr(&markdown), markdown.len, width));
    } else if (mode == PREVIEW_TEXT) {
        render_text(strbuf_cstr(&markdown), markdown.len, RENDER_TEXT_WIDTH, &out);
        preview_page_set_text(page, strbuf_cstr(&out), out.len, width, STYLE_BODY);
    } else {
        strbuf subject = STRBUF_INIT;
        report_subject(s->portfolio, target, &options, &subject);
        render_html(strbuf_cstr(&markdown), markdown.len, strbuf_cstr(&subject), &out);
        preview_page_set_text(page, strbuf_cstr(&out), out.len, width, STYLE_CODE);
        strbuf_free(&subject);
    }
    strbuf_free(&markdown);
    strbuf_free(&out);
}
