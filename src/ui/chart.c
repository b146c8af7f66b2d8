/* chart: buckets and glyphs (see chart.h). Heights are counted in eighths
 * of a row so partial blocks show small values instead of nothing. */
#include "ui/chart.h"

static const char *const chart_eighths[9] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

bool chart_window(const ses_datapoint *points, size_t count, time_t now, time_t *start,
                  time_t *end)
{
    *start = now - CHART_SPAN_SECONDS;
    *end = now;
    bool widened = false;
    for (size_t i = 0; i < count; i++) {
        if (points[i].timestamp < *start) {
            *start = points[i].timestamp;
            widened = true;
        }
        if (points[i].timestamp >= *end) { /* a clock behind SES's: [start, end) holds it */
            *end = points[i].timestamp + 1;
            widened = true;
        }
    }
    return widened;
}

int64_t chart_buckets(const ses_datapoint *points, size_t count, time_t end, time_t span,
                      int64_t *buckets, size_t columns)
{
    for (size_t c = 0; c < columns; c++)
        buckets[c] = 0;
    if (columns == 0 || span <= 0)
        return 0;
    time_t start = end - span;
    int64_t max = 0;
    for (size_t i = 0; i < count; i++) {
        if (points[i].timestamp < start || points[i].timestamp >= end)
            continue;
        size_t column = (size_t)((int64_t)(points[i].timestamp - start) * (int64_t)columns / span);
        buckets[column] += points[i].delivery_attempts;
        if (buckets[column] > max)
            max = buckets[column];
    }
    return max;
}

const char *chart_glyph(int64_t value, int64_t max, int rows, int row)
{
    if (max <= 0 || value <= 0 || rows <= 0)
        return chart_eighths[0];
    int64_t eighths = (value * rows * 8 + max - 1) / max; /* round up: any value shows */
    int64_t filled = eighths - (int64_t)row * 8;
    return chart_eighths[filled <= 0 ? 0 : filled >= 8 ? 8 : filled];
}

int chart_gauge_cells(int64_t part, int64_t whole, int width)
{
    if (whole <= 0 || part <= 0 || width <= 0)
        return 0;
    int64_t cells = (part * width * 2 + whole) / (whole * 2);
    return cells > width ? width : (int)cells;
}
