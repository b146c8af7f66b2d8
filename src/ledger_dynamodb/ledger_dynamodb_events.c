/* ledger_dynamodb_events: SES's events applied to the deliveries of the
 * table, kept-aside messages, and the addresses SES flagged.
 *
 * As SQLite's ledger_apply_event, without a transaction spanning items:
 *  - an event whose key has an item (pk "event#<sha256>") was applied;
 *  - its recipients' outcomes move in one UpdateItem of the delivery item,
 *    on the condition that each moved outcome is still one
 *    ledger_outcome_may_become() lets become the new one, and that no
 *    recipient was added meanwhile (r_count); a refused condition (another
 *    machine applied an event to it meanwhile) reads the item again;
 *  - then the event's item is put. A crash between the two applies the
 *    event again next time: outcomes do not move twice (the table), an
 *    open or a click may count twice.
 * A permanent bounce or a complaint also writes the address's flag item
 * (pk "address#<bare, lower-cased>"), latest first, for address_flags; a
 * delivery SES reports Delivered writes the same item's `delivered_at`,
 * which clears a flag older than it (docs/sending.md, step 4).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/digest.h"
#include "briefing/mime.h"
#include "ledger_dynamodb/ddb_internal.h"

enum { DDB_EVENT_TRIES = 8 };

/* ---- kept aside ----
 *
 * One partition, pk "kept", sk the body's SHA-256: the same body is kept
 * once (attribute_not_exists), and every one is listed by one Query. The
 * id comes from the counter before the put, so a duplicate skips one. */

bool ddb_op_keep_aside(ledger_backend *b, const char *body, const char *reason, bool *duplicate,
                       char *error, size_t error_size)
{
    char sha256[65], now[24], id_text[24];
    int64_t id;
    if (!ddb_counter_next(b, "kept_aside", NULL, &id, error, error_size))
        return false;
    digest_sha256_hex(body, strlen(body), sha256);
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    const ses_dynamodb_attr item[] = {{"pk", 'S', "kept"},     {"sk", 'S', sha256},
                                      {"id", 'N', id_text},    {"reason", 'S', reason},
                                      {"body", 'S', body},     {"kept_at", 'N', now},
                                      {"host", 'S', b->host}};
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    ses_dynamodb_result result =
        ses_dynamodb_put_item(b->client, b->table, item, 7, &condition, &status);
    if (result == SES_DYNAMODB_FAILED)
        return ddb_fail(b, "cannot keep an event aside", &status, error, error_size);
    /* a retried put that met its own first attempt kept it: not a duplicate */
    *duplicate = result == SES_DYNAMODB_CONDITION_FAILED && status.attempts == 1;
    return true;
}

/* Calls `each` with every kept-aside item; false with a message. */
static bool ddb_each_kept(ledger_backend *b, void (*each)(void *context, const ses_dynamodb_item *),
                          void *context, char *error, size_t error_size)
{
    const ses_dynamodb_attr names[] = {{"#k", 'S', "pk"}};
    const ses_dynamodb_attr values[] = {{":v", 'S', "kept"}};
    ses_dynamodb_query_spec spec = {b->table, NULL, {"#k = :v", names, 1, values, 1},
                                    b->page_size, false, NULL};
    char *cursor = NULL;
    do {
        ses_dynamodb_page page;
        ses_status status;
        spec.start = cursor;
        if (!ses_dynamodb_query(b->client, &spec, &page, &status)) {
            free(cursor);
            return ddb_fail(b, "cannot read the kept-aside events", &status, error, error_size);
        }
        for (size_t i = 0; i < page.count; i++)
            each(context, &page.items[i]);
        free(cursor);
        cursor = page.next;
        page.next = NULL;
        ses_dynamodb_page_free(&page);
    } while (cursor);
    return true;
}

static void ddb_count_one(void *context, const ses_dynamodb_item *item)
{
    (void)item;
    (*(int64_t *)context)++;
}

int64_t ddb_op_kept_aside_count(ledger_backend *b)
{
    int64_t count = 0;
    char ignored[256];
    return ddb_each_kept(b, ddb_count_one, &count, ignored, sizeof ignored) ? count : 0;
}

typedef struct {
    ledger_kept_aside_entry *entries;
    size_t count, capacity;
} ddb_kept_list;

/* The first `limit` UTF-8 characters of `text`, copied. */
static char *ddb_first_characters(const char *text, size_t limit)
{
    size_t bytes = 0, characters = 0;
    while (text[bytes] && characters < limit) {
        bytes++;
        while (((unsigned char)text[bytes] & 0xC0) == 0x80)
            bytes++; /* a continuation byte belongs to the character before */
        characters++;
    }
    return strndup(text, bytes);
}

static void ddb_kept_add(void *context, const ses_dynamodb_item *item)
{
    ddb_kept_list *list = context;
    if (list->count == list->capacity) {
        size_t grown = list->capacity ? list->capacity * 2 : 16;
        ledger_kept_aside_entry *bigger = realloc(list->entries, grown * sizeof *bigger);
        if (!bigger) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        list->entries = bigger;
        list->capacity = grown;
    }
    const char *reason = ses_dynamodb_item_get(item, "reason");
    const char *body = ses_dynamodb_item_get(item, "body");
    list->entries[list->count++] = (ledger_kept_aside_entry){
        ddb_item_number(item, "id"), (time_t)ddb_item_number(item, "kept_at"),
        strdup(reason ? reason : ""),
        ddb_first_characters(body ? body : "", LEDGER_KEPT_ASIDE_BODY_START)};
}

static int ddb_kept_order(const void *a, const void *b)
{
    int64_t x = ((const ledger_kept_aside_entry *)a)->id;
    int64_t y = ((const ledger_kept_aside_entry *)b)->id;
    return (x > y) - (x < y);
}

bool ddb_op_kept_aside_list(ledger_backend *b, ledger_kept_aside_entry **out, size_t *count,
                            char *error, size_t error_size)
{
    ddb_kept_list list = {NULL, 0, 0};
    bool ok = ddb_each_kept(b, ddb_kept_add, &list, error, error_size);
    if (!ok) {
        ledger_kept_aside_free(list.entries, list.count);
        list.entries = NULL;
        list.count = 0;
    }
    if (list.count)
        qsort(list.entries, list.count, sizeof *list.entries, ddb_kept_order); /* as kept */
    *out = list.entries;
    *count = list.count;
    return ok;
}

/* ---- address flags ---- */

static void ddb_flag_pk(const char *address, char *out, size_t out_size)
{
    int used = snprintf(out, out_size, "address#");
    for (size_t i = 0; address[i] && (size_t)used + 1 < out_size; i++)
        out[used++] = (char)tolower((unsigned char)address[i]);
    out[used] = '\0';
}

bool ddb_is_flag(recipient_outcome outcome, const char *detail)
{
    return outcome == OUTCOME_COMPLAINED ||
           (outcome == OUTCOME_BOUNCED && detail && strncmp(detail, "Permanent", 9) == 0);
}

/* Whether `outcome` with `detail` changes its address's flag item: a flag
 * (ddb_is_flag), or a delivery SES reported Delivered, which may clear one. */
bool ddb_touches_flag(recipient_outcome outcome, const char *detail)
{
    return outcome == OUTCOME_DELIVERED || ddb_is_flag(outcome, detail);
}

/* The flag item of `address`, each of its two parts only moved forward in
 * time, so events applied out of order leave the latest of each: a flag
 * (outcome, at, delivery, detail) unless a later one is there; a Delivered
 * (delivered_at) unless a later one is there. UpdateItem, not PutItem: one
 * part must not erase the other. */
bool ddb_write_flag(ledger_backend *b, const char *address, recipient_outcome outcome,
                    time_t at, int64_t delivery, const char *detail, char *error,
                    size_t error_size)
{
    char pk[DDB_KEY_SIZE + 16], at_text[24], delivery_text[24];
    ddb_flag_pk(address, pk, sizeof pk);
    snprintf(at_text, sizeof at_text, "%lld", (long long)at);
    snprintf(delivery_text, sizeof delivery_text, "%" PRId64, delivery);
    bool delivered = outcome == OUTCOME_DELIVERED;
    bool has_detail = detail && *detail;
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', "flag"}};
    const ses_dynamodb_attr names[] = {{"#at", 'S', delivered ? "delivered_at" : "at"},
                                       {"#address", 'S', "address"},
                                       {"#outcome", 'S', "outcome"},
                                       {"#delivery", 'S', "delivery"},
                                       {"#detail", 'S', "detail"}};
    const ses_dynamodb_attr values[] = {{":at", 'N', at_text},
                                        {":address", 'S', address},
                                        {":outcome", 'S', ledger_outcome_name(outcome)},
                                        {":delivery", 'N', delivery_text},
                                        {":detail", 'S', has_detail ? detail : ""}};
    const char *text = delivered ? "SET #at = :at, #address = :address"
                       : has_detail
                           ? "SET #at = :at, #address = :address, #outcome = :outcome, "
                             "#delivery = :delivery, #detail = :detail"
                           : "SET #at = :at, #address = :address, #outcome = :outcome, "
                             "#delivery = :delivery REMOVE #detail";
    size_t value_count = delivered ? 2 : has_detail ? 5 : 4;
    const ses_dynamodb_expression update = {text, names, delivered ? 2 : 5, values, value_count};
    /* A Delivered at the flag's own second says nothing of after it: `<`;
     * two flags of one second, the one applied last: `<=`. */
    const ses_dynamodb_expression condition = {
        delivered ? "attribute_not_exists(#at) OR #at < :at"
                  : "attribute_not_exists(#at) OR #at <= :at",
        names, 1, values, 1};
    ses_status status;
    ses_dynamodb_result result =
        ses_dynamodb_update_item(b->client, b->table, key, 2, &update, &condition, &status);
    return result != SES_DYNAMODB_FAILED ||
           ddb_fail(b, "cannot flag an address", &status, error, error_size);
}

bool ddb_op_address_flags(ledger_backend *b, const char *addresses, ledger_address_flag **out,
                          size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    char **entries;
    size_t n = mime_address_split(addresses, &entries);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        strbuf bare = STRBUF_INIT;
        mime_address_bare(entries[i], &bare);
        char pk[DDB_KEY_SIZE + 16];
        ddb_flag_pk(strbuf_cstr(&bare), pk, sizeof pk);
        ses_dynamodb_item item;
        bool found = false;
        ok = ddb_get(b, pk, "flag", &item, &found, error, error_size);
        /* an item with only `delivered_at` holds no flag */
        bool flagged = ok && found && ses_dynamodb_item_get(&item, "outcome") &&
                       !(ddb_item_number(&item, "delivered_at") > ddb_item_number(&item, "at"));
        if (ok && found && !flagged)
            ses_dynamodb_item_free(&item);
        if (flagged) {
            ledger_address_flag *grown = realloc(*out, (*count + 1) * sizeof *grown);
            if (!grown) {
                fputs("briefing: out of memory\n", stderr);
                abort();
            }
            *out = grown;
            ledger_address_flag *f = &grown[(*count)++];
            memset(f, 0, sizeof *f);
            snprintf(f->address, sizeof f->address, "%s", strbuf_cstr(&bare));
            if (!ledger_outcome_from_name(ses_dynamodb_item_get(&item, "outcome"), &f->outcome))
                f->outcome = OUTCOME_BOUNCED; /* only the two are written */
            f->at = (time_t)ddb_item_number(&item, "at");
            f->delivery_id = ddb_item_number(&item, "delivery");
            const char *detail = ses_dynamodb_item_get(&item, "detail");
            snprintf(f->detail, sizeof f->detail, "%s", detail ? detail : "");
            ses_dynamodb_item_free(&item);
        }
        strbuf_free(&bare);
    }
    mime_address_list_free(entries, n);
    if (!ok) {
        free(*out);
        *out = NULL;
        *count = 0;
    }
    return ok;
}

/* ---- finding the delivery ---- */

typedef enum {
    TARGET_FOUND,            /* a delivery with its MessageId */
    TARGET_RESOLVES_UNKNOWN, /* an `unknown` delivery its Send/Delivery resolves */
    TARGET_LATER,            /* its delivery is sending, or unknown awaiting its Send */
    TARGET_NONE,             /* keep aside */
} ddb_target_kind;

/* The delivery whose message_id is the event's (index by_message_id). */
static bool ddb_find_by_message_id(ledger_backend *b, const char *message_id, int64_t *id,
                                   char *error, size_t error_size)
{
    *id = 0;
    const ses_dynamodb_attr names[] = {{"#k", 'S', "message_id"}};
    const ses_dynamodb_attr values[] = {{":v", 'S', message_id}};
    ses_dynamodb_query_spec spec = {b->table, "by_message_id", {"#k = :v", names, 1, values, 1},
                                    0, false, NULL};
    ses_dynamodb_page page;
    ses_status status;
    if (!message_id || !*message_id)
        return true;
    if (!ses_dynamodb_query(b->client, &spec, &page, &status))
        return ddb_fail(b, "cannot look up a delivery", &status, error, error_size);
    for (size_t i = 0; i < page.count; i++) {
        int64_t found = ddb_item_number(&page.items[i], "id");
        if (found > *id)
            *id = found;
    }
    ses_dynamodb_page_free(&page);
    return true;
}

static bool ddb_find_target(ledger_backend *b, const ledger_event *event, ddb_target_kind *kind,
                            int64_t *id, char *why, size_t why_size, char *error,
                            size_t error_size)
{
    *kind = TARGET_FOUND;
    if (!ddb_find_by_message_id(b, event->message_id, id, error, error_size))
        return false;
    if (*id)
        return true;
    /* The header's delivery, only when the report is the one it names too:
     * two installations may share a queue, and their ids overlap. */
    ledger_delivery named = {0};
    bool found = false;
    if (event->header_delivery > 0 && event->header_report) {
        char ignored[256], report[160];
        found = ddb_op_get(b, event->header_delivery, &named, ignored, sizeof ignored);
        snprintf(report, sizeof report, "%s/%s", named.persona, named.scope);
        if (found && strcmp(report, event->header_report) != 0) {
            ledger_delivery_clear(&named);
            found = false;
        }
    }
    *id = found ? named.id : 0;
    bool unknown = found && named.state == DELIVERY_UNKNOWN;
    if (unknown && ledger_event_effect_of(event->type)->resolves_unknown) {
        *kind = TARGET_RESOLVES_UNKNOWN;
    } else if (found && (unknown || named.state == DELIVERY_SENDING)) {
        *kind = TARGET_LATER;
        snprintf(why, why_size, "delivery %" PRId64 " is %s: its %s event waits in the queue",
                 named.id, ledger_state_name(named.state), ledger_event_type_name(event->type));
    } else {
        *kind = TARGET_NONE;
        if (found)
            snprintf(why, why_size,
                     "no delivery has MessageId %s (X-Briefing-Delivery %" PRId64 " is %s)",
                     event->message_id, named.id, ledger_state_name(named.state));
        else
            snprintf(why, why_size, "no delivery has MessageId %s", event->message_id);
    }
    ledger_delivery_clear(&named);
    return true;
}

/* `unknown` → `sent`: SES's own event carries the MessageId the lost
 * answer would have. Guarded by the state, like every transition. */
static bool ddb_resolve_unknown(ledger_backend *b, int64_t id, const ledger_event *event,
                                char *error, size_t error_size)
{
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    ddb_changes changes = DDB_CHANGES_INIT;
    ddb_changes_text(&changes, "message_id", event->message_id);
    ddb_changes_text(&changes, "error_code", NULL);
    ddb_changes_text(&changes, "error_message", NULL);
    ddb_recipients_sent(&item, event->at, &changes);
    const ses_dynamodb_attr names[] = {{"#state", 'S', "state"}};
    const ses_dynamodb_attr values[] = {{":unknown", 'S', ledger_state_name(DELIVERY_UNKNOWN)}};
    const ses_dynamodb_expression condition = {"#state = :unknown", names, 1, values, 1};
    ses_status status;
    ses_dynamodb_result result = ddb_move(b, pk, sk, DELIVERY_SENT, &changes, &condition, &status);
    ddb_changes_free(&changes);
    if (result == SES_DYNAMODB_DONE) {
        ddb_mirror_claim(b, &item, DELIVERY_SENT);
        ddb_count_move(b, ses_dynamodb_item_get(&item, "state"), DELIVERY_SENT);
    }
    ses_dynamodb_item_free(&item);
    if (result == SES_DYNAMODB_FAILED)
        return ddb_fail(b, "cannot resolve an unknown delivery", &status, error, error_size);
    if (result == SES_DYNAMODB_CONDITION_FAILED) {
        snprintf(error, error_size, "%s: delivery %" PRId64 " is no longer unknown", b->where,
                 id);
        return false;
    }
    return true;
}

/* ---- applying it ---- */

typedef struct {
    ddb_changes changes;
    strbuf condition;
    ses_dynamodb_attr values[OUTCOME_COUNT + 1];
    size_t value_count;
    size_t outcomes_first;      /* where the outcome values start in `values` */
    char count_text[24];
} ddb_event_write;

/* The outcomes that may become `to`, as ":o0, :o1..." values, once: a
 * value no condition uses is refused by DynamoDB. */
static void ddb_outcomes_toward(ddb_event_write *w, recipient_outcome to)
{
    static const char *const placeholders[OUTCOME_COUNT] = {":o0", ":o1", ":o2",
                                                            ":o3", ":o4", ":o5"};
    if (w->outcomes_first < w->value_count)
        return;
    size_t k = 0;
    for (int from = 0; from < OUTCOME_COUNT; from++)
        if (ledger_outcome_may_become((recipient_outcome)from, to))
            w->values[w->value_count++] = (ses_dynamodb_attr){
                placeholders[k++], 'S', ledger_outcome_name((recipient_outcome)from)};
}

/* The changes one event makes to the recipients of `item`; the address
 * flag items to write (a flag, or a Delivered) are marked in `flag_writes`
 * (indexes into the event's recipients). */
static void ddb_event_changes(const ses_dynamodb_item *item, const ledger_event *event,
                              ddb_event_write *w, bool *flag_writes)
{
    size_t count = ddb_item_recipient_count(item);
    const ledger_event_effect *effect = ledger_event_effect_of(event->type);
    recipient_outcome to = effect->outcome;
    bool moves = effect->moves;
    const char *counter = effect->counter;
    for (size_t i = 0; i < event->recipient_count; i++) {
        const ledger_event_recipient *r = &event->recipients[i];
        const char *detail = r->detail ? r->detail : event->detail;
        char name[32];
        long index = ddb_item_recipient_index(item, r->address);
        recipient_outcome from = OUTCOME_SENT;
        if (index < 0) { /* an address SES names that the delivery has no row for */
            index = (long)count++;
            ddb_recipient_attr((size_t)index, "address", name, sizeof name);
            ddb_changes_text(&w->changes, name, r->address);
            ddb_recipient_attr((size_t)index, "kind", name, sizeof name);
            ddb_changes_text(&w->changes, name, "event");
        } else {
            ddb_recipient_attr((size_t)index, "outcome", name, sizeof name);
            ledger_outcome_from_name(ses_dynamodb_item_get(item, name), &from);
        }
        bool moved = moves && ledger_outcome_may_become(from, to);
        bool fresh = index >= (long)ddb_item_recipient_count(item);
        if (fresh || moved) {
            ddb_recipient_attr((size_t)index, "outcome", name, sizeof name);
            ddb_changes_text(&w->changes, name, ledger_outcome_name(moved ? to : OUTCOME_SENT));
            ddb_recipient_attr((size_t)index, "at", name, sizeof name);
            ddb_changes_number(&w->changes, name, (int64_t)event->at);
        }
        if (moved && !fresh) {
            ddb_outcomes_toward(w, to);
            strbuf_printf(&w->condition, " AND #o%ld IN (", index);
            for (size_t v = w->outcomes_first; v < w->value_count; v++)
                strbuf_printf(&w->condition, "%s%s", v > w->outcomes_first ? ", " : "",
                              w->values[v].name);
            strbuf_puts(&w->condition, ")");
        }
        if (moved) {
            ddb_recipient_attr((size_t)index, "detail", name, sizeof name);
            ddb_changes_text(&w->changes, name, detail);
        }
        if (counter) {
            ddb_recipient_attr((size_t)index, counter, name, sizeof name);
            if (fresh)
                ddb_changes_number(&w->changes, name, 1);
            else
                ddb_changes_increment(&w->changes, name);
        }
        flag_writes[i] = moved && ddb_touches_flag(to, detail);
    }
    ddb_changes_number(&w->changes, "r_count", (int64_t)count);
}

/* One try: read the delivery, write its recipients' changes on the
 * condition that nothing moved meanwhile. */
static ses_dynamodb_result ddb_apply_once(ledger_backend *b, int64_t id, const ledger_event *event,
                                          bool *flag_writes, char *error, size_t error_size)
{
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return SES_DYNAMODB_FAILED;
    ddb_event_write w = {DDB_CHANGES_INIT, STRBUF_INIT, {{0}}, 0, 0, ""};
    size_t known = ddb_item_recipient_count(&item);
    snprintf(w.count_text, sizeof w.count_text, "%zu", known);
    strbuf_puts(&w.condition, known ? "r_count = :known" : "attribute_not_exists(r_count)");
    if (known)
        w.values[w.value_count++] = (ses_dynamodb_attr){":known", 'N', w.count_text};
    w.outcomes_first = w.value_count;
    ddb_event_changes(&item, event, &w, flag_writes);
    /* the condition's outcome names: #o<i> for r<i>_outcome */
    ses_dynamodb_attr names[DDB_MAX_RECIPIENTS];
    char name_text[DDB_MAX_RECIPIENTS][2][32];
    size_t name_count = 0;
    for (size_t i = 0; i < known && i < DDB_MAX_RECIPIENTS; i++) {
        snprintf(name_text[name_count][0], 32, "#o%zu", i);
        char needle[40];
        snprintf(needle, sizeof needle, "%s ", name_text[name_count][0]);
        if (!strstr(strbuf_cstr(&w.condition), needle))
            continue;
        ddb_recipient_attr(i, "outcome", name_text[name_count][1], 32);
        names[name_count] = (ses_dynamodb_attr){name_text[name_count][0], 'S',
                                                name_text[name_count][1]};
        name_count++;
    }
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "SET %s%s%s", strbuf_cstr(&w.changes.set) + 2,
                  w.changes.remove.len ? " REMOVE " : "",
                  w.changes.remove.len ? strbuf_cstr(&w.changes.remove) + 2 : "");
    const ses_dynamodb_expression update = {strbuf_cstr(&text), w.changes.names,
                                            w.changes.name_count, w.changes.values,
                                            w.changes.value_count};
    const ses_dynamodb_expression condition = {strbuf_cstr(&w.condition), names, name_count,
                                               w.values, w.value_count};
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', sk}};
    ses_status status;
    ses_dynamodb_result result =
        ses_dynamodb_update_item(b->client, b->table, key, 2, &update, &condition, &status);
    if (result == SES_DYNAMODB_FAILED)
        ddb_fail(b, "cannot record an outcome", &status, error, error_size);
    strbuf_free(&text);
    strbuf_free(&w.condition);
    ddb_changes_free(&w.changes);
    ses_dynamodb_item_free(&item);
    return result;
}

static bool ddb_remember_event(ledger_backend *b, int64_t id, const ledger_event *event,
                               char *error, size_t error_size)
{
    char pk[80], id_text[24], at[24], now[24];
    snprintf(pk, sizeof pk, "event#%s", event->key);
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    snprintf(at, sizeof at, "%lld", (long long)event->at);
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    ses_dynamodb_attr item[] = {{"pk", 'S', pk},
                                {"sk", 'S', "event"},
                                {"delivery", 'N', id_text},
                                {"event_type", 'S', ledger_event_type_name(event->type)},
                                {"at", 'N', at},
                                {"applied_at", 'N', now},
                                {"message_id", 'S', event->message_id}};
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    size_t count = event->message_id && *event->message_id ? 7 : 6;
    return ses_dynamodb_put_item(b->client, b->table, item, count, &condition, &status) !=
               SES_DYNAMODB_FAILED ||
           ddb_fail(b, "cannot remember an event", &status, error, error_size);
}

static bool ddb_apply_to(ledger_backend *b, int64_t id, const ledger_event *event, char *error,
                         size_t error_size)
{
    bool flag_writes[DDB_MAX_RECIPIENTS] = {false};
    if (event->recipient_count > DDB_MAX_RECIPIENTS) {
        snprintf(error, error_size, "%s: an event names %zu recipients, more than %d", b->where,
                 event->recipient_count, DDB_MAX_RECIPIENTS);
        return false;
    }
    ses_dynamodb_result result = SES_DYNAMODB_CONDITION_FAILED;
    for (int i = 0; i < DDB_EVENT_TRIES && result == SES_DYNAMODB_CONDITION_FAILED; i++)
        result = event->recipient_count
                     ? ddb_apply_once(b, id, event, flag_writes, error, error_size)
                     : SES_DYNAMODB_DONE;
    if (result == SES_DYNAMODB_CONDITION_FAILED)
        snprintf(error, error_size, "%s: delivery %" PRId64 " kept changing: event not applied",
                 b->where, id);
    if (result != SES_DYNAMODB_DONE)
        return false;
    for (size_t i = 0; i < event->recipient_count; i++) {
        const ledger_event_recipient *r = &event->recipients[i];
        if (flag_writes[i] &&
            !ddb_write_flag(b, r->address, ledger_event_effect_of(event->type)->outcome,
                            event->at, id, r->detail ? r->detail : event->detail, error,
                            error_size))
            return false;
    }
    return ddb_remember_event(b, id, event, error, error_size);
}

bool ddb_op_apply_event(ledger_backend *b, const ledger_event *event, const char *body,
                        ledger_event_result *result, int64_t *delivery_id, char *why,
                        size_t why_size, char *error, size_t error_size)
{
    *delivery_id = 0;
    why[0] = '\0';
    char pk[80];
    snprintf(pk, sizeof pk, "event#%s", event->key);
    ses_dynamodb_item seen;
    bool found;
    if (!ddb_get(b, pk, "event", &seen, &found, error, error_size))
        return false;
    if (found) {
        ses_dynamodb_item_free(&seen);
        *result = LEDGER_EVENT_DUPLICATE;
        snprintf(why, why_size, "%s for MessageId %s was applied before",
                 ledger_event_type_name(event->type), event->message_id);
        return true;
    }
    ddb_target_kind kind;
    if (!ddb_find_target(b, event, &kind, delivery_id, why, why_size, error, error_size))
        return false;
    switch (kind) {
    case TARGET_LATER:
        *result = LEDGER_EVENT_LATER;
        return true;
    case TARGET_NONE: {
        bool duplicate = false;
        *result = LEDGER_EVENT_KEPT_ASIDE;
        return ddb_op_keep_aside(b, body, why, &duplicate, error, error_size);
    }
    case TARGET_RESOLVES_UNKNOWN:
        snprintf(why, why_size, "delivery %" PRId64 " was unknown: SES's %s event says it was sent",
                 *delivery_id, ledger_event_type_name(event->type));
        if (!ddb_resolve_unknown(b, *delivery_id, event, error, error_size))
            return false;
        break;
    case TARGET_FOUND:
        snprintf(why, why_size, "delivery %" PRId64 ": %s", *delivery_id,
                 ledger_event_type_name(event->type));
        break;
    }
    *result = LEDGER_EVENT_APPLIED;
    return ddb_apply_to(b, *delivery_id, event, error, error_size);
}
