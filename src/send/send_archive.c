/* send_archive: the archive's kind chosen by a value (the configuration)
 * or by a location (a ledger row), through the ops table of
 * send_archive_internal.h; the uploads after a batch and `ledger sync`.
 *
 * Write-ahead stays the local spool's: batch_send writes each message to
 * the spool (fsynced) before its request leaves, whatever the kind. What
 * the S3 archive adds happens after the batch's answers are in, so a slow
 * or unreachable S3 delays no send and fails none: the delivery keeps its
 * spool path until an upload succeeds (docs/ledger.md, "Archive on S3").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "briefing/digest.h"
#include "send/send_archive_internal.h"

/* The kinds, by how a value or a location starts; the last matches anything. */
static const struct {
    const char *prefix;           /* compared case-blind: "S3://b" is refused, not a folder */
    const send_archive_ops *ops;
} send_archive_kinds[] = {
    {"s3:", &send_archive_s3_ops},
    {"", &send_archive_folder_ops},
};

static const send_archive_ops *send_archive_kind_of(const char *value)
{
    size_t i = 0;
    while (strncasecmp(value, send_archive_kinds[i].prefix, strlen(send_archive_kinds[i].prefix)))
        i++;
    return send_archive_kinds[i].ops;
}

/* The configured value: the command line or the config file, else the
 * environment; NULL: the folder beside the ledger. */
static const char *send_archive_value(const briefing_config *c)
{
    if (c->overrides.archive_root && c->overrides.archive_root[0])
        return c->overrides.archive_root;
    const char *environment = getenv("BRIEFING_ARCHIVE");
    return environment && environment[0] ? environment : NULL;
}

bool send_archive_open(const briefing_config *c, const ledger *l, send_archive **out,
                       char *error, size_t error_size)
{
    *out = NULL;
    const char *value = send_archive_value(c);
    strbuf folder = STRBUF_INIT;
    ledger_default_archive_root(l, &folder);
    if (!folder.len && (!value || send_archive_kind_of(value) != &send_archive_folder_ops)) {
        /* a ledger kept elsewhere (DynamoDB), and no state folder for the spool */
        snprintf(error, error_size, "no folder for the archive%s: set XDG_STATE_HOME or HOME, "
                 "or pass --archive DIR", value ? "'s local spool" : "");
        strbuf_free(&folder);
        return false;
    }
    if (!value)
        value = strbuf_cstr(&folder);
    const char *problem = strstr(value, "://") &&
                                  send_archive_kind_of(value) == &send_archive_folder_ops
                              ? "a folder or s3://BUCKET/PREFIX, nothing else"
                          : strlen(value) >= SEND_ARCHIVE_WHERE_MAX
                              ? "longer than the 4095 bytes a path may have here"
                              : NULL;
    if (problem) {
        snprintf(error, error_size, "archive \"%.200s\": %s", value, problem);
        strbuf_free(&folder);
        return false;
    }
    send_archive *a = calloc(1, sizeof *a);
    if (!a) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    a->config = c;
    a->ops = send_archive_kind_of(value);
    snprintf(a->where, sizeof a->where, "%s", value);
    snprintf(a->spool, sizeof a->spool, "%s", strbuf_cstr(&folder)); /* a folder's own open replaces it */
    strbuf_free(&folder);
    if (!a->ops->open(a, a->where, error, error_size)) { /* `value` may be `folder`'s, freed */
        free(a);
        return false;
    }
    *out = a;
    return true;
}

void send_archive_free(send_archive *a)
{
    if (!a)
        return;
    if (a->ops->close)
        a->ops->close(a);
    free(a);
}

const char *send_archive_spool(const send_archive *a)
{
    return a->spool;
}

const char *send_archive_where(const send_archive *a)
{
    return a->where;
}

bool send_archive_remote(const send_archive *a)
{
    return a->ops->put != NULL;
}

bool send_archive_connect(send_archive *a, char *error, size_t error_size)
{
    return !a->ops->connect || a->ops->connect(a, error, error_size);
}

void send_archive_sibling(const char *eml, const char *extension, char *out, size_t out_size)
{
    size_t stem = strlen(eml);
    if (stem > 4 && strcmp(eml + stem - 4, ".eml") == 0)
        stem -= 4;
    snprintf(out, out_size, "%.*s.%s", (int)stem, eml, extension);
}

/* The bytes read at `file` (from `start` in `out`) against the ledger's
 * SHA-256: any change since the send (an editor, a sync tool, a disk) is
 * refused with both hashes, whatever kind of archive holds it. */
static bool send_archive_matches_ledger(const char *file, const char *sha256, strbuf *out,
                                        size_t start, char *error, size_t error_size)
{
    char hex[65];
    digest_sha256_hex(out->data ? out->data + start : "", out->len - start, hex);
    if (sha256[0] && strcmp(hex, sha256) == 0)
        return true;
    if (!sha256[0])
        snprintf(error, error_size, "%s: the ledger holds no SHA-256 for it, so its bytes cannot "
                 "be checked: refused", file);
    else
        snprintf(error, error_size, "%s: its SHA-256 is not the ledger's, so it changed since "
                 "it was sent (ledger %.12s..., file %.12s...): refused", file, sha256, hex);
    strbuf_truncate(out, start);
    return false;
}

bool send_archive_read(const briefing_config *c, const char *location, const char *extension,
                       const char *sha256, strbuf *out, char *error, size_t error_size)
{
    char file[4200];
    send_archive_sibling(location, extension, file, sizeof file);
    size_t start = out->len;
    bool whole_message = strcmp(extension, "eml") == 0;
    if (!send_archive_kind_of(location)->read(c, file, whole_message ? sha256 : NULL, out, error,
                                              error_size))
        return false;
    return !whole_message || !sha256 ||
           send_archive_matches_ledger(file, sha256, out, start, error, error_size);
}

/* Whether delivery `d`'s message is still only in a local folder. */
static bool send_archive_still_local(const ledger_delivery *d)
{
    return d->archive_path && d->archive_path[0] &&
           send_archive_kind_of(d->archive_path) == &send_archive_folder_ops;
}

bool send_archive_upload(send_archive *a, const ledger_delivery *d, bool check_first,
                         send_archive_put_result *result, char *location, size_t location_size,
                         char *error, size_t error_size)
{
    const send_archive_entry entry = {.delivery_id = d->id, .persona = d->persona,
                                      .scope = d->scope, .eml_path = d->archive_path,
                                      .sha256 = d->message_sha256};
    return a->ops->put(a, &entry, check_first, result, location, location_size, error,
                       error_size);
}

/* Puts `d`'s spooled message into the store and records where
 * (`location`, the .eml's). */
static bool send_archive_put_delivery(send_archive *a, ledger *l, const ledger_delivery *d,
                                      bool check_first, send_archive_put_result *result,
                                      char *location, size_t location_size, char *error,
                                      size_t error_size)
{
    if (!send_archive_upload(a, d, check_first, result, location, location_size, error,
                             error_size))
        return false;
    return ledger_set_archive(l, d->id, location, d->message_sha256, d->size_bytes, error,
                              error_size);
}

/* The spool's record of this machine's last upload (docs/ledger.md, "What
 * `ledger status` says about the archive"). */
static void send_archive_last_upload_path(const char *spool, char *out, size_t out_size)
{
    snprintf(out, out_size, "%s/.last-upload", spool);
}

void send_archive_note_upload(const send_archive *a, size_t uploaded)
{
    if (!uploaded || !send_archive_remote(a))
        return;
    char path[SEND_ARCHIVE_WHERE_MAX + 16], at[32];
    send_archive_last_upload_path(a->spool, path, sizeof path);
    time_t now = time(NULL);
    struct tm tm;
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    FILE *f = fopen(path, "w");
    if (!f)
        return; /* a status line, not the archive: the uploads themselves are recorded */
    fprintf(f, "%s %zu %s\n", at, uploaded, a->where);
    fclose(f);
}

bool send_archive_last_upload(const send_archive *a, send_archive_upload_note *out)
{
    memset(out, 0, sizeof *out);
    char path[SEND_ARCHIVE_WHERE_MAX + 16], at[32] = "";
    send_archive_last_upload_path(a->spool, path, sizeof path);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    struct tm tm = {0};
    bool ok = fscanf(f, "%31s %zu %4095s", at, &out->uploaded, out->where) == 3 &&
              sscanf(at, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                     &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6;
    fclose(f);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    out->at = ok ? timegm(&tm) : 0;
    return ok;
}

/* SES has the message, or may have it: worth keeping beyond this machine. */
static bool send_archive_worth_keeping(delivery_state state)
{
    return state == DELIVERY_SENT || state == DELIVERY_UNKNOWN;
}

/* Uploads delivery `id`'s message, just sent. */
static bool send_archive_publish_one(send_archive *a, ledger *l, int64_t id, char *error,
                                     size_t error_size)
{
    ledger_delivery d = {0};
    bool ok = ledger_get(l, id, &d, error, error_size);
    if (ok && !send_archive_still_local(&d)) {
        snprintf(error, error_size, "no local archive recorded to upload");
        ok = false;
    }
    send_archive_put_result result;
    char location[1200];
    ok = ok && send_archive_put_delivery(a, l, &d, false, &result, location, sizeof location,
                                         error, error_size);
    ledger_delivery_clear(&d);
    return ok;
}

void send_archive_publish(send_archive *a, const batch *b, ledger *l, batch_totals *totals)
{
    if (!send_archive_remote(a))
        return;
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i]; /* the batch is over: read without the lock */
        if (!item->delivery_id || !send_archive_worth_keeping(item->state))
            continue;
        /* After a failure the rest wait for sync: an S3 that is down would
         * otherwise cost each message its retries. */
        char error[sizeof totals->archive_error - 32];
        if (!totals->archive_error[0] &&
            send_archive_publish_one(a, l, item->delivery_id, error, sizeof error)) {
            totals->archive_uploaded++;
            continue;
        }
        if (!totals->archive_error[0])
            snprintf(totals->archive_error, sizeof totals->archive_error, "delivery %lld: %s",
                     (long long)item->delivery_id, error);
        totals->archive_kept_local++;
    }
    send_archive_note_upload(a, totals->archive_uploaded);
}

/* Sync's pass over the deliveries in `state`. */
static bool send_archive_sync_state(send_archive *a, ledger *l, delivery_state state,
                                    send_archive_sync_fn each, void *user,
                                    send_archive_sync_totals *totals, char *error,
                                    size_t error_size)
{
    ledger_filter filter = {.has_state = true, .state = state};
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!ledger_list(l, &filter, &list, &count, error, error_size))
        return false;
    for (size_t i = count; i-- > 0;) { /* oldest first */
        const ledger_delivery *d = &list[i];
        if (!send_archive_still_local(d))
            continue;
        send_archive_put_result result = ARCHIVE_PUT_UPLOADED;
        char why[sizeof totals->why - 32], location[1200] = "";
        bool ok = send_archive_put_delivery(a, l, d, true, &result, location, sizeof location,
                                            why, sizeof why);
        const char *outcome = !ok ? why
                              : result == ARCHIVE_PUT_UPLOADED ? "uploaded"
                                                               : "already there";
        if (!ok && !totals->why[0])
            snprintf(totals->why, sizeof totals->why, "delivery %lld: %s", (long long)d->id, why);
        totals->failed += !ok;
        totals->uploaded += ok && result == ARCHIVE_PUT_UPLOADED;
        totals->already_there += ok && result == ARCHIVE_PUT_ALREADY_THERE;
        if (each)
            each(user, d->id, location, outcome);
    }
    ledger_deliveries_free(list, count);
    return true;
}

bool send_archive_sync(const briefing_config *c, send_archive_sync_fn each, void *user,
                       send_archive_sync_totals *totals, char *error, size_t error_size,
                       int *exit_code)
{
    memset(totals, 0, sizeof *totals);
    *exit_code = 3;
    int recovered = 0;
    ledger *l = send_ledger_open(c, &recovered, error, error_size);
    if (!l)
        return false;
    send_archive *a = NULL;
    bool ok = send_archive_open(c, l, &a, error, error_size);
    if (ok && !send_archive_remote(a)) {
        snprintf(error, error_size,
                 "the archive is the folder %s: nothing to upload (set BRIEFING_ARCHIVE or the "
                 "config file's archive to s3://BUCKET/PREFIX)", send_archive_where(a));
        *exit_code = 2;
        ok = false;
    }
    static const delivery_state kept[] = {DELIVERY_SENT, DELIVERY_UNKNOWN};
    for (size_t i = 0; ok && i < sizeof kept / sizeof kept[0]; i++)
        ok = send_archive_sync_state(a, l, kept[i], each, user, totals, error, error_size);
    if (a)
        send_archive_note_upload(a, totals->uploaded);
    send_archive_free(a);
    ledger_close(l);
    return ok;
}

/* A message SES has or may have whose archive is a path, not a URL. */
static bool send_archive_is_local(const ledger_delivery *d)
{
    return d->archive_path && d->archive_path[0] && !strstr(d->archive_path, "://");
}

/* The sent and unknown deliveries whose archive is still local. */
static size_t send_archive_count_local(ledger *l, char *problem, size_t problem_size)
{
    static const delivery_state kept[] = {DELIVERY_SENT, DELIVERY_UNKNOWN};
    size_t local = 0;
    for (size_t s = 0; s < sizeof kept / sizeof kept[0]; s++) {
        ledger_filter filter = {.has_state = true, .state = kept[s]};
        ledger_delivery *list = NULL;
        size_t count = 0;
        if (!ledger_list(l, &filter, &list, &count, problem, problem_size))
            return local;
        for (size_t i = 0; i < count; i++)
            local += send_archive_is_local(&list[i]);
        ledger_deliveries_free(list, count);
    }
    return local;
}

bool send_archive_status_read(const briefing_config *c, ledger *l, send_archive_status *out)
{
    memset(out, 0, sizeof *out);
    send_archive *a = NULL;
    if (!send_archive_open(c, l, &a, out->problem, sizeof out->problem))
        return false;
    snprintf(out->where, sizeof out->where, "%s", send_archive_where(a));
    out->remote = send_archive_remote(a);
    out->has_last_upload = send_archive_last_upload(a, &out->last_upload);
    out->only_local = out->remote ? send_archive_count_local(l, out->problem, sizeof out->problem) : 0;
    send_archive_free(a);
    return true;
}
