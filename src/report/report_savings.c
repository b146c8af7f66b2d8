/* report_savings: what the portfolio pays for and could stop paying for.
 *
 * Two rules, both from the data: an expense tagged `unused` saves its whole
 * monthly amount; an expense tagged `tech` whose label appears, tagged
 * `tech`, in more than one entity in scope is a duplicate subscription, and
 * every copy but the dearest saves its amount (the dearest is kept, so the
 * service is not lost). Other repeated labels (Insurance, Card processing)
 * are each business's own cost.
 */
#include <stdlib.h>
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
    size_t order;          /* position in scope order */
    size_t dearest;        /* order of the dearest copy of this label */
} priced_item;

/* Same label together, dearest first, then scope order (first one wins a
 * tie). Sorting keeps the duplicate search O(n log n) for big portfolios. */
static int priced_compare(const void *a, const void *b)
{
    const priced_item *x = *(priced_item *const *)a, *y = *(priced_item *const *)b;
    int by_label = strcasecmp(x->item->label, y->item->label);
    if (by_label)
        return by_label;
    if (x->monthly.mid != y->monthly.mid)
        return x->monthly.mid > y->monthly.mid ? -1 : 1;
    return x->order < y->order ? -1 : 1;
}

/* Every expense with a monthly amount, in scope order; each `tech` one
 * knows the dearest `tech` copy of its label (dearest == order for the
 * others: they are never duplicates). */
static priced_item *priced_expenses(const report_context *c, size_t *count)
{
    size_t total = 0;
    for (size_t i = 0; i < c->entity_count; i++)
        total += c->entities[i]->sections[SECTION_EXPENSES].item_count;
    priced_item *items = arena_alloc(c->arena, (total ? total : 1) * sizeof *items);
    *count = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++) {
            priced_item *p = &items[*count];
            if (!report_item_monthly(c, c->entities[i], &s->items[j], &p->monthly))
                continue;
            p->entity = c->entities[i];
            p->item = &s->items[j];
            p->order = (*count)++;
        }
    }
    priced_item **sorted = arena_alloc(c->arena, (*count ? *count : 1) * sizeof *sorted);
    size_t subscriptions = 0;
    for (size_t i = 0; i < *count; i++) {
        items[i].dearest = items[i].order;
        if (model_item_has_tag(items[i].item, "tech"))
            sorted[subscriptions++] = &items[i];
    }
    if (subscriptions)
        qsort(sorted, subscriptions, sizeof *sorted, priced_compare);
    for (size_t i = 0; i < subscriptions; i++) {
        bool first_of_label = i == 0 || strcasecmp(sorted[i]->item->label, sorted[i - 1]->item->label) != 0;
        sorted[i]->dearest = first_of_label ? sorted[i]->order : sorted[i - 1]->dearest;
    }
    return items;
}

void report_find_savings(const report_context *c, report_savings *out)
{
    *out = (report_savings){0};
    size_t count;
    priced_item *items = priced_expenses(c, &count);
    for (size_t i = 0; i < count; i++) {
        const priced_item *p = &items[i];
        if (model_item_has_tag(p->item, "unused")) {
            add_saving(c, out, p->entity, p->item, &p->monthly, "unused");
            continue;
        }
        /* a fee or an insurance in two businesses is no duplicate */
        if (p->dearest != p->order && model_item_has_tag(p->item, "tech"))
            add_saving(c, out, p->entity, p->item, &p->monthly,
                       report_format(c, "duplicate of %s", items[p->dearest].entity->title));
    }
}

/* Whether `e` is one of the entities `c` reports on. */
static bool in_scope(const report_context *c, const entity *e)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (c->entities[i] == e)
            return true;
    return false;
}

void report_find_group_savings(const report_context *c, report_savings *out)
{
    /* the group: the core entities and those in scope, in portfolio order,
     * so a duplicate is judged as the portfolio reports judge it (A2b) */
    const portfolio *p = c->portfolio;
    report_context group = *c;
    /* the other businesses' asks (a unit cost's volume) are their own
     * reports' Data quality, never this one's */
    report_missing unasked = {0};
    group.missing = &unasked;
    const entity **entities = arena_alloc(c->arena, (p->entity_count + 1) * sizeof *entities);
    group.entities = entities;
    group.entity_count = 0;
    for (size_t i = 0; i < p->entity_count; i++)
        if (p->entities[i].kind == ENTITY_CORE || in_scope(c, &p->entities[i]))
            entities[group.entity_count++] = &p->entities[i];
    report_savings all;
    report_find_savings(&group, &all);
    *out = (report_savings){0};
    for (size_t i = 0; i < all.count; i++)
        if (in_scope(c, all.items[i].entity))
            add_saving(c, out, all.items[i].entity, all.items[i].item, &all.items[i].monthly,
                       all.items[i].reason);
}
