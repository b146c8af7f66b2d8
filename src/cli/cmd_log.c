/* briefing log: who got which report, when, with which MessageId. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/json.h"
#include "briefing/render.h"
#include "cli/cli_internal.h"

/* How many deliveries `log` lists unless --limit says: a screenful or two. */
enum { LOG_DEFAULT_LIMIT = 50 };

static void log_time(time_t t, char *out, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The recipients' outcomes ("recipients": [{address, outcome, at, detail}]),
 * as `log ID --json` shows them; opens and clicks when SES published any. */
static void log_json_recipients(json_writer *w, const ledger_recipient *list, size_t count)
{
    jsonw_key(w, "recipients");
    jsonw_array_open(w);
    for (size_t i = 0; i < count; i++) {
        char at[32];
        log_time(list[i].at, at, sizeof at);
        jsonw_object_open(w);
        jsonw_key_string(w, "address", list[i].address);
        jsonw_key_string(w, "kind", list[i].kind);
        jsonw_key_string(w, "outcome", ledger_outcome_name(list[i].outcome));
        jsonw_key_string(w, "at", at);
        jsonw_key_string(w, "detail", list[i].detail);
        jsonw_key_int(w, "opens", list[i].opens);
        jsonw_key_int(w, "clicks", list[i].clicks);
        jsonw_object_close(w);
    }
    jsonw_array_close(w);
}

/* One delivery as JSON. The key names are the audit export's too
 * (ledger_audit.c), docs/ledger.md lists them: "scope", "size_bytes". */
static void log_json_delivery(json_writer *w, const ledger_delivery *d, bool with_recipients,
                              const ledger_recipient *recipients, size_t recipient_count)
{
    char created[32], updated[32], outcome[48];
    log_time(d->created_at, created, sizeof created);
    log_time(d->updated_at, updated, sizeof updated);
    ledger_outcome_summary(d, outcome, sizeof outcome);
    jsonw_object_open(w);
    jsonw_key_int(w, "id", d->id);
    jsonw_key_int(w, "batch", d->batch_id);
    jsonw_key(w, "resend_of"); /* null unless a resend, as in the export */
    if (d->resend_of)
        jsonw_int(w, d->resend_of);
    else
        jsonw_null(w);
    jsonw_key_string(w, "persona", d->persona);
    jsonw_key_string(w, "scope", d->scope);
    jsonw_key_string(w, "state", ledger_state_name(d->state));
    jsonw_key_string(w, "outcome", outcome[0] ? outcome : NULL);
    jsonw_key_bool(w, "test", d->test);
    jsonw_key_string(w, "subject", d->subject);
    jsonw_key_string(w, "from", d->from_address);
    jsonw_key_string(w, "to", d->to_addresses);
    jsonw_key_string(w, "cc", d->cc_addresses);
    jsonw_key_string(w, "bcc", d->bcc_addresses);
    jsonw_key_string(w, "message_id", d->message_id);
    jsonw_key_string(w, "request_id", d->request_id);
    jsonw_key_int(w, "attempts", d->attempts);
    jsonw_key_string(w, "error_code", d->error_code);
    jsonw_key_string(w, "error_message", d->error_message);
    jsonw_key_string(w, "archive", d->archive_path);
    jsonw_key_string(w, "sha256", d->message_sha256);
    jsonw_key_int(w, "size_bytes", d->size_bytes);
    jsonw_key_string(w, "created_at", created);
    jsonw_key_string(w, "updated_at", updated);
    jsonw_key_string(w, "host", d->host[0] ? d->host : NULL);
    if (with_recipients)
        log_json_recipients(w, recipients, recipient_count);
    jsonw_object_close(w);
}

static const char *log_or_dash(const char *s)
{
    return s && *s ? s : "-";
}

static void log_print_recipients(const ledger_recipient *list, size_t count)
{
    if (!count)
        return;
    printf("  recipients\n");
    for (size_t i = 0; i < count; i++) {
        char at[32];
        log_time(list[i].at, at, sizeof at);
        printf("    %-4s %-32s %-10s %s", list[i].kind, list[i].address,
               ledger_outcome_name(list[i].outcome), at);
        if (list[i].opens || list[i].clicks)
            printf("  opens %d, clicks %d", list[i].opens, list[i].clicks);
        printf("\n");
        if (list[i].detail)
            printf("         %s\n", list[i].detail);
    }
}

static void log_print_one(const ledger_delivery *d, const ledger_recipient *recipients,
                          size_t recipient_count)
{
    char created[32], updated[32];
    log_time(d->created_at, created, sizeof created);
    log_time(d->updated_at, updated, sizeof updated);
    printf("Delivery %lld (batch %lld)\n", (long long)d->id, (long long)d->batch_id);
    if (d->resend_of)
        printf("  resend of   %lld\n", (long long)d->resend_of);
    printf("  report      %s%s/%s\n", d->test ? "[TEST] " : "", d->persona, d->scope);
    printf("  state       %s\n", ledger_state_name(d->state));
    char outcome[48];
    ledger_outcome_summary(d, outcome, sizeof outcome);
    if (outcome[0])
        printf("  outcome     %s\n", outcome);
    printf("  subject     %s\n", log_or_dash(d->subject));
    printf("  from        %s\n", log_or_dash(d->from_address));
    printf("  to          %s\n", log_or_dash(d->to_addresses));
    printf("  cc          %s\n", log_or_dash(d->cc_addresses));
    printf("  bcc         %s\n", log_or_dash(d->bcc_addresses));
    printf("  message id  %s\n", log_or_dash(d->message_id));
    printf("  request id  %s\n", log_or_dash(d->request_id));
    printf("  attempts    %d\n", d->attempts);
    if (d->error_code && *d->error_code)
        printf("  error       %s: %s\n", d->error_code, log_or_dash(d->error_message));
    printf("  created     %s\n  updated     %s\n", created, updated);
    printf("  host        %s\n", d->host[0] ? d->host : "-"); /* the machine that wrote it last */
    printf("  sha-256     %s\n", log_or_dash(d->message_sha256));
    if (d->archive_path && *d->archive_path) { /* a path, or s3://BUCKET/KEY: as recorded */
        char text[4200], html[4200];
        send_archive_sibling(d->archive_path, "txt", text, sizeof text);
        send_archive_sibling(d->archive_path, "html", html, sizeof html);
        printf("  archive     %s\n              %s\n              %s\n", d->archive_path, text,
               html);
    }
    log_print_recipients(recipients, recipient_count);
    if (d->state == DELIVERY_UNKNOWN)
        printf("\n  SES may or may not have accepted this message. Check the recipient's inbox\n"
               "  or SES's sending activity; resend only then: briefing resend %lld\n",
               (long long)d->id);
}

/* The columns of `log`: each as wide as its widest value (display width),
 * so a long report name or `not-attempted` never pushes the next column
 * out of line; the last column is not padded. */
enum { LOG_COLUMN_COUNT = 6 };
static const char *const log_headings[LOG_COLUMN_COUNT] = {
    "ID", "TIME (UTC)", "STATE", "OUTCOME", "REPORT", "MESSAGE ID / ERROR"};

typedef struct {
    char cells[LOG_COLUMN_COUNT][192];
} log_row;

static void log_row_fill(const ledger_delivery *d, log_row *row)
{
    snprintf(row->cells[0], sizeof row->cells[0], "%lld", (long long)d->id);
    log_time(d->created_at, row->cells[1], sizeof row->cells[1]);
    snprintf(row->cells[2], sizeof row->cells[2], "%s", ledger_state_name(d->state));
    ledger_outcome_summary(d, row->cells[3], sizeof row->cells[3]);
    snprintf(row->cells[4], sizeof row->cells[4], "%s%s/%s", d->test ? "[TEST] " : "",
             d->persona, d->scope);
    const char *detail = d->state == DELIVERY_SENT ? d->message_id
                         : d->error_code && *d->error_code ? d->error_code
                                                           : "";
    snprintf(row->cells[5], sizeof row->cells[5], "%s", log_or_dash(detail));
    if (!row->cells[3][0])
        snprintf(row->cells[3], sizeof row->cells[3], "-");
}

static void log_print_row(const char *const *cells, const int *widths)
{
    for (int c = 0; c < LOG_COLUMN_COUNT; c++) {
        int pad = widths[c] - render_display_width(cells[c], strlen(cells[c]));
        if (c == LOG_COLUMN_COUNT - 1)
            printf("%s\n", cells[c]);
        else
            printf("%s%*s ", cells[c], pad > 0 ? pad : 0, "");
    }
}

static void log_print_list(const ledger_delivery *list, size_t count)
{
    if (!count) {
        printf("No deliveries.\n");
        return;
    }
    log_row *rows = calloc(count, sizeof *rows);
    if (!rows) {
        cli_error("out of memory");
        return;
    }
    int widths[LOG_COLUMN_COUNT];
    for (int c = 0; c < LOG_COLUMN_COUNT; c++)
        widths[c] = render_display_width(log_headings[c], strlen(log_headings[c]));
    for (size_t i = 0; i < count; i++) {
        log_row_fill(&list[i], &rows[i]);
        for (int c = 0; c < LOG_COLUMN_COUNT; c++) {
            int width = render_display_width(rows[i].cells[c], strlen(rows[i].cells[c]));
            widths[c] = width > widths[c] ? width : widths[c];
        }
    }
    log_print_row(log_headings, widths);
    for (size_t i = 0; i < count; i++) {
        const char *cells[LOG_COLUMN_COUNT];
        for (int c = 0; c < LOG_COLUMN_COUNT; c++)
            cells[c] = rows[i].cells[c];
        log_print_row(cells, widths);
    }
    free(rows);
}

/* A whole number >= `least` in `text`, else false. */
static bool log_number(const char *text, long long least, long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(text, &end, 10);
    return *text && !*end && errno == 0 && *out >= least;
}

/* Which page: `log` reads a page, never the whole ledger unless asked
 * (--limit 0): at 100,000 deliveries the default answer stays as fast as
 * at ten (docs/performance.md). */
static bool log_page(const cli_options *options, ledger_filter *filter)
{
    long long n = LOG_DEFAULT_LIMIT;
    if (options->limit && !log_number(options->limit, 0, &n)) {
        cli_error("--limit: \"%s\" is not a number of deliveries (0: every one)", options->limit);
        return false;
    }
    filter->limit = (size_t)n;
    if (options->after && !log_number(options->after, 1, &n)) {
        cli_error("--after: \"%s\" is not a delivery id", options->after);
        return false;
    }
    filter->after_id = options->after ? n : 0;
    return true;
}

static bool log_filter(const cli_options *options, ledger_filter *filter)
{
    memset(filter, 0, sizeof *filter);
    filter->persona = options->persona;
    filter->scope = options->entity;
    if (options->state) {
        if (!ledger_state_from_name(options->state, &filter->state)) {
            cli_error("--state: \"%s\" is not one of pending, sending, sent, failed, unknown,"
                      " not-attempted",
                      options->state);
            return false;
        }
        filter->has_state = true;
    }
    if (options->since && !cli_parse_since(options->since, &filter->since)) {
        cli_error("--since: \"%s\" is not a date (2026-11-01)", options->since);
        return false;
    }
    return log_page(options, filter);
}

static int log_show_one(ledger *l, const cli_options *options, const char *id_text)
{
    char *end;
    long long id = strtoll(id_text, &end, 10);
    if (*end || id <= 0) {
        cli_error("\"%s\" is not a delivery id", id_text);
        return EXIT_USAGE;
    }
    ledger_delivery d;
    char error[512];
    if (!ledger_get(l, id, &d, error, sizeof error)) {
        cli_error("%s", error);
        return EXIT_USAGE;
    }
    ledger_recipient *recipients = NULL;
    size_t count = 0;
    if (!ledger_recipients(l, id, &recipients, &count, error, sizeof error)) {
        cli_error("%s", error);
        ledger_delivery_clear(&d);
        return EXIT_CONFIG;
    }
    if (options->json) {
        strbuf out = STRBUF_INIT;
        json_writer w;
        jsonw_begin(&w, &out);
        log_json_delivery(&w, &d, true, recipients, count);
        cli_print_json(&out);
    } else {
        log_print_one(&d, recipients, count);
    }
    ledger_recipients_free(recipients, count);
    ledger_delivery_clear(&d);
    return EXIT_OK;
}

static int log_list(ledger *l, const cli_options *options)
{
    ledger_filter filter;
    if (!log_filter(options, &filter))
        return EXIT_USAGE;
    ledger_delivery *list = NULL;
    size_t count = 0;
    char error[512];
    if (!ledger_list(l, &filter, &list, &count, error, sizeof error)) {
        cli_error("%s", error);
        return EXIT_CONFIG;
    }
    if (options->json) {
        strbuf out = STRBUF_INIT;
        json_writer w;
        jsonw_begin(&w, &out);
        jsonw_array_open(&w);
        for (size_t i = 0; i < count; i++)
            log_json_delivery(&w, &list[i], false, NULL, 0);
        jsonw_array_close(&w);
        cli_print_json(&out);
    } else {
        log_print_list(list, count);
    }
    if (filter.limit && count == filter.limit) /* a full page: there may be more */
        fprintf(stderr, "briefing: %zu shown (--limit); the next page: --after %lld\n", count,
                (long long)list[count - 1].id);
    ledger_deliveries_free(list, count);
    return EXIT_OK;
}

int cli_log(cli_options *options)
{
    /* log only reads: it never creates a ledger (nor its folder), and an
     * unknown persona is refused as send refuses it, not "No deliveries". */
    if (options->persona && !cli_persona(options->persona))
        return EXIT_USAGE;
    int code = EXIT_CONFIG;
    ledger *l = cli_open_existing_ledger(options, &code);
    if (!l)
        return code;
    char error[1024];
    if (options->export_path) {
        char salt[65];
        code = ledger_export_audit(l, options->export_path, salt, error, sizeof error)
                   ? EXIT_OK
                   : EXIT_CONFIG;
        if (code != EXIT_OK)
            cli_error("%s", error);
        else
            fprintf(stderr,
                    "briefing: audit log written to %s; addresses are HMAC-SHA-256 under the "
                    "salt\n  %s\nshown this once and kept nowhere: whoever should check an "
                    "address in the log needs it\n",
                    options->export_path, salt);
    } else if (options->positional_count > 0) {
        code = log_show_one(l, options, options->positional[0]);
    } else {
        code = log_list(l, options);
    }
    ledger_close(l);
    return code;
}
