/* ledger_claim: the SQLite back end's day claim (ledger_claim_day).
 *
 * A report (persona, scope) is held for a UTC day by any other non-test
 * delivery of it created that day that is `sending`, `sent` or `unknown`;
 * `failed` and `not-attempted` free the day. SQLite keeps no claim row:
 * the deliveries are the claim, and the batch lock (one batch per ledger
 * file, every send is a batch) makes the look-up and the `sending` that
 * follows one step for every process on the file.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ledger/ledger_internal.h"

/* [start, end) of the UTC day "YYYY-MM-DD"; false when `day` is not one. */
static bool ledger_utc_day_bounds(const char *day, time_t *start, time_t *end)
{
    struct tm tm = {0};
    int year, month, mday, length = 0;
    if (!day || sscanf(day, "%4d-%2d-%2d%n", &year, &month, &mday, &length) != 3 ||
        length != 10 || day[length] || month < 1 || month > 12 || mday < 1 || mday > 31)
        return false;
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = mday;
    *start = timegm(&tm);
    tm.tm_mday += 1;
    *end = timegm(&tm);
    return *start != (time_t)-1 && *end > *start;
}

/* The persona and scope of delivery `id`; a message when there is none. */
static bool ledger_claim_report(ledger_backend *b, int64_t id, char *persona,
                                size_t persona_size, char *scope, size_t scope_size,
                                char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b, "SELECT persona, scope FROM deliveries WHERE id = ?1", error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        snprintf(persona, persona_size, "%s", (const char *)sqlite3_column_text(stmt, 0));
        snprintf(scope, scope_size, "%s", (const char *)sqlite3_column_text(stmt, 1));
    } else if (rc == SQLITE_DONE) {
        snprintf(error, error_size, "%s: no delivery %lld", b->path, (long long)id);
    } else {
        ledger_fail_sqlite(b, "cannot read a delivery", error, error_size);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW;
}

/* The latest other delivery that holds the report's day, if any. */
static bool ledger_claim_holder(ledger_backend *b, int64_t id, const char *persona,
                                const char *scope, time_t start, time_t end, bool *held,
                                ledger_day_holder *holder, char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "SELECT id, state, created_at, host FROM deliveries"
        " WHERE persona = ?1 AND scope = ?2 AND id <> ?3 AND test = 0"
        " AND state IN ('sending', 'sent', 'unknown')"
        " AND created_at >= ?4 AND created_at < ?5"
        " ORDER BY created_at DESC, id DESC LIMIT 1",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, persona, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, scope, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 3, id);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)start);
    sqlite3_bind_int64(stmt, 5, (sqlite3_int64)end);
    int rc = sqlite3_step(stmt);
    *held = rc == SQLITE_ROW;
    if (*held) {
        memset(holder, 0, sizeof *holder);
        holder->delivery_id = sqlite3_column_int64(stmt, 0);
        if (!ledger_state_from_name((const char *)sqlite3_column_text(stmt, 1), &holder->state))
            holder->state = DELIVERY_UNKNOWN; /* the CHECK constraint makes this unreachable */
        holder->at = (time_t)sqlite3_column_int64(stmt, 2);
        const unsigned char *host = sqlite3_column_text(stmt, 3);
        snprintf(holder->host, sizeof holder->host, "%s", host ? (const char *)host : "");
    } else if (rc != SQLITE_DONE) {
        ledger_fail_sqlite(b, "cannot read the report's day", error, error_size);
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

bool ledger_sqlite_claim_day(ledger_backend *b, int64_t id, const char *day, bool *claimed,
                             ledger_day_holder *holder, char *error, size_t error_size)
{
    *claimed = false;
    time_t start, end;
    if (!ledger_utc_day_bounds(day, &start, &end)) {
        snprintf(error, error_size, "%s: \"%s\" is no day to claim (YYYY-MM-DD)", b->path,
                 day ? day : "");
        return false;
    }
    char persona[16], scope[128];
    bool held = false;
    if (!ledger_claim_report(b, id, persona, sizeof persona, scope, sizeof scope, error,
                             error_size) ||
        !ledger_claim_holder(b, id, persona, scope, start, end, &held, holder, error,
                             error_size))
        return false;
    *claimed = !held;
    return true;
}
