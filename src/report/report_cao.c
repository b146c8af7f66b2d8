/* report_cao: the accounting officer's report.
 *
 * Revenue recognition follows the billing period of each revenue line (a
 * table below). The chart of accounts is derived from the labels: revenue
 * lines are 4000 accounts, costs that scale with volume (tagged `variable`
 * or priced per unit) 5000 accounts, everything else 6000; one account per
 * distinct label, numbered in order of first appearance (see account_number), so the same
 * label in two entities is one account. The profitability roadmap applies,
 * quarter by quarter from the report date, the savings the data already
 * shows, then break-even volume for the unit businesses.
 */
#include <string.h>
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "report/report_internal.h"

static const struct {
    money_period period;
    const char *basis;
    const char *rule;
} recognition_rules[] = {
    {PERIOD_UNIT, "per unit", "on delivery of each unit"},
    {PERIOD_WEEK, "weekly", "each week of service"},
    {PERIOD_MONTH, "monthly", "each month of service"},
    {PERIOD_QUARTER, "quarterly", "ratably, a third each month"},
    {PERIOD_YEAR, "annual", "ratably, a twelfth each month"},
    {PERIOD_NONE, "one-off", "when the work is delivered and invoiced"},
};

static void recognition_row(const report_context *c, const entity *e, const item *it,
                            report_table *user)
{
    if (it->value.kind != VALUE_MONEY)
        return;
    for (size_t i = 0; i < sizeof recognition_rules / sizeof recognition_rules[0]; i++) {
        if (recognition_rules[i].period != it->value.money.period)
            continue;
        const char *rule = recognition_rules[i].rule;
        if (it->value.money.period == PERIOD_UNIT && it->value.money.unit)
            rule = report_format(c, "on delivery of each %s", it->value.money.unit);
        report_table_row(user, e->title, it->label, recognition_rules[i].basis, rule);
        return;
    }
}

static void put_recognition(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Revenue line", REPORT_LEFT},
        {"Basis", REPORT_LEFT},
        {"Recognised", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    strbuf_puts(out, "## Revenue recognition\n\n");
    /* The revenue lines of rule 1: invoices nested under a client are
     * receivables, not lines of their own. */
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[model_revenue_section(e)];
        for (size_t j = 0; j < s->item_count; j++)
            recognition_row(c, e, &s->items[j], &t);
    }
    if (!t.row_count) {
        strbuf_puts(out, "No revenue lines with an amount in scope.\n\n");
        return;
    }
    report_table_write(&t, out);
}

typedef struct {
    int series;        /* 0 revenue, 1 cost of sales, 2 operating expenses */
    const char *name;
    strbuf entities;
} account;

/* Accounts in the order they were opened, plus an open-addressing index by
 * (series, label ignoring case) so opening stays O(1) for big portfolios. */
typedef struct {
    account *items;
    size_t count;
    size_t capacity;
    size_t *slots;     /* index + 1 into items; 0 is an empty slot */
    size_t slot_count; /* a power of two, at least twice `count` */
} account_list;

static size_t account_hash(int series, const char *label)
{
    size_t hash = 1469598103934665603u ^ (size_t)series;
    for (const unsigned char *c = (const unsigned char *)label; *c; c++)
        hash = (hash ^ (size_t)tolower(*c)) * 1099511628211u;
    return hash;
}

static void account_index_insert(account_list *list, size_t index)
{
    const account *a = &list->items[index];
    size_t mask = list->slot_count - 1;
    size_t slot = account_hash(a->series, a->name) & mask;
    while (list->slots[slot])
        slot = (slot + 1) & mask;
    list->slots[slot] = index + 1;
}

static void account_index_grow(const report_context *c, account_list *list)
{
    if (list->slot_count >= 2 * (list->count + 1))
        return;
    list->slot_count = list->slot_count ? list->slot_count * 2 : 64;
    list->slots = arena_alloc(c->arena, list->slot_count * sizeof *list->slots);
    for (size_t i = 0; i < list->count; i++)
        account_index_insert(list, i);
}

static account *account_find(const account_list *list, int series, const char *label)
{
    if (!list->slot_count)
        return NULL;
    size_t mask = list->slot_count - 1;
    for (size_t slot = account_hash(series, label) & mask; list->slots[slot];
         slot = (slot + 1) & mask) {
        account *a = &list->items[list->slots[slot] - 1];
        if (a->series == series && strcasecmp(a->name, label) == 0)
            return a;
    }
    return NULL;
}

static int account_series(section_kind kind, const item *it)
{
    if (kind != SECTION_EXPENSES)
        return 0;
    bool per_unit = it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_UNIT;
    return per_unit || model_item_has_tag(it, "variable") ? 1 : 2;
}

static void add_account(const report_context *c, account_list *list, int series, const item *it,
                        const entity *e)
{
    account *found = account_find(list, series, it->label);
    if (found) {
        if (!strstr(strbuf_cstr(&found->entities), e->title))
            strbuf_printf(&found->entities, ", %s", e->title);
        return;
    }
    account_index_grow(c, list);
    account *a = arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity,
                            sizeof *list->items);
    a->series = series;
    a->name = it->label;
    strbuf_puts(&a->entities, e->title);
    account_index_insert(list, list->count - 1);
}

/* The k-th account (from 1) of a series of `count`: 4010, 4020 ... while
 * they fit in steps of ten, then 4001, 4002 ..., then sub-accounts
 * 4000-01000 for series of a thousand or more. */
static const char *account_number(const report_context *c, int series, size_t k, size_t count)
{
    int base = (4 + series) * 1000;
    if (count <= 99)
        return report_format(c, "%d", base + 10 * (int)k);
    if (count <= 999)
        return report_format(c, "%d", base + (int)k);
    return report_format(c, "%d-%05zu", base, k);
}

static void put_accounts(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Account", REPORT_RIGHT},
        {"Name", REPORT_LEFT},
        {"Entities", REPORT_LEFT},
    };
    static const section_kind kinds[] = {SECTION_REVENUE, SECTION_CLIENTS, SECTION_EXPENSES};
    account_list list = {0};
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 0; i < c->entity_count; i++) {
            const section *s = &c->entities[i]->sections[kinds[k]];
            for (size_t j = 0; j < s->item_count; j++)
                if (s->items[j].value.kind == VALUE_MONEY)
                    add_account(c, &list, account_series(kinds[k], &s->items[j]), &s->items[j],
                                c->entities[i]);
        }
    strbuf_puts(out, "## Chart of accounts\n\n4000 revenue, 5000 cost of sales (variable or per "
                     "unit), 6000 operating expenses.\n\n");
    report_table t;
    report_table_init(&t, c->arena, columns, 3);
    for (int series = 0; series < 3; series++) {
        size_t in_series = 0, k = 0;
        for (size_t i = 0; i < list.count; i++)
            in_series += list.items[i].series == series;
        for (size_t i = 0; i < list.count; i++)
            if (list.items[i].series == series)
                report_table_row(&t, account_number(c, series, ++k, in_series),
                                 list.items[i].name,
                                 arena_strdup(c->arena, strbuf_cstr(&list.items[i].entities)));
    }
    for (size_t i = 0; i < list.count; i++)
        strbuf_free(&list.items[i].entities);
    if (t.row_count)
        report_table_write(&t, out);
    else
        strbuf_puts(out, "No amounts in scope to open accounts for.\n\n");
}

static bool has_cost_tag(const item *it)
{
    return model_item_has_tag(it, "fixed") || model_item_has_tag(it, "variable");
}

typedef struct {
    const char *label;
    size_t entity;
    size_t order;
} labelled_expense;

static int labelled_compare(const void *a, const void *b)
{
    const labelled_expense *x = a, *y = b;
    int by_label = strcasecmp(x->label, y->label);
    if (by_label)
        return by_label;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* For each expense in scope order: how many entities have an expense with
 * its label. Sorted once, so big portfolios stay O(n log n). */
static size_t *label_counts(const report_context *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->entity_count; i++)
        total += c->entities[i]->sections[SECTION_EXPENSES].item_count;
    labelled_expense *all = arena_alloc(c->arena, (total ? total : 1) * sizeof *all);
    size_t *counts = arena_alloc(c->arena, (total ? total : 1) * sizeof *counts);
    size_t n = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++, n++)
            all[n] = (labelled_expense){s->items[j].label, i, n};
    }
    if (n)
        qsort(all, n, sizeof *all, labelled_compare);
    for (size_t start = 0, end; start < n; start = end) {
        size_t entities = 1;
        for (end = start + 1; end < n && strcasecmp(all[end].label, all[start].label) == 0; end++)
            entities += all[end].entity != all[end - 1].entity;
        for (size_t k = start; k < end; k++)
            counts[all[k].order] = entities;
    }
    return counts;
}

static void audit_expense(const report_context *c, const entity *e, const item *it,
                          size_t label_entities, report_table *t)
{
    const char *amount = report_written_amount(c, it);
    if (!has_cost_tag(it))
        report_table_row(t, e->title, it->label, amount, "untagged: tag it fixed or variable");
    if (label_entities > 1)
        report_table_row(t, e->title, it->label, amount, "duplicate across entities");
    if (model_item_has_tag(it, "unused"))
        report_table_row(t, e->title, it->label, amount, "unused");
}

static void put_expense_audit(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Item", REPORT_LEFT},
        {"Amount", REPORT_RIGHT},
        {"Finding", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    strbuf_puts(out, "## Expense audit\n\n");
    const size_t *label_entities = label_counts(c);
    size_t order = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++)
            audit_expense(c, c->entities[i], &s->items[j], label_entities[order++], &t);
    }
    if (!t.row_count) {
        strbuf_puts(out, "Nothing to flag: no untagged, duplicate or unused expense.\n\n");
        return;
    }
    report_table_write(&t, out);
}

/* The calendar quarter `offset` quarters after the one holding `now`. */
static const char *quarter_name(const report_context *c, int offset)
{
    struct tm tm;
    time_t now = c->options->now;
    gmtime_r(&now, &tm);
    int index = tm.tm_mon / 3 + offset;
    return report_format(c, "Q%d %d", index % 4 + 1, tm.tm_year + 1900 + index / 4);
}

/* "$1,768" or "surplus $1,232": net burn after a step. */
static const char *net_text(const report_context *c, int64_t net)
{
    return net < 0 ? report_format(c, "surplus %s", report_cents_text(c, -net))
                   : report_cents_text(c, net);
}

static bool roadmap_inputs(const report_context *c, int64_t *net)
{
    bool stated = false;
    *net = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (!report_entity_states_expenses(c, e))
            continue;
        stated = true;
        *net += report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    }
    return stated;
}

/* Quarter by quarter from the report date: this quarter the savings the
 * data already shows; next quarter each unit business at break-even
 * volume; the quarter after, what is left to find. */
static void put_roadmap(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Quarter", REPORT_LEFT},
        {"Step", REPORT_LEFT},
        {"Effect/month", REPORT_RIGHT},
        {"Net burn after", REPORT_RIGHT},
    };
    strbuf_puts(out, "## Profitability roadmap\n\n");
    int64_t net;
    if (!roadmap_inputs(c, &net)) {
        strbuf_puts(out, "No roadmap without expenses: see Data quality.\n\n");
        return;
    }
    strbuf_printf(out, "Net burn today: %s/month (midpoint).\n\n", net_text(c, net));
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    report_savings savings;
    report_find_savings(c, &savings);
    if (savings.count) {
        net -= savings.total.mid;
        report_table_row(&t, quarter_name(c, 0), "Cancel unused and duplicate subscriptions",
                         report_cents_text(c, -savings.total.mid), net_text(c, net));
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        report_unit_economics u;
        const entity *e = c->entities[i];
        if (!report_unit_economics_of(c, e, &u) || !u.reachable || !u.has_volume)
            continue;
        int64_t now = u.volume_scaled / MODEL_SCALE;
        if (now >= u.break_even_units)
            continue;
        int64_t gain = (u.break_even_units - now) * u.margin;
        net -= gain;
        report_table_row(
            &t, quarter_name(c, 1),
            report_format(c, "%s at %s/month (break-even)", e->title,
                          report_unit_count(c, u.unit, u.break_even_units * MODEL_SCALE)),
            report_cents_text(c, -gain), net_text(c, net));
    }
    if (net > 0)
        report_table_row(&t, quarter_name(c, 2), "New revenue still needed",
                         report_cents_text(c, -net), report_cents_text(c, 0));
    else
        report_table_row(&t, quarter_name(c, 2), "Profitable: hold fixed costs", "\u2014",
                         net_text(c, net));
    report_table_write(&t, out);
}

void report_cao(const report_context *c, strbuf *out)
{
    put_recognition(c, out);
    put_accounts(c, out);
    put_expense_audit(c, out);
    report_put_reconciliation(c, out);
    report_put_receivables(c, out);
    put_roadmap(c, out);
}
