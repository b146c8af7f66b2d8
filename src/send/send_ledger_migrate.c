/* send_ledger_migrate: `briefing ledger migrate --to dynamodb://TABLE`,
 * the local SQLite ledger's history copied into the shared table, its
 * archive up to S3 (docs/ledger.md, "Moving a local ledger to the table").
 *
 * The source is only read, under its batch lock (no batch starts while
 * it copies). Deliveries go oldest first, so a resend's original is in
 * the table before it. Each one is put whole by the target back end
 * (ledger_import_delivery: conditional on its key, the id mapping kept in
 * the table), after its archive went up (an object already there with the
 * same checksum is not put again): a rerun after a kill or a failure
 * continues where the first stopped and duplicates nothing. Once every
 * delivery is in, each is read back from the table, by its id there: its
 * state counted against the source's, its archived .eml read from where
 * the table records it and hashed against the ledger's SHA-256.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/digest.h"
#include "send/send_archive_internal.h"
#include "send/send_internal.h"

/* What a migration holds open while it runs. */
typedef struct {
    const briefing_config *config;
    ledger *source;
    ledger *target;
    send_archive *archive;        /* NULL when the archive stays where it is */
    char source_name[4400];       /* "host:/path/ledger.sqlite3": whose copies they are */
    ledger_delivery *list;        /* oldest first */
    size_t count;
    int64_t *target_ids;          /* list[i]'s id in the table */
    char **upload_errors;         /* why list[i]'s message did not go up, or NULL */
    char **uploaded_to;           /* where list[i]'s message went up, or NULL */
    ledger_batch_info batch;      /* the last batch read */
    send_migrate_problem_fn each;
    void *user;
    send_migrate_summary *out;
} send_migrate_run;

static void *send_migrate_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size);
    if (!p) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *send_migrate_strdup(const char *text)
{
    char *copy = strdup(text);
    if (!copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return copy;
}

static void send_migrate_problem(send_migrate_run *run, const ledger_delivery *d, const char *why)
{
    char report[160];
    snprintf(report, sizeof report, "%s/%s", d->persona, d->scope);
    run->out->problems++;
    if (run->each)
        run->each(run->user, d->id, report, why);
}

/* ---- opening both ends ---- */

/* The source: the SQLite ledger `c` names, which must exist. */
static bool send_migrate_open_source(send_migrate_run *run, char *error, size_t error_size,
                                     int *exit_code)
{
    const char *named = send_ledger_named(run->config->overrides.ledger_path);
    send_ledger_choice choice;
    *exit_code = 2;
    if (!send_ledger_choose(named, &choice, error, error_size))
        return false;
    if (choice.kind != SEND_LEDGER_SQLITE) {
        snprintf(error, error_size, "ledger migrate: the ledger is %s already: there is no "
                 "local ledger to move (--ledger FILE names one)", choice.named);
        return false;
    }
    bool missing = false;
    run->source = send_ledger_open_named(named, run->config, NULL, true, &missing, NULL, error,
                                         error_size);
    if (!run->source) {
        *exit_code = missing ? 2 : 3;
        return false;
    }
    char host[128] = "", resolved[PATH_MAX];
    if (gethostname(host, sizeof host) != 0 || !host[0])
        snprintf(host, sizeof host, "unknown-host");
    host[sizeof host - 1] = '\0';
    const char *file = ledger_local_file(run->source);
    snprintf(run->source_name, sizeof run->source_name, "%s:%s", host,
             realpath(file, resolved) ? resolved : file);
    snprintf(run->out->source, sizeof run->out->source, "%s", file);
    *exit_code = 3;
    return ledger_lock_batch(run->source, error, error_size);
}

/* The target: a dynamodb:// ledger (the table made by create-table). */
static bool send_migrate_open_target(send_migrate_run *run, const char *to, char *error,
                                     size_t error_size, int *exit_code)
{
    send_ledger_choice choice;
    *exit_code = 2;
    if (!to || !*to) {
        snprintf(error, error_size, "ledger migrate: say where to: --to dynamodb://TABLE");
        return false;
    }
    if (!send_ledger_choose(to, &choice, error, error_size))
        return false;
    if (choice.kind != SEND_LEDGER_DYNAMODB) {
        snprintf(error, error_size, "ledger migrate --to \"%s\": not a shared ledger "
                 "(dynamodb://TABLE)", to);
        return false;
    }
    snprintf(run->out->target, sizeof run->out->target, "%s", to);
    *exit_code = 3;
    run->target = send_ledger_open_named(to, run->config, NULL, false, NULL, NULL, error,
                                         error_size);
    return run->target != NULL;
}

/* The archive the messages go to: S3 (connected now, so a bad endpoint
 * stops the run before anything is copied), or none when it is a folder. */
static bool send_migrate_open_archive(send_migrate_run *run, char *error, size_t error_size)
{
    send_archive *a = NULL;
    if (!send_archive_open(run->config, run->source, &a, error, error_size))
        return false;
    snprintf(run->out->archive, sizeof run->out->archive, "%s", send_archive_where(a));
    run->out->archive_remote = send_archive_remote(a);
    if (!run->out->archive_remote) {
        send_archive_free(a);
        return true;
    }
    run->archive = a;
    return send_archive_connect(a, error, error_size);
}

/* ---- the source's history ---- */

static bool send_migrate_read_source(send_migrate_run *run, char *error, size_t error_size)
{
    ledger_filter all = {0};
    ledger_delivery *newest_first = NULL;
    size_t count = 0;
    if (!ledger_list(run->source, &all, &newest_first, &count, error, error_size))
        return false;
    run->list = send_migrate_calloc(count, sizeof *run->list);
    for (size_t i = 0; i < count; i++)
        run->list[i] = newest_first[count - 1 - i]; /* the strings move over */
    free(newest_first);
    run->count = count;
    run->target_ids = send_migrate_calloc(count, sizeof *run->target_ids);
    run->upload_errors = send_migrate_calloc(count, sizeof *run->upload_errors);
    run->uploaded_to = send_migrate_calloc(count, sizeof *run->uploaded_to);
    run->out->deliveries = count;
    for (size_t i = 0; i < count; i++) {
        const ledger_delivery *d = &run->list[i];
        run->out->source_states[d->state]++;
        /* under the lock, no process of this ledger is sending: what is
         * still in flight was left by one that died after the open */
        if (d->state == DELIVERY_PENDING || d->state == DELIVERY_SENDING) {
            snprintf(error, error_size,
                     "ledger migrate: delivery %lld (%s/%s) is still %s: nothing copied; run "
                     "any command once its process is gone (it is then settled) and migrate "
                     "again", (long long)d->id, d->persona, d->scope,
                     ledger_state_name(d->state));
            return false;
        }
    }
    return true;
}

static int64_t send_migrate_max_id(const send_migrate_run *run)
{
    int64_t max = 0;
    for (size_t i = 0; i < run->count; i++)
        max = run->list[i].id > max ? run->list[i].id : max;
    return max;
}

/* ---- one delivery ---- */

/* A message another machine may be asked to resend byte for byte: SES has
 * it, may have it, or refused it (a `not-attempted` one is rebuilt). */
static bool send_migrate_has_message(const ledger_delivery *d)
{
    return (d->state == DELIVERY_SENT || d->state == DELIVERY_UNKNOWN ||
            d->state == DELIVERY_FAILED) &&
           d->archive_path && d->archive_path[0] && d->message_sha256[0];
}

/* ... and is still only in this machine's folder. */
static bool send_migrate_goes_up(const ledger_delivery *d)
{
    return send_migrate_has_message(d) &&
           strncmp(d->archive_path, SEND_ARCHIVE_S3_SCHEME, strlen(SEND_ARCHIVE_S3_SCHEME)) != 0;
}

/* Puts list[i]'s message on S3; on success its location is what the
 * table records. */
static void send_migrate_upload(send_migrate_run *run, size_t i)
{
    const ledger_delivery *d = &run->list[i];
    if (!run->archive || !send_migrate_goes_up(d))
        return;
    send_archive_put_result result = ARCHIVE_PUT_UPLOADED;
    char location[1200] = "", why[1024] = "";
    if (!send_archive_upload(run->archive, d, true, &result, location, sizeof location, why,
                             sizeof why)) {
        run->upload_errors[i] = send_migrate_strdup(why);
        run->out->upload_failed++;
        return;
    }
    run->uploaded_to[i] = send_migrate_strdup(location);
    run->out->uploaded += result == ARCHIVE_PUT_UPLOADED;
    run->out->upload_present += result == ARCHIVE_PUT_ALREADY_THERE;
}

static bool send_migrate_batch(send_migrate_run *run, int64_t id, const ledger_batch_info **out,
                               char *error, size_t error_size)
{
    *out = NULL;
    if (id <= 0)
        return true;
    bool found = run->batch.id == id;
    if (!found) {
        ledger_batch_info_clear(&run->batch);
        if (!ledger_batch_get(run->source, id, &run->batch, &found, error, error_size))
            return false;
    }
    *out = found ? &run->batch : NULL;
    return true;
}

static bool send_migrate_one(send_migrate_run *run, size_t i, char *error, size_t error_size)
{
    send_migrate_upload(run, i);
    ledger_delivery d = run->list[i];          /* a view: its strings stay the list's */
    if (run->uploaded_to[i])
        d.archive_path = run->uploaded_to[i];
    ledger_import_item item = {.source = run->source_name, .delivery = &d};
    ledger_recipient *recipients = NULL;
    ledger_applied_event *events = NULL;
    bool copied = false;
    bool ok = ledger_recipients(run->source, d.id, &recipients, &item.recipient_count, error,
                                error_size) &&
              ledger_applied_events(run->source, d.id, &events, &item.event_count, error,
                                    error_size) &&
              send_migrate_batch(run, d.batch_id, &item.batch, error, error_size);
    item.recipients = recipients;
    item.events = events;
    ok = ok && ledger_import_delivery(run->target, &item, &run->target_ids[i], &copied, error,
                                      error_size);
    run->out->copied += ok && copied;
    run->out->already_there += ok && !copied;
    ledger_recipients_free(recipients, item.recipient_count);
    ledger_applied_events_free(events, item.event_count);
    return ok;
}

/* ---- the verification ---- */

/* list[i]'s archived message, read from where the table records it,
 * against the ledger's SHA-256. */
static void send_migrate_check_message(send_migrate_run *run, size_t i,
                                       const ledger_delivery *there)
{
    const ledger_delivery *d = &run->list[i];
    if (!send_migrate_has_message(d))
        return;
    run->out->archived++;
    strbuf bytes = STRBUF_INIT;
    char why[1400] = "", hex[65] = "";
    if (!there->archive_path || !there->archive_path[0])
        snprintf(why, sizeof why, "the table records no archive");
    else if (send_archive_read(run->config, there->archive_path, "eml", d->message_sha256,
                               &bytes, why, sizeof why))
        digest_sha256_hex(bytes.data ? bytes.data : "", bytes.len, hex);
    if (hex[0] && strcmp(hex, d->message_sha256) != 0)
        snprintf(why, sizeof why, "%s: its SHA-256 is not the ledger's (ledger %.12s..., "
                 "file %.12s...)", there->archive_path, d->message_sha256, hex);
    if (!why[0] && run->upload_errors[i])
        snprintf(why, sizeof why, "not uploaded: %s", run->upload_errors[i]);
    strbuf_free(&bytes);
    if (why[0])
        send_migrate_problem(run, d, why);
    else
        run->out->archive_matching++;
}

/* A rerun whose upload succeeded this time: the copy made by an earlier
 * run still names the local file. */
static bool send_migrate_fix_archive(send_migrate_run *run, size_t i, ledger_delivery *there,
                                     char *error, size_t error_size)
{
    const char *location = run->uploaded_to[i];
    if (!location || (there->archive_path && strcmp(there->archive_path, location) == 0))
        return true;
    const ledger_delivery *d = &run->list[i];
    if (!ledger_set_archive(run->target, run->target_ids[i], location, d->message_sha256,
                            d->size_bytes, error, error_size))
        return false;
    free(there->archive_path);
    there->archive_path = send_migrate_strdup(location);
    return true;
}

static bool send_migrate_same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* What the table holds of list[i] against the source: its state, its
 * MessageId and its message's SHA-256. */
static void send_migrate_compare(send_migrate_run *run, const ledger_delivery *d,
                                 const ledger_delivery *there)
{
    char why[400] = "";
    if (there->state != d->state)
        snprintf(why, sizeof why, "%s in the table (delivery %lld), %s here",
                 ledger_state_name(there->state), (long long)there->id,
                 ledger_state_name(d->state));
    else if (!send_migrate_same_text(there->message_id, d->message_id))
        snprintf(why, sizeof why, "MessageId %s in the table (delivery %lld), %s here",
                 there->message_id ? there->message_id : "none", (long long)there->id,
                 d->message_id ? d->message_id : "none");
    else if (strcmp(there->message_sha256, d->message_sha256) != 0)
        snprintf(why, sizeof why, "SHA-256 %.12s... in the table (delivery %lld), %.12s... here",
                 there->message_sha256, (long long)there->id, d->message_sha256);
    if (why[0])
        send_migrate_problem(run, d, why);
}

static bool send_migrate_verify(send_migrate_run *run, char *error, size_t error_size)
{
    for (size_t i = 0; i < run->count; i++) {
        const ledger_delivery *d = &run->list[i];
        ledger_delivery there = {0};
        if (!ledger_get(run->target, run->target_ids[i], &there, error, error_size) ||
            !send_migrate_fix_archive(run, i, &there, error, error_size)) {
            ledger_delivery_clear(&there);
            return false;
        }
        run->out->target_states[there.state]++;
        send_migrate_compare(run, d, &there);
        send_migrate_check_message(run, i, &there);
        ledger_delivery_clear(&there);
    }
    return true;
}

/* ---- the run ---- */

static void send_migrate_close(send_migrate_run *run)
{
    for (size_t i = 0; i < run->count; i++) {
        free(run->upload_errors[i]);
        free(run->uploaded_to[i]);
    }
    free(run->upload_errors);
    free(run->uploaded_to);
    free(run->target_ids);
    ledger_deliveries_free(run->list, run->count);
    ledger_batch_info_clear(&run->batch);
    send_archive_free(run->archive);
    if (run->source)
        ledger_unlock_batch(run->source);
    ledger_close(run->source);
    ledger_close(run->target);
}

static bool send_migrate_copy(send_migrate_run *run, char *error, size_t error_size)
{
    if (!run->count)
        return true; /* nothing to copy: the table is not written to */
    time_t oldest = run->list[0].created_at;
    if (!ledger_import_begin(run->target, run->source_name, send_migrate_max_id(run),
                             ledger_last_batch(run->source), oldest, &run->out->plan, error,
                             error_size))
        return false;
    for (size_t i = 0; i < run->count; i++)
        if (!send_migrate_one(run, i, error, error_size))
            return false;
    if (run->archive)
        send_archive_note_upload(run->archive, run->out->uploaded);
    return true;
}

bool send_ledger_migrate(const briefing_config *c, const char *to, send_migrate_summary *out,
                         send_migrate_problem_fn each, void *user, char *error,
                         size_t error_size, int *exit_code)
{
    memset(out, 0, sizeof *out);
    send_migrate_run run = {.config = c, .each = each, .user = user, .out = out};
    bool ok = send_migrate_open_target(&run, to, error, error_size, exit_code) &&
              send_migrate_open_source(&run, error, error_size, exit_code);
    *exit_code = ok ? 3 : *exit_code;
    ok = ok && send_migrate_open_archive(&run, error, error_size) &&
         send_migrate_read_source(&run, error, error_size) &&
         send_migrate_copy(&run, error, error_size) &&
         send_migrate_verify(&run, error, error_size);
    send_migrate_close(&run);
    return ok;
}
