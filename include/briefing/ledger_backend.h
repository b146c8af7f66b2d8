/* ledger_backend: what a place that keeps the ledger provides (issue 11).
 *
 * The engine and both front ends call only briefing/ledger.h; a `ledger`
 * is a back end's state plus its operations. Two back ends: SQLite (the
 * default, ledger_open() with a path) and DynamoDB (BRIEFING_LEDGER=
 * dynamodb://TABLE, module ledger_dynamodb). Neither front end knows which.
 *
 * Invariants every back end keeps (docs/ledger.md):
 *  - each operation mirrors the ledger.h call of the same name, same
 *    arguments, same meaning, same messages where the operator reads them;
 *  - a delivery moves only as ledger_transition_allowed() says, and the
 *    move is refused (false, "<where>: delivery N is <state> and cannot
 *    become <to>", the SQLite ledger's words) when
 *    the state it leaves is not the one stored: the check and the write are
 *    one atomic step (an SQL WHERE, a DynamoDB ConditionExpression);
 *  - a recipient's outcome moves only as ledger_outcome_may_become() says;
 *  - an event is applied at most once (its key);
 *  - no secret is ever stored.
 */
#ifndef BRIEFING_LEDGER_BACKEND_H
#define BRIEFING_LEDGER_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/ledger.h"

/* A back end's own state (struct defined by each back end). */
typedef struct ledger_backend ledger_backend;

/* Whether a delivery now `from` may become `to` (the transition table,
 * ledger_transitions[] in src/ledger/ledger_transitions.c): both back ends
 * build their guard from it, neither copies it. */
bool ledger_transition_allowed(delivery_state from, delivery_state to);
/* The states `to` may be reached from, into `from` (in the table's
 * order); how many (0: nothing leads to `to`, e.g. `pending`). What a
 * guard is built from: SQLite's `state IN (...)`, DynamoDB's
 * ConditionExpression. */
size_t ledger_transition_sources(delivery_state to, delivery_state from[DELIVERY_STATE_COUNT]);

/* What an SES event does to the recipients it names, per event type (one
 * table, ledger_event_effects[] in src/ledger/ledger_events.c; both back
 * ends read it, neither copies it): move their outcome, or count an open
 * or click; and whether it proves SES accepted a delivery the ledger
 * holds as `unknown` (docs/ledger.md). */
typedef struct {
    bool moves;                 /* outcome moves to `outcome`, as the outcome table allows */
    recipient_outcome outcome;
    const char *counter;        /* "opens", "clicks": that count + 1 instead; NULL: none */
    bool resolves_unknown;
} ledger_event_effect;

const ledger_event_effect *ledger_event_effect_of(ledger_event_type type);

typedef struct {
    const char *name;           /* "sqlite", "dynamodb" */
    void (*close)(ledger_backend *b);
    /* What the operator reads as "which ledger": a path, "dynamodb://TABLE". */
    const char *(*where)(const ledger_backend *b);

    bool (*lock_batch)(ledger_backend *b, char *error, size_t error_size);
    void (*unlock_batch)(ledger_backend *b);
    int64_t (*begin_batch)(ledger_backend *b, const char *note, char *error, size_t error_size);
    bool (*note_batch)(ledger_backend *b, int64_t batch_id, const char *note, char *error,
                       size_t error_size);

    bool (*add_delivery)(ledger_backend *b, ledger_delivery *d, char *error, size_t error_size);
    /* ledger_claim_day (ledger.h): true with *claimed when delivery
     * `id`'s report is this delivery's for the UTC day `day` now; true
     * with !*claimed and `holder` filled when another delivery (sending,
     * sent or unknown, any machine) holds it; false only on an error. */
    bool (*claim_day)(ledger_backend *b, int64_t id, const char *day, bool *claimed,
                      ledger_day_holder *holder, char *error, size_t error_size);
    bool (*mark_sending)(ledger_backend *b, int64_t id, char *error, size_t error_size);
    bool (*mark_sent)(ledger_backend *b, int64_t id, const char *message_id,
                      const char *request_id, int attempts, char *error, size_t error_size);
    bool (*mark_failed)(ledger_backend *b, int64_t id, const char *error_code,
                        const char *error_message, const char *request_id, int attempts,
                        char *error, size_t error_size);
    bool (*mark_unknown)(ledger_backend *b, int64_t id, const char *error_code,
                         const char *error_message, int attempts, char *error,
                         size_t error_size);
    bool (*mark_not_attempted)(ledger_backend *b, int64_t id, const char *reason, char *error,
                               size_t error_size);
    bool (*set_archive)(ledger_backend *b, int64_t id, const char *archive_path,
                        const char *sha256, int64_t size_bytes, char *error, size_t error_size);

    bool (*list)(ledger_backend *b, const ledger_filter *filter, ledger_delivery **out,
                 size_t *count, char *error, size_t error_size);
    bool (*get)(ledger_backend *b, int64_t id, ledger_delivery *out, char *error,
                size_t error_size);
    int64_t (*last_batch)(ledger_backend *b);
    /* ledger_count_deliveries (ledger.h): without reading every delivery. */
    bool (*count_deliveries)(ledger_backend *b, size_t by_state[DELIVERY_STATE_COUNT],
                             char *error, size_t error_size);

    bool (*recipients)(ledger_backend *b, int64_t id, ledger_recipient **out, size_t *count,
                       char *error, size_t error_size);
    bool (*address_flags)(ledger_backend *b, const char *addresses, ledger_address_flag **out,
                          size_t *count, char *error, size_t error_size);
    bool (*apply_event)(ledger_backend *b, const ledger_event *event, const char *body,
                        ledger_event_result *result, int64_t *delivery_id, char *why,
                        size_t why_size, char *error, size_t error_size);
    bool (*keep_aside)(ledger_backend *b, const char *body, const char *reason, bool *duplicate,
                       char *error, size_t error_size);
    int64_t (*kept_aside_count)(ledger_backend *b);
    bool (*kept_aside_list)(ledger_backend *b, ledger_kept_aside_entry **out, size_t *count,
                            char *error, size_t error_size);

    /* Copying a history (briefing ledger migrate): each mirrors the
     * ledger.h call of the same name. */
    bool (*batch_get)(ledger_backend *b, int64_t id, ledger_batch_info *out, bool *found,
                      char *error, size_t error_size);
    bool (*applied_events)(ledger_backend *b, int64_t id, ledger_applied_event **out,
                           size_t *count, char *error, size_t error_size);
    bool (*import_begin)(ledger_backend *b, const char *source, int64_t max_delivery,
                         int64_t max_batch, time_t oldest, ledger_import_plan *plan,
                         char *error, size_t error_size);
    bool (*import_delivery)(ledger_backend *b, const ledger_import_item *item, int64_t *id,
                            bool *copied, char *error, size_t error_size);
} ledger_ops;

/* A ledger over back end `b` (owned: ops->close frees it with the
 * ledger). NULL only when out of memory (b is closed then). */
ledger *ledger_from_backend(const ledger_ops *ops, ledger_backend *b);

#endif
