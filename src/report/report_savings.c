/* report_savings: what the portfolio pays for and could stop paying for.
 *
 * Two rules, both from the data: an expense tagged `unused` saves its whole
 * monthly amount; an expense label that appears in more than one entity in
 * scope is a duplicate subscription, and every copy but the dearest saves
 * its amount (the dearest is kept, so the service is not lost).
 */
#include <strings.h>

#include "report/report_internal.h"

static void add_saving(const report_context *c, report_savings *out, const entity *e,
                       const item *it, const report_amount *monthly, const char *reason)
{
    report_saving *s =
        arena_push(c->arena, (void **)&out->items, &out->count, &out->capacity, sizeof *out->items);
    *s = (report_saving){e, it, *monthly, reason};
    report_amount_add(&out->total, monthly);
}

typedef struct {
    const entity *entity;
    const item *item;
    report_amount monthly;
} priced_item;

/* The dearest copy of `label` across the scope (first one on a tie). */
static priced_item dearest_copy(const report_context *c, const char *label)
{
    priced_item best = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++) {
            report_amount m;
            if (strcasecmp(s->items[j].label, label) != 0 ||
                !report_item_monthly(c, c->entities[i], &s->items[j], &m))
                continue;
            if (!best.item || m.mid > best.monthly.mid)
                best = (priced_item){c->entities[i], &s->items[j], m};
        }
    }
    return best;
}

void report_find_savings(const report_context *c, report_savings *out)
{
    *out = (report_savings){0};
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            report_amount m;
            if (!report_item_monthly(c, e, it, &m))
                continue;
            if (model_item_has_tag(it, "unused")) {
                add_saving(c, out, e, it, &m, "unused");
                continue;
            }
            priced_item keep = dearest_copy(c, it->label);
            if (keep.item && keep.item != it)
                add_saving(c, out, e, it, &m,
                           report_format(c, "duplicate of %s", keep.entity->title));
        }
    }
}
