/* The figure rules of docs/handoff-format.md as the model reads them:
 * where revenue comes from (rule 1), date tags (rule 2), percent expenses
 * and their base (rule 4), and the diagnostics of rule 7, each with the
 * line it points at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/model.h"

static portfolio *fresh(void)
{
    portfolio *p = calloc(1, sizeof *p);
    p->root = ".";
    return p;
}

static entity *parse(portfolio *p, const char *markdown)
{
    return model_parse_handoff(p, "agent_handoffs/projects/truck.md", markdown, strlen(markdown));
}

static bool has_diagnostic(const portfolio *p, int line, const char *words)
{
    for (size_t i = 0; i < p->diagnostics.count; i++)
        if (p->diagnostics.items[i].line == line && strstr(p->diagnostics.items[i].message, words))
            return true;
    return false;
}

static void test_revenue_section_wins_over_clients(void **state)
{
    (void)state;
    portfolio *p = fresh();
    entity *e = parse(p, "# Books\n\n## Revenue\n- Retainers: $1,100/month\n\n"
                         "## Clients\n- Harbor Dental: $400/month\n- Bay Yoga: $300/month\n"
                         "- Point Loma Tacos: $250/month\n");
    int64_t low, high;
    assert_int_equal(model_revenue_section(e), SECTION_REVENUE);
    assert_true(model_monthly_revenue(e, &low, &high));
    assert_int_equal(low, 110000);
    assert_int_equal(high, 110000);
    model_portfolio_free(p);
}

static void test_clients_mrr_is_revenue_without_revenue_section_and_invoices_never_add(void **state)
{
    (void)state;
    portfolio *p = fresh();
    entity *e = parse(p, "# Books\n\n## Clients\n- Harbor Dental: $400/month\n"
                         "  - Invoice 1042: $400 (overdue, 2026-09-15)\n"
                         "- Bay Yoga: $300/month (overdue)\n- Cabo delivery: $3,600 (overdue)\n");
    int64_t low, high;
    assert_int_equal(model_revenue_section(e), SECTION_CLIENTS);
    assert_true(model_monthly_revenue(e, &low, &high));
    assert_int_equal(low, 70000);
    model_portfolio_free(p);
}

static const char lunch_truck[] = "# Lunch Truck\n"                      /* 1 */
                                  "\n"
                                  "## Revenue\n"
                                  "- Lunch service: $18/meal\n"
                                  "- Catering: $2,000–3,000/month\n"      /* 5 */
                                  "\n"
                                  "## Expenses\n"
                                  "- Card processing: 2.5% of Lunch service (variable)\n"
                                  "- Platform fee: 3% (variable)\n"
                                  "- Food: $6/meal (variable)\n"          /* 10 */
                                  "- Truck lease: $1,200/month (fixed)\n"
                                  "- Dish fee: 1% of Dinner service\n"
                                  "\n"
                                  "## KPIs\n"
                                  "- Meals per month: 500\n"              /* 15 */
                                  "- Average meal price: $18\n";

static void test_percent_of_a_named_line_is_parsed_with_its_base(void **state)
{
    (void)state;
    portfolio *p = fresh();
    entity *e = parse(p, lunch_truck);
    const item *card = model_find_item(e, SECTION_EXPENSES, "Card processing");
    assert_int_equal(card->value.kind, VALUE_PERCENT);
    assert_int_equal(card->value.scaled, 2500);
    assert_string_equal(card->share_of, "Lunch service");
    int64_t base;
    const item *line;
    assert_true(model_percent_base(e, card, &base, &line));
    assert_int_equal(base, 900000); /* $18 × 500 meals */
    assert_ptr_equal(line, model_find_item(e, SECTION_REVENUE, "Lunch service"));
    model_portfolio_free(p);
}

static void test_percent_without_of_is_a_share_of_all_revenue_midpoint(void **state)
{
    (void)state;
    portfolio *p = fresh();
    entity *e = parse(p, lunch_truck);
    const item *fee = model_find_item(e, SECTION_EXPENSES, "Platform fee");
    int64_t base;
    const item *line;
    assert_null(fee->share_of);
    assert_true(model_percent_base(e, fee, &base, &line));
    assert_int_equal(base, 1150000); /* $9,000 + midpoint of $2,000–3,000 */
    assert_null(line);               /* two revenue lines: not per meal */
    model_portfolio_free(p);
}

static void test_percent_of_an_unknown_line_is_a_diagnostic_with_its_line(void **state)
{
    (void)state;
    portfolio *p = fresh();
    entity *e = parse(p, lunch_truck);
    int64_t base;
    const item *line;
    assert_false(model_percent_base(e, model_find_item(e, SECTION_EXPENSES, "Dish fee"), &base,
                                    &line));
    assert_true(has_diagnostic(p, 12, "Dinner service"));
    assert_false(has_diagnostic(p, 8, "share of"));
    assert_false(has_diagnostic(p, 9, "share of"));
    model_portfolio_free(p);
}

static void test_percent_with_no_revenue_at_all_is_a_diagnostic(void **state)
{
    (void)state;
    portfolio *p = fresh();
    parse(p, "# Shop\n\n## Expenses\n- Card processing: 2.75% (variable)\n");
    assert_true(has_diagnostic(p, 4, "no monthly revenue is stated"));
    model_portfolio_free(p);
}

static void test_per_unit_amount_without_its_volume_kpi_is_a_diagnostic(void **state)
{
    (void)state;
    portfolio *p = fresh();
    parse(p, "# Boat\n\n## Revenue\n- Charters: $1,850/charter\n\n"
             "## Expenses\n- Captain: $400/charter (variable)\n- Slip: $900/month (fixed)\n");
    assert_true(has_diagnostic(p, 4, "add the KPI \"Charters per month\""));
    assert_true(has_diagnostic(p, 7, "add the KPI \"Charters per month\""));
    assert_false(has_diagnostic(p, 8, "per month"));
    model_portfolio_free(p);
}

static void test_dates_are_iso_days_and_a_bad_one_is_a_diagnostic(void **state)
{
    (void)state;
    int64_t day, report;
    assert_true(model_parse_date("2026-09-15", &day));
    assert_true(model_parse_date("2026-11-30", &report));
    assert_int_equal(report - day, 76);
    assert_true(model_parse_date("1970-01-01", &day));
    assert_int_equal(day, 0);
    assert_true(model_parse_date("2024-02-29", &day));
    assert_false(model_parse_date("2026-02-29", &day));
    assert_false(model_parse_date("2026-13-01", &day));
    assert_false(model_parse_date("2026-11-31", &day)); /* November has 30 days (Q13) */
    assert_false(model_parse_date("26-01-01", &day));
    portfolio *p = fresh();
    entity *e = parse(p, "# Books\n\n## Clients\n- Harbor: $400/month\n"
                         "  - Invoice 1: $400 (overdue, 2026-07-20)\n"
                         "  - Invoice 2: $400 (overdue, 2026-13-45)\n");
    const item *first = &e->sections[SECTION_CLIENTS].items[0].children[0];
    assert_true(model_item_date(first, &day));
    assert_int_equal(report - day, 133);
    assert_true(has_diagnostic(p, 6, "\"Invoice 2\": not a date: 2026-13-45"));
    assert_false(has_diagnostic(p, 5, "not a date"));
    model_portfolio_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revenue_section_wins_over_clients),
        cmocka_unit_test(test_clients_mrr_is_revenue_without_revenue_section_and_invoices_never_add),
        cmocka_unit_test(test_percent_of_a_named_line_is_parsed_with_its_base),
        cmocka_unit_test(test_percent_without_of_is_a_share_of_all_revenue_midpoint),
        cmocka_unit_test(test_percent_of_an_unknown_line_is_a_diagnostic_with_its_line),
        cmocka_unit_test(test_percent_with_no_revenue_at_all_is_a_diagnostic),
        cmocka_unit_test(test_per_unit_amount_without_its_volume_kpi_is_a_diagnostic),
        cmocka_unit_test(test_dates_are_iso_days_and_a_bad_one_is_a_diagnostic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
