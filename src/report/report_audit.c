/* report_audit: one entity's operating model, whatever kind of business.
 *
 * The sections shown follow from the data, not from a declared type
 * (docs/reports.md, Audit):
 *  - always: monthly revenue, expenses and cash flow;
 *  - a per-unit business: margin per unit (price − variable cost), fixed
 *    cost per unit at the current volume, and utilisation when the handoff
 *    gives "<Unit>s available per month" (a rental's nights);
 *  - monthly fees in Clients: the client MRR, and its reconciliation with
 *    the Revenue lines when both exist and differ (rule 1);
 *  - money owed by state and by age (report_billing.c, rule 2), and what
 *    the entity owes another business of the group;
 *  - quoted Clients amounts: the pipeline, not yet owed;
 *  - capacity, KPIs and risks as written, each asking for its section when
 *    it is missing (an ask the body makes is not repeated in Data quality,
 *    reports.md "Each ask is made once");
 *  - exactly three recommendations: a leaked credential and missing
 *    backups first (graded as the CTO grades them), an off-season
 *    business's own lever, then the first that apply from a table in
 *    priority order (money owed, burn, margin, ... a missing KPI).
 */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

/* Rule 6: the entity's own cash and how long it lasts; asked for only
 * when the entity burns (a business in surplus is not drawing on it). */
static void put_cash(const report_context *c, const entity *e, bool has_expenses, strbuf *out)
{
    report_runway r;
    report_entity_runway(c, e, &r);
    if (r.has_cash && has_expenses)
        strbuf_printf(out, "- Cash: %s\n", report_runway_text(c, &r));
    else if (r.has_cash)
        strbuf_printf(out, "- Cash: %s\n", report_cents_text(c, r.cash));
    else if (has_expenses && r.net_burn > 0) {
        strbuf_printf(out, "- Cash: not stated: add `Cash: $amount` under `## Assets` of %s\n",
                      e->path);
        report_note_asked(c, e, SECTION_ASSETS, "Cash: $amount"); /* its one ask (R9) */
    } else if (has_expenses) { /* unknown, said; asked once in Data quality (Q8) */
        strbuf_puts(out, "- Cash: not stated\n");
        report_note_missing(c, e, SECTION_ASSETS, "Cash: $amount");
    }
}

/* "$4,768.50/month ($4,668.50–$4,868.50)": one figure, the headline's,
 * with the range as written (docs/reports.md, Audit; eyes-final5a Q7). */
static const char *figure_with_range(const report_context *c, const report_amount *a)
{
    if (a->low == a->high)
        return report_format(c, "%s/month", report_cents_text(c, a->mid));
    return report_format(c, "%s/month (%s)", report_cents_text(c, a->mid),
                         report_amount_text(c, a));
}

/* The revenue as the headline says it: received ahead of earning said
 * apart (docs/reports.md, Audit; eyes-final16 T1), its range as written
 * in brackets. */
static const char *revenue_figure_text(const report_context *c, const entity *e,
                                       const report_amount *revenue)
{
    const char *range = revenue->low == revenue->high
                            ? ""
                            : report_format(c, " (%s)", report_amount_text(c, revenue));
    return report_format(c, "%s%s%s", report_entity_revenue_cash_text(c, e, revenue->mid), range,
                         report_revenue_source(e));
}

/* Each one-off revenue line received ahead of earning: money still owed
 * to customers in goods or service (Accounting's 2400 Deferred revenue),
 * never in the monthly figures (docs/reports.md, Audit; eyes-final16 T2). */
static void put_owed_to_customers(const report_context *c, const entity *e, strbuf *out)
{
    const section *rev = &e->sections[model_revenue_section(e)];
    size_t shown = 0;
    for (size_t i = 0; i < rev->item_count; i++) {
        const item *it = &rev->items[i];
        if (it->value.kind != VALUE_MONEY || it->value.money.period != PERIOD_NONE ||
            !report_revenue_received_ahead(e, it))
            continue;
        report_amount a;
        if (!report_item_amount(it, &a))
            continue;
        strbuf_printf(out, "%s%s %s (%s:%d)",
                      shown++ ? "; " : "- Owed to customers (deferred, one-off): ", it->label,
                      report_amount_text(c, &a), e->path, it->line);
    }
    if (shown)
        strbuf_putc(out, '\n');
}

/* Whether `text` names accounts work: a related party keeping the books
 * is no independent check (docs/reports.md, Audit, Related party). */
static bool names_accounts_work(const char *text)
{
    static const char *const words[] = {"accountant", "accounts", "bookkeep", "tax", "audit"};
    for (size_t i = 0; text && i < sizeof words / sizeof *words; i++)
        if (strcasestr(text, words[i]))
            return true;
    return false;
}

/* "- Related party: Kestrel Tax & Audit, a business of the group, bills
 * Brightwater Appliance Repair $450/month (kestrel.md:23; Accountant
 * (...), brightwater.md:20); the group figures hold it in both revenue and
 * costs, net $0; ...": one fee
 * between `biller` and `payer` (C10), from Accounting's inside-group data. */
static void put_related_fee(const report_context *c, const entity *biller, const item *client,
                            const entity *payer, int64_t fee, strbuf *out)
{
    /* the payer's line must be this fee, not another of the same amount
     * (ledgerline's $650 against Seaside's Malpractice insurance): Accounting's
     * one test, which asks that it name the biller or professional work (B4) */
    const item *cost = report_group_fee_expense(c, biller, payer, fee);
    strbuf_printf(out, "- Related party: %s, a business of the group, bills %s %s/month (%s:%d; ",
                  biller->title, payer->title, report_cents_text(c, fee),
                  report_file_name(biller), client->line);
    if (cost)
        strbuf_printf(out, "%s, %s:%d", cost->label, report_file_name(payer), cost->line);
    else
        strbuf_printf(out, "no expense line for it in %s", report_file_name(payer));
    /* the group figures keep both sides (CEO headline: "net $0"), never eliminated */
    strbuf_puts(out, cost ? "); the group figures hold it in both revenue and costs, net $0" : ")");
    if (names_accounts_work(biller->business) || (cost && names_accounts_work(cost->label)))
        strbuf_printf(out, "; %s accounts are kept inside the group, so they are not independent",
                      report_possessive(c, payer->title));
    strbuf_puts(out, ".\n");
}

/* Each monthly fee `e` bills another business of the group or pays one,
 * noted in both Audits (docs/reports.md, Audit, Related party; C10). */
static void put_related_parties(const report_context *c, const entity *e, strbuf *out)
{
    const portfolio *p = c->portfolio;
    for (size_t i = 0; i < p->entity_count; i++) {
        const entity *biller = &p->entities[i];
        const section *clients = &biller->sections[SECTION_CLIENTS];
        for (size_t j = 0; j < clients->item_count; j++) {
            const entity *payer = report_group_business(c, biller, &clients->items[j]);
            report_amount fee;
            if (!payer || (biller != e && payer != e) ||
                !report_item_monthly(c, biller, &clients->items[j], &fee))
                continue;
            put_related_fee(c, biller, &clients->items[j], payer, fee.mid, out);
        }
    }
}

static void put_cash_flow(const report_context *c, const entity *e, strbuf *out)
{
    strbuf_puts(out, "## Operating figures\n\n");
    bool has_revenue = report_entity_states_revenue(c, e);
    bool has_expenses = report_entity_states_expenses(c, e);
    if (!has_revenue && !has_expenses) {
        strbuf_puts(out, "No revenue or expenses stated: see Data quality.\n\n");
        return;
    }
    report_amount revenue = report_entity_revenue(c, e);
    report_amount expenses = report_entity_expenses(c, e); /* fixC3 C9: the CFO's range */
    /* its ends two scenarios: percents move with their revenue end (rule 4) */
    report_amount flow = report_entity_surplus(c, e);
    strbuf_printf(out, "- Revenue: %s\n- Expenses: %s\n",
                  has_revenue ? revenue_figure_text(c, e, &revenue) : "not stated",
                  has_expenses ? figure_with_range(c, &expenses) : "not stated");
    report_amount burn = report_entity_net_burn(c, e);
    if (has_revenue && has_expenses && flow.high < 0 && flow.low != flow.high)
        /* "-$3,100–-$2,500" reads badly: the midpoint, and the burn's range */
        strbuf_printf(out, "- Cash flow: **%s/month** (a net burn of %s/month)\n",
                      report_cents_text(c, flow.mid), report_amount_text(c, &burn));
    else if (has_revenue && has_expenses)
        strbuf_printf(out, "- Cash flow: **%s/month**%s\n", report_cents_text(c, flow.mid),
                      flow.low == flow.high
                          ? ""
                          : report_format(c, " (%s)", report_amount_text(c, &flow)));
    put_cash(c, e, has_expenses, out);
    put_owed_to_customers(c, e, out);
    put_related_parties(c, e, out);
    strbuf_putc(out, '\n');
}

/* The KPI `<Unit>s available per month` with a positive count, or NULL. */
static const item *available_kpi(const report_context *c, const entity *e,
                                 const report_unit_economics *u)
{
    const item *available = model_find_item(
        e, SECTION_KPIS,
        report_format(c, "%s available per month", report_unit_plural(c, u->unit, true)));
    return available && available->value.kind == VALUE_NUMBER && available->value.scaled > 0
               ? available
               : NULL;
}

static void put_utilisation(const report_context *c, const entity *e, const report_unit_economics *u,
                          strbuf *out)
{
    const item *available = available_kpi(c, e, u);
    if (!available || !u->has_volume)
        return;
    int64_t utilisation =
        report_muldiv(u->volume_scaled, REPORT_PERCENT_ONE, available->value.scaled);
    int64_t break_even = report_muldiv(u->break_even_units * MODEL_SCALE, REPORT_PERCENT_ONE,
                                       available->value.scaled);
    strbuf_printf(out, "- Utilisation: %s of %s %s = **%s**", report_scaled_text(c, u->volume_scaled),
                  report_scaled_text(c, available->value.scaled),
                  report_unit_plural(c, u->unit, false), report_percent_text(c, utilisation));
    report_ahead_units a; /* the units alone first (eyes-final18 W3) */
    if (u->reachable && report_ahead_beside_units(c, e, &a) && a.units_alone != u->break_even_units)
        strbuf_printf(out, " (break-even utilisation %s; %s counting the %s received ahead)",
                      report_percent_text(c, report_muldiv(a.units_alone * MODEL_SCALE,
                                                           REPORT_PERCENT_ONE,
                                                           available->value.scaled)),
                      report_percent_text(c, break_even), report_dollars_text(c, a.ahead));
    else if (u->reachable)
        strbuf_printf(out, " (break-even utilisation %s)", report_percent_text(c, break_even));
    strbuf_puts(out, "\n");
}

/* The net margin per unit without the loan payments in the fixed share
 * (handoff-format.md, "A loan's principal is not a loss"): the operating
 * one, the same as the cash one when the entity pays no loan. */
static int64_t operating_net_margin(const report_context *c, const entity *e,
                                    const report_unit_economics *u)
{
    report_operating o;
    report_entity_operating(c, e, &o);
    report_unit_economics operating = *u;
    operating.fixed.mid -= o.loan;
    return u->margin - report_fixed_cost_per_unit(&operating);
}

/* " (-$11.02/lesson in cash, after the loan principal)" beside the
 * operating net margin when the fixed share holds loan payments, "". */
static const char *cash_net_margin_text(const report_context *c, const entity *e,
                                        const report_unit_economics *u, int64_t cash)
{
    report_operating o;
    report_entity_operating(c, e, &o);
    if (o.loan <= 0)
        return "";
    return report_format(c, " (%s/%s in cash, after the %s)", report_cents_text(c, cash), u->unit,
                         report_loan_words(&o));
}


/* `scaled` units as the Audit counts them: a subscription's stock, "237
 * paying subscriptions", else a month's sales, "18 workshops/month"
 * (handoff-format.md, "A subscription's break-even is a stock"; Z17). */
static const char *units_counted_text(const report_context *c, const entity *e, const char *unit,
                                      int64_t scaled)
{
    return report_churn_kpi(e) ? report_units_held_text(c, e, unit, scaled)
                               : report_format(c, "%s/month", report_unit_count(c, unit, scaled));
}

/* How a line says a count of units: units_counted_text, or these two. */
typedef const char *(*units_words)(const report_context *c, const entity *e, const char *unit,
                                   int64_t scaled);

/* "281": the bare count, where the sentence already names the units. */
static const char *bare_count_text(const report_context *c, const entity *e, const char *unit,
                                   int64_t scaled)
{
    (void)e, (void)unit;
    return report_scaled_text(c, scaled);
}

/* "18 workshops". */
static const char *unit_count_text(const report_context *c, const entity *e, const char *unit,
                                   int64_t scaled)
{
    (void)e;
    return report_unit_count(c, unit, scaled);
}

/* The break-even as the Audit says it, `u` reachable: "18 workshops/month",
 * or beside money received ahead the units alone first, "23
 * workshops/month (18 counting the $300 received ahead)" (handoff-format.md,
 * "Money received ahead beside units sold"; eyes-final18 W3, W2b): every
 * line that gives it says the same two. */
static const char *break_even_text(const report_context *c, const entity *e,
                                   const report_unit_economics *u, units_words say)
{
    report_ahead_units a;
    bool both = report_ahead_beside_units(c, e, &a) && a.units_alone != u->break_even_units;
    return report_format(c, "%s%s",
                         say(c, e, u->unit,
                             (both ? a.units_alone : u->break_even_units) * MODEL_SCALE),
                         both ? report_ahead_counted_text(c, &a) : "");
}

static void put_unit_model(const report_context *c, const entity *e, strbuf *out)
{
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_price)
        return;
    strbuf_printf(out, "## Margin per %s\n\n", u.unit);
    /* the contribution keeps the variable cost's range: price − high .. price − low */
    report_amount contribution = {u.price - u.variable.high, u.price - u.variable.low, u.margin};
    strbuf_printf(out, "- Price: %s/%s; variable cost %s/%s; contribution **%s/%s**%s\n",
                  report_cents_text(c, u.price), u.unit, report_amount_text(c, &u.variable), u.unit,
                  report_cents_text(c, u.margin), u.unit,
                  contribution.low != contribution.high
                      ? report_format(c, " (%s)", report_amount_text(c, &contribution))
                      : "");
    int64_t floor;
    if (report_price_floor(&u, &floor)) {
        int64_t fixed_share = report_fixed_cost_per_unit(&u);
        strbuf_printf(out, "- Fixed costs %s", report_figure_text(c, &u.fixed, "/month"));
        if (u.other_revenue > 0)
            strbuf_printf(out, " less %s/month of other revenue", report_cents_text(c, u.other_revenue));
        /* the CFO's floor (rule 6): a percent of the price is paid at the
         * floor's price, so it divides (eyes-final8 V7) */
        strbuf_printf(out, " over %s: %s per %s, so the price floor at this volume is %s per %s%s "
                           "(%s); net margin **%s/%s**%s\n",
                      report_unit_count(c, u.unit, u.volume_scaled),
                      report_cents_text(c, fixed_share), u.unit, report_cents_text(c, floor),
                      u.unit, report_price_floor_rounded_up(&u) ? ", rounded up to the cent" : "",
                      u.price_share
                          ? report_format(c, "variable cost without its %s of price + fixed "
                                             "share, ÷ (1 − %s)",
                                          report_price_share_text(c, &u),
                                          report_price_share_text(c, &u))
                          : "variable cost + fixed share",
                      report_cents_text(c, operating_net_margin(c, e, &u)), u.unit,
                      cash_net_margin_text(c, e, &u, u.margin - fixed_share));
    }
    if (u.reachable)
        strbuf_printf(out, "- Break-even: %s\n", break_even_text(c, e, &u, units_counted_text));
    else
        strbuf_printf(out, "- Break-even: not reachable (variable cost ≥ price)\n");
    strbuf_putc(out, '\n');
}

/* Quoted jobs: not owed yet (rule 2), the pipeline of work to come. */
static void put_pipeline(const report_context *c, const entity *e, strbuf *out)
{
    static const report_column columns[] = {
        {"Quoted", REPORT_LEFT},
        {"Amount", REPORT_RIGHT},
        {"Where", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 3);
    report_amount total = {0};
    const section *s = &e->sections[SECTION_CLIENTS];
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        report_amount a;
        if (!model_item_has_tag(it, "quoted") || !report_item_amount(it, &a))
            continue;
        report_table_row(&t, it->label, report_money_text(c, &it->value.money),
                         report_format(c, "%s:%d", e->path, it->line));
        report_amount_add(&total, &a);
    }
    if (!t.row_count)
        return;
    strbuf_printf(out, "## Pipeline\n\nQuoted, not yet owed: **%s** one-off.\n\n",
                  report_amount_text(c, &total));
    report_table_write(&t, out);
}

static void put_client_mrr(const report_context *c, const entity *e, strbuf *out)
{
    static const report_column columns[] = {
        {"Client", REPORT_LEFT},
        {"MRR", REPORT_RIGHT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 2);
    const section *s = &e->sections[SECTION_CLIENTS];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount m;
        if (report_item_monthly(c, e, &s->items[i], &m))
            report_table_row(&t, s->items[i].label,
                             report_format(c, "%s/month", report_amount_text(c, &m)));
    }
    if (!t.row_count)
        return;
    report_amount mrr = report_clients_mrr(c, e);
    strbuf_printf(out, "## Client MRR\n\nClients MRR: **%s/month**.\n\n",
                  report_amount_text(c, &mrr));
    report_table_write(&t, out);
}

/* KPIs that speak of capacity when the entity sells no units. */
static bool is_capacity_kpi(const char *label)
{
    static const char *const words[] = {"client", "hour", "capacity", "staff", "seat", "member"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasestr(label, words[i]))
            return true;
    return false;
}

static bool kpi_unmeasured(const item *it)
{
    return model_item_has_tag(it, "missing") || !*it->text;
}

/* `(missing)` is a gap in the handoff, not in the business's measuring
 * (eyes-final13 Q10): the figure exists somewhere, the handoff lacks it. */
static const char *const kpi_not_stated = "not stated in the handoff";

static const char *kpi_value(const item *it)
{
    return kpi_unmeasured(it) ? kpi_not_stated : it->text;
}

const char *report_missing_kpi_text(const report_context *c, const item *kpi, const char *where)
{
    return report_format(c, "%s is %s: copy the figure in (%s)", kpi->label, kpi_not_stated, where);
}

/* The KPI `<X> hours per month` with a number ("Billable hours per month:
 * 210"): a business that sells hours (docs/reports.md, Audit). */
static const item *hours_kpi(const entity *e)
{
    static const char suffix[] = "hours per month";
    const section *s = &e->sections[SECTION_KPIS];
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        size_t n = strlen(it->label), k = strlen(suffix);
        if (n >= k && strcasecmp(it->label + n - k, suffix) == 0 &&
            it->value.kind == VALUE_NUMBER && it->value.scaled > 0)
            return it;
    }
    return NULL;
}

/* "billable hours" of "Billable hours per month". */
static const char *hours_noun(const report_context *c, const item *hours)
{
    char *noun = report_format(c, "%.*s", (int)(strlen(hours->label) - strlen(" per month")),
                               hours->label);
    noun[0] = (char)tolower((unsigned char)noun[0]);
    return noun;
}

/* "Utilisation: 210 of 240 billable hours = 87.5%", or the ask for
 * `<X> hours available per month`. */
static void put_hours_capacity(const report_context *c, const entity *e, size_t *lines,
                               strbuf *out)
{
    const item *hours = hours_kpi(e);
    if (!hours)
        return;
    const char *noun = hours_noun(c, hours);
    const char *label = report_format(c, "%.*s available per month",
                                      (int)(strlen(hours->label) - strlen(" per month")),
                                      hours->label);
    const item *available = model_find_item(e, SECTION_KPIS, label);
    if (available && available->value.kind == VALUE_NUMBER && available->value.scaled > 0) {
        report_bullet(out, lines, "Utilisation: %s of %s %s = **%s**",
                      report_scaled_text(c, hours->value.scaled),
                      report_scaled_text(c, available->value.scaled), noun,
                      report_percent_text(c, report_muldiv(hours->value.scaled, REPORT_PERCENT_ONE,
                                                           available->value.scaled)));
        return;
    }
    report_bullet(out, lines, "Available: unknown: add `%s` to the `## KPIs` of %s", label,
                  e->path);
    report_note_asked(c, e, SECTION_KPIS, label); /* its one ask (R9) */
}

/* The `Occupancy: N%` KPI, above 0; NULL when the handoff has none. */
static const item *occupancy_kpi(const entity *e)
{
    const item *occupancy = model_find_item(e, SECTION_KPIS, "Occupancy");
    if (!occupancy)
        occupancy = model_find_item(e, SECTION_KPIS, "Occupancy rate");
    return occupancy && occupancy->value.kind == VALUE_PERCENT && occupancy->value.scaled > 0
               ? occupancy
               : NULL;
}

/* "Available: about 30 nights a month (18 at the 59% Occupancy KPI):
 * about 12 free": what an `Occupancy` KPI beside the units sold says is
 * available, so it is not asked for (docs/reports.md, Capacity, K13).
 * False when the KPI is absent or not a percent above 0. */
static bool put_occupancy(const report_context *c, const entity *e,
                          const report_unit_economics *u, size_t *lines, strbuf *out)
{
    const item *occupancy = occupancy_kpi(e);
    if (!occupancy)
        return false;
    /* whole units, rounded down: 18 ÷ 59% = 30.5 is "about 30" */
    int64_t available = report_muldiv(u->volume_scaled, REPORT_PERCENT_ONE,
                                      occupancy->value.scaled) / MODEL_SCALE * MODEL_SCALE;
    int64_t free_units = available - u->volume_scaled;
    report_bullet(out, lines, "Available: about %s a month (%s at the %s Occupancy KPI)%s",
                  report_unit_count(c, u->unit, available),
                  report_scaled_text(c, u->volume_scaled),
                  report_percent_text(c, occupancy->value.scaled),
                  free_units > 0 ? report_format(c, ": about %s free",
                                                 report_scaled_text(c, free_units))
                                 : "");
    return true;
}

/* A subscription business (a KPI naming churn or lifetime) sells plans
 * with no monthly capacity: its available units are never asked for
 * (docs/reports.md, Capacity, eyes-final5a Q3). */

/* The roles that say who does the work when a Status or Owner line names
 * one (docs/reports.md, Capacity, K12): "one principal", "a part-time
 * assistant". A press or a van is no one. */
static const char *const work_roles[] = {
    "principal", "bookkeeper", "assistant", "founder",    "partner",  "staff",     "employee",
    "attorney",  "paralegal",  "analyst",   "contractor", "instructor", "guide",
};

static bool names_who_works(const char *text)
{
    if (!text)
        return false;
    for (size_t r = 0; r < sizeof work_roles / sizeof work_roles[0]; r++)
        for (const char *p = text; (p = strcasestr(p, work_roles[r])) != NULL; p++)
            if (p == text || !isalpha((unsigned char)p[-1]))
                return true;
    return false;
}

/* The first `## Expenses` line that pays people, else NULL. */
static const item *paid_role(const entity *e)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_expense_pays_people(&s->items[i]))
            return &s->items[i];
    return NULL;
}

/* "Team: Attorneys 2, Paralegal 1": one line, no "Team: Attorneys: 2". */
static void put_team(const entity *e, size_t *lines, strbuf *out)
{
    const section *team = &e->sections[SECTION_TEAM];
    if (!team->item_count)
        return;
    strbuf_puts(out, "- Team: ");
    for (size_t i = 0; i < team->item_count; i++)
        strbuf_printf(out, "%s%s%s%s", i ? ", " : "", team->items[i].label,
                      *team->items[i].text ? " " : "", team->items[i].text);
    strbuf_putc(out, '\n');
    (*lines)++;
}

/* What the entity can do more of: units now against break-even and what
 * is available; otherwise its team, status and client or hour KPIs. */
static void put_capacity(const report_context *c, const entity *e, strbuf *out)
{
    strbuf_puts(out, "## Capacity\n\n");
    size_t lines = 0;
    report_unit_economics u;
    if (report_unit_economics_of(c, e, &u) && u.has_volume) {
        report_bullet(out, &lines, "Now: %s%s", units_counted_text(c, e, u.unit, u.volume_scaled),
                      u.has_price && u.reachable
                          ? report_format(c, "; break-even %s", break_even_text(c, e, &u, units_counted_text))
                          : "");
        size_t before = out->len;
        put_utilisation(c, e, &u, out);
        if (out->len == before && !report_entity_is_subscription(e) &&
            !put_occupancy(c, e, &u, &lines, out)) {
            const char *field = report_format(c, "%s available per month",
                                              report_unit_plural(c, u.unit, true));
            report_bullet(out, &lines, "Available: unknown: add `%s` to the `## KPIs` of %s",
                          field, e->path);
            report_note_asked(c, e, SECTION_KPIS, field); /* its one ask (R9) */
        }
    }
    if (e->status)
        report_bullet(out, &lines, "Status: %s", e->status);
    put_team(e, &lines, out);
    const section *kpis = &e->sections[SECTION_KPIS];
    for (size_t i = 0; i < kpis->item_count; i++)
        if (is_capacity_kpi(kpis->items[i].label))
            report_bullet(out, &lines, "%s: %s", kpis->items[i].label, kpi_value(&kpis->items[i]));
    put_hours_capacity(c, e, &lines, out);
    bool said = names_who_works(e->status);
    if (!said && names_who_works(e->owner)) {
        report_bullet(out, &lines, "Owner: %s", e->owner);
        said = true;
    }
    if (!e->has_section[SECTION_TEAM] && !said &&
        !(report_unit_economics_of(c, e, &u) && u.has_volume)) {
        const item *paid = paid_role(e);
        if (paid) /* its pay names who works: only the hours are asked (Y7) */
            report_bullet(out, &lines, "Who does the work: %s (%s, %s:%d); hours not stated: add a "
                                       "`## Team` section to %s (`- Role: hours/week`)",
                          paid->label, report_written_amount(c, paid), report_file_name(e), paid->line,
                          e->path);
        else
            report_bullet(out, &lines, "Who does the work is not stated: add a `## Team` section "
                                       "to %s (`- Role: hours/week`)",
                          e->path);
        report_note_asked_section(c, e, SECTION_TEAM); /* its one ask (R9) */
    }
    strbuf_putc(out, '\n');
}

static void put_kpis(const report_context *c, const entity *e, strbuf *out)
{
    static const report_column columns[] = {
        {"KPI", REPORT_LEFT}, {"Value", REPORT_RIGHT}, {"Line", REPORT_RIGHT}};
    strbuf_puts(out, "## KPIs\n\n");
    const section *s = &e->sections[SECTION_KPIS];
    if (!s->item_count) {
        strbuf_puts(out, "None stated.\n\n"); /* asked once, in Data quality (Q4) */
        report_note_missing_section(c, e, SECTION_KPIS);
        return;
    }
    /* the file once, its lines per row: one table shape for any KPI name (Q15) */
    strbuf_printf(out, "From %s:\n\n", e->path);
    report_table t;
    report_table_init(&t, c->arena, columns, 3);
    for (size_t i = 0; i < s->item_count; i++) {
        report_table_row(&t, s->items[i].label, kpi_value(&s->items[i]),
                         report_format(c, "%d", s->items[i].line));
        if (kpi_unmeasured(&s->items[i])) /* "not stated" is an ask too */
            report_note_missing(c, e, SECTION_KPIS,
                                report_format(c, "%s: N", s->items[i].label));
    }
    report_table_write(&t, out);
}

static void put_risks(const report_context *c, const entity *e, strbuf *out)
{
    static const report_column columns[] = {
        {"Risk", REPORT_LEFT}, {"Priority", REPORT_LEFT}, {"Where", REPORT_LEFT}};
    strbuf_puts(out, "## Risks\n\n");
    report_entry *risks;
    size_t count = report_collect_items(c, SECTION_RISKS, NULL, &risks);
    if (!count) {
        strbuf_puts(out, "None stated.\n\n"); /* asked once, in Data quality (Q4) */
        report_note_missing_section(c, e, SECTION_RISKS);
        return;
    }
    report_table t;
    report_table_init(&t, c->arena, columns, 3);
    for (size_t i = 0; i < count; i++) {
        const item *it = risks[i].item;
        report_table_row(&t, report_risk_asked(c, e, it), report_item_priority(it),
                         report_format(c, "%s:%d", e->path, it->line));
    }
    report_table_write(&t, out);
}

/* The recommendations of docs/reports.md (Audit), in their order; each
 * returns false when the data gives it nothing to say. */
#define AUDIT_RECOMMENDATIONS 3

typedef struct {
    const report_context *c;
    const entity *e;
    report_owed_list owed;
    int64_t flow; /* revenue − expenses, midpoint */
    bool has_flow;
    bool revenue_stated; /* false: the flow counts no revenue */
    report_runway runway; /* rule 6: the entity's own cash */
    report_gap_list gaps; /* its site's security gaps, graded as the CTO grades them */
    bool off_season;      /* its Status says so: no units to sell now */
    const char *recommendations[AUDIT_RECOMMENDATIONS]; /* worked out once */
    size_t recommendation_count;
} audit_facts;

typedef bool recommendation_fn(const audit_facts *f, strbuf *out);

static const char *where(const audit_facts *f, const item *it)
{
    return report_format(f->c, "%s:%d", f->e->path, it->line);
}

static bool recommend_pay_group(const audit_facts *f, strbuf *out)
{
    return report_recommend_pay_group(f->c, f->e, out);
}

/* The gaps the Audit recommends before anything else, graded as the CTO
 * grades them (docs/reports.md, Audit): a leaked credential, then a high
 * gap such as an endpoint without authentication. */
static bool is_urgent_gap(const audit_facts *f, const report_gap *g)
{
    return g->entity == f->e &&
           (g->severity == SEVERITY_CRITICAL || g->severity == SEVERITY_HIGH);
}

/* Whether `action` fixes an urgent gap of the entity's site: then the
 * gap's recommendation names it, and rule 10 does not again. */
static bool action_fixes_urgent_gap(const audit_facts *f, const item *action)
{
    for (size_t i = 0; i < f->gaps.count; i++)
        if (is_urgent_gap(f, &f->gaps.items[i]) &&
            report_action_fixes_gap(action, &f->gaps.items[i]))
            return true;
    return false;
}

/* The handoff's own action that fixes `g`, NULL when none does. */
static const item *action_fixing(const audit_facts *f, const report_gap *g)
{
    const section *s = &f->e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_action_fixes_gap(&s->items[i], g))
            return &s->items[i];
    return NULL;
}

/* The entity's site gaps of one severity, one sentence each: "Change the
 * password now ...: hard-coded password in sites/x:3 (critical, 1 hour;
 * the handoff's "...", file:53)". */
static bool recommend_gaps(const audit_facts *f, report_severity severity, strbuf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < f->gaps.count; i++) {
        const report_gap *g = &f->gaps.items[i];
        if (g->entity != f->e || g->severity != severity)
            continue;
        const item *own = action_fixing(f, g);
        strbuf_printf(out, "%s%c%s: %s in %s (%s, %s", n++ ? "; " : "",
                      toupper((unsigned char)g->fix[0]), g->fix + 1, g->what,
                      report_gap_where(f->c, g), report_severity_names[severity],
                      report_effort_name(g->effort));
        if (own)
            strbuf_printf(out, "; the handoff's \"%s\", %s", own->label, where(f, own));
        strbuf_putc(out, ')');
    }
    return n > 0;
}

/* A credential leaked in the entity's site: critical in every report. */
static bool recommend_credential(const audit_facts *f, strbuf *out)
{
    return recommend_gaps(f, SEVERITY_CRITICAL, out);
}


/* What the CTO grades high, one recommendation (eyes-final2a H7): an open
 * endpoint of the site, then the CTO's backups row in its words and effort
 * (report_cto_backups_step: "set up backups and test a restore", or
 * "backups not recorded: confirm …" for `(missing)`, eyes-final13 Q1), so
 * neither crowds out the business's own recommendation. */
static bool recommend_high(const audit_facts *f, strbuf *out)
{
    bool gaps = recommend_gaps(f, SEVERITY_HIGH, out);
    report_effort effort;
    const char *at;
    const char *step = report_cto_backups_step(f->c, f->e, &effort, &at);
    if (step)
        strbuf_printf(out, "%s%c%s (high, %s; %s)", gaps ? "; " : "",
                      gaps ? step[0] : toupper((unsigned char)step[0]), step + 1,
                      report_effort_name(effort), at);
    return gaps || step != NULL;
}

/* In the off-season, the handoff's own lever: its highest-priority
 * action tagged `revenue`. */
static const item *off_season_lever(const audit_facts *f)
{
    report_entry *entries;
    if (!f->off_season || !report_collect_items(f->c, SECTION_ACTIONS, "revenue", &entries))
        return NULL;
    return entries[0].item;
}

/* What a $0 action costs in words: "no cost", or, when its label names a
 * channel paid per sale, "no upfront cost; affiliates take a commission
 * per sale (not stated: add its rate)" -- the commission cuts each sale's
 * margin, so it is never free (docs/reports.md, Audit rule 10; eyes-final9
 * W16). */
static const char *free_action_cost_text(const audit_facts *f, const item *action)
{
    static const struct {
        const char *word, *who;
    } channels[] = {
        {"affiliate", "affiliates"}, {"affiliates", "affiliates"}, {"referral", "referrers"},
        {"referrals", "referrers"},  {"reseller", "resellers"},    {"resellers", "resellers"},
        {"commission", "the channel"},
    };
    for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
        if (report_names_word(action->label, channels[i].word))
            return report_format(f->c,
                                 "no upfront cost; %s take%s a commission per sale (not stated: "
                                 "add its rate)",
                                 channels[i].who, strcmp(channels[i].who, "the channel") ? "" : "s");
    return "no cost";
}

static void put_action_by(const audit_facts *f, const item *action, bool dated, strbuf *out);

static void put_action(const audit_facts *f, const item *action, strbuf *out)
{
    put_action_by(f, action, false, out);
}

/* put_action, with its one date after the priority when `dated` (rule 9:
 * the action that answers a risk says when; reports.md "One date per
 * action"). */
static void put_action_by(const audit_facts *f, const item *action, bool dated, strbuf *out)
{
    bool free_of_cost = action->value.kind == VALUE_MONEY && action->value.money.high_cents == 0;
    const char *cost =
        free_of_cost ? free_action_cost_text(f, action) : report_written_amount(f->c, action);
    /* rule 10, an action that sends the blast: a send's cost and what it
     * could bring, from the blast model (eyes-final5a Q9) */
    report_blast blast;
    const char *brings = NULL;
    if (report_names_word(action->label, "blast") && report_blast_of(f->c, f->e, &blast)) {
        brings = report_blast_brings_text(f->c, f->e);
        if (blast.has_cost)
            cost = report_format(f->c, "%s a send", report_cents_text(f->c, blast.cost));
    }
    /* the handoff's own words are the sentence: "Launch a winter board
     * storage promotion ($150 one-off, ...)", never `Do "..."` (H9) */
    bool ranked = report_item_priority_rank(action) < 3; /* never "— priority" (R10) */
    strbuf_printf(out, "%s (%s, %s%s%s; %s)%s%s", action->label, cost,
                  ranked ? report_item_priority(action) : "no priority stated",
                  ranked ? " priority" : "",
                  dated ? report_format(f->c, ", by %s", report_action_due_date(f->c, f->e, action))
                        : "",
                  where(f, action), brings ? ": " : "", brings ? brings : "");
}

static bool recommend_season_lever(const audit_facts *f, strbuf *out)
{
    const item *lever = off_season_lever(f);
    if (lever)
        put_action(f, lever, out);
    return lever != NULL;
}

/* The CFO's stop-new-spending line: cash for fewer months than this
 * makes the burn the first thing to fix (docs/reports.md, Audit). */
#define AUDIT_SHORT_RUNWAY_MONTHS 6

/* A holding company (no revenue stated) with this many months of cash is
 * not told to close a burn it cannot close (docs/reports.md, Audit). */
#define AUDIT_LONG_RUNWAY_MONTHS 24

static bool is_dormant_holding(const audit_facts *f)
{
    return !f->revenue_stated && f->runway.has_cash && f->runway.net_burn > 0 &&
           f->runway.months >= AUDIT_LONG_RUNWAY_MONTHS;
}

static bool runway_is_short(const audit_facts *f)
{
    return f->runway.has_cash && f->runway.net_burn > 0 &&
           f->runway.months < AUDIT_SHORT_RUNWAY_MONTHS;
}

/* A business with little cash collects its overdue first, inside the burn
 * recommendation (docs/reports.md, Audit rule 2; eyes-final3b N10), and
 * recommendation 1 is not made again. */
static bool collect_in_burn(const audit_facts *f)
{
    return runway_is_short(f) && f->has_flow && f->flow < 0 && !f->off_season &&
           !is_dormant_holding(f);
}

/* The words of a collection step (docs/reports.md, Audit rule 1). */
static const char *const collect_words[] = {"overdue", "collect", "remind", "chase"};

/* The handoff's own action that collects the clients' overdue money rule 1
 * asks for: the highest-priority one whose label names a collection word;
 * NULL when rule 1 does not collect from clients (the burn's rule does, or
 * only a business of the group is late) or no action names one. */
static const item *collect_action(const audit_facts *f)
{
    bool clients_late = false;
    for (size_t i = 0; i < f->owed.count; i++)
        clients_late |= f->owed.items[i].state == OWED_OVERDUE &&
                        !report_group_business(f->c, f->e, f->owed.items[i].client);
    if (!clients_late || collect_in_burn(f))
        return NULL;
    report_entry *actions;
    size_t count = report_collect_items(f->c, SECTION_ACTIONS, NULL, &actions);
    for (size_t i = 0; i < count; i++)
        if (report_label_names_any(actions[i].item->label, collect_words,
                                   sizeof collect_words / sizeof *collect_words))
            return actions[i].item;
    return NULL;
}

/* The item's first date tag as written ("2026-10-31"); "" when none. */
static const char *date_tag(const item *it)
{
    for (size_t i = 0; i < it->tag_count; i++)
        if (model_looks_like_date(it->tags[i]))
            return it->tags[i];
    return "";
}

/* The later invoice `client` has paid while `overdue`, older, is still
 * owed: a paid sibling dated after it; NULL when none. */
static const item *later_paid(const item *client, const item *overdue)
{
    int64_t owed_day, paid_day;
    if (!model_item_date(overdue, &owed_day))
        return NULL;
    for (size_t i = 0; i < client->child_count; i++) {
        const item *it = &client->children[i];
        if (model_item_has_tag(it, "paid") && model_item_date(it, &paid_day) && paid_day > owed_day)
            return it;
    }
    return NULL;
}

/* "; Halvorsen Foods paid the later Invoice N-201 (2026-10-31) but not
 * Invoice N-214: ask whether it is disputed": a client paying around an
 * older invoice may dispute it (docs/reports.md, Audit rule 1; B12). */
static void put_dispute_questions(const audit_facts *f, strbuf *out)
{
    for (size_t i = 0; i < f->owed.count; i++) {
        const report_owed *o = &f->owed.items[i];
        const item *paid;
        if (o->state != OWED_OVERDUE || o->month_of_fee || o->debtor ||
            !(paid = later_paid(o->client, o->item)))
            continue;
        strbuf_printf(out, "; %s paid the later %s (%s) but not %s: ask whether it is disputed",
                      o->client->label, paid->label, date_tag(paid), o->item->label);
    }
}

static bool recommend_collect(const audit_facts *f, strbuf *out)
{
    if (collect_in_burn(f))
        return false; /* said in the burn recommendation */
    const item *action = collect_action(f);
    strbuf step = STRBUF_INIT;
    if (action) { /* the step beside the money (fixA) */
        strbuf_puts(&step, "the handoff's own step: ");
        put_action_by(f, action, true, &step);
    }
    bool said = report_recommend_collect(f->c, f->e, &f->owed, action ? strbuf_cstr(&step) : NULL, out);
    strbuf_free(&step);
    if (said)
        put_dispute_questions(f, out);
    return said;
}

/* The one-off `## Assets` amount of largest value that is not cash (a
 * lot, a boat), NULL when none. */
static const item *largest_asset(const entity *e)
{
    const section *s = &e->sections[SECTION_ASSETS];
    const item *largest = NULL;
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        if (it->value.kind != VALUE_MONEY || it->value.money.period != PERIOD_NONE ||
            report_item_is_cash(it))
            continue;
        if (!largest || model_money_mid(&it->value.money) > model_money_mid(&largest->value.money))
            largest = it;
    }
    return largest;
}


/* "Nothing forces a decision on the $175/month net burn ...: the open
 * question is whether to keep Lakefront lot (worth $85,000, file:16)". */
static void put_holding_question(const audit_facts *f, strbuf *out)
{
    strbuf_printf(out, "Nothing forces a decision on the %s/month net burn (no revenue stated): "
                       "its %s cash lasts %s",
                  report_cents_text(f->c, -f->flow), report_cents_text(f->c, f->runway.cash),
                  report_runway_months_text(f->c, f->runway.months));
    const item *asset = largest_asset(f->e);
    report_amount cost;
    const item *largest = report_entity_largest_cost(f->c, f->e, &cost);
    if (asset)
        strbuf_printf(out, "; the open question is whether to keep %s (worth %s, %s)", asset->label,
                      report_cents_text(f->c, model_money_mid(&asset->value.money)),
                      where(f, asset));
    else if (largest)
        strbuf_printf(out, "; its largest cost is %s (%s/month, %s)", largest->label,
                      report_cents_text(f->c, cost.mid), where(f, largest));
}

/* "3", "3–4": a blast's whole conversions, as the CMO's sentences count them. */
static const char *blast_count_text(const audit_facts *f, const report_blast *b)
{
    return report_blast_whole_text(f->c, b->conversions_low, b->conversions_high);
}

/* A send is worth naming against the units to add when its high
 * conversions reach this share of them (docs/reports.md, Audit): 9.6 of
 * 600 spare orders changes no decision. */
#define BLAST_WORTH_NAMING_DIVISOR 10

/* What one send to the entity's list brings against the `needed` units
 * (scaled) a recommendation adds (docs/reports.md, Audit): the CMO's
 * figures (report_blast_of), one-off, never a monthly close. Nothing when
 * the entity has no complete blast model or the send is too small. */
static void put_blast_against(const audit_facts *f, const char *unit, int64_t needed,
                              strbuf *out)
{
    report_blast b;
    if (!report_blast_of(f->c, f->e, &b) ||
        b.conversions_high * BLAST_WORTH_NAMING_DIVISOR < needed)
        return;
    const char *count = blast_count_text(f, &b);
    strbuf_printf(out, "; one send to the %s-recipient list could bring %s (%s of revenue, "
                       "one-off; ",
                  report_scaled_text(f->c, b.recipients), report_blast_units_text(f->c, f->e),
                  report_estimate_text(f->c, b.value_low, b.value_high));
    if (b.has_cost)
        strbuf_printf(out, "%s net of its %s cost per send)",
                      report_estimate_text(f->c, b.value_low - b.cost, b.value_high - b.cost),
                      report_cents_text(f->c, b.cost));
    else
        strbuf_puts(out, "its cost per send is not stated)");
    const char *target = report_format(f->c, "+%s", report_unit_count(f->c, unit, needed));
    if (b.conversions_low >= needed)
        strbuf_printf(out, ": enough for the %s in the month it goes out", target);
    else if (b.conversions_high >= needed)
        strbuf_printf(out, ": enough for the %s at its high end, in the month it goes out",
                      target);
    else
        strbuf_printf(out, ": %s of the %s", count, target);
}

/* "; its $8,000 cash lasts 2 months (to about Feb 2027)" for an entity
 * that burns and states cash (rule 6), nothing otherwise. */
static void put_runway_clause(const audit_facts *f, strbuf *out)
{
    if (f->runway.has_cash && f->runway.net_burn > 0)
        strbuf_printf(out, "; its %s cash lasts %s", report_cents_text(f->c, f->runway.cash),
                      report_runway_months_text(f->c, f->runway.months));
}

/* "; at 210 billable hours a month (file:39), $6.23 more per billable
 * hour": the burn over the hours the business sells. */
static bool put_hours_lever(const audit_facts *f, const char *sep, strbuf *out)
{
    const item *hours = hours_kpi(f->e);
    if (!hours)
        return false;
    const char *noun = hours_noun(f->c, hours);
    strbuf_printf(out, "%sat %s %s a month (%s), %s more per %.*s", sep,
                  report_scaled_text(f->c, hours->value.scaled), noun, where(f, hours),
                  report_cents_text(f->c, report_muldiv(-f->flow, MODEL_SCALE, hours->value.scaled)),
                  (int)strlen(noun) - 1, noun); /* "billable hours" -> "billable hour" */
    return true;
}

/* "; $1,200/month of Monthly retainers ($9,000/month) is paid by no client
 * in `## Clients` ($7,800/month): ...": retainer revenue no listed client
 * pays, when the Clients fees are less than the retainer line. */
static bool put_unpaid_retainer(const audit_facts *f, const char *sep, strbuf *out)
{
    const entity *e = f->e;
    if (!e->has_section[SECTION_CLIENTS])
        return false;
    report_amount mrr = report_clients_mrr(f->c, e);
    const section *s = &e->sections[SECTION_REVENUE];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount m;
        if (!strcasestr(s->items[i].label, "retainer") ||
            !report_item_monthly(f->c, e, &s->items[i], &m) || m.mid <= mrr.mid)
            continue;
        strbuf_printf(out, "%s%s/month of %s (%s/month) is paid by no client in `## Clients` "
                           "(%s/month): name who pays it, or the burn is that much larger", sep,
                      report_cents_text(f->c, m.mid - mrr.mid), s->items[i].label,
                      report_cents_text(f->c, m.mid), report_cents_text(f->c, mrr.mid));
        return true;
    }
    return false;
}

/* Under 3 months of cash the burn is the executive's call, fund or cut,
 * not a revenue target (docs/reports.md, Audit rule 2, Q14): "Decide this
 * month whether to fund the $3,819/month net burn or cut Developer
 * contractors ($5,500/month, lumen.md:14); its $8,000 cash lasts 2 months
 * (...); meanwhile collect ...". False otherwise. */
/* Whether the entity's cash lasts under 3 months while it burns: the burn
 * is the executive's call, fund or cut (docs/reports.md, Audit rules 2 and
 * 10), the same test as the CFO's and the schedule's
 * (report_cash_runs_short). */
static bool funding_decision_open(const audit_facts *f)
{
    return report_cash_runs_short(&f->runway);
}

/* " with 14 more lessons a month at the $23 contribution, or $47.50 a
 * lesson instead of $45": the levers the report's Margin section already
 * gives, or the CFO's revenue to break even; false when there is none. */
static bool put_close_levers(const audit_facts *f, strbuf *out)
{
    report_unit_economics u;
    int64_t more, break_even;
    if (report_unit_economics_of(f->c, f->e, &u) && u.reachable && u.margin > 0) {
        int64_t units = report_ceil_div(f->runway.net_burn, u.margin);
        strbuf_printf(out, " with %lld more %s a month at the %s contribution", (long long)units,
                      units == 1 ? u.unit : report_unit_plural(f->c, u.unit, false),
                      report_cents_text(f->c, u.margin));
        if (u.has_price && u.has_volume && u.volume_scaled > 0) {
            int64_t floor = u.variable.mid + report_fixed_cost_per_unit(&u);
            if (floor > u.price)
                strbuf_printf(out, ", or %s a %s instead of %s", report_cents_text(f->c, floor),
                              u.unit, report_cents_text(f->c, u.price));
        }
        return true;
    }
    if (!f->revenue_stated || !report_revenue_to_break_even(f->c, f->e, &more, &break_even) ||
        more <= 0)
        return false;
    strbuf_printf(out, " with %s a month more revenue (break-even %s)",
                  report_cents_text(f->c, more), report_cents_text(f->c, break_even));
    return true;
}

/* A burn at most a fifth of the largest cost is funded or closed with
 * units or price, never by cutting that cost (docs/reports.md, Audit rule
 * 2; the CEO's rule, eyes-final2 H15; eyes-final6b S7). */
static bool recommend_fund_or_close(const audit_facts *f, strbuf *out)
{
    strbuf levers = STRBUF_INIT;
    bool any = put_close_levers(f, &levers);
    if (any)
        strbuf_printf(out, "Decide this month: fund the %s/month gap or close it%s; its %s cash "
                           "lasts %s",
                      report_cents_text(f->c, f->runway.net_burn), strbuf_cstr(&levers),
                      report_cents_text(f->c, f->runway.cash),
                      report_runway_months_text(f->c, f->runway.months));
    strbuf_free(&levers);
    return any;
}

static bool recommend_fund_or_cut(const audit_facts *f, strbuf *out)
{
    report_amount cost = {0};
    const item *largest = report_entity_largest_cost(f->c, f->e, &cost);
    if (!funding_decision_open(f) || !largest || cost.mid <= 0)
        return false;
    if (f->runway.net_burn * 5 <= cost.mid && recommend_fund_or_close(f, out)) {
        if (collect_in_burn(f))
            report_put_collect_first(f->c, f->e, &f->owed, f->runway.cash, "meanwhile", out);
        return true;
    }
    strbuf_printf(out, "Decide this month whether to fund the %s/month net burn or cut %s (%s/month, "
                       "%s); its %s cash lasts %s",
                  report_cents_text(f->c, -f->flow), largest->label,
                  report_cents_text(f->c, cost.mid), where(f, largest),
                  report_cents_text(f->c, f->runway.cash),
                  report_runway_months_text(f->c, f->runway.months));
    if (collect_in_burn(f))
        report_put_collect_first(f->c, f->e, &f->owed, f->runway.cash, "meanwhile", out);
    return true;
}

/* "; Launch an affiliate programme (no cost, quillwork.md:25)": the
 * owner's own no-cost revenue action, the first way to the units the gap
 * needs (docs/reports.md, Audit rule 9; eyes-final6b S9), after `lead`
 * ("; ", or "; first step: " beside a revenue target, eyes-final15 S4). */
static void put_no_cost_revenue_action(const audit_facts *f, const char *lead, strbuf *out)
{
    const section *s = &f->e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_action_costs_nothing(&s->items[i]) &&
            report_action_brings_revenue(&s->items[i])) {
            strbuf_printf(out, "%s%c%s (%s, %s)", lead, tolower((unsigned char)s->items[i].label[0]),
                          s->items[i].label + (s->items[i].label[0] != '\0'),
                          free_action_cost_text(f, &s->items[i]), where(f, &s->items[i]));
            return;
        }
}

static bool recommend_close_burn(const audit_facts *f, strbuf *out)
{
    if (f->has_flow && f->flow < 0 && is_dormant_holding(f)) {
        put_holding_question(f, out);
        return true;
    }
    if (!f->has_flow || f->flow >= 0)
        return false;
    if (f->off_season) { /* no units to add now: the winter is funded */
        /* its own blast reaches the need: the CEO's, CFO's and CMO's one
         * story, first so the headline's decision (its leading clause) says
         * it too (docs/reports.md, "One story …"; fixS 1) */
        const char *send = report_blast_funding_send_text(f->c, f->e, "its");
        const char *check = report_blast_funding_check_text(f->c, f->e, false);
        const char *funding = report_season_funding_text(f->c, f->e);
        if (send && check && funding) { /* the send leads, as the others say it (W1) */
            strbuf_printf(out, "%c%s to bridge the off-season: %s; %s; the net burn is %s/month",
                          toupper((unsigned char)*send), send + 1, funding, check,
                          report_cents_text(f->c, -f->flow));
            put_runway_clause(f, out);
            return true;
        }
        strbuf_printf(out, "Fund the off-season: the %s/month net burn",
                      report_cents_text(f->c, -f->flow));
        put_runway_clause(f, out); /* the Status is Capacity's, not pasted here (H9) */
        report_put_season_funding(f->c, f->e, "; ", out); /* the figure to find (E2) */
        return true;
    }
    if (recommend_fund_or_cut(f, out))
        return true;
    strbuf_printf(out, "Close the %s/month net burn%s", report_cents_text(f->c, -f->flow),
                  f->revenue_stated ? "" : " (no revenue stated)");
    if (f->runway.has_cash && f->runway.net_burn > 0)
        strbuf_printf(out, ": its %s cash lasts %s", report_cents_text(f->c, f->runway.cash),
                      report_runway_months_text(f->c, f->runway.months));
    if (collect_in_burn(f))
        report_put_collect_first(f->c, f->e, &f->owed, f->runway.cash, "first", out);
    report_unit_economics u;
    if (report_unit_economics_of(f->c, f->e, &u) && u.reachable) {
        int64_t needed = report_ceil_div(-f->flow, u.margin) * MODEL_SCALE;
        const char *more = report_churn_kpi(f->e) /* a stock to grow (Z17) */
                               ? report_units_to_add_text(f->c, f->e, &u,
                                                          u.break_even_units -
                                                              u.volume_scaled / MODEL_SCALE)
                               : report_format(f->c, "+%s/month",
                                               report_unit_count(f->c, u.unit, needed));
        strbuf_printf(out, "%s%s at the %s contribution of %s", f->runway.has_cash ? "; " : ": ",
                      more, u.unit, report_cents_text(f->c, u.margin));
        put_blast_against(f, u.unit, needed, out);
        put_no_cost_revenue_action(f, "; ", out);
    } else {
        /* ": " opens the how unless the runway clause did */
        const char *sep = f->runway.has_cash && f->runway.net_burn > 0 ? "; " : ": ";
        bool hours = put_hours_lever(f, sep, out);
        bool retainer = put_unpaid_retainer(f, hours ? "; " : sep, out);
        report_amount largest_monthly = {0};
        const item *largest = report_entity_largest_cost(f->c, f->e, &largest_monthly);
        int64_t more, break_even;
        bool target = !hours && !retainer && f->revenue_stated &&
                      report_revenue_to_break_even(f->c, f->e, &more, &break_even) && more > 0;
        if (target) /* the CFO's figure (eyes-final3a M16) */
            strbuf_printf(out, "%s%s a month more revenue closes it (break-even %s)",
                          hours || retainer ? "; " : sep, report_cents_text(f->c, more),
                          report_cents_text(f->c, break_even));
        if (target) /* the owner's own lever before a loan or a cut (S4) */
            put_no_cost_revenue_action(f, "; first step: ", out);
        const char *loan = report_loan_cause_text(f->c, f->e, false); /* R4 */
        if (!hours && !retainer && loan)
            strbuf_printf(out, "%s refinance the loan: %s", target ? "; or" : ";", loan);
        else if (!hours && !retainer && largest && largest_monthly.mid > 0)
            strbuf_printf(out, "%s the largest cost is %s (%s/month, %s)", target ? "; or cut:" : ";",
                          largest->label, report_cents_text(f->c, largest_monthly.mid),
                          where(f, largest));
    }
    return true;
}

/* Rule 6's surplus target: a cash flow under 10% of revenue (never called
 * a margin of safety, eyes-final8 V5). */
static bool recommend_margin(const audit_facts *f, strbuf *out)
{
    if (!f->has_flow || f->flow < 0)
        return false;
    int64_t revenue = report_entity_revenue(f->c, f->e).mid;
    int64_t margin = report_muldiv(revenue, 10, 100);
    if (revenue <= 0 || f->flow >= margin)
        return false;
    strbuf_printf(out, "Raise the surplus to its target: cash flow %s/month is %s of revenue, under "
                       "the 10%% (%s/month) that absorbs a bad month",
                  report_cents_text(f->c, f->flow),
                  report_percent_text(f->c, report_muldiv(f->flow, REPORT_PERCENT_ONE, revenue)),
                  report_cents_text(f->c, margin));
    report_unit_economics u;
    if (!f->off_season && report_unit_economics_of(f->c, f->e, &u) && u.has_price && u.reachable) {
        int64_t units = report_ceil_div(margin - f->flow, u.margin);
        strbuf_printf(out, ": %s (+%s/month at %s each)",
                      report_units_to_add_text(f->c, f->e, &u, units),
                      report_cents_text(f->c, units * u.margin), report_cents_text(f->c, u.margin));
        put_blast_against(f, u.unit, units * MODEL_SCALE, out);
    }
    return true;
}

static const item *top_risk(const audit_facts *f);

/* The units a high lost-revenue top risk would take (its monthly amount ÷
 * the unit price, rounded up) when they are more than the `idle` spare
 * ones, else 0: spare capacity is then not the decision (reports.md,
 * Audit rule 4, eyes-final9 W7). `risk` receives that risk. */
static int64_t units_risk_takes(const audit_facts *f, const report_unit_economics *u,
                                int64_t idle, const item **risk)
{
    *risk = top_risk(f);
    report_amount amount;
    if (!*risk || !model_item_has_tag(*risk, "high") || !report_risk_names_lost_revenue(*risk) ||
        !u->has_price || u->price <= 0 || !report_item_monthly(f->c, f->e, *risk, &amount) ||
        amount.mid <= 0)
        return 0;
    int64_t units = report_ceil_div(amount.mid, u->price);
    return units * MODEL_SCALE > idle ? units : 0;
}

/* The KPI "<Unit>s available per month" when it is more than the units
 * sold (spare capacity), else NULL; `u` holds the unit economics then. */
static const item *spare_capacity_kpi(const audit_facts *f, report_unit_economics *u)
{
    if (!report_unit_economics_of(f->c, f->e, u) || !u->has_volume || !u->has_price ||
        !u->reachable)
        return NULL;
    const item *available = model_find_item(
        f->e, SECTION_KPIS,
        report_format(f->c, "%s available per month", report_unit_plural(f->c, u->unit, true)));
    if (!available || available->value.kind != VALUE_NUMBER ||
        available->value.scaled <= u->volume_scaled)
        return NULL;
    return available;
}

/* Whether rule 9 (the risk) comes before rule 4 (the spare capacity). */
static bool risk_before_fill(const audit_facts *f)
{
    report_unit_economics u;
    const item *available = f->off_season ? NULL : spare_capacity_kpi(f, &u);
    const item *risk;
    return available &&
           units_risk_takes(f, &u, available->value.scaled - u.volume_scaled, &risk) > 0;
}

/* Units available and not sold, at the unit contribution. */
static bool recommend_fill(const audit_facts *f, strbuf *out)
{
    report_unit_economics u;
    const item *available = spare_capacity_kpi(f, &u);
    if (!available)
        return false;
    if (f->off_season) {
        if (u.volume_scaled >= u.break_even_units * MODEL_SCALE)
            return false;
        strbuf_printf(out, "When the season opens, sell at least %s a month to break even (%s now, "
                           "%s available)",
                      report_unit_count(f->c, u.unit, u.break_even_units * MODEL_SCALE),
                      report_scaled_text(f->c, u.volume_scaled),
                      report_scaled_text(f->c, available->value.scaled));
        return true;
    }
    int64_t idle = available->value.scaled - u.volume_scaled;
    const char *sell = report_spare_capacity_text(f->c, f->e); /* the CEO's too (E6) */
    strbuf_printf(out, "%c%s", toupper((unsigned char)*sell), sell + 1);
    put_blast_against(f, u.unit, idle, out);
    const item *risk;
    int64_t lost = units_risk_takes(f, &u, idle, &risk);
    if (lost) /* context for the risk recommended before it (W7) */
        strbuf_printf(out, "; the %s risk \"%s\" could take about %s/month, more than these %s",
                      report_item_priority(risk), risk->label,
                      report_unit_count(f->c, u.unit, lost * MODEL_SCALE),
                      report_scaled_text(f->c, idle));
    return true;
}

static bool recommend_invoice(const audit_facts *f, strbuf *out)
{
    int64_t unbilled = f->owed.by_state[OWED_UNBILLED].mid;
    if (unbilled <= 0)
        return false;
    strbuf_printf(out, "Invoice the %s of unbilled work:", report_cents_text(f->c, unbilled));
    const char *sep = " ";
    for (size_t i = 0; i < f->owed.count; i++)
        if (f->owed.items[i].state == OWED_UNBILLED) {
            strbuf_printf(out, "%s%s (%s)", sep, report_owed_label(f->c, &f->owed.items[i]),
                          report_amount_text(f->c, &f->owed.items[i].amount));
            sep = "; ";
        }
    return true;
}

static bool recommend_follow_up(const audit_facts *f, strbuf *out)
{
    const section *s = &f->e->sections[SECTION_CLIENTS];
    report_amount total = {0};
    strbuf items = STRBUF_INIT;
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount a;
        if (!model_item_has_tag(&s->items[i], "quoted") || !report_item_amount(&s->items[i], &a))
            continue;
        report_amount_add(&total, &a);
        strbuf_printf(&items, "%s%s (%s, %s)", items.len ? "; " : " ", s->items[i].label,
                      report_amount_text(f->c, &a), where(f, &s->items[i]));
    }
    bool any = items.len > 0;
    if (any)
        strbuf_printf(out, "Follow up the %s quoted, not yet won:%s",
                      report_amount_text(f->c, &total), strbuf_cstr(&items));
    strbuf_free(&items);
    return any;
}

/* "; duplicate of Queen of San Diego": whose copy of a duplicate stays,
 * so the owner reads why a tool in use can go; "" for an unused line. */
static const char *duplicate_text(const audit_facts *f, const report_saving *s)
{
    return strcmp(s->reason, "unused") ? report_format(f->c, "; %s", s->reason) : "";
}

static bool recommended(const audit_facts *f, const item *it);

/* What the savings are, in rule 7's words: "paid for and not used",
 * "paid for twice in the group" (a tool kept elsewhere is in use), or
 * both; with `only_left`, of those no recommendation names. */
static const char *savings_words(const audit_facts *f, const report_savings *savings,
                                 bool only_left)
{
    size_t unused = 0, counted = 0;
    for (size_t i = 0; i < savings->count; i++) {
        if (only_left && recommended(f, savings->items[i].item))
            continue;
        counted++;
        unused += strcmp(savings->items[i].reason, "unused") == 0;
    }
    return unused == counted ? "paid for and not used"
           : unused == 0     ? "paid for twice in the group"
                             : "paid for and not used, or twice in the group";
}

static bool recommend_cancel(const audit_facts *f, strbuf *out)
{
    report_savings savings;
    report_find_group_savings(f->c, &savings);
    if (!savings.count)
        return false;
    strbuf_printf(out, "Cancel what is %s, %s/month:", savings_words(f, &savings, false),
                  report_cents_text(f->c, savings.total.mid));
    for (size_t i = 0; i < savings.count; i++)
        strbuf_printf(out, "%s%s (%s, %s%s)", i ? "; " : " ", savings.items[i].item->label,
                      report_written_amount(f->c, savings.items[i].item),
                      where(f, savings.items[i].item), duplicate_text(f, &savings.items[i]));
    return true;
}

/* The distance between two monthly figures, as text. */
static const char *gap_text(const audit_facts *f, int64_t a, int64_t b)
{
    return report_cents_text(f->c, a > b ? a - b : b - a);
}

static bool recommend_reconcile(const audit_facts *f, strbuf *out)
{
    const entity *e = f->e;
    if (!e->has_section[SECTION_REVENUE] || !e->has_section[SECTION_CLIENTS])
        return false;
    report_amount mrr = report_clients_mrr(f->c, e);
    report_amount revenue = report_entity_revenue(f->c, e);
    bool recurring = false;
    const section *s = &e->sections[SECTION_CLIENTS];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount m;
        recurring = recurring || report_item_monthly(f->c, e, &s->items[i], &m);
    }
    if (!recurring || mrr.mid == revenue.mid)
        return false;
    /* Beside other lines, the retainers are what the client fees are set
     * against: the gap is the reconciliation's like-for-like one, so the two
     * never state two figures (eyes-final21 C4). */
    report_amount retainers;
    const item *line = report_retainer_line(f->c, e, &retainers);
    if (line) {
        if (retainers.mid == mrr.mid)
            return false;
        strbuf_printf(out, "Reconcile the retainers (%s %s/month) with the Clients MRR "
                           "(%s/month): %s/month is unexplained: is the retainer line out of "
                           "date, or is a client missing?",
                      line->label, report_cents_text(f->c, retainers.mid),
                      report_cents_text(f->c, mrr.mid), gap_text(f, retainers.mid, mrr.mid));
        return true;
    }
    strbuf_printf(out, "Reconcile the Revenue lines (%s/month) with the Clients MRR (%s/month): "
                       "%s/month is in one and not the other",
                  report_cents_text(f->c, revenue.mid), report_cents_text(f->c, mrr.mid),
                  gap_text(f, revenue.mid, mrr.mid));
    return true;
}

/* Whether `risk` names a site gap recommended before the list ("Admin
 * endpoint without authentication"): that recommendation is its own
 * (docs/reports.md, Audit, "A site gap is recommended once"). */
static bool risk_names_urgent_gap(const audit_facts *f, const item *risk)
{
    for (size_t i = 0; i < f->gaps.count; i++)
        if (is_urgent_gap(f, &f->gaps.items[i]) &&
            report_label_shares_a_word(risk->label, f->gaps.items[i].what))
            return true;
    return false;
}

/* The risk rule 9 acts on: the highest-priority one, a revenue gap left
 * to the net burn's rule and a site gap to its own recommendation (a gap
 * is recommended once); NULL when none. */
static const item *top_risk(const audit_facts *f)
{
    report_entry *risks;
    size_t count = report_collect_items(f->c, SECTION_RISKS, NULL, &risks);
    bool burns = f->has_flow && f->flow < 0;
    for (size_t i = 0; i < count; i++)
        if (!(burns && report_risk_is_revenue_gap(risks[i].item)) &&
            !risk_names_urgent_gap(f, risks[i].item))
            return risks[i].item;
    return NULL;
}

/* The highest-priority action not recommended elsewhere (the credential's
 * fix, the open endpoint's, the off-season lever), skipping `taken`; with
 * `held`, past the spends that wait (rule 10's cash test), the first of
 * them into `held`. */
/* Whether rule 2's close-the-burn recommendation already names `action`
 * as its first step (eyes-final15 S4): rule 10 then does not repeat it.
 * The recommendation is worked out again here (it writes no notes), so
 * the test is the very text the reader gets. */
static bool burn_names_action(const audit_facts *f, const item *action)
{
    if (!f->has_flow || f->flow >= 0 || !report_action_costs_nothing(action) ||
        !report_action_brings_revenue(action))
        return false;
    strbuf b = STRBUF_INIT;
    bool named = recommend_close_burn(f, &b) &&
                 strstr(strbuf_cstr(&b), report_format(f->c, ", %s)", where(f, action))) != NULL;
    strbuf_free(&b);
    return named;
}

static const item *free_action(const audit_facts *f, const item *taken, const item **held)
{
    report_entry *actions;
    size_t count = report_collect_items(f->c, SECTION_ACTIONS, NULL, &actions);
    const item *lever = off_season_lever(f);
    for (size_t i = 0; i < count; i++) {
        const item *action = actions[i].item;
        if (action == lever || action == taken || action_fixes_urgent_gap(f, action) ||
            action == collect_action(f) || burn_names_action(f, action))
            continue;
        if (!held || !report_spend_waits_for_funding(f->c, f->e, action) /* rule 10's cash test */)
            return action;
        if (!*held)
            *held = action;
    }
    return NULL;
}

/* The handoff's own action that answers the top risk: the highest-priority
 * one about it, whatever its priority, that no other recommendation names
 * and rule 10's cash test does not hold (docs/reports.md, Audit rule 9,
 * K13, Q11, fixA U7/S8); NULL when none is about it. */
static const item *risk_answer(const audit_facts *f)
{
    const item *risk = top_risk(f);
    if (!risk)
        return NULL;
    report_entry *actions;
    size_t count = report_collect_items(f->c, SECTION_ACTIONS, NULL, &actions);
    const item *lever = off_season_lever(f);
    for (size_t i = 0; i < count; i++) {
        const item *action = actions[i].item;
        /* a shared word needs the risk's priority; revenue answers lost revenue from any */
        bool ranks = report_item_priority_rank(action) <= report_item_priority_rank(risk) ||
                     (report_risk_names_lost_revenue(risk) && report_action_brings_revenue(action));
        if (action != lever && !action_fixes_urgent_gap(f, action) && action != collect_action(f) &&
            !report_spend_waits_for_funding(f->c, f->e, action) &&
            report_action_answers_risk(action, risk) && ranks)
            return action;
    }
    return NULL;
}

/* "; at today's margin it would cost $4,240/month and cut the $4,811/month
 * surplus to $571/month": what a risk measured at today's margin leaves of
 * the cash flow (handoff-format.md "Risk cost", report_risk_cost); nothing
 * when its cost is its amount as written or the flow is unknown. */
static void put_risk_margin(const audit_facts *f, const item *risk, strbuf *out)
{
    report_amount amount;
    if (!f->has_flow || !report_item_monthly(f->c, f->e, risk, &amount))
        return;
    /* more than the revenue it can come from: asked, never priced, not
     * "cost $0" (handoff-format.md "Risk cost"; eyes-final8 V1) */
    const char *over = report_risk_over_revenue_text(f->c, f->e, risk, amount.mid);
    if (over) {
        strbuf_printf(out, "; %s", over);
        return;
    }
    int64_t cost = report_risk_cost(f->c, f->e, risk, amount.mid);
    if (cost == amount.mid)
        return;
    const char *left;
    if (f->flow < 0)
        left = report_format(f->c, "deepen the %s/month net burn to %s/month",
                             report_dollars_text(f->c, -f->flow),
                             report_dollars_text(f->c, cost - f->flow));
    else if (cost > f->flow)
        left = report_format(f->c, "leave a loss of %s/month", report_dollars_text(f->c, cost - f->flow));
    else
        left = report_format(f->c, "cut the %s/month surplus to %s/month",
                             report_dollars_text(f->c, f->flow),
                             report_dollars_text(f->c, f->flow - cost));
    strbuf_printf(out, "; at today's margin it would cost %s/month and %s",
                  report_dollars_text(f->c, cost), left);
}

/* "<lead> the high risk "Client concentration": ... (file:30); at stake:
 * Halvorsen Foods' fee, $4,000/month (file:18)": the risk as written, and
 * its price or the fee the file answers it with, as the Risks table says
 * it (check20 E9; a priced risk, "$149/month more if Course platform …
 * doubles", reports.md rule 9, fixT 3). */
static void put_risk_named(const audit_facts *f, const item *risk, const char *lead, strbuf *out)
{
    strbuf_printf(out, "%s the %s risk \"%s\"%s%s (%s)", lead, report_item_priority(risk),
                  risk->label, *risk->text ? ": " : "", risk->text, where(f, risk));
    report_amount amount;
    int64_t fee;
    const char *stake = NULL;
    if (!report_item_monthly(f->c, f->e, risk, &amount) &&
        !report_risk_monthly(f->c, f->e, risk, &amount, &stake))
        stake = report_risk_fee_text(f->c, f->e, risk, &fee);
    if (stake)
        strbuf_printf(out, "; at stake: %s", stake);
    put_risk_margin(f, risk, out);
}

static bool recommend_risk(const audit_facts *f, strbuf *out)
{
    const item *risk = top_risk(f);
    if (!risk)
        return false;
    const item *answer = risk_answer(f);
    if (answer) {
        put_action_by(f, answer, true, out);
        put_risk_named(f, risk, ", against", out);
        return true;
    }
    const item *held = NULL;
    if (model_item_has_tag(risk, "low") &&
        (free_action(f, NULL, &held) || held))
        return false; /* an action does more than "Reduce the low risk" (S9) */
    put_risk_named(f, risk, "Reduce", out);
    /* a recommendation says how: with no action about it, what to add (U7/S8) */
    strbuf_printf(out, "; no action in the file answers it: add one under `## Actions` of %s",
                  f->e->path);
    return true;
}

/* Rule 10: the highest-priority action not already recommended, past the
 * spends that wait for the funding decision; the first of those is said
 * after it ("; hold ... until the funding decision is made"), or alone
 * when no other action is left. */
static bool recommend_action(const audit_facts *f, strbuf *out)
{
    const item *held = NULL;
    const item *action = free_action(f, risk_answer(f), &held);
    if (action)
        put_action(f, action, out);
    if (held)
        strbuf_printf(out, "%sold %s (%s, %s) %s", action ? "; h" : "H", held->label,
                      report_written_amount(f->c, held), where(f, held),
                      report_spend_hold_until_text(f->c, f->e));
    return action || held;
}

static bool recommend_measure(const audit_facts *f, strbuf *out)
{
    const section *s = &f->e->sections[SECTION_KPIS];
    for (size_t i = 0; i < s->item_count; i++)
        if (model_item_has_tag(&s->items[i], "missing")) {
            strbuf_puts(out, report_missing_kpi_text(f->c, &s->items[i], where(f, &s->items[i])));
            return true;
        }
    return false;
}

static recommendation_fn *const recommendations[] = {
    recommend_collect, recommend_pay_group, recommend_close_burn, recommend_margin, recommend_fill, recommend_invoice, recommend_follow_up, recommend_cancel,
    recommend_reconcile, recommend_risk, recommend_action, recommend_measure,
};



/* Appends `fn`'s recommendation when it has one and there is room. */
static void add_recommendation(const audit_facts *f, recommendation_fn *fn, const char **texts,
                               size_t *count)
{
    if (*count >= AUDIT_RECOMMENDATIONS)
        return;
    strbuf b = STRBUF_INIT;
    if (fn(f, &b))
        texts[(*count)++] = arena_strdup(f->c->arena, strbuf_cstr(&b));
    strbuf_free(&b);
}

/* Up to three recommendations into `texts`; returns how many. What
 * cannot wait first (a leaked credential, no backups; in the off-season
 * its own lever), then the burn when cash is short or the season is off,
 * then the table (docs/reports.md, Audit). */
static size_t collect_recommendations(const audit_facts *f, const char **texts)
{
    size_t count = 0;
    add_recommendation(f, recommend_credential, texts, &count);
    add_recommendation(f, recommend_high, texts, &count);
    add_recommendation(f, recommend_season_lever, texts, &count);
    bool burn_first = runway_is_short(f) || f->off_season;
    if (burn_first)
        add_recommendation(f, recommend_close_burn, texts, &count);
    /* a high lost-revenue risk larger than the spare units leads rule 4 (W7) */
    bool risk_first = risk_before_fill(f);
    for (size_t i = 0; i < sizeof recommendations / sizeof recommendations[0]; i++) {
        recommendation_fn *fn = recommendations[i];
        if ((burn_first && fn == recommend_close_burn) || (risk_first && fn == recommend_risk))
            continue;
        if (risk_first && fn == recommend_fill)
            add_recommendation(f, recommend_risk, texts, &count);
        add_recommendation(f, fn, texts, &count);
    }
    return count;
}

/* Whether a recommendation names `it`: gives its file:line, not followed
 * by another digit (":3" is not ":33"). */
static bool recommended(const audit_facts *f, const item *it)
{
    const char *at = where(f, it);
    size_t n = strlen(at);
    for (size_t i = 0; i < f->recommendation_count; i++)
        for (const char *p = strstr(f->recommendations[i], at); p; p = strstr(p + 1, at))
            if (!isdigit((unsigned char)p[n]))
                return true;
    return false;
}

/* "Also high priority in the file: Fit a GPS tracker to the van ($300
 * one-off, by 2026-12-08; file:33).": the high actions no recommendation
 * names, so none is left out silently (docs/reports.md, Audit; U7/S8). */
static void put_high_actions_left(const audit_facts *f, strbuf *out)
{
    report_entry *actions;
    size_t count = report_collect_items(f->c, SECTION_ACTIONS, "high", &actions);
    const char *sep = "\nAlso high priority in the file: "; /* a paragraph, not the list's */
    for (size_t i = 0; i < count; i++) {
        const item *action = actions[i].item;
        if (recommended(f, action))
            continue;
        bool free_of_cost = action->value.kind == VALUE_MONEY && action->value.money.high_cents == 0;
        strbuf_printf(out, "%s%s (%s, %s; %s)", sep, action->label,
                      free_of_cost ? free_action_cost_text(f, action)
                                   : report_written_amount(f->c, action),
                      report_spend_waits_for_funding(f->c, f->e, action)
                          ? report_format(f->c, "held %s",
                                          report_spend_hold_until_text(f->c, f->e))
                          : report_format(f->c, "by %s", report_action_due_date(f->c, f->e, action)),
                      where(f, action));
        sep = "; ";
    }
    if (*sep == ';')
        strbuf_puts(out, ".\n");
}

/* "Also paid for and not used: cancel Old analytics dashboard ($45/month;
 * loopline.md:18).": rule 7's savings no recommendation names, a sure
 * saving never dropped by the cap of three (docs/reports.md, Audit;
 * eyes-final12 Z11). */
static void put_savings_left(const audit_facts *f, strbuf *out)
{
    report_savings savings;
    report_find_group_savings(f->c, &savings);
    const char *sep = report_format(f->c, "\nAlso %s: cancel ", savings_words(f, &savings, true));
    for (size_t i = 0; i < savings.count; i++) {
        const item *it = savings.items[i].item;
        if (recommended(f, it))
            continue;
        strbuf_printf(out, "%s%s (%s; %s%s)", sep, it->label, report_written_amount(f->c, it),
                      where(f, it), duplicate_text(f, &savings.items[i]));
        sep = "; ";
    }
    if (*sep == ';')
        strbuf_puts(out, ".\n");
}

static void put_recommendations(const audit_facts *f, strbuf *out)
{
    const char *const *texts = f->recommendations;
    size_t count = f->recommendation_count;
    strbuf_puts(out, "## Recommendations\n\n");
    for (size_t i = 0; i < count; i++) {
        /* a recommendation that ends on its question takes no full stop */
        size_t n = strlen(texts[i]);
        strbuf_printf(out, "%zu. %s%s\n", i + 1, texts[i], n && texts[i][n - 1] == '?' ? "" : ".");
    }
    if (count) {
        put_high_actions_left(f, out);
        put_savings_left(f, out);
    }
    /* fewer than three say nothing more: Data quality asks for each
     * missing section once, never here to the handoff's author (Q4) */
    if (count == 0)
        strbuf_puts(out, "No recommendation follows from the data.\n");
    strbuf_putc(out, '\n');
}


/* " of 44 available (90.9%)" when the KPI `<Unit>s available per month`
 * states what could be sold, else "" (docs/reports.md, Audit headline). */
static const char *available_text(const report_context *c, const entity *e,
                                  const report_unit_economics *u)
{
    const item *available = available_kpi(c, e, u);
    if (!available)
        return "";
    return report_format(c, " of %s available (%s)", report_scaled_text(c, available->value.scaled),
                         report_percent_text(c, report_muldiv(u->volume_scaled, REPORT_PERCENT_ONE,
                                                              available->value.scaled)));
}

/* " in the off-season (until February)": its KPIs are the off-season's
 * volume, said as the CEO and CFO say it (handoff-format.md, Status;
 * check22); "" in season. */
static const char *off_season_volume_text(const audit_facts *f)
{
    report_season season;
    if (!f->off_season || !report_entity_off_season(f->c, f->e, &season))
        return "";
    return season.month_name
               ? report_format(f->c, " in the off-season (until %s)", season.month_name)
               : " in the off-season";
}

/* Headline line 2 without a `## Clients` section: the entity's next most
 * important figure (docs/reports.md, Audit), never a request for a section. */
static void put_next_figure(const audit_facts *f, strbuf *out)
{
    const report_context *c = f->c;
    report_unit_economics u;
    report_amount cost;
    const item *top_cost = report_entity_largest_cost(c, f->e, &cost);
    const item *risk = NULL;
    report_entry *risks;
    size_t risk_count = report_collect_items(c, SECTION_RISKS, NULL, &risks);
    if (risk_count)
        risk = risks[0].item;
    /* idle cash only after units and risk: beside them it is filler (Q9, Q15) */
    bool sells = report_unit_economics_of(c, f->e, &u) && u.has_price && u.has_volume &&
                 u.reachable;
    if (sells && report_churn_kpi(f->e)) /* a stock of subscribers (Z17) */
        strbuf_printf(out, "- Has %s%s; break-even is %s.\n",
                      report_units_held_text(c, f->e, u.unit, u.volume_scaled),
                      available_text(c, f->e, &u), break_even_text(c, f->e, &u, bare_count_text));
    else if (sells)
        strbuf_printf(out, "- Sells %s a month%s%s; break-even is %s.\n",
                      report_unit_count(c, u.unit, u.volume_scaled), available_text(c, f->e, &u),
                      off_season_volume_text(f), break_even_text(c, f->e, &u, unit_count_text));
    else if (f->has_flow && f->flow < 0 && !f->runway.has_cash) /* what the decision needs (R10) */
        strbuf_printf(out, "- Cash not stated while it burns %s/month: add `Cash: $amount` under "
                           "`## Assets` of %s.\n",
                      report_cents_text(c, -f->flow), f->e->path);
    else if (risk)
        strbuf_printf(out, "- %s (%s): %s%s%s (%s:%d).\n", risk_count == 1 ? "Risk" : "Highest risk",
                      report_item_priority(risk), risk->label, *risk->text ? ": " : "", risk->text,
                      f->e->path, risk->line);
    else if (f->runway.has_cash && f->runway.net_burn <= 0)
        strbuf_printf(out, "- Cash %s, not being drawn down.\n",
                      report_cents_text(c, f->runway.cash));
    else if (is_dormant_holding(f) && top_cost)
        /* the decision names the asset; the cost is the other half */
        strbuf_printf(out, "- Largest cost: %s, %s/month (%s:%d).\n", top_cost->label,
                      report_cents_text(c, cost.mid), f->e->path, top_cost->line);
    else if (largest_asset(f->e))
        strbuf_printf(out, "- Largest asset: %s, worth %s (%s:%d).\n", largest_asset(f->e)->label,
                      report_cents_text(c, model_money_mid(&largest_asset(f->e)->value.money)),
                      f->e->path, largest_asset(f->e)->line);
    else
        strbuf_puts(out, "- No money owed, units, risk or asset stated.\n");
}

/* Whether text[at, end) is a file:line reference: no space or bracket in
 * it, a '/' in its path, and ":<digits>" at its end. */
static bool is_line_reference(const char *text, size_t at, size_t end)
{
    size_t digits = end;
    while (digits > at && isdigit((unsigned char)text[digits - 1]))
        digits--;
    return digits < end && digits > at + 1 && text[digits - 1] == ':' &&
           memchr(text + at, '/', digits - at) != NULL;
}

/* A recommendation in short, for the headline's decision (docs/reports.md,
 * Audit): its file:line references dropped with the separator before them
 * (", f:1", "; f:1") or, alone in brackets, with the brackets (" (f:1)");
 * they stay in the recommendation. A reference the sentence needs ("a
 * password in sites/x/secrets.mjs:3") stays. */
/* A headline decision is at most this long, in whole clauses: about three
 * lines of a 72-column report (docs/reports.md, Audit headline). */
#define AUDIT_DECISION_CHARS 240

/* The recommendation's leading clauses, cut at a "; " outside brackets, as
 * many as fit AUDIT_DECISION_CHARS (the first whatever its length): the
 * decision in short; the rest stays in the recommendation. */
static const char *leading_clauses(const report_context *c, const char *text)
{
    int depth = 0;
    size_t cut = 0;
    for (const char *p = text; *p; p++) {
        depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
        if (depth != 0 || p[0] != ';' || p[1] != ' ')
            continue;
        if ((size_t)(p - text) > AUDIT_DECISION_CHARS)
            break;
        cut = (size_t)(p - text);
    }
    if (strlen(text) <= AUDIT_DECISION_CHARS || !cut)
        return text;
    return arena_strndup(c->arena, text, cut);
}

static const char *without_line_references(const report_context *c, const char *text)
{
    strbuf out = STRBUF_INIT;
    size_t length = strlen(text), at = 0;
    while (at < length) {
        size_t end = at;
        while (end < length && !strchr(" ,;()", text[end]))
            end++;
        if (end == at) {
            strbuf_putc(&out, text[at++]);
            continue;
        }
        if (!is_line_reference(text, at, end)) {
            strbuf_append(&out, text + at, end - at);
            at = end;
            continue;
        }
        const char *kept = strbuf_cstr(&out);
        size_t kept_length = out.len;
        if (kept_length >= 2 && (strcmp(kept + kept_length - 2, ", ") == 0 ||
                                 strcmp(kept + kept_length - 2, "; ") == 0))
            strbuf_truncate(&out, kept_length - 2);
        else if (kept_length >= 2 && strcmp(kept + kept_length - 2, " (") == 0 &&
                 end < length && text[end] == ')') {
            strbuf_truncate(&out, kept_length - 2);
            end++;
        } else if (kept_length >= 1 && kept[kept_length - 1] == '(' && end + 1 < length &&
                   strchr(",;", text[end]) && text[end + 1] == ' ') {
            end += 2; /* "(f:1, 82 days)" -> "(82 days)" */
        } else { /* part of the sentence: "a password in sites/x/secrets.mjs:3" */
            strbuf_append(&out, text + at, end - at);
        }
        at = end;
    }
    const char *result = report_format(c, "%s", strbuf_cstr(&out));
    strbuf_free(&out);
    return result;
}

/* "**$1,821/month**", or beside money received ahead that Data quality
 * asks may be inside the units sold, both readings: "**$4,221/month** if
 * the $2,400 of Annual prepaid plans is on top of the 650 kits; $1,893 if
 * those kits include it (confirm with Priya Shah)" (docs/reports.md, Audit
 * headline; eyes-final18 W2b: the headline rested on what Data quality
 * doubted). */
static const char *headline_flow_text(const audit_facts *f)
{
    const char *flow = report_format(f->c, "**%s/month**", report_cents_text(f->c, f->flow));
    report_ahead_units a;
    if (!report_ahead_beside_units(f->c, f->e, &a))
        return flow;
    return report_ahead_either_text(
        f->c, f->e, &a, flow, report_cents_text(f->c, report_ahead_flow_without(&a, f->flow)));
}

/* Three lines first: the cash flow (and how long the cash lasts), what the
 * entity is owed or its next figure, and the one decision they imply: the
 * first recommendation. */
static void put_headline(const audit_facts *f, strbuf *out)
{
    const report_context *c = f->c;
    const entity *e = f->e;
    if (!f->has_flow)
        return;
    report_amount revenue = report_entity_revenue(c, e);
    report_amount expenses = report_entity_burn(c, e);
    strbuf_puts(out, "## Headline\n\n");
    /* a loan's principal is no loss (handoff-format.md; eyes-final8 V3):
     * the expenses name it, the operating result follows the cash flow */
    report_operating o;
    report_entity_operating(c, e, &o);
    /* split out, the principal is financing: the result follows the cash
     * flow; unsplit, the payment holds interest too, so the cash flow is
     * after it and the result before it, the split asked for (A7) */
    bool split = o.loan > 0 && o.principal;
    const char *loan = split ? report_format(c, " (including %s/month of %s)",
                                             report_cents_text(c, o.loan), report_loan_words(&o))
                             : "";
    const char *operating =
        split      ? report_format(c, " (%s)", report_operating_text(c, &o))
        : o.loan > 0 ? report_format(c, " after %s/month of loan payments; %s before them (the "
                                        "interest share is not stated)",
                                     report_cents_text(c, o.loan), report_operating_text(c, &o))
                     : "";
    /* the lines every sum leaves out are said where the sum is, as the
     * CEO, CFO and Accounting say them (the scope is this one entity; A1) */
    const char *unread = report_unreadable_expenses_text(c);
    if (f->revenue_stated)
        strbuf_printf(out, "- Revenue %s, expenses %s/month%s%s: cash flow %s%s",
                      report_entity_revenue_cash_text(c, e, revenue.mid),
                      report_cents_text(c, expenses.mid), loan, unread, headline_flow_text(f),
                      operating);
    else /* Data quality asks for the section */
        strbuf_printf(out, "- No revenue stated; expenses %s/month%s%s: cash flow **%s/month**%s",
                      report_cents_text(c, expenses.mid), loan, unread,
                      report_cents_text(c, f->flow), operating);
    const char *first =
        f->recommendation_count
            ? leading_clauses(c, without_line_references(c, f->recommendations[0]))
            : NULL;
    if (!first || !strstr(first, " cash lasts ")) /* the runway once (Q2) */
        put_runway_clause(f, out);
    strbuf_puts(out, ".\n");
    if (e->has_section[SECTION_CLIENTS] && f->owed.total.mid > 0) {
        strbuf_printf(out, "- Owed %s one-off: ", report_cents_text(c, f->owed.total.mid));
        report_put_owed_parts(c, &f->owed, true, out);
        report_put_group_part(c, &f->owed, out);
        strbuf_puts(out, ".\n");
    } else if (e->has_section[SECTION_CLIENTS])
        strbuf_puts(out, "- Nothing owed: no `## Clients` amount is billed, overdue or unbilled.\n");
    else
        put_next_figure(f, out);
    if (first)
        strbuf_printf(out, "- Decision: %c%s.\n\n", tolower((unsigned char)first[0]), first + 1);
    else
        strbuf_puts(out, "- Decision: none forced: it earns more than it spends and nothing is "
                         "overdue or unbilled.\n\n");
}

void report_audit(const report_context *c, strbuf *out)
{
    if (c->entity_count != 1) {
        strbuf_puts(out, "An audit covers one entity: choose an entity id, not the portfolio.\n\n");
        return;
    }
    const entity *e = c->entities[0];
    audit_facts f = {.c = c, .e = e};
    report_owed_collect(c, e, &f.owed);
    /* No revenue section: the cash flow is what it spends, and every line
     * that shows it says the revenue is not stated. */
    if (e->has_section[SECTION_EXPENSES]) {
        f.flow = report_entity_revenue(c, e).mid - report_entity_burn(c, e).mid;
        f.has_flow = true;
        f.revenue_stated = e->has_section[model_revenue_section(e)];
    }
    report_entity_runway(c, e, &f.runway);
    report_collect_gaps(c, &f.gaps);
    report_season season;
    f.off_season = report_entity_off_season(c, e, &season);
    f.recommendation_count = collect_recommendations(&f, f.recommendations);
    if (!e->owner || !*e->owner) /* the CEO's ask, one per field (W16) */
        report_note_missing(c, e, SECTION_UNKNOWN, "- Owner: ...");
    report_note_open_questions(c); /* Accounting's words (eyes-final17 U2, I4-U4) */
    if (e->business)
        strbuf_printf(out, "Business: %s.\n\n", e->business);
    put_headline(&f, out);
    put_cash_flow(c, e, out);
    put_unit_model(c, e, out);
    put_capacity(c, e, out);
    put_kpis(c, e, out);
    put_risks(c, e, out);
    put_client_mrr(c, e, out);
    report_put_reconciliation(c, out);
    report_put_receivables(c, out);
    report_put_payables(c, e, out);
    put_pipeline(c, e, out);
    put_recommendations(&f, out);
}
