/* ledger_sqlite: the SQLite back end's operations, one per ledger.h call.
 *
 * The embedded ledger of one machine (the default): a file, WAL, written
 * ahead of every send. Its functions live in the files named after what
 * they do (ledger_write.c, ledger_read.c, ledger_events.c ...); this table
 * is what ledger_open() hands to ledger_from_backend().
 */
#include "ledger/ledger_internal.h"

const ledger_ops ledger_sqlite_ops = {
    .name = "sqlite",
    .close = ledger_sqlite_close,
    .where = ledger_sqlite_where,
    .lock_batch = ledger_sqlite_lock_batch,
    .unlock_batch = ledger_sqlite_unlock_batch,
    .begin_batch = ledger_sqlite_begin_batch,
    .note_batch = ledger_sqlite_note_batch,
    .add_delivery = ledger_sqlite_add_delivery,
    .claim_day = ledger_sqlite_claim_day,
    .mark_sending = ledger_sqlite_mark_sending,
    .mark_sent = ledger_sqlite_mark_sent,
    .mark_failed = ledger_sqlite_mark_failed,
    .mark_unknown = ledger_sqlite_mark_unknown,
    .mark_not_attempted = ledger_sqlite_mark_not_attempted,
    .set_archive = ledger_sqlite_set_archive,
    .list = ledger_sqlite_list,
    .count_deliveries = ledger_sqlite_count_deliveries,
    .get = ledger_sqlite_get,
    .last_batch = ledger_sqlite_last_batch,
    .recipients = ledger_sqlite_recipients,
    .address_flags = ledger_sqlite_address_flags,
    .apply_event = ledger_sqlite_apply_event,
    .keep_aside = ledger_sqlite_keep_aside,
    .kept_aside_count = ledger_sqlite_kept_aside_count,
    .kept_aside_list = ledger_sqlite_kept_aside_list,
    .batch_get = ledger_sqlite_batch_get,
    .applied_events = ledger_sqlite_applied_events,
    .import_begin = ledger_sqlite_import_begin,
    .import_delivery = ledger_sqlite_import_delivery,
};
