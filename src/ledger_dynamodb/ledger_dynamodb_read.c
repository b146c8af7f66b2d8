/* ledger_dynamodb_read: deliveries back out of the table, newest first.
 *
 * Which Query answers a filter is a table (ddb_list_plans[], first match):
 * a batch's deliveries come from the index by_batch, one report's from its
 * partition, everything else from the index by_month, one month at a
 * time from this one back to the first (the counter item's first_month):
 * `log` reads one page of the latest month, not every report's history
 * (docs/ledger.md says why). Each Query is read a page at a time
 * (BRIEFING_DYNAMODB_PAGE_SIZE items) and stops as soon as the limit is met;
 * the filters no key can express (state, since, tests) are applied to each
 * page. Index reads are eventually consistent: a delivery written a moment
 * ago on another machine may show on the next read.
 *
 * A page after delivery N (filter.after_id) starts at N's sort key, read
 * from its id pointer: every Query then ends at that key (its month's for
 * the month index) instead of the newest, so page k costs what page 1 does.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_dynamodb/ddb_internal.h"

typedef struct {
    ledger_delivery *items;
    size_t count, capacity;
    const ledger_filter *filter;
    /* The highest sort key read: "day#" (below the day claims, above every
     * delivery) or the key of the delivery a page starts after. */
    char upper[DDB_KEY_SIZE];
} ddb_list;

static bool ddb_filter_matches(const ledger_filter *f, const ledger_delivery *d)
{
    return (!f->persona || strcmp(f->persona, d->persona) == 0) &&
           (!f->scope || strcmp(f->scope, d->scope) == 0) &&
           (!f->has_state || f->state == d->state) && (!f->since || d->created_at >= f->since) &&
           (!f->batch_id || f->batch_id == d->batch_id) && (!f->exclude_tests || !d->test);
}

static bool ddb_list_full(const ddb_list *list)
{
    return list->filter->limit && list->count >= list->filter->limit;
}

static void ddb_list_add(ddb_list *list, const ses_dynamodb_item *item)
{
    ledger_delivery d;
    if (!ddb_delivery_from_item(item, &d))
        return; /* not a delivery: the index holds deliveries only */
    if (!ddb_filter_matches(list->filter, &d) || ddb_list_full(list) ||
        d.id == list->filter->after_id) { /* BETWEEN includes the page's start */
        ledger_delivery_clear(&d);
        return;
    }
    if (list->count == list->capacity) {
        size_t grown = list->capacity ? list->capacity * 2 : 16;
        ledger_delivery *bigger = realloc(list->items, grown * sizeof *bigger);
        if (!bigger) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        list->items = bigger;
        list->capacity = grown;
    }
    list->items[list->count++] = d;
}

/* How many items the next Query page asks for: what the list still
 * wants (and the page's start, which BETWEEN returns too) when the key
 * holds every filter but the rare test sends, so `planning's latest` reads
 * one item, not a page of BRIEFING_DYNAMODB_PAGE_SIZE; a page when a
 * filter no key holds (a state, a persona alone) may drop most of them. */
static int ddb_query_limit(const ledger_backend *b, const ddb_list *list)
{
    const ledger_filter *f = list->filter;
    bool key_holds = !f->has_state && !f->persona == !f->scope && !(f->batch_id && f->persona);
    size_t wanted = f->limit ? f->limit - list->count + (f->after_id != 0) : 0;
    return key_holds && wanted && wanted < (size_t)b->page_size ? (int)wanted : b->page_size;
}

/* Every page of `spec` (descending) until the list is full. */
static bool ddb_list_query(ledger_backend *b, ses_dynamodb_query_spec *spec, ddb_list *list,
                           char *error, size_t error_size)
{
    char *cursor = NULL;
    do {
        ses_dynamodb_page page;
        ses_status status;
        spec->start = cursor;
        spec->limit = ddb_query_limit(b, list);
        if (!ses_dynamodb_query(b->client, spec, &page, &status)) {
            free(cursor);
            return ddb_fail(b, "cannot list deliveries", &status, error, error_size);
        }
        for (size_t i = 0; i < page.count; i++)
            ddb_list_add(list, &page.items[i]);
        free(cursor);
        cursor = page.next;
        page.next = NULL;
        ses_dynamodb_page_free(&page);
    } while (cursor && !ddb_list_full(list));
    free(cursor);
    return true;
}

/* "2026-12-01T00:00:00.000Z" of `since`: sort keys from then on. */
static void ddb_since_key(time_t since, char *out, size_t out_size)
{
    ddb_delivery_sk(since, 0, 0, out, out_size);
    out[strcspn(out, "#")] = '\0';
}

/* A Query on `index` (NULL: the table) of partition `name` = `value`,
 * from `since` on and before the day claims ("day#..."). */
static bool ddb_list_partition(ledger_backend *b, const char *index, const char *name,
                               const char *value, ddb_list *list, char *error, size_t error_size)
{
    char since[48];
    ddb_since_key(list->filter->since, since, sizeof since);
    if (strcmp(since, list->upper) > 0)
        return true; /* the page starts before `since`: nothing is left */
    const ses_dynamodb_attr names[] = {{"#k", 'S', name}};
    const ses_dynamodb_attr values[] = {{":v", 'S', value}, {":since", 'S', since},
                                        {":upper", 'S', list->upper}};
    ses_dynamodb_query_spec spec = {
        b->table, index, {"#k = :v AND sk BETWEEN :since AND :upper", names, 1, values, 3},
        b->page_size, true, NULL};
    return ddb_list_query(b, &spec, list, error, error_size);
}

static bool ddb_list_batch(ledger_backend *b, ddb_list *list, char *error, size_t error_size)
{
    char batch[24];
    snprintf(batch, sizeof batch, "%" PRId64, list->filter->batch_id);
    return ddb_list_partition(b, "by_batch", "batch", batch, list, error, error_size);
}

static bool ddb_list_report(ledger_backend *b, ddb_list *list, char *error, size_t error_size)
{
    char pk[DDB_KEY_SIZE];
    ddb_report_pk(list->filter->persona, list->filter->scope, pk, sizeof pk);
    return ddb_list_partition(b, NULL, "pk", pk, list, error, error_size);
}

/* The month before "YYYY-MM". */
static void ddb_month_before(char *month)
{
    int year = atoi(month), number = atoi(month + 5);
    if (--number == 0) {
        number = 12;
        year--;
    }
    snprintf(month, 8, "%04d-%02d", year, number);
}

static bool ddb_list_months(ledger_backend *b, ddb_list *list, char *error, size_t error_size)
{
    ses_dynamodb_item counter;
    bool found;
    if (!ddb_get(b, "meta#counter", "delivery", &counter, &found, error, error_size))
        return false;
    char first[16] = "", month[16], since[16] = "";
    if (found)
        snprintf(first, sizeof first, "%s",
                 ses_dynamodb_item_get(&counter, "first_month")
                     ? ses_dynamodb_item_get(&counter, "first_month")
                     : "");
    if (found)
        ses_dynamodb_item_free(&counter);
    if (list->filter->since)
        ddb_month(list->filter->since, since, sizeof since);
    if (list->filter->after_id) /* the month of the page's start: "2026-12-07T..." */
        snprintf(month, sizeof month, "%.7s", list->upper);
    else
        ddb_month(time(NULL), month, sizeof month);
    bool ok = true;
    while (first[0] && ok && !ddb_list_full(list) && strcmp(month, first) >= 0 &&
           strcmp(month, since) >= 0) {
        ok = ddb_list_partition(b, "by_month", "month", month, list, error, error_size);
        ddb_month_before(month);
    }
    return ok;
}

static bool ddb_plan_batch(const ledger_filter *f)
{
    return f->batch_id > 0;
}

static bool ddb_plan_report(const ledger_filter *f)
{
    return f->persona && f->scope;
}

static bool ddb_plan_any(const ledger_filter *f)
{
    (void)f;
    return true;
}

/* Which Query answers a filter: the first plan that applies. */
static const struct {
    bool (*applies)(const ledger_filter *f);
    bool (*run)(ledger_backend *b, ddb_list *list, char *error, size_t error_size);
} ddb_list_plans[] = {
    {ddb_plan_batch, ddb_list_batch},
    {ddb_plan_report, ddb_list_report},
    {ddb_plan_any, ddb_list_months},
};

/* Where the listing starts: below the day claims, or at the key of the
 * delivery the page follows. */
static bool ddb_list_start(ledger_backend *b, ddb_list *list, char *error, size_t error_size)
{
    if (!list->filter->after_id)
        return true;
    char pk[DDB_KEY_SIZE];
    bool found = false;
    if (!ddb_delivery_key(b, list->filter->after_id, pk, list->upper, &found, error, error_size))
        return false;
    if (!found)
        snprintf(error, error_size, "%s: no delivery %" PRId64 " to list after", b->where,
                 list->filter->after_id);
    return found;
}

bool ddb_op_list(ledger_backend *b, const ledger_filter *filter, ledger_delivery **out,
                 size_t *count, char *error, size_t error_size)
{
    static const ledger_filter any = {0};
    ddb_list list = {NULL, 0, 0, filter ? filter : &any, "day#"};
    size_t plan = 0;
    while (!ddb_list_plans[plan].applies(list.filter))
        plan++; /* the last plan applies to every filter */
    bool ok = ddb_list_start(b, &list, error, error_size) &&
              ddb_list_plans[plan].run(b, &list, error, error_size);
    if (!ok) {
        ledger_deliveries_free(list.items, list.count);
        list.items = NULL;
        list.count = 0;
    }
    *out = list.items;
    *count = list.count;
    return ok;
}

bool ddb_op_get(ledger_backend *b, int64_t id, ledger_delivery *out, char *error,
                size_t error_size)
{
    memset(out, 0, sizeof *out);
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    bool ok = ddb_delivery_from_item(&item, out);
    ses_dynamodb_item_free(&item);
    if (!ok)
        snprintf(error, error_size, "%s: delivery %" PRId64 " is not a delivery item", b->where,
                 id);
    return ok;
}

int64_t ddb_op_last_batch(ledger_backend *b)
{
    ses_dynamodb_item item;
    bool found;
    char ignored[256];
    if (!ddb_get(b, "meta#counter", "batch", &item, &found, ignored, sizeof ignored) || !found)
        return 0;
    int64_t last = ddb_item_number(&item, "next");
    ses_dynamodb_item_free(&item);
    return last;
}

bool ddb_op_recipients(ledger_backend *b, int64_t id, ledger_recipient **out, size_t *count,
                       char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    size_t n = ddb_item_recipient_count(&item);
    if (n) {
        *out = calloc(n, sizeof **out);
        if (!*out) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
    }
    for (size_t i = 0; i < n; i++)
        ddb_item_recipient(&item, i, &(*out)[i]);
    *count = n;
    ses_dynamodb_item_free(&item);
    return true;
}
