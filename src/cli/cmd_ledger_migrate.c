/* briefing ledger migrate --to dynamodb://TABLE: the local history copied
 * into the shared table (send_ledger_migrate does it all), then its summary:
 * what was copied, what went up to the archive, and the verification, each
 * delivery that does not match on a line of its own; with --json one
 * document instead (docs/ledger.md). cmd_ledger.c's table hands `migrate`
 * here. */
#include <stdio.h>
#include <string.h>

#include "briefing/json.h"
#include "cli/cli_internal.h"

/* Where the mismatches go as the verification finds them: the JSON
 * document's array, or lines printed after the summary. */
typedef struct {
    json_writer *w;
    bool json;
    strbuf lines;
} ledger_migrate_output;

static void ledger_migrate_print_problem(void *user, int64_t id, const char *report,
                                         const char *why)
{
    ledger_migrate_output *out = user;
    if (!out->json) {
        strbuf_printf(&out->lines, "mismatch    delivery %lld (%s): %s\n", (long long)id,
                      report, why);
        return;
    }
    jsonw_object_open(out->w);
    jsonw_key_int(out->w, "delivery", id);
    jsonw_key_string(out->w, "report", report);
    jsonw_key_string(out->w, "why", why);
    jsonw_object_close(out->w);
}

/* "sent 9/9, failed 1/1": each state the source has, found in the table / in the source. */
static void ledger_migrate_states(const send_migrate_summary *s, char *out, size_t out_size)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < DELIVERY_STATE_COUNT && used < out_size; i++) {
        if (!s->source_states[i] && !s->target_states[i])
            continue;
        int n = snprintf(out + used, out_size - used, "%s%s %zu/%zu", used ? ", " : "",
                         ledger_state_name((delivery_state)i), s->target_states[i],
                         s->source_states[i]);
        used += n > 0 ? (size_t)n : 0;
    }
}

static const char *ledger_migrate_ids(const send_migrate_summary *s)
{
    return s->plan.keeps_delivery_ids ? "kept" : "renumbered";
}

static void ledger_migrate_print_summary(const send_migrate_summary *s)
{
    char states[512];
    ledger_migrate_states(s, states, sizeof states);
    printf("migrate %s -> %s (%s)\n", s->source, s->target,
           !s->deliveries               ? "nothing to copy"
           : s->plan.keeps_delivery_ids ? "ids kept"
                                        : "ids renumbered from the table's counter");
    printf("deliveries  %zu: %zu copied, %zu already there\n", s->deliveries, s->copied,
           s->already_there);
    if (s->archive_remote)
        printf("archive     %s: %zu uploaded, %zu already there, %zu failed\n", s->archive,
               s->uploaded, s->upload_present, s->upload_failed);
    else
        printf("archive     %s: a folder: the messages stay on this machine (--archive "
               "s3://BUCKET/PREFIX takes them up)\n", s->archive);
    printf("verified    %s\n", s->deliveries ? states : "nothing to copy");
    printf("verified    %zu of %zu archived messages match the ledger's SHA-256\n",
           s->archive_matching, s->archived);
}

/* The rest of the --json document, after its "mismatches". */
static void ledger_migrate_json_summary(json_writer *w, const send_migrate_summary *s,
                                        const char *error)
{
    jsonw_key_string(w, "source", s->source);
    jsonw_key_string(w, "target", s->target);
    jsonw_key_string(w, "ids", ledger_migrate_ids(s));
    jsonw_key_int(w, "deliveries", (int64_t)s->deliveries);
    jsonw_key_int(w, "copied", (int64_t)s->copied);
    jsonw_key_int(w, "already_there", (int64_t)s->already_there);
    jsonw_key(w, "archive");
    jsonw_object_open(w);
    jsonw_key_string(w, "where", s->archive);
    jsonw_key_bool(w, "remote", s->archive_remote);
    jsonw_key_int(w, "uploaded", (int64_t)s->uploaded);
    jsonw_key_int(w, "already_there", (int64_t)s->upload_present);
    jsonw_key_int(w, "failed", (int64_t)s->upload_failed);
    jsonw_object_close(w);
    jsonw_key(w, "states");
    jsonw_object_open(w);
    for (int i = 0; i < DELIVERY_STATE_COUNT; i++) {
        jsonw_key(w, ledger_state_name((delivery_state)i));
        jsonw_object_open(w);
        jsonw_key_int(w, "local", (int64_t)s->source_states[i]);
        jsonw_key_int(w, "table", (int64_t)s->target_states[i]);
        jsonw_object_close(w);
    }
    jsonw_object_close(w);
    jsonw_key_int(w, "archived", (int64_t)s->archived);
    jsonw_key_int(w, "archive_matching", (int64_t)s->archive_matching);
    jsonw_key_string(w, "error", error);
}

int cli_ledger_migrate(cli_options *options)
{
    cli_ledger_run run;
    if (!cli_ledger_run_start(options, "mismatches", &run))
        return EXIT_USAGE;
    ledger_migrate_output out = {&run.w, run.json, STRBUF_INIT};
    send_migrate_summary summary;
    char error[2048];
    int code = EXIT_CONFIG;
    bool ok = send_ledger_migrate(&run.config, options->migrate_to, &summary,
                                  ledger_migrate_print_problem, &out, error, sizeof error,
                                  &code);
    if (ok)
        code = summary.problems ? EXIT_SOME_FAILED : EXIT_OK;
    if (!ok)
        cli_error("%s", error);
    if (!ok && (summary.copied || summary.already_there))
        cli_error("ledger migrate: %zu of %zu copied so far: run the same command again to "
                  "continue", summary.copied + summary.already_there, summary.deliveries);
    if (run.json) {
        jsonw_array_close(&run.w);
        ledger_migrate_json_summary(&run.w, &summary, ok ? NULL : error);
        cli_ledger_run_print(&run);
    } else if (ok) {
        ledger_migrate_print_summary(&summary);
        fputs(strbuf_cstr(&out.lines), stdout);
    }
    strbuf_free(&out.lines);
    cli_ledger_run_end(&run);
    return code;
}
