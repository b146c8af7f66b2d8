/* ledger_note: what happened around a batch that is not a delivery (the
 * dashboard cards' outcome), appended to the batch's note so `log` and the
 * audit trail keep it. */
#include <stdio.h>

#include "ledger/ledger_internal.h"

bool ledger_sqlite_note_batch(ledger_backend *b, int64_t batch_id, const char *note, char *error,
                       size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "UPDATE batches SET note = CASE WHEN note IS NULL OR note = '' THEN ?2"
        " ELSE note || char(10) || ?2 END WHERE id = ?1",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)batch_id);
    sqlite3_bind_text(stmt, 2, note, -1, SQLITE_TRANSIENT);
    return ledger_run(b, stmt, "cannot note the batch", error, error_size);
}
