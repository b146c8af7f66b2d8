/* send_ledger_table: the AWS side of the shared ledger on DynamoDB: which
 * region and credentials sign its requests, and `briefing ledger
 * create-table`.
 *
 * Region and credentials are SES's, resolved as for every AWS call (repos.env,
 * the environment, the AWS profile) when there is a portfolio; without one
 * (a command that only reads the ledger), the environment and the AWS
 * profile alone. The endpoint is DynamoDB's own (ledger_dynamodb).
 */
#include <stdio.h>
#include <string.h>

#include "briefing/ledger_dynamodb.h"
#include "send/send_internal.h"

bool send_ledger_aws(const briefing_config *c, send_connection *out, char *error,
                     size_t error_size)
{
    if (c)
        return send_connection_resolve(c, out, error, error_size);
    memset(out, 0, sizeof *out);
    ses_profile_settings profile;
    if (!ses_profile_settings_read(NULL, NULL, &profile, error, error_size))
        return false;
    if (!profile.region[0]) {
        snprintf(error, error_size, "the DynamoDB ledger needs a region: set AWS_REGION (or "
                 "region in the AWS profile %s)", profile.profile);
        return false;
    }
    /* The profile as the chain names it (NULL: AWS_PROFILE, AWS_DEFAULT_PROFILE,
     * "default"), as config_resolve_ses does: naming "default" here would make
     * it a profile the program named, which must then exist in ~/.aws. */
    ses_credential_inputs inputs = {.region = profile.region, .terminal_busy = true};
    if (!ses_resolve_credentials(&inputs, &out->ses.credentials, error, error_size))
        return false;
    snprintf(out->region, sizeof out->region, "%s", profile.region);
    out->ses.region = out->region;
    snprintf(out->ses.ca_bundle, sizeof out->ses.ca_bundle, "%s", profile.ca_bundle);
    out->ses.max_attempts = profile.max_attempts;
    return true;
}

bool send_ledger_create_table(const briefing_config *c, const char *table, bool *created,
                              char *where, size_t where_size, char *error, size_t error_size)
{
    send_ledger_choice choice;
    char named[300];
    if (table)
        snprintf(named, sizeof named, "dynamodb://%s", table);
    if (!send_ledger_choose(table ? named : send_ledger_named(c->overrides.ledger_path),
                            &choice, error, error_size))
        return false;
    if (choice.kind != SEND_LEDGER_DYNAMODB) {
        snprintf(error, error_size, "which table? --table T, or a dynamodb://T ledger "
                 "(--ledger, BRIEFING_LEDGER, the configuration file)");
        return false;
    }
    snprintf(where, where_size, "dynamodb://%s", choice.table);
    send_connection connection;
    return send_ledger_aws(c, &connection, error, error_size) &&
           ledger_dynamodb_create_table(choice.table, &connection.ses, created, error,
                                        error_size);
}
