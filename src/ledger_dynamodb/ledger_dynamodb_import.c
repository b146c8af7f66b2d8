/* ledger_dynamodb_import: another ledger's history copied into the table
 * (briefing ledger migrate; docs/ledger.md, "Moving a local ledger to the
 * table").
 *
 * Every item it writes carries `migrated_from` (the source, and for a
 * delivery its id there) and is put only when its key is free: a key that
 * holds this source's copy already is "already there" (a rerun after a kill
 * or a failure), a key that holds anything else is an error, never
 * overwritten. Ids: kept when the table had no counter (the counters are
 * then created at the source's largest ids before anything is copied), else
 * drawn from the counters, the mapping kept in items of the source's own
 * partition (pk "migrate#<source>", sk "delivery#<old id>" / "batch#<old
 * id>") so a rerun finds the id the first run gave. The choice is the run
 * item's (sk "run"), made once.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ledger_dynamodb/ddb_internal.h"

enum {
    DDB_IMPORT_ATTRS = 40 + 7 * DDB_MAX_RECIPIENTS, /* a delivery's columns and recipients */
};

/* An item being built; it owns its names and values (texts made here). */
typedef struct {
    ses_dynamodb_attr attrs[DDB_IMPORT_ATTRS];
    char *owned[2 * DDB_IMPORT_ATTRS];
    size_t count, owned_count;
} ddb_import_item;

static const char *ddb_import_own(ddb_import_item *it, const char *text)
{
    return it->owned[it->owned_count++] = ddb_copy(text);
}

/* Empty or NULL text is not written: an absent attribute reads back NULL. */
static void ddb_import_text(ddb_import_item *it, const char *name, const char *value)
{
    if (value && *value && it->count < DDB_IMPORT_ATTRS)
        it->attrs[it->count++] =
            (ses_dynamodb_attr){ddb_import_own(it, name), 'S', ddb_import_own(it, value)};
}

static void ddb_import_number(ddb_import_item *it, const char *name, int64_t value)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, value);
    if (it->count < DDB_IMPORT_ATTRS)
        it->attrs[it->count++] =
            (ses_dynamodb_attr){ddb_import_own(it, name), 'N', ddb_import_own(it, text)};
}

static void ddb_import_free(ddb_import_item *it)
{
    for (size_t i = 0; i < it->owned_count; i++)
        free(it->owned[i]);
    it->owned_count = it->count = 0;
}

static void ddb_import_run_pk(const ledger_backend *b, char *out, size_t out_size)
{
    snprintf(out, out_size, "migrate#%s", b->import_source);
}

/* What a conditional put found at its key. */
typedef enum {
    DDB_IMPORT_NEW,             /* the key was free: written */
    DDB_IMPORT_OURS,            /* this migration's copy was there already */
    DDB_IMPORT_THEIRS,          /* another item holds the key: nothing written (error says) */
    DDB_IMPORT_FAILED,          /* DynamoDB failed (error says) */
} ddb_import_put_result;

/* Puts `it` (pk, sk, migrated_from among its attributes) when its key is free. */
static ddb_import_put_result ddb_import_try(ledger_backend *b, ddb_import_item *it,
                                            const char *what, char *error, size_t error_size)
{
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    ses_dynamodb_result result =
        ses_dynamodb_put_item(b->client, b->table, it->attrs, it->count, &condition, &status);
    if (result == SES_DYNAMODB_FAILED) {
        ddb_fail(b, what, &status, error, error_size);
        return DDB_IMPORT_FAILED;
    }
    if (result == SES_DYNAMODB_DONE)
        return DDB_IMPORT_NEW;
    const char *pk = it->attrs[0].value, *sk = it->attrs[1].value;
    const char *mine = NULL;
    for (size_t i = 0; i < it->count && !mine; i++)
        if (strcmp(it->attrs[i].name, "migrated_from") == 0)
            mine = it->attrs[i].value;
    ses_dynamodb_item there;
    bool found = false;
    if (!ddb_get(b, pk, sk, &there, &found, error, error_size))
        return DDB_IMPORT_FAILED;
    const char *theirs = found ? ses_dynamodb_item_get(&there, "migrated_from") : NULL;
    bool ours = theirs && mine && strcmp(theirs, mine) == 0;
    if (!ours)
        snprintf(error, error_size, "%s: %s: %s/%s holds %s: not overwritten", b->where, what,
                 pk, sk, theirs ? theirs : "another machine's item");
    if (found)
        ses_dynamodb_item_free(&there);
    return ours ? DDB_IMPORT_OURS : DDB_IMPORT_THEIRS;
}

/* Puts `it` unless its key holds an item already (whoever's: that one
 * stands, as for a day claim or an event another run or machine put),
 * then frees it. */
static bool ddb_import_put_if_absent(ledger_backend *b, ddb_import_item *it, const char *what,
                                     char *error, size_t error_size)
{
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    bool ok = ses_dynamodb_put_item(b->client, b->table, it->attrs, it->count, &condition,
                                    &status) != SES_DYNAMODB_FAILED ||
              ddb_fail(b, what, &status, error, error_size);
    ddb_import_free(it);
    return ok;
}

/* As ddb_import_try, where only a free key or this migration's copy will
 * do: *fresh false for the copy. */
static bool ddb_import_put(ledger_backend *b, ddb_import_item *it, const char *what, bool *fresh,
                           char *error, size_t error_size)
{
    ddb_import_put_result result = ddb_import_try(b, it, what, error, error_size);
    *fresh = result == DDB_IMPORT_NEW;
    return result == DDB_IMPORT_NEW || result == DDB_IMPORT_OURS;
}

/* ---- which ids: the run item and the counters ---- */

static bool ddb_import_plan_read(ledger_backend *b, ledger_import_plan *plan, bool *found,
                                 char *error, size_t error_size)
{
    char pk[sizeof b->import_source + 16];
    ddb_import_run_pk(b, pk, sizeof pk);
    ses_dynamodb_item run;
    if (!ddb_get(b, pk, "run", &run, found, error, error_size))
        return false;
    if (*found) {
        const char *deliveries = ses_dynamodb_item_get(&run, "deliveries");
        const char *batches = ses_dynamodb_item_get(&run, "batches");
        plan->keeps_delivery_ids = deliveries && strcmp(deliveries, "kept") == 0;
        plan->keeps_batch_ids = batches && strcmp(batches, "kept") == 0;
        ses_dynamodb_item_free(&run);
    }
    return true;
}

/* Creates counter `name` at `max` for this source unless the table has
 * one: *keeps when it is this source's (made now, or by a run that was
 * killed before recording its plan). */
static bool ddb_import_counter(ledger_backend *b, const char *name, int64_t max,
                               const char *month, bool *keeps, char *error, size_t error_size)
{
    *keeps = false;
    if (max <= 0)
        return true; /* nothing of that kind to keep: a counter at 0 would stall the next id */
    ddb_import_item it = {0};
    ddb_import_text(&it, "pk", "meta#counter");
    ddb_import_text(&it, "sk", name);
    ddb_import_number(&it, "next", max);
    ddb_import_text(&it, "first_month", month);
    ddb_import_text(&it, "migrated_from", b->import_source);
    char why[512];
    ddb_import_put_result result = ddb_import_try(b, &it, "cannot create a counter", why,
                                                  sizeof why);
    ddb_import_free(&it);
    /* another's counter: the table has history, its ids go on from it */
    *keeps = result == DDB_IMPORT_NEW || result == DDB_IMPORT_OURS;
    if (result == DDB_IMPORT_FAILED)
        snprintf(error, error_size, "%s", why);
    return result != DDB_IMPORT_FAILED;
}

/* A renumbered history may be older than the table's: `log` reads months
 * back to the counter's first_month, which must then reach this one. */
static bool ddb_import_first_month(ledger_backend *b, const char *month, char *error,
                                   size_t error_size)
{
    const ses_dynamodb_attr key[] = {{"pk", 'S', "meta#counter"}, {"sk", 'S', "delivery"}};
    const ses_dynamodb_attr values[] = {{":m", 'S', month}};
    const ses_dynamodb_expression update = {"SET first_month = :m", NULL, 0, values, 1};
    const ses_dynamodb_expression condition = {
        "attribute_not_exists(first_month) OR first_month > :m", NULL, 0, values, 1};
    ses_status status;
    return ses_dynamodb_update_item(b->client, b->table, key, 2, &update, &condition, &status) !=
               SES_DYNAMODB_FAILED ||
           ddb_fail(b, "cannot record the history's first month", &status, error, error_size);
}

static bool ddb_import_plan_write(ledger_backend *b, const ledger_import_plan *plan,
                                  ledger_import_plan *out, char *error, size_t error_size)
{
    char pk[sizeof b->import_source + 16];
    ddb_import_run_pk(b, pk, sizeof pk);
    ddb_import_item it = {0};
    ddb_import_text(&it, "pk", pk);
    ddb_import_text(&it, "sk", "run");
    ddb_import_text(&it, "deliveries", plan->keeps_delivery_ids ? "kept" : "renumbered");
    ddb_import_text(&it, "batches", plan->keeps_batch_ids ? "kept" : "renumbered");
    ddb_import_number(&it, "started_at", (int64_t)time(NULL));
    ddb_import_text(&it, "host", b->host);
    ddb_import_text(&it, "migrated_from", b->import_source);
    bool fresh = false, ok = ddb_import_put(b, &it, "cannot record the migration", &fresh, error,
                                            error_size);
    ddb_import_free(&it);
    *out = *plan;
    /* another run of the same source recorded its plan first: that one holds */
    bool found = true;
    return ok && (fresh || ddb_import_plan_read(b, out, &found, error, error_size));
}

bool ddb_op_import_begin(ledger_backend *b, const char *source, int64_t max_delivery,
                         int64_t max_batch, time_t oldest, ledger_import_plan *plan, char *error,
                         size_t error_size)
{
    memset(plan, 0, sizeof *plan);
    snprintf(b->import_source, sizeof b->import_source, "%s", source);
    b->import_batch_from = b->import_batch_to = 0;
    bool found = false;
    if (!ddb_import_plan_read(b, plan, &found, error, error_size))
        return false;
    char month[16];
    ddb_month(oldest, month, sizeof month);
    ledger_import_plan chosen = {false, false};
    if (!found && (!ddb_import_counter(b, "delivery", max_delivery, month,
                                       &chosen.keeps_delivery_ids, error, error_size) ||
                   !ddb_import_counter(b, "batch", max_batch, NULL, &chosen.keeps_batch_ids,
                                       error, error_size) ||
                   !ddb_import_plan_write(b, &chosen, plan, error, error_size)))
        return false;
    b->import_plan = *plan;
    return plan->keeps_delivery_ids || ddb_import_first_month(b, month, error, error_size);
}

/* ---- one delivery ---- */

static void ddb_import_map_sk(const char *kind, int64_t old_id, char *out, size_t out_size)
{
    snprintf(out, out_size, "%s#%010" PRId64, kind, old_id);
}

/* The id here of the source's `kind` ("delivery", "batch") `old_id`:
 * *found false when none was given yet. */
static bool ddb_import_mapped(ledger_backend *b, const char *kind, int64_t old_id, int64_t *id,
                              bool *found, char *error, size_t error_size)
{
    char pk[sizeof b->import_source + 16], sk[48];
    ddb_import_run_pk(b, pk, sizeof pk);
    ddb_import_map_sk(kind, old_id, sk, sizeof sk);
    ses_dynamodb_item item;
    if (!ddb_get(b, pk, sk, &item, found, error, error_size))
        return false;
    if (*found) {
        *id = ddb_item_number(&item, "id");
        ses_dynamodb_item_free(&item);
    }
    return true;
}

/* The id `old_id` gets here: itself when the ids are kept, else the one
 * mapped at an earlier run, else a new one from the counter, mapped
 * before anything uses it. */
static bool ddb_import_id(ledger_backend *b, const char *kind, int64_t old_id, bool keeps,
                          const char *month, int64_t *id, char *error, size_t error_size)
{
    *id = old_id;
    bool found = false;
    if (keeps)
        return true;
    if (!ddb_import_mapped(b, kind, old_id, id, &found, error, error_size))
        return false;
    if (found)
        return true;
    if (!ddb_counter_next(b, kind, month, id, error, error_size))
        return false;
    char pk[sizeof b->import_source + 16], sk[48], mine[sizeof b->import_source + 48];
    ddb_import_run_pk(b, pk, sizeof pk);
    ddb_import_map_sk(kind, old_id, sk, sizeof sk);
    snprintf(mine, sizeof mine, "%s#%s", b->import_source, sk);
    ddb_import_item it = {0};
    ddb_import_text(&it, "pk", pk);
    ddb_import_text(&it, "sk", sk);
    ddb_import_number(&it, "id", *id);
    ddb_import_text(&it, "migrated_from", mine);
    bool fresh = false;
    bool ok = ddb_import_put(b, &it, "cannot map an id", &fresh, error, error_size);
    ddb_import_free(&it);
    /* mapped meanwhile (a retried put that met itself): that id holds, this one is skipped */
    return ok && (fresh || ddb_import_mapped(b, kind, old_id, id, &found, error, error_size));
}

static bool ddb_import_batch(ledger_backend *b, const ledger_batch_info *batch, int64_t *id,
                             char *error, size_t error_size)
{
    if (b->import_batch_from == batch->id) {
        *id = b->import_batch_to;
        return true;
    }
    if (!ddb_import_id(b, "batch", batch->id, b->import_plan.keeps_batch_ids, NULL, id, error,
                       error_size))
        return false;
    char pk[48], mine[sizeof b->import_source + 48];
    snprintf(pk, sizeof pk, "batch#%" PRId64, *id);
    snprintf(mine, sizeof mine, "%s#batch#%" PRId64, b->import_source, batch->id);
    ddb_import_item it = {0};
    ddb_import_text(&it, "pk", pk);
    ddb_import_text(&it, "sk", "batch");
    ddb_import_number(&it, "created_at", (int64_t)batch->created_at);
    ddb_import_text(&it, "note", batch->note);
    ddb_import_text(&it, "migrated_from", mine);
    bool fresh = false;
    bool ok = ddb_import_put(b, &it, "cannot copy a batch", &fresh, error, error_size);
    ddb_import_free(&it);
    if (ok) {
        b->import_batch_from = batch->id;
        b->import_batch_to = *id;
    }
    return ok;
}

/* Which of its report's days a delivery holds (docs/ledger.md, the day
 * claim): a non-test one SES has, or may have. */
static bool ddb_import_holds_day(const ledger_delivery *d)
{
    return !d->test && (d->state == DELIVERY_SENT || d->state == DELIVERY_UNKNOWN);
}

static void ddb_import_day(time_t when, char *out, size_t out_size)
{
    struct tm tm;
    gmtime_r(&when, &tm);
    strftime(out, out_size, "%Y-%m-%d", &tm);
}

static void ddb_import_recipients(ddb_import_item *it, const ledger_import_item *item)
{
    size_t count = item->recipient_count < DDB_MAX_RECIPIENTS ? item->recipient_count
                                                               : DDB_MAX_RECIPIENTS;
    for (size_t i = 0; i < count; i++) {
        const ledger_recipient *r = &item->recipients[i];
        char name[32];
        ddb_recipient_attr(i, "address", name, sizeof name);
        ddb_import_text(it, name, r->address);
        ddb_recipient_attr(i, "kind", name, sizeof name);
        ddb_import_text(it, name, r->kind);
        ddb_recipient_attr(i, "outcome", name, sizeof name);
        ddb_import_text(it, name, ledger_outcome_name(r->outcome));
        ddb_recipient_attr(i, "at", name, sizeof name);
        ddb_import_number(it, name, (int64_t)r->at);
        ddb_recipient_attr(i, "detail", name, sizeof name);
        ddb_import_text(it, name, r->detail);
        ddb_recipient_attr(i, "opens", name, sizeof name);
        ddb_import_number(it, name, r->opens);
        ddb_recipient_attr(i, "clicks", name, sizeof name);
        ddb_import_number(it, name, r->clicks);
    }
    if (count)
        ddb_import_number(it, "r_count", (int64_t)count);
}

/* The delivery item: every column as the source holds it, under its id here. */
static void ddb_import_delivery_item(const ledger_backend *b, const ledger_import_item *item,
                                     int64_t id, int64_t batch, int64_t resend_of,
                                     const char *pk, const char *sk, ddb_import_item *it)
{
    const ledger_delivery *d = item->delivery;
    char month[16], day[16], mine[sizeof b->import_source + 32];
    ddb_month(d->created_at, month, sizeof month);
    ddb_import_day(d->created_at, day, sizeof day);
    snprintf(mine, sizeof mine, "%s#%" PRId64, b->import_source, d->id);
    ddb_import_text(it, "pk", pk);
    ddb_import_text(it, "sk", sk);
    ddb_import_number(it, "id", id);
    ddb_import_text(it, "persona", d->persona);
    ddb_import_text(it, "scope", d->scope);
    ddb_import_text(it, "state", ledger_state_name(d->state));
    ddb_import_number(it, "attempts", d->attempts);
    ddb_import_number(it, "created_at", (int64_t)d->created_at);
    ddb_import_number(it, "updated_at", (int64_t)d->updated_at);
    ddb_import_number(it, "size_bytes", d->size_bytes);
    ddb_import_number(it, "test", d->test ? 1 : 0);
    ddb_import_text(it, "host", d->host);
    ddb_import_text(it, "month", month);
    if (batch > 0) {
        char text[24];
        snprintf(text, sizeof text, "%" PRId64, batch);
        ddb_import_text(it, "batch", text); /* by_batch's key: a string, as add_delivery's */
    }
    if (resend_of > 0)
        ddb_import_number(it, "resend_of", resend_of);
    ddb_import_text(it, "subject", d->subject);
    ddb_import_text(it, "from", d->from_address);
    ddb_import_text(it, "to", d->to_addresses);
    ddb_import_text(it, "cc", d->cc_addresses);
    ddb_import_text(it, "bcc", d->bcc_addresses);
    ddb_import_text(it, "message_sha256", d->message_sha256);
    ddb_import_text(it, "archive", d->archive_path);
    ddb_import_text(it, "message_id", d->message_id);
    ddb_import_text(it, "request_id", d->request_id);
    ddb_import_text(it, "error_code", d->error_code);
    ddb_import_text(it, "error_message", d->error_message);
    if (ddb_import_holds_day(d))
        ddb_import_text(it, "claim_day", day);
    ddb_import_text(it, "migrated_from", mine);
    ddb_import_recipients(it, item);
}

/* The day claim of a delivery that holds its day, unless another holds it. */
static bool ddb_import_claim(ledger_backend *b, const ledger_delivery *d, int64_t id,
                             const char *pk, const char *sk, char *error, size_t error_size)
{
    if (!ddb_import_holds_day(d))
        return true;
    char day[16], day_sk[32];
    ddb_import_day(d->created_at, day, sizeof day);
    snprintf(day_sk, sizeof day_sk, "day#%s", day);
    ddb_import_item it = {0};
    ddb_import_text(&it, "pk", pk);
    ddb_import_text(&it, "sk", day_sk);
    ddb_import_number(&it, "delivery", id);
    ddb_import_text(&it, "delivery_sk", sk);
    ddb_import_text(&it, "state", ledger_state_name(d->state));
    ddb_import_text(&it, "host", d->host);
    ddb_import_number(&it, "claimed_at", (int64_t)d->created_at);
    ddb_import_number(&it, "updated_at", (int64_t)d->updated_at);
    return ddb_import_put_if_absent(b, &it, "cannot copy a day claim", error, error_size);
}

/* The applied events' items: an event read again is then a duplicate here too. */
static bool ddb_import_events(ledger_backend *b, const ledger_import_item *item, int64_t id,
                              char *error, size_t error_size)
{
    bool ok = true;
    for (size_t i = 0; ok && i < item->event_count; i++) {
        const ledger_applied_event *e = &item->events[i];
        char pk[80];
        snprintf(pk, sizeof pk, "event#%s", e->key);
        ddb_import_item it = {0};
        ddb_import_text(&it, "pk", pk);
        ddb_import_text(&it, "sk", "event");
        ddb_import_number(&it, "delivery", id);
        ddb_import_text(&it, "event_type", e->event_type);
        ddb_import_number(&it, "at", (int64_t)e->at);
        ddb_import_number(&it, "applied_at", (int64_t)e->applied_at);
        ddb_import_text(&it, "message_id", e->message_id);
        ok = ddb_import_put_if_absent(b, &it, "cannot copy an applied event", error, error_size);
    }
    return ok;
}

static bool ddb_import_flags(ledger_backend *b, const ledger_import_item *item, int64_t id,
                             char *error, size_t error_size)
{
    bool ok = true;
    for (size_t i = 0; ok && i < item->recipient_count; i++) {
        const ledger_recipient *r = &item->recipients[i];
        if (ddb_touches_flag(r->outcome, r->detail))
            ok = ddb_write_flag(b, r->address, r->outcome, r->at, id, r->detail, error,
                                error_size);
    }
    return ok;
}

/* The ids the delivery points at, mapped: its batch and its original. */
static bool ddb_import_links(ledger_backend *b, const ledger_import_item *item, int64_t *batch,
                             int64_t *resend_of, char *error, size_t error_size)
{
    const ledger_delivery *d = item->delivery;
    *batch = 0;
    *resend_of = d->resend_of;
    if (item->batch && !ddb_import_batch(b, item->batch, batch, error, error_size))
        return false;
    if (d->resend_of <= 0 || b->import_plan.keeps_delivery_ids)
        return true;
    bool found = false;
    if (!ddb_import_mapped(b, "delivery", d->resend_of, resend_of, &found, error, error_size))
        return false;
    if (!found)
        snprintf(error, error_size, "%s: delivery %" PRId64 " resends %" PRId64
                 ", which is not copied yet (copy oldest first)", b->where, d->id, d->resend_of);
    return found;
}

bool ddb_op_import_delivery(ledger_backend *b, const ledger_import_item *item, int64_t *id,
                            bool *copied, char *error, size_t error_size)
{
    const ledger_delivery *d = item->delivery;
    *copied = false;
    char month[16], pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE], pointer[48];
    ddb_month(d->created_at, month, sizeof month);
    int64_t batch = 0, resend_of = 0;
    if (!ddb_import_id(b, "delivery", d->id, b->import_plan.keeps_delivery_ids, month, id, error,
                       error_size) ||
        !ddb_import_links(b, item, &batch, &resend_of, error, error_size))
        return false;
    ddb_report_pk(d->persona, d->scope, pk, sizeof pk);
    ddb_delivery_sk(d->created_at, 0, *id, sk, sizeof sk);
    snprintf(pointer, sizeof pointer, "id#%" PRId64, *id);
    char mine[sizeof b->import_source + 32];
    snprintf(mine, sizeof mine, "%s#%" PRId64, b->import_source, d->id);
    ddb_import_item it = {0};
    ddb_import_text(&it, "pk", pointer);
    ddb_import_text(&it, "sk", "id");
    ddb_import_text(&it, "delivery_pk", pk);
    ddb_import_text(&it, "delivery_sk", sk);
    ddb_import_text(&it, "migrated_from", mine);
    bool fresh = false;
    bool ok = ddb_import_put(b, &it, "cannot record a delivery's id", &fresh, error, error_size);
    ddb_import_free(&it);
    if (ok) {
        ddb_import_delivery_item(b, item, *id, batch, resend_of, pk, sk, &it);
        ok = ddb_import_put(b, &it, "cannot copy a delivery", copied, error, error_size);
        ddb_import_free(&it);
        if (ok && *copied) /* the writers' counts (ddb_counts.c) take the copy in */
            ddb_count_move(b, NULL, d->state);
    }
    /* put again on every run: a run killed after the delivery left them out */
    ok = ok && ddb_import_events(b, item, *id, error, error_size) &&
         ddb_import_claim(b, d, *id, pk, sk, error, error_size) &&
         ddb_import_flags(b, item, *id, error, error_size);
    if (ok)
        ddb_remember_key(b, *id, pk, sk);
    return ok;
}

/* ---- the table as a source: what a second migration would read ---- */

bool ddb_op_batch_get(ledger_backend *b, int64_t id, ledger_batch_info *out, bool *found,
                      char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    char pk[48];
    snprintf(pk, sizeof pk, "batch#%" PRId64, id);
    ses_dynamodb_item item;
    if (!ddb_get(b, pk, "batch", &item, found, error, error_size))
        return false;
    if (*found) {
        const char *note = ses_dynamodb_item_get(&item, "note");
        out->id = id;
        out->created_at = (time_t)ddb_item_number(&item, "created_at");
        out->note = note ? strdup(note) : NULL;
        ses_dynamodb_item_free(&item);
    }
    return true;
}

bool ddb_op_applied_events(ledger_backend *b, int64_t id, ledger_applied_event **out,
                           size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    snprintf(error, error_size,
             "%s: the applied events are kept by key, not by delivery: delivery %" PRId64
             "'s cannot be listed", b->where, id);
    return false;
}
