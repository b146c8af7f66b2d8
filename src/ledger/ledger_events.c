/* ledger_events: SES's events applied to the deliveries they are about.
 *
 * One event, one transaction: it is found a delivery (by MessageId, or an
 * `unknown` one by its X-Briefing-Delivery header), its recipients' outcomes
 * move as ledger_outcome_may_become() allows, and its key is remembered.
 * The caller deletes the queue's copy only after the commit, so a crash in
 * between brings the event back, and its key makes the second time a
 * duplicate that changes nothing. What names no delivery is kept aside
 * with why; nothing a queue hands over is dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefing/digest.h"
#include "ledger/ledger_internal.h"

static const char *const ledger_event_type_names[LEDGER_EVENT_TYPE_COUNT] = {
    [LEDGER_EVENT_SEND] = "Send",
    [LEDGER_EVENT_DELIVERY] = "Delivery",
    [LEDGER_EVENT_BOUNCE] = "Bounce",
    [LEDGER_EVENT_COMPLAINT] = "Complaint",
    [LEDGER_EVENT_REJECT] = "Reject",
    [LEDGER_EVENT_DELIVERY_DELAY] = "DeliveryDelay",
    [LEDGER_EVENT_RENDERING_FAILURE] = "RenderingFailure",
    [LEDGER_EVENT_OPEN] = "Open",
    [LEDGER_EVENT_CLICK] = "Click",
};

const char *ledger_event_type_name(ledger_event_type type)
{
    return (unsigned)type < LEDGER_EVENT_TYPE_COUNT ? ledger_event_type_names[type] : "invalid";
}

bool ledger_event_type_from_name(const char *name, ledger_event_type *type)
{
    for (int i = 0; i < LEDGER_EVENT_TYPE_COUNT; i++) {
        if (name && strcmp(name, ledger_event_type_names[i]) == 0) {
            *type = (ledger_event_type)i;
            return true;
        }
    }
    return false;
}

/* The effects of each event type (ledger_backend.h): the one table. */
static const ledger_event_effect ledger_event_effects[LEDGER_EVENT_TYPE_COUNT] = {
    [LEDGER_EVENT_SEND] = {false, OUTCOME_SENT, NULL, true},
    [LEDGER_EVENT_DELIVERY] = {true, OUTCOME_DELIVERED, NULL, true},
    [LEDGER_EVENT_BOUNCE] = {true, OUTCOME_BOUNCED, NULL, false},
    [LEDGER_EVENT_COMPLAINT] = {true, OUTCOME_COMPLAINED, NULL, false},
    [LEDGER_EVENT_REJECT] = {true, OUTCOME_REJECTED, NULL, false},
    [LEDGER_EVENT_DELIVERY_DELAY] = {true, OUTCOME_DELAYED, NULL, false},
    [LEDGER_EVENT_RENDERING_FAILURE] = {true, OUTCOME_REJECTED, NULL, false},
    [LEDGER_EVENT_OPEN] = {false, OUTCOME_SENT, "opens", false},
    [LEDGER_EVENT_CLICK] = {false, OUTCOME_SENT, "clicks", false},
};

const ledger_event_effect *ledger_event_effect_of(ledger_event_type type)
{
    return &ledger_event_effects[(unsigned)type < LEDGER_EVENT_TYPE_COUNT ? type
                                                                         : LEDGER_EVENT_SEND];
}

/* ---- kept aside ---- */

/* The body once (by its SHA-256); inside an event's transaction too. */
bool ledger_sqlite_keep_aside(ledger_backend *b, const char *body, const char *reason, bool *duplicate,
                       char *error, size_t error_size)
{
    char sha256[65];
    digest_sha256_hex(body, strlen(body), sha256);
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "INSERT OR IGNORE INTO kept_aside (body_sha256, reason, body, kept_at)"
        " VALUES (?1, ?2, ?3, ?4)",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, sha256, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, reason, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, body, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)time(NULL));
    if (!ledger_run(b, stmt, "cannot keep an event aside", error, error_size))
        return false;
    *duplicate = sqlite3_changes(b->db) == 0;
    return true;
}

int64_t ledger_sqlite_kept_aside_count(ledger_backend *b)
{
    char ignored[256];
    sqlite3_stmt *stmt =
        ledger_prepare(b, "SELECT COUNT(*) FROM kept_aside", ignored, sizeof ignored);
    if (!stmt)
        return 0;
    int64_t count = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return count;
}

static char *ledger_kept_aside_text(sqlite3_stmt *stmt, int column)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);
    char *copy = strdup(text ? (const char *)text : "");
    if (!copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return copy;
}

static void ledger_kept_aside_append(ledger_kept_aside_entry **list, size_t *count,
                                     size_t *capacity, sqlite3_stmt *stmt)
{
    if (*count == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 8;
        ledger_kept_aside_entry *bigger = realloc(*list, grown * sizeof **list);
        if (!bigger) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        *list = bigger;
        *capacity = grown;
    }
    ledger_kept_aside_entry *e = &(*list)[(*count)++];
    e->id = sqlite3_column_int64(stmt, 0);
    e->kept_at = (time_t)sqlite3_column_int64(stmt, 1);
    e->reason = ledger_kept_aside_text(stmt, 2);
    e->body_start = ledger_kept_aside_text(stmt, 3);
}

bool ledger_sqlite_kept_aside_list(ledger_backend *l, ledger_kept_aside_entry **out,
                                   size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    /* substr() counts characters in TEXT, so a body is never cut inside one. */
    sqlite3_stmt *stmt = ledger_prepare(
        l, "SELECT id, kept_at, reason, substr(body, 1, ?1) FROM kept_aside ORDER BY id",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int(stmt, 1, LEDGER_KEPT_ASIDE_BODY_START);
    size_t capacity = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        ledger_kept_aside_append(out, count, &capacity, stmt);
    if (rc != SQLITE_DONE) {
        ledger_fail_sqlite(l, "cannot read the kept-aside events", error, error_size);
        ledger_kept_aside_free(*out, *count);
        *out = NULL;
        *count = 0;
    }
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

void ledger_kept_aside_free(ledger_kept_aside_entry *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(list[i].reason);
        free(list[i].body_start);
    }
    free(list);
}

/* ---- finding the delivery ---- */

/* The first row of a query with text parameter ?1 and integer parameter
 * ?2 that selects an id and a name (a state, an outcome); `found` false
 * when it has no row. */
typedef struct {
    bool found;
    int64_t id;
    char state[32];
} ledger_lookup;

static bool ledger_lookup_run(ledger_backend *b, const char *sql, const char *text, int64_t number,
                              ledger_lookup *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *stmt = ledger_prepare(b, sql, error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, text, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, number);
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        out->found = true;
        out->id = sqlite3_column_int64(stmt, 0);
        const unsigned char *state = sqlite3_column_text(stmt, 1);
        snprintf(out->state, sizeof out->state, "%s", state ? (const char *)state : "");
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return ledger_fail_sqlite(b, "cannot look up a delivery", error, error_size);
    return true;
}

/* What an event is about, decided before anything is written. */
typedef enum {
    TARGET_FOUND,            /* a delivery with its MessageId */
    TARGET_RESOLVES_UNKNOWN, /* an `unknown` delivery its Send/Delivery resolves */
    TARGET_LATER,            /* its delivery is sending, or unknown awaiting its Send */
    TARGET_NONE,             /* keep aside */
} ledger_target_kind;

static bool ledger_find_target(ledger_backend *b, const ledger_event *event, ledger_target_kind *kind,
                               int64_t *id, char *why, size_t why_size, char *error,
                               size_t error_size)
{
    ledger_lookup by_id;
    if (!ledger_lookup_run(b,
                           "SELECT id, state FROM deliveries WHERE message_id = ?1"
                           " ORDER BY id DESC LIMIT 1",
                           event->message_id, 0, &by_id, error, error_size))
        return false;
    *id = by_id.id;
    *kind = TARGET_FOUND;
    if (by_id.found)
        return true;
    /* The header's delivery, only when the report is the one it names too:
     * two installations may share a queue, and their ids overlap. */
    ledger_lookup named = {0};
    if (event->header_delivery > 0 && event->header_report &&
        !ledger_lookup_run(b,
                           "SELECT id, state FROM deliveries WHERE id = ?2"
                           " AND persona || '/' || scope = ?1",
                           event->header_report, event->header_delivery, &named, error,
                           error_size))
        return false;
    *id = named.id;
    bool unknown = named.found && strcmp(named.state, "unknown") == 0;
    if (unknown && ledger_event_effects[event->type].resolves_unknown) {
        *kind = TARGET_RESOLVES_UNKNOWN;
    } else if (named.found && (unknown || strcmp(named.state, "sending") == 0)) {
        *kind = TARGET_LATER;
        snprintf(why, why_size, "delivery %lld is %s: its %s event waits in the queue",
                 (long long)named.id, named.state, ledger_event_type_name(event->type));
    } else {
        *kind = TARGET_NONE;
        if (named.found)
            snprintf(why, why_size, "no delivery has MessageId %s (X-Briefing-Delivery %lld is %s)",
                     event->message_id, (long long)named.id, named.state);
        else
            snprintf(why, why_size, "no delivery has MessageId %s", event->message_id);
    }
    return true;
}

/* `unknown` → `sent`: SES's own event carries the MessageId the lost
 * answer would have. Guarded by the state, like every transition. */
static bool ledger_resolve_unknown(ledger_backend *b, int64_t id, const ledger_event *event, char *error,
                                   size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "UPDATE deliveries SET state = 'sent', message_id = ?2, error_code = NULL,"
        " error_message = NULL, updated_at = ?3, host = ?4 WHERE id = ?1 AND state = 'unknown'",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, event->message_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 3, (sqlite3_int64)time(NULL));
    ledger_bind_host(stmt, 4, b);
    return ledger_run(b, stmt, "cannot resolve an unknown delivery", error, error_size) &&
           ledger_record_recipients(b, id, event->at, error, error_size);
}

/* ---- applying it ---- */

static bool ledger_event_seen(ledger_backend *b, const char *key, bool *seen, char *error,
                              size_t error_size)
{
    ledger_lookup found;
    if (!ledger_lookup_run(b, "SELECT delivery_id, event_type FROM events WHERE event_key = ?1",
                           key, 0, &found, error, error_size))
        return false;
    *seen = found.found;
    return true;
}

/* A recipient the delivery has no row for (sent before schema v5, or an
 * address SES names differently) gets one, `sent`, before it moves. */
static bool ledger_ensure_recipient(ledger_backend *b, int64_t id, const char *address, time_t at,
                                    char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "INSERT OR IGNORE INTO recipients (delivery_id, position, address, kind, outcome, at)"
        " VALUES (?1, (SELECT COUNT(*) FROM recipients WHERE delivery_id = ?1), ?2, 'event',"
        " 'sent', ?3)",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, address, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 3, (sqlite3_int64)at);
    return ledger_run(b, stmt, "cannot record a recipient", error, error_size);
}

static bool ledger_move_recipient(ledger_backend *b, int64_t id, const ledger_event_recipient *r,
                                  const ledger_event *event, char *error, size_t error_size)
{
    ledger_lookup current;
    if (!ledger_lookup_run(b,
                           "SELECT delivery_id, outcome FROM recipients"
                           " WHERE address = ?1 AND delivery_id = ?2",
                           r->address, id, &current, error, error_size))
        return false;
    recipient_outcome from, to = ledger_event_effects[event->type].outcome;
    if (!current.found || !ledger_outcome_from_name(current.state, &from) ||
        !ledger_outcome_may_become(from, to))
        return true; /* the table says no: an earlier event proved more */
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "UPDATE recipients SET outcome = ?3, at = ?4, detail = ?5"
        " WHERE delivery_id = ?1 AND address = ?2",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, r->address, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, ledger_outcome_name(to), -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 4, (sqlite3_int64)event->at);
    sqlite3_bind_text(stmt, 5, r->detail ? r->detail : event->detail, -1, SQLITE_TRANSIENT);
    return ledger_run(b, stmt, "cannot record an outcome", error, error_size);
}

static bool ledger_count_recipient(ledger_backend *b, int64_t id, const ledger_event_recipient *r,
                                   const char *counter, char *error, size_t error_size)
{
    char sql[160]; /* `counter` is a column name from the effects table, never input */
    snprintf(sql, sizeof sql,
             "UPDATE recipients SET %s = %s + 1 WHERE delivery_id = ?1 AND address = ?2",
             counter, counter);
    sqlite3_stmt *stmt = ledger_prepare(b, sql, error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, id);
    sqlite3_bind_text(stmt, 2, r->address, -1, SQLITE_TRANSIENT);
    return ledger_run(b, stmt, "cannot count an open or click", error, error_size);
}

static bool ledger_remember_event(ledger_backend *b, int64_t id, const ledger_event *event, char *error,
                                  size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b,
        "INSERT INTO events (event_key, delivery_id, event_type, message_id, at, applied_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        error, error_size);
    if (!stmt)
        return false;
    sqlite3_bind_text(stmt, 1, event->key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, id);
    sqlite3_bind_text(stmt, 3, ledger_event_type_name(event->type), -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, event->message_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 5, (sqlite3_int64)event->at);
    sqlite3_bind_int64(stmt, 6, (sqlite3_int64)time(NULL));
    return ledger_run(b, stmt, "cannot remember an event", error, error_size);
}

/* Every write of an event that found its delivery. */
static bool ledger_apply_to(ledger_backend *b, int64_t id, const ledger_event *event, char *error,
                            size_t error_size)
{
    bool ok = true;
    for (size_t i = 0; i < event->recipient_count && ok; i++) {
        const ledger_event_recipient *r = &event->recipients[i];
        ok = ledger_ensure_recipient(b, id, r->address, event->at, error, error_size);
        if (ok && ledger_event_effects[event->type].moves)
            ok = ledger_move_recipient(b, id, r, event, error, error_size);
        if (ok && ledger_event_effects[event->type].counter)
            ok = ledger_count_recipient(b, id, r, ledger_event_effects[event->type].counter,
                                        error, error_size);
    }
    return ok && ledger_remember_event(b, id, event, error, error_size);
}

/* The writes of one event, inside the caller's transaction. */
static bool ledger_apply_inside(ledger_backend *b, const ledger_event *event, const char *body,
                                ledger_event_result *result, int64_t *delivery_id, char *why,
                                size_t why_size, char *error, size_t error_size)
{
    bool seen = false;
    if (!ledger_event_seen(b, event->key, &seen, error, error_size))
        return false;
    if (seen) {
        *result = LEDGER_EVENT_DUPLICATE;
        snprintf(why, why_size, "%s for MessageId %s was applied before",
                 ledger_event_type_name(event->type), event->message_id);
        return true;
    }
    ledger_target_kind kind;
    if (!ledger_find_target(b, event, &kind, delivery_id, why, why_size, error, error_size))
        return false;
    switch (kind) {
    case TARGET_LATER:
        *result = LEDGER_EVENT_LATER;
        return true;
    case TARGET_NONE: {
        bool duplicate = false;
        *result = LEDGER_EVENT_KEPT_ASIDE;
        return ledger_sqlite_keep_aside(b, body, why, &duplicate, error, error_size);
    }
    case TARGET_RESOLVES_UNKNOWN:
        snprintf(why, why_size, "delivery %lld was unknown: SES's %s event says it was sent",
                 (long long)*delivery_id, ledger_event_type_name(event->type));
        if (!ledger_resolve_unknown(b, *delivery_id, event, error, error_size))
            return false;
        break;
    case TARGET_FOUND:
        snprintf(why, why_size, "delivery %lld: %s", (long long)*delivery_id,
                 ledger_event_type_name(event->type));
        break;
    }
    *result = LEDGER_EVENT_APPLIED;
    return ledger_apply_to(b, *delivery_id, event, error, error_size);
}

bool ledger_sqlite_apply_event(ledger_backend *b, const ledger_event *event, const char *body,
                        ledger_event_result *result, int64_t *delivery_id, char *why,
                        size_t why_size, char *error, size_t error_size)
{
    *delivery_id = 0;
    why[0] = '\0';
    if (!ledger_begin(b, error, error_size))
        return false;
    bool ok = ledger_apply_inside(b, event, body, result, delivery_id, why, why_size, error,
                                  error_size);
    if (ok && *result != LEDGER_EVENT_LATER && *result != LEDGER_EVENT_DUPLICATE)
        return ledger_commit(b, error, error_size);
    ledger_rollback(b); /* nothing written: a duplicate, a later, or a failure */
    return ok;
}
