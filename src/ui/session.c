/* session: what the console shows, from disk: the portfolio (with the
 * optional env file in place of repos.env, then <root>/recipients.env, the
 * recipients saved from the form, whose keys win), the configuration and endpoint
 * derived from it, and reloading both while keeping the selection. A reload
 * waits while a send session holds a batch that points into the portfolio.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/recipients_file.h"
#include "ui/ui_internal.h"

/* SOURCE_DATE_EPOCH makes the reports reproducible (tests); else the clock. */
static time_t session_now(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long seconds = strtoll(epoch, &end, 10);
        if (!*end)
            return (time_t)seconds;
    }
    return time(NULL);
}

/* Appends the keys of `path` to the portfolio's env; a missing file is
 * fine only when `optional`. */
static bool session_read_env(portfolio *p, const char *path, bool optional, char *error,
                             size_t error_size)
{
    strbuf text = STRBUF_INIT;
    if (strbuf_read_file(&text, path, 1 << 20) != 0) {
        bool missing = optional && errno == ENOENT;
        if (!missing)
            snprintf(error, error_size, "%s: cannot read: %s", path, strerror(errno));
        strbuf_free(&text);
        return missing;
    }
    model_parse_env(p, path, strbuf_cstr(&text), text.len);
    strbuf_free(&text);
    return true;
}

static portfolio *session_read(const ui_state *s, char *error, size_t error_size)
{
    portfolio *p = model_portfolio_load(s->root, error, error_size);
    if (!p)
        return NULL;
    if (s->options.env_file) {
        p->env_count = 0; /* the env file replaces <root>/repos.env, as with --env */
        if (!session_read_env(p, s->options.env_file, false, error, error_size))
            goto fail;
    }
    char saved[4096];
    snprintf(saved, sizeof saved, "%s/%s", s->root, RECIPIENTS_FILE_NAME);
    if (!session_read_env(p, saved, true, error, error_size)) /* model_env_get: the last wins */
        goto fail;
    return p;
fail:
    model_portfolio_free(p);
    return NULL;
}

static void session_configure(ui_state *s)
{
    config_overrides overrides = {
        .endpoint = s->options.endpoint,
        .ledger_path = s->options.ledger_path,
        .archive_root = s->options.archive_root,
    };
    config_load(s->portfolio, &overrides, &s->config);
    char error[512];
    if (!ses_resolve_endpoint(s->options.endpoint, model_env_get(s->portfolio, "SES_ENDPOINT"),
                              s->config.region ? s->config.region : "", s->endpoint,
                              sizeof s->endpoint, error, sizeof error))
        snprintf(s->endpoint, sizeof s->endpoint, "endpoint: %s", error);
}

void session_reload(ui_state *s)
{
    if (s->send.stage != SEND_NONE) { /* the batch points into the portfolio */
        if (!s->reload_pending) /* already said (or caused by the form's own save) */
            ui_set_message(s, ROLE_WARNING,
                           "the portfolio changed: it reloads when this send session closes");
        s->reload_pending = true;
        return;
    }
    s->reload_pending = false;
    char error[512], scope[128];
    snprintf(scope, sizeof scope, "%s", ui_selected_scope(s));
    portfolio *fresh = session_read(s, error, sizeof error);
    if (!fresh) {
        ui_set_message(s, ROLE_ERROR, "reload failed, showing the previous data: %s", error);
        return;
    }
    preview_cache_clear(&s->cache);
    model_portfolio_free(s->portfolio);
    s->portfolio = fresh;
    session_configure(s);
    s->entity_row = 0;
    for (size_t i = 0; i < fresh->entity_count; i++) {
        if (strcmp(fresh->entities[i].id, scope) == 0)
            s->entity_row = i + 1;
    }
    ui_set_message(s, ROLE_OK, "reloaded: %zu entities, %zu diagnostics", fresh->entity_count,
                   fresh->diagnostics.count);
    account_start(&s->account, &s->config, s->wake_pipe[1]); /* repos.env may have changed */
}

bool session_open(ui_state *s, char *error, size_t error_size)
{
    s->now = session_now();
    s->portfolio = session_read(s, error, error_size);
    if (!s->portfolio)
        return false;
    session_configure(s);
    return true;
}
