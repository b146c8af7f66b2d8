/* stats: SES send statistics summed and judged against SES's review
 * thresholds (bounce 5% review / 10% at risk; complaint 0.1% / 0.5%).
 * Rates are integers in hundredths of a percent (basis points): 512 is 5.12%. */
#ifndef BRIEFING_STATS_H
#define BRIEFING_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "briefing/ses.h"

typedef enum { STATS_OK, STATS_REVIEW, STATS_AT_RISK } stats_level;

typedef struct {
    int64_t delivery_attempts;
    int64_t bounces;
    int64_t complaints;
    int64_t rejects;
    int64_t bounce_basis_points;
    int64_t complaint_basis_points;
    stats_level bounce_level;
    stats_level complaint_level;
    char bounce_rate_text[16];     /* "5.12%" */
    char complaint_rate_text[16];
} stats_summary;

void stats_summarize(const ses_datapoint *points, size_t count, stats_summary *out);
const char *stats_level_name(stats_level level); /* "ok", "under review", "at risk" */

#endif
