/* report_cfo: burn, break-even, revenue targets, capital tiers, guardrails.
 *
 * Formulas (DESIGN §4): gross burn = Σ monthly expenses; revenue = Σ monthly
 * revenue (Revenue section and client fees); net burn = gross − revenue;
 * break-even units = ceil(fixed monthly ÷ (unit price − variable per unit)),
 * "not reachable" when that margin is ≤ 0. Ranges stay ranges on screen and
 * add their midpoints in sums.
 */
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
    strbuf_printf(out,
                  "Gross burn is **%s/month** (midpoint %s), revenue %s/month, net burn "
                  "**%s/month**.\n\n",
                  report_amount_text(c, &gross), report_cents_text(c, gross.mid),
                  report_amount_text(c, &revenue), report_net_text(c, &net));
    put_burn_table(c, c->entities, c->entity_count, c->entity_count > 1 ? "Total" : NULL, out);
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

/* Tagged `revenue` → revenue-producing whatever it costs; otherwise $0 →
 * zero-cost and any other amount → low-cost. */
static capital_tier action_tier(const item *it)
{
    if (model_item_has_tag(it, "revenue"))
        return TIER_REVENUE;
    return it->value.money.high_cents == 0 ? TIER_ZERO_COST : TIER_LOW_COST;
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
                     "that produce revenue (tagged `revenue`).\n\n");
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
                             report_amount_text(c, &cost), report_item_priority(actions[i].item));
        }
    if (!t.row_count) {
        strbuf_puts(out, "No actions with a cost in scope: add `- Action: $cost (priority)` "
                         "items under `## Actions`.\n\n");
        return;
    }
    report_table_write(&t, out);
}

static const item *cash_item(const entity *e)
{
    const section *s = &e->sections[SECTION_ASSETS];
    for (size_t i = 0; i < s->item_count; i++)
        if (s->items[i].value.kind == VALUE_MONEY &&
            s->items[i].value.money.period == PERIOD_NONE &&
            model_item_has_tag(&s->items[i], "cash"))
            return &s->items[i];
    return model_find_item(e, SECTION_ASSETS, "Cash reserve");
}

static void put_guardrails(const report_context *c, strbuf *out)
{
    strbuf_puts(out, "## Financial guardrails\n\n");
    if (!any_expenses(c)) {
        strbuf_puts(out, "None until expenses are stated.\n\n");
        return;
    }
    report_amount gross = report_scope_monthly(c, SECTION_EXPENSES, NULL);
    report_amount fixed = report_scope_monthly(c, SECTION_EXPENSES, "fixed");
    report_amount revenue = {0};
    int64_t cash = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_amount r = report_entity_revenue(c, c->entities[i]);
        report_amount_add(&revenue, &r);
        const item *it = cash_item(c->entities[i]);
        if (it && it->value.kind == VALUE_MONEY)
            cash += model_money_mid(&it->value.money);
    }
    int64_t net = gross.mid - revenue.mid;
    if (net > 0 && cash > 0)
        strbuf_printf(out,
                      "- Runway: %s cash ÷ %s net burn = **%lld months**; stop new spending "
                      "below 6 months.\n",
                      report_cents_text(c, cash), report_cents_text(c, net),
                      (long long)(cash / net));
    else if (net > 0)
        strbuf_puts(out, "- Runway unknown: add a `Cash reserve: $amount` item to an Assets "
                         "section.\n");
    else
        strbuf_puts(out, "- Revenue covers gross burn: keep it so before adding fixed costs.\n");
    if (fixed.mid > revenue.mid)
        strbuf_printf(out,
                      "- No new fixed commitment: fixed costs (%s/month) already exceed "
                      "revenue (%s/month).\n",
                      report_amount_text(c, &fixed), report_amount_text(c, &revenue));
    else
        strbuf_printf(out,
                      "- Keep new fixed commitments under %s/month: revenue (%s/month) "
                      "minus fixed costs (%s/month).\n",
                      report_cents_text(c, revenue.mid - fixed.mid),
                      report_amount_text(c, &revenue), report_amount_text(c, &fixed));
    for (size_t i = 0; i < c->entity_count; i++) {
        report_unit_economics u;
        if (!report_unit_economics_of(c, c->entities[i], &u) || !u.has_price)
            continue;
        strbuf_printf(out,
                      "- %s: never sell a %s below %s (its variable cost); each one at %s "
                      "contributes %s.\n",
                      c->entities[i]->title, u.unit, report_cents_text(c, u.variable.high),
                      report_cents_text(c, u.price), report_cents_text(c, u.margin));
    }
    strbuf_putc(out, '\n');
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
    put_burn(c, out);
    put_break_even(c, out);
    put_revenue_targets(c, out);
    put_capital_tiers(c, out);
    put_guardrails(c, out);
    if (c->is_portfolio)
        put_ancillary(c, out);
}
