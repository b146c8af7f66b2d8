/* ddb_counts: how many deliveries the table holds in each state, kept by
 * the writers in one counter item, so `ledger status` reads one item
 * instead of every delivery (docs/ledger.md, "Counts").
 *
 * Item pk "meta#counter", sk "states": a number `n_<state>` per state.
 * Each write that adds a delivery or moves one (after it committed) adds
 * one to its new state and takes one from the state it left, an ADD on
 * the condition that the item exists: `ledger create-table` puts it, with
 * every count at 0, on a table that holds no delivery yet, so a table
 * written before the counts were kept never gets partial ones (status
 * says it keeps none). There is no transaction across the two items: a
 * process killed between a move and its count, or an ADD retried after a
 * lost answer that DynamoDB had applied, leaves a count one off, and the
 * status says the counts are the writers' tally.
 */
#include <stdio.h>
#include <string.h>

#include "ledger_dynamodb/ddb_internal.h"

static const char DDB_COUNTS_PK[] = "meta#counter";
static const char DDB_COUNTS_SK[] = "states";

static void ddb_count_name(delivery_state state, char *out, size_t out_size)
{
    snprintf(out, out_size, "n_%s", ledger_state_name(state));
}

void ddb_count_move(ledger_backend *b, const char *from, delivery_state to)
{
    delivery_state left;
    bool leaves = from && ledger_state_from_name(from, &left) && left != to;
    char to_name[32], from_name[32];
    ddb_count_name(to, to_name, sizeof to_name);
    if (leaves)
        ddb_count_name(left, from_name, sizeof from_name);
    const ses_dynamodb_attr key[] = {{"pk", 'S', DDB_COUNTS_PK}, {"sk", 'S', DDB_COUNTS_SK}};
    const ses_dynamodb_attr names[] = {{"#to", 'S', to_name}, {"#from", 'S', from_name}};
    const ses_dynamodb_attr values[] = {{":one", 'N', "1"}, {":less", 'N', "-1"}};
    const ses_dynamodb_expression update = {leaves ? "ADD #to :one, #from :less" : "ADD #to :one",
                                            names, leaves ? 2 : 1, values, leaves ? 2 : 1};
    const ses_dynamodb_expression kept = {"attribute_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    /* Refused: the table keeps no counts (made before they were kept).
     * Failed: the count stays one off; the move itself holds either way. */
    (void)ses_dynamodb_update_item(b->client, b->table, key, 2, &update, &kept, &status);
}

bool ddb_counts_start(ses_client *client, const char *table, char *error, size_t error_size)
{
    ses_dynamodb_item counter;
    bool found = false;
    ses_status status;
    const ses_dynamodb_attr ids[] = {{"pk", 'S', DDB_COUNTS_PK}, {"sk", 'S', "delivery"}};
    if (!ses_dynamodb_get_item(client, table, ids, 2, &counter, &found, &status)) {
        snprintf(error, error_size, "dynamodb://%s: reading the delivery counter: %s: %s", table,
                 status.error_code, status.error_message);
        return false;
    }
    if (found) {
        ses_dynamodb_item_free(&counter);
        return true; /* deliveries were written: counting from here would be partial */
    }
    char names[DELIVERY_STATE_COUNT][32];
    ses_dynamodb_attr item[2 + DELIVERY_STATE_COUNT] = {{"pk", 'S', DDB_COUNTS_PK},
                                                        {"sk", 'S', DDB_COUNTS_SK}};
    for (int s = 0; s < DELIVERY_STATE_COUNT; s++) {
        ddb_count_name((delivery_state)s, names[s], sizeof names[s]);
        item[2 + s] = (ses_dynamodb_attr){names[s], 'N', "0"};
    }
    const ses_dynamodb_expression absent = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_dynamodb_result result =
        ses_dynamodb_put_item(client, table, item, 2 + DELIVERY_STATE_COUNT, &absent, &status);
    if (result != SES_DYNAMODB_FAILED)
        return true; /* put, or there already (a second create-table) */
    snprintf(error, error_size, "dynamodb://%s: starting the delivery counts: %s: %s", table,
             status.error_code, status.error_message);
    return false;
}

bool ddb_op_count_deliveries(ledger_backend *b, size_t by_state[DELIVERY_STATE_COUNT],
                             char *error, size_t error_size)
{
    ses_dynamodb_item item;
    bool found = false;
    if (!ddb_get(b, DDB_COUNTS_PK, DDB_COUNTS_SK, &item, &found, error, error_size))
        return false;
    if (!found) {
        snprintf(error, error_size,
                 "%s: this table keeps no delivery counts (it held deliveries before briefing "
                 "kept them); `briefing log` lists its deliveries",
                 b->where);
        return false;
    }
    for (int s = 0; s < DELIVERY_STATE_COUNT; s++) {
        char name[32];
        ddb_count_name((delivery_state)s, name, sizeof name);
        int64_t n = ddb_item_number(&item, name);
        by_state[s] = n > 0 ? (size_t)n : 0; /* a count one off never reads below zero */
    }
    ses_dynamodb_item_free(&item);
    return true;
}
