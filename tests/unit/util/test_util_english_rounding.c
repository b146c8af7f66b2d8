/* English plurals and half-away-from-zero division, each written once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "briefing/english.h"
#include "briefing/rounding.h"

static void test_plurals_follow_the_english_rules(void **state)
{
    static const char *const cases[][2] = {
        {"charter", "charters"}, {"delivery", "deliveries"}, {"day", "days"},
        {"box", "boxes"},        {"bench", "benches"},       {"dish", "dishes"},
        {"bus", "buses"},        {"quiz", "quizes"},         {"night", "nights"},
        {"y", "ys"},             {"", "s"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strbuf out = STRBUF_INIT;
        english_plural(&out, cases[i][0]);
        assert_string_equal(strbuf_cstr(&out), cases[i][1]);
        strbuf_free(&out);
    }
}

static void test_articles_follow_the_sound(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"order", "an"}, {"hour", "an"}, {"item", "an"}, {"event", "an"}, {"upgrade", "an"},
        {"charter", "a"}, {"unit", "a"},  {"user", "a"},  {"night", "a"},  {"", "a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(english_article(cases[i][0]), cases[i][1]);
}

static void test_division_rounds_half_away_from_zero(void **state)
{
    assert_int_equal(rounding_div(5, 2), 3);
    assert_int_equal(rounding_div(-5, 2), -3);
    assert_int_equal(rounding_div(5, -2), -3);
    assert_int_equal(rounding_div(-5, -2), 3);
    assert_int_equal(rounding_div(4, 3), 1);
    assert_int_equal(rounding_div(-4, 3), -1);
    assert_int_equal(rounding_div(0, 7), 0);
    /* 52 weeks of $1,000,000,000.00 a week, per month: no overflow. */
    assert_int_equal(rounding_div((__int128)100000000000LL * 52, 12), 433333333333LL);
    assert_int_equal(rounding_div((__int128)INT64_MAX * 4, 8), INT64_MAX / 2 + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plurals_follow_the_english_rules),
        cmocka_unit_test(test_articles_follow_the_sound),
        cmocka_unit_test(test_division_rounds_half_away_from_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
