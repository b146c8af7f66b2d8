/* batch: from report targets to messages that went out, with nothing lost.
 *
 * Life of a batch (the same for `briefing send`, the console and resends):
 *   batch_init → batch_add (renders the report, builds text, HTML and the
 *   MIME message; an item that cannot be built carries build_error) →
 *   optional batch_set_recipients → batch_preflight (sender verified? quota
 *   enough?) → the operator confirms → batch_send → batch_free.
 * batch_send writes ahead: each item gets a ledger row, its exact .eml is
 * archived, the row is committed `sending` before the request leaves, and
 * updated to sent / failed / unknown after the answer. It stops early on
 * SES's daily quota, on an authentication failure, or when `cancel` is set
 * (after the request in flight).
 *
 * Threading: batch_send may run on a worker thread while another thread
 * reads progress. Item fields marked (progress) are written under `lock`;
 * readers take `lock` too, or read them after batch_send returned.
 */
#ifndef BRIEFING_BATCH_H
#define BRIEFING_BATCH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/config.h"
#include "briefing/ledger.h"
#include "briefing/report.h"
#include "briefing/ses.h"
#include "briefing/strbuf.h"

typedef struct {
    report_target target;
    char scope[128];          /* storage for target.scope */
    char *to;                 /* owned, comma-separated */
    char *cc;
    char *bcc;
    char *subject;            /* owned */
    strbuf markdown;
    strbuf text;              /* text/plain part */
    strbuf html;              /* text/html part */
    strbuf eml;               /* the whole message as it would go out now */
    char build_error[512];    /* non-empty: this item cannot be sent */
    char *source;             /* SES Source when not the configured sender (a resend), or NULL */
    int64_t resend_of;        /* a resend: the original delivery id */
    bool from_archive;        /* a resend of the archived .eml, byte for byte */

    /* (progress) */
    delivery_state state;
    int64_t delivery_id;
    char message_id[160];
    char error[640];          /* "Throttling: Rate exceeded (request abc)" */
    int attempts;
} batch_item;

typedef struct {
    bool checked;
    char identity[320];       /* what was checked: address or domain */
    char verification[32];    /* "Success", "Pending", ... or "" */
    bool identity_ok;
    bool quota_known;
    ses_quota quota;
    char warnings[1024];      /* one per line: unverified sender, quota short... */
    char error[640];          /* why the batch must not start; "" when it may */
    int error_exit_code;      /* 3 or 4 when error is set */
} batch_preflight_result;

typedef void (*batch_progress_fn)(void *user, size_t index);

typedef struct {
    const portfolio *portfolio;
    const briefing_config *config;
    time_t now;
    batch_item *items;
    size_t count;
    size_t capacity;
    int64_t batch_id;
    batch_preflight_result preflight;
    pthread_mutex_t lock;
    atomic_bool cancel;
    bool no_pacing;           /* benchmarks: do not pace at MaxSendRate */
} batch;

void batch_init(batch *b, const portfolio *p, const briefing_config *config, time_t now);
void batch_free(batch *b);

/* Adds `target` with `override` recipients (NULL: the persona's defaults).
 * Returns the item; check its build_error. */
batch_item *batch_add(batch *b, const report_target *target, const recipients *override);

/* Adds a resend of `original` (from the ledger): the archived .eml byte for
 * byte, or, with `regenerate`, the report built afresh from today's data.
 * `override` NULL keeps the original recipients. */
batch_item *batch_add_resend(batch *b, const ledger_delivery *original, bool regenerate,
                             const recipients *override);

/* The id of the latest delivery of `target` when that delivery is `unknown`
 * (SES may have accepted it), else 0. Sending the report again before the
 * operator resolved it could be a silent duplicate, so plans skip it. */
int64_t batch_unresolved_delivery(ledger *l, const report_target *target);

/* Replaces one item's recipients and rebuilds its message. */
void batch_set_recipients(batch *b, size_t index, const char *to, const char *cc, const char *bcc);

/* Checks the sender's verification and the quota against the batch size. */
void batch_preflight(batch *b, ses_client *client);

typedef struct {
    size_t sent;
    size_t failed;
    size_t unknown;
    size_t skipped;          /* not attempted: build error, stopped early */
    bool stopped_on_quota;
    bool stopped_on_auth;
    bool cancelled;
} batch_totals;

/* Sends every item without build_error. Returns false (with `error`) only
 * when the ledger cannot be written: then nothing more is sent. */
bool batch_send(batch *b, ledger *l, ses_client *client, const char *archive_root,
                batch_progress_fn progress, void *user, batch_totals *totals, char *error,
                size_t error_size);

/* After batch_send: when DASHBOARD_URL is set and the CEO report went out,
 * POSTs its top three shortfalls as cards. The outcome ("" when there was
 * nothing to do) is noted on the batch in the ledger and returned in
 * `summary`; it never changes the batch's result. */
void batch_post_dashboard(batch *b, ledger *l, char *summary, size_t summary_size);

/* Process exit code for totals (DESIGN §6): 0 all sent, 4 SES refused
 * (auth, quota), 1 some failed or unknown. */
int batch_exit_code(const batch_totals *totals);

/* Human size "12.3 KB". */
void batch_format_size(size_t bytes, char *out, size_t out_size);

#endif
