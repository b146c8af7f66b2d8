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
