/* briefing log: who got which report, when, with which MessageId. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/json.h"
#include "cli/cli_internal.h"

static void log_time(time_t t, char *out, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void log_json_delivery(json_writer *w, const ledger_delivery *d)
{
    char created[32], updated[32];
    log_time(d->created_at, created, sizeof created);
    log_time(d->updated_at, updated, sizeof updated);
    json_object_open(w);
    json_key_int(w, "id", d->id);
    json_key_int(w, "batch", d->batch_id);
    if (d->resend_of)
        json_key_int(w, "resend_of", d->resend_of);
    json_key_string(w, "persona", d->persona);
    json_key_string(w, "entity", d->scope);
    json_key_string(w, "state", ledger_state_name(d->state));
    json_key_bool(w, "test", d->test);
    json_key_string(w, "subject", d->subject);
    json_key_string(w, "from", d->from_address);
    json_key_string(w, "to", d->to_addresses);
    json_key_string(w, "cc", d->cc_addresses);
    json_key_string(w, "bcc", d->bcc_addresses);
    json_key_string(w, "message_id", d->message_id);
    json_key_string(w, "request_id", d->request_id);
    json_key_int(w, "attempts", d->attempts);
    json_key_string(w, "error_code", d->error_code);
    json_key_string(w, "error_message", d->error_message);
    json_key_string(w, "archive", d->archive_path);
    json_key_string(w, "sha256", d->message_sha256);
    json_key_int(w, "size", d->size_bytes);
    json_key_string(w, "created_at", created);
    json_key_string(w, "updated_at", updated);
    json_object_close(w);
}

static const char *log_or_dash(const char *s)
{
    return s && *s ? s : "-";
}

static void log_print_one(const ledger_delivery *d)
{
    char created[32], updated[32];
    log_time(d->created_at, created, sizeof created);
    log_time(d->updated_at, updated, sizeof updated);
    printf("Delivery %lld (batch %lld)\n", (long long)d->id, (long long)d->batch_id);
    if (d->resend_of)
        printf("  resend of   %lld\n", (long long)d->resend_of);
    printf("  report      %s%s/%s\n", d->test ? "[TEST] " : "", d->persona, d->scope);
    printf("  state       %s\n", ledger_state_name(d->state));
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
    printf("  sha-256     %s\n", log_or_dash(d->message_sha256));
    if (d->archive_path && *d->archive_path) {
        size_t stem = strlen(d->archive_path);
        if (stem > 4)
            stem -= 4;
        printf("  archive     %s\n              %.*s.txt\n              %.*s.html\n",
               d->archive_path, (int)stem, d->archive_path, (int)stem, d->archive_path);
    }
    if (d->state == DELIVERY_UNKNOWN)
        printf("\n  SES may or may not have accepted this message. Check the recipient's inbox\n"
               "  or SES's sending activity; resend only then: briefing resend %lld\n",
               (long long)d->id);
}

static void log_print_list(const ledger_delivery *list, size_t count)
{
    if (!count) {
        printf("No deliveries.\n");
        return;
    }
    printf("%-6s %-20s %-8s %-34s %s\n", "ID", "TIME (UTC)", "STATE", "REPORT",
           "MESSAGE ID / ERROR");
    for (size_t i = 0; i < count; i++) {
        const ledger_delivery *d = &list[i];
        char when[32], report[160];
        log_time(d->created_at, when, sizeof when);
        snprintf(report, sizeof report, "%s%s/%s", d->test ? "[TEST] " : "", d->persona,
                 d->scope);
        const char *detail = d->state == DELIVERY_SENT ? d->message_id
                             : d->error_code && *d->error_code ? d->error_code
                                                               : "";
        printf("%-6lld %-20s %-8s %-34s %s\n", (long long)d->id, when,
               ledger_state_name(d->state), report, log_or_dash(detail));
    }
}

static bool log_filter(const cli_options *options, ledger_filter *filter)
{
    memset(filter, 0, sizeof *filter);
    filter->persona = options->persona;
    filter->scope = options->entity;
    if (options->state) {
        if (!ledger_state_from_name(options->state, &filter->state)) {
            cli_error("--state: \"%s\" is not one of pending, sending, sent, failed, unknown",
                      options->state);
            return false;
        }
        filter->has_state = true;
    }
    if (options->since && !cli_parse_since(options->since, &filter->since)) {
        cli_error("--since: \"%s\" is not a date (2026-11-01)", options->since);
        return false;
    }
    return true;
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
    if (options->json) {
        strbuf out = STRBUF_INIT;
        json_writer w;
        json_begin(&w, &out);
        log_json_delivery(&w, &d);
        cli_print_json(&out);
    } else {
        log_print_one(&d);
    }
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
        json_begin(&w, &out);
        json_array_open(&w);
        for (size_t i = 0; i < count; i++)
            log_json_delivery(&w, &list[i]);
        json_array_close(&w);
        cli_print_json(&out);
    } else {
        log_print_list(list, count);
    }
    ledger_deliveries_free(list, count);
    return EXIT_OK;
}

int cli_log(cli_options *options)
{
    ledger *l = cli_open_ledger(options);
    if (!l)
        return EXIT_CONFIG;
    int code;
    char error[512];
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
