/* report: the persona table, the default plan, and report_render().
 *
 * report_render() frames every report the same way: a title, the date (from
 * options.now, in UTC: never the clock), the persona's sections through the
 * generator table, then "## Data quality": the diagnostics of the files in
 * scope and the fields the generators found missing. All strings of one
 * report live in an arena freed before returning.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

const persona_info report_personas[PERSONA_COUNT] = {
    {PERSONA_CEO, "ceo", "Chief Executive Officer", "CEO", "CEO"},
    {PERSONA_CTO, "cto", "Chief Technology Officer", "CTO", "CTO"},
    {PERSONA_CFO, "cfo", "Chief Financial Officer", "CFO", "CFO"},
    {PERSONA_CMO, "cmo", "Chief Marketing Officer", "CMO", "CMO"},
    {PERSONA_CAO, "cao", "Chief Accounting Officer", "Accounting", "CAO"},
    {PERSONA_AUDIT, "audit", "Operations Audit", "Audit", "AUDIT"},
};

typedef void report_generator(const report_context *c, strbuf *out);

static report_generator *const generators[PERSONA_COUNT] = {
    [PERSONA_CEO] = report_ceo, [PERSONA_CTO] = report_cto, [PERSONA_CFO] = report_cfo,
    [PERSONA_CMO] = report_cmo, [PERSONA_CAO] = report_cao, [PERSONA_AUDIT] = report_audit,
};

/* Other names people use for a persona. */
static const struct {
    const char *alias;
    persona persona;
} persona_aliases[] = {
    {"accounting", PERSONA_CAO},
};

const persona_info *report_persona_by_id(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < PERSONA_COUNT; i++)
        if (strcasecmp(report_personas[i].id, id) == 0)
            return &report_personas[i];
    for (size_t i = 0; i < sizeof persona_aliases / sizeof persona_aliases[0]; i++)
        if (strcasecmp(persona_aliases[i].alias, id) == 0)
            return &report_personas[persona_aliases[i].persona];
    return NULL;
}

static bool is_portfolio_scope(const char *scope)
{
    return strcmp(scope, REPORT_SCOPE_PORTFOLIO) == 0;
}

/* The portfolio scope sums the core entities: with none, a portfolio
 * report would read as an all-clear about nothing. */
static bool report_has_core_entity(const portfolio *p)
{
    for (size_t i = 0; i < p->entity_count; i++)
        if (p->entities[i].kind == ENTITY_CORE)
            return true;
    return false;
}

size_t report_default_plan(const portfolio *p, report_target *out, size_t max)
{
    static const persona portfolio_personas[] = {PERSONA_CEO, PERSONA_CTO, PERSONA_CFO, PERSONA_CMO,
                                                 PERSONA_CAO};
    size_t n = 0;
    for (size_t i = 0; i < sizeof portfolio_personas / sizeof portfolio_personas[0] && n < max; i++)
        out[n++] = (report_target){portfolio_personas[i], REPORT_SCOPE_PORTFOLIO};
    for (size_t i = 0; i < p->entity_count && n < max; i++)
        if (p->entities[i].kind == ENTITY_ANCILLARY)
            out[n++] = (report_target){PERSONA_AUDIT, p->entities[i].id};
    return n;
}

/* The entity an unknown scope most likely meant: the one whose id or title
 * it spells apart from case ("JADA", the name the console shows, for the
 * id "jada"); NULL when none does. */
static const entity *report_entity_meant(const portfolio *p, const char *scope)
{
    for (size_t i = 0; i < p->entity_count; i++)
        if (strcasecmp(p->entities[i].id, scope) == 0 ||
            strcasecmp(p->entities[i].title, scope) == 0)
            return &p->entities[i];
    return NULL;
}

/* "cfo: no entity "JADA" in agent_handoffs/projects/: did you mean jada?",
 * else the ids there are (the error's size cuts a long list). */
static void report_no_such_entity(const portfolio *p, const char *persona_id, const char *scope,
                                  char *error, size_t error_size)
{
    strbuf why = STRBUF_INIT;
    strbuf_printf(&why, "%s: no entity \"%s\" in agent_handoffs/projects/", persona_id, scope);
    const entity *meant = report_entity_meant(p, scope);
    if (meant)
        strbuf_printf(&why, ": did you mean %s?", meant->id);
    for (size_t i = 0; !meant && i < p->entity_count; i++)
        strbuf_printf(&why, "%s%s", i ? ", " : ": the ids are ", p->entities[i].id);
    snprintf(error, error_size, "%s", strbuf_cstr(&why));
    strbuf_free(&why);
}

bool report_portfolio_usable(const portfolio *p, char *error, size_t error_size)
{
    if (p->entity_count > 0)
        return true;
    snprintf(error, error_size,
             "no handoffs in %s/agent_handoffs/projects/*.md: nothing to report on (is --root the "
             "portfolio folder?)", p->root);
    return false;
}

bool report_target_valid(const portfolio *p, const report_target *target, char *error,
                         size_t error_size)
{
    if ((unsigned)target->persona >= PERSONA_COUNT) {
        snprintf(error, error_size, "unknown persona %d", (int)target->persona);
        return false;
    }
    if (!report_portfolio_usable(p, error, error_size))
        return false; /* not "every handoff is ancillary" when there is none */
    const char *id = report_personas[target->persona].id;
    if (!target->scope || !*target->scope) {
        snprintf(error, error_size, "%s: no scope given (portfolio or an entity id)", id);
        return false;
    }
    if (is_portfolio_scope(target->scope)) {
        if (target->persona == PERSONA_AUDIT) {
            snprintf(error, error_size, "audit: needs one entity, not the whole portfolio");
            return false;
        }
        if (!report_has_core_entity(p)) {
            snprintf(error, error_size,
                     "%s: a portfolio report needs at least one core entity, and every handoff "
                     "in agent_handoffs/projects/ is ancillary (Kind: ancillary)", id);
            return false;
        }
        return true;
    }
    if (!model_find_entity(p, target->scope)) {
        report_no_such_entity(p, id, target->scope, error, error_size);
        return false;
    }
    return true;
}

static const char *scope_title(const portfolio *p, const char *scope)
{
    if (is_portfolio_scope(scope))
        return "Portfolio";
    const entity *e = model_find_entity(p, scope);
    return e ? e->title : scope;
}

/* ISO date in UTC: reports never read the clock or the local time zone. */
static void put_date(strbuf *out, time_t now)
{
    struct tm tm;
    gmtime_r(&now, &tm);
    strbuf_printf(out, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void report_subject(const portfolio *p, const report_target *target, const report_options *options,
                    strbuf *out)
{
    strbuf_printf(out, "Executive Report: %s \u2014 %s \u2014 ",
                  report_personas[target->persona].short_title, scope_title(p, target->scope));
    put_date(out, options->now);
}

static void collect_scope(report_context *c)
{
    const portfolio *p = c->portfolio;
    c->entities = arena_alloc(c->arena, (p->entity_count + 1) * sizeof *c->entities);
    for (size_t i = 0; i < p->entity_count; i++) {
        const entity *e = &p->entities[i];
        bool in_scope =
            c->is_portfolio ? e->kind == ENTITY_CORE : strcmp(e->id, c->target->scope) == 0;
        if (in_scope)
            c->entities[c->entity_count++] = e;
    }
}

static void put_header(const report_context *c, strbuf *out)
{
    strbuf_printf(out, "# %s Report \u2014 %s\n\n", c->persona->short_title, c->scope_title);
    strbuf_printf(out, "%s \u00b7 ", c->persona->title);
    put_date(out, c->options->now);
    if (c->is_portfolio) {
        strbuf_printf(out, " \u00b7 %zu core %s:", c->entity_count,
                      c->entity_count == 1 ? "entity" : "entities");
        for (size_t i = 0; i < c->entity_count; i++)
            strbuf_printf(out, "%s %s", i ? "," : "", c->entities[i]->title);
    } else if (c->entity_count == 1) {
        strbuf_printf(out, " \u00b7 %s", c->entities[0]->path);
    }
    strbuf_puts(out, "\n\n");
}

/* A file no handoff and no site owns (the projects folder): what is wrong
 * there concerns every report. The settings files' diagnostics never reach
 * here: put_data_quality starts after them. */
static bool diag_portfolio_wide(const portfolio *p, const char *file)
{
    if (strncmp(file, "sites/", strlen("sites/")) == 0)
        return false;
    for (size_t i = 0; i < p->entity_count; i++)
        if (p->entities[i].path && strcmp(file, p->entities[i].path) == 0)
            return false;
    return true;
}

/* Whether `line` is one of `items` or of their nested bullets. */
static bool items_hold_line(const item *items, size_t count, int line)
{
    for (size_t i = 0; i < count; i++)
        if (items[i].line == line || items_hold_line(items[i].children, items[i].child_count, line))
            return true;
    return false;
}

/* The portfolio CEO and Accounting read the ancillary handoffs' `## Clients`
 * (handoff-format.md, Kind): a diagnostic on one of those lines explains an
 * item they show, so it is theirs too, and the CFO's, so the reports a
 * reader compares name the same broken date (eyes-final16 T7). */
static bool diag_on_ancillary_clients(const report_context *c, const diag *d)
{
    if (!c->is_portfolio ||
        (c->target->persona != PERSONA_CEO && c->target->persona != PERSONA_CAO &&
         c->target->persona != PERSONA_CFO)) /* the CFO names the same dates (T7) */
        return false;
    for (size_t i = 0; i < c->portfolio->entity_count; i++) {
        const entity *e = &c->portfolio->entities[i];
        const section *clients = &e->sections[SECTION_CLIENTS];
        if (e->kind == ENTITY_ANCILLARY && e->path && strcmp(d->file, e->path) == 0)
            return items_hold_line(clients->items, clients->item_count, d->line);
    }
    return false;
}

/* A diagnostic concerns the report when it is about a handoff in scope, a
 * file of a site one of them points to, a portfolio-wide file, or an
 * ancillary Clients line the report reads. */
static bool diag_in_scope(const report_context *c, const diag *d)
{
    if (!d->file)
        return false;
    if (diag_portfolio_wide(c->portfolio, d->file) || diag_on_ancillary_clients(c, d))
        return true;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (e->path && strcmp(d->file, e->path) == 0)
            return true;
        if (!e->site)
            continue;
        size_t len = strlen("sites/") + strlen(e->site);
        char *prefix = report_format(c, "sites/%s", e->site);
        if (strncmp(d->file, prefix, len) == 0 && (d->file[len] == '/' || !d->file[len]))
            return true;
    }
    return false;
}

/* Whether a diagnostic shown in Data quality already asks for `field` in
 * `file` ("... add the KPI "Returns per month" ..."): then that diagnostic
 * is the one line asking for it (docs/reports.md, Data quality). */
static bool diag_asks_for(const report_context *c, const char *file, const char *field)
{
    const diag_list *list = &c->portfolio->diagnostics;
    const char *quoted = report_format(c, "\"%s\"", field);
    for (size_t i = c->portfolio->settings_diagnostic_count; i < list->count; i++) {
        const diag *d = &list->items[i];
        if (d->file && strcmp(d->file, file) == 0 && d->message && strstr(d->message, "add ") &&
            strstr(d->message, quoted) && diag_in_scope(c, d))
            return true;
    }
    return false;
}

/* The field a missing line asks for: the text of its first code span,
 * "Returns per month" of "add `Returns per month` to the KPIs of". */
static const char *missing_field(const report_context *c, const char *line)
{
    const char *open = strchr(line, '`');
    const char *close = open ? strchr(open + 1, '`') : NULL;
    return close ? report_format(c, "%.*s", (int)(close - open - 1), open + 1) : NULL;
}

/* `paths` ("a.md, b.md") less the files whose diagnostic already asks for
 * the line's field and those the body asked it of (docs/reports.md, "Each
 * ask is made once"); "" when every one is. */
static const char *paths_not_asked(const report_context *c, const char *line, const char *paths)
{
    const char *field = missing_field(c, line);
    strbuf kept = STRBUF_INIT;
    for (const char *p = paths; *p;) {
        size_t n = strcspn(p, ",");
        const char *file = report_format(c, "%.*s", (int)n, p);
        if (!(field && diag_asks_for(c, file, field)) && !report_was_asked(c, line, file))
            strbuf_printf(&kept, "%s%s", kept.len ? ", " : "", file);
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    const char *left = arena_strdup(c->arena, strbuf_cstr(&kept));
    strbuf_free(&kept);
    return left;
}

static void put_data_quality(const report_context *c, strbuf *out)
{
    strbuf_puts(out, "## Data quality\n\n");
    size_t shown = 0;
    const diag_list *list = &c->portfolio->diagnostics;
    /* repos.env and recipients.env are the sender's configuration, read
     * first: their problems go to stderr and the console, never to an
     * executive (handoff-format.md, Diagnostics). */
    for (size_t i = c->portfolio->settings_diagnostic_count; i < list->count; i++) {
        if (!diag_in_scope(c, &list->items[i]))
            continue;
        strbuf_puts(out, "- ");
        report_put_code_span(out, diag_format(c->arena, &list->items[i]));
        strbuf_putc(out, '\n');
        shown++;
    }
    for (size_t i = 0; i < c->missing->count; i++) {
        const char *paths = paths_not_asked(c, c->missing->lines[i], c->missing->paths[i]);
        if (!*paths)
            continue; /* a diagnostic or the body asks for it */
        strbuf_printf(out, "- Missing: %s %s\n", c->missing->lines[i], paths);
        shown++;
    }
    if (c->persona != &report_personas[PERSONA_CTO])
        report_note_rounded_amounts(c);
    for (size_t i = 0; i < c->missing->question_count; i++, shown++)
        strbuf_printf(out, "- %s\n", c->missing->questions[i]);
    if (!shown && c->missing->asked_count) /* never "No problems found" beside an ask (G21) */
        strbuf_puts(out, "Only the fields asked for above are missing.\n");
    else if (!shown)
        strbuf_puts(out, "No problems found in the files behind this report.\n");
}

void report_context_init(report_context *c, const portfolio *p, const report_target *target,
                         const report_options *options, arena *scratch, report_missing *missing)
{
    *c = (report_context){
        .portfolio = p,
        .target = target,
        .options = options,
        .persona = &report_personas[target->persona],
        .is_portfolio = is_portfolio_scope(target->scope),
        .scope_title = scope_title(p, target->scope),
        .arena = scratch,
        .missing = missing,
    };
    collect_scope(c);
}

void report_render(const portfolio *p, const report_target *target, const report_options *options,
                   strbuf *out)
{
    arena scratch = {0};
    report_missing missing = {0};
    report_context c;
    report_context_init(&c, p, target, options, &scratch, &missing);
    put_header(&c, out);
    generators[target->persona](&c, out);
    put_data_quality(&c, out);
    arena_free(&scratch);
}
