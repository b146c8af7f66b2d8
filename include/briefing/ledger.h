/* ledger: every delivery, written ahead of the send (SQLite, WAL).
 *
 * State machine of a delivery:   pending -> sending -> sent | failed | unknown
 *                                 pending -> not-attempted (never sent: why in error)
 * Invariants:
 *  - a row is committed `sending` before its request leaves, and updated after
 *    the answer; a crash therefore leaves `sending`, which the next
 *    ledger_open() turns into `unknown` (and reports how many);
 *  - `unknown` and `failed` deliveries are never resent except by an explicit
 *    resend, which makes a new delivery linked to the original;
 *  - no secret is ever stored; recipients are stored in clear (the operator's
 *    own record) and hashed with a salted HMAC-SHA-256 in exported audit logs;
 *  - one batch at a time per ledger file (ledger_lock_batch).
 *
 * Per recipient (schema v5): a delivery marked `sent` gets one row per
 * To/Cc/Bcc address, outcome `sent`; SES's events (briefing events) move
 * each row forward through ledger_outcome_transitions[] only, so an event
 * applied twice, or late, changes nothing it should not.
 */
#ifndef BRIEFING_LEDGER_H
#define BRIEFING_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/strbuf.h"

typedef enum {
    DELIVERY_PENDING,
    DELIVERY_SENDING,
    DELIVERY_SENT,
    DELIVERY_FAILED,
    DELIVERY_UNKNOWN,
    DELIVERY_NOT_ATTEMPTED,     /* "not-attempted": a batch's report that never left */
    DELIVERY_STATE_COUNT
} delivery_state;

const char *ledger_state_name(delivery_state state);       /* "sent" */
bool ledger_state_from_name(const char *name, delivery_state *state);

/* A recipient's latest outcome. `sent`: SES accepted the message and no
 * event has said more yet. The order is not a ranking: the transitions
 * are a table (ledger_outcome_may_become). */
typedef enum {
    OUTCOME_SENT,
    OUTCOME_DELIVERED,
    OUTCOME_BOUNCED,            /* detail: "Permanent/General: smtp; 550 5.1.1 ..." */
    OUTCOME_COMPLAINED,
    OUTCOME_DELAYED,
    OUTCOME_REJECTED,
    OUTCOME_COUNT
} recipient_outcome;

typedef struct {
    int64_t id;
    int64_t batch_id;
    int64_t resend_of;          /* 0 unless a resend */
    char persona[16];           /* "cfo" */
    char scope[128];            /* "portfolio" or an entity id */
    char *subject;              /* owned strings: ledger_delivery_clear() frees them */
    char *from_address;
    char *to_addresses;         /* comma-separated */
    char *cc_addresses;
    char *bcc_addresses;
    char message_sha256[65];
    char *archive_path;         /* the .eml; .txt and .html beside it */
    delivery_state state;
    char *message_id;           /* SES MessageId once sent */
    char *request_id;
    int attempts;
    char *error_code;
    char *error_message;
    time_t created_at;
    time_t updated_at;
    int64_t size_bytes;
    bool test;                  /* a test send: never counts as the persona's report */
    char host[128];             /* the machine that last wrote it; "" when not recorded */
    /* Its recipients' outcomes (ledger_list/ledger_get fill them): how many
     * rows per recipient_outcome, and in all (0: none recorded, e.g. a
     * delivery not sent, or sent before schema v5). */
    int outcome_counts[OUTCOME_COUNT];
    int recipient_count;
} ledger_delivery;

void ledger_delivery_clear(ledger_delivery *d);

typedef struct ledger ledger;

/* Opens (creating and migrating) the ledger. `path` NULL: the default,
 * $XDG_STATE_HOME/briefing/ledger.sqlite3 or ~/.local/state/briefing/...
 * `recovered` receives how many `sending` rows were turned into `unknown`;
 * rows a crash left `pending` (never sent) become `failed`, resendable.
 * NULL with a message on a corrupt, unreadable or read-only file. */
ledger *ledger_open(const char *path, int *recovered, char *error, size_t error_size);
/* As ledger_open, for commands that only read: a ledger that does not
 * exist is not created (nor its folders) but refused, "no ledger at PATH",
 * with *missing set. */
ledger *ledger_open_existing(const char *path, bool *missing, int *recovered, char *error,
                             size_t error_size);
void ledger_close(ledger *l);
const char *ledger_path(const ledger *l);

/* The batch lock: false with a message when another process holds it. */
bool ledger_lock_batch(ledger *l, char *error, size_t error_size);
void ledger_unlock_batch(ledger *l);

int64_t ledger_begin_batch(ledger *l, const char *note, char *error, size_t error_size);
/* Appends a line to the batch's note (e.g. the dashboard cards' outcome). */
bool ledger_note_batch(ledger *l, int64_t batch_id, const char *note, char *error,
                       size_t error_size);

/* Inserts `d` as pending (id and times are filled in). */
bool ledger_add_delivery(ledger *l, ledger_delivery *d, char *error, size_t error_size);
/* Who holds a report's day: what ledger_claim_day answers when another
 * delivery holds it ("sent today at 09:12 from laptop-b"). */
typedef struct {
    int64_t delivery_id;
    delivery_state state;       /* sending, sent or unknown */
    time_t at;                  /* when it was created */
    char host[128];             /* the machine that wrote it; "" when not recorded */
} ledger_day_holder;

/* Claims pending delivery `id`'s report (persona, scope) for the UTC day
 * `day` ("YYYY-MM-DD") before it goes `sending`: true with *claimed when
 * no other non-test delivery of that report created that day is
 * sending, sent or unknown (a failed or not-attempted one frees the day);
 * true with !*claimed and `holder` filled when one is; false only on an
 * error. Only a planned send claims: a resend, --include-sent and a test
 * send are the operator's explicit choice (docs/ledger.md). */
bool ledger_claim_day(ledger *l, int64_t id, const char *day, bool *claimed,
                      ledger_day_holder *holder, char *error, size_t error_size);
/* Commits `sending` (attempts+1): call before the request leaves. */
bool ledger_mark_sending(ledger *l, int64_t id, char *error, size_t error_size);
bool ledger_mark_sent(ledger *l, int64_t id, const char *message_id, const char *request_id,
                      int attempts, char *error, size_t error_size);
bool ledger_mark_failed(ledger *l, int64_t id, const char *error_code, const char *error_message,
                        const char *request_id, int attempts, char *error, size_t error_size);
bool ledger_mark_unknown(ledger *l, int64_t id, const char *error_code, const char *error_message,
                         int attempts, char *error, size_t error_size);
/* A pending delivery the batch did not send (build error, stopped early):
 * `reason` says why, for the operator and for `resend --failed`. */
bool ledger_mark_not_attempted(ledger *l, int64_t id, const char *reason, char *error,
                               size_t error_size);
bool ledger_set_archive(ledger *l, int64_t id, const char *archive_path, const char *sha256,
                        int64_t size_bytes, char *error, size_t error_size);

typedef struct {
    const char *persona;        /* NULL: any */
    const char *scope;
    bool has_state;
    delivery_state state;
    time_t since;               /* 0: any */
    int64_t batch_id;           /* 0: any */
    size_t limit;               /* 0: no limit */
    bool exclude_tests;         /* leave test sends out (planning: "was it sent?") */
    /* 0: from the newest. N: only the deliveries listed after delivery N
     * in this order, the next page (pass the last id of the page before):
     * pages are cut by position, not by counting, so a delivery added
     * meanwhile neither repeats nor hides a row. No delivery N: an error. */
    int64_t after_id;
} ledger_filter;

/* Newest first (created_at, then id). Free with ledger_deliveries_free().
 * Every back end reads a bounded amount for a bounded limit, whatever the
 * ledger holds (docs/performance.md measures it at 100,000 deliveries). */
bool ledger_list(ledger *l, const ledger_filter *filter, ledger_delivery **out, size_t *count,
                 char *error, size_t error_size);
void ledger_deliveries_free(ledger_delivery *list, size_t count);
bool ledger_get(ledger *l, int64_t id, ledger_delivery *out, char *error, size_t error_size);
int64_t ledger_last_batch(ledger *l);
/* How many deliveries are in each state, from counts the writers keep
 * (SQLite: triggers in the same transaction; DynamoDB: a counter item, see
 * docs/ledger.md), not by reading every delivery. */
bool ledger_count_deliveries(ledger *l, size_t by_state[DELIVERY_STATE_COUNT], char *error,
                             size_t error_size);

/* ---- per-recipient outcomes (schema v5) ---- */


const char *ledger_outcome_name(recipient_outcome outcome);     /* "delivered" */
bool ledger_outcome_from_name(const char *name, recipient_outcome *outcome);
/* Whether a recipient now `from` may become `to` (ledger_outcome_transitions[]). */
bool ledger_outcome_may_become(recipient_outcome from, recipient_outcome to);

/* The outcome column of `log` and the console: the outcome that most needs
 * the operator's eye among the delivery's recipients, with how many of
 * them have it: "delivered 3/3", "bounced 1/3"; "" when none is recorded. */
void ledger_outcome_summary(const ledger_delivery *d, char *out, size_t out_size);

/* One recipient of a delivery. Owned strings: ledger_recipients_free(). */
typedef struct {
    char *address;              /* the bare address, as sent or as SES named it */
    char kind[8];               /* "to", "cc", "bcc", or "event" (named only by SES) */
    recipient_outcome outcome;
    time_t at;                  /* when: the event's own time, or when it was sent */
    char *detail;               /* bounce diagnostic, reject reason...; NULL when none */
    int opens;
    int clicks;
} ledger_recipient;

/* The recipients of delivery `id`, in the order they were recorded. */
bool ledger_recipients(ledger *l, int64_t id, ledger_recipient **out, size_t *count,
                       char *error, size_t error_size);
void ledger_recipients_free(ledger_recipient *list, size_t count);

/* An address SES said bounced permanently or complained about: its
 * latest such outcome, for a front end warning before it is used again. */
typedef struct {
    char address[320];
    recipient_outcome outcome;  /* OUTCOME_BOUNCED (a permanent bounce) or OUTCOME_COMPLAINED */
    time_t at;
    int64_t delivery_id;
    char detail[256];           /* "Permanent/General: smtp; 550 5.1.1 ..." or "" */
} ledger_address_flag;

/* One flag per bare address of the comma-separated `addresses` that has
 * such an outcome (compared case-blind), in list order; `*out` malloc'ed
 * (free()), NULL when none. */
bool ledger_address_flags(ledger *l, const char *addresses, ledger_address_flag **out,
                          size_t *count, char *error, size_t error_size);

/* ---- SES events (briefing events) ---- */

typedef enum {
    LEDGER_EVENT_SEND,
    LEDGER_EVENT_DELIVERY,
    LEDGER_EVENT_BOUNCE,
    LEDGER_EVENT_COMPLAINT,
    LEDGER_EVENT_REJECT,
    LEDGER_EVENT_DELIVERY_DELAY,
    LEDGER_EVENT_RENDERING_FAILURE,
    LEDGER_EVENT_OPEN,
    LEDGER_EVENT_CLICK,
    LEDGER_EVENT_TYPE_COUNT
} ledger_event_type;

const char *ledger_event_type_name(ledger_event_type type);   /* SES's "DeliveryDelay" */
bool ledger_event_type_from_name(const char *name, ledger_event_type *type);

typedef struct {
    const char *address;
    const char *detail;         /* NULL: the event's own detail */
} ledger_event_recipient;

/* One SES event, read (events_parse) and ready to apply. Strings belong to
 * whoever read it. */
typedef struct {
    char key[65];               /* SHA-256 hex of the event: the same event is the same key */
    ledger_event_type type;
    const char *message_id;     /* mail.messageId */
    int64_t header_delivery;    /* X-Briefing-Delivery in mail.headers; 0: absent */
    const char *header_report;  /* X-Briefing-Report ("cfo/portfolio"); NULL: absent */
    time_t at;                  /* the event's own time */
    const char *detail;         /* for every recipient without its own; may be NULL */
    const ledger_event_recipient *recipients;
    size_t recipient_count;
} ledger_event;

typedef enum {
    LEDGER_EVENT_APPLIED,       /* recorded; outcomes moved as the table allows */
    LEDGER_EVENT_DUPLICATE,     /* applied before: nothing changed */
    LEDGER_EVENT_KEPT_ASIDE,    /* no delivery has its MessageId: kept with the reason */
    LEDGER_EVENT_LATER,         /* its delivery is still `sending`: leave it queued */
} ledger_event_result;

/* Applies `event` in one transaction: finds the delivery by MessageId,
 * else (Send and Delivery only) an `unknown` delivery named by
 * X-Briefing-Delivery whose report X-Briefing-Report names too (another
 * ledger's delivery 5 is not this one's), which becomes `sent` with the
 * event's MessageId;
 * makes missing recipient rows `sent`; moves each named recipient's
 * outcome as the table allows; remembers the event's key. An unmatched
 * event is kept aside with `body` (the message as received). `why` says
 * what happened, for the summary. False only when the ledger cannot be
 * written (nothing changed then). */
bool ledger_apply_event(ledger *l, const ledger_event *event, const char *body,
                        ledger_event_result *result, int64_t *delivery_id, char *why,
                        size_t why_size, char *error, size_t error_size);

/* Keeps a message that is not a usable SES event, with why, once per
 * identical body; `duplicate` says it was kept before. */
bool ledger_keep_aside(ledger *l, const char *body, const char *reason, bool *duplicate,
                       char *error, size_t error_size);

/* How many messages were kept aside so far. */
int64_t ledger_kept_aside_count(ledger *l);

/* How many characters of a kept-aside body ledger_kept_aside_list reads:
 * more than a front end shows (80), so a key-shaped token that starts in
 * what is shown is read whole and can be masked whole. */
enum { LEDGER_KEPT_ASIDE_BODY_START = 400 };

/* One kept-aside message. Owned strings: ledger_kept_aside_free(). The
 * body is as the queue handed it over: a front end masks it before
 * showing it (model_mask_secrets). */
typedef struct {
    int64_t id;
    time_t kept_at;
    char *reason;               /* why it is no usable event, or names no delivery */
    char *body_start;           /* its first LEDGER_KEPT_ASIDE_BODY_START characters */
} ledger_kept_aside_entry;

/* Every kept-aside message, in the order they were kept. */
bool ledger_kept_aside_list(ledger *l, ledger_kept_aside_entry **out, size_t *count,
                            char *error, size_t error_size);
void ledger_kept_aside_free(ledger_kept_aside_entry *list, size_t count);

/* What `briefing ledger status` and the console say about a ledger,
 * read over the calls above (ledger_status.c), so every back end answers
 * the same way. */
typedef struct {
    const char *backend;        /* "sqlite", "dynamodb" (static) */
    const char *where;          /* the file, "dynamodb://TABLE" (the ledger's: valid while open) */
    size_t deliveries;
    size_t by_state[DELIVERY_STATE_COUNT];
    int64_t batches;            /* the latest batch's id: batches are numbered from 1 */
    bool has_last;              /* the newest delivery, when there is one */
    int64_t last_id;
    time_t last_at;
    char last_report[160];      /* "cfo/portfolio" */
    delivery_state last_state;
    int64_t kept_aside;
} ledger_status;

bool ledger_status_read(ledger *l, ledger_status *out, char *error, size_t error_size);

/* ---- copying a history into another ledger (briefing ledger migrate) ----
 *
 * docs/ledger.md, "Moving a local ledger to the table". The source is read
 * with the calls above and these two; the target takes each delivery whole
 * (ledger_import_delivery), never moved through the state machine again:
 * its state is history, already settled where it happened. */

/* A batch as its ledger keeps it. `note` owned: ledger_batch_info_clear(). */
typedef struct {
    int64_t id;
    time_t created_at;
    char *note;                 /* NULL when none */
} ledger_batch_info;

/* Batch `id`: true with *found false when there is none. */
bool ledger_batch_get(ledger *l, int64_t id, ledger_batch_info *out, bool *found, char *error,
                      size_t error_size);
void ledger_batch_info_clear(ledger_batch_info *b);

/* One event applied to a delivery: its key keeps it from being applied twice. */
typedef struct {
    char key[65];
    char event_type[32];        /* SES's name: "Delivery" */
    char *message_id;           /* owned; NULL when none */
    time_t at;
    time_t applied_at;
} ledger_applied_event;

/* The events applied to delivery `id`, in the order they were applied. A
 * back end that keeps them only by key (DynamoDB) refuses, with why. */
bool ledger_applied_events(ledger *l, int64_t id, ledger_applied_event **out, size_t *count,
                           char *error, size_t error_size);
void ledger_applied_events_free(ledger_applied_event *list, size_t count);

/* Whether the target keeps the source's ids or gives new ones (its own
 * history would collide): decided at the first run, kept for every rerun. */
typedef struct {
    bool keeps_delivery_ids;
    bool keeps_batch_ids;
} ledger_import_plan;

/* Starts, or resumes, copying the history of `source` ("host:/path"),
 * whose largest ids are `max_delivery` and `max_batch` and oldest delivery
 * `oldest`. A ledger that cannot be a target (SQLite) refuses, with why. */
bool ledger_import_begin(ledger *l, const char *source, int64_t max_delivery, int64_t max_batch,
                         time_t oldest, ledger_import_plan *plan, char *error,
                         size_t error_size);

/* One delivery of the source, whole. Strings belong to the caller. */
typedef struct {
    const char *source;                   /* as given to ledger_import_begin */
    const ledger_delivery *delivery;      /* as the source holds it: its ids, state, times */
    const ledger_recipient *recipients;
    size_t recipient_count;
    const ledger_applied_event *events;
    size_t event_count;
    const ledger_batch_info *batch;       /* its batch; NULL when none */
} ledger_import_item;

/* Copies `item` unless an earlier run did: *id is its id in this ledger,
 * *copied false when it was there already (this source's copy). Never
 * overwrites another delivery: a key taken by one is an error. */
bool ledger_import_delivery(ledger *l, const ledger_import_item *item, int64_t *id, bool *copied,
                            char *error, size_t error_size);

/* Writes one JSON object per delivery per line; every address is replaced
 * by the lower-case hex HMAC-SHA-256 of the bare, lower-cased address under
 * a random salt drawn for this export, returned in `salt_hex` (64 hex
 * digits): the caller shows it once; it is in no file. */
bool ledger_export_audit(ledger *l, const char *path, char salt_hex[65], char *error,
                         size_t error_size);

/* Archive: writes <root>/YYYY-MM-DD/<persona>-<scope>[-N].{eml,txt,html}
 * without overwriting (a later send the same day gets -2, -3 ...). The .eml
 * path is returned in `eml_path` (malloc'ed) and its SHA-256 in `sha256`. */
bool ledger_archive_write(const char *archive_root, time_t when, const char *persona,
                          const char *scope, const char *eml, size_t eml_length, const char *text,
                          const char *html, char **eml_path, char sha256[65], char *error,
                          size_t error_size);
/* The default archive root: "archive/" in ledger_local_folder(); nothing
 * is appended when that folder cannot be named (the caller says so). */
void ledger_default_archive_root(const ledger *l, strbuf *out);

/* Which back end ("sqlite", "dynamodb") and the SQLite file, NULL for a
 * ledger that is not kept in a local file. */
const char *ledger_backend_name(const ledger *l);
const char *ledger_local_file(const ledger *l);
/* Where this machine keeps what goes with the ledger (the archive, the
 * recovery notes), appended to `out` with its '/' (nothing: the current
 * folder): the SQLite file's folder; for a ledger kept elsewhere, the
 * default ledger's folder ($XDG_STATE_HOME/briefing/). False with a
 * message when neither XDG_STATE_HOME nor HOME names one. */
bool ledger_local_folder(const ledger *l, strbuf *out, char *error, size_t error_size);

#endif
