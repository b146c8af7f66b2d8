/* send_fixture: what the engine's tests share: a private temporary
 * portfolio (one core entity, example.com recipients), a ledger and an
 * archive beside it, and an SES endpoint on 127.0.0.1 that refuses every
 * connection, so failures are real ones and nothing leaves the machine.
 * Sending through a real SES peer is the integration tests' part. */
#ifndef BRIEFING_TEST_SEND_FIXTURE_H
#define BRIEFING_TEST_SEND_FIXTURE_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* nftw() */
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <ftw.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/send.h"

typedef struct {
    char dir[64];
    char root[128];
    char ledger_path[160];
    char archive[160];
    char endpoint[64];
    portfolio *portfolio;
    briefing_config config;
} send_fixture;

static inline void fixture_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A loopback port nobody listens on: bound, then closed. */
static inline int fixture_closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = 0};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    assert_int_equal(bind(fd, (struct sockaddr *)&address, sizeof address), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&address, &length), 0);
    close(fd);
    return ntohs(address.sin_port);
}

/* Loads (or reloads) the portfolio and the configuration. */
static inline void fixture_load(send_fixture *f)
{
    if (f->portfolio)
        model_portfolio_free(f->portfolio);
    char error[512] = "";
    f->portfolio = model_portfolio_open(f->root, NULL, error, sizeof error);
    if (!f->portfolio)
        fail_msg("model_portfolio_open: %s", error);
    config_overrides overrides = {.endpoint = f->endpoint, .ledger_path = f->ledger_path,
                                  .archive_root = f->archive,
                                  .backoff_base_seconds = 0.01 /* retries, quickly */};
    config_load(f->portfolio, &overrides, &f->config);
}

static inline int fixture_setup(void **state)
{
    send_fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/briefing-send-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->root, sizeof f->root, "%s/portfolio", f->dir);
    snprintf(f->ledger_path, sizeof f->ledger_path, "%s/state/ledger.sqlite3", f->dir);
    snprintf(f->archive, sizeof f->archive, "%s/archive", f->dir);
    snprintf(f->endpoint, sizeof f->endpoint, "http://127.0.0.1:%d", fixture_closed_port());
    char path[256];
    mkdir(f->root, 0700);
    snprintf(path, sizeof path, "%s/state", f->dir); /* a named ledger's folder exists */
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/agent_handoffs", f->root);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/agent_handoffs/projects", f->root);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/agent_handoffs/projects/acme.md", f->root);
    fixture_write(path, "# Acme\n\n- Kind: core\n\n## Revenue\n\n- Sales: $1,000/month\n\n"
                        "## Expenses\n\n- Rent: $400/month (fixed)\n");
    snprintf(path, sizeof path, "%s/repos.env", f->root);
    fixture_write(path, "SES_REGION=us-east-1\nSES_FROM_ADDRESS=reports@example.com\n"
                        "EXEC_REPORT_TO=owner@example.com\nSES_BCC_ADDRESS=audit@example.com\n");
    chmod(path, 0600);
    /* Credentials for signing only: the endpoint refuses before any check. */
    setenv("AWS_ACCESS_KEY_ID", "AKID" "EXAMPLE", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "not-a-real-" "secret-for-tests", 1);
    unsetenv("SOURCE_DATE_EPOCH");
    unsetenv("AWS_ENDPOINT_URL");
    unsetenv("AWS_ENDPOINT_URL_SES");
    unsetenv("DASHBOARD_URL");
    fixture_load(f);
    *state = f;
    return 0;
}

static inline int fixture_remove_entry(const char *path, const struct stat *st, int type,
                                       struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    return remove(path);
}

static inline int fixture_teardown(void **state)
{
    send_fixture *f = *state;
    model_portfolio_free(f->portfolio);
    nftw(f->dir, fixture_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

static inline ledger *fixture_ledger(send_fixture *f)
{
    char error[512] = "";
    int recovered = 0;
    ledger *l = ledger_open(f->ledger_path, &recovered, error, sizeof error);
    if (!l)
        fail_msg("ledger_open: %s", error);
    return l;
}

/* A delivery of persona/scope in batch `batch` (0: none), taken to `state`
 * through the ledger's own transitions. */
static inline int64_t fixture_delivery(ledger *l, int64_t batch, const char *persona,
                                       const char *scope, delivery_state state)
{
    ledger_delivery d = {0};
    d.batch_id = batch;
    snprintf(d.persona, sizeof d.persona, "%s", persona);
    snprintf(d.scope, sizeof d.scope, "%s", scope);
    d.subject = (char *)"Weekly briefing";
    d.to_addresses = (char *)"owner@example.com";
    char error[512] = "";
    if (!ledger_add_delivery(l, &d, error, sizeof error))
        fail_msg("ledger_add_delivery: %s", error);
    bool ok = true;
    if (state != DELIVERY_PENDING)
        ok = ledger_mark_sending(l, d.id, error, sizeof error);
    if (ok && state == DELIVERY_SENT)
        ok = ledger_mark_sent(l, d.id, "ses-1", "req-1", 1, error, sizeof error);
    if (ok && state == DELIVERY_FAILED)
        ok = ledger_mark_failed(l, d.id, "MessageRejected", "no", "req-1", 1, error, sizeof error);
    if (ok && state == DELIVERY_UNKNOWN)
        ok = ledger_mark_unknown(l, d.id, "Timeout", "no answer", 1, error, sizeof error);
    if (!ok)
        fail_msg("marking %s: %s", ledger_state_name(state), error);
    return d.id;
}

#endif
