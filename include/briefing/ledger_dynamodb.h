/* ledger_dynamodb: the delivery ledger on one DynamoDB table, shared by
 * every machine that names it (BRIEFING_LEDGER=dynamodb://TABLE, issue 11).
 *
 * A `ledger` like SQLite's (briefing/ledger.h, the ops of
 * briefing/ledger_backend.h); the item design, the conditional writes and
 * the day claim are in docs/ledger.md ("Shared ledger on DynamoDB").
 * Invariants:
 *  - every state change is one UpdateItem whose ConditionExpression is built
 *    from ledger_transition_sources(): no two machines move one delivery;
 *  - ids (deliveries, batches) come from the table's counter item, so an id
 *    means the same delivery on every machine;
 *  - no secret is written to the table: the AWS keys sign requests only.
 */
#ifndef BRIEFING_LEDGER_DYNAMODB_H
#define BRIEFING_LEDGER_DYNAMODB_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/ledger.h"
#include "briefing/ses.h"

/* Opens the ledger on `table` with `aws`'s region and credentials (its
 * endpoint is SES's: the DynamoDB endpoint is resolved here,
 * AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, the profile, then
 * https://dynamodb.<region>.amazonaws.com; `aws->service` "dynamodb" means
 * `aws->endpoint` is DynamoDB's already). The table must exist
 * (ledger_dynamodb_create_table). `recovered` receives how many stale
 * `sending` deliveries (any machine's) were turned into `unknown`. NULL
 * with "dynamodb://TABLE: why" otherwise. */
ledger *ledger_dynamodb_open(const char *table, const ses_config *aws, int *recovered,
                             char *error, size_t error_size);

/* Creates `table` (on demand, its indexes) unless it exists, then waits
 * until it and its indexes are ACTIVE; *created says which. */
bool ledger_dynamodb_create_table(const char *table, const ses_config *aws, bool *created,
                                  char *error, size_t error_size);

#endif
