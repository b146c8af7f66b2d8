/* ledger_schema: the schema as a list of migration steps.
 *
 * PRAGMA user_version holds how many steps a file has had. Step N (1-based)
 * turns a version N-1 file into version N inside one transaction, so a crash
 * mid-migration leaves the previous version intact. Steps are only ever
 * appended: a released step never changes, because files in the field have
 * already run it.
 */
#include <stdio.h>

#include "ledger/ledger_internal.h"

static const char *const ledger_migrations[] = {
    /* v1: batches and deliveries with the fields of DESIGN §8. */
    "CREATE TABLE batches ("
    "  id INTEGER PRIMARY KEY,"
    "  created_at INTEGER NOT NULL,"
    "  note TEXT,"
    "  finished_at INTEGER);"
    "CREATE TABLE deliveries ("
    "  id INTEGER PRIMARY KEY,"
    "  batch_id INTEGER REFERENCES batches(id),"
    "  resend_of INTEGER REFERENCES deliveries(id),"
    "  persona TEXT NOT NULL,"
    "  scope TEXT NOT NULL,"
    "  subject TEXT,"
    "  from_address TEXT,"
    "  to_addresses TEXT,"
    "  cc_addresses TEXT,"
    "  bcc_addresses TEXT,"
    "  message_sha256 TEXT,"
    "  archive_path TEXT,"
    "  state TEXT NOT NULL"
    "    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unknown')),"
    "  message_id TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  error_message TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  size_bytes INTEGER NOT NULL DEFAULT 0);",

    /* v2: the SES request id and error code of the last answer (support
     * needs the request id), and indexes for `log` filters and recovery. */
    "ALTER TABLE deliveries ADD COLUMN request_id TEXT;"
    "ALTER TABLE deliveries ADD COLUMN error_code TEXT;"
    "CREATE INDEX deliveries_by_state ON deliveries(state);"
    "CREATE INDEX deliveries_by_created ON deliveries(created_at, id);"
    "CREATE INDEX deliveries_by_batch ON deliveries(batch_id);",

    /* v3: `not-attempted`, a report of a batch that was never sent (build
     * error, stopped early) and says why, so nothing of a batch goes
     * unrecorded. SQLite cannot change a CHECK in place: the table is
     * copied. Its resend_of names the new table, so the implicit delete of
     * the old one breaks no reference; the rename carries it over. */
    "CREATE TABLE deliveries_v3 ("
    "  id INTEGER PRIMARY KEY,"
    "  batch_id INTEGER REFERENCES batches(id),"
    "  resend_of INTEGER REFERENCES deliveries_v3(id),"
    "  persona TEXT NOT NULL,"
    "  scope TEXT NOT NULL,"
    "  subject TEXT,"
    "  from_address TEXT,"
    "  to_addresses TEXT,"
    "  cc_addresses TEXT,"
    "  bcc_addresses TEXT,"
    "  message_sha256 TEXT,"
    "  archive_path TEXT,"
    "  state TEXT NOT NULL"
    "    CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unknown', 'not-attempted')),"
    "  message_id TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  error_message TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  size_bytes INTEGER NOT NULL DEFAULT 0,"
    "  request_id TEXT,"
    "  error_code TEXT);"
    "INSERT INTO deliveries_v3 (id, batch_id, resend_of, persona, scope, subject, from_address,"
    "  to_addresses, cc_addresses, bcc_addresses, message_sha256, archive_path, state, message_id,"
    "  attempts, error_message, created_at, updated_at, size_bytes, request_id, error_code)"
    " SELECT id, batch_id, resend_of, persona, scope, subject, from_address, to_addresses,"
    "  cc_addresses, bcc_addresses, message_sha256, archive_path, state, message_id, attempts,"
    "  error_message, created_at, updated_at, size_bytes, request_id, error_code"
    " FROM deliveries ORDER BY id;"
    "DROP TABLE deliveries;"
    "ALTER TABLE deliveries_v3 RENAME TO deliveries;"
    "CREATE INDEX deliveries_by_state ON deliveries(state);"
    "CREATE INDEX deliveries_by_created ON deliveries(created_at, id);"
    "CREATE INDEX deliveries_by_batch ON deliveries(batch_id);",

    /* v4: `test`, a test send (to the sender only, "[TEST] " before the
     * subject) that is never the persona's report: planning does not count
     * it as sent. Rows of earlier versions are test sends by that label. */
    /* (parentheses: one element of two statements, not two elements) */
    ("ALTER TABLE deliveries ADD COLUMN test INTEGER NOT NULL DEFAULT 0;"
     "UPDATE deliveries SET test = 1 WHERE subject LIKE '[TEST] %';"),

    /* v5: what SES's events say happened to each recipient (briefing
     * events). `recipients`: one row per address of a delivery, made `sent`
     * when it is marked sent; `events`: the key of every event applied, so
     * applying one twice changes nothing; `kept_aside`: messages that were
     * no usable event, or named no delivery, with why. Rows of earlier
     * versions get recipient rows only as events name them. */
    ("CREATE TABLE recipients ("
     "  delivery_id INTEGER NOT NULL REFERENCES deliveries(id),"
     "  position INTEGER NOT NULL,"
     "  address TEXT NOT NULL COLLATE NOCASE,"
     "  kind TEXT NOT NULL CHECK (kind IN ('to', 'cc', 'bcc', 'event')),"
     "  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'delivered', 'bounced', 'complained',"
     "    'delayed', 'rejected')),"
     "  at INTEGER NOT NULL,"
     "  detail TEXT,"
     "  opens INTEGER NOT NULL DEFAULT 0,"
     "  clicks INTEGER NOT NULL DEFAULT 0,"
     "  PRIMARY KEY (delivery_id, address));"
     "CREATE TABLE events ("
     "  event_key TEXT PRIMARY KEY,"
     "  delivery_id INTEGER NOT NULL REFERENCES deliveries(id),"
     "  event_type TEXT NOT NULL,"
     "  message_id TEXT NOT NULL,"
     "  at INTEGER NOT NULL,"
     "  applied_at INTEGER NOT NULL);"
     "CREATE TABLE kept_aside ("
     "  id INTEGER PRIMARY KEY,"
     "  body_sha256 TEXT NOT NULL UNIQUE,"
     "  reason TEXT NOT NULL,"
     "  body TEXT NOT NULL,"
     "  kept_at INTEGER NOT NULL);"
     "CREATE INDEX deliveries_by_message_id ON deliveries(message_id);"),

    /* v6: `host`, the machine that last wrote the row (its hostname, set
     * when the row is added and at each state change), so a day claim
     * refused by another delivery can name where it was sent from (a
     * ledger file shared between machines, or the DynamoDB back end's
     * same attribute). Rows of earlier versions have none. The index
     * serves the day claim's look-up by report and day. */
    ("ALTER TABLE deliveries ADD COLUMN host TEXT;"
     "CREATE INDEX deliveries_by_report ON deliveries(persona, scope, created_at);"),

    /* v7: how many deliveries are in each state, kept by triggers in the
     * transaction of every insert, state change and delete, so `ledger
     * status` reads six rows, not every delivery (issue 11: 100,000 of
     * them). Counted once here from what the file holds. A later step
     * that copies `deliveries` (as v3 did) must create the triggers again. */
    ("CREATE TABLE delivery_counts ("
     "  state TEXT PRIMARY KEY,"
     "  deliveries INTEGER NOT NULL);"
     "INSERT INTO delivery_counts SELECT state, COUNT(*) FROM deliveries GROUP BY state;"
     "CREATE TRIGGER deliveries_count_insert AFTER INSERT ON deliveries BEGIN"
     "  INSERT INTO delivery_counts VALUES (NEW.state, 1)"
     "    ON CONFLICT(state) DO UPDATE SET deliveries = deliveries + 1;"
     " END;"
     "CREATE TRIGGER deliveries_count_update AFTER UPDATE OF state ON deliveries"
     "  WHEN OLD.state <> NEW.state BEGIN"
     "  UPDATE delivery_counts SET deliveries = deliveries - 1 WHERE state = OLD.state;"
     "  INSERT INTO delivery_counts VALUES (NEW.state, 1)"
     "    ON CONFLICT(state) DO UPDATE SET deliveries = deliveries + 1;"
     " END;"
     "CREATE TRIGGER deliveries_count_delete AFTER DELETE ON deliveries BEGIN"
     "  UPDATE delivery_counts SET deliveries = deliveries - 1 WHERE state = OLD.state;"
     " END;"),
};

enum { LEDGER_MIGRATION_COUNT = sizeof ledger_migrations / sizeof ledger_migrations[0] };

int ledger_schema_version(void)
{
    return LEDGER_MIGRATION_COUNT;
}

static bool ledger_user_version(ledger_backend *b, int *version, char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(b, "PRAGMA user_version", error, error_size);
    if (!stmt)
        return false;
    bool ok = sqlite3_step(stmt) == SQLITE_ROW;
    if (ok)
        *version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return ok ? true : ledger_fail_sqlite(b, "cannot read the schema version", error, error_size);
}

static bool ledger_exec(ledger_backend *b, const char *sql, const char *what, char *error,
                        size_t error_size)
{
    if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return ledger_fail_sqlite(b, what, error, error_size);
    return true;
}

/* Applies the step after `version`, which the caller read inside the same
 * write transaction (so two programs opening a new file do not both run it). */
static bool ledger_apply_step(ledger_backend *b, int version, const char *what, char *error,
                              size_t error_size)
{
    /* PRAGMA takes no bound parameters; the version is our own small
     * integer, never outside input. */
    char set_version[64];
    snprintf(set_version, sizeof set_version, "PRAGMA user_version = %d", version + 1);
    return ledger_exec(b, ledger_migrations[version], what, error, error_size) &&
           ledger_exec(b, set_version, what, error, error_size);
}

/* One step per transaction: false when it failed, `*done` when none is due. */
static bool ledger_migrate_once(ledger_backend *b, bool *done, char *error, size_t error_size)
{
    const char *what = "cannot migrate the schema";
    if (!ledger_exec(b, "BEGIN IMMEDIATE", what, error, error_size))
        return false;
    int version = 0;
    bool ok = ledger_user_version(b, &version, error, error_size);
    if (ok && version > LEDGER_MIGRATION_COUNT) {
        snprintf(error, error_size,
                 "%s: schema v%d was written by a newer briefing (this one knows v%d)", b->path,
                 version, LEDGER_MIGRATION_COUNT);
        ok = false;
    }
    *done = ok && version == LEDGER_MIGRATION_COUNT;
    if (ok && !*done)
        ok = ledger_apply_step(b, version, what, error, error_size);
    if (ok && ledger_exec(b, "COMMIT", what, error, error_size))
        return true;
    sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

bool ledger_migrate(ledger_backend *b, char *error, size_t error_size)
{
    bool done = false;
    while (!done)
        if (!ledger_migrate_once(b, &done, error, error_size))
            return false;
    return true;
}
