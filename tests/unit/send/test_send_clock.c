/* The clock reports and messages follow (config_clock, config_report_time):
 * the real one, shifted by BRIEFING_TEST_CLOCK_OFFSET (tests only), or the
 * date SOURCE_DATE_EPOCH pins; a bad value is refused with its name. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefing/send.h"

static int clock_setup(void **state)
{
    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    unsetenv("BRIEFING_TEST_CLOCK_OFFSET");
    return 0;
}

static void test_an_offset_shifts_the_clock_the_reports_follow(void **state)
{
    (void)state;
    setenv("BRIEFING_TEST_CLOCK_OFFSET", "-86400", 1);
    time_t before = time(NULL), now = 0;
    char error[256] = "";
    assert_true(config_report_time(&now, error, sizeof error));
    time_t after = time(NULL);
    assert_in_range(now, before - 86400, after - 86400);
    time_t clock = config_clock();
    assert_in_range(clock, before - 86400, time(NULL) - 86400);
    assert_false(config_clock_pinned()); /* it still runs: a console follows it across midnight */
}

static void test_a_bad_offset_is_refused_with_its_name(void **state)
{
    (void)state;
    setenv("BRIEFING_TEST_CLOCK_OFFSET", "soon", 1);
    time_t now = 0;
    char error[256] = "";
    assert_false(config_report_time(&now, error, sizeof error));
    assert_string_equal(error, "BRIEFING_TEST_CLOCK_OFFSET: \"soon\" is not a number of seconds");
}

static void test_source_date_epoch_pins_the_date_over_an_offset(void **state)
{
    (void)state;
    setenv("BRIEFING_TEST_CLOCK_OFFSET", "3600", 1);
    setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
    time_t now = 0;
    char error[256] = "";
    assert_true(config_report_time(&now, error, sizeof error));
    assert_int_equal(now, 1795000000);
    assert_true(config_clock_pinned());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_an_offset_shifts_the_clock_the_reports_follow, clock_setup),
        cmocka_unit_test_setup(test_a_bad_offset_is_refused_with_its_name, clock_setup),
        cmocka_unit_test_setup(test_source_date_epoch_pins_the_date_over_an_offset, clock_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
