/* report_figures: the DESIGN §4 formulas over the model, shared by personas.
 *
 * monthly() itself lives in the model (model_monthly_cents); here it is
 * applied to sections and scopes, with a note for the Data quality section
 * whenever a figure cannot be computed because a field is missing.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "briefing/english.h"

#include "report/report_internal.h"

bool report_item_amount(const item *it, report_amount *out)
{
    if (it->value.kind != VALUE_MONEY)
        return false;
    *out = report_amount_of(it->value.money.low_cents, it->value.money.high_cents);
    return true;
}

/* Percents count only as top-level `## Expenses` items (rule 4). */
static bool is_expense_line(const entity *e, const item *it)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++)
        if (&s->items[i] == it)
            return true;
    return false;
}

/* pct × base for the low and high percent (rule 4). */
static report_amount percent_of(int64_t base, const item *it)
{
    return report_amount_of(report_muldiv(base, it->value.scaled, REPORT_PERCENT_ONE),
                            report_muldiv(base, it->value.scaled_high, REPORT_PERCENT_ONE));
}

/* pct × base for the low and high percent; the base is a midpoint. */
static bool percent_monthly(const entity *e, const item *it, report_amount *out)
{
    int64_t base;
    const item *line;
    if (!is_expense_line(e, it) || !model_percent_base(e, it, &base, &line))
        return false;
    *out = percent_of(base, it);
    return true;
}

bool report_item_monthly(const report_context *c, const entity *e, const item *it,
                         report_amount *out)
{
    if (it->value.kind == VALUE_PERCENT)
        return percent_monthly(e, it, out);
    if (it->value.kind != VALUE_MONEY || it->value.money.period == PERIOD_NONE)
        return false;
    int64_t low, high;
    if (model_monthly_cents(e, &it->value.money, &low, &high)) {
        *out = report_amount_of(low, high);
        return true;
    }
    if (it->value.money.period == PERIOD_UNIT && it->value.money.unit) {
        const char *plural = report_unit_plural(c, it->value.money.unit, true);
        report_note_missing(c, e, SECTION_KPIS, report_format(c, "%s per month", plural));
    }
    return false;
}

typedef struct {
    const char *tag;
    report_amount sum;
} section_sum;

static void add_monthly(const report_context *c, const entity *e, const item *it, void *user)
{
    section_sum *s = user;
    report_amount monthly;
    if (s->tag && !model_item_has_tag(it, s->tag))
        return;
    if (report_item_monthly(c, e, it, &monthly))
        report_amount_add(&s->sum, &monthly);
}

report_amount report_section_monthly(const report_context *c, const entity *e, section_kind kind,
                                     const char *tag)
{
    section_sum s = {.tag = tag};
    report_each_item(c, e, kind, add_monthly, &s);
    return s.sum;
}

report_amount report_scope_monthly(const report_context *c, section_kind kind, const char *tag)
{
    report_amount sum = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        report_amount part = report_section_monthly(c, c->entities[i], kind, tag);
        report_amount_add(&sum, &part);
    }
    return sum;
}

static void visit_items(const report_context *c, const entity *e, const item *items, size_t count,
                        report_item_visitor *visit, void *user)
{
    for (size_t i = 0; i < count; i++) {
        visit(c, e, &items[i], user);
        visit_items(c, e, items[i].children, items[i].child_count, visit, user);
    }
}

void report_each_item(const report_context *c, const entity *e, section_kind kind,
                      report_item_visitor *visit, void *user)
{
    const section *s = &e->sections[kind];
    visit_items(c, e, s->items, s->item_count, visit, user);
}

static const char *const priorities[] = {"high", "medium", "low"};

int report_item_priority_rank(const item *it)
{
    for (int i = 0; i < 3; i++)
        if (model_item_has_tag(it, priorities[i]))
            return i;
    return 3;
}

const char *report_item_priority(const item *it)
{
    int rank = report_item_priority_rank(it);
    return rank < 3 ? priorities[rank] : "\u2014";
}

/* English plural of a lower-case unit: delivery -> deliveries, box -> boxes. */
const char *report_unit_plural(const report_context *c, const char *unit, bool capital)
{
    strbuf b = STRBUF_INIT;
    english_plural(&b, unit);
    char *plural = report_format(c, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
    if (capital && plural[0])
        plural[0] = (char)toupper((unsigned char)plural[0]);
    return plural;
}

const char *report_unit_count(const report_context *c, const char *unit, int64_t scaled)
{
    const char *noun = scaled == MODEL_SCALE ? unit : report_unit_plural(c, unit, false);
    return report_format(c, "%s %s", report_scaled_text(c, scaled), noun);
}

static const item *first_unit_revenue(const entity *e)
{
    const section *s = &e->sections[SECTION_REVENUE];
    for (size_t i = 0; i < s->item_count; i++) {
        const value *v = &s->items[i].value;
        if (v->kind == VALUE_MONEY && v->money.period == PERIOD_UNIT && v->money.unit)
            return &s->items[i];
    }
    return NULL;
}

/* The monthly figure (in out->overhead) less per_unit × units: what a
 * percent of all revenue leaves in the fixed cost, its share of the other
 * revenue (exactly, whatever the rounding of per_unit). */
static void keep_remainder(const entity *e, const char *unit, report_break_even_part *out)
{
    int64_t units;
    if (!model_units_per_month(e, unit, &units))
        return; /* the units' revenue is unknown: the monthly figure is all other revenue's */
    out->overhead = report_amount_of(
        out->overhead.low - report_muldiv(out->per_unit.low, units, MODEL_SCALE),
        out->overhead.high - report_muldiv(out->per_unit.high, units, MODEL_SCALE));
}

/* A percent not tagged `fixed` as break-even reads it (rule 4, the
 * Formulas; check17 A6): of the unit's revenue line (named, or the only
 * line) it is all per unit; of the whole revenue beside other lines, the
 * unit price's share is per unit and its part on the other revenue stays
 * in the fixed cost. False for a percent of another line. */
static bool percent_unit_part(const report_context *c, const entity *e, const item *it,
                              const char *unit, report_break_even_part *out)
{
    int64_t base;
    const item *line, *unit_line = first_unit_revenue(e);
    if (it->value.kind != VALUE_PERCENT || model_item_has_tag(it, "fixed") ||
        !percent_monthly(e, it, &out->overhead) || !model_percent_base(e, it, &base, &line))
        return false;
    if (line)
        unit_line = line;
    else if (it->share_of)
        return false;
    if (!unit_line || !unit_line->value.money.unit || strcmp(unit_line->value.money.unit, unit))
        return false;
    out->variable = true;
    out->per_unit = percent_of(model_money_mid(&unit_line->value.money), it);
    out->price_share = report_midpoint(it->value.scaled, it->value.scaled_high);
    if (line)
        out->overhead = (report_amount){0};
    else
        keep_remainder(e, unit, out);
    return true;
}

/* A cost per stay of an entity selling its units in stays (rule 5, "A
 * stay of several units"), not tagged `fixed`: spread over the units of a
 * stay, amount × stays ÷ units per unit (the Formulas; check17 A6). */
static bool stay_unit_part(const entity *e, const item *it, const char *unit,
                           report_break_even_part *out)
{
    const money *m = &it->value.money;
    int64_t stays, units;
    if (it->value.kind != VALUE_MONEY || m->period != PERIOD_UNIT || !model_is_stay_unit(m->unit) ||
        model_item_has_tag(it, "fixed") || !model_stays_per_month(e, unit, &stays) ||
        !model_units_per_month(e, unit, &units))
        return false;
    out->variable = out->per_stay = true;
    out->per_unit = report_amount_of(report_muldiv(m->low_cents, stays, units),
                                     report_muldiv(m->high_cents, stays, units));
    return true;
}

/* Break-even's reading of one expense of an entity selling `unit`s. */
static void unit_part_of(const report_context *c, const entity *e, const item *it,
                         const char *unit, report_break_even_part *out)
{
    const money *m = &it->value.money;
    *out = (report_break_even_part){0};
    if (percent_unit_part(c, e, it, unit, out) || stay_unit_part(e, it, unit, out))
        return;
    *out = (report_break_even_part){0};
    if (it->value.kind == VALUE_MONEY && m->period == PERIOD_UNIT && m->unit &&
        strcmp(m->unit, unit) == 0 && !model_item_has_tag(it, "fixed")) {
        out->variable = true;
        out->per_unit = report_amount_of(m->low_cents, m->high_cents);
    } else if (!report_item_monthly(c, e, it, &out->overhead)) {
        out->overhead = (report_amount){0};
    }
}

/* Σ per unit of the unit costs, and Σ monthly of every other expense line
 * and part: the one fixed cost of the Formulas (gross burn − the per-unit
 * costs). */
static void split_unit_costs(const report_context *c, const entity *e, report_unit_economics *u)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    u->variable = u->stay_share = u->fixed = (report_amount){0};
    u->price_share = u->price_share_cost = 0;
    for (size_t i = 0; i < s->item_count; i++) {
        report_break_even_part part = {0};
        unit_part_of(c, e, &s->items[i], u->unit, &part);
        report_amount_add(&u->variable, &part.per_unit);
        if (part.price_share) {
            u->price_share += part.price_share;
            u->price_share_cost += part.per_unit.mid;
        }
        if (part.per_stay)
            report_amount_add(&u->stay_share, &part.per_unit);
        report_amount_add(&u->fixed, &part.overhead);
    }
}

const char *report_break_even_unit(const entity *e)
{
    const item *line = first_unit_revenue(e);
    int64_t volume, price;
    if (line && model_units_per_month(e, line->value.money.unit, &volume) &&
        model_unit_price(e, line->value.money.unit, &price))
        return line->value.money.unit;
    return NULL;
}

void report_break_even_part_of(const report_context *c, const entity *e, const item *it,
                               report_break_even_part *out)
{
    const char *unit = report_break_even_unit(e);
    *out = (report_break_even_part){0};
    if (unit) {
        unit_part_of(c, e, it, unit, out);
        return;
    }
    out->variable = !model_item_has_tag(it, "fixed") &&
                    (model_item_has_tag(it, "variable") || it->value.kind == VALUE_PERCENT);
    if (!out->variable && !report_item_monthly(c, e, it, &out->overhead))
        out->overhead = (report_amount){0};
}

bool report_cost_is_variable(const item *it)
{
    if (model_item_has_tag(it, "fixed"))
        return false;
    if (model_item_has_tag(it, "variable") || it->value.kind == VALUE_PERCENT)
        return true;
    return it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_UNIT;
}

int64_t report_unit_revenue(const report_context *c, const entity *e, const char *unit)
{
    int64_t sum = 0;
    const section *s = &e->sections[model_revenue_section(e)];
    for (size_t i = 0; i < s->item_count; i++) {
        const money *m = &s->items[i].value.money;
        report_amount monthly;
        if (s->items[i].value.kind == VALUE_MONEY && m->period == PERIOD_UNIT && m->unit &&
            strcmp(m->unit, unit) == 0 && report_item_monthly(c, e, &s->items[i], &monthly))
            sum += monthly.mid;
    }
    return sum;
}

bool report_unit_economics_of(const report_context *c, const entity *e, report_unit_economics *out)
{
    const item *line = first_unit_revenue(e);
    if (!line)
        return false;
    *out = (report_unit_economics){.unit = line->value.money.unit};
    split_unit_costs(c, e, out);
    out->other_revenue = report_entity_revenue(c, e).mid - report_unit_revenue(c, e, out->unit);
    if (out->other_revenue < 0)
        out->other_revenue = 0;
    out->has_volume = model_units_per_month(e, out->unit, &out->volume_scaled);
    if (!out->has_volume)
        report_note_missing(
            c, e, SECTION_KPIS,
            report_format(c, "%s per month", report_unit_plural(c, out->unit, true)));
    out->has_price = model_unit_price(e, out->unit, &out->price);
    if (!out->has_price) {
        report_note_missing(c, e, SECTION_KPIS, report_format(c, "Average %s price", out->unit));
        return true;
    }
    out->margin = out->price - out->variable.mid;
    out->reachable = out->margin > 0;
    int64_t unpaid = out->fixed.mid - out->other_revenue;
    if (out->reachable)
        out->break_even_units = unpaid > 0 ? report_ceil_div(unpaid, out->margin) : 0;
    return true;
}

int64_t report_fixed_cost_per_unit(const report_unit_economics *u)
{
    int64_t unpaid = u->fixed.mid - u->other_revenue;
    /* half away from zero like every figure: only the floor is rounded up (Z12) */
    return unpaid > 0 ? report_muldiv(unpaid, MODEL_SCALE, u->volume_scaled) : 0;
}

/* The percent fees `e` charges on its revenue line `line`: each top-level
 * percent expense of all revenue, or of that line by name, × the line's
 * monthly midpoint (rule 4; the fees break-even keeps in its fixed cost). */
static int64_t fees_on_line(const entity *e, const item *line, int64_t monthly)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    int64_t fees = 0;
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        if (it->value.kind != VALUE_PERCENT)
            continue;
        if (it->share_of && model_find_item(e, model_revenue_section(e), it->share_of) != line)
            continue;
        fees += report_muldiv(monthly, report_midpoint(it->value.scaled, it->value.scaled_high),
                              REPORT_PERCENT_ONE);
    }
    return fees;
}

/* The lines Data quality asks about (report_cao_questions.c, "Cash received
 * ahead beside units sold"): monthly, received ahead, not priced per the unit. */
static bool ahead_line(const entity *e, const item *it, const char *unit)
{
    const money *m = &it->value.money;
    return it->value.kind == VALUE_MONEY && m->period != PERIOD_NONE &&
           !(m->period == PERIOD_UNIT && m->unit && strcmp(m->unit, unit) == 0) &&
           report_revenue_received_ahead(e, it);
}

bool report_ahead_beside_units(const report_context *c, const entity *e, report_ahead_units *out)
{
    *out = (report_ahead_units){0};
    if (!report_break_even_unit(e) || !report_unit_economics_of(c, e, &out->u) ||
        !out->u.has_price || !out->u.has_volume)
        return false;
    strbuf names = STRBUF_INIT;
    const section *rev = &e->sections[model_revenue_section(e)];
    for (size_t i = 0; i < rev->item_count; i++) {
        const item *it = &rev->items[i];
        report_amount monthly;
        if (!ahead_line(e, it, out->u.unit) || !report_item_monthly(c, e, it, &monthly))
            continue;
        out->ahead += monthly.mid;
        out->fees += fees_on_line(e, it, monthly.mid);
        strbuf_printf(&names, "%s%s", names.len ? ", " : "", it->label);
    }
    out->lines = report_format(c, "%s", strbuf_cstr(&names));
    strbuf_free(&names);
    if (out->ahead > out->u.other_revenue) /* never more than the revenue it is part of */
        out->ahead = out->u.other_revenue;
    if (out->ahead <= 0)
        return false;
    int64_t unpaid = out->u.fixed.mid - out->fees - (out->u.other_revenue - out->ahead);
    if (out->u.reachable)
        out->units_alone = unpaid > 0 ? report_ceil_div(unpaid, out->u.margin) : 0;
    return true;
}

int64_t report_ahead_flow_without(const report_ahead_units *a, int64_t flow)
{
    return flow - a->ahead + a->fees;
}

const char *report_ahead_counted_text(const report_context *c, const report_ahead_units *a)
{
    return report_format(c, " (%s counting the %s received ahead)",
                         report_scaled_text(c, a->u.break_even_units * MODEL_SCALE),
                         report_dollars_text(c, a->ahead));
}

/* The owner's name without its bracketed role ("Priya Shah (founder)"),
 * "its owner" when the handoff names none. */
static const char *owner_name(const report_context *c, const entity *e)
{
    if (!e->owner || !*e->owner)
        return "its owner";
    const char *role = strstr(e->owner, " (");
    return role ? report_format(c, "%.*s", (int)(role - e->owner), e->owner) : e->owner;
}

const char *report_ahead_either_text(const report_context *c, const entity *e,
                                     const report_ahead_units *a, const char *on_top,
                                     const char *inside)
{
    return report_format(c, "%s if the %s of %s is on top of the %s; %s if those %s include it "
                            "(confirm with %s)",
                         on_top, report_dollars_text(c, a->ahead), a->lines,
                         report_unit_count(c, a->u.unit, a->u.volume_scaled), inside,
                         report_unit_plural(c, a->u.unit, false), owner_name(c, e));
}

/* Rule 6's floor as the fraction *num ÷ *den of cents, unrounded; false
 * when u has no floor. */
static bool price_floor_fraction(const report_unit_economics *u, __int128 *num, __int128 *den)
{
    if (!u->has_price || !u->has_volume || u->volume_scaled <= 0 ||
        u->price_share >= REPORT_PERCENT_ONE)
        return false;
    int64_t unpaid = u->fixed.mid - u->other_revenue;
    /* cents × MODEL_SCALE a month that the price, less its percents, must bring */
    __int128 needed = (__int128)(u->variable.mid - u->price_share_cost) * u->volume_scaled +
                      (__int128)(unpaid > 0 ? unpaid : 0) * MODEL_SCALE;
    *num = needed > 0 ? needed * REPORT_PERCENT_ONE : 0;
    *den = (__int128)u->volume_scaled * (REPORT_PERCENT_ONE - u->price_share);
    return true;
}

bool report_price_floor(const report_unit_economics *u, int64_t *floor)
{
    __int128 num, den;
    if (!price_floor_fraction(u, &num, &den))
        return false;
    *floor = (int64_t)((num + den - 1) / den); /* up: the floor covers */
    return true;
}

bool report_price_floor_at_fee(const report_unit_economics *u, int64_t replaced, int64_t rate,
                               int64_t *floor, int64_t *cash)
{
    report_unit_economics at = *u;
    at.price_share = u->price_share - (replaced <= u->price_share ? replaced : 0) + rate;
    if (!report_price_floor(&at, floor))
        return false;
    /* today's price less the percents at that fee and the rest of the variable cost */
    *cash = u->price - report_muldiv(u->price, at.price_share, REPORT_PERCENT_ONE) -
            (u->variable.mid - u->price_share_cost);
    return true;
}

bool report_price_floor_rounded_up(const report_unit_economics *u)
{
    __int128 num, den;
    return price_floor_fraction(u, &num, &den) && num % den != 0;
}

const char *report_price_share_text(const report_context *c, const report_unit_economics *u)
{
    return report_format(c, "%s%%", report_scaled_text(c, u->price_share));
}

bool report_units_to_close(const report_context *c, report_unit_lever *out)
{
    *out = (report_unit_lever){0};
    size_t levers = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t burn = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        out->scope_burn += burn;
        report_unit_economics u;
        if (burn > 0 && report_unit_economics_of(c, e, &u) && u.has_price && u.margin > 0) {
            levers++;
            out->entity = e, out->u = u, out->own_burn = burn;
        }
    }
    /* its own burn holds the group's: else its units close another's loss */
    if (levers != 1 || out->scope_burn <= 0 || out->own_burn < out->scope_burn)
        return false;
    out->scope_units = report_ceil_div(out->scope_burn, out->u.margin);
    out->own_units = report_ceil_div(out->own_burn, out->u.margin);
    return true;
}

int64_t report_unit_break_even_revenue(const report_unit_economics *u)
{
    int64_t unpaid = u->fixed.mid - u->other_revenue;
    if (unpaid <= 0)
        return u->other_revenue;
    return u->other_revenue + report_muldiv(u->price, unpaid, u->margin);
}

report_amount report_entity_revenue(const report_context *c, const entity *e)
{
    report_amount sum = {0};
    const section *s = &e->sections[model_revenue_section(e)];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount monthly;
        if (report_item_monthly(c, e, &s->items[i], &monthly))
            report_amount_add(&sum, &monthly);
    }
    return sum;
}

const char *report_revenue_source(const entity *e)
{
    return model_revenue_section(e) == SECTION_CLIENTS && e->has_section[SECTION_CLIENTS]
               ? " (from `## Clients`: no `## Revenue` section)"
               : "";
}

const item *report_entity_largest_cost(const report_context *c, const entity *e,
                                       report_amount *monthly)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    const item *largest = NULL;
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount m;
        if (report_item_monthly(c, e, &s->items[i], &m) && (!largest || m.mid > monthly->mid))
            largest = &s->items[i], *monthly = m;
    }
    return largest;
}

report_amount report_entity_burn(const report_context *c, const entity *e)
{
    return report_section_monthly(c, e, SECTION_EXPENSES, NULL);
}

/* How far each end of the burn moves when its percents are paired with the
 * revenue end of its scenario (rule 4, "A percent moves with its revenue
 * end"): the burn's own range takes each percent of its base's midpoint;
 * the worst end takes the high % of the base's low end instead (≤ 0), the
 * best end the low % of the base's high end (≥ 0). */
static report_amount percent_scenario_shift(const entity *e)
{
    report_amount shift = {0};
    const section *s = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        int64_t low, high;
        const item *line;
        report_amount at_mid;
        if (it->value.kind != VALUE_PERCENT || !percent_monthly(e, it, &at_mid) ||
            !model_percent_base_range(e, it, &low, &high, &line))
            continue;
        shift.high += percent_of(low, it).high - at_mid.high;
        shift.low += percent_of(high, it).low - at_mid.low;
    }
    return shift;
}

report_amount report_expense_widening(const entity *e, const item *it)
{
    int64_t low, high;
    const item *line;
    report_amount at_mid;
    if (it->value.kind != VALUE_PERCENT || !percent_monthly(e, it, &at_mid) ||
        !model_percent_base_range(e, it, &low, &high, &line))
        return (report_amount){0};
    /* low end ≤ 0, high end ≥ 0: the range only widens, its midpoint stays */
    return (report_amount){percent_of(low, it).low - at_mid.low,
                           percent_of(high, it).high - at_mid.high, 0};
}

report_amount report_entity_expenses(const report_context *c, const entity *e)
{
    report_amount burn = report_entity_burn(c, e);
    const section *s = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount widening = report_expense_widening(e, &s->items[i]);
        report_amount_add(&burn, &widening);
    }
    return burn;
}

report_amount report_entity_surplus(const report_context *c, const entity *e)
{
    report_amount burn = report_entity_burn(c, e);
    report_amount revenue = report_entity_revenue(c, e);
    report_amount shift = percent_scenario_shift(e);
    return (report_amount){revenue.low - (burn.high + shift.high),
                           revenue.high - (burn.low + shift.low), revenue.mid - burn.mid};
}

report_amount report_entity_net_burn(const report_context *c, const entity *e)
{
    report_amount surplus = report_entity_surplus(c, e);
    return (report_amount){-surplus.high, -surplus.low, -surplus.mid};
}

bool report_action_costs_nothing(const item *it)
{
    return it->value.kind == VALUE_MONEY && it->value.money.high_cents == 0;
}

bool report_action_is_free(const report_context *c, const entity *e, const item *it)
{
    report_sent_blast sent;
    return report_action_costs_nothing(it) &&
           !(report_blast_sent_cost(c, e, &sent) && sent.action == it);
}

const char *report_no_cost_actions(const report_context *c, const report_entry *actions,
                                   size_t action_count, size_t *count)
{
    strbuf names = STRBUF_INIT;
    *count = 0;
    for (size_t i = 0; i < action_count; i++)
        if (report_action_is_free(c, actions[i].entity, actions[i].item))
            strbuf_printf(&names, "%s%s (%s)", (*count)++ ? ", " : "", actions[i].item->label,
                          actions[i].entity->title);
    const char *text = report_format(c, "%s", strbuf_cstr(&names));
    strbuf_free(&names);
    return text;
}

static int entry_order(const void *a, const void *b)
{
    const report_entry *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return x->order < y->order ? -1 : x->order > y->order;
}

size_t report_collect_items(const report_context *c, section_kind kind, const char *tag,
                            report_entry **out)
{
    size_t count = 0, capacity = 0;
    *out = NULL;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[kind];
        for (size_t j = 0; j < s->item_count; j++) {
            if (tag && !model_item_has_tag(&s->items[j], tag))
                continue;
            report_entry *e = arena_push(c->arena, (void **)out, &count, &capacity, sizeof **out);
            *e = (report_entry){c->entities[i], &s->items[j],
                                report_item_priority_rank(&s->items[j]), count - 1};
        }
    }
    if (count)
        qsort(*out, count, sizeof **out, entry_order);
    return count;
}

bool report_entity_states_revenue(const report_context *c, const entity *e)
{
    if (e->has_section[SECTION_REVENUE] || e->has_section[SECTION_CLIENTS])
        return true;
    report_note_missing_section(c, e, SECTION_REVENUE);
    return false;
}

bool report_entity_states_expenses(const report_context *c, const entity *e)
{
    if (e->has_section[SECTION_EXPENSES])
        return true;
    report_note_missing_section(c, e, SECTION_EXPENSES);
    return false;
}

bool report_entity_cash(const entity *e, int64_t *cents)
{
    const section *s = &e->sections[SECTION_ASSETS];
    bool known = false;
    *cents = 0;
    for (size_t i = 0; i < s->item_count; i++)
        if (report_item_is_cash(&s->items[i])) {
            *cents += model_money_mid(&s->items[i].value.money);
            known = true;
        }
    return known;
}

bool report_item_is_cash(const item *it)
{
    if (it->value.kind != VALUE_MONEY || it->value.money.period != PERIOD_NONE)
        return false;
    return model_item_has_tag(it, "cash") || strcasecmp(it->label, "Cash") == 0 ||
           strcasecmp(it->label, "Cash reserve") == 0;
}

void report_entity_runway(const report_context *c, const entity *e, report_runway *out)
{
    *out = (report_runway){0};
    out->has_cash = report_entity_cash(e, &out->cash);
    out->net_burn = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    if (out->has_cash && out->net_burn > 0)
        out->months = out->cash / out->net_burn;
}

bool report_runway_after_spend(const report_context *c, const entity *e, int64_t spend,
                               report_runway *before, int64_t *months_after)
{
    if (!report_entity_burning(c, e, before) || !before->has_cash)
        return false;
    /* the cash left pays the same net burn: the spend changes no monthly figure */
    *months_after = before->cash > spend ? (before->cash - spend) / before->net_burn : 0;
    return true;
}

/* Whether `e` states expenses and burns: the businesses the CFO's runways
 * and Accounting's headline name one by one; `out` is its runway either
 * way. */
bool report_entity_burning(const report_context *c, const entity *e, report_runway *out)
{
    report_entity_runway(c, e, out);
    return out->net_burn > 0 && e->has_section[SECTION_EXPENSES];
}

const char *report_runway_end_text(const report_context *c, int64_t months)
{
    static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    time_t now = c->options->now;
    gmtime_r(&now, &tm);
    int64_t index = tm.tm_mon + months;
    return report_format(c, "about %s %lld", names[index % 12],
                         (long long)(tm.tm_year + 1900 + index / 12));
}

const char *report_runway_months_text(const report_context *c, int64_t months)
{
    return report_format(c, "%lld month%s (to %s)", (long long)months, months == 1 ? "" : "s",
                         report_runway_end_text(c, months));
}

const char *report_runway_text(const report_context *c, const report_runway *r)
{
    if (!r->has_cash)
        return "not stated";
    if (r->net_burn <= 0)
        return report_format(c, "%s, not being drawn down", report_cents_text(c, r->cash));
    return report_format(c, "%s, **%s** at the %s/month net burn", report_cents_text(c, r->cash),
                         report_runway_months_text(c, r->months),
                         report_cents_text(c, r->net_burn));
}

bool report_names_word(const char *label, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = label; n && *p; p++)
        if ((p == label || !isalnum((unsigned char)p[-1])) && strncasecmp(p, name, n) == 0 &&
            !isalnum((unsigned char)p[n]))
            return true;
    return false;
}

bool report_entity_is_subscription(const entity *e)
{
    const section *s = &e->sections[SECTION_KPIS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_names_word(s->items[i].label, "churn") ||
            strcasecmp(s->items[i].label, REPORT_LIFETIME_KPI) == 0)
            return true;
    return false;
}

const item *report_churn_kpi(const entity *e)
{
    const section *s = &e->sections[SECTION_KPIS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_names_word(s->items[i].label, "churn") &&
            s->items[i].value.kind == VALUE_PERCENT && s->items[i].value.scaled > 0)
            return &s->items[i];
    return NULL;
}

const char *report_units_held_text(const report_context *c, const entity *e, const char *unit,
                                   int64_t scaled)
{
    if (!report_churn_kpi(e)) /* sold each month */
        return report_format(c, "%s a month", report_unit_count(c, unit, scaled));
    /* a stock of subscribers, not a month's sales (Z17) */
    return report_format(c, "%s paying %s", report_scaled_text(c, scaled),
                         scaled == MODEL_SCALE ? "subscription" : "subscriptions");
}

const char *report_units_to_add_text(const report_context *c, const entity *e,
                                     const report_unit_economics *u, int64_t more)
{
    const item *churn = report_churn_kpi(e);
    if (!churn)
        return report_format(c, "sell %lld more %s a month", (long long)more,
                             more == 1 ? u->unit : report_unit_plural(c, u->unit, false));
    int64_t rate = (churn->value.scaled + churn->value.scaled_high) / 2;
    int64_t cancel = report_muldiv(u->volume_scaled, rate, REPORT_PERCENT_ONE * MODEL_SCALE);
    return report_format(c, "grow to %lld paying subscriptions (+%lld net; about %lld a month "
                            "cancel at %s churn)",
                         (long long)(u->volume_scaled / MODEL_SCALE + more), (long long)more,
                         (long long)cancel, report_percent_text(c, rate));
}
