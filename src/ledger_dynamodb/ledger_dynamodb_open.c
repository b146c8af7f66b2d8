/* ledger_dynamodb_open: the table's shape, its creation, and opening a
 * ledger on it.
 *
 * Opening checks the table is there (DescribeTable) and then does what
 * SQLite's open does after a crash, for every machine: a `sending`
 * delivery not written for longer than a send can take is `unknown`; a
 * `pending` one this host left is `failed`. One whose writer is a process
 * of this host that is gone (kill(pid, 0): ESRCH) is moved at once, without
 * waiting for the stale time. Another host's `pending` is left alone: that
 * machine may still be building its message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/ledger_dynamodb.h"
#include "ledger_dynamodb/ddb_internal.h"

/* The table (docs/ledger.md): string keys pk/sk, on demand, four indexes. */
static const ses_dynamodb_index ddb_indexes[] = {
    {"by_batch", "batch", "sk"},         /* a batch's deliveries: resend --failed --batch */
    {"by_message_id", "message_id", NULL}, /* events join on SES's MessageId */
    {"by_month", "month", "sk"},         /* log: every report, newest first, month by month */
    {"by_inflight", "inflight", "sk"},   /* pending/sending only: what a killed machine left */
};

enum {
    DDB_CREATE_POLLS = 600,            /* x DDB_CREATE_POLL_MS: five minutes for a real table */
    DDB_CREATE_POLL_MS = 500,
    DDB_STALE_MARGIN_SECONDS = 60,
};

/* The longest a send can take: every attempt timing out, with the backoff
 * between attempts, and a margin for clocks a little apart. */
static long ddb_stale_seconds(const ses_config *aws)
{
    const char *forced = getenv("BRIEFING_LEDGER_STALE_SECONDS");
    if (forced && *forced)
        return atol(forced);
    long timeout_ms = aws->request_timeout_ms ? aws->request_timeout_ms : 30000;
    int attempts = aws->max_attempts ? aws->max_attempts : 3;
    double cap = aws->backoff_cap_seconds > 0 ? aws->backoff_cap_seconds : 20;
    return (long)(timeout_ms / 1000 * attempts + cap * attempts) + DDB_STALE_MARGIN_SECONDS;
}

static int ddb_page_size(void)
{
    const char *forced = getenv("BRIEFING_DYNAMODB_PAGE_SIZE");
    int size = forced ? atoi(forced) : 0;
    return size > 0 && size <= 1000 ? size : DDB_DEFAULT_PAGE;
}

/* A client for DynamoDB with `aws`'s region and credentials. */
static ses_client *ddb_client(const char *table, const ses_config *aws, char *error,
                              size_t error_size)
{
    ses_config config = *aws;
    char endpoint[1024];
    bool resolved = aws->service && strcmp(aws->service, "dynamodb") == 0;
    if (!resolved && !ses_resolve_service_endpoint(NULL, "dynamodb", aws->region, endpoint,
                                                   sizeof endpoint, error, error_size))
        return NULL;
    if (!resolved)
        config.endpoint = endpoint;
    config.service = "dynamodb";
    char why[512];
    ses_client *client = ses_client_new(&config, why, sizeof why);
    if (!client)
        snprintf(error, error_size, "dynamodb://%s: %s", table, why);
    return client;
}

/* Polls until the table and its indexes are ACTIVE; `exists` false when
 * there is no such table (and true returned). */
static bool ddb_wait_active(ses_client *client, const char *table, int polls, bool *exists,
                            char *error, size_t error_size)
{
    for (int poll = 0; poll < polls; poll++) {
        bool indexes_active;
        char state[32];
        ses_status status;
        if (!ses_dynamodb_describe_table(client, table, exists, state, sizeof state,
                                         &indexes_active, &status)) {
            snprintf(error, error_size, "dynamodb://%s: DescribeTable: %s: %s", table,
                     status.error_code, status.error_message);
            return false;
        }
        if (!*exists || (strcmp(state, "ACTIVE") == 0 && indexes_active))
            return true;
        usleep(DDB_CREATE_POLL_MS * 1000);
    }
    snprintf(error, error_size, "dynamodb://%s: not ACTIVE after %d seconds", table,
             polls * DDB_CREATE_POLL_MS / 1000);
    return false;
}

bool ledger_dynamodb_create_table(const char *table, const ses_config *aws, bool *created,
                                  char *error, size_t error_size)
{
    ses_client *client = ddb_client(table, aws, error, error_size);
    if (!client)
        return false;
    const ses_dynamodb_table_spec spec = {table, "pk", "sk", ddb_indexes,
                                          sizeof ddb_indexes / sizeof *ddb_indexes};
    ses_status status;
    ses_dynamodb_result result = ses_dynamodb_create_table(client, &spec, &status);
    *created = result == SES_DYNAMODB_DONE;
    bool exists = false;
    bool ok = result != SES_DYNAMODB_FAILED &&
              ddb_wait_active(client, table, DDB_CREATE_POLLS, &exists, error, error_size);
    if (result == SES_DYNAMODB_FAILED)
        snprintf(error, error_size, "dynamodb://%s: CreateTable: %s: %s", table,
                 status.error_code, status.error_message);
    else if (ok && !exists) {
        snprintf(error, error_size, "dynamodb://%s: created, then not found", table);
        ok = false;
    }
    ok = ok && ddb_counts_start(client, table, error, error_size);
    ses_client_free(client);
    return ok;
}

ledger *ledger_dynamodb_open(const char *table, const ses_config *aws, int *recovered,
                             char *error, size_t error_size)
{
    *recovered = 0;
    ledger_backend *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(error, error_size, "dynamodb://%s: out of memory", table);
        return NULL;
    }
    snprintf(b->table, sizeof b->table, "%s", table);
    snprintf(b->where, sizeof b->where, "dynamodb://%s", table);
    if (gethostname(b->host, sizeof b->host) != 0 || !b->host[0])
        snprintf(b->host, sizeof b->host, "unknown-host");
    b->host[sizeof b->host - 1] = '\0';
    snprintf(b->writer, sizeof b->writer, "%s pid %ld", b->host, (long)getpid());
    b->page_size = ddb_page_size();
    b->stale_seconds = ddb_stale_seconds(aws);
    b->client = ddb_client(table, aws, error, error_size);
    bool exists = false;
    bool ok = b->client && ddb_wait_active(b->client, table, 1, &exists, error, error_size);
    if (ok && !exists) {
        snprintf(error, error_size,
                 "dynamodb://%s: no such table (briefing ledger create-table --table %s)", table,
                 table);
        ok = false;
    }
    if (!ok || !ddb_recover_stale(b, recovered, error, error_size)) {
        ses_client_free(b->client);
        free(b);
        return NULL;
    }
    ledger *l = ledger_from_backend(&ddb_ops, b);
    if (!l)
        snprintf(error, error_size, "dynamodb://%s: out of memory", table);
    return l;
}
