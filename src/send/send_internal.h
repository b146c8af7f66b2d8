/* send_internal: what the engine's files share and the front ends do not see. */
#ifndef BRIEFING_SEND_INTERNAL_H
#define BRIEFING_SEND_INTERNAL_H

#include "briefing/send.h"

/* Builds item->eml from its parts and recipients; `delivery_id` 0 omits the
 * X-Briefing-Delivery header (previews), otherwise it names the ledger row.
 * False with item->build_error set. */
bool batch_build_message(const batch *b, batch_item *item, int64_t delivery_id);

/* SES accepted delivery `id` as `message_id` but the ledger could not say
 * so (disk full...): the row stays `sending`, to be read as `unknown`.
 * So that it can be settled, the MessageId goes to stderr and is appended
 * to <ledger>.recovery beside the ledger file (docs/ledger.md). */
void send_recovery_note(ledger *l, int64_t id, const batch_item *item, const char *message_id,
                        const char *ledger_error);

/* The file send_recovery_note appends to: "<ledger path>.recovery". */
void send_recovery_path(const ledger *l, char *out, size_t out_size);

/* ---- batch_archiver.c: messages archived on a thread of their own ---- */

/* The most messages handed over and not taken back at once. */
enum { BATCH_ARCHIVER_DEPTH = 16 };

typedef struct batch_archiver batch_archiver;

/* Called on the archiver's thread each time a job is done (it must be safe
 * there: ses_sender_wakeup is). */
typedef void (*batch_archiver_wake_fn)(void *user);

/* A message written, or why not. Invariant: `ok` with `eml_path` (malloc'ed,
 * the taker's to free) and `sha256` set; not `ok` with `error`. */
typedef struct {
    size_t index;             /* the item's index, as handed over */
    bool ok;
    char *eml_path;
    char sha256[65];
    char error[512];
} batch_archived;

/* Starts the worker writing under `archive_root` (which must outlive it).
 * NULL with a message. */
batch_archiver *batch_archiver_start(const char *archive_root, batch_archiver_wake_fn wake,
                                     void *wake_user, char *error, size_t error_size);
/* Hands `item` (its row committed, its message built) over to be written;
 * the item is not to change until it is taken back. False when
 * BATCH_ARCHIVER_DEPTH are already handed over. */
bool batch_archiver_submit(batch_archiver *a, const batch_item *item, size_t index);
/* True when the oldest job handed over is done (batch_archiver_take has it). */
bool batch_archiver_ready(batch_archiver *a);
/* Takes back the oldest job if it is done; false when it is not (yet). */
bool batch_archiver_take(batch_archiver *a, batch_archived *out);
/* Jobs handed over and not taken back. */
size_t batch_archiver_pending(batch_archiver *a);
/* Lets the job being written finish, drops those still queued (their rows
 * stay `pending`), joins the worker and frees. NULL is a no-op. */
void batch_archiver_stop(batch_archiver *a);

/* ---- preflight_account.c: the checks that ask SES API v2 ---- */

/* Appends one line to r->warnings (cut when full). */
void batch_preflight_warn(batch_preflight_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Refuses an account SES says cannot send; warns of probation and the
 * sandbox, or that the state is unknown. */
void batch_check_account(batch *b, const send_account *account);
/* Calls `each` with the bare address of every To, then Cc, then Bcc
 * recipient of `item`, in the order written. */
typedef void (*batch_address_fn)(void *user, const char *bare_address);
void batch_item_each_address(const batch_item *item, batch_address_fn each, void *user);
/* The batch's distinct bare recipient addresses (To, Cc, Bcc of every
 * item that can be sent), in order of first appearance, compared
 * case-blind; each malloc'ed (batch_recipient_set_free). */
typedef struct {
    char **addresses;
    size_t count;
} batch_recipient_set;
void batch_recipient_set_collect(const batch *b, batch_recipient_set *set);
void batch_recipient_set_free(batch_recipient_set *set);
/* Every address in To, Cc and Bcc of the items that will be sent: what
 * SES counts against the 24-hour quota ("quotas are based on the number of
 * recipients, rather than on the number of messages"). In
 * preflight_first_send.c. */
double batch_sendable_recipients(const batch *b);
/* Every distinct recipient of the sendable items against the suppression
 * list, through b->suppression_cache when set: one warning per suppressed
 * address (reason and date). */
void batch_check_suppression(batch *b, ses_client *client);

/* ---- preflight_first_send.c: may the first send fly with the others ---- */

/* Why the batch's first send must go alone (docs/sending.md, "The first
 * send"), or NULL when b->preflight already had SES confirm the
 * credentials, that sending is enabled and room in the 24-hour quota for
 * every recipient of the batch. */
const char *batch_first_send_alone_why(const batch *b);

/* ---- send_diff.c / send_figures.c: the figures that moved ---- */

/* A text split at '\n' (lines point into it, without the '\n'). */
typedef struct {
    const char **lines;
    size_t *lengths;
    size_t count;
} send_diff_lines;

/* The length of the money figure at s ("$1,238–$2,348/month"), or 0. */
size_t send_diff_money_at(const char *s, size_t n);

/* One figure and what a reader calls it: key is label plus "#n" for the
 * n-th figure of that label in its text (so the n-th meets the n-th). */
typedef struct {
    char base[1024], key[1040], label[1024], figure[128];
} send_figure;

typedef struct {
    send_figure *items;
    size_t count, capacity;
} send_figures;

/* Every money figure of a text report, labelled (send_figures.c says how). */
void send_figures_scan(const send_diff_lines *text, send_figures *out);
void send_figures_free(send_figures *list);

/* The region and credentials that sign the shared ledger's DynamoDB calls:
 * SES's, resolved from `c`; without `c` (NULL), from the environment and
 * the AWS profile only (send_ledger_table.c). False with a message. */
bool send_ledger_aws(const briefing_config *c, send_connection *out, char *error,
                     size_t error_size);

#endif
