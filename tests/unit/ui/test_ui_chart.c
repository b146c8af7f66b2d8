/* The statistics view's arithmetic: two weeks of 15-minute datapoints
 * summed into screen columns, bar glyphs in eighths, gauge cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui/chart.h"

static ses_datapoint point(time_t timestamp, int64_t attempts)
{
    return (ses_datapoint){.timestamp = timestamp, .delivery_attempts = attempts};
}

static void test_chart_buckets_sum_points_into_equal_columns(void **state)
{
    const time_t end = 1000000;
    ses_datapoint points[] = {
        point(end - 100, 1), point(end - 99, 2),  /* last column: 3 */
        point(end - 1000, 5),                     /* first column (span 1000, 10 columns) */
        point(end - 550, 4),                      /* column 4: [end-600, end-500) */
        point(end - 1001, 100), point(end, 100),  /* outside [end - span, end) */
    };
    int64_t buckets[10];
    int64_t max = chart_buckets(points, sizeof points / sizeof points[0], end, 1000, buckets, 10);
    assert_int_equal(buckets[0], 5);
    assert_int_equal(buckets[4], 4);
    assert_int_equal(buckets[9], 3);
    int64_t total = 0;
    for (int i = 0; i < 10; i++)
        total += buckets[i];
    assert_int_equal(total, 12);
    assert_int_equal(max, 5);
}

static void test_chart_buckets_of_nothing_are_zero(void **state)
{
    int64_t buckets[4] = {7, 7, 7, 7};
    assert_int_equal(chart_buckets(NULL, 0, 100, CHART_SPAN_SECONDS, buckets, 4), 0);
    for (int i = 0; i < 4; i++)
        assert_int_equal(buckets[i], 0);
}

/* eyes-op2 O7: the totals counted 47 attempts, the chart drew 12. */
static void test_chart_window_takes_in_every_datapoint(void **state)
{
    const time_t now = 2000000000;
    time_t start, end;
    ses_datapoint recent[] = {point(now - 3600, 5), point(now - 86400, 7)};
    assert_false(chart_window(recent, 2, now, &start, &end));
    assert_int_equal(start, now - CHART_SPAN_SECONDS);
    assert_int_equal(end, now);
    ses_datapoint old[] = {point(now - CHART_SPAN_SECONDS - 1800, 30),
                           point(now - CHART_SPAN_SECONDS - 900, 5),
                           point(now - CHART_SPAN_SECONDS + 60, 12)};
    assert_true(chart_window(old, 3, now, &start, &end));
    assert_int_equal(start, now - CHART_SPAN_SECONDS - 1800);
    assert_int_equal(end, now);
    int64_t buckets[40], total = 0;
    chart_buckets(old, 3, end, end - start, buckets, 40);
    for (int i = 0; i < 40; i++)
        total += buckets[i];
    assert_int_equal(total, 47);
    ses_datapoint ahead[] = {point(now + 600, 3)}; /* this clock behind SES's */
    assert_true(chart_window(ahead, 1, now, &start, &end));
    assert_int_equal(end, now + 601);
}

static void test_chart_glyph_fills_rows_from_the_bottom_in_eighths(void **state)
{
    /* 4 rows, max 32: each unit is one eighth of a row. */
    assert_string_equal(chart_glyph(32, 32, 4, 3), "█");
    assert_string_equal(chart_glyph(12, 32, 4, 0), "█");
    assert_string_equal(chart_glyph(12, 32, 4, 1), "▄");
    assert_string_equal(chart_glyph(12, 32, 4, 2), " ");
    assert_string_equal(chart_glyph(0, 32, 4, 0), " ");
    assert_string_equal(chart_glyph(1, 1000, 4, 0), "▁"); /* a small value still shows */
}

static void test_chart_gauge_cells_round_and_clamp(void **state)
{
    assert_int_equal(chart_gauge_cells(50, 100, 30), 15);
    assert_int_equal(chart_gauge_cells(1, 3, 30), 10);
    assert_int_equal(chart_gauge_cells(200, 100, 30), 30);
    assert_int_equal(chart_gauge_cells(5, 0, 30), 0);
    assert_int_equal(chart_gauge_cells(0, 100, 30), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_buckets_sum_points_into_equal_columns),
        cmocka_unit_test(test_chart_buckets_of_nothing_are_zero),
        cmocka_unit_test(test_chart_window_takes_in_every_datapoint),
        cmocka_unit_test(test_chart_glyph_fills_rows_from_the_bottom_in_eighths),
        cmocka_unit_test(test_chart_gauge_cells_round_and_clamp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
