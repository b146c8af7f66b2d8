/* report_ceo: inventory, shortfalls ranked by monthly impact, missing KPIs,
 * and a 30-day agenda.
 *
 * A shortfall is anything in the data that costs money every month: an
 * entity burning more than it earns, a unit business below break-even, a
 * risk with an amount, money not billed or not collected. They are ranked
 * by their monthly impact (midpoint), largest first; risks without an
 * amount follow, by priority, with a note to quantify them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

#define AGENDA_MAX 10
#define PRIORITY_NONE 3 /* report_item_priority_rank() of an untagged item */

typedef struct {
    const char *what;
    const entity *entity;
    int64_t impact; /* cents (per month unless one_off); -1 when not quantified */
    bool one_off;   /* money owed once (rule 3): never shown as /month */
    int priority;   /* 0 high .. 3 none, for unquantified ones */
    const char *detail; /* "; same gap: ..." for a merged gap, else "" */
} shortfall;

typedef struct {
    shortfall *items;
    size_t count;
    size_t capacity;
} shortfall_list;

/* "Revenue, Expenses, ...; unrecognised: Partnerships (jada.md:70)" */
static void put_sections(const entity *e, strbuf *out)
{
    size_t written = 0;
    strbuf_printf(out, "- %s: ", e->title);
    for (int k = 0; k < SECTION_UNKNOWN; k++)
        if (e->has_section[k])
            strbuf_printf(out, "%s%s", written++ ? ", " : "", model_section_name(k));
    if (!written)
        strbuf_puts(out, "no known sections");
    for (size_t i = 0; i < e->unknown_section_count; i++)
        strbuf_printf(out, "%s\"%s\" (%s:%d)",
                      i ? ", " : "; unrecognised, kept as written: ", e->unknown_sections[i].title,
                      e->path, e->unknown_sections[i].line);
    strbuf_putc(out, '\n');
}

static void put_inventory(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Kind", REPORT_LEFT},
        {"Business", REPORT_LEFT},
    };
    static const report_column asset_columns[] = {
        {"Entity", REPORT_LEFT},
        {"Asset", REPORT_LEFT},
        {"Value", REPORT_LEFT},
    };
    report_table t, assets;
    report_table_init(&t, c->arena, columns, 3);
    report_table_init(&assets, c->arena, asset_columns, 3);
    strbuf_puts(out, "## Asset inventory\n\n");
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_table_row(&t, e->title, e->kind == ENTITY_CORE ? "core" : "ancillary",
                         e->business ? e->business : "?");
        if (!e->business)
            report_note_missing(c, e, SECTION_UNKNOWN, "- Business: ...");
        const section *s = &e->sections[SECTION_ASSETS];
        for (size_t j = 0; j < s->item_count; j++)
            report_table_row(&assets, e->title, s->items[j].label,
                             *s->items[j].text ? s->items[j].text : "\u2014");
        for (size_t j = 0; j < e->domain_count; j++)
            report_table_row(&assets, e->title, "Domain", e->domains[j]);
        if (e->site)
            report_table_row(&assets, e->title, "Site", report_format(c, "sites/%s", e->site));
    }
    report_table_write(&t, out);
    if (assets.row_count)
        report_table_write(&assets, out);
    strbuf_puts(out, "Sections in each handoff:\n\n");
    for (size_t i = 0; i < c->entity_count; i++)
        put_sections(c->entities[i], out);
    strbuf_putc(out, '\n');
}

static shortfall *add_shortfall(const report_context *c, shortfall_list *list, const entity *e,
                                const char *what, int64_t impact, int priority)
{
    shortfall *s = arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity,
                              sizeof *list->items);
    *s = (shortfall){what, e, impact, false, priority, ""};
    return s;
}

/* Overdue and unbilled money (rule 2), read as every report reads it. */
static void money_owed(const report_context *c, const entity *e, shortfall_list *list)
{
    report_owed_list owed = {0};
    report_owed_collect(c, e, &owed);
    for (size_t i = 0; i < owed.count; i++) {
        const report_owed *o = &owed.items[i];
        if (o->state == OWED_BILLED)
            continue;
        shortfall *s = add_shortfall(
            c, list, e,
            report_format(c, "%s: %s%s (%s:%d)", report_owed_label(c, o),
                          report_owed_state_name(o->state),
                          o->month_of_fee
                              ? report_format(c, ", one month of %s",
                                              report_money_text(c, &o->item->value.money))
                              : "",
                          e->path, o->item->line),
            o->amount.mid, PRIORITY_NONE);
        s->one_off = true;
    }
}

/* Words in a risk's label that say it is the entity's revenue gap, the
 * same money its net burn and break-even shortfall measure. */
static const char *const gap_words[] = {"gap", "shortfall", "lost revenue", "bookings"};

static bool label_has(const char *label, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = label; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return true;
    return false;
}

static bool risk_is_revenue_gap(const item *it)
{
    if (model_item_has_tag(it, "gap"))
        return true;
    for (size_t i = 0; i < sizeof gap_words / sizeof gap_words[0]; i++)
        if (label_has(it->label, gap_words[i]))
            return true;
    return false;
}

/* The measures of one entity's gap as one shortfall: the largest is the
 * impact, the others are named as detail and never added to it. */
static void add_gap(const report_context *c, shortfall_list *list, const entity *e,
                    const shortfall_list *gap)
{
    if (!gap->count)
        return;
    size_t largest = 0;
    for (size_t i = 1; i < gap->count; i++)
        if (gap->items[i].impact > gap->items[largest].impact)
            largest = i;
    strbuf detail = STRBUF_INIT;
    for (size_t i = 0, n = 0; i < gap->count; i++)
        if (i != largest)
            strbuf_printf(&detail, "%s%s %s/month", n++ ? ", " : "; same gap: ",
                          gap->items[i].what, report_cents_text(c, gap->items[i].impact));
    shortfall *merged = add_shortfall(c, list, e, gap->items[largest].what,
                                      gap->items[largest].impact, gap->items[largest].priority);
    merged->detail = arena_strdup(c->arena, strbuf_cstr(&detail));
    strbuf_free(&detail);
}

static void entity_shortfalls(const report_context *c, const entity *e, shortfall_list *list)
{
    shortfall_list gap = {0};
    report_amount gross = report_entity_burn(c, e);
    report_amount revenue = report_entity_revenue(c, e);
    if (gross.mid > revenue.mid)
        add_shortfall(c, &gap, e, "net burn", gross.mid - revenue.mid, 0);
    report_unit_economics u;
    if (report_unit_economics_of(c, e, &u) && u.has_price && u.has_volume && u.reachable) {
        int64_t now = u.volume_scaled / MODEL_SCALE;
        if (now < u.break_even_units)
            add_shortfall(c, &gap, e,
                          report_format(c, "%s/month below break-even (%lld)",
                                        report_unit_count(c, u.unit,
                                                          (u.break_even_units - now) * MODEL_SCALE),
                                        (long long)u.break_even_units),
                          (u.break_even_units - now) * u.margin, PRIORITY_NONE);
    }
    const section *risks = &e->sections[SECTION_RISKS];
    for (size_t i = 0; i < risks->item_count; i++) {
        const item *it = &risks->items[i];
        report_amount a;
        if (!report_item_monthly(c, e, it, &a))
            add_shortfall(c, list, e, it->label, -1, report_item_priority_rank(it));
        else
            add_shortfall(c, risk_is_revenue_gap(it) ? &gap : list, e, it->label, a.mid,
                          report_item_priority_rank(it));
    }
    add_gap(c, list, e, &gap);
    money_owed(c, e, list);
}

/* Quantified first by impact, then unquantified by priority; stable on
 * ties through entity order and the label. */
static int shortfall_order(const void *a, const void *b)
{
    const shortfall *x = a, *y = b;
    if ((x->impact < 0) != (y->impact < 0))
        return x->impact < 0 ? 1 : -1;
    if (x->impact != y->impact)
        return x->impact > y->impact ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority - y->priority;
    int by_entity = strcmp(x->entity->id, y->entity->id);
    return by_entity ? by_entity : strcmp(x->what, y->what);
}

static void collect_shortfalls(const report_context *c, shortfall_list *list)
{
    *list = (shortfall_list){0};
    for (size_t i = 0; i < c->entity_count; i++)
        entity_shortfalls(c, c->entities[i], list);
    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, shortfall_order);
}

/* "$1,650 one-off", "$2,800/month" or "not quantified" (rule 3). */
static const char *impact_text(const report_context *c, const shortfall *s)
{
    if (s->impact < 0)
        return "not quantified";
    return report_format(c, "%s%s", report_cents_text(c, s->impact),
                         s->one_off ? " one-off" : "/month");
}

static void put_shortfalls(const report_context *c, const shortfall_list *list, strbuf *out)
{
    static const report_column columns[] = {
        {"#", REPORT_RIGHT},
        {"Shortfall", REPORT_LEFT},
        {"Entity", REPORT_LEFT},
        {"Impact", REPORT_RIGHT},
    };
    strbuf_puts(out, "## Critical shortfalls\n\nRanked by impact, largest first: monthly amounts "
                     "and money owed once.\n\n");
    if (!list->count) {
        strbuf_puts(out, "None found in the data.\n\n");
        return;
    }
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        report_table_row(&t, report_format(c, "%zu", i + 1),
                         report_format(c, "%s%s", s->what, s->detail), s->entity->title,
                         impact_text(c, s));
    }
    report_table_write(&t, out);
}

static void missing_kpi(const report_context *c, const entity *e, const item *it, void *user)
{
    report_table *t = user;
    if (model_item_has_tag(it, "missing"))
        report_table_row(t, e->title, it->label, report_format(c, "%s:%d", e->path, it->line));
}

static void put_missing_kpis(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"KPI", REPORT_LEFT},
        {"Where", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 3);
    strbuf_puts(out, "## Missing KPIs\n\n");
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_each_item(c, e, SECTION_KPIS, missing_kpi, &t);
        if (!e->has_section[SECTION_KPIS])
            report_table_row(&t, e->title, "(no KPIs section)", e->path);
    }
    if (!t.row_count) {
        strbuf_puts(out, "Every KPI named in the handoffs has a value.\n\n");
        return;
    }
    report_table_write(&t, out);
}

/* Actions by priority (high first), then the largest quantified
 * shortfalls, up to AGENDA_MAX lines: a month holds only so much. */
static void put_agenda(const report_context *c, const shortfall_list *list, strbuf *out)
{
    strbuf_puts(out, "## 30-day agenda\n\n");
    report_entry *actions;
    size_t count = report_collect_items(c, SECTION_ACTIONS, NULL, &actions);
    size_t n = 0;
    for (; n < count && n < AGENDA_MAX; n++)
        strbuf_printf(out, "%zu. %s: %s (%s)\n", n + 1, actions[n].entity->title,
                      actions[n].item->label, report_item_priority(actions[n].item));
    for (size_t i = 0; i < list->count && n < AGENDA_MAX; i++) {
        const shortfall *s = &list->items[i];
        if (s->impact < 0)
            break;
        strbuf_printf(out, "%zu. %s: close \"%s\" (%s)\n", ++n, s->entity->title, s->what,
                      impact_text(c, s));
    }
    if (!n)
        strbuf_puts(out, "Nothing to schedule: add `## Actions` items with a priority tag.\n");
    strbuf_putc(out, '\n');
}

void report_ceo(const report_context *c, strbuf *out)
{
    shortfall_list shortfalls;
    put_inventory(c, out);
    collect_shortfalls(c, &shortfalls);
    put_shortfalls(c, &shortfalls, out);
    put_missing_kpis(c, out);
    put_agenda(c, &shortfalls, out);
}

/* A share of gross burn: the urgency thresholds of a dashboard card. */
static const struct {
    int64_t divisor; /* impact >= gross burn / divisor */
    const char *urgency;
} urgency_rules[] = {
    {4, "critical"},
    {20, "high"},
};

static const char *shortfall_urgency(const shortfall *s, int64_t gross)
{
    for (size_t i = 0; i < sizeof urgency_rules / sizeof urgency_rules[0]; i++)
        if (s->impact >= 0 && gross > 0 && s->impact * urgency_rules[i].divisor >= gross)
            return urgency_rules[i].urgency;
    return s->priority == 0 ? "high" : "medium";
}

size_t report_top_shortfalls(const portfolio *p, const char *scope, report_shortfall *out,
                             size_t max)
{
    arena scratch = {0};
    report_missing missing = {0};
    report_target target = {PERSONA_CEO, scope};
    report_options options = {0};
    report_context c;
    report_context_init(&c, p, &target, &options, &scratch, &missing);
    shortfall_list list;
    collect_shortfalls(&c, &list);
    int64_t gross = report_scope_monthly(&c, SECTION_EXPENSES, NULL).mid;
    size_t n = 0;
    for (; n < list.count && n < max; n++) {
        const shortfall *s = &list.items[n];
        snprintf(out[n].title, sizeof out[n].title, "%s: %s", s->entity->title, s->what);
        out[n].urgency = shortfall_urgency(s, gross);
        out[n].monthly_impact_cents = s->impact;
    }
    arena_free(&scratch);
    return n;
}
