/* briefing stats: the account's state (SES v2 GetAccount), its quota, send
 * statistics and how its bounce and complaint rates stand against SES's
 * review thresholds. Exits EXIT_AT_RISK when a rate is at risk or SES has
 * the account on probation, shut down or paused: a cron job can alert on it. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/json.h"
#include "briefing/send.h"
#include "cli/cli_internal.h"

static void stats_print_account_text(const send_account *account)
{
    char standing[128];
    send_account_state_describe(account, standing, sizeof standing);
    bool alarm = send_standing_alarm(send_standing_of(&account->state, account->state_known));
    printf("Account  %s%s\n", standing, alarm ? "  (needs attention)" : "");
    if (!account->state_known) {
        printf("  %s\n\n", account->state_error);
        return;
    }
    const ses_account_state *a = &account->state;
    printf("  access        %s\n", a->production_access
                                       ? "production"
                                       : "sandbox: recipients must be verified identities");
    printf("  enforcement   %s\n", a->enforcement[0] ? a->enforcement : "(not said)");
    printf("  sending       %s\n\n", a->sending_enabled ? "enabled" : "paused by SES");
}

static void stats_print_text(const ses_quota *quota, const ses_datapoint *points, size_t count,
                             const stats_summary *summary, const send_account *account)
{
    stats_print_account_text(account);
    printf("Send quota\n");
    if (quota->max_24_hour_send < 0)
        printf("  sent in the last 24 h  %.0f (no daily maximum)\n", quota->sent_last_24_hours);
    else
        printf("  sent in the last 24 h  %.0f of %.0f (%.0f left)\n", quota->sent_last_24_hours,
               quota->max_24_hour_send, quota->max_24_hour_send - quota->sent_last_24_hours);
    printf("  maximum send rate      %.0f/s\n\n", quota->max_send_rate);
    printf("Last two weeks (%zu datapoints of 15 minutes)\n", count);
    printf("  delivery attempts  %" PRId64 "\n", summary->delivery_attempts);
    printf("  bounces            %" PRId64 "  rate %s  %s\n", summary->bounces,
           summary->bounce_rate_text, stats_level_name(summary->bounce_level));
    printf("  complaints         %" PRId64 "  rate %s  %s\n", summary->complaints,
           summary->complaint_rate_text, stats_level_name(summary->complaint_level));
    printf("  rejects            %" PRId64 "\n", summary->rejects);
    printf("  (SES reviews an account at a 5%% bounce or 0.1%% complaint rate and may pause it\n"
           "   at 10%% or 0.5%%.)\n");
    if (count)
        printf("\n  %-20s %9s %8s %10s %8s\n", "time (UTC)", "attempts", "bounces", "complaints",
               "rejects");
    for (size_t i = 0; i < count; i++) {
        char when[32];
        struct tm tm;
        gmtime_r(&points[i].timestamp, &tm);
        strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
        printf("  %-20s %9" PRId64 " %8" PRId64 " %10" PRId64 " %8" PRId64 "\n", when,
               points[i].delivery_attempts, points[i].bounces, points[i].complaints,
               points[i].rejects);
    }
}

static void stats_print_account_json(json_writer *w, const send_account *account)
{
    char standing[128];
    send_account_state_describe(account, standing, sizeof standing);
    bool alarm = send_standing_alarm(send_standing_of(&account->state, account->state_known));
    jsonw_key(w, "account");
    jsonw_object_open(w);
    jsonw_key_bool(w, "known", account->state_known);
    jsonw_key_string(w, "summary", standing);
    jsonw_key_bool(w, "needs_attention", alarm);
    if (account->state_known) {
        jsonw_key_bool(w, "production_access", account->state.production_access);
        jsonw_key_bool(w, "sandbox", !account->state.production_access);
        jsonw_key_string(w, "enforcement_status",
                        account->state.enforcement[0] ? account->state.enforcement : NULL);
        jsonw_key_bool(w, "sending_enabled", account->state.sending_enabled);
    } else {
        jsonw_key_string(w, "error", account->state_error);
    }
    jsonw_object_close(w);
}

static void stats_print_json(const ses_quota *quota, const ses_datapoint *points, size_t count,
                             const stats_summary *summary, const send_account *account,
                             bool at_risk)
{
    strbuf out = STRBUF_INIT;
    json_writer w;
    jsonw_begin(&w, &out);
    jsonw_object_open(&w);
    jsonw_key_bool(&w, "at_risk", at_risk);
    stats_print_account_json(&w, account);
    jsonw_key(&w, "quota");
    jsonw_object_open(&w);
    jsonw_key_int(&w, "max_24_hour_send", (int64_t)quota->max_24_hour_send);
    jsonw_key_int(&w, "max_send_rate", (int64_t)quota->max_send_rate);
    jsonw_key_int(&w, "sent_last_24_hours", (int64_t)quota->sent_last_24_hours);
    jsonw_object_close(&w);
    jsonw_key(&w, "totals");
    jsonw_object_open(&w);
    jsonw_key_int(&w, "delivery_attempts", summary->delivery_attempts);
    jsonw_key_int(&w, "bounces", summary->bounces);
    jsonw_key_int(&w, "complaints", summary->complaints);
    jsonw_key_int(&w, "rejects", summary->rejects);
    /* Percentages as numbers: 5.25 is 5.25% (basis points / 100, exact). */
    jsonw_key_hundredths(&w, "bounce_rate", summary->bounce_basis_points);
    jsonw_key_string(&w, "bounce_level", stats_level_name(summary->bounce_level));
    jsonw_key_hundredths(&w, "complaint_rate", summary->complaint_basis_points);
    jsonw_key_string(&w, "complaint_level", stats_level_name(summary->complaint_level));
    jsonw_object_close(&w);
    jsonw_key(&w, "datapoints");
    jsonw_array_open(&w);
    for (size_t i = 0; i < count; i++) {
        char when[32];
        struct tm tm;
        gmtime_r(&points[i].timestamp, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        jsonw_object_open(&w);
        jsonw_key_string(&w, "timestamp", when);
        jsonw_key_int(&w, "delivery_attempts", points[i].delivery_attempts);
        jsonw_key_int(&w, "bounces", points[i].bounces);
        jsonw_key_int(&w, "complaints", points[i].complaints);
        jsonw_key_int(&w, "rejects", points[i].rejects);
        jsonw_object_close(&w);
    }
    jsonw_array_close(&w);
    jsonw_object_close(&w);
    cli_print_json(&out);
}

/* What puts the account at risk, worst first; NULL when nothing does. */
static const char *stats_risk_reason(const stats_summary *summary, const send_account *account)
{
    static const char *const standing_reasons[] = {
        [SEND_STANDING_PROBATION] = "SES has the account on probation",
        [SEND_STANDING_PAUSED] = "SES has paused the account's sending",
        [SEND_STANDING_SHUTDOWN] = "SES has shut the account down",
    };
    send_standing standing = send_standing_of(&account->state, account->state_known);
    if (send_standing_alarm(standing))
        return standing_reasons[standing];
    if (summary->bounce_level == STATS_AT_RISK)
        return "the bounce rate is at or above 10%";
    if (summary->complaint_level == STATS_AT_RISK)
        return "the complaint rate is at or above 0.5%";
    return NULL;
}

static bool stats_at_risk(const stats_summary *summary, const send_account *account)
{
    return stats_risk_reason(summary, account) != NULL;
}

int cli_stats(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    send_connection connection;
    char error[1024];
    int code = EXIT_OK;
    ses_quota quota;
    ses_datapoint *points = NULL;
    size_t count = 0;
    send_account account;
    bool connected = send_connection_resolve(&config, &connection, error, sizeof error);
    if (connected) {
        char credentials[256];
        send_connection_credentials(&connection, credentials, sizeof credentials);
        fprintf(stderr, "briefing: credentials from %s\n", credentials);
    }
    if (!connected) {
        cli_error("%s", error);
        code = EXIT_CONFIG;
    } else if (!send_stats_fetch(&connection, &quota, &points, &count, &account, error,
                                 sizeof error, &code)) {
        cli_error("%s", error);
    } else {
        stats_summary summary;
        stats_summarize(points, count, &summary);
        bool at_risk = stats_at_risk(&summary, &account);
        if (options->json)
            stats_print_json(&quota, points, count, &summary, &account, at_risk);
        else
            stats_print_text(&quota, points, count, &summary, &account);
        if (at_risk) {
            cli_error("the account is at risk: %s", stats_risk_reason(&summary, &account));
            code = EXIT_AT_RISK;
        }
    }
    free(points);
    model_portfolio_free(p);
    return code;
}
