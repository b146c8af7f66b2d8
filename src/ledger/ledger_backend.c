/* ledger_backend: every ledger.h call, dispatched to the ledger's back end.
 *
 * A `ledger` is born here (ledger_from_backend) and is nothing but a back
 * end's operations over its state: the engine and both front ends hold a
 * `ledger *` and never learn whether SQLite or DynamoDB is behind it. What
 * can be written over the operations (the audit export, the archive root)
 * is written once, over these calls, not per back end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger_internal.h"

struct ledger {
    const ledger_ops *ops;      /* never NULL */
    ledger_backend *backend;    /* owned: ops->close frees it */
};

ledger *ledger_from_backend(const ledger_ops *ops, ledger_backend *b)
{
    ledger *l = calloc(1, sizeof *l);
    if (!l) {
        ops->close(b);
        return NULL;
    }
    l->ops = ops;
    l->backend = b;
    return l;
}

const char *ledger_backend_name(const ledger *l)
{
    return l->ops->name;
}

const char *ledger_local_file(const ledger *l)
{
    return l->ops == &ledger_sqlite_ops ? l->ops->where(l->backend) : NULL;
}

void ledger_close(ledger *l)
{
    if (!l)
        return;
    l->ops->close(l->backend);
    free(l);
}

const char *ledger_path(const ledger *l)
{
    return l->ops->where(l->backend);
}

bool ledger_lock_batch(ledger *l, char *error, size_t error_size)
{
    return l->ops->lock_batch(l->backend, error, error_size);
}

void ledger_unlock_batch(ledger *l)
{
    l->ops->unlock_batch(l->backend);
}

int64_t ledger_begin_batch(ledger *l, const char *note, char *error, size_t error_size)
{
    return l->ops->begin_batch(l->backend, note, error, error_size);
}

bool ledger_note_batch(ledger *l, int64_t batch_id, const char *note, char *error,
                       size_t error_size)
{
    return l->ops->note_batch(l->backend, batch_id, note, error, error_size);
}

bool ledger_add_delivery(ledger *l, ledger_delivery *d, char *error, size_t error_size)
{
    return l->ops->add_delivery(l->backend, d, error, error_size);
}

bool ledger_claim_day(ledger *l, int64_t id, const char *day, bool *claimed,
                      ledger_day_holder *holder, char *error, size_t error_size)
{
    return l->ops->claim_day(l->backend, id, day, claimed, holder, error, error_size);
}

bool ledger_mark_sending(ledger *l, int64_t id, char *error, size_t error_size)
{
    return l->ops->mark_sending(l->backend, id, error, error_size);
}

bool ledger_mark_sent(ledger *l, int64_t id, const char *message_id, const char *request_id,
                      int attempts, char *error, size_t error_size)
{
    return l->ops->mark_sent(l->backend, id, message_id, request_id, attempts, error,
                             error_size);
}

bool ledger_mark_failed(ledger *l, int64_t id, const char *error_code, const char *error_message,
                        const char *request_id, int attempts, char *error, size_t error_size)
{
    return l->ops->mark_failed(l->backend, id, error_code, error_message, request_id, attempts,
                               error, error_size);
}

bool ledger_mark_unknown(ledger *l, int64_t id, const char *error_code, const char *error_message,
                         int attempts, char *error, size_t error_size)
{
    return l->ops->mark_unknown(l->backend, id, error_code, error_message, attempts, error,
                                error_size);
}

bool ledger_mark_not_attempted(ledger *l, int64_t id, const char *reason, char *error,
                               size_t error_size)
{
    return l->ops->mark_not_attempted(l->backend, id, reason, error, error_size);
}

bool ledger_set_archive(ledger *l, int64_t id, const char *archive_path, const char *sha256,
                        int64_t size_bytes, char *error, size_t error_size)
{
    return l->ops->set_archive(l->backend, id, archive_path, sha256, size_bytes, error,
                               error_size);
}

bool ledger_list(ledger *l, const ledger_filter *filter, ledger_delivery **out, size_t *count,
                 char *error, size_t error_size)
{
    return l->ops->list(l->backend, filter, out, count, error, error_size);
}

bool ledger_get(ledger *l, int64_t id, ledger_delivery *out, char *error, size_t error_size)
{
    return l->ops->get(l->backend, id, out, error, error_size);
}

int64_t ledger_last_batch(ledger *l)
{
    return l->ops->last_batch(l->backend);
}

bool ledger_count_deliveries(ledger *l, size_t by_state[DELIVERY_STATE_COUNT], char *error,
                             size_t error_size)
{
    memset(by_state, 0, DELIVERY_STATE_COUNT * sizeof *by_state);
    return l->ops->count_deliveries(l->backend, by_state, error, error_size);
}

bool ledger_recipients(ledger *l, int64_t id, ledger_recipient **out, size_t *count,
                       char *error, size_t error_size)
{
    return l->ops->recipients(l->backend, id, out, count, error, error_size);
}

bool ledger_address_flags(ledger *l, const char *addresses, ledger_address_flag **out,
                          size_t *count, char *error, size_t error_size)
{
    return l->ops->address_flags(l->backend, addresses, out, count, error, error_size);
}

bool ledger_apply_event(ledger *l, const ledger_event *event, const char *body,
                        ledger_event_result *result, int64_t *delivery_id, char *why,
                        size_t why_size, char *error, size_t error_size)
{
    return l->ops->apply_event(l->backend, event, body, result, delivery_id, why, why_size,
                               error, error_size);
}

bool ledger_keep_aside(ledger *l, const char *body, const char *reason, bool *duplicate,
                       char *error, size_t error_size)
{
    return l->ops->keep_aside(l->backend, body, reason, duplicate, error, error_size);
}

int64_t ledger_kept_aside_count(ledger *l)
{
    return l->ops->kept_aside_count(l->backend);
}

bool ledger_kept_aside_list(ledger *l, ledger_kept_aside_entry **out, size_t *count, char *error,
                            size_t error_size)
{
    return l->ops->kept_aside_list(l->backend, out, count, error, error_size);
}

bool ledger_batch_get(ledger *l, int64_t id, ledger_batch_info *out, bool *found, char *error,
                      size_t error_size)
{
    return l->ops->batch_get(l->backend, id, out, found, error, error_size);
}

void ledger_batch_info_clear(ledger_batch_info *b)
{
    free(b->note);
    b->note = NULL;
}

bool ledger_applied_events(ledger *l, int64_t id, ledger_applied_event **out, size_t *count,
                           char *error, size_t error_size)
{
    return l->ops->applied_events(l->backend, id, out, count, error, error_size);
}

void ledger_applied_events_free(ledger_applied_event *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++)
        free(list[i].message_id);
    free(list);
}

bool ledger_import_begin(ledger *l, const char *source, int64_t max_delivery, int64_t max_batch,
                         time_t oldest, ledger_import_plan *plan, char *error,
                         size_t error_size)
{
    return l->ops->import_begin(l->backend, source, max_delivery, max_batch, oldest, plan, error,
                                error_size);
}

bool ledger_import_delivery(ledger *l, const ledger_import_item *item, int64_t *id, bool *copied,
                            char *error, size_t error_size)
{
    return l->ops->import_delivery(l->backend, item, id, copied, error, error_size);
}
