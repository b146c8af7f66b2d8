/* batch: prepare, check and send a set of reports, writing ahead to the
 * ledger. See include/briefing/batch.h for the life of a batch and the
 * threading rule; this file keeps to it: every write of an item's progress
 * fields happens under b->lock. */
#include "briefing/send.h"
#include "send/send_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/mime.h"
#include "briefing/render.h"


void batch_init(batch *b, const portfolio *p, const briefing_config *config, time_t now)
{
    memset(b, 0, sizeof *b);
    b->portfolio = p;
    b->config = config;
    b->now = now;
    pthread_mutex_init(&b->lock, NULL);
    atomic_init(&b->cancel, false);
}

static void batch_item_free(batch_item *item)
{
    free(item->to);
    free(item->cc);
    free(item->bcc);
    free(item->subject);
    free(item->source);
    free(item->archived_to);
    free(item->archived_cc);
    free(item->archived_bcc);
    strbuf_free(&item->archived_eml);
    strbuf_free(&item->markdown);
    strbuf_free(&item->text);
    strbuf_free(&item->html);
    strbuf_free(&item->eml);
}

void batch_free(batch *b)
{
    for (size_t i = 0; i < b->count; i++)
        batch_item_free(&b->items[i]);
    free(b->items);
    pthread_mutex_destroy(&b->lock);
    b->items = NULL;
    b->count = b->capacity = 0;
}

static char *batch_strdup(const char *s)
{
    char *copy = strdup(s ? s : "");
    if (!copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return copy;
}

static batch_item *batch_new_item(batch *b)
{
    if (b->count == b->capacity) {
        size_t grown = b->capacity ? b->capacity * 2 : 8;
        batch_item *items = realloc(b->items, grown * sizeof *items);
        if (!items) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        b->items = items;
        b->capacity = grown;
    }
    batch_item *item = &b->items[b->count++];
    memset(item, 0, sizeof *item);
    item->state = DELIVERY_PENDING;
    return item;
}

static void batch_set_target(batch_item *item, persona persona, const char *scope)
{
    snprintf(item->scope, sizeof item->scope, "%s", scope);
    item->target.persona = persona;
    item->target.scope = item->scope;
}

time_t batch_clock(const batch *b)
{
    return b->follow_clock ? config_clock() : b->now;
}

/* The item's recipients through batch_recipients_valid; the error lands
 * in build_error. */
static bool batch_item_recipients_valid(batch_item *item)
{
    if (item->unreadable_recipients[0]) {
        snprintf(item->build_error, sizeof item->build_error, "%s", item->unreadable_recipients);
        return false;
    }
    recipients r = {item->to, item->cc, item->bcc};
    return batch_recipients_valid(&r, item->build_error, sizeof item->build_error);
}

/* See send_internal.h. */
bool batch_build_message(const batch *b, batch_item *item, int64_t delivery_id)
{
    if (!b->config->from_address && !item->source) {
        snprintf(item->build_error, sizeof item->build_error,
                 "no sender: set SES_FROM_ADDRESS in %s", b->portfolio->settings_where);
        return false;
    }
    if (!batch_item_recipients_valid(item))
        return false;
    time_t date = batch_clock(b);
    char **to = NULL, **cc = NULL, **bcc = NULL;
    size_t to_count = mime_address_split(item->to, &to);
    size_t cc_count = mime_address_split(item->cc, &cc);
    size_t bcc_count = mime_address_split(item->bcc, &bcc);
    char report_id[192], delivery[32], seed[256], boundary_seed[256];
    snprintf(report_id, sizeof report_id, "%s/%s", report_personas[item->target.persona].id,
             item->scope);
    snprintf(delivery, sizeof delivery, "%lld", (long long)delivery_id);
    /* The Message-ID is unique per delivery and send time; the boundary
     * needs no uniqueness (quoted-printable parts never contain "=_"), so it
     * follows the report alone: the review's bytes are the sent ones but
     * for Date, Message-ID and X-Briefing-Delivery, as the review says. */
    snprintf(seed, sizeof seed, "%s/%lld/%lld", report_id, (long long)date,
             (long long)delivery_id);
    snprintf(boundary_seed, sizeof boundary_seed, "boundary/%s", report_id);
    mime_message message = {
        .from = item->source ? item->source : b->config->from_address,
        .to = (const char **)to,
        .to_count = to_count,
        .cc = (const char **)cc,
        .cc_count = cc_count,
        .bcc = (const char **)bcc,
        .bcc_count = bcc_count,
        .subject = item->subject,
        .date = date,
        .text = strbuf_cstr(&item->text),
        .html = strbuf_cstr(&item->html),
        .report_id = report_id,
        .delivery_id = delivery_id ? delivery : NULL,
        .boundary_seed = boundary_seed,
        .message_id_seed = seed,
    };
    strbuf eml = STRBUF_INIT;
    char error[sizeof item->build_error];
    bool ok = mime_build(&message, &eml, error, sizeof error);
    mime_address_list_free(to, to_count);
    mime_address_list_free(cc, cc_count);
    mime_address_list_free(bcc, bcc_count);
    if (!ok) {
        snprintf(item->build_error, sizeof item->build_error, "%s", error);
        strbuf_free(&eml);
        return false;
    }
    item->build_error[0] = '\0';
    strbuf_free(&item->eml);
    item->eml = eml;
    return true;
}

/* Renders the report of item->target into markdown, text and HTML. */
static void batch_render_report(const batch *b, batch_item *item)
{
    report_options options = {.now = batch_clock(b)};
    strbuf subject = STRBUF_INIT;
    report_subject(b->portfolio, &item->target, &options, &subject);
    free(item->subject);
    item->subject = strbuf_detach(&subject);
    strbuf_truncate(&item->markdown, 0);
    strbuf_truncate(&item->text, 0);
    strbuf_truncate(&item->html, 0);
    report_render(b->portfolio, &item->target, &options, &item->markdown);
    render_text(strbuf_cstr(&item->markdown), item->markdown.len, RENDER_TEXT_WIDTH, &item->text);
    render_html(strbuf_cstr(&item->markdown), item->markdown.len, item->subject, &item->html);
}

/* Checks the target, renders its report and builds the message that would
 * go out; any failure lands in item->build_error. */
static void batch_build_report(const batch *b, batch_item *item)
{
    char error[256];
    if (!report_target_valid(b->portfolio, &item->target, error, sizeof error)) {
        snprintf(item->build_error, sizeof item->build_error, "%s", error);
        return;
    }
    batch_render_report(b, item);
    batch_build_message(b, item, 0);
}

/* A recipients line that could not be read stops this report while the
 * field is still the configured one (empty): sent anyway, it would go to
 * nobody or, with a fallback, to the address the operator meant to
 * replace. A field given on the command line or in the form is theirs. */
static void batch_note_unreadable_recipients(const batch *b, batch_item *item)
{
    static const char *const field_names[RECIPIENT_FIELD_COUNT] = {"To", "Cc", "Bcc"};
    const char *values[RECIPIENT_FIELD_COUNT] = {item->to, item->cc, item->bcc};
    for (int f = 0; f < RECIPIENT_FIELD_COUNT; f++) {
        const env_entry *e = config_recipient_unreadable(b->config, item->target.persona,
                                                         (recipient_field)f);
        if (!e || (values[f] && values[f][0]))
            continue;
        snprintf(item->unreadable_recipients, sizeof item->unreadable_recipients,
                 "%s: %s:%d %s could not be read (%s): fix that line; the report is not sent "
                 "until then", field_names[f], e->file, e->line, e->key, e->unreadable);
        return;
    }
}

batch_item *batch_add(batch *b, const report_target *target, const recipients *override)
{
    batch_item *item = batch_new_item(b);
    batch_set_target(item, target->persona, target->scope);
    recipients r = override ? *override : config_recipients(b->config, target->persona);
    item->to = batch_strdup(r.to);
    item->cc = batch_strdup(r.cc);
    item->bcc = batch_strdup(r.bcc);
    batch_note_unreadable_recipients(b, item);
    batch_build_report(b, item);
    return item;
}

/* Reads the archived parts of `original` through the archive its
 * location names: the .eml (checked against the ledger's SHA-256, a file
 * as an S3 object: "byte-identical" is then true),
 * and the .txt and .html, which only previews and a rebuild for other
 * recipients need (batch_settle_resend says when they are missing). */
static bool batch_read_archive(const batch *b, batch_item *item, const ledger_delivery *original)
{
    const char *location = original->archive_path;
    char why[400];
    if (!send_archive_read(b->config, location, "eml", original->message_sha256, &item->eml, why,
                           sizeof why)) {
        snprintf(item->build_error, sizeof item->build_error,
                 "%s; to resend delivery %lld, restore its original file from a copy, or build "
                 "the report from today's data (briefing resend %lld --regenerate)", why,
                 (long long)original->id, (long long)original->id);
        return false;
    }
    char ignored[512];
    send_archive_read(b->config, location, "txt", NULL, &item->text, ignored, sizeof ignored);
    send_archive_read(b->config, location, "html", NULL, &item->html, ignored, sizeof ignored);
    return true;
}

static bool batch_same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A byte-for-byte resend keeps the archived bytes while its recipients are
 * the original's; other recipients make it a message of its own, rebuilt
 * from the archived parts, so its To: says who it is for. */
static void batch_settle_resend(const batch *b, batch_item *item)
{
    if (!batch_item_recipients_valid(item))
        return;
    bool same = batch_same_text(item->to, item->archived_to) &&
                batch_same_text(item->cc, item->archived_cc) &&
                batch_same_text(item->bcc, item->archived_bcc);
    if (same) {
        item->from_archive = true;
        strbuf_truncate(&item->eml, 0);
        strbuf_append(&item->eml, item->archived_eml.data, item->archived_eml.len);
        snprintf(item->notice, sizeof item->notice,
                 "byte-identical resend of delivery %lld: the original's recipients, unchanged",
                 (long long)item->resend_of);
        return;
    }
    if (!item->text.len || !item->html.len) {
        snprintf(item->build_error, sizeof item->build_error,
                 "delivery %lld: the archive has no .txt/.html beside the .eml, so a message for "
                 "other recipients cannot be rebuilt: use --regenerate",
                 (long long)item->resend_of);
        return;
    }
    item->from_archive = false;
    if (batch_build_message(b, item, 0))
        snprintf(item->notice, sizeof item->notice,
                 "rebuilt for new recipients: the archived report with new headers "
                 "(delivery %lld went to others)", (long long)item->resend_of);
}

bool batch_resend_built_afresh(const ledger_delivery *original)
{
    return original->state == DELIVERY_NOT_ATTEMPTED || !original->archive_path ||
           !*original->archive_path;
}

batch_item *batch_add_resend(batch *b, const ledger_delivery *original, bool regenerate,
                             const recipients *override)
{
    batch_item *item = batch_new_item(b);
    const persona_info *info = report_persona_by_id(original->persona);
    batch_set_target(item, info ? info->persona : PERSONA_CEO, original->scope);
    item->resend_of = original->id;
    item->archived_to = batch_strdup(original->to_addresses);
    item->archived_cc = batch_strdup(original->cc_addresses);
    item->archived_bcc = batch_strdup(original->bcc_addresses);
    recipients r = override ? *override
                            : (recipients){item->archived_to, item->archived_cc, item->archived_bcc};
    item->to = batch_strdup(r.to);
    item->cc = batch_strdup(r.cc);
    item->bcc = batch_strdup(r.bcc);
    item->subject = batch_strdup(original->subject);
    if (original->from_address && *original->from_address)
        item->source = batch_strdup(original->from_address);
    if (!info) {
        snprintf(item->build_error, sizeof item->build_error,
                 "delivery %lld: unknown persona \"%s\"", (long long)original->id,
                 original->persona);
        return item;
    }
    bool never_sent = original->state == DELIVERY_NOT_ATTEMPTED;
    if (!regenerate && !never_sent) {
        item->from_archive = true;
        if (!original->archive_path || !*original->archive_path) {
            snprintf(item->build_error, sizeof item->build_error,
                     "delivery %lld has no archived message: use --regenerate",
                     (long long)original->id);
            return item;
        }
        if (batch_read_archive(b, item, original)) {
            strbuf_append(&item->archived_eml, item->eml.data, item->eml.len);
            batch_settle_resend(b, item);
        }
        return item;
    }
    batch_build_report(b, item);
    if (never_sent && !item->build_error[0])
        snprintf(item->notice, sizeof item->notice,
                 "delivery %lld (not-attempted) was never sent: built from today's data",
                 (long long)original->id);
    return item;
}

size_t batch_first_unbuilt(const batch *b)
{
    for (size_t i = 0; i < b->count; i++) {
        if (b->items[i].build_error[0])
            return i;
    }
    return BATCH_ALL_BUILT;
}

void batch_set_recipients(batch *b, size_t index, const char *to, const char *cc, const char *bcc)
{
    batch_item *item = &b->items[index];
    /* Copies first: the arguments may be the item's own strings. */
    char *fresh_to = batch_strdup(to), *fresh_cc = batch_strdup(cc), *fresh_bcc = batch_strdup(bcc);
    if (!batch_same_text(fresh_to, item->to) || !batch_same_text(fresh_cc, item->cc) ||
        !batch_same_text(fresh_bcc, item->bcc))
        item->unreadable_recipients[0] = '\0'; /* the operator gave recipients of their own */
    free(item->to);
    free(item->cc);
    free(item->bcc);
    item->to = fresh_to;
    item->cc = fresh_cc;
    item->bcc = fresh_bcc;
    item->build_error[0] = item->notice[0] = '\0';
    if (item->archived_eml.len) {
        batch_settle_resend(b, item);
        return;
    }
    batch_build_message(b, item, 0);
}

void batch_rebuild(batch *b, size_t index)
{
    batch_item *item = &b->items[index];
    if (item->from_archive || item->archived_eml.len)
        return; /* the archived report is what is resent */
    item->build_error[0] = '\0';
    batch_build_report(b, item);
}

void batch_format_size(size_t bytes, char *out, size_t out_size)
{
    if (bytes < 1024)
        snprintf(out, out_size, "%zu B", bytes);
    else if (bytes < 1024 * 1024)
        snprintf(out, out_size, "%zu.%zu KB", bytes / 1024, bytes % 1024 * 10 / 1024);
    else
        snprintf(out, out_size, "%zu.%zu MB", bytes / (1024 * 1024),
                 bytes % (1024 * 1024) * 10 / (1024 * 1024));
}

void batch_tally(batch *b, batch_totals *out)
{
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&b->lock);
    for (size_t i = 0; i < b->count; i++) {
        switch (b->items[i].state) {
        case DELIVERY_SENT: out->sent++; break;
        case DELIVERY_FAILED: out->failed++; break;
        case DELIVERY_UNKNOWN: out->unknown++; break;
        case DELIVERY_NOT_ATTEMPTED:
            out->skipped++;
            out->day_held += b->items[i].day_held;
            break;
        default: break;
        }
    }
    pthread_mutex_unlock(&b->lock);
    out->cancelled = atomic_load(&b->cancel);
}

int batch_exit_code(const batch_totals *totals)
{
    if (totals->stopped_on_auth || totals->stopped_on_quota)
        return 4;
    /* A report whose day another delivery held went out already: like
     * planning's "sent today", no alarm for a cron job. */
    if (totals->failed || totals->unknown || totals->skipped > totals->day_held ||
        totals->cancelled)
        return 1;
    return 0;
}
