/* ledger_history: the SQLite ledger as the source of a migration
 * (briefing ledger migrate, docs/ledger.md): its batches and the events
 * applied to each delivery, read whole. It is never a migration's target:
 * the history goes up to the shared table, and a file ledger taking another
 * ledger's history in is not a move the operator can ask for, so the two
 * import calls refuse with what to do instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger_internal.h"

bool ledger_sqlite_batch_get(ledger_backend *b, int64_t id, ledger_batch_info *out, bool *found,
                             char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    *found = false;
    sqlite3_stmt *stmt = ledger_prepare(b, "SELECT created_at, note FROM batches WHERE id = ?",
                                        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const unsigned char *note = sqlite3_column_text(stmt, 1);
        *found = true;
        out->id = id;
        out->created_at = (time_t)sqlite3_column_int64(stmt, 0);
        out->note = note ? strdup((const char *)note) : NULL;
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ||
           ledger_fail_sqlite(b, "cannot read a batch", error, error_size);
}

static void ledger_history_event_row(sqlite3_stmt *stmt, ledger_applied_event *e)
{
    memset(e, 0, sizeof *e);
    const unsigned char *key = sqlite3_column_text(stmt, 0);
    const unsigned char *type = sqlite3_column_text(stmt, 1);
    const unsigned char *message_id = sqlite3_column_text(stmt, 2);
    snprintf(e->key, sizeof e->key, "%s", key ? (const char *)key : "");
    snprintf(e->event_type, sizeof e->event_type, "%s", type ? (const char *)type : "");
    e->message_id = message_id && *message_id ? strdup((const char *)message_id) : NULL;
    e->at = (time_t)sqlite3_column_int64(stmt, 3);
    e->applied_at = (time_t)sqlite3_column_int64(stmt, 4);
}

bool ledger_sqlite_applied_events(ledger_backend *b, int64_t id, ledger_applied_event **out,
                                  size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *stmt = ledger_prepare(b,
                                        "SELECT event_key, event_type, message_id, at, applied_at "
                                        "FROM events WHERE delivery_id = ? ORDER BY rowid",
                                        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ledger_applied_event *grown = realloc(*out, (*count + 1) * sizeof *grown);
        if (!grown) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        *out = grown;
        ledger_history_event_row(stmt, &grown[(*count)++]);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ||
           ledger_fail_sqlite(b, "cannot read the applied events", error, error_size);
}

static bool ledger_history_not_a_target(const ledger_backend *b, char *error, size_t error_size)
{
    snprintf(error, error_size,
             "%s: a SQLite ledger is a migration's source, not its target "
             "(briefing ledger migrate --to dynamodb://TABLE)", b->path);
    return false;
}

bool ledger_sqlite_import_begin(ledger_backend *b, const char *source, int64_t max_delivery,
                                int64_t max_batch, time_t oldest, ledger_import_plan *plan,
                                char *error, size_t error_size)
{
    (void)source;
    (void)max_delivery;
    (void)max_batch;
    (void)oldest;
    memset(plan, 0, sizeof *plan);
    return ledger_history_not_a_target(b, error, error_size);
}

bool ledger_sqlite_import_delivery(ledger_backend *b, const ledger_import_item *item,
                                   int64_t *id, bool *copied, char *error, size_t error_size)
{
    (void)item;
    *id = 0;
    *copied = false;
    return ledger_history_not_a_target(b, error, error_size);
}
