/* report_ceo: headline, inventory, shortfalls ranked by impact, missing
 * KPIs, and a dated 30-day agenda with each entity's owner.
 *
 * A shortfall is anything in the data that costs money or exposes the
 * business: a credential leaked in a site (critical: ranked first), money
 * overdue or unbilled, unused spend, an entity's revenue gap (net burn,
 * units below break-even, gap risks: one row), other risks. Each carries the
 * file:line it was read from. Quantified ones rank by impact (midpoint),
 * largest first; risks without an amount follow, by priority.
 */
#define _GNU_SOURCE /* strcasestr */
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "briefing/utf8.h"
#include "report/report_internal.h"

#define AGENDA_MAX 10
#define PRIORITY_NONE 3 /* report_item_priority_rank() of an untagged item */
#define CTO_HIGH_MAX 16 /* high findings of one business the CEO row names */

typedef struct {
    const char *what;
    const entity *entity;
    int64_t impact; /* cents (per month unless one_off); -1 when not quantified */
    bool one_off;   /* money owed once (rule 3): never shown as /month */
    int64_t not_due; /* a receivables row: its billed and not yet due cents, outside
                        impact (the due part) and said after it with the total (W5) */
    int priority;   /* 0 high .. 3 none, for unquantified ones */
    int64_t at_stake; /* an unquantified risk's most: the one client's fee it names (Q12), else 0 */
    const char *fee_of; /* "Halvorsen Foods' fee" when at_stake is a client's fee, else NULL */
    const char *detail; /* "; same gap: ..." for a merged gap, else "" */
    const char *where;  /* "path:line" it was read from */
    bool critical;      /* a leaked credential: before any amount */
    const report_gap *leak; /* the credential's gap when critical */
    bool confirmed;     /* high: a risk the site scan confirms (an open endpoint), or the
                           CTO's high findings of the entity (cto_high) */
    bool cto_high;      /* the CTO's high findings: one row, an agenda line on day 7 */
    const report_gap *cto_gaps[CTO_HIGH_MAX]; /* the scan's gaps of that row, for the actions
                                                 that fix them */
    size_t cto_gap_count;
    /* its findings' agenda lines, one a finding (eyes-final13 Q15), and the
     * scan's gap of each (NULL for a handoff's own, e.g. backups) */
    const char *cto_todos[CTO_HIGH_MAX];
    const report_gap *cto_todo_gaps[CTO_HIGH_MAX];
    size_t cto_todo_count;
    const char *todo;   /* the agenda's wording: "cancel ...", "close ..." */
    int owed_state;     /* report_owed_state of money owed, -1 otherwise */
    bool gap;           /* the entity's revenue gap: `what` names the entity */
    bool risk;          /* a quantified `## Risks` item: "$X/month at risk", planned */
    bool saving;        /* unused spend: sure but small, ranked with the exposures */
    bool cash_out;      /* a revenue gap whose cash runs out before its season or within
                           CASH_OUT_FIRST_DAYS: ranked before the other money (C11) */
    const char *label;  /* a risk's own label, without its clause; else NULL */
    bool inside;        /* money one group business owes another: settled, day 14 */
    const char *lever;  /* a revenue gap: "largest cost X $Y/month", "it needs N more ..."; NULL off-season */
    const char *reason; /* a gap's cause without the entity's name, else NULL */
    const char *owed_label; /* money owed: "<client>: <item>" without its state, else NULL */
    const char *owed_alone; /* the same, as a line's only item: ", one month of $X/month" added */
    const char *client;     /* money owed: the client line's label, else NULL */
    int line;               /* money owed: its line in the entity's file */
    const entity *debtor;   /* inside the group: the business that owes it */
    const item *risk_item;  /* an unquantified `## Risks` item, else NULL */
    const item *gap_item;   /* a quantified `## Risks` gap, while it waits for add_gap */
} shortfall;

typedef struct {
    shortfall *items;
    size_t count;
    size_t capacity;
} shortfall_list;

#define QUOTE_MAX_CHARS 200 /* an unrecognised section's text, as quoted */

/* What an unrecognised section says, on one line: its paragraphs, else
 * its items ("label: text; ..."), cut at QUOTE_MAX_CHARS with "…". */
static const char *section_quote(const report_context *c, const section *s)
{
    strbuf text = STRBUF_INIT;
    if (s->text && *s->text)
        strbuf_puts(&text, s->text);
    for (size_t i = 0; !(s->text && *s->text) && i < s->item_count; i++)
        strbuf_printf(&text, "%s%s%s%s", i ? "; " : "", s->items[i].label,
                      *s->items[i].text ? ": " : "", s->items[i].text);
    size_t keep = utf8_prefix(strbuf_cstr(&text), text.len, QUOTE_MAX_CHARS);
    const char *quote = keep < text.len ? report_format(c, "%.*s\u2026", (int)keep, text.data)
                                        : arena_strdup(c->arena, strbuf_cstr(&text));
    strbuf_free(&text);
    return quote;
}

/* "- JADA, Partnerships (jada.md:70): Two hotel concierges ...": one
 * line per section the reports do not read, with what it says (one list,
 * eyes-final2 H15); nothing when every section is read. */
static void put_unknown_sections(const report_context *c, strbuf *out)
{
    size_t n = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        for (size_t j = 0; j < e->unknown_section_count; j++, n++) {
            const section *s = &e->unknown_sections[j];
            strbuf_printf(out, "%s- %s, %s (%s:%d): %s\n",
                          n ? "" : "Sections the reports do not read, kept as written:\n\n",
                          report_inline_text(c->arena, e->title),
                          report_inline_text(c->arena, s->title), e->path, s->line,
                          report_inline_text(c->arena, section_quote(c, s)));
        }
    }
    if (n)
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
        int64_t cash;
        bool cash_row = false; /* "Cash: (missing)" is its own row already */
        for (size_t j = 0; j < s->item_count; j++)
            cash_row = cash_row || strcasecmp(s->items[j].label, "Cash") == 0;
        if (!report_entity_cash(e, &cash)) { /* never silent: asked as the CFO asks (Z15) */
            if (!cash_row)
                report_table_row(&assets, e->title, "Cash", "not stated");
            report_note_missing(c, e, SECTION_ASSETS, "Cash: $amount");
        }
        for (size_t j = 0; j < e->domain_count; j++)
            report_table_row(&assets, e->title, "Domain", e->domains[j]);
        if (e->site)
            report_table_row(&assets, e->title, "Site", report_format(c, "sites/%s", e->site));
    }
    report_table_write(&t, out);
    if (assets.row_count)
        report_table_write(&assets, out);
    put_unknown_sections(c, out);
}

static shortfall *add_shortfall(const report_context *c, shortfall_list *list, const entity *e,
                                const char *what, int64_t impact, int priority, const char *where)
{
    shortfall *s = arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity,
                              sizeof *list->items);
    *s = (shortfall){.what = what, .entity = e, .impact = impact, .priority = priority,
                     .detail = "", .where = where, .owed_state = -1};
    return s;
}

static const char *line_of(const report_context *c, const entity *e, int line)
{
    return report_format(c, "%s:%d", e->path, line);
}

/* Credentials the site scan found: one row per file, ranked first. */
static void leaked_credentials(const report_context *c, const report_gap_list *gaps,
                               const entity *e, shortfall_list *list)
{
    for (size_t i = 0; i < gaps->count; i++) {
        const report_gap *g = &gaps->items[i];
        if (g->entity != e || g->kind != FINDING_HARDCODED_SECRET)
            continue;
        const char *leaked = g->leaked ? g->leaked : "credential";
        shortfall *s = add_shortfall(c, list, e,
                                     /* the CTO's and Audit's word: found in the
                                      * source, not shown published (A8) */
                                     report_format(c, "%c%s hard-coded in %s",
                                                   toupper((unsigned char)leaked[0]), leaked + 1,
                                                   g->file),
                                     -1, 0, report_gap_where(c, g));
        s->critical = true;
        s->leak = g;
        /* "now" before the file: never read as editing the password in it (X9) */
        const char *them = report_leaks_several(g) ? "them" : "it";
        s->todo = report_format(c, "%s now, remove %s from %s and load %s from the environment",
                                g->rotate ? g->rotate : "rotate the credential", them, g->file,
                                them);
    }
}

/* Unused spend and subscriptions paid twice (the savings rule). */
static void unused_spend(const report_context *c, const report_savings *savings, const entity *e,
                         shortfall_list *list)
{
    for (size_t i = 0; i < savings->count; i++) {
        const report_saving *v = &savings->items[i];
        if (v->entity != e)
            continue;
        shortfall *s = add_shortfall(c, list, e, report_format(c, "%s (%s)", v->item->label, v->reason),
                                     v->monthly.mid, PRIORITY_NONE, line_of(c, e, v->item->line));
        s->saving = true;
        /* a held spend it pays for is started the same day (reports.md,
         * "A held spend that a saving covers is a swap"; eyes-final8 V8) */
        const item *spend = report_saving_swapped_for(c, v);
        s->todo = spend ? report_swap_text(c, e, v->item, spend)
                        : report_format(c, "cancel %s (%s/month)", v->item->label,
                                        report_dollars_text(c, v->monthly.mid));
    }
}

/* Overdue and unbilled money (rule 2), read as every report reads it:
 * the scope's receivables, the ancillary handoffs' included in the
 * portfolio (the same list as Accounting's). Billed and not yet due is
 * owed but not late: the headline's total counts it, no row does. */
static void money_owed(const report_context *c, shortfall_list *list)
{
    report_owed_list owed = {0};
    report_collectable_collect(c, &owed); /* a group business's debt settled apart (A2) */
    for (size_t i = 0; i < owed.count; i++) {
        const report_owed *o = &owed.items[i];
        const entity *e = o->entity;
        if (o->state == OWED_BILLED)
            continue;
        const char *fee = o->month_of_fee
                              ? report_format(c, ", one month of %s",
                                              report_money_text(c, &o->item->value.money))
                              : "";
        shortfall *s = add_shortfall(c, list, e,
                                     report_format(c, "%s: %s%s", report_owed_label(c, o),
                                                   report_owed_state_name(o->state), fee),
                                     o->amount.mid, PRIORITY_NONE, line_of(c, e, o->item->line));
        s->one_off = true;
        s->owed_state = (int)o->state;
        s->owed_label = report_owed_label(c, o);
        s->owed_alone = report_format(c, "%s%s", s->owed_label, fee);
        s->client = o->client->label;
        s->line = o->item->line;
    }
    /* Rule 2, "Inside the group": a row of its own, outside the owed total,
     * its agenda line in the pair's one wording (eyes-final4 P4). */
    report_client_owed_list pairs = {0};
    report_owed_by_client(c, owed.internal, owed.internal_count, &pairs);
    for (size_t i = 0; i < owed.internal_count; i++) {
        const report_owed *o = &owed.internal[i];
        if (o->state == OWED_BILLED)
            continue; /* not late: the receivables list it, no row does */
        const char *what = report_owed_inside_what(c, o);
        shortfall *s = add_shortfall(c, list, o->entity,
                                     report_format(c, "%s owes %s: %s: settle inside the group",
                                                   o->debtor->title, o->entity->title, what),
                                     o->amount.mid, PRIORITY_NONE,
                                     line_of(c, o->entity, o->item->line));
        s->one_off = true;
        s->inside = true;
        s->debtor = o->debtor;
        s->owed_label = what;
        s->line = o->item->line;
        for (size_t k = 0; k < pairs.count; k++)
            if (pairs.groups[k].entity == o->entity && pairs.groups[k].debtor == o->debtor)
                s->todo = report_format(c, "settle inside the group: %s",
                                        report_group_pair_text(c, &pairs.groups[k],
                                                               LATE_NAME_ONE));
    }
}

static bool label_has(const char *label, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = label; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return true;
    return false;
}

/* The line that sells units ("- Charters: $1,850/charter"): where a
 * below-break-even shortfall is read. */
static int unit_revenue_line(const entity *e, const char *unit)
{
    const section *s = &e->sections[SECTION_REVENUE];
    for (size_t i = 0; i < s->item_count; i++) {
        const money *m = &s->items[i].value.money;
        if (s->items[i].value.kind == VALUE_MONEY && m->period == PERIOD_UNIT && m->unit &&
            strcmp(m->unit, unit) == 0)
            return s->items[i].line;
    }
    return s->line;
}

/* What a risk of $X/month costing `cost` (report_risk_cost) would do to
 * `e` (handoff-format.md, "CEO risks"): "Cedar Ridge Cabin makes
 * $395/month today; at today's margin this would cost $1,028/month and
 * leave a loss of $633/month"; NULL when the entity states no expenses. */
static const char *risk_clause(const report_context *c, const entity *e, int64_t at_risk,
                               int64_t cost)
{
    if (!e->has_section[SECTION_EXPENSES])
        return NULL;
    int64_t surplus = report_entity_revenue(c, e).mid - report_entity_burn(c, e).mid;
    const char *would = cost == at_risk
                            ? "this would"
                            : report_format(c, "at today's margin this would cost %s/month and",
                                            report_dollars_text(c, cost));
    if (surplus < 0)
        return report_format(c, "%s burns %s/month today; %s deepen it to %s/month", e->title,
                             report_dollars_text(c, -surplus), would,
                             report_dollars_text(c, cost - surplus));
    /* both readings when units sold sit beside money received ahead, as
     * the Audit's cash flow (handoff-format.md, "Money received ahead
     * beside units sold"; fixB3 W2b) */
    const char *makes = report_format(c, "%s/month today", report_dollars_text(c, surplus));
    report_ahead_units a;
    if (report_ahead_beside_units(c, e, &a))
        makes = report_ahead_either_text(c, e, &a, makes,
                                         report_dollars_text(c, report_ahead_flow_without(&a, surplus)));
    if (cost > surplus)
        return report_format(c, "%s makes %s; %s leave a loss of %s/month", e->title, makes, would,
                             report_dollars_text(c, cost - surplus));
    return report_format(c, "%s makes %s; %s cut its surplus to %s/month", e->title, makes, would,
                         report_dollars_text(c, surplus - cost));
}

/* A quantified risk: a row "$X/month at risk" (the amount as written) and
 * an agenda line "prepare for ..." dated by its priority, never "close the
 * revenue gap"; `cost` is what it would take (report_risk_cost). */
static void add_risk(const report_context *c, shortfall_list *list, const entity *e,
                     const item *it, const char *priced, int64_t at_risk, int priority,
                     const char *where)
{
    const char *label = it->label;
    /* more than the revenue it can come from: asked, never priced
     * (handoff-format.md, "Risk cost"; eyes-final8 V1); a gap is lost
     * revenue whatever its words */
    const char *over_text = report_risk_over_revenue_text(c, e, it, at_risk);
    /* its amount as written first: the row and the agenda line say the one
     * wording, never "$4,000" in one and only "more than $3,600" in the
     * other (reports.md, CEO; eyes-final18 W6) */
    const char *clause = over_text ? report_format(c, "%s/month as written, %s",
                                                   report_dollars_text(c, at_risk), over_text)
                                   : NULL;
    if (!clause)
        clause = risk_clause(c, e, at_risk,
                             report_risk_is_revenue_gap(it) ? report_lost_revenue_cost(c, e, at_risk)
                                                            : report_risk_cost(c, e, it, at_risk));
    /* a priced risk says where its figure comes from (fixR U2); the agenda
     * keeps the label */
    const char *said = priced ? report_format(c, "%s: %s", label, priced) : label;
    /* asked: the most it could take is the revenue it can come from, an
     * exposure, never its amount "at risk" (handoff-format.md, "Risk cost") */
    int64_t source = 0;
    const char *what_source;
    bool over = report_risk_over_revenue(c, e, it, at_risk, &source, &what_source);
    shortfall *s = add_shortfall(c, list, e,
                                 clause ? report_format(c, "%s (risk: %s)", said, clause)
                                        : report_format(c, "%s (risk)", said),
                                 over ? -1 : at_risk, priority, where);
    s->risk = true;
    s->label = label;
    if (over)
        s->at_stake = source;
    s->todo = over ? report_format(c, "%s: %s", label, clause)
                   : report_format(c, "prepare for %s: %s/month at risk%s", label,
                                   report_dollars_text(c, at_risk),
                                   clause ? report_format(c, " (%s)", clause) : "");
}

/* "<cause>; refinance the loan or add $481/month of revenue" (R4). */
static const char *loan_levers_text(const report_context *c, const entity *e, const char *cause)
{
    int64_t more;
    return report_revenue_to_break_even(c, e, &more, NULL)
               ? report_format(c, "%s; refinance the loan or add %s/month of revenue", cause,
                               report_dollars_text(c, more))
               : report_format(c, "%s; refinance the loan", cause);
}

/* "until its gift certificates are redeemed": when the cash `e` takes in
 * ahead of earning becomes revenue (reports.md, CEO revenue-gap row;
 * eyes-final19 A2). One such line names itself ("redeemed" for a gift
 * card, else "earned"); several are said by their sum `ahead`. */
static const char *ahead_until_text(const report_context *c, const entity *e, int64_t ahead)
{
    const section *rev = &e->sections[model_revenue_section(e)];
    const item *only = NULL;
    size_t lines = 0;
    for (size_t i = 0; i < rev->item_count; i++) {
        report_amount m;
        if (report_revenue_ahead_amount(c, e, &rev->items[i], &m) && m.mid > 0) {
            only = &rev->items[i];
            lines++;
        }
    }
    if (lines != 1)
        return report_format(c, "until the %s/month received ahead is earned",
                             report_dollars_text(c, ahead));
    const char *when = report_revenue_deferral(only);
    bool redeemed = when && strcmp(when, "when redeemed") == 0;
    size_t n = strlen(only->label);
    char *label = arena_strdup(c->arena, only->label);
    label[0] = (char)tolower((unsigned char)label[0]); /* "gift certificates" */
    return report_format(c, "until its %s %s %s", label,
                         n && only->label[n - 1] == 's' ? "are" : "is",
                         redeemed ? "redeemed" : "earned");
}

/* The one wording of `e`'s loss of `net` cents (report_loss_text), which
 * says which result it is when cash taken in ahead of earning makes the
 * cash result and the operating result differ (reports.md, CEO revenue-gap
 * row; eyes-final19 A2): "is $42/month short in cash (operating loss $342
 * until its gift certificates are redeemed)", "$42/month cash shortfall". */
static const char *ceo_loss_text(const report_context *c, const entity *e, int64_t net,
                                 report_loss_form form)
{
    report_operating o;
    report_entity_operating(c, e, &o);
    if (o.loan > 0 || o.ahead <= 0 || o.operating >= 0)
        return report_loss_text(c, e, net, form);
    if (form == REPORT_LOSS_WORD)
        return "cash shortfall";
    if (form == REPORT_LOSS_NOUN)
        return report_format(c, "%s/month cash shortfall", report_dollars_text(c, net));
    return report_format(c, "is %s/month short in cash (%s %s)", report_dollars_text(c, net),
                         report_operating_text(c, &o), ahead_until_text(c, e, o.ahead));
}

/* A label inside a sentence: its first letter in lower case ("off-season
 * gap in bookings"), an acronym's kept ("SEO traffic drop"). */
static const char *label_inline(const report_context *c, const char *label)
{
    char *copy = arena_strdup(c->arena, label);
    if (copy[0] && !isupper((unsigned char)copy[1]))
        copy[0] = (char)tolower((unsigned char)copy[0]);
    return copy;
}

/* A `## Risks` gap set against the figures' loss `net` (handoff-format.md,
 * "CEO shortfalls"; eyes-final2 H2/H12): off-season now, the handoff's
 * estimate of today's gap and how far it is from the loss; else a drop
 * still to come, on top of it. */
static void put_gap_estimate(const report_context *c, const entity *e, const shortfall *risk,
                             int64_t net, bool off_now, strbuf *out)
{
    const char *file = risk->where ? strrchr(risk->where, '/') : NULL; /* the row's Where has the path */
    const char *where = risk->where ? report_format(c, " (%s)", file ? file + 1 : risk->where) : "";
    const char *over = report_risk_over_revenue_text(c, e, risk->gap_item, risk->impact);
    /* a risk the handoff flags, never a forecast it "expects" (A9) */
    const char *flags = off_now ? NULL
                                : report_format(c, "; the handoff flags a risk of %s/month, the %s%s",
                                                report_dollars_text(c, risk->impact),
                                                label_inline(c, risk->what), where);
    if (!off_now && over) { /* asked, never added to the loss (eyes-final8 V1) */
        strbuf_printf(out, "%s, %s", flags, over);
        return;
    }
    if (!off_now) {
        const char *word = ceo_loss_text(c, e, net, REPORT_LOSS_WORD);
        /* the costs that move with revenue fall with it: the risk's cost
         * (handoff-format.md, "Risk cost"; H12), said with the sum */
        int64_t more = report_lost_revenue_cost(c, e, risk->impact);
        if (report_entity_revenue(c, e).mid > 0 && more > 0)
            strbuf_printf(out, "%s: that would add about %s/month to this %s at today's margin "
                               "(%s/month in all)",
                          flags, report_dollars_text(c, more), word,
                          report_dollars_text(c, net + more));
        else
            strbuf_printf(out, "%s, on top of this %s", flags, word);
        return;
    }
    strbuf_printf(out, "; the handoff puts its %s at %s/month%s, %s", risk->what,
                  report_dollars_text(c, risk->impact), where,
                  report_gap_estimate_text(c, e, risk->gap_item, risk->impact, net));
}

/* The agenda line of an off-season business below break-even (reports.md,
 * "One story for a business short of cash until its season", eyes-final8
 * U11): its blast and the funding when the blast reaches its need; what
 * the blast could bring when it does not; "which only the season brings"
 * only when it has no blast model. */
static const char *season_todo(const report_context *c, const entity *e, const char *season_text,
                               int64_t net, const char *units)
{
    const char *loss = report_format(c, "the %s needs %s a month",
                                     ceo_loss_text(c, e, net, REPORT_LOSS_NOUN), units);
    /* an Item cell: nothing before it names the business (S8) */
    const char *step = report_blast_funding_step_named_text(c, e, true);
    if (step)
        return report_format(c, "%s; in season %s", step, loss);
    report_blast blast;
    /* a send that rounds to no whole unit is no path (rule 5, rounding) */
    bool path = report_blast_of(c, e, &blast) && blast.conversions_high * 2 >= MODEL_SCALE;
    const char *brings = path ? report_blast_brings_text(c, e) : NULL;
    if (brings)
        return report_format(c, "plan the %s: %s in season; one e-mail blast could bring %s",
                             season_text, loss, brings);
    /* a dated marketing step of its own is a path before the season too (fixS 4) */
    const char *first = report_cmo_first_step_text(c, e);
    if (first)
        return report_format(c, "plan the %s: %s in season; %c%s first (CMO plan)", season_text,
                             loss, tolower((unsigned char)first[0]), first + 1);
    return report_format(c, "plan the %s: %s, which only the season brings", season_text, loss);
}

/* The rate of `e`'s `## Expenses` percents charged on `line`'s revenue (a
 * percent of all revenue, or one naming that line), midpoints, scaled by
 * REPORT_PERCENT_ONE: what of a dollar more or less of it the fees take. */
static int64_t fee_rate_on(const entity *e, const item *line)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    int64_t rate = 0;
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        if (it->value.kind == VALUE_PERCENT &&
            (!it->share_of || strcasecmp(it->share_of, line->label) == 0))
            rate += report_midpoint(it->value.scaled, it->value.scaled_high);
    }
    return rate;
}

/* " with the $9,000 of retainers in Revenue, about $2,494 if the $7,800
 * Clients ledger is right (confirm with Jonah Marlow)": a loss `net` that
 * rests on a retainer line its Clients ledger does not match (the question
 * Data quality asks) says the other figure where it is read (reports.md,
 * CEO revenue-gap row; eyes-final18 W9). The other figure moves the loss
 * by the difference less the fees the business pays on it; "" with no gap. */
static const char *retainer_caveat(const report_context *c, const entity *e, int64_t net)
{
    report_amount retainers, ledger;
    const item *line = report_retainer_gap(c, e, &retainers, &ledger);
    if (!line)
        return "";
    int64_t apart = retainers.mid - ledger.mid; /* > 0: the ledger's revenue is lower */
    int64_t kept = apart - report_muldiv(apart, fee_rate_on(e, line), REPORT_PERCENT_ONE);
    int64_t other = net + kept; /* the loss if the ledger is right */
    const char *figure = other > 0 ? report_format(c, "about %s", report_dollars_text(c, other))
                                   : report_format(c, "about %s a month made",
                                                   report_dollars_text(c, -other));
    /* the owner's name without its role ("Jonah Marlow (managing partner)"):
     * no bracket inside the bracket */
    const char *owner = e->owner && *e->owner ? e->owner : "its owner";
    int name = (int)strcspn(owner, "(");
    while (name > 0 && owner[name - 1] == ' ')
        name--;
    return report_format(c, " with the %s of retainers in Revenue, %s if the %s Clients ledger "
                            "is right (confirm with %.*s)",
                         report_dollars_text(c, retainers.mid), figure,
                         report_dollars_text(c, ledger.mid), name, owner);
}

/* One entity's revenue gap as one shortfall (Formulas, "CEO shortfalls"):
 * only an entity with a net burn has one; its impact is the net burn (the
 * CFO's figure); the units below break-even are said in words and the gap
 * risks named as detail, never added to it. */
/* Days within which a business's cash running out ranks its gap first
 * (reports.md, CEO, Order; eyes-final21 C11). */
enum { CASH_OUT_FIRST_DAYS = 60 };

/* Whether `e`'s cash (its runway `r`) runs out before its season opens or
 * within CASH_OUT_FIRST_DAYS: the money that is gone in weeks. */
static bool cash_runs_out_first(const report_context *c, const entity *e, const report_runway *r)
{
    int64_t days = report_cash_out_days(r);
    if (days < 0)
        return false;
    int64_t need;
    report_season season;
    report_runway season_runway;
    return days <= CASH_OUT_FIRST_DAYS ||
           report_season_funding_need(c, e, &need, &season, &season_runway);
}

static void add_gap(const report_context *c, shortfall_list *list, const entity *e,
                    const shortfall_list *risks)
{
    int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    if (net <= 0) { /* it makes money: no revenue gap, its gap risks are risks */
        for (size_t i = 0; i < risks->count; i++)
            add_risk(c, list, e, risks->items[i].gap_item, NULL, risks->items[i].impact,
                     risks->items[i].priority, risks->items[i].where);
        return;
    }
    const char *what, *where, *todo, *reason, *gap_lever;
    /* the loss as the row says it, with the ledger's figure when it rests on one (W9) */
    const char *loss_clause = report_format(c, "%s%s", ceo_loss_text(c, e, net, REPORT_LOSS_CLAUSE),
                                            retainer_caveat(c, e, net));
    report_unit_economics u;
    if (report_unit_economics_of(c, e, &u) && u.has_price && u.has_volume && u.reachable &&
        u.volume_scaled / MODEL_SCALE < u.break_even_units) {
        int64_t now = u.volume_scaled / MODEL_SCALE, more = u.break_even_units - now;
        const char *units = report_format(c, "%lld more %s", (long long)more,
                                          more == 1 ? u.unit : report_unit_plural(c, u.unit, false));
        report_season season; /* its KPIs are off-season volume: say so (G1) */
        bool off = report_entity_off_season(c, e, &season);
        const char *season_text = off ? report_season_text(c, &season) : NULL;
        /* a subscription's units are a stock to grow to, never sales a month
         * (handoff-format.md Formulas, check17 A4): one sentence for both */
        const char *grow = report_units_to_add_text(c, e, &u, more);
        bool stock = report_churn_kpi(e) != NULL;
        const char *in_season = !off ? ""
                                : season.month_name
                                    ? report_format(c, " in the off-season, until %s",
                                                    season.month_name)
                                    : " in the off-season";
        reason = stock ? report_format(c, "needs to %s to break even; it has %s now%s", grow,
                                       report_scaled_text(c, u.volume_scaled), in_season)
                       : report_format(c, "needs %s a month to break even (%lld; it sells %s%s)",
                                       units, (long long)u.break_even_units,
                                       report_scaled_text(c, u.volume_scaled), in_season);
        what = report_format(c, "%s %s: %s", e->title, loss_clause, reason);
        reason = report_format(c, "it %s", reason);
        where = line_of(c, e, unit_revenue_line(e, u.unit));
        const char *step = report_blast_funding_step_named_text(c, e, true); /* U11, S8 */
        const char *loss = ceo_loss_text(c, e, net, REPORT_LOSS_NOUN);
        todo = off    ? season_todo(c, e, season_text, net, units)
               /* the agenda's date is when the plan for the volume is due,
                * never a deadline to sell it (reports.md 30-day agenda;
                * eyes-final11 Y4): "plan how to sell 14 more lessons a month" */
               : step ? report_format(c, "%s; plan how to %s: closes the %s", step, grow, loss)
                      : report_format(c, "plan how to %s: closes the %s", grow, loss);
        /* an off-season decision is its funding, never this lever (Y5) */
        gap_lever = off ? NULL
                        : stock ? report_format(c, "it needs to %s", grow)
                                : report_format(c, "it needs %s a month", units);
    } else if (report_loan_cause_text(c, e, true)) {
        /* its loan makes the shortfall: the loan is the lever (R4) */
        gap_lever = reason = loan_levers_text(c, e, report_loan_cause_text(c, e, true));
        what = report_format(c, "%s %s: %s", e->title, loss_clause, gap_lever);
        where = line_of(c, e, e->sections[SECTION_EXPENSES].line);
        todo = report_format(c, "close the %s: %s", ceo_loss_text(c, e, net, REPORT_LOSS_NOUN),
                             loan_levers_text(c, e, report_loan_cause_text(c, e, false)));
    } else { /* no units to sell: the largest cost is the lever */
        report_amount cost = {0};
        const item *largest = report_entity_largest_cost(c, e, &cost);
        const char *lever = largest ? report_format(c, "; largest cost: %s %s/month", largest->label,
                                                    report_dollars_text(c, cost.mid))
                                    : "";
        reason = largest ? report_format(c, "its costs exceed its revenue (largest cost: %s %s/month)",
                                         largest->label, report_dollars_text(c, cost.mid))
                         : "its costs exceed its revenue";
        what = report_format(c, "%s %s: costs exceed revenue%s", e->title, loss_clause, lever);
        gap_lever = largest ? report_format(c, "largest cost %s %s/month", largest->label,
                                            report_dollars_text(c, cost.mid))
                            : "its costs exceed its revenue";
        where = line_of(c, e, e->sections[SECTION_EXPENSES].line);
        todo = report_format(c, "close the %s: costs exceed revenue%s",
                             ceo_loss_text(c, e, net, REPORT_LOSS_NOUN),
                             largest ? report_format(c, " (largest cost: %s %s/month)",
                                                     largest->label, report_dollars_text(c, cost.mid))
                                     : "");
    }
    strbuf detail = STRBUF_INIT;
    report_season now_off;
    bool off_now = report_entity_off_season(c, e, &now_off);
    for (size_t i = 0; i < risks->count; i++)
        put_gap_estimate(c, e, &risks->items[i], net, off_now, &detail);
    report_runway r;
    report_entity_runway(c, e, &r); /* rule 6: the CFO's and the Audit's figure */
    strbuf_puts(&detail, r.has_cash ? report_format(c, "; cash lasts %s",
                                                    report_runway_months_text(c, r.months))
                                    : "; cash not stated");
    if (!r.has_cash) /* the row names no field: Data quality asks it (reports.md, R9) */
        report_note_missing(c, e, SECTION_ASSETS, "Cash: $amount");
    shortfall *merged = add_shortfall(c, list, e, what, net, 0, where);
    merged->cash_out = cash_runs_out_first(c, e, &r);
    merged->detail = arena_strdup(c->arena, strbuf_cstr(&detail));
    merged->todo = todo;
    merged->gap = true;
    merged->reason = reason;
    merged->lever = gap_lever;
    strbuf_free(&detail);
}

/* The open endpoint of `e`'s site that the risk `it` names, else NULL
 * (reports.md, CEO: a risk the site scan confirms). */
static const report_gap *confirming_gap(const report_gap_list *gaps, const entity *e,
                                        const item *it)
{
    for (size_t i = 0; i < gaps->count; i++)
        if (gaps->items[i].entity == e && gaps->items[i].kind == FINDING_UNAUTHENTICATED_ENDPOINT &&
            report_action_fixes_gap(it, &gaps->items[i]))
            return &gaps->items[i];
    return NULL;
}

/* Whether a `## Risks` item of `e` without an amount names the gap `g`:
 * its confirmed row says it already (reports.md, CEO). */
static bool risk_names_gap(const report_context *c, const entity *e, const report_gap *g)
{
    const section *risks = &e->sections[SECTION_RISKS];
    report_amount a;
    for (size_t i = 0; i < risks->item_count; i++)
        if (!report_item_monthly(c, e, &risks->items[i], &a) &&
            report_action_fixes_gap(&risks->items[i], g))
            return true;
    return false;
}

/* Minutes of work an effort stands for, to add the CTO's efforts up. */
static const int effort_minutes[EFFORT_COUNT] = {
    [EFFORT_MINUTES] = 15, [EFFORT_HOUR] = 60, [EFFORT_HALF_DAY] = 240, [EFFORT_DAY] = 480};

/* "half a day", "a day and a half", "3 days": the efforts added up, in
 * half days from half a day on. */
static const char *work_text(const report_context *c, int minutes)
{
    if (minutes < 60)
        return "under an hour";
    if (minutes < effort_minutes[EFFORT_HALF_DAY])
        return report_format(c, "%d hours", (minutes + 59) / 60);
    int halves = (minutes + effort_minutes[EFFORT_HALF_DAY] - 1) / effort_minutes[EFFORT_HALF_DAY];
    if (halves == 1)
        return "half a day";
    if (halves == 2)
        return "1 day";
    if (halves == 3)
        return "a day and a half";
    return halves % 2 ? report_format(c, "%d and a half days", halves / 2)
                      : report_format(c, "%d days", halves / 2);
}

/* One CTO finding in plain words with its file and line (reports.md, CEO
 * Shortfalls; eyes-final5b R16): "the orders endpoint answers any request,
 * no token checked (orders.mjs:4)", "no backups (tidebox.md:44)". */
/* reports.md, CEO, Shortfalls (eyes-final4 P16, eyes-final5b R16): the
 * CTO's high findings of `e`, from the CTO's own list, as one row, each
 * finding its own clause: "The orders endpoint answers any request, no
 * token checked (orders.mjs:4); no backups (tidebox.md:44): a day and a
 * half of work (CTO report)"; a finding a confirmed risk row names is that
 * row's. */
static void cto_high_row(const report_context *c, const entity *e, shortfall_list *list)
{
    report_cto_finding found[CTO_HIGH_MAX];
    size_t n = report_cto_high_findings(c, e, found, CTO_HIGH_MAX);
    strbuf what = STRBUF_INIT, todo = STRBUF_INIT, where = STRBUF_INIT;
    const report_gap *kept_gaps[CTO_HIGH_MAX];
    const char *todos[CTO_HIGH_MAX];
    size_t kept = 0, gap_count = 0;
    int minutes = 0;
    for (size_t i = 0; i < n; i++)
        if (!found[i].gap || !risk_names_gap(c, e, found[i].gap))
            found[kept++] = found[i];
    for (size_t i = 0; i < kept; i++) {
        const char *fix = report_cto_finding_fix(&found[i]);
        const char *plain = report_cto_finding_text(c, &found[i]);
        strbuf_printf(&what, "%s%s", i ? "; " : "", plain);
        /* the agenda names the finding, not the CTO report (eyes-final6a T2),
         * one line a finding: each is a task of its own (eyes-final13 Q15) */
        todos[i] = report_format(c, "%s: %s (%s)", plain, fix, report_effort_name(found[i].effort));
        strbuf_printf(&todo, "%s%s", i ? "; " : "", todos[i]);
        strbuf_printf(&where, "%s%s", i ? "; " : "", found[i].where);
        minutes += effort_minutes[found[i].effort];
        if (found[i].gap)
            kept_gaps[gap_count++] = found[i].gap;
    }
    if (kept) {
        const char *text = strbuf_cstr(&what);
        shortfall *s = add_shortfall(
            c, list, e,
            report_format(c, "%c%s: %s of work (CTO report)", toupper((unsigned char)text[0]),
                          text + 1, work_text(c, minutes)),
            -1, 0, arena_strdup(c->arena, strbuf_cstr(&where)));
        s->confirmed = s->cto_high = true;
        s->todo = arena_strdup(c->arena, strbuf_cstr(&todo));
        memcpy(s->cto_gaps, kept_gaps, gap_count * sizeof *kept_gaps);
        s->cto_gap_count = gap_count;
        memcpy(s->cto_todos, todos, kept * sizeof *todos);
        for (size_t i = 0; i < kept; i++)
            s->cto_todo_gaps[i] = found[i].gap;
        s->cto_todo_count = kept;
    }
    strbuf_free(&what);
    strbuf_free(&todo);
    strbuf_free(&where);
}

static void entity_shortfalls(const report_context *c, const report_gap_list *gaps,
                              const report_savings *savings, const entity *e, shortfall_list *list)
{
    shortfall_list gap = {0}; /* the risks that name a revenue gap */
    leaked_credentials(c, gaps, e, list);
    cto_high_row(c, e, list);
    const section *risks = &e->sections[SECTION_RISKS];
    for (size_t i = 0; i < risks->item_count; i++) {
        const item *it = &risks->items[i];
        report_amount a;
        const char *where = line_of(c, e, it->line);
        const report_gap *scan = NULL;
        const char *fee_text, *priced = NULL;
        int64_t fee;
        if (!report_item_monthly(c, e, it, &a) && (scan = confirming_gap(gaps, e, it)))
            add_shortfall(c, list, e,
                          report_format(c, "%s (confirmed by the site scan)", it->label), -1, 0,
                          report_format(c, "%s; %s", where, report_gap_where(c, scan)))
                ->confirmed = true;
        else if (!report_risk_monthly(c, e, it, &a, &priced) &&
                 (fee_text = report_risk_fee_text(c, e, it, &fee))) { /* the file answers it (Q12) */
            /* the fee is what is at stake, not an estimate of the loss: an
             * exposure, ranked by it after real rows of its size (fixR U1) */
            shortfall *s = add_shortfall(c, list, e, it->label, -1, report_item_priority_rank(it), where);
            s->risk_item = it;
            s->at_stake = fee;
            s->detail = report_format(c, "; at stake: %s", fee_text);
            const char *cut = strstr(fee_text, " fee, "); /* "<client>' fee, $X/month (...)" */
            if (cut && !report_risk_is_single_point(it))
                s->fee_of = report_format(c, "%.*s", (int)(cut - fee_text) + 4, fee_text);
            /* "all of X's revenue, $Y/month (...)": a single-point risk of priority
             * high or medium is planned like a client's fee (reports.md; eyes-final9 W4) */
            cut = strstr(fee_text, ", $");
            if (cut && report_risk_is_single_point(it) && report_item_priority_rank(it) <= 1)
                s->fee_of = report_format(c, "%.*s", (int)(cut - fee_text), fee_text);
        } else if (!report_risk_monthly(c, e, it, &a, &priced))
        {
            shortfall *s = add_shortfall(c, list, e, it->label, -1, report_item_priority_rank(it), where);
            s->risk_item = it;
            s->detail = report_format(c, ": %s", report_risk_question(c, e, it)); /* P17 */
        }
        else if (report_risk_is_revenue_gap(it))
            add_shortfall(c, &gap, e, it->label, a.mid, report_item_priority_rank(it), where)
                ->gap_item = it;
        else
            add_risk(c, list, e, it, priced, a.mid, report_item_priority_rank(it), where);
    }
    add_gap(c, list, e, &gap);
    unused_spend(c, savings, e, list);
}

/* Quantified first by impact, then unquantified by priority; ties, a
 * one-off and a monthly amount of the same cents included, go by entity
 * id and the label (reports.md, CEO: the priority tag orders only the
 * unquantified rows). */
/* At equal amounts (reports.md, CEO, ties): what is lost every month
 * today, then money owed once, then a risk. */
enum { TIE_MONTHLY, TIE_ONE_OFF, TIE_RISK, TIE_EXPOSURE };

static int shortfall_tie(const shortfall *s)
{
    if (s->impact < 0 && s->at_stake > 0)
        return TIE_EXPOSURE;
    return s->risk ? TIE_RISK : s->one_off ? TIE_ONE_OFF : TIE_MONTHLY;
}

/* The amount a row ranks by (reports.md, CEO, Order; fixR U1): its impact,
 * or an exposure's "up to" $X, which ranks among the quantified rows; -1
 * for a row with no money figure. Only the order reads it: the headline's
 * largest problem is a row with an impact. */
static int64_t shortfall_rank_amount(const shortfall *s)
{
    return s->impact < 0 && s->at_stake > 0 ? s->at_stake : s->impact;
}

/* The money rows' two bands (reports.md, CEO, Order): what is lost, owed
 * or at risk by its own figure first; then the exposures ("up to", the
 * most that could go, not an estimate of the loss) and the unused spend,
 * each band by amount. */
static bool shortfall_is_soft(const shortfall *s)
{
    return s->saving || (s->impact < 0 && s->at_stake > 0);
}

static bool band_critical(const shortfall *s)
{
    return s->critical;
}

/* a confirmed risk before the money; the CTO's own high findings, which
 * carry no money, after it, first of the unquantified (R16) */
static bool band_confirmed(const shortfall *s)
{
    return s->confirmed && !s->cto_high;
}

static bool band_cash_out(const shortfall *s)
{
    return s->cash_out;
}

/* The leading bands of the order (reports.md, CEO, Order), first to last:
 * a row in an earlier band ranks above every row of the later ones, and
 * the rows in none follow, ranked by their money below. */
static bool (*const shortfall_bands[])(const shortfall *) = {
    band_critical,  /* a leaked credential */
    band_confirmed, /* a risk the site scan confirms */
    band_cash_out,  /* cash gone before its season or within 60 days (C11) */
};

static int shortfall_order(const void *a, const void *b)
{
    const shortfall *x = a, *y = b;
    for (size_t i = 0; i < sizeof shortfall_bands / sizeof *shortfall_bands; i++)
        if (shortfall_bands[i](x) != shortfall_bands[i](y))
            return shortfall_bands[i](x) ? -1 : 1;
    int64_t x_amount = shortfall_rank_amount(x), y_amount = shortfall_rank_amount(y);
    if ((x_amount < 0) != (y_amount < 0))
        return x_amount < 0 ? 1 : -1;
    if (x_amount >= 0 && shortfall_is_soft(x) != shortfall_is_soft(y))
        return shortfall_is_soft(x) ? 1 : -1;
    if (x_amount != y_amount)
        return x_amount > y_amount ? -1 : 1;
    if (x->cto_high != y->cto_high)
        return x->cto_high ? -1 : 1;
    if (x_amount < 0 && x->priority != y->priority)
        return x->priority - y->priority;
    if (shortfall_tie(x) != shortfall_tie(y))
        return shortfall_tie(x) - shortfall_tie(y);
    int by_entity = strcmp(x->entity->id, y->entity->id);
    return by_entity ? by_entity : strcmp(x->what, y->what);
}

static void collect_shortfalls(const report_context *c, shortfall_list *list)
{
    *list = (shortfall_list){0};
    report_gap_list gaps;
    report_savings savings;
    report_collect_gaps(c, &gaps);
    report_find_savings(c, &savings);
    for (size_t i = 0; i < c->entity_count; i++)
        entity_shortfalls(c, &gaps, &savings, c->entities[i], list);
    money_owed(c, list);
    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, shortfall_order);
}

/* "$1,650 one-off", "$2,800/month" or "not quantified" (rule 3). */
static const char *impact_text(const report_context *c, const shortfall *s)
{
    if (s->critical)
        return "critical";
    if (s->confirmed)
        return "high";
    if (s->impact < 0 && s->at_stake > 0)
        return report_format(c, "up to %s/month", report_dollars_text(c, s->at_stake));
    if (s->impact < 0)
        return "not quantified";
    /* money owed to the cent (invoices are exact); a monthly figure in
     * whole dollars like the headline (docs/rendering.md, the CEO's) */
    if (s->one_off && s->not_due > 0) /* the due part, then the one owed total (W5) */
        return report_format(c, "%s one-off (%s with %s not yet due)",
                             report_cents_text(c, s->impact),
                             report_cents_text(c, s->impact + s->not_due),
                             report_cents_text(c, s->not_due));
    if (s->one_off)
        return report_format(c, "%s one-off", report_cents_text(c, s->impact));
    return report_format(c, "%s%s", report_dollars_text(c, s->impact),
                         s->risk ? "/month at risk" : "/month");
}

/* reports.md, CEO, Shortfalls (eyes-final G4): the rows the table shows.
 * One entity's money owed is one row; money one group business owes
 * another one row per pair; every other shortfall is its own row. Who owes
 * what is read from report_owed_by_client, the grouping every report uses. */
typedef struct {
    const entity *entity;
    const entity *debtor; /* inside the group; NULL for the entity's clients */
    int64_t total[OWED_STATE_COUNT];
    size_t items[OWED_STATE_COUNT];
    const shortfall *largest[OWED_STATE_COUNT]; /* rows come largest first */
    size_t count;
} owed_row;

/* Money owed in the scope grouped by client, and by pair inside the group. */
typedef struct {
    report_owed_list owed; /* what the groups point into */
    report_client_owed_list clients;
    report_client_owed_list pairs;
} owed_groups;

static void group_owed(const report_context *c, owed_groups *g)
{
    *g = (owed_groups){0};
    report_collectable_collect(c, &g->owed);
    report_owed_by_client(c, g->owed.items, g->owed.count, &g->clients);
    report_owed_by_client(c, g->owed.internal, g->owed.internal_count, &g->pairs);
}

/* The client of `e` owing the most in `state` (the first listed on a tie),
 * NULL when none does; `count` gets how many clients owe in it. */
static const report_client_owed *largest_client(const owed_groups *g, const entity *e, int state,
                                                size_t *count)
{
    const report_client_owed *best = NULL;
    *count = 0;
    for (size_t i = 0; i < g->clients.count; i++) {
        const report_client_owed *k = &g->clients.groups[i];
        if (k->entity != e || !k->count_in[state])
            continue;
        (*count)++;
        if (!best || k->total_in[state] > best->total_in[state])
            best = k;
    }
    return best;
}

/* What clients owe `e` billed (no shortfall of its own), split by age. */
static report_billed_split billed_of(const owed_groups *g, const entity *e)
{
    report_billed_split billed = {0};
    for (size_t i = 0; i < g->clients.count; i++)
        if (g->clients.groups[i].entity == e)
            report_billed_split_merge(&billed, &g->clients.groups[i].billed);
    return billed;
}

/* "$800 more billed and not yet due and $2,200 sent 59 days ago, not
 * marked overdue": the billed part of `e` split by age in rule 2's one
 * wording, the words Accounting and the Audit use (check20 D1, fixA S15). */
static const char *billed_text(const report_context *c, const owed_groups *g, const entity *e)
{
    report_billed_split billed = billed_of(g, e);
    return report_billed_parts_text(c, &billed, " more", true);
}

/* What clients owe `e` billed (no shortfall of its own), in cents. */
static int64_t billed_total(const owed_groups *g, const entity *e)
{
    int64_t sum = 0;
    for (size_t i = 0; i < g->clients.count; i++)
        if (g->clients.groups[i].entity == e)
            sum += g->clients.groups[i].total_in[OWED_BILLED];
    return sum;
}

/* What clients owe `e` billed and not yet due (30 days old or less, rule
 * 2's "billed and not yet due"), in cents: the part of its receivables row
 * that is no money to act on yet. */
static int64_t not_yet_due(const owed_groups *g, const entity *e)
{
    return billed_of(g, e).fresh.mid;
}

/* What `debtor` owes `e`, all its items, NULL when nothing. */
static const report_client_owed *pair_of(const owed_groups *g, const entity *e,
                                         const entity *debtor)
{
    for (size_t i = 0; i < g->pairs.count; i++)
        if (g->pairs.groups[i].entity == e && g->pairs.groups[i].debtor == debtor)
            return &g->pairs.groups[i];
    return NULL;
}

static owed_row *owed_row_of(owed_row *rows, size_t *count, const shortfall *s)
{
    for (size_t i = 0; i < *count; i++)
        if (rows[i].entity == s->entity && rows[i].debtor == s->debtor)
            return &rows[i];
    rows[*count] = (owed_row){.entity = s->entity, .debtor = s->debtor};
    return &rows[(*count)++];
}

/* "$7,000 overdue from 3 clients (largest Pelham Contractors $3,000)", or
 * one item's own words: "$2,500 overdue (Harborline Marine: Invoice M-297)". */
static const char *owed_part(const report_context *c, const owed_groups *g, const owed_row *r,
                             int state)
{
    const shortfall *big = r->largest[state];
    const char *name = report_owed_state_name((report_owed_state)state);
    if (r->items[state] == 1)
        return report_format(c, "%s %s (%s)", report_cents_text(c, r->total[state]), name,
                             big->owed_alone);
    size_t clients;
    const report_client_owed *top = largest_client(g, r->entity, state, &clients);
    if (clients == 1)
        return report_format(c, "%s %s from %s (%zu items)", report_cents_text(c, r->total[state]),
                             name, big->client, r->items[state]);
    return report_format(c, "%s %s from %zu clients (largest %s %s)",
                         report_cents_text(c, r->total[state]), name, clients,
                         top->client->label, report_cents_text(c, top->total_in[state]));
}

/* The risk of `e` whose text names `client`, else NULL. */
static const shortfall *risk_naming(const shortfall_list *list, const entity *e,
                                    const char *client)
{
    for (size_t i = 0; client && i < list->count; i++) {
        const shortfall *s = &list->items[i];
        if (s->entity == e && s->risk_item && strstr(s->risk_item->text, client))
            return s;
    }
    return NULL;
}

static const char *owed_row_text(const report_context *c, const shortfall_list *list,
                                 const owed_groups *g, const owed_row *r)
{
    if (r->debtor) /* the pair's one wording (eyes-final4 P4) */
        return report_format(c, "%s: settle inside the group",
                             report_group_pair_text(c, pair_of(g, r->entity, r->debtor),
                                                    LATE_NAME_LARGEST));
    strbuf text = STRBUF_INIT;
    strbuf_puts(&text, "Receivables: ");
    const int states[] = {OWED_OVERDUE, OWED_UNBILLED};
    for (size_t i = 0, n = 0; i < 2; i++)
        if (r->items[states[i]])
            strbuf_printf(&text, "%s%s", n++ ? ", " : "", owed_part(c, g, r, states[i]));
    size_t clients;
    const report_client_owed *billed = largest_client(g, r->entity, OWED_BILLED, &clients);
    if (billed) /* no shortfall, but the row adds up to the CFO's owed total (R3) */
        strbuf_printf(&text, "; %s (%s)", billed_text(c, g, r->entity),
                      clients == 1 ? billed->client->label
                                   : report_format(c, "%zu clients", clients));
    const report_client_owed *top = largest_client(g, r->entity, OWED_OVERDUE, &clients);
    const shortfall *risk = top ? risk_naming(list, r->entity, top->client->label) : NULL;
    if (risk)
        strbuf_printf(&text, "; %s is also the %s risk (line %d)", top->client->label, risk->what,
                      risk->risk_item->line);
    const char *done = arena_strdup(c->arena, strbuf_cstr(&text));
    strbuf_free(&text);
    return done;
}

/* The overdue amount `risk`'s entity is owed by the client its text
 * names, as the shortfalls read it; 0 when none. */
static int64_t overdue_of_named_client(const shortfall_list *list, const shortfall *risk)
{
    int64_t sum = 0;
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        if (s->entity == risk->entity && s->owed_state == OWED_OVERDUE && s->client &&
            strstr(risk->risk_item->text, s->client))
            sum += s->impact;
    }
    return sum;
}

static int line_order(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* "marlow-legal.md:16,18,19,24,25": every line the row adds up, the billed
 * items of a clients' row included (its impact counts them), in file order. */
static const char *owed_row_lines(const report_context *c, const shortfall_list *list,
                                  const owed_groups *g, const owed_row *r)
{
    int *lines = arena_alloc(c->arena, (list->count + g->owed.count + 1) * sizeof *lines);
    size_t n = 0;
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        if ((s->owed_state >= 0 || s->inside) && s->entity == r->entity && s->debtor == r->debtor)
            lines[n++] = s->line;
    }
    for (size_t i = 0; !r->debtor && i < g->owed.count; i++)
        if (g->owed.items[i].entity == r->entity && g->owed.items[i].state == OWED_BILLED)
            lines[n++] = g->owed.items[i].item->line;
    qsort(lines, n, sizeof *lines, line_order);
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "%s:", r->entity->path);
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&text, "%s%d", i ? "," : "", lines[i]);
    const char *done = arena_strdup(c->arena, strbuf_cstr(&text));
    strbuf_free(&text);
    return done;
}

static void show_shortfalls(const report_context *c, const shortfall_list *list,
                            shortfall_list *shown)
{
    *shown = (shortfall_list){0};
    owed_row *rows = arena_alloc(c->arena, (list->count + 1) * sizeof *rows);
    size_t row_count = 0;
    owed_groups groups;
    group_owed(c, &groups);
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        if (s->owed_state < 0 && !s->inside) {
            shortfall *copy = arena_push(c->arena, (void **)&shown->items, &shown->count,
                                         &shown->capacity, sizeof *shown->items);
            *copy = *s;
            int64_t owes = s->risk_item ? overdue_of_named_client(list, s) : 0;
            if (owes > 0) /* the risk's debtor is late too: say so (G4) */
                copy->what = report_format(c, "%s: %s; it owes %s overdue", s->what,
                                           s->risk_item->text, report_cents_text(c, owes));
            continue;
        }
        int state = s->inside ? OWED_OVERDUE : s->owed_state; /* inside: one sum, no state named */
        owed_row *r = owed_row_of(rows, &row_count, s);
        r->total[state] += s->impact;
        r->items[state]++;
        r->count++;
        if (!r->largest[state])
            r->largest[state] = s;
    }
    for (size_t i = 0; i < row_count; i++) {
        owed_row *r = &rows[i];
        const shortfall *first = r->largest[OWED_OVERDUE] ? r->largest[OWED_OVERDUE]
                                                          : r->largest[OWED_UNBILLED];
        shortfall *row = arena_push(c->arena, (void **)&shown->items, &shown->count,
                                    &shown->capacity, sizeof *shown->items);
        *row = *first;
        /* a pair: its late part; clients: what is due to act on, ranked by
         * it, and what is not yet due, which the impact adds back into the
         * CFO's and Accounting's one total (reports.md, CEO; eyes-final12
         * Z6, eyes-final18 W5). Invariant: impact + not_due = that total. */
        row->not_due = r->debtor ? 0 : not_yet_due(&groups, r->entity);
        row->impact = r->total[OWED_OVERDUE] + r->total[OWED_UNBILLED] +
                      (r->debtor ? 0 : billed_total(&groups, r->entity)) - row->not_due;
        row->what = owed_row_text(c, list, &groups, r);
        row->where = owed_row_lines(c, list, &groups, r);
    }
    if (shown->count)
        qsort(shown->items, shown->count, sizeof *shown->items, shortfall_order);
}

static void put_shortfalls(const report_context *c, const shortfall_list *list, strbuf *out)
{
    static const report_column columns[] = {
        {"#", REPORT_RIGHT},     {"Shortfall", REPORT_LEFT}, {"Entity", REPORT_LEFT},
        {"Impact", REPORT_RIGHT}, {"Where", REPORT_LEFT},
    };
    size_t critical = 0;
    for (size_t i = 0; i < list->count; i++)
        critical += list->items[i].critical;
    if (critical)
        strbuf_printf(out, "## Shortfalls (%zu critical)\n\n", critical);
    else
        strbuf_puts(out, "## Shortfalls\n\n");
    if (!list->count) {
        strbuf_puts(out, "No shortfalls.");
        for (size_t i = 0; i < c->entity_count; i++) { /* the opportunity instead (E6) */
            const char *spare = report_spare_capacity_text(c, c->entities[i]);
            if (spare)
                strbuf_printf(out, " Spare capacity: %s (%s).", spare, c->entities[i]->title);
        }
        strbuf_puts(out, "\n\n");
        return;
    }
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        report_table_row(&t, report_format(c, "%zu", i + 1),
                         report_format(c, "%s%s", s->what, s->detail),
                         report_entity_cell(c, s->entity), impact_text(c, s), s->where);
    }
    report_table_write(&t, out);
}

static void missing_kpi(const report_context *c, const entity *e, const item *it, void *user)
{
    report_table *t = user;
    if (!model_item_has_tag(it, "missing"))
        return;
    report_table_row(t, e->title, it->label, report_format(c, "%s:%d", e->path, it->line));
    /* the row is the KPI's one ask (reports.md, CEO Missing KPIs; R9) */
    report_note_asked(c, e, SECTION_KPIS, report_format(c, "%s: N", it->label));
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
    /* a handoff without `## KPIs` is no row: the ask would name no field
     * and no figure of the CEO's needs one (reports.md, R9); but it is
     * named, so "every KPI has a value" never covers it (eyes-final12 Z15) */
    size_t without = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_each_item(c, e, SECTION_KPIS, missing_kpi, &t);
        if (e->has_section[SECTION_KPIS])
            continue;
        without++;
        strbuf_printf(out, "%s has no `## KPIs` section: add one to %s. ", e->title, e->path);
        report_note_asked_section(c, e, SECTION_KPIS);
    }
    if (!t.row_count) {
        if (without < c->entity_count)
            strbuf_printf(out, "Every KPI named in the %shandoffs has a value.",
                          without ? "other " : "");
        strbuf_puts(out, "\n\n");
        return;
    }
    if (without)
        strbuf_puts(out, "\n\n");
    strbuf_puts(out, "Each is written `(missing)` in its file: replace it with the figure.\n\n");
    report_table_write(&t, out);
}

/* Days from the report date to a shortfall's due date: every one falls
 * inside the 30 days. An `## Actions` item's date is the one schedule's
 * (report_action_due_days); past AGENDA_DAYS it is named on the "Later"
 * line (reports.md, "One date per action"). */
enum { DUE_CRITICAL = 1, DUE_HIGH = 7, DUE_SHORTFALL = REPORT_DUE_SHORTFALL_DAYS, DUE_MEDIUM = REPORT_DUE_HIGH_RISK_DAYS, DUE_OTHER = REPORT_DUE_RISK_DAYS };
#define AGENDA_DAYS 30

/* What an agenda row is, in the order of reports.md's 30-day agenda table:
 * within one day the rows follow it (check20 D2: a business's own
 * 28-day action before a 28-day risk line), then "Largest first". */
typedef enum {
    KIND_CRITICAL, /* a leaked credential */
    KIND_ACTION,   /* an `## Actions` item (the owners' word first) */
    KIND_CTO_HIGH, /* the CTO's high findings of a business */
    KIND_SHORTFALL,
    KIND_RISK,
    KIND_BLAST,  /* the CMO's best blast (eyes-final11 Y6) */
} agenda_kind;

typedef struct {
    int due;           /* days after the report date */
    agenda_kind kind;  /* within one day, the table's order */
    size_t order;      /* as added: shortfalls in rank order, then actions */
    int64_t amount; /* cents the row states (a money-owed line's total);
                       -1 for a row that states none (actions, a leaked key) */
    const char *what;
    const entity *entity;
    int tie;            /* TIE_*: the order of equal amounts */
    const item *action; /* the `## Actions` item of a KIND_ACTION row, else NULL */
} agenda_item;

typedef struct {
    agenda_item *items;
    size_t count;
    size_t capacity;
} agenda;

static agenda_item *add_agenda(const report_context *c, agenda *a, int due, agenda_kind kind,
                               int64_t amount, const char *what, const entity *e)
{
    agenda_item *i =
        arena_push(c->arena, (void **)&a->items, &a->count, &a->capacity, sizeof *a->items);
    *i = (agenda_item){due, kind, a->count, amount, what, e, TIE_MONTHLY, NULL};
    return i;
}

/* By due date, then by kind (the docs table's order); rows that state an
 * amount by that amount, largest first, then entity id and text
 * (reports.md, "Largest first"); the others as added (actions in handoff
 * order). */
static int agenda_order(const void *a, const void *b)
{
    const agenda_item *x = a, *y = b;
    if (x->due != y->due)
        return x->due - y->due;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    if ((x->amount < 0) != (y->amount < 0))
        return x->amount < 0 ? 1 : -1;
    if (x->amount >= 0) {
        if (x->amount != y->amount)
            return x->amount > y->amount ? -1 : 1;
        if (x->tie != y->tie)
            return x->tie - y->tie;
        int by_entity = strcmp(x->entity->id, y->entity->id);
        if (by_entity)
            return by_entity;
        int by_text = strcmp(x->what, y->what);
        if (by_text)
            return by_text;
    }
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The tech action of the gap's entity that names what leaked: one agenda line. */
static const report_entry *credential_action(const report_entry *actions, size_t count,
                                             const report_gap *g)
{
    for (size_t i = 0; i < count; i++)
        if (actions[i].entity == g->entity && model_item_has_tag(actions[i].item, "tech") &&
            report_action_fixes_gap(actions[i].item, g))
            return &actions[i];
    return NULL;
}

/* The action of the row's entity that fixes one of the CTO's high gaps
 * of that row: one agenda line (reports.md, CEO agenda). */
static const report_entry *cto_action(const report_entry *actions, size_t count,
                                      const entity *e, const report_gap *gap)
{
    for (size_t i = 0; gap && i < count; i++)
        if (actions[i].entity == e && report_action_fixes_gap(actions[i].item, gap))
            return &actions[i];
    return NULL;
}

/* Money owed is one agenda line per entity and state: "collect $3,800
 * overdue (6 items; largest: Sunset Cafe year-end cleanup $1,200)". */
typedef struct {
    const entity *entity;
    int state;
    int64_t total;
    size_t count;
    const shortfall *largest; /* shortfalls come largest first */
    size_t agenda_index;
    const char *ask; /* unmarked_ask of a collect line, worked out once; NULL until then */
} owed_group;

/* Money one group business owes another is grouped per pair, its state
 * INSIDE_STATE, apart from the owed states. */
enum { INSIDE_STATE = -2 };

/* The agenda line of `s`'s group (its entity, state and debtor), added on
 * first use due in `due` days; `s` counted in its total. */
static owed_group *agenda_group(const report_context *c, agenda *a, owed_group *groups,
                                size_t *group_count, const shortfall *s, int state, int due)
{
    owed_group *g = NULL;
    for (size_t i = 0; i < *group_count && !g; i++)
        if (groups[i].entity == s->entity && groups[i].state == state &&
            groups[i].largest->debtor == s->debtor)
            g = &groups[i];
    if (!g) {
        g = &groups[(*group_count)++];
        *g = (owed_group){s->entity, state, 0, 0, s, a->count, NULL};
        add_agenda(c, a, due, KIND_SHORTFALL, 0, "", s->entity)->tie = TIE_ONE_OFF;
    }
    g->total += s->impact;
    g->count++;
    a->items[g->agenda_index].amount = g->total; /* ranks at the total it states */
    return g;
}

/* "<head> (<the one item>)" or "<head> (N items; largest: <item> $X)". */
static const char *group_text(const report_context *c, const owed_group *g, const char *head,
                              const char *alone)
{
    return g->count == 1 ? report_format(c, "%s (%s)", head, alone)
                         : report_format(c, "%s (%zu items; largest: %s %s)", head, g->count,
                                         g->largest->owed_label,
                                         report_cents_text(c, g->largest->impact));
}

/* "; ask whether Lantern Noodle Bar: Invoice F-090 $3,200 (sent 91 days
 * ago, not marked overdue) is paid": the invoices of `e` billed over 30
 * days ago and not marked overdue, outside its overdue total (reports.md,
 * CEO agenda; eyes-final9 W12), else "". */
static const char *unmarked_ask(const report_context *c, const entity *e)
{
    report_owed_list owed = {0};
    report_owed_collect_for_scope(c, e, &owed);
    const char *asked = "";
    size_t n = 0;
    for (size_t i = 0; i < owed.count; i++)
        if (report_owed_unmarked(&owed.items[i]))
            asked = report_format(c, "%s%s%s %s (sent %lld days ago, not marked overdue)", asked,
                                  n++ ? ", " : "", report_owed_label(c, &owed.items[i]),
                                  report_cents_text(c, owed.items[i].amount.mid),
                                  (long long)owed.items[i].age_days);
    return n ? report_format(c, "; ask whether %s %s paid", asked, n == 1 ? "is" : "are") : "";
}

static void owed_line(const report_context *c, agenda *a, owed_group *groups, size_t *group_count,
                      const shortfall *s)
{
    owed_group *g = agenda_group(c, a, groups, group_count, s, s->owed_state, DUE_SHORTFALL);
    bool collect = s->owed_state == OWED_OVERDUE;
    const char *head = report_format(c, "%s %s %s one-off", collect ? "collect" : "invoice",
                                     report_cents_text(c, g->total),
                                     report_owed_state_name((report_owed_state)g->state));
    if (!g->ask) /* the entity's receivables read once per line, not per item */
        g->ask = collect ? unmarked_ask(c, s->entity) : "";
    a->items[g->agenda_index].what =
        report_format(c, "%s%s", group_text(c, g, head, g->largest->owed_alone), g->ask);
}

/* Money one group business owes another: one agenda line per pair
 * (reports.md, CEO agenda), ranked at its late total, in the pair's one
 * wording: "settle inside the group: Driftwood Café owes Marlow & Finch
 * Legal $2,000 overdue ($2,800 in all)". */
static void inside_line(const report_context *c, agenda *a, owed_group *groups,
                        size_t *group_count, const shortfall *s)
{
    /* dated and ranked with the other collections (KIND_SHORTFALL, by its
     * late total): the easiest money to get (reports.md, CEO agenda;
     * eyes-final12 Z14) */
    owed_group *g = agenda_group(c, a, groups, group_count, s, INSIDE_STATE, DUE_SHORTFALL);
    a->items[g->agenda_index].what = s->todo;
}

/* Words of an action that chases the overdue money (reports.md, CEO). */
static const char *const collect_words[] = {"overdue", "collect", "chase"};

/* The action of `e` that chases its overdue money, else NULL: read from
 * its own `## Actions`, so an ancillary business's too (B7). */
static const item *chase_item(const entity *e)
{
    const section *actions = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < actions->item_count; i++)
        for (size_t w = 0; w < sizeof collect_words / sizeof *collect_words; w++)
            if (label_has(actions->items[i].label, collect_words[w]))
                return &actions->items[i];
    return NULL;
}

/* Each overdue line takes its entity's chasing action: one row, due by
 * the earlier date; the action is not listed again. */
static void merge_collect_actions(const report_context *c, agenda *a, const owed_group *groups,
                                  size_t group_count, const report_entry *actions, size_t count,
                                  const report_entry **merged, size_t *merged_count)
{
    for (size_t i = 0; i < group_count; i++) {
        if (groups[i].state != OWED_OVERDUE)
            continue;
        /* from the entity's own Actions: an ancillary one's too, which
         * the scope's list leaves out (reports.md, One date per action; B7) */
        const item *chase = chase_item(groups[i].entity);
        if (!chase)
            continue;
        agenda_item *row = &a->items[groups[i].agenda_index];
        row->what = report_format(c, "%s: %s", chase->label, row->what);
        int due = report_action_due_days(c, groups[i].entity, chase);
        if (due < row->due)
            row->due = due;
        for (size_t j = 0; j < count; j++)
            if (actions[j].item == chase)
                merged[(*merged_count)++] = &actions[j];
    }
}

/* "Add a second grinder ($900 one-off)": an action that costs money says
 * what it spends (reports.md, 30-day agenda; eyes-final2 H3). */
/* "Re-upholster the waiting-room chairs ($400 one-off, on hold until it is
 * funded)": a spend that waits says so (reports.md, "One date per
 * action"; eyes-final6a T14). */
static const char *action_with_cost(const report_context *c, const entity *e, const item *it)
{
    report_amount cost;
    if (!report_item_amount(it, &cost) || report_action_costs_nothing(it))
        return it->label;
    /* one status with the CFO and Accounting (Z4, Q3: report_spend_waits_for_room) */
    const char *hold = report_spend_waits_for_funding(c, e, it) ? report_spend_hold_text(c, e)
                       : report_spend_waits_for_room(c, e, it)  ? report_spend_room_hold_text(c, e)
                                                                : NULL;
    return report_format(c, "%s (%s%s)", it->label, report_written_amount(c, it),
                         hold ? report_format(c, ", %s", hold) : "");
}

/* "state Quillwork Academy's cash and name its owner (the advanced module,
 * $600 one-off, waits on it)": a spend held until its business states its
 * cash cannot start, so its agenda slot names what unblocks it, on the same
 * date (reports.md, "One date per action"; eyes-final11 Y3). NULL for any
 * other action: a spend held until funded keeps its own words. */
static const char *held_spend_unblock(const report_context *c, const entity *e, const item *it)
{
    report_amount cost;
    report_runway r;
    if (!report_item_amount(it, &cost) || report_action_costs_nothing(it) ||
        !report_spend_waits_for_funding(c, e, it))
        return NULL;
    report_entity_runway(c, e, &r);
    if (!report_burns_without_cash(&r))
        return NULL;
    /* "Record the advanced module" → "the advanced module"; else the label */
    const char *the = strstr(it->label, " the ");
    const char *space = strchr(it->label, ' ');
    const char *spend = the && the == space ? the + 1 : it->label;
    return report_format(c, "state %s's cash%s (%s, %s, waits on it)", e->title,
                         e->owner && *e->owner ? "" : " and name its owner", spend,
                         report_written_amount(c, it));
}

/* A risk answered by its client's fee (reports.md, "A risk marked not
 * quantified"; check20 A2): the client's collect line says it when that
 * client is overdue, else it is dated like a quantified risk. */
static void client_fee_line(const report_context *c, const shortfall_list *list, agenda *a,
                            const owed_group *groups, size_t group_count, const shortfall *s)
{
    for (size_t g = 0; overdue_of_named_client(list, s) > 0 && g < group_count; g++)
        if (groups[g].entity == s->entity && groups[g].state == OWED_OVERDUE &&
            !groups[g].largest->debtor) {
            agenda_item *row = &a->items[groups[g].agenda_index];
            row->what = report_format(c, "%s; also the %s risk", row->what, s->what);
            return;
        }
    add_agenda(c, a, s->priority == 0 ? DUE_MEDIUM : DUE_OTHER, KIND_RISK, s->at_stake,
               report_format(c, "plan for %s: up to %s/month at stake (%s)", s->what,
                             report_dollars_text(c, s->at_stake), s->fee_of),
               s->entity)
        ->tie = TIE_RISK;
}

/* The scope's entry of the action that answers the risk row `s`
 * (report_risk_first_answer), else NULL: that row's first words, one date
 * (reports.md, "One date per action"; eyes-final20 B6). */
static const report_entry *risk_answer_entry(const report_context *c, const report_entry *actions,
                                             size_t count, const shortfall *s)
{
    const section *risks = &s->entity->sections[SECTION_RISKS];
    for (size_t i = 0; s->label && i < risks->item_count; i++) {
        if (strcmp(risks->items[i].label, s->label) != 0)
            continue;
        const item *answer = report_risk_first_answer(c, s->entity, &risks->items[i]);
        for (size_t j = 0; answer && j < count; j++)
            if (actions[j].item == answer)
                return &actions[j];
    }
    return NULL;
}

static void build_agenda(const report_context *c, const shortfall_list *list, agenda *a)
{
    report_gap_list gaps; /* for an action about another secret than the leaked one */
    report_collect_gaps(c, &gaps);
    *a = (agenda){0};
    owed_group *groups = arena_alloc(c->arena, (list->count + 1) * sizeof *groups);
    size_t group_count = 0;
    report_entry *actions;
    size_t count = report_collect_items(c, SECTION_ACTIONS, NULL, &actions);
    /* a row merges at most one action, a CTO row one per finding */
    const report_entry **merged =
        arena_alloc(c->arena, (list->count * CTO_HIGH_MAX + 1) * sizeof *merged);
    size_t merged_count = 0;
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        if (s->critical) {
            const report_entry *fix = credential_action(actions, count, s->leak);
            if (fix)
                merged[merged_count++] = fix;
            add_agenda(c, a, DUE_CRITICAL, KIND_CRITICAL, -1,
                       fix ? report_format(c, "%s: %s", fix->item->label, s->todo) : s->todo,
                       s->entity);
        } else if (s->cto_high) {
            /* one line a finding (eyes-final13 Q15), the action that fixes it first;
             * after the handoffs' own high actions of that day (its kind) */
            for (size_t k = 0; k < s->cto_todo_count; k++) {
                const report_entry *fix = cto_action(actions, count, s->entity, s->cto_todo_gaps[k]);
                if (fix)
                    merged[merged_count++] = fix;
                add_agenda(c, a, DUE_HIGH, KIND_CTO_HIGH, -1,
                           fix ? report_format(c, "%s: %s", fix->item->label, s->cto_todos[k])
                               : s->cto_todos[k],
                           s->entity);
            }
        } else if (s->owed_state >= 0) {
            owed_line(c, a, groups, &group_count, s);
        } else if (s->inside) { /* no cash comes into the group */
            inside_line(c, a, groups, &group_count, s);
        } else if (s->risk) { /* planned before month end, after today's problems */
            /* the action that answers it is its row, on its day (B6) */
            const report_entry *answer = risk_answer_entry(c, actions, count, s);
            int due = s->priority == 0 ? DUE_MEDIUM : DUE_OTHER;
            if (answer) { /* due by the earlier date, as a merged collect line */
                merged[merged_count++] = answer;
                int own = report_action_due_days(c, answer->entity, answer->item);
                due = own < due ? own : due;
            }
            add_agenda(c, a, due, KIND_RISK, s->impact,
                       answer ? report_format(c, "%s: %s", action_with_cost(c, answer->entity,
                                                                            answer->item),
                                              s->todo)
                              : s->todo,
                       s->entity)
                ->tie = TIE_RISK;
        } else if (s->impact >= 0) {
            add_agenda(c, a, DUE_SHORTFALL, KIND_SHORTFALL, s->impact,
                       s->todo ? s->todo
                               : report_format(c, "close \"%s\" (%s)", s->what, impact_text(c, s)),
                       s->entity)
                ->tie = s->one_off ? TIE_ONE_OFF : TIE_MONTHLY;
        }
    }
    merge_collect_actions(c, a, groups, group_count, actions, count, merged, &merged_count);
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].fee_of)
            client_fee_line(c, list, a, groups, group_count, &list->items[i]);
    for (size_t i = 0; i < count; i++) {
        bool done = false;
        for (size_t j = 0; j < merged_count && !done; j++)
            done = merged[j] == &actions[i];
        if (done || report_spend_swap(c, actions[i].entity, actions[i].item)) /* its saving's row */
            continue;
        /* about another secret than the leaked one: with the critical row */
        const char *other = report_other_secret_note(c, actions[i].item, actions[i].entity, &gaps);
        int due = report_action_due_days(c, actions[i].entity, actions[i].item);
        /* a slot of the 30 days only: the "Later" line keeps the spend's words */
        const char *unblock =
            due <= AGENDA_DAYS ? held_spend_unblock(c, actions[i].entity, actions[i].item) : NULL;
        add_agenda(c, a,
                   other ? DUE_CRITICAL : due,
                   KIND_ACTION, -1,
                   other     ? other
                   : unblock ? unblock
                             : action_with_cost(c, actions[i].entity, actions[i].item),
                   actions[i].entity)
            ->action = actions[i].item;
    }
    const char *blast;
    const entity *sender = report_blast_agenda_text(c, &blast);
    if (sender)
        add_agenda(c, a, DUE_OTHER, KIND_BLAST, -1, blast, sender);
    if (a->count)
        qsort(a->items, a->count, sizeof *a->items, agenda_order);
}

/* YYYY-MM-DD of the report date plus `days`, in UTC. */
static const char *owner_of(const report_context *c, const entity *e)
{
    if (e->owner && *e->owner)
        return e->owner;
    report_note_missing(c, e, SECTION_UNKNOWN, "- Owner: ...");
    return "not named";
}

/* An agenda item as its own sentence's start, capitalised like the
 * table's Item cells (reports.md, CEO agenda; eyes-final13 Q15, S8). */
static const char *item_start(const report_context *c, const char *what)
{
    return report_format(c, "%c%s", toupper((unsigned char)what[0]), what + 1);
}

/* "Later: <Item> (<Entity>, by <date>); ...": the actions due after the
 * 30 days, each with its one date. It names no other report: Accounting's
 * roadmap leaves no-cost actions out of its table (reports.md, CEO agenda;
 * fixV2 U3), so a pointer there would send the reader to a date it lacks. */
static void put_later(const report_context *c, const agenda *a, size_t first, strbuf *out)
{
    if (first >= a->count)
        return;
    strbuf_puts(out, "Later: ");
    for (size_t i = first; i < a->count; i++)
        strbuf_printf(out, "%s%s (%s, by %s)", i > first ? "; " : "", item_start(c, a->items[i].what),
                      a->items[i].entity->title, report_due_date_text(c, a->items[i].due));
    strbuf_puts(out, ".\n\n");
}

static void put_agenda(const report_context *c, const agenda *a, strbuf *out)
{
    static const report_column columns[] = {
        {"#", REPORT_RIGHT},   {"Due", REPORT_LEFT},   {"Item", REPORT_LEFT},
        {"Entity", REPORT_LEFT}, {"Owner", REPORT_LEFT},
    };
    strbuf_puts(out, "## 30-day agenda\n\n");
    size_t month = 0; /* the rows due within the 30 days: they come first */
    while (month < a->count && a->items[month].due <= AGENDA_DAYS)
        month++;
    if (!month) {
        if (a->count)
            strbuf_puts(out, "Nothing due within 30 days.\n\n");
        else
            strbuf_printf(out, "Nothing to schedule: %s.\n\n", report_ask_scope(c, ACTIONS_ASK));
        put_later(c, a, 0, out);
        return;
    }
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    for (size_t i = 0; i < month && i < AGENDA_MAX; i++) {
        const agenda_item *it = &a->items[i];
        /* every Item cell starts with a capital (reports.md, CEO agenda; eyes-final13 Q15) */
        report_table_row(&t, report_format(c, "%zu", i + 1), report_due_date_text(c, it->due),
                         item_start(c, it->what),
                         report_entity_cell(c, it->entity), owner_of(c, it->entity));
    }
    report_table_write(&t, out);
    if (month > AGENDA_MAX) {
        strbuf_printf(out, "And %zu more, due by %s: ", month - AGENDA_MAX,
                      report_due_date_text(c, a->items[month - 1].due));
        for (size_t i = AGENDA_MAX; i < month; i++)
            strbuf_printf(out, "%s%s (%s)", i > AGENDA_MAX ? "; " : "", item_start(c, a->items[i].what),
                          a->items[i].entity->title);
        strbuf_puts(out, ".\n\n");
    }
    put_later(c, a, month, out);
}

/* "Oakline Print Co. (ancillary)", "A (ancillary) and B (ancillary)": the
 * ancillary businesses `owed` holds items of, in the order first met. */
static const char *ancillary_names(const report_context *c, const report_owed_list *owed)
{
    const entity **seen = arena_alloc(c->arena, (owed->count + 1) * sizeof *seen);
    size_t n = 0;
    for (size_t i = 0; i < owed->count; i++) {
        const entity *e = owed->items[i].entity;
        bool known = e->kind == ENTITY_CORE;
        for (size_t k = 0; k < n && !known; k++)
            known = seen[k] == e;
        if (!known)
            seen[n++] = e;
    }
    strbuf names = STRBUF_INIT;
    for (size_t k = 0; k < n; k++)
        strbuf_printf(&names, "%s%s", !k ? "" : k + 1 == n ? " and " : ", ",
                      report_entity_cell(c, seen[k]));
    const char *text = arena_strdup(c->arena, strbuf_cstr(&names));
    strbuf_free(&names);
    return text;
}

/* "$5,200 overdue, $2,400 unbilled, $850 sent 52 days ago, not marked
 * overdue": the parts of the owed total that are not $0, amount first, the
 * billed part in rule 2's one wording; they add up to the total. */
static const char *owed_parts_text(const report_context *c, const report_owed_list *owed)
{
    static const report_owed_state late[] = {OWED_OVERDUE, OWED_UNBILLED};
    strbuf parts = STRBUF_INIT;
    size_t n = 0;
    for (size_t i = 0; i < sizeof late / sizeof *late; i++)
        if (owed->by_state[late[i]].mid > 0)
            strbuf_printf(&parts, "%s%s %s", n++ ? ", " : "",
                          report_cents_text(c, owed->by_state[late[i]].mid),
                          report_owed_state_name(late[i]));
    /* each billed part its own, so no "and" joins two inside the list */
    report_billed_split fresh = {.fresh = owed->billed.fresh}, stale = owed->billed;
    stale.fresh = (report_amount){0};
    const report_billed_split *billed[] = {&fresh, &stale};
    for (size_t i = 0; i < 2; i++)
        if (billed[i]->fresh.mid > 0 || billed[i]->stale_count > 0)
            strbuf_printf(&parts, "%s%s", n++ ? ", " : "",
                          report_billed_parts_text(c, billed[i], "", true));
    const char *text = arena_strdup(c->arena, strbuf_cstr(&parts));
    strbuf_free(&parts);
    return text;
}

/* reports.md, CEO headline 2: what the scope is owed, the one total the CFO
 * and Accounting give (rule 2's Owed, the same receivables), with its parts
 * and what the group's businesses owe each other apart: "owed $8,450 by
 * clients ($5,200 overdue, …), plus $800 inside the group" (eyes-final12
 * Z6). NULL unless some of it is late: overdue, unbilled, or billed over 30
 * days ago and not marked overdue. `*only` is the one entity it is all owed
 * to, what the group's businesses owe each other included, else NULL;
 * `*ancillary` whether all of it is owed to ancillary ones. */
static const char *late_money(const report_context *c, const entity **only, bool *ancillary)
{
    report_owed_list owed = {0};
    report_receivables_collect(c, &owed);
    int64_t late = owed.by_state[OWED_OVERDUE].mid + owed.by_state[OWED_UNBILLED].mid +
                   owed.billed.stale.mid;
    *only = NULL;
    *ancillary = false;
    if (late <= 0)
        return NULL;
    bool several = false;
    int64_t to_ancillary = report_owed_ancillary(c, &owed); /* the CFO's figure (Q5) */
    for (size_t i = 0; i < owed.count; i++) {
        const entity *e = owed.items[i].entity;
        several = several || (*only && *only != e);
        *only = several ? NULL : e;
    }
    *ancillary = to_ancillary >= owed.total.mid;
    int64_t inside = 0; /* rule 2, "Inside the group": no part of the total */
    for (size_t i = 0; i < owed.internal_count; i++) {
        inside += owed.internal[i].amount.mid;
        if (owed.internal[i].entity != *only) /* "<one> is owed …, plus" names its creditor too */
            *only = NULL;
    }
    const char *total = report_cents_text(c, owed.total.mid);
    const char *part = !*ancillary && to_ancillary > 0
                           ? report_format(c, ", %s of the %s to %s",
                                           report_cents_text(c, to_ancillary), total,
                                           ancillary_names(c, &owed))
                           : "";
    /* one late part alone is said once: "owed $350 overdue by clients" */
    int alone = owed.by_state[OWED_OVERDUE].mid == owed.total.mid    ? OWED_OVERDUE
                    : owed.by_state[OWED_UNBILLED].mid == owed.total.mid ? OWED_UNBILLED
                                                                         : -1;
    const char *owed_text =
        alone >= 0 ? report_format(c, "owed %s %s by clients", total,
                                   report_owed_state_name((report_owed_state)alone))
                   : report_format(c, "owed %s by clients (%s)", total, owed_parts_text(c, &owed));
    return report_format(c, "%s%s%s", owed_text, part,
                         inside > 0 ? report_format(c, ", plus %s inside the group",
                                                    report_cents_text(c, inside))
                                    : "");
}

/* reports.md, CEO headline 3: a burning entity whose cash lasts under 6
 * months (the Audit's and CFO's stop-new-spending line) is the decision of
 * the month, the shortest runway first, after a critical row (eyes-final
 * G1); an off-season one's runway is weighed against its season. */
enum { RUNWAY_DECISION_MONTHS = 6 };

/* reports.md, CEO headline 2: "<Entity> loses $X/month and is owed $A
 * overdue (+$B unbilled)": one sentence, the largest monthly shortfall
 * said short and the late money; money owed to one other business names
 * that business, never "the group", so each clause is one business's
 * issue (eyes-final18 W5). */
static void put_problem_bullet(const report_context *c, const shortfall *largest, strbuf *out)
{
    const entity *only;
    bool ancillary;
    const char *late = late_money(c, &only, &ancillary);
    const char *owed_to = c->is_portfolio ? (ancillary ? "the group's ancillary businesses are " : "the group is ")
                                          : "";
    if (!largest && !late)
        return;
    const char *loss = NULL;
    if (largest && largest->gap) {
        report_runway r; /* a runway under the decision's limit is said with it (X6) */
        report_entity_runway(c, largest->entity, &r);
        bool short_cash = r.has_cash && r.net_burn > 0 && r.months < RUNWAY_DECISION_MONTHS;
        loss = report_format(c, "%s %s%s", largest->entity->title,
                             ceo_loss_text(c, largest->entity, largest->impact,
                                              REPORT_LOSS_CLAUSE),
                             short_cash ? report_format(c, ", its cash lasting %s",
                                                        report_runway_months_text(c, r.months))
                                        : "");
    }
    else if (largest)
        loss = report_format(c, "%s (%s): %s/month%s", largest->risk ? largest->label : largest->what,
                             largest->entity->title, report_dollars_text(c, largest->impact),
                             largest->risk ? " at risk" : "");
    if (!late)
        strbuf_printf(out, "- %s.\n", loss);
    else if (!loss && only)
        strbuf_printf(out, "- %s is %s.\n", only->title, late);
    else if (!loss)
        strbuf_printf(out, "- %s %s.\n",
                      !c->is_portfolio ? "It is"
                      : ancillary      ? "Its ancillary businesses are"
                                       : "The group is",
                      late);
    else if (largest->gap && only == largest->entity)
        strbuf_printf(out, "- %s and is %s.\n", loss, late);
    else if (only && c->is_portfolio) /* one business's issue per clause (W5) */
        strbuf_printf(out, "- %s; %s is %s.\n", loss, report_entity_cell(c, only), late);
    else
        strbuf_printf(out, "- %s; %s%s.\n", loss, owed_to, late);
}


/* "<Entity>'s cash lasts N months ...": the runway part of the decision,
 * NULL when no entity in scope is short of cash. */
static const char *runway_decision(const report_context *c, const shortfall_list *list)
{
    const shortfall *pick = NULL;
    report_runway best = {0};
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        report_runway r;
        if (!s->gap)
            continue;
        report_entity_runway(c, s->entity, &r);
        if (r.has_cash && r.net_burn > 0 && r.months < RUNWAY_DECISION_MONTHS &&
            (!pick || r.months < best.months)) {
            pick = s;
            best = r;
        }
    }
    if (!pick)
        return NULL;
    const char *name = pick->entity->title, *owner = owner_of(c, pick->entity);
    const char *by = report_due_date_text(c, DUE_SHORTFALL);
    report_season season;
    bool off = report_entity_off_season(c, pick->entity, &season);
    /* its own blast reaches the need: the one story (U11); the season's need is said below.
     * The owner and day are the send's; the dated funding fallback comes last, so it never
     * reads as due on the send's day (fixV2 U5) */
    const char *blast = report_blast_funding_send_text(c, pick->entity, "its");
    const char *check = blast ? report_format(c, "; %s", report_blast_funding_check_text(
                                                             c, pick->entity, !off))
                              : "";
    if (!off)
        return report_format(c, "%s cash lasts %s: %s at %s/month; %s; %s, owner %s, by %s%s",
                             report_possessive(c, name), report_runway_months_text(c, best.months),
                             report_dollars_text(c, best.cash), report_dollars_text(c, best.net_burn),
                             blast ? blast : "cut its costs or fund it this month", pick->lever,
                             owner, by, check);
    /* off-season: the decision is how to fund it, never the season's volume,
     * which its shortfall row says (reports.md, CEO headline 3; eyes-final11 Y4, Y5) */
    const char *funding = report_season_funding_brief_text(c, pick->entity); /* E2 */
    if (!funding) /* it lasts to its season, or the season's month is not stated */
        return report_format(
            c, "%s is %s: its %s cash at %s/month lasts %s, %s, owner %s, by %s", name,
            report_season_text(c, &season), report_dollars_text(c, best.cash),
            report_dollars_text(c, best.net_burn), report_runway_months_text(c, best.months),
            season.month ? "to about when its season starts: decide how to fund the off-season this month"
                         : "cut its costs or fund the off-season this month",
            owner, by);
    /* the brief send: the decision stays about six lines (reports.md, CEO headline 3) */
    const char *brief = blast ? report_blast_funding_send_brief_text(c, pick->entity) : NULL;
    const char *step = brief ? brief : blast ? blast : "cut its costs or fund it this month";
    return report_format(c, "%s runs out of cash %s, before its %s season: %s. %c%s, owner %s, by %s%s",
                         name, report_runway_end_text(c, best.months), season.month_name, funding,
                         toupper((unsigned char)*step), step + 1, owner, by, check);
}

/* reports.md, CEO Shortfalls (check17 E6): with no shortfall, selling the
 * spare capacity is the decision; the first action, if any, its first step. */
static void put_spare_decision(const report_context *c, const entity *e, const agenda *a,
                               strbuf *out)
{
    const char *sell = report_spare_capacity_text(c, e);
    strbuf_printf(out, "- Decision: %c%s (%s), owner %s", toupper((unsigned char)*sell), sell + 1,
                  e->title, owner_of(c, e));
    if (a->count)
        strbuf_printf(out, "; first step: %s, by %s", a->items[0].what,
                      report_due_date_text(c, a->items[0].due));
    strbuf_puts(out, ".\n\n");
}

/* An agenda row as the decision: its owner named, or asked for, never
 * "owner not named" (reports.md, CEO headline 3; check20 E8). */
static void put_row_decision(const report_context *c, const agenda_item *it, strbuf *out)
{
    const entity *e = it->entity;
    bool named = e->owner && *e->owner;
    strbuf_printf(out, "- Decision: %c%s (%s)%s%s, by %s%s.\n\n", toupper((unsigned char)it->what[0]),
                  it->what + 1, e->title, named ? ", owner " : "", named ? e->owner : "",
                  report_due_date_text(c, it->due), named ? "" : "; name its owner");
}

/* A quantified risk row of `e` larger than its surplus (it would turn a
 * business that makes money to a loss), else NULL. */
static const agenda_item *risk_over_surplus(const report_context *c, const agenda *a,
                                            const entity *e)
{
    int64_t surplus = report_entity_revenue(c, e).mid - report_entity_burn(c, e).mid;
    for (size_t i = 0; surplus > 0 && i < a->count; i++)
        if (a->items[i].kind == KIND_RISK && a->items[i].entity == e &&
            a->items[i].amount > surplus)
            return &a->items[i];
    return NULL;
}

/* The agenda's first line as the decision, unless it spends money an
 * executive assistant would hold (reports.md, CEO headline 3; check20 E8):
 * for a business that loses money and states no cash, state the cash
 * first; beside a risk that would turn its business to a loss, that risk. */
static void put_first_line_decision(const report_context *c, const agenda *a, strbuf *out)
{
    const agenda_item *first = &a->items[0];
    const entity *e = first->entity;
    report_amount cost;
    bool spends = first->action && report_item_amount(first->action, &cost) &&
                  !report_action_costs_nothing(first->action);
    int64_t loss = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    report_runway runway;
    report_entity_runway(c, e, &runway);
    const agenda_item *risk = spends ? risk_over_surplus(c, a, e) : NULL;
    if (spends && loss > 0 && !runway.has_cash) {
        bool named = e->owner && *e->owner;
        /* "before" already says the spend waits: its cost, not its hold (eyes-final9 W5) */
        const char *what = report_spend_waits_for_funding(c, e, first->action)
                               ? report_format(c, "%s (%s)", first->action->label,
                                               report_written_amount(c, first->action))
                               : first->what;
        strbuf_printf(out, "- Decision: state %s cash%s before %s: it %s%s%s, by %s.\n\n",
                      report_possessive(c, e->title), named ? "" : " and name its owner", what, ceo_loss_text(c, e, loss, REPORT_LOSS_CLAUSE),
                      named ? ", owner " : "",
                      named ? e->owner : "", report_due_date_text(c, first->due));
    } else {
        put_row_decision(c, risk ? risk : first, out);
    }
}

static void put_headline(const report_context *c, const shortfall_list *list, const agenda *a,
                         strbuf *out)
{
    bool any_expenses = false;
    for (size_t i = 0; i < c->entity_count; i++)
        any_expenses |= c->entities[i]->has_section[SECTION_EXPENSES];
    if (!any_expenses)
        return;
    report_amount revenue = {0}, gross = {0};
    for (size_t i = 0; i < c->entity_count; i++) {
        report_amount r = report_entity_revenue(c, c->entities[i]);
        report_amount g = report_entity_burn(c, c->entities[i]);
        report_amount_add(&revenue, &r);
        report_amount_add(&gross, &g);
    }
    int64_t net = gross.mid - revenue.mid;
    strbuf_printf(out, "## Headline\n\n- Revenue %s, gross burn %s/month: %s **%s/month**%s.\n",
                  report_revenue_cash_text(c, revenue.mid), report_dollars_text(c, gross.mid),
                  net > 0 ? "net burn" : "surplus", report_dollars_text(c, net > 0 ? net : -net),
                  report_group_fees_text(c));
    bool critical = false;
    const shortfall *largest = NULL;
    for (size_t i = 0; i < list->count; i++) {
        const shortfall *s = &list->items[i];
        critical |= s->critical;
        if (s->owed_state < 0 && !s->one_off && s->impact > 0 &&
            (!largest || s->impact > largest->impact))
            largest = s;
    }
    put_problem_bullet(c, largest, out);
    /* one decision (eyes-final3a M2): the critical row, else the runway */
    const char *runway = critical ? NULL : runway_decision(c, list);
    const entity *spare = NULL; /* with no shortfall, the opportunity (E6) */
    for (size_t i = 0; !list->count && !spare && i < c->entity_count; i++)
        spare = report_spare_capacity_text(c, c->entities[i]) ? c->entities[i] : NULL;
    if (runway)
        strbuf_printf(out, "- Decision: %s.\n\n", runway);
    else if (spare)
        put_spare_decision(c, spare, a, out);
    else if (a->count)
        put_first_line_decision(c, a, out);
    else
        strbuf_puts(out, "- Decision: none forced: no shortfall and no action in the data.\n\n");
}

/* Whether `text` holds each word of four letters or more of `label`
 * ("Year-end tax packages" in "only Grace can sign off year-end packages"):
 * the revenue line a risk names (reports.md, Outside the group's figures). */
static bool names_every_long_word(const char *text, const char *label)
{
    enum { LONG_WORD = 4 };
    size_t words = 0;
    for (const char *p = label; *p;) {
        size_t n = 0;
        while (p[n] && (isalnum((unsigned char)p[n]) || p[n] == '-'))
            n++;
        if (n >= LONG_WORD) {
            char word[64];
            if (n >= sizeof word)
                return false;
            memcpy(word, p, n);
            word[n] = '\0';
            if (!strcasestr(text, word))
                return false;
            words++;
        }
        p += n ? n : 1;
    }
    return words > 0;
}

/* " ($800/month at stake: Year-end tax packages $9,600/year)" for a risk
 * of `e` whose text names one of its Revenue lines, " ($500/month)" for one
 * with an amount, "" otherwise. */
static const char *ancillary_risk_stake(const report_context *c, const entity *e, const item *risk)
{
    report_amount m;
    if (report_item_monthly(c, e, risk, &m))
        return report_format(c, " (%s)", report_written_amount(c, risk));
    const char *said = report_format(c, "%s %s", risk->label, risk->text);
    const section *rev = &e->sections[model_revenue_section(e)];
    for (size_t i = 0; i < rev->item_count; i++)
        if (names_every_long_word(said, rev->items[i].label) &&
            report_item_monthly(c, e, &rev->items[i], &m))
            return report_format(c, " (%s/month at stake: %s %s)", report_dollars_text(c, m.mid),
                                 rev->items[i].label, report_written_amount(c, &rev->items[i]));
    return "";
}

/* "Outside the group's figures, high on their own lists: …" (reports.md,
 * Outside the group's figures; eyes-final20 B2/B3): the `high` actions and
 * risks of the ancillary businesses, which no figure, row or agenda line
 * of the group holds; their chasing action is their owed row's (B7). */
static void put_ancillary_high_items(const report_context *c, strbuf *out)
{
    if (!c->is_portfolio)
        return;
    const portfolio *p = c->portfolio;
    size_t before = out->len;
    for (size_t i = 0; i < p->entity_count; i++) {
        const entity *e = &p->entities[i];
        if (e->kind != ENTITY_ANCILLARY)
            continue;
        const item *chase = chase_item(e);
        strbuf items = STRBUF_INIT;
        const section *actions = &e->sections[SECTION_ACTIONS];
        for (size_t j = 0; j < actions->item_count; j++) {
            const item *it = &actions->items[j];
            report_amount cost;
            if (it == chase || report_item_priority_rank(it) != 0)
                continue;
            bool costs = report_item_amount(it, &cost) && !report_action_costs_nothing(it);
            strbuf_printf(&items, "%s%s%s%s%s", items.len ? "; " : "", it->label,
                          costs ? " (" : "", costs ? report_written_amount(c, it) : "",
                          costs ? ")" : "");
        }
        const section *risks = &e->sections[SECTION_RISKS];
        for (size_t j = 0; j < risks->item_count; j++) {
            const item *it = &risks->items[j];
            if (report_item_priority_rank(it) == 0)
                strbuf_printf(&items, "%s%s%s%s%s", items.len ? "; " : "", it->label,
                              *it->text ? ": " : "", it->text, ancillary_risk_stake(c, e, it));
        }
        if (items.len)
            strbuf_printf(out, "%s%s: %s", out->len > before ? "; " : "Outside the group's "
                                                                   "figures, high on their own lists: ",
                          report_inline_text(c->arena, e->title),
                          report_inline_text(c->arena, strbuf_cstr(&items)));
        strbuf_free(&items);
    }
    if (out->len > before)
        strbuf_puts(out, ".\n\n");
}

/* Data quality asks for Owner in every handoff in scope that lacks it and
 * every ancillary one with a row, not only those the agenda's ten rows show
 * (reports.md, CEO, 30-day agenda). */
static void ask_owners(const report_context *c, const shortfall_list *list)
{
    for (size_t i = 0; i < c->entity_count; i++)
        owner_of(c, c->entities[i]);
    for (size_t i = 0; i < list->count; i++)
        owner_of(c, list->items[i].entity);
}

void report_ceo(const report_context *c, strbuf *out)
{
    shortfall_list shortfalls, shown;
    agenda plan;
    collect_shortfalls(c, &shortfalls);
    show_shortfalls(c, &shortfalls, &shown);
    build_agenda(c, &shortfalls, &plan);
    ask_owners(c, &shortfalls);
    report_note_retainer_gaps(c); /* Data quality: one story with Accounting (W3) */
    report_ask_unbooked_group_fees(c);
    put_headline(c, &shown, &plan, out);
    report_put_gap_sentence(c, out);
    report_put_ancillary_sentence(c, out); /* what the group's figures leave out */
    put_ancillary_high_items(c, out);
    put_shortfalls(c, &shown, out);
    put_agenda(c, &plan, out);
    put_missing_kpis(c, out);
    put_inventory(c, out); /* the appendix: what to do comes first */
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
    if (s->critical)
        return "critical";
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
    shortfall_list all, list; /* the cards are the report's rows: one per entity's receivables */
    collect_shortfalls(&c, &all);
    show_shortfalls(&c, &all, &list);
    int64_t gross = report_scope_monthly(&c, SECTION_EXPENSES, NULL).mid;
    size_t n = 0;
    for (; n < list.count && n < max; n++) {
        const shortfall *s = &list.items[n];
        if (s->gap) /* "JADA needs 4 more charters ...": it names its entity */
            snprintf(out[n].title, sizeof out[n].title, "%s", s->what);
        else
            snprintf(out[n].title, sizeof out[n].title, "%s: %s", s->entity->title,
                     s->risk ? s->label : s->what);
        out[n].urgency = shortfall_urgency(s, gross);
        out[n].monthly_impact_cents = s->impact;
    }
    arena_free(&scratch);
    return n;
}
