/* report_findings: the site scan's security gaps as the CTO and CEO read
 * them: one gap per kind and file (two keys in one file are one task, its
 * lines listed), with a severity, an effort and a fix from one table.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

const char *const report_severity_names[REPORT_SEVERITY_COUNT] = {"critical", "high", "medium",
                                                                   "low"};

/* Words in an action's label that say it fixes the gap: NULL-terminated. */
static const char *const secret_words[] = {"key", "credential", "secret", "password", NULL};
static const char *const endpoint_words[] = {"token", "auth", "signature", NULL};
static const char *const link_words[] = {"https", NULL};

static const struct {
    finding_kind kind;
    report_severity severity;
    const char *what;
    const char *fix;
    report_effort effort;
    const char *const *action_words;
} gap_rules[] = {
    {FINDING_HARDCODED_SECRET, SEVERITY_CRITICAL, "hard-coded credential",
     "rotate the key now and load it from the environment or a secret store", EFFORT_HOUR,
     secret_words},
    {FINDING_UNAUTHENTICATED_ENDPOINT, SEVERITY_HIGH, "endpoint without authentication",
     "check a token or signature before serving the request", EFFORT_HALF_DAY, endpoint_words},
    {FINDING_HTTP_LINK, SEVERITY_MEDIUM, "plain http:// link", "link over https://",
     EFFORT_MINUTES, link_words},
};

#define GAP_RULE_COUNT (sizeof gap_rules / sizeof gap_rules[0])

static const char *const effort_names[EFFORT_COUNT] = {"15 minutes", "1 hour", "half a day",
                                                       "1 day"};

const char *report_effort_name(report_effort effort)
{
    return effort_names[effort];
}

static int gap_rule_of(finding_kind kind)
{
    for (size_t i = 0; i < GAP_RULE_COUNT; i++)
        if (gap_rules[i].kind == kind)
            return (int)i;
    return -1;
}

static bool label_names(const char *label, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = label; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return true;
    return false;
}

bool report_action_fixes_gap(const item *action, finding_kind kind)
{
    int rule = gap_rule_of(kind);
    if (rule < 0)
        return false;
    for (const char *const *w = gap_rules[rule].action_words; *w; w++)
        if (label_names(action->label, *w))
            return true;
    return false;
}

static report_gap *gap_for(const report_context *c, report_gap_list *list, const entity *e,
                           const finding *f, int rule)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].kind == f->kind && strcmp(list->items[i].file, f->file) == 0)
            return &list->items[i];
    report_gap *g = arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity,
                               sizeof *list->items);
    *g = (report_gap){.entity = e,
                      .kind = f->kind,
                      .file = f->file,
                      .first_line = f->line,
                      .severity = gap_rules[rule].severity,
                      .what = gap_rules[rule].what,
                      .fix = gap_rules[rule].fix,
                      .effort = gap_rules[rule].effort};
    return g;
}

static void gap_add_line(const report_context *c, report_gap *g, const finding *f)
{
    g->lines = g->lines ? report_format(c, "%s, %d", g->lines, f->line)
                        : report_format(c, "%d", f->line);
    if (!f->excerpt || !*f->excerpt)
        return;
    g->excerpts = g->excerpts ? report_format(c, "%s; %s", g->excerpts, f->excerpt) : f->excerpt;
}

static int gap_order(const void *a, const void *b)
{
    const report_gap *x = a, *y = b;
    if (x->severity != y->severity)
        return (int)x->severity - (int)y->severity;
    int by_file = strcmp(x->file, y->file);
    return by_file ? by_file : x->first_line - y->first_line;
}

void report_collect_gaps(const report_context *c, report_gap_list *out)
{
    *out = (report_gap_list){0};
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const site *s = e->site ? model_find_site(c->portfolio, e->site) : NULL;
        for (size_t j = 0; s && j < s->finding_count; j++) {
            int rule = gap_rule_of(s->findings[j].kind);
            if (rule >= 0)
                gap_add_line(c, gap_for(c, out, e, &s->findings[j], rule), &s->findings[j]);
        }
    }
    if (out->count)
        qsort(out->items, out->count, sizeof *out->items, gap_order);
}

const char *report_gap_where(const report_context *c, const report_gap *g)
{
    return report_format(c, "%s:%s", g->file, g->lines);
}
