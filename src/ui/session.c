/* session: what the console shows, from disk: the portfolio (with the
 * optional env file in place of repos.env, then <root>/recipients.env, the
 * recipients saved from the form, whose keys win), the configuration and endpoint
 * derived from it, and reloading both while keeping the selection. A reload
 * waits while a send session holds a batch that points into the portfolio.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/ui_internal.h"

static void session_configure(ui_state *s)
{
    config_overrides overrides = {
        .endpoint = s->options.endpoint,
        .ledger_path = s->options.ledger_path,
        .archive_root = s->options.archive_root,
        .terminal_busy = true, /* ncurses owns it: an MFA prompt there would be lost */
    };
    config_load(s->portfolio, &overrides, &s->config);
    send_endpoint_describe(&s->config, s->endpoint, sizeof s->endpoint);
    send_ledger_describe(&s->config, s->ledger, sizeof s->ledger);
}

/* The status line shows the first diagnostic when no message is up; the
 * log keeps it too, so `M` shows it whole where the status line cuts it. */
static void session_log_diagnostic(ui_state *s)
{
    if (s->portfolio->diagnostics.count == 0)
        return;
    char text[UI_MESSAGE_SIZE];
    bars_diag_text(&s->portfolio->diagnostics.items[0], text, sizeof text);
    message_log_add(&s->log, time(NULL), text);
}

void session_reload(ui_state *s)
{
    if (s->send.stage != SEND_NONE && !send_refresh_possible(s)) { /* a worker reads the batch */
        if (!s->reload_pending) /* already said (or caused by the form's own save) */
            ui_set_message(s, ROLE_WARNING,
                           "the portfolio changed: it reloads when this send session closes");
        s->reload_pending = true;
        return;
    }
    s->reload_pending = false;
    char error[512], scope[128];
    snprintf(scope, sizeof scope, "%s", ui_selected_scope(s));
    portfolio *fresh = model_portfolio_open(s->root, s->options.env_file, error, sizeof error);
    if (!fresh) {
        ui_set_message(s, ROLE_ERROR, "reload failed, showing the previous data: %s", error);
        return;
    }
    preview_cache_clear(&s->cache);
    portfolio *old = s->portfolio;
    strbuf defaults_before = STRBUF_INIT;
    send_recipient_defaults(&s->config, &defaults_before);
    s->portfolio = fresh;
    session_configure(s);
    s->entity_row = 0;
    for (size_t i = 0; i < fresh->entity_count; i++) {
        if (strcmp(fresh->entities[i].id, scope) == 0)
            s->entity_row = i + 1;
    }
    if (s->send.stage == SEND_NONE) /* else send_refresh_batch says what changed */
        ui_set_message(s, ROLE_OK, "reloaded: %zu entities, %zu diagnostic%s", fresh->entity_count,
                       fresh->diagnostics.count, fresh->diagnostics.count == 1 ? "" : "s");
    session_log_diagnostic(s);
    send_refresh_batch(s, "the data changed"); /* an open session's messages follow the data (send_refresh.c) */
    send_refresh_say_recipients(s, strbuf_cstr(&defaults_before));
    strbuf_free(&defaults_before);
    model_portfolio_free(old);
    ui_account_check(s); /* repos.env may have changed */
    events_poll_reconfigure(s);
}

bool session_open(ui_state *s, char *error, size_t error_size)
{
    if (!config_report_time(&s->now, error, error_size))
        return false;
    s->portfolio = model_portfolio_open(s->root, s->options.env_file, error, error_size);
    if (!s->portfolio)
        return false;
    session_configure(s);
    session_log_diagnostic(s);
    return true;
}
