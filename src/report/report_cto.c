/* report_cto: stack audit, security gaps, tech costs and savings, UX gaps,
 * dev-cycle improvements.
 *
 * Security gaps come from the site inspection (model_inspect_site): the
 * excerpts are masked by the model, and this file prints nothing else from a
 * site file, so a secret cannot reach a report. Severity is a table.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "report/report_internal.h"

/* The scan's findings in scope: the UX gaps read the analytics ones (an
 * http:// link is a security gap, listed once); security gaps and
 * dev-cycle items come from report_collect_gaps. */
typedef struct {
    const entity *entity;
    const finding *finding;
} scoped_finding;

typedef struct {
    scoped_finding *items;
    size_t count;
    size_t capacity;
} finding_list;

static int finding_order(const void *a, const void *b)
{
    const scoped_finding *x = a, *y = b;
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
            scoped_finding *f = arena_push(c->arena, (void **)&list->items, &list->count,
                                           &list->capacity, sizeof *list->items);
            *f = (scoped_finding){e, &s->findings[j]};
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
            report_table_row(&t, e->title, tech->items[j].label,
                             *tech->items[j].text                               ? tech->items[j].text
                             : model_item_has_tag(&tech->items[j], "missing") ? "MISSING"
                                                                              : "\u2014");
        const site *s = e->site ? model_find_site(c->portfolio, e->site) : NULL;
        if (s)
            report_table_row(&t, e->title,
                             report_format(c, "sites/%s (%zu %s)", s->name, s->file_count,
                                           s->file_count == 1 ? "file" : "files"),
                             s->stack_count ? join(c, s->stack, s->stack_count) : "not recognised");
        else if (e->site)
            report_table_row(&t, e->title, report_format(c, "sites/%s", e->site), "not found");
    }
    if (t.row_count)
        report_table_write(&t, out);
    else
        strbuf_puts(out, "No Tech sections or sites in scope.\n\n");
}

/* A list, not a table: paths and excerpts are long, and a list wraps. */
/* The domains the handoffs in scope list (`Domains:`), counted. */
static size_t domains_listed(const report_context *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->entity_count; i++)
        n += c->entities[i]->domain_count;
    return n;
}

/* How many entities in scope name a site the scan read. */
static size_t sites_in_scope(const report_context *c)
{
    size_t sites = 0;
    for (size_t i = 0; i < c->entity_count; i++)
        sites += c->entities[i]->site &&
                 model_find_site(c->portfolio, c->entities[i]->site) != NULL;
    return sites;
}

/* Whether any entity in scope has a `## Tech` section. */
static bool tech_in_scope(const report_context *c)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (c->entities[i]->has_section[SECTION_TECH])
            return true;
    return false;
}

/* Why the scan did not read the Site `e` names, from the diagnostic the
 * model gave it; NULL when it read it or `e` names none. */
static const char *unscanned_why(const report_context *c, const entity *e)
{
    if (!e->site || model_find_site(c->portfolio, e->site))
        return NULL;
    const diag_list *d = &c->portfolio->diagnostics;
    const char *folder = report_format(c, "sites/%s", e->site);
    for (size_t i = 0; i < d->count; i++) {
        const char *m = d->items[i].message;
        bool about = strcmp(d->items[i].file, e->path) == 0 || strcmp(d->items[i].file, folder) == 0;
        if (about && strstr(m, "leads outside the portfolio"))
            return "its path leads outside the portfolio";
        if (about && strstr(m, "is missing"))
            return report_format(c, "its folder sites/%s is missing", e->site);
    }
    return "the scan could not read it";
}

/* The handoff line that names the Site (its `file:line` in the clause). */
static int site_line(const entity *e)
{
    for (size_t i = 0; i < e->field_count; i++)
        if (strcasecmp(e->fields[i].key, "site") == 0)
            return e->fields[i].line;
    return 0;
}

static void put_unscanned_entity(const report_context *c, const entity *e, strbuf *out)
{
    const char *why = unscanned_why(c, e);
    if (why)
        strbuf_printf(out, "; %s site was not scanned: %s (%s:%d)", report_possessive(c, e->title),
                      why, report_file_name(e), site_line(e));
}

/* "; Oakline Print Co.'s site was not scanned: its path leads outside the
 * portfolio (oakline-print.md:7)": each business in scope, and in the
 * portfolio scope each ancillary one, whose Site the scan could not read,
 * never silently out of the W of S (docs/reports.md, CTO headline 1;
 * eyes-final13 Q14). */
static void put_unscanned(const report_context *c, strbuf *out)
{
    for (size_t i = 0; i < c->entity_count; i++)
        put_unscanned_entity(c, c->entities[i], out);
    for (size_t i = 0; c->is_portfolio && i < c->portfolio->entity_count; i++)
        if (c->portfolio->entities[i].kind == ENTITY_ANCILLARY)
            put_unscanned_entity(c, &c->portfolio->entities[i], out);
}

static void put_security(const report_context *c, const report_gap_list *gaps, strbuf *out)
{
    strbuf_puts(out, "## Security gaps\n\n");
    for (size_t i = 0; i < gaps->count; i++) {
        const report_gap *g = &gaps->items[i];
        strbuf_printf(out, "- **%s** (effort %s): %s at `%s:%s`", report_severity_names[g->severity],
                      report_effort_name(g->effort), g->what, g->file, g->lines);
        if (g->excerpts) {
            strbuf_puts(out, g->kind == FINDING_HARDCODED_SECRET ? " (masked: " : " (");
            report_put_code_span(out, g->excerpts);
            strbuf_putc(out, ')');
        }
        strbuf_putc(out, '\n');
    }
    strbuf unscanned = STRBUF_INIT;
    put_unscanned(c, &unscanned);
    if (!gaps->count && !sites_in_scope(c) && unscanned.len) /* named, not read (Q14) */
        strbuf_printf(out, "Not inspected%s.\n", strbuf_cstr(&unscanned));
    else if (!gaps->count && !sites_in_scope(c) && domains_listed(c)) /* the ask (S7) */
        strbuf_printf(out, "Not inspected: no handoff names a Site: %s.\n",
                      report_ask_scope(c, SITE_ASK));
    else if (!gaps->count && !sites_in_scope(c)) /* nothing read is not "none found" (S2) */
        strbuf_puts(out, "Not inspected: no handoff names a Site (see the headline).\n");
    else if (!gaps->count)
        strbuf_puts(out, "No hard-coded credentials, open endpoints or http:// links found in "
                         "the sites in scope.\n");
    strbuf_free(&unscanned);
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

/* reports.md, CTO headline 3 (fixR): an open tech risk -- a `## Risks`
 * item tagged `tech`, or naming an expense line tagged `tech` -- is
 * pending, so the decision and Cost analysis name it. */
#define TECH_RISK_MAX 32

typedef struct {
    const entity *entity;
    const item *risk;
} tech_risk;

static bool is_tech_risk(const entity *e, const item *risk)
{
    const item *line = report_risk_expense_line(e, risk);
    return model_item_has_tag(risk, "tech") || (line && model_item_has_tag(line, "tech"));
}

static size_t collect_tech_risks(const report_context *c, tech_risk *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *risks = &c->entities[i]->sections[SECTION_RISKS];
        for (size_t j = 0; j < risks->item_count && n < max; j++)
            if (is_tech_risk(c->entities[i], &risks->items[j]))
                out[n++] = (tech_risk){c->entities[i], &risks->items[j]};
    }
    return n;
}

/* "Quillwork Academy's Platform price rise, $149/month more if Course
 * platform ($149/month, quillwork.md:11) doubles (low, quillwork.md:21)":
 * priced by the Risk cost rule when the file prices it (handoff-format.md). */
static const char *tech_risk_text(const report_context *c, const tech_risk *t)
{
    report_amount a;
    const char *priced = NULL;
    const char *slash = strrchr(t->entity->path, '/');
    const char *file = slash ? slash + 1 : t->entity->path;
    const char *amount = "";
    if (report_risk_monthly(c, t->entity, t->risk, &a, &priced))
        amount = priced ? report_format(c, ", %s", priced)
                        : report_format(c, ", %s/month", report_dollars_text(c, a.mid));
    return report_format(c, "%s %s%s (%s, %s:%d)", report_possessive(c, t->entity->title),
                         t->risk->label, amount, report_item_priority(t->risk), file,
                         t->risk->line);
}

/* "Tech risks open:" and one line each, under Cost analysis. */
static void put_tech_risks(const report_context *c, strbuf *out)
{
    tech_risk risks[TECH_RISK_MAX];
    size_t n = collect_tech_risks(c, risks, TECH_RISK_MAX);
    if (!n)
        return;
    strbuf_puts(out, "Tech risks open:\n\n");
    for (size_t i = 0; i < n; i++)
        strbuf_printf(out, "- %s\n", tech_risk_text(c, &risks[i]));
    strbuf_puts(out, "\n");
}

/* The headline decision's "; also open: ..." (fixR): "" when no tech risk. */
static const char *tech_risks_also(const report_context *c)
{
    tech_risk risks[TECH_RISK_MAX];
    size_t n = collect_tech_risks(c, risks, TECH_RISK_MAX);
    if (!n)
        return "";
    return n == 1 ? report_format(c, "; also open: %s", tech_risk_text(c, &risks[0]))
                  : report_format(c, "; also open: %zu tech risks (Cost analysis)", n);
}

static void put_cost_savings(const report_context *c, strbuf *out);

static void put_costs(const report_context *c, strbuf *out)
{
    put_cost_savings(c, out);
    put_tech_risks(c, out);
}

static void put_cost_savings(const report_context *c, strbuf *out)
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
    strbuf_printf(out, "Savings: **%s/month**.\n\n", report_amount_text(c, &savings.total));
    report_table s;
    report_table_init(&s, c->arena, saving_columns, 4);
    for (size_t i = 0; i < savings.count; i++)
        report_table_row(&s, savings.items[i].entity->title, savings.items[i].item->label,
                         report_amount_text(c, &savings.items[i].monthly), savings.items[i].reason);
    report_table_write(&s, out);
}

static bool is_practice(const item *it);

static void put_ux(const report_context *c, const finding_list *list, strbuf *out)
{
    strbuf_puts(out, "## UX gaps\n\n");
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const finding *f = list->items[i].finding;
        /* an http:// link is a security gap, listed there once (G9) */
        if (f->kind == FINDING_NO_ANALYTICS)
            report_bullet(out, &n,
                          "%s: `%s` has no analytics tag: its visits are not measured.",
                          list->items[i].entity->title, f->file);
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *tech = &c->entities[i]->sections[SECTION_TECH];
        for (size_t j = 0; j < tech->item_count; j++)
            if (model_item_has_tag(&tech->items[j], "missing") && !is_practice(&tech->items[j]))
                report_bullet(out, &n, "%s: %s is missing.", c->entities[i]->title,
                              tech->items[j].label);
    }
    if (!n && !sites_in_scope(c) && !tech_in_scope(c)) /* eyes-final6b S2 */
        strbuf_puts(out, "No site or Tech section to check.\n");
    else if (!n)
        strbuf_puts(out, "None found in the sites and Tech sections in scope.\n");
    strbuf_putc(out, '\n');
}

/* One dev-cycle row: a gap's fix, a CI or backups gap, or a tech action. */
typedef struct {
    report_severity severity;
    int effort_rank; /* report_effort, or EFFORT_COUNT when only a cost is known */
    const char *improvement;
    const entity *entity;
    const char *effort; /* a size ("1 hour", "half a day", "not stated"), never money */
    const char *where;
    size_t order;     /* as found: keeps ties stable */
    const char *cost; /* an action's cost as written; NULL for gaps */
    const char *what;       /* a finding's name ("no backups"); NULL for actions */
    const report_gap *gap;  /* the scan's gap of the row, else NULL */
} dev_item;

typedef struct {
    dev_item *items;
    size_t count;
    size_t capacity;
} dev_list;

static void add_dev(const report_context *c, dev_list *list, dev_item item)
{
    dev_item *d = arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity,
                             sizeof *list->items);
    item.order = list->count;
    *d = item;
}

/* `## Tech` lines whose "none" is a dev-cycle item. */
static const struct {
    const char *const labels[3]; /* NULL-terminated */
    const char *field;           /* asked for in Data quality when absent */
    const char *improvement;
    report_severity severity;
    report_effort effort;
    const char *what; /* the finding, as the CEO names it */
    /* tagged `missing`: nobody recorded it, which is not "none" (W2) */
    const char *unrecorded_improvement;
    report_effort unrecorded_effort;
    const char *unrecorded_what;
} practice_rules[] = {
    {{"CI", "Continuous integration", NULL}, "CI: ...", "set up CI: build and test every push",
     SEVERITY_MEDIUM, EFFORT_DAY, "no CI", "confirm CI runs on every push, else set it up",
     EFFORT_HALF_DAY, "CI not recorded"},
    {{"Backups", "Backup", NULL}, "Backups: ...", "set up backups and test a restore",
     SEVERITY_HIGH, EFFORT_DAY, "no backups", "confirm backups exist and test a restore",
     EFFORT_HALF_DAY, "backups not recorded"},
};

#define PRACTICE_RULE_COUNT (sizeof practice_rules / sizeof practice_rules[0])

static const char *const none_words[] = {"none", "no", "not set up"};

static bool says_none(const item *it)
{
    if (model_item_has_tag(it, "missing"))
        return true;
    for (size_t i = 0; i < sizeof none_words / sizeof none_words[0]; i++)
        if (strcasecmp(it->text, none_words[i]) == 0)
            return true;
    return false;
}

/* A CI or backups line: a dev-cycle row when missing, not a UX gap. */
static bool is_practice(const item *it)
{
    for (size_t rule = 0; rule < PRACTICE_RULE_COUNT; rule++)
        for (const char *const *l = practice_rules[rule].labels; *l; l++)
            if (strcasecmp(it->label, *l) == 0)
                return true;
    return false;
}

static const item *practice_item(const entity *e, size_t rule)
{
    const section *tech = &e->sections[SECTION_TECH];
    for (size_t i = 0; i < tech->item_count; i++)
        for (const char *const *l = practice_rules[rule].labels; *l; l++)
            if (strcasecmp(tech->items[i].label, *l) == 0)
                return &tech->items[i];
    return NULL;
}

/* The practice line `it` of rule `r` as a finding: "none" is the fix of
 * a missing practice, `(missing)` the step that finds out first (W2). */
static report_cto_finding practice_finding(const report_context *c, const entity *e, size_t r,
                                           const item *it)
{
    bool unrecorded = model_item_has_tag(it, "missing");
    return (report_cto_finding){
        unrecorded ? practice_rules[r].unrecorded_what : practice_rules[r].what,
        unrecorded ? practice_rules[r].unrecorded_improvement : practice_rules[r].improvement,
        unrecorded ? practice_rules[r].unrecorded_effort : practice_rules[r].effort,
        report_format(c, "%s:%d", e->path, it->line), NULL};
}

enum { PRACTICE_CI = 0, PRACTICE_BACKUPS = 1 }; /* practice_rules' rows */

/* Whether some handoff in scope states practice `rule` (a `CI` or
 * `Backups` line): only then can its gap be said absent (eyes-final18 W7). */
static bool practice_stated(const report_context *c, size_t rule)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (practice_item(c->entities[i], rule))
            return true;
    return false;
}

const char *report_cto_backups_step(const report_context *c, const entity *e,
                                    report_effort *effort, const char **where)
{
    const item *it = practice_item(e, PRACTICE_BACKUPS);
    if (!e->has_section[SECTION_TECH] || !it || !says_none(it))
        return NULL;
    report_cto_finding f = practice_finding(c, e, PRACTICE_BACKUPS, it);
    *effort = f.effort;
    *where = f.where;
    /* "none" is a fact the fix follows from; "not recorded" must be said,
     * or "confirm they exist" reads as doubt about a stated fact */
    return model_item_has_tag(it, "missing") ? report_format(c, "%s: %s", f.what, f.fix) : f.fix;
}

/* CI and backups: "none" is a row; no line at all is asked for, one
 * Data quality line per field (each names every file that lacks it). */
static void practice_gaps(const report_context *c, const entity *e, dev_list *list)
{
    if (!e->has_section[SECTION_TECH]) {
        if (e->site) /* a site whose backups nobody states (G10) */
            report_note_missing_section(c, e, SECTION_TECH);
        return;
    }
    for (size_t r = 0; r < PRACTICE_RULE_COUNT; r++) {
        const item *it = practice_item(e, r);
        if (!it) {
            if (e->site) /* no site, no code to build or restore: nothing to ask */
                report_note_missing(c, e, SECTION_TECH, practice_rules[r].field);
        } else if (says_none(it)) {
            report_cto_finding f = practice_finding(c, e, r, it);
            add_dev(c, list,
                    (dev_item){practice_rules[r].severity, (int)f.effort, f.fix, e,
                               report_effort_name(f.effort), f.where, 0, NULL, f.what, NULL});
        }
    }
}

static const report_severity priority_severity[] = {SEVERITY_HIGH, SEVERITY_MEDIUM, SEVERITY_LOW,
                                                    SEVERITY_LOW};

static bool action_is_a_gap(const report_gap_list *gaps, const report_entry *action)
{
    for (size_t i = 0; i < gaps->count; i++)
        if (gaps->items[i].entity == action->entity &&
            report_action_fixes_gap(action->item, &gaps->items[i]))
            return true;
    return false;
}

/* The first tech action of the gap's entity that fixes it, else NULL. */
static const report_entry *action_for_gap(const report_entry *actions, size_t count,
                                          const report_gap *g)
{
    for (size_t i = 0; i < count; i++)
        if (actions[i].entity == g->entity && report_action_fixes_gap(actions[i].item, g))
            return &actions[i];
    return NULL;
}

/* An action's cost as written ("$1,200 one-off", "$0"), "not stated"
 * without an amount: its own column, never read as effort. */
static const char *action_cost(const report_context *c, const item *action)
{
    if (action->value.kind != VALUE_MONEY)
        return "not stated";
    return report_written_amount(c, action);
}

/* Effort sizes an action may carry as a tag, and where they sort. */
static const struct {
    const char *unit; /* "hour" matches "1 hour", "3 hours" */
    int64_t most;     /* counts up to this sort as `effort` */
    report_effort effort;
} effort_tags[] = {
    {"hour", 1, EFFORT_HOUR},
    {"hour", 4, EFFORT_HALF_DAY},
    {"hour", 8, EFFORT_DAY},
    {"day", 1, EFFORT_DAY},
};

/* An action's effort from a tag `N hour(s)`, `N day(s)` or `half a day`;
 * "not stated" (sorted last) without one. */
static const char *action_effort(const item *action, int *rank)
{
    *rank = EFFORT_COUNT;
    for (size_t i = 0; i < action->tag_count; i++) {
        const char *tag = action->tags[i];
        if (strcmp(tag, "half a day") == 0) {
            *rank = EFFORT_HALF_DAY;
            return tag;
        }
        char unit[8] = "";
        long long n = 0;
        if (sscanf(tag, "%lld %7s", &n, unit) != 2 || n <= 0)
            continue;
        size_t len = strlen(unit);
        if (len && unit[len - 1] == 's')
            unit[len - 1] = '\0';
        for (size_t r = 0; r < sizeof effort_tags / sizeof effort_tags[0]; r++)
            if (strcmp(unit, effort_tags[r].unit) == 0 && n <= effort_tags[r].most) {
                *rank = (int)effort_tags[r].effort;
                return tag;
            }
        if (strcmp(unit, "hour") == 0 || strcmp(unit, "day") == 0)
            return tag; /* larger than a day: sorted last, as written */
    }
    return "not stated";
}

static int dev_order(const void *a, const void *b)
{
    const dev_item *x = a, *y = b;
    if (x->severity != y->severity)
        return (int)x->severity - (int)y->severity;
    if (x->effort_rank != y->effort_rank)
        return x->effort_rank - y->effort_rank;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void collect_dev_cycle(const report_context *c, const report_gap_list *gaps, dev_list *list)
{
    *list = (dev_list){0};
    report_entry *actions;
    size_t count = report_collect_items(c, SECTION_ACTIONS, "tech", &actions);
    for (size_t i = 0; i < gaps->count; i++) {
        /* every gap the headline counts, the http:// link too, has its row (A13) */
        const report_gap *g = &gaps->items[i];
        const report_entry *action = action_for_gap(actions, count, g);
        add_dev(c, list,
                (dev_item){g->severity, (int)g->effort,
                           action ? report_format(c, "%s: %s", action->item->label, g->fix)
                                  : g->fix,
                           g->entity, report_effort_name(g->effort), report_gap_where(c, g), 0, NULL,
                           g->what, g});
    }
    for (size_t i = 0; i < c->entity_count; i++)
        practice_gaps(c, c->entities[i], list);
    for (size_t i = 0; i < count; i++) {
        if (action_is_a_gap(gaps, &actions[i]))
            continue;
        int rank;
        const char *effort = action_effort(actions[i].item, &rank);
        const char *other = report_other_secret_note(c, actions[i].item, actions[i].entity, gaps);
        add_dev(c, list,
                (dev_item){priority_severity[actions[i].rank], rank,
                           other ? other : actions[i].item->label, actions[i].entity, effort,
                           report_format(c, "%s:%d", actions[i].entity->path,
                                         actions[i].item->line),
                           0, action_cost(c, actions[i].item), NULL, NULL});
    }
    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, dev_order);
}

const char *report_cto_finding_text(const report_context *c, const report_cto_finding *f)
{
    const char *slash = strrchr(f->where, '/');
    const char *at = slash ? slash + 1 : f->where;
    if (f->gap && f->gap->kind == FINDING_UNAUTHENTICATED_ENDPOINT) {
        const char *file = strrchr(f->gap->file, '/');
        file = file ? file + 1 : f->gap->file;
        return report_format(c, "the %.*s endpoint answers any request, no token checked (%s)",
                             (int)strcspn(file, "."), file, at);
    }
    return report_format(c, "%s (%s)", f->what, at);
}

const char *report_cto_finding_fix(const report_cto_finding *f)
{
    return f->gap ? f->gap->fix : f->fix;
}

/* A dev-cycle row that is a finding (a scan gap or a missing practice),
 * as the CEO names it. */
static report_cto_finding dev_finding(const dev_item *d)
{
    return (report_cto_finding){d->what, d->improvement, (report_effort)d->effort_rank, d->where,
                                d->gap};
}

size_t report_cto_high_findings(const report_context *c, const entity *e,
                                report_cto_finding *out, size_t max)
{
    /* the CTO's asks (`CI: ...`) are the CTO's Data quality, not the caller's */
    report_missing unasked = {0};
    report_context quiet = *c;
    quiet.missing = &unasked;
    report_gap_list gaps;
    dev_list dev;
    report_collect_gaps(&quiet, &gaps);
    collect_dev_cycle(&quiet, &gaps, &dev);
    size_t n = 0;
    for (size_t i = 0; i < dev.count && n < max; i++)
        if (dev.items[i].entity == e && dev.items[i].severity == SEVERITY_HIGH && dev.items[i].what)
            out[n++] = dev_finding(&dev.items[i]);
    return n;
}

/* "no security gap", or "no site inspected" when nothing was: never a
 * clean bill nobody checked (reports.md, CTO; eyes-final9 W8). */
static const char *security_none_text(const report_context *c)
{
    return sites_in_scope(c) ? "no security gap" : "no site inspected";
}

/* "Nothing pending"'s practices (docs/reports.md, CTO; eyes-final18 W7):
 * the gap said absent only of a practice some handoff states, ", no CI
 * or backups gap", ", no CI gap" or ""; and in `unchecked` the sentence
 * for the rest, "CI and backups: not stated in any handoff, so not
 * checked.", or "". Never a clean bill for what nobody stated. */
static const char *practices_checked_text(const report_context *c, const char **unchecked)
{
    bool ci = practice_stated(c, PRACTICE_CI), backups = practice_stated(c, PRACTICE_BACKUPS);
    const char *rest = !ci && !backups ? "CI and backups"
                       : !ci               ? "CI"
                       : !backups          ? "Backups"
                                           : NULL;
    *unchecked = rest ? report_format(c, " %s: not stated in any handoff, so not checked.", rest)
                      : "";
    return ci && backups ? ", no CI or backups gap"
           : ci          ? ", no CI gap"
           : backups     ? ", no backups gap"
                         : "";
}

/* Whether nothing in scope could be checked for a pending tech step: no
 * site inspected and no handoff stating CI or backups (W7). */
static bool nothing_checkable(const report_context *c)
{
    return !sites_in_scope(c) && !practice_stated(c, PRACTICE_CI) &&
           !practice_stated(c, PRACTICE_BACKUPS);
}

static void put_dev_cycle(const report_context *c, const dev_list *list, strbuf *out)
{
    static const report_column columns[] = {
        {"#", REPORT_RIGHT},       {"Severity", REPORT_LEFT}, {"Improvement", REPORT_LEFT},
        {"Entity", REPORT_LEFT},   {"Effort", REPORT_LEFT},   {"Cost", REPORT_RIGHT},
        {"Where", REPORT_LEFT},
    };
    strbuf_puts(out, "## Dev-cycle improvements\n\n");
    if (!list->count) {
        const char *unchecked;
        const char *checked = practices_checked_text(c, &unchecked);
        strbuf_printf(out, "Nothing pending: no Actions tagged `tech`, %s%s%s.%s\n\n",
                      security_none_text(c), checked,
                      *tech_risks_also(c) ? "; the tech risks open are in Cost analysis" : "",
                      unchecked);
        return;
    }
    /* A Cost column only when some row has a cost (check17 E10). */
    static const report_column uncosted[] = {
        {"#", REPORT_RIGHT},     {"Severity", REPORT_LEFT}, {"Improvement", REPORT_LEFT},
        {"Entity", REPORT_LEFT}, {"Effort", REPORT_LEFT},   {"Where", REPORT_LEFT},
    };
    bool costed = false;
    for (size_t i = 0; i < list->count; i++)
        costed |= list->items[i].cost != NULL;
    report_table t;
    report_table_init(&t, c->arena, costed ? columns : uncosted, costed ? 7 : 6);
    for (size_t i = 0; i < list->count; i++) {
        const dev_item *d = &list->items[i];
        const char *number = report_format(c, "%zu", i + 1);
        if (costed)
            report_table_row(&t, number, report_severity_names[d->severity], d->improvement,
                             d->entity->title, d->effort, d->cost ? d->cost : "", d->where);
        else
            report_table_row(&t, number, report_severity_names[d->severity], d->improvement,
                             d->entity->title, d->effort, d->where);
    }
    report_table_write(&t, out);
}

/* "- Security: 1 high finding (Loopline Analytics: endpoint without
 * authentication) in the only site inspected (2 files).", "- Security: 3
 * findings (1 critical, 1 high, 1 medium) in 2 of 3 sites (...)": only the severities found, the
 * one finding named, "in W of S sites" only when some site has none
 * (docs/reports.md, CTO headline 1; check17 E10). */
static void put_security_counts(const report_context *c, const report_gap_list *gaps,
                                const size_t *by_severity, size_t with_gaps, size_t sites,
                                size_t files, strbuf *out)
{
    static const report_severity shown[] = {SEVERITY_CRITICAL, SEVERITY_HIGH, SEVERITY_MEDIUM};
    size_t kinds = 0, counted = 0;
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        kinds += by_severity[shown[i]] > 0;
        counted += by_severity[shown[i]];
    }
    /* several severities: the count first, "3 findings (1 critical, 1 high,
     * 1 medium)", never a list without its noun (fixR S18) */
    strbuf_puts(out, "- Security: ");
    if (kinds > 1)
        strbuf_printf(out, "%zu findings (", counted); /* the ones the parentheses add up */
    for (size_t i = 0, n = 0; i < sizeof shown / sizeof shown[0]; i++) {
        size_t k = by_severity[shown[i]];
        if (!k)
            continue;
        const char *bold = shown[i] == SEVERITY_CRITICAL ? "**" : "";
        strbuf_printf(out, "%s%s%zu %s%s", n++ ? ", " : "", bold, k,
                      report_severity_names[shown[i]], bold);
    }
    strbuf_puts(out, kinds > 1 ? ")" : gaps->count == 1 ? " finding" : " findings");
    if (gaps->count == 1)
        strbuf_printf(out, " (%s: %s)", gaps->items[0].entity->title, gaps->items[0].what);
    const char *site_word = sites == 1 ? "site" : "sites";
    const char *files_text = report_format(c, "%zu %s", files, files == 1 ? "file" : "files");
    if (with_gaps == sites && sites == 1) /* eyes-final5a Q10: not "2 files in 1 site" */
        strbuf_printf(out, " in the only site inspected (%s)", files_text);
    else if (with_gaps == sites)
        strbuf_printf(out, " in all %zu sites inspected (%s)", sites, files_text);
    else
        strbuf_printf(out, " in %zu of %zu %s (%zu files inspected)", with_gaps, sites,
                      site_word, files);
}

/* Domains listed but no `Site` to inspect (docs/reports.md, CTO headline 1;
 * eyes-final15 S7): what was seen and that security was not checked, never
 * a line that reads as all-clear; the ask is in Security gaps. */
static void put_domains_unchecked(const report_context *c, strbuf *out)
{
    size_t n = domains_listed(c);
    strbuf_printf(out, "- Security: %zu %s listed (", n, n == 1 ? "domain" : "domains");
    const char *sep = "";
    for (size_t i = 0; i < c->entity_count; i++)
        for (size_t j = 0; j < c->entities[i]->domain_count; j++, sep = ", ")
            strbuf_printf(out, "%s%s", sep, c->entities[i]->domains[j]);
    strbuf_puts(out, ") but no `Site` to inspect: security was not checked");
}

/* Three lines first: how exposed the sites are, what tech costs, and the
 * first dev-cycle item. */
static void put_headline(const report_context *c, const report_gap_list *gaps,
                         const dev_list *dev, strbuf *out)
{
    size_t by_severity[REPORT_SEVERITY_COUNT] = {0}, sites = 0, files = 0, with_gaps = 0;
    for (size_t i = 0; i < gaps->count; i++)
        by_severity[gaps->items[i].severity]++;
    for (size_t i = 0; i < c->entity_count; i++) {
        const site *s = c->entities[i]->site ? model_find_site(c->portfolio, c->entities[i]->site)
                                             : NULL;
        if (!s)
            continue;
        sites++;
        files += s->file_count;
        for (size_t g = 0; g < gaps->count; g++)
            if (gaps->items[g].entity == c->entities[i]) {
                with_gaps++;
                break;
            }
    }
    strbuf_puts(out, "## Headline\n\n");
    strbuf unscanned = STRBUF_INIT;
    put_unscanned(c, &unscanned);
    if (!sites && unscanned.len) /* a Site is named: asking to add one would be wrong */
        strbuf_puts(out, "- Security: no site inspected");
    else if (!sites && domains_listed(c))
        put_domains_unchecked(c, out);
    else if (!sites)
        strbuf_printf(out, "- Security: no site in scope: %s", report_ask_scope(c, SITE_ASK));
    else if (!gaps->count)
        strbuf_printf(out, "- Security: no finding in %zu %s (%zu files inspected)", sites,
                      sites == 1 ? "site" : "sites", files);
    else
        put_security_counts(c, gaps, by_severity, with_gaps, sites, files, out);
    strbuf_printf(out, "%s.\n", strbuf_cstr(&unscanned));
    strbuf_free(&unscanned);
    report_amount tech = report_scope_monthly(c, SECTION_EXPENSES, "tech");
    report_savings savings = {0};
    report_find_savings(c, &savings);
    if (tech.high > 0) {
        strbuf_printf(out, "- Tech spend %s; savings %s.\n", report_figure_text(c, &tech, "/month"),
                      report_figure_text(c, &savings.total, "/month"));
    } else {
        strbuf_puts(out, "- Tech spend: no expense tagged `tech` in scope, so none can be "
                         "audited.\n");
    }
    /* an open tech risk is pending too: never "nothing else" beside it (fixR) */
    const char *also = tech_risks_also(c);
    const dev_item *first = dev->count ? &dev->items[0] : NULL;
    /* a finding is said problem first, in the CEO's words (reports.md CTO
     * headline, fixT 5); an action is its own improvement */
    report_cto_finding finding = first && first->what ? dev_finding(first) : (report_cto_finding){0};
    const char *decision = !first ? NULL
                           : first->what
                               ? report_format(c, "%s: %s", report_cto_finding_text(c, &finding),
                                               report_cto_finding_fix(&finding))
                               : first->improvement;
    if (first)
        strbuf_printf(out, "- Decision: %s (%s, %s, effort %s)%s.\n\n", decision,
                      first->entity->title, report_severity_names[first->severity], first->effort,
                      also);
    else if (savings.count == 1) /* a saving is a decision (eyes-final6b S1) */
        strbuf_printf(out, "- Decision: cancel %s at %s (%s; saves %s/month)%s.\n\n",
                      savings.items[0].item->label, savings.items[0].entity->title,
                      savings.items[0].reason, report_cents_text(c, savings.items[0].monthly.mid),
                      *also                  ? also
                      : nothing_checkable(c) ? "; nothing else could be checked"
                                             : "; nothing else is pending");
    else if (savings.count)
        strbuf_printf(out, "- Decision: cancel the %s/month of unused or duplicate subscriptions "
                           "(Cost analysis)%s.\n\n",
                      report_cents_text(c, savings.total.mid), also);
    else if (*also)
        strbuf_printf(out, "- Decision: none forced%s.\n\n", also);
    else
        strbuf_printf(out, "- Decision: none forced: %s and no tech action.\n\n",
                      security_none_text(c));
}

void report_cto(const report_context *c, strbuf *out)
{
    finding_list findings;
    report_gap_list gaps;
    dev_list dev;
    collect_findings(c, &findings);
    report_collect_gaps(c, &gaps);
    collect_dev_cycle(c, &gaps, &dev);
    put_headline(c, &gaps, &dev, out);
    put_stack(c, out);
    put_security(c, &gaps, out);
    put_costs(c, out);
    put_ux(c, &findings, out);
    put_dev_cycle(c, &dev, out);
}
