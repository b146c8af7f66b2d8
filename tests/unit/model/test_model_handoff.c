/* Handoff format v1: fields, sections, items, tags, and bad input that
 * becomes diagnostics instead of stopping the run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/model.h"
#include "briefing/utf8.h"

static portfolio *fresh(void)
{
    portfolio *p = calloc(1, sizeof *p);
    p->root = ".";
    return p;
}

static entity *parse(portfolio *p, const char *markdown)
{
    return model_parse_handoff(p, "agent_handoffs/projects/acme.md", markdown, strlen(markdown));
}

static bool has_diagnostic(const portfolio *p, int line, const char *words)
{
    for (size_t i = 0; i < p->diagnostics.count; i++)
        if (p->diagnostics.items[i].line == line && strstr(p->diagnostics.items[i].message, words))
            return true;
    return false;
}

static const char *const acme =
    "# Acme Boats\n"                                          /* 1 */
    "\n"
    "Intro paragraph, ignored.\n"
    "\n"
    "- Kind: ancillary\n"                                     /* 5 */
    "- Business: *Boat* rentals\n"
    "- Domains: acme.example.com, www.acme.example.com\n"
    "- Site: sites/acme\n"
    "- Owner: Pat\n"
    "- Founded: 2019\n"                                       /* 10 */
    "\n"
    "## expenses\n"                                           /* 12 */
    "\n"
    "- Dock: $1,200/month (fixed)\n"
    "- Fuel: $80/rental (variable, Tech)\n"                   /* 15 */
    "- Ads\n"
    "  - Google: $300/month (unused)\n"
    "\n"
    "## KPIs\n"
    "- Rentals per month: 12\n"                               /* 20 */
    "- Churn: (missing)\n"
    "\n"
    "## Partnerships\n"
    "\n"
    "Two **hotels** refer guests.\n";                          /* 25 */

static void test_title_and_fields(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, acme);
    assert_string_equal(e->id, "acme");
    assert_string_equal(e->title, "Acme Boats");
    assert_int_equal(e->kind, ENTITY_ANCILLARY);
    assert_string_equal(e->business, "Boat rentals");
    assert_int_equal(e->domain_count, 2);
    assert_string_equal(e->domains[1], "www.acme.example.com");
    assert_string_equal(e->site, "acme");
    assert_int_equal(e->field_count, 6);
    assert_string_equal(e->fields[5].key, "Founded");
    assert_int_equal(e->fields[5].line, 10);
    assert_int_equal(p->diagnostics.count, 0);
    model_portfolio_free(p);
}

static void test_items_tags_and_children(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, acme);
    const section *s = &e->sections[SECTION_EXPENSES];
    assert_true(e->has_section[SECTION_EXPENSES]);
    assert_int_equal(s->item_count, 3);
    assert_string_equal(s->items[1].label, "Fuel");
    assert_string_equal(s->items[1].text, "$80/rental");
    assert_int_equal(s->items[1].tag_count, 2);
    assert_string_equal(s->items[1].tags[1], "tech");
    assert_int_equal(s->items[1].line, 15);
    assert_string_equal(s->items[2].label, "Ads");
    assert_int_equal(s->items[2].child_count, 1);
    assert_true(model_item_has_tag(&s->items[2].children[0], "UNUSED"));
    const item *churn = model_find_item(e, SECTION_KPIS, "churn");
    assert_non_null(churn);
    assert_string_equal(churn->text, "");
    assert_true(model_item_has_tag(churn, "missing"));
    model_portfolio_free(p);
}

static void test_unknown_section_kept_as_text(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, acme);
    assert_int_equal(e->unknown_section_count, 1);
    assert_string_equal(e->unknown_sections[0].title, "Partnerships");
    assert_string_equal(e->unknown_sections[0].text, "Two hotels refer guests.");
    model_portfolio_free(p);
}

static void test_bad_lines_are_diagnostics_with_their_line(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, "# X\n\n- Kind: maybe\n- no colon here\n\n## Revenue\n- Fees: $1,2,3/month\n- Good: $5/month\n");
    assert_true(has_diagnostic(p, 3, "Kind"));
    assert_true(has_diagnostic(p, 4, "\"no colon here\" is not a \"Key: value\" field: if it is a way "
                                     "the business sells or spends, give it its figure in a section"));
    assert_true(has_diagnostic(p, 7, "not a money amount"));
    assert_int_equal(e->kind, ENTITY_CORE);
    assert_int_equal(e->sections[SECTION_REVENUE].item_count, 2);
    assert_int_equal(e->sections[SECTION_REVENUE].items[1].value.money.low_cents, 500);
    model_portfolio_free(p);
}

static void test_negative_amounts_are_diagnostics_not_silently_dropped(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, "# X\n\n## Revenue\n- Sales: $-500/month\n- Refunds: -$20\n"
                         "- Loss: \xE2\x88\x92$7\n- Note: pre-sale -5 units\n");
    assert_true(has_diagnostic(p, 4, "never negative"));
    assert_true(has_diagnostic(p, 5, "never negative"));
    assert_true(has_diagnostic(p, 6, "never negative"));
    assert_false(has_diagnostic(p, 7, "never negative"));
    assert_int_equal(e->sections[SECTION_REVENUE].items[0].value.kind, VALUE_TEXT);
    model_portfolio_free(p);
}

static void test_a_revenue_or_expense_figure_without_a_dollar_is_a_diagnostic(void **state)
{
    portfolio *p = fresh();
    parse(p, "# X\n\n## Expenses\n- Slip rent: 1650 a month\n- Fuel: 400\n"
             "- Insurance: included in rent\n- Fee: 3%\n\n## Revenue\n- Charters: 2/month at $1,100\n"
             "\n## Notes\n- Founded: 2019\n");
    assert_true(has_diagnostic(p, 4, "has no $ amount: left out of every sum"));
    assert_true(has_diagnostic(p, 5, "has no $ amount")); /* a bare number */
    assert_false(has_diagnostic(p, 6, "has no $ amount")); /* words only: text */
    assert_false(has_diagnostic(p, 7, "has no $ amount")); /* a percent of revenue */
    assert_true(has_diagnostic(p, 10, "has no $ amount"));
    assert_false(has_diagnostic(p, 13, "has no $ amount")); /* not a money section */
    model_portfolio_free(p);
}

/* The hint proposes the line's own figure, never a canned one. */
static void test_a_figure_without_a_dollar_is_proposed_as_written(void **state)
{
    portfolio *p = fresh();
    parse(p, "# X\n\n## Expenses\n- Slip rent: 1650 a month\n- Fuel: 400/month\n- Crew: 400\n"
             "- Parts: 1.5K-2K/year\n- Diesel: about 90.50/week\n- Tips: 2/month at $1,100\n");
    assert_true(has_diagnostic(p, 4, "(write it as $1,650/month)"));
    assert_true(has_diagnostic(p, 5, "(write it as $400/month)"));
    assert_true(has_diagnostic(p, 6, "(write it as $400/month, or $400 if it is paid once)"));
    assert_true(has_diagnostic(p, 7, "(write it as $1,500-$2,000/year)"));
    assert_true(has_diagnostic(p, 8, "(write it as $90.50/week)"));
    assert_true(has_diagnostic(p, 9, "(write its amount with a $ and a period, as $1,650/month)"));
    assert_false(has_diagnostic(p, 5, "$1,650"));
    model_portfolio_free(p);
}

static void test_empty_file_and_missing_title(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, "");
    assert_string_equal(e->title, "acme");
    assert_true(has_diagnostic(p, 0, "empty"));
    e = parse(p, "## Revenue\n- Fees: $5/month\n");
    assert_string_equal(e->title, "acme");
    assert_true(has_diagnostic(p, 1, "Title"));
    model_portfolio_free(p);
}

static void test_non_utf8_bytes_are_replaced_and_reported(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, "# Caf\xE9\n\n## Revenue\n- Fees: $5/month\n");
    assert_string_equal(e->title, "Caf\xEF\xBF\xBD");
    assert_true(has_diagnostic(p, 1, "UTF-8"));
    assert_int_equal(e->sections[SECTION_REVENUE].item_count, 1);
    model_portfolio_free(p);
}

static void test_overlong_surrogate_and_beyond_unicode_are_replaced_and_reported(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, "# Acme\n\n## Risks\n"
                         "- Overlong: a\xE0\x80\xAF" "b\n"      /* line 4: '/' in 3 bytes */
                         "- Surrogate: \xED\xA0\x80\n"      /* line 5: U+D800 */
                         "- Beyond: \xF4\x90\x80\x80\n");  /* line 6: U+110000 */
    assert_true(has_diagnostic(p, 4, "UTF-8"));
    assert_true(has_diagnostic(p, 4, "3 lines"));
    const section *risks = &e->sections[SECTION_RISKS];
    assert_int_equal(risks->item_count, 3);
    for (size_t i = 0; i < risks->item_count; i++) {
        assert_true(utf8_valid(risks->items[i].label, strlen(risks->items[i].label), NULL));
        assert_true(utf8_valid(risks->items[i].text, strlen(risks->items[i].text), NULL));
    }
    assert_string_equal(risks->items[1].text, UTF8_REPLACEMENT UTF8_REPLACEMENT UTF8_REPLACEMENT);
    model_portfolio_free(p);
}

static void test_huge_line_is_reported_and_shown_cut_to_200_characters(void **state)
{
    portfolio *p = fresh();
    size_t n = 1024 * 1024;
    char *text = malloc(n + 64);
    strcpy(text, "# Big\n\n## Risks\n- Long: ");
    size_t used = strlen(text);
    memset(text + used, 'x', n);
    strcpy(text + used + n, "\n");
    entity *e = parse(p, text);
    assert_true(has_diagnostic(p, 4, "64 KB"));
    const char *shown = e->sections[SECTION_RISKS].items[0].text;
    assert_int_equal(strlen(shown), 200 + strlen("\u2026"));
    assert_string_equal(shown + 200, "\u2026");
    free(text);
    model_portfolio_free(p);
}

static void test_crlf_input_parses_like_lf(void **state)
{
    portfolio *p = fresh();
    entity *e = parse(p, "# Win\r\n\r\n- Kind: core\r\n\r\n## Revenue\r\n- Fees: $5/month (fixed)\r\n");
    assert_string_equal(e->title, "Win");
    assert_string_equal(e->sections[SECTION_REVENUE].items[0].text, "$5/month");
    assert_int_equal(p->diagnostics.count, 0);
    model_portfolio_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_and_fields),
        cmocka_unit_test(test_items_tags_and_children),
        cmocka_unit_test(test_unknown_section_kept_as_text),
        cmocka_unit_test(test_bad_lines_are_diagnostics_with_their_line),
        cmocka_unit_test(test_negative_amounts_are_diagnostics_not_silently_dropped),
        cmocka_unit_test(test_a_revenue_or_expense_figure_without_a_dollar_is_a_diagnostic),
        cmocka_unit_test(test_a_figure_without_a_dollar_is_proposed_as_written),
        cmocka_unit_test(test_empty_file_and_missing_title),
        cmocka_unit_test(test_non_utf8_bytes_are_replaced_and_reported),
        cmocka_unit_test(test_overlong_surrogate_and_beyond_unicode_are_replaced_and_reported),
        cmocka_unit_test(test_huge_line_is_reported_and_shown_cut_to_200_characters),
        cmocka_unit_test(test_crlf_input_parses_like_lf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
