/* briefing ledger sync: the sent messages whose archive is still local (an
 * upload to S3 failed or never ran) uploaded to the S3 archive, one line
 * per delivery and "N uploaded, M already there, K failed: why", or with
 * --json one document. Running it again uploads nothing twice
 * (send_archive_sync). cmd_ledger.c's table hands `sync` here. */
#include <stdio.h>
#include <string.h>

#include "briefing/json.h"
#include "cli/cli_internal.h"

/* What the run prints as it goes: a line per delivery, or the JSON array's items. */
typedef struct {
    json_writer *w;
    bool json;
} ledger_sync_output;

static bool ledger_sync_succeeded(const char *outcome)
{
    return strcmp(outcome, "uploaded") == 0 || strcmp(outcome, "already there") == 0;
}

static void ledger_sync_print_one(void *user, int64_t delivery_id, const char *location,
                                  const char *outcome)
{
    ledger_sync_output *out = user;
    bool ok = ledger_sync_succeeded(outcome);
    if (!out->json) {
        printf("%-8lld %-14s %s\n", (long long)delivery_id, ok ? outcome : "failed",
               ok ? location : outcome);
        return;
    }
    jsonw_object_open(out->w);
    jsonw_key_int(out->w, "delivery", delivery_id);
    jsonw_key_string(out->w, "result", ok ? outcome : "failed");
    jsonw_key_string(out->w, "archive", ok ? location : NULL);
    jsonw_key_string(out->w, "error", ok ? NULL : outcome);
    jsonw_object_close(out->w);
}

static void ledger_sync_totals_json(json_writer *w, const send_archive_sync_totals *t,
                                    const char *error)
{
    jsonw_key_int(w, "uploaded", (int64_t)t->uploaded);
    jsonw_key_int(w, "already_there", (int64_t)t->already_there);
    jsonw_key_int(w, "failed", (int64_t)t->failed);
    jsonw_key_string(w, "error", error);
}

int cli_ledger_sync(cli_options *options)
{
    cli_ledger_run run;
    if (!cli_ledger_run_start(options, "deliveries", &run))
        return EXIT_USAGE;
    ledger_sync_output out = {&run.w, run.json};
    send_archive_sync_totals totals;
    char error[1024];
    int code = EXIT_OK;
    bool ok = send_archive_sync(&run.config, ledger_sync_print_one, &out, &totals, error,
                                sizeof error, &code);
    if (ok)
        code = totals.failed ? EXIT_SOME_FAILED : EXIT_OK;
    else
        cli_error("%s", error);
    if (run.json) {
        jsonw_array_close(&run.w);
        ledger_sync_totals_json(&run.w, &totals, ok ? (totals.failed ? totals.why : NULL) : error);
        cli_ledger_run_print(&run);
    } else if (ok) {
        printf("%zu uploaded, %zu already there, %zu failed%s%s\n", totals.uploaded,
               totals.already_there, totals.failed, totals.failed ? ": " : "", totals.why);
    }
    cli_ledger_run_end(&run);
    return code;
}
