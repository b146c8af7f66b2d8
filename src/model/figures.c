/* figures: the formulas of DESIGN §4 that need only one entity.
 *
 *   monthly(amount) = /month ×1, /year ÷12, /quarter ÷3, /week ×52÷12,
 *                     /unit × the entity's "<Unit>s per month"
 * Integer arithmetic throughout; divisions round half away from zero.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "briefing/english.h"
#include "briefing/rounding.h"
#include "model/model_internal.h"

/* Multiplier and divisor per period. */
static const struct {
    int64_t multiply;
    int64_t divide;
} figures_periods[] = {
    [PERIOD_NONE] = {0, 1}, [PERIOD_WEEK] = {52, 12}, [PERIOD_MONTH] = {1, 1},
    [PERIOD_QUARTER] = {1, 3}, [PERIOD_YEAR] = {1, 12}, [PERIOD_UNIT] = {0, 1},
};

bool model_monthly_cents(const entity *e, const money *m, int64_t *low, int64_t *high)
{
    if (m->period == PERIOD_NONE)
        return false;
    if (m->period == PERIOD_UNIT) {
        int64_t volume;
        if (!m->unit || !model_units_per_month(e, m->unit, &volume))
            return false;
        *low = rounding_div((__int128)m->low_cents * volume, MODEL_SCALE);
        *high = rounding_div((__int128)m->high_cents * volume, MODEL_SCALE);
        return true;
    }
    *low = rounding_div((__int128)m->low_cents * figures_periods[m->period].multiply,
                          figures_periods[m->period].divide);
    *high = rounding_div((__int128)m->high_cents * figures_periods[m->period].multiply,
                           figures_periods[m->period].divide);
    return true;
}

int64_t model_money_mid(const money *m)
{
    return rounding_div((__int128)m->low_cents + m->high_cents, 2);
}

bool model_units_per_month(const entity *e, const char *unit, int64_t *scaled)
{
    strbuf label = STRBUF_INIT;
    english_plural(&label, unit);
    strbuf_puts(&label, " per month");
    const item *it = model_find_item(e, SECTION_KPIS, strbuf_cstr(&label));
    strbuf_free(&label);
    if (!it || it->value.kind != VALUE_NUMBER)
        return false;
    *scaled = it->value.scaled;
    return true;
}

/* Rule 5, "A stay of several units": what one booking is called, in the
 * KPI `<Stay>s per month` and in an expense paid per it (`$95/stay`). */
static const char *const figures_stay_words[] = {"stay", "booking"};

bool model_is_stay_unit(const char *unit)
{
    for (size_t i = 0; unit && i < sizeof figures_stay_words / sizeof *figures_stay_words; i++)
        if (strcmp(unit, figures_stay_words[i]) == 0)
            return true;
    return false;
}

bool model_stays_per_month(const entity *e, const char *unit, int64_t *stays_scaled)
{
    int64_t units;
    if (!unit || model_is_stay_unit(unit) || !model_units_per_month(e, unit, &units))
        return false;
    for (size_t i = 0; i < sizeof figures_stay_words / sizeof *figures_stay_words; i++)
        if (model_units_per_month(e, figures_stay_words[i], stays_scaled) && *stays_scaled > 0 &&
            units > *stays_scaled)
            return true;
    return false;
}

bool model_unit_price(const entity *e, const char *unit, int64_t *cents)
{
    char label[128];
    snprintf(label, sizeof label, "Average %s price", unit);
    const item *it = model_find_item(e, SECTION_KPIS, label);
    if (!it || it->value.kind != VALUE_MONEY)
        return false;
    *cents = model_money_mid(&it->value.money);
    return true;
}

bool model_item_has_tag(const item *it, const char *tag)
{
    for (size_t i = 0; i < it->tag_count; i++)
        if (strcasecmp(it->tags[i], tag) == 0)
            return true;
    return false;
}

const item *model_find_item(const entity *e, section_kind kind, const char *label)
{
    const section *s = &e->sections[kind];
    for (size_t i = 0; i < s->item_count; i++)
        if (s->items[i].label && strcasecmp(s->items[i].label, label) == 0)
            return &s->items[i];
    return NULL;
}

section_kind model_revenue_section(const entity *e)
{
    return e->has_section[SECTION_REVENUE] ? SECTION_REVENUE : SECTION_CLIENTS;
}

bool model_monthly_revenue(const entity *e, int64_t *low, int64_t *high)
{
    const section *s = &e->sections[model_revenue_section(e)];
    bool known = false;
    *low = *high = 0;
    for (size_t i = 0; i < s->item_count; i++) {
        int64_t l, h;
        if (s->items[i].value.kind != VALUE_MONEY ||
            !model_monthly_cents(e, &s->items[i].value.money, &l, &h))
            continue;
        *low += l;
        *high += h;
        known = true;
    }
    return known;
}

/* The only money line of the revenue section, or NULL. */
static const item *figures_only_revenue_line(const entity *e)
{
    const section *s = &e->sections[model_revenue_section(e)];
    const item *only = NULL;
    for (size_t i = 0; i < s->item_count; i++) {
        if (s->items[i].value.kind != VALUE_MONEY || s->items[i].value.money.period == PERIOD_NONE)
            continue;
        if (only)
            return NULL;
        only = &s->items[i];
    }
    return only;
}

bool model_percent_base(const entity *e, const item *it, int64_t *base_cents, const item **line)
{
    int64_t low, high;
    if (!model_percent_base_range(e, it, &low, &high, line))
        return false;
    *base_cents = rounding_div((__int128)low + high, 2);
    return true;
}

bool model_percent_base_range(const entity *e, const item *it, int64_t *low_cents,
                              int64_t *high_cents, const item **line)
{
    int64_t low, high;
    const item *named = it->share_of ? model_find_item(e, SECTION_REVENUE, it->share_of)
                                     : figures_only_revenue_line(e);
    *line = NULL;
    if (it->share_of) {
        if (!named || named->value.kind != VALUE_MONEY ||
            !model_monthly_cents(e, &named->value.money, &low, &high))
            return false;
    } else if (!model_monthly_revenue(e, &low, &high)) {
        return false;
    }
    *low_cents = low;
    *high_cents = high;
    if (named && named->value.money.period == PERIOD_UNIT)
        *line = named;
    return true;
}

bool model_item_date(const item *it, int64_t *day)
{
    for (size_t i = 0; i < it->tag_count; i++)
        if (model_parse_date(it->tags[i], day))
            return true;
    return false;
}
