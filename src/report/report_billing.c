/* report_billing: what `## Clients` says as a billing ledger (rules 1 and 2
 * of docs/handoff-format.md), read one way for every persona.
 *
 *  - money owed: invoices (one-off Clients amounts, top-level or nested
 *    under their client) in state billed, overdue or unbilled, and one
 *    month of a recurring fee tagged overdue/unbilled that has no nested
 *    invoices; `paid` and `quoted` are not owed;
 *  - its age from a date tag (YYYY-MM-DD) to the report date, in buckets;
 *  - the reconciliation of the Clients MRR with the `## Revenue` lines,
 *    when Clients lists recurring fees at all.
 */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

static const char *const owed_state_names[OWED_STATE_COUNT] = {
    [OWED_BILLED] = "billed", [OWED_OVERDUE] = "overdue", [OWED_UNBILLED] = "unbilled"};

/* The state tags of rule 2, and whether money in that state is owed. */
static const struct {
    const char *tag;
    bool owed;
    report_owed_state state;
} billing_states[] = {
    {"paid", false, OWED_BILLED},
    {"quoted", false, OWED_BILLED},
    {"overdue", true, OWED_OVERDUE},
    {"unbilled", true, OWED_UNBILLED},
};
#define BILLING_STATE_COUNT (sizeof billing_states / sizeof billing_states[0])

static const struct {
    int64_t max_days; /* inclusive upper bound */
    const char *name;
} age_buckets[] = {
    [AGE_0_30] = {30, "0–30 days"},
    [AGE_31_60] = {60, "31–60 days"},
    [AGE_61_90] = {90, "61–90 days"},
    [AGE_OVER_90] = {INT64_MAX, "90+ days"},
};

/* Past this age an invoice with no state tag has probably fallen due. */
#define BILLED_DUE_DAYS 30

bool report_owed_unmarked(const report_owed *o)
{
    return o->state == OWED_BILLED && o->dated && o->age_days > BILLED_DUE_DAYS;
}

void report_billed_split_add(report_billed_split *b, const report_owed *o)
{
    if (o->state != OWED_BILLED)
        return;
    if (!report_owed_unmarked(o)) {
        report_amount_add(&b->fresh, &o->amount);
        return;
    }
    report_amount_add(&b->stale, &o->amount);
    b->youngest = b->stale_count && b->youngest < o->age_days ? b->youngest : o->age_days;
    b->oldest = b->oldest > o->age_days ? b->oldest : o->age_days;
    b->stale_count++;
}

void report_billed_split_merge(report_billed_split *into, const report_billed_split *from)
{
    if (!from->stale_count) {
        report_amount_add(&into->fresh, &from->fresh);
        return;
    }
    report_amount_add(&into->fresh, &from->fresh);
    report_amount_add(&into->stale, &from->stale);
    into->youngest = into->stale_count && into->youngest < from->youngest ? into->youngest
                                                                           : from->youngest;
    into->oldest = into->oldest > from->oldest ? into->oldest : from->oldest;
    into->stale_count += from->stale_count;
}

/* "$800", or "$800–$1,000" as written unless `midpoints`. */
static const char *part_amount(const report_context *c, const report_amount *a, bool midpoints)
{
    return midpoints ? report_cents_text(c, a->mid) : report_amount_text(c, a);
}

const char *report_billed_parts_text(const report_context *c, const report_billed_split *b,
                                     const char *more, bool midpoints)
{
    bool fresh = b->fresh.mid || b->fresh.high, stale = b->stale_count > 0;
    const char *ages = b->youngest == b->oldest
                           ? report_format(c, "%lld", (long long)b->oldest)
                           : report_format(c, "%lld–%lld", (long long)b->youngest, (long long)b->oldest);
    const char *names[2], *amounts[2];
    size_t n = 0;
    if (fresh) {
        names[n] = "billed and not yet due";
        amounts[n++] = part_amount(c, &b->fresh, midpoints);
    }
    if (stale) {
        names[n] = more ? report_format(c, "sent %s days ago, not marked overdue", ages)
                        : "billed, not marked overdue";
        amounts[n++] = part_amount(c, &b->stale, midpoints);
    }
    strbuf out = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (more) /* "$800 more billed and not yet due and $2,200 sent ..." */
            strbuf_printf(&out, "%s%s%s %s", i ? " and " : "", amounts[i], i ? "" : more, names[i]);
        else /* "billed and not yet due $800, billed, not marked overdue $2,200 (sent ...)" */
            strbuf_printf(&out, "%s%s %s", i ? ", " : "", names[i], amounts[i]);
    }
    if (stale && !more)
        strbuf_printf(&out, " (sent %s days ago)", ages);
    const char *text = arena_strdup(c->arena, strbuf_cstr(&out));
    strbuf_free(&out);
    return text;
}

int64_t report_owed_ancillary(const report_context *c, const report_owed_list *list)
{
    int64_t sum = 0;
    for (size_t i = 0; c->is_portfolio && i < list->count; i++)
        if (list->items[i].entity->kind == ENTITY_ANCILLARY)
            sum += list->items[i].amount.mid;
    return sum;
}

const char *report_owed_state_name(report_owed_state state)
{
    return owed_state_names[state];
}

const char *report_age_bucket_name(report_age_bucket bucket)
{
    return bucket == AGE_UNDATED ? "undated" : age_buckets[bucket].name;
}

/* Index into billing_states of the item's state tag, or -1. */
static int state_tag(const item *it)
{
    for (size_t i = 0; i < BILLING_STATE_COUNT; i++)
        if (model_item_has_tag(it, billing_states[i].tag))
            return (int)i;
    return -1;
}

static bool is_invoice(const item *it)
{
    return it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_NONE;
}

/* The other handoff of the portfolio titled as `client` (rule 2, "Inside
 * the group"), in any scope. */
const entity *report_group_business(const report_context *c, const entity *e,
                                    const item *client)
{
    for (size_t i = 0; i < c->portfolio->entity_count; i++) {
        const entity *other = &c->portfolio->entities[i];
        if (other != e && other->title && strcasecmp(other->title, client->label) == 0)
            return other;
    }
    return NULL;
}

/* What another group business owes is settled inside the group (rule 2):
 * always apart in the portfolio scope; in an entity's own scope only when
 * money is collected (`apart`), its figures keep it. */
static const entity *group_debtor(const report_context *c, const entity *e, const item *client,
                                  bool apart)
{
    return c->is_portfolio || apart ? report_group_business(c, e, client) : NULL;
}

static void add_owed(const report_context *c, report_owed_list *list, const report_owed *o)
{
    report_owed *slot =
        arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity, sizeof *slot);
    *slot = *o;
    report_amount_add(&list->by_state[o->state], &o->amount);
    report_amount_add(&list->by_age[o->bucket], &o->amount);
    report_amount_add(&list->total, &o->amount);
    report_billed_split_add(&list->billed, o);
}

static void set_age(const report_context *c, report_owed *o)
{
    int64_t day;
    o->bucket = AGE_UNDATED;
    if (!model_item_date(o->item, &day))
        return;
    int64_t today = (int64_t)c->options->now / 86400;
    o->dated = true;
    o->age_days = today > day ? today - day : 0;
    for (int b = AGE_0_30; b <= AGE_OVER_90; b++)
        if (o->age_days <= age_buckets[b].max_days) {
            o->bucket = (report_age_bucket)b;
            return;
        }
}

/* An invoice: its own state tag, else its client's, else billed. */
static void collect_invoice(const report_context *c, const entity *e, const item *client,
                            const item *invoice, report_owed_list *list)
{
    int tag = state_tag(invoice);
    if (tag < 0 && client != invoice)
        tag = state_tag(client);
    if (tag >= 0 && !billing_states[tag].owed)
        return;
    report_owed o = {.entity = e, .client = client, .item = invoice,
                     .state = tag < 0 ? OWED_BILLED : billing_states[tag].state};
    report_item_amount(invoice, &o.amount);
    set_age(c, &o);
    add_owed(c, list, &o);
}

static void collect_client(const report_context *c, const entity *e, const item *client,
                           report_owed_list *list)
{
    if (is_invoice(client)) {
        collect_invoice(c, e, client, client, list);
        return;
    }
    bool has_invoices = false;
    for (size_t i = 0; i < client->child_count; i++)
        if (is_invoice(&client->children[i])) {
            has_invoices = true;
            collect_invoice(c, e, client, &client->children[i], list);
        }
    int tag = state_tag(client);
    report_owed o = {.entity = e, .client = client, .item = client, .month_of_fee = true};
    if (has_invoices || tag < 0 || !billing_states[tag].owed ||
        !report_item_monthly(c, e, client, &o.amount))
        return;
    o.state = billing_states[tag].state;
    set_age(c, &o);
    add_owed(c, list, &o);
}

void report_owed_collect(const report_context *c, const entity *e, report_owed_list *list)
{
    const section *s = &e->sections[SECTION_CLIENTS];
    for (size_t i = 0; i < s->item_count; i++)
        collect_client(c, e, &s->items[i], list);
}

const char *report_entity_cell(const report_context *c, const entity *e)
{
    return e->kind == ENTITY_ANCILLARY && c->is_portfolio
               ? report_format(c, "%s (ancillary)", e->title)
               : e->title;
}

const char *report_owed_label(const report_context *c, const report_owed *o)
{
    if (o->client == o->item)
        return o->item->label;
    return report_format(c, "%s: %s", o->client->label, o->item->label);
}

const char *report_owed_amount_text(const report_context *c, const report_owed *o)
{
    /* the least it can be: the file does not say how many months (eyes-final19 A6) */
    if (o->month_of_fee)
        return report_format(c, "at least %s (one month of %s; the handoff does not say how "
                                "many months)",
                             report_amount_text(c, &o->amount),
                             report_money_text(c, &o->item->value.money));
    return report_money_text(c, &o->item->value.money);
}

/* "- Invoice N-227 (Halvorsen Foods) is dated 2026-11-15 and states no
 * status: counted as billed and not yet due, due about 2026-12-15 on
 * 30-day terms, which the handoff does not state (northbeam.md:21).": an
 * invoice `billed` only because neither it nor its client states a state,
 * 30 days old or less, says the assumption the figure rests on
 * (handoff-format.md rule 2; eyes-final20 B8). Older ones are asked about
 * as not marked overdue instead. */
static void put_billed_by_default(const report_context *c, const report_owed *o, strbuf *out)
{
    if (o->state != OWED_BILLED || !o->dated || report_owed_unmarked(o) ||
        model_item_has_tag(o->item, "billed") || model_item_has_tag(o->client, "billed"))
        return;
    strbuf_printf(out, "- %s%s is dated %s and states no status: counted as billed and not yet "
                       "due, due about %s on 30-day terms, which the handoff does not state "
                       "(%s:%d).\n",
                  o->item->label,
                  o->client == o->item ? "" : report_format(c, " (%s)", o->client->label),
                  report_due_date_text(c, -(int)o->age_days),
                  report_due_date_text(c, BILLED_DUE_DAYS - (int)o->age_days), o->entity->path,
                  o->item->line);
}

static void put_owed_table(const report_context *c, const report_owed_list *list, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT}, {"Owed", REPORT_LEFT},  {"Amount", REPORT_RIGHT},
        {"State", REPORT_LEFT},  {"Age", REPORT_RIGHT}, {"Where", REPORT_LEFT},
    };
    /* Every item from the one entity in scope: its name is the report's
     * title, not a column (ancillary items bring the column back). */
    bool one = c->entity_count == 1;
    for (size_t i = 0; i < list->count; i++)
        one &= list->items[i].entity == c->entities[0];
    size_t skip = one ? 1 : 0;
    report_table t;
    report_table_init(&t, c->arena, columns + skip, 6 - skip);
    for (size_t i = 0; i < list->count; i++) {
        const report_owed *o = &list->items[i];
        const char *cells[] = {
            report_entity_cell(c, o->entity),
            report_owed_label(c, o),
            report_format(c, "%s one-off", report_amount_text(c, &o->amount)),
            report_owed_unmarked(o) ? "billed, not marked overdue" : report_owed_state_name(o->state),
            o->dated ? report_format(c, "%lld days", (long long)o->age_days) : "undated",
            report_format(c, "%s:%d", o->entity->path, o->item->line),
        };
        if (skip)
            report_table_row(&t, cells[1], cells[2], cells[3], cells[4], cells[5]);
        else
            report_table_row(&t, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]);
    }
    report_table_write(&t, out);
    /* Rule 2: an old invoice with no state is a question, not "not yet due". */
    for (size_t i = 0; i < list->count; i++)
        if (report_owed_unmarked(&list->items[i])) /* a top-level invoice is its own client */
            strbuf_printf(out, "- %s%s is %lld days old and not marked overdue: confirm whether "
                               "it is paid or overdue (%s:%d).\n",
                          list->items[i].item->label,
                          list->items[i].client == list->items[i].item
                              ? ""
                              : report_format(c, " (%s)", list->items[i].client->label),
                          (long long)list->items[i].age_days, list->items[i].entity->path,
                          list->items[i].item->line);
    for (size_t i = 0; i < list->count; i++)
        put_billed_by_default(c, &list->items[i], out);
    /* Apart from the state, so no line shows an owed amount beside "/month";
     * how many months is the file's to say (handoff-format.md rule 2, A6). */
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].month_of_fee)
            strbuf_printf(out, "- %s: %s, no invoice listed: confirm how many months are owed%s.\n",
                          report_owed_label(c, &list->items[i]),
                          report_owed_amount_text(c, &list->items[i]),
                          list->items[i].state == OWED_UNBILLED ? ", and set up monthly billing"
                                                                : "");
    strbuf_putc(out, '\n');
}

/* Unbilled work is not aged with the invoices: no invoice was sent to age
 * from, and Accounting books it apart, account 1210 (handoff-format.md
 * rule 2; eyes-final11 Y1). Invariant: the ages plus this line add up to
 * the list's total. */
static void put_unbilled_apart(const report_context *c, const report_owed_list *list, strbuf *out)
{
    const report_amount *unbilled = &list->by_state[OWED_UNBILLED];
    if (unbilled->high != 0)
        strbuf_printf(out, "Not aged: %s of unbilled work (not yet invoiced).\n\n",
                      report_amount_text(c, unbilled));
}

/* By age, the invoices only (billed and overdue); unbilled work apart. */
static void put_aging(const report_context *c, const report_owed_list *list, strbuf *out)
{
    static const report_column columns[] = {{"Age", REPORT_LEFT}, {"Owed", REPORT_RIGHT}};
    report_amount by_age[AGE_BUCKET_COUNT] = {0};
    bool invoiced = false, dated = false;
    for (size_t i = 0; i < list->count; i++) {
        const report_owed *o = &list->items[i];
        if (o->state == OWED_UNBILLED)
            continue;
        invoiced = true;
        dated |= o->dated;
        report_amount_add(&by_age[o->bucket], &o->amount);
    }
    if (!invoiced) {
        put_unbilled_apart(c, list, out);
        return;
    }
    if (!dated) {
        bool any = false; /* a dated unbilled item does not date an invoice */
        for (size_t i = 0; i < list->count; i++)
            any |= list->items[i].dated;
        strbuf_printf(out, "No %s has a date: add one as a tag, `(overdue, "
                           "2026-09-15)`, for receivables by age.\n\n",
                      any ? "invoice" : "owed amount");
        put_unbilled_apart(c, list, out);
        return;
    }
    /* only the ages that hold money; one age holding it all is one line
     * (handoff-format.md rule 2; eyes-final5a Q14: four $0 rows for one invoice) */
    int held = 0, only = AGE_0_30;
    for (int b = AGE_0_30; b < AGE_BUCKET_COUNT; b++)
        if (by_age[b].high != 0)
            held++, only = b;
    if (held == 1) {
        /* dated is true, so the one age is a dated one */
        strbuf_printf(out, "By age: all %s is %s old.\n\n",
                      report_amount_text(c, &by_age[only]),
                      report_age_bucket_name((report_age_bucket)only));
        put_unbilled_apart(c, list, out);
        return;
    }
    report_table t;
    report_table_init(&t, c->arena, columns, 2);
    for (int b = AGE_0_30; b < AGE_BUCKET_COUNT; b++)
        if (by_age[b].high != 0)
            report_table_row(&t, report_age_bucket_name((report_age_bucket)b),
                             report_amount_text(c, &by_age[b]));
    report_table_write(&t, out);
    put_unbilled_apart(c, list, out);
}

/* What `e` is owed, as the scope's receivables read it: in the portfolio
 * scope what another group business owes goes to `internal`, in no sum
 * (rule 2, "Inside the group"); an entity's own figures (report_owed_collect
 * alone) keep it. */
static void collect_for_scope(const report_context *c, const entity *e, bool apart,
                              report_owed_list *list)
{
    report_owed_list own = {0};
    report_owed_collect(c, e, &own);
    for (size_t i = 0; i < own.count; i++) {
        const entity *debtor = group_debtor(c, e, own.items[i].client, apart);
        if (!debtor) {
            add_owed(c, list, &own.items[i]);
            continue;
        }
        report_owed *slot = arena_push(c->arena, (void **)&list->internal, &list->internal_count,
                                       &list->internal_capacity, sizeof *slot);
        *slot = own.items[i];
        slot->debtor = debtor;
    }
}

void report_owed_collect_for_scope(const report_context *c, const entity *e, report_owed_list *list)
{
    collect_for_scope(c, e, false, list);
}

static bool collect_receivables(const report_context *c, bool apart, report_owed_list *list)
{
    bool ledger = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        ledger |= c->entities[i]->has_section[SECTION_CLIENTS];
        collect_for_scope(c, c->entities[i], apart, list);
    }
    if (!c->is_portfolio)
        return ledger;
    /* Money owed to an ancillary business is still the group's cash. */
    for (size_t i = 0; i < c->portfolio->entity_count; i++) {
        const entity *e = &c->portfolio->entities[i];
        if (e->kind != ENTITY_ANCILLARY)
            continue;
        ledger |= e->has_section[SECTION_CLIENTS];
        collect_for_scope(c, e, apart, list);
    }
    return ledger;
}

bool report_receivables_collect(const report_context *c, report_owed_list *list)
{
    return collect_receivables(c, false, list);
}

bool report_collectable_collect(const report_context *c, report_owed_list *list)
{
    return collect_receivables(c, true, list);
}

const char *report_owed_inside_what(const report_context *c, const report_owed *o)
{
    return o->month_of_fee
               ? report_format(c, "one month of %s", report_money_text(c, &o->item->value.money))
               : o->item->label;
}

static bool same_pair(const report_owed *a, const report_owed *b)
{
    return a->debtor == b->debtor && a->entity == b->entity;
}

/* The items of one debtor/creditor pair after `first`, as "; $800
 * (Invoice M-288, overdue)", and their lines as ", 14": one sentence per
 * pair, not one per invoice (eyes-final G18). */
static void put_pair_items(const report_context *c, const report_owed_list *list, size_t first,
                           strbuf *items, strbuf *lines)
{
    for (size_t j = first; j < list->internal_count; j++) {
        const report_owed *o = &list->internal[j];
        if (!same_pair(o, &list->internal[first]))
            continue;
        strbuf_printf(items, "%s%s (%s, %s)", j == first ? "" : "; ",
                      report_cents_text(c, o->amount.mid), o->item->label,
                      report_owed_state_name(o->state));
        strbuf_printf(lines, "%s%d", j == first ? "" : ", ", o->item->line);
    }
}

static bool same_client(const report_client_owed *g, const report_owed *o)
{
    return g->entity == o->entity && strcmp(g->client->label, o->client->label) == 0;
}

static void count_in_group(report_client_owed *g, const report_owed *o)
{
    report_owed_state s = o->state;
    g->count++;
    g->total += o->amount.mid;
    g->count_in[s]++;
    g->total_in[s] += o->amount.mid;
    if (!g->first_in[s])
        g->first_in[s] = o;
    if (!g->largest_in[s] || o->amount.mid > g->largest_in[s]->amount.mid)
        g->largest_in[s] = o;
    if (o->dated && (!g->oldest_in[s] || o->age_days > g->oldest_in[s]->age_days))
        g->oldest_in[s] = o;
    report_billed_split_add(&g->billed, o);
}

void report_owed_by_client(const report_context *c, const report_owed *items, size_t count,
                           report_client_owed_list *out)
{
    for (size_t i = 0; i < count; i++) {
        const report_owed *o = &items[i];
        report_client_owed *g = NULL;
        for (size_t k = 0; k < out->count && !g; k++)
            if (same_client(&out->groups[k], o))
                g = &out->groups[k];
        if (!g) {
            g = arena_push(c->arena, (void **)&out->groups, &out->count, &out->capacity,
                           sizeof *g);
            *g = (report_client_owed){.entity = o->entity, .client = o->client,
                                      .debtor = report_group_business(c, o->entity, o->client),
                                      .first = o};
        }
        count_in_group(g, o);
    }
}

const report_owed *report_client_owed_oldest(const report_client_owed *g)
{
    const report_owed *oldest = NULL;
    for (int s = 0; s < OWED_STATE_COUNT; s++)
        if (g->oldest_in[s] && (!oldest || g->oldest_in[s]->age_days > oldest->age_days))
            oldest = g->oldest_in[s];
    return oldest;
}

int64_t report_client_owed_due(const report_client_owed *g)
{
    return g->total_in[OWED_OVERDUE] + g->total_in[OWED_UNBILLED];
}

/* The largest late item of `g`: overdue on a tie. */
static const report_owed *largest_late(const report_client_owed *g)
{
    const report_owed *big = g->largest_in[OWED_OVERDUE], *unbilled = g->largest_in[OWED_UNBILLED];
    return !big || (unbilled && unbilled->amount.mid > big->amount.mid) ? unbilled : big;
}

const char *report_client_owed_late_text(const report_context *c, const report_client_owed *g,
                                         report_late_item name)
{
    int64_t overdue = g->total_in[OWED_OVERDUE], unbilled = g->total_in[OWED_UNBILLED];
    int64_t late = overdue + unbilled;
    if (!late)
        return report_billed_parts_text(c, &g->billed, "", true);
    const char *parts =
        overdue && unbilled
            ? report_format(c, "%s overdue and %s unbilled", report_cents_text(c, overdue),
                            report_cents_text(c, unbilled))
            : report_format(c, "%s %s", report_cents_text(c, late), overdue ? "overdue" : "unbilled");
    bool one = g->count_in[OWED_OVERDUE] + g->count_in[OWED_UNBILLED] == 1;
    const report_owed *big = largest_late(g);
    const char *item = name == LATE_NAME_NONE ? NULL
                       : one                  ? report_owed_inside_what(c, big)
                       : name == LATE_NAME_LARGEST
                           ? report_format(c, "largest %s %s", report_owed_inside_what(c, big),
                                           report_cents_text(c, big->amount.mid))
                           : NULL;
    const char *whole = g->total > late ? report_format(c, "%s in all", report_cents_text(c, g->total))
                                        : NULL;
    if (item && whole) /* the one late item first; the whole before a largest */
        return one ? report_format(c, "%s (%s; %s)", parts, item, whole)
                   : report_format(c, "%s (%s; %s)", parts, whole, item);
    if (item || whole)
        return report_format(c, "%s (%s)", parts, item ? item : whole);
    return parts;
}

const char *report_group_pair_text(const report_context *c, const report_client_owed *g,
                                   report_late_item name)
{
    return report_format(c, "%s owes %s %s", g->debtor->title, g->entity->title,
                         report_client_owed_late_text(c, g, name));
}

/* "Owed inside the group (not counted in the $11,000 above):", naming
 * the owed total the pair stays out of, or "Owed inside the group:" when
 * nothing else is owed (docs/reports.md, Accounting; eyes-final16 T6:
 * "Inside the group, not owed to it:" read oddly). */
static const char *pair_lead(const report_context *c, const report_owed_list *list)
{
    if (!list->count)
        return "Owed inside the group:";
    return report_format(c, "Owed inside the group (not counted in the %s above):",
                         report_amount_text(c, &list->total));
}

/* "<pair_lead> <the pair's one wording>: <each item>: settle inside the
 * group (file:lines)"; one item is named in the wording itself. */
static void put_pair_line(const report_context *c, const report_owed_list *list,
                          const report_client_owed *g, strbuf *out)
{
    const report_owed *o = g->first;
    if (g->count == 1) {
        strbuf_printf(out, "%s %s: settle inside the group (%s:%d).\n\n", pair_lead(c, list),
                      report_group_pair_text(c, g, LATE_NAME_ONE), o->entity->path,
                      o->item->line);
        return;
    }
    strbuf items = STRBUF_INIT, lines = STRBUF_INIT;
    put_pair_items(c, list, (size_t)(o - list->internal), &items, &lines);
    strbuf_printf(out, "%s %s owes %s %s: %s: settle inside the group (%s:%s).\n\n",
                  pair_lead(c, list), g->debtor->title, g->entity->title, report_client_owed_late_text(c, g, LATE_NAME_NONE),
                  strbuf_cstr(&items), o->entity->path, strbuf_cstr(&lines));
    strbuf_free(&items);
    strbuf_free(&lines);
}

/* Money one group business owes another: named, outside every total; a
 * pair owing on several items is one sentence with their sum. */
static void put_inside_the_group(const report_context *c, const report_owed_list *list,
                                 strbuf *out)
{
    report_client_owed_list pairs = {0};
    report_owed_by_client(c, list->internal, list->internal_count, &pairs);
    for (size_t i = 0; i < pairs.count; i++)
        put_pair_line(c, list, &pairs.groups[i], out);
}

static int client_total_order(const void *a, const void *b)
{
    const report_client_owed *x = a, *y = b;
    return (x->total < y->total) - (x->total > y->total);
}

/* "- Lantern Noodle Bar (Fieldnote Advisory) owes $9,200 on 3 items: ...":
 * each client owing on two or more items, largest first, its parts named
 * as rule 2 names them (no monthly fee beside owed money, rule 2). */
static void put_client_totals(const report_context *c, const report_owed_list *list,
                              strbuf *out)
{
    report_client_owed_list clients = {0};
    report_owed_by_client(c, list->items, list->count, &clients);
    if (clients.count)
        qsort(clients.groups, clients.count, sizeof *clients.groups, client_total_order);
    static const report_owed_state parts[] = {OWED_OVERDUE, OWED_UNBILLED, OWED_BILLED};
    size_t shown = 0;
    for (size_t k = 0; k < clients.count; k++) {
        const report_client_owed *t = &clients.groups[k];
        if (t->count < 2)
            continue;
        strbuf_printf(out, "- %s (%s) owes %s on %zu items", t->client->label, t->entity->title,
                      report_cents_text(c, t->total), t->count);
        const char *sep = ": ";
        for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
            if (!t->total_in[parts[p]])
                continue;
            strbuf_printf(out, "%s%s", sep,
                          parts[p] == OWED_BILLED
                              ? report_billed_parts_text(c, &t->billed, NULL, true)
                              : report_format(c, "%s %s", report_owed_state_name(parts[p]),
                                              report_cents_text(c, t->total_in[parts[p]])));
            sep = ", ";
        }
        strbuf_puts(out, ".\n");
        shown++;
    }
    if (shown)
        strbuf_putc(out, '\n');
}

void report_put_receivables(const report_context *c, strbuf *out)
{
    report_owed_list list = {0};
    if (!report_receivables_collect(c, &list))
        return;
    strbuf_puts(out, "## Receivables\n\n");
    bool ancillary = false;
    for (size_t i = 0; i < list.count; i++)
        ancillary |= list.items[i].entity->kind == ENTITY_ANCILLARY;
    if (ancillary && c->is_portfolio)
        strbuf_puts(out, "Read from every handoff, the ancillary ones included (marked): money "
                         "owed to them is the group's cash, though their figures stay outside "
                         "the portfolio's.\n\n");
    if (!list.count) {
        strbuf_puts(out, "Nothing owed: no `## Clients` amount is billed, overdue or "
                         "unbilled.\n\n");
        put_inside_the_group(c, &list, out);
        return;
    }
    strbuf_printf(out, "Owed **%s** (one-off): ", report_amount_text(c, &list.total));
    report_put_owed_parts(c, &list, false, out);
    strbuf_puts(out, ".\n\n");
    put_inside_the_group(c, &list, out);
    put_owed_table(c, &list, out);
    put_aging(c, &list, out);
    put_client_totals(c, &list, out);
}

void report_put_owed_parts(const report_context *c, const report_owed_list *list,
                           bool midpoints, strbuf *out)
{
    static const report_owed_state parts[] = {OWED_OVERDUE, OWED_UNBILLED, OWED_BILLED};
    for (size_t i = 0, n = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const report_amount *part = &list->by_state[parts[i]];
        if (!part->mid && !part->high)
            continue;
        strbuf_printf(out, "%s%s", n++ ? ", " : "",
                      parts[i] == OWED_BILLED
                          ? report_billed_parts_text(c, &list->billed, NULL, midpoints)
                          : report_format(c, "%s %s", report_owed_state_name(parts[i]),
                                          part_amount(c, part, midpoints)));
    }
}

report_amount report_clients_mrr(const report_context *c, const entity *e)
{
    report_amount mrr = {0};
    const section *s = &e->sections[SECTION_CLIENTS];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount fee;
        if (report_item_monthly(c, e, &s->items[i], &fee))
            report_amount_add(&mrr, &fee);
    }
    return mrr;
}

static bool has_recurring_fee(const entity *e)
{
    const section *s = &e->sections[SECTION_CLIENTS];
    for (size_t i = 0; i < s->item_count; i++)
        if (s->items[i].value.kind == VALUE_MONEY && s->items[i].value.money.period != PERIOD_NONE)
            return true;
    return false;
}

/* " The revenue lines: Trade accounts $2,600/month, Signage jobs
 * $4,800/quarter ($1,600/month)": what the client fees are set against
 * (rule 1), the monthly figure added when the period is not a month. */
static void put_revenue_lines(const report_context *c, const entity *e, strbuf *out)
{
    const section *s = &e->sections[SECTION_REVENUE];
    const char *sep = " The revenue lines: ";
    for (size_t i = 0; i < s->item_count; i++) {
        const item *it = &s->items[i];
        if (it->value.kind != VALUE_MONEY)
            continue;
        report_amount monthly;
        strbuf_printf(out, "%s%s %s", sep, it->label, report_written_amount(c, it));
        if (it->value.money.period != PERIOD_MONTH && report_item_monthly(c, e, it, &monthly))
            strbuf_printf(out, " (%s)", report_figure_text(c, &monthly, "/month"));
        sep = ", ";
    }
    if (*sep == ',')
        strbuf_putc(out, '.');
}

/* The `## Revenue` line that names retainers, beside other lines, with its
 * monthly figure in `m`: what the client fees are set against like for
 * like (Accounting's question and the CEO's and CFO's Data quality line,
 * handoff-format.md rule 1); NULL when none. */
const item *report_retainer_line(const report_context *c, const entity *e, report_amount *m)
{
    const section *s = &e->sections[SECTION_REVENUE];
    if (s->item_count < 2)
        return NULL;
    for (size_t i = 0; i < s->item_count; i++)
        if (strcasestr(s->items[i].label, "retainer") && report_item_monthly(c, e, &s->items[i], m))
            return &s->items[i];
    return NULL;
}

/* " Like for like, Monthly bookkeeping retainers $3,350/month against
 * Clients MRR ...: is the retainer line out of date ...?": the client fees
 * set against the one revenue line that names retainers, when other lines
 * sit beside it (docs/reports.md, Audit reconciliation); nothing when they
 * agree or no line names retainers. */
static void put_retainer_question(const report_context *c, const entity *e,
                                  const report_amount *mrr, strbuf *out)
{
    report_amount m;
    const item *line = report_retainer_line(c, e, &m);
    if (!line)
        return;
    const char *where = report_format(c, "%s:%d", e->path, line->line);
    if (m.mid > mrr->mid)
        strbuf_printf(out, " Like for like, %s %s/month against Clients MRR %s/month: "
                           "%s/month apart: is the retainer line out of date, or is a "
                           "client missing from `## Clients` (%s)?",
                      line->label, report_cents_text(c, m.mid), report_cents_text(c, mrr->mid),
                      report_cents_text(c, m.mid - mrr->mid), where);
    else if (m.mid < mrr->mid)
        strbuf_printf(out, " Clients bill %s/month more than the retainer line %s "
                           "(%s/month): is the retainer line out of date (%s)?",
                      report_cents_text(c, mrr->mid - m.mid), line->label,
                      report_cents_text(c, m.mid), where);
}

/* The KPI that counts paying accounts (docs/reports.md, Data quality), a
 * number; NULL when none. */
static const item *paying_accounts_kpi(const entity *e)
{
    static const char *const words[] = {"paying", "account", "customer", "subscriber"};
    const section *s = &e->sections[SECTION_KPIS];
    for (size_t i = 0; i < s->item_count; i++)
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (s->items[i].value.kind == VALUE_NUMBER && strcasestr(s->items[i].label, words[w]))
                return &s->items[i];
    return NULL;
}

/* "lumen.md:21 says 60 paying accounts, but the 2 clients at lumen.md:25-27
 * make up all $3,000 of revenue: are the other 58 free, or part of these
 * 2?": asked once when the named clients' fees make all the revenue and a
 * KPI counts more paying accounts (eyes-final2b K6, eyes-final3b N11). */
static void ask_unnamed_accounts(const report_context *c, const entity *e)
{
    const item *kpi = paying_accounts_kpi(e);
    report_amount revenue = report_entity_revenue(c, e), mrr = report_clients_mrr(c, e);
    if (!kpi || !e->has_section[SECTION_REVENUE] || revenue.mid <= 0 || mrr.mid < revenue.mid)
        return;
    const section *s = &e->sections[SECTION_CLIENTS];
    int64_t clients = 0;
    int first = 0, last = 0;
    for (size_t i = 0; i < s->item_count; i++)
        if (s->items[i].value.kind == VALUE_MONEY && s->items[i].value.money.period != PERIOD_NONE) {
            first = clients++ ? first : s->items[i].line;
            last = s->items[i].line;
        }
    int64_t accounts = kpi->value.scaled / MODEL_SCALE;
    if (!clients || accounts <= clients)
        return;
    const char *lines = first == last ? report_format(c, "%d", first)
                                      : report_format(c, "%d-%d", first, last);
    char *label = report_format(c, "%s", kpi->label); /* "60 paying accounts" */
    label[0] = (char)tolower((unsigned char)label[0]);
    report_note_question(
        c, report_format(c, "%s:%d says %lld %s, but the %lld clients at %s:%s make up all %s "
                            "of revenue: are the other %lld free, or part of these %lld?",
                         e->path, kpi->line, (long long)accounts, label, (long long)clients,
                         e->path, lines, report_cents_text(c, revenue.mid),
                         (long long)(accounts - clients), (long long)clients));
}

/* The clients the Status counts ("Operating; 14 retainer clients": 14),
 * a number followed by the word "client" in the same clause; 0 when it
 * names none. */
static long status_client_count(const entity *e)
{
    for (const char *p = e->status; p && *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > e->status && isdigit((unsigned char)p[-1])))
            continue;
        char *end;
        long n = strtol(p, &end, 10);
        size_t clause = strcspn(end, ";,.");
        const char *word = strcasestr(end, "client");
        if (word && (size_t)(word - end) < clause)
            return n;
    }
    return 0;
}

/* The `## Clients` lines with a recurring fee. */
static long listed_clients(const entity *e)
{
    const section *s = &e->sections[SECTION_CLIENTS];
    long n = 0;
    for (size_t i = 0; i < s->item_count; i++)
        n += s->items[i].value.kind == VALUE_MONEY && s->items[i].value.money.period != PERIOD_NONE;
    return n;
}

const item *report_retainer_gap(const report_context *c, const entity *e,
                                report_amount *retainers, report_amount *ledger)
{
    *ledger = report_clients_mrr(c, e);
    const item *line;
    if (!e->has_section[SECTION_REVENUE] || !e->has_section[SECTION_CLIENTS] ||
        !has_recurring_fee(e) || report_entity_revenue(c, e).mid == ledger->mid ||
        !(line = report_retainer_line(c, e, retainers)) || retainers->mid == ledger->mid)
        return NULL; /* the reconciliation's like-for-like question is not asked */
    return line;
}

void report_note_retainer_gaps(const report_context *c)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_amount m, mrr;
        const item *line = report_retainer_gap(c, e, &m, &mrr);
        if (!line)
            continue;
        long said = status_client_count(e), listed = listed_clients(e);
        const char *status =
            said > listed ? report_format(c, "; the Status says %ld retainer client%s and %ld %s "
                                             "listed, so the list may be incomplete",
                                          said, said == 1 ? "" : "s", listed,
                                          listed == 1 ? "is" : "are")
                          : "";
        int64_t apart = m.mid > mrr.mid ? m.mid - mrr.mid : mrr.mid - m.mid;
        report_note_question(
            c, report_format(c, "%s `## Revenue` retainers, %s/month, differ from its `## Clients` "
                                "fees, %s/month, by %s (%s:%d, %d): the figures use `## Revenue`%s.",
                             report_possessive(c, e->title), report_cents_text(c, m.mid),
                             report_cents_text(c, mrr.mid), report_cents_text(c, apart), e->path,
                             line->line, e->sections[SECTION_CLIENTS].line, status));
    }
}

void report_put_reconciliation(const report_context *c, strbuf *out)
{
    bool shown = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (e->has_section[SECTION_CLIENTS])
            ask_unnamed_accounts(c, e);
        if (!e->has_section[SECTION_REVENUE] || !e->has_section[SECTION_CLIENTS])
            continue;
        report_amount revenue = report_entity_revenue(c, e);
        report_amount mrr = report_clients_mrr(c, e);
        if (revenue.mid == mrr.mid || !has_recurring_fee(e))
            continue;
        if (!shown)
            strbuf_puts(out, "## Revenue and Clients reconciliation\n\n"
                             "Revenue is the `## Revenue` lines; `## Clients` is the billing "
                             "ledger:\n\n");
        shown = true;
        strbuf_printf(out, "- %s: revenue lines %s; Clients MRR %s; difference %s.", e->title,
                      report_figure_text(c, &revenue, "/month"),
                      report_figure_text(c, &mrr, "/month"),
                      report_format(c, "%s/month", report_cents_text(c, revenue.mid - mrr.mid)));
        put_revenue_lines(c, e, out);
        put_retainer_question(c, e, &mrr, out);
        strbuf_putc(out, '\n');
    }
    if (shown)
        strbuf_putc(out, '\n');
}

const report_owed *report_owed_oldest_overdue(const report_owed_list *list, size_t *overdue_count)
{
    const report_owed *oldest = NULL;
    size_t count = 0;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].state == OWED_OVERDUE) {
            count++;
            if (!oldest || list->items[i].age_days > oldest->age_days)
                oldest = &list->items[i];
        }
    if (overdue_count)
        *overdue_count = count;
    return oldest;
}

int64_t report_owed_unbilled_over_90(const report_owed_list *list)
{
    int64_t total = 0;
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].state == OWED_UNBILLED && list->items[i].bucket == AGE_OVER_90)
            total += list->items[i].amount.mid;
    return total;
}

static bool group_in_scope(const report_context *c, const entity *e)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (c->entities[i] == e)
            return true;
    return false;
}

/* reports.md, CEO Data quality (eyes-final13 Q2), the CFO's too (eyes-final16 T7): a monthly fee a group
 * business bills another in scope whose `## Expenses` hold no line of that
 * amount (Accounting's "Inside the group" test): one of the two files is
 * wrong, so both lines are named and the question asked. */
void report_ask_unbooked_group_fees(const report_context *c)
{
    for (size_t i = 0; c->portfolio && i < c->portfolio->entity_count; i++) {
        const entity *biller = &c->portfolio->entities[i];
        const section *clients = &biller->sections[SECTION_CLIENTS];
        for (size_t j = 0; j < clients->item_count; j++) {
            const item *client = &clients->items[j];
            const entity *payer = report_group_business(c, biller, client);
            report_amount fee;
            if (!payer || !group_in_scope(c, payer) || !report_item_monthly(c, biller, client, &fee) ||
                report_group_fee_expense(c, biller, payer, fee.mid))
                continue;
            const char *file = strrchr(payer->path, '/');
            report_note_question(
                c, report_format(c, "%s bills %s %s/month (%s:%d), but %s lists no such expense "
                                    "(%s:%d, `## Expenses`): add it or correct the client line.",
                                 biller->title, payer->title, report_cents_text(c, fee.mid),
                                 biller->path, client->line, file ? file + 1 : payer->path,
                                 payer->path, payer->sections[SECTION_EXPENSES].line));
        }
    }
}
