/* ledger_internal: what the ledger's files share and nothing else sees.
 *
 * A ledger owns its SQLite handle, a copy of its path, and (while a batch
 * runs) the open, flock()ed lock file beside the database. Every error is
 * written as "<path>: <what>: <why>" so the operator knows which file failed.
 */
#ifndef BRIEFING_LEDGER_INTERNAL_H
#define BRIEFING_LEDGER_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/ledger.h"

struct ledger {
    sqlite3 *db;
    char *path;
    int lock_fd;           /* -1 unless this handle holds the batch lock */
    int64_t current_batch; /* the batch begun under the lock, finished on unlock */
};

/* The schema version ledger_open() migrates every file to. */
int ledger_schema_version(void);
/* Runs the missing migration steps; false with a message on failure or on a
 * file written by a newer program. */
bool ledger_migrate(ledger *l, char *error, size_t error_size);

/* "<path>: <what>: <sqlite3_errmsg>" into `error`; always returns false. */
bool ledger_fail_sqlite(const ledger *l, const char *what, char *error, size_t error_size);
/* Prepares `sql`; NULL with a message. */
sqlite3_stmt *ledger_prepare(ledger *l, const char *sql, char *error, size_t error_size);
/* Steps a statement that returns no rows and finalizes it. */
bool ledger_run(ledger *l, sqlite3_stmt *stmt, const char *what, char *error, size_t error_size);

/* Lock primitives shared by the batch lock and open-time recovery; when the
 * lock is refused, `held_elsewhere` tells a live holder from an I/O error. */
bool ledger_lock_try(ledger *l, bool *held_elsewhere, char *error, size_t error_size);
void ledger_lock_release(ledger *l);

/* Turns `sending` rows into `unknown`; the caller holds the batch lock. */
bool ledger_recover_interrupted(ledger *l, int *recovered, char *error, size_t error_size);

/* Calls `each` with every bare address of a comma-separated To/Cc/Bcc list
 * as stored (display names dropped, quoted commas kept); ledger_addresses.c. */
typedef void (*ledger_address_fn)(void *context, const char *address, size_t length);
void ledger_each_address(const char *list, ledger_address_fn each, void *context);

/* Makes one `sent` row per address of delivery `id`'s To, Cc and Bcc that
 * has none yet, at `at` (ledger_recipients.c). Inside the caller's
 * transaction. */
bool ledger_record_recipients(ledger *l, int64_t id, time_t at, char *error, size_t error_size);

/* Reads the recipients' outcomes of the current row: column `column` holds
 * group_concat(outcome) of its recipient rows (ledger_read.c's query). */
void ledger_read_outcomes(ledger_delivery *d, const char *outcomes);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK with the ledger's messages. */
bool ledger_begin(ledger *l, char *error, size_t error_size);
bool ledger_commit(ledger *l, char *error, size_t error_size);
void ledger_rollback(ledger *l);

#endif
