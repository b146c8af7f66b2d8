/* Money, number and table formatting shared by every report: integer
 * cents in, locale-free text out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "report/report_internal.h"

typedef struct {
    int64_t cents;
    const char *text;
} cents_case;

static const cents_case cents_cases[] = {
    {0, "$0"},
    {185000, "$1,850"},
    {185050, "$1,850.50"},
    {5, "$0.05"},
    {100000000, "$1,000,000"},
    {-20000, "-$200"},
    {-123456, "-$1,234.56"},
};

static void test_money_formats_cents_with_thousands_and_cents(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cents_cases / sizeof cents_cases[0]; i++) {
        strbuf b = STRBUF_INIT;
        report_put_cents(&b, cents_cases[i].cents);
        assert_string_equal(strbuf_cstr(&b), cents_cases[i].text);
        strbuf_free(&b);
    }
}

static void test_money_range_uses_an_en_dash_and_midpoint(void **state)
{
    (void)state;
    report_amount range = report_amount_of(720000, 890000);
    assert_int_equal(range.mid, 805000);
    strbuf b = STRBUF_INIT;
    report_put_amount(&b, &range);
    assert_string_equal(strbuf_cstr(&b), "$7,200\u2013$8,900");
    strbuf_free(&b);
    report_amount single = report_amount_of(185000, 185000);
    report_put_amount(&b, &single);
    assert_string_equal(strbuf_cstr(&b), "$1,850");
    strbuf_free(&b);
}

static void test_rounding_is_half_away_from_zero(void **state)
{
    (void)state;
    assert_int_equal(report_midpoint(1, 2), 2);    /* 1.5 -> 2 */
    assert_int_equal(report_midpoint(-1, -2), -2); /* -1.5 -> -2 */
    assert_int_equal(report_muldiv(10, 1, 4), 3);  /* 2.5 -> 3 */
    assert_int_equal(report_ceil_div(100000, 75000), 2);
    assert_int_equal(report_ceil_div(150000, 75000), 2);
    assert_int_equal(report_ceil_div(0, 75000), 0);
    const int64_t factors[] = {3000000, 4000000, 5000000};
    /* 7 × 3e6 × 4e6 × 5e6 overflows 64 bits on the way; ÷ 1e18 = 420 */
    assert_int_equal(report_product_div(7, factors, 3, 1000000000000000000LL), 420);
}

static void test_numbers_and_percents_are_scaled_text(void **state)
{
    (void)state;
    arena a = {0};
    report_missing missing = {0};
    report_context c = {.arena = &a, .missing = &missing};
    assert_string_equal(report_scaled_text(&c, 3676000), "3,676");
    assert_string_equal(report_scaled_text(&c, 5514), "5.514");
    assert_string_equal(report_scaled_text(&c, 2500), "2.5");
    assert_string_equal(report_percent_text(&c, 22000), "22%");
    assert_string_equal(report_percent_text(&c, 73333), "73.3%");
    assert_string_equal(report_percent_text(&c, 2550), "2.6%");
    report_amount surplus = report_amount_of(-40900, -34900);
    assert_string_equal(report_net_text(&c, &surplus), "surplus $349\u2013$409");
    assert_string_equal(report_unit_plural(&c, "delivery", true), "Deliveries");
    assert_string_equal(report_unit_plural(&c, "box", false), "boxes");
    assert_string_equal(report_unit_count(&c, "night", 1000), "1 night");
    assert_string_equal(report_unit_count(&c, "night", 22000), "22 nights");
    arena_free(&a);
}

/* handoff-format.md, "A subscription's break-even is a stock" (eyes-final12
 * Z17): a subscription's units are paying subscriptions, never plans sold
 * a month; every other entity's units are sold a month. */
static void test_a_subscriptions_units_are_paying_subscriptions_never_plans_a_month(void **state)
{
    (void)state;
    arena a = {0};
    report_missing missing = {0};
    report_context c = {.arena = &a, .missing = &missing};
    item churn = {.label = "Subscriber churn", .text = "4%",
                  .value = {.kind = VALUE_PERCENT, .scaled = 4000, .scaled_high = 4000}};
    entity loop = {0};
    loop.sections[SECTION_KPIS] = (section){.kind = SECTION_KPIS, .items = &churn, .item_count = 1};
    assert_string_equal(report_units_held_text(&c, &loop, "plan", 237000), "237 paying subscriptions");
    assert_string_equal(report_units_held_text(&c, &loop, "plan", 1000), "1 paying subscription");
    entity shop = {0};
    assert_string_equal(report_units_held_text(&c, &shop, "plan", 237000), "237 plans a month");
    arena_free(&a);
}

/* A GFM pipe table: header, delimiter row (":---" left, "---:" right),
 * rows; cells padded to display width (the en dash is one column, 中 two)
 * only for the Markdown's reader; a blank line before and after. */
static void test_table_is_a_gfm_pipe_table(void **state)
{
    (void)state;
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Monthly", REPORT_RIGHT},
        {"Note", REPORT_LEFT},
    };
    arena a = {0};
    report_table t;
    report_table_init(&t, &a, columns, 3);
    report_table_row(&t, "JADA", "$6,200\u2013$6,800", "fixed");
    report_table_row(&t, "中文", "$12", NULL);
    strbuf b = STRBUF_INIT;
    strbuf_puts(&b, "Paragraph line.\n");
    report_table_write(&t, &b);
    assert_string_equal(strbuf_cstr(&b), "Paragraph line.\n"
                                         "\n"
                                         "| Entity |       Monthly | Note  |\n"
                                         "| :----- | ------------: | :---- |\n"
                                         "| JADA   | $6,200\u2013$6,800 | fixed |\n"
                                         "| 中文   |           $12 |       |\n"
                                         "\n");
    strbuf_free(&b);
    arena_free(&a);
}

/* Plain text stays plain on GitHub: markup characters are escaped, '&'
 * only where it could start an entity, '_' only at a word's edge; a line
 * break becomes a space. */
static void test_table_cells_escape_markdown(void **state)
{
    (void)state;
    static const report_column columns[] = {{"A|B", REPORT_LEFT}};
    arena a = {0};
    report_table t;
    report_table_init(&t, &a, columns, 1);
    report_table_row(&t, "*bold* _x_ a_b `c` [l](u) <b> ~s~ \\ R & D &amp;\nnext");
    strbuf b = STRBUF_INIT;
    report_table_write(&t, &b);
    assert_string_equal(strbuf_cstr(&b),
                        "| A\\|B                                                             |\n"
                        "| :--------------------------------------------------------------- |\n"
                        "| \\*bold\\* \\_x\\_ a_b \\`c\\` \\[l](u) \\<b> \\~s\\~ \\\\ R & D \\&amp; next |\n"
                        "\n");
    strbuf_free(&b);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_formats_cents_with_thousands_and_cents),
        cmocka_unit_test(test_money_range_uses_an_en_dash_and_midpoint),
        cmocka_unit_test(test_rounding_is_half_away_from_zero),
        cmocka_unit_test(test_numbers_and_percents_are_scaled_text),
        cmocka_unit_test(test_a_subscriptions_units_are_paying_subscriptions_never_plans_a_month),
        cmocka_unit_test(test_table_is_a_gfm_pipe_table),
        cmocka_unit_test(test_table_cells_escape_markdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
