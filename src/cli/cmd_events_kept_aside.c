/* cmd_events_kept_aside: `briefing events --kept-aside [--json]`, the queue
 * messages `events` kept aside (docs/delivery-events.md, "Kept aside, never
 * lost"): when, why, and the start of each body, masked. It only reads: a
 * ledger that does not exist is refused, never created (as log). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "briefing/json.h"
#include "briefing/model.h"
#include "briefing/utf8.h"
#include "cli/cli_internal.h"

/* How much of a body the listing shows, in characters. */
enum { KEPT_ASIDE_SHOWN = 80 };

/* The body's first KEPT_ASIDE_SHOWN characters on one line: control
 * characters become spaces, bad UTF-8 U+FFFD, and every secret-shaped token
 * is masked before the cut (so one that straddles it is masked too). */
static void kept_aside_body_start(const char *body, strbuf *out)
{
    strbuf line = STRBUF_INIT, masked = STRBUF_INIT;
    utf8_append_repaired(&line, body, strlen(body));
    for (size_t i = 0; i < line.len; i++)
        if ((unsigned char)line.data[i] < 0x20 || line.data[i] == 0x7f)
            line.data[i] = ' ';
    model_mask_secrets(strbuf_cstr(&line), line.len, &masked);
    strbuf_append(out, strbuf_cstr(&masked), utf8_prefix(strbuf_cstr(&masked), masked.len,
                                                         KEPT_ASIDE_SHOWN));
    strbuf_free(&line);
    strbuf_free(&masked);
}

static void kept_aside_time(time_t t, char *out, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void kept_aside_print_json(const ledger_kept_aside_entry *list, size_t count)
{
    strbuf json = STRBUF_INIT;
    json_writer w;
    jsonw_begin(&w, &json);
    jsonw_object_open(&w);
    jsonw_key_int(&w, "count", (int64_t)count);
    jsonw_key(&w, "kept_aside");
    jsonw_array_open(&w);
    for (size_t i = 0; i < count; i++) {
        char when[32];
        strbuf start = STRBUF_INIT;
        kept_aside_time(list[i].kept_at, when, sizeof when);
        kept_aside_body_start(list[i].body_start, &start);
        jsonw_object_open(&w);
        jsonw_key_int(&w, "id", list[i].id);
        jsonw_key_string(&w, "kept_at", when);
        jsonw_key_string(&w, "reason", list[i].reason);
        jsonw_key_string(&w, "body_start", strbuf_cstr(&start));
        jsonw_object_close(&w);
        strbuf_free(&start);
    }
    jsonw_array_close(&w);
    jsonw_object_close(&w);
    cli_print_json(&json);
}

static void kept_aside_print_text(const ledger_kept_aside_entry *list, size_t count)
{
    if (count == 0) {
        printf("No message was kept aside.\n");
        return;
    }
    printf("%zu message(s) kept aside (when, why, the start of the body):\n", count);
    for (size_t i = 0; i < count; i++) {
        char when[32];
        strbuf start = STRBUF_INIT;
        kept_aside_time(list[i].kept_at, when, sizeof when);
        kept_aside_body_start(list[i].body_start, &start);
        printf("%s  %s\n    %s\n", when, list[i].reason, strbuf_cstr(&start));
        strbuf_free(&start);
    }
}

int cli_events_kept_aside(cli_options *options)
{
    if (options->wait) {
        cli_error("events: --kept-aside lists what the ledger holds; --wait goes with reading "
                  "the queue");
        return EXIT_USAGE;
    }
    int code;
    ledger *l = cli_open_existing_ledger(options, &code);
    if (!l)
        return code;
    char error[1024];
    ledger_kept_aside_entry *list = NULL;
    size_t count = 0;
    if (!ledger_kept_aside_list(l, &list, &count, error, sizeof error)) {
        cli_error("%s", error);
        code = EXIT_CONFIG;
    } else if (options->json) {
        kept_aside_print_json(list, count);
    } else {
        kept_aside_print_text(list, count);
    }
    ledger_kept_aside_free(list, count);
    ledger_close(l);
    return code;
}
