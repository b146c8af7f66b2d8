/* checks: diagnostics for input the figure rules cannot use
 * (docs/handoff-format.md, "Rules for the figures"). Each names the file
 * and line; the figure is left out of the sums, never read as $0:
 *  - a per-unit amount whose "<Unit>s per month" KPI is missing;
 *  - a percent expense whose base (a revenue line, or any revenue) is
 *    unknown;
 *  - a tag shaped like a date that is no day of the calendar.
 */
#include <ctype.h>
#include <stdio.h>

#include "briefing/english.h"
#include "briefing/strbuf.h"
#include "model/model_internal.h"

typedef void checks_item_rule(portfolio *p, const entity *e, section_kind kind, const item *it);

static void checks_warn(portfolio *p, const entity *e, const item *it, const char *message)
{
    diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, e->path, it->line, "\"%s\" %s", it->label,
             message);
}

static void checks_unit_volume(portfolio *p, const entity *e, section_kind kind, const item *it)
{
    (void)kind;
    const money *m = &it->value.money;
    int64_t volume;
    if (it->value.kind != VALUE_MONEY || m->period != PERIOD_UNIT || !m->unit ||
        model_units_per_month(e, m->unit, &volume))
        return;
    strbuf plural = STRBUF_INIT;
    english_plural(&plural, m->unit);
    plural.data[0] = (char)toupper((unsigned char)plural.data[0]);
    char message[256];
    snprintf(message, sizeof message,
             "is per %s: add the KPI \"%s per month\" (left out of monthly figures)", m->unit,
             strbuf_cstr(&plural));
    strbuf_free(&plural);
    checks_warn(p, e, it, message);
}

static void checks_percent_base(portfolio *p, const entity *e, section_kind kind, const item *it)
{
    int64_t base;
    const item *line;
    if (kind != SECTION_EXPENSES || it->value.kind != VALUE_PERCENT ||
        model_percent_base(e, it, &base, &line))
        return;
    char message[256];
    if (it->share_of)
        snprintf(message, sizeof message,
                 "is a share of \"%s\", but no `## Revenue` line of that name has a monthly "
                 "figure (left out of the sums)",
                 it->share_of);
    else
        snprintf(message, sizeof message,
                 "is a share of revenue, but no monthly revenue is stated (left out of the sums)");
    checks_warn(p, e, it, message);
}

static void checks_dates(portfolio *p, const entity *e, section_kind kind, const item *it)
{
    (void)kind;
    int64_t day;
    for (size_t i = 0; i < it->tag_count; i++)
        if (model_looks_like_date(it->tags[i]) && !model_parse_date(it->tags[i], &day)) {
            /* "not a date: <tag>" (handoff-format.md rule 2): the reader
             * finds the tag as written; the item counts as undated */
            diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, e->path, it->line,
                     "\"%s\": not a date: %s (write YYYY-MM-DD; counted as undated)", it->label,
                     it->tags[i]);
        }
}

/* Which rule applies where: top-level items only unless `children`. */
static const struct {
    checks_item_rule *rule;
    bool children;
} checks_rules[] = {
    {checks_unit_volume, true},
    {checks_percent_base, false},
    {checks_dates, true},
};

static void checks_items(portfolio *p, const entity *e, section_kind kind, const item *items,
                         size_t count, bool top)
{
    for (size_t i = 0; i < count; i++) {
        for (size_t r = 0; r < sizeof checks_rules / sizeof checks_rules[0]; r++)
            if (top || checks_rules[r].children)
                checks_rules[r].rule(p, e, kind, &items[i]);
        checks_items(p, e, kind, items[i].children, items[i].child_count, false);
    }
}

void model_check_entity(portfolio *p, const entity *e)
{
    for (int kind = 0; kind < SECTION_UNKNOWN; kind++)
        checks_items(p, e, (section_kind)kind, e->sections[kind].items,
                     e->sections[kind].item_count, true);
}
