/* Monthly figures: each period converted by hand-computed expectations,
 * per-unit prices times the KPI volume, and range midpoints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/model.h"

static entity *parse(portfolio *p, const char *markdown)
{
    return model_parse_handoff(p, "agent_handoffs/projects/t.md", markdown, strlen(markdown));
}

static void test_monthly_converts_every_period(void **state)
{
    portfolio *p = calloc(1, sizeof *p);
    entity *e = parse(p, "# T\n\n## Expenses\n- A: $1,200/year\n- B: $300/quarter\n- C: $120/week\n"
                         "- D: $250-350/delivery\n- E: $99\n- F: $10/widget\n\n## KPIs\n- Deliveries per month: 3\n");
    const section *s = &e->sections[SECTION_EXPENSES];
    int64_t low, high;
    assert_true(model_monthly_cents(e, &s->items[0].value.money, &low, &high));
    assert_int_equal(low, 10000);               /* 1,200 / 12 */
    assert_true(model_monthly_cents(e, &s->items[1].value.money, &low, &high));
    assert_int_equal(low, 10000);               /* 300 / 3 */
    assert_true(model_monthly_cents(e, &s->items[2].value.money, &low, &high));
    assert_int_equal(low, 52000);               /* 120 × 52 / 12 */
    assert_true(model_monthly_cents(e, &s->items[3].value.money, &low, &high));
    assert_int_equal(low, 75000);               /* 250 × 3 */
    assert_int_equal(high, 105000);             /* 350 × 3 */
    assert_int_equal(model_money_mid(&s->items[3].value.money), 30000);
    assert_false(model_monthly_cents(e, &s->items[4].value.money, &low, &high));
    assert_false(model_monthly_cents(e, &s->items[5].value.money, &low, &high));
    model_portfolio_free(p);
}

static void test_unit_kpis_use_english_plurals(void **state)
{
    portfolio *p = calloc(1, sizeof *p);
    entity *e = parse(p, "# T\n\n## KPIs\n- Deliveries per month: 2\n- Boxes per month: 7\n"
                         "- Average box price: $12\n- charters per month: 6\n");
    int64_t scaled, cents;
    assert_true(model_units_per_month(e, "delivery", &scaled));
    assert_int_equal(scaled, 2000);
    assert_true(model_units_per_month(e, "box", &scaled));
    assert_int_equal(scaled, 7000);
    assert_true(model_units_per_month(e, "charter", &scaled));
    assert_true(model_unit_price(e, "box", &cents));
    assert_int_equal(cents, 1200);
    assert_false(model_unit_price(e, "charter", &cents));
    model_portfolio_free(p);
}

/* handoff-format.md Formulas, "a cost per stay is spread over the units of
 * a stay": an entity selling nights in stays gives both KPIs, fewer stays
 * than nights; `Bookings per month` reads the same; a stay is never its
 * own unit's stay, and equal counts are one unit a stay. */
static void test_stays_per_month_give_the_stay_of_several_units(void **state)
{
    (void)state;
    portfolio *p = calloc(1, sizeof *p);
    entity *lodge = parse(p, "# L\n\n## KPIs\n- Nights per month: 24\n- Stays per month: 8\n");
    entity *boat = parse(p, "# B\n\n## KPIs\n- Days per month: 12\n- Bookings per month: 4\n");
    entity *one = parse(p, "# O\n\n## KPIs\n- Tours per month: 8\n- Stays per month: 8\n");
    int64_t stays;
    assert_true(model_stays_per_month(lodge, "night", &stays));
    assert_int_equal(stays, 8 * MODEL_SCALE);
    assert_true(model_stays_per_month(boat, "day", &stays));
    assert_int_equal(stays, 4 * MODEL_SCALE);
    assert_false(model_stays_per_month(one, "tour", &stays));
    assert_false(model_stays_per_month(lodge, "stay", &stays));
    assert_true(model_is_stay_unit("stay"));
    assert_true(model_is_stay_unit("booking"));
    assert_false(model_is_stay_unit("night"));
    model_portfolio_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_monthly_converts_every_period),
        cmocka_unit_test(test_unit_kpis_use_english_plurals),
        cmocka_unit_test(test_stays_per_month_give_the_stay_of_several_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
