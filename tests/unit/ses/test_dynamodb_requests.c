/* The DynamoDB client's requests and answer readers, without a network:
 * the exact bodies it builds, a PutItem signed as the client signs it and
 * compared with botocore's signature of the same request, and how Query
 * pages and their cursors are read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "briefing/sigv4.h"
#include "ses/ses_internal.h"

/* Dumps and frees `request`; the caller frees the text. */
static char *dumped(json_t *request)
{
    assert_non_null(request);
    char *text = json_dumps(request, JSON_COMPACT);
    json_decref(request);
    assert_non_null(text);
    return text;
}

static const ses_dynamodb_attr claim_item[] = {
    {"pk", 'S', "cfo#weekly"},
    {"sk", 'S', "2026-12-07T09:12:00Z#42"},
    {"state", 'S', "sending"},
    {"attempts", 'N', "1"},
};
static const char claim_body[] =
    "{\"TableName\":\"briefing-ledger\",\"Item\":{\"pk\":{\"S\":\"cfo#weekly\"},"
    "\"sk\":{\"S\":\"2026-12-07T09:12:00Z#42\"},\"state\":{\"S\":\"sending\"},"
    "\"attempts\":{\"N\":\"1\"}},\"ConditionExpression\":\"attribute_not_exists(pk)\"}";

static void test_a_conditional_put_is_the_item_and_its_condition(void **state)
{
    (void)state;
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    char *body = dumped(ses_dynamodb_put_request("briefing-ledger", claim_item, 4, &condition));
    assert_string_equal(body, claim_body);
    free(body);
}

/* The vector: botocore 1.29's SigV4Auth for service "dynamodb", region
 * eu-west-1, signing claim_body at 2026-12-07T09:12:00Z with the headers
 * the client signs (Host, Content-Type, X-Amz-Target) and AWS's
 * documented example keys. */
static void test_a_put_is_signed_as_botocore_signs_it(void **state)
{
    (void)state;
    char payload_hash[65];
    sigv4_payload_hash(claim_body, strlen(claim_body), payload_hash);
    const sigv4_header headers[] = {
        {"Host", "dynamodb.eu-west-1.amazonaws.com"},
        {"Content-Type", "application/x-amz-json-1.0"},
        {"X-Amz-Target", "DynamoDB_20120810.PutItem"},
    };
    const sigv4_request request = {"POST", "/", NULL, headers, 3, payload_hash};
    const sigv4_credentials credentials = {"AKIDEXAMPLE",
                                           "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", NULL};
    sigv4_result result = {0};
    sigv4_sign(&request, &credentials, "eu-west-1", "dynamodb", (time_t)1796634720, 1, &result);
    assert_string_equal(
        strbuf_cstr(&result.authorization),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/eu-west-1/dynamodb/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
        "Signature=6b27d258617488a9272397eda8518ae32d5f9b68f0673ac131c760ad64e1f050");
    sigv4_result_free(&result);
}

static void test_a_table_is_on_demand_and_defines_each_key_once(void **state)
{
    (void)state;
    const ses_dynamodb_index indexes[] = {{"by_batch", "batch", "sk"},
                                          {"by_message_id", "message_id", NULL}};
    const ses_dynamodb_table_spec spec = {"briefing-ledger", "pk", "sk", indexes, 2};
    char *body = dumped(ses_dynamodb_create_table_request(&spec));
    assert_string_equal(
        body,
        "{\"TableName\":\"briefing-ledger\",\"BillingMode\":\"PAY_PER_REQUEST\","
        "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
        "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
        "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"by_batch\",\"KeySchema\":"
        "[{\"AttributeName\":\"batch\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\","
        "\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}},"
        "{\"IndexName\":\"by_message_id\",\"KeySchema\":[{\"AttributeName\":\"message_id\","
        "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}],"
        "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
        "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"},"
        "{\"AttributeName\":\"batch\",\"AttributeType\":\"S\"},"
        "{\"AttributeName\":\"message_id\",\"AttributeType\":\"S\"}]}");
    free(body);
}

static void test_an_update_merges_its_placeholders_with_the_condition(void **state)
{
    (void)state;
    const ses_dynamodb_attr key[] = {{"pk", 'S', "cfo#weekly"}, {"sk", 'S', "s"}};
    const ses_dynamodb_attr names[] = {{"#state", 'S', "state"}};
    const ses_dynamodb_attr to[] = {{":to", 'S', "sent"}, {":one", 'N', "1"}};
    const ses_dynamodb_attr from[] = {{":from", 'S', "sending"}};
    const ses_dynamodb_expression update = {"SET #state = :to ADD attempts :one", names, 1, to,
                                            2};
    const ses_dynamodb_expression condition = {"#state = :from", names, 1, from, 1};
    char *body = dumped(ses_dynamodb_update_request("t1x", key, 2, &update, &condition));
    assert_string_equal(
        body, "{\"TableName\":\"t1x\",\"Key\":{\"pk\":{\"S\":\"cfo#weekly\"},\"sk\":{\"S\":\"s\"}},"
              "\"UpdateExpression\":\"SET #state = :to ADD attempts :one\","
              "\"ExpressionAttributeNames\":{\"#state\":\"state\"},"
              "\"ExpressionAttributeValues\":{\":to\":{\"S\":\"sent\"},\":one\":{\"N\":\"1\"},"
              "\":from\":{\"S\":\"sending\"}},\"ConditionExpression\":\"#state = :from\"}");
    free(body);
}

static const char page_answer[] =
    "{\"Count\":2,\"Items\":[{\"pk\":{\"S\":\"cfo#weekly\"},\"sk\":{\"S\":\"a\"},"
    "\"attempts\":{\"N\":\"2\"}},{\"pk\":{\"S\":\"cto#weekly\"},\"sk\":{\"S\":\"b\"}}],"
    "\"LastEvaluatedKey\":{\"sk\":{\"S\":\"b\"},\"pk\":{\"S\":\"cto#weekly\"},"
    "\"batch\":{\"S\":\"7\"}}}";

static void test_a_page_reads_items_and_hands_its_cursor_to_the_next_query(void **state)
{
    (void)state;
    ses_dynamodb_page page = {0};
    assert_null(ses_dynamodb_page_read(&page, page_answer, strlen(page_answer)));
    assert_int_equal(page.count, 2);
    assert_string_equal(ses_dynamodb_item_get(&page.items[0], "attempts"), "2");
    assert_int_equal(page.items[0].attrs[2].type, 'N');
    assert_string_equal(ses_dynamodb_item_get(&page.items[1], "pk"), "cto#weekly");
    assert_null(ses_dynamodb_item_get(&page.items[1], "attempts"));
    assert_non_null(page.next);

    const ses_dynamodb_attr names[] = {{"#k", 'S', "batch"}};
    const ses_dynamodb_attr values[] = {{":v", 'S', "7"}};
    const ses_dynamodb_query_spec spec = {"t1x", "by_batch", {"#k = :v", names, 1, values, 1},
                                          2, true, page.next};
    char error[256] = "";
    char *body = dumped(ses_dynamodb_query_request(&spec, error, sizeof error));
    assert_string_equal(
        body, "{\"TableName\":\"t1x\",\"ScanIndexForward\":false,\"IndexName\":\"by_batch\","
              "\"KeyConditionExpression\":\"#k = :v\",\"ExpressionAttributeNames\":{\"#k\":"
              "\"batch\"},\"ExpressionAttributeValues\":{\":v\":{\"S\":\"7\"}},\"Limit\":2,"
              "\"ExclusiveStartKey\":{\"batch\":{\"S\":\"7\"},\"pk\":{\"S\":\"cto#weekly\"},"
              "\"sk\":{\"S\":\"b\"}}}");
    free(body);
    ses_dynamodb_page_free(&page);
    assert_null(page.items);
}

static void test_the_last_page_has_no_cursor(void **state)
{
    (void)state;
    ses_dynamodb_page page = {0};
    const char last[] = "{\"Count\":0,\"Items\":[]}";
    assert_null(ses_dynamodb_page_read(&page, last, strlen(last)));
    assert_int_equal(page.count, 0);
    assert_null(page.next);
    ses_dynamodb_page_free(&page);
}

static void test_answers_it_cannot_read_say_why(void **state)
{
    (void)state;
    ses_dynamodb_page page = {0};
    const char boolean[] = "{\"Items\":[{\"pk\":{\"S\":\"x\"},\"sent\":{\"BOOL\":true}}]}";
    assert_string_equal(ses_dynamodb_page_read(&page, boolean, strlen(boolean)),
                        "an attribute is neither a string (S) nor a number (N)");
    assert_int_equal(page.count, 0);
    assert_string_equal(ses_dynamodb_page_read(&page, "{}", 2), "the answer has no Items list");
    assert_string_equal(ses_dynamodb_page_read(&page, "<html>", 6),
                        "the answer has no Items list");

    const ses_dynamodb_query_spec spec = {"t1x", NULL, {"pk = :v", NULL, 0, NULL, 0}, 0, false,
                                          "[not a key]"};
    char error[256] = "";
    assert_null(ses_dynamodb_query_request(&spec, error, sizeof error));
    assert_string_equal(error, "Query t1x: the page cursor is not a key");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_conditional_put_is_the_item_and_its_condition),
        cmocka_unit_test(test_a_put_is_signed_as_botocore_signs_it),
        cmocka_unit_test(test_a_table_is_on_demand_and_defines_each_key_once),
        cmocka_unit_test(test_an_update_merges_its_placeholders_with_the_condition),
        cmocka_unit_test(test_a_page_reads_items_and_hands_its_cursor_to_the_next_query),
        cmocka_unit_test(test_the_last_page_has_no_cursor),
        cmocka_unit_test(test_answers_it_cannot_read_say_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
