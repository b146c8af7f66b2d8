/* ledger_sql: the few SQLite helpers every ledger file uses.
 *
 * Every statement is prepared with bound parameters and checked; a failure
 * names the ledger file and carries sqlite3_errmsg().
 */
#include <stdio.h>

#include "ledger/ledger_internal.h"

bool ledger_fail_sqlite(const ledger_backend *b, const char *what, char *error, size_t error_size)
{
    snprintf(error, error_size, "%s: %s: %s", b->path, what, sqlite3_errmsg(b->db));
    return false;
}

sqlite3_stmt *ledger_prepare(ledger_backend *b, const char *sql, char *error, size_t error_size)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(b->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        ledger_fail_sqlite(b, "cannot prepare a statement", error, error_size);
        sqlite3_finalize(stmt);
        return NULL;
    }
    return stmt;
}

bool ledger_run(ledger_backend *b, sqlite3_stmt *stmt, const char *what, char *error, size_t error_size)
{
    bool ok = sqlite3_step(stmt) == SQLITE_DONE;
    if (!ok)
        ledger_fail_sqlite(b, what, error, error_size);
    sqlite3_finalize(stmt);
    return ok;
}

bool ledger_begin(ledger_backend *b, char *error, size_t error_size)
{
    if (sqlite3_exec(b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return ledger_fail_sqlite(b, "cannot begin a transaction", error, error_size);
    return true;
}

bool ledger_commit(ledger_backend *b, char *error, size_t error_size)
{
    if (sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    ledger_fail_sqlite(b, "cannot commit", error, error_size);
    ledger_rollback(b);
    return false;
}

void ledger_rollback(ledger_backend *b)
{
    /* Fails harmlessly when SQLite already rolled back on its own. */
    sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
}
