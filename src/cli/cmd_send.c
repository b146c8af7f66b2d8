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

/* cli_recipient_source_fn: a flag when one was given, else the key of
 * repos.env (or the --env file, or recipients.env) the persona's default
 * was read from. */
static void send_recipient_source(const cli_send_job *s, const batch_item *item,
                                  recipient_field field, char *out, size_t out_size)
{
    static const char *const flags[RECIPIENT_FIELD_COUNT] = {"--to", "--cc", "--bcc"};
    const char *given[RECIPIENT_FIELD_COUNT] = {s->options->to, s->options->cc, s->options->bcc};
    if (given[field])
        snprintf(out, out_size, "%s", flags[field]);
    else
        config_recipient_source(s->config, item->target.persona, field, out, out_size);
}

/* What the plan left out, by why: a report already sent today waits for
 * --include-sent; one whose last delivery is unknown needs a human; one
 * another process is sending waits for it (no failure: it is going out). */
typedef struct {
    size_t sent_today;
    size_t unknown;
    size_t being_sent;
} send_left_out;

/* The engine's plan verdict: false when `target` is left out, said why. */
static bool send_target_included(ledger *l, const report_target *target, time_t now,
                                 bool include_sent, send_left_out *left_out, bool *claims_day)
{
    send_plan_check check;
    send_plan_verdict verdict = send_plan_judge(l, target, now, include_sent, &check);
    *claims_day = check.claims_day;
    if (verdict == SEND_PLAN_INCLUDED)
        return true;
    cli_error("%s", check.reason);
    if (verdict == SEND_PLAN_LAST_UNKNOWN)
        left_out->unknown++;
    else if (verdict == SEND_PLAN_BEING_SENT)
        left_out->being_sent++;
    else
        left_out->sent_today++;
    return false;
}

/* A report asked for again (named, --include-sent) that went out today
 * says so before the question: the operator may not know it did. */
static void send_note_repeat(ledger *l, batch_item *item)
{
    ledger_delivery found = {0};
    char words[256];
    if (!send_report_sent_today(l, &item->target, time(NULL), 0, &found, words, sizeof words))
        return;
    char notice[sizeof item->notice];
    snprintf(notice, sizeof notice, "%s/%s %s: this sends it again%s%s",
             report_personas[item->target.persona].id, item->scope, words,
             item->notice[0] ? "; " : "", item->notice);
    snprintf(item->notice, sizeof item->notice, "%s", notice);
}

static bool send_prepare(const cli_options *options, batch *b, const portfolio *p,
                         const briefing_config *config, ledger *l, send_left_out *left_out)
{
    size_t max_targets = PERSONA_COUNT + p->entity_count;
    report_target *targets = calloc(max_targets, sizeof *targets);
    bool ok;
    size_t count = cli_resolve_targets(options, p, targets, max_targets, &ok);
    for (size_t i = 0; ok && i < count; i++) {
        /* Naming one report asks for it; the default plan leaves out what
         * went out today unless --include-sent. */
        bool claims_day = false;
        if (!send_target_included(l, &targets[i], time(NULL),
                                  options->include_sent || !options->all, left_out, &claims_day))
            continue;
        recipients r = send_recipients(options, config, targets[i].persona);
        batch_item *item = batch_add(b, &targets[i], &r);
        item->claims_day = claims_day;
        send_note_repeat(l, item);
    }
    free(targets);
    return ok;
}

/* The ledger the plan reads: the send session's, or for a dry run one
 * opened only to read it, so the dry run leaves out what the send would.
 * A dry run creates no ledger (nor its folder): with none yet, nothing was
 * sent with it and the plan leaves nothing out. False with *code set. */
static bool send_plan_ledger(cli_send_job *send, ledger **plan, ledger **dry_run_ledger,
                             int *code)
{
    *plan = NULL;
    if (!send->options->dry_run) {
        *code = EXIT_CONFIG;
        if (!cli_send_open(send)) {
            *code = send->session.exit_code ? send->session.exit_code : EXIT_CONFIG;
            return false;
        }
        *plan = send->session.ledger;
        return true;
    }
    char error[1024];
    bool missing = false;
    int recovered = 0;
    *dry_run_ledger = send_ledger_open_named(send->options->ledger, NULL, NULL, true, &missing,
                                             &recovered, error, sizeof error);
    if (!*dry_run_ledger && (!missing || !send_ledger_folder_exists(send->options->ledger, error,
                                                                    sizeof error))) {
        cli_error("%s", error);
        *code = missing ? EXIT_USAGE : EXIT_CONFIG;
        return false;
    }
    if (!*dry_run_ledger)
        cli_error("%s; a send creates it, this dry run does not", error);
    cli_print_recovered(recovered);
    *plan = *dry_run_ledger;
    send->plan_ledger = *plan;
    return true;
}

/* The last line of a run that left reports out (what a cron mail or a
 * journal tail shows): every reason counted, the unknown ones first since
 * they need a human. */
static void send_print_left_out(const batch *b, const send_left_out *left_out)
{
    char unknown[160] = "", sent_today[128] = "";
    if (left_out->unknown)
        snprintf(unknown, sizeof unknown, "%zu unknown (SES may have them: check them, "
                 "`briefing log --state unknown`)", left_out->unknown);
    if (left_out->sent_today)
        snprintf(sent_today, sizeof sent_today, "%zu already sent today (--include-sent sends "
                 "them again)", left_out->sent_today);
    fprintf(stderr, "briefing: %s left out: %s%s%s\n", b->count ? "also" : "nothing sent,",
            unknown, unknown[0] && sent_today[0] ? "; " : "", sent_today);
}

/* The exit code once the plan has run: a report left out because it went
 * out today is no failure (a weekly cron job must not raise an alarm); one
 * left out because its last delivery is unknown is, until a human looks. */
static int send_plan_exit(int code, const cli_options *options, const batch *b,
                          const send_left_out *left_out)
{
    if (b->count == 0 && left_out->sent_today && !left_out->unknown)
        fprintf(options->json ? stderr : stdout, "nothing to send: %zu left out (already sent today; --include-sent sends them "
               "again)\n", left_out->sent_today);
    else if (left_out->sent_today || left_out->unknown)
        send_print_left_out(b, left_out);
    if (code == EXIT_OK && left_out->unknown)
        return EXIT_SOME_FAILED;
    return code;
}

int cli_send(cli_options *options)
{
    if (options->offline && !options->dry_run) {
        cli_error("--offline goes with --dry-run (a send always checks with SES first)");
        return EXIT_USAGE;
    }
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
    cli_send_job send = {.options = options, .batch = &b, .config = &config,
                         .recipient_source = send_recipient_source};
    ledger *dry_run_ledger = NULL;
    int code = EXIT_CONFIG;
    /* The ledger opens first: it says which reports must not go out again. */
    ledger *l = NULL;
    if (!send_plan_ledger(&send, &l, &dry_run_ledger, &code))
        goto done;
    send_left_out left_out = {0};
    code = EXIT_USAGE;
    if (!send_prepare(options, &b, p, &config, l, &left_out))
        goto done;
    code = send_plan_exit(b.count > 0 ? cli_send_run(&send) : EXIT_OK, options, &b,
                          &left_out);
done:
    if (dry_run_ledger)
        ledger_close(dry_run_ledger);
    cli_send_close(&send);
    batch_free(&b);
    model_portfolio_free(p);
    return code;
}
