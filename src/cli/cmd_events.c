/* briefing events: SES's delivery events from the SQS queue into the ledger
 * (docs/delivery-events.md), one line per message and a summary; --setup
 * goes to cmd_events_setup.c, --kept-aside to cmd_events_kept_aside.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/json.h"
#include "cli/cli_internal.h"

static const char *const events_result_names[] = {
    [LEDGER_EVENT_APPLIED] = "applied",
    [LEDGER_EVENT_DUPLICATE] = "duplicate",
    [LEDGER_EVENT_KEPT_ASIDE] = "kept aside",
    [LEDGER_EVENT_LATER] = "left for later",
};

/* What --json gathers while the run goes: one object per message. */
typedef struct {
    json_writer *w;
    bool json;
} events_output;

static void events_print_one(void *user, const send_event_report *r)
{
    events_output *out = user;
    const char *result = events_result_names[r->result];
    if (!out->json) {
        printf("%-14s %-16s %s\n", result, r->event_type ? r->event_type : "-", r->what);
        return;
    }
    json_writer *w = out->w;
    jsonw_object_open(w);
    jsonw_key_string(w, "sqs_message_id", r->sqs_message_id);
    jsonw_key_string(w, "result", result);
    jsonw_key_string(w, "event_type", r->event_type);
    jsonw_key_bool(w, "via_sns", r->enveloped);
    jsonw_key(w, "delivery");
    if (r->delivery_id > 0)
        jsonw_int(w, r->delivery_id);
    else
        jsonw_null(w);
    jsonw_key_string(w, "detail", r->what);
    jsonw_object_close(w);
}

static void events_print_totals_json(json_writer *w, const send_events_totals *t)
{
    jsonw_key_int(w, "received", (int64_t)t->received);
    jsonw_key_int(w, "applied", (int64_t)t->applied);
    jsonw_key_int(w, "duplicates", (int64_t)t->duplicates);
    jsonw_key_int(w, "kept_aside", (int64_t)t->kept_aside);
    jsonw_key_int(w, "later", (int64_t)t->later);
}

static bool events_parse_wait(const char *text, int *seconds)
{
    *seconds = 0;
    if (!text)
        return true;
    char *end;
    long value = strtol(text, &end, 10);
    if (!*text || *end || value < 0 || value > 20) {
        cli_error("--wait: \"%s\" is not a number of seconds from 0 to 20", text);
        return false;
    }
    *seconds = (int)value;
    return true;
}

int cli_events(cli_options *options)
{
    if (options->setup && options->kept_aside) {
        cli_error("events: --setup and --kept-aside are two different things; give one");
        return EXIT_USAGE;
    }
    if (options->setup)
        return cli_events_setup(options);
    if (options->dry_run || options->yes) {
        cli_error("events: --dry-run and --yes go with --setup (reading events asks nothing)");
        return EXIT_USAGE;
    }
    if (options->kept_aside)
        return cli_events_kept_aside(options);
    int wait = 0;
    if (!events_parse_wait(options->wait, &wait))
        return EXIT_USAGE;
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    ledger *l = cli_open_ledger(options);
    if (!l) {
        model_portfolio_free(p);
        return EXIT_CONFIG;
    }
    strbuf json = STRBUF_INIT;
    json_writer w;
    events_output out = {&w, options->json};
    if (options->json) {
        jsonw_begin(&w, &json);
        jsonw_object_open(&w);
        jsonw_key(&w, "events");
        jsonw_array_open(&w);
    }
    send_events_totals totals;
    char error[1024];
    int code = 0;
    bool ok = send_events_run(&config, l, wait, events_print_one, &out, &totals, error,
                              sizeof error, &code);
    if (!ok)
        cli_error("%s", error);
    if (options->json) {
        jsonw_array_close(&w);
        events_print_totals_json(&w, &totals);
        jsonw_key_string(&w, "error", ok ? NULL : error);
        jsonw_object_close(&w);
        cli_print_json(&json);
    } else if (ok || totals.received) { /* a configuration error prints no summary that looks like success */
        printf("%zu received: %zu applied, %zu duplicate(s), %zu kept aside, %zu left for "
               "later\n",
               totals.received, totals.applied, totals.duplicates, totals.kept_aside,
               totals.later);
    }
    strbuf_free(&json);
    ledger_close(l);
    model_portfolio_free(p);
    return code;
}
