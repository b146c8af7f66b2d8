/* report_revenue: revenue received ahead of earning, shared by every
 * persona (docs/reports.md, Revenue recognition; CEO headline 1; Audit
 * headline).
 *
 * Which `## Revenue` lines are revenue lines, which of them are cash
 * received before it is earned (gift cards, deposits, prepaid plans,
 * memberships: deferral_rules, or a `deferred`/`prepaid` tag), their
 * monthly amount (Accounting's 2400 received), and the one sentence that
 * says revenue in cash beside revenue earned. Accounting's chart
 * (report_cao.c) books these lines with the same tests, so the CEO, the
 * CFO and the Audit name the amounts the chart holds.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

/* Whether `label` holds one of the comma-separated `phrases` at a word
 * start (case-insensitive), the phrase's last word as a prefix so plurals
 * match: "Gift cards" holds "gift card", "Gift shop sales" does not. */
static bool holds_phrase(const char *label, const char *phrases)
{
    for (const char *p = phrases; *p;) {
        size_t n = strcspn(p, ",");
        for (const char *at = label; *at; at++)
            if ((at == label || !isalnum((unsigned char)at[-1])) && strncasecmp(at, p, n) == 0)
                return true;
        p += n + (p[n] == ',');
    }
    return false;
}

/* Revenue paid before it is earned: a liability until the event. The
 * phrases are docs/reports.md's table, matched whole. */
static const struct {
    const char *phrases;
    const char *when;
} deferral_rules[] = {
    {"gift certificate,gift card,voucher", "when redeemed"},
    {"prepaid,prepayment,deposit,advance", "when the service is delivered"},
    {"retainer", "as the retained work is done"},
    {"lifetime,membership,season pass", "over the service period"},
};

/* The deferral of a revenue line, or NULL: tagged `deferred`/`prepaid`, or
 * a label phrase of deferral_rules (a retainer only when one-off). */
const char *report_revenue_deferral(const item *it)
{
    if (it->value.kind != VALUE_MONEY)
        return NULL;
    for (size_t i = 0; i < sizeof deferral_rules / sizeof deferral_rules[0]; i++) {
        bool retainer = strcmp(deferral_rules[i].phrases, "retainer") == 0;
        if (retainer && it->value.money.period != PERIOD_NONE)
            continue;
        if (holds_phrase(it->label, deferral_rules[i].phrases))
            return deferral_rules[i].when;
    }
    if (model_item_has_tag(it, "deferred") || model_item_has_tag(it, "prepaid"))
        return "when earned";
    return NULL;
}

/* The revenue lines of rule 1: invoices nested under a client are
 * receivables, not lines of their own; a one-off Clients amount is an
 * invoice, not a revenue line. */
bool report_revenue_line(const entity *e, const item *it)
{
    return model_revenue_section(e) == SECTION_REVENUE ||
           (it->value.kind == VALUE_MONEY && it->value.money.period != PERIOD_NONE);
}

/* Whether a revenue line of `e` is cash received ahead of earning
 * (deferral_rules or a `deferred`/`prepaid` tag): monthly, Accounting's
 * 2400 received; one-off (no period), a 2400 Deferred revenue balance
 * still owed to customers in goods or service (docs/reports.md, Audit). */
bool report_revenue_received_ahead(const entity *e, const item *it)
{
    return report_revenue_line(e, it) && report_revenue_deferral(it) != NULL;
}

/* A recurring revenue line of `e` that is cash received ahead of earning:
 * the one test the 2400 balance, the operating result and the headline's
 * named lines share (Z2, S3). */
bool report_revenue_ahead_monthly(const entity *e, const item *it)
{
    return report_revenue_received_ahead(e, it) && it->value.money.period != PERIOD_NONE;
}

/* report_revenue_ahead_monthly with its monthly amount in `m`
 * (Accounting's 2400 received). */
bool report_revenue_ahead_amount(const report_context *c, const entity *e, const item *it,
                                 report_amount *m)
{
    return report_revenue_ahead_monthly(e, it) && report_item_monthly(c, e, it, m);
}

/* "Gift cards sold", "Gift cards sold (Thimble Row) and Prepaid plans
 * (Tidebox Snack Club)": the lines received ahead of the `n` entities,
 * joined by `joiner`, with their business when there is more than one
 * (eyes-final15 S3). Only lines whose amount is counted are named, so the
 * names and the amount beside them are the same lines. */
static const char *ahead_lines_text(const report_context *c, const entity *const *es, size_t n,
                                    const char *joiner)
{
    strbuf names = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const section *rev = &es[i]->sections[model_revenue_section(es[i])];
        for (size_t j = 0; j < rev->item_count; j++) {
            report_amount m;
            if (!report_revenue_ahead_amount(c, es[i], &rev->items[j], &m))
                continue;
            strbuf_puts(&names, names.len ? joiner : "");
            strbuf_puts(&names, rev->items[j].label);
            if (n > 1)
                strbuf_printf(&names, " (%s)", es[i]->title);
        }
    }
    const char *text = report_format(c, "%s", strbuf_cstr(&names));
    strbuf_free(&names);
    return text;
}

/* The one writer of revenue in cash beside revenue earned, for the `n`
 * entities of `es` (docs/reports.md, CEO headline 1, eyes-final8 V2;
 * Audit headline, eyes-final16 T1). `entity_form` is the one difference:
 * the Audit's one business, to the cent as its figures are, "$25,800/month
 * in cash ($23,400 earned; $2,400 received ahead of earning: Annual
 * prepaid plans)"; else the scope, in dollars, "$62,200/month in cash
 * ($59,400 earned; $2,800 of Prepaid plans (Tidebox Snack Club) received
 * ahead of earning)". Nothing received ahead: "$62,200/month". The lines
 * are named so the amount never reads as the in-group fee beside it
 * (eyes-final15 S3, eyes-final14 R8). Invariant: earned = revenue − the
 * sum of report_entity_operating's `ahead`. */
static const char *cash_text(const report_context *c, const entity *const *es, size_t n,
                             int64_t revenue, bool entity_form)
{
    const char *(*money)(const report_context *, int64_t) =
        entity_form ? report_cents_text : report_dollars_text;
    int64_t ahead = 0;
    for (size_t i = 0; i < n; i++) {
        report_operating o;
        report_entity_operating(c, es[i], &o);
        ahead += o.ahead;
    }
    if (ahead <= 0)
        return report_format(c, "%s/month", money(c, revenue));
    const char *names = ahead_lines_text(c, es, n, entity_form ? ", " : " and ");
    if (entity_form)
        return report_format(c, "%s/month in cash (%s earned; %s received ahead of earning: %s)",
                             money(c, revenue), money(c, revenue - ahead), money(c, ahead), names);
    return report_format(c, "%s/month in cash (%s earned; %s of %s received ahead of earning)",
                         money(c, revenue), money(c, revenue - ahead), money(c, ahead), names);
}

const char *report_revenue_cash_text(const report_context *c, int64_t revenue)
{
    return cash_text(c, (const entity *const *)c->entities, c->entity_count, revenue, false);
}

const char *report_entity_revenue_cash_text(const report_context *c, const entity *e,
                                            int64_t revenue)
{
    return cash_text(c, &e, 1, revenue, true);
}
