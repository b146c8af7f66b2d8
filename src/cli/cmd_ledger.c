/* briefing ledger <sub>: the ledger itself rather than its deliveries.
 *
 * One table of sub-commands (`status` and `create-table` here; `sync` and
 * `migrate` in files of their own): each runs with the command's options. The
 * ledger is opened through the engine (send_ledger_open_named), so these
 * work on whichever back end --ledger, BRIEFING_LEDGER or the config file
 * names. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "briefing/json.h"
#include "briefing/send.h"
#include "cli/cli_internal.h"

static void ledger_time_utc(time_t when, char *out, size_t out_size)
{
    struct tm tm;
    gmtime_r(&when, &tm);
    strftime(out, out_size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void ledger_status_archive_json(json_writer *w, const send_archive_status *a)
{
    jsonw_key(w, "archive");
    jsonw_object_open(w);
    jsonw_key_string(w, "where", a->problem[0] ? NULL : a->where);
    jsonw_key_string(w, "problem", a->problem[0] ? a->problem : NULL);
    jsonw_key_bool(w, "remote", a->remote);
    jsonw_key_int(w, "only_local", (int64_t)a->only_local);
    jsonw_key(w, "last_upload");
    if (a->has_last_upload) {
        char at[32];
        ledger_time_utc(a->last_upload.at, at, sizeof at);
        jsonw_object_open(w);
        jsonw_key_string(w, "at", at);
        jsonw_key_int(w, "uploaded", (int64_t)a->last_upload.uploaded);
        jsonw_key_string(w, "where", a->last_upload.where);
        jsonw_object_close(w);
    } else {
        jsonw_null(w);
    }
    jsonw_object_close(w);
}

static void ledger_status_json(const ledger_status *s, const send_archive_status *a)
{
    strbuf out = STRBUF_INIT;
    json_writer w;
    jsonw_begin(&w, &out);
    jsonw_object_open(&w);
    jsonw_key_string(&w, "backend", s->backend);
    jsonw_key_string(&w, "where", s->where);
    jsonw_key_int(&w, "deliveries", (int64_t)s->deliveries);
    jsonw_key(&w, "states");
    jsonw_object_open(&w);
    for (int i = 0; i < DELIVERY_STATE_COUNT; i++)
        jsonw_key_int(&w, ledger_state_name((delivery_state)i), (int64_t)s->by_state[i]);
    jsonw_object_close(&w);
    jsonw_key_int(&w, "batches", s->batches);
    jsonw_key(&w, "last_delivery");
    if (s->has_last) {
        char at[32];
        ledger_time_utc(s->last_at, at, sizeof at);
        jsonw_object_open(&w);
        jsonw_key_int(&w, "id", s->last_id);
        jsonw_key_string(&w, "created_at", at);
        jsonw_key_string(&w, "report", s->last_report);
        jsonw_key_string(&w, "state", ledger_state_name(s->last_state));
        jsonw_object_close(&w);
    } else {
        jsonw_null(&w);
    }
    jsonw_key_int(&w, "kept_aside", s->kept_aside);
    ledger_status_archive_json(&w, a);
    jsonw_object_close(&w);
    cli_print_json(&out);
}

/* "12 (10 sent, 1 failed, 1 unknown)": the states that have deliveries. */
static void ledger_status_counts(const ledger_status *s, char *out, size_t out_size)
{
    int n = snprintf(out, out_size, "%zu", s->deliveries);
    const char *open = " (";
    for (int i = 0; i < DELIVERY_STATE_COUNT && n >= 0 && (size_t)n < out_size; i++) {
        if (!s->by_state[i])
            continue;
        n += snprintf(out + n, out_size - (size_t)n, "%s%zu %s", open, s->by_state[i],
                      ledger_state_name((delivery_state)i));
        open = ", ";
    }
    if (s->deliveries && n >= 0 && (size_t)n < out_size)
        snprintf(out + n, out_size - (size_t)n, ")");
}

static void ledger_status_archive_text(const send_archive_status *a)
{
    char last[160] = "never (by this machine)";
    if (a->has_last_upload) {
        char at[32];
        struct tm tm;
        strftime(at, sizeof at, "%Y-%m-%d %H:%M", localtime_r(&a->last_upload.at, &tm));
        snprintf(last, sizeof last, "%s (%zu uploaded, by this machine)", at,
                 a->last_upload.uploaded);
    }
    if (a->problem[0]) {
        printf("archive        cannot be named: %s\n", a->problem);
        return;
    }
    printf("archive        %s\n", a->where);
    if (a->remote)
        printf("only local     %zu%s\n", a->only_local,
               a->only_local ? " (sent messages waiting for `briefing ledger sync`)" : "");
    else
        printf("only local     - (a folder: nothing waits for `briefing ledger sync`)\n");
    printf("last upload    %s\n", a->remote || a->has_last_upload ? last : "-");
}

static void ledger_status_text(const ledger_status *s, const send_archive_status *a)
{
    char counts[256], last[256] = "none";
    ledger_status_counts(s, counts, sizeof counts);
    if (s->has_last) {
        char at[32];
        struct tm tm;
        strftime(at, sizeof at, "%Y-%m-%d %H:%M", localtime_r(&s->last_at, &tm));
        snprintf(last, sizeof last, "%s (delivery %lld, %s, %s)", at, (long long)s->last_id,
                 s->last_report, ledger_state_name(s->last_state));
    }
    printf("ledger         %s\n", s->backend);
    printf("where          %s\n", s->where);
    printf("deliveries     %s\n", counts);
    printf("batches        %lld\n", (long long)s->batches);
    printf("last delivery  %s\n", last);
    printf("kept aside     %lld%s\n", (long long)s->kept_aside,
           s->kept_aside ? " (events that named no delivery: docs/delivery-events.md)" : "");
    ledger_status_archive_text(a);
}

static int ledger_status_run(cli_options *options)
{
    int code = EXIT_CONFIG;
    ledger *l = cli_open_existing_ledger(options, &code);
    if (!l)
        return code;
    char error[1024];
    ledger_status status;
    send_archive_status archive;
    /* Which archive: --archive, else BRIEFING_ARCHIVE, else beside the
     * ledger. status only reads, so it needs no portfolio (nor its repos.env). */
    const briefing_config config = {.overrides = {.ledger_path = options->ledger,
                                                  .archive_root = options->archive}};
    bool ok = ledger_status_read(l, &status, error, sizeof error);
    if (ok) /* an archive that cannot be named is a line of the status, not its failure */
        send_archive_status_read(&config, l, &archive);
    if (ok && options->json)
        ledger_status_json(&status, &archive);
    else if (ok)
        ledger_status_text(&status, &archive);
    else
        cli_error("%s", error);
    ledger_close(l);
    return ok ? EXIT_OK : EXIT_CONFIG;
}

/* create-table: the shared ledger's DynamoDB table, made once (running it
 * again changes nothing, exit 0 both times) and waited for until ACTIVE. */
static int ledger_create_table_run(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    bool created = false;
    char error[1024], where[300];
    bool ok = send_ledger_create_table(&config, options->table, &created, where, sizeof where,
                                       error, sizeof error);
    model_portfolio_free(p);
    if (!ok) {
        cli_error("ledger create-table: %s", error);
        return EXIT_CONFIG;
    }
    printf("%s: %s, ACTIVE (on demand)\n", where, created ? "created" : "exists already");
    return EXIT_OK;
}

bool cli_ledger_run_start(const cli_options *options, const char *list_key, cli_ledger_run *run)
{
    *run = (cli_ledger_run){.json = options->json, .document = STRBUF_INIT};
    run->portfolio = cli_load_portfolio(options);
    if (!run->portfolio)
        return false;
    cli_config_from_options(options, run->portfolio, &run->config);
    if (run->json)
        cli_json_list_open(&run->w, &run->document, list_key);
    return true;
}

void cli_ledger_run_print(cli_ledger_run *run)
{
    jsonw_object_close(&run->w);
    cli_print_json(&run->document);
}

void cli_ledger_run_end(cli_ledger_run *run)
{
    strbuf_free(&run->document);
    model_portfolio_free(run->portfolio);
    run->portfolio = NULL;
}

/* The sub-commands, in the order `briefing ledger --help` names them. */
static const struct {
    const char *name;
    int (*run)(cli_options *options);
} cli_ledger_commands[] = {
    {"status", ledger_status_run},
    {"sync", cli_ledger_sync},
    {"create-table", ledger_create_table_run},
    {"migrate", cli_ledger_migrate},
};

int cli_ledger(cli_options *options)
{
    const char *word = options->positional_count > 0 ? options->positional[0] : NULL;
    if (options->positional_count > 1) {
        cli_error("ledger %s: unexpected \"%s\"", word, options->positional[1]);
        return EXIT_USAGE;
    }
    for (size_t i = 0; word && i < sizeof cli_ledger_commands / sizeof cli_ledger_commands[0];
         i++)
        if (strcmp(word, cli_ledger_commands[i].name) == 0)
            return cli_ledger_commands[i].run(options);
    if (word)
        cli_error("ledger: unknown sub-command \"%s\" (briefing ledger --help)", word);
    else
        cli_error("ledger: say what: briefing ledger status | sync | create-table | migrate");
    return EXIT_USAGE;
}
