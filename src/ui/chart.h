/* chart: SES's 15-minute datapoints summed into screen columns, and the
 * glyphs of a bar chart. Pure: the statistics view draws the result. */
#ifndef BRIEFING_UI_CHART_H
#define BRIEFING_UI_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/send.h"

#define CHART_SPAN_SECONDS (14 * 24 * 3600) /* GetSendStatistics: the last two weeks */

/* The period the chart draws: the two weeks that end at `now` (quiet days
 * up to now show as empty columns), widened to take in any datapoint
 * outside them, so the chart counts every attempt the totals count. Sets
 * [*start, *end); returns true when it was widened. */
bool chart_window(const ses_datapoint *points, size_t count, time_t now, time_t *start,
                  time_t *end);

/* Sums delivery attempts into `columns` equal buckets covering
 * [end - span, end); points outside are ignored. Returns the largest bucket. */
int64_t chart_buckets(const ses_datapoint *points, size_t count, time_t end, time_t span,
                      int64_t *buckets, size_t columns);

/* The glyph for row `row` (0 = bottom) of a bar `value` high on a chart of
 * `rows` rows whose top is `max`: " ", a partial block "▁".."▇" or "█". */
const char *chart_glyph(int64_t value, int64_t max, int rows, int row);

/* Filled cells of a `width`-cell gauge at part/whole (rounded, clamped). */
int chart_gauge_cells(int64_t part, int64_t whole, int width);

#endif
