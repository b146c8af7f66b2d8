/* The JSON APIs' pieces that need no peer: how an error answer is named
 * (x-amzn-ErrorType, else __type or code), and the SQS queue policy
 * `events --setup` writes and recognises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ses/ses_internal.h"

static void test_the_error_header_names_the_error(void **state)
{
    (void)state;
    ses_status status = {0};
    const char body[] = "{\"message\":\"Email address x does not exist on your suppression list.\"}";
    assert_true(ses_json_parse_error("NotFoundException:http://internal.amazon.com/coral/", body,
                                     strlen(body), &status));
    assert_string_equal(status.error_code, "NotFoundException");
    assert_string_equal(status.error_message,
                        "Email address x does not exist on your suppression list.");
}

static void test_the_body_names_it_when_the_header_is_absent(void **state)
{
    (void)state;
    ses_status status = {0};
    const char sqs[] = "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                       "\"message\":\"The specified queue does not exist.\"}";
    assert_true(ses_json_parse_error("", sqs, strlen(sqs), &status));
    assert_string_equal(status.error_code, "QueueDoesNotExist");
    const char emulator[] = "{\"type\":\"BadRequestException\",\"message\":\"Bad Request\","
                            "\"detail\":\"Account not found\"}";
    assert_true(ses_json_parse_error(NULL, emulator, strlen(emulator), &status));
    assert_string_equal(status.error_code, "BadRequestException");
}

static void test_an_answer_that_names_no_error_is_not_one(void **state)
{
    (void)state;
    ses_status status = {0};
    assert_false(ses_json_parse_error("", "<html>502</html>", 16, &status));
    assert_false(ses_json_parse_error(NULL, "{\"message\":\"x\"}", 15, &status));
    assert_false(ses_json_parse_error(NULL, "", 0, &status));
}

static void test_the_queue_policy_lets_only_its_topic_send(void **state)
{
    (void)state;
    const char *queue = "arn:aws:sqs:eu-west-1:123456789012:briefing-ses-events";
    const char *topic = "arn:aws:sns:eu-west-1:123456789012:briefing-ses-events";
    strbuf policy = STRBUF_INIT;
    ses_sqs_topic_policy(queue, topic, &policy);
    assert_non_null(strstr(strbuf_cstr(&policy), "\"aws:SourceArn\":\"arn:aws:sns:"));
    assert_true(ses_sqs_policy_allows_topic(strbuf_cstr(&policy), queue, topic));
    assert_false(ses_sqs_policy_allows_topic(strbuf_cstr(&policy), queue,
                                             "arn:aws:sns:eu-west-1:123456789012:other"));
    assert_false(ses_sqs_policy_allows_topic("", queue, topic));
    assert_false(ses_sqs_policy_allows_topic("not json", queue, topic));
    /* Written by hand with another Sid and in another order: still the same grant. */
    char other[1024];
    snprintf(other, sizeof other,
             "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"x\"},{\"Resource\":\"%s\","
             "\"Sid\":\"mine\",\"Action\":\"sqs:SendMessage\",\"Effect\":\"Allow\","
             "\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"%s\"}},"
             "\"Principal\":{\"Service\":\"sns.amazonaws.com\"}}]}",
             queue, topic);
    assert_true(ses_sqs_policy_allows_topic(other, queue, topic));
    strbuf_free(&policy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_error_header_names_the_error),
        cmocka_unit_test(test_the_body_names_it_when_the_header_is_absent),
        cmocka_unit_test(test_an_answer_that_names_no_error_is_not_one),
        cmocka_unit_test(test_the_queue_policy_lets_only_its_topic_send),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
