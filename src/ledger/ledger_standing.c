/* ledger_standing: what SES's events said about an address across every
 * delivery — a permanent bounce or a complaint — so a front end can warn
 * before the address is used again. Only those two: a transient bounce or
 * a delay says nothing about the next message, and SES itself suppresses
 * on these two (docs/delivery-events.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger_internal.h"

typedef struct {
    ledger_backend *b;
    sqlite3_stmt *stmt;
    ledger_address_flag *flags;
    size_t count;
    bool ok;
    char *error;
    size_t error_size;
} ledger_standing_query;

/* The latest permanent bounce or complaint of one address, if any and if
 * no delivery SES reported Delivered to it came after (docs/sending.md,
 * step 4). */
static void ledger_standing_one(void *context, const char *address, size_t length)
{
    ledger_standing_query *q = context;
    if (!q->ok)
        return;
    sqlite3_reset(q->stmt);
    sqlite3_bind_text(q->stmt, 1, address, (int)length, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q->stmt);
    if (rc == SQLITE_DONE)
        return;
    if (rc != SQLITE_ROW) {
        q->ok = ledger_fail_sqlite(q->b, "cannot read an address's outcomes", q->error,
                                   q->error_size);
        return;
    }
    ledger_address_flag *grown = realloc(q->flags, (q->count + 1) * sizeof *grown);
    if (!grown) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    q->flags = grown;
    ledger_address_flag *f = &q->flags[q->count++];
    memset(f, 0, sizeof *f);
    snprintf(f->address, sizeof f->address, "%.*s", (int)length, address);
    const char *outcome = (const char *)sqlite3_column_text(q->stmt, 0);
    if (!ledger_outcome_from_name(outcome, &f->outcome))
        f->outcome = OUTCOME_BOUNCED; /* the query selects only the two */
    f->at = (time_t)sqlite3_column_int64(q->stmt, 1);
    f->delivery_id = sqlite3_column_int64(q->stmt, 2);
    const unsigned char *detail = sqlite3_column_text(q->stmt, 3);
    snprintf(f->detail, sizeof f->detail, "%s", detail ? (const char *)detail : "");
}

bool ledger_sqlite_address_flags(ledger_backend *b, const char *addresses, ledger_address_flag **out,
                          size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    /* `address` is COLLATE NOCASE: the comparison is case-blind. A bounce's
     * detail begins with SES's bounceType (events_parse). A recipient row
     * is `delivered` only while nothing worse came of it (a later bounce or
     * complaint moves it on), and its `at` is SES's Delivery time: one
     * later than the flag's says the mailbox took mail since. When the
     * latest flag has one, every earlier flag has it too. */
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "SELECT outcome, at, delivery_id, detail FROM recipients AS flag WHERE address = ?1"
        " AND (outcome = 'complained' OR (outcome = 'bounced' AND detail LIKE 'Permanent%'))"
        " AND NOT EXISTS (SELECT 1 FROM recipients AS since WHERE since.address = ?1"
        "   AND since.outcome = 'delivered' AND since.at > flag.at)"
        " ORDER BY at DESC, delivery_id DESC LIMIT 1",
        error, error_size);
    if (!stmt)
        return false;
    ledger_standing_query q = {b, stmt, NULL, 0, true, error, error_size};
    ledger_each_address(addresses, ledger_standing_one, &q);
    sqlite3_finalize(stmt);
    if (!q.ok) {
        free(q.flags);
        return false;
    }
    *out = q.flags;
    *count = q.count;
    return true;
}
