/* report_cao_questions: the questions the handoffs leave open that
 * Accounting and the Audit both ask in Data quality, in one set of words
 * (docs/reports.md, Accounting Data quality; eyes-final17 U2, I4-U1, I4-U4).
 * They change no figure: the file cannot say which reading holds, so the
 * report names both lines and asks.
 */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

/* The KPI "<Unit>s per month" of `e`'s break-even unit, NULL when `e`
 * sells no unit with a volume and a price. */
static const item *units_sold_kpi(const report_context *c, const entity *e, const char **unit)
{
    *unit = report_break_even_unit(e);
    if (!*unit)
        return NULL;
    const item *kpi = model_find_item(
        e, SECTION_KPIS, report_format(c, "%s per month", report_unit_plural(c, *unit, true)));
    return kpi && kpi->value.kind == VALUE_NUMBER ? kpi : NULL;
}

/* Cash received ahead beside units sold (U2, I4-U1): a recurring line
 * received ahead of earning may pay for units already counted at their
 * price (counted twice) or for units outside the count (their costs
 * left out). */
static void ask_received_ahead_beside_units(const report_context *c, const entity *e)
{
    const char *unit;
    const item *kpi = units_sold_kpi(c, e, &unit);
    if (!kpi)
        return;
    const section *s = &e->sections[model_revenue_section(e)];
    for (size_t j = 0; j < s->item_count; j++) {
        const item *it = &s->items[j];
        if (it->value.kind != VALUE_MONEY || it->value.money.period == PERIOD_NONE ||
            !report_revenue_received_ahead(e, it))
            continue;
        const char *units = report_unit_plural(c, unit, false);
        report_note_question(
            c, report_format(c,
                             "are the %s a month (%s:%d) partly paid by %s? If so, its %s "
                             "is counted twice (%s:%d); if not, the costs of the %s it pays for "
                             "are left out.",
                             report_unit_count(c, unit, kpi->value.scaled), e->path, kpi->line,
                             it->label, report_money_text(c, &it->value.money), e->path,
                             it->line, units));
    }
}

/* Whether `lease` (an expense label holding "lease") names `asset`: the
 * asset's label is its start, word for word ("Espresso machine" of
 * "Espresso machine lease"). */
static bool lease_names_asset(const char *lease, const char *asset)
{
    size_t n = strlen(asset);
    return n && strncasecmp(lease, asset, n) == 0 && (lease[n] == ' ' || lease[n] == '\0') &&
           strcasestr(lease + n, "lease") != NULL;
}

/* An asset that is also leased (I4-U4): owned or leased? */
static void ask_asset_also_leased(const report_context *c, const entity *e)
{
    const section *assets = &e->sections[SECTION_ASSETS];
    const section *exp = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < assets->item_count; i++) {
        const item *a = &assets->items[i];
        report_amount worth;
        if (a->value.kind != VALUE_MONEY || a->value.money.period != PERIOD_NONE ||
            report_item_is_cash(a) || !report_item_amount(a, &worth))
            continue;
        for (size_t j = 0; j < exp->item_count; j++) {
            const item *l = &exp->items[j];
            if (l->value.kind != VALUE_MONEY || !lease_names_asset(l->label, a->label))
                continue;
            report_note_question(
                c, report_format(c,
                                 "%s is listed as an asset at %s (%s:%d) and leased at %s "
                                 "(%s:%d): owned or leased? If leased, it is not the "
                                 "business's property.",
                                 a->label, report_amount_text(c, &worth), e->path, a->line,
                                 report_money_text(c, &l->value.money), e->path, l->line));
            break;
        }
    }
}

void report_note_open_questions(const report_context *c)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        ask_received_ahead_beside_units(c, c->entities[i]);
        ask_asset_also_leased(c, c->entities[i]);
    }
}
