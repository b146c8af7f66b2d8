/* report_findings: the site scan's security gaps as the CTO and CEO read
 * them: one gap per kind and file (two keys in one file are one task, its
 * lines listed), with a severity, an effort and a fix from one table.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

const char *const report_severity_names[REPORT_SEVERITY_COUNT] = {"critical", "high", "medium",
                                                                   "low"};

/* Words in an action's label that say it fixes the gap: NULL-terminated.
 * A credential's are chosen by what leaked (leak_words). */
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
     NULL},
    {FINDING_UNAUTHENTICATED_ENDPOINT, SEVERITY_HIGH, "endpoint without authentication",
     "check a token or signature before serving the request", EFFORT_HALF_DAY, endpoint_words},
    {FINDING_HTTP_LINK, SEVERITY_MEDIUM, "plain http:// link", "serve the link over https://",
     EFFORT_MINUTES, link_words},
};

#define GAP_RULE_COUNT (sizeof gap_rules / sizeof gap_rules[0])

static const char *const effort_names[EFFORT_COUNT] = {"15 minutes", "1 hour", "half a day",
                                                       "1 day"};

const char *report_effort_name(report_effort effort)
{
    return effort_names[effort];
}

/* What leaked (the site scan's names) and the words of an action's label
 * that name it (docs/reports.md, CTO, "What leaked"): `key` names any key,
 * never a password, token or secret; `credential` names anything. */
static const struct {
    const char *leaked;
    bool is_password; /* fixed by changing it, not rotating a key */
    const char *words[5];
} leak_words[] = {
    {"AWS access key", false, {"aws", "access key", "key", "credential", NULL}},
    {"Stripe live key", false, {"stripe", "live key", "secret key", "key", "credential"}},
    {"database password", true, {"database", "db", "password", "credential", NULL}},
    {"password in a URL", true, {"password", "credential", NULL}},
    {"password", true, {"password", "passwd", "credential", NULL}},
    {"secret", false, {"secret", "credential", NULL}},
    {"token", false, {"token", "credential", NULL}},
    {"API key", false, {"api key", "api_key", "key", "credential", NULL}},
    {"private key", false, {"private key", "key", "credential", NULL}},
    {"access key", false, {"access key", "key", "credential", NULL}},
};

static int gap_rule_of(finding_kind kind)
{
    for (size_t i = 0; i < GAP_RULE_COUNT; i++)
        if (gap_rules[i].kind == kind)
            return (int)i;
    return -1;
}

/* A word of `label` (case-insensitive) that starts with `word`: "auth"
 * names "authentication", "key" names "keys"; "db" is not in "feedback". */
bool report_label_names(const char *label, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = label; *p; p++)
        if (strncasecmp(p, word, n) == 0 && (p == label || !isalnum((unsigned char)p[-1])))
            return true;
    return false;
}

/* Whether one of the scan's kinds in `leak` is leak_words[k]'s kind or
 * holds it ("AWS access key" holds "access key"): kind names against the
 * table, never the English of a finding. */
static bool leak_has(const finding_leak *leak, size_t k)
{
    for (size_t i = 0; i < leak->kind_count; i++)
        if (strstr(leak->kinds[i], leak_words[k].leaked))
            return true;
    return false;
}

/* Whether `label` names one of the leaked kinds: each kind's own words. */
static bool label_names_leak(const char *label, const finding_leak *leak)
{
    for (size_t k = 0; k < sizeof leak_words / sizeof leak_words[0]; k++) {
        if (!leak_has(leak, k))
            continue;
        for (size_t w = 0; w < 5 && leak_words[k].words[w]; w++)
            if (report_label_names(label, leak_words[k].words[w]))
                return true;
    }
    return false;
}

bool report_action_fixes_gap(const item *action, const report_gap *g)
{
    if (g->kind == FINDING_HARDCODED_SECRET)
        return g->leaked ? label_names_leak(action->label, &g->leak)
                         : report_label_names(action->label, "credential");
    int rule = gap_rule_of(g->kind);
    if (rule < 0 || !gap_rules[rule].action_words)
        return false;
    for (const char *const *w = gap_rules[rule].action_words; *w; w++)
        if (report_label_names(action->label, *w))
            return true;
    return false;
}

/* Words that say an action is about some secret (reports.md, CEO: an
 * action about another secret than the leaked one)... */
static const char *const any_secret_words[] = {"key", "credential", "secret", "password",
                                               "token"};
/* ...and verbs that say it replaces one: "Add a token check to the order
 * webhook" names a token but secures an open handler, it leaks nothing. */
static const char *const replace_secret_verbs[] = {"rotate", "change", "revoke", "reset",
                                                   "replace", "move", "remove", "regenerate"};

bool report_label_names_any(const char *label, const char *const *words, size_t count)
{
    for (size_t w = 0; w < count; w++)
        if (report_label_names(label, words[w]))
            return true;
    return false;
}

const char *report_other_secret_note(const report_context *c, const item *action,
                                     const entity *e, const report_gap_list *gaps)
{
    if (!report_label_names_any(action->label, any_secret_words,
                         sizeof any_secret_words / sizeof *any_secret_words) ||
        !report_label_names_any(action->label, replace_secret_verbs,
                         sizeof replace_secret_verbs / sizeof *replace_secret_verbs))
        return NULL;
    for (size_t i = 0; i < gaps->count; i++) {
        const report_gap *g = &gaps->items[i];
        if (g->entity == e && g->kind == FINDING_HARDCODED_SECRET && g->leaked &&
            !report_action_fixes_gap(action, g))
            return report_format(c, "%s (the scan found a %s in %s: check whether it is the same "
                                    "secret)",
                                 action->label, g->leaked, g->file);
    }
    return NULL;
}

/* Every leaked kind is a password: it is changed, not rotated. */
static bool leak_is_password(const finding_leak *leak)
{
    bool any = false;
    for (size_t k = 0; k < sizeof leak_words / sizeof leak_words[0]; k++)
        if (leak_has(leak, k)) {
            if (!leak_words[k].is_password)
                return false;
            any = true;
        }
    return any;
}

bool report_leaks_several(const report_gap *g)
{
    return g->leak.kind_count > 1 || (g->leak.kind_count == 1 && g->leak.counts[0] > 1);
}

/* Adds the kinds of `f` that `g` does not name yet, in leak_words' order
 * ("AWS access key and database password"). */
static void gap_add_leaked(const report_context *c, report_gap *g, const finding *f)
{
    if (!f->leak.kind_count)
        return;
    if (!g->leaked) {
        g->leaked = f->leaked;
        g->leak = f->leak;
    } else {
        for (size_t k = 0; k < sizeof leak_words / sizeof leak_words[0]; k++)
            if (leak_has(&f->leak, k) && !leak_has(&g->leak, k) &&
                g->leak.kind_count < FINDING_LEAK_KINDS) {
                g->leaked = report_format(c, "%s and %s", g->leaked, leak_words[k].leaked);
                g->leak.counts[g->leak.kind_count] = 1;
                g->leak.kinds[g->leak.kind_count++] = leak_words[k].leaked;
            }
    }
    if (g->leak.kind_count == 1 && g->leak.counts[0] > 1) { /* "two hard-coded database passwords" */
        strbuf what = STRBUF_INIT;
        model_put_leak_kind(&what, g->leak.kinds[0], g->leak.counts[0], "hard-coded");
        g->what = arena_strdup(c->arena, strbuf_cstr(&what));
        strbuf_free(&what);
    } else {
        g->what = report_format(c, "hard-coded %s", g->leaked);
    }
    g->rotate = report_format(c, "%s the %s", leak_is_password(&g->leak) ? "change" : "rotate",
                              g->leaked);
    g->fix = report_format(c, "%s now and load %s from the environment or a secret store",
                           g->rotate, report_leaks_several(g) ? "them" : "it");
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

/* An open handler browsers call: a token in a page is no secret, so the
 * fix is deciding how events are authenticated (docs/reports.md, CTO;
 * eyes-final12 Z8); said wherever the gap's fix is. */
static const char browser_endpoint_fix[] =
    "decide how events are authenticated (an origin or site-ID check for browser events, a "
    "signed token from servers)";

static void gap_add_line(const report_context *c, report_gap *g, const finding *f)
{
    if (f->kind == FINDING_HARDCODED_SECRET)
        gap_add_leaked(c, g, f);
    if (f->kind == FINDING_UNAUTHENTICATED_ENDPOINT && f->browser_callers)
        g->fix = browser_endpoint_fix;
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
