/* report_schedule: one date per `## Actions` item, the same in every report
 * that schedules it (docs/reports.md, "One date per action"; eyes-final3b
 * N6): the CEO's 30-day agenda, the CMO's 30/60/90-day milestones and the
 * Accounting roadmap's quarters all read report_action_due_days. */
#include <time.h>

#include "report/report_internal.h"

/* Days from the report date by priority rank (high, medium, low, none). */
static const int due_by_rank[] = {7, 60, 90, 90};

/* A revenue action of a burning business whose cash runs out sooner than
 * this, or is not stated, is due within the month: its cash is the
 * deadline, and unknown cash is not safe cash (eyes-final15 S4). */
enum { SHORT_CASH_MONTHS = 3, SHORT_CASH_DUE = 28 };

/* The day the CEO agenda dates a business's quantified shortfall (its gap
 * line, "close the $408/month cash shortfall …"): the first step of that
 * line is due with it (reports.md, "One date per action"; fixV2 U9). */
enum { GAP_LINE_DUE = 14 };

/* Whether `action` is `e`'s first `## Actions` item that costs nothing
 * and brings revenue: the one the Audit names as its gap line's first step
 * (report_audit.c, put_no_cost_revenue_action reads the same two tests). */
static bool first_no_cost_revenue_action(const entity *e, const item *action)
{
    const section *s = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_action_costs_nothing(&s->items[i]) &&
            report_action_brings_revenue(&s->items[i]))
            return &s->items[i] == action;
    return false;
}

/* Whether `action` answers the `high` risk `risk` in the Audit's sense
 * (report_audit.c, risk_answer): it is about it, and ranks with it or
 * brings revenue against lost revenue. */
static bool answers_high_risk(const item *action, const item *risk)
{
    if (report_item_priority_rank(risk) != 0 || !report_action_answers_risk(action, risk))
        return false;
    return report_item_priority_rank(action) == 0 ||
           (report_risk_names_lost_revenue(risk) && report_action_brings_revenue(action));
}

const item *report_risk_first_answer(const report_context *c, const entity *e, const item *risk)
{
    /* a gap risk of a business that loses money is its loss row's detail,
     * planned with no day of its own (reports.md, CEO Shortfalls) */
    if (report_risk_is_revenue_gap(risk) &&
        report_entity_burn(c, e).mid > report_entity_revenue(c, e).mid)
        return NULL;
    const section *actions = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < actions->item_count; i++) {
        const item *it = &actions->items[i];
        if (answers_high_risk(it, risk) && !report_spend_waits_for_funding(c, e, it) &&
            !report_spend_waits_for_room(c, e, it))
            return it;
    }
    return NULL;
}

/* The first action that answers a high risk of its business is due by the
 * day the CEO plans that risk, never weeks after it (reports.md, "One date
 * per action"; eyes-final20 B6: I6 Copperline's maintenance plan was due
 * 2027-01-30 against "Winter slowdown" planned for 2026-12-22). */
static int risk_answer_days(const report_context *c, const entity *e, const item *action,
                            int days)
{
    const section *risks = &e->sections[SECTION_RISKS];
    for (size_t i = 0; days > REPORT_DUE_HIGH_RISK_DAYS && i < risks->item_count; i++)
        if (report_risk_first_answer(c, e, &risks->items[i]) == action)
            days = REPORT_DUE_HIGH_RISK_DAYS;
    return days;
}

int report_action_due_days(const report_context *c, const entity *e, const item *action)
{
    int days = risk_answer_days(c, e, action, due_by_rank[report_item_priority_rank(action)]);
    if (days <= SHORT_CASH_DUE || !model_item_has_tag(action, "revenue"))
        return days;
    report_runway r;
    report_entity_runway(c, e, &r);
    if (!report_cash_runs_short(&r) && !report_burns_without_cash(&r))
        return days;
    /* invariant: a first step is never dated after the line it starts */
    return first_no_cost_revenue_action(e, action) ? GAP_LINE_DUE : SHORT_CASH_DUE;
}

bool report_cash_runs_short(const report_runway *r)
{
    return r->has_cash && r->net_burn > 0 && r->months < SHORT_CASH_MONTHS;
}

/* A cost that brings no revenue at a business whose cash runs short would
 * wait until it is funded (docs/reports.md, "One date per action" and
 * Capital deployment tiers; eyes-final6a T14), as the Audit's rule 10 cash
 * test holds it — unless a saving pays for it (report_spend_swap). */
bool report_burns_without_cash(const report_runway *r)
{
    return !r->has_cash && r->net_burn > 0;
}

/* A burning business that states no cash has an unknown runway: its spend
 * waits until its cash is stated, like one whose cash runs short
 * (eyes-final9 W5). */
static bool spend_would_wait(const report_context *c, const entity *e, const item *action,
                             const report_runway *r)
{
    (void)c;
    (void)e;
    bool costs = action->value.kind == VALUE_MONEY && action->value.money.high_cents > 0;
    return costs && (report_cash_runs_short(r) || report_burns_without_cash(r)) &&
           !report_action_brings_revenue(action);
}

/* The cheapest `unused` line of `e` among `savings` not yet `taken` that
 * costs at least `monthly`; its index, or `count` when none. */
static size_t cheapest_cover(const entity *e, const report_savings *savings, const bool *taken,
                             int64_t monthly)
{
    size_t best = savings->count;
    for (size_t i = 0; i < savings->count; i++) {
        const report_saving *v = &savings->items[i];
        if (v->entity != e || taken[i] || !model_item_has_tag(v->item, "unused") ||
            v->monthly.mid < monthly)
            continue;
        if (best == savings->count || v->monthly.mid < savings->items[best].monthly.mid)
            best = i;
    }
    return best;
}

/* docs/reports.md, "A held spend that a saving covers is a swap"
 * (eyes-final8 V8): each monthly spend of `e` that would wait, in its
 * `## Actions` order, takes the cheapest `unused` line of `e` not taken
 * before it that costs at least as much. Only `e`'s own lines, so every
 * scope pairs the same two. */
const report_saving *report_spend_swap(const report_context *c, const entity *e,
                                       const item *action)
{
    report_runway r;
    report_entity_runway(c, e, &r);
    report_amount monthly;
    if (!spend_would_wait(c, e, action, &r) || !report_item_monthly(c, e, action, &monthly))
        return NULL;
    report_savings savings;
    report_find_savings(c, &savings);
    bool *taken = arena_alloc(c->arena, (savings.count ? savings.count : 1) * sizeof *taken);
    for (size_t i = 0; i < savings.count; i++)
        taken[i] = false;
    const section *actions = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < actions->item_count; i++) {
        const item *spend = &actions->items[i];
        report_amount m;
        if (!spend_would_wait(c, e, spend, &r) || !report_item_monthly(c, e, spend, &m))
            continue;
        size_t cover = cheapest_cover(e, &savings, taken, m.mid);
        if (cover < savings.count)
            taken[cover] = true;
        if (spend == action)
            return cover < savings.count ? &savings.items[cover] : NULL;
    }
    return NULL;
}

const item *report_saving_swapped_for(const report_context *c, const report_saving *saving)
{
    const section *actions = &saving->entity->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < actions->item_count; i++) {
        const report_saving *v = report_spend_swap(c, saving->entity, &actions->items[i]);
        if (v && v->item == saving->item)
            return &actions->items[i];
    }
    return NULL;
}

const char *report_swap_text(const report_context *c, const entity *e, const item *unused,
                             const item *spend)
{
    report_amount saved = {0}, cost = {0};
    report_item_monthly(c, e, unused, &saved);
    report_item_monthly(c, e, spend, &cost);
    /* no colon inside: a line that introduces it with one ("due by …: ")
     * must not read two in a row (reports.md, fixT 1) */
    return report_format(c, "swap %s (%s/month) for %s (%s/month)", unused->label,
                         report_dollars_text(c, saved.mid), spend->label,
                         report_dollars_text(c, cost.mid));
}

bool report_spend_waits_for_funding(const report_context *c, const entity *e, const item *action)
{
    report_runway r;
    report_entity_runway(c, e, &r);
    return spend_would_wait(c, e, action, &r) && !report_spend_swap(c, e, action);
}

/* A recurring spend of `e` the room rule reads: a monthly cost, not one
 * the funding hold or a swap already says in its own words. */
static bool room_candidate(const report_context *c, const entity *e, const item *action,
                           int64_t *monthly)
{
    report_amount m;
    if (!report_item_monthly(c, e, action, &m) || m.mid <= 0 ||
        report_spend_waits_for_funding(c, e, action) || report_spend_swap(c, e, action))
        return false;
    *monthly = m.mid;
    return true;
}

/* Whether `e`'s own savings not taken by a swap pay for `action` in full,
 * its recurring spends taken cheapest first (the CFO's "cancelling … covers
 * …", docs/reports.md, Capital deployment tiers; eyes-final2 K4): such a
 * spend does not wait for room. */
static bool savings_cover(const report_context *c, const entity *e, const item *action)
{
    report_savings all;
    report_find_savings(c, &all);
    int64_t saved = 0, cost, spent = 0;
    for (size_t i = 0; i < all.count; i++)
        if (all.items[i].entity == e && !report_saving_swapped_for(c, &all.items[i]))
            saved += all.items[i].monthly.mid;
    if (!room_candidate(c, e, action, &cost) || saved < cost)
        return false;
    const section *s = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++) { /* the cheaper ones (ties: earlier) go first */
        int64_t other;
        if (&s->items[i] != action && room_candidate(c, e, &s->items[i], &other) &&
            (other < cost || (other == cost && &s->items[i] < action)))
            spent += other;
    }
    return spent + cost <= saved;
}

bool report_spend_waits_for_room(const report_context *c, const entity *e, const item *action)
{
    int64_t monthly;
    report_runway r;
    if (!room_candidate(c, e, action, &monthly) || savings_cover(c, e, action))
        return false; /* one-off, free, said in its own words, or paid for */
    return report_entity_burning(c, e, &r) || report_scope_room_after(c, 0) <= 0;
}

const char *report_spend_room_hold_text(const report_context *c, const entity *e)
{
    report_runway r;
    if (report_entity_burning(c, e, &r))
        return report_format(c, "on hold until %s covers its costs", e->title);
    return "on hold while the CFO's room is $0";
}

const char *report_spend_hold_text(const report_context *c, const entity *e)
{
    report_runway r;
    report_entity_runway(c, e, &r);
    return report_burns_without_cash(&r) ? "on hold until its cash is stated"
                                         : "on hold until it is funded";
}

const char *report_spend_hold_until_text(const report_context *c, const entity *e)
{
    report_runway r;
    report_entity_runway(c, e, &r);
    return report_burns_without_cash(&r) ? "until its cash is stated"
                                         : "until the funding decision is made";
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
