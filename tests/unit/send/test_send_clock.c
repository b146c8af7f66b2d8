/* The clock reports and messages follow (config_clock, config_report_time):
 * the real one, shifted by BRIEFING_TEST_CLOCK_OFFSET or by the seconds in
 * the file BRIEFING_TEST_CLOCK_FILE names, read at each look (tests only),
 * or the date SOURCE_DATE_EPOCH pins; a bad value is refused with its name. */
#include "send_fixture.h" /* fixture_write */

#include <time.h>

static int clock_setup(void **state)
{
    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    unsetenv("BRIEFING_TEST_CLOCK_OFFSET");
    unsetenv("BRIEFING_TEST_CLOCK_FILE");
    return 0;
}

/* Writes `text` to `path` whole (a new file renamed over it, as a test
 * moving a running console's clock does). */
static void clock_file_write(const char *path, const char *text)
{
    char staged[300];
    snprintf(staged, sizeof staged, "%s.new", path);
    fixture_write(staged, text);
    assert_int_equal(rename(staged, path), 0);
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

static void test_a_clock_file_moves_the_clock_at_each_look(void **state)
{
    (void)state;
    char dir[] = "/tmp/briefing-clock-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/clock", dir);
    clock_file_write(path, "-86400\n");
    setenv("BRIEFING_TEST_CLOCK_FILE", path, 1);
    assert_true(config_clock_movable());
    time_t before = time(NULL), now = 0;
    char error[256] = "";
    if (!config_report_time(&now, error, sizeof error))
        fail_msg("config_report_time: %s", error);
    assert_in_range(now, before - 86400, time(NULL) - 86400);
    /* Moved while the program runs: the next look sees it. */
    clock_file_write(path, "7200");
    before = time(NULL);
    assert_in_range(config_clock(), before + 7200, time(NULL) + 7200);
    assert_false(config_clock_pinned());

    clock_file_write(path, "tomorrow\n");
    assert_false(config_report_time(&now, error, sizeof error));
    assert_string_equal(error, "BRIEFING_TEST_CLOCK_FILE: \"tomorrow\" is not a number of "
                               "seconds");
    unlink(path);
    assert_false(config_report_time(&now, error, sizeof error));
    snprintf(path, sizeof path, "BRIEFING_TEST_CLOCK_FILE: %s/clock: No such file or directory",
             dir);
    assert_string_equal(error, path);
    rmdir(dir);
}

static void test_a_fixed_and_a_movable_clock_together_are_refused(void **state)
{
    (void)state;
    setenv("BRIEFING_TEST_CLOCK_OFFSET", "60", 1);
    setenv("BRIEFING_TEST_CLOCK_FILE", "/nonexistent/clock", 1);
    time_t now = 0;
    char error[256] = "";
    assert_false(config_report_time(&now, error, sizeof error));
    assert_string_equal(error, "BRIEFING_TEST_CLOCK_OFFSET and BRIEFING_TEST_CLOCK_FILE are both "
                               "set: set one");
    unsetenv("BRIEFING_TEST_CLOCK_FILE");
    assert_false(config_clock_movable());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_an_offset_shifts_the_clock_the_reports_follow, clock_setup),
        cmocka_unit_test_setup(test_a_bad_offset_is_refused_with_its_name, clock_setup),
        cmocka_unit_test_setup(test_source_date_epoch_pins_the_date_over_an_offset, clock_setup),
        cmocka_unit_test_setup(test_a_clock_file_moves_the_clock_at_each_look, clock_setup),
        cmocka_unit_test_setup(test_a_fixed_and_a_movable_clock_together_are_refused, clock_setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
