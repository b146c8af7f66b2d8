/* libFuzzer target: one handoff file through the parser. Oracle: besides
 * no crash, leak or undefined behaviour (ASan+UBSan), every string the
 * model keeps — title, fields, items, section text, diagnostics — is
 * valid UTF-8, since each may reach a report, a subject or a MIME part. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/model.h"
#include "briefing/utf8.h"

static void fuzz_expect_utf8(const char *text)
{
    if (text && !utf8_valid(text, strlen(text), NULL))
        abort();
}

static void fuzz_check_items(const item *items, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        fuzz_expect_utf8(items[i].label);
        fuzz_expect_utf8(items[i].text);
        fuzz_check_items(items[i].children, items[i].child_count);
    }
}

static void fuzz_check_section(const section *s)
{
    fuzz_expect_utf8(s->title);
    fuzz_expect_utf8(s->text);
    fuzz_check_items(s->items, s->item_count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    portfolio *p = calloc(1, sizeof *p);
    p->root = ".";
    entity *e = model_parse_handoff(p, "agent_handoffs/projects/fuzz.md", (const char *)data, size);
    fuzz_expect_utf8(e->title);
    for (size_t k = 0; k < SECTION_KIND_COUNT; k++)
        fuzz_check_section(&e->sections[k]);
    for (size_t k = 0; k < e->unknown_section_count; k++)
        fuzz_check_section(&e->unknown_sections[k]);
    for (size_t i = 0; i < p->diagnostics.count; i++)
        fuzz_expect_utf8(p->diagnostics.items[i].message);
    model_portfolio_free(p);
    return 0;
}
