/* ledger_write: batches, new deliveries, and their state transitions.
 *
 * Each transition is one UPDATE guarded by the states it may leave from
 * (ledger_transitions.c's table, as `state IN (...)`), so a row can never go back to `sending` or be marked
 * sent twice; a refused transition says which state the row is in. Each
 * statement commits on its own (autocommit): with synchronous=FULL, a row
 * marked `sending` is on disk before ledger_mark_sending() returns; `sent`
 * commits with the delivery's recipient rows, in one transaction.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ledger/ledger_internal.h"

static const char *const ledger_state_names[DELIVERY_STATE_COUNT] = {
    [DELIVERY_PENDING] = "pending", [DELIVERY_SENDING] = "sending", [DELIVERY_SENT] = "sent",
    [DELIVERY_FAILED] = "failed",   [DELIVERY_UNKNOWN] = "unknown",
    [DELIVERY_NOT_ATTEMPTED] = "not-attempted",
};

const char *ledger_state_name(delivery_state state)
{
    return (unsigned)state < DELIVERY_STATE_COUNT ? ledger_state_names[state] : "invalid";
}

bool ledger_state_from_name(const char *name, delivery_state *state)
{
    for (int i = 0; i < DELIVERY_STATE_COUNT; i++) {
        if (name && strcmp(name, ledger_state_names[i]) == 0) {
            *state = (delivery_state)i;
            return true;
        }
    }
    return false;
}

int64_t ledger_sqlite_begin_batch(ledger_backend *b, const char *note, char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b, "INSERT INTO batches (created_at, note) VALUES (?1, ?2)", error, error_size);
    if (!stmt)
        return -1;
    sqlite3_bind_int64(stmt, 1, (sqlite3_int64)time(NULL));
    sqlite3_bind_text(stmt, 2, note, -1, SQLITE_TRANSIENT);
    if (!ledger_run(b, stmt, "cannot begin a batch", error, error_size))
        return -1;
    b->current_batch = sqlite3_last_insert_rowid(b->db);
    return b->current_batch;
}

void ledger_bind_host(sqlite3_stmt *stmt, int index, const ledger_backend *b)
{
    if (b->host[0])
        sqlite3_bind_text(stmt, index, b->host, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(stmt, index);
}

static void ledger_bind_optional_id(sqlite3_stmt *stmt, int index, int64_t id)
{
    if (id > 0)
        sqlite3_bind_int64(stmt, index, id);
    else
        sqlite3_bind_null(stmt, index);
}

bool ledger_sqlite_add_delivery(ledger_backend *b, ledger_delivery *d, char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "INSERT INTO deliveries (batch_id, resend_of, persona, scope, subject, from_address,"
        " to_addresses, cc_addresses, bcc_addresses, message_sha256, archive_path, state,"
        " attempts, created_at, updated_at, size_bytes, test, host)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'pending', 0, ?12, ?12, ?13, ?14,"
        " ?15)",
        error, error_size);
    if (!stmt)
        return false;
    time_t now = time(NULL);
    ledger_bind_optional_id(stmt, 1, d->batch_id);
    ledger_bind_optional_id(stmt, 2, d->resend_of);
    sqlite3_bind_text(stmt, 3, d->persona, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 4, d->scope, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 5, d->subject, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 6, d->from_address, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 7, d->to_addresses, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 8, d->cc_addresses, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 9, d->bcc_addresses, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 10, d->message_sha256[0] ? d->message_sha256 : NULL, -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 11, d->archive_path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 12, (sqlite3_int64)now);
    sqlite3_bind_int64(stmt, 13, d->size_bytes);
    sqlite3_bind_int(stmt, 14, d->test);
    ledger_bind_host(stmt, 15, b);
    if (!ledger_run(b, stmt, "cannot record a delivery", error, error_size))
        return false;
    d->id = sqlite3_last_insert_rowid(b->db);
    d->state = DELIVERY_PENDING;
    d->attempts = 0;
    d->created_at = now;
    d->updated_at = now;
    return true;
}

/* Explains a transition that changed no row: missing, or in the wrong state. */
static bool ledger_refuse_transition(ledger_backend *b, int64_t id, delivery_state to, char *error,
                                     size_t error_size)
{
    ledger_delivery current;
    if (!ledger_sqlite_get(b, id, &current, error, error_size))
        return false;
    snprintf(error, error_size, "%s: delivery %lld is %s and cannot become %s", b->path,
             (long long)id, ledger_state_name(current.state), ledger_state_name(to));
    ledger_delivery_clear(&current);
    return false;
}

/* UPDATE deliveries SET state = `to`, <assignments> WHERE id = ?1 AND <from>.
 * The SQL is assembled from the constant tables only; values are bound:
 * ?1 id, ?2 updated_at, ?3 attempts, ?4... `values` in order, ?7 host. */
typedef struct {
    const char *assignments;
    const char *values[3];
    int attempts;
} ledger_update;

/* "state IN ('pending', 'sending')": the states `to` may be reached from,
 * from the transition table (state names are constants, never input). A
 * state nothing leads to gets "0", which no row satisfies. */
static void ledger_transition_guard(delivery_state to, char *out, size_t out_size)
{
    delivery_state sources[DELIVERY_STATE_COUNT];
    size_t count = ledger_transition_sources(to, sources);
    strbuf sql = STRBUF_INIT;
    strbuf_puts(&sql, count ? "state IN (" : "0");
    for (size_t i = 0; i < count; i++)
        strbuf_printf(&sql, "%s'%s'", i ? ", " : "", ledger_state_name(sources[i]));
    if (count)
        strbuf_putc(&sql, ')');
    snprintf(out, out_size, "%s", strbuf_cstr(&sql));
    strbuf_free(&sql);
}

static bool ledger_transition(ledger_backend *b, int64_t id, delivery_state to,
                              const ledger_update *update, char *error, size_t error_size)
{
    char from_sql[160];
    ledger_transition_guard(to, from_sql, sizeof from_sql);
    char sql[512];
    snprintf(sql, sizeof sql, "UPDATE deliveries SET state = '%s', updated_at = ?2, host = ?7, %s"
             " WHERE id = ?1 AND %s", ledger_state_name(to), update->assignments, from_sql);
    sqlite3_stmt *stmt = ledger_prepare(b, sql, error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_int64(stmt, 2, (sqlite3_int64)time(NULL));
    sqlite3_bind_int(stmt, 3, update->attempts);
    for (int i = 0; i < 3; i++)
        sqlite3_bind_text(stmt, 4 + i, update->values[i], -1, SQLITE_TRANSIENT);
    ledger_bind_host(stmt, 7, b);
    if (!ledger_run(b, stmt, "cannot update a delivery", error, error_size))
        return false;
    if (sqlite3_changes(b->db) == 0)
        return ledger_refuse_transition(b, id, to, error, error_size);
    return true;
}

bool ledger_sqlite_mark_sending(ledger_backend *b, int64_t id, char *error, size_t error_size)
{
    ledger_update update = {"attempts = attempts + 1", {NULL}, 0};
    return ledger_transition(b, id, DELIVERY_SENDING, &update, error, error_size);
}

/* `attempts` from SES counts its own retries; the count never goes down. */
bool ledger_sqlite_mark_sent(ledger_backend *b, int64_t id, const char *message_id, const char *request_id,
                      int attempts, char *error, size_t error_size)
{
    ledger_update update = {"attempts = MAX(attempts, ?3), message_id = ?4, request_id = ?5,"
                            " error_code = NULL, error_message = NULL",
                            {message_id, request_id}, attempts};
    /* The state and the recipient rows (`sent`) commit together. */
    if (!ledger_begin(b, error, error_size))
        return false;
    if (ledger_transition(b, id, DELIVERY_SENT, &update, error, error_size) &&
        ledger_record_recipients(b, id, time(NULL), error, error_size))
        return ledger_commit(b, error, error_size);
    ledger_rollback(b);
    return false;
}

bool ledger_sqlite_mark_failed(ledger_backend *b, int64_t id, const char *error_code, const char *error_message,
                        const char *request_id, int attempts, char *error, size_t error_size)
{
    ledger_update update = {"attempts = MAX(attempts, ?3), error_code = ?4, error_message = ?5,"
                            " request_id = ?6",
                            {error_code, error_message, request_id}, attempts};
    return ledger_transition(b, id, DELIVERY_FAILED, &update, error, error_size);
}

bool ledger_sqlite_mark_unknown(ledger_backend *b, int64_t id, const char *error_code, const char *error_message,
                         int attempts, char *error, size_t error_size)
{
    ledger_update update = {"attempts = MAX(attempts, ?3), error_code = ?4, error_message = ?5",
                            {error_code, error_message}, attempts};
    return ledger_transition(b, id, DELIVERY_UNKNOWN, &update, error, error_size);
}

bool ledger_sqlite_mark_not_attempted(ledger_backend *b, int64_t id, const char *reason, char *error,
                               size_t error_size)
{
    ledger_update update = {"error_code = 'not-attempted', error_message = ?4", {reason}, 0};
    return ledger_transition(b, id, DELIVERY_NOT_ATTEMPTED, &update, error, error_size);
}

bool ledger_sqlite_set_archive(ledger_backend *b, int64_t id, const char *archive_path, const char *sha256,
                        int64_t size_bytes, char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "UPDATE deliveries SET archive_path = ?2, message_sha256 = ?3, size_bytes = ?4,"
        " updated_at = ?5 WHERE id = ?1",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, archive_path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, sha256, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 4, size_bytes);
    sqlite3_bind_int64(stmt, 5, (sqlite3_int64)time(NULL));
    if (!ledger_run(b, stmt, "cannot record the archive", error, error_size))
        return false;
    if (sqlite3_changes(b->db) == 0) {
        snprintf(error, error_size, "%s: no delivery %lld", b->path, (long long)id);
        return false;
    }
    return true;
}

/* What a crash leaves, and what it becomes: a `sending` row may have
 * reached SES (`unknown`, for the operator to check); a `pending` row never
 * left this machine (`failed`, resendable like any failure). */
static const struct {
    const char *sql;
    bool counted; /* reported to the caller as needing a check */
} ledger_crash_recovery[] = {
    {"UPDATE deliveries SET state = 'unknown', error_code = 'interrupted',"
     " error_message = 'the program stopped while this message was being sent;"
     " SES may or may not have accepted it', updated_at = ?1, host = ?2"
     " WHERE state = 'sending'",
     true},
    {"UPDATE deliveries SET state = 'failed', error_code = 'interrupted',"
     " error_message = 'not sent, the process stopped', updated_at = ?1, host = ?2"
     " WHERE state = 'pending'",
     false},
};

bool ledger_recover_interrupted(ledger_backend *b, int *recovered, char *error, size_t error_size)
{
    *recovered = 0;
    for (size_t i = 0; i < sizeof ledger_crash_recovery / sizeof *ledger_crash_recovery; i++) {
        sqlite3_stmt *stmt = ledger_prepare(b, ledger_crash_recovery[i].sql, error, error_size);
        if (!stmt)
            return false;
        sqlite3_bind_int64(stmt, 1, (sqlite3_int64)time(NULL));
        ledger_bind_host(stmt, 2, b);
        if (!ledger_run(b, stmt, "cannot recover interrupted deliveries", error, error_size))
            return false;
        if (ledger_crash_recovery[i].counted)
            *recovered += sqlite3_changes(b->db);
    }
    return true;
}
