/* ledger_dynamodb_write: batches, new deliveries, the day claim and the
 * state changes of the DynamoDB ledger.
 *
 * A new delivery is two conditional puts: its id pointer (pk "id#N"), then
 * the delivery item, each only if no item has its key. The day claim is a
 * conditional put of the report's day item that a free day accepts (none,
 * or one whose delivery failed or never left: ddb_day_freed_by[]); every
 * later move of the delivery mirrors its state on the claim.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ledger_dynamodb/ddb_internal.h"

/* The states of a claiming delivery that leave its report's day free for
 * another: it never left (not-attempted) or SES refused it (failed). */
enum { DDB_NOTE_TRIES = 8 };

static const delivery_state ddb_day_freed_by[] = {DELIVERY_FAILED, DELIVERY_NOT_ATTEMPTED};

static bool ddb_day_is_free(delivery_state state)
{
    for (size_t i = 0; i < sizeof ddb_day_freed_by / sizeof *ddb_day_freed_by; i++)
        if (ddb_day_freed_by[i] == state)
            return true;
    return false;
}

/* ---- batches ---- */

static bool ddb_op_lock_batch(ledger_backend *b, char *error, size_t error_size)
{
    /* Batches of several machines run at once on one table: the day claim,
     * not a lock, keeps each report to one send (docs/ledger.md). */
    (void)b;
    (void)error;
    (void)error_size;
    return true;
}

static void ddb_op_unlock_batch(ledger_backend *b)
{
    (void)b;
}

static int64_t ddb_op_begin_batch(ledger_backend *b, const char *note, char *error,
                                  size_t error_size)
{
    int64_t id;
    if (!ddb_counter_next(b, "batch", NULL, &id, error, error_size))
        return -1;
    char pk[48], created[24];
    snprintf(pk, sizeof pk, "batch#%" PRId64, id);
    snprintf(created, sizeof created, "%lld", (long long)time(NULL));
    ses_dynamodb_attr item[] = {{"pk", 'S', pk},        {"sk", 'S', "batch"},
                                {"created_at", 'N', created}, {"host", 'S', b->host},
                                {"note", 'S', note}};
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    size_t count = note && *note ? 5 : 4;
    if (ses_dynamodb_put_item(b->client, b->table, item, count, &condition, &status) !=
        SES_DYNAMODB_DONE)
    {
        ddb_fail(b, "cannot begin a batch", &status, error, error_size);
        return -1;
    }
    return id;
}

/* One try at appending `note`: the note read must still be the note, so
 * two machines appending at once both keep theirs. */
static ses_dynamodb_result ddb_note_once(ledger_backend *b, const char *pk, const char *note,
                                         char *error, size_t error_size)
{
    ses_dynamodb_item item;
    bool found;
    if (!ddb_get(b, pk, "batch", &item, &found, error, error_size))
        return SES_DYNAMODB_FAILED;
    if (!found)
        return SES_DYNAMODB_DONE; /* no such batch: nothing to note, as SQLite's UPDATE */
    const char *old = ses_dynamodb_item_get(&item, "note");
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "%s%s%s", old ? old : "", old && *old ? "\n" : "", note);
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', "batch"}};
    const ses_dynamodb_attr values[] = {{":note", 'S', strbuf_cstr(&text)}, {":old", 'S', old}};
    const ses_dynamodb_expression update = {"SET note = :note", NULL, 0, values, 1};
    const ses_dynamodb_expression condition = {old ? "note = :old" : "attribute_not_exists(note)",
                                               NULL, 0, values + 1, old ? 1 : 0};
    ses_status status;
    ses_dynamodb_result result =
        ses_dynamodb_update_item(b->client, b->table, key, 2, &update, &condition, &status);
    if (result == SES_DYNAMODB_FAILED)
        ddb_fail(b, "cannot note the batch", &status, error, error_size);
    strbuf_free(&text);
    ses_dynamodb_item_free(&item);
    return result;
}

static bool ddb_op_note_batch(ledger_backend *b, int64_t batch_id, const char *note, char *error,
                              size_t error_size)
{
    char pk[48];
    snprintf(pk, sizeof pk, "batch#%" PRId64, batch_id);
    for (int i = 0; i < DDB_NOTE_TRIES; i++) {
        ses_dynamodb_result result = ddb_note_once(b, pk, note, error, error_size);
        if (result != SES_DYNAMODB_CONDITION_FAILED)
            return result == SES_DYNAMODB_DONE;
    }
    snprintf(error, error_size, "%s: batch %" PRId64 ": its note kept changing", b->where,
             batch_id);
    return false;
}

/* ---- a new delivery ---- */

static void ddb_put_text(ses_dynamodb_attr *item, size_t *count, const char *name,
                         const char *value)
{
    if (value && *value)
        item[(*count)++] = (ses_dynamodb_attr){name, 'S', value};
}

static bool ddb_put_new(ledger_backend *b, const ses_dynamodb_attr *item, size_t count,
                        const char *what, char *error, size_t error_size)
{
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    ses_dynamodb_result result =
        ses_dynamodb_put_item(b->client, b->table, item, count, &condition, &status);
    if (result == SES_DYNAMODB_DONE)
        return true;
    if (result == SES_DYNAMODB_CONDITION_FAILED && status.attempts > 1)
        return true; /* our own first attempt: the key is new to everyone else */
    if (result == SES_DYNAMODB_CONDITION_FAILED)
        snprintf(error, error_size, "%s: %s: the key is taken", b->where, what);
    else
        ddb_fail(b, what, &status, error, error_size);
    return false;
}

static bool ddb_op_add_delivery(ledger_backend *b, ledger_delivery *d, char *error,
                                size_t error_size)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    char month[16], pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE], pointer[48];
    ddb_month(now.tv_sec, month, sizeof month);
    int64_t id;
    if (!ddb_counter_next(b, "delivery", month, &id, error, error_size))
        return false;
    ddb_report_pk(d->persona, d->scope, pk, sizeof pk);
    ddb_delivery_sk(now.tv_sec, (int)(now.tv_nsec / 1000000), id, sk, sizeof sk);
    snprintf(pointer, sizeof pointer, "id#%" PRId64, id);
    const ses_dynamodb_attr pointer_item[] = {{"pk", 'S', pointer}, {"sk", 'S', "id"},
                                              {"delivery_pk", 'S', pk}, {"delivery_sk", 'S', sk}};
    if (!ddb_put_new(b, pointer_item, 4, "cannot record a delivery's id", error, error_size))
        return false;
    char id_text[24], batch[24], resend[24], created[24], size[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    snprintf(batch, sizeof batch, "%" PRId64, d->batch_id);
    snprintf(resend, sizeof resend, "%" PRId64, d->resend_of);
    snprintf(created, sizeof created, "%lld", (long long)now.tv_sec);
    snprintf(size, sizeof size, "%" PRId64, d->size_bytes);
    ses_dynamodb_attr item[32] = {
        {"pk", 'S', pk},           {"sk", 'S', sk},
        {"id", 'N', id_text},      {"persona", 'S', d->persona},
        {"scope", 'S', d->scope},  {"state", 'S', ledger_state_name(DELIVERY_PENDING)},
        {"inflight", 'S', ledger_state_name(DELIVERY_PENDING)},
        {"attempts", 'N', "0"},    {"created_at", 'N', created},
        {"updated_at", 'N', created}, {"size_bytes", 'N', size},
        {"test", 'N', d->test ? "1" : "0"}, {"host", 'S', b->host},
        {"month", 'S', month},
    };
    size_t count = 14;
    ddb_put_text(item, &count, "batch", d->batch_id > 0 ? batch : NULL);
    if (d->resend_of > 0)
        item[count++] = (ses_dynamodb_attr){"resend_of", 'N', resend};
    ddb_put_text(item, &count, "subject", d->subject);
    ddb_put_text(item, &count, "from", d->from_address);
    ddb_put_text(item, &count, "to", d->to_addresses);
    ddb_put_text(item, &count, "cc", d->cc_addresses);
    ddb_put_text(item, &count, "bcc", d->bcc_addresses);
    ddb_put_text(item, &count, "message_sha256", d->message_sha256);
    ddb_put_text(item, &count, "archive", d->archive_path);
    if (!ddb_put_new(b, item, count, "cannot record a delivery", error, error_size))
        return false;
    ddb_remember_key(b, id, pk, sk);
    ddb_count_move(b, NULL, DELIVERY_PENDING);
    d->id = id;
    d->state = DELIVERY_PENDING;
    d->attempts = 0;
    d->created_at = now.tv_sec;
    d->updated_at = now.tv_sec;
    return true;
}

/* ---- the day claim ---- */

/* Who holds the day: the claim's delivery as it is now (a `sending` one
 * older than a send can take is `unknown` to everyone but its owner). */
static bool ddb_read_holder(ledger_backend *b, int64_t holder_id, ledger_day_holder *holder,
                            char *error, size_t error_size)
{
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, holder_id, &item, pk, sk, error, error_size))
        return false;
    ledger_delivery d;
    ddb_delivery_from_item(&item, &d);
    memset(holder, 0, sizeof *holder);
    holder->delivery_id = holder_id;
    holder->state = d.state;
    holder->at = d.created_at;
    if (d.state == DELIVERY_SENDING && d.updated_at < time(NULL) - b->stale_seconds)
        holder->state = DELIVERY_UNKNOWN;
    const char *host = ses_dynamodb_item_get(&item, "host");
    snprintf(holder->host, sizeof holder->host, "%s", host ? host : "");
    ledger_delivery_clear(&d);
    ses_dynamodb_item_free(&item);
    return true;
}

/* The claim put: free day, or the holder `previous` (0: any free one). */
static ses_dynamodb_result ddb_claim_put(ledger_backend *b, const char *pk, const char *day_sk,
                                         const char *id_text, const char *delivery_sk,
                                         int64_t previous, ses_status *status)
{
    char now[24], previous_text[24];
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    snprintf(previous_text, sizeof previous_text, "%" PRId64, previous);
    const ses_dynamodb_attr item[] = {
        {"pk", 'S', pk},           {"sk", 'S', day_sk},
        {"delivery", 'N', id_text}, {"delivery_sk", 'S', delivery_sk},
        {"state", 'S', ledger_state_name(DELIVERY_PENDING)},
        {"host", 'S', b->host},    {"claimed_at", 'N', now},
        {"updated_at", 'N', now},
    };
    const ses_dynamodb_attr names[] = {{"#state", 'S', "state"}};
    ses_dynamodb_attr values[4] = {{":mine", 'N', id_text}};
    char text[200];
    size_t count = 1;
    if (previous) {
        values[count++] = (ses_dynamodb_attr){":previous", 'N', previous_text};
        snprintf(text, sizeof text, "delivery = :previous OR delivery = :mine");
    } else {
        int used = snprintf(text, sizeof text,
                            "attribute_not_exists(pk) OR delivery = :mine OR #state IN (");
        for (size_t i = 0; i < sizeof ddb_day_freed_by / sizeof *ddb_day_freed_by; i++) {
            static const char *const placeholders[] = {":free0", ":free1"};
            values[count++] =
                (ses_dynamodb_attr){placeholders[i], 'S', ledger_state_name(ddb_day_freed_by[i])};
            used += snprintf(text + used, sizeof text - (size_t)used, "%s%s", i ? ", " : "",
                             placeholders[i]);
        }
        snprintf(text + used, sizeof text - (size_t)used, ")");
    }
    const ses_dynamodb_expression condition = {text, names, previous ? 0 : 1, values, count};
    return ses_dynamodb_put_item(b->client, b->table, item, 8, &condition, status);
}

static bool ddb_op_claim_day(ledger_backend *b, int64_t id, const char *day, bool *claimed,
                             ledger_day_holder *holder, char *error, size_t error_size)
{
    *claimed = false;
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE], day_sk[32], id_text[24];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    ses_dynamodb_item_free(&item);
    snprintf(day_sk, sizeof day_sk, "day#%s", day);
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    /* the delivery names its claim first, so every later move finds it */
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', sk}};
    const ses_dynamodb_attr day_value[] = {{":day", 'S', day}};
    const ses_dynamodb_expression update = {"SET claim_day = :day", NULL, 0, day_value, 1};
    ses_status status;
    if (ses_dynamodb_update_item(b->client, b->table, key, 2, &update, NULL, &status) !=
        SES_DYNAMODB_DONE)
        return ddb_fail(b, "cannot claim the day", &status, error, error_size);
    int64_t previous = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        ses_dynamodb_result result = ddb_claim_put(b, pk, day_sk, id_text, sk, previous, &status);
        if (result == SES_DYNAMODB_DONE) {
            *claimed = true;
            return true;
        }
        if (result == SES_DYNAMODB_FAILED)
            return ddb_fail(b, "cannot claim the day", &status, error, error_size);
        ses_dynamodb_item claim;
        bool found;
        if (!ddb_get(b, pk, day_sk, &claim, &found, error, error_size))
            return false;
        int64_t holder_id = found ? ddb_item_number(&claim, "delivery") : 0;
        if (found)
            ses_dynamodb_item_free(&claim);
        if (!holder_id || !ddb_read_holder(b, holder_id, holder, error, error_size))
            return holder_id ? false : ddb_fail(b, "cannot claim the day", &status, error,
                                                error_size);
        /* the claim's mirror may lag its delivery: a failed holder frees it */
        if (!ddb_day_is_free(holder->state))
            return true;
        previous = holder_id;
    }
    return true;
}

/* ---- state changes ---- */

static bool ddb_op_mark_sending(ledger_backend *b, int64_t id, char *error, size_t error_size)
{
    ddb_changes changes = DDB_CHANGES_INIT;
    ddb_changes_increment(&changes, "attempts");
    bool ok = ddb_transition(b, id, DELIVERY_SENDING, &changes, error, error_size);
    ddb_changes_free(&changes);
    return ok;
}

/* `attempts` counts SES's own retries too and never goes down. */
static int ddb_attempts_max(const ses_dynamodb_item *item, int attempts)
{
    int stored = (int)ddb_item_number(item, "attempts");
    return stored > attempts ? stored : attempts;
}

static bool ddb_op_mark_sent(ledger_backend *b, int64_t id, const char *message_id,
                             const char *request_id, int attempts, char *error,
                             size_t error_size)
{
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    ddb_changes changes = DDB_CHANGES_INIT;
    ddb_changes_text(&changes, "message_id", message_id);
    ddb_changes_text(&changes, "request_id", request_id);
    ddb_changes_number(&changes, "attempts", ddb_attempts_max(&item, attempts));
    ddb_changes_text(&changes, "error_code", NULL);
    ddb_changes_text(&changes, "error_message", NULL);
    ddb_recipients_sent(&item, time(NULL), &changes);
    ses_dynamodb_item_free(&item);
    bool ok = ddb_transition(b, id, DELIVERY_SENT, &changes, error, error_size);
    ddb_changes_free(&changes);
    return ok;
}

static bool ddb_mark_ended(ledger_backend *b, int64_t id, delivery_state to,
                           const char *error_code, const char *error_message,
                           const char *request_id, bool has_request_id, int attempts, char *error,
                           size_t error_size)
{
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    ddb_changes changes = DDB_CHANGES_INIT;
    ddb_changes_number(&changes, "attempts", ddb_attempts_max(&item, attempts));
    ses_dynamodb_item_free(&item);
    ddb_changes_text(&changes, "error_code", error_code);
    ddb_changes_text(&changes, "error_message", error_message);
    if (has_request_id)
        ddb_changes_text(&changes, "request_id", request_id);
    bool ok = ddb_transition(b, id, to, &changes, error, error_size);
    ddb_changes_free(&changes);
    return ok;
}

static bool ddb_op_mark_failed(ledger_backend *b, int64_t id, const char *error_code,
                               const char *error_message, const char *request_id, int attempts,
                               char *error, size_t error_size)
{
    return ddb_mark_ended(b, id, DELIVERY_FAILED, error_code, error_message, request_id, true,
                          attempts, error, error_size);
}

static bool ddb_op_mark_unknown(ledger_backend *b, int64_t id, const char *error_code,
                                const char *error_message, int attempts, char *error,
                                size_t error_size)
{
    return ddb_mark_ended(b, id, DELIVERY_UNKNOWN, error_code, error_message, NULL, false,
                          attempts, error, error_size);
}

static bool ddb_op_mark_not_attempted(ledger_backend *b, int64_t id, const char *reason,
                                      char *error, size_t error_size)
{
    ddb_changes changes = DDB_CHANGES_INIT;
    ddb_changes_text(&changes, "error_code", ledger_state_name(DELIVERY_NOT_ATTEMPTED));
    ddb_changes_text(&changes, "error_message", reason);
    bool ok = ddb_transition(b, id, DELIVERY_NOT_ATTEMPTED, &changes, error, error_size);
    ddb_changes_free(&changes);
    return ok;
}

static bool ddb_op_set_archive(ledger_backend *b, int64_t id, const char *archive_path,
                               const char *sha256, int64_t size_bytes, char *error,
                               size_t error_size)
{
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    ses_dynamodb_item_free(&item);
    ddb_changes changes = DDB_CHANGES_INIT;
    ddb_changes_text(&changes, "archive", archive_path);
    ddb_changes_text(&changes, "message_sha256", sha256);
    ddb_changes_number(&changes, "size_bytes", size_bytes);
    ddb_changes_number(&changes, "updated_at", (int64_t)time(NULL));
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "SET %s%s%s", strbuf_cstr(&changes.set) + 2,
                  changes.remove.len ? " REMOVE " : "",
                  changes.remove.len ? strbuf_cstr(&changes.remove) + 2 : "");
    const ses_dynamodb_expression update = {strbuf_cstr(&text), changes.names, changes.name_count,
                                            changes.values, changes.value_count};
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', sk}};
    ses_status status;
    bool ok = ses_dynamodb_update_item(b->client, b->table, key, 2, &update, NULL, &status) ==
              SES_DYNAMODB_DONE;
    if (!ok)
        ddb_fail(b, "cannot record the archive", &status, error, error_size);
    strbuf_free(&text);
    ddb_changes_free(&changes);
    return ok;
}

/* ---- the back end ---- */

static void ddb_op_close(ledger_backend *b)
{
    if (!b)
        return;
    ses_client_free(b->client);
    free(b);
}

static const char *ddb_op_where(const ledger_backend *b)
{
    return b->where;
}

const ledger_ops ddb_ops = {
    .name = "dynamodb",
    .close = ddb_op_close,
    .where = ddb_op_where,
    .lock_batch = ddb_op_lock_batch,
    .unlock_batch = ddb_op_unlock_batch,
    .begin_batch = ddb_op_begin_batch,
    .note_batch = ddb_op_note_batch,
    .add_delivery = ddb_op_add_delivery,
    .claim_day = ddb_op_claim_day,
    .mark_sending = ddb_op_mark_sending,
    .mark_sent = ddb_op_mark_sent,
    .mark_failed = ddb_op_mark_failed,
    .mark_unknown = ddb_op_mark_unknown,
    .mark_not_attempted = ddb_op_mark_not_attempted,
    .set_archive = ddb_op_set_archive,
    .list = ddb_op_list,
    .count_deliveries = ddb_op_count_deliveries,
    .get = ddb_op_get,
    .last_batch = ddb_op_last_batch,
    .recipients = ddb_op_recipients,
    .address_flags = ddb_op_address_flags,
    .apply_event = ddb_op_apply_event,
    .keep_aside = ddb_op_keep_aside,
    .kept_aside_count = ddb_op_kept_aside_count,
    .kept_aside_list = ddb_op_kept_aside_list,
    .batch_get = ddb_op_batch_get,
    .applied_events = ddb_op_applied_events,
    .import_begin = ddb_op_import_begin,
    .import_delivery = ddb_op_import_delivery,
};
