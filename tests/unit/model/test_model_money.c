/* Every money, number and percent form of handoff format v1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "briefing/model.h"

static value parse(const char *text, bool expect_ok)
{
    arena a = {0};
    value v;
    bool ok = model_parse_value(&a, text, &v);
    if (ok != expect_ok)
        fail_msg("model_parse_value(\"%s\") returned %d", text, ok);
    if (v.kind == VALUE_MONEY && v.money.unit)
        v.money.unit = strcmp(v.money.unit, "charter") == 0   ? "charter"
                       : strcmp(v.money.unit, "delivery") == 0 ? "delivery"
                       : strcmp(v.money.unit, "night") == 0    ? "night"
                                                               : "other";
    arena_free(&a);
    return v;
}

static void assert_money(const char *text, int64_t low, int64_t high, money_period period)
{
    value v = parse(text, true);
    assert_int_equal(v.kind, VALUE_MONEY);
    assert_int_equal(v.money.low_cents, low);
    assert_int_equal(v.money.high_cents, high);
    assert_int_equal(v.money.period, period);
}

static void test_money_plain_with_thousands(void **state)
{
    assert_money("$1,850", 185000, 185000, PERIOD_NONE);
    assert_money("$0", 0, 0, PERIOD_NONE);
    assert_money("$185,000", 18500000, 18500000, PERIOD_NONE);
    assert_money("$12.50", 1250, 1250, PERIOD_NONE);
}

static void test_money_suffixes_are_exact_integers(void **state)
{
    assert_money("$1.2K", 120000, 120000, PERIOD_NONE);
    assert_money("$2M", 200000000, 200000000, PERIOD_NONE);
    assert_money("$0.5k", 50000, 50000, PERIOD_NONE);
}

static void test_money_more_decimals_round_half_away_from_zero(void **state)
{
    assert_money("$1.005", 101, 101, PERIOD_NONE);
    assert_money("$1.004", 100, 100, PERIOD_NONE);
}

static void test_money_ranges_in_every_spelling(void **state)
{
    assert_money("$7-9K", 700000, 900000, PERIOD_NONE);
    assert_money("$7\xE2\x80\x93" "9K", 700000, 900000, PERIOD_NONE);
    assert_money("$7K-$9K", 700000, 900000, PERIOD_NONE);
    assert_money("$600\xE2\x80\x93" "1,000/month", 60000, 100000, PERIOD_MONTH);
    assert_money("$40 to $90/month", 4000, 9000, PERIOD_MONTH);
}

static void test_money_periods(void **state)
{
    assert_money("$14,400/year", 1440000, 1440000, PERIOD_YEAR);
    assert_money("$300/quarter", 30000, 30000, PERIOD_QUARTER);
    assert_money("$100/week", 10000, 10000, PERIOD_WEEK);
    assert_money("$650/mo", 65000, 65000, PERIOD_MONTH);
    assert_money("$650 per month", 65000, 65000, PERIOD_MONTH);
    assert_money("$1.2K/month", 120000, 120000, PERIOD_MONTH);
}

static void test_money_per_unit_is_singular(void **state)
{
    value v = parse("$1,850/charter", true);
    assert_int_equal(v.money.period, PERIOD_UNIT);
    assert_string_equal(v.money.unit, "charter");
    v = parse("$3,200 per delivery", true);
    assert_string_equal(v.money.unit, "delivery");
    v = parse("$145/nights", true);
    assert_string_equal(v.money.unit, "night");
}

static void test_numbers_and_percents_are_scaled(void **state)
{
    value v = parse("3,676", true);
    assert_int_equal(v.kind, VALUE_NUMBER);
    assert_int_equal(v.scaled, 3676000);
    v = parse("4.5", true);
    assert_int_equal(v.scaled, 4500);
    v = parse("22%", true);
    assert_int_equal(v.kind, VALUE_PERCENT);
    assert_int_equal(v.scaled, 22000);
    v = parse("2.5%", true);
    assert_int_equal(v.scaled, 2500);
    v = parse("25\xE2\x80\x93" "40%", true);
    assert_int_equal(v.scaled, 25000);
    assert_int_equal(v.scaled_high, 40000);
    v = parse("3-5", true);
    assert_int_equal(v.scaled_high, 5000);
}

static void test_text_stays_text(void **state)
{
    const char *texts[] = {"", "not claimed", "$", "$1,2,3", "$12,50", "18,266 followers",
                           "$5 - tips", "GA4", "$9-7K", "1,2"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        value v = parse(texts[i], false);
        assert_int_equal(v.kind, VALUE_TEXT);
    }
}

static void test_absurd_figures_overflow_to_text(void **state)
{
    parse("$99999999999999999999999", false);
    parse("$999999999999999M", false);
    parse("99999999999999999999%", false);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_plain_with_thousands),
        cmocka_unit_test(test_money_suffixes_are_exact_integers),
        cmocka_unit_test(test_money_more_decimals_round_half_away_from_zero),
        cmocka_unit_test(test_money_ranges_in_every_spelling),
        cmocka_unit_test(test_money_periods),
        cmocka_unit_test(test_money_per_unit_is_singular),
        cmocka_unit_test(test_numbers_and_percents_are_scaled),
        cmocka_unit_test(test_text_stays_text),
        cmocka_unit_test(test_absurd_figures_overflow_to_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
