/* ledger_read: deliveries back out of the ledger, newest first.
 *
 * One column list feeds every query so a row is always read the same way;
 * the strings of a ledger_delivery are owned by it (ledger_delivery_clear).
 * Filters are one fixed statement where an unset filter binds NULL or 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/ledger_internal.h"

#define LEDGER_COLUMNS                                                                          \
    "id, batch_id, resend_of, persona, scope, subject, from_address, to_addresses,"            \
    " cc_addresses, bcc_addresses, message_sha256, archive_path, state, message_id,"           \
    " request_id, attempts, error_code, error_message, created_at, updated_at, size_bytes,"  \
    " test, (SELECT group_concat(outcome) FROM recipients r WHERE r.delivery_id = deliveries.id),"\
    " host"

void ledger_delivery_clear(ledger_delivery *d)
{
    free(d->subject);
    free(d->from_address);
    free(d->to_addresses);
    free(d->cc_addresses);
    free(d->bcc_addresses);
    free(d->archive_path);
    free(d->message_id);
    free(d->request_id);
    free(d->error_code);
    free(d->error_message);
    memset(d, 0, sizeof *d);
}

void ledger_deliveries_free(ledger_delivery *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        ledger_delivery_clear(&list[i]);
    free(list);
}

static char *ledger_column_strdup(sqlite3_stmt *stmt, int column)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);
    return text ? strdup((const char *)text) : NULL;
}

static void ledger_column_copy(sqlite3_stmt *stmt, int column, char *out, size_t out_size)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);
    snprintf(out, out_size, "%s", text ? (const char *)text : "");
}

/* Reads the current row (selected with LEDGER_COLUMNS) into `d`. */
static void ledger_read_row(sqlite3_stmt *stmt, ledger_delivery *d)
{
    memset(d, 0, sizeof *d);
    d->id = sqlite3_column_int64(stmt, 0);
    d->batch_id = sqlite3_column_int64(stmt, 1);
    d->resend_of = sqlite3_column_int64(stmt, 2);
    ledger_column_copy(stmt, 3, d->persona, sizeof d->persona);
    ledger_column_copy(stmt, 4, d->scope, sizeof d->scope);
    d->subject = ledger_column_strdup(stmt, 5);
    d->from_address = ledger_column_strdup(stmt, 6);
    d->to_addresses = ledger_column_strdup(stmt, 7);
    d->cc_addresses = ledger_column_strdup(stmt, 8);
    d->bcc_addresses = ledger_column_strdup(stmt, 9);
    ledger_column_copy(stmt, 10, d->message_sha256, sizeof d->message_sha256);
    d->archive_path = ledger_column_strdup(stmt, 11);
    const unsigned char *state = sqlite3_column_text(stmt, 12);
    if (!ledger_state_from_name((const char *)state, &d->state))
        d->state = DELIVERY_UNKNOWN; /* the CHECK constraint makes this unreachable */
    d->message_id = ledger_column_strdup(stmt, 13);
    d->request_id = ledger_column_strdup(stmt, 14);
    d->attempts = sqlite3_column_int(stmt, 15);
    d->error_code = ledger_column_strdup(stmt, 16);
    d->error_message = ledger_column_strdup(stmt, 17);
    d->created_at = (time_t)sqlite3_column_int64(stmt, 18);
    d->updated_at = (time_t)sqlite3_column_int64(stmt, 19);
    d->size_bytes = sqlite3_column_int64(stmt, 20);
    d->test = sqlite3_column_int(stmt, 21) != 0;
    ledger_read_outcomes(d, (const char *)sqlite3_column_text(stmt, 22));
    ledger_column_copy(stmt, 23, d->host, sizeof d->host);
}

bool ledger_sqlite_get(ledger_backend *b, int64_t id, ledger_delivery *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ledger_prepare(
        b, "SELECT " LEDGER_COLUMNS " FROM deliveries WHERE id = ?1", error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        ledger_read_row(stmt, out);
    else if (rc == SQLITE_DONE)
        snprintf(error, error_size, "%s: no delivery %lld", b->path, (long long)id);
    else
        ledger_fail_sqlite(b, "cannot read a delivery", error, error_size);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW;
}

/* The position a page starts after: delivery `id`'s creation time. */
static bool ledger_page_start(ledger_backend *b, int64_t id, int64_t *created_at, char *error,
                              size_t error_size)
{
    sqlite3_stmt *stmt =
        ledger_prepare(b, "SELECT created_at FROM deliveries WHERE id = ?1", error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *created_at = sqlite3_column_int64(stmt, 0);
    else if (rc == SQLITE_DONE)
        snprintf(error, error_size, "%s: no delivery %lld to list after", b->path, (long long)id);
    else
        ledger_fail_sqlite(b, "cannot read a delivery", error, error_size);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW;
}

static bool ledger_has_persona(const ledger_filter *f) { return f->persona != NULL; }
static bool ledger_has_scope(const ledger_filter *f) { return f->scope != NULL; }
static bool ledger_has_state(const ledger_filter *f) { return f->has_state; }
static bool ledger_has_since(const ledger_filter *f) { return f->since != 0; }
static bool ledger_has_batch(const ledger_filter *f) { return f->batch_id != 0; }
static bool ledger_has_no_tests(const ledger_filter *f) { return f->exclude_tests; }
static bool ledger_has_after(const ledger_filter *f) { return f->after_id != 0; }

/* The WHERE terms of a listing, each only when its filter is set: a term
 * such as "(?1 IS NULL OR persona = ?1)" would keep SQLite from using an
 * index for it, and a day's look-up by report would read every row. The
 * parameter numbers are fixed (ledger_bind_filter); the page start is
 * "created_at <= its time, and earlier or a lower id", a range on
 * deliveries_by_created and deliveries_by_report. */
static const struct {
    bool (*applies)(const ledger_filter *f);
    const char *term;
} ledger_list_terms[] = {
    {ledger_has_persona, "persona = ?1"},
    {ledger_has_scope, "scope = ?2"},
    {ledger_has_state, "state = ?3"},
    {ledger_has_since, "created_at >= ?4"},
    {ledger_has_batch, "batch_id = ?5"},
    {ledger_has_no_tests, "test = 0"},
    {ledger_has_after, "created_at <= ?7 AND (created_at < ?7 OR id < ?8)"},
};

void ledger_list_sql(const ledger_filter *filter, strbuf *sql)
{
    strbuf_puts(sql, "SELECT " LEDGER_COLUMNS " FROM deliveries");
    const char *joint = " WHERE ";
    for (size_t i = 0; i < sizeof ledger_list_terms / sizeof ledger_list_terms[0]; i++)
        if (ledger_list_terms[i].applies(filter)) {
            strbuf_puts(sql, joint);
            strbuf_puts(sql, ledger_list_terms[i].term);
            joint = " AND ";
        }
    strbuf_puts(sql, " ORDER BY created_at DESC, id DESC LIMIT ?6");
}

/* Binds every parameter a term may use; those the statement does not
 * hold are refused by SQLite (SQLITE_RANGE) and mean nothing. */
static void ledger_bind_filter(sqlite3_stmt *stmt, const ledger_filter *filter,
                               int64_t after_created_at)
{
    sqlite3_bind_text(stmt, 1, filter->persona, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, filter->scope, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, filter->has_state ? ledger_state_name(filter->state) : NULL, -1,
                      SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)filter->since);
    sqlite3_bind_int64(stmt, 5, filter->batch_id);
    sqlite3_bind_int64(stmt, 6, filter->limit > 0 ? (sqlite3_int64)filter->limit : -1);
    sqlite3_bind_int64(stmt, 7, after_created_at);
    sqlite3_bind_int64(stmt, 8, filter->after_id);
}

static bool ledger_push(ledger_delivery **list, size_t *count, size_t *capacity)
{
    if (*count < *capacity)
        return true;
    size_t grown = *capacity ? *capacity * 2 : 16;
    ledger_delivery *bigger = realloc(*list, grown * sizeof **list);
    if (!bigger)
        return false;
    *list = bigger;
    *capacity = grown;
    return true;
}

static sqlite3_stmt *ledger_list_prepare(ledger_backend *b, const ledger_filter *filter,
                                         char *error, size_t error_size)
{
    int64_t after_created_at = 0;
    if (filter->after_id &&
        !ledger_page_start(b, filter->after_id, &after_created_at, error, error_size))
        return NULL;
    strbuf sql = STRBUF_INIT;
    ledger_list_sql(filter, &sql);
    sqlite3_stmt *stmt = ledger_prepare(b, strbuf_cstr(&sql), error, error_size);
    strbuf_free(&sql);
    if (stmt)
        ledger_bind_filter(stmt, filter, after_created_at);
    return stmt;
}

bool ledger_sqlite_list(ledger_backend *b, const ledger_filter *filter, ledger_delivery **out, size_t *count,
                 char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    static const ledger_filter any = {0};
    sqlite3_stmt *stmt = ledger_list_prepare(b, filter ? filter : &any, error, error_size);
    if (!stmt)
        return false;
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!ledger_push(out, count, &capacity)) {
            snprintf(error, error_size, "%s: out of memory listing deliveries", b->path);
            break;
        }
        ledger_read_row(stmt, &(*out)[(*count)++]);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        ledger_fail_sqlite(b, "cannot list deliveries", error, error_size);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_DONE)
        return true;
    ledger_deliveries_free(*out, *count);
    *out = NULL;
    *count = 0;
    return false;
}

bool ledger_sqlite_count_deliveries(ledger_backend *b, size_t by_state[DELIVERY_STATE_COUNT],
                                    char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(b, "SELECT state, deliveries FROM delivery_counts",
                                        error, error_size);
    if (!stmt)
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        delivery_state state;
        if (ledger_state_from_name((const char *)sqlite3_column_text(stmt, 0), &state))
            by_state[state] = (size_t)sqlite3_column_int64(stmt, 1);
    }
    if (rc != SQLITE_DONE)
        ledger_fail_sqlite(b, "cannot count deliveries", error, error_size);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

int64_t ledger_sqlite_last_batch(ledger_backend *b)
{
    char ignored[256];
    sqlite3_stmt *stmt = ledger_prepare(b, "SELECT COALESCE(MAX(id), 0) FROM batches", ignored,
                                        sizeof ignored);
    if (!stmt)
        return 0;
    int64_t id = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return id;
}
