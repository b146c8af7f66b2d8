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

#include "briefing/english.h"
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
    report_amount gross = {0}, revenue = {0}, net = {0};
    /* each column's midpoints, to say whether the shown parts foot (B10) */
    int64_t *mids = arena_alloc(c->arena, 3 * (count ? count : 1) * sizeof *mids);
    for (size_t i = 0; i < count; i++) {
        /* No revenue section is $0 of revenue (the Formulas); no expenses
         * section leaves the burn unknown. */
        bool has_expenses = report_entity_states_expenses(c, entities[i]);
        /* the expenses alone: a percent at its base's ends (rule 4, C9) */
        report_amount g = report_entity_expenses(c, entities[i]);
        report_amount r = report_entity_revenue(c, entities[i]);
        /* its ends two scenarios: percents move with their revenue end (rule 4) */
        report_amount n = report_entity_net_burn(c, entities[i]);
        report_amount_add(&gross, &g);
        report_amount_add(&revenue, &r);
        report_amount_add(&net, &n);
        mids[i] = g.mid, mids[count + i] = r.mid, mids[2 * count + i] = n.mid;
        report_table_row(&t, entities[i]->title, has_expenses ? report_whole_figure_text(c, &g, "") : "?",
                         report_whole_figure_text(c, &r, ""), has_expenses ? report_whole_net_figure_text(c, &n) : "?");
    }
    bool foots = report_whole_parts_foot(mids, count, gross.mid) &&
                 report_whole_parts_foot(mids + count, count, revenue.mid) &&
                 report_whole_parts_foot(mids + 2 * count, count, net.mid);
    if (total_label) /* a dollar off as printed says so (rendering.md, B10) */
        report_table_row(&t, foots ? total_label : report_format(c, "%s (rounded)", total_label),
                         report_whole_figure_text(c, &gross, ""),
                         report_whole_figure_text(c, &revenue, ""), report_whole_net_figure_text(c, &net));
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
    report_amount gross = {0}, revenue = {0}, net = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        /* the table's Total: its rows' expenses alone (rule 4, C9) */
        report_amount g = report_entity_expenses(c, c->entities[i]);
        report_amount_add(&gross, &g);
        report_amount r = report_entity_revenue(c, c->entities[i]);
        report_amount n = report_entity_net_burn(c, c->entities[i]);
        report_amount_add(&revenue, &r);
        report_amount_add(&net, &n);
    }
    strbuf_puts(out, "## Burn rate\n\n");
    if (!any_expenses(c)) {
        strbuf_puts(out, "No expenses stated in scope yet: the Data quality section says where "
                         "to add them.\n\n");
        return;
    }
    strbuf_printf(out, "Gross burn is **%s**; revenue %s; ",
                  report_whole_figure_text(c, &gross, "/month"),
                  report_whole_figure_text(c, &revenue, "/month"));
    if (net.mid > 0)
        strbuf_printf(out, "net burn **%s**.\n\n", report_whole_figure_text(c, &net, "/month"));
    else {
        report_amount surplus = {-net.high, -net.low, -net.mid};
        strbuf_printf(out, "surplus **%s**.\n\n", report_whole_figure_text(c, &surplus, "/month"));
    }
    put_burn_table(c, c->entities, c->entity_count, c->entity_count > 1 ? "Total" : NULL, out);
    /* a sentence, not the table's bracket (handoff-format.md rule 1,
     * eyes-final16 T7: "X: revenue (from …)." read as garbled) */
    for (size_t i = 0; i < c->entity_count; i++)
        if (*report_revenue_source(c->entities[i]))
            strbuf_printf(out, "- %s revenue is taken from its `## Clients` list; it has no "
                               "`## Revenue` section.\n",
                          report_possessive(c, c->entities[i]->title));
}

/* The share `part` is of `whole`, always to 0.1% ("76.0%" beside "24.1%":
 * one precision per report); "—" when whole ≤ 0. */
static const char *share_text(const report_context *c, int64_t part, int64_t whole)
{
    if (whole <= 0)
        return "\u2014";
    int64_t tenths = report_muldiv(part, 1000, whole);
    return report_format(c, "%s%lld.%lld%%", tenths < 0 ? "-" : "",
                         (long long)(llabs(tenths) / 10), (long long)(llabs(tenths) % 10));
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

/* The author's split (report_cost_is_variable, shared with Accounting);
 * break-even's fixed cost is apart: a per-unit entity's variable line not
 * priced per its unit is variable here and inside break-even's fixed cost. */
enum { COST_FIXED, COST_VARIABLE, COST_KIND_COUNT };

static int cost_kind(const entity *e, const item *it)
{
    (void)e;
    return report_cost_is_variable(it) ? COST_VARIABLE : COST_FIXED;
}

/* A variable cost that break-even counts with the fixed cost. */
static bool variable_not_per_unit(const report_context *c, const entity *e, const item *it)
{
    report_break_even_part part;
    report_break_even_part_of(c, e, it, &part);
    return report_cost_is_variable(it) && !part.variable;
}

static const char *kind_text(const report_context *c, const entity *e, const item *it)
{
    if (variable_not_per_unit(c, e, it))
        return report_format(c, "variable, not per %s", report_break_even_unit(e));
    return cost_kind(e, it) == COST_VARIABLE ? "variable" : "fixed";
}

/* Every expense in scope, largest monthly figure first; `split` (may be
 * NULL) gets the fixed and variable sums. */
static size_t collect_costs(const report_context *c, cost_line **out, report_amount *split)
{
    cost_line *lines = NULL;
    size_t count = 0, capacity = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++) {
            cost_line *l = arena_push(c->arena, (void **)&lines, &count, &capacity, sizeof *l);
            *l = (cost_line){c->entities[i], &s->items[j], {0}, false};
            l->has_monthly = report_item_monthly(c, c->entities[i], &s->items[j], &l->monthly);
            if (split && l->has_monthly) {
                /* a sum of lines is an expenses range alone: its percents
                 * at their base's ends (rule 4, C9); the line keeps its own */
                report_amount alone = report_expense_widening(l->entity, l->item);
                report_amount_add(&alone, &l->monthly);
                report_amount_add(&split[cost_kind(l->entity, l->item)], &alone);
            }
        }
    }
    if (count)
        qsort(lines, count, sizeof *lines, cost_order);
    *out = lines;
    return count;
}

/* The largest expenses drive the cost: ten rows, the rest summed in one. */
#define COST_DRIVER_ROWS 10

/* The fixed/variable split, then the largest monthly expenses
 * with their share of gross burn; expenses with no monthly figure are
 * named after the table, never summed. */

/* What break-even counts as a fixed cost of one variable line, with its
 * amount: the whole line when it is not priced per unit ("Fernleaf
 * Ceramics' Etsy ads ($150/month)"; a percent with its base, "Rolling
 * Bowls' Brewery commission on its Brewery catering ($X/month)"), or a
 * percent's part on the other revenue ("Fernleaf Ceramics' Card processing
 * on its $1,200/month of other revenue ($30/month)"); false when
 * break-even counts none of it as fixed. */
static bool overhead_text(const report_context *c, const cost_line *l, report_amount *overhead,
                          strbuf *out)
{
    report_break_even_part part;
    report_break_even_part_of(c, l->entity, l->item, &part);
    if (!l->has_monthly || !report_cost_is_variable(l->item) || part.overhead.high <= 0)
        return false;
    *overhead = part.overhead;
    strbuf_printf(out, "%s %s", report_possessive(c, l->entity->title), l->item->label);
    if (l->item->value.kind == VALUE_PERCENT && !part.variable) /* all of it, on its base */
        strbuf_printf(out, " on its %s", l->item->share_of ? l->item->share_of : "revenue");
    else if (l->item->value.kind == VALUE_PERCENT)
        strbuf_printf(out, " on its %s/month of other revenue",
                      report_dollars_text(c, report_entity_revenue(c, l->entity).mid -
                                                 report_unit_revenue(c, l->entity,
                                                                     report_break_even_unit(l->entity))));
    /* the midpoint: a range in brackets inside brackets would not read; the
     * totals after it keep theirs */
    strbuf_printf(out, " (%s/month)", report_dollars_text(c, overhead->mid));
    return true;
}

/* " For break-even, Harbor Kayak Tours' Google Ads ($400/month) counts as
 * a fixed cost: $10,799/month in all, $400/month more than the fixed costs
 * above." (eyes-final6a T5) — the lines first, then the percents;
 * nothing when break-even's fixed cost is the split's (docs/reports.md,
 * Cost drivers; eyes-final5b R5: never "does not grow with each unit
 * sold"). */
static void put_break_even_extra(const report_context *c, const cost_line *lines, size_t count,
                                 const report_amount *fixed, strbuf *out)
{
    report_amount extra = {0};
    strbuf names = STRBUF_INIT, one = STRBUF_INIT;
    size_t total = 0, named = 0;
    for (size_t i = 0; i < count; i++) {
        report_amount overhead;
        strbuf_truncate(&one, 0);
        if (overhead_text(c, &lines[i], &overhead, &one)) {
            total++;
            report_amount_add(&extra, &overhead);
        }
    }
    for (int percents = 0; percents < 2; percents++)
        for (size_t i = 0; i < count; i++) {
            report_amount overhead;
            strbuf_truncate(&one, 0);
            if ((lines[i].item->value.kind == VALUE_PERCENT) == percents &&
                overhead_text(c, &lines[i], &overhead, &one)) {
                strbuf_printf(&names, "%s%s", named == 0 ? "" : named + 1 == total ? " and " : ", ",
                              strbuf_cstr(&one));
                named++;
            }
        }
    report_amount break_even = *fixed;
    report_amount_add(&break_even, &extra);
    if (total)
        strbuf_printf(out, " For break-even, %s count%s as %s: %s in all, %s more than the fixed "
                           "costs above.",
                      strbuf_cstr(&names), total == 1 ? "s" : "",
                      total == 1 ? "a fixed cost" : "fixed costs",
                      report_whole_figure_text(c, &break_even, "/month"),
                      report_whole_figure_text(c, &extra, "/month"));
    strbuf_free(&names);
    strbuf_free(&one);
}

/* The amount as written when it is not the monthly figure already (a
 * year, a unit, a percent), else "": the Monthly column says a line written
 * per month, its range in brackets (docs/reports.md, Cost drivers; R13). */
static const char *written_unless_monthly(const report_context *c, const item *it)
{
    if (it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_MONTH)
        return "";
    return report_written_amount(c, it);
}

static void put_cost_drivers(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Expense", REPORT_LEFT},  {"Entity", REPORT_LEFT},        {"As written", REPORT_RIGHT},
        {"Monthly", REPORT_RIGHT}, {"Kind (share)", REPORT_LEFT},
    };
    report_amount split[COST_KIND_COUNT] = {{0}};
    cost_line *lines;
    size_t count = collect_costs(c, &lines, split);
    if (!count)
        return;
    int64_t gross = split[COST_FIXED].mid + split[COST_VARIABLE].mid;
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    report_amount rest = {0};
    size_t shown = 0, rest_count = 0;
    strbuf not_monthly = STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        const cost_line *l = &lines[i];
        if (!l->has_monthly) {
            strbuf_printf(&not_monthly, "%s%s (%s): %s", not_monthly.len ? "; " : "",
                          l->item->label, l->entity->title, report_written_amount(c, l->item));
            continue;
        }
        if (shown == COST_DRIVER_ROWS) {
            report_amount_add(&rest, &l->monthly);
            rest_count++;
            continue;
        }
        shown++;
        report_table_row(&t, l->item->label, l->entity->title, written_unless_monthly(c, l->item),
                         report_whole_figure_text(c, &l->monthly, "/month"),
                         report_format(c, "%s (%s)", kind_text(c, l->entity, l->item),
                                       share_text(c, l->monthly.mid, gross)));
    }
    if (rest_count)
        report_table_row(&t, report_format(c, "%zu other expenses", rest_count), "", "",
                         report_whole_figure_text(c, &rest, "/month"),
                         report_format(c, "(%s)", share_text(c, rest.mid, gross)));
    strbuf_puts(out, "## Cost drivers\n\n");
    for (size_t k = 0; k < COST_KIND_COUNT; k++)
        strbuf_printf(out, "%s%s %s, %s of gross burn", k ? "; " : "", k ? "variable" : "Fixed",
                      report_whole_figure_text(c, &split[k], "/month"), share_text(c, split[k].mid, gross));
    strbuf_putc(out, '.');
    put_break_even_extra(c, lines, count, &split[COST_FIXED], out);
    strbuf_puts(out, "\n\n");
    if (t.row_count)
        report_table_write(&t, out);
    if (not_monthly.len)
        strbuf_printf(out, "No monthly figure, not in burn: %s.\n\n", strbuf_cstr(&not_monthly));
    strbuf_free(&not_monthly);
}

/* The part of `e`'s other revenue that is cash received ahead of earning
 * (Accounting's 2400: gift cards), cents, at most the other revenue. */
static int64_t other_revenue_ahead(const report_context *c, const entity *e,
                                   const report_unit_economics *u)
{
    report_operating o;
    report_entity_operating(c, e, &o);
    return o.ahead < u->other_revenue ? o.ahead : u->other_revenue;
}

/* The price floor of a per-unit entity (rule 6, report_price_floor): the
 * variable cost per unit plus the fixed cost not paid by the entity's other
 * revenue, spread over today's units, its percents of the price taken at
 * the floor itself; never below the variable cost. */
typedef struct {
    report_unit_economics u;
    int64_t fixed_per_unit;
    int64_t floor;
    int64_t other_ahead; /* of u.other_revenue, cash received ahead of earning (R5) */
} price_floor;

static bool price_floor_of(const report_context *c, const entity *e, price_floor *f)
{
    if (!report_unit_economics_of(c, e, &f->u) || !f->u.has_price || !f->u.has_volume ||
        f->u.volume_scaled <= 0)
        return false;
    f->fixed_per_unit = report_fixed_cost_per_unit(&f->u);
    f->other_ahead = other_revenue_ahead(c, e, &f->u);
    return report_price_floor(&f->u, &f->floor);
}

/* A floor over today's price that volume closes: the price covers the
 * variable cost and more units, not a higher price, pay the fixed cost
 * (reports.md, Financial guardrails; eyes-final2 H4/H13). */
static bool volume_closes_floor(const price_floor *f)
{
    return f->floor > f->u.price && f->u.reachable &&
           f->u.break_even_units * MODEL_SCALE > f->u.volume_scaled;
}

/* "; $1,900/month of other revenue counted", or when some of it is cash
 * received ahead of earning "; $300/month of other revenue counted, cash
 * received ahead of earning; 23 workshops on earned revenue alone"
 * (reports.md, CFO Break-even; eyes-final14 R5: gift-card cash later pays
 * for units that bring no new cash). */
static const char *other_revenue_counted_text(const report_context *c, const entity *e,
                                              const report_unit_economics *u)
{
    const char *text = report_format(c, "; %s/month of other revenue counted",
                                     report_dollars_text(c, u->other_revenue));
    report_ahead_units a; /* the units alone, as the table's cell (eyes-final18 W3) */
    if (!report_ahead_beside_units(c, e, &a))
        return text;
    if (a.units_alone != u->break_even_units) { /* the sentence led with the units alone */
        int64_t rest = u->other_revenue - a.ahead;
        const char *counted = report_ahead_counted_text(c, &a); /* " (281 counting …)" */
        return report_format(c, "%s; %.*s%s",
                             rest > 0 ? report_format(c, "; %s/month of its %s/month of other "
                                                         "revenue counted",
                                                      report_dollars_text(c, rest),
                                                      report_dollars_text(c, u->other_revenue))
                                      : "",
                             (int)strlen(counted) - 3, counted + 2,
                             a.fees > 0 ? report_format(c, ", and the %s/month of fees on it",
                                                        report_dollars_text(c, a.fees))
                                        : "");
    }
    return report_format(c, "%s, %scash received ahead of earning; %s on earned revenue alone%s",
                         text,
                         a.ahead < u->other_revenue
                             ? report_format(c, "%s of it ", report_dollars_text(c, a.ahead))
                             : "",
                         report_unit_count(c, u->unit, a.units_alone * MODEL_SCALE),
                         a.fees > 0 ? report_format(c, ", the %s/month of fees on it left out too",
                                                    report_dollars_text(c, a.fees))
                                    : "");
}

/* The Break-even cell: the whole units, or beside money received ahead
 * the units alone first and the count that counts the money in brackets,
 * "23 (18 counting the $300 received ahead)", so the cell follows from
 * the Price, Variable and Fixed cells beside it (docs/reports.md, CFO
 * Break-even; eyes-final18 W3). */
static const char *break_even_cell(const report_context *c, const entity *e,
                                   const report_unit_economics *u, strbuf *notes)
{
    if (!u->reachable)
        return "not reachable";
    report_ahead_units a;
    if (report_ahead_beside_units(c, e, &a) && a.units_alone != u->break_even_units) {
        /* the count with the money, under the table: in the cell it wrapped
         * over 6 lines at 72 columns (fixB3 lead notes) */
        const char *counted = report_ahead_counted_text(c, &a); /* " (281 counting …)" */
        strbuf_printf(notes, "%s%s: %.*s", notes->len ? "; " : "\u2020 ", e->title,
                      (int)strlen(counted) - 3, counted + 2);
        return report_format(c, "%s\u2020", report_scaled_text(c, a.units_alone * MODEL_SCALE));
    }
    return report_scaled_text(c, u->break_even_units * MODEL_SCALE);
}

/* " in the off-season, until February": what an off-season business sells
 * is its off-season volume, said wherever its break-even units stand beside
 * it (handoff-format.md Parts, `Status`; check22 F2); "" in season. */
static const char *off_season_volume_text(const report_context *c, const entity *e)
{
    report_season season;
    if (!report_entity_off_season(c, e, &season))
        return "";
    return season.month_name ? report_format(c, " in the off-season, until %s", season.month_name)
                             : " in the off-season";
}

/* One short sentence per entity (docs/reports.md, CFO Break-even; eyes-final
 * G7): the whole units that cover its costs against what it sells, and its
 * price floor at today's volume; the table holds the rest. */
static void put_break_even_sentence(const report_context *c, const entity *e,
                                    const report_unit_economics *u, strbuf *out)
{
    if (!u->reachable) {
        strbuf_printf(out,
                      "- %s: break-even **not reachable**: each %s costs %s in variable costs "
                      "against a price of %s.\n",
                      e->title, u->unit, report_cents_text(c, u->variable.mid),
                      report_cents_text(c, u->price));
        return;
    }
    /* beside money received ahead, the units alone lead, as in the table
     * (docs/reports.md, CFO Break-even; fixB3 lead notes) */
    report_ahead_units a;
    bool alone = report_ahead_beside_units(c, e, &a) && a.units_alone != u->break_even_units;
    int64_t lead = alone ? a.units_alone : u->break_even_units;
    const char *earned = alone ? " on earned revenue" : "";
    if (u->other_revenue > 0 && u->break_even_units == 0 && !alone)
        strbuf_printf(out, "- %s: its %s/month of other revenue covers its fixed cost: no %s is "
                           "needed",
                      e->title, report_dollars_text(c, u->other_revenue), u->unit);
    else if (report_churn_kpi(e)) /* a stock, never a month's sales (Z17) */
        strbuf_printf(out, "- %s: **%s** at %s cover its costs%s", e->title,
                      report_units_held_text(c, e, u->unit, lead * MODEL_SCALE),
                      report_cents_text(c, u->price), earned);
    else
        strbuf_printf(out, "- %s: **%s a month** at %s %s %s cover its costs%s", e->title,
                      report_unit_count(c, u->unit, lead * MODEL_SCALE),
                      report_cents_text(c, u->price), english_article(u->unit), u->unit, earned);
    const char *counted = u->other_revenue > 0 && (u->break_even_units > 0 || alone)
                              ? other_revenue_counted_text(c, e, u)
                              : "";
    if (u->has_volume && report_churn_kpi(e))
        strbuf_printf(out, " (it has %s%s)", report_scaled_text(c, u->volume_scaled), counted);
    else if (u->has_volume)
        strbuf_printf(out, " (it sells %s%s%s)", report_unit_count(c, u->unit, u->volume_scaled),
                      off_season_volume_text(c, e), counted);
    price_floor f;
    if (price_floor_of(c, e, &f))
        strbuf_printf(out, f.floor > u->price
                               ? "; at today's volume %s %s would have to sell for at least %s, "
                                 "the price floor"
                               : "; at today's volume %s %s can sell for as little as %s, the "
                                 "price floor",
                      english_article(u->unit), u->unit, report_cents_text(c, f.floor));
    strbuf_puts(out, ".\n");
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
    strbuf sentences = STRBUF_INIT, notes = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_unit_economics u;
        if (!report_unit_economics_of(c, e, &u) || !u.has_price)
            continue;
        const char *units = break_even_cell(c, e, &u, &notes);
        report_table_row(&t, e->title, u.unit, report_cents_text(c, u.price),
                         report_figure_text(c, &u.variable, ""), report_whole_figure_text(c, &u.fixed, ""), units,
                         u.has_volume ? report_scaled_text(c, u.volume_scaled) : "?");
        put_break_even_sentence(c, e, &u, &sentences);
    }
    if (!t.row_count) {
        strbuf_puts(out, "No entity in scope sells per unit (a Revenue line like "
                         "`$1,850/charter` with its `Average charter price` KPI).\n\n");
        strbuf_free(&notes);
        return;
    }
    report_table_write(&t, out);
    if (notes.len) /* its own paragraph, before the sentences' list */
        strbuf_printf(out, "%s.\n\n", strbuf_cstr(&notes));
    strbuf_append(out, sentences.data, sentences.len);
    strbuf_putc(out, '\n');
    strbuf_free(&sentences);
    strbuf_free(&notes);
}

/* The scope's rule-6 figures, midpoints in cents, each a whole number of
 * dollars: revenue and gross burn are rounded first and the rest derived
 * from them, so the equations the report prints add up as printed
 * (docs/rendering.md, "Monthly results in whole dollars"). */
typedef struct {
    int64_t revenue, gross, surplus; /* surplus < 0: net burn */
    int64_t inside;                  /* paid inside the group, in both revenue and gross */
    int64_t base;                    /* revenue − inside: the target's base, from outside */
    int64_t margin;                  /* 10% of base */
    int64_t room;                    /* surplus − margin, ≥ 0: new fixed costs + price cuts */
} guardrail_figures;

static int64_t inside_group_fees(const report_context *c, int64_t *variable);

static int64_t whole_dollars(int64_t cents)
{
    return report_muldiv(cents, 1, 100) * 100;
}

static guardrail_figures guardrail_figures_of(const report_context *c)
{
    guardrail_figures g = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        g.revenue += report_entity_revenue(c, c->entities[i]).mid;
        g.gross += report_entity_burn(c, c->entities[i]).mid;
    }
    g.revenue = whole_dollars(g.revenue);
    g.gross = whole_dollars(g.gross);
    g.surplus = g.revenue - g.gross;
    /* a fee one business pays another is no revenue the group takes in:
     * the target is 10% of revenue from outside (handoff-format.md rule 6,
     * eyes-final18 W4); 0 in a scope of one business */
    int64_t inside_variable;
    g.inside = whole_dollars(inside_group_fees(c, &inside_variable));
    g.base = g.revenue - g.inside;
    g.margin = whole_dollars(report_muldiv(g.base, 10, 100));
    g.room = g.surplus - g.margin > 0 ? g.surplus - g.margin : 0;
    return g;
}

/* One targets row: revenue now, break-even revenue (variable costs move
 * with revenue) and the cushion above it or the gap below it. */
/* The pooled row's target: the group's surplus against the surplus
 * target in the guardrails' words, so its cushion (the textbook margin of
 * safety) never reads as the 10% (docs/reports.md, Revenue targets;
 * eyes-final4 P2, eyes-final8 V5). */
static const char *pooled_target(const report_context *c, int64_t break_even, const char *inside)
{
    guardrail_figures g = guardrail_figures_of(c);
    return report_format(c, "breaks even at %s/month pooled at today's sales mix%s; surplus %s (%s "
                            "of revenue) %s the %s "
                            "surplus target (10%%)", /* its basis (eyes-final19 A10) */
                         report_dollars_text(c, break_even), inside,
                         report_dollars_text(c, g.surplus),
                         share_text(c, g.surplus, g.base), /* the target's revenue (W4) */
                         g.surplus < g.margin ? "is under" : "keeps",
                         report_dollars_text(c, g.margin));
}

/* "3 more JADA charters a month (+$2,250 margin) close the group's $1,793
 * burn; 4 make JADA itself break even" (docs/reports.md, Revenue targets). */
static const char *units_to_close_text(const report_context *c, const report_unit_lever *l)
{
    const char *units = report_unit_plural(c, l->u.unit, false);
    const char *text = report_format(c, "%lld more %s %s a month (+%s margin) close the %s %s burn",
                                     (long long)l->scope_units, l->entity->title,
                                     l->scope_units == 1 ? l->u.unit : units,
                                     report_dollars_text(c, l->scope_units * l->u.margin),
                                     c->entity_count > 1 ? "group's" : "scope's",
                                     report_dollars_text(c, l->scope_burn));
    if (l->own_units > l->scope_units)
        text = report_format(c, "%s; %lld make %s itself break even", text,
                             (long long)l->own_units, l->entity->title);
    return text;
}

/* " (on $12,800: revenue in cash, without the $300/month paid inside the
 * group)" after the pooled break-even when `inside` cents are left out of
 * it, `revenue` the row's revenue cell; "" otherwise. The basis is named so
 * the cell is not read as the CEO's or Accounting's "earned" figure
 * (docs/reports.md, Revenue targets; eyes-final17 U1). */
static const char *inside_note(const report_context *c, int64_t inside, int64_t revenue)
{
    if (inside <= 0)
        return "";
    /* the CEO's and Accounting's "earned" leaves out what is received
     * ahead; said beside it so two equal figures are not read as one
     * (eyes-final18 W4) */
    int64_t ahead = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_operating o;
        if (!report_entity_states_expenses(c, c->entities[i]))
            continue; /* the row's revenue sums only these */
        report_entity_operating(c, c->entities[i], &o);
        ahead += o.ahead;
    }
    const char *earned = ahead > 0 ? report_format(c, "; earned and from outside the group: %s",
                                                   report_dollars_text(c, revenue - ahead))
                                   : "";
    return report_format(c, " (on %s: revenue in cash %s without the %s/month paid inside the group%s)",
                         report_dollars_text(c, revenue), report_dollars_text(c, revenue + inside),
                         report_dollars_text(c, inside), earned);
}

/* ": its $2,800/month loss at a 40.5% margin": what links a burning row's
 * revenue gap to the loss the headline says (gap = loss ÷ the margin share
 * margin ÷ per, docs/reports.md Revenue targets; eyes-final19 A5); "" when
 * the two are the same dollars (no variable cost). */
static const char *gap_from_loss_text(const report_context *c, int64_t gap, int64_t loss,
                                      int64_t margin, int64_t per)
{
    if (loss <= 0 || per <= 0 || margin <= 0 || whole_dollars(gap) == whole_dollars(loss))
        return "";
    return report_format(c, ": its %s/month loss at a %s margin", report_dollars_text(c, loss),
                         share_text(c, margin, per));
}

/* One Revenue targets row; `inside` (cents, the pooled row only) is the
 * money paid inside the group, already left out of revenue and gross. */
static void target_row(const report_context *c, report_table *t, const char *name,
                       int64_t revenue, int64_t gross, int64_t variable, const entity *e,
                       int64_t inside)
{
    const char *now = report_dollars_text(c, revenue);
    report_unit_economics u;
    bool per_unit = e && report_unit_economics_of(c, e, &u) && u.has_price && u.has_volume;
    int64_t break_even;
    if (!report_break_even_revenue_of(c, e, revenue, gross, variable, &break_even)) {
        report_table_row(t, name, now, "not reachable", "\u2014",
                         "variable costs take all revenue: raise prices or cut them");
        return;
    }
    int64_t diff = revenue - break_even;
    const char *share = share_text(c, diff < 0 ? -diff : diff, revenue);
    if (diff >= 0) {
        const char *target = e ? report_format(c, "stay above %s/month",
                                               report_dollars_text(c, break_even))
                               : pooled_target(c, break_even, inside_note(c, inside, revenue));
        /* beside money received ahead, the units alone first, as the
         * Break-even table (docs/reports.md; fixB3 lead notes) */
        report_ahead_units a;
        bool alone = per_unit && report_ahead_beside_units(c, e, &a) &&
                     a.units_alone != u.break_even_units;
        int64_t needed = alone ? a.units_alone : (per_unit ? u.break_even_units : 0);
        int64_t above = per_unit ? u.volume_scaled - needed * MODEL_SCALE : 0;
        if (above > 0) /* a cushion in units: "11%" may be one night */
            target = report_format(c, "%s: %s above break-even (%s sold, %s needed%s)", target,
                                   report_unit_count(c, u.unit, above),
                                   report_scaled_text(c, u.volume_scaled),
                                   report_scaled_text(c, needed * MODEL_SCALE),
                                   alone ? report_ahead_counted_text(c, &a) : "");
        report_table_row(t, name, now, report_dollars_text(c, break_even),
                         report_format(c, "%s (%s)", report_dollars_text(c, diff), share), target);
        return;
    }
    report_unit_lever lever;
    if (!e && report_units_to_close(c, &lever)) { /* in its units, not the average margin (P13) */
        report_table_row(t, name, now, report_dollars_text(c, break_even),
                         report_format(c, "burns %s", report_dollars_text(c, lever.scope_burn)),
                         /* the pooled figure's basis beside the path in one
                          * business's units (eyes-final19 A10) */
                         report_format(c, "%s; the %s break-even is pooled at today's sales mix%s",
                                       units_to_close_text(c, &lever),
                                       report_dollars_text(c, break_even),
                                       inside_note(c, inside, revenue)));
        return;
    }
    const char *todo = report_format(c, "raise revenue %s/month (+%s)%s",
                                     report_dollars_text(c, -diff), share,
                                     gap_from_loss_text(c, -diff, gross - revenue,
                                                        per_unit ? u.margin : revenue - variable,
                                                        per_unit ? u.price : revenue));
    if (per_unit) { /* whole units bring more than the exact gap: say how much */
        int64_t units = report_ceil_div(gross - revenue, u.margin);
        report_season season; /* its units come in season (G1) */
        todo = report_format(c, "%s; in whole %s +%lld/month (+%s)%s", todo,
                             report_unit_plural(c, u.unit, false), (long long)units,
                             report_dollars_text(c, units * u.price),
                             report_entity_off_season(c, e, &season)
                                 ? report_format(c, ", in season (%s)",
                                                 report_season_text(c, &season))
                                 : "");
    }
    report_table_row(t, name, now, report_dollars_text(c, break_even),
                     report_format(c, "short %s", report_dollars_text(c, -diff)),
                     report_format(c, "%s%s", todo, inside_note(c, inside, revenue)));
}

static bool scope_holds(const report_context *c, const entity *e)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (c->entities[i] == e)
            return true;
    return false;
}

/* The money paid inside the group a month (cents): the monthly fees a
 * business of the scope bills another whose `## Expenses` hold them
 * (Accounting's "Inside the group" pairs, report_group_fee_expense), both
 * stating expenses so both sums hold it. It is revenue of one and a cost of
 * the other, so the pooled break-even leaves it out of both; `variable`
 * gets the part the payer's break-even counts as variable
 * (handoff-format.md, break-even revenue; eyes-final14 R9). */
static int64_t inside_group_fees(const report_context *c, int64_t *variable)
{
    int64_t total = 0;
    *variable = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *biller = c->entities[i];
        const section *clients = &biller->sections[SECTION_CLIENTS];
        for (size_t j = 0; report_entity_states_expenses(c, biller) && j < clients->item_count;
             j++) {
            const entity *payer = report_group_business(c, biller, &clients->items[j]);
            report_amount fee;
            if (!payer || !scope_holds(c, payer) || !report_entity_states_expenses(c, payer) ||
                !report_item_monthly(c, biller, &clients->items[j], &fee))
                continue;
            const item *expense = report_group_fee_expense(c, biller, payer, fee.mid);
            if (!expense)
                continue;
            report_break_even_part part;
            report_break_even_part_of(c, payer, expense, &part);
            if (part.variable)
                *variable += fee.mid - part.overhead.mid;
            total += fee.mid;
        }
    }
    return total;
}

/* Where each entity stands against the revenue that covers its costs:
 * a gap to close when it burns, a cushion when it is profitable. */
static void put_revenue_targets(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},         {"Revenue/month", REPORT_RIGHT},
        {"Break-even/month", REPORT_RIGHT}, {"Cushion or gap", REPORT_RIGHT},
        {"Target", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    strbuf_puts(out, "## Revenue targets\n\n");
    if (!any_expenses(c)) {
        strbuf_puts(out, "No target without expenses to cover.\n\n");
        return;
    }
    int64_t revenue = 0, gross = 0, variable = 0;
    size_t rows = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (!report_entity_states_expenses(c, e))
            continue;
        int64_t r = report_entity_revenue(c, e).mid, g = report_entity_burn(c, e).mid;
        int64_t v = report_entity_variable_costs(c, e);
        revenue += r, gross += g, variable += v, rows++;
        target_row(c, &t, e->title, r, g, v, e, 0);
    }
    if (rows > 1) { /* not the rows' sum; without what the group pays itself (R9) */
        int64_t inside_variable, inside = inside_group_fees(c, &inside_variable);
        target_row(c, &t, "Group, pooled", revenue - inside, gross - inside,
                   variable - inside_variable, NULL, inside);
    }
    report_table_write(&t, out);
}

typedef enum { TIER_COST, TIER_REVENUE, TIER_COUNT } capital_tier;

static const char *const tier_names[TIER_COUNT] = {"With a cost", "Revenue-producing"};

/* A cost tagged `revenue` produces revenue; any other cost is spent
 * (handoff-format.md, Formulas, "CFO capital tiers"). $0 actions are not
 * capital and have no tier. */
static capital_tier action_tier(const item *it)
{
    return model_item_has_tag(it, "revenue") ? TIER_REVENUE : TIER_COST;
}

/* Who burns or makes money in this report's words (docs/reports.md, CFO
 * guardrails; eyes-final6a T10): "the group" in the portfolio scope, the
 * entity's name in its own, never the engine's "scope". */
static const char *scope_subject(const report_context *c)
{
    return c->is_portfolio ? "the group" : c->scope_title;
}

/* "No cost, so not capital: 2 actions — Rotate the API key (Lumen), ...":
 * named, not rows. */
static void put_no_cost_actions(const report_context *c, const report_entry *actions, size_t count,
                                strbuf *out)
{
    size_t n;
    const char *names = report_no_cost_actions(c, actions, count, &n);
    for (size_t i = 0; n == 1 && i < count; i++) /* one action: its own date (T5) */
        if (report_action_is_free(c, actions[i].entity, actions[i].item)) {
            strbuf_printf(out, "No cost, so not capital: %s, due %s.\n\n", names,
                          report_action_due_date(c, actions[i].entity, actions[i].item));
            return;
        }
    if (n)
        strbuf_printf(out, "No cost, so not capital: %zu actions — %s; the CEO agenda "
                           "dates them.\n\n", /* not Accounting's roadmap (fixV2 U3) */
                      n, names);
}

/* A recurring action's label and monthly cost, for what savings cover. */
typedef struct {
    const char *label;
    int64_t monthly;
} recurring_action;

static int recurring_cheapest_first(const void *a, const void *b)
{
    const recurring_action *x = a, *y = b;
    return (x->monthly > y->monthly) - (x->monthly < y->monthly);
}

/* " covers Automate invoice reminders ($20/month); defer Upgrade the
 * booking widget ($49/month).": the cheapest actions the savings pay for
 * in full, the rest deferred — never "fund them" with less than they cost
 * (reports.md, Capital deployment tiers; eyes-final2 K4). */
static void put_covered_actions(const report_context *c, recurring_action *rec, size_t n,
                                int64_t saved, int64_t added, strbuf *out)
{
    if (saved >= added) {
        strbuf_puts(out, n == 1 ? " covers it.\n\n" : " covers them.\n\n");
        return;
    }
    qsort(rec, n, sizeof *rec, recurring_cheapest_first);
    size_t covered = 0;
    for (int64_t sum = 0; covered < n && sum + rec[covered].monthly <= saved; covered++)
        sum += rec[covered].monthly;
    if (!covered) {
        strbuf_printf(out, " %s, or cut %s/month elsewhere first.\n\n",
                      n == 1 ? "does not cover it: defer it" : "covers none of them: defer them",
                      report_dollars_text(c, added - saved));
        return;
    }
    for (size_t i = 0; i < n; i++)
        strbuf_printf(out, "%s%s (%s/month)", i == 0 ? " covers " : i == covered ? "; defer " : ", ",
                      rec[i].label, report_dollars_text(c, rec[i].monthly));
    strbuf_puts(out, ".\n\n");
}

/* The savings not taken by a swap (report_spend_swap): what is left to pay
 * for the other recurring actions, so one saving is never offered twice. */
static void free_savings(const report_context *c, report_savings *out)
{
    report_savings all;
    report_find_savings(c, &all);
    *out = (report_savings){0};
    for (size_t i = 0; i < all.count; i++) {
        if (report_saving_swapped_for(c, &all.items[i]))
            continue;
        report_saving *s = arena_push(c->arena, (void **)&out->items, &out->count, &out->capacity,
                                      sizeof *out->items);
        *s = all.items[i];
        report_amount_add(&out->total, &all.items[i].monthly);
    }
}

/* Recurring costs among the actions while the scope burns: they raise the
 * burn the headline says to close, so they are named with what could pay
 * for them (the unused or duplicate subscriptions). */
static void put_recurring_while_burning(const report_context *c, const report_entry *actions,
                                        size_t count, strbuf *out)
{
    int64_t surplus = 0;
    for (size_t i = 0; i < c->entity_count; i++)
        surplus += report_entity_revenue(c, c->entities[i]).mid -
                   report_entity_burn(c, c->entities[i]).mid;
    if (surplus >= 0)
        return;
    recurring_action *rec = arena_alloc(c->arena, (count ? count : 1) * sizeof *rec);
    int64_t added = 0;
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        report_amount monthly;
        if (!report_action_costs_nothing(actions[i].item) &&
            !report_spend_swap(c, actions[i].entity, actions[i].item) /* said as a swap */ &&
            !report_spend_waits_for_room(c, actions[i].entity, actions[i].item) /* a hold */ &&
            report_item_monthly(c, actions[i].entity, actions[i].item, &monthly)) {
            rec[n++] = (recurring_action){actions[i].item->label, monthly.mid};
            added += monthly.mid;
        }
    }
    if (!n)
        return;
    strbuf_printf(out, "%zu of these add%s %s/month while %s burns: ", n, n == 1 ? "s" : "",
                  report_dollars_text(c, added), scope_subject(c));
    report_savings savings;
    free_savings(c, &savings);
    if (!savings.count) {
        strbuf_printf(out, "defer %s, or cut the same amount elsewhere first.\n\n",
                      n == 1 ? "it" : "them");
        return;
    }
    strbuf_puts(out, "cancelling ");
    for (size_t i = 0; i < savings.count; i++)
        strbuf_printf(out, "%s%s (%s/month, %s)", i ? ", " : "", savings.items[i].item->label,
                      report_dollars_text(c, savings.items[i].monthly.mid), savings.items[i].reason);
    put_covered_actions(c, rec, n, savings.total.mid, added, out);
}

/* "Hold: Re-upholster the waiting-room chairs ($400 one-off, Brightnote
 * Music School): it has $700 cash and burns $300/month; not before it is
 * funded.": the spends that wait, one line each, and the spends a saving
 * pays for, "Swap … for … (Lumen Analytics): …; the swap
 * saves $9/month." (eyes-final8 V8); how many. */
static size_t put_held_spends(const report_context *c, const report_entry *actions, size_t count,
                              strbuf *out)
{
    size_t held = 0;
    for (size_t i = 0; i < count; i++) {
        report_runway r;
        report_entity_runway(c, actions[i].entity, &r);
        report_amount cost;
        const report_saving *swap = report_spend_swap(c, actions[i].entity, actions[i].item);
        if (swap && report_item_monthly(c, actions[i].entity, actions[i].item, &cost)) {
            const char *text = report_swap_text(c, actions[i].entity, swap->item, actions[i].item);
            strbuf_printf(out, "S%s (%s): %s and burns %s/month; the swap saves "
                               "%s/month.\n\n",
                          text + 1, actions[i].entity->title,
                          report_burns_without_cash(&r) /* eyes-final9 W5 */
                              ? "it states no cash"
                              : report_format(c, "it has %s cash", report_cents_text(c, r.cash)),
                          report_dollars_text(c, r.net_burn),
                          report_dollars_text(c, swap->monthly.mid - cost.mid));
            held++;
            continue;
        }
        if (report_spend_waits_for_room(c, actions[i].entity, actions[i].item)) {
            /* the same status and words as Accounting and the CEO (Z4, Q3) */
            strbuf_printf(out, "Hold: %s (%s, %s): %s.\n\n", actions[i].item->label,
                          report_written_amount(c, actions[i].item), actions[i].entity->title,
                          report_spend_room_hold_text(c, actions[i].entity));
            held++;
            continue;
        }
        if (!report_item_amount(actions[i].item, &cost) ||
            !report_spend_waits_for_funding(c, actions[i].entity, actions[i].item))
            continue;
        bool unstated = report_burns_without_cash(&r); /* eyes-final9 W5 */
        strbuf_printf(out, "Hold: %s (%s, %s): %s and burns %s/month; not before %s.\n\n",
                      actions[i].item->label, report_written_amount(c, actions[i].item),
                      actions[i].entity->title,
                      unstated ? "it states no cash"
                               : report_format(c, "it has %s cash", report_cents_text(c, r.cash)),
                      report_dollars_text(c, r.net_burn),
                      unstated ? "its cash is stated" : "it is funded");
        held++;
    }
    return held;
}

/* "the e-mail blasts the reports send cost $20 a send (Fernleaf Ceramics:
 * Send the first blast to the e-mail list, due 2027-01-30; its action says
 * $0, …:41), $30 a send (Loopline Analytics, due 2026-12-29) and $25 a send
 * (Pinecrest Lake Lodge, due 2026-12-15)": each blast the reports send with
 * a cost per send (report_blast_sent_cost), with its one date, so "no action
 * costs money" is never said beside a spend (docs/reports.md, Capital
 * deployment tiers; eyes-final9 W10, eyes-final12 Z3, Z10). "" when none. */
static const char *sent_blasts_text(const report_context *c)
{
    const char *text = "", *held = NULL; /* `held`: the newest part, joined by "and" at the end */
    const char *one = NULL;               /* the first blast, with its business named first */
    size_t n = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_sent_blast sent;
        if (!report_blast_sent_cost(c, e, &sent))
            continue;
        bool says_zero = sent.action && report_action_costs_nothing(sent.action);
        const char *action = sent.action ? sent.action->label : NULL;
        const char *rest = report_format(c, "due %s%s", report_due_date_text(c, sent.due_days),
                                         says_zero ? report_format(c, "; its action says $0, %s:%d",
                                                                   e->path, sent.action->line)
                                                   : "");
        if (held)
            text = report_format(c, "%s%s%s", text, *text ? ", " : "", held);
        held = report_format(c, "%s (%s%s%s, %s)", report_dollars_text(c, sent.cost), e->title,
                             action ? ": " : "", action ? action : "", rest);
        if (!n++)
            one = report_format(c, "the recommended %s e-mail blast costs %s (%s%s%s)", e->title,
                                report_dollars_text(c, sent.cost), action ? action : "",
                                action ? ", " : "", rest);
    }
    if (!n)
        return "";
    if (n == 1) /* its business first (eyes-final21 C12) */
        return one;
    /* one send each, as recommended: "a send" read as a standing charge (W11) */
    return report_format(c, "the e-mail blasts the reports recommend cost %s and %s", text, held);
}

/* Whether an action is a row of `tier`: it has a cost and is no hold or
 * swap line (those are said under the table). */
static bool tier_row(const report_context *c, const report_entry *a, int tier)
{
    report_amount cost;
    return report_item_amount(a->item, &cost) && !report_action_costs_nothing(a->item) &&
           (int)action_tier(a->item) == tier &&
           !report_spend_waits_for_funding(c, a->entity, a->item) &&
           !report_spend_waits_for_room(c, a->entity, a->item) &&
           !report_spend_swap(c, a->entity, a->item);
}

/* "SOC 2 readiness assessment ($15,000 one-off, ShiftCal) cuts ShiftCal's
 * runway from 18 to 14 months (to about Feb 2028): approve it only with a
 * plan to close its $3,472/month loss.": each one-off with a cost at a
 * business that burns with stated cash says what it does to its runway
 * (docs/reports.md, Capital deployment tiers; eyes-final20 B1: a $29/month
 * item was held while a $15,000 one-off passed silently). */
static void put_one_off_runways(const report_context *c, const report_entry *actions,
                                size_t count, strbuf *out)
{
    for (size_t i = 0; i < count; i++) {
        const report_entry *a = &actions[i];
        report_amount cost;
        report_runway r;
        int64_t after;
        if (!tier_row(c, a, TIER_COST) || a->item->value.money.period != PERIOD_NONE ||
            !report_item_amount(a->item, &cost) ||
            !report_runway_after_spend(c, a->entity, cost.mid, &r, &after) || after == r.months)
            continue;
        const char *name = a->entity->title;
        strbuf_printf(out, "%s (%s, %s) %s: approve it only with a plan to close its %s/month "
                           "loss.\n\n",
                      a->item->label, report_written_amount(c, a->item), name,
                      after > 0 ? report_format(c, "cuts %s runway from %lld to %s",
                                                report_possessive(c, name), (long long)r.months,
                                                report_runway_months_text(c, after))
                                : report_format(c, "takes all of %s %s cash",
                                                report_possessive(c, name),
                                                report_dollars_text(c, r.cash)),
                      report_dollars_text(c, r.net_burn));
    }
}

static void put_capital_tiers(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Tier", REPORT_LEFT},  {"Action", REPORT_LEFT},   {"Entity", REPORT_LEFT},
        {"Cost", REPORT_RIGHT}, {"Priority", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    strbuf_puts(out, "## Capital deployment tiers\n\n");
    report_entry *actions;
    size_t count = report_collect_items(c, SECTION_ACTIONS, NULL, &actions);
    for (size_t i = 0; i < count; i++)
        if (actions[i].item->value.kind != VALUE_MONEY)
            report_note_missing(c, actions[i].entity, SECTION_ACTIONS,
                                report_format(c, "%s: $<cost>", actions[i].item->label));
    for (int tier = 0; tier < TIER_COUNT; tier++)
        for (size_t i = 0; i < count; i++) {
            if (!tier_row(c, &actions[i], tier)) /* a hold or swap line below */
                continue;
            report_table_row(&t, tier_names[tier], actions[i].item->label, actions[i].entity->title,
                             report_written_amount(c, actions[i].item),
                             report_item_priority(actions[i].item));
        }
    if (t.row_count)
        report_table_write(&t, out);
    put_one_off_runways(c, actions, count, out);
    size_t held = put_held_spends(c, actions, count, out);
    const char *blasts = sent_blasts_text(c); /* spends too, whatever the lines say (Z3) */
    if (t.row_count)
        put_recurring_while_burning(c, actions, count, out);
    else if (!count)
        strbuf_printf(out, "No actions in scope: %s.\n\n", report_ask_scope(c, ACTIONS_ASK));
    else if (!held && *blasts)
        strbuf_printf(out, "No `## Actions` item states a cost; %s.\n\n", blasts), blasts = "";
    else if (!held)
        strbuf_puts(out, "No `## Actions` item costs money.\n\n");
    if (*blasts) /* beside the rows, a hold or the ask: still spent (Z10) */
        strbuf_printf(out, "T%s.\n\n", blasts + 1);
    put_no_cost_actions(c, actions, count, out);
}

/* Rule 6: each burning entity's own runway first (its cash is its own),
 * then the scope's pooled figure. */
static void put_entity_runways(const report_context *c, strbuf *out)
{
    if (c->entity_count < 2)
        return;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_runway r;
        if (!report_entity_burning(c, e, &r))
            continue;
        if (r.has_cash)
            strbuf_printf(out, "- %s burns %s/month: its %s cash lasts **%s**.\n", e->title,
                          report_dollars_text(c, r.net_burn), report_cents_text(c, r.cash),
                          report_runway_months_text(c, r.months));
        else {
            strbuf_printf(out,
                          "- %s burns %s/month and states no cash: add `Cash: $amount` under "
                          "`## Assets` of %s.\n",
                          e->title, report_dollars_text(c, r.net_burn), e->path);
            report_note_asked(c, e, SECTION_ASSETS, "Cash: $amount"); /* its one ask (R9) */
        }
    }
}

/* "Driftwood Café's and Tidebox Snack Club's": the possessives of the
 * entities on one side (burning or not, with cash stated when `with_cash`),
 * NULL when there is none. */
static const char *pooled_names(const report_context *c, bool burning, bool with_cash)
{
    strbuf names = STRBUF_INIT;
    size_t count = 0, shown = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->entity_count; i++) {
            const entity *e = c->entities[i];
            report_runway r;
            report_entity_runway(c, e, &r);
            if ((r.net_burn > 0) != burning || (with_cash && !r.has_cash))
                continue;
            if (pass == 0) {
                count++;
                continue;
            }
            strbuf_printf(&names, "%s%s",
                          shown == 0 ? "" : shown + 1 == count ? " and " : ", ",
                          report_possessive(c, e->title));
            shown++;
        }
    const char *done = count ? arena_strdup(c->arena, strbuf_cstr(&names)) : NULL;
    strbuf_free(&names);
    return done;
}

/* " — but only if X's cash may pay Y's costs" (handoff-format.md, rule 6,
 * eyes-final G8): pooling holds only if cash moves between businesses. */
static const char *pooled_clause(const report_context *c)
{
    const char *payers = pooled_names(c, false, true), *payees = pooled_names(c, true, false);
    if (payers && payees)
        return report_format(c, " \u2014 but only if %s cash may pay %s costs", payers, payees);
    return " \u2014 but only if one business's cash may pay another's costs";
}

/* " (Quarry Bookkeeping states none)": the businesses in scope left out of
 * the pooled cash because they state none, so the sum's gap is said
 * (docs/reports.md, CFO; eyes-final11 Y8). Each is asked once: a burning
 * one was asked on its runway line (report_note_asked), so Data quality's
 * line (report_note_missing) skips it. "" when every business states cash. */
static const char *pooled_without_cash(const report_context *c)
{
    strbuf names = STRBUF_INIT;
    size_t count = 0, total = 0;
    int64_t part;
    for (size_t i = 0; i < c->entity_count; i++)
        total += !report_entity_cash(c->entities[i], &part);
    for (size_t i = 0; i < c->entity_count; i++) {
        if (report_entity_cash(c->entities[i], &part))
            continue;
        /* "A, B and C" */
        strbuf_printf(&names, "%s%s", !count ? "" : ++count == total ? " and " : ", ",
                      c->entities[i]->title);
        count += count == 0;
        report_note_missing(c, c->entities[i], SECTION_ASSETS, "Cash: $amount");
    }
    const char *text =
        count ? report_format(c, " (%s state%s none)", strbuf_cstr(&names), count > 1 ? "" : "s")
              : "";
    strbuf_free(&names);
    return text;
}

static void put_runway(const report_context *c, int64_t surplus, strbuf *out)
{
    int64_t cash = 0;
    bool known = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        int64_t part;
        if (report_entity_cash(c->entities[i], &part))
            cash += part, known = true;
    }
    put_entity_runways(c, out);
    bool pooled = c->entity_count > 1;
    const char *runway = pooled ? "Runway, pooled" : "Runway";
    const char *clause = pooled ? pooled_clause(c) : "";
    const char *without = pooled && known ? pooled_without_cash(c) : "";
    if (!known)
        strbuf_printf(out, "- Runway unknown: %s.\n",
                      report_ask_scope(c, "add `Cash: $amount` under `## Assets` of"));
    else if (surplus >= 0)
        strbuf_printf(out, "- %s: cash %s%s, not being drawn down%s.\n", runway,
                      report_cents_text(c, cash), without, clause);
    else
        strbuf_printf(out,
                      "- %s: %s cash%s ÷ %s net burn = **%s**%s; stop new spending below 6 "
                      "months.\n",
                      runway, report_cents_text(c, cash), without,
                      report_dollars_text(c, -surplus),
                      report_runway_months_text(c, cash / -surplus), clause);
}

int64_t report_scope_surplus_target(const report_context *c, int64_t *inside)
{
    guardrail_figures g = guardrail_figures_of(c);
    if (inside)
        *inside = g.inside;
    return g.margin;
}

int64_t report_scope_room(const report_context *c)
{
    return guardrail_figures_of(c).room;
}

int64_t report_scope_room_after(const report_context *c, int64_t surplus_change)
{
    guardrail_figures g = guardrail_figures_of(c);
    int64_t room = g.surplus + whole_dollars(surplus_change) - g.margin;
    return room > 0 ? room : 0;
}

/* The per-unit entity with the lowest price floor, false when none. */
static bool lowest_floor(const report_context *c, price_floor *lowest, const entity **owner)
{
    bool found = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        price_floor f;
        if (price_floor_of(c, c->entities[i], &f) && (!found || f.floor < lowest->floor)) {
            *lowest = f;
            *owner = c->entities[i];
            found = true;
        }
    }
    return found;
}

/* The per-unit entity selling furthest under its floor, by the money it
 * loses a month ((floor − price) × units); false when every price clears. */
static bool broken_floor(const report_context *c, price_floor *worst, const entity **owner)
{
    int64_t worst_loss = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        price_floor f;
        if (!price_floor_of(c, c->entities[i], &f) || f.floor <= f.u.price)
            continue;
        int64_t loss = report_muldiv(f.floor - f.u.price, f.u.volume_scaled, MODEL_SCALE);
        if (loss > worst_loss) {
            *worst = f;
            *owner = c->entities[i];
            worst_loss = loss;
        }
    }
    return worst_loss > 0;
}

enum { SHORT_RUNWAY_MONTHS = 6 }; /* the CEO's and Audit's stop-new-spending line */

/* "; Sandpiper Beach Rentals sells a rental at $25, $29.75 under its
 * $54.75 floor, and its $5,000 cash lasts 4 months (...): ..." (reports.md,
 * CFO headline, eyes-final G6). */
static void put_broken_floor(const report_context *c, const entity *e, const price_floor *f,
                             strbuf *out)
{
    bool volume = volume_closes_floor(f); /* more units, not a price, close it (H4) */
    if (volume)
        /* no floor in brackets: at today's volume it read as a price to
         * charge; the guardrails hold it (eyes-final16 T4) */
        strbuf_printf(out, "; %s sells %s a month at %s, %lld short of the %lld that cover its "
                           "costs at that price",
                      e->title, report_unit_count(c, f->u.unit, f->u.volume_scaled),
                      report_cents_text(c, f->u.price),
                      (long long)(f->u.break_even_units - f->u.volume_scaled / MODEL_SCALE),
                      (long long)f->u.break_even_units);
    else
        strbuf_printf(out, "; %s sells %s %s at %s, %s under its %s floor", e->title,
                      english_article(f->u.unit), f->u.unit, report_cents_text(c, f->u.price),
                      report_cents_text(c, f->floor - f->u.price), report_cents_text(c, f->floor));
    report_runway r;
    report_entity_runway(c, e, &r);
    if (r.has_cash && r.net_burn > 0)
        strbuf_printf(out, ", and its %s cash lasts %s", report_cents_text(c, r.cash),
                      report_runway_months_text(c, r.months));
    report_season season;
    if (report_entity_off_season(c, e, &season))
        /* the date the CEO's agenda gives its shortfall: one date per
         * action (docs/reports.md, CFO headline; eyes-final18, I4) */
        strbuf_printf(out, "; it is %s: decide how to fund the off-season%s",
                      report_season_text(c, &season),
                      r.net_burn > 0 && e->has_section[SECTION_EXPENSES]
                          ? report_format(c, " by %s",
                                          report_due_date_text(c, REPORT_DUE_SHORTFALL_DAYS))
                          : "");
    else
        strbuf_puts(out, volume ? ": sell more or fund it" : ": raise the price, sell more or fund it");
}

/* "; Lumen Analytics' cash lasts 2 months (...) at $3,819/month": the
 * shortest runway under SHORT_RUNWAY_MONTHS; nothing when none is. */
static bool put_short_runway(const report_context *c, strbuf *out)
{
    const entity *shortest = NULL;
    report_runway best = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        report_runway r;
        report_entity_runway(c, c->entities[i], &r);
        if (r.has_cash && r.net_burn > 0 && r.months < SHORT_RUNWAY_MONTHS &&
            (!shortest || r.months < best.months))
            shortest = c->entities[i], best = r;
    }
    if (shortest)
        strbuf_printf(out, "; %s cash lasts %s at %s/month",
                      report_possessive(c, shortest->title),
                      report_runway_months_text(c, best.months),
                      report_dollars_text(c, best.net_burn));
    return shortest != NULL;
}

/* The entity in scope burning most (its net burn in `burn`), NULL when
 * none burns. */
static const entity *largest_burn(const report_context *c, int64_t *burn)
{
    const entity *worst = NULL;
    *burn = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_runway r;
        report_entity_runway(c, c->entities[i], &r);
        if (r.net_burn > *burn)
            worst = c->entities[i], *burn = r.net_burn;
    }
    return worst;
}

/* "; the room is pooled: TallyHQ burns $1,762/month, so it holds only if
 * Fieldnote Advisory's cash may pay its costs": a surplus with an entity
 * burning inside it (reports.md, CFO headline; eyes-final2 K9). False when
 * no entity burns. */
static bool put_pooled_burn(const report_context *c, strbuf *out)
{
    int64_t worst_burn;
    const entity *worst = largest_burn(c, &worst_burn);
    if (!worst || c->entity_count < 2)
        return false;
    const char *payers = pooled_names(c, false, true);
    strbuf_printf(out, "; the room is pooled: %s burns %s/month, so it holds only if %s cash may "
                       "pay its costs",
                  worst->title, report_dollars_text(c, worst_burn),
                  payers ? payers : "another business's");
    return true;
}

/* "JADA burns $2,800/month: +4 charters/month closes it", or its largest
 * cost when it sells no units: the entity burning most, and its lever. */
static void put_burn_lever(const report_context *c, strbuf *out)
{
    const entity *worst = NULL;
    int64_t worst_burn = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t burn = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        if (burn > worst_burn)
            worst = e, worst_burn = burn;
    }
    if (!worst)
        return;
    strbuf_printf(out, ": %s burns %s/month", worst->title, report_dollars_text(c, worst_burn));
    report_runway r;
    report_entity_runway(c, worst, &r);
    if (r.has_cash)
        strbuf_printf(out, " and its cash lasts %s", report_runway_months_text(c, r.months));
    report_unit_economics u;
    if (report_unit_economics_of(c, worst, &u) && u.reachable && report_churn_kpi(worst)) {
        strbuf_printf(out, "; to close it, %s", /* a stock, not sales (check17 A4) */
                      report_units_to_add_text(c, worst, &u,
                                               report_ceil_div(worst_burn, u.margin)));
        return;
    }
    if (report_unit_economics_of(c, worst, &u) && u.reachable) {
        strbuf_printf(out, ", +%s/month closes it",
                      report_unit_count(c, u.unit,
                                        report_ceil_div(worst_burn, u.margin) * MODEL_SCALE));
        return;
    }
    report_amount largest_monthly = {0};
    const item *largest = report_entity_largest_cost(c, worst, &largest_monthly);
    if (largest)
        strbuf_printf(out, "; its largest cost is %s (%s/month)", largest->label,
                      report_dollars_text(c, largest_monthly.mid));
}

/* How the guardrails read a `## Risks` item (handoff-format.md, "CEO
 * shortfalls" and "Risk cost"; eyes-final8 V1): priced at its cost, or
 * asked -- a burning off-season business's revenue gap is today's loss,
 * and a lost revenue over the revenue it can come from is no cost. */
typedef enum { RISK_PRICED, RISK_TODAYS_GAP, RISK_OVER_REVENUE } surplus_risk_kind;

/* A `## Risks` item with a monthly amount that would turn its entity's
 * surplus into a burn, or deepen the burn it has (`surplus` < 0); or one
 * the guardrails ask about instead (kind). */
typedef struct {
    const entity *entity;
    const item *risk;
    int64_t monthly; /* the amount as written */
    int64_t cost;    /* what it would take each month (report_risk_cost), 0 when asked */
    int64_t surplus; /* the entity's today, negative when it burns */
    surplus_risk_kind kind;
    const char *said; /* "$450/month", or where a priced risk's figure comes from (fixR U2) */
} surplus_risk;

/* How the guardrails read `risk` of `e`, whose runway is `r`. */
static surplus_risk_kind surplus_risk_kind_of(const report_context *c, const entity *e,
                                              const item *risk, int64_t monthly,
                                              const report_runway *r)
{
    report_season season;
    if (r->net_burn > 0 && report_risk_is_revenue_gap(risk) &&
        report_entity_off_season(c, e, &season))
        return RISK_TODAYS_GAP;
    if (report_risk_over_revenue(c, e, risk, monthly, NULL, NULL))
        return RISK_OVER_REVENUE;
    return RISK_PRICED;
}

static int surplus_risk_order(const void *a, const void *b)
{
    const surplus_risk *x = a, *y = b;
    return x->cost != y->cost ? (x->cost > y->cost ? -1 : 1)
                                    : (x->risk->line > y->risk->line) - (x->risk->line < y->risk->line);
}

/* The `## Risks` items whose cost (handoff-format.md, "Risk cost") is
 * larger than their own entity's surplus, a burning entity's among them
 * (check20 A3), largest cost first (docs/reports.md, CFO):
 * the guardrails name them, the headline's decision the largest that
 * turns a surplus into a burn. */
static size_t collect_risks_over_surplus(const report_context *c, surplus_risk **out)
{
    surplus_risk *risks = NULL;
    size_t count = 0, capacity = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_runway r;
        report_entity_runway(c, e, &r);
        const section *s = &e->sections[SECTION_RISKS];
        for (size_t j = 0; j < s->item_count && e->has_section[SECTION_EXPENSES]; j++) {
            report_amount monthly;
            const char *priced = NULL;
            /* written or priced from the line it names (fixR U2) */
            if (!report_risk_monthly(c, e, &s->items[j], &monthly, &priced) || monthly.mid <= 0)
                continue;
            surplus_risk_kind kind = surplus_risk_kind_of(c, e, &s->items[j], monthly.mid, &r);
            int64_t cost = kind == RISK_PRICED ? report_risk_cost(c, e, &s->items[j], monthly.mid) : 0;
            if (kind == RISK_PRICED && (cost <= 0 || cost <= -r.net_burn))
                continue;
            surplus_risk *sr = arena_push(c->arena, (void **)&risks, &count, &capacity,
                                          sizeof *risks);
            *sr = (surplus_risk){e, &s->items[j], monthly.mid, cost, -r.net_burn, kind,
                                 priced ? priced
                                        : report_format(c, "%s/month",
                                                        report_dollars_text(c, monthly.mid))};
        }
    }
    if (count > 1)
        qsort(risks, count, sizeof *risks, surplus_risk_order);
    *out = risks;
    return count;
}

/* Whether a $1 cut of some per-unit entity's price fits in `room`: each
 * $1 off uses its units per month of it (rule 6). */
/* What $1 off each unit of `f` costs a month, in cents: $1 × units less
 * the percents of the price it no longer pays (rule 4; eyes-final18 W11:
 * 40 workshops × $1 × (1 − 2.9%) = $38.84), rounded up to the dollar, a
 * cost said whole, so "more than the room" holds as printed. */
static int64_t cut_cost_per_dollar(const price_floor *f)
{
    int64_t cents = report_muldiv(report_muldiv(100, f->u.volume_scaled, MODEL_SCALE),
                                  REPORT_PERCENT_ONE - f->u.price_share, REPORT_PERCENT_ONE);
    return report_ceil_div(cents, 100) * 100;
}

static bool price_cut_fits(const report_context *c, int64_t room)
{
    bool any = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        price_floor f;
        if (!price_floor_of(c, c->entities[i], &f))
            continue;
        any = true;
        if (cut_cost_per_dollar(&f) <= room)
            return true;
    }
    return !any;
}

/* The business in scope owed more overdue money than a month of its own
 * revenue, with some of it over 90 days, the most overdue first; false
 * when none is (docs/reports.md, CFO headline, "Money to collect comes
 * first"; eyes-final4 P9). `owed` gets its list. */
static bool overdue_to_collect(const report_context *c, const entity **who,
                               report_owed_list *owed)
{
    int64_t most = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_owed_list l = {0};
        report_owed_collect_for_scope(c, c->entities[i], &l);
        int64_t overdue = l.by_state[OWED_OVERDUE].mid;
        int64_t over_90 = l.by_age[AGE_OVER_90].mid - report_owed_unbilled_over_90(&l);
        if (over_90 > 0 && overdue > report_entity_revenue(c, c->entities[i]).mid &&
            overdue > most)
            *who = c->entities[i], *owed = l, most = overdue;
    }
    return most > 0;
}

static int owed_oldest_first(const void *a, const void *b)
{
    const report_owed *x = *(const report_owed *const *)a, *y = *(const report_owed *const *)b;
    return (x->age_days < y->age_days) - (x->age_days > y->age_days);
}

/* Items of `owed` over 90 days, billed, oldest first: the ones marked
 * overdue (`unmarked` false), part of the overdue total, or the ones not
 * marked, which are not (rule 2). Returns their count; `sum` their total. */
static size_t owed_over_90(const report_context *c, const report_owed_list *owed, bool unmarked,
                           const report_owed ***items, int64_t *sum)
{
    const report_owed **old = arena_alloc(c->arena, (owed->count + 1) * sizeof *old);
    size_t n = 0;
    *sum = 0;
    for (size_t i = 0; i < owed->count; i++)
        if (owed->items[i].bucket == AGE_OVER_90 && owed->items[i].state != OWED_UNBILLED &&
            report_owed_unmarked(&owed->items[i]) == unmarked)
            old[n++] = &owed->items[i], *sum += owed->items[i].amount.mid;
    qsort(old, n, sizeof *old, owed_oldest_first);
    *items = old;
    return n;
}

/* " and invoice its $8,800 of unbilled work (Blue Door Bakery: Q3 retainer
 * $6,000 at 61 days; Lantern Noodle Bar: Menu costing $2,800)," : the work
 * the business has done and not billed, which the CEO and Accounting list
 * beside its overdue (reports.md, CFO headline, "Money to collect comes
 * first"; eyes-final16 T7); nothing when it has none. `after_ask` when the
 * sentence already ends "is paid,". */
static void put_unbilled_to_invoice(const report_context *c, const report_owed_list *owed,
                                    bool after_ask, strbuf *out)
{
    if (owed->by_state[OWED_UNBILLED].mid <= 0)
        return;
    strbuf_printf(out, " and invoice its %s of unbilled work (",
                  report_cents_text(c, owed->by_state[OWED_UNBILLED].mid));
    const report_owed **items = arena_alloc(c->arena, (owed->count + 1) * sizeof *items);
    size_t n = 0;
    for (size_t i = 0; i < owed->count; i++)
        if (owed->items[i].state == OWED_UNBILLED)
            items[n++] = &owed->items[i];
    qsort(items, n, sizeof *items, owed_oldest_first); /* the oldest first, as the overdue */
    for (size_t i = 0; i < n; i++) {
        strbuf_printf(out, "%s%s %s", i ? "; " : "", report_owed_label(c, items[i]),
                      report_cents_text(c, items[i]->amount.mid));
        if (items[i]->bucket != AGE_UNDATED && items[i]->age_days > 0)
            strbuf_printf(out, " at %lld days", (long long)items[i]->age_days);
    }
    strbuf_puts(out, after_ask ? ")," : ")");
}

/* "Decision: collect Fieldnote Advisory's $11,900 overdue ($5,400 of it
 * over 90 days: Lantern Noodle Bar: Invoice F-085 $3,200 at 139 days, ...)
 * and ask whether Lantern Noodle Bar: Invoice F-090 $3,200, sent 91 days
 * ago and not marked overdue, is paid, before adding costs; the group has
 * $12,953/month of room ..., after TallyHQ's $1,762/month loss": the part
 * in brackets is of the overdue total only (eyes-final9 W1). */
static bool put_collect_first(const report_context *c, const guardrail_figures *g, strbuf *out)
{
    const entity *who = NULL;
    report_owed_list owed = {0};
    if (!overdue_to_collect(c, &who, &owed))
        return false;
    const report_owed **marked, **unmarked;
    int64_t marked_sum, unmarked_sum;
    size_t n = owed_over_90(c, &owed, false, &marked, &marked_sum);
    size_t m = owed_over_90(c, &owed, true, &unmarked, &unmarked_sum);
    strbuf_printf(out, "- Decision: collect %s %s overdue", report_possessive(c, who->title),
                  report_cents_text(c, owed.by_state[OWED_OVERDUE].mid));
    if (n) {
        strbuf_printf(out, " (%s of it over 90 days: ", report_cents_text(c, marked_sum));
        for (size_t i = 0; i < n; i++)
            strbuf_printf(out, "%s%s %s at %lld days", i ? ", " : "",
                          report_owed_label(c, marked[i]),
                          report_cents_text(c, marked[i]->amount.mid),
                          (long long)marked[i]->age_days);
        strbuf_puts(out, ")");
    }
    for (size_t i = 0; i < m; i++)
        strbuf_printf(out, "%s%s %s, sent %lld days ago and not marked overdue%s",
                      i ? "; " : " and ask whether ", report_owed_label(c, unmarked[i]),
                      report_cents_text(c, unmarked[i]->amount.mid),
                      (long long)unmarked[i]->age_days, i + 1 == m ? ", is paid," : "");
    put_unbilled_to_invoice(c, &owed, m > 0, out);
    strbuf_puts(out, " before adding costs");
    if (g->room > 0) {
        strbuf_printf(out, "; the %s has %s/month of room above the %s/month surplus target",
                      c->entity_count > 1 ? "group" : "business", report_dollars_text(c, g->room),
                      report_dollars_text(c, g->margin));
        int64_t worst_burn;
        const entity *worst = largest_burn(c, &worst_burn);
        if (worst)
            /* the room has its loss taken off already (W14) */
            strbuf_printf(out, ", after %s %s", report_possessive(c, worst->title),
                          report_loss_text(c, worst, worst_burn, REPORT_LOSS_NOUN));
    } else
        strbuf_printf(out, "; no new fixed cost: the surplus %s/month is below the %s/month "
                           "surplus target",
                      report_dollars_text(c, g->surplus), report_dollars_text(c, g->margin));
    strbuf_puts(out, ".\n\n");
    return true;
}

/* "Decision: close ShiftCal's $3,472/month burn before adding costs: its
 * largest cost is ..., and its $65,000 cash lasts 18 months (...); the group
 * has $15,834/month of room above the surplus target, but the room is pooled: it
 * holds only if ...'s cash may pay ShiftCal's costs": a business burning inside a scope with room, when no price is under its
 * floor (docs/reports.md, CFO headline; eyes-final4 P9). */
static bool put_close_first(const report_context *c, const guardrail_figures *g, strbuf *out)
{
    int64_t burn;
    const entity *worst = largest_burn(c, &burn);
    price_floor f;
    const entity *floor_owner;
    if (g->room <= 0 || !worst || c->entity_count < 2 || broken_floor(c, &f, &floor_owner))
        return false;
    strbuf_printf(out, "- Decision: close %s %s/month burn before adding costs: ",
                  report_possessive(c, worst->title), report_dollars_text(c, burn));
    report_unit_economics u;
    report_amount largest_monthly = {0};
    const item *largest;
    if (report_unit_economics_of(c, worst, &u) && u.has_price && u.reachable)
        strbuf_printf(out, "+%s/month closes it",
                      report_unit_count(c, u.unit, report_ceil_div(burn, u.margin) * MODEL_SCALE));
    else if ((largest = report_entity_largest_cost(c, worst, &largest_monthly)))
        strbuf_printf(out, "its largest cost is %s, %s/month", largest->label,
                      report_dollars_text(c, largest_monthly.mid));
    report_runway r;
    report_entity_runway(c, worst, &r);
    if (r.has_cash)
        strbuf_printf(out, ", and its %s cash lasts %s", report_cents_text(c, r.cash),
                      report_runway_months_text(c, r.months));
    const char *payers = pooled_names(c, false, true);
    strbuf_printf(out, "; the group has %s/month of room above the %s/month surplus target, "
                       "but the room is pooled: it holds only if %s cash may pay %s costs.\n\n",
                  report_dollars_text(c, g->room), report_dollars_text(c, g->margin),
                  payers ? payers : "another business's", report_possessive(c, worst->title));
    return true;
}

/* "<lead>+4 nights/month closes its burn": the units that close `e`'s
 * burn; its floor is the guardrails' (eyes-final6a T3); nothing when it
 * sells no priced unit. */
static void put_units_closing_burn(const report_context *c, const entity *e, int64_t net_burn,
                                   const char *lead, strbuf *out)
{
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_price || !u.reachable)
        return;
    strbuf_printf(out, "%s+%s/month closes its burn", lead,
                  report_unit_count(c, u.unit, report_ceil_div(net_burn, u.margin) * MODEL_SCALE));
}

/* "; break-even is 29 nights a month; it sells 24 in the off-season (until
 * May)": an off-season business's break-even against what it sells now, in
 * the CMO's words, never "+5 nights in season", which read as the season's
 * target (reports.md, CFO headline; eyes-final16 T9); nothing when it sells
 * no priced unit or states no volume. */
static void put_season_break_even(const report_context *c, const entity *e,
                                  const report_season *season, strbuf *out)
{
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_price || !u.has_volume || !u.reachable)
        return;
    strbuf_printf(out, "; break-even is %s a month; it sells %s in the off-season%s",
                  report_unit_count(c, u.unit, u.break_even_units * MODEL_SCALE),
                  report_scaled_text(c, u.volume_scaled),
                  season->month_name ? report_format(c, " (until %s)", season->month_name) : "");
}

/* The off-season business whose cash runs out before its season opens,
 * the shortest runway first; NULL when none (reports.md, CFO headline,
 * check17 E1). */
static const entity *unfunded_season(const report_context *c, report_runway *runway,
                                     report_season *season)
{
    const entity *pick = NULL;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_runway r;
        report_season s;
        report_entity_runway(c, c->entities[i], &r);
        if (!r.has_cash || r.net_burn <= 0 || !report_entity_off_season(c, c->entities[i], &s) ||
            !s.month || r.months >= s.until_months)
            continue;
        if (!pick || r.months < runway->months)
            pick = c->entities[i], *runway = r, *season = s;
    }
    return pick;
}

/* "Decision: fund Pinecrest Lake Lodge: it needs about $540 more to reach
 * May (...); its $2,500 cash lasts 4 months (...); no new fixed costs until
 * then; in season (off-season until May), +4 nights/month closes its burn":
 * before any other decision, one decision (reports.md, CFO headline;
 * check17 E1, D3; eyes-final5b R6). */
static bool put_fund_season_first(const report_context *c, strbuf *out)
{
    report_runway r;
    report_season season = {0};
    const entity *e = unfunded_season(c, &r, &season);
    if (!e)
        return false;
    const char *funding = report_season_funding_text(c, e);
    /* its own blast reaches the need: the CEO's and the CMO's one story (U11) */
    const char *blast = report_blast_funding_step_text(c, e, false);
    if (funding && blast)
        strbuf_printf(out, "- Decision: %s %s: %s; its %s cash lasts %s; no new fixed costs at "
                           "%s until then",
                      e->title, funding + strlen("it "), /* "needs about $540 …" */
                      blast, report_cents_text(c, r.cash),
                      report_runway_months_text(c, r.months), e->title);
    else if (funding) /* dated as the CEO's decision: one date per action (eyes-final18) */
        strbuf_printf(out, "- Decision: fund %s by %s: %s; its %s cash lasts %s; no new fixed "
                           "costs at %s until then",
                      e->title, report_due_date_text(c, REPORT_DUE_SHORTFALL_DAYS), funding,
                      report_cents_text(c, r.cash),
                      report_runway_months_text(c, r.months), e->title);
    else
        strbuf_printf(out, "- Decision: no new fixed costs until %s is funded to %s: its %s cash "
                           "lasts %s at %s/month",
                      e->title, season.month_name, report_cents_text(c, r.cash),
                      report_runway_months_text(c, r.months), report_dollars_text(c, r.net_burn));
    put_season_break_even(c, e, &season, out);
    strbuf_puts(out, ".\n\n"); /* the room and another business's floor are the body's (R6) */
    return true;
}

/* The burning business whose stated cash lasts under 3 months
 * (report_cash_runs_short: funding it is the CFO's one decision, before any
 * floor; docs/reports.md, CFO headline; check20 E1), the shortest first;
 * NULL when none. */
static const entity *cash_running_out(const report_context *c, report_runway *runway)
{
    const entity *pick = NULL;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_runway r;
        report_entity_runway(c, c->entities[i], &r);
        if (report_cash_runs_short(&r) &&
            (!pick || r.months < runway->months))
            pick = c->entities[i], *runway = r;
    }
    return pick;
}

/* "Decision: fund Brightnote Music School or cut its costs this month: its
 * $700 cash lasts 2 months (...) at $300/month; no new fixed costs until
 * then; +14 lessons/month closes its burn (its $47.50 floor at today's 120
 * lessons, against $45)": one decision, the room and other floors left to
 * the body (reports.md, CFO headline; check20 E1). */
static bool put_cash_out_first(const report_context *c, strbuf *out)
{
    report_runway r;
    const entity *e = cash_running_out(c, &r);
    if (!e)
        return false;
    /* its own blast reaches the need: the CEO's and the CMO's one story (U11) */
    const char *blast = report_blast_funding_step_text(c, e, true);
    strbuf_printf(out, "- Decision: %s: its %s cash lasts %s at %s/month; no new fixed costs at %s "
                       "until then",
                  blast ? report_format(c, "%s: %s", e->title, blast)
                        : report_format(c, "fund %s or cut its costs this month", e->title),
                  report_cents_text(c, r.cash), report_runway_months_text(c, r.months),
                  report_dollars_text(c, r.net_burn), e->title);
    put_units_closing_burn(c, e, r.net_burn, "; ", out);
    strbuf_puts(out, ".\n\n");
    return true;
}

/* "Decision: no new fixed cost; JADA needs 4 more charters a month to
 * break even (3 close the group's $1,793 burn); its $24,000 cash lasts 8
 * months (...)": a burn that one business's units close, said as its
 * break-even, the group's in brackets (docs/reports.md, CFO headline;
 * eyes-final6a T9); false when no one business's sales close it. */
static bool put_break_even_lever(const report_context *c, strbuf *out)
{
    report_unit_lever lever;
    if (!report_units_to_close(c, &lever) || !lever.u.reachable || report_churn_kpi(lever.entity))
        return false;
    const char *unit = lever.u.unit;
    strbuf_printf(out, "- Decision: no new fixed cost; %s needs %lld more %s a month to break even",
                  lever.entity->title, (long long)lever.own_units,
                  lever.own_units == 1 ? unit : report_unit_plural(c, unit, false));
    if (c->entity_count > 1)
        strbuf_printf(out, " (%lld close %s %s burn)", (long long)lever.scope_units,
                      report_possessive(c, scope_subject(c)),
                      report_dollars_text(c, lever.scope_burn));
    report_runway r;
    report_entity_runway(c, lever.entity, &r);
    if (r.has_cash)
        strbuf_printf(out, "; its %s cash lasts %s", report_cents_text(c, r.cash),
                      report_runway_months_text(c, r.months));
    strbuf_puts(out, ".\n\n");
    return true;
}

/* Whether the business whose cash runs out first is the one story's (its
 * blast reaches its loss): its decision then comes first whatever the
 * scope's result (docs/reports.md, CFO headline; fixS 3). */
static bool cash_out_has_blast(const report_context *c)
{
    report_runway r;
    const entity *e = cash_running_out(c, &r);
    return e && report_blast_funding_step_text(c, e, true);
}

static void put_headline_decision(const report_context *c, const guardrail_figures *g,
                                  strbuf *out)
{
    if (put_fund_season_first(c, out))
        return;
    if (cash_out_has_blast(c) && put_cash_out_first(c, out))
        return;
    if (g->surplus >= 0 && (put_cash_out_first(c, out) || put_collect_first(c, g, out) ||
                            put_close_first(c, g, out)))
        return;
    if (g->surplus < 0 && put_break_even_lever(c, out))
        return;
    if (g->surplus < 0) {
        strbuf_printf(out, "- Decision: no new fixed cost; close the %s/month net burn",
                      report_dollars_text(c, -g->surplus));
        put_burn_lever(c, out);
        strbuf_puts(out, ".\n\n");
        return;
    }
    bool cuts = g->room > 0 && price_cut_fits(c, g->room);
    if (g->room <= 0)
        strbuf_printf(out, "- Decision: no new fixed cost or price cut: the surplus %s/month is "
                           "below the %s/month surplus target",
                      report_dollars_text(c, g->surplus), report_dollars_text(c, g->margin));
    else
        strbuf_printf(out, "- Decision: up to %s/month of new fixed costs%s, keeping the %s/month "
                           "surplus target",
                      report_dollars_text(c, g->room),
                      cuts ? " or price cuts" : " (no $1 price cut fits)",
                      report_dollars_text(c, g->margin));
    /* a floor only where it binds (docs/reports.md, CFO headline, G6) */
    price_floor f = {0};
    const entity *owner = NULL;
    if (broken_floor(c, &f, &owner))
        put_broken_floor(c, owner, &f, out);
    else if (put_short_runway(c, out) || put_pooled_burn(c, out))
        ; /* a burn inside the surplus comes before any floor (K9) */
    else if (cuts && lowest_floor(c, &f, &owner))
        strbuf_printf(out, "; no %s below %s (%s)", f.u.unit, report_cents_text(c, f.floor),
                      owner->title);
    surplus_risk *risks;
    size_t risk_count = collect_risks_over_surplus(c, &risks);
    size_t at = 0;
    /* a burn deepened is the body's, and so is a risk it asks about (V1) */
    while (at < risk_count && (risks[at].surplus < 0 || risks[at].kind != RISK_PRICED))
        at++;
    if (at < risk_count)
        strbuf_printf(out, "; %s %s (%s%s) would turn its %s/month surplus into a %s/month "
                           "burn",
                      report_possessive(c, risks[at].entity->title), risks[at].risk->label,
                      risks[at].said,
                      risks[at].cost == risks[at].monthly
                          ? ""
                          : report_format(c, ", %s at today's margin",
                                          report_dollars_text(c, risks[at].cost)),
                      report_dollars_text(c, risks[at].surplus),
                      report_dollars_text(c, risks[at].cost - risks[at].surplus));
    strbuf_puts(out, ".\n\n");
}

/* Three lines first: where the money stands, what the costs are made of,
 * and the one decision the guardrails imply. */
static void put_headline(const report_context *c, strbuf *out)
{
    if (!any_expenses(c))
        return;
    guardrail_figures g = guardrail_figures_of(c);
    report_amount split[COST_KIND_COUNT] = {{0}};
    cost_line *lines;
    size_t count = collect_costs(c, &lines, split);
    const cost_line *top = count ? &lines[0] : NULL;
    strbuf_puts(out, "## Headline\n\n");
    strbuf_printf(out, "- Revenue %s against gross burn %s/month: %s **%s/month**%s.\n",
                  report_revenue_cash_text(c, g.revenue), report_dollars_text(c, g.gross),
                  g.surplus < 0 ? "net burn" : "surplus",
                  report_dollars_text(c, g.surplus < 0 ? -g.surplus : g.surplus),
                  report_group_fees_text(c));
    strbuf_printf(out, "- Costs: fixed %s/month (%s), variable %s/month (%s)",
                  report_dollars_text(c, split[COST_FIXED].mid),
                  share_text(c, split[COST_FIXED].mid, g.gross),
                  report_dollars_text(c, split[COST_VARIABLE].mid),
                  share_text(c, split[COST_VARIABLE].mid, g.gross));
    if (top && top->has_monthly)
        strbuf_printf(out, "; largest: %s (%s), %s/month (%s)", top->item->label,
                      top->entity->title, report_dollars_text(c, top->monthly.mid),
                      share_text(c, top->monthly.mid, g.gross));
    strbuf_puts(out, ".\n");
    put_headline_decision(c, &g, out);
}

/* "(variable $1,100 + other costs $2,150 per charter at 2 charters/month;
 * other revenue $300/month counted)": the floor's parts. */
static void put_floor_parts(const report_context *c, const price_floor *f, bool at_volume,
                            strbuf *out)
{
    strbuf_putc(out, '(');
    /* a percent of the price is paid at the floor's price, not today's
     * (rule 6; eyes-final8 V7): its rate divides, its cents never add */
    int64_t variable = f->u.variable.mid - f->u.price_share_cost;
    if (f->fixed_per_unit > 0)
        strbuf_printf(out, "variable %s + other costs %s per %s%s",
                      report_cents_text(c, variable),
                      report_cents_text(c, f->fixed_per_unit), f->u.unit,
                      at_volume ? report_format(c, " at %s/month",
                                                report_unit_count(c, f->u.unit, f->u.volume_scaled))
                                : "");
    else if (f->u.price_share)
        strbuf_printf(out, "variable %s", report_cents_text(c, variable));
    else
        strbuf_puts(out, "its variable cost");
    if (f->u.price_share)
        strbuf_printf(out, ", ÷ (1 − %s): %s of the price is paid at the floor too",
                      report_price_share_text(c, &f->u),
                      report_price_share_text(c, &f->u));
    if (f->fixed_per_unit <= 0)
        strbuf_printf(out, "%sother revenue pays every other cost",
                      f->u.price_share ? "; " : ": ");
    if (f->u.other_revenue > 0)
        strbuf_printf(out, "%sother revenue %s/month counted%s",
                      f->fixed_per_unit > 0 ? "; " : ", ",
                      report_cents_text(c, f->u.other_revenue),
                      f->other_ahead > 0 /* R5 */
                          ? ", cash received ahead of earning"
                          : "");
    /* rule 6: the floor alone is rounded up, said once (eyes-final12 Z12) */
    strbuf_puts(out, report_price_floor_rounded_up(&f->u) ? "; rounded up to the cent)" : ")");
}

/* "- JADA: price floor **$3,250 per charter** at 2 charters/month (...);
 * at $1,850 each one is $1,400 below it, but 6 charters a month at $1,850
 * cover the costs: sell more, and never sell a charter below its $1,100
 * variable cost." */
/* "its $1,100 variable cost", or with a percent of the price in it, the
 * price that pays it, rule 6's floor with no fixed cost: "$6.19, the
 * lowest price that covers its own costs ($6 + 3% of the price; at $25
 * they are $6.75)" (docs/reports.md, CFO guardrails; eyes-final8 V7, C6). */
static const char *variable_floor_text(const report_context *c, const price_floor *f)
{
    report_unit_economics alone = f->u;
    alone.fixed = (report_amount){0};
    alone.other_revenue = 0;
    int64_t floor;
    if (!f->u.price_share || !report_price_floor(&alone, &floor))
        return report_format(c, "its %s variable cost", report_cents_text(c, f->u.variable.mid));
    /* not a second "variable cost" beside the table's (eyes-final21 C6) */
    return report_format(c, "%s, the lowest price that covers its own costs (%s + %s of the "
                            "price; at %s they are %s)",
                         report_cents_text(c, floor),
                         report_cents_text(c, f->u.variable.mid - f->u.price_share_cost),
                         report_price_share_text(c, &f->u), report_cents_text(c, f->u.price),
                         report_cents_text(c, f->u.variable.mid));
}

static void put_floor_volume_closes(const report_context *c, const entity *e,
                                    const price_floor *f, strbuf *out)
{
    const char *price = report_cents_text(c, f->u.price);
    report_season season;
    bool stock = report_churn_kpi(e) != NULL; /* subscriptions held, not sold a month (Z17) */
    strbuf_printf(out, "- %s: price floor **%s per %s** at %s ", e->title,
                  report_cents_text(c, f->floor), f->u.unit,
                  stock ? report_units_held_text(c, e, f->u.unit, f->u.volume_scaled)
                        : report_format(c, "%s/month",
                                        report_unit_count(c, f->u.unit, f->u.volume_scaled)));
    put_floor_parts(c, f, false, out);
    strbuf_printf(out, "; at %s each one is %s below it, but %s at %s cover the costs%s: sell "
                       "more, and never sell %s %s below %s.\n",
                  price, report_cents_text(c, f->floor - f->u.price),
                  report_units_held_text(c, e, f->u.unit, f->u.break_even_units * MODEL_SCALE),
                  price,
                  report_entity_off_season(c, e, &season)
                      ? report_format(c, ", in season (%s)", report_season_text(c, &season))
                      : "",
                  english_article(f->u.unit), f->u.unit, variable_floor_text(c, f));
}

static void put_floor(const report_context *c, const entity *e, const price_floor *f, strbuf *out)
{
    if (volume_closes_floor(f)) {
        put_floor_volume_closes(c, e, f, out);
        return;
    }
    int64_t gap = f->u.price - f->floor;
    strbuf_printf(out, "- %s: never sell %s %s below **%s per %s** ", e->title,
                  english_article(f->u.unit), f->u.unit, report_cents_text(c, f->floor),
                  f->u.unit);
    put_floor_parts(c, f, true, out);
    strbuf_printf(out, "; at %s each one is %s %s it%s.\n", report_cents_text(c, f->u.price),
                  report_cents_text(c, gap < 0 ? -gap : gap), gap < 0 ? "below" : "above",
                  gap < 0 ? ": raise the price, it does not cover the costs of each sale" : "");
}

/* "each $1 off a box (Rolling Bowls) uses $1,150/month", one per floor a
 * price clears; the units already sold under their floor are named apart,
 * never offered a cut ("; no cut on lessons or enrolments: they sell below
 * their floors", reports.md CFO guardrails, check20 E2). */
static void put_cut_costs(const report_context *c, int64_t room, strbuf *out)
{
    const char *sep = ", shared with price cuts: each $1 off";
    strbuf under = STRBUF_INIT;
    size_t under_count = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        price_floor f;
        if (!price_floor_of(c, c->entities[i], &f))
            continue;
        if (f.floor > f.u.price) {
            strbuf_printf(&under, "%s%s", under_count++ ? " or " : "",
                          report_unit_plural(c, f.u.unit, false));
            continue;
        }
        int64_t per_dollar = cut_cost_per_dollar(&f);
        strbuf_printf(out, "%s %s %s (%s) uses %s/month%s%s", sep, english_article(f.u.unit),
                      f.u.unit, c->entities[i]->title, report_dollars_text(c, per_dollar),
                      f.u.price_share > 0
                          ? report_format(c, " (net of the %s of the price paid out)",
                                          report_price_share_text(c, &f.u))
                          : "",
                      per_dollar > room ? " (more than the room: no price cut fits)" : "");
        sep = ";";
    }
    if (under_count)
        strbuf_printf(out, "%s %s: they sell below their floor%s",
                      *sep == ';' ? "; no cut on" : "; no price cut:", strbuf_cstr(&under),
                      under_count > 1 ? "s" : "");
    strbuf_free(&under);
}

/* "Lumen Analytics burns $3,819/month (largest cost Developer contractors
 * $5,500/month)", each burning entity, largest burn first. */
static void put_burning_entities(const report_context *c, strbuf *out)
{
    const entity **order = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *order);
    int64_t *burns = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *burns);
    size_t n = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t burn = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        if (burn <= 0 || !e->has_section[SECTION_EXPENSES])
            continue;
        size_t at = n++;
        for (; at > 0 && burns[at - 1] < burn; at--)
            order[at] = order[at - 1], burns[at] = burns[at - 1];
        order[at] = e, burns[at] = burn;
    }
    for (size_t i = 0; i < n; i++) {
        strbuf_printf(out, "%s%s burns %s/month", i ? "; " : "", order[i]->title,
                      report_dollars_text(c, burns[i]));
        report_amount largest_monthly;
        const item *largest = report_entity_largest_cost(c, order[i], &largest_monthly);
        if (largest)
            strbuf_printf(out, " (largest cost %s %s/month)", largest->label,
                          report_dollars_text(c, largest_monthly.mid));
    }
}

/* What following every guardrail does (rule 6): the surplus target is
 * promised only when the surplus reaches it; a burn is never called kept. */
static void put_guardrails_effect(const report_context *c, const guardrail_figures *g,
                                  strbuf *out)
{
    if (g->surplus >= g->margin) {
        strbuf_puts(out, "\nFollowed together (new fixed costs plus price cuts within the room, "
                         "every unit at or above its floor), these keep net cash flow at or above "
                         "the surplus target.\n\n");
        return;
    }
    if (g->surplus >= 0) {
        strbuf_puts(out, "\nFollowed together, these keep the surplus from shrinking; it stays "
                         "under the surplus target until revenue grows or costs fall.\n\n");
        return;
    }
    strbuf_puts(out, "\nFollowed together these keep the net burn from growing; they do not close "
                     "it: ");
    put_burning_entities(c, out);
    strbuf_puts(out, ".\n\n");
}

/* "Lantern Noodle Bar: Invoice F-090 $3,200 at 91 days, not marked
 * overdue; $1,800 of work not yet billed": what is over 90 days outside
 * the overdue total, named apart from it, so the over-90 figure beside
 * "overdue" is never read as part of it (docs/reports.md, CFO guardrails;
 * eyes-final13 Q4, eyes-final9 W1). "" when nothing is. */
static const char *over_90_apart_text(const report_context *c, const report_owed_list *owed)
{
    const report_owed **items;
    int64_t sum;
    size_t n = owed_over_90(c, owed, true, &items, &sum);
    const char *text = "";
    for (size_t i = 0; i < n; i++)
        text = report_format(c, "%s%s%s %s at %lld days, not marked overdue", text, i ? "; " : "",
                             report_owed_label(c, items[i]),
                             report_cents_text(c, items[i]->amount.mid),
                             (long long)items[i]->age_days);
    int64_t unbilled = report_owed_unbilled_over_90(owed);
    if (unbilled > 0)
        text = report_format(c, "%s%s%s of work not yet billed", text, *text ? "; " : "",
                             report_cents_text(c, unbilled));
    return text;
}

/* The money owed to the scope (rule 2, the CEO's and Accounting's total):
 * cash, but not in the runway until it is collected. */
static void put_owed(const report_context *c, strbuf *out)
{
    report_owed_list owed = {0};
    report_receivables_collect(c, &owed);
    if (owed.total.mid <= 0)
        return;
    strbuf_printf(out, "- Owed: %s one-off", report_cents_text(c, owed.total.mid));
    const char *sep = " (";
    const report_owed **items;
    int64_t marked;
    owed_over_90(c, &owed, false, &items, &marked); /* of the overdue only (Q4) */
    if (owed.by_state[OWED_OVERDUE].mid > 0)
        strbuf_printf(out, "%soverdue %s%s", sep,
                      report_cents_text(c, owed.by_state[OWED_OVERDUE].mid),
                      marked > 0 ? report_format(c, ", %s of it over 90 days",
                                                 report_cents_text(c, marked))
                                 : ""),
            sep = "; ";
    const char *also = over_90_apart_text(c, &owed);
    if (*also)
        strbuf_printf(out, "%salso over 90 days: %s", sep, also), sep = "; ";
    int64_t ancillary = report_owed_ancillary(c, &owed); /* outside the core runway too */
    strbuf_printf(out, "%s, cash not in the runway until collected (Accounting's Receivables "
                       "lists it)",
                  *sep == ';' ? ")" : "");
    if (ancillary >= owed.total.mid)
        strbuf_puts(out, "; all of it to ancillary businesses");
    else if (ancillary > 0)
        strbuf_printf(out, "; %s of it to ancillary businesses", report_cents_text(c, ancillary));
    strbuf_puts(out, ".\n");
}

/* A risk the guardrails ask about instead of pricing (docs/reports.md, CFO
 * guardrails; eyes-final8 V1): "- Sandpiper Beach Rentals' Off-season
 * bookings gap ($2,000/month, high; …sandpiper.md:35) is today's: it is
 * off-season until April, so its $1,190/month burn already is the
 * off-season figure; the handoff's $2,000/month is more than the
 * $1,000/month its rentals bring in; ask Tom Reyes what it measures." */
static void put_asked_risk(const report_context *c, const surplus_risk *r, strbuf *out)
{
    strbuf_printf(out, "- %s %s (%s/month, %s; %s:%d) ", report_possessive(c, r->entity->title),
                  r->risk->label, report_dollars_text(c, r->monthly),
                  report_item_priority(r->risk), r->entity->path, r->risk->line);
    if (r->kind == RISK_OVER_REVENUE) {
        const char *over = report_risk_over_revenue_text(c, r->entity, r->risk, r->monthly);
        const char *ask = strstr(over, "; ask ");
        strbuf_printf(out, "is %.*s: no burn is computed from it%s.\n", (int)(ask - over), over,
                      ask);
        return;
    }
    report_season season;
    report_entity_off_season(c, r->entity, &season);
    strbuf_printf(out, "is today's: it is %s, so its %s/month burn already is the off-season "
                       "figure; the handoff's %s/month is %s.\n",
                  report_season_text(c, &season), report_dollars_text(c, -r->surplus),
                  report_dollars_text(c, r->monthly),
                  report_gap_estimate_text(c, r->entity, r->risk, r->monthly, -r->surplus));
}

/* Each `## Risks` item larger than its own entity's surplus, largest
 * first: the guardrails hold today's figures, not what the risk would do
 * to them (docs/reports.md, CFO guardrails). */
static void put_risks_over_surplus(const report_context *c, strbuf *out)
{
    surplus_risk *risks;
    size_t count = collect_risks_over_surplus(c, &risks);
    for (size_t i = 0; i < count; i++) {
        const surplus_risk *r = &risks[i];
        if (r->kind != RISK_PRICED) {
            put_asked_risk(c, r, out);
            continue;
        }
        bool burns = r->surplus < 0;
        /* a lost revenue's cost at today's margin is said before it is used */
        const char *cost = r->cost == r->monthly
                               ? ""
                               : report_format(c, " costs %s/month at today's margin%s",
                                               report_dollars_text(c, r->cost),
                                               burns ? " and" : ",");
        strbuf_printf(out, "- %s %s (%s, %s; %s:%d)%s %s its %s/month %s: if it happens it "
                           "burns %s/month.\n",
                      report_possessive(c, r->entity->title), r->risk->label, r->said,
                      report_item_priority(r->risk),
                      r->entity->path, r->risk->line, cost,
                      burns ? "would deepen" : *cost ? "more than" : "is more than",
                      report_dollars_text(c, burns ? -r->surplus : r->surplus),
                      burns ? "burn" : "surplus", report_dollars_text(c, r->cost - r->surplus));
    }
}

/* Rule 6: following every line below together keeps net cash flow at or
 * above the surplus target when the scope has that surplus. */
static void put_guardrails(const report_context *c, strbuf *out)
{
    strbuf_puts(out, "## Financial guardrails\n\n");
    if (!any_expenses(c)) {
        strbuf_puts(out, "None until expenses are stated.\n\n");
        return;
    }
    guardrail_figures g = guardrail_figures_of(c);
    /* burning, what the scope must gain to reach it: its burn + the target
     * (docs/reports.md, Financial guardrails; eyes-final8 V5) */
    /* the CFO's own benchmark, which no handoff states (eyes-final21 C12) */
    strbuf_printf(out, "- Surplus target: %s/month (10%% of revenue %s/month%s), the CFO's "
                       "benchmark, not a handoff figure%s.\n",
                  report_dollars_text(c, g.margin), report_dollars_text(c, g.base),
                  g.inside > 0 ? report_format(c, ": %s less the %s/month paid inside the group",
                                               report_dollars_text(c, g.revenue),
                                               report_dollars_text(c, g.inside))
                               : "",
                  g.surplus < 0
                      ? report_format(c, "; %s burns %s/month: %s/month short of the target",
                                      scope_subject(c), report_dollars_text(c, -g.surplus),
                                      report_dollars_text(c, g.margin - g.surplus))
                  : g.surplus < g.margin
                      ? report_format(c, "; the %s/month surplus is below it",
                                      report_dollars_text(c, g.surplus))
                      : "");
    if (g.surplus < 0)
        strbuf_printf(out,
                      "- Room for new fixed costs: **$0/month**: %s burns %s/month; no new "
                      "fixed cost or price cut until revenue grows or costs fall.\n",
                      scope_subject(c), report_dollars_text(c, -g.surplus));
    else if (g.room == 0) /* what is missing, never a subtraction below zero (R11) */
        strbuf_printf(out,
                      "- Room for new fixed costs: **$0/month**: the %s/month surplus is %s "
                      "below the %s/month surplus target.\n",
                      report_dollars_text(c, g.surplus),
                      report_dollars_text(c, g.margin - g.surplus),
                      report_dollars_text(c, g.margin));
    else {
        strbuf_printf(out,
                      "- Room for new fixed costs: **%s/month** = surplus %s − surplus "
                      "target %s",
                      report_dollars_text(c, g.room), report_dollars_text(c, g.surplus),
                      report_dollars_text(c, g.margin));
        put_cut_costs(c, g.room, out);
        strbuf_puts(out, ".\n");
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        price_floor f;
        if (price_floor_of(c, c->entities[i], &f))
            put_floor(c, c->entities[i], &f, out);
    }
    put_runway(c, g.surplus, out);
    put_owed(c, out);
    put_risks_over_surplus(c, out);
    put_guardrails_effect(c, &g, out);
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
    report_note_retainer_gaps(c); /* Data quality: one story with Accounting (W3) */
    report_ask_unbooked_group_fees(c); /* the CEO's question (eyes-final16 T7) */
    put_headline(c, out);
    report_put_gap_sentence(c, out); /* the revenue that closes it: the targets' figure */
    put_burn(c, out);
    put_cost_drivers(c, out);
    put_break_even(c, out);
    put_revenue_targets(c, out);
    put_capital_tiers(c, out);
    put_guardrails(c, out);
    if (c->is_portfolio)
        put_ancillary(c, out);
}
