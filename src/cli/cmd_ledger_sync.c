/* briefing ledger sync: the sent messages whose archive is still local (an
 * upload to S3 failed or never ran) uploaded to the S3 archive, one line
 * per delivery and "N uploaded, M already there, K failed: why". Running
 * it again uploads nothing twice (send_archive_sync). cli_ledger (cmd_ledger.c)
 * hands it the word `sync`. */
#include <stdio.h>
#include <string.h>

#include "cli/cli_internal.h"

static void ledger_sync_print_one(void *user, int64_t delivery_id, const char *location,
                                  const char *outcome)
{
    (void)user;
    printf("%-8lld %-14s %s\n", (long long)delivery_id,
           strcmp(outcome, "uploaded") == 0 || strcmp(outcome, "already there") == 0 ? outcome
                                                                                    : "failed",
           location[0] ? location : outcome);
}

int cli_ledger_sync(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    send_archive_sync_totals totals;
    char error[1024];
    int code = EXIT_OK;
    bool ok = send_archive_sync(&config, ledger_sync_print_one, NULL, &totals, error,
                                sizeof error, &code);
    if (!ok) {
        cli_error("%s", error);
    } else {
        printf("%zu uploaded, %zu already there, %zu failed%s%s\n", totals.uploaded,
               totals.already_there, totals.failed, totals.failed ? ": " : "", totals.why);
        code = totals.failed ? EXIT_SOME_FAILED : EXIT_OK;
    }
    model_portfolio_free(p);
    return code;
}
