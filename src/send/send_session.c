/* send_session: the ledger, its batch lock and the SES client around one
 * batch, and the whole sequence for a front end that can block. The order
 * is the operator's guarantee: every message is built and valid, the
 * ledger opens, SES accepts the credentials and the sender, the quota is
 * enough, the operator says yes — only then does the first request leave. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "briefing/send.h"

static bool send_session_fail(send_session *s, int exit_code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool send_session_fail(send_session *s, int exit_code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error, sizeof s->error, fmt, ap);
    va_end(ap);
    s->exit_code = exit_code;
    return false;
}

bool send_session_open(send_session *s, const briefing_config *config)
{
    memset(s, 0, sizeof *s);
    s->config = config;
    char error[1024];
    bool missing = false;
    s->ledger = send_ledger_open_named(config->overrides.ledger_path, config, NULL, false,
                                       &missing, &s->recovered, error, sizeof error);
    if (!s->ledger) /* a mistyped ledger path is bad input, not configuration */
        return send_session_fail(s, missing ? 2 : 3, "%s", error);
    if (!send_archive_open(config, s->ledger, &s->archive, error, sizeof error)) {
        ledger_close(s->ledger);
        s->ledger = NULL;
        return send_session_fail(s, 3, "%s", error);
    }
    snprintf(s->archive_root, sizeof s->archive_root, "%s", send_archive_spool(s->archive));
    return true;
}

/* The credentials and the SES client, the ledger untouched. */
static bool send_session_client(send_session *s)
{
    char error[1024];
    send_connection connection;
    if (!send_connection_resolve(s->config, &connection, error, sizeof error))
        return send_session_fail(s, 3, "%s", error);
    send_connection_credentials(&connection, s->credentials, sizeof s->credentials);
    snprintf(s->credentials_warning, sizeof s->credentials_warning, "%s",
             connection.ses.credentials.warning);
    snprintf(s->endpoint, sizeof s->endpoint, "%s", connection.endpoint);
    snprintf(s->region, sizeof s->region, "%s", connection.region);
    s->client = ses_client_new(&connection.ses, error, sizeof error);
    if (!s->client)
        return send_session_fail(s, 3, "%s", error);
    return true;
}

bool send_session_connect(send_session *s)
{
    if (s->client)
        return true;
    char error[1024];
    if (!s->locked && !ledger_lock_batch(s->ledger, error, sizeof error))
        return send_session_fail(s, 3, "nothing was sent: %s", error);
    s->locked = true;
    if (!send_session_client(s))
        return false;
    /* The archive's S3 settings, before anything leaves: a wrong one stops here. */
    if (!send_archive_connect(s->archive, error, sizeof error)) {
        ses_client_free(s->client);
        s->client = NULL;
        return send_session_fail(s, 3, "nothing was sent: %s", error);
    }
    return true;
}

bool send_session_send(send_session *s, batch *b, batch_progress_fn progress, void *user,
                       batch_totals *totals, char *dashboard, size_t dashboard_size)
{
    dashboard[0] = '\0';
    if (!batch_send(b, s->ledger, s->client, s->archive_root, progress, user, totals, s->error,
                    sizeof s->error)) {
        s->exit_code = 3;
        return false;
    }
    send_archive_publish(s->archive, b, s->ledger, totals);
    batch_post_dashboard(b, s->ledger, dashboard, dashboard_size);
    return true;
}

void send_session_preflight(send_session *s, batch *b)
{
    b->suppression_cache = &s->suppression;
    batch_preflight(b, s->client);
    batch_check_past_bounces(b, s->ledger); /* a dry run has none: it reads its own */
    batch_dashboard_preview(b, s->ledger, &b->dashboard);
}

int send_session_dry_check(send_session *s, const briefing_config *config, batch *b)
{
    memset(s, 0, sizeof *s);
    s->config = config;
    if (!send_session_client(s))
        return s->exit_code;
    send_session_preflight(s, b);
    if (b->preflight.error[0])
        send_session_fail(s, b->preflight.error_exit_code, "the send would stop: %s",
                          b->preflight.error);
    return s->exit_code;
}

void send_session_close(send_session *s)
{
    send_suppression_cache_free(&s->suppression);
    if (s->client)
        ses_client_free(s->client);
    if (s->ledger && s->locked)
        ledger_unlock_batch(s->ledger);
    if (s->ledger)
        ledger_close(s->ledger);
    send_archive_free(s->archive);
    s->archive = NULL;
    s->client = NULL;
    s->ledger = NULL;
    s->locked = false;
}

int send_session_run(send_session *s, batch *b, const send_callbacks *callbacks,
                     send_outcome *outcome)
{
    memset(outcome, 0, sizeof *outcome);
    if (!send_session_connect(s))
        return s->exit_code;
    send_session_preflight(s, b);
    if (callbacks->checked)
        callbacks->checked(callbacks->user, s, b);
    if (b->preflight.error[0]) {
        send_session_fail(s, b->preflight.error_exit_code, "nothing was sent: %s",
                          b->preflight.error);
        return s->exit_code;
    }
    if (!callbacks->confirm(callbacks->user, b))
        return send_session_fail(s, 2, "not sent"), 2;
    outcome->sent = true;
    if (!send_session_send(s, b, callbacks->progress, callbacks->user, &outcome->totals,
                           outcome->dashboard, sizeof outcome->dashboard))
        return s->exit_code;
    return batch_exit_code(&outcome->totals);
}

bool send_history_list(const briefing_config *c, const ledger_filter *filter,
                       ledger_delivery **out, size_t *count, char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    int recovered = 0;
    ledger *l = send_ledger_open(c, &recovered, error, error_size);
    if (!l)
        return false;
    bool ok = ledger_list(l, filter, out, count, error, error_size);
    ledger_close(l);
    return ok;
}
