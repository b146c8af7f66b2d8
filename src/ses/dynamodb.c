/* dynamodb: CreateTable, DescribeTable, PutItem, UpdateItem, GetItem and
 * Query in DynamoDB's JSON 1.0 protocol, through ses_json10_call (signed
 * for "dynamodb", retried on throttling and 5xx). Bodies are built and read
 * with jansson; the builders are in ses_internal.h so that unit tests see
 * the exact requests without a network.
 */
#include "briefing/dynamodb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ses/ses_internal.h"

static const char DYNAMODB_TARGET[] = "DynamoDB_20120810";
static const char CONDITION_FAILED_CODE[] = "ConditionalCheckFailedException";

static void *dynamodb_checked(void *pointer)
{
    if (!pointer) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return pointer;
}

/* ---- request building ---- */

/* A JSON string (jansson's; util's writer is jsonw_, so the names no longer
 * meet at link time). */
static json_t *dynamodb_text(const char *text)
{
    return json_string(text);
}

/* {"S": "text"} or {"N": "12"}. */
static json_t *dynamodb_value(const ses_dynamodb_attr *attr)
{
    char type[2] = {attr->type, '\0'};
    return json_pack("{s:s}", type, attr->value ? attr->value : "");
}

json_t *ses_dynamodb_attr_map(const ses_dynamodb_attr *attrs, size_t count)
{
    json_t *map = json_object();
    for (size_t i = 0; i < count; i++)
        json_object_set_new(map, attrs[i].name, dynamodb_value(&attrs[i]));
    return map;
}

/* Adds `expression`'s names and values to ExpressionAttributeNames and
 * ExpressionAttributeValues (created on first use), and its text as
 * `member` unless `member` is NULL. */
static void dynamodb_add_expression(json_t *request, const char *member,
                                    const ses_dynamodb_expression *expression)
{
    if (!expression || !expression->text)
        return;
    if (member)
        json_object_set_new(request, member, dynamodb_text(expression->text));
    if (expression->name_count) {
        json_t *names = json_object_get(request, "ExpressionAttributeNames");
        if (!names) {
            names = json_object();
            json_object_set_new(request, "ExpressionAttributeNames", names);
        }
        for (size_t i = 0; i < expression->name_count; i++)
            json_object_set_new(names, expression->names[i].name,
                                dynamodb_text(expression->names[i].value));
    }
    if (expression->value_count) {
        json_t *values = json_object_get(request, "ExpressionAttributeValues");
        if (!values) {
            values = json_object();
            json_object_set_new(request, "ExpressionAttributeValues", values);
        }
        for (size_t i = 0; i < expression->value_count; i++)
            json_object_set_new(values, expression->values[i].name,
                                dynamodb_value(&expression->values[i]));
    }
}

/* Adds string attribute `name` to AttributeDefinitions unless it is there:
 * DynamoDB refuses a definition given twice (a key of the table and of an
 * index) as much as one no key uses. */
static void dynamodb_define_key(json_t *definitions, const char *name)
{
    for (size_t i = 0; i < json_array_size(definitions); i++) {
        const json_t *defined = json_object_get(json_array_get(definitions, i), "AttributeName");
        if (strcmp(json_string_value(defined), name) == 0)
            return;
    }
    json_array_append_new(definitions,
                          json_pack("{s:s, s:s}", "AttributeName", name, "AttributeType", "S"));
}

/* KeySchema, with the AttributeDefinitions its keys need (all strings). */
static json_t *dynamodb_key_schema(const char *partition_key, const char *sort_key,
                                   json_t *definitions)
{
    json_t *schema = json_pack("[{s:s, s:s}]", "AttributeName", partition_key, "KeyType", "HASH");
    dynamodb_define_key(definitions, partition_key);
    if (sort_key) {
        json_array_append_new(
            schema, json_pack("{s:s, s:s}", "AttributeName", sort_key, "KeyType", "RANGE"));
        dynamodb_define_key(definitions, sort_key);
    }
    return schema;
}

json_t *ses_dynamodb_create_table_request(const ses_dynamodb_table_spec *spec)
{
    json_t *definitions = json_array();
    json_t *request = json_pack("{s:s, s:s}", "TableName", spec->name, "BillingMode",
                                "PAY_PER_REQUEST");
    json_object_set_new(request, "KeySchema",
                        dynamodb_key_schema(spec->partition_key, spec->sort_key, definitions));
    if (spec->index_count) {
        json_t *indexes = json_array();
        for (size_t i = 0; i < spec->index_count; i++) {
            const ses_dynamodb_index *index = &spec->indexes[i];
            json_array_append_new(
                indexes,
                json_pack("{s:s, s:o, s:{s:s}}", "IndexName", index->name, "KeySchema",
                          dynamodb_key_schema(index->partition_key, index->sort_key, definitions),
                          "Projection", "ProjectionType", "ALL"));
        }
        json_object_set_new(request, "GlobalSecondaryIndexes", indexes);
    }
    json_object_set_new(request, "AttributeDefinitions", definitions);
    return request;
}

json_t *ses_dynamodb_put_request(const char *table, const ses_dynamodb_attr *item, size_t count,
                                 const ses_dynamodb_expression *condition)
{
    json_t *request = json_pack("{s:s, s:o}", "TableName", table, "Item",
                                ses_dynamodb_attr_map(item, count));
    dynamodb_add_expression(request, "ConditionExpression", condition);
    return request;
}

json_t *ses_dynamodb_update_request(const char *table, const ses_dynamodb_attr *key,
                                    size_t key_count, const ses_dynamodb_expression *update,
                                    const ses_dynamodb_expression *condition)
{
    json_t *request = json_pack("{s:s, s:o}", "TableName", table, "Key",
                                ses_dynamodb_attr_map(key, key_count));
    dynamodb_add_expression(request, "UpdateExpression", update);
    dynamodb_add_expression(request, "ConditionExpression", condition);
    return request;
}

json_t *ses_dynamodb_query_request(const ses_dynamodb_query_spec *spec, char *error,
                                   size_t error_size)
{
    json_t *request = json_pack("{s:s, s:b}", "TableName", spec->table, "ScanIndexForward",
                                !spec->descending);
    if (spec->index)
        json_object_set_new(request, "IndexName", dynamodb_text(spec->index));
    dynamodb_add_expression(request, "KeyConditionExpression", &spec->key_condition);
    if (spec->limit > 0)
        json_object_set_new(request, "Limit", json_pack("i", spec->limit));
    if (spec->start) {
        json_t *start = json_loads(spec->start, 0, NULL);
        if (!json_is_object(start)) {
            snprintf(error, error_size, "Query %s: the page cursor is not a key", spec->table);
            json_decref(start);
            json_decref(request);
            return NULL;
        }
        json_object_set_new(request, "ExclusiveStartKey", start);
    }
    return request;
}

/* ---- answer reading ---- */

void ses_dynamodb_item_free(ses_dynamodb_item *item)
{
    for (size_t i = 0; i < item->count; i++) {
        free(item->attrs[i].name);
        free(item->attrs[i].value);
    }
    free(item->attrs);
    item->attrs = NULL;
    item->count = 0;
}

const char *ses_dynamodb_item_get(const ses_dynamodb_item *item, const char *name)
{
    for (size_t i = 0; i < item->count; i++)
        if (strcmp(item->attrs[i].name, name) == 0)
            return item->attrs[i].value;
    return NULL;
}

const char *ses_dynamodb_item_read(const json_t *map, ses_dynamodb_item *item)
{
    item->attrs = NULL;
    item->count = 0;
    if (!json_is_object(map))
        return "an item is not a JSON object";
    item->attrs = dynamodb_checked(calloc(json_object_size(map) + 1, sizeof *item->attrs));
    const char *name;
    json_t *value;
    json_object_foreach((json_t *)map, name, value) {
        const char *text = json_string_value(json_object_get(value, "S"));
        char type = 'S';
        if (!text) {
            text = json_string_value(json_object_get(value, "N"));
            type = 'N';
        }
        if (!text || json_object_size(value) != 1) {
            ses_dynamodb_item_free(item);
            return "an attribute is neither a string (S) nor a number (N)";
        }
        ses_dynamodb_owned_attr *attr = &item->attrs[item->count++];
        attr->name = dynamodb_checked(strdup(name));
        attr->type = type;
        attr->value = dynamodb_checked(strdup(text));
    }
    return NULL;
}

void ses_dynamodb_page_free(ses_dynamodb_page *page)
{
    for (size_t i = 0; i < page->count; i++)
        ses_dynamodb_item_free(&page->items[i]);
    free(page->items);
    free(page->next);
    page->items = NULL;
    page->count = 0;
    page->next = NULL;
}

const char *ses_dynamodb_page_read(void *context, const char *body, size_t length)
{
    ses_dynamodb_page *page = context;
    ses_dynamodb_page_free(page); /* a retried attempt may have read one before */
    json_t *root = json_loadb(body, length, 0, NULL);
    const json_t *items = json_object_get(root, "Items");
    const char *why = json_is_array(items) ? NULL : "the answer has no Items list";
    size_t n = why ? 0 : json_array_size(items);
    page->items = dynamodb_checked(calloc(n + 1, sizeof *page->items));
    for (size_t i = 0; i < n && !why; i++) {
        why = ses_dynamodb_item_read(json_array_get(items, i), &page->items[i]);
        if (!why)
            page->count++;
    }
    const json_t *last = json_object_get(root, "LastEvaluatedKey");
    if (!why && json_is_object(last) && json_object_size(last) > 0)
        page->next = dynamodb_checked(json_dumps(last, JSON_COMPACT | JSON_SORT_KEYS));
    if (why)
        ses_dynamodb_page_free(page);
    json_decref(root);
    return why;
}

/* ---- calls ---- */

/* A write's result: CONDITION_FAILED is told apart from every other failure. */
static ses_dynamodb_result dynamodb_write_result(bool ok, const ses_status *status)
{
    if (ok)
        return SES_DYNAMODB_DONE;
    if (strcmp(status->error_code, CONDITION_FAILED_CODE) == 0)
        return SES_DYNAMODB_CONDITION_FAILED;
    return SES_DYNAMODB_FAILED;
}

ses_dynamodb_result ses_dynamodb_create_table(ses_client *client,
                                              const ses_dynamodb_table_spec *spec,
                                              ses_status *status)
{
    bool ok = ses_json10_call(client, DYNAMODB_TARGET, "CreateTable", true,
                              ses_dynamodb_create_table_request(spec), NULL, NULL, status);
    if (!ok && strcmp(status->error_code, "ResourceInUseException") == 0)
        return SES_DYNAMODB_CONDITION_FAILED;
    return ok ? SES_DYNAMODB_DONE : SES_DYNAMODB_FAILED;
}

typedef struct {
    char *table_status;
    size_t table_status_size;
    bool all_indexes_active;
} dynamodb_description;

static const char *dynamodb_description_read(void *context, const char *body, size_t length)
{
    dynamodb_description *out = context;
    json_t *root = json_loadb(body, length, 0, NULL);
    const json_t *table = json_object_get(root, "Table");
    const char *state = json_string_value(json_object_get(table, "TableStatus"));
    if (state) {
        ses_copy_text(out->table_status, out->table_status_size, state);
        const json_t *indexes = json_object_get(table, "GlobalSecondaryIndexes");
        out->all_indexes_active = true;
        for (size_t i = 0; i < json_array_size(indexes); i++) {
            const char *index_state = json_string_value(
                json_object_get(json_array_get(indexes, i), "IndexStatus"));
            out->all_indexes_active &= index_state && strcmp(index_state, "ACTIVE") == 0;
        }
    }
    json_decref(root);
    return state ? NULL : "the answer has no Table.TableStatus";
}

bool ses_dynamodb_describe_table(ses_client *client, const char *table, bool *exists,
                                 char *table_status, size_t table_status_size,
                                 bool *all_indexes_active, ses_status *status)
{
    table_status[0] = '\0';
    dynamodb_description out = {table_status, table_status_size, false};
    bool ok = ses_json10_call(client, DYNAMODB_TARGET, "DescribeTable", false,
                              json_pack("{s:s}", "TableName", table), dynamodb_description_read,
                              &out, status);
    *exists = ok;
    *all_indexes_active = ok && out.all_indexes_active;
    if (!ok && strcmp(status->error_code, "ResourceNotFoundException") == 0)
        return true;
    return ok;
}

ses_dynamodb_result ses_dynamodb_put_item(ses_client *client, const char *table,
                                          const ses_dynamodb_attr *item, size_t count,
                                          const ses_dynamodb_expression *condition,
                                          ses_status *status)
{
    bool ok = ses_json10_call(client, DYNAMODB_TARGET, "PutItem", true,
                              ses_dynamodb_put_request(table, item, count, condition), NULL, NULL,
                              status);
    return dynamodb_write_result(ok, status);
}

ses_dynamodb_result ses_dynamodb_update_item(ses_client *client, const char *table,
                                             const ses_dynamodb_attr *key, size_t key_count,
                                             const ses_dynamodb_expression *update,
                                             const ses_dynamodb_expression *condition,
                                             ses_status *status)
{
    bool ok = ses_json10_call(client, DYNAMODB_TARGET, "UpdateItem", true,
                              ses_dynamodb_update_request(table, key, key_count, update, condition),
                              NULL, NULL, status);
    return dynamodb_write_result(ok, status);
}

typedef struct {
    ses_dynamodb_item *item;
    bool found;
} dynamodb_got;

static const char *dynamodb_got_read(void *context, const char *body, size_t length)
{
    dynamodb_got *out = context;
    ses_dynamodb_item_free(out->item); /* a retried attempt may have read one before */
    json_t *root = json_loadb(body, length, 0, NULL);
    const char *why = json_is_object(root) ? NULL : "the answer is not a JSON object";
    const json_t *item = json_object_get(root, "Item");
    out->found = item != NULL;
    if (!why && item)
        why = ses_dynamodb_item_read(item, out->item);
    json_decref(root);
    return why;
}

bool ses_dynamodb_get_item(ses_client *client, const char *table, const ses_dynamodb_attr *key,
                           size_t key_count, ses_dynamodb_item *item, bool *found,
                           ses_status *status)
{
    item->attrs = NULL;
    item->count = 0;
    dynamodb_got out = {item, false};
    bool ok = ses_json10_call(client, DYNAMODB_TARGET, "GetItem", false,
                              json_pack("{s:s, s:o, s:b}", "TableName", table, "Key",
                                        ses_dynamodb_attr_map(key, key_count), "ConsistentRead",
                                        1),
                              dynamodb_got_read, &out, status);
    *found = ok && out.found;
    if (!ok)
        ses_dynamodb_item_free(item);
    return ok;
}

bool ses_dynamodb_query(ses_client *client, const ses_dynamodb_query_spec *spec,
                        ses_dynamodb_page *page, ses_status *status)
{
    *page = (ses_dynamodb_page){NULL, 0, NULL};
    char error[256];
    json_t *request = ses_dynamodb_query_request(spec, error, sizeof error);
    if (!request) {
        memset(status, 0, sizeof *status);
        status->outcome = SES_OUTCOME_FAILED;
        ses_copy_text(status->error_code, sizeof status->error_code, "bad_cursor");
        ses_copy_text(status->error_message, sizeof status->error_message, error);
        return false;
    }
    bool ok = ses_json10_call(client, DYNAMODB_TARGET, "Query", false, request,
                              ses_dynamodb_page_read, page, status);
    if (!ok)
        ses_dynamodb_page_free(page);
    return ok;
}
