/* send_account: one way to ask SES about the account — the connection it
 * is asked on, the sender's verification, the quota, the account's state
 * (v2 GetAccount), the statistics — for the preflight, the console's top
 * bar and statistics view, and `stats`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/send.h"

bool send_connection_resolve(const briefing_config *c, send_connection *out, char *error,
                             size_t error_size)
{
    memset(out, 0, sizeof *out);
    if (!config_resolve_ses(c, &out->ses, out->endpoint, sizeof out->endpoint, error, error_size))
        return false;
    /* Copies: the region may point into the portfolio, which can reload. */
    snprintf(out->region, sizeof out->region, "%s", out->ses.region ? out->ses.region : "");
    out->ses.region = out->region;
    out->ses.endpoint = out->endpoint;
    if (c->overrides.backoff_base_seconds > 0)
        out->ses.backoff_base_seconds = c->overrides.backoff_base_seconds;
    return true;
}

void send_connection_credentials(const send_connection *connection, char *out, size_t out_size)
{
    const ses_credentials *c = &connection->ses.credentials;
    snprintf(out, out_size, "%s",
             c->source_detail[0] ? c->source_detail : ses_credential_source_name(c->source));
}

void send_endpoint_describe(const briefing_config *c, char *out, size_t out_size)
{
    char error[512];
    ses_profile_settings profile; /* a bad AWS file shows when SES is resolved */
    bool profile_read =
        ses_profile_settings_read(NULL, c->overrides.aws_dir, &profile, NULL, 0);
    if (!ses_resolve_endpoint(c->overrides.endpoint, model_env_get(c->portfolio, "SES_ENDPOINT"),
                              profile_read ? &profile : NULL, c->region ? c->region : "", out,
                              out_size, error, sizeof error))
        snprintf(out, out_size, "endpoint: %s", error);
}

/* "identity: Code: message" */
static void send_account_note(send_account *out, const char *what, const ses_status *status)
{
    if (out->error[0])
        return; /* the first problem is the one to fix */
    snprintf(out->error, sizeof out->error, "%s: %s%s%s", what, status->error_code,
             status->error_message[0] ? ": " : "", status->error_message);
    out->auth_failure |= status->auth_failure;
    out->unreachable = status->http_status == 0; /* no HTTP answer came back */
}

/* The address, else its domain: the first SES has an answer for. */
static void send_account_identity(ses_client *client, const char *address, const char *domain,
                                  send_account *out)
{
    const char *candidates[] = {address, domain};
    for (size_t i = 0; i < 2; i++) {
        if (!candidates[i] || !candidates[i][0])
            continue;
        ses_status status;
        char verification[32] = "";
        if (!ses_get_identity_verification(client, candidates[i], verification,
                                           sizeof verification, &status)) {
            send_account_note(out, "identity", &status);
            out->identity_answered = false;
            return;
        }
        out->identity_answered = true;
        if (!out->identity[0] || verification[0]) {
            snprintf(out->identity, sizeof out->identity, "%s", candidates[i]);
            snprintf(out->verification, sizeof out->verification, "%s", verification);
        }
        if (strcmp(verification, "Success") == 0) {
            out->identity_ok = true;
            return;
        }
    }
}

/* GetAccount. Its failure stays in state_error: an IAM policy written
 * before briefing asked for ses:GetAccount denies it without the keys
 * being wrong, so it is never an authentication failure of the account. */
static void send_account_state(ses_client *client, send_account *out)
{
    ses_status status;
    out->state_known = ses_get_account(client, &out->state, &status);
    if (!out->state_known)
        snprintf(out->state_error, sizeof out->state_error, "GetAccount: %s%s%s",
                 status.error_code, status.error_message[0] ? ": " : "", status.error_message);
}

void send_account_check(ses_client *client, const char *address, const char *domain,
                        send_account *out)
{
    memset(out, 0, sizeof *out);
    send_account_identity(client, address, domain, out);
    if (out->auth_failure)
        return; /* the quota would be refused the same way */
    ses_status status;
    out->quota_known = ses_get_send_quota(client, &out->quota, &status);
    if (!out->quota_known)
        send_account_note(out, "quota", &status);
    if (!out->auth_failure)
        send_account_state(client, out);
}

void send_account_fetch(const send_connection *c, const char *address, const char *domain,
                        send_account *out)
{
    char error[512];
    ses_client *client = ses_client_new(&c->ses, error, sizeof error);
    if (!client) {
        memset(out, 0, sizeof *out);
        snprintf(out->error, sizeof out->error, "%s", error);
        return;
    }
    send_account_check(client, address, domain, out);
    ses_client_free(client);
}

send_standing send_standing_of(const ses_account_state *state, bool known)
{
    if (!known)
        return SEND_STANDING_UNKNOWN;
    if (strcmp(state->enforcement, "SHUTDOWN") == 0)
        return SEND_STANDING_SHUTDOWN;
    if (!state->sending_enabled)
        return SEND_STANDING_PAUSED;
    if (strcmp(state->enforcement, "PROBATION") == 0)
        return SEND_STANDING_PROBATION;
    return SEND_STANDING_HEALTHY;
}

bool send_standing_alarm(send_standing standing)
{
    return standing >= SEND_STANDING_PROBATION;
}

void send_account_state_describe(const send_account *a, char *out, size_t out_size)
{
    static const char *const fixed[] = {
        [SEND_STANDING_UNKNOWN] = "account state unknown",
        [SEND_STANDING_PAUSED] = "sending paused",
        [SEND_STANDING_SHUTDOWN] = "account SHUTDOWN",
    };
    send_standing standing = send_standing_of(&a->state, a->state_known);
    if (standing < sizeof fixed / sizeof *fixed && fixed[standing])
        snprintf(out, out_size, "%s", fixed[standing]);
    else
        snprintf(out, out_size, "%s · %s", a->state.production_access ? "production" : "sandbox",
                 a->state.enforcement[0] ? a->state.enforcement : "enforcement not said");
}

/* "GetSendQuota: Code: message"; 4, as `send`: SES refused, or did not
 * answer at all (the network or the endpoint, said so; not the
 * configuration, which is 3 and found before any request). */
static bool send_stats_failed(const char *what, const ses_status *status, char *error,
                              size_t error_size, int *exit_code)
{
    snprintf(error, error_size, "%s: %s%s%s%s", what, status->error_code,
             status->error_message[0] ? ": " : "", status->error_message,
             status->http_status ? "" : " (SES did not answer at all: check the network and the "
                                        "endpoint)");
    *exit_code = 4;
    return false;
}

bool send_stats_fetch(const send_connection *c, ses_quota *quota, ses_datapoint **points,
                      size_t *count, send_account *account, char *error, size_t error_size,
                      int *exit_code)
{
    if (account)
        memset(account, 0, sizeof *account);
    *points = NULL;
    *count = 0;
    *exit_code = 0;
    ses_client *client = ses_client_new(&c->ses, error, error_size);
    if (!client) {
        *exit_code = 3;
        return false;
    }
    ses_status status;
    bool ok = ses_get_send_quota(client, quota, &status)
                  ? ses_get_send_statistics(client, points, count, &status) ||
                        send_stats_failed("GetSendStatistics", &status, error, error_size,
                                          exit_code)
                  : send_stats_failed("GetSendQuota", &status, error, error_size, exit_code);
    if (ok && account) {
        account->quota_known = true;
        account->quota = *quota;
        send_account_state(client, account);
    }
    ses_client_free(client);
    return ok;
}
