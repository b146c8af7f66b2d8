/* report_cfo: burn, break-even, revenue targets, capital tiers, guardrails.
 *
 * Formulas (DESIGN §4): gross burn = Σ monthly expenses; revenue = Σ monthly
 * revenue (Revenue section and client fees); net burn = gross − revenue;
 * break-even units = ceil(fixed monthly ÷ (unit price − variable per unit)),
 * "not reachable" when that margin is ≤ 0. Ranges stay ranges on screen and
 * add their midpoints in sums.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

static const report_column burn_columns[] = {
    {"Entity", REPORT_LEFT},
    {"Gross burn/month", REPORT_RIGHT},
    {"Revenue/month", REPORT_RIGHT},
    {"Net burn/month", REPORT_RIGHT},
};

static void put_burn_table(const report_context *c, const entity *const *entities, size_t count,
                           const char *total_label, strbuf *out)
{
    report_table t;
    report_table_init(&t, c->arena, burn_columns, 4);
    report_amount gross = {0}, revenue = {0};
    for (size_t i = 0; i < count; i++) {
        bool has_expenses = report_entity_states_expenses(c, entities[i]);
        bool has_revenue = report_entity_states_revenue(c, entities[i]);
        report_amount g = report_entity_burn(c, entities[i]);
        report_amount r = report_entity_revenue(c, entities[i]);
        report_amount net = report_amount_minus(&g, &r);
        report_amount_add(&gross, &g);
        report_amount_add(&revenue, &r);
        report_table_row(&t, entities[i]->title, has_expenses ? report_amount_text(c, &g) : "?",
                         has_revenue ? report_amount_text(c, &r) : "?",
                         has_expenses && has_revenue ? report_net_text(c, &net) : "?");
    }
    report_amount net = report_amount_minus(&gross, &revenue);
    if (total_label)
        report_table_row(&t, total_label, report_amount_text(c, &gross),
                         report_amount_text(c, &revenue), report_net_text(c, &net));
    report_table_write(&t, out);
}

static bool any_expenses(const report_context *c)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (c->entities[i]->has_section[SECTION_EXPENSES])
            return true;
    return false;
}

static void put_burn(const report_context *c, strbuf *out)
{
    report_amount gross = report_scope_monthly(c, SECTION_EXPENSES, NULL);
    report_amount revenue = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        report_amount r = report_entity_revenue(c, c->entities[i]);
        report_amount_add(&revenue, &r);
    }
    report_amount net = report_amount_minus(&gross, &revenue);
    strbuf_puts(out, "## Burn rate\n\n");
    if (!any_expenses(c)) {
        strbuf_puts(out, "No expenses stated in scope yet: the Data quality section says where "
                         "to add them.\n\n");
        return;
    }
    strbuf_printf(out, "Gross burn is **%s**; revenue %s; ",
                  report_figure_text(c, &gross, "/month"),
                  report_figure_text(c, &revenue, "/month"));
    if (net.mid > 0)
        strbuf_printf(out, "net burn **%s**.\n\n", report_figure_text(c, &net, "/month"));
    else {
        report_amount surplus = report_amount_minus(&revenue, &gross);
        strbuf_printf(out, "surplus **%s**.\n\n", report_figure_text(c, &surplus, "/month"));
    }
    put_burn_table(c, c->entities, c->entity_count, c->entity_count > 1 ? "Total" : NULL, out);
    for (size_t i = 0; i < c->entity_count; i++)
        if (*report_revenue_source(c->entities[i]))
            strbuf_printf(out, "- %s: revenue%s.\n", c->entities[i]->title,
                          report_revenue_source(c->entities[i]));
}

typedef struct {
    const entity *entity;
    const item *item;
    report_amount monthly;
    bool has_monthly;
} cost_line;

static int cost_order(const void *a, const void *b)
{
    const cost_line *x = a, *y = b;
    if (x->monthly.mid != y->monthly.mid)
        return x->monthly.mid > y->monthly.mid ? -1 : 1;
    return x->item->line - y->item->line;
}

static const char *cost_kind(const item *it)
{
    if (model_item_has_tag(it, "fixed"))
        return "fixed";
    if (model_item_has_tag(it, "variable") || it->value.kind == VALUE_PERCENT)
        return "variable";
    return "untagged";
}

/* Every expense in scope by its monthly figure, with how it was written,
 * and the fixed/variable split (a percent is variable unless tagged). */
/* Every expense in scope, largest monthly figure first; `split` (may be
 * NULL) gets the fixed, variable and untagged sums. */
static size_t collect_costs(const report_context *c, cost_line **out, report_amount *split)
{
    static const char *const kinds[] = {"fixed", "variable", "untagged"};
    cost_line *lines = NULL;
    size_t count = 0, capacity = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++) {
            cost_line *l = arena_push(c->arena, (void **)&lines, &count, &capacity, sizeof *l);
            *l = (cost_line){c->entities[i], &s->items[j], {0}, false};
            l->has_monthly = report_item_monthly(c, c->entities[i], &s->items[j], &l->monthly);
            for (size_t k = 0; split && l->has_monthly && k < 3; k++)
                if (strcmp(cost_kind(l->item), kinds[k]) == 0)
                    report_amount_add(&split[k], &l->monthly);
        }
    }
    if (count)
        qsort(lines, count, sizeof *lines, cost_order);
    *out = lines;
    return count;
}

/* Every expense in scope by its monthly figure, with how it was written,
 * and the fixed/variable split (a percent is variable unless tagged). */
static void put_cost_drivers(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Expense", REPORT_LEFT}, {"Entity", REPORT_LEFT}, {"As written", REPORT_RIGHT},
        {"Monthly", REPORT_RIGHT}, {"Kind", REPORT_LEFT},
    };
    report_amount split[3] = {{0}};
    cost_line *lines;
    size_t count = collect_costs(c, &lines, split);
    if (!count)
        return;
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    for (size_t i = 0; i < count; i++)
        report_table_row(&t, lines[i].item->label, lines[i].entity->title,
                         report_written_amount(c, lines[i].item),
                         lines[i].has_monthly ? report_figure_text(c, &lines[i].monthly, "/month")
                                              : "not monthly",
                         cost_kind(lines[i].item));
    strbuf_printf(out, "## Cost drivers\n\nFixed %s, variable %s, untagged %s.\n\n",
                  report_figure_text(c, &split[0], "/month"),
                  report_figure_text(c, &split[1], "/month"),
                  report_figure_text(c, &split[2], "/month"));
    report_table_write(&t, out);
}

static void put_break_even(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},       {"Unit", REPORT_LEFT},
        {"Price", REPORT_RIGHT},       {"Variable/unit", REPORT_RIGHT},
        {"Fixed/month", REPORT_RIGHT}, {"Break-even/month", REPORT_RIGHT},
        {"Now/month", REPORT_RIGHT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 7);
    strbuf_puts(out, "## Break-even\n\n");
    strbuf sentences = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_unit_economics u;
        if (!report_unit_economics_of(c, e, &u) || !u.has_price)
            continue;
        const char *units = !u.reachable ? "not reachable"
                                         : report_format(c, "%lld", (long long)u.break_even_units);
        report_table_row(&t, e->title, u.unit, report_cents_text(c, u.price),
                         report_amount_text(c, &u.variable), report_amount_text(c, &u.fixed), units,
                         u.has_volume ? report_scaled_text(c, u.volume_scaled) : "?");
        if (u.reachable)
            strbuf_printf(&sentences, "- %s breaks even at **%s/month**: ceil(%s ÷ (%s − %s)).\n",
                          e->title, report_unit_count(c, u.unit, u.break_even_units * MODEL_SCALE),
                          report_cents_text(c, u.fixed.mid), report_cents_text(c, u.price),
                          report_cents_text(c, u.variable.mid));
        else
            strbuf_printf(&sentences,
                          "- %s: break-even **not reachable**: each %s costs %s in "
                          "variable costs against a price of %s.\n",
                          e->title, u.unit, report_cents_text(c, u.variable.mid),
                          report_cents_text(c, u.price));
    }
    if (!t.row_count) {
        strbuf_puts(out, "No entity in scope sells per unit (a Revenue line like "
                         "`$1,850/charter` with its `Average charter price` KPI).\n\n");
        return;
    }
    report_table_write(&t, out);
    strbuf_puts(out, "Fixed/month sums the expenses tagged `fixed` (range midpoints); "
                     "variable costs are the expenses priced per unit.\n\n");
    strbuf_append(out, sentences.data, sentences.len);
    strbuf_putc(out, '\n');
    strbuf_free(&sentences);
}

/* The revenue each entity needs to stop burning, and the gap to it. */
static void put_revenue_targets(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},     {"Target/month", REPORT_RIGHT},  {"Now/month", REPORT_RIGHT},
        {"Gap/month", REPORT_RIGHT}, {"Units to close", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    strbuf_puts(out, "## Monthly revenue targets\n\n");
    if (!any_expenses(c)) {
        strbuf_puts(out, "No target without expenses to cover.\n\n");
        return;
    }
    strbuf_puts(out,
                "Target: revenue equal to gross burn (midpoint), so net burn reaches zero.\n\n");
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (!report_entity_states_expenses(c, e))
            continue;
        report_amount gross = report_entity_burn(c, e);
        report_amount revenue = report_entity_revenue(c, e);
        int64_t gap = gross.mid - revenue.mid;
        const char *units = "\u2014";
        report_unit_economics u;
        if (gap > 0 && report_unit_economics_of(c, e, &u) && u.reachable)
            units = report_format(
                c, "+%s",
                report_unit_count(c, u.unit, report_ceil_div(gap, u.margin) * MODEL_SCALE));
        report_table_row(&t, e->title, report_cents_text(c, gross.mid),
                         report_cents_text(c, revenue.mid),
                         gap > 0 ? report_cents_text(c, gap) : "covered", units);
    }
    report_table_write(&t, out);
}

typedef enum { TIER_ZERO_COST, TIER_LOW_COST, TIER_REVENUE, TIER_COUNT } capital_tier;

static const char *const tier_names[TIER_COUNT] = {"Zero-cost", "Low-cost", "Revenue-producing"};

/* $0 → zero-cost, tagged `revenue` or not (spending nothing comes first);
 * any other amount → revenue-producing when tagged `revenue`, else
 * low-cost. Within a tier the actions keep their priority order. */
static capital_tier action_tier(const item *it)
{
    if (it->value.money.high_cents == 0)
        return TIER_ZERO_COST;
    return model_item_has_tag(it, "revenue") ? TIER_REVENUE : TIER_LOW_COST;
}

static void put_capital_tiers(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Tier", REPORT_LEFT},  {"Action", REPORT_LEFT},   {"Entity", REPORT_LEFT},
        {"Cost", REPORT_RIGHT}, {"Priority", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    strbuf_puts(out, "## Capital deployment tiers\n\n"
                     "Spend in this order: zero-cost actions, then low-cost ones, then those "
                     "that cost money to produce revenue (tagged `revenue`).\n\n");
    report_entry *actions;
    size_t count = report_collect_items(c, SECTION_ACTIONS, NULL, &actions);
    for (size_t i = 0; i < count; i++)
        if (actions[i].item->value.kind != VALUE_MONEY)
            report_note_missing(c, actions[i].entity, SECTION_ACTIONS,
                                report_format(c, "%s: $<cost>", actions[i].item->label));
    for (int tier = 0; tier < TIER_COUNT; tier++)
        for (size_t i = 0; i < count; i++) {
            report_amount cost;
            if (!report_item_amount(actions[i].item, &cost) ||
                (int)action_tier(actions[i].item) != tier)
                continue;
            report_table_row(&t, tier_names[tier], actions[i].item->label, actions[i].entity->title,
                             report_written_amount(c, actions[i].item),
                             report_item_priority(actions[i].item));
        }
    if (!t.row_count) {
        strbuf_puts(out, "No actions with a cost in scope: add `- Action: $cost (priority)` "
                         "items under `## Actions`.\n\n");
        return;
    }
    report_table_write(&t, out);
}

/* Cash of an entity (rule 6): Assets items labelled `Cash` or `Cash
 * reserve`, or one-off amounts tagged `cash`. False when none is stated. */
static bool entity_cash(const entity *e, int64_t *cents)
{
    const section *s = &e->sections[SECTION_ASSETS];
    bool known = false;
    *cents = 0;
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        if (it->value.kind != VALUE_MONEY || it->value.money.period != PERIOD_NONE)
            continue;
        if (model_item_has_tag(it, "cash") || strcasecmp(it->label, "Cash") == 0 ||
            strcasecmp(it->label, "Cash reserve") == 0) {
            *cents += model_money_mid(&it->value.money);
            known = true;
        }
    }
    return known;
}

/* The price floor of a per-unit entity (rule 6): variable cost per unit
 * plus every other monthly cost spread over today's units, rounded up. */
typedef struct {
    report_unit_economics u;
    int64_t fixed_per_unit;
    int64_t floor;
    int64_t above_floor; /* units × (price − floor) per month */
} price_floor;

static bool price_floor_of(const report_context *c, const entity *e, price_floor *f)
{
    if (!report_unit_economics_of(c, e, &f->u) || !f->u.has_price || !f->u.has_volume ||
        f->u.volume_scaled <= 0)
        return false;
    int64_t gross = report_entity_burn(c, e).mid;
    int64_t variable = report_muldiv(f->u.variable.mid, f->u.volume_scaled, MODEL_SCALE);
    int64_t other = gross - variable;
    f->fixed_per_unit = other > 0 ? report_ceil_div(other * MODEL_SCALE, f->u.volume_scaled) : 0;
    f->floor = f->u.variable.mid + f->fixed_per_unit;
    /* Negative when the price is under the floor: raising it to the floor,
     * as the guardrail says, adds that much, so the room may count it. */
    f->above_floor = report_muldiv(f->u.price - f->floor, f->u.volume_scaled, MODEL_SCALE);
    return true;
}

static void put_runway(const report_context *c, int64_t surplus, strbuf *out)
{
    int64_t cash = 0;
    bool known = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        int64_t part;
        if (entity_cash(c->entities[i], &part))
            cash += part, known = true;
    }
    if (!known)
        strbuf_printf(out, "- Runway unknown: add `Cash: $amount` under `## Assets` of %s.\n",
                      c->entity_count == 1 ? c->entities[0]->path : "each handoff");
    else if (surplus >= 0)
        strbuf_printf(out, "- Runway: cash %s, not being drawn down.\n",
                      report_cents_text(c, cash));
    else
        strbuf_printf(out,
                      "- Runway: %s cash ÷ %s net burn = **%lld months**; stop new spending "
                      "below 6 months.\n",
                      report_cents_text(c, cash), report_cents_text(c, -surplus),
                      (long long)(cash / -surplus));
}

/* The scope's rule-6 figures, midpoints in cents. */
typedef struct {
    int64_t revenue, gross, surplus; /* surplus < 0: net burn */
    int64_t margin;                  /* 10% of revenue */
    int64_t above_floors;            /* Σ units × (price − floor) */
    int64_t room;                    /* surplus − above_floors − margin; may be < 0 */
} guardrail_figures;

static guardrail_figures guardrail_figures_of(const report_context *c)
{
    guardrail_figures g = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        g.revenue += report_entity_revenue(c, c->entities[i]).mid;
        g.gross += report_entity_burn(c, c->entities[i]).mid;
        price_floor f;
        if (price_floor_of(c, c->entities[i], &f))
            g.above_floors += f.above_floor;
    }
    g.surplus = g.revenue - g.gross;
    g.margin = report_muldiv(g.revenue, 10, 100);
    g.room = g.surplus - g.above_floors - g.margin;
    return g;
}

/* Three lines first: where the money stands, what drives the cost, and the
 * one decision the guardrails imply. */
static void put_headline(const report_context *c, strbuf *out)
{
    if (!any_expenses(c))
        return;
    guardrail_figures g = guardrail_figures_of(c);
    const cost_line *top = NULL;
    cost_line *lines;
    size_t count = collect_costs(c, &lines, NULL);
    if (count)
        top = &lines[0];
    strbuf_puts(out, "## Headline\n\n");
    strbuf_printf(out, "- Revenue %s/month against gross burn %s/month: %s **%s/month**.\n",
                  report_cents_text(c, g.revenue), report_cents_text(c, g.gross),
                  g.surplus < 0 ? "net burn" : "surplus",
                  report_cents_text(c, g.surplus < 0 ? -g.surplus : g.surplus));
    if (top && top->has_monthly)
        strbuf_printf(out, "- Largest cost: %s (%s), %s/month, %s.\n", top->item->label,
                      top->entity->title, report_cents_text(c, top->monthly.mid),
                      cost_kind(top->item));
    if (g.room > 0)
        strbuf_printf(out, "- Decision: new fixed costs up to %s/month, and no unit sold below "
                           "its price floor.\n\n",
                      report_cents_text(c, g.room));
    else
        strbuf_printf(out, "- Decision: no new fixed cost until the %s is covered.\n\n",
                      g.surplus < 0 ? "net burn" : "margin of safety");
}

/* Rule 6: following every line below together keeps net cash flow at or
 * above the margin of safety. */
static void put_guardrails(const report_context *c, strbuf *out)
{
    strbuf_puts(out, "## Financial guardrails\n\n");
    if (!any_expenses(c)) {
        strbuf_puts(out, "None until expenses are stated.\n\n");
        return;
    }
    guardrail_figures g = guardrail_figures_of(c);
    int64_t revenue = g.revenue, surplus = g.surplus, margin = g.margin;
    int64_t above_floors = g.above_floors, room = g.room;
    strbuf floors = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        price_floor f;
        if (!price_floor_of(c, c->entities[i], &f))
            continue;
        int64_t gap = f.u.price - f.floor;
        strbuf_printf(&floors,
                      "- %s: never sell a %s below **%s per %s** (variable %s + other costs %s "
                      "per %s at %s/month); at %s each one is %s %s it%s.\n",
                      c->entities[i]->title, f.u.unit, report_cents_text(c, f.floor), f.u.unit,
                      report_cents_text(c, f.u.variable.mid),
                      report_cents_text(c, f.fixed_per_unit), f.u.unit,
                      report_unit_count(c, f.u.unit, f.u.volume_scaled),
                      report_cents_text(c, f.u.price), report_cents_text(c, gap < 0 ? -gap : gap),
                      gap < 0 ? "below" : "above",
                      gap < 0 ? ": raise the price or sell more" : "");
    }
    strbuf_printf(out, "- Margin of safety: %s/month (10%% of revenue %s/month).\n",
                  report_cents_text(c, margin), report_cents_text(c, revenue));
    if (surplus < 0)
        strbuf_printf(out,
                      "- Room for new fixed costs: **$0/month**: the scope burns %s/month; no new "
                      "fixed cost until revenue grows or costs fall.\n",
                      report_cents_text(c, -surplus));
    else
        strbuf_printf(out,
                      "- Room for new fixed costs: **%s/month** = surplus %s − sales above the "
                      "price floors %s − margin of safety %s.\n",
                      report_cents_text(c, room > 0 ? room : 0), report_cents_text(c, surplus),
                      report_cents_text(c, above_floors), report_cents_text(c, margin));
    strbuf_append(out, floors.data, floors.len);
    strbuf_free(&floors);
    put_runway(c, surplus, out);
    strbuf_puts(out, "\nFollowed together (every unit at or above its floor, new fixed costs "
                     "within the room) these keep net cash flow at or above the margin of "
                     "safety.\n\n");
}

static void put_ancillary(const report_context *c, strbuf *out)
{
    const portfolio *p = c->portfolio;
    const entity **ancillary = arena_alloc(c->arena, (p->entity_count + 1) * sizeof *ancillary);
    size_t count = 0;
    for (size_t i = 0; i < p->entity_count; i++)
        if (p->entities[i].kind == ENTITY_ANCILLARY)
            ancillary[count++] = &p->entities[i];
    if (!count)
        return;
    strbuf_puts(out, "## Ancillary entities (outside the portfolio figures)\n\n");
    put_burn_table(c, ancillary, count, NULL, out);
}

void report_cfo(const report_context *c, strbuf *out)
{
    put_headline(c, out);
    put_burn(c, out);
    put_cost_drivers(c, out);
    put_break_even(c, out);
    put_revenue_targets(c, out);
    put_capital_tiers(c, out);
    put_guardrails(c, out);
    if (c->is_portfolio)
        put_ancillary(c, out);
}
