/* briefing ledger migrate --to dynamodb://TABLE: the local history copied
 * into the shared table (send_ledger_migrate does it all), then its summary:
 * what was copied, what went up to the archive, and the verification, each
 * delivery that does not match on a line of its own (docs/ledger.md).
 * cmd_ledger.c's table hands `migrate` here. */
#include <stdio.h>
#include <string.h>

#include "cli/cli_internal.h"

static void ledger_migrate_print_problem(void *user, int64_t id, const char *report,
                                         const char *why)
{
    (void)user;
    printf("mismatch    delivery %lld (%s): %s\n", (long long)id, report, why);
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

static void ledger_migrate_print_summary(const send_migrate_summary *s)
{
    char states[512];
    ledger_migrate_states(s, states, sizeof states);
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

int cli_ledger_migrate(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    send_migrate_summary summary;
    char error[2048];
    int code = EXIT_CONFIG;
    bool ok = send_ledger_migrate(&config, options->migrate_to, &summary,
                                  ledger_migrate_print_problem, NULL, error, sizeof error,
                                  &code);
    if (ok) {
        printf("migrate %s -> %s (ids %s)\n", summary.source, summary.target,
               summary.plan.keeps_delivery_ids ? "kept" : "renumbered from the table's counter");
        ledger_migrate_print_summary(&summary);
        code = summary.problems ? EXIT_SOME_FAILED : EXIT_OK;
    } else {
        cli_error("%s", error);
        if (summary.copied || summary.already_there)
            cli_error("ledger migrate: %zu of %zu copied so far: run the same command again to "
                      "continue", summary.copied + summary.already_there, summary.deliveries);
    }
    model_portfolio_free(p);
    return code;
}
