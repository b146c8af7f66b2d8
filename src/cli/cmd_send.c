/* briefing send: build every message, show what goes to whom, ask, send,
 * and print each MessageId. Nothing leaves before the operator (or --yes)
 * confirmed, and nothing is sent when any message cannot be built. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/send.h"
#include "briefing/json.h"
#include "cli/cli_internal.h"
#include "cli/send_common.h"

/* Applies --to/--cc/--bcc on top of each persona's defaults. */
static recipients send_recipients(const cli_options *options, const briefing_config *config,
                                  persona persona)
{
    recipients r = config_recipients(config, persona);
    if (options->to)
        r.to = options->to;
    if (options->cc)
        r.cc = options->cc;
    if (options->bcc)
        r.bcc = options->bcc;
    return r;
}

/* The engine's plan verdict: false when `target` is left out, said why. */
static bool send_target_included(ledger *l, const report_target *target, time_t now,
                                 bool include_sent)
{
    send_plan_check check;
    if (send_plan_judge(l, target, now, include_sent, &check) == SEND_PLAN_INCLUDED)
        return true;
    cli_error("%s", check.reason);
    return false;
}

static bool send_prepare(const cli_options *options, batch *b, const portfolio *p,
                         const briefing_config *config, ledger *l, size_t *left_out)
{
    size_t max_targets = PERSONA_COUNT + p->entity_count;
    report_target *targets = calloc(max_targets, sizeof *targets);
    bool ok;
    size_t count = cli_resolve_targets(options, p, targets, max_targets, &ok);
    for (size_t i = 0; ok && i < count; i++) {
        /* Naming one report asks for it; the default plan leaves out what
         * went out today unless --include-sent. */
        if (!send_target_included(l, &targets[i], time(NULL),
                                  options->include_sent || !options->all)) {
            (*left_out)++;
            continue;
        }
        recipients r = send_recipients(options, config, targets[i].persona);
        batch_add(b, &targets[i], &r);
    }
    free(targets);
    return ok;
}

int cli_send(cli_options *options)
{
    time_t now;
    portfolio *p = cli_load_reportable(options, &now);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    batch b;
    batch_init(&b, p, &config, now);
    b.no_pacing = options->no_pacing;
    b.follow_clock = !options->now && !config_clock_pinned();
    b.unverified_ok = options->unverified_ok;
    cli_send_job send = {.options = options, .batch = &b, .config = &config};
    int code = EXIT_CONFIG;
    /* The ledger opens first: it says which reports must not go out again. */
    if (!options->dry_run && !cli_send_open(&send))
        goto done;
    size_t left_out = 0;
    code = EXIT_USAGE;
    if (!send_prepare(options, &b, p, &config, send.session_open ? send.session.ledger : NULL,
                      &left_out))
        goto done;
    code = b.count > 0 ? cli_send_run(&send) : EXIT_OK;
    if (code == EXIT_OK && left_out)
        code = EXIT_SOME_FAILED;
done:
    cli_send_close(&send);
    batch_free(&b);
    model_portfolio_free(p);
    return code;
}
