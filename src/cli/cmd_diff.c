/* briefing diff: one report now against the copy that last went out, so
 * the operator reads what changed — the money figures that moved first,
 * then a unified diff of the text — before sending this week's report.
 * Exit 0 with the diff (also when nothing changed), 2 when there is no
 * sent version to compare with. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "briefing/send.h"
#include "cli/cli_internal.h"

static void diff_print(const report_target *target, const send_diff_result *d)
{
    char when[32];
    struct tm tm;
    localtime_r(&d->sent_at, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    const char *persona = report_personas[target->persona].id;
    if (d->changed_lines == 0) {
        printf("%s/%s: no change since delivery %lld (sent %s)\n", persona, target->scope,
               (long long)d->delivery_id, when);
        return;
    }
    if (d->moved.len)
        printf("Figures that moved since delivery %lld (sent %s):\n%s\n", (long long)d->delivery_id,
               when, strbuf_cstr(&d->moved));
    printf("--- %s/%s sent %s (delivery %lld)\n+++ %s/%s now\n%s", persona, target->scope, when,
           (long long)d->delivery_id, persona, target->scope, strbuf_cstr(&d->unified));
}

int cli_diff(cli_options *options)
{
    /* --entity defaults to the portfolio, as for render and send: only the
     * audit, which is of one entity, needs it (cli_resolve_targets says so). */
    if (!options->persona) {
        cli_error("say which report: briefing diff --persona P [--entity E]");
        return EXIT_USAGE;
    }
    time_t now;
    portfolio *p = cli_load_reportable(options, &now);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    report_target targets[1];
    bool ok;
    int code = EXIT_USAGE;
    if (cli_resolve_targets(options, p, targets, 1, &ok) == 1 && ok) {
        send_diff_result d;
        char error[1024];
        if (send_diff_report(&config, &targets[0], now, &d, error, sizeof error)) {
            diff_print(&targets[0], &d);
            code = EXIT_OK;
        } else {
            cli_error("%s", error);
            code = d.no_sent_version ? EXIT_USAGE : EXIT_CONFIG;
        }
        send_diff_free(&d);
    }
    model_portfolio_free(p);
    return code;
}
