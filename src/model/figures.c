/* figures: the formulas of DESIGN §4 that need only one entity.
 *
 *   monthly(amount) = /month ×1, /year ÷12, /quarter ÷3, /week ×52÷12,
 *                     /unit × the entity's "<Unit>s per month"
 * Integer arithmetic throughout; divisions round half away from zero.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/model_internal.h"

/* numerator / denominator, rounded half away from zero (denominator > 0). */
static int64_t figures_divide(int64_t numerator, int64_t denominator)
{
    if (numerator >= 0)
        return (numerator + denominator / 2) / denominator;
    return -((-numerator + denominator / 2) / denominator);
}

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
        *low = figures_divide(m->low_cents * volume, MODEL_SCALE);
        *high = figures_divide(m->high_cents * volume, MODEL_SCALE);
        return true;
    }
    *low = figures_divide(m->low_cents * figures_periods[m->period].multiply,
                          figures_periods[m->period].divide);
    *high = figures_divide(m->high_cents * figures_periods[m->period].multiply,
                           figures_periods[m->period].divide);
    return true;
}

int64_t model_money_mid(const money *m)
{
    return figures_divide(m->low_cents + m->high_cents, 2);
}

/* English plural of a unit: charter → charters, delivery → deliveries. */
static void figures_plural(const char *unit, char *out, size_t out_size)
{
    size_t n = strlen(unit);
    bool consonant_y = n > 1 && unit[n - 1] == 'y' && !strchr("aeiou", unit[n - 2]);
    bool sibilant = (n > 0 && strchr("sxz", unit[n - 1])) ||
                    (n > 1 && (strcmp(unit + n - 2, "ch") == 0 || strcmp(unit + n - 2, "sh") == 0));
    if (consonant_y)
        snprintf(out, out_size, "%.*sies", (int)(n - 1), unit);
    else
        snprintf(out, out_size, "%s%s", unit, sibilant ? "es" : "s");
}

bool model_units_per_month(const entity *e, const char *unit, int64_t *scaled)
{
    char plural[96], label[128];
    figures_plural(unit, plural, sizeof plural);
    snprintf(label, sizeof label, "%s per month", plural);
    const item *it = model_find_item(e, SECTION_KPIS, label);
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
