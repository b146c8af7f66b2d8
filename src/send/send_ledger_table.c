/* send_ledger_table: `briefing ledger create-table`: the shared ledger's
 * DynamoDB table made with SES's region and credentials (the same chain
 * as every AWS call), its endpoint DynamoDB's own (ledger_dynamodb). */
#include <stdio.h>
#include <stdlib.h>

#include "briefing/ledger_dynamodb.h"
#include "briefing/send.h"

bool send_ledger_create_table(const briefing_config *c, const char *table, bool *created,
                              char *where, size_t where_size, char *error, size_t error_size)
{
    const char *url = getenv("BRIEFING_LEDGER");
    char name[256];
    if (table)
        snprintf(where, where_size, "dynamodb://%s", table);
    else if (url && *url)
        snprintf(where, where_size, "%s", url);
    else {
        snprintf(error, error_size,
                 "which table? --table T, or BRIEFING_LEDGER=dynamodb://T in the environment");
        return false;
    }
    send_connection connection;
    return ledger_dynamodb_table_of(where, name, sizeof name, error, error_size) &&
           send_connection_resolve(c, &connection, error, error_size) &&
           ledger_dynamodb_create_table(name, &connection.ses, created, error, error_size);
}
