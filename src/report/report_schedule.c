/* report_schedule: one date per `## Actions` item, the same in every report
 * that schedules it (docs/reports.md, "One date per action"; eyes-final3b
 * N6): the CEO's 30-day agenda, the CMO's 30/60/90-day milestones and the
 * Accounting roadmap's quarters all read report_action_due_days. */
#include <time.h>

#include "report/report_internal.h"

/* Days from the report date by priority rank (high, medium, low, none). */
static const int due_by_rank[] = {7, 60, 90, 90};

/* A revenue action of a business whose cash runs out sooner than this is
 * due within the month: its cash is the deadline. */
enum { SHORT_CASH_MONTHS = 3, SHORT_CASH_DUE = 28 };

int report_action_due_days(const report_context *c, const entity *e, const item *action)
{
    int days = due_by_rank[report_item_priority_rank(action)];
    if (days <= SHORT_CASH_DUE || !model_item_has_tag(action, "revenue"))
        return days;
    report_runway r;
    report_entity_runway(c, e, &r);
    return report_cash_runs_short(&r) ? SHORT_CASH_DUE : days;
}

bool report_cash_runs_short(const report_runway *r)
{
    return r->has_cash && r->net_burn > 0 && r->months < SHORT_CASH_MONTHS;
}

/* A cost that brings no revenue at a business whose cash runs short waits
 * until it is funded: the CFO's capital tiers and the CEO's agenda say so
 * (docs/reports.md, "One date per action" and Capital deployment tiers;
 * eyes-final6a T14), as the Audit's rule 10 cash test holds it. */
bool report_spend_waits_for_funding(const report_context *c, const entity *e, const item *action)
{
    report_runway r;
    report_entity_runway(c, e, &r);
    bool costs = action->value.kind == VALUE_MONEY && action->value.money.high_cents > 0;
    return costs && report_cash_runs_short(&r) && !report_action_brings_revenue(action);
}

const char *report_action_due_date(const report_context *c, const entity *e, const item *action)
{
    return report_due_date_text(c, report_action_due_days(c, e, action));
}

int report_due_quarter(const report_context *c, int days)
{
    struct tm now, due;
    time_t then = c->options->now + (time_t)days * 86400;
    gmtime_r(&c->options->now, &now);
    gmtime_r(&then, &due);
    return ((due.tm_year - now.tm_year) * 12 + due.tm_mon - now.tm_mon + now.tm_mon % 3) / 3;
}

/* The CMO's windows end on these days (30/60/90-day milestones). */
static const int window_ends[] = {30, 60};

int report_due_window(int days)
{
    int window = 0;
    while (window < (int)(sizeof window_ends / sizeof window_ends[0]) && days > window_ends[window])
        window++;
    return window;
}

const char *report_due_date_text(const report_context *c, int days)
{
    time_t when = c->options->now + (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&when, &tm);
    return report_format(c, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
