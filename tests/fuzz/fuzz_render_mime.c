/* libFuzzer target: the whole path a handoff takes to an inbox. One handoff
 * file becomes a portfolio, every persona's report of the default plan is
 * rendered to Markdown, text and HTML and built into a MIME message. Oracle:
 * besides no crash, leak or undefined behaviour (ASan+UBSan), every report,
 * subject and MIME part is valid UTF-8 and every report can be built into a
 * message, since what the preview shows must be what can be sent. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/mime.h"
#include "briefing/model.h"
#include "briefing/render.h"
#include "briefing/report.h"
#include "briefing/utf8.h"

enum { FUZZ_MAX_TARGETS = 64 };

static void fuzz_expect_utf8(const strbuf *text)
{
    if (!utf8_valid(strbuf_cstr(text), text->len, NULL))
        abort();
}

static void fuzz_send_one(const portfolio *p, const report_target *target)
{
    const report_options options = {.now = 1767225600}; /* 2026-01-01 */
    strbuf markdown = STRBUF_INIT, subject = STRBUF_INIT, text = STRBUF_INIT;
    strbuf html = STRBUF_INIT, message = STRBUF_INIT;
    report_render(p, target, &options, &markdown);
    report_subject(p, target, &options, &subject);
    render_text(strbuf_cstr(&markdown), markdown.len, 0, &text);
    render_html(strbuf_cstr(&markdown), markdown.len, strbuf_cstr(&subject), &html);
    fuzz_expect_utf8(&markdown);
    fuzz_expect_utf8(&subject);
    fuzz_expect_utf8(&text);
    fuzz_expect_utf8(&html);

    const char *to[] = {"ceo@example.com"};
    const mime_message m = {.from = "Briefing <briefing@example.com>", .to = to, .to_count = 1,
                            .subject = strbuf_cstr(&subject), .date = options.now,
                            .text = strbuf_cstr(&text), .html = strbuf_cstr(&html),
                            .report_id = "fuzz/portfolio", .boundary_seed = "fuzz"};
    char error[256];
    if (!mime_build(&m, &message, error, sizeof error)) {
        fprintf(stderr, "fuzz_render_mime: a report cannot be sent: %s\n", error);
        abort();
    }
    fuzz_expect_utf8(&message);
    strbuf_free(&markdown);
    strbuf_free(&subject);
    strbuf_free(&text);
    strbuf_free(&html);
    strbuf_free(&message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    portfolio *p = calloc(1, sizeof *p);
    p->root = ".";
    model_parse_handoff(p, "agent_handoffs/projects/fuzz.md", (const char *)data, size);
    report_target targets[FUZZ_MAX_TARGETS];
    size_t count = report_default_plan(p, targets, FUZZ_MAX_TARGETS);
    for (size_t i = 0; i < count; i++)
        fuzz_send_one(p, &targets[i]);
    model_portfolio_free(p);
    return 0;
}
