/* report_debtors: who owes one business, and what it owes the group, as
 * the Audit says it (docs/reports.md, Audit rule 1 and "Owed inside the
 * group"). Every figure is read through report_owed_by_client
 * (report_billing.c), the one grouping of money owed by client, so a
 * client's debt reads the same here as in Accounting and the CEO report.
 */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

static const char *where(const report_context *c, const entity *e, const item *it)
{
    return report_format(c, "%s:%d", e->path, it->line);
}

/* The clients of `owed` owing anything overdue, in Clients order. */
static void overdue_clients(const report_context *c, const report_owed_list *owed,
                            report_client_owed_list *out)
{
    report_client_owed_list all = {0};
    report_owed_by_client(c, owed->items, owed->count, &all);
    for (size_t i = 0; i < all.count; i++)
        if (all.groups[i].count_in[OWED_OVERDUE]) {
            report_client_owed *g = arena_push(c->arena, (void **)&out->groups, &out->count,
                                               &out->capacity, sizeof *g);
            *g = all.groups[i];
        }
}

static int64_t oldest_overdue_age(const report_client_owed *g)
{
    return g->oldest_in[OWED_OVERDUE] ? g->oldest_in[OWED_OVERDUE]->age_days : 0;
}

/* The clients' (not the group's) overdue: its total and oldest item. */
static const report_owed *clients_oldest_overdue(const report_context *c,
                                                 const report_owed_list *owed, int64_t *total,
                                                 size_t *count)
{
    const report_owed *oldest = NULL;
    *total = 0, *count = 0;
    for (size_t i = 0; i < owed->count; i++) {
        const report_owed *o = &owed->items[i];
        if (o->state != OWED_OVERDUE || report_group_business(c, o->entity, o->client))
            continue;
        *total += o->amount.mid, (*count)++;
        if (!oldest || o->age_days > oldest->age_days)
            oldest = o;
    }
    return oldest;
}

static const char *oldest_text(const report_context *c, int64_t age)
{
    return age ? report_format(c, ", the oldest %lld days", (long long)age) : "";
}

/* "; Dune Surf Shop owes 2 overdue invoices ($900, the oldest 92 days): call
 * before doing more work for it": the client outside the group owing most
 * over two or more overdue invoices, nothing when none does. */
static void put_repeat_debtor(const report_context *c, const report_client_owed_list *d,
                              strbuf *out)
{
    const report_client_owed *worst = NULL;
    for (size_t i = 0; i < d->count; i++) {
        const report_client_owed *g = &d->groups[i];
        if (!g->debtor && g->count_in[OWED_OVERDUE] >= 2 &&
            (!worst || g->total_in[OWED_OVERDUE] > worst->total_in[OWED_OVERDUE]))
            worst = g;
    }
    if (worst)
        strbuf_printf(out, "; %s owes %zu overdue invoices (%s%s): call before doing more work "
                           "for it",
                      worst->client->label, worst->count_in[OWED_OVERDUE],
                      report_cents_text(c, worst->total_in[OWED_OVERDUE]),
                      oldest_text(c, oldest_overdue_age(worst)));
}

/* A `## Risks` item whose label or text names the client, NULL if none. */
static const item *risk_naming_client(const entity *e, const item *client)
{
    const section *s = &e->sections[SECTION_RISKS];
    for (size_t i = 0; i < s->item_count; i++)
        if (strcasestr(s->items[i].label, client->label) ||
            strcasestr(s->items[i].text, client->label))
            return &s->items[i];
    return NULL;
}

/* "; Halvorsen Foods is also its largest client ($4,000/month of
 * $9,500/month), its risk "Client concentration"": the oldest item's client
 * when a risk names it, said once here (docs/reports.md, Audit rule 1;
 * check20 E9); nothing when no risk names it or its fee is not monthly. */
static void put_client_also_risk(const report_context *c, const entity *e, const item *client,
                                 strbuf *out)
{
    const item *risk = risk_naming_client(e, client);
    report_amount fee;
    if (!risk || !report_item_monthly(c, e, client, &fee) || fee.mid <= 0)
        return;
    bool largest = true;
    const section *s = &e->sections[SECTION_CLIENTS];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount other;
        if (&s->items[i] != client && report_item_monthly(c, e, &s->items[i], &other) &&
            other.mid > fee.mid)
            largest = false;
    }
    const char *fees = report_format(c, "%s/month of %s/month", report_dollars_text(c, fee.mid),
                                     report_dollars_text(c, report_clients_mrr(c, e).mid));
    if (largest)
        strbuf_printf(out, "; %s is also its largest client (%s), its risk \"%s\"", client->label,
                      fees, risk->label);
    else
        strbuf_printf(out, "; %s is also a client its risk \"%s\" names, %s", client->label,
                      risk->label, fees);
}

/* "; largest overdue: Pelham Contractors ($3,000, file:24), also its
 * risk "Client concentration" (file:52)": the client outside the group
 * owing the most, when it is not the oldest item's (eyes-final G20). */
static void put_largest_debtor(const report_context *c, const entity *e,
                               const report_client_owed_list *d, const report_owed *oldest,
                               strbuf *out)
{
    const report_client_owed *largest = NULL;
    for (size_t i = 0; i < d->count; i++) {
        const report_client_owed *g = &d->groups[i];
        if (!g->debtor && (!largest || g->total_in[OWED_OVERDUE] > largest->total_in[OWED_OVERDUE]))
            largest = g;
    }
    if (largest && largest->client == oldest->client) {
        put_client_also_risk(c, e, largest->client, out);
        return;
    }
    if (!largest)
        return;
    /* the line of what is owed: the one overdue invoice's own, the client
     * line only when it is what is owed or several items are (Q13) */
    const item *owed_line = largest->count_in[OWED_OVERDUE] == 1
                                ? largest->first_in[OWED_OVERDUE]->item
                                : largest->client;
    strbuf_printf(out, "; largest overdue: %s (%s, %s)", largest->client->label,
                  report_cents_text(c, largest->total_in[OWED_OVERDUE]), where(c, e, owed_line));
    const item *risk = risk_naming_client(e, largest->client);
    if (risk)
        strbuf_printf(out, ", also its risk \"%s\" (%s)", risk->label, where(c, e, risk));
}

/* "2 invoices, the oldest 122 days", "Invoice 7710, 41 days", "one month
 * of its fee": what a group business's overdue is made of. */
static const char *overdue_parts(const report_context *c, const report_client_owed *g)
{
    if (g->count_in[OWED_OVERDUE] > 1)
        return report_format(c, "%zu invoices%s", g->count_in[OWED_OVERDUE],
                             oldest_text(c, oldest_overdue_age(g)));
    const report_owed *only = g->first_in[OWED_OVERDUE];
    const char *what = only->item == g->client ? "one month of its fee" : only->item->label;
    return only->dated ? report_format(c, "%s, %lld days", what, (long long)only->age_days) : what;
}

/* The overdue parts, and the whole after them when items not yet late
 * make it larger, as the pair's one wording does (rule 2): "Invoice
 * Q-110, 72 days; $800 in all". */
static const char *debtor_parts(const report_context *c, const report_client_owed *g)
{
    if (g->total <= g->total_in[OWED_OVERDUE])
        return overdue_parts(c, g);
    return report_format(c, "%s; %s in all", overdue_parts(c, g), report_cents_text(c, g->total));
}

/* "Driftwood Café, a business of the group, owes $2,000 overdue (2
 * invoices, the oldest 122 days): settle it inside the group", one per
 * group business; `lead` opens the first. Returns how many. */
static size_t put_group_debtors(const report_context *c, const report_client_owed_list *d,
                                const char *lead, strbuf *out)
{
    size_t shown = 0;
    for (size_t i = 0; i < d->count; i++)
        if (d->groups[i].debtor)
            strbuf_printf(out, "%s%s, a business of the group, owes %s overdue (%s): settle it "
                               "inside the group",
                          shown++ ? "; " : lead, d->groups[i].client->label,
                          report_cents_text(c, d->groups[i].total_in[OWED_OVERDUE]),
                          debtor_parts(c, &d->groups[i]));
    return shown;
}

void report_put_collect_first(const report_context *c, const entity *e,
                              const report_owed_list *owed, int64_t cash, const char *lead,
                              strbuf *out)
{
    int64_t total;
    size_t count;
    const report_owed *oldest = clients_oldest_overdue(c, owed, &total, &count);
    if (!oldest)
        return;
    const char *age =
        oldest->dated ? report_format(c, "%lld days", (long long)oldest->age_days) : "";
    if (count > 1) /* "oldest" only among several (Q14) */
        strbuf_printf(out, "; %s collect the %s overdue, oldest %s%s%s%s", lead,
                      report_cents_text(c, total), report_owed_label(c, oldest), *age ? " (" : "",
                      age, *age ? ")" : "");
    else
        strbuf_printf(out, "; %s collect the %s overdue (%s%s%s)", lead, report_cents_text(c, total),
                      report_owed_label(c, oldest), *age ? ", " : "", age);
    strbuf_printf(out, ", %s of its cash",
                  report_percent_text(c, report_muldiv(total, REPORT_PERCENT_ONE, cash)));
    report_client_owed_list debtors = {0};
    overdue_clients(c, owed, &debtors);
    put_repeat_debtor(c, &debtors, out);
}

/* Who is late: every overdue client (the group's businesses among them)
 * and the clients' own overdue: its total, count and oldest item (NULL
 * when no client outside the group is late). */
typedef struct {
    report_client_owed_list debtors;
    int64_t total;
    size_t count;
    const report_owed *oldest;
} late_clients;

static void read_late(const report_context *c, const report_owed_list *owed, late_clients *l)
{
    *l = (late_clients){0};
    overdue_clients(c, owed, &l->debtors);
    l->oldest = clients_oldest_overdue(c, owed, &l->total, &l->count);
}

static const report_owed *collect_first(const report_context *c, const report_owed_list *owed,
                                        const report_owed *oldest);

/* The tag of `o` shaped like a date that is no day of the calendar
 * ("2026-11-31"): why an item the file dates counts as undated; NULL when
 * it has none. */
static const char *bad_date_tag(const report_owed *o)
{
    int64_t day;
    for (size_t i = 0; i < o->item->tag_count; i++)
        if (model_looks_like_date(o->item->tags[i]) && !model_parse_date(o->item->tags[i], &day))
            return o->item->tags[i];
    return NULL;
}

/* "; Invoice 7688's 2026-11-31 is not a date" for each of the clients'
 * overdue items whose date tag is no date (handoff-format.md rule 2). */
static const char *bad_dates_text(const report_context *c, const report_owed_list *owed)
{
    const char *text = "";
    for (size_t i = 0; i < owed->count; i++) {
        const report_owed *o = &owed->items[i];
        const char *tag = bad_date_tag(o);
        if (tag && o->state == OWED_OVERDUE && !report_group_business(c, o->entity, o->client))
            text = report_format(c, "%s; %s %s is not a date", text,
                                 report_possessive(c, o->item->label), tag);
    }
    return text;
}

/* The clients' overdue items without a date (a date tag that is no date
 * among them, handoff-format.md rule 2), as rule 1 asks about them:
 * "Tern Logistics ($2,500)", "A ($1) and B ($2)", "A ($1), B ($2) and C
 * ($3)"; how many in `*count`. */
static const char *undated_overdue(const report_context *c, const report_owed_list *owed,
                                   size_t *count)
{
    strbuf names = STRBUF_INIT;
    size_t n = 0, total = 0;
    for (size_t i = 0; i < owed->count; i++) {
        const report_owed *o = &owed->items[i];
        total += o->state == OWED_OVERDUE && !o->dated &&
                 !report_group_business(c, o->entity, o->client);
    }
    for (size_t i = 0; i < owed->count; i++) {
        const report_owed *o = &owed->items[i];
        if (o->state != OWED_OVERDUE || o->dated || report_group_business(c, o->entity, o->client))
            continue;
        n++;
        const char *tag = bad_date_tag(o);
        strbuf_printf(&names, "%s%s (%s%s%s)", n == 1 ? "" : n == total ? " and " : ", ",
                      report_owed_label(c, o), report_amount_text(c, &o->amount),
                      tag ? "; " : "", tag ? report_format(c, "%s is not a date", tag) : "");
    }
    *count = n;
    const char *text = arena_strdup(c->arena, strbuf_cstr(&names));
    strbuf_free(&names);
    return text;
}

/* The clients' overdue item rule 1 leads with and the words that say why
 * (docs/reports.md, Audit rule 1; eyes-final13 Q13, eyes-final11 Y7):
 * "oldest first" only when every item is dated, else "oldest dated
 * first" and the undated asked about; with no date at all the largest. */
static const report_owed *collect_lead(const report_context *c, const report_owed_list *owed,
                                       const report_owed *oldest, size_t overdue,
                                       const char **order, const char **ask)
{
    size_t undated;
    const char *names = undated_overdue(c, owed, &undated);
    *order = overdue > 1 ? ", oldest first" : "", *ask = "";
    if (overdue < 2 || !undated)
        return oldest;
    if (!oldest->dated) { /* nothing to go by but the amounts */
        *order = report_format(c, ", largest first (none of it is dated: ask when each fell due%s)",
                               bad_dates_text(c, owed));
        return collect_first(c, owed, oldest);
    }
    *order = ", oldest dated first";
    *ask = report_format(c, "; ask when %s fell due", names);
    return oldest;
}

bool report_recommend_collect(const report_context *c, const entity *e,
                              const report_owed_list *owed, const char *step, strbuf *out)
{
    late_clients late;
    read_late(c, owed, &late);
    const report_client_owed_list debtors = late.debtors;
    int64_t total = late.total;
    size_t overdue = late.count;
    if (!late.oldest) /* only a business of the group is late: settled, not collected */
        return put_group_debtors(c, &debtors, "Settle inside the group: ", out) > 0;
    const char *order, *ask;
    const report_owed *oldest = collect_lead(c, owed, late.oldest, overdue, &order, &ask);
    bool group = false;
    for (size_t i = 0; i < debtors.count; i++)
        group |= debtors.groups[i].debtor != NULL;
    strbuf_printf(out, "Collect the %s overdue%s%s: %s (%s%s, %s)%s", report_cents_text(c, total),
                  group ? " from clients" : "", order, report_owed_label(c, oldest),
                  report_amount_text(c, &oldest->amount),
                  oldest->dated ? report_format(c, ", %lld days", (long long)oldest->age_days) : "",
                  where(c, e, oldest->item), ask);
    put_largest_debtor(c, e, &debtors, oldest, out);
    put_repeat_debtor(c, &debtors, out);
    if (step) /* the clients' collection step, before what the group settles */
        strbuf_printf(out, "; %s", step);
    put_group_debtors(c, &debtors, "; ", out);
    return true;
}

/* The clients' overdue item to collect first: the oldest, or with no
 * date to go by the largest (docs/reports.md, Accounting decision). */
static const report_owed *collect_first(const report_context *c, const report_owed_list *owed,
                                        const report_owed *oldest)
{
    for (size_t i = 0; !oldest->dated && i < owed->count; i++) {
        const report_owed *o = &owed->items[i];
        if (o->state == OWED_OVERDUE && !report_group_business(c, o->entity, o->client) &&
            o->amount.mid > oldest->amount.mid)
            oldest = o;
    }
    return oldest;
}

/* The clients' one overdue item besides `first` (there is exactly one). */
static const report_owed *other_overdue(const report_context *c, const report_owed_list *owed,
                                        const report_owed *first)
{
    const report_owed *other = NULL;
    for (size_t i = 0; i < owed->count && !other; i++) {
        const report_owed *o = &owed->items[i];
        if (o != first && o->state == OWED_OVERDUE &&
            !report_group_business(c, o->entity, o->client))
            other = o;
    }
    return other;
}

/* "Dune Surf Shop owes Anchor Bookkeeping $900 on 2 overdue invoices,
 * 91–92 days: collect them": the client of `first` with several overdue
 * items to one business is collected at once (docs/reports.md, Accounting
 * decision, Q13). Returns how many items it named; 0 when only one. */
static size_t put_client_overdue(const report_context *c, const report_owed_list *owed,
                                 const report_owed *first, int64_t *amount, strbuf *out)
{
    size_t count = 0;
    int64_t youngest = first->age_days, oldest = first->age_days;
    *amount = 0;
    for (size_t i = 0; i < owed->count; i++) {
        const report_owed *o = &owed->items[i];
        if (o->state != OWED_OVERDUE || o->entity != first->entity || o->client != first->client)
            continue;
        count++, *amount += o->amount.mid;
        if (o->dated && o->age_days < youngest)
            youngest = o->age_days;
        if (o->dated && o->age_days > oldest)
            oldest = o->age_days;
    }
    if (count < 2)
        return 0;
    strbuf_printf(out, "%s owes %s %s on %zu overdue items", first->client->label,
                  first->entity->title, report_cents_text(c, *amount), count);
    if (first->dated)
        strbuf_printf(out, youngest == oldest ? ", %lld days" : ", %lld\u2013%lld days",
                      (long long)youngest, (long long)oldest);
    if (first->item != first->client) /* the oldest by name, as the ledger says it */
        strbuf_printf(out, " (the oldest, %s)", first->item->label);
    strbuf_puts(out, ": collect them");
    return count;
}

/* Who owes `o`, as the decision names them: its client's label, or for a
 * Clients line that is itself the job (a one-off amount with no invoices
 * under it whose label names work, "Cabo delivery") "The client for the
 * Cabo delivery" (docs/reports.md, Accounting decision; eyes-final8 V13).
 * "Old Mill Brewery: $3,100" names its client: it stays the debtor. */
static const char *debtor_name(const report_context *c, const report_owed *o)
{
    static const char *const job_words[] = {"delivery", "deliveries", "job",    "project",
                                            "repair",   "install",    "filing", "review",
                                            "trip",     "return"};
    if (o->item == o->client && !o->month_of_fee &&
        report_label_names_any(o->client->label, job_words,
                               sizeof job_words / sizeof job_words[0]))
        return report_format(c, "The client for the %s", o->client->label);
    return o->client->label;
}

/* "; ask when Pelham Contractors ($3,000) fell due" after a decision led by
 * a dated item while some of the clients' overdue items are undated: the
 * Audit's ask in the same words, so Accounting and the Audit give one
 * collect order (docs/reports.md, Accounting decision; eyes-final17 I4-U3). */
static void put_undated_ask(const report_context *c, const report_owed_list *owed,
                            const report_owed *first, strbuf *out)
{
    size_t undated;
    const char *names = undated_overdue(c, owed, &undated);
    if (first->dated && undated)
        strbuf_printf(out, "; ask when %s fell due", names);
}

/* The bracket after "then the other $X overdue": the one other item by
 * name, or how many; empty when the one other item is undated and a
 * dated item leads, since the ask after it names it (docs/reports.md,
 * Accounting decision: named once, not twice). */
static const char *other_overdue_text(const report_context *c, const report_owed_list *owed,
                                      const report_owed *first, size_t count)
{
    if (count > 2)
        return report_format(c, " (%zu items)", count - 1);
    const report_owed *other = other_overdue(c, owed, first);
    if (first->dated && !other->dated)
        return "";
    return report_format(c, " (%s)", report_owed_label(c, other));
}

bool report_put_collect_decision(const report_context *c, const report_owed_list *owed,
                                 strbuf *out)
{
    late_clients late;
    read_late(c, owed, &late);
    if (!late.oldest) /* only a business of the group is late: settled, not collected */
        return put_group_debtors(c, &late.debtors, "settle inside the group: ", out) > 0;
    const report_owed *first = collect_first(c, owed, late.oldest);
    int64_t together;
    size_t named = put_client_overdue(c, owed, first, &together, out);
    if (named) {
        if (late.count > named)
            strbuf_printf(out, " first, then the other %s overdue (%s)",
                          report_cents_text(c, late.total - together),
                          report_format(c, late.count - named == 1 ? "%zu item" : "%zu items",
                                        late.count - named));
        put_undated_ask(c, owed, first, out);
        put_group_debtors(c, &late.debtors, "; ", out);
        return true;
    }
    strbuf_printf(out, "%s owes %s %s%s%s: collect it", debtor_name(c, first),
                  first->entity->title,
                  first->month_of_fee ? report_owed_amount_text(c, first)
                                      : report_amount_text(c, &first->amount),
                  first->item == first->client ? ""
                                               : report_format(c, " (%s)", first->item->label),
                  first->dated ? report_format(c, ", sent %lld days ago and overdue",
                                               (long long)first->age_days)
                               : " overdue, undated");
    if (late.count > 1)
        strbuf_printf(out, " first, then the other %s overdue%s",
                      report_cents_text(c, late.total - first->amount.mid),
                      other_overdue_text(c, owed, first, late.count));
    put_undated_ask(c, owed, first, out);
    put_group_debtors(c, &late.debtors, "; ", out);
    return true;
}

/* What `e` owes the other businesses of the group: one group per
 * creditor (the creditor's client line naming `e`), in portfolio order. */
static void collect_payables(const report_context *c, const entity *e,
                             report_client_owed_list *out)
{
    const portfolio *p = c->portfolio;
    for (size_t i = 0; i < p->entity_count; i++) {
        const entity *creditor = &p->entities[i];
        if (creditor == e)
            continue;
        report_owed_list owed = {0};
        report_owed_collect(c, creditor, &owed);
        report_client_owed_list clients = {0};
        report_owed_by_client(c, owed.items, owed.count, &clients);
        for (size_t k = 0; k < clients.count; k++)
            if (clients.groups[k].debtor == e) {
                report_client_owed *g = arena_push(c->arena, (void **)&out->groups, &out->count,
                                                   &out->capacity, sizeof *g);
                *g = clients.groups[k];
            }
    }
}

bool report_recommend_pay_group(const report_context *c, const entity *e, strbuf *out)
{
    report_client_owed_list payables = {0};
    collect_payables(c, e, &payables);
    size_t n = 0;
    for (size_t i = 0; i < payables.count; i++) {
        int64_t overdue = payables.groups[i].total_in[OWED_OVERDUE];
        if (overdue > 0)
            strbuf_printf(out, "%s %s overdue to %s", n++ ? "; and the" : "Pay the",
                          report_cents_text(c, overdue), payables.groups[i].entity->title);
    }
    if (n)
        strbuf_printf(out, ", %s of the group: settle %s inside the group",
                      n == 1 ? "a business" : "businesses", n == 1 ? "it" : "them");
    return n > 0;
}

/* "overdue $2,000, billed and not yet due $800": the parts of one group,
 * in rule 2's order and names. */
static void put_group_parts(const report_context *c, const report_client_owed *g, strbuf *out)
{
    static const report_owed_state parts[] = {OWED_OVERDUE, OWED_UNBILLED, OWED_BILLED};
    for (size_t i = 0, n = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (!g->total_in[parts[i]])
            continue;
        strbuf_printf(out, "%s%s", n++ ? ", " : "",
                      parts[i] == OWED_BILLED
                          ? report_billed_parts_text(c, &g->billed, NULL, true)
                          : report_format(c, "%s %s", report_owed_state_name(parts[i]),
                                          report_cents_text(c, g->total_in[parts[i]])));
    }
}

void report_put_payables(const report_context *c, const entity *e, strbuf *out)
{
    report_client_owed_list payables = {0};
    collect_payables(c, e, &payables);
    if (!payables.count)
        return;
    strbuf_puts(out, "## Owed inside the group\n\n");
    for (size_t i = 0; i < payables.count; i++) {
        const report_client_owed *g = &payables.groups[i];
        strbuf_printf(out, "- %s owes %s %s on %zu %s: ", e->title, g->entity->title,
                      report_cents_text(c, g->total), g->count, g->count == 1 ? "item" : "items");
        put_group_parts(c, g, out);
        const report_owed *oldest = g->oldest_in[OWED_OVERDUE];
        if (oldest)
            strbuf_printf(out, "; the oldest overdue, %s, %lld days (%s:%d)", oldest->item->label,
                          (long long)oldest->age_days, g->entity->path, oldest->item->line);
        strbuf_puts(out, ".\n");
    }
    strbuf_putc(out, '\n');
}

/* The one debtor of the group among `clients` (the first named). */
static const entity *debtor_of(const report_client_owed_list *clients)
{
    for (size_t i = 0; i < clients->count; i++)
        if (clients->groups[i].debtor)
            return clients->groups[i].debtor;
    return NULL;
}

void report_put_group_part(const report_context *c, const report_owed_list *owed, strbuf *out)
{
    report_client_owed_list clients = {0};
    report_owed_by_client(c, owed->items, owed->count, &clients);
    int64_t total = 0;
    size_t businesses = 0;
    strbuf each = STRBUF_INIT;
    for (size_t i = 0; i < clients.count; i++) {
        const report_client_owed *g = &clients.groups[i];
        if (!g->debtor)
            continue;
        total += g->total;
        businesses++;
        strbuf_printf(&each, "%s%s %s", each.len ? ", " : "", g->debtor->title,
                      report_cents_text(c, g->total));
    }
    /* who owes it, said as a debt: one business by name, several with
     * their parts (reports.md Audit headline, fixT 2) */
    if (total > 0 && businesses == 1)
        strbuf_printf(out, "; %s of it owed by %s, inside the group", report_cents_text(c, total),
                      debtor_of(&clients)->title);
    else if (total > 0)
        strbuf_printf(out, "; %s of it owed by businesses of the group (%s)",
                      report_cents_text(c, total), strbuf_cstr(&each));
    strbuf_free(&each);
}
