/* ddb_internal: what the DynamoDB ledger's files share and nothing else sees.
 *
 * Keys (docs/ledger.md, "Shared ledger on DynamoDB"):
 *   delivery      pk "persona#scope"  sk "<UTC ISO-8601 ms>#<id, 10 digits>"
 *   day claim     pk "persona#scope"  sk "day#YYYY-MM-DD"
 *   id pointer    pk "id#N"           sk "id"        (delivery_pk, delivery_sk)
 *   batch         pk "batch#N"        sk "batch"
 *   counters      pk "meta#counter"   sk "delivery" | "batch" | "kept_aside"
 *   applied event pk "event#<sha256>" sk "event"
 *   kept aside    pk "kept"           sk "<sha256 of the body>"
 *   address flag  pk "address#<bare, lower-cased>" sk "flag"
 * A delivery item holds its recipients (r<i>_address, r<i>_outcome...) so
 * that `sent` and its recipients are one write, as SQLite's transaction.
 * Every error reads "dynamodb://TABLE: what: code: message".
 */
#ifndef BRIEFING_DDB_INTERNAL_H
#define BRIEFING_DDB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/dynamodb.h"
#include "briefing/ledger.h"
#include "briefing/ledger_backend.h"
#include "briefing/ses.h"
#include "briefing/strbuf.h"

enum {
    DDB_KEY_SIZE = 320,         /* a pk or sk: "persona#scope", "address#<320>"... */
    DDB_DEFAULT_PAGE = 100,     /* items per Query page (BRIEFING_DYNAMODB_PAGE_SIZE) */
    DDB_MAX_RECIPIENTS = 64,    /* SES allows 50 per message */
    DDB_KEY_CACHE = 32,         /* ids whose item key this process knows */
};

/* A delivery's key never changes once written: what the id pointer said
 * (or what this process wrote) is kept, to spare a GetItem per change. */
typedef struct {
    int64_t id;                 /* 0: empty */
    char pk[DDB_KEY_SIZE];
    char sk[64];
} ddb_known_key;

struct ledger_backend {
    ses_client *client;
    char table[256];
    char where[300];            /* "dynamodb://TABLE" */
    char host[128];             /* this machine: written as `host` by every change */
    char writer[160];           /* "host pid N": whose retried write met itself */
    int page_size;
    long stale_seconds;         /* a `sending` older than this is read as `unknown` */
    ddb_known_key known[DDB_KEY_CACHE];
    size_t known_next;          /* the slot the next key replaces */
    /* A history copied in (ledger_dynamodb_import.c): whose, which ids it
     * keeps (decided at its first run), and the last batch it mapped. */
    char import_source[600];
    ledger_import_plan import_plan;
    int64_t import_batch_from, import_batch_to;
};

/* ---- ddb_item.c: delivery items and keys ---- */

/* "<persona>#<scope>" */
void ddb_report_pk(const char *persona, const char *scope, char *out, size_t out_size);
/* "2026-12-07T09:12:03.123Z#0000000042" */
void ddb_delivery_sk(time_t created_at, int milliseconds, int64_t id, char *out, size_t out_size);
/* Fills `d` from a delivery item (owned strings); false when it is none. */
bool ddb_delivery_from_item(const ses_dynamodb_item *item, ledger_delivery *d);
/* The recipients stored in a delivery item. */
size_t ddb_item_recipient_count(const ses_dynamodb_item *item);
void ddb_item_recipient(const ses_dynamodb_item *item, size_t index, ledger_recipient *r);
/* The recipient of `item` with `address` (case-blind), or -1. */
long ddb_item_recipient_index(const ses_dynamodb_item *item, const char *address);
/* Attribute "r<index>_<field>". */
void ddb_recipient_attr(size_t index, const char *field, char *out, size_t out_size);
/* A number attribute, 0 when absent. */
int64_t ddb_item_number(const ses_dynamodb_item *item, const char *name);

/* ---- ddb_call.c: calls with the module's error messages ---- */

/* "dynamodb://T: what: code: message"; always false. */
bool ddb_fail(const ledger_backend *b, const char *what, const ses_status *status, char *error,
              size_t error_size);
/* GetItem (consistent) of pk/sk; `found` false when absent. */
bool ddb_get(ledger_backend *b, const char *pk, const char *sk, ses_dynamodb_item *item,
             bool *found, char *error, size_t error_size);
/* The key of delivery `id` (pk and sk, DDB_KEY_SIZE each): remembered,
 * else its id pointer (one consistent GetItem); `found` false when none. */
bool ddb_delivery_key(ledger_backend *b, int64_t id, char *pk, char *sk, bool *found,
                      char *error, size_t error_size);
/* The delivery item of `id` (through its id pointer) and its key. */
bool ddb_get_delivery(ledger_backend *b, int64_t id, ses_dynamodb_item *item, char *pk,
                      char *sk, char *error, size_t error_size);
/* Remembers the key of delivery `id`. */
void ddb_remember_key(ledger_backend *b, int64_t id, const char *pk, const char *sk);
/* The next value of counter `name` (1, 2, ...): a conditional increment,
 * retried when another machine took the value first. */
bool ddb_counter_next(ledger_backend *b, const char *name, const char *month, int64_t *value,
                      char *error, size_t error_size);
/* "2026-12" of `when`, UTC. */
void ddb_month(time_t when, char *out, size_t out_size);

/* ---- ddb_transition.c ---- */

/* The attributes one write sets and removes beside the state, each under
 * a name placeholder (#n0...: many of ours are DynamoDB reserved words:
 * from, to, state...) and a value placeholder (:v0...). Empty or NULL text
 * removes the attribute (an absent attribute reads back as NULL). */
typedef struct {
    strbuf set;                 /* ", #n0 = :v0, ..." */
    strbuf remove;              /* ", #n3, ..." */
    ses_dynamodb_attr *names;
    ses_dynamodb_attr *values;
    size_t name_count, value_count, capacity;
} ddb_changes;

/* strdup, or "out of memory" and abort. */
char *ddb_copy(const char *text);

#define DDB_CHANGES_INIT {STRBUF_INIT, STRBUF_INIT, NULL, NULL, 0, 0, 0}
void ddb_changes_text(ddb_changes *c, const char *attribute, const char *value);
void ddb_changes_number(ddb_changes *c, const char *attribute, int64_t value);
/* `attribute` = `attribute` + 1 */
void ddb_changes_increment(ddb_changes *c, const char *attribute);
void ddb_changes_free(ddb_changes *c);

/* One guarded move of delivery `id` to `to` with `changes` (NULL: none).
 * On a refused condition, the message SQLite gives with the host that
 * moved it. */
bool ddb_transition(ledger_backend *b, int64_t id, delivery_state to, const ddb_changes *changes,
                    char *error, size_t error_size);
/* The UpdateItem of one move of the delivery at pk/sk to `to` (state,
 * updated_at, host, writer, inflight and `changes`) under `condition`. */
ses_dynamodb_result ddb_move(ledger_backend *b, const char *pk, const char *sk, delivery_state to,
                             const ddb_changes *changes, const ses_dynamodb_expression *condition,
                             ses_status *status);
/* The transition's states as "#state IN (:from0, ...)" with values. */
size_t ddb_transition_condition(delivery_state to, char *text, size_t text_size,
                                ses_dynamodb_attr *values, size_t value_capacity);
/* Turns stale `pending`/`sending` deliveries of any machine into
 * `failed`/`unknown` (guarded by their updated_at). */
bool ddb_recover_stale(ledger_backend *b, int *recovered, char *error, size_t error_size);
/* The day claim's `state` mirrors its delivery's (condition: it names it). */
void ddb_mirror_claim(ledger_backend *b, const ses_dynamodb_item *delivery, delivery_state to);

/* ---- ddb_counts.c: deliveries by state, kept by the writers ---- */

/* A delivery added (`from` NULL) or moved from the state named `from` to
 * `to`: the counts follow (nothing when the table keeps none). */
void ddb_count_move(ledger_backend *b, const char *from, delivery_state to);
/* Puts the counter item, every count 0, on a table without deliveries. */
bool ddb_counts_start(ses_client *client, const char *table, char *error, size_t error_size);
bool ddb_op_count_deliveries(ledger_backend *b, size_t by_state[DELIVERY_STATE_COUNT],
                             char *error, size_t error_size);

/* ---- ddb_recipients.c ---- */

/* Adds to `c` the recipients of `delivery` (its To, Cc, Bcc, each bare
 * address once) as `sent` at `at`. */
void ddb_recipients_sent(const ses_dynamodb_item *delivery, time_t at, ddb_changes *c);

/* ---- address flags (ledger_dynamodb_events.c) ---- */

/* Whether `outcome` with `detail` flags its address: a complaint, or a
 * bounce SES called permanent. */
bool ddb_is_flag(recipient_outcome outcome, const char *detail);
/* Whether it changes the address's flag item: a flag, or a Delivered
 * (which clears an older flag). */
bool ddb_touches_flag(recipient_outcome outcome, const char *detail);
/* The flag item of `address`: a flag unless a later one is there; a
 * Delivered (OUTCOME_DELIVERED: `delivered_at`) unless a later one is. */
bool ddb_write_flag(ledger_backend *b, const char *address, recipient_outcome outcome,
                    time_t at, int64_t delivery, const char *detail, char *error,
                    size_t error_size);

/* ---- the ops (ledger_dynamodb_*.c) ---- */

extern const ledger_ops ddb_ops;

bool ddb_op_list(ledger_backend *b, const ledger_filter *filter, ledger_delivery **out,
                 size_t *count, char *error, size_t error_size);
bool ddb_op_get(ledger_backend *b, int64_t id, ledger_delivery *out, char *error,
                size_t error_size);
int64_t ddb_op_last_batch(ledger_backend *b);
bool ddb_op_recipients(ledger_backend *b, int64_t id, ledger_recipient **out, size_t *count,
                       char *error, size_t error_size);
bool ddb_op_address_flags(ledger_backend *b, const char *addresses, ledger_address_flag **out,
                          size_t *count, char *error, size_t error_size);
bool ddb_op_apply_event(ledger_backend *b, const ledger_event *event, const char *body,
                        ledger_event_result *result, int64_t *delivery_id, char *why,
                        size_t why_size, char *error, size_t error_size);
bool ddb_op_keep_aside(ledger_backend *b, const char *body, const char *reason, bool *duplicate,
                       char *error, size_t error_size);
int64_t ddb_op_kept_aside_count(ledger_backend *b);
bool ddb_op_batch_get(ledger_backend *b, int64_t id, ledger_batch_info *out, bool *found,
                      char *error, size_t error_size);
bool ddb_op_applied_events(ledger_backend *b, int64_t id, ledger_applied_event **out,
                           size_t *count, char *error, size_t error_size);
bool ddb_op_import_begin(ledger_backend *b, const char *source, int64_t max_delivery,
                         int64_t max_batch, time_t oldest, ledger_import_plan *plan, char *error,
                         size_t error_size);
bool ddb_op_import_delivery(ledger_backend *b, const ledger_import_item *item, int64_t *id,
                            bool *copied, char *error, size_t error_size);
bool ddb_op_kept_aside_list(ledger_backend *b, ledger_kept_aside_entry **out, size_t *count,
                            char *error, size_t error_size);

#endif
