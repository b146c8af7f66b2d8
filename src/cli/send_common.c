/* send_common: the command line's face on the engine's send session
 * (send_session_run): the summary before, the question, a line per
 * delivery as it finishes, and the totals after. */
#include "cli/send_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "briefing/json.h"

/* The summary lists this many data diagnostics, then says how many more. */
enum { SEND_SUMMARY_DIAGNOSTICS = 5 };

static const char *const send_field_names[RECIPIENT_FIELD_COUNT] = {"To", "Cc", "Bcc"};

/* Where the address an error names came from: " (from repos.env:13
 * EXEC_REPORT_TO_CFO)", or "" when the error names no address field. */
static void send_error_source(const cli_send_job *s, const batch_item *item, char *out,
                              size_t out_size)
{
    out[0] = '\0';
    if (!s->recipient_source)
        return;
    char source[256] = "";
    for (int f = 0; f < RECIPIENT_FIELD_COUNT; f++) {
        size_t n = strlen(send_field_names[f]);
        if (strncmp(item->build_error, send_field_names[f], n) == 0 &&
            item->build_error[n] == ':')
            s->recipient_source(s, item, (recipient_field)f, source, sizeof source);
    }
    if (strncmp(item->build_error, "From:", 5) == 0)
        config_key_source(s->config, "SES_FROM_ADDRESS", source, sizeof source);
    if (source[0])
        snprintf(out, out_size, " (from %s)", source);
}

static bool send_all_built(const cli_send_job *s)
{
    const batch *b = s->batch;
    bool ok = true;
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        if (item->build_error[0]) {
            char source[300];
            send_error_source(s, item, source, sizeof source);
            cli_error("%s/%s: %s%s", report_personas[item->target.persona].id, item->scope,
                      item->build_error, source);
            ok = false;
        }
    }
    if (!ok)
        cli_error("nothing was sent: fix the message(s) above first");
    return ok;
}

/* "To: a  Cc: -  Bcc: b" on one line; in a dry run of `send`, a line per
 * field with where it came from, for the operator checking the plan. */
static void send_print_recipients(const cli_send_job *s, const batch_item *item, FILE *out)
{
    const char *values[RECIPIENT_FIELD_COUNT] = {item->to, item->cc, item->bcc};
    bool sources = s->recipient_source && s->options->dry_run;
    for (int f = 0; f < RECIPIENT_FIELD_COUNT; f++) {
        const char *value = *values[f] ? values[f] : "-";
        if (!sources) {
            fprintf(out, "%s%s: %s", f ? "  " : "     ", send_field_names[f], value);
            continue;
        }
        char label[8], source[256];
        snprintf(label, sizeof label, "%s:", send_field_names[f]);
        s->recipient_source(s, item, (recipient_field)f, source, sizeof source);
        fprintf(out, "     %-5s %s  (%s)\n", label, value, source);
    }
    if (!sources)
        fputc('\n', out);
}

/* A batch dated by --now or SOURCE_DATE_EPOCH more than a day from the
 * clock goes out with that date in its Date header and subjects: said
 * before the question, since mail clients file it on that day. */
static void send_print_pinned_date(const batch *b, FILE *out)
{
    time_t clock = time(NULL);
    if (b->follow_clock || (b->now > clock ? b->now - clock : clock - b->now) <= 86400)
        return;
    char day[16];
    struct tm tm;
    gmtime_r(&b->now, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    fprintf(out, "\nDated:    %s (--now or SOURCE_DATE_EPOCH), not today: the Date header and "
            "the subjects say %s\n", day, day);
}

/* True when some message of the batch is built from today's data (not a
 * byte-identical resend of an archived one). */
static bool send_builds_from_data(const batch *b)
{
    for (size_t i = 0; i < b->count; i++)
        if (!b->items[i].from_archive)
            return true;
    return false;
}

/* Calls `each` with every line of the preflight's warnings, in order: what
 * the summary lists under "Warnings:" and --json under "warnings". */
typedef void (*send_warning_fn)(void *user, const char *line, size_t length);

static void send_each_warning(const batch_preflight_result *r, send_warning_fn each, void *user)
{
    for (const char *line = r->warnings; *line;) {
        size_t length = strcspn(line, "\n");
        each(user, line, length);
        line += length + (line[length] == '\n');
    }
}

static void send_print_warning(void *user, const char *line, size_t length)
{
    fprintf(user, "  %.*s\n", (int)length, line);
}

static void send_json_warning(void *user, const char *line, size_t length)
{
    char text[sizeof ((batch_preflight_result *)0)->warnings];
    snprintf(text, sizeof text, "%.*s", (int)length, line);
    jsonw_string(user, text);
}

static void send_print_summary(const cli_send_job *s, FILE *out)
{
    const batch *b = s->batch;
    const batch_preflight_result *r = &b->preflight;
    const char *endpoint = s->session_open && s->session.client ? s->session.endpoint : NULL;
    fprintf(out, "From:     %s", s->config->from_address ? s->config->from_address : "(unset)");
    if (r->checked && r->identity[0] && r->verification[0]) /* a failed check shows below */
        fprintf(out, "  [%s: %s]", r->identity, r->verification);
    if (s->recipient_source && s->options->dry_run) {
        char source[256];
        config_key_source(s->config, "SES_FROM_ADDRESS", source, sizeof source);
        fprintf(out, "  (%s)", source);
    }
    fputc('\n', out);
    if (endpoint)
        fprintf(out, "Endpoint: %s (region %s)\n", endpoint, s->session.region);
    if (r->quota_known) {
        if (r->quota.max_24_hour_send < 0)
            fprintf(out, "Quota:    unlimited, max %.0f/s\n", r->quota.max_send_rate);
        else
            fprintf(out, "Quota:    %.0f of %.0f left in 24 h, max %.0f/s\n",
                    r->quota.max_24_hour_send - r->quota.sent_last_24_hours,
                    r->quota.max_24_hour_send, r->quota.max_send_rate);
    }
    if (r->account_known)
        fprintf(out, "Account:  %s, %s, sending %s\n",
                r->account.production_access ? "production"
                                             : "sandbox (recipients must be verified identities)",
                r->account.enforcement[0] ? r->account.enforcement : "enforcement not said",
                r->account.sending_enabled ? "enabled" : "paused by SES");
    fprintf(out, "\n%zu report(s):\n", b->count);
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        char size[32];
        batch_format_size(item->eml.len, size, sizeof size);
        fprintf(out, "  %zu. %s/%s  %s  (%s)\n", i + 1, report_personas[item->target.persona].id,
                item->scope, item->subject ? item->subject : "", size);
        send_print_recipients(s, item, out);
        if (item->notice[0])
            fprintf(out, "     (%s)\n", item->notice);
    }
    send_print_pinned_date(b, out);
    char dashboard[1200];
    batch_dashboard_describe(&b->dashboard, dashboard, sizeof dashboard);
    if (dashboard[0])
        fprintf(out, "\n%s", dashboard);
    if (r->warnings[0]) {
        fprintf(out, "\nWarnings:\n");
        send_each_warning(r, send_print_warning, out);
    }
    /* The data's diagnostics concern the messages built from it; an
     * archived message goes out as it was, whatever the data says now. */
    if (cli_data_diagnostic_count(b->portfolio) && send_builds_from_data(b)) {
        fputc('\n', out);
        cli_print_data_diagnostics(b->portfolio, out, SEND_SUMMARY_DIAGNOSTICS);
    }
}

/* "sources": {"to": "--to", "cc": "repos.env:3 EXEC_REPORT_CC", ...}: the
 * dry run's word on where each field came from, for a script. */
static void send_json_sources(const cli_send_job *s, const batch_item *item, json_writer *w)
{
    static const char *const keys[RECIPIENT_FIELD_COUNT] = {"to", "cc", "bcc"};
    jsonw_key(w, "sources");
    jsonw_object_open(w);
    for (int f = 0; f < RECIPIENT_FIELD_COUNT; f++) {
        char source[256];
        s->recipient_source(s, item, (recipient_field)f, source, sizeof source);
        jsonw_key_string(w, keys[f], source);
    }
    jsonw_object_close(w);
}

static void send_print_json(const cli_send_job *s, const char *default_state)
{
    const batch *b = s->batch;
    strbuf out = STRBUF_INIT;
    json_writer w;
    jsonw_begin(&w, &out);
    jsonw_array_open(&w);
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        jsonw_object_open(&w);
        jsonw_key_string(&w, "persona", report_personas[item->target.persona].id);
        jsonw_key_string(&w, "entity", item->scope);
        jsonw_key_string(&w, "to", item->to);
        jsonw_key_string(&w, "cc", item->cc);
        jsonw_key_string(&w, "bcc", item->bcc);
        jsonw_key_string(&w, "subject", item->subject);
        jsonw_key_string(&w, "message_id", item->message_id[0] ? item->message_id : NULL);
        jsonw_key_string(&w, "state",
                        default_state ? default_state : ledger_state_name(item->state));
        if (item->delivery_id)
            jsonw_key_int(&w, "delivery_id", item->delivery_id);
        if (item->error[0])
            jsonw_key_string(&w, "error", item->error);
        jsonw_key_int(&w, "size", (int64_t)item->eml.len);
        /* The batch's warnings, the summary's lines, on each message: a
         * script reading one report sees what was said before it went. */
        jsonw_key(&w, "warnings");
        jsonw_array_open(&w);
        send_each_warning(&b->preflight, send_json_warning, &w);
        jsonw_array_close(&w);
        if (s->recipient_source && s->options->dry_run)
            send_json_sources(s, item, &w);
        jsonw_object_close(&w);
    }
    jsonw_array_close(&w);
    cli_print_json(&out);
}

static bool send_confirmed(cli_send_job *s)
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
    s->declined = true;
    cli_error("nothing sent: you answered no");
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

/* send_callbacks.checked: the credentials' source and what would go out. */
static void send_checked(void *user, const send_session *session, const batch *b)
{
    const cli_send_job *s = user;
    fprintf(stderr, "briefing: credentials from %s\n", session->credentials);
    if (session->credentials_warning[0])
        fprintf(stderr, "briefing: warning: %s\n", session->credentials_warning);
    send_print_summary(s, stderr);
}

/* After the yes, Ctrl-C no longer kills: it stops the batch cleanly. */
static bool send_confirm(void *user, const batch *b)
{
    cli_send_job *s = user;
    if (!send_confirmed(s))
        return false;
    fputc('\n', stderr); /* the progress lines stand apart from the summary */
    cli_send_interrupt_start(&s->interrupt, s->batch);
    return true;
}

static void send_progress(void *user, size_t index)
{
    const cli_send_job *s = user;
    send_print_progress(s->batch, index);
}

bool cli_send_open(cli_send_job *s)
{
    if (s->session_open)
        return true;
    if (!send_session_open(&s->session, s->config)) {
        cli_error("%s", s->session.error);
        return false;
    }
    s->session_open = true;
    cli_print_recovered(s->session.recovered);
    return true;
}

static void send_print_totals(const batch *b, const send_outcome *outcome)
{
    const batch_totals *totals = &outcome->totals;
    if (outcome->dashboard[0])
        fprintf(stderr, "briefing: %s\n", outcome->dashboard);
    fprintf(stderr, "\n%zu sent, %zu failed, %zu unknown, %zu not attempted (batch %lld)\n",
            totals->sent, totals->failed, totals->unknown, totals->skipped, (long long)b->batch_id);
    /* The batch is over: its flight is read without the lock. */
    if (b->flight.throttled)
        fprintf(stderr, "briefing: SES answered \"Maximum sending rate exceeded\" %zu time(s): "
                "the batch slowed down and tried those sends again\n", b->flight.throttled);
    if (totals->stopped_on_quota)
        cli_error("stopped: SES's daily sending quota is exhausted");
    if (totals->stopped_on_auth)
        cli_error("stopped: SES refused the credentials");
    if (totals->cancelled)
        cli_error("stopped by the operator: the reports not attempted go with "
                  "`briefing resend --failed`%s", totals->unknown ? " (it leaves the unknown ones "
                  "out: check them first)" : "");
    if (totals->day_held)
        cli_error("%zu left out: another delivery sent or is sending the report today (another "
                  "machine on the same ledger?); `briefing resend ID` sends it explicitly",
                  totals->day_held);
    if (totals->unknown)
        cli_error("%zu delivery(ies) are unknown: SES may have accepted them. Check before "
                  "resending: `briefing log --state unknown`", totals->unknown);
    if (totals->archive_uploaded)
        fprintf(stderr, "briefing: %zu message(s) archived to S3\n", totals->archive_uploaded);
    if (totals->archive_kept_local)
        cli_error("%zu message(s) sent but not archived to S3 (%s): they stay in the local "
                  "archive; `briefing ledger sync` uploads them", totals->archive_kept_local,
                  totals->archive_error);
}

/* After a refusal SES's silence caused: what to do next. With no answer at
 * all the send would fail the same way, so the network comes first, and
 * --unverified-ok is only for an SES that answers but not those checks. */
static void send_say_unchecked(const cli_send_job *s)
{
    const batch_preflight_result *r = &s->batch->preflight;
    if (!r->error[0] || !r->overridable)
        return;
    if (r->unreachable)
        cli_error("SES did not answer at all: check the network and the endpoint (%s); "
                  "--unverified-ok sends without these checks only when SES answers the send "
                  "but not them", s->session.endpoint[0] ? s->session.endpoint : "see above");
    else
        cli_error("to send without that check, add --unverified-ok");
}

/* --dry-run: what the send would do up to the question, and its exit
 * code; --offline leaves SES out (and says so). */
static int send_dry_run(cli_send_job *s)
{
    batch *b = s->batch;
    bool json = s->options->json;
    int code = EXIT_OK;
    if (!s->options->offline) {
        code = send_session_dry_check(&s->session, s->config, b);
        if (s->session.client)
            fprintf(stderr, "briefing: credentials from %s\n", s->session.credentials);
    }
    /* The ledger the plan read: the session of a dry run has none. */
    batch_check_past_bounces(b, s->plan_ledger);
    batch_dashboard_preview(b, s->plan_ledger, &b->dashboard);
    s->session_open = s->session.client != NULL; /* the summary names the endpoint */
    send_print_summary(s, json ? stderr : stdout);
    if (json)
        send_print_json(s, "dry-run");
    if (code != EXIT_OK) {
        cli_error("%s", s->session.error);
        send_say_unchecked(s);
    } else if (!json) {
        printf("\nDry run: %zu message(s) built and valid, %s, nothing sent.\n", b->count,
               s->options->offline ? "credentials and SES not checked (--offline)"
                                   : "credentials, sender, quota and account checked with SES");
    }
    send_session_close(&s->session);
    s->session_open = false;
    return code;
}

int cli_send_run(cli_send_job *s)
{
    batch *b = s->batch;
    bool json = s->options->json;
    if (!send_all_built(s))
        return EXIT_USAGE;
    if (s->options->dry_run)
        return send_dry_run(s);
    if (!cli_send_open(s))
        return EXIT_CONFIG;
    send_callbacks callbacks = {send_checked, send_confirm, send_progress, s};
    send_outcome outcome;
    int code = send_session_run(&s->session, b, &callbacks, &outcome);
    cli_send_interrupt_stop(&s->interrupt);
    if (outcome.sent && json)
        send_print_json(s, NULL);
    if (!outcome.sent && s->declined)
        return EXIT_OK; /* said already */
    if (!outcome.sent || code == EXIT_CONFIG) {
        if (code != EXIT_USAGE) /* the refusal to ask without a terminal was said already */
            cli_error("%s", s->session.error);
        send_say_unchecked(s);
        return code;
    }
    send_print_totals(b, &outcome);
    return code;
}

void cli_send_close(cli_send_job *s)
{
    if (s->session_open)
        send_session_close(&s->session);
    s->session_open = false;
}
