/* stats: totals and reputation levels; the thresholds are a table. */
#include "briefing/send.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* SES's published review and at-risk thresholds, in basis points. */
static const struct {
    int64_t review;
    int64_t at_risk;
} stats_bounce_thresholds = {500, 1000}, stats_complaint_thresholds = {10, 50};

static int64_t stats_rate(int64_t part, int64_t whole)
{
    return whole > 0 ? (part * 10000 + whole / 2) / whole : 0;
}

static stats_level stats_judge(int64_t basis_points, int64_t review, int64_t at_risk)
{
    if (basis_points >= at_risk)
        return STATS_AT_RISK;
    if (basis_points >= review)
        return STATS_REVIEW;
    return STATS_OK;
}

void stats_summarize(const ses_datapoint *points, size_t count, stats_summary *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < count; i++) {
        out->delivery_attempts += points[i].delivery_attempts;
        out->bounces += points[i].bounces;
        out->complaints += points[i].complaints;
        out->rejects += points[i].rejects;
    }
    out->bounce_basis_points = stats_rate(out->bounces, out->delivery_attempts);
    out->complaint_basis_points = stats_rate(out->complaints, out->delivery_attempts);
    out->bounce_level = stats_judge(out->bounce_basis_points, stats_bounce_thresholds.review,
                                    stats_bounce_thresholds.at_risk);
    out->complaint_level = stats_judge(out->complaint_basis_points,
                                       stats_complaint_thresholds.review,
                                       stats_complaint_thresholds.at_risk);
    snprintf(out->bounce_rate_text, sizeof out->bounce_rate_text, "%" PRId64 ".%02" PRId64 "%%",
             out->bounce_basis_points / 100, out->bounce_basis_points % 100);
    snprintf(out->complaint_rate_text, sizeof out->complaint_rate_text,
             "%" PRId64 ".%02" PRId64 "%%", out->complaint_basis_points / 100,
             out->complaint_basis_points % 100);
}

const char *stats_level_name(stats_level level)
{
    static const char *const names[] = {"ok", "under review", "at risk"};
    return names[level];
}
