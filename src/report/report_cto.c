/* report_cto: stack audit, security gaps, tech costs and savings, UX gaps,
 * dev-cycle improvements.
 *
 * Security gaps come from the site inspection (model_inspect_site): the
 * excerpts are masked by the model, and this file prints nothing else from a
 * site file, so a secret cannot reach a report. Severity is a table.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"

static const struct {
    finding_kind kind;
    const char *severity;
    int rank;
    const char *what;
    const char *fix;
} finding_rules[] = {
    {FINDING_HARDCODED_SECRET, "critical", 0, "hard-coded credential",
     "rotate the key now and load it from the environment or a secret store"},
    {FINDING_UNAUTHENTICATED_ENDPOINT, "high", 1, "endpoint without authentication",
     "check a token or signature before serving the request"},
    {FINDING_HTTP_LINK, "medium", 2, "plain http:// link", "link over https://"},
    {FINDING_NO_ANALYTICS, "low", 3, "page without analytics",
     "add the analytics tag the other sites use"},
};

#define FINDING_RULE_COUNT (sizeof finding_rules / sizeof finding_rules[0])

static int rule_of(finding_kind kind)
{
    for (size_t i = 0; i < FINDING_RULE_COUNT; i++)
        if (finding_rules[i].kind == kind)
            return (int)i;
    return -1;
}

typedef struct {
    const entity *entity;
    const finding *finding;
    int rule;
} scoped_finding;

typedef struct {
    scoped_finding *items;
    size_t count;
    size_t capacity;
} finding_list;

static int finding_order(const void *a, const void *b)
{
    const scoped_finding *x = a, *y = b;
    if (finding_rules[x->rule].rank != finding_rules[y->rule].rank)
        return finding_rules[x->rule].rank - finding_rules[y->rule].rank;
    int by_file = strcmp(x->finding->file, y->finding->file);
    return by_file ? by_file : x->finding->line - y->finding->line;
}

static void collect_findings(const report_context *c, finding_list *list)
{
    *list = (finding_list){0};
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const site *s = e->site ? model_find_site(c->portfolio, e->site) : NULL;
        for (size_t j = 0; s && j < s->finding_count; j++) {
            int rule = rule_of(s->findings[j].kind);
            if (rule < 0)
                continue;
            scoped_finding *f = arena_push(c->arena, (void **)&list->items, &list->count,
                                           &list->capacity, sizeof *list->items);
            *f = (scoped_finding){e, &s->findings[j], rule};
        }
    }
    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, finding_order);
}

static const char *join(const report_context *c, const char *const *parts, size_t count)
{
    strbuf b = STRBUF_INIT;
    for (size_t i = 0; i < count; i++)
        strbuf_printf(&b, "%s%s", i ? ", " : "", parts[i]);
    const char *s = arena_strdup(c->arena, strbuf_cstr(&b));
    strbuf_free(&b);
    return s;
}

static void put_stack(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Component", REPORT_LEFT},
        {"Built with", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 3);
    strbuf_puts(out, "## Stack audit\n\n");
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *tech = &e->sections[SECTION_TECH];
        for (size_t j = 0; j < tech->item_count; j++)
            report_table_row(&t, e->title, tech->items[j].label, tech->items[j].text);
        const site *s = e->site ? model_find_site(c->portfolio, e->site) : NULL;
        if (s)
            report_table_row(&t, e->title,
                             report_format(c, "sites/%s (%zu %s)", s->name, s->file_count,
                                           s->file_count == 1 ? "file" : "files"),
                             s->stack_count ? join(c, s->stack, s->stack_count) : "not recognised");
        else if (e->site)
            report_table_row(&t, e->title, report_format(c, "sites/%s", e->site), "not found");
        if (!tech->item_count && !e->site)
            report_note_missing(c, e, SECTION_TECH, "- Component: what it is built with");
    }
    if (t.row_count)
        report_table_write(&t, out);
    else
        strbuf_puts(out, "No Tech sections or sites in scope.\n\n");
}

/* A list, not a table: paths and excerpts are long, and a list wraps. */
static void put_security(const report_context *c, const finding_list *list, strbuf *out)
{
    strbuf_puts(out, "## Security gaps\n\n");
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const scoped_finding *f = &list->items[i];
        if (f->finding->kind == FINDING_NO_ANALYTICS)
            continue;
        strbuf_printf(out, "- **%s**: %s at `%s:%d`", finding_rules[f->rule].severity,
                      finding_rules[f->rule].what, f->finding->file, f->finding->line);
        if (f->finding->excerpt && *f->finding->excerpt) {
            bool secret = f->finding->kind == FINDING_HARDCODED_SECRET;
            strbuf_puts(out, secret ? " (masked: " : " (");
            report_put_code_span(out, f->finding->excerpt);
            strbuf_putc(out, ')');
        }
        strbuf_putc(out, '\n');
        n++;
    }
    if (!n)
        strbuf_puts(out, "No hard-coded credentials, open endpoints or http:// links found in "
                         "the sites in scope.\n");
    strbuf_putc(out, '\n');
}

static void tech_cost(const report_context *c, const entity *e, const item *it, void *user)
{
    report_table *t = user;
    report_amount m;
    if (!model_item_has_tag(it, "tech") || !report_item_monthly(c, e, it, &m))
        return;
    report_table_row(t, e->title, it->label, report_amount_text(c, &m),
                     model_item_has_tag(it, "unused") ? "unused" : "");
}

static void put_costs(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Item", REPORT_LEFT},
        {"Monthly", REPORT_RIGHT},
        {"Flag", REPORT_LEFT},
    };
    static const report_column saving_columns[] = {
        {"Entity", REPORT_LEFT},
        {"Item", REPORT_LEFT},
        {"Saves/month", REPORT_RIGHT},
        {"Why", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    for (size_t i = 0; i < c->entity_count; i++)
        report_each_item(c, c->entities[i], SECTION_EXPENSES, tech_cost, &t);
    report_amount total = report_scope_monthly(c, SECTION_EXPENSES, "tech");
    strbuf_puts(out, "## Cost analysis\n\n");
    if (!t.row_count) {
        strbuf_puts(out, "No expenses tagged `tech` in scope: tag subscriptions and hosting "
                         "with `tech` to see them here.\n\n");
        return;
    }
    strbuf_printf(out, "Tech spend (expenses tagged `tech`): **%s/month**.\n\n",
                  report_amount_text(c, &total));
    report_table_write(&t, out);
    report_savings savings;
    report_find_savings(c, &savings);
    if (!savings.count) {
        strbuf_puts(out, "No savings found: no item tagged `unused` and no duplicate "
                         "subscription.\n\n");
        return;
    }
    strbuf_printf(out,
                  "Savings: **%s/month**, from items tagged `unused` and subscriptions "
                  "paid twice (the dearest copy is kept).\n\n",
                  report_amount_text(c, &savings.total));
    report_table s;
    report_table_init(&s, c->arena, saving_columns, 4);
    for (size_t i = 0; i < savings.count; i++)
        report_table_row(&s, savings.items[i].entity->title, savings.items[i].item->label,
                         report_amount_text(c, &savings.items[i].monthly), savings.items[i].reason);
    report_table_write(&s, out);
}

static void put_ux(const report_context *c, const finding_list *list, strbuf *out)
{
    strbuf_puts(out, "## UX gaps\n\n");
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const finding *f = list->items[i].finding;
        if (f->kind == FINDING_NO_ANALYTICS)
            report_bullet(out, &n,
                          "%s: `%s` has no analytics, so nobody can see where visitors "
                          "drop off.",
                          list->items[i].entity->title, f->file);
        else if (f->kind == FINDING_HTTP_LINK)
            report_bullet(out, &n,
                          "%s: `%s:%d` sends visitors to a plain http:// page (browser "
                          "warning).",
                          list->items[i].entity->title, f->file, f->line);
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *tech = &c->entities[i]->sections[SECTION_TECH];
        for (size_t j = 0; j < tech->item_count; j++)
            if (model_item_has_tag(&tech->items[j], "missing"))
                report_bullet(out, &n, "%s: %s is missing.", c->entities[i]->title,
                              tech->items[j].label);
    }
    if (!n)
        strbuf_puts(out, "None found in the sites and Tech sections in scope.\n");
    strbuf_putc(out, '\n');
}

/* One fix per gap kind and file: two keys in one file are one task. */
static bool fixed_earlier(const finding_list *list, size_t index)
{
    const scoped_finding *f = &list->items[index];
    for (size_t i = 0; i < index; i++)
        if (list->items[i].rule == f->rule &&
            strcmp(list->items[i].finding->file, f->finding->file) == 0)
            return true;
    return false;
}

static void put_dev_cycle(const report_context *c, const finding_list *list, strbuf *out)
{
    strbuf_puts(out, "## Dev-cycle improvements\n\n");
    report_entry *actions;
    size_t count = report_collect_items(c, SECTION_ACTIONS, "tech", &actions);
    size_t n = 0;
    for (; n < count; n++)
        strbuf_printf(out, "%zu. %s: %s (%s)\n", n + 1, actions[n].entity->title,
                      actions[n].item->label, report_item_priority(actions[n].item));
    for (size_t i = 0; i < list->count; i++) {
        const scoped_finding *f = &list->items[i];
        if (f->finding->kind == FINDING_NO_ANALYTICS || f->finding->kind == FINDING_HTTP_LINK)
            continue;
        if (fixed_earlier(list, i))
            continue;
        strbuf_printf(out, "%zu. %s: %s in `%s` (%s)\n", ++n, f->entity->title,
                      finding_rules[f->rule].fix, f->finding->file,
                      finding_rules[f->rule].severity);
    }
    if (!n)
        strbuf_puts(out, "Nothing pending: no Actions tagged `tech` and no security gap.\n");
    strbuf_putc(out, '\n');
}

void report_cto(const report_context *c, strbuf *out)
{
    finding_list findings;
    collect_findings(c, &findings);
    put_stack(c, out);
    put_security(c, &findings, out);
    put_costs(c, out);
    put_ux(c, &findings, out);
    put_dev_cycle(c, &findings, out);
}
