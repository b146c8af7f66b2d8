/* dynamodb: the Amazon DynamoDB calls the shared ledger needs, in
 * DynamoDB's JSON 1.0 protocol (X-Amz-Target: DynamoDB_20120810.<Op>), on
 * an ses_client made for service "dynamodb" (ses_config.service, its
 * endpoint from ses_resolve_service_endpoint: AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL, https://dynamodb.<region>.amazonaws.com): signed,
 * retried on throttling and 5xx, and timed out like every other AWS call.
 *
 * Items are flat lists of string (S) and number (N) attributes: all the
 * ledger stores. A conditional write whose condition does not hold is a
 * result of its own (SES_DYNAMODB_CONDITION_FAILED), never an error, since
 * it is how one machine learns another got there first.
 *
 * Writes are marked as calls with side effects: an answer lost after the
 * request went out is SES_OUTCOME_UNKNOWN and not retried. A write retried
 * after a throttling or 5xx answer may meet its own first attempt (a 5xx
 * does not promise the write was not applied): a CONDITION_FAILED with
 * status.attempts > 1 means "read the item back and see whose it is".
 */
#ifndef BRIEFING_DYNAMODB_H
#define BRIEFING_DYNAMODB_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/ses.h"

/* One attribute: `type` 'S' (string) or 'N' (number, in its decimal text).
 * Also an expression's value (`name` ":v") or name (`name` "#n", `type`
 * 'S', `value` the attribute's real name). */
typedef struct {
    const char *name;
    char type;
    const char *value;
} ses_dynamodb_attr;

/* An item read back: owned copies. */
typedef struct {
    char *name;
    char type;
    char *value;
} ses_dynamodb_owned_attr;

typedef struct {
    ses_dynamodb_owned_attr *attrs;
    size_t count;
} ses_dynamodb_item;

void ses_dynamodb_item_free(ses_dynamodb_item *item);
/* The value of attribute `name`, or NULL. */
const char *ses_dynamodb_item_get(const ses_dynamodb_item *item, const char *name);

/* A condition, key condition or update expression with its placeholders. */
typedef struct {
    const char *text;                    /* NULL: none */
    const ses_dynamodb_attr *names;      /* "#n" -> attribute name */
    size_t name_count;
    const ses_dynamodb_attr *values;     /* ":v" -> typed value */
    size_t value_count;
} ses_dynamodb_expression;

/* A global secondary index on string keys, projecting every attribute. */
typedef struct {
    const char *name;
    const char *partition_key;
    const char *sort_key;                /* NULL: none */
} ses_dynamodb_index;

/* A table on string keys, on-demand (PAY_PER_REQUEST). */
typedef struct {
    const char *name;
    const char *partition_key;
    const char *sort_key;                /* NULL: none */
    const ses_dynamodb_index *indexes;
    size_t index_count;
} ses_dynamodb_table_spec;

typedef enum {
    SES_DYNAMODB_DONE,
    SES_DYNAMODB_CONDITION_FAILED,       /* ConditionalCheckFailedException: nothing written */
    SES_DYNAMODB_FAILED,                 /* `status` says why (outcome FAILED or UNKNOWN) */
} ses_dynamodb_result;

/* CreateTable. A table that already exists is SES_DYNAMODB_CONDITION_FAILED
 * (ResourceInUseException): create-table stays idempotent. */
ses_dynamodb_result ses_dynamodb_create_table(ses_client *client,
                                              const ses_dynamodb_table_spec *spec,
                                              ses_status *status);

/* DescribeTable: `table_status` "CREATING", "ACTIVE"... ("" and `exists`
 * false for ResourceNotFoundException, which is true: a valid answer);
 * `all_indexes_active` whether every GSI is ACTIVE too. */
bool ses_dynamodb_describe_table(ses_client *client, const char *table, bool *exists,
                                 char *table_status, size_t table_status_size,
                                 bool *all_indexes_active, ses_status *status);

/* PutItem of `item` (its key included), when `condition` holds (text NULL:
 * always). */
ses_dynamodb_result ses_dynamodb_put_item(ses_client *client, const char *table,
                                          const ses_dynamodb_attr *item, size_t count,
                                          const ses_dynamodb_expression *condition,
                                          ses_status *status);

/* UpdateItem of the item at `key`: `update` is the UpdateExpression (its
 * names and values are merged with the condition's). */
ses_dynamodb_result ses_dynamodb_update_item(ses_client *client, const char *table,
                                             const ses_dynamodb_attr *key, size_t key_count,
                                             const ses_dynamodb_expression *update,
                                             const ses_dynamodb_expression *condition,
                                             ses_status *status);

/* GetItem, strongly consistent: `found` false (and true returned) when no
 * item has that key. Free `item` with ses_dynamodb_item_free. */
bool ses_dynamodb_get_item(ses_client *client, const char *table, const ses_dynamodb_attr *key,
                           size_t key_count, ses_dynamodb_item *item, bool *found,
                           ses_status *status);

/* One Query page. `index` NULL queries the table; `start` is the previous
 * page's `next` (NULL: the first page). */
typedef struct {
    const char *table;
    const char *index;
    ses_dynamodb_expression key_condition;
    int limit;                           /* 0: DynamoDB's own (1 MB of items) */
    bool descending;                     /* newest sort key first */
    const char *start;
} ses_dynamodb_query_spec;

/* A page: `next` NULL on the last page, else an opaque cursor (the
 * LastEvaluatedKey's JSON) for the next one. Free with ses_dynamodb_page_free. */
typedef struct {
    ses_dynamodb_item *items;
    size_t count;
    char *next;
} ses_dynamodb_page;

bool ses_dynamodb_query(ses_client *client, const ses_dynamodb_query_spec *spec,
                        ses_dynamodb_page *page, ses_status *status);
void ses_dynamodb_page_free(ses_dynamodb_page *page);

#endif
