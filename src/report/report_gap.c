/* report_gap: the one sentence (CEO and CFO) that ties the scope's figures
 * together: revenue − costs = net burn (or surplus), which entities burn and
 * which make money (their amounts add up to it), and what closes it
 * (docs/reports.md, "The gap sentence"). */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "report/report_internal.h"

/* "JADA burns $2,800 and Queen of San Diego $42" over the entities whose
 * net is on the `burning` side; false when none is. */
static bool put_side(const report_context *c, bool burning, strbuf *out)
{
    size_t shown = 0, count = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        count += burning ? net > 0 : net < 0;
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        if (burning ? net <= 0 : net >= 0)
            continue;
        const char *sep = shown == 0 ? "" : shown + 1 == count ? " and " : ", ";
        strbuf_printf(out, "%s%s%s %s", sep, e->title,
                      shown == 0 ? (burning ? " burns" : " makes") : "",
                      report_dollars_text(c, net < 0 ? -net : net));
        shown++;
    }
    return count > 0;
}

/* A burn at most 1/SMALL_BURN_SHARE of the largest cost is said plainly,
 * revenue against costs: a small cut of one cost is no plan to decide
 * (reports.md, eyes-final2 H15). */
enum { SMALL_BURN_SHARE = 5 };

/* The revenue step that closes `e`'s own `net` burn, after its name: " with
 * 7 more lessons a month at a $52.15 margin each" (ceil(net ÷ unit margin);
 * the season's units in its off-season, D3), ": grow to … paying
 * subscriptions (…), each at a $20 margin" for a stock (A4); NULL when it
 * sells no priced unit it can reach. */
static const char *units_closing_text(const report_context *c, const entity *e, int64_t net)
{
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_price || !u.reachable)
        return NULL;
    if (report_churn_kpi(e)) /* a stock to grow to (handoff-format.md Formulas, A4) */
        return report_format(c, ": %s, each at a %s margin",
                             report_units_to_add_text(c, e, &u, report_ceil_div(net, u.margin)),
                             report_cents_text(c, u.margin));
    report_season season;
    bool off_season = report_entity_off_season(c, e, &season);
    int64_t units = report_ceil_div(net, u.margin);
    return report_format(c, " with %s more %s a month at a %s margin each%s",
                         report_scaled_text(c, units * MODEL_SCALE),
                         units == 1 ? u.unit : report_unit_plural(c, u.unit, false),
                         report_cents_text(c, u.margin),
                         off_season ? report_format(c, " in season, %s",
                                                    report_season_text(c, &season))
                                    : "");
}

/* The cost side of `e`'s own `net` burn: "Lumen Analytics: its largest cost
 * is Developer contractors, $5,500/month", or, for a burn at most a fifth
 * of that cost, the gap plainly ("Queen of San Diego: $42/month short,
 * revenue $300 against costs $342", H15); NULL without a cost. */
static const char *cost_side_text(const report_context *c, const entity *e, int64_t net)
{
    report_amount cost = {0};
    const item *largest = report_entity_largest_cost(c, e, &cost);
    if (!largest)
        return NULL;
    if (net * SMALL_BURN_SHARE <= cost.mid)
        return report_format(c, "%s: %s/month short, revenue %s against costs %s", e->title,
                             report_dollars_text(c, net),
                             report_dollars_text(c, report_entity_revenue(c, e).mid),
                             report_dollars_text(c, report_entity_burn(c, e).mid));
    return report_format(c, "%s: its largest cost is %s, %s/month", e->title, largest->label,
                         report_dollars_text(c, cost.mid));
}

/* "; Bayside Sailing School alone closes its $331 with 7 more lessons a
 * month at a $52.15 margin each" ("closes it" in a scope of one entity):
 * a revenue step, said after the costs, never as "less cost" (eyes-final8
 * V10); false when `e` sells no priced unit. */
static bool put_units_closing(const report_context *c, const entity *e, int64_t net, strbuf *out)
{
    const char *units = units_closing_text(c, e, net);
    if (!units)
        return false;
    if (c->entity_count > 1)
        strbuf_printf(out, "; %s alone closes its %s%s", e->title, report_dollars_text(c, net),
                      units);
    else
        strbuf_printf(out, "; %s closes it%s", e->title, units);
    return true;
}

/* A burning entity's own net burn; false when it does not burn. */
static bool entity_net_burn(const report_context *c, const entity *e, int64_t *net)
{
    *net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    return *net > 0;
}

/* After a group closed in one business's units (`lever`), each burning
 * entity as a clause: "; JADA alone needs 4 to break even; Queen of San
 * Diego: $42/month short, …" (eyes-final5b R15), the lever's own need
 * only when it is more. */
static void put_levers_after_units(const report_context *c, const report_unit_lever *lever,
                                   strbuf *out)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t net;
        const char *cost;
        if (!entity_net_burn(c, e, &net))
            continue;
        if (e != lever->entity) {
            if (!put_units_closing(c, e, net, out) && (cost = cost_side_text(c, e, net)))
                strbuf_printf(out, "; %s", cost);
            continue;
        }
        report_season season;
        bool off_season = report_entity_off_season(c, e, &season);
        if (lever->own_units > lever->scope_units && report_churn_kpi(e)) /* a stock (A4) */
            strbuf_printf(out, "; %s alone needs to %s to break even", e->title,
                          report_units_to_add_text(c, e, &lever->u, lever->own_units));
        else if (lever->own_units > lever->scope_units)
            strbuf_printf(out, "; %s alone needs %lld to break even%s", e->title,
                          (long long)lever->own_units,
                          off_season ? report_format(c, " in season, %s",
                                                     report_season_text(c, &season))
                                     : "");
    }
}

/* What closes each burning entity's own burn, the two levers apart
 * (docs/reports.md, "The gap sentence"; eyes-final8 V10): the cost side in
 * a bracket after "less cost" — "(Lumen Analytics: its largest cost is
 * Developer contractors, $5,500/month)" — then each business that sells
 * units, its revenue step: "; Bayside Sailing School alone closes its $331
 * with 7 more lessons a month at a $52.15 margin each". */
static void put_levers(const report_context *c, const report_unit_lever *lever, strbuf *out)
{
    if (lever) {
        put_levers_after_units(c, lever, out);
        return;
    }
    const char *sep = " (";
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t net;
        const char *cost;
        if (!entity_net_burn(c, e, &net) || units_closing_text(c, e, net) ||
            !(cost = cost_side_text(c, e, net)))
            continue;
        strbuf_printf(out, "%s%s", sep, cost);
        sep = "; ";
    }
    if (sep[0] == ';')
        strbuf_putc(out, ')');
    for (size_t i = 0; i < c->entity_count; i++) {
        int64_t net;
        if (entity_net_burn(c, c->entities[i], &net))
            put_units_closing(c, c->entities[i], net, out);
    }
}

int64_t report_entity_variable_costs(const report_context *c, const entity *e)
{
    int64_t sum = 0;
    const section *s = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount monthly;
        report_break_even_part part;
        report_break_even_part_of(c, e, &s->items[i], &part);
        if (part.variable && report_item_monthly(c, e, &s->items[i], &monthly))
            sum += monthly.mid - part.overhead.mid; /* a percent's share of other revenue */
    }
    return sum;
}

bool report_break_even_revenue_of(const report_context *c, const entity *e, int64_t revenue,
                                  int64_t gross, int64_t variable, int64_t *break_even)
{
    report_unit_economics u;
    if (e && report_unit_economics_of(c, e, &u) && u.has_price && u.has_volume) {
        if (!u.reachable)
            return false;
        *break_even = report_unit_break_even_revenue(&u); /* its break-even units' revenue */
        return true;
    }
    if (revenue - variable <= 0)
        return false;
    *break_even = report_muldiv(gross - variable, revenue, revenue - variable);
    return true;
}

bool report_revenue_to_break_even(const report_context *c, const entity *e, int64_t *more,
                                  int64_t *break_even)
{
    int64_t revenue = 0, gross = 0, variable = 0, be;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *one = c->entities[i];
        if (e && one != e)
            continue;
        revenue += report_entity_revenue(c, one).mid;
        gross += report_entity_burn(c, one).mid;
        variable += report_entity_variable_costs(c, one);
    }
    if (!e && c->entity_count == 1)
        e = c->entities[0]; /* a one-entity scope is that entity's own row */
    if (!report_break_even_revenue_of(c, e, revenue, gross, variable, &be))
        return false;
    *more = be - revenue;
    if (break_even)
        *break_even = be;
    return true;
}

/* ". Closing it needs $3,090 a month more revenue (break-even $8,940: ...)
 * or $1,793 less cost": the revenue is the CFO's break-even figure, more
 * than the burn when costs move with revenue (eyes-final2 H11); a group
 * whose burn one unit business closes says it in that business's units,
 * as the CFO's pooled row does (P13): ". Closing it takes 3 more JADA
 * charters a month (margin $2,250, $750 each) or $1,793 of cuts" (R15;
 * "margin" and "cuts" label the figures for `briefing diff`).
 * True, with `lever` set, in that case. */
static bool put_closing(const report_context *c, int64_t net, report_unit_lever *lever,
                        strbuf *out)
{
    int64_t more, break_even;
    if (c->entity_count > 1 && report_units_to_close(c, lever)) {
        strbuf_printf(out, ". Closing it takes %lld more %s %s a month (margin %s, %s each) or %s "
                           "of cuts",
                      (long long)lever->scope_units, lever->entity->title,
                      lever->scope_units == 1 ? lever->u.unit
                                              : report_unit_plural(c, lever->u.unit, false),
                      report_dollars_text(c, lever->scope_units * lever->u.margin),
                      report_cents_text(c, lever->u.margin), report_dollars_text(c, net));
        return true;
    }
    if (!report_revenue_to_break_even(c, NULL, &more, &break_even))
        strbuf_printf(out, ". Closing it needs %s a month less cost (no revenue closes it: the "
                           "costs that move with revenue take all of it)",
                      report_dollars_text(c, net));
    else if (more > net)
        strbuf_printf(out, ". Closing it needs %s a month more revenue (break-even %s: the costs "
                           "that move with revenue grow too) or %s less cost",
                      report_dollars_text(c, more), report_dollars_text(c, break_even),
                      report_dollars_text(c, net));
    else
        strbuf_printf(out, ". Closing it needs %s a month more revenue or less cost",
                      report_dollars_text(c, net));
    return false;
}

/* " (1 expense line unreadable, left out: quickdumpnow.md:19)": the
 * `## Expenses` lines of the scope whose amount holds a digit but is no
 * money or percent the model reads (Data quality flags each), so the
 * headline's result says what it leaves out (docs/reports.md, Accounting
 * headline and the gap sentence; eyes-final8 V13, eyes-final10 X3); "" when none. */
const char *report_unreadable_expenses_text(const report_context *c)
{
    size_t count = 0;
    strbuf where = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_EXPENSES];
        const char *file = report_file_name(e);
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            if ((it->value.kind != VALUE_TEXT && it->value.kind != VALUE_NUMBER) ||
                !strpbrk(it->text, "0123456789"))
                continue;
            strbuf_printf(&where, "%s%s:%d", count++ ? ", " : "", file, it->line);
        }
    }
    const char *text = count ? report_format(c, " (%zu expense line%s unreadable, left out: %s)",
                                             count, count == 1 ? "" : "s", strbuf_cstr(&where))
                             : "";
    strbuf_free(&where);
    return text;
}

void report_put_gap_sentence(const report_context *c, strbuf *out)
{
    int64_t revenue = 0, gross = 0;
    bool any_expenses = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        revenue += report_entity_revenue(c, c->entities[i]).mid;
        gross += report_entity_burn(c, c->entities[i]).mid;
        any_expenses |= c->entities[i]->has_section[SECTION_EXPENSES];
    }
    if (!any_expenses)
        return;
    int64_t net = gross - revenue;
    strbuf_printf(out, "Revenue %s − costs %s = ", report_dollars_text(c, revenue),
                  report_dollars_text(c, gross));
    if (net > 0)
        strbuf_printf(out, "net burn **%s a month**", report_dollars_text(c, net));
    else
        strbuf_printf(out, "a surplus of **%s a month**", report_dollars_text(c, -net));
    strbuf_puts(out, report_unreadable_expenses_text(c)); /* said, never left out silently (X3) */
    if (c->entity_count > 1) {
        strbuf_puts(out, ": ");
        bool burns = put_side(c, true, out);
        size_t before = out->len;
        strbuf_puts(out, burns ? "; " : "");
        if (!put_side(c, false, out))
            strbuf_truncate(out, before); /* no entity makes money */
    }
    if (net > 0) {
        report_unit_lever lever;
        put_levers(c, put_closing(c, net, &lever, out) ? &lever : NULL, out);
    } else {
        int64_t inside;
        int64_t margin = report_scope_surplus_target(c, &inside); /* the CFO's figure (W4) */
        /* its base, when it is not the revenue just said (W4) */
        const char *base = inside > 0 ? report_format(c, "10%% of revenue less the %s/month "
                                                         "paid inside the group",
                                                      report_dollars_text(c, inside))
                                      : "10% of revenue";
        /* the CFO's room for new fixed costs, from the printed dollars: it
         * is about monthly costs; a one-off spend is judged by cash (T5) */
        int64_t room = report_scope_room(c);
        if (room > 0)
            strbuf_printf(out, ". The surplus target (%s) takes %s, leaving "
                               "%s a month of room for new monthly costs or price cuts",
                          base, report_dollars_text(c, margin), report_dollars_text(c, room));
        else
            /* its own sentence: after "…and Tidebox $4,221" a clause
             * would read as said of Tidebox (eyes-final G3) */
            strbuf_printf(out, ". The surplus is below the %s surplus target (%s): no room "
                               "for new monthly costs or price cuts",
                          report_dollars_text(c, margin), base);
    }
    strbuf_puts(out, ".\n\n");
}

/* One ancillary entity's clause of the sentence below, `side` < 0 for one
 * that burns, > 0 for one that makes money, 0 for the rest; NULL when `e`
 * is on another side. */
static const char *ancillary_clause(const report_context *c, const entity *e, int side)
{
    bool states = report_entity_states_expenses(c, e);
    int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    int on = !states || net == 0 ? 0 : net > 0 ? -1 : 1;
    if (on != side)
        return NULL;
    const char *says = !states   ? "states no expenses"
                       : net > 0 ? report_format(c, "burns %s/month", report_dollars_text(c, net))
                       : net < 0 ? report_format(c, "makes %s/month", report_dollars_text(c, -net))
                                 : "breaks even";
    return report_format(c, "%s (ancillary) %s", e->title, says);
}

void report_put_ancillary_sentence(const report_context *c, strbuf *out)
{
    if (!c->is_portfolio)
        return;
    const portfolio *p = c->portfolio;
    size_t before = out->len;
    /* those that burn first, as the gap sentence says them */
    for (int side = -1; side <= 1; side++)
        for (size_t i = 0; i < p->entity_count; i++) {
            const char *clause = p->entities[i].kind == ENTITY_ANCILLARY
                                     ? ancillary_clause(c, &p->entities[i], side)
                                     : NULL;
            if (clause)
                strbuf_printf(out, "%s%s", out->len > before ? "; " : "Outside the group's "
                                                                      "figures: ",
                              clause);
        }
    if (out->len > before)
        strbuf_puts(out, ".\n\n");
}

/* What a Status says of a season (handoff-format.md, Parts). */
static const char *const off_season_words[] = {"off-season", "off season", "out of season"};
static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

/* The month named right after "until " in `text`: 1..12, else 0. */
static int until_month(const char *text)
{
    const char *until = strcasestr(text, "until ");
    if (!until)
        return 0;
    until += strlen("until ");
    for (int m = 0; m < 12; m++)
        if (strncasecmp(until, month_names[m], 3) == 0)
            return m + 1;
    return 0;
}

bool report_entity_off_season(const report_context *c, const entity *e, report_season *out)
{
    *out = (report_season){0};
    if (!e->status)
        return false;
    const char *found = NULL;
    for (size_t i = 0; !found && i < sizeof off_season_words / sizeof *off_season_words; i++)
        found = strcasestr(e->status, off_season_words[i]);
    if (!found)
        return false;
    out->month = until_month(found);
    if (out->month) {
        struct tm tm;
        time_t now = c->options->now;
        gmtime_r(&now, &tm);
        out->month_name = month_names[out->month - 1];
        out->until_months = (out->month - 1 - tm.tm_mon + 12) % 12;
    }
    return true;
}

const char *report_season_text(const report_context *c, const report_season *s)
{
    return s->month_name ? report_format(c, "off-season until %s", s->month_name) : "off-season";
}

int64_t report_cash_out_days(const report_runway *r)
{
    if (!r->has_cash || r->net_burn <= 0)
        return -1;
    /* a month of 365/12 days, whole days down: the day the money is gone
     * is never said later than it is */
    return r->cash * 365 / (r->net_burn * 12);
}

bool report_season_funding_need(const report_context *c, const entity *e, int64_t *need,
                                report_season *season, report_runway *r)
{
    if (!report_entity_off_season(c, e, season) || !season->month)
        return false;
    report_entity_runway(c, e, r);
    if (!r->has_cash || r->net_burn <= 0 || r->months >= season->until_months)
        return false;
    /* up to the next $10: "about", and never less than the owner must find */
    *need = report_ceil_div(season->until_months * r->net_burn - r->cash, 1000) * 1000;
    return true;
}

/* The assumption under the season's need and the need if the units stop
 * (reports.md, CEO headline 3; eyes-final15 S1): "; if it keeps selling 20
 * lessons a month; about $4,100 if they stop (its fixed $980/month)". ""
 * when the entity has no per-unit volume, or its units do not pay their own
 * costs (stopping them would not raise the need). */
static const char *season_units_stop_text(const report_context *c, const entity *e,
                                          const report_season *season, const report_runway *r,
                                          int64_t need, bool brief)
{
    /* the blast and the shortfall row already ask for missing KPIs: reading
     * them again here leaves Data quality as it was */
    report_missing unasked = {0};
    report_context quiet = *c;
    quiet.missing = &unasked;
    report_unit_economics u;
    if (!report_unit_economics_of(&quiet, e, &u) || !u.has_volume || u.volume_scaled <= 0)
        return "";
    /* its fixed cost only: revenue not priced per unit is no more stated to
     * last the off-season; rounded up to the next $10 like the first figure,
     * never less than the owner may have to find */
    int64_t stop_need =
        report_ceil_div(season->until_months * u.fixed.mid - r->cash, 1000) * 1000;
    if (stop_need <= need)
        return "";
    if (brief) /* the CEO's decision: the figure, not the assumption */
        return report_format(c, " (about %s if %s stop)", report_dollars_text(c, stop_need),
                             report_unit_plural(c, u.unit, false));
    return report_format(c, " if it keeps selling %s a month; about %s if they stop (its fixed "
                            "%s/month)",
                         report_unit_count(c, u.unit, u.volume_scaled),
                         report_dollars_text(c, stop_need), report_dollars_text(c, u.fixed.mid));
}

/* The fees `e` pays other businesses of the group that could wait for its
 * season (docs/reports.md, "The inside-group lever"; eyes-final18 W2): each
 * biller anywhere in the portfolio (the Audit's --entity scope holds only
 * `e`) whose Clients line names `e` with a monthly fee its Expenses hold,
 * and whose own stated surplus covers the fee it would wait for. Returns their sum
 * (cents); `fixed` gets the part break-even counts as fixed, `names` the
 * billers, "A" or "A and B". */
static int64_t deferrable_group_fees(const report_context *c, const entity *e, int64_t *fixed,
                                     const char **names, size_t *billers)
{
    int64_t total = 0;
    *fixed = 0, *names = NULL, *billers = 0;
    for (size_t i = 0; i < c->portfolio->entity_count; i++) {
        const entity *biller = &c->portfolio->entities[i];
        const section *clients = &biller->sections[SECTION_CLIENTS];
        for (size_t j = 0; biller != e && j < clients->item_count; j++) {
            report_amount fee;
            report_runway own;
            if (report_group_business(c, biller, &clients->items[j]) != e ||
                !report_item_monthly(c, biller, &clients->items[j], &fee) || fee.mid <= 0)
                continue;
            const item *expense = report_group_fee_expense(c, biller, e, fee.mid);
            report_entity_runway(c, biller, &own);
            /* a burning biller only moves the gap; one stating no expenses has
             * no surplus we know of */
            if (!expense || !report_entity_states_expenses(c, biller) || -own.net_burn < fee.mid)
                continue;
            report_break_even_part part;
            report_break_even_part_of(c, e, expense, &part);
            if (!part.variable)
                *fixed += fee.mid;
            total += fee.mid;
            *names = *names ? report_format(c, "%s and %s", *names, biller->title) : biller->title;
            (*billers)++;
        }
    }
    return total;
}

/* The season's need in cents over `months` at `monthly` against `cash`, up
 * to the next $10 like the need itself, never under $0. */
static int64_t season_need_of(int64_t months, int64_t monthly, int64_t cash)
{
    int64_t need = report_ceil_div(months * monthly - cash, 1000) * 1000;
    return need > 0 ? need : 0;
}

/* "; or $0 if Fernway Bookkeeping defers its $300/month fee until May
 * (about $2,600 if lessons stop; the fee stays inside the group)", or ""
 * when the business pays no fee inside the group or deferring it does not
 * lower the need (docs/reports.md, "The inside-group lever"; eyes-final18
 * W2). The brief form opens ", or" after the CEO's commas. */
static const char *season_fee_lever_text(const report_context *c, const entity *e,
                                         const report_season *season, const report_runway *r,
                                         int64_t need, bool units_stop, bool brief)
{
    int64_t fixed_fees;
    const char *names;
    size_t billers;
    int64_t fees = deferrable_group_fees(c, e, &fixed_fees, &names, &billers);
    if (!fees)
        return "";
    int64_t deferred = season_need_of(season->until_months, r->net_burn - fees, r->cash);
    if (deferred >= need)
        return "";
    /* the stop case without the fee: the same fixed cost the line's own
     * stop case uses, less the part of the fee in it (a variable fee stops
     * with the units) */
    const char *stop = "";
    report_missing unasked = {0}; /* read once already by the stop case */
    report_context quiet = *c;
    quiet.missing = &unasked;
    report_unit_economics u;
    if (units_stop && fixed_fees && report_unit_economics_of(&quiet, e, &u)) {
        int64_t stop_need = season_need_of(season->until_months, u.fixed.mid - fixed_fees, r->cash);
        if (stop_need > deferred)
            stop = report_format(c, "about %s if %s stop; ", report_dollars_text(c, stop_need),
                                 report_unit_plural(c, u.unit, false));
    }
    const char *who = billers == 1
                          ? report_format(c, "%s defers its %s/month fee", names,
                                          report_dollars_text(c, fees))
                          : report_format(c, "%s defer their %s/month of fees", names,
                                          report_dollars_text(c, fees));
    if (brief) /* the CEO's decision: the lever, the bracket is the CFO's and Audit's */
        return report_format(c, ", or %s if %s until %s", report_dollars_text(c, deferred), who,
                             season->month_name);
    return report_format(c, "; or %s if %s until %s (%sthe fee%s inside the group)",
                         report_dollars_text(c, deferred), who, season->month_name, stop,
                         billers == 1 ? " stays" : "s stay");
}

/* The funding figures with their sums, or `brief` without them (the CEO's
 * decision; the CFO and the Audit show the sums); then the inside-group
 * lever, when the business pays a fee that could wait (W2). */
static const char *season_funding(const report_context *c, const entity *e, bool brief)
{
    report_season season;
    report_runway r;
    int64_t need;
    if (!report_season_funding_need(c, e, &need, &season, &r))
        return NULL;
    const char *sums = brief ? ""
                             : report_format(c, " (%lld months × %s against %s)",
                                             (long long)season.until_months,
                                             report_dollars_text(c, r.net_burn),
                                             report_dollars_text(c, r.cash));
    const char *stop = season_units_stop_text(c, e, &season, &r, need, brief);
    const char *lever = season_fee_lever_text(c, e, &season, &r, need, *stop != '\0', brief);
    if (brief) /* the decision has said "before its May season" */
        return report_format(c, "it needs about %s%s%s", report_dollars_text(c, need), stop, lever);
    return report_format(c, "it needs about %s more to reach %s%s%s%s", report_dollars_text(c, need),
                         season.month_name, sums, stop, lever);
}

const char *report_season_funding_text(const report_context *c, const entity *e)
{
    return season_funding(c, e, false);
}

const char *report_season_funding_brief_text(const report_context *c, const entity *e)
{
    return season_funding(c, e, true);
}

const char *report_spare_capacity_text(const report_context *c, const entity *e)
{
    report_unit_economics u;
    report_season season;
    if (!report_unit_economics_of(c, e, &u) || !u.has_volume || !u.has_price || !u.reachable ||
        report_entity_off_season(c, e, &season))
        return NULL;
    const item *available = model_find_item(
        e, SECTION_KPIS,
        report_format(c, "%s available per month", report_unit_plural(c, u.unit, true)));
    if (!available || available->value.kind != VALUE_NUMBER ||
        available->value.scaled <= u.volume_scaled)
        return NULL;
    int64_t idle = available->value.scaled - u.volume_scaled;
    return report_format(c, "sell the %s/month still available: at the %s contribution, up to "
                            "%s/month",
                         report_unit_count(c, u.unit, idle), report_cents_text(c, u.margin),
                         report_cents_text(c, report_muldiv(u.margin, idle, MODEL_SCALE)));
}

void report_put_season_funding(const report_context *c, const entity *e, const char *sep,
                               strbuf *out)
{
    const char *funding = report_season_funding_text(c, e);
    if (funding)
        strbuf_printf(out, "%s%s", sep, funding);
}

/* Words in a risk's label that say it is the entity's revenue gap, the
 * same money its net burn and break-even shortfall measure. */
static const char *const gap_words[] = {"gap", "shortfall", "lost revenue", "bookings"};

bool report_risk_is_revenue_gap(const item *it)
{
    if (model_item_has_tag(it, "gap"))
        return true;
    for (size_t i = 0; i < sizeof gap_words / sizeof gap_words[0]; i++)
        if (strcasestr(it->label, gap_words[i]))
            return true;
    return false;
}

/* More words that say a risk is revenue lost (handoff-format.md, "Risk
 * cost"): measured at today's margin, though not the revenue gap itself. */
static const char *const lost_revenue_words[] = {"slowdown", "fewer", "lower", "drop"};

bool report_risk_names_lost_revenue(const item *it)
{
    if (report_risk_is_revenue_gap(it))
        return true;
    for (size_t i = 0; i < sizeof lost_revenue_words / sizeof lost_revenue_words[0]; i++)
        if (strcasestr(it->label, lost_revenue_words[i]))
            return true;
    return false;
}

int64_t report_lost_revenue_cost(const report_context *c, const entity *e, int64_t amount)
{
    int64_t revenue = report_entity_revenue(c, e).mid;
    if (revenue <= 0)
        return amount;
    /* the costs that move with revenue fall with it */
    int64_t kept = revenue - report_entity_variable_costs(c, e);
    return kept > 0 ? report_muldiv(amount, kept, revenue) : 0;
}

/* Words in a risk's label that say the revenue lost is the units' own. */
static const char *const unit_sales_words[] = {"booking", "sale"};

bool report_risk_over_revenue(const report_context *c, const entity *e, const item *risk,
                              int64_t amount, int64_t *revenue, const char **source)
{
    if (!report_risk_names_lost_revenue(risk))
        return false;
    const char *unit = report_break_even_unit(e);
    int64_t from = report_entity_revenue(c, e).mid;
    const char *what = "its revenue";
    if (unit && (report_label_names(risk->label, unit) ||
                 report_label_names_any(risk->label, unit_sales_words,
                                        sizeof unit_sales_words / sizeof *unit_sales_words))) {
        from = report_unit_revenue(c, e, unit);
        what = report_format(c, "its %s", report_unit_plural(c, unit, false));
    }
    if (revenue)
        *revenue = from;
    if (source)
        *source = what;
    return from > 0 && amount > from;
}

const char *report_risk_over_revenue_text(const report_context *c, const entity *e,
                                          const item *risk, int64_t amount)
{
    int64_t revenue;
    const char *source;
    if (!report_risk_over_revenue(c, e, risk, amount, &revenue, &source))
        return NULL;
    return report_format(c, "more than the %s/month %s bring%s in; ask %s what it measures",
                         report_dollars_text(c, revenue), source,
                         strcmp(source, "its revenue") == 0 ? "s" : "",
                         e->owner && *e->owner ? e->owner : "its owner");
}

const char *report_gap_estimate_text(const report_context *c, const entity *e, const item *risk,
                                     int64_t amount, int64_t loss)
{
    const char *over = report_risk_over_revenue_text(c, e, risk, amount);
    if (over)
        return over;
    int64_t diff = amount - loss;
    /* "loss", or "cash shortfall" when loan payments make it (fixL V3) */
    const char *word = report_loss_text(c, e, loss, REPORT_LOSS_WORD);
    if (diff == 0)
        return report_format(c, "the same as the figures' %s", word);
    /* two estimates of one gap: the owner says which holds (H2) */
    return report_format(c, "%s %s than the figures' %s; ask %s which holds",
                         report_dollars_text(c, diff < 0 ? -diff : diff),
                         diff > 0 ? "more" : "less", word,
                         e->owner && *e->owner ? e->owner : "its owner");
}

int64_t report_risk_cost(const report_context *c, const entity *e, const item *risk,
                         int64_t amount)
{
    /* the guard (handoff-format.md, "Risk cost"; eyes-final8 V1): an amount
     * larger than the revenue it can come from measures something else,
     * so no cost is computed from it */
    if (report_risk_over_revenue(c, e, risk, amount, NULL, NULL))
        return 0;
    return report_risk_names_lost_revenue(risk) ? report_lost_revenue_cost(c, e, amount) : amount;
}

/* What says an action brings revenue: its tags, or a verb of its label. */
static const char *const revenue_action_tags[] = {"revenue", "seo", "marketing"};
static const char *const revenue_action_verbs[] = {"list",  "sell",   "launch",   "promot",
                                                   "book",  "pric",   "advertis", "campaign",
                                                   "blast", "market"};
/* Words too common to say two lines are about the same thing. */
static const char *const common_words[] = {"when", "with", "that", "this", "from", "their",
                                           "they", "have", "more", "than", "into", "each",
                                           "month", "only", "would", "could", "will", "without"};

bool report_action_brings_revenue(const item *action)
{
    for (size_t i = 0; i < sizeof revenue_action_tags / sizeof revenue_action_tags[0]; i++)
        if (model_item_has_tag(action, revenue_action_tags[i]))
            return true;
    return report_label_names_any(action->label, revenue_action_verbs,
                                  sizeof revenue_action_verbs / sizeof revenue_action_verbs[0]);
}

static bool is_common_word(const char *word)
{
    for (size_t i = 0; i < sizeof common_words / sizeof common_words[0]; i++)
        if (strcasecmp(word, common_words[i]) == 0)
            return true;
    return false;
}

/* handoff-format.md, "Risk cost" (fixR U2): the stems of words that say
 * how a cost changes ("price", "rise", "double"), never which line it is. */
static const char *const change_stems[] = {"pric",  "rise",  "rising", "rais", "increas",
                                           "cost",  "year",  "next",   "doubl", "tripl"};

static bool is_change_word(const char *word)
{
    for (size_t i = 0; i < sizeof change_stems / sizeof *change_stems; i++)
        if (strncasecmp(word, change_stems[i], strlen(change_stems[i])) == 0)
            return true;
    return false;
}

/* Whether `label` names a word of `text` four letters or longer; with
 * `lines_only`, not a word that says how a cost changes. */
static bool shares_a_word_of(const char *label, const char *text, bool lines_only)
{
    for (const char *p = text; *p;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        char word[32];
        size_t n = 0;
        for (; isalpha((unsigned char)*p); p++)
            if (n + 1 < sizeof word)
                word[n++] = *p;
        word[n] = '\0';
        if (n >= 4 && !is_common_word(word) && !(lines_only && is_change_word(word)) &&
            report_label_names(label, word))
            return true;
    }
    return false;
}

static bool shares_a_word(const char *label, const char *text)
{
    return shares_a_word_of(label, text, false);
}

bool report_label_shares_a_word(const char *label, const char *text)
{
    return shares_a_word(label, text);
}

bool report_action_answers_risk(const item *action, const item *risk)
{
    if (report_risk_names_lost_revenue(risk)) /* recurring income answers a slowdown (U7/S8) */
        return report_action_brings_revenue(action);
    /* the risk's name, not its explanation: "Raise retainer fees" shares
     * "retainer" with "Client concentration: ... pays the largest retainer"
     * and does nothing about it (fixA U7/S8, conservative) */
    return shares_a_word(action->label, risk->label);
}

/* reports.md, CEO, "A risk marked not quantified asks once" (eyes-final4
 * P17): what a risk names decides the question that would quantify it;
 * the first row whose words the label or text holds wins, the last row
 * (no words) is every other risk's. */
static const struct {
    const char *const words[7]; /* NULL-terminated */
    const char *question;
} risk_questions[] = {
    {{"account", "client", "customer", "churn", "concentration", NULL},
     "what do those accounts pay a month?"},
    {{"key person", "guide", "turnover", "staff", "sick", NULL},
     "what would a month without that person cost?"},
    {{"ferry", "schedule", "supplier", "season", "weather", NULL},
     "how much revenue a month would it take?"},
    {{NULL}, "how much a month would it cost?"},
};

#define RISK_QUESTION_COUNT (sizeof risk_questions / sizeof risk_questions[0])

static bool risk_names(const item *risk, const char *const *words)
{
    for (const char *const *w = words; *w; w++)
        if (strcasestr(risk->label, *w) || (risk->text && strcasestr(risk->text, *w)))
            return true;
    return false;
}

/* The one client of `e`'s `## Clients` the risk names, NULL when it
 * names none or several ("those accounts" then). */
static const item *risk_client(const entity *e, const item *risk)
{
    const section *clients = &e->sections[SECTION_CLIENTS];
    const item *named = NULL;
    for (size_t i = 0; i < clients->item_count; i++) {
        const char *label = clients->items[i].label;
        if (!*label || !risk_names(risk, (const char *const[]){label, NULL}))
            continue;
        if (named && strcasecmp(named->label, label) != 0)
            return NULL;
        named = named ? named : &clients->items[i];
    }
    return named;
}

const char *report_file_name(const entity *e)
{
    const char *slash = strrchr(e->path, '/');
    return slash ? slash + 1 : e->path;
}

/* The monthly fee of the one client an accounts risk names, when the file
 * states it: the file answers the risk (reports.md, eyes-final5a Q12). */
static const item *risk_client_fee(const report_context *c, const entity *e, const item *risk,
                                   report_amount *fee)
{
    const item *client = risk_names(risk, risk_questions[0].words) ? risk_client(e, risk) : NULL;
    if (client && client->value.kind == VALUE_MONEY && client->value.money.period != PERIOD_NONE &&
        client->value.money.period != PERIOD_UNIT && report_item_monthly(c, e, client, fee))
        return client;
    return NULL;
}

/* reports.md, "A risk that the business rests on one thing" (eyes-final5b
 * R10): a label that starts with one of `single_point_starts` or holds one
 * of `single_point_words` says the business depends on a single thing. */
static const char *const single_point_starts[] = {"single ", "sole "};
static const char *const single_point_words[] = {"only one", "one-person", "key person"};

bool report_risk_is_single_point(const item *risk)
{
    for (size_t i = 0; i < sizeof single_point_starts / sizeof *single_point_starts; i++)
        if (strncasecmp(risk->label, single_point_starts[i], strlen(single_point_starts[i])) == 0)
            return true;
    for (size_t i = 0; i < sizeof single_point_words / sizeof *single_point_words; i++)
        if (strcasestr(risk->label, single_point_words[i]))
            return true;
    /* "the only licensed plumber": the phrase names the one thing, so the
     * text counts too (fixR U3) */
    return strcasestr(risk->label, "the only ") || (risk->text && strcasestr(risk->text, "the only "));
}

/* "all of JADA's revenue, $3,700/month (jada.md:11)": what a single-point
 * risk puts at stake, with the `## Revenue` lines; a business whose revenue
 * is its Clients MRR (no `## Revenue`, handoff-format.md rule 1) with that
 * section's heading: "(its Clients, fieldnote.md:9)" (fixT 4); NULL
 * without revenue. */
static const char *single_point_text(const report_context *c, const entity *e, int64_t *monthly)
{
    section_kind kind = model_revenue_section(e);
    const section *revenue = &e->sections[kind];
    int64_t all = report_entity_revenue(c, e).mid;
    if (!revenue->item_count || all <= 0)
        return NULL;
    *monthly = all;
    if (kind == SECTION_CLIENTS)
        return report_format(c, "all of %s revenue, %s/month (its Clients, %s:%d)",
                             report_possessive(c, e->title), report_dollars_text(c, all),
                             report_file_name(e), revenue->line);
    int first = revenue->items[0].line, last = revenue->items[revenue->item_count - 1].line;
    /* the most that could go; the units' part said, since the one thing
     * may carry only them (reports.md; eyes-final10 X1) */
    const char *unit = report_break_even_unit(e);
    int64_t units = unit ? report_unit_revenue(c, e, unit) : 0;
    const char *part = units > 0 && units < all
                           ? report_format(c, ", %s of it its %s", report_dollars_text(c, units),
                                           report_unit_plural(c, unit, false))
                           : "";
    return report_format(c, "all of %s revenue, %s/month (%s:%s)%s",
                         report_possessive(c, e->title), report_dollars_text(c, all), report_file_name(e),
                         first == last ? report_format(c, "%d", first)
                                       : report_format(c, "%d-%d", first, last),
                         part);
}

const char *report_risk_fee_text(const report_context *c, const entity *e, const item *risk,
                                 int64_t *monthly)
{
    report_amount fee;
    const item *client = risk_client_fee(c, e, risk, &fee);
    if (!client)
        return report_risk_is_single_point(risk) ? single_point_text(c, e, monthly) : NULL;
    *monthly = fee.mid;
    return report_format(c, "%s fee, %s/month (%s:%d)", report_possessive(c, client->label),
                         report_dollars_text(c, fee.mid), report_file_name(e), client->line);
}

/* The question of `row`, or of the one client the risk names (reports.md,
 * "A risk marked not quantified"). */
static const char *risk_question_text(const report_context *c, const entity *e, const item *risk,
                                      size_t row)
{
    const item *client = row == 0 ? risk_client(e, risk) : NULL;
    return client ? report_format(c, "what does %s pay a month?", client->label)
                  : risk_questions[row].question;
}

const char *report_risk_question(const report_context *c, const entity *e, const item *risk)
{
    report_amount a;
    int64_t fee;
    if (report_risk_monthly(c, e, risk, &a, NULL) || report_risk_fee_text(c, e, risk, &fee))
        return NULL;
    size_t row = 0;
    while (row + 1 < RISK_QUESTION_COUNT && !risk_names(risk, risk_questions[row].words))
        row++;
    /* the body's "add `$X/month` to the risk line" is its one ask (R9) */
    report_note_asked(c, e, SECTION_RISKS, report_format(c, "%s: $X/month", risk->label));
    return report_format(c, "%s add `$X/month` to the risk line, %s:%d",
                         risk_question_text(c, e, risk, row), report_file_name(e), risk->line);
}

const char *report_risk_asked(const report_context *c, const entity *e, const item *risk)
{
    const char *said = *risk->text ? report_format(c, "%s: %s", risk->label, risk->text) : risk->label;
    int64_t fee;
    report_amount a;
    const char *priced = NULL;
    bool written = report_item_monthly(c, e, risk, &a);
    if (!written && report_risk_monthly(c, e, risk, &a, &priced))
        return report_format(c, "%s; at risk: %s", said, priced); /* fixR U2 */
    const char *over = written ? report_risk_over_revenue_text(c, e, risk, a.mid) : NULL;
    if (over) /* the CEO's and CFO's question, not the amount bare (X7) */
        return report_format(c, "%s; %s", said, over);
    const char *answered = report_risk_fee_text(c, e, risk, &fee);
    if (answered)
        return report_format(c, "%s; at risk: %s", said, answered);
    const char *question = report_risk_question(c, e, risk);
    return question ? report_format(c, "%s; not quantified: %s", said, question) : said;
}

/* Tags every kind of line carries: they name no line (fixR U2). */
static const char *const generic_tags[] = {"fixed", "variable", "unused"};

static bool tag_names_a_line(const char *tag)
{
    if (strlen(tag) < 4)
        return false;
    for (size_t i = 0; i < sizeof generic_tags / sizeof *generic_tags; i++)
        if (strcasecmp(tag, generic_tags[i]) == 0)
            return false;
    return true;
}

/* Whether `risk` names the expense `line`: a word of its label or text
 * starts a word of the line's label, or it says the line's own tag. */
static bool risk_names_line(const item *line, const item *risk)
{
    const char *text = risk->text ? risk->text : "";
    if (shares_a_word_of(line->label, risk->label, true) || shares_a_word_of(line->label, text, true))
        return true;
    for (size_t i = 0; i < line->tag_count; i++)
        if (tag_names_a_line(line->tags[i]) &&
            (report_label_names(risk->label, line->tags[i]) || report_label_names(text, line->tags[i])))
            return true;
    return false;
}

const item *report_risk_expense_line(const entity *e, const item *risk)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    const item *named = NULL;
    for (size_t i = 0; i < s->item_count; i++) {
        const item *line = &s->items[i];
        if (line->value.kind != VALUE_MONEY || line->value.money.period == PERIOD_NONE ||
            line->value.money.period == PERIOD_UNIT || !risk_names_line(line, risk))
            continue;
        if (named) /* two lines: which one is not said, so the risk is asked */
            return NULL;
        named = line;
    }
    return named;
}

/* The one change a risk names to a cost: the increase is num/den of the
 * line's amount, `verb` how the row says it. */
typedef struct {
    int64_t num, den;
    const char *verb;
} risk_change;

static const char *const rise_words[] = {"rise", "raise", "increase", "up"}; /* "drop by" is no rise */

/* "N%" beside a rise word: the first whole percent of `text`, else 0 (a
 * decimal one, "2.5%", is left asked). */
static int64_t rise_percent(const char *text)
{
    if (!report_label_names_any(text, rise_words, sizeof rise_words / sizeof *rise_words))
        return 0;
    for (const char *p = strchr(text, '%'); p; p = strchr(p + 1, '%')) {
        const char *q = p;
        while (q > text && isdigit((unsigned char)q[-1]))
            q--;
        if (q < p && (q == text || !ispunct((unsigned char)q[-1]) || q[-1] == '('))
            return strtoll(q, NULL, 10);
    }
    return 0;
}

/* "+$50" or "by $50": its cents, else 0 (fixR U2). */
static int64_t rise_dollars(const char *text)
{
    for (const char *p = strchr(text, '$'); p; p = strchr(p + 1, '$')) {
        bool plus = p > text && p[-1] == '+';
        bool by = p - text >= 3 && strncasecmp(p - 3, "by ", 3) == 0;
        if (!plus && !by)
            continue;
        int64_t dollars = 0;
        const char *q = p + 1;
        for (; isdigit((unsigned char)*q) || (*q == ',' && isdigit((unsigned char)q[1])); q++)
            if (*q != ',')
                dollars = dollars * 10 + (*q - '0');
        if (q > p + 1)
            return dollars * 100;
    }
    return 0;
}

static bool risk_change_of(const report_context *c, const item *risk, const item *line,
                           risk_change *out)
{
    const char *said = report_format(c, "%s %s", risk->label, risk->text ? risk->text : "");
    int found = 0;
    if (strcasestr(said, "doubl")) {
        *out = (risk_change){1, 1, "doubles"};
        found++;
    }
    if (strcasestr(said, "tripl")) {
        *out = (risk_change){2, 1, "triples"};
        found++;
    }
    int64_t percent = rise_percent(said);
    if (percent > 0) {
        *out = (risk_change){percent, 100,
                             report_format(c, "rises %lld%%", (long long)percent)};
        found++;
    }
    /* $N in the line's own period: the share N / the line's amount */
    int64_t dollars = rise_dollars(said);
    int64_t amount = (line->value.money.low_cents + line->value.money.high_cents) / 2;
    if (dollars > 0 && amount > 0) {
        *out = (risk_change){dollars, amount,
                             report_format(c, "rises by %s%s", report_dollars_text(c, dollars),
                                           model_period_suffix(line->value.money.period))};
        found++;
    }
    return found == 1; /* two changes named: which holds is not said */
}

static const char *priced_risk(const report_context *c, const entity *e, const item *risk,
                               report_amount *a)
{
    risk_change change;
    /* lost revenue is measured at today's margin, never as a cost line */
    const item *line = report_risk_names_lost_revenue(risk) ? NULL : report_risk_expense_line(e, risk);
    report_amount cost;
    if (!line || !risk_change_of(c, risk, line, &change) || !report_item_monthly(c, e, line, &cost) ||
        cost.mid <= 0)
        return NULL;
    int64_t more = report_muldiv(cost.mid, change.num, change.den);
    *a = (report_amount){more, more, more};
    return report_format(c, "%s/month more if %s (%s/month, %s:%d) %s",
                         report_dollars_text(c, more), line->label,
                         report_dollars_text(c, cost.mid), report_file_name(e), line->line, change.verb);
}

bool report_risk_monthly(const report_context *c, const entity *e, const item *risk,
                         report_amount *a, const char **priced)
{
    const char *text = NULL;
    bool known = report_item_monthly(c, e, risk, a) || (text = priced_risk(c, e, risk, a));
    if (priced)
        *priced = text;
    return known;
}

const char *report_loan_cause_text(const report_context *c, const entity *e, bool short_form)
{
    report_operating o;
    report_entity_operating(c, e, &o);
    if (o.loan <= 0 || o.operating < 0 || o.loan <= o.operating)
        return NULL;
    const char *words = report_loan_words(&o);
    return short_form ? report_format(c, "the %s take more than the operating profit", words)
                      : report_format(c, "the %s/month of %s take more than the %s operating profit",
                                      report_dollars_text(c, o.loan), words,
                                      report_cents_text(c, o.operating));
}
