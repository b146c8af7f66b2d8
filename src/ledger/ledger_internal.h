/* ledger_internal: what the ledger's files share and nothing else sees.
 *
 * A `ledger` is a back end's ops over its state (ledger_backend.c); this
 * header is the SQLite back end's. Its state owns the SQLite handle, a copy
 * of the path, and (while a batch runs) the open, flock()ed lock file beside
 * the database. Every error is written as "<path>: <what>: <why>" so the
 * operator knows which file failed.
 */
#ifndef BRIEFING_LEDGER_INTERNAL_H
#define BRIEFING_LEDGER_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/ledger.h"
#include "briefing/ledger_backend.h"
#include "briefing/strbuf.h"

struct ledger_backend {
    sqlite3 *db;
    char *path;
    int lock_fd;           /* -1 unless this handle holds the batch lock */
    int64_t current_batch; /* the batch begun under the lock, finished on unlock */
    char host[128];        /* this machine's hostname, written with every row change */
};

/* The SQLite back end's operations (ledger_sqlite.c); each mirrors the
 * ledger.h call of the same name. */
extern const ledger_ops ledger_sqlite_ops;
void ledger_sqlite_close(ledger_backend *b);
const char *ledger_sqlite_where(const ledger_backend *b);
bool ledger_sqlite_lock_batch(ledger_backend *b, char *error, size_t error_size);
void ledger_sqlite_unlock_batch(ledger_backend *b);
int64_t ledger_sqlite_begin_batch(ledger_backend *b, const char *note, char *error,
                                  size_t error_size);
bool ledger_sqlite_note_batch(ledger_backend *b, int64_t batch_id, const char *note,
                              char *error, size_t error_size);
bool ledger_sqlite_add_delivery(ledger_backend *b, ledger_delivery *d, char *error,
                                size_t error_size);
bool ledger_sqlite_claim_day(ledger_backend *b, int64_t id, const char *day, bool *claimed,
                             ledger_day_holder *holder, char *error, size_t error_size);
bool ledger_sqlite_mark_sending(ledger_backend *b, int64_t id, char *error, size_t error_size);
bool ledger_sqlite_mark_sent(ledger_backend *b, int64_t id, const char *message_id,
                             const char *request_id, int attempts, char *error,
                             size_t error_size);
bool ledger_sqlite_mark_failed(ledger_backend *b, int64_t id, const char *error_code,
                               const char *error_message, const char *request_id, int attempts,
                               char *error, size_t error_size);
bool ledger_sqlite_mark_unknown(ledger_backend *b, int64_t id, const char *error_code,
                                const char *error_message, int attempts, char *error,
                                size_t error_size);
bool ledger_sqlite_mark_not_attempted(ledger_backend *b, int64_t id, const char *reason,
                                      char *error, size_t error_size);
bool ledger_sqlite_set_archive(ledger_backend *b, int64_t id, const char *archive_path,
                               const char *sha256, int64_t size_bytes, char *error,
                               size_t error_size);
/* The SELECT of a listing through `filter` (only the terms it sets), for
 * ledger_sqlite_list and the test that reads its query plan. */
bool ledger_sqlite_count_deliveries(ledger_backend *b, size_t by_state[DELIVERY_STATE_COUNT],
                                    char *error, size_t error_size);
void ledger_list_sql(const ledger_filter *filter, strbuf *sql);
bool ledger_sqlite_list(ledger_backend *b, const ledger_filter *filter, ledger_delivery **out,
                        size_t *count, char *error, size_t error_size);
bool ledger_sqlite_get(ledger_backend *b, int64_t id, ledger_delivery *out, char *error,
                       size_t error_size);
int64_t ledger_sqlite_last_batch(ledger_backend *b);
bool ledger_sqlite_recipients(ledger_backend *b, int64_t id, ledger_recipient **out,
                              size_t *count, char *error, size_t error_size);
bool ledger_sqlite_address_flags(ledger_backend *b, const char *addresses,
                                 ledger_address_flag **out, size_t *count, char *error,
                                 size_t error_size);
bool ledger_sqlite_apply_event(ledger_backend *b, const ledger_event *event, const char *body,
                               ledger_event_result *result, int64_t *delivery_id, char *why,
                               size_t why_size, char *error, size_t error_size);
bool ledger_sqlite_keep_aside(ledger_backend *b, const char *body, const char *reason,
                              bool *duplicate, char *error, size_t error_size);
int64_t ledger_sqlite_kept_aside_count(ledger_backend *b);
bool ledger_sqlite_kept_aside_list(ledger_backend *b, ledger_kept_aside_entry **out,
                                   size_t *count, char *error, size_t error_size);
/* ledger_history.c: the source of a migration (never its target). */
bool ledger_sqlite_batch_get(ledger_backend *b, int64_t id, ledger_batch_info *out, bool *found,
                             char *error, size_t error_size);
bool ledger_sqlite_applied_events(ledger_backend *b, int64_t id, ledger_applied_event **out,
                                  size_t *count, char *error, size_t error_size);
bool ledger_sqlite_import_begin(ledger_backend *b, const char *source, int64_t max_delivery,
                                int64_t max_batch, time_t oldest, ledger_import_plan *plan,
                                char *error, size_t error_size);
bool ledger_sqlite_import_delivery(ledger_backend *b, const ledger_import_item *item,
                                   int64_t *id, bool *copied, char *error, size_t error_size);

/* The default ledger file, $XDG_STATE_HOME/briefing/ledger.sqlite3 or
 * ~/.local/state/briefing/ledger.sqlite3 (ledger_open.c). */
bool ledger_default_path(strbuf *out, char *error, size_t error_size);

/* The schema version ledger_open() migrates every file to. */
int ledger_schema_version(void);
/* Runs the missing migration steps; false with a message on failure or on a
 * file written by a newer program. */
bool ledger_migrate(ledger_backend *b, char *error, size_t error_size);

/* "<path>: <what>: <sqlite3_errmsg>" into `error`; always returns false. */
bool ledger_fail_sqlite(const ledger_backend *b, const char *what, char *error, size_t error_size);
/* Prepares `sql`; NULL with a message. */
sqlite3_stmt *ledger_prepare(ledger_backend *b, const char *sql, char *error, size_t error_size);
/* Steps a statement that returns no rows and finalizes it. */
bool ledger_run(ledger_backend *b, sqlite3_stmt *stmt, const char *what, char *error, size_t error_size);

/* Lock primitives shared by the batch lock and open-time recovery; when the
 * lock is refused, `held_elsewhere` tells a live holder from an I/O error. */
bool ledger_lock_try(ledger_backend *b, bool *held_elsewhere, char *error, size_t error_size);
void ledger_lock_release(ledger_backend *b);

/* Turns `sending` rows into `unknown`; the caller holds the batch lock. */
bool ledger_recover_interrupted(ledger_backend *b, int *recovered, char *error, size_t error_size);

/* Calls `each` with every bare address of a comma-separated To/Cc/Bcc list
 * as stored (display names dropped, quoted commas kept); ledger_addresses.c. */
typedef void (*ledger_address_fn)(void *context, const char *address, size_t length);
void ledger_each_address(const char *list, ledger_address_fn each, void *context);

/* Makes one `sent` row per address of delivery `id`'s To, Cc and Bcc that
 * has none yet, at `at` (ledger_recipients.c). Inside the caller's
 * transaction. */
bool ledger_record_recipients(ledger_backend *b, int64_t id, time_t at, char *error, size_t error_size);

/* Reads the recipients' outcomes of the current row: column `column` holds
 * group_concat(outcome) of its recipient rows (ledger_read.c's query). */
void ledger_read_outcomes(ledger_delivery *d, const char *outcomes);

/* Binds this machine's hostname (NULL when it has none) at `index`. */
void ledger_bind_host(sqlite3_stmt *stmt, int index, const ledger_backend *b);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK with the ledger's messages. */
bool ledger_begin(ledger_backend *b, char *error, size_t error_size);
bool ledger_commit(ledger_backend *b, char *error, size_t error_size);
void ledger_rollback(ledger_backend *b);

#endif
