/* briefing resend: one delivery again (the archived message byte for byte,
 * or rebuilt with --regenerate), or with --failed every delivery not yet
 * settled (failed, not attempted; unknown with --include-unknown) of any
 * batch or of --batch N. A resend is a new delivery linked to the original; it goes
 * through the same checks and confirmation as `send`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/send.h"
#include "cli/cli_internal.h"
#include "cli/send_common.h"

static bool resend_parse_id(const char *text, int64_t *id)
{
    char *end;
    long long value = strtoll(text, &end, 10);
    if (*end || value <= 0)
        return false;
    *id = value;
    return true;
}

/* Recipients from the flags over the original's. */
static recipients resend_recipients(const cli_options *options, const ledger_delivery *original)
{
    recipients r = {
        options->to ? options->to : (original->to_addresses ? original->to_addresses : ""),
        options->cc ? options->cc : (original->cc_addresses ? original->cc_addresses : ""),
        options->bcc ? options->bcc : (original->bcc_addresses ? original->bcc_addresses : ""),
    };
    return r;
}

static bool resend_add_one(const cli_options *options, batch *b, ledger *l, int64_t id)
{
    ledger_delivery original;
    char error[512];
    if (!ledger_get(l, id, &original, error, sizeof error)) {
        cli_error("%s", error);
        return false;
    }
    recipients r = resend_recipients(options, &original);
    batch_add_resend(b, &original, options->regenerate, &r);
    ledger_delivery_clear(&original);
    return true;
}

/* A delivery resend --failed leaves out (not attempted but its day held, or
 * unknown without --include-unknown), and why. */
static void resend_note_left_out(void *context, const char *why)
{
    (void)context;
    fprintf(stderr, "briefing: %s\n", why);
}

/* --failed [--batch N]: every delivery still to settle (send_unresolved_list),
 * of one batch or of all. */
static bool resend_add_failed(const cli_options *options, batch *b, ledger *l)
{
    int64_t batch_id = 0;
    const char *batch_text = options->batch ? options->batch
                             : options->positional_count > 0 ? options->positional[0]
                                                             : NULL;
    if (batch_text && !resend_parse_id(batch_text, &batch_id)) {
        cli_error("--batch: \"%s\" is not a batch id (see `briefing log`)", batch_text);
        return false;
    }
    ledger_delivery *list = NULL;
    size_t count = 0;
    char error[512];
    if (!send_unresolved_list(l, batch_id, options->include_unknown, &list, &count,
                              resend_note_left_out, NULL, error, sizeof error)) {
        cli_error("%s", error);
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        recipients r = resend_recipients(options, &list[i]);
        /* A report that never left (not attempted, refused before sending)
         * is built from today's data (batch_resend_built_afresh). */
        batch_add_resend(b, &list[i], options->regenerate || batch_resend_built_afresh(&list[i]),
                         &r);
        fprintf(stderr, "briefing: delivery %lld (%s/%s, %s) will be resent\n",
                (long long)list[i].id, list[i].persona, list[i].scope,
                ledger_state_name(list[i].state));
    }
    ledger_deliveries_free(list, count);
    if (count == 0 && batch_id)
        fprintf(stderr, "briefing: batch %lld has nothing failed or not attempted to resend%s\n",
                (long long)batch_id, options->include_unknown ? " (nor unknown)" : "");
    else if (count == 0)
        fprintf(stderr, "briefing: no delivery is failed or not attempted%s: nothing to resend\n",
                options->include_unknown ? " (nor unknown)" : "");
    return true;
}

int cli_resend(cli_options *options)
{
    int64_t id = 0;
    if (!options->failed &&
        (options->positional_count != 1 || !resend_parse_id(options->positional[0], &id))) {
        cli_error("say which delivery: briefing resend DELIVERY-ID (see `briefing log`), or "
                  "--failed [--batch N]");
        return EXIT_USAGE;
    }
    time_t now;
    portfolio *p = cli_resolve_now(options, &now) ? cli_load_portfolio(options) : NULL;
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    batch b;
    batch_init(&b, p, &config, now);
    b.follow_clock = !options->now && !config_clock_pinned();
    b.unverified_ok = options->unverified_ok;
    cli_send_job send = {.options = options, .batch = &b, .config = &config};
    if (!cli_send_open(&send)) {
        batch_free(&b);
        model_portfolio_free(p);
        return EXIT_CONFIG;
    }
    ledger *l = send.session.ledger;
    bool ok = options->failed ? resend_add_failed(options, &b, l) : resend_add_one(options, &b, l, id);
    int code = EXIT_USAGE;
    if (ok && b.count == 0)
        code = EXIT_OK;
    else if (ok)
        code = cli_send_run(&send);
    cli_send_close(&send);
    batch_free(&b);
    model_portfolio_free(p);
    return code;
}
