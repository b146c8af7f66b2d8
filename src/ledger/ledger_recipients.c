/* ledger_recipients: one row per recipient of a delivery and its outcome.
 *
 * Rows are made `sent` when the delivery is marked sent (its To, Cc and Bcc
 * as stored), or when an event names an address the delivery has no row
 * for (a delivery sent before schema v5). An outcome moves only as
 * ledger_outcome_transitions[] allows: SES's events arrive in any order and
 * sometimes twice, and a later event must not undo what an earlier one
 * proved (a `DeliveryDelay` read after the `Delivery`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger_internal.h"

static const char *const ledger_outcome_names[OUTCOME_COUNT] = {
    [OUTCOME_SENT] = "sent",           [OUTCOME_DELIVERED] = "delivered",
    [OUTCOME_BOUNCED] = "bounced",     [OUTCOME_COMPLAINED] = "complained",
    [OUTCOME_DELAYED] = "delayed",     [OUTCOME_REJECTED] = "rejected",
};

const char *ledger_outcome_name(recipient_outcome outcome)
{
    return (unsigned)outcome < OUTCOME_COUNT ? ledger_outcome_names[outcome] : "invalid";
}

bool ledger_outcome_from_name(const char *name, recipient_outcome *outcome)
{
    for (int i = 0; i < OUTCOME_COUNT; i++) {
        if (name && strcmp(name, ledger_outcome_names[i]) == 0) {
            *outcome = (recipient_outcome)i;
            return true;
        }
    }
    return false;
}

/* [from][to]: may a recipient that is `from` become `to`? Staying the same
 * is allowed (a second delay updates its time and detail; the event key,
 * not this table, stops a duplicate). `delivered` may still become
 * `bounced` (an asynchronous bounce from the receiving server) or
 * `complained` (the recipient marked it as spam); nothing returns to
 * `sent` or `delayed` once delivered; bounced, complained and rejected
 * are final. */
static const bool ledger_outcome_transitions[OUTCOME_COUNT][OUTCOME_COUNT] = {
    [OUTCOME_SENT] = {[OUTCOME_SENT] = true, [OUTCOME_DELIVERED] = true,
                      [OUTCOME_BOUNCED] = true, [OUTCOME_COMPLAINED] = true,
                      [OUTCOME_DELAYED] = true, [OUTCOME_REJECTED] = true},
    [OUTCOME_DELAYED] = {[OUTCOME_DELIVERED] = true, [OUTCOME_BOUNCED] = true,
                         [OUTCOME_COMPLAINED] = true, [OUTCOME_DELAYED] = true,
                         [OUTCOME_REJECTED] = true},
    [OUTCOME_DELIVERED] = {[OUTCOME_DELIVERED] = true, [OUTCOME_BOUNCED] = true,
                           [OUTCOME_COMPLAINED] = true},
    [OUTCOME_BOUNCED] = {[OUTCOME_BOUNCED] = true},
    [OUTCOME_COMPLAINED] = {[OUTCOME_COMPLAINED] = true},
    [OUTCOME_REJECTED] = {[OUTCOME_REJECTED] = true},
};

bool ledger_outcome_may_become(recipient_outcome from, recipient_outcome to)
{
    return (unsigned)from < OUTCOME_COUNT && (unsigned)to < OUTCOME_COUNT &&
           ledger_outcome_transitions[from][to];
}

/* Which outcome the summary names: the first of this list any recipient
 * has. The operator must see a complaint or a bounce before good news. */
static const recipient_outcome ledger_summary_order[] = {
    OUTCOME_COMPLAINED, OUTCOME_BOUNCED, OUTCOME_REJECTED,
    OUTCOME_DELAYED,    OUTCOME_DELIVERED, OUTCOME_SENT,
};

void ledger_outcome_summary(const ledger_delivery *d, char *out, size_t out_size)
{
    out[0] = '\0';
    for (size_t i = 0; i < sizeof ledger_summary_order / sizeof *ledger_summary_order; i++) {
        recipient_outcome o = ledger_summary_order[i];
        if (d->recipient_count > 0 && d->outcome_counts[o] > 0) {
            snprintf(out, out_size, "%s %d/%d", ledger_outcome_name(o), d->outcome_counts[o],
                     d->recipient_count);
            return;
        }
    }
}

void ledger_read_outcomes(ledger_delivery *d, const char *outcomes)
{
    memset(d->outcome_counts, 0, sizeof d->outcome_counts);
    d->recipient_count = 0;
    for (const char *p = outcomes; p && *p;) {
        size_t length = strcspn(p, ",");
        char name[16];
        snprintf(name, sizeof name, "%.*s", (int)(length < sizeof name ? length : 0), p);
        recipient_outcome o;
        if (ledger_outcome_from_name(name, &o)) {
            d->outcome_counts[o]++;
            d->recipient_count++;
        }
        p += length + (p[length] == ',');
    }
}

/* ---- recording the recipients of a sent delivery ---- */

typedef struct {
    sqlite3_stmt *insert;
    bool ok;
} recipient_insert;

static void ledger_insert_address(void *context, const char *address, size_t length)
{
    recipient_insert *r = context;
    sqlite3_reset(r->insert);
    sqlite3_bind_text(r->insert, 2, address, (int)length, SQLITE_TRANSIENT);
    r->ok = r->ok && sqlite3_step(r->insert) == SQLITE_DONE;
}

bool ledger_record_recipients(ledger_backend *b, int64_t id, time_t at, char *error, size_t error_size)
{
    ledger_delivery d;
    if (!ledger_sqlite_get(b, id, &d, error, error_size))
        return false;
    /* position: after the rows it has, so the order is the order sent. */
    sqlite3_stmt *insert = ledger_prepare(
        b,
        "INSERT OR IGNORE INTO recipients (delivery_id, position, address, kind, outcome, at)"
        " VALUES (?1, (SELECT COUNT(*) FROM recipients WHERE delivery_id = ?1), ?2, ?3, 'sent',"
        " ?4)",
        error, error_size);
    if (!insert) {
        ledger_delivery_clear(&d);
        return false;
    }
    const struct {
        const char *kind;
        const char *list;
    } lists[] = {{"to", d.to_addresses}, {"cc", d.cc_addresses}, {"bcc", d.bcc_addresses}};
    recipient_insert r = {insert, true};
    sqlite3_bind_int64(insert, 1, id);
    sqlite3_bind_int64(insert, 4, (sqlite3_int64)at);
    for (size_t i = 0; i < sizeof lists / sizeof *lists && r.ok; i++) {
        sqlite3_reset(insert); /* a stepped statement takes no new binding */
        sqlite3_bind_text(insert, 3, lists[i].kind, -1, SQLITE_STATIC);
        ledger_each_address(lists[i].list, ledger_insert_address, &r);
    }
    if (!r.ok)
        ledger_fail_sqlite(b, "cannot record the recipients", error, error_size);
    sqlite3_finalize(insert);
    ledger_delivery_clear(&d);
    return r.ok;
}

/* ---- reading them ---- */

void ledger_recipients_free(ledger_recipient *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].address);
        free(list[i].detail);
    }
    free(list);
}

static void ledger_read_recipient(sqlite3_stmt *stmt, ledger_recipient *r)
{
    memset(r, 0, sizeof *r);
    const unsigned char *address = sqlite3_column_text(stmt, 0);
    r->address = strdup(address ? (const char *)address : "");
    const unsigned char *kind = sqlite3_column_text(stmt, 1);
    snprintf(r->kind, sizeof r->kind, "%s", kind ? (const char *)kind : "");
    if (!ledger_outcome_from_name((const char *)sqlite3_column_text(stmt, 2), &r->outcome))
        r->outcome = OUTCOME_SENT; /* the CHECK constraint makes this unreachable */
    r->at = (time_t)sqlite3_column_int64(stmt, 3);
    const unsigned char *detail = sqlite3_column_text(stmt, 4);
    r->detail = detail ? strdup((const char *)detail) : NULL;
    r->opens = sqlite3_column_int(stmt, 5);
    r->clicks = sqlite3_column_int(stmt, 6);
}

bool ledger_sqlite_recipients(ledger_backend *b, int64_t id, ledger_recipient **out, size_t *count,
                       char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "SELECT address, kind, outcome, at, detail, opens, clicks FROM recipients"
        " WHERE delivery_id = ?1 ORDER BY position, address",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == capacity) {
            size_t grown = capacity ? capacity * 2 : 8;
            ledger_recipient *bigger = realloc(*out, grown * sizeof **out);
            if (!bigger) {
                fputs("briefing: out of memory\n", stderr);
                abort();
            }
            *out = bigger;
            capacity = grown;
        }
        ledger_read_recipient(stmt, &(*out)[(*count)++]);
    }
    if (rc != SQLITE_DONE) {
        ledger_fail_sqlite(b, "cannot read the recipients", error, error_size);
        ledger_recipients_free(*out, *count);
        *out = NULL;
        *count = 0;
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}
