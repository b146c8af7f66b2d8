/* send_common: from a prepared batch to an exit code.
 *
 * The order is the operator's guarantee: every message is built and valid,
 * the ledger opens, SES accepts the credentials and the sender, the quota is
 * enough, the operator says yes — only then does the first request leave. */
#include "cli/send_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/json.h"

static bool send_all_built(const batch *b)
{
    bool ok = true;
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        if (item->build_error[0]) {
            cli_error("%s/%s: %s", report_personas[item->target.persona].id, item->scope,
                      item->build_error);
            ok = false;
        }
    }
    if (!ok)
        cli_error("nothing was sent: fix the message(s) above first");
    return ok;
}

static void send_print_summary(const send_session *s, FILE *out)
{
    const batch *b = s->batch;
    const batch_preflight_result *r = &b->preflight;
    fprintf(out, "From:     %s", s->config->from_address ? s->config->from_address : "(unset)");
    if (r->checked)
        fprintf(out, "  [%s: %s]", r->identity, r->verification);
    fputc('\n', out);
    if (s->client)
        fprintf(out, "Endpoint: %s (region %s)\n", s->endpoint,
                s->config->region ? s->config->region : "us-east-1");
    if (r->quota_known) {
        if (r->quota.max_24_hour_send < 0)
            fprintf(out, "Quota:    unlimited, max %.0f/s\n", r->quota.max_send_rate);
        else
            fprintf(out, "Quota:    %.0f of %.0f left in 24 h, max %.0f/s\n",
                    r->quota.max_24_hour_send - r->quota.sent_last_24_hours,
                    r->quota.max_24_hour_send, r->quota.max_send_rate);
    }
    fprintf(out, "\n%zu report(s):\n", b->count);
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        char size[32];
        batch_format_size(item->eml.len, size, sizeof size);
        fprintf(out, "  %zu. %s/%s  %s  (%s)\n", i + 1, report_personas[item->target.persona].id,
                item->scope, item->subject ? item->subject : "", size);
        fprintf(out, "     To: %s  Cc: %s  Bcc: %s\n", *item->to ? item->to : "-",
                *item->cc ? item->cc : "-", *item->bcc ? item->bcc : "-");
    }
    if (r->warnings[0])
        fprintf(out, "\nWarnings:\n  %s\n", r->warnings);
}

static void send_print_json(const batch *b, const char *default_state)
{
    strbuf out = STRBUF_INIT;
    json_writer w;
    json_begin(&w, &out);
    json_array_open(&w);
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        json_object_open(&w);
        json_key_string(&w, "persona", report_personas[item->target.persona].id);
        json_key_string(&w, "entity", item->scope);
        json_key_string(&w, "to", item->to);
        json_key_string(&w, "cc", item->cc);
        json_key_string(&w, "bcc", item->bcc);
        json_key_string(&w, "subject", item->subject);
        json_key_string(&w, "message_id", item->message_id[0] ? item->message_id : NULL);
        json_key_string(&w, "state",
                        default_state ? default_state : ledger_state_name(item->state));
        if (item->delivery_id)
            json_key_int(&w, "delivery_id", item->delivery_id);
        if (item->error[0])
            json_key_string(&w, "error", item->error);
        json_key_int(&w, "size", (int64_t)item->eml.len);
        json_object_close(&w);
    }
    json_array_close(&w);
    cli_print_json(&out);
}

static int send_connect(send_session *s)
{
    ses_config ses;
    char error[1024];
    if (!config_resolve_ses(s->config, &ses, s->endpoint, sizeof s->endpoint, error,
                            sizeof error)) {
        cli_error("%s", error);
        return EXIT_CONFIG;
    }
    fprintf(stderr, "briefing: credentials from %s\n",
            ses.credentials.source_detail[0] ? ses.credentials.source_detail
                                             : ses_credential_source_name(ses.credentials.source));
    s->client = ses_client_new(&ses, error, sizeof error);
    if (!s->client) {
        cli_error("%s", error);
        return EXIT_CONFIG;
    }
    return EXIT_OK;
}

static bool send_confirmed(const send_session *s)
{
    if (s->options->yes)
        return true;
    if (!isatty(STDIN_FILENO)) {
        cli_error("not sent: confirmation needs a terminal; add --yes to send without asking");
        return false;
    }
    char question[64];
    snprintf(question, sizeof question, "Send %zu message(s)?", s->batch->count);
    if (cli_confirm(question))
        return true;
    cli_error("not sent");
    return false;
}

/* One line per finished delivery, as it finishes. */
static void send_print_progress(void *user, size_t index)
{
    const batch *b = user;
    const batch_item *item = &b->items[index];
    if (item->state == DELIVERY_SENDING)
        return;
    fprintf(stderr, "  %-7s %s/%s  ", ledger_state_name(item->state),
            report_personas[item->target.persona].id, item->scope);
    if (item->state == DELIVERY_SENT)
        fprintf(stderr, "MessageId %s\n", item->message_id);
    else
        fprintf(stderr, "%s\n", item->error);
}

int send_run(send_session *s)
{
    batch *b = s->batch;
    bool json = s->options->json;
    if (!send_all_built(b))
        return EXIT_USAGE;
    if (s->options->dry_run) {
        send_print_summary(s, json ? stderr : stdout);
        if (json)
            send_print_json(b, "dry-run");
        else
            printf("\nDry run: %zu message(s) built and valid, nothing sent.\n", b->count);
        return EXIT_OK;
    }
    if (!s->ledger) {
        s->ledger = cli_open_ledger(s->options);
        if (!s->ledger)
            return EXIT_CONFIG;
    }
    char lock_error[1024];
    if (!ledger_lock_batch(s->ledger, lock_error, sizeof lock_error)) {
        cli_error("nothing was sent: %s", lock_error);
        return EXIT_CONFIG;
    }
    int code = send_connect(s);
    if (code != EXIT_OK)
        return code;
    batch_preflight(b, s->client);
    send_print_summary(s, stderr);
    if (b->preflight.error[0]) {
        cli_error("nothing was sent: %s", b->preflight.error);
        return b->preflight.error_exit_code;
    }
    if (!send_confirmed(s))
        return EXIT_USAGE;

    strbuf archive_root = STRBUF_INIT;
    cli_archive_root(s->options, s->ledger, &archive_root);
    batch_totals totals;
    char error[1024];
    fputc('\n', stderr);
    bool ok = batch_send(b, s->ledger, s->client, strbuf_cstr(&archive_root), send_print_progress, b,
                         &totals, error, sizeof error);
    strbuf_free(&archive_root);
    if (json)
        send_print_json(b, NULL);
    if (!ok) {
        cli_error("%s", error);
        return EXIT_CONFIG;
    }
    char dashboard[640];
    batch_post_dashboard(b, s->ledger, dashboard, sizeof dashboard);
    if (dashboard[0])
        fprintf(stderr, "briefing: %s\n", dashboard);
    fprintf(stderr, "\n%zu sent, %zu failed, %zu unknown, %zu not attempted (batch %lld)\n",
            totals.sent, totals.failed, totals.unknown, totals.skipped, (long long)b->batch_id);
    if (totals.stopped_on_quota)
        cli_error("stopped: SES's daily sending quota is exhausted");
    if (totals.stopped_on_auth)
        cli_error("stopped: SES refused the credentials");
    if (totals.unknown)
        cli_error("%zu delivery(ies) are unknown: SES may have accepted them. Check before "
                  "resending: `briefing log --state unknown`", totals.unknown);
    return batch_exit_code(&totals);
}

void send_session_close(send_session *s)
{
    if (s->client)
        ses_client_free(s->client);
    if (s->ledger && !s->ledger_borrowed)
        ledger_close(s->ledger);
    s->client = NULL;
    s->ledger = NULL;
}
