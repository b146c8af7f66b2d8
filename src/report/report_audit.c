/* report_audit: one entity's operating model, whatever kind of business.
 *
 * The sections shown follow from the data, not from a declared type:
 *  - always: monthly revenue, expenses and cash flow;
 *  - a per-unit business: margin per unit (price − variable cost), fixed
 *    cost per unit at the current volume, and occupancy when the handoff
 *    gives "<Unit>s available per month" (a rental's nights);
 *  - monthly fees in Clients: the client MRR, and its reconciliation with
 *    the Revenue lines when both exist and differ (rule 1);
 *  - money owed by state and by age (report_billing.c, rule 2);
 *  - quoted Clients amounts: the pipeline, not yet owed.
 */
#include "report/report_internal.h"

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
    report_amount expenses = report_entity_burn(c, e);
    report_amount flow = report_amount_minus(&revenue, &expenses);
    strbuf_printf(out, "- Revenue: %s\n- Expenses: %s\n",
                  has_revenue ? report_format(c, "%s/month%s", report_amount_text(c, &revenue),
                                              report_revenue_source(e))
                              : "not stated",
                  has_expenses ? report_format(c, "%s/month", report_amount_text(c, &expenses))
                               : "not stated");
    if (has_revenue && has_expenses)
        strbuf_printf(out, "- Cash flow: **%s/month**\n", report_amount_text(c, &flow));
    strbuf_putc(out, '\n');
}

static void put_occupancy(const report_context *c, const entity *e, const report_unit_economics *u,
                          strbuf *out)
{
    const char *label =
        report_format(c, "%s available per month", report_unit_plural(c, u->unit, true));
    const item *available = model_find_item(e, SECTION_KPIS, label);
    if (!available || available->value.kind != VALUE_NUMBER || available->value.scaled <= 0 ||
        !u->has_volume)
        return;
    int64_t occupancy =
        report_muldiv(u->volume_scaled, REPORT_PERCENT_ONE, available->value.scaled);
    int64_t break_even = report_muldiv(u->break_even_units * MODEL_SCALE, REPORT_PERCENT_ONE,
                                       available->value.scaled);
    strbuf_printf(out, "- Occupancy: %s of %s %s = **%s**", report_scaled_text(c, u->volume_scaled),
                  report_scaled_text(c, available->value.scaled),
                  report_unit_plural(c, u->unit, false), report_percent_text(c, occupancy));
    if (u->reachable)
        strbuf_printf(out, " (break-even occupancy %s)", report_percent_text(c, break_even));
    strbuf_puts(out, "\n");
}

static void put_unit_model(const report_context *c, const entity *e, strbuf *out)
{
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_price)
        return;
    strbuf_printf(out, "## Margin per %s\n\n", u.unit);
    strbuf_printf(out, "- Price: %s/%s; variable cost %s/%s; contribution **%s/%s**\n",
                  report_cents_text(c, u.price), u.unit, report_amount_text(c, &u.variable), u.unit,
                  report_cents_text(c, u.margin), u.unit);
    if (u.has_volume && u.volume_scaled > 0) {
        int64_t fixed_share = report_muldiv(u.fixed.mid, MODEL_SCALE, u.volume_scaled);
        strbuf_printf(out, "- Fixed costs %s/month over %s: %s per %s; net margin **%s/%s**\n",
                      report_amount_text(c, &u.fixed),
                      report_unit_count(c, u.unit, u.volume_scaled),
                      report_cents_text(c, fixed_share), u.unit,
                      report_cents_text(c, u.margin - fixed_share), u.unit);
    }
    if (u.reachable)
        strbuf_printf(out, "- Break-even: %s/month\n",
                      report_unit_count(c, u.unit, u.break_even_units * MODEL_SCALE));
    else
        strbuf_printf(out, "- Break-even: not reachable (variable cost ≥ price)\n");
    put_occupancy(c, e, &u, out);
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

/* Three lines first: the cash flow, what the entity is owed, and the one
 * decision they imply (collect overdue money before anything else). */
static void put_headline(const report_context *c, const entity *e, strbuf *out)
{
    if (!e->has_section[model_revenue_section(e)] || !e->has_section[SECTION_EXPENSES])
        return;
    report_amount revenue = report_entity_revenue(c, e);
    report_amount expenses = report_entity_burn(c, e);
    int64_t flow = revenue.mid - expenses.mid;
    report_owed_list owed = {0};
    report_owed_collect(c, e, &owed);
    const report_owed *oldest = NULL;
    for (size_t i = 0; i < owed.count; i++)
        if (owed.items[i].state == OWED_OVERDUE &&
            (!oldest || owed.items[i].age_days > oldest->age_days))
            oldest = &owed.items[i];
    strbuf_printf(out,
                  "## Headline\n\n- Revenue %s/month, expenses %s/month: cash flow **%s/month**.\n",
                  report_cents_text(c, revenue.mid), report_cents_text(c, expenses.mid),
                  report_cents_text(c, flow));
    if (e->has_section[SECTION_CLIENTS])
        strbuf_printf(out, "- Owed %s one-off: overdue %s, unbilled %s.\n",
                      report_cents_text(c, owed.total.mid),
                      report_cents_text(c, owed.by_state[OWED_OVERDUE].mid),
                      report_cents_text(c, owed.by_state[OWED_UNBILLED].mid));
    else
        strbuf_printf(out, "- No money owed is recorded: add a `## Clients` section to %s to "
                           "track invoices.\n",
                      e->path);
    if (oldest)
        strbuf_printf(out, "- Decision: collect the %s overdue, starting with %s (%s).\n\n",
                      report_cents_text(c, owed.by_state[OWED_OVERDUE].mid),
                      report_owed_label(c, oldest), report_amount_text(c, &oldest->amount));
    else if (owed.by_state[OWED_UNBILLED].mid > 0)
        strbuf_printf(out, "- Decision: invoice the %s of unbilled work.\n\n",
                      report_cents_text(c, owed.by_state[OWED_UNBILLED].mid));
    else if (flow < 0)
        strbuf_printf(out, "- Decision: it loses %s/month: cut costs or raise prices.\n\n",
                      report_cents_text(c, -flow));
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
    if (e->business)
        strbuf_printf(out, "Business: %s.\n\n", e->business);
    put_headline(c, e, out);
    put_cash_flow(c, e, out);
    put_unit_model(c, e, out);
    put_client_mrr(c, e, out);
    report_put_reconciliation(c, out);
    report_put_receivables(c, out);
    put_pipeline(c, e, out);
}
